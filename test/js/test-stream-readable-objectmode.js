// objectMode counts objects: default highWaterMark 16, push() false at the
// mark, read() returns one object whatever n is, falsy values pass.
'use strict';
var stream = require('stream');
var log = console.log;

var r = new stream.Readable({ objectMode: true, read: function () {} });
log('hwm', r.readableHighWaterMark, 'objectMode', r.readableObjectMode);
var rets = [];
for (var i = 0; i < 18; i++) rets.push(r.push({ i: i }));
log('push rets', rets.join(','));
log('length', r.readableLength);
log('read(5)', JSON.stringify(r.read(5)), 'length', r.readableLength);
log('read()', JSON.stringify(r.read()), 'length', r.readableLength);

var r2 = new stream.Readable({ objectMode: true, highWaterMark: 2, read: function () {} });
var vals = [0, false, '', 'x', [], 12.5];
vals.forEach(function (v) { log('push', JSON.stringify(v), r2.push(v), r2.readableLength); });
r2.push(null);
var seen = [];
r2.on('data', function (d) { seen.push(JSON.stringify(d)); });
r2.on('end', function () { log('seen', seen.join(' ')); });

// readableObjectMode on a Duplex side
var d = new stream.Duplex({ readableObjectMode: true, read: function () {}, write: function (c, e, cb) { cb(); } });
log('duplex readableObjectMode', d.readableObjectMode, 'writableObjectMode', d.writableObjectMode,
  'rhwm', d.readableHighWaterMark, 'whwm', d.writableHighWaterMark);

// a Transform in objectMode
var t = new stream.Transform({
  objectMode: true,
  transform: function (obj, enc, cb) { cb(null, { doubled: obj.v * 2 }); }
});
t.on('data', function (o) { log('transformed', JSON.stringify(o)); });
t.write({ v: 1 });
t.write({ v: 21 });
t.end();
t.on('finish', function () { log('t finish'); });
t.on('end', function () { log('t end'); });
