// Legacy url.parse / url.format / url.resolve / resolveObject.
var url = require('url');
process.emitWarning = function (m, t, c) { console.log('WARN', t, c, m); };
function show(o) {
  var keys = ['protocol', 'slashes', 'auth', 'host', 'port', 'hostname', 'hash', 'search', 'query', 'pathname', 'path', 'href'];
  return keys.map(function (k) { return k + '=' + JSON.stringify(o[k]); }).join(' ');
}
function p(s, pq, sl) {
  try { var u = url.parse(s, pq, sl); console.log(JSON.stringify(s), show(u), u instanceof url.Url); }
  catch (e) { console.log(JSON.stringify(s), 'ERR', e.name, e.code, e.message); }
}
['http://user:pass@host.com:8080/p/a/t/h?query=string#hash', 'HTTP://EXAMPLE.COM', 'https://ex.com/a b?c d#e f', '/just/a/path?x=1',
  '//host/path', 'mailto:someone@example.com', 'javascript:alert(1)', 'file:///etc/passwd', 'file://host/x', 'ftp://u@ftp.x/a',
  'http://[::1]:3000/x', 'http://[fe80::1%25en0]/', 'xmpp:user@host', 'http://a@b@c/', 'http://a@b?@c', 'http://x.com\\y\\z?q\\r',
  '  http://trim.com/  ', 'http://ex.com:abc/', 'http://ex.com:/', 'HTTP://ex.com/%7e', 'http://ex.com/?a=1&a=2&b', 'http://münchen.de/p',
  'www.example.com', 'http://ex.com/p#h?notq', 'http://ex.com/"quo\'tes"<>^`{|}', '?onlyquery', '#onlyhash', '', 'http://', 'http:/x',
  'a:b', 'http://ex.com;semi/x', 'http://x.com/a;b?c;d'
].forEach(function (s) { p(s); });
p('/p?a=1&b=2&a=3', true); p('http://x.com/?a=%20b', true); p('http://x.com/', true); p('//host/p', false, true); p('//host/p');
try { url.parse(5); } catch (e) { console.log(e.name, e.code, e.message); }
function f(o) { try { console.log(JSON.stringify(url.format(o))); } catch (e) { console.log('ERR', e.name, e.code, e.message); } }
f({ protocol: 'http', host: 'ex.com', pathname: '/p', search: 'q=1' });
f({ protocol: 'https:', hostname: 'ex.com', port: 8080, pathname: 'noslash', query: { a: [1, 2], b: 'x y' }, hash: 'h' });
f({ protocol: 'mailto', auth: 'u', hostname: 'x.com' }); f({ protocol: 'file', pathname: '/etc' }); f({ protocol: 'file:', slashes: true, pathname: '/x' });
f({ hostname: '::1', port: 80 }); f({ auth: 'a b:c@d', host: 'h', pathname: '/a#b?c' }); f({ search: 'x#y' }); f({});
f('http://EX.com/a b'); f(null); f(5); f({ protocol: 'foo', host: 'h', pathname: 'p' }); f({ protocol: 'foo', slashes: true, host: 'h', pathname: 'p' });
f(new url.URL('https://u:p@ex.com/p?q=1#h'));
console.log(url.format(new url.URL('https://u:p@ex.com/p?q=1#h'), { fragment: false, auth: false, search: false }));
function r(a, b) { console.log(JSON.stringify(a), JSON.stringify(b), '=>', JSON.stringify(url.resolve(a, b))); }
r('/one/two/three', 'four'); r('http://example.com/', '/one'); r('http://example.com/one', '/two'); r('http://a/b/c/d;p?q', 'g');
r('http://a/b/c/d;p?q', './g'); r('http://a/b/c/d;p?q', 'g/'); r('http://a/b/c/d;p?q', '/g'); r('http://a/b/c/d;p?q', '//g');
r('http://a/b/c/d;p?q', '?y'); r('http://a/b/c/d;p?q', 'g?y'); r('http://a/b/c/d;p?q', '#s'); r('http://a/b/c/d;p?q', '');
r('http://a/b/c/d;p?q', '.'); r('http://a/b/c/d;p?q', '..'); r('http://a/b/c/d;p?q', '../..'); r('http://a/b/c/d;p?q', '../../../../g');
r('http://a/b/c/d;p?q', 'https://other/x'); r('mailto:a@b', 'c@d'); r('mailto:local1@domain1', 'local2@domain2'); r('http://a/b', 'mailto:x@y');
r('http://u:p@a/b', '//c/d'); r('/foo/bar', '../baz'); r('foo/bar', '../../baz'); r('http://x.com', 'y'); r('file:///a/b', 'c');
var ro = url.resolveObject('http://a.com/b/c', '../d?e#f'); console.log(show(ro));
console.log(url.resolveObject('', 'x'), url.parse(url.parse('http://x/')) instanceof url.Url);
