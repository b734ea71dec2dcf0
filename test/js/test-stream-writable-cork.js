// cork()/uncork(): writes are buffered while corked and go to _writev as
// one batch (or to _write one by one without _writev); nested corks need
// as many uncorks; end() uncorks; writableCorked; callbacks of a batch.
'use strict';
var Writable = require('stream').Writable;
var log = console.log;

var w = new Writable({
  writev: function (chunks, cb) {
    log('_writev', chunks.length, chunks.map(function (c) { return String(c.chunk) + '/' + c.encoding; }).join(' '),
      'allBuffers', chunks.allBuffers);
    process.nextTick(cb);
  },
  write: function (c, e, cb) { log('_write', String(c)); cb(); }
});
w.cork();
log('corked', w.writableCorked);
w.write('a', function () { log('cb a'); });
w.write('b', function () { log('cb b'); });
w.cork();
w.write('c');
log('corked', w.writableCorked, 'len', w.writableLength, 'buffered', w.writableBuffer.length);
w.uncork();
log('after 1 uncork corked', w.writableCorked, 'len', w.writableLength);
process.nextTick(function () {
  w.uncork();
  log('after 2 uncork corked', w.writableCorked, 'len', w.writableLength);
  w.write('d', function () { log('cb d'); });
  w.cork();
  w.write('e');
  w.write('f');
  w.end('g', function () { log('end cb'); });
  log('after end corked', w.writableCorked);
});
w.on('finish', function () { log('finish'); });

// without _writev: _write for each
var n = new Writable({
  decodeStrings: false,
  write: function (c, e, cb) { log('n _write', c, e); cb(); }
});
n.cork();
n.write('x');
n.write('y', 'latin1');
n.write(Buffer.from('z'));
process.nextTick(function () { n.uncork(); });

// _writev with string chunks (decodeStrings false) -> allBuffers false
var s = new Writable({
  decodeStrings: false,
  writev: function (chunks, cb) {
    log('s _writev', chunks.length, 'allBuffers', chunks.allBuffers);
    cb();
  }
});
s.cork();
s.write('p');
s.write(Buffer.from('q'));
s.uncork();

// write while an async _write is pending buffers too, and goes to _writev
var pend;
var q = new Writable({
  write: function (c, e, cb) { log('q _write', String(c)); pend = cb; },
  writev: function (chunks, cb) { log('q _writev', chunks.length); cb(); }
});
q.write('1');
q.write('2');
q.write('3');
setImmediate(function () { pend(); });
