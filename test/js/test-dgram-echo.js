// dgram: a UDP echo server and client on 127.0.0.1 — bind/listening,
// message with rinfo, send forms (Buffer, string, array of chunks,
// offset/length), send callbacks with byte counts, implicit bind on send,
// address(), connect/send/remoteAddress, option setters, close callbacks.
var dgram = require('dgram');
var assert = require('assert');

var server = dgram.createSocket('udp4');
var events = [];
server.on('error', function (e) { console.log('server error', e.message); });
server.on('message', function (msg, rinfo) {
  assert.strictEqual(rinfo.address, '127.0.0.1');
  assert.strictEqual(rinfo.family, 'IPv4');
  assert.strictEqual(typeof rinfo.port, 'number');
  assert.strictEqual(rinfo.size, msg.length);
  server.send(Buffer.concat([Buffer.from('echo:'), msg]), rinfo.port, rinfo.address);
});

server.bind(0, '127.0.0.1', function () {
  var addr = server.address();
  console.log('listening', addr.address, addr.family, addr.port > 0);
  clientRun(addr.port);
});

function clientRun(port) {
  var client = dgram.createSocket({ type: 'udp4' });
  var got = [];
  var sent = [];
  var N = 6;
  client.on('message', function (msg, rinfo) {
    assert.strictEqual(rinfo.port, port);
    got.push(msg.toString());
    if (got.length === N) {
      got.sort();
      console.log('replies:', JSON.stringify(got));
      sent.sort();
      console.log('send callbacks:', JSON.stringify(sent));
      console.log('client bound', client.address().address, client.address().port > 0);
      client.close(function () {
        console.log('client closed');
        connected(port);
      });
    }
  });
  client.send(Buffer.from('one'), port, '127.0.0.1', function (err, n) { sent.push('one ' + err + ' ' + n); });
  client.send('two', port, '127.0.0.1', function (err, n) { sent.push('two ' + err + ' ' + n); });
  client.send(['th', Buffer.from('r'), 'ee'], port, '127.0.0.1', function (err, n) { sent.push('three ' + err + ' ' + n); });
  client.send(Buffer.from('xxfourxx'), 2, 4, port, '127.0.0.1', function (err, n) { sent.push('four ' + err + ' ' + n); });
  client.send('five', port, 'localhost');
  client.send(new Uint8Array([115, 105, 120]), port, function (err, n) { sent.push('six ' + err + ' ' + n); });
}

function connected(port) {
  var c = dgram.createSocket('udp4');
  c.connect(port, '127.0.0.1', function () {
    var r = c.remoteAddress();
    console.log('connected to', r.address, r.port === port);
    c.setBroadcast(true);
    console.log('ttl', c.setTTL(64), 'mttl', c.setMulticastTTL(2), 'loop', c.setMulticastLoopback(true));
    try { c.send('x', port, '127.0.0.1'); } catch (e) { console.log('send with port on connected:', e.code); }
    c.on('message', function (msg) {
      console.log('connected reply', msg.toString());
      c.disconnect();
      try { c.remoteAddress(); } catch (e) { console.log('after disconnect:', e.code); }
      c.close();
      c.on('close', function () {
        try { c.send('late', port); } catch (e) { console.log('send after close:', e.code); }
        server.close(function () { console.log('server closed'); errorsPart(); });
      });
    });
    c.send('conn', function (err, n) { console.log('connected send', err, n); });
  });
}

function errorsPart() {
  var s = dgram.createSocket('udp4');
  try { s.address(); } catch (e) { console.log('address unbound:', e.code, e.syscall); }
  try { s.send('x', 70000, '127.0.0.1'); } catch (e) { console.log('bad port:', e.code, e.name); }
  try { dgram.createSocket('udp5'); } catch (e) { console.log('bad type:', e.code); }
  try { s.send(42, 1234); } catch (e) { console.log('bad msg:', e.code); }
  s.bind(0, '127.0.0.1');
  try { s.bind(0); } catch (e) { console.log('bind twice:', e.code); }
  s.on('listening', function () {
    var b = dgram.createSocket('udp4');
    b.on('error', function (e) {
      console.log('bind in use:', e.code, e.syscall, e.address === '127.0.0.1', e.port === s.address().port);
      b.close();
      s.close();
      try { s.close(); } catch (e2) { console.log('close twice:', e2.code); }
      unrefPart();
    });
    b.bind(s.address().port, '127.0.0.1');
  });
}

function unrefPart() {
  var u = dgram.createSocket('udp4');
  u.bind(0, '127.0.0.1', function () {
    u.unref();
    console.log('unref returns socket', u.ref() === u, u.unref() === u);
  });
  process.on('exit', function () { console.log('exit with an unref\'d socket open'); });
}
