// console — the global console (layer: stdlib/): log, info, debug to
// stdout; error, warn, trace to stderr; dir, time/timeEnd/timeLog,
// count/countReset, assert, group/groupEnd, table. Formatting is
// util.format / util.inspect, so output matches Node's.
'use strict';

var util = require('util');

function Console(stdout, stderr, ignoreErrors) {
  var opts, self;
  if (!(this instanceof Console)) return new Console(stdout, stderr, ignoreErrors);
  if (stdout && typeof stdout.write !== 'function') {
    opts = stdout;
    stdout = opts.stdout;
    stderr = opts.stderr;
  }
  if (!stdout || typeof stdout.write !== 'function') {
    var err = new TypeError('The "stdout" argument must be of type object. Received ' + typeof stdout);
    err.code = 'ERR_INVALID_ARG_TYPE';
    throw err;
  }
  this._stdout = stdout;
  this._stderr = stderr || stdout;
  this._times = Object.create(null);
  this._counts = Object.create(null);
  this._indent = '';
  // Methods are bound, so `var log = console.log; log(1)` works (Node).
  self = this;
  Object.keys(Console.prototype).forEach(function (k) {
    if (typeof Console.prototype[k] === 'function') self[k] = Console.prototype[k].bind(self);
  });
}

function write(stream, indent, text) {
  if (indent !== '') text = indent + text.split('\n').join('\n' + indent);
  stream.write(text + '\n');
}

Console.prototype.log = function log() {
  write(this._stdout, this._indent, util.format.apply(null, arguments));
};
Console.prototype.info = Console.prototype.log;
Console.prototype.debug = Console.prototype.log;

Console.prototype.error = function error() {
  write(this._stderr, this._indent, util.format.apply(null, arguments));
};
Console.prototype.warn = Console.prototype.error;

Console.prototype.dir = function dir(obj, options) {
  var opts = Object.assign({ customInspect: false }, options || {});
  write(this._stdout, this._indent, util.inspect(obj, opts));
};
Console.prototype.dirxml = Console.prototype.log;

Console.prototype.trace = function trace() {
  var err = new Error(util.format.apply(null, arguments));
  err.name = 'Trace';
  var stack = String(err.stack || 'Trace: ' + err.message);
  write(this._stderr, this._indent, stack);
};

Console.prototype.assert = function assert(value) {
  var args;
  if (!value) {
    // As Node: the first argument is joined as a string, whatever it is.
    args = Array.prototype.slice.call(arguments, 1);
    args[0] = 'Assertion failed' + (args.length === 0 ? '' : ': ' + args[0]);
    this.warn.apply(this, args);
  }
};

function label(l) {
  return l === undefined ? 'default' : String(l);
}

function formatTime(ms) {
  var seconds, minutes, hours;
  if (ms >= 1000) {
    seconds = ms / 1000;
    if (seconds >= 60) {
      minutes = seconds / 60;
      if (minutes >= 60) {
        hours = minutes / 60;
        return hours.toFixed(3) + 'h';
      }
      return minutes.toFixed(3) + 'min';
    }
    return seconds.toFixed(3) + 's';
  }
  return ms.toFixed(3) + 'ms';
}

function now() {
  var t = process.hrtime();
  return t[0] * 1e3 + t[1] / 1e6;
}

Console.prototype.time = function time(l) {
  l = label(l);
  if (this._times[l] !== undefined) {
    process.emitWarning("Label '" + l + "' already exists for console.time()");
    return;
  }
  this._times[l] = now();
};

Console.prototype.timeEnd = function timeEnd(l) {
  l = label(l);
  var start = this._times[l];
  if (start === undefined) {
    process.emitWarning("No such label '" + l + "' for console.timeEnd()");
    return;
  }
  delete this._times[l];
  this.log('%s: %s', l, formatTime(now() - start));
};

Console.prototype.timeLog = function timeLog(l) {
  l = label(l);
  var start = this._times[l], extra;
  if (start === undefined) {
    process.emitWarning("No such label '" + l + "' for console.timeLog()");
    return;
  }
  extra = Array.prototype.slice.call(arguments, 1);
  this.log.apply(this, ['%s: %s', l, formatTime(now() - start)].concat(extra));
};

Console.prototype.count = function count(l) {
  l = label(l);
  this._counts[l] = (this._counts[l] || 0) + 1;
  this.log('%s: %d', l, this._counts[l]);
};

Console.prototype.countReset = function countReset(l) {
  l = label(l);
  if (this._counts[l] === undefined) {
    process.emitWarning("Count for '" + l + "' does not exist");
    return;
  }
  delete this._counts[l];
};

Console.prototype.group = function group() {
  if (arguments.length > 0) this.log.apply(this, arguments);
  this._indent += '  ';
};
Console.prototype.groupCollapsed = Console.prototype.group;

Console.prototype.groupEnd = function groupEnd() {
  this._indent = this._indent.slice(0, Math.max(0, this._indent.length - 2));
};

// console.table for arrays and objects of primitives or flat objects,
// drawn with the same box characters as Node.
// Cells are left-aligned, as in Node 20.
function renderRow(row, widths) {
  var out = '│', i, cell;
  for (i = 0; i < row.length; i++) {
    cell = row[i];
    out += ' ' + cell + ' '.repeat(widths[i] - cell.length + 1) + '│';
  }
  return out;
}

function tableValue(v) {
  return util.inspect(v, { depth: 1, breakLength: Infinity, compact: true });
}

Console.prototype.table = function table(data, properties) {
  var keys, header, rows = [], cols = [], hasValues = false, widths, i, j, line;
  if (data === null || typeof data !== 'object') return this.log(data);
  keys = Object.keys(data);
  keys.forEach(function (k) {
    var v = data[k];
    if (v !== null && typeof v === 'object') {
      Object.keys(v).forEach(function (c) {
        if (cols.indexOf(c) === -1 && (!properties || properties.indexOf(c) !== -1)) cols.push(c);
      });
    } else {
      hasValues = true;
    }
  });
  if (properties) cols = properties.slice();
  header = ['(index)'].concat(cols);
  if (hasValues) header.push('Values');
  keys.forEach(function (k) {
    var v = data[k], row = [k];
    cols.forEach(function (c) {
      row.push(v !== null && typeof v === 'object' && Object.prototype.hasOwnProperty.call(v, c) ?
        tableValue(v[c]) : '');
    });
    if (hasValues) row.push(v !== null && typeof v === 'object' ? '' : tableValue(v));
    rows.push(row);
  });
  widths = header.map(function (h) { return h.length; });
  for (i = 0; i < rows.length; i++) {
    for (j = 0; j < rows[i].length; j++) widths[j] = Math.max(widths[j], rows[i][j].length);
  }
  function rule(l, m, r) {
    return l + widths.map(function (w) { return '─'.repeat(w + 2); }).join(m) + r;
  }
  line = [rule('┌', '┬', '┐'), renderRow(header, widths), rule('├', '┼', '┤')];
  for (i = 0; i < rows.length; i++) line.push(renderRow(rows[i], widths));
  line.push(rule('└', '┴', '┘'));
  this.log(line.join('\n'));
};

var globalConsole = new Console(process.stdout, process.stderr);
globalConsole.Console = Console;
module.exports = globalConsole;
