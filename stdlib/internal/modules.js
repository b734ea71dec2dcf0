// internal/modules — CommonJS modules: require(), Module, resolution
// (layer: stdlib/). Node's documented algorithm: core modules first
// (also as "node:x"); "./", "../" and "/" paths as a file (exact, then
// .js, .json), then as a folder (package.json "main", then index.js,
// index.json); bare names in node_modules folders walking up from the
// requiring module's folder. Files are cached by real path; a module that
// throws while loading leaves the cache; cycles see partial exports.
'use strict';

var utilBinding = internalBinding('util');
var fsBinding = internalBinding('fs');
var path = require('path');

var nativeRequire = require;
var builtinNames = [];
var builtinSet = {};

(function () {
  var names = utilBinding.nativeNames(), i;
  for (i = 0; i < names.length; i++) {
    if (names[i].indexOf('internal/') === 0) continue;
    builtinNames.push(names[i]);
    builtinSet[names[i]] = true;
  }
  builtinNames.sort();
})();

function isBuiltin(name) {
  if (typeof name !== 'string') return false;
  if (name.indexOf('node:') === 0) name = name.slice(5);
  return builtinSet[name] === true;
}

function Module(id, parent) {
  this.id = id || '';
  this.path = path.dirname(this.id);
  this.exports = {};
  this.filename = null;
  this.loaded = false;
  this.children = [];
  this.paths = [];
  Object.defineProperty(this, 'parent', { value: parent, writable: true, configurable: true });
  if (parent && parent.children) parent.children.push(this);
}

Module._cache = Object.create(null);
Module._pathCache = Object.create(null);
Module._extensions = Object.create(null);
Module.builtinModules = builtinNames;
Module.isBuiltin = isBuiltin;
Module.Module = Module;

Module._nodeModulePaths = function (from) {
  var paths = [], parts, i, dir;
  from = path.resolve(from);
  if (from === '/') return ['/node_modules'];
  parts = from.split('/');
  for (i = parts.length; i > 0; i--) {
    if (parts[i - 1] === 'node_modules') continue;
    dir = parts.slice(0, i).join('/');
    paths.push((dir === '' ? '' : dir) + '/node_modules');
  }
  paths.push('/node_modules');
  return paths;
};

function statPath(p) {
  return fsBinding.internalModuleStat(p);
}

function toRealPath(p) {
  return fsBinding.realpath(p);
}

function tryFile(p) {
  return statPath(p) === 0 ? toRealPath(p) : false;
}

function tryExtensions(p, exts) {
  var i, f;
  for (i = 0; i < exts.length; i++) {
    f = tryFile(p + exts[i]);
    if (f) return f;
  }
  return false;
}

var packageMainCache = Object.create(null);

function readPackageMain(dir) {
  var jsonPath = path.resolve(dir, 'package.json'), json, pkg;
  if (jsonPath in packageMainCache) return packageMainCache[jsonPath];
  if (statPath(jsonPath) !== 0) {
    packageMainCache[jsonPath] = undefined;
    return undefined;
  }
  json = fsBinding.readFileUtf8(jsonPath);
  try {
    pkg = JSON.parse(json);
  } catch (e) {
    e.path = jsonPath;
    e.message = 'Error parsing ' + jsonPath + ': ' + e.message;
    throw e;
  }
  packageMainCache[jsonPath] = typeof pkg.main === 'string' ? pkg.main : undefined;
  return packageMainCache[jsonPath];
}

function tryPackage(dir, exts) {
  var main = readPackageMain(dir), target, f;
  if (!main) return tryExtensions(path.resolve(dir, 'index'), exts);
  target = path.resolve(dir, main);
  f = tryFile(target) || tryExtensions(target, exts) ||
    tryExtensions(path.resolve(target, 'index'), exts);
  if (f) return f;
  f = tryExtensions(path.resolve(dir, 'index'), exts);
  if (f) {
    process.emitWarning("Invalid 'main' field in '" + path.resolve(dir, 'package.json') +
      "' of '" + main + "'. Please either fix that or report it to the module author",
      'DeprecationWarning', 'DEP0128');
    return f;
  }
  var err = new Error("Cannot find module '" + target + "'. Please verify that the " +
    "package.json has a valid \"main\" entry");
  err.code = 'MODULE_NOT_FOUND';
  err.path = path.resolve(dir, 'package.json');
  err.requestPath = main;
  throw err;
}

Module._findPath = function (request, paths, isMain) {
  var exts = Object.keys(Module._extensions), i, base, st, f;
  var absolute = request.charAt(0) === '/';
  var trailingSlash = request.length > 0 && request.charAt(request.length - 1) === '/';
  var cacheKey = request + '\x00' + paths.join('\x00');
  if (Module._pathCache[cacheKey]) return Module._pathCache[cacheKey];
  if (absolute) paths = [''];
  for (i = 0; i < paths.length; i++) {
    base = path.resolve(paths[i], request);
    f = false;
    st = statPath(base);
    if (!trailingSlash) {
      if (st === 0) f = toRealPath(base);
      if (!f) f = tryExtensions(base, exts);
    }
    if (!f && st === 1) f = tryPackage(base, exts);
    if (f) {
      Module._pathCache[cacheKey] = f;
      return f;
    }
  }
  return false;
};

Module._resolveLookupPaths = function (request, parent) {
  var c = request.charAt(0), parentDir;
  if (isBuiltin(request)) return null;
  if (c === '.' && (request === '.' || request === '..' || request.slice(0, 2) === './' ||
      request.slice(0, 3) === '../')) {
    parentDir = parent && parent.filename ? path.dirname(parent.filename) : process.cwd();
    return [parentDir];
  }
  if (parent && parent.paths && parent.paths.length) return parent.paths.slice();
  return Module._nodeModulePaths(process.cwd());
};

function requireStack(parent) {
  var stack = [], m;
  for (m = parent; m; m = m.parent) stack.push(m.filename || m.id);
  return stack;
}

Module._resolveFilename = function (request, parent, isMain, options) {
  var paths, filename, stack, msg, err, i;
  if (request.indexOf('node:') === 0) {
    if (isBuiltin(request)) return request;
    err = new Error('No such built-in module: ' + request);
    err.code = 'ERR_UNKNOWN_BUILTIN_MODULE';
    throw err;
  }
  if (isBuiltin(request)) return request;
  if (options && options.paths) {
    paths = [];
    for (i = 0; i < options.paths.length; i++) {
      paths.push(path.resolve(options.paths[i]));
      paths = paths.concat(Module._nodeModulePaths(options.paths[i]));
    }
  } else {
    paths = Module._resolveLookupPaths(request, parent);
  }
  filename = Module._findPath(request, paths, isMain);
  if (filename) return filename;
  stack = requireStack(parent);
  msg = "Cannot find module '" + request + "'";
  if (stack.length > 0) msg += '\nRequire stack:\n- ' + stack.join('\n- ');
  err = new Error(msg);
  err.code = 'MODULE_NOT_FOUND';
  err.requireStack = stack;
  throw err;
};

Module._load = function (request, parent, isMain) {
  var filename, cached, module, threw;
  if (request.indexOf('node:') === 0 || (isBuiltin(request) && !isMain)) {
    filename = Module._resolveFilename(request, parent, isMain);
    return nativeRequire(filename.indexOf('node:') === 0 ? filename.slice(5) : filename);
  }
  filename = Module._resolveFilename(request, parent, isMain);
  cached = Module._cache[filename];
  if (cached !== undefined) {
    if (parent && parent.children && parent.children.indexOf(cached) === -1) {
      parent.children.push(cached);
    }
    return cached.exports;
  }
  module = new Module(filename, parent);
  if (isMain) {
    process.mainModule = module;
    module.id = '.';
  }
  Module._cache[filename] = module;
  threw = true;
  try {
    module.load(filename);
    threw = false;
  } finally {
    if (threw) {
      delete Module._cache[filename];
      if (parent && parent.children) {
        var idx = parent.children.indexOf(module);
        if (idx !== -1) parent.children.splice(idx, 1);
      }
    }
  }
  return module.exports;
};

function findExtension(filename) {
  var base = path.basename(filename), idx = 0, ext;
  while ((idx = base.indexOf('.', idx + 1)) !== -1) {
    ext = base.slice(idx);
    if (Module._extensions[ext]) return ext;
  }
  return '.js';
}

Module.prototype.load = function (filename) {
  this.filename = filename;
  this.paths = Module._nodeModulePaths(path.dirname(filename));
  Module._extensions[findExtension(filename)](this, filename);
  this.loaded = true;
};

Module.prototype.require = function (id) {
  if (typeof id !== 'string') {
    throw nativeRequire('internal/errors').codes.ERR_INVALID_ARG_TYPE('id', 'string', id);
  }
  if (id === '') {
    var err = new TypeError("The argument 'id' must be a non-empty string. Received ''");
    err.code = 'ERR_INVALID_ARG_VALUE';
    throw err;
  }
  return Module._load(id, this, false);
};

function makeRequireFunction(mod) {
  function require(id) {
    return mod.require(id);
  }
  function resolve(request, options) {
    if (typeof request !== 'string') {
      throw nativeRequire('internal/errors').codes.ERR_INVALID_ARG_TYPE('request', 'string', request);
    }
    return Module._resolveFilename(request, mod, false, options);
  }
  resolve.paths = function (request) {
    return Module._resolveLookupPaths(request, mod);
  };
  require.resolve = resolve;
  require.main = process.mainModule;
  require.extensions = Module._extensions;
  require.cache = Module._cache;
  return require;
}

Module.prototype._compile = function (content, filename) {
  var fn = utilBinding.compileFunction(content, filename);
  var dirname = path.dirname(filename);
  var require = makeRequireFunction(this);
  return fn.call(this.exports, this.exports, require, this, filename, dirname);
};

Module._extensions['.js'] = function (module, filename) {
  module._compile(fsBinding.readFileUtf8(filename), filename);
};

Module._extensions['.json'] = function (module, filename) {
  var content = fsBinding.readFileUtf8(filename);
  try {
    module.exports = JSON.parse(content);
  } catch (err) {
    err.message = filename + ': ' + err.message;
    throw err;
  }
};

Module._extensions['.node'] = function (module, filename) {
  var err = new Error('Native addons are not supported by lode: ' + filename);
  err.code = 'ERR_DLOPEN_FAILED';
  throw err;
};

Module.createRequire = function (filename) {
  var m = new Module(filename, null);
  m.filename = filename;
  m.paths = Module._nodeModulePaths(path.dirname(filename));
  return makeRequireFunction(m);
};

// Runs the main script (lode file.js).
Module.runMain = function (file) {
  Module._load(path.resolve(file), null, true);
};

Module.makeRequireFunction = makeRequireFunction;

module.exports = Module;
