// tls: writes made before the handshake ends go first and in order;
// destroying a socket with writes queued mid-handshake cancels them
// cleanly; end() before the handshake still delivers (compared with node).
'use strict';
var tls = require('tls');
var fs = require('fs');
var path = require('path');
var F = path.join(__dirname, 'fixtures', 'tls');
function r(n) { return fs.readFileSync(path.join(F, n)); }

var server = tls.createServer({ key: r('localhost-key.pem'), cert: r('localhost.pem') }, function (s) {
  var got = '';
  s.on('data', function (d) { got += d; });
  s.on('end', function () {
    console.log('server got', JSON.stringify(got));
    s.end();
  });
  s.on('error', function () {});
});
server.on('tlsClientError', function () {});
server.listen(0, '127.0.0.1', function () {
  var port = server.address().port;
  var opts = { port: port, host: '127.0.0.1', servername: 'localhost', ca: r('ca.pem') };
  var c = tls.connect(opts, function () {
    c.write('3-in-secureConnect,');
    c.end('4-end');
  });
  c.write('1-before,', function () { console.log('write 1 done'); });
  c.write('2-before,');
  c.resume();
  c.on('close', function () {
    var d = tls.connect(opts);
    d.on('error', function (e) { console.log('destroyed socket error:', e.message); });
    d.write('never sent', function (err) {
      console.log('queued write callback:', err ? 'error' : 'ok');
    });
    d.on('close', function () {
      console.log('destroyed mid-handshake: closed');
      var e = tls.connect(opts);
      e.end('only-end');
      e.resume();
      e.on('close', function () { server.close(); });
    });
    d.destroy();
  });
});
