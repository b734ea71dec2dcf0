// What _write receives: decodeStrings (default true: strings become
// Buffers with encoding 'buffer'), decodeStrings false (strings keep their
// encoding), defaultEncoding, setDefaultEncoding, Uint8Array chunks,
// objectMode (anything but null), unknown encodings.
'use strict';
var Writable = require('stream').Writable;
var log = console.log;

function mk(name, opts) {
  opts.write = function (chunk, enc, cb) {
    var kind = Buffer.isBuffer(chunk) ? 'Buffer(' + chunk.toString('hex') + ')' : typeof chunk + ':' + JSON.stringify(chunk);
    log(name, kind, enc);
    cb();
  };
  return new Writable(opts);
}

var a = mk('default', {});
a.write('hi');
a.write('6869', 'hex');
a.write(Buffer.from('yo'));
a.write(new Uint8Array([1, 2]));
a.write('aGk=', 'base64');

var b = mk('nodecode', { decodeStrings: false });
b.write('hi');
b.write('6869', 'hex');
b.write(Buffer.from('yo'));

var c = mk('defenc', { decodeStrings: false, defaultEncoding: 'latin1' });
c.write('x');
c.setDefaultEncoding('HEX');
c.write('ff');
log('setDefaultEncoding returns this', c.setDefaultEncoding('utf8') === c);

var d = mk('obj', { objectMode: true });
d.write({ a: 1 });
d.write(42);
d.write('str');
d.write(false);
try {
  d.write(null);
} catch (e) {
  log('write(null)', e.name, e.code, e.message);
}

var e = mk('bytes', {});
try {
  e.write(42);
} catch (err) {
  log('write(42)', err.name, err.code);
}
try {
  e.write('x', 'nope');
} catch (err) {
  log('bad encoding', err.name, err.code, err.message);
}
try {
  e.setDefaultEncoding('nope');
} catch (err) {
  log('bad default encoding', err.code);
}
try {
  mk('ctor', { defaultEncoding: 'nope' });
} catch (err) {
  log('ctor bad default encoding', err.code);
}
// writableLength counts bytes of the encoded chunk
var pend;
var f = new Writable({ write: function (c, enc, cb) { pend = cb; } });
f.write('€');
f.write('ab', 'hex');
log('length in bytes', f.writableLength);
pend();
