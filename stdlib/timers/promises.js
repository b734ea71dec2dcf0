// timers/promises — the promise forms of setTimeout and setImmediate.
'use strict';
module.exports = require('timers').promises;
