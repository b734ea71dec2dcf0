// setEncoding(): multi-byte characters split across chunks decode
// correctly (utf8 2/3/4-byte, hex, base64), setEncoding after data was
// buffered, readableEncoding, and the encoding option.
'use strict';
var Readable = require('stream').Readable;
var log = console.log;

function feed(enc, bufs, cb) {
  var r = new Readable({ read: function () {} });
  r.setEncoding(enc);
  var out = [];
  r.on('data', function (s) { out.push(JSON.stringify(s)); });
  r.on('end', function () { log(enc, out.join(' '), typeof out[0]); cb && cb(); });
  bufs.forEach(function (b) { r.push(b); });
  r.push(null);
  return r;
}

var euro = Buffer.from('€');     // e2 82 ac
var e = Buffer.from('é');        // c3 a9
feed('utf8', [euro.slice(0, 1), euro.slice(1), Buffer.from('x')]);
feed('utf8', [e.slice(0, 1), Buffer.concat([e.slice(1), e.slice(0, 1)]), e.slice(1)]);
feed('utf8', [euro.slice(0, 2)]); // incomplete at the end
feed('hex', [Buffer.from([0xde, 0xad]), Buffer.from([0xbe, 0xef])]);
feed('base64', [Buffer.from('ab'), Buffer.from('cde'), Buffer.from('f')]);
feed('latin1', [Buffer.from([0xe9, 0x41])]);

// setEncoding after buffering converts the buffer
var r = new Readable({ read: function () {} });
r.push(Buffer.concat([Buffer.from('x'), euro.slice(0, 1)]));
r.push(euro.slice(1));
log('len before', r.readableLength);
r.setEncoding('utf8');
log('len after', r.readableLength, 'encoding', r.readableEncoding);
log('read', JSON.stringify(r.read()));

// encoding option; push of strings is decoded to the state's encoding
var r2 = new Readable({ encoding: 'hex', read: function () {} });
log('r2 encoding', r2.readableEncoding);
r2.push('AB');
log('r2 read', r2.read());

// read(n) counts characters once an encoding is set
var r3 = new Readable({ read: function () {} });
r3.setEncoding('utf8');
r3.push('h€llo wörld');
log('r3 read(3)', r3.read(3), 'len', r3.readableLength);
r3.push(' again');
r3.push(' more');
log('r3 read(10)', r3.read(10), 'len', r3.readableLength);
log('r3 read(5)', r3.read(5), 'len', r3.readableLength);

// setEncoding(null) means utf8
var r4 = new Readable({ read: function () {} });
r4.setEncoding(null);
log('r4 encoding', r4.readableEncoding);
