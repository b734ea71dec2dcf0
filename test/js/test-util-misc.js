// util helpers: inherits, deprecate, types, legacy is*, isDeepStrictEqual,
// toUSVString, stripVTControlCharacters, _extend, styleText.
var util = require('util');
var assert = require('assert');

function Animal(name) { this.name = name; }
Animal.prototype.speak = function () { return this.name + ' makes a sound'; };
function Dog(name) { Animal.call(this, name); }
util.inherits(Dog, Animal);
var d = new Dog('rex');
console.log(d.speak(), d instanceof Animal, Dog.super_ === Animal, util.inspect(d));
console.log(Object.keys(Dog), Object.getOwnPropertyDescriptor(Dog, 'super_').enumerable);
[[undefined, Animal], [Dog, null], [Dog, {}], [Dog, function () {}]].forEach(function (pair) {
  try { util.inherits(pair[0], pair[1]); console.log('ok'); } catch (e) { console.log(e.code, e.message); }
});
var fake = function () {}; fake.prototype = undefined;
try { util.inherits(Dog, fake); } catch (e) { console.log(e.code, e.message); }

var warnings = [];
process.emitWarning = function (msg, type, code) { warnings.push([String(msg), type, code]); };
function oldFn(x) { return x * 2; }
var dep = util.deprecate(oldFn, 'oldFn is deprecated', 'DEP0999');
console.log(dep(2), dep(3), warnings.length, JSON.stringify(warnings));
var dep2 = util.deprecate(oldFn, 'again', 'DEP0999'); dep2(1);
console.log(warnings.length);
var dep3 = util.deprecate(oldFn, 'no code'); dep3(1); dep3(1);
console.log(JSON.stringify(warnings));
function Ctor(v) { this.v = v; }
var DepCtor = util.deprecate(Ctor, 'ctor deprecated', 'DEP0998');
var inst = new DepCtor(5);
console.log(inst.v, inst instanceof Ctor, warnings.length);
try { util.deprecate(oldFn, 'x', 123); } catch (e) { console.log(e.code, e.message); }

var t = util.types;
var checks = {
  isDate: [new Date(), {}, Date.now()],
  isRegExp: [/x/, 'x', {}],
  isNativeError: [new Error(), new TypeError(), { name: 'Error', message: '' }],
  isPromise: [Promise.resolve(1), { then: function () {} }],
  isMap: [new Map(), {}, new Set()],
  isSet: [new Set(), new Map(), []],
  isWeakMap: [new WeakMap(), new Map()],
  isWeakSet: [new WeakSet(), new Set()],
  isTypedArray: [new Uint8Array(1), new Float32Array(1), [], new ArrayBuffer(1)],
  isUint8Array: [new Uint8Array(1), new Int8Array(1), new Uint8ClampedArray(1)],
  isFloat64Array: [new Float64Array(1), new Float32Array(1)],
  isInt32Array: [new Int32Array(1), new Uint32Array(1)],
  isArrayBuffer: [new ArrayBuffer(1), new Uint8Array(1)],
  isAnyArrayBuffer: [new ArrayBuffer(1), {}],
  isArrayBufferView: [new Uint8Array(1), new DataView(new ArrayBuffer(1)), new ArrayBuffer(1)],
  isDataView: [new DataView(new ArrayBuffer(1)), new Uint8Array(1)],
  isArgumentsObject: [(function () { return arguments; })(), [], {}],
  isBoxedPrimitive: [new Number(1), new String(''), Object(Symbol()), 1, 'x'],
  isNumberObject: [new Number(1), 1],
  isStringObject: [new String('s'), 's'],
  isBooleanObject: [new Boolean(false), false],
  isSymbolObject: [Object(Symbol('x')), Symbol('x')],
  isAsyncFunction: [function () {}],
  isGeneratorFunction: [function () {}]
};
Object.keys(checks).forEach(function (k) {
  console.log(k, checks[k].map(function (v) { return t[k](v); }).join(','));
});

var legacy = ['isArray', 'isBoolean', 'isNull', 'isNullOrUndefined', 'isNumber', 'isString',
  'isSymbol', 'isUndefined', 'isRegExp', 'isObject', 'isDate', 'isError', 'isFunction', 'isPrimitive'];
var samples = [[], true, null, undefined, 0, 'str', Symbol('x'), /re/, {}, new Date(0), new Error('e'),
  function () {}, new Number(1)];
legacy.forEach(function (k) {
  console.log(k, samples.map(function (v) { return util[k](v) ? 1 : 0; }).join(''));
});

var eq = util.isDeepStrictEqual;
console.log(eq({ a: [1, 2] }, { a: [1, 2] }), eq({ a: 1 }, { a: '1' }), eq([1], ['1']), eq(NaN, NaN),
  eq(0, -0), eq(new Date(5), new Date(5)), eq(/a/g, /a/g), eq(/a/g, /a/i), eq(new Set([1, 2]), new Set([2, 1])),
  eq(new Map([[1, { a: 1 }]]), new Map([[1, { a: 1 }]])), eq(Object.create(null), {}));

console.log(JSON.stringify(util.toUSVString('a\ud800b\udc00c\ud83d\ude00')));
console.log(JSON.stringify(util.stripVTControlCharacters('\u001b[31mred\u001b[39m plain \u001b[1mbold\u001b[22m')));
try { util.stripVTControlCharacters(5); } catch (e) { console.log(e.code, e.message); }
console.log(JSON.stringify(util._extend({ a: 1 }, { b: 2, a: 3 })), JSON.stringify(util._extend({ a: 1 }, null)));
if (util.styleText) {
  console.log(JSON.stringify(util.styleText('red', 'hi')));
  try { util.styleText('nocolor', 'hi'); } catch (e) { console.log(e.code); }
}
var dbg = util.debuglog('lodetestsection');
console.log(typeof dbg, dbg.enabled); dbg('not printed %s', 1);
console.log(typeof util.TextEncoder, typeof util.TextDecoder);
console.log(util.inspect(new util.TextEncoder().encode('hé')));
assert.strictEqual(util.format('%s', 'x'), 'x');
console.log('done');
