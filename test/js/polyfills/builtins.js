/*
 * test/js/polyfills/builtins.js — the Object, Array, String, Number and
 * Math polyfills against node's natives. install() runs on a fake global
 * whose constructors have empty prototypes, so every method polyfill gets
 * defined there; each is then called with the same receivers and
 * arguments as the native one and must give the same result (or throw the
 * same kind of error).
 */
'use strict';

var common = require('./support/common.js');
var show = common.show;
var attempt = common.attempt;

var g = common.fakeGlobal();
common.polyfills.install(g, { enqueueMicrotask: function (fn) { queueMicrotask(fn); } });

function sparse() {
	var a = [1, , 3]; /* eslint-disable-line no-sparse-arrays */
	return a;
}

var arrays = [
	function () { return []; },
	function () { return [1, 2, 3, 2, 1]; },
	function () { return [NaN, -0, 0, undefined, null, '1', 1]; },
	sparse,
	function () { return [[1, [2, [3, [4, [5]]]]], [], [[]], 6, sparse()]; },
	function () { return { length: 3, 0: 'a', 2: 'c' }; },
	function () { return { length: -1, 0: 'x' }; },
	function () { return 'str'; },
	function () { return { length: '2', 0: 1, 1: 2 }; }
];

var argLists = [
	[], [1], [2], [NaN], [-0], [undefined], ['1'], [1, 1], [1, -2], [2, -1], [1, Infinity],
	[1, -Infinity], [0, 1, 3], [9, -2, -1], ['x', 1, 2], [null], [2, 4.7]
];

var failures = [];
function compare(label, want, got) {
	common.check(label, got, want);
}

/* Array.prototype methods taking plain values */
['includes', 'fill', 'flat', 'at'].forEach(function (name) {
	var native = Array.prototype[name];
	var poly = g.Array.prototype[name];
	arrays.forEach(function (make, ai) {
		argLists.forEach(function (args, gi) {
			var recvN = make();
			var recvP = make();
			var rN = attempt(function () { return native.apply(recvN, args); });
			var rP = attempt(function () { return poly.apply(recvP, args); });
			compare(name + ' array#' + ai + ' args#' + gi, rN + ' / ' + show(recvN), rP + ' / ' + show(recvP));
		});
	});
	compare(name + ' null this', attempt(function () { native.call(null); }), attempt(function () { poly.call(null); }));
	compare(name + '.length', String(native.length), String(poly.length));
});

/* callbacks */
var callbacks = [
	function (v) { return v === 2; },
	function (v, i) { return i === 2; },
	function (v) { return v !== v; },
	function () { return false; },
	function (v, i, o) { return show(o).length > 100; },
	function (v) { return [v, [v]]; },
	function () { return this; }
];
['find', 'findIndex', 'findLast', 'findLastIndex', 'flatMap'].forEach(function (name) {
	var native = Array.prototype[name];
	var poly = g.Array.prototype[name];
	arrays.forEach(function (make, ai) {
		callbacks.forEach(function (cb, ci) {
			var logN = [];
			var logP = [];
			function wrap(log) {
				return function (v, i) { log.push(show(v) + '@' + i); return cb.apply(this, arguments); };
			}
			var rN = attempt(function () { return native.call(make(), wrap(logN), 'thisArg'); });
			var rP = attempt(function () { return poly.call(make(), wrap(logP), 'thisArg'); });
			compare(name + ' array#' + ai + ' cb#' + ci, rN + ' ' + logN.join(','), rP + ' ' + logP.join(','));
		});
	});
	compare(name + ' non-callable', attempt(function () { native.call([1], 5); }), attempt(function () { poly.call([1], 5); }));
	compare(name + '.length', String(native.length), String(poly.length));
});

/* flat depths */
[undefined, 0, 1, 2, Infinity, -1, '2', NaN].forEach(function (depth) {
	var src = [1, [2, [3, [4, [5, , 6]]]], , 7]; /* eslint-disable-line no-sparse-arrays */
	compare('flat depth ' + String(depth), show(src.flat(depth)), show(g.Array.prototype.flat.call(src, depth)));
});

/* array iterators */
function drain(it) {
	var out = [];
	var step;
	while (!(step = it.next()).done)
		out.push(step.value);
	return out;
}
['keys', 'values', 'entries'].forEach(function (name) {
	arrays.forEach(function (make, ai) {
		var rN = attempt(function () { return drain(Array.prototype[name].call(make())); });
		var rP = attempt(function () { return drain(g.Array.prototype[name].call(make())); });
		compare(name + ' array#' + ai, rN, rP);
	});
	var a = [1, 2];
	var b = [1, 2];
	var itN = Array.prototype[name].call(a);
	var itP = g.Array.prototype[name].call(b);
	var seq = [show(itN.next()), show(itP.next())];
	a.push(3);
	b.push(3);
	seq.push(show(drain(itN)), show(drain(itP)));
	a.push(4);
	b.push(4);
	seq.push(show(itN.next()), show(itP.next()));
	compare(name + ' live length and stays done', seq[0] + seq[2] + seq[4], seq[1] + seq[3] + seq[5]);
	var it = g.Array.prototype[name].call([]);
	compare(name + ' iterator shape', Object.prototype.toString.call([][name]()) + (typeof [][name]()[Symbol.iterator]),
	    Object.prototype.toString.call(it) + (typeof it[Symbol.iterator]));
});
compare('Array.prototype[Symbol.iterator] is values', 'true', String(g.Array.prototype[Symbol.iterator] === g.Array.prototype.values));

/* Array.from / Array.of */
var fromInputs = [
	function () { return [1, 2, 3]; },
	function () { return 'a\ud83d\ude00b'; },
	function () { return { length: 2, 0: 'x' }; },
	function () { return new Set([1, 1, 2]); },
	function () { return new Map([[1, 2]]); },
	function () { return [1, 2].keys(); },
	function () { return (function () { return arguments; })(1, 2); },
	function () { return 5; },
	function () { return {}; },
	function () { return null; },
	function () { return new Uint8Array([1, 2]); },
	sparse
];
fromInputs.forEach(function (make, i) {
	compare('Array.from #' + i, attempt(function () { return Array.from(make()); }), attempt(function () { return g.Array.from.call(Array, make()); }));
	compare('Array.from map #' + i, attempt(function () { return Array.from(make(), function (v, k) { return [v, k, this]; }, 't'); }),
	    attempt(function () { return g.Array.from.call(Array, make(), function (v, k) { return [v, k, this]; }, 't'); }));
	compare('Array.from plain this #' + i, attempt(function () { return Array.from.call(undefined, make()); }),
	    attempt(function () { return g.Array.from.call(undefined, make()); }));
});
compare('Array.from bad mapFn', attempt(function () { Array.from([], 5); }), attempt(function () { g.Array.from.call(Array, [], 5); }));
function Custom() { this.made = arguments.length; }
compare('Array.from custom ctor', attempt(function () { return Array.from.call(Custom, { length: 2, 0: 'a', 1: 'b' }); }),
    attempt(function () { return g.Array.from.call(Custom, { length: 2, 0: 'a', 1: 'b' }); }));
compare('Array.from custom ctor iterable', attempt(function () { return Array.from.call(Custom, ['a']); }),
    attempt(function () { return g.Array.from.call(Custom, ['a']); }));
compare('Array.of', attempt(function () { return [Array.of(), Array.of(7), Array.of(1, 2, undefined), Array.of.call(Custom, 1, 2)]; }),
    attempt(function () { return [g.Array.of.call(Array), g.Array.of.call(Array, 7), g.Array.of.call(Array, 1, 2, undefined), g.Array.of.call(Custom, 1, 2)]; }));
compare('Array.from.length', String(Array.from.length), String(g.Array.from.length));

/* String */
var strings = ['', 'abc', '  a b  ', '\u00a0\ufeff x\u2028\u3000', 'a\ud83d\ude00b', '\ud800', 'aaaa', 'abcabc', '\u180ex\u180e'];
var stringArgs = [[], [0], [3], [5], [5, '*'], [5, 'xyz'], [8, ''], ['a'], ['a', 1], ['b', 2], ['c', -1], ['c', 10],
	['abc', 0], [-1], [1.9], [NaN], [Infinity], ['bc', 3], [undefined, 2], [null], ['', 0], [2, undefined]];
['padStart', 'padEnd', 'includes', 'repeat', 'startsWith', 'endsWith', 'trimStart', 'trimEnd', 'codePointAt', 'at', 'replaceAll'].forEach(function (name) {
	var native = String.prototype[name];
	var poly = g.String.prototype[name];
	strings.forEach(function (s, si) {
		stringArgs.forEach(function (args, ai) {
			compare(name + ' str#' + si + ' args#' + ai, attempt(function () { return native.apply(s, args); }), attempt(function () { return poly.apply(s, args); }));
		});
	});
	compare(name + ' null this', attempt(function () { native.call(null, 'a'); }), attempt(function () { poly.call(null, 'a'); }));
	compare(name + ' object this', attempt(function () { return native.call({ toString: function () { return 'obj'; } }, 'o', 'X'); }),
	    attempt(function () { return poly.call({ toString: function () { return 'obj'; } }, 'o', 'X'); }));
	compare(name + '.length', String(native.length), String(poly.length));
});
['includes', 'startsWith', 'endsWith'].forEach(function (name) {
	compare(name + ' regexp', attempt(function () { return 'a'[name](/a/); }), attempt(function () { return g.String.prototype[name].call('a', /a/); }));
});
compare('repeat huge', attempt(function () { return 'ab'.repeat(-1); }), attempt(function () { return g.String.prototype.repeat.call('ab', -1); }));
compare('repeat 100', 'ab'.repeat(100), g.String.prototype.repeat.call('ab', 100));
compare('trimLeft alias', 'true', String(g.String.prototype.trimLeft === g.String.prototype.trimStart));
var allWs = [];
for (var cp = 0; cp < 0x10000; cp++) {
	var ch = String.fromCharCode(cp);
	if (ch.trimStart() === '' || g.String.prototype.trimEnd.call(ch) === '')
		allWs.push(cp.toString(16) + ':' + (ch.trimStart() === '') + (g.String.prototype.trimStart.call(ch) === '') + (g.String.prototype.trimEnd.call(ch) === ''));
}
compare('whitespace set', 'same', allWs.every(function (s) { return /:truetruetrue$/.test(s); }) ? 'same' : allWs.join(' '));
var replaceCases = [['a.b.c', '.', '$&$&'], ['aaa', 'a', '$\''], ['xyx', 'x', function (m, off, str) { return '[' + m + off + str + ']'; }],
	['ab', '', '_'], ['a+b+', '+', '$$'], ['abc', /b/g, 'B'], ['abc', /b/, 'B'], ['x', 'x', '$1']];
replaceCases.forEach(function (c, i) {
	compare('replaceAll #' + i, attempt(function () { return c[0].replaceAll(c[1], c[2]); }), attempt(function () { return g.String.prototype.replaceAll.call(c[0], c[1], c[2]); }));
});
compare('String iterator', attempt(function () { return Array.from('a\ud83d\ude00\ud800b'); }),
    attempt(function () { return drain(g.String.prototype[Symbol.iterator].call('a\ud83d\ude00\ud800b')); }));

/* Number */
var numbers = [0, -0, 1, -1, 1.5, NaN, Infinity, -Infinity, 9007199254740991, 9007199254740992, -9007199254740991,
	-9007199254740992, 1e300, 5e-324, '5', null, undefined, true, {}, [], new Number(3)];
['isInteger', 'isSafeInteger', 'isFinite', 'isNaN'].forEach(function (name) {
	numbers.forEach(function (n, i) {
		compare('Number.' + name + ' #' + i, show(Number[name](n)), show(g.Number[name](n)));
	});
});
['EPSILON', 'MAX_SAFE_INTEGER', 'MIN_SAFE_INTEGER'].forEach(function (name) {
	var d = Object.getOwnPropertyDescriptor(g.Number, name);
	compare('Number.' + name, show(Number[name]) + JSON.stringify(Object.getOwnPropertyDescriptor(Number, name)),
	    show(d.value) + JSON.stringify(d));
});
compare('Number.parseFloat identity', 'true true', String(g.Number.parseFloat === parseFloat) + ' ' + String(g.Number.parseInt === parseInt));

/* Math */
var mathInputs = [0, -0, 1, -1, 0.5, -0.5, 2.7, -2.7, 8, 27, 64, -125, 1000, 1e-300, 1e300, 0.1, 2, 1024, 1 / 3, 100, 1e15, 123456789,
	NaN, Infinity, -Infinity, '16', null, undefined, 4294967295, 4294967296, -4294967297, 0x80000000, 2147483647, -2147483648];
function close(a, b) {
	if (a === b)
		return true;
	if (a !== a && b !== b)
		return true;
	return Math.abs(a - b) <= Math.abs(a) * 4e-16;
}
['trunc', 'sign', 'clz32', 'fround'].forEach(function (name) {
	mathInputs.forEach(function (x, i) {
		compare('Math.' + name + ' #' + i, show(Math[name](x)), show(g.Math[name](x)));
	});
});
['log2', 'log10', 'cbrt'].forEach(function (name) {
	mathInputs.forEach(function (x, i) {
		var n = Math[name](x);
		var p = g.Math[name](x);
		compare('Math.' + name + ' #' + i + ' (' + show(x) + ')', show(n), close(n, p) && (n !== 0 || 1 / n === 1 / p) ? show(n) : show(p));
	});
});
/* exact for exact powers and cubes */
for (var e = -20; e <= 60; e++) {
	compare('log2 2^' + e, show(Math.log2(Math.pow(2, e))), show(g.Math.log2(Math.pow(2, e))));
	if (e >= 0 && e <= 22)
		compare('log10 10^' + e, show(Math.log10(Math.pow(10, e))), show(g.Math.log10(Math.pow(10, e))));
}
for (var c = -100; c <= 100; c++)
	compare('cbrt ' + c + '^3', show(Math.cbrt(c * c * c)), show(g.Math.cbrt(c * c * c)));
mathInputs.forEach(function (a, i) {
	mathInputs.forEach(function (b, j) {
		compare('Math.imul #' + i + ',' + j, show(Math.imul(a, b)), show(g.Math.imul(a, b)));
		var hn = Math.hypot(a, b);
		var hp = g.Math.hypot(a, b);
		compare('Math.hypot #' + i + ',' + j, show(hn), close(hn, hp) ? show(hn) : show(hp));
	});
});
[[], [3], [3, 4, 12], [NaN, Infinity], [-Infinity, NaN], [1e200, 1e200], [1e-200, 1e-200], [0, -0], [-0]].forEach(function (args, i) {
	compare('Math.hypot list #' + i, show(Math.hypot.apply(Math, args)), show(g.Math.hypot.apply(Math, args)));
});
['trunc', 'sign', 'log2', 'log10', 'hypot', 'cbrt', 'clz32', 'imul', 'fround'].forEach(function (name) {
	compare('Math.' + name + '.length', String(Math[name].length), String(g.Math[name].length));
});

/* Object */
var objects = [
	function () { return { a: 1, b: [2], 2: 'two', 1: 'one' }; },
	function () { return Object.create({ inherited: 1 }, { own: { value: 1, enumerable: true }, hidden: { value: 2 } }); },
	function () { var o = { x: 1 }; o[Symbol('s')] = 2; return o; },
	function () { return 'str'; },
	function () { return [5, 6]; },
	function () { return 42; },
	function () { return null; },
	function () { var o = { get g() { return 'got'; }, set s(v) {} }; return o; },
	function () { var o = { a: 1, b: 2 }; Object.defineProperty(o, 'a', { get: function () { Object.defineProperty(o, 'b', { enumerable: false }); return 1; }, enumerable: true }); return o; }
];
['entries', 'values', 'getOwnPropertyDescriptors'].forEach(function (name) {
	objects.forEach(function (make, i) {
		var rN = attempt(function () { return Object[name](make()); });
		var rP = attempt(function () { return g.Object[name](make()); });
		if (name === 'getOwnPropertyDescriptors') {
			rN = attempt(function () { var d = Object[name](make()); return [d, Reflect.ownKeys(d).map(String)]; });
			rP = attempt(function () { var d = g.Object[name](make()); return [d, Reflect.ownKeys(d).map(String)]; });
		}
		compare('Object.' + name + ' #' + i, rN, rP);
	});
});
var entryInputs = [
	function () { return [['a', 1], ['b', 2], ['a', 3]]; },
	function () { return new Map([[1, 'x'], [{}, 'y']]); },
	function () { return [['__proto__', 'p']]; },
	function () { return [1]; },
	function () { return 5; },
	function () { return [[Symbol.iterator, 'sym']]; },
	function () { return [{ 0: 'k', 1: 'v' }]; },
	function () { return null; }
];
entryInputs.forEach(function (make, i) {
	var rN = attempt(function () { var o = Object.fromEntries(make()); return [o, Object.getPrototypeOf(o) === Object.prototype, Reflect.ownKeys(o).map(String)]; });
	var rP = attempt(function () { var o = g.Object.fromEntries(make()); return [o, Object.getPrototypeOf(o) === Object.prototype, Reflect.ownKeys(o).map(String)]; });
	compare('Object.fromEntries #' + i, rN, rP);
});
compare('Object.hasOwn', attempt(function () { return [Object.hasOwn({ a: 1 }, 'a'), Object.hasOwn(Object.create({ a: 1 }), 'a'), Object.hasOwn('ab', 'length')]; }),
    attempt(function () { return [g.Object.hasOwn({ a: 1 }, 'a'), g.Object.hasOwn(Object.create({ a: 1 }), 'a'), g.Object.hasOwn('ab', 'length')]; }));
compare('Object.hasOwn null', attempt(function () { Object.hasOwn(null, 'a'); }), attempt(function () { g.Object.hasOwn(null, 'a'); }));

/* property attributes of everything install() defined */
var attrs = [];
[[g.Object, 'Object'], [g.Array, 'Array'], [g.Array.prototype, 'Array.prototype'], [g.String.prototype, 'String.prototype'],
	[g.Number, 'Number'], [g.Math, 'Math']].forEach(function (pair) {
	Reflect.ownKeys(pair[0]).forEach(function (k) {
		var d = Object.getOwnPropertyDescriptor(pair[0], k);
		if (typeof d.value === 'function' && (d.enumerable || !d.writable || !d.configurable))
			attrs.push(pair[1] + '.' + String(k));
	});
});
compare('methods are non-enumerable, writable, configurable', '', attrs.join(' '));

common.done();
