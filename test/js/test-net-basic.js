// net: echo over TCP, addresses, encodings, half-close, errors with
// Node's fields, server close after the last connection.
var net = require('net');
var assert = require('assert');

console.log(net.isIP('127.0.0.1'), net.isIP('::1'), net.isIP('x'), net.isIPv4('1.2.3.4'),
  net.isIPv6('fe80::1%eth0'), net.isIP('256.1.1.1'));

var server = net.createServer({ allowHalfOpen: true }, function (sock) {
  var got = [];
  console.log('server: connection from', sock.remoteAddress, sock.remoteFamily);
  sock.on('data', function (d) { got.push(d); });
  sock.on('end', function () {
    var all = Buffer.concat(got).toString();
    console.log('server: got', JSON.stringify(all), 'bytesRead', sock.bytesRead);
    // allowHalfOpen: we can still write after the client's FIN.
    sock.end('reply:' + all.toUpperCase());
  });
  sock.on('close', function (hadError) { console.log('server: socket closed', hadError); });
});

server.on('listening', function () { console.log('server: listening event'); });
server.listen(0, '127.0.0.1', function () {
  var addr = server.address();
  console.log('server address family', addr.family, addr.address, typeof addr.port);
  var c = net.connect({ port: addr.port, host: '127.0.0.1' });
  c.on('connect', function () {
    console.log('client: connected, local', c.localAddress, 'remote port ok', c.remotePort === addr.port);
    c.write('hello ');
    c.write(Buffer.from('world'));
    c.end();
  });
  var reply = '';
  c.setEncoding('utf8');
  c.on('data', function (d) { reply += d; });
  c.on('end', function () { console.log('client: reply', reply, 'bytesWritten', c.bytesWritten); });
  c.on('close', function (hadError) {
    console.log('client: close', hadError);
    server.close(function () {
      console.log('server: closed');
      errors();
    });
  });
});

function errors() {
  // Connection refused: an error with Node's fields, then close(true).
  var probe = net.createServer().listen(0, '127.0.0.1', function () {
    var port = probe.address().port;
    probe.close(function () {
      var c = net.connect(port, '127.0.0.1');
      c.on('error', function (e) {
        console.log('refused:', e.code, e.syscall, e.address, e.port === port,
          e.message === 'connect ECONNREFUSED 127.0.0.1:' + port);
      });
      c.on('close', function (hadError) {
        console.log('refused close', hadError);
        inUse();
      });
    });
  });
}

function inUse() {
  var a = net.createServer().listen(0, '127.0.0.1', function () {
    var port = a.address().port;
    var b = net.createServer();
    b.on('error', function (e) {
      console.log('in use:', e.code, e.syscall, e.message === 'listen EADDRINUSE: address already in use 127.0.0.1:' + port);
      a.close();
    });
    b.listen(port, '127.0.0.1');
  });
  assert.throws(function () { net.connect({ port: -1 }); }, { code: 'ERR_SOCKET_BAD_PORT' });
  assert.throws(function () { net.createServer().listen(70000); }, { code: 'ERR_SOCKET_BAD_PORT' });
}
