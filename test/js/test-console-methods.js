// console: which stream each method writes to (captured by replacing
// process.stdout.write / process.stderr.write, which the global console
// calls), group indentation, dir options, time/timeEnd/timeLog format
// (checked by pattern, not printed), count/countReset, assert, table,
// trace, warnings for unknown labels, and console.Console.
var out = [], err = [];
var ow = process.stdout.write, ew = process.stderr.write;
function capture() {
  process.stdout.write = function (s) { out.push(String(s)); return true; };
  process.stderr.write = function (s) { err.push(String(s)); return true; };
}
function restore() {
  process.stdout.write = ow;
  process.stderr.write = ew;
}
var TIME = /^(\S+): \d+(\.\d+)?(ms|s|min|h)( .*)?\n$/;

capture();
console.log('log %s %d %i %f %j %o %O %%', 'a', 5, 42.9, 1.5, { j: 1 }, [1], { O: 1 });
console.info('info', 1);
console.debug('debug', [1, 2]);
console.error('error %j', { a: 1 });
console.warn('warn');
console.log();
console.log('');
console.log(null, undefined, 1.5, -0, [1, [2, [3, [4]]]], 'str', true);
console.log('%c styled', 'color: red');
console.dir({ a: { b: { c: { d: 1 } } } }, { depth: 0 });
console.dir({ a: { b: { c: { d: 1 } } } });
console.dir({ a: { b: { c: { d: 1 } } } }, { depth: null });
console.dir('a string');
console.dir({ a: 1, b: 'x' }, { compact: false });
console.dir([1, 2, 3], { showHidden: true });
function Custom() {}
Custom.prototype.inspect = function () { return 'custom inspect'; };
console.dir(new Custom());
var timeStart = out.length;
console.time();
console.timeEnd();
console.time('lbl');
console.timeLog('lbl', 'extra', 1);
console.timeEnd('lbl');
var timeLines = out.splice(timeStart, out.length - timeStart);
console.timeEnd('nope');
console.timeLog('nope2');
console.time('dup');
console.time('dup');
console.count();
console.count();
console.count('x');
console.countReset();
console.count();
console.countReset('zz');
console.group('G1');
console.log('in g1\nsecond line');
console.group();
console.error('err in g2');
console.groupEnd();
console.info('back in g1');
console.groupEnd();
console.groupEnd();
console.log('top level');
console.groupCollapsed('collapsed');
console.warn('w in collapsed');
console.groupEnd();
console.assert(true, 'not printed');
console.assert(false, 'failed %s', 'x');
console.assert(false);
console.assert(0, { o: 1 });
console.assert('', 'empty string is falsy', 2);
console.table([1, 2, 'three']);
console.table([{ a: 1, b: 'x' }, { a: 2, c: true }]);
console.table({ r1: { c: 1 }, r2: { c: 22 } });
console.table([{ a: 1, b: 2 }], ['a']);
console.table('not tabular');
console.table(5);
console.table([[1, 2], [3, 4]]);
console.table([]);
console.trace('trace %s', 'msg');
var log = console.log;
log('detached console.log works');
var c2 = new console.Console(process.stdout, process.stderr);
c2.log('own console');
c2.error('own console error');
var c3 = new console.Console({ stdout: process.stdout });
c3.warn('stderr defaults to stdout');
setTimeout(function () {
  restore();
  console.log('time lines:', timeLines.length, timeLines.map(function (l) {
    var m = TIME.exec(l);
    return m ? m[1] + (m[4] || '') : 'BAD ' + JSON.stringify(l);
  }).join(' | '));
  var norm = function (a) {
    return a.map(function (s) {
      return s.replace(/\((node|lode):\d+\)/g, '(PROC:PID)').replace(/`(node|lode) /g, '`PROC ')
        .replace(/\n\s+at [^\n]*/g, '');
    });
  };
  console.log('stdout:');
  console.log(norm(out).join(''));
  console.log('stderr:');
  console.log(norm(err).join(''));
}, 5);
