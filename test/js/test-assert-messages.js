// AssertionError fields and messages for every assert function.
var assert = require('assert');
function show(e) {
  return JSON.stringify({ n: e.name, c: e.code, m: e.message, g: e.generatedMessage, o: e.operator,
    a: e.actual === undefined ? '<undef>' : (typeof e.actual === 'object' && e.actual !== null ? Object.prototype.toString.call(e.actual) : e.actual),
    e: e.expected === undefined ? '<undef>' : (typeof e.expected === 'object' && e.expected !== null ? Object.prototype.toString.call(e.expected) : e.expected),
    inst: e instanceof assert.AssertionError, err: e instanceof Error });
}
function t(label, f) {
  try { f(); console.log(label, 'no throw'); } catch (e) { console.log(label, show(e)); }
}
process.emitWarning = function (m, type, code) { console.log('WARNING', type, code, m); };
t('se1', function () { assert.strictEqual(1, 2); });
t('se2', function () { assert.strictEqual('a\nb', 'a\nc'); });
t('se3', function () { assert.strictEqual({ a: 1 }, { a: 1 }); });
t('se4', function () { assert.strictEqual([1, 2, 3], [1, 2, 4]); });
t('se5', function () { assert.strictEqual(NaN, NaN); });
t('se6', function () { assert.strictEqual(0, -0); });
t('se7', function () { assert.strictEqual(1, '1'); });
t('se8', function () { assert.strictEqual('aaaaaaaaaaaaaaa1', 'aaaaaaaaaaaaaaa2'); });
t('se9', function () { assert.strictEqual(1, 2, 'my message'); });
t('se10', function () { assert.strictEqual(1, 2, new TypeError('own')); });
t('se11', function () { assert.strictEqual([1, 2], [1, 3], 'msg1'); });
t('se12', function () { assert.strictEqual(function () {}, function () {}); });
t('se13', function () { assert.strictEqual(null, undefined); });
t('se14', function () { assert.strictEqual(); });
t('nse1', function () { assert.notStrictEqual(1, 1); });
t('nse2', function () { assert.notStrictEqual('abcdef', 'abcdef'); });
var o = {}; t('nse3', function () { assert.notStrictEqual(o, o); });
t('nse4', function () { assert.notStrictEqual({ a: 1 }, { a: 1 }); });
t('nse5', function () { assert.notStrictEqual(1, 1, 'msg4'); });
t('eq1', function () { assert.equal(1, 2); });
t('eq2', function () { assert.equal(1, '1'); });
t('eq3', function () { assert.equal(NaN, NaN); });
t('eq4', function () { assert.equal(null, undefined); });
t('eq5', function () { assert.equal({ a: 1 }, { a: 1 }); });
t('eq6', function () { assert.equal(1); });
t('neq1', function () { assert.notEqual(1, 1); });
t('neq2', function () { assert.notEqual('a', 'a', 'ne'); });
t('neq3', function () { assert.notEqual(NaN, NaN); });
t('neq4', function () { assert.notEqual(1, 2); });
t('de1', function () { assert.deepEqual({ a: 1 }, { a: 2 }); });
t('de2', function () { assert.deepEqual({ a: 1 }, { a: '1' }); });
t('de3', function () { assert.deepEqual(1, 2, 'msg5'); });
t('nde1', function () { assert.notDeepEqual({ a: 1 }, { a: 1 }); });
t('nde2', function () { assert.notDeepEqual({ a: 1 }, { a: '1' }); });
t('dse1', function () { assert.deepStrictEqual({ a: 1, b: 2 }, { a: 1, b: 3 }); });
t('dse2', function () { assert.deepStrictEqual([1, 2, 3], [1, 2, 3, 4]); });
t('dse3', function () { assert.deepStrictEqual(1, '1'); });
t('dse4', function () { assert.deepStrictEqual('abcdefghijklmn', 'abcdefghijklmX'); });
t('dse5', function () { assert.deepStrictEqual('abcdefghijklmn', 'abcdefghijklmX', 'msg3'); });
t('dse6', function () { assert.deepStrictEqual(0, -0); });
t('dse7', function () { assert.deepStrictEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [1, 2, 3, 4, 5, 6, 7, 8, 9, 11]); });
var big = {}; for (var i = 0; i < 20; i++) big['k' + i] = i;
var big2 = JSON.parse(JSON.stringify(big)); big2.k10 = 'x';
t('dse8', function () { assert.deepStrictEqual(big, big2); });
t('dse9', function () { assert.deepStrictEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 3 }], c: 1 }); });
t('dse10', function () { assert.deepStrictEqual(new Date(0), new Date(1)); });
t('dse11', function () { assert.deepStrictEqual([1, 2], [1, 2, 3]); });
t('dse12', function () { assert.deepStrictEqual({ a: Symbol('a') }, { a: Symbol('a') }); });
t('dse13', function () { assert.deepStrictEqual({ a: 1 }, { a: 2 }, 'msg2'); });
var long1 = [], long2 = []; for (i = 0; i < 80; i++) { long1.push(i); long2.push(i === 40 ? -1 : i); }
t('dse14', function () { assert.deepStrictEqual(long1, long2); });
var many1 = [], many2 = []; for (i = 0; i < 80; i++) { many1.push(i); many2.push(-i); }
t('dse15', function () { assert.deepStrictEqual(many1, many2); });
t('dse16', function () { assert.deepStrictEqual({ x: 'a\nb' }, { x: 'a\nc' }); });
t('dse17', function () { assert.deepStrictEqual([{ a: 1 }, { b: 2 }], [{ a: 1 }, { b: 2 }, { c: 3 }]); });
t('ndse1', function () { assert.notDeepStrictEqual({ a: 1 }, { a: 1 }); });
t('ndse2', function () { assert.notDeepStrictEqual([1, 2, 3], [1, 2, 3]); });
t('ndse3', function () { assert.notDeepStrictEqual(1, 1); });
t('ok1', function () { assert.ok(true); });
t('ok2', function () { assert.ok(null, 'custom'); });
t('ok3', function () { assert.ok(); });
t('ok4', function () { assert.ok(false, new RangeError('re')); });
t('ok5', function () { assert(1, 'fine'); });
t('fail1', function () { assert.fail(); });
t('fail2', function () { assert.fail('boom'); });
t('fail3', function () { assert.fail(new TypeError('te')); });
t('fail4', function () { assert.fail(1, 2); });
t('fail5', function () { assert.fail(1, 2, undefined, '>'); });
t('fail6', function () { assert.fail(1, 2, 'm3'); });
t('ife1', function () { assert.ifError(null); });
t('ife2', function () { assert.ifError(undefined); });
t('ife3', function () { assert.ifError('x'); });
t('ife4', function () { assert.ifError(new Error('inner')); });
t('ife5', function () { assert.ifError(0); });
t('ife6', function () { assert.ifError(new TypeError('')); });
t('ife7', function () { assert.ifError({ a: 1 }); });
t('m1', function () { assert.match('abc', /x/); });
t('m2', function () { assert.match('abc', /b/); });
t('m3', function () { assert.match(1, /x/); });
t('m4', function () { assert.match('abc', 'b'); });
t('m5', function () { assert.match('abc', /x/, 'mm'); });
t('dnm1', function () { assert.doesNotMatch('abc', /b/); });
t('dnm2', function () { assert.doesNotMatch('abc', /x/); });
t('ae1', function () { throw new assert.AssertionError({ actual: 1, expected: 2, operator: 'strictEqual' }); });
t('ae2', function () { throw new assert.AssertionError({ message: 'm', actual: 1, expected: 2, operator: 'foo' }); });
t('ae3', function () { throw new assert.AssertionError({ actual: 1, expected: 2, operator: 'foo' }); });
t('ae4', function () { return new assert.AssertionError(); });
var ae = new assert.AssertionError({ actual: 1, expected: 2, operator: 'strictEqual' });
console.log(Object.keys(ae), String(ae).split('\n')[0], ae.name, ae.code, Object.prototype.toString.call(ae));
console.log(assert.strict.strict === assert.strict, assert.strict.equal === assert.strictEqual, typeof assert.strict.AssertionError);
t('s1', function () { assert.strict.equal(1, '1'); });
t('s2', function () { assert.strict.deepEqual({ a: 1 }, { a: '1' }); });
t('s3', function () { assert.strict.notEqual(1, 1); });
t('s4', function () { assert.strict(0, 'zero'); });
t('s5', function () { require('assert/strict').deepEqual([1], ['1']); });
console.log(require('assert/strict') === assert.strict);
