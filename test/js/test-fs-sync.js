// fs: every *Sync function on a fresh temp dir, results and Node's errors.
var fs = require('fs');
var os = require('os');
var base = fs.mkdtempSync(os.tmpdir() + '/x-');
process.chdir(base);
function out() { console.log(Array.prototype.slice.call(arguments).join(' ')); }
function clean(s) { return String(s).split(base).join('<tmp>'); }
function err(label, f) {
  try {
    var r = f();
    out(label, 'ok', typeof r === 'object' ? JSON.stringify(r) : r);
  } catch (e) {
    out(label, e.name, e.code, e.errno, e.syscall, clean(e.path), clean(e.dest), '|', clean(e.message));
  }
}

// writeFile / readFile / appendFile, encodings, flags
fs.writeFileSync('a.txt', 'hello');
out(fs.readFileSync('a.txt', 'utf8'), fs.readFileSync('a.txt').toString('hex'));
fs.appendFileSync('a.txt', ' world');
fs.appendFileSync('a.txt', Buffer.from('!!'));
out(fs.readFileSync('a.txt', { encoding: 'utf8' }));
out(fs.readFileSync('a.txt', 'base64'), fs.readFileSync('a.txt', 'latin1'), fs.readFileSync('a.txt', 'hex'));
fs.writeFileSync('b.bin', 'aGVsbG8=', 'base64');
out(fs.readFileSync('b.bin', 'utf8'));
fs.writeFileSync('u.txt', 'h\u00e9llo \u20ac \ud83d\ude00 \ud800x');
var u = fs.readFileSync('u.txt');
out(u.length, u.toString('hex'));
var us = fs.readFileSync('u.txt', 'utf8');
out(us.length, us.charCodeAt(10).toString(16), us.charCodeAt(11).toString(16), us.charCodeAt(13).toString(16));
fs.writeFileSync('bad.bin', Buffer.from([0x61, 0xff, 0xc3, 0x28, 0xe2, 0x82, 0x62, 0xf0, 0x9f, 0x98]));
var bs = fs.readFileSync('bad.bin', 'utf8');
out(bs.length, Array.prototype.map.call(bs, function (c) { return c.charCodeAt(0).toString(16); }).join(','));
out(bs === fs.readFileSync('bad.bin').toString());
fs.writeFileSync('w.txt', 'abc', { flag: 'a' });
fs.writeFileSync('w.txt', 'def', { flag: 'a' });
out(fs.readFileSync('w.txt', 'utf8'));
err('wx', function () { fs.writeFileSync('w.txt', 'x', { flag: 'wx' }); });
fs.writeFileSync('m.txt', 'm', { mode: 384 });
out((fs.statSync('m.txt').mode & 511).toString(8));
fs.writeFileSync('m2.txt', 'm', { mode: '640' });
out((fs.statSync('m2.txt').mode & 511).toString(8));
fs.writeFileSync('ta.bin', new Uint16Array([1, 2, 258]));
out(fs.readFileSync('ta.bin').toString('hex'));
fs.writeFileSync('empty', '');
out(JSON.stringify(fs.readFileSync('empty', 'utf8')), fs.readFileSync('empty').length);
err('read dir', function () { return fs.readFileSync('.'); });
err('read missing', function () { return fs.readFileSync('missing.txt'); });
err('write dir', function () { fs.writeFileSync('.', 'x'); });
err('write nodir', function () { fs.writeFileSync('nodir/x', 'x'); });
out(fs.readFileSync('/proc/self/stat', 'utf8').length > 0);

// open / read / write / close, positions
var fd = fs.openSync('rw.txt', 'w+');
out(typeof fd, fs.writeSync(fd, 'abcdef'), fs.writeSync(fd, Buffer.from('XY'), 0, 2, 1));
out(fs.writeSync(fd, 'Z', 5), fs.writeSync(fd, 'é', null, 'utf8'), fs.writeSync(fd, '6869', null, 'hex'));
var rb = Buffer.alloc(20);
out(fs.readSync(fd, rb, 0, 20, 0), rb.toString('utf8', 0, 11));
out(fs.readSync(fd, rb, 2, 3, 1), rb.slice(0, 6).toString('hex'));
out(fs.readSync(fd, rb, { position: 4, length: 2 }), rb.slice(0, 2).toString());
out(fs.readSync(fd, rb, 0, 0, 0));
fs.closeSync(fd);
err('close twice', function () { fs.closeSync(fd); });
err('open missing', function () { fs.openSync('missing', 'r'); });
err('open excl', function () { fs.openSync('rw.txt', 'wx'); });
err('open dir w', function () { fs.openSync('.', 'w'); });
fd = fs.openSync('rw.txt', 'r');
err('write ro', function () { fs.writeSync(fd, 'x'); });
out(fs.readSync(fd, rb, 0, 3, null), fs.readSync(fd, rb, 3, 3, null), rb.slice(0, 6).toString());
fs.closeSync(fd);
fd = fs.openSync('ap.txt', 'a');
fs.writeSync(fd, 'one');
fs.writeSync(fd, 'two', 0);
fs.closeSync(fd);
out(fs.readFileSync('ap.txt', 'utf8'));
fd = fs.openSync('num.txt', fs.constants.O_CREAT | fs.constants.O_WRONLY, '600');
fs.writeSync(fd, 'n');
fs.closeSync(fd);
out((fs.statSync('num.txt').mode & 511).toString(8));
fd = fs.openSync('rw.txt', 'r');
out(fs.readFileSync(fd, 'utf8'));
fs.closeSync(fd);
fd = fs.openSync('fdw.txt', 'w');
fs.writeFileSync(fd, 'via fd ');
fs.appendFileSync(fd, 'appended');
fs.closeSync(fd);
out(fs.readFileSync('fdw.txt', 'utf8'));

// stat / lstat / fstat
var st = fs.statSync('a.txt');
out(st instanceof fs.Stats, st.isFile(), st.isDirectory(), st.isSymbolicLink(), st.isFIFO(),
  st.isSocket(), st.isCharacterDevice(), st.isBlockDevice(), st.size, st.nlink);
out(Object.keys(st).join(','));
out(typeof st.dev, typeof st.ino, typeof st.mtimeMs, st.mtime instanceof Date,
  st.mtime.getTime() === Math.round(st.mtimeMs), st.blksize > 0, st.blocks >= 0);
out(fs.statSync('.').isDirectory(), fs.statSync('/dev/null').isCharacterDevice());
fd = fs.openSync('a.txt', 'r');
var fst = fs.fstatSync(fd);
out(fst.size, fst.ino === st.ino);
fs.closeSync(fd);
err('stat missing', function () { fs.statSync('nope/x'); });
err('lstat missing', function () { fs.lstatSync('nope'); });
err('fstat bad', function () { fs.fstatSync(9999); });
out(fs.statSync('nope', { throwIfNoEntry: false }), fs.lstatSync('nope/x', { throwIfNoEntry: false }));
err('lstat enotdir', function () { fs.lstatSync('a.txt/x', { throwIfNoEntry: false }); });
var s2 = new fs.Stats(1, 33188, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14);
out(s2.isFile(), s2.mode, s2.atime.getTime(), s2.birthtimeMs);

// access / exists
out(fs.existsSync('a.txt'), fs.existsSync('nope'), fs.existsSync(), fs.existsSync('a\u0000b'));
err('access ok', function () { return fs.accessSync('a.txt', fs.constants.R_OK | fs.constants.W_OK); });
err('access missing', function () { fs.accessSync('nope'); });
out(fs.F_OK, fs.R_OK, fs.W_OK, fs.X_OK, fs.constants.O_CREAT, fs.constants.S_IFDIR, fs.constants.COPYFILE_EXCL);

// directories
out(fs.mkdirSync('d1'), fs.mkdirSync('d2/a/b', { recursive: true }), fs.mkdirSync('d2/a/b', { recursive: true }));
out(fs.mkdirSync('./d3/./x/../y', { recursive: true }));
err('mkdir exists', function () { fs.mkdirSync('d1'); });
err('mkdir p file', function () { fs.mkdirSync('a.txt', { recursive: true }); });
err('mkdir p under file', function () { fs.mkdirSync('a.txt/b/c', { recursive: true }); });
err('mkdir noparent', function () { fs.mkdirSync('zz/yy'); });
fs.mkdirSync('md', 448);
out((fs.statSync('md').mode & 511).toString(8));
out(JSON.stringify(fs.readdirSync('d2')), JSON.stringify(fs.readdirSync('d2', { recursive: true })));
fs.writeFileSync('d2/a/f.txt', 'f');
fs.symlinkSync('a.txt', 'd2/lnk');
var ents = fs.readdirSync('d2', { withFileTypes: true });
out(ents.map(function (e) {
  return e.name + ':' + e.isFile() + e.isDirectory() + e.isSymbolicLink() + ':' + e.parentPath + ':' + e.path;
}).join(' '), ents[0] instanceof fs.Dirent);
out(JSON.stringify(fs.readdirSync('d2', { recursive: true })));
out(fs.readdirSync('d2', { recursive: true, withFileTypes: true }).map(function (e) {
  return e.parentPath + '/' + e.name;
}).join(' '));
out(JSON.stringify(fs.readdirSync('d2', 'buffer').map(function (b) { return Buffer.isBuffer(b) && b.toString(); })));
err('readdir missing', function () { fs.readdirSync('nope'); });
err('readdir file', function () { fs.readdirSync('a.txt'); });
err('rmdir nonempty', function () { fs.rmdirSync('d2'); });
err('rmdir file', function () { fs.rmdirSync('a.txt'); });
fs.rmdirSync('d1');
out(fs.existsSync('d1'));
var t = fs.mkdtempSync('tmp-');
out(t.length, t.slice(0, 4), fs.statSync(t).isDirectory());
err('mkdtemp missing', function () { fs.mkdtempSync('nope/x-'); });

// rm
err('rm dir', function () { fs.rmSync('d2'); });
err('rm missing', function () { fs.rmSync('nope'); });
err('rm missing force', function () { fs.rmSync('nope', { force: true }); });
err('rm file', function () { fs.rmSync('w.txt'); });
err('rm tree', function () { fs.rmSync('d2', { recursive: true }); });
out(fs.existsSync('d2'), fs.existsSync('w.txt'));
fs.mkdirSync('d4/a/b', { recursive: true });
fs.writeFileSync('d4/a/b/f', 'x');
err('rmdir recursive', function () { fs.rmdirSync('d4', { recursive: true }); });
out(fs.existsSync('d4'));

// rename / link / symlink / readlink / realpath / unlink / copyFile
fs.renameSync('b.bin', 'c.bin');
out(fs.existsSync('b.bin'), fs.readFileSync('c.bin', 'utf8'));
err('rename missing', function () { fs.renameSync('nope', 'other'); });
fs.linkSync('c.bin', 'hard.bin');
out(fs.statSync('c.bin').nlink, fs.statSync('hard.bin').ino === fs.statSync('c.bin').ino);
err('link exists', function () { fs.linkSync('c.bin', 'hard.bin'); });
fs.symlinkSync('c.bin', 'sym');
fs.symlinkSync('nowhere', 'dangling', 'file');
out(fs.readlinkSync('sym'), fs.lstatSync('sym').isSymbolicLink(), fs.statSync('sym').isFile());
out(fs.readlinkSync('sym', 'buffer').toString('hex'), fs.readlinkSync('sym', { encoding: 'hex' }));
err('symlink exists', function () { fs.symlinkSync('x', 'sym'); });
err('readlink file', function () { fs.readlinkSync('c.bin'); });
out(clean(fs.realpathSync('sym')), clean(fs.realpathSync('.')), clean(fs.realpathSync.native('sym')));
err('realpath missing', function () { fs.realpathSync('nope/a'); });
err('realpath dangling', function () { fs.realpathSync.native('dangling'); });
fs.unlinkSync('hard.bin');
err('unlink missing', function () { fs.unlinkSync('hard.bin'); });
err('unlink dir', function () { fs.unlinkSync('md'); });
fs.copyFileSync('a.txt', 'copy.txt');
out(fs.readFileSync('copy.txt', 'utf8'));
err('copy excl', function () { fs.copyFileSync('a.txt', 'copy.txt', fs.constants.COPYFILE_EXCL); });
err('copy missing', function () { fs.copyFileSync('nope', 'copy2.txt'); });
fs.copyFileSync('a.txt', 'copy.txt', 0);

// truncate / ftruncate / fsync / fdatasync
fs.truncateSync('copy.txt', 4);
out(fs.readFileSync('copy.txt', 'utf8'));
fs.truncateSync('copy.txt');
out(fs.statSync('copy.txt').size);
fd = fs.openSync('copy.txt', 'r+');
fs.ftruncateSync(fd, 10);
out(fs.fstatSync(fd).size, fs.readFileSync('copy.txt').toString('hex'));
fs.ftruncateSync(fd);
fs.fsyncSync(fd);
fs.fdatasyncSync(fd);
out(fs.fstatSync(fd).size);
fs.closeSync(fd);
err('truncate missing', function () { fs.truncateSync('nope', 1); });

// utimes / futimes / lutimes
fs.utimesSync('a.txt', 1000, 2000);
st = fs.statSync('a.txt');
out(st.atimeMs, st.mtimeMs, st.atime.toISOString(), st.mtime.toISOString());
fs.utimesSync('a.txt', new Date(1500000000123), '1600000000');
st = fs.statSync('a.txt');
out(st.atimeMs, st.mtimeMs);
fd = fs.openSync('a.txt', 'r');
fs.futimesSync(fd, 12345.5, 23456.25);
st = fs.fstatSync(fd);
out(st.atimeMs, st.mtimeMs);
fs.closeSync(fd);
fs.lutimesSync('sym', 5, 6);
out(fs.lstatSync('sym').mtimeMs, fs.statSync('sym').mtimeMs !== 6000);
err('utimes missing', function () { fs.utimesSync('nope', 1, 1); });

// chmod / fchmod / chown / fchown / lchown
fs.chmodSync('a.txt', 420);
out((fs.statSync('a.txt').mode & 511).toString(8));
fs.chmodSync('a.txt', '600');
out((fs.statSync('a.txt').mode & 511).toString(8));
fd = fs.openSync('a.txt', 'r');
fs.fchmodSync(fd, 436);
out((fs.fstatSync(fd).mode & 511).toString(8));
var me = fs.fstatSync(fd);
fs.fchownSync(fd, me.uid, me.gid);
fs.closeSync(fd);
fs.chownSync('a.txt', me.uid, me.gid);
fs.lchownSync('sym', me.uid, me.gid);
fs.chownSync('a.txt', -1, -1);
err('chmod missing', function () { fs.chmodSync('nope', 420); });
err('chown missing', function () { fs.chownSync('nope', 0, 0); });

// readv / writev
fd = fs.openSync('v.txt', 'w+');
out(fs.writevSync(fd, [Buffer.from('ab'), Buffer.from('cde')]), fs.writevSync(fd, [Buffer.from('Z')], 1));
var v1 = Buffer.alloc(2), v2 = Buffer.alloc(10);
out(fs.readvSync(fd, [v1, v2], 0), v1.toString(), v2.toString('utf8', 0, 3));
fs.closeSync(fd);

// opendir
var dir = fs.opendirSync('.');
var names = [], ent;
while ((ent = dir.readSync()) !== null) if (ent.name.indexOf('tmp-') !== 0) names.push(ent.name + (ent.isDirectory() ? '/' : ''));
out(dir.path === '.', names.sort().join(' '));
dir.closeSync();
err('dir closed', function () { dir.readSync(); });
err('dir close twice', function () { dir.closeSync(); });
err('opendir missing', function () { fs.opendirSync('nope'); });

process.chdir(os.tmpdir());
fs.rmSync(base, { recursive: true, force: true });
out('removed', fs.existsSync(base));
