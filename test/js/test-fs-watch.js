// fs.watch: rename/change events for a directory's entries and for a
// file, filenames and encodings, close/ref/unref, errors. Each step makes
// one change and waits for the event it must cause; events the kernel may
// report more than once are summarised ("saw ...: true"), never counted.
var fs = require('fs');
var os = require('os');
var path = require('path');
var EventEmitter = require('events');
var base = fs.mkdtempSync(os.tmpdir() + '/w-');
process.chdir(base);
function out() { console.log(Array.prototype.slice.call(arguments).join(' ')); }
function clean(s) { return String(s).split(base).join('<tmp>'); }

// Runs action, then calls done(w) once pred(type, name) held for an event
// of watcher w (the listener stays attached until then).
function waitFor(w, pred, action, done) {
  function onChange(type, name) {
    if (!pred(type, name)) return;
    w.removeListener('change', onChange);
    done();
  }
  w.on('change', onChange);
  action();
}

function errLine(label, f) {
  try {
    var r = f();
    out(label, 'no error');
    if (r && typeof r.close === 'function') r.close();
  } catch (e) {
    out(label, e.name, e.code, e.errno, e.syscall, clean(e.path),
        clean(e.filename), '|', clean(e.message));
  }
}

var steps = [];
function next() {
  var s = steps.shift();
  if (s) s();
}

fs.mkdirSync('d');

// A directory: create, write, rename, remove an entry.
steps.push(function () {
  var w = fs.watch('d');
  out('watcher is an EventEmitter:', w instanceof EventEmitter);
  out('ref returns it:', w.ref() === w, 'unref returns it:', w.unref() === w);
  w.ref();
  waitFor(w, function (t, n) { return t === 'rename' && n === 'a.txt'; },
    function () { fs.writeFileSync('d/a.txt', ''); },
    function () {
      out('create: saw rename for a.txt: true');
      waitFor(w, function (t, n) { return t === 'change' && n === 'a.txt'; },
        function () { fs.appendFileSync('d/a.txt', 'data'); },
        function () {
          out('write: saw change for a.txt: true');
          var seen = {};
          waitFor(w, function (t, n) {
            if (t === 'rename') seen[n] = true;
            return seen['a.txt'] && seen['b.txt'];
          }, function () { fs.renameSync('d/a.txt', 'd/b.txt'); },
          function () {
            out('rename: saw rename for a.txt and b.txt: true');
            waitFor(w, function (t, n) { return t === 'rename' && n === 'b.txt'; },
              function () { fs.unlinkSync('d/b.txt'); },
              function () {
                out('unlink: saw rename for b.txt: true');
                w.on('close', function () {
                  out('close event');
                  next();
                });
                w.on('change', function (t, n) { out('event after close!', t, n); });
                w.close();
                w.close(); // twice is harmless
                fs.writeFileSync('d/late.txt', '');
              });
          });
        });
    });
});

// A file: events name the file itself; the listener argument.
steps.push(function () {
  fs.writeFileSync('f.txt', 'x');
  var w = fs.watch('f.txt', function listener(t, n) {
    if (t !== 'change') return;
    out('file listener: change', n, typeof n);
    w.close();
    next();
  });
  fs.appendFileSync('f.txt', 'y');
});

// A Buffer path.
steps.push(function () {
  var w = fs.watch(Buffer.from('f.txt'), function (t, n) {
    if (t !== 'change') return;
    out('buffer path: change', n, typeof n);
    w.close();
    next();
  });
  fs.appendFileSync('f.txt', 'z');
});

// encoding 'buffer' and 'hex'.
steps.push(function () {
  var w = fs.watch('d', { encoding: 'buffer' });
  waitFor(w, function (t, n) { return Buffer.isBuffer(n) && n.toString() === 'buf.txt'; },
    function () { fs.writeFileSync('d/buf.txt', ''); },
    function () {
      out('buffer encoding: filename is a Buffer: true');
      w.close();
      var w2 = fs.watch('d', 'hex');
      waitFor(w2, function (t, n) { return n === Buffer.from('hex.txt').toString('hex'); },
        function () { fs.writeFileSync('d/hex.txt', ''); },
        function () {
          out('hex encoding: filename in hex: true');
          w2.close();
          next();
        });
    });
});

// Two watchers on one path both see the change; closing one from its
// listener leaves the other working.
steps.push(function () {
  fs.writeFileSync('two.txt', '');
  var got1 = 0, got2 = 0;
  var w1 = fs.watch('two.txt', function (t) {
    if (t !== 'change' || got1++) return;
    w1.close();
    check();
  });
  var w2 = fs.watch('two.txt', function (t) {
    if (t !== 'change') return;
    got2++;
    check();
  });
  var phase = 0;
  function check() {
    if (phase === 0 && got1 > 0 && got2 > 0) {
      phase = 1;
      out('two watchers: both saw the change: true');
      var before = got2;
      w2.removeAllListeners('change');
      waitFor(w2, function (t) { return t === 'change'; },
        function () { fs.appendFileSync('two.txt', 'more'); },
        function () {
          out('second watcher still works after the first closed:', got2 >= before);
          w2.close();
          next();
        });
    }
  }
  fs.appendFileSync('two.txt', 'x');
});

// The watched file deleted: a rename for it.
steps.push(function () {
  fs.writeFileSync('gone.txt', '');
  var w = fs.watch('gone.txt');
  waitFor(w, function (t, n) { return t === 'rename' && n === 'gone.txt'; },
    function () { fs.unlinkSync('gone.txt'); },
    function () {
      out('deleted file: saw rename for gone.txt: true');
      w.close();
      next();
    });
});

// Errors.
steps.push(function () {
  errLine('missing', function () { return fs.watch('nope.txt'); });
  errLine('missing below a file', function () { return fs.watch('f.txt/x'); });
  errLine('number', function () { return fs.watch(123); });
  errLine('persistent', function () { return fs.watch('d', { persistent: 'yes' }); });
  errLine('options', function () { return fs.watch('d', 42); });
  errLine('encoding', function () { return fs.watch('d', { encoding: 'nope' }); });
  errLine('recursive', function () { return fs.watch('d', { recursive: 'yes' }); });
  next();
});

// persistent: false does not keep the process alive.
steps.push(function () {
  fs.watch('d', { persistent: false }, function () { out('unexpected'); });
  out('non-persistent watcher started');
  process.on('exit', function () {
    out('exit reached with a non-persistent watcher');
    fs.rmSync(base, { recursive: true, force: true });
  });
});

next();
