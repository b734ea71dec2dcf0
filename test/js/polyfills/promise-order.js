/*
 * test/js/polyfills/promise-order.js — the order of Promise callbacks under
 * lode's polyfill against node's native Promise. Each scenario runs alone
 * (native first, then the polyfill, both on node's microtask queue); the
 * logs must be identical line for line.
 */
'use strict';

var common = require('./support/common.js');
var show = common.show;
var polyfills = common.polyfills;

polyfills.install({}, {
	enqueueMicrotask: function (fn) { queueMicrotask(fn); },
	rejectionTracker: function () {}
});

var NativePromise = Promise;
var scenarios = {};

function tag(e) {
	return e instanceof Error ? e.name + ': ' + e.message : show(e);
}

scenarios.interleavedChains = function (P, log) {
	P.resolve().then(function () { log('a1'); }).then(function () { log('a2'); }).then(function () { log('a3'); });
	P.resolve().then(function () { log('b1'); }).then(function () { log('b2'); }).then(function () { log('b3'); });
	new P(function (resolve) { log('executor'); resolve('x'); log('after resolve'); }).then(function (v) { log('c1 ' + v); });
	log('sync end');
};

scenarios.resolveWithPromise = function (P, log) {
	var inner = P.resolve('inner');
	new P(function (resolve) { resolve(inner); }).then(function (v) { log('outer ' + v); });
	P.resolve().then(function () { log('t1'); }).then(function () { log('t2'); }).then(function () { log('t3'); }).then(function () { log('t4'); });
	P.resolve().then(function () { return inner; }).then(function (v) { log('returned ' + v); });
	P.resolve().then(function () { return 'plain'; }).then(function (v) { log('returned ' + v); });
};

scenarios.nestedResolution = function (P, log) {
	var p = P.resolve(P.resolve(P.resolve(1)));
	p.then(function (v) { log('nested ' + v); });
	new P(function (res) { res(new P(function (r2) { r2(new P(function (r3) { r3(2); })); })); }).then(function (v) { log('deep ' + v); });
	var i = 0;
	function tick() { if (i < 8) { log('tick ' + i++); P.resolve().then(tick); } }
	tick();
};

scenarios.thenables = function (P, log) {
	var gets = 0;
	var thenable = {};
	Object.defineProperty(thenable, 'then', {
		get: function () {
			gets++;
			log('get then #' + gets);
			return function (resolve, reject) {
				log('then called');
				resolve('from thenable');
				reject('ignored');
				resolve('ignored too');
				throw new Error('ignored throw');
			};
		}
	});
	P.resolve(thenable).then(function (v) { log('adopted ' + v); });
	var async = { then: function (res) { log('async then'); setTimeout(function () { res('late'); }, 1); } };
	P.resolve(async).then(function (v) { log('adopted ' + v); });
	var throwing = { then: function () { throw new Error('boom'); } };
	P.resolve(throwing).then(null, function (e) { log('rejected ' + tag(e)); });
	var badGetter = {};
	Object.defineProperty(badGetter, 'then', { get: function () { throw new Error('getter'); } });
	P.resolve(badGetter).then(null, function (e) { log('rejected ' + tag(e)); });
	P.resolve({ then: 42 }).then(function (v) { log('non-callable then ' + show(v)); });
	var fnThenable = function () {};
	fnThenable.then = function (r) { r('function thenable'); };
	P.resolve(fnThenable).then(function (v) { log(v); });
	P.resolve().then(function () { log('m1'); }).then(function () { log('m2'); }).then(function () { log('m3'); });
	return new P(function (r) { setTimeout(r, 5); });
};

scenarios.selfResolution = function (P, log) {
	var resolveIt;
	var p = new P(function (r) { resolveIt = r; });
	resolveIt(p);
	p.then(null, function (e) { log('self: ' + e.constructor.name); });
	var q = P.resolve().then(function () { return q; });
	q.then(null, function (e) { log('then self: ' + e.constructor.name); });
};

scenarios.errors = function (P, log) {
	new P(function () { throw new Error('executor'); }).then(null, function (e) { log(tag(e)); });
	new P(function (resolve) { resolve(1); throw new Error('after'); }).then(function (v) { log('kept ' + v); });
	P.reject(new RangeError('r')).then(function () { log('skipped'); }).then(null, function (e) { log('passed through ' + tag(e)); });
	P.resolve(1).then(function () { throw new TypeError('in then'); }).catch(function (e) { log('caught ' + tag(e)); return 'recovered'; }).then(function (v) { log(v); });
	P.resolve(5).then(null, function () { log('not called'); }).then(function (v) { log('value passed ' + v); });
	P.resolve(6).then(7, 8).then(function (v) { log('non-function handlers ' + v); });
	P.reject(9).catch().catch(function (v) { log('rejection through empty catch ' + v); });
	var calledThis = [];
	P.resolve().then(function () { 'use strict'; calledThis.push(this); }).then(function () { log('this ' + show(calledThis[0])); });
};

scenarios.finallySemantics = function (P, log) {
	P.resolve(1)['finally'](function () { log('finally 1 args ' + arguments.length); return 'ignored'; }).then(function (v) { log('value ' + v); });
	P.reject(2)['finally'](function () { log('finally 2'); }).then(null, function (e) { log('reason ' + e); });
	P.resolve(3)['finally'](function () { throw new Error('override'); }).then(null, function (e) { log('overridden ' + tag(e)); });
	P.resolve(4)['finally'](function () { return P.reject('rejected finally'); }).then(null, function (e) { log('overridden ' + e); });
	P.resolve(5)['finally'](function () {
		return { then: function (r) { log('finally thenable'); r('x'); } };
	}).then(function (v) { log('waited ' + v); });
	P.resolve(6)['finally'](function () {
		return new P(function (r) { setTimeout(function () { log('timer in finally'); r(); }, 2); });
	}).then(function (v) { log('after timer ' + v); });
	P.resolve(7)['finally']().then(function (v) { log('no callback ' + v); });
	P.resolve().then(function () { log('x1'); }).then(function () { log('x2'); }).then(function () { log('x3'); }).then(function () { log('x4'); }).then(function () { log('x5'); });
	return new P(function (r) { setTimeout(r, 10); });
};

scenarios.all = function (P, log) {
	P.all([1, P.resolve(2), { then: function (r) { r(3); } }, new P(function (r) { setTimeout(function () { r(4); }, 1); })])
		.then(function (v) { log('all ' + show(v)); });
	P.all([]).then(function (v) { log('all empty ' + show(v)); });
	P.all([P.resolve(1), P.reject(new Error('e1')), P.reject(new Error('e2'))]).then(null, function (e) { log('all rejected ' + tag(e)); });
	P.all('ab').then(function (v) { log('all string ' + show(v)); });
	P.all(new Set([1, 2])).then(function (v) { log('all set ' + show(v)); });
	P.all(5).then(null, function (e) { log('all non-iterable ' + e.constructor.name); });
	P.all().then(null, function (e) { log('all undefined ' + e.constructor.name); });
	P.resolve().then(function () { log('y1'); }).then(function () { log('y2'); }).then(function () { log('y3'); });
	return new P(function (r) { setTimeout(r, 5); });
};

scenarios.allSettled = function (P, log) {
	P.allSettled([1, P.reject('no'), P.resolve(3), { then: function (a, b) { b('thenable no'); } }])
		.then(function (v) { log('allSettled ' + show(v)); });
	P.allSettled([]).then(function (v) { log('allSettled empty ' + show(v)); });
	P.resolve().then(function () { log('z1'); }).then(function () { log('z2'); }).then(function () { log('z3'); });
};

scenarios.race = function (P, log) {
	P.race([new P(function (r) { setTimeout(function () { r('slow'); }, 3); }), P.resolve('fast'), 'value']).then(function (v) { log('race ' + v); });
	P.race(['v', P.resolve('p')]).then(function (v) { log('race ' + v); });
	P.race([P.reject('first'), P.resolve('second')]).then(null, function (e) { log('race rejected ' + e); });
	var pending = P.race([]);
	setTimeout(function () { log('race empty still pending'); }, 1);
	pending.then(function () { log('never'); });
	P.resolve().then(function () { log('w1'); }).then(function () { log('w2'); });
	return new P(function (r) { setTimeout(r, 6); });
};

scenarios.any = function (P, log) {
	P.any([P.reject(1), P.resolve(2), 3]).then(function (v) { log('any ' + v); });
	P.any([P.reject('a'), P.reject('b')]).then(null, function (e) {
		log('any rejected ' + e.constructor.name + ' ' + (e instanceof Error) + ' ' + e.name + ' ' + show(e.errors) + ' ' + e.message);
	});
	P.any([]).then(null, function (e) { log('any empty ' + e.name + ' ' + show(e.errors)); });
	P.any([new P(function (a, r) { setTimeout(function () { r('late'); }, 1); }), P.reject('early')]).then(null, function (e) { log('any order ' + show(e.errors)); });
	P.resolve().then(function () { log('v1'); }).then(function () { log('v2'); }).then(function () { log('v3'); });
	return new P(function (r) { setTimeout(r, 5); });
};

scenarios.iteratorClosing = function (P, log) {
	function iterable(values, throwAt) {
		var it = {};
		it[Symbol.iterator] = function () {
			var i = 0;
			return {
				next: function () { log('next ' + i); if (i === throwAt) throw new Error('next threw'); return i < values.length ? { value: values[i++], done: false } : { done: true }; },
				'return': function () { log('return called'); return {}; }
			};
		};
		return it;
	}
	P.all(iterable([1, 2, 3], -1)).then(function (v) { log('all ' + show(v)); });
	P.all(iterable([1, 2, 3], 1)).then(null, function (e) { log('all ' + tag(e)); });
	var badResolve = function (ex) { return new P(ex); };
	badResolve.resolve = function (v) { if (v === 2) throw new Error('resolve threw'); return P.resolve(v); };
	P.all.call(badResolve, iterable([1, 2, 3], -1)).then(null, function (e) { log('closed after ' + tag(e)); });
	var noResolve = function (ex) { return new P(ex); };
	noResolve.resolve = 5;
	P.race.call(noResolve, iterable([1], -1)).then(null, function (e) { log('no resolve ' + e.constructor.name); });
};

scenarios.staticsAndIdentity = function (P, log) {
	var p = P.resolve(1);
	log('same ' + (P.resolve(p) === p));
	log('different for thenable ' + (P.resolve({ then: function () {} }) instanceof P));
	var rp = P.reject(p);
	rp['catch'](function () {});
	log('reject wraps ' + (rp.constructor === P));
	P.reject(p).catch(function (e) { log('rejected with promise itself ' + (e === p)); });
	log('toStringTag ' + Object.prototype.toString.call(p) + ' ' + p[Symbol.toStringTag]);
	log('length ' + P.length + ' then.length ' + P.prototype.then.length + ' name ' + P.name);
	log('species ' + (P[Symbol.species] === P));
	var names = ['then', 'catch', 'finally'].map(function (n) {
		var d = Object.getOwnPropertyDescriptor(P.prototype, n);
		return n + d.enumerable + d.writable + d.configurable;
	});
	log(names.join(' '));
	log(show(Object.keys(P)) + ' ' + show(Object.keys(P.prototype)) + ' ' + show(Object.keys(p)));
	function threw(fn) { try { fn(); return 'no throw'; } catch (e) { return e.constructor.name; } }
	log('call without new ' + threw(function () { P(function () {}); }));
	log('no executor ' + threw(function () { return new P(); }) + ' ' + threw(function () { return new P({}); }));
	log('then on non-promise ' + threw(function () { P.prototype.then.call({}, function () {}); }));
	log('resolve on non-object ' + threw(function () { P.resolve.call(1, 2); }));
	log('catch is generic ' + P.prototype['catch'].call({ then: function (a, b) { return 'then got ' + typeof a + ' ' + typeof b; } }, function () {}));
};

scenarios.subclass = function (P, log) {
	function Sub(executor) {
		log('Sub constructed');
		return Reflect.construct(P, [executor], Sub);
	}
	Sub.prototype = Object.create(P.prototype);
	Sub.prototype.constructor = Sub;
	Object.setPrototypeOf(Sub, P);
	var s = new Sub(function (r) { r(1); });
	var t = s.then(function (v) { log('sub then ' + v); return v + 1; });
	log('then returns Sub ' + (t instanceof Sub));
	log('resolve returns Sub ' + (Sub.resolve(2) instanceof Sub) + ' same ' + (Sub.resolve(s) === s) + ' wrapped ' + (P.resolve(s) === s));
	Sub.all([s, 2]).then(function (v) { log('Sub.all ' + show(v) + ' ' + (this === undefined)); });
	s['finally'](function () { log('sub finally'); });
	t.then(function (v) { log('chained ' + v); });
};

scenarios.promisifyLike = function (P, log) {
	function promisify(fn) {
		return function () {
			var args = Array.prototype.slice.call(arguments);
			var self = this;
			return new P(function (resolve, reject) {
				args.push(function (err, value) { if (err) reject(err); else resolve(value); });
				fn.apply(self, args);
			});
		};
	}
	var readLater = promisify(function (x, cb) { setTimeout(function () { cb(null, x * 2); }, 1); });
	var failNow = promisify(function (cb) { cb(new Error('nope')); });
	readLater(21).then(function (v) { log('promisified ' + v); });
	failNow().then(null, function (e) { log('promisified err ' + tag(e)); });
	return new P(function (r) { setTimeout(r, 5); });
};

var names = Object.keys(scenarios);

function runScenario(P, name, cb) {
	var out = [];
	var wait;
	try {
		wait = scenarios[name](P, function (s) { out.push(s); });
	} catch (e) {
		out.push('scenario threw ' + (e && e.stack));
	}
	/* every microtask has run by the time a macrotask runs */
	function finish() { setTimeout(function () { cb(out); }, 1); }
	if (wait && typeof wait.then === 'function')
		wait.then(finish, finish);
	else
		finish();
}

function next(i) {
	if (i >= names.length) {
		common.done();
		return;
	}
	runScenario(NativePromise, names[i], function (want) {
		runScenario(polyfills.Promise, names[i], function (got) {
			if (process.env.VERBOSE)
				console.log('== ' + names[i] + '\n' + want.join('\n'));
			common.compareLogs(names[i], got, want);
			next(i + 1);
		});
	});
}

next(0);
