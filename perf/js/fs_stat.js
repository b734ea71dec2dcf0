// fs_stat.js — 10,000 async fs.stat calls issued at once (perf/, run by
// perf/bench.js on lode and on node with the same ES5 source). Prints the
// time from the first call to the last callback.
var fs = require('fs');
var N = process.env.BENCH_SHORT ? 500 : 10000;
var path = process.argv[2] || '/etc';
var left = N;
var t0 = process.hrtime();
function done(err) {
  if (err) throw err;
  if (--left === 0) {
    var d = process.hrtime(t0);
    console.log('BENCH case=js_fs_stat value=' + (d[0] * 1e3 + d[1] / 1e6) +
                ' unit=ms better=lower ops=' + N);
  }
}
for (var i = 0; i < N; i++) fs.stat(path, done);
