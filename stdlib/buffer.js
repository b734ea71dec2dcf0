// buffer — Node's Buffer (Node 20 semantics), layer: stdlib/.
//
// A Buffer is a Duktape Uint8Array whose prototype is Buffer.prototype
// (which inherits from Uint8Array.prototype): buffers are created by the
// C binding (modules/buffer.c), which also does every encoding, decoding,
// search, copy and fill. This file checks arguments and throws Node's
// errors; the read/write number methods are plain JS as in Node.
//
// XXX: no 8 KiB allocation pool: allocUnsafe and from() allocate their own
// memory (buf.buffer.byteLength is the buffer's length, not poolSize).
// XXX: no BigInt in Duktape: the (read|write)Big(U)Int64 methods throw.
// XXX: Blob, File and resolveObjectURL are not provided.
// XXX: toString never throws ERR_STRING_TOO_LONG (Duktape's own string
// limit applies instead).
// XXX: Duktape stores a write past the end (buf[buf.length] = 1) as an
// ordinary property where V8 ignores it; nothing here can change that.
'use strict';

var binding = internalBinding('buffer');
var errors = require('internal/errors');
var codes = errors.codes;

if (!codes.ERR_BUFFER_OUT_OF_BOUNDS) {
  errors.E('ERR_BUFFER_OUT_OF_BOUNDS', function (name) {
    if (name) return '"' + name + '" is outside of buffer bounds';
    return 'Attempt to access memory outside buffer bounds';
  }, RangeError);
}
if (!codes.ERR_INVALID_BUFFER_SIZE) {
  errors.E('ERR_INVALID_BUFFER_SIZE', 'Buffer size must be a multiple of %s', RangeError);
}

var ERR_INVALID_ARG_TYPE = codes.ERR_INVALID_ARG_TYPE;
var ERR_INVALID_ARG_VALUE = codes.ERR_INVALID_ARG_VALUE;
var ERR_OUT_OF_RANGE = codes.ERR_OUT_OF_RANGE;
var ERR_UNKNOWN_ENCODING = codes.ERR_UNKNOWN_ENCODING;
var ERR_BUFFER_OUT_OF_BOUNDS = codes.ERR_BUFFER_OUT_OF_BOUNDS;
var ERR_INVALID_BUFFER_SIZE = codes.ERR_INVALID_BUFFER_SIZE;
var ERR_MISSING_ARGS = codes.ERR_MISSING_ARGS;
var validateNumber = errors.validateNumber;
var validateInteger = errors.validateInteger;
var validateString = errors.validateString;
var validateArray = errors.validateArray;

var kMaxLength = 4294967296;
var kStringMaxLength = 536870888;
var INSPECT_MAX_BYTES = 50;
var MAX_SAFE_INTEGER = 9007199254740991;

var hasSymbol = typeof Symbol === 'function' && typeof Symbol.iterator === 'symbol';
var customInspectSymbol = hasSymbol ? Symbol['for']('nodejs.util.inspect.custom') :
  'inspect';

// Encoding numbers shared with modules/buffer.c.
var UTF8 = 0, UCS2 = 1, LATIN1 = 2, ASCII = 3, BASE64 = 4, BASE64URL = 5, HEX = 6;
var encodingCodes = Object.create(null);
encodingCodes.utf8 = UTF8;
encodingCodes['utf-8'] = UTF8;
encodingCodes.ucs2 = UCS2;
encodingCodes['ucs-2'] = UCS2;
encodingCodes.utf16le = UCS2;
encodingCodes['utf-16le'] = UCS2;
encodingCodes.latin1 = LATIN1;
encodingCodes.binary = LATIN1;
encodingCodes.ascii = ASCII;
encodingCodes.base64 = BASE64;
encodingCodes.base64url = BASE64URL;
encodingCodes.hex = HEX;

// The encoding number for a name (any case), or -1.
function encodingCode(encoding) {
  var s = '' + encoding;
  var c = encodingCodes[s];
  if (c !== undefined) return c;
  c = encodingCodes[s.toLowerCase()];
  return c === undefined ? -1 : c;
}

// Node's normalizeEncoding: undefined/null mean utf8.
function normalizedCode(encoding) {
  if (encoding === undefined || encoding === null) return UTF8;
  if (typeof encoding !== 'string' && typeof encoding !== 'object') return -1;
  return encodingCode(encoding);
}

function isUint8Array(v) {
  return v instanceof Uint8Array;
}

function isAnyArrayBuffer(v) {
  return v instanceof ArrayBuffer ||
    (typeof SharedArrayBuffer === 'function' && v instanceof SharedArrayBuffer);
}

function isArrayBufferView(v) {
  return ArrayBuffer.isView(v);
}

function isTypedArray(v) {
  return ArrayBuffer.isView(v) && !(typeof DataView === 'function' && v instanceof DataView);
}

function validateOffset(value, name, min, max) {
  validateInteger(value, name, min === undefined ? 0 : min,
    max === undefined ? kMaxLength : max);
}

function indexOutOfRange() {
  return errors.makeError(RangeError, 'ERR_OUT_OF_RANGE', 'Index out of range');
}

function notAString() {
  return errors.makeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'argument must be a string');
}

function invalidCharacter(message) {
  if (typeof DOMException === 'function') {
    return new DOMException(message, 'InvalidCharacterError');
  }
  var e = new Error(message);
  e.name = 'InvalidCharacterError';
  e.code = 5;
  return e;
}

// ---- the constructor ----

var deprecationWarned = false;

function Buffer(arg, encodingOrOffset, length) {
  if (!deprecationWarned) {
    deprecationWarned = true;
    if (typeof process === 'object' && typeof process.emitWarning === 'function') {
      process.emitWarning('Buffer() is deprecated due to security and usability ' +
        'issues. Please use the Buffer.alloc(), Buffer.allocUnsafe(), or ' +
        'Buffer.from() methods instead.', 'DeprecationWarning', 'DEP0005');
    }
  }
  if (typeof arg === 'number') {
    if (typeof encodingOrOffset === 'string') {
      throw ERR_INVALID_ARG_TYPE('string', 'string', arg);
    }
    return Buffer.alloc(arg);
  }
  return Buffer.from(arg, encodingOrOffset, length);
}

Buffer.prototype = Object.create(Uint8Array.prototype, {
  constructor: { value: Buffer, writable: true, configurable: true, enumerable: false }
});
Object.setPrototypeOf(Buffer, Uint8Array);
binding.setup(Buffer.prototype);

function createUnsafeBuffer(size) {
  return binding.createBuffer(size, false);
}

function createBuffer(size) {
  return binding.createBuffer(size, true);
}

Buffer.poolSize = 8 * 1024;

// ---- Buffer.from ----

function fromString(string, encoding) {
  var enc;
  if (typeof encoding !== 'string' || encoding.length === 0) {
    if (string.length === 0) return createBuffer(0);
    enc = UTF8;
  } else {
    enc = encodingCode(encoding);
    if (enc < 0) throw ERR_UNKNOWN_ENCODING(encoding);
    if (string.length === 0) return createBuffer(0);
  }
  return binding.fromString(string, enc);
}

function fromArrayBuffer(obj, byteOffset, length) {
  if (byteOffset === undefined) {
    byteOffset = 0;
  } else {
    byteOffset = +byteOffset;
    if (byteOffset !== byteOffset) byteOffset = 0;
  }
  var maxLength = obj.byteLength - byteOffset;
  if (maxLength < 0) throw ERR_BUFFER_OUT_OF_BOUNDS('offset');
  if (length === undefined) {
    length = maxLength;
  } else {
    length = +length;
    if (length > 0) {
      if (length > maxLength) throw ERR_BUFFER_OUT_OF_BOUNDS('length');
    } else {
      length = 0;
    }
  }
  // new Uint8Array(buffer, offset, length) semantics: ToIndex.
  byteOffset = byteOffset < 0 ? Math.ceil(byteOffset) : Math.floor(byteOffset);
  if (byteOffset < 0) {
    throw new RangeError('Start offset ' + byteOffset + ' is outside the bounds of the buffer');
  }
  length = Math.floor(length);
  return binding.createView(obj, byteOffset, length);
}

function fromArrayLike(obj) {
  var len = obj.length;
  if (!(len > 0)) return createBuffer(0);
  len = Math.floor(len);
  if (len > kMaxLength) throw new RangeError('Invalid typed array length: ' + len);
  if (obj instanceof Uint8Array || obj instanceof Int8Array ||
      obj instanceof Uint8ClampedArray) {
    return binding.copyBytes(obj, 0, len);
  }
  var b = createUnsafeBuffer(len);
  for (var i = 0; i < len; i++) b[i] = obj[i];
  return b;
}

function fromObject(obj) {
  if (obj.length !== undefined || isAnyArrayBuffer(obj.buffer)) {
    if (typeof obj.length !== 'number') return createBuffer(0);
    return fromArrayLike(obj);
  }
  if (obj.type === 'Buffer' && Array.isArray(obj.data)) {
    return fromArrayLike(obj.data);
  }
}

Buffer.from = function from(value, encodingOrOffset, length) {
  if (typeof value === 'string') return fromString(value, encodingOrOffset);

  if (typeof value === 'object' && value !== null) {
    if (isAnyArrayBuffer(value)) return fromArrayBuffer(value, encodingOrOffset, length);

    var valueOf = value.valueOf && value.valueOf();
    if (valueOf != null && valueOf !== value &&
        (typeof valueOf === 'string' || typeof valueOf === 'object')) {
      return from(valueOf, encodingOrOffset, length);
    }

    var b = fromObject(value);
    if (b) return b;

    if (hasSymbol && typeof value[Symbol.toPrimitive] === 'function') {
      var primitive = value[Symbol.toPrimitive]('string');
      if (typeof primitive === 'string') return fromString(primitive, encodingOrOffset);
    }
  }

  throw ERR_INVALID_ARG_TYPE('first argument',
    ['string', 'Buffer', 'ArrayBuffer', 'Array', 'Array-like Object'], value);
};

Buffer.copyBytesFrom = function copyBytesFrom(view, offset, length) {
  if (!isTypedArray(view)) throw ERR_INVALID_ARG_TYPE('view', ['TypedArray'], view);
  var viewLength = view.length;
  if (viewLength === 0) return createBuffer(0);
  var start = 0, end = viewLength;
  if (offset !== undefined || length !== undefined) {
    if (offset !== undefined) {
      validateInteger(offset, 'offset', 0);
      if (offset >= viewLength) return createBuffer(0);
      start = offset;
    }
    if (length !== undefined) {
      validateInteger(length, 'length', 0);
      end = start + length;
      if (end > viewLength) end = viewLength;
    }
  }
  var size = view.BYTES_PER_ELEMENT || 1;
  return binding.copyBytes(view, start * size, end * size);
};

Buffer.of = function of() {
  var b = createUnsafeBuffer(arguments.length);
  for (var i = 0; i < arguments.length; i++) b[i] = arguments[i];
  return b;
};

// ---- allocation ----

function validateSize(size) {
  if (typeof size !== 'number' || !(size >= 0 && size <= kMaxLength)) {
    validateNumber(size, 'size', 0, kMaxLength);
  }
}

Buffer.alloc = function alloc(size, fill, encoding) {
  validateSize(size);
  if (fill !== undefined && fill !== 0 && size > 0) {
    var buf = createUnsafeBuffer(size);
    return _fill(buf, fill, 0, buf.length, encoding);
  }
  return createBuffer(size);
};

Buffer.allocUnsafe = function allocUnsafe(size) {
  validateSize(size);
  return createUnsafeBuffer(size);
};

Buffer.allocUnsafeSlow = function allocUnsafeSlow(size) {
  validateSize(size);
  return createUnsafeBuffer(size);
};

function SlowBuffer(size) {
  validateNumber(size, 'size', 0, kMaxLength);
  return createUnsafeBuffer(size);
}
SlowBuffer.prototype = Object.create(Uint8Array.prototype);
Object.setPrototypeOf(SlowBuffer, Uint8Array);

// ---- statics ----

Buffer.isBuffer = function isBuffer(b) {
  return b instanceof Buffer;
};

Buffer.compare = function compare(buf1, buf2) {
  if (!isUint8Array(buf1)) throw ERR_INVALID_ARG_TYPE('buf1', ['Buffer', 'Uint8Array'], buf1);
  if (!isUint8Array(buf2)) throw ERR_INVALID_ARG_TYPE('buf2', ['Buffer', 'Uint8Array'], buf2);
  if (buf1 === buf2) return 0;
  return binding.compare(buf1, buf2);
};

Buffer.isEncoding = function isEncoding(encoding) {
  return typeof encoding === 'string' && encoding.length !== 0 &&
    encodingCode(encoding) >= 0;
};

Buffer.concat = function concat(list, length) {
  var i;
  validateArray(list, 'list');
  if (list.length === 0) return createBuffer(0);
  if (length === undefined) {
    length = 0;
    for (i = 0; i < list.length; i++) {
      if (list[i].length) length += list[i].length;
    }
  } else {
    validateOffset(length, 'length');
  }
  for (i = 0; i < list.length; i++) {
    if (!isUint8Array(list[i])) {
      throw ERR_INVALID_ARG_TYPE('list[' + i + ']', ['Buffer', 'Uint8Array'], list[i]);
    }
  }
  return binding.concat(list, length);
};

function base64ByteLength(str, bytes) {
  if (str.charCodeAt(bytes - 1) === 0x3D) bytes--;
  if (bytes > 1 && str.charCodeAt(bytes - 1) === 0x3D) bytes--;
  return (bytes * 3) >>> 2;
}

function byteLengthOf(string, enc) {
  switch (enc) {
    case UCS2: return string.length * 2;
    case LATIN1:
    case ASCII: return string.length;
    case BASE64:
    case BASE64URL: return base64ByteLength(string, string.length);
    case HEX: return string.length >>> 1;
    default: return binding.byteLength(string, UTF8);
  }
}

function byteLength(string, encoding) {
  if (typeof string !== 'string') {
    if (isArrayBufferView(string) || isAnyArrayBuffer(string)) return string.byteLength;
    throw ERR_INVALID_ARG_TYPE('string', ['string', 'Buffer', 'ArrayBuffer'], string);
  }
  var len = string.length;
  var mustMatch = arguments.length > 2 && arguments[2] === true;
  if (!mustMatch && len === 0) return 0;
  if (!encoding) return mustMatch ? -1 : binding.byteLength(string, UTF8);
  var enc = encodingCode(encoding);
  if (enc < 0) return mustMatch ? -1 : binding.byteLength(string, UTF8);
  return byteLengthOf(string, enc);
}
Buffer.byteLength = byteLength;

// ---- prototype: legacy fields ----

Object.defineProperty(Buffer.prototype, 'parent', {
  enumerable: true,
  configurable: true,
  get: function () {
    if (!(this instanceof Buffer)) return undefined;
    return this.buffer;
  }
});
Object.defineProperty(Buffer.prototype, 'offset', {
  enumerable: true,
  configurable: true,
  get: function () {
    if (!(this instanceof Buffer)) return undefined;
    return this.byteOffset;
  }
});

// ---- prototype: per-encoding slice and write (Node's internal methods) ----

// Node's ParseArrayIndex: undefined is def, a negative index is an error.
function arrayIndex(value, def) {
  if (value === undefined) return def;
  var n = +value;
  if (n !== n) return 0;
  n = n < 0 ? Math.ceil(n) : Math.floor(n);
  if (n < 0) throw indexOutOfRange();
  return n;
}

function makeSlice(enc) {
  return function (start, end) {
    var len = this.length;
    if (!isArrayBufferView(this)) throw ERR_INVALID_ARG_TYPE('this', ['Buffer', 'Uint8Array'], this);
    start = arrayIndex(start, 0);
    end = arrayIndex(end, len);
    if (end < start) end = start;
    if (end > len) throw indexOutOfRange();
    return binding.toString(this, enc, start, end);
  };
}

function makeWrite(enc) {
  return function (string, offset, length) {
    if (typeof string !== 'string') throw notAString();
    var len = this.length;
    offset = arrayIndex(offset, 0);
    if (offset > len) throw ERR_BUFFER_OUT_OF_BOUNDS('offset');
    length = arrayIndex(length, len - offset);
    if (length > len - offset) length = len - offset;
    if (length === 0) return 0;
    return binding.write(this, string, offset, length, enc);
  };
}

var sliceMethods = [];
var writeMethods = [];
(function () {
  var names = ['utf8', 'ucs2', 'latin1', 'ascii', 'base64', 'base64url', 'hex'];
  for (var enc = 0; enc < names.length; enc++) {
    sliceMethods[enc] = makeSlice(enc);
    writeMethods[enc] = makeWrite(enc);
    Buffer.prototype[names[enc] + 'Slice'] = sliceMethods[enc];
    Buffer.prototype[names[enc] + 'Write'] = writeMethods[enc];
  }
})();

// ---- prototype: strings ----

Buffer.prototype.toString = function toString(encoding, start, end) {
  if (arguments.length === 0) return binding.toString(this, UTF8, 0, this.length);
  var len = this.length;
  if (start <= 0) {
    start = 0;
  } else if (start >= len) {
    return '';
  } else {
    start = Math.floor(+start) || 0;
  }
  if (end === undefined || end > len) {
    end = len;
  } else {
    end = +end;
    end = (end < 0 ? Math.ceil(end) : Math.floor(end)) || 0;
  }
  if (end <= start) return '';
  var enc;
  if (encoding === undefined) {
    enc = UTF8;
  } else {
    enc = encodingCode(encoding);
    if (enc < 0) throw ERR_UNKNOWN_ENCODING(encoding);
  }
  return binding.toString(this, enc, start, end);
};

Buffer.prototype.toLocaleString = Buffer.prototype.toString;

Buffer.prototype.write = function write(string, offset, length, encoding) {
  if (offset === undefined) {
    return writeMethods[UTF8].call(this, string, 0, this.length);
  }
  if (length === undefined && typeof offset === 'string') {
    encoding = offset;
    length = this.length;
    offset = 0;
  } else {
    validateOffset(offset, 'offset', 0, this.length);
    var remaining = this.length - offset;
    if (length === undefined) {
      length = remaining;
    } else if (typeof length === 'string') {
      encoding = length;
      length = remaining;
    } else {
      validateOffset(length, 'length', 0, this.length);
      if (length > remaining) length = remaining;
    }
  }
  if (!encoding || encoding === 'utf8') return writeMethods[UTF8].call(this, string, offset, length);
  var enc = encodingCode(encoding);
  if (enc < 0) throw ERR_UNKNOWN_ENCODING(encoding);
  return writeMethods[enc].call(this, string, offset, length);
};

Buffer.prototype.toJSON = function toJSON() {
  var len = this.length;
  var data = new Array(len);
  for (var i = 0; i < len; i++) data[i] = this[i];
  return { type: 'Buffer', data: data };
};

// ---- prototype: comparison and search ----

Buffer.prototype.equals = function equals(otherBuffer) {
  if (!isUint8Array(otherBuffer)) {
    throw ERR_INVALID_ARG_TYPE('otherBuffer', ['Buffer', 'Uint8Array'], otherBuffer);
  }
  if (this === otherBuffer) return true;
  var len = this.byteLength;
  if (len !== otherBuffer.byteLength) return false;
  return len === 0 || binding.compare(this, otherBuffer) === 0;
};

Buffer.prototype.compare = function compare(target, targetStart, targetEnd, sourceStart, sourceEnd) {
  if (!isUint8Array(target)) throw ERR_INVALID_ARG_TYPE('target', ['Buffer', 'Uint8Array'], target);
  if (arguments.length === 1) return binding.compare(this, target);

  if (targetStart === undefined) targetStart = 0;
  else validateOffset(targetStart, 'targetStart');
  if (targetEnd === undefined) targetEnd = target.length;
  else validateOffset(targetEnd, 'targetEnd', 0, target.length);
  if (sourceStart === undefined) sourceStart = 0;
  else validateOffset(sourceStart, 'sourceStart');
  if (sourceEnd === undefined) sourceEnd = this.length;
  else validateOffset(sourceEnd, 'sourceEnd', 0, this.length);

  if (sourceStart >= sourceEnd) return targetStart >= targetEnd ? 0 : -1;
  if (targetStart >= targetEnd) return 1;
  if (sourceStart > this.length) {
    throw errors.makeError(RangeError, 'ERR_OUT_OF_RANGE',
      'The value of "sourceStart" is out of range.');
  }
  if (targetStart > target.length) {
    throw errors.makeError(RangeError, 'ERR_OUT_OF_RANGE',
      'The value of "targetStart" is out of range.');
  }
  return binding.compareOffset(this, target, targetStart, sourceStart, targetEnd, sourceEnd);
};

function bidirectionalIndexOf(buffer, val, byteOffset, encoding, dir) {
  if (!isUint8Array(buffer)) throw ERR_INVALID_ARG_TYPE('buffer', ['Buffer', 'Uint8Array'], buffer);
  if (typeof byteOffset === 'string') {
    encoding = byteOffset;
    byteOffset = undefined;
  } else if (byteOffset > 0x7fffffff) {
    byteOffset = 0x7fffffff;
  } else if (byteOffset < -0x80000000) {
    byteOffset = -0x80000000;
  }
  byteOffset = +byteOffset;
  if (byteOffset !== byteOffset) byteOffset = dir ? 0 : buffer.length;
  dir = !!dir;

  if (typeof val === 'number') return binding.indexOfNumber(buffer, val >>> 0, byteOffset, dir);

  var enc = encoding === undefined ? UTF8 : encodingCode(encoding);
  if (typeof val === 'string') {
    if (enc < 0) throw ERR_UNKNOWN_ENCODING(encoding);
    if (enc === UTF8 || enc === UCS2 || enc === LATIN1) {
      return binding.indexOfString(buffer, val, byteOffset, enc, dir);
    }
    return binding.indexOfBuffer(buffer, binding.fromString(val, enc), byteOffset, enc, dir);
  }
  if (isUint8Array(val)) {
    return binding.indexOfBuffer(buffer, val, byteOffset, enc < 0 ? UTF8 : enc, dir);
  }
  throw ERR_INVALID_ARG_TYPE('value', ['number', 'string', 'Buffer', 'Uint8Array'], val);
}

Buffer.prototype.indexOf = function indexOf(val, byteOffset, encoding) {
  return bidirectionalIndexOf(this, val, byteOffset, encoding, true);
};

Buffer.prototype.lastIndexOf = function lastIndexOf(val, byteOffset, encoding) {
  return bidirectionalIndexOf(this, val, byteOffset, encoding, false);
};

Buffer.prototype.includes = function includes(val, byteOffset, encoding) {
  return this.indexOf(val, byteOffset, encoding) !== -1;
};

// ---- prototype: fill, copy, views ----

function _fill(buf, value, offset, end, encoding) {
  var enc = UTF8;
  if (typeof value === 'string') {
    if (offset === undefined || typeof offset === 'string') {
      encoding = offset;
      offset = 0;
      end = buf.length;
    } else if (typeof end === 'string') {
      encoding = end;
      end = buf.length;
    }
    enc = normalizedCode(encoding);
    if (enc < 0) {
      validateString(encoding, 'encoding');
      throw ERR_UNKNOWN_ENCODING(encoding);
    }
    if (value.length === 0) {
      value = 0;
    } else if (value.length === 1) {
      if (enc === UTF8) {
        var code = value.charCodeAt(0);
        if (code < 128) value = code;
      } else if (enc === LATIN1) {
        value = value.charCodeAt(0);
      }
    }
  }

  if (offset === undefined) {
    offset = 0;
    end = buf.length;
  } else {
    validateOffset(offset, 'offset');
    if (end === undefined) {
      end = buf.length;
    } else {
      validateOffset(end, 'end', 0, buf.length);
    }
    if (offset >= end) return buf;
  }

  var res = binding.fill(buf, value, offset, end, enc);
  if (res < 0) {
    if (res === -1) throw ERR_INVALID_ARG_VALUE('value', value);
    throw ERR_BUFFER_OUT_OF_BOUNDS();
  }
  return buf;
}

Buffer.prototype.fill = function fill(value, offset, end, encoding) {
  return _fill(this, value, offset, end, encoding);
};

function toInteger(n, defaultVal) {
  n = +n;
  if (n === n && n >= -MAX_SAFE_INTEGER && n <= MAX_SAFE_INTEGER) {
    return (n % 1) === 0 ? n : Math.floor(n);
  }
  return defaultVal;
}

function _copy(source, target, targetStart, sourceStart, sourceEnd) {
  if (!isUint8Array(source)) throw ERR_INVALID_ARG_TYPE('source', ['Buffer', 'Uint8Array'], source);
  if (!isUint8Array(target)) throw ERR_INVALID_ARG_TYPE('target', ['Buffer', 'Uint8Array'], target);

  if (targetStart === undefined) {
    targetStart = 0;
  } else {
    targetStart = toInteger(targetStart, 0);
    if (targetStart < 0) throw ERR_OUT_OF_RANGE('targetStart', '>= 0', targetStart);
  }
  if (sourceStart === undefined) {
    sourceStart = 0;
  } else {
    sourceStart = toInteger(sourceStart, 0);
    if (sourceStart < 0 || sourceStart > source.length) {
      throw ERR_OUT_OF_RANGE('sourceStart', '>= 0 && <= ' + source.length, sourceStart);
    }
  }
  if (sourceEnd === undefined) {
    sourceEnd = source.length;
  } else {
    sourceEnd = toInteger(sourceEnd, 0);
    if (sourceEnd < 0) throw ERR_OUT_OF_RANGE('sourceEnd', '>= 0', sourceEnd);
  }
  if (targetStart >= target.length || sourceStart >= sourceEnd) return 0;
  if (sourceEnd > source.length) sourceEnd = source.length;
  return binding.copy(source, target, targetStart, sourceStart, sourceEnd - sourceStart);
}

Buffer.prototype.copy = function copy(target, targetStart, sourceStart, sourceEnd) {
  return _copy(this, target, targetStart, sourceStart, sourceEnd);
};

// subarray/slice: Node's adjustOffset rules (truncate, negative counts
// from the end, clamp) are applied in C.
Buffer.prototype.subarray = function subarray(start, end) {
  return binding.subarray(this, start, end);
};

Buffer.prototype.slice = function slice(start, end) {
  return this.subarray(start, end);
};

function swapN(buf, n, bits) {
  if (buf.length % n !== 0) throw ERR_INVALID_BUFFER_SIZE(bits);
  return binding.swap(buf, n);
}

Buffer.prototype.swap16 = function swap16() {
  return swapN(this, 2, '16-bits');
};

Buffer.prototype.swap32 = function swap32() {
  return swapN(this, 4, '32-bits');
};

Buffer.prototype.swap64 = function swap64() {
  return swapN(this, 8, '64-bits');
};

// ---- prototype: inspect ----

function isIndexKey(key) {
  return /^(0|[1-9][0-9]*)$/.test(key);
}

Buffer.prototype[customInspectSymbol] = function inspect(recurseTimes, ctx) {
  var max = INSPECT_MAX_BYTES;
  var actualMax = Math.min(max, this.length);
  var remaining = this.length - max;
  var hex = binding.toString(this, HEX, 0, actualMax);
  var str = hex.replace(/(.{2})/g, '$1 ').replace(/\s+$/, '');
  if (remaining > 0) str += ' ... ' + remaining + ' more byte' + (remaining > 1 ? 's' : '');
  // XXX: Duktape lists every index as an own key, so looking for extra
  // properties costs O(length): buffers over 4 KiB show no extras.
  if (ctx && this.length <= 4096) {
    var extras = false;
    var obj = Object.create(null);
    var keys = ctx.showHidden ? Object.getOwnPropertyNames(this) : Object.keys(this);
    for (var i = 0; i < keys.length; i++) {
      var key = keys[i];
      if (isIndexKey(key) || (ctx.showHidden && key === 'length')) continue;
      extras = true;
      obj[key] = this[key];
    }
    if (extras) {
      var opts = {};
      for (var k in ctx) opts[k] = ctx[k];
      opts.breakLength = Infinity;
      opts.compact = true;
      if (this.length !== 0) str += ', ';
      str += require('util').inspect(obj, opts).slice(27, -2);
    }
  }
  return '<' + this.constructor.name + ' ' + str + '>';
};
Buffer.prototype.inspect = Buffer.prototype[customInspectSymbol];

// ---- prototype: iteration and typed array methods Duktape lacks ----
// XXX: these belong on %TypedArray%.prototype (a polyfill); Buffer gets
// the ones Node code uses most, only where Uint8Array has none.

function defineMissing(name, fn) {
  if (typeof Uint8Array.prototype[name] !== 'function') Buffer.prototype[name] = fn;
}

var AP = Array.prototype;
if (typeof AP.keys === 'function') {
  defineMissing('keys', function keys() { return AP.keys.call(this); });
  defineMissing('values', function values() { return AP.values.call(this); });
  defineMissing('entries', function entries() { return AP.entries.call(this); });
  if (hasSymbol && typeof Uint8Array.prototype[Symbol.iterator] !== 'function') {
    Object.defineProperty(Buffer.prototype, Symbol.iterator, {
      value: function values() { return AP.values.call(this); },
      writable: true, configurable: true, enumerable: false
    });
  }
}
['forEach', 'join', 'every', 'some', 'reduce', 'reduceRight', 'find',
  'findIndex', 'findLast', 'findLastIndex', 'at', 'reverse'].forEach(function (name) {
  if (typeof AP[name] === 'function') {
    defineMissing(name, function () { return AP[name].apply(this, arguments); });
  }
});
defineMissing('join', function join(sep) {
  return AP.join.call(this, sep === undefined ? ',' : sep);
});
defineMissing('sort', function sort(compareFn) {
  var a = AP.slice.call(this);
  a.sort(compareFn === undefined ? function (x, y) { return x - y; } : compareFn);
  for (var i = 0; i < a.length; i++) this[i] = a[i];
  return this;
});
defineMissing('map', function map(fn, thisArg) {
  var len = this.length;
  var out = createUnsafeBuffer(len);
  for (var i = 0; i < len; i++) out[i] = fn.call(thisArg, this[i], i, this);
  return out;
});
defineMissing('filter', function filter(fn, thisArg) {
  var kept = [];
  for (var i = 0; i < this.length; i++) {
    if (fn.call(thisArg, this[i], i, this)) kept.push(this[i]);
  }
  return fromArrayLike(kept);
});

// ---- prototype: numbers ----
// As Node (lib/internal/buffer.js): a missing element (this[offset] is
// undefined) means the offset is out of bounds or not an integer.

var float32Array = new Float32Array(1);
var uInt8Float32Array = new Uint8Array(float32Array.buffer);
var float64Array = new Float64Array(1);
var uInt8Float64Array = new Uint8Array(float64Array.buffer);
var bigEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 0;

function checkOffsetType(offset) {
  if (typeof offset !== 'number') throw ERR_INVALID_ARG_TYPE('offset', 'number', offset);
}

function boundsError(value, length, type) {
  if (Math.floor(value) !== value) {
    validateNumber(value, type);
    throw ERR_OUT_OF_RANGE(type || 'offset', 'an integer', value);
  }
  if (length < 0) throw ERR_BUFFER_OUT_OF_BOUNDS();
  throw ERR_OUT_OF_RANGE(type || 'offset', '>= ' + (type ? 1 : 0) + ' and <= ' + length, value);
}

function checkBounds(buf, offset, byteLength1) {
  checkOffsetType(offset);
  if (buf[offset] === undefined || buf[offset + byteLength1] === undefined) {
    boundsError(offset, buf.length - (byteLength1 + 1));
  }
}

function checkInt(value, min, max, buf, offset, byteLength1) {
  if (value > max || value < min) {
    var range;
    if (byteLength1 > 3) {
      if (min === 0) {
        range = '>= 0 and < 2 ** ' + ((byteLength1 + 1) * 8);
      } else {
        range = '>= -(2 ** ' + ((byteLength1 + 1) * 8 - 1) + ') and < 2 ** ' +
          ((byteLength1 + 1) * 8 - 1);
      }
    } else {
      range = '>= ' + min + ' and <= ' + max;
    }
    throw ERR_OUT_OF_RANGE('value', range, value);
  }
  checkBounds(buf, offset, byteLength1);
}

// Unsigned little-endian read of n bytes (1..6) at a checked offset.
function readLE(buf, offset, n) {
  var v = 0, mul = 1;
  for (var i = 0; i < n; i++) {
    v += buf[offset + i] * mul;
    mul *= 256;
  }
  return v;
}

function readBE(buf, offset, n) {
  var v = 0;
  for (var i = 0; i < n; i++) v = v * 256 + buf[offset + i];
  return v;
}

function readChecked(buf, offset, n) {
  if (offset === undefined) offset = 0;
  checkOffsetType(offset);
  if (buf[offset] === undefined || buf[offset + n - 1] === undefined) {
    boundsError(offset, buf.length - n);
  }
  return offset;
}

function toSigned(v, n) {
  var limit = Math.pow(2, 8 * n - 1);
  return v >= limit ? v - limit * 2 : v;
}

// Writes the low n bytes of an integer value (checked already).
function writeLE(buf, value, offset, n) {
  var lo = value % 4294967296;
  var hi = (value - lo) / 4294967296;
  if (lo < 0) {
    lo += 4294967296;
    hi -= 1;
  }
  for (var i = 0; i < n; i++) {
    if (i < 4) {
      buf[offset + i] = lo & 255;
      lo = lo >>> 8;
    } else {
      buf[offset + i] = hi & 255;
      hi = hi >> 8;
    }
  }
  return offset + n;
}

function writeBE(buf, value, offset, n) {
  var lo = value % 4294967296;
  var hi = (value - lo) / 4294967296;
  if (lo < 0) {
    lo += 4294967296;
    hi -= 1;
  }
  for (var i = n - 1; i >= 0; i--) {
    if (n - 1 - i < 4) {
      buf[offset + i] = lo & 255;
      lo = lo >>> 8;
    } else {
      buf[offset + i] = hi & 255;
      hi = hi >> 8;
    }
  }
  return offset + n;
}

function makeIntWriter(n, signed, littleEndian) {
  var max = signed ? Math.pow(2, 8 * n - 1) - 1 : Math.pow(2, 8 * n) - 1;
  var min = signed ? -Math.pow(2, 8 * n - 1) : 0;
  // Called as (buf, value, offset): the fixed-size methods default the
  // offset to 0 first, the variable ones (writeUIntLE...) do not (Node).
  return function (buf, value, offset) {
    value = +value;
    if (n === 1) {
      checkOffsetType(offset);
      if (value > max || value < min) {
        throw ERR_OUT_OF_RANGE('value', '>= ' + min + ' and <= ' + max, value);
      }
      if (buf[offset] === undefined) boundsError(offset, buf.length - 1);
      buf[offset] = value;
      return offset + 1;
    }
    checkInt(value, min, max, buf, offset, n - 1);
    // Node stores the value as is: a typed array store truncates a
    // fraction; Math.floor matches that for negatives only after the sign
    // is handled, so truncate toward zero here.
    value = value < 0 ? Math.ceil(value) : Math.floor(value);
    return littleEndian ? writeLE(buf, value, offset, n) : writeBE(buf, value, offset, n);
  };
}

var intWriters = {};
var intReaders = {};
[1, 2, 3, 4, 5, 6].forEach(function (n) {
  intWriters['U' + n + 'LE'] = makeIntWriter(n, false, true);
  intWriters['U' + n + 'BE'] = makeIntWriter(n, false, false);
  intWriters['S' + n + 'LE'] = makeIntWriter(n, true, true);
  intWriters['S' + n + 'BE'] = makeIntWriter(n, true, false);
  intReaders['U' + n + 'LE'] = function (buf, offset) {
    offset = readChecked(buf, offset, n);
    return readLE(buf, offset, n);
  };
  intReaders['U' + n + 'BE'] = function (buf, offset) {
    offset = readChecked(buf, offset, n);
    return readBE(buf, offset, n);
  };
  intReaders['S' + n + 'LE'] = function (buf, offset) {
    offset = readChecked(buf, offset, n);
    return toSigned(readLE(buf, offset, n), n);
  };
  intReaders['S' + n + 'BE'] = function (buf, offset) {
    offset = readChecked(buf, offset, n);
    return toSigned(readBE(buf, offset, n), n);
  };
});

var BP = Buffer.prototype;

// The 8, 16 and 32-bit methods are written out: they are the hot ones.

function readFail(buf, offset, n) {
  checkOffsetType(offset);
  boundsError(offset, buf.length - n);
}

BP.readUInt8 = function readUInt8(offset) {
  if (offset === undefined) offset = 0;
  var val = typeof offset === 'number' ? this[offset] : undefined;
  if (val === undefined) readFail(this, offset, 1);
  return val;
};
BP.readInt8 = function readInt8(offset) {
  if (offset === undefined) offset = 0;
  var val = typeof offset === 'number' ? this[offset] : undefined;
  if (val === undefined) readFail(this, offset, 1);
  return val | (val & 128) * 0x1fffffe;
};
BP.readUInt16LE = function readUInt16LE(offset) {
  if (offset === undefined) offset = 0;
  var first = typeof offset === 'number' ? this[offset] : undefined;
  var last = this[offset + 1];
  if (first === undefined || last === undefined) readFail(this, offset, 2);
  return first + last * 256;
};
BP.readUInt16BE = function readUInt16BE(offset) {
  if (offset === undefined) offset = 0;
  var first = typeof offset === 'number' ? this[offset] : undefined;
  var last = this[offset + 1];
  if (first === undefined || last === undefined) readFail(this, offset, 2);
  return first * 256 + last;
};
BP.readInt16LE = function readInt16LE(offset) {
  if (offset === undefined) offset = 0;
  var first = typeof offset === 'number' ? this[offset] : undefined;
  var last = this[offset + 1];
  if (first === undefined || last === undefined) readFail(this, offset, 2);
  var val = first + last * 256;
  return val | (val & 0x8000) * 0x1fffe;
};
BP.readInt16BE = function readInt16BE(offset) {
  if (offset === undefined) offset = 0;
  var first = typeof offset === 'number' ? this[offset] : undefined;
  var last = this[offset + 1];
  if (first === undefined || last === undefined) readFail(this, offset, 2);
  var val = first * 256 + last;
  return val | (val & 0x8000) * 0x1fffe;
};
BP.readUInt32LE = function readUInt32LE(offset) {
  if (offset === undefined) offset = 0;
  var first = typeof offset === 'number' ? this[offset] : undefined;
  var last = this[offset + 3];
  if (first === undefined || last === undefined) readFail(this, offset, 4);
  return first + this[offset + 1] * 256 + this[offset + 2] * 65536 + last * 16777216;
};
BP.readUInt32BE = function readUInt32BE(offset) {
  if (offset === undefined) offset = 0;
  var first = typeof offset === 'number' ? this[offset] : undefined;
  var last = this[offset + 3];
  if (first === undefined || last === undefined) readFail(this, offset, 4);
  return first * 16777216 + this[offset + 1] * 65536 + this[offset + 2] * 256 + last;
};
BP.readInt32LE = function readInt32LE(offset) {
  if (offset === undefined) offset = 0;
  var first = typeof offset === 'number' ? this[offset] : undefined;
  var last = this[offset + 3];
  if (first === undefined || last === undefined) readFail(this, offset, 4);
  return first + this[offset + 1] * 256 + this[offset + 2] * 65536 + (last << 24);
};
BP.readInt32BE = function readInt32BE(offset) {
  if (offset === undefined) offset = 0;
  var first = typeof offset === 'number' ? this[offset] : undefined;
  var last = this[offset + 3];
  if (first === undefined || last === undefined) readFail(this, offset, 4);
  return (first << 24) + this[offset + 1] * 65536 + this[offset + 2] * 256 + last;
};

// A typed array store keeps the low 8 bits of ToUint32 (a fraction is
// truncated), so the shifts below write Node's bytes for any in-range value.
function writeChecked(buf, value, offset, min, max, n) {
  if (value > max || value < min || typeof offset !== 'number' ||
      buf[offset] === undefined || buf[offset + n - 1] === undefined) {
    checkInt(value, min, max, buf, offset, n - 1);
  }
}

BP.writeUInt8 = function writeUInt8(value, offset) {
  return intWriters.U1LE(this, value, offset === undefined ? 0 : offset);
};
BP.writeInt8 = function writeInt8(value, offset) {
  return intWriters.S1LE(this, value, offset === undefined ? 0 : offset);
};
BP.writeUInt16LE = function writeUInt16LE(value, offset) {
  if (offset === undefined) offset = 0;
  value = +value;
  writeChecked(this, value, offset, 0, 0xffff, 2);
  this[offset] = value;
  this[offset + 1] = value >>> 8;
  return offset + 2;
};
BP.writeUInt16BE = function writeUInt16BE(value, offset) {
  if (offset === undefined) offset = 0;
  value = +value;
  writeChecked(this, value, offset, 0, 0xffff, 2);
  this[offset] = value >>> 8;
  this[offset + 1] = value;
  return offset + 2;
};
BP.writeInt16LE = function writeInt16LE(value, offset) {
  if (offset === undefined) offset = 0;
  value = +value;
  writeChecked(this, value, offset, -0x8000, 0x7fff, 2);
  this[offset] = value;
  this[offset + 1] = value >>> 8;
  return offset + 2;
};
BP.writeInt16BE = function writeInt16BE(value, offset) {
  if (offset === undefined) offset = 0;
  value = +value;
  writeChecked(this, value, offset, -0x8000, 0x7fff, 2);
  this[offset] = value >>> 8;
  this[offset + 1] = value;
  return offset + 2;
};
BP.writeUInt32LE = function writeUInt32LE(value, offset) {
  if (offset === undefined) offset = 0;
  value = +value;
  writeChecked(this, value, offset, 0, 0xffffffff, 4);
  this[offset] = value;
  this[offset + 1] = value >>> 8;
  this[offset + 2] = value >>> 16;
  this[offset + 3] = value >>> 24;
  return offset + 4;
};
BP.writeUInt32BE = function writeUInt32BE(value, offset) {
  if (offset === undefined) offset = 0;
  value = +value;
  writeChecked(this, value, offset, 0, 0xffffffff, 4);
  this[offset] = value >>> 24;
  this[offset + 1] = value >>> 16;
  this[offset + 2] = value >>> 8;
  this[offset + 3] = value;
  return offset + 4;
};
BP.writeInt32LE = function writeInt32LE(value, offset) {
  if (offset === undefined) offset = 0;
  value = +value;
  writeChecked(this, value, offset, -0x80000000, 0x7fffffff, 4);
  this[offset] = value;
  this[offset + 1] = value >>> 8;
  this[offset + 2] = value >>> 16;
  this[offset + 3] = value >>> 24;
  return offset + 4;
};
BP.writeInt32BE = function writeInt32BE(value, offset) {
  if (offset === undefined) offset = 0;
  value = +value;
  writeChecked(this, value, offset, -0x80000000, 0x7fffffff, 4);
  this[offset] = value >>> 24;
  this[offset + 1] = value >>> 16;
  this[offset + 2] = value >>> 8;
  this[offset + 3] = value;
  return offset + 4;
};

function variable(kind) {
  return function (offset, byteLength) {
    if (offset === undefined) throw ERR_INVALID_ARG_TYPE('offset', 'number', offset);
    if (typeof byteLength === 'number' && byteLength >= 1 && byteLength <= 6 &&
        byteLength % 1 === 0) {
      return intReaders[kind.charAt(0) + byteLength + kind.slice(1)](this, offset);
    }
    return boundsError(byteLength, 6, 'byteLength');
  };
}

function variableWrite(kind) {
  return function (value, offset, byteLength) {
    if (typeof byteLength === 'number' && byteLength >= 1 && byteLength <= 6 &&
        byteLength % 1 === 0) {
      return intWriters[kind.charAt(0) + byteLength + kind.slice(1)](this, value, offset);
    }
    return boundsError(byteLength, 6, 'byteLength');
  };
}

BP.readUIntLE = variable('ULE');
BP.readUIntBE = variable('UBE');
BP.readIntLE = variable('SLE');
BP.readIntBE = variable('SBE');
BP.writeUIntLE = variableWrite('ULE');
BP.writeUIntBE = variableWrite('UBE');
BP.writeIntLE = variableWrite('SLE');
BP.writeIntBE = variableWrite('SBE');

// Node checks the offset of a 3..6 byte variable read the same way.
function readFloatBytes(buf, offset, scratch, n, littleEndian) {
  offset = readChecked(buf, offset, n);
  var i;
  if (littleEndian !== bigEndian) {
    for (i = 0; i < n; i++) scratch[i] = buf[offset + i];
  } else {
    for (i = 0; i < n; i++) scratch[n - 1 - i] = buf[offset + i];
  }
}

function writeFloatBytes(buf, offset, scratch, n, littleEndian) {
  var i;
  if (littleEndian !== bigEndian) {
    for (i = 0; i < n; i++) buf[offset + i] = scratch[i];
  } else {
    for (i = 0; i < n; i++) buf[offset + i] = scratch[n - 1 - i];
  }
  return offset + n;
}

BP.readFloatLE = function readFloatLE(offset) {
  readFloatBytes(this, offset, uInt8Float32Array, 4, true);
  return float32Array[0];
};
BP.readFloatBE = function readFloatBE(offset) {
  readFloatBytes(this, offset, uInt8Float32Array, 4, false);
  return float32Array[0];
};
BP.readDoubleLE = function readDoubleLE(offset) {
  readFloatBytes(this, offset, uInt8Float64Array, 8, true);
  return float64Array[0];
};
BP.readDoubleBE = function readDoubleBE(offset) {
  readFloatBytes(this, offset, uInt8Float64Array, 8, false);
  return float64Array[0];
};

function floatWriter(scratch, array, n, littleEndian) {
  return function (value, offset) {
    if (offset === undefined) offset = 0;
    value = +value;
    checkBounds(this, offset, n - 1);
    array[0] = value;
    return writeFloatBytes(this, offset, scratch, n, littleEndian);
  };
}

BP.writeFloatLE = floatWriter(uInt8Float32Array, float32Array, 4, true);
BP.writeFloatBE = floatWriter(uInt8Float32Array, float32Array, 4, false);
BP.writeDoubleLE = floatWriter(uInt8Float64Array, float64Array, 8, true);
BP.writeDoubleBE = floatWriter(uInt8Float64Array, float64Array, 8, false);

function noBigInt(name) {
  return function () {
    throw codes.ERR_METHOD_NOT_IMPLEMENTED(name + ' (no BigInt in lode)');
  };
}
['readBigInt64LE', 'readBigInt64BE', 'readBigUInt64LE', 'readBigUInt64BE',
  'writeBigInt64LE', 'writeBigInt64BE', 'writeBigUInt64LE', 'writeBigUInt64BE'
].forEach(function (name) {
  BP[name] = noBigInt(name);
});
BP.readBigUint64LE = BP.readBigUInt64LE;
BP.readBigUint64BE = BP.readBigUInt64BE;
BP.writeBigUint64LE = BP.writeBigUInt64LE;
BP.writeBigUint64BE = BP.writeBigUInt64BE;

// The lower-case aliases (readUint8, ...), as Node.
['readUInt8', 'readUInt16LE', 'readUInt16BE', 'readUInt32LE', 'readUInt32BE',
  'readUIntLE', 'readUIntBE', 'writeUInt8', 'writeUInt16LE', 'writeUInt16BE',
  'writeUInt32LE', 'writeUInt32BE', 'writeUIntLE', 'writeUIntBE'].forEach(function (name) {
  BP[name.replace('UInt', 'Uint')] = BP[name];
});

// ---- atob, btoa, isUtf8, isAscii, transcode ----

var base64Allowed = Object.create(null);
(function () {
  var alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  for (var i = 0; i < alphabet.length; i++) base64Allowed[alphabet.charCodeAt(i)] = 1;
  base64Allowed[0x3D] = 2; // '='
  [0x09, 0x0A, 0x0C, 0x0D, 0x20].forEach(function (c) { base64Allowed[c] = 0; });
})();

function btoa(input) {
  if (arguments.length === 0) throw ERR_MISSING_ARGS('input');
  input = '' + input;
  for (var n = 0; n < input.length; n++) {
    if (input.charCodeAt(n) > 0xff) throw invalidCharacter('Invalid character');
  }
  return binding.toString(binding.fromString(input, LATIN1), BASE64);
}

function atob(input) {
  if (arguments.length === 0) throw ERR_MISSING_ARGS('input');
  input = '' + input;
  var nonWhitespace = 0;
  var equals = 0;
  for (var n = 0; n < input.length; n++) {
    var kind = base64Allowed[input.charCodeAt(n)];
    if (kind === undefined) throw invalidCharacter('Invalid character');
    if (kind === 0) continue;
    nonWhitespace++;
    if (kind === 2) {
      equals++;
    } else if (equals) {
      throw invalidCharacter('Invalid character');
    }
    if (equals > 2) throw invalidCharacter('Invalid character');
  }
  var reminder = nonWhitespace % 4;
  if (!reminder) {
    reminder = (nonWhitespace - equals) % 4;
  } else if (equals) {
    throw invalidCharacter('Invalid character');
  }
  if (reminder === 1) {
    throw invalidCharacter('The string to be decoded is not correctly encoded.');
  }
  var bytes = binding.fromString(input, BASE64);
  return binding.toString(bytes, LATIN1, 0, bytes.length);
}

function checkInput(input, name) {
  if (isArrayBufferView(input) || isAnyArrayBuffer(input)) return;
  throw ERR_INVALID_ARG_TYPE(name || 'input', ['ArrayBuffer', 'Buffer', 'TypedArray'], input);
}

function isUtf8(input) {
  checkInput(input);
  return binding.isUtf8(input);
}

function isAscii(input) {
  checkInput(input);
  return binding.isAscii(input);
}

// XXX: transcode covers utf8, utf16le, latin1 and ascii by decoding to a
// string and re-encoding (characters the target lacks become '?'), not
// ICU's converters.
function transcode(source, fromEncoding, toEncoding) {
  if (!isUint8Array(source)) {
    throw ERR_INVALID_ARG_TYPE('source', ['Buffer', 'Uint8Array'], source);
  }
  if (source.length === 0) return createBuffer(0);
  var from = normalizedCode(fromEncoding);
  var to = normalizedCode(toEncoding);
  var ok = [UTF8, UCS2, LATIN1, ASCII];
  if (ok.indexOf(from) === -1 || ok.indexOf(to) === -1) {
    var err = new Error('Unable to transcode Buffer [U_ILLEGAL_ARGUMENT_ERROR]');
    err.code = 'U_ILLEGAL_ARGUMENT_ERROR';
    err.errno = 1;
    throw err;
  }
  var str = binding.toString(source, from, 0, source.length);
  if (to === LATIN1 || to === ASCII) {
    var max = to === ASCII ? 0x7f : 0xff;
    str = str.replace(/[\s\S]/g, function (c) {
      return c.charCodeAt(0) > max ? '?' : c;
    });
  }
  return binding.fromString(str, to);
}

// ---- exports ----

module.exports = {
  Buffer: Buffer,
  SlowBuffer: SlowBuffer,
  transcode: transcode,
  isUtf8: isUtf8,
  isAscii: isAscii,
  kMaxLength: kMaxLength,
  kStringMaxLength: kStringMaxLength,
  btoa: btoa,
  atob: atob
};

Object.defineProperties(module.exports, {
  constants: {
    configurable: false,
    enumerable: true,
    value: { MAX_LENGTH: kMaxLength, MAX_STRING_LENGTH: kStringMaxLength }
  },
  INSPECT_MAX_BYTES: {
    configurable: true,
    enumerable: true,
    get: function () { return INSPECT_MAX_BYTES; },
    set: function (val) {
      validateNumber(val, 'INSPECT_MAX_BYTES', 0);
      INSPECT_MAX_BYTES = val;
    }
  }
});
