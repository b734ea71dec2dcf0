// path (POSIX): every function, edge cases and argument errors.
var path = require('path');
function j(v) { return JSON.stringify(v); }
function each(fn, inputs) {
  inputs.forEach(function (args) {
    var r;
    try { r = j(path[fn].apply(path, args)); } catch (e) { r = e.name + ' ' + e.code + ' ' + e.message; }
    console.log(fn, j(args), '=>', r);
  });
}
console.log(path.sep, path.delimiter, path === path.posix, path.posix.posix === path.posix, path.win32.posix === path.posix);
console.log(typeof path.win32.join, path.win32.sep, path.win32.delimiter);
each('basename', [['/a/b/c.txt'], ['/a/b/c.txt', '.txt'], ['/a/b/c.txt', 'txt'], ['/a/b/c.txt', 'c.txt'],
  ['/a/b/'], ['/a/b//'], ['/'], [''], ['a'], ['//a'], ['/a/b/c.txt', 'x.txt'], ['aaa', 'a'], ['file.js.js', '.js'],
  ['a\\b\\c'], ['/a/b', ''], [1], ['x', 1], ['/dir/.hidden'], ['.']]);
each('dirname', [['/a/b/c'], ['/a/b/'], ['/a'], ['/'], [''], ['a'], ['a/b'], ['//a'], ['///a/b'], ['a//b//'], ['./x'], ['../x'], [null]]);
each('extname', [['index.html'], ['index.coffee.md'], ['index.'], ['index'], ['.index'], ['.index.md'], ['/a.b/c'],
  ['/a/b.c/'], ['..'], ['.'], ['...'], ['a.b.c.'], ['file/.'], ['x..'], [{}]]);
each('join', [['/foo', 'bar', 'baz/asdf', 'quux', '..'], ['a', '', 'b'], [''], [], ['', ''], ['/', '/a'], ['a/', '/b/'],
  ['.', '.'], ['..', 'a'], ['/..', 'a'], ['a', '../..', 'b'], ['a', 1], ['./', 'x/'], ['/a//b', '//c']]);
each('normalize', [['/foo/bar//baz/asdf/quux/..'], [''], ['.'], ['./'], ['..'], ['../'], ['/..'], ['/../a'], ['a/../..'],
  ['a/./b/../../c/'], ['//a//b'], ['./a/.'], ['a/b/../../../c/..'], ['/a/b/c/../../../..'], ['...'], ['a/.../b'], [5]]);
each('isAbsolute', [['/a'], ['a'], [''], ['./a'], ['//x'], ['C:\\'], [true]]);
each('resolve', [['/foo/bar', './baz'], ['/foo/bar', '/tmp/file/'], ['/a', 'b', '../c', './d'], ['/'], ['/a/', '', '/b'], ['/x', 5]]);
console.log(path.resolve() === process.cwd(), path.resolve('') === process.cwd(), path.resolve('x') === process.cwd() + '/x',
  path.resolve('a', '..', 'b') === process.cwd() + '/b');
each('relative', [['/data/orandea/test/aaa', '/data/orandea/impl/bbb'], ['/a', '/a'], ['/a/b', '/a'], ['/a', '/a/b'],
  ['/', '/a/b'], ['/a/b', '/'], ['/a/bc', '/a/b'], ['/a/b', '/a/bc'], ['/foo/bar/baz', '/foo/bar/baz-quux'],
  ['/page1/page2/foo', '/'], ['/x/y/', '/x/y/z/'], ['/a', 1], [1, '/a']]);
each('parse', [['/home/user/dir/file.txt'], ['./file'], ['/'], [''], ['file.tar.gz'], ['/a/b/'], ['.bashrc'], ['//a'],
  ['a/b'], ['/.'], ['/..'], ['x/..'], ['/a/.b'], [3]]);
each('format', [[{ root: '/ignored', dir: '/home/user/dir', base: 'file.txt' }], [{ root: '/', base: 'file.txt', ext: 'ignored' }],
  [{ root: '/', name: 'file', ext: '.txt' }], [{ name: 'x', ext: 'txt' }], [{ dir: 'd', name: 'n' }], [{}], [{ root: '/' }],
  [{ dir: '/', base: 'a' }], [null], ['str']]);
each('toNamespacedPath', [['/a/b'], [''], [5]]);
var parsed = path.parse('/x/y/z.js'); console.log(path.format(parsed) === '/x/y/z.js', j(Object.keys(parsed)));
