// internal/child_process — ChildProcess, stdio translation and the IPC
// channel (layer: stdlib/, over internalBinding('process_wrap') and
// internalBinding('stream_wrap')). Node 20's documented behaviour.
//
// A ChildProcess owns one Process handle. Its stdio pipes are Pipe
// handles the binding initializes as the parent's ends of socketpairs,
// wrapped as net.Sockets on first use (LazyPipe). 'close' follows 'exit'
// once every readable stdio pipe (and the IPC channel) has closed.
//
// IPC: messages are JSON texts, one per line ('\n'), as Node's default
// 'json' serialization; process_wrap's ipcStart cuts the lines in C. The
// channel's reference follows Node's counting (Control below); after the
// child's exit it is read to its end whatever that count. A message with
// a handle travels as {cmd: 'NODE_HANDLE', type, msg} together with the
// descriptor (SCM_RIGHTS through writeUtf8String's sendHandle); the
// receiver answers {cmd: 'NODE_HANDLE_ACK'} and the sender, which queues
// further messages until then, closes its copy of a sent socket. Messages
// whose cmd starts with 'NODE_' are 'internalMessage's (cluster uses them).
'use strict';

var EventEmitter = require('events');
var util = require('util');
var net = require('net');
var errors = require('internal/errors');
var StringDecoder = require('string_decoder').StringDecoder;
var processWrap = internalBinding('process_wrap');
var streamWrap = internalBinding('stream_wrap');
var utilBinding = internalBinding('util');
var signals = internalBinding('process').signals;

var Process = processWrap.Process;
var Pipe = streamWrap.Pipe;
var TCP = streamWrap.TCP;
var TTY = streamWrap.TTY;

var codes = errors.codes;

function defineError(code, msg, Base) {
  if (!codes[code]) errors.E(code, msg, Base);
}
defineError('ERR_CHILD_PROCESS_STDIO_MAXBUFFER', '%s maxBuffer length exceeded', RangeError);
defineError('ERR_CHILD_PROCESS_IPC_REQUIRED',
  "Forked processes must have an IPC channel, missing value 'ipc' in %s", Error);
defineError('ERR_IPC_CHANNEL_CLOSED', 'Channel closed', Error);
defineError('ERR_IPC_DISCONNECTED', 'IPC channel is already disconnected', Error);
defineError('ERR_IPC_ONE_PIPE', 'Child process can have only one IPC pipe', Error);
defineError('ERR_IPC_SYNC_FORK', 'IPC cannot be used with synchronous forks', Error);
defineError('ERR_INVALID_HANDLE_TYPE', 'This handle type cannot be sent', TypeError);
defineError('ERR_UNKNOWN_SIGNAL', 'Unknown signal: %s', TypeError);
defineError('ERR_INVALID_SYNC_FORK_INPUT',
  'Asynchronous forks do not support Buffer, TypedArray, DataView or string input: %s',
  TypeError);

// lode error codes (negative errno values on POSIX).
var UV_ENOENT = -2, UV_EACCES = -13, UV_EAGAIN = -11, UV_EMFILE = -24;
var UV_ENFILE = -23, UV_ESRCH = -3, UV_EINVAL = -22, UV_ENOSYS = -38;
var UV_EOF = streamWrap.UV_EOF;

// Node's errnoException: message "<syscall> <CODE>[ <original>]".
function errnoException(err, syscall, original) {
  var code = utilBinding.getErrorName(err);
  var e = new Error(syscall + ' ' + code + (original ? ' ' + original : ''));
  e.errno = err;
  e.code = code;
  e.syscall = syscall;
  return e;
}

// ---- signals ----

var signalNames = null;

function signalName(num) {
  var k;
  if (!signalNames) {
    signalNames = {};
    for (k in signals) {
      if (signalNames[signals[k]] === undefined || k === 'SIGABRT') signalNames[signals[k]] = k;
    }
  }
  return signalNames[num] || null;
}

function convertToValidSignal(signal) {
  if (typeof signal === 'number' && signalName(signal)) return signal;
  if (typeof signal === 'string') {
    var n = signals[signal.toUpperCase()];
    if (n) return n;
  }
  throw codes.ERR_UNKNOWN_SIGNAL(signal);
}

function sanitizeKillSignal(killSignal) {
  if (typeof killSignal === 'string' || typeof killSignal === 'number') {
    return convertToValidSignal(killSignal);
  } else if (killSignal != null) {
    throw codes.ERR_INVALID_ARG_TYPE('options.killSignal', ['string', 'number'], killSignal);
  }
}

// ---- stdio ----

function stdioStringToArray(stdio, channel) {
  var options = [];
  switch (stdio) {
    case 'ignore':
    case 'overlapped':
    case 'pipe':
      options.push(stdio, stdio, stdio);
      break;
    case 'inherit':
      options.push(0, 1, 2);
      break;
    default:
      throw codes.ERR_INVALID_ARG_VALUE('stdio', stdio);
  }
  if (channel) options.push(channel);
  return options;
}

function getHandleWrapType(h) {
  if (!h || typeof h !== 'object') return false;
  if (h instanceof Pipe) return 'pipe';
  if (h instanceof TTY) return 'tty';
  if (h instanceof TCP) return 'tcp';
  return false;
}

function isArrayBufferView(v) {
  return ArrayBuffer.isView(v);
}

// Closes the pipes getValidStdio made before it failed.
function closeStdioPipes(acc) {
  for (var j = 0; j < acc.length; j++) {
    if ((acc[j].type === 'pipe' || acc[j].type === 'overlapped') && acc[j].handle) {
      acc[j].handle.close();
    }
  }
}

// Translates the stdio option into what the binding reads:
// [{type: 'pipe', handle} | {type: 'ignore'} | {type: 'fd', fd} |
//  {type: 'wrap', handle}], plus the IPC pipe and its child fd.
function getValidStdio(stdio, sync) {
  var ipc, ipcFd, acc = [], i;
  if (typeof stdio === 'string') {
    stdio = stdioStringToArray(stdio);
  } else if (!Array.isArray(stdio)) {
    throw codes.ERR_INVALID_ARG_VALUE('stdio', stdio);
  } else {
    stdio = stdio.slice();
  }
  while (stdio.length < 3) stdio.push(undefined);

  for (i = 0; i < stdio.length; i++) {
    var s = stdio[i], h;
    if (s == null) s = i < 3 ? 'pipe' : 'ignore';
    if (s === 'ignore') {
      acc.push({ type: 'ignore' });
    } else if (s === 'pipe' || s === 'overlapped' || (typeof s === 'number' && isNaN(s))) {
      var a = { type: s === 'overlapped' ? 'overlapped' : 'pipe', readable: i === 0, writable: i !== 0 };
      if (!sync) a.handle = new Pipe(false);
      acc.push(a);
    } else if (s === 'ipc') {
      if (sync || ipc !== undefined) {
        closeStdioPipes(acc);
        if (!sync) throw codes.ERR_IPC_ONE_PIPE();
        throw codes.ERR_IPC_SYNC_FORK();
      }
      ipc = new Pipe(true);
      ipcFd = i;
      acc.push({ type: 'pipe', handle: ipc, ipc: true });
    } else if (s === 'inherit') {
      acc.push({ type: 'inherit', fd: i });
    } else if (typeof s === 'number' || typeof s.fd === 'number') {
      acc.push({ type: 'fd', fd: typeof s === 'number' ? s : s.fd });
    } else if (getHandleWrapType(s) || getHandleWrapType(s.handle) || getHandleWrapType(s._handle)) {
      h = getHandleWrapType(s) ? s : getHandleWrapType(s.handle) ? s.handle : s._handle;
      acc.push({ type: 'wrap', wrapType: getHandleWrapType(h), handle: h, _stdio: s });
    } else if (isArrayBufferView(s) || typeof s === 'string') {
      if (!sync) {
        closeStdioPipes(acc);
        throw codes.ERR_INVALID_SYNC_FORK_INPUT(util.inspect(s));
      }
      acc.push({ type: 'pipe', readable: i === 0, writable: i !== 0, input: s });
    } else {
      closeStdioPipes(acc);
      throw codes.ERR_INVALID_ARG_VALUE('stdio', s);
    }
  }
  return { stdio: acc, ipc: ipc, ipcFd: ipcFd };
}

// ---- ChildProcess ----

function ChildProcess() {
  EventEmitter.call(this);
  this._closesNeeded = 1;
  this._closesGot = 0;
  this.connected = false;
  this.signalCode = null;
  this.exitCode = null;
  this.killed = false;
  this.spawnfile = null;
  this._handle = new Process();
  this._handle.owner = this;
  this._handle.onexit = onProcessExit;
}
util.inherits(ChildProcess, EventEmitter);

function onProcessExit(exitCode, signalNum) {
  var self = this.owner;
  if (signalNum) self.signalCode = signalName(signalNum) || signalNum;
  else self.exitCode = exitCode;
  if (self.connected && self._channel) readChannelEnd(self, self._channel);
  var stdin = self._stdioEntries !== null ? self._stdioEntries[0] : self.stdin;
  if (stdin instanceof LazyPipe) lazyClose(stdin);
  else if (stdin) stdin.destroy();
  if (self._handle) {
    self._handle.close();
    self._handle = null;
  }
  if (exitCode < 0) {
    var syscall = self.spawnfile ? 'spawn ' + self.spawnfile : 'spawn';
    var err = errnoException(exitCode, syscall);
    if (self.spawnfile) err.path = self.spawnfile;
    err.spawnargs = self.spawnargs.slice(1);
    self.emit('error', err);
  } else {
    self.emit('exit', self.exitCode, self.signalCode);
  }
  // Streams nobody consumed are drained so that they end and 'close'
  // can follow; on the next tick, a last chance to start reading.
  process.nextTick(flushStdio, self);
  maybeClose(self);
}

// The child is gone, so its end of the channel is closed (unless a
// grandchild inherited it) and the EOF is already there: Node, whose loop
// sees that EOF before the SIGCHLD, reports 'disconnect' and then 'close'
// even when the channel was unreferenced (by the user, or by its counting:
// the completion of an asynchronous send drops the reference). lode must
// not depend on that order, so the channel is referenced for one more
// poll, then put back as it was: a channel a grandchild holds open keeps
// the parent no longer than it would in Node.
function readChannelEnd(self, channel) {
  var control = self.channel, changes;
  if (control === null || channel.hasRef()) return;
  changes = control._changes;
  channel.ref();
  // The first immediate runs in this turn's check phase, the second after
  // the next turn's poll, which the pending immediate keeps from blocking.
  setImmediate(function () {
    setImmediate(function () {
      // Unless it closed, or was referenced or not on purpose meanwhile.
      if (self._channel === channel && control._changes === changes) channel.unref();
    });
  });
}

function flushStdio(self) {
  var stdio = self._stdioEntries !== null ? self._stdioEntries : self.stdio, i;
  if (stdio == null) return;
  for (i = 0; i < stdio.length; i++) {
    var s = stdio[i];
    if (s instanceof LazyPipe) {
      lazyFlush(s);
      continue;
    }
    if (!s || !s.readable || s._readableState.readableListening || s._lodeUsed) continue;
    s.resume();
  }
}

function maybeClose(self) {
  self._closesGot++;
  if (self._closesGot === self._closesNeeded) {
    self.emit('close', self.exitCode, self.signalCode);
  }
}

function onErrorNT(self, err) {
  self._handle.onexit(err, 0);
}

function onSpawnNT(self) {
  self.emit('spawn');
}

function createSocket(pipe, readable) {
  return net.Socket({ handle: pipe, readable: readable });
}

// ---- stdio pipes, made into sockets on first use ----
//
// Most children's stdio is never looked at (spawn, wait for 'exit'), and
// a net.Socket is the costliest part of a spawn under Duktape. So a 'pipe'
// starts as a LazyPipe: the parent's end is read raw (at most a socket's
// high-water mark is kept, then reading stops, as a socket that nobody
// reads), EOF is noted, and the handle closes once the child has exited
// and the streams were flushed (Node's flushStdio). child.stdin, stdout,
// stderr and stdio are accessors on ChildProcess.prototype: the first
// access builds every socket, replays what was read and turns them into
// own data properties, so from then on everything is as in Node.
// XXX: a read error on a pipe nobody ever looked at is dropped (Node
// emits 'error' on the socket).

var lazyHighWaterMark = require('internal/streams/state').getDefaultHighWaterMark(false);

function LazyPipe(child, handle, index) {
  this.child = child;
  this.handle = handle; // null once closing
  this.readable = index > 0;
  this.chunks = null;   // Buffers read so far
  this.bytes = 0;
  this.eof = 0;         // UV_EOF or the read error, once seen
  this.flushed = false; // the child exited: nobody will want the data
}

function lazyOnRead(nread, buf) {
  var lp = this.owner;
  if (nread > 0) {
    if (lp.flushed) return;
    if (lp.chunks === null) lp.chunks = [];
    lp.chunks.push(buf);
    lp.bytes += nread;
    if (lp.bytes >= lazyHighWaterMark) {
      this.reading = false;
      this.readStop();
    }
    return;
  }
  if (nread === 0) return;
  lp.eof = nread;
  this.reading = false;
  this.readStop();
  if (lp.flushed) lazyClose(lp);
}

function lazyStart(lp) {
  var h = lp.handle;
  h.owner = lp;
  if (!lp.readable) return;
  h.onread = lazyOnRead;
  h.reading = true;
  var err = h.readStart();
  if (err) lp.eof = err;
}

function lazyClose(lp) {
  var h = lp.handle;
  if (h === null) return;
  lp.handle = null;
  lp.chunks = null;
  h.onread = nop;
  h.close();
  // Only a readable pipe counts for 'close' (as Node's sockets), and it
  // counts now: no socket will report it, and Node's, closed at EOF, has
  // usually been counted before the exit already.
  if (lp.readable) maybeClose(lp.child);
}

function lazyFlush(lp) {
  var h = lp.handle;
  if (!lp.readable || h === null) return;
  lp.flushed = true;
  lp.chunks = null;
  lp.bytes = 0;
  if (lp.eof !== 0) {
    lazyClose(lp);
  } else if (!h.reading) {
    h.reading = true;
    h.readStart();
  }
}

// The socket a LazyPipe stands for, in the state Node's would be in now.
function lazySocket(lp) {
  var h = lp.handle, child = lp.child, s, i;
  if (h === null) {
    // Closed already, as Node's socket would be.
    s = createSocket(null, lp.readable);
    s.destroy();
    return s;
  }
  lp.handle = null;
  // At EOF the socket must not start reading again: it gets the EOF below.
  if (lp.eof !== 0) h.reading = true;
  s = createSocket(h, lp.readable);
  if (lp.readable) {
    s.on('close', function () { maybeClose(child); });
    if (lp.chunks !== null) {
      for (i = 0; i < lp.chunks.length; i++) h.onread(lp.chunks[i].length, lp.chunks[i]);
      lp.chunks = null;
    }
    if (lp.eof !== 0) h.onread(lp.eof);
    if (lp.flushed) s.resume();
  }
  return s;
}

// Builds the sockets and makes them own properties: [ stdin, stdout,
// stderr, stdio ] from then on, as Node sets them in spawn().
function materializeStdio(self) {
  var entries = self._stdioEntries, stdio = [], i;
  if (entries === null) return;
  self._stdioEntries = null;
  for (i = 0; i < entries.length; i++) {
    stdio.push(entries[i] instanceof LazyPipe ? lazySocket(entries[i]) : entries[i]);
  }
  defineStdio(self, 'stdin', stdio.length >= 1 ? stdio[0] : null);
  defineStdio(self, 'stdout', stdio.length >= 2 ? stdio[1] : null);
  defineStdio(self, 'stderr', stdio.length >= 3 ? stdio[2] : null);
  defineStdio(self, 'stdio', stdio);
}

function defineStdio(self, name, value) {
  Object.defineProperty(self, name, {
    value: value, writable: true, enumerable: true, configurable: true
  });
}

ChildProcess.prototype._stdioEntries = null;

['stdin', 'stdout', 'stderr', 'stdio'].forEach(function (name) {
  Object.defineProperty(ChildProcess.prototype, name, {
    configurable: true,
    enumerable: false,
    get: function () {
      if (this._stdioEntries === null) return undefined;
      materializeStdio(this);
      return this[name];
    },
    set: function (value) {
      materializeStdio(this);
      defineStdio(this, name, value);
    }
  });
});

ChildProcess.prototype.spawn = function (options) {
  var i;
  errors.validateObject(options, 'options');
  var stdio = options.stdio || 'pipe';
  stdio = getValidStdio(stdio, false);
  var ipc = stdio.ipc, ipcFd = stdio.ipcFd;
  stdio = options.stdio = stdio.stdio;
  if (options.serialization !== undefined && options.serialization !== 'json') {
    errors.validateOneOf(options.serialization, 'options.serialization', [undefined, 'json', 'advanced']);
    // XXX: 'advanced' (V8 serialization) is not available: JSON it is.
  }
  if (ipc !== undefined) {
    var channelEnv = ['NODE_CHANNEL_FD=' + ipcFd, 'NODE_CHANNEL_SERIALIZATION_MODE=json'];
    if (options.envPairs === undefined && options.envInherit) {
      // The inherited environment plus these (the binding appends them).
      options.envExtra = channelEnv;
    } else {
      if (options.envPairs === undefined) options.envPairs = [];
      else errors.validateArray(options.envPairs, 'options.envPairs');
      options.envPairs.push(channelEnv[0], channelEnv[1]);
    }
  }
  errors.validateString(options.file, 'options.file');
  this.spawnfile = options.file;
  if (options.args === undefined) {
    this.spawnargs = [];
  } else {
    errors.validateArray(options.args, 'options.args');
    this.spawnargs = options.args;
  }

  var err = this._handle.spawn(options);
  if (err === UV_EACCES || err === UV_EAGAIN || err === UV_EMFILE ||
      err === UV_ENFILE || err === UV_ENOENT) {
    // Run-time errors are emitted, not thrown.
    process.nextTick(onErrorNT, this, err);
    if (err === UV_EMFILE || err === UV_ENFILE) {
      closeStdioHandles(stdio);
      return err;
    }
  } else if (err) {
    closeStdioHandles(stdio);
    this._handle.close();
    this._handle = null;
    throw errnoException(err, 'spawn');
  } else {
    process.nextTick(onSpawnNT, this);
  }

  this.pid = err ? undefined : this._handle.pid;

  for (i = 0; i < stdio.length; i++) {
    var s = stdio[i];
    if (s.type === 'ignore') continue;
    if (s.ipc) {
      this._closesNeeded++;
      continue;
    }
    // The child has its own copy of the stream: stop reading our side so
    // the two never race for the same bytes.
    if (s.type === 'wrap') {
      s.handle.reading = false;
      s.handle.readStop();
      if (typeof s._stdio.pause === 'function') {
        s._stdio.pause();
        if (s._stdio._readableState) {
          s._stdio._readableState.flowing = false;
          s._stdio._readableState.reading = false;
        }
        s._stdio._lodeUsed = true;
      }
      continue;
    }
    if (s.handle) {
      // XXX: after a failed spawn Node wraps the unopened pipes and counts
      // them, so its 'close' comes a little later than here (right after
      // 'error'); lode gives handle-less sockets.
      if (err) {
        s.handle.close();
        s.socket = createSocket(null, i > 0);
      } else {
        s.socket = new LazyPipe(this, s.handle, i);
        lazyStart(s.socket);
        if (i > 0) this._closesNeeded++;
      }
    }
  }

  var entries = [];
  for (i = 0; i < stdio.length; i++) entries.push(stdio[i].socket === undefined ? null : stdio[i].socket);
  this._stdioEntries = entries;
  if (err) materializeStdio(this);

  if (ipc !== undefined) {
    if (err) {
      // No child to talk to: the channel closes on the error's tick.
      ipc.close();
      this._closesNeeded--;
    } else {
      setupChannel(this, ipc);
    }
  }
  return err;
};

function closeStdioHandles(stdio) {
  for (var i = 0; i < stdio.length; i++) {
    if (stdio[i].handle && stdio[i].type !== 'wrap') stdio[i].handle.close();
  }
}

ChildProcess.prototype.kill = function (sig) {
  var signal = sig === 0 ? sig : convertToValidSignal(sig === undefined ? 'SIGTERM' : sig);
  if (this._handle) {
    var err = this._handle.kill(signal);
    if (err === 0) {
      this.killed = true;
      return true;
    }
    if (err === UV_ESRCH) {
      // Already dead: its exit is on its way.
    } else if (err === UV_EINVAL || err === UV_ENOSYS) {
      throw errnoException(err, 'kill');
    } else {
      this.emit('error', errnoException(err, 'kill'));
    }
  }
  return false;
};

ChildProcess.prototype.ref = function () {
  if (this._handle) this._handle.ref();
};

ChildProcess.prototype.unref = function () {
  if (this._handle) this._handle.unref();
};

// ---- the IPC channel ----

// Counts what needs the channel referenced (pending writes; in a child,
// 'message'/'disconnect' listeners) unless the user chose with ref/unref.
function Control(channel) {
  EventEmitter.call(this);
  this._channel = channel;
  this._refs = 0;
  this._refExplicitlySet = false;
  this._changes = 0; // ref/unref calls on the channel so far
  this._pendingMessages = [];
}
util.inherits(Control, EventEmitter);

Control.prototype.refCounted = function () {
  if (++this._refs === 1 && !this._refExplicitlySet && this._channel) {
    this._changes++;
    this._channel.ref();
  }
};

Control.prototype.unrefCounted = function () {
  if (--this._refs === 0 && !this._refExplicitlySet && this._channel) {
    this._changes++;
    this._channel.unref();
    this.emit('unref');
  }
};

Control.prototype.ref = function () {
  this._refExplicitlySet = true;
  this._changes++;
  if (this._channel) this._channel.ref();
};

Control.prototype.unref = function () {
  this._refExplicitlySet = true;
  this._changes++;
  if (this._channel) this._channel.unref();
};

Object.defineProperty(Control.prototype, 'fd', {
  get: function () {
    return this._channel ? this._channel.getFd() : undefined;
  }
});

function isInternal(message) {
  var cmd;
  if (message === null || typeof message !== 'object') return false;
  cmd = message.cmd;
  return typeof cmd === 'string' && cmd.length > 5 && cmd.charCodeAt(0) === 78 /* N */ &&
    cmd.slice(0, 5) === 'NODE_';
}

function WriteReq() {
  this.oncomplete = null;
  this.async = false;
  this.bytes = 0;
}

function nop() {}

// What a sendHandle becomes on the wire, and back.
var handleConversion = {
  'net.Native': {
    simultaneousAccepts: true,
    send: function (message, handle) {
      return handle;
    },
    got: function (message, handle, emit) {
      emit(handle);
    }
  },
  'net.Server': {
    simultaneousAccepts: true,
    send: function (message, server) {
      return server._handle;
    },
    got: function (message, handle, emit) {
      var server = new net.Server();
      server.listen(handle, function () { emit(server); });
    }
  },
  'net.Socket': {
    send: function (message, socket, options) {
      if (!socket._handle) return;
      // XXX: Node also tracks sockets sent from a server across processes
      // (server.getConnections/close ask the children); lode does not.
      if (socket.server && !options.keepOpen) {
        socket.server._connections--;
      }
      var handle = socket._handle;
      // The socket lets go of its handle: it is closed once the peer
      // acknowledged receiving it.
      if (!options.keepOpen) {
        handle.onread = nop;
        socket._handle = null;
        socket.setTimeout(0);
      }
      return handle;
    },
    postSend: function (message, handle, options, callback, target) {
      if (handle && !options.keepOpen) {
        if (target) {
          target._pendingMessage = { callback: callback, message: message, handle: handle, options: options };
        } else {
          handle.close();
        }
      }
    },
    got: function (message, handle, emit) {
      var socket = new net.Socket({ handle: handle });
      socket.readable = socket.writable = true;
      emit(socket);
    }
  }
};

// send()'s options when none are given (never modified).
var defaultSendOptions = { swallowErrors: false };

function setupChannel(target, channel) {
  var control = new Control(channel);
  var decoder = new StringDecoder('utf8');
  var decoderPending = false; // the decoder may hold part of a character
  var jsonBuffer = '';
  var pendingWrites = 0; // asynchronous writes not completed yet
  var spareReq = null;   // a WriteReq whose write completed synchronously
  target.channel = control;
  target._channel = channel;
  target._handleQueue = null;
  target._pendingMessage = null;
  channel.buffering = false;
  channel.owner = target;

  // Each call costs under Duktape: isInternal() and handleMessage() are
  // written out here for the messages without a handle.
  function onMessageText(line) {
    onMessage(JSON.parse(line));
  }

  function onMessage(message) {
    var cmd, h;
    if (message !== null && typeof message === 'object' && typeof (cmd = message.cmd) === 'string' &&
        cmd.length > 5 && cmd.charCodeAt(0) === 78 /* N */ && cmd.slice(0, 5) === 'NODE_') {
      if (cmd === 'NODE_HANDLE') {
        h = channel.acceptHandle();
        handleMessage(message, typeof h === 'object' ? h : undefined, true);
      } else if (target.channel) {
        process.nextTick(emitInternalNT, message);
      }
    } else if (target.channel) {
      process.nextTick(emitMessageNT, message);
    }
  }

  // The binding cuts the bytes into lines (see process_wrap's ipcStart):
  // a string per line, a Buffer for a line that is not ASCII, an array
  // for several lines from one read. The JS framing below is the fallback.
  channel.onlines = function (lines) {
    var i;
    if (typeof lines === 'string') {
      onMessageText(lines);
    } else if (Array.isArray(lines)) {
      for (i = 0; i < lines.length; i++) {
        onMessageText(typeof lines[i] === 'string' ? lines[i] : lines[i].toString());
      }
    } else {
      onMessageText(lines.toString());
    }
  };
  // A read that is one message of a common shape comes decoded, as
  // JSON.parse would (see process_wrap's ipcStart).
  channel.onmessage = onMessage;
  var framed = processWrap.ipcStart(channel) === 0;

  function closeChannel() {
    if (framed) processWrap.ipcStop(channel);
    channel.close();
  }

  channel.onread = function (nread, buf) {
    if (nread > 0) {
      // A chunk that ends in ASCII (a whole message ends in '\n'), with
      // nothing left over from the last one, decodes in C; the decoder
      // only matters for a character split between reads.
      var chunk;
      if (!decoderPending && buf[nread - 1] < 0x80) {
        chunk = buf.toString(); // utf8; without arguments, the fast path
      } else {
        chunk = decoder.write(buf);
        decoderPending = buf[nread - 1] >= 0x80;
      }
      var start = 0, nl = chunk.indexOf('\n');
      if (nl === -1) {
        jsonBuffer += chunk;
      } else {
        // A line is parsed with its '\n' (JSON whitespace): no slice at
        // all for a chunk that is exactly one message, the usual case.
        var line = nl === chunk.length - 1 ? chunk : chunk.slice(0, nl + 1);
        if (jsonBuffer.length !== 0) line = jsonBuffer + line;
        jsonBuffer = '';
        for (;;) {
          onMessageText(line);
          start = nl + 1;
          if (start === chunk.length) break;
          nl = chunk.indexOf('\n', start);
          if (nl === -1) break;
          line = chunk.slice(start, nl + 1);
        }
        if (start !== chunk.length) jsonBuffer = chunk.slice(start);
      }
      channel.buffering = jsonBuffer.length !== 0;
      return;
    }
    if (nread === 0) return;
    // EOF or an error: the other side is gone.
    channel.buffering = false;
    target.disconnect();
    channel.onread = nop;
    closeChannel();
    target._channel = null;
    maybeCloseTarget(target);
  };

  channel.readStart();

  target.on('internalMessage', function (message, handle) {
    var i;
    if (message.cmd === 'NODE_HANDLE_ACK') {
      if (target._pendingMessage) closePendingHandle(target);
      var queue = target._handleQueue;
      target._handleQueue = null;
      if (queue) {
        for (i = 0; i < queue.length; i++) {
          target._send(queue[i].message, queue[i].handle, queue[i].options, queue[i].callback);
        }
      }
      // A disconnect waited for the queue.
      if (!target.connected && target.channel && !target._handleQueue) target._disconnect();
      return;
    }
    if (message.cmd === 'NODE_HANDLE_NACK') {
      // XXX: no retransmission: the descriptor did not arrive.
      if (target._pendingMessage) closePendingHandle(target);
      return;
    }
    if (message.cmd !== 'NODE_HANDLE') return;
    if (!handle) return target._send({ cmd: 'NODE_HANDLE_NACK' }, null, { swallowErrors: true });
    target._send({ cmd: 'NODE_HANDLE_ACK' }, null, { swallowErrors: true });
    var obj = handleConversion[message.type];
    if (!obj) {
      handle.close();
      return;
    }
    obj.got.call(target, message, handle, function (h) {
      handleMessage(message.msg, h, isInternal(message.msg));
    });
  });

  target.send = function (message, handle, options, callback) {
    if (typeof handle === 'function') {
      callback = handle;
      handle = undefined;
      options = undefined;
    } else if (typeof options === 'function') {
      callback = options;
      options = undefined;
    } else if (options !== undefined) {
      errors.validateObject(options, 'options');
    }
    options = options === undefined ? defaultSendOptions : Object.assign({ swallowErrors: false }, options);
    if (this.connected) return this._send(message, handle, options, callback);
    var ex = codes.ERR_IPC_CHANNEL_CLOSED();
    var self = this;
    if (typeof callback === 'function') process.nextTick(callback, ex);
    else process.nextTick(function () { self.emit('error', ex); });
    return false;
  };

  target._send = function (message, handle, options, callback) {
    var obj, self = this;
    if (message === undefined) throw codes.ERR_MISSING_ARGS('message');
    if (typeof message !== 'string' && typeof message !== 'object' &&
        typeof message !== 'number' && typeof message !== 'boolean') {
      throw codes.ERR_INVALID_ARG_TYPE('message', ['string', 'object', 'number', 'boolean'], message);
    }
    if (typeof options === 'boolean') options = { keepOpen: options };
    if (!options) options = {};

    if (handle) {
      message = { cmd: 'NODE_HANDLE', type: null, msg: message };
      if (handle instanceof net.Socket) message.type = 'net.Socket';
      else if (handle instanceof net.Server) message.type = 'net.Server';
      else if (handle instanceof TCP || handle instanceof Pipe) message.type = 'net.Native';
      else throw codes.ERR_INVALID_HANDLE_TYPE();
      // One handle in flight at a time: the rest waits for the ACK.
      if (this._handleQueue) {
        this._handleQueue.push({ callback: callback, handle: handle, options: options, message: message.msg });
        return this._handleQueue.length === 1;
      }
      obj = handleConversion[message.type];
      handle = obj.send.call(target, message, handle, options);
      if (!handle) message = message.msg;
    } else if (this._handleQueue &&
               !(message && (message.cmd === 'NODE_HANDLE_ACK' || message.cmd === 'NODE_HANDLE_NACK'))) {
      // Queued anyway, so that messages stay in order.
      this._handleQueue.push({ callback: callback, handle: null, options: options, message: message });
      return this._handleQueue.length === 1;
    }

    var ch = target._channel;
    // A write that completes at once leaves nothing behind in C: its
    // request object serves the next write.
    var req = spareReq !== null ? spareReq : new WriteReq();
    spareReq = null;
    var err;
    if (handle) {
      err = ch.writeUtf8String(req, JSON.stringify(message) + '\n', handle);
    } else {
      // JSON.stringify, then the text and '\n' written from C without a
      // concatenated copy; a text that is not ASCII comes back to be
      // written the JS way.
      err = processWrap.ipcSend(ch, req, message);
      if (typeof err === 'string') err = ch.writeUtf8String(req, err + '\n');
      else if (err === 2) err = ch.writeUtf8String(req, JSON.stringify(message) + '\n');
    }
    if (err === 0) {
      if (handle) {
        if (!this._handleQueue) this._handleQueue = [];
        if (obj && obj.postSend) obj.postSend(message, handle, options, callback, target);
      }
      if (req.async) {
        req.oncomplete = function () {
          pendingWrites--;
          control.unrefCounted();
          if (typeof callback === 'function') callback(null);
        };
        pendingWrites++;
        control.refCounted();
      } else {
        spareReq = req;
        if (typeof callback === 'function') process.nextTick(callback, null);
      }
    } else {
      if (obj && obj.postSend) obj.postSend(message, handle, options, callback);
      if (!options.swallowErrors) {
        var ex = errnoException(err, 'write');
        if (typeof callback === 'function') process.nextTick(callback, ex);
        else process.nextTick(function () { self.emit('error', ex); });
      }
    }
    return pendingWrites === 0 || ch.getWriteQueueSize() < 65536 * 2;
  };

  target.connected = true;

  target.disconnect = function () {
    if (!this.connected) {
      this.emit('error', codes.ERR_IPC_DISCONNECTED());
      return;
    }
    this.connected = false;
    // Queued handle messages go first.
    if (!this._handleQueue) this._disconnect();
  };

  target._disconnect = function () {
    var fired = false;
    this.channel = null;
    if (this._pendingMessage) closePendingHandle(this);
    function finish() {
      if (fired) return;
      fired = true;
      closeChannel();
      target.emit('disconnect');
    }
    // A message half read completes first.
    if (channel.buffering) {
      this.once('message', finish);
      this.once('internalMessage', finish);
      return;
    }
    process.nextTick(finish);
  };

  // On the next tick, as Node. Without a handle, one argument: the tick
  // queue's fast path.
  function handleMessage(message, handle, internal) {
    if (!target.channel) return;
    if (handle === undefined) process.nextTick(internal ? emitInternalNT : emitMessageNT, message);
    else process.nextTick(emitMessage, internal ? 'internalMessage' : 'message', message, handle);
  }

  function emitMessageNT(message) {
    // listenerCount('message') !== 0, read off events.js's _events.
    var events = target._events, l;
    if (events !== undefined && (l = events.message) !== undefined &&
        (typeof l === 'function' || l.length !== 0)) {
      target.emit('message', message, undefined);
    } else {
      emitMessage('message', message, undefined);
    }
  }

  function emitInternalNT(message) {
    target.emit('internalMessage', message, undefined);
  }

  // A 'message' nobody listens to yet waits for the first listener.
  function emitMessage(event, message, handle) {
    if (event === 'internalMessage' || target.listenerCount('message')) {
      target.emit(event, message, handle);
      return;
    }
    var pending = control._pendingMessages;
    pending.push([event, message, handle]);
    if (pending.length === 1) {
      target.on('newListener', function onNewListener(name) {
        if (name !== 'message') return;
        target.removeListener('newListener', onNewListener);
        process.nextTick(function () {
          var list = control._pendingMessages.splice(0), j;
          for (j = 0; j < list.length; j++) target.emit(list[j][0], list[j][1], list[j][2]);
        });
      });
    }
  }

  return control;
}

function maybeCloseTarget(target) {
  if (target instanceof ChildProcess) maybeClose(target);
}

function closePendingHandle(target) {
  target._pendingMessage.handle.close();
  target._pendingMessage = null;
}

// ---- spawnSync ----

function spawnSync(options) {
  var i, raw = processWrap.spawnSync(options), result = {};
  var output = raw.output === undefined ? null : raw.output;
  if (output && options.encoding && options.encoding !== 'buffer') {
    for (i = 0; i < output.length; i++) {
      if (!output[i]) continue;
      output[i] = output[i].toString(options.encoding);
    }
  }
  // Node's key order: error, status, signal, output, pid, stdout, stderr.
  if (raw.error) {
    result.error = errnoException(raw.error, 'spawnSync ' + options.file);
    result.error.path = options.file;
    result.error.spawnargs = options.args.slice(1);
  }
  result.status = raw.status === undefined ? null : raw.status;
  result.signal = raw.signal ? signalName(raw.signal) : null;
  result.output = output;
  result.pid = raw.pid;
  result.stdout = output && output[1];
  result.stderr = output && output[2];
  return result;
}

module.exports = {
  ChildProcess: ChildProcess,
  getValidStdio: getValidStdio,
  stdioStringToArray: stdioStringToArray,
  setupChannel: setupChannel,
  spawnSync: spawnSync,
  convertToValidSignal: convertToValidSignal,
  sanitizeKillSignal: sanitizeKillSignal,
  errnoException: errnoException,
  signalName: signalName,
  Control: Control
};
