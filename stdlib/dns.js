// dns — name resolution (layer: stdlib/, over internalBinding('dns')).
// lookup and lookupService use the system resolver (getaddrinfo /
// getnameinfo) on the worker pool's DNS lane, as Node does.
// resolve*/reverse, Resolver and setServers use lode's own DNS client
// (internal/dns/client: UDP on the loop, TCP when truncated).
'use strict';

var binding = internalBinding('dns');
var utilBinding = internalBinding('util');
var errors = require('internal/errors');
var net = null;

function isIP(s) {
  if (net === null) net = require('net');
  return net.isIP(s);
}

function dnsException(code, syscall, hostname) {
  var name = utilBinding.getErrorName(code);
  // Node reports getaddrinfo failures with the resolver's names.
  if (name === 'EAI_NONAME' || name === 'EAI_NODATA') name = 'ENOTFOUND';
  else if (name === 'EAI_AGAIN') name = 'EAI_AGAIN';
  var err = new Error(syscall + ' ' + name + (hostname ? ' ' + hostname : ''));
  err.errno = code;
  err.code = name;
  err.syscall = syscall;
  if (hostname) err.hostname = hostname;
  return err;
}

function lookup(hostname, options, callback) {
  var family = 0, all = false, hints = 0, verbatim = true;
  if (hostname && typeof hostname !== 'string') {
    throw errors.codes.ERR_INVALID_ARG_TYPE('hostname', 'string', hostname);
  }
  if (typeof options === 'function') {
    callback = options;
    options = undefined;
  }
  if (typeof callback !== 'function') {
    throw errors.codes.ERR_INVALID_ARG_TYPE('callback', 'Function', callback);
  }
  if (typeof options === 'number') {
    family = options;
  } else if (options !== undefined && options !== null) {
    if (options.family === 'IPv4') family = 4;
    else if (options.family === 'IPv6') family = 6;
    else if (options.family !== undefined) family = options.family | 0;
    all = options.all === true;
    hints = options.hints | 0;
    if (options.verbatim === false) verbatim = false;
  }
  if (family !== 0 && family !== 4 && family !== 6) {
    var fe = new TypeError("The property 'options.family' must be one of: 0, 4, 6. Received " + family);
    fe.code = 'ERR_INVALID_ARG_VALUE';
    throw fe;
  }
  if (!hostname) {
    process.nextTick(function () {
      if (all) callback(null, []);
      else callback(null, null, family === 6 ? 6 : 4);
    });
    return {};
  }
  var matched = isIP(hostname);
  if (matched) {
    process.nextTick(function () {
      if (all) callback(null, [{ address: hostname, family: matched }]);
      else callback(null, hostname, matched);
    });
    return {};
  }
  var req = {
    oncomplete: function (status, addresses) {
      var list, i;
      if (status !== 0) {
        callback(dnsException(status, 'getaddrinfo', hostname));
        return;
      }
      if (addresses.length === 0) {
        callback(dnsException(-3008, 'getaddrinfo', hostname));
        return;
      }
      list = addresses.map(function (a) { return { address: a, family: a.indexOf(':') === -1 ? 4 : 6 }; });
      if (!verbatim) {
        list.sort(function (a, b) { return a.family - b.family; });
      }
      if (all) {
        callback(null, list);
      } else {
        callback(null, list[0].address, list[0].family);
      }
    }
  };
  var err = binding.getaddrinfo(req, hostname, family, hints);
  if (err) {
    process.nextTick(function () { callback(dnsException(err, 'getaddrinfo', hostname)); });
  }
  return req;
}

function lookupService(address, port, callback) {
  if (isIP(address) === 0) {
    var e = new TypeError('The argument \'address\' is invalid. Received ' + JSON.stringify(address));
    e.code = 'ERR_INVALID_ARG_VALUE';
    throw e;
  }
  var req = {
    oncomplete: function (status, hostname, service) {
      if (status !== 0) callback(dnsException(status, 'getnameinfo', address));
      else callback(null, hostname, service);
    }
  };
  var err = binding.getnameinfo(req, address, +port);
  if (err) process.nextTick(function () { callback(dnsException(err, 'getnameinfo', address)); });
  return req;
}

// ---- the DNS client: resolve*, reverse, Resolver ----

var client = require('internal/dns/client');

// method name → [rrtype, syscall, answer mapper]
var resolveMethods = {
  resolveAny: ['ANY', 'queryAny'],
  resolve4: ['A', 'queryA'],
  resolve6: ['AAAA', 'queryAaaa'],
  resolveCaa: ['CAA', 'queryCaa'],
  resolveCname: ['CNAME', 'queryCname'],
  resolveMx: ['MX', 'queryMx'],
  resolveNs: ['NS', 'queryNs'],
  resolveTxt: ['TXT', 'queryTxt'],
  resolveSrv: ['SRV', 'querySrv'],
  resolvePtr: ['PTR', 'queryPtr'],
  resolveNaptr: ['NAPTR', 'queryNaptr'],
  resolveSoa: ['SOA', 'querySoa']
};
var rrtypeMethod = {};
Object.keys(resolveMethods).forEach(function (m) { rrtypeMethod[resolveMethods[m][0]] = m; });
var typeNames = {};
Object.keys(client.TYPES).forEach(function (k) { typeNames[client.TYPES[k]] = k; });

function ResolverBase(options) {
  if (options === null || typeof options !== 'object') options = undefined;
  this._channel = new client.Channel(options);
}

ResolverBase.prototype.cancel = function () { this._channel.cancel(); };

ResolverBase.prototype.getServers = function () {
  return this._channel.servers.map(client.formatServer);
};

ResolverBase.prototype.setServers = function (servers) {
  if (!Array.isArray(servers)) throw errors.codes.ERR_INVALID_ARG_TYPE('servers', 'Array', servers);
  var list = [];
  for (var i = 0; i < servers.length; i++) {
    if (typeof servers[i] !== 'string') {
      throw errors.codes.ERR_INVALID_ARG_TYPE('servers[' + i + ']', 'string', servers[i]);
    }
    var sv = client.parseServer(servers[i]);
    if (sv === null) {
      var e = new TypeError('Invalid IP address: ' + servers[i]);
      e.code = 'ERR_INVALID_IP_ADDRESS';
      throw e;
    }
    list.push(sv);
  }
  this._channel.servers = list;
};

ResolverBase.prototype.setLocalAddress = function () {};

// Answers of the asked type, shaped as Node returns them.
function shapeAnswers(rrtype, answers, ttl) {
  var out = [];
  if (rrtype === 'ANY') {
    // Grouped by type in Node's order (its parser takes one type at a time).
    // (Index as tie-break: Array.prototype.sort need not be stable.)
    answers = answers.map(function (a, i) { return [a, i]; }).sort(function (x, y) {
      return anyOrder(x[0].type) - anyOrder(y[0].type) || x[1] - y[1];
    }).map(function (p) { return p[0]; });
    answers.forEach(function (a) {
      var name = typeNames[a.type];
      var o;
      if (name === undefined) return;
      if (name === 'A' || name === 'AAAA') o = { address: a.data, ttl: a.ttl };
      else if (name === 'CNAME' || name === 'NS' || name === 'PTR') o = { value: a.data };
      else if (name === 'TXT') o = { entries: a.data };
      else if (name === 'SOA') { o = a.data; }
      else o = a.data;
      o.type = name;
      out.push(o);
    });
    return out;
  }
  var t = client.TYPES[rrtype];
  answers.forEach(function (a) {
    if (a.type !== t) return;
    if (ttl && (rrtype === 'A' || rrtype === 'AAAA')) out.push({ address: a.data, ttl: a.ttl });
    else out.push(a.data);
  });
  if (rrtype === 'SOA') return out[0];
  return out;
}

var ANY_ORDER = [1, 28, 15, 2, 16, 33, 12, 35, 6, 257];
function anyOrder(type) {
  var i = ANY_ORDER.indexOf(type);
  return i === -1 ? ANY_ORDER.length : i;
}

function doQuery(resolver, method, hostname, options, callback) {
  var spec = resolveMethods[method];
  if (typeof hostname !== 'string') throw errors.codes.ERR_INVALID_ARG_TYPE('name', 'string', hostname);
  if (typeof options === 'function') {
    callback = options;
    options = undefined;
  }
  if (typeof callback !== 'function') throw errors.codes.ERR_INVALID_ARG_TYPE('callback', 'Function', callback);
  var ttl = !!(options && options.ttl);
  var req = {};
  resolver._channel.query(hostname, spec[0], function (err, answers) {
    if (err) {
      callback(client.dnsError(err, spec[1], hostname));
      return;
    }
    var out = shapeAnswers(spec[0], answers, ttl);
    // An A/AAAA answer holding only a CNAME is an empty list (c-ares'
    // address parser); the other types without a record are ENODATA.
    var addr = spec[0] === 'A' || spec[0] === 'AAAA';
    if (out === undefined || (out.length === 0 && (!addr || answers.length === 0))) {
      callback(client.dnsError('ENODATA', spec[1], hostname));
      return;
    }
    callback(null, out);
  });
  return req;
}

Object.keys(resolveMethods).forEach(function (m) {
  ResolverBase.prototype[m] = function (hostname, options, callback) {
    return doQuery(this, m, hostname, options, callback);
  };
});

function invalidRrtype(rrtype) {
  var e = new TypeError("The argument 'rrtype' is invalid. Received " +
    (typeof rrtype === 'string' ? "'" + rrtype + "'" : String(rrtype)));
  e.code = 'ERR_INVALID_ARG_VALUE';
  return e;
}

ResolverBase.prototype.resolve = function (hostname, rrtype, callback) {
  if (typeof rrtype === 'function') {
    callback = rrtype;
    rrtype = 'A';
  } else if (rrtype === undefined) {
    rrtype = 'A';
  } else if (typeof rrtype !== 'string') {
    throw errors.codes.ERR_INVALID_ARG_TYPE('rrtype', 'string', rrtype);
  }
  var m = rrtypeMethod[rrtype];
  if (m === undefined) throw invalidRrtype(rrtype);
  return this[m](hostname, callback);
};

function reverseName(ip) {
  var fam = isIP(ip);
  if (fam === 4) return ip.split('.').reverse().join('.') + '.in-addr.arpa';
  if (fam !== 6) return null;
  // Expand to 32 nibbles.
  var halves = ip.split('::');
  var head = halves[0] ? halves[0].split(':') : [];
  var tail = halves.length > 1 && halves[1] ? halves[1].split(':') : [];
  var groups = head.concat(new Array(8 - head.length - tail.length + 1).join('0').split('')).concat(tail);
  if (halves.length === 1) groups = head;
  var nibbles = groups.map(function (g) { return ('0000' + g).slice(-4); }).join('');
  return nibbles.split('').reverse().join('.') + '.ip6.arpa';
}

ResolverBase.prototype.reverse = function (ip, callback) {
  if (typeof ip !== 'string') throw errors.codes.ERR_INVALID_ARG_TYPE('ip', 'string', ip);
  if (typeof callback !== 'function') throw errors.codes.ERR_INVALID_ARG_TYPE('callback', 'Function', callback);
  var name = reverseName(ip);
  if (name === null) {
    var e = new Error('getHostByAddr EINVAL ' + ip);
    e.code = 'EINVAL';
    e.errno = undefined;
    e.syscall = 'getHostByAddr';
    e.hostname = ip;
    throw e;
  }
  this._channel.query(name, 'PTR', function (err, answers) {
    if (err) {
      callback(client.dnsError(err, 'getHostByAddr', ip));
      return;
    }
    var out = shapeAnswers('PTR', answers, false);
    if (out.length === 0) {
      callback(client.dnsError('ENODATA', 'getHostByAddr', ip));
      return;
    }
    callback(null, out);
  });
  return {};
};

function Resolver(options) {
  if (!(this instanceof Resolver)) return new Resolver(options);
  ResolverBase.call(this, options);
}
Resolver.prototype = Object.create(ResolverBase.prototype);
Resolver.prototype.constructor = Resolver;

// The promise flavour: same channel machinery, promise results.
function PromiseResolver(options) {
  if (!(this instanceof PromiseResolver)) return new PromiseResolver(options);
  ResolverBase.call(this, options);
}
PromiseResolver.prototype = Object.create(ResolverBase.prototype);
PromiseResolver.prototype.constructor = PromiseResolver;
Object.keys(resolveMethods).concat(['resolve', 'reverse']).forEach(function (m) {
  PromiseResolver.prototype[m] = function (a, b) {
    var self = this;
    var args = Array.prototype.slice.call(arguments);
    if (m === 'resolve' && args.length < 2) args[1] = 'A';
    return new Promise(function (resolve, reject) {
      args.length = m === 'reverse' ? 1 : 2;
      args.push(function (err, res) {
        if (err) reject(err);
        else resolve(res);
      });
      ResolverBase.prototype[m].apply(self, args);
    });
  };
});

var defaultResolver = new Resolver();
var defaultPromiseResolver = null;

function getDefaultPromiseResolver() {
  if (defaultPromiseResolver === null) {
    defaultPromiseResolver = new PromiseResolver();
    defaultPromiseResolver._channel = defaultResolver._channel;
  }
  return defaultPromiseResolver;
}

function bindDefault(name) {
  return function () { return defaultResolver[name].apply(defaultResolver, arguments); };
}

function bindDefaultPromise(name) {
  return function () {
    var r = getDefaultPromiseResolver();
    return r[name].apply(r, arguments);
  };
}

var promises = {
  Resolver: PromiseResolver,
  lookup: function (hostname, options) {
    return new Promise(function (resolve, reject) {
      lookup(hostname, options, function (err, address, family) {
        if (err) return reject(err);
        if (Array.isArray(address)) resolve(address);
        else resolve({ address: address, family: family });
      });
    });
  },
  lookupService: function (address, port) {
    return new Promise(function (resolve, reject) {
      lookupService(address, port, function (err, hostname, service) {
        if (err) return reject(err);
        resolve({ hostname: hostname, service: service });
      });
    });
  }
};

['getServers', 'setServers'].concat(Object.keys(resolveMethods), ['resolve', 'reverse']).forEach(function (m) {
  promises[m] = m === 'getServers' || m === 'setServers' ? bindDefault(m) : bindDefaultPromise(m);
});

module.exports = {
  lookup: lookup,
  lookupService: lookupService,
  Resolver: Resolver,
  getServers: bindDefault('getServers'),
  setServers: bindDefault('setServers'),
  resolve: bindDefault('resolve'),
  reverse: bindDefault('reverse'),
  setDefaultResultOrder: function () {},
  getDefaultResultOrder: function () { return 'verbatim'; },
  promises: promises,
  ADDRCONFIG: binding.AI_ADDRCONFIG,
  V4MAPPED: binding.AI_V4MAPPED,
  ALL: binding.AI_ALL,
  NODATA: 'ENODATA',
  FORMERR: 'EFORMERR',
  SERVFAIL: 'ESERVFAIL',
  NOTFOUND: 'ENOTFOUND',
  NOTIMP: 'ENOTIMP',
  REFUSED: 'EREFUSED',
  BADQUERY: 'EBADQUERY',
  BADNAME: 'EBADNAME',
  BADFAMILY: 'EBADFAMILY',
  BADRESP: 'EBADRESP',
  CONNREFUSED: 'ECONNREFUSED',
  TIMEOUT: 'ETIMEOUT',
  EOF: 'EOF',
  FILE: 'EFILE',
  NOMEM: 'ENOMEM',
  DESTRUCTION: 'EDESTRUCTION',
  BADSTR: 'EBADSTR',
  BADFLAGS: 'EBADFLAGS',
  NONAME: 'ENONAME',
  BADHINTS: 'EBADHINTS',
  NOTINITIALIZED: 'ENOTINITIALIZED',
  LOADIPHLPAPI: 'ELOADIPHLPAPI',
  ADDRGETNETWORKPARAMS: 'EADDRGETNETWORKPARAMS',
  CANCELLED: 'ECANCELLED'
};
Object.keys(resolveMethods).forEach(function (m) { module.exports[m] = bindDefault(m); });
