// http: each malformed request (request smuggling shapes included) gets
// its 400 (431 for headers too large), the connection closes, and a
// keep-alive connection opened before keeps being served in between.
var http = require('http');
var net = require('net');

var H = 'Host: h\r\n', TE = 'Transfer-Encoding: chunked\r\n';
var cases = [
  ['bare LF after the request line', 'GET / HTTP/1.1\n' + H + '\r\n'],
  ['bare LF after a header', 'GET / HTTP/1.1\r\nHost: a\n\n'],
  ['bare CR between headers', 'GET / HTTP/1.1\r\nHost: a\rX: b\r\n\r\n'],
  ['CL then TE', 'POST / HTTP/1.1\r\n' + H + 'Content-Length: 3\r\n' + TE + '\r\n0\r\n\r\n'],
  ['TE then CL', 'POST / HTTP/1.1\r\n' + H + TE + 'Content-Length: 3\r\n\r\n0\r\n\r\n'],
  ['two differing CL', 'POST / HTTP/1.1\r\n' + H + 'Content-Length: 3\r\nContent-Length: 4\r\n\r\nabcd'],
  ['two equal CL', 'POST / HTTP/1.1\r\n' + H + 'Content-Length: 3\r\nContent-Length: 3\r\n\r\nabc'],
  ['CL list', 'POST / HTTP/1.1\r\n' + H + 'Content-Length: 3, 3\r\n\r\nabc'],
  ['CL letter', 'POST / HTTP/1.1\r\n' + H + 'Content-Length: 3a\r\n\r\nabc'],
  ['CL negative', 'POST / HTTP/1.1\r\n' + H + 'Content-Length: -1\r\n\r\nabc'],
  ['CL plus', 'POST / HTTP/1.1\r\n' + H + 'Content-Length: +3\r\n\r\nabc'],
  ['CL overflow', 'POST / HTTP/1.1\r\n' + H + 'Content-Length: 99999999999999999999999\r\n\r\nabc'],
  ['CL empty', 'POST / HTTP/1.1\r\n' + H + 'Content-Length: \r\n\r\nabc'],
  ['chunked not last', 'POST / HTTP/1.1\r\n' + H + 'Transfer-Encoding: chunked, gzip\r\n\r\n0\r\n\r\n'],
  ['chunked comma', 'POST / HTTP/1.1\r\n' + H + 'Transfer-Encoding: chunked,\r\n\r\n0\r\n\r\n'],
  ['identity', 'POST / HTTP/1.1\r\n' + H + 'Transfer-Encoding: identity\r\n\r\n'],
  ['xchunked', 'POST / HTTP/1.1\r\n' + H + 'Transfer-Encoding: xchunked\r\n\r\n0\r\n\r\n'],
  ['chunked twice', 'POST / HTTP/1.1\r\n' + H + TE + TE + '\r\n0\r\n\r\n'],
  ['space before colon', 'POST / HTTP/1.1\r\n' + H + 'Transfer-Encoding : chunked\r\n\r\n0\r\n\r\n'],
  ['bad chunk size', 'POST / HTTP/1.1\r\n' + H + TE + '\r\nzz\r\nabc\r\n0\r\n\r\n'],
  ['chunk size overflow', 'POST / HTTP/1.1\r\n' + H + TE + '\r\nfffffffffffffffff\r\nabc\r\n0\r\n\r\n'],
  ['chunk size space', 'POST / HTTP/1.1\r\n' + H + TE + '\r\n3 \r\nabc\r\n0\r\n\r\n'],
  ['chunk ext space', 'POST / HTTP/1.1\r\n' + H + TE + '\r\n3;a b\r\nabc\r\n0\r\n\r\n'],
  ['chunk too long', 'POST / HTTP/1.1\r\n' + H + TE + '\r\n3\r\nabcX\r\n0\r\n\r\n'],
  ['chunk bare LF', 'POST / HTTP/1.1\r\n' + H + TE + '\r\n3\nabc\n0\n\n'],
  ['bad trailer', 'POST / HTTP/1.1\r\n' + H + TE + '\r\n3\r\nabc\r\n0\r\nX T: 1\r\n\r\n'],
  ['space in name', 'GET / HTTP/1.1\r\n' + H + 'X Y: 1\r\n\r\n'],
  ['empty name', 'GET / HTTP/1.1\r\n' + H + ': a\r\n\r\n'],
  ['no colon', 'GET / HTTP/1.1\r\n' + H + 'XY\r\n\r\n'],
  ['CTL in value', 'GET / HTTP/1.1\r\n' + H + 'X: a\x01b\r\n\r\n'],
  ['NUL in value', 'GET / HTTP/1.1\r\n' + H + 'X: a\x00b\r\n\r\n'],
  ['obs-fold', 'GET / HTTP/1.1\r\n' + H + 'X: a\r\n b\r\n\r\n'],
  ['lower-case method', 'get / HTTP/1.1\r\n' + H + '\r\n'],
  ['unknown method', 'FOO / HTTP/1.1\r\n' + H + '\r\n'],
  ['CTL in url', 'GET /a\x01b HTTP/1.1\r\n' + H + '\r\n'],
  ['HTTP/1.2', 'GET / HTTP/1.2\r\n' + H + '\r\n'],
  ['http/1.1', 'GET / http/1.1\r\n' + H + '\r\n'],
  ['space after version', 'GET / HTTP/1.1 \r\n' + H + '\r\n'],
  ['second pipelined broken', 'GET /1 HTTP/1.1\r\n' + H + '\r\nGET /2 HTTP/1.1\r\nX Y: z\r\n\r\n'],
  ['headers too large', 'GET / HTTP/1.1\r\n' + H + 'X: ' + new Array(17001).join('a') + '\r\n\r\n']
];

var served = 0;
var server = http.createServer(function (req, res) {
  served++;
  res.end('ok ' + req.url);
});

server.listen(0, '127.0.0.1', function () {
  var port = server.address().port;
  // A keep-alive client that asks between the bad requests.
  var good = net.connect(port, '127.0.0.1');
  var goodBuf = '';
  var waiting = null;
  good.setEncoding('latin1');
  good.on('data', function (d) {
    goodBuf += d;
    var m = /\r\n\r\n(ok \/good\d+)/.exec(goodBuf);
    if (m && waiting) {
      goodBuf = goodBuf.slice(goodBuf.indexOf(m[1]) + m[1].length);
      var w = waiting;
      waiting = null;
      w(m[1]);
    }
  });
  var i = 0;
  function next() {
    if (i === cases.length) {
      console.log('served', served);
      good.end();
      server.close(function () { console.log('closed'); });
      return;
    }
    var c = cases[i++];
    var s = net.connect(port, '127.0.0.1', function () { s.end(c[1], 'latin1'); });
    var out = '';
    s.setEncoding('latin1');
    s.on('data', function (d) { out += d; });
    s.on('error', function () {});
    s.on('close', function () {
      var line = out.split('\r\n')[0];
      waiting = function (answer) {
        console.log(c[0] + ': ' + line + ' | ' + answer);
        next();
      };
      good.write('GET /good' + i + ' HTTP/1.1\r\nHost: h\r\n\r\n');
    });
  }
  next();
});
