// dgram: udp6 on ::1, 200 datagrams echoed one after another (UDP may
// drop a burst), reuseAddr, an empty datagram, a 60,000-byte datagram,
// and a 'message' listener given to createSocket.
var dgram = require('dgram');
var assert = require('assert');

var server = dgram.createSocket({ type: 'udp6', reuseAddr: true }, function (msg, rinfo) {
  assert.strictEqual(rinfo.family, 'IPv6');
  assert.strictEqual(rinfo.address, '::1');
  server.send(msg, rinfo.port, rinfo.address);
});
server.bind({ port: 0, address: '::1' }, function () {
  var port = server.address().port;
  console.log('server', server.address().address, server.address().family);
  var client = dgram.createSocket('udp6');
  var N = 200, i = 0, sum = 0, stage = 0;
  client.on('message', function (msg) {
    if (stage === 0) {
      sum += +msg.toString();
      if (++i < N) { client.send(String(i), port, '::1'); return; }
      stage = 1;
      client.send(Buffer.alloc(0), port, '::1');
    } else if (stage === 1) {
      console.log('empty echoed', msg.length);
      stage = 2;
      client.send(Buffer.alloc(60000, 7), port, '::1', function (err, n) { console.log('big sent', err, n); });
    } else {
      console.log('big echoed', msg.length, msg[59999]);
      console.log('echoed', i, 'sum', sum);
      client.close();
      server.close();
    }
  });
  client.bind(0, '::1', function () { client.send(String(i), port, '::1'); });
});
server.on('close', function () { console.log('server close'); });
