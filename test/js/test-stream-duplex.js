// Duplex: independent sides; allowHalfOpen true (default) keeps the
// writable side open after 'end', false ends it; 'finish'/'end'/'close'
// ordering; readable:false / writable:false options; instanceof.
'use strict';
var stream = require('stream');
var log = console.log;

function mk(name, opts) {
  opts = opts || {};
  opts.read = opts.read || function () {};
  opts.write = function (c, e, cb) { log(name, '_write', String(c)); cb(); };
  opts.final = function (cb) { log(name, '_final'); cb(); };
  var d = new stream.Duplex(opts);
  ['end', 'finish', 'close', 'prefinish'].forEach(function (ev) {
    d.on(ev, function () {
      log(name, ev, 'readable', d.readable, 'writable', d.writable, 'destroyed', d.destroyed);
    });
  });
  d.on('error', function (e) { log(name, 'error', e.code || e.message); });
  return d;
}

var a = mk('a');
log('a allowHalfOpen', a.allowHalfOpen, 'instanceof Writable', a instanceof stream.Writable,
  'instanceof Readable', a instanceof stream.Readable);
a.on('data', function (x) { log('a data', String(x)); });
a.push('r1');
a.push(null);
setImmediate(function () {
  log('a after end: writable', a.writable, 'destroyed', a.destroyed);
  a.write('w1');
  a.end();
});

setImmediate(function () {
  var b = mk('b', { allowHalfOpen: false });
  b.on('data', function (x) { log('b data', String(x)); });
  b.push('r1');
  b.push(null);
});

setImmediate(function () {
  setImmediate(function () {
    var c = mk('c', { readable: false });
    log('c readable', c.readable, 'readableEnded', c.readableEnded);
    c.end('only write');
  });
});

setImmediate(function () {
  setImmediate(function () {
    setImmediate(function () {
      var d = mk('d', { writable: false });
      log('d writable', d.writable, 'writableFinished', d.writableFinished);
      d.on('data', function (x) { log('d data', String(x)); });
      d.push('only read');
      d.push(null);
      var e = mk('e');
      e.end('first the writable side');
      e.on('finish', function () {
        e.on('data', function (x) { log('e data', String(x)); });
        e.push('then readable');
        e.push(null);
      });
    });
  });
});

// Duplex() without new, and destroy() destroys both sides
var f = stream.Duplex({ read: function () {}, write: function (c, e, cb) { cb(); } });
f.on('close', function () { log('f close', f.destroyed, f._readableState.destroyed, f._writableState.destroyed); });
f.destroy();
