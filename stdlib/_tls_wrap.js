// _tls_wrap — TLSSocket, tls.Server and tls.connect (layer: stdlib/, over
// internalBinding('tls_wrap') and net).
//
// A TLSSocket is a net.Socket whose handle is a TLSHandle: an object with
// a TCP handle's interface (readStart, writeBuffer, shutdown, close, ...)
// that sits on a real TCP handle and runs BearSSL's engine in between.
// Bytes the TCP handle reads go into the engine; records it produces go
// out through the TCP handle; application data comes up through onread
// exactly as from a TCP handle, so net.Socket's streams, timeouts and
// backpressure work unchanged (Node's TLSWrap is the same idea).
//
// XXX: records cross JS as Buffers (one per TCP read and one per write
// call); attaching the engine to the TCP stream in C would save a copy.
// XXX: sessions resume by session ID only (no tickets), and not on
// servers that ask for client certificates; no renegotiation, no OCSP,
// no PSK, no encrypted private keys; TLS 1.2 at most (BearSSL).
'use strict';

var Buffer = require('buffer').Buffer;
var net = require('net');
var util = require('util');
var common = require('_tls_common');
var binding = internalBinding('tls_wrap');
var streamBinding = internalBinding('stream_wrap');

var UV_EOF = streamBinding.UV_EOF;
var TCP = streamBinding.TCP;

// ---- ClientHello peeking (servers with SNI contexts) ----

// The server name in a ClientHello at the start of buf: a string, null
// when there is none (or this is not a ClientHello), undefined when more
// bytes are needed.
function peekServerName(buf) {
  if (buf.length < 5) return undefined;
  if (buf[0] !== 0x16) return null;
  var recLen = buf[3] * 256 + buf[4];
  if (buf.length < 5 + recLen) return undefined;
  var p = 5, end = 5 + recLen;
  if (buf[p] !== 1) return null;
  p += 4 + 2 + 32; // handshake header, version, random
  if (p >= end) return null;
  p += 1 + buf[p]; // session id
  if (p + 2 > end) return null;
  p += 2 + buf[p] * 256 + buf[p + 1]; // cipher suites
  if (p + 1 > end) return null;
  p += 1 + buf[p]; // compression methods
  if (p + 2 > end) return null;
  var extEnd = Math.min(end, p + 2 + buf[p] * 256 + buf[p + 1]);
  p += 2;
  while (p + 4 <= extEnd) {
    var type = buf[p] * 256 + buf[p + 1], len = buf[p + 2] * 256 + buf[p + 3];
    p += 4;
    if (type === 0 && p + 5 <= extEnd) {
      // server_name_list: length, then (type, length, name)
      if (buf[p + 2] !== 0) return null;
      var n = buf[p + 3] * 256 + buf[p + 4];
      return buf.toString('latin1', p + 5, Math.min(p + 5 + n, extEnd));
    }
    p += len;
  }
  return null;
}

// ---- TLSHandle ----

function TLSHandle(tcp, socket) {
  this._tcp = tcp;
  this._socket = socket;
  this._wrap = null;
  this._secure = false;
  this._wantRead = false;
  this._pending = [];      // [req, data] written before the handshake ended
  this._peek = null;       // server: bytes held while the context is chosen
  this._ended = false;
  this._closed = false;
  this.reading = false;
  this.owner = null;
  this.onread = null;
  tcp.owner = this;
  tcp.onread = onTcpRead;
}

// Forwarded as they are.
['bind', 'bind6', 'open', 'getsockname', 'getpeername', 'setNoDelay',
  'setKeepAlive', 'ref', 'unref', 'hasRef', 'getWriteQueueSize', 'setBlocking'
].forEach(function (name) {
  TLSHandle.prototype[name] = function () {
    var t = this._tcp;
    return t[name].apply(t, arguments);
  };
});

Object.defineProperty(TLSHandle.prototype, 'fd', {
  get: function () { return this._tcp.fd; }
});

function wrapConnectReq(self, req) {
  var orig = req.oncomplete;
  req.oncomplete = function (status) {
    if (status === 0 && !self._closed) self._start();
    return orig.call(req, status);
  };
}

TLSHandle.prototype.connect = function (req, address, port) {
  wrapConnectReq(this, req);
  return this._tcp.connect(req, address, port);
};

TLSHandle.prototype.connect6 = function (req, address, port) {
  wrapConnectReq(this, req);
  return this._tcp.connect6(req, address, port);
};

// Begins the handshake: the TCP connection is up.
TLSHandle.prototype._start = function () {
  var sock = this._socket;
  var err = this._tcp.readStart();
  if (err) {
    this._failCode(err);
    return;
  }
  if (sock._tlsOptions.isServer && sock._needsSNI()) {
    this._peek = Buffer.alloc(0);
    return;
  }
  this._begin(sock._tlsContext());
};

TLSHandle.prototype._begin = function (secureContext) {
  var sock = this._socket, o = sock._tlsOptions;
  if (this._closed) return;
  // trust anchors: the context's CAs, else the system's (loaded once),
  // and none for servers that do not ask for client certificates
  var anchors = secureContext.hasCA ? secureContext.context :
    o.isServer && !o.requestCert ? null : common.getRootContext();
  try {
    this._wrap = new binding.TLSWrap(!!o.isServer, secureContext.context, anchors, {
      servername: o.isServer ? undefined : sock._sniName,
      alpn: o.ALPNProtocols,
      minVersion: secureContext.minVersion,
      maxVersion: secureContext.maxVersion,
      suites: secureContext.suites,
      session: o.isServer ? undefined : sessionCore(sock, o.session),
      requestCert: !!o.requestCert,
      rejectUnauthorized: !!(o.isServer && o.requestCert && o.rejectUnauthorized)
    });
  } catch (e) {
    this._fail(e);
    return;
  }
  this._contextRef = secureContext; // the C side borrows its keys and anchors
  this._anchorsRef = anchors;
  this._after(this._wrap.start());
  if (this._peek !== null && this._peek.length) {
    var held = this._peek;
    this._peek = null;
    this._feed(held);
  }
  this._peek = null;
};

function onTcpRead(nread, buf) {
  var self = this.owner;
  if (!self || self._closed) return;
  if (nread > 0) {
    if (!self._firstBytes) self._firstBytes = buf.slice(0, 8);
    if (self._peek !== null) {
      self._peek = Buffer.concat([self._peek, buf]);
      self._tryPeek();
      return;
    }
    if (self._wrap) self._feed(buf);
    return;
  }
  if (nread === UV_EOF) {
    if (!self._secure) {
      var e = new Error('Client network socket disconnected before secure TLS connection was established');
      e.code = 'ECONNRESET';
      self._fail(e);
      return;
    }
    self._eof();
    return;
  }
  self._up(nread);
}

TLSHandle.prototype._tryPeek = function () {
  if (this._choosing) return; // one choice per connection
  var name = peekServerName(this._peek);
  if (name === undefined && this._peek.length < 16384 + 5) return;
  var self = this;
  this._choosing = true;
  this._tcp.readStop();
  this._socket._chooseContext(name || null, function (err, ctx) {
    if (self._closed) return;
    if (err) {
      self._fail(err);
      return;
    }
    self._tcp.readStart();
    self._begin(ctx); // feeds the held bytes
  });
};

TLSHandle.prototype._feed = function (buf) {
  if (!this._wrap) return;
  this._after(this._wrap.feed(buf));
};

// Dispatches what one engine call produced.
TLSHandle.prototype._after = function (st) {
  var w = this._wrap;
  var out = w.cipherOut, plain = w.plainOut;
  w.cipherOut = undefined;
  w.plainOut = undefined;
  if (out) this._send(out, null);
  if (st < 0) {
    var err = common.sslError(-st);
    if (!this._secure && this._firstBytes && /^[A-Z]{3,7} /.test(this._firstBytes.toString('latin1'))) {
      err.code = 'ERR_SSL_HTTP_REQUEST';
      err.message = 'TLS error: an HTTP request came to a TLS port (http request)';
    }
    this._fail(err);
    return;
  }
  if (st & 1) {
    this._secure = true;
    if (!this._wantRead) this._tcp.readStop();
    this._socket._onHandshakeDone();
    if (this._closed) return;
    this._flushPending();
  }
  if (plain && !this._closed) this._up(plain.length, plain);
  if ((st & 6) && !this._ended && !this._closed) this._eof();
};

TLSHandle.prototype._up = function (nread, buf) {
  if (typeof this.onread === 'function') this.onread.call(this, nread, buf);
};

TLSHandle.prototype._eof = function () {
  if (this._ended) return;
  this._ended = true;
  this._up(UV_EOF);
};

TLSHandle.prototype._failCode = function (code) {
  this._up(code);
};

TLSHandle.prototype._fail = function (err) {
  if (this._closed) return;
  this._tcp.readStop();
  this._socket._onTlsError(err);
};

// Sends ciphertext; done(status) when the TCP write completed (or at
// once with 0 when it went out synchronously; then returns true).
TLSHandle.prototype._send = function (buf, done) {
  var req = { oncomplete: null, async: false, bytes: 0 };
  req.oncomplete = function (status) {
    if (done) done(status);
  };
  var err = this._tcp.writeBuffer(req, buf);
  if (err) {
    if (done) done(err);
    return true;
  }
  if (!req.async) {
    if (done) done(0);
    return true;
  }
  return false;
};

TLSHandle.prototype.readStart = function () {
  this._wantRead = true;
  if (this._secure && !this._closed) return this._tcp.readStart();
  return 0;
};

TLSHandle.prototype.readStop = function () {
  this._wantRead = false;
  if (this._secure && !this._closed) return this._tcp.readStop();
  return 0;
};

// Encrypts data and writes the records. req follows the TCP handle's
// contract: req.async false means it completed at once.
TLSHandle.prototype._write = function (req, data) {
  req.bytes = typeof data === 'string' ? Buffer.byteLength(data) : data.length;
  // Before the handshake ends, and while earlier writes wait, queue: the
  // order of the bytes is kept, and nothing reaches a peer that fails
  // verification (checked when the handshake ends, before the flush).
  if (!this._secure || this._pending.length > 0) {
    req.async = true;
    this._pending.push([req, data]);
    return 0;
  }
  return this._writeNow(req, data, false);
};

TLSHandle.prototype._writeNow = function (req, data, completeLater) {
  var st = this._wrap.write(data);
  var len = typeof data === 'string' ? Buffer.byteLength(data) : data.length;
  if (st >= 0 && this._wrap.written < len) st = -2; // engine refused data: closed
  var out = this._wrap.cipherOut;
  this._wrap.cipherOut = undefined;
  this._wrap.plainOut = undefined;
  if (st < 0) {
    var e = st === -2 ? epipe() : common.sslError(-st);
    if (completeLater) req.oncomplete(-32);
    this._fail(e);
    return completeLater ? 0 : -32; // EPIPE
  }
  if (!out) {
    if (completeLater) req.oncomplete(0);
    else req.async = false;
    return 0;
  }
  var sync = this._send(out, function (status) {
    if (completeLater || req.async) req.oncomplete(status);
  });
  if (!completeLater) req.async = !sync;
  return 0;
};

function epipe() {
  var e = new Error('write EPIPE: the TLS session is closed');
  e.code = 'EPIPE';
  e.syscall = 'write';
  return e;
}

TLSHandle.prototype._flushPending = function () {
  // one at a time from the front: a completion may write again, and that
  // write queues behind what is still here
  while (this._pending.length > 0 && !this._closed) {
    var item = this._pending[0];
    this._writeNow(item[0], item[1], true);
    this._pending.shift();
  }
};

TLSHandle.prototype.writeBuffer = function (req, buf) {
  return this._write(req, buf);
};

TLSHandle.prototype.writeUtf8String = function (req, s) {
  return this._write(req, s);
};

TLSHandle.prototype.writeLatin1String = function (req, s) {
  return this._write(req, Buffer.from(s, 'latin1'));
};

TLSHandle.prototype.writev = function (req, chunks) {
  var bufs = new Array(chunks.length);
  for (var i = 0; i < chunks.length; i++) {
    bufs[i] = typeof chunks[i] === 'string' ? Buffer.from(chunks[i], 'utf8') : chunks[i];
  }
  return this._write(req, Buffer.concat(bufs));
};

// Ends the write side with a TCP shutdown. BearSSL has no half-closed
// state: once close_notify goes either way its engine stops, so data the
// peer still sends would be lost. close_notify is therefore sent only
// when the peer has already finished sending (our read side ended; the
// C side holds the peer's close_notify back until then, so its end does
// not cut ours); otherwise the write side ends with the bare FIN, which
// Node (and HTTP clients, given framed bodies) take as a normal end.
TLSHandle.prototype.shutdown = function (req) {
  if (this._wrap && this._secure && this._ended && !this._closed) {
    this._wrap.close();
    var out = this._wrap.cipherOut;
    this._wrap.cipherOut = undefined;
    this._wrap.plainOut = undefined;
    if (out) this._send(out, null);
  }
  return this._tcp.shutdown(req);
};

TLSHandle.prototype._release = function () {
  this._closed = true;
  // writes still queued complete as cancelled (net reports ECANCELED)
  var pending = this._pending;
  this._pending = [];
  if (pending.length) {
    process.nextTick(function () {
      for (var i = 0; i < pending.length; i++) pending[i][0].oncomplete(-125);
    });
  }
  this._peek = null;
  if (this._wrap) {
    this._wrap.free();
    this._wrap = null;
  }
  this._tcp.onread = function () {};
};

TLSHandle.prototype.close = function (cb) {
  this._release();
  return this._tcp.close(cb);
};

TLSHandle.prototype.reset = function (cb) {
  this._release();
  return this._tcp.reset(cb);
};

// ---- sessions ----
//
// A session Buffer is BearSSL's parameters (87 bytes, from C) followed by
// what a resumed handshake cannot show again: whether the original peer
// chain was trusted (1 byte), then the chain (count, then length-prefixed
// DER certificates). A resumed connection takes its verdict and peer
// certificate from there; the host name is checked again.

function encodeSession(core, authorized, chain) {
  var parts = [core, Buffer.from([authorized ? 1 : 0, chain.length])];
  for (var i = 0; i < chain.length; i++) {
    var len = Buffer.alloc(4);
    len.writeUInt32BE(chain[i].length, 0);
    parts.push(len, chain[i]);
  }
  return Buffer.concat(parts);
}

// The C part of a session, remembering the rest on the socket.
function sessionCore(sock, session) {
  if (!session || !ArrayBuffer.isView(session) || session.length < 89) return undefined;
  var b = Buffer.from(session.buffer, session.byteOffset, session.byteLength);
  var chain = [], p = 89;
  for (var i = 0; i < b[88] && p + 4 <= b.length; i++) {
    var len = b.readUInt32BE(p);
    chain.push(b.slice(p + 4, p + 4 + len));
    p += 4 + len;
  }
  sock._offered = { authorized: b[87] === 1, chain: chain };
  return b.slice(0, 87);
}

// ---- TLSSocket ----

function normalizeALPN(list) {
  if (list === undefined || list === null) return undefined;
  var out = [];
  if (ArrayBuffer.isView(list)) {
    // wire format: length-prefixed names
    var b = Buffer.from(list.buffer, list.byteOffset, list.byteLength);
    for (var p = 0; p < b.length; p += 1 + b[p]) out.push(b.toString('latin1', p + 1, p + 1 + b[p]));
    return out;
  }
  if (!Array.isArray(list)) {
    throw require('internal/errors').codes.ERR_INVALID_ARG_TYPE('options.ALPNProtocols',
      ['Array', 'Buffer', 'TypedArray', 'DataView'], list);
  }
  for (var i = 0; i < list.length; i++) {
    out.push(typeof list[i] === 'string' ? list[i] : Buffer.from(list[i]).toString('latin1'));
  }
  return out;
}

function TLSSocket(socket, opts) {
  if (!(this instanceof TLSSocket)) return new TLSSocket(socket, opts);
  var o = Object.assign({}, opts);
  o.ALPNProtocols = normalizeALPN(o.ALPNProtocols);
  if (o.rejectUnauthorized === undefined) o.rejectUnauthorized = !o.isServer || !!o.requestCert;
  this._tlsOptions = o;
  this._secureContext = o.secureContext || null;
  this._secureEstablished = false;
  this._sniName = o.servername || undefined;
  this.encrypted = true;
  this.authorized = false;
  this.authorizationError = null;
  this.alpnProtocol = false;
  this.servername = null;
  this._peerChain = null;
  this._parent = null;

  var tcp = null, connected = false, server = null;
  if (socket && socket._handle) {
    // Take over an existing (connected or connecting) net.Socket's handle.
    tcp = socket._handle;
    tcp.onread = null;
    tcp.owner = null;
    socket._handle = null;
    this._parent = socket;
    connected = !socket.connecting;
    server = socket._server;
    socket._server = null; // this socket counts in server._connections now
  } else if (socket) {
    // XXX: Node can run TLS over any Duplex; lode needs a net.Socket
    // with its TCP handle (the records go through the handle).
    throw common.tlsError('ERR_TLS_INVALID_STATE',
      'lode can only wrap a net.Socket that has its handle (connected or connecting)', TypeError);
  } else {
    tcp = new TCP();
  }
  var handle = new TLSHandle(tcp, this);
  net.Socket.call(this, {
    handle: handle,
    allowHalfOpen: o.allowHalfOpen,
    readable: true,
    writable: true
  });
  if (server) {
    this._server = server;
    this.server = server;
  }
  if (socket && socket.connecting) {
    // a connecting socket: the handshake starts once it is connected
    var self = this;
    this.connecting = true;
    socket.once('connect', function () {
      self.connecting = false;
      handle._start();
      self.emit('connect');
    });
  } else if (connected || o.isServer) {
    handle._start();
  }
}
util.inherits(TLSSocket, net.Socket);

TLSSocket.prototype._tlsContext = function () {
  if (!this._secureContext) this._secureContext = common.createSecureContext(this._tlsOptions);
  return this._secureContext;
};

TLSSocket.prototype._needsSNI = function () {
  var server = this._tlsOptions.server;
  return !!(server && (server._contexts.length > 0 || typeof server._SNICallback === 'function'));
};

// Server: picks the context for servername (addContext patterns, then
// SNICallback), falling back to the server's own.
TLSSocket.prototype._chooseContext = function (servername, cb) {
  var server = this._tlsOptions.server;
  var fallback = server._sharedContext;
  if (servername) this.servername = servername;
  if (servername && typeof server._SNICallback === 'function') {
    var called = false;
    server._SNICallback(servername, function (err, ctx) {
      if (called) return;
      called = true;
      if (err) return cb(err);
      if (ctx && !(ctx instanceof common.SecureContext)) {
        ctx = ctx.context instanceof binding.SecureContext ? ctx : common.createSecureContext(ctx);
      }
      cb(null, ctx || fallback);
    });
    return;
  }
  cb(null, (servername && server._findContext(servername)) || fallback);
};

TLSSocket.prototype._onHandshakeDone = function () {
  var h = this._handle, w = h && h._wrap, o = this._tlsOptions;
  if (!w) return;
  this._secureEstablished = true;
  this.alpnProtocol = w.alpnProtocol() || false;
  this._peerChain = w.peerCertificates();
  var code = null;
  var resumed = !o.isServer && !!this._offered && w.resumed();
  this._sessionReused = resumed;
  if (resumed) {
    this._peerChain = this._offered.chain;
    code = this._offered.authorized ? null : 'UNABLE_TO_GET_ISSUER_CERT';
  } else if (!o.isServer || o.requestCert) {
    var status = w.verifyError();
    code = o.isServer && this._peerChain.length === 0 ?
      'UNABLE_TO_GET_ISSUER_CERT' : common.verifyCode(status, this._peerChain);
  }
  var verifyErr = code ? common.verifyError(code) : null;
  if (o.isServer) {
    this.servername = w.serverName() || this.servername || false;
    if (o.requestCert) {
      this.authorized = !verifyErr;
      this.authorizationError = code;
    }
    if (o.requestCert && o.rejectUnauthorized && verifyErr) {
      this._onTlsError(verifyErr);
      return;
    }
    var server = o.server;
    this._secureEmitted = true;
    if (server) server.emit('secureConnection', this);
    this.emit('secure');
    return;
  }
  // client: trust, then the host name
  if (!verifyErr) {
    var host = o.servername || o.host || 'localhost';
    var check = typeof o.checkServerIdentity === 'function' ?
      o.checkServerIdentity : common.checkServerIdentity;
    var idErr = check(host, typeof o.checkServerIdentity === 'function' ?
      this.getPeerCertificate() : common.parseCertificate(this._peerChain[0], true));
    if (idErr) verifyErr = idErr;
  }
  if (verifyErr) {
    this.authorized = false;
    this.authorizationError = verifyErr.code || String(verifyErr);
    if (o.rejectUnauthorized) {
      this.destroy(verifyErr);
      return;
    }
  } else {
    this.authorized = true;
  }
  if (this.listenerCount('session') > 0) {
    var session = this.getSession();
    if (session) this.emit('session', session);
  }
  this.emit('secureConnect');
  this.emit('secure');
};

// Server side, errors before 'secureConnection' go to the server's
// 'tlsClientError' (the server keeps serving); later ones, and all of a
// client's, to the socket.
TLSSocket.prototype._onTlsError = function (err) {
  var o = this._tlsOptions;
  if (o.isServer && !this._secureEmitted) {
    var server = o.server;
    this.destroy();
    if (server) server.emit('tlsClientError', err, this);
    return;
  }
  this.destroy(err);
};

TLSSocket.prototype.getPeerCertificate = function (detailed) {
  var chain = this._peerChain;
  if (!chain || chain.length === 0) return this._secureEstablished ? {} : null;
  var certs = chain.map(function (der) { return common.parseCertificate(der); });
  if (!detailed) return certs[0];
  for (var i = 0; i < certs.length; i++) {
    var next = certs[i + 1];
    if (next) certs[i].issuerCertificate = next;
    else certs[i].issuerCertificate = certs[i];
  }
  return certs[0];
};

TLSSocket.prototype.getCertificate = function () {
  var ctx = this._secureContext;
  if (!ctx || !ctx._certDer) return null;
  return common.parseCertificate(ctx._certDer);
};

TLSSocket.prototype.getProtocol = function () {
  var w = this._handle && this._handle._wrap;
  if (!w || !this._secureEstablished) return null;
  return common.versionName(w.version());
};

TLSSocket.prototype.getCipher = function () {
  var w = this._handle && this._handle._wrap;
  if (!w || !this._secureEstablished) return undefined;
  return common.cipherInfo(w.cipherSuite(), w.version());
};

TLSSocket.prototype.getServername = function () {
  if (this._tlsOptions.isServer) return this.servername || false;
  return this._sniName || false;
};

TLSSocket.prototype.setServername = function (name) {
  this._sniName = name;
};

// Resumption by session ID (BearSSL has no session tickets). A server
// cannot tell that it resumed: isSessionReused() is false there.
TLSSocket.prototype.isSessionReused = function () {
  return !!this._sessionReused;
};
TLSSocket.prototype.getSession = function () {
  var w = this._handle && this._handle._wrap;
  var core = w && this._secureEstablished && w.session();
  if (!core) return undefined;
  var trusted = this._tlsOptions.isServer ? false :
    this.authorizationError === null || this.authorizationError === undefined;
  return encodeSession(core, trusted, this._peerChain || []);
};
TLSSocket.prototype.getTLSTicket = function () { return undefined; };
TLSSocket.prototype.getEphemeralKeyInfo = function () { return {}; };
TLSSocket.prototype.setMaxSendFragment = function () { return false; };
TLSSocket.prototype.getFinished = function () { return undefined; };
TLSSocket.prototype.getPeerFinished = function () { return undefined; };
TLSSocket.prototype.disableRenegotiation = function () {};
TLSSocket.prototype.renegotiate = function (options, cb) {
  // XXX: BearSSL can renegotiate, but lode does not expose it.
  if (typeof cb === 'function') {
    var e = new Error('Renegotiation is not supported');
    e.code = 'ERR_TLS_RENEGOTIATION_DISABLED';
    process.nextTick(cb, e);
  }
  return false;
};

// ---- Server ----

function Server(options, listener) {
  if (!(this instanceof Server)) return new Server(options, listener);
  if (typeof options === 'function') {
    listener = options;
    options = {};
  }
  options = Object.assign({}, options);
  net.Server.call(this, options);
  this._options = options;
  this._contexts = [];
  this._SNICallback = typeof options.SNICallback === 'function' ? options.SNICallback : null;
  this._sharedContext = common.createSecureContext(options);
  this.requestCert = !!options.requestCert;
  this.rejectUnauthorized = options.rejectUnauthorized !== false;
  this.ALPNProtocols = options.ALPNProtocols;
  if (typeof listener === 'function') this.on('secureConnection', listener);
  this.on('connection', tlsConnectionListener);
}
util.inherits(Server, net.Server);

function tlsConnectionListener(raw) {
  var o = this._options;
  var sock = new TLSSocket(raw, {
    isServer: true,
    server: this,
    secureContext: this._sharedContext,
    requestCert: this.requestCert,
    rejectUnauthorized: this.rejectUnauthorized,
    ALPNProtocols: this.ALPNProtocols,
    allowHalfOpen: o.allowHalfOpen
  });
  if (o.handshakeTimeout !== 0) {
    var ms = o.handshakeTimeout || 120000;
    var server = this;
    var timer = setTimeout(function () {
      if (sock._secureEstablished || sock.destroyed) return;
      var e = new Error('TLS handshake timeout');
      e.code = 'ERR_TLS_HANDSHAKE_TIMEOUT';
      sock.destroy();
      server.emit('tlsClientError', e, sock);
    }, ms);
    if (timer.unref) timer.unref();
    sock.once('close', function () { clearTimeout(timer); });
    sock.once('secure', function () { clearTimeout(timer); });
  }
}

Server.prototype.addContext = function (servername, context) {
  if (typeof servername !== 'string') {
    throw require('internal/errors').codes.ERR_INVALID_ARG_TYPE('servername', 'string', servername);
  }
  var ctx = context instanceof common.SecureContext ? context : common.createSecureContext(context);
  var re = new RegExp('^' + servername.replace(/([.^$+?\-\\[\]{}()|])/g, '\\$1')
    .replace(/\*/g, '[^.]*') + '$', 'i');
  this._contexts.push([re, ctx]);
};

Server.prototype._findContext = function (servername) {
  for (var i = this._contexts.length - 1; i >= 0; i--) {
    if (this._contexts[i][0].test(servername)) return this._contexts[i][1];
  }
  return null;
};

Server.prototype.setSecureContext = function (options) {
  this._sharedContext = common.createSecureContext(Object.assign({}, this._options, options));
};

Server.prototype.getTicketKeys = function () { return Buffer.alloc(48); };
Server.prototype.setTicketKeys = function () {};

function createServer(options, listener) {
  return new Server(options, listener);
}

// ---- connect ----

function normalizeConnectArgs(args) {
  var options = {}, cb;
  var i = 0;
  if (typeof args[0] === 'object' && args[0] !== null) {
    options = Object.assign({}, args[0]);
    i = 1;
  } else {
    if (args[0] !== undefined && typeof args[0] !== 'function') options.port = args[0];
    i = 1;
    if (typeof args[1] === 'string') {
      options.host = args[1];
      i = 2;
    }
    if (typeof args[i] === 'object' && args[i] !== null) {
      options = Object.assign({}, args[i], options);
      i++;
    }
  }
  if (typeof args[i] === 'function') cb = args[i];
  return [options, cb];
}

function connect() {
  var args = Array.prototype.slice.call(arguments);
  var n = normalizeConnectArgs(args);
  var options = n[0], cb = n[1];
  options.host = options.host || options.hostname || 'localhost';
  if (options.rejectUnauthorized === undefined) {
    options.rejectUnauthorized = process.env.NODE_TLS_REJECT_UNAUTHORIZED !== '0';
  }
  var servername = options.servername;
  if (servername === undefined && !net.isIP(options.host)) servername = options.host;
  var socket = new TLSSocket(options.socket, {
    isServer: false,
    secureContext: options.secureContext || common.cachedSecureContext(options),
    servername: servername || undefined,
    host: options.host,
    rejectUnauthorized: options.rejectUnauthorized,
    checkServerIdentity: options.checkServerIdentity,
    session: options.session,
    ALPNProtocols: options.ALPNProtocols,
    allowHalfOpen: options.allowHalfOpen
  });
  socket._tlsOptions.servername = servername;
  if (servername) socket.servername = servername;
  if (cb) socket.once('secureConnect', cb);
  if (options.timeout) socket.setTimeout(options.timeout);
  if (!options.socket) {
    var connectOpts = {
      host: options.host,
      port: options.port,
      path: options.path,
      family: options.family,
      localAddress: options.localAddress,
      lookup: options.lookup
    };
    if (options.path) {
      // XXX: TLS over Unix sockets (options.path) is not supported yet.
      throw common.tlsError('ERR_NOT_SUPPORTED', 'tls.connect over a Unix socket path is not supported');
    }
    net.Socket.prototype.connect.call(socket, connectOpts);
  }
  return socket;
}

module.exports = {
  TLSSocket: TLSSocket,
  Server: Server,
  createServer: createServer,
  connect: connect,
  _peekServerName: peekServerName
};
