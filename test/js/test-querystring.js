// querystring: parse/decode, stringify/encode, escape/unescape, maxKeys,
// custom separators and codecs.
var qs = require('querystring');
function j(v) { return JSON.stringify(v); }
function p() { var r = qs.parse.apply(null, arguments); console.log(j(r), Object.getPrototypeOf(r) === null); }
p('a=1&b=2'); p('a=1&a=2&a=3'); p('a'); p('a='); p('=b'); p('&&a=1&&'); p(''); p('a=1&b');
p('a=%20b&c+d=e+f'); p('a=%zz&b=%E9&c=%C3%A9'); p('%E9=1'); p('a=1=2'); p('__proto__=x&constructor=y');
p('a[]=1&a[]=2'); p('a=b&a=c&a=d&e=f'); p('x=%F0%9F%98%80'); p('x=%F0%9F'); p('k=%');
p('a:1;b:2', ';', ':'); p('a==1&&b==2', '&&', '=='); p('a=1&b=2&c=3', null, null, { maxKeys: 2 });
p('a=1&b=2&c=3', null, null, { maxKeys: 0 }); p('a=1&b=2', null, null, { maxKeys: -1 });
p('a=A%42C', null, null, { decodeURIComponent: function (s) { return s.toLowerCase(); } });
p('a=%41+b', null, null, { decodeURIComponent: function (s) { return '[' + s + ']'; } });
p('a=%41', null, null, { decodeURIComponent: function () { throw new Error('x'); } });
p(undefined); p(5); p('a=1', 'a');
console.log(qs.decode === qs.parse, qs.encode === qs.stringify);
function s() { console.log(j(qs.stringify.apply(null, arguments))); }
s({ a: 1, b: 'two', c: true, d: false }); s({ a: [1, 2, 3] }); s({ a: [] }); s({ a: null, b: undefined, c: {}, d: NaN, e: Infinity });
s({ 'sp ace': 'v a l', 'é': 'ü', sym: '!*()\'~-._' }); s({ big: 1e21, small: 1e-7, neg: -5 });
s({ a: 1, b: 2 }, ';', ':'); s({ a: [1, 2] }, '&&', '=='); s('str'); s(null); s([1, 2]);
s({ a: 'x y' }, null, null, { encodeURIComponent: function (v) { return '<' + v + '>'; } });
s({ a: 1, b: true, c: null }, null, null, { encodeURIComponent: encodeURIComponent });
s({ emoji: '😀', cjk: '中文' });
function F() { this.own = 1; } F.prototype.inherited = 2; s(new F());
console.log(qs.escape('a b&c=d/é~!*()\''), qs.escape(123), qs.escape({ toString: function () { return 'o b'; } }));
console.log(qs.escape(''), qs.escape('\u0000\u007f\u0080\u07ff\u0800\uffff'));
try { qs.escape('\ud800'); } catch (e) { console.log(e.name, e.code, e.message); }
try { qs.stringify({ a: '\udc00x' }); } catch (e) { console.log(e.name, e.code, e.message); }
console.log(j(qs.unescape('%E9%zz+%41')), j(qs.unescape('a%20b+c')), j(qs.unescape('a+b', true)), j(qs.unescape('%')), j(qs.unescape('%C3%A9%C3')));
console.log(j(Array.prototype.slice.call(qs.unescapeBuffer('a%20b+c%zz%4'))), j(Array.prototype.slice.call(qs.unescapeBuffer('x+y', true))));
console.log(j(qs.parse(qs.stringify({ round: 'trip & = ?', arr: ['x', 'y'] }))));
