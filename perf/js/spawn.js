// spawn.js — 1,000 sequential child processes (perf/, same ES5 source on
// lode and node), two cases:
//   js_spawn         spawn('/bin/true') with the default stdio (three
//                    pipes nobody reads), each 'exit' awaited (issue 6)
//   js_spawn_stdout  /bin/echo with stdout piped and read to the end
// SPAWN_BALLAST_MIB=N first allocates and touches N MiB, to show what a
// large parent costs a spawn (fork-based spawning copies page tables).
var cp = require('child_process');
var N = process.env.BENCH_SHORT ? 20 : 1000;
var ballast = null;
if (process.env.SPAWN_BALLAST_MIB) {
  ballast = Buffer.alloc(parseInt(process.env.SPAWN_BALLAST_MIB, 10) << 20, 1);
}

function report(name, t0) {
  var d = process.hrtime(t0);
  console.log('BENCH case=' + name + ' value=' + (d[0] * 1e3 + d[1] / 1e6) +
              ' unit=ms better=lower ops=' + N);
}

function spawnTrue(done) {
  var n = 0;
  var t0 = process.hrtime();
  function next(code) {
    if (code !== undefined && code !== 0) throw new Error('child exited ' + code);
    if (n === N) {
      report('js_spawn', t0);
      done();
      return;
    }
    n++;
    cp.spawn('/bin/true').on('exit', next);
  }
  next();
}

function spawnStdout(done) {
  var n = 0;
  var t0 = process.hrtime();
  function next() {
    if (n === N) {
      report('js_spawn_stdout', t0);
      done();
      return;
    }
    n++;
    var child = cp.spawn('/bin/echo', ['hello'], {stdio: ['ignore', 'pipe', 'ignore']});
    var out = '';
    var pending = 2;
    function one() { if (--pending === 0) next(); }
    child.stdout.on('data', function (d) { out += d; });
    child.stdout.on('end', function () {
      if (out !== 'hello\n') throw new Error('unexpected output ' + JSON.stringify(out));
      one();
    });
    child.on('exit', function (code) {
      if (code !== 0) throw new Error('child exited ' + code);
      one();
    });
  }
  next();
}

spawnTrue(function () {
  spawnStdout(function () {
    if (ballast !== null) ballast = null;
  });
});
