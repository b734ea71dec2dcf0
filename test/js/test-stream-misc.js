// Assorted accessors and helpers: isReadable/isErrored/isDisturbed,
// readableDidRead, readableAborted, errored, closed, writableBuffer,
// readableBuffer, setDefaultHighWaterMark, destroy(), Readable() without
// new, _readableState fields used by other modules.
'use strict';
var stream = require('stream');
var log = console.log;

var r = new stream.Readable({ read: function () {} });
log('isReadable', stream.isReadable(r), 'isErrored', stream.isErrored(r),
  'isDisturbed', stream.isDisturbed(r), 'didRead', r.readableDidRead);
r.push('abc');
log('read', String(r.read(1)), 'isDisturbed', stream.isDisturbed(r), 'didRead', r.readableDidRead);
r.on('error', function () {});
r.destroy(new Error('x'));
log('after destroy: isReadable', stream.isReadable(r), 'isErrored', stream.isErrored(r),
  'aborted', r.readableAborted, 'errored', r.errored.message);

var w = new stream.Writable({ write: function (c, e, cb) {} });
log('isWritable', stream.isWritable(w));
w.write('a');
w.write('b');
w.write('c');
log('writableBuffer', w.writableBuffer.length, 'bufferedRequestCount', w._writableState.bufferedRequestCount);
w.end();
log('isWritable after end', stream.isWritable(w));

var r2 = stream.Readable({ read: function () {} });
r2.push('x');
r2.push('y');
log('without new', r2 instanceof stream.Readable, 'readableBuffer', r2.readableBuffer.length,
  'pipesCount', r2._readableState.pipesCount);

// stream.destroy(): unfinished streams get an AbortError
var r3 = new stream.Readable({ read: function () {} });
r3.on('error', function (e) { log('r3 error', e.name, e.code); });
r3.on('close', function () { log('r3 close'); });
stream.destroy(r3);

var old = stream.getDefaultHighWaterMark(false);
stream.setDefaultHighWaterMark(false, 1024);
log('custom default hwm', new stream.Readable().readableHighWaterMark, new stream.Writable().writableHighWaterMark);
stream.setDefaultHighWaterMark(false, old);
log('restored', new stream.Readable().readableHighWaterMark);
try {
  stream.setDefaultHighWaterMark(false, -1);
} catch (e) {
  log('bad default', e.code);
}

// readableFlowing setter, readableEnded, closed
var r4 = new stream.Readable({ read: function () {} });
r4.readableFlowing = false;
r4.on('data', function () {});
log('flowing stays false with data listener', r4.readableFlowing);
r4.push(null);
r4.resume();
r4.on('end', function () { log('r4 ended', r4.readableEnded, 'closed', r4.closed); });
r4.on('close', function () { log('r4 closed', r4.closed); });

// highWaterMark per side of a Duplex
var d = new stream.Duplex({ readableHighWaterMark: 5, writableHighWaterMark: 7, read: function () {}, write: function () {} });
log('duplex hwm', d.readableHighWaterMark, d.writableHighWaterMark);
var d2 = new stream.Duplex({ highWaterMark: 3, readableHighWaterMark: 5 });
log('highWaterMark wins', d2.readableHighWaterMark, d2.writableHighWaterMark);
