// spawn.js — 1,000 sequential child processes (/bin/echo) with stdout
// piped and read to the end (perf/, same ES5 source on lode and node).
var cp = require('child_process');
var N = process.env.BENCH_SHORT ? 20 : 1000;
var n = 0;
var t0 = process.hrtime();
function next() {
  if (n === N) {
    var d = process.hrtime(t0);
    console.log('BENCH case=js_spawn value=' + (d[0] * 1e3 + d[1] / 1e6) +
                ' unit=ms better=lower ops=' + N);
    return;
  }
  n++;
  var child = cp.spawn('/bin/echo', ['hello'], {stdio: ['ignore', 'pipe', 'ignore']});
  var out = '';
  var pending = 2;
  function one() { if (--pending === 0) next(); }
  child.stdout.on('data', function (d) { out += d; });
  child.stdout.on('end', one);
  child.on('exit', function (code) {
    if (code !== 0) throw new Error('child exited ' + code);
    one();
  });
}
next();
