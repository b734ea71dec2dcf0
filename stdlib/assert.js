/*
 * assert — the Node 20 assertion API and AssertionError (code
 * 'ERR_ASSERTION', actual/expected/operator/generatedMessage), with Node's
 * message texts and its "+ actual - expected" line diff.
 *
 * Layer: stdlib (pure ES5). Deep equality lives in internal/comparisons.
 */
'use strict';

var errors = require('internal/errors');
var codes = errors.codes;
var insp = require('internal/inspect');
var inspect = insp.inspect;
var isRegExp = insp.types.isRegExp;
var isPromise = insp.types.isPromise;
var isError = insp.isError;
var objectIs = insp.objectIs;
var comparisons = require('internal/comparisons');
var isDeepEqual = comparisons.isDeepEqual;
var isDeepStrictEqual = comparisons.isDeepStrictEqual;

var kReadableOperator = {
  deepStrictEqual: 'Expected values to be strictly deep-equal:',
  strictEqual: 'Expected values to be strictly equal:',
  strictEqualObject: 'Expected "actual" to be reference-equal to "expected":',
  deepEqual: 'Expected values to be loosely deep-equal:',
  notDeepStrictEqual: 'Expected "actual" not to be strictly deep-equal to:',
  notStrictEqual: 'Expected "actual" to be strictly unequal to:',
  notStrictEqualObject: 'Expected "actual" not to be reference-equal to "expected":',
  notDeepEqual: 'Expected "actual" not to be loosely deep-equal to:',
  notIdentical: 'Values have same structure but are not reference-equal:',
  notDeepEqualUnequal: 'Expected values not to be loosely deep-equal:'
};

var kMaxShortLength = 12;

function inspectValue(val) {
  return inspect(val, {
    compact: false,
    customInspect: false,
    depth: 1000,
    maxArrayLength: Infinity,
    showHidden: false,
    showProxy: false,
    sorted: true,
    getters: true
  });
}

function repeat(s, n) {
  var r = '';
  for (var i = 0; i < n; i++) r += s;
  return r;
}

function endsWithComma(s) { return s.charAt(s.length - 1) === ','; }

function stderrColumns() {
  if (typeof process !== 'undefined' && process.stderr && process.stderr.isTTY) {
    return process.stderr.columns;
  }
  return 80;
}

/* The "+ actual - expected" diff of two inspected values (line based). */
function createErrDiff(actual, expected, operator, customMessage) {
  var other = '';
  var res = '';
  var end = '';
  var skipped = false;
  var actualInspected = inspectValue(actual);
  var actualLines = actualInspected.split('\n');
  var expectedLines = inspectValue(expected).split('\n');
  var i = 0;
  var indicator = '';

  if (operator === 'strictEqual' &&
      ((typeof actual === 'object' && actual !== null &&
        typeof expected === 'object' && expected !== null) ||
       (typeof actual === 'function' && typeof expected === 'function'))) {
    operator = 'strictEqualObject';
  }
  var header = customMessage != null ? String(customMessage) : kReadableOperator[operator];

  if (actualLines.length === 1 && expectedLines.length === 1 &&
      actualLines[0] !== expectedLines[0]) {
    var actualRaw = actualLines[0];
    var expectedRaw = expectedLines[0];
    var inputLength = actualRaw.length + expectedRaw.length;
    if (inputLength <= kMaxShortLength) {
      if ((typeof actual !== 'object' || actual === null) &&
          (typeof expected !== 'object' || expected === null) &&
          (actual !== 0 || expected !== 0)) {
        return header + '\n\n' + actualLines[0] + ' !== ' + expectedLines[0] + '\n';
      }
    } else if (operator !== 'strictEqualObject') {
      if (inputLength < stderrColumns()) {
        while (actualRaw[i] === expectedRaw[i]) i++;
        if (i > 2) {
          indicator = '\n  ' + repeat(' ', i) + '^';
          i = 0;
        }
      }
    }
  }

  var a = actualLines[actualLines.length - 1];
  var b = expectedLines[expectedLines.length - 1];
  while (a === b) {
    if (i++ < 3) end = '\n  ' + a + end;
    else other = a;
    actualLines.pop();
    expectedLines.pop();
    if (actualLines.length === 0 || expectedLines.length === 0) break;
    a = actualLines[actualLines.length - 1];
    b = expectedLines[expectedLines.length - 1];
  }

  var maxLines = Math.max(actualLines.length, expectedLines.length);
  if (maxLines === 0) {
    var lines0 = actualInspected.split('\n');
    if (lines0.length > 50) {
      lines0[46] = '...';
      while (lines0.length > 47) lines0.pop();
    }
    return kReadableOperator.notIdentical + '\n\n' + lines0.join('\n') + '\n';
  }

  if (i >= 5) {
    end = '\n...' + end;
    skipped = true;
  }
  if (other !== '') {
    end = '\n  ' + other + end;
    other = '';
  }

  var printedLines = 0;
  var identical = 0;
  var msg = header + '\n+ actual - expected';
  var skippedMsg = ' ... Lines skipped';

  var lines = actualLines;
  var plusMinus = '+';
  var maxLength = expectedLines.length;
  if (actualLines.length < maxLines) {
    lines = expectedLines;
    plusMinus = '-';
    maxLength = actualLines.length;
  }

  for (i = 0; i < maxLines; i++) {
    if (maxLength < i + 1) {
      if (identical > 2) {
        if (identical > 3) {
          if (identical > 4) {
            if (identical === 5) {
              res += '\n  ' + lines[i - 3];
              printedLines++;
            } else {
              res += '\n...';
              skipped = true;
            }
          }
          res += '\n  ' + lines[i - 2];
          printedLines++;
        }
        res += '\n  ' + lines[i - 1];
        printedLines++;
      }
      identical = 0;
      if (lines === actualLines) res += '\n' + plusMinus + ' ' + lines[i];
      else other += '\n' + plusMinus + ' ' + lines[i];
      printedLines++;
    } else {
      var expectedLine = expectedLines[i];
      var actualLine = actualLines[i];
      var divergingLines = actualLine !== expectedLine &&
        (!endsWithComma(actualLine) || actualLine.slice(0, -1) !== expectedLine);
      if (divergingLines && endsWithComma(expectedLine) &&
          expectedLine.slice(0, -1) === actualLine) {
        divergingLines = false;
        actualLine += ',';
      }
      if (divergingLines) {
        if (identical > 2) {
          if (identical > 3) {
            if (identical > 4) {
              if (identical === 5) {
                res += '\n  ' + actualLines[i - 3];
                printedLines++;
              } else {
                res += '\n...';
                skipped = true;
              }
            }
            res += '\n  ' + actualLines[i - 2];
            printedLines++;
          }
          res += '\n  ' + actualLines[i - 1];
          printedLines++;
        }
        identical = 0;
        res += '\n+ ' + actualLine;
        other += '\n- ' + expectedLine;
        printedLines += 2;
      } else {
        res += other;
        other = '';
        identical++;
        if (identical <= 2) {
          res += '\n  ' + actualLine;
          printedLines++;
        }
      }
    }
    if (printedLines > 50 && i < maxLines - 2) {
      return msg + skippedMsg + '\n' + res + '\n...' + other + '\n...';
    }
  }
  return msg + (skipped ? skippedMsg : '') + '\n' + res + other + end + indicator;
}

function copyError(source) {
  var target = Object.create(Object.getPrototypeOf(source));
  Object.keys(source).forEach(function (k) { target[k] = source[k]; });
  Object.defineProperty(target, 'message', { value: source.message });
  Object.defineProperty(target, 'stack', { value: undefined });
  if (source.cause !== undefined) {
    var cause = source.cause;
    if (isError(cause)) cause = copyError(cause);
    Object.defineProperty(target, 'cause', { value: cause });
  }
  return target;
}

function buildMessage(options) {
  var message = options.message;
  var operator = options.operator;
  var actual = options.actual;
  var expected = options.expected;
  if (message != null) {
    if (operator === 'deepStrictEqual' || operator === 'strictEqual') {
      return createErrDiff(actual, expected, operator, message);
    }
    return String(message);
  }
  if (typeof actual === 'object' && actual !== null &&
      typeof expected === 'object' && expected !== null &&
      'stack' in actual && actual instanceof Error &&
      'stack' in expected && expected instanceof Error) {
    actual = copyError(actual);
    expected = copyError(expected);
  }
  if (operator === 'deepStrictEqual' || operator === 'strictEqual') {
    return createErrDiff(actual, expected, operator);
  }
  var res;
  var base;
  if (operator === 'notDeepStrictEqual' || operator === 'notStrictEqual') {
    base = kReadableOperator[operator];
    res = inspectValue(actual).split('\n');
    if (operator === 'notStrictEqual' &&
        ((typeof actual === 'object' && actual !== null) || typeof actual === 'function')) {
      base = kReadableOperator.notStrictEqualObject;
    }
    if (res.length > 50) {
      res[46] = '...';
      while (res.length > 47) res.pop();
    }
    if (res.length === 1) return base + (res[0].length > 5 ? '\n\n' : ' ') + res[0];
    return base + '\n\n' + res.join('\n') + '\n';
  }
  res = inspectValue(actual);
  var other = inspectValue(expected);
  var knownOperator = kReadableOperator[operator];
  if (operator === 'notDeepEqual' && res === other) {
    res = knownOperator + '\n\n' + res;
    if (res.length > 1024) res = res.slice(0, 1021) + '...';
    return res;
  }
  if (res.length > 512) res = res.slice(0, 509) + '...';
  if (other.length > 512) other = other.slice(0, 509) + '...';
  if (operator === 'deepEqual') {
    res = knownOperator + '\n\n' + res + '\n\nshould loosely deep-equal\n\n';
  } else {
    var newOp = kReadableOperator[operator + 'Unequal'];
    if (newOp) res = newOp + '\n\n' + res + '\n\nshould not loosely deep-equal\n\n';
    else other = ' ' + operator + ' ' + other;
  }
  return res + other;
}

/* A real Error object (so Object.prototype.toString says [object Error])
 * re-parented onto AssertionError.prototype; works with or without `new`. */
function AssertionError(options) {
  errors.validateObject(options, 'options');
  var message = buildMessage(options);
  var self = new Error(message);
  Object.setPrototypeOf(self, AssertionError.prototype);
  Object.defineProperty(self, 'message', {
    value: message, enumerable: false, writable: true, configurable: true
  });
  self.generatedMessage = !options.message;
  Object.defineProperty(self, 'name', {
    value: 'AssertionError [ERR_ASSERTION]', enumerable: false, writable: true, configurable: true
  });
  self.code = 'ERR_ASSERTION';
  if (options.details) {
    self.actual = options.details[0].actual;
    self.expected = options.details[0].expected;
    self.operator = options.details[0].operator;
  } else {
    self.actual = options.actual;
    self.expected = options.expected;
    self.operator = options.operator;
  }
  var stackStartFn = options.stackStartFn || options.stackStartFunction;
  if (typeof Error.captureStackTrace === 'function') {
    Error.captureStackTrace(self, stackStartFn || AssertionError);
    /* Format the stack now, while the name still carries the code. */
    /* eslint-disable-next-line no-unused-expressions */
    self.stack;
  } else {
    var st = typeof self.stack === 'string' ? self.stack : '';
    var nl = st.indexOf('\n    at');
    try {
      Object.defineProperty(self, 'stack', {
        value: 'AssertionError [ERR_ASSERTION]: ' + message + (nl === -1 ? '' : st.slice(nl)),
        enumerable: false, writable: true, configurable: true
      });
    } catch (e) { /* engine keeps its own stack */ }
  }
  self.name = 'AssertionError';
  return self;
}
AssertionError.prototype = Object.create(Error.prototype, {
  constructor: { value: AssertionError, writable: true, configurable: true }
});
AssertionError.prototype.toString = function toString() {
  return this.name + ' [' + this.code + ']: ' + this.message;
};

function innerFail(obj) {
  if (obj.message instanceof Error) throw obj.message;
  throw new AssertionError(obj);
}

function innerOk(fn, argLen, value, message) {
  if (!value) {
    var generatedMessage = false;
    if (argLen === 0) {
      generatedMessage = true;
      message = 'No value argument passed to `assert.ok()`';
    } else if (message == null) {
      generatedMessage = true;
      /* XXX: Node quotes the source text of the failing call ("The expression
       * evaluated to a falsy value:\n\n  assert(x)\n"); lode has no column
       * information to find it, so it reports the value like Node does when
       * the source is unavailable. */
      message = inspect(value) + ' == true';
    } else if (message instanceof Error) {
      throw message;
    }
    var err = new AssertionError({
      actual: value, expected: true, message: message, operator: '==', stackStartFn: fn
    });
    err.generatedMessage = generatedMessage;
    throw err;
  }
}

function ok(value, message) {
  innerOk(ok, arguments.length, value, message);
}

var assert = module.exports = ok;
assert.ok = ok;
assert.AssertionError = AssertionError;

var warnedFail = false;
assert.fail = function fail(actual, expected, message, operator, stackStartFn) {
  var argsLen = arguments.length;
  var internalMessage = false;
  if (actual == null && argsLen <= 1) {
    internalMessage = true;
    message = 'Failed';
  } else if (argsLen === 1) {
    message = actual;
    actual = undefined;
  } else {
    if (!warnedFail) {
      warnedFail = true;
      if (typeof process !== 'undefined' && typeof process.emitWarning === 'function') {
        process.emitWarning('assert.fail() with more than one argument is deprecated. ' +
          'Please use assert.strictEqual() instead or only pass a message.',
        'DeprecationWarning', 'DEP0094');
      }
    }
    if (argsLen === 2) operator = '!=';
  }
  if (message instanceof Error) throw message;
  var err = new AssertionError({
    actual: actual,
    expected: expected,
    operator: operator === undefined ? 'fail' : operator,
    stackStartFn: stackStartFn || fail,
    message: message
  });
  if (internalMessage) err.generatedMessage = true;
  throw err;
};

function isNaNValue(v) { return typeof v === 'number' && v !== v; }

assert.equal = function equal(actual, expected, message) {
  if (arguments.length < 2) throw codes.ERR_MISSING_ARGS('actual', 'expected');
  /* eslint-disable-next-line eqeqeq */
  if (actual != expected && (!isNaNValue(actual) || !isNaNValue(expected))) {
    innerFail({ actual: actual, expected: expected, message: message, operator: '==', stackStartFn: equal });
  }
};

assert.notEqual = function notEqual(actual, expected, message) {
  if (arguments.length < 2) throw codes.ERR_MISSING_ARGS('actual', 'expected');
  /* eslint-disable-next-line eqeqeq */
  if (actual == expected || (isNaNValue(actual) && isNaNValue(expected))) {
    innerFail({ actual: actual, expected: expected, message: message, operator: '!=', stackStartFn: notEqual });
  }
};

assert.deepEqual = function deepEqual(actual, expected, message) {
  if (arguments.length < 2) throw codes.ERR_MISSING_ARGS('actual', 'expected');
  if (!isDeepEqual(actual, expected)) {
    innerFail({ actual: actual, expected: expected, message: message, operator: 'deepEqual', stackStartFn: deepEqual });
  }
};

assert.notDeepEqual = function notDeepEqual(actual, expected, message) {
  if (arguments.length < 2) throw codes.ERR_MISSING_ARGS('actual', 'expected');
  if (isDeepEqual(actual, expected)) {
    innerFail({ actual: actual, expected: expected, message: message, operator: 'notDeepEqual', stackStartFn: notDeepEqual });
  }
};

assert.deepStrictEqual = function deepStrictEqual(actual, expected, message) {
  if (arguments.length < 2) throw codes.ERR_MISSING_ARGS('actual', 'expected');
  if (!isDeepStrictEqual(actual, expected)) {
    innerFail({ actual: actual, expected: expected, message: message, operator: 'deepStrictEqual', stackStartFn: deepStrictEqual });
  }
};

assert.notDeepStrictEqual = function notDeepStrictEqual(actual, expected, message) {
  if (arguments.length < 2) throw codes.ERR_MISSING_ARGS('actual', 'expected');
  if (isDeepStrictEqual(actual, expected)) {
    innerFail({ actual: actual, expected: expected, message: message, operator: 'notDeepStrictEqual', stackStartFn: notDeepStrictEqual });
  }
};

assert.strictEqual = function strictEqual(actual, expected, message) {
  if (arguments.length < 2) throw codes.ERR_MISSING_ARGS('actual', 'expected');
  if (!objectIs(actual, expected)) {
    innerFail({ actual: actual, expected: expected, message: message, operator: 'strictEqual', stackStartFn: strictEqual });
  }
};

assert.notStrictEqual = function notStrictEqual(actual, expected, message) {
  if (arguments.length < 2) throw codes.ERR_MISSING_ARGS('actual', 'expected');
  if (objectIs(actual, expected)) {
    innerFail({ actual: actual, expected: expected, message: message, operator: 'notStrictEqual', stackStartFn: notStrictEqual });
  }
};

/* Placeholder objects that show only the compared keys in the diff. */
function Comparison(obj, keys, actual) {
  for (var i = 0; i < keys.length; i++) {
    var key = keys[i];
    if (key in obj) {
      if (actual !== undefined && typeof actual[key] === 'string' && isRegExp(obj[key]) &&
          obj[key].exec(actual[key]) !== null) {
        this[key] = actual[key];
      } else {
        this[key] = obj[key];
      }
    }
  }
}

function compareExceptionKey(actual, expected, key, message, keys, fn) {
  if (!(key in actual) || !isDeepStrictEqual(actual[key], expected[key])) {
    if (!message) {
      var a = new Comparison(actual, keys);
      var b = new Comparison(expected, keys, actual);
      var err = new AssertionError({
        actual: a, expected: b, operator: 'deepStrictEqual', stackStartFn: fn
      });
      err.actual = actual;
      err.expected = expected;
      err.operator = fn.name;
      throw err;
    }
    innerFail({ actual: actual, expected: expected, message: message, operator: fn.name, stackStartFn: fn });
  }
}

function expectedException(actual, expected, message, fn) {
  var generatedMessage = false;
  var throwError = false;
  var err;

  if (typeof expected !== 'function') {
    if (isRegExp(expected)) {
      var str = String(actual);
      if (expected.exec(str) !== null) return;
      if (!message) {
        generatedMessage = true;
        message = 'The input did not match the regular expression ' + inspect(expected) +
          '. Input:\n\n' + inspect(str) + '\n';
      }
      throwError = true;
    } else if (typeof actual !== 'object' || actual === null) {
      err = new AssertionError({
        actual: actual, expected: expected, message: message,
        operator: 'deepStrictEqual', stackStartFn: fn
      });
      err.operator = fn.name;
      throw err;
    } else {
      var keys = Object.keys(expected);
      if (expected instanceof Error) {
        keys.push('name', 'message');
      } else if (keys.length === 0) {
        throw codes.ERR_INVALID_ARG_VALUE('error', expected, 'may not be an empty object');
      }
      for (var i = 0; i < keys.length; i++) {
        var key = keys[i];
        if (typeof actual[key] === 'string' && isRegExp(expected[key]) &&
            expected[key].exec(actual[key]) !== null) {
          continue;
        }
        compareExceptionKey(actual, expected, key, message, keys, fn);
      }
      return;
    }
  } else if (expected.prototype !== undefined && actual instanceof expected) {
    return;
  } else if (Error.isPrototypeOf(expected)) {
    if (!message) {
      generatedMessage = true;
      message = 'The error is expected to be an instance of "' + expected.name + '". Received ';
      if (isError(actual)) {
        var name = (actual.constructor && actual.constructor.name) || actual.name;
        if (expected.name === name) {
          message += 'an error with identical name but a different prototype.';
        } else {
          message += '"' + name + '"';
        }
        if (actual.message) message += '\n\nError message:\n\n' + actual.message;
      } else {
        message += '"' + inspect(actual, { depth: -1 }) + '"';
      }
    }
    throwError = true;
  } else {
    var res = expected.call({}, actual);
    if (res !== true) {
      if (!message) {
        generatedMessage = true;
        var fname = expected.name ? '"' + expected.name + '" ' : '';
        message = 'The ' + fname + 'validation function is expected to return "true". Received ' +
          inspect(res);
        if (isError(actual)) message += '\n\nCaught error:\n\n' + actual;
      }
      throwError = true;
    }
  }

  if (throwError) {
    err = new AssertionError({
      actual: actual, expected: expected, message: message, operator: fn.name, stackStartFn: fn
    });
    err.generatedMessage = generatedMessage;
    throw err;
  }
}

var NO_EXCEPTION_SENTINEL = {};

function getActual(fn) {
  errors.validateFunction(fn, 'fn');
  try {
    fn();
  } catch (e) {
    return e;
  }
  return NO_EXCEPTION_SENTINEL;
}

function checkIsPromise(obj) {
  return isPromise(obj) ||
    (obj !== null && typeof obj === 'object' && typeof obj.then === 'function' &&
     typeof obj['catch'] === 'function');
}

/* A promise of the rejection reason of promiseFn, or of the sentinel. */
function waitForActual(promiseFn) {
  return Promise.resolve().then(function () {
    var resultPromise;
    if (typeof promiseFn === 'function') {
      resultPromise = promiseFn();
      if (!checkIsPromise(resultPromise)) {
        throw codes.ERR_INVALID_RETURN_VALUE('instance of Promise', 'promiseFn', resultPromise);
      }
    } else if (checkIsPromise(promiseFn)) {
      resultPromise = promiseFn;
    } else {
      throw codes.ERR_INVALID_ARG_TYPE('promiseFn', ['Function', 'Promise'], promiseFn);
    }
    return resultPromise.then(function () { return NO_EXCEPTION_SENTINEL; },
      function (e) { return e; });
  });
}

function expectsError(stackStartFn, actual, error, message, argc) {
  if (typeof error === 'string') {
    if (argc === 3) {
      throw codes.ERR_INVALID_ARG_TYPE('error', ['Object', 'Error', 'Function', 'RegExp'], error);
    }
    if (typeof actual === 'object' && actual !== null) {
      if (actual.message === error) {
        throw codes.ERR_AMBIGUOUS_ARGUMENT('error/message',
          'The error message "' + actual.message + '" is identical to the message.');
      }
    } else if (actual === error) {
      throw codes.ERR_AMBIGUOUS_ARGUMENT('error/message',
        'The error "' + actual + '" is identical to the message.');
    }
    message = error;
    error = undefined;
  } else if (error != null && typeof error !== 'object' && typeof error !== 'function') {
    throw codes.ERR_INVALID_ARG_TYPE('error', ['Object', 'Error', 'Function', 'RegExp'], error);
  }

  if (actual === NO_EXCEPTION_SENTINEL) {
    var details = '';
    if (error && error.name) details += ' (' + error.name + ')';
    details += message ? ': ' + message : '.';
    var fnType = stackStartFn === assert.rejects ? 'rejection' : 'exception';
    innerFail({
      actual: undefined, expected: error, operator: stackStartFn.name,
      message: 'Missing expected ' + fnType + details, stackStartFn: stackStartFn
    });
  }
  if (!error) return;
  expectedException(actual, error, message, stackStartFn);
}

function hasMatchingError(actual, expected) {
  if (typeof expected !== 'function') {
    if (isRegExp(expected)) return expected.exec(String(actual)) !== null;
    throw codes.ERR_INVALID_ARG_TYPE('expected', ['Function', 'RegExp'], expected);
  }
  if (expected.prototype !== undefined && actual instanceof expected) return true;
  if (Error.isPrototypeOf(expected)) return false;
  return expected.call({}, actual) === true;
}

function expectsNoError(stackStartFn, actual, error, message) {
  if (actual === NO_EXCEPTION_SENTINEL) return;
  if (typeof error === 'string') {
    message = error;
    error = undefined;
  }
  if (!error || hasMatchingError(actual, error)) {
    var details = message ? ': ' + message : '.';
    var fnType = stackStartFn === assert.doesNotReject ? 'rejection' : 'exception';
    innerFail({
      actual: actual, expected: error, operator: stackStartFn.name,
      message: 'Got unwanted ' + fnType + details + '\n' +
        'Actual message: "' + (actual === null || actual === undefined ? undefined : actual.message) + '"',
      stackStartFn: stackStartFn
    });
  }
  throw actual;
}

assert.throws = function throws(promiseFn, error, message) {
  expectsError(throws, getActual(promiseFn), error, message, arguments.length);
};

assert.rejects = function rejects(promiseFn, error, message) {
  var argc = arguments.length;
  return waitForActual(promiseFn).then(function (actual) {
    expectsError(rejects, actual, error, message, argc);
  });
};

assert.doesNotThrow = function doesNotThrow(fn, error, message) {
  expectsNoError(doesNotThrow, getActual(fn), error, message);
};

assert.doesNotReject = function doesNotReject(fn, error, message) {
  return waitForActual(fn).then(function (actual) {
    expectsNoError(doesNotReject, actual, error, message);
  });
};

assert.ifError = function ifError(err) {
  if (err !== null && err !== undefined) {
    var message = 'ifError got unwanted exception: ';
    if (typeof err === 'object' && typeof err.message === 'string') {
      if (err.message.length === 0 && err.constructor) message += err.constructor.name;
      else message += err.message;
    } else {
      message += inspect(err);
    }
    var newErr = new AssertionError({
      actual: err, expected: null, operator: 'ifError', message: message, stackStartFn: ifError
    });
    var origStack = err.stack;
    if (typeof origStack === 'string' && typeof newErr.stack === 'string') {
      var origStackStart = origStack.indexOf('\n    at');
      if (origStackStart !== -1) {
        var originalFrames = origStack.slice(origStackStart + 1).split('\n');
        var newFrames = newErr.stack.split('\n');
        for (var i = 0; i < originalFrames.length; i++) {
          var pos = newFrames.indexOf(originalFrames[i]);
          if (pos !== -1) {
            newFrames = newFrames.slice(0, pos);
            break;
          }
        }
        var stackStart = newFrames.join('\n');
        var stackEnd = originalFrames.join('\n');
        try { newErr.stack = stackStart + '\n' + stackEnd; } catch (e) { /* read-only */ }
      }
    }
    throw newErr;
  }
};

function internalMatch(string, regexp, message, fn) {
  if (!isRegExp(regexp)) throw codes.ERR_INVALID_ARG_TYPE('regexp', 'RegExp', regexp);
  var match = fn === assert.match;
  if (typeof string !== 'string' || (regexp.exec(string) !== null) !== match) {
    if (message instanceof Error) throw message;
    var generatedMessage = !message;
    message = message || (typeof string !== 'string' ?
      'The "string" argument must be of type string. Received type ' +
        typeof string + ' (' + inspect(string) + ')' :
      (match ? 'The input did not match the regular expression ' :
        'The input was expected to not match the regular expression ') +
        inspect(regexp) + '. Input:\n\n' + inspect(string) + '\n');
    var err = new AssertionError({
      actual: string, expected: regexp, message: message, operator: fn.name, stackStartFn: fn
    });
    err.generatedMessage = generatedMessage;
    throw err;
  }
}

assert.match = function match(string, regexp, message) {
  internalMatch(string, regexp, message, match);
};

assert.doesNotMatch = function doesNotMatch(string, regexp, message) {
  internalMatch(string, regexp, message, doesNotMatch);
};

/* XXX: assert.CallTracker (deprecated in Node 20) is not provided. */

function strict(value, message) {
  innerOk(strict, arguments.length, value, message);
}
assert.strict = strict;
Object.keys(assert).forEach(function (k) { if (k !== 'strict') strict[k] = assert[k]; });
strict.equal = assert.strictEqual;
strict.deepEqual = assert.deepStrictEqual;
strict.notEqual = assert.notStrictEqual;
strict.notDeepEqual = assert.notDeepStrictEqual;
strict.strict = strict;
