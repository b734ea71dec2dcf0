// tls: SNI (addContext, SNICallback), ALPN, mutual TLS, tlsClientError
// on garbage (compared with node).
'use strict';
var tls = require('tls');
var net = require('net');
var fs = require('fs');
var path = require('path');
var F = path.join(__dirname, 'fixtures', 'tls');
function r(n) { return fs.readFileSync(path.join(F, n)); }
function pair(n) { return { key: r(n + '-key.pem'), cert: r(n + '.pem') }; }

var steps = [];
function step(f) { steps.push(f); }
function next() { var f = steps.shift(); if (f) f(); }

// The server reports what it saw to the client in its greeting, so the
// output order does not depend on which side finishes the handshake first.
function greeter(s) {
  s.on('error', function () {});
  var cert = s.getPeerCertificate();
  s.end('servername=' + s.servername + ' alpn=' + s.alpnProtocol + ' authorized=' + s.authorized +
    ' peer=' + (cert && cert.subject ? cert.subject.CN : '-'));
}

function client(label, server, opts, cb) {
  var o = Object.assign({ port: server.address().port, host: '127.0.0.1', ca: r('ca.pem'),
    maxVersion: 'TLSv1.2' }, opts);
  var got = '', err = null;
  var c = tls.connect(o, function () {
    var pc = c.getPeerCertificate();
    console.log(label + ': secure, server cert ' + pc.subject.CN + ', alpn ' + c.alpnProtocol);
  });
  c.on('data', function (d) { got += d; });
  c.on('error', function (e) { err = e; });
  c.on('close', function () {
    // node's OpenSSL resets where BearSSL sends unknown_ca: show only
    // that it failed when the label says so
    var code = err ? (label.indexOf('untrusted') >= 0 ? 'rejected' : err.code) : '';
    console.log(label + ': ' + (got ? got : 'no greeting') + (err ? ' (error ' + code + ')' : ''));
    cb();
  });
}

step(function () {
  var server = tls.createServer(pair('localhost'), greeter);
  server.addContext('a.example', pair('a'));
  server.addContext('*.b.example', pair('b'));
  server.listen(0, '127.0.0.1', function () {
    client('sni a', server, { servername: 'a.example' }, function () {
      client('sni wildcard', server, { servername: 'x.b.example' }, function () {
        client('sni default', server, { servername: 'localhost' }, function () {
          client('sni unknown name', server, { servername: 'c.example', rejectUnauthorized: false }, function () {
            server.close(next);
          });
        });
      });
    });
  });
});

step(function () {
  var o = pair('localhost');
  o.SNICallback = function (name, cb) {
    setTimeout(function () {
      if (name === 'a.example') cb(null, tls.createSecureContext(pair('a')));
      else cb(null, null);
    }, 5);
  };
  var server = tls.createServer(o, greeter);
  server.listen(0, '127.0.0.1', function () {
    client('SNICallback a', server, { servername: 'a.example' }, function () {
      client('SNICallback other', server, { servername: 'localhost' }, function () {
        server.close(next);
      });
    });
  });
});

step(function () {
  var o = pair('localhost');
  o.ALPNProtocols = ['h2', 'http/1.1'];
  var server = tls.createServer(o, greeter);
  server.on('tlsClientError', function (e) { console.log('server tlsClientError (alpn)'); });
  server.listen(0, '127.0.0.1', function () {
    client('alpn match', server, { servername: 'localhost', ALPNProtocols: ['http/1.1', 'h2'] }, function () {
      client('alpn none', server, { servername: 'localhost' }, function () {
        server.close(next);
      });
    });
  });
});

step(function () {
  var o = pair('localhost');
  o.requestCert = true;
  o.ca = r('ca.pem');
  var server = tls.createServer(o, greeter);
  var errors = 0;
  server.on('tlsClientError', function () { errors++; });
  server.listen(0, '127.0.0.1', function () {
    var withCert = pair('client');
    withCert.servername = 'localhost';
    client('mtls with cert', server, withCert, function () {
      client('mtls without cert', server, { servername: 'localhost' }, function () {
        var other = pair('unknown');
        other.servername = 'localhost';
        client('mtls untrusted cert', server, other, function () {
          console.log('server tlsClientErrors: ' + (errors > 0));
          server.close(next);
        });
      });
    });
  });
});

step(function () {
  var o = pair('localhost');
  o.requestCert = true;
  o.rejectUnauthorized = false;
  o.ca = r('ca.pem');
  var server = tls.createServer(o, greeter);
  server.listen(0, '127.0.0.1', function () {
    client('requestCert optional', server, { servername: 'localhost' }, function () {
      server.close(next);
    });
  });
});

// Garbage instead of a ClientHello: the server reports tlsClientError,
// drops that connection and still serves the next client.
step(function () {
  var server = tls.createServer(pair('localhost'), greeter);
  server.on('tlsClientError', function (e, s) {
    console.log('tlsClientError: ' + (e instanceof Error) + ' ' + (typeof e.code) + ' ' + (s instanceof tls.TLSSocket));
  });
  server.listen(0, '127.0.0.1', function () {
    var raw = net.connect(server.address().port, '127.0.0.1', function () {
      raw.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    });
    raw.on('error', function () {});
    raw.resume();
    raw.on('close', function () {
      console.log('garbage connection closed');
      client('after garbage', server, { servername: 'localhost' }, function () {
        server.close(next);
      });
    });
  });
});

next();
