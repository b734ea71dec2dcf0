// process fields and methods with values that do not depend on the run.
var assert = require('assert');
console.log(typeof process.pid, process.pid > 0, typeof process.ppid);
console.log(process.platform, process.arch, process.argv.length, require('path').basename(process.argv[1]));
console.log(typeof process.execPath, process.execArgv.length);
console.log(process.version.charAt(0), typeof process.versions.node);
console.log(process.cwd() === require('path').resolve('.'));
var hr = process.hrtime();
console.log(Array.isArray(hr), hr.length, typeof process.hrtime(hr)[1]);
console.log(process.uptime() >= 0, process.memoryUsage().rss > 0);
process.env.LODE_TEST_VAR = 42;
console.log(process.env.LODE_TEST_VAR, typeof process.env.LODE_TEST_VAR, 'LODE_TEST_VAR' in process.env);
delete process.env.LODE_TEST_VAR;
console.log(process.env.LODE_TEST_VAR, 'LODE_TEST_VAR' in process.env);
console.log(Object.keys(process.env).indexOf('PATH') !== -1);
var old = process.umask(18);
console.log(process.umask() === 18);
process.umask(old);
assert.throws(function () { process.chdir('/no/such/dir'); }, function (e) {
  console.log('chdir error:', e.code, e.syscall);
  return true;
});
assert.throws(function () { process.kill(process.pid, 'SIGNOPE'); }, { code: 'ERR_UNKNOWN_SIGNAL' });
console.log(process.kill(process.pid, 0));
console.log(typeof process.title, process.emitWarning.length >= 1);
console.log(process.listenerCount('exit'), typeof process.on, process instanceof require('events'));
