// require() edge cases: node_modules found by walking up from a nested
// module, module.paths, require.resolve with { paths } and
// require.resolve.paths, a package.json "main" that points to a missing
// file (falls back to index.js with DEP0128, or fails), the message of a
// JSON syntax error (names the file), a syntax error in a required
// module (a SyntaxError whose stack names the file), MODULE_NOT_FOUND's
// requireStack.
var path = require('path');
var fx = path.join(__dirname, 'fixtures', 'require');
function rel(p) { return path.relative(__dirname, p); }
var captured = [];
var realWrite = process.stderr.write;
process.stderr.write = function (s) { captured.push(String(s)); return true; };

console.log(require('./fixtures/require/sub/deep/walk-up'));
console.log('module.paths:', module.paths.slice(0, 2).map(rel).join(' '),
  module.paths[module.paths.length - 1]);
var nested = require.cache[require.resolve('./fixtures/require/sub/deep/walk-up')];
console.log('nested paths:', nested.paths.slice(0, 4).map(rel).join(' '));
console.log('nested parent is this module:', nested.parent === module, module.children.indexOf(nested) !== -1);

console.log('resolve with paths:', rel(require.resolve('only-other', { paths: [path.join(fx, 'other')] })));
try {
  require.resolve('only-other');
} catch (e) {
  console.log('without paths:', e.code);
}
try {
  require.resolve('./nope', { paths: [fx] });
} catch (e) {
  console.log('relative with paths:', e.code, e.message.split('\n')[0].split(__dirname).join('<dir>'));
}
console.log('resolve relative with paths:', rel(require.resolve('./a', { paths: [fx] })));
console.log('resolve.paths:', require.resolve.paths('fs'), require.resolve.paths('./x').map(rel).join(),
  require.resolve.paths('pkg').slice(0, 2).map(rel).join());

console.log(require('./fixtures/require/bad-main'));
try {
  require('./fixtures/require/bad-main-no-index');
} catch (e) {
  console.log('bad main, no index:', e.code, e.message.split(__dirname).join('<dir>'));
}
try {
  require('./fixtures/require/bad.json');
} catch (e) {
  // XXX: the text after "<file>: " is the JSON parser's own message,
  // which differs between V8 and Duktape.
  console.log('bad json:', e.name, e.message.indexOf(path.join(fx, 'bad.json') + ': ') === 0);
}
// The broken module is written at run time (test/js/ must parse as ES5).
var fs = require('fs');
var tmp = fs.mkdtempSync(path.join(require('os').tmpdir(), 'lode-require-'));
var broken = path.join(tmp, 'syntax-error.js');
fs.writeFileSync(broken, '// line 1\nvar ok = 1;\nvar = ;\n');
try {
  require(broken);
} catch (e) {
  console.log('syntax error:', e.name, e instanceof SyntaxError, String(e.stack).indexOf(broken) !== -1);
}
try {
  require(broken);
} catch (e) {
  console.log('not cached after a syntax error:', e.name, !(broken in require.cache));
}
fs.unlinkSync(broken);
fs.rmdirSync(tmp);
try {
  require('no-such-package-xyz');
} catch (e) {
  console.log(e.code, e.message.split('\n')[0], JSON.stringify(e.requireStack.map(rel)));
}
setTimeout(function () {
  process.stderr.write = realWrite;
  console.log('stderr:', JSON.stringify(captured.join('').split(__dirname).join('<dir>')
    .replace(/\((node|lode):\d+\)/g, '(PROC:PID)').replace(/`(node|lode) /g, '`PROC ')));
}, 5);
