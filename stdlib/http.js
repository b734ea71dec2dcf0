// http — HTTP/1.1 server and client (layer: stdlib/, over
// internalBinding('http_parser') and net). Node 20's documented API.
//
// Server hot path: the parser consumes the socket's reads in C
// (parser.consume(handle)); a request without a body costs one JS call
// (kOnHeadersComplete with complete = true), and res.end(body) before
// any write serialises the head in C and sends head and body with one
// writev (binding.writeResponse). Everything else goes through
// net.Socket's Writable (cork + writev).
//
// Memory per idle keep-alive connection: a Socket with its two stream
// states, the ConnState and the parser object. Fields still at their
// initial value live on prototypes, and per-request callbacks are
// top-level functions (a Duktape closure is a reference cycle that only
// mark-and-sweep frees). Measured figures: see the issue 5 report.
//
// XXX: insecureHTTPParser and joinDuplicateHeaders are ignored; Node keeps
// a connection open after the 503s it sends for requests pipelined beyond
// maxRequestsPerSocket, lode closes it; the 100 MiB test's memory bound
// fails (peak RSS about 225 MB against Node's 103 MB: not investigated
// yet).
'use strict';

var EventEmitter = require('events');
var net = require('net');
var stream = require('stream');
var util = require('util');
var binding = internalBinding('http_parser');

var HTTPParser = binding.HTTPParser;
var kOnHeaders = HTTPParser.kOnHeaders;
var kOnHeadersComplete = HTTPParser.kOnHeadersComplete;
var kOnBody = HTTPParser.kOnBody;
var kOnMessageComplete = HTTPParser.kOnMessageComplete;
var kOnExecute = HTTPParser.kOnExecute;
var methods = binding.methods;

var STATUS_CODES = {
  100: 'Continue', 101: 'Switching Protocols', 102: 'Processing', 103: 'Early Hints',
  200: 'OK', 201: 'Created', 202: 'Accepted', 203: 'Non-Authoritative Information',
  204: 'No Content', 205: 'Reset Content', 206: 'Partial Content', 207: 'Multi-Status',
  208: 'Already Reported', 226: 'IM Used', 300: 'Multiple Choices', 301: 'Moved Permanently',
  302: 'Found', 303: 'See Other', 304: 'Not Modified', 305: 'Use Proxy',
  307: 'Temporary Redirect', 308: 'Permanent Redirect', 400: 'Bad Request',
  401: 'Unauthorized', 402: 'Payment Required', 403: 'Forbidden', 404: 'Not Found',
  405: 'Method Not Allowed', 406: 'Not Acceptable', 407: 'Proxy Authentication Required',
  408: 'Request Timeout', 409: 'Conflict', 410: 'Gone', 411: 'Length Required',
  412: 'Precondition Failed', 413: 'Payload Too Large', 414: 'URI Too Long',
  415: 'Unsupported Media Type', 416: 'Range Not Satisfiable', 417: 'Expectation Failed',
  418: "I'm a Teapot", 421: 'Misdirected Request', 422: 'Unprocessable Entity',
  423: 'Locked', 424: 'Failed Dependency', 425: 'Too Early', 426: 'Upgrade Required',
  428: 'Precondition Required', 429: 'Too Many Requests',
  431: 'Request Header Fields Too Large', 451: 'Unavailable For Legal Reasons',
  500: 'Internal Server Error', 501: 'Not Implemented', 502: 'Bad Gateway',
  503: 'Service Unavailable', 504: 'Gateway Timeout', 505: 'HTTP Version Not Supported',
  506: 'Variant Also Negotiates', 507: 'Insufficient Storage', 508: 'Loop Detected',
  509: 'Bandwidth Limit Exceeded', 510: 'Not Extended', 511: 'Network Authentication Required'
};

var METHODS = methods.slice().sort();

// ---- errors ----

function nodeError(Base, code, message) {
  var e = new Base(message);
  e.code = code;
  try {
    Object.defineProperty(e, 'name', { value: Base.prototype.name + ' [' + code + ']', configurable: true, writable: true });
    e.stack; // eslint-disable-line no-unused-expressions
    Object.defineProperty(e, 'name', { value: Base.prototype.name, configurable: true, writable: true });
  } catch (x) { /* keep going */ }
  return e;
}

function connResetException(msg) {
  var e = new Error(msg);
  e.code = 'ECONNRESET';
  return e;
}

// ---- header validation ----

// Tokens: /^[\^_`a-zA-Z\-0-9!#$%&'*+.|~]+$/; values: no character
// outside /[\t\x20-\x7e\x80-\xff]/. Tested in C (binding.checkToken,
// checkValue): a Duktape regexp costs several thousand instructions.
function checkIsHttpToken(s) {
  return typeof s === 'string' && binding.checkToken(s);
}

function validateHeaderName(name) {
  if (typeof name !== 'string' || !name || !checkIsHttpToken(name)) {
    throw nodeError(TypeError, 'ERR_INVALID_HTTP_TOKEN', 'Header name must be a valid HTTP token ["' + name + '"]');
  }
}

function validateHeaderValue(name, value) {
  if (value === undefined) {
    throw nodeError(TypeError, 'ERR_HTTP_INVALID_HEADER_VALUE', 'Invalid value "' + value + '" for header "' + name + '"');
  }
  if (!binding.checkValue(String(value))) {
    throw nodeError(TypeError, 'ERR_INVALID_CHAR', 'Invalid character in header content ["' + name + '"]');
  }
}

// ---- dates ----

var dateCache = null;
var dateTimer = null;
var dayNames = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
var monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function pad2(n) {
  return n < 10 ? '0' + n : '' + n;
}

// RFC 7231 IMF-fixdate ("Mon, 23 Nov 2026 19:41:00 GMT"): Duktape's
// toUTCString() is ISO-like, so it is formatted here.
function imfDate(d) {
  return dayNames[d.getUTCDay()] + ', ' + pad2(d.getUTCDate()) + ' ' + monthNames[d.getUTCMonth()] +
    ' ' + d.getUTCFullYear() + ' ' + pad2(d.getUTCHours()) + ':' + pad2(d.getUTCMinutes()) + ':' +
    pad2(d.getUTCSeconds()) + ' GMT';
}

function utcDate() {
  if (dateCache === null) {
    var now = new Date();
    dateCache = imfDate(now);
    dateTimer = setTimeout(function () { dateCache = null; dateTimer = null; }, 1000 - now.getMilliseconds());
    dateTimer.unref();
  }
  return dateCache;
}

// IncomingMessage is a Readable whose stream state is made on first use:
// most requests are never read (a GET has no body), and building a
// ReadableState and an EventEmitter per request costs more than the rest
// of a hello-world request in Duktape. The defaults live on the prototype;
// _readableState is a prototype getter that makes the real state (and
// replays an end that came before it) the first time anything asks.
var NO_RAW = Object.freeze([]);

function IncomingMessage(socket) {
  this.socket = socket;
}
util.inherits(IncomingMessage, stream.Readable);

(function () {
  var defaults = {
    httpVersionMajor: null, httpVersionMinor: null, httpVersion: null,
    complete: false, rawHeaders: NO_RAW, rawTrailers: NO_RAW, aborted: false,
    upgrade: null, url: '', method: null, statusCode: null, statusMessage: null,
    _headers: null, _trailers: null, _consuming: false, _dumped: false,
    _endPending: false, _server: null, _rsMade: false
  };
  for (var k in defaults) IncomingMessage.prototype[k] = defaults[k];
})();

function makeReadableState(msg) {
  var st = new stream.Readable.ReadableState({ autoDestroy: false }, msg, false);
  st.readingMore = true;
  msg._rsMade = true;
  Object.defineProperty(msg, '_readableState', {
    value: st, writable: true, configurable: true, enumerable: true
  });
  if (msg._endPending) {
    msg._endPending = false;
    stream.Readable.prototype.push.call(msg, null);
  }
  return st;
}

Object.defineProperty(IncomingMessage.prototype, '_readableState', {
  get: function () { return makeReadableState(this); },
  set: function (v) {
    Object.defineProperty(this, '_readableState', {
      value: v, writable: true, configurable: true, enumerable: true
    });
  },
  configurable: true
});

// The end of a body-less message: pushed at once when the state exists,
// else remembered for makeReadableState.
function endIncoming(msg) {
  if (Object.prototype.hasOwnProperty.call(msg, '_readableState')) msg.push(null);
  else msg._endPending = true;
}

Object.defineProperty(IncomingMessage.prototype, 'connection', {
  get: function () { return this.socket; },
  set: function (v) { this.socket = v; }
});

Object.defineProperty(IncomingMessage.prototype, 'headers', {
  get: function () {
    if (!this._headers) this._headers = buildHeaders(this.rawHeaders);
    return this._headers;
  },
  set: function (v) { this._headers = v; }
});

Object.defineProperty(IncomingMessage.prototype, 'headersDistinct', {
  get: function () {
    var out = {}, raw = this.rawHeaders, i, k;
    for (i = 0; i < raw.length; i += 2) {
      k = raw[i].toLowerCase();
      if (out[k]) out[k].push(raw[i + 1]);
      else out[k] = [raw[i + 1]];
    }
    return out;
  }
});

Object.defineProperty(IncomingMessage.prototype, 'trailers', {
  get: function () {
    if (!this._trailers) this._trailers = buildHeaders(this.rawTrailers);
    return this._trailers;
  },
  set: function (v) { this._trailers = v; }
});

// Node's joining rules: set-cookie is an array; a few single-valued
// headers keep their first value; others are joined with ', ' (cookie
// with '; ').
var singleValued = {
  'content-type': 1, 'content-length': 1, 'user-agent': 1, 'referer': 1, 'host': 1,
  'authorization': 1, 'proxy-authorization': 1, 'if-modified-since': 1,
  'if-unmodified-since': 1, 'from': 1, 'location': 1, 'max-forwards': 1,
  'retry-after': 1, 'etag': 1, 'last-modified': 1, 'server': 1, 'age': 1, 'expires': 1
};

function buildHeaders(raw) {
  var out = {}, i, k, v;
  for (i = 0; i < raw.length; i += 2) {
    k = raw[i].toLowerCase();
    v = raw[i + 1];
    if (k === 'set-cookie') {
      if (out[k] === undefined) out[k] = [v];
      else out[k].push(v);
    } else if (out[k] === undefined) {
      out[k] = v;
    } else if (singleValued[k] !== 1) {
      out[k] += (k === 'cookie' ? '; ' : ', ') + v;
    }
  }
  return out;
}

IncomingMessage.prototype._read = function () {
  if (!this._consuming) this._consuming = true;
  // Body backpressure: reading resumes when the consumer asks again.
  var socket = this.socket;
  if (socket && socket._httpPaused && !socket.destroyed) {
    socket._httpPaused = false;
    socket.resume();
  }
};

IncomingMessage.prototype._dump = function () {
  if (!this._dumped) {
    this._dumped = true;
    this.removeAllListeners('data');
    this.resume();
  }
};

IncomingMessage.prototype.setTimeout = function (msecs, cb) {
  if (cb) this.on('timeout', cb);
  if (this.socket) this.socket.setTimeout(msecs);
  return this;
};

IncomingMessage.prototype._destroy = function (err, cb) {
  if (!this.readableEnded || !this.complete) {
    this.aborted = true;
  }
  if (this.socket && !this.socket.destroyed && !this.complete && this._server) {
    this.socket.destroy(err);
  }
  // Node (onError): an IncomingMessage's error reaches only listeners; it
  // is never thrown as unhandled.
  cb(this.listenerCount('error') === 0 ? null : err);
};

function pushBody(req, socket, b) {
  if (req._dumped) return;
  if (!req.push(b) && socket && !socket._httpPaused) {
    socket._httpPaused = true;
    socket.pause();
  }
}

// ---- OutgoingMessage ----

var crlf = '\r\n';

// Defaults on the prototype, as for IncomingMessage: a response object
// carries only what differs (no EventEmitter init either: _events is
// made by the first listener). outputData is the shared frozen NO_OUTPUT
// until something is queued.
var NO_OUTPUT = Object.freeze([]);

function OutgoingMessage() {
}
util.inherits(OutgoingMessage, stream.Stream);

(function () {
  var defaults = {
    outputData: NO_OUTPUT, outputSize: 0, writable: true, destroyed: false,
    chunkedEncoding: false, shouldKeepAlive: true, useChunkedEncodingByDefault: true,
    sendDate: false, finished: false, _headerSent: false, _header: null,
    _headers: null, _hasBody: true, _trailer: '', _contentLength: null,
    _removedConnection: false, _removedContLen: false, _removedTE: false,
    _closed: false, socket: null, strictContentLength: false, _last: false,
    _keepAliveTimeout: 0, _maxRequestsPerSocket: 0, _defaultKeepAlive: false,
    _finishEmitted: false, _st: null
  };
  for (var k in defaults) OutgoingMessage.prototype[k] = defaults[k];
})();

function queueOutput(msg, item) {
  if (msg.outputData === NO_OUTPUT) msg.outputData = [];
  msg.outputData.push(item);
}

Object.defineProperty(OutgoingMessage.prototype, 'connection', {
  get: function () { return this.socket; },
  set: function (v) { this.socket = v; }
});

// Node: true once the head is built (writeHead), not only once written.
Object.defineProperty(OutgoingMessage.prototype, 'headersSent', {
  get: function () { return !!this._header; },
  set: function () {}
});

Object.defineProperty(OutgoingMessage.prototype, 'writableFinished', {
  get: function () { return this.finished && this.outputSize === 0 && (!this.socket || this.socket.writableLength === 0); }
});
Object.defineProperty(OutgoingMessage.prototype, 'writableEnded', {
  get: function () { return this.finished; }
});
Object.defineProperty(OutgoingMessage.prototype, 'writableLength', {
  get: function () { return this.outputSize + (this.socket ? this.socket.writableLength : 0); }
});
Object.defineProperty(OutgoingMessage.prototype, 'writableHighWaterMark', {
  get: function () { return this.socket ? this.socket.writableHighWaterMark : 16384; }
});
Object.defineProperty(OutgoingMessage.prototype, 'writableCorked', {
  get: function () { return this.socket ? this.socket.writableCorked : 0; }
});
Object.defineProperty(OutgoingMessage.prototype, 'writableObjectMode', {
  get: function () { return false; }
});

OutgoingMessage.prototype.setHeader = function (name, value) {
  if (this._header) {
    throw nodeError(Error, 'ERR_HTTP_HEADERS_SENT', 'Cannot set headers after they are sent to the client');
  }
  validateHeaderName(name);
  validateHeaderValue(name, value);
  if (this._headers === null) this._headers = {};
  this._headers[name.toLowerCase()] = [name, value];
  return this;
};

OutgoingMessage.prototype.appendHeader = function (name, value) {
  var k = name.toLowerCase(), cur;
  validateHeaderName(name);
  validateHeaderValue(name, value);
  if (this._headers === null) this._headers = {};
  cur = this._headers[k];
  if (!cur) return this.setHeader(name, value);
  cur[1] = [].concat(cur[1], value);
  return this;
};

OutgoingMessage.prototype.getHeader = function (name) {
  if (typeof name !== 'string') throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "name" argument must be of type string');
  if (this._headers === null) return undefined;
  var e = this._headers[name.toLowerCase()];
  return e && e[1];
};

OutgoingMessage.prototype.getHeaders = function () {
  var out = Object.create(null), k;
  if (this._headers) for (k in this._headers) out[k] = this._headers[k][1];
  return out;
};

OutgoingMessage.prototype.getHeaderNames = function () {
  return this._headers ? Object.keys(this._headers) : [];
};

OutgoingMessage.prototype.getRawHeaderNames = function () {
  var out = [], k;
  if (this._headers) for (k in this._headers) out.push(this._headers[k][0]);
  return out;
};

OutgoingMessage.prototype.hasHeader = function (name) {
  return this._headers !== null && this._headers[name.toLowerCase()] !== undefined;
};

OutgoingMessage.prototype.removeHeader = function (name) {
  if (this._header) {
    throw nodeError(Error, 'ERR_HTTP_HEADERS_SENT', 'Cannot remove headers after they are sent to the client');
  }
  var k = name.toLowerCase();
  if (k === 'connection') this._removedConnection = true;
  else if (k === 'content-length') this._removedContLen = true;
  else if (k === 'transfer-encoding') this._removedTE = true;
  else if (k === 'date') this.sendDate = false;
  if (this._headers) delete this._headers[k];
};

OutgoingMessage.prototype.flushHeaders = function () {
  if (!this._header) this._implicitHeader();
  this._send('');
};

OutgoingMessage.prototype.setTimeout = function (msecs, cb) {
  if (cb) this.on('timeout', cb);
  if (this.socket) this.socket.setTimeout(msecs);
  else this.once('socket', function (s) { s.setTimeout(msecs); });
  return this;
};

OutgoingMessage.prototype.addTrailers = function (headers) {
  var keys = Object.keys(headers), i, k, v;
  this._trailer = '';
  for (i = 0; i < keys.length; i++) {
    k = keys[i];
    v = headers[k];
    validateHeaderName(k);
    validateHeaderValue(k, v);
    this._trailer += k + ': ' + v + crlf;
  }
};

// Builds the head from firstLine and the headers (Node's order: the
// user's, then Date, Connection/Keep-Alive, then the framing header).
// One header line of _buildHead (a top-level function: a closure per
// call would be garbage only Duktape's mark-and-sweep collects).
function addHeadLine(msg, raw, state, name, value) {
  var lk = name.length < 20 ? name.toLowerCase() : '';
  if (lk === 'connection') {
    state.connection = true;
    if (/(^|,)\s*close\s*(,|$)/i.test(String(value))) msg._last = true;
    else msg.shouldKeepAlive = true;
  } else if (lk === 'content-length') {
    state.contLen = true;
  } else if (lk === 'transfer-encoding') {
    state.te = true;
    if (/(^|,)\s*chunked\s*$/i.test(String(value))) msg.chunkedEncoding = true;
  } else if (lk === 'date') {
    state.date = true;
  } else if (lk === 'expect') {
    state.expect = true;
  } else if (lk === 'upgrade') {
    state.upgrade = true;
  }
  if (Array.isArray(value)) {
    if (lk !== 'set-cookie' && value.length > 1 && lk !== '') {
      for (var j = 0; j < value.length; j++) raw.push(name, String(value[j]));
    } else {
      for (var jj = 0; jj < value.length; jj++) raw.push(name, String(value[jj]));
    }
  } else {
    raw.push(name, String(value));
  }
}

// Builds _header and sets the framing flags. extra: null, a plain object
// of headers (writeHead's, when no setHeader came first) or a flat
// [name, value, ...] list. The common cases are done in C
// (binding.buildHead); what it leaves (array values, invalid names or
// values, which throw here) takes the JS path below.
OutgoingMessage.prototype._buildHead = function (firstLine, extra) {
  if (!Array.isArray(extra) && binding.buildHead(this, firstLine, extra)) return;
  if (extra && !Array.isArray(extra)) {
    var list = [], k;
    for (k in extra) {
      if (extra[k] === undefined) continue;
      validateHeaderName(k);
      validateHeaderValue(k, extra[k]);
      list.push(k, extra[k]);
    }
    extra = list;
  }
  buildHeadJS(this, firstLine, extra);
};

function buildHeadJS(msg, firstLine, extra) {
  var raw = [], state = { connection: false, contLen: false, te: false, date: false, expect: false, upgrade: false }, k, e, v, i;
  var all = msg._headers;
  msg._last = false;
  if (extra) {
    for (i = 0; i < extra.length; i += 2) addHeadLine(msg, raw, state, extra[i], extra[i + 1]);
  }
  if (all) {
    for (k in all) {
      e = all[k];
      addHeadLine(msg, raw, state, e[0], e[1]);
    }
  }
  if (msg.sendDate && !state.date) raw.push('Date', utcDate());
  if (!state.connection) {
    var shouldSendKeepAlive = msg.shouldKeepAlive && (state.contLen || msg.useChunkedEncodingByDefault || msg.agent);
    if (shouldSendKeepAlive && msg.maxRequestsOnConnectionReached) {
      raw.push('Connection', 'close');
      msg._last = true;
    } else if (shouldSendKeepAlive) {
      raw.push('Connection', 'keep-alive');
      if (msg._keepAliveTimeout && msg._defaultKeepAlive) {
        raw.push('Keep-Alive', 'timeout=' + Math.floor(msg._keepAliveTimeout / 1000) +
          (msg._maxRequestsPerSocket ? ', max=' + msg._maxRequestsPerSocket : ''));
      }
    } else {
      msg._last = true;
      raw.push('Connection', 'close');
    }
  }
  if (!state.contLen && !state.te) {
    if (!msg._hasBody) {
      msg.chunkedEncoding = false;
    } else if (!msg.useChunkedEncodingByDefault) {
      msg._last = true;
    } else if (!state.trailer && !msg._removedContLen && typeof msg._contentLength === 'number') {
      raw.push('Content-Length', String(msg._contentLength));
    } else if (!msg._removedTE) {
      raw.push('Transfer-Encoding', 'chunked');
      msg.chunkedEncoding = true;
    } else {
      msg._last = true;
    }
  }
  if (msg.chunkedEncoding !== true && state.trailer) msg.chunkedEncoding = false;
  var s = firstLine + crlf;
  for (i = 0; i < raw.length; i += 2) s += raw[i] + ': ' + raw[i + 1] + crlf;
  msg._header = s + crlf;
  msg._headerSent = false;
}

// Queues or writes data (head first when it has not gone yet).
OutgoingMessage.prototype._send = function (data, encoding, callback) {
  if (!this._headerSent && this._header !== null) {
    this._headerSent = true;
    if (typeof data === 'string' && (encoding === 'utf8' || encoding === 'latin1' || !encoding)) {
      if (!encoding || encoding === 'utf8') {
        // The head is Latin-1; the body UTF-8: write them separately
        // unless both are ASCII.
        this._writeRaw(this._header, 'latin1', null);
        return this._writeRaw(data, encoding, callback);
      }
      data = this._header + data;
    } else {
      if (this.outputData === NO_OUTPUT) this.outputData = [];
      this.outputData.unshift({ data: this._header, encoding: 'latin1', callback: null });
      this.outputSize += this._header.length;
    }
  }
  return this._writeRaw(data, encoding, callback);
};

OutgoingMessage.prototype._writeRaw = function (data, encoding, callback) {
  var conn = this.socket;
  if (conn && conn.destroyed) {
    return false;
  }
  if (typeof encoding === 'function') {
    callback = encoding;
    encoding = null;
  }
  if (conn && conn._httpMessage === this && conn.writable) {
    if (this.outputData.length) this._flushOutput(conn);
    if (data === '' && !callback) return true;
    return conn.write(data, encoding, callback);
  }
  queueOutput(this, { data: data, encoding: encoding, callback: callback });
  this.outputSize += data.length;
  return false;
};

OutgoingMessage.prototype._flushOutput = function (socket) {
  var out = this.outputData, i, ret = true;
  if (!out.length) return true;
  // One Latin-1 string (a request's head, and its body when both are
  // ASCII), and the socket idle: one handle write (net's _writeIdle).
  if (out.length === 1 && typeof out[0].data === 'string' && out[0].data !== '' &&
      (out[0].encoding === 'latin1' || out[0].encoding === 'binary') &&
      socket._writeIdle && socket._writeIdle(out[0].data, out[0].callback)) {
    this.outputData = NO_OUTPUT;
    this.outputSize = 0;
    return true;
  }
  socket.cork();
  for (i = 0; i < out.length; i++) {
    if (out[i].data === '' && !out[i].callback) continue;
    ret = socket.write(out[i].data, out[i].encoding, out[i].callback);
  }
  socket.uncork();
  this.outputData = NO_OUTPUT;
  this.outputSize = 0;
  return ret;
};

OutgoingMessage.prototype._flush = function () {
  var socket = this.socket;
  if (socket && socket.writable) {
    var ret = this._flushOutput(socket);
    if (this.finished) this._finish();
    else if (ret && this[kNeedDrain]) {
      this[kNeedDrain] = false;
      this.emit('drain');
    }
  }
};

var kNeedDrain = '_needDrain';

function byteLength(chunk, encoding) {
  return typeof chunk === 'string' ? Buffer.byteLength(chunk, encoding) : chunk.length;
}

OutgoingMessage.prototype.write = function (chunk, encoding, callback) {
  if (typeof encoding === 'function') {
    callback = encoding;
    encoding = null;
  }
  var ret = writeChunk(this, chunk, encoding, callback, false);
  if (!ret) this[kNeedDrain] = true;
  return ret;
};

function writeAfterEnd(msg, callback) {
  var err = nodeError(Error, 'ERR_STREAM_WRITE_AFTER_END', 'write after end');
  process.nextTick(function () {
    msg.emit('error', err);
    if (typeof callback === 'function') callback(err);
  });
}

function writeChunk(msg, chunk, encoding, callback, fromEnd) {
  if (msg.finished && !fromEnd) {
    writeAfterEnd(msg, callback);
    return true;
  }
  if (msg.destroyed) return false;
  if (chunk === null) throw nodeError(TypeError, 'ERR_STREAM_NULL_VALUES', 'May not write null values to stream');
  if (typeof chunk !== 'string' && !(chunk instanceof Uint8Array)) {
    throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "chunk" argument must be of type string or an instance of Buffer or Uint8Array');
  }
  if (!msg._header) {
    if (fromEnd) msg._contentLength = byteLength(chunk, encoding);
    msg._implicitHeader();
  }
  if (!msg._hasBody) {
    if (typeof callback === 'function') process.nextTick(callback);
    return true;
  }
  var len = byteLength(chunk, encoding), ret;
  if (len === 0) {
    if (typeof callback === 'function') process.nextTick(callback);
    return true;
  }
  if (msg.chunkedEncoding) {
    var conn = msg.socket;
    if (conn && !msg._headerSent === false) conn.cork();
    if (conn) conn.cork();
    msg._send(len.toString(16) + crlf, 'latin1', null);
    msg._send(chunk, encoding, null);
    ret = msg._send(crlf, 'latin1', callback);
    if (conn) {
      conn.uncork();
      conn.uncork();
    }
  } else {
    ret = msg._send(chunk, encoding, callback);
  }
  return ret;
}

OutgoingMessage.prototype.end = function (chunk, encoding, callback) {
  if (typeof chunk === 'function') {
    callback = chunk;
    chunk = null;
    encoding = null;
  } else if (typeof encoding === 'function') {
    callback = encoding;
    encoding = null;
  }
  if (this.finished) {
    if (typeof callback === 'function') {
      var self0 = this;
      if (!this.writableFinished) this.once('finish', callback);
      else process.nextTick(function () { callback.call(self0, nodeError(Error, 'ERR_STREAM_ALREADY_FINISHED', 'Cannot call end after a stream was finished')); });
    }
    return this;
  }
  if (chunk !== null && chunk !== undefined && typeof chunk !== 'string' && !(chunk instanceof Uint8Array)) {
    throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "chunk" argument must be of type string or an instance of Buffer or Uint8Array');
  }
  if (typeof callback === 'function') this.once('finish', callback);

  // The fast path: nothing sent yet, the socket idle: head and body in
  // one writev from C.
  if (!this._headerSent && this._fastEnd && this._fastEnd(chunk, encoding)) return this;

  if (chunk) {
    if (this.socket) this.socket.cork();
    writeChunk(this, chunk, encoding, null, true);
  } else if (!this._header) {
    this._contentLength = 0;
    this._implicitHeader();
  }
  if (this.socket && !chunk) this.socket.cork();
  // Bound, not a closure: Duktape's reference counting frees it at once.
  var finish = this._onFinishWrite.bind(this);
  if (this._hasBody && this.chunkedEncoding) {
    this._send('0' + crlf + this._trailer + crlf, 'latin1', finish);
  } else if (!this._headerSent || this.writableLength || chunk) {
    this._send('', 'latin1', finish);
  } else {
    process.nextTick(finish);
  }
  if (this.socket) this.socket.uncork();
  this.finished = true;
  if (this.outputData.length === 0 && this.socket && this.socket._httpMessage === this) {
    this._finish();
  }
  return this;
};

OutgoingMessage.prototype._onFinishWrite = function () {
  if (this._finishEmitted) return;
  this._finishEmitted = true;
  // A server response's own 'finish' work, first as in Node (where it is
  // the first listener), without a listener per response.
  if (this._st !== null) resOnFinish.call(this);
  this.emit('finish');
};

OutgoingMessage.prototype._finish = function () {
  this.emit('prefinish');
};

OutgoingMessage.prototype.destroy = function (err) {
  if (this.destroyed) return this;
  this.destroyed = true;
  if (this.socket) this.socket.destroy(err);
  else {
    var self = this;
    this.once('socket', function (socket) { socket.destroy(err); });
  }
  return this;
};

OutgoingMessage.prototype.cork = function () {
  if (this.socket) this.socket.cork();
};
OutgoingMessage.prototype.uncork = function () {
  if (this.socket) this.socket.uncork();
};

// ---- ServerResponse ----

function ServerResponse(req, options) {
  this.req = req;
  if (req.method === 'HEAD') this._hasBody = false;
  if (req.httpVersionMajor < 1 || (req.httpVersionMajor === 1 && req.httpVersionMinor === 0)) {
    this.useChunkedEncodingByDefault = /(^|,)\s*te\s*(,|$)/i.test(req.headers.te || '');
    this.shouldKeepAlive = false;
  }
}
util.inherits(ServerResponse, OutgoingMessage);
ServerResponse.prototype.statusCode = 200;
ServerResponse.prototype.statusMessage = undefined;
ServerResponse.prototype.sendDate = true;
ServerResponse.prototype._sent100 = false;
ServerResponse.prototype._expect_continue = false;
ServerResponse.prototype._defaultKeepAlive = true;
ServerResponse.prototype._keepAliveTimeout = 5000;

ServerResponse.prototype.assignSocket = function (socket) {
  socket._httpMessage = this;
  this.socket = socket;
  this.emit('socket', socket);
  this._flush();
};

ServerResponse.prototype.detachSocket = function (socket) {
  socket._httpMessage = null;
  this.socket = null;
};

ServerResponse.prototype.writeContinue = function (cb) {
  this._writeRaw('HTTP/1.1 100 Continue' + crlf + crlf, 'latin1', cb);
  this._sent100 = true;
};

ServerResponse.prototype.writeProcessing = function (cb) {
  this._writeRaw('HTTP/1.1 102 Processing' + crlf + crlf, 'latin1', cb);
};

ServerResponse.prototype.writeEarlyHints = function (hints, cb) {
  var head = 'HTTP/1.1 103 Early Hints' + crlf, k;
  for (k in hints) head += k + ': ' + (Array.isArray(hints[k]) ? hints[k].join(', ') : hints[k]) + crlf;
  this._writeRaw(head + crlf, 'latin1', cb);
};

ServerResponse.prototype._implicitHeader = function () {
  this.writeHead(this.statusCode);
};

ServerResponse.prototype.writeHead = function (statusCode, reason, obj) {
  var originalStatusCode = statusCode, headers, k, i;
  statusCode |= 0;
  if (statusCode < 100 || statusCode > 999) {
    throw nodeError(RangeError, 'ERR_HTTP_INVALID_STATUS_CODE', 'Invalid status code: ' + originalStatusCode);
  }
  if (typeof reason === 'string') {
    this.statusMessage = reason;
  } else {
    if (!this.statusMessage) this.statusMessage = STATUS_CODES[statusCode] || 'unknown';
    obj = reason;
  }
  this.statusCode = statusCode;
  if (this._header) {
    throw nodeError(Error, 'ERR_HTTP_HEADERS_SENT', 'Cannot write headers after they are sent to the client');
  }
  var extra = null;
  if (obj) {
    if (Array.isArray(obj)) {
      if (obj.length && Array.isArray(obj[0])) {
        for (i = 0; i < obj.length; i++) this.setHeader(obj[i][0], obj[i][1]);
      } else {
        if (obj.length % 2 !== 0) throw nodeError(TypeError, 'ERR_INVALID_ARG_VALUE', 'The argument \'headers\' is invalid.');
        for (i = 0; i < obj.length; i += 2) this.appendHeader(obj[i], obj[i + 1]);
      }
    } else if (!this._headers) {
      // No setHeader calls: obj goes to _buildHead as it is (validated
      // there), not into _headers (getHeader does not see it, as Node).
      extra = obj;
    } else {
      for (k in obj) if (obj[k] !== undefined) this.setHeader(k, obj[k]);
    }
  }
  if (statusCode === 204 || statusCode === 304 || (statusCode >= 100 && statusCode <= 199)) {
    this._hasBody = false;
  }
  if (this._expect_continue && !this._sent100) this.shouldKeepAlive = false;
  var line = statusLines[statusCode];
  if (line === undefined || this.statusMessage !== STATUS_CODES[statusCode]) {
    line = 'HTTP/1.1 ' + statusCode + ' ' + this.statusMessage;
  }
  this._buildHead(line, extra);
  return this;
};

ServerResponse.prototype.writeHeader = ServerResponse.prototype.writeHead;

// 'HTTP/1.1 200 OK' and the like, made once.
var statusLines = {};
(function () {
  for (var code in STATUS_CODES) statusLines[code] = 'HTTP/1.1 ' + code + ' ' + STATUS_CODES[code];
})();

// res.end(body) before anything went out, on an idle socket: one C call
// writes the head (built here, or by writeHead before) and the body, as
// one chunk plus the last chunk when the head says chunked.
ServerResponse.prototype._fastEnd = function (chunk, encoding) {
  var socket = this.socket, w;
  // A TLS socket's _handle is the JS TLS layer, not a stream the C write
  // can take: its responses go the ordinary stream path.
  if (!socket || socket._httpMessage !== this || !socket._handle || socket.connecting ||
      socket.encrypted || this._headerSent || this._trailer !== '') {
    return false;
  }
  // socket.writable, writableLength and writableCorked, read off the state
  // (getters are JS calls, the dearest thing here).
  w = socket._writableState;
  if (!w || w.length !== 0 || w.corked || w.writable === false || w.destroyed ||
      w.errored || w.ending || w.ended) {
    return false;
  }
  if (chunk === null || chunk === undefined) chunk = '';
  if (encoding && encoding !== 'utf8' && encoding !== 'utf-8' && encoding !== 'latin1') return false;
  if (!this._header) {
    if (!this._removedContLen) this._contentLength = byteLength(chunk, encoding || 'utf8');
    this._implicitHeader();
  }
  var req = new FastWriteReq(this);
  var err = binding.writeResponse(req, socket._handle, this._header,
    this._hasBody ? chunk : undefined, encoding || 'utf8', this._hasBody && this.chunkedEncoding);
  this._headerSent = true;
  this.finished = true;
  if (err) {
    socket.destroy(net._uvException ? net._uvException(err, 'write') : new Error('write ' + err));
    return true;
  }
  socket._bytesDispatched += req.bytes;
  if (!req.async) {
    process.nextTick(onFinishWriteNT, this);
  }
  return true;
};

// writeHead and end run in C for their common shapes (binding.resWriteHead
// / resEnd); these hooks are what C falls back to and calls back.
var writeHeadJS = ServerResponse.prototype.writeHead;
ServerResponse.prototype.writeHead = binding.resWriteHead;
ServerResponse.prototype.writeHeader = binding.resWriteHead;
ServerResponse.prototype.end = binding.resEnd;

function endError(res, err) {
  var socket = res.socket;
  if (socket) socket.destroy(net._uvException ? net._uvException(err, 'write') : new Error('write ' + err));
}

function FastWriteReq(res) {
  this.res = res;
  this.async = false;
  this.bytes = 0;
}
FastWriteReq.prototype.oncomplete = function (status) {
  var res = this.res;
  if (status < 0) {
    if (res.socket) res.socket.destroy(new Error('write failed: ' + status));
    return;
  }
  res._onFinishWrite();
};

// Every property lookup on a response walks its prototype chain, and in
// Duktape each step costs: OutgoingMessage's methods and defaults are
// copied onto ServerResponse.prototype, and properties the server probes
// that are usually absent get a default there, so lookups stop one step
// up. (instanceof and OutgoingMessage.prototype itself are unchanged.)
(function () {
  var from = OutgoingMessage.prototype, to = ServerResponse.prototype;
  Object.getOwnPropertyNames(from).forEach(function (k) {
    if (k !== 'constructor' && !Object.prototype.hasOwnProperty.call(to, k)) {
      Object.defineProperty(to, k, Object.getOwnPropertyDescriptor(from, k));
    }
  });
  to.agent = undefined;
  to.maxRequestsOnConnectionReached = false;
  to._events = undefined;
})();

// The prototypes of requests made in C (server_request): what all of them
// share sits there instead of in each request's own properties.
function fastRequestProto(complete) {
  var p = Object.create(IncomingMessage.prototype);
  p.httpVersionMajor = 1;
  p.httpVersionMinor = 1;
  p.httpVersion = '1.1';
  p.upgrade = false;
  if (complete) {
    p.complete = true;
    p._endPending = true;
  }
  return p;
}

binding.setServerHooks({
  writeHead: writeHeadJS,
  end: OutgoingMessage.prototype.end,
  finishNT: binding.resFinishNT,
  finishSlow: onFinishWriteNT,
  endError: endError,
  fastWriteReq: FastWriteReq.prototype,
  requestProto: fastRequestProto(false),
  completeRequestProto: fastRequestProto(true),
  responseProto: ServerResponse.prototype,
  statusCodes: STATUS_CODES
});

// ---- Server ----

var kConnections = '_httpConnections';

function Server(options, requestListener) {
  if (!(this instanceof Server)) return new Server(options, requestListener);
  if (typeof options === 'function') {
    requestListener = options;
    options = {};
  } else if (options === null || options === undefined) {
    options = {};
  }
  this.maxHeaderSize = options.maxHeaderSize;
  this.insecureHTTPParser = options.insecureHTTPParser;
  this.requireHostHeader = options.requireHostHeader !== false;
  this.joinDuplicateHeaders = options.joinDuplicateHeaders;
  net.Server.call(this, { allowHalfOpen: true, noDelay: options.noDelay === undefined ? true : options.noDelay,
    keepAlive: options.keepAlive, keepAliveInitialDelay: options.keepAliveInitialDelay });
  if (requestListener) this.on('request', requestListener);
  this.httpAllowHalfOpen = false;
  this.on('connection', connectionListener);
  this.timeout = 0;
  this.maxHeadersCount = null;
  this.maxRequestsPerSocket = 0;
  this.keepAliveTimeout = 5000;
  this.headersTimeout = options.headersTimeout === undefined ? 60000 : options.headersTimeout;
  this.requestTimeout = options.requestTimeout === undefined ? 300000 : options.requestTimeout;
  this.connectionsCheckingInterval = options.connectionsCheckingInterval === undefined ? 30000 :
    options.connectionsCheckingInterval;
  this[kConnections] = [];
  this._checkTimer = null;
  this.on('listening', setupConnectionsTracking);
}
util.inherits(Server, net.Server);

function setupConnectionsTracking() {
  var server = this;
  if (server._checkTimer) clearInterval(server._checkTimer);
  if (!(server.headersTimeout > 0 || server.requestTimeout > 0)) return;
  server._checkTimer = setInterval(function () { checkConnections(server); },
    server.connectionsCheckingInterval);
  server._checkTimer.unref();
}

function checkConnections(server) {
  var now = Date.now(), conns = server[kConnections].slice(), i, st;
  for (i = 0; i < conns.length; i++) {
    st = conns[i];
    if (st.socket.destroyed || !st.parser) continue;
    // The parser times the message being received (from its first byte,
    // or from the connection's start for the first one): its head against
    // headersTimeout, all of it against requestTimeout; an idle
    // keep-alive connection between messages is not timed (as node).
    if (st.parser.expired(now, server.headersTimeout, server.requestTimeout)) {
      onRequestTimeout(server, st);
    }
  }
}

function onRequestTimeout(server, st) {
  var err = nodeError(Error, 'ERR_HTTP_REQUEST_TIMEOUT', 'Request timeout');
  socketOnError.call(st.socket, err);
}

Server.prototype.setTimeout = function (msecs, callback) {
  this.timeout = msecs;
  if (callback) this.on('timeout', callback);
  return this;
};

Server.prototype.close = function (cb) {
  if (this._checkTimer) {
    clearInterval(this._checkTimer);
    this._checkTimer = null;
  }
  this.closeIdleConnections();
  return net.Server.prototype.close.call(this, cb);
};

Server.prototype.closeAllConnections = function () {
  var conns = this[kConnections].slice(), i;
  for (i = 0; i < conns.length; i++) conns[i].socket.destroy();
};

Server.prototype.closeIdleConnections = function () {
  var conns = this[kConnections].slice(), i;
  for (i = 0; i < conns.length; i++) {
    if (conns[i].incoming.length === 0 && conns[i].outgoing.length === 0 &&
        !conns[i].socket._httpMessage && !conns[i].parsing) {
      conns[i].socket.destroy();
    }
  }
};

// Per connection. Fields at their initial value live on the prototype
// (memory per idle keep-alive connection); `outgoing` is the shared
// frozen NO_OUTGOING until a pipelined response has to wait.
var NO_OUTGOING = Object.freeze([]);

function ConnState(server, socket) {
  this.server = server;
  this.socket = socket;
  this.incoming = []; // responses not finished yet, in request order
}
ConnState.prototype.outgoing = NO_OUTGOING; // responses waiting for the socket
ConnState.prototype.requests = 0;
ConnState.prototype.parser = null;
ConnState.prototype.parsing = false;
// The parser reads the socket's handle in C (parser.consume): nearly
// always, so the default. Whether the keep-alive timer runs is the
// parser's own state (parser.idle). Fewer than 8 own properties keep
// Duktape from adding a hash table to the object.
ConnState.prototype.consumed = true;
ConnState.prototype.current = null;
ConnState.prototype.upgradeReq = null;

// The server's parser callbacks sit on a prototype shared by every
// server-side parser rather than on each parser object.
var serverParserProto = Object.create(HTTPParser.prototype);

// A server socket's parser and server are its connection state's; an
// assignment (the client side, an upgraded socket) makes an own property.
Object.defineProperty(net.Socket.prototype, 'parser', {
  get: function () {
    var st = this._httpState;
    return st ? st.parser : null;
  },
  set: net.Socket._ownSetter('parser'),
  configurable: true
});
// (net.Socket.prototype's server accessor reads _httpState first.)

function connectionListener(socket) {
  var server = this;
  var st = new ConnState(server, socket);
  var parser = new HTTPParser();
  // setPrototypeOf(parser, serverParserProto), initialize(REQUEST, max),
  // setServer() (common requests are taken in C: server_request).
  parser.initServer(serverParserProto, server.maxHeaderSize || 16384);
  st.parser = parser;
  parser.state = st;
  // socket.parser and socket.server read st (the accessor below and
  // net's): two own properties less per connection.
  socket._httpState = st;
  delete socket._acceptedBy;
  server[kConnections].push(st);
  if (server.timeout && typeof socket.setTimeout === 'function') socket.setTimeout(server.timeout);
  // socket.on() for each of these; in one go while the socket's only
  // listener is net's 'end' one: a new listener table, made at its size
  // (an object literal) rather than grown one property at a time.
  var ev = socket._events;
  if (socket._eventsCount === 1 && ev !== undefined && typeof ev.end === 'function') {
    ev = { end: [ev.end, socketOnEnd], timeout: socketOnTimeout, error: socketOnError,
           close: socketOnClose, drain: socketOnDrain };
    Object.setPrototypeOf(ev, null); // as EventEmitter's tables
    socket._events = ev;
    socket._eventsCount = 5;
  } else {
    socket.on('timeout', socketOnTimeout);
    socket.on('error', socketOnError);
    socket.on('end', socketOnEnd);
    socket.on('close', socketOnClose);
    socket.on('drain', socketOnDrain);
  }
  if (!(socket._handle && socket._handle.readStart && parser.consume(socket._handle) === 0)) {
    st.consumed = false;
    socket.on('data', socketOnData);
  }
}

function socketOnData(d) {
  var st = this._httpState;
  var ret = st.parser.execute(d);
  onParserExecuteCommon(st, ret, d);
}

function parserOnExecute(ret, rest) {
  onParserExecuteCommon(this.state, ret, rest);
}

function onParserExecuteCommon(st, ret, d) {
  var socket = st.socket, server = st.server;
  if (ret instanceof Error) {
    if (ret.upgrade) {
      // The upgrade/CONNECT request completed: hand over the socket.
      var req = st.upgradeReq;
      var head = d ? (ret.bytesParsed !== undefined && !st.consumed ? d.slice(ret.bytesParsed) : d) : Buffer.alloc(0);
      if (!head) head = Buffer.alloc(0);
      unhookSocket(st);
      var ev = req.method === 'CONNECT' ? 'connect' : 'upgrade';
      if (server.listenerCount(ev) > 0) {
        server.emit(ev, req, socket, head);
      } else {
        socket.destroy();
      }
      return;
    }
    ret.rawPacket = d;
    socketOnError.call(socket, ret);
  }
}

function unhookSocket(st) {
  var socket = st.socket;
  socket.removeListener('data', socketOnData);
  socket.removeListener('end', socketOnEnd);
  socket.removeListener('close', socketOnClose);
  socket.removeListener('drain', socketOnDrain);
  socket.removeListener('timeout', socketOnTimeout);
  socket.removeListener('error', socketOnError);
  if (st.consumed) {
    st.parser.unconsume();
    st.consumed = false;
  }
  removeConn(st);
  clearKeepAlive(st);
  socket._httpState = null;
  socket._acceptedBy = st.server; // what socket.server reads again
}

function removeConn(st) {
  var list = st.server[kConnections], i = list.indexOf(st);
  if (i >= 0) list.splice(i, 1);
}

function clearKeepAlive(st) {
  st.parser.idle(0);
}

function parserOnHeadersComplete(major, minor, headers, method, url, statusCode, statusMessage,
                                 upgrade, shouldKeepAlive, complete, info) {
  var st = this.state, server = st.server, socket = st.socket;
  clearKeepAlive(st);
  if (socket._timer) socket._unrefTimerActive();
  var req = new IncomingMessage(socket);
  req._server = server;
  req.httpVersionMajor = major;
  req.httpVersionMinor = minor;
  req.httpVersion = major === 1 && minor === 1 ? '1.1' : major + '.' + minor;
  req.rawHeaders = headers;
  req.method = methods[method];
  req.url = url;
  req.upgrade = upgrade;
  if (server.maxHeadersCount && headers.length > server.maxHeadersCount * 2) {
    headers.length = server.maxHeadersCount * 2;
  }
  if (upgrade) {
    if (req.method === 'CONNECT' || server.listenerCount('upgrade') > 0) {
      st.upgradeReq = req;
      req.complete = true;
      return 2;
    }
    req.upgrade = false;
  }
  if (complete) {
    req.complete = true;
    req._endPending = true; // endIncoming of a request nobody has read yet
  } else {
    st.current = req;
  }
  st.requests++;
  // Host is required from HTTP/1.1 clients.
  if (server.requireHostHeader && major === 1 && minor === 1 && !(info & 1)) {
    socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n', 'latin1');
    return upgrade ? 3 : 0;
  }
  var res = new ServerResponse(req);
  if (server.keepAliveTimeout !== 5000) res._keepAliveTimeout = server.keepAliveTimeout;
  if (server.maxRequestsPerSocket) res._maxRequestsPerSocket = server.maxRequestsPerSocket;
  if (!shouldKeepAlive) res.shouldKeepAlive = false;
  if (server.maxRequestsPerSocket > 0 && st.requests >= server.maxRequestsPerSocket) {
    res.maxRequestsOnConnectionReached = true;
  }
  // incoming holds the responses (res.req is the request): no req -> res
  // reference, so a finished pair is freed by reference counting, without
  // waiting for Duktape's mark-and-sweep (Node has no req.res either).
  st.incoming.push(res);
  res._st = st; // _onFinishWrite calls resOnFinish before 'finish' listeners

  if (socket._httpMessage) {
    if (st.outgoing === NO_OUTGOING) st.outgoing = [];
    st.outgoing.push(res);
  } else {
    // assignSocket of a response nobody can listen to yet, with nothing
    // queued: no 'socket' listener, nothing to flush.
    socket._httpMessage = res;
    res.socket = socket;
  }
  if (server.maxRequestsPerSocket > 0 && st.requests > server.maxRequestsPerSocket) {
    res._dropped = true;
    server.emit('dropRequest', req, socket);
    res.writeHead(503);
    res.end();
    return upgrade ? 3 : 0;
  }
  var expect = major === 1 && minor === 1 && (info & 2) !== 0 && findHeader(headers, 'expect');
  if (expect) {
    if (/^100-continue$/i.test(expect)) {
      res._expect_continue = true;
      if (server.listenerCount('checkContinue') > 0) {
        server.emit('checkContinue', req, res);
      } else {
        res.writeContinue();
        server.emit('request', req, res);
      }
    } else if (server.listenerCount('checkExpectation') > 0) {
      server.emit('checkExpectation', req, res);
    } else {
      res.writeHead(417);
      res.end();
    }
  } else {
    server.emit('request', req, res);
  }
  return upgrade ? 3 : 0;
}

function hasHost(headers) {
  for (var i = 0; i < headers.length; i += 2) {
    if (headers[i].length === 4 && headers[i].toLowerCase() === 'host') return true;
  }
  return false;
}

function findHeader(headers, name) {
  for (var i = 0; i < headers.length; i += 2) {
    if (headers[i].length === name.length && headers[i].toLowerCase() === name) return headers[i + 1];
  }
  return false;
}

function parserOnBody(b) {
  var st = this.state;
  var req = st.current;
  if (!req) return;
  if (st.socket._timer) st.socket._unrefTimerActive();
  pushBody(req, st.socket, b);
}

function parserOnTrailers(trailers) {
  var st = this.state;
  if (st.current) st.current.rawTrailers = trailers;
}

function parserOnMessageComplete() {
  var st = this.state;
  var req = st.current;
  st.current = null;
  if (!req) return;
  req.complete = true;
  endIncoming(req);
}

// The per-request callbacks are top-level functions given their
// arguments: Duktape closures are garbage that only its mark-and-sweep
// collects (a function's .prototype points back at it), so a closure per
// request would grow RSS between collections.
function onFinishWriteNT(res) {
  res._onFinishWrite();
}

function emitCloseNT(res) {
  res.emit('close');
}

function onKeepAliveTimeout(st) {
  st.socket.destroy();
}

function resOnFinish() {
  var res = this, st = res._st, req = res.req, socket = st.socket;
  var inc = st.incoming, i;
  if (inc.length === 1 && inc[0] === res) {
    inc.length = 0;
  } else {
    i = inc.indexOf(res);
    if (i >= 0) inc.splice(i, 1);
  }
  // An unread body is dumped so the connection can go on.
  if (!Object.prototype.hasOwnProperty.call(req, '_readableState')) req._dumped = true;
  else if (!req._consuming && !req._readableState.resumeScheduled) req._dump();
  res.detachSocket(socket);
  process.nextTick(emitCloseNT, res);
  // Requests pipelined beyond maxRequestsPerSocket still get their 503
  // before the connection ends (as Node answers them).
  if (res._last && st.outgoing.length && st.outgoing[0]._dropped && socket.writable) {
    st.outgoing.shift().assignSocket(socket);
    return;
  }
  if (res.maxRequestsOnConnectionReached && !res._dropped && socket.writable) {
    // The last allowed request: requests pipelined after it are parsed
    // in this same turn; let them queue their 503 before closing.
    setImmediate(function () {
      if (socket._httpMessage || st.outgoing.length) return; // a 503 closes
      if (socket.writable) socket.destroySoon ? socket.destroySoon() : socket.end();
    });
    return;
  }
  if (res._last || !res.shouldKeepAlive) {
    if (socket.writable) socket.destroySoon ? socket.destroySoon() : socket.end();
    else socket.destroy();
    return;
  }
  if (st.outgoing.length) {
    st.outgoing.shift().assignSocket(socket);
  } else if (st.incoming.length === 0 && st.server.keepAliveTimeout > 0 && !st.current) {
    // The parser's own C timer (unreferenced): no JS timer per request.
    st.parser.idle(st.server.keepAliveTimeout);
  }
}

function socketOnDrain() {
  var msg = this._httpMessage;
  if (msg && msg[kNeedDrain]) {
    msg[kNeedDrain] = false;
    msg.emit('drain');
  }
}

function socketOnTimeout() {
  var st = this._httpState;
  var res = st && st.incoming[0], req = res && res.req;
  var handled = false;
  if (req && req.listenerCount('timeout')) { req.emit('timeout', this); handled = true; }
  if (res && res.listenerCount('timeout')) { res.emit('timeout', this); handled = true; }
  if (st && st.server.emit('timeout', this)) handled = true;
  if (!handled) this.destroy();
}

var badRequestResponse = 'HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n';
var headersTooLarge = 'HTTP/1.1 431 Request Header Fields Too Large\r\nConnection: close\r\n\r\n';
var requestTimeoutResponse = 'HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n';

function socketOnError(e) {
  var st = this._httpState;
  this.removeListener('error', socketOnError);
  this.on('error', function () {});
  if (st && st.server.listenerCount('clientError') > 0) {
    st.server.emit('clientError', e, this);
    return;
  }
  if (this.writable && (!this._httpMessage || !this._httpMessage._headerSent)) {
    var response = e.code === 'HPE_HEADER_OVERFLOW' ? headersTooLarge :
      e.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? requestTimeoutResponse : badRequestResponse;
    this._httpMessage = null;
    this.end(response, 'latin1');
    var self = this;
    setTimeout(function () { self.destroy(); }, 1000).unref();
  } else {
    this.destroy(e);
  }
}

function socketOnEnd() {
  var st = this._httpState;
  if (!st) return;
  var ret = st.parser.finish();
  if (ret instanceof Error) {
    socketOnError.call(this, ret);
    return;
  }
  if (st.current && !st.current.complete) {
    st.current.aborted = true;
  }
  if (!this._httpMessage && st.outgoing.length === 0) {
    var w = this._writableState; // this.writable, without the getter call
    if (w.writable !== false && !w.destroyed && !w.errored && !w.ending && !w.ended) this.end();
  } else {
    // The responses in flight end the socket when they finish.
    var res = this._httpMessage;
    for (var i = 0; i < st.outgoing.length; i++) st.outgoing[i].shouldKeepAlive = false;
    if (res) res.shouldKeepAlive = false;
  }
}

function socketOnClose() {
  var st = this._httpState;
  if (!st) return;
  // clearKeepAlive(st), removeConn(st) and the unconsume, inline.
  if (st.consumed) {
    st.parser.unconsume(true); // and the keep-alive timer stops
    st.consumed = false;
  } else {
    st.parser.idle(0);
  }
  var conns = st.server[kConnections], i = conns.indexOf(st);
  if (i >= 0) {
    if (i === conns.length - 1) conns.pop();
    else conns.splice(i, 1);
  }
  var list = st.incoming;
  if (list.length !== 0) st.incoming = [];
  for (i = 0; i < list.length; i++) {
    var res = list[i], req = res.req;
    if (!req.complete) {
      req.aborted = true;
      req.emit('aborted');
      req.destroy(connResetException('aborted'));
    }
    req.emit('close');
    if (!res._closed) {
      res._closed = true;
      res.destroyed = true;
      res.emit('close');
    }
  }
  if (st.current && !st.current.complete) {
    st.current.aborted = true;
    st.current.emit('aborted');
  }
  this._acceptedBy = st.server; // what socket.server reads again
  this._httpState = null;
}

serverParserProto[kOnHeadersComplete] = parserOnHeadersComplete;
serverParserProto[kOnBody] = parserOnBody;
serverParserProto[kOnMessageComplete] = parserOnMessageComplete;
serverParserProto[kOnHeaders] = parserOnTrailers;
serverParserProto[kOnExecute] = parserOnExecute;
serverParserProto[HTTPParser.kOnTimeout] = function () {
  if (this.state) onKeepAliveTimeout(this.state);
};

function createServer(options, requestListener) {
  return new Server(options, requestListener);
}

// ---- Agent ----

function Agent(options) {
  if (!(this instanceof Agent)) return new Agent(options);
  EventEmitter.call(this);
  this.defaultPort = 80;
  this.protocol = 'http:';
  // As node: a null-prototype copy, noDelay true unless given (the
  // sockets' TCP_NODELAY: a head and a body written apart must not wait
  // for Nagle), and never a path (net would take it for a pipe).
  this.options = Object.assign(Object.create(null), options);
  if (this.options.noDelay === undefined) this.options.noDelay = true;
  this.options.path = null;
  this.requests = Object.create(null);
  this.sockets = Object.create(null);
  this.freeSockets = Object.create(null);
  this.keepAliveMsecs = this.options.keepAliveMsecs || 1000;
  this.keepAlive = this.options.keepAlive || false;
  this.maxSockets = this.options.maxSockets || Agent.defaultMaxSockets;
  this.maxFreeSockets = this.options.maxFreeSockets || 256;
  this.maxTotalSockets = this.options.maxTotalSockets || Infinity;
  this.totalSocketCount = 0;
  this.scheduling = this.options.scheduling || 'lifo';
  var self = this;
  this.on('free', function (socket, options) {
    var name = agentKey(self, options);
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    var requests = self.requests[name];
    if (requests && requests.length) {
      var req = requests.shift();
      if (!requests.length) delete self.requests[name];
      setRequestSocket(self, req, socket);
      return;
    }
    var req2 = socket._httpMessage;
    if (!req2 || !req2.shouldKeepAlive || !self.keepAlive) {
      socket.destroy();
      return;
    }
    var freeSockets = self.freeSockets[name] || [];
    var freeLen = 0, k;
    for (k in self.freeSockets) freeLen += self.freeSockets[k].length;
    if (freeSockets.length >= self.maxFreeSockets || freeLen >= self.maxFreeSockets * 1000) {
      socket.destroy();
      return;
    }
    if (!self.keepSocketAlive(socket)) {
      socket.destroy();
      return;
    }
    removeSocket(self, socket, options, true);
    socket._httpMessage = null;
    freeSockets.push(socket);
    self.freeSockets[name] = freeSockets;
    // on(), removed when it fires: once() would wrap it in a bound
    // function per request.
    socket.on('error', freeSocketErrorListener);
  });
}
util.inherits(Agent, EventEmitter);

Agent.defaultMaxSockets = Infinity;

function freeSocketErrorListener(err) {
  this.removeListener('error', freeSocketErrorListener);
  this.destroy();
  this.emit('agentRemove');
}

// The pool name of a socket's options: createSocket stores it in them
// (_agentKey, as node does), so the socket's later events do not make it
// again (an https name holds the agent's certificates: kilobytes).
function agentKey(agent, options) {
  return options && typeof options._agentKey === 'string' ? options._agentKey : agent.getName(options);
}

Agent.prototype.getName = function (options) {
  options = options || {};
  var name = options.host || 'localhost';
  name += ':';
  if (options.port) name += options.port;
  name += ':';
  if (options.localAddress) name += options.localAddress;
  if (options.family === 4 || options.family === 6) name += ':' + options.family;
  if (options.socketPath) name += ':' + options.socketPath;
  return name;
};

Agent.prototype.keepSocketAlive = function (socket) {
  socket.setKeepAlive(true, this.keepAliveMsecs);
  socket.unref();
  var t = this.options.timeout;
  if (t) socket.setTimeout(t);
  return true;
};

Agent.prototype.reuseSocket = function (socket, req) {
  socket.removeListener('error', freeSocketErrorListener);
  req.reusedSocket = true;
  socket.ref();
};

Agent.prototype.addRequest = function (req, options) {
  options = Object.assign({}, options, this.options);
  if (options.socketPath) options.path = options.socketPath;
  var name = this.getName(options);
  if (!this.sockets[name]) this.sockets[name] = [];
  var freeSockets = this.freeSockets[name];
  var socket;
  while (freeSockets && freeSockets.length) {
    socket = this.scheduling === 'fifo' ? freeSockets.shift() : freeSockets.pop();
    if (!freeSockets.length) delete this.freeSockets[name];
    if (socket.destroyed) {
      socket = null;
      freeSockets = this.freeSockets[name];
      continue;
    }
    break;
  }
  if (socket) {
    this.reuseSocket(socket, req);
    this.sockets[name].push(socket);
    setRequestSocket(this, req, socket);
    return;
  }
  var sockLen = this.sockets[name].length;
  if (sockLen < this.maxSockets && this.totalSocketCount < this.maxTotalSockets) {
    var self = this;
    this.createSocket(req, options, function (err, s) {
      if (err) {
        process.nextTick(function () { req.emit('error', err); });
        return;
      }
      setRequestSocket(self, req, s);
    });
  } else {
    if (!this.requests[name]) this.requests[name] = [];
    this.requests[name].push(req);
  }
};

Agent.prototype.createConnection = function (options, cb) {
  return net.createConnection(options, cb);
};

Agent.prototype.createSocket = function (req, options, cb) {
  var self = this;
  options = Object.assign({}, options, this.options);
  if (options.socketPath) options.path = options.socketPath;
  var name = this.getName(options);
  options._agentKey = name;
  options.encoding = null;
  var called = false;
  function oncreate(err, s) {
    if (called) return;
    called = true;
    if (err) return cb(err);
    if (!self.sockets[name]) self.sockets[name] = [];
    self.sockets[name].push(s);
    self.totalSocketCount++;
    installListeners(self, s, options);
    cb(null, s);
  }
  var newSocket = this.createConnection(options, oncreate);
  if (newSocket) oncreate(null, newSocket);
};

function installListeners(agent, s, options) {
  function onFree() { agent.emit('free', s, options); }
  function onClose() {
    agent.totalSocketCount--;
    removeSocket(agent, s, options, false);
    s.removeListener('free', onFree);
    s.removeListener('agentRemove', onRemove);
  }
  function onTimeout() {
    var sockets = agent.freeSockets[agentKey(agent, options)];
    if (sockets && sockets.indexOf(s) >= 0) s.destroy();
  }
  function onRemove() {
    agent.totalSocketCount--;
    removeSocket(agent, s, options, false);
    s.removeListener('close', onClose);
    s.removeListener('free', onFree);
    s.removeListener('agentRemove', onRemove);
  }
  s.on('free', onFree);
  s.on('close', onClose);
  s.on('timeout', onTimeout);
  s.on('agentRemove', onRemove);
}

function removeSocket(agent, s, options, keepCount) {
  var name = agentKey(agent, options), lists = [agent.sockets], i, list, idx;
  if (!keepCount) lists.push(agent.freeSockets);
  for (i = 0; i < lists.length; i++) {
    list = lists[i][name];
    if (list) {
      idx = list.indexOf(s);
      if (idx >= 0) {
        list.splice(idx, 1);
        if (!list.length) delete lists[i][name];
      }
    }
  }
  if (!keepCount) {
    var reqs = agent.requests[name];
    if (reqs && reqs.length && (!agent.sockets[name] || agent.sockets[name].length < agent.maxSockets)) {
      var req = reqs.shift();
      if (!reqs.length) delete agent.requests[name];
      agent.createSocket(req, options, function (err, sock) {
        if (err) req.emit('error', err);
        else setRequestSocket(agent, req, sock);
      });
    }
  }
}

Agent.prototype.destroy = function () {
  var sets = [this.freeSockets, this.sockets], i, k, j, list;
  for (i = 0; i < sets.length; i++) {
    for (k in sets[i]) {
      list = sets[i][k].slice();
      for (j = 0; j < list.length; j++) list[j].destroy();
    }
  }
};

function setRequestSocket(agent, req, socket) {
  req.onSocket(socket);
  var agentTimeout = agent.options.timeout || 0;
  if (req.timeout === undefined || req.timeout === agentTimeout) return;
  socket.setTimeout(req.timeout);
}

var globalAgent = new Agent({ keepAlive: true, scheduling: 'lifo', timeout: 5000 });

// ---- ClientRequest ----

function ClientRequest(input, options, cb) {
  if (!(this instanceof ClientRequest)) return new ClientRequest(input, options, cb);
  OutgoingMessage.call(this);
  if (typeof input === 'string') {
    input = urlToOptions(new (require('url').URL)(input));
  } else if (input && typeof input === 'object' && input.href && input.protocol && typeof input.searchParams === 'object') {
    input = urlToOptions(input);
  } else {
    cb = options;
    options = input;
    input = null;
  }
  if (typeof options === 'function') {
    cb = options;
    options = input || {};
  } else {
    options = Object.assign({}, input || {}, options || {});
  }
  var agent = options.agent;
  var defaultAgent = options._defaultAgent || globalAgent;
  if (agent === false) {
    agent = new defaultAgent.constructor();
  } else if (agent === null || agent === undefined) {
    if (typeof options.createConnection !== 'function') agent = defaultAgent;
  }
  this.agent = agent;
  // As node: the protocol is the agent's (https passes its globalAgent as
  // _defaultAgent, so 'https:' is taken here, not thrown and retried).
  var protocol = options.protocol || defaultAgent.protocol;
  var expectedProtocol = agent && agent.protocol ? agent.protocol : defaultAgent.protocol;
  if (protocol !== expectedProtocol) {
    throw nodeError(TypeError, 'ERR_INVALID_PROTOCOL',
      'Protocol "' + protocol + '" not supported. Expected "' + expectedProtocol + '"');
  }
  var defaultPort = options.defaultPort || (agent && agent.defaultPort) || 80;
  var port = options.port || defaultPort;
  var host = options.host || options.hostname || 'localhost';
  if (options.hostname) host = options.hostname;
  this.timeout = options.timeout;
  this.host = host;
  this.protocol = protocol;
  var method = (options.method || 'GET').toUpperCase();
  if (!checkIsHttpToken(method)) {
    throw nodeError(TypeError, 'ERR_INVALID_HTTP_TOKEN', 'Method must be a valid HTTP token ["' + options.method + '"]');
  }
  this.method = method;
  this.path = options.path || '/';
  // As node: only U+0021..U+00FF (/[^\u0021-\u00ff]/ rejects).
  if (!binding.checkPath(String(this.path))) {
    throw nodeError(TypeError, 'ERR_UNESCAPED_CHARACTERS', 'Request path contains unescaped characters');
  }
  this.maxHeaderSize = options.maxHeaderSize;
  this.res = null;
  this.aborted = false;
  this.reusedSocket = false;
  this.shouldKeepAlive = false;
  this.useChunkedEncodingByDefault = !(method === 'GET' || method === 'HEAD' || method === 'DELETE' ||
    method === 'OPTIONS' || method === 'TRACE' || method === 'CONNECT');
  if (cb) this.once('response', cb);
  var headers = options.headers, k, i;
  if (headers) {
    if (Array.isArray(headers)) {
      for (i = 0; i < headers.length; i += 2) this.appendHeader(headers[i], headers[i + 1]);
    } else {
      for (k in headers) this.setHeader(k, headers[k]);
    }
  }
  if (host && !this.getHeader('host') && options.setHost !== false) {
    var hostHeader = host;
    if (hostHeader.indexOf(':') >= 0 && hostHeader[0] !== '[') hostHeader = '[' + hostHeader + ']';
    if (port && +port !== defaultPort) hostHeader += ':' + port;
    this.setHeader('Host', hostHeader);
  }
  if (options.auth && !this.getHeader('Authorization')) {
    this.setHeader('Authorization', 'Basic ' + Buffer.from(options.auth).toString('base64'));
  }
  if (method === 'CONNECT') this._last = true;
  // Expect: 100-continue: the head goes out with the connection, the body
  // waits for the 'continue' event (Node stores the head here too).
  if (this.getHeader('expect')) {
    if (agent && agent.keepAlive) this.shouldKeepAlive = true;
    this._implicitHeader();
    this._send('');
  }
  var optsWithoutSignal = Object.assign({}, options);
  optsWithoutSignal.host = host;
  optsWithoutSignal.port = port;
  delete optsWithoutSignal.path;
  if (options.socketPath) optsWithoutSignal.path = options.socketPath;
  this._connOptions = optsWithoutSignal;
  if (agent) {
    if (agent.keepAlive) this.shouldKeepAlive = true;
    agent.addRequest(this, optsWithoutSignal);
  } else {
    this._last = true;
    this.shouldKeepAlive = false;
    var conn;
    if (typeof options.createConnection === 'function') {
      var self = this, called = false;
      conn = options.createConnection(optsWithoutSignal, function (err, s) {
        if (called) return;
        called = true;
        if (err) process.nextTick(function () { self.emit('error', err); });
        else self.onSocket(s);
      });
      if (conn && !called) {
        called = true;
        this.onSocket(conn);
      }
    } else {
      this.onSocket(net.createConnection(optsWithoutSignal));
    }
  }
}
util.inherits(ClientRequest, OutgoingMessage);

function urlToOptions(url) {
  var o = {
    protocol: url.protocol,
    hostname: typeof url.hostname === 'string' && url.hostname[0] === '[' ? url.hostname.slice(1, -1) : url.hostname,
    hash: url.hash,
    search: url.search,
    pathname: url.pathname,
    path: (url.pathname || '') + (url.search || ''),
    href: url.href
  };
  if (url.port !== '') o.port = Number(url.port);
  if (url.username || url.password) o.auth = decodeURIComponent(url.username) + ':' + decodeURIComponent(url.password);
  return o;
}

ClientRequest.prototype._implicitHeader = function () {
  if (this._header) {
    throw nodeError(Error, 'ERR_HTTP_HEADERS_SENT', 'Cannot render headers after they are sent to the client');
  }
  this._buildHead(this.method + ' ' + this.path + ' HTTP/1.1', null);
};

ClientRequest.prototype.abort = function () {
  if (this.aborted) return;
  this.aborted = true;
  var self = this;
  process.nextTick(function () { self.emit('abort'); });
  this.destroy();
};

ClientRequest.prototype.destroy = function (err) {
  if (this.destroyed) return this;
  this.destroyed = true;
  if (this.res) this.res._dump();
  this[kError] = err;
  // Without a socket yet, onSocket's tick reports the end (tickOnSocket).
  if (this.socket) this.socket.destroy(err);
  return this;
};
var kError = '_clientError';

ClientRequest.prototype.setNoDelay = function (v) {
  var self = this;
  if (this.socket) this.socket.setNoDelay(v);
  else this.once('socket', function (s) { s.setNoDelay(v); });
};

ClientRequest.prototype.setSocketKeepAlive = function (enable, delay) {
  if (this.socket) this.socket.setKeepAlive(enable, delay);
  else this.once('socket', function (s) { s.setKeepAlive(enable, delay); });
};

ClientRequest.prototype.setTimeout = function (msecs, callback) {
  var self = this;
  if (callback) this.once('timeout', callback);
  this.timeout = msecs;
  function arm(sock) {
    sock.setTimeout(msecs);
  }
  if (this.socket) arm(this.socket);
  else this.once('socket', arm);
  return this;
};

ClientRequest.prototype.onSocket = function (socket) {
  process.nextTick(tickOnSocket, this, socket);
};

function tickOnSocket(req, socket) {
  if (req.destroyed) {
    // Destroyed (or aborted) before the socket came: Node's onSocketNT.
    // A request destroyed without an error and not aborted reports
    // "socket hang up".
    var err = req[kError];
    var done = function () {
      if (!req.aborted && !err) err = connResetException('socket hang up');
      if (err) req.emit('error', err);
      req._closed = true;
      req.emit('close');
    };
    if (!err && req.agent && !socket.destroyed) {
      socket.emit('free');
      done();
    } else if (socket.destroyed) {
      process.nextTick(done);
    } else {
      // Node waits for the socket to close (finished()); its error is
      // the request's.
      socket.on('error', function () {});
      socket.once('close', done);
      socket.destroy(err);
    }
    return;
  }
  var parser = new HTTPParser();
  parser.initialize(HTTPParser.RESPONSE, req.maxHeaderSize || 16384);
  parser.state = { req: req, socket: socket, res: null };
  parser[kOnHeadersComplete] = clientOnHeadersComplete;
  parser[kOnBody] = clientOnBody;
  parser[kOnMessageComplete] = clientOnMessageComplete;
  parser[kOnHeaders] = clientOnTrailers;
  if (req.method === 'HEAD') parser.setHeadResponse(1);
  socket.parser = parser;
  socket._httpMessage = req;
  req.socket = socket;
  req._parser = parser;
  if (!clientAttached(socket)) attachClient(socket);
  if (req.timeout !== undefined && req.timeout > 0) socket.setTimeout(req.timeout);
  req.emit('socket', socket);
  if (socket.connecting) {
    socket.once('connect', function () { req._flush(); });
  } else {
    req._flush();
  }
}

function clientSocketOnTimeout() {
  var req = this._httpMessage;
  if (req && req.listenerCount('timeout')) req.emit('timeout');
  else if (req) req.emit('timeout');
}

function clientSocketOnData(d) {
  var parser = this.parser;
  if (!parser) return;
  var ret = parser.execute(d);
  if (ret instanceof Error) {
    if (ret.upgrade) {
      var st = parser.state, req = st.req, res = st.upgradeRes;
      var head = d.slice(ret.bytesParsed);
      detachClient(this);
      var ev = req.method === 'CONNECT' ? 'connect' : 'upgrade';
      if (req.listenerCount(ev) > 0) {
        req.upgradeOrConnect = true;
        req.emit(ev, res, this, head);
        req.emit('close');
      } else {
        this.destroy();
      }
      return;
    }
    this.destroy(ret);
  }
}

// The client's six socket listeners. Node adds them for each request and
// removes them when the response is done; lode leaves them on a
// keep-alive socket the agent pools (parkClient), where each does nothing
// without a request (no parser, no _httpMessage), because under Duktape
// adding and removing them was an eighth of a keep-alive request (~130k
// instructions). They go when the socket leaves HTTP (an upgrade).
var kClientListening = '_httpClientListening';

var clientListeners = [
  ['error', clientSocketOnError], ['data', clientSocketOnData], ['end', clientSocketOnEnd],
  ['close', clientSocketOnClose], ['drain', socketOnDrain], ['timeout', clientSocketOnTimeout]
];

function attachClient(socket) {
  for (var i = 0; i < clientListeners.length; i++) socket.on(clientListeners[i][0], clientListeners[i][1]);
  socket[kClientListening] = true;
}

// Attached, and the 'data' listener still there (a user may have removed
// listeners from the socket between requests).
function clientAttached(socket) {
  if (socket[kClientListening] !== true) return false;
  var d = socket._events !== undefined ? socket._events.data : undefined;
  if (d === clientSocketOnData || (Array.isArray(d) && d.indexOf(clientSocketOnData) >= 0)) return true;
  removeClientListeners(socket);
  return false;
}

function removeClientListeners(socket) {
  if (socket[kClientListening] !== true) return;
  for (var i = 0; i < clientListeners.length; i++) {
    socket.removeListener(clientListeners[i][0], clientListeners[i][1]);
  }
  socket[kClientListening] = false;
}

function detachClient(socket) {
  removeClientListeners(socket);
  socket.parser = null;
  socket._httpMessage = null;
}

// A keep-alive socket back to its agent: no request on it any more, the
// listeners stay for the next one.
function parkClient(socket) {
  socket.parser = null;
  socket._httpMessage = null;
}

function clientOnHeadersComplete(major, minor, headers, method, url, statusCode, statusMessage,
                                 upgrade, shouldKeepAlive, complete) {
  var st = this.state, req = st.req, socket = st.socket;
  var res = new IncomingMessage(socket);
  res.httpVersionMajor = major;
  res.httpVersionMinor = minor;
  res.httpVersion = major + '.' + minor;
  res.rawHeaders = headers;
  res.statusCode = statusCode;
  res.statusMessage = statusMessage;
  res.upgrade = upgrade;
  if (statusCode >= 100 && statusCode < 200 && statusCode !== 101) {
    if (statusCode === 100) req.emit('continue');
    req.emit('information', { statusCode: statusCode, statusMessage: statusMessage,
      httpVersion: res.httpVersion, httpVersionMajor: major, httpVersionMinor: minor,
      headers: res.headers, rawHeaders: headers });
    // The C parser reports the end of a body-less message with the head
    // (complete); only otherwise does kOnMessageComplete follow.
    if (!complete) st.skipComplete = true;
    return 1;
  }
  // An upgrade ends the HTTP part: the parser completes the message (no
  // response stream to end), then execute() reports the upgrade.
  if (req.method === 'CONNECT' && statusCode >= 200 && statusCode < 300) {
    res.upgrade = true;
    st.upgradeRes = res;
    return 2;
  }
  if (upgrade && statusCode === 101) {
    st.upgradeRes = res;
    return 2;
  }
  st.res = res;
  req.res = res;
  res.req = req;
  if (req.shouldKeepAlive && !shouldKeepAlive) req.shouldKeepAlive = false;
  if (!shouldKeepAlive) req.shouldKeepAlive = false;
  if (req.method === 'HEAD') complete = true;
  if (complete) {
    res.complete = true;
    res.push(null);
  }
  if (req.aborted || !req.emit('response', res)) res._dump();
  if (complete) responseDone(st);
  return req.method === 'HEAD' ? 1 : 0;
}

function clientOnBody(b) {
  var st = this.state;
  if (st.res) pushBody(st.res, st.socket, b);
}

function clientOnTrailers(t) {
  var st = this.state;
  if (st.res) st.res.rawTrailers = t;
}

function clientOnMessageComplete() {
  var st = this.state;
  if (st.skipComplete) {
    st.skipComplete = false;
    return;
  }
  var res = st.res;
  if (!res) return;
  res.complete = true;
  res.push(null);
  responseDone(st);
}

// The request's 'close' once its response has ended; no closures per
// request (under Duktape a closure is a reference cycle, freed only by
// mark-and-sweep). responseOnEnd runs as the response's listener.
function emitRequestClose(req) { req.emit('close'); }
function responseOnEnd() { emitRequestClose(this.req); }

function responseFinished(req, socket) {
  if (socket._httpMessage !== req) return;
  if (req.shouldKeepAlive && req.agent && !socket.destroyed) {
    parkClient(socket);
    socket._httpMessage = req;
    var res = req.res;
    // 'end' comes once; node adds its responseOnEnd with on() too.
    if (res && !res.readableEnded) res.on('end', responseOnEnd);
    else process.nextTick(emitRequestClose, req);
    socket.emit('free');
    if (socket._httpMessage === req) socket._httpMessage = null;
  } else {
    socket.destroySoon ? socket.destroySoon() : socket.end();
    if (!socket.writable) socket.destroy();
  }
}

function responseDone(st) {
  var req = st.req, socket = st.socket;
  st.res = null;
  if (req.finished && req._finishEmitted) responseFinished(req, socket);
  else req.once('finish', function () { responseFinished(req, socket); });
}

function clientSocketOnError(err) {
  var req = this._httpMessage;
  if (!req) return; // pooled: the agent's freeSocketErrorListener acts
  if (!req.res || !req.res.complete) {
    req.socket = this;
    req.emit('error', err);
  }
  if (req.res && !req.res.complete) {
    req.res.aborted = true;
    req.res.emit('aborted');
    req.res.destroy(connResetException('aborted'));
  }
  this._hadErrorReported = true;
}

function clientSocketOnEnd() {
  var parser = this.parser, req = this._httpMessage;
  if (parser) {
    var ret = parser.finish();
    if (ret instanceof Error && req && !req.res) {
      this.destroy(ret);
      return;
    }
  }
  if (req && !req.res && !this._hadErrorReported) {
    this._hadErrorReported = true;
    req.emit('error', connResetException('socket hang up'));
  }
  this.destroy();
}

function clientSocketOnClose() {
  var req = this._httpMessage;
  if (!req) return;
  var res = req.res;
  if (res) {
    if (!res.complete) {
      res.aborted = true;
      res.emit('aborted');
      res.destroy(connResetException('aborted'));
    }
    var done = function () { req.emit('close'); };
    if (res.readableEnded || res.destroyed) process.nextTick(done);
    else res.once('end', done);
  } else {
    if (!this._hadErrorReported && !req.aborted) {
      this._hadErrorReported = true;
      req.emit('error', connResetException('socket hang up'));
    }
    req.emit('close');
  }
}

function request(url, options, cb) {
  return new ClientRequest(url, options, cb);
}

function get(url, options, cb) {
  var req = request(url, options, cb);
  req.end();
  return req;
}

module.exports = {
  METHODS: METHODS,
  STATUS_CODES: STATUS_CODES,
  Agent: Agent,
  ClientRequest: ClientRequest,
  IncomingMessage: IncomingMessage,
  OutgoingMessage: OutgoingMessage,
  Server: Server,
  ServerResponse: ServerResponse,
  createServer: createServer,
  validateHeaderName: validateHeaderName,
  validateHeaderValue: validateHeaderValue,
  get: get,
  request: request,
  maxHeaderSize: 16384,
  globalAgent: globalAgent,
  setMaxIdleHTTPParsers: function () {}
};
