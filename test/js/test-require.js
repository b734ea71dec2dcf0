// require(): relative paths, .json, folders, node_modules, package.json
// main, cycles, cache, resolve errors, exports vs module.exports.
var path = require('path');
var assert = require('assert');
function rel(p) { return path.relative(__dirname, p); }

var a = require('./fixtures/require/a');
console.log('cycle:', a.fromB, a.loaded);
console.log('json:', require('./fixtures/require/data.json').answer, require('./fixtures/require/data').list.length);
console.log('dir:', require('./fixtures/require/dir'));
console.log('exports vs module.exports:', JSON.stringify(require('./fixtures/require/exports-vs-module')));
console.log('shebang:', require('./fixtures/require/shebang'));

var m = require('./fixtures/require/node_modules/pkg-main');
console.log('pkg main:', m.from, m.parentIsModule);
var fromInside = require(path.join(__dirname, 'fixtures/require/a.js'));
console.log('cache shared:', fromInside === a);
console.log('require.cache has a:', rel(require.resolve('./fixtures/require/a')) in
  Object.keys(require.cache).reduce(function (o, k) { o[rel(k)] = true; return o; }, {}));

try {
  require('./fixtures/require/nope');
} catch (e) {
  console.log('missing:', e.code, e.message.split('\n')[0].replace(__dirname, '<dir>'));
}
try {
  require('./fixtures/require/bad.json');
} catch (e) {
  console.log('bad json is', e.name, e.message.indexOf('bad.json') !== -1);
}
try {
  require('./fixtures/require/throws');
} catch (e) {
  console.log('throws:', e.message);
}
// a module that threw is not cached: it throws again
try {
  require('./fixtures/require/throws');
} catch (e) {
  console.log('throws again:', e.message);
}
console.log('resolve:', rel(require.resolve('./fixtures/require/dir')));
try {
  require.resolve('no-such-package-xyz');
} catch (e) {
  console.log('resolve missing:', e.code);
}
console.log('core:', require('node:path') === path, require('events') === require('node:events'));
try {
  require('node:no-such-core');
} catch (e) {
  console.log('unknown core:', e.code);
}
console.log('main:', require.main === module, typeof module.id, module.loaded);
assert.throws(function () { require(42); }, { code: 'ERR_INVALID_ARG_TYPE' });
assert.throws(function () { require(''); }, { code: 'ERR_INVALID_ARG_VALUE' });
console.log('builtinModules has fs and path:', require('module').builtinModules.indexOf('path') !== -1);
