// fs_readfile.js — 10,000 async fs.readFile calls of one small file issued
// at once (perf/, same ES5 source on lode and node).
var fs = require('fs');
var N = process.env.BENCH_SHORT ? 500 : 10000;
var path = process.argv[2] || '/etc/hostname';
var left = N, bytes = 0;
var t0 = process.hrtime();
function done(err, data) {
  if (err) throw err;
  bytes += data.length;
  if (--left === 0) {
    var d = process.hrtime(t0);
    console.log('BENCH case=js_fs_readfile value=' + (d[0] * 1e3 + d[1] / 1e6) +
                ' unit=ms better=lower ops=' + N);
  }
}
for (var i = 0; i < N; i++) fs.readFile(path, done);
