// Readable destroy paths: destroy(err) -> 'error' then 'close' (async),
// destroy() -> 'close' only, destroyed/errored/closed flags, push after
// destroy, custom _destroy (sync, async, replacing the error), emitClose
// false, autoDestroy false, destroy twice.
'use strict';
var Readable = require('stream').Readable;
var log = console.log;

function watch(name, s) {
  ['error', 'close', 'end', 'data'].forEach(function (ev) {
    s.on(ev, function (x) {
      log(name, ev, ev === 'error' ? x.message : '', 'destroyed', s.destroyed,
        'closed', s.closed, 'errored', s.errored ? s.errored.message : s.errored);
    });
  });
}

var a = new Readable({ read: function () {} });
watch('a', a);
var ret = a.destroy(new Error('boom'));
log('a destroy returns this', ret === a, 'destroyed', a.destroyed, 'closed', a.closed,
  'errored', a.errored && a.errored.message);
log('a push after destroy', a.push('x'));
a.destroy(new Error('second')); // ignored
process.nextTick(function () { log('a tick'); });

var b = new Readable({ read: function () {} });
watch('b', b);
b.push('pending');
b.destroy();
log('b readable', b.readable, 'readableAborted', b.readableAborted);

var c = new Readable({
  read: function () {},
  destroy: function (err, cb) {
    log('c _destroy', err && err.message);
    setImmediate(function () { cb(new Error('replaced')); });
  }
});
watch('c', c);
c.destroy(new Error('orig'), function (err) { log('c destroy cb', err && err.message); });

var d = new Readable({ read: function () {}, emitClose: false });
watch('d', d);
d.destroy();

var e = new Readable({ read: function () {}, autoDestroy: false });
watch('e', e);
e.push('x');
e.push(null);
e.resume();
setImmediate(function () {
  log('e after end destroyed', e.destroyed);
  e.destroy();
});

// destroy during 'data'
var f = new Readable({ objectMode: true, read: function () {} });
f.on('data', function (x) {
  log('f data', x);
  if (x === 2) f.destroy();
});
f.on('close', function () { log('f close'); });
f.on('end', function () { log('f end (should not happen)'); });
[1, 2, 3, 4].forEach(function (x) { f.push(x); });

// an error thrown by _destroy
var g = new Readable({
  read: function () {},
  destroy: function () { throw new Error('thrown in _destroy'); }
});
watch('g', g);
g.destroy();
