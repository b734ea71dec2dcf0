/*
 * internal/streams/end-of-stream — stream.finished(stream[, options], cb):
 * call cb once the stream is done (ended / finished / closed) or failed,
 * with ERR_STREAM_PREMATURE_CLOSE when it closed before it was done.
 * Returns a function removing every listener it added.
 *
 * Layer: stdlib (pure ES5). Follows Node 20's decision table: when the
 * stream will emit 'close' (autoDestroy + emitClose), the callback waits
 * for 'close' rather than firing at 'end'/'finish'.
 */
'use strict';

var errors = require('internal/errors');
var utils = require('internal/streams/utils');
var codes = utils.codes;

function nop() {}

function isRequest(stream) {
  return stream.setHeader && typeof stream.abort === 'function';
}

function eos(stream, options, callback) {
  if (arguments.length === 2) {
    callback = options;
    options = {};
  } else if (options == null) {
    options = {};
  } else {
    errors.validateObject(options, 'options');
  }
  errors.validateFunction(callback, 'callback');
  // XXX: options.signal (AbortSignal) is not supported.

  var userCallback = callback;
  var called = false;
  callback = function (err) {
    if (called) return;
    called = true;
    if (arguments.length === 0) userCallback.call(stream);
    else userCallback.call(stream, err);
  };

  if (!utils.isNodeStream(stream)) {
    throw codes.ERR_INVALID_ARG_TYPE('stream', ['ReadableStream', 'WritableStream', 'Stream'], stream);
  }

  var readable = options.readable != null ? options.readable : utils.isReadableNodeStream(stream);
  var writable = options.writable != null ? options.writable : utils.isWritableNodeStream(stream);

  var wState = stream._writableState;
  var rState = stream._readableState;

  function onlegacyfinish() {
    if (!stream.writable) onfinish();
  }

  var willEmitClose = utils.willEmitClose(stream) &&
    utils.isReadableNodeStream(stream) === readable &&
    utils.isWritableNodeStream(stream) === writable;

  var writableFinished = utils.isWritableFinished(stream, false);
  function onfinish() {
    writableFinished = true;
    if (stream.destroyed) willEmitClose = false;
    if (willEmitClose && (!stream.readable || readable)) return;
    if (!readable || readableFinished) callback();
  }

  var readableFinished = utils.isReadableFinished(stream, false);
  function onend() {
    readableFinished = true;
    if (stream.destroyed) willEmitClose = false;
    if (willEmitClose && (!stream.writable || writable)) return;
    if (!writable || writableFinished) callback();
  }

  function onerror(err) {
    callback(err);
  }

  var closed = utils.isClosed(stream);

  function onclose() {
    closed = true;
    var errored = utils.isWritableErrored(stream) || utils.isReadableErrored(stream);
    if (errored && typeof errored !== 'boolean') return callback(errored);
    if (readable && !readableFinished && utils.isReadableNodeStream(stream, true)) {
      if (!utils.isReadableFinished(stream, false)) return callback(codes.ERR_STREAM_PREMATURE_CLOSE());
    }
    if (writable && !writableFinished) {
      if (!utils.isWritableFinished(stream, false)) return callback(codes.ERR_STREAM_PREMATURE_CLOSE());
    }
    callback();
  }

  function onclosed() {
    closed = true;
    var errored = utils.isWritableErrored(stream) || utils.isReadableErrored(stream);
    if (errored && typeof errored !== 'boolean') return callback(errored);
    callback();
  }

  function onrequest() {
    stream.req.on('finish', onfinish);
  }

  if (isRequest(stream)) {
    stream.on('complete', onfinish);
    if (!willEmitClose) stream.on('abort', onclose);
    if (stream.req) onrequest();
    else stream.on('request', onrequest);
  } else if (writable && !wState) {
    /* legacy streams */
    stream.on('end', onlegacyfinish);
    stream.on('close', onlegacyfinish);
  }

  if (!willEmitClose && typeof stream.aborted === 'boolean') stream.on('aborted', onclose);

  stream.on('end', onend);
  stream.on('finish', onfinish);
  if (options.error !== false) stream.on('error', onerror);
  stream.on('close', onclose);

  if (closed) {
    process.nextTick(onclose);
  } else if ((wState && wState.errorEmitted) || (rState && rState.errorEmitted)) {
    if (!willEmitClose) process.nextTick(onclosed);
  } else if (!readable &&
             (!willEmitClose || utils.isReadable(stream)) &&
             (writableFinished || utils.isWritable(stream) === false) &&
             (wState == null || wState.pendingcb === undefined || wState.pendingcb === 0)) {
    process.nextTick(onclosed);
  } else if (!writable &&
             (!willEmitClose || utils.isWritable(stream)) &&
             (readableFinished || utils.isReadable(stream) === false)) {
    process.nextTick(onclosed);
  } else if (rState && stream.req && stream.aborted) {
    process.nextTick(onclosed);
  }

  return function cleanup() {
    callback = nop;
    stream.removeListener('aborted', onclose);
    stream.removeListener('complete', onfinish);
    stream.removeListener('abort', onclose);
    stream.removeListener('request', onrequest);
    if (stream.req) stream.req.removeListener('finish', onfinish);
    stream.removeListener('end', onlegacyfinish);
    stream.removeListener('close', onlegacyfinish);
    stream.removeListener('finish', onfinish);
    stream.removeListener('end', onend);
    stream.removeListener('error', onerror);
    stream.removeListener('close', onclose);
  };
}

/* finished(stream[, opts]) -> Promise (stream/promises). */
function finished(stream, opts) {
  var autoCleanup = false;
  if (opts === null) opts = {};
  if (opts && opts.cleanup) {
    errors.validateBoolean(opts.cleanup, 'cleanup');
    autoCleanup = opts.cleanup;
  }
  return new Promise(function (resolve, reject) {
    var cleanup = eos(stream, opts, function (err) {
      if (autoCleanup) cleanup();
      if (err) reject(err);
      else resolve();
    });
  });
}

module.exports = eos;
module.exports.finished = finished;
