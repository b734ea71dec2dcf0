/*
 * internal/streams/destroy — destroy(), errorOrDestroy(), _construct
 * support and destroyer() for every stream class.
 *
 * Layer: stdlib (pure ES5). Contract (Node 20): destroy(err) marks both
 * sides destroyed at once, calls _destroy(err, cb); when cb runs, 'error'
 * (once per stream) and then 'close' are emitted on a later tick. A stream
 * still being constructed is destroyed when its _construct finishes.
 */
'use strict';

var utils = require('internal/streams/utils');
var codes = utils.codes;
var aggregateTwoErrors = utils.aggregateTwoErrors;

var hasSymbol = typeof Symbol === 'function';
var kConstructCbs = hasSymbol ? Symbol('kConstructCbs') : '__kConstructCbs';
var kDestroyCbs = hasSymbol ? Symbol('kDestroyCbs') : '__kDestroyCbs';

function checkError(err, w, r) {
  if (err) {
    if (w && !w.errored) w.errored = err;
    if (r && !r.errored) r.errored = err;
  }
}

/* Stream.prototype.destroy for Readable, Writable and Duplex. */
function destroy(err, cb) {
  destroyStream(this, err, cb);
  return this;
}

/* destroy() on self (Writable.prototype.destroy calls it directly). */
function destroyStream(self, err, cb) {
  var r = self._readableState;
  var w = self._writableState;
  var s = w || r;

  if ((w && w.destroyed) || (r && r.destroyed)) {
    if (typeof cb === 'function') cb();
    return;
  }

  if (err) checkError(err, w, r);
  if (w) w.destroyed = true;
  if (r) r.destroyed = true;

  if (!s.constructed) {
    var list = self[kDestroyCbs];
    if (list === undefined) list = self[kDestroyCbs] = [];
    list.push({ err: err, cb: cb });
  } else {
    _destroy(self, err, cb);
  }
}

function _destroy(self, err, cb) {
  /* net.Socket's _destroy: the same, returning what it would call back
   * with (no onDestroy closure per stream), or undefined when it does not
   * apply (nothing done); then its `after` part, which _destroy runs
   * after its callback. */
  var direct = self._destroy.lodeSync;
  if (direct !== undefined) {
    var res;
    try {
      res = direct(self, err || null);
    } catch (e) {
      res = e === undefined ? null : e;
    }
    if (res !== undefined) {
      destroyed(self, res, cb);
      if (direct.after !== undefined) direct.after(self);
      return;
    }
  }
  destroyWithCallback(self, err, cb);
}

/* (A function of its own: onDestroy is made on entry.) */
function destroyWithCallback(self, err, cb) {
  var called = false;

  function onDestroy(err2) {
    if (called) return;
    called = true;
    var r = self._readableState;
    var w = self._writableState;
    checkError(err2, w, r);
    if (w) w.closed = true;
    if (r) r.closed = true;
    if (typeof cb === 'function') cb(err2);
    if (err2) process.nextTick(emitErrorCloseNT, self, err2);
    else process.nextTick(emitCloseNT, self);
  }

  try {
    self._destroy(err || null, onDestroy);
  } catch (e) {
    onDestroy(e);
  }
}

/* What onDestroy does with _destroy's result, for a _destroy that returns
 * it (net.Socket's, see _destroy; net.Socket's destroy calls it too). */
function destroyed(self, err2, cb) {
  var r = self._readableState;
  var w = self._writableState;
  if (err2) checkError(err2, w, r);
  if (w) w.closed = true;
  if (r) r.closed = true;
  if (typeof cb === 'function') cb(err2);
  if (err2) process.nextTick(emitErrorCloseNT, self, err2);
  else process.nextTick(emitCloseNT, self);
}

function emitErrorCloseNT(self, err) {
  emitErrorNT(self, err);
  emitCloseNT(self);
}

function emitCloseNT(self) {
  var r = self._readableState;
  var w = self._writableState;
  if (w) w.closeEmitted = true;
  if (r) r.closeEmitted = true;
  if ((w && w.emitClose) || (r && r.emitClose)) self.emit('close');
}

function emitErrorNT(self, err) {
  var r = self._readableState;
  var w = self._writableState;
  if ((w && w.errorEmitted) || (r && r.errorEmitted)) return;
  if (w) w.errorEmitted = true;
  if (r) r.errorEmitted = true;
  self.emit('error', err);
}

function undestroy() {
  var r = this._readableState;
  var w = this._writableState;
  if (r) {
    r.constructed = true;
    r.closed = false;
    r.closeEmitted = false;
    r.destroyed = false;
    r.errored = null;
    r.errorEmitted = false;
    r.reading = false;
    r.ended = r.readable === false;
    r.endEmitted = r.readable === false;
  }
  if (w) {
    w.constructed = true;
    w.destroyed = false;
    w.closed = false;
    w.closeEmitted = false;
    w.errored = null;
    w.errorEmitted = false;
    w.finalCalled = false;
    w.prefinished = false;
    w.ended = w.writable === false;
    w.ending = w.writable === false;
    w.finished = w.writable === false;
  }
}

/* Report an error from inside the implementation: destroy the stream when
 * it auto-destroys, otherwise record it and emit 'error' (now, or on the
 * next tick when sync). Nothing happens once the stream is destroyed. */
function errorOrDestroy(stream, err, sync) {
  var r = stream._readableState;
  var w = stream._writableState;
  if ((w && w.destroyed) || (r && r.destroyed)) return;
  if ((r && r.autoDestroy) || (w && w.autoDestroy)) {
    stream.destroy(err);
  } else if (err) {
    if (w && !w.errored) w.errored = err;
    if (r && !r.errored) r.errored = err;
    if (sync) process.nextTick(emitErrorNT, stream, err);
    else emitErrorNT(stream, err);
  }
}

/* Run stream._construct (if any) on the next tick; cb runs once it
 * succeeded. Until then the states are not `constructed`. */
function construct(stream, cb) {
  if (typeof stream._construct !== 'function') return;
  var r = stream._readableState;
  var w = stream._writableState;
  if (r) r.constructed = false;
  if (w) w.constructed = false;
  var list = stream[kConstructCbs];
  if (list === undefined) {
    stream[kConstructCbs] = [cb];
    process.nextTick(constructNT, stream);
  } else {
    list.push(cb);
  }
}

function constructNT(stream) {
  var called = false;

  function onConstruct(err) {
    if (called) {
      errorOrDestroy(stream, err != null ? err : codes.ERR_MULTIPLE_CALLBACK());
      return;
    }
    called = true;
    var r = stream._readableState;
    var w = stream._writableState;
    var s = w || r;
    if (r) r.constructed = true;
    if (w) w.constructed = true;
    var cbs = stream[kConstructCbs];
    stream[kConstructCbs] = undefined;
    var i;
    if (s.destroyed) {
      var pending = stream[kDestroyCbs];
      stream[kDestroyCbs] = undefined;
      if (pending !== undefined) {
        for (i = 0; i < pending.length; i++) {
          _destroy(stream, aggregateTwoErrors(err, pending[i].err), pending[i].cb);
        }
      }
    } else if (err) {
      errorOrDestroy(stream, err, true);
    } else if (cbs !== undefined) {
      for (i = 0; i < cbs.length; i++) cbs[i].call(stream);
    }
  }

  try {
    stream._construct(function (err) {
      process.nextTick(onConstruct, err);
    });
  } catch (e) {
    process.nextTick(onConstruct, e);
  }
}

function isRequest(stream) {
  return stream && stream.setHeader && typeof stream.abort === 'function';
}

function emitCloseLegacy(stream) {
  stream.emit('close');
}

function emitErrorCloseLegacy(stream, err) {
  stream.emit('error', err);
  process.nextTick(emitCloseLegacy, stream);
}

/* Destroy any kind of stream (stream.destroy in Node): an unfinished one
 * with an AbortError when no error is given. */
function destroyer(stream, err) {
  if (!stream || utils.isDestroyed(stream)) return;
  if (!err && !utils.isFinished(stream)) err = new utils.AbortError();
  if (utils.isServerRequest(stream)) {
    stream.socket = null;
    stream.destroy(err);
  } else if (isRequest(stream)) {
    stream.abort();
  } else if (isRequest(stream.req)) {
    stream.req.abort();
  } else if (typeof stream.destroy === 'function') {
    stream.destroy(err);
  } else if (typeof stream.close === 'function') {
    stream.close();
  } else if (err) {
    process.nextTick(emitErrorCloseLegacy, stream, err);
  } else {
    process.nextTick(emitCloseLegacy, stream);
  }
  if (!stream.destroyed) stream[utils.kIsDestroyed] = true;
}

module.exports = {
  construct: construct,
  destroyer: destroyer,
  destroy: destroy,
  destroyStream: destroyStream,
  destroyed: destroyed,
  undestroy: undestroy,
  errorOrDestroy: errorOrDestroy
};
