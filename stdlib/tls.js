// tls — TLS 1.0-1.2 clients and servers on BearSSL (layer: stdlib/; the
// work is in _tls_wrap.js and _tls_common.js over internalBinding
// ('tls_wrap')). Node 20's API; TLS 1.3 is not available (BearSSL's
// highest version is TLS 1.2): minVersion 'TLSv1.3' throws, and a
// maxVersion of 'TLSv1.3' means TLS 1.2.
'use strict';

var common = require('_tls_common');
var wrap = require('_tls_wrap');

exports.CLIENT_RENEG_LIMIT = 3;
exports.CLIENT_RENEG_WINDOW = 600;
exports.DEFAULT_CIPHERS = common.getCiphers().join(':').toUpperCase();
exports.DEFAULT_ECDH_CURVE = 'auto';
exports.DEFAULT_MIN_VERSION = 'TLSv1.2';
exports.DEFAULT_MAX_VERSION = 'TLSv1.2';
exports.getCiphers = common.getCiphers;
exports.checkServerIdentity = common.checkServerIdentity;
exports.createSecureContext = common.createSecureContext;
exports.SecureContext = common.SecureContext;
exports.TLSSocket = wrap.TLSSocket;
exports.Server = wrap.Server;
exports.createServer = wrap.createServer;
exports.connect = wrap.connect;
Object.defineProperty(exports, 'rootCertificates', {
  get: function () { return common.getRootCertificates(); },
  enumerable: true,
  configurable: false
});
