// stream.finished (end-of-stream): called after 'end' / 'finish' (and
// after 'close' when the stream emits one), with the error on failure,
// ERR_STREAM_PREMATURE_CLOSE on a close before the end, for streams that
// are already done, with {readable:false}/{writable:false}, cleanup().
'use strict';
var stream = require('stream');
var log = console.log;

var steps = [
  function (next) {
    var r = new stream.Readable({ read: function () {} });
    r.on('end', function () { log('r end'); });
    r.on('close', function () { log('r close'); });
    stream.finished(r, function (err) {
      log('finished(r)', err, 'this is r', this === r);
      next();
    });
    r.push('x');
    r.push(null);
    r.resume();
  },
  function (next) {
    var w = new stream.Writable({ write: function (c, e, cb) { cb(); } });
    w.on('finish', function () { log('w finish'); });
    w.on('close', function () { log('w close'); });
    stream.finished(w, function (err) { log('finished(w)', err); next(); });
    w.end('x');
  },
  function (next) {
    var r = new stream.Readable({ read: function () {} });
    stream.finished(r, function (err) { log('premature', err && err.code, err && err.message); next(); });
    r.destroy();
  },
  function (next) {
    var r = new stream.Readable({ read: function () {} });
    stream.finished(r, function (err) { log('errored', err && err.message); next(); });
    r.on('error', function () {});
    r.destroy(new Error('bad thing'));
  },
  function (next) {
    // emitClose false / autoDestroy false: called at 'end'
    var r = new stream.Readable({ read: function () {}, autoDestroy: false });
    stream.finished(r, function (err) { log('no autoDestroy', err, 'destroyed', r.destroyed); next(); });
    r.push(null);
    r.resume();
  },
  function (next) {
    // already finished stream: callback on next tick
    var w = new stream.Writable({ write: function (c, e, cb) { cb(); } });
    w.end();
    w.on('close', function () {
      var sync = true;
      stream.finished(w, function (err) { log('already done', err, 'async', !sync); next(); });
      sync = false;
    });
  },
  function (next) {
    // Duplex: waits for both sides unless told otherwise
    var d = new stream.Duplex({ read: function () {}, write: function (c, e, cb) { cb(); } });
    stream.finished(d, { readable: false }, function (err) { log('duplex writable side', err); });
    stream.finished(d, function (err) { log('duplex both sides', err); next(); });
    d.end();
    setImmediate(function () {
      log('duplex: readable side still open');
      d.push(null);
      d.resume();
    });
  },
  function (next) {
    // cleanup removes the listeners
    var r = new stream.Readable({ read: function () {} });
    var before = r.listenerCount('end') + r.listenerCount('close') + r.listenerCount('error');
    var cleanup = stream.finished(r, function () { log('should not be called'); });
    var during = r.listenerCount('end') + r.listenerCount('close') + r.listenerCount('error');
    cleanup();
    var after = r.listenerCount('end') + r.listenerCount('close') + r.listenerCount('error');
    log('listeners', before, during, after);
    r.destroy();
    setImmediate(next);
  },
  function (next) {
    // error: false ignores errors until close
    var w = new stream.Writable({ write: function (c, e, cb) { cb(new Error('w failed')); } });
    w.on('error', function (e) { log('w error event', e.message); });
    stream.finished(w, { error: false }, function (err) { log('error:false ->', err && err.message); next(); });
    w.write('x');
  },
  function (next) {
    try {
      stream.finished({}, function () {});
    } catch (e) {
      log('not a stream', e.code);
    }
    try {
      stream.finished(new stream.PassThrough());
    } catch (e) {
      log('no callback', e.code);
    }
    next();
  }
];

(function run(i) {
  if (i < steps.length) {
    log('--- step', i);
    steps[i](function () { run(i + 1); });
  }
})(0);
