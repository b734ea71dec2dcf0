// Differential fuzzing of Buffer's encoders and decoders: seeded random
// bytes and strings (surrogates, overlongs, truncated sequences, every
// encoding), checked against node through digests of the results.
'use strict';
var Buffer = require('buffer').Buffer;

var seed = 12345;
function rnd(n) {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return Math.floor(seed / 2147483648 * n);
}
function pick(a) { return a[rnd(a.length)]; }

function digestString(s) {
  var h = 2166136261;
  for (var i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = (h * 16777619) % 4294967296;
  }
  return s.length + '/' + h.toString(16);
}
function digestBytes(b) {
  var h = 2166136261;
  for (var i = 0; i < b.length; i++) {
    h ^= b[i];
    h = (h * 16777619) % 4294967296;
  }
  return b.length + '/' + h.toString(16);
}
function attempt(f) {
  try { return f(); } catch (e) { return 'E:' + e.code; }
}

var byteClasses = [
  function () { return rnd(0x80); },
  function () { return 0x80 + rnd(0x40); },
  function () { return 0xc0 + rnd(0x40); },
  function () { return pick([0x00, 0x3d, 0x2b, 0x2f, 0x2d, 0x5f, 0x41, 0x7a, 0x20, 0x0a]); },
  function () { return pick([0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xa0, 0x9f, 0x90, 0x8f, 0xbf]); }
];
function randomBytes() {
  var n = rnd(24), out = [];
  for (var i = 0; i < n; i++) out.push(pick(byteClasses)());
  // Sometimes a valid multi-byte character somewhere.
  if (rnd(3) === 0) out.splice(rnd(out.length + 1), 0, 0xf0, 0x9f, 0x98, 0x80);
  if (rnd(3) === 0) out.splice(rnd(out.length + 1), 0, 0xe2, 0x82, 0xac);
  return out;
}

var unitClasses = [
  function () { return 0x20 + rnd(0x5f); },
  function () { return rnd(0x100); },
  function () { return 0x100 + rnd(0xd700); },
  function () { return 0xd800 + rnd(0x400); },
  function () { return 0xdc00 + rnd(0x400); },
  function () { return 0xe000 + rnd(0x2000); },
  function () { return pick([0x3d, 0x2b, 0x2f, 0x2d, 0x5f, 0x30, 0x61, 0x66, 0x46, 0x67, 0x20, 0x0a, 0x161, 0xfffd]); }
];
function randomString() {
  var n = rnd(16), s = '';
  for (var i = 0; i < n; i++) {
    if (rnd(5) === 0) {
      s += String.fromCharCode(0xd800 + rnd(0x400), 0xdc00 + rnd(0x400));
    } else {
      s += String.fromCharCode(pick(unitClasses)());
    }
  }
  return s;
}

var encs = ['utf8', 'utf16le', 'latin1', 'ascii', 'base64', 'base64url', 'hex'];
var i, j, line;

for (i = 0; i < 400; i++) {
  var bytes = randomBytes();
  var b = Buffer.from(bytes);
  line = [];
  for (j = 0; j < encs.length; j++) {
    var s = b.toString(encs[j]);
    line.push(digestString(s));
    line.push(digestBytes(Buffer.from(s, encs[j])));
  }
  var st = rnd(b.length + 2), en = rnd(b.length + 2);
  line.push(digestString(b.toString('utf8', st, en)));
  line.push(b.toString('utf8') === Buffer.from(b.toString()).toString() ? 'stable' : 'unstable');
  console.log('bytes', i, line.join(' '));
}

for (i = 0; i < 400; i++) {
  var str = randomString();
  line = [];
  for (j = 0; j < encs.length; j++) {
    var enc = encs[j];
    line.push(digestBytes(Buffer.from(str, enc)));
    line.push(Buffer.byteLength(str, enc));
    var target = Buffer.alloc(12, 0xaa);
    var off = rnd(13), len = rnd(14);
    line.push(attempt(function () { return target.write(str, off, len, enc); }));
    line.push(digestBytes(target));
    var fillTarget = Buffer.alloc(11, 0x55);
    line.push(attempt(function () { fillTarget.fill(str, rnd(5), 5 + rnd(7), enc); return digestBytes(fillTarget); }));
  }
  var hay = Buffer.from(randomString() + str + randomString());
  line.push(hay.indexOf(str), hay.lastIndexOf(str), hay.indexOf(str, rnd(20) - 10),
    hay.lastIndexOf(str, rnd(20) - 10));
  var hay2 = Buffer.from(randomString() + str, 'ucs2');
  line.push(hay2.indexOf(str, 0, 'ucs2'), hay2.lastIndexOf(str, undefined, 'ucs2'));
  line.push(Buffer.from(str).toString() === Buffer.from(Buffer.from(str).toString()).toString());
  console.log('string', i, line.join(' '));
}
