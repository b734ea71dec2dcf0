// child_process.fork: the IPC channel — 10,000 messages echoed back in
// order, sequential round trips, message types, process.send/connected/
// channel in the child, NODE_CHANNEL_FD removed, disconnect from either
// side, send callbacks, ERR_IPC_CHANNEL_CLOSED, 'close' after 'disconnect'
// and 'exit', and a child whose channel alone does not keep it alive.
var cp = require('child_process');
var path = require('path');
var assert = require('assert');

var fixtures = path.join(__dirname, 'fixtures', 'child_process');

function burst(next) {
  var c = cp.fork(path.join(fixtures, 'echo-ipc.js'));
  var N = 10000, n = 0, events = [];
  console.log('connected', c.connected, 'has send', typeof c.send, 'channel', typeof c.channel);
  c.on('message', function (m) {
    if (m === 'ready') {
      for (var i = 0; i < N; i++) c.send(i);
      return;
    }
    assert.strictEqual(m.echo, n);
    n++;
    if (n === N) {
      console.log('burst: all', N, 'echoed in order');
      c.send('bye');
    }
  });
  c.on('disconnect', function () { events.push('disconnect ' + c.connected); });
  c.on('exit', function (code, sig) { events.push('exit ' + code + ' ' + sig); });
  c.on('close', function (code, sig) {
    events.push('close ' + code + ' ' + sig);
    events.sort();
    console.log('burst events:', events.join(', '));
    next();
  });
}

function roundTrips(next) {
  var c = cp.fork(path.join(fixtures, 'echo-ipc.js'));
  var N = 2000, i = 0;
  c.on('message', function (m) {
    if (m !== 'ready') {
      assert.strictEqual(m.echo, i);
      i++;
    }
    if (i === N) {
      console.log('round trips:', N);
      c.disconnect();
      return;
    }
    c.send(i);
  });
  // After a disconnect from this side Node emits no 'close' (the channel
  // is not counted as closed): wait for 'exit'.
  c.on('exit', function (code) {
    console.log('round trips exit', code, c.connected);
    next();
  });
}

function types(next) {
  var c = cp.fork(path.join(fixtures, 'echo-ipc.js'));
  var values = ['str', 42, 1.5, true, false, null, [1, [2, 3]], { a: { b: 'c' } }, 'ünïcødé ☃ 😀',
    'line\nbreak', { nested: 'x\ny' }, ''];
  var got = [];
  c.on('message', function (m) {
    if (m === 'ready') {
      values.forEach(function (v) { c.send(v); });
      return;
    }
    got.push(m.echo);
    if (got.length === values.length) {
      console.log('types:', JSON.stringify(got));
      console.log('types equal', JSON.stringify(got) === JSON.stringify(values));
      c.send('bye');
    }
  });
  c.on('close', function () { next(); });
}

function childSide(next) {
  var c = cp.fork(path.join(fixtures, 'child-info.js'), ['x', 'y'],
    { env: { CUSTOM_VAR: 'custom', PATH: process.env.PATH } });
  c.on('message', function (m) {
    console.log('child saw', JSON.stringify(m));
    c.send('disconnect-me');
  });
  c.on('disconnect', function () { console.log('parent: disconnect event'); });
  c.on('close', function (code, sig) {
    console.log('child-info close', code, sig);
    next();
  });
}

function parentDisconnects(next) {
  // The child listens for messages; once the parent disconnects, its
  // channel ends and it exits by itself.
  var c = cp.fork(path.join(fixtures, 'echo-ipc.js'));
  c.once('message', function () {
    c.disconnect();
    console.log('after disconnect connected', c.connected);
    var sent = c.send('late', function (err) {
      console.log('send after disconnect:', err.code, err.message);
    });
    console.log('send returned', sent);
    c.on('error', function (e) { console.log('error event', e.code); });
    c.disconnect();
  });
  c.on('exit', function (code) {
    console.log('parent disconnect: child exit', code);
    next();
  });
}

function sendCallback(next) {
  var c = cp.fork(path.join(fixtures, 'echo-ipc.js'));
  c.once('message', function () {
    var r = c.send({ hello: 1 }, function (err) {
      console.log('send callback', err);
      c.send('bye');
    });
    console.log('send returned', r);
  });
  c.on('close', function () { next(); });
}

function noListener(next) {
  var c = cp.fork(path.join(fixtures, 'no-listener.js'));
  var msgs = [];
  c.on('message', function (m) { msgs.push(m); });
  c.on('exit', function (code) {
    console.log('no-listener child exited by itself', code);
  });
  c.on('close', function () {
    console.log('no-listener messages', JSON.stringify(msgs));
    next();
  });
}

function silent(next) {
  var c = cp.fork(path.join(fixtures, 'exit-with.js'), ['3'], { silent: true });
  console.log('silent has pipes', c.stdout !== null, c.stderr !== null, c.stdin !== null, c.stdio.length);
  c.on('close', function (code) {
    console.log('silent exit', code);
    next();
  });
}

function execArgvAndPath(next) {
  // execPath: any program; with the channel on fd 3 it can see it.
  var c = cp.fork('-c', ['echo "fd $NODE_CHANNEL_FD"; exit 4'], { execPath: '/bin/sh', stdio: ['ignore', 'pipe', 'ignore', 'ipc'] });
  var out = '';
  c.stdout.on('data', function (d) { out += d; });
  c.on('close', function (code) {
    console.log('execPath sh:', JSON.stringify(out), code);
    try {
      cp.fork('x.js', { stdio: ['pipe', 'pipe', 'pipe'] });
    } catch (e) {
      console.log(e.name, e.code, e.message);
    }
    next();
  });
}

function unrefChild(next) {
  var c = cp.fork(path.join(fixtures, 'echo-ipc.js'));
  c.once('message', function (m) {
    console.log('unref: got', m);
    c.unref();
    c.channel.unref();
    // Nothing else keeps this process alive: it must get to 'exit'
    // without the child (killed there, so it does not linger).
    process.on('exit', function () {
      console.log('unref: parent exits, child killed', c.kill('SIGKILL'));
    });
    next();
  });
}

var steps = [burst, roundTrips, types, childSide, parentDisconnects, sendCallback, noListener, silent,
  execArgvAndPath, unrefChild];
(function go(i) {
  if (i === steps.length) return console.log('done');
  steps[i](function () { go(i + 1); });
})(0);
