/*
 * test/js/polyfills/promise-api.js — the parts of lode's Promise that talk
 * to the engine: hooks.enqueueMicrotask (jobs only, never timers) and
 * hooks.rejectionTracker ('unhandled' when rejected with no handler,
 * 'handled' when one is attached later), plus promiseState().
 * The expected tracker calls are those of ECMA-262's
 * HostPromiseRejectionTracker, which V8 makes at the same points.
 */
'use strict';

var assert = require('assert');
var common = require('./support/common.js');
var polyfills = common.polyfills;
var P = polyfills.Promise;

var queue = [];
var events = [];
var names = new Map();

function label(p) {
	if (!names.has(p))
		names.set(p, 'p' + names.size);
	return names.get(p);
}

polyfills.install({}, {
	enqueueMicrotask: function (fn) {
		assert.strictEqual(typeof fn, 'function');
		queue.push(fn);
	},
	rejectionTracker: function (type, promise, reason) {
		assert.ok(promise instanceof P);
		events.push(type + ' ' + label(promise) + (type === 'unhandled' ? ' ' + common.show(reason) : ''));
	}
});

/* Our own microtask queue, drained synchronously. */
function drain() {
	var n = 0;
	while (queue.length > 0) {
		queue.shift()();
		n++;
	}
	return n;
}

function take() {
	var e = events;
	events = [];
	return e.join('; ');
}

var checks = 0;
function eq(got, want, what) {
	checks++;
	assert.strictEqual(got, want, what);
}

/* nothing is queued before anyone listens */
var p0 = P.resolve(1);
eq(queue.length, 0, 'resolve queues nothing');
p0.then(function () {});
eq(queue.length, 1, 'then on a settled promise queues one job');
drain();

/* reject with no handler, handler attached later */
var a = P.reject('r1');
label(a);
eq(take(), 'unhandled p0 "r1"', 'reject without handler');
drain();
a['catch'](function () {});
eq(take(), 'handled p0', 'late handler');
a['catch'](function () {});
eq(take(), '', 'second handler: nothing');
drain();

/* handler attached before rejection: no events */
var rejectB;
var b = new P(function (res, rej) { rejectB = rej; });
b.then(null, function () {});
rejectB('r2');
drain();
eq(take(), '', 'handled before rejection');

/* the derived promise is the unhandled one */
names = new Map();
var rejectC;
var c = new P(function (res, rej) { rejectC = rej; });
label(c);
var d = c.then(function () {});
label(d);
rejectC('r3');
eq(take(), '', 'c has a handler');
drain();
eq(take(), 'unhandled p1 "r3"', 'derived promise rejected without handler');

/* throwing in a handler */
names = new Map();
var e1 = P.resolve().then(function () { throw 'thrown'; });
label(e1);
drain();
eq(take(), 'unhandled p0 "thrown"', 'throw in then');
e1.then(null, function () {});
eq(take(), 'handled p0', 'then(null, f) handles');
drain();

/* Promise.all marks its inputs handled and reports its own result */
names = new Map();
var r4 = P.reject('r4');
label(r4);
var all = P.all([r4]);
label(all);
eq(take(), 'unhandled p0 "r4"; handled p0', 'all attaches to the input');
drain();
eq(take(), 'unhandled p1 "r4"', 'the all() promise is unhandled');

/* resolving with a rejected promise adopts it and handles it */
names = new Map();
var r5 = P.reject('r5');
label(r5);
var adopt = P.resolve().then(function () { return r5; });
label(adopt);
drain();
eq(take(), 'unhandled p0 "r5"; handled p0; unhandled p1 "r5"', 'adoption');

/* no timers: a long chain completes within drain() */
var done = false;
P.resolve(0).then(function (v) { return v + 1; }).then(function (v) { return P.resolve(v + 1); })
	.then(function (v) { return { then: function (r) { r(v + 1); } }; }).then(function (v) { done = v; });
drain();
eq(done, 3, 'chain completes from the queue alone');

/* promiseState */
var rej;
var pend = new P(function (r, j) { rej = j; });
eq(JSON.stringify(polyfills.promiseState(pend)), '{"state":"pending"}', 'pending');
rej('x');
drain();
take();
pend['catch'](function () {});
take();
eq(JSON.stringify(polyfills.promiseState(pend)), '{"state":"rejected","value":"x"}', 'rejected');
eq(JSON.stringify(polyfills.promiseState(P.resolve(2))), '{"state":"fulfilled","value":2}', 'fulfilled');
eq(polyfills.promiseState({}), undefined, 'not a promise');
eq(JSON.stringify(P.resolve(3)), '{}', 'no visible state');
eq(Object.getOwnPropertyNames(P.resolve(3)).length, 0, 'no own names');

/* withResolvers */
var wr = P.withResolvers();
var got;
wr.promise.then(function (v) { got = v; });
wr.resolve('wr');
drain();
eq(got, 'wr', 'withResolvers');

/* a capability executor called twice with functions throws */
var thrown;
function Weird(ex) {
	ex(function () {}, function () {});
	try {
		ex(function () {}, function () {});
	} catch (err) {
		thrown = err;
	}
}
P.resolve.call(Weird, 1);
eq(thrown instanceof TypeError, true, 'executor invoked twice');
assert.throws(function () { P.resolve.call(function (ex) { ex(1, 2); }, 1); }, TypeError);

/* ES5-style subclass (P.call(this, executor)) works with the polyfill */
function Sub(executor) {
	P.call(this, executor);
}
Sub.prototype = Object.create(P.prototype);
Sub.prototype.constructor = Sub;
var s = new Sub(function (r) { r(7); });
eq(s instanceof P && s instanceof Sub, true, 'ES5 subclass instance');
eq(s.then(function () {}).constructor, P, 'species: Sub does not inherit P, so then() makes a P');
Object.setPrototypeOf(Sub, P);
var st = s.then(function (v) { return v * 2; });
eq(st instanceof Sub, true, 'then keeps the subclass');
var sv;
st.then(function (v) { sv = v; });
drain();
eq(sv, 14, 'ES5 subclass value');
assert.throws(function () { P.call(s, function () {}); }, TypeError);

/* AggregateError from install() on a bare global */
var g = {};
polyfills.install(g, { enqueueMicrotask: function (fn) { queue.push(fn); } });
var AE = g.AggregateError;
var ae = new AE([1, 2], 'msg');
eq(ae instanceof Error, true, 'AggregateError is an Error');
eq(ae.name + ' ' + ae.message + ' ' + ae.errors.join(), 'AggregateError msg 1,2', 'AggregateError fields');
eq(Object.keys(ae).length, 0, 'AggregateError fields not enumerable');
eq(AE([3]).errors[0], 3, 'AggregateError without new');
eq(typeof ae.stack, 'string', 'AggregateError has a stack');
eq(ae.stack.indexOf('AggregateError: msg'), 0, 'stack header');
var native = new AggregateError([1, 2], 'msg');
eq(String(ae), String(native), 'toString like native');

console.log(checks + ' checks, 0 failures');
