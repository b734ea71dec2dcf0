// http: pipelined requests on one raw socket answered in order (a slow
// first response does not let later ones overtake it), HTTP/1.0, chunked
// responses with trailers, request trailers, header joining.
var http = require('http');
var net = require('net');

var server = http.createServer(function (req, res) {
  var body = [];
  req.on('data', function (d) { body.push(d); });
  req.on('end', function () {
    var text = Buffer.concat(body).toString();
    if (req.url === '/slow') {
      setTimeout(function () { res.end('slow done'); }, 50);
      return;
    }
    if (req.url === '/chunked') {
      res.setHeader('Trailer', 'X-Sum');
      res.write('part1,');
      res.write(Buffer.from('part2,'));
      res.addTrailers({ 'X-Sum': '42' });
      res.end('part3');
      return;
    }
    if (req.url === '/headers') {
      res.setHeader('Set-Cookie', ['a=1', 'b=2']);
      res.setHeader('X-Custom', 'v');
      res.statusCode = 201;
      res.statusMessage = 'Made';
      console.log('headers', JSON.stringify(req.headers), JSON.stringify(req.rawHeaders));
      res.end();
      return;
    }
    console.log('request', req.method, req.url, req.httpVersion, JSON.stringify(text),
      JSON.stringify(req.trailers));
    res.end(req.method + ' ' + req.url + ' ' + text);
  });
});

function strip(s) {
  return s.replace(/Date: [^\r]*\r\n/g, '');
}

server.listen(0, '127.0.0.1', function () {
  var port = server.address().port;
  var s = net.connect(port, '127.0.0.1', function () {
    s.write('GET /slow HTTP/1.1\r\nHost: h\r\n\r\n' +
      'POST /post HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello' +
      'POST /chunkedup HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2;x=y\r\nde\r\n0\r\nX-Check: yes\r\n\r\n' +
      'GET /chunked HTTP/1.1\r\nHost: h\r\n\r\n' +
      'GET /headers HTTP/1.1\r\nHost: h\r\nAccept: a\r\naccept: b\r\nCookie: x=1\r\nCookie: y=2\r\nContent-Type: t1\r\nContent-Type: t2\r\nX-Empty:\r\n\r\n' +
      'GET /last HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n');
  });
  var out = '';
  s.setEncoding('latin1');
  s.on('data', function (d) { out += d; });
  s.on('end', function () {
    console.log(strip(out));
    http10();
  });
  function http10() {
    var c = net.connect(port, '127.0.0.1', function () {
      c.write('GET /ten HTTP/1.0\r\n\r\n');
    });
    var o = '';
    c.setEncoding('latin1');
    c.on('data', function (d) { o += d; });
    c.on('end', function () {
      console.log(strip(o));
      http10ka();
    });
  }
  function http10ka() {
    var c = net.connect(port, '127.0.0.1', function () {
      c.write('GET /tenka HTTP/1.0\r\nConnection: keep-alive\r\n\r\n');
    });
    var o = '';
    c.setEncoding('latin1');
    c.on('data', function (d) {
      o += d;
      if (/ten/.test(o) && /\/tenka/.test(o)) {
        console.log(strip(o));
        c.end();
        server.close(function () { console.log('closed'); });
      }
    });
  }
});
