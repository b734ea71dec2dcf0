// Buffer instance methods: equals, compare, copy, fill, indexOf family,
// slice/subarray, swap, toJSON, iteration, inspect, legacy fields.
'use strict';
var Buffer = require('buffer').Buffer;
var util = require('util');

// Labels stay ASCII: JSON.stringify output with \uXXXX for the rest.
function esc(s) {
  return String(s).replace(/[^\x20-\x7e]/g, function (c) {
    return '\\u' + ('000' + c.charCodeAt(0).toString(16)).slice(-4);
  });
}
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

// equals.
var abc = Buffer.from('abc');
t('equals same', function () { return abc.equals(abc); });
t('equals eq', function () { return abc.equals(Buffer.from('abc')); });
t('equals ne', function () { return abc.equals(Buffer.from('abd')); });
t('equals len', function () { return abc.equals(Buffer.from('ab')); });
t('equals u8', function () { return abc.equals(new Uint8Array([0x61, 0x62, 0x63])); });
t('equals empty', function () { return Buffer.alloc(0).equals(new Uint8Array(0)); });
t('equals bad', function () { return abc.equals('abc'); });

// compare with ranges.
var src = Buffer.from([1, 2, 3, 4, 5, 6, 7, 8]);
var tgt = Buffer.from([5, 6, 7, 8, 1, 2, 3, 4]);
[[], [0], [4], [0, 4], [4, 8, 0, 4], [0, 4, 4, 8], [0, 4, 4], [1, 3, 5, 7], [8], [0, 0],
  [0, 8, 8, 8], [2, 2, 3, 3], [9], [0, 9], [-1], [1.5], ['1'], [0, 8, 9], [0, 8, 0, 9],
  [undefined, undefined, 4], [10, 12, 0, 0], [0, 4, 10, 10], [3, 2], [5, 8, 3, 6]
].forEach(function (args) {
  t('compare ' + JSON.stringify(args), function () {
    return src.compare.apply(src, [tgt].concat(args));
  });
});
t('compare bad', function () { return src.compare([1]); });
t('compare u8', function () { return src.compare(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8])); });

// copy.
function cp(args) {
  var s = Buffer.from('abcdefgh');
  var d = Buffer.alloc(6, 0x2e);
  var n = s.copy.apply(s, [d].concat(args));
  return n + ' ' + d.toString();
}
[[], [2], [2, 3], [0, 2, 4], [4, 0, 8], [6], [7], [0, 8], [0, 9], [0, 3, 2], [-1], [0, -1],
  [0, 0, -1], [1.7, 2.2], ['1', '2'], [NaN, NaN], [0, 0, 100], [undefined, 6], [null, 2],
  [Infinity], [0, Infinity], [0, 2, Infinity]
].forEach(function (args) {
  t('copy ' + JSON.stringify(args), function () { return cp(args); });
});
t('copy bad target', function () { return Buffer.from('a').copy('b'); });
t('copy to u8', function () { var u = new Uint8Array(3); Buffer.from('xyz').copy(u, 1); return Array.prototype.join.call(u); });
t('copy overlap fwd', function () { var b = Buffer.from('abcdef'); b.copy(b, 2, 0, 4); return b.toString(); });
t('copy overlap back', function () { var b = Buffer.from('abcdef'); b.copy(b, 0, 2); return b.toString(); });
t('copy static', function () { return Buffer.prototype.copy.call(new Uint8Array([1, 2]), Buffer.alloc(2)); });

// fill.
function fl(args) {
  var b = Buffer.alloc(8, 0x2e);
  var r = b.fill.apply(b, args);
  return (r === b) + ' ' + b.toString('hex');
}
[[0x41], ['a'], ['ab'], ['abc', 2], ['abc', 2, 5], ['abc', 'latin1'], ['6162', 'hex'],
  ['6162', 1, 'hex'], ['6162', 1, 3, 'hex'], ['\u20ac'], ['\u20ac', 3], ['\u00e9', 'latin1'],
  ['\u00e9'], ['ab', 'ucs2'], ['\u20ac', 'ucs2'], ['YWJj', 'base64'], ['', 2], [256], [-1], [1.9],
  [NaN], [true], [false], [null], [Buffer.from('xy')], [new Uint8Array([1, 2, 3])],
  [new Uint16Array([0x102])], [0, 9], [0, -1], [0, 2, 9], [0, 2, 1], [0, 2, 2], [0, 1.5],
  [0, '1'], ['a', 'nope'], ['a', 0, 8, 'nope'], ['a', 0, 8, 5], ['zz', 'hex'], [Buffer.alloc(0)],
  ['a', undefined, 4], ['ab', 0, undefined, 'ucs2'], [{ valueOf: function () { return 0x42; } }],
  ['\ud83d\ude00'], ['\ud800']
].forEach(function (args) {
  t('fill ' + esc(JSON.stringify(args)), function () { return fl(args); });
});
t('fill self overlap', function () { var b = Buffer.from('abcdef'); b.fill(b.subarray(0, 2), 1); return b.toString(); });
t('fill empty buf', function () { return Buffer.alloc(0).fill('abc'); });

// indexOf / lastIndexOf / includes.
var hay = Buffer.from('abcabc\u00e9\u20acabc');
var needles = ['a', 'abc', 'bca', 'c', 'x', '', '\u00e9', '\u20ac', 97, 99, 0x161, -159, 1000,
  Buffer.from('ca'), Buffer.from(''), new Uint8Array([0x62, 0x63])];
var offsets = [undefined, 0, 1, 3, 4, 9, 12, 13, 14, 100, -1, -3, -4, -14, -100, NaN, 'x', null,
  1.5, '2', Infinity, -Infinity];
needles.forEach(function (n, i) {
  offsets.forEach(function (o) {
    t('indexOf ' + i + ' ' + String(o), function () { return hay.indexOf(n, o); });
    t('lastIndexOf ' + i + ' ' + String(o), function () { return hay.lastIndexOf(n, o); });
  });
  t('includes ' + i, function () { return hay.includes(n); });
});
var u16 = Buffer.from('abcd\u20acab', 'ucs2');
['b', 'ab', 'cd', '\u20ac', 'x', ''].forEach(function (n) {
  t('ucs2 indexOf ' + n, function () { return u16.indexOf(n, 0, 'ucs2'); });
  t('ucs2 indexOf 3 ' + n, function () { return u16.indexOf(n, 3, 'ucs2'); });
  t('ucs2 lastIndexOf ' + n, function () { return u16.lastIndexOf(n, undefined, 'utf16le'); });
  t('ucs2 lastIndexOf 5 ' + n, function () { return u16.lastIndexOf(n, 5, 'ucs2'); });
});
t('ucs2 unaligned', function () { return Buffer.from([0x61, 0x62, 0x00, 0x63, 0x00]).indexOf('b', 0, 'ucs2'); });
t('indexOf hex', function () { return hay.indexOf('6263', 'hex'); });
t('indexOf hex off', function () { return hay.indexOf('6263', 2, 'hex'); });
t('indexOf base64', function () { return hay.indexOf('YWJj', 1, 'base64'); });
t('indexOf latin1', function () { return hay.indexOf('\u00c3', 'latin1'); });
t('indexOf binary', function () { return hay.indexOf('\u00c3\u00a9', 'binary'); });
t('indexOf ascii', function () { return hay.indexOf('bc', 'ascii'); });
t('lastIndexOf ascii', function () { return hay.lastIndexOf('bc', 'ascii'); });
t('indexOf bad enc', function () { return hay.indexOf('a', 0, 'nope'); });
t('indexOf buf bad enc', function () { return hay.indexOf(Buffer.from('a'), 0, 'nope'); });
t('indexOf bad val', function () { return hay.indexOf({}); });
t('indexOf bool', function () { return hay.indexOf(true); });
t('indexOf empty hay', function () { return Buffer.alloc(0).indexOf('a'); });
t('indexOf empty both', function () { return Buffer.alloc(0).indexOf(''); });
t('lastIndexOf empty both', function () { return Buffer.alloc(0).lastIndexOf(''); });
t('indexOf num empty', function () { return Buffer.alloc(0).indexOf(0); });
t('includes off', function () { return hay.includes('abc', 10); });
t('includes enc', function () { return hay.includes('616263', 8, 'hex'); });
t('indexOf long needle', function () { return Buffer.from('ab').indexOf('abc'); });
t('lastIndexOf long needle', function () { return Buffer.from('ab').lastIndexOf('abc'); });

// slice / subarray share memory.
var base = Buffer.from('0123456789');
[[], [2], [2, 5], [-3], [-3, -1], [5, 2], [0, 100], [100], [-100], [NaN], ['3', '6'], [1.9, 4.9],
  [-1.5], [undefined, 4], [null, 4], [Infinity], [-Infinity, 2], [0, -Infinity]
].forEach(function (args) {
  t('slice ' + JSON.stringify(args), function () { return base.slice.apply(base, args); });
  t('subarray ' + JSON.stringify(args), function () { return base.subarray.apply(base, args); });
});
(function () {
  var s = base.slice(2, 6);
  s[0] = 0x41;
  var s2 = s.subarray(1, 3);
  s2[0] = 0x42;
  console.log('shared', base.toString(), s.toString(), s2.toString(), s.byteOffset - base.byteOffset,
    s2.byteOffset - base.byteOffset, s.buffer === base.buffer, Buffer.isBuffer(s), Buffer.isBuffer(s2),
    s instanceof Buffer);
})();

// swap16/32/64.
var sw = Buffer.from('0102030405060708090a0b0c0d0e0f10', 'hex');
t('swap16', function () { return Buffer.from(sw).swap16(); });
t('swap32', function () { return Buffer.from(sw).swap32(); });
t('swap64', function () { return Buffer.from(sw).swap64(); });
t('swap16 returns this', function () { var b = Buffer.from('ab'); return b.swap16() === b; });
t('swap16 odd', function () { return Buffer.from('abc').swap16(); });
t('swap32 bad', function () { return Buffer.from('abcdef').swap32(); });
t('swap64 bad', function () { return Buffer.from('abcd').swap64(); });
t('swap16 empty', function () { return Buffer.alloc(0).swap16(); });
t('swap16 sub', function () { var b = Buffer.from('abcdef'); b.subarray(1, 5).swap16(); return b.toString(); });
(function () {
  var big = Buffer.alloc(256);
  for (var i = 0; i < 256; i++) big[i] = i;
  console.log('swap big', big.swap16().toString('hex').slice(0, 16), big.swap32().toString('hex').slice(0, 16),
    big.swap64().toString('hex').slice(0, 32));
})();

// toJSON, JSON.stringify.
t('toJSON', function () { return JSON.stringify(Buffer.from([1, 2, 255])); });
t('toJSON empty', function () { return JSON.stringify(Buffer.alloc(0)); });
t('toJSON nested', function () { return JSON.stringify({ a: Buffer.from('hi') }); });
t('toJSON obj', function () { var j = Buffer.from('x').toJSON(); return j.type + ' ' + j.data.length + ' ' + Array.isArray(j.data); });

// Iteration.
var it = Buffer.from([10, 20, 30]);
(function () {
  var k = it.keys(), v = it.values(), e = it.entries(), r, out = [];
  while (!(r = k.next()).done) out.push(r.value);
  while (!(r = v.next()).done) out.push(r.value);
  while (!(r = e.next()).done) out.push(r.value.join('='));
  console.log('iter', out.join(' '));
  if (typeof Symbol === 'function' && Symbol.iterator) {
    var i2 = it[Symbol.iterator](), o2 = [];
    while (!(r = i2.next()).done) o2.push(r.value);
    console.log('iter sym', o2.join(' '));
  }
  var seen = [];
  it.forEach(function (x, i) { seen.push(i + ':' + x); });
  console.log('forEach', seen.join(' '), it.join('-'), it.join(), Array.prototype.slice.call(it).join());
  console.log('every/some', it.every(function (x) { return x > 5; }), it.some(function (x) { return x > 25; }),
    it.reduce(function (a, x) { return a + x; }, 0), it.find(function (x) { return x > 15; }),
    it.findIndex(function (x) { return x > 15; }));
  console.log('map', hex(it.map(function (x) { return x * 2; })), Buffer.isBuffer(it.map(function (x) { return x; })));
  console.log('filter', hex(it.filter(function (x) { return x !== 20; })));
  console.log('sort reverse', hex(Buffer.from([3, 1, 20, 100]).sort()), hex(Buffer.from([1, 2, 3]).reverse()));
})();

// inspect.
console.log(Buffer.from('hello'));
console.log(Buffer.alloc(0));
console.log(Buffer.alloc(50, 1));
console.log(Buffer.alloc(51, 2));
console.log(Buffer.alloc(300));
console.log([Buffer.from('ab')], { b: Buffer.from('cd') });
console.log(util.inspect(Buffer.from('xyz')));
var ext = Buffer.from('hi');
ext.foo = 1;
ext.bar = 'x';
console.log(ext);
var ext0 = Buffer.alloc(0);
ext0.foo = [1];
console.log(ext0);
console.log(util.format('%s|%o|%j', Buffer.from('ab'), Buffer.from('c'), Buffer.from('d')).length > 0);
console.log(Buffer.from('abc').inspect());
console.log(typeof Buffer.prototype[util.inspect.custom], Buffer.prototype[util.inspect.custom] === Buffer.prototype.inspect);

// parent / offset, toLocaleString.
(function () {
  var p = Buffer.from('abcdef');
  var s = p.subarray(2);
  console.log('parent', p.parent === p.buffer, s.parent === p.buffer, s.offset - p.offset,
    Buffer.prototype.parent, Buffer.prototype.offset);
  console.log('toLocaleString', Buffer.from('hi').toLocaleString(), Buffer.prototype.toLocaleString === Buffer.prototype.toString);
})();

// Methods on plain Uint8Arrays through the prototype.
t('proto hexSlice u8', function () { return Buffer.prototype.hexSlice.call(new Uint8Array([1, 2])); });
t('proto equals u8', function () { return Buffer.prototype.equals.call(new Uint8Array([1]), Buffer.from([1])); });
t('proto fill u8', function () { var u = new Uint8Array(3); Buffer.prototype.fill.call(u, 'ab'); return Array.prototype.join.call(u); });
t('proto indexOf u8', function () { return Buffer.prototype.indexOf.call(new Uint8Array([1, 2, 3]), 3); });
