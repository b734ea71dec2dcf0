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
var streamState = require('internal/streams/state');
var finalDone = require('internal/streams/writable').finalDone;
var onFinalDone = require('internal/streams/writable').onFinalDone;
var endReadable = require('internal/streams/readable').endReadable;
var destroyedStream = require('internal/streams/destroy').destroyed;
var duplexDestroy = stream.Duplex.prototype.destroy;
var onEofChunk = require('internal/streams/readable').onEofChunk;
var readablePush = require('internal/streams/readable').prototype.push;

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
  if (options === kAccept) { // (kAccept is private: always with new)
    initAccepted(this);
    return;
  }
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
  if (options.acceptedBy) this._acceptedBy = options.acceptedBy;
  stream.Duplex.call(this, options);
  Object.setPrototypeOf(this._readableState, SocketReadableState);
  Object.setPrototypeOf(this._writableState, SocketWritableState);

  // Applied once connected (see afterConnect), as node does.
  if (options.noDelay) this._noDelay = true;
  if (options.keepAlive) this._keepAlive = true;
  if (options.keepAliveInitialDelay) this._keepAliveDelay = ~~(options.keepAliveInitialDelay / 1000);

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

// An accepted connection (onConnection): what the general path above
// makes of {handle, acceptedBy: server, allowHalfOpen: server's,
// pauseOnCreate, readable: true, writable: true}, without copying the
// options or running the stream constructors' option checks (a server
// makes one per connection). onConnection passes the handle and server
// in acceptHandle/acceptServer.
var kAccept = {};
var acceptHandle = null, acceptServer = null;
function SocketRState() {}
function SocketWState() {}

function initAccepted(self) {
  var server = acceptServer, handle = acceptHandle, hwm, aho;
  acceptServer = acceptHandle = null;
  self._acceptedBy = server;
  var r = self._readableState = new SocketRState();
  var w = self._writableState = new SocketWState();
  hwm = streamState.getDefaultHighWaterMark(false);
  if (hwm !== r.highWaterMark) r.highWaterMark = hwm;
  if (hwm !== w.highWaterMark) w.highWaterMark = hwm;
  // Duplex's own allowHalfOpen where it differs from what the
  // prototype's getter reads from the server (server.allowHalfOpen ===
  // true).
  aho = server.allowHalfOpen;
  if ((aho !== undefined && aho !== false) !== (aho === true)) self.allowHalfOpen = aho !== false;
  // EventEmitter.init and on('end', onReadableStreamEnd) on a fresh lean
  // emitter (Socket.prototype's kLean): a new _events holding that one.
  if (EventEmitter.captureRejections) {
    EventEmitter.init.call(self);
    self.on('end', onReadableStreamEnd);
  } else {
    var events = self._events = Object.create(null);
    events.end = onReadableStreamEnd;
    self._eventsCount = 1;
  }
  self._handle = handle;
  initHandle(self);
  if (!server.pauseOnConnect) {
    // read(0) on the fresh socket: starts the handle reading; the
    // readable state is then reading, past its first sync read, and
    // waiting for data.
    handle.reading = true;
    var err = handle.readStart();
    if (err) {
      self.destroy(uvException(err, 'read'));
      r.needReadable = true;
    } else {
      r.reading = true;
      r.sync = false;
      r.needReadable = true;
    }
  }
}

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
  _acceptedBy: null, // the accepting server, which `server` reads
  _httpState: null,  // an HTTP server connection's (http.js)
  _serverSet: false, // server has an own value (see ownSetter)
  _serverApart: false, // _server has an own value
  resetAndClosing: false, // resetAndDestroy() in progress
  // setNoDelay/setKeepAlive's last values (node's kSetNoDelay...): a call
  // that changes nothing makes no syscall (an http Agent sets keep-alive
  // on every socket it takes back), one before connect applies on connect.
  _noDelay: false,
  _keepAlive: false,
  _keepAliveDelay: 0
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
SocketRState.prototype = SocketReadableState;
SocketWState.prototype = SocketWritableState;

// A setter that makes an own data property: for fields that are usually
// read through an accessor on the prototype. With `mark`, it also sets
// that field true, so that net's own code can tell the own value is
// there without calling the accessor (a call from a property read costs
// Duktape several times a plain read).
function ownSetter(key, mark) {
  return function (v) {
    Object.defineProperty(this, key, { value: v, writable: true, enumerable: true, configurable: true });
    if (mark) this[mark] = true;
  };
}

// What socket.server reads, without the accessor call: an own value if
// one was set, else the HTTP connection's server (http.js's state, see
// connectionListener), else the accepting server.
function serverOf(self) {
  if (self._serverSet === true) return self.server;
  var st = self._httpState;
  return st ? st.server : self._acceptedBy;
}

// allowHalfOpen is the server's for an accepted socket (Node copies it
// from the server), false for others, unless set: no own property.
Object.defineProperty(Socket.prototype, 'allowHalfOpen', {
  get: function () {
    var server = serverOf(this);
    return server ? server.allowHalfOpen === true : false;
  },
  set: ownSetter('allowHalfOpen'),
  configurable: true
});

// server is the accepting server unless set: plain fields, as an
// assignment to an accessor from the prototype would make a
// defineProperty per connection.
Object.defineProperty(Socket.prototype, 'server', {
  get: function () {
    var st = this._httpState;
    return st ? st.server : this._acceptedBy;
  },
  set: ownSetter('server', '_serverSet'),
  configurable: true
});

// _server is server unless set apart (TLS sets it to null once the
// TLSSocket counts the connection): one field less per connection.
Object.defineProperty(Socket.prototype, '_server', {
  get: function () { return serverOf(this); },
  set: ownSetter('_server', '_serverApart'),
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
  // close(cb) calls cb with the handle as `this` (see destroySocket).
  if (C && C.prototype) C.prototype.lodeCloseToOwner = true;
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
  if (self._timer) self._unrefTimerActive();
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
    var rs = self._readableState;
    if (self.push === readablePush) {
      rs.reading = false; // push(null), one call less
      onEofChunk(self, rs);
    } else {
      self.push(null);
    }
    // read(0), which with nothing buffered (and the handle reading, or
    // gone) only schedules 'end'.
    if (rs.length === 0 && rs.ended === true && (!self._handle || self._handle.reading)) {
      endReadable(self);
    } else {
      self.read(0);
    }
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
  } else {
    // !this.destroyed && !this.writable && !this.writableLength, read
    // from the states (Duplex's getters, one call each).
    var r = this._readableState, w = this._writableState;
    if (!(r.destroyed && w.destroyed) &&
        !(w.writable !== false && !w.destroyed && !w.errored && !w.ending && !w.ended) &&
        !w.length) {
      this.destroy();
    }
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
  var h = this._handle;
  if (n === 0 && h && h.reading) {
    // read(0) while the handle reads and nothing came yet: all that
    // Readable's read(0) does then is to wait for data (needReadable).
    var rs = this._readableState;
    if (rs.reading === true && rs.length === 0 && !rs.ended && !this.connecting) {
      rs.needReadable = true;
      return null;
    }
  }
  if (!this.connecting && this._handle && !this._handle.reading && n === 0 &&
      !this.readableEnded) {
    this._read();
  }
  return stream.Duplex.prototype.read.call(this, n);
};

// As Node's (http ends a connection's last response with it): end, and
// destroy once finished, without waiting for the other side's end.
// Node's once('finish', this.destroy) is a listener; here a flag that
// Writable's finish() reads right after 'finish' (a listener added and
// removed per connection costs as much as the rest of the destroy).
Socket.prototype.destroySoon = function () {
  var w = this._writableState;
  // this.writable and this.writableFinished, from the state.
  if (w.writable !== false && !w.destroyed && !w.errored && !w.ending && !w.ended) this.end();
  if (w.finished) this.destroy();
  else w.destroyOnFinish = true;
};

// destroy() of a socket with a handle whose streams are constructed and
// have nothing buffered: what Writable's destroy, destroy() and
// _destroy do then, in one function (the general path is several calls
// deep for each socket).
Socket.prototype.destroy = function (err, cb) {
  var w = this._writableState, r = this._readableState;
  if (w.destroyed || r.destroyed || !this._handle || !w.constructed ||
      w.buffered !== null || w.onFinished !== null || this._destroy !== socketDestroy) {
    return duplexDestroy.call(this, err, cb);
  }
  if (err) {
    if (!w.errored) w.errored = err;
    if (!r.errored) r.errored = err;
  }
  w.destroyed = true;
  r.destroyed = true;
  var res;
  try {
    res = destroySocket(this, err || null);
  } catch (e) {
    res = e === undefined ? null : e;
  }
  destroyedStream(this, res, cb);
  serverConnectionGone(this);
  return this;
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

// A write before the connection exists waits for 'connect' (or fails on
// 'close'). Its own function: a function declared in _writeGeneric would
// be a closure made on every write.
function writeAfterConnect(self, writev, data, encoding, cb) {
  self._pendingData = data;
  self.once('connect', function connect() {
    self.off('close', onClose);
    self._writeGeneric(writev, data, encoding, cb);
  });
  function onClose() {
    cb(errors.codes.ERR_SOCKET_CLOSED_BEFORE_CONNECTION ?
      errors.codes.ERR_SOCKET_CLOSED_BEFORE_CONNECTION() :
      new Error('Socket closed before the connection was established'));
  }
  self.once('close', onClose);
}

Socket.prototype._writeGeneric = function (writev, data, encoding, cb) {
  if (this.connecting) {
    writeAfterConnect(this, writev, data, encoding, cb);
    return;
  }
  if (this._pendingData !== null) this._pendingData = null; // no own property when idle
  if (!this._handle) {
    cb(errors.codes.ERR_SOCKET_CLOSED ? errors.codes.ERR_SOCKET_CLOSED() : new Error('Socket is closed'));
    return false;
  }
  if (this._timer) this._unrefTimerActive();
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

// A Latin-1 string written at once on an idle socket, past its Writable
// machinery (http's head, with or without its body: each request's
// write otherwise runs a dozen stream functions): the handle call of
// _writeGeneric, the timer refresh and byte count, and cb(err) after the
// write, on the next tick when it completed at once, as a Writable calls
// it. false, with nothing done, unless the socket is connected and has
// nothing queued, corked or ending. (A TLS socket's handle, the JS TLS
// layer, takes the same call and completes it the same way.)
Socket.prototype._writeIdle = function (data, cb) {
  var w = this._writableState, h = this._handle;
  if (this.connecting || !h || typeof h.writeLatin1String !== 'function' ||
      !w || w.length !== 0 || w.corked || w.writable === false || w.destroyed || w.errored ||
      w.ending || w.ended) {
    return false;
  }
  if (this._pendingData !== null) this._pendingData = null;
  if (this._timer) this._unrefTimerActive();
  var req = new IdleWriteReq(this, cb);
  var err = h.writeLatin1String(req, data);
  if (err !== 0) {
    var ex = uvException(err, 'write', req.error);
    this.destroy(ex);
    if (typeof cb === 'function') process.nextTick(cb, ex);
    return true;
  }
  this._bytesDispatched += req.bytes;
  if (!req.async && typeof cb === 'function') process.nextTick(cb, null);
  return true;
};

function IdleWriteReq(owner, cb) {
  this.owner = owner;
  this.callback = cb;
  this.async = false;
  this.bytes = 0;
}
IdleWriteReq.prototype.oncomplete = function (status) {
  var self = this.owner, cb = this.callback, ex = null;
  if (status < 0) {
    ex = uvException(status, 'write');
    if (!self.destroyed) self.destroy(ex);
  } else if (self.destroyed) {
    ex = uvException(-125, 'write'); // ECANCELED
  } else {
    self._unrefTimerActive();
  }
  if (typeof cb === 'function') cb(ex);
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
  // (status first: the destroyed getter only for a failed shutdown)
  var err = status < 0 && status !== -107 /* ENOTCONN */ && !self.destroyed ?
    uvException(status, 'shutdown') : undefined;
  if (this.callback === null) onFinalDone(self, self._writableState, err);
  else if (err) this.callback(err);
  else this.callback();
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

// What Writable's prefinish calls instead of _final(callback) while
// _final is this one: the same, reporting to Writable.finalDone(stream,
// err) without a closure per socket.
Socket.prototype._final.lodeFinal = function (self) {
  var handle = self._handle;
  if (!handle || self.connecting) { // (self.pending, without the getter)
    return self._final(function (err) { finalDone(self, err); });
  }
  var req = new ShutdownReq(self, null);
  var err = handle.shutdown(req);
  if (err === 1 || err === -107 /* ENOTCONN */) return finalDone(self);
  if (err !== 0) return finalDone(self, uvException(err, 'shutdown'));
};

var socketDestroy = Socket.prototype._destroy = function (exception, cb) {
  if (!this._handle) {
    var self = this, isException = !!exception;
    this.connecting = false;
    this._clearTimer();
    cb(exception);
    process.nextTick(function () { self.emit('close', isException); });
    serverConnectionGone(this);
    return;
  }
  cb(destroySocket(this, exception));
  serverConnectionGone(this);
};

// destroy() calls this instead of _destroy(err, callback) while _destroy
// is the one above (no callback closure per socket): with a handle, its
// result is what _destroy passes to its callback; without one (the
// 'close' tick must follow destroy's own ticks) undefined: not done.
Socket.prototype._destroy.lodeSync = function (self, exception) {
  return self._handle ? destroySocket(self, exception) : undefined;
};
// ... and then this, after the callback.
Socket.prototype._destroy.lodeSync.after = serverConnectionGone;

function destroySocket(self, exception) {
  var isException = !!exception;
  if (self.connecting) self.connecting = false;
  if (self._timer) self._clearTimer();
  if (self._handle) {
    var handle = self._handle;
    if (handle.saveBytes !== undefined) {
      handle.saveBytes(self); // both counts, in one call
    } else {
      if (handle.getConsumedBytes) self._consumedBytes = handle.getConsumedBytes();
      if (handle.getWrittenBytes) self._handleWritten = handle.getWrittenBytes();
    }
    self._handle = null;
    handle.onread = noop;
    if (self.resetAndClosing) {
      handle.owner = null;
      self.resetAndClosing = false;
      handle.reset(function () { self.emit('close', isException); });
    } else if (handle.lodeCloseToOwner === true) {
      // The handle's close callback runs with the handle as `this`: it
      // keeps its owner (as Node's handles do) for onHandleClose.
      if (isException) handle.closeError = true;
      handle.close(onHandleClose);
    } else {
      handle.owner = null;
      handle.close(function () { self.emit('close', isException); });
    }
  }
  return exception;
}

function serverConnectionGone(self) {
  var server = self._serverApart === true ? self._server : serverOf(self);
  if (server) {
    server._connections--;
    if (server._emitCloseIfDrained) server._emitCloseIfDrained();
  }
}

function noop() {}

function onHandleClose() {
  this.owner.emit('close', this.closeError === true);
}

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
  enable = enable === undefined ? true : !!enable;
  if (!this._handle) {
    if (enable !== this._noDelay) this._noDelay = enable;
  } else if (this._handle.setNoDelay && enable !== this._noDelay) {
    this._noDelay = enable;
    this._handle.setNoDelay(enable);
  }
  return this;
};

Socket.prototype.setKeepAlive = function (enable, initialDelay) {
  var delay = ~~((initialDelay || 0) / 1000);
  enable = !!enable;
  if (!this._handle) {
    if (enable !== this._keepAlive) this._keepAlive = enable;
    if (delay !== this._keepAliveDelay) this._keepAliveDelay = delay;
  } else if (this._handle.setKeepAlive &&
             (enable !== this._keepAlive || (enable && delay !== this._keepAliveDelay))) {
    this._keepAlive = enable;
    this._keepAliveDelay = delay;
    this._handle.setKeepAlive(enable, delay);
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
    // Asked for before the connection existed (node's afterConnect).
    if (self._noDelay && self._handle.setNoDelay) self._handle.setNoDelay(true);
    if (self._keepAlive && self._handle.setKeepAlive) {
      self._handle.setKeepAlive(true, self._keepAliveDelay);
    }
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
  acceptHandle = clientHandle;
  acceptServer = self;
  var socket = new Socket(kAccept);
  if (self.noDelay && clientHandle.setNoDelay) {
    socket._noDelay = true;
    clientHandle.setNoDelay(true);
  }
  if (self.keepAlive && clientHandle.setKeepAlive) {
    socket._keepAlive = true;
    socket._keepAliveDelay = self.keepAliveInitialDelay;
    clientHandle.setKeepAlive(true, self.keepAliveInitialDelay);
  }
  self._connections++;
  // socket.server was set by the constructor (acceptedBy); _server reads it.
  self.emit('connection', socket);
  // (A 'connection' listener's pause() stops the handle; this read(0)
  // starts it again, so bytes still come into the buffer, as in Node,
  // whose pause() leaves the handle reading.)
  var rs = socket._readableState, ws = socket._writableState;
  if (!self.pauseOnConnect && !(rs.destroyed && ws.destroyed)) socket.read(0); // (!socket.destroyed)
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
