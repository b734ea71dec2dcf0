// Transform: _transform with callback(err, data), several push() per
// chunk, _flush (with data, async, error), error in _transform, event
// order finish -> end -> close, backpressure on the readable side.
'use strict';
var stream = require('stream');
var log = console.log;

function watch(name, t) {
  ['prefinish', 'finish', 'end', 'close'].forEach(function (ev) {
    t.on(ev, function () { log(name, ev); });
  });
  t.on('error', function (e) { log(name, 'error', e.message); });
}

var up = new stream.Transform({
  transform: function (chunk, enc, cb) {
    log('up _transform', String(chunk), enc);
    cb(null, String(chunk).toUpperCase());
  },
  flush: function (cb) {
    log('up _flush');
    cb(null, '!');
  }
});
watch('up', up);
up.on('data', function (d) { log('up data', String(d)); });
up.write('abc');
up.write('def');
up.end('g');

var split = new stream.Transform({
  readableObjectMode: true,
  transform: function (chunk, enc, cb) {
    var self = this;
    String(chunk).split(',').forEach(function (p) { self.push(p); });
    cb();
  },
  flush: function (cb) {
    var self = this;
    setImmediate(function () {
      self.push('flushed-late');
      cb();
    });
  }
});
watch('split', split);
split.on('data', function (d) { log('split data', JSON.stringify(d)); });
split.end('a,b,c');

var bad = new stream.Transform({
  transform: function (chunk, enc, cb) { cb(new Error('transform failed')); }
});
watch('bad', bad);
bad.write('x', function (err) { log('bad write cb', err && err.message); });

var badFlush = new stream.Transform({
  transform: function (chunk, enc, cb) { cb(null, chunk); },
  flush: function (cb) { cb(new Error('flush failed')); }
});
watch('badFlush', badFlush);
badFlush.resume();
badFlush.end('x');

// Backpressure: with nobody reading, transform callbacks are held at the
// readable highWaterMark.
var n = 0;
var held = new stream.Transform({
  highWaterMark: 2,
  objectMode: true,
  transform: function (chunk, enc, cb) { n++; cb(null, chunk); }
});
for (var i = 0; i < 10; i++) held.write(i);
setImmediate(function () {
  log('held transformed', n, 'readableLength', held.readableLength, 'writableLength', held.writableLength);
  held.on('data', function () {});
  held.on('end', function () { log('held end, transformed', n); });
  held.end();
});

// Transform without _transform
var none = new stream.Transform();
try {
  none.write('x');
} catch (e) {
  log('no _transform', e.code);
}

// subclass via prototype, and a transform returning data + pushing
function Counter() {
  stream.Transform.call(this, { objectMode: true });
  this.count = 0;
}
Object.setPrototypeOf(Counter.prototype, stream.Transform.prototype);
Counter.prototype._transform = function (x, e, cb) {
  this.count++;
  this.push('pushed ' + x);
  cb(null, 'returned ' + x);
};
Counter.prototype._flush = function (cb) { cb(null, 'count=' + this.count); };
var ctr = new Counter();
ctr.on('data', function (d) { log('ctr', d); });
ctr.write(1);
ctr.end(2);
