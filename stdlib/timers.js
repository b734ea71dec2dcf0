// timers — setTimeout, setInterval, setImmediate and their clear*, with
// Timeout/Immediate objects (ref, unref, hasRef, refresh, close).
// Layer: stdlib/, over internalBinding('timers').
//
// The timers themselves live in C (modules/timers.c): Node's lists per
// duration in a heap by expiry, the immediate queue, and one C call per
// setTimeout and per callback. setTimeout & co. are the binding's own
// functions. This file gives Timeout and Immediate their prototypes (the
// objects have no own properties: _idleTimeout, _onTimeout and the rest
// are accessors asking C), the argument errors and warnings C calls back
// for, and timers/promises.
'use strict';

var binding = internalBinding('timers');
var errors = require('internal/errors');

// Not constructible from JS (as in Node, where they are internal); they
// exist for instanceof and for their prototypes.
function Timeout() {
  throw new TypeError('Illegal constructor');
}

function Immediate() {
  throw new TypeError('Illegal constructor');
}

// Reading asks C; writing (Node's internals do, user code rarely) gives
// the object its own plain property, which C then does not see.
function defineAccessors(proto, field, names) {
  names.forEach(function (name) {
    Object.defineProperty(proto, name, {
      get: function () { return field(this, name); },
      set: function (v) {
        Object.defineProperty(this, name, { value: v, writable: true, enumerable: true, configurable: true });
      },
      configurable: true,
      enumerable: false
    });
  });
}

Timeout.prototype.ref = binding.timeoutRef;
Timeout.prototype.unref = binding.timeoutUnref;
Timeout.prototype.hasRef = binding.timeoutHasRef;
// As Node: restarts the countdown; a timer that already fired runs again,
// a cleared one (_idleTimeout -1) stays cleared.
Timeout.prototype.refresh = binding.timeoutRefresh;
Timeout.prototype.close = function close() {
  binding.clearTimeout(this);
  return this;
};
defineAccessors(Timeout.prototype, binding.timeoutField,
  ['_idleTimeout', '_idleStart', '_onTimeout', '_timerArgs', '_repeat', '_destroyed']);

// +timer / `${timer}` give an id that clearTimeout accepts (Duktape
// honours Symbol.toPrimitive); valueOf stays Object's, as in Node.
if (typeof Symbol === 'function' && Symbol.toPrimitive) {
  Timeout.prototype[Symbol.toPrimitive] = binding.timeoutToPrimitive;
} else {
  Timeout.prototype.valueOf = binding.timeoutToPrimitive;
}

Immediate.prototype.ref = binding.immediateRef;
Immediate.prototype.unref = binding.immediateUnref;
Immediate.prototype.hasRef = binding.immediateHasRef;
defineAccessors(Immediate.prototype, binding.immediateField,
  ['_onImmediate', '_argv', '_destroyed']);

binding.setup({
  Timeout: Timeout.prototype,
  Immediate: Immediate.prototype,
  invalidCallback: function (callback) {
    throw errors.codes.ERR_INVALID_ARG_TYPE('callback', 'Function', callback);
  },
  overflowWarning: function (after) {
    process.emitWarning(after + ' does not fit into a 32-bit signed integer.' +
      '\nTimeout duration was set to 1.', 'TimeoutOverflowWarning');
  }
});

var setTimeout = binding.setTimeout;
var setInterval = binding.setInterval;
var clearTimeout = binding.clearTimeout;
var setImmediate = binding.setImmediate;
var clearImmediate = binding.clearImmediate;

// Node's names and lengths on the native functions.
[[setTimeout, 'setTimeout', 5], [setInterval, 'setInterval', 5],
  [clearTimeout, 'clearTimeout', 1], [setImmediate, 'setImmediate', 4],
  [clearImmediate, 'clearImmediate', 1]].forEach(function (f) {
  Object.defineProperty(f[0], 'name', { value: f[1], configurable: true });
  Object.defineProperty(f[0], 'length', { value: f[2], configurable: true });
});

// ---- timers/promises (also what util.promisify(setTimeout) gives) ----
// As Node 20's lib/timers/promises.js: argument errors reject rather than
// throw; options are { signal, ref }. A signal is anything with `aborted`
// and addEventListener/removeEventListener (AbortSignal's shape).
var promisifyCustom = typeof Symbol === 'function' ? Symbol['for']('nodejs.util.promisify.custom') : null;

function abortError(signal) {
  var err = new Error('The operation was aborted');
  err.name = 'AbortError';
  err.code = 'ABORT_ERR';
  if (signal && signal.reason !== undefined) err.cause = signal.reason;
  return err;
}

// Throws what Node's validators throw; returns { signal, ref }.
function promiseOptions(options) {
  var signal, ref;
  if (options === undefined) return { signal: undefined, ref: true };
  errors.validateObject(options, 'options');
  signal = options.signal;
  if (signal !== undefined &&
      (signal === null || typeof signal !== 'object' || !('aborted' in signal))) {
    throw errors.codes.ERR_INVALID_ARG_TYPE('options.signal', 'AbortSignal', signal);
  }
  ref = options.ref;
  if (ref !== undefined) errors.validateBoolean(ref, 'options.ref');
  return { signal: signal, ref: ref === undefined ? true : ref };
}

function onAbort(signal, fn) {
  if (signal === undefined) return null;
  signal.addEventListener('abort', fn, { once: true });
  return fn;
}

function promisesSetTimeout(after, value, options) {
  var opts;
  try {
    if (after !== undefined) errors.validateNumber(after, 'delay');
    opts = promiseOptions(options);
  } catch (e) {
    return Promise.reject(e);
  }
  if (opts.signal !== undefined && opts.signal.aborted) {
    return Promise.reject(abortError(opts.signal));
  }
  return new Promise(function (resolve, reject) {
    var listener = null;
    var t = binding.createTimeout(function () {
      if (listener !== null) opts.signal.removeEventListener('abort', listener);
      resolve(value);
    }, after, false, opts.ref);
    listener = onAbort(opts.signal, function () {
      clearTimeout(t);
      reject(abortError(opts.signal));
    });
  });
}

function promisesSetImmediate(value, options) {
  var opts;
  try {
    opts = promiseOptions(options);
  } catch (e) {
    return Promise.reject(e);
  }
  if (opts.signal !== undefined && opts.signal.aborted) {
    return Promise.reject(abortError(opts.signal));
  }
  return new Promise(function (resolve, reject) {
    var listener = null;
    var imm = setImmediate(function () {
      if (listener !== null) opts.signal.removeEventListener('abort', listener);
      resolve(value);
    });
    if (!opts.ref) imm.unref();
    listener = onAbort(opts.signal, function () {
      clearImmediate(imm);
      reject(abortError(opts.signal));
    });
  });
}

// setInterval(after, value, options): an async iterator (Node's is an
// async generator: nothing starts before the first next(), ticks that
// nobody awaited yet are counted and handed out later).
function promisesSetInterval(after, value, options) {
  var started = false, done = false, interval = null, notYielded = 0;
  var waiting = [], listener = null, opts;

  function finish() {
    done = true;
    if (interval !== null) clearTimeout(interval);
    if (listener !== null) opts.signal.removeEventListener('abort', listener);
    listener = null;
  }

  function start() {
    if (after !== undefined) errors.validateNumber(after, 'delay');
    opts = promiseOptions(options);
    if (opts.signal !== undefined && opts.signal.aborted) throw abortError(opts.signal);
    interval = binding.createTimeout(function () {
      notYielded++;
      if (waiting.length > 0) {
        notYielded--;
        waiting.shift().resolve({ value: value, done: false });
      }
    }, after, true, opts.ref);
    listener = onAbort(opts.signal, function () {
      var w = waiting;
      finish();
      waiting = [];
      w.forEach(function (p) { p.reject(abortError(opts.signal)); });
    });
  }

  var iterator = {
    next: function () {
      if (done) return Promise.resolve({ value: undefined, done: true });
      if (!started) {
        started = true;
        try {
          start();
        } catch (e) {
          finish();
          return Promise.reject(e);
        }
      }
      if (notYielded > 0 && waiting.length === 0) {
        notYielded--;
        return Promise.resolve({ value: value, done: false });
      }
      return new Promise(function (resolve, reject) {
        waiting.push({ resolve: resolve, reject: reject });
      });
    },
    'return': function (v) {
      var w = waiting;
      finish();
      waiting = [];
      w.forEach(function (p) { p.resolve({ value: undefined, done: true }); });
      return Promise.resolve({ value: v, done: true });
    },
    'throw': function (err) {
      finish();
      return Promise.reject(err);
    }
  };
  if (typeof Symbol === 'function' && Symbol.asyncIterator) {
    iterator[Symbol.asyncIterator] = function () { return this; };
  }
  return iterator;
}

function Scheduler() {}
Scheduler.prototype.yield = function () {
  return promisesSetImmediate();
};
Scheduler.prototype.wait = function (delay, options) {
  return promisesSetTimeout(delay, undefined, options);
};

if (promisifyCustom) {
  Object.defineProperty(setTimeout, promisifyCustom, { value: promisesSetTimeout, configurable: true });
  Object.defineProperty(setImmediate, promisifyCustom, { value: promisesSetImmediate, configurable: true });
}

module.exports = {
  setTimeout: setTimeout,
  clearTimeout: clearTimeout,
  setInterval: setInterval,
  clearInterval: clearTimeout,
  setImmediate: setImmediate,
  clearImmediate: clearImmediate,
  Timeout: Timeout,
  Immediate: Immediate,
  promises: {
    setTimeout: promisesSetTimeout,
    setImmediate: promisesSetImmediate,
    setInterval: promisesSetInterval,
    scheduler: new Scheduler()
  },
  _unrefActive: function () {}
};
