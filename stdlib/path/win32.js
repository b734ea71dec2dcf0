'use strict';
/* path/win32 — the Win32 path functions (same object as path.win32). */
module.exports = require('path').win32;
