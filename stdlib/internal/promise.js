/*
 * stdlib/internal/promise.js — Promise (ECMA-262, job for job, so
 * callback order matches native promises) and AggregateError, in ES5
 * (stdlib layer). Loaded on first use of the globals it defines: the
 * bootstrap's install() makes them getters (see internal/polyfills).
 */
'use strict';

var base = typeof internalBinding === 'function' ? require('internal/polyfills_shared') :
    require('./polyfills_shared.js');
var realmGlobal = base.realmGlobal;
var hasOwn = base.hasOwn;
var defineProperty = base.defineProperty;
var SYM_SPECIES = base.SYM_SPECIES;
var defineHidden = base.defineHidden;
var defineMethod = base.defineMethod;
var defineTag = base.defineTag;
var defineSpecies = base.defineSpecies;
var isObject = base.isObject;
var isCallable = base.isCallable;
var describe = base.describe;
var incompatible = base.incompatible;
var iterate = base.iterate;
var PROMISE = base.PROMISE;
var isPromise = base.isPromise;
var enqueue = base.enqueue;
var trackRejection = base.trackRejection;

/* ----------------------------------------------------------------------
 * Promise
 */

var PENDING = 0;
var FULFILLED = 1;
var REJECTED = 2;

function PromiseRecord() {
	this.state = PENDING;
	this.value = undefined;
	this.reactions = [];
	this.handled = false;
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
		trackRejection('unhandled', promise, value);
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
			trackRejection('handled', promise);
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

module.exports = {
	Promise: P,
	AggregateError: AggregateErrorPolyfill,
	promiseState: promiseState
};
