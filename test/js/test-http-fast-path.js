// The server's C fast paths (buildHead, writeResponse, the parser's idle
// timer) produce the same bytes and errors as node's: raw responses of
// writeHead + end in their common shapes, read off a raw socket.
var http = require('http');
var net = require('net');

var cases = [
  ['/plain', function (res) { res.writeHead(200, {'Content-Type': 'text/plain'}); res.end('Hello World'); }],
  ['/len', function (res) { res.writeHead(201, {'Content-Length': 2}); res.end('ok'); }],
  ['/implicit', function (res) { res.end('implicit \u00e9'); }],
  ['/buffer', function (res) { res.writeHead(200); res.end(Buffer.from([0x61, 0x62, 0x63])); }],
  ['/latin1', function (res) { res.writeHead(200, {'X-L': 'caf\u00e9'}); res.end('\u00ff\u00e9', 'latin1'); }],
  ['/latin1long', function (res) {
    res.writeHead(200, {'X-Long': 'abcdefghijklmnop\u00e9qrstuvwxyz0123\u00ffend', 'X-Tail': 'twelve bytes\u00e9'});
    res.end('0123456789abcdef\u00e90123456789\u00ff', 'latin1');
  }],
  ['/removedmeanwhile', function (res) {
    // a value whose string removes a header not yet written: it is skipped
    res.setHeader('X-A', {toString: function () { res.removeHeader('x-b'); return 'a'; }});
    res.setHeader('X-B', 'b');
    res.end('rm');
  }],
  ['/empty', function (res) { res.writeHead(204); res.end(); }],
  ['/emptychunked', function (res) { res.writeHead(200, {'X-A': 'b'}); res.end(); }],
  ['/reason', function (res) { res.writeHead(404, 'Nope', {'X-N': 1}); res.end('x'); }],
  ['/setheader', function (res) { res.setHeader('Set-Cookie', ['a=1', 'b=2']); res.writeHead(200, {'X-B': 'c'}); res.end('sc'); }],
  ['/close', function (res) { res.writeHead(200, {'Connection': 'close'}); res.end('bye'); }],
  ['/te', function (res) { res.writeHead(200, {'Transfer-Encoding': 'chunked'}); res.end('te'); }],
  ['/arrayval', function (res) { res.writeHead(200, {'X-Arr': ['1', '2']}); res.end('arr'); }],
  ['/badname', function (res) {
    try { res.writeHead(200, {'Bad Name': 'x'}); } catch (e) { console.log('badname', e.code, res.headersSent); }
    res.writeHead(500); res.end('after');
  }],
  ['/badvalue', function (res) {
    try { res.writeHead(200, {'X-V': 'a\r\nb'}); } catch (e) { console.log('badvalue', e.code, res.headersSent); }
    res.end('after');
  }],
  ['/written', function (res) { res.writeHead(200); res.write('a'); res.end('b'); }],
  ['/getheader', function (res) {
    res.writeHead(200, {'X-G': 'g'});
    console.log('getHeader after writeHead(obj)', res.getHeader('x-g'), res.headersSent);
    res.end();
  }]
];

var handlers = {};
cases.forEach(function (c) { handlers[c[0]] = c[1]; });

var server = http.createServer(function (req, res) {
  res.on('finish', function () { console.log('finish', req.url, res.writableEnded, res.writableFinished); });
  handlers[req.url](res, req);
});
server.keepAliveTimeout = 300;

function mask(s) {
  return s.replace(/Date: [^\r]*\r\n/, 'Date: <masked>\r\n');
}

server.listen(0, '127.0.0.1', function () {
  var port = server.address().port;
  var i = 0;
  function one() {
    if (i === cases.length) return idle();
    var path = cases[i++][0];
    var c = net.connect(port, '127.0.0.1');
    var got = '';
    c.setEncoding('latin1');
    c.write('GET ' + path + ' HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    c.on('data', function (d) { got += d; });
    c.on('end', function () {
      console.log(path, JSON.stringify(mask(got)));
      one();
    });
  }
  // A keep-alive connection left idle is closed by the server after
  // keepAliveTimeout; a HEAD gets a head without a body.
  function idle() {
    var c = net.connect(port, '127.0.0.1');
    var got = '';
    c.setEncoding('latin1');
    c.write('HEAD /plain HTTP/1.1\r\nHost: x\r\n\r\n');
    c.on('data', function (d) { got += d; });
    c.on('end', function () {
      console.log('idle keep-alive closed by server', JSON.stringify(mask(got)));
      server.close(function () { console.log('closed'); });
    });
  }
  one();
});
