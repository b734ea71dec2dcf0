// https_bench.js — HTTPS figures for issue 7 (perf/, same ES5 source on
// lode and node; run both with perf/tls_compare.sh). Client and server in
// one process, TLS 1.2 with ECDHE-RSA-AES128-GCM-SHA256 and a 2048-bit
// RSA key on both runtimes, so the work compared is the same:
//   hello       keep-alive HTTPS hello-world requests per second
//               (CONNS concurrent connections)
//   handshakes  full TLS handshakes per second (new connection, one
//               exchange, close), sequential
// Prints "name value unit" lines (for tls_compare.sh) and the BENCH lines
// of perf/bench.js (js_https). BENCH_SHORT=1 runs briefly. Client and
// server share the process, so CPU per operation covers both ends.
'use strict';
var https = require('https');
var tls = require('tls');
var fs = require('fs');
var path = require('path');

var F = path.join(__dirname, '..', '..', 'test', 'js', 'fixtures', 'tls');
function r(n) { return fs.readFileSync(path.join(F, n)); }
var SHORT = process.env.BENCH_SHORT === '1';
var SECONDS = SHORT ? 0.5 : 3;
var CONNS = 8;
var which = process.argv[2] || 'all';
var tlsOpts = { maxVersion: 'TLSv1.2', ciphers: 'ECDHE-RSA-AES128-GCM-SHA256' };

var serverOpts = Object.assign({ key: r('localhost-key.pem'), cert: r('localhost.pem') }, tlsOpts);
var clientOpts = Object.assign({ ca: r('ca.pem'), servername: 'localhost', host: '127.0.0.1' }, tlsOpts);

function hello(done) {
  var body = 'Hello world\n';
  var server = https.createServer(serverOpts, function (req, res) {
    res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': body.length });
    res.end(body);
  });
  server.listen(0, '127.0.0.1', function () {
    var agent = new https.Agent(Object.assign({ keepAlive: true, maxSockets: CONNS }, clientOpts));
    var count = 0, start = Date.now(), stop = start + SECONDS * 1000, running = CONNS;
    function one() {
      if (Date.now() >= stop) {
        if (--running === 0) {
          var secs = (Date.now() - start) / 1000;
          console.log('https_hello_keepalive ' + Math.round(count / secs) + ' req/s');
          console.log('BENCH case=js_https_hello value=' + Math.round(count / secs) +
                      ' unit=req/s better=higher ops=' + count);
          agent.destroy();
          server.close(done);
        }
        return;
      }
      https.get({ hostname: 'localhost', port: server.address().port, path: '/', agent: agent }, function (res) {
        res.on('data', function () {});
        res.on('end', function () { count++; one(); });
      });
    }
    for (var i = 0; i < CONNS; i++) one();
  });
}

function handshakes(done) {
  var server = tls.createServer(serverOpts, function (s) { s.end('x'); });
  server.listen(0, '127.0.0.1', function () {
    var count = 0, start = Date.now(), stop = start + SECONDS * 1000;
    function one() {
      if (Date.now() >= stop) {
        var secs = (Date.now() - start) / 1000;
        console.log('tls_handshakes ' + Math.round(count / secs) + ' handshakes/s');
        console.log('BENCH case=js_tls_handshakes value=' + Math.round(count / secs) +
                    ' unit=handshakes/s better=higher ops=' + count);
        server.close(done);
        return;
      }
      var c = tls.connect(Object.assign({ port: server.address().port }, clientOpts));
      c.on('data', function () {});
      c.on('close', function () { count++; one(); });
    }
    one();
  });
}

var list = which === 'all' ? [hello, handshakes] : which === 'hello' ? [hello] : [handshakes];
(function next() {
  var f = list.shift();
  if (f) f(next);
})();
