// internal/stdio — process.stdin, process.stdout and process.stderr,
// created on first use (layer: stdlib/).
//
// As Node on POSIX: stdout and stderr are synchronous for files, ttys and
// pipes — a write has reached the kernel when write() returns — so output
// is never lost at exit and ordering with child processes holds. stdin
// is a net.Socket (pipe, socket, file, /dev/null) or a tty.ReadStream;
// it reads only once someone consumes it, and then keeps the process
// alive until it ends or is paused.
'use strict';

var stream = require('stream');
var util = require('util');
var binding = internalBinding('stream_wrap');
var utilBinding = internalBinding('util');

// A Writable that writes synchronously to a descriptor (files, and pipes
// or sockets that must not lose data at exit).
function SyncWriteStream(fd) {
  stream.Writable.call(this, { autoDestroy: true });
  this.fd = fd;
  this.readable = false;
}
util.inherits(SyncWriteStream, stream.Writable);

SyncWriteStream.prototype._write = function (chunk, encoding, cb) {
  try {
    utilBinding.writeSync(this.fd, chunk);
  } catch (e) {
    return cb(e);
  }
  cb();
};

SyncWriteStream.prototype._destroy = function (err, cb) {
  // stdio descriptors are never closed by lode.
  cb(err);
};

SyncWriteStream.prototype.destroySoon = SyncWriteStream.prototype.destroy;

function createWritableStdioStream(fd) {
  var s, type = binding.guessHandleType(fd);
  if (type === 'TTY') {
    var tty = require('tty');
    s = new tty.WriteStream(fd);
    s._type = 'tty';
  } else {
    s = new SyncWriteStream(fd);
    s._type = type === 'FILE' ? 'fs' : 'pipe';
  }
  s.fd = fd;
  s._isStdio = true;
  // stdout/stderr are never really ended or closed by the program.
  s.destroySoon = s.destroy;
  s._destroy = function (err, cb) {
    cb(err);
  };
  // A reader that went away (EPIPE) is not the writer's error in Node's
  // default handling of stdout: swallow it unless someone listens.
  s.on('error', function (e) {
    if (s.listenerCount('error') > 1) return;
    if (e && e.code === 'EPIPE') return;
    throw e;
  });
  return s;
}

function createStdin() {
  var s, type = binding.guessHandleType(0);
  var net = require('net');
  if (type === 'TTY') {
    var tty = require('tty');
    s = new tty.ReadStream(0);
  } else if (type === 'UNKNOWN') {
    // No stdin at all (closed descriptor): an ended stream.
    s = new stream.Readable({ read: function () {} });
    s.push(null);
  } else {
    var handle = type === 'TCP' ? new binding.TCP() : new binding.Pipe(false);
    var err = handle.open(0);
    if (err) {
      s = new stream.Readable({ read: function () {} });
      s.push(null);
    } else {
      s = new net.Socket({ handle: handle, readable: true, writable: false, manualStart: true });
      s.readable = true;
    }
  }
  s.fd = 0;
  // Reading starts when the program consumes stdin (Node's behaviour);
  // pausing stops the kernel reads so the process can exit.
  return s;
}

var stdin, stdout, stderr;

module.exports = {
  getStdout: function () {
    if (!stdout) stdout = createWritableStdioStream(1);
    return stdout;
  },
  getStderr: function () {
    if (!stderr) stderr = createWritableStdioStream(2);
    return stderr;
  },
  getStdin: function () {
    if (!stdin) stdin = createStdin();
    return stdin;
  },
  SyncWriteStream: SyncWriteStream
};
