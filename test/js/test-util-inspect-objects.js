// util.inspect on special objects: circular, null prototype, constructors,
// errors, dates, regexps, functions, boxed primitives, symbols, getters,
// custom inspect, Map/Set, typed arrays, showHidden.
var util = require('util');
function p(v, o) { console.log(arguments.length > 1 ? util.inspect(v, o) : util.inspect(v)); }

var a = { name: 'a' }; a.self = a; p(a);
var b = { x: [1] }; b.x.push(b); b.y = { z: b }; p(b);
var c1 = { n: 1 }, c2 = { n: 2 }; c1.other = c2; c2.other = c1; p([c1, c2]);
var arr = [1]; arr.push(arr); p(arr);
var nested = { top: {} }; nested.top.inner = nested.top; p(nested);

var np = Object.create(null); p(np); np.x = 1; p(np);
p({ inner: Object.create(null) });
p([Object.create(null)]);

function Foo() { this.a = 1; } p(new Foo());
function Empty() {} p(new Empty());
p({ f: new Foo(), g: [new Foo()] });
p({ deep: { deeper: { deepest: new Foo() } } });
function Bar() {} Bar.prototype = Object.create(Foo.prototype); Bar.prototype.constructor = Bar;
p(new Bar());
var weird = Object.create(Object.create(null)); weird.k = 1; p(weird);
var anonProto = Object.create({ some: 'proto' }); p(anonProto);

function named() {} p(named); p(function () {}); p([named, function () {}]);
named.prop = 1; p(named);
p(Math.max); p({ fn: function inner() {} });
p(Object); p(Array);

var e = new Error('boom'); e.stack = 'Error: boom\n    at foo (file.js:1:2)\n    at bar (file.js:3:4)';
p(e);
var e2 = new TypeError('bad type'); e2.stack = undefined; p(e2);
var e3 = new Error('with props'); e3.stack = 'Error: with props\n    at x (y.js:1:1)'; e3.code = 'E_X'; e3.extra = { a: 1 }; p(e3);
var e4 = new RangeError('no stack'); delete e4.stack; e4.stack = ''; p(e4);
p({ err: e });
p([e2]);
var e5 = new Error('msg'); e5.name = 'CustomError'; e5.stack = 'CustomError: msg\n    at z (q.js:1:1)'; p(e5);
var e6 = new Error('m'); e6.stack = 'Error: m'; p(e6);
var e7 = new Error('outer'); e7.stack = 'Error: outer'; e7.cause = 'inner cause'; p(e7);

p(new Date(0)); p(new Date(1e12)); p(new Date(NaN).getTime()); p({ d: new Date(86400000) });
var dd = new Date(0); dd.foo = 'bar'; p(dd);
p(/ab+c/gi); p(new RegExp('x/y')); p({ r: /x/ });
var rr = /re/; rr.extra = 1; p(rr);

p(new Number(3)); p(new String('abc')); p(new Boolean(false)); p(new Number(-0));
var bs = new String('xy'); bs.more = 1; p(bs);

p(Symbol('desc')); p(Symbol()); p(Symbol.iterator); p({ s: Symbol('v') });
var withSym = { a: 1 }; withSym[Symbol('k')] = 'sv'; p(withSym);

var g = {}; Object.defineProperty(g, 'getter', { get: function () { return 42; }, enumerable: true });
Object.defineProperty(g, 'both', { get: function () { return 1; }, set: function () {}, enumerable: true });
Object.defineProperty(g, 'setter', { set: function () {}, enumerable: true });
p(g); p(g, { getters: true });
var hidden = { visible: 1 }; Object.defineProperty(hidden, 'hid', { value: 2, enumerable: false });
p(hidden); p(hidden, { showHidden: true });
p([1, 2], { showHidden: true });

var custom = { a: 1 }; custom[util.inspect.custom] = function (depth, opts) { return 'CUSTOM(' + depth + ',' + opts.depth + ')'; };
p(custom); p({ wrap: custom }); p([[custom]]);
var custom2 = {}; custom2[util.inspect.custom] = function () { return { replaced: true }; }; p(custom2);
var custom3 = {}; custom3[util.inspect.custom] = function () { return 'multi\nline'; }; p({ k: { k2: custom3 } });
p(custom, { customInspect: false });
console.log(typeof util.inspect.custom, String(util.inspect.custom));

if (typeof Map === 'function') {
  var m = new Map(); m.set('a', 1); m.set({ k: 1 }, [1, 2]); p(m);
  p(new Map()); p(new Set()); p(new Set([1, 'two', { three: 3 }]));
  p({ m: new Map([['x', new Map([['y', new Map([['z', 1]])]])]]) });
  var ms = new Map([[1, 2]]); ms.extra = true; p(ms);
  var bigSet = new Set(); for (var i = 0; i < 5; i++) bigSet.add(i); p(bigSet, { maxArrayLength: 2 });
}

p(new Uint8Array([1, 2, 3])); p(new Float64Array(2)); p(new Int16Array(0)); p(new Uint8Array(200).subarray(0, 3));
p(new ArrayBuffer(4)); p({ buf: new Uint8Array(3).buffer });
var many = new Uint32Array(30); for (i = 0; i < 30; i++) many[i] = i * 1000; p(many);
p(new Uint8Array(2), { showHidden: true });
p(new DataView(new ArrayBuffer(2)));
p((function () { return arguments; })(1, 'x'));
p([new Foo(), new Foo(), new Foo(), new Foo(), new Foo(), new Foo(), new Foo()]);
p({ a: [{ b: { c: {} } }] });
p([[1, 2, [3, 4, [5, [6]]]]]);
p({ key: 'value', fn: named, sym: Symbol('s'), nul: null, und: undefined, re: /r/, d: new Date(0), n: -0 });

// Promises show their state and value, as node's do.
p(Promise.resolve(3)); p(new Promise(function () {}));
var rejected = Promise.reject({ code: 'ENO', n: [1] }); rejected.catch(function () {});
p(rejected, { depth: 0 }); p(Promise.reject('str').catch(function () {}) && Promise.resolve([1, { a: 2 }]));
p({ inner: Promise.resolve({ deep: { deeper: { deepest: 1 } } }) });
var laterP = Promise.resolve('later');
setTimeout(function () { p(laterP); p([Promise.resolve(undefined)]); });
