/*
 * test-collections.js — Map, Set, WeakMap, WeakSet and the method
 * polyfills, printed; the runner compares lode (polyfills) with node
 * (natives): the outputs must be identical.
 */
function show(v) {
	if (typeof v === 'number' && v === 0 && 1 / v < 0)
		return '-0';
	if (typeof v === 'string')
		return JSON.stringify(v);
	if (Array.isArray(v))
		return '[' + v.map(show).join(',') + ']';
	if (typeof v === 'object' && v !== null)
		return Object.prototype.toString.call(v);
	return String(v);
}
function drain(it) {
	var out = [];
	var s;
	while (!(s = it.next()).done)
		out.push(s.value);
	return out;
}
var log = function () { console.log(Array.prototype.map.call(arguments, show).join(' ')); };

var m = new Map([[1, 'a'], ['1', 'b'], [NaN, 'nan'], [-0, 'zero']]);
var o = {};
var frozen = Object.freeze({});
m.set(o, 'obj').set(frozen, 'frozen');
log(m.size, m.get(1), m.get('1'), m.get(NaN), m.get(0), m.get(o), m.get(frozen), m.has({}));
log(drain(m.keys()));
var seen = [];
m.forEach(function (v, k, self) {
	seen.push(v);
	if (k === 1) { self['delete']('1'); self.set('new', 'added'); }
});
log(seen);
var it = m.entries();
log(it.next().value);
m.clear();
m.set('after', 1);
log(it.next().value, it.next().done, m.size);
log(Object.prototype.toString.call(m), Object.prototype.toString.call(m.keys()), Object.keys(m).length);

var s = new Set('hello');
log(s.size, drain(s.values()), s.has('l'), s['delete']('l'), s.has('l'), drain(s.entries()).length);
log(Array.from(new Set([3, 1, 3, 2])), Array.from(new Map([[1, 2]])), Array.from({ length: 3 }, function (v, i) { return i * 2; }));

var wm = new WeakMap();
var key = { k: 1 };
wm.set(key, 'v').set(frozen, 'f');
log(wm.get(key), wm.has(key), wm.get(frozen), Object.keys(key), JSON.stringify(key));
Object.freeze(key);
log(wm['delete'](key), wm.has(key));
try { wm.set(1, 2); } catch (e) { log(e.constructor.name); }
var ws = new WeakSet([key]);
log(ws.has(key), ws.has(o));

log([1, 2, NaN].includes(NaN), [1, 2, 3].find(function (x) { return x > 1; }), [1, 2, 3].findIndex(function (x) { return x > 5; }));
log([0, 0, 0, 0].fill(7, 1, -1), [1, [2, [3, [4]]]].flat(), [1, [2, [3, [4]]]].flat(Infinity), [1, 2].flatMap(function (x) { return [x, x * 10]; }));
log(drain([5, 6].keys()), drain([5, 6].entries()), Array.of(7, 8));
log('5'.padStart(3, '0'), 'ab'.padEnd(5, 'xy'), '  x  '.trimStart() + '|', '|' + '  x  '.trimEnd(), 'ab'.repeat(3), 'abc'.startsWith('b', 1), 'abc'.endsWith('b', 2));
log('a\ud83d\ude00'.codePointAt(1), Array.from('a\ud83d\ude00b').length, 'a.b.c'.replaceAll('.', '-'), 'abc'.at(-1), [1, 2, 3].at(-1));
log(Object.entries({ a: 1, b: 2 }), Object.values({ a: 1, b: 2 }), JSON.stringify(Object.fromEntries([['x', 1], ['y', 2]])));
log(JSON.stringify(Object.getOwnPropertyDescriptors({ a: 1 })));
log(Number.isInteger(5), Number.isSafeInteger(Math.pow(2, 53)), Number.EPSILON > 0, Number.MAX_SAFE_INTEGER, Math.trunc(-4.7), Math.sign(-3), Math.fround(5.5), Math.fround(5.05));
log(Math.log2(8), Math.log10(1000), Math.hypot(3, 4), Math.cbrt(27), Math.clz32(1), Math.imul(0xffffffff, 5));
log(typeof globalThis, typeof queueMicrotask, typeof structuredClone);
var c = { d: new Date(0), r: /x/g, m: new Map([[1, { deep: true }]]), s: new Set([1]), a: [1, 2] };
c.self = c;
var cc = structuredClone(c);
log(cc !== c, cc.self === cc, cc.d.getTime(), String(cc.r), cc.m.get(1).deep, cc.s.has(1), cc.a);
try { structuredClone(function () {}); } catch (e) { log(e.name); }
var captured = {};
Error.captureStackTrace(captured);
log(typeof captured.stack, captured.stack.split('\n')[0]);
