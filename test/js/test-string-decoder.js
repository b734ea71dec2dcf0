// StringDecoder: every encoding, characters split across chunks, invalid
// bytes, end(), lastNeed/lastTotal, argument errors.
var StringDecoder = require('string_decoder').StringDecoder;
function hex(s) { var o = []; for (var i = 0; i < s.length; i++) o.push(s.charCodeAt(i).toString(16)); return o.join(' '); }
function run(enc, chunks, label) {
  var d = new StringDecoder(enc);
  var out = [];
  chunks.forEach(function (c) { out.push(hex(d.write(Buffer.from(c)))); });
  out.push('end:' + hex(d.end()));
  console.log(label || enc, JSON.stringify(chunks), '=>', out.join(' | '));
}
var euro = [0xE2, 0x82, 0xAC], smile = [0xF0, 0x9F, 0x98, 0x80], e9 = [0xC3, 0xA9];
run('utf8', [[0x61, 0x62]]);
run('utf8', [euro]);
run('utf8', [[0xE2], [0x82], [0xAC]]);
run('utf8', [[0xE2, 0x82], [0xAC, 0x61]]);
run('utf8', [[0xF0, 0x9F], [0x98], [0x80]]);
run('utf8', [[0x61, 0xF0, 0x9F, 0x98], [0x80, 0x62]]);
run('utf8', [[0xC3], [0xA9], [0xC3]]);
run('utf8', [[0xE2, 0x82]]);
run('utf8', [[0xE2], [0x41]]);
run('utf8', [[0xE2, 0x82], [0x41, 0x42]]);
run('utf8', [[0xFF, 0x41]]);
run('utf8', [[0x80, 0x80]]);
run('utf8', [[0x41, 0x80]]);
run('utf8', [[0xC0], [0x80]]);
run('utf8', [[0xE0, 0x80]]);
run('utf8', [[0xED, 0xA0, 0x80]]);
run('utf8', [[0xF5, 0x80], [0x80, 0x80]]);
run('utf8', [[0xF0], [0x9F, 0x98], []]);
run('utf8', [[0x80, 0x80, 0x80, 0x80, 0x80]]);
run('utf8', [euro.concat(smile).concat(e9)]);
run('utf-8', [[0xC3], [0xA9]], 'utf-8 alias');
run('UTF8', [[0xC3, 0xA9]], 'upper');
run('utf16le', [[0x61, 0x00, 0x62, 0x00]]);
run('utf16le', [[0x61], [0x00, 0x62], [0x00]]);
run('utf16le', [[0x3D, 0xD8], [0x00, 0xDE]]);
run('utf16le', [[0x3D, 0xD8, 0x00], [0xDE]]);
run('utf16le', [[0x3D], [0xD8], [0x00], [0xDE]]);
run('utf16le', [[0x61]]);
run('utf16le', [[0x3D, 0xD8]]);
run('ucs2', [[0x41, 0x00]], 'ucs2');
run('base64', [[0x61, 0x62, 0x63]]);
run('base64', [[0x61], [0x62], [0x63, 0x64]]);
run('base64', [[0x61, 0x62, 0x63, 0x64]]);
run('base64', [[0x61, 0x62], []]);
run('base64url', [[0xFB, 0xFF], [0xFE]]);
run('hex', [[0x01, 0xAB], [0xFF]]);
run('latin1', [[0xE9, 0x41], [0xFF]]);
run('binary', [[0xE9]], 'binary');
run('ascii', [[0x41, 0xE9, 0x7F]]);
run(undefined, [[0xC3], [0xA9]], 'default');
var d = new StringDecoder('utf8');
console.log(d.encoding, d.write('string passthrough'), d.lastNeed, d.lastTotal);
d.write(Buffer.from([0xE2, 0x82]));
console.log(d.lastNeed, d.lastTotal, JSON.stringify(Array.prototype.slice.call(d.lastChar)));
console.log(hex(d.end(Buffer.from([0xAC]))), d.lastNeed);
var u = new StringDecoder('utf8');
console.log(JSON.stringify(u.write(new Uint8Array([0x68, 0x69]))), JSON.stringify(u.end(new Uint8Array([0xC3]))));
console.log(JSON.stringify(u.write(new DataView(new Uint8Array([0x6F, 0x6B]).buffer))));
console.log(JSON.stringify(u.text(Buffer.from('hello'), 2)));
['utf8', 'hex', 'base64', 'latin1', 'ucs2', 'utf16le', 'ascii', 'binary', 'base64url', 'UTF-16LE'].forEach(function (e) {
  console.log(e, new StringDecoder(e).encoding);
});
function err(f) { try { f(); console.log('no throw'); } catch (e) { console.log(e.name, e.code, e.message); } }
err(function () { return new StringDecoder('nope'); });
err(function () { return new StringDecoder('utf32'); });
err(function () { new StringDecoder('utf8').write(42); });
err(function () { new StringDecoder('utf8').write(null); });
err(function () { new StringDecoder('utf8').write({}); });
err(function () { new StringDecoder('utf8').end([1]); });
var big = new StringDecoder('utf8'); var s = '';
var text = 'héllo wörld € 😀 ';
var bytes = Buffer.from(text + text + text);
for (var i = 0; i < bytes.length; i++) s += big.write(bytes.slice(i, i + 1));
s += big.end();
console.log(s === text + text + text, s.length);
