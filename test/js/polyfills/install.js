/*
 * test/js/polyfills/install.js — what install() defines: everything on a
 * bare object, nothing that already exists (node's global), built-in style
 * attributes; hooks validation; queueMicrotask against node's.
 */
'use strict';

var assert = require('assert');
var common = require('./support/common.js');
var polyfills = common.polyfills;

var queued = [];
var hooks = { enqueueMicrotask: function (fn) { queued.push(fn); } };

/* a bare object: the globals, no methods (there are no constructors) */
var bare = {};
var defined = polyfills.install(bare, hooks);
common.check('bare object', defined.join(' '),
    'globalThis Promise Map Set WeakMap WeakSet AggregateError queueMicrotask structuredClone');
common.check('bare names', Object.getOwnPropertyNames(bare).join(' '), defined.join(' '));
assert.strictEqual(bare.globalThis, bare);
assert.strictEqual(bare.Promise, polyfills.Promise);
assert.strictEqual(bare.Map, polyfills.Map);
assert.strictEqual(bare.Set, polyfills.Set);
assert.strictEqual(bare.WeakMap, polyfills.WeakMap);
assert.strictEqual(bare.WeakSet, polyfills.WeakSet);
Object.getOwnPropertyNames(bare).forEach(function (name) {
	var d = Object.getOwnPropertyDescriptor(bare, name);
	assert.ok(!d.enumerable && d.writable && d.configurable, name + ' attributes');
});
assert.strictEqual(Object.keys(bare).length, 0);

/* a second install defines nothing */
common.check('idempotent', polyfills.install(bare, hooks).join(' '), '');

/* existing values are kept */
var keep = { Promise: 1, Map: null };
var d2 = polyfills.install(keep, hooks);
assert.strictEqual(keep.Promise, 1);
assert.ok(d2.indexOf('Promise') < 0);
assert.ok(d2.indexOf('Map') < 0, 'null counts as present');

/* node's real global: everything exists, nothing is defined */
common.check('node global', polyfills.install(global, { enqueueMicrotask: function (fn) { queueMicrotask(fn); } }).join(' '), '');
assert.strictEqual(global.Promise === polyfills.Promise, false);

/* the fake global gets every method polyfill */
var fake = common.fakeGlobal();
var all = polyfills.install(fake, hooks);
[
	'Object.entries', 'Object.values', 'Object.fromEntries', 'Object.getOwnPropertyDescriptors',
	'Array.from', 'Array.of', 'Array.prototype.includes', 'Array.prototype.find', 'Array.prototype.findIndex',
	'Array.prototype.fill', 'Array.prototype.flat', 'Array.prototype.flatMap', 'Array.prototype.keys',
	'Array.prototype.values', 'Array.prototype.entries', 'Array.prototype[Symbol.iterator]',
	'String.prototype.padStart', 'String.prototype.padEnd', 'String.prototype.includes', 'String.prototype.repeat',
	'String.prototype.startsWith', 'String.prototype.endsWith', 'String.prototype.trimStart', 'String.prototype.trimEnd',
	'String.prototype.codePointAt',
	'Number.isInteger', 'Number.isSafeInteger', 'Number.isFinite', 'Number.isNaN', 'Number.EPSILON',
	'Number.MAX_SAFE_INTEGER', 'Number.MIN_SAFE_INTEGER', 'Number.parseFloat', 'Number.parseInt',
	'Math.trunc', 'Math.sign', 'Math.log2', 'Math.log10', 'Math.hypot', 'Math.cbrt', 'Math.clz32', 'Math.imul', 'Math.fround',
	'Error.captureStackTrace', 'globalThis', 'queueMicrotask', 'structuredClone'
].forEach(function (name) {
	common.check('fake global defines ' + name, String(all.indexOf(name) >= 0), 'true');
});

/* hooks validation */
assert.throws(function () { polyfills.install({}, {}); }, TypeError);
assert.throws(function () { polyfills.install({}, { enqueueMicrotask: 1 }); }, TypeError);
assert.throws(function () { polyfills.install(null); }, TypeError);

/* queueMicrotask: goes to the hook, errors like node's */
var fn = function () {};
bare.queueMicrotask(fn);
assert.strictEqual(queued.length, 1);
[undefined, null, 1, 'str', {}, [], true, Symbol('s'), new Date(0)].forEach(function (bad, i) {
	var want, got;
	try { queueMicrotask(bad); } catch (e) { want = e.name + '|' + e.code + '|' + e.message; }
	try { bare.queueMicrotask(bad); } catch (e) { got = e.name + '|' + e.code + '|' + e.message; }
	common.check('queueMicrotask bad #' + i, got, want);
});
assert.strictEqual(queued.length, 1);

common.done();
