// internal/bootstrap — the first JavaScript lode runs (layer: stdlib/).
//
// Called by engine/main.c as
//   bootstrap(exports, require, module, __filename, __dirname, internalBinding)
// with require undefined: it builds the native module loader, installs
// the polyfills and the task queues, creates `process` and the globals,
// and leaves in module.exports the entry points C calls:
//   runMain(mode, codeOrPath, argv, scriptIndex)  mode: file|eval|print|stdin
//   emitBeforeExit()  and  emitExit() -> exit code
'use strict';

var global = this || Function('return this')();
var utilBinding = internalBinding('util');
var processBinding = internalBinding('process');

// ---- the native (stdlib) module loader ----

var nativeCache = {};

function nativeRequire(id) {
  var cached, fn, mod;
  if (id.indexOf('node:') === 0) id = id.slice(5);
  cached = nativeCache[id];
  if (cached !== undefined) return cached.exports;
  fn = utilBinding.compileNative(id);
  if (fn === undefined) {
    var err = new Error("Cannot find module '" + id + "'");
    err.code = 'MODULE_NOT_FOUND';
    throw err;
  }
  mod = { exports: {}, id: id, filename: 'lode:' + id, loaded: false };
  nativeCache[id] = mod;
  fn.call(mod.exports, mod.exports, nativeRequire, mod, mod.filename, 'lode:', internalBinding);
  mod.loaded = true;
  return mod.exports;
}

// The process methods a program seldom calls (umask, hrtime with an
// argument, kill, emitWarning and the warning printer, the fatal error
// formatter) live in internal/process_methods, loaded on first call.
var processMethodsModule = null;
function processMethods() {
  if (processMethodsModule === null) processMethodsModule = nativeRequire('internal/process_methods');
  return processMethodsModule;
}

// Enumerable like Node's: global, the timer functions, queueMicrotask,
// structuredClone, atob and btoa; the others are not.
function defineGlobal(name, value, enumerable) {
  Object.defineProperty(global, name, {
    value: value, writable: true, configurable: true, enumerable: enumerable === true
  });
}

// A lazy global: a getter that loads its value on first use and replaces
// itself with a plain data property (what Node has from the start); an
// assignment before that just defines the data property. `load` is a
// function returning the value, or a module id whose export of that name
// is the value. Duktape passes the property name to accessors
// (DUK_USE_NONSTD_GETTER_KEY_ARGUMENT, ..._SETTER_...), so one getter and
// one setter serve every lazy global.
var lazyGlobals = {};

// (A global object frozen since keeps the getter, which then keeps
// answering with the value it loaded.)
function lazyGlobalValue(name) {
  var entry = lazyGlobals[name], v;
  if (entry === undefined) return undefined;
  if ('value' in entry) return entry.value;
  v = typeof entry.load === 'string' ? nativeRequire(entry.load)[name] : entry.load();
  if (lazyGlobals[name] === entry) {
    entry.value = v;
    try {
      defineGlobal(name, v, entry.enumerable);
      delete lazyGlobals[name];
    } catch (e) { /* frozen */ }
  }
  return v;
}

function lazyGlobalSet(v, name) {
  var entry = lazyGlobals[name];
  if (entry === undefined) return;
  // A frozen global object's is read-only. XXX: a TypeError as in strict
  // code (sloppy code would see the assignment ignored).
  defineGlobal(name, v, entry.enumerable);
  delete lazyGlobals[name];
}

function defineLazyGlobal(name, load, enumerable) {
  lazyGlobals[name] = { load: load, enumerable: enumerable === true };
  Object.defineProperty(global, name, {
    configurable: true,
    enumerable: enumerable === true,
    get: lazyGlobalValue,
    set: lazyGlobalSet
  });
}

// ---- process, part one: what the polyfills and queues need ----

var process = {};
defineGlobal('process', process);
defineGlobal('global', global, true);

var taskQueues = nativeRequire('internal/task_queues');
// Promise, AggregateError, Map, Set, WeakMap, WeakSet and structuredClone
// live in modules of their own, loaded on first use through lazy globals
// (about 200 KB of heap that `lode -e 0` does not pay). Everything in the
// stdlib reaches them through the global, so through the getter.
// structuredClone is enumerable, as Node's.
nativeRequire('internal/polyfills').install(global, {
  enqueueMicrotask: taskQueues.enqueueMicrotask,
  rejectionTracker: taskQueues.rejectionTracker,
  lazyGlobal: function (name, get) {
    defineLazyGlobal(name, get, name === 'structuredClone');
  }
});

// Stack traces in Node's shape: "    at name (file:line)", "    at
// file:line" for anonymous code, built-ins as "name (<anonymous>)";
// without Duktape's frame flags (strict, tailcall...), its C-internal
// frames and its "[...]" marker. XXX: no columns (Duktape has none).
(function () {
  var d = Object.getOwnPropertyDescriptor(Error.prototype, 'stack');
  var FRAME = /^    at (\S+) \(([^)]*)\)(.*)$/;
  if (!d || typeof d.get !== 'function') return;
  function nodeFrame(line) {
    var m = FRAME.exec(line), name, loc;
    if (m === null) return line === '    [...]' ? null : line;
    name = m[1];
    loc = m[2];
    if (/ internal\b/.test(m[3]) && /\.c:\d+$/.test(loc)) return null;
    if (loc === '') return name === '[anon]' ? null : '    at ' + name + ' (<anonymous>)';
    if (name === '[anon]' ||
        (name === 'eval' && (loc.indexOf('[eval]:') === 0 || loc.indexOf('[stdin]:') === 0))) {
      return '    at ' + loc;
    }
    return '    at ' + name + ' (' + loc + ')';
  }
  Object.defineProperty(Error.prototype, 'stack', {
    get: function () {
      var s = d.get.call(this), lines, out, i, f;
      if (typeof s !== 'string') return s;
      lines = s.split('\n');
      out = [];
      for (i = 0; i < lines.length; i++) {
        f = nodeFrame(lines[i]);
        if (f !== null) out.push(f);
      }
      return out.join('\n');
    },
    set: d.set,
    enumerable: false,
    configurable: true
  });
})();

var EventEmitter = nativeRequire('events');
Object.setPrototypeOf(process, EventEmitter.prototype);
EventEmitter.call(process);
if (typeof Symbol === 'function' && Symbol.toStringTag) {
  Object.defineProperty(process, Symbol.toStringTag, {
    value: 'process', writable: true, enumerable: false, configurable: false
  });
}

// ---- process, part two ----

var lodeVersion = processBinding.lodeVersion;
// lode follows Node 20's API; process.version says so, versions.lode says
// what lode itself is.
process.version = 'v20.0.0';
process.versions = {
  node: '20.0.0',
  lode: lodeVersion,
  duktape: processBinding.duktapeVersion
};
process.release = { name: 'lode' };
process.arch = processBinding.arch;
process.platform = processBinding.platform;
process.pid = processBinding.pid;
process.ppid = processBinding.ppid;
process.execPath = processBinding.execPath;
process.argv = [];
process.argv0 = 'lode';
process.execArgv = [];
// process.exitCode: an integer (or a string holding one), as Node 20
// validates it; null and undefined mean "not set".
var exitCodeValue;
Object.defineProperty(process, 'exitCode', {
  get: function () { return exitCodeValue; },
  set: function (code) {
    var value = code;
    if (code !== null && code !== undefined) {
      if (typeof code === 'string' && code !== '' && Number.isInteger(+code)) value = +code;
      nativeRequire('internal/errors').validateInteger(value, 'code');
    }
    exitCodeValue = code;
  },
  enumerable: true,
  configurable: false
});
process._exiting = false;
process.features = {};
process.config = { variables: {} };

process.env = new Proxy({}, {
  get: function (target, key) {
    if (typeof key !== 'string') return undefined;
    return processBinding.getenv(key);
  },
  set: function (target, key, value) {
    if (typeof key === 'string') processBinding.setenv(key, String(value));
    return true;
  },
  has: function (target, key) {
    return typeof key === 'string' && processBinding.getenv(key) !== undefined;
  },
  deleteProperty: function (target, key) {
    if (typeof key === 'string') processBinding.unsetenv(key);
    return true;
  },
  // Duktape's Object.keys and for-in keep only the trap's keys that the
  // target itself has, so mirror the environment's names onto the target
  // (values still come from the get trap, so they stay live).
  ownKeys: function (target) {
    var keys = processBinding.envKeys(), old = Object.keys(target), i;
    for (i = 0; i < old.length; i++) delete target[old[i]];
    for (i = 0; i < keys.length; i++) target[keys[i]] = true;
    return keys;
  },
  getOwnPropertyDescriptor: function (target, key) {
    var v = typeof key === 'string' ? processBinding.getenv(key) : undefined;
    if (v === undefined) return undefined;
    return { value: v, writable: true, enumerable: true, configurable: true };
  },
  defineProperty: function (target, key, desc) {
    if (typeof key === 'string') processBinding.setenv(key, String(desc.value));
    return true;
  }
});

process.cwd = processBinding.cwd;
process.chdir = function chdir(directory) {
  processBinding.chdir(directory);
};
process.umask = function umask(mask) {
  return processMethods().umask(mask);
};
process.uptime = processBinding.uptime;
process.hrtime = function hrtime(prev) {
  var t;
  if (prev !== undefined) return processMethods().hrtime(prev);
  t = [0, 0];
  processBinding.hrtime(t);
  return t;
};
// XXX: Duktape has no BigInt: hrtime.bigint() gives the nanoseconds as a
// Number (exact below 2^53 ns, some 104 days of the monotonic clock).
process.hrtime.bigint = function bigint() {
  var t = [0, 0];
  processBinding.hrtime(t);
  return t[0] * 1e9 + t[1];
};
process.memoryUsage = function memoryUsage() {
  var rss = processBinding.rss();
  return { rss: rss, heapTotal: 0, heapUsed: 0, external: 0, arrayBuffers: 0 };
};
process.memoryUsage.rss = processBinding.rss;
Object.defineProperty(process, 'title', {
  get: processBinding.getTitle,
  set: function (v) { processBinding.setTitle(String(v)); },
  enumerable: true,
  configurable: true
});

var signals = processBinding.signals;

process.kill = function kill(pid, sig) {
  return processMethods().kill(pid, sig);
};

process.nextTick = taskQueues.nextTick;

// As Node: process.exit(undefined) clears exitCode; 'exit' listeners get
// process.exitCode || 0 as it is (a numeric string stays a string).
process.exit = function exit(code) {
  if (arguments.length !== 0) process.exitCode = code;
  if (!process._exiting) {
    process._exiting = true;
    utilBinding.setExiting();
    process.emit('exit', process.exitCode || 0);
  }
  processBinding.reallyExit((process.exitCode || 0) | 0);
};

process.reallyExit = processBinding.reallyExit;
process.abort = function abort() {
  processBinding.kill(process.pid, signals.SIGABRT);
};

// Warnings, as Node's lib/internal/process/warning.js: emitted on the
// next tick as 'warning'; the default listener (always there, unless
// --no-warnings) prints them through console.error, so a replaced
// process.stderr.write sees them too.
// (The warning object's stack starts below this process.emitWarning:
// the one in internal/process_methods has another name.)
process.emitWarning = function emitWarning(warning, type, code, ctor) {
  processMethods().emitWarning(warning, type, code, ctor);
};

function onWarning(w) {
  processMethods().onWarning(w);
}
process.on('warning', onWarning);

// Signal events: the first 'SIGx' listener starts watching the signal,
// the last one removed stops it (and restores the default action).
process.on('newListener', function (name) {
  if (typeof name === 'string' && signals[name] !== undefined &&
      name !== 'SIGKILL' && name !== 'SIGSTOP' && process.listenerCount(name) === 0) {
    processBinding.watchSignal(signals[name], true);
  }
});
process.on('removeListener', function (name) {
  if (typeof name === 'string' && signals[name] !== undefined &&
      process.listenerCount(name) === 0) {
    processBinding.watchSignal(signals[name], false);
  }
});
var signalNames = {};
Object.keys(signals).forEach(function (name) {
  if (signalNames[signals[name]] === undefined) signalNames[signals[name]] = name;
});
processBinding.setSignalHook(function (signum) {
  var name = signalNames[signum];
  if (name === 'SIGIOT') name = 'SIGABRT';
  process.emit(name, name, signum);
});

// Uncaught errors: C calls this with the error. True when a listener took
// it; otherwise 'exit' listeners run and it returns the exit code (Node's:
// process.exitCode as the listeners left it, 1 when unset); C prints the
// error and exits with that code.
function fatalException(err) {
  var origin = process._lodeRejectionOrigin ? 'unhandledRejection' : 'uncaughtException';
  process._lodeRejectionOrigin = false;
  if (process.listenerCount('uncaughtExceptionMonitor') > 0) {
    process.emit('uncaughtExceptionMonitor', err, origin);
  }
  if (process.listenerCount('uncaughtException') > 0) {
    process.emit('uncaughtException', err, origin);
    return true;
  }
  // As Node: the code is 1 unless an 'exit' listener changes it; a throw
  // from a listener is ignored here (the original error is reported).
  try {
    if (!process._exiting) {
      process._exiting = true;
      utilBinding.setExiting();
      process.exitCode = 1;
      process.emit('exit', 1);
    }
  } catch (e) { /* nothing to be done at this point */ }
  return exitCodeValue === undefined || exitCodeValue === null ? 1 : (exitCodeValue | 0);
}
process._fatalException = fatalException;
utilBinding.setHooks(taskQueues.runTicks, fatalException, taskQueues.tickInfo);

// ---- stdio ----
// Created on first use (internal/stdio): most programs never read stdin,
// and a script that only computes should not pay for streams.

function defineStdio(name, getter) {
  Object.defineProperty(process, name, {
    configurable: true,
    enumerable: true,
    get: function () { return nativeRequire('internal/stdio')[getter](); }
  });
}
defineStdio('stdout', 'getStdout');
defineStdio('stderr', 'getStderr');
defineStdio('stdin', 'getStdin');

// ---- globals ----

// The timer functions are the timers binding's own, but timers.js gives
// their objects prototypes (binding.setup): loaded on first use.
['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate',
  'clearImmediate'].forEach(function (name) {
  defineLazyGlobal(name, 'timers', true);
});
defineGlobal('queueMicrotask', taskQueues.queueMicrotask, true);
defineLazyGlobal('console', function () { return nativeRequire('console'); });
defineLazyGlobal('URL', 'url');
defineLazyGlobal('URLSearchParams', 'url');
// Node's TextEncoder/TextDecoder replace Duktape's built-in ones.
defineLazyGlobal('TextEncoder', 'internal/encoding');
defineLazyGlobal('TextDecoder', 'internal/encoding');
// Buffer is loaded on first use: about 300 KB of heap that `lode -e 0`
// and scripts which never touch bytes do not pay. Until then Buffer, atob
// and btoa are getters; C code that makes a Buffer first (a socket read)
// loads it through loadBuffer (exported below; engine/main.c keeps it in
// the heap stash for lode_js_push_buffer).
var bufferModule = null;
function loadBuffer() {
  if (bufferModule === null) {
    bufferModule = nativeRequire('buffer');
    utilBinding.setBufferPrototype(bufferModule.Buffer.prototype);
  }
  return bufferModule;
}
var hasBuffer = utilBinding.nativeNames().indexOf('buffer') !== -1;
if (hasBuffer) {
  defineLazyGlobal('Buffer', function () { return loadBuffer().Buffer; });
  defineLazyGlobal('atob', function () { return loadBuffer().atob; }, true);
  defineLazyGlobal('btoa', function () { return loadBuffer().btoa; }, true);
}

// ---- entry points for C ----

var Module = nativeRequire('internal/modules');

// The Node options lode accepts besides -e/-p (engine/main.c passes
// them through in execArgv).
function applyExecArgv(list) {
  list.forEach(function (a) {
    if (a === '--no-deprecation') process.noDeprecation = true;
    else if (a === '--throw-deprecation') process.throwDeprecation = true;
    else if (a === '--trace-deprecation') process.traceDeprecation = true;
    else if (a === '--trace-warnings') process.traceProcessWarnings = true;
    else if (a === '--no-warnings') process.removeListener('warning', onWarning);
  });
}

// The text C prints for an uncaught error (before "lode vX"): as Node,
// "file:line", the source line and a blank line when the place is known,
// then util.inspect of the error (its stack and own properties), or a
// thrown primitive as it is. XXX: no caret line: Duktape has no columns.
var evalSource = null;
function formatFatal(err) {
  return processMethods().formatFatal(err, evalSource);
}
process._lodeFormatFatal = formatFatal;

function runMain(mode, codeOrPath, argv, scriptIndex) {
  var path = nativeRequire('path');
  var result, m, filename;
  process.argv0 = argv[0];
  // A child of fork(): its IPC channel is up before the main script runs.
  if (processBinding.getenv('NODE_CHANNEL_FD') !== undefined) {
    nativeRequire('internal/child_process/ipc').setupChild();
  }
  if (mode === 'file') {
    process.argv = [process.execPath, path.resolve(codeOrPath)].concat(argv.slice(scriptIndex + 1));
    process.execArgv = argv.slice(1, scriptIndex);
    applyExecArgv(process.execArgv);
    Module.runMain(codeOrPath);
    return;
  }
  // `lode - a b` keeps the '-' in argv, as Node; -e/-p drop their code.
  if (mode === 'stdin') {
    process.argv = [process.execPath].concat(argv.slice(scriptIndex - 1));
    process.execArgv = argv.slice(1, scriptIndex - 1);
  } else {
    process.argv = [process.execPath].concat(argv.slice(scriptIndex));
    process.execArgv = argv.slice(1, scriptIndex);
  }
  applyExecArgv(process.execArgv);
  evalSource = codeOrPath;
  // -e, -p and stdin run as a module body whose require, module, exports,
  // __filename and __dirname are also globals, as in Node.
  filename = mode === 'stdin' ? '[stdin]' : '[eval]';
  m = new Module(path.join(process.cwd(), filename), null);
  m.id = filename;
  m.filename = path.join(process.cwd(), filename);
  m.paths = Module._nodeModulePaths(process.cwd());
  defineGlobal('module', m);
  defineGlobal('exports', m.exports);
  defineGlobal('require', Module.makeRequireFunction(m));
  defineGlobal('__filename', filename);
  defineGlobal('__dirname', '.');
  result = utilBinding.runInThisContext(codeOrPath, filename);
  if (mode === 'print') nativeRequire('console').log(result);
}

function emitBeforeExit() {
  if (!process._exiting) process.emit('beforeExit', process.exitCode || 0);
}

function emitExit() {
  if (!process._exiting) {
    process._exiting = true;
    utilBinding.setExiting();
    process.emit('exit', process.exitCode || 0);
  }
  return (process.exitCode || 0) | 0;
}

module.exports = {
  runMain: runMain,
  emitBeforeExit: emitBeforeExit,
  emitExit: emitExit,
  nativeRequire: nativeRequire,
  loadBuffer: hasBuffer ? loadBuffer : undefined
};
