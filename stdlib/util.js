/*
 * util — inspect/format (from internal/inspect), inherits, promisify,
 * callbackify, deprecate, debuglog, types, isDeepStrictEqual and the legacy
 * is* helpers, as documented for Node 20.
 *
 * Layer: stdlib (pure ES5). Promise comes from the engine's polyfill.
 */
'use strict';

var insp = require('internal/inspect');
var errors = require('internal/errors');
var codes = errors.codes;
var validateFunction = errors.validateFunction;
var validateString = errors.validateString;

var inspect = insp.inspect;
var hasSymbol = typeof Symbol === 'function';
var kCustomPromisifiedSymbol = hasSymbol ? Symbol['for']('nodejs.util.promisify.custom') :
  '__nodejsUtilPromisifyCustom';
var kCustomPromisifyArgsSymbol = hasSymbol ? Symbol('customPromisifyArgs') : '__customPromisifyArgs';

function inherits(ctor, superCtor) {
  if (ctor === undefined || ctor === null) {
    throw codes.ERR_INVALID_ARG_TYPE('ctor', 'Function', ctor);
  }
  if (superCtor === undefined || superCtor === null) {
    throw codes.ERR_INVALID_ARG_TYPE('superCtor', 'Function', superCtor);
  }
  if (superCtor.prototype === undefined) {
    throw codes.ERR_INVALID_ARG_TYPE('superCtor.prototype', 'Object', superCtor.prototype);
  }
  Object.defineProperty(ctor, 'super_', { value: superCtor, writable: true, configurable: true });
  Object.setPrototypeOf(ctor.prototype, superCtor.prototype);
}

/* Copy own properties (name, length, extras) the way Node's
 * ObjectDefineProperties(fn, ObjectGetOwnPropertyDescriptors(orig)) does;
 * properties the engine refuses to redefine are skipped. */
function copyOwnProperties(target, source, edit) {
  var keys = Object.getOwnPropertyNames(source);
  if (Object.getOwnPropertySymbols) keys = keys.concat(Object.getOwnPropertySymbols(source));
  for (var i = 0; i < keys.length; i++) {
    var d = Object.getOwnPropertyDescriptor(source, keys[i]);
    if (edit) edit(keys[i], d);
    try { Object.defineProperty(target, keys[i], d); } catch (e) { /* non-configurable */ }
  }
}

function promisify(original) {
  validateFunction(original, 'original');
  if (original[kCustomPromisifiedSymbol]) {
    var custom = original[kCustomPromisifiedSymbol];
    validateFunction(custom, 'util.promisify.custom');
    Object.defineProperty(custom, kCustomPromisifiedSymbol, {
      value: custom, enumerable: false, writable: false, configurable: true
    });
    return custom;
  }
  var argumentNames = original[kCustomPromisifyArgsSymbol];
  function fn() {
    var self = this;
    var args = Array.prototype.slice.call(arguments);
    return new Promise(function (resolve, reject) {
      args.push(function (err) {
        if (err) return reject(err);
        var values = Array.prototype.slice.call(arguments, 1);
        if (argumentNames !== undefined && values.length > 1) {
          var obj = {};
          for (var i = 0; i < argumentNames.length; i++) obj[argumentNames[i]] = values[i];
          resolve(obj);
        } else {
          resolve(values[0]);
        }
      });
      original.apply(self, args);
    });
  }
  Object.setPrototypeOf(fn, Object.getPrototypeOf(original));
  Object.defineProperty(fn, kCustomPromisifiedSymbol, {
    value: fn, enumerable: false, writable: false, configurable: true
  });
  copyOwnProperties(fn, original);
  return fn;
}
promisify.custom = kCustomPromisifiedSymbol;

function nextTick(fn, a, b) {
  if (typeof process !== 'undefined' && process && typeof process.nextTick === 'function') {
    process.nextTick(fn, a, b);
  } else {
    Promise.resolve().then(function () { fn(a, b); });
  }
}

function callbackifyOnRejected(reason, cb) {
  if (!reason) {
    var newReason = codes.ERR_FALSY_VALUE_REJECTION();
    newReason.reason = reason;
    reason = newReason;
  }
  return cb(reason);
}

function callbackify(original) {
  validateFunction(original, 'original');
  function callbackified() {
    var args = Array.prototype.slice.call(arguments);
    var maybeCb = args.pop();
    validateFunction(maybeCb, 'last argument');
    var cb = maybeCb.bind(this);
    original.apply(this, args).then(function (ret) {
      nextTick(cb, null, ret);
    }, function (rej) {
      nextTick(callbackifyOnRejected, rej, cb);
    });
  }
  copyOwnProperties(callbackified, original, function (key, d) {
    if (key === 'length' && typeof d.value === 'number') d.value++;
    if (key === 'name' && typeof d.value === 'string') d.value += 'Callbackified';
  });
  return callbackified;
}

var codesWarned = {};

function emitWarning(msg, type, code, ctor) {
  if (typeof process !== 'undefined' && process && typeof process.emitWarning === 'function') {
    if (code !== undefined) process.emitWarning(msg, type, code, ctor);
    else process.emitWarning(msg, type, ctor);
  } else if (typeof console !== 'undefined') {
    console.error('(node) ' + (code ? '[' + code + '] ' : '') + type + ': ' + msg);
  }
}

function deprecate(fn, msg, code) {
  if (typeof process !== 'undefined' && process && process.noDeprecation === true) return fn;
  if (code !== undefined) validateString(code, 'code');
  var warned = false;
  function deprecated() {
    if (!warned && !(typeof process !== 'undefined' && process.noDeprecation)) {
      warned = true;
      if (code !== undefined) {
        if (!codesWarned[code]) {
          emitWarning(msg, 'DeprecationWarning', code, deprecated);
          codesWarned[code] = true;
        }
      } else {
        emitWarning(msg, 'DeprecationWarning', undefined, deprecated);
      }
    }
    if (this instanceof deprecated) {
      if (typeof Reflect === 'object' && Reflect.construct) {
        return Reflect.construct(fn, arguments, this.constructor);
      }
      var obj = Object.create(fn.prototype);
      var r = fn.apply(obj, arguments);
      return (r !== null && typeof r === 'object') ? r : obj;
    }
    return fn.apply(this, arguments);
  }
  Object.setPrototypeOf(deprecated, fn);
  if (fn.prototype) deprecated.prototype = fn.prototype;
  return deprecated;
}

var debugEnvRegex = null;
function initDebugEnv() {
  var env = typeof process !== 'undefined' && process.env ? process.env.NODE_DEBUG : '';
  if (env) {
    env = env.replace(/[|\\{}()[\]^$+?.]/g, '\\$&').replace(/\*/g, '.*').replace(/,/g, '$|^');
    debugEnvRegex = new RegExp('^' + env + '$', 'i');
  } else {
    debugEnvRegex = false;
  }
}

function debuglog(set, cb) {
  if (debugEnvRegex === null) initDebugEnv();
  set = set.toUpperCase();
  var enabled = !!(debugEnvRegex && debugEnvRegex.test(set));
  var pid = typeof process !== 'undefined' ? process.pid : 0;
  function logger() {
    if (!enabled) return;
    var msg = insp.formatWithOptions.apply(null, [{ colors: false }].concat(
      Array.prototype.slice.call(arguments)));
    var line = set + ' ' + pid + ': ' + msg + '\n';
    if (typeof process !== 'undefined' && process.stderr && process.stderr.write) {
      process.stderr.write(line);
    } else {
      console.error(line.slice(0, -1));
    }
  }
  Object.defineProperty(logger, 'enabled', {
    get: function () { return enabled; }, configurable: true, enumerable: true
  });
  if (typeof cb === 'function') cb(logger);
  return logger;
}

var months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
function pad(n) { return n < 10 ? '0' + n.toString(10) : n.toString(10); }
function timestamp() {
  var d = new Date();
  var t = [pad(d.getHours()), pad(d.getMinutes()), pad(d.getSeconds())].join(':');
  return d.getDate() + ' ' + months[d.getMonth()] + ' ' + t;
}
function log() {
  console.log('%s - %s', timestamp(), insp.format.apply(null, arguments));
}

function toUSVString(input) {
  var str = '' + input;
  var out = '';
  for (var i = 0; i < str.length; i++) {
    var c = str.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < str.length) {
      var n = str.charCodeAt(i + 1);
      if (n >= 0xdc00 && n <= 0xdfff) {
        out += str[i] + str[i + 1];
        i++;
        continue;
      }
    }
    if (c >= 0xd800 && c <= 0xdfff) out += '\ufffd';
    else out += str[i];
  }
  return out;
}

function shouldColorize(stream) {
  var env = typeof process !== 'undefined' && process.env ? process.env : {};
  if (env.FORCE_COLOR !== undefined) {
    return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  }
  if (!stream || !stream.isTTY) return false;
  if (env.NO_COLOR !== undefined || env.NODE_DISABLE_COLORS !== undefined) return false;
  return typeof stream.getColorDepth === 'function' ? stream.getColorDepth() > 2 : true;
}

/* styleText(format, text[, { validateStream, stream }]): ANSI styling, left
 * out when the stream (default process.stdout) is not a colour terminal. */
function styleText(format, text, options) {
  validateString(text, 'text');
  var validateStream = options && options.validateStream !== undefined ? options.validateStream : true;
  errors.validateBoolean(validateStream, 'options.validateStream');
  var skipColorize = false;
  if (validateStream) {
    var stream = options && options.stream !== undefined ? options.stream :
      (typeof process !== 'undefined' ? process.stdout : undefined);
    if (stream === null || typeof stream !== 'object') {
      throw codes.ERR_INVALID_ARG_TYPE('stream', ['ReadableStream', 'WritableStream', 'Stream'], stream);
    }
    skipColorize = !shouldColorize(stream);
  }
  var formats = Array.isArray(format) ? format : [format];
  var left = '';
  var right = '';
  for (var i = 0; i < formats.length; i++) {
    var code = inspect.colors[formats[i]];
    if (code == null) errors.validateOneOf(formats[i], 'format', Object.keys(inspect.colors));
    if (skipColorize) continue;
    left += '\u001b[' + code[0] + 'm';
    right = '\u001b[' + code[1] + 'm' + right;
  }
  return skipColorize ? text : left + text + right;
}

function _extend(target, source) {
  if (source === null || typeof source !== 'object') return target;
  var keys = Object.keys(source);
  var i = keys.length;
  while (i--) target[keys[i]] = source[keys[i]];
  return target;
}

/* ---- util.types ---- */

var t = insp.types;
var types = {};
Object.keys(t).forEach(function (k) { if (k !== 'typedArrayName') types[k] = t[k]; });
function taCheck(name) {
  return function (v) { return t.typedArrayName(v) === name; };
}
['Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array',
  'Uint32Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array'
].forEach(function (n) { types['is' + n] = taCheck(n); });
types.isAnyArrayBuffer = function (v) { return t.isArrayBuffer(v) || t.isSharedArrayBuffer(v); };
types.isArrayBufferView = function (v) {
  return typeof ArrayBuffer === 'function' && typeof ArrayBuffer.isView === 'function' ?
    ArrayBuffer.isView(v) : (t.isTypedArray(v) || t.isDataView(v));
};
function tagIs(name) {
  return function (v) {
    return v !== null && (typeof v === 'object' || typeof v === 'function') &&
      Object.prototype.toString.call(v) === '[object ' + name + ']';
  };
}
types.isMapIterator = tagIs('Map Iterator');
types.isSetIterator = tagIs('Set Iterator');
types.isGeneratorObject = tagIs('Generator');
types.isModuleNamespaceObject = tagIs('Module');
/* XXX: proxies and externals cannot be recognised from plain JS. */
types.isProxy = function () { return false; };
types.isExternal = function () { return false; };
types.isKeyObject = function () { return false; };
types.isCryptoKey = function () { return false; };

/* ---- legacy is* helpers ---- */

function isBuffer(v) {
  return typeof Buffer === 'function' && typeof Buffer.isBuffer === 'function' && Buffer.isBuffer(v);
}

module.exports = {
  format: insp.format,
  formatWithOptions: insp.formatWithOptions,
  inspect: inspect,
  inherits: inherits,
  promisify: promisify,
  callbackify: callbackify,
  deprecate: deprecate,
  debuglog: debuglog,
  debug: debuglog,
  log: log,
  isDeepStrictEqual: function isDeepStrictEqual(a, b) {
    return require('internal/comparisons').isDeepStrictEqual(a, b);
  },
  types: types,
  toUSVString: toUSVString,
  stripVTControlCharacters: insp.stripVTControlCharacters,
  styleText: styleText,
  _extend: _extend,
  isArray: Array.isArray,
  isBoolean: function (v) { return typeof v === 'boolean'; },
  isBuffer: isBuffer,
  isNull: function (v) { return v === null; },
  isNullOrUndefined: function (v) { return v === null || v === undefined; },
  isNumber: function (v) { return typeof v === 'number'; },
  isString: function (v) { return typeof v === 'string'; },
  isSymbol: function (v) { return typeof v === 'symbol'; },
  isUndefined: function (v) { return v === undefined; },
  isRegExp: t.isRegExp,
  isObject: function (v) { return v !== null && typeof v === 'object'; },
  isDate: t.isDate,
  isError: insp.isError,
  isFunction: function (v) { return typeof v === 'function'; },
  isPrimitive: function (v) { return v === null || (typeof v !== 'object' && typeof v !== 'function'); }
};

/* XXX: util.parseArgs, MIMEType, getSystemErrorName/Map and aborted are not
 * provided yet. */
// Node's TextEncoder/TextDecoder (also the globals inside lode).
module.exports.TextEncoder = require('internal/encoding').TextEncoder;
module.exports.TextDecoder = require('internal/encoding').TextDecoder;
