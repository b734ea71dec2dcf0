/*
 * stdlib/internal/polyfills_shared.js — the helpers of the polyfill
 * modules loaded on first use (internal/promise, collections,
 * structured_clone, polyfills_methods, polyfills_fallback), in ES5
 * (stdlib layer). Exports these and internal/polyfills' internals (the
 * hooks, the loader), so each of them needs only this module.
 */
'use strict';

var base = (typeof internalBinding === 'function' ? require('internal/polyfills') :
    require('./polyfills.js')).internals;
var hasOwn = base.hasOwn;
var objectToString = base.objectToString;
var defineProperty = base.defineProperty;
var HAS_SYMBOL = base.HAS_SYMBOL;
var SYM_ITERATOR = base.SYM_ITERATOR;
var SYM_TAG = base.SYM_TAG;
var SYM_SPECIES = base.SYM_SPECIES;
var defineMethod = base.defineMethod;
var isObject = base.isObject;
var isCallable = base.isCallable;
var ctorName = base.ctorName;

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

function defineTag(proto, tag) {
	if (SYM_TAG !== null)
		defineProperty(proto, SYM_TAG, { value: tag, writable: false, enumerable: false, configurable: true });
}

function defineSpecies(ctor) {
	if (SYM_SPECIES !== null)
		defineProperty(ctor, SYM_SPECIES, { get: function () { return this; }, enumerable: false, configurable: true });
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
			return typeof obj === 'string' ? base.methods().stringIterator : ARRAY_LIKE;
		throw new TypeError(describe(obj) + ' is not iterable');
	}
	if (!isCallable(m))
		throw new TypeError(describe(obj) + ' is not iterable');
	/* (arrayValues can only be here once the methods are loaded) */
	if (base.loadedMethods() !== null && m === base.loadedMethods().arrayValues && typeof obj !== 'string')
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
	/* (through the descriptor: in lode the property is install()'s lazy
	 * accessor, whose getter would load internal/polyfills_methods, which
	 * needs this module) */
	var d = HAS_SYMBOL ? Object.getOwnPropertyDescriptor(Array.prototype, SYM_ITERATOR) : undefined;
	if (d !== undefined && typeof d.value === 'function') {
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

/* The hidden keys that mark the polyfills' objects (structuredClone and
 * the brand checks look for them without loading those modules). */

var PROMISE = hiddenKey('promise');

var COLLECTION = hiddenKey('collection');

var WEAK = hiddenKey('weak');

function isPromise(x) {
	return isObject(x) && hasOwn.call(x, PROMISE);
}

function createDataProperty(obj, key, value) {
	defineProperty(obj, key, { value: value, writable: true, enumerable: true, configurable: true });
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

var name;
for (name in base) {
	if (hasOwn.call(base, name))
		exports[name] = base[name];
}
exports.hiddenKey = hiddenKey;
exports.defineHidden = defineHidden;
exports.defineTag = defineTag;
exports.defineSpecies = defineSpecies;
exports.describe = describe;
exports.incompatible = incompatible;
exports.sameValueZero = sameValueZero;
exports.toIntegerOrInfinity = toIntegerOrInfinity;
exports.toLength = toLength;
exports.toObject = toObject;
exports.requireCoercibleString = requireCoercibleString;
exports.iterate = iterate;
exports.IteratorPrototype = IteratorPrototype;
exports.iterResult = iterResult;
exports.PROMISE = PROMISE;
exports.COLLECTION = COLLECTION;
exports.WEAK = WEAK;
exports.isPromise = isPromise;
exports.createDataProperty = createDataProperty;
exports.isRegExp = isRegExp;
