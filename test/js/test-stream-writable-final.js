// _final: runs once after the last write completes and before 'finish';
// async final; final error -> 'error', no 'finish'; final throwing;
// final callback called twice.
'use strict';
var Writable = require('stream').Writable;
var log = console.log;

function mk(name, final) {
  var w = new Writable({
    write: function (c, e, cb) { log(name, '_write', String(c)); setImmediate(cb); },
    final: final
  });
  ['prefinish', 'finish', 'close'].forEach(function (ev) {
    w.on(ev, function () { log(name, ev, 'finished', w.writableFinished); });
  });
  w.on('error', function (e) { log(name, 'error', e.code || '', e.message); });
  return w;
}

var a = mk('a', function (cb) {
  log('a _final, len', this.writableLength);
  setImmediate(function () { log('a final done'); cb(); });
});
a.write('1');
a.end('2', function (err) { log('a end cb', err); });

var b = mk('b', function (cb) { cb(new Error('final failed')); });
b.end('x', function (err) { log('b end cb', err && err.message); });

var c = mk('c', function () { throw new Error('final threw'); });
c.end();

var d = mk('d', function (cb) { cb(); cb(); });
d.end();

var e = mk('e', function (cb) { log('e _final sync'); cb(); });
e.end();
process.nextTick(function () { log('e tick after end'); });
