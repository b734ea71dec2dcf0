// unshift(): data goes back to the front of the buffer (a parser reading a
// header and returning the rest); unshift after 'end' is an error.
'use strict';
var Readable = require('stream').Readable;
var log = console.log;

var r = new Readable({ read: function () {} });
r.push('HEADER|body-part-1;');
r.push('body-part-2;');
r.push(null);
r.once('readable', function () {
  var all = String(r.read());
  var idx = all.indexOf('|');
  log('header', all.slice(0, idx));
  var ret = r.unshift(Buffer.from(all.slice(idx + 1)));
  log('unshift ret', ret, 'len', r.readableLength);
  r.on('data', function (d) { log('data', String(d)); });
  r.on('end', function () {
    log('end');
    r.unshift('late');
  });
  r.on('error', function (e) { log('error', e.code, e.message); });
});
r.on('close', function () { log('close'); });

// unshift in object mode, and with an encoding set
var o = new Readable({ objectMode: true, read: function () {} });
o.push(2);
o.push(3);
o.unshift(1);
log('obj read', o.read(), o.read(), o.read(), 'len', o.readableLength);

var e = new Readable({ read: function () {} });
e.setEncoding('utf8');
e.push('world');
e.unshift('hello ');
log('enc read', JSON.stringify(e.read()));
e.unshift(Buffer.from('buf'));
log('enc read after buffer unshift', JSON.stringify(e.read()));

// unshift(null) ends the stream
var n = new Readable({ read: function () {} });
n.on('end', function () { log('unshift(null) -> end'); });
n.on('data', function () {});
log('unshift null ret', n.unshift(null));
