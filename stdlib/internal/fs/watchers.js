/*
 * internal/fs/watchers — fs.watch's FSWatcher and fs.watchFile's
 * StatWatcher (layer: stdlib/). Contract: Node 20's documentation and
 * lib/internal/fs/watchers.js behaviour.
 *
 * FSWatcher sits on internalBinding('fs_event_wrap') (inotify on Linux).
 * StatWatcher polls with fs stat requests spaced by a timer, as libuv's
 * uv_fs_poll does: the first result is only remembered; later ones emit
 * 'change' (curr, prev) when any of dev, ino, mode, uid, gid, size or
 * the times differ; a failing stat emits once per new error code with
 * zeroed Stats for curr (and for prev too when it never succeeded).
 *
 * Recursive fs.watch walks the tree with one watcher per directory, as
 * Node 20 does on Linux (RecursiveWatcher below).
 * XXX: StatWatcher has no bigint mode (Duktape has no BigInt).
 */
'use strict';

var EventEmitter = require('events');
var errors = require('internal/errors');
var utils = require('internal/fs/utils');
var codes = errors.codes;
var FSEvent = internalBinding('fs_event_wrap').FSEvent;
var utilBinding = internalBinding('util');
var timers = require('timers');
var Buffer = utils.lazyBuffer();

function inherits(ctor, base) {
  ctor.prototype = Object.create(base.prototype, {
    constructor: { value: ctor, writable: true, configurable: true }
  });
  Object.setPrototypeOf(ctor, base);
}

/* Node's UVException: "ENOENT: no such file or directory, watch 'x'". */
function uvException(err, syscall, path) {
  var code = utilBinding.getErrorName(err);
  var e = new Error(code + ': ' + utilBinding.getErrorMessage(err) + ', ' +
                    syscall + " '" + path + "'");
  e.errno = err;
  e.code = code;
  e.syscall = syscall;
  e.path = path;
  return e;
}

function isUtf8Name(enc) {
  return enc === undefined || enc === null || enc === 'utf8' ||
    enc === 'utf-8' || enc === 'UTF8' || enc === 'UTF-8';
}

/* ---- FSWatcher (fs.watch) ---- */

function emitCloseNT(self) {
  self.emit('close');
}

function FSWatcher() {
  EventEmitter.call(this);
  var self = this;
  this._encoding = undefined;
  this._handle = new FSEvent();
  this._handle.onchange = function (status, eventType, filename) {
    if (status < 0) {
      if (self._handle !== null) {
        /* Not this.close(): no 'close' event after an error (as Node). */
        self._handle.close();
        self._handle = null;
      }
      var error = uvException(status, 'watch', filename);
      error.filename = filename;
      self.emit('error', error);
      return;
    }
    if (filename !== null && typeof filename === 'object' &&
        self._encoding !== 'buffer') {
      filename = filename.toString(self._encoding);
    }
    self.emit('change', eventType, filename);
  };
}
inherits(FSWatcher, EventEmitter);

FSWatcher.prototype._start = function (filename, persistent, recursive,
                                       encoding) {
  if (this._handle === null) return; /* closed */
  /* Node's binding takes only `true` as true: other values mean false. */
  persistent = persistent === true;
  recursive = recursive === true;
  filename = utils.pathString(utils.getValidatedPath(filename, 'filename'));
  this._encoding = encoding;
  var err = this._handle.start(filename, persistent, recursive,
                               isUtf8Name(encoding) ? 'utf8' : 'buffer');
  if (err) {
    this._handle.close();
    this._handle = null;
    var error = uvException(err, 'watch', filename);
    error.filename = filename;
    throw error;
  }
};

FSWatcher.prototype.close = function () {
  if (this._handle === null) return;
  this._handle.close();
  this._handle = null;
  process.nextTick(emitCloseNT, this);
};

FSWatcher.prototype.ref = function () {
  if (this._handle) this._handle.ref();
  return this;
};

FSWatcher.prototype.unref = function () {
  if (this._handle) this._handle.unref();
  return this;
};

function watch(filename, options, listener) {
  if (typeof options === 'function') listener = options;
  options = utils.getOptions(options, {});
  var copy = {};
  for (var k in options) copy[k] = options[k];
  options = copy;
  if (options.persistent === undefined) options.persistent = true;
  if (options.recursive === undefined) options.recursive = false;
  var path = utils.getValidatedPath(filename);
  errors.validateBoolean(options.recursive, 'options.recursive');
  var watcher;
  if (options.recursive) {
    /* inotify watches one directory: walk the tree (as Node 20 does on
     * Linux, in lib/internal/fs/recursive_watch.js). */
    watcher = new RecursiveWatcher(options);
    watcher._start(path);
  } else {
    watcher = new FSWatcher();
    watcher._start(path, options.persistent, options.recursive,
                   options.encoding);
  }
  if (listener) watcher.addListener('change', listener);
  return watcher;
}

/* ---- recursive fs.watch: one FSWatcher per directory of the tree ----
 *
 * Events name entries relative to the root. A 'rename' that reveals a new
 * directory starts watching it and reports what is already inside it (a
 * 'rename' per entry, as Node); a directory that disappears stops its
 * watchers and those below.
 * XXX: an event on a subdirectory itself (chmod, say) is also reported by
 * its parent; its own watcher cannot tell it from an entry named like the
 * directory, and reports it as such. Symbolic links are not followed. */

/* Named FSWatcher, as Node's recursive watcher class is. */
var RecursiveWatcher = function FSWatcher(options) {
  EventEmitter.call(this);
  this._persistent = options.persistent === true;
  this._encoding = options.encoding;
  this._watchers = Object.create(null); /* absolute dir -> FSWatcher */
  this._root = null;
  this._closed = false;
  this._ref = true;
};
inherits(RecursiveWatcher, EventEmitter);

RecursiveWatcher.prototype._start = function (filename) {
  var fs = require('fs');
  var pathModule = require('path');
  this._root = pathModule.resolve(utils.pathString(filename));
  var st = fs.statSync(this._root);
  if (!st.isDirectory()) {
    /* A file: just that file, names as a plain watcher gives them. */
    var self = this;
    var w = new FSWatcher();
    w._start(this._root, this._persistent, false, this._encoding);
    w.on('change', function (t, n) { self.emit('change', t, n); });
    w.on('error', function (e) { self.emit('error', e); });
    this._watchers[this._root] = w;
    return;
  }
  this._watchDir(this._root, false);
};

RecursiveWatcher.prototype._name = function (abs) {
  var rel = require('path').relative(this._root, abs);
  if (this._encoding === 'buffer') return Buffer.from(rel);
  if (!isUtf8Name(this._encoding)) return Buffer.from(rel).toString(this._encoding);
  return rel;
};

/* Watches dir and the directories below it; announce: report the entries
 * found (the directory is new, so they are new to the user). */
RecursiveWatcher.prototype._watchDir = function (dir, announce) {
  var fs = require('fs');
  var pathModule = require('path');
  var self = this;
  if (this._closed || this._watchers[dir]) return;
  var w = new FSWatcher();
  try {
    w._start(dir, this._persistent, false, 'utf8');
  } catch (e) {
    if (dir === this._root) throw e;
    return; /* gone already */
  }
  if (!this._ref) w.unref();
  this._watchers[dir] = w;
  w.on('change', function (t, n) { self._onEvent(dir, t, n); });
  w.on('error', function (e) { self.emit('error', e); });
  var entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    return;
  }
  for (var i = 0; i < entries.length; i++) {
    var child = pathModule.join(dir, entries[i].name);
    if (announce) this.emit('change', 'rename', this._name(child));
    if (entries[i].isDirectory()) this._watchDir(child, announce);
  }
};

RecursiveWatcher.prototype._unwatchBelow = function (dir) {
  var prefix = dir + '/';
  for (var d in this._watchers) {
    if (d === dir || d.slice(0, prefix.length) === prefix) {
      this._watchers[d].close();
      delete this._watchers[d];
    }
  }
};

RecursiveWatcher.prototype._onEvent = function (dir, type, name) {
  var fs = require('fs');
  if (this._closed) return;
  if (dir !== this._root && !fs.existsSync(dir)) {
    /* The directory itself went: its parent reports that. */
    this._unwatchBelow(dir);
    return;
  }
  if (name === null || name === undefined) return;
  var full = require('path').join(dir, name);
  this.emit('change', type, this._name(full));
  if (type !== 'rename' || this._closed) return;
  var st = null;
  try {
    st = fs.lstatSync(full);
  } catch (e) {
    st = null;
  }
  if (st !== null && st.isDirectory()) {
    this._watchDir(full, true);
  } else if (st === null && this._watchers[full]) {
    this._unwatchBelow(full);
  }
};

RecursiveWatcher.prototype.close = function () {
  if (this._closed) return;
  this._closed = true;
  for (var d in this._watchers) this._watchers[d].close();
  this._watchers = Object.create(null);
  process.nextTick(emitCloseNT, this);
};

RecursiveWatcher.prototype.ref = function () {
  this._ref = true;
  for (var d in this._watchers) this._watchers[d].ref();
  return this;
};

RecursiveWatcher.prototype.unref = function () {
  this._ref = false;
  for (var d in this._watchers) this._watchers[d].unref();
  return this;
};

/* ---- the stat poller under StatWatcher (libuv's uv_fs_poll) ---- */

function makeZeroStats() {
  return new utils.Stats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}

function statsEqual(a, b) {
  return a.ctimeMs === b.ctimeMs && a.mtimeMs === b.mtimeMs &&
    a.birthtimeMs === b.birthtimeMs && a.size === b.size &&
    a.mode === b.mode && a.uid === b.uid && a.gid === b.gid &&
    a.ino === b.ino && a.dev === b.dev;
}

function StatPoller(onchange) {
  this.onchange = onchange; /* (status, curr, prev) */
  this._path = null;
  this._interval = 0;
  this._timer = null;
  this._ref = true;
  this._closed = false;
  this._busy = 0;    /* 0: no result yet, 1: last stat ok, <0: its error */
  this._stats = null; /* last good Stats */
  this._started = 0;
}

StatPoller.prototype.start = function (path, interval) {
  this._path = path;
  this._interval = interval > 0 ? interval : 1;
  this._poll();
};

StatPoller.prototype._poll = function () {
  var self = this;
  this._timer = null;
  this._started = Date.now();
  utils.binding.stat(this._path, function (err, st) {
    self._done(err, st);
  });
};

StatPoller.prototype._done = function (err, st) {
  if (this._closed) return;
  if (err) {
    var status = typeof err.errno === 'number' ? err.errno : -1;
    if (this._busy !== status) {
      this.onchange(status, makeZeroStats(), this._stats || makeZeroStats());
      this._busy = status;
    }
  } else {
    if (this._busy !== 0 &&
        (this._busy < 0 || !statsEqual(this._stats, st))) {
      this.onchange(0, st, this._stats || makeZeroStats());
    }
    this._stats = st;
    this._busy = 1;
  }
  if (this._closed) return;
  /* Next poll interval ms after this one started, as libuv spaces them. */
  var elapsed = Date.now() - this._started;
  var wait = this._interval - (elapsed % this._interval);
  var self = this;
  this._timer = timers.setTimeout(function () { self._poll(); }, wait);
  if (!this._ref) this._timer.unref();
};

StatPoller.prototype.close = function () {
  this._closed = true;
  if (this._timer !== null) timers.clearTimeout(this._timer);
  this._timer = null;
};

StatPoller.prototype.ref = function () {
  this._ref = true;
  if (this._timer !== null) this._timer.ref();
};

StatPoller.prototype.unref = function () {
  this._ref = false;
  if (this._timer !== null) this._timer.unref();
};

/* ---- StatWatcher (fs.watchFile) ---- */

function StatWatcher(bigint) {
  EventEmitter.call(this);
  this._handle = null;
  this._oldStatus = -1;
  this._useBigint = bigint;
  this._refCount = 1;
  this._maxRefCount = 1;
}
inherits(StatWatcher, EventEmitter);

function emitStop(self) {
  self.emit('stop');
}

StatWatcher.prototype._start = function (filename, persistent, interval) {
  if (this._handle !== null) return;
  var self = this;
  this._handle = new StatPoller(function (newStatus, curr, prev) {
    if (self._handle === null) return;
    if (self._oldStatus === -1 && newStatus === -1 &&
        curr.nlink === prev.nlink) {
      return;
    }
    self._oldStatus = newStatus;
    self.emit('change', curr, prev);
  });
  if (!persistent) this.unref();
  this._oldStatus = -1;
  filename = utils.getValidatedPath(filename, 'filename');
  errors.validateUint32(interval, 'interval');
  this._handle.start(filename, interval);
};

StatWatcher.prototype.stop = function () {
  if (this._handle === null) return;
  process.nextTick(emitStop, this);
  this._handle.close();
  this._handle = null;
};

StatWatcher.prototype._addOrCleanRef = function (operate) {
  if (operate === 'add') {
    this._refCount++;
    this._maxRefCount++;
  } else if (operate === 'clean') {
    this._maxRefCount--;
    this.unref();
  } else if (operate === 'cleanAll') {
    this._maxRefCount = 0;
    this._refCount = 0;
    if (this._handle) this._handle.unref();
  }
};

StatWatcher.prototype.ref = function () {
  /* Counted, so that several watchFile callers share one poller. */
  if (this._refCount === this._maxRefCount) return this;
  if (this._handle && this._refCount++ === 0) this._handle.ref();
  return this;
};

StatWatcher.prototype.unref = function () {
  if (this._refCount === 0) return this;
  if (this._handle && --this._refCount === 0) this._handle.unref();
  return this;
};

/* Resolved filename → StatWatcher, shared by every watchFile caller. */
var statWatchers = Object.create(null);

function watchFile(filename, options, listener) {
  filename = utils.pathString(utils.getValidatedPath(filename));
  filename = require('path').resolve(filename);
  if (options === null || typeof options !== 'object') {
    listener = options;
    options = null;
  }
  var opts = { interval: 5007, persistent: true };
  if (options) for (var k in options) opts[k] = options[k];
  errors.validateFunction(listener, 'listener');
  if (opts.bigint) {
    throw codes.ERR_METHOD_NOT_IMPLEMENTED('watchFile with { bigint: true }');
  }

  var stat = statWatchers[filename];
  if (stat === undefined) {
    stat = new StatWatcher(opts.bigint);
    stat._start(filename, opts.persistent, opts.interval);
    statWatchers[filename] = stat;
  } else {
    stat._addOrCleanRef('add');
  }
  stat.addListener('change', listener);
  return stat;
}

function unwatchFile(filename, listener) {
  filename = utils.pathString(utils.getValidatedPath(filename));
  filename = require('path').resolve(filename);
  var stat = statWatchers[filename];
  if (stat === undefined) return;
  if (typeof listener === 'function') {
    var before = stat.listenerCount('change');
    stat.removeListener('change', listener);
    if (stat.listenerCount('change') < before) stat._addOrCleanRef('clean');
  } else {
    stat.removeAllListeners('change');
    stat._addOrCleanRef('cleanAll');
  }
  if (stat.listenerCount('change') === 0) {
    stat.stop();
    delete statWatchers[filename];
  }
}

module.exports = {
  FSWatcher: FSWatcher,
  StatWatcher: StatWatcher,
  watch: watch,
  watchFile: watchFile,
  unwatchFile: unwatchFile
};
