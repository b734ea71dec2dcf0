/*
 * internal/url — the WHATWG URL Standard: the basic URL parser (with state
 * overrides for the setters), host parsing (domains, IPv4 number forms,
 * IPv6, opaque hosts), serialisation, URL and URLSearchParams.
 *
 * Layer: stdlib (pure ES5). Input strings are converted to USVStrings
 * (lone surrogates become U+FFFD) before parsing, as WebIDL requires.
 * XXX: domains are lower-cased and non-ASCII labels punycode-encoded, but
 * the full UTS #46 mapping (IDNA) is not applied.
 */
'use strict';

var errors = require('internal/errors');
var codes = errors.codes;

var hasSymbol = typeof Symbol === 'function';
var inspectCustom = hasSymbol ? Symbol['for']('nodejs.util.inspect.custom') : 'inspect';

/* ---------------------------------------------------------------- helpers */

function toUSVString(v) {
  var str = '' + v;
  var out = '';
  var last = 0;
  for (var i = 0; i < str.length; i++) {
    var c = str.charCodeAt(i);
    if (c >= 0xD800 && c <= 0xDFFF) {
      if (c <= 0xDBFF && i + 1 < str.length) {
        var n = str.charCodeAt(i + 1);
        if (n >= 0xDC00 && n <= 0xDFFF) { i++; continue; }
      }
      out += str.slice(last, i) + '\ufffd';
      last = i + 1;
    }
  }
  return last === 0 ? str : out + str.slice(last);
}

var HEX = '0123456789ABCDEF';
function pctByte(b) { return '%' + HEX[b >> 4] + HEX[b & 15]; }

/* UTF-8 bytes of one code point. */
function utf8Bytes(cp) {
  if (cp < 0x80) return [cp];
  if (cp < 0x800) return [0xC0 | (cp >> 6), 0x80 | (cp & 63)];
  if (cp < 0x10000) return [0xE0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63)];
  return [0xF0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63)];
}

function inC0Control(c) { return c < 0x20 || c > 0x7E; }
function inFragmentSet(c) { return inC0Control(c) || c === 0x20 || c === 0x22 || c === 0x3C || c === 0x3E || c === 0x60; }
function inQuerySet(c) { return inC0Control(c) || c === 0x20 || c === 0x22 || c === 0x23 || c === 0x3C || c === 0x3E; }
function inSpecialQuerySet(c) { return inQuerySet(c) || c === 0x27; }
function inPathSet(c) { return inQuerySet(c) || c === 0x3F || c === 0x60 || c === 0x7B || c === 0x7D; }
function inUserinfoSet(c) {
  return inPathSet(c) || c === 0x2F || c === 0x3A || c === 0x3B || c === 0x3D || c === 0x40 ||
    (c >= 0x5B && c <= 0x5E) || c === 0x7C;
}

/* Percent-encode one code point (given as a string of 1-2 code units). */
function pctEncodeChar(ch, inSet) {
  var cp = ch.codePointAt ? ch.codePointAt(0) : ch.charCodeAt(0);
  if (ch.length === 2 && !ch.codePointAt) {
    cp = 0x10000 + ((ch.charCodeAt(0) - 0xD800) << 10) + (ch.charCodeAt(1) - 0xDC00);
  }
  if (cp < 0x80 && !inSet(cp)) return ch;
  var bytes = utf8Bytes(cp);
  var out = '';
  for (var i = 0; i < bytes.length; i++) out += pctByte(bytes[i]);
  return out;
}

function pctEncodeString(s, inSet) {
  var out = '';
  for (var i = 0; i < s.length; i++) {
    var c = s.charCodeAt(i);
    if (c < 0x80) {
      out += inSet(c) ? pctByte(c) : s[i];
    } else if (c >= 0xD800 && c <= 0xDBFF && i + 1 < s.length) {
      out += pctEncodeChar(s.slice(i, i + 2), inSet);
      i++;
    } else {
      out += pctEncodeChar(s[i], inSet);
    }
  }
  return out;
}

function hexVal(c) {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

/* Percent-decode to a byte array (string → UTF-8 bytes first). */
function pctDecodeBytes(s) {
  var bytes = [];
  for (var i = 0; i < s.length; i++) {
    var c = s.charCodeAt(i);
    if (c === 37 && i + 2 < s.length + 0 && hexVal(s.charCodeAt(i + 1)) >= 0 &&
        hexVal(s.charCodeAt(i + 2)) >= 0) {
      bytes.push(hexVal(s.charCodeAt(i + 1)) * 16 + hexVal(s.charCodeAt(i + 2)));
      i += 2;
    } else if (c < 0x80) {
      bytes.push(c);
    } else {
      var cp = c;
      if (c >= 0xD800 && c <= 0xDBFF && i + 1 < s.length) {
        cp = 0x10000 + ((c - 0xD800) << 10) + (s.charCodeAt(i + 1) - 0xDC00);
        i++;
      }
      var b = utf8Bytes(cp);
      for (var k = 0; k < b.length; k++) bytes.push(b[k]);
    }
  }
  return bytes;
}

var utf8Decode = require('querystring')._internal.utf8Decode;

/* ------------------------------------------------------------------ hosts */

function isForbiddenHostCP(c) {
  return c === 0 || c === 9 || c === 0xA || c === 0xD || c === 0x20 || c === 0x23 ||
    c === 0x2F || c === 0x3A || c === 0x3C || c === 0x3E || c === 0x3F || c === 0x40 ||
    c === 0x5B || c === 0x5C || c === 0x5D || c === 0x5E || c === 0x7C;
}
function isForbiddenDomainCP(c) {
  return isForbiddenHostCP(c) || c <= 0x1F || c === 0x25 || c === 0x7F;
}

var FAILURE = {};

function parseIPv4Number(s) {
  if (s === '') return FAILURE;
  var R = 10;
  if (s.length >= 2 && s[0] === '0' && (s[1] === 'x' || s[1] === 'X')) {
    s = s.slice(2);
    R = 16;
  } else if (s.length >= 2 && s[0] === '0') {
    s = s.slice(1);
    R = 8;
  }
  if (s === '') return 0;
  var re = R === 10 ? /^[0-9]+$/ : R === 16 ? /^[0-9a-fA-F]+$/ : /^[0-7]+$/;
  if (!re.test(s)) return FAILURE;
  return parseInt(s, R);
}

function endsInANumber(input) {
  var parts = input.split('.');
  if (parts[parts.length - 1] === '') {
    if (parts.length === 1) return false;
    parts.pop();
  }
  var last = parts[parts.length - 1];
  if (last !== '' && /^[0-9]+$/.test(last)) return true;
  return parseIPv4Number(last) !== FAILURE;
}

function parseIPv4(input) {
  var parts = input.split('.');
  if (parts[parts.length - 1] === '' && parts.length > 1) parts.pop();
  if (parts.length > 4) return FAILURE;
  var numbers = [];
  for (var i = 0; i < parts.length; i++) {
    var n = parseIPv4Number(parts[i]);
    if (n === FAILURE) return FAILURE;
    numbers.push(n);
  }
  for (i = 0; i < numbers.length - 1; i++) if (numbers[i] > 255) return FAILURE;
  if (numbers[numbers.length - 1] >= Math.pow(256, 5 - numbers.length)) return FAILURE;
  var ipv4 = numbers[numbers.length - 1];
  for (i = 0; i < numbers.length - 1; i++) ipv4 += numbers[i] * Math.pow(256, 3 - i);
  return ipv4;
}

function serializeIPv4(n) {
  var out = [];
  for (var i = 0; i < 4; i++) {
    out.unshift(String(n % 256));
    n = Math.floor(n / 256);
  }
  return out.join('.');
}

function parseIPv6(input) {
  var address = [0, 0, 0, 0, 0, 0, 0, 0];
  var pieceIndex = 0;
  var compress = null;
  var pointer = 0;
  var c = function () { return pointer < input.length ? input.charCodeAt(pointer) : NaN; };
  var isHexC = function (x) { return hexVal(x) >= 0; };
  if (c() === 58) {
    if (input.charCodeAt(pointer + 1) !== 58) return FAILURE;
    pointer += 2;
    pieceIndex++;
    compress = pieceIndex;
  }
  while (pointer < input.length) {
    if (pieceIndex === 8) return FAILURE;
    if (c() === 58) {
      if (compress !== null) return FAILURE;
      pointer++;
      pieceIndex++;
      compress = pieceIndex;
      continue;
    }
    var value = 0;
    var length = 0;
    while (length < 4 && isHexC(c())) {
      value = value * 16 + hexVal(c());
      pointer++;
      length++;
    }
    if (c() === 46) {
      if (length === 0) return FAILURE;
      pointer -= length;
      if (pieceIndex > 6) return FAILURE;
      var numbersSeen = 0;
      while (pointer < input.length) {
        var ipv4Piece = null;
        if (numbersSeen > 0) {
          if (c() === 46 && numbersSeen < 4) pointer++;
          else return FAILURE;
        }
        if (!(c() >= 48 && c() <= 57)) return FAILURE;
        while (c() >= 48 && c() <= 57) {
          var number = c() - 48;
          if (ipv4Piece === null) ipv4Piece = number;
          else if (ipv4Piece === 0) return FAILURE;
          else ipv4Piece = ipv4Piece * 10 + number;
          if (ipv4Piece > 255) return FAILURE;
          pointer++;
        }
        address[pieceIndex] = address[pieceIndex] * 0x100 + ipv4Piece;
        numbersSeen++;
        if (numbersSeen === 2 || numbersSeen === 4) pieceIndex++;
      }
      if (numbersSeen !== 4) return FAILURE;
      break;
    } else if (c() === 58) {
      pointer++;
      if (pointer >= input.length) return FAILURE;
    } else if (pointer < input.length) {
      return FAILURE;
    }
    address[pieceIndex] = value;
    pieceIndex++;
  }
  if (compress !== null) {
    var swaps = pieceIndex - compress;
    pieceIndex = 7;
    while (pieceIndex !== 0 && swaps > 0) {
      var tmp = address[compress + swaps - 1];
      address[compress + swaps - 1] = address[pieceIndex];
      address[pieceIndex] = tmp;
      pieceIndex--;
      swaps--;
    }
  } else if (pieceIndex !== 8) {
    return FAILURE;
  }
  return address;
}

function serializeIPv6(address) {
  var bestStart = -1;
  var bestLen = 1;
  var i;
  for (i = 0; i < 8; i++) {
    if (address[i] !== 0) continue;
    var j = i;
    while (j < 8 && address[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  var out = '';
  var ignore0 = false;
  for (i = 0; i < 8; i++) {
    if (ignore0 && address[i] === 0) continue;
    ignore0 = false;
    if (bestStart === i) {
      out += i === 0 ? '::' : ':';
      ignore0 = true;
      continue;
    }
    out += address[i].toString(16);
    if (i !== 7) out += ':';
  }
  return out;
}

/* Punycode (RFC 3492) encoding of one label. */
function punycodeEncode(input) {
  var cps = [];
  for (var i = 0; i < input.length; i++) {
    var c = input.charCodeAt(i);
    if (c >= 0xD800 && c <= 0xDBFF && i + 1 < input.length) {
      c = 0x10000 + ((c - 0xD800) << 10) + (input.charCodeAt(i + 1) - 0xDC00);
      i++;
    }
    cps.push(c);
  }
  var base = 36, tMin = 1, tMax = 26, skew = 38, damp = 700;
  var n = 128, delta = 0, bias = 72;
  var output = '';
  for (i = 0; i < cps.length; i++) if (cps[i] < 128) output += String.fromCharCode(cps[i]);
  var b = output.length;
  var h = b;
  if (b > 0) output += '-';
  var digit = function (d) { return String.fromCharCode(d < 26 ? d + 97 : d + 22); };
  var adapt = function (d, numPoints, first) {
    var k = 0;
    d = first ? Math.floor(d / damp) : d >> 1;
    d += Math.floor(d / numPoints);
    for (; d > ((base - tMin) * tMax) >> 1; k += base) d = Math.floor(d / (base - tMin));
    return k + Math.floor((base - tMin + 1) * d / (d + skew));
  };
  while (h < cps.length) {
    var m = 0x7FFFFFFF;
    for (i = 0; i < cps.length; i++) if (cps[i] >= n && cps[i] < m) m = cps[i];
    delta += (m - n) * (h + 1);
    n = m;
    for (i = 0; i < cps.length; i++) {
      if (cps[i] < n) delta++;
      if (cps[i] === n) {
        var q = delta;
        for (var k = base; ; k += base) {
          var t = k <= bias ? tMin : (k >= bias + tMax ? tMax : k - bias);
          if (q < t) break;
          output += digit(t + (q - t) % (base - t));
          q = Math.floor((q - t) / (base - t));
        }
        output += digit(q);
        bias = adapt(delta, h + 1, h === b);
        delta = 0;
        h++;
      }
    }
    delta++;
    n++;
  }
  return output;
}

function domainToASCIIInternal(domain) {
  /* XXX: no UTS #46 mapping beyond lower-casing and dot variants. */
  domain = domain.replace(/[\u3002\uFF0E\uFF61]/g, '.').toLowerCase();
  if (!/[^\x00-\x7F]/.test(domain)) return domain;
  var labels = domain.split('.');
  for (var i = 0; i < labels.length; i++) {
    if (/[^\x00-\x7F]/.test(labels[i])) {
      if (labels[i].slice(0, 4) === 'xn--') return '';
      labels[i] = 'xn--' + punycodeEncode(labels[i]);
    }
  }
  return labels.join('.');
}

function parseOpaqueHost(input) {
  for (var i = 0; i < input.length; i++) {
    var c = input.charCodeAt(i);
    if (c !== 0x25 && isForbiddenHostCP(c)) return FAILURE;
  }
  return pctEncodeString(input, inC0Control);
}

function parseHost(input, isNotSpecial) {
  if (input[0] === '[') {
    if (input[input.length - 1] !== ']') return FAILURE;
    var v6 = parseIPv6(input.slice(1, -1));
    if (v6 === FAILURE) return FAILURE;
    return '[' + serializeIPv6(v6) + ']';
  }
  if (isNotSpecial) return parseOpaqueHost(input);
  var domain = utf8Decode(pctDecodeBytes(input));
  var asciiDomain = domainToASCIIInternal(domain);
  if (asciiDomain === '') return FAILURE;
  for (var i = 0; i < asciiDomain.length; i++) {
    if (isForbiddenDomainCP(asciiDomain.charCodeAt(i))) return FAILURE;
  }
  if (endsInANumber(asciiDomain)) {
    var v4 = parseIPv4(asciiDomain);
    if (v4 === FAILURE) return FAILURE;
    return serializeIPv4(v4);
  }
  return asciiDomain;
}

/* ----------------------------------------------------------------- parser */

var specialSchemes = { 'ftp': 21, 'file': null, 'http': 80, 'https': 443, 'ws': 80, 'wss': 443 };
function isSpecialScheme(s) { return Object.prototype.hasOwnProperty.call(specialSchemes, s); }
function defaultPort(s) { return isSpecialScheme(s) ? specialSchemes[s] : null; }

function newRecord() {
  return {
    scheme: '', username: '', password: '', host: null, port: null,
    path: [], opaque: false, query: null, fragment: null
  };
}

function isAlpha(c) { return (c >= 65 && c <= 90) || (c >= 97 && c <= 122); }
function isDigit(c) { return c >= 48 && c <= 57; }

function isWindowsDriveLetter(s, normalizedOnly) {
  return s.length === 2 && isAlpha(s.charCodeAt(0)) &&
    (s[1] === ':' || (!normalizedOnly && s[1] === '|'));
}
function startsWithWindowsDriveLetter(input, p) {
  if (input.length - p < 2) return false;
  if (!isAlpha(input.charCodeAt(p)) || (input[p + 1] !== ':' && input[p + 1] !== '|')) return false;
  if (input.length - p === 2) return true;
  var c = input[p + 2];
  return c === '/' || c === '\\' || c === '?' || c === '#';
}
function shortenPath(url) {
  var path = url.path;
  if (url.scheme === 'file' && path.length === 1 && isWindowsDriveLetter(path[0], true)) return;
  path.pop();
}
function isSingleDot(s) { return s === '.' || s.toLowerCase() === '%2e'; }
function isDoubleDot(s) {
  s = s.toLowerCase();
  return s === '..' || s === '.%2e' || s === '%2e.' || s === '%2e%2e';
}

/* The basic URL parser. Returns a record or FAILURE; with a state override
 * it edits `url` in place and returns undefined (or FAILURE). */
function basicParse(input, base, url, stateOverride) {
  var i;
  if (!url) {
    url = newRecord();
    input = input.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
  }
  input = input.replace(/[\t\n\r]/g, '');
  var state = stateOverride || 'scheme start';
  var buffer = '';
  var atSignSeen = false;
  var insideBrackets = false;
  var passwordTokenSeen = false;
  var pointer = 0;
  var len = input.length;

  for (; pointer <= len; pointer++) {
    var ch = pointer < len ? input[pointer] : '';
    var c = pointer < len ? input.charCodeAt(pointer) : -1;
    var eof = pointer >= len;
    switch (state) {
      case 'scheme start':
        if (!eof && isAlpha(c)) {
          buffer += ch.toLowerCase();
          state = 'scheme';
        } else if (!stateOverride) {
          state = 'no scheme';
          pointer--;
        } else {
          return FAILURE;
        }
        break;

      case 'scheme':
        if (!eof && (isAlpha(c) || isDigit(c) || ch === '+' || ch === '-' || ch === '.')) {
          buffer += ch.toLowerCase();
        } else if (ch === ':') {
          if (stateOverride) {
            if (isSpecialScheme(url.scheme) !== isSpecialScheme(buffer)) return undefined;
            if ((url.username !== '' || url.password !== '' || url.port !== null) && buffer === 'file') return undefined;
            if (url.scheme === 'file' && url.host === '') return undefined;
          }
          url.scheme = buffer;
          if (stateOverride) {
            if (url.port === defaultPort(url.scheme)) url.port = null;
            return undefined;
          }
          buffer = '';
          if (url.scheme === 'file') {
            state = 'file';
          } else if (isSpecialScheme(url.scheme) && base && base.scheme === url.scheme) {
            state = 'special relative or authority';
          } else if (isSpecialScheme(url.scheme)) {
            state = 'special authority slashes';
          } else if (input[pointer + 1] === '/') {
            state = 'path or authority';
            pointer++;
          } else {
            url.opaque = true;
            url.path = '';
            state = 'opaque path';
          }
        } else if (!stateOverride) {
          buffer = '';
          state = 'no scheme';
          pointer = -1;
        } else {
          return FAILURE;
        }
        break;

      case 'no scheme':
        if (!base || (base.opaque && ch !== '#')) return FAILURE;
        if (base.opaque && ch === '#') {
          url.scheme = base.scheme;
          url.path = base.path;
          url.opaque = true;
          url.query = base.query;
          url.fragment = '';
          state = 'fragment';
        } else if (base.scheme !== 'file') {
          state = 'relative';
          pointer--;
        } else {
          state = 'file';
          pointer--;
        }
        break;

      case 'special relative or authority':
        if (ch === '/' && input[pointer + 1] === '/') {
          state = 'special authority ignore slashes';
          pointer++;
        } else {
          state = 'relative';
          pointer--;
        }
        break;

      case 'path or authority':
        if (ch === '/') {
          state = 'authority';
        } else {
          state = 'path';
          pointer--;
        }
        break;

      case 'relative':
        url.scheme = base.scheme;
        if (ch === '/') {
          state = 'relative slash';
        } else if (isSpecialScheme(url.scheme) && ch === '\\') {
          state = 'relative slash';
        } else {
          url.username = base.username;
          url.password = base.password;
          url.host = base.host;
          url.port = base.port;
          url.path = base.path.slice();
          url.query = base.query;
          if (ch === '?') {
            url.query = '';
            state = 'query';
          } else if (ch === '#') {
            url.fragment = '';
            state = 'fragment';
          } else if (!eof) {
            url.query = null;
            shortenPath(url);
            state = 'path';
            pointer--;
          }
        }
        break;

      case 'relative slash':
        if (isSpecialScheme(url.scheme) && (ch === '/' || ch === '\\')) {
          state = 'special authority ignore slashes';
        } else if (ch === '/') {
          state = 'authority';
        } else {
          url.username = base.username;
          url.password = base.password;
          url.host = base.host;
          url.port = base.port;
          state = 'path';
          pointer--;
        }
        break;

      case 'special authority slashes':
        if (ch === '/' && input[pointer + 1] === '/') {
          state = 'special authority ignore slashes';
          pointer++;
        } else {
          state = 'special authority ignore slashes';
          pointer--;
        }
        break;

      case 'special authority ignore slashes':
        if (ch !== '/' && ch !== '\\') {
          state = 'authority';
          pointer--;
        }
        break;

      case 'authority':
        if (ch === '@') {
          if (atSignSeen) buffer = '%40' + buffer;
          atSignSeen = true;
          for (i = 0; i < buffer.length; i++) {
            var bc = buffer[i];
            if (bc === ':' && !passwordTokenSeen) {
              passwordTokenSeen = true;
              continue;
            }
            var enc = bc;
            var bcode = buffer.charCodeAt(i);
            if (bcode >= 0xD800 && bcode <= 0xDBFF && i + 1 < buffer.length) {
              enc = buffer.slice(i, i + 2);
              i++;
            }
            enc = pctEncodeChar(enc, inUserinfoSet);
            if (passwordTokenSeen) url.password += enc;
            else url.username += enc;
          }
          buffer = '';
        } else if (eof || ch === '/' || ch === '?' || ch === '#' ||
                   (isSpecialScheme(url.scheme) && ch === '\\')) {
          if (atSignSeen && buffer === '') return FAILURE;
          pointer -= buffer.length + 1;
          buffer = '';
          state = 'host';
        } else {
          buffer += ch;
        }
        break;

      case 'host':
      case 'hostname':
        if (stateOverride && url.scheme === 'file') {
          pointer--;
          state = 'file host';
        } else if (ch === ':' && !insideBrackets) {
          if (buffer === '') return FAILURE;
          if (stateOverride === 'hostname') return FAILURE;
          var host = parseHost(buffer, !isSpecialScheme(url.scheme));
          if (host === FAILURE) return FAILURE;
          url.host = host;
          buffer = '';
          state = 'port';
        } else if (eof || ch === '/' || ch === '?' || ch === '#' ||
                   (isSpecialScheme(url.scheme) && ch === '\\')) {
          pointer--;
          if (isSpecialScheme(url.scheme) && buffer === '') return FAILURE;
          if (stateOverride && buffer === '' &&
              (url.username !== '' || url.password !== '' || url.port !== null)) {
            return FAILURE;
          }
          var host2 = parseHost(buffer, !isSpecialScheme(url.scheme));
          if (host2 === FAILURE) return FAILURE;
          url.host = host2;
          buffer = '';
          state = 'path start';
          if (stateOverride) return undefined;
        } else {
          if (ch === '[') insideBrackets = true;
          if (ch === ']') insideBrackets = false;
          buffer += ch;
        }
        break;

      case 'port':
        if (!eof && isDigit(c)) {
          buffer += ch;
        } else if (eof || ch === '/' || ch === '?' || ch === '#' ||
                   (isSpecialScheme(url.scheme) && ch === '\\') || stateOverride) {
          if (buffer !== '') {
            var port = parseInt(buffer, 10);
            if (port > 65535) return FAILURE;
            url.port = port === defaultPort(url.scheme) ? null : port;
            buffer = '';
            if (stateOverride) return undefined;
          }
          if (stateOverride) return FAILURE;
          state = 'path start';
          pointer--;
        } else {
          return FAILURE;
        }
        break;

      case 'file':
        url.scheme = 'file';
        url.host = '';
        if (ch === '/' || ch === '\\') {
          state = 'file slash';
        } else if (base && base.scheme === 'file') {
          url.host = base.host;
          url.path = base.path.slice();
          url.query = base.query;
          if (ch === '?') {
            url.query = '';
            state = 'query';
          } else if (ch === '#') {
            url.fragment = '';
            state = 'fragment';
          } else if (!eof) {
            url.query = null;
            if (!startsWithWindowsDriveLetter(input, pointer)) shortenPath(url);
            else url.path = [];
            state = 'path';
            pointer--;
          }
        } else {
          state = 'path';
          pointer--;
        }
        break;

      case 'file slash':
        if (ch === '/' || ch === '\\') {
          state = 'file host';
        } else {
          if (base && base.scheme === 'file') {
            url.host = base.host;
            if (!startsWithWindowsDriveLetter(input, pointer) &&
                base.path.length > 0 && isWindowsDriveLetter(base.path[0], true)) {
              url.path.push(base.path[0]);
            }
          }
          state = 'path';
          pointer--;
        }
        break;

      case 'file host':
        if (eof || ch === '/' || ch === '\\' || ch === '?' || ch === '#') {
          pointer--;
          if (!stateOverride && isWindowsDriveLetter(buffer, false)) {
            state = 'path';
          } else if (buffer === '') {
            url.host = '';
            if (stateOverride) return undefined;
            state = 'path start';
          } else {
            var fhost = parseHost(buffer, false);
            if (fhost === FAILURE) return FAILURE;
            if (fhost === 'localhost') fhost = '';
            url.host = fhost;
            if (stateOverride) return undefined;
            buffer = '';
            state = 'path start';
          }
        } else {
          buffer += ch;
        }
        break;

      case 'path start':
        if (isSpecialScheme(url.scheme)) {
          state = 'path';
          if (ch !== '/' && ch !== '\\') pointer--;
        } else if (!stateOverride && ch === '?') {
          url.query = '';
          state = 'query';
        } else if (!stateOverride && ch === '#') {
          url.fragment = '';
          state = 'fragment';
        } else if (!eof) {
          state = 'path';
          if (ch !== '/') pointer--;
        } else if (stateOverride && url.host === null) {
          url.path.push('');
        }
        break;

      case 'path':
        if (eof || ch === '/' || (isSpecialScheme(url.scheme) && ch === '\\') ||
            (!stateOverride && (ch === '?' || ch === '#'))) {
          if (isDoubleDot(buffer)) {
            shortenPath(url);
            if (ch !== '/' && !(isSpecialScheme(url.scheme) && ch === '\\')) url.path.push('');
          } else if (isSingleDot(buffer) && ch !== '/' &&
                     !(isSpecialScheme(url.scheme) && ch === '\\')) {
            url.path.push('');
          } else if (!isSingleDot(buffer)) {
            if (url.scheme === 'file' && url.path.length === 0 && isWindowsDriveLetter(buffer, false)) {
              buffer = buffer[0] + ':';
            }
            url.path.push(buffer);
          }
          buffer = '';
          if (ch === '?') {
            url.query = '';
            state = 'query';
          }
          if (ch === '#') {
            url.fragment = '';
            state = 'fragment';
          }
        } else {
          if (c >= 0xD800 && c <= 0xDBFF && pointer + 1 < len) {
            buffer += pctEncodeChar(input.slice(pointer, pointer + 2), inPathSet);
            pointer++;
          } else {
            buffer += pctEncodeChar(ch, inPathSet);
          }
        }
        break;

      case 'opaque path':
        if (ch === '?') {
          url.query = '';
          state = 'query';
        } else if (ch === '#') {
          url.fragment = '';
          state = 'fragment';
        } else if (!eof) {
          if (c >= 0xD800 && c <= 0xDBFF && pointer + 1 < len) {
            url.path += pctEncodeChar(input.slice(pointer, pointer + 2), inC0Control);
            pointer++;
          } else {
            url.path += pctEncodeChar(ch, inC0Control);
          }
        }
        break;

      case 'query':
        if ((!stateOverride && ch === '#') || eof) {
          url.query += pctEncodeString(buffer,
            isSpecialScheme(url.scheme) ? inSpecialQuerySet : inQuerySet);
          buffer = '';
          if (ch === '#') {
            url.fragment = '';
            state = 'fragment';
          }
        } else {
          buffer += ch;
        }
        break;

      case 'fragment':
        if (!eof) {
          if (c >= 0xD800 && c <= 0xDBFF && pointer + 1 < len) {
            url.fragment += pctEncodeChar(input.slice(pointer, pointer + 2), inFragmentSet);
            pointer++;
          } else {
            url.fragment += pctEncodeChar(ch, inFragmentSet);
          }
        }
        break;
    }
  }
  return stateOverride ? undefined : url;
}

function serializePath(url) {
  if (url.opaque) return url.path;
  var out = '';
  for (var i = 0; i < url.path.length; i++) out += '/' + url.path[i];
  return out;
}

function serializeHostPort(url) {
  return url.host + (url.port !== null ? ':' + url.port : '');
}

function serialize(url, excludeFragment) {
  var out = url.scheme + ':';
  if (url.host !== null) {
    out += '//';
    if (url.username !== '' || url.password !== '') {
      out += url.username;
      if (url.password !== '') out += ':' + url.password;
      out += '@';
    }
    out += serializeHostPort(url);
  } else if (!url.opaque && url.path.length > 1 && url.path[0] === '') {
    out += '/.';
  }
  out += serializePath(url);
  if (url.query !== null) out += '?' + url.query;
  if (!excludeFragment && url.fragment !== null) out += '#' + url.fragment;
  return out;
}

function cannotHaveUsernamePasswordPort(url) {
  return url.host === null || url.host === '' || url.scheme === 'file';
}

/* ------------------------------------------------------- urlencoded forms */

function formEncode(s) {
  var out = '';
  for (var i = 0; i < s.length; i++) {
    var c = s.charCodeAt(i);
    if (c === 0x20) out += '+';
    else if (c === 0x2A || c === 0x2D || c === 0x2E || c === 0x5F ||
             (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) out += s[i];
    else if (c < 0x80) out += pctByte(c);
    else {
      var cp = c;
      if (c >= 0xD800 && c <= 0xDBFF && i + 1 < s.length) {
        cp = 0x10000 + ((c - 0xD800) << 10) + (s.charCodeAt(i + 1) - 0xDC00);
        i++;
      }
      var b = utf8Bytes(cp);
      for (var k = 0; k < b.length; k++) out += pctByte(b[k]);
    }
  }
  return out;
}

function formDecode(s) {
  return utf8Decode(pctDecodeBytes(s.replace(/\+/g, ' ')));
}

function parseParams(qs) {
  var out = [];
  if (qs[0] === '?') qs = qs.slice(1);
  var seqs = qs.split('&');
  for (var i = 0; i < seqs.length; i++) {
    var seq = seqs[i];
    if (seq === '') continue;
    var eq = seq.indexOf('=');
    var name = eq === -1 ? seq : seq.slice(0, eq);
    var value = eq === -1 ? '' : seq.slice(eq + 1);
    out.push(formDecode(name), formDecode(value));
  }
  return out;
}

function serializeParams(list) {
  var out = '';
  for (var i = 0; i < list.length; i += 2) {
    if (i) out += '&';
    out += formEncode(list[i]) + '=' + formEncode(list[i + 1]);
  }
  return out;
}

/* --------------------------------------------------------------------- URL */

function invalidURL(input, base) {
  var err = codes.ERR_INVALID_URL();
  err.input = input;
  if (base !== undefined) err.base = base;
  return err;
}

var kContext = hasSymbol ? Symbol('context') : '__urlContext';
var kParams = hasSymbol ? Symbol('query') : '__urlQuery';
var kList = hasSymbol ? Symbol('searchParams') : '__searchParamsList';
var kOwner = hasSymbol ? Symbol('context') : '__searchParamsOwner';

function parseWithBase(input, base) {
  var baseRec = null;
  if (base !== undefined) {
    baseRec = basicParse(toUSVString(base), null);
    if (baseRec === FAILURE) return FAILURE;
  }
  return basicParse(toUSVString(input), baseRec);
}

function URL(input, base) {
  if (!(this instanceof URL)) throw new TypeError("Class constructor URL cannot be invoked without 'new'");
  if (arguments.length === 0) throw codes.ERR_MISSING_ARGS('url');
  input = '' + input;
  if (base !== undefined) base = '' + base;
  var rec = parseWithBase(input, base);
  if (rec === FAILURE) throw invalidURL(input, base);
  Object.defineProperty(this, kContext, { value: rec, writable: true });
  Object.defineProperty(this, kParams, { value: null, writable: true });
}

function ctx(self) {
  if (!(self instanceof URL) || !self[kContext]) throw codes.ERR_INVALID_THIS('URL');
  return self[kContext];
}

function syncParams(self) {
  var p = self[kParams];
  if (p) p[kList] = self[kContext].query ? parseParams(self[kContext].query) : [];
}

URL.canParse = function canParse(input, base) {
  if (arguments.length === 0) throw codes.ERR_MISSING_ARGS('url');
  return parseWithBase('' + input, base === undefined ? undefined : '' + base) !== FAILURE;
};

function accessor(name, get, set) {
  var d = { enumerable: true, configurable: true, get: get };
  if (set) d.set = set;
  Object.defineProperty(URL.prototype, name, d);
}

accessor('href', function () { return serialize(ctx(this)); }, function (value) {
  ctx(this);
  value = toUSVString(value);
  var rec = basicParse(value, null);
  if (rec === FAILURE) throw invalidURL(value);
  this[kContext] = rec;
  syncParams(this);
});

accessor('origin', function () {
  var url = ctx(this);
  if (url.scheme === 'blob') {
    var inner = basicParse(serializePath(url), null);
    if (inner !== FAILURE && (inner.scheme === 'http' || inner.scheme === 'https')) {
      return inner.scheme + '://' + serializeHostPort(inner);
    }
    return 'null';
  }
  if (url.scheme === 'ftp' || url.scheme === 'http' || url.scheme === 'https' ||
      url.scheme === 'ws' || url.scheme === 'wss') {
    return url.scheme + '://' + serializeHostPort(url);
  }
  return 'null';
});

accessor('protocol', function () { return ctx(this).scheme + ':'; }, function (value) {
  var url = ctx(this);
  basicParse(toUSVString(value) + ':', null, url, 'scheme start');
});

accessor('username', function () { return ctx(this).username; }, function (value) {
  var url = ctx(this);
  if (cannotHaveUsernamePasswordPort(url)) return;
  url.username = pctEncodeString(toUSVString(value), inUserinfoSet);
});

accessor('password', function () { return ctx(this).password; }, function (value) {
  var url = ctx(this);
  if (cannotHaveUsernamePasswordPort(url)) return;
  url.password = pctEncodeString(toUSVString(value), inUserinfoSet);
});

accessor('host', function () {
  var url = ctx(this);
  return url.host === null ? '' : serializeHostPort(url);
}, function (value) {
  var url = ctx(this);
  if (url.opaque) return;
  var copy = JSON.parse(JSON.stringify(url));
  if (basicParse(toUSVString(value), null, copy, 'host') !== FAILURE) this[kContext] = copy;
});

accessor('hostname', function () {
  var url = ctx(this);
  return url.host === null ? '' : url.host;
}, function (value) {
  var url = ctx(this);
  if (url.opaque) return;
  var copy = JSON.parse(JSON.stringify(url));
  if (basicParse(toUSVString(value), null, copy, 'hostname') !== FAILURE) this[kContext] = copy;
});

accessor('port', function () {
  var url = ctx(this);
  return url.port === null ? '' : String(url.port);
}, function (value) {
  var url = ctx(this);
  if (cannotHaveUsernamePasswordPort(url)) return;
  value = toUSVString(value);
  if (value === '') {
    url.port = null;
  } else {
    var copy = JSON.parse(JSON.stringify(url));
    if (basicParse(value, null, copy, 'port') !== FAILURE) this[kContext] = copy;
  }
});

accessor('pathname', function () { return serializePath(ctx(this)); }, function (value) {
  var url = ctx(this);
  if (url.opaque) return;
  url.path = [];
  basicParse(toUSVString(value), null, url, 'path start');
});

accessor('search', function () {
  var url = ctx(this);
  return url.query === null || url.query === '' ? '' : '?' + url.query;
}, function (value) {
  var url = ctx(this);
  value = toUSVString(value);
  if (value === '') {
    url.query = null;
    syncParams(this);
    return;
  }
  if (value[0] === '?') value = value.slice(1);
  url.query = '';
  basicParse(value, null, url, 'query');
  syncParams(this);
});

accessor('searchParams', function () {
  ctx(this);
  if (!this[kParams]) {
    var p = new URLSearchParams();
    p[kOwner] = this;
    p[kList] = this[kContext].query ? parseParams(this[kContext].query) : [];
    this[kParams] = p;
  }
  return this[kParams];
});

accessor('hash', function () {
  var url = ctx(this);
  return url.fragment === null || url.fragment === '' ? '' : '#' + url.fragment;
}, function (value) {
  var url = ctx(this);
  value = toUSVString(value);
  if (value === '') {
    url.fragment = null;
    return;
  }
  if (value[0] === '#') value = value.slice(1);
  url.fragment = '';
  basicParse(value, null, url, 'fragment');
});

Object.defineProperty(URL.prototype, 'toString', {
  value: function toString() { return serialize(ctx(this)); },
  writable: true, configurable: true, enumerable: true
});
Object.defineProperty(URL.prototype, 'toJSON', {
  value: function toJSON() { return serialize(ctx(this)); },
  writable: true, configurable: true, enumerable: true
});
if (hasSymbol && Symbol.toStringTag) {
  Object.defineProperty(URL.prototype, Symbol.toStringTag, { value: 'URL', configurable: true });
}
Object.defineProperty(URL.prototype, inspectCustom, {
  value: function (depth, opts, inspect) {
    if (typeof depth === 'number' && depth < 0) return this;
    if (!inspect) inspect = require('util').inspect;
    var constructor = this.constructor || URL;
    var proto = {};
    Object.defineProperty(proto, 'constructor', { value: constructor });
    var obj = Object.create(proto);
    obj.href = this.href;
    obj.origin = this.origin;
    obj.protocol = this.protocol;
    obj.username = this.username;
    obj.password = this.password;
    obj.host = this.host;
    obj.hostname = this.hostname;
    obj.port = this.port;
    obj.pathname = this.pathname;
    obj.search = this.search;
    obj.searchParams = this.searchParams;
    obj.hash = this.hash;
    return constructor.name + ' ' + inspect(obj, opts);
  },
  configurable: true, writable: true
});

/* --------------------------------------------------------- URLSearchParams */

function URLSearchParams(init) {
  if (!(this instanceof URLSearchParams)) {
    throw new TypeError("Class constructor URLSearchParams cannot be invoked without 'new'");
  }
  Object.defineProperty(this, kList, { value: [], writable: true });
  Object.defineProperty(this, kOwner, { value: null, writable: true });
  if (init === undefined || init === null) return;
  var i;
  if (typeof init === 'object' || typeof init === 'function') {
    var method = hasSymbol && Symbol.iterator ? init[Symbol.iterator] : undefined;
    if (init instanceof URLSearchParams) {
      this[kList] = init[kList].slice();
    } else if (Array.isArray(init) || method != null) {
      if (!Array.isArray(init) && typeof method !== 'function') {
        throw codes.ERR_ARG_NOT_ITERABLE('Query pairs');
      }
      var pairs = Array.isArray(init) ? init : iterateToArray(init, method);
      for (i = 0; i < pairs.length; i++) {
        var pair = pairs[i];
        if (pair === null || pair === undefined) {
          throw codes.ERR_INVALID_TUPLE('Each query pair', '[name, value]');
        }
        var elems;
        if (Array.isArray(pair)) {
          elems = pair;
        } else {
          var pm = hasSymbol && Symbol.iterator && (typeof pair === 'object' || typeof pair === 'function') ?
            pair[Symbol.iterator] : undefined;
          if (typeof pm !== 'function') throw codes.ERR_INVALID_TUPLE('Each query pair', '[name, value]');
          elems = iterateToArray(pair, pm);
        }
        if (elems.length !== 2) throw codes.ERR_INVALID_TUPLE('Each query pair', '[name, value]');
        this[kList].push(toUSVString(elems[0]), toUSVString(elems[1]));
      }
    } else {
      var keys = Object.getOwnPropertyNames(init);
      var seen = {};
      for (i = 0; i < keys.length; i++) {
        var d = Object.getOwnPropertyDescriptor(init, keys[i]);
        if (d !== undefined && d.enumerable) {
          var k = toUSVString(keys[i]);
          var v = toUSVString(init[keys[i]]);
          if (Object.prototype.hasOwnProperty.call(seen, k)) {
            this[kList][seen[k]] = v;
          } else {
            seen[k] = this[kList].push(k, v) - 1;
          }
        }
      }
    }
  } else {
    init = toUSVString(init);
    this[kList] = init ? parseParams(init) : [];
  }
}

function iterateToArray(obj, method) {
  var it = method.call(obj);
  var out = [];
  for (var step = it.next(); !step.done; step = it.next()) out.push(step.value);
  return out;
}

function checkParams(self) {
  if (!(self instanceof URLSearchParams) || !self[kList]) {
    throw codes.ERR_INVALID_THIS('URLSearchParams');
  }
}

function update(self) {
  var owner = self[kOwner];
  if (!owner) return;
  var s = serializeParams(self[kList]);
  owner[kContext].query = s === '' ? null : s;
}

var USP = URLSearchParams.prototype;

function method(name, fn) {
  Object.defineProperty(USP, name, { value: fn, writable: true, configurable: true, enumerable: true });
}

method('append', function append(name, value) {
  checkParams(this);
  if (arguments.length < 2) throw codes.ERR_MISSING_ARGS('name', 'value');
  this[kList].push(toUSVString(name), toUSVString(value));
  update(this);
});

method('delete', function (name, value) {
  checkParams(this);
  if (arguments.length < 1) throw codes.ERR_MISSING_ARGS('name');
  var list = this[kList];
  name = toUSVString(name);
  if (value !== undefined) {
    value = toUSVString(value);
    for (var i = 0; i < list.length;) {
      if (list[i] === name && list[i + 1] === value) list.splice(i, 2);
      else i += 2;
    }
  } else {
    for (var j = 0; j < list.length;) {
      if (list[j] === name) list.splice(j, 2);
      else j += 2;
    }
  }
  update(this);
});

method('get', function get(name) {
  checkParams(this);
  if (arguments.length < 1) throw codes.ERR_MISSING_ARGS('name');
  var list = this[kList];
  name = toUSVString(name);
  for (var i = 0; i < list.length; i += 2) if (list[i] === name) return list[i + 1];
  return null;
});

method('getAll', function getAll(name) {
  checkParams(this);
  if (arguments.length < 1) throw codes.ERR_MISSING_ARGS('name');
  var list = this[kList];
  var out = [];
  name = toUSVString(name);
  for (var i = 0; i < list.length; i += 2) if (list[i] === name) out.push(list[i + 1]);
  return out;
});

method('has', function has(name, value) {
  checkParams(this);
  if (arguments.length < 1) throw codes.ERR_MISSING_ARGS('name');
  var list = this[kList];
  name = toUSVString(name);
  if (value !== undefined) value = toUSVString(value);
  for (var i = 0; i < list.length; i += 2) {
    if (list[i] === name && (value === undefined || list[i + 1] === value)) return true;
  }
  return false;
});

method('set', function set(name, value) {
  checkParams(this);
  if (arguments.length < 2) throw codes.ERR_MISSING_ARGS('name', 'value');
  var list = this[kList];
  name = toUSVString(name);
  value = toUSVString(value);
  var found = false;
  for (var i = 0; i < list.length;) {
    if (list[i] === name) {
      if (!found) {
        list[i + 1] = value;
        found = true;
        i += 2;
      } else {
        list.splice(i, 2);
      }
    } else {
      i += 2;
    }
  }
  if (!found) list.push(name, value);
  update(this);
});

method('sort', function sort() {
  checkParams(this);
  var list = this[kList];
  var pairs = [];
  for (var i = 0; i < list.length; i += 2) pairs.push([list[i], list[i + 1], i]);
  pairs.sort(function (a, b) {
    if (a[0] < b[0]) return -1;
    if (a[0] > b[0]) return 1;
    return a[2] - b[2];
  });
  var out = [];
  for (i = 0; i < pairs.length; i++) out.push(pairs[i][0], pairs[i][1]);
  this[kList] = out;
  update(this);
});

method('forEach', function forEach(callback, thisArg) {
  checkParams(this);
  errors.validateFunction(callback, 'callback');
  var list = this[kList];
  for (var i = 0; i < list.length; i += 2) {
    callback.call(thisArg, list[i + 1], list[i], this);
    list = this[kList];
  }
});

function ParamsIterator(target, kind) {
  this._target = target;
  this._kind = kind;
  this._index = 0;
}
ParamsIterator.prototype.next = function next() {
  var list = this._target[kList];
  if (this._index >= list.length) return { value: undefined, done: true };
  var i = this._index;
  this._index += 2;
  var value = this._kind === 'keys' ? list[i] :
    this._kind === 'values' ? list[i + 1] : [list[i], list[i + 1]];
  return { value: value, done: false };
};
if (hasSymbol && Symbol.iterator) {
  ParamsIterator.prototype[Symbol.iterator] = function () { return this; };
}
if (hasSymbol && Symbol.toStringTag) {
  Object.defineProperty(ParamsIterator.prototype, Symbol.toStringTag, {
    value: 'URLSearchParams Iterator', configurable: true
  });
}
Object.defineProperty(ParamsIterator.prototype, inspectCustom, {
  value: function (depth, opts, inspect) {
    if (!inspect) inspect = require('util').inspect;
    var list = this._target[kList];
    var items = [];
    for (var i = this._index; i < list.length; i += 2) {
      items.push(this._kind === 'keys' ? list[i] :
        this._kind === 'values' ? list[i + 1] : [list[i], list[i + 1]]);
    }
    var inner = items.map(function (v) { return inspect(v, opts); });
    return 'URLSearchParams Iterator {' + (inner.length ? ' ' + inner.join(', ') + ' ' : '') + '}';
  },
  configurable: true, writable: true
});

method('entries', function entries() { checkParams(this); return new ParamsIterator(this, 'entries'); });
method('keys', function keys() { checkParams(this); return new ParamsIterator(this, 'keys'); });
method('values', function values() { checkParams(this); return new ParamsIterator(this, 'values'); });
method('toString', function toString() { checkParams(this); return serializeParams(this[kList]); });
Object.defineProperty(USP, 'size', {
  get: function () { checkParams(this); return this[kList].length / 2; },
  enumerable: true, configurable: true
});
if (hasSymbol && Symbol.iterator) {
  Object.defineProperty(USP, Symbol.iterator, {
    value: USP.entries, writable: true, configurable: true
  });
}
if (hasSymbol && Symbol.toStringTag) {
  Object.defineProperty(USP, Symbol.toStringTag, { value: 'URLSearchParams', configurable: true });
}
Object.defineProperty(USP, inspectCustom, {
  value: function (recurseTimes, ctxOpts, inspect) {
    if (!inspect) inspect = require('util').inspect;
    if (typeof recurseTimes === 'number' && recurseTimes < 0) {
      return ctxOpts.stylize('[Object]', 'special');
    }
    var innerOpts = {};
    for (var k in ctxOpts) innerOpts[k] = ctxOpts[k];
    if (recurseTimes !== null) innerOpts.depth = recurseTimes - 1;
    var list = this[kList];
    var output = [];
    for (var i = 0; i < list.length; i += 2) {
      output.push(inspect(list[i], innerOpts) + ' => ' + inspect(list[i + 1], innerOpts));
    }
    var length = -2;
    for (i = 0; i < output.length; i++) {
      length += output[i].replace(/\u001b\[\d\d?m/g, '').length + 2;
    }
    var name = this.constructor.name;
    if (length > ctxOpts.breakLength) return name + ' {\n  ' + output.join(',\n  ') + ' }';
    if (output.length) return name + ' { ' + output.join(', ') + ' }';
    return name + ' {}';
  },
  configurable: true, writable: true
});

function domainToASCII(domain) {
  if (arguments.length < 1) throw codes.ERR_MISSING_ARGS('domain');
  var h = parseHost(toUSVString(domain), false);
  return h === FAILURE ? '' : h;
}

function domainToUnicode(domain) {
  if (arguments.length < 1) throw codes.ERR_MISSING_ARGS('domain');
  /* XXX: punycode labels are not decoded back to Unicode. */
  var h = parseHost(toUSVString(domain), false);
  return h === FAILURE ? '' : h;
}

exports.URL = URL;
exports.URLSearchParams = URLSearchParams;
exports.domainToASCII = domainToASCII;
exports.domainToUnicode = domainToUnicode;
exports.toUSVString = toUSVString;
exports.isURL = function (v) { return v instanceof URL; };
