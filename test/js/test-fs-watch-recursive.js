// fs.watch with { recursive: true } (Node 20 supports it on Linux): names
// relative to the root, new directories watched as they appear (with the
// entries already inside them reported), removed ones dropped. Each step
// makes one change and waits for the event it must cause; only whether
// the expected event came is printed.
var fs = require('fs');
var os = require('os');
var base = fs.mkdtempSync(os.tmpdir() + '/wr-');
process.chdir(base);
function out() { console.log(Array.prototype.slice.call(arguments).join(' ')); }
function clean(s) { return String(s).split(base).join('<tmp>'); }

fs.mkdirSync('root/sub', { recursive: true });
fs.mkdirSync('outside/tree', { recursive: true });
fs.writeFileSync('outside/tree/inner.txt', '');

var w = fs.watch('root', { recursive: true });
out('constructor:', w.constructor.name);

var steps = [
  ['create sub/a.txt', 'rename', 'sub/a.txt', function () { fs.writeFileSync('root/sub/a.txt', ''); }],
  ['write sub/a.txt', 'change', 'sub/a.txt', function () { fs.appendFileSync('root/sub/a.txt', 'x'); }],
  ['mkdir sub/deep', 'rename', 'sub/deep', function () { fs.mkdirSync('root/sub/deep'); }],
  ['create in the new dir', 'rename', 'sub/deep/b.txt', function () { fs.writeFileSync('root/sub/deep/b.txt', ''); }],
  ['move a tree in', 'rename', 'tree/inner.txt', function () { fs.renameSync('outside/tree', 'root/tree'); }],
  ['write in the moved tree', 'change', 'tree/inner.txt', function () { fs.appendFileSync('root/tree/inner.txt', 'y'); }],
  ['unlink sub/a.txt', 'rename', 'sub/a.txt', function () { fs.unlinkSync('root/sub/a.txt'); }],
  ['remove sub/deep', 'rename', 'sub/deep', function () { fs.rmSync('root/sub/deep', { recursive: true }); }],
  ['create at the root', 'rename', 'top.txt', function () { fs.writeFileSync('root/top.txt', ''); }]
];

function run(i) {
  if (i === steps.length) {
    w.on('close', function () {
      out('close event');
      errors();
    });
    w.close();
    return;
  }
  var s = steps[i];
  var timer = null;
  function onChange(type, name) {
    if (type !== s[1] || name !== s[2]) return;
    w.removeListener('change', onChange);
    if (timer) clearInterval(timer);
    out(s[0] + ': saw ' + s[1] + ' for ' + s[2] + ': true');
    run(i + 1);
  }
  w.on('change', onChange);
  s[3]();
  // A write may come before the watcher of a just-found file or directory
  // is in place (Node sets those up asynchronously): write again until the
  // change is seen.
  if (s[1] === 'change') timer = setInterval(s[3], 20);
}

function errors() {
  try {
    fs.watch('missing', { recursive: true });
  } catch (e) {
    out('missing:', e.code, e.syscall, clean(e.path), '|', clean(e.message));
  }
  var nw = fs.watch('root', { recursive: true, persistent: false });
  out('non-persistent recursive watcher started');
  process.on('exit', function () {
    out('exit reached');
    fs.rmSync(base, { recursive: true, force: true });
  });
}

run(0);
