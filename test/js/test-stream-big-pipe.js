// 50 MiB from a Readable through a PassThrough into a Writable with
// backpressure on every hop: an order-sensitive checksum of every byte,
// the byte and chunk counts, and (under lode) memory that stays flat.
'use strict';
var stream = require('stream');
var log = console.log;

var TOTAL = 50 * 1024 * 1024;
var CHUNK = 64 * 1024;
var patterns = [];
for (var p = 0; p < 7; p++) {
  var b = Buffer.alloc(CHUNK);
  for (var i = 0; i < CHUNK; i++) b[i] = (i * (p + 3) + p) & 255;
  patterns.push(b);
}

var produced = 0;
var n = 0;
var src = new stream.Readable({
  read: function () {
    while (produced < TOTAL) {
      var chunk = patterns[n % patterns.length];
      // vary the chunk sizes too, so chunks get split and merged
      var len = Math.min(TOTAL - produced, CHUNK - (n % 5) * 1000);
      n++;
      produced += len;
      if (!this.push(len === CHUNK ? chunk : chunk.subarray(0, len))) return;
    }
    this.push(null);
  }
});

var pass = new stream.PassThrough();
var received = 0;
var chunks = 0;
var hash = 0;
var maxWritable = 0;
var rss0 = 0;
var sink = new stream.Writable({
  highWaterMark: 32 * 1024,
  write: function (chunk, enc, cb) {
    var h = hash;
    for (var j = 0; j < chunk.length; j++) h = (h * 31 + chunk[j]) | 0;
    hash = h;
    received += chunk.length;
    chunks++;
    if (this.writableLength > maxWritable) maxWritable = this.writableLength;
    if (chunks === 50 && process.versions.lode) rss0 = process.memoryUsage.rss();
    if (chunks % 3 === 0) setImmediate(cb); else cb();
  }
});

stream.pipeline(src, pass, sink, function (err) {
  log('pipeline done', err);
  log('bytes', received, 'expected', TOTAL);
  log('checksum', hash >>> 0);
  log('writable length bounded', maxWritable <= 2 * CHUNK);
  log('pass buffers bounded', pass.readableLength <= pass.readableHighWaterMark);
  if (process.versions.lode) {
    var growth = process.memoryUsage.rss() - rss0;
    if (growth > 48 * 1024 * 1024) log('RSS GREW BY', growth);
  }
});
