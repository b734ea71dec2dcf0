/*
 * internal/streams/from — Readable.from(iterable[, options]): an objectMode
 * Readable (highWaterMark 1 unless given) over a string, a Buffer, an
 * array, a sync iterable (Symbol.iterator) or an async iterable
 * (Symbol.asyncIterator, whose next() returns promises). Promise values of
 * a sync iterable are awaited; a null value is ERR_STREAM_NULL_VALUES.
 *
 * Layer: stdlib (pure ES5; the async paths are promise chains).
 */
'use strict';

var utils = require('internal/streams/utils');
var codes = utils.codes;

function ArrayIterator(arr) {
  this.arr = arr;
  this.i = 0;
}
ArrayIterator.prototype.next = function () {
  if (this.i < this.arr.length) return { value: this.arr[this.i++], done: false };
  return { value: undefined, done: true };
};

function from(Readable, iterable, opts) {
  var iterator, isAsync, k;

  if (typeof iterable === 'string' || utils.isBuffer(iterable)) {
    var o1 = { objectMode: true };
    if (opts) for (k in opts) o1[k] = opts[k];
    o1.read = function () {
      this.push(iterable);
      this.push(null);
    };
    return new Readable(o1);
  }

  if (iterable && typeof iterable[utils.kAsyncIterator] === 'function') {
    isAsync = true;
    iterator = iterable[utils.kAsyncIterator]();
  } else if (iterable && typeof iterable[utils.kIterator] === 'function') {
    isAsync = false;
    iterator = iterable[utils.kIterator]();
  } else if (Array.isArray(iterable)) {
    isAsync = false;
    iterator = new ArrayIterator(iterable);
  } else {
    throw codes.ERR_INVALID_ARG_TYPE('iterable', ['Iterable'], iterable);
  }

  var o2 = { objectMode: true, highWaterMark: 1 };
  if (opts) for (k in opts) o2[k] = opts[k];
  var readable = new Readable(o2);

  var reading = false;
  var isAsyncValues = false;

  readable._read = function () {
    if (!reading) {
      reading = true;
      if (isAsync) nextAsync();
      else if (isAsyncValues) nextSyncWithAsyncValues();
      else nextSyncWithSyncValues();
    }
  };

  readable._destroy = function (error, cb) {
    close(error).then(function () {
      process.nextTick(cb, error);
    }, function (e) {
      process.nextTick(cb, e || error);
    });
  };

  function close(error) {
    var hadError = error !== undefined && error !== null;
    var p = Promise.resolve();
    if (hadError && typeof iterator['throw'] === 'function') {
      return p.then(function () {
        return iterator['throw'](error);
      }).then(function (r) {
        return Promise.resolve(r.value).then(function () {
          if (!r.done) return callReturn();
        });
      });
    }
    if (typeof iterator['return'] === 'function') return p.then(callReturn);
    return p;
  }

  function callReturn() {
    return Promise.resolve(iterator['return']()).then(function (r) {
      return r && r.value;
    });
  }

  function pushValue(value) {
    /* true: keep going */
    if (value === null) {
      reading = false;
      throw codes.ERR_STREAM_NULL_VALUES();
    }
    if (readable.push(value)) return true;
    reading = false;
    return false;
  }

  function nextSyncWithSyncValues() {
    for (;;) {
      try {
        var r = iterator.next();
        if (r.done) {
          readable.push(null);
          return;
        }
        var value = r.value;
        if (value && typeof value.then === 'function') {
          changeToAsyncValues(value);
          return;
        }
        if (pushValue(value)) continue;
      } catch (err) {
        readable.destroy(err);
      }
      break;
    }
  }

  function changeToAsyncValues(value) {
    isAsyncValues = true;
    Promise.resolve(value).then(function (res) {
      if (pushValue(res)) nextSyncWithAsyncValues();
    }).then(null, function (err) {
      readable.destroy(err);
    });
  }

  function nextSyncWithAsyncValues() {
    var r;
    try {
      r = iterator.next();
    } catch (err) {
      readable.destroy(err);
      return;
    }
    if (r.done) {
      readable.push(null);
      return;
    }
    var v = r.value;
    if (v && typeof v.then === 'function') {
      Promise.resolve(v).then(function (res) {
        if (pushValue(res)) nextSyncWithAsyncValues();
      }).then(null, function (err) {
        readable.destroy(err);
      });
      return;
    }
    try {
      if (pushValue(v)) nextSyncWithAsyncValues();
    } catch (err) {
      readable.destroy(err);
    }
  }

  function nextAsync() {
    var p;
    try {
      p = Promise.resolve(iterator.next());
    } catch (err) {
      readable.destroy(err);
      return;
    }
    p.then(function (r) {
      if (r.done) {
        readable.push(null);
        return;
      }
      if (pushValue(r.value)) nextAsync();
    }).then(null, function (err) {
      readable.destroy(err);
    });
  }

  return readable;
}

module.exports = from;
