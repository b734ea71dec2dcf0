/*
 * test/js/polyfills/capture-stack.js — the Error.captureStackTrace polyfill
 * (installed on a fake global's Error) against node's native one: same
 * header, frames start at the same function, `fn` hides its own frame and
 * those above it.
 */
'use strict';

var common = require('./support/common.js');

var g = common.fakeGlobal();
common.polyfills.install(g, { enqueueMicrotask: function (fn) { queueMicrotask(fn); } });
var poly = g.Error.captureStackTrace;
var native = Error.captureStackTrace;

function frameNames(stack) {
	return stack.split('\n').slice(1).map(function (line) {
		var m = /^\s+at (?:Object\.)?([\w$.<>]+) /.exec(line);
		return m ? m[1] : '?';
	});
}

function header(stack) {
	return stack.split('\n')[0];
}

function run(capture, target, useFn) {
	function outerMost() { return middle(); }
	function middle() { return innerMost(); }
	function innerMost() {
		capture(target, useFn ? middle : undefined);
		return target;
	}
	return outerMost();
}

[
	function () { return {}; },
	function () { return { message: 'msg' }; },
	function () { return { name: 'Custom', message: 'msg' }; },
	function () { return { name: '', message: 'only message' }; },
	function () { return new TypeError('real error'); }
].forEach(function (make, i) {
	[false, true].forEach(function (useFn) {
		var n = run(native, make(), useFn);
		var p = run(poly, make(), useFn);
		common.check('header #' + i + ' fn=' + useFn, header(p.stack), header(n.stack));
		common.check('first frames #' + i + ' fn=' + useFn, frameNames(p.stack).slice(0, 2).join(','), frameNames(n.stack).slice(0, 2).join(','));
		var d = Object.getOwnPropertyDescriptor(p, 'stack');
		common.check('attributes #' + i, String(d.enumerable) + d.writable + d.configurable, 'falsetruetrue');
	});
});
common.check('no captureStackTrace frame', String(/captureStackTrace/.test(run(poly, {}, false).stack)), 'false');
common.check('primitive target', common.attempt(function () { poly(1); }), common.attempt(function () { native(1); }));

common.done();
