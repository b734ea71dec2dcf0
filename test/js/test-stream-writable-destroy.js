// Writable destroy paths: destroy(err) -> 'error' then 'close'; buffered
// write callbacks get the error (or ERR_STREAM_DESTROYED); write after
// destroy; destroy in _write; destroy before finish; flags.
'use strict';
var Writable = require('stream').Writable;
var log = console.log;

function watch(name, w) {
  ['error', 'close', 'finish'].forEach(function (ev) {
    w.on(ev, function (e) {
      log(name, ev, ev === 'error' ? e.code || e.message : '', 'destroyed', w.destroyed,
        'closed', w.closed, 'writable', w.writable);
    });
  });
}

var pend = [];
var a = new Writable({ write: function (c, e, cb) { pend.push(cb); } });
watch('a', a);
a.write('1', function (err) { log('a cb1', err && err.message); });
a.write('2', function (err) { log('a cb2', err && (err.code || err.message)); });
a.end(function (err) { log('a end cb', err && (err.code || err.message)); });
a.destroy(new Error('kaboom'));
log('a destroyed', a.destroyed, 'errored', a.errored && a.errored.message, 'len', a.writableLength);

var b = new Writable({ write: function (c, e, cb) { pend.push(cb); } });
watch('b', b);
b.write('1');
b.write('2', function (err) { log('b cb2', err && err.code); });
b.destroy();
b.write('3', function (err) { log('b write after destroy cb', err.code); });

var c = new Writable({
  write: function (chunk, enc, cb) {
    this.destroy(new Error('destroyed in _write'));
    cb();
  }
});
watch('c', c);
c.write('x', function (err) { log('c cb', err && err.message); });

var d = new Writable({
  write: function (c, e, cb) { cb(); },
  destroy: function (err, cb) {
    log('d _destroy', err);
    setImmediate(cb);
  }
});
watch('d', d);
d.write('x');
d.destroy(null, function (err) { log('d destroy cb', err); });

var e = new Writable({ write: function (c, e2, cb) { cb(); }, emitClose: false });
watch('e', e);
e.destroy(new Error('no close'));

log('aborted before', new Writable().writableAborted);
var f = new Writable({ write: function (c, e2, cb) { cb(); } });
f.on('error', function () {});
f.destroy(new Error('x'));
log('aborted after', f.writableAborted);
