// tls: interoperability with OpenSSL's tools (Debian's openssl and curl
// packages): a lode server answers `openssl s_client` and `curl
// --cacert`; a lode client talks to `openssl s_server`; the client
// rejects s_server's certificate when it does not trust it.
'use strict';
var tls = require('tls');
var fs = require('fs');
var path = require('path');
var cp = require('child_process');
var F = path.join(__dirname, 'fixtures', 'tls');
function f(n) { return path.join(F, n); }
function r(n) { return fs.readFileSync(f(n)); }

var steps = [];
function next() { var s = steps.shift(); if (s) s(); }

function httpServer(cb) {
  var server = tls.createServer({ key: r('localhost-key.pem'), cert: r('localhost.pem') }, function (s) {
    var req = '';
    s.on('data', function (d) {
      req += d;
      if (req.indexOf('\r\n\r\n') < 0) return;
      var body = 'hello over ' + (s.getProtocol() ? 'TLS' : '?') + '\n';
      s.end('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: ' + body.length +
        '\r\nConnection: close\r\n\r\n' + body);
    });
    s.on('error', function () {});
  });
  server.listen(0, '127.0.0.1', function () { cb(server, server.address().port); });
}

// curl --cacert
steps.push(function () {
  httpServer(function (server, port) {
    cp.execFile('curl', ['-sS', '--cacert', f('ca.pem'), '--resolve', 'localhost:' + port + ':127.0.0.1',
      'https://localhost:' + port + '/'], function (err, stdout, stderr) {
      console.log('curl:', err ? 'failed ' + stderr : JSON.stringify(stdout));
      // without the CA, curl refuses the certificate
      cp.execFile('curl', ['-sS', '--resolve', 'localhost:' + port + ':127.0.0.1',
        'https://localhost:' + port + '/'], function (err2) {
        console.log('curl without CA refused:', !!err2 && err2.code === 60);
        server.close(next);
      });
    });
  });
});

// openssl s_client
steps.push(function () {
  var server = tls.createServer({ key: r('localhost-key.pem'), cert: r('localhost.pem') }, function (s) {
    s.on('data', function (d) {
      s.end('pong: ' + String(d).trim() + '\n');
    });
    s.on('error', function () {});
  });
  server.listen(0, '127.0.0.1', function () {
    var port = server.address().port;
    var child = cp.spawn('openssl', ['s_client', '-connect', '127.0.0.1:' + port, '-servername', 'localhost',
      '-CAfile', f('ca.pem'), '-verify_return_error', '-verify_hostname', 'localhost', '-quiet']);
    var out = '';
    child.stdout.on('data', function (d) { out += d; });
    child.stderr.on('data', function () {});
    child.stdin.write('ping\n');
    child.on('close', function () {
      console.log('s_client:', JSON.stringify(out));
      server.close(next);
    });
  });
});

// lode client against openssl s_server
function sServer(args, cb) {
  var child = cp.spawn('openssl', ['s_server', '-accept', '0', '-naccept', '1'].concat(args));
  var out = '', done = false;
  child.stdout.on('data', function (d) {
    out += d;
    var m = /ACCEPT .*:(\d+)/.exec(out);
    if (m && !done) {
      done = true;
      cb(child, +m[1]);
    }
  });
  child.stderr.on('data', function () {});
  return child;
}

steps.push(function () {
  sServer(['-www', '-cert', f('localhost.pem'), '-key', f('localhost-key.pem')], function (child, port) {
    var c = tls.connect({ port: port, host: '127.0.0.1', servername: 'localhost', ca: r('ca.pem') }, function () {
      console.log('s_server: authorized', c.authorized, 'peer', c.getPeerCertificate().subject.CN);
      c.write('GET / HTTP/1.0\r\n\r\n');
    });
    var got = '';
    c.on('data', function (d) { got += d; });
    c.on('end', function () {
      console.log('s_server: response starts', JSON.stringify(got.slice(0, 17)));
    });
    c.on('close', function () {
      child.kill();
      child.on('close', next);
    });
  });
});

steps.push(function () {
  sServer(['-www', '-cert', f('ec.pem'), '-key', f('ec-key.pem')], function (child, port) {
    var c = tls.connect({ port: port, host: '127.0.0.1', servername: 'localhost', ca: r('ca.pem'),
      maxVersion: 'TLSv1.2' }, function () {
      console.log('s_server ec: authorized', c.authorized, c.getCipher().name.indexOf('ECDSA') >= 0);
      c.write('GET / HTTP/1.0\r\n\r\n');
    });
    c.resume();
    c.on('close', function () {
      child.kill();
      child.on('close', next);
    });
  });
});

steps.push(function () {
  sServer(['-www', '-cert', f('unknown.pem'), '-key', f('unknown-key.pem')], function (child, port) {
    var c = tls.connect({ port: port, host: '127.0.0.1', servername: 'localhost', ca: r('ca.pem') });
    c.on('secureConnect', function () { console.log('unexpected secureConnect'); });
    c.on('error', function (e) {
      console.log('s_server untrusted:', e.code);
    });
    c.on('close', function () {
      child.kill();
      child.on('close', next);
    });
  });
});

next();
