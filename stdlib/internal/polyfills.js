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
 *   hooks.lazyGlobal(name, get), optional (lode's bootstrap passes it):
 *   the globals that live in modules of their own are handed to it
 *   instead of being defined; get() loads the module and returns the
 *   value, and the bootstrap makes the global a getter that does so on
 *   first use and becomes a plain data property. With it, the Object,
 *   Array and String methods are accessors until first use too (see
 *   lazyMethodGet below). Without it everything is loaded and defined at
 *   once, as data properties.
 *   The exports Promise, Map, ... promiseState are getters that load their
 *   module.
 *
 * What lives where (everything but this file is loaded on first use, so
 * `lode -e 0` pays only for install() and the hooks):
 *   internal/promise             Promise, AggregateError
 *   internal/collections         Map, Set, WeakMap, WeakSet
 *   internal/structured_clone    structuredClone
 *   internal/polyfills_methods   Object.entries ..., Array.from and
 *                                Array.prototype.*, String.prototype.*
 *   internal/polyfills_fallback  the methods Duktape has natively (only
 *                                for a fake global in the node tests)
 *   internal/polyfills_shared    the helpers those modules share
 *
 * Methods are installed on `global.Object`, `global.Array`, ... when those
 * exist, so a test can pass a fake global and reach every polyfill even
 * where the host has the native one.
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

/* Built-in style: writable, configurable, not enumerable. */
function defineMethod(obj, name, value) {
	defineProperty(obj, name, { value: value, writable: true, enumerable: false, configurable: true });
}

function defineConstant(obj, name, value) {
	defineProperty(obj, name, { value: value, writable: false, enumerable: false, configurable: false });
}

function isObject(x) {
	return x !== null && (typeof x === 'object' || typeof x === 'function');
}

function isCallable(x) {
	return typeof x === 'function';
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

/* ----------------------------------------------------------------------
 * What the split modules share from here: the hooks (Promise jobs and
 * rejection tracking) and the module loader. Their other helpers are in
 * internal/polyfills_shared.
 */

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

function trackRejection(type, promise, reason) {
	hooks.rejectionTracker(type, promise, reason);
}

/* The split modules: stdlib ids inside lode (whose module functions get
 * internalBinding), files next to this one under node (the polyfill
 * tests). */
var loaded = {};

function load(name) {
	var m = loaded[name];
	if (m === undefined) {
		m = typeof internalBinding === 'function' ? require('internal/' + name) : require('./' + name + '.js');
		loaded[name] = m;
	}
	return m;
}

/* The Object, Array and String methods (internal/polyfills_methods). With
 * install()'s lazyGlobal hook (lode) they are accessors until one of them
 * is used: the getter loads the module, replaces every accessor still in
 * place with the method, then looks the key up again on the receiver.
 * Duktape passes the key to accessors (DUK_USE_NONSTD_GETTER_KEY_ARGUMENT,
 * ..._SETTER_...), so one getter and one setter serve all of them. */
var methodsModule = null;
var lazyMethods = [];

function methods() {
	if (methodsModule === null)
		methodsModule = load('polyfills_methods');
	return methodsModule;
}

function isLazyMethod(obj, name) {
	var d = Object.getOwnPropertyDescriptor(obj, name);
	return d !== undefined && d.get === lazyMethodGet;
}

/* Replaces every accessor still in place. One on a prototype frozen since
 * install() cannot be replaced: it stays, and answers with the method. */
var stuckMethods = [];

function materializeMethods() {
	var list = lazyMethods;
	var m, i, e;
	if (list.length === 0)
		return;
	m = methods();
	lazyMethods = [];
	for (i = 0; i < list.length; i++) {
		e = list[i];
		if (!isLazyMethod(e.obj, e.name))
			continue;
		try {
			defineMethod(e.obj, e.name, m[e.fn]);
		} catch (err) {
			stuckMethods.push({ obj: e.obj, name: e.name, value: m[e.fn] });
		}
	}
}

/* The object on this's prototype chain that holds key (own property). */
function holderOf(self, key) {
	var o = Object(self);
	while (o !== null && !hasOwn.call(o, key))
		o = Object.getPrototypeOf(o);
	return o;
}

function stuckMethod(o, key) {
	var i;
	for (i = 0; i < stuckMethods.length; i++) {
		if (stuckMethods[i].obj === o && stuckMethods[i].name === key)
			return stuckMethods[i];
	}
	return null;
}

function lazyMethodGet(key) {
	var o, stuck;
	materializeMethods();
	o = holderOf(this, key);
	stuck = o === null ? null : stuckMethod(o, key);
	return stuck !== null ? stuck.value : Object(this)[key];
}

/* An assignment before the first read: as to the method itself. A frozen
 * prototype's is read-only: XXX: a TypeError as in strict code (sloppy
 * code would see the assignment ignored). */
function lazyMethodSet(value, key) {
	var o;
	materializeMethods();
	o = holderOf(this, key);
	if (o !== null && stuckMethod(o, key) !== null)
		throw new TypeError('Cannot assign to read only property \'' + String(key) + '\' of object');
	Object(this)[key] = value;
}

/* Which module holds each lazily loaded global (and export). */
var LAZY = {
	Promise: 'promise',
	AggregateError: 'promise',
	Map: 'collections',
	Set: 'collections',
	WeakMap: 'collections',
	WeakSet: 'collections',
	structuredClone: 'structured_clone'
};

function lazyValue(name) {
	return load(LAZY[name])[name];
}

/* Our value of a lazy global when its module is loaded, else null, never
 * loading it: before that no value can be one of its instances, so
 * util.inspect can tell a plain object from a Map without making
 * `console.log({})` load the collections and Promise modules. */
function loadedGlobal(name) {
	var m = hasOwn.call(LAZY, name) ? loaded[LAZY[name]] : undefined;
	return m !== undefined ? m[name] : null;
}

/* ----------------------------------------------------------------------
 * Number and Math
 */

function mathCbrt(x) {
	var n = +x;
	var y;
	if (n !== n || n === 0 || n === Infinity || n === -Infinity)
		return n;
	y = Math.pow(Math.abs(n), 1 / 3);
	y = y - (y * y * y - Math.abs(n)) / (3 * y * y); /* one Newton step */
	return n < 0 ? -y : y;
}

/* Known without calling it: the check calls the math library, and on
 * Duktape that is the start-up's only call of pow(), whose tables alone
 * made some 280 KB of libm resident at `lode -e 0`. */
function isDuktape2() {
	return typeof Duktape === 'object' && Duktape !== null && Duktape.version >= 20000 && Duktape.version < 30000;
}

function cbrtIsExact(fn) {
	var n;
	for (n = -10; n <= 10; n++) {
		if (fn(n * n * n) !== n)
			return false;
	}
	return true;
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

/* ----------------------------------------------------------------------
 * install()
 */

function install(global, newHooks) {
	var defined = [];
	var lazyGlobal;

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

	/* Methods Duktape 2.7 has natively: their polyfills are in
	 * internal/polyfills_fallback, loaded only when one is missing. */
	function putFallback(obj, name, fn, label) {
		if (missing(obj, name)) {
			defineMethod(obj, name, load('polyfills_fallback')[fn]);
			defined.push(label);
		}
	}

	function putMethod(obj, name, fn, label) {
		if (!missing(obj, name))
			return;
		if (lazyGlobal !== undefined) {
			defineProperty(obj, name, { get: lazyMethodGet, set: lazyMethodSet, enumerable: false, configurable: true });
			lazyMethods.push({ obj: obj, name: name, fn: fn });
		} else {
			defineMethod(obj, name, methods()[fn]);
		}
		defined.push(label);
	}

	/* owner[name] for each name in the list: the function <prefix><Name>
	 * of the module putOne (putMethod or putFallback) takes it from. */
	function putAll(putOne, obj, owner, prefix, names) {
		var list = names.split(' ');
		var i, n;
		for (i = 0; i < list.length; i++) {
			n = list[i];
			putOne(obj, n, prefix + n.charAt(0).toUpperCase() + n.slice(1), owner + '.' + n);
		}
	}

	/* obj[name] as the same function as obj[from]: the lazy one when
	 * obj[from] is still ours, else whatever is there. */
	function alias(obj, name, from, fn, label) {
		if (isLazyMethod(obj, from))
			putMethod(obj, name, fn, label);
		else
			put(obj, name, obj[from], label);
	}

	function putLazy(name) {
		if (!missing(global, name))
			return;
		if (lazyGlobal !== undefined)
			lazyGlobal(name, function () { return lazyValue(name); });
		else
			defineMethod(global, name, lazyValue(name));
		defined.push(name);
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
		if (isCallable(newHooks.lazyGlobal))
			lazyGlobal = newHooks.lazyGlobal;
	}

	put(global, 'globalThis', global, 'globalThis');
	putLazy('Promise');
	putLazy('Map');
	putLazy('Set');
	putLazy('WeakMap');
	putLazy('WeakSet');
	putLazy('AggregateError');
	put(global, 'queueMicrotask', queueMicrotask, 'queueMicrotask');
	putLazy('structuredClone');

	var O = global.Object;
	putAll(putMethod, O, 'Object', 'object', 'entries values fromEntries getOwnPropertyDescriptors hasOwn');

	var A = global.Array;
	var AP = isObject(A) ? A.prototype : undefined;
	putAll(putMethod, A, 'Array', 'array', 'from of');
	putAll(putMethod, AP, 'Array.prototype', 'array',
	    'includes find findIndex findLast findLastIndex fill flat flatMap at keys values entries');
	if (HAS_SYMBOL && isObject(AP))
		alias(AP, SYM_ITERATOR, 'values', 'arrayValues', 'Array.prototype[Symbol.iterator]');

	var SP = isObject(global.String) ? global.String.prototype : undefined;
	putAll(putMethod, SP, 'String.prototype', 'string', 'padStart padEnd');
	putAll(putFallback, SP, 'String.prototype', 'string', 'includes repeat startsWith endsWith');
	putAll(putMethod, SP, 'String.prototype', 'string', 'trimStart trimEnd');
	if (isObject(SP)) {
		alias(SP, 'trimLeft', 'trimStart', 'stringTrimStart', 'String.prototype.trimLeft');
		alias(SP, 'trimRight', 'trimEnd', 'stringTrimEnd', 'String.prototype.trimRight');
	}
	putAll(putFallback, SP, 'String.prototype', 'string', 'codePointAt');
	putAll(putMethod, SP, 'String.prototype', 'string', 'at replaceAll');
	if (HAS_SYMBOL)
		putMethod(SP, SYM_ITERATOR, 'stringIterator', 'String.prototype[Symbol.iterator]');

	var N = global.Number;
	putAll(putFallback, N, 'Number', 'number', 'isInteger isSafeInteger isFinite isNaN');
	/* 2^-52 (a literal: Math.pow would call libm at start-up) */
	putConst(N, 'EPSILON', 2.220446049250313e-16, 'Number.EPSILON');
	putConst(N, 'MAX_SAFE_INTEGER', 9007199254740991, 'Number.MAX_SAFE_INTEGER');
	putConst(N, 'MIN_SAFE_INTEGER', -9007199254740991, 'Number.MIN_SAFE_INTEGER');
	put(N, 'parseFloat', isCallable(global.parseFloat) ? global.parseFloat : parseFloat, 'Number.parseFloat');
	put(N, 'parseInt', isCallable(global.parseInt) ? global.parseInt : parseInt, 'Number.parseInt');

	var MA = global.Math;
	putAll(putFallback, MA, 'Math', 'math', 'trunc sign log2 log10 hypot');
	/* Duktape 2.7 has Math.cbrt, but as a plain pow(): cbrt(64) is not 4. */
	if (isObject(MA) && isCallable(MA.cbrt) && (isDuktape2() || !cbrtIsExact(MA.cbrt)))
		delete MA.cbrt;
	put(MA, 'cbrt', mathCbrt, 'Math.cbrt');
	putAll(putFallback, MA, 'Math', 'math', 'clz32 imul');
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
	install: install,
	internals: {
		realmGlobal: realmGlobal,
		hasOwn: hasOwn,
		objectToString: objectToString,
		defineProperty: defineProperty,
		HAS_SYMBOL: HAS_SYMBOL,
		SYM_ITERATOR: SYM_ITERATOR,
		SYM_TAG: SYM_TAG,
		SYM_SPECIES: SYM_SPECIES,
		defineMethod: defineMethod,
		isObject: isObject,
		isCallable: isCallable,
		ctorName: ctorName,
		enqueue: enqueue,
		trackRejection: trackRejection,
		load: load,
		methods: methods,
		loadedMethods: function () { return methodsModule; },
		loadedGlobal: loadedGlobal
	}
};

['Promise', 'Map', 'Set', 'WeakMap', 'WeakSet'].forEach(function (name) {
	defineProperty(module.exports, name, {
		get: function () { return lazyValue(name); },
		enumerable: true,
		configurable: true
	});
});
defineProperty(module.exports, 'promiseState', {
	get: function () { return load('promise').promiseState; },
	enumerable: true,
	configurable: true
});
