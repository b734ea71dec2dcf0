// child_process: stdio pipes looked at late behave as if their sockets
// had been there from the start — output read in the 'exit' listener,
// after a tick, past the high-water mark, on fd 3; stdin destroyed at
// exit; 'close' without anyone touching the streams; the same objects in
// child.stdio and child.stdout; assigning child.stdout.
var cp = require('child_process');

function collect(stream, done) {
  var chunks = [];
  stream.on('data', function (d) { chunks.push(d); });
  stream.on('end', function () { done(Buffer.concat(chunks).toString()); });
}

function readInExit(next) {
  var child = cp.spawn('/bin/sh', ['-c', 'echo hello; echo oops >&2']);
  child.on('exit', function (code) {
    console.log('exit', code, 'stdin destroyed', child.stdin.destroyed);
    var left = 2, out, err;
    collect(child.stdout, function (s) { out = s; if (--left === 0) fin(); });
    collect(child.stderr, function (s) { err = s; if (--left === 0) fin(); });
    function fin() { console.log('read in exit:', JSON.stringify(out), JSON.stringify(err)); }
  });
  child.on('close', function (code) {
    console.log('close', code);
    next();
  });
}

// The children below wait for their stdin to end, so that they cannot
// exit (and have their output flushed away) before it is looked at.
function readAfterTick(next) {
  var child = cp.spawn('/bin/sh', ['-c', 'echo out; echo err >&2; cat >/dev/null']);
  setImmediate(function () {
    child.stdin.end();
    var left = 2, res = {};
    collect(child.stdout, function (s) { res.out = s; if (--left === 0) fin(); });
    collect(child.stderr, function (s) { res.err = s; if (--left === 0) fin(); });
    function fin() { console.log('read after a tick:', JSON.stringify(res.out), JSON.stringify(res.err)); }
  });
  child.on('close', function (code) {
    console.log('close', code);
    next();
  });
}

function untouched(next) {
  var child = cp.spawn('/bin/sh', ['-c', 'echo ignored; echo ignored too >&2']);
  child.on('close', function (code, signal) {
    console.log('untouched close', code, signal);
    console.log('stdio', child.stdio.length, child.stdio[0] === child.stdin,
                child.stdio[1] === child.stdout, child.stdio[2] === child.stderr);
    console.log('destroyed', child.stdin.destroyed, child.stdout.destroyed, child.stderr.destroyed);
    next();
  });
}

function bigLate(next) {
  // 1 MiB: more than a socket keeps unread, so the child waits on us.
  var child = cp.spawn('/bin/sh', ['-c', 'head -c 1048576 /dev/zero; cat >/dev/null']);
  setImmediate(function () {
    var n = 0;
    child.stdin.end();
    child.stdout.on('data', function (d) { n += d.length; });
    child.stdout.on('end', function () { console.log('big output read late:', n); });
  });
  child.on('close', function (code) {
    console.log('close', code);
    next();
  });
}

function fd3(next) {
  var child = cp.spawn('/bin/sh', ['-c', 'echo three >&3; cat >/dev/null'],
                       { stdio: ['pipe', 'ignore', 'ignore', 'pipe'] });
  setImmediate(function () {
    console.log('fd3 stdio', child.stdio.length, child.stdout, child.stderr);
    child.stdin.end();
    collect(child.stdio[3], function (s) { console.log('fd3 read:', JSON.stringify(s)); });
  });
  child.on('close', function (code) {
    console.log('close', code);
    next();
  });
}

function assign(next) {
  var child = cp.spawn('/bin/true');
  var own = child.stdout;
  child.stdout = null;
  console.log('assigned', child.stdout, child.stdio[1] === own, Object.keys(child).indexOf('stdout') !== -1);
  own.resume();
  child.on('close', function (code) {
    console.log('close', code);
    next();
  });
}

var cases = [readInExit, readAfterTick, untouched, bigLate, fd3, assign];
(function run(i) {
  if (i < cases.length) cases[i](function () { run(i + 1); });
})(0);
