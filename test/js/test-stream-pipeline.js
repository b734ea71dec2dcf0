// stream.pipeline(): success (callback once, after finish), failure in
// the middle (every stream destroyed, callback gets that error), a
// premature close, a failing source, an array of streams, return value,
// missing callback / too few streams.
'use strict';
var stream = require('stream');
var log = console.log;

function source(name, items, failAt) {
  var i = 0;
  var r = new stream.Readable({
    objectMode: true,
    read: function () {
      if (failAt !== undefined && i === failAt) {
        this.destroy(new Error(name + ' failed'));
        return;
      }
      this.push(i < items.length ? items[i++] : null);
    }
  });
  r.on('close', function () { log(name, 'close', 'destroyed', r.destroyed); });
  return r;
}

function upper(name, fail) {
  var t = new stream.Transform({
    objectMode: true,
    transform: function (c, e, cb) {
      if (fail && c === fail) cb(new Error(name + ' cannot handle ' + c));
      else cb(null, String(c).toUpperCase());
    }
  });
  t.on('close', function () { log(name, 'close', 'destroyed', t.destroyed); });
  return t;
}

function sink(name, out) {
  var w = new stream.Writable({
    objectMode: true,
    write: function (c, e, cb) { out.push(c); cb(); }
  });
  w.on('finish', function () { log(name, 'finish'); });
  w.on('close', function () { log(name, 'close', 'destroyed', w.destroyed); });
  return w;
}

var steps = [
  function (next) {
    var out = [];
    var ret = stream.pipeline(source('s1', ['a', 'b']), upper('t1'), sink('w1', out), function (err) {
      log('cb1 err', err, 'out', out.join(','));
      next();
    });
    log('pipeline returns last', ret instanceof stream.Writable);
  },
  function (next) {
    var out = [];
    stream.pipeline(source('s2', ['a', 'b', 'c']), upper('t2', 'b'), sink('w2', out), function (err) {
      log('cb2 err', err && err.message, 'out', out.join(','));
      next();
    });
  },
  function (next) {
    var out = [];
    stream.pipeline(source('s3', ['a', 'b', 'c'], 1), upper('t3'), sink('w3', out), function (err) {
      log('cb3 err', err && err.message, 'out', out.join(','));
      next();
    });
  },
  function (next) {
    // premature close of the destination
    var out = [];
    var s = source('s4', ['a', 'b', 'c', 'd']);
    var w = new stream.Writable({
      objectMode: true,
      highWaterMark: 1,
      write: function (c, e, cb) {
        out.push(c);
        if (c === 'b') { this.destroy(); return; }
        cb();
      }
    });
    stream.pipeline(s, w, function (err) {
      log('cb4 err', err && err.code, 'out', out.join(','));
      next();
    });
  },
  function (next) {
    var out = [];
    stream.pipeline([source('s5', [1, 2]), sink('w5', out)], function (err) {
      log('cb5 (array form) err', err, 'out', out.join(','));
      next();
    });
  },
  function (next) {
    try {
      stream.pipeline(source('s6', []), function () {});
    } catch (e) {
      log('one stream:', e.code);
    }
    try {
      stream.pipeline(source('s7', []), sink('w7', []));
    } catch (e) {
      log('no callback:', e.code);
    }
    setImmediate(next);
  },
  function (next) {
    // a source given as an array
    var out = [];
    stream.pipeline(['x', 'y', 'z'], upper('t8'), sink('w8', out), function (err) {
      log('cb8 err', err, 'out', out.join(','));
      next();
    });
  },
  function (next) {
    // byte streams and a Transform that flushes
    var r = new stream.Readable({ read: function () {} });
    r.push('hello ');
    r.push('world');
    r.push(null);
    var count = new stream.Transform({
      transform: function (c, e, cb) { this.n = (this.n || 0) + c.length; cb(null, c); },
      flush: function (cb) { cb(null, ' [' + this.n + ' bytes]'); }
    });
    var text = '';
    var w = new stream.Writable({ write: function (c, e, cb) { text += c; cb(); } });
    stream.pipeline(r, count, w, function (err) {
      log('cb9 err', err, 'text', text);
      next();
    });
  }
];

(function run(i) {
  if (i < steps.length) {
    log('--- step', i);
    steps[i](function () { run(i + 1); });
  }
})(0);
