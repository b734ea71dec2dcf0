// dns.resolve* errors against a local test server: ENOTFOUND (NXDOMAIN),
// ENODATA, ESERVFAIL, EREFUSED, EBADRESP, ETIMEOUT (a server that never
// answers, with Resolver timeout/tries), ECONNREFUSED (no server on the
// port), and TCP fallback for a truncated answer.
var dns = require('dns');
var dgram = require('dgram');
var server = require('./fixtures/dns/server');

var records = {
  'example.test A': ['10.0.0.1'],
  'big.test A': ['10.1.0.1', '10.1.0.2', '10.1.0.3']
};

function show(label, e, a) {
  if (e) console.log(label, e.code, e.syscall, e.hostname, e.message, e.errno);
  else console.log(label, JSON.stringify(a));
}

server.start(records, function (port, close, stats) {
  var r = new dns.Resolver({ timeout: 200, tries: 2 });
  r.setServers(['127.0.0.1:' + port]);
  var steps = [
    function (n) { r.resolve4('nowhere.test', function (e, a) { show('nxdomain', e, a); n(); }); },
    function (n) { r.resolveMx('example.test', function (e, a) { show('nodata', e, a); n(); }); },
    function (n) { r.resolve4('servfail.test', function (e, a) { show('servfail', e, a); n(); }); },
    function (n) { r.resolve4('refused.test', function (e, a) { show('refused', e, a); n(); }); },
    function (n) { r.resolve4('garbage.test', function (e, a) { show('badresp', e, a); n(); }); },
    function (n) {
      var before = stats.tcp;
      r.resolve4('big.test', function (e, a) { show('truncated', e, a); console.log('used tcp', stats.tcp > before); n(); });
    },
    function (n) {
      var before = stats.udp;
      r.resolve4('silent.test', function (e, a) { show('timeout', e, a); console.log('tries', stats.udp - before); n(); });
    },
    function (n) {
      // A port with nothing on it: take one, then free it.
      var s = dgram.createSocket('udp4');
      s.bind(0, '127.0.0.1', function () {
        var dead = s.address().port;
        s.close(function () {
          var r2 = new dns.Resolver({ timeout: 300, tries: 1 });
          r2.setServers(['127.0.0.1:' + dead]);
          r2.resolve4('example.test', function (e, a) { show('refused port', e, a); n(); });
        });
      });
    },
    function (n) {
      var r3 = new dns.Resolver({ timeout: 5000 });
      r3.setServers(['127.0.0.1:' + port]);
      r3.resolve4('silent.test', function (e, a) { show('cancelled', e, a); n(); });
      r3.cancel();
    }
  ];
  (function run(i) {
    if (i === steps.length) { close(); return; }
    steps[i](function () { run(i + 1); });
  })(0);
});
