/*
 * querystring — parse/stringify of URL query strings, escape/unescape,
 * as documented for Node 20 (maxKeys, custom separators, custom
 * encodeURIComponent/decodeURIComponent).
 *
 * Layer: stdlib (pure ES5). unescapeBuffer returns a Buffer when the global
 * Buffer exists, else a Uint8Array.
 */
'use strict';

var hexTable = [];
(function () {
  for (var i = 0; i < 256; i++) {
    hexTable[i] = '%' + (i < 16 ? '0' : '') + i.toString(16).toUpperCase();
  }
})();

/* Characters left alone by escape(): A-Z a-z 0-9 - . _ ~ ! ' ( ) * */
var noEscape = [];
(function () {
  var keep = "-._~!'()*";
  for (var i = 0; i < 128; i++) {
    var c = String.fromCharCode(i);
    noEscape[i] = (/[A-Za-z0-9]/.test(c) || keep.indexOf(c) !== -1) ? 1 : 0;
  }
})();

function uriMalformed() {
  var e = new URIError('URI malformed');
  e.code = 'ERR_INVALID_URI';
  Object.defineProperty(e, 'toString', {
    value: function () { return 'URIError [ERR_INVALID_URI]: URI malformed'; },
    enumerable: false, configurable: true, writable: true
  });
  return e;
}

/* Percent-encode str as UTF-8, leaving characters with noEscapeTable[c]. */
function encodeStr(str, noEscapeTable, hex) {
  var len = str.length;
  if (len === 0) return '';
  var out = '';
  var lastPos = 0;
  for (var i = 0; i < len; i++) {
    var c = str.charCodeAt(i);
    if (c < 0x80) {
      if (noEscapeTable[c] === 1) continue;
      if (lastPos < i) out += str.slice(lastPos, i);
      lastPos = i + 1;
      out += hex[c];
      continue;
    }
    if (lastPos < i) out += str.slice(lastPos, i);
    if (c < 0x800) {
      lastPos = i + 1;
      out += hex[0xC0 | (c >> 6)] + hex[0x80 | (c & 0x3F)];
      continue;
    }
    if (c < 0xD800 || c >= 0xE000) {
      lastPos = i + 1;
      out += hex[0xE0 | (c >> 12)] + hex[0x80 | ((c >> 6) & 0x3F)] + hex[0x80 | (c & 0x3F)];
      continue;
    }
    ++i;
    /* Like Node: only a surrogate at the very end is an error; other lone
     * surrogates are combined with whatever follows. */
    if (i >= len) throw uriMalformed();
    var c2 = str.charCodeAt(i) & 0x3FF;
    lastPos = i + 1;
    c = 0x10000 + (((c & 0x3FF) << 10) | c2);
    out += hex[0xF0 | (c >> 18)] + hex[0x80 | ((c >> 12) & 0x3F)] +
      hex[0x80 | ((c >> 6) & 0x3F)] + hex[0x80 | (c & 0x3F)];
  }
  if (lastPos === 0) return str;
  if (lastPos < len) return out + str.slice(lastPos);
  return out;
}

function unhex(c) {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

function unescapeBuffer(s, decodeSpaces) {
  var out = typeof Buffer === 'function' && Buffer.allocUnsafe ?
    Buffer.allocUnsafe(s.length) : new Uint8Array(s.length);
  var index = 0;
  var outIndex = 0;
  var currentChar;
  var hexHigh;
  var hexLow;
  var maxLength = s.length - 2;
  var hasHex = false;
  while (index < s.length) {
    currentChar = s.charCodeAt(index);
    if (currentChar === 43 && decodeSpaces) {
      out[outIndex++] = 32;
      index++;
      continue;
    }
    if (currentChar === 37 && index < maxLength) {
      currentChar = s.charCodeAt(++index);
      hexHigh = unhex(currentChar);
      if (!(hexHigh >= 0)) {
        out[outIndex++] = 37;
        continue;
      } else {
        hexLow = unhex(s.charCodeAt(++index));
        if (!(hexLow >= 0)) {
          out[outIndex++] = 37;
          index--;
        } else {
          hasHex = true;
          currentChar = hexHigh * 16 + hexLow;
        }
      }
    }
    out[outIndex++] = currentChar;
    index++;
  }
  return hasHex ? out.slice(0, outIndex) : out;
}

/* UTF-8 bytes to a string, U+FFFD for each maximal invalid subpart
 * (the WHATWG decoder, which is what Buffer#toString does). */
function utf8Decode(bytes) {
  var out = '';
  var cp = 0;
  var needed = 0;
  var seen = 0;
  var lower = 0x80;
  var upper = 0xBF;
  for (var i = 0; i < bytes.length; i++) {
    var b = bytes[i];
    if (needed === 0) {
      if (b <= 0x7F) { out += String.fromCharCode(b); continue; }
      if (b >= 0xC2 && b <= 0xDF) { needed = 1; cp = b & 0x1F; }
      else if (b >= 0xE0 && b <= 0xEF) {
        if (b === 0xE0) lower = 0xA0;
        if (b === 0xED) upper = 0x9F;
        needed = 2; cp = b & 0xF;
      } else if (b >= 0xF0 && b <= 0xF4) {
        if (b === 0xF0) lower = 0x90;
        if (b === 0xF4) upper = 0x8F;
        needed = 3; cp = b & 0x7;
      } else {
        out += '\ufffd';
      }
      continue;
    }
    if (b < lower || b > upper) {
      cp = needed = seen = 0;
      lower = 0x80; upper = 0xBF;
      out += '\ufffd';
      i--;
      continue;
    }
    lower = 0x80; upper = 0xBF;
    cp = (cp << 6) | (b & 0x3F);
    if (++seen === needed) {
      if (cp > 0xFFFF) {
        cp -= 0x10000;
        out += String.fromCharCode(0xD800 + (cp >> 10), 0xDC00 + (cp & 0x3FF));
      } else {
        out += String.fromCharCode(cp);
      }
      cp = needed = seen = 0;
    }
  }
  if (needed !== 0) out += '\ufffd';
  return out;
}

function qsUnescape(s, decodeSpaces) {
  try {
    return decodeURIComponent(s);
  } catch (e) {
    return utf8Decode(unescapeBuffer(s, decodeSpaces));
  }
}

function qsEscape(str) {
  if (typeof str !== 'string') {
    if (typeof str === 'object') str = String(str);
    else str += '';
  }
  return encodeStr(str, noEscape, hexTable);
}

function stringifyPrimitive(v) {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && isFinite(v)) return '' + v;
  if (typeof v === 'bigint') return '' + v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return '';
}

function encodeStringified(v, encode) {
  if (typeof v === 'string') return (v.length ? encode(v) : '');
  if (typeof v === 'number' && isFinite(v)) {
    return (Math.abs(v) < 1e21 ? '' + v : encode('' + v));
  }
  if (typeof v === 'bigint') return '' + v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return '';
}

function encodeStringifiedCustom(v, encode) {
  return encode(stringifyPrimitive(v));
}

function stringify(obj, sep, eq, options) {
  sep = sep || '&';
  eq = eq || '=';
  var encode = exports.escape;
  if (options && typeof options.encodeURIComponent === 'function') {
    encode = options.encodeURIComponent;
  }
  var convert = (encode === qsEscape ? encodeStringified : encodeStringifiedCustom);
  if (obj !== null && typeof obj === 'object') {
    var keys = Object.keys(obj);
    var fields = '';
    for (var i = 0; i < keys.length; ++i) {
      var k = keys[i];
      var v = obj[k];
      var ks = convert(k, encode) + eq;
      if (Array.isArray(v)) {
        if (v.length === 0) continue;
        if (fields) fields += sep;
        for (var j = 0; j < v.length; ++j) {
          if (j) fields += sep;
          fields += ks + convert(v[j], encode);
        }
      } else {
        if (fields) fields += sep;
        fields += ks + convert(v, encode);
      }
    }
    return fields;
  }
  return '';
}

function charCodes(str) {
  var ret = [];
  for (var i = 0; i < str.length; ++i) ret.push(str.charCodeAt(i));
  return ret;
}

function isHex(c) { return unhex(c) >= 0; }

function decodeStr(s, decoder) {
  try {
    return decoder(s);
  } catch (e) {
    return exports.unescape(s, true);
  }
}

function addKeyVal(obj, key, value, keyEncoded, valEncoded, decode) {
  if (key.length > 0 && keyEncoded) key = decodeStr(key, decode);
  if (value.length > 0 && valEncoded) value = decodeStr(value, decode);
  if (obj[key] === undefined) {
    obj[key] = value;
  } else {
    var curValue = obj[key];
    if (curValue.pop) curValue[curValue.length] = value;
    else obj[key] = [curValue, value];
  }
}

function parse(qs, sep, eq, options) {
  var obj = Object.create(null);
  if (typeof qs !== 'string' || qs.length === 0) return obj;
  var sepCodes = !sep ? [38] : charCodes(String(sep));
  var eqCodes = !eq ? [61] : charCodes(String(eq));
  var sepLen = sepCodes.length;
  var eqLen = eqCodes.length;

  var pairs = 1000;
  if (options && typeof options.maxKeys === 'number') {
    pairs = (options.maxKeys > 0 ? options.maxKeys : -1);
  }
  var decode = exports.unescape;
  if (options && typeof options.decodeURIComponent === 'function') {
    decode = options.decodeURIComponent;
  }
  var customDecode = (decode !== qsUnescape);

  var lastPos = 0;
  var sepIdx = 0;
  var eqIdx = 0;
  var key = '';
  var value = '';
  var keyEncoded = customDecode;
  var valEncoded = customDecode;
  var plusChar = (customDecode ? '%20' : ' ');
  var encodeCheck = 0;
  var end;
  for (var i = 0; i < qs.length; ++i) {
    var code = qs.charCodeAt(i);
    if (code === sepCodes[sepIdx]) {
      if (++sepIdx === sepLen) {
        end = i - sepIdx + 1;
        if (eqIdx < eqLen) {
          if (lastPos < end) {
            key += qs.slice(lastPos, end);
          } else if (key.length === 0) {
            if (--pairs === 0) return obj;
            lastPos = i + 1;
            sepIdx = eqIdx = 0;
            continue;
          }
        } else if (lastPos < end) {
          value += qs.slice(lastPos, end);
        }
        addKeyVal(obj, key, value, keyEncoded, valEncoded, decode);
        if (--pairs === 0) return obj;
        keyEncoded = valEncoded = customDecode;
        key = value = '';
        encodeCheck = 0;
        lastPos = i + 1;
        sepIdx = eqIdx = 0;
      }
    } else {
      sepIdx = 0;
      if (eqIdx < eqLen) {
        if (code === eqCodes[eqIdx]) {
          if (++eqIdx === eqLen) {
            end = i - eqIdx + 1;
            if (lastPos < end) key += qs.slice(lastPos, end);
            encodeCheck = 0;
            lastPos = i + 1;
          }
          continue;
        } else {
          eqIdx = 0;
          if (!keyEncoded) {
            if (code === 37) {
              encodeCheck = 1;
              continue;
            } else if (encodeCheck > 0) {
              if (isHex(code)) {
                if (++encodeCheck === 3) keyEncoded = true;
                continue;
              } else {
                encodeCheck = 0;
              }
            }
          }
        }
        if (code === 43) {
          if (lastPos < i) key += qs.slice(lastPos, i);
          key += plusChar;
          lastPos = i + 1;
          continue;
        }
      }
      if (code === 43) {
        if (lastPos < i) value += qs.slice(lastPos, i);
        value += plusChar;
        lastPos = i + 1;
      } else if (!valEncoded) {
        if (code === 37) {
          encodeCheck = 1;
        } else if (encodeCheck > 0) {
          if (isHex(code)) {
            if (++encodeCheck === 3) valEncoded = true;
          } else {
            encodeCheck = 0;
          }
        }
      }
    }
  }

  if (lastPos < qs.length) {
    if (eqIdx < eqLen) key += qs.slice(lastPos);
    else if (sepIdx < sepLen) value += qs.slice(lastPos);
  } else if (eqIdx === 0 && key.length === 0) {
    return obj;
  }
  addKeyVal(obj, key, value, keyEncoded, valEncoded, decode);
  return obj;
}

exports.unescapeBuffer = unescapeBuffer;
exports.unescape = qsUnescape;
exports.escape = qsEscape;
exports.stringify = stringify;
exports.encode = stringify;
exports.parse = parse;
exports.decode = parse;
/* Shared with url.js. */
Object.defineProperty(exports, '_internal', {
  value: { encodeStr: encodeStr, hexTable: hexTable, utf8Decode: utf8Decode },
  enumerable: false
});
