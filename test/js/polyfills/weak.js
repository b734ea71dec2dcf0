/*
 * test/js/polyfills/weak.js — lode's WeakMap and WeakSet against node's
 * native ones (same scenario, same log), plus the storage details native
 * ones cannot show: keys gain no enumerable property, freezing a key after
 * use keeps it working.
 */
'use strict';

var assert = require('assert');
var common = require('./support/common.js');
var show = common.show;
var attempt = common.attempt;
var PWM = common.polyfills.WeakMap;
var PWS = common.polyfills.WeakSet;

function scenario(WeakMap, WeakSet, log) {
	var k1 = {};
	var k2 = function () {};
	var k3 = [];
	var frozen = Object.freeze({});
	var later = {};
	var wm = new WeakMap();
	log(wm.set(k1, 1) === wm, wm.get(k1), wm.has(k1), wm.has(k2), wm.get(k2));
	wm.set(k2, undefined).set(k3, 'arr').set(frozen, 'frozen').set(later, 'later');
	log(wm.has(k2), wm.get(k2), wm.get(k3), wm.get(frozen), wm.get(later));
	Object.freeze(later);
	log(wm.get(later), wm['delete'](later), wm.has(later), wm['delete'](later));
	wm.set(later, 'again');
	log(wm.get(later), wm['delete'](frozen), wm.has(frozen), wm.get(frozen));
	log(wm.set(k1, 2).get(k1));
	log(attempt(function () { wm.set(1, 1); }), attempt(function () { wm.set('s', 1); }), attempt(function () { wm.set(null, 1); }));
	log(wm.get(1), wm.has('s'), wm['delete'](null), wm.get(undefined));
	var other = new WeakMap([[k1, 'other']]);
	log(other.get(k1), wm.get(k1), other.has(k3));
	log(attempt(function () { return new WeakMap([[1, 2]]); }), attempt(function () { return new WeakMap([1]); }));
	log(attempt(function () { return WeakMap(); }), attempt(function () { return WeakMap.prototype.get.call(new WeakSet(), k1); }));
	log(Object.prototype.toString.call(wm), Object.prototype.toString.call(new WeakSet()));
	log(WeakMap.length, WeakSet.length, typeof WeakMap.prototype.clear, typeof WeakMap.prototype.forEach, 'size' in wm);

	var ws = new WeakSet([k1, k2]);
	log(ws.has(k1), ws.has(k2), ws.has(k3), ws.add(k3) === ws, ws.has(k3));
	log(ws['delete'](k1), ws.has(k1), ws['delete'](k1));
	log(attempt(function () { ws.add(1); }), ws.has(1), ws['delete']('x'));
	ws.add(frozen);
	log(ws.has(frozen), ws['delete'](frozen), ws.has(frozen));
	log(attempt(function () { return WeakSet.prototype.has.call(wm, k1); }));
}

function run(WeakMap, WeakSet) {
	var out = [];
	scenario(WeakMap, WeakSet, function () {
		out.push(Array.prototype.map.call(arguments, function (a) { return typeof a === 'string' ? a : show(a); }).join(' '));
	});
	return out;
}

var want = run(WeakMap, WeakSet);
var got = run(PWM, PWS);
common.compareLogs('weak collections', got, want);

/* storage: invisible to keys/JSON/for-in, robust to later freezing */
var key = { a: 1 };
var m1 = new PWM();
var m2 = new PWM();
var set = new PWS();
m1.set(key, 'one');
m2.set(key, 'two');
set.add(key);
assert.deepStrictEqual(Object.keys(key), ['a']);
assert.deepStrictEqual(Object.getOwnPropertyNames(key), ['a']);
assert.strictEqual(JSON.stringify(key), '{"a":1}');
var seen = [];
for (var name in key)
	seen.push(name);
assert.deepStrictEqual(seen, ['a']);
assert.strictEqual(Object.assign({}, key).a, 1);
assert.strictEqual(Object.keys(Object.assign({}, key)).length, 1);
Object.freeze(key);
assert.strictEqual(m1.get(key), 'one');
assert.strictEqual(m2.get(key), 'two');
m1.set(key, 'changed');
assert.strictEqual(m1.get(key), 'changed');
assert.strictEqual(m1['delete'](key), true);
assert.strictEqual(m1.has(key), false);
assert.strictEqual(m2.get(key), 'two');
assert.strictEqual(set.has(key), true);
/* a key inheriting from a key is a different key */
var child = Object.create(key);
assert.strictEqual(m2.has(child), false);
assert.strictEqual(set.has(child), false);
m2.set(child, 'child');
assert.strictEqual(m2.get(key), 'two');
assert.strictEqual(m2.get(child), 'child');

common.check('storage', 'ok', 'ok');
common.done();
