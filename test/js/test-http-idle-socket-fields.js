// http: what a server socket shows around an idle keep-alive connection
// (lode keeps several of these fields on prototypes or in C to save
// memory per connection): server, _server, parser, allowHalfOpen,
// _httpMessage, bytesWritten and bytesRead after responses sent by the
// fast path, and the same fields after the connection closed; a plain
// net server's sockets; EventEmitter's captureRejections default taken
// when an emitter is made. Same output under node.
var http = require('http');
var net = require('net');
var EventEmitter = require('events');
var assert = require('assert');

var REQ = 'GET / HTTP/1.1\r\nHost: x\r\n\r\n';
var server = http.createServer(function (req, res) {
  res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': '5' });
  res.end('hello');
});
var sock, answered = 0, received = '';

server.on('connection', function (s) {
  sock = s;
  console.log('connection: server', s.server === server, '_server', s._server === server,
              'allowHalfOpen', s.allowHalfOpen);
  s.on('close', function () {
    console.log('closed: server', s.server === server, '_server', s._server === server,
                'parser', s.parser, 'allowHalfOpen', s.allowHalfOpen);
    console.log('closed: bytesWritten', s.bytesWritten === received.length,
                'bytesRead', s.bytesRead === 2 * REQ.length);
    server.close(plainNet);
  });
});

server.listen(0, '127.0.0.1', function () {
  var c = net.connect(server.address().port, '127.0.0.1', function () {
    c.write(REQ);
  });
  c.setEncoding('latin1');
  c.on('data', function (d) {
    received += d;
    var n = received.split('hello').length - 1;
    if (n > answered) {
      answered = n;
      // Let the server finish the response (a tick, then idle).
      setImmediate(function () {
        console.log('idle after', n, ': parser', typeof sock.parser, sock.parser !== null,
                    '_httpMessage', sock._httpMessage == null,
                    'bytesWritten', sock.bytesWritten === received.length,
                    'bytesRead', sock.bytesRead === n * REQ.length);
        if (n === 1) c.write(REQ);
        else c.end();
      });
    }
  });
});

function plainNet() {
  var results = [];
  function one(allowHalfOpen, next) {
    var srv = net.createServer({ allowHalfOpen: allowHalfOpen }, function (s) {
      results.push('net allowHalfOpen ' + allowHalfOpen + ': ' + s.allowHalfOpen +
                   ' server ' + (s.server === srv) + ' _server ' + (s._server === srv));
      s.allowHalfOpen = !allowHalfOpen;
      results.push('  set: ' + s.allowHalfOpen);
      s._server = null;
      results.push('  _server set apart: ' + (s._server === null) + ' server ' + (s.server === srv));
      s._server = srv; // it counts the server's connections down on close
      s.destroy();
      c.destroy();
      srv.close(next);
    });
    var c;
    srv.listen(0, '127.0.0.1', function () {
      c = net.connect(srv.address().port, '127.0.0.1');
      c.on('error', function () {});
    });
  }
  one(false, function () {
    one(true, function () {
      console.log(results.join('\n'));
      var client = new net.Socket();
      console.log('client socket: allowHalfOpen', client.allowHalfOpen,
                  'server', client.server == null);
      emitters();
    });
  });
}

function emitters() {
  function capture(e) {
    var sym = Object.getOwnPropertySymbols(e).filter(function (s) {
      return String(s) === 'Symbol(kCapture)';
    })[0];
    return sym ? e[sym] : 'none';
  }
  var before = new EventEmitter();
  EventEmitter.captureRejections = true;
  var after = new EventEmitter();
  var explicit = new EventEmitter({ captureRejections: false });
  EventEmitter.captureRejections = false;
  console.log('kCapture before', capture(before), 'after', capture(after),
              'explicit', capture(explicit), 'later', capture(new EventEmitter()));
  var e = new EventEmitter();
  assert.strictEqual(e._maxListeners, undefined);
  assert.strictEqual(e.getMaxListeners(), EventEmitter.defaultMaxListeners);
  console.log('plain emitter keys', Object.keys(e).join(','));
}
