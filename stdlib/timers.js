// timers — setTimeout, setInterval, setImmediate and their clear*, with
// Timeout/Immediate objects (ref, unref, hasRef, refresh, close).
// Layer: stdlib/, over internalBinding('timers').
//
// Node's design, rebuilt: timers with the same duration share one list
// (ordered by start time, so the head expires first); the lists sit in a
// small binary heap by expiry; C arms one loop timer for the earliest
// expiry. Inserting is O(1) for a known duration, which is what makes a
// million timers cheap. Between two timer callbacks, and between two
// immediates, queued nextTicks and microtasks run, as in Node.
'use strict';

var binding = internalBinding('timers');
var taskQueues = require('internal/task_queues');
var errors = require('internal/errors');

var TIMEOUT_MAX = 2147483647;
var lists = {};          // duration -> list
var heap = [];           // lists by expiry
var nextExpiry = Infinity;
var refCount = 0;        // referenced, active timeouts
var timerListId = 0;
var nextTimerId = 1;
var knownTimersById = {};

// ---- the heap of lists ----

function heapLess(a, b) {
  return a.expiry < b.expiry || (a.expiry === b.expiry && a.id < b.id);
}

function heapUp(i) {
  var item = heap[i], parent;
  while (i > 0) {
    parent = (i - 1) >> 1;
    if (!heapLess(item, heap[parent])) break;
    heap[i] = heap[parent];
    heap[i].heapIndex = i;
    i = parent;
  }
  heap[i] = item;
  item.heapIndex = i;
}

function heapDown(i) {
  var item = heap[i], n = heap.length, l, r, m;
  for (;;) {
    l = 2 * i + 1;
    r = l + 1;
    m = i;
    if (l < n && heapLess(heap[l], m === i ? item : heap[m])) m = l;
    if (r < n && heapLess(heap[r], m === i ? item : heap[m])) m = r;
    if (m === i) break;
    heap[i] = heap[m];
    heap[i].heapIndex = i;
    i = m;
  }
  heap[i] = item;
  item.heapIndex = i;
}

function heapRemove(list) {
  var i = list.heapIndex, last = heap.pop();
  if (last !== list) {
    heap[i] = last;
    last.heapIndex = i;
    heapUp(i);
    heapDown(last.heapIndex);
  }
}

// ---- linked lists: a list object is its own sentinel ----

function listAppend(list, item) {
  // As Node's linkedlist.append: an item already in a list moves (a timer
  // refreshed from its own callback is appended twice).
  if (item._idleNext || item._idlePrev) listRemove(item);
  item._idleNext = list;
  item._idlePrev = list._idlePrev;
  list._idlePrev._idleNext = item;
  list._idlePrev = item;
}

function listRemove(item) {
  if (item._idleNext) item._idleNext._idlePrev = item._idlePrev;
  if (item._idlePrev) item._idlePrev._idleNext = item._idleNext;
  item._idleNext = null;
  item._idlePrev = null;
}

function TimersList(expiry, msecs) {
  this._idleNext = this;
  this._idlePrev = this;
  this.expiry = expiry;
  this.id = timerListId++;
  this.msecs = msecs;
  this.heapIndex = -1;
}

// ---- Timeout ----

function Timeout(callback, after, args, isRepeat, isRefed) {
  after *= 1;
  if (!(after >= 1 && after <= TIMEOUT_MAX)) {
    if (after > TIMEOUT_MAX) {
      process.emitWarning(after + ' does not fit into a 32-bit signed integer.' +
        '\nTimeout duration was set to 1.', 'TimeoutOverflowWarning');
    }
    after = 1;
  }
  this._idleTimeout = after;
  this._idlePrev = this;
  this._idleNext = this;
  this._idleStart = null;
  this._onTimeout = callback;
  this._timerArgs = args;
  this._repeat = isRepeat ? after : null;
  this._destroyed = false;
  this._refed = isRefed;
  this._id = -1;
  if (isRefed) incRefCount();
}

function incRefCount() {
  if (refCount++ === 0) binding.toggleTimerRef(true);
}

function decRefCount() {
  if (--refCount === 0) binding.toggleTimerRef(false);
}

function insert(item, msecs, start) {
  var list, expiry;
  if (start === undefined) start = binding.getLoopTime();
  item._idleStart = start;
  list = lists[msecs];
  if (list === undefined) {
    expiry = start + msecs;
    list = lists[msecs] = new TimersList(expiry, msecs);
    heap.push(list);
    heapUp(heap.length - 1);
    if (nextExpiry > expiry) {
      binding.scheduleTimer(msecs);
      nextExpiry = expiry;
    }
  }
  listAppend(list, item);
}

function unenroll(item) {
  if (item._destroyed) return;
  item._destroyed = true;
  if (item._refed) decRefCount();
  if (item._id !== -1) {
    delete knownTimersById[item._id];
    item._id = -1;
  }
  if (item._idleNext) {
    listRemove(item);
    cleanupEmptyList(item._idleTimeout);
  }
  item._idleTimeout = -1;
}

Timeout.prototype.unref = function unref() {
  if (this._refed) {
    this._refed = false;
    if (!this._destroyed) decRefCount();
  }
  return this;
};

Timeout.prototype.ref = function ref() {
  if (!this._refed) {
    this._refed = true;
    if (!this._destroyed) incRefCount();
  }
  return this;
};

Timeout.prototype.hasRef = function hasRef() {
  return this._refed;
};

// As Node: restarts the countdown; a timer that already fired runs again,
// a cleared one (_idleTimeout -1) stays cleared.
Timeout.prototype.refresh = function refresh() {
  var msecs = this._idleTimeout;
  if (msecs === undefined || msecs < 0) return this;
  if (this._idleNext) {
    listRemove(this);
    cleanupEmptyList(msecs);
  }
  insert(this, msecs);
  if (this._destroyed) {
    this._destroyed = false;
    if (this._refed) incRefCount();
  }
  return this;
};

Timeout.prototype.close = function close() {
  clearTimeout(this);
  return this;
};

function timerId(t) {
  if (t._id === -1) {
    t._id = nextTimerId++;
    knownTimersById[t._id] = t;
  }
  return t._id;
}

// +timer / `${timer}` give the id (Duktape honours Symbol.toPrimitive);
// valueOf stays Object's, as in Node.
if (typeof Symbol === 'function' && Symbol.toPrimitive) {
  Timeout.prototype[Symbol.toPrimitive] = function () {
    return timerId(this);
  };
} else {
  Timeout.prototype.valueOf = function valueOf() {
    return timerId(this);
  };
}

function cleanupEmptyList(msecs) {
  var list = lists[msecs];
  if (list !== undefined && list._idleNext === list) {
    delete lists[msecs];
    heapRemove(list);
  }
}

// Called by C when the loop timer fires. Returns the next expiry: 0 for
// none, positive when something keeps the loop alive, negative if not.
function processTimers(now) {
  var list, ranAtLeastOneList = false;
  nextExpiry = Infinity;
  while (heap.length > 0) {
    list = heap[0];
    if (list.expiry > now) {
      nextExpiry = list.expiry;
      return refCount > 0 ? nextExpiry : -nextExpiry;
    }
    // As Node: ticks and microtasks also run between two lists.
    if (ranAtLeastOneList) taskQueues.runNextTicks();
    else ranAtLeastOneList = true;
    listOnTimeout(list, now);
  }
  return 0;
}

function listOnTimeout(list, now) {
  var msecs = list.msecs, ranAtLeastOne = false, timer, diff, start, args;
  while ((timer = list._idleNext) !== list) {
    diff = now - timer._idleStart;
    if (diff < msecs) {
      list.expiry = Math.max(timer._idleStart + msecs, now + 1);
      list.id = timerListId++;
      heapDown(0);
      return;
    }
    if (ranAtLeastOne) taskQueues.runNextTicks();
    else ranAtLeastOne = true;

    listRemove(timer);
    if (!timer._onTimeout) {
      if (!timer._destroyed) {
        timer._destroyed = true;
        if (timer._refed) decRefCount();
      }
      continue;
    }
    start = timer._repeat ? binding.getLoopTime() : undefined;
    args = timer._timerArgs;
    try {
      if (args === undefined) timer._onTimeout();
      else timer._onTimeout.apply(timer, args);
    } finally {
      if (timer._repeat && timer._idleTimeout !== -1) {
        timer._idleTimeout = timer._repeat;
        insert(timer, timer._idleTimeout, start);
      } else if (!timer._idleNext && !timer._idlePrev && !timer._destroyed) {
        timer._destroyed = true;
        if (timer._refed) decRefCount();
        if (timer._id !== -1) delete knownTimersById[timer._id];
      }
    }
  }
  if (list === lists[msecs]) {
    delete lists[msecs];
    heapRemove(list);
  }
}

function validateCallback(callback) {
  if (typeof callback !== 'function') {
    throw errors.codes.ERR_INVALID_ARG_TYPE('callback', 'Function', callback);
  }
}

function collectArgs(args, from) {
  var i, out;
  if (args.length <= from) return undefined;
  out = new Array(args.length - from);
  for (i = from; i < args.length; i++) out[i - from] = args[i];
  return out;
}

function setTimeout(callback, after) {
  var t;
  validateCallback(callback);
  t = new Timeout(callback, after, collectArgs(arguments, 2), false, true);
  insert(t, t._idleTimeout);
  return t;
}

function setInterval(callback, repeat) {
  var t;
  validateCallback(callback);
  t = new Timeout(callback, repeat, collectArgs(arguments, 2), true, true);
  insert(t, t._idleTimeout);
  return t;
}

function clearTimeout(timer) {
  if (timer && timer._onTimeout) {
    timer._onTimeout = null;
    unenroll(timer);
    return;
  }
  if (typeof timer === 'number' || typeof timer === 'string') {
    var known = knownTimersById[timer];
    if (known !== undefined) {
      known._onTimeout = null;
      unenroll(known);
    }
  }
}

// ---- immediates ----

var immediateHead = null;
var immediateTail = null;
var immediateRefCount = 0;

function Immediate(callback, args) {
  this._idleNext = null;
  this._idlePrev = null;
  this._onImmediate = callback;
  this._argv = args;
  this._destroyed = false;
  this._refed = true;
  this._turn = immediateTurn;
  if (immediateRefCount++ === 0) binding.toggleImmediateRef(true);
  if (immediateTail === null) {
    immediateHead = immediateTail = this;
    binding.setImmediatePending(true);
  } else {
    immediateTail._idleNext = this;
    this._idlePrev = immediateTail;
    immediateTail = this;
  }
}

// _refed is true, false, or null once the immediate ran or was cleared
// (then ref() does nothing and hasRef() is false, as in Node).
Immediate.prototype.ref = function ref() {
  if (this._refed === false) {
    this._refed = true;
    if (immediateRefCount++ === 0) binding.toggleImmediateRef(true);
  }
  return this;
};

Immediate.prototype.unref = function unref() {
  if (this._refed === true) {
    this._refed = false;
    if (--immediateRefCount === 0) binding.toggleImmediateRef(false);
  }
  return this;
};

Immediate.prototype.hasRef = function hasRef() {
  return !!this._refed;
};

function immediateUnlink(imm) {
  if (imm._idlePrev) imm._idlePrev._idleNext = imm._idleNext;
  else if (immediateHead === imm) immediateHead = imm._idleNext;
  if (imm._idleNext) imm._idleNext._idlePrev = imm._idlePrev;
  else if (immediateTail === imm) immediateTail = imm._idlePrev;
  imm._idleNext = imm._idlePrev = null;
  if (immediateHead === null) binding.setImmediatePending(false);
}

function immediateDone(imm) {
  imm._destroyed = true;
  if (imm._refed && --immediateRefCount === 0) binding.toggleImmediateRef(false);
  imm._refed = null;
}

// Runs the immediates queued before this check phase began; ones queued
// by them (or by ticks between them) wait for the next turn. Each
// immediate records the turn it was queued in. When a callback throws
// and an 'uncaughtException' listener takes it, C calls again and the
// same turn resumes (Node's outstanding queue).
var immediateTurn = 0;
var immediateResume = false;

function processImmediate() {
  var turn, imm, ran = false;
  if (!immediateResume) immediateTurn++;
  turn = immediateTurn;
  immediateResume = true;
  while (immediateHead !== null && immediateHead._turn < turn) {
    if (ran) {
      taskQueues.runNextTicks();
      if (immediateHead === null || immediateHead._turn >= turn) break;
    }
    ran = true;
    imm = immediateHead;
    immediateUnlink(imm);
    if (!imm._destroyed) {
      immediateDone(imm);
      if (imm._argv === undefined) imm._onImmediate();
      else imm._onImmediate.apply(imm, imm._argv);
    }
  }
  immediateResume = false;
}

function setImmediate(callback) {
  validateCallback(callback);
  return new Immediate(callback, collectArgs(arguments, 1));
}

function clearImmediate(imm) {
  if (!imm || imm._destroyed || !(imm instanceof Immediate)) return;
  immediateDone(imm);
  imm._onImmediate = null;
  immediateUnlink(imm);
}

binding.setup(processTimers, processImmediate);

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
    var t = new Timeout(function () {
      if (listener !== null) opts.signal.removeEventListener('abort', listener);
      resolve(value);
    }, after, undefined, false, opts.ref);
    insert(t, t._idleTimeout);
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
    var imm = new Immediate(function () {
      if (listener !== null) opts.signal.removeEventListener('abort', listener);
      resolve(value);
    }, undefined);
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
    if (interval !== null) clearInterval(interval);
    if (listener !== null) opts.signal.removeEventListener('abort', listener);
    listener = null;
  }

  function start() {
    if (after !== undefined) errors.validateNumber(after, 'delay');
    opts = promiseOptions(options);
    if (opts.signal !== undefined && opts.signal.aborted) throw abortError(opts.signal);
    interval = new Timeout(function () {
      notYielded++;
      if (waiting.length > 0) {
        notYielded--;
        waiting.shift().resolve({ value: value, done: false });
      }
    }, after, undefined, true, opts.ref);
    insert(interval, interval._idleTimeout);
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
