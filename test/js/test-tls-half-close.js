// tls: half-close both ways against node as the peer (allowHalfOpen): the
// side that ends first still receives the reply — BearSSL alone would
// close both directions on close_notify (compared with node).
'use strict';
var tls = require('tls');
var fs = require('fs');
var path = require('path');
var cp = require('child_process');
var F = path.join(__dirname, 'fixtures', 'tls');
function r(n) { return fs.readFileSync(path.join(F, n)); }
var peer = path.join(F, 'half-close-peer.js');

var server = tls.createServer({ key: r('localhost-key.pem'), cert: r('localhost.pem'), allowHalfOpen: true },
  function (s) {
    var got = '';
    s.on('data', function (d) { got += d; });
    s.on('end', function () {
      console.log('server: peer ended after ' + JSON.stringify(got));
      setTimeout(function () { s.end('reply to ' + got); }, 20);
    });
  });
server.listen(0, '127.0.0.1', function () {
  cp.execFile('node', [peer, 'client', String(server.address().port)], function (err, out) {
    process.stdout.write(out);
    server.close(second);
  });
});

function second() {
  var child = cp.spawn('node', [peer, 'server']);
  var buf = '';
  child.stdout.on('data', function (d) {
    buf += d;
    if (buf.indexOf('\n') < 0) return;
    var c = tls.connect({ port: +buf, host: '127.0.0.1', servername: 'localhost', ca: r('ca.pem'),
      allowHalfOpen: true }, function () {
      c.end('request');
    });
    var got = '';
    c.on('data', function (d) { got += d; });
    c.on('end', function () { console.log('client got ' + JSON.stringify(got)); });
    buf = '';
  });
}
