// http server: closeAllConnections (busy and idle), requestTimeout while
// the request head and body trickle in, maxRequestsPerSocket on a
// keep-alive connection and with pipelining, socket.bytesRead counting
// what the parser consumed.
var http = require('http');
var net = require('net');

var steps = [bytesRead, maxRequests, maxRequestsPipelined, requestTimeout, closeAll];
function next() {
  var s = steps.shift();
  if (s) s();
  else console.log('done');
}

function strip(s) {
  return s.replace(/Date: [^\r]*\r\n/g, '').replace(/Keep-Alive: [^\r]*\r\n/g, '');
}

function bytesRead() {
  var reqText = 'POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\n0123456789';
  var server = http.createServer(function (req, res) {
    req.resume();
    req.on('end', function () {
      console.log('bytesRead: after the body', req.socket.bytesRead === reqText.length);
      res.end('ok');
    });
  });
  server.listen(0, '127.0.0.1', function () {
    var c = net.connect(server.address().port, '127.0.0.1', function () {
      c.end(reqText);
    });
    c.resume();
    c.on('close', function () { server.close(next); });
  });
}

function maxRequests() {
  var n = 0;
  var server = http.createServer(function (req, res) { res.end('r' + (++n)); });
  server.maxRequestsPerSocket = 2;
  server.listen(0, '127.0.0.1', function () {
    var c = net.connect(server.address().port, '127.0.0.1');
    var got = '', sent = 0;
    function send() {
      sent++;
      c.write('GET /' + sent + ' HTTP/1.1\r\nHost: a\r\n\r\n');
    }
    c.on('connect', send);
    c.setEncoding('latin1');
    c.on('data', function (d) {
      got += d;
      if (sent === 1 && /r1$/.test(got)) send();
    });
    c.on('end', function () {
      console.log('maxRequests:', JSON.stringify(strip(got)));
      c.end();
      server.close(next);
    });
  });
}

function maxRequestsPipelined() {
  var server = http.createServer(function (req, res) { res.end(req.url); });
  server.maxRequestsPerSocket = 2;
  server.listen(0, '127.0.0.1', function () {
    var c = net.connect(server.address().port, '127.0.0.1', function () {
      c.write('GET /a HTTP/1.1\r\nHost: a\r\n\r\nGET /b HTTP/1.1\r\nHost: a\r\n\r\nGET /c HTTP/1.1\r\nHost: a\r\n\r\n');
    });
    var got = '';
    c.setEncoding('latin1');
    // Node answers the third request with a 503 (and, unlike lode, keeps
    // the connection open afterwards): stop at the 503's last chunk.
    c.on('data', function (d) {
      got += d;
      if (/503[\s\S]*0\r\n\r\n$/.test(got)) {
        console.log('pipelined:', JSON.stringify(strip(got)));
        c.destroy();
        server.close(next);
      }
    });
  });
}

function requestTimeout() {
  var server = http.createServer({ requestTimeout: 200, headersTimeout: 150, connectionsCheckingInterval: 20 },
    function (req, res) {
      req.resume();
      req.on('end', function () { res.end('fast ok'); });
    });
  server.listen(0, '127.0.0.1', function () {
    var port = server.address().port, results = {}, pending = 3;
    function finish() {
      if (--pending) return;
      console.log('requestTimeout: slow head', results.head);
      console.log('requestTimeout: slow body', results.body);
      console.log('requestTimeout: fast', results.fast);
      server.close(next);
    }
    function client(name, first, rest, every) {
      var c = net.connect(port, '127.0.0.1'), got = '', timer = null, i = 0;
      c.on('connect', function () {
        c.write(first);
        timer = setInterval(function () {
          if (i < rest.length) c.write(rest[i++]);
        }, every);
      });
      c.setEncoding('latin1');
      c.on('data', function (d) { got += d; });
      c.on('error', function () {});
      c.on('close', function () {
        clearInterval(timer);
        results[name] = JSON.stringify(strip(got).replace(/\r\n\r\n[\s\S]*/, ''));
        finish();
      });
    }
    // Headers that never finish: cut by headersTimeout.
    client('head', 'GET / HTTP/1.1\r\n', ['X-A: 1\r\n', 'X-B: 2\r\n', 'X-C: 3\r\n', 'X-D: 4\r\n',
      'X-E: 5\r\n', 'X-F: 6\r\n', 'X-G: 7\r\n', 'X-H: 8\r\n', 'X-I: 9\r\n', 'X-J: 10\r\n'], 50);
    // A body that trickles: cut by requestTimeout.
    client('body', 'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\n',
      ['aaaaaaaaaa', 'bbbbbbbbbb', 'cccccccccc', 'dddddddddd', 'eeeeeeeeee', 'ffffffffff', 'gggggggggg'], 60);
    // A complete request is served meanwhile.
    client('fast', 'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\nConnection: close\r\n\r\nhi', [], 1000);
  });
}

function closeAll() {
  var server = http.createServer(function (req, res) {
    if (req.url === '/busy') {
      res.write('partial', function () { server.closeAllConnections(); });
      return;
    }
    res.end('idle');
  });
  server.listen(0, '127.0.0.1', function () {
    var port = server.address().port;
    var agent = new http.Agent({ keepAlive: true });
    http.get({ port: port, host: '127.0.0.1', path: '/idle', agent: agent }, function (res) {
      res.resume();
      res.on('end', function () {
        // One idle keep-alive connection now; a second request is busy.
        var req = http.get({ port: port, host: '127.0.0.1', path: '/busy', agent: new http.Agent() },
          function (res2) {
            res2.on('data', function (d) { console.log('closeAll: busy got', String(d)); });
            res2.on('error', function (e) { console.log('closeAll: busy response error', e.code, e.message); });
            res2.on('close', function () {
              console.log('closeAll: busy response closed, complete', res2.complete);
              server.close(function () {
                console.log('closeAll: server closed');
                agent.destroy();
                next();
              });
            });
          });
        req.on('error', function (e) { console.log('closeAll: req error', e.code); });
      });
    });
  });
}

next();
