// The globals Node programs rely on: globalThis/global, which ones are
// enumerable, queueMicrotask, structuredClone, URL/URLSearchParams,
// TextEncoder/TextDecoder, atob/btoa, Buffer, and their identity with the
// module exports.
console.log(typeof globalThis, globalThis === global, global.global === global, this === module.exports);
var names = ['global', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval',
  'setImmediate', 'clearImmediate', 'queueMicrotask', 'structuredClone', 'atob', 'btoa',
  'process', 'Buffer', 'console', 'URL', 'URLSearchParams', 'TextEncoder', 'TextDecoder', 'globalThis'];
names.forEach(function (k) {
  var d = Object.getOwnPropertyDescriptor(globalThis, k);
  console.log(k, typeof globalThis[k], d ? 'enumerable=' + d.enumerable + ' configurable=' + d.configurable : 'missing');
});
// XXX: crypto, fetch, performance, AbortController, EventTarget, Blob...
// are not part of this test (lode does not have all of them).
var enumerable = Object.keys(globalThis).filter(function (k) { return names.indexOf(k) !== -1; });
console.log('enumerable:', enumerable.sort().join());

console.log('URL:', URL === require('url').URL, URLSearchParams === require('url').URLSearchParams,
  new URL('http://a.b/c?d=1').searchParams.get('d'));
var util = require('util');
console.log('TextEncoder/Decoder:', TextEncoder === util.TextEncoder, TextDecoder === util.TextDecoder);
console.log('Buffer:', Buffer === require('buffer').Buffer, Buffer === require('node:buffer').Buffer,
  atob === require('buffer').atob, btoa === require('buffer').btoa);
console.log(btoa('hello'), atob('aGVsbG8='), atob(' aGVs bG8= '), btoa(''), atob(''));
['!!!', 'a', 'aGVsbG8=x'].forEach(function (s) {
  try { console.log(JSON.stringify(atob(s))); } catch (e) { console.log('atob', JSON.stringify(s), e.name, e.message); }
});
try { btoa('\u0100'); } catch (e) { console.log('btoa', e.name, e.message); }
try { atob(); } catch (e) { console.log('atob()', e.name, e.code); }
console.log(btoa('\u00ff\u00fe'), atob('//4='), atob('//4=').length);

// structuredClone: plain data, cycles, errors.
var sc = structuredClone({ a: [1, { b: 2 }], d: new Date(0), m: new Map([[1, 2]]), s: new Set([3]), r: /x/g,
  n: null, u: undefined, e: new RangeError('bad') });
console.log(sc.a[1].b, sc.d instanceof Date, sc.d.getTime(), sc.m.get(1), sc.s.has(3), sc.r.source,
  sc.r.flags, sc.n, 'u' in sc, sc.e instanceof RangeError, sc.e.message);
var cyc = { n: 1 };
cyc.self = cyc;
var cc = structuredClone(cyc);
console.log('cycle kept:', cc.self === cc, cc !== cyc);
var shared = { x: 1 };
var twice = structuredClone([shared, shared]);
console.log('shared kept:', twice[0] === twice[1]);
var u8 = structuredClone(new Uint8Array([1, 2, 3]));
console.log('typed array:', u8 instanceof Uint8Array, u8.length, u8[2]);
// XXX: the message of a DataCloneError for a function includes the
// function's source text, which Duktape does not keep: only name/code.
try { structuredClone(function () {}); } catch (e) { console.log(e.name, e.code); }
try { structuredClone(); } catch (e) { console.log(e.name, e.code, e.message); }
console.log(structuredClone(undefined), structuredClone(null), structuredClone('s'), structuredClone(1.5));

// queueMicrotask, nextTick and promise jobs.
try { queueMicrotask('x'); } catch (e) { console.log(e.name, e.code, e.message); }
queueMicrotask(function () { console.log('microtask'); });
process.nextTick(function () { console.log('tick'); });
Promise.resolve().then(function () { console.log('promise'); });
console.log('sync end');
