/*
 * test/js/harness/aplus-adapter.js — Promises/A+ adapter for lode's Promise
 * polyfill (stdlib/internal/polyfills.js), run under node by
 * test/js/harness/run-aplus.sh. install() is given a fresh object so the
 * polyfill is used even though node has a native Promise; Promise jobs go
 * through node's own microtask queue.
 */
'use strict';

var path = require('path');
var polyfills = require(path.join(__dirname, '..', '..', '..', 'stdlib', 'internal', 'polyfills.js'));

polyfills.install({}, {
	enqueueMicrotask: function (fn) { queueMicrotask(fn); },
	rejectionTracker: function () {}
});

var P = polyfills.Promise;

module.exports = {
	resolved: function (value) {
		return P.resolve(value);
	},
	rejected: function (reason) {
		return P.reject(reason);
	},
	deferred: function () {
		var d = {};
		d.promise = new P(function (resolve, reject) {
			d.resolve = resolve;
			d.reject = reject;
		});
		return d;
	}
};
