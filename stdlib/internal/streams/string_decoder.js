/*
 * internal/streams/string_decoder — a minimal StringDecoder used by
 * Readable.setEncoding() only while lode has no string_decoder module.
 *
 * Layer: stdlib (pure ES5). Decodes bytes itself (utf8, utf16le, latin1,
 * ascii, hex, base64, base64url) so that it does not depend on which
 * encodings Buffer#toString supports; a character split across two
 * chunks is held back until its last byte arrives.
 * XXX: remove once stdlib/string_decoder.js exists everywhere.
 */
'use strict';

var codes = require('internal/errors').codes;

function normEncoding(enc) {
  var e = enc == null ? 'utf8' : String(enc).toLowerCase();
  switch (e) {
    case 'utf8': case 'utf-8': return 'utf8';
    case 'ucs2': case 'ucs-2': case 'utf16le': case 'utf-16le': return 'utf16le';
    case 'latin1': case 'binary': return 'latin1';
    case 'ascii': case 'hex': case 'base64': case 'base64url': return e;
    default: throw codes.ERR_UNKNOWN_ENCODING(enc);
  }
}

var B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
var B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
var HEX = '0123456789abcdef';

function StringDecoder(encoding) {
  this.encoding = normEncoding(encoding);
  this.pending = []; /* bytes of an incomplete unit */
}

function utf8Need(b) {
  if (b < 0x80) return 1;
  if ((b & 0xe0) === 0xc0) return 2;
  if ((b & 0xf0) === 0xe0) return 3;
  if ((b & 0xf8) === 0xf0) return 4;
  return 0;
}

function decodeUtf8(bytes, end) {
  var out = '';
  var i = 0;
  while (i < end) {
    var b = bytes[i];
    var need = utf8Need(b);
    if (need === 1) {
      out += String.fromCharCode(b);
      i++;
      continue;
    }
    if (need === 0 || i + need > end) {
      out += '\ufffd';
      i++;
      continue;
    }
    var cp = need === 2 ? b & 0x1f : need === 3 ? b & 0x0f : b & 0x07;
    var ok = true;
    for (var k = 1; k < need; k++) {
      var c = bytes[i + k];
      if ((c & 0xc0) !== 0x80) {
        ok = false;
        break;
      }
      cp = (cp << 6) | (c & 0x3f);
    }
    if (!ok) {
      out += '\ufffd';
      i++;
      continue;
    }
    if (cp >= 0x10000) {
      cp -= 0x10000;
      out += String.fromCharCode(0xd800 + (cp >> 10), 0xdc00 + (cp & 0x3ff));
    } else {
      out += String.fromCharCode(cp);
    }
    i += need;
  }
  return out;
}

/* How many bytes at the end of `bytes` start an incomplete utf8 char. */
function utf8Incomplete(bytes) {
  var n = bytes.length;
  for (var back = 1; back <= 3 && back <= n; back++) {
    var b = bytes[n - back];
    if ((b & 0xc0) === 0x80) continue; /* continuation byte */
    var need = utf8Need(b);
    if (need > back) return back;
    return 0;
  }
  return 0;
}

function encodeBase64(bytes, table, pad) {
  var out = '';
  var i;
  for (i = 0; i + 2 < bytes.length; i += 3) {
    var v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += table[v >> 18] + table[(v >> 12) & 63] + table[(v >> 6) & 63] + table[v & 63];
  }
  var rest = bytes.length - i;
  if (rest === 1) {
    out += table[bytes[i] >> 2] + table[(bytes[i] & 3) << 4] + (pad ? '==' : '');
  } else if (rest === 2) {
    var w = (bytes[i] << 8) | bytes[i + 1];
    out += table[w >> 10] + table[(w >> 4) & 63] + table[(w & 15) << 2] + (pad ? '=' : '');
  }
  return out;
}

function decodeAll(enc, bytes) {
  var out = '';
  var i;
  switch (enc) {
    case 'utf8': return decodeUtf8(bytes, bytes.length);
    case 'latin1':
      for (i = 0; i < bytes.length; i++) out += String.fromCharCode(bytes[i]);
      return out;
    case 'ascii':
      for (i = 0; i < bytes.length; i++) out += String.fromCharCode(bytes[i] & 0x7f);
      return out;
    case 'hex':
      for (i = 0; i < bytes.length; i++) out += HEX[bytes[i] >> 4] + HEX[bytes[i] & 15];
      return out;
    case 'base64': return encodeBase64(bytes, B64, true);
    case 'base64url': return encodeBase64(bytes, B64URL, false);
    case 'utf16le':
      for (i = 0; i + 1 < bytes.length; i += 2) out += String.fromCharCode(bytes[i] | (bytes[i + 1] << 8));
      return out;
  }
  return out;
}

function toBytes(pending, buf) {
  var bytes = new Array(pending.length + buf.length);
  var i;
  for (i = 0; i < pending.length; i++) bytes[i] = pending[i];
  for (i = 0; i < buf.length; i++) bytes[pending.length + i] = buf[i];
  return bytes;
}

StringDecoder.prototype.write = function (buf) {
  if (typeof buf === 'string') return buf;
  var bytes = toBytes(this.pending, buf);
  var keep = 0;
  var enc = this.encoding;
  if (enc === 'utf8') {
    keep = utf8Incomplete(bytes);
  } else if (enc === 'base64' || enc === 'base64url') {
    keep = bytes.length % 3;
  } else if (enc === 'utf16le') {
    keep = bytes.length % 2;
    if (keep === 0 && bytes.length >= 2) {
      var last = bytes[bytes.length - 2] | (bytes[bytes.length - 1] << 8);
      if (last >= 0xd800 && last <= 0xdbff) keep = 2; /* lone high surrogate */
    }
  }
  this.pending = bytes.slice(bytes.length - keep);
  return decodeAll(enc, keep ? bytes.slice(0, bytes.length - keep) : bytes);
};

StringDecoder.prototype.end = function (buf) {
  var r = buf === undefined ? '' : this.write(buf);
  if (this.pending.length) {
    var p = this.pending;
    this.pending = [];
    r += this.encoding === 'utf8' ? '\ufffd' : decodeAll(this.encoding, p);
  }
  return r;
};

module.exports = { StringDecoder: StringDecoder };
