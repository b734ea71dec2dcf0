// pipe(): 'pipe'/'unpipe' events, event order source end -> dest finish
// -> closes, {end: false}, unpipe() stops the flow and pauses, piping to
// two destinations, pipe returns dest (chaining), dest error unpipes.
'use strict';
var stream = require('stream');
var log = console.log;

function src(name, chunks) {
  var r = new stream.Readable({
    read: function () { this.push(chunks.length ? chunks.shift() : null); }
  });
  ['end', 'close', 'pause', 'resume'].forEach(function (ev) {
    r.on(ev, function () { log(name, ev); });
  });
  return r;
}

function sink(name, opts) {
  opts = opts || {};
  var got = [];
  opts.write = function (c, e, cb) { got.push(String(c)); cb(); };
  var w = new stream.Writable(opts);
  w.got = got;
  ['pipe', 'unpipe', 'finish', 'close'].forEach(function (ev) {
    w.on(ev, function (s) { log(name, ev, ev === 'pipe' || ev === 'unpipe' ? typeof s : '', ev === 'finish' ? got.join('') : ''); });
  });
  return w;
}

var steps = [
  function (next) {
    var r = src('r1', ['a', 'b', 'c']);
    var w = sink('w1');
    log('pipe returns dest', r.pipe(w) === w, 'flowing', r.readableFlowing);
    w.on('close', next);
  },
  function (next) {
    var r = src('r2', ['x', 'y']);
    var w = sink('w2');
    r.pipe(w, { end: false });
    r.on('end', function () {
      setImmediate(function () {
        log('w2 ended?', w.writableEnded, 'got', w.got.join(''));
        w.end('z');
        w.on('close', next);
      });
    });
  },
  function (next) {
    var chunks = [];
    for (var i = 0; i < 5; i++) chunks.push('c' + i);
    var r = new stream.Readable({ objectMode: true, read: function () {} });
    var w = sink('w3', { objectMode: true });
    r.pipe(w);
    r.push('first');
    setImmediate(function () {
      r.unpipe(w);
      log('after unpipe flowing', r.readableFlowing, 'pipes', r._readableState.pipes.length);
      r.push('second');
      setImmediate(function () {
        log('w3 got', w.got.join(','), 'buffered in r', r.readableLength);
        next();
      });
    });
  },
  function (next) {
    var r = src('r4', ['1', '2', '3']);
    var w1 = sink('w4a');
    var w2 = sink('w4b');
    r.pipe(w1);
    r.pipe(w2);
    var n = 0;
    function done() { if (++n === 2) next(); }
    w1.on('close', done);
    w2.on('close', done);
  },
  function (next) {
    // chaining through transforms
    var r = src('r5', ['h', 'i']);
    var t = new stream.Transform({
      transform: function (c, e, cb) { cb(null, String(c).toUpperCase()); }
    });
    var w = sink('w5');
    r.pipe(t).pipe(w);
    w.on('close', next);
  },
  function (next) {
    // destination error: unpiped, error still reaches the user
    var r = new stream.Readable({ read: function () {} });
    var w = new stream.Writable({
      write: function (c, e, cb) { cb(new Error('dest broke')); }
    });
    w.on('unpipe', function () { log('w6 unpipe'); });
    w.on('error', function (e) { log('w6 error', e.message, 'pipes', r._readableState.pipes.length); });
    w.on('close', function () {
      log('w6 close; src flowing', r.readableFlowing, 'destroyed', r.destroyed);
      next();
    });
    r.pipe(w);
    r.push('data');
  },
  function (next) {
    // piping an already ended source ends the destination
    var r = new stream.Readable({ read: function () {} });
    r.push(null);
    r.resume();
    r.on('end', function () {
      var w = sink('w7');
      r.pipe(w);
      w.on('finish', next);
    });
  },
  function (next) {
    // unpipe() with no argument removes all
    var r = new stream.Readable({ read: function () {} });
    var w1 = sink('w8a');
    var w2 = sink('w8b');
    r.pipe(w1);
    r.pipe(w2);
    r.unpipe();
    log('pipes after unpipe()', r._readableState.pipes.length, 'flowing', r.readableFlowing);
    next();
  }
];

(function run(i) {
  if (i < steps.length) {
    log('--- step', i);
    steps[i](function () { run(i + 1); });
  }
})(0);
