// internal/task_queues — the nextTick queue, the microtask queue and
// unhandled-rejection tracking (layer: stdlib/).
//
// After every callback from the loop, C calls runTicks() when tickInfo
// says there is work: [0] a nextTick is queued, [1] a microtask is queued,
// [2] a rejection waits to be reported. Order, as Node: all nextTicks,
// then all microtasks, again until both are empty; then rejections that
// are still unhandled go to process 'unhandledRejection', or (Node 20's
// default "throw" mode) are raised as uncaught exceptions.
'use strict';

var tickInfo = new Uint8Array(3);
var ticks = [];
var micro = [];
var microHead = 0;
var pendingRejections = [];
var kRejection = typeof Symbol === 'function' ? Symbol('lode.rejection') : '__lodeRejection';

var ERR_INVALID_ARG_TYPE = null;

function invalidCallback(value) {
  if (ERR_INVALID_ARG_TYPE === null) {
    ERR_INVALID_ARG_TYPE = require('internal/errors').codes.ERR_INVALID_ARG_TYPE;
  }
  return ERR_INVALID_ARG_TYPE('callback', 'Function', value);
}

// process.nextTick itself is C (modules/util.c): it appends the
// callback, the argument count and the arguments to `ticks` and sets
// tickInfo[0]. The array is never
// replaced, only emptied, because C holds it.
var utilBinding = internalBinding('util');
utilBinding.setTickQueue(ticks);
var nextTick = utilBinding.nextTick;

function enqueueMicrotask(fn) {
  micro.push(fn);
  tickInfo[1] = 1;
}

function queueMicrotask(callback) {
  if (typeof callback !== 'function') throw invalidCallback(callback);
  enqueueMicrotask(callback);
}

// A throw leaves the queue consistent (the head has moved past the failed
// job) and the flag set, so C resumes draining after the error is routed.
function runMicrotasks() {
  var fn;
  while (microHead < micro.length) {
    fn = micro[microHead];
    micro[microHead++] = undefined;
    fn();
  }
  micro = [];
  microHead = 0;
  tickInfo[1] = 0;
}

// The queue is flat: callback, argument count, the arguments. A tick's
// callback slot is cleared before it runs, so after a throw the next run
// (here, or lode_run_tick_queue in C, which drains the same array when
// only ticks are pending) skips what already ran.
function runTickQueue() {
  var fn, n, h = 0, a, b;
  while (h < ticks.length) {
    fn = ticks[h];
    n = ticks[h + 1];
    if (fn === undefined) {
      h += 2 + n;
      continue;
    }
    ticks[h] = undefined;
    if (n === 0) {
      h += 2;
      fn();
    } else if (n === 1) {
      a = ticks[h + 2];
      h += 3;
      fn(a);
    } else if (n === 2) {
      a = ticks[h + 2];
      b = ticks[h + 3];
      h += 4;
      fn(a, b);
    } else {
      a = ticks.slice(h + 2, h + 2 + n);
      h += 2 + n;
      fn.apply(undefined, a);
    }
  }
  ticks.length = 0;
  tickInfo[0] = 0;
}

function runTicks() {
  do {
    if (tickInfo[0] !== 0) runTickQueue();
    if (microHead < micro.length) runMicrotasks();
    else tickInfo[1] = 0;
  } while (ticks.length > 0 || (tickInfo[2] !== 0 && processPromiseRejections()));
}

// Promise hooks: 'unhandled' when a promise is rejected without a
// handler, 'handled' when one is attached later.
// A rejection handled after it was reported is announced as
// 'rejectionHandled' (or, with no listener, a warning) when the
// rejections are next processed, after the microtasks: Node's order.
var lastRejectionId = 0;
var asyncHandled = [];

function rejectionTracker(type, promise, reason) {
  var entry;
  if (type === 'unhandled') {
    entry = { promise: promise, reason: reason, handled: false, reported: false,
      uid: ++lastRejectionId };
    try {
      Object.defineProperty(promise, kRejection, { value: entry, configurable: true });
    } catch (e) { /* frozen promise: it cannot be marked handled later */ }
    pendingRejections.push(entry);
    tickInfo[2] = 1;
  } else if (type === 'handled') {
    entry = promise[kRejection];
    if (entry === undefined) return;
    entry.handled = true;
    if (entry.reported) {
      asyncHandled.push(entry);
      tickInfo[2] = 1;
    }
  }
}

// V8's Object::NoSideEffectsToString, which Node 20 uses for the reason:
// "42", "str", "#<Object>" (plain objects, class instances), "[object
// Array]" (objects with their own toString), a function's source.
function noSideEffectsToString(v) {
  var ctor;
  if (v === null || (typeof v !== 'object' && typeof v !== 'function')) return String(v);
  try {
    if (typeof v === 'function') return Function.prototype.toString.call(v);
    if (v.toString === Object.prototype.toString) {
      ctor = v.constructor;
      return '#<' + (typeof ctor === 'function' && ctor.name ? ctor.name : 'Object') + '>';
    }
  } catch (e) { /* a throwing getter: fall through */ }
  return Object.prototype.toString.call(v);
}

// Node 20's UnhandledPromiseRejection (for reasons that are not errors).
function unhandledRejectionError(reason) {
  var err;
  if (reason instanceof Error) return reason;
  err = new Error('This error originated either by throwing inside of an async ' +
    'function without a catch block, or by rejecting a promise which was not ' +
    'handled with .catch(). The promise rejected with the reason "' +
    noSideEffectsToString(reason) + '".');
  err.name = 'UnhandledPromiseRejection';
  err.code = 'ERR_UNHANDLED_REJECTION';
  return err;
}

// Returns true when something was reported (more ticks may be queued).
function processPromiseRejections() {
  var list, i, e, w, any = false;
  while (asyncHandled.length > 0) {
    e = asyncHandled.shift();
    any = true;
    if (!process.emit('rejectionHandled', e.promise)) {
      w = new Error('Promise rejection was handled asynchronously (rejection id: ' + e.uid + ')');
      w.name = 'PromiseRejectionHandledWarning';
      w.id = e.uid;
      process.emitWarning(w);
    }
  }
  while (pendingRejections.length > 0) {
    list = pendingRejections;
    pendingRejections = [];
    for (i = 0; i < list.length; i++) {
      e = list[i];
      if (e.handled) continue;
      e.reported = true;
      any = true;
      if (!process.emit('unhandledRejection', e.reason, e.promise)) {
        // Keep the rest for the next round, then raise this one.
        pendingRejections = list.slice(i + 1).concat(pendingRejections);
        tickInfo[2] = pendingRejections.length > 0 ? 1 : 0;
        process._lodeRejectionOrigin = true;
        throw unhandledRejectionError(e.reason);
      }
    }
  }
  tickInfo[2] = 0;
  return any;
}

// Run queued ticks now, from inside a loop callback (timers do this
// between two timer callbacks, as Node does).
function runNextTicks() {
  if (tickInfo[0] === 0 && tickInfo[2] === 0) {
    if (tickInfo[1] !== 0) runMicrotasks();
    return;
  }
  runTicks();
}

module.exports = {
  tickInfo: tickInfo,
  nextTick: nextTick,
  enqueueMicrotask: enqueueMicrotask,
  queueMicrotask: queueMicrotask,
  runTicks: runTicks,
  runNextTicks: runNextTicks,
  rejectionTracker: rejectionTracker
};
