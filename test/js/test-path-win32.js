// path.win32: drive letters, UNC paths, mixed separators.
var path = require('path').win32;
function j(v) { return JSON.stringify(v); }
function each(fn, inputs) {
  inputs.forEach(function (args) {
    var r;
    try { r = j(path[fn].apply(path, args)); } catch (e) { r = e.name + ' ' + e.code + ' ' + e.message; }
    console.log(fn, j(args), '=>', r);
  });
}
each('basename', [['C:\\foo.html'], ['C:\\foo.html', '.html'], ['C:\\'], ['C:'], ['C:foo'], ['\\\\server\\share\\f.txt'],
  ['C:/a/b/'], ['a/b\\c'], ['C:\\a\\b.txt', 'b.txt'], ['\\']]);
each('dirname', [['C:\\a\\b'], ['C:\\'], ['C:'], ['C:a'], ['C:a\\b'], ['\\\\server\\share'], ['\\\\server\\share\\x'],
  ['\\\\server\\share\\x\\y'], ['/a/b'], ['a'], [''], ['\\']]);
each('extname', [['C:\\a.b\\c.d'], ['C:foo.txt'], ['C:.x'], ['file.'], ['\\a\\.b']]);
each('join', [['C:\\a', 'b', '..\\c'], ['\\\\server', 'share'], ['//server/share', 'x'], ['\\\\\\a', 'b'], ['C:', 'a'],
  ['', ''], ['a', '/b'], ['//', 'a'], ['\\\\a\\b', 'c']]);
each('normalize', [['C:\\temp\\\\foo\\bar\\..\\'], ['C:////temp\\\\/\\/\\/foo/bar'], ['c:/ignore'], ['C:..\\a'], ['\\\\srv\\sh'],
  ['\\\\srv\\sh\\..\\x'], ['/'], ['a/'], [''], ['C:'], ['C:.'], ['\\\\?\\C:\\x'], ['//server']]);
each('isAbsolute', [['//server'], ['\\\\server'], ['C:/foo/..'], ['C:\\foo\\..'], ['bar\\baz'], ['bar/baz'], ['.'], ['C:'], ['C:x'], ['/']]);
each('resolve', [['C:\\a', 'b'], ['C:\\a', 'D:\\b'], ['C:\\a', '\\b'], ['\\\\server\\share', 'x', '..\\y'], ['C:\\', '..', '..'],
  ['c:/blah\\blah', 'd:/games', 'c:../a'], ['c:/ignore', 'c:/some/file'], ['d:/ignore', 'd:some/dir//'], ['//server/share', '..', 'relative\\']]);
each('relative', [['C:\\orandea\\test\\aaa', 'C:\\orandea\\impl\\bbb'], ['C:\\a', 'C:\\a'], ['C:\\a', 'D:\\b'], ['c:/AaAa/bbbb', 'c:/aaaa/bbbb'],
  ['c:/aaaa/', 'c:/aaaa/cccc'], ['c:/aaaa/bbbb', 'c:/'], ['C:\\foo\\test', 'C:\\foo\\test\\bar\\package.json'],
  ['\\\\foo\\bar', '\\\\foo\\bar\\baz'], ['\\\\foo\\bar\\baz-quux', '\\\\foo\\bar\\baz'], ['C:\\baz', '\\\\foo\\bar\\baz']]);
each('parse', [['C:\\path\\dir\\file.txt'], ['C:'], ['C:\\'], ['C:abc'], ['\\\\server\\share\\file'], ['\\\\server\\share'],
  ['\\\\server\\share\\'], ['/foo/bar.baz'], ['x'], ['\\'], ['C:\\.'], ['']]);
each('format', [[{ dir: 'C:\\path\\dir', base: 'file.txt' }], [{ root: 'C:\\', name: 'x', ext: '.y' }], [{ dir: 'a', name: 'b', ext: 'c' }]]);
each('toNamespacedPath', [['C:\\foo'], ['\\\\server\\share\\x'], ['\\\\?\\C:\\x'], ['C:'], ['']]);
console.log(path.sep, path.delimiter, path.win32 === path);
