// requestTimeout limits receiving a request, not an idle keep-alive
// connection: after a complete GET is answered, the connection stays open
// past requestTimeout until keepAliveTimeout closes it; a request whose
// body never finishes is cut by requestTimeout with a 408, and so is a
// second request on a keep-alive connection whose head never finishes.
var http = require('http');
var net = require('net');
var server = http.createServer({ requestTimeout: 300, connectionsCheckingInterval: 50 },
  function (req, res) {
    req.resume();
    req.on('end', function () { res.end('ok'); });
  });
server.keepAliveTimeout = 1500;
server.listen(0, '127.0.0.1', function () {
  var port = server.address().port;
  var c = net.connect(port, '127.0.0.1');
  var got = '', t0 = Date.now(), answered = 0;
  c.setEncoding('latin1');
  c.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
  c.on('data', function (d) { got += d; answered = Date.now(); });
  c.on('close', function () {
    var idle = Date.now() - answered;
    console.log('answered', /200 OK/.test(got));
    // Closed by keepAliveTimeout (1.5 s), not by requestTimeout (0.3 s).
    console.log('idle connection lived past requestTimeout', idle > 1000);
    slowBody(port);
  });
});

function slowBody(port) {
  var c = net.connect(port, '127.0.0.1');
  var got = '';
  c.setEncoding('latin1');
  c.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n12345');
  c.on('data', function (d) { got += d; });
  c.on('close', function () {
    console.log('slow body:', got.split('\r\n')[0]);
    slowSecondHead(port);
  });
}

function slowSecondHead(port) {
  var c = net.connect(port, '127.0.0.1');
  var got = '', first = true;
  c.setEncoding('latin1');
  c.write('GET /1 HTTP/1.1\r\nHost: x\r\n\r\n');
  c.on('data', function (d) {
    got += d;
    if (first && /\r\n\r\nok$/.test(got)) {
      first = false;
      c.write('GET /2 HTTP/1.1\r\nHost: x\r\nX-Slow: '); // never ends
    }
  });
  c.on('close', function () {
    var lines = got.split('\r\n').filter(function (l) { return /^HTTP\/1.1/.test(l); });
    console.log('second head:', JSON.stringify(lines));
    server.close(function () { console.log('closed'); });
  });
}
