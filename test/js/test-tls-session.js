// tls/https: session resumption — a client offers the session of its
// previous connection and the server resumes it; the https Agent does it
// by itself (compared with node, TLS 1.2).
'use strict';
var tls = require('tls');
var https = require('https');
var fs = require('fs');
var path = require('path');
var F = path.join(__dirname, 'fixtures', 'tls');
function r(n) { return fs.readFileSync(path.join(F, n)); }

var server = tls.createServer({ key: r('localhost-key.pem'), cert: r('localhost.pem') }, function (s) {
  s.end('hi');
});
server.listen(0, '127.0.0.1', function () {
  var opts = { port: server.address().port, host: '127.0.0.1', servername: 'localhost', ca: r('ca.pem'),
    maxVersion: 'TLSv1.2' };
  var first = tls.connect(opts, function () {
    var session = first.getSession();
    console.log('first: reused', first.isSessionReused(), 'session is a Buffer', Buffer.isBuffer(session));
    first.on('close', function () {
      var second = tls.connect(Object.assign({ session: session }, opts), function () {
        console.log('second: reused', second.isSessionReused(), 'authorized', second.authorized);
        second.resume();
        second.on('close', function () {
          var third = tls.connect(Object.assign({ session: Buffer.from('garbage') }, opts), function () {
            console.log('third (bad session): reused', third.isSessionReused());
            third.resume();
            third.on('close', function () { server.close(agentTest); });
          });
        });
      });
    });
    first.resume();
  });
});

function agentTest() {
  var hs = https.createServer({ key: r('localhost-key.pem'), cert: r('localhost.pem') }, function (req, res) {
    res.end('ok');
  });
  hs.listen(0, '127.0.0.1', function () {
    var agent = new https.Agent({ keepAlive: false, ca: r('ca.pem'), maxVersion: 'TLSv1.2' });
    var n = 0;
    (function one() {
      var req = https.get({ hostname: 'localhost', port: hs.address().port, agent: agent }, function (res) {
        res.resume();
        res.on('end', function () {
          console.log('agent request', n, 'reused', req.socket.isSessionReused());
          if (++n < 3) setTimeout(one, 10);
          else hs.close();
        });
      });
    })();
  });
}
