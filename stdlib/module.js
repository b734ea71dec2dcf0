// module — the CommonJS module system (Module, createRequire,
// builtinModules, isBuiltin). The implementation is internal/modules.
'use strict';
module.exports = require('internal/modules');
