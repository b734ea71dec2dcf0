// child_process — spawn, exec, execFile, fork and their synchronous forms
// (layer: stdlib/). Node 20's documented behaviour; the machinery is in
// internal/child_process.
'use strict';

var errors = require('internal/errors');
var internal = require('internal/child_process');

var codes = errors.codes;
var ChildProcess = internal.ChildProcess;
var MAX_BUFFER = 1024 * 1024;

function validateArgumentNullCheck(arg, name) {
  if (typeof arg === 'string' && arg.indexOf('\u0000') !== -1) {
    throw codes.ERR_INVALID_ARG_VALUE(name, arg, 'must be a string without null bytes');
  }
}

function validateArgumentsNullCheck(args, name) {
  for (var i = 0; i < args.length; i++) validateArgumentNullCheck(args[i], name + '[' + i + ']');
}

function isInt32(v) {
  return v === (v | 0);
}

function validateTimeout(timeout) {
  if (timeout != null && !(typeof timeout === 'number' && isFinite(timeout) &&
      Math.floor(timeout) === timeout && timeout >= 0)) {
    throw codes.ERR_OUT_OF_RANGE('timeout', 'an unsigned integer', timeout);
  }
}

function validateMaxBuffer(maxBuffer) {
  if (maxBuffer != null && !(typeof maxBuffer === 'number' && maxBuffer >= 0)) {
    throw codes.ERR_OUT_OF_RANGE('options.maxBuffer', 'a positive number', maxBuffer);
  }
}

function envKeys(env) {
  var keys = [], k;
  if (env === process.env) return Object.keys(env);
  // Inherited keys count too, as in Node.
  for (k in env) keys.push(k);
  return keys;
}

function normalizeSpawnArguments(file, args, options) {
  var cwd, i, k;
  errors.validateString(file, 'file');
  validateArgumentNullCheck(file, 'file');
  if (file.length === 0) throw codes.ERR_INVALID_ARG_VALUE('file', file, 'cannot be empty');
  if (Array.isArray(args)) {
    args = args.slice();
  } else if (args == null) {
    args = [];
  } else if (typeof args !== 'object') {
    throw codes.ERR_INVALID_ARG_TYPE('args', 'object', args);
  } else {
    options = args;
    args = [];
  }
  validateArgumentsNullCheck(args, 'args');
  if (options === undefined) options = {};
  else errors.validateObject(options, 'options');

  cwd = options.cwd;
  if (cwd != null) {
    if (typeof cwd === 'object' && cwd.href !== undefined && cwd.protocol === 'file:') {
      cwd = require('url').fileURLToPath(cwd);
    } else if (typeof cwd !== 'string' && !Buffer.isBuffer(cwd)) {
      throw codes.ERR_INVALID_ARG_TYPE('options.cwd', ['string', 'Buffer', 'URL'], cwd);
    }
    cwd = String(cwd);
    validateArgumentNullCheck(cwd, 'options.cwd');
  }
  if (options.detached != null) errors.validateBoolean(options.detached, 'options.detached');
  if (options.uid != null && !isInt32(options.uid)) {
    throw codes.ERR_INVALID_ARG_TYPE('options.uid', 'int32', options.uid);
  }
  if (options.gid != null && !isInt32(options.gid)) {
    throw codes.ERR_INVALID_ARG_TYPE('options.gid', 'int32', options.gid);
  }
  if (options.shell != null && typeof options.shell !== 'boolean' && typeof options.shell !== 'string') {
    throw codes.ERR_INVALID_ARG_TYPE('options.shell', ['boolean', 'string'], options.shell);
  }
  if (options.argv0 != null) {
    errors.validateString(options.argv0, 'options.argv0');
    validateArgumentNullCheck(options.argv0, 'options.argv0');
  }
  if (options.windowsHide != null) errors.validateBoolean(options.windowsHide, 'options.windowsHide');
  if (options.windowsVerbatimArguments != null) {
    errors.validateBoolean(options.windowsVerbatimArguments, 'options.windowsVerbatimArguments');
  }

  if (options.shell) {
    validateArgumentNullCheck(options.shell, 'options.shell');
    var command = [file].concat(args).join(' ');
    file = typeof options.shell === 'string' ? options.shell : '/bin/sh';
    args = ['-c', command];
  }
  if (typeof options.argv0 === 'string') args.unshift(options.argv0);
  else args.unshift(file);

  var env = options.env || process.env;
  var envPairs, keys;
  // process.env is the C environment itself (a Proxy over getenv/setenv):
  // the child inherits it as is, without a walk over every variable
  // (envPairs undefined, envInherit true; the binding passes environ).
  if (env === process.env) {
    keys = [];
  } else {
    envPairs = [];
    keys = envKeys(env);
  }
  for (i = 0; i < keys.length; i++) {
    k = keys[i];
    var value = env[k];
    if (value !== undefined) {
      validateArgumentNullCheck(k, "options.env['" + k + "']");
      validateArgumentNullCheck(value, "options.env['" + k + "']");
      envPairs.push(k + '=' + value);
    }
  }

  var out = Object.assign({}, options);
  out.args = args;
  out.cwd = cwd;
  out.detached = !!options.detached;
  out.envPairs = envPairs;
  out.envInherit = envPairs === undefined;
  out.file = file;
  out.windowsHide = !!options.windowsHide;
  out.windowsVerbatimArguments = !!options.windowsVerbatimArguments;
  return out;
}

// ---- spawn ----

function spawn(file, args, options) {
  options = normalizeSpawnArguments(file, args, options);
  validateTimeout(options.timeout);
  if (options.signal !== undefined && (options.signal === null || typeof options.signal !== 'object' ||
      typeof options.signal.aborted !== 'boolean')) {
    throw codes.ERR_INVALID_ARG_TYPE('options.signal', 'AbortSignal', options.signal);
  }
  var killSignal = internal.sanitizeKillSignal(options.killSignal);
  var child = new ChildProcess();
  child.spawn(options);

  if (options.timeout > 0) {
    var timeoutId = setTimeout(function () {
      if (timeoutId) {
        try {
          child.kill(killSignal);
        } catch (err) {
          child.emit('error', err);
        }
        timeoutId = null;
      }
    }, options.timeout);
    child.once('exit', function () {
      if (timeoutId) {
        clearTimeout(timeoutId);
        timeoutId = null;
      }
    });
  }

  var signal = options.signal;
  if (signal) {
    var onAbort = function () {
      var err = new Error('The operation was aborted');
      err.name = 'AbortError';
      err.code = 'ABORT_ERR';
      if (signal.reason !== undefined) err.cause = signal.reason;
      if (child._handle) {
        try {
          if (child.kill(killSignal)) child.emit('error', err);
        } catch (e) {
          child.emit('error', e);
        }
      }
    };
    if (signal.aborted) {
      process.nextTick(onAbort);
    } else if (typeof signal.addEventListener === 'function') {
      signal.addEventListener('abort', onAbort, { once: true });
      child.once('exit', function () { signal.removeEventListener('abort', onAbort); });
    }
  }
  return child;
}

// ---- execFile / exec ----

function normalizeExecFileArgs(file, args, options, callback) {
  if (Array.isArray(args)) {
    args = args.slice();
  } else if (args != null && typeof args === 'object') {
    callback = options;
    options = args;
    args = null;
  } else if (typeof args === 'function') {
    callback = args;
    options = null;
    args = null;
  }
  if (args == null) args = [];
  if (typeof options === 'function') {
    callback = options;
  } else if (options != null) {
    errors.validateObject(options, 'options');
  }
  if (options == null || typeof options === 'function') options = {};
  if (callback != null) errors.validateFunction(callback, 'callback');
  if (options.argv0 != null) {
    errors.validateString(options.argv0, 'options.argv0');
    validateArgumentNullCheck(options.argv0, 'options.argv0');
  }
  return { file: file, args: args, options: options, callback: callback };
}

function execFile(file, args, options, callback) {
  var n = normalizeExecFileArgs(file, args, options, callback);
  file = n.file;
  args = n.args;
  callback = n.callback;
  options = Object.assign({
    encoding: 'utf8',
    timeout: 0,
    maxBuffer: MAX_BUFFER,
    killSignal: 'SIGTERM',
    cwd: null,
    env: null,
    shell: false
  }, n.options);

  validateTimeout(options.timeout);
  validateMaxBuffer(options.maxBuffer);
  options.killSignal = internal.sanitizeKillSignal(options.killSignal);

  var child = spawn(file, args, {
    cwd: options.cwd,
    env: options.env,
    gid: options.gid,
    shell: options.shell,
    signal: options.signal,
    uid: options.uid,
    argv0: options.argv0,
    windowsHide: !!options.windowsHide,
    windowsVerbatimArguments: !!options.windowsVerbatimArguments
  });

  var encoding = options.encoding !== 'buffer' && Buffer.isEncoding(options.encoding) ?
    options.encoding : null;
  var _stdout = [], _stderr = [];
  var stdoutLen = 0, stderrLen = 0;
  var killed = false, exited = false;
  var timeoutId = null;
  var ex = null;
  var cmd = file;

  function exithandler(code, signal) {
    if (exited) return;
    exited = true;
    if (timeoutId) {
      clearTimeout(timeoutId);
      timeoutId = null;
    }
    if (!callback) return;
    var stdout, stderr;
    if (encoding || (child.stdout && child.stdout.readableEncoding)) stdout = _stdout.join('');
    else stdout = Buffer.concat(_stdout);
    if (encoding || (child.stderr && child.stderr.readableEncoding)) stderr = _stderr.join('');
    else stderr = Buffer.concat(_stderr);

    if (!ex && code === 0 && signal === null) {
      callback(null, stdout, stderr);
      return;
    }
    if (args && args.length) cmd += ' ' + args.join(' ');
    if (!ex) {
      ex = new Error('Command failed: ' + cmd + '\n' + stderr);
      ex.code = code < 0 ? internalBinding('util').getErrorName(code) : code;
      ex.killed = child.killed || killed;
      ex.signal = signal;
    }
    ex.cmd = cmd;
    callback(ex, stdout, stderr);
  }

  function errorhandler(e) {
    ex = e;
    if (child.stdout) child.stdout.destroy();
    if (child.stderr) child.stderr.destroy();
    exithandler();
  }

  function kill() {
    if (child.stdout) child.stdout.destroy();
    if (child.stderr) child.stderr.destroy();
    killed = true;
    try {
      child.kill(options.killSignal);
    } catch (e) {
      ex = e;
      exithandler();
    }
  }

  if (options.timeout > 0) {
    timeoutId = setTimeout(function delayedKill() {
      kill();
      timeoutId = null;
    }, options.timeout);
  }

  function collector(stream, chunks, name) {
    if (encoding) stream.setEncoding(encoding);
    stream.on('data', function (chunk) {
      if (options.maxBuffer === Infinity) {
        chunks.push(chunk);
        return;
      }
      var enc = stream.readableEncoding;
      var length = enc ? Buffer.byteLength(chunk, enc) : chunk.length;
      var total = (name === 'stdout' ? (stdoutLen += length) : (stderrLen += length));
      if (total > options.maxBuffer) {
        var truncatedLen = options.maxBuffer - (total - length);
        chunks.push(chunk.slice(0, truncatedLen));
        ex = codes.ERR_CHILD_PROCESS_STDIO_MAXBUFFER(name);
        kill();
      } else {
        chunks.push(chunk);
      }
    });
  }

  if (child.stdout) collector(child.stdout, _stdout, 'stdout');
  if (child.stderr) collector(child.stderr, _stderr, 'stderr');

  child.addListener('close', exithandler);
  child.addListener('error', errorhandler);
  return child;
}

function normalizeExecArgs(command, options, callback) {
  errors.validateString(command, 'command');
  validateArgumentNullCheck(command, 'command');
  if (typeof options === 'function') {
    callback = options;
    options = undefined;
  }
  options = Object.assign({}, options);
  options.shell = typeof options.shell === 'string' ? options.shell : true;
  return { file: command, options: options, callback: callback };
}

function exec(command, options, callback) {
  var opts = normalizeExecArgs(command, options, callback);
  return execFile(opts.file, opts.options, opts.callback);
}

// util.promisify(exec/execFile) resolves to {stdout, stderr}.
function promisifiedExec(fn) {
  return function () {
    var args = Array.prototype.slice.call(arguments), child;
    var p = new Promise(function (resolve, reject) {
      args.push(function (err, stdout, stderr) {
        if (err) {
          err.stdout = stdout;
          err.stderr = stderr;
          reject(err);
        } else {
          resolve({ stdout: stdout, stderr: stderr });
        }
      });
      child = fn.apply(null, args);
    });
    p.child = child;
    return p;
  };
}

// ---- the synchronous forms ----

function getValidatedBuffer(input, name) {
  if (typeof input === 'string') return Buffer.from(input, 'utf8');
  if (ArrayBuffer.isView(input)) {
    return Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  }
  throw codes.ERR_INVALID_ARG_TYPE(name, ['string', 'Buffer', 'TypedArray', 'DataView'], input);
}

function spawnSync(file, args, options) {
  var i;
  options = Object.assign({ maxBuffer: MAX_BUFFER }, normalizeSpawnArguments(file, args, options));
  validateTimeout(options.timeout);
  validateMaxBuffer(options.maxBuffer);
  options.killSignal = internal.sanitizeKillSignal(options.killSignal);
  options.stdio = internal.getValidStdio(options.stdio || 'pipe', true).stdio;
  if (options.input) {
    options.stdio[0] = Object.assign({}, options.stdio[0]);
    options.stdio[0].input = options.input;
  }
  for (i = 0; i < options.stdio.length; i++) {
    var input = options.stdio[i] && options.stdio[i].input;
    if (input != null) {
      options.stdio[i] = Object.assign({}, options.stdio[i]);
      if (typeof input === 'string' && options.encoding && options.encoding !== 'buffer' &&
          Buffer.isEncoding(options.encoding)) {
        options.stdio[i].input = Buffer.from(input, options.encoding);
      } else {
        options.stdio[i].input = getValidatedBuffer(input, 'options.stdio[' + i + ']');
      }
    }
  }
  return internal.spawnSync(options);
}

function checkExecSyncError(ret, args, cmd) {
  var err, k;
  if (ret.error) {
    err = ret.error;
    for (k in ret) err[k] = ret[k];
  } else if (ret.status !== 0) {
    var msg = 'Command failed: ';
    msg += cmd || args.join(' ');
    if (ret.stderr && ret.stderr.length > 0) msg += '\n' + ret.stderr.toString();
    err = new Error(msg);
    for (k in ret) err[k] = ret[k];
  }
  return err;
}

function execFileSync(file, args, options) {
  var n = normalizeExecFileArgs(file, args, options);
  file = n.file;
  args = n.args;
  options = n.options;
  var inheritStderr = !options.stdio;
  var ret = spawnSync(file, args, options);
  if (inheritStderr && ret.stderr) process.stderr.write(ret.stderr);
  var errArgs = [options.argv0 || file].concat(args);
  var err = checkExecSyncError(ret, errArgs);
  if (err) throw err;
  return ret.stdout;
}

function execSync(command, options) {
  var opts = normalizeExecArgs(command, options, null);
  var inheritStderr = !opts.options.stdio;
  var ret = spawnSync(opts.file, opts.options);
  if (inheritStderr && ret.stderr) process.stderr.write(ret.stderr);
  var err = checkExecSyncError(ret, undefined, command);
  if (err) throw err;
  return ret.stdout;
}

// ---- fork ----

function fork(modulePath, args, options) {
  if (modulePath !== null && typeof modulePath === 'object' && modulePath.href !== undefined) {
    modulePath = require('url').fileURLToPath(modulePath);
  }
  errors.validateString(modulePath, 'modulePath');
  validateArgumentNullCheck(modulePath, 'modulePath');
  if (args == null) {
    args = [];
  } else if (typeof args === 'object' && !Array.isArray(args)) {
    options = args;
    args = [];
  } else {
    errors.validateArray(args, 'args');
  }
  if (options != null) errors.validateObject(options, 'options');
  options = Object.assign({}, options, { shell: false });
  options.execPath = options.execPath || process.execPath;
  validateArgumentNullCheck(options.execPath, 'options.execPath');

  var execArgv = options.execArgv || process.execArgv;
  validateArgumentsNullCheck(execArgv, 'options.execArgv');
  if (execArgv === process.execArgv && process._eval != null) {
    var index = execArgv.lastIndexOf(process._eval);
    if (index > 0) {
      // Without the -e code: no fork bomb.
      execArgv = execArgv.slice();
      execArgv.splice(index - 1, 2);
    }
  }
  args = execArgv.concat([modulePath], args);

  if (typeof options.stdio === 'string') {
    options.stdio = internal.stdioStringToArray(options.stdio, 'ipc');
  } else if (!Array.isArray(options.stdio)) {
    options.stdio = internal.stdioStringToArray(options.silent ? 'pipe' : 'inherit', 'ipc');
  } else if (options.stdio.indexOf('ipc') === -1) {
    throw codes.ERR_CHILD_PROCESS_IPC_REQUIRED('options.stdio');
  }
  return spawn(options.execPath, args, options);
}

// The child's end of fork(): process.send and friends over fd.
function _forkChild(fd) {
  var Pipe = internalBinding('stream_wrap').Pipe;
  var p = new Pipe(true);
  var err = p.open(fd);
  if (err) throw internal.errnoException(err, 'open');
  p.unref();
  var control = internal.setupChannel(process, p);
  process.on('newListener', function (name) {
    if (name === 'message' || name === 'disconnect') control.refCounted();
  });
  process.on('removeListener', function (name) {
    if (name === 'message' || name === 'disconnect') control.unrefCounted();
  });
}

exec[Symbol.for('nodejs.util.promisify.custom')] = promisifiedExec(exec);
execFile[Symbol.for('nodejs.util.promisify.custom')] = promisifiedExec(execFile);

module.exports = {
  _forkChild: _forkChild,
  ChildProcess: ChildProcess,
  exec: exec,
  execFile: execFile,
  execFileSync: execFileSync,
  execSync: execSync,
  fork: fork,
  spawn: spawn,
  spawnSync: spawnSync
};
