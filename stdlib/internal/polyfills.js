/*
 * stdlib/internal/polyfills.js — the ES2015+ built-ins that Duktape 2.7
 * lacks, written in ES5 (stdlib layer, loaded by the engine's bootstrap).
 *
 * Contract (agreed with engine/):
 *   module.exports = { Promise, Map, Set, WeakMap, WeakSet, install }
 *   (+ promiseState(p), not part of the contract, for util.inspect)
 *   install(global, hooks) defines on `global`, non-enumerable, writable and
 *   configurable like built-ins, every listed built-in that is missing
 *   there (it checks first) and returns the names it defined.
 *   hooks.enqueueMicrotask(fn) queues a Promise job (never a timer);
 *   hooks.rejectionTracker('unhandled', promise, reason) runs when a promise
 *   is rejected with no handler, ('handled', promise) when a handler is
 *   attached later; the engine decides when to report (after the microtask
 *   queue drains, as Node does).
 *
 * Methods are installed on `global.Object`, `global.Array`, ... when those
 * exist, so a test can pass a fake global and reach every polyfill even
 * where the host has the native one.
 *
 * The Promise follows ECMA-262 (job for job, so callback order matches
 * native promises); Map and Set keep entries in a doubly linked list (for
 * insertion order and live iteration) indexed by a hash object for O(1)
 * average lookups.
 */
'use strict';

var realmGlobal = Function('return this')();
var hasOwn = Object.prototype.hasOwnProperty;
var objectToString = Object.prototype.toString;
var defineProperty = Object.defineProperty;

var HAS_SYMBOL = typeof Symbol === 'function' && typeof Symbol.iterator === 'symbol';
var SYM_ITERATOR = HAS_SYMBOL ? Symbol.iterator : '@@iterator';
var SYM_TAG = HAS_SYMBOL && typeof Symbol.toStringTag === 'symbol' ? Symbol.toStringTag : null;
var SYM_SPECIES = HAS_SYMBOL && typeof Symbol.species === 'symbol' ? Symbol.species : null;

var hiddenCounter = 0;

/* XXX: ES code cannot make Duktape's hidden symbols, so internal state lives
 * under ordinary Symbol keys (non-enumerable): invisible to for-in, keys,
 * JSON and Object.assign, but listed by Object.getOwnPropertySymbols. */
function hiddenKey(name) {
	hiddenCounter++;
	return HAS_SYMBOL ? Symbol('lode.' + name) : '__lode_' + name + '_' + hiddenCounter;
}

function defineHidden(obj, key, value) {
	defineProperty(obj, key, { value: value, writable: true, enumerable: false, configurable: true });
}

/* Built-in style: writable, configurable, not enumerable. */
function defineMethod(obj, name, value) {
	defineProperty(obj, name, { value: value, writable: true, enumerable: false, configurable: true });
}

function defineConstant(obj, name, value) {
	defineProperty(obj, name, { value: value, writable: false, enumerable: false, configurable: false });
}

function defineTag(proto, tag) {
	if (SYM_TAG !== null)
		defineProperty(proto, SYM_TAG, { value: tag, writable: false, enumerable: false, configurable: true });
}

function defineSpecies(ctor) {
	if (SYM_SPECIES !== null)
		defineProperty(ctor, SYM_SPECIES, { get: function () { return this; }, enumerable: false, configurable: true });
}

function isObject(x) {
	return x !== null && (typeof x === 'object' || typeof x === 'function');
}

function isCallable(x) {
	return typeof x === 'function';
}

/* V8-like rendering of a value in an error message. */
function describe(x) {
	if (typeof x === 'function')
		return x.name ? 'function ' + x.name : 'function';
	if (isObject(x))
		return Array.isArray(x) ? '[object Array]' : '#<' + ctorName(x) + '>';
	if (typeof x === 'string')
		return '"' + x + '"';
	return String(x);
}

function ctorName(x) {
	var c;
	try {
		c = x.constructor;
	} catch (e) {
		return 'Object';
	}
	return typeof c === 'function' && c.name ? c.name : 'Object';
}

function incompatible(method, receiver) {
	return new TypeError('Method ' + method + ' called on incompatible receiver ' + describe(receiver));
}

function sameValueZero(a, b) {
	return a === b || (a !== a && b !== b);
}

function toIntegerOrInfinity(x) {
	var n = +x;
	if (n !== n || n === 0)
		return 0;
	if (n === Infinity || n === -Infinity)
		return n;
	return n < 0 ? -Math.floor(-n) : Math.floor(n);
}

function toLength(x) {
	var n = toIntegerOrInfinity(x);
	if (n <= 0)
		return 0;
	return n > 9007199254740991 ? 9007199254740991 : n;
}

function toObject(x, method) {
	if (x === null || x === undefined)
		throw new TypeError(method + ' called on null or undefined');
	return Object(x);
}

function requireCoercibleString(x, method) {
	if (x === null || x === undefined)
		throw new TypeError(method + ' called on null or undefined');
	return String(x);
}

/* ----------------------------------------------------------------------
 * Iteration helpers: arrays, strings and arguments objects work even where
 * they have no [Symbol.iterator] (Duktape before install()).
 */

var ARRAY_LIKE = {};

function getIteratorMethod(obj) {
	var m;

	if (obj === null || obj === undefined)
		throw new TypeError(String(obj) + ' is not iterable');
	m = HAS_SYMBOL ? obj[SYM_ITERATOR] : undefined;
	if (m === undefined || m === null) {
		if (typeof obj === 'string' || Array.isArray(obj) ||
		    objectToString.call(obj) === '[object Arguments]')
			return typeof obj === 'string' ? stringIterator : ARRAY_LIKE;
		throw new TypeError(describe(obj) + ' is not iterable');
	}
	if (!isCallable(m))
		throw new TypeError(describe(obj) + ' is not iterable');
	if (m === arrayValues && typeof obj !== 'string')
		return ARRAY_LIKE;
	return m;
}

function closeIterator(it) {
	/* Called with a throw completion pending: errors here are dropped. */
	try {
		var ret = it['return'];
		if (ret !== undefined && ret !== null)
			ret.call(it);
	} catch (e) {
		/* the original error wins */
	}
}

/* Calls fn(value) for each value the iterable produces. An error thrown by
 * fn closes the iterator (IteratorClose); errors from the iterator itself
 * do not. */
function iterate(iterable, fn) {
	var method = getIteratorMethod(iterable);
	var it, next, step, i;

	if (method === ARRAY_LIKE) {
		/* length re-read each step, like the array iterator */
		for (i = 0; i < toLength(iterable.length); i++)
			fn(iterable[i]);
		return;
	}
	it = method.call(iterable);
	if (!isObject(it))
		throw new TypeError('Result of the Symbol.iterator method is not an object');
	next = it.next;
	for (;;) {
		step = next.call(it);
		if (!isObject(step))
			throw new TypeError('Iterator result ' + describe(step) + ' is not an object');
		if (step.done)
			return;
		try {
			fn(step.value);
		} catch (e) {
			closeIterator(it);
			throw e;
		}
	}
}

/* %IteratorPrototype%: the host's when there is one, so our iterators get
 * whatever the host adds to it. */
var IteratorPrototype = (function () {
	var proto;
	if (HAS_SYMBOL && typeof Array.prototype[SYM_ITERATOR] === 'function') {
		try {
			proto = Object.getPrototypeOf(Object.getPrototypeOf([][SYM_ITERATOR]()));
			if (isObject(proto))
				return proto;
		} catch (e) {
			/* fall through */
		}
	}
	proto = {};
	if (HAS_SYMBOL)
		defineMethod(proto, SYM_ITERATOR, function iterator() { return this; });
	return proto;
})();

function iterResult(value, done) {
	return { value: value, done: done };
}

/* ----------------------------------------------------------------------
 * Promise
 */

var PROMISE = hiddenKey('promise');
var PENDING = 0;
var FULFILLED = 1;
var REJECTED = 2;

function defaultEnqueue(fn) {
	var g = realmGlobal;
	if (typeof g.queueMicrotask === 'function' && g.queueMicrotask !== queueMicrotask)
		g.queueMicrotask(fn);
	else if (isObject(g.process) && typeof g.process.nextTick === 'function')
		g.process.nextTick(fn);
	else
		throw new Error('polyfills: install() was not given hooks.enqueueMicrotask');
}

var hooks = {
	enqueueMicrotask: defaultEnqueue,
	rejectionTracker: function () {}
};

function enqueue(job) {
	hooks.enqueueMicrotask(job);
}

function PromiseRecord() {
	this.state = PENDING;
	this.value = undefined;
	this.reactions = [];
	this.handled = false;
}

function isPromise(x) {
	return isObject(x) && hasOwn.call(x, PROMISE);
}

function P(executor) {
	var fns;

	if (!(this instanceof P) || hasOwn.call(this, PROMISE))
		throw new TypeError("Promise constructor cannot be invoked without 'new'");
	if (!isCallable(executor))
		throw new TypeError('Promise resolver ' + describe(executor) + ' is not a function');
	defineHidden(this, PROMISE, new PromiseRecord());
	fns = createResolvingFunctions(this);
	try {
		executor(fns.resolve, fns.reject);
	} catch (e) {
		fns.reject(e);
	}
}

/* The resolve/reject pair handed to an executor or to a thenable's then:
 * only the first call of either counts. */
function createResolvingFunctions(promise) {
	var done = false;

	return {
		resolve: function (resolution) {
			if (done)
				return;
			done = true;
			resolvePromise(promise, resolution);
		},
		reject: function (reason) {
			if (done)
				return;
			done = true;
			rejectPromise(promise, reason);
		}
	};
}

function resolvePromise(promise, x) {
	var then;

	if (x === promise) {
		rejectPromise(promise, new TypeError('Chaining cycle detected for promise #<Promise>'));
		return;
	}
	if (!isObject(x)) {
		settle(promise, FULFILLED, x);
		return;
	}
	try {
		then = x.then;
	} catch (e) {
		rejectPromise(promise, e);
		return;
	}
	if (!isCallable(then)) {
		settle(promise, FULFILLED, x);
		return;
	}
	/* PromiseResolveThenableJob: then is called from a fresh job. */
	enqueue(function () {
		var fns = createResolvingFunctions(promise);
		try {
			then.call(x, fns.resolve, fns.reject);
		} catch (e) {
			fns.reject(e);
		}
	});
}

function rejectPromise(promise, reason) {
	settle(promise, REJECTED, reason);
}

function settle(promise, state, value) {
	var rec = promise[PROMISE];
	var reactions = rec.reactions;
	var i;

	rec.state = state;
	rec.value = value;
	rec.reactions = null;
	if (state === REJECTED && !rec.handled)
		hooks.rejectionTracker('unhandled', promise, value);
	for (i = 0; i < reactions.length; i++)
		enqueueReaction(reactions[i], state, value);
}

function enqueueReaction(reaction, state, value) {
	enqueue(function () {
		runReaction(reaction, state, value);
	});
}

/* PromiseReactionJob. cap.resolve === null marks a capability made by
 * then() for a plain P: nothing else can settle that promise, so the
 * internal functions are used directly. */
function runReaction(reaction, state, arg) {
	var handler = state === FULFILLED ? reaction.onFulfilled : reaction.onRejected;
	var cap = reaction.cap;
	var result;

	if (handler === undefined) {
		if (state === FULFILLED)
			capResolve(cap, arg);
		else
			capReject(cap, arg);
		return;
	}
	try {
		result = handler(arg);
	} catch (e) {
		capReject(cap, e);
		return;
	}
	capResolve(cap, result);
}

function capResolve(cap, value) {
	var fn = cap.resolve;
	if (fn === null)
		resolvePromise(cap.promise, value);
	else
		fn(value);
}

function capReject(cap, reason) {
	var fn = cap.reject;
	if (fn === null)
		rejectPromise(cap.promise, reason);
	else
		fn(reason);
}

/* NewPromiseCapability(C). `internal` allows the fast path for then(). */
function newPromiseCapability(C, internal) {
	var cap, promise;

	if (C === P && internal) {
		promise = Object.create(P.prototype);
		defineHidden(promise, PROMISE, new PromiseRecord());
		return { promise: promise, resolve: null, reject: null };
	}
	if (!isCallable(C))
		throw new TypeError(describe(C) + ' is not a constructor');
	cap = { promise: undefined, resolve: undefined, reject: undefined };
	promise = new C(function (resolve, reject) {
		if (cap.resolve !== undefined || cap.reject !== undefined)
			throw new TypeError('Promise executor has already been invoked with non-undefined arguments');
		cap.resolve = resolve;
		cap.reject = reject;
	});
	if (!isCallable(cap.resolve) || !isCallable(cap.reject))
		throw new TypeError('Promise resolve or reject function is not callable');
	cap.promise = promise;
	return cap;
}

function speciesConstructor(obj, defaultCtor) {
	var C = obj.constructor;
	var S;

	if (C === undefined)
		return defaultCtor;
	if (!isObject(C))
		throw new TypeError('The .constructor property is not an object');
	if (SYM_SPECIES === null)
		return inheritsSpecies(C) ? C : defaultCtor;
	S = C[SYM_SPECIES];
	if (S === undefined || S === null)
		return defaultCtor;
	if (isCallable(S))
		return S;
	throw new TypeError('object.constructor[Symbol.species] is not a constructor');
}

/* Without Symbol.species (Duktape), C[@@species] is emulated: P's would be
 * a getter returning `this`, so C is its own species when it is P or
 * inherits from P as a function (Object.setPrototypeOf(Sub, P)). */
function inheritsSpecies(C) {
	var o = C;
	while (isObject(o)) {
		if (o === P)
			return true;
		o = Object.getPrototypeOf(o);
	}
	return false;
}

function promiseResolve(C, x) {
	var cap;
	if (isPromise(x) && x.constructor === C)
		return x;
	cap = newPromiseCapability(C, false);
	cap.resolve(x);
	return cap.promise;
}

function performThen(promise, onFulfilled, onRejected, cap) {
	var rec = promise[PROMISE];
	var reaction = {
		onFulfilled: isCallable(onFulfilled) ? onFulfilled : undefined,
		onRejected: isCallable(onRejected) ? onRejected : undefined,
		cap: cap
	};

	if (rec.state === PENDING) {
		rec.reactions.push(reaction);
	} else {
		if (rec.state === REJECTED && !rec.handled)
			hooks.rejectionTracker('handled', promise);
		enqueueReaction(reaction, rec.state, rec.value);
	}
	rec.handled = true;
}

function promiseThen(onFulfilled, onRejected) {
	var C, cap;

	if (!isPromise(this))
		throw incompatible('Promise.prototype.then', this);
	C = speciesConstructor(this, P);
	cap = newPromiseCapability(C, true);
	performThen(this, onFulfilled, onRejected, cap);
	return cap.promise;
}

function promiseCatch(onRejected) {
	return this.then(undefined, onRejected);
}

function promiseFinally(onFinally) {
	var C, thenFinally, catchFinally;

	if (!isObject(this))
		throw incompatible('Promise.prototype.finally', this);
	C = speciesConstructor(this, P);
	if (!isCallable(onFinally)) {
		thenFinally = onFinally;
		catchFinally = onFinally;
	} else {
		thenFinally = function (value) {
			var result = onFinally();
			return promiseResolve(C, result).then(function () { return value; });
		};
		catchFinally = function (reason) {
			var result = onFinally();
			return promiseResolve(C, result).then(function () { throw reason; });
		};
	}
	return this.then(thenFinally, catchFinally);
}

function requireCtor(C, method) {
	if (!isObject(C))
		throw new TypeError(method + ' called on non-object');
}

function staticResolve(x) {
	requireCtor(this, 'PromiseResolve');
	return promiseResolve(this, x);
}

function staticReject(reason) {
	var cap = newPromiseCapability(this, false);
	cap.reject(reason);
	return cap.promise;
}

function getPromiseResolve(C) {
	var fn = C.resolve;
	if (!isCallable(fn))
		throw new TypeError('Promise resolve is not a function');
	return fn;
}

/* Shared shape of all/allSettled/any (PerformPromiseAll and kin):
 * perElement(state, nextPromise, index) runs for each element after
 * remaining++; onEmptyOrDone(state) runs when the count drops to 0 right
 * after iteration (every element already settled, or none at all). A throw
 * anywhere rejects the result (the iterator was closed by iterate()). */
function combinator(C, iterable, perElement, onEmptyOrDone) {
	var cap = newPromiseCapability(C, false);
	var state = { remaining: 1, index: 0, cap: cap, C: C, resolveFn: undefined, values: [] };

	try {
		state.resolveFn = getPromiseResolve(C);
		iterate(iterable, function (value) {
			var index = state.index++;
			var next;
			state.values.push(undefined);
			next = state.resolveFn.call(C, value);
			state.remaining++;
			perElement(state, next, index);
		});
		if (--state.remaining === 0)
			onEmptyOrDone(state);
	} catch (e) {
		cap.reject(e);
	}
	return cap.promise;
}

function staticAll(iterable) {
	return combinator(this, iterable, function (state, next, index) {
		var called = false;
		next.then(function (value) {
			if (called)
				return;
			called = true;
			state.values[index] = value;
			if (--state.remaining === 0)
				state.cap.resolve(state.values);
		}, state.cap.reject);
	}, function (state) {
		state.cap.resolve(state.values);
	});
}

function staticAllSettled(iterable) {
	return combinator(this, iterable, function (state, next, index) {
		var called = false;
		function settleWith(record) {
			if (called)
				return;
			called = true;
			state.values[index] = record;
			if (--state.remaining === 0)
				state.cap.resolve(state.values);
		}
		next.then(function (value) {
			settleWith({ status: 'fulfilled', value: value });
		}, function (reason) {
			settleWith({ status: 'rejected', reason: reason });
		});
	}, function (state) {
		state.cap.resolve(state.values);
	});
}

function staticAny(iterable) {
	return combinator(this, iterable, function (state, next, index) {
		var called = false;
		next.then(state.cap.resolve, function (reason) {
			if (called)
				return;
			called = true;
			state.values[index] = reason;
			if (--state.remaining === 0)
				state.cap.reject(newAggregateError(state.values));
		});
	}, function (state) {
		state.cap.reject(newAggregateError(state.values));
	});
}

function newAggregateError(errors) {
	var Ctor = typeof realmGlobal.AggregateError === 'function' ? realmGlobal.AggregateError : AggregateErrorPolyfill;
	return new Ctor(errors, 'All promises were rejected');
}

function staticRace(iterable) {
	var C = this;
	var cap = newPromiseCapability(C, false);
	var resolveFn;

	try {
		resolveFn = getPromiseResolve(C);
		iterate(iterable, function (value) {
			resolveFn.call(C, value).then(cap.resolve, cap.reject);
		});
	} catch (e) {
		cap.reject(e);
	}
	return cap.promise;
}

function staticWithResolvers() {
	var cap = newPromiseCapability(this, false);
	return { promise: cap.promise, resolve: cap.resolve, reject: cap.reject };
}

defineMethod(P.prototype, 'then', promiseThen);
defineMethod(P.prototype, 'catch', promiseCatch);
defineMethod(P.prototype, 'finally', promiseFinally);
defineTag(P.prototype, 'Promise');
defineMethod(P, 'resolve', staticResolve);
defineMethod(P, 'reject', staticReject);
defineMethod(P, 'all', staticAll);
defineMethod(P, 'allSettled', staticAllSettled);
defineMethod(P, 'any', staticAny);
defineMethod(P, 'race', staticRace);
defineMethod(P, 'withResolvers', staticWithResolvers);
defineSpecies(P);
defineProperty(P, 'name', { value: 'Promise', configurable: true });
defineProperty(P.prototype, 'constructor', { value: P, writable: true, enumerable: false, configurable: true });

/* For util.inspect: { state: 'pending'|'fulfilled'|'rejected', value },
 * or undefined for a non-promise. Not a standard API. */
function promiseState(p) {
	var rec;
	if (!isPromise(p))
		return undefined;
	rec = p[PROMISE];
	return {
		state: rec.state === PENDING ? 'pending' : rec.state === FULFILLED ? 'fulfilled' : 'rejected',
		value: rec.value
	};
}

/* ----------------------------------------------------------------------
 * AggregateError (Promise.any), installed when missing.
 */

function AggregateErrorPolyfill(errors, message) {
	var self = this instanceof AggregateErrorPolyfill ? this : Object.create(AggregateErrorPolyfill.prototype);
	var list = [];
	var stack;

	if (message !== undefined)
		defineMethod(self, 'message', String(message));
	if (arguments.length > 2 && isObject(arguments[2]) && 'cause' in arguments[2])
		defineMethod(self, 'cause', arguments[2].cause);
	iterate(errors, function (e) { list.push(e); });
	defineMethod(self, 'errors', list);
	stack = new Error(message === undefined ? '' : String(message)).stack;
	if (typeof stack === 'string')
		defineMethod(self, 'stack', 'AggregateError' + stack.replace(/^Error/, ''));
	return self;
}
AggregateErrorPolyfill.prototype = Object.create(Error.prototype);
defineMethod(AggregateErrorPolyfill.prototype, 'constructor', AggregateErrorPolyfill);
defineMethod(AggregateErrorPolyfill.prototype, 'name', 'AggregateError');
defineMethod(AggregateErrorPolyfill.prototype, 'message', '');
defineProperty(AggregateErrorPolyfill, 'name', { value: 'AggregateError', configurable: true });

/* ----------------------------------------------------------------------
 * Map and Set share one store: a doubly linked list of entries in insertion
 * order, indexed by `index` (hash string -> entry) or, for keys that cannot
 * carry an id (symbols, non-extensible objects without one), by a linear
 * `list`. Deleted entries keep their prev/next links and get removed=true,
 * so an iterator parked on one walks back to the nearest live entry and
 * continues from its successor: deletion and insertion during iteration
 * behave as the spec says, with no compaction pass.
 */

var COLLECTION = hiddenKey('collection');
var OBJECT_ID = hiddenKey('id');
var nextObjectId = 1;

function Store(kind) {
	this.kind = kind;
	this.first = null;
	this.last = null;
	this.size = 0;
	this.index = Object.create(null);
	this.list = [];
}

/* Hash of a key: a type-tagged string; null when the key goes to the
 * linear list; undefined when `create` is false and the key (an object
 * with no id yet) cannot be present. */
function hashKey(key, create) {
	var id;

	switch (typeof key) {
	case 'string':
		return 's' + key;
	case 'number':
		return key !== key ? 'NaN' : 'n' + key; /* String(-0) === '0' */
	case 'boolean':
		return key ? 't' : 'f';
	case 'undefined':
		return 'u';
	case 'bigint':
		return 'i' + String(key);
	case 'object':
		if (key === null)
			return 'l';
		/* fall through */
	case 'function':
		if (hasOwn.call(key, OBJECT_ID))
			return 'o' + key[OBJECT_ID];
		if (!Object.isExtensible(key))
			return null;
		if (!create)
			return undefined;
		id = nextObjectId++;
		/* XXX: a Proxy key sees this define through its traps. */
		defineProperty(key, OBJECT_ID, { value: id, writable: false, enumerable: false, configurable: false });
		return 'o' + id;
	default:
		return null; /* symbol */
	}
}

function findEntry(store, key) {
	var h = hashKey(key, false);
	var list, i;

	if (h === undefined)
		return undefined;
	if (h !== null)
		return store.index[h];
	list = store.list;
	for (i = 0; i < list.length; i++) {
		if (list[i].key === key)
			return list[i];
	}
	return undefined;
}

function addEntry(store, key, value) {
	var h = hashKey(key, true);
	var e;

	if (h !== null) {
		e = store.index[h];
		if (e !== undefined) {
			e.value = value;
			return;
		}
	} else {
		e = findEntry(store, key);
		if (e !== undefined) {
			e.value = value;
			return;
		}
	}
	if (key === 0)
		key = 0; /* -0 becomes +0 */
	e = { key: key, value: value, prev: store.last, next: null, removed: false, hash: h };
	if (store.last === null)
		store.first = e;
	else
		store.last.next = e;
	store.last = e;
	store.size++;
	if (h !== null)
		store.index[h] = e;
	else
		store.list.push(e);
}

function removeEntry(store, key) {
	var e = findEntry(store, key);
	var i;

	if (e === undefined)
		return false;
	e.removed = true;
	if (e.prev !== null)
		e.prev.next = e.next;
	else
		store.first = e.next;
	if (e.next !== null)
		e.next.prev = e.prev;
	else
		store.last = e.prev;
	/* e keeps prev and next for iterators parked on it */
	store.size--;
	if (e.hash !== null) {
		delete store.index[e.hash];
	} else {
		for (i = 0; i < store.list.length; i++) {
			if (store.list[i] === e) {
				store.list.splice(i, 1);
				break;
			}
		}
	}
	e.value = undefined;
	return true;
}

function clearStore(store) {
	var e = store.first;
	while (e !== null) {
		e.removed = true;
		e.value = undefined;
		e.prev = null; /* parked iterators restart from store.first */
		e = e.next;
	}
	store.first = null;
	store.last = null;
	store.size = 0;
	store.index = Object.create(null);
	store.list = [];
}

/* The live entry after `e` (e may have been removed since it was visited);
 * e === null means "before the first entry". */
function nextLive(store, e) {
	while (e !== null && e.removed)
		e = e.prev;
	return e === null ? store.first : e.next;
}

function getStore(obj, kind, method) {
	var store;
	if (isObject(obj) && hasOwn.call(obj, COLLECTION)) {
		store = obj[COLLECTION];
		if (store.kind === kind)
			return store;
	}
	throw incompatible(method, obj);
}

function storeForEach(store, self, callback, thisArg, isSet) {
	var e = store.first;
	while (e !== null) {
		if (isSet)
			callback.call(thisArg, e.key, e.key, self);
		else
			callback.call(thisArg, e.value, e.key, self);
		e = nextLive(store, e);
	}
}

var COLLECTION_ITER = hiddenKey('iterator');

function makeIteratorProto(tag, kind) {
	var proto = Object.create(IteratorPrototype);
	defineMethod(proto, 'next', function next() {
		var st = isObject(this) && hasOwn.call(this, COLLECTION_ITER) ? this[COLLECTION_ITER] : null;
		var e;

		if (st === null || st.kind !== kind)
			throw incompatible(tag + '.prototype.next', this);
		if (st.store === null)
			return iterResult(undefined, true);
		e = st.entry === null ? st.store.first : nextLive(st.store, st.entry);
		if (e === null) {
			st.store = null;
			st.entry = null;
			return iterResult(undefined, true);
		}
		st.entry = e;
		if (st.what === 'keys')
			return iterResult(e.key, false);
		if (st.what === 'values')
			return iterResult(kind === 'Set' ? e.key : e.value, false);
		return iterResult([e.key, kind === 'Set' ? e.key : e.value], false);
	});
	defineTag(proto, tag);
	return proto;
}

var MapIteratorPrototype = makeIteratorProto('Map Iterator', 'Map');
var SetIteratorPrototype = makeIteratorProto('Set Iterator', 'Set');

function createCollectionIterator(store, what) {
	var it = Object.create(store.kind === 'Map' ? MapIteratorPrototype : SetIteratorPrototype);
	defineHidden(it, COLLECTION_ITER, { kind: store.kind, store: store, entry: null, what: what });
	return it;
}

function M() {
	var iterable = arguments[0];
	var self = this;
	var adder;

	if (!(self instanceof M) || hasOwn.call(self, COLLECTION))
		throw new TypeError("Constructor Map requires 'new'");
	defineHidden(self, COLLECTION, new Store('Map'));
	if (iterable === undefined || iterable === null)
		return;
	adder = self.set;
	if (!isCallable(adder))
		throw new TypeError("'" + String(adder) + "' returned for property 'set' of object '#<Map>' is not a function");
	iterate(iterable, function (entry) {
		if (!isObject(entry))
			throw new TypeError('Iterator value ' + (typeof entry === 'symbol' ? String(entry) : describe(entry)) + ' is not an entry object');
		adder.call(self, entry[0], entry[1]);
	});
}

defineMethod(M.prototype, 'get', function get(key) {
	var e = findEntry(getStore(this, 'Map', 'Map.prototype.get'), key);
	return e === undefined ? undefined : e.value;
});
defineMethod(M.prototype, 'set', function set(key, value) {
	addEntry(getStore(this, 'Map', 'Map.prototype.set'), key, value);
	return this;
});
defineMethod(M.prototype, 'has', function has(key) {
	return findEntry(getStore(this, 'Map', 'Map.prototype.has'), key) !== undefined;
});
defineMethod(M.prototype, 'delete', function (key) {
	return removeEntry(getStore(this, 'Map', 'Map.prototype.delete'), key);
});
defineMethod(M.prototype, 'clear', function clear() {
	clearStore(getStore(this, 'Map', 'Map.prototype.clear'));
});
defineMethod(M.prototype, 'forEach', function forEach(callback) {
	var store = getStore(this, 'Map', 'Map.prototype.forEach');
	if (!isCallable(callback))
		throw new TypeError(describe(callback) + ' is not a function');
	storeForEach(store, this, callback, arguments[1], false);
});
defineProperty(M.prototype, 'size', {
	get: function size() { return getStore(this, 'Map', 'get Map.prototype.size').size; },
	enumerable: false,
	configurable: true
});
defineMethod(M.prototype, 'keys', function keys() {
	return createCollectionIterator(getStore(this, 'Map', 'Map.prototype.keys'), 'keys');
});
defineMethod(M.prototype, 'values', function values() {
	return createCollectionIterator(getStore(this, 'Map', 'Map.prototype.values'), 'values');
});
defineMethod(M.prototype, 'entries', function entries() {
	return createCollectionIterator(getStore(this, 'Map', 'Map.prototype.entries'), 'entries');
});
if (HAS_SYMBOL)
	defineMethod(M.prototype, SYM_ITERATOR, M.prototype.entries);
defineTag(M.prototype, 'Map');
defineSpecies(M);
defineProperty(M, 'name', { value: 'Map', configurable: true });
defineProperty(M.prototype['delete'], 'name', { value: 'delete', configurable: true });

function S() {
	var iterable = arguments[0];
	var self = this;
	var adder;

	if (!(self instanceof S) || hasOwn.call(self, COLLECTION))
		throw new TypeError("Constructor Set requires 'new'");
	defineHidden(self, COLLECTION, new Store('Set'));
	if (iterable === undefined || iterable === null)
		return;
	adder = self.add;
	if (!isCallable(adder))
		throw new TypeError("'" + String(adder) + "' returned for property 'add' of object '#<Set>' is not a function");
	iterate(iterable, function (value) {
		adder.call(self, value);
	});
}

defineMethod(S.prototype, 'has', function has(value) {
	return findEntry(getStore(this, 'Set', 'Set.prototype.has'), value) !== undefined;
});
defineMethod(S.prototype, 'add', function add(value) {
	var store = getStore(this, 'Set', 'Set.prototype.add');
	if (findEntry(store, value) === undefined)
		addEntry(store, value, undefined);
	return this;
});
defineMethod(S.prototype, 'delete', function (value) {
	return removeEntry(getStore(this, 'Set', 'Set.prototype.delete'), value);
});
defineProperty(S.prototype['delete'], 'name', { value: 'delete', configurable: true });
defineMethod(S.prototype, 'clear', function clear() {
	clearStore(getStore(this, 'Set', 'Set.prototype.clear'));
});
defineMethod(S.prototype, 'forEach', function forEach(callback) {
	var store = getStore(this, 'Set', 'Set.prototype.forEach');
	if (!isCallable(callback))
		throw new TypeError(describe(callback) + ' is not a function');
	storeForEach(store, this, callback, arguments[1], true);
});
defineProperty(S.prototype, 'size', {
	get: function size() { return getStore(this, 'Set', 'get Set.prototype.size').size; },
	enumerable: false,
	configurable: true
});
defineMethod(S.prototype, 'values', function values() {
	return createCollectionIterator(getStore(this, 'Set', 'Set.prototype.values'), 'values');
});
defineMethod(S.prototype, 'keys', S.prototype.values);
defineMethod(S.prototype, 'entries', function entries() {
	return createCollectionIterator(getStore(this, 'Set', 'Set.prototype.entries'), 'entries');
});
if (HAS_SYMBOL)
	defineMethod(S.prototype, SYM_ITERATOR, S.prototype.values);
defineTag(S.prototype, 'Set');
defineSpecies(S);
defineProperty(S, 'name', { value: 'Set', configurable: true });

/* ----------------------------------------------------------------------
 * WeakMap and WeakSet.
 *
 * XXX: ES5 cannot hold a key weakly. Each key object carries one hidden
 * table (WeakMap id -> value), so a value lives exactly as long as its key
 * (the usual WeakMap case: key dropped, value collectable), but a dropped
 * WeakMap leaves its values reachable from keys still alive. Keys that were
 * already non-extensible when first used are held strongly in a per-map
 * list (linear search). Symbols as keys (ES2023) are rejected.
 */

var WEAK = hiddenKey('weak');
var WEAK_TABLE = hiddenKey('weaktable');
var nextWeakId = 1;

function WeakStore(kind) {
	this.kind = kind;
	this.id = 'w' + nextWeakId++;
	this.keys = [];   /* non-extensible keys */
	this.values = [];
}

function getWeakStore(obj, kind, method) {
	var store;
	if (isObject(obj) && hasOwn.call(obj, WEAK)) {
		store = obj[WEAK];
		if (store.kind === kind)
			return store;
	}
	throw incompatible(method, obj);
}

/* The key's table, or null; creates it when `create` and possible. */
function weakTable(key, create) {
	var table;
	if (hasOwn.call(key, WEAK_TABLE))
		return key[WEAK_TABLE];
	if (!create || !Object.isExtensible(key))
		return null;
	table = Object.create(null);
	defineProperty(key, WEAK_TABLE, { value: table, writable: false, enumerable: false, configurable: false });
	return table;
}

function weakIndex(store, key) {
	var i;
	for (i = 0; i < store.keys.length; i++) {
		if (store.keys[i] === key)
			return i;
	}
	return -1;
}

function weakHas(store, key) {
	var table;
	if (!isObject(key))
		return false;
	table = weakTable(key, false);
	if (table !== null)
		return store.id in table;
	return weakIndex(store, key) >= 0;
}

function weakGet(store, key) {
	var table, i;
	if (!isObject(key))
		return undefined;
	table = weakTable(key, false);
	if (table !== null)
		return table[store.id];
	i = weakIndex(store, key);
	return i < 0 ? undefined : store.values[i];
}

function weakSet(store, key, value, what) {
	var table, i;
	if (!isObject(key))
		throw new TypeError('Invalid value used ' + what);
	table = weakTable(key, true);
	if (table !== null) {
		table[store.id] = value;
		return;
	}
	i = weakIndex(store, key);
	if (i < 0) {
		store.keys.push(key);
		store.values.push(value);
	} else {
		store.values[i] = value;
	}
}

function weakDelete(store, key) {
	var table, i;
	if (!isObject(key))
		return false;
	table = weakTable(key, false);
	if (table !== null) {
		if (!(store.id in table))
			return false;
		delete table[store.id];
		return true;
	}
	i = weakIndex(store, key);
	if (i < 0)
		return false;
	store.keys.splice(i, 1);
	store.values.splice(i, 1);
	return true;
}

function WM() {
	var iterable = arguments[0];
	var self = this;
	var adder;

	if (!(self instanceof WM) || hasOwn.call(self, WEAK))
		throw new TypeError("Constructor WeakMap requires 'new'");
	defineHidden(self, WEAK, new WeakStore('WeakMap'));
	if (iterable === undefined || iterable === null)
		return;
	adder = self.set;
	if (!isCallable(adder))
		throw new TypeError("'" + String(adder) + "' returned for property 'set' of object '#<WeakMap>' is not a function");
	iterate(iterable, function (entry) {
		if (!isObject(entry))
			throw new TypeError('Iterator value ' + describe(entry) + ' is not an entry object');
		adder.call(self, entry[0], entry[1]);
	});
}

defineMethod(WM.prototype, 'get', function get(key) {
	return weakGet(getWeakStore(this, 'WeakMap', 'WeakMap.prototype.get'), key);
});
defineMethod(WM.prototype, 'set', function set(key, value) {
	weakSet(getWeakStore(this, 'WeakMap', 'WeakMap.prototype.set'), key, value, 'as weak map key');
	return this;
});
defineMethod(WM.prototype, 'has', function has(key) {
	return weakHas(getWeakStore(this, 'WeakMap', 'WeakMap.prototype.has'), key);
});
defineMethod(WM.prototype, 'delete', function (key) {
	return weakDelete(getWeakStore(this, 'WeakMap', 'WeakMap.prototype.delete'), key);
});
defineProperty(WM.prototype['delete'], 'name', { value: 'delete', configurable: true });
defineTag(WM.prototype, 'WeakMap');
defineProperty(WM, 'name', { value: 'WeakMap', configurable: true });

function WS() {
	var iterable = arguments[0];
	var self = this;
	var adder;

	if (!(self instanceof WS) || hasOwn.call(self, WEAK))
		throw new TypeError("Constructor WeakSet requires 'new'");
	defineHidden(self, WEAK, new WeakStore('WeakSet'));
	if (iterable === undefined || iterable === null)
		return;
	adder = self.add;
	if (!isCallable(adder))
		throw new TypeError("'" + String(adder) + "' returned for property 'add' of object '#<WeakSet>' is not a function");
	iterate(iterable, function (value) {
		adder.call(self, value);
	});
}

defineMethod(WS.prototype, 'add', function add(value) {
	weakSet(getWeakStore(this, 'WeakSet', 'WeakSet.prototype.add'), value, true, 'in weak set');
	return this;
});
defineMethod(WS.prototype, 'has', function has(value) {
	return weakHas(getWeakStore(this, 'WeakSet', 'WeakSet.prototype.has'), value);
});
defineMethod(WS.prototype, 'delete', function (value) {
	return weakDelete(getWeakStore(this, 'WeakSet', 'WeakSet.prototype.delete'), value);
});
defineProperty(WS.prototype['delete'], 'name', { value: 'delete', configurable: true });
defineTag(WS.prototype, 'WeakSet');
defineProperty(WS, 'name', { value: 'WeakSet', configurable: true });

/* ----------------------------------------------------------------------
 * Object
 */

function objectEntries(obj) {
	var o = toObject(obj, 'Object.entries');
	var keys = Object.keys(o);
	var out = [];
	var i;
	for (i = 0; i < keys.length; i++) {
		if (Object.prototype.propertyIsEnumerable.call(o, keys[i]))
			out.push([keys[i], o[keys[i]]]);
	}
	return out;
}

function objectValues(obj) {
	var o = toObject(obj, 'Object.values');
	var keys = Object.keys(o);
	var out = [];
	var i;
	for (i = 0; i < keys.length; i++) {
		if (Object.prototype.propertyIsEnumerable.call(o, keys[i]))
			out.push(o[keys[i]]);
	}
	return out;
}

function createDataProperty(obj, key, value) {
	defineProperty(obj, key, { value: value, writable: true, enumerable: true, configurable: true });
}

function objectFromEntries(iterable) {
	var out = {};
	if (iterable === null || iterable === undefined)
		throw new TypeError(String(iterable) + ' is not iterable');
	iterate(iterable, function (entry) {
		if (!isObject(entry))
			throw new TypeError('Iterator value ' + describe(entry) + ' is not an entry object');
		createDataProperty(out, entry[0], entry[1]);
	});
	return out;
}

function ownKeys(o) {
	if (typeof Reflect === 'object' && Reflect !== null && isCallable(Reflect.ownKeys))
		return Reflect.ownKeys(o);
	if (isCallable(Object.getOwnPropertySymbols))
		return Object.getOwnPropertyNames(o).concat(Object.getOwnPropertySymbols(o));
	return Object.getOwnPropertyNames(o);
}

function objectGetOwnPropertyDescriptors(obj) {
	var o = toObject(obj, 'Object.getOwnPropertyDescriptors');
	var keys = ownKeys(o);
	var out = {};
	var i, desc;
	for (i = 0; i < keys.length; i++) {
		desc = Object.getOwnPropertyDescriptor(o, keys[i]);
		if (desc !== undefined)
			createDataProperty(out, keys[i], desc);
	}
	return out;
}

function objectHasOwn(obj, key) {
	return hasOwn.call(toObject(obj, 'Object.hasOwn'), key);
}

/* ----------------------------------------------------------------------
 * Array
 */

function arrayConstruct(C, len) {
	/* XXX: any function counts as a constructor (ES5 cannot tell). */
	if (isCallable(C))
		return len === undefined ? new C() : new C(len);
	return len === undefined ? [] : new Array(len);
}

function arrayFrom(items) {
	var C = this;
	var mapFn = arguments[1];
	var thisArg = arguments[2];
	var mapping = mapFn !== undefined;
	var method, A, k, len, o;

	if (mapping && !isCallable(mapFn))
		throw new TypeError(describe(mapFn) + ' is not a function');
	if (items === null || items === undefined)
		throw new TypeError(String(items) + ' is not iterable');
	method = HAS_SYMBOL ? items[SYM_ITERATOR] : undefined;
	if (method === undefined && typeof items === 'string')
		method = stringIterator;
	if (method !== undefined && method !== null) {
		if (!isCallable(method))
			throw new TypeError(describe(items) + ' is not iterable');
		A = arrayConstruct(C);
		k = 0;
		iterate(items, function (v) {
			createDataProperty(A, k, mapping ? mapFn.call(thisArg, v, k) : v);
			k++;
		});
		A.length = k;
		return A;
	}
	o = Object(items);
	len = toLength(o.length);
	A = arrayConstruct(C, len);
	for (k = 0; k < len; k++)
		createDataProperty(A, k, mapping ? mapFn.call(thisArg, o[k], k) : o[k]);
	A.length = len;
	return A;
}

function arrayOf() {
	var len = arguments.length;
	var A = arrayConstruct(this, len);
	var k;
	for (k = 0; k < len; k++)
		createDataProperty(A, k, arguments[k]);
	A.length = len;
	return A;
}

function relativeIndex(x, len, dflt) {
	var n = x === undefined ? dflt : toIntegerOrInfinity(x);
	if (n < 0)
		return Math.max(len + n, 0);
	return Math.min(n, len);
}

function arrayIncludes(search) {
	var o = toObject(this, 'Array.prototype.includes');
	var len = toLength(o.length);
	var k;
	if (len === 0)
		return false;
	k = relativeIndex(arguments[1], len, 0);
	for (; k < len; k++) {
		if (sameValueZero(o[k], search))
			return true;
	}
	return false;
}

function findImpl(self, pred, thisArg, method, fromEnd) {
	var o = toObject(self, method);
	var len = toLength(o.length);
	var k, v;
	if (!isCallable(pred))
		throw new TypeError(describe(pred) + ' is not a function');
	for (k = fromEnd ? len - 1 : 0; fromEnd ? k >= 0 : k < len; k += fromEnd ? -1 : 1) {
		v = o[k];
		if (pred.call(thisArg, v, k, o))
			return { index: k, value: v };
	}
	return { index: -1, value: undefined };
}

function arrayFind(pred) {
	return findImpl(this, pred, arguments[1], 'Array.prototype.find', false).value;
}

function arrayFindIndex(pred) {
	return findImpl(this, pred, arguments[1], 'Array.prototype.findIndex', false).index;
}

function arrayFindLast(pred) {
	return findImpl(this, pred, arguments[1], 'Array.prototype.findLast', true).value;
}

function arrayFindLastIndex(pred) {
	return findImpl(this, pred, arguments[1], 'Array.prototype.findLastIndex', true).index;
}

function arrayFill(value) {
	var o = toObject(this, 'Array.prototype.fill');
	var len = toLength(o.length);
	var k = relativeIndex(arguments[1], len, 0);
	var end = relativeIndex(arguments[2], len, len);
	for (; k < end; k++)
		o[k] = value;
	return o;
}

function flattenInto(target, source, depth, mapFn, thisArg) {
	var len = toLength(source.length);
	var i, el;
	for (i = 0; i < len; i++) {
		if (!(i in source))
			continue;
		el = source[i];
		if (mapFn !== undefined)
			el = mapFn.call(thisArg, el, i, source);
		if (depth > 0 && Array.isArray(el))
			flattenInto(target, el, depth - 1, undefined, undefined);
		else
			target.push(el);
	}
}

/* XXX: flat/flatMap ignore Symbol.species and always make a plain Array. */
function arrayFlat() {
	var o = toObject(this, 'Array.prototype.flat');
	var depth = arguments[0] === undefined ? 1 : toIntegerOrInfinity(arguments[0]);
	var out = [];
	flattenInto(out, o, depth, undefined, undefined);
	return out;
}

function arrayFlatMap(mapFn) {
	var o = toObject(this, 'Array.prototype.flatMap');
	var out = [];
	if (!isCallable(mapFn))
		throw new TypeError('flatMap mapper function is not callable');
	flattenInto(out, o, 1, mapFn, arguments[1]);
	return out;
}

function arrayAt(index) {
	var o = toObject(this, 'Array.prototype.at');
	var len = toLength(o.length);
	var k = toIntegerOrInfinity(index);
	if (k < 0)
		k += len;
	return k < 0 || k >= len ? undefined : o[k];
}

var ARRAY_ITER = hiddenKey('arrayiter');

var ArrayIteratorPrototype = Object.create(IteratorPrototype);
defineMethod(ArrayIteratorPrototype, 'next', function next() {
	var st = isObject(this) && hasOwn.call(this, ARRAY_ITER) ? this[ARRAY_ITER] : null;
	var o, i;

	if (st === null)
		throw incompatible('Array Iterator.prototype.next', this);
	o = st.obj;
	if (o === undefined)
		return iterResult(undefined, true);
	i = st.index;
	if (i >= toLength(o.length)) {
		st.obj = undefined;
		return iterResult(undefined, true);
	}
	st.index = i + 1;
	if (st.what === 'keys')
		return iterResult(i, false);
	if (st.what === 'values')
		return iterResult(o[i], false);
	return iterResult([i, o[i]], false);
});
defineTag(ArrayIteratorPrototype, 'Array Iterator');

function createArrayIterator(obj, what) {
	var it = Object.create(ArrayIteratorPrototype);
	defineHidden(it, ARRAY_ITER, { obj: obj, index: 0, what: what });
	return it;
}

function arrayKeys() {
	return createArrayIterator(toObject(this, 'Array.prototype.keys'), 'keys');
}

function arrayValues() {
	return createArrayIterator(toObject(this, 'Array.prototype.values'), 'values');
}

function arrayEntries() {
	return createArrayIterator(toObject(this, 'Array.prototype.entries'), 'entries');
}

/* String.prototype[Symbol.iterator]: by code point. */
function stringIterator() {
	var s = requireCoercibleString(this, 'String.prototype[Symbol.iterator]');
	var chars = [];
	var i = 0;
	var c;
	while (i < s.length) {
		c = s.charCodeAt(i);
		if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
			c = s.charCodeAt(i + 1);
			if (c >= 0xdc00 && c <= 0xdfff) {
				chars.push(s.substr(i, 2));
				i += 2;
				continue;
			}
		}
		chars.push(s.charAt(i));
		i++;
	}
	/* XXX: an Array Iterator over the code points, not a String Iterator. */
	return createArrayIterator(chars, 'values');
}

/* ----------------------------------------------------------------------
 * String
 */

function padImpl(self, maxLength, fillString, atStart, method) {
	var s = requireCoercibleString(self, method);
	var max = toLength(maxLength);
	var filler, fillLen, fill;

	if (max <= s.length)
		return s;
	filler = fillString === undefined ? ' ' : String(fillString);
	if (filler === '')
		return s;
	fillLen = max - s.length;
	fill = filler;
	while (fill.length < fillLen)
		fill += fill;
	fill = fill.slice(0, fillLen);
	return atStart ? fill + s : s + fill;
}

function stringPadStart(maxLength) {
	return padImpl(this, maxLength, arguments[1], true, 'String.prototype.padStart');
}

function stringPadEnd(maxLength) {
	return padImpl(this, maxLength, arguments[1], false, 'String.prototype.padEnd');
}

function isRegExp(x) {
	var m;
	if (!isObject(x))
		return false;
	if (HAS_SYMBOL && typeof Symbol.match === 'symbol') {
		m = x[Symbol.match];
		if (m !== undefined)
			return !!m;
	}
	return objectToString.call(x) === '[object RegExp]';
}

function stringIncludes(search) {
	var s = requireCoercibleString(this, 'String.prototype.includes');
	if (isRegExp(search))
		throw new TypeError('First argument to String.prototype.includes must not be a regular expression');
	return s.indexOf(String(search), toIntegerOrInfinity(arguments[1])) !== -1;
}

function stringRepeat(count) {
	var s = requireCoercibleString(this, 'String.prototype.repeat');
	var n = toIntegerOrInfinity(count);
	var out = '';
	if (n < 0 || n === Infinity)
		throw new RangeError('Invalid count value: ' + String(count));
	while (n > 0) {
		if (n & 1)
			out += s;
		n = Math.floor(n / 2);
		if (n > 0)
			s += s;
	}
	return out;
}

function stringStartsWith(search) {
	var s = requireCoercibleString(this, 'String.prototype.startsWith');
	var start, str;
	if (isRegExp(search))
		throw new TypeError('First argument to String.prototype.startsWith must not be a regular expression');
	str = String(search);
	start = Math.min(Math.max(toIntegerOrInfinity(arguments[1]), 0), s.length);
	return s.substr(start, str.length) === str;
}

function stringEndsWith(search) {
	var s = requireCoercibleString(this, 'String.prototype.endsWith');
	var end, str, start;
	if (isRegExp(search))
		throw new TypeError('First argument to String.prototype.endsWith must not be a regular expression');
	str = String(search);
	end = arguments[1] === undefined ? s.length : Math.min(Math.max(toIntegerOrInfinity(arguments[1]), 0), s.length);
	start = end - str.length;
	return start >= 0 && s.slice(start, end) === str;
}

/* ES2016+ WhiteSpace and LineTerminator (U+180E is no longer one). */
var WS_CHARS = '\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff';
var LEADING_WS = new RegExp('^[' + WS_CHARS + ']+');
var TRAILING_WS = new RegExp('[' + WS_CHARS + ']+$');

function stringTrimStart() {
	return requireCoercibleString(this, 'String.prototype.trimStart').replace(LEADING_WS, '');
}

function stringTrimEnd() {
	return requireCoercibleString(this, 'String.prototype.trimEnd').replace(TRAILING_WS, '');
}

function stringCodePointAt(pos) {
	var s = requireCoercibleString(this, 'String.prototype.codePointAt');
	var i = toIntegerOrInfinity(pos);
	var hi, lo;
	if (i < 0 || i >= s.length)
		return undefined;
	hi = s.charCodeAt(i);
	if (hi < 0xd800 || hi > 0xdbff || i + 1 === s.length)
		return hi;
	lo = s.charCodeAt(i + 1);
	if (lo < 0xdc00 || lo > 0xdfff)
		return hi;
	return (hi - 0xd800) * 0x400 + (lo - 0xdc00) + 0x10000;
}

function stringAt(index) {
	var s = requireCoercibleString(this, 'String.prototype.at');
	var k = toIntegerOrInfinity(index);
	if (k < 0)
		k += s.length;
	return k < 0 || k >= s.length ? undefined : s.charAt(k);
}

function stringReplaceAll(search, replacement) {
	var s = requireCoercibleString(this, 'String.prototype.replaceAll');
	var flags;
	if (isRegExp(search)) {
		flags = search.flags;
		if (flags === undefined)
			flags = (search.global ? 'g' : '');
		if (String(flags).indexOf('g') < 0)
			throw new TypeError('replaceAll must be called with a global RegExp');
		return s.replace(search, replacement);
	}
	/* A global RegExp for the literal text gives the same $-patterns and
	 * callback arguments as the spec's StringIndexOf loop. */
	return s.replace(new RegExp(String(search).replace(/[\\^$.*+?()[\]{}|\/]/g, '\\$&'), 'g'), replacement);
}

/* ----------------------------------------------------------------------
 * Number and Math
 */

function numberIsFinite(x) {
	return typeof x === 'number' && x === x && x !== Infinity && x !== -Infinity;
}

function numberIsNaN(x) {
	return typeof x === 'number' && x !== x;
}

function numberIsInteger(x) {
	return numberIsFinite(x) && Math.floor(x) === x;
}

function numberIsSafeInteger(x) {
	return numberIsInteger(x) && Math.abs(x) <= 9007199254740991;
}

function mathTrunc(x) {
	var n = +x;
	if (n !== n || n === Infinity || n === -Infinity || n === 0)
		return n;
	return n < 0 ? -Math.floor(-n) : Math.floor(n);
}

function mathSign(x) {
	var n = +x;
	if (n !== n || n === 0)
		return n;
	return n > 0 ? 1 : -1;
}

/* log(x) / log(b) is off by an ulp for exact powers; snap those. */
function logBase(x, invLnBase, base) {
	var n = +x;
	var r, k;
	if (n !== n || n < 0)
		return NaN;
	if (n === 0)
		return -Infinity;
	if (n === Infinity)
		return Infinity;
	r = Math.log(n) * invLnBase;
	k = Math.round(r);
	if (Math.abs(r - k) < 1e-9 && Math.pow(base, k) === n)
		return k;
	return r;
}

function mathLog2(x) {
	return logBase(x, Math.LOG2E, 2);
}

function mathLog10(x) {
	return logBase(x, Math.LOG10E, 10);
}

/* a and b only give the function length 2, like the native; the
 * arguments object is what is read. */
function mathHypot(a, b) {
	var values = [];
	var max = 0;
	var sawNaN = false;
	var i, n, sum, comp, term, t;

	for (i = 0; i < arguments.length; i++) {
		n = Math.abs(+arguments[i]);
		values.push(n);
		if (n === Infinity)
			max = Infinity;
		else if (n !== n)
			sawNaN = true;
		else if (n > max)
			max = n;
	}
	if (max === Infinity)
		return Infinity;
	if (sawNaN)
		return NaN;
	if (max === 0)
		return 0;
	/* scaled by max against overflow, Kahan-compensated sum */
	sum = 0;
	comp = 0;
	for (i = 0; i < values.length; i++) {
		n = values[i] / max;
		term = n * n - comp;
		t = sum + term;
		comp = (t - sum) - term;
		sum = t;
	}
	return Math.sqrt(sum) * max;
}

function mathCbrt(x) {
	var n = +x;
	var y;
	if (n !== n || n === 0 || n === Infinity || n === -Infinity)
		return n;
	y = Math.pow(Math.abs(n), 1 / 3);
	y = y - (y * y * y - Math.abs(n)) / (3 * y * y); /* one Newton step */
	return n < 0 ? -y : y;
}

function cbrtIsExact(fn) {
	var n;
	for (n = -10; n <= 10; n++) {
		if (fn(n * n * n) !== n)
			return false;
	}
	return true;
}

function mathClz32(x) {
	var n = x >>> 0;
	var count = 0;
	if (n === 0)
		return 32;
	if ((n & 0xffff0000) === 0) { count += 16; n = n << 16; }
	if ((n & 0xff000000) === 0) { count += 8; n = n << 8; }
	if ((n & 0xf0000000) === 0) { count += 4; n = n << 4; }
	if ((n & 0xc0000000) === 0) { count += 2; n = n << 2; }
	if ((n & 0x80000000) === 0) { count += 1; }
	return count;
}

function mathImul(a, b) {
	var ah = (a >>> 16) & 0xffff;
	var al = a & 0xffff;
	var bh = (b >>> 16) & 0xffff;
	var bl = b & 0xffff;
	/* the high half only matters mod 2^16, so no precision is lost */
	return (al * bl + (((ah * bl + al * bh) & 0xffff) << 16)) | 0;
}

var froundBuffer = typeof Float32Array === 'function' ? new Float32Array(1) : null;

function mathFround(x) {
	froundBuffer[0] = +x;
	return froundBuffer[0];
}

/* ----------------------------------------------------------------------
 * Error.captureStackTrace, queueMicrotask, structuredClone
 */

/* Best effort on Duktape: the frames of a fresh Error, minus this function
 * and (when fn is given and named) every frame up to fn's. */
function captureStackTrace(obj, fn) {
	var stack, lines, i, name, message, header, found;

	if (!isObject(obj))
		throw new TypeError('invalid_argument'); /* V8's message, as Node shows it */
	stack = new Error().stack;
	lines = typeof stack === 'string' ? stack.split('\n') : [];
	lines.shift(); /* the "Error" line */
	while (lines.length > 0 && /\bcaptureStackTrace\b/.test(lines[0]))
		lines.shift();
	if (isCallable(fn) && fn.name) {
		found = -1;
		for (i = 0; i < lines.length; i++) {
			if (lines[i].indexOf('at ' + fn.name + ' ') >= 0 || lines[i].indexOf('.' + fn.name + ' ') >= 0) {
				found = i;
				break;
			}
		}
		/* as V8: fn not on the stack leaves no frames */
		lines = found >= 0 ? lines.slice(found + 1) : [];
	}
	name = obj.name;
	name = name === undefined ? 'Error' : String(name);
	message = obj.message;
	message = message === undefined ? '' : String(message);
	header = name === '' ? message : message === '' ? name : name + ': ' + message;
	defineProperty(obj, 'stack', {
		value: header + (lines.length > 0 ? '\n' + lines.join('\n') : ''),
		writable: true,
		enumerable: false,
		configurable: true
	});
}

function invalidArgType(name, expected, actual) {
	var received, err;
	if (actual === null || actual === undefined)
		received = ' Received ' + String(actual);
	else if (typeof actual === 'function')
		received = ' Received function ' + (actual.name || '<anonymous>');
	else if (typeof actual === 'object')
		received = ' Received an instance of ' + ctorName(actual);
	else
		received = ' Received type ' + typeof actual + ' (' + (typeof actual === 'string' ? "'" + actual + "'" : String(actual)) + ')';
	err = new TypeError('The "' + name + '" argument must be of type ' + expected + '.' + received);
	defineMethod(err, 'code', 'ERR_INVALID_ARG_TYPE');
	return err;
}

function queueMicrotask(callback) {
	if (!isCallable(callback))
		throw invalidArgType('callback', 'function', callback);
	hooks.enqueueMicrotask(callback);
}

function dataCloneError(what) {
	var err = new Error(what + ' could not be cloned.');
	defineMethod(err, 'name', 'DataCloneError');
	defineMethod(err, 'code', 25);
	return err;
}

function tagOf(x) {
	return objectToString.call(x).slice(8, -1);
}

function tryCall(fn, self) {
	try {
		fn.call(self);
		return true;
	} catch (e) {
		return false;
	}
}

function isMapLike(x, Native) {
	if (hasOwn.call(x, COLLECTION))
		return x[COLLECTION].kind === 'Map';
	return isCallable(Native) && Native !== M && tryCall(Object.getOwnPropertyDescriptor(Native.prototype, 'size').get, x);
}

function isSetLike(x, Native) {
	if (hasOwn.call(x, COLLECTION))
		return x[COLLECTION].kind === 'Set';
	return isCallable(Native) && Native !== S && tryCall(Object.getOwnPropertyDescriptor(Native.prototype, 'size').get, x);
}

var ERROR_NAMES = ['Error', 'EvalError', 'RangeError', 'ReferenceError', 'SyntaxError', 'TypeError', 'URIError'];

/* XXX: options.transfer is ignored; getters run (as in V8); class
 * instances come back as plain objects; Blob, File and other host objects
 * are not known. */
function structuredClone(value) {
	var g = realmGlobal;
	var MapCtor = isCallable(g.Map) ? g.Map : M;
	var SetCtor = isCallable(g.Set) ? g.Set : S;
	var memo = new MapCtor();

	if (arguments.length === 0) {
		var err = new TypeError('The value argument must be specified');
		defineMethod(err, 'code', 'ERR_MISSING_ARGS');
		throw err;
	}

	function cloneKeys(src, dst) {
		var keys = Object.keys(src);
		var i;
		for (i = 0; i < keys.length; i++) {
			if (keys[i] === '__proto__')
				createDataProperty(dst, keys[i], clone(src[keys[i]]));
			else
				dst[keys[i]] = clone(src[keys[i]]);
		}
	}

	function clone(x) {
		var tag, out, Ctor, buf, flags, name, k;

		if (typeof x === 'function')
			throw dataCloneError(String(x));
		if (typeof x === 'symbol')
			throw dataCloneError(String(x));
		if (!isObject(x))
			return x;
		if (memo.has(x))
			return memo.get(x);
		tag = tagOf(x);

		if (Array.isArray(x)) {
			out = new Array(x.length);
			memo.set(x, out);
			cloneKeys(x, out);
			return out;
		}
		if (tag === 'Date' && tryCall(Date.prototype.getTime, x)) {
			out = new Date(Date.prototype.getTime.call(x));
		} else if (tag === 'RegExp') {
			flags = (x.global ? 'g' : '') + (x.ignoreCase ? 'i' : '') + (x.multiline ? 'm' : '');
			if (typeof x.flags === 'string')
				flags = x.flags;
			out = new RegExp(x.source, flags);
		} else if (tag === 'Boolean' && tryCall(Boolean.prototype.valueOf, x)) {
			out = Object(Boolean.prototype.valueOf.call(x));
		} else if (tag === 'Number' && tryCall(Number.prototype.valueOf, x)) {
			out = Object(Number.prototype.valueOf.call(x));
		} else if (tag === 'String' && tryCall(String.prototype.valueOf, x)) {
			out = Object(String.prototype.valueOf.call(x));
		} else if (tag === 'ArrayBuffer') {
			out = x.slice(0);
		} else if (typeof ArrayBuffer === 'function' && isCallable(ArrayBuffer.isView) && ArrayBuffer.isView(x)) {
			buf = clone(x.buffer);
			if (tag === 'DataView') {
				out = new DataView(buf, x.byteOffset, x.byteLength);
			} else {
				Ctor = g[tag];
				if (!isCallable(Ctor))
					throw dataCloneError(describe(x));
				out = new Ctor(buf, x.byteOffset, x.length);
			}
		} else if (isMapLike(x, g.Map) || isMapLike(x, M)) {
			out = new MapCtor();
			memo.set(x, out);
			k = [];
			x.forEach(function (v, key) { k.push(key, v); });
			while (k.length > 0)
				out.set(clone(k.shift()), clone(k.shift()));
			return out;
		} else if (isSetLike(x, g.Set) || isSetLike(x, S)) {
			out = new SetCtor();
			memo.set(x, out);
			k = [];
			x.forEach(function (v) { k.push(v); });
			while (k.length > 0)
				out.add(clone(k.shift()));
			return out;
		} else if (tag === 'Error' || x instanceof Error) {
			name = String(x.name);
			Ctor = ERROR_NAMES.indexOf(name) >= 0 && isCallable(g[name]) ? g[name] : Error;
			out = x.message !== undefined ? new Ctor(String(x.message)) : new Ctor();
			if (typeof x.stack === 'string')
				defineMethod(out, 'stack', x.stack);
			memo.set(x, out);
			return out;
		} else if (isPromise(x) || hasOwn.call(x, WEAK) || tag === 'Promise' || tag === 'WeakMap' ||
		    tag === 'WeakSet' || tag === 'WeakRef' || tag === 'Symbol' || tag === 'Function') {
			throw dataCloneError(describe(x));
		} else {
			out = {};
			memo.set(x, out);
			cloneKeys(x, out);
			return out;
		}
		memo.set(x, out);
		return out;
	}

	return clone(value);
}

/* ----------------------------------------------------------------------
 * install()
 */

function install(global, newHooks) {
	var defined = [];

	function missing(obj, name) {
		return isObject(obj) && obj[name] === undefined;
	}

	function put(obj, name, value, label) {
		if (missing(obj, name)) {
			defineMethod(obj, name, value);
			defined.push(label);
		}
	}

	function putConst(obj, name, value, label) {
		if (missing(obj, name)) {
			defineConstant(obj, name, value);
			defined.push(label);
		}
	}

	if (!isObject(global))
		throw new TypeError('install: global must be an object');
	if (newHooks !== undefined) {
		if (!isObject(newHooks) || !isCallable(newHooks.enqueueMicrotask))
			throw new TypeError('install: hooks.enqueueMicrotask must be a function');
		hooks = {
			enqueueMicrotask: function (fn) { newHooks.enqueueMicrotask(fn); },
			rejectionTracker: isCallable(newHooks.rejectionTracker) ?
			    function (type, promise, reason) { newHooks.rejectionTracker(type, promise, reason); } :
			    function () {}
		};
	}

	put(global, 'globalThis', global, 'globalThis');
	put(global, 'Promise', P, 'Promise');
	put(global, 'Map', M, 'Map');
	put(global, 'Set', S, 'Set');
	put(global, 'WeakMap', WM, 'WeakMap');
	put(global, 'WeakSet', WS, 'WeakSet');
	put(global, 'AggregateError', AggregateErrorPolyfill, 'AggregateError');
	put(global, 'queueMicrotask', queueMicrotask, 'queueMicrotask');
	put(global, 'structuredClone', structuredClone, 'structuredClone');

	var O = global.Object;
	put(O, 'entries', objectEntries, 'Object.entries');
	put(O, 'values', objectValues, 'Object.values');
	put(O, 'fromEntries', objectFromEntries, 'Object.fromEntries');
	put(O, 'getOwnPropertyDescriptors', objectGetOwnPropertyDescriptors, 'Object.getOwnPropertyDescriptors');
	put(O, 'hasOwn', objectHasOwn, 'Object.hasOwn');

	var A = global.Array;
	var AP = isObject(A) ? A.prototype : undefined;
	put(A, 'from', arrayFrom, 'Array.from');
	put(A, 'of', arrayOf, 'Array.of');
	put(AP, 'includes', arrayIncludes, 'Array.prototype.includes');
	put(AP, 'find', arrayFind, 'Array.prototype.find');
	put(AP, 'findIndex', arrayFindIndex, 'Array.prototype.findIndex');
	put(AP, 'findLast', arrayFindLast, 'Array.prototype.findLast');
	put(AP, 'findLastIndex', arrayFindLastIndex, 'Array.prototype.findLastIndex');
	put(AP, 'fill', arrayFill, 'Array.prototype.fill');
	put(AP, 'flat', arrayFlat, 'Array.prototype.flat');
	put(AP, 'flatMap', arrayFlatMap, 'Array.prototype.flatMap');
	put(AP, 'at', arrayAt, 'Array.prototype.at');
	put(AP, 'keys', arrayKeys, 'Array.prototype.keys');
	put(AP, 'values', arrayValues, 'Array.prototype.values');
	put(AP, 'entries', arrayEntries, 'Array.prototype.entries');
	if (HAS_SYMBOL && isObject(AP))
		put(AP, SYM_ITERATOR, AP.values, 'Array.prototype[Symbol.iterator]');

	var SP = isObject(global.String) ? global.String.prototype : undefined;
	put(SP, 'padStart', stringPadStart, 'String.prototype.padStart');
	put(SP, 'padEnd', stringPadEnd, 'String.prototype.padEnd');
	put(SP, 'includes', stringIncludes, 'String.prototype.includes');
	put(SP, 'repeat', stringRepeat, 'String.prototype.repeat');
	put(SP, 'startsWith', stringStartsWith, 'String.prototype.startsWith');
	put(SP, 'endsWith', stringEndsWith, 'String.prototype.endsWith');
	put(SP, 'trimStart', stringTrimStart, 'String.prototype.trimStart');
	put(SP, 'trimEnd', stringTrimEnd, 'String.prototype.trimEnd');
	if (isObject(SP)) {
		put(SP, 'trimLeft', SP.trimStart, 'String.prototype.trimLeft');
		put(SP, 'trimRight', SP.trimEnd, 'String.prototype.trimRight');
	}
	put(SP, 'codePointAt', stringCodePointAt, 'String.prototype.codePointAt');
	put(SP, 'at', stringAt, 'String.prototype.at');
	put(SP, 'replaceAll', stringReplaceAll, 'String.prototype.replaceAll');
	if (HAS_SYMBOL)
		put(SP, SYM_ITERATOR, stringIterator, 'String.prototype[Symbol.iterator]');

	var N = global.Number;
	put(N, 'isInteger', numberIsInteger, 'Number.isInteger');
	put(N, 'isSafeInteger', numberIsSafeInteger, 'Number.isSafeInteger');
	put(N, 'isFinite', numberIsFinite, 'Number.isFinite');
	put(N, 'isNaN', numberIsNaN, 'Number.isNaN');
	putConst(N, 'EPSILON', Math.pow(2, -52), 'Number.EPSILON');
	putConst(N, 'MAX_SAFE_INTEGER', 9007199254740991, 'Number.MAX_SAFE_INTEGER');
	putConst(N, 'MIN_SAFE_INTEGER', -9007199254740991, 'Number.MIN_SAFE_INTEGER');
	put(N, 'parseFloat', isCallable(global.parseFloat) ? global.parseFloat : parseFloat, 'Number.parseFloat');
	put(N, 'parseInt', isCallable(global.parseInt) ? global.parseInt : parseInt, 'Number.parseInt');

	var MA = global.Math;
	put(MA, 'trunc', mathTrunc, 'Math.trunc');
	put(MA, 'sign', mathSign, 'Math.sign');
	put(MA, 'log2', mathLog2, 'Math.log2');
	put(MA, 'log10', mathLog10, 'Math.log10');
	put(MA, 'hypot', mathHypot, 'Math.hypot');
	/* Duktape 2.7 has Math.cbrt, but as a plain pow(): cbrt(64) is not 4. */
	if (isObject(MA) && isCallable(MA.cbrt) && !cbrtIsExact(MA.cbrt))
		delete MA.cbrt;
	put(MA, 'cbrt', mathCbrt, 'Math.cbrt');
	put(MA, 'clz32', mathClz32, 'Math.clz32');
	put(MA, 'imul', mathImul, 'Math.imul');
	/* XXX: no Math.fround without Float32Array. */
	if (froundBuffer !== null)
		put(MA, 'fround', mathFround, 'Math.fround');

	put(global.Error, 'captureStackTrace', captureStackTrace, 'Error.captureStackTrace');
	/* V8's knob; Duktape's depth is fixed at build time, so it only exists
	 * for programs that read or set it. */
	if (isObject(global.Error) && global.Error.stackTraceLimit === undefined) {
		global.Error.stackTraceLimit = 10;
		defined.push('Error.stackTraceLimit');
	}

	return defined;
}

module.exports = {
	Promise: P,
	Map: M,
	Set: S,
	WeakMap: WM,
	WeakSet: WS,
	install: install,
	promiseState: promiseState
};
