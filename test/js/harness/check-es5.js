/*
 * Parses every .js file under stdlib/ and test/js/ as ECMAScript 5 with acorn
 * (Duktape 2.7 parses ES5.1); exits non-zero on the first syntax error.
 * acorn comes from npm, installed under build/npm by run-under-node.sh.
 */
'use strict';
var fs = require('fs');
var path = require('path');
var root = path.resolve(__dirname, '..', '..', '..');
var acorn;
try {
  acorn = require(path.join(root, 'build', 'npm', 'node_modules', 'acorn'));
} catch (e) {
  acorn = require('acorn');
}
function walk(dir, out) {
  if (!fs.existsSync(dir)) return out;
  fs.readdirSync(dir).sort().forEach(function (n) {
    var p = path.join(dir, n);
    if (fs.statSync(p).isDirectory()) walk(p, out);
    else if (/\.js$/.test(n)) out.push(p);
  });
  return out;
}
var files = walk(path.join(root, 'stdlib'), []);
walk(path.join(root, 'test', 'js'), files);
var bad = 0;
files.forEach(function (f) {
  /* The loader strips a leading '#!' line, as node does. */
  var src = fs.readFileSync(f, 'utf8').replace(/^#!.*/, '');
  try {
    acorn.parse(src, { ecmaVersion: 5, sourceType: 'script', allowReturnOutsideFunction: true });
  } catch (e) {
    bad++;
    console.log('ES5 FAIL ' + path.relative(root, f) + ': ' + e.message);
  }
});
console.log('es5: ' + (files.length - bad) + ' passed, ' + bad + ' failed');
process.exit(bad ? 1 : 0);
