/*
 * internal/streams/utils — shared helpers of the stream implementation:
 * the stream error codes, duck-typing predicates (isReadableNodeStream,
 * isFinished, ...) with Node 20's answers, and the few Buffer operations
 * the streams need (from, allocUnsafe, isEncoding).
 *
 * Layer: stdlib (pure ES5). Everything here is cheap and allocation-free on
 * the hot paths; the Buffer helpers go through the global Buffer, looked up
 * at call time so that this file loads before buffer.js exists.
 */
'use strict';

var errors = require('internal/errors');
var codes = errors.codes;

/* Stream error codes (Node 20 texts). Registered here when internal/errors
 * does not define them yet. */
function defineCode(code, msg, Base) {
  if (codes[code] === undefined) errors.E(code, msg, Base);
}
defineCode('ERR_STREAM_PUSH_AFTER_EOF', 'stream.push() after EOF', Error);
defineCode('ERR_STREAM_UNSHIFT_AFTER_END_EVENT', 'stream.unshift() after end event', Error);
defineCode('ERR_STREAM_WRITE_AFTER_END', 'write after end', Error);
defineCode('ERR_STREAM_DESTROYED', 'Cannot call %s after a stream was destroyed', Error);
defineCode('ERR_STREAM_NULL_VALUES', 'May not write null values to stream', TypeError);
defineCode('ERR_STREAM_CANNOT_PIPE', 'Cannot pipe, not readable', Error);
defineCode('ERR_STREAM_ALREADY_FINISHED', 'Cannot call %s after a stream was finished', Error);
defineCode('ERR_STREAM_PREMATURE_CLOSE', 'Premature close', Error);
defineCode('ERR_MULTIPLE_CALLBACK', 'Callback called multiple times', Error);
defineCode('ERR_STREAM_UNABLE_TO_PIPE', 'Cannot pipe to a closed or destroyed stream', Error);
defineCode('ERR_METHOD_NOT_IMPLEMENTED', 'The %s method is not implemented', Error);

/* AbortError: Node's class has name 'AbortError' and code 'ABORT_ERR'. */
function AbortError(message, options) {
  if (!(this instanceof AbortError)) return new AbortError(message, options);
  var e = new Error(message === undefined ? 'The operation was aborted' : message);
  Object.defineProperty(this, 'message', {
    value: e.message, writable: true, configurable: true, enumerable: false
  });
  if (e.stack !== undefined) {
    Object.defineProperty(this, 'stack', {
      value: e.stack, writable: true, configurable: true, enumerable: false
    });
  }
  if (options && options.cause !== undefined) this.cause = options.cause;
  this.code = 'ABORT_ERR';
}
AbortError.prototype = Object.create(Error.prototype, {
  constructor: { value: AbortError, writable: true, configurable: true },
  name: { value: 'AbortError', writable: true, configurable: true }
});
if (errors.AbortError === undefined) errors.AbortError = AbortError;
else AbortError = errors.AbortError;

/* aggregateTwoErrors(inner, outer): either one when only one exists; both
 * in an AggregateError (message and code of the outer one) otherwise. */
function aggregateTwoErrors(inner, outer) {
  if (inner && outer && inner !== outer) {
    if (Array.isArray(outer.errors)) {
      outer.errors.push(inner);
      return outer;
    }
    var err;
    if (typeof AggregateError === 'function') {
      err = new AggregateError([outer, inner], outer.message);
    } else {
      err = new Error(outer.message);
      err.name = 'AggregateError';
      err.errors = [outer, inner];
    }
    err.code = outer.code;
    return err;
  }
  return inner || outer;
}

/* ---- Buffer helpers ---- */

var ENCODINGS = {
  'utf8': 1, 'utf-8': 1, 'hex': 1, 'base64': 1, 'base64url': 1, 'ascii': 1,
  'latin1': 1, 'binary': 1, 'ucs2': 1, 'ucs-2': 1, 'utf16le': 1, 'utf-16le': 1
};

function isEncoding(enc) {
  if (typeof Buffer === 'function' && typeof Buffer.isEncoding === 'function' &&
      Buffer.from !== undefined) {
    return Buffer.isEncoding(enc);
  }
  return typeof enc === 'string' && ENCODINGS[enc.toLowerCase()] === 1;
}

function bufferFrom(str, encoding) {
  if (Buffer.from !== undefined) return Buffer.from(str, encoding);
  return new Buffer(str); /* XXX: pre-buffer.js fallback: utf8 only */
}

function allocUnsafe(n) {
  if (Buffer.allocUnsafe !== undefined) return Buffer.allocUnsafe(n);
  return new Buffer(n);
}

function isBuffer(v) {
  return typeof Buffer === 'function' && Buffer.isBuffer(v);
}

function isUint8Array(v) {
  return v instanceof Uint8Array;
}

function isArrayBufferView(v) {
  return ArrayBuffer.isView(v);
}

/* A typed array or DataView seen as a Buffer over the same memory. */
function toBuffer(view) {
  if (Buffer.from !== undefined) return Buffer.from(view.buffer, view.byteOffset, view.byteLength);
  var b = new Buffer(view.byteLength);
  b.set(new Uint8Array(view.buffer, view.byteOffset, view.byteLength), 0);
  return b;
}

/* ---- predicates (Node's internal/streams/utils) ---- */

var hasSymbol = typeof Symbol === 'function';
var kIsDestroyed = hasSymbol ? Symbol['for']('nodejs.stream.destroyed') : '__nodejsStreamDestroyed';
var kIsErrored = hasSymbol ? Symbol['for']('nodejs.stream.errored') : '__nodejsStreamErrored';
var kIsReadable = hasSymbol ? Symbol['for']('nodejs.stream.readable') : '__nodejsStreamReadable';
var kIsWritable = hasSymbol ? Symbol['for']('nodejs.stream.writable') : '__nodejsStreamWritable';
var kIsDisturbed = hasSymbol ? Symbol['for']('nodejs.stream.disturbed') : '__nodejsStreamDisturbed';
var kIterator = hasSymbol && Symbol.iterator ? Symbol.iterator : '@@iterator';
var kAsyncIterator = hasSymbol && Symbol.asyncIterator ? Symbol.asyncIterator : '@@asyncIterator';

function isReadableNodeStream(obj, strict) {
  return !!(obj &&
    typeof obj.pipe === 'function' &&
    typeof obj.on === 'function' &&
    (!strict || (typeof obj.pause === 'function' && typeof obj.resume === 'function')) &&
    (!obj._writableState || !obj._readableState || obj._readableState.readable !== false) &&
    (!obj._writableState || obj._readableState));
}

function isWritableNodeStream(obj) {
  return !!(obj &&
    typeof obj.write === 'function' &&
    typeof obj.on === 'function' &&
    (!obj._readableState || !obj._writableState || obj._writableState.writable !== false));
}

function isDuplexNodeStream(obj) {
  return !!(obj &&
    (typeof obj.pipe === 'function' && obj._readableState) &&
    typeof obj.on === 'function' &&
    typeof obj.write === 'function');
}

function isNodeStream(obj) {
  return !!(obj &&
    (obj._readableState ||
     obj._writableState ||
     (typeof obj.write === 'function' && typeof obj.on === 'function') ||
     (typeof obj.pipe === 'function' && typeof obj.on === 'function')));
}

function isIterable(obj, isAsync) {
  if (obj == null) return false;
  if (isAsync === true) return typeof obj[kAsyncIterator] === 'function';
  if (isAsync === false) return typeof obj[kIterator] === 'function';
  return typeof obj[kAsyncIterator] === 'function' || typeof obj[kIterator] === 'function';
}

function isDestroyed(stream) {
  if (!isNodeStream(stream)) return null;
  var state = stream._writableState || stream._readableState;
  return !!(stream.destroyed || stream[kIsDestroyed] || (state && state.destroyed));
}

function isWritableEnded(stream) {
  if (!isWritableNodeStream(stream)) return null;
  if (stream.writableEnded === true) return true;
  var w = stream._writableState;
  if (w && w.errored) return false;
  if (!w || typeof w.ended !== 'boolean') return null;
  return w.ended;
}

function isWritableFinished(stream, strict) {
  if (!isWritableNodeStream(stream)) return null;
  if (stream.writableFinished === true) return true;
  var w = stream._writableState;
  if (w && w.errored) return false;
  if (!w || typeof w.finished !== 'boolean') return null;
  return !!(w.finished || (strict === false && w.ended === true && w.length === 0));
}

function isReadableEnded(stream) {
  if (!isReadableNodeStream(stream)) return null;
  if (stream.readableEnded === true) return true;
  var r = stream._readableState;
  if (!r || r.errored) return false;
  if (typeof r.ended !== 'boolean') return null;
  return r.ended;
}

function isReadableFinished(stream, strict) {
  if (!isReadableNodeStream(stream)) return null;
  var r = stream._readableState;
  if (r && r.errored) return false;
  if (!r || typeof r.endEmitted !== 'boolean') return null;
  return !!(r.endEmitted || (strict === false && r.ended === true && r.length === 0));
}

function isReadable(stream) {
  if (stream && stream[kIsReadable] != null) return stream[kIsReadable];
  if (!stream || typeof stream.readable !== 'boolean') return null;
  if (isDestroyed(stream)) return false;
  return isReadableNodeStream(stream) && stream.readable && !isReadableFinished(stream);
}

function isWritable(stream) {
  if (stream && stream[kIsWritable] != null) return stream[kIsWritable];
  if (!stream || typeof stream.writable !== 'boolean') return null;
  if (isDestroyed(stream)) return false;
  return isWritableNodeStream(stream) && stream.writable && !isWritableEnded(stream);
}

function isFinished(stream, opts) {
  if (!isNodeStream(stream)) return null;
  if (isDestroyed(stream)) return true;
  if ((!opts || opts.readable !== false) && isReadable(stream)) return false;
  if ((!opts || opts.writable !== false) && isWritable(stream)) return false;
  return true;
}

function isWritableErrored(stream) {
  if (!isNodeStream(stream)) return null;
  if (stream.writableErrored) return stream.writableErrored;
  var w = stream._writableState;
  return w && w.errored != null ? w.errored : null;
}

function isReadableErrored(stream) {
  if (!isNodeStream(stream)) return null;
  if (stream.readableErrored) return stream.readableErrored;
  var r = stream._readableState;
  return r && r.errored != null ? r.errored : null;
}

function isOutgoingMessage(stream) {
  return typeof stream._closed === 'boolean' &&
    typeof stream._defaultKeepAlive === 'boolean' &&
    typeof stream._removedConnection === 'boolean' &&
    typeof stream._removedContLen === 'boolean';
}

function isServerResponse(stream) {
  return typeof stream._sent100 === 'boolean' && isOutgoingMessage(stream);
}

function isServerRequest(stream) {
  return typeof stream._consuming === 'boolean' &&
    typeof stream._dumped === 'boolean' &&
    (!stream.req || stream.req.upgradeOrConnect === undefined);
}

function isClosed(stream) {
  if (!isNodeStream(stream)) return null;
  if (typeof stream.closed === 'boolean') return stream.closed;
  var w = stream._writableState;
  var r = stream._readableState;
  if ((w && typeof w.closed === 'boolean') || (r && typeof r.closed === 'boolean')) {
    return (w && w.closed) || (r && r.closed);
  }
  if (typeof stream._closed === 'boolean' && isOutgoingMessage(stream)) return stream._closed;
  return null;
}

function willEmitClose(stream) {
  if (!isNodeStream(stream)) return null;
  var state = stream._writableState || stream._readableState;
  return (!state && isServerResponse(stream)) ||
    !!(state && state.autoDestroy && state.emitClose && state.closed === false);
}

function firstDefined(list) {
  for (var i = 0; i < list.length; i++) {
    if (list[i] !== undefined && list[i] !== null) return list[i];
  }
  return undefined;
}

function isDisturbed(stream) {
  if (!stream) return false;
  var v = stream[kIsDisturbed];
  if (v !== undefined && v !== null) return !!v;
  return !!(stream.readableDidRead || stream.readableAborted);
}

function isErrored(stream) {
  if (!stream) return false;
  var r = stream._readableState;
  var w = stream._writableState;
  return !!firstDefined([
    stream[kIsErrored],
    stream.readableErrored,
    stream.writableErrored,
    r && r.errorEmitted,
    w && w.errorEmitted,
    r && r.errored,
    w && w.errored
  ]);
}

function nop() {}

module.exports = {
  codes: codes,
  AbortError: AbortError,
  aggregateTwoErrors: aggregateTwoErrors,
  isEncoding: isEncoding,
  bufferFrom: bufferFrom,
  allocUnsafe: allocUnsafe,
  isBuffer: isBuffer,
  isUint8Array: isUint8Array,
  isArrayBufferView: isArrayBufferView,
  toBuffer: toBuffer,
  kIsDestroyed: kIsDestroyed,
  kIsErrored: kIsErrored,
  kIsReadable: kIsReadable,
  kIsWritable: kIsWritable,
  kIsDisturbed: kIsDisturbed,
  kIterator: kIterator,
  kAsyncIterator: kAsyncIterator,
  isReadableNodeStream: isReadableNodeStream,
  isWritableNodeStream: isWritableNodeStream,
  isDuplexNodeStream: isDuplexNodeStream,
  isNodeStream: isNodeStream,
  isIterable: isIterable,
  isDestroyed: isDestroyed,
  isWritableEnded: isWritableEnded,
  isWritableFinished: isWritableFinished,
  isReadableEnded: isReadableEnded,
  isReadableFinished: isReadableFinished,
  isReadable: isReadable,
  isWritable: isWritable,
  isFinished: isFinished,
  isWritableErrored: isWritableErrored,
  isReadableErrored: isReadableErrored,
  isClosed: isClosed,
  isServerRequest: isServerRequest,
  isServerResponse: isServerResponse,
  willEmitClose: willEmitClose,
  isDisturbed: isDisturbed,
  isErrored: isErrored,
  nop: nop
};
