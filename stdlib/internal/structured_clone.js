/*
 * stdlib/internal/structured_clone.js — structuredClone in ES5
 * (stdlib layer). Loaded on first use of the globals it defines: the
 * bootstrap's install() makes them getters (see internal/polyfills).
 */
'use strict';

var base = typeof internalBinding === 'function' ? require('internal/polyfills_shared') :
    require('./polyfills_shared.js');
var realmGlobal = base.realmGlobal;
var hasOwn = base.hasOwn;
var objectToString = base.objectToString;
var defineMethod = base.defineMethod;
var isObject = base.isObject;
var isCallable = base.isCallable;
var describe = base.describe;
var createDataProperty = base.createDataProperty;
var COLLECTION = base.COLLECTION;
var WEAK = base.WEAK;
var isPromise = base.isPromise;

/* The polyfill constructors, for values made before the globals were
 * replaced (loaded with this module: cloning a Map needs them anyway). */
var collections = base.load('collections');
var M = collections.Map;
var S = collections.Set;

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

module.exports = {
	structuredClone: structuredClone
};
