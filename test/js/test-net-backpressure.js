// net: 8 MiB through a socket whose reader pauses: write() returns false,
// 'drain' follows, the data arrives whole (checksum), and the reader's
// pause stops the flow (no 'data' while paused).
var net = require('net');
var total = 8 * 1024 * 1024;
var chunk = Buffer.alloc(64 * 1024);
for (var i = 0; i < chunk.length; i++) chunk[i] = (i * 31 + 7) & 0xff;

function sum(buf, acc) {
  for (var i = 0; i < buf.length; i++) acc = (acc * 33 + buf[i]) % 1000000007;
  return acc;
}

var expected = 0;
for (var k = 0; k < total / chunk.length; k++) expected = sum(chunk, expected);

var server = net.createServer(function (sock) {
  var received = 0, acc = 0, paused = false, dataWhilePaused = false;
  sock.on('data', function (d) {
    if (paused) dataWhilePaused = true;
    received += d.length;
    acc = sum(d, acc);
    if (received > total / 2 && received - d.length <= total / 2) {
      paused = true;
      sock.pause();
      setTimeout(function () { paused = false; sock.resume(); }, 50);
    }
  });
  sock.on('end', function () {
    console.log('received', received, 'checksum ok', acc === expected, 'data while paused', dataWhilePaused);
    sock.end();
    server.close();
  });
});
server.listen(0, '127.0.0.1', function () {
  var c = net.connect(server.address().port, '127.0.0.1');
  var sent = 0, falses = 0, drains = 0;
  c.on('drain', function () { drains++; write(); });
  function write() {
    while (sent < total) {
      sent += chunk.length;
      if (!c.write(chunk)) { falses++; return; }
    }
    c.end();
  }
  c.on('connect', write);
  c.on('close', function () {
    console.log('write returned false at some point', falses > 0, 'drains match', drains === falses);
  });
  c.resume();
});
