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

// Enumerable like Node's: global, the timer functions, queueMicrotask,
// structuredClone, atob and btoa; the others are not.
function defineGlobal(name, value, enumerable) {
  Object.defineProperty(global, name, {
    value: value, writable: true, configurable: true, enumerable: enumerable === true
  });
}

function defineLazyGlobal(name, load, enumerable) {
  Object.defineProperty(global, name, {
    configurable: true,
    enumerable: enumerable === true,
    get: function () {
      var v = load();
      defineGlobal(name, v, enumerable);
      return v;
    },
    set: function (v) {
      defineGlobal(name, v, enumerable);
    }
  });
}

// ---- process, part one: what the polyfills and queues need ----

var process = {};
defineGlobal('process', process);
defineGlobal('global', global, true);

var taskQueues = nativeRequire('internal/task_queues');
nativeRequire('internal/polyfills').install(global, {
  enqueueMicrotask: taskQueues.enqueueMicrotask,
  rejectionTracker: taskQueues.rejectionTracker
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
  var errors;
  if (mask === undefined) return processBinding.umask(undefined);
  errors = nativeRequire('internal/errors');
  if (typeof mask === 'string') {
    if (!/^[0-7]+$/.test(mask)) {
      throw errors.codes.ERR_INVALID_ARG_VALUE('mask', mask,
        'must be a 32-bit unsigned integer or an octal string');
    }
    mask = parseInt(mask, 8);
  }
  errors.validateUint32(mask, 'mask');
  return processBinding.umask(mask);
};
process.uptime = processBinding.uptime;
process.hrtime = function hrtime(prev) {
  var t = [0, 0], s, ns;
  processBinding.hrtime(t);
  if (prev !== undefined) {
    if (!Array.isArray(prev)) {
      throw nativeRequire('internal/errors').codes.ERR_INVALID_ARG_TYPE('time', 'Array', prev);
    }
    if (prev.length !== 2) {
      throw nativeRequire('internal/errors').codes.ERR_OUT_OF_RANGE('time', 2, prev.length);
    }
    s = t[0] - prev[0];
    ns = t[1] - prev[1];
    if (ns < 0) {
      s -= 1;
      ns += 1e9;
    }
    return [s, ns];
  }
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
  var errors = nativeRequire('internal/errors'), num, err;
  if (pid != (pid | 0)) throw errors.codes.ERR_INVALID_ARG_TYPE('pid', 'number', pid);
  if (sig === undefined) sig = 'SIGTERM';
  if (typeof sig === 'number') {
    num = sig;
  } else {
    num = signals[sig];
    if (num === undefined) {
      err = new TypeError('Unknown signal: ' + sig);
      err.code = 'ERR_UNKNOWN_SIGNAL';
      throw err;
    }
  }
  err = processBinding.kill(pid, num);
  if (err) {
    // Node's ErrnoException: "kill ESRCH".
    var e = new Error('kill ' + utilBinding.getErrorName(err));
    e.errno = err;
    e.code = utilBinding.getErrorName(err);
    e.syscall = 'kill';
    throw e;
  }
  return true;
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
function createWarningObject(warning, type, code, ctor, detail) {
  var w = new Error(warning);
  w.name = String(type || 'Warning');
  if (code !== undefined) w.code = code;
  if (detail !== undefined) w.detail = detail;
  if (Error.captureStackTrace) Error.captureStackTrace(w, ctor || process.emitWarning);
  return w;
}

process.emitWarning = function emitWarning(warning, type, code, ctor) {
  var errors = nativeRequire('internal/errors'), detail;
  if (type !== null && typeof type === 'object' && !Array.isArray(type)) {
    ctor = type.ctor;
    code = type.code;
    if (typeof type.detail === 'string') detail = type.detail;
    type = type.type || 'Warning';
  } else if (typeof type === 'function') {
    ctor = type;
    code = undefined;
    type = 'Warning';
  }
  if (type !== undefined) errors.validateString(type, 'type');
  if (typeof code === 'function') {
    ctor = code;
    code = undefined;
  } else if (code !== undefined) {
    errors.validateString(code, 'code');
  }
  if (typeof warning === 'string') {
    warning = createWarningObject(warning, type, code, ctor, detail);
  } else if (!(warning instanceof Error)) {
    throw errors.codes.ERR_INVALID_ARG_TYPE('warning', ['Error', 'string'], warning);
  }
  if (warning.name === 'DeprecationWarning') {
    if (process.noDeprecation) return;
    if (process.throwDeprecation) {
      process.nextTick(function () { throw warning; });
      return;
    }
  }
  process.nextTick(function () {
    process.emit('warning', warning);
  });
};

var traceWarningHelperShown = false;
function onWarning(w) {
  var isDeprecation, trace, msg, text;
  if (!(w instanceof Error)) return;
  isDeprecation = w.name === 'DeprecationWarning';
  if (isDeprecation && process.noDeprecation) return;
  trace = process.traceProcessWarnings || (isDeprecation && process.traceDeprecation);
  msg = '(' + process.release.name + ':' + process.pid + ') ';
  if (w.code) msg += '[' + w.code + '] ';
  if (trace && w.stack) {
    msg += w.stack;
  } else {
    msg += typeof w.toString === 'function' ? w.toString() : Error.prototype.toString.call(w);
  }
  if (typeof w.detail === 'string') msg += '\n' + w.detail;
  if (!trace && !traceWarningHelperShown) {
    msg += '\n(Use `' + nativeRequire('path').basename(process.argv0 || 'lode') + ' ' +
      (isDeprecation ? '--trace-deprecation' : '--trace-warnings') +
      ' ...` to show where the warning was created)';
    traceWarningHelperShown = true;
  }
  try {
    global.console.error(msg);
  } catch (e) {
    try {
      utilBinding.writeSync(2, msg + '\n');
    } catch (e2) { /* stderr gone */ }
  }
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

var timers = nativeRequire('timers');
defineGlobal('setTimeout', timers.setTimeout, true);
defineGlobal('clearTimeout', timers.clearTimeout, true);
defineGlobal('setInterval', timers.setInterval, true);
defineGlobal('clearInterval', timers.clearInterval, true);
defineGlobal('setImmediate', timers.setImmediate, true);
defineGlobal('clearImmediate', timers.clearImmediate, true);
defineGlobal('queueMicrotask', taskQueues.queueMicrotask, true);
defineGlobal('structuredClone', global.structuredClone, true);
defineLazyGlobal('console', function () { return nativeRequire('console'); });
defineLazyGlobal('URL', function () { return nativeRequire('url').URL; });
defineLazyGlobal('URLSearchParams', function () { return nativeRequire('url').URLSearchParams; });
// Node's TextEncoder/TextDecoder replace Duktape's built-in ones.
defineLazyGlobal('TextEncoder', function () { return nativeRequire('internal/encoding').TextEncoder; });
defineLazyGlobal('TextDecoder', function () { return nativeRequire('internal/encoding').TextDecoder; });
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
function sourceLine(file, line) {
  var text;
  if (file === '[eval]' || file === '[stdin]') text = evalSource;
  else if (file.charAt(0) === '/') text = internalBinding('fs').readFileUtf8(file);
  if (typeof text !== 'string') return undefined;
  return text.split('\n')[line - 1];
}

function formatFatal(err) {
  var where = '', line, util = nativeRequire('util');
  if (err !== null && typeof err === 'object' && typeof err.fileName === 'string' &&
      typeof err.lineNumber === 'number' && err.lineNumber > 0) {
    try {
      line = sourceLine(err.fileName, err.lineNumber);
      if (line !== undefined) {
        where = err.fileName + ':' + err.lineNumber + '\n' + line.replace(/\r$/, '') + '\n\n';
      }
    } catch (e) { /* the file is gone: no source line */ }
  }
  if (err === null || (typeof err !== 'object' && typeof err !== 'function')) {
    return where + String(err);
  }
  return where + util.inspect(err);
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
