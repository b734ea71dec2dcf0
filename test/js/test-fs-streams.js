// fs.createReadStream / createWriteStream: a 50 MiB copy with a checksum,
// start/end, highWaterMark, encoding, fd, flags, backpressure, errors.
var fs = require('fs');
var os = require('os');
var base = fs.mkdtempSync(os.tmpdir() + '/x-');
process.chdir(base);
function out() { console.log(Array.prototype.slice.call(arguments).join(' ')); }
function sum(b) { // cheap checksum: every 97th byte, position-weighted
  var s = 0;
  for (var i = 0; i < b.length; i += 97) s = (s * 31 + b[i] + i) % 1000000007;
  return s;
}
var steps = [];
function step(f) { steps.push(f); }
function next() { var f = steps.shift(); if (f) f(); }

step(function () {
  var big = Buffer.alloc(50 * 1024 * 1024 + 17);
  for (var i = 0; i < big.length; i += 4096) big.writeUInt32LE(i ^ 0x5a5a5a5a, i);
  fs.writeFileSync('src.bin', big);
  var rs = fs.createReadStream('src.bin');
  var ws = fs.createWriteStream('dst.bin');
  var events = [];
  rs.on('open', function () { events.push('r-open'); });
  rs.on('ready', function () { events.push('r-ready'); });
  rs.on('end', function () { events.push('r-end'); });
  rs.on('close', function () { events.push('r-close'); });
  ws.on('open', function () { events.push('w-open'); });
  ws.on('finish', function () { events.push('w-finish'); });
  ws.on('close', function () {
    events.push('w-close');
    var copy = fs.readFileSync('dst.bin');
    out('pipe 50MiB', copy.length, copy.equals(big), sum(copy) === sum(big), rs.bytesRead, ws.bytesWritten);
    // The two opens race on the pool (in node too): check each stream's own order.
    out(events.filter(function (e) { return e.charAt(0) === 'r' && e !== 'r-close'; }).join(' '));
    out(events.filter(function (e) { return e.charAt(0) === 'w'; }).join(' '));
    next();
  });
  rs.pipe(ws);
});

step(function () {
  fs.writeFileSync('abc.txt', 'abcdefghijklmnopqrstuvwxyz');
  var chunks = [];
  fs.createReadStream('abc.txt', { start: 3, end: 9, highWaterMark: 3, encoding: 'utf8' })
    .on('data', function (c) { chunks.push(c); })
    .on('end', function () { out('start/end/hwm', JSON.stringify(chunks)); next(); });
});

step(function () {
  var chunks = [];
  var rs = fs.createReadStream('abc.txt', { start: 20 });
  rs.on('data', function (c) { chunks.push(c.toString()); });
  rs.on('close', function () { out('start only', chunks.join('|'), rs.bytesRead, rs.pending, rs.fd); next(); });
});

step(function () {
  var fd = fs.openSync('abc.txt', 'r');
  var chunks = [];
  var rs = fs.createReadStream(null, { fd: fd, end: 4, autoClose: false });
  rs.on('data', function (c) { chunks.push(c.toString()); });
  rs.on('end', function () {
    out('fd autoClose false', chunks.join(''), rs.fd === fd, fs.fstatSync(fd).size);
    fs.closeSync(fd);
    next();
  });
});

step(function () {
  var rs = fs.createReadStream('missing.txt');
  rs.on('error', function (e) { out('read error', e.code, e.syscall, e.path); });
  rs.on('close', function () { out('read error close'); next(); });
});

step(function () {
  var ws = fs.createWriteStream('nodir/x.txt');
  ws.on('error', function (e) { out('write error', e.code, e.syscall, e.path); });
  ws.on('close', function () { out('write error close'); next(); });
  ws.write('x');
});

step(function () {
  // backpressure: write() returns false past highWaterMark, then 'drain'
  var ws = fs.createWriteStream('bp.txt', { highWaterMark: 1024 });
  var chunk = Buffer.alloc(600, 97);
  var r1 = ws.write(chunk), r2 = ws.write(chunk);
  out('backpressure', r1, r2, ws.writableLength, ws.writableNeedDrain);
  ws.once('drain', function () {
    out('drain', ws.writableLength);
    ws.end('END', function () {
      out('end cb', fs.statSync('bp.txt').size, ws.bytesWritten);
    });
  });
  ws.on('close', function () { out('bp close'); next(); });
});

step(function () {
  var ws = fs.createWriteStream('flags.txt', { flags: 'w' });
  ws.end('hello world', function () {
    var ws2 = fs.createWriteStream('flags.txt', { flags: 'r+', start: 6 });
    ws2.end('WORLD', function () {
      var ws3 = fs.createWriteStream('flags.txt', { flags: 'a', encoding: 'hex' });
      ws3.write('21', 'hex');
      ws3.end(function () {
        out('flags/start/encoding', fs.readFileSync('flags.txt', 'utf8'));
        next();
      });
    });
  });
});

step(function () {
  var ws = fs.createWriteStream('many.txt');
  var i = 0, n = 2000;
  function write() {
    var ok = true;
    while (i < n && ok) ok = ws.write('line ' + (i++) + '\n');
    if (i < n) ws.once('drain', write);
    else ws.end();
  }
  write();
  ws.on('finish', function () {
    var lines = fs.readFileSync('many.txt', 'utf8').split('\n');
    out('many writes', lines.length, lines[0], lines[1999]);
    next();
  });
});

step(function () {
  var rs = fs.createReadStream('src.bin', { highWaterMark: 1024 });
  rs.once('data', function (c) {
    out('destroy mid-read', c.length);
    rs.destroy();
  });
  rs.on('close', function () { out('destroyed', rs.destroyed); next(); });
});

step(function () {
  var ws = fs.createWriteStream('closecb.txt');
  ws.write('abc');
  ws.close(function (err) {
    out('ws.close', err, fs.readFileSync('closecb.txt', 'utf8'));
    var rs = fs.createReadStream('closecb.txt');
    rs.close(function (e) { out('rs.close', e === undefined || e === null); next(); });
  });
});

step(function () {
  // Absolute path: the open is still on the pool when the last step chdirs away.
  var early = fs.createReadStream(base + '/abc.txt');
  out('instances', early.destroy() instanceof fs.ReadStream,
    fs.ReadStream === fs.FileReadStream, typeof fs.WriteStream);
  try { fs.createReadStream('abc.txt', { start: 5, end: 2 }); } catch (e) { out(e.code, e.message); }
  try { fs.createReadStream('abc.txt', { start: -1 }); } catch (e) { out(e.code, e.message); }
  try { fs.createReadStream(5); } catch (e) { out(e.code, e.message); }
  early.on('close', function () { out('destroyed early', early.destroyed); next(); });
});

step(function () {
  process.chdir(os.tmpdir());
  fs.rmSync(base, { recursive: true });
  out('cleanup', fs.existsSync(base));
});
next();
