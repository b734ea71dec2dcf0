// child_process.spawn options: cwd, env, argv0, shell (true and a path),
// detached, uid/gid, timeout with killSignal; errors for missing
// commands, non-executable files and a missing cwd (emitted, not thrown,
// with Node's fields), and argument validation (thrown).
var cp = require('child_process');
var fs = require('fs');
var os = require('os');
var path = require('path');

var tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lode-cp-opts-'));

function run(label, cmd, args, options, next) {
  var c = cp.spawn(cmd, args, options);
  var out = '', err = '';
  if (c.stdout) c.stdout.on('data', function (d) { out += d; });
  if (c.stderr) c.stderr.on('data', function (d) { err += d; });
  c.on('error', function (e) {
    console.log(label, 'error:', e.message, '|', e.code, e.errno, e.syscall, e.path, JSON.stringify(e.spawnargs),
      'pid', c.pid);
  });
  c.on('close', function (code, signal) {
    console.log(label, JSON.stringify(out), JSON.stringify(err), code, signal, 'spawnfile', c.spawnfile,
      'spawnargs', JSON.stringify(c.spawnargs));
    next();
  });
}

var uid = parseInt(cp.execSync('id -u').toString(), 10);
var gid = parseInt(cp.execSync('id -g').toString(), 10);

var steps = [
  function (next) { run('cwd', 'pwd', [], { cwd: '/' }, next); },
  function (next) { run('env', 'sh', ['-c', 'echo "[$A][$B][$HOME]"'], { env: { A: 'a', B: 'b=c' } }, next); },
  function (next) {
    var env = Object.create({ INHERITED: 'yes' });
    env.OWN = 'own';
    run('env proto', 'sh', ['-c', 'echo "$INHERITED $OWN"'], { env: env }, next);
  },
  function (next) { run('argv0', 'sh', ['-c', 'echo $0'], { argv0: 'custom-name' }, next); },
  function (next) { run('shell true', 'echo', ['$((1 + 2))', '|', 'tr', '3', 'x'], { shell: true }, next); },
  function (next) { run('shell path', 'echo $0', [], { shell: '/bin/bash' }, next); },
  function (next) { run('detached', 'sh', ['-c', 'test "$(ps -o sid= -p $$)" -eq $$ && echo leader'], { detached: true }, next); },
  function (next) { run('uid/gid', 'sh', ['-c', 'id -u; id -g'], { uid: uid, gid: gid }, next); },
  function (next) { run('timeout', 'sleep', ['5'], { timeout: 30 }, next); },
  function (next) { run('timeout killSignal', 'sleep', ['5'], { timeout: 30, killSignal: 'SIGINT' }, next); },
  function (next) { run('missing', 'no_such_command_lode_test', ['--flag'], {}, next); },
  function (next) { run('missing path', '/nonexistent/dir/cmd', [], {}, next); },
  function (next) {
    var file = path.join(tmp, 'not-executable.sh');
    fs.writeFileSync(file, '#!/bin/sh\necho no\n');
    fs.chmodSync(file, 420);
    run('not executable', './not-executable.sh', [], { cwd: tmp }, next);
  },
  function (next) { run('bad cwd', 'sh', ['-c', 'true'], { cwd: path.join(tmp, 'nope') }, next); },
  function (next) {
    var bad = [
      function () { cp.spawn(); },
      function () { cp.spawn(''); },
      function () { cp.spawn('sh', 'not-array'); },
      function () { cp.spawn('sh', [], 'opts'); },
      function () { cp.spawn('sh', [], { cwd: 42 }); },
      function () { cp.spawn('sh', [], { env: { A: 'a\u0000' } }); },
      function () { cp.spawn('sh', [], { detached: 'yes' }); },
      function () { cp.spawn('sh', [], { uid: 'root' }); },
      function () { cp.spawn('sh', [], { shell: 1 }); },
      function () { cp.spawn('sh', [], { argv0: 1 }); },
      function () { cp.spawn('sh', [], { timeout: 1.5 }); },
      function () { cp.spawn('sh', [], { killSignal: 'SIGWHAT' }); },
      function () { cp.spawn('sh', [], { killSignal: {} }); }
    ];
    bad.forEach(function (f) {
      try {
        f();
        console.log('no throw');
      } catch (e) {
        console.log(e.name, e.code, e.message);
      }
    });
    next();
  }
];

(function go(i) {
  if (i === steps.length) {
    fs.rmSync(tmp, { recursive: true });
    return console.log('done');
  }
  steps[i](function () { go(i + 1); });
})(0);
