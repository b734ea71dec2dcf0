// http: a client that stops reading while the server writes a large
// response. res.write() returns false, the server waits for 'drain', and
// what the server holds (res.writableLength) stays bounded; when the
// client reads again everything arrives intact.
var http = require('http');

var CHUNK = 64 * 1024;
var TOTAL = 64 * 1024 * 1024;
var chunk = Buffer.alloc(CHUNK);
for (var i = 0; i < CHUNK; i++) chunk[i] = i % 251;

var sawFalse = false, maxPending = 0, writesWhilePaused = 0, clientPaused = false;
var server = http.createServer(function (req, res) {
  var sent = 0;
  res.writeHead(200, { 'Content-Length': TOTAL });
  function pump() {
    while (sent < TOTAL) {
      sent += CHUNK;
      if (clientPaused) writesWhilePaused++;
      var ok = res.write(chunk);
      if (res.writableLength > maxPending) maxPending = res.writableLength;
      if (!ok) {
        sawFalse = true;
        res.once('drain', pump);
        return;
      }
    }
    res.end();
  }
  pump();
});

server.listen(0, '127.0.0.1', function () {
  http.get({ port: server.address().port, host: '127.0.0.1', agent: false }, function (res) {
    var received = 0;
    res.once('data', function (d) {
      received += d.length;
      // Stop reading for a while: the server must stall.
      res.pause();
      clientPaused = true;
      setTimeout(check, 300);
    });
    function check() {
      console.log('server saw write() return false', sawFalse);
      console.log('server writes while the client was paused are few', writesWhilePaused < 64);
      console.log('server-side pending bytes stay bounded (< 4 MiB)', maxPending < 4 * 1024 * 1024);
      clientPaused = false;
      res.on('data', function (d) {
        received += d.length;
      });
      res.on('end', function () {
        console.log('client received all', received === TOTAL);
        console.log('server pending bound still held', maxPending < 4 * 1024 * 1024);
        server.close(function () { console.log('done'); });
      });
      res.resume();
    }
  });
});
