// net — TCP and Unix-socket streams and servers (layer: stdlib/, over
// internalBinding('stream_wrap')). Node 20's documented behaviour.
//
// A Socket is a Duplex over one handle (TCP, Pipe or TTY). Reads: the
// handle calls onread(nread, buffer); push() returning false stops the
// kernel reads (readStop) until _read asks again — backpressure reaches
// the peer. Writes: the handle writes what the kernel takes at once and
// queues the rest; a write that completed at once calls back at once.
'use strict';

var EventEmitter = require('events');
var stream = require('stream');
var util = require('util');
var errors = require('internal/errors');
var binding = internalBinding('stream_wrap');

var TCP = binding.TCP;
var Pipe = binding.Pipe;
var TTY = binding.TTY;
var UV_EOF = binding.UV_EOF;
var utilBinding = internalBinding('util');

// ---- errors ----

function uvException(err, syscall, extra) {
  var code = utilBinding.getErrorName(err);
  var e = new Error(syscall + ' ' + code + (extra ? ' ' + extra : ''));
  e.errno = err;
  e.code = code;
  e.syscall = syscall;
  return e;
}

// Node words listen errors with the system's description
// ("listen EADDRINUSE: address already in use 127.0.0.1:80").
function uvExceptionWithHostPort(err, syscall, address, port) {
  var code = utilBinding.getErrorName(err);
  var details = port > 0 ? address + ':' + port : address;
  var e = new Error(syscall + ' ' + code + ': ' + utilBinding.getErrorMessage(err) +
    (details ? ' ' + details : ''));
  e.errno = err;
  e.code = code;
  e.syscall = syscall;
  e.address = address;
  if (port > 0) e.port = port;
  return e;
}

function exceptionWithHostPort(err, syscall, address, port) {
  var details = port > 0 ? address + ':' + port : address;
  var e = uvException(err, syscall, details);
  e.address = address;
  if (port) e.port = port;
  return e;
}

// ---- IP helpers ----

var v4Seg = '(?:[0-9]|[1-9][0-9]|1[0-9][0-9]|2[0-4][0-9]|25[0-5])';
var v4Str = '(' + v4Seg + '[.]){3}' + v4Seg;
var IPv4Reg = new RegExp('^' + v4Str + '$');
var v6Seg = '(?:[0-9a-fA-F]{1,4})';
var IPv6Reg = new RegExp('^(' +
  '(?:' + v6Seg + ':){7}(?:' + v6Seg + '|:)|' +
  '(?:' + v6Seg + ':){6}(?:' + v4Str + '|:' + v6Seg + '|:)|' +
  '(?:' + v6Seg + ':){5}(?::' + v4Str + '|(?::' + v6Seg + '){1,2}|:)|' +
  '(?:' + v6Seg + ':){4}(?:(?::' + v6Seg + '){0,1}:' + v4Str + '|(?::' + v6Seg + '){1,3}|:)|' +
  '(?:' + v6Seg + ':){3}(?:(?::' + v6Seg + '){0,2}:' + v4Str + '|(?::' + v6Seg + '){1,4}|:)|' +
  '(?:' + v6Seg + ':){2}(?:(?::' + v6Seg + '){0,3}:' + v4Str + '|(?::' + v6Seg + '){1,5}|:)|' +
  '(?:' + v6Seg + ':){1}(?:(?::' + v6Seg + '){0,4}:' + v4Str + '|(?::' + v6Seg + '){1,6}|:)|' +
  '(?::(?:(?::' + v6Seg + '){0,5}:' + v4Str + '|(?::' + v6Seg + '){1,7}|:))' +
  ')(%[0-9a-zA-Z-.:]{1,})?$');

function isIPv4(s) {
  return typeof s === 'string' && IPv4Reg.test(s);
}

function isIPv6(s) {
  return typeof s === 'string' && IPv6Reg.test(s);
}

function isIP(s) {
  if (isIPv4(s)) return 4;
  if (isIPv6(s)) return 6;
  return 0;
}

function isPipeName(s) {
  return typeof s === 'string' && toNumber(s) === false;
}

function toNumber(x) {
  return (x = Number(x)) >= 0 ? x : false;
}

// ---- Socket ----

function Socket(options) {
  if (!(this instanceof Socket)) return new Socket(options);
  if (typeof options === 'number') options = { fd: options };
  else options = Object.assign({}, options);

  // Fields at their initial value live on Socket.prototype (see
  // socketDefaults): an idle connection carries only what changed.

  // decodeStrings and emitClose are false for every Socket: the stream
  // states get prototypes that say so (no own properties).
  options.decodeStrings = true;
  options.emitClose = true;
  options.autoDestroy = true;
  if (options.allowHalfOpen === undefined) options.allowHalfOpen = false;
  // An accepted socket's allowHalfOpen reads its server's (see below).
  if (options.acceptedBy) this.server = options.acceptedBy;
  stream.Duplex.call(this, options);
  Object.setPrototypeOf(this._readableState, SocketReadableState);
  Object.setPrototypeOf(this._writableState, SocketWritableState);

  if (options.handle) {
    this._handle = options.handle;
  } else if (options.fd !== undefined) {
    this._handle = createHandle(options.fd, false);
    var err = this._handle.open ? this._handle.open(options.fd) : this._handle.initError;
    if (err) throw uvException(err, 'open');
    if (this._handle instanceof Pipe || this._handle instanceof TTY) {
      // stdio pipes are not closed by Node on end; writes are sync-ish.
    }
  }
  if (this._handle) initHandle(this);
  this.on('end', onReadableStreamEnd);
  // A socket with a handle starts reading at once, unless told to wait
  // for a consumer (stdin: manualStart) or to stay paused.
  if (this._handle && options.readable !== false && !options.manualStart &&
      !options.pauseOnCreate) {
    this.read(0);
  }
}
util.inherits(Socket, stream.Duplex);

// Memory: each own property of a Duktape object costs about 34 bytes, and
// a server holds one Socket per idle keep-alive connection.
var socketDefaults = {
  connecting: false,
  _hadError: false,
  _handle: null,
  _host: null,
  _pendingData: null,
  _peername: null,
  _sockname: null,
  _bytesDispatched: 0,
  _readingStopped: false,
  _bytesRead: 0,     // bytes delivered through onread
  _consumedBytes: 0, // bytes a C consumer took, once the handle is gone
  _handleWritten: 0, // bytes written by C (HTTP responses), once the handle is gone
  timeout: 0,
  _timer: null,
  server: null
};
(function () {
  for (var k in socketDefaults) Socket.prototype[k] = socketDefaults[k];
})();
// Emitter fields at their default stay on the prototype (events.js).
Socket.prototype[typeof Symbol === 'function' ? Symbol['for']('lode.leanEmitter') : '__lodeLeanEmitter'] = true;
var SocketReadableState = Object.create(stream.Readable.ReadableState.prototype);
SocketReadableState.emitClose = false;
var SocketWritableState = Object.create(stream.Writable.WritableState.prototype);
SocketWritableState.decodeStrings = false;
SocketWritableState.emitClose = false;

// A setter that makes an own data property: for fields that are usually
// read through an accessor on the prototype.
function ownSetter(key) {
  return function (v) {
    Object.defineProperty(this, key, { value: v, writable: true, enumerable: true, configurable: true });
  };
}

// allowHalfOpen is the server's for an accepted socket (Node copies it
// from the server), false for others, unless set: no own property.
Object.defineProperty(Socket.prototype, 'allowHalfOpen', {
  get: function () {
    var server = this.server;
    return server ? server.allowHalfOpen === true : false;
  },
  set: ownSetter('allowHalfOpen'),
  configurable: true
});

// _server is server unless set apart (TLS sets it to null once the
// TLSSocket counts the connection): one field less per connection.
Object.defineProperty(Socket.prototype, '_server', {
  get: function () { return this.server; },
  set: ownSetter('_server'),
  configurable: true
});
Socket._ownSetter = ownSetter;

// Node's handles expose their descriptor as `fd` (-1 when closed).
[TCP, Pipe, TTY].forEach(function (C) {
  if (C && C.prototype && !Object.getOwnPropertyDescriptor(C.prototype, 'fd')) {
    Object.defineProperty(C.prototype, 'fd', {
      get: function () {
        var fd;
        try {
          fd = this.getFd();
        } catch (e) {
          return -1; // closed
        }
        return typeof fd === 'number' ? fd : -1;
      },
      configurable: true
    });
  }
});

[TCP, Pipe, TTY].forEach(function (C) {
  if (C && C.prototype && C.prototype.onread === undefined) C.prototype.onread = onStreamRead;
});

function createHandle(fd, isServer) {
  var type = binding.guessHandleType(fd);
  if (type === 'PIPE') return new Pipe(false);
  if (type === 'TCP') return new TCP();
  if (type === 'TTY') return new TTY(fd);
  if (type === 'FILE') return new Pipe(false);
  var err = new TypeError('Unsupported fd type: ' + type);
  err.code = 'ERR_INVALID_FD_TYPE';
  throw err;
}

// onStreamRead is the handles' default onread (on their prototypes, see
// below): no own property on each connection's handle.
function initHandle(self) {
  self._handle.owner = self;
  if (self._handle.onread !== onStreamRead) self._handle.onread = onStreamRead;
}

function onStreamRead(nread, buffer) {
  var self = this.owner;
  if (!self) return;
  self._unrefTimerActive();
  if (nread > 0) {
    self._bytesRead += nread;
    if (!self.push(buffer) && self._handle) {
      self._readingStopped = true;
      self._handle.readStop();
    }
    return;
  }
  if (nread === UV_EOF) {
    if (self._handle) {
      self._handle.readStop();
      self._readingStopped = true;
    }
    self.push(null);
    self.read(0);
    return;
  }
  self.destroy(uvException(nread, 'read'));
}

// Without allowHalfOpen, the readable end ends the writable side too.
function onReadableStreamEnd() {
  if (!this.allowHalfOpen) {
    this.write = writeAfterFIN;
    if (this.writable) this.end();
    else if (!this.writableLength) this.destroy();
  } else if (!this.destroyed && !this.writable && !this.writableLength) {
    this.destroy();
  }
}

function writeAfterFIN(chunk, encoding, cb) {
  if (!this.writableEnded) {
    return stream.Duplex.prototype.write.call(this, chunk, encoding, cb);
  }
  if (typeof encoding === 'function') {
    cb = encoding;
    encoding = null;
  }
  var er = new Error('This socket has been ended by the other party');
  er.code = 'EPIPE';
  var self = this;
  process.nextTick(function () {
    if (typeof cb === 'function') cb(er);
    self.destroy(er);
  });
  return false;
}

Object.defineProperty(Socket.prototype, 'readyState', {
  get: function () {
    if (this.connecting) return 'opening';
    if (this.readable && this.writable) return 'open';
    if (this.readable && !this.writable) return 'readOnly';
    if (!this.readable && this.writable) return 'writeOnly';
    return 'closed';
  }
});

// Reads a C consumer (the HTTP parser) took from the handle count too.
Object.defineProperty(Socket.prototype, 'bytesRead', {
  get: function () {
    var h = this._handle;
    return this._bytesRead + (h && h.getConsumedBytes ? h.getConsumedBytes() : this._consumedBytes);
  },
  configurable: true
});

Object.defineProperty(Socket.prototype, 'bufferSize', {
  get: function () {
    if (this._handle) return this.writableLength;
  }
});

Object.defineProperty(Socket.prototype, 'pending', {
  get: function () {
    return !this._handle || this.connecting;
  }
});

Object.defineProperty(Socket.prototype, 'bytesWritten', {
  get: function () {
    var h = this._handle, i, state = this._writableState, pending;
    var bytes = this._bytesDispatched +
      (h && h.getWrittenBytes ? h.getWrittenBytes() : this._handleWritten);
    if (!state) return bytes;
    pending = state.buffered || state.getBuffer && state.getBuffer() || [];
    for (i = 0; i < pending.length; i++) {
      var c = pending[i].chunk;
      bytes += Buffer.isBuffer(c) ? c.length : Buffer.byteLength(c, pending[i].encoding);
    }
    return bytes;
  }
});

Socket.prototype._read = function _read(n) {
  if (this.connecting || !this._handle) {
    this.once('connect', function () { this._read(n); });
    return;
  }
  if (this._readingStopped || !this._handle.reading) {
    if (this._readingStopped) this._readingStopped = false;
    this._handle.reading = true;
    var err = this._handle.readStart();
    if (err) this.destroy(uvException(err, 'read'));
  }
};

Socket.prototype.pause = function pause() {
  if (!this.connecting && this._handle && this._handle.reading) {
    this._handle.reading = false;
    if (!this.destroyed) {
      var err = this._handle.readStop();
      if (err) this.destroy(uvException(err, 'read'));
    }
  }
  return stream.Duplex.prototype.pause.call(this);
};

Socket.prototype.resume = function resume() {
  if (!this.connecting && this._handle && !this._handle.reading) {
    this._read();
  }
  return stream.Duplex.prototype.resume.call(this);
};

Socket.prototype.read = function read(n) {
  if (!this.connecting && this._handle && !this._handle.reading && n === 0 &&
      !this.readableEnded) {
    this._read();
  }
  return stream.Duplex.prototype.read.call(this, n);
};

function afterWriteDispatched(self, req, err, cb) {
  if (err !== 0) return cb(uvException(err, 'write', req.error));
  self._bytesDispatched += req.bytes;
  if (!req.async) {
    cb();
  } else {
    req.callback = cb;
  }
}

function onWriteComplete(status) {
  var self = this.owner;
  var cb = this.callback;
  if (self.destroyed) {
    if (typeof cb === 'function') cb(uvException(-125, 'write')); // ECANCELED
    return;
  }
  if (status < 0) {
    var ex = uvException(status, 'write');
    if (typeof cb === 'function') cb(ex);
    else self.destroy(ex);
    return;
  }
  self._unrefTimerActive();
  if (typeof cb === 'function') cb(null);
}

function WriteReq(owner) {
  this.owner = owner;
  this.callback = null;
  this.async = false;
  this.bytes = 0;
}
WriteReq.prototype.oncomplete = onWriteComplete;

Socket.prototype._writeGeneric = function (writev, data, encoding, cb) {
  if (this.connecting) {
    this._pendingData = data;
    var self = this;
    this.once('connect', function connect() {
      self.off('close', onClose);
      self._writeGeneric(writev, data, encoding, cb);
    });
    function onClose() {
      cb(errors.codes.ERR_SOCKET_CLOSED_BEFORE_CONNECTION ?
        errors.codes.ERR_SOCKET_CLOSED_BEFORE_CONNECTION() :
        new Error('Socket closed before the connection was established'));
    }
    this.once('close', onClose);
    return;
  }
  if (this._pendingData !== null) this._pendingData = null; // no own property when idle
  if (!this._handle) {
    cb(errors.codes.ERR_SOCKET_CLOSED ? errors.codes.ERR_SOCKET_CLOSED() : new Error('Socket is closed'));
    return false;
  }
  this._unrefTimerActive();
  var req = new WriteReq(this);
  var err;
  if (writev) {
    var chunks = new Array(data.length), i;
    for (i = 0; i < data.length; i++) {
      chunks[i] = typeof data[i].chunk === 'string' && data[i].encoding !== 'utf8' &&
        data[i].encoding !== 'utf-8' ? Buffer.from(data[i].chunk, data[i].encoding) : data[i].chunk;
    }
    err = this._handle.writev(req, chunks);
  } else if (typeof data === 'string') {
    if (encoding === 'latin1' || encoding === 'binary') {
      err = this._handle.writeLatin1String(req, data);
    } else if (encoding === 'utf8' || encoding === 'utf-8' || !encoding) {
      err = this._handle.writeUtf8String(req, data);
    } else {
      err = this._handle.writeBuffer(req, Buffer.from(data, encoding));
    }
  } else {
    err = this._handle.writeBuffer(req, data);
  }
  afterWriteDispatched(this, req, err, cb);
};

Socket.prototype._writev = function (chunks, cb) {
  this._writeGeneric(true, chunks, '', cb);
};

Socket.prototype._write = function (data, encoding, cb) {
  this._writeGeneric(false, data, encoding, cb);
};

function ShutdownReq(owner, cb) {
  this.owner = owner;
  this.callback = cb;
}
ShutdownReq.prototype.oncomplete = function (status) {
  var self = this.owner;
  if (!self.destroyed && status < 0 && status !== -107 /* ENOTCONN */) {
    this.callback(uvException(status, 'shutdown'));
    return;
  }
  this.callback();
};

Socket.prototype._final = function (cb) {
  if (this.pending || this.connecting) {
    var self = this;
    return this.once('connect', function () { self._final(cb); });
  }
  if (!this._handle) return cb();
  var req = new ShutdownReq(this, cb);
  var err = this._handle.shutdown(req);
  if (err === 1 || err === -107 /* ENOTCONN */) return cb();
  if (err !== 0) return cb(uvException(err, 'shutdown'));
};

Socket.prototype._destroy = function (exception, cb) {
  var self = this, isException = !!exception;
  this.connecting = false;
  this._clearTimer();
  if (this._handle) {
    var handle = this._handle;
    if (handle.getConsumedBytes) this._consumedBytes = handle.getConsumedBytes();
    if (handle.getWrittenBytes) this._handleWritten = handle.getWrittenBytes();
    this._handle = null;
    handle.onread = function () {};
    handle.owner = null;
    if (this.resetAndClosing) {
      this.resetAndClosing = false;
      handle.reset(function () { self.emit('close', isException); });
    } else {
      handle.close(function () { self.emit('close', isException); });
    }
    cb(exception);
  } else {
    cb(exception);
    process.nextTick(function () { self.emit('close', isException); });
  }
  if (this._server) {
    this._server._connections--;
    if (this._server._emitCloseIfDrained) this._server._emitCloseIfDrained();
  }
};

Socket.prototype.resetAndDestroy = function () {
  if (this._handle) {
    if (!(this._handle instanceof TCP)) {
      var e = new Error('Invalid handle type');
      e.code = 'ERR_INVALID_HANDLE_TYPE';
      throw e;
    }
    if (this.connecting) {
      var self = this;
      this.once('connect', function () { self._reset(); });
    } else {
      this._reset();
    }
  }
  return this;
};

Socket.prototype._reset = function () {
  this.resetAndClosing = true;
  return this.destroy();
};

Socket.prototype.setNoDelay = function (enable) {
  if (this._handle && this._handle.setNoDelay) {
    this._handle.setNoDelay(enable === undefined ? true : !!enable);
  }
  return this;
};

Socket.prototype.setKeepAlive = function (enable, initialDelay) {
  if (this._handle && this._handle.setKeepAlive) {
    this._handle.setKeepAlive(!!enable, ~~((initialDelay || 0) / 1000));
  }
  return this;
};

Socket.prototype.address = function () {
  return this._getsockname();
};

Socket.prototype._getpeername = function () {
  if (!this._handle || !this._handle.getpeername || this.connecting) {
    return this._peername || {};
  }
  if (!this._peername) {
    var out = {};
    if (this._handle.getpeername(out) !== 0) return {};
    this._peername = out;
  }
  return this._peername;
};

Socket.prototype._getsockname = function () {
  if (!this._handle || !this._handle.getsockname) return {};
  if (!this._sockname) {
    var out = {};
    if (this._handle.getsockname(out) !== 0) return {};
    this._sockname = out;
  }
  return this._sockname;
};

['remoteAddress', 'remoteFamily', 'remotePort'].forEach(function (name, i) {
  var key = ['address', 'family', 'port'][i];
  Object.defineProperty(Socket.prototype, name, {
    get: function () { return this._getpeername()[key]; },
    configurable: true
  });
});

['localAddress', 'localFamily', 'localPort'].forEach(function (name, i) {
  var key = ['address', 'family', 'port'][i];
  Object.defineProperty(Socket.prototype, name, {
    get: function () { return this._getsockname()[key]; },
    configurable: true
  });
});

// ---- timeouts ----

Socket.prototype.setTimeout = function (msecs, callback) {
  if (typeof msecs !== 'number' || msecs < 0 || !isFinite(msecs)) {
    throw errors.codes.ERR_OUT_OF_RANGE ?
      errors.codes.ERR_OUT_OF_RANGE('msecs', 'a non-negative finite number', msecs) :
      new RangeError('msecs');
  }
  this.timeout = msecs;
  this._clearTimer();
  if (msecs === 0) {
    if (callback) this.removeListener('timeout', callback);
  } else {
    this._armTimer();
    if (callback) this.once('timeout', callback);
  }
  return this;
};

Socket.prototype._armTimer = function () {
  var self = this;
  this._timer = setTimeout(function () {
    self._timer = null;
    self.emit('timeout');
  }, this.timeout);
  this._timer.unref();
};

Socket.prototype._clearTimer = function () {
  if (this._timer) {
    clearTimeout(this._timer);
    this._timer = null;
  }
};

// Activity restarts the idle timer.
Socket.prototype._unrefTimerActive = function () {
  if (this._timer) this._timer.refresh();
};

// ---- ref/unref ----

Socket.prototype.ref = function () {
  if (!this._handle) {
    this.once('connect', this.ref);
    return this;
  }
  if (this._handle.ref) this._handle.ref();
  return this;
};

Socket.prototype.unref = function () {
  if (!this._handle) {
    this.once('connect', this.unref);
    return this;
  }
  if (this._handle.unref) this._handle.unref();
  return this;
};

// ---- connect ----

function normalizeArgs(args) {
  var arr, options = {}, cb;
  if (args.length === 0) return [{}, null];
  var arg0 = args[0];
  if (arg0 !== null && typeof arg0 === 'object') {
    options = arg0;
  } else if (isPipeName(arg0)) {
    options.path = arg0;
  } else {
    options.port = arg0;
    if (args.length > 1 && typeof args[1] === 'string') options.host = args[1];
  }
  cb = args[args.length - 1];
  if (typeof cb !== 'function') cb = null;
  arr = [options, cb];
  return arr;
}

Socket.prototype.connect = function () {
  var args = new Array(arguments.length), i;
  for (i = 0; i < arguments.length; i++) args[i] = arguments[i];
  var normalized = Array.isArray(args[0]) && args[0].length === 2 && args[0].normalized ?
    args[0] : normalizeArgs(args);
  var options = normalized[0], cb = normalized[1];
  if (this.write !== Socket.prototype.write) this.write = Socket.prototype.write;
  if (this.destroyed) {
    this._handle = null;
    this._peername = null;
    this._sockname = null;
    this._undestroy();
  }
  var pipe = !!options.path;
  if (!this._handle) {
    this._handle = pipe ? new Pipe(false) : new TCP();
    initHandle(this);
  }
  if (cb !== null) this.once('connect', cb);
  this._unrefTimerActive();
  this.connecting = true;
  if (pipe) {
    if (typeof options.path !== 'string') {
      throw errors.codes.ERR_INVALID_ARG_TYPE('options.path', 'string', options.path);
    }
    internalConnect(this, options.path);
  } else {
    lookupAndConnect(this, options);
  }
  return this;
};

function lookupAndConnect(self, options) {
  var host = options.host || 'localhost';
  var port = options.port;
  if (port === undefined || port === null || port === '' ||
      (typeof port !== 'number' && typeof port !== 'string') ||
      toNumber(port) === false || +port > 65535 || +port !== Math.floor(+port)) {
    if (typeof port !== 'undefined' && typeof port !== 'number' && typeof port !== 'string') {
      throw errors.codes.ERR_INVALID_ARG_TYPE('options.port', ['number', 'string'], port);
    }
    var e = new RangeError('Port should be >= 0 and < 65536. Received ' +
      (typeof port === 'string' ? "type string ('" + port + "')" : util.inspect(port)) + '.');
    e.code = 'ERR_SOCKET_BAD_PORT';
    throw e;
  }
  port = +port;
  var addressType = isIP(host);
  if (addressType) {
    process.nextTick(function () {
      if (self.connecting) internalConnect(self, host, port, addressType);
    });
    return;
  }
  var dns = require('dns');
  var family = options.family === 6 ? 6 : options.family === 4 ? 4 : 0;
  self._host = host;
  dns.lookup(host, { family: family, hints: options.hints || 0 }, function (err, ip, addressType) {
    if (!self.connecting) return;
    if (err) {
      process.nextTick(function () {
        err.host = host;
        self.destroy(err);
      });
      return;
    }
    self.emit('lookup', null, ip, addressType, host);
    internalConnect(self, ip, port, addressType);
  });
}

function ConnectReq(owner, address, port) {
  this.owner = owner;
  this.address = address;
  this.port = port;
}
ConnectReq.prototype.oncomplete = function afterConnect(status) {
  var self = this.owner;
  if (self.destroyed) return;
  self.connecting = false;
  self._sockname = null;
  if (status === 0) {
    if (self.readable && !self.isPaused()) self.read(0);
    self.emit('connect');
    self.emit('ready');
    if (self.readable && !self.isPaused()) self.read(0);
  } else {
    self.destroy(exceptionWithHostPort(status, 'connect', this.address, this.port));
  }
};

function internalConnect(self, address, port, addressType) {
  var err, req;
  if (!self._handle) return;
  req = new ConnectReq(self, address, port);
  if (addressType === 6) err = self._handle.connect6(req, address, port);
  else if (addressType === 4) err = self._handle.connect(req, address, port);
  else err = self._handle.connect(req, address);
  if (err) {
    self.destroy(exceptionWithHostPort(err, 'connect', address, port));
  }
}

function connect() {
  var args = new Array(arguments.length), i;
  for (i = 0; i < arguments.length; i++) args[i] = arguments[i];
  var normalized = normalizeArgs(args);
  var options = normalized[0];
  var socket = new Socket(options);
  if (options.timeout) socket.setTimeout(options.timeout);
  normalized.normalized = true;
  return Socket.prototype.connect.call(socket, options, normalized[1] || undefined);
}

// ---- Server ----

function Server(options, connectionListener) {
  if (!(this instanceof Server)) return new Server(options, connectionListener);
  EventEmitter.call(this);
  if (typeof options === 'function') {
    connectionListener = options;
    options = {};
  } else if (options === null || options === undefined) {
    options = {};
  }
  if (typeof connectionListener === 'function') this.on('connection', connectionListener);
  this._connections = 0;
  this._handle = null;
  this._usingWorkers = false;
  this._workers = [];
  this._unref = false;
  this.allowHalfOpen = options.allowHalfOpen || false;
  this.pauseOnConnect = !!options.pauseOnConnect;
  this.noDelay = !!options.noDelay;
  this.keepAlive = !!options.keepAlive;
  this.keepAliveInitialDelay = ~~((options.keepAliveInitialDelay || 0) / 1000);
  this.maxConnections = undefined;
  this._pipeName = undefined;
}
util.inherits(Server, EventEmitter);

Object.defineProperty(Server.prototype, 'listening', {
  get: function () { return !!this._handle; },
  configurable: true,
  enumerable: true
});

function onConnection(status, clientHandle) {
  var self = this.owner;
  if (status < 0) {
    self.emit('error', uvException(status, 'accept'));
    return;
  }
  if (self.maxConnections !== undefined && self._connections >= self.maxConnections) {
    clientHandle.close();
    return;
  }
  var socket = new Socket({
    handle: clientHandle,
    acceptedBy: self,
    allowHalfOpen: self.allowHalfOpen,
    pauseOnCreate: self.pauseOnConnect,
    readable: true,
    writable: true
  });
  if (self.noDelay && clientHandle.setNoDelay) clientHandle.setNoDelay(true);
  if (self.keepAlive && clientHandle.setKeepAlive) clientHandle.setKeepAlive(true, self.keepAliveInitialDelay);
  self._connections++;
  // socket.server was set by the constructor (acceptedBy); _server reads it.
  self.emit('connection', socket);
  if (!self.pauseOnConnect && !socket.destroyed) socket.read(0);
}

Server.prototype._listen2 = function (address, port, addressType, backlog, fd, adopted) {
  var handle, err, self = this;
  if (adopted) {
    handle = adopted;
  } else if (typeof fd === 'number' && fd >= 0) {
    handle = createHandle(fd, true);
    err = handle.open(fd);
    if (err) return emitErrorNT(this, uvException(err, 'listen'));
  } else if (addressType === -1) {
    handle = new Pipe(false);
    err = handle.bind(address);
    if (err) {
      handle.close();
      return process.nextTick(emitErrorNT, this, uvExceptionWithHostPort(err, 'listen', address, -1));
    }
  } else {
    handle = new TCP();
    if (addressType === 6 || (addressType === 0 && !address)) {
      err = handle.bind6(address || '::', port || 0, 0);
      if (err && !address) {
        // No IPv6 here: fall back to IPv4 like Node does.
        handle.close();
        handle = new TCP();
        err = handle.bind('0.0.0.0', port || 0);
        address = '0.0.0.0';
      }
    } else {
      err = handle.bind(address, port || 0);
    }
    if (err) {
      handle.close();
      return process.nextTick(emitErrorNT, this, uvExceptionWithHostPort(err, 'listen', address, port));
    }
  }
  handle.onconnection = onConnection;
  handle.owner = this;
  err = handle.listen(backlog || 511);
  if (err) {
    if (!adopted) handle.close();
    return process.nextTick(emitErrorNT, this, uvExceptionWithHostPort(err, 'listen', address, port));
  }
  this._handle = handle;
  if (this._unref) handle.unref();
  process.nextTick(function () {
    if (self._handle) self.emit('listening');
  });
};

function emitErrorNT(self, err) {
  self.emit('error', err);
}

Server.prototype.listen = function () {
  var args = new Array(arguments.length), i, self = this;
  for (i = 0; i < arguments.length; i++) args[i] = arguments[i];
  var normalized = normalizeArgs(args);
  var options = normalized[0], cb = normalized[1];
  if (this._handle) {
    var e = new Error('Listen method has been called more than once without closing.');
    e.code = 'ERR_SERVER_ALREADY_LISTEN';
    throw e;
  }
  if (cb !== null) this.once('listening', cb);
  var backlog = options.backlog;
  if (typeof args[1] === 'number' && typeof args[0] === 'number') backlog = undefined;
  if (args.length > 2 && typeof args[2] === 'number') backlog = args[2];
  // listen(handle), listen({handle}), listen({_handle}) (a net.Server or
  // Socket), listen({fd}): a TCP or Pipe handle is adopted as it is (a
  // handle received over IPC, or taken from another server).
  var h = options._handle || options.handle || options;
  if (h instanceof TCP || h instanceof Pipe) {
    this._listen2(null, -1, -1, backlog, undefined, h);
    return this;
  }
  if (typeof h.fd === 'number' && h.fd >= 0) {
    this._listen2(null, -1, -1, backlog, h.fd);
    return this;
  }
  if (options.path !== undefined) {
    this._pipeName = options.path;
    this._listen2(options.path, -1, -1, backlog);
    return this;
  }
  var port = options.port;
  if (port === undefined || port === null) port = 0;
  if (typeof port === 'string' && port !== '' && toNumber(port) !== false) port = +port;
  if (typeof port !== 'number' || port < 0 || port > 65535 || port !== Math.floor(port)) {
    var pe = new RangeError('options.port should be >= 0 and < 65536. Received ' +
      util.inspect(options.port) + '.');
    pe.code = 'ERR_SOCKET_BAD_PORT';
    throw pe;
  }
  var host = options.host;
  if (host === undefined || host === null || host === '') {
    this._listen2(null, port, 0, backlog);
    return this;
  }
  var type = isIP(host);
  if (type) {
    this._listen2(host, port, type, backlog);
    return this;
  }
  require('dns').lookup(host, function (err, ip, addressType) {
    if (err) {
      self.emit('error', err);
      return;
    }
    self._listen2(ip, port, addressType, backlog);
  });
  return this;
};

Server.prototype.address = function () {
  if (this._handle && this._handle.getsockname) {
    var out = {};
    if (this._handle.getsockname(out) !== 0) return null;
    return out;
  }
  if (this._pipeName) return this._pipeName;
  return null;
};

Server.prototype.getConnections = function (cb) {
  var self = this;
  process.nextTick(function () { cb(null, self._connections); });
  return this;
};

Server.prototype.close = function (cb) {
  var self = this;
  if (typeof cb === 'function') {
    if (!this._handle) {
      this.once('close', function close() {
        var e = new Error('Server is not running.');
        e.code = 'ERR_SERVER_NOT_RUNNING';
        cb(e);
      });
    } else {
      this.once('close', cb);
    }
  }
  if (this._handle) {
    this._handle.close();
    this._handle = null;
  }
  this._emitCloseIfDrained();
  return this;
};

Server.prototype._emitCloseIfDrained = function () {
  var self = this;
  if (this._handle || this._connections) return;
  process.nextTick(function () { self.emit('close'); });
};

Server.prototype.ref = function () {
  this._unref = false;
  if (this._handle) this._handle.ref();
  return this;
};

Server.prototype.unref = function () {
  this._unref = true;
  if (this._handle) this._handle.unref();
  return this;
};

function createServer(options, connectionListener) {
  return new Server(options, connectionListener);
}

module.exports = {
  createServer: createServer,
  createConnection: connect,
  connect: connect,
  Server: Server,
  Socket: Socket,
  Stream: Socket,
  isIP: isIP,
  isIPv4: isIPv4,
  isIPv6: isIPv6,
  _normalizeArgs: normalizeArgs,
  _createHandle: createHandle
};
