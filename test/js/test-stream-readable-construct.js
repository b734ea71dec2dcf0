// _construct / construct option: _read, _write and _final wait for it; a
// construct error destroys the stream; destroy() during construction
// waits for it to finish.
'use strict';
var stream = require('stream');
var log = console.log;

var r = new stream.Readable({
  construct: function (cb) {
    log('construct');
    setImmediate(function () { log('construct done'); cb(); });
  },
  read: function () {
    log('_read');
    this.push('data');
    this.push(null);
  }
});
r.on('data', function (d) { log('data', String(d)); });
r.on('end', function () { log('end'); });
r.on('close', function () { log('close'); });
log('sync after new');

var w = new stream.Writable({
  construct: function (cb) {
    log('w construct');
    process.nextTick(cb);
  },
  write: function (c, e, cb) { log('w _write', String(c)); cb(); },
  final: function (cb) { log('w _final'); cb(); }
});
log('w write ret', w.write('one'), 'len', w.writableLength);
w.end('two');
w.on('finish', function () { log('w finish'); });
w.on('close', function () { log('w close'); });

var bad = new stream.Readable({
  construct: function (cb) { cb(new Error('construct failed')); },
  read: function () { log('bad _read (no)'); }
});
bad.on('error', function (e) { log('bad error', e.message); });
bad.on('close', function () { log('bad close'); });
bad.resume();

var early = new stream.Duplex({
  construct: function (cb) {
    log('early construct');
    setImmediate(function () { log('early construct done'); cb(); });
  },
  read: function () {},
  write: function (c, e, cb) { cb(); },
  destroy: function (err, cb) { log('early _destroy', err && err.message); cb(err); }
});
early.on('error', function (e) { log('early error', e.message); });
early.on('close', function () { log('early close'); });
early.destroy(new Error('too early'));
log('early destroyed', early.destroyed);
