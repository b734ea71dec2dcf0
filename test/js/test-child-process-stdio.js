// child_process: stdio combinations — pipes both ways, 'ignore',
// 'inherit', a file descriptor, a stream with an fd, a net.Socket,
// extra pipes beyond fd 2, and which ends are readable/writable.
var cp = require('child_process');
var fs = require('fs');
var os = require('os');
var net = require('net');
var path = require('path');
var assert = require('assert');

var fixtures = path.join(__dirname, 'fixtures', 'child_process');
var tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lode-cp-stdio-'));

function collect(stream, cb) {
  var chunks = [];
  stream.on('data', function (d) { chunks.push(d); });
  stream.on('end', function () { cb(Buffer.concat(chunks).toString()); });
}

var steps = [
  function pipes(next) {
    var c = cp.spawn(process.execPath, [path.join(fixtures, 'stdin-echo.js')]);
    var out, err;
    console.log('stdin writable', c.stdin.writable, 'stdout readable', c.stdout.readable,
      'stderr readable', c.stderr.readable);
    console.log('stdio array', c.stdio.length, c.stdio[0] === c.stdin, c.stdio[1] === c.stdout,
      c.stdio[2] === c.stderr);
    collect(c.stdout, function (s) { out = s; });
    collect(c.stderr, function (s) { err = s; });
    c.stdin.write('hello ');
    c.stdin.write(Buffer.from('world\n'));
    c.stdin.end('bye\n');
    c.on('close', function (code) {
      console.log('pipes:', JSON.stringify(out), JSON.stringify(err), code);
      next();
    });
  },
  function ignore(next) {
    var c = cp.spawn('sh', ['-c', 'echo out; echo err >&2; cat; echo done'], { stdio: 'ignore' });
    console.log('ignore:', c.stdin, c.stdout, c.stderr, c.stdio);
    c.on('close', function (code) {
      console.log('ignore exit', code);
      next();
    });
  },
  function mixed(next) {
    var c = cp.spawn('sh', ['-c', 'read x; echo "got $x"; echo err >&2'], { stdio: ['pipe', 'pipe', 'ignore'] });
    var out;
    console.log('mixed:', c.stdin !== null, c.stdout !== null, c.stderr);
    collect(c.stdout, function (s) { out = s; });
    c.stdin.end('line\n');
    c.on('close', function (code) {
      console.log('mixed out', JSON.stringify(out), code);
      next();
    });
  },
  function inherit(next) {
    // The child writes straight to our stdout.
    console.log('inherit: before');
    var c = cp.spawn('sh', ['-c', 'echo "inherit: from the child"'], { stdio: 'inherit' });
    var streams = [c.stdin, c.stdout, c.stderr];
    c.on('close', function (code) {
      console.log('inherit: after', code, 'streams', streams);
      next();
    });
  },
  function inheritArray(next) {
    var c = cp.spawn('sh', ['-c', 'echo "mixed inherit: stdout"; echo nothing >&2'],
      { stdio: ['ignore', 'inherit', 'pipe'] });
    var err;
    collect(c.stderr, function (s) { err = s; });
    c.on('close', function () {
      console.log('mixed inherit: stderr piped', JSON.stringify(err));
      next();
    });
  },
  function fdNumber(next) {
    var file = path.join(tmp, 'out.txt');
    var fd = fs.openSync(file, 'w');
    var c = cp.spawn('sh', ['-c', 'echo "to a file"; echo "err too" >&2'], { stdio: ['ignore', fd, fd] });
    fs.closeSync(fd);
    c.on('close', function (code) {
      console.log('fd:', JSON.stringify(fs.readFileSync(file, 'utf8')), code);
      next();
    });
  },
  function fdObject(next) {
    var file = path.join(tmp, 'out2.txt');
    var ws = fs.createWriteStream(file);
    ws.on('open', function () {
      var c = cp.spawn('sh', ['-c', 'echo "via a stream"'], { stdio: ['ignore', ws, 'ignore'] });
      c.on('close', function (code) {
        ws.end(function () {
          console.log('stream fd:', JSON.stringify(fs.readFileSync(file, 'utf8')), code);
          next();
        });
      });
    });
  },
  function stdinFromFile(next) {
    var file = path.join(tmp, 'in.txt');
    fs.writeFileSync(file, 'file input\n');
    var fd = fs.openSync(file, 'r');
    var c = cp.spawn('cat', [], { stdio: [fd, 'pipe', 'pipe'] });
    fs.closeSync(fd);
    var out;
    collect(c.stdout, function (s) { out = s; });
    c.on('close', function (code) {
      console.log('stdin from file:', JSON.stringify(out), code);
      next();
    });
  },
  function extraPipe(next) {
    var c = cp.spawn(process.execPath, [path.join(fixtures, 'fd3-writer.js')],
      { stdio: ['ignore', 'pipe', 'ignore', 'pipe'] });
    var out, three;
    console.log('extra pipe:', c.stdio.length, c.stdio[3] !== null, c.stdio[3].readable);
    collect(c.stdout, function (s) { out = s; });
    collect(c.stdio[3], function (s) { three = s; });
    c.on('close', function (code) {
      console.log('extra pipe out', JSON.stringify(out), 'fd3', JSON.stringify(three), code);
      next();
    });
  },
  function socketStdio(next) {
    // A connected net.Socket as the child's stdout.
    var server = net.createServer(function (s) {
      collect(s, function (text) {
        console.log('socket stdio received', JSON.stringify(text));
        server.close();
        next();
      });
    });
    server.listen(0, '127.0.0.1', function () {
      var sock = net.connect(server.address().port, '127.0.0.1', function () {
        var c = cp.spawn('sh', ['-c', 'echo "over a socket"'], { stdio: ['ignore', sock, 'ignore'] });
        c.on('close', function (code) {
          console.log('socket stdio child', code);
          sock.end();
        });
      });
    });
  },
  function unconsumed(next) {
    // Output nobody reads still lets 'close' come.
    var c = cp.spawn('sh', ['-c', 'echo lots; echo more >&2']);
    c.on('close', function (code) {
      console.log('unconsumed close', code);
      next();
    });
  },
  function lateRead(next) {
    // Reading only after 'exit' still gets everything.
    var c = cp.spawn('sh', ['-c', 'echo late']);
    c.on('exit', function () {
      collect(c.stdout, function (s) {
        console.log('late read', JSON.stringify(s));
      });
    });
    c.on('close', function () {
      next();
    });
  },
  function stdinAfterExit(next) {
    // Writing to a child that does not read: EPIPE surfaces as an error
    // on stdin, or nothing at all, never a crash.
    var c = cp.spawn('sh', ['-c', 'exit 0'], { stdio: ['pipe', 'ignore', 'ignore'] });
    c.stdin.on('error', function () {});
    c.on('exit', function (code) {
      c.stdin.write('ignored');
      console.log('stdin after exit', code, c.stdin.destroyed);
      next();
    });
  },
  function badStdio(next) {
    try {
      cp.spawn('sh', [], { stdio: 'bogus' });
    } catch (e) {
      console.log(e.name, e.code);
    }
    try {
      cp.spawn('sh', [], { stdio: [Buffer.from('x')] });
    } catch (e) {
      console.log(e.name, e.code);
    }
    try {
      cp.spawn('sh', [], { stdio: ['ipc', 'ipc'] });
    } catch (e) {
      console.log(e.name, e.code, e.message);
    }
    next();
  }
];

(function go(i) {
  if (i === steps.length) {
    fs.rmSync(tmp, { recursive: true });
    console.log('done');
    return;
  }
  steps[i](function () { go(i + 1); });
})(0);
