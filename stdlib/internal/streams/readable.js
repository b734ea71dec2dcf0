/*
 * internal/streams/readable — stream.Readable, as documented for Node 20.
 *
 * Layer: stdlib (pure ES5). The buffered chunks live in `state.buffer`, an
 * array consumed from `state.bufferIndex` (no shift() per chunk; the array
 * is reset when drained and compacted past 1024 consumed slots). `length`
 * counts bytes, characters once an encoding is set, or objects in
 * objectMode. Event timing follows Node: 'readable', 'end', 'resume' and
 * the maybeReadMore loop are deferred with process.nextTick exactly where
 * Node defers them, so traces of event order match.
 */
'use strict';

module.exports = Readable;
Readable.ReadableState = ReadableState;

var EE = require('events');
var legacy = require('internal/streams/legacy');
var Stream = legacy.Stream;
var prependListener = legacy.prependListener;
var destroyImpl = require('internal/streams/destroy');
var stateMod = require('internal/streams/state');
var utils = require('internal/streams/utils');
var codes = utils.codes;
var errorOrDestroy = destroyImpl.errorOrDestroy;

var StringDecoder; /* loaded on first use */
function newDecoder(enc) {
  if (StringDecoder === undefined) {
    StringDecoder = require('string_decoder').StringDecoder;
  }
  return new StringDecoder(enc);
}

Object.setPrototypeOf(Readable.prototype, Stream.prototype);
Object.setPrototypeOf(Readable, Stream);

var MAX_HWM = 0x40000000;

/* Memory: a state's fields that still hold their initial value live on
 * ReadableState.prototype, so an instance carries only what changed (an
 * idle keep-alive socket has two states; each own property costs about
 * 34 bytes in Duktape). Mutable containers stay per instance, except
 * `pipes`, which is the shared frozen NO_PIPES until the first pipe(). */
var NO_PIPES = Object.freeze([]);
/* state.buffer is the shared frozen NO_BUFFER while nothing is buffered
 * (most sockets hand their chunks straight to 'data', or to a C consumer),
 * and goes back to it when a read empties the buffer. */
var NO_BUFFER = Object.freeze([]);
function ownBuffer(state) {
  if (state.buffer === NO_BUFFER) state.buffer = [];
  return state.buffer;
}
var readableDefaults = {
  objectMode: false,
  bufferIndex: 0,
  length: 0,
  pipes: NO_PIPES,
  buffer: NO_BUFFER,
  flowing: null,
  ended: false,
  endEmitted: false,
  reading: false,
  /* Async construction (_construct) is opt-in: start constructed. */
  constructed: true,
  /* True while inside _read() (or before the first read): 'readable' and
   * 'data' must then wait for a later tick. */
  sync: true,
  needReadable: false,
  emittedReadable: false,
  readableListening: false,
  resumeScheduled: false,
  paused: null, /* null until pause() or resume() was called */
  dataListening: false,
  errorEmitted: false,
  emitClose: true,
  /* A constant (not the settable default): an own value where it differs. */
  highWaterMark: 16 * 1024,
  autoDestroy: true,
  destroyed: false,
  errored: null,
  closed: false,
  closeEmitted: false,
  defaultEncoding: 'utf8',
  /* The piped destinations we wait a 'drain' from: null, one stream, or an
   * array of streams when multiAwaitDrain (more than one pipe). */
  awaitDrainWriters: null,
  multiAwaitDrain: false,
  readingMore: false,
  dataEmitted: false,
  decoder: null,
  encoding: null
};

function ReadableState(options, stream, isDuplex) {
  if (options && (options.objectMode || (isDuplex && options.readableObjectMode))) {
    this.objectMode = true;
  }
  var hwm = options ?
    stateMod.getHighWaterMark(this, options, 'readableHighWaterMark', isDuplex) :
    stateMod.getDefaultHighWaterMark(false);
  if (hwm !== this.highWaterMark) this.highWaterMark = hwm; // else the prototype's

  if (options && options.emitClose === false) this.emitClose = false;
  if (options && options.autoDestroy === false) this.autoDestroy = false;

  var defaultEncoding = options ? options.defaultEncoding : null;
  if (defaultEncoding == null || defaultEncoding === 'utf8' || defaultEncoding === 'utf-8') {
    // the prototype's 'utf8'
  } else if (utils.isEncoding(defaultEncoding)) {
    this.defaultEncoding = defaultEncoding;
  } else {
    throw codes.ERR_UNKNOWN_ENCODING(defaultEncoding);
  }

  if (options && options.encoding) {
    this.decoder = newDecoder(options.encoding);
    this.encoding = options.encoding;
  }
}

(function () {
  for (var k in readableDefaults) ReadableState.prototype[k] = readableDefaults[k];
})();

Object.defineProperty(ReadableState.prototype, 'pipesCount', {
  get: function () { return this.pipes.length; },
  configurable: true
});

function Readable(options) {
  if (!(this instanceof Readable)) return new Readable(options);
  this._readableState = new ReadableState(options, this, false);
  if (options) {
    if (typeof options.read === 'function') this._read = options.read;
    if (typeof options.destroy === 'function') this._destroy = options.destroy;
    if (typeof options.construct === 'function') this._construct = options.construct;
    // XXX: options.signal (addAbortSignal) is not supported.
  }
  Stream.call(this, options);
  if (this._construct != null) destroyImpl.construct(this, onConstructed);
}

function onConstructed() {
  var state = this._readableState;
  if (state.needReadable) maybeReadMore(this, state);
}
Readable._onConstructed = onConstructed;

Readable.prototype.destroy = destroyImpl.destroy;
Readable.prototype._undestroy = destroyImpl.undestroy;
Readable.prototype._destroy = function (err, cb) {
  cb(err);
};

if (EE.captureRejectionSymbol !== undefined) {
  Readable.prototype[EE.captureRejectionSymbol] = function (err) {
    this.destroy(err);
  };
}

/* push(chunk[, encoding]): add data (null: end of data). Returns false once
 * the buffer reaches highWaterMark. */
Readable.prototype.push = function (chunk, encoding) {
  var state = this._readableState;
  return state.objectMode ?
    pushObjectMode(this, state, chunk, encoding) :
    pushByteMode(this, state, chunk, encoding);
};

/* unshift(chunk[, encoding]): put data back at the front of the buffer. */
Readable.prototype.unshift = function (chunk, encoding) {
  var state = this._readableState;
  if (chunk === null) {
    state.reading = false;
    onEofChunk(this, state);
    return false;
  }
  if (!state.objectMode) {
    if (typeof chunk === 'string') {
      encoding = encoding || state.defaultEncoding;
      if (state.encoding !== encoding) {
        if (state.encoding) {
          /* Stored strings are in the state's encoding. */
          chunk = utils.bufferFrom(chunk, encoding).toString(state.encoding);
        } else {
          chunk = utils.bufferFrom(chunk, encoding);
        }
      }
    } else if (utils.isArrayBufferView(chunk)) {
      if (!utils.isBuffer(chunk)) chunk = utils.toBuffer(chunk);
    } else if (chunk !== undefined) {
      errorOrDestroy(this, codes.ERR_INVALID_ARG_TYPE('chunk',
        ['string', 'Buffer', 'TypedArray', 'DataView'], chunk));
      return false;
    }
    if (!(chunk && chunk.length > 0)) return canPushMore(state);
  }
  if (state.endEmitted) {
    errorOrDestroy(this, codes.ERR_STREAM_UNSHIFT_AFTER_END_EVENT());
  } else if (state.destroyed || state.errored) {
    return false;
  } else {
    addChunk(this, state, chunk, true);
  }
  return canPushMore(state);
};

function pushByteMode(stream, state, chunk, encoding) {
  if (chunk === null) {
    state.reading = false;
    onEofChunk(stream, state);
    return false;
  }
  if (typeof chunk === 'string') {
    encoding = encoding || state.defaultEncoding;
    if (state.encoding !== encoding) {
      chunk = utils.bufferFrom(chunk, encoding);
      encoding = '';
    }
  } else if (utils.isBuffer(chunk)) {
    encoding = '';
  } else if (utils.isArrayBufferView(chunk)) {
    chunk = utils.toBuffer(chunk);
    encoding = '';
  } else if (chunk !== undefined) {
    errorOrDestroy(stream, codes.ERR_INVALID_ARG_TYPE('chunk',
      ['string', 'Buffer', 'TypedArray', 'DataView'], chunk));
    return false;
  }

  if (!chunk || chunk.length <= 0) {
    state.reading = false;
    maybeReadMore(stream, state);
    return canPushMore(state);
  }
  if (state.ended) {
    errorOrDestroy(stream, codes.ERR_STREAM_PUSH_AFTER_EOF());
    return false;
  }
  if (state.destroyed || state.errored) return false;

  state.reading = false;
  if (state.decoder !== null && !encoding) {
    chunk = state.decoder.write(chunk);
    if (chunk.length === 0) {
      maybeReadMore(stream, state);
      return canPushMore(state);
    }
  }
  addChunk(stream, state, chunk, false);
  return canPushMore(state);
}

function pushObjectMode(stream, state, chunk, encoding) {
  if (chunk === null) {
    state.reading = false;
    onEofChunk(stream, state);
    return false;
  }
  if (state.ended) {
    errorOrDestroy(stream, codes.ERR_STREAM_PUSH_AFTER_EOF());
    return false;
  }
  if (state.destroyed || state.errored) return false;
  state.reading = false;
  if (state.decoder !== null && !encoding) chunk = state.decoder.write(chunk);
  addChunk(stream, state, chunk, false);
  return canPushMore(state);
}

function canPushMore(state) {
  /* Below the mark, or empty (so that highWaterMark 0 still moves). */
  return !state.ended && (state.length < state.highWaterMark || state.length === 0);
}

function clearAwaitDrain(state) {
  if (state.multiAwaitDrain) state.awaitDrainWriters.length = 0;
  else state.awaitDrainWriters = null;
}

function addChunk(stream, state, chunk, addToFront) {
  if (state.flowing === true && !state.sync && state.dataListening && state.length === 0) {
    /* Flowing with nothing queued: hand the chunk straight to 'data'. */
    clearAwaitDrain(state);
    state.dataEmitted = true;
    stream.emit('data', chunk);
  } else {
    state.length += state.objectMode ? 1 : chunk.length;
    if (addToFront) {
      if (state.bufferIndex > 0) state.buffer[--state.bufferIndex] = chunk;
      else ownBuffer(state).unshift(chunk);
    } else {
      ownBuffer(state).push(chunk);
    }
    if (state.needReadable) emitReadable(stream);
  }
  maybeReadMore(stream, state);
}

Readable.prototype.isPaused = function () {
  var state = this._readableState;
  return state.paused === true || state.flowing === false;
};

Readable.prototype.setEncoding = function (enc) {
  var state = this._readableState;
  var decoder = newDecoder(enc);
  state.decoder = decoder;
  /* setEncoding(null) means utf8: take the decoder's normalised name. */
  state.encoding = decoder.encoding;
  var content = '';
  var buf = state.buffer;
  for (var i = state.bufferIndex; i < buf.length; i++) content += decoder.write(buf[i]);
  state.buffer = NO_BUFFER;
  state.bufferIndex = 0;
  if (content !== '') ownBuffer(state).push(content);
  state.length = content.length;
  return this;
};

function computeNewHighWaterMark(n) {
  if (n > MAX_HWM) throw codes.ERR_OUT_OF_RANGE('size', '<= 1GiB', n);
  /* The next power of two, so the mark does not creep up in tiny steps. */
  n--;
  n |= n >>> 1;
  n |= n >>> 2;
  n |= n >>> 4;
  n |= n >>> 8;
  n |= n >>> 16;
  n++;
  return n;
}

function howMuchToRead(n, state) {
  if (n <= 0 || (state.length === 0 && state.ended)) return 0;
  if (state.objectMode) return 1;
  if (n !== n) {
    /* read() with no size: one chunk at a time when flowing, else all. */
    if (state.flowing === true && state.length) return state.buffer[state.bufferIndex].length;
    return state.length;
  }
  if (n <= state.length) return n;
  return state.ended ? state.length : 0;
}

Readable.prototype.read = function (n) {
  if (n === undefined) {
    n = NaN;
  } else if (typeof n !== 'number' || Math.floor(n) !== n) {
    n = parseInt(n, 10);
  }
  var state = this._readableState;
  var nOrig = n;

  if (n > state.highWaterMark) state.highWaterMark = computeNewHighWaterMark(n);
  if (n !== 0) state.emittedReadable = false;

  /* read(0) with enough buffered: just schedule 'readable' (or 'end'). */
  if (n === 0 && state.needReadable &&
      ((state.highWaterMark !== 0 ? state.length >= state.highWaterMark : state.length > 0) ||
       state.ended)) {
    if (state.length === 0 && state.ended) endReadable(this);
    else emitReadable(this);
    return null;
  }

  n = howMuchToRead(n, state);

  if (n === 0 && state.ended) {
    if (state.length === 0) endReadable(this);
    return null;
  }

  /* Decide whether to call _read before taking data out: a synchronous
   * _read may push enough for this very call. */
  var doRead = state.needReadable;
  if (state.length === 0 || state.length - n < state.highWaterMark) doRead = true;
  if (state.ended || state.reading || state.destroyed || state.errored || !state.constructed) {
    doRead = false;
  } else if (doRead) {
    state.reading = true;
    state.sync = true;
    if (state.length === 0) state.needReadable = true;
    try {
      this._read(state.highWaterMark);
    } catch (err) {
      errorOrDestroy(this, err);
    }
    state.sync = false;
    if (!state.reading) n = howMuchToRead(nOrig, state);
  }

  var ret = n > 0 ? fromList(n, state) : null;

  if (ret === null) {
    if (state.length <= state.highWaterMark) state.needReadable = true;
    n = 0;
  } else {
    state.length -= n;
    clearAwaitDrain(state);
  }

  if (state.length === 0) {
    if (!state.ended) state.needReadable = true;
    /* Read past the end: 'end' on the next tick. */
    if (nOrig !== n && state.ended) endReadable(this);
  }

  if (ret !== null && !state.errorEmitted && !state.closeEmitted) {
    state.dataEmitted = true;
    this.emit('data', ret);
  }
  return ret;
};

function onEofChunk(stream, state) {
  if (state.ended) return;
  if (state.decoder !== null) {
    var chunk = state.decoder.end();
    if (chunk && chunk.length) {
      ownBuffer(state).push(chunk);
      state.length += state.objectMode ? 1 : chunk.length;
    }
  }
  state.ended = true;
  if (state.sync) {
    /* Inside _read: wait a tick rather than emit from within read(). */
    emitReadable(stream);
  } else {
    /* Emitted synchronously: some modules rely on it. */
    state.needReadable = false;
    state.emittedReadable = true;
    emitReadable_(stream);
  }
}

function emitReadable(stream) {
  var state = stream._readableState;
  state.needReadable = false;
  if (!state.emittedReadable) {
    state.emittedReadable = true;
    process.nextTick(emitReadable_, stream);
  }
}

function emitReadable_(stream) {
  var state = stream._readableState;
  if (!state.destroyed && !state.errored && (state.length || state.ended)) {
    stream.emit('readable');
    state.emittedReadable = false;
  }
  /* Another 'readable' is needed when not flowing, not ended and not above
   * the mark; flowing mode is driven by flow() instead. */
  if (state.flowing !== true && !state.ended && state.length <= state.highWaterMark) {
    state.needReadable = true;
  }
  flow(stream);
}

/* Fill the buffer up to highWaterMark ahead of demand, on the next tick. */
function maybeReadMore(stream, state) {
  if (!state.readingMore && state.constructed) {
    state.readingMore = true;
    process.nextTick(maybeReadMore_, stream, state);
  }
}

function maybeReadMore_(stream, state) {
  while (!state.reading && !state.ended &&
         (state.length < state.highWaterMark ||
          (state.flowing === true && state.length === 0))) {
    var len = state.length;
    stream.read(0);
    if (len === state.length) break; /* no data came: stop spinning */
  }
  state.readingMore = false;
}

Readable.prototype._read = function (n) {
  throw codes.ERR_METHOD_NOT_IMPLEMENTED('_read()');
};

/* pipe(dest[, {end}]): flowing into dest with backpressure: a false from
 * dest.write() pauses this stream until dest emits 'drain'. */
Readable.prototype.pipe = function (dest, pipeOpts) {
  var src = this;
  var state = this._readableState;

  if (state.pipes.length === 1 && !state.multiAwaitDrain) {
    state.multiAwaitDrain = true;
    state.awaitDrainWriters = state.awaitDrainWriters ? [state.awaitDrainWriters] : [];
  }
  if (state.pipes === NO_PIPES) state.pipes = [];
  state.pipes.push(dest);

  var doEnd = (!pipeOpts || pipeOpts.end !== false) &&
    dest !== process.stdout && dest !== process.stderr;
  var endFn = doEnd ? onend : unpipe;
  if (state.endEmitted) process.nextTick(endFn);
  else src.once('end', endFn);

  dest.on('unpipe', onunpipe);
  function onunpipe(readable, unpipeInfo) {
    if (readable === src && unpipeInfo && unpipeInfo.hasUnpiped === false) {
      unpipeInfo.hasUnpiped = true;
      cleanup();
    }
  }

  function onend() {
    dest.end();
  }

  var ondrain;
  var cleanedUp = false;
  function cleanup() {
    dest.removeListener('close', onclose);
    dest.removeListener('finish', onfinish);
    if (ondrain) dest.removeListener('drain', ondrain);
    dest.removeListener('error', onerror);
    dest.removeListener('unpipe', onunpipe);
    src.removeListener('end', onend);
    src.removeListener('end', unpipe);
    src.removeListener('data', ondata);
    cleanedUp = true;
    /* If the source waits on this dest's 'drain', it would never flow
     * again: act as if the drain came. */
    if (ondrain && state.awaitDrainWriters &&
        (!dest._writableState || dest._writableState.needDrain)) {
      ondrain();
    }
  }

  function pause() {
    /* Unpiped during dest.write(): do not stay paused for nothing. */
    if (!cleanedUp) {
      if (state.pipes.length === 1 && state.pipes[0] === dest) {
        state.awaitDrainWriters = dest;
        state.multiAwaitDrain = false;
      } else if (state.pipes.length > 1 && state.pipes.indexOf(dest) !== -1) {
        if (state.awaitDrainWriters.indexOf(dest) === -1) state.awaitDrainWriters.push(dest);
      }
      src.pause();
    }
    if (!ondrain) {
      ondrain = pipeOnDrain(src, dest);
      dest.on('drain', ondrain);
    }
  }

  src.on('data', ondata);
  function ondata(chunk) {
    if (dest.write(chunk) === false) pause();
  }

  /* A dest error stops the piping but still reaches the user. */
  function onerror(er) {
    unpipe();
    dest.removeListener('error', onerror);
    if (dest.listenerCount('error') === 0) {
      var s = dest._writableState || dest._readableState;
      if (s && !s.errorEmitted) errorOrDestroy(dest, er);
      else dest.emit('error', er);
    }
  }
  prependListener(dest, 'error', onerror);

  function onclose() {
    dest.removeListener('finish', onfinish);
    unpipe();
  }
  dest.once('close', onclose);
  function onfinish() {
    dest.removeListener('close', onclose);
    unpipe();
  }
  dest.once('finish', onfinish);

  function unpipe() {
    src.unpipe(dest);
  }

  dest.emit('pipe', src);

  if (dest.writableNeedDrain === true) pause();
  else if (state.flowing !== true) src.resume();
  return dest;
};

function pipeOnDrain(src, dest) {
  return function pipeOnDrainFunctionResult() {
    var state = src._readableState;
    if (state.awaitDrainWriters === dest) {
      state.awaitDrainWriters = null;
    } else if (state.multiAwaitDrain) {
      var i = state.awaitDrainWriters.indexOf(dest);
      if (i !== -1) state.awaitDrainWriters.splice(i, 1);
    }
    if ((!state.awaitDrainWriters || state.awaitDrainWriters.length === 0) &&
        state.dataListening) {
      src.resume();
    }
  };
}

Readable.prototype.unpipe = function (dest) {
  var state = this._readableState;
  if (state.pipes.length === 0) return this;
  if (!dest) {
    var dests = state.pipes;
    state.pipes = [];
    this.pause();
    for (var i = 0; i < dests.length; i++) {
      dests[i].emit('unpipe', this, { hasUnpiped: false });
    }
    return this;
  }
  var index = state.pipes.indexOf(dest);
  if (index === -1) return this;
  state.pipes.splice(index, 1);
  if (state.pipes.length === 0) this.pause();
  dest.emit('unpipe', this, { hasUnpiped: false });
  return this;
};

/* Adding a 'data' listener starts the flow (unless paused explicitly);
 * adding a 'readable' listener switches to paused mode. */
Readable.prototype.on = function (ev, fn) {
  var res = Stream.prototype.on.call(this, ev, fn);
  var state = this._readableState;
  if (ev === 'data') {
    state.dataListening = true;
    /* Lets resume() below be a no-op while once('readable') is pending. */
    if (this.listenerCount('readable') > 0) state.readableListening = true;
    if (state.flowing !== false) this.resume();
  } else if (ev === 'readable') {
    if (!state.endEmitted && !state.readableListening) {
      state.readableListening = state.needReadable = true;
      state.flowing = false;
      state.emittedReadable = false;
      if (state.length) emitReadable(this);
      else if (!state.reading) process.nextTick(nReadingNextTick, this);
    }
  }
  return res;
};
Readable.prototype.addListener = Readable.prototype.on;

Readable.prototype.removeListener = function (ev, fn) {
  var state = this._readableState;
  var res = Stream.prototype.removeListener.call(this, ev, fn);
  if (ev === 'readable') {
    /* Re-evaluated after the current 'readable' emission so that
     * once('readable') loops keep working. */
    process.nextTick(updateReadableListening, this);
  } else if (ev === 'data' && this.listenerCount('data') === 0) {
    state.dataListening = false;
  }
  return res;
};
Readable.prototype.off = Readable.prototype.removeListener;

Readable.prototype.removeAllListeners = function (ev) {
  var res = Stream.prototype.removeAllListeners.apply(this, arguments);
  if (ev === 'readable' || ev === undefined) process.nextTick(updateReadableListening, this);
  return res;
};

function updateReadableListening(self) {
  var state = self._readableState;
  state.readableListening = self.listenerCount('readable') > 0;
  if (state.resumeScheduled && state.paused === false) {
    /* resume() was called: flowing must be true for the upcoming flow. */
    state.flowing = true;
  } else if (state.dataListening) {
    self.resume();
  } else if (!state.readableListening) {
    state.flowing = null;
  }
}

function nReadingNextTick(self) {
  self.read(0);
}

Readable.prototype.resume = function () {
  var state = this._readableState;
  if (state.flowing !== true) {
    /* With a 'readable' listener, resume() is recorded but does not flow. */
    state.flowing = !state.readableListening;
    resume(this, state);
  }
  state.paused = false;
  return this;
};

function resume(stream, state) {
  if (!state.resumeScheduled) {
    state.resumeScheduled = true;
    process.nextTick(resume_, stream, state);
  }
}

function resume_(stream, state) {
  if (!state.reading) stream.read(0);
  state.resumeScheduled = false;
  stream.emit('resume');
  flow(stream);
  if (state.flowing === true && !state.reading) stream.read(0);
}

Readable.prototype.pause = function () {
  var state = this._readableState;
  if (state.flowing !== false) {
    state.flowing = false;
    this.emit('pause');
  }
  state.paused = true;
  return this;
};

function flow(stream) {
  var state = stream._readableState;
  while (state.flowing === true && stream.read() !== null);
}

/* wrap(oldStream): drive this Readable from a pre-streams2 stream. */
Readable.prototype.wrap = function (stream) {
  var self = this;
  var paused = false;
  stream.on('data', function (chunk) {
    if (!self.push(chunk) && stream.pause) {
      paused = true;
      stream.pause();
    }
  });
  stream.on('end', function () {
    self.push(null);
  });
  stream.on('error', function (err) {
    errorOrDestroy(self, err);
  });
  stream.on('close', function () {
    self.destroy();
  });
  stream.on('destroy', function () {
    self.destroy();
  });
  this._read = function () {
    if (paused && stream.resume) {
      paused = false;
      stream.resume();
    }
  };
  var keys = Object.keys(stream);
  for (var j = 1; j < keys.length; j++) {
    var k = keys[j];
    if (this[k] === undefined && typeof stream[k] === 'function') this[k] = stream[k].bind(stream);
  }
  return this;
};

function def(name, get, set) {
  var d = { get: get, enumerable: false, configurable: true };
  if (set) d.set = set;
  Object.defineProperty(Readable.prototype, name, d);
}

def('readable', function () {
  var r = this._readableState;
  /* r.readable === false: the readable side of a Duplex was disabled. */
  return !!r && r.readable !== false && !r.destroyed && !r.errorEmitted && !r.endEmitted;
}, function (val) {
  if (this._readableState) this._readableState.readable = !!val;
});
def('readableDidRead', function () { return this._readableState.dataEmitted; });
def('readableAborted', function () {
  var r = this._readableState;
  return !!(r.readable !== false && (r.destroyed || r.errored) && !r.endEmitted);
});
def('readableHighWaterMark', function () { return this._readableState.highWaterMark; });
def('readableBuffer', function () {
  var r = this._readableState;
  return r && r.buffer.slice(r.bufferIndex);
});
def('readableFlowing', function () { return this._readableState.flowing; }, function (v) {
  if (this._readableState) this._readableState.flowing = v;
});
def('readableLength', function () { return this._readableState.length; });
def('readableObjectMode', function () {
  return this._readableState ? this._readableState.objectMode : false;
});
def('readableEncoding', function () {
  return this._readableState ? this._readableState.encoding : null;
});
def('errored', function () {
  return this._readableState ? this._readableState.errored : null;
});
def('closed', function () {
  return this._readableState ? this._readableState.closed : false;
});
def('destroyed', function () {
  return this._readableState ? this._readableState.destroyed : false;
}, function (value) {
  if (this._readableState) this._readableState.destroyed = value;
});
def('readableEnded', function () {
  return this._readableState ? this._readableState.endEmitted : false;
});

/* Take n units out of the buffer (the caller has checked n <= length, or
 * n covers it all). */
function fromList(n, state) {
  if (state.length === 0) return null;
  var idx = state.bufferIndex;
  var buf = state.buffer;
  var len = buf.length;
  var ret, i, data;

  if (state.objectMode) {
    ret = buf[idx];
    buf[idx++] = null;
  } else if (!n || n >= state.length) {
    if (state.decoder !== null) {
      ret = '';
      while (idx < len) {
        ret += buf[idx];
        buf[idx++] = null;
      }
    } else if (len - idx === 1) {
      ret = buf[idx];
      buf[idx++] = null;
    } else {
      ret = utils.allocUnsafe(state.length);
      i = 0;
      while (idx < len) {
        data = buf[idx];
        ret.set(data, i);
        i += data.length;
        buf[idx++] = null;
      }
    }
  } else if (n < buf[idx].length) {
    data = buf[idx];
    ret = data.slice(0, n);
    buf[idx] = data.slice(n);
  } else if (n === buf[idx].length) {
    ret = buf[idx];
    buf[idx++] = null;
  } else if (state.decoder !== null) {
    ret = '';
    while (idx < len) {
      data = buf[idx];
      if (n > data.length) {
        ret += data;
        n -= data.length;
        buf[idx++] = null;
      } else {
        if (n === data.length) {
          ret += data;
          buf[idx++] = null;
        } else {
          ret += data.slice(0, n);
          buf[idx] = data.slice(n);
        }
        break;
      }
    }
  } else {
    ret = utils.allocUnsafe(n);
    var retLen = n;
    while (idx < len) {
      data = buf[idx];
      if (n > data.length) {
        ret.set(data, retLen - n);
        n -= data.length;
        buf[idx++] = null;
      } else {
        if (n === data.length) {
          ret.set(data, retLen - n);
          buf[idx++] = null;
        } else {
          ret.set(data.subarray(0, n), retLen - n);
          buf[idx] = data.slice(n);
        }
        break;
      }
    }
  }

  if (idx === len) {
    state.buffer = NO_BUFFER;
    state.bufferIndex = 0;
  } else if (idx > 1024) {
    buf.splice(0, idx);
    state.bufferIndex = 0;
  } else {
    state.bufferIndex = idx;
  }
  return ret;
}
Readable._fromList = fromList;

function endReadable(stream) {
  var state = stream._readableState;
  if (!state.endEmitted) {
    state.ended = true;
    process.nextTick(endReadableNT, state, stream);
  }
}

/* For net.Socket's end of data: push(null) is state.reading = false then
 * onEofChunk; read(0), once nothing is left to read, endReadable. */
Object.defineProperty(Readable, 'endReadable', { value: endReadable, configurable: true });
Object.defineProperty(Readable, 'onEofChunk', { value: onEofChunk, configurable: true });

function endReadableNT(state, stream) {
  if (!state.errored && !state.closeEmitted && !state.endEmitted && state.length === 0) {
    state.endEmitted = true;
    stream.emit('end');
    if (stream.writable && stream.allowHalfOpen === false) {
      process.nextTick(endWritableNT, stream);
    } else if (state.autoDestroy) {
      /* A Duplex is destroyed only when its writable side is done too. */
      var w = stream._writableState;
      if (!w || (w.autoDestroy && (w.finished || w.writable === false))) stream.destroy();
    }
  }
}

function endWritableNT(stream) {
  if (stream.writable && !stream.writableEnded && !stream.destroyed) stream.end();
}

Readable.from = function (iterable, opts) {
  return require('internal/streams/from')(Readable, iterable, opts);
};

Readable.wrap = function (src, options) {
  var opts = {};
  var k;
  var om = src.readableObjectMode;
  if (om === undefined || om === null) om = src.objectMode;
  if (om === undefined || om === null) om = true;
  opts.objectMode = om;
  if (options) for (k in options) opts[k] = options[k];
  opts.destroy = function (err, callback) {
    destroyImpl.destroyer(src, err);
    callback(err);
  };
  return new Readable(opts).wrap(src);
};
