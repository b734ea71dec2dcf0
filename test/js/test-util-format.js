// util.format / formatWithOptions: every placeholder, extra arguments, escapes.
var util = require('util');
function f() { console.log(JSON.stringify(util.format.apply(null, arguments))); }

f('%s', 'str'); f('%s', 42); f('%s', -0); f('%s', null); f('%s', undefined); f('%s', true);
f('%s', { a: 1 }); f('%s', [1, [2, [3]]]); f('%s', { toString: function () { return 'custom'; } });
f('%s', new Date(0)); f('%s', Symbol('s'));
// (not '%s' of a function: Duktape does not keep function source text)
function WithToString() {} WithToString.prototype.toString = function () { return 'proto-ts'; };
f('%s', new WithToString());
f('%s', Object.create(null));
f('%d', 42); f('%d', '42'); f('%d', '0x10'); f('%d', 'abc'); f('%d', -0); f('%d', 1.5); f('%d', {});
f('%i', 42.9); f('%i', '-42.9'); f('%i', 'x'); f('%i', '0x10');
f('%f', '1.5e3'); f('%f', 'abc'); f('%f', 2);
f('%j', { a: [1, 'x'] }); f('%j', 'str'); f('%j', undefined);
var circ = {}; circ.c = circ; f('%j', circ);
f('%o', { a: [1, 2] }); f('%O', { a: { b: { c: { d: 1 } } } }); f('%o', [1]);
f('%c', 'color: red'); f('%c%s', 'css', 'after');
f('100%'); f('100%', 1); f('%%s', 1); f('%% %s', 'x'); f('%s %s', 'only one'); f('%x', 1);
f('a', 'b', 'c'); f(1, 2, 3); f({ a: 1 }, 'str', 2); f('%s', 'a', 'b', { c: 1 });
f(); f(''); f('%'); f('%s'); f('no placeholders', { x: 1 }, [2]);
f('%s:%s', 'a'); f('%d%%', 50); f('%s', 'a%sb', 'c');
f('%s', 'x'.length ? new Error('errmsg').message : '');
f(null, undefined, 'x'); f([1, 2], 'y');
f('%O', 'str'); f('%o', 'str'); f('%s', [ 'a' ]); f('%s', new Map ? 'm' : '');
console.log(JSON.stringify(util.formatWithOptions({ colors: false, depth: 0 }, '%O', { a: { b: 1 } })));
console.log(JSON.stringify(util.formatWithOptions({ compact: false }, { a: 1 })));
console.log(JSON.stringify(util.formatWithOptions({ colors: true }, 'x', 1, 'y', null, undefined, 'z')));
console.log(JSON.stringify(util.inspect({ a: 1, s: 'x', n: null, u: undefined, b: true, r: /x/, d: new Date(0), sy: Symbol('q') }, { colors: true })));
try { util.formatWithOptions(null, 'x'); } catch (e) { console.log(e.code, e.name, e.message); }
try { util.formatWithOptions('bad'); } catch (e) { console.log(e.code, e.name, e.message); }
