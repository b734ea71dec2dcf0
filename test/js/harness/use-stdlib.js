/*
 * Preload for node (`node -r ./test/js/harness/use-stdlib.js script.js`):
 * makes require('events'|'path'|'util'|...) and their 'node:' forms load
 * lode's stdlib/<name>.js instead of node's own core modules, so the same
 * test script can be run against both and the outputs diffed.
 * Not part of lode; a test tool only (runs under node, may use ES2015+).
 */
'use strict';
var Module = require('module');
var path = require('path');
var fs = require('fs');

var stdlib = path.resolve(__dirname, '..', '..', '..', 'stdlib');
var NAMES = ['events', 'path', 'util', 'assert', 'querystring', 'url',
  'string_decoder', 'assert/strict', 'path/posix', 'path/win32', 'util/types'];

function mapped(request) {
  var id = request.indexOf('node:') === 0 ? request.slice(5) : request;
  if (NAMES.indexOf(id) !== -1 || id.indexOf('internal/') === 0) {
    var file = path.join(stdlib, id + '.js');
    if (fs.existsSync(file)) return file;
  }
  return null;
}

var origLoad = Module._load;
Module._load = function (request, parent, isMain) {
  var file = typeof request === 'string' ? mapped(request) : null;
  if (file) return origLoad.call(this, file, parent, isMain);
  return origLoad.apply(this, arguments);
};
