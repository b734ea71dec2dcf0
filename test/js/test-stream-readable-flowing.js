// Readable in flowing mode: 'data'/'end'/'close' order, push() return
// values, readableFlowing transitions, pause/resume events, isPaused.
'use strict';
var Readable = require('stream').Readable;
var log = console.log;

var i = 0;
var r = new Readable({
  highWaterMark: 4,
  read: function (n) {
    log('_read', n, 'flowing', r.readableFlowing);
    i++;
    if (i <= 3) log('push ret', this.push(Buffer.from('ab' + i)));
    else this.push(null);
  }
});
log('initial flowing', r.readableFlowing, 'paused', r.isPaused());
['pause', 'resume', 'end', 'close'].forEach(function (ev) {
  r.on(ev, function () {
    log('event', ev, 'flowing', r.readableFlowing, 'ended', r.readableEnded,
      'destroyed', r.destroyed);
  });
});
r.on('data', function (d) {
  log('data', d.toString(), 'length', r.readableLength);
});
log('after on(data) flowing', r.readableFlowing);
process.nextTick(function () { log('tick 1'); });
setImmediate(function () { log('immediate'); });

// pause/resume in the middle of a flow
var r2 = new Readable({ objectMode: true, read: function () {} });
var got = [];
r2.on('data', function (d) {
  got.push(d);
  if (d === 2) {
    r2.pause();
    log('paused at 2, isPaused', r2.isPaused(), 'buffered', r2.readableLength);
    setImmediate(function () {
      log('resuming');
      r2.resume();
    });
  }
});
r2.on('end', function () { log('r2 end', got.join(',')); });
[1, 2, 3, 4].forEach(function (x) { r2.push(x); });
r2.push(null);

// resume() without a data listener drains and ends
var r3 = new Readable({ read: function () {} });
r3.push('xyz');
r3.push(null);
r3.on('end', function () { log('r3 end without data listener'); });
r3.resume();
log('r3 flowing', r3.readableFlowing);
