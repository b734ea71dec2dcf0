// setEncoding('utf8') with a 4-byte character (outside the BMP) split
// over three chunks, and with utf16le surrogate pairs split in two.
'use strict';
var Readable = require('stream').Readable;
var log = console.log;

var smile = Buffer.from('😀'); // f0 9f 98 80
var r = new Readable({ read: function () {} });
r.setEncoding('utf8');
var out = [];
r.on('data', function (s) { out.push(s); });
r.on('end', function () {
  var all = out.join('');
  log('pieces', out.length, 'length', all.length,
    'codes', all.charCodeAt(0), all.charCodeAt(1), all.charCodeAt(2));
});
r.push(Buffer.concat([Buffer.from('a'), smile.slice(0, 2)]));
r.push(smile.slice(2, 3));
r.push(smile.slice(3));
r.push(null);

var u = new Readable({ read: function () {} });
u.setEncoding('utf16le');
var b = Buffer.from([0x3d, 0xd8, 0x00, 0xde, 0x41, 0x00]); // U+1F600 'A'
var out2 = [];
u.on('data', function (s) { out2.push(s); });
u.on('end', function () {
  var all = out2.join('');
  log('utf16le length', all.length, all.charCodeAt(0), all.charCodeAt(1), all.charCodeAt(2));
});
u.push(b.slice(0, 3));
u.push(b.slice(3));
u.push(null);
