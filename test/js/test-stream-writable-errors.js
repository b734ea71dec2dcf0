// Errors from _write: cb(err) -> write callback first, then 'error' and
// 'close'; the error is emitted once; later writes fail; write callback
// called twice -> ERR_MULTIPLE_CALLBACK; _write missing; pipe() from a
// Writable; autoDestroy false keeps the stream alive after an error.
'use strict';
var Writable = require('stream').Writable;
var log = console.log;

var a = new Writable({ write: function (c, e, cb) { cb(new Error('bad write ' + c)); } });
a.on('error', function (e) { log('a error', e.message, 'errored', a.errored && a.errored.message); });
a.on('close', function () { log('a close'); });
a.on('finish', function () { log('a finish (no)'); });
log('a write ret', a.write('1', function (err) { log('a cb1', err && err.message); }));
log('a write ret 2', a.write('2', function (err) { log('a cb2', err && (err.code || err.message)); }));

var b = new Writable({ write: function (c, e, cb) { cb(); cb(); } });
b.on('error', function (e) { log('b error', e.code, e.message); });
b.write('x');

var c = new Writable();
c.on('error', function (e) { log('c error', e.code, e.message); });
try {
  c.write('x');
} catch (e) {
  log('c write threw', e.code, e.message);
}

var d = new Writable({ write: function (ch, e, cb) { cb(); } });
d.on('error', function (e) { log('d error', e.code, e.message); });
d.pipe(new Writable());

var f = new Writable({
  autoDestroy: false,
  write: function (ch, e, cb) { setImmediate(cb, new Error('async failure')); }
});
f.on('error', function (e) { log('f error', e.message, 'destroyed', f.destroyed); });
f.on('close', function () { log('f close (no)'); });
f.write('x', function (err) { log('f cb', err.message); });
f.write('y', function (err) { log('f cb2', err.message); });
setImmediate(function () {
  setImmediate(function () {
    log('f writable', f.writable, 'destroyed', f.destroyed, 'errored', f.errored && f.errored.message);
  });
});
