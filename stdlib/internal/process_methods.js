// internal/process_methods — the process methods a program seldom calls,
// loaded by internal/bootstrap on first call (layer: stdlib/): umask,
// hrtime(prev), kill, emitWarning and the default 'warning' listener, and
// the text of an uncaught error. process.x in the bootstrap calls x here.
'use strict';

var utilBinding = internalBinding('util');
var processBinding = internalBinding('process');

function umask(mask) {
  var errors;
  if (mask === undefined) return processBinding.umask(undefined);
  errors = require('internal/errors');
  if (typeof mask === 'string') {
    if (!/^[0-7]+$/.test(mask)) {
      throw errors.codes.ERR_INVALID_ARG_VALUE('mask', mask,
        'must be a 32-bit unsigned integer or an octal string');
    }
    mask = parseInt(mask, 8);
  }
  errors.validateUint32(mask, 'mask');
  return processBinding.umask(mask);
}

// process.hrtime(prev): the difference from an earlier reading.
function hrtime(prev) {
  var t = [0, 0], s, ns;
  processBinding.hrtime(t);
  if (!Array.isArray(prev)) {
    throw require('internal/errors').codes.ERR_INVALID_ARG_TYPE('time', 'Array', prev);
  }
  if (prev.length !== 2) {
    throw require('internal/errors').codes.ERR_OUT_OF_RANGE('time', 2, prev.length);
  }
  s = t[0] - prev[0];
  ns = t[1] - prev[1];
  if (ns < 0) {
    s -= 1;
    ns += 1e9;
  }
  return [s, ns];
}

function kill(pid, sig) {
  var errors = require('internal/errors'), num, err;
  if (pid != (pid | 0)) throw errors.codes.ERR_INVALID_ARG_TYPE('pid', 'number', pid);
  if (sig === undefined) sig = 'SIGTERM';
  if (typeof sig === 'number') {
    num = sig;
  } else {
    num = processBinding.signals[sig];
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
}

// As Node's lib/internal/process/warning.js: emitted on the next tick as
// 'warning'; the default listener (always there, unless --no-warnings)
// prints them through console.error, so a replaced process.stderr.write
// sees them too. The bootstrap's process.emitWarning calls
// emitWarningNow, whose other name keeps it in the warning's stack:
// captureStackTrace cuts at the first "emitWarning" frame.
function createWarningObject(warning, type, code, ctor, detail) {
  var w = new Error(warning);
  w.name = String(type || 'Warning');
  if (code !== undefined) w.code = code;
  if (detail !== undefined) w.detail = detail;
  if (Error.captureStackTrace) Error.captureStackTrace(w, ctor || process.emitWarning);
  return w;
}

function emitWarningNow(warning, type, code, ctor) {
  var errors = require('internal/errors'), detail;
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
}

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
    msg += '\n(Use `' + require('path').basename(process.argv0 || 'lode') + ' ' +
      (isDeprecation ? '--trace-deprecation' : '--trace-warnings') +
      ' ...` to show where the warning was created)';
    traceWarningHelperShown = true;
  }
  try {
    globalThis.console.error(msg);
  } catch (e) {
    try {
      utilBinding.writeSync(2, msg + '\n');
    } catch (e2) { /* stderr gone */ }
  }
}

// The text C prints for an uncaught error (before "lode vX"): as Node,
// "file:line", the source line and a blank line when the place is known,
// then util.inspect of the error (its stack and own properties), or a
// thrown primitive as it is. XXX: no caret line: Duktape has no columns.
// evalSource: the code of -e/-p/stdin, for "[eval]" and "[stdin]".
function sourceLine(file, line, evalSource) {
  var text;
  if (file === '[eval]' || file === '[stdin]') text = evalSource;
  else if (file.charAt(0) === '/') text = internalBinding('fs').readFileUtf8(file);
  if (typeof text !== 'string') return undefined;
  return text.split('\n')[line - 1];
}

function formatFatal(err, evalSource) {
  var where = '', line, util = require('util');
  if (err !== null && typeof err === 'object' && typeof err.fileName === 'string' &&
      typeof err.lineNumber === 'number' && err.lineNumber > 0) {
    try {
      line = sourceLine(err.fileName, err.lineNumber, evalSource);
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

module.exports = {
  umask: umask,
  hrtime: hrtime,
  kill: kill,
  emitWarning: emitWarningNow,
  onWarning: onWarning,
  formatFatal: formatFatal
};
