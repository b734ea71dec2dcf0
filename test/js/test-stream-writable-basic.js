// Writable: write() returns false at highWaterMark, 'drain' when the
// buffer empties, write callbacks and their order, 'finish' then 'close',
// writableLength/NeedDrain/Ended/Finished/Corked/HighWaterMark.
'use strict';
var Writable = require('stream').Writable;
var log = console.log;

var pending = [];
var w = new Writable({
  highWaterMark: 10,
  write: function (chunk, enc, cb) {
    log('_write', String(chunk), enc, 'len', this.writableLength);
    pending.push(cb);
  }
});
['drain', 'finish', 'close', 'prefinish'].forEach(function (ev) {
  w.on(ev, function () {
    log('event', ev, 'len', w.writableLength, 'needDrain', w.writableNeedDrain,
      'ended', w.writableEnded, 'finished', w.writableFinished);
  });
});
log('hwm', w.writableHighWaterMark, 'objectMode', w.writableObjectMode, 'writable', w.writable);
log('write 4 ->', w.write('aaaa', function () { log('cb 1'); }), 'len', w.writableLength);
log('write 4 ->', w.write('bbbb', function () { log('cb 2'); }), 'len', w.writableLength);
log('write 4 ->', w.write('cccc', function () { log('cb 3'); }), 'len', w.writableLength,
  'needDrain', w.writableNeedDrain);
log('write 1 ->', w.write('d'), 'len', w.writableLength);

function release() {
  if (pending.length) {
    var cb = pending.shift();
    log('releasing');
    cb();
    setImmediate(release);
  } else if (!w.writableEnded) {
    w.end('e', function (err) { log('end cb', err); });
    log('after end: writable', w.writable, 'ended', w.writableEnded);
    setImmediate(release);
  }
}
setImmediate(release);

// synchronous _write: callbacks still asynchronous, drain once
var s = new Writable({
  highWaterMark: 3,
  write: function (c, e, cb) { cb(); }
});
var order = [];
s.on('drain', function () { order.push('drain'); });
log('sync write ret', s.write('abcd', function () { order.push('cb1'); }));
order.push('after write');
log('sync write ret 2', s.write('x', function () { order.push('cb2'); }));
process.nextTick(function () { order.push('tick'); });
setImmediate(function () { log('sync order', order.join(',')); });

// highWaterMark 0: every write returns false
var z = new Writable({ highWaterMark: 0, write: function (c, e, cb) { cb(); } });
log('hwm 0 write', z.write('a'));
