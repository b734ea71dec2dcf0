// http_server.js — the HTTP server of the wrk figures (perf/, same ES5
// source on lode and node). argv[2]: hello (12-byte body), big (64 KiB
// body) or echo (sends the request body back). Prints its port on the
// first line, serves until SIGTERM.
var http = require('http');
var mode = process.argv[2] || 'hello';
var hello = 'Hello world\n';
var big = Buffer.alloc(65536, 'x');
var server = http.createServer(function (req, res) {
  if (mode === 'echo') {
    var chunks = [];
    req.on('data', function (c) { chunks.push(c); });
    req.on('end', function () {
      var body = Buffer.concat(chunks);
      res.writeHead(200, {'Content-Type': 'application/octet-stream',
                          'Content-Length': body.length});
      res.end(body);
    });
    return;
  }
  var body = mode === 'big' ? big : hello;
  res.writeHead(200, {'Content-Type': 'text/plain',
                      'Content-Length': body.length});
  res.end(body);
});
server.listen(0, '127.0.0.1', function () {
  console.log(server.address().port);
});
process.on('SIGTERM', function () { process.exit(0); });
