// internal/encoding — the WHATWG TextEncoder and TextDecoder, as Node 20
// has them (layer: stdlib/). Bytes are encoded and decoded in C through
// Buffer; this file keeps the streaming state (an incomplete sequence
// held between decode() calls), the BOM rule and the fatal checks.
//
// Encodings: utf-8, utf-16le, utf-16be and the latin1 labels (which the
// WHATWG calls windows-1252; Node with ICU decodes them as latin1 too).
// XXX: Node with full ICU also knows the legacy single- and multi-byte
// encodings (iso-8859-2, shift_jis, gbk...); lode throws
// ERR_ENCODING_NOT_SUPPORTED for those.
'use strict';

var Buffer = require('buffer').Buffer;
var isUtf8 = require('buffer').isUtf8;
var errors = require('internal/errors');

var hasSymbol = typeof Symbol === 'function';
var kState = hasSymbol ? Symbol('lode.encoding.state') : '__lodeEncodingState';
var kInspect = hasSymbol ? Symbol['for']('nodejs.util.inspect.custom') : 'inspect';

var LABELS = {};
function labels(name, list) {
  for (var i = 0; i < list.length; i++) LABELS[list[i]] = name;
}
labels('utf-8', ['unicode-1-1-utf-8', 'unicode11utf8', 'unicode20utf8', 'utf-8', 'utf8',
  'x-unicode20utf8']);
labels('utf-16le', ['csunicode', 'iso-10646-ucs-2', 'ucs-2', 'unicode', 'unicodefeff',
  'utf-16', 'utf-16le']);
labels('utf-16be', ['unicodefffe', 'utf-16be']);
labels('windows-1252', ['ansi_x3.4-1968', 'ascii', 'cp1252', 'cp819', 'csisolatin1', 'ibm819',
  'iso-8859-1', 'iso-ir-100', 'iso8859-1', 'iso88591', 'iso_8859-1', 'iso_8859-1:1987', 'l1',
  'latin1', 'us-ascii', 'windows-1252', 'x-cp1252']);

function encodingFromLabel(label) {
  var key = String(label).replace(/^[\t\n\f\r ]+|[\t\n\f\r ]+$/g, '').toLowerCase();
  return Object.prototype.hasOwnProperty.call(LABELS, key) ? LABELS[key] : undefined;
}

function notSupported(label) {
  var err = new RangeError('The "' + label + '" encoding is not supported');
  err.code = 'ERR_ENCODING_NOT_SUPPORTED';
  return err;
}

function invalidData(encoding) {
  var err = new TypeError('The encoded data was not valid for encoding ' + encoding);
  err.code = 'ERR_ENCODING_INVALID_ENCODED_DATA';
  return err;
}

function invalidThis(type) {
  return errors.codes.ERR_INVALID_THIS(type);
}

function defineTag(proto, name) {
  if (hasSymbol && Symbol.toStringTag) {
    Object.defineProperty(proto, Symbol.toStringTag, { value: name, configurable: true });
  }
}

// ---- TextEncoder ----

function TextEncoder() {
  if (!(this instanceof TextEncoder)) {
    throw new TypeError("Class constructor TextEncoder cannot be invoked without 'new'");
  }
  Object.defineProperty(this, kState, { value: true });
}

function checkEncoder(self) {
  if (self === null || typeof self !== 'object' || self[kState] !== true) {
    throw invalidThis('TextEncoder');
  }
}

Object.defineProperty(TextEncoder.prototype, 'encoding', {
  get: function () {
    checkEncoder(this);
    return 'utf-8';
  },
  enumerable: true,
  configurable: true
});

function toUint8Array(buf) {
  var out = new Uint8Array(buf.length);
  out.set(buf);
  return out;
}

TextEncoder.prototype.encode = function encode(input) {
  checkEncoder(this);
  var s = input === undefined ? '' : String(input);
  if (s.length === 0) return new Uint8Array(0);
  return toUint8Array(Buffer.from(s, 'utf8'));
};

// Bytes of the UTF-8 form of the code point (or lone surrogate) at i, and
// how many UTF-16 units it takes.
function utf8Units(s, i) {
  var c = s.charCodeAt(i), d;
  if (c < 0x80) return [1, 1];
  if (c < 0x800) return [2, 1];
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
    d = s.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return [4, 2];
  }
  return [3, 1];
}

TextEncoder.prototype.encodeInto = function encodeInto(src, dest) {
  var buf, read = 0, written = 0, u;
  checkEncoder(this);
  errors.validateString(src, 'src');
  if (!(dest instanceof Uint8Array)) {
    throw errors.codes.ERR_INVALID_ARG_TYPE('dest', 'Uint8Array', dest);
  }
  buf = Buffer.from(src, 'utf8');
  if (buf.length <= dest.length) {
    dest.set(buf);
    return { read: src.length, written: buf.length };
  }
  // Only whole characters are written.
  while (read < src.length) {
    u = utf8Units(src, read);
    if (written + u[0] > dest.length) break;
    written += u[0];
    read += u[1];
  }
  dest.set(buf.subarray(0, written));
  return { read: read, written: written };
};

TextEncoder.prototype[kInspect] = function (depth, opts) {
  checkEncoder(this);
  if (typeof depth === 'number' && depth < 0) return this;
  return require('util').inspect({ encoding: this.encoding });
};

defineTag(TextEncoder.prototype, 'TextEncoder');

// ---- TextDecoder ----

function TextDecoder(encoding, options) {
  var enc, label;
  if (!(this instanceof TextDecoder)) {
    throw new TypeError("Class constructor TextDecoder cannot be invoked without 'new'");
  }
  label = encoding === undefined ? 'utf-8' : String(encoding);
  if (options !== undefined && options !== null &&
      typeof options !== 'object' && typeof options !== 'function') {
    throw errors.codes.ERR_INVALID_ARG_TYPE('options', 'object', options);
  }
  enc = encodingFromLabel(label);
  if (enc === undefined) throw notSupported(label);
  Object.defineProperty(this, kState, {
    value: {
      encoding: enc,
      fatal: Boolean(options && options.fatal),
      ignoreBOM: Boolean(options && options.ignoreBOM),
      pending: null,     // bytes of an incomplete sequence (a Buffer)
      bomSeen: false     // the start of the stream has been decoded
    }
  });
}

function state(self) {
  var st = self !== null && typeof self === 'object' ? self[kState] : undefined;
  if (st === undefined || st === true) throw invalidThis('TextDecoder');
  return st;
}

['encoding', 'fatal', 'ignoreBOM'].forEach(function (name) {
  Object.defineProperty(TextDecoder.prototype, name, {
    get: function () { return state(this)[name]; },
    enumerable: true,
    configurable: true
  });
});

function toBuffer(input) {
  if (input instanceof ArrayBuffer ||
      (typeof SharedArrayBuffer === 'function' && input instanceof SharedArrayBuffer)) {
    return Buffer.from(input);
  }
  if (ArrayBuffer.isView(input)) {
    return Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  }
  var err = new TypeError('The "list" argument must be an instance of SharedArrayBuffer, ' +
    'ArrayBuffer or ArrayBufferView.');
  err.code = 'ERR_INVALID_ARG_TYPE';
  throw err;
}

// How many bytes at the end of b are a valid but unfinished UTF-8
// sequence (to keep for the next chunk): 0 to 3.
function utf8Incomplete(b) {
  var n = b.length, i, c, need, j, lo, hi;
  for (i = n - 1; i >= 0 && i >= n - 3; i--) {
    c = b[i];
    if ((c & 0xc0) === 0x80) continue;       // a continuation byte
    if (c >= 0xc2 && c <= 0xdf) need = 2;
    else if (c >= 0xe0 && c <= 0xef) need = 3;
    else if (c >= 0xf0 && c <= 0xf4) need = 4;
    else return 0;
    if (n - i >= need) return 0;             // complete (or invalid) here
    for (j = i + 1; j < n; j++) {
      lo = 0x80;
      hi = 0xbf;
      if (j === i + 1) {
        if (c === 0xe0) lo = 0xa0;
        else if (c === 0xed) hi = 0x9f;
        else if (c === 0xf0) lo = 0x90;
        else if (c === 0xf4) hi = 0x8f;
      }
      if (b[j] < lo || b[j] > hi) return 0;
    }
    return n - i;
  }
  return 0;
}

var LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|([^\ud800-\udbff]|^)([\udc00-\udfff])/g;

function decodeUtf16(st, b, stream) {
  var keep = b.length & 1, s, last;
  var even = keep ? b.subarray(0, b.length - 1) : b;
  if (st.encoding === 'utf-16be') {
    even = Buffer.from(even);
    even.swap16();
  }
  s = even.toString('utf16le');
  if (stream && s.length > 0) {
    last = s.charCodeAt(s.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) {
      // A high surrogate whose partner may come with the next chunk.
      s = s.slice(0, -1);
      keep += 2;
    }
  }
  st.pending = keep > 0 && stream ? Buffer.from(b.subarray(b.length - keep)) : null;
  if (LONE_SURROGATE.test(s)) {
    LONE_SURROGATE.lastIndex = 0;
    if (st.fatal) throw invalidData(st.encoding);
    s = s.replace(LONE_SURROGATE, function (m, before) {
      return before === undefined ? '\ufffd' : before + '\ufffd';
    });
  }
  LONE_SURROGATE.lastIndex = 0;
  if (!stream && keep > 0) {
    if (st.fatal) throw invalidData(st.encoding);
    s += '\ufffd';
  }
  return s;
}

TextDecoder.prototype.decode = function decode(input, options) {
  var st = state(this), stream, b, keep, s;
  // Node checks the options only off its utf-8 fast path.
  if (st.encoding !== 'utf-8' && options !== undefined && options !== null &&
      typeof options !== 'object' && typeof options !== 'function') {
    throw errors.codes.ERR_INVALID_ARG_TYPE('options', 'object', options);
  }
  stream = Boolean(options !== undefined && options !== null && options.stream);
  b = input === undefined ? Buffer.alloc(0) : toBuffer(input);
  if (st.pending !== null) b = Buffer.concat([st.pending, b]);
  st.pending = null;

  if (st.encoding === 'utf-8') {
    keep = stream ? utf8Incomplete(b) : 0;
    if (keep > 0) {
      st.pending = Buffer.from(b.subarray(b.length - keep));
      b = b.subarray(0, b.length - keep);
    }
    if (st.fatal && !isUtf8(b)) {
      st.pending = null;
      st.bomSeen = false;
      throw invalidData(st.encoding);
    }
    s = b.toString('utf8');
  } else if (st.encoding === 'windows-1252') {
    s = b.toString('latin1');
  } else {
    try {
      s = decodeUtf16(st, b, stream);
    } catch (e) {
      st.pending = null;
      st.bomSeen = false;
      throw e;
    }
  }

  if (!st.bomSeen && s.length > 0) {
    st.bomSeen = true;
    if (!st.ignoreBOM && st.encoding !== 'windows-1252' && s.charCodeAt(0) === 0xfeff) {
      s = s.slice(1);
    }
  }
  if (!stream) st.bomSeen = false;
  return s;
};

TextDecoder.prototype[kInspect] = function (depth, opts) {
  var st = state(this);
  if (typeof depth === 'number' && depth < 0) return this;
  return 'TextDecoder ' + require('util').inspect({
    encoding: st.encoding, fatal: st.fatal, ignoreBOM: st.ignoreBOM
  });
};

defineTag(TextDecoder.prototype, 'TextDecoder');

module.exports = {
  TextEncoder: TextEncoder,
  TextDecoder: TextDecoder,
  getEncodingFromLabel: encodingFromLabel
};
