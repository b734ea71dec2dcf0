// dns — name resolution (layer: stdlib/, over internalBinding('dns')).
// lookup and lookupService use the system resolver (getaddrinfo /
// getnameinfo) on the worker pool's DNS lane, as Node does.
// XXX: resolve4/resolve6/resolveMx/... (lode's own DNS client), setServers
// and dns.promises beyond lookup are the child_process/cluster/dns issue.
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

var promises = {
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

module.exports = {
  lookup: lookup,
  lookupService: lookupService,
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
