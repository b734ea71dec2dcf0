// dns.resolve*: lode's DNS client against a local test server — A, AAAA
// (with ttl), MX, TXT, SRV, NS, CNAME, PTR/reverse, SOA, resolve(rrtype),
// setServers/getServers, dns.Resolver and dns.promises.
var dns = require('dns');
var assert = require('assert');
var server = require('./fixtures/dns/server');

var records = {
  'example.test A': ['10.0.0.1', '10.0.0.2'],
  'example.test AAAA': ['2001:db8::1', 'fe80::1:2:0:0:3'],
  'example.test MX': [{ priority: 10, exchange: 'mx1.example.test' }, { priority: 20, exchange: 'mx2.example.test' }],
  'example.test TXT': [['v=spf1 -all'], ['part one', 'part two']],
  'example.test NS': ['ns1.example.test', 'ns2.example.test'],
  'example.test SOA': [{ nsname: 'ns1.example.test', hostmaster: 'admin.example.test', serial: 2024010101, refresh: 3600, retry: 600, expire: 86400, minttl: 60 }],
  '_http._tcp.example.test SRV': [{ priority: 1, weight: 5, port: 8080, name: 'web.example.test' }],
  'alias.test CNAME': ['example.test'],
  '4.3.2.1.in-addr.arpa PTR': ['host.example.test'],
  'empty.test A': []
};

server.start(records, function (port, close) {
  dns.setServers(['127.0.0.1:' + port]);
  console.log('servers', JSON.stringify(dns.getServers().map(function (s) { return s.replace(String(port), 'PORT'); })));
  var steps = [
    function (n) { dns.resolve4('example.test', function (e, a) { console.log('A', e, JSON.stringify(a)); n(); }); },
    function (n) { dns.resolve4('example.test', { ttl: true }, function (e, a) { console.log('A ttl', e, JSON.stringify(a)); n(); }); },
    function (n) { dns.resolve6('example.test', function (e, a) { console.log('AAAA', e, JSON.stringify(a)); n(); }); },
    function (n) { dns.resolveMx('example.test', function (e, a) { console.log('MX', e, JSON.stringify(a)); n(); }); },
    function (n) { dns.resolveTxt('example.test', function (e, a) { console.log('TXT', e, JSON.stringify(a)); n(); }); },
    function (n) { dns.resolveNs('example.test', function (e, a) { console.log('NS', e, JSON.stringify(a)); n(); }); },
    function (n) { dns.resolveSoa('example.test', function (e, a) { console.log('SOA', e, JSON.stringify(a)); n(); }); },
    function (n) { dns.resolveSrv('_http._tcp.example.test', function (e, a) { console.log('SRV', e, JSON.stringify(a)); n(); }); },
    function (n) { dns.resolveCname('alias.test', function (e, a) { console.log('CNAME', e, JSON.stringify(a)); n(); }); },
    function (n) { dns.resolveAny('example.test', function (e, a) { console.log('ANY', e, JSON.stringify(a)); n(); }); },
    function (n) { dns.resolve4('alias.test', function (e, a) { console.log('A of a CNAME only', e && e.code, JSON.stringify(a)); n(); }); },
    function (n) { dns.resolve6('example.test', { ttl: true }, function (e, a) { console.log('AAAA ttl', e, JSON.stringify(a)); n(); }); },
    function (n) { dns.reverse('1.2.3.4', function (e, a) { console.log('reverse', e, JSON.stringify(a)); n(); }); },
    function (n) { dns.resolve('example.test', function (e, a) { console.log('resolve default', e, JSON.stringify(a)); n(); }); },
    function (n) { dns.resolve('example.test', 'MX', function (e, a) { console.log('resolve MX', e, JSON.stringify(a)); n(); }); },
    function (n) {
      try { dns.resolve('example.test', 'BOGUS', function () {}); } catch (e) { console.log('bad rrtype', e.code, e.name); }
      try { dns.setServers(['not an ip']); } catch (e) { console.log('bad server', e.code); }
      try { dns.resolve4(42, function () {}); } catch (e) { console.log('bad name', e.code); }
      n();
    },
    function (n) {
      var r = new dns.Resolver();
      r.setServers(['127.0.0.1:' + port]);
      r.resolveMx('example.test', function (e, a) { console.log('Resolver MX', e, a.length); n(); });
    },
    function (n) {
      dns.promises.resolve4('example.test').then(function (a) {
        console.log('promises A', JSON.stringify(a));
        var pr = new dns.promises.Resolver();
        pr.setServers(['127.0.0.1:' + port]);
        return pr.resolveTxt('example.test');
      }).then(function (a) {
        console.log('promises Resolver TXT', JSON.stringify(a));
        return dns.promises.resolve('nowhere.test', 'A');
      }).catch(function (e) {
        console.log('promises reject', e.code, e.syscall, e.hostname, e.message);
        n();
      });
    }
  ];
  (function run(i) {
    if (i === steps.length) { close(); return; }
    steps[i](function () { run(i + 1); });
  })(0);
});
