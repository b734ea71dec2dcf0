// Readable misuse errors: push after EOF, invalid chunk types, _read not
// implemented, errors thrown from _read, invalid highWaterMark, errors
// emitted once.
'use strict';
var Readable = require('stream').Readable;
var log = console.log;

function show(tag, e) {
  log(tag, e.name, e.code, e.message);
}

var a = new Readable({ read: function () {} });
a.on('error', function (e) { show('a error', e); });
a.on('close', function () { log('a close'); });
a.push('x');
a.push(null);
log('push after EOF ret', a.push('y'));

var b = new Readable({ read: function () {} });
b.on('error', function (e) { show('b error', e); });
log('push number ret', b.push(42));

var c = new Readable();
c.on('error', function (e) { show('c error', e); });
c.read();

var d = new Readable({ read: function () { throw new Error('read threw'); } });
d.on('error', function (e) { show('d error', e); });
d.on('close', function () { log('d close'); });
d.resume();

try {
  new Readable({ highWaterMark: -1 });
} catch (e) {
  show('hwm -1', e);
}
try {
  new Readable({ highWaterMark: 1.5 });
} catch (e) {
  show('hwm 1.5', e);
}
try {
  new Readable({ objectMode: false, highWaterMark: 'x' });
} catch (e) {
  show('hwm x', e);
}

// error emitted once even when reported twice
var e2 = new Readable({ read: function () {}, autoDestroy: false });
var count = 0;
e2.on('error', function (e) { count++; show('e2 error', e); });
e2.push(null);
e2.push('a');
e2.push('b');
setImmediate(function () {
  log('e2 error count', count, 'destroyed', e2.destroyed, 'errored', e2.errored && e2.errored.code);
});

// undefined pushes are ignored, empty string too
var f = new Readable({ read: function () {} });
log('push undefined', f.push(undefined), 'push empty', f.push(''), 'len', f.readableLength);

// no 'error' listener: the error is thrown to the process
process.on('uncaughtException', function (e) {
  show('uncaught', e);
});
var h = new Readable({ read: function () {} });
h.destroy(new Error('unhandled'));
