// _tls_common — secure contexts, certificate parsing and TLS error
// words for tls/https (layer: stdlib/, over internalBinding('tls_wrap')).
//
// A SecureContext holds what one side presents (cert chain, key) and
// what it trusts (ca); the C half keeps BearSSL's parsed forms. Peer
// certificates come back from C as DER and are decoded here, lazily and
// only as far as Node's getPeerCertificate() shape needs.
'use strict';

var Buffer = require('buffer').Buffer;
var crypto = require('crypto');
var errors = require('internal/errors');
var binding = internalBinding('tls_wrap');

var kVersions = { 'TLSv1': 0x0301, 'TLSv1.1': 0x0302, 'TLSv1.2': 0x0303, 'TLSv1.3': 0x0304 };
var kVersionNames = { 0x0301: 'TLSv1', 0x0302: 'TLSv1.1', 0x0303: 'TLSv1.2' };

function tlsError(code, message, Base) {
  var e = new (Base || Error)(message);
  e.code = code;
  return e;
}

// BearSSL implements TLS 1.0 to 1.2; TLS 1.3 is refused loudly when it is
// the minimum, and a TLSv1.3 maximum means "the highest available".
function parseVersion(v, which, def) {
  if (v === undefined || v === null) return def;
  if (typeof v !== 'string') throw errors.codes.ERR_INVALID_ARG_TYPE('options.' + which + 'Version', 'string', v);
  if (!Object.prototype.hasOwnProperty.call(kVersions, v)) {
    throw tlsError('ERR_TLS_INVALID_PROTOCOL_VERSION',
      v + ' is not a valid ' + (which === 'min' ? 'minimum' : 'maximum') + ' TLS protocol version', TypeError);
  }
  var n = kVersions[v];
  if (n === 0x0304) {
    if (which === 'min') {
      throw tlsError('ERR_TLS_INVALID_PROTOCOL_VERSION',
        'TLSv1.3 is not supported: lode uses BearSSL, whose highest version is TLSv1.2', TypeError);
    }
    n = 0x0303;
  }
  return n;
}

function toBuffers(v, name) {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) v = [v];
  var out = [];
  for (var i = 0; i < v.length; i++) {
    var x = v[i];
    if (typeof x === 'string') out.push(Buffer.from(x, 'utf8'));
    else if (ArrayBuffer.isView(x)) out.push(Buffer.from(x.buffer, x.byteOffset, x.byteLength));
    else if (x && typeof x === 'object' && x.pem !== undefined) out = out.concat(toBuffers(x.pem, name));
    else throw errors.codes.ERR_INVALID_ARG_TYPE('options.' + name, ['string', 'Buffer', 'TypedArray', 'DataView'], x);
  }
  return out;
}

function SecureContext(options) {
  options = options || {};
  this.context = new binding.SecureContext();
  this.hasCA = false;
  this.suites = parseCiphers(options.ciphers);
  this.minVersion = parseVersion(options.minVersion, 'min', 0x0303);
  this.maxVersion = parseVersion(options.maxVersion, 'max', 0x0303);
  if (this.minVersion > this.maxVersion) {
    throw tlsError('ERR_TLS_PROTOCOL_VERSION_CONFLICT',
      'TLS protocol version ' + kVersionNames[this.minVersion] +
      ' conflicts with secureProtocol ' + kVersionNames[this.maxVersion], TypeError);
  }
  var certs = toBuffers(options.cert, 'cert'), i;
  for (i = 0; i < certs.length; i++) {
    if (this.context.addCert(certs[i]) === 0) {
      throw tlsError('ERR_OSSL_PEM_NO_START_LINE', 'error:0480006C:PEM routines::no start line');
    }
  }
  var keys = toBuffers(options.key, 'key');
  if (options.passphrase !== undefined && keys.length > 0) {
    // XXX: encrypted private keys (passphrase) are not supported.
  }
  for (i = 0; i < keys.length; i++) {
    var r = this.context.setKey(keys[i]);
    if (r === -1000) {
      throw tlsError('ERR_TLS_UNSUPPORTED_KEY',
        'Encrypted private keys are not supported (lode/BearSSL): decrypt the key first');
    }
    if (r !== 0) throw tlsError('ERR_OSSL_UNSUPPORTED', 'error:1E08010C:DECODER routines::unsupported');
  }
  if (keys.length > 0 && certs.length === 0) {
    throw tlsError('ERR_TLS_MISSING_CERT', 'A private key needs a certificate (options.cert)');
  }
  var cas = toBuffers(options.ca, 'ca');
  for (i = 0; i < cas.length; i++) this.context.addCA(cas[i]);
  this.hasCA = cas.length > 0;
  this._certDer = null;
  if (certs.length > 0) {
    var objs = binding.readPem(certs[0]);
    if (objs && objs.length) this._certDer = objs[0].der;
  }
}

function createSecureContext(options) {
  return new SecureContext(options);
}

// Clients: one context per distinct set of TLS options, reused while the
// same values (the same Buffers or strings) come back, as they do from an
// Agent or a loop of tls.connect calls. Parsing keys and CAs per
// connection would otherwise cost as much as the handshake.
var kContextKeys = ['ca', 'cert', 'key', 'ciphers', 'minVersion', 'maxVersion', 'passphrase'];
var contextCache = [];

function sameOptions(a, b) {
  for (var i = 0; i < kContextKeys.length; i++) {
    var x = a[kContextKeys[i]], y = b[kContextKeys[i]];
    if (x === y) continue;
    if (Array.isArray(x) && Array.isArray(y) && x.length === y.length) {
      for (var j = 0; j < x.length; j++) if (x[j] !== y[j]) return false;
      continue;
    }
    return false;
  }
  return true;
}

function cachedSecureContext(options) {
  for (var i = 0; i < contextCache.length; i++) {
    if (sameOptions(contextCache[i][0], options)) return contextCache[i][1];
  }
  var ctx = new SecureContext(options);
  var key = {};
  kContextKeys.forEach(function (k) {
    key[k] = Array.isArray(options[k]) ? options[k].slice() : options[k];
  });
  contextCache.unshift([key, ctx]);
  if (contextCache.length > 16) contextCache.pop();
  return ctx;
}

// ---- the system's trust store ----

var kCAFile = '/etc/ssl/certs/ca-certificates.crt';
var rootCerts = null;
var rootContext = null;

function getRootCertificates() {
  if (rootCerts === null) {
    var text = '';
    try {
      text = require('fs').readFileSync(process.env.SSL_CERT_FILE || kCAFile, 'latin1');
    } catch (e) { /* no store: nothing is trusted by default */ }
    var re = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g, m;
    rootCerts = [];
    while ((m = re.exec(text)) !== null) rootCerts.push(m[0]);
    Object.freeze(rootCerts);
  }
  return rootCerts;
}

function getRootContext() {
  if (rootContext === null) {
    rootContext = new binding.SecureContext();
    var roots = getRootCertificates();
    if (roots.length) rootContext.addCA(Buffer.from(roots.join('\n'), 'latin1'));
  }
  return rootContext;
}

// ---- DER ----

function tlv(buf, pos) {
  var tag = buf[pos], len = buf[pos + 1], hdr = 2;
  if (len & 0x80) {
    var n = len & 0x7f;
    len = 0;
    for (var i = 0; i < n; i++) len = len * 256 + buf[pos + 2 + i];
    hdr = 2 + n;
  }
  return { tag: tag, start: pos + hdr, end: pos + hdr + len, pos: pos };
}

function kids(buf, t) {
  var out = [], p = t.start;
  while (p < t.end) {
    var k = tlv(buf, p);
    out.push(k);
    p = k.end;
  }
  return out;
}

function oidString(buf, t) {
  var parts = [], v = 0;
  var first = buf[t.start];
  parts.push(Math.floor(first / 40), first % 40);
  for (var i = t.start + 1; i < t.end; i++) {
    v = v * 128 + (buf[i] & 0x7f);
    if (!(buf[i] & 0x80)) {
      parts.push(v);
      v = 0;
    }
  }
  return parts.join('.');
}

var kNameOids = {
  '2.5.4.3': 'CN', '2.5.4.6': 'C', '2.5.4.7': 'L', '2.5.4.8': 'ST',
  '2.5.4.10': 'O', '2.5.4.11': 'OU', '1.2.840.113549.1.9.1': 'emailAddress',
  '2.5.4.5': 'serialNumber', '2.5.4.9': 'street', '2.5.4.17': 'postalCode',
  '0.9.2342.19200300.100.1.25': 'DC'
};

function str(buf, t) {
  if (t.tag === 0x1e) { // BMPString
    var s = '';
    for (var i = t.start; i + 1 < t.end; i += 2) s += String.fromCharCode(buf[i] * 256 + buf[i + 1]);
    return s;
  }
  return buf.toString(t.tag === 0x0c ? 'utf8' : 'latin1', t.start, t.end);
}

function parseName(buf, t) {
  var out = {};
  kids(buf, t).forEach(function (set) {
    kids(buf, set).forEach(function (atv) {
      var k = kids(buf, atv);
      var key = kNameOids[oidString(buf, k[0])] || oidString(buf, k[0]);
      var val = str(buf, k[1]);
      if (out[key] === undefined) out[key] = val;
      else if (Array.isArray(out[key])) out[key].push(val);
      else out[key] = [out[key], val];
    });
  });
  return out;
}

var kMonths = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function parseTime(buf, t) {
  var s = buf.toString('latin1', t.start, t.end);
  var y, rest;
  if (t.tag === 0x17) {
    y = +s.slice(0, 2);
    y += y < 50 ? 2000 : 1900;
    rest = s.slice(2);
  } else {
    y = +s.slice(0, 4);
    rest = s.slice(4);
  }
  return new Date(Date.UTC(y, +rest.slice(0, 2) - 1, +rest.slice(2, 4),
    +rest.slice(4, 6), +rest.slice(6, 8), +(rest.slice(8, 10) || 0)));
}

function pad2(n) { return (n < 10 ? '0' : '') + n; }

// OpenSSL's words: "Mar  4 12:00:00 2024 GMT".
function formatTime(d) {
  var day = d.getUTCDate();
  return kMonths[d.getUTCMonth()] + ' ' + (day < 10 ? ' ' : '') + day + ' ' +
    pad2(d.getUTCHours()) + ':' + pad2(d.getUTCMinutes()) + ':' + pad2(d.getUTCSeconds()) +
    ' ' + d.getUTCFullYear() + ' GMT';
}

function colonHex(buf) {
  var h = buf.toString('hex').toUpperCase(), out = [];
  for (var i = 0; i < h.length; i += 2) out.push(h.slice(i, i + 2));
  return out.join(':');
}

function ipString(buf, start, end) {
  if (end - start === 4) return [buf[start], buf[start + 1], buf[start + 2], buf[start + 3]].join('.');
  var parts = [];
  for (var i = start; i + 1 < end; i += 2) parts.push((buf[i] * 256 + buf[i + 1]).toString(16).toUpperCase());
  return parts.join(':');
}

// Node's getPeerCertificate() shape from one DER certificate; light:
// names and altnames only (what checkServerIdentity needs).
function parseCertificate(der, light) {
  var cert = tlv(der, 0);
  var parts = kids(der, cert);
  var tbs = kids(der, parts[0]);
  var i = 0;
  if (tbs[0].tag === 0xa0) i = 1;
  var serial = tbs[i], issuer = tbs[i + 2], validity = kids(der, tbs[i + 3]);
  var subject = tbs[i + 4], spki = tbs[i + 5];
  var from = parseTime(der, validity[0]), to = parseTime(der, validity[1]);
  var out = {
    subject: parseName(der, subject),
    issuer: parseName(der, issuer),
    ca: false
  };
  var serialBytes = der.slice(serial.start, serial.end);
  if (serialBytes.length > 1 && serialBytes[0] === 0) serialBytes = serialBytes.slice(1);
  for (var j = i + 6; j < tbs.length; j++) {
    if (tbs[j].tag !== 0xa3) continue;
    kids(der, kids(der, tbs[j])[0]).forEach(function (ext) {
      var e = kids(der, ext);
      var oid = oidString(der, e[0]);
      var val = e[e.length - 1];
      if (oid === '2.5.29.17') {
        var names = [];
        kids(der, tlv(der, val.start)).forEach(function (gn) {
          if (gn.tag === 0x82) names.push('DNS:' + der.toString('latin1', gn.start, gn.end));
          else if (gn.tag === 0x87) names.push('IP Address:' + ipString(der, gn.start, gn.end));
          else if (gn.tag === 0x81) names.push('email:' + der.toString('latin1', gn.start, gn.end));
          else if (gn.tag === 0x86) names.push('URI:' + der.toString('latin1', gn.start, gn.end));
        });
        out.subjectaltname = names.join(', ');
      } else if (oid === '2.5.29.19') {
        var bc = kids(der, tlv(der, val.start));
        out.ca = bc.length > 0 && bc[0].tag === 0x01 && der[bc[0].start] !== 0;
      }
    });
  }
  Object.defineProperty(out, '_issuerDer', { value: der.slice(issuer.pos, issuer.end) });
  Object.defineProperty(out, '_subjectDer', { value: der.slice(subject.pos, subject.end) });
  if (light === true) return out;
  var spkiKids = kids(der, spki);
  var alg = oidString(der, kids(der, spkiKids[0])[0]);
  if (alg === '1.2.840.113549.1.1.1') {
    var bits = tlv(der, spkiKids[1].start + 1);
    var rsa = kids(der, bits);
    var mod = der.slice(rsa[0].start, rsa[0].end);
    if (mod[0] === 0) mod = mod.slice(1);
    out.bits = mod.length * 8;
    out.modulus = mod.toString('hex').toUpperCase();
    out.exponent = '0x' + parseInt(der.toString('hex', rsa[1].start, rsa[1].end), 16).toString(16);
  } else if (alg === '1.2.840.10045.2.1') {
    out.bits = (spkiKids[1].end - spkiKids[1].start - 2) / 2 * 8;
    out.pubkey = der.slice(spkiKids[1].start + 1, spkiKids[1].end);
  }
  out.valid_from = formatTime(from);
  out.valid_to = formatTime(to);
  out.fingerprint = colonHex(crypto.createHash('sha1').update(der).digest());
  out.fingerprint256 = colonHex(crypto.createHash('sha256').update(der).digest());
  out.fingerprint512 = colonHex(crypto.createHash('sha512').update(der).digest());
  out.serialNumber = serialBytes.toString('hex').toUpperCase();
  out.raw = der;
  Object.defineProperty(out, '_notBefore', { value: from });
  Object.defineProperty(out, '_notAfter', { value: to });
  return out;
}

// ---- verification words ----

var kVerifyMessages = {
  CERT_HAS_EXPIRED: 'certificate has expired',
  CERT_NOT_YET_VALID: 'certificate is not yet valid',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'self-signed certificate in certificate chain',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'unable to verify the first certificate',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'unable to get local issuer certificate',
  CERT_SIGNATURE_FAILURE: 'certificate signature failure',
  INVALID_CA: 'invalid CA certificate',
  CERT_REJECTED: 'certificate rejected',
  UNABLE_TO_GET_ISSUER_CERT: 'unable to get issuer certificate'
};

function sameBytes(a, b) {
  return a.length === b.length && a.equals(b);
}

// The Node/OpenSSL code for BearSSL's X.509 status and the peer's chain.
function verifyCode(status, chainDer) {
  if (status === 0) return null;
  if (status === -1 || chainDer.length === 0) return 'UNABLE_TO_GET_ISSUER_CERT';
  var certs = chainDer.map(function (der) { return parseCertificate(der); });
  var leaf = certs[0], last = certs[certs.length - 1];
  switch (status) {
    case 54: // expired or not yet valid
      for (var i = 0; i < certs.length; i++) {
        if (Date.now() < certs[i]._notBefore.getTime()) return 'CERT_NOT_YET_VALID';
      }
      return 'CERT_HAS_EXPIRED';
    case 62: // not trusted
    case 55: // issuer name mismatch
      if (certs.length === 1 && sameBytes(leaf._issuerDer, leaf._subjectDer)) {
        return 'DEPTH_ZERO_SELF_SIGNED_CERT';
      }
      if (certs.length > 1 && sameBytes(last._issuerDer, last._subjectDer)) {
        return 'SELF_SIGNED_CERT_IN_CHAIN';
      }
      return certs.length === 1 ? 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' : 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY';
    case 52: return 'CERT_SIGNATURE_FAILURE';
    case 58: return 'INVALID_CA';
    default: return 'CERT_REJECTED';
  }
}

function verifyError(code) {
  var e = new Error(kVerifyMessages[code] || code);
  e.code = code;
  return e;
}

// ---- engine errors ----

var kSslErrors = {
  1: 'BAD_PARAM', 2: 'BAD_STATE', 3: 'UNSUPPORTED_PROTOCOL', 4: 'WRONG_VERSION_NUMBER',
  5: 'BAD_LENGTH', 6: 'RECORD_TOO_LARGE', 7: 'DECRYPTION_FAILED_OR_BAD_RECORD_MAC',
  8: 'NO_RANDOM', 9: 'WRONG_VERSION_NUMBER', 10: 'UNEXPECTED_MESSAGE', 12: 'BAD_CHANGE_CIPHER_SPEC',
  13: 'BAD_ALERT', 14: 'BAD_HANDSHAKE', 15: 'OVERSIZED_SESSION_ID', 16: 'NO_SHARED_CIPHER',
  17: 'BAD_COMPRESSION', 18: 'BAD_FRAGMENT_LENGTH', 19: 'BAD_SECURE_RENEGOTIATION',
  20: 'UNEXPECTED_EXTENSION', 21: 'BAD_SERVER_NAME', 22: 'BAD_HELLO_DONE',
  23: 'LIMIT_EXCEEDED', 24: 'BAD_FINISHED', 25: 'RESUME_MISMATCH', 26: 'INVALID_ALGORITHM',
  27: 'BAD_SIGNATURE', 28: 'WRONG_KEY_USAGE', 29: 'PEER_DID_NOT_RETURN_A_CERTIFICATE',
  31: 'IO'
};

var kAlerts = {
  0: ['close_notify', 'SSLV3_ALERT_CLOSE_NOTIFY'], 10: ['unexpected_message', 'SSLV3_ALERT_UNEXPECTED_MESSAGE'],
  20: ['bad_record_mac', 'SSLV3_ALERT_BAD_RECORD_MAC'], 40: ['handshake_failure', 'SSLV3_ALERT_HANDSHAKE_FAILURE'],
  42: ['bad_certificate', 'SSLV3_ALERT_BAD_CERTIFICATE'], 43: ['unsupported_certificate', 'SSLV3_ALERT_UNSUPPORTED_CERTIFICATE'],
  44: ['certificate_revoked', 'SSLV3_ALERT_CERTIFICATE_REVOKED'], 45: ['certificate_expired', 'SSLV3_ALERT_CERTIFICATE_EXPIRED'],
  46: ['certificate_unknown', 'SSLV3_ALERT_CERTIFICATE_UNKNOWN'], 47: ['illegal_parameter', 'SSLV3_ALERT_ILLEGAL_PARAMETER'],
  48: ['unknown_ca', 'TLSV1_ALERT_UNKNOWN_CA'], 49: ['access_denied', 'TLSV1_ALERT_ACCESS_DENIED'],
  50: ['decode_error', 'TLSV1_ALERT_DECODE_ERROR'], 51: ['decrypt_error', 'TLSV1_ALERT_DECRYPT_ERROR'],
  70: ['protocol_version', 'TLSV1_ALERT_PROTOCOL_VERSION'], 71: ['insufficient_security', 'TLSV1_ALERT_INSUFFICIENT_SECURITY'],
  80: ['internal_error', 'TLSV1_ALERT_INTERNAL_ERROR'], 90: ['user_canceled', 'SSLV3_ALERT_USER_CANCELED'],
  112: ['unrecognized_name', 'TLSV1_UNRECOGNIZED_NAME'], 116: ['certificate_required', 'TLSV13_ALERT_CERTIFICATE_REQUIRED'],
  120: ['no_application_protocol', 'TLSV1_ALERT_NO_APPLICATION_PROTOCOL']
};

// An Error for BearSSL engine error n (positive).
function sslError(n) {
  var code, msg;
  if (n >= 256 && n < 512) {
    var a = kAlerts[n - 256] || ['alert ' + (n - 256), 'TLSV1_ALERT_' + (n - 256)];
    code = 'ERR_SSL_' + a[1];
    msg = 'TLS alert received from peer: ' + a[0] + ' (' + (n - 256) + ')';
  } else if (n >= 512) {
    var b = kAlerts[n - 512] || ['alert ' + (n - 512), 'ALERT_' + (n - 512)];
    code = 'ERR_SSL_' + (kSslErrors[n - 512] || b[1]);
    msg = 'TLS handshake failed: sent alert ' + b[0] + ' (' + (n - 512) + ')';
  } else if (n >= 32 && n < 64) {
    code = 'ERR_SSL_CERTIFICATE_VERIFY_FAILED';
    msg = 'TLS handshake failed: the peer certificate could not be used (BearSSL X.509 error ' + n + ')';
  } else {
    var name = kSslErrors[n] || ('BEARSSL_' + n);
    code = 'ERR_SSL_' + name;
    msg = 'TLS error: ' + name.toLowerCase().replace(/_/g, ' ') + ' (BearSSL error ' + n + ')';
  }
  var e = new Error(msg);
  e.code = code;
  e.library = 'SSL routines';
  e.reason = msg;
  return e;
}

// ---- cipher suites ----

var kSuites = {
  0xC02F: ['ECDHE-RSA-AES128-GCM-SHA256', 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256'],
  0xC030: ['ECDHE-RSA-AES256-GCM-SHA384', 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384'],
  0xC02B: ['ECDHE-ECDSA-AES128-GCM-SHA256', 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256'],
  0xC02C: ['ECDHE-ECDSA-AES256-GCM-SHA384', 'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384'],
  0xCCA8: ['ECDHE-RSA-CHACHA20-POLY1305', 'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256'],
  0xCCA9: ['ECDHE-ECDSA-CHACHA20-POLY1305', 'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256'],
  0xC027: ['ECDHE-RSA-AES128-SHA256', 'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256'],
  0xC028: ['ECDHE-RSA-AES256-SHA384', 'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384'],
  0xC023: ['ECDHE-ECDSA-AES128-SHA256', 'TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256'],
  0xC024: ['ECDHE-ECDSA-AES256-SHA384', 'TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384'],
  0xC013: ['ECDHE-RSA-AES128-SHA', 'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA'],
  0xC014: ['ECDHE-RSA-AES256-SHA', 'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA'],
  0xC009: ['ECDHE-ECDSA-AES128-SHA', 'TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA'],
  0xC00A: ['ECDHE-ECDSA-AES256-SHA', 'TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA'],
  0xC0AC: ['ECDHE-ECDSA-AES128-CCM', 'TLS_ECDHE_ECDSA_WITH_AES_128_CCM'],
  0xC0AD: ['ECDHE-ECDSA-AES256-CCM', 'TLS_ECDHE_ECDSA_WITH_AES_256_CCM'],
  0x009C: ['AES128-GCM-SHA256', 'TLS_RSA_WITH_AES_128_GCM_SHA256'],
  0x009D: ['AES256-GCM-SHA384', 'TLS_RSA_WITH_AES_256_GCM_SHA384'],
  0x003C: ['AES128-SHA256', 'TLS_RSA_WITH_AES_128_CBC_SHA256'],
  0x003D: ['AES256-SHA256', 'TLS_RSA_WITH_AES_256_CBC_SHA256'],
  0x002F: ['AES128-SHA', 'TLS_RSA_WITH_AES_128_CBC_SHA'],
  0x0035: ['AES256-SHA', 'TLS_RSA_WITH_AES_256_CBC_SHA'],
  0x000A: ['DES-CBC3-SHA', 'TLS_RSA_WITH_3DES_EDE_CBC_SHA']
};

function cipherInfo(suite, version) {
  var s = kSuites[suite];
  var hex = '0x' + ('000' + suite.toString(16).toUpperCase()).slice(-4);
  return {
    name: s ? s[0] : hex,
    standardName: s ? s[1] : hex,
    version: kVersionNames[version] || 'unknown'
  };
}

// The `ciphers` option (OpenSSL names, ':'-separated) as suite numbers;
// names BearSSL lacks and OpenSSL keywords (HIGH, !aNULL...) are
// ignored. XXX: no cipher-string algebra beyond a plain list.
function parseCiphers(str) {
  if (typeof str !== 'string' || str === '') return undefined;
  var byName = {};
  Object.keys(kSuites).forEach(function (k) {
    byName[kSuites[k][0]] = +k;
    byName[kSuites[k][1]] = +k;
  });
  var out = [];
  str.split(/[:, ]+/).forEach(function (name) {
    var id = byName[name] || byName[name.toUpperCase()];
    if (id !== undefined && out.indexOf(id) < 0) out.push(id);
  });
  if (out.length === 0) {
    // only keywords (HIGH, DEFAULT, !aNULL, @SECLEVEL=...): BearSSL's
    // own list already excludes the weak suites such strings remove
    if (/(^|:)(HIGH|DEFAULT|ALL|ECDHE|EECDH|AESGCM|[!+@-])/.test(str)) return undefined;
    throw tlsError('ERR_SSL_NO_CIPHER_MATCH', 'No cipher match (lode supports: ' +
      Object.keys(byName).filter(function (n) { return n.indexOf('TLS_') !== 0; }).join(':') + ')');
  }
  return out;
}

function getCiphers() {
  return Object.keys(kSuites).map(function (k) { return kSuites[k][0].toLowerCase(); }).sort();
}

// ---- host names ----

function splitHost(host) {
  return host.replace(/\.$/, '').toLowerCase().split('.');
}

function hostMatches(host, pattern) {
  var h = splitHost(host), p = splitHost(pattern);
  if (h.length !== p.length) return false;
  for (var i = p.length - 1; i >= 0; i--) {
    if (i === 0 && p[0] === '*' && p.length > 2) return h[0].length > 0;
    if (p[i] !== h[i]) return false;
  }
  return true;
}

function checkServerIdentity(hostname, cert) {
  var subject = cert.subject || {};
  var altNames = cert.subjectaltname;
  var dnsNames = [], ips = [];
  hostname = String(hostname);
  if (altNames) {
    altNames.split(', ').forEach(function (name) {
      if (name.indexOf('DNS:') === 0) dnsNames.push(name.slice(4));
      else if (name.indexOf('IP Address:') === 0) ips.push(name.slice(11));
    });
  }
  var net = require('net');
  var valid = false, reason = 'Unknown reason';
  hostname = hostname.replace(/^\[|\]$/g, '');
  if (net.isIP(hostname)) {
    var canon = hostname.toUpperCase();
    valid = ips.some(function (ip) { return ip.toUpperCase() === canon || ip === hostname; });
    if (!valid) reason = 'IP: ' + hostname + ' is not in the cert\'s list: ' + ips.join(', ');
  } else if (dnsNames.length > 0 || subject.CN) {
    if (dnsNames.length > 0) {
      valid = dnsNames.some(function (n) { return hostMatches(hostname, n); });
      if (!valid) reason = 'Host: ' + hostname + '. is not in the cert\'s altnames: ' + altNames;
    } else {
      var cns = Array.isArray(subject.CN) ? subject.CN : [subject.CN];
      valid = cns.some(function (n) { return hostMatches(hostname, n); });
      if (!valid) reason = 'Host: ' + hostname + '. is not cert\'s CN: ' + subject.CN;
    }
  } else {
    reason = 'Cert does not contain a DNS name';
  }
  if (!valid) {
    var err = new Error('Hostname/IP does not match certificate\'s altnames: ' + reason);
    err.code = 'ERR_TLS_CERT_ALTNAME_INVALID';
    err.reason = reason;
    err.host = hostname;
    err.cert = cert;
    return err;
  }
}

module.exports = {
  SecureContext: SecureContext,
  createSecureContext: createSecureContext,
  cachedSecureContext: cachedSecureContext,
  getRootCertificates: getRootCertificates,
  getRootContext: getRootContext,
  parseCertificate: parseCertificate,
  verifyCode: verifyCode,
  verifyError: verifyError,
  sslError: sslError,
  cipherInfo: cipherInfo,
  getCiphers: getCiphers,
  checkServerIdentity: checkServerIdentity,
  versionName: function (v) { return kVersionNames[v] || null; },
  tlsError: tlsError
};
