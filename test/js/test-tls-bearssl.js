// tls: lode-specific behaviour (BearSSL): TLS 1.2 is the highest
// version, encrypted keys are refused, EC keys, garbage and aborted
// handshakes reach tlsClientError while the server keeps serving.
'use strict';
var tls = require('tls');
var net = require('net');
var fs = require('fs');
var path = require('path');
var F = path.join(__dirname, 'fixtures', 'tls');
function r(n) { return fs.readFileSync(path.join(F, n)); }
function t(label, f) {
  try {
    console.log(label + ':', f());
  } catch (e) {
    console.log(label + ': throws', e.name, e.code, e.message);
  }
}

console.log('DEFAULT_MAX_VERSION', tls.DEFAULT_MAX_VERSION, 'DEFAULT_MIN_VERSION', tls.DEFAULT_MIN_VERSION);
t('minVersion TLSv1.3', function () { return tls.createSecureContext({ minVersion: 'TLSv1.3' }); });
t('minVersion bogus', function () { return tls.createSecureContext({ minVersion: 'SSLv9' }); });
t('encrypted key', function () {
  return tls.createSecureContext({ key: r('encrypted-key.pem'), cert: r('localhost.pem'), passphrase: 'secret' });
});
t('garbage key', function () { return tls.createSecureContext({ key: 'not a key', cert: r('localhost.pem') }); });
t('garbage cert', function () { return tls.createSecureContext({ cert: 'not a cert' }); });
t('getCiphers has ECDHE-RSA-AES128-GCM-SHA256', function () {
  return tls.getCiphers().indexOf('ecdhe-rsa-aes128-gcm-sha256') >= 0;
});

var steps = [];
function next() { var s = steps.shift(); if (s) s(); }

steps.push(function () {
  var server = tls.createServer({ key: r('ec-key.pem'), cert: r('ec.pem'), maxVersion: 'TLSv1.3' }, function (s) {
    s.end('ec ok');
  });
  server.listen(0, '127.0.0.1', function () {
    var c = tls.connect({ port: server.address().port, host: '127.0.0.1', servername: 'localhost',
      ca: r('ca.pem'), maxVersion: 'TLSv1.3' }, function () {
      console.log('ec:', c.getProtocol(), c.getCipher().name.indexOf('ECDSA') > 0, c.authorized);
    });
    c.setEncoding('utf8');
    c.on('data', function (d) { console.log('ec data:', d); });
    c.on('close', function () { server.close(next); });
  });
});

steps.push(function () {
  var server = tls.createServer({ key: r('localhost-key.pem'), cert: r('localhost.pem') }, function (s) {
    s.end('served');
  });
  var errors = [];
  server.on('tlsClientError', function (e, sock) {
    errors.push(e.code);
    console.log('tlsClientError:', e.code, '-', e.message, '- socket destroyed:', sock.destroyed);
  });
  server.listen(0, '127.0.0.1', function () {
    var port = server.address().port;
    // 1. random bytes
    var a = net.connect(port, '127.0.0.1', function () {
      a.write(Buffer.from('16030100ff0100', 'hex'));
      a.write(Buffer.alloc(300, 0x41));
    });
    a.on('error', function () {});
    a.resume();
    a.on('close', function () {
      // 2. HTTP instead of TLS
      var b = net.connect(port, '127.0.0.1', function () { b.write('GET / HTTP/1.0\r\n\r\n'); });
      b.on('error', function () {});
      b.resume();
      b.on('close', function () {
        // 3. half a ClientHello, then hang up
        var c = net.connect(port, '127.0.0.1', function () {
          c.end(Buffer.from('1603010200010001fc0303', 'hex'));
        });
        c.on('error', function () {});
        c.resume();
        c.on('close', function () {
          var d = tls.connect({ port: port, host: '127.0.0.1', servername: 'localhost', ca: r('ca.pem') });
          d.setEncoding('utf8');
          d.on('data', function (x) { console.log('good client after garbage:', x); });
          d.on('close', function () {
            // The server sees this client's end a moment later (the
            // order of the two closes is a race, in node too): close()
            // calls back once no connection is left.
            server.close(function () {
              console.log('connections left:', server._connections);
              next();
            });
          });
        });
      });
    });
  });
});

next();
