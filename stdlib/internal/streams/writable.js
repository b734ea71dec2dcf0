/*
 * internal/streams/writable — stream.Writable, as documented for Node 20.
 *
 * Layer: stdlib (pure ES5). One _write is in flight at a time; later writes
 * (and writes while corked or constructing) wait in `state.buffered`, an
 * array of {chunk, encoding, callback} consumed from `bufferedIndex`, and
 * go to _writev as one batch when there is one. `length` counts bytes (or
 * objects) written but not yet acknowledged by the _write callback; write()
 * returns false once it reaches highWaterMark and 'drain' follows when it
 * falls back to 0. Write callbacks of synchronous _write completions are
 * batched into one nextTick, as Node does.
 */
'use strict';

module.exports = Writable;
Writable.WritableState = WritableState;

var EE = require('events');
var Stream = require('internal/streams/legacy').Stream;
var destroyImpl = require('internal/streams/destroy');
var stateMod = require('internal/streams/state');
var utils = require('internal/streams/utils');
var codes = utils.codes;
var errorOrDestroy = destroyImpl.errorOrDestroy;

Object.setPrototypeOf(Writable.prototype, Stream.prototype);
Object.setPrototypeOf(Writable, Stream);

function nop() {}

/* Memory: as ReadableState, fields still at their initial value live on
 * WritableState.prototype; an instance carries only what changed. */
var writableDefaults = {
  objectMode: false,
  finalCalled: false,
  needDrain: false,
  ending: false,   /* end() was called */
  ended: false,    /* end() has returned */
  finished: false, /* 'finish' was emitted */
  destroyed: false,
  /* Strings are turned into Buffers before _write unless told otherwise. */
  decodeStrings: true,
  /* A constant (not the settable default): an own value where it differs. */
  highWaterMark: 16 * 1024,
  defaultEncoding: 'utf8',
  length: 0,
  writing: false,
  corked: 0,
  /* True while _write runs: its callback then defers to the next tick. */
  sync: true,
  bufferProcessing: false,
  writecb: null,
  expectWriteCb: false,
  writelen: 0,
  afterWriteTickInfo: null,
  afterWritePending: false,
  buffered: null,
  bufferedIndex: 0,
  allBuffers: true,
  allNoop: true,
  /* Callbacks still to be called; 'finish' waits for 0. */
  pendingcb: 0,
  constructed: true,
  prefinished: false,
  errorEmitted: false,
  emitClose: true,
  autoDestroy: true,
  errored: null,
  closed: false,
  closeEmitted: false,
  onFinished: null, /* end() callbacks waiting for 'finish' */
  /* net.Socket's destroySoon(): destroy() right after 'finish'. */
  destroyOnFinish: false
};

function WritableState(options, stream, isDuplex) {
  if (options && (options.objectMode || (isDuplex && options.writableObjectMode))) {
    this.objectMode = true;
  }
  var hwm = options ?
    stateMod.getHighWaterMark(this, options, 'writableHighWaterMark', isDuplex) :
    stateMod.getDefaultHighWaterMark(false);
  if (hwm !== this.highWaterMark) this.highWaterMark = hwm; // else the prototype's

  if (options && options.decodeStrings === false) this.decodeStrings = false;

  var defaultEncoding = options ? options.defaultEncoding : null;
  if (defaultEncoding == null || defaultEncoding === 'utf8' || defaultEncoding === 'utf-8') {
    // the prototype's 'utf8'
  } else if (utils.isEncoding(defaultEncoding)) {
    this.defaultEncoding = defaultEncoding;
  } else {
    throw codes.ERR_UNKNOWN_ENCODING(defaultEncoding);
  }

  /* No state.onwrite: the callback given to _write/_writev is bound per
   * write, so an idle stream holds no bound function (about 320 bytes in
   * Duktape) and stream and state form no reference cycle. */
  if (options && options.emitClose === false) this.emitClose = false;
  if (options && options.autoDestroy === false) this.autoDestroy = false;
}

(function () {
  for (var k in writableDefaults) WritableState.prototype[k] = writableDefaults[k];
})();

function resetBuffer(state) {
  state.buffered = null;
  state.bufferedIndex = 0;
  state.allBuffers = true;
  state.allNoop = true;
}

WritableState.prototype.getBuffer = function getBuffer() {
  return this.buffered === null ? [] : this.buffered.slice(this.bufferedIndex);
};

Object.defineProperty(WritableState.prototype, 'bufferedRequestCount', {
  get: function () {
    return this.buffered === null ? 0 : this.buffered.length - this.bufferedIndex;
  },
  configurable: true
});

function Writable(options) {
  if (!(this instanceof Writable)) return new Writable(options);
  this._writableState = new WritableState(options, this, false);
  if (options) {
    if (typeof options.write === 'function') this._write = options.write;
    if (typeof options.writev === 'function') this._writev = options.writev;
    if (typeof options.destroy === 'function') this._destroy = options.destroy;
    if (typeof options.final === 'function') this._final = options.final;
    if (typeof options.construct === 'function') this._construct = options.construct;
    // XXX: options.signal (addAbortSignal) is not supported.
  }
  Stream.call(this, options);
  if (this._construct != null) destroyImpl.construct(this, onConstructed);
}

function onConstructed() {
  var state = this._writableState;
  if (!state.writing) clearBuffer(this, state);
  if (state.ending) finishMaybe(this, state);
}
Writable._onConstructed = onConstructed;

/* Duplex is not a Writable subclass, but `duplex instanceof Writable`
 * is true in Node. */
if (typeof Symbol === 'function' && Symbol.hasInstance !== undefined) {
  Object.defineProperty(Writable, Symbol.hasInstance, {
    value: function (object) {
      if (typeof this === 'function' && object !== null &&
          (typeof object === 'object' || typeof object === 'function')) {
        var proto = Object.getPrototypeOf(object);
        var target = this.prototype;
        while (proto !== null) {
          if (proto === target) return true;
          proto = Object.getPrototypeOf(proto);
        }
      }
      if (this !== Writable) return false;
      return !!(object && object._writableState instanceof WritableState);
    },
    configurable: true
  });
}

Writable.prototype.pipe = function () {
  errorOrDestroy(this, codes.ERR_STREAM_CANNOT_PIPE());
};

/* The common part of write() and end(chunk): returns true/false like
 * write(), or the Error when the write was refused. */
function _write(stream, chunk, encoding, cb) {
  var state = stream._writableState;
  if (cb == null || typeof cb !== 'function') cb = nop;
  if (chunk === null) throw codes.ERR_STREAM_NULL_VALUES();

  if (!state.objectMode) {
    if (!encoding) {
      encoding = state.defaultEncoding;
    } else if (encoding !== 'buffer' && !utils.isEncoding(encoding)) {
      throw codes.ERR_UNKNOWN_ENCODING(encoding);
    }
    if (typeof chunk === 'string') {
      if (state.decodeStrings) {
        chunk = utils.bufferFrom(chunk, encoding);
        encoding = 'buffer';
      }
    } else if (utils.isBuffer(chunk)) {
      encoding = 'buffer';
    } else if (utils.isArrayBufferView(chunk)) {
      chunk = utils.toBuffer(chunk);
      encoding = 'buffer';
    } else {
      throw codes.ERR_INVALID_ARG_TYPE('chunk',
        ['string', 'Buffer', 'TypedArray', 'DataView'], chunk);
    }
  }

  var err;
  if (state.ending) err = codes.ERR_STREAM_WRITE_AFTER_END();
  else if (state.destroyed) err = codes.ERR_STREAM_DESTROYED('write');
  if (err) {
    process.nextTick(cb, err);
    errorOrDestroy(stream, err, true);
    return err;
  }
  state.pendingcb++;
  return writeOrBuffer(stream, state, chunk, encoding, cb);
}

Writable.prototype.write = function (chunk, encoding, cb) {
  if (encoding != null && typeof encoding === 'function') {
    cb = encoding;
    encoding = null;
  }
  return _write(this, chunk, encoding, cb) === true;
};

Writable.prototype.cork = function () {
  this._writableState.corked++;
};

Writable.prototype.uncork = function () {
  var state = this._writableState;
  if (state.corked) {
    state.corked--;
    if (!state.writing) clearBuffer(this, state);
  }
};

Writable.prototype.setDefaultEncoding = function setDefaultEncoding(encoding) {
  if (typeof encoding === 'string') encoding = encoding.toLowerCase();
  if (!utils.isEncoding(encoding)) throw codes.ERR_UNKNOWN_ENCODING(encoding);
  this._writableState.defaultEncoding = encoding;
  return this;
};

function writeOrBuffer(stream, state, chunk, encoding, callback) {
  var len = state.objectMode ? 1 : chunk.length;
  state.length += len;

  if (state.writing || state.corked || state.errored || !state.constructed) {
    if (state.buffered === null) state.buffered = [];
    state.buffered.push({ chunk: chunk, encoding: encoding, callback: callback });
    if (state.allBuffers && encoding !== 'buffer') state.allBuffers = false;
    if (state.allNoop && callback !== nop) state.allNoop = false;
  } else {
    state.writelen = len;
    if (callback !== nop) state.writecb = callback;
    state.writing = true;
    state.sync = true;
    state.expectWriteCb = true;
    stream._write(chunk, encoding, onwrite.bind(undefined, stream));
    state.sync = false;
  }

  var ret = state.length < state.highWaterMark || state.length === 0;
  if (!ret) state.needDrain = true;
  return ret && !state.destroyed && !state.errored;
}

function doWrite(stream, state, writev, len, chunk, encoding, cb) {
  state.writelen = len;
  if (cb !== nop) state.writecb = cb;
  state.writing = true;
  state.sync = true;
  state.expectWriteCb = true;
  if (state.destroyed) onwrite(stream, codes.ERR_STREAM_DESTROYED('write'));
  else if (writev) stream._writev(chunk, onwrite.bind(undefined, stream));
  else stream._write(chunk, encoding, onwrite.bind(undefined, stream));
  state.sync = false;
}

function onwriteError(stream, state, er, cb) {
  --state.pendingcb;
  cb(er);
  /* Buffered writes fail too; then the stream errors. */
  errorBuffer(state);
  errorOrDestroy(stream, er);
}

/* The callback given to _write/_writev (bound to the stream). */
function onwrite(stream, er) {
  var state = stream._writableState;
  if (!state.expectWriteCb) {
    errorOrDestroy(stream, codes.ERR_MULTIPLE_CALLBACK());
    return;
  }
  var sync = state.sync;
  var cb = state.writecb !== null ? state.writecb : nop;
  state.writecb = null;
  state.writing = false;
  state.expectWriteCb = false;
  state.length -= state.writelen;
  state.writelen = 0;

  if (er) {
    if (!state.errored) state.errored = er;
    /* A Duplex: the readable side is errored too. */
    if (stream._readableState && !stream._readableState.errored) {
      stream._readableState.errored = er;
    }
    if (sync) process.nextTick(onwriteError, stream, state, er, cb);
    else onwriteError(stream, state, er, cb);
  } else {
    if (state.buffered !== null) clearBuffer(stream, state);
    if (sync) {
      var needDrain = state.needDrain && state.length === 0;
      /* Node 20 also ticks for every objectMode write (an operator
       * precedence quirk in its needTick); kept for identical timing. */
      var needTick = needDrain || state.objectMode || cb !== nop;
      if (cb === nop) {
        if (!state.afterWritePending && needTick) {
          process.nextTick(afterWrite, stream, state, 1, cb);
          state.afterWritePending = true;
        } else {
          state.pendingcb--;
          if (state.ending) finishMaybe(stream, state, true);
        }
      } else if (state.afterWriteTickInfo !== null && state.afterWriteTickInfo.cb === cb) {
        /* Same callback again within one tick: count it. */
        state.afterWriteTickInfo.count++;
      } else if (needTick) {
        state.afterWriteTickInfo = { count: 1, cb: cb, stream: stream, state: state };
        process.nextTick(afterWriteTick, state.afterWriteTickInfo);
        state.afterWritePending = true;
      } else {
        state.pendingcb--;
        if (state.ending) finishMaybe(stream, state, true);
      }
    } else {
      afterWrite(stream, state, 1, cb);
    }
  }
}

function afterWriteTick(info) {
  info.state.afterWriteTickInfo = null;
  return afterWrite(info.stream, info.state, info.count, info.cb);
}

function afterWrite(stream, state, count, cb) {
  state.afterWritePending = false;
  var needDrain = !state.ending && !state.destroyed && state.length === 0 && state.needDrain;
  if (needDrain) {
    state.needDrain = false;
    stream.emit('drain');
  }
  while (count-- > 0) {
    state.pendingcb--;
    cb(null);
  }
  if (state.destroyed) errorBuffer(state);
  if (state.ending) finishMaybe(stream, state, true);
}

/* Fail every buffered write and pending end() callback (on destroy/error). */
function errorBuffer(state) {
  if (state.writing) return;
  var i, entry;
  if (state.buffered !== null) {
    for (i = state.bufferedIndex; i < state.buffered.length; ++i) {
      entry = state.buffered[i];
      state.length -= state.objectMode ? 1 : entry.chunk.length;
      entry.callback(state.errored != null ? state.errored : codes.ERR_STREAM_DESTROYED('write'));
    }
  }
  callFinishedCallbacks(state,
    state.errored != null ? state.errored : codes.ERR_STREAM_DESTROYED('end'));
  resetBuffer(state);
}

/* Write out what was buffered: one _writev batch, or _write one by one
 * for as long as they complete synchronously. */
function clearBuffer(stream, state) {
  if (state.corked || state.bufferProcessing || state.destroyed ||
      !state.constructed || state.buffered === null) {
    return;
  }
  var objectMode = state.objectMode;
  var buffered = state.buffered;
  var i = state.bufferedIndex;
  var bufferedLength = buffered.length - i;
  if (!bufferedLength) return;

  state.bufferProcessing = true;
  if (bufferedLength > 1 && stream._writev) {
    state.pendingcb -= bufferedLength - 1;
    var callback = state.allNoop ? nop : function (err) {
      for (var n = i; n < buffered.length; ++n) buffered[n].callback(err);
    };
    var chunks = state.allNoop && i === 0 ? buffered : buffered.slice(i);
    chunks.allBuffers = state.allBuffers;
    doWrite(stream, state, true, state.length, chunks, '', callback);
    resetBuffer(state);
  } else {
    do {
      var entry = buffered[i];
      buffered[i++] = null;
      doWrite(stream, state, false, objectMode ? 1 : entry.chunk.length,
        entry.chunk, entry.encoding, entry.callback);
    } while (i < buffered.length && !state.writing);

    if (i === buffered.length) {
      resetBuffer(state);
    } else if (i > 256) {
      buffered.splice(0, i);
      state.bufferedIndex = 0;
    } else {
      state.bufferedIndex = i;
    }
  }
  state.bufferProcessing = false;
}

Writable.prototype._write = function (chunk, encoding, cb) {
  if (this._writev) this._writev([{ chunk: chunk, encoding: encoding }], cb);
  else throw codes.ERR_METHOD_NOT_IMPLEMENTED('_write()');
};

Writable.prototype._writev = null;

Writable.prototype.end = function (chunk, encoding, cb) {
  var state = this._writableState;
  if (typeof chunk === 'function') {
    cb = chunk;
    chunk = null;
    encoding = null;
  } else if (typeof encoding === 'function') {
    cb = encoding;
    encoding = null;
  }

  var err;
  if (chunk != null) {
    var ret = _write(this, chunk, encoding);
    if (ret instanceof Error) err = ret;
  }

  /* end() uncorks completely. */
  if (state.corked) {
    state.corked = 1;
    this.uncork();
  }

  if (err) {
    /* Already reported by _write. */
  } else if (!state.ending && !state.errored) {
    /* Finishing now would emit 'finish' synchronously in the common case
     * where nothing is buffered: finishMaybe(sync) defers it. */
    state.ending = true;
    finishMaybe(this, state, true);
    state.ended = true;
  } else if (state.finished) {
    err = codes.ERR_STREAM_ALREADY_FINISHED('end');
  } else if (state.destroyed) {
    err = codes.ERR_STREAM_DESTROYED('end');
  }

  if (typeof cb === 'function') {
    if (err) {
      process.nextTick(cb, err);
    } else if (state.errored) {
      process.nextTick(cb, state.errored);
    } else if (state.finished) {
      process.nextTick(cb, null);
    } else {
      if (state.onFinished === null) state.onFinished = [];
      state.onFinished.push(cb);
    }
  }
  return this;
};

function needFinish(state) {
  return state.ending && !state.destroyed && state.constructed && state.length === 0 &&
    !state.errored && state.buffered === null && !state.finished && !state.writing &&
    !state.errorEmitted && !state.closeEmitted;
}

function onFinish(stream, state, err) {
  if (state.prefinished) {
    errorOrDestroy(stream, err != null ? err : codes.ERR_MULTIPLE_CALLBACK());
    return;
  }
  state.pendingcb--;
  if (err) {
    callFinishedCallbacks(state, err);
    errorOrDestroy(stream, err, state.sync);
  } else if (needFinish(state)) {
    state.prefinished = true;
    stream.emit('prefinish');
    /* Keep finish from happening in the same tick as _final's callback. */
    state.pendingcb++;
    process.nextTick(finish, stream, state);
  }
}

/* The callback of a lodeFinal _final (see prefinish). */
function finalDone(stream, err) {
  onFinish(stream, stream._writableState, err);
}
Object.defineProperty(Writable, 'finalDone', { value: finalDone, configurable: true });
/* (stream, state, err): the same, one call less. */
Object.defineProperty(Writable, 'onFinalDone', { value: onFinish, configurable: true });

function prefinish(stream, state) {
  if (state.prefinished || state.finalCalled) return;
  if (typeof stream._final === 'function' && !state.destroyed) {
    state.finalCalled = true;
    state.sync = true;
    state.pendingcb++;
    try {
      /* net.Socket's _final reports to finalDone (no closure per stream). */
      var direct = stream._final.lodeFinal;
      if (direct !== undefined) {
        direct(stream);
      } else {
        stream._final(function (err) {
          onFinish(stream, state, err);
        });
      }
    } catch (err) {
      onFinish(stream, state, err);
    }
    state.sync = false;
  } else {
    state.finalCalled = true;
    state.prefinished = true;
    stream.emit('prefinish');
  }
}

function finishMaybeNT(stream, state) {
  if (needFinish(state)) finish(stream, state);
  else state.pendingcb--;
}

function finishMaybe(stream, state, sync) {
  if (needFinish(state)) {
    prefinish(stream, state);
    if (state.pendingcb === 0) {
      if (sync) {
        state.pendingcb++;
        process.nextTick(finishMaybeNT, stream, state);
      } else if (needFinish(state)) {
        state.pendingcb++;
        finish(stream, state);
      }
    }
  }
}

function finish(stream, state) {
  state.pendingcb--;
  state.finished = true;
  if (state.onFinished !== null) callFinishedCallbacks(state, null);
  stream.emit('finish');
  if (state.destroyOnFinish) stream.destroy();
  if (state.autoDestroy) {
    /* A Duplex is destroyed only when its readable side has ended too. */
    var r = stream._readableState;
    if (!r || (r.autoDestroy && (r.endEmitted || r.readable === false))) stream.destroy();
  }
}

function callFinishedCallbacks(state, err) {
  var cbs = state.onFinished;
  if (cbs === null) return;
  state.onFinished = null;
  for (var i = 0; i < cbs.length; i++) cbs[i](err);
}

function def(name, get, set) {
  var d = { get: get, enumerable: false, configurable: true };
  if (set) d.set = set;
  Object.defineProperty(Writable.prototype, name, d);
}

def('closed', function () {
  return this._writableState ? this._writableState.closed : false;
});
def('destroyed', function () {
  return this._writableState ? this._writableState.destroyed : false;
}, function (value) {
  if (this._writableState) this._writableState.destroyed = !!value;
});
def('writable', function () {
  var w = this._writableState;
  /* w.writable === false: the writable side of a Duplex was disabled. */
  return !!w && w.writable !== false && !w.destroyed && !w.errored && !w.ending && !w.ended;
}, function (val) {
  if (this._writableState) this._writableState.writable = !!val;
});
def('writableFinished', function () {
  return this._writableState ? this._writableState.finished : false;
});
def('writableObjectMode', function () {
  return this._writableState ? this._writableState.objectMode : false;
});
def('writableBuffer', function () {
  return this._writableState && this._writableState.getBuffer();
});
def('writableEnded', function () {
  return this._writableState ? this._writableState.ending : false;
});
def('writableNeedDrain', function () {
  var w = this._writableState;
  return w ? !w.destroyed && !w.ending && w.needDrain : false;
});
def('writableHighWaterMark', function () {
  return this._writableState && this._writableState.highWaterMark;
});
def('writableCorked', function () {
  return this._writableState ? this._writableState.corked : 0;
});
def('writableLength', function () {
  return this._writableState && this._writableState.length;
});
def('errored', function () {
  return this._writableState ? this._writableState.errored : null;
});
def('writableAborted', function () {
  var w = this._writableState;
  return w.writable !== false && (w.destroyed || !!w.errored) && !w.finished;
});

Writable.prototype.destroy = function (err, cb) {
  var state = this._writableState;
  /* Buffered writes and end() callbacks fail on the next tick. */
  if (!state.destroyed && (state.buffered !== null || state.onFinished !== null)) {
    process.nextTick(errorBuffer, state);
  }
  destroyImpl.destroyStream(this, err, cb);
  return this;
};

Writable.prototype._undestroy = destroyImpl.undestroy;
Writable.prototype._destroy = function (err, cb) {
  cb(err);
};

if (EE.captureRejectionSymbol !== undefined) {
  Writable.prototype[EE.captureRejectionSymbol] = function (err) {
    this.destroy(err);
  };
}
