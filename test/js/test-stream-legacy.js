// The legacy Stream base class (EventEmitter + simple pipe) and
// Readable.prototype.wrap() over an old-style stream; the module's shape.
'use strict';
var stream = require('stream');
var EventEmitter = require('events');
var log = console.log;

log('module is Stream', typeof stream, stream === stream.Stream);
log('Stream is EventEmitter', new stream.Stream() instanceof EventEmitter);
log('Readable extends Stream', new stream.Readable() instanceof stream.Stream);
['Readable', 'Writable', 'Duplex', 'Transform', 'PassThrough', 'pipeline', 'finished',
  'isReadable', 'isErrored', 'isDisturbed', 'destroy'].forEach(function (k) {
  log(k, typeof stream[k]);
});
log('default hwm', stream.getDefaultHighWaterMark(false), stream.getDefaultHighWaterMark(true));

// an old-style source: emits data/end, has pause/resume
var old = new stream.Stream();
old.readable = true;
old.paused = 0;
old.pause = function () { old.paused++; log('old pause'); };
old.resume = function () { log('old resume'); };

var dest = new stream.Writable({
  highWaterMark: 2,
  write: function (c, e, cb) { log('dest got', String(c)); setImmediate(cb); }
});
dest.on('finish', function () { log('dest finish'); });
old.pipe(dest);
old.emit('data', 'ab');
old.emit('data', 'cd');
old.emit('end');

// Readable.wrap over an old stream
var old2 = new stream.Stream();
old2.pause = function () { log('old2 pause'); };
old2.resume = function () { log('old2 resume'); };
var wrapped = new stream.Readable({ highWaterMark: 3 }).wrap(old2);
wrapped.setEncoding('utf8');
wrapped.on('data', function (d) { log('wrapped data', d); });
wrapped.on('end', function () { log('wrapped end'); });
wrapped.on('close', function () { log('wrapped close'); });
old2.emit('data', Buffer.from('12345'));
old2.emit('data', Buffer.from('678'));
setImmediate(function () { old2.emit('end'); });

// legacy pipe with an error on the source: cleanup + rethrow if unhandled
var s3 = new stream.Stream();
var d3 = new stream.PassThrough();
s3.pipe(d3);
s3.on('error', function (e) { log('s3 error handled', e.message); });
s3.emit('error', new Error('legacy error'));
log('s3 data listeners after error', s3.listenerCount('data'));
