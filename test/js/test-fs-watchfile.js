// fs.watchFile / fs.unwatchFile: stat polling with Node's StatWatcher
// semantics: (curr, prev) on a change, zeroed Stats when the file is
// missing or disappears, one watcher per file shared by listeners, the
// 'stop' event, persistent: false. The file is changed repeatedly until
// the poller notices, so nothing depends on timing; only facts that hold
// however the polls fall are printed.
var fs = require('fs');
var os = require('os');
var EventEmitter = require('events');
var base = fs.mkdtempSync(os.tmpdir() + '/wf-');
process.chdir(base);
function out() { console.log(Array.prototype.slice.call(arguments).join(' ')); }
function clean(s) { return String(s).split(base).join('<tmp>'); }
function zeroed(s) {
  return s.size === 0 && s.mtimeMs === 0 && s.ino === 0 && s.nlink === 0 &&
    s.mtime.getTime() === 0 && !s.isFile();
}

var steps = [];
function next() {
  var s = steps.shift();
  if (s) s();
}

// Repeats action every few ms until stop() is called.
function keepDoing(action) {
  var t = setInterval(action, 15);
  action();
  return function stop() { clearInterval(t); };
}

// A growing file: curr is newer than prev.
steps.push(function () {
  fs.writeFileSync('grow.txt', 'x');
  var stop;
  var calls = 0;
  function listener(curr, prev) {
    if (calls++) return;
    stop();
    out('grow: curr is Stats:', curr instanceof fs.Stats, 'isFile:', curr.isFile());
    out('grow: curr.size > prev.size:', curr.size > prev.size, 'prev.size > 0:', prev.size > 0);
    out('grow: same inode:', curr.ino === prev.ino);
    fs.unwatchFile('grow.txt', listener);
  }
  var w = fs.watchFile('grow.txt', { interval: 10 }, listener);
  out('returns a StatWatcher (EventEmitter):', w instanceof EventEmitter);
  w.on('stop', function () {
    out('grow: stop event');
    next();
  });
  stop = keepDoing(function () { fs.appendFileSync('grow.txt', 'y'); });
});

// The file removed: curr is zeroed, prev is the last stat. The file
// grows until a change shows the poller has seen it, then goes.
steps.push(function () {
  fs.writeFileSync('gone.txt', 'content');
  var removed = false;
  var stop = null;
  var w = fs.watchFile('gone.txt', { interval: 10 }, function (curr, prev) {
    if (!removed) {
      stop();
      removed = true;
      fs.unlinkSync('gone.txt');
      return;
    }
    if (!zeroed(curr)) return;
    out('removed: curr zeroed:', zeroed(curr), 'prev.size > 0:', prev.size > 0,
        'prev.isFile:', prev.isFile());
    fs.unwatchFile('gone.txt');
  });
  w.on('stop', function () { next(); });
  stop = keepDoing(function () { fs.appendFileSync('gone.txt', '+'); });
});

// A missing file: one call with both zeroed, then its creation.
steps.push(function () {
  var calls = 0;
  function listener(curr, prev) {
    calls++;
    if (calls === 1) {
      out('missing: curr zeroed:', zeroed(curr), 'prev zeroed:', zeroed(prev));
      // Created whole (written aside, renamed in), so no poll sees it empty.
      fs.writeFileSync('later.tmp', 'now here');
      fs.renameSync('later.tmp', 'later.txt');
      return;
    }
    if (calls === 2) {
      out('created: curr.size:', curr.size, 'isFile:', curr.isFile(), 'prev zeroed:', zeroed(prev));
      fs.unwatchFile('later.txt', listener);
      next();
    }
  }
  fs.watchFile('later.txt', { interval: 10 }, listener);
});

// Several listeners share one watcher; unwatchFile removes one at a time.
steps.push(function () {
  fs.writeFileSync('shared.txt', '');
  function a() {}
  function b() {}
  var w1 = fs.watchFile('shared.txt', { interval: 10 }, a);
  var w2 = fs.watchFile(base + '/shared.txt', b);
  out('shared: same watcher:', w1 === w2, 'listeners:', w1.listenerCount('change'));
  var stops = 0;
  w1.on('stop', function () { stops++; });
  fs.unwatchFile('shared.txt', a);
  out('shared: after removing one:', w1.listenerCount('change'));
  fs.unwatchFile('shared.txt', function unknown() {});
  out('shared: unknown listener:', w1.listenerCount('change'));
  fs.unwatchFile('shared.txt', b);
  out('shared: after removing both:', w1.listenerCount('change'));
  fs.unwatchFile('never-watched.txt');
  var w3 = fs.watchFile('shared.txt', { interval: 10 }, a);
  out('shared: a new watcher afterwards:', w3 !== w1);
  fs.unwatchFile('shared.txt');
  setImmediate(function () {
    out('shared: stop events:', stops);
    next();
  });
});

// Errors.
steps.push(function () {
  [
    ['no listener', function () { fs.watchFile('x.txt'); }],
    ['listener not a function', function () { fs.watchFile('x.txt', {}, 5); }],
    ['bad path', function () { fs.watchFile(5, function () {}); }],
    ['bad interval', function () { fs.watchFile('y.txt', { interval: -1 }, function () {}); }]
  ].forEach(function (c) {
    try {
      c[1]();
      out(c[0], 'no error');
    } catch (e) {
      out(c[0], e.name, e.code, '|', clean(e.message));
    }
  });
  next();
});

// persistent: false does not keep the process alive.
steps.push(function () {
  fs.writeFileSync('idle.txt', '');
  fs.watchFile('idle.txt', { persistent: false, interval: 10 }, function () {});
  out('non-persistent watchFile started');
  process.on('exit', function () {
    out('exit reached');
    fs.rmSync(base, { recursive: true, force: true });
  });
});

next();
