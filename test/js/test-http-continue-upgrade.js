// http: Expect: 100-continue (checkContinue, the client's 'continue'
// event, writeContinue, the default automatic 100), and the 'upgrade' and
// 'connect' events with the raw socket on both sides.
var http = require('http');
var net = require('net');

var steps = [autoContinue, checkContinue, upgrade, connectMethod, noUpgradeListener];
function next() {
  var s = steps.shift();
  if (s) s();
}

function echoBody(req, res) {
  var body = '';
  req.setEncoding('utf8');
  req.on('data', function (d) { body += d; });
  req.on('end', function () { res.end('got:' + body); });
}

function postWithContinue(port, label, cb) {
  var req = http.request({ port: port, host: '127.0.0.1', method: 'POST', path: '/c',
    headers: { 'Expect': '100-continue', 'Content-Length': 5 } });
  req.on('continue', function () {
    console.log(label, 'client: continue event');
    req.end('hello');
  });
  req.on('information', function (info) {
    console.log(label, 'client: information', info.statusCode);
  });
  req.on('response', function (res) {
    var b = '';
    res.on('data', function (d) { b += d; });
    res.on('end', function () {
      console.log(label, 'client: response', res.statusCode, b);
      cb();
    });
  });
}

function autoContinue() {
  var server = http.createServer(echoBody);
  server.listen(0, '127.0.0.1', function () {
    postWithContinue(server.address().port, 'auto', function () { server.close(next); });
  });
}

function checkContinue() {
  var server = http.createServer(function () { console.log('not reached'); });
  server.on('checkContinue', function (req, res) {
    console.log('check: checkContinue', req.headers.expect);
    res.writeContinue();
    echoBody(req, res);
  });
  server.listen(0, '127.0.0.1', function () {
    postWithContinue(server.address().port, 'check', function () { server.close(next); });
  });
}

function upgrade() {
  var server = http.createServer(function () { console.log('not reached'); });
  server.on('upgrade', function (req, socket, head) {
    console.log('upgrade: server', req.headers.upgrade, socket instanceof net.Socket, 'head', JSON.stringify(head.toString()));
    socket.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: echo\r\nConnection: Upgrade\r\n\r\nserver-first');
    socket.on('data', function (d) {
      socket.end('echo:' + d);
    });
  });
  server.listen(0, '127.0.0.1', function () {
    var req = http.request({ port: server.address().port, host: '127.0.0.1',
      headers: { 'Connection': 'Upgrade', 'Upgrade': 'echo' } });
    req.on('upgrade', function (res, socket, head) {
      console.log('upgrade: client', res.statusCode, res.headers.upgrade, socket instanceof net.Socket,
        'head', JSON.stringify(head.toString()));
      var got = '';
      socket.on('data', function (d) { got += d; });
      socket.on('end', function () {
        console.log('upgrade: client got', got);
        socket.end();
        server.close(next);
      });
      socket.write('ping');
    });
    req.end('early');
  });
}

function connectMethod() {
  // A CONNECT proxy that tunnels to a target server.
  var target = net.createServer(function (s) {
    s.on('data', function (d) { s.end('target:' + d); });
  });
  var proxy = http.createServer(function () { console.log('not reached'); });
  proxy.on('connect', function (req, socket, head) {
    console.log('connect: server', req.method, req.url.replace(/:[0-9]+$/, ':PORT'), 'head', JSON.stringify(head.toString()));
    var port = +req.url.split(':')[1];
    var up = net.connect(port, '127.0.0.1', function () {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) up.write(head);
      up.pipe(socket);
      socket.pipe(up);
    });
  });
  target.listen(0, '127.0.0.1', function () {
    proxy.listen(0, '127.0.0.1', function () {
      var req = http.request({ port: proxy.address().port, host: '127.0.0.1', method: 'CONNECT',
        path: '127.0.0.1:' + target.address().port });
      req.on('connect', function (res, socket, head) {
        console.log('connect: client', res.statusCode, socket instanceof net.Socket, head.length);
        var got = '';
        socket.on('data', function (d) { got += d; });
        socket.on('end', function () {
          console.log('connect: client got', got);
          socket.end();
          proxy.close();
          target.close(next);
        });
        socket.write('tunnelled');
      });
      req.end();
    });
  });
}

function noUpgradeListener() {
  // Without an 'upgrade' listener the request is an ordinary request.
  var server = http.createServer(function (req, res) {
    console.log('plain: request with upgrade header', req.headers.upgrade);
    res.end('plain');
  });
  server.listen(0, '127.0.0.1', function () {
    http.get({ port: server.address().port, host: '127.0.0.1', agent: false,
      headers: { 'Connection': 'Upgrade', 'Upgrade': 'x' } }, function (res) {
      var b = '';
      res.on('data', function (d) { b += d; });
      res.on('end', function () {
        console.log('plain: response', res.statusCode, b);
        server.close(function () { console.log('done'); });
      });
    }).on('upgrade', function () { console.log('client upgrade?'); });
  });
}

next();
