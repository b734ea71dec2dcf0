/*
 * test-promise-order.js — Promise ordering (the polyfill under lode), printed;
 * the runner compares it with node (native Promise): the outputs must be
 * identical.
 */
var log = function (s) { console.log(s); };

Promise.resolve().then(function () { log('a1'); }).then(function () { log('a2'); }).then(function () { log('a3'); });
Promise.resolve().then(function () { log('b1'); }).then(function () { log('b2'); }).then(function () { log('b3'); });
new Promise(function (r) { log('executor'); r(Promise.resolve('adopted')); }).then(function (v) { log(v); });
Promise.resolve({ then: function (r) { log('thenable then'); r('thenable value'); } }).then(function (v) { log(v); });
Promise.reject(new Error('x')).catch(function (e) { log('caught ' + e.message); });
Promise.resolve(1)['finally'](function () { log('finally'); }).then(function (v) { log('after finally ' + v); });
Promise.all([1, Promise.resolve(2), { then: function (r) { r(3); } }]).then(function (v) { log('all ' + v.join()); });
Promise.race([new Promise(function (r) { setTimeout(function () { r('slow'); }, 5); }), Promise.resolve('fast')]).then(function (v) { log('race ' + v); });
Promise.allSettled([Promise.reject('no'), 1]).then(function (v) { log('allSettled ' + JSON.stringify(v)); });
Promise.any([Promise.reject('e1'), Promise.reject('e2')]).catch(function (e) { log('any ' + e.name + ' ' + e.errors.join()); });
var p = Promise.resolve().then(function () { return p; });
p.catch(function (e) { log('cycle ' + e.constructor.name); });
log('toStringTag ' + Object.prototype.toString.call(p));
log('instanceof ' + (p instanceof Promise));
setTimeout(function () {
	log('timer');
	Promise.resolve().then(function () { log('micro in timer'); });
	queueMicrotask(function () { log('queueMicrotask'); });
}, 1);
var late = new Promise(function (resolve, reject) { setTimeout(function () { reject(new Error('late')); }, 2); });
late.catch(function (e) { log('late ' + e.message); });
log('sync end');
