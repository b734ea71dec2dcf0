/*
 * internal/streams/pipeline — stream.pipeline(source, ...transforms,
 * destination, callback): pipe the streams together, and on the first
 * error (or premature close) destroy all of them; the callback runs once,
 * on a later tick, with that error or nothing.
 *
 * Layer: stdlib (pure ES5). Sources and stages are Node streams; a source
 * may also be an array or a sync iterable (turned into Readable.from).
 * XXX: async-generator stages, functions as stages and AbortSignal are not
 * supported (they need ES2018 syntax in user code anyway).
 */
'use strict';

var eos = require('internal/streams/end-of-stream');
var destroyImpl = require('internal/streams/destroy');
var errors = require('internal/errors');
var utils = require('internal/streams/utils');
var codes = utils.codes;

var Readable;

function destroyer(stream, reading, writing) {
  var finished = false;
  stream.on('close', function () {
    finished = true;
  });
  var cleanup = eos(stream, { readable: reading, writable: writing }, function (err) {
    finished = !err;
  });
  return {
    destroy: function (err) {
      if (finished) return;
      finished = true;
      destroyImpl.destroyer(stream, err || codes.ERR_STREAM_DESTROYED('pipe'));
    },
    cleanup: cleanup
  };
}

function pipeline() {
  var streams = Array.prototype.slice.call(arguments);
  var cb = streams[streams.length - 1];
  errors.validateFunction(cb, 'streams[stream.length - 1]');
  streams.pop();
  var called = false;
  return pipelineImpl(streams, function (err, value) {
    if (called) return;
    called = true;
    cb(err, value);
  });
}

function pipelineImpl(streams, callback, opts) {
  if (streams.length === 1 && Array.isArray(streams[0])) streams = streams[0];
  if (streams.length < 2) throw codes.ERR_MISSING_ARGS('streams');

  var lastStreamCleanup = [];
  var error;
  var value;
  var destroys = [];
  var finishCount = 0;

  function finish(err) {
    finishImpl(err, --finishCount === 0);
  }

  function finishImpl(err, isFinal) {
    if (err && (!error || error.code === 'ERR_STREAM_PREMATURE_CLOSE')) error = err;
    if (!error && !isFinal) return;
    while (destroys.length) destroys.shift()(error);
    if (isFinal) {
      if (!error) {
        for (var j = 0; j < lastStreamCleanup.length; j++) lastStreamCleanup[j]();
      }
      process.nextTick(callback, error, value);
    }
  }

  function addStream(stream, i) {
    var reading = i < streams.length - 1;
    var writing = i > 0;
    var end = reading || !opts || opts.end !== false;
    var isLastStream = i === streams.length - 1;
    if (end) {
      var d = destroyer(stream, reading, writing);
      destroys.push(d.destroy);
      if (utils.isReadable(stream) && isLastStream) lastStreamCleanup.push(d.cleanup);
    }
    function onError(err) {
      if (err && err.name !== 'AbortError' && err.code !== 'ERR_STREAM_PREMATURE_CLOSE') finish(err);
    }
    stream.on('error', onError);
    if (utils.isReadable(stream) && isLastStream) {
      lastStreamCleanup.push(function () {
        stream.removeListener('error', onError);
      });
    }
    return end;
  }

  var ret;
  for (var i = 0; i < streams.length; i++) {
    var stream = streams[i];
    var reading = i < streams.length - 1;
    var end = reading || !opts || opts.end !== false;

    if (i === 0 && !utils.isNodeStream(stream) &&
        (Array.isArray(stream) || utils.isIterable(stream) || typeof stream === 'string')) {
      if (!Readable) Readable = require('internal/streams/readable');
      stream = Readable.from(stream);
    }
    if (utils.isNodeStream(stream)) {
      addStream(stream, i);
    }

    if (i === 0) {
      if (utils.isReadableNodeStream(stream)) {
        ret = stream;
      } else {
        throw codes.ERR_INVALID_ARG_TYPE('source', ['Stream', 'Iterable'], stream);
      }
    } else if (utils.isNodeStream(stream)) {
      if (utils.isReadableNodeStream(ret)) {
        finishCount += 2;
        var c = pipe(ret, stream, finish, end);
        if (utils.isReadable(stream) && i === streams.length - 1) lastStreamCleanup.push(c);
      } else {
        throw codes.ERR_INVALID_ARG_TYPE('val', ['Readable', 'Iterable', 'AsyncIterable'], ret);
      }
      ret = stream;
    } else {
      // XXX: function stages and Duplex.from() are not supported.
      throw codes.ERR_INVALID_ARG_TYPE('streams[' + i + ']', ['Stream'], stream);
    }
  }
  return ret;
}

function pipe(src, dst, finish, end) {
  var ended = false;
  dst.on('close', function () {
    if (!ended) finish(codes.ERR_STREAM_PREMATURE_CLOSE());
  });

  /* end is handled here so that it happens only after a full read. */
  src.pipe(dst, { end: false });

  if (end) {
    var endFn = function () {
      ended = true;
      dst.end();
    };
    if (utils.isReadableFinished(src)) process.nextTick(endFn);
    else src.once('end', endFn);
  } else {
    finish();
  }

  eos(src, { readable: true, writable: false }, function (err) {
    var rState = src._readableState;
    if (err && err.code === 'ERR_STREAM_PREMATURE_CLOSE' &&
        rState && rState.ended && !rState.errored && !rState.errorEmitted) {
      /* Closed after its last data was pushed but before 'end' was
       * emitted (e.g. autoDestroy in the same tick): wait for 'end'. */
      src.once('end', finish).once('error', finish);
    } else {
      finish(err);
    }
  });
  return eos(dst, { readable: false, writable: true }, finish);
}

module.exports = { pipelineImpl: pipelineImpl, pipeline: pipeline };
