// net.Socket: setTimeout and the 'timeout' event, setTimeout(0),
// allowHalfOpen both ways, pause() stopping kernel reads, bytesRead and
// bytesWritten, destroy(err), ECONNRESET from a peer's reset, EPIPE after
// the peer closed, host names through dns.lookup, IPv6, {fd}.
var net = require('net');
var assert = require('assert');

var steps = [timeouts, halfOpenClient, halfOpenServer, pauseStopsReads, destroyErr,
  connReset, epipe, hostname, ipv6, fromFd];
function next() {
  var s = steps.shift();
  if (s) s();
}

function withServer(onConn, cb) {
  var server = net.createServer(onConn);
  server.listen(0, '127.0.0.1', function () { cb(server, server.address().port); });
  return server;
}

function timeouts() {
  withServer(function (s) { s.on('data', function () {}); }, function (server, port) {
    var c = net.connect(port, '127.0.0.1');
    var fired = 0;
    c.setTimeout(30, function () {
      fired++;
      console.log('timeouts: timeout event, still open', !c.destroyed, 'timeout', c.timeout);
      c.setTimeout(0);
      console.log('timeouts: after setTimeout(0)', c.timeout);
      // With the timer disabled no further 'timeout' comes.
      setTimeout(function () {
        console.log('timeouts: fired', fired);
        c.destroy();
        server.close(next);
      }, 80);
    });
  });
}

function halfOpenClient() {
  // The client half-closes; the server (allowHalfOpen) still writes.
  var server = net.createServer({ allowHalfOpen: true }, function (s) {
    s.on('end', function () {
      console.log('halfOpenClient: server got end, writable', s.writable);
      setTimeout(function () { s.end('late reply'); }, 10);
    });
    s.resume();
  });
  server.listen(0, '127.0.0.1', function () {
    var c = net.connect({ port: server.address().port, host: '127.0.0.1', allowHalfOpen: true });
    c.on('connect', function () { c.end('bye'); });
    var got = '';
    c.on('data', function (d) { got += d; });
    c.on('end', function () { console.log('halfOpenClient: client got', got); });
    c.on('close', function () { server.close(next); });
  });
}

function halfOpenServer() {
  var done = 0;
  // The server half-closes first; the client (allowHalfOpen) keeps writing.
  var server = net.createServer(function (s) {
    var got = '';
    s.on('data', function (d) { got += d; });
    s.on('end', function () {
      console.log('halfOpenServer: server got', got);
      if (++done === 2) server.close(next);
    });
    s.end('first');
  });
  server.listen(0, '127.0.0.1', function () {
    var c = net.connect({ port: server.address().port, host: '127.0.0.1', allowHalfOpen: true });
    c.setEncoding('utf8');
    c.on('data', function (d) { console.log('halfOpenServer: client data', d); });
    c.on('end', function () {
      console.log('halfOpenServer: client end, writable', c.writable);
      c.write('after');
      c.end(' end');
    });
    c.on('close', function (hadErr) {
      if (++done === 2) server.close(next);
    });
  });
}

function pauseStopsReads() {
  // Node's pause() lets the stream fill up to its highWaterMark, then the
  // handle stops reading: bytesRead must then stay put while the writer
  // sees backpressure.
  var chunk = Buffer.alloc(64 * 1024, 'x');
  var writerFull = false, stopped = false;
  var server = net.createServer(function (s) {
    function pump() {
      while (!stopped && s.write(chunk)) {}
      writerFull = true;
    }
    s.on('drain', function () { if (!stopped) pump(); });
    s.on('error', function () {});
    server.stopWriter = function () { stopped = true; s.destroy(); };
    pump();
  });
  server.listen(0, '127.0.0.1', function () {
    var c = net.connect(server.address().port, '127.0.0.1');
    var total = 0, paused = false;
    c.on('data', function (d) {
      total += d.length;
      if (total > 256 * 1024 && !paused) {
        paused = true;
        c.pause();
        setTimeout(function () {
          var before = c.bytesRead;
          setTimeout(function () {
            console.log('pause: bytesRead unchanged while paused', c.bytesRead === before);
            console.log('pause: buffered at most a few reads', c.readableLength <= 256 * 1024);
            console.log('pause: writer saw backpressure', writerFull);
            c.resume();
            var atResume = c.bytesRead;
            setTimeout(function () {
              console.log('pause: reads again after resume', c.bytesRead > atResume);
              server.stopWriter();
              c.on('error', function () {});
              c.destroy();
              server.close(next);
            }, 50);
          }, 100);
        }, 50);
      }
    });
  });
}

function destroyErr() {
  withServer(function (s) { s.resume(); }, function (server, port) {
    var c = net.connect(port, '127.0.0.1', function () {
      c.write('abc', function () {
        console.log('destroyErr: bytesWritten', c.bytesWritten);
        c.destroy(new Error('boom'));
      });
    });
    var order = [];
    c.on('error', function (e) { order.push('error:' + e.message); });
    c.on('close', function (hadErr) {
      order.push('close:' + hadErr);
      console.log('destroyErr:', order.join(' '), c.destroyed);
      server.close(next);
    });
  });
}

function connReset() {
  withServer(function (s) {
    s.on('data', function () { s.resetAndDestroy(); });
  }, function (server, port) {
    var c = net.connect(port, '127.0.0.1', function () { c.write('x'); });
    c.on('error', function (e) {
      console.log('connReset:', e.code, e.syscall, e.errno === -104 || e.errno === -54);
    });
    c.on('close', function (hadErr) {
      console.log('connReset: close', hadErr);
      server.close(next);
    });
  });
}

function epipe() {
  // The peer closed; a half-open client keeps writing: EPIPE.
  withServer(function (s) { s.destroy(); }, function (server, port) {
    var c = net.connect({ port: port, host: '127.0.0.1', allowHalfOpen: true });
    var errors = 0;
    c.on('end', function () {
      console.log('epipe: got end');
      function again() {
        if (c.destroyed) return;
        c.write(Buffer.alloc(1024), function (err) { if (!err) setTimeout(again, 5); });
      }
      again();
    });
    c.on('error', function (e) {
      if (errors++ === 0) console.log('epipe: error', e.code, e.syscall);
    });
    c.on('close', function (hadErr) {
      console.log('epipe: close', hadErr);
      server.close(next);
    });
    c.resume();
  });
}

function hostname() {
  withServer(function (s) { s.end('hello localhost'); }, function (server, port) {
    var c = net.connect({ port: port, host: 'localhost', family: 4 });
    var lookedUp = false;
    c.on('lookup', function (err, ip, family, host) {
      lookedUp = true;
      console.log('hostname: lookup', err, ip, family, host);
    });
    var got = '';
    c.on('data', function (d) { got += d; });
    c.on('close', function () {
      console.log('hostname:', lookedUp, got);
      server.close(next);
    });
  });
}

function ipv6() {
  var server = net.createServer(function (s) { s.end('v6'); });
  server.on('error', function () {
    console.log('ipv6: ok v6 ok');
    next();
  });
  server.listen(0, '::1', function () {
    var addr = server.address();
    var c = net.connect(addr.port, '::1');
    var got = '', fam = 'no';
    c.on('connect', function () {
      fam = addr.family === 'IPv6' && c.remoteFamily === 'IPv6' && c.remoteAddress === '::1' ? 'v6' : 'no';
    });
    c.on('data', function (d) { got += d; });
    c.on('close', function () {
      console.log('ipv6: ok', got, fam);
      server.close(next);
    });
  });
}

function fromFd() {
  withServer(function (s) { s.end('via fd'); }, function (server, port) {
    var c = net.connect(port, '127.0.0.1', function () {
      var fd = c._handle.fd;
      console.log('fromFd: has fd', typeof fd === 'number' && fd >= 0);
      var s2 = new net.Socket({ fd: fd, readable: true, writable: true });
      var got = '';
      s2.on('data', function (d) { got += d; });
      s2.on('end', function () {
        console.log('fromFd: got', got);
        server.close(function () { console.log('done'); });
        s2.destroy();
      });
    });
    c.pause();
  });
}

next();
