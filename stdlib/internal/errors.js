/*
 * internal/errors — Node-style error objects with a `code` and the shared
 * argument validators used by every stdlib module.
 *
 * Layer: stdlib (pure ES5). Contract: each `codes.ERR_X(args...)` and each
 * exported `ERR_X(args...)` helper returns (does not throw) an Error of the
 * right class whose message matches Node 20's text, with an own enumerable
 * `code` property and a toString() of the form "TypeError [ERR_X]: message".
 * The validate* functions throw those errors.
 */
'use strict';

var utilMod; /* lazily loaded: util requires this module */
function lazyInspect(value, opts) {
  if (!utilMod) utilMod = require('util');
  return utilMod.inspect(value, opts);
}

var messages = {};
var bases = {};

function makeError(Base, code, message) {
  var err = new Base(message);
  Object.defineProperty(err, 'message', {
    value: message, enumerable: false, writable: true, configurable: true
  });
  Object.defineProperty(err, 'toString', {
    value: function toString() {
      return this.name + ' [' + code + ']: ' + this.message;
    },
    enumerable: false, writable: true, configurable: true
  });
  /* Node's stacks start with "TypeError [ERR_X]: message". Keep a stack that
   * says so when the engine gives us one. */
  try {
    var st = err.stack;
    if (typeof st === 'string') {
      var head = err.name + ': ';
      if (st.indexOf(head) === 0) {
        Object.defineProperty(err, 'stack', {
          value: err.name + ' [' + code + ']: ' + st.slice(head.length),
          enumerable: false, writable: true, configurable: true
        });
      }
    }
  } catch (e) { /* stack not writable on this engine: leave it */ }
  err.code = code;
  return err;
}

/* E(code, message-or-function, Base): register an error code. */
function E(code, msg, Base) {
  messages[code] = msg;
  bases[code] = Base;
  codes[code] = function () {
    var args = Array.prototype.slice.call(arguments);
    var message = typeof msg === 'function' ? msg.apply(null, args) : formatMsg(msg, args);
    return makeError(Base, code, message);
  };
}

/* Minimal %s substitution for the string templates below. */
function formatMsg(tpl, args) {
  var i = 0;
  return tpl.replace(/%[sd]/g, function () {
    var a = args[i++];
    return String(a);
  });
}

var codes = {};

var kTypes = ['string', 'function', 'number', 'object', 'Function', 'Object',
  'boolean', 'bigint', 'symbol'];
var classRegExp = /^([A-Z][a-z0-9]*)+$/;

function joinList(list, prefix) {
  if (list.length > 2) {
    var last = list[list.length - 1];
    return prefix + list.slice(0, -1).join(', ') + ', or ' + last;
  }
  if (list.length === 2) return prefix + list[0] + ' or ' + list[1];
  return null;
}

function determineSpecificType(value) {
  if (value === null || value === undefined) return '' + value;
  if (typeof value === 'function' && value.name) return 'function ' + value.name;
  if (typeof value === 'object') {
    if (value.constructor && value.constructor.name) {
      return 'an instance of ' + value.constructor.name;
    }
    return lazyInspect(value, { depth: -1 });
  }
  var inspected = lazyInspect(value, { colors: false });
  if (inspected.length > 28) inspected = inspected.slice(0, 25) + '...';
  return 'type ' + typeof value + ' (' + inspected + ')';
}

function invalidArgTypeMessage(name, expected, actual) {
  if (!Array.isArray(expected)) expected = [expected];
  var msg = 'The ';
  if (name.length >= 9 && name.slice(-9) === ' argument') {
    msg += name + ' ';
  } else {
    msg += '"' + name + '" ' + (name.indexOf('.') !== -1 ? 'property' : 'argument') + ' ';
  }
  msg += 'must be ';
  var types = [];
  var instances = [];
  var other = [];
  var i;
  for (i = 0; i < expected.length; i++) {
    var v = expected[i];
    if (kTypes.indexOf(v) !== -1) types.push(v.toLowerCase());
    else if (classRegExp.test(v)) instances.push(v);
    else other.push(v);
  }
  if (instances.length > 0) {
    var pos = types.indexOf('object');
    if (pos !== -1) {
      types.splice(pos, 1);
      instances.push('Object');
    }
  }
  if (types.length > 0) {
    msg += joinList(types, 'one of type ') || ('of type ' + types[0]);
    if (instances.length > 0 || other.length > 0) msg += ' or ';
  }
  if (instances.length > 0) {
    if (instances.length > 2) {
      msg += joinList(instances, 'an instance of ');
    } else {
      msg += 'an instance of ' + instances[0];
      if (instances.length === 2) msg += ' or ' + instances[1];
    }
    if (other.length > 0) msg += ' or ';
  }
  if (other.length > 0) {
    if (other.length > 1) {
      msg += joinList(other, 'one of ');
    } else {
      if (other[0].toLowerCase() !== other[0]) msg += 'an ';
      msg += other[0];
    }
  }
  msg += '. Received ' + determineSpecificType(actual);
  return msg;
}

function addNumericalSeparator(val) {
  var res = '';
  var i = val.length;
  var start = val[0] === '-' ? 1 : 0;
  for (; i >= start + 4; i -= 3) res = '_' + val.slice(i - 3, i) + res;
  return val.slice(0, i) + res;
}

E('ERR_INVALID_ARG_TYPE', invalidArgTypeMessage, TypeError);
E('ERR_INVALID_ARG_VALUE', function (name, value, reason) {
  if (reason === undefined) reason = 'is invalid';
  var inspected = lazyInspect(value);
  if (inspected.length > 128) inspected = inspected.slice(0, 128) + '...';
  var type = name.indexOf('.') !== -1 ? 'property' : 'argument';
  return 'The ' + type + " '" + name + "' " + reason + '. Received ' + inspected;
}, TypeError);
E('ERR_OUT_OF_RANGE', function (str, range, input, replaceDefaultBoolean) {
  var msg = replaceDefaultBoolean ? str : 'The value of "' + str + '" is out of range.';
  var received;
  if (typeof input === 'number' && isFinite(input) && Math.floor(input) === input &&
      Math.abs(input) > 4294967296) {
    received = addNumericalSeparator(String(input));
  } else {
    received = lazyInspect(input);
  }
  return msg + ' It must be ' + range + '. Received ' + received;
}, RangeError);
E('ERR_UNHANDLED_ERROR', function (err) {
  var msg = 'Unhandled error.';
  if (err === undefined) return msg;
  return msg + ' (' + err + ')';
}, Error);
E('ERR_MISSING_ARGS', function () {
  var args = Array.prototype.slice.call(arguments);
  var msg = 'The ';
  var len = args.length;
  var wrap = function (a) { return '"' + a + '"'; };
  args = args.map(function (a) {
    return Array.isArray(a) ? a.map(wrap).join(' or ') : wrap(a);
  });
  switch (len) {
    case 1: msg += args[0] + ' argument'; break;
    case 2: msg += args[0] + ' and ' + args[1] + ' arguments'; break;
    default:
      msg += args.slice(0, len - 1).join(', ') + ', and ' + args[len - 1] + ' arguments';
  }
  return msg + ' must be specified';
}, TypeError);
E('ERR_INVALID_URL', function (input) {
  return 'Invalid URL';
}, TypeError);
E('ERR_INVALID_URL_SCHEME', function (expected) {
  if (typeof expected === 'string') expected = [expected];
  var res = expected.length === 2 ?
    'one of scheme ' + expected[0] + ' or ' + expected[1] :
    'of scheme ' + expected[0];
  return 'The URL must be ' + res;
}, TypeError);
E('ERR_INVALID_FILE_URL_HOST', 'File URL host must be "localhost" or empty on %s', TypeError);
E('ERR_INVALID_FILE_URL_PATH', 'File URL path %s', TypeError);
E('ERR_INVALID_THIS', 'Value of "this" must be of type %s', TypeError);
E('ERR_ARG_NOT_ITERABLE', '%s must be iterable', TypeError);
E('ERR_INVALID_TUPLE', '%s must be an iterable %s tuple', TypeError);
E('ERR_FALSY_VALUE_REJECTION', 'Promise was rejected with falsy value', Error);
E('ERR_INVALID_RETURN_VALUE', function (input, name, value) {
  return 'Expected ' + input + ' to be returned from the "' + name + '"' +
    ' function but got ' + determineSpecificType(value) + '.';
}, TypeError);
E('ERR_AMBIGUOUS_ARGUMENT', 'The "%s" argument is ambiguous. %s', TypeError);
E('ERR_UNKNOWN_ENCODING', 'Unknown encoding: %s', TypeError);
E('ERR_METHOD_NOT_IMPLEMENTED', 'The %s method is not implemented', Error);
E('ERR_INVALID_STATE', 'Invalid state: %s', Error);
E('ERR_INTERNAL_ASSERTION', function (message) {
  var suffix = 'This is caused by either a bug in Node.js ' +
    'or incorrect usage of Node.js internals.\n' +
    'Please open an issue with this stack trace at ' +
    'https://github.com/nodejs/node/issues\n';
  return message === undefined ? suffix : message + '\n' + suffix;
}, Error);
E('ERR_ILLEGAL_CONSTRUCTOR', 'Illegal constructor', TypeError);

/* ---- validators (throw) ---- */

function validateString(value, name) {
  if (typeof value !== 'string') throw codes.ERR_INVALID_ARG_TYPE(name, 'string', value);
}

function rangeText(min, max) {
  var s = '';
  if (min != null) s += '>= ' + min;
  if (min != null && max != null) s += ' && ';
  if (max != null) s += '<= ' + max;
  return s;
}

function validateNumber(value, name, min, max) {
  if (typeof value !== 'number') throw codes.ERR_INVALID_ARG_TYPE(name, 'number', value);
  if ((min != null && value < min) || (max != null && value > max) ||
      ((min != null || max != null) && value !== value)) {
    throw codes.ERR_OUT_OF_RANGE(name, rangeText(min, max), value);
  }
}

function isInteger(v) {
  return typeof v === 'number' && isFinite(v) && Math.floor(v) === v;
}

function validateInteger(value, name, min, max) {
  if (min === undefined) min = -9007199254740991;
  if (max === undefined) max = 9007199254740991;
  if (typeof value !== 'number') throw codes.ERR_INVALID_ARG_TYPE(name, 'number', value);
  if (!isInteger(value)) throw codes.ERR_OUT_OF_RANGE(name, 'an integer', value);
  if (value < min || value > max) {
    throw codes.ERR_OUT_OF_RANGE(name, '>= ' + min + ' && <= ' + max, value);
  }
}

function validateInt32(value, name, min, max) {
  if (min === undefined) min = -2147483648;
  if (max === undefined) max = 2147483647;
  if (typeof value !== 'number') throw codes.ERR_INVALID_ARG_TYPE(name, 'number', value);
  if (!isInteger(value)) throw codes.ERR_OUT_OF_RANGE(name, 'an integer', value);
  if (value < min || value > max) {
    throw codes.ERR_OUT_OF_RANGE(name, '>= ' + min + ' && <= ' + max, value);
  }
}

function validateUint32(value, name, positive) {
  if (typeof value !== 'number') throw codes.ERR_INVALID_ARG_TYPE(name, 'number', value);
  if (!isInteger(value)) throw codes.ERR_OUT_OF_RANGE(name, 'an integer', value);
  var min = positive ? 1 : 0;
  var max = 4294967295;
  if (value < min || value > max) {
    throw codes.ERR_OUT_OF_RANGE(name, '>= ' + min + ' && <= ' + max, value);
  }
}

function validateFunction(value, name) {
  if (typeof value !== 'function') throw codes.ERR_INVALID_ARG_TYPE(name, 'Function', value);
}

function validateBoolean(value, name) {
  if (typeof value !== 'boolean') throw codes.ERR_INVALID_ARG_TYPE(name, 'boolean', value);
}

/* options: { allowArray, allowFunction, nullable } */
function validateObject(value, name, options) {
  var allowArray = options && options.allowArray;
  var allowFunction = options && options.allowFunction;
  var nullable = options && options.nullable;
  if ((!nullable && value === null) ||
      (!allowArray && Array.isArray(value)) ||
      (typeof value !== 'object' && (!allowFunction || typeof value !== 'function'))) {
    throw codes.ERR_INVALID_ARG_TYPE(name, 'Object', value);
  }
}

function validateArray(value, name, minLength) {
  if (!Array.isArray(value)) throw codes.ERR_INVALID_ARG_TYPE(name, 'Array', value);
  if (minLength && value.length < minLength) {
    throw codes.ERR_INVALID_ARG_VALUE(name, value, 'must be longer than ' + minLength);
  }
}

function validateOneOf(value, name, oneOf) {
  if (oneOf.indexOf(value) === -1) {
    var allowed = oneOf.map(function (v) {
      return typeof v === 'string' ? "'" + v + "'" : String(v);
    }).join(', ');
    throw codes.ERR_INVALID_ARG_VALUE(name, value, 'must be one of: ' + allowed);
  }
}

exports.codes = codes;
exports.E = E;
exports.makeError = makeError;
exports.determineSpecificType = determineSpecificType;
exports.addNumericalSeparator = addNumericalSeparator;
exports.validateString = validateString;
exports.validateNumber = validateNumber;
exports.validateInteger = validateInteger;
exports.validateInt32 = validateInt32;
exports.validateUint32 = validateUint32;
exports.validateFunction = validateFunction;
exports.validateBoolean = validateBoolean;
exports.validateObject = validateObject;
exports.validateArray = validateArray;
exports.validateOneOf = validateOneOf;
/* Shorthands: errors.ERR_INVALID_ARG_TYPE(name, expected, actual) etc. */
Object.keys(codes).forEach(function (k) { exports[k] = codes[k]; });
