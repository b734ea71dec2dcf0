// Buffer creation: from (every form), alloc*, of, copyBytesFrom, concat,
// the deprecated constructor, SlowBuffer, statics and module exports.
'use strict';
var buffer = require('buffer');
var Buffer = buffer.Buffer;

function hex(b) { return b.length + ':' + b.toString('hex'); }
function t(label, f) {
  var r;
  try {
    r = f();
  } catch (e) {
    console.log(label, 'throws', e.name, e.code, e.message);
    return;
  }
  if (Buffer.isBuffer(r)) r = '<' + hex(r) + '>';
  console.log(label, r);
}

// Module exports.
console.log(buffer.kMaxLength, buffer.kStringMaxLength, JSON.stringify(buffer.constants),
  buffer.INSPECT_MAX_BYTES, Buffer.poolSize);
console.log(typeof buffer.Buffer, typeof buffer.SlowBuffer, typeof buffer.atob, typeof buffer.btoa,
  typeof buffer.isUtf8, typeof buffer.isAscii, typeof buffer.transcode);
console.log(require('buffer') === buffer, Buffer === global.Buffer, require('node:buffer') === buffer);
console.log(Buffer.name, Buffer.length, Object.getPrototypeOf(Buffer) === Uint8Array,
  Object.getPrototypeOf(Buffer.prototype) === Uint8Array.prototype,
  Buffer.prototype.constructor === Buffer);
buffer.INSPECT_MAX_BYTES = 3;
console.log(buffer.INSPECT_MAX_BYTES, require('util').inspect(Buffer.from('abcdef')));
buffer.INSPECT_MAX_BYTES = 50;
t('INSPECT_MAX_BYTES bad', function () { buffer.INSPECT_MAX_BYTES = -1; });
t('INSPECT_MAX_BYTES str', function () { buffer.INSPECT_MAX_BYTES = '3'; });

// Identity.
var b = Buffer.from('abc');
console.log(b instanceof Buffer, b instanceof Uint8Array, Buffer.isBuffer(b),
  Buffer.isBuffer(new Uint8Array(2)), Buffer.isBuffer('abc'), Buffer.isBuffer(null),
  Buffer.isBuffer(), ArrayBuffer.isView(b), Object.prototype.toString.call(b));
console.log(b.length, b.byteLength, b.buffer instanceof ArrayBuffer, b.BYTES_PER_ELEMENT);
b[1] = 0x7a;
console.log(hex(b), b[3], b[-1]);

// from: strings.
t('from str', function () { return Buffer.from('h\u00e9'); });
t('from str enc', function () { return Buffer.from('6869', 'hex'); });
t('from str empty enc', function () { return Buffer.from('abc', ''); });
t('from str num enc', function () { return Buffer.from('abc', 5); });
t('from str bad enc', function () { return Buffer.from('abc', 'xyz'); });
t('from empty bad enc', function () { return Buffer.from('', 'xyz'); });
t('from empty', function () { return Buffer.from(''); });
t('from String obj', function () { return Buffer.from(new String('abc')); });
t('from String obj enc', function () { return Buffer.from(new String('6162'), 'hex'); });
t('from valueOf str', function () { return Buffer.from({ valueOf: function () { return 'xy'; } }); });
t('from valueOf buf', function () { return Buffer.from({ valueOf: function () { return Buffer.from('q'); } }); });
t('from valueOf num', function () { return Buffer.from({ valueOf: function () { return 5; } }); });
if (typeof Symbol === 'function' && Symbol.toPrimitive) {
  t('from toPrimitive', function () {
    var o = {};
    o[Symbol.toPrimitive] = function (hint) { return 'p' + hint; };
    return Buffer.from(o);
  });
  t('from toPrimitive enc', function () {
    var o = {};
    o[Symbol.toPrimitive] = function () { return '6162'; };
    return Buffer.from(o, 'hex');
  });
}

// from: arrays and array-likes.
t('from array', function () { return Buffer.from([1, 2, 3]); });
t('from array coerce', function () { return Buffer.from([257, -1, 'a', 1.5, '7', null, {}, true, -1.5, 255.9]); });
t('from empty array', function () { return Buffer.from([]); });
t('from arraylike', function () { return Buffer.from({ length: 2, 0: 5, 1: 6 }); });
t('from arraylike str len', function () { return Buffer.from({ length: '2', 0: 5 }); });
t('from arraylike neg', function () { return Buffer.from({ length: -2 }); });
t('from arraylike frac', function () { return Buffer.from({ length: 2.5, 0: 1, 1: 2, 2: 3 }); });
t('from json', function () { return Buffer.from({ type: 'Buffer', data: [1, 2, 300] }); });
t('from json roundtrip', function () { return Buffer.from(JSON.parse(JSON.stringify(Buffer.from('hey')))); });
t('from json bad', function () { return Buffer.from({ type: 'Buffer', data: 'x' }); });

// from: typed arrays (copied) and ArrayBuffers (shared).
t('from u8', function () { return Buffer.from(new Uint8Array([1, 2, 255])); });
t('from i8', function () { return Buffer.from(new Int8Array([-1, 2, -128])); });
t('from u16', function () { return Buffer.from(new Uint16Array([258, 3])); });
t('from f64', function () { return Buffer.from(new Float64Array([1.7, -1, NaN, 300])); });
t('from buffer', function () { return Buffer.from(Buffer.from('xyz')); });
(function () {
  var src = Buffer.from('abc');
  var copy = Buffer.from(src);
  copy[0] = 0x41;
  console.log('copy is a copy', src.toString(), copy.toString());
  var u8 = new Uint8Array([1, 2, 3, 4]).subarray(1, 3);
  console.log('from subarray', hex(Buffer.from(u8)));
})();
(function () {
  var ab = new ArrayBuffer(8);
  var view = new Uint8Array(ab);
  var b1 = Buffer.from(ab);
  var b2 = Buffer.from(ab, 2);
  var b3 = Buffer.from(ab, 2, 3);
  view[2] = 9;
  b3[1] = 7;
  console.log('ab shared', hex(b1), hex(b2), hex(b3), b2.byteOffset, b3.byteOffset,
    b1.buffer === ab, b3.buffer === ab, view[3]);
  t('ab offset 9', function () { return Buffer.from(ab, 9); });
  t('ab offset 8', function () { return Buffer.from(ab, 8); });
  t('ab len 7', function () { return Buffer.from(ab, 2, 7); });
  t('ab len -3', function () { return Buffer.from(ab, 2, -3); });
  t('ab offset str', function () { return Buffer.from(ab, '2', '3').length; });
  t('ab offset NaN', function () { return Buffer.from(ab, 'x').length; });
  t('ab offset frac', function () { return Buffer.from(ab, 1.5, 2.5).byteOffset; });
  t('ab offset neg', function () { return Buffer.from(ab, -1).length; });
  var u32 = new Uint32Array(4);
  t('from u32.buffer', function () { return Buffer.from(u32.buffer, 4, 4).length; });
})();

// from: bad input.
[5, null, undefined, true, {}, function foo() {}, Symbol ? Symbol('s') : 1].forEach(function (v, i) {
  t('from bad ' + i, function () { return Buffer.from(v); });
});

// alloc, allocUnsafe, allocUnsafeSlow.
t('alloc 0', function () { return Buffer.alloc(0); });
t('alloc 5', function () { return Buffer.alloc(5); });
t('alloc fill num', function () { return Buffer.alloc(5, 1); });
t('alloc fill 257', function () { return Buffer.alloc(3, 257); });
t('alloc fill str', function () { return Buffer.alloc(5, 'ab'); });
t('alloc fill str enc', function () { return Buffer.alloc(5, '6162', 'hex'); });
t('alloc fill euro 1', function () { return Buffer.alloc(1, '\u20ac'); });
t('alloc fill euro 5', function () { return Buffer.alloc(5, '\u20ac'); });
t('alloc fill ucs2', function () { return Buffer.alloc(5, 'ab', 'ucs2'); });
t('alloc fill buf', function () { return Buffer.alloc(5, Buffer.from([1, 2])); });
t('alloc fill u8', function () { return Buffer.alloc(5, new Uint8Array([3, 4, 5])); });
t('alloc fill true', function () { return Buffer.alloc(3, true); });
t('alloc fill empty str', function () { return Buffer.alloc(3, ''); });
t('alloc fill bad hex', function () { return Buffer.alloc(3, 'zz', 'hex'); });
t('alloc fill empty buf', function () { return Buffer.alloc(3, Buffer.alloc(0)); });
t('alloc fill bad enc', function () { return Buffer.alloc(3, 'a', 'nope'); });
t('alloc frac', function () { return Buffer.alloc(2.7); });
t('alloc -1', function () { return Buffer.alloc(-1); });
t('alloc NaN', function () { return Buffer.alloc(NaN); });
t('alloc str', function () { return Buffer.alloc('5'); });
t('alloc huge', function () { return Buffer.alloc(Math.pow(2, 32) + 1); });
t('alloc undefined', function () { return Buffer.alloc(); });
t('allocUnsafe', function () { return Buffer.allocUnsafe(7).length; });
t('allocUnsafe 0', function () { return Buffer.allocUnsafe(0); });
t('allocUnsafe -1', function () { return Buffer.allocUnsafe(-1); });
t('allocUnsafe obj', function () { return Buffer.allocUnsafe({}); });
t('allocUnsafeSlow', function () { return Buffer.allocUnsafeSlow(3).length; });
t('allocUnsafeSlow str', function () { return Buffer.allocUnsafeSlow('3'); });
t('allocUnsafe is Buffer', function () { return Buffer.isBuffer(Buffer.allocUnsafe(3)); });
t('SlowBuffer', function () { var s = buffer.SlowBuffer(4); return s.length + ' ' + (s instanceof Uint8Array); });
t('SlowBuffer bad', function () { return buffer.SlowBuffer(-4); });

// Buffer.of, copyBytesFrom.
t('of', function () { return Buffer.of(1, 2, 300, -1); });
t('of none', function () { return Buffer.of(); });
t('copyBytesFrom u16', function () { return Buffer.copyBytesFrom(new Uint16Array([1, 0x203, 0xffff])); });
t('copyBytesFrom off', function () { return Buffer.copyBytesFrom(new Uint16Array([1, 0x203, 0xffff]), 1); });
t('copyBytesFrom off len', function () { return Buffer.copyBytesFrom(new Uint16Array([1, 0x203, 0xffff]), 1, 1); });
t('copyBytesFrom big len', function () { return Buffer.copyBytesFrom(new Uint8Array([1, 2, 3]), 1, 10); });
t('copyBytesFrom off end', function () { return Buffer.copyBytesFrom(new Uint8Array([1, 2, 3]), 3); });
t('copyBytesFrom empty', function () { return Buffer.copyBytesFrom(new Uint8Array(0)); });
t('copyBytesFrom bad', function () { return Buffer.copyBytesFrom([1, 2]); });
t('copyBytesFrom neg', function () { return Buffer.copyBytesFrom(new Uint8Array(3), -1); });
t('copyBytesFrom frac', function () { return Buffer.copyBytesFrom(new Uint8Array(3), 0, 1.5); });
(function () {
  var src = new Uint8Array([1, 2, 3]);
  var c = Buffer.copyBytesFrom(src);
  src[0] = 9;
  console.log('copyBytesFrom copies', hex(c));
})();

// concat.
t('concat', function () { return Buffer.concat([Buffer.from('ab'), Buffer.from('cd'), new Uint8Array([0x65])]); });
t('concat empty list', function () { return Buffer.concat([]); });
t('concat total short', function () { return Buffer.concat([Buffer.from('abc'), Buffer.from('def')], 4); });
t('concat total long', function () { return Buffer.concat([Buffer.from('abc')], 6); });
t('concat total 0', function () { return Buffer.concat([Buffer.from('abc')], 0); });
t('concat one', function () { var a = Buffer.from('x'); var c = Buffer.concat([a]); return (c !== a) + ' ' + c.toString(); });
t('concat not array', function () { return Buffer.concat('abc'); });
t('concat bad item', function () { return Buffer.concat([Buffer.from('a'), 'b']); });
t('concat bad total', function () { return Buffer.concat([Buffer.from('a')], -1); });
t('concat frac total', function () { return Buffer.concat([Buffer.from('a')], 1.5); });
t('concat str total', function () { return Buffer.concat([Buffer.from('a')], '1'); });

// compare, isEncoding (statics).
t('compare lt', function () { return Buffer.compare(Buffer.from('abc'), Buffer.from('abd')); });
t('compare gt', function () { return Buffer.compare(Buffer.from('b'), Buffer.from('abd')); });
t('compare prefix', function () { return Buffer.compare(Buffer.from('ab'), Buffer.from('abd')); });
t('compare eq', function () { return Buffer.compare(Buffer.from('abd'), Buffer.from('abd')); });
t('compare empty', function () { return Buffer.compare(Buffer.alloc(0), Buffer.alloc(0)); });
t('compare u8', function () { return Buffer.compare(new Uint8Array([1]), new Uint8Array([0])); });
t('compare bad 1', function () { return Buffer.compare('a', Buffer.from('a')); });
t('compare bad 2', function () { return Buffer.compare(Buffer.from('a'), [1]); });
(function () {
  var list = [Buffer.from('b'), Buffer.from('a'), Buffer.from('ab'), Buffer.from(''), Buffer.from('ba')];
  console.log('sort', list.sort(Buffer.compare).map(function (x) { return x.toString(); }).join(','));
})();

// The deprecated constructor.
t('Buffer(num)', function () { return Buffer(3); });
t('new Buffer(num)', function () { return new Buffer(3); });
t('new Buffer(str)', function () { return new Buffer('abc'); });
t('new Buffer(str, enc)', function () { return new Buffer('6162', 'hex'); });
t('new Buffer(arr)', function () { return new Buffer([1, 2]); });
t('new Buffer(num, enc)', function () { return new Buffer(3, 'utf8'); });
t('new Buffer(-1)', function () { return new Buffer(-1); });
t('new Buffer is Buffer', function () { return new Buffer(2) instanceof Buffer; });

// Big buffers and strings.
(function () {
  var s = '';
  for (var i = 0; i < 2000; i++) s += 'a\u00e9\u20ac\ud83d\ude00';
  var big = Buffer.from(s);
  console.log('big', big.length, big.toString() === s, Buffer.from(big.toString('base64'), 'base64').equals(big),
    Buffer.from(big.toString('hex'), 'hex').equals(big), Buffer.from(s, 'ucs2').toString('ucs2') === s,
    Buffer.byteLength(s));
  var z = Buffer.alloc(100000, 'xyz');
  console.log('big fill', z.toString('latin1', 99990), z.indexOf('zx'), z.lastIndexOf('xyz'));
})();
