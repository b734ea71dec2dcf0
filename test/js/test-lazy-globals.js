/*
 * test-lazy-globals.js — the globals lode loads on first use (Promise,
 * Map, Set, WeakMap, WeakSet, AggregateError, structuredClone, the timer
 * functions, console, URL, TextEncoder, atob...) and the Object, Array
 * and String methods installed the same way: what a program sees must be
 * node's (a plain data property once read, enumerable where node's is,
 * the same value every time, assignment and delete before the first
 * read). The runner compares the output with node's.
 */
'use strict';

var out = [];
function log() {
	out.push(Array.prototype.join.call(arguments, ' '));
}

/* Before anything reads them: an assignment and a delete, on a method as
 * well (the first program statement, so lode's accessors are still in
 * place). */
var arr = [1];
arr.findLast = 5;
log('own method', arr.findLast, Object.keys(arr).join(), typeof [].findLast, [].hasOwnProperty('findLast'));
clearImmediate = 42;
log('assigned', JSON.stringify(Object.getOwnPropertyDescriptor(globalThis, 'clearImmediate')));
delete globalThis.TextDecoder;
log('deleted', typeof globalThis.TextDecoder, 'TextDecoder' in globalThis);

var names = ['Promise', 'AggregateError', 'Map', 'Set', 'WeakMap', 'WeakSet', 'structuredClone',
	'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate',
	'queueMicrotask', 'URL', 'URLSearchParams', 'TextEncoder', 'console', 'atob', 'btoa'];

function shape(d) {
	return d === undefined ? 'absent' : 'enumerable=' + d.enumerable + ' configurable=' + d.configurable;
}

/* Present and (non-)enumerable before the first read, without reading. */
names.forEach(function (n) {
	log('before', n, shape(Object.getOwnPropertyDescriptor(globalThis, n)),
		Object.getOwnPropertyNames(globalThis).indexOf(n) >= 0, Object.prototype.propertyIsEnumerable.call(globalThis, n));
});
log('enumerable', Object.keys(globalThis).filter(function (n) { return names.indexOf(n) >= 0; }).sort().join());

/* After the first read: a data property holding the same value. */
names.forEach(function (n) {
	var v = globalThis[n];
	var d = Object.getOwnPropertyDescriptor(globalThis, n);
	log('after', n, typeof v, 'value' in d, d.value === v, d.writable, d.enumerable, d.configurable,
		globalThis[n] === v, v === Function('return ' + n)());
});

/* Identity across the ways a program reaches them. */
var p = new Promise(function (resolve) { resolve(1); });
log('promise', p instanceof Promise, p.constructor === Promise, Promise.resolve(p) === p,
	Object.prototype.toString.call(p), require('util').types.isPromise(p), typeof Promise.prototype.then);
log('collections', Object.getPrototypeOf(new Map()) === Map.prototype, new Set([1, 1]).size,
	Object.prototype.toString.call(new WeakMap()), require('util').types.isMap(new Map()));
log('timers', require('timers').setTimeout === setTimeout, require('timers').clearInterval === clearInterval,
	setTimeout.name, setTimeout.length);
log('aggregate', new AggregateError([1], 'm') instanceof Error, AggregateError.name, typeof structuredClone({ a: 1 }));

/* The methods: plain data properties once used, the aliases the same
 * functions. */
[[Array.prototype, 'flat'], [Array.prototype, 'includes'], [Array.prototype, 'at'],
	[String.prototype, 'padStart'], [String.prototype, 'replaceAll'], [Object, 'entries'],
	[Object, 'fromEntries'], [Array, 'from']].forEach(function (pair) {
	var d = Object.getOwnPropertyDescriptor(pair[0], pair[1]);
	log('method', pair[1], typeof d.value, d.writable, d.enumerable, d.configurable);
});
log('aliases', Array.prototype[Symbol.iterator] === Array.prototype.values,
	String.prototype.trimLeft === String.prototype.trimStart, Object.keys(Array.prototype).length);
log('use', [[1, [2]]].flat(2).join(), 'x'.padStart(3, '-'), Array.from('ab').join(), Object.entries({ k: 1 }).join());

p.then(function (v) {
	log('then', v);
	Promise.reject(new Error('late')).catch(function (e) {
		log('caught', e.message);
		console.log(out.join('\n'));
	});
});
