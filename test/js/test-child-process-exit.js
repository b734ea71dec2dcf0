// child_process: exit codes and signals, exitCode/signalCode/killed, the
// order of 'spawn', 'exit' and 'close', and no zombie left after 'exit'
// (kill(pid, 0) fails with ESRCH once the child was reaped).
var cp = require('child_process');
var path = require('path');
var assert = require('assert');

var fixture = path.join(__dirname, 'fixtures', 'child_process', 'exit-with.js');
var pids = [];

function gone(pid) {
  try {
    process.kill(pid, 0);
    return false;
  } catch (e) {
    return e.code === 'ESRCH';
  }
}

function run(label, cmd, args, then, setup) {
  var events = [];
  var c = cp.spawn(cmd, args, { stdio: 'ignore' });
  assert.strictEqual(typeof c.pid, 'number');
  pids.push(c.pid);
  assert.strictEqual(c.exitCode, null);
  assert.strictEqual(c.signalCode, null);
  c.on('spawn', function () { events.push('spawn'); });
  c.on('exit', function (code, signal) {
    events.push('exit ' + code + ' ' + signal);
    assert.strictEqual(c.exitCode, code);
    assert.strictEqual(c.signalCode, signal);
    events.push('reaped ' + gone(c.pid));
  });
  c.on('close', function (code, signal) {
    events.push('close ' + code + ' ' + signal);
    console.log(label + ': ' + events.join(', ') + ' killed=' + c.killed);
    then();
  });
  if (setup) setup(c);
}

var steps = [
  function (next) { run('exit 0', 'sh', ['-c', 'exit 0'], next); },
  function (next) { run('exit 1', 'sh', ['-c', 'exit 1'], next); },
  function (next) { run('exit 42', 'sh', ['-c', 'exit 42'], next); },
  function (next) { run('exit 255', 'sh', ['-c', 'exit 255'], next); },
  function (next) { run('self SIGTERM', 'sh', ['-c', 'kill -TERM $$'], next); },
  function (next) { run('self SIGKILL', 'sh', ['-c', 'kill -KILL $$'], next); },
  function (next) { run('self SIGUSR1', 'sh', ['-c', 'kill -USR1 $$'], next); },
  function (next) { run('runtime exit 7', process.execPath, [fixture, '7'], next); },
  function (next) { run('runtime SIGHUP', process.execPath, [fixture, 'SIGHUP'], next); },
  function (next) {
    run('kill()', 'sleep', ['10'], next, function (c) {
      console.log('kill() returns', c.kill());
    });
  },
  function (next) {
    run('kill(SIGKILL)', 'sleep', ['10'], next, function (c) {
      console.log('kill(SIGKILL) returns', c.kill('SIGKILL'));
    });
  },
  function (next) {
    run('kill(9)', 'sleep', ['10'], next, function (c) {
      console.log('kill(9) returns', c.kill(9));
    });
  },
  function (next) {
    run('kill(0) probe', 'sleep', ['0.1'], next, function (c) {
      console.log('kill(0) returns', c.kill(0), 'killed', c.killed);
    });
  },
  function (next) {
    run('unknown signal', 'sh', ['-c', 'exit 0'], next, function (c) {
      try {
        c.kill('SIGNOPE');
      } catch (e) {
        console.log(e.name, e.code, e.message);
      }
    });
  },
  function (next) {
    // kill after exit: false, no error.
    var c = cp.spawn('sh', ['-c', 'exit 0'], { stdio: 'ignore' });
    pids.push(c.pid);
    c.on('exit', function () {
      console.log('kill after exit returns', c.kill());
      next();
    });
  },
  function (next) {
    // Many at once, all reaped.
    var left = 20, codes = [];
    for (var i = 0; i < 20; i++) {
      (function (i) {
        var c = cp.spawn('sh', ['-c', 'exit ' + i], { stdio: 'ignore' });
        pids.push(c.pid);
        c.on('exit', function (code) {
          codes[i] = code;
          if (--left === 0) {
            console.log('20 children:', codes.join(','));
            next();
          }
        });
      })(i);
    }
  }
];

(function go(i) {
  if (i === steps.length) {
    var alive = pids.filter(function (p) { return !gone(p); });
    console.log('children left:', alive.length);
    return;
  }
  steps[i](function () { go(i + 1); });
})(0);
