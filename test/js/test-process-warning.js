// process.emitWarning: the 'warning' event (next tick), the default
// output on stderr (captured through process.stderr.write: Node prints it
// with console.error), the one-time "--trace-warnings" hint, codes,
// details, Error objects, argument errors; util.deprecate warns once per
// function and once per DEP code; process.noDeprecation.
var util = require('util');
var captured = [];
var realWrite = process.stderr.write;
process.stderr.write = function (s) { captured.push(String(s)); return true; };

process.on('warning', function (w) {
  console.log('event:', w instanceof Error, w.name, JSON.stringify(w.message), w.code, w.detail);
});

process.emitWarning('plain');
process.emitWarning('typed', 'MyWarning');
process.emitWarning('with code', 'MyWarning', 'MY_CODE');
process.emitWarning('options form', { type: 'OptWarning', code: 'OPT1', detail: 'some detail' });
process.emitWarning('options, no type', { code: 'OPT2' });
var e = new Error('an error object');
e.name = 'CustomWarning';
process.emitWarning(e);
process.emitWarning('dep', 'DeprecationWarning', 'DEP0999');
function ctor() {}
process.emitWarning('ctor as type', ctor);
process.emitWarning('ctor as code', 'T', ctor);
console.log('emitted synchronously: no events yet');

function show(fn) {
  try { fn(); console.log('no error'); } catch (err) { console.log(err.name, err.code, err.message); }
}
show(function () { process.emitWarning(5); });
show(function () { process.emitWarning(); });
show(function () { process.emitWarning('x', 5); });
show(function () { process.emitWarning('x', 'T', 5); });

var oldFn = util.deprecate(function (a, b) { return a + b; }, 'oldFn() is deprecated', 'DEP_TEST1');
var sameCode = util.deprecate(function () { return 'same'; }, 'another message, same code', 'DEP_TEST1');
var noCode = util.deprecate(function () { return 'nc'; }, 'no code here');
console.log(oldFn(1, 2), oldFn(3, 4), sameCode(), noCode(), noCode());
function OldClass(x) { this.x = x; }
var Dep = util.deprecate(OldClass, 'OldClass is deprecated', 'DEP_TEST2');
var inst = new Dep(7);
console.log('constructor works:', inst.x, inst instanceof OldClass);
show(function () { util.deprecate(function () {}, 'msg', 5); });

setTimeout(function () {
  process.noDeprecation = true;
  util.deprecate(function () {}, 'silenced')();
  process.emitWarning('silenced too', 'DeprecationWarning');
  process.emitWarning('not a deprecation: still shown', 'OtherWarning');
  setTimeout(function () {
    process.stderr.write = realWrite;
    console.log('stderr:');
    console.log(captured.join('').replace(/\((node|lode):\d+\)/g, '(PROC:PID)').replace(/`(node|lode) /g, '`PROC '));
  }, 5);
}, 5);
