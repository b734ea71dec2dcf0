/*
 * events — EventEmitter, as documented for Node 20.
 *
 * Layer: stdlib (pure ES5, no bindings). Listeners of one event are kept in
 * `_events[type]` as a single function, or an array once there are two or
 * more (the same observable shape as Node, which some userland code reads).
 * `once` listeners are wrapper functions with a `.listener` property.
 */
'use strict';

// internal/errors is loaded on first use: the start-up makes an emitter
// (process) and adds listeners, but raises no errors.
var errorsMod = null;
function errors() {
  if (errorsMod === null) errorsMod = require('internal/errors');
  return errorsMod;
}

var utilMod;
function inspect(v, opts) {
  if (!utilMod) utilMod = require('util');
  return utilMod.inspect(v, opts);
}

var hasSymbol = typeof Symbol === 'function';
var kCapture = hasSymbol ? Symbol('kCapture') : '__kCapture';
var kShapeMode = hasSymbol ? Symbol('shapeMode') : '__shapeMode';
var kLean = hasSymbol ? Symbol['for']('lode.leanEmitter') : '__lodeLeanEmitter';
var kErrorMonitor = hasSymbol ? Symbol('events.errorMonitor') : '__errorMonitor';
var kRejection = hasSymbol ? Symbol['for']('nodejs.rejection') : '__nodejsRejection';

var defaultMaxListeners = 10;
var captureRejections = false;

function EventEmitter(opts) {
  EventEmitter.init.call(this, opts);
}

EventEmitter.prototype._events = undefined;
EventEmitter.prototype._eventsCount = 0;
EventEmitter.prototype._maxListeners = undefined;

// Memory: an emitter whose prototype has kLean true (net.Socket: a
// server holds one per open connection) keeps fields at their default
// (the prototype's) as no own properties; other emitters have them own,
// as util.inspect shows them in Node.
EventEmitter.init = function (opts) {
  var lean = this[kLean];
  if (this._events === undefined ||
      this._events === Object.getPrototypeOf(this)._events) {
    this._events = Object.create(null);
    this._eventsCount = 0;
    if (lean !== true) this[kShapeMode] = false;
  } else {
    this[kShapeMode] = true;
  }
  if (lean !== true) {
    this._maxListeners = this._maxListeners || undefined;
  } else {
    var ml = this._maxListeners;
    if (ml !== undefined && !ml) this._maxListeners = undefined;
  }
  // As in Node, captureRejections: false means the default.
  if (opts && opts.captureRejections) {
    if (typeof opts.captureRejections !== 'boolean') {
      throw errors().codes.ERR_INVALID_ARG_TYPE('options.captureRejections', 'boolean',
        opts.captureRejections);
    }
    this[kCapture] = true;
  } else if (lean !== true || captureRejections || this[kCapture]) {
    this[kCapture] = captureRejections; // the default when made, as in Node
  }
};

// Always false: EventEmitter.captureRejections = true applies to emitters
// made afterwards (an own kCapture), as in Node.
EventEmitter.prototype[kCapture] = false;
EventEmitter.prototype[kShapeMode] = false;

// Throws for a listener that is not a function. Callers test typeof
// first: a call costs Duktape more than the test (~900 instructions, and
// an http client request adds and removes ~20 listeners).
function checkListener(listener) {
  if (typeof listener !== 'function') errors().validateFunction(listener, 'listener');
}

EventEmitter.prototype.setMaxListeners = function setMaxListeners(n) {
  errors().validateNumber(n, 'setMaxListeners', 0);
  this._maxListeners = n;
  return this;
};

function getMaxListeners(that) {
  if (that._maxListeners === undefined) return EventEmitter.defaultMaxListeners;
  return that._maxListeners;
}

EventEmitter.prototype.getMaxListeners = function getMaxListeners_() {
  return getMaxListeners(this);
};

function isPromiseLike(v) {
  return v !== null && typeof v === 'object' && typeof v.then === 'function';
}

/* captureRejections: a rejected promise returned by a listener is routed to
 * the emitter's Symbol.for('nodejs.rejection') method or its 'error' event. */
function addCatch(that, promise, type, args) {
  try {
    promise.then(undefined, function (err) {
      var run = function () { emitUnhandledRejectionOrErr(that, err, type, args); };
      if (typeof process !== 'undefined' && process.nextTick) process.nextTick(run);
      else run();
    });
  } catch (e) {
    that.emit('error', e);
  }
}

function emitUnhandledRejectionOrErr(ee, err, type, args) {
  if (typeof ee[kRejection] === 'function') {
    ee[kRejection].apply(ee, [err, type].concat(args));
  } else {
    var prev = ee[kCapture];
    try {
      ee[kCapture] = false;
      ee.emit('error', err);
    } finally {
      ee[kCapture] = prev;
    }
  }
}

EventEmitter.prototype.emit = function emit(type) {
  var args = [];
  var i;
  for (i = 1; i < arguments.length; i++) args.push(arguments[i]);
  var doError = (type === 'error');
  var events = this._events;
  if (events !== undefined) {
    if (doError && events[kErrorMonitor] !== undefined) {
      this.emit.apply(this, [kErrorMonitor].concat(args));
    }
    doError = (doError && events.error === undefined);
  } else if (!doError) {
    return false;
  }

  if (doError) {
    var er = args.length > 0 ? args[0] : undefined;
    if (er instanceof Error) {
      throw er; /* Unhandled 'error' event */
    }
    var stringified;
    try {
      stringified = inspect(er);
    } catch (e) {
      stringified = er;
    }
    var err = errors().codes.ERR_UNHANDLED_ERROR(stringified);
    err.context = er;
    throw err;
  }

  var handler = events[type];
  if (handler === undefined) return false;
  var result;
  if (typeof handler === 'function') {
    result = handler.apply(this, args);
    if (result !== undefined && result !== null && this[kCapture] && isPromiseLike(result)) {
      addCatch(this, result, type, args);
    }
  } else {
    var listeners = handler.slice();
    for (i = 0; i < listeners.length; i++) {
      result = listeners[i].apply(this, args);
      if (result !== undefined && result !== null && this[kCapture] && isPromiseLike(result)) {
        addCatch(this, result, type, args);
      }
    }
  }
  return true;
};

// Inside lode the common path of emit runs in C (modules/events.c): a
// function that touches `arguments` costs Duktape about 2 us per call.
// The JS emit above stays as the path for 'error', errorMonitor and
// captureRejections. (Under node, for differential tests, it is all JS.)
if (typeof internalBinding === 'function') {
  (function () {
    var binding = internalBinding('events');
    binding.setup(EventEmitter.prototype.emit, kCapture, kErrorMonitor);
    EventEmitter.prototype.emit = binding.emit;
  })();
}

function warnMaxListeners(target, type, count, m) {
  var w = new Error('Possible EventEmitter memory leak detected. ' + count + ' ' +
    String(type) + ' listeners added to ' + inspect(target, { depth: -1 }) +
    '. MaxListeners is ' + m + '. Use emitter.setMaxListeners() to increase limit');
  w.name = 'MaxListenersExceededWarning';
  w.emitter = target;
  w.type = type;
  w.count = count;
  if (typeof process !== 'undefined' && process && typeof process.emitWarning === 'function') {
    process.emitWarning(w);
  } else if (typeof console !== 'undefined') {
    console.error('(node) ' + w.name + ': ' + w.message);
  }
}

function addListener(target, type, listener, prepend) {
  if (typeof listener !== 'function') checkListener(listener);
  var events = target._events;
  var existing;
  if (events === undefined) {
    events = target._events = Object.create(null);
    target._eventsCount = 0;
  } else {
    if (events.newListener !== undefined) {
      target.emit('newListener', type,
        listener.listener !== undefined && listener.listener !== null ? listener.listener : listener);
      events = target._events;
    }
    existing = events[type];
  }

  if (existing === undefined) {
    events[type] = listener;
    ++target._eventsCount;
  } else {
    if (typeof existing === 'function') {
      existing = events[type] = prepend ? [listener, existing] : [existing, listener];
    } else if (prepend) {
      existing.unshift(listener);
    } else {
      existing.push(listener);
    }
    var m = getMaxListeners(target);
    if (m > 0 && existing.length > m && !existing.warned) {
      existing.warned = true;
      warnMaxListeners(target, type, existing.length, m);
    }
  }
  return target;
}

EventEmitter.prototype.addListener = function addListener_(type, listener) {
  return addListener(this, type, listener, false);
};
EventEmitter.prototype.on = EventEmitter.prototype.addListener;

EventEmitter.prototype.prependListener = function prependListener(type, listener) {
  return addListener(this, type, listener, true);
};

function onceWrapper() {
  if (!this.fired) {
    this.target.removeListener(this.type, this.wrapFn);
    this.fired = true;
    return this.listener.apply(this.target, arguments);
  }
}

function onceWrap(target, type, listener) {
  var state = { fired: false, wrapFn: undefined, target: target, type: type, listener: listener };
  var wrapped = onceWrapper.bind(state);
  wrapped.listener = listener;
  state.wrapFn = wrapped;
  return wrapped;
}

EventEmitter.prototype.once = function once(type, listener) {
  if (typeof listener !== 'function') checkListener(listener);
  this.on(type, onceWrap(this, type, listener));
  return this;
};

EventEmitter.prototype.prependOnceListener = function prependOnceListener(type, listener) {
  if (typeof listener !== 'function') checkListener(listener);
  this.prependListener(type, onceWrap(this, type, listener));
  return this;
};

EventEmitter.prototype.removeListener = function removeListener(type, listener) {
  if (typeof listener !== 'function') checkListener(listener);
  var events = this._events;
  if (events === undefined) return this;
  var list = events[type];
  if (list === undefined) return this;

  if (list === listener || list.listener === listener) {
    this._eventsCount -= 1;
    if (this[kShapeMode]) {
      events[type] = undefined;
    } else if (this._eventsCount === 0) {
      this._events = Object.create(null);
    } else {
      delete events[type];
      if (events.removeListener) {
        this.emit('removeListener', type, list.listener || listener);
      }
    }
  } else if (typeof list !== 'function') {
    var position = -1;
    for (var i = list.length - 1; i >= 0; i--) {
      if (list[i] === listener || list[i].listener === listener) {
        position = i;
        break;
      }
    }
    if (position < 0) return this;
    if (position === 0) list.shift();
    else list.splice(position, 1);
    if (list.length === 1) events[type] = list[0];
    if (events.removeListener !== undefined) {
      this.emit('removeListener', type, listener);
    }
  }
  return this;
};
EventEmitter.prototype.off = EventEmitter.prototype.removeListener;

function ownKeys(obj) {
  var keys = Object.getOwnPropertyNames(obj);
  if (Object.getOwnPropertySymbols) keys = keys.concat(Object.getOwnPropertySymbols(obj));
  return keys;
}

EventEmitter.prototype.removeAllListeners = function removeAllListeners(type) {
  var events = this._events;
  var i;
  if (events === undefined) return this;

  if (events.removeListener === undefined) {
    if (arguments.length === 0) {
      this._events = Object.create(null);
      this._eventsCount = 0;
    } else if (events[type] !== undefined) {
      if (--this._eventsCount === 0) this._events = Object.create(null);
      else delete events[type];
    }
    this[kShapeMode] = false;
    return this;
  }

  if (arguments.length === 0) {
    var keys = ownKeys(events);
    for (i = 0; i < keys.length; i++) {
      if (keys[i] === 'removeListener') continue;
      this.removeAllListeners(keys[i]);
    }
    this.removeAllListeners('removeListener');
    this._events = Object.create(null);
    this._eventsCount = 0;
    this[kShapeMode] = false;
    return this;
  }

  var listeners = events[type];
  if (typeof listeners === 'function') {
    this.removeListener(type, listeners);
  } else if (listeners !== undefined) {
    for (i = listeners.length - 1; i >= 0; i--) {
      this.removeListener(type, listeners[i]);
    }
  }
  return this;
};

function unwrapListeners(arr) {
  var ret = new Array(arr.length);
  for (var i = 0; i < ret.length; ++i) {
    var orig = arr[i].listener;
    ret[i] = typeof orig === 'function' ? orig : arr[i];
  }
  return ret;
}

function listeners(target, type, unwrap) {
  var events = target._events;
  if (events === undefined) return [];
  var l = events[type];
  if (l === undefined) return [];
  if (typeof l === 'function') return unwrap ? [l.listener || l] : [l];
  return unwrap ? unwrapListeners(l) : l.slice();
}

EventEmitter.prototype.listeners = function listeners_(type) {
  return listeners(this, type, true);
};

EventEmitter.prototype.rawListeners = function rawListeners(type) {
  return listeners(this, type, false);
};

function listenerCount(type, listener) {
  var events = this._events;
  if (events !== undefined) {
    var l = events[type];
    if (typeof l === 'function') {
      if (listener != null) return listener === l || listener === l.listener ? 1 : 0;
      return 1;
    } else if (l !== undefined) {
      if (listener != null) {
        var n = 0;
        for (var i = 0; i < l.length; i++) {
          if (l[i] === listener || l[i].listener === listener) n++;
        }
        return n;
      }
      return l.length;
    }
  }
  return 0;
}
EventEmitter.prototype.listenerCount = listenerCount;

EventEmitter.listenerCount = function (emitter, type) {
  if (typeof emitter.listenerCount === 'function') return emitter.listenerCount(type);
  return listenerCount.call(emitter, type);
};

EventEmitter.prototype.eventNames = function eventNames() {
  return this._eventsCount > 0 ? ownKeys(this._events) : [];
};

Object.defineProperty(EventEmitter, 'defaultMaxListeners', {
  enumerable: true,
  get: function () { return defaultMaxListeners; },
  set: function (arg) {
    errors().validateNumber(arg, 'defaultMaxListeners', 0);
    defaultMaxListeners = arg;
  }
});

Object.defineProperty(EventEmitter, 'captureRejections', {
  enumerable: true,
  get: function () { return captureRejections; },
  set: function (value) {
    if (typeof value !== 'boolean') {
      throw errors().codes.ERR_INVALID_ARG_TYPE('EventEmitter.captureRejections', 'boolean', value);
    }
    captureRejections = value;
  }
});

EventEmitter.EventEmitter = EventEmitter;
EventEmitter.usingDomains = false;
EventEmitter.errorMonitor = kErrorMonitor;
EventEmitter.captureRejectionSymbol = kRejection;

EventEmitter.getEventListeners = function getEventListeners(emitterOrTarget, type) {
  if (emitterOrTarget && typeof emitterOrTarget.listeners === 'function') {
    return emitterOrTarget.listeners(type);
  }
  /* XXX: EventTarget is not implemented in lode's stdlib yet. */
  throw errors().codes.ERR_INVALID_ARG_TYPE('emitter', ['EventEmitter', 'EventTarget'], emitterOrTarget);
};

EventEmitter.getMaxListeners = function (emitterOrTarget) {
  if (emitterOrTarget && typeof emitterOrTarget.getMaxListeners === 'function') {
    return getMaxListeners(emitterOrTarget);
  }
  throw errors().codes.ERR_INVALID_ARG_TYPE('emitter', ['EventEmitter', 'EventTarget'], emitterOrTarget);
};

EventEmitter.setMaxListeners = function (n) {
  if (n === undefined) n = defaultMaxListeners;
  errors().validateNumber(n, 'setMaxListeners', 0);
  if (arguments.length <= 1) {
    defaultMaxListeners = n;
    return;
  }
  for (var i = 1; i < arguments.length; i++) {
    var t = arguments[i];
    if (t && typeof t.setMaxListeners === 'function') t.setMaxListeners(n);
    else throw errors().codes.ERR_INVALID_ARG_TYPE('eventTargets', ['EventEmitter', 'EventTarget'], t);
  }
};

/* events.once(emitter, name[, options]): a Promise of the argument array of
 * the next `name` event; rejects on 'error' (unless waiting for 'error'). */
EventEmitter.once = function once(emitter, name, options) {
  var signal = options ? options.signal : undefined;
  return new Promise(function (resolve, reject) {
    if (signal && signal.aborted) {
      reject(abortError(signal));
      return;
    }
    var errorListener;
    var resolver = function () {
      if (errorListener !== undefined) emitter.removeListener('error', errorListener);
      if (signal) signal.removeEventListener('abort', abortListener);
      resolve(Array.prototype.slice.call(arguments));
    };
    if (name !== 'error') {
      errorListener = function (err) {
        emitter.removeListener(name, resolver);
        if (signal) signal.removeEventListener('abort', abortListener);
        reject(err);
      };
      emitter.once('error', errorListener);
    }
    emitter.once(name, resolver);
    function abortListener() {
      emitter.removeListener(name, resolver);
      if (errorListener !== undefined) emitter.removeListener('error', errorListener);
      reject(abortError(signal));
    }
    if (signal) signal.addEventListener('abort', abortListener, { once: true });
  });
};

function abortError(signal) {
  var e = new Error('The operation was aborted');
  e.name = 'AbortError';
  e.code = 'ABORT_ERR';
  if (signal && signal.reason !== undefined) e.cause = signal.reason;
  return e;
}

/* XXX: events.on() (async iterator), addAbortListener and
 * EventEmitterAsyncResource are not provided: they need async iteration /
 * async_hooks, which lode does not have. */

module.exports = EventEmitter;
