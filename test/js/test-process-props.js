// process: argv0/execPath/title, hrtime and its diff form, memoryUsage's
// shape, exitCode validation, nextTick arguments and validation, the
// return value and callback of process.stdout.write, argument errors of
// umask/chdir/kill/emitWarning, Symbol.toStringTag.
var path = require('path');
console.log(typeof process.argv0, process.argv0.length > 0, process.argv[0] === process.execPath,
  path.isAbsolute(process.execPath));
console.log(typeof process.title, process.title.length > 0);
process.title = 'lode-test-title';
console.log('title set:', process.title);

var t0 = process.hrtime();
var d = process.hrtime(t0);
console.log('hrtime:', t0.length, Number.isInteger(t0[0]), Number.isInteger(t0[1]), t0[1] < 1e9,
  d.length, d[0] >= 0, d[1] >= 0 && d[1] < 1e9, d[0] * 1e9 + d[1] < 1e9);
var later = process.hrtime([t0[0] - 2, t0[1]]);
console.log('diff from 2 s ago:', later[0] >= 2);
function show(fn) {
  try {
    var r = fn();
    console.log('ok', r);
  } catch (e) {
    console.log(e.name, e.code, e.message);
  }
}
show(function () { return process.hrtime(5); });
show(function () { return process.hrtime([1]); });
show(function () { return process.hrtime('1,2'); });
// XXX: lode's hrtime.bigint() returns a Number (Duktape has no BigInt), so
// only what both agree on is printed.
var big1 = Number(process.hrtime.bigint()), big2 = Number(process.hrtime.bigint());
console.log('hrtime.bigint:', typeof process.hrtime.bigint, big1 > 0, big2 >= big1,
  Math.abs(big1 / 1e9 - (t0[0] + t0[1] / 1e9)) < 60);

var mu = process.memoryUsage();
console.log('memoryUsage:', Object.keys(mu).join(), Object.keys(mu).every(function (k) {
  return typeof mu[k] === 'number' && mu[k] >= 0;
}), mu.rss > 0, typeof process.memoryUsage.rss(), process.memoryUsage.rss() > 0);
console.log('uptime:', typeof process.uptime(), process.uptime() >= 0);

console.log('exitCode starts', process.exitCode);
['a', 1.5, '1', true, {}, -1, 2, null, '', ' 3', NaN, Infinity, undefined].forEach(function (v) {
  show(function () {
    process.exitCode = v;
    return JSON.stringify(v) + ' -> ' + JSON.stringify(process.exitCode);
  });
});
process.exitCode = undefined;
show(function () { process.exit('x'); });
show(function () { process.exit(1.5); });
console.log('still running, exitCode', process.exitCode);

show(function () { process.nextTick(); });
show(function () { process.nextTick('x'); });
show(function () { process.nextTick({}); });
process.nextTick(function (a, b, c) {
  console.log('nextTick args:', a, b, c, arguments.length, this === undefined || this === global);
}, 1, 'two', null);

var ret = process.stdout.write('write returns:');
console.log('', ret);
process.stdout.write('with callback\n', function (err) { console.log('write callback', err); });
process.stdout.write('with encoding\n', 'utf8', function (err) { console.log('write callback 2', err); });
process.stdout.write(Buffer.from('a Buffer\n'));
process.stdout.write(new Uint8Array([0x55, 0x38, 0x0a]));
process.stdout.write('68690a', 'hex');
show(function () { return process.stdout.write(5); });
show(function () { return process.stdout.write(null); });
show(function () { return process.stdout.write({}); });
console.log('stdio:', process.stdout.writable, process.stdout.fd, process.stderr.fd, process.stdin.fd,
  process.stdout.writableHighWaterMark, process.stdout.writableLength);

show(function () { return process.umask('xyz'); });
show(function () { return process.umask(-1); });
show(function () { return process.umask({}); });
show(function () { var old = process.umask('022'); process.umask(old); return typeof old; });
show(function () { process.chdir(5); });
show(function () { process.kill('abc'); });
show(function () { process.kill(process.pid, 'SIGNOPE'); });
show(function () { process.kill(process.pid, 999); });
show(function () { process.kill(999999999, 0); });

console.log(Object.prototype.toString.call(process), String(process));
console.log('version:', /^v\d+\.\d+\.\d+$/.test(process.version), process.versions.node.split('.').length,
  process.version === 'v' + process.versions.node, typeof process.release.name);
console.log('platform:', process.platform === require('os').platform(), process.arch === require('os').arch());
process.on('exit', function (c) { console.log('exit handler', c, process.exitCode); });
