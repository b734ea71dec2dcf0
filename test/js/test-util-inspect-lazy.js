/*
 * test-util-inspect-lazy.js — printing values must not load lode's
 * Map/Set/WeakMap/WeakSet and Promise modules (lode-only: they are lazy
 * globals, accessors until first use, which node's are not; hence the
 * .expected file). Before they are loaded no value can be one of them, so
 * util.inspect, console.log, util.format and deep equality answer without
 * them; once loaded, their instances print as node prints them (the
 * printing itself is compared with node in test-util-inspect-objects).
 */
'use strict';
var util = require('util');
var assert = require('assert');

var names = ['Map', 'Set', 'WeakMap', 'WeakSet', 'Promise'];
function state() {
  return names.map(function (n) {
    var d = Object.getOwnPropertyDescriptor(globalThis, n);
    return n + ':' + (d.get ? 'lazy' : 'loaded');
  }).join(' ');
}

console.log({ a: 1, b: [1, 2, { c: 'x' }] }, [new Error('e').message], function f() {});
console.log(util.inspect({ nested: { deep: { deeper: {} } } }, { depth: 0 }));
console.log(util.format('%o %O %j', { a: 1 }, [2], { b: 3 }));
assert.deepStrictEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] });
assert.notDeepStrictEqual({ a: 1 }, { a: 2 });
console.log(util.types.isMap({}), util.types.isSet([]), util.types.isPromise({ then: function () {} }),
            util.types.isWeakMap({}), util.types.isWeakSet({}));
console.log(state());

var m = new Map([['k', 1]]);
console.log(state());
console.log(m, util.types.isMap(m), util.types.isSet(m), new Set(['v']));
console.log(Promise.resolve(7), state());
