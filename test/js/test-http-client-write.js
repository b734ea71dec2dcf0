// How a client request's head and body reach the socket: bodies in
// Latin-1, UTF-8 and as a Buffer arrive intact, the socket counts every
// byte written, 'finish' comes after the write and before the response,
// and a keep-alive socket's second request is written the same way.
// Compared with node.
var http = require('http');

function L() { console.log(Array.prototype.slice.call(arguments).join(' ')); }

var server = http.createServer(function (req, res) {
  var chunks = [];
  req.on('data', function (d) { chunks.push(d); });
  req.on('end', function () {
    var b = Buffer.concat(chunks);
    res.end(req.method + ' ' + req.url + ' ' + b.length + ' ' + b.toString('hex'));
  });
});
var agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function send(opts, body, enc, done) {
  var order = [];
  var req = http.request(Object.assign({ host: '127.0.0.1', port: server.address().port, agent: agent }, opts),
    function (res) {
      order.push('response');
      var data = '';
      res.on('data', function (d) { data += d; });
      res.on('end', function () {
        var sock = req.socket;
        L(opts.method || 'GET', opts.path, '->', data);
        L('  order', order.join(','), 'bytesWritten = head + body', sock.bytesWritten - req._header.length -
          (body === undefined ? 0 : Buffer.byteLength(body, enc)) === done.before);
        done(sock.bytesWritten);
      });
    });
  req.on('finish', function () { order.push('finish'); });
  req.on('socket', function () { order.push('socket'); });
  if (body === undefined) req.end();
  else req.end(body, enc);
}

server.listen(0, '127.0.0.1', function () {
  var steps = [
    [{ path: '/get' }],
    [{ path: '/latin1', method: 'POST', headers: { 'Content-Length': 3 } }, 'a\u00e9b', 'latin1'],
    [{ path: '/utf8', method: 'POST', headers: { 'Content-Length': 4 } }, 'a\u00e9b', 'utf8'],
    [{ path: '/buffer', method: 'PUT', headers: { 'Content-Length': 2 } }, Buffer.from([0, 255])],
    [{ path: '/ascii', method: 'POST', headers: { 'Content-Length': 5 } }, 'hello'],
    [{ path: '/again' }]
  ];
  var i = 0, written = 0;
  (function next() {
    if (i === steps.length) {
      agent.destroy();
      server.close(function () { L('done'); });
      return;
    }
    var s = steps[i++];
    var done = function (total) { written = total; next(); };
    done.before = written; // the socket's count before this request
    send(s[0], s[1], s[2], done);
  })();
});
