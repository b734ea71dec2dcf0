/*
 * fs/promises — the Promise API of fs and FileHandle (layer: stdlib/),
 * Node 20 semantics. Every function is "async": bad arguments reject the
 * returned promise instead of throwing. The work is the same binding call
 * as the callback form, with a callback that settles the promise.
 *
 * XXX: a FileHandle is not closed when garbage collected (Node closes it
 * and warns); close it explicitly.
 * XXX: no readLines / readableWebStream on FileHandle (createReadStream and
 * createWriteStream exist but are lightly exercised),
 * no watch / cp / statfs; no BigInt stats.
 */
'use strict';

var fs = require('fs');
var utils = require('internal/fs/utils');
var errors = require('internal/errors');
var codes = errors.codes;
var binding = utils.binding;
var getValidatedPath = utils.getValidatedPath;
var getOptions = utils.getOptions;
var isUtf8 = utils.isUtf8;
var stringToFlags = utils.stringToFlags;
var parseFileMode = utils.parseFileMode;
var isArrayBufferView = utils.isArrayBufferView;
var Buffer = utils.lazyBuffer();

/* Runs fn(resolve-style callback) and returns a promise for its result;
 * a synchronous throw (argument checks) becomes a rejection. */
function settle(fn) {
  return new Promise(function (resolve, reject) {
    fn(function (err, value) {
      if (err) reject(err);
      else resolve(value);
    });
  });
}

function asyncFn(fn) {
  return function () {
    try {
      return fn.apply(this, arguments);
    } catch (e) {
      return Promise.reject(e);
    }
  };
}

/* Wraps fs.name(args..., cb) as name(args...) → promise. */
function wrap(name) {
  var f = fs[name];
  return asyncFn(function () {
    var args = Array.prototype.slice.call(arguments);
    /* A trailing undefined would shift the callback's place. */
    while (args.length > 0 && args[args.length - 1] === undefined) args.pop();
    return settle(function (cb) {
      args.push(cb);
      f.apply(fs, args);
    });
  });
}

/* ---- FileHandle ---- */

function FileHandle(fd) {
  this._fd = fd;
  this._closing = null;
  Object.defineProperty(this, '_closing', { enumerable: false, writable: true });
}

Object.defineProperty(FileHandle.prototype, 'fd', {
  get: function () { return this._fd; }, configurable: true
});

function handleFd(h) {
  if (h._fd < 0) {
    var e = new Error('file closed');
    e.code = 'EBADF';
    e.errno = -9;
    e.syscall = 'read';
    throw e;
  }
  return h._fd;
}

FileHandle.prototype.getAsyncId = function () { return -1; };

FileHandle.prototype.close = function close() {
  var self = this;
  if (this._fd < 0) return Promise.resolve();
  if (this._closing) return this._closing;
  var fd = this._fd;
  this._closing = settle(function (cb) { binding.close(fd, cb); }).then(function () {
    self._fd = -1;
    self._closing = null;
  }, function (err) {
    self._closing = null;
    throw err;
  });
  return this._closing;
};

FileHandle.prototype.read = asyncFn(function read(buffer, offset, length, position) {
  var fd = handleFd(this);
  if (buffer !== undefined && buffer !== null && !isArrayBufferView(buffer) &&
      typeof buffer === 'object') {
    var o = buffer;
    buffer = o.buffer === undefined ? Buffer.alloc(16384) : o.buffer;
    offset = o.offset === undefined ? 0 : o.offset;
    length = o.length === undefined ? buffer.byteLength - offset : o.length;
    position = o.position === undefined ? null : o.position;
  } else if (offset !== null && typeof offset === 'object') {
    var p = offset;
    offset = p.offset === undefined ? 0 : p.offset;
    length = p.length === undefined ? buffer.byteLength - offset : p.length;
    position = p.position === undefined ? null : p.position;
  }
  if (buffer === undefined || buffer === null) buffer = Buffer.alloc(16384);
  utils.validateBuffer(buffer);
  if (offset == null) offset = 0;
  else errors.validateInteger(offset, 'offset', 0);
  if (length === undefined) length = buffer.byteLength - offset;
  length |= 0;
  if (length === 0) return Promise.resolve({ bytesRead: 0, buffer: buffer });
  if (buffer.byteLength === 0) {
    throw codes.ERR_INVALID_ARG_VALUE('buffer', buffer, 'is empty and cannot be written');
  }
  utils.validateOffsetLengthRead(offset, length, buffer.byteLength);
  if (position == null) position = -1;
  utils.validatePosition(position, 'position');
  var bytes = utils.bytesOf(buffer);
  return settle(function (cb) {
    binding.read(fd, bytes, offset, length, position, cb);
  }).then(function (n) { return { bytesRead: n, buffer: buffer }; });
});

FileHandle.prototype.write = asyncFn(function write(buffer, offset, length, position) {
  var fd = handleFd(this);
  if (isArrayBufferView(buffer)) {
    if (offset !== null && typeof offset === 'object') {
      var o = offset;
      offset = o.offset === undefined ? 0 : o.offset;
      length = o.length === undefined ? buffer.byteLength - offset : o.length;
      position = o.position === undefined ? null : o.position;
    }
    if (offset == null) offset = 0;
    else errors.validateInteger(offset, 'offset', 0);
    if (typeof length !== 'number') length = buffer.byteLength - offset;
    if (typeof position !== 'number') position = -1;
    utils.validateOffsetLengthWrite(offset, length, buffer.byteLength);
    var bytes = utils.bytesOf(buffer);
    return settle(function (cb) {
      binding.writeBuffer(fd, bytes, offset, length, position, cb);
    }).then(function (n) { return { bytesWritten: n, buffer: buffer }; });
  }
  utils.validateStringAfterArrayBufferView(buffer, 'buffer');
  /* write(string, position, encoding) */
  var pos = typeof offset === 'number' ? offset : -1;
  var enc = length || 'utf8';
  var data = isUtf8(enc) ? buffer : Buffer.from(buffer, enc);
  return settle(function (cb) {
    if (typeof data === 'string') binding.writeString(fd, data, pos, cb);
    else binding.writeBuffer(fd, data, 0, data.length, pos, cb);
  }).then(function (n) { return { bytesWritten: n, buffer: buffer }; });
});

FileHandle.prototype.readFile = asyncFn(function readFile(options) {
  var fd = handleFd(this);
  options = getOptions(options, { flag: 'r' });
  return readFileImpl(fd, options);
});

FileHandle.prototype.writeFile = asyncFn(function writeFile(data, options) {
  var fd = handleFd(this);
  options = getOptions(options, { encoding: 'utf8', mode: 438, flag: 'w' });
  return writeFileImpl(fd, data, options);
});

FileHandle.prototype.appendFile = FileHandle.prototype.writeFile;

FileHandle.prototype.stat = asyncFn(function stat(options) {
  var fd = handleFd(this);
  if (options && options.bigint) throw codes.ERR_METHOD_NOT_IMPLEMENTED('stat with { bigint: true }');
  return settle(function (cb) { binding.fstat(fd, cb); });
});

FileHandle.prototype.truncate = asyncFn(function truncate(len) {
  var fd = handleFd(this);
  if (len === undefined) len = 0;
  errors.validateInteger(len, 'len');
  len = Math.max(0, len);
  return settle(function (cb) { binding.ftruncate(fd, len, cb); });
});

FileHandle.prototype.sync = asyncFn(function sync() {
  var fd = handleFd(this);
  return settle(function (cb) { binding.fsync(fd, cb); });
});

FileHandle.prototype.datasync = asyncFn(function datasync() {
  var fd = handleFd(this);
  return settle(function (cb) { binding.fdatasync(fd, cb); });
});

FileHandle.prototype.chmod = asyncFn(function chmod(mode) {
  var fd = handleFd(this);
  mode = parseFileMode(mode, 'mode');
  return settle(function (cb) { binding.fchmod(fd, mode, cb); });
});

FileHandle.prototype.chown = asyncFn(function chown(uid, gid) {
  var fd = handleFd(this);
  errors.validateInteger(uid, 'uid', -1, 4294967295);
  errors.validateInteger(gid, 'gid', -1, 4294967295);
  return settle(function (cb) { binding.fchown(fd, uid >>> 0, gid >>> 0, cb); });
});

FileHandle.prototype.utimes = asyncFn(function utimes(atime, mtime) {
  var fd = handleFd(this);
  atime = utils.toUnixTimestamp(atime, 'atime');
  mtime = utils.toUnixTimestamp(mtime, 'mtime');
  return settle(function (cb) { binding.futimes(fd, atime, mtime, cb); });
});

FileHandle.prototype.readv = asyncFn(function readv(buffers, position) {
  var fd = handleFd(this);
  return settle(function (cb) {
    fs.readv(fd, buffers, position, function (err, n) { cb(err, n); });
  }).then(function (n) { return { bytesRead: n, buffers: buffers }; });
});

FileHandle.prototype.writev = asyncFn(function writev(buffers, position) {
  var fd = handleFd(this);
  return settle(function (cb) {
    fs.writev(fd, buffers, position, function (err, n) { cb(err, n); });
  }).then(function (n) { return { bytesWritten: n, buffers: buffers }; });
});

FileHandle.prototype.createReadStream = function createReadStream(options) {
  var o = {};
  for (var k in options || {}) o[k] = options[k];
  o.fd = this;
  return fs.createReadStream(null, o);
};

FileHandle.prototype.createWriteStream = function createWriteStream(options) {
  var o = {};
  for (var k in options || {}) o[k] = options[k];
  o.fd = this;
  return fs.createWriteStream(null, o);
};

/* ---- whole files ---- */

function readFileImpl(target, options) {
  var enc = options.encoding;
  var flags = stringToFlags(options.flag);
  var utf8 = isUtf8(enc);
  return settle(function (cb) {
    binding.readFile(target, flags, utf8, cb);
  }).then(function (data) {
    if (utf8) return data;
    data = utils.toBuffer(data);
    return enc && enc !== 'buffer' ? data.toString(enc) : data;
  });
}

function fileData(data, encoding) {
  if (isArrayBufferView(data)) return utils.bytesOf(data);
  if (typeof data !== 'string') {
    throw codes.ERR_INVALID_ARG_TYPE('data', ['string', 'Buffer', 'TypedArray', 'DataView'], data);
  }
  if (!encoding || isUtf8(encoding)) return data;
  return Buffer.from(data, encoding);
}

function writeFileImpl(target, data, options) {
  data = fileData(data, options.encoding);
  var flags = stringToFlags(options.flag || 'w', 'flags');
  var mode = parseFileMode(options.mode, 'mode', 438);
  return settle(function (cb) {
    binding.writeFile(target, data, flags, mode, cb);
  });
}

function targetOf(path) {
  if (path instanceof FileHandle) return handleFd(path);
  return getValidatedPath(path);
}

var readFile = asyncFn(function readFile(path, options) {
  options = getOptions(options, { flag: 'r' });
  return readFileImpl(targetOf(path), options);
});

var writeFile = asyncFn(function writeFile(path, data, options) {
  options = getOptions(options, { encoding: 'utf8', mode: 438, flag: 'w' });
  return writeFileImpl(targetOf(path), data, options);
});

var appendFile = asyncFn(function appendFile(path, data, options) {
  options = getOptions(options, { encoding: 'utf8', mode: 438, flag: 'a' });
  var o = {};
  for (var k in options) o[k] = options[k];
  if (!o.flag || path instanceof FileHandle) o.flag = 'a';
  return writeFileImpl(targetOf(path), data, o);
});

var open = asyncFn(function open(path, flags, mode) {
  path = getValidatedPath(path);
  var f = stringToFlags(flags);
  mode = parseFileMode(mode, 'mode', 438);
  return settle(function (cb) { binding.open(path, f, mode, cb); }).then(function (fd) {
    return new FileHandle(fd);
  });
});

var opendir = asyncFn(function opendir(path, options) {
  return settle(function (cb) {
    if (options === undefined) fs.opendir(path, cb);
    else fs.opendir(path, options, cb);
  });
});

var access = asyncFn(function access(path, mode) {
  path = getValidatedPath(path);
  mode = utils.getValidMode(mode, 'access');
  return settle(function (cb) { binding.access(path, mode, cb); });
});

var rm = asyncFn(function rm(path, options) {
  return settle(function (cb) {
    if (options === undefined) fs.rm(path, cb);
    else fs.rm(path, options, cb);
  });
});

module.exports = {
  access: access,
  copyFile: wrap('copyFile'),
  open: open,
  opendir: opendir,
  rename: wrap('rename'),
  truncate: wrap('truncate'),
  rm: rm,
  rmdir: wrap('rmdir'),
  mkdir: wrap('mkdir'),
  readdir: wrap('readdir'),
  readlink: wrap('readlink'),
  symlink: wrap('symlink'),
  lstat: wrap('lstat'),
  stat: wrap('stat'),
  link: wrap('link'),
  unlink: wrap('unlink'),
  chmod: wrap('chmod'),
  lchown: wrap('lchown'),
  chown: wrap('chown'),
  utimes: wrap('utimes'),
  lutimes: wrap('lutimes'),
  realpath: wrap('realpath'),
  mkdtemp: wrap('mkdtemp'),
  writeFile: writeFile,
  appendFile: appendFile,
  readFile: readFile,
  constants: utils.constants
};
