// dns.setServers/getServers formats ('ip', 'ip:port', '[v6]:port'),
// argument errors, dns.Resolver options, dns.promises' server functions,
// reverse() of something that is not an IP.
var dns = require('dns');
dns.setServers(['::1', '[::1]:5353', '127.0.0.1:53', '10.0.0.1:1053', '[fe80::1]']);
console.log(JSON.stringify(dns.getServers()));
console.log(JSON.stringify(dns.promises.getServers()));
var r = new dns.Resolver({ timeout: 50, tries: 1 });
console.log(r.getServers().length > 0, typeof dns.promises.setServers, typeof dns.promises.Resolver);
r.setServers(['127.0.0.2']);
console.log(JSON.stringify(r.getServers()), JSON.stringify(dns.getServers()));
try { dns.setServers('x'); } catch (e) { console.log(e.code, e.message); }
try { dns.setServers([1]); } catch (e) { console.log(e.code, e.message); }
try { dns.setServers(['example.com']); } catch (e) { console.log(e.code); }
try { new dns.Resolver(5); } catch (e) { console.log(e.code); }
try { dns.reverse('nope', function () {}); } catch (e) { console.log(e.code, e.syscall, e.message); }
try { dns.resolve4('x.test'); } catch (e) { console.log(e.code); }
console.log(dns.NOTFOUND, dns.NODATA, dns.TIMEOUT, dns.SERVFAIL, dns.CONNREFUSED, dns.BADRESP);
