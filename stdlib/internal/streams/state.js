/*
 * internal/streams/state — highWaterMark defaults and option validation
 * (Node 20: 16 KiB for bytes, 16 objects in objectMode).
 *
 * Layer: stdlib (pure ES5).
 */
'use strict';

var errors = require('internal/errors');
var codes = errors.codes;

var defaultBytes = 16 * 1024;
var defaultObjects = 16;

function getDefaultHighWaterMark(objectMode) {
  return objectMode ? defaultObjects : defaultBytes;
}

function setDefaultHighWaterMark(objectMode, value) {
  errors.validateInteger(value, 'value', 0);
  if (objectMode) defaultObjects = value;
  else defaultBytes = value;
}

/* The highWaterMark of one side: options.highWaterMark wins, then (for a
 * Duplex) options[duplexKey], then the default for the state's mode. */
function getHighWaterMark(state, options, duplexKey, isDuplex) {
  var hwm = options.highWaterMark != null ? options.highWaterMark :
    (isDuplex ? options[duplexKey] : null);
  if (hwm != null) {
    if (typeof hwm !== 'number' || !isFinite(hwm) || Math.floor(hwm) !== hwm || hwm < 0) {
      var name = isDuplex ? 'options.' + duplexKey : 'options.highWaterMark';
      throw codes.ERR_INVALID_ARG_VALUE(name, hwm);
    }
    return Math.floor(hwm);
  }
  return getDefaultHighWaterMark(state.objectMode);
}

module.exports = {
  getHighWaterMark: getHighWaterMark,
  getDefaultHighWaterMark: getDefaultHighWaterMark,
  setDefaultHighWaterMark: setDefaultHighWaterMark
};
