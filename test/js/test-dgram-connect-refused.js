// dgram: a connected socket whose peer port is closed gets ECONNREFUSED
// as an 'error' (syscall recvmsg); after close(), send() on the formerly
// connected socket throws ERR_SOCKET_DGRAM_NOT_RUNNING.
var dgram = require('dgram');
var s = dgram.createSocket('udp4');
s.bind(0, '127.0.0.1', function () {
  var p = s.address().port;
  s.close(function () {
    var c = dgram.createSocket('udp4');
    c.on('error', function (e) {
      console.log('error', e.code, e.syscall, e.message);
      c.close(function () {
        try { c.send('y', function () {}); } catch (e2) { console.log('send after close', e2.code); }
        try { c.address(); } catch (e3) { console.log('address after close', e3.code); }
      });
    });
    c.connect(p, '127.0.0.1', function () {
      c.send('x', function (err) { console.log('send cb', err); });
    });
  });
});
