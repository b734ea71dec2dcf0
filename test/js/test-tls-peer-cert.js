// tls: getPeerCertificate() (plain and detailed), getCertificate(),
// getProtocol(), getCipher(), servername, rootCertificates, with the
// version pinned to TLS 1.2 (compared with node).
'use strict';
var tls = require('tls');
var fs = require('fs');
var path = require('path');
var F = path.join(__dirname, 'fixtures', 'tls');
function r(n) { return fs.readFileSync(path.join(F, n)); }

var keys = ['subject', 'issuer', 'subjectaltname', 'ca', 'bits', 'exponent', 'valid_from', 'valid_to',
  'fingerprint', 'fingerprint256', 'fingerprint512', 'serialNumber'];
function show(label, cert) {
  var o = {};
  keys.forEach(function (k) { o[k] = cert[k]; });
  if (o.subject) o.subject = Object.assign({}, o.subject);
  if (o.issuer) o.issuer = Object.assign({}, o.issuer);
  console.log(label, JSON.stringify(o, null, 1));
  console.log(label, 'raw is a Buffer:', Buffer.isBuffer(cert.raw), 'modulus hex:', /^[0-9A-F]+$/.test(cert.modulus || ''));
}

var server = tls.createServer({
  key: r('localhost-key.pem'),
  cert: Buffer.concat([r('localhost.pem'), r('ca.pem')]),
  requestCert: true,
  ca: r('ca.pem')
}, function (s) {
  show('server sees client', s.getPeerCertificate());
  console.log('server own cert CN', s.getCertificate().subject.CN);
  console.log('server servername', s.servername, 'protocol', s.getProtocol());
  s.end('bye');
});
server.listen(0, '127.0.0.1', function () {
  var c = tls.connect({
    port: server.address().port, host: '127.0.0.1', servername: 'localhost', ca: r('ca.pem'),
    key: r('client-key.pem'), cert: r('client.pem'), maxVersion: 'TLSv1.2'
  }, function () {
    show('client sees server', c.getPeerCertificate());
    var d = c.getPeerCertificate(true);
    console.log('chain', d.subject.CN, '<-', d.issuerCertificate.subject.CN, '<-',
      d.issuerCertificate.issuerCertificate.subject.CN,
      d.issuerCertificate.issuerCertificate === d.issuerCertificate);
    var ci = c.getCipher();
    console.log('protocol', c.getProtocol(), 'cipher version', ci.version, typeof ci.name, typeof ci.standardName);
    console.log('servername', c.servername === undefined ? 'undefined' : c.servername);
  });
  c.resume();
  c.on('end', function () {
    console.log('rootCertificates', Array.isArray(tls.rootCertificates), tls.rootCertificates.length > 10,
      /^-----BEGIN CERTIFICATE-----\n/.test(tls.rootCertificates[0]));
    server.close();
  });
});
