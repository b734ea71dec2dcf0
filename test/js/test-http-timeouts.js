// http: slow clients that never finish their headers are cut by
// headersTimeout (408) while other connections are served; the
// keep-alive timeout closes idle connections; server.setTimeout;
// closeIdleConnections.
var http = require('http');
var net = require('net');

var server = http.createServer({ headersTimeout: 300, requestTimeout: 600,
  connectionsCheckingInterval: 50 }, function (req, res) {
  res.end('served ' + req.url);
});
server.keepAliveTimeout = 200;

server.listen(0, '127.0.0.1', function () {
  var port = server.address().port;
  var slowDone = 0, slowLines = [];
  // Three slow clients: headers never finish.
  for (var i = 0; i < 3; i++) (function (i) {
    var s = net.connect(port, '127.0.0.1', function () {
      s.write('GET /slow' + i + ' HTTP/1.1\r\nHost: h\r\nX-Slow: ');
    });
    var out = '';
    s.setEncoding('latin1');
    s.on('data', function (d) { out += d; });
    s.on('close', function () {
      slowLines.push('slow client ' + i + ' got ' + JSON.stringify(out.split('\r\n')[0]));
      if (++slowDone === 3) {
        console.log(slowLines.sort().join('\n'));
        keepAlive();
      }
    });
  })(i);
  // Meanwhile others are served.
  var served = 0;
  for (var j = 0; j < 5; j++) (function (j) {
    http.get({ host: '127.0.0.1', port: port, path: '/fast' + j, agent: false }, function (res) {
      var b = '';
      res.setEncoding('utf8');
      res.on('data', function (d) { b += d; });
      res.on('end', function () { console.log(b); });
    });
  })(j);

  function keepAlive() {
    // An idle keep-alive connection is closed by keepAliveTimeout.
    var s = net.connect(port, '127.0.0.1', function () {
      s.write('GET /ka HTTP/1.1\r\nHost: h\r\n\r\n');
    });
    var out = '';
    s.setEncoding('latin1');
    s.on('data', function (d) { out += d; });
    s.on('close', function () {
      console.log('keep-alive closed by the server after', /served \/ka/.test(out) ? 'a response' : 'nothing',
        /Keep-Alive: timeout=0/.test(out) || /Keep-Alive: timeout=\d+/.test(out));
      idle();
    });
  }

  function idle() {
    var a = net.connect(port, '127.0.0.1', function () {
      a.write('GET /idle HTTP/1.1\r\nHost: h\r\n\r\n');
    });
    a.on('data', function () {
      server.keepAliveTimeout = 0;
      setTimeout(function () { server.closeIdleConnections(); }, 20);
    });
    a.on('close', function () {
      console.log('idle connection closed');
      server.close(function () { console.log('closed'); });
    });
  }
});
