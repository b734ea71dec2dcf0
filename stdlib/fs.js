/*
 * fs — Node's fs module (Node 20 semantics) on lode's worker pool
 * (layer: stdlib/). Contract: Node's documentation; the binding is
 * modules/fs.c (see its header for the calling convention).
 *
 * Each call validates its arguments here and throws Node's errors
 * synchronously, even for the callback forms. The callback forms hand the
 * user's callback itself to the binding (no closure per call) unless a
 * result has to be converted in JS (other encodings, Dirents).
 *
 * XXX: no BigInt (Duktape has none): { bigint: true } stats are refused.
 * XXX: cp / statfs / openAsBlob are not provided. fs.watch and watchFile
 * live in internal/fs/watchers (loaded on first use).
 * XXX: realpath (JS form) resolves with the native call; for a missing
 * path its error names the first missing component with syscall 'lstat',
 * found by lstat-ing the prefixes, as Node's walk would.
 */
'use strict';

var utils = require('internal/fs/utils');
var errors = require('internal/errors');
var codes = errors.codes;
var pathModule = require('path');

var binding = utils.binding;
var constants = utils.constants;
var getValidatedPath = utils.getValidatedPath;
var getValidatedFd = utils.getValidatedFd;
var stringToFlags = utils.stringToFlags;
var parseFileMode = utils.parseFileMode;
var getOptions = utils.getOptions;
var isUtf8 = utils.isUtf8;
var isArrayBufferView = utils.isArrayBufferView;
var toBuffer = utils.toBuffer;
var validateInteger = errors.validateInteger;
var validateFunction = errors.validateFunction;
var validateBoolean = errors.validateBoolean;
var validateObject = errors.validateObject;
var Buffer = utils.lazyBuffer();

var kMaxUserId = 4294967295;

function makeCallback(cb) {
  validateFunction(cb, 'cb');
  return cb;
}

function isFd(v) {
  return typeof v === 'number' && (v >>> 0) === v;
}

function defaultCloseCallback(err) {
  if (err != null) throw err;
}

/* bigint stats are not available. */
function checkStatOptions(options) {
  if (options && options.bigint) {
    throw codes.ERR_METHOD_NOT_IMPLEMENTED('stat with { bigint: true }');
  }
}

/* ---- access / exists ---- */

function access(path, mode, callback) {
  if (typeof mode === 'function') {
    callback = mode;
    mode = constants.F_OK;
  }
  path = getValidatedPath(path);
  mode = utils.getValidMode(mode, 'access');
  callback = makeCallback(callback);
  binding.access(path, mode, callback);
}

function accessSync(path, mode) {
  path = getValidatedPath(path);
  mode = utils.getValidMode(mode, 'access');
  binding.access(path, mode);
}

function exists(path, callback) {
  validateFunction(callback, 'cb');
  function suppressed(err) { callback(err ? false : true); }
  try {
    access(path, constants.F_OK, suppressed);
  } catch (e) {
    return callback(false);
  }
}
Object.defineProperty(exists, 'native', { value: exists, enumerable: false });

function existsSync(path) {
  try {
    path = getValidatedPath(path);
    binding.access(path, constants.F_OK);
    return true;
  } catch (e) {
    return false;
  }
}

/* ---- open / close / read / write ---- */

function open(path, flags, mode, callback) {
  path = getValidatedPath(path);
  if (arguments.length < 3) {
    callback = flags;
    flags = 'r';
    mode = 438;
  } else if (typeof mode === 'function') {
    callback = mode;
    mode = 438;
  } else {
    mode = parseFileMode(mode, 'mode', 438);
  }
  var flagsNumber = stringToFlags(flags);
  callback = makeCallback(callback);
  binding.open(path, flagsNumber, mode, callback);
}

function openSync(path, flags, mode) {
  path = getValidatedPath(path);
  var f = stringToFlags(flags);
  mode = parseFileMode(mode, 'mode', 438);
  return binding.open(path, f, mode);
}

function close(fd, callback) {
  if (callback === undefined) callback = defaultCloseCallback;
  fd = getValidatedFd(fd);
  if (callback !== defaultCloseCallback) callback = makeCallback(callback);
  binding.close(fd, callback);
}

function closeSync(fd) {
  fd = getValidatedFd(fd);
  binding.close(fd);
}

function read(fd, buffer, offsetOrOptions, length, position, callback) {
  fd = getValidatedFd(fd);
  var offset = offsetOrOptions;
  var params = null;
  if (arguments.length <= 4) {
    if (arguments.length === 4) {
      validateObject(offsetOrOptions, 'options', { nullable: true });
      callback = length;
      params = offsetOrOptions;
    } else if (arguments.length === 3) {
      if (!isArrayBufferView(buffer)) {
        params = buffer;
        buffer = (params && params.buffer !== undefined) ? params.buffer : Buffer.alloc(16384);
      }
      callback = offsetOrOptions;
    } else {
      callback = buffer;
      buffer = Buffer.alloc(16384);
    }
    if (params !== undefined) validateObject(params, 'options', { nullable: true });
    var p = params || {};
    offset = p.offset === undefined ? 0 : p.offset;
    length = p.length === undefined ? (buffer ? buffer.byteLength - offset : undefined) : p.length;
    position = p.position === undefined ? null : p.position;
  }
  utils.validateBuffer(buffer);
  validateFunction(callback, 'cb');
  if (offset == null) offset = 0;
  else validateInteger(offset, 'offset', 0);
  length |= 0;
  if (length === 0) {
    return process.nextTick(function tick() { callback(null, 0, buffer); });
  }
  if (buffer.byteLength === 0) {
    throw codes.ERR_INVALID_ARG_VALUE('buffer', buffer, 'is empty and cannot be written');
  }
  utils.validateOffsetLengthRead(offset, length, buffer.byteLength);
  if (position == null) position = -1;
  utils.validatePosition(position, 'position');
  if (buffer instanceof Uint8Array) {
    binding.read(fd, buffer, offset, length, position, callback);
  } else {
    binding.read(fd, utils.bytesOf(buffer), offset, length, position, function (err, n) {
      callback(err, n, buffer);
    });
  }
}

function readSync(fd, buffer, offsetOrOptions, length, position) {
  fd = getValidatedFd(fd);
  utils.validateBuffer(buffer);
  var offset = offsetOrOptions;
  if (arguments.length <= 3 || typeof offsetOrOptions === 'object') {
    if (offsetOrOptions !== undefined) validateObject(offsetOrOptions, 'options', { nullable: true });
    var p = offsetOrOptions || {};
    offset = p.offset === undefined ? 0 : p.offset;
    length = p.length === undefined ? buffer.byteLength - offset : p.length;
    position = p.position === undefined ? null : p.position;
  }
  if (offset === undefined) offset = 0;
  else validateInteger(offset, 'offset', 0);
  length |= 0;
  if (length === 0) return 0;
  if (buffer.byteLength === 0) {
    throw codes.ERR_INVALID_ARG_VALUE('buffer', buffer, 'is empty and cannot be written');
  }
  utils.validateOffsetLengthRead(offset, length, buffer.byteLength);
  if (position == null) position = -1;
  utils.validatePosition(position, 'position');
  return binding.read(fd, utils.bytesOf(buffer), offset, length, position);
}

function validateEncoding(data, encoding) {
  if (encoding === 'hex' && data.length % 2 !== 0) {
    throw codes.ERR_INVALID_ARG_VALUE('encoding', encoding,
      'is invalid for data of length ' + data.length);
  }
}

/* write(fd, string, position, encoding): UTF-8 in C, else via Buffer. */
function writeStringTo(fd, str, position, encoding, cb) {
  if (position == null || typeof position !== 'number') position = -1;
  if (!encoding || isUtf8(encoding)) return binding.writeString(fd, str, position, cb);
  var b = Buffer.from(str, encoding);
  if (cb === undefined) return binding.writeBuffer(fd, b, 0, b.length, position);
  binding.writeBuffer(fd, b, 0, b.length, position, function (err, n) {
    cb(err, n, str);
  });
}

function write(fd, buffer, offsetOrOptions, length, position, callback) {
  fd = getValidatedFd(fd);
  var offset = offsetOrOptions;
  if (isArrayBufferView(buffer)) {
    callback = makeCallback(callback || position || length || offset);
    if (offset !== null && typeof offset === 'object') {
      var o = offsetOrOptions;
      offset = o.offset === undefined ? 0 : o.offset;
      length = o.length === undefined ? buffer.byteLength - offset : o.length;
      position = o.position === undefined ? null : o.position;
    }
    if (offset == null || typeof offset === 'function') offset = 0;
    else validateInteger(offset, 'offset', 0);
    if (typeof length !== 'number') length = buffer.byteLength - offset;
    if (typeof position !== 'number') position = -1;
    utils.validateOffsetLengthWrite(offset, length, buffer.byteLength);
    if (buffer instanceof Uint8Array) {
      binding.writeBuffer(fd, buffer, offset, length, position, callback);
    } else {
      binding.writeBuffer(fd, utils.bytesOf(buffer), offset, length, position, function (err, n) {
        callback(err, n, buffer);
      });
    }
    return;
  }
  utils.validateStringAfterArrayBufferView(buffer, 'buffer');
  if (typeof position !== 'function') {
    if (typeof offset === 'function') {
      position = offset;
      offset = null;
    } else {
      position = length;
    }
    length = 'utf8';
  }
  validateEncoding(buffer, length);
  callback = makeCallback(position);
  writeStringTo(fd, buffer, offset, length, callback);
}

function writeSync(fd, buffer, offsetOrOptions, length, position) {
  fd = getValidatedFd(fd);
  var offset = offsetOrOptions;
  if (isArrayBufferView(buffer)) {
    if (offset !== null && typeof offset === 'object') {
      var o = offsetOrOptions;
      offset = o.offset === undefined ? 0 : o.offset;
      length = o.length === undefined ? buffer.byteLength - offset : o.length;
      position = o.position === undefined ? null : o.position;
    }
    if (typeof offset !== 'number') offset = 0;
    if (typeof length !== 'number') length = buffer.byteLength - offset;
    if (typeof position !== 'number') position = -1;
    utils.validateOffsetLengthWrite(offset, length, buffer.byteLength);
    return binding.writeBuffer(fd, utils.bytesOf(buffer), offset, length, position);
  }
  utils.validateStringAfterArrayBufferView(buffer, 'buffer');
  validateEncoding(buffer, length);
  return writeStringTo(fd, buffer, offset, length);
}

/* ---- whole files ---- */

/* The binding's readFile result for the wanted encoding. */
function decodeFile(data, encoding) {
  if (!encoding || encoding === 'buffer') return toBuffer(data);
  if (isUtf8(encoding)) return data;
  return toBuffer(data).toString(encoding);
}

function readFile(path, options, callback) {
  callback = makeCallback(callback || options);
  options = getOptions(options, { flag: 'r' });
  var target = isFd(path) ? path : getValidatedPath(path);
  var flags = stringToFlags(options.flag);
  var enc = options.encoding;
  if (!enc || enc === 'buffer' || isUtf8(enc)) {
    binding.readFile(target, flags, isUtf8(enc), callback);
    return;
  }
  binding.readFile(target, flags, false, function (err, data) {
    if (err) return callback(err);
    callback(null, decodeFile(data, enc));
  });
}

function readFileSync(path, options) {
  options = getOptions(options, { flag: 'r' });
  var target = isFd(path) ? path : getValidatedPath(path);
  var flags = stringToFlags(options.flag);
  var enc = options.encoding;
  var utf8 = isUtf8(enc);
  var data = binding.readFile(target, flags, utf8);
  return utf8 ? data : decodeFile(data, enc);
}

/* data as the binding takes it: a UTF-8 string or a byte view. */
function fileData(data, encoding) {
  if (isArrayBufferView(data)) return utils.bytesOf(data);
  utils.validateStringAfterArrayBufferView(data, 'data');
  if (!encoding || isUtf8(encoding)) return data;
  return Buffer.from(data, encoding);
}

function writeFile(path, data, options, callback) {
  callback = callback || options;
  validateFunction(callback, 'cb');
  options = getOptions(options, { encoding: 'utf8', mode: 438, flag: 'w', flush: false });
  var flag = options.flag || 'w';
  data = fileData(data, options.encoding);
  var target = isFd(path) ? path : getValidatedPath(path);
  var flags = stringToFlags(flag, 'flags');
  var mode = parseFileMode(options.mode, 'mode', 438);
  binding.writeFile(target, data, flags, mode, callback);
}

function writeFileSync(path, data, options) {
  options = getOptions(options, { encoding: 'utf8', mode: 438, flag: 'w', flush: false });
  data = fileData(data, options.encoding);
  var flag = options.flag || 'w';
  var target = isFd(path) ? path : getValidatedPath(path);
  var flags = stringToFlags(flag);
  var mode = parseFileMode(options.mode, 'mode', 438);
  binding.writeFile(target, data, flags, mode);
}

function appendOptions(path, options) {
  options = getOptions(options, { encoding: 'utf8', mode: 438, flag: 'a' });
  var o = {};
  for (var k in options) o[k] = options[k];
  if (!o.flag || isFd(path)) o.flag = 'a';
  return o;
}

function appendFile(path, data, options, callback) {
  callback = callback || options;
  validateFunction(callback, 'cb');
  writeFile(path, data, appendOptions(path, options), callback);
}

function appendFileSync(path, data, options) {
  writeFileSync(path, data, appendOptions(path, options));
}

/* ---- stat ---- */

function stat(path, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = undefined;
  }
  callback = makeCallback(callback);
  path = getValidatedPath(path);
  checkStatOptions(options);
  binding.stat(path, callback);
}

function lstat(path, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = undefined;
  }
  callback = makeCallback(callback);
  path = getValidatedPath(path);
  checkStatOptions(options);
  binding.lstat(path, callback);
}

function fstat(fd, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = undefined;
  }
  fd = getValidatedFd(fd);
  callback = makeCallback(callback);
  checkStatOptions(options);
  binding.fstat(fd, callback);
}

function statLike(fn, path, options) {
  path = getValidatedPath(path);
  checkStatOptions(options);
  if (options && options.throwIfNoEntry === false) {
    try {
      return binding[fn](path);
    } catch (e) {
      if (e.code === 'ENOENT') return undefined;
      throw e;
    }
  }
  return binding[fn](path);
}

function statSync(path, options) { return statLike('stat', path, options); }
function lstatSync(path, options) { return statLike('lstat', path, options); }

function fstatSync(fd, options) {
  fd = getValidatedFd(fd);
  checkStatOptions(options);
  return binding.fstat(fd);
}

/* ---- directories ---- */

function mkdirArgs(options) {
  var mode = 511, recursive = false;
  if (typeof options === 'number' || typeof options === 'string') {
    mode = parseFileMode(options, 'mode');
  } else if (options && typeof options !== 'function') {
    if (options.recursive !== undefined) recursive = options.recursive;
    if (options.mode !== undefined) mode = parseFileMode(options.mode, 'mode');
  }
  return { mode: mode, recursive: recursive };
}

function mkdir(path, options, callback) {
  var a = mkdirArgs(options);
  if (typeof options === 'function') callback = options;
  callback = makeCallback(callback);
  path = getValidatedPath(path);
  validateBoolean(a.recursive, 'options.recursive');
  if (a.recursive) binding.mkdirp(path, a.mode, callback);
  else binding.mkdir(path, a.mode, callback);
}

function mkdirSync(path, options) {
  var a = mkdirArgs(options);
  path = getValidatedPath(path);
  validateBoolean(a.recursive, 'options.recursive');
  if (a.recursive) return binding.mkdirp(path, a.mode);
  binding.mkdir(path, a.mode);
}

function tempTemplate(prefix) {
  prefix = getValidatedPath(prefix, 'prefix');
  if (typeof prefix === 'string') return prefix + 'XXXXXX';
  return Buffer.concat([Buffer.from(prefix), Buffer.from('XXXXXX')]);
}

function mkdtemp(prefix, options, callback) {
  callback = makeCallback(typeof options === 'function' ? options : callback);
  options = getOptions(options, {});
  var tpl = tempTemplate(prefix);
  var enc = options.encoding;
  if (!enc || isUtf8(enc)) return binding.mkdtemp(tpl, callback);
  binding.mkdtemp(tpl, function (err, p) {
    if (err) return callback(err);
    callback(null, utils.encodeString(p, enc));
  });
}

function mkdtempSync(prefix, options) {
  options = getOptions(options, {});
  return utils.encodeString(binding.mkdtemp(tempTemplate(prefix)), options.encoding);
}

function readdirResult(result, path, options) {
  if (options.withFileTypes) return utils.makeDirents(result, utils.pathString(path), options.encoding);
  return utils.encodeNames(result, options.encoding);
}

/* Recursive listing, breadth first as Node: entries of a directory, then
 * those of its subdirectories in order. */
function readdirRecursive(base, options, readOne, done) {
  var withTypes = !!options.withFileTypes;
  var basePath = utils.pathString(base);
  var queue = [basePath], results = [], qi = 0;
  function step() {
    if (qi >= queue.length) return done(null, results);
    var dir = queue[qi++];
    readOne(dir, withTypes, function (err, r) {
      if (err) return done(err);
      var i;
      if (withTypes) {
        var ents = utils.makeDirents(r, dir, options.encoding);
        for (i = 0; i < ents.length; i++) {
          results.push(ents[i]);
          if (ents[i].isDirectory()) queue.push(pathModule.join(dir, ents[i].name));
        }
      } else {
        for (i = 0; i < r.length; i++) {
          var full = pathModule.join(dir, r[i]);
          results.push(utils.encodeString(pathModule.relative(basePath, full), options.encoding));
          if (binding.internalModuleStat(full) === 1) queue.push(full);
        }
      }
      step();
    });
  }
  step();
}

function readdir(path, options, callback) {
  callback = makeCallback(typeof options === 'function' ? options : callback);
  options = getOptions(options, {});
  path = getValidatedPath(path);
  if (options.recursive != null) validateBoolean(options.recursive, 'options.recursive');
  if (options.recursive) {
    return readdirRecursive(path, options, function (dir, withTypes, cb) {
      binding.readdir(dir, withTypes, cb);
    }, callback);
  }
  var enc = options.encoding;
  if (!options.withFileTypes && (!enc || isUtf8(enc))) {
    return binding.readdir(path, false, callback);
  }
  binding.readdir(path, !!options.withFileTypes, function (err, r) {
    if (err) return callback(err);
    callback(null, readdirResult(r, path, options));
  });
}

function readdirSync(path, options) {
  options = getOptions(options, {});
  path = getValidatedPath(path);
  if (options.recursive != null) validateBoolean(options.recursive, 'options.recursive');
  if (options.recursive) {
    var out;
    readdirRecursive(path, options, function (dir, withTypes, cb) {
      cb(null, binding.readdir(dir, withTypes));
    }, function (err, r) { out = r; });
    return out;
  }
  return readdirResult(binding.readdir(path, !!options.withFileTypes), path, options);
}

function emitRecursiveRmdirWarning() {
  if (emitRecursiveRmdirWarning.done) return;
  emitRecursiveRmdirWarning.done = true;
  if (typeof process.emitWarning === 'function') {
    process.emitWarning('In future versions of Node.js, fs.rmdir(path, { recursive: true }) ' +
      'will be removed. Use fs.rm(path, { recursive: true }) instead',
      'DeprecationWarning', 'DEP0147');
  }
}

function rmdir(path, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = undefined;
  }
  callback = makeCallback(callback);
  path = getValidatedPath(path);
  if (options && options.recursive) {
    emitRecursiveRmdirWarning();
    var o = utils.validateRmOptions(options, utils.defaultRmOptions);
    binding.lstat(path, function (err, st) {
      if (err) return callback(err);
      if (!st.isDirectory()) return binding.rmdir(path, callback);
      binding.rmTree(path, callback);
    });
    return o;
  }
  if (options !== undefined) utils.validateRmOptions(options, utils.defaultRmOptions);
  binding.rmdir(path, callback);
}

function rmdirSync(path, options) {
  path = getValidatedPath(path);
  if (options && options.recursive) {
    emitRecursiveRmdirWarning();
    utils.validateRmOptions(options, utils.defaultRmOptions);
    if (binding.lstat(path).isDirectory()) return binding.rmTree(path);
  } else if (options !== undefined) {
    utils.validateRmOptions(options, utils.defaultRmOptions);
  }
  binding.rmdir(path);
}

function rm(path, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = undefined;
  }
  path = getValidatedPath(path);
  options = utils.validateRmOptions(options, utils.defaultRmOptions);
  callback = makeCallback(callback);
  binding.lstat(path, function (err, st) {
    if (err) {
      if (options.force && err.code === 'ENOENT') return callback(null);
      return callback(err);
    }
    if (st.isDirectory()) {
      if (!options.recursive) return callback(utils.rmIsDirError(utils.pathString(path)));
      return binding.rmTree(path, callback);
    }
    binding.unlink(path, function (err2) {
      if (err2 && !(options.force && err2.code === 'ENOENT')) return callback(err2);
      callback(null);
    });
  });
}

function rmSync(path, options) {
  path = getValidatedPath(path);
  options = utils.validateRmOptions(options, utils.defaultRmOptions);
  var st;
  try {
    st = binding.lstat(path);
  } catch (err) {
    if (options.force && err.code === 'ENOENT') return;
    throw err;
  }
  if (st.isDirectory()) {
    if (!options.recursive) throw utils.rmIsDirError(utils.pathString(path));
    return binding.rmTree(path);
  }
  try {
    binding.unlink(path);
  } catch (err) {
    if (!(options.force && err.code === 'ENOENT')) throw err;
  }
}

/* ---- names and links ---- */

function unlink(path, callback) {
  callback = makeCallback(callback);
  path = getValidatedPath(path);
  binding.unlink(path, callback);
}

function unlinkSync(path) {
  binding.unlink(getValidatedPath(path));
}

function rename(oldPath, newPath, callback) {
  callback = makeCallback(callback);
  oldPath = getValidatedPath(oldPath, 'oldPath');
  newPath = getValidatedPath(newPath, 'newPath');
  binding.rename(oldPath, newPath, callback);
}

function renameSync(oldPath, newPath) {
  oldPath = getValidatedPath(oldPath, 'oldPath');
  newPath = getValidatedPath(newPath, 'newPath');
  binding.rename(oldPath, newPath);
}

function link(existingPath, newPath, callback) {
  callback = makeCallback(callback);
  existingPath = getValidatedPath(existingPath, 'existingPath');
  newPath = getValidatedPath(newPath, 'newPath');
  binding.link(existingPath, newPath, callback);
}

function linkSync(existingPath, newPath) {
  existingPath = getValidatedPath(existingPath, 'existingPath');
  newPath = getValidatedPath(newPath, 'newPath');
  binding.link(existingPath, newPath);
}

function symlink(target, path, type, callback) {
  callback = makeCallback(arguments[arguments.length - 1]);
  type = typeof type === 'string' ? type : null;
  target = getValidatedPath(target, 'target');
  path = getValidatedPath(path);
  binding.symlink(target, path, utils.symlinkFlags(type), callback);
}

function symlinkSync(target, path, type) {
  type = typeof type === 'string' ? type : null;
  target = getValidatedPath(target, 'target');
  path = getValidatedPath(path);
  binding.symlink(target, path, utils.symlinkFlags(type));
}

function readlink(path, options, callback) {
  callback = makeCallback(typeof options === 'function' ? options : callback);
  options = getOptions(options, {});
  path = getValidatedPath(path, 'oldPath');
  var enc = options.encoding;
  if (!enc || isUtf8(enc)) return binding.readlink(path, callback);
  binding.readlink(path, function (err, s) {
    if (err) return callback(err);
    callback(null, utils.encodeString(s, enc));
  });
}

function readlinkSync(path, options) {
  options = getOptions(options, {});
  path = getValidatedPath(path, 'oldPath');
  return utils.encodeString(binding.readlink(path), options.encoding);
}

/* The first missing (or failing) prefix of p, as Node's realpath walk
 * meets it: the lstat error for it. */
function realpathWalkError(p, err) {
  if (err.code !== 'ENOENT' && err.code !== 'ENOTDIR') return err;
  var abs = pathModule.resolve(utils.pathString(p));
  var parts = abs.split('/'), cur = '';
  for (var i = 1; i < parts.length; i++) {
    if (parts[i] === '') continue;
    cur += '/' + parts[i];
    try {
      binding.lstat(cur);
    } catch (e) {
      return e;
    }
  }
  return err;
}

/* Node's JS realpath turns any non-URL value into a string first. */
function realpathArg(p) {
  if (p != null && typeof p === 'object' && typeof p.href === 'string') return getValidatedPath(p);
  if (typeof p !== 'string') p += '';
  return getValidatedPath(p);
}

function realpathSync(p, options) {
  options = getOptions(options, {});
  p = realpathArg(p);
  try {
    return utils.encodeString(binding.realpathNative(p), options.encoding);
  } catch (err) {
    throw realpathWalkError(p, err);
  }
}

realpathSync.native = function realpathSyncNative(p, options) {
  options = getOptions(options, {});
  p = getValidatedPath(p);
  return utils.encodeString(binding.realpathNative(p), options.encoding);
};

function realpath(p, options, callback) {
  callback = typeof options === 'function' ? options : callback;
  validateFunction(callback, 'cb');
  options = getOptions(options, {});
  p = realpathArg(p);
  binding.realpathNative(p, function (err, r) {
    /* XXX: the walk for the error's path runs lstat synchronously. */
    if (err) return callback(realpathWalkError(p, err));
    callback(null, utils.encodeString(r, options.encoding));
  });
}

realpath.native = function realpathNative(p, options, callback) {
  callback = makeCallback(callback || options);
  options = getOptions(options, {});
  p = getValidatedPath(p);
  var enc = options.encoding;
  if (!enc || isUtf8(enc)) return binding.realpathNative(p, callback);
  binding.realpathNative(p, function (err, r) {
    if (err) return callback(err);
    callback(null, utils.encodeString(r, enc));
  });
};

function copyFile(src, dest, mode, callback) {
  if (typeof mode === 'function') {
    callback = mode;
    mode = 0;
  }
  src = getValidatedPath(src, 'src');
  dest = getValidatedPath(dest, 'dest');
  mode = utils.getValidMode(mode, 'copyFile');
  callback = makeCallback(callback);
  binding.copyFile(src, dest, mode, callback);
}

function copyFileSync(src, dest, mode) {
  src = getValidatedPath(src, 'src');
  dest = getValidatedPath(dest, 'dest');
  binding.copyFile(src, dest, utils.getValidMode(mode, 'copyFile'));
}

/* ---- sizes, sync, times, permissions ---- */

function ftruncate(fd, len, callback) {
  if (typeof len === 'function') {
    callback = len;
    len = 0;
  } else if (len === undefined) {
    len = 0;
  }
  fd = getValidatedFd(fd);
  validateInteger(len, 'len');
  len = Math.max(0, len);
  callback = makeCallback(callback);
  binding.ftruncate(fd, len, callback);
}

function ftruncateSync(fd, len) {
  if (len === undefined) len = 0;
  fd = getValidatedFd(fd);
  validateInteger(len, 'len');
  binding.ftruncate(fd, Math.max(0, len));
}

function truncate(path, len, callback) {
  if (typeof path === 'number') return ftruncate(path, len, callback);
  if (typeof len === 'function') {
    callback = len;
    len = 0;
  } else if (len === undefined) {
    len = 0;
  }
  validateInteger(len, 'len');
  len = Math.max(0, len);
  validateFunction(callback, 'cb');
  open(path, 'r+', function (err, fd) {
    if (err) return callback(err);
    binding.ftruncate(fd, len, function (err1) {
      binding.close(fd, function (err2) {
        callback(err1 || err2 || null);
      });
    });
  });
}

function truncateSync(path, len) {
  if (typeof path === 'number') return ftruncateSync(path, len);
  if (len === undefined) len = 0;
  var fd = openSync(path, 'r+');
  try {
    ftruncateSync(fd, len);
  } finally {
    closeSync(fd);
  }
}

function fdCall(name) {
  return [function (fd, callback) {
    fd = getValidatedFd(fd);
    callback = makeCallback(callback);
    binding[name](fd, callback);
  }, function (fd) {
    binding[name](getValidatedFd(fd));
  }];
}

var fsyncPair = fdCall('fsync');
var fdatasyncPair = fdCall('fdatasync');

function utimes(path, atime, mtime, callback) {
  callback = makeCallback(callback);
  path = getValidatedPath(path);
  binding.utimes(path, utils.toUnixTimestamp(atime), utils.toUnixTimestamp(mtime), callback);
}

function utimesSync(path, atime, mtime) {
  path = getValidatedPath(path);
  binding.utimes(path, utils.toUnixTimestamp(atime), utils.toUnixTimestamp(mtime));
}

function futimes(fd, atime, mtime, callback) {
  fd = getValidatedFd(fd);
  atime = utils.toUnixTimestamp(atime, 'atime');
  mtime = utils.toUnixTimestamp(mtime, 'mtime');
  callback = makeCallback(callback);
  binding.futimes(fd, atime, mtime, callback);
}

function futimesSync(fd, atime, mtime) {
  fd = getValidatedFd(fd);
  atime = utils.toUnixTimestamp(atime, 'atime');
  mtime = utils.toUnixTimestamp(mtime, 'mtime');
  binding.futimes(fd, atime, mtime);
}

function lutimes(path, atime, mtime, callback) {
  callback = makeCallback(callback);
  path = getValidatedPath(path);
  binding.lutimes(path, utils.toUnixTimestamp(atime), utils.toUnixTimestamp(mtime), callback);
}

function lutimesSync(path, atime, mtime) {
  path = getValidatedPath(path);
  binding.lutimes(path, utils.toUnixTimestamp(atime), utils.toUnixTimestamp(mtime));
}

function chmod(path, mode, callback) {
  path = getValidatedPath(path);
  mode = parseFileMode(mode, 'mode');
  callback = makeCallback(callback);
  binding.chmod(path, mode, callback);
}

function chmodSync(path, mode) {
  path = getValidatedPath(path);
  binding.chmod(path, parseFileMode(mode, 'mode'));
}

function fchmod(fd, mode, callback) {
  fd = getValidatedFd(fd);
  mode = parseFileMode(mode, 'mode');
  callback = makeCallback(callback);
  binding.fchmod(fd, mode, callback);
}

function fchmodSync(fd, mode) {
  fd = getValidatedFd(fd);
  binding.fchmod(fd, parseFileMode(mode, 'mode'));
}

function validateIds(uid, gid) {
  validateInteger(uid, 'uid', -1, kMaxUserId);
  validateInteger(gid, 'gid', -1, kMaxUserId);
}

function chown(path, uid, gid, callback) {
  callback = makeCallback(callback);
  path = getValidatedPath(path);
  validateIds(uid, gid);
  binding.chown(path, uid >>> 0, gid >>> 0, callback);
}

function chownSync(path, uid, gid) {
  path = getValidatedPath(path);
  validateIds(uid, gid);
  binding.chown(path, uid >>> 0, gid >>> 0);
}

function lchown(path, uid, gid, callback) {
  callback = makeCallback(callback);
  path = getValidatedPath(path);
  validateIds(uid, gid);
  binding.lchown(path, uid >>> 0, gid >>> 0, callback);
}

function lchownSync(path, uid, gid) {
  path = getValidatedPath(path);
  validateIds(uid, gid);
  binding.lchown(path, uid >>> 0, gid >>> 0);
}

function fchown(fd, uid, gid, callback) {
  fd = getValidatedFd(fd);
  validateIds(uid, gid);
  callback = makeCallback(callback);
  binding.fchown(fd, uid >>> 0, gid >>> 0, callback);
}

function fchownSync(fd, uid, gid) {
  fd = getValidatedFd(fd);
  validateIds(uid, gid);
  binding.fchown(fd, uid >>> 0, gid >>> 0);
}

/* ---- readv / writev ---- */

function validateBufferArray(buffers, name) {
  if (!Array.isArray(buffers)) {
    throw codes.ERR_INVALID_ARG_TYPE(name || 'buffers', 'ArrayBufferView[]', buffers);
  }
  for (var i = 0; i < buffers.length; i++) {
    if (!isArrayBufferView(buffers[i])) {
      throw codes.ERR_INVALID_ARG_TYPE(name || 'buffers', 'ArrayBufferView[]', buffers);
    }
  }
  return buffers;
}

/* XXX: readv/writev run one read/write per buffer (not one system call). */
function ioVec(isWrite, fd, buffers, position, callback) {
  var i = 0, total = 0;
  function next() {
    while (i < buffers.length && buffers[i].byteLength === 0) i++;
    if (i >= buffers.length) return callback(null, total, buffers);
    var b = utils.bytesOf(buffers[i]);
    var pos = typeof position === 'number' ? position + total : -1;
    binding[isWrite ? 'writeBuffer' : 'read'](fd, b, 0, b.length, pos, function (err, n) {
      if (err) return callback(err, total, buffers);
      total += n;
      if (n < b.length) return callback(null, total, buffers);
      i++;
      next();
    });
  }
  next();
}

function ioVecSync(isWrite, fd, buffers, position) {
  var total = 0;
  for (var i = 0; i < buffers.length; i++) {
    var b = utils.bytesOf(buffers[i]);
    if (b.length === 0) continue;
    var pos = typeof position === 'number' ? position + total : -1;
    var n = binding[isWrite ? 'writeBuffer' : 'read'](fd, b, 0, b.length, pos);
    total += n;
    if (n < b.length) break;
  }
  return total;
}

function writev(fd, buffers, position, callback) {
  fd = getValidatedFd(fd);
  validateBufferArray(buffers);
  callback = makeCallback(callback || position);
  if (typeof position !== 'number') position = null;
  ioVec(true, fd, buffers, position, callback);
}

function writevSync(fd, buffers, position) {
  fd = getValidatedFd(fd);
  validateBufferArray(buffers);
  if (typeof position !== 'number') position = null;
  return ioVecSync(true, fd, buffers, position);
}

function readv(fd, buffers, position, callback) {
  fd = getValidatedFd(fd);
  validateBufferArray(buffers);
  callback = makeCallback(callback || position);
  if (typeof position !== 'number') position = null;
  ioVec(false, fd, buffers, position, callback);
}

function readvSync(fd, buffers, position) {
  fd = getValidatedFd(fd);
  validateBufferArray(buffers);
  if (typeof position !== 'number') position = null;
  return ioVecSync(false, fd, buffers, position);
}

/* ---- Dir ---- */

function Dir(id, path, options) {
  this._id = id;
  this._path = path;
  this._encoding = options.encoding;
  this._buffer = [];
  this._closed = false;
  this._operations = 0;
  this._queue = [];
  Object.defineProperty(this, '_id', { enumerable: false });
}

Object.defineProperty(Dir.prototype, 'path', {
  get: function () { return this._path; }, configurable: true
});

Dir.prototype._entries = function (flat) {
  for (var i = 0; i < flat.length; i += 2) {
    var name = utils.encodeString(flat[i], this._encoding);
    this._buffer.push(new utils.Dirent(name, flat[i + 1], this._path));
  }
};

Dir.prototype.read = function read(callback) {
  var self = this;
  if (callback === undefined) {
    return new Promise(function (resolve, reject) {
      self.read(function (err, ent) { if (err) reject(err); else resolve(ent); });
    });
  }
  validateFunction(callback, 'callback');
  if (this._closed) throw codes.ERR_DIR_CLOSED();
  if (this._operations > 0) {
    this._queue.push(callback);
    return;
  }
  if (this._buffer.length > 0) {
    var ent = this._buffer.shift();
    process.nextTick(function () { callback(null, ent); });
    return;
  }
  this._operations++;
  binding.dirRead(this._id, function (err, flat) {
    self._operations--;
    if (err) {
      callback(err);
    } else {
      if (flat) self._entries(flat);
      callback(null, self._buffer.length > 0 ? self._buffer.shift() : null);
    }
    if (self._queue.length > 0 && !self._closed) self.read(self._queue.shift());
  });
};

Dir.prototype.readSync = function readSync() {
  if (this._closed) throw codes.ERR_DIR_CLOSED();
  if (this._operations > 0) throw codes.ERR_DIR_CONCURRENT_OPERATION();
  if (this._buffer.length === 0) {
    var flat = binding.dirRead(this._id);
    if (flat) this._entries(flat);
  }
  return this._buffer.length > 0 ? this._buffer.shift() : null;
};

Dir.prototype.close = function close(callback) {
  var self = this;
  if (callback === undefined) {
    if (this._closed) return Promise.reject(codes.ERR_DIR_CLOSED());
    return new Promise(function (resolve, reject) {
      self.close(function (err) { if (err) reject(err); else resolve(); });
    });
  }
  validateFunction(callback, 'callback');
  if (this._closed) {
    var e = codes.ERR_DIR_CLOSED();
    process.nextTick(function () { callback(e); });
    return;
  }
  this._closed = true;
  binding.dirClose(this._id, callback);
};

Dir.prototype.closeSync = function closeSync() {
  if (this._closed) throw codes.ERR_DIR_CLOSED();
  if (this._operations > 0) throw codes.ERR_DIR_CONCURRENT_OPERATION();
  this._closed = true;
  binding.dirClose(this._id);
};

function dirOptions(options) {
  options = getOptions(options, { encoding: 'utf8' });
  if (options.bufferSize !== undefined) {
    validateInteger(options.bufferSize, 'options.bufferSize', 1, 4294967295);
  }
  return options;
}

function opendir(path, options, callback) {
  callback = makeCallback(typeof options === 'function' ? options : callback);
  path = getValidatedPath(path);
  options = dirOptions(options);
  var p = utils.pathString(path);
  binding.opendir(path, function (err, id) {
    if (err) return callback(err);
    callback(null, new Dir(id, p, options));
  });
}

function opendirSync(path, options) {
  path = getValidatedPath(path);
  options = dirOptions(options);
  return new Dir(binding.opendir(path), utils.pathString(path), options);
}

/* ---- exports ---- */

module.exports = {
  appendFile: appendFile,
  appendFileSync: appendFileSync,
  access: access,
  accessSync: accessSync,
  chown: chown,
  chownSync: chownSync,
  chmod: chmod,
  chmodSync: chmodSync,
  close: close,
  closeSync: closeSync,
  copyFile: copyFile,
  copyFileSync: copyFileSync,
  exists: exists,
  existsSync: existsSync,
  fchown: fchown,
  fchownSync: fchownSync,
  fchmod: fchmod,
  fchmodSync: fchmodSync,
  fdatasync: fdatasyncPair[0],
  fdatasyncSync: fdatasyncPair[1],
  fstat: fstat,
  fstatSync: fstatSync,
  fsync: fsyncPair[0],
  fsyncSync: fsyncPair[1],
  ftruncate: ftruncate,
  ftruncateSync: ftruncateSync,
  futimes: futimes,
  futimesSync: futimesSync,
  lchown: lchown,
  lchownSync: lchownSync,
  link: link,
  linkSync: linkSync,
  lstat: lstat,
  lstatSync: lstatSync,
  lutimes: lutimes,
  lutimesSync: lutimesSync,
  mkdir: mkdir,
  mkdirSync: mkdirSync,
  mkdtemp: mkdtemp,
  mkdtempSync: mkdtempSync,
  open: open,
  openSync: openSync,
  readdir: readdir,
  readdirSync: readdirSync,
  read: read,
  readSync: readSync,
  readv: readv,
  readvSync: readvSync,
  readFile: readFile,
  readFileSync: readFileSync,
  readlink: readlink,
  readlinkSync: readlinkSync,
  realpath: realpath,
  realpathSync: realpathSync,
  rename: rename,
  renameSync: renameSync,
  rm: rm,
  rmSync: rmSync,
  rmdir: rmdir,
  rmdirSync: rmdirSync,
  stat: stat,
  statSync: statSync,
  symlink: symlink,
  symlinkSync: symlinkSync,
  truncate: truncate,
  truncateSync: truncateSync,
  unlink: unlink,
  unlinkSync: unlinkSync,
  utimes: utimes,
  utimesSync: utimesSync,
  writeFile: writeFile,
  writeFileSync: writeFileSync,
  write: write,
  writeSync: writeSync,
  writev: writev,
  writevSync: writevSync,
  Dirent: utils.Dirent,
  Stats: utils.Stats,
  Dir: Dir,
  opendir: opendir,
  opendirSync: opendirSync,
  F_OK: constants.F_OK,
  R_OK: constants.R_OK,
  W_OK: constants.W_OK,
  X_OK: constants.X_OK,
  constants: constants,
  _toUnixTimestamp: utils.toUnixTimestamp
};

/* Streams load lazily: stdlib/stream.js may load fs itself. */
var streams;
function lazyStreams() {
  if (!streams) streams = require('internal/fs/streams');
  return streams;
}

Object.defineProperties(module.exports, {
  ReadStream: {
    get: function () { return lazyStreams().ReadStream; },
    set: function (v) { lazyStreams().ReadStream = v; },
    enumerable: true, configurable: true
  },
  WriteStream: {
    get: function () { return lazyStreams().WriteStream; },
    set: function (v) { lazyStreams().WriteStream = v; },
    enumerable: true, configurable: true
  },
  FileReadStream: {
    get: function () { return lazyStreams().ReadStream; },
    enumerable: false, configurable: true
  },
  FileWriteStream: {
    get: function () { return lazyStreams().WriteStream; },
    enumerable: false, configurable: true
  },
  promises: {
    get: function () { return require('fs/promises'); },
    enumerable: true, configurable: true
  }
});

module.exports.createReadStream = function createReadStream(path, options) {
  var RS = lazyStreams().ReadStream;
  return new RS(path, options);
};

module.exports.createWriteStream = function createWriteStream(path, options) {
  var WS = lazyStreams().WriteStream;
  return new WS(path, options);
};

/* fs.watch, fs.watchFile, fs.unwatchFile: internal/fs/watchers, loaded on
 * first use. */
var watchers;
function lazyWatchers() {
  if (!watchers) watchers = require('internal/fs/watchers');
  return watchers;
}

module.exports.watch = function watch(filename, options, listener) {
  return lazyWatchers().watch(filename, options, listener);
};

module.exports.watchFile = function watchFile(filename, options, listener) {
  return lazyWatchers().watchFile(filename, options, listener);
};

module.exports.unwatchFile = function unwatchFile(filename, listener) {
  return lazyWatchers().unwatchFile(filename, listener);
};
