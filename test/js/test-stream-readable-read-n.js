// read(n) semantics: exact sizes across chunk boundaries, n larger than
// the buffer (null until ended), n above highWaterMark raises it to the
// next power of two, read past the end, non-integer n.
'use strict';
var Readable = require('stream').Readable;
var log = console.log;

var r = new Readable({ highWaterMark: 8, read: function () {} });
r.push('abc');
r.push('defg');
r.push('hi');
log('len', r.readableLength);
log('read(2)', String(r.read(2)), r.readableLength);
log('read(3) spans chunks', String(r.read(3)), r.readableLength);
log('read(10) not enough -> ', r.read(10), 'hwm now', r.readableHighWaterMark);
log('read(100) ->', r.read(100), 'hwm now', r.readableHighWaterMark);
log('read("2")', String(r.read('2')), r.readableLength);
log('read(1.7)', String(r.read(1.7)), r.readableLength);
r.push('jklmn');
r.push(null);
log('after end read(100)', String(r.read(100)), r.readableLength);
log('read() after drain', r.read());
r.on('end', function () { log('end emitted'); });

// read() returns Buffers; one chunk or a concatenation
var r2 = new Readable({ read: function () {} });
r2.push(Buffer.from([1, 2]));
r2.push(Buffer.from([3]));
var b = r2.read();
log('isBuffer', Buffer.isBuffer(b), 'bytes', Array.prototype.slice.call(b).join(','));
r2.push(Buffer.from([4, 5, 6]));
var c = r2.read(2);
log('read(2) bytes', Array.prototype.slice.call(c).join(','), 'left', r2.readableLength);

// reading too much in one go: hwm limit
var r3 = new Readable({ read: function () {} });
try {
  r3.read(0x40000001);
} catch (e) {
  log('big read', e.code, e.name);
}

// read(n) with a 'readable' loop and an async source
var parts = ['aaaa', 'bbbb', 'cccc'];
var r4 = new Readable({
  highWaterMark: 2,
  read: function () {
    var self = this;
    setImmediate(function () { self.push(parts.length ? parts.shift() : null); });
  }
});
r4.on('readable', function () {
  var c4;
  while ((c4 = r4.read(3)) !== null) log('r4 read(3)', String(c4));
});
r4.on('end', function () { log('r4 end'); });
