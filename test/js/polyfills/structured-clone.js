/*
 * test/js/polyfills/structured-clone.js — lode's structuredClone against
 * node's on plain data: same shape, same types, same sharing (circular and
 * repeated references), DataCloneError for functions and symbols.
 */
'use strict';

var common = require('./support/common.js');
var show = common.show;

var g = {};
common.polyfills.install(g, { enqueueMicrotask: function (fn) { queueMicrotask(fn); } });
var clone = g.structuredClone;

/* show() plus what show() cannot see: tags, prototypes, typed array
 * contents, Map/Set contents, and which nodes are the same object. */
function describe(v) {
	var seen = [];
	function d(x) {
		var i, tag, out, keys;
		if (typeof x !== 'object' || x === null)
			return show(x);
		i = seen.indexOf(x);
		if (i >= 0)
			return '#' + i;
		seen.push(x);
		tag = Object.prototype.toString.call(x);
		out = '(' + (seen.length - 1) + ')' + tag + ' proto=' + (Object.getPrototypeOf(x) && Object.getPrototypeOf(x).constructor && Object.getPrototypeOf(x).constructor.name);
		if (x instanceof Map) {
			out += ' entries=';
			x.forEach(function (val, key) { out += '[' + d(key) + '=>' + d(val) + ']'; });
		} else if (x instanceof Set) {
			out += ' values=';
			x.forEach(function (val) { out += '[' + d(val) + ']'; });
		} else if (x instanceof Date) {
			out += ' time=' + x.getTime();
		} else if (x instanceof RegExp) {
			out += ' ' + String(x) + ' lastIndex=' + x.lastIndex;
		} else if (x instanceof ArrayBuffer) {
			out += ' bytes=' + Array.prototype.join.call(new Uint8Array(x));
		} else if (ArrayBuffer.isView(x)) {
			out += ' offset=' + x.byteOffset + ' len=' + x.byteLength + ' buffer=' + d(x.buffer);
			if (!(x instanceof DataView))
				out += ' items=' + Array.prototype.join.call(x);
		} else if (x instanceof Error) {
			out += ' name=' + x.name + ' message=' + x.message + ' stack=' + (typeof x.stack);
		} else if (tag === '[object Number]' || tag === '[object String]' || tag === '[object Boolean]') {
			out += ' value=' + show(x.valueOf());
		}
		keys = Object.keys(x);
		out += ' {';
		for (i = 0; i < keys.length; i++)
			out += keys[i] + ':' + d(x[keys[i]]) + ',';
		return out + '}';
	}
	return d(v);
}

function attemptDescribe(fn) {
	try {
		return describe(fn());
	} catch (e) {
		return 'threw ' + e.name + (e.code !== undefined ? ' code ' + e.code : '') + ' instanceof Error ' + (e instanceof Error);
	}
}

function Point(x) { this.x = x; }
Point.prototype.norm = function () { return this.x; };

var inputs = {
	primitives: function () { return [1, -0, NaN, 'str', true, null, undefined, Infinity]; },
	nested: function () { return { a: { b: { c: [1, 2, { d: 'deep' }] } }, e: [] }; },
	circular: function () { var o = { name: 'o' }; o.self = o; o.list = [o, { back: o }]; return o; },
	shared: function () { var s = { shared: true }; return { a: s, b: s, c: [s, s] }; },
	sparse: function () { var a = [1, , 3]; a.extra = 'prop'; return a; }, /* eslint-disable-line no-sparse-arrays */
	date: function () { return { when: new Date(86400000), bad: new Date(NaN) }; },
	regexp: function () { var r = /ab+c/gi; r.lastIndex = 3; return [r, /x/m, new RegExp('\\d', 'y')]; },
	wrappers: function () { return [new Number(5), new String('s'), new Boolean(false)]; },
	map: function () { var k = { key: 1 }; var m = new Map([[k, 'v'], ['k', k], [NaN, [k]]]); m.set(m, m); return m; },
	set: function () { var o = {}; var s = new Set([1, o, 'x', o]); s.add(s); return s; },
	buffer: function () { var b = new ArrayBuffer(8); new Uint8Array(b).set([1, 2, 3, 4, 5, 6, 7, 8]); return b; },
	typed: function () {
		var b = new ArrayBuffer(16);
		new Uint8Array(b).set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
		return { u8: new Uint8Array(b, 2, 4), f32: new Float32Array([1.5, -2]), i16: new Int16Array(b, 4, 2), dv: new DataView(b, 1, 3), whole: b };
	},
	nodeBuffer: function () { return Buffer.from('hi'); },
	errors: function () { return [new Error('e'), new TypeError('t'), new RangeError('r')]; },
	classInstance: function () { return new Point(3); },
	getters: function () { return { get g() { return 'computed'; }, plain: 1 }; },
	nonEnumerable: function () { return Object.defineProperty({ v: 1 }, 'hidden', { value: 2 }); },
	symbolKey: function () { var o = { v: 1 }; o[Symbol('k')] = 2; return o; },
	protoKey: function () { return JSON.parse('{"__proto__": {"x": 1}, "y": 2}'); },
	func: function () { return function f() {}; },
	funcInside: function () { return { a: 1, f: function () {} }; },
	symbol: function () { return Symbol('s'); },
	symbolInside: function () { return [Symbol('s')]; },
	promise: function () { return Promise.resolve(1); },
	weakmap: function () { return new WeakMap(); }
};

Object.keys(inputs).forEach(function (name) {
	var input = inputs[name]();
	var want = attemptDescribe(function () { return structuredClone(input); });
	var got = attemptDescribe(function () { return clone(input); });
	common.check('structuredClone ' + name, got, want);
});

/* the clone is a copy */
var src = { a: [1], m: new Map([[1, { x: 1 }]]) };
var out = clone(src);
common.check('copy', String(out !== src && out.a !== src.a && out.m !== src.m && out.m.get(1) !== src.m.get(1)), 'true');
var mixed = { date: new Date(0), map: new Map([[1, 2]]) };
common.check('no args', (function () { try { clone(); return 'no throw'; } catch (e) { return e.name + ' ' + e.code; } })(),
    (function () { try { structuredClone(); return 'no throw'; } catch (e) { return e.name + ' ' + e.code; } })());
common.check('polyfill Map input', describe(clone(new common.polyfills.Map([[1, 'a']]))), describe(structuredClone(new Map([[1, 'a']]))));
common.check('polyfill Set input', describe(clone(new common.polyfills.Set([1, 'a']))), describe(structuredClone(new Set([1, 'a']))));
common.check('mixed', describe(clone(mixed)), describe(structuredClone(mixed)));

common.done();
