// https: a lode https server and client (keep-alive Agent, get, request
// with a body, URL strings), and curl --cacert against the server
// (compared with node).
'use strict';
var https = require('https');
var fs = require('fs');
var path = require('path');
var cp = require('child_process');
var F = path.join(__dirname, 'fixtures', 'tls');
function r(n) { return fs.readFileSync(path.join(F, n)); }

var connections = 0;
var server = https.createServer({ key: r('localhost-key.pem'), cert: r('localhost.pem') }, function (req, res) {
  var body = '';
  req.setEncoding('utf8');
  req.on('data', function (d) { body += d; });
  req.on('end', function () {
    res.setHeader('Content-Type', 'text/plain');
    res.end(req.method + ' ' + req.url + ' encrypted=' + !!req.socket.encrypted +
      (body ? ' body=' + body : '') + '\n');
  });
});
server.on('secureConnection', function () { connections++; });

server.listen(0, '127.0.0.1', function () {
  var port = server.address().port;
  var agent = new https.Agent({ keepAlive: true, maxSockets: 1, ca: r('ca.pem') });
  var base = { hostname: 'localhost', port: port, agent: agent };
  https.get(Object.assign({ path: '/one' }, base), function (res) {
    var data = '';
    res.on('data', function (d) { data += d; });
    res.on('end', function () {
      console.log('get', res.statusCode, res.headers['content-type'], JSON.stringify(data));
      var req = https.request(Object.assign({ path: '/two', method: 'POST' }, base), function (res2) {
        var d2 = '';
        res2.on('data', function (d) { d2 += d; });
        res2.on('end', function () {
          console.log('post', res2.statusCode, JSON.stringify(d2));
          console.log('keep-alive reused the connection:', connections === 1);
          agent.destroy();
          urlRequest(port);
        });
      });
      req.end('payload');
    });
  });
});

function urlRequest(port) {
  https.get('https://localhost:' + port + '/three?x=1', { ca: r('ca.pem') }, function (res) {
    var data = '';
    res.on('data', function (d) { data += d; });
    res.on('end', function () {
      console.log('url', res.statusCode, JSON.stringify(data));
      untrusted(port);
    });
  });
}

function untrusted(port) {
  var req = https.get({ hostname: 'localhost', port: port, path: '/', agent: false }, function () {
    console.log('unexpected response');
  });
  req.on('error', function (e) {
    console.log('untrusted:', e.code);
    curl(port);
  });
}

function curl(port) {
  cp.execFile('curl', ['-sS', '--cacert', path.join(F, 'ca.pem'), '--resolve',
    'localhost:' + port + ':127.0.0.1', '-d', 'from-curl', 'https://localhost:' + port + '/curl'],
  function (err, stdout, stderr) {
    console.log('curl:', err ? 'failed ' + stderr : JSON.stringify(stdout));
    server.close(function () { console.log('closed'); });
  });
}
