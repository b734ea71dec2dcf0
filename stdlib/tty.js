// tty — terminals as streams (layer: stdlib/, over the TTY handle of
// internalBinding('stream_wrap')). ReadStream and WriteStream are
// net.Sockets whose handle is a TTY; writes to a terminal are blocking,
// as in Node on POSIX.
'use strict';

var net = require('net');
var util = require('util');
var binding = internalBinding('stream_wrap');
var errors = require('internal/errors');

function isatty(fd) {
  return Number.isInteger(fd) && fd >= 0 && fd <= 2147483647 &&
    binding.guessHandleType(fd) === 'TTY';
}

function ttyHandle(fd) {
  if (!isatty(fd)) {
    var e = new TypeError('The argument \'fd\' is invalid. Received ' + fd);
    e.code = 'ERR_INVALID_FD';
    throw e;
  }
  var handle = new binding.TTY(fd);
  if (handle.initError) {
    var err = new Error('TTY initialization failed: ' + internalBinding('util').getErrorName(handle.initError));
    err.code = 'ERR_TTY_INIT_FAILED';
    throw err;
  }
  return handle;
}

function ReadStream(fd, options) {
  if (!(this instanceof ReadStream)) return new ReadStream(fd, options);
  options = Object.assign({ handle: ttyHandle(fd), readable: true, writable: false,
    manualStart: true }, options);
  net.Socket.call(this, options);
  this.isRaw = false;
  this.isTTY = true;
  this.fd = fd;
}
util.inherits(ReadStream, net.Socket);

ReadStream.prototype.setRawMode = function (flag) {
  flag = !!flag;
  var err = this._handle && this._handle.setRawMode(flag);
  if (err) {
    this.emit('error', new Error('setRawMode ' + internalBinding('util').getErrorName(err)));
    return this;
  }
  this.isRaw = flag;
  return this;
};

function WriteStream(fd) {
  if (!(this instanceof WriteStream)) return new WriteStream(fd);
  net.Socket.call(this, { handle: ttyHandle(fd), readable: false, writable: true });
  this._handle.setBlocking(true);
  this.fd = fd;
  this.isTTY = true;
  var size = [0, 0];
  if (!this._handle.getWindowSize(size)) {
    this.columns = size[0];
    this.rows = size[1];
  }
}
util.inherits(WriteStream, net.Socket);

WriteStream.prototype.getWindowSize = function () {
  return [this.columns, this.rows];
};

WriteStream.prototype._refreshSize = function () {
  var size = [0, 0];
  if (this._handle && !this._handle.getWindowSize(size) &&
      (size[0] !== this.columns || size[1] !== this.rows)) {
    this.columns = size[0];
    this.rows = size[1];
    this.emit('resize');
  }
};

WriteStream.prototype.hasColors = function (count) {
  var depth = this.getColorDepth();
  return count === undefined ? depth >= 4 : Math.pow(2, depth) >= count;
};

WriteStream.prototype.getColorDepth = function () {
  var env = process.env;
  if (env.NO_COLOR !== undefined || env.TERM === 'dumb') return 1;
  if (env.COLORTERM === 'truecolor' || env.COLORTERM === '24bit') return 24;
  if (env.TERM && /256/.test(env.TERM)) return 8;
  return 4;
};

function csi(stream, text, cb) {
  return stream.write('\x1b[' + text, cb);
}

WriteStream.prototype.cursorTo = function (x, y, cb) {
  return csi(this, typeof y === 'number' ? (y + 1) + ';' + (x + 1) + 'H' : (x + 1) + 'G', cb);
};
WriteStream.prototype.moveCursor = function (dx, dy, cb) {
  var s = '';
  if (dx < 0) s += '\x1b[' + (-dx) + 'D';
  else if (dx > 0) s += '\x1b[' + dx + 'C';
  if (dy < 0) s += '\x1b[' + (-dy) + 'A';
  else if (dy > 0) s += '\x1b[' + dy + 'B';
  return this.write(s, cb);
};
WriteStream.prototype.clearLine = function (dir, cb) {
  return csi(this, dir < 0 ? '1K' : dir > 0 ? '0K' : '2K', cb);
};
WriteStream.prototype.clearScreenDown = function (cb) {
  return csi(this, '0J', cb);
};

void errors;

module.exports = {
  isatty: isatty,
  ReadStream: ReadStream,
  WriteStream: WriteStream
};
