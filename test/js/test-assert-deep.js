// Deep equality rules (loose vs strict) through assert and util.isDeepStrictEqual.
var assert = require('assert');
var util = require('util');
function both(label, a, b) {
  var loose, strict;
  try { assert.deepEqual(a, b); loose = true; } catch (e) { loose = false; }
  try { assert.deepStrictEqual(a, b); strict = true; } catch (e) { strict = false; }
  var nl, ns;
  try { assert.notDeepEqual(a, b); nl = true; } catch (e) { nl = false; }
  try { assert.notDeepStrictEqual(a, b); ns = true; } catch (e) { ns = false; }
  console.log(label, loose, strict, nl, ns, util.isDeepStrictEqual(a, b));
}
both('prim-eq', 1, 1); both('prim-str', 1, '1'); both('nan', NaN, NaN); both('zero', 0, -0);
both('null-undef', null, undefined); both('bool', true, 1); both('str', 'a', 'a');
both('obj', { a: 1, b: [1, 2] }, { a: 1, b: [1, 2] }); both('obj-order', { a: 1, b: 2 }, { b: 2, a: 1 });
both('obj-type', { a: 1 }, { a: '1' }); both('obj-extra', { a: 1 }, { a: 1, b: undefined });
both('arr', [1, 2, 3], [1, 2, 3]); both('arr-len', [1, 2], [1, 2, 3]); both('arr-obj', [1], { 0: 1, length: 1 });
both('arr-prop', (function () { var x = [1]; x.p = 1; return x; })(), [1]);
both('sparse', [1, , 3], [1, undefined, 3]); both('sparse2', [, 1], [, 1]);
both('nested', { a: { b: { c: [1, { d: 2 }] } } }, { a: { b: { c: [1, { d: 2 }] } } });
both('nested-diff', { a: { b: { c: [1, { d: 2 }] } } }, { a: { b: { c: [1, { d: 3 }] } } });
both('date', new Date(1), new Date(1)); both('date-diff', new Date(1), new Date(2));
both('date-obj', new Date(0), {});
var d1 = new Date(0), d2 = new Date(0); d1.x = 1; both('date-prop', d1, d2);
both('re', /a/g, /a/g); both('re-flags', /a/g, /a/i); both('re-src', /a/, /b/);
var r1 = /a/g, r2 = /a/g; r1.lastIndex = 3; both('re-last', r1, r2);
both('err', new Error('a'), new Error('a')); both('err-msg', new Error('a'), new Error('b'));
both('err-type', new Error('a'), new TypeError('a'));
both('proto', Object.create({ x: 1 }), {}); both('nullproto', Object.create(null), {});
function F() { this.a = 1; } both('ctor', new F(), { a: 1 });
both('boxed', new Number(1), new Number(1)); both('boxed-diff', new Number(1), new Number(2));
both('boxed-prim', new Number(1), 1); both('boxed-str', new String('a'), new String('a'));
both('boxed-bool', new Boolean(true), new Boolean(false));
both('set', new Set([1, 2, 3]), new Set([3, 2, 1])); both('set-diff', new Set([1, 2]), new Set([1, 3]));
both('set-obj', new Set([{ a: 1 }, { b: 2 }]), new Set([{ b: 2 }, { a: 1 }]));
both('set-loose', new Set([1]), new Set(['1'])); both('set-size', new Set([1]), new Set([1, 2]));
both('map', new Map([[1, 'a'], [2, 'b']]), new Map([[2, 'b'], [1, 'a']]));
both('map-val', new Map([[1, 'a']]), new Map([[1, 'b']])); both('map-objkey', new Map([[{ k: 1 }, 1]]), new Map([[{ k: 1 }, 1]]));
both('map-loose', new Map([[1, 1]]), new Map([['1', '1']]));
both('ta', new Uint8Array([1, 2]), new Uint8Array([1, 2])); both('ta-diff', new Uint8Array([1, 2]), new Uint8Array([1, 3]));
both('ta-type', new Uint8Array([1]), new Int8Array([1])); both('f64-zero', new Float64Array([0]), new Float64Array([-0]));
both('f64-nan', new Float64Array([NaN]), new Float64Array([NaN]));
both('ab', new ArrayBuffer(2), new ArrayBuffer(2)); both('ab-len', new ArrayBuffer(2), new ArrayBuffer(3));
var c1 = { a: 1 }; c1.self = c1; var c2 = { a: 1 }; c2.self = c2; both('circ', c1, c2);
var c3 = { a: 1 }; c3.self = { a: 1, self: c3 }; both('circ2', c1, c3);
var s1 = {}; s1[Symbol.for('k')] = 1; var s2 = {}; s2[Symbol.for('k')] = 1; both('sym', s1, s2);
var s3 = {}; s3[Symbol.for('k')] = 2; both('sym-diff', s1, s3);
both('sym-missing', s1, {});
var ne = {}; Object.defineProperty(ne, 'h', { value: 1, enumerable: false }); both('nonenum', ne, {});
both('args', (function () { return arguments; })(1, 2), (function () { return arguments; })(1, 2));
both('args-arr', (function () { return arguments; })(1, 2), [1, 2]);
both('fn', function () {}, function () {}); var fn = function () {}; both('fn-same', fn, fn);
both('obj-null', {}, null); both('arr-null', [], null); both('num-obj', 1, {});
both('promise', Promise.resolve(1), Promise.resolve(1));
var wm = new WeakMap(); both('weakmap', wm, new WeakMap());
both('big', { list: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(function (x) { return { x: x }; }) },
  { list: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(function (x) { return { x: x }; }) });
