// http: 1,000 parallel requests through an Agent with keep-alive and
// maxSockets: every answer arrives, at most maxSockets connections are
// opened and they are reused; agent: false; request/get with URL
// strings, URL objects and options; chunked uploads.
var http = require('http');
var assert = require('assert');

var connections = 0;
var server = http.createServer(function (req, res) {
  var n = 0;
  req.on('data', function (d) { n += d.length; });
  req.on('end', function () {
    res.setHeader('Content-Type', 'text/plain');
    res.end(req.method + ' ' + req.url + ' ' + n + ' ' + (req.headers['transfer-encoding'] || '-'));
  });
});
server.on('connection', function () { connections++; });

server.listen(0, '127.0.0.1', function () {
  var port = server.address().port;
  var agent = new http.Agent({ keepAlive: true, maxSockets: 10 });
  var done = 0, ok = 0, N = 1000;
  for (var i = 0; i < N; i++) (function (i) {
    http.get({ host: '127.0.0.1', port: port, path: '/r' + i, agent: agent }, function (res) {
      var body = '';
      res.setEncoding('utf8');
      res.on('data', function (d) { body += d; });
      res.on('end', function () {
        if (body === 'GET /r' + i + ' 0 -') ok++;
        if (++done === N) {
          console.log('answers', ok, 'connections', connections, 'sockets <= 10', connections <= 10);
          agent.destroy();
          more(port);
        }
      });
    });
  })(i);
});

function more(port) {
  connections = 0;
  var url = 'http://127.0.0.1:' + port + '/str?x=1';
  http.get(url, { agent: false }, function (res) {
    res.setEncoding('utf8');
    var b = '';
    res.on('data', function (d) { b += d; });
    res.on('end', function () {
      console.log('url string:', res.statusCode, b, res.headers.connection);
      var u = new URL('http://127.0.0.1:' + port + '/obj');
      http.get(u, function (res2) {
        res2.resume();
        res2.on('end', function () {
          console.log('url object:', res2.statusCode, res2.headers['content-length']);
          upload(port);
        });
      });
    });
  });
}

function upload(port) {
  var req = http.request({ host: '127.0.0.1', port: port, method: 'POST', path: '/up' }, function (res) {
    var b = '';
    res.setEncoding('utf8');
    res.on('data', function (d) { b += d; });
    res.on('end', function () {
      console.log('chunked upload:', b);
      req.on('close', function () {
        http.globalAgent.destroy();
        server.close(function () { console.log('closed'); });
      });
    });
  });
  req.write('abc');
  req.write(Buffer.from('defg'));
  req.end('hi');
}
