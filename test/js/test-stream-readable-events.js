// Mixed consumption modes: once('readable') cycles, 'readable' and 'data'
// listeners together, removing the 'readable' listener resumes a data
// listener, read() returning null then 'readable' again, and 'end' only
// once after all data was consumed.
'use strict';
var stream = require('stream');
var log = console.log;

var steps = [
  function (next) {
    var src = ['a', 'b', 'c'];
    var r = new stream.Readable({
      read: function () {
        var self = this;
        setImmediate(function () { self.push(src.length ? src.shift() : null); });
      }
    });
    var ends = 0;
    r.on('end', function () { ends++; log('end #' + ends); });
    r.on('close', function () { log('close, ends', ends); next(); });
    (function cycle() {
      r.once('readable', function () {
        var c = r.read();
        log('once readable ->', c === null ? null : String(c), 'flowing', r.readableFlowing);
        if (!r.readableEnded) cycle();
      });
    })();
  },
  function (next) {
    var r = new stream.Readable({ read: function () {} });
    r.on('readable', function () { log('readable fired, len', r.readableLength); });
    r.on('data', function (d) { log('data', String(d)); });
    log('flowing with both', r.readableFlowing);
    r.push('x');
    setImmediate(function () {
      log('buffered, not flowing', r.readableLength);
      r.removeAllListeners('readable');
      setImmediate(function () {
        log('after removing readable: flowing', r.readableFlowing, 'len', r.readableLength);
        r.push(null);
        r.on('end', function () { log('end'); next(); });
      });
    });
  },
  function (next) {
    // read() beyond what is there returns null, 'readable' comes back
    var r = new stream.Readable({ highWaterMark: 4, read: function () {} });
    var count = 0;
    r.on('readable', function () {
      count++;
      log('readable #' + count, 'read(6) ->', String(r.read(6)), 'len', r.readableLength);
      if (count === 3) r.push(null);
    });
    r.on('end', function () { log('end after', count); next(); });
    r.push('abc');
    setImmediate(function () {
      r.push('def');
      setImmediate(function () { r.push('ghi'); });
    });
  },
  function (next) {
    // pause() then a 'data' listener does not start flowing; resume() does
    var r = new stream.Readable({ objectMode: true, read: function () {} });
    r.pause();
    r.on('data', function (d) { log('data', d); });
    r.push(1);
    setImmediate(function () {
      log('paused, len', r.readableLength, 'isPaused', r.isPaused());
      r.resume();
      r.push(2);
      r.push(null);
      r.on('end', function () { log('end'); next(); });
    });
  },
  function (next) {
    // push from "I/O" (not inside _read) while flowing: data is emitted at once
    var r = new stream.Readable({ read: function () {} });
    var order = [];
    r.on('data', function (d) { order.push('data:' + d); });
    setImmediate(function () {
      order.push('before push');
      r.push('io');
      order.push('after push');
      setImmediate(function () { log(order.join(' ')); next(); });
    });
  }
];

(function run(i) {
  if (i < steps.length) {
    log('--- step', i);
    steps[i](function () { run(i + 1); });
  }
})(0);
