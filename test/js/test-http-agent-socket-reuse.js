// A keep-alive agent socket across requests: responses stay whole and in
// order, an idle pooled socket that the server closes is dropped (the
// next request gets a new connection), as is one that fails, listeners a user
// removes between requests do not stop the next one, and a socket taken
// by an upgrade keeps none of the client's listeners. Compared with node.
var http = require('http');
var net = require('net');

var log = [];
function L() { console.log(Array.prototype.slice.call(arguments).join(' ')); }

var conns = 0;
var server = http.createServer(function (req, res) {
  var body = 'body of ' + req.url;
  if (req.url === '/close-after') {
    res.setHeader('Content-Length', body.length);
    res.end(body, function () { req.socket.end(); });
    return;
  }
  res.setHeader('Content-Length', body.length);
  res.end(body);
});
server.on('connection', function () { conns++; });
server.on('upgrade', function (req, socket) {
  socket.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: test\r\nConnection: Upgrade\r\n\r\n');
  socket.on('data', function (d) { socket.end('echo:' + d); });
});

var agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
var port;

function get(path, cb) {
  var req = http.get({ port: port, host: '127.0.0.1', path: path, agent: agent }, function (res) {
    var data = '';
    res.setEncoding('utf8');
    res.on('data', function (d) { data += d; });
    res.on('end', function () { cb(req, res, data); });
  });
  req.on('error', function (e) { L('error', path, e.code || e.message); });
  return req;
}

var steps = [
  function (next) {
    // Five in a row on one connection.
    var n = 0, sockets = [];
    (function one() {
      get('/r' + n, function (req, res, data) {
        sockets.push(req.socket);
        L('ka', n, res.statusCode, data, req.reusedSocket, conns);
        if (++n < 5) setImmediate(one);
        else { L('same socket', sockets.every(function (s) { return s === sockets[0]; })); next(); }
      });
    })();
  },
  function (next) {
    // The server ends the connection once the response is out: the pooled
    // socket goes, and the next request connects again.
    get('/close-after', function (req, res, data) {
      L('close-after', data, conns);
      req.socket.on('close', function () {
        setImmediate(function () {
          get('/after-close', function (req2, res2, data2) {
            L('after-close', data2, req2.reusedSocket, conns);
            next();
          });
        });
      });
    });
  },
  function (next) {
    // An error on an idle pooled socket: the agent drops it, nothing is
    // thrown, and the next request connects again.
    get('/before-error', function (req, res, data) {
      var sock = req.socket;
      L('before-error', data);
      setImmediate(function () {
        sock.on('agentRemove', function () { L('agentRemove'); });
        sock.on('close', function () {
          L('closed');
          get('/after-error', function (req2, res2, data2) {
            L('after-error', data2, req2.reusedSocket, req2.socket === sock, conns);
            next();
          });
        });
        sock.destroy(new Error('boom'));
      });
    });
  },
  function (next) {
    // A user removes the socket's 'data' listeners between two requests.
    get('/before-remove', function (req, res, data) {
      var sock = req.socket;
      L('before-remove', data);
      setImmediate(function () {
        sock.removeAllListeners('data');
        get('/after-remove', function (req2, res2, data2) {
          L('after-remove', data2, req2.socket === sock);
          next();
        });
      });
    });
  },
  function (next) {
    // An upgrade on a socket that served keep-alive requests before.
    get('/pre-upgrade', function (req) {
      var sock = req.socket;
      setImmediate(function () {
        var up = http.request({ port: port, host: '127.0.0.1', path: '/up', agent: agent,
          headers: { Connection: 'Upgrade', Upgrade: 'test' } });
        up.on('upgrade', function (res, socket, head) {
          L('upgrade', res.statusCode, socket === sock, head.length,
            socket.listenerCount('data'), socket.listenerCount('end'), socket.listenerCount('drain'));
          socket.on('data', function (d) { L('upgraded', String(d)); });
          socket.on('end', function () { socket.end(); next(); });
          socket.write('hi');
        });
        up.end();
      });
    });
  }
];

server.listen(0, '127.0.0.1', function () {
  port = server.address().port;
  var i = 0;
  (function run() {
    if (i === steps.length) {
      agent.destroy();
      server.close(function () { L('done'); });
      return;
    }
    steps[i++](run);
  })();
});
