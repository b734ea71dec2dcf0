// fs: the callback forms, one after another: results, callback arity,
// Node's errors passed as the first argument.
var fs = require('fs');
var os = require('os');
var base = fs.mkdtempSync(os.tmpdir() + '/x-');
process.chdir(base);
function out() { console.log(Array.prototype.slice.call(arguments).join(' ')); }
function clean(s) { return String(s).split(base).join('<tmp>'); }
function show(label, args) {
  var e = args[0];
  if (e) {
    out(label, 'argc=' + args.length, e.name, e.code, e.errno, e.syscall, clean(e.path), clean(e.dest), '|', clean(e.message));
  } else {
    var rest = Array.prototype.slice.call(args, 1).map(function (v) {
      if (Buffer.isBuffer(v)) return 'buf:' + v.toString('hex');
      if (v instanceof fs.Stats) return 'stats:' + v.size + ':' + v.isFile() + v.isDirectory();
      if (typeof v === 'object' && v !== null) return JSON.stringify(v);
      return typeof v === 'string' ? clean(v) : String(v);
    });
    out(label, 'argc=' + args.length, e, rest.join(' '));
  }
}
var steps = [];
function step(label, f) { steps.push([label, f]); }
function run(i) {
  if (i >= steps.length) return;
  var s = steps[i];
  s[1](function () { show(s[0], arguments); run(i + 1); });
}

var fd, buf = Buffer.alloc(16);
step('writeFile', function (cb) { fs.writeFile('a.txt', 'hello', cb); });
step('writeFile opts', function (cb) { fs.writeFile('b.txt', '68656c6c6f', { encoding: 'hex', mode: 384 }, cb); });
step('appendFile', function (cb) { fs.appendFile('a.txt', ' world', cb); });
step('appendFile buf', function (cb) { fs.appendFile('a.txt', Buffer.from('!'), 'utf8', cb); });
step('readFile', function (cb) { fs.readFile('a.txt', cb); });
step('readFile utf8', function (cb) { fs.readFile('a.txt', 'utf8', cb); });
step('readFile opts', function (cb) { fs.readFile('b.txt', { encoding: 'base64', flag: 'r' }, cb); });
step('readFile missing', function (cb) { fs.readFile('nope', cb); });
step('readFile dir', function (cb) { fs.readFile('.', cb); });
step('writeFile dir', function (cb) { fs.writeFile('.', 'x', cb); });
step('writeFile wx', function (cb) { fs.writeFile('a.txt', 'x', { flag: 'wx' }, cb); });
step('open', function (cb) { fs.open('rw.txt', 'w+', function (err, f) { fd = f; cb(err, typeof f); }); });
step('write str', function (cb) { fs.write(fd, 'abcdef', cb); });
step('write str pos', function (cb) { fs.write(fd, 'XY', 1, cb); });
step('write str enc', function (cb) { fs.write(fd, '7a7a', null, 'hex', cb); });
step('write buf', function (cb) { fs.write(fd, Buffer.from('123'), 0, 3, 10, cb); });
step('write buf nopos', function (cb) { fs.write(fd, Buffer.from('45'), cb); });
step('write opts', function (cb) { fs.write(fd, Buffer.from('qrs'), { offset: 1, length: 2, position: 0 }, cb); });
step('read', function (cb) { fs.read(fd, buf, 0, 16, 0, cb); });
step('read opts', function (cb) { fs.read(fd, buf, { position: 2, length: 3 }, cb); });
step('read obj', function (cb) { fs.read(fd, { buffer: Buffer.alloc(4), position: 1 }, cb); });
step('read zero', function (cb) { fs.read(fd, buf, 0, 0, 0, cb); });
step('read eof', function (cb) { fs.read(fd, buf, 0, 4, 100, cb); });
step('fstat', function (cb) { fs.fstat(fd, cb); });
step('ftruncate', function (cb) { fs.ftruncate(fd, 4, cb); });
step('fsync', function (cb) { fs.fsync(fd, cb); });
step('fdatasync', function (cb) { fs.fdatasync(fd, cb); });
step('fchmod', function (cb) { fs.fchmod(fd, '644', cb); });
step('futimes', function (cb) { fs.futimes(fd, 100, 200, cb); });
step('fchown', function (cb) { fs.fchown(fd, -1, -1, cb); });
step('readFile fd', function (cb) { fs.readFile(fd, 'utf8', cb); });
step('close', function (cb) { fs.close(fd, cb); });
step('close again', function (cb) { fs.close(fd, cb); });
step('read closed', function (cb) { fs.read(fd, buf, 0, 1, 0, cb); });
step('write closed', function (cb) { fs.write(fd, 'x', cb); });
step('open missing', function (cb) { fs.open('nope', cb); });
step('open mode', function (cb) { fs.open('m.txt', 'wx', 416, function (err, f) { fs.closeSync(f); cb(err, (fs.statSync('m.txt').mode & 511).toString(8)); }); });
step('stat', function (cb) { fs.stat('a.txt', cb); });
step('stat dir', function (cb) { fs.stat('.', cb); });
step('stat missing', function (cb) { fs.stat('nope', cb); });
step('lstat', function (cb) { fs.lstat('a.txt', {}, cb); });
step('access', function (cb) { fs.access('a.txt', cb); });
step('access mode', function (cb) { fs.access('a.txt', fs.constants.R_OK, cb); });
step('access missing', function (cb) { fs.access('nope', fs.constants.F_OK, cb); });
step('exists', function (cb) { fs.exists('a.txt', function (v) { cb(null, v, arguments.length); }); });
step('exists missing', function (cb) { fs.exists('nope', function (v) { cb(null, v); }); });
step('exists bad', function (cb) { fs.exists(123, function (v) { cb(null, v); }); });
step('mkdir', function (cb) { fs.mkdir('d', cb); });
step('mkdir exists', function (cb) { fs.mkdir('d', cb); });
step('mkdir p', function (cb) { fs.mkdir('d/a/b/c', { recursive: true }, cb); });
step('mkdir p again', function (cb) { fs.mkdir('d/a/b/c', { recursive: true }, cb); });
step('mkdir p file', function (cb) { fs.mkdir('a.txt/x', { recursive: true }, cb); });
step('mkdir mode', function (cb) { fs.mkdir('d/m', 448, cb); });
step('mkdtemp', function (cb) { fs.mkdtemp('t-', function (err, p) { cb(err, p.length, p.slice(0, 2)); }); });
step('readdir', function (cb) { fs.readdir('d', cb); });
step('readdir types', function (cb) {
  fs.readdir('d', { withFileTypes: true }, function (err, ents) {
    cb(err, ents.map(function (e) { return e.name + ':' + e.isDirectory() + ':' + e.parentPath; }).join(','));
  });
});
step('readdir recursive', function (cb) { fs.readdir('d', { recursive: true }, cb); });
step('readdir buffer', function (cb) { fs.readdir('d', 'buffer', function (e, l) { cb(e, l.map(String).join()); }); });
step('readdir missing', function (cb) { fs.readdir('nope', cb); });
step('rename', function (cb) { fs.rename('b.txt', 'c.txt', cb); });
step('rename missing', function (cb) { fs.rename('b.txt', 'c.txt', cb); });
step('link', function (cb) { fs.link('c.txt', 'h.txt', cb); });
step('link exists', function (cb) { fs.link('c.txt', 'h.txt', cb); });
step('symlink', function (cb) { fs.symlink('c.txt', 's.txt', cb); });
step('symlink type', function (cb) { fs.symlink('d', 'sd', 'dir', cb); });
step('symlink exists', function (cb) { fs.symlink('c.txt', 's.txt', 'file', cb); });
step('readlink', function (cb) { fs.readlink('s.txt', cb); });
step('readlink buffer', function (cb) { fs.readlink('s.txt', 'buffer', cb); });
step('readlink missing', function (cb) { fs.readlink('nope', cb); });
step('realpath', function (cb) { fs.realpath('s.txt', cb); });
step('realpath native', function (cb) { fs.realpath.native('sd', cb); });
step('realpath missing', function (cb) { fs.realpath('d/nope/x', cb); });
step('realpath native missing', function (cb) { fs.realpath.native('d/nope/x', cb); });
step('lstat link', function (cb) { fs.lstat('s.txt', function (e, s) { cb(e, s.isSymbolicLink()); }); });
step('lutimes', function (cb) { fs.lutimes('s.txt', 1, 2, cb); });
step('utimes', function (cb) { fs.utimes('c.txt', new Date(5000), '7', cb); });
step('utimes check', function (cb) { fs.stat('c.txt', function (e, s) { cb(e, s.atimeMs, s.mtimeMs); }); });
step('utimes missing', function (cb) { fs.utimes('nope', 1, 1, cb); });
step('chmod', function (cb) { fs.chmod('c.txt', 384, cb); });
step('chmod missing', function (cb) { fs.chmod('nope', 384, cb); });
step('chown', function (cb) { fs.chown('c.txt', -1, -1, cb); });
step('lchown', function (cb) { fs.lchown('s.txt', -1, -1, cb); });
step('copyFile', function (cb) { fs.copyFile('a.txt', 'copy.txt', cb); });
step('copyFile excl', function (cb) { fs.copyFile('a.txt', 'copy.txt', fs.constants.COPYFILE_EXCL, cb); });
step('copyFile missing', function (cb) { fs.copyFile('nope', 'x', cb); });
step('truncate', function (cb) { fs.truncate('copy.txt', 3, cb); });
step('truncate check', function (cb) { fs.readFile('copy.txt', 'utf8', cb); });
step('truncate default', function (cb) { fs.truncate('copy.txt', cb); });
step('truncate missing', function (cb) { fs.truncate('nope', 1, cb); });
step('unlink', function (cb) { fs.unlink('h.txt', cb); });
step('unlink missing', function (cb) { fs.unlink('h.txt', cb); });
step('rmdir', function (cb) { fs.rmdir('d/m', cb); });
step('rmdir nonempty', function (cb) { fs.rmdir('d', cb); });
step('rm dir', function (cb) { fs.rm('d', cb); });
step('rm missing', function (cb) { fs.rm('nope', cb); });
step('rm force', function (cb) { fs.rm('nope', { force: true }, cb); });
step('rm file', function (cb) { fs.rm('copy.txt', cb); });
step('rm recursive', function (cb) { fs.rm('d', { recursive: true }, cb); });
step('gone', function (cb) { cb(null, fs.existsSync('d'), fs.existsSync('copy.txt')); });
step('writev', function (cb) {
  var f = fs.openSync('v.txt', 'w+');
  fs.writev(f, [Buffer.from('ab'), Buffer.from('cd')], function (e, n, bufs) {
    fs.readv(f, [Buffer.alloc(1), Buffer.alloc(5)], 0, function (e2, n2, bufs2) {
      fs.closeSync(f);
      cb(e || e2, n, bufs.length, n2, bufs2[0].toString() + '|' + bufs2[1].toString('hex'));
    });
  });
});
step('opendir', function (cb) {
  fs.opendir('.', function (err, dir) {
    var names = [];
    (function next() {
      dir.read(function (e, ent) {
        if (e) return cb(e);
        if (ent === null) {
          return dir.close(function (e2) {
            cb(e2, names.filter(function (n) { return n.indexOf('t-') !== 0; }).sort().join(' '));
          });
        }
        names.push(ent.name + (ent.isFile() ? '' : '*'));
        next();
      });
    })();
  });
});
step('opendir missing', function (cb) { fs.opendir('nope', cb); });
step('dir promise', function (cb) {
  var dir = fs.opendirSync('.');
  var n = 0;
  (function next() {
    dir.read().then(function (ent) {
      if (ent === null) return dir.close().then(function () { cb(null, n > 5); });
      n++;
      next();
    }, cb);
  })();
});
step('cleanup', function (cb) {
  process.chdir(os.tmpdir());
  fs.rm(base, { recursive: true }, function (e) { cb(e, fs.existsSync(base)); });
});

// Ordering: a callback runs after the current code, its nextTicks and
// microtasks.
fs.stat('.', function () {
  out('stat callback');
  process.nextTick(function () { out('tick from callback'); });
  Promise.resolve().then(function () { out('microtask from callback'); });
  setImmediate(function () {
    out('immediate from callback');
    run(0);
  });
});
process.nextTick(function () { out('tick'); });
Promise.resolve().then(function () { out('microtask'); });
out('sync');
