// fs: the shape of a Stats object (own properties, their order and
// attributes, the Date values, the prototype) from every way of getting
// one, and many stats issued at once all completing in the order their
// results arrive with the right sizes (the worker pool's batched
// hand-over back to the loop).
var fs = require('fs');
var os = require('os');
var base = fs.mkdtempSync(os.tmpdir() + '/x-');
var file = base + '/f.txt';
fs.writeFileSync(file, 'hello');
fs.utimesSync(file, 1500000000.1234, 1600000000.5);
fs.symlinkSync(file, base + '/link');

function out() { console.log(Array.prototype.slice.call(arguments).join(' ')); }

function describe(label, s) {
  var keys = Object.keys(s);
  out(label, 'keys', keys.join(','));
  out(label, 'types', keys.map(function (k) {
    return s[k] instanceof Date ? 'Date' : typeof s[k];
  }).join(','));
  var link = s.isSymbolicLink(); // its own times are "now"
  out(label, 'proto', Object.getPrototypeOf(s) === fs.Stats.prototype,
      s instanceof fs.Stats, s.isFile(), link, link ? '' : s.size);
  ['dev', 'atime', 'birthtime'].forEach(function (k) {
    var d = Object.getOwnPropertyDescriptor(s, k);
    out(label, k, 'writable', d.writable, 'enumerable', d.enumerable,
        'configurable', d.configurable, 'value', 'value' in d);
  });
  if (!link) {
    out(label, 'atime', s.atimeMs, s.atime.getTime(), s.atime.toISOString());
    out(label, 'mtime', s.mtimeMs, s.mtime.getTime(), s.mtime.toISOString());
  }
  ['atime', 'mtime', 'ctime', 'birthtime'].forEach(function (k) {
    out(label, k, s[k].getTime() === Math.round(s[k + 'Ms']));
  });
  // Each Stats has its own Dates.
  s.atime.setTime(0);
  out(label, 'fresh', fs.statSync(file).atime.getTime());
}

describe('statSync', fs.statSync(file));
describe('lstatSync', fs.lstatSync(base + '/link'));
var fd = fs.openSync(file, 'r');
describe('fstatSync', fs.fstatSync(fd));

fs.stat(file, function (err, s) {
  if (err) throw err;
  describe('stat', s);
  fs.lstat(base + '/link', function (err, s) {
    if (err) throw err;
    describe('lstat', s);
    fs.fstat(fd, function (err, s) {
      if (err) throw err;
      describe('fstat', s);
      fs.closeSync(fd);
      many();
    });
  });
});

// 2,000 at once over files of different sizes: every callback runs once,
// with its own file's size.
function many() {
  var N = 2000, F = 8, left = N, bad = 0, i;
  for (i = 0; i < F; i++)
    fs.writeFileSync(base + '/s' + i, new Array(i + 1).join('x'));
  for (i = 0; i < N; i++) {
    (function (k) {
      fs.stat(base + '/s' + (k % F), function (err, s) {
        if (err || s.size !== k % F) bad++;
        if (--left === 0) {
          out('many', N, 'bad', bad);
          fs.rmSync(base, {recursive: true});
        }
      });
    })(i);
  }
}
