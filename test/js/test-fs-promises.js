// fs.promises / require('fs/promises'): results, rejections (argument
// errors reject instead of throwing), FileHandle.
var fs = require('fs');
var fsp = require('fs/promises');
var os = require('os');
var base = fs.mkdtempSync(os.tmpdir() + '/x-');
process.chdir(base);
function out() { console.log(Array.prototype.slice.call(arguments).join(' ')); }
function clean(s) { return String(s).split(base).join('<tmp>'); }
function fmt(v) {
  if (Buffer.isBuffer(v)) return 'buf:' + v.toString('hex');
  if (v instanceof fs.Stats) return 'stats:' + v.size + ':' + v.isFile() + v.isDirectory();
  if (Array.isArray(v)) return '[' + v.map(fmt).join(',') + ']';
  if (v && typeof v === 'object') {
    return '{' + Object.keys(v).map(function (k) { return k + '=' + fmt(v[k]); }).join(',') + '}';
  }
  return typeof v === 'string' ? clean(v) : String(v);
}
var steps = [];
function step(label, f) { steps.push([label, f]); }
function run(i) {
  if (i >= steps.length) return;
  var s = steps[i], p;
  try {
    p = s[1]();
  } catch (e) {
    out(s[0], 'THREW SYNC', e.code);
    return run(i + 1);
  }
  p.then(function (v) {
    out(s[0], 'ok', fmt(v));
    run(i + 1);
  }, function (e) {
    out(s[0], 'rejected', e.name, e.code, e.errno, e.syscall, clean(e.path), '|', clean(e.message));
    run(i + 1);
  });
}
out(fs.promises === fsp, typeof fsp.FileHandle, fsp.constants === fs.constants);
var fh;
step('writeFile', function () { return fsp.writeFile('a.txt', 'hello'); });
step('appendFile', function () { return fsp.appendFile('a.txt', Buffer.from(' there')); });
step('readFile', function () { return fsp.readFile('a.txt'); });
step('readFile utf8', function () { return fsp.readFile('a.txt', 'utf8'); });
step('readFile hex', function () { return fsp.readFile('a.txt', { encoding: 'hex' }); });
step('readFile missing', function () { return fsp.readFile('nope'); });
step('readFile bad path', function () { return fsp.readFile(5); });
step('readFile bad enc', function () { return fsp.readFile('a.txt', 'zz'); });
step('writeFile bad data', function () { return fsp.writeFile('a.txt', 5); });
step('stat', function () { return fsp.stat('a.txt'); });
step('lstat', function () { return fsp.lstat('.'); });
step('stat missing', function () { return fsp.stat('nope'); });
step('access', function () { return fsp.access('a.txt'); });
step('access missing', function () { return fsp.access('nope', fs.constants.R_OK); });
step('access bad mode', function () { return fsp.access('a.txt', 9); });
step('mkdir', function () { return fsp.mkdir('d'); });
step('mkdir p', function () { return fsp.mkdir('d/e/f', { recursive: true }); });
step('mkdir exists', function () { return fsp.mkdir('d'); });
step('mkdtemp', function () { return fsp.mkdtemp('t-').then(function (p) { return p.length; }); });
step('readdir', function () { return fsp.readdir('d'); });
step('readdir types', function () {
  return fsp.readdir('d', { withFileTypes: true }).then(function (l) {
    return l.map(function (e) { return e.name + e.isDirectory(); });
  });
});
step('copyFile', function () { return fsp.copyFile('a.txt', 'b.txt'); });
step('copyFile excl', function () { return fsp.copyFile('a.txt', 'b.txt', fs.constants.COPYFILE_EXCL); });
step('rename', function () { return fsp.rename('b.txt', 'c.txt'); });
step('link', function () { return fsp.link('c.txt', 'h.txt'); });
step('symlink', function () { return fsp.symlink('c.txt', 's.txt'); });
step('readlink', function () { return fsp.readlink('s.txt'); });
step('realpath', function () { return fsp.realpath('s.txt'); });
step('truncate', function () { return fsp.truncate('c.txt', 2); });
step('readFile c', function () { return fsp.readFile('c.txt', 'utf8'); });
step('chmod', function () { return fsp.chmod('c.txt', 384); });
step('chown', function () { return fsp.chown('c.txt', -1, -1); });
step('lchown', function () { return fsp.lchown('s.txt', -1, -1); });
step('utimes', function () { return fsp.utimes('c.txt', 10, 20); });
step('lutimes', function () { return fsp.lutimes('s.txt', 10, 20); });
step('stat times', function () { return fsp.stat('c.txt').then(function (s) { return [s.atimeMs, s.mtimeMs, (s.mode & 511).toString(8)]; }); });
step('unlink', function () { return fsp.unlink('h.txt'); });
step('unlink missing', function () { return fsp.unlink('h.txt'); });
step('rmdir nonempty', function () { return fsp.rmdir('d'); });
step('rm dir', function () { return fsp.rm('d'); });
step('rm recursive', function () { return fsp.rm('d', { recursive: true }); });
step('rm force', function () { return fsp.rm('nope', { force: true }); });
step('opendir', function () {
  return fsp.opendir('.').then(function (dir) {
    var n = 0;
    function next() {
      return dir.read().then(function (e) {
        if (e === null) return dir.close().then(function () { return n; });
        n++;
        return next();
      });
    }
    return next();
  });
});
// FileHandle
step('open', function () { return fsp.open('fh.txt', 'w+').then(function (h) { fh = h; return typeof h.fd; }); });
step('fh.write buf', function () { return fh.write(Buffer.from('abcdef')); });
step('fh.write str', function () { return fh.write('XY', 1); });
step('fh.write str enc', function () { return fh.write('7a', null, 'hex').then(function (r) { return r.bytesWritten; }); });
step('fh.write opts', function () { return fh.write(Buffer.from('123'), { offset: 1, length: 2, position: 0 }).then(function (r) { return r.bytesWritten; }); });
step('fh.read', function () { return fh.read(Buffer.alloc(10), 0, 10, 0); });
step('fh.read opts', function () { return fh.read({ buffer: Buffer.alloc(3), position: 2 }); });
step('fh.read noargs', function () { return fh.read().then(function (r) { return [r.bytesRead, r.buffer.length]; }); });
step('fh.stat', function () { return fh.stat(); });
step('fh.truncate', function () { return fh.truncate(4); });
step('fh.readFile', function () { return fh.readFile('utf8'); });
step('fh.writeFile', function () { return fh.writeFile('more'); });
step('fh.sync', function () { return fh.sync(); });
step('fh.datasync', function () { return fh.datasync(); });
step('fh.chmod', function () { return fh.chmod(420); });
step('fh.utimes', function () { return fh.utimes(1, 2); });
step('fh.close', function () { return fh.close(); });
step('fh.fd after close', function () { return Promise.resolve(fh.fd); });
step('readFile after', function () { return fsp.readFile('fh.txt', 'utf8'); });
step('readFile handle', function () {
  return fsp.open('fh.txt').then(function (h) {
    return fsp.readFile(h, 'utf8').then(function (s) { return h.close().then(function () { return s; }); });
  });
});
step('open missing', function () { return fsp.open('nope'); });
step('open bad flags', function () { return fsp.open('fh.txt', 'bad'); });
step('cleanup', function () {
  process.chdir(os.tmpdir());
  return fsp.rm(base, { recursive: true }).then(function () { return fs.existsSync(base); });
});
run(0);
