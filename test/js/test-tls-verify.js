// tls: certificate verification on the client — trusted, expired, wrong
// host, unknown CA, self-signed, self-signed CA in the chain, with and
// without rejectUnauthorized, checkServerIdentity (compared with node).
'use strict';
var tls = require('tls');
var fs = require('fs');
var path = require('path');
var F = path.join(__dirname, 'fixtures', 'tls');
function r(n) { return fs.readFileSync(path.join(F, n)); }

var cases = [
  ['trusted', 'localhost', {}],
  ['trusted-ip', 'localhost', { servername: undefined, host: '127.0.0.1' }],
  ['expired', 'expired', {}],
  ['expired-unauthorized-ok', 'expired', { rejectUnauthorized: false }],
  ['wrong-host', 'wronghost', {}],
  ['wrong-host-ok', 'wronghost', { rejectUnauthorized: false }],
  ['unknown-ca', 'unknown', {}],
  ['self-signed', 'selfsigned', {}],
  ['self-signed-trusted', 'selfsigned', { ca: r('selfsigned.pem') }],
  ['ca-in-chain', 'unknown', { chain: true }],
  ['no-ca-default-store', 'localhost', { ca: null }],
  ['custom-identity', 'wronghost', { checkServerIdentity: function (host, cert) {
    console.log('  checkServerIdentity', host, cert.subject.CN);
    return undefined;
  } }],
  ['custom-identity-reject', 'localhost', { checkServerIdentity: function () {
    var e = new Error('nope');
    e.code = 'MY_CODE';
    return e;
  } }],
  ['wildcard', 'b', { servername: 'x.b.example' }],
  ['wildcard-too-deep', 'b', { servername: 'y.x.b.example' }]
];

function runCase(i) {
  if (i === cases.length) return;
  var c = cases[i], name = c[0], opts = c[2];
  var cert = r(c[1] + '.pem');
  if (opts.chain) cert = Buffer.concat([cert, r('other-ca.pem')]);
  var server = tls.createServer({ key: r(c[1] + '-key.pem'), cert: cert }, function (s) {
    s.on('error', function () {});
    s.end('hi');
  });
  server.on('tlsClientError', function () {});
  server.listen(0, '127.0.0.1', function () {
    var o = {
      port: server.address().port,
      host: opts.host || '127.0.0.1',
      servername: 'servername' in opts ? opts.servername : 'localhost',
      ca: 'ca' in opts ? opts.ca : r('ca.pem')
    };
    if (o.ca === null) delete o.ca;
    if (opts.rejectUnauthorized !== undefined) o.rejectUnauthorized = opts.rejectUnauthorized;
    if (opts.checkServerIdentity) o.checkServerIdentity = opts.checkServerIdentity;
    var done = false;
    function finish(msg) {
      if (done) return;
      done = true;
      console.log(name + ': ' + msg);
      sock.destroy();
      server.close(function () { runCase(i + 1); });
    }
    var sock = tls.connect(o, function () {
      finish('connected authorized=' + sock.authorized + ' error=' + sock.authorizationError);
    });
    sock.on('error', function (e) {
      finish('error ' + e.code + ' (' + e.message + ')' + (e.reason ? ' reason=' + e.reason : ''));
    });
  });
}
runCase(0);
