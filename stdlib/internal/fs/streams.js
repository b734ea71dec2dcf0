/*
 * internal/fs/streams — fs.ReadStream and fs.WriteStream on stdlib/stream
 * (layer: stdlib/), Node 20 semantics: the file opens in _construct
 * ('open' then 'ready'), reads of highWaterMark bytes (64 KiB) go through
 * fs.read on the pool, writes through fs.write / writev; backpressure is
 * the stream module's (write() returns false past highWaterMark, 'drain'
 * follows). autoClose closes the descriptor on end/error/destroy; a
 * destroy during a read waits for the read to come back before closing.
 */
'use strict';

var Readable = require('internal/streams/readable');
var Writable = require('internal/streams/writable');
var finished = require('internal/streams/end-of-stream');
var errorOrDestroy = require('internal/streams/destroy').errorOrDestroy;
var utils = require('internal/fs/utils');
var errors = require('internal/errors');
var codes = errors.codes;
var Buffer = utils.lazyBuffer();

var kIoDone = '__lode_ioDone';

function lazyFs() {
  return require('fs');
}

function copyOptions(options) {
  options = utils.getOptions(options, {});
  var o = {};
  for (var k in options) o[k] = options[k];
  return o;
}

function isFileHandle(fd) {
  return fd !== null && typeof fd === 'object' && typeof fd.close === 'function' &&
    typeof fd.fd === 'number';
}

/* The fs functions a stream uses: options.fs may replace them. */
function streamFs(options, names) {
  var f = lazyFs();
  if (options.fs == null) return f;
  var out = {};
  for (var i = 0; i < names.length; i++) {
    var fn = options.fs[names[i]];
    if (fn === undefined) fn = f[names[i]];
    else errors.validateFunction(fn, 'options.fs.' + names[i]);
    out[names[i]] = fn;
  }
  return out;
}

function setupFd(stream, options) {
  if (options.fd === undefined || options.fd === null) {
    stream.fd = null;
    stream.path = utils.getValidatedPath(stream.path);
    return;
  }
  if (isFileHandle(options.fd)) {
    stream._fileHandle = options.fd;
    stream.fd = options.fd.fd;
    return;
  }
  stream.fd = utils.getValidatedFd(options.fd);
}

function openStream(stream, callback) {
  stream._fs.open(stream.path, stream.flags, stream.mode, function (er, fd) {
    if (er) {
      callback(er);
      return;
    }
    stream.fd = fd;
    callback();
    stream.emit('open', stream.fd);
    stream.emit('ready');
  });
}

function construct(callback) {
  var stream = this;
  if (typeof stream.fd === 'number') {
    callback();
    return;
  }
  openStream(stream, callback);
}

function closeStream(stream, err, cb) {
  if (stream.fd === null || stream.fd === undefined) {
    cb(err);
  } else if (stream._fileHandle) {
    var h = stream._fileHandle;
    stream.fd = null;
    h.close().then(function () { cb(err); }, function (er) { cb(er || err); });
  } else {
    var fd = stream.fd;
    stream.fd = null;
    stream._fs.close(fd, function (er) { cb(er || err); });
  }
}

function destroyImpl(err, cb) {
  var self = this;
  if (this._performingIO) {
    this.once(kIoDone, function (er) { closeStream(self, err || er, cb); });
  } else {
    closeStream(this, err, cb);
  }
}

/* ---- ReadStream ---- */

function ReadStream(path, options) {
  if (!(this instanceof ReadStream)) return new ReadStream(path, options);
  options = copyOptions(options);
  if (options.highWaterMark === undefined) options.highWaterMark = 64 * 1024;
  if (options.autoDestroy === undefined) {
    options.autoDestroy = options.autoClose === undefined ? true : options.autoClose;
  }
  this._fs = streamFs(options, ['open', 'read', 'close']);
  this.path = path;
  this.flags = options.flags === undefined ? 'r' : options.flags;
  this.mode = options.mode === undefined ? 438 : options.mode;
  setupFd(this, options);
  this.start = options.start;
  this.end = options.end === undefined ? Infinity : options.end;
  this.pos = undefined;
  this.bytesRead = 0;
  this._performingIO = false;
  if (this.start !== undefined) {
    errors.validateInteger(this.start, 'start', 0);
    this.pos = this.start;
  }
  if (this.end !== Infinity) {
    errors.validateInteger(this.end, 'end', 0);
    if (this.start !== undefined && this.start > this.end) {
      throw codes.ERR_OUT_OF_RANGE('start', '<= "end" (here: ' + this.end + ')', this.start);
    }
  }
  hideInternals(this);
  Readable.call(this, options);
}

Object.setPrototypeOf(ReadStream.prototype, Readable.prototype);
Object.setPrototypeOf(ReadStream, Readable);

function hideInternals(s) {
  ['_fs', '_performingIO', '_fileHandle'].forEach(function (k) {
    if (Object.prototype.hasOwnProperty.call(s, k)) {
      Object.defineProperty(s, k, { enumerable: false, writable: true, configurable: true });
    }
  });
}

Object.defineProperty(ReadStream.prototype, 'autoClose', {
  get: function () { return this._readableState.autoDestroy; },
  set: function (v) { this._readableState.autoDestroy = v; },
  configurable: true
});

Object.defineProperty(ReadStream.prototype, 'pending', {
  get: function () { return this.fd === null; },
  configurable: true
});

ReadStream.prototype._construct = construct;

ReadStream.prototype._read = function (n) {
  var self = this;
  n = this.pos !== undefined ?
    Math.min(this.end - this.pos + 1, n) :
    Math.min(this.end - this.bytesRead + 1, n);
  if (n <= 0) {
    this.push(null);
    return;
  }
  var buf = Buffer.allocUnsafeSlow(n);
  this._performingIO = true;
  this._fs.read(this.fd, buf, 0, n, this.pos, function (er, bytesRead, b) {
    self._performingIO = false;
    if (self.destroyed) {
      self.emit(kIoDone, er);
      return;
    }
    if (er) {
      errorOrDestroy(self, er);
    } else if (bytesRead > 0) {
      if (self.pos !== undefined) self.pos += bytesRead;
      self.bytesRead += bytesRead;
      if (bytesRead !== buf.length) {
        var dst = Buffer.allocUnsafeSlow(bytesRead);
        buf.copy(dst, 0, 0, bytesRead);
        buf = dst;
      }
      self.push(buf);
    } else {
      self.push(null);
    }
  });
};

ReadStream.prototype._destroy = destroyImpl;

ReadStream.prototype.close = function (cb) {
  if (typeof cb === 'function') finished(this, cb);
  this.destroy();
};

/* ---- WriteStream ---- */

function WriteStream(path, options) {
  if (!(this instanceof WriteStream)) return new WriteStream(path, options);
  options = copyOptions(options);
  options.decodeStrings = true;
  if (options.autoDestroy === undefined) {
    options.autoDestroy = options.autoClose === undefined ? true : options.autoClose;
  }
  this._fs = streamFs(options, ['open', 'write', 'writev', 'close']);
  this.path = path;
  this.flags = options.flags === undefined ? 'w' : options.flags;
  this.mode = options.mode === undefined ? 438 : options.mode;
  setupFd(this, options);
  this.start = options.start;
  this.pos = undefined;
  this.bytesWritten = 0;
  this._performingIO = false;
  if (this.start !== undefined) {
    errors.validateInteger(this.start, 'start', 0);
    this.pos = this.start;
  }
  hideInternals(this);
  Writable.call(this, options);
  if (options.encoding) this.setDefaultEncoding(options.encoding);
}

Object.setPrototypeOf(WriteStream.prototype, Writable.prototype);
Object.setPrototypeOf(WriteStream, Writable);

Object.defineProperty(WriteStream.prototype, 'autoClose', {
  get: function () { return this._writableState.autoDestroy; },
  set: function (v) { this._writableState.autoDestroy = v; },
  configurable: true
});

Object.defineProperty(WriteStream.prototype, 'pending', {
  get: function () { return this.fd === null; },
  configurable: true
});

WriteStream.prototype._construct = construct;

WriteStream.prototype._write = function (data, encoding, cb) {
  var self = this;
  this._performingIO = true;
  this._fs.write(this.fd, data, 0, data.length, this.pos, function (er, bytes) {
    self._performingIO = false;
    if (self.destroyed) {
      cb(er);
      self.emit(kIoDone, er);
      return;
    }
    if (er) return cb(er);
    self.bytesWritten += bytes;
    cb();
  });
  if (this.pos !== undefined) this.pos += data.length;
};

WriteStream.prototype._writev = function (data, cb) {
  var self = this;
  var len = data.length;
  var chunks = new Array(len);
  var size = 0;
  for (var i = 0; i < len; i++) {
    chunks[i] = data[i].chunk;
    size += chunks[i].length;
  }
  /* One buffer, one write: fewer pool round trips than writev per chunk. */
  var all = len === 1 ? chunks[0] : Buffer.concat(chunks, size);
  this._performingIO = true;
  this._fs.write(this.fd, all, 0, all.length, this.pos, function (er, bytes) {
    self._performingIO = false;
    if (self.destroyed) {
      cb(er);
      self.emit(kIoDone, er);
      return;
    }
    if (er) return cb(er);
    self.bytesWritten += bytes;
    cb();
  });
  if (this.pos !== undefined) this.pos += size;
};

WriteStream.prototype._destroy = destroyImpl;

WriteStream.prototype.close = function (cb) {
  if (cb) {
    if (this.closed) {
      process.nextTick(cb);
      return;
    }
    this.on('close', cb);
  }
  if (!this.autoClose) this.on('finish', this.destroy);
  this.end();
};

WriteStream.prototype.destroySoon = WriteStream.prototype.end;

module.exports = {
  ReadStream: ReadStream,
  WriteStream: WriteStream
};
