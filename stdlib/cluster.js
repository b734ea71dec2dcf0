// cluster — processes sharing server ports (layer: stdlib/, over
// child_process.fork and its IPC channel). Node 20's documented behaviour.
//
// The primary forks workers with NODE_UNIQUE_ID=<id> in their
// environment; a worker finds it at startup (internal/child_process/ipc
// calls _setupWorker) and says {act: 'online'}. Cluster messages are
// internal ones: {cmd: 'NODE_CLUSTER', act, seq} and replies {ack: seq}.
//
// A worker's net.Server.listen(port) asks the primary ({act:
// 'queryServer', address, port, addressType}); servers are keyed by
// address:port:addressType:fd and shared by every worker asking for the
// same key:
//   SCHED_RR (default except on Windows): the primary listens and accepts;
//     each connection's handle goes to the next free worker
//     ({act: 'newconn', key} with the TCP handle), whose server gets it
//     through a stand-in handle's onconnection.
//   SCHED_NONE: the primary binds one socket and sends that handle to
//     each worker, which listens and accepts on it itself.
// XXX: lode's net.js has no cluster hook: the worker side wraps
// net.Server.prototype._listen2 (TCP ports only; pipes and listen({fd})
// are not shared, exclusive: true is honoured).
'use strict';

var EventEmitter = require('events');
var util = require('util');
var net = require('net');
var errors = require('internal/errors');
var utilBinding = internalBinding('util');
var TCP = internalBinding('stream_wrap').TCP;

var SCHED_NONE = 1;
var SCHED_RR = 2;
var isWorker = process.env.NODE_UNIQUE_ID !== undefined;

var cluster = new EventEmitter();
cluster.isWorker = isWorker;
cluster.isPrimary = !isWorker;
cluster.isMaster = !isWorker;
cluster.Worker = Worker;
cluster.SCHED_NONE = SCHED_NONE;
cluster.SCHED_RR = SCHED_RR;
cluster.workers = {};
cluster.settings = {};
cluster.worker = undefined;

// Node's words for a listen refused by the primary: "bind EADDRINUSE
// 127.0.0.1:80".
function uvError(err, syscall, address, port) {
  var code = utilBinding.getErrorName(err);
  var details = port > 0 ? address + ':' + port : address;
  var e = new Error(syscall + ' ' + code + (details ? ' ' + details : ''));
  e.errno = err;
  e.code = code;
  e.syscall = syscall;
  e.address = address;
  if (port > 0) e.port = port;
  return e;
}

// ---- messages ----

var seq = 0;
var callbacks = {};

function sendHelper(proc, message, handle, cb) {
  if (!proc.connected) return false;
  message = Object.assign({ cmd: 'NODE_CLUSTER' }, message);
  if (typeof cb === 'function') callbacks[seq] = cb;
  message.seq = seq;
  seq += 1;
  return proc.send(message, handle, { swallowErrors: true });
}

// The internalMessage listener for cluster messages: replies go to the
// callback waiting for them, the rest to handler(message, handle).
function internalHandler(worker, handler) {
  return function (message, handle) {
    if (message.cmd !== 'NODE_CLUSTER') return;
    var fn = handler;
    if (message.ack !== undefined && callbacks[message.ack] !== undefined) {
      fn = callbacks[message.ack];
      delete callbacks[message.ack];
    }
    fn.apply(worker, [message, handle]);
  };
}

// ---- Worker ----

function Worker(options) {
  if (!(this instanceof Worker)) return new Worker(options);
  EventEmitter.call(this);
  if (options === null || typeof options !== 'object') options = {};
  this.exitedAfterDisconnect = undefined;
  this.state = options.state || 'none';
  this.id = options.id | 0;
  if (options.process) {
    this.process = options.process;
    var self = this;
    this.process.on('error', function (code, signal) { self.emit('error', code, signal); });
    this.process.on('message', function (message, handle) { self.emit('message', message, handle); });
  }
}
util.inherits(Worker, EventEmitter);

Worker.prototype.kill = function () {
  this.destroy.apply(this, arguments);
};

Worker.prototype.send = function () {
  return this.process.send.apply(this.process, arguments);
};

Worker.prototype.isDead = function () {
  return this.process.exitCode != null || this.process.signalCode != null;
};

Worker.prototype.isConnected = function () {
  return this.process.connected;
};

// ---- the primary ----

var ids = 0;
var initialized = false;
var handles = {}; // key -> RoundRobinHandle | SharedHandle

function setupPrimary(options) {
  var settings = Object.assign({
    args: process.argv.slice(2),
    exec: process.argv[1],
    execArgv: process.execArgv,
    silent: false
  }, cluster.settings, options);
  cluster.settings = settings;
  if (initialized === true) {
    process.nextTick(function () { cluster.emit('setup', settings); });
    return;
  }
  initialized = true;
  if (settings.schedulingPolicy !== undefined) cluster.schedulingPolicy = settings.schedulingPolicy;
  process.nextTick(function () { cluster.emit('setup', settings); });
}

function createWorkerProcess(id, env) {
  var workerEnv = Object.assign({}, process.env, env, { NODE_UNIQUE_ID: '' + id });
  var execArgv = (cluster.settings.execArgv || []).slice();
  return require('child_process').fork(cluster.settings.exec, cluster.settings.args, {
    cwd: cluster.settings.cwd,
    env: workerEnv,
    serialization: cluster.settings.serialization,
    silent: cluster.settings.silent,
    windowsHide: cluster.settings.windowsHide,
    execArgv: execArgv,
    stdio: cluster.settings.stdio,
    gid: cluster.settings.gid,
    uid: cluster.settings.uid
  });
}

function removeWorker(worker) {
  delete cluster.workers[worker.id];
  if (Object.keys(cluster.workers).length === 0) {
    Object.keys(handles).forEach(function (k) { handles[k].close(); delete handles[k]; });
    intercom.emit('disconnect');
  }
}

function removeHandlesForWorker(worker) {
  Object.keys(handles).forEach(function (key) {
    if (handles[key].remove(worker)) delete handles[key];
  });
}

var intercom = new EventEmitter();

function fork(env) {
  setupPrimary();
  var id = ++ids;
  var workerProcess = createWorkerProcess(id, env);
  var worker = new Worker({ id: id, process: workerProcess });

  worker.on('message', function (message, handle) {
    cluster.emit('message', this, message, handle);
  });

  worker.process.once('exit', function (exitCode, signalCode) {
    // The channel's end is usually seen first; when the exit comes first,
    // 'exit' waits for 'disconnect' (the dead child's channel ends next).
    if (worker.process.connected) {
      worker.process.once('disconnect', function () {
        process.nextTick(onExit, exitCode, signalCode);
      });
      return;
    }
    onExit(exitCode, signalCode);
  });
  function onExit(exitCode, signalCode) {
    if (worker.state !== 'disconnected') removeHandlesForWorker(worker);
    worker.exitedAfterDisconnect = !!worker.exitedAfterDisconnect;
    worker.state = 'dead';
    worker.emit('exit', exitCode, signalCode);
    cluster.emit('exit', worker, exitCode, signalCode);
    if (cluster.workers[worker.id] === worker) removeWorker(worker);
  }

  worker.process.once('disconnect', function () {
    removeHandlesForWorker(worker);
    if (cluster.workers[worker.id] === worker) removeWorker(worker);
    worker.exitedAfterDisconnect = !!worker.exitedAfterDisconnect;
    if (worker.state !== 'dead') worker.state = 'disconnected';
    worker.emit('disconnect');
    cluster.emit('disconnect', worker);
  });

  worker.process.on('internalMessage', internalHandler(worker, onPrimaryMessage));
  process.nextTick(function () { cluster.emit('fork', worker); });
  cluster.workers[worker.id] = worker;
  return worker;
}

function onPrimaryMessage(message, handle) {
  var worker = this;
  if (message.act === 'online') {
    worker.state = 'online';
    worker.emit('online');
    cluster.emit('online', worker);
  } else if (message.act === 'queryServer') {
    queryServer(worker, message);
  } else if (message.act === 'listening') {
    var info = {
      addressType: message.addressType,
      address: message.address,
      port: message.port,
      fd: message.fd
    };
    worker.state = 'listening';
    worker.emit('listening', info);
    cluster.emit('listening', worker, info);
  } else if (message.act === 'exitedAfterDisconnect') {
    worker.exitedAfterDisconnect = true;
    sendHelper(worker.process, { ack: message.seq });
  } else if (message.act === 'close') {
    var h = handles[message.key];
    if (h && h.remove(worker)) delete handles[message.key];
  }
}

function queryServer(worker, message) {
  if (worker.exitedAfterDisconnect) return;
  var key = message.address + ':' + message.port + ':' + message.addressType + ':' + message.fd + ':' + message.index;
  var handle = handles[key];
  if (handle === undefined) {
    var address = message.address;
    if (cluster.schedulingPolicy !== SCHED_RR || message.addressType === 'udp4' || message.addressType === 'udp6') {
      handle = new SharedHandle(key, address, message);
    } else {
      handle = new RoundRobinHandle(key, address, message);
    }
    handles[key] = handle;
  }
  handle.add(worker, function (errno, reply, h) {
    var data = null;
    if (errno && handles[key] === handle) delete handles[key];
    sendHelper(worker.process, Object.assign({
      errno: errno,
      key: key,
      ack: message.seq,
      data: data
    }, reply), h);
  });
}

// Binds a TCP handle as net does for (address, port, addressType);
// returns [err, handle].
function bindHandle(address, port, addressType) {
  var h = new TCP();
  var err;
  if (addressType === 6 || (addressType === 0 && !address)) {
    err = h.bind6(address || '::', port || 0, 0);
    if (err && !address) {
      h.close();
      h = new TCP();
      err = h.bind('0.0.0.0', port || 0);
    }
  } else {
    err = h.bind(address, port || 0);
  }
  if (err) {
    h.close();
    return [err, null];
  }
  return [0, h];
}

// SCHED_NONE: one bound socket, its handle sent to every worker.
function SharedHandle(key, address, message) {
  this.key = key;
  this.workers = {};
  this.errno = 0;
  this.handle = null;
  var r = bindHandle(address, message.port, message.addressType);
  if (r[0]) this.errno = r[0];
  else this.handle = r[1];
}

SharedHandle.prototype.add = function (worker, send) {
  this.workers[worker.id] = worker;
  send(this.errno, null, this.handle);
};

SharedHandle.prototype.remove = function (worker) {
  if (!this.workers[worker.id]) return false;
  delete this.workers[worker.id];
  if (Object.keys(this.workers).length !== 0) return false;
  this.close();
  return true;
};

SharedHandle.prototype.close = function () {
  if (this.handle) this.handle.close();
  this.handle = null;
};

// SCHED_RR: the primary listens; connections go round to free workers.
function RoundRobinHandle(key, address, message) {
  var self = this;
  this.key = key;
  this.all = {};
  this.free = [];
  this.handles = [];
  this.inflight = {};
  this.handle = null;
  this.errno = 0;
  var r = bindHandle(address, message.port, message.addressType);
  if (!r[0]) {
    r[0] = r[1].listen(message.backlog || 511);
    if (r[0]) r[1].close();
  }
  if (r[0]) {
    this.errno = r[0];
    return;
  }
  this.handle = r[1];
  this.handle.onconnection = function (status, clientHandle) {
    if (status < 0) return;
    self.distribute(clientHandle);
  };
}

RoundRobinHandle.prototype.add = function (worker, send) {
  var self = this;
  if (this.errno) {
    send(this.errno, null);
    return;
  }
  this.all[worker.id] = worker;
  var out = {};
  this.handle.getsockname(out);
  process.nextTick(function () {
    send(0, { sockname: out }, null);
    self.handoff(worker);
  });
};

RoundRobinHandle.prototype.remove = function (worker) {
  if (!this.all[worker.id]) return false;
  delete this.all[worker.id];
  var i = this.free.indexOf(worker);
  if (i !== -1) this.free.splice(i, 1);
  // A connection on its way to a worker that went away: it never said
  // whether it took it, so another worker gets it.
  var lost = this.inflight[worker.id];
  delete this.inflight[worker.id];
  if (lost !== undefined) {
    if (Object.keys(this.all).length !== 0) this.distribute(lost);
    else lost.close();
  }
  if (Object.keys(this.all).length !== 0) return false;
  var h;
  while ((h = this.handles.shift()) !== undefined) h.close();
  this.close();
  return true;
};

RoundRobinHandle.prototype.close = function () {
  if (this.handle) this.handle.close();
  this.handle = null;
};

RoundRobinHandle.prototype.distribute = function (clientHandle) {
  this.handles.push(clientHandle);
  var worker = this.free.shift();
  if (worker) this.handoff(worker);
};

RoundRobinHandle.prototype.handoff = function (worker) {
  var self = this;
  if (!this.all[worker.id]) return; // worker is closing
  var handle = this.handles.shift();
  if (handle === undefined) {
    this.free.push(worker);
    return;
  }
  this.inflight[worker.id] = handle;
  var sent = sendHelper(worker.process, { act: 'newconn', key: this.key }, handle, function (reply) {
    delete self.inflight[worker.id];
    if (reply.accepted) handle.close();
    else self.distribute(handle); // the worker is gone: another one
    self.handoff(worker);
  });
  if (sent === false && !worker.process.connected) {
    // The channel is already down: give the connection to someone else.
    delete this.inflight[worker.id];
    this.handles.unshift(handle);
    delete this.all[worker.id];
    var next = this.free.shift();
    if (next) this.handoff(next);
  }
};

function primaryDisconnect(cb) {
  var workers = Object.keys(cluster.workers);
  if (workers.length === 0) {
    process.nextTick(function () { intercom.emit('disconnect'); });
  } else {
    workers.forEach(function (id) {
      var w = cluster.workers[id];
      if (w.isConnected()) w.disconnect();
    });
  }
  if (typeof cb === 'function') intercom.once('disconnect', cb);
}

// ---- the worker ----

var serversByKey = {};

function setupWorker() {
  var worker = new Worker({
    id: +process.env.NODE_UNIQUE_ID | 0,
    process: process,
    state: 'online'
  });
  cluster.worker = worker;
  delete process.env.NODE_UNIQUE_ID;

  process.once('disconnect', function () {
    worker.emit('disconnect');
    if (!worker.exitedAfterDisconnect) {
      // The primary died or cut the channel: the worker ends.
      process.exit(0);
    }
  });
  process.on('internalMessage', internalHandler(worker, onWorkerMessage));
  sendHelper(process, { act: 'online' });

  var listen2 = net.Server.prototype._listen2;
  net.Server.prototype._listen2 = function (address, port, addressType, backlog, fd, adopted) {
    if (adopted || (typeof fd === 'number' && fd >= 0) || addressType === -1 || this._lodeClusterBypass) {
      return listen2.apply(this, arguments);
    }
    if (this._lodeExclusive) return listen2.apply(this, arguments);
    workerListen(this, listen2, address, port, addressType, backlog);
  };
  var listen = net.Server.prototype.listen;
  net.Server.prototype.listen = function (options) {
    if (options !== null && typeof options === 'object' && options.exclusive === true) this._lodeExclusive = true;
    return listen.apply(this, arguments);
  };
}

var indexes = {};

function workerListen(server, listen2, address, port, addressType, backlog) {
  var ikey = address + ':' + port + ':' + addressType;
  var index = indexes[ikey] === undefined ? 0 : indexes[ikey] + 1;
  indexes[ikey] = index;
  var message = {
    act: 'queryServer',
    address: address,
    port: port,
    addressType: addressType,
    fd: undefined,
    backlog: backlog,
    index: index
  };
  sendHelper(process, message, null, function (reply, handle) {
    if (reply.errno) {
      server.emit('error', uvError(reply.errno, 'bind', address, port));
      return;
    }
    var h = handle ? handle : rrHandle(reply, server);
    if (handle) serversByKey[reply.key] = { server: server, handle: null };
    server.once('listening', function () {
      var a = server.address() || {};
      cluster.worker.state = 'listening';
      sendHelper(process, {
        act: 'listening',
        address: address,
        port: a.port !== undefined ? a.port : port,
        addressType: addressType,
        fd: undefined,
        index: index
      });
    });
    listen2.call(server, address, port, addressType, backlog, undefined, h);
  });
}

// The stand-in for a server handle in round-robin mode: the primary owns
// the socket; connections arrive as 'newconn' messages.
function rrHandle(reply, server) {
  var key = reply.key;
  var h = {
    onconnection: null,
    owner: null,
    listen: function () { return 0; },
    getsockname: function (out) {
      if (!reply.sockname) return -9;
      Object.assign(out, reply.sockname);
      return 0;
    },
    close: function (cb) {
      delete serversByKey[key];
      sendHelper(process, { act: 'close', key: key });
      if (typeof cb === 'function') process.nextTick(cb);
    },
    ref: function () {},
    unref: function () {},
    hasRef: function () { return true; }
  };
  serversByKey[key] = { server: server, handle: h };
  return h;
}

function onWorkerMessage(message, handle) {
  if (message.act === 'newconn') {
    var entry = serversByKey[message.key];
    var accepted = !!(entry && entry.handle && entry.server._handle === entry.handle);
    sendHelper(process, { ack: message.seq, accepted: accepted });
    if (!accepted) {
      if (handle) handle.close();
      return;
    }
    entry.handle.onconnection(0, handle);
  } else if (message.act === 'disconnect') {
    workerDisconnect(true);
  }
}

function workerDisconnect(primaryInitiated) {
  var worker = cluster.worker;
  worker.exitedAfterDisconnect = true;
  var keys = Object.keys(serversByKey);
  var waiting = keys.length;
  function done() {
    if (process.connected) process.disconnect();
  }
  function closed() {
    if (--waiting === 0) done();
  }
  if (!primaryInitiated) {
    sendHelper(process, { act: 'exitedAfterDisconnect' }, null, function () {
      finish();
    });
  } else {
    finish();
  }
  function finish() {
    if (waiting === 0) {
      done();
      return;
    }
    keys.forEach(function (k) {
      var s = serversByKey[k].server;
      delete serversByKey[k];
      if (s._handle) s.close(closed);
      else closed();
    });
  }
}

// ---- the API ----

if (isWorker) {
  Worker.prototype.disconnect = function () {
    if (this.state !== 'disconnecting' && this.state !== 'destroying') {
      this.state = 'disconnecting';
      workerDisconnect(false);
    }
    return this;
  };
  Worker.prototype.destroy = function () {
    if (this.state === 'destroying') return;
    this.exitedAfterDisconnect = true;
    this.state = 'destroying';
    if (!process.connected) process.exit(0);
    else {
      process.once('disconnect', function () { process.exit(0); });
      workerDisconnect(false);
    }
  };
  cluster._setupWorker = setupWorker;
  cluster._getServer = workerListen;
} else {
  var envPolicy = process.env.NODE_CLUSTER_SCHED_POLICY;
  if (envPolicy === 'rr') cluster.schedulingPolicy = SCHED_RR;
  else if (envPolicy === 'none') cluster.schedulingPolicy = SCHED_NONE;
  else cluster.schedulingPolicy = process.platform === 'win32' ? SCHED_NONE : SCHED_RR;

  Worker.prototype.disconnect = function () {
    this.exitedAfterDisconnect = true;
    sendHelper(this.process, { act: 'disconnect' });
    removeHandlesForWorker(this);
    return this;
  };
  Worker.prototype.destroy = function (signo) {
    var proc = this.process;
    signo = signo || 'SIGTERM';
    // Cuts the channel (not the cluster disconnect: exitedAfterDisconnect
    // stays false), then signals.
    if (this.isConnected()) {
      this.once('disconnect', function () { proc.kill(signo); });
      proc.disconnect();
      return;
    }
    proc.kill(signo);
  };
  cluster.setupPrimary = setupPrimary;
  cluster.setupMaster = setupPrimary;
  cluster.fork = fork;
  cluster.disconnect = primaryDisconnect;
}

void errors;
module.exports = cluster;
