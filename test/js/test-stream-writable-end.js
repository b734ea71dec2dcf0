// end(): end(chunk, encoding, cb) forms, 'finish' then 'close', write
// after end -> ERR_STREAM_WRITE_AFTER_END (async, to the callback and as
// 'error'), end() twice, end() callback after finish, end after destroy.
'use strict';
var Writable = require('stream').Writable;
var log = console.log;

function mk(name, opts) {
  opts = opts || {};
  opts.write = function (c, e, cb) { log(name, '_write', String(c), e); cb(); };
  var w = new Writable(opts);
  ['prefinish', 'finish', 'close'].forEach(function (ev) {
    w.on(ev, function () { log(name, ev); });
  });
  w.on('error', function (e) { log(name, 'error', e.code, e.message); });
  return w;
}

var a = mk('a');
a.end('last', 'latin1', function (err) { log('a end cb', err && err.code); });
log('a sync: ended', a.writableEnded, 'finished', a.writableFinished);
var ret = a.write('more', function (err) { log('a write-after-end cb', err.code); });
log('a write after end returns', ret);
process.nextTick(function () { log('a tick'); });

var b = mk('b', { decodeStrings: false });
b.end(function () { log('b end cb (function only)'); });

var c = mk('c');
c.end('x');
c.on('finish', function () {
  c.end(function (err) { log('c end after finish cb', err && err.code); });
});

var d = mk('d');
d.end();
d.end(function (err) { log('d second end cb', err && err.code); });

var e = mk('e');
e.destroy();
e.end(function (err) { log('e end after destroy cb', err && err.code); });

var f = mk('f', { objectMode: true });
f.end(0);

// end(null) is like end()
var g = mk('g');
g.end(null, function () { log('g end(null) cb'); });

// end cb with an error during write
var h = new Writable({ write: function (c, e, cb) { cb(new Error('write failed')); } });
h.on('error', function (err) { log('h error', err.message); });
h.on('close', function () { log('h close'); });
h.end('data', function (err) { log('h end cb', err && err.message); });
