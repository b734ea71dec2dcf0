// timers.js — 1,000,000 setTimeout calls at once, with delays spread over
// 0..99 ms, until the last one fires (perf/, same ES5 source on lode and
// node). The driver reads the peak RSS from outside.
var N = process.env.BENCH_SHORT ? 20000 : 1000000;
var fired = 0;
var t0 = process.hrtime();
function cb() {
  if (++fired === N) {
    var d = process.hrtime(t0);
    console.log('BENCH case=js_timers value=' + (d[0] * 1e3 + d[1] / 1e6) +
                ' unit=ms better=lower ops=' + N);
  }
}
for (var i = 0; i < N; i++) setTimeout(cb, i % 100);
