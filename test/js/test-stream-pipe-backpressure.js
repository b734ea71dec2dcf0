// Backpressure: a fast Readable piped into a slow Writable. The writable
// never buffers much more than its highWaterMark, write() returns false
// and the source pauses until 'drain'; all bytes arrive in order.
'use strict';
var stream = require('stream');
var log = console.log;

var CHUNK = 1000;
var COUNT = 200;
var HWM = 4096;
var produced = 0;
var pushFalse = 0;

var src = new stream.Readable({
  highWaterMark: 2048,
  read: function () {
    // push as fast as allowed
    while (produced < COUNT) {
      var b = Buffer.alloc(CHUNK, produced % 251);
      produced++;
      if (!this.push(b)) { pushFalse++; return; }
    }
    this.push(null);
  }
});

var maxLen = 0;
var writes = 0;
var falseWrites = 0;
var drains = 0;
var pauses = 0;
var sum = 0;
var received = 0;
var slow = new stream.Writable({
  highWaterMark: HWM,
  write: function (chunk, enc, cb) {
    writes++;
    for (var i = 0; i < chunk.length; i++) sum = (sum + chunk[i] * ((received + i) % 7 + 1)) % 1000000007;
    received += chunk.length;
    // slow consumer: completes on a later turn of the loop
    setImmediate(cb);
  }
});

var origWrite = slow.write;
slow.write = function (chunk) {
  var ret = origWrite.apply(this, arguments);
  if (this.writableLength > maxLen) maxLen = this.writableLength;
  if (!ret) falseWrites++;
  return ret;
};
slow.on('drain', function () { drains++; });
src.on('pause', function () { pauses++; });

slow.on('finish', function () {
  log('received', received, 'expected', CHUNK * COUNT);
  log('checksum', sum);
  log('writes', writes);
  log('max writableLength <= hwm + chunk', maxLen <= HWM + CHUNK, maxLen);
  log('write() returned false', falseWrites > 0, 'drains == false writes', drains === falseWrites);
  log('source paused', pauses > 0, 'push() returned false', pushFalse > 0);
  log('source buffered at most', src.readableHighWaterMark);
});
src.pipe(slow);

// the same, with a manual write/drain loop
var w2 = new stream.Writable({
  highWaterMark: 10,
  write: function (c, e, cb) { setImmediate(cb); }
});
var i2 = 0;
var log2 = [];
function writeMore() {
  var ok = true;
  while (i2 < 12 && ok) {
    ok = w2.write('abcd');
    log2.push(i2 + ':' + ok + ':' + w2.writableLength);
    i2++;
  }
  if (i2 < 12) w2.once('drain', function () { log2.push('drain'); writeMore(); });
  else w2.end();
}
w2.on('finish', function () { log('manual', log2.join(' ')); });
writeMore();
