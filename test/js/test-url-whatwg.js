// WHATWG URL: parsing (special / non-special / file schemes, hosts, IPv4
// forms, IPv6, percent-encoding, base resolution), getters, setters, errors.
var url = require('url');
var URL = url.URL;
var util = require('util');
function show(u) { return [u.href, u.origin, u.protocol, u.username, u.password, u.host, u.hostname, u.port, u.pathname, u.search, u.hash].join(' | '); }
function p(input, base) {
  try { console.log(JSON.stringify(input), base ? JSON.stringify(base) : '', '=>', show(base === undefined ? new URL(input) : new URL(input, base))); }
  catch (e) { console.log(JSON.stringify(input), '=> ERR', e.name, e.code, e.message, e.input, e.base); }
}
['https://user:pa ss@EXAMPLE.com:443/a/../b/./c?x=1 2#frag', 'http://example.com', 'HTTP://EX.com:8080/%7e?q#h',
  'http://0x7f.1/', 'http://0177.0.0.1/', 'http://2130706433/', 'http://1.2.3', 'http://999999999/', 'http://a.b.c.256/', 'http://256.0.0.1/',
  'http://[::1]:80/x', 'http://[2001:db8::ff00:42:8329]/', 'http://[0:0:0:0:0:0:0:1]/', 'http://[::ffff:192.168.0.1]/', 'http://[1:2:3:4:5:6:7:8]/',
  'http://[::]/', 'http://[1::]/', 'http://[1:0:0:2::3]/', 'http://[::1', 'http://[:1]/', 'http://[1:2:3:4:5:6:7:8:9]/',
  'file:///C:/a/b', 'file://localhost/etc', 'file:///tmp/x y', 'file://host/share/f', 'file:/a', 'file:c:\\x', 'file:',
  'mailto:a@b.c', 'data:text/plain,hi there', 'foo://h/p?q', 'foo://h:99/p', 'foo:/p', 'foo:', 'foo://', 'blob:https://a.com/uuid',
  'ws://x/', 'wss://x:443/', 'ftp://x:21/', 'http://a/b c/d?e f#g h', 'non-spec:/.//p', 'http://ex.com/%zz/%41',
  'http://ex.com/?q=\'"<>`', 'foo://ex.com/?q=\'"', 'http://ex.com/#frag `<>"', 'http://ex.com/a\\b\\..\\c', 'foo://x/a\\b',
  'http://ex.com/é/ü?ä#ö', 'http://ex.com/😀', 'http://ex.com:0/', 'http://ex.com:65535/', 'http://ex.com:65536/', 'http://ex.com:8a/',
  'http://ex.com:/', 'http://@ex.com/', 'http://:@ex.com/', 'http://a:b@c:d@ex.com/', 'http://ex ample.com/', 'http://ex%41mple.com/',
  'http://ex%2Fmple.com/', 'http:/ex.com', 'http:ex.com', 'https:\\\\ex.com\\x', '  http://trim.com/  ', 'http://ta\tb\nc.com/',
  'http://EXAMPLE.COM./', 'http://a..b/', 'http://xn--nxasmq6b.com/', 'javascript:alert(1)', 'about:blank', '', 'nope', '//x',
  'http://ex.com/a/./b/../../c', 'http://ex.com/%2e/%2E%2e/x', 'http://ex.com/..', 'sc://ñ/', 'sc://a b/', 'sc://%/', 'http://a<b/',
  'http://ex.com?', 'http://ex.com#', 'http://ex.com/?#'
].forEach(function (s) { p(s); });
[['/path?x', 'http://h.com/a/b'], ['../up', 'http://h.com/a/b/c'], ['?q', 'http://h.com/a?old#f'], ['#f2', 'http://h.com/a?q#f'],
  ['//other.com/p', 'https://h.com/'], ['', 'http://h.com/a?b#c'], ['x', 'mailto:a@b'], ['#x', 'mailto:a@b'], ['http:rel', 'http://h.com/a/b'],
  ['file.txt', 'file:///dir/sub/'], ['/C:/x', 'file:///D:/y'], ['..', 'file:///C:/'], ['https://abs.com', 'http://h.com'],
  ['a', 'bad base'], ['g;x?y#s', 'http://a/b/c/d;p?q'], ['../../../g', 'http://a/b/c/d;p?q'], ['\\x', 'http://h.com/a/']
].forEach(function (pair) { p(pair[0], pair[1]); });
console.log(util.inspect(new URL('https://user:pw@ex.com:81/p?a=1&b=2#h')));
console.log(util.inspect({ nested: new URL('http://x.com/') }));
var u = new URL('https://ex.com/a?x=1#h');
console.log(JSON.stringify({ u: u }), String(u), u.toString() === u.href, Object.keys(u).length, Object.prototype.toString.call(u));
function set(href, prop, value) {
  var v = new URL(href); v[prop] = value; console.log('set', prop, JSON.stringify(value), 'on', href, '=>', show(v));
}
set('http://ex.com/', 'protocol', 'https'); set('http://ex.com/', 'protocol', 'foo'); set('foo://ex.com/', 'protocol', 'http');
set('http://ex.com:443/', 'protocol', 'https:'); set('http://u@ex.com/', 'protocol', 'file'); set('http://ex.com/', 'protocol', '1x');
set('http://ex.com/', 'username', 'us er@'); set('http://ex.com/', 'password', 'p:w/'); set('file:///x', 'username', 'u');
set('http://ex.com/', 'host', 'other.org:8080'); set('http://ex.com/', 'host', 'bad host'); set('http://ex.com:99/', 'host', 'h2');
set('http://ex.com/', 'hostname', 'h3.com:77'); set('http://ex.com/', 'hostname', '[::1]'); set('mailto:x', 'host', 'y');
set('http://ex.com/', 'port', '8080'); set('http://ex.com/', 'port', '80'); set('http://ex.com:8/', 'port', ''); set('http://ex.com/', 'port', '12ab');
set('http://ex.com/', 'port', '99999'); set('http://ex.com/', 'port', 'x'); set('file:///x', 'port', '1');
set('http://ex.com/a', 'pathname', '/b c/../d'); set('http://ex.com/a', 'pathname', 'noslash'); set('mailto:x', 'pathname', 'y');
set('http://ex.com/a', 'search', 'q=1 2'); set('http://ex.com/a?x', 'search', ''); set('http://ex.com/a', 'search', '??x');
set('http://ex.com/a', 'hash', 'h 1'); set('http://ex.com/a#x', 'hash', ''); set('http://ex.com/a', 'hash', '##x');
set('http://ex.com/a', 'href', 'https://new.com/b');
try { new URL('http://x/').href = 'bad'; } catch (e) { console.log(e.name, e.code, e.message, e.input); }
try { new URL(); } catch (e) { console.log(e.name, e.code, e.message); }
console.log(URL.canParse('http://x'), URL.canParse('nope'), URL.canParse('/p', 'http://b'), URL.canParse('/p', 'bad'));
var sp = new URL('http://ex.com/?a=1&b=2');
sp.searchParams.append('c', '3 4'); console.log(sp.href, sp.search);
sp.searchParams.delete('a'); sp.searchParams.delete('b'); sp.searchParams.delete('c'); console.log(sp.href, JSON.stringify(sp.search));
sp.search = '?z=9'; console.log(sp.searchParams.get('z'), sp.searchParams === sp.searchParams);
sp.href = 'http://ex.com/?y=8'; console.log(sp.searchParams.get('y'), sp.searchParams.get('z'));
console.log(url.domainToASCII('EXAMPLE.com'), JSON.stringify(url.domainToASCII('xn--iñvalid.com')), url.domainToASCII('münchen.de'), url.domainToUnicode('ex.com'));
console.log(url.fileURLToPath('file:///tmp/a%20b'), url.fileURLToPath(new URL('file:///x/y/')));
function err(f) { try { console.log(f()); } catch (e) { console.log(e.name, e.code, e.message); } }
err(function () { return url.fileURLToPath('http://x/'); });
err(function () { return url.fileURLToPath('file://host/x'); });
err(function () { return url.fileURLToPath('file:///a%2Fb'); });
err(function () { return url.fileURLToPath(5); });
console.log(url.pathToFileURL('/a b/c#d?e%f\\g').href, url.pathToFileURL('/x/').href, url.pathToFileURL('/x/../y').href);
err(function () { return url.pathToFileURL(1); });
console.log(JSON.stringify(url.urlToHttpOptions(new URL('https://u:p%20w@[::1]:8443/p/a?q=1#h'))));
console.log(JSON.stringify(url.urlToHttpOptions(new URL('http://ex.com/'))));
