// immediate.js — a 1,000,000-step setImmediate chain: each callback
// schedules the next (perf/, same ES5 source on lode and node).
var N = process.env.BENCH_SHORT ? 20000 : 1000000;
var n = 0;
var t0 = process.hrtime();
function step() {
  if (++n < N) { setImmediate(step); return; }
  var d = process.hrtime(t0);
  console.log('BENCH case=js_immediate value=' + (d[0] * 1e3 + d[1] / 1e6) +
              ' unit=ms better=lower ops=' + N);
}
setImmediate(step);
