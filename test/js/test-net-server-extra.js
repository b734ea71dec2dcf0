// net.Server: listen on an adopted handle ({handle} and the bare handle),
// Unix socket paths, exclusive and backlog options, close() waiting for
// the last connection, getConnections, maxConnections, ref/unref.
var net = require('net');
var fs = require('fs');
var path = require('path');
var os = require('os');

var steps = [adoptHandle, adoptBareHandle, unixPath, closeWaits, maxConns, refUnref];
function next() {
  var s = steps.shift();
  if (s) s();
}

function echoOnce(port, label, cb) {
  var c = net.connect(port, '127.0.0.1', function () { c.end('ping'); });
  var got = '';
  c.setEncoding('utf8');
  c.on('data', function (d) { got += d; });
  c.on('close', function () {
    console.log(label, 'reply', got);
    cb();
  });
}

function adoptHandle() {
  var first = net.createServer();
  first.listen({ port: 0, host: '127.0.0.1', exclusive: true, backlog: 8 }, function () {
    var port = first.address().port;
    var handle = first._handle;
    // A second server takes over the listening handle.
    var second = net.createServer(function (s) {
      s.on('data', function (d) { s.end('handle:' + d); });
    });
    second.listen({ handle: handle }, function () {
      console.log('adopted: listening', second.listening, second.address().port === port);
      echoOnce(port, 'adopted', function () {
        second.close(function () {
          console.log('adopted: closed');
          next();
        });
      });
    });
  });
}

function adoptBareHandle() {
  var first = net.createServer();
  first.listen(0, '127.0.0.1', function () {
    var port = first.address().port;
    var second = net.createServer(function (s) {
      s.on('data', function (d) { s.end('bare:' + d); });
    });
    second.listen(first._handle, 16, function () {
      console.log('bare: listening', second.listening);
      echoOnce(port, 'bare', function () {
        second.close(next);
      });
    });
  });
}

function unixPath() {
  var serverSide = '';
  var p = path.join(os.tmpdir(), 'lode-net-' + process.pid + '-' + Math.floor(Math.random() * 1e9) + '.sock');
  var server = net.createServer(function (s) {
    serverSide = 'server saw a connection';
    s.on('data', function (d) { s.end('unix:' + d); });
  });
  server.listen(p, function () {
    console.log('unix: address is the path', server.address() === p);
    console.log('unix: socket file exists', fs.existsSync(p));
    var c = net.connect(p, function () {
      console.log('unix: client connected');
      c.end('hi');
    });
    var got = '';
    c.on('data', function (d) { got += d; });
    c.on('close', function () {
      console.log('unix: reply', got, serverSide);
      // A second listen on the same path fails with EADDRINUSE.
      var dup = net.createServer();
      dup.on('error', function (e) {
        console.log('unix: dup', e.code, e.syscall);
        server.close(function () {
          console.log('unix: socket file removed', !fs.existsSync(p));
          next();
        });
      });
      dup.listen(p);
    });
  });
}

function closeWaits() {
  var server = net.createServer(function (s) {
    server.getConnections(function (err, n) {
      console.log('closeWaits: connections', err, n);
      server.close(function () {
        console.log('closeWaits: close callback after the connection ended');
        next();
      });
      console.log('closeWaits: listening after close()', server.listening);
      // The connection still works after close().
      s.end('still here');
    });
  });
  server.listen(0, '127.0.0.1', function () {
    var c = net.connect(server.address().port, '127.0.0.1');
    var got = '';
    c.on('data', function (d) { got += d; });
    c.on('end', function () { console.log('closeWaits: client got', got); });
  });
}

function maxConns() {
  var server = net.createServer(function (s) {
    console.log('maxConns: accepted one');
    s.on('data', function () {});
  });
  server.maxConnections = 1;
  server.listen(0, '127.0.0.1', function () {
    var port = server.address().port;
    var a = net.connect(port, '127.0.0.1', function () {
      var b = net.connect(port, '127.0.0.1');
      b.on('error', function (e) { console.log('maxConns: second error', e.code); });
      b.on('close', function () {
        console.log('maxConns: second closed by server');
        server.getConnections(function (err, n) {
          console.log('maxConns: connections', n);
          a.destroy();
          server.close(function () { next(); });
        });
      });
      b.resume();
    });
  });
}

function refUnref() {
  var server = net.createServer();
  server.listen(0, '127.0.0.1', function () {
    server.unref();
    server.ref();
    server.unref();
    console.log('refUnref: unref\'d server lets the process exit');
  });
}

process.on('exit', function (code) { console.log('exit', code); });
next();
