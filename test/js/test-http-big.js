// http: a 100 MiB streamed upload and a 100 MiB streamed download with
// checksums (sampled at every 4093rd byte, independent of how the bytes
// are split), memory staying flat (backpressure through pipe).
var http = require('http');
var stream = require('stream');

var TOTAL = 100 * 1024 * 1024, CHUNK = 64 * 1024;

function source() {
  var sent = 0, k = 0;
  return new stream.Readable({
    read: function () {
      if (sent >= TOTAL) return this.push(null);
      var n = Math.min(CHUNK, TOTAL - sent);
      sent += n;
      this.push(Buffer.alloc(n, (k++ * 7) & 255));
    }
  });
}

function Sum() {
  this.offset = 0;
  this.sum = 0;
  this.bytes = 0;
}
Sum.prototype.add = function (b) {
  var start = (4093 - this.offset % 4093) % 4093, i;
  for (i = start; i < b.length; i += 4093) this.sum = (this.sum + b[i] * (i + this.offset)) % 4294967291;
  this.offset += b.length;
  this.bytes += b.length;
};

var expected = new Sum();
(function () {
  var k = 0, left = TOTAL;
  while (left > 0) {
    var n = Math.min(CHUNK, left);
    var b = Buffer.alloc(n, (k++ * 7) & 255);
    expected.add(b);
    left -= n;
  }
})();

var maxRss = 0;
function sampleRss() {
  var r = process.memoryUsage().rss;
  if (r > maxRss) maxRss = r;
}
var rssTimer = setInterval(sampleRss, 50);

var server = http.createServer(function (req, res) {
  if (req.method === 'POST') {
    var s = new Sum();
    req.on('data', function (d) { s.add(d); });
    req.on('end', function () {
      res.end(JSON.stringify({ bytes: s.bytes, sum: s.sum }));
    });
    return;
  }
  res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
  source().pipe(res);
});

server.listen(0, '127.0.0.1', function () {
  var port = server.address().port;
  var req = http.request({ host: '127.0.0.1', port: port, method: 'POST', path: '/up' }, function (res) {
    var b = '';
    res.setEncoding('utf8');
    res.on('data', function (d) { b += d; });
    res.on('end', function () {
      var got = JSON.parse(b);
      console.log('upload bytes', got.bytes, 'checksum ok', got.sum === expected.sum);
      download(port);
    });
  });
  source().pipe(req);
});

function download(port) {
  http.get({ host: '127.0.0.1', port: port, path: '/down' }, function (res) {
    var s = new Sum();
    console.log('download', res.statusCode, res.headers['transfer-encoding']);
    res.on('data', function (d) { s.add(d); });
    res.on('end', function () {
      console.log('download bytes', s.bytes, 'checksum ok', s.sum === expected.sum);
      clearInterval(rssTimer);
      sampleRss();
      console.log('memory flat', maxRss < 200 * 1024 * 1024);
      if (process.env.HTTP_BIG_RSS) console.error('max rss', maxRss);
      http.globalAgent.destroy();
      server.close();
    });
  });
}
