/*
 * string_decoder — StringDecoder: decodes a stream of byte chunks into
 * strings without splitting multi-byte characters (utf8, utf16le, base64,
 * base64url) across write() calls; hex, latin1 and ascii are stateless.
 *
 * Layer: stdlib (pure ES5). The chunk body is decoded by the global Buffer's
 * toString(encoding, start, end) (C code in lode); only the few bytes of a
 * character split across chunks are decoded here. The state machine follows
 * Node 20's (buffered bytes / missing bytes), including its choice of where
 * U+FFFD appears for invalid UTF-8 at chunk edges.
 */
'use strict';

var errors = require('internal/errors');
var codes = errors.codes;

function normalizeEncoding(enc) {
  if (enc === undefined || enc === null || enc === '') return 'utf8';
  var e = String(enc).toLowerCase();
  switch (e) {
    case 'utf8': case 'utf-8': return 'utf8';
    case 'ucs2': case 'ucs-2': case 'utf16le': case 'utf-16le': return 'utf16le';
    case 'latin1': case 'binary': return 'latin1';
    case 'base64': case 'base64url': case 'hex': case 'ascii': return e;
    default: return undefined;
  }
}

function isView(v) {
  if (typeof ArrayBuffer === 'function' && typeof ArrayBuffer.isView === 'function') {
    return ArrayBuffer.isView(v);
  }
  return v !== null && typeof v === 'object' && v.buffer !== undefined &&
    typeof v.byteLength === 'number';
}

/* Decode bytes [start, end) of the view `buf` (a Buffer or any view). */
function decodeBody(buf, start, end, enc) {
  if (start >= end) return '';
  if (typeof Buffer === 'function' && Buffer.isBuffer && Buffer.isBuffer(buf)) {
    return buf.toString(enc, start, end);
  }
  var b = Buffer.from(buf.buffer, buf.byteOffset + start, end - start);
  return b.toString(enc);
}

function decodeSmall(bytes, n, enc) {
  if (n === 0) return '';
  var b = Buffer.from(bytes.slice(0, n));
  return b.toString(enc);
}

function StringDecoder(encoding) {
  var enc = normalizeEncoding(encoding);
  if (enc === undefined) {
    if (typeof Buffer === 'function' && typeof Buffer.isEncoding === 'function' &&
        Buffer.isEncoding(encoding)) {
      enc = encoding;
    } else {
      throw codes.ERR_UNKNOWN_ENCODING(encoding);
    }
  }
  this.encoding = enc;
  /* Not enumerable, so util.inspect shows only `encoding` plus the
   * internal state the way Node shows its kNativeDecoder buffer. */
  Object.defineProperty(this, '_st', {
    value: { chars: [0, 0, 0, 0], missing: 0, buffered: 0 },
    enumerable: false, writable: true
  });
}

StringDecoder.prototype.write = function write(buf) {
  if (typeof buf === 'string') return buf;
  if (!isView(buf)) {
    throw codes.ERR_INVALID_ARG_TYPE('buf', ['Buffer', 'TypedArray', 'DataView'], buf);
  }
  if (!this._st) throw codes.ERR_INVALID_THIS('StringDecoder');
  var bytes = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  var enc = this.encoding;
  var st = this._st;
  if (enc !== 'utf8' && enc !== 'utf16le' && enc !== 'base64' && enc !== 'base64url') {
    return decodeBody(buf, 0, bytes.length, enc);
  }
  var pos = 0;
  var nread = bytes.length;
  var prepend = null;
  var i;

  if (st.missing > 0) {
    if (enc === 'utf8') {
      for (i = 0; i < nread && i < st.missing; ++i) {
        if ((bytes[pos + i] & 0xC0) !== 0x80) {
          /* Not a continuation byte: the buffered character ends here. */
          st.missing = 0;
          for (var k = 0; k < i; k++) st.chars[st.buffered + k] = bytes[pos + k];
          st.buffered += i;
          pos += i;
          nread -= i;
          break;
        }
      }
    }
    var found = Math.min(nread, st.missing);
    for (i = 0; i < found; i++) st.chars[st.buffered + i] = bytes[pos + i];
    pos += found;
    nread -= found;
    st.missing -= found;
    st.buffered += found;
    if (st.missing === 0) {
      prepend = decodeSmall(st.chars, st.buffered, enc);
      st.buffered = 0;
    }
  }

  var body;
  if (nread === 0) {
    body = prepend !== null ? prepend : '';
    prepend = null;
  } else {
    if (enc === 'utf8' && (bytes[pos + nread - 1] & 0x80)) {
      for (i = nread - 1; ; --i) {
        st.buffered++;
        var c = bytes[pos + i];
        if ((c & 0xC0) === 0x80) {
          if (st.buffered >= 4 || i === 0) {
            st.buffered = 0;
            break;
          }
        } else {
          if ((c & 0xE0) === 0xC0) st.missing = 2;
          else if ((c & 0xF0) === 0xE0) st.missing = 3;
          else if ((c & 0xF8) === 0xF0) st.missing = 4;
          else {
            st.buffered = 0;
            break;
          }
          if (st.buffered >= st.missing) {
            st.missing = 0;
            st.buffered = 0;
          }
          st.missing -= st.buffered;
          break;
        }
      }
    } else if (enc === 'utf16le') {
      if ((nread % 2) === 1) {
        st.buffered = 1;
        st.missing = 1;
      } else if ((bytes[pos + nread - 1] & 0xFC) === 0xD8) {
        st.buffered = 2;
        st.missing = 2;
      }
    } else if (enc === 'base64' || enc === 'base64url') {
      st.buffered = nread % 3;
      if (st.buffered > 0) st.missing = 3 - st.buffered;
    }
    if (st.buffered > 0) {
      nread -= st.buffered;
      for (i = 0; i < st.buffered; i++) st.chars[i] = bytes[pos + nread + i];
    }
    body = nread > 0 ? decodeBody(buf, pos, pos + nread, enc) : '';
  }
  return prepend === null ? body : prepend + body;
};

StringDecoder.prototype.end = function end(buf) {
  var ret = '';
  if (buf !== undefined) ret = this.write(buf);
  var st = this._st;
  if (st.buffered > 0) {
    if (this.encoding === 'utf16le' && st.buffered % 2 === 1) {
      st.missing--;
      st.buffered--;
    }
    if (st.buffered > 0) ret += decodeSmall(st.chars, st.buffered, this.encoding);
    st.missing = 0;
    st.buffered = 0;
  }
  return ret;
};

StringDecoder.prototype.text = function text(buf, offset) {
  this._st.missing = 0;
  this._st.buffered = 0;
  return this.write(buf.slice(offset));
};

Object.defineProperties(StringDecoder.prototype, {
  lastChar: {
    configurable: true,
    enumerable: true,
    get: function () {
      var b = Buffer.alloc(4);
      for (var i = 0; i < 4; i++) b[i] = this._st.chars[i];
      return b;
    }
  },
  lastNeed: {
    configurable: true,
    enumerable: true,
    get: function () { return this._st.missing; }
  },
  lastTotal: {
    configurable: true,
    enumerable: true,
    get: function () { return this._st.buffered + this._st.missing; }
  }
});

exports.StringDecoder = StringDecoder;
