/*
 * internal/fs/utils — what fs, fs/promises and the fs streams share
 * (layer: stdlib/): argument validation with Node 20's errors, flag and
 * mode parsing, Stats, Dirent, and the conversions from what the binding
 * returns (Uint8Array, UTF-8 strings) into Buffers and encodings.
 */
'use strict';

var binding = internalBinding('fs');
var errors = require('internal/errors');
var codes = errors.codes;

function defineCode(code, msg, Base) {
  if (!codes[code]) errors.E(code, msg, Base);
}
defineCode('ERR_FS_FILE_TOO_LARGE', 'File size (%s) is greater than 2 GiB', RangeError);
defineCode('ERR_DIR_CLOSED', 'Directory handle was closed', Error);
defineCode('ERR_DIR_CONCURRENT_OPERATION',
  'Cannot do synchronous work on directory handle with concurrent asynchronous operations', Error);
defineCode('ERR_FS_INVALID_SYMLINK_TYPE',
  'Symlink type must be one of "dir", "file", or "junction". Received "%s"', Error);
defineCode('ERR_INVALID_FD_TYPE', 'Unsupported fd type: %s', TypeError);
defineCode('ERR_OPERATION_FAILED', 'Operation failed: %s', Error);
defineCode('ERR_METHOD_NOT_IMPLEMENTED', 'The %s method is not implemented', Error);
defineCode('ERR_INVALID_FILE_URL_PATH', 'File URL path %s', TypeError);
defineCode('ERR_INVALID_URL_SCHEME', 'The URL must be of scheme file', TypeError);

var constants = binding.constants;
var O_RDONLY = constants.O_RDONLY, O_WRONLY = constants.O_WRONLY,
  O_RDWR = constants.O_RDWR, O_CREAT = constants.O_CREAT,
  O_TRUNC = constants.O_TRUNC, O_APPEND = constants.O_APPEND,
  O_EXCL = constants.O_EXCL, O_SYNC = constants.O_SYNC;
var S_IFMT = constants.S_IFMT, S_IFREG = constants.S_IFREG,
  S_IFDIR = constants.S_IFDIR, S_IFCHR = constants.S_IFCHR,
  S_IFBLK = constants.S_IFBLK, S_IFIFO = constants.S_IFIFO,
  S_IFLNK = constants.S_IFLNK, S_IFSOCK = constants.S_IFSOCK;

var kMaxLength = binding.kMaxLength;

function lazyBuffer() {
  return require('buffer').Buffer;
}

/* A Uint8Array becomes a Buffer (same memory; what buffer.js does). */
function toBuffer(u8) {
  if (!(u8 instanceof lazyBuffer())) Object.setPrototypeOf(u8, lazyBuffer().prototype);
  return u8;
}

function isArrayBufferView(v) {
  return ArrayBuffer.isView(v);
}

function isUint8Array(v) {
  return v instanceof Uint8Array;
}

/* ---- paths ---- */

function isURL(v) {
  return v != null && typeof v === 'object' && typeof v.href === 'string' &&
    typeof v.protocol === 'string' && v.pathname !== undefined;
}

function fileURLToPath(u) {
  if (u.protocol !== 'file:') throw codes.ERR_INVALID_URL_SCHEME('file');
  if (u.hostname !== '' && u.hostname !== undefined && u.hostname !== 'localhost') {
    throw codes.ERR_INVALID_FILE_URL_HOST(process.platform);
  }
  var p = u.pathname;
  for (var n = 0; n < p.length; n++) {
    if (p[n] === '%') {
      var third = p.charCodeAt(n + 2) | 0x20;
      if (p[n + 1] === '2' && third === 102) {
        throw codes.ERR_INVALID_FILE_URL_PATH('must not include encoded / characters');
      }
    }
  }
  return decodeURIComponent(p);
}

function getValidatedPath(p, name) {
  if (name === undefined) name = 'path';
  if (isURL(p)) p = fileURLToPath(p);
  if (typeof p !== 'string' && !isUint8Array(p)) {
    throw codes.ERR_INVALID_ARG_TYPE(name, ['string', 'Buffer', 'URL'], p);
  }
  var hasNul = typeof p === 'string' ? p.indexOf('\u0000') !== -1 :
    Array.prototype.indexOf.call(p, 0) !== -1;
  if (hasNul) {
    throw codes.ERR_INVALID_ARG_VALUE(name, p,
      'must be a string, Uint8Array, or URL without null bytes');
  }
  return p;
}

/* The path as a string for JS-side work (joins, messages). */
function pathString(p) {
  return typeof p === 'string' ? p : lazyBuffer().from(p).toString();
}

function getValidatedFd(fd, name) {
  if (name === undefined) name = 'fd';
  if (Object.is(fd, -0)) return 0;
  errors.validateInt32(fd, name, 0);
  return fd;
}

/* ---- flags and modes ---- */

function stringToFlags(flags, name) {
  if (typeof flags === 'number') return flags;
  if (flags == null) return O_RDONLY;
  switch (flags) {
    case 'r': return O_RDONLY;
    case 'rs':
    case 'sr': return O_RDONLY | O_SYNC;
    case 'r+': return O_RDWR;
    case 'rs+':
    case 'sr+': return O_RDWR | O_SYNC;
    case 'w': return O_TRUNC | O_CREAT | O_WRONLY;
    case 'wx':
    case 'xw': return O_TRUNC | O_CREAT | O_WRONLY | O_EXCL;
    case 'w+': return O_TRUNC | O_CREAT | O_RDWR;
    case 'wx+':
    case 'xw+': return O_TRUNC | O_CREAT | O_RDWR | O_EXCL;
    case 'a': return O_APPEND | O_CREAT | O_WRONLY;
    case 'ax':
    case 'xa': return O_APPEND | O_CREAT | O_WRONLY | O_EXCL;
    case 'as':
    case 'sa': return O_APPEND | O_CREAT | O_WRONLY | O_SYNC;
    case 'a+': return O_APPEND | O_CREAT | O_RDWR;
    case 'ax+':
    case 'xa+': return O_APPEND | O_CREAT | O_RDWR | O_EXCL;
    case 'as+':
    case 'sa+': return O_APPEND | O_CREAT | O_RDWR | O_SYNC;
  }
  throw codes.ERR_INVALID_ARG_VALUE(name || 'flags', flags);
}

var octalReg = /^[0-7]+$/;
function parseFileMode(value, name, def) {
  if (value == null) value = def;
  if (typeof value === 'string') {
    if (!octalReg.test(value)) {
      throw codes.ERR_INVALID_ARG_VALUE(name, value,
        'must be a 32-bit unsigned integer or an octal string');
    }
    value = parseInt(value, 8);
  }
  errors.validateUint32(value, name);
  return value;
}

function getValidMode(mode, type) {
  var def = type === 'copyFile' ? 0 : constants.F_OK;
  if (mode == null) return def;
  if (typeof mode !== 'number') {
    throw errors.makeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'mode must be int32 or null/undefined');
  }
  if (!(Math.floor(mode) === mode) || mode < 0 || mode > 7) {
    var e = errors.makeError(RangeError, 'ERR_OUT_OF_RANGE',
      'mode is out of range: >= 0 && <= 7');
    throw e;
  }
  return mode;
}

/* ---- options and encodings ---- */

function isEncoding(enc) {
  return lazyBuffer().isEncoding(enc);
}

function assertEncoding(encoding) {
  if (encoding && !isEncoding(encoding)) {
    throw codes.ERR_INVALID_ARG_VALUE('encoding', encoding, 'is invalid encoding');
  }
}

function getOptions(options, defaults) {
  if (options == null || typeof options === 'function') return defaults;
  if (typeof options === 'string') {
    var o = {};
    for (var k in defaults) o[k] = defaults[k];
    o.encoding = options;
    options = o;
  } else if (typeof options !== 'object') {
    throw codes.ERR_INVALID_ARG_TYPE('options', ['string', 'Object'], options);
  }
  if (options.encoding !== 'buffer') assertEncoding(options.encoding);
  if (options.signal !== undefined) validateAbortSignal(options.signal, 'options.signal');
  return options;
}

function validateAbortSignal(signal, name) {
  if (signal !== undefined && (signal === null || typeof signal !== 'object' ||
      !('aborted' in signal))) {
    throw codes.ERR_INVALID_ARG_TYPE(name, 'AbortSignal', signal);
  }
}

function isUtf8(enc) {
  if (!enc) return false;
  return enc === 'utf8' || enc === 'utf-8' || String(enc).toLowerCase() === 'utf8' ||
    String(enc).toLowerCase() === 'utf-8';
}

/* A result string from the binding (UTF-8 decoded) in another encoding. */
function encodeString(s, encoding) {
  if (!encoding || isUtf8(encoding)) return s;
  var b = lazyBuffer().from(s, 'utf8');
  return encoding === 'buffer' ? b : b.toString(encoding);
}

function encodeNames(names, encoding) {
  if (!encoding || isUtf8(encoding)) return names;
  for (var i = 0; i < names.length; i++) names[i] = encodeString(names[i], encoding);
  return names;
}

/* ---- time ---- */

function toUnixTimestamp(time, name) {
  if (name === undefined) name = 'time';
  if (typeof time === 'string' && +time == time) return +time;
  if (typeof time === 'number' && isFinite(time)) {
    if (time < 0) return Date.now() / 1000;
    return time;
  }
  if (time instanceof Date) return time.getTime() / 1000;
  throw codes.ERR_INVALID_ARG_TYPE(name, ['Date', 'Time in seconds'], time);
}

/* ---- Stats ---- */

function dateFromMs(ms) {
  return new Date(Math.round(Number(ms)));
}

function Stats(dev, mode, nlink, uid, gid, rdev, blksize, ino, size, blocks,
               atimeMs, mtimeMs, ctimeMs, birthtimeMs) {
  this.dev = dev;
  this.mode = mode;
  this.nlink = nlink;
  this.uid = uid;
  this.gid = gid;
  this.rdev = rdev;
  this.blksize = blksize;
  this.ino = ino;
  this.size = size;
  this.blocks = blocks;
  this.atimeMs = atimeMs;
  this.mtimeMs = mtimeMs;
  this.ctimeMs = ctimeMs;
  this.birthtimeMs = birthtimeMs;
  this.atime = dateFromMs(atimeMs);
  this.mtime = dateFromMs(mtimeMs);
  this.ctime = dateFromMs(ctimeMs);
  this.birthtime = dateFromMs(birthtimeMs);
}

function checkMode(self, type) {
  return (self.mode & S_IFMT) === type;
}
Stats.prototype.isDirectory = function isDirectory() { return checkMode(this, S_IFDIR); };
Stats.prototype.isFile = function isFile() { return checkMode(this, S_IFREG); };
Stats.prototype.isBlockDevice = function isBlockDevice() { return checkMode(this, S_IFBLK); };
Stats.prototype.isCharacterDevice = function isCharacterDevice() { return checkMode(this, S_IFCHR); };
Stats.prototype.isSymbolicLink = function isSymbolicLink() { return checkMode(this, S_IFLNK); };
Stats.prototype.isFIFO = function isFIFO() { return checkMode(this, S_IFIFO); };
Stats.prototype.isSocket = function isSocket() { return checkMode(this, S_IFSOCK); };
Object.keys(Stats.prototype).forEach(function (k) {
  Object.defineProperty(Stats.prototype, k, { enumerable: false });
});

binding.setup(Stats.prototype, Date, lazyBuffer().prototype);

/* ---- Dirent ---- */

var kType = typeof Symbol === 'function' ? Symbol('type') : '__type';

function Dirent(name, type, path) {
  this.name = name;
  this.parentPath = path;
  this.path = path;
  this[kType] = type;
}
Dirent.prototype.isDirectory = function () { return this[kType] === constants.UV_DIRENT_DIR; };
Dirent.prototype.isFile = function () { return this[kType] === constants.UV_DIRENT_FILE; };
Dirent.prototype.isBlockDevice = function () { return this[kType] === constants.UV_DIRENT_BLOCK; };
Dirent.prototype.isCharacterDevice = function () { return this[kType] === constants.UV_DIRENT_CHAR; };
Dirent.prototype.isSymbolicLink = function () { return this[kType] === constants.UV_DIRENT_LINK; };
Dirent.prototype.isFIFO = function () { return this[kType] === constants.UV_DIRENT_FIFO; };
Dirent.prototype.isSocket = function () { return this[kType] === constants.UV_DIRENT_SOCKET; };
Object.keys(Dirent.prototype).forEach(function (k) {
  Object.defineProperty(Dirent.prototype, k, { enumerable: false });
});

/* [names, types] → Dirent objects. */
function makeDirents(pair, dirPath, encoding) {
  var names = encodeNames(pair[0], encoding), types = pair[1];
  var out = new Array(names.length);
  for (var i = 0; i < names.length; i++) out[i] = new Dirent(names[i], types[i], dirPath);
  return out;
}

/* ---- errors ---- */

function fileTooLarge(size) {
  return codes.ERR_FS_FILE_TOO_LARGE(size);
}

/* Node's SystemError ERR_FS_EISDIR from rm. */
function rmIsDirError(path) {
  var msg = 'Path is a directory: rm returned EISDIR (is a directory) ' + path;
  var err = new Error(msg);
  Object.defineProperty(err, 'name', {
    value: 'SystemError', enumerable: false, writable: true, configurable: true
  });
  err.code = 'ERR_FS_EISDIR';
  Object.defineProperty(err, 'info', {
    value: { code: 'EISDIR', message: 'is a directory', path: path, syscall: 'rm', errno: 21 },
    enumerable: true, configurable: true
  });
  err.errno = 21;
  err.syscall = 'rm';
  err.path = path;
  Object.defineProperty(err, 'toString', {
    value: function () { return 'SystemError [ERR_FS_EISDIR]: ' + msg; },
    enumerable: false, configurable: true, writable: true
  });
  return err;
}

/* ---- read/write argument checks (shared with FileHandle) ---- */

function validateBuffer(buffer, name) {
  if (!isArrayBufferView(buffer)) {
    throw codes.ERR_INVALID_ARG_TYPE(name || 'buffer', ['Buffer', 'TypedArray', 'DataView'], buffer);
  }
}

function validateOffsetLengthRead(offset, length, bufferLength) {
  if (offset < 0) throw codes.ERR_OUT_OF_RANGE('offset', '>= 0', offset);
  if (length < 0) throw codes.ERR_OUT_OF_RANGE('length', '>= 0', length);
  if (offset + length > bufferLength) {
    throw codes.ERR_OUT_OF_RANGE('length', '<= ' + (bufferLength - offset), length);
  }
}

function validateOffsetLengthWrite(offset, length, byteLength) {
  if (offset > byteLength) throw codes.ERR_OUT_OF_RANGE('offset', '<= ' + byteLength, offset);
  if (length > byteLength - offset) {
    throw codes.ERR_OUT_OF_RANGE('length', '<= ' + (byteLength - offset), length);
  }
  if (length < 0) throw codes.ERR_OUT_OF_RANGE('length', '>= 0', length);
  errors.validateInt32(length, 'length', 0);
}

function validatePosition(position, name) {
  if (typeof position === 'number') {
    errors.validateInteger(position, name, -1);
  } else {
    throw codes.ERR_INVALID_ARG_TYPE(name, ['integer', 'bigint'], position);
  }
}

function validateStringAfterArrayBufferView(buffer, name) {
  if (typeof buffer !== 'string') {
    throw codes.ERR_INVALID_ARG_TYPE(name, ['string', 'Buffer', 'TypedArray', 'DataView'], buffer);
  }
}

/* The bytes view of any ArrayBufferView (DataView, Float64Array...). */
function bytesOf(view) {
  if (view instanceof Uint8Array) return view;
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

function validateRmOptions(options, defaults) {
  if (options === undefined) return defaults;
  errors.validateObject(options, 'options');
  var o = {
    force: options.force === undefined ? defaults.force : options.force,
    recursive: options.recursive === undefined ? defaults.recursive : options.recursive,
    maxRetries: options.maxRetries === undefined ? defaults.maxRetries : options.maxRetries,
    retryDelay: options.retryDelay === undefined ? defaults.retryDelay : options.retryDelay
  };
  errors.validateBoolean(o.force, 'options.force');
  errors.validateBoolean(o.recursive, 'options.recursive');
  errors.validateInt32(o.retryDelay, 'options.retryDelay', 0);
  errors.validateUint32(o.maxRetries, 'options.maxRetries');
  return o;
}

var defaultRmOptions = { recursive: false, force: false, retryDelay: 100, maxRetries: 0 };

function symlinkFlags(type) {
  if (type == null) return 0;
  if (type === 'dir') return constants.UV_FS_SYMLINK_DIR;
  if (type === 'junction') return constants.UV_FS_SYMLINK_JUNCTION;
  if (type === 'file') return 0;
  if (typeof type !== 'string') {
    throw codes.ERR_INVALID_ARG_TYPE('type', 'string', type);
  }
  throw codes.ERR_FS_INVALID_SYMLINK_TYPE(type);
}

module.exports = {
  binding: binding,
  constants: constants,
  kMaxLength: kMaxLength,
  S_IFMT: S_IFMT, S_IFREG: S_IFREG, S_IFDIR: S_IFDIR,
  toBuffer: toBuffer,
  isArrayBufferView: isArrayBufferView,
  isUint8Array: isUint8Array,
  getValidatedPath: getValidatedPath,
  pathString: pathString,
  getValidatedFd: getValidatedFd,
  stringToFlags: stringToFlags,
  parseFileMode: parseFileMode,
  getValidMode: getValidMode,
  getOptions: getOptions,
  assertEncoding: assertEncoding,
  isUtf8: isUtf8,
  encodeString: encodeString,
  encodeNames: encodeNames,
  toUnixTimestamp: toUnixTimestamp,
  Stats: Stats,
  Dirent: Dirent,
  makeDirents: makeDirents,
  fileTooLarge: fileTooLarge,
  rmIsDirError: rmIsDirError,
  validateBuffer: validateBuffer,
  validateOffsetLengthRead: validateOffsetLengthRead,
  validateOffsetLengthWrite: validateOffsetLengthWrite,
  validatePosition: validatePosition,
  validateStringAfterArrayBufferView: validateStringAfterArrayBufferView,
  validateRmOptions: validateRmOptions,
  defaultRmOptions: defaultRmOptions,
  symlinkFlags: symlinkFlags,
  bytesOf: bytesOf,
  lazyBuffer: lazyBuffer
};
