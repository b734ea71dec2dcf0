// tls: 50 MiB each way between a lode client and a lode server, checked
// with SHA-256 on both ends; backpressure through the TLS layer.
'use strict';
var tls = require('tls');
var fs = require('fs');
var path = require('path');
var crypto = require('crypto');
var F = path.join(__dirname, 'fixtures', 'tls');
function r(n) { return fs.readFileSync(path.join(F, n)); }

var TOTAL = 50 * 1024 * 1024;
var CHUNK = 64 * 1024;

// 16 distinct pseudo-random chunks (SHA-256 in counter mode), cycled;
// never modified once written.
var chunks = [];
(function () {
  for (var i = 0; i < 16; i++) {
    var parts = [];
    for (var off = 0; off < CHUNK; off += 32) {
      parts.push(crypto.createHash('sha256').update(i + ':' + off).digest());
    }
    chunks.push(Buffer.concat(parts));
  }
})();
function makeChunk(i) {
  return chunks[i % 16];
}

function pump(stream, hash, done) {
  var i = 0, sent = 0;
  function more() {
    while (sent < TOTAL) {
      var c = makeChunk(i++);
      hash.update(c);
      sent += c.length;
      if (!stream.write(c)) {
        stream.once('drain', more);
        return;
      }
    }
    stream.end();
    done();
  }
  more();
}

var results = {};
function report() {
  if (!results.serverGot || !results.clientGot) return;
  console.log('server received', results.serverGot.n, results.serverGot.h === results.clientSent);
  console.log('client received', results.clientGot.n, results.clientGot.h === results.serverSent);
  server.close();
}

var server = tls.createServer({ key: r('localhost-key.pem'), cert: r('localhost.pem'),
  allowHalfOpen: true }, function (s) {
  var h = crypto.createHash('sha256'), n = 0;
  s.on('data', function (d) { h.update(d); n += d.length; });
  s.on('end', function () {
    results.serverGot = { n: n, h: h.digest('hex') };
    report();
  });
  var out = crypto.createHash('sha256');
  pump(s, out, function () { results.serverSent = out.digest('hex'); });
});
server.listen(0, '127.0.0.1', function () {
  var c = tls.connect({ port: server.address().port, host: '127.0.0.1', servername: 'localhost',
    ca: r('ca.pem'), allowHalfOpen: true }, function () {
    var out = crypto.createHash('sha256');
    pump(c, out, function () { results.clientSent = out.digest('hex'); });
  });
  var h = crypto.createHash('sha256'), n = 0;
  // read slowly at first, so the server's writes meet backpressure
  c.pause();
  setTimeout(function () { c.resume(); }, 200);
  c.on('data', function (d) { h.update(d); n += d.length; });
  c.on('end', function () {
    results.clientGot = { n: n, h: h.digest('hex') };
    report();
  });
});
