// dgram — UDP sockets (layer: stdlib/, over internalBinding('udp_wrap')).
// Node 20's documented behaviour.
//
// A Socket owns one UDP handle, created with the socket. bind() resolves
// the address (dns.lookup), binds, starts receiving and emits 'listening'
// (always asynchronously). send() on an unbound socket binds it to the
// wildcard address first and queues the datagrams until 'listening'.
// Each datagram received calls handle.onmessage(nread, buffer, rinfo),
// which becomes 'message' (msg, rinfo).
'use strict';

var EventEmitter = require('events');
var util = require('util');
var errors = require('internal/errors');
var binding = internalBinding('udp_wrap');
var utilBinding = internalBinding('util');
var dns = null;
var net = null;

var UDP = binding.UDP;
var BIND_STATE_UNBOUND = 0;
var BIND_STATE_BINDING = 1;
var BIND_STATE_BOUND = 2;
var CONNECT_STATE_DISCONNECTED = 0;
var CONNECT_STATE_CONNECTING = 1;
var CONNECT_STATE_CONNECTED = 2;
var UV_EBADF = -9;

errors.E('ERR_SOCKET_BAD_TYPE',
  'Bad socket type specified. Valid types are: udp4, udp6', TypeError);
errors.E('ERR_SOCKET_BAD_PORT', function (name, port, allowZero) {
  var op = allowZero === false ? '>' : '>=';
  return name + ' should be ' + op + ' 0 and < 65536. Received ' +
    errors.determineSpecificType(port) + '.';
}, RangeError);
errors.E('ERR_SOCKET_ALREADY_BOUND', 'Socket is already bound', Error);
errors.E('ERR_SOCKET_DGRAM_NOT_RUNNING', 'Not running', Error);
errors.E('ERR_SOCKET_DGRAM_IS_CONNECTED', 'Already connected', Error);
errors.E('ERR_SOCKET_DGRAM_NOT_CONNECTED', 'Not connected', Error);
errors.E('ERR_SOCKET_BAD_BUFFER_SIZE', 'Buffer size must be a positive integer', TypeError);
var codes = errors.codes;

function lookupDns() {
  if (dns === null) dns = require('dns');
  return dns;
}

function errnoException(err, syscall, extra) {
  var code = utilBinding.getErrorName(err);
  var e = new Error(syscall + ' ' + code + (extra ? ' ' + extra : ''));
  e.errno = err;
  e.code = code;
  e.syscall = syscall;
  return e;
}

function exceptionWithHostPort(err, syscall, address, port) {
  var details = port ? address + ':' + port : address;
  var e = errnoException(err, syscall, details);
  e.address = address;
  if (port) e.port = port;
  return e;
}

function validatePort(port, name, allowZero) {
  var n = port;
  if (typeof port === 'string' && port.trim() !== '') n = +port;
  if ((typeof port !== 'number' && typeof port !== 'string') ||
      (typeof port === 'string' && port.trim() === '') ||
      typeof n !== 'number' || n !== (n >>> 0) || n > 0xffff ||
      (n === 0 && allowZero === false)) {
    throw codes.ERR_SOCKET_BAD_PORT(name || 'Port', port, allowZero);
  }
  return n;
}

function isBytes(v) {
  return Buffer.isBuffer(v) || ArrayBuffer.isView(v);
}

function toChunk(v) {
  if (typeof v === 'string') return Buffer.from(v, 'utf8');
  if (Buffer.isBuffer(v)) return v;
  return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
}

function newHandle(type) {
  if (type === 'udp4') return new UDP(4);
  if (type === 'udp6') return new UDP(6);
  throw codes.ERR_SOCKET_BAD_TYPE();
}

// ---- Socket ----

function Socket(type, listener) {
  if (!(this instanceof Socket)) return new Socket(type, listener);
  EventEmitter.call(this);
  var options;
  if (type !== null && typeof type === 'object') {
    options = type;
    type = options.type;
  }
  var handle = newHandle(type);
  this.type = type;
  this._handle = handle;
  this._bindState = BIND_STATE_UNBOUND;
  this._connectState = CONNECT_STATE_DISCONNECTED;
  this._queue = undefined;
  this._reuseAddr = !!(options && options.reuseAddr);
  this._ipv6Only = !!(options && options.ipv6Only);
  this._receiving = false;
  this._lookup = null;
  if (options && options.lookup !== undefined) {
    if (typeof options.lookup !== 'function') throw codes.ERR_INVALID_ARG_TYPE('lookup', 'Function', options.lookup);
    this._lookup = options.lookup;
  }
  attachHandle(this, handle);
  if (typeof listener === 'function') this.on('message', listener);
  if (options && options.recvBufferSize !== undefined) this._recvBufferSize = options.recvBufferSize;
  if (options && options.sendBufferSize !== undefined) this._sendBufferSize = options.sendBufferSize;
}
util.inherits(Socket, EventEmitter);

function attachHandle(self, handle) {
  handle.onmessage = function (nread, buffer, rinfo) {
    if (nread < 0) {
      self.emit('error', errnoException(nread, 'recvmsg'));
      return;
    }
    self.emit('message', buffer, rinfo);
  };
}

function createSocket(type, listener) {
  return new Socket(type, listener);
}

function healthCheck(self) {
  if (!self._handle) throw codes.ERR_SOCKET_DGRAM_NOT_RUNNING();
}

function defaultAddress(self) {
  return self.type === 'udp4' ? '0.0.0.0' : '::';
}

function lookupAddress(self, address, cb) {
  var family = self.type === 'udp4' ? 4 : 6;
  if (self._lookup) self._lookup(address, family, cb);
  else lookupDns().lookup(address, family, cb);
}

function startListening(self) {
  var err = self._handle.recvStart();
  if (err) {
    self.emit('error', errnoException(err, 'recvStart'));
    return;
  }
  self._receiving = true;
  self._bindState = BIND_STATE_BOUND;
  if (self._recvBufferSize) self.setRecvBufferSize(self._recvBufferSize);
  if (self._sendBufferSize) self.setSendBufferSize(self._sendBufferSize);
  self.emit('listening');
}

Socket.prototype.bind = function (port_, address_, callback) {
  var self = this;
  var port = port_;
  var address = address_;
  var exclusive = false;
  healthCheck(this);
  if (this._bindState !== BIND_STATE_UNBOUND) throw codes.ERR_SOCKET_ALREADY_BOUND();
  this._bindState = BIND_STATE_BINDING;

  var cb = arguments.length && typeof arguments[arguments.length - 1] === 'function'
    ? arguments[arguments.length - 1] : null;
  if (cb) this.once('listening', cb);

  if (port !== null && typeof port === 'object') {
    address = port.address || '';
    exclusive = !!port.exclusive;
    if (port.fd !== undefined) {
      this._bindState = BIND_STATE_UNBOUND;
      throw codes.ERR_METHOD_NOT_IMPLEMENTED('bind({ fd })');
    }
    port = port.port;
  }
  if (typeof address === 'function') address = '';
  if (port === undefined || typeof port === 'function') port = 0;
  else port = validatePort(port, 'Port');
  if (!address) address = defaultAddress(this);
  (void exclusive);

  lookupAddress(this, address, function (err, ip) {
    if (err) {
      self._bindState = BIND_STATE_UNBOUND;
      self.emit('error', err);
      return;
    }
    if (!self._handle) return; // closed meanwhile
    var flags = 0;
    if (self._reuseAddr) flags |= binding.UV_UDP_REUSEADDR;
    if (self._ipv6Only) flags |= binding.UV_UDP_IPV6ONLY;
    var r = self.type === 'udp4' ? self._handle.bind(ip, port, flags)
                                 : self._handle.bind6(ip, port, flags);
    if (r) {
      var ex = exceptionWithHostPort(r, 'bind', ip, port);
      self._bindState = BIND_STATE_UNBOUND;
      self.emit('error', ex);
      return;
    }
    startListening(self);
  });
  return this;
};

Socket.prototype.connect = function (port, address, callback) {
  var self = this;
  port = validatePort(port, 'Port', false);
  if (typeof address === 'function') {
    callback = address;
    address = '';
  } else if (address === undefined) {
    address = '';
  }
  healthCheck(this);
  if (this._connectState !== CONNECT_STATE_DISCONNECTED) throw codes.ERR_SOCKET_DGRAM_IS_CONNECTED();
  this._connectState = CONNECT_STATE_CONNECTING;
  if (this._bindState === BIND_STATE_UNBOUND) this.bind({ port: 0, exclusive: true });
  if (this._bindState !== BIND_STATE_BOUND) {
    this.once('listening', function () { doConnect(self, port, address, callback); });
    return;
  }
  doConnect(this, port, address, callback);
};

function doConnect(self, port, address, callback) {
  if (!address) address = self.type === 'udp4' ? '127.0.0.1' : '::1';
  lookupAddress(self, address, function (err, ip) {
    if (!err && !self._handle) return;
    if (!err) {
      var r = self.type === 'udp4' ? self._handle.connect(ip, port)
                                   : self._handle.connect6(ip, port);
      if (r) err = exceptionWithHostPort(r, 'connect', ip, port);
    }
    if (err) {
      self._connectState = CONNECT_STATE_DISCONNECTED;
      process.nextTick(function () {
        if (callback) {
          self.removeListener('connect', callback);
          callback(err);
        } else {
          self.emit('error', err);
        }
      });
      return;
    }
    self._connectState = CONNECT_STATE_CONNECTED;
    if (callback) self.once('connect', callback);
    process.nextTick(function () { self.emit('connect'); });
  });
}

Socket.prototype.disconnect = function () {
  healthCheck(this);
  if (this._connectState !== CONNECT_STATE_CONNECTED) throw codes.ERR_SOCKET_DGRAM_NOT_CONNECTED();
  var r = this._handle.disconnect();
  if (r) throw errnoException(r, 'disconnect');
  this._connectState = CONNECT_STATE_DISCONNECTED;
};

function sliceBuffer(buffer, offset, length) {
  if (typeof buffer === 'string') buffer = Buffer.from(buffer);
  else if (!isBytes(buffer)) {
    throw codes.ERR_INVALID_ARG_TYPE('buffer', ['Buffer', 'TypedArray', 'DataView', 'string'], buffer);
  }
  offset = offset >>> 0;
  length = length >>> 0;
  if (offset > buffer.byteLength) throw codes.ERR_OUT_OF_RANGE('offset', '<= ' + buffer.byteLength, offset);
  if (offset + length > buffer.byteLength) {
    throw codes.ERR_OUT_OF_RANGE('length', '<= ' + (buffer.byteLength - offset), length);
  }
  return toChunk(buffer).slice(offset, offset + length);
}

// send(msg[, offset, length][, port][, address][, callback])
Socket.prototype.send = function (buffer, offset, length, port, address, callback) {
  var list, i;
  var connected = this._connectState === CONNECT_STATE_CONNECTED;
  if (!connected) {
    if (address || (port && typeof port !== 'function')) {
      buffer = sliceBuffer(buffer, offset, length);
    } else {
      callback = port;
      port = offset;
      address = length;
    }
  } else {
    if (typeof length === 'number') {
      buffer = sliceBuffer(buffer, offset, length);
      if (typeof port === 'function') {
        callback = port;
        port = null;
      }
    } else {
      callback = offset;
    }
    if (port || address) throw codes.ERR_SOCKET_DGRAM_IS_CONNECTED();
    port = undefined;
    address = undefined;
  }
  if (!Array.isArray(buffer)) {
    if (typeof buffer === 'string') list = [Buffer.from(buffer)];
    else if (!isBytes(buffer)) {
      throw codes.ERR_INVALID_ARG_TYPE('buffer', ['Buffer', 'TypedArray', 'DataView', 'string'], buffer);
    } else list = [toChunk(buffer)];
  } else {
    list = [];
    for (i = 0; i < buffer.length; i++) {
      if (typeof buffer[i] !== 'string' && !isBytes(buffer[i])) {
        throw codes.ERR_INVALID_ARG_TYPE('buffer list arguments', ['Buffer', 'TypedArray', 'DataView', 'string'], buffer);
      }
      list.push(toChunk(buffer[i]));
    }
  }
  if (!connected) port = validatePort(port, 'Port', false);
  if (typeof address === 'function') {
    callback = address;
    address = undefined;
  } else if (address !== undefined && address !== null && typeof address !== 'string') {
    throw codes.ERR_INVALID_ARG_TYPE('address', 'string', address);
  }
  if (typeof callback !== 'function') callback = undefined;
  healthCheck(this);

  if (this._bindState === BIND_STATE_UNBOUND) this.bind({ port: 0, exclusive: true });
  if (this._bindState !== BIND_STATE_BOUND || this._connectState === CONNECT_STATE_CONNECTING) {
    enqueue(this, [list, port, address, callback]);
    return;
  }
  startSend(this, list, port, address, callback);
};

function enqueue(self, args) {
  if (self._queue === undefined) {
    self._queue = [];
    var onError = function (err) {
      self.removeListener('listening', onListening);
      self.removeListener('connect', onListening);
      var q = self._queue;
      self._queue = undefined;
      for (var i = 0; q && i < q.length; i++) {
        if (q[i][3]) q[i][3](err);
      }
    };
    var onListening = function () {
      if (self._connectState === CONNECT_STATE_CONNECTING) return;
      self.removeListener('error', onError);
      self.removeListener('listening', onListening);
      self.removeListener('connect', onListening);
      var q = self._queue;
      self._queue = undefined;
      for (var i = 0; q && i < q.length; i++) {
        startSend(self, q[i][0], q[i][1], q[i][2], q[i][3]);
      }
    };
    self.once('error', onError);
    self.on('listening', onListening);
    self.on('connect', onListening);
  }
  self._queue.push(args);
}

function startSend(self, list, port, address, callback) {
  if (self._connectState === CONNECT_STATE_CONNECTED) {
    doSend(self, list, undefined, undefined, callback);
    return;
  }
  if (!address) address = self.type === 'udp4' ? '127.0.0.1' : '::1';
  lookupAddress(self, address, function (err, ip) {
    if (err) {
      if (callback) callback(err);
      else self.emit('error', err);
      return;
    }
    doSend(self, list, port, ip, callback);
  });
}

function doSend(self, list, port, ip, callback) {
  if (!self._handle) {
    if (callback) callback(codes.ERR_SOCKET_DGRAM_NOT_RUNNING());
    return;
  }
  var req = {
    oncomplete: function (status, bytes) {
      if (status < 0) {
        var ex = exceptionWithHostPort(status, 'send', ip, port);
        if (callback) callback(ex);
        else self.emit('error', ex);
        return;
      }
      if (callback) callback(null, bytes);
    }
  };
  var r = self.type === 'udp4' ? self._handle.send(req, list, ip, port)
                               : self._handle.send6(req, list, ip, port);
  if (r) {
    var ex = exceptionWithHostPort(r, 'send', ip, port);
    process.nextTick(function () {
      if (callback) callback(ex);
      else self.emit('error', ex);
    });
  }
}

Socket.prototype.close = function (callback) {
  var self = this;
  if (typeof callback === 'function') this.on('close', callback);
  if (this._queue !== undefined) {
    this._queue.push([[], 0, '', function () { self.close(); }]);
    return this;
  }
  healthCheck(this);
  var handle = this._handle;
  this._handle = null;
  this._receiving = false;
  handle.close();
  process.nextTick(function () { self.emit('close'); });
  return this;
};

Socket.prototype.address = function () {
  healthCheck(this);
  if (this._bindState !== BIND_STATE_BOUND) throw errnoException(UV_EBADF, 'getsockname');
  var out = {};
  var r = this._handle.getsockname(out);
  if (r) throw errnoException(r, 'getsockname');
  return out;
};

Socket.prototype.remoteAddress = function () {
  healthCheck(this);
  if (this._connectState !== CONNECT_STATE_CONNECTED) throw codes.ERR_SOCKET_DGRAM_NOT_CONNECTED();
  var out = {};
  var r = this._handle.getpeername(out);
  if (r) throw errnoException(r, 'getpeername');
  return out;
};

Socket.prototype.setBroadcast = function (arg) {
  var r = this._handle.setBroadcast(!!arg);
  if (r) throw errnoException(r, 'setBroadcast');
};

Socket.prototype.setTTL = function (ttl) {
  if (typeof ttl !== 'number') throw codes.ERR_INVALID_ARG_TYPE('ttl', 'number', ttl);
  var r = this._handle.setTTL(ttl);
  if (r) throw errnoException(r, 'setTTL');
  return ttl;
};

Socket.prototype.setMulticastTTL = function (ttl) {
  if (typeof ttl !== 'number') throw codes.ERR_INVALID_ARG_TYPE('ttl', 'number', ttl);
  var r = this._handle.setMulticastTTL(ttl);
  if (r) throw errnoException(r, 'setMulticastTTL');
  return ttl;
};

Socket.prototype.setMulticastLoopback = function (arg) {
  var r = this._handle.setMulticastLoopback(!!arg);
  if (r) throw errnoException(r, 'setMulticastLoopback');
  return arg;
};

Socket.prototype.setMulticastInterface = function (interfaceAddress) {
  healthCheck(this);
  errors.validateString(interfaceAddress, 'interfaceAddress');
  var r = this._handle.setMulticastInterface(interfaceAddress);
  if (r) throw errnoException(r, 'setMulticastInterface');
};

Socket.prototype.addMembership = function (multicastAddress, interfaceAddress) {
  healthCheck(this);
  if (!multicastAddress) throw codes.ERR_MISSING_ARGS('multicastAddress');
  var r = this._handle.addMembership(multicastAddress, interfaceAddress);
  if (r) throw errnoException(r, 'addMembership');
};

Socket.prototype.dropMembership = function (multicastAddress, interfaceAddress) {
  healthCheck(this);
  if (!multicastAddress) throw codes.ERR_MISSING_ARGS('multicastAddress');
  var r = this._handle.dropMembership(multicastAddress, interfaceAddress);
  if (r) throw errnoException(r, 'dropMembership');
};

// SO_RCVBUF / SO_SNDBUF through the handle (the kernel doubles what is
// set, and reports the doubled size, as in node). Before bind there is no
// socket: ERR_SOCKET_BUFFER_SIZE with EBADF, as node.
function bufferSizeError(recv, err) {
  var code = utilBinding.getErrorName(err);
  var fn = recv ? 'recv_buffer_size' : 'send_buffer_size';
  var e = new Error('Could not get or set buffer size: ' + fn + ' returned ' + code +
    ' (' + utilBinding.getErrorMessage(err) + ')');
  e.name = 'SystemError';
  e.code = 'ERR_SOCKET_BUFFER_SIZE';
  e.errno = err;
  e.syscall = fn;
  e.info = { errno: err, code: code, message: utilBinding.getErrorMessage(err), syscall: fn };
  return e;
}

function bufferSize(self, size, recv) {
  var r;
  if (size !== 0 && (typeof size !== 'number' || size <= 0 || size !== (size | 0))) {
    throw codes.ERR_SOCKET_BAD_BUFFER_SIZE();
  }
  // lode's handle may hold its socket before bind; node's has none yet.
  // After close node's handle is gone and it throws a plain TypeError.
  if (!self._handle) throw new TypeError("Cannot read properties of null (reading 'bufferSize')");
  r = self._bindState === BIND_STATE_BOUND ?
    self._handle.bufferSize(size, recv) : -require('os').constants.errno.EBADF;
  if (r < 0) throw bufferSizeError(recv, r);
  return r;
}

// As in node, setting 0 only reads the size (0 means "get" below).
Socket.prototype.setRecvBufferSize = function (size) {
  bufferSize(this, size, true);
};
Socket.prototype.setSendBufferSize = function (size) {
  bufferSize(this, size, false);
};
Socket.prototype.getRecvBufferSize = function () {
  return bufferSize(this, 0, true);
};
Socket.prototype.getSendBufferSize = function () {
  return bufferSize(this, 0, false);
};

Socket.prototype.ref = function () {
  if (this._handle) this._handle.ref();
  return this;
};

Socket.prototype.unref = function () {
  if (this._handle) this._handle.unref();
  return this;
};

Socket.prototype.getSendQueueSize = function () {
  return this._handle ? this._handle.getSendQueueSize() : 0;
};

Socket.prototype.getSendQueueCount = function () {
  return this._handle ? this._handle.getSendQueueCount() : 0;
};

module.exports = {
  createSocket: createSocket,
  Socket: Socket
};
