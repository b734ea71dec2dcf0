// fs: a file past the read limit (2 GiB - 1, sparse here) fails with
// ERR_FS_FILE_TOO_LARGE instead of crashing; ENOSPC (/dev/full) is a
// normal error; a large-ish file round-trips.
var fs = require('fs');
var os = require('os');
var base = fs.mkdtempSync(os.tmpdir() + '/x-');
process.chdir(base);
function out() { console.log(Array.prototype.slice.call(arguments).join(' ')); }
function show(label, e) { out(label, e && e.name, e && e.code, e && e.syscall, '|', e && e.message); }

var fd = fs.openSync('huge.bin', 'w');
fs.ftruncateSync(fd, 2147483648 + 5);
fs.closeSync(fd);
out('size', fs.statSync('huge.bin').size);
try { fs.readFileSync('huge.bin'); } catch (e) { show('sync', e); }
fs.readFile('huge.bin', function (e) {
  show('callback', e);
  fs.promises.readFile('huge.bin').then(null, function (e2) {
    show('promise', e2);
    full();
  });
});

function full() {
  try { fs.writeFileSync('/dev/full', 'data'); } catch (e) { show('enospc sync', e); }
  fs.writeFile('/dev/full', Buffer.alloc(100000), function (e) {
    show('enospc callback', e);
    var f = fs.openSync('/dev/full', 'w');
    fs.write(f, 'x', function (e2, n, s) {
      show('enospc write', e2);
      out('write args', n, s);
      fs.closeSync(f);
      medium();
    });
  });
}

function medium() {
  var b = Buffer.alloc(8 * 1024 * 1024 + 3, 'lode');
  fs.writeFile('m.bin', b, function (e) {
    fs.readFile('m.bin', function (e2, r) {
      out('8MiB', e, e2, r.length, r.equals(b), fs.readFileSync('m.bin', 'latin1').length);
      fs.unlinkSync('huge.bin');
      process.chdir(os.tmpdir());
      fs.rmSync(base, { recursive: true });
      out('cleanup', fs.existsSync(base));
    });
  });
}
