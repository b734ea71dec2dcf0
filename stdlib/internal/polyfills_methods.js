/*
 * stdlib/internal/polyfills_methods.js — the ES2015+ Object, Array and
 * String methods that Duktape 2.7 lacks, in ES5 (stdlib layer). In lode,
 * install() (internal/polyfills) puts them on the built-ins as accessors
 * that load this module on first use of any of them and replace every
 * one with a plain method; elsewhere (the node-side tests) it loads this
 * module and defines them at once.
 */
'use strict';

var base = typeof internalBinding === 'function' ? require('internal/polyfills_shared') :
    require('./polyfills_shared.js');
var hasOwn = base.hasOwn;
var defineProperty = base.defineProperty;
var HAS_SYMBOL = base.HAS_SYMBOL;
var SYM_ITERATOR = base.SYM_ITERATOR;
var hiddenKey = base.hiddenKey;
var defineHidden = base.defineHidden;
var defineMethod = base.defineMethod;
var defineTag = base.defineTag;
var isObject = base.isObject;
var isCallable = base.isCallable;
var describe = base.describe;
var incompatible = base.incompatible;
var iterate = base.iterate;
var IteratorPrototype = base.IteratorPrototype;
var iterResult = base.iterResult;
var toObject = base.toObject;
var toLength = base.toLength;
var toIntegerOrInfinity = base.toIntegerOrInfinity;
var sameValueZero = base.sameValueZero;
var requireCoercibleString = base.requireCoercibleString;
var isRegExp = base.isRegExp;
var createDataProperty = base.createDataProperty;

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

module.exports = {
	objectEntries: objectEntries,
	objectValues: objectValues,
	objectFromEntries: objectFromEntries,
	objectGetOwnPropertyDescriptors: objectGetOwnPropertyDescriptors,
	objectHasOwn: objectHasOwn,
	arrayFrom: arrayFrom,
	arrayOf: arrayOf,
	arrayIncludes: arrayIncludes,
	arrayFind: arrayFind,
	arrayFindIndex: arrayFindIndex,
	arrayFindLast: arrayFindLast,
	arrayFindLastIndex: arrayFindLastIndex,
	arrayFill: arrayFill,
	arrayFlat: arrayFlat,
	arrayFlatMap: arrayFlatMap,
	arrayAt: arrayAt,
	arrayKeys: arrayKeys,
	arrayValues: arrayValues,
	arrayEntries: arrayEntries,
	stringIterator: stringIterator,
	stringPadStart: stringPadStart,
	stringPadEnd: stringPadEnd,
	stringTrimStart: stringTrimStart,
	stringTrimEnd: stringTrimEnd,
	stringAt: stringAt,
	stringReplaceAll: stringReplaceAll
};
