/*
 * test-lazy-frozen.js — the globals and methods lode installs as getters
 * until first use still work once their holders are frozen before that
 * (the getter cannot replace itself then, and keeps answering). The
 * runner compares the output with node's.
 */
'use strict';

Object.freeze(Array.prototype);
Object.freeze(String.prototype);
Object.freeze(Object);
Object.freeze(globalThis);
var a = [3, 1];
console.log([1, 2].includes(2), [[1, [2]]].flat(2).join(), 'x'.padStart(3, '-'), Object.entries({ k: 1 }).join());
console.log(Array.prototype.includes === Array.prototype.includes, a.at(-1), String.prototype.trimLeft === String.prototype.trimStart);
console.log(typeof Promise, Promise === globalThis.Promise, new Map([[1, 2]]).get(1), typeof structuredClone, typeof setImmediate);
try {
	a.flat = 5;
} catch (e) {
	console.log('method', e instanceof TypeError);
}
try {
	globalThis.WeakSet = 5;
} catch (e) {
	console.log('global', e instanceof TypeError, typeof WeakSet);
}
Promise.resolve('then').then(function (v) {
	setImmediate(function () { console.log(v, Object.isFrozen(globalThis)); });
});
