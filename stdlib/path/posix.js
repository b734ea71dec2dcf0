'use strict';
/* path/posix — the POSIX path functions (same object as path.posix). */
module.exports = require('path').posix;
