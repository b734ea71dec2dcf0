// http: the response header API (writeHead, statusMessage, getHeaders,
// removeHeader, hasHeader, headersSent), set-cookie arrays, rawHeaders and
// trailers both ways, HEAD without a body, 204/304, validateHeaderName and
// validateHeaderValue, header values beyond Latin-1, STATUS_CODES, METHODS.
var http = require('http');
var net = require('net');

console.log(http.STATUS_CODES[200], http.STATUS_CODES[418], http.STATUS_CODES[511], http.STATUS_CODES[999]);
console.log(http.METHODS.length > 30, http.METHODS.indexOf('GET') >= 0, http.METHODS.indexOf('PATCH') >= 0,
  http.METHODS.join(',') === http.METHODS.slice().sort().join(','));

function tryIt(label, fn) {
  try {
    fn();
    console.log(label, 'ok');
  } catch (e) {
    console.log(label, e.name, e.code, e.message);
  }
}
tryIt('name ok', function () { http.validateHeaderName('X-Good'); });
tryIt('name bad', function () { http.validateHeaderName('bad name'); });
tryIt('name empty', function () { http.validateHeaderName(''); });
tryIt('value ok', function () { http.validateHeaderValue('x', 'caf\u00e9'); });
tryIt('value undefined', function () { http.validateHeaderValue('x', undefined); });
tryIt('value CRLF', function () { http.validateHeaderValue('x', 'a\r\nb'); });
tryIt('value NUL', function () { http.validateHeaderValue('x', 'a\u0000b'); });

var server = http.createServer(function (req, res) {
  var u = req.url;
  if (u === '/api') {
    console.log('headersSent before', res.headersSent, res.statusCode, res.statusMessage);
    res.setHeader('X-A', 'a');
    res.setHeader('X-B', ['b1', 'b2']);
    res.setHeader('Set-Cookie', ['c1=1', 'c2=2']);
    res.setHeader('X-Remove', 'gone');
    console.log('hasHeader', res.hasHeader('x-a'), res.hasHeader('X-B'), res.hasHeader('nope'));
    res.removeHeader('x-remove');
    console.log('getHeader', res.getHeader('x-b'), res.getHeader('x-remove'));
    console.log('getHeaders', JSON.stringify(res.getHeaders()));
    console.log('getHeaderNames', res.getHeaderNames().join(','));
    tryIt('setHeader non-latin1', function () { res.setHeader('X-Bad', 'snow \u2603'); });
    tryIt('setHeader bad name', function () { res.setHeader('X Bad', 'v'); });
    tryIt('setHeader undefined', function () { res.setHeader('X-U', undefined); });
    res.writeHead(201, 'Made It', { 'X-Head': 'h', 'Content-Type': 'text/plain' });
    console.log('headersSent after writeHead', res.headersSent, res.statusCode, res.statusMessage);
    tryIt('setHeader after writeHead', function () { res.setHeader('X-Late', '1'); });
    res.end('body');
  } else if (u === '/trailers') {
    console.log('request rawHeaders', JSON.stringify(req.rawHeaders).replace(/:[0-9]+"/, ':PORT"'));
    console.log('request set-cookie', JSON.stringify(req.headers['set-cookie']), req.headers['x-dup']);
    req.on('data', function () {});
    req.on('end', function () {
      console.log('request trailers', JSON.stringify(req.trailers), JSON.stringify(req.rawTrailers));
      res.writeHead(200, { 'Trailer': 'X-Sum', 'Transfer-Encoding': 'chunked' });
      res.write('part');
      res.addTrailers({ 'X-Sum': '42' });
      res.end();
    });
  } else if (u === '/head') {
    res.setHeader('Content-Length', 11);
    res.end('hello world');
  } else if (u === '/204') {
    res.writeHead(204);
    res.end();
  } else if (u === '/304') {
    res.statusCode = 304;
    res.end();
  } else {
    res.end();
  }
});

var steps = [api, trailers, head, s204, s304, raw204];
function next() {
  var s = steps.shift();
  if (s) s();
  else server.close(function () { console.log('done'); });
}

server.listen(0, '127.0.0.1', next);

function api() {
  http.get({ port: server.address().port, host: '127.0.0.1', path: '/api' }, function (res) {
    console.log('client', res.statusCode, res.statusMessage, res.headers['x-b'], res.headers['x-head'],
      JSON.stringify(res.headers['set-cookie']), res.headers['x-remove']);
    var body = '';
    res.on('data', function (d) { body += d; });
    res.on('end', function () { console.log('client body', body); next(); });
  });
}

function trailers() {
  var req = http.request({ port: server.address().port, host: '127.0.0.1', path: '/trailers',
    method: 'POST', headers: { 'X-Dup': ['1', '2'], 'Set-Cookie': ['a=1', 'b=2'], 'Trailer': 'X-Client' } });
  req.write('chunk1');
  req.addTrailers({ 'X-Client': 'tv' });
  req.end('chunk2');
  req.on('response', function (res) {
    var body = '';
    res.on('data', function (d) { body += d; });
    res.on('end', function () {
      console.log('client trailers', body, JSON.stringify(res.trailers), JSON.stringify(res.rawTrailers));
      next();
    });
  });
}

function head() {
  var req = http.request({ port: server.address().port, host: '127.0.0.1', path: '/head', method: 'HEAD' },
    function (res) {
      var n = 0;
      res.on('data', function (d) { n += d.length; });
      res.on('end', function () {
        console.log('HEAD', res.statusCode, res.headers['content-length'], 'body bytes', n);
        next();
      });
    });
  req.end();
}

function s204() {
  http.get({ port: server.address().port, host: '127.0.0.1', path: '/204' }, function (res) {
    var n = 0;
    res.on('data', function (d) { n += d.length; });
    res.on('end', function () {
      console.log('204', res.headers['content-length'], res.headers['transfer-encoding'], n);
      next();
    });
  });
}

function s304() {
  http.get({ port: server.address().port, host: '127.0.0.1', path: '/304' }, function (res) {
    res.resume();
    res.on('end', function () {
      console.log('304', res.statusCode, res.headers['content-length'], res.headers['transfer-encoding']);
      next();
    });
  });
}

// The raw bytes of a 204, a 304 and a HEAD answer on one connection:
// no body, no chunked terminator.
function raw204() {
  var c = net.connect(server.address().port, '127.0.0.1', function () {
    c.write('GET /204 HTTP/1.1\r\nHost: x\r\n\r\nGET /304 HTTP/1.1\r\nHost: x\r\n\r\n' +
      'HEAD /head HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
  });
  var got = '';
  c.setEncoding('latin1');
  c.on('data', function (d) { got += d; });
  c.on('end', function () {
    console.log(JSON.stringify(got.replace(/Date: [^\r]*\r\n/g, '').replace(/Keep-Alive: [^\r]*\r\n/g, '')));
    next();
  });
}
