// One source piped into two destinations of different speeds: the source
// waits for the slower one's 'drain' (multiAwaitDrain); unpiping the slow
// one releases the source; a corked destination batches through _writev.
'use strict';
var stream = require('stream');
var log = console.log;

var n = 0;
var src = new stream.Readable({
  highWaterMark: 4,
  read: function () {
    n++;
    this.push(n <= 12 ? 'c' + n + ';' : null);
  }
});
var fastGot = 0;
var slowGot = 0;
var fast = new stream.Writable({
  highWaterMark: 4,
  write: function (c, e, cb) { fastGot++; cb(); }
});
var pending = [];
var slow = new stream.Writable({
  highWaterMark: 4,
  write: function (c, e, cb) { slowGot++; pending.push(cb); }
});
src.pipe(fast);
src.pipe(slow);
var ticks = 0;
function pump() {
  ticks++;
  log('tick', ticks, 'fast', fastGot, 'slow', slowGot, 'src buffered', src.readableLength,
    'flowing', src.readableFlowing);
  if (ticks === 4) {
    src.unpipe(slow);
    log('unpiped slow');
  }
  if (pending.length && ticks < 4) pending.shift()();
  if (!src.readableEnded) setImmediate(pump);
}
setImmediate(pump);
fast.on('finish', function () {
  log('fast finish', fastGot, 'slow got', slowGot, 'slow ended', slow.writableEnded);
  corkDemo();
});

function corkDemo() {
  var batches = [];
  var dst = new stream.Writable({
    writev: function (chunks, cb) {
      batches.push(chunks.map(function (c) { return String(c.chunk); }).join('+'));
      setImmediate(cb);
    },
    write: function (c, e, cb) {
      batches.push(String(c));
      setImmediate(cb);
    }
  });
  var r = new stream.Readable({ read: function () {} });
  r.pipe(dst);
  dst.cork();
  r.push('1');
  r.push('2');
  r.push('3');
  setImmediate(function () {
    dst.uncork();
    r.push('4');
    r.push(null);
  });
  dst.on('finish', function () { log('batches', batches.join(' | ')); });
}
