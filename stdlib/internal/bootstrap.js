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

function defineGlobal(name, value) {
  Object.defineProperty(global, name, {
    value: value, writable: true, configurable: true, enumerable: false
  });
}

function defineLazyGlobal(name, load) {
  Object.defineProperty(global, name, {
    configurable: true,
    enumerable: false,
    get: function () {
      var v = load();
      defineGlobal(name, v);
      return v;
    },
    set: function (v) {
      defineGlobal(name, v);
    }
  });
}

// ---- process, part one: what the polyfills and queues need ----

var process = {};
defineGlobal('process', process);
defineGlobal('global', global);

var taskQueues = nativeRequire('internal/task_queues');
nativeRequire('internal/polyfills').install(global, {
  enqueueMicrotask: taskQueues.enqueueMicrotask,
  rejectionTracker: taskQueues.rejectionTracker
});

var EventEmitter = nativeRequire('events');
Object.setPrototypeOf(process, EventEmitter.prototype);
EventEmitter.call(process);

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
process.exitCode = undefined;
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
  if (mask === undefined) return processBinding.umask(undefined);
  if (typeof mask === 'string') mask = parseInt(mask, 8);
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
    var e = new Error(utilBinding.getErrorName(err) + ': ' + utilBinding.getErrorMessage(err) + ', kill');
    e.errno = err;
    e.code = utilBinding.getErrorName(err);
    e.syscall = 'kill';
    throw e;
  }
  return true;
};

process.nextTick = taskQueues.nextTick;

process.exit = function exit(code) {
  if (code !== undefined) process.exitCode = code;
  if (!process._exiting) {
    process._exiting = true;
    process.emit('exit', process.exitCode | 0);
  }
  processBinding.reallyExit(process.exitCode | 0);
};

process.reallyExit = processBinding.reallyExit;
process.abort = function abort() {
  processBinding.kill(process.pid, signals.SIGABRT);
};

process.emitWarning = function emitWarning(warning, type, code) {
  var w;
  if (type !== null && typeof type === 'object') {
    code = type.code;
    type = type.type;
  }
  if (typeof warning === 'string') {
    w = new Error(warning);
    w.name = type || 'Warning';
    if (code !== undefined) w.code = code;
  } else {
    w = warning;
  }
  if (w.name === 'DeprecationWarning' && process.noDeprecation) return;
  process.nextTick(function () {
    process.emit('warning', w);
  });
};

process.on('warning', function onWarning(w) {
  if (process.listenerCount('warning') > 1) return;
  var text = '(lode:' + process.pid + ') ' + (w.code ? '[' + w.code + '] ' : '') +
    w.name + ': ' + w.message + '\n';
  try {
    utilBinding.writeSync(2, text);
  } catch (e) { /* stderr gone */ }
});

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
// it; otherwise 'exit' listeners run and C prints the error and exits.
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
  if (!process._exiting) {
    process._exiting = true;
    if (process.exitCode === undefined || process.exitCode === 0) process.exitCode = 1;
    process.emit('exit', process.exitCode);
  }
  return false;
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
defineGlobal('setTimeout', timers.setTimeout);
defineGlobal('clearTimeout', timers.clearTimeout);
defineGlobal('setInterval', timers.setInterval);
defineGlobal('clearInterval', timers.clearInterval);
defineGlobal('setImmediate', timers.setImmediate);
defineGlobal('clearImmediate', timers.clearImmediate);
defineGlobal('queueMicrotask', taskQueues.queueMicrotask);
defineLazyGlobal('console', function () { return nativeRequire('console'); });
defineLazyGlobal('URL', function () { return nativeRequire('url').URL; });
defineLazyGlobal('URLSearchParams', function () { return nativeRequire('url').URLSearchParams; });
// Buffer is loaded now: C makes Buffers (socket reads, fs) and needs its
// prototype.
if (utilBinding.nativeNames().indexOf('buffer') !== -1) {
  var bufferModule = nativeRequire('buffer');
  defineGlobal('Buffer', bufferModule.Buffer);
  defineGlobal('atob', bufferModule.atob);
  defineGlobal('btoa', bufferModule.btoa);
  utilBinding.setBufferPrototype(global.Buffer.prototype);
}

// ---- entry points for C ----

var Module = nativeRequire('internal/modules');

function runMain(mode, codeOrPath, argv, scriptIndex) {
  var path = nativeRequire('path');
  var result, m, filename;
  process.argv0 = argv[0];
  if (mode === 'file') {
    process.argv = [process.execPath, path.resolve(codeOrPath)].concat(argv.slice(scriptIndex + 1));
    process.execArgv = argv.slice(1, scriptIndex);
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
  // -e, -p and stdin run as a module body whose require, module, exports,
  // __filename and __dirname are also globals, as in Node.
  filename = mode === 'stdin' ? '[stdin]' : '[eval]';
  m = new Module(path.join(process.cwd(), filename), null);
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
  if (!process._exiting) process.emit('beforeExit', process.exitCode | 0);
}

function emitExit() {
  if (!process._exiting) {
    process._exiting = true;
    process.emit('exit', process.exitCode | 0);
  }
  return process.exitCode | 0;
}

module.exports = {
  runMain: runMain,
  emitBeforeExit: emitBeforeExit,
  emitExit: emitExit,
  nativeRequire: nativeRequire
};
