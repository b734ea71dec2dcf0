// Buffer encodings: Buffer.from(string, enc), toString(enc), write(), byteLength,
// round trips with multi-byte, non-BMP and invalid input (compared with node).
'use strict';
var buffer = require('buffer');
var Buffer = buffer.Buffer;

function codes(s) {
  var out = [];
  for (var i = 0; i < s.length; i++) out.push(s.charCodeAt(i).toString(16));
  return s.length + ':' + out.join(' ');
}
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
  else if (typeof r === 'string') r = '"' + codes(r) + '"';
  console.log(label, r);
}

var samples = [
  '', 'hello', 'h\u00e9llo', '\u20ac100', 'a\ud83d\ude00b', '\ud83d\ude00\ud83d\ude01',
  '\ud800', '\udc00', 'x\ud800y', 'x\udc00\ud800y', '\ud83d', 'end\ud83d',
  '\u0000\u0001\u007f\u0080\u00ff\u0100\u07ff\u0800\uffff', '\ufeffbom',
  'Zo\u00eb \u4e2d\u6587 \u0639\u0631\u0628\u064a',
  '\u0141\u00f3d\u017a', 'A\r\n\t"\\'
];
var encodings = ['utf8', 'utf-8', 'UTF8', 'ucs2', 'ucs-2', 'utf16le', 'UTF-16LE',
  'latin1', 'binary', 'ascii', 'base64', 'base64url', 'hex'];

samples.forEach(function (s, i) {
  encodings.forEach(function (enc) {
    t('from ' + i + ' ' + enc, function () { return Buffer.from(s, enc); });
    t('byteLength ' + i + ' ' + enc, function () { return Buffer.byteLength(s, enc); });
  });
  t('roundtrip utf8 ' + i, function () { return Buffer.from(s).toString() === s; });
  t('roundtrip ucs2 ' + i, function () { return Buffer.from(s, 'ucs2').toString('ucs2') === s; });
});

// Decoding every encoding from interesting bytes.
var byteSamples = [
  [], [0x68, 0x69], [0xc3, 0xa9], [0xe2, 0x82, 0xac], [0xf0, 0x9f, 0x98, 0x80],
  [0xff], [0xfe, 0xff], [0x80], [0xc0, 0x80], [0xc1, 0xbf], [0xc2], [0xe0, 0x80, 0x80],
  [0xe0, 0xa0], [0xe0, 0xa0, 0x80], [0xed, 0xa0, 0x80], [0xed, 0x9f, 0xbf],
  [0xef, 0xbf, 0xbd], [0xf0, 0x80, 0x80, 0x80], [0xf0, 0x90, 0x80], [0xf4, 0x8f, 0xbf, 0xbf],
  [0xf4, 0x90, 0x80, 0x80], [0xf5, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80],
  [0x61, 0xf0, 0x9f, 0x98, 0x62], [0xe2, 0x82], [0xe2, 0x82, 0x41], [0x3d, 0xd8, 0x00, 0xde],
  [0x00, 0xd8, 0x41], [0x00, 0xdc, 0x00, 0xd8], [0x00, 0x01, 0x7f, 0x80, 0xff],
  [0xfb, 0xff, 0xbf], [0xfb, 0xff], [0xfb]
];
var decs = ['utf8', 'ucs2', 'utf16le', 'latin1', 'binary', 'ascii', 'base64', 'base64url', 'hex'];
byteSamples.forEach(function (bytes, i) {
  var b = Buffer.from(bytes);
  decs.forEach(function (enc) {
    t('toString ' + i + ' ' + enc, function () { return b.toString(enc); });
  });
});

var big = [];
for (var i = 0; i < 256; i++) big.push(i);
var all = Buffer.from(big);
decs.forEach(function (enc) {
  t('all bytes ' + enc, function () { return all.toString(enc); });
  t('all bytes back ' + enc, function () { return hex(Buffer.from(all.toString(enc), enc)); });
});

// Lenient base64 and hex decoding.
['', 'Y', 'YQ', 'YQ=', 'YQ==', 'YWI', 'YWJj', 'YWJjZA', 'Y W\nJj', 'YQ==YWJj', '=YWJj',
  '-_-_', '+/+/', 'YW*Jj', '\u0141\u0141\u0141\u0141', 'QUJD\u00ff', 'YWJj\u0000ZA==',
  '  YWJj  ', 'Y\tW\rJ\fj', 'YWJjZA=x', 'aGVsbG8gd29ybGQ'].forEach(function (s) {
  t('base64 ' + esc(JSON.stringify(s)), function () { return Buffer.from(s, 'base64'); });
  t('base64url ' + esc(JSON.stringify(s)), function () { return Buffer.from(s, 'base64url'); });
  t('base64 len ' + esc(JSON.stringify(s)), function () { return Buffer.byteLength(s, 'base64'); });
});
['', 'a', 'ab', 'abc', 'abz', 'zz00', '0g12', 'ABcd', '\u0161\u0162', '6\u0131', 'abcdef0',
  ' ab', 'ab cd'].forEach(function (s) {
  t('hex ' + esc(JSON.stringify(s)), function () { return Buffer.from(s, 'hex'); });
});

// toString ranges.
var h = Buffer.from('hello world');
[[undefined, undefined], [0, 5], [6], [-3, 2], [3, 100], [5, 3], [11], [NaN, 4], ['2', '4'],
  [1.7, 4.2], [0, -1], [null, null], [Infinity]].forEach(function (r) {
  t('toString range ' + esc(JSON.stringify(r)), function () { return h.toString('utf8', r[0], r[1]); });
});
t('toString null enc', function () { return h.toString(null); });
t('toString bad enc', function () { return h.toString('nope'); });
t('toString upper', function () { return h.toString('HEX'); });
t('toString no args', function () { return h.toString(); });
t('toString undefined enc', function () { return h.toString(undefined, 1, 3); });
t('toLocaleString', function () { return h.toLocaleString('hex'); });
t('String()', function () { return String(Buffer.from('abc')); });
t('concat str', function () { return '' + Buffer.from('xyz'); });

// write(): offsets, lengths, encodings and partial characters.
function w(args) {
  var b = Buffer.alloc(6, 0x2e);
  var n = b.write.apply(b, args);
  return n + ' ' + b.toString('hex');
}
[['abc'], ['abcdefghij'], ['abc', 2], ['abc', 4, 1], ['abc', 'hex'], ['abcd', 'hex'],
  ['abcd', 1, 'hex'], ['abcd', 1, 1, 'hex'], ['\u20ac\u20ac'], ['a\u20ac', 2], ['a\u20ac', 0, 3],
  ['a\ud83d\ude00', 0, 4], ['a\ud83d\ude00', 0, 5], ['a\ud83d\ude00', 0, 6], ['a\ud800', 0, 3],
  ['a\ud800', 0, 4], ['abc', 'ucs2'], ['abcd', 1, 'ucs2'], ['abc', 0, 5, 'ucs2'], ['\u20ac', 'latin1'],
  ['\u00e9\u00e9', 'ascii'], ['YWJjZGVmZ2hp', 'base64'], ['YWJj', 4, 'base64'],
  ['-_-_', 'base64url'], ['abc', 0, 0], ['abc', 6], ['abc', 'UTF-8'], ['abc', 0, 2, 'latin1'],
  ['abc', 'nope'], ['abc', 7], ['abc', -1], ['abc', 1.5], ['abc', 0, 7], ['abc', 0, -1],
  [5], [null], ['abc', '1'], ['abc', undefined, 'hex'], ['abc', 0, undefined, 'ucs2'],
  ['zz', 'hex'], ['abz', 'hex'], ['\ud83d\ude00', 'ucs2'], ['\ud83d\ude00', 0, 3, 'ucs2']
].forEach(function (args) {
  t('write ' + esc(JSON.stringify(args)), function () { return w(args); });
});

// Per-encoding slice/write methods.
var m = Buffer.from('h\u00e9llo');
['utf8Slice', 'latin1Slice', 'asciiSlice', 'hexSlice', 'base64Slice', 'base64urlSlice',
  'ucs2Slice'].forEach(function (name) {
  t(name, function () { return m[name](); });
  t(name + ' 1,3', function () { return m[name](1, 3); });
  t(name + ' -1', function () { return m[name](-1); });
  t(name + ' 0,99', function () { return m[name](0, 99); });
  t(name + ' 4,2', function () { return m[name](4, 2); });
});
['utf8Write', 'latin1Write', 'asciiWrite', 'hexWrite', 'base64Write', 'base64urlWrite',
  'ucs2Write'].forEach(function (name) {
  t(name, function () { var b = Buffer.alloc(4); return b[name]('6162') + ' ' + b.toString('hex'); });
  t(name + ' off', function () { var b = Buffer.alloc(4); return b[name]('6162', 3) + ' ' + b.toString('hex'); });
  t(name + ' bad off', function () { return Buffer.alloc(4)[name]('6162', 5); });
  t(name + ' not str', function () { return Buffer.alloc(4)[name](1); });
});

// isEncoding.
['utf8', 'utf-8', 'UTF8', 'Utf-8', 'ucs2', 'UCS-2', 'utf16le', 'utf-16le', 'latin1', 'binary',
  'ascii', 'base64', 'base64url', 'hex', 'HEX', 'utf16', 'utf-16', 'utf32', '', 'raw', 'raws',
  null, undefined, 1, {}, [], 'constructor', '__proto__'].forEach(function (e) {
  t('isEncoding ' + String(e), function () { return Buffer.isEncoding(e); });
});

// byteLength on non-strings and errors.
t('byteLength buf', function () { return Buffer.byteLength(Buffer.alloc(7)); });
t('byteLength ab', function () { return Buffer.byteLength(new ArrayBuffer(9)); });
t('byteLength u16', function () { return Buffer.byteLength(new Uint16Array(3)); });
t('byteLength dv', function () { return Buffer.byteLength(new DataView(new ArrayBuffer(5))); });
t('byteLength num', function () { return Buffer.byteLength(5); });
t('byteLength bad enc', function () { return Buffer.byteLength('\u20ac', 'nope'); });
t('byteLength empty', function () { return Buffer.byteLength('', 'hex'); });
t('byteLength ucs2', function () { return Buffer.byteLength('a\ud83d\ude00', 'ucs2'); });
t('byteLength utf8 pair', function () { return Buffer.byteLength('a\ud83d\ude00\ud800'); });

// atob / btoa.
['', 'YQ==', 'YWJj', 'YQ', 'Y', 'YQ=', 'Y Q = =', 'YQ==YQ==', 'YQ===', '*', 'YW\u00e9', 'ab\ncd',
  'YWJjZA', 'YWJjZA==', 'YWJjZA=', ' \t\n\f\r', '////', 'AA=A'].forEach(function (s) {
  t('atob ' + esc(JSON.stringify(s)), function () { return buffer.atob(s); });
});
['', 'a', 'ab', 'abc', '\u00ff\u00fe', '\u0100', 'hello world', 123, null, undefined].forEach(function (s) {
  t('btoa ' + esc(JSON.stringify(s)), function () { return buffer.btoa(s); });
});
t('atob no args', function () { return buffer.atob(); });
t('btoa no args', function () { return buffer.btoa(); });

// isUtf8 / isAscii.
byteSamples.forEach(function (bytes, i) {
  t('isUtf8 ' + i, function () { return buffer.isUtf8(Buffer.from(bytes)); });
  t('isAscii ' + i, function () { return buffer.isAscii(Buffer.from(bytes)); });
});
t('isUtf8 ab', function () { return buffer.isUtf8(new Uint8Array([0xc3, 0xa9]).buffer); });
t('isUtf8 str', function () { return buffer.isUtf8('abc'); });
t('isAscii str', function () { return buffer.isAscii(5); });

// transcode (the common cases).
t('transcode utf8->ucs2', function () { return buffer.transcode(Buffer.from('h\u00e9\u20ac'), 'utf8', 'ucs2'); });
t('transcode ucs2->utf8', function () { return buffer.transcode(Buffer.from('h\u00e9\u20ac', 'ucs2'), 'ucs2', 'utf8'); });
t('transcode utf8->latin1', function () { return buffer.transcode(Buffer.from('h\u00e9\u20ac'), 'utf8', 'latin1'); });
t('transcode utf8->ascii', function () { return buffer.transcode(Buffer.from('h\u00e9\u20ac'), 'utf8', 'ascii'); });
t('transcode latin1->utf8', function () { return buffer.transcode(Buffer.from([0x68, 0xe9]), 'latin1', 'utf8'); });
t('transcode empty', function () { return buffer.transcode(Buffer.alloc(0), 'utf8', 'ucs2'); });
t('transcode bad', function () { return buffer.transcode('abc', 'utf8', 'ucs2'); });
