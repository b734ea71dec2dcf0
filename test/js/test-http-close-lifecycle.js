// http: a server socket's life when its response says Connection: close
// (lode takes accepted sockets, the end of the last response, the
// shutdown and the destroy on shorter paths): the socket's events and
// their order, its fields after 'close' (stream states, server, _server,
// allowHalfOpen, byte counts, parser), a keep-alive request before the
// closing one, server.close() once the last connection went, and a
// plain net server's accepted sockets (allowHalfOpen, pause() in a
// 'connection' listener keeps the handle from reading). Same output
// under node.
var http = require('http');
var net = require('net');

var log = [];
function note(s) { log.push(s); }

var REQ_KA = 'GET /ka HTTP/1.1\r\nHost: x\r\n\r\n';
var REQ_CLOSE = 'GET /close HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n';

var server = http.createServer(function (req, res) {
  note('request ' + req.url + ' shouldKeepAlive ' + res.shouldKeepAlive);
  res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': '5' });
  res.end('hello');
});

var conn = 0;
server.on('connection', function (s) {
  var id = ++conn;
  note(id + ' connection allowHalfOpen ' + s.allowHalfOpen + ' server ' + (s.server === server) +
       ' _server ' + (s._server === server) + ' connections ' + server._connections);
  ['prefinish', 'finish', 'end'].forEach(function (ev) {
    s.on(ev, function () {
      note(id + ' ' + ev + ' destroyed ' + s.destroyed + ' writable ' + s.writable +
           ' readable ' + s.readable);
    });
  });
  s.on('close', function (hadError) {
    note(id + ' close hadError ' + hadError);
    note(id + ' after close: destroyed ' + s.destroyed + ' readableEnded ' + s.readableEnded +
         ' writableEnded ' + s.writableEnded + ' writableFinished ' + s.writableFinished +
         ' closed ' + s.closed + ' pending ' + s.pending + ' readyState ' + s.readyState);
    note(id + ' after close: server ' + (s.server === server) + ' _server ' + (s._server === server) +
         ' parser ' + s.parser + ' allowHalfOpen ' + s.allowHalfOpen +
         ' bytesRead ' + s.bytesRead + ' bytesWritten>0 ' + (s.bytesWritten > 0) +
         ' connections ' + server._connections);
  });
});

function request(text, cb) {
  var c = net.connect(server.address().port, '127.0.0.1');
  var got = '';
  c.setEncoding('latin1');
  c.on('data', function (d) { got += d; });
  // The client ends only once the server's FIN came ('end'): the server
  // socket's 'finish' comes before its 'end'.
  c.on('end', function () {
    note('client got ' + (got.match(/HTTP\/1\.1 200/g) || []).length + ' responses, ' +
         (/Connection: close/i.test(got) ? 'closing' : 'no close'));
    c.end();
  });
  c.on('close', function () { cb(); });
  c.write(text);
}

server.listen(0, '127.0.0.1', function () {
  request(REQ_CLOSE, function () {
    // A keep-alive request first, then the closing one, on one socket.
    request(REQ_KA + REQ_CLOSE, function () {
      server.close(function () {
        note('server close, connections ' + server._connections);
        plainNet();
      });
    });
  });
});

function plainNet() {
  var results = [];
  var halfOpen = net.createServer({ allowHalfOpen: true }, function (s) {
    results.push('allowHalfOpen server: socket ' + s.allowHalfOpen + ' server ' + (s.server === halfOpen));
    s.end();
    halfOpen.close();
  });
  var paused = net.createServer(function (s) {
    results.push('plain server: socket allowHalfOpen ' + s.allowHalfOpen +
                 ' server ' + (s.server === paused) + ' _server ' + (s._server === paused));
    s.pause();
    // Paused in the 'connection' listener: nothing is read from the
    // handle, so nothing is buffered (the client's bytes stay in the
    // kernel) until resume().
    setTimeout(function () {
      results.push('paused: readableLength ' + s.readableLength + ' isPaused ' + s.isPaused());
      s.on('data', function (d) {
        results.push('resumed: data ' + d);
        s.end();
      });
      s.resume();
    }, 100);
    s.on('close', function () {
      results.push('plain close: destroyed ' + s.destroyed + ' server ' + (s.server === paused));
      paused.close();
    });
  });
  halfOpen.listen(0, '127.0.0.1', function () {
    var c = net.connect(halfOpen.address().port, '127.0.0.1');
    c.on('data', function () {});
    c.on('end', function () { c.end(); });
    c.on('close', function () {
      paused.listen(0, '127.0.0.1', function () {
        var c2 = net.connect(paused.address().port, '127.0.0.1', function () { c2.write('hello'); });
        c2.on('data', function () {});
        c2.on('end', function () { c2.end(); });
        c2.on('close', function () {
          log.push.apply(log, results);
          console.log(log.join('\n'));
        });
      });
    });
  });
}
