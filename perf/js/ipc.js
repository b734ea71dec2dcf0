// ipc.js — fork IPC round-trip latency (perf/, same ES5 source on lode
// and node): the parent forks this script, then sends a small JSON
// message and waits for the child's echo, 10,000 times in sequence. The
// figure is the mean round trip; the fork itself is not timed. IPC_N sets
// the count (for instruction counts under valgrind).
var cp = require('child_process');

if (process.argv[2] === 'child') {
  process.on('message', function (m) {
    m.n++;
    process.send(m);
  });
} else {
  var N = process.env.BENCH_SHORT ? 200 : +(process.env.IPC_N || 10000);
  var child = cp.fork(__filename, ['child']);
  var msg = {cmd: 'ping', n: 0, text: 'hello', list: [1, 2, 3]};
  var i = 0;
  var expect = 1;
  var t0 = null;
  child.on('message', function (m) {
    if (m.n !== expect) throw new Error('unexpected reply ' + JSON.stringify(m));
    expect += 2;
    // The first reply proves the child is up; the clock starts there.
    if (t0 === null) {
      t0 = process.hrtime();
    } else if (++i === N) {
      var d = process.hrtime(t0);
      console.log('BENCH case=js_ipc value=' + ((d[0] * 1e9 + d[1]) / N / 1e3) +
                  ' unit=us better=lower ops=' + N);
      child.disconnect();
      return;
    }
    m.n++;
    child.send(m);
  });
  child.send(msg);
}
