// child_process: a child writes 10 MiB to stdout; every byte arrives in
// order (compared with the expected pattern), through spawn, exec with a
// large maxBuffer, and spawnSync; and 4 MiB goes the other way through
// stdin.
var cp = require('child_process');
var path = require('path');

var fixture = path.join(__dirname, 'fixtures', 'child_process', 'big-output.js');
var SIZE = 10 * 1024 * 1024;

function expected(size) {
  var pattern = Buffer.alloc(256);
  for (var i = 0; i < 256; i++) pattern[i] = (i * 7 + 3) & 255;
  return Buffer.alloc(size, pattern);
}
var want = expected(SIZE);

// A cheap checksum over every 4099th byte, to print something.
function sample(buf) {
  var sum = 0;
  for (var i = 0; i < buf.length; i += 4099) sum = (sum * 31 + buf[i]) % 1000000007;
  return sum;
}

function viaSpawn(next) {
  var c = cp.spawn(process.execPath, [fixture, String(SIZE)]);
  var chunks = [], n = 0;
  c.stdout.on('data', function (d) {
    chunks.push(d);
    n += d.length;
  });
  c.on('close', function (code) {
    var all = Buffer.concat(chunks);
    console.log('spawn: bytes', n, 'equal', all.equals(want), 'sample', sample(all), 'code', code);
    next();
  });
}

function viaExec(next) {
  cp.execFile(process.execPath, [fixture, String(SIZE)], { encoding: 'buffer', maxBuffer: 16 * 1024 * 1024 },
    function (err, stdout, stderr) {
      console.log('execFile: err', err, 'bytes', stdout.length, 'equal', stdout.equals(want),
        'stderr', stderr.length);
      next();
    });
}

function viaSpawnSync(next) {
  var r = cp.spawnSync(process.execPath, [fixture, String(SIZE)], { maxBuffer: 16 * 1024 * 1024 });
  console.log('spawnSync: status', r.status, 'bytes', r.stdout.length, 'equal', r.stdout.equals(want));
  next();
}

function throughStdin(next) {
  var input = expected(4 * 1024 * 1024);
  var c = cp.spawn('cat');
  var chunks = [];
  c.stdout.on('data', function (d) { chunks.push(d); });
  c.stdin.end(input);
  c.on('close', function (code) {
    var all = Buffer.concat(chunks);
    console.log('cat: bytes', all.length, 'equal', all.equals(input), 'code', code);
    next();
  });
}

function throughStdinSync(next) {
  var input = expected(4 * 1024 * 1024);
  var r = cp.spawnSync('cat', { input: input, maxBuffer: 8 * 1024 * 1024 });
  console.log('cat sync: bytes', r.stdout.length, 'equal', r.stdout.equals(input));
  next();
}

viaSpawn(function () {
  viaExec(function () {
    viaSpawnSync(function () {
      throughStdin(function () {
        throughStdinSync(function () {
          console.log('done');
        });
      });
    });
  });
});
