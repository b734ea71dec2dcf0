/*
 * test/js/polyfills/support/common.js — helpers for the polyfill tests run
 * under node: load the module, render values deterministically, and run one
 * scenario against the native built-ins and against the polyfills.
 */
'use strict';

var path = require('path');

var polyfills = require(path.join(__dirname, '..', '..', '..', '..', 'stdlib', 'internal', 'polyfills.js'));

/* A deterministic rendering that tells NaN, -0, undefined, symbols and
 * object shapes apart (JSON.stringify does not). */
function show(v, seen) {
	var parts, keys, i, tag;
	seen = seen || [];
	if (v === undefined)
		return 'undefined';
	if (v === null)
		return 'null';
	if (typeof v === 'number')
		return v === 0 && 1 / v < 0 ? '-0' : String(v);
	if (typeof v === 'string')
		return JSON.stringify(v);
	if (typeof v === 'symbol')
		return String(v);
	if (typeof v === 'boolean' || typeof v === 'bigint')
		return String(v);
	if (typeof v === 'function')
		return '[function ' + (v.name || 'anonymous') + ']';
	if (seen.indexOf(v) >= 0)
		return '[circular]';
	seen = seen.concat([v]);
	if (Array.isArray(v)) {
		parts = [];
		for (i = 0; i < v.length; i++)
			parts.push(i in v ? show(v[i], seen) : '<hole>');
		return '[' + parts.join(', ') + ']';
	}
	if (v instanceof Error)
		return '<' + v.name + ': ' + v.message + '>';
	tag = Object.prototype.toString.call(v);
	keys = Object.keys(v);
	parts = [];
	for (i = 0; i < keys.length; i++)
		parts.push(keys[i] + ': ' + show(v[keys[i]], seen));
	return (tag === '[object Object]' ? '' : tag + ' ') + '{' + parts.join(', ') + '}';
}

function errorShape(e) {
	if (!(e instanceof Error))
		return 'threw ' + show(e);
	return 'threw ' + e.name;
}

/* Runs fn and returns show(result) or the thrown error's constructor name
 * (messages differ between engines, the error type must not). */
function attempt(fn) {
	try {
		return show(fn());
	} catch (e) {
		return errorShape(e);
	}
}

var failures = 0;
var checks = 0;

function check(label, got, want) {
	checks++;
	if (got !== want) {
		failures++;
		console.log('FAIL ' + label + '\n  got:  ' + got + '\n  want: ' + want);
	}
}

/* Compares two logs line by line. */
function compareLogs(label, got, want) {
	var n = Math.max(got.length, want.length);
	var i;
	for (i = 0; i < n; i++) {
		if (got[i] !== want[i]) {
			check(label + ' line ' + i, String(got[i]), String(want[i]));
			return;
		}
	}
	checks++;
}

function done() {
	console.log(checks + ' checks, ' + failures + ' failures');
	if (failures > 0)
		process.exitCode = 1;
}

/* A fake global with stand-in constructors whose prototypes are empty, so
 * install() defines every method polyfill on it. */
function fakeGlobal() {
	function F() {}
	function make() {
		var c = function () {};
		c.prototype = {};
		return c;
	}
	return {
		Object: make(),
		Array: make(),
		String: make(),
		Number: make(),
		Math: {},
		Error: F,
		parseFloat: parseFloat,
		parseInt: parseInt
	};
}

module.exports = {
	polyfills: polyfills,
	show: show,
	attempt: attempt,
	check: check,
	compareLogs: compareLogs,
	done: done,
	fakeGlobal: fakeGlobal
};
