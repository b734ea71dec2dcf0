// require('stream/promises') and stream.promises: pipeline() and
// finished() returning Promises that resolve or reject like the callback
// forms; util.promisify(stream.pipeline) gives the same function.
'use strict';
var stream = require('stream');
var sp = require('stream/promises');
var log = console.log;

log('same object', stream.promises === sp, typeof sp.pipeline, typeof sp.finished);

function src(items) {
  return new stream.Readable({
    objectMode: true,
    read: function () { this.push(items.length ? items.shift() : null); }
  });
}

var out = [];
var sink = new stream.Writable({ objectMode: true, write: function (c, e, cb) { out.push(c); cb(); } });
sp.pipeline(src([1, 2, 3]), sink).then(function (v) {
  log('pipeline resolved', v, out.join(','));
  var bad = new stream.Transform({
    objectMode: true,
    transform: function (c, e, cb) { cb(new Error('nope ' + c)); }
  });
  return sp.pipeline(src(['a']), bad, new stream.PassThrough({ objectMode: true }));
}).then(function () {
  log('should not resolve');
}, function (err) {
  log('pipeline rejected', err.message);
  var r = src(['x']);
  r.resume();
  return sp.finished(r);
}).then(function (v) {
  log('finished resolved', v);
  var r2 = src([]);
  var p = sp.finished(r2);
  r2.destroy();
  return p;
}).then(function () {
  log('should not resolve');
}, function (err) {
  log('finished rejected', err.code);
  // options object as the last argument: end: false leaves the sink open
  var w = new stream.PassThrough({ objectMode: true });
  return sp.pipeline(src(['q']), w, { end: false }).then(function () {
    log('end:false -> writableEnded', w.writableEnded);
  });
}).then(function () {
  var util = require('util');
  log('promisify(pipeline) is promises.pipeline', util.promisify(stream.pipeline) === sp.pipeline);
  log('promisify(finished) is promises.finished', util.promisify(stream.finished) === sp.finished);
});
