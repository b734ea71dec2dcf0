// dns.lookup through the system resolver (localhost and literal IPs
// only: there is no network here). Lookups run one after another, since
// two pool jobs may finish in either order.
var dns = require('dns');
var assert = require('assert');
var steps = [
  function (next) {
    dns.lookup('127.0.0.1', function (err, address, family) {
      console.log('literal v4:', err, address, family);
      next();
    });
  },
  function (next) {
    dns.lookup('::1', { all: true }, function (err, list) {
      console.log('literal v6 all:', err, JSON.stringify(list));
      next();
    });
  },
  function (next) {
    dns.lookup('localhost', { family: 4 }, function (err, address, family) {
      console.log('localhost v4:', err, address, family);
      next();
    });
  },
  function (next) {
    dns.lookup('localhost', { family: 4, all: true }, function (err, list) {
      console.log('localhost all v4:', err, JSON.stringify(list));
      next();
    });
  },
  function (next) {
    dns.lookup('no-such-host.invalid', function (err) {
      console.log('invalid:', err.code, err.syscall, err.hostname);
      next();
    });
  },
  function (next) {
    dns.promises.lookup('127.0.0.1').then(function (r) {
      console.log('promise:', JSON.stringify(r));
      next();
    });
  },
  function (next) {
    dns.lookupService('127.0.0.1', 22, function (err, host, service) {
      console.log('lookupService:', err, typeof host, service);
      next();
    });
  }
];
(function run(i) {
  if (i < steps.length) steps[i](function () { run(i + 1); });
})(0);
assert.throws(function () { dns.lookup(5, function () {}); }, { code: 'ERR_INVALID_ARG_TYPE' });
assert.throws(function () { dns.lookup('x', { family: 5 }, function () {}); }, { code: 'ERR_INVALID_ARG_VALUE' });
assert.throws(function () { dns.lookup('x', {}); }, { code: 'ERR_INVALID_ARG_TYPE' });
console.log('sync part done');
