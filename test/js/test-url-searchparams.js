// URLSearchParams: construction from string/object/pairs/iterables, every
// method, serialisation, sorting, iteration, errors.
var URLSearchParams = require('url').URLSearchParams;
var util = require('util');
function s(p) { return p.toString(); }
console.log(s(new URLSearchParams()), s(new URLSearchParams('')), s(new URLSearchParams('?a=1&b=2')), s(new URLSearchParams('a=1&&b&=c&d=')));
console.log(s(new URLSearchParams('a=b+c&d=%20e%zz&f=%F0%9F%98%80&g=%E9')), s(new URLSearchParams('q=a=b=c')));
console.log(s(new URLSearchParams({ a: 1, b: 'two words', c: null, d: undefined, 'é': '&=' })));
console.log(s(new URLSearchParams([['a', 1], ['a', 2], ['b', '3']])));
console.log(s(new URLSearchParams(new URLSearchParams('x=1'))), s(new URLSearchParams(new Map([['m', 'v']]))));
console.log(s(new URLSearchParams([new Set(['k', 'v'])])));
function err(f) { try { f(); console.log('no throw'); } catch (e) { console.log(e.name, e.code, e.message); } }
err(function () { return new URLSearchParams([['a']]); });
err(function () { return new URLSearchParams([['a', 'b', 'c']]); });
err(function () { return new URLSearchParams([null]); });
err(function () { return new URLSearchParams([1]); });
var o = {}; o[Symbol.iterator] = 5; err(function () { return new URLSearchParams(o); });
var p = new URLSearchParams('a=1&b=2&a=3');
console.log(p.get('a'), p.get('zz'), JSON.stringify(p.getAll('a')), JSON.stringify(p.getAll('zz')), p.has('b'), p.has('zz'), p.has('a', '3'), p.has('a', '9'), p.size);
p.append('c', 'x y'); p.set('a', 'only'); console.log(s(p), p.size);
p.set('new', 'v'); p.delete('b'); console.log(s(p));
p.append('d', '1'); p.append('d', '2'); p.delete('d', '1'); console.log(s(p));
err(function () { p.append('x'); }); err(function () { p.get(); }); err(function () { p.set('x'); }); err(function () { p.has(); }); err(function () { p.delete(); });
err(function () { p.forEach(5); });
err(function () { URLSearchParams.prototype.get.call({}, 'a'); });
var q = new URLSearchParams('z=1&a=2&b=3&a=1&é=1&A=0'); q.sort(); console.log(s(q));
var seen = []; q.forEach(function (v, k, self) { seen.push(k + '=' + v + (self === q)); }); console.log(seen.join(','));
var it = q.entries(); var step = it.next(); console.log(JSON.stringify(step), Object.prototype.toString.call(it));
console.log(JSON.stringify(Array.from(q.keys())), JSON.stringify(Array.from(q.values())), JSON.stringify(Array.from(q)));
var all = []; var ks = q.keys(); for (var r = ks.next(); !r.done; r = ks.next()) all.push(r.value); console.log(all.join('|'));
console.log(util.inspect(new URLSearchParams()), util.inspect(new URLSearchParams('a=1&b=x')));
var long = new URLSearchParams(); for (var i = 0; i < 8; i++) long.append('key' + i, 'value number ' + i); console.log(util.inspect(long));
console.log(util.inspect({ p: new URLSearchParams('a=1') }), util.inspect(new URLSearchParams('k=v').keys()));
console.log(s(new URLSearchParams({ sp: ' !"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~' })));
console.log(s(new URLSearchParams('a=%2B+%26')), new URLSearchParams('a=%2B+%26').get('a'));
console.log(Object.prototype.toString.call(new URLSearchParams()), typeof URLSearchParams.prototype[Symbol.iterator], URLSearchParams.prototype[Symbol.iterator] === URLSearchParams.prototype.entries);
console.log(JSON.stringify(new URLSearchParams('a=1')), String(new URLSearchParams('x=y')));
