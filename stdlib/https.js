// https — the http module over TLS sockets (layer: stdlib/, over http and
// tls). Node 20's API: createServer, Server, request, get, Agent,
// globalAgent.
//
// The server is a tls.Server whose secure connections go through http's
// own connection handling (the listener http.Server installs for
// 'connection', borrowed once from a scratch http.Server, since http.js
// keeps it private). The Agent is http's, with TLS connections and a
// pool key that includes the TLS options.
'use strict';

var http = require('http');
var tls = require('tls');
var net = require('net');
var util = require('util');

// http.Server's per-server state and its two private listeners.
var httpHooks = null;
function getHttpHooks() {
  if (httpHooks === null) {
    var scratch = new http.Server();
    httpHooks = {
      connection: scratch.listeners('connection')[0],
      listening: scratch.listeners('listening')
    };
  }
  return httpHooks;
}

function Server(opts, requestListener) {
  if (!(this instanceof Server)) return new Server(opts, requestListener);
  if (typeof opts === 'function') {
    requestListener = opts;
    opts = {};
  }
  opts = Object.assign({}, opts);
  if (opts.ALPNProtocols === undefined) opts.ALPNProtocols = ['http/1.1'];
  // http lets a request's body end while the response is still going.
  opts.allowHalfOpen = true;
  tls.Server.call(this, opts);
  // Copy http.Server's per-instance state (timeouts, limits, the
  // connection list) from a scratch instance built with the same options.
  var scratch = new http.Server(opts);
  var skip = { _events: 1, _eventsCount: 1, _maxListeners: 1, _handle: 1, _connections: 1,
    allowHalfOpen: 1, pauseOnConnect: 1, noDelay: 1, keepAlive: 1, keepAliveInitialDelay: 1 };
  var self = this;
  Object.keys(scratch).forEach(function (k) {
    if (!skip[k]) self[k] = scratch[k];
  });
  var hooks = getHttpHooks();
  this.on('secureConnection', hooks.connection);
  hooks.listening.forEach(function (f) { self.on('listening', f); });
  if (requestListener) this.on('request', requestListener);
  this.on('tlsClientError', function (err, socket) {
    // Node: without a listener other than this one, just drop the socket.
    if (self.listenerCount('tlsClientError') === 1 && socket && !socket.destroyed) socket.destroy();
  });
}
util.inherits(Server, tls.Server);

// http.Server's methods (close also closes idle keep-alive connections).
['setTimeout', 'close', 'closeAllConnections', 'closeIdleConnections'].forEach(function (name) {
  if (typeof http.Server.prototype[name] === 'function') {
    Server.prototype[name] = http.Server.prototype[name];
  }
});

function createServer(opts, requestListener) {
  return new Server(opts, requestListener);
}

// ---- Agent ----

function Agent(options) {
  if (!(this instanceof Agent)) return new Agent(options);
  http.Agent.call(this, options);
  this.defaultPort = 443;
  this.protocol = 'https:';
  this.maxCachedSessions = this.options.maxCachedSessions === undefined ? 100 :
    this.options.maxCachedSessions;
  this._sessionCache = { map: Object.create(null), list: [] };
}
util.inherits(Agent, http.Agent);

Agent.prototype.createConnection = function (options, cb) {
  var o = Object.assign({}, options);
  if (o.servername === undefined || o.servername === '') {
    var host = o.host || o.hostname;
    if (host && !net.isIP(host)) o.servername = host;
  }
  if (o.path && !o.socketPath) delete o.path; // http's request path, not a socket
  var key = o._agentKey || this.getName(o);
  if (o.session === undefined) o.session = this._getSession(key);
  var self = this;
  var socket = tls.connect(o);
  socket.on('session', function (session) { self._cacheSession(key, session); });
  socket.once('close', function (hadError) {
    if (hadError) self._evictSession(key);
  });
  return socket;
};

// The TLS sessions of this agent, by connection name (most recent
// maxCachedSessions), offered again on new connections.
Agent.prototype._getSession = function (key) {
  return this._sessionCache.map[key];
};

Agent.prototype._cacheSession = function (key, session) {
  if (this.maxCachedSessions === 0) return;
  var cache = this._sessionCache;
  if (!cache.map[key]) {
    if (cache.list.length >= this.maxCachedSessions) delete cache.map[cache.list.shift()];
    cache.list.push(key);
  }
  cache.map[key] = session;
};

Agent.prototype._evictSession = function (key) {
  var cache = this._sessionCache;
  var i = cache.list.indexOf(key);
  if (i >= 0) cache.list.splice(i, 1);
  delete cache.map[key];
};

var kTlsKeys = ['ca', 'cert', 'clientCertEngine', 'ciphers', 'key', 'pfx', 'rejectUnauthorized',
  'servername', 'minVersion', 'maxVersion', 'secureProtocol', 'crl', 'honorCipherOrder',
  'ecdhCurve', 'dhparam', 'secureOptions', 'sessionIdContext', 'sigalgs', 'privateKeyIdentifier',
  'privateKeyEngine'];

// The TLS half of a pool name is the same on every request of a pool,
// but made of the agent's certificates and keys (PEM, kilobytes, often
// Buffers): converting and joining them per request was about a tenth of
// a keep-alive HTTPS request. So the last half made is kept with the
// values it came from, Buffers with a copy of their bytes, and reused
// while every value is the same (===, and the same bytes). Other objects
// (an array of CAs, which may change inside) are converted every time.
function tlsNameHalf(agent, options) {
  var c = agent._tlsName, n = kTlsKeys.length, i, v;
  if (c !== undefined) {
    for (i = 0; i < n; i++) if (options[kTlsKeys[i]] !== c.vals[i]) break;
    if (i === n) {
      for (i = 0; i < c.bufs.length; i++) if (!c.copies[i].equals(c.vals[c.bufs[i]])) break;
      if (i === c.bufs.length) return c.name;
    }
  }
  var name = '', vals = [], bufs = [], copies = [], keep = true;
  for (i = 0; i < n; i++) {
    v = vals[i] = options[kTlsKeys[i]];
    name += ':';
    if (v === undefined || v === null) continue;
    name += String(v);
    if (Buffer.isBuffer(v)) {
      bufs.push(i);
      copies.push(Buffer.from(v));
    } else if (typeof v === 'object' || typeof v === 'function') {
      keep = false;
    }
  }
  agent._tlsName = keep ? { vals: vals, bufs: bufs, copies: copies, name: name } : undefined;
  return name;
}

Agent.prototype.getName = function (options) {
  return http.Agent.prototype.getName.call(this, options) + tlsNameHalf(this, options || {});
};

var globalAgent = new Agent({ keepAlive: true, scheduling: 'lifo', timeout: 5000 });

// ---- requests ----

function urlToOptions(url) {
  var o = {
    protocol: url.protocol,
    hostname: typeof url.hostname === 'string' && url.hostname[0] === '[' ?
      url.hostname.slice(1, -1) : url.hostname,
    hash: url.hash,
    search: url.search,
    pathname: url.pathname,
    path: (url.pathname || '') + (url.search || ''),
    href: url.href
  };
  if (url.port !== '') o.port = Number(url.port);
  if (url.username || url.password) {
    o.auth = decodeURIComponent(url.username) + ':' + decodeURIComponent(url.password);
  }
  return o;
}

function request(input, options, cb) {
  var opts;
  if (typeof input === 'string') {
    input = urlToOptions(new (require('url').URL)(input));
  } else if (input && typeof input === 'object' && input.href && input.protocol &&
             typeof input.searchParams === 'object') {
    input = urlToOptions(input);
  } else {
    cb = options;
    options = input;
    input = null;
  }
  if (typeof options === 'function') {
    cb = options;
    options = null;
  }
  opts = Object.assign({}, input || {}, options || {});
  opts._defaultAgent = globalAgent;
  if (opts.protocol === undefined) opts.protocol = 'https:';
  if (opts.protocol !== 'https:') {
    var e = new TypeError('Protocol "' + opts.protocol + '" not supported. Expected "https:"');
    e.code = 'ERR_INVALID_PROTOCOL';
    throw e;
  }
  if (opts.agent === undefined && typeof opts.createConnection !== 'function') {
    opts.agent = globalAgent;
  }
  if (opts.agent === false) opts.agent = new Agent(opts);
  return new http.ClientRequest(opts, cb);
}

function get(input, options, cb) {
  var req = request(input, options, cb);
  req.end();
  return req;
}

module.exports = {
  Agent: Agent,
  globalAgent: globalAgent,
  Server: Server,
  createServer: createServer,
  get: get,
  request: request
};
