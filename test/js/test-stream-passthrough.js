// PassThrough: chunks unchanged, write()/read() interplay, highWaterMark
// accounting on both sides, end order, objectMode, setEncoding.
'use strict';
var stream = require('stream');
var log = console.log;

var p = new stream.PassThrough();
log('write', p.write('hello '), p.write(Buffer.from('world')));
log('readableLength', p.readableLength, 'writableLength', p.writableLength);
log('read', String(p.read()));
p.end('!');
p.on('readable', function () {
  var c;
  while ((c = p.read()) !== null) log('readable read', String(c));
});
['finish', 'end', 'close'].forEach(function (ev) { p.on(ev, function () { log('p', ev); }); });

var q = new stream.PassThrough({ highWaterMark: 4 });
var rets = [];
for (var i = 0; i < 5; i++) rets.push(q.write('ab'));
log('q write rets', rets.join(','), 'rlen', q.readableLength, 'wlen', q.writableLength,
  'needDrain', q.writableNeedDrain);
q.on('drain', function () { log('q drain'); });
q.setEncoding('utf8');
q.on('data', function (d) { log('q data', JSON.stringify(d)); });
q.end();
q.on('end', function () { log('q end'); });

var o = stream.PassThrough({ objectMode: true });
o.on('data', function (d) { log('o data', JSON.stringify(d)); });
o.write({ k: 1 });
o.write([2]);
o.end();
log('instanceof Transform', o instanceof stream.Transform, 'Duplex', o instanceof stream.Duplex);
