// child_process.fork: what the IPC channel keeps alive, compared with node.
// Child side: the channel is referenced while 'message' or 'disconnect'
// listeners exist (or a send is in flight); process.channel.ref()/unref()
// override that counting. Parent side: the channel is referenced from the
// start (it outlives child.unref()); child.channel.unref() lets the parent
// go, and so does the completion of an asynchronous send (Node's counting:
// the pending write held a count, its release unreferences the channel).
// A child that exits after such a send is still seen to disconnect and
// close, unless a grandchild holds the channel open. Liveness is observed with 'beforeExit', which fires only when
// nothing referenced is left in the loop.
var cp = require('child_process');

var role = process.argv[2];
var mode = process.argv[3];
var BIG = 1 << 20; // a send the kernel cannot take at once: asynchronous

if (role === 'child') {
  var reported = false;
  process.on('beforeExit', function () {
    // The parent's cases watch the parent only.
    if (reported || mode === 'parent-side') return;
    reported = true;
    // Only a child whose channel does not hold it gets here connected.
    if (process.connected) process.send({ beforeExit: true, connected: true });
    else console.log('child beforeExit, not connected');
  });
  var onMessage = function (m) {
    if (m === 'remove') process.removeListener('message', onMessage);
    if (m === 'ping') process.send('pong');
    if (m === 'exit') process.exit(0);
  };
  if (mode === 'message') process.on('message', onMessage);
  if (mode === 'disconnect-listener') {
    process.on('disconnect', function () { console.log('child disconnect event'); });
    process.send('ready');
  }
  if (mode === 'unref') {
    process.on('message', onMessage);
    process.channel.unref();
  }
  if (mode === 'ref') {
    process.channel.ref();
    process.send('ready');
  }
  if (mode === 'ref-unref') {
    process.channel.ref();
    process.channel.unref();
    process.on('message', onMessage);
  }
  if (mode === 'big-send') {
    process.send(new Array(BIG).join('y'), function (err) {
      process.send('big send done ' + err);
    });
  }
  if (mode === 'once') {
    process.once('message', function (m) { process.send('once got ' + m); });
  }
  if (mode === 'parent-side') process.on('message', onMessage);
  if (mode === 'grandchild') {
    // A grandchild inherits the channel (fd 3), so it outlives this child.
    var g = cp.spawn('/bin/sleep', ['30'], { stdio: ['ignore', 'ignore', 'ignore', 3] });
    process.send({ grandchild: g.pid });
    process.on('message', onMessage);
  }
  return;
}

function describe(m) {
  if (typeof m === 'string' && m.length > 100) return 'big(' + m.length + ')';
  return JSON.stringify(m);
}

// ---- the child's side: the parent watches ----

function childSide(m, next) {
  var child = cp.fork(__filename, ['child', m]);
  console.log('== child side:', m);
  child.on('message', function (msg) {
    console.log('parent got', describe(msg));
    if (msg === 'pong' && m === 'message') child.send('remove');
    // The child waits on its channel: only the parent can end it.
    if (msg === 'ready') child.disconnect();
  });
  child.on('exit', function (code, sig) {
    console.log('child exit', code, sig);
    next();
  });
  if (m === 'message' || m === 'unref' || m === 'ref-unref') child.send('ping');
  if (m === 'once') child.send('hello');
}

// ---- the parent's side ----

var beforeExitHook = null;
process.on('beforeExit', function () {
  var hook = beforeExitHook;
  beforeExitHook = null;
  if (hook) hook();
});

function parentSide(m, next) {
  var child = cp.fork(__filename, ['child', 'parent-side']);
  var events = [];
  console.log('== parent side:', m);
  // Only the channel may keep this process alive.
  child.unref();
  child.on('message', function (msg) {
    console.log('parent got', describe(msg));
    if (msg === 'pong') child.disconnect();
  });
  child.on('disconnect', function () { events.push('disconnect'); });
  beforeExitHook = function () {
    console.log('parent beforeExit, child connected:', child.connected);
    // Clean up, then wait for the child's exit before the next case.
    child.ref();
    child.on('exit', function (code, sig) {
      events.push('exit ' + code + ' ' + sig);
      console.log('events:', events.sort().join(', '));
      next();
    });
    if (child.connected) child.disconnect();
  };
  if (m === 'plain') {
    child.send('ping');
  } else if (m === 'channel-unref') {
    child.channel.unref();
  } else if (m === 'channel-unref-ref') {
    child.channel.unref();
    child.channel.ref();
    child.send('ping');
  } else if (m === 'async-send') {
    child.send(new Array(BIG).join('x'), function (err) {
      console.log('big send done', err);
    });
  } else if (m === 'async-send-ref') {
    child.channel.ref();
    child.send(new Array(BIG).join('x'), function (err) {
      console.log('big send done', err);
      child.send('ping');
    });
  }
}

// An asynchronous send unreferences the channel; the child then exits on
// its own: 'disconnect' and 'close' must still come.
function exitAfterAsyncSend(next) {
  var child = cp.fork(__filename, ['child', 'parent-side']);
  var seen = [];
  console.log('== exit after an asynchronous send');
  child.on('disconnect', function () { seen.push('disconnect'); });
  child.on('exit', function (code, sig) { seen.push('exit ' + code + ' ' + sig); });
  child.on('close', function (code, sig) {
    seen.push('close ' + code + ' ' + sig);
    console.log('events:', seen.sort().join(', '), 'connected:', child.connected);
    next();
  });
  child.send(new Array(BIG).join('x'), function (err) {
    console.log('big send done', err);
    child.send('exit');
  });
}

// The same, but a grandchild holds the channel open: no EOF comes, and
// the unreferenced channel lets the parent end without 'disconnect' (the
// last case: this process ends with it).
function exitChannelHeld() {
  var child = cp.fork(__filename, ['child', 'grandchild']);
  var seen = [], grandchild = 0;
  console.log('== exit after an asynchronous send, channel held by a grandchild');
  child.on('message', function (m) {
    grandchild = m.grandchild;
    child.send(new Array(BIG).join('x'), function (err) {
      console.log('big send done', err);
      child.send('exit');
    });
  });
  child.on('disconnect', function () { seen.push('disconnect'); });
  child.on('exit', function (code, sig) { seen.push('exit ' + code + ' ' + sig); });
  child.on('close', function () { seen.push('close'); });
  process.on('exit', function () {
    console.log('parent exit, events:', seen.sort().join(', '), 'connected:', child.connected);
    process.kill(grandchild);
  });
}

var cases = [];
['none', 'message', 'disconnect-listener', 'unref', 'ref', 'ref-unref', 'big-send', 'once']
  .forEach(function (m) { cases.push(function (next) { childSide(m, next); }); });
['plain', 'channel-unref', 'channel-unref-ref', 'async-send', 'async-send-ref']
  .forEach(function (m) { cases.push(function (next) { parentSide(m, next); }); });
cases.push(exitAfterAsyncSend);
cases.push(exitChannelHeld);

(function run(i) {
  if (i < cases.length) cases[i](function () { run(i + 1); });
})(0);
