// Paused mode: 'readable' + read() loops, read(0), highWaterMark refill
// calls to _read with sizes, readableLength bookkeeping.
'use strict';
var Readable = require('stream').Readable;
var log = console.log;

var n = 0;
var r = new Readable({
  highWaterMark: 10,
  read: function (size) {
    n++;
    log('_read', size, 'len', this.readableLength);
    if (n > 6) { this.push(null); return; }
    var self = this;
    process.nextTick(function () {
      var ret = self.push(Buffer.alloc(4, 97 + n));
      log('pushed 4, ret', ret, 'len', self.readableLength);
    });
  }
});
log('flowing before', r.readableFlowing);
r.on('readable', function () {
  log('readable, len', r.readableLength, 'flowing', r.readableFlowing);
  var chunk;
  while ((chunk = r.read(3)) !== null) {
    log('read(3) ->', chunk.toString(), 'len', r.readableLength);
  }
  log('read(3) -> null, len', r.readableLength);
});
r.on('end', function () { log('end, len', r.readableLength); });
r.on('close', function () { log('close'); });

// read(0) triggers a _read but returns null
var r2 = new Readable({
  read: function (size) {
    log('r2 _read', size);
    this.push('hello');
  }
});
log('r2.read(0) ->', r2.read(0), 'len', r2.readableLength);
log('r2.read(0) again ->', r2.read(0), 'len', r2.readableLength);
log('r2.read() ->', String(r2.read()), 'len', r2.readableLength);

// push returns false once the buffer reaches the mark
var r3 = new Readable({ highWaterMark: 5, read: function () {} });
log('push 3', r3.push('abc'), r3.readableLength);
log('push 2', r3.push('de'), r3.readableLength);
log('push 1', r3.push('f'), r3.readableLength);
log('read() all', String(r3.read()), r3.readableLength);
log('hwm', r3.readableHighWaterMark);
