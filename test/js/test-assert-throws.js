// assert.throws / doesNotThrow / rejects / doesNotReject with every kind of
// expectation (class, RegExp, object, Error instance, validation function).
var assert = require('assert');
function show(e) {
  return JSON.stringify({ n: e.name, c: e.code, m: e.message, g: e.generatedMessage, o: e.operator });
}
function t(label, f) {
  try { f(); console.log(label, 'no throw'); } catch (e) { console.log(label, show(e)); }
}
function thrower(err) { return function () { throw err; }; }
function CustomErr(msg) { this.message = msg; this.name = 'CustomErr'; }
CustomErr.prototype = Object.create(Error.prototype); CustomErr.prototype.constructor = CustomErr;

t('t1', function () { assert.throws(thrower(new Error('x'))); });
t('t2', function () { assert.throws(function () {}); });
t('t3', function () { assert.throws(function () {}, TypeError); });
t('t4', function () { assert.throws(function () {}, 'custom msg'); });
t('t5', function () { assert.throws(function () {}, TypeError, 'with msg'); });
t('t6', function () { assert.throws(thrower(new TypeError('x')), TypeError); });
t('t7', function () { assert.throws(thrower(new Error('x')), TypeError); });
t('t8', function () { assert.throws(thrower(new Error('x')), /x/); });
t('t9', function () { assert.throws(thrower(new Error('x')), /y/); });
t('t10', function () { assert.throws(thrower(new Error('x')), { message: 'x' }); });
t('t11', function () { assert.throws(thrower(new Error('x')), { message: 'y' }); });
t('t12', function () { assert.throws(thrower(new Error('x')), { message: /x/, name: 'Error' }); });
t('t13', function () { assert.throws(thrower(new Error('x')), { message: /z/ }); });
t('t14', function () { assert.throws(thrower(new Error('x')), { code: 'E' }); });
t('t15', function () { assert.throws(thrower(new Error('x')), {}); });
t('t16', function () { assert.throws(thrower(new Error('x')), new Error('x')); });
t('t17', function () { assert.throws(thrower(new Error('x')), new Error('y')); });
t('t18', function () { assert.throws(thrower(new Error('x')), function (e) { return e.message === 'x'; }); });
t('t19', function () { assert.throws(thrower(new Error('x')), function validate(e) { return false; }); });
t('t20', function () { assert.throws(thrower(new Error('x')), function () { return 1; }); });
t('t21', function () { assert.throws(thrower('str'), /str/); });
t('t22', function () { assert.throws(thrower('str'), 'str'); });
t('t23', function () { assert.throws(thrower(new Error('same')), 'same'); });
t('t24', function () { assert.throws(thrower(new Error('x')), 42); });
t('t25', function () { assert.throws('notfn'); });
t('t26', function () { assert.throws(thrower(new Error('x')), 'a', 'b'); });
t('t27', function () { assert.throws(thrower(new CustomErr('c')), CustomErr); });
t('t28', function () { assert.throws(thrower(new CustomErr('c')), RangeError); });
t('t29', function () { assert.throws(thrower(42), { a: 1 }); });
t('t30', function () { assert.throws(thrower(new Error('x')), TypeError, 'own message'); });
t('t31', function () { assert.throws(thrower(null), TypeError); });
t('t31b', function () { assert.throws(thrower(new Error('e')), Error); });
var e = new Error('props'); e.code = 'ECODE'; e.errno = 3;
t('t32', function () { assert.throws(thrower(e), { code: 'ECODE', errno: 3 }); });
t('t33', function () { assert.throws(thrower(e), { code: 'EOTHER', errno: 3 }); });
t('t34', function () { assert.throws(thrower(e), { code: 'EOTHER' }, 'cmsg'); });
t('t35', function () { assert.throws(thrower({ nested: { a: [1, 2] } }), { nested: { a: [1, 2] } }); });
t('t36', function () { assert.throws(thrower({ nested: { a: [1, 2] } }), { nested: { a: [1, 3] } }); });
t('n1', function () { assert.doesNotThrow(function () {}); });
t('n2', function () { assert.doesNotThrow(thrower(new Error('x'))); });
t('n3', function () { assert.doesNotThrow(thrower(new Error('x')), 'msg'); });
t('n4', function () { assert.doesNotThrow(thrower(new Error('x')), TypeError); });
t('n5', function () { assert.doesNotThrow(thrower(new TypeError('x')), TypeError); });
t('n6', function () { assert.doesNotThrow(thrower(new TypeError('x')), TypeError, 'm6'); });
t('n7', function () { assert.doesNotThrow(thrower(new TypeError('x')), /x/); });
t('n8', function () { assert.doesNotThrow(thrower(new TypeError('x')), /y/); });
t('n9', function () { assert.doesNotThrow(thrower('plain')); });
t('n10', function () { assert.doesNotThrow(thrower(new Error('x')), {}); });
t('n11', function () { assert.doesNotThrow(thrower(new Error('x')), function () { return true; }); });

var steps = [
  ['r1', function () { return assert.rejects(Promise.reject(new Error('x')), /x/); }],
  ['r2', function () { return assert.rejects(Promise.resolve(1)); }],
  ['r3', function () { return assert.rejects(function () { return Promise.reject(new TypeError('t')); }, TypeError); }],
  ['r4', function () { return assert.rejects(function () { return 5; }); }],
  ['r5', function () { return assert.rejects(5); }],
  ['r6', function () { return assert.rejects(Promise.reject(new Error('x')), { message: 'y' }); }],
  ['r7', function () { return assert.rejects(Promise.resolve(), 'msg'); }],
  ['r8', function () { return assert.rejects(function () { throw new Error('sync'); }); }],
  ['d1', function () { return assert.doesNotReject(Promise.resolve(1)); }],
  ['d2', function () { return assert.doesNotReject(Promise.reject(new Error('bad'))); }],
  ['d3', function () { return assert.doesNotReject(function () { return Promise.reject(new Error('bad')); }, 'm'); }],
  ['d4', function () { return assert.doesNotReject(function () { return 1; }); }]
];
(function next(i) {
  if (i >= steps.length) { console.log('async done'); return; }
  var p;
  try { p = steps[i][1](); } catch (err) { console.log(steps[i][0], 'sync throw', show(err)); next(i + 1); return; }
  p.then(function (v) { console.log(steps[i][0], 'resolved', v); next(i + 1); },
    function (err) { console.log(steps[i][0], 'rejected', show(err)); next(i + 1); });
})(0);
