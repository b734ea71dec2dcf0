// child_process.spawnSync, execSync and execFileSync: the result object,
// input, stdio, encodings, timeout with killSignal, maxBuffer (ENOBUFS),
// missing commands, and the errors they throw.
var cp = require('child_process');
var path = require('path');

var fixtures = path.join(__dirname, 'fixtures', 'child_process');

function summary(r) {
  var o = {};
  Object.keys(r).forEach(function (k) {
    var v = r[k];
    if (k === 'pid') v = typeof v;
    else if (Buffer.isBuffer(v)) v = 'Buffer(' + v.toString() + ')';
    else if (Array.isArray(v)) {
      v = v.map(function (x) { return Buffer.isBuffer(x) ? 'Buffer(' + x.toString() + ')' : x; });
    } else if (v instanceof Error) {
      v = { message: v.message, code: v.code, errno: v.errno, syscall: v.syscall, path: v.path,
        spawnargs: v.spawnargs };
    }
    o[k] = v;
  });
  return JSON.stringify(o);
}

console.log('plain', summary(cp.spawnSync('sh', ['-c', 'echo out; echo err >&2; exit 5'])));
console.log('input', summary(cp.spawnSync('cat', { input: 'from input\n' })));
console.log('input buffer', summary(cp.spawnSync('cat', [], { input: Buffer.from('buf\n') })));
console.log('input typed array', summary(cp.spawnSync('cat', [], { input: new Uint8Array([104, 105]) })));
console.log('encoding', summary(cp.spawnSync('sh', ['-c', 'echo text'], { encoding: 'utf8' })));
console.log('stdio ignore', summary(cp.spawnSync('sh', ['-c', 'echo gone'], { stdio: 'ignore' })));
console.log('stdio mixed', summary(cp.spawnSync('sh', ['-c', 'echo o; echo e >&2'], { stdio: ['pipe', 'pipe', 'ignore'] })));
console.log('signal', summary(cp.spawnSync('sh', ['-c', 'kill -TERM $$'])));
console.log('timeout', summary(cp.spawnSync('sleep', ['5'], { timeout: 50 })));
console.log('timeout SIGKILL', summary(cp.spawnSync('sleep', ['5'], { timeout: 50, killSignal: 'SIGKILL' })));
var big = cp.spawnSync(process.execPath, [path.join(fixtures, 'big-output.js'), '1000000'], { maxBuffer: 1000 });
console.log('maxBuffer', big.error.code, big.error.syscall === 'spawnSync ' + process.execPath, big.status, big.signal, big.stdout.length > 1000);
console.log('maxBuffer ok', cp.spawnSync('sh', ['-c', 'printf 12345'], { maxBuffer: 5 }).error);
console.log('missing', summary(cp.spawnSync('no_such_command_lode_test', ['x'])));
console.log('cwd', cp.spawnSync('pwd', { cwd: '/' }).stdout.toString());
console.log('env', cp.spawnSync('sh', ['-c', 'echo $FOO'], { env: { FOO: 'bar' } }).stdout.toString());
console.log('argv0', cp.spawnSync('sh', ['-c', 'echo $0'], { argv0: 'renamed' }).stdout.toString());
console.log('shell', cp.spawnSync('echo $((6 * 7))', { shell: true, encoding: 'utf8' }).stdout);
console.log('runtime child', cp.spawnSync(process.execPath, [path.join(fixtures, 'exit-with.js'), '9']).status);

console.log('execSync', JSON.stringify(cp.execSync('echo one; echo two', { encoding: 'utf8' })));
console.log('execSync buffer', Buffer.isBuffer(cp.execSync('echo x', { stdio: 'pipe' })));
console.log('execSync input', String(cp.execSync('tr a-z A-Z', { input: 'shout' })));
try {
  cp.execSync('echo before; echo bad >&2; exit 2', { stdio: 'pipe' });
} catch (e) {
  console.log('execSync throws', JSON.stringify(e.message), e.status, e.signal, String(e.stdout), String(e.stderr),
    Object.keys(e).join(','));
}
try {
  cp.execSync('exec sleep 5', { timeout: 50 });
} catch (e) {
  console.log('execSync timeout', e.code, e.message, e.status, e.signal);
}
try {
  cp.execSync('kill -KILL $$', { stdio: 'ignore' });
} catch (e) {
  console.log('execSync signal', e.message, e.status, e.signal);
}
console.log('execFileSync', String(cp.execFileSync('sh', ['-c', 'echo $1', 'sh', 'arg'])));
try {
  cp.execFileSync('sh', ['-c', 'exit 6'], { stdio: 'pipe' });
} catch (e) {
  console.log('execFileSync throws', JSON.stringify(e.message), e.status);
}
try {
  cp.execFileSync('no_such_command_lode_test', ['y']);
} catch (e) {
  console.log('execFileSync missing', e.code, e.message, e.syscall, e.path, JSON.stringify(e.spawnargs), e.status);
}
try {
  cp.spawnSync('sh', { stdio: ['ipc'] });
} catch (e) {
  console.log(e.name, e.code, e.message);
}
try {
  cp.spawnSync('sh', [], { input: 42 });
} catch (e) {
  console.log(e.name, e.code);
}
try {
  cp.spawnSync('');
} catch (e) {
  console.log(e.name, e.code, e.message);
}
try {
  cp.spawnSync('sh', ['a\u0000b']);
} catch (e) {
  console.log(e.name, e.code);
}
console.log('done');
