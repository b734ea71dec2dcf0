// dgram: the lookup option resolves send/bind addresses; lookup errors
// reach the send callback; ref()/unref() keep or release the loop.
var dgram = require('dgram');
var asked = [];
var server = dgram.createSocket('udp4');
server.on('message', function (msg, rinfo) {
  console.log('server got', msg.toString(), rinfo.size);
  server.close();
});
server.bind(0, '127.0.0.1', function () {
  var c = dgram.createSocket({
    type: 'udp4',
    lookup: function (host, family, cb) {
      asked.push(host + '/' + family);
      if (host === 'bad.invalid') {
        var e = new Error('no such host');
        e.code = 'ENOTFOUND';
        return cb(e);
      }
      cb(null, '127.0.0.1', 4);
    }
  });
  c.send('via lookup', server.address().port, 'bad.invalid', function (err) {
    console.log('bad host', err && err.code);
    c.send('via lookup', server.address().port, 'my.server.name', function (err2, n) {
      console.log('sent', err2, n, JSON.stringify(asked));
      c.close();
    });
  });
});
try { dgram.createSocket({ type: 'udp4', lookup: 5 }); } catch (e) { console.log('bad lookup', e.code); }
