// fs: many requests in flight at once: 1,000 readFile (no EMFILE: each is
// one pool job that opens, reads and closes), 10,000 stat, 10,000 readFile.
var fs = require('fs');
var os = require('os');
var base = fs.mkdtempSync(os.tmpdir() + '/x-');
var N = 1000;
for (var i = 0; i < N; i++) fs.writeFileSync(base + '/f' + i, 'file ' + i);

var done = 0, bad = 0, errs = {};
for (i = 0; i < N; i++) {
  (function (i) {
    fs.readFile(base + '/f' + i, 'utf8', function (err, s) {
      if (err) errs[err.code] = (errs[err.code] || 0) + 1;
      else if (s !== 'file ' + i) bad++;
      if (++done === N) {
        console.log('readFile x1000', done, bad, JSON.stringify(errs));
        stats();
      }
    });
  })(i);
}

function stats() {
  var M = 10000, n = 0, files = 0;
  function onStat(err, st) {
    if (err) throw err;
    if (st.isFile()) files++;
    if (++n === M) {
      console.log('stat x10000', n, files);
      reads();
    }
  }
  for (var j = 0; j < M; j++) fs.stat(base + '/f' + (j % N), onStat);
}

function reads() {
  var M = 10000, n = 0, bytes = 0;
  function onRead(err, b) {
    if (err) throw err;
    bytes += b.length;
    if (++n === M) {
      console.log('readFile x10000', n, bytes);
      writes();
    }
  }
  for (var j = 0; j < M; j++) fs.readFile(base + '/f' + (j % N), onRead);
}

function writes() {
  var M = 2000, n = 0;
  function onWrite(err) {
    if (err) throw err;
    if (++n === M) {
      var ok = 0;
      for (var k = 0; k < M; k++) if (fs.readFileSync(base + '/w' + k, 'utf8') === 'w' + k) ok++;
      console.log('writeFile x2000', n, ok);
      cleanup();
    }
  }
  for (var j = 0; j < M; j++) fs.writeFile(base + '/w' + j, 'w' + j, onWrite);
}

function cleanup() {
  fs.rm(base, { recursive: true }, function (err) {
    console.log('cleanup', err, fs.existsSync(base));
  });
}
