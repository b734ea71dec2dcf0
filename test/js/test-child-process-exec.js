// child_process.exec and execFile: callback arguments, exit codes as
// err.code, err.cmd/killed/signal, encodings, maxBuffer (kill and
// ERR_CHILD_PROCESS_STDIO_MAXBUFFER), timeout with killSignal, missing
// commands, cwd/env, and util.promisify.
var cp = require('child_process');
var util = require('util');
var os = require('os');
var fs = require('fs');
var path = require('path');

function show(label, err, stdout, stderr) {
  var e = err ? {
    name: err.name, message: err.message, code: err.code, killed: err.killed,
    signal: err.signal, cmd: err.cmd, errno: err.errno, syscall: err.syscall, path: err.path,
    spawnargs: err.spawnargs
  } : null;
  console.log(label, JSON.stringify(e), JSON.stringify(stdout), JSON.stringify(stderr),
    Buffer.isBuffer(stdout) ? 'buffer' : typeof stdout);
}

var steps = [
  function (next) {
    cp.exec('echo hello; echo world >&2', function (err, stdout, stderr) {
      show('exec ok', err, stdout, stderr);
      next();
    });
  },
  function (next) {
    cp.exec('echo partial; echo oops >&2; exit 3', function (err, stdout, stderr) {
      show('exec exit 3', err, stdout, stderr);
      next();
    });
  },
  function (next) {
    cp.exec('no_such_command_lode_test 2>/dev/null', function (err, stdout, stderr) {
      show('exec missing', err, stdout, stderr);
      next();
    });
  },
  function (next) {
    cp.execFile('no_such_command_lode_test', ['a', 'b'], function (err, stdout, stderr) {
      show('execFile missing', err, stdout, stderr);
      next();
    });
  },
  function (next) {
    cp.execFile('sh', ['-c', 'printf "%s|" "$@"', 'sh', 'a b', 'c'], function (err, stdout) {
      show('execFile args', err, stdout, '');
      next();
    });
  },
  function (next) {
    cp.execFile('sh', ['-c', 'printf "\\303\\251t\\303\\251"'], { encoding: 'buffer' }, function (err, stdout, stderr) {
      console.log('buffer encoding', Buffer.isBuffer(stdout), stdout.toString('hex'), Buffer.isBuffer(stderr));
      next();
    });
  },
  function (next) {
    cp.execFile('sh', ['-c', 'printf abc'], { encoding: 'hex' }, function (err, stdout) {
      console.log('hex encoding', stdout);
      next();
    });
  },
  function (next) {
    cp.exec('echo 0123456789abcdef; exec sleep 5', { maxBuffer: 8 }, function (err, stdout, stderr) {
      show('maxBuffer stdout', err, stdout, stderr);
      next();
    });
  },
  function (next) {
    cp.exec('echo 0123456789 >&2; exec sleep 5', { maxBuffer: 4, encoding: 'buffer' }, function (err, stdout, stderr) {
      show('maxBuffer stderr', err, stdout.toString(), stderr.toString());
      next();
    });
  },
  function (next) {
    cp.exec('echo exactly', { maxBuffer: 8 }, function (err, stdout) {
      show('maxBuffer exact', err, stdout, '');
      next();
    });
  },
  function (next) {
    cp.exec('exec sleep 5', { timeout: 50 }, function (err, stdout, stderr) {
      show('timeout', err, stdout, stderr);
      next();
    });
  },
  function (next) {
    cp.execFile('sleep', ['5'], { timeout: 50, killSignal: 'SIGKILL' }, function (err) {
      show('timeout SIGKILL', err, '', '');
      next();
    });
  },
  function (next) {
    var child = cp.exec('exec sleep 5', function (err) {
      show('killed by hand', err, '', '');
      next();
    });
    child.kill('SIGINT');
  },
  function (next) {
    cp.exec('pwd', { cwd: os.tmpdir() }, function (err, stdout) {
      console.log('cwd matches', stdout.trim() === fs.realpathSync(os.tmpdir()));
      next();
    });
  },
  function (next) {
    cp.exec('echo "$LODE_TEST_A-$LODE_TEST_B"', { env: { LODE_TEST_A: 'one', LODE_TEST_B: 2, PATH: process.env.PATH } },
      function (err, stdout) {
        console.log('env', JSON.stringify(stdout));
        next();
      });
  },
  function (next) {
    cp.exec('echo "$0"', { shell: '/bin/bash' }, function (err, stdout) {
      console.log('shell string', JSON.stringify(stdout));
      next();
    });
  },
  function (next) {
    var p = util.promisify(cp.exec)('echo promised');
    console.log('promise has child', typeof p.child.pid);
    p.then(function (r) {
      console.log('promisify ok', JSON.stringify(r));
      return util.promisify(cp.execFile)('sh', ['-c', 'echo bad; exit 4']);
    }).catch(function (err) {
      console.log('promisify rejected', err.code, JSON.stringify(err.stdout));
      next();
    });
  },
  function (next) {
    try {
      cp.exec(42);
    } catch (e) {
      console.log(e.name, e.code, e.message);
    }
    try {
      cp.execFile('sh', [], { timeout: -1 });
    } catch (e) {
      console.log(e.name, e.code, e.message);
    }
    try {
      cp.execFile('sh', [], { maxBuffer: 'x' });
    } catch (e) {
      console.log(e.name, e.code, e.message);
    }
    try {
      cp.execFile('sh', [], { killSignal: 'SIGFOO' });
    } catch (e) {
      console.log(e.name, e.code, e.message);
    }
    next();
  }
];

(function go(i) {
  if (i === steps.length) return console.log('done');
  steps[i](function () { go(i + 1); });
})(0);
