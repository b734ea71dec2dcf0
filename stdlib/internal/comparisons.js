/*
 * internal/comparisons — deep equality for assert.deepEqual (loose),
 * assert.deepStrictEqual and util.isDeepStrictEqual (strict), with Node 20's
 * rules: strict mode compares prototypes, Object.is for primitives and
 * enumerable symbol keys; both modes compare [[Class]] tags, Dates by time,
 * RegExps by source/flags/lastIndex, Errors by name/message, typed arrays by
 * content, Sets/Maps by unordered contents, and handle cycles.
 *
 * Layer: stdlib (pure ES5). Cycle memos are arrays, not Maps, so this works
 * before any Map polyfill is installed.
 */
'use strict';

var types = require('internal/inspect').types;
var objectIs = require('internal/inspect').objectIs;

var hasOwn = Object.prototype.hasOwnProperty;
var propIsEnumerable = Object.prototype.propertyIsEnumerable;
var objToString = Object.prototype.toString;

var kNoIterator = 0;
var kIsArray = 1;
var kIsSet = 2;
var kIsMap = 3;

function isArrayIndexKey(k) {
  return /^(0|[1-9][0-9]*)$/.test(k) && +k < 4294967295;
}

function getSymbols(obj) {
  return Object.getOwnPropertySymbols ? Object.getOwnPropertySymbols(obj) : [];
}

function getOwnNonIndexProperties(obj, strict) {
  var keys = Object.keys(obj).filter(function (k) { return !isArrayIndexKey(k); });
  if (strict) {
    var syms = getSymbols(obj);
    for (var i = 0; i < syms.length; i++) {
      if (propIsEnumerable.call(obj, syms[i])) keys.push(syms[i]);
    }
  }
  return keys;
}

function regExpFlags(r) {
  if (typeof r.flags === 'string') return r.flags;
  return (r.global ? 'g' : '') + (r.ignoreCase ? 'i' : '') + (r.multiline ? 'm' : '');
}

function areSimilarRegExps(a, b) {
  return a.source === b.source && regExpFlags(a) === regExpFlags(b) &&
    a.lastIndex === b.lastIndex;
}

function isArrayBufferView(v) {
  return types.isTypedArray(v) || types.isDataView(v);
}

function bytesOf(v) {
  return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
}

function areSimilarTypedArrays(a, b) {
  if (a.byteLength !== b.byteLength) return false;
  var x = bytesOf(a);
  var y = bytesOf(b);
  for (var i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

function areSimilarFloatArrays(a, b) {
  if (a.byteLength !== b.byteLength) return false;
  for (var i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function areEqualArrayBuffers(a, b) {
  if (a.byteLength !== b.byteLength) return false;
  var x = new Uint8Array(a);
  var y = new Uint8Array(b);
  for (var i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

function isEqualBoxedPrimitive(a, b) {
  if (types.isNumberObject(a)) {
    return types.isNumberObject(b) && objectIs(Number.prototype.valueOf.call(a), Number.prototype.valueOf.call(b));
  }
  if (types.isStringObject(a)) {
    return types.isStringObject(b) && String.prototype.valueOf.call(a) === String.prototype.valueOf.call(b);
  }
  if (types.isBooleanObject(a)) {
    return types.isBooleanObject(b) && Boolean.prototype.valueOf.call(a) === Boolean.prototype.valueOf.call(b);
  }
  if (types.isBigIntObject(a)) {
    return types.isBigIntObject(b) && BigInt.prototype.valueOf.call(a) === BigInt.prototype.valueOf.call(b);
  }
  if (types.isSymbolObject(a)) {
    return types.isSymbolObject(b) && Symbol.prototype.valueOf.call(a) === Symbol.prototype.valueOf.call(b);
  }
  return false;
}

function isFloatArray(v) {
  var n = types.typedArrayName(v);
  return n === 'Float32Array' || n === 'Float64Array';
}

function innerDeepEqual(val1, val2, strict, memos) {
  if (val1 === val2) {
    if (val1 !== 0) return true;
    return strict ? objectIs(val1, val2) : true;
  }
  if (strict) {
    if (typeof val1 !== 'object') {
      return typeof val1 === 'number' && val1 !== val1 && val2 !== val2;
    }
    if (typeof val2 !== 'object' || val1 === null || val2 === null) return false;
    if (Object.getPrototypeOf(val1) !== Object.getPrototypeOf(val2)) return false;
  } else {
    if (val1 === null || typeof val1 !== 'object') {
      if (val2 === null || typeof val2 !== 'object') {
        /* eslint-disable-next-line eqeqeq */
        return val1 == val2 || (val1 !== val1 && val2 !== val2);
      }
      return false;
    }
    if (val2 === null || typeof val2 !== 'object') return false;
  }
  var val1Tag = objToString.call(val1);
  var val2Tag = objToString.call(val2);
  if (val1Tag !== val2Tag) return false;

  var keys1;
  var keys2;
  if (Array.isArray(val1)) {
    if (!Array.isArray(val2) || val1.length !== val2.length) return false;
    keys1 = getOwnNonIndexProperties(val1, strict);
    keys2 = getOwnNonIndexProperties(val2, strict);
    if (keys1.length !== keys2.length) return false;
    return keyCheck(val1, val2, strict, memos, kIsArray, keys1);
  } else if (val1Tag === '[object Object]' && !types.isBoxedPrimitive(val1) &&
             !types.isMap(val1) && !types.isSet(val1)) {
    return keyCheck(val1, val2, strict, memos, kNoIterator);
  } else if (types.isDate(val1)) {
    if (!types.isDate(val2) || val1.getTime() !== val2.getTime()) return false;
  } else if (types.isRegExp(val1)) {
    if (!types.isRegExp(val2) || !areSimilarRegExps(val1, val2)) return false;
  } else if (types.isNativeError(val1) || val1 instanceof Error) {
    if ((!types.isNativeError(val2) && !(val2 instanceof Error)) ||
        val1.message !== val2.message || val1.name !== val2.name) {
      return false;
    }
  } else if (isArrayBufferView(val1)) {
    if (!isArrayBufferView(val2)) return false;
    if (!strict && isFloatArray(val1)) {
      if (!areSimilarFloatArrays(val1, val2)) return false;
    } else if (!areSimilarTypedArrays(val1, val2)) {
      return false;
    }
    keys1 = getOwnNonIndexProperties(val1, strict);
    keys2 = getOwnNonIndexProperties(val2, strict);
    if (keys1.length !== keys2.length) return false;
    return keyCheck(val1, val2, strict, memos, kNoIterator, keys1);
  } else if (types.isSet(val1)) {
    if (!types.isSet(val2) || val1.size !== val2.size) return false;
    return keyCheck(val1, val2, strict, memos, kIsSet);
  } else if (types.isMap(val1)) {
    if (!types.isMap(val2) || val1.size !== val2.size) return false;
    return keyCheck(val1, val2, strict, memos, kIsMap);
  } else if (types.isArrayBuffer(val1) || types.isSharedArrayBuffer(val1)) {
    if (!(types.isArrayBuffer(val2) || types.isSharedArrayBuffer(val2)) ||
        !areEqualArrayBuffers(val1, val2)) {
      return false;
    }
  } else if (types.isBoxedPrimitive(val1)) {
    if (!isEqualBoxedPrimitive(val1, val2)) return false;
  } else if (Array.isArray(val2) || isArrayBufferView(val2) || types.isSet(val2) ||
             types.isMap(val2) || types.isDate(val2) || types.isRegExp(val2) ||
             types.isArrayBuffer(val2) || types.isBoxedPrimitive(val2) ||
             types.isNativeError(val2) || val2 instanceof Error) {
    return false;
  }
  return keyCheck(val1, val2, strict, memos, kNoIterator);
}

function countEnumerable(obj, keys) {
  var n = 0;
  for (var i = 0; i < keys.length; i++) if (propIsEnumerable.call(obj, keys[i])) n++;
  return n;
}

function keyCheck(val1, val2, strict, memos, iterationType, aKeys) {
  var i;
  var explicitKeys = aKeys !== undefined;
  if (!explicitKeys) {
    aKeys = Object.keys(val1);
    var bKeys = Object.keys(val2);
    if (aKeys.length !== bKeys.length) return false;
  }
  for (i = 0; i < aKeys.length; i++) {
    if (!propIsEnumerable.call(val2, aKeys[i])) return false;
  }
  if (strict && !explicitKeys) {
    var symA = getSymbols(val1);
    var symB;
    if (symA.length !== 0) {
      var count = 0;
      for (i = 0; i < symA.length; i++) {
        var key = symA[i];
        if (propIsEnumerable.call(val1, key)) {
          if (!propIsEnumerable.call(val2, key)) return false;
          aKeys.push(key);
          count++;
        } else if (propIsEnumerable.call(val2, key)) {
          return false;
        }
      }
      symB = getSymbols(val2);
      if (symA.length !== symB.length && countEnumerable(val2, symB) !== count) return false;
    } else {
      symB = getSymbols(val2);
      if (symB.length !== 0 && countEnumerable(val2, symB) !== 0) return false;
    }
  }
  if (aKeys.length === 0 &&
      (iterationType === kNoIterator ||
       (iterationType === kIsArray && val1.length === 0) ||
       val1.size === 0)) {
    return true;
  }

  if (memos === undefined) {
    memos = { val1: [], val2: [], pos1: [], pos2: [], position: 0 };
  } else {
    var ia = memos.val1.indexOf(val1);
    if (ia !== -1) {
      var ib = memos.val2.indexOf(val2);
      if (ib !== -1) return memos.pos1[ia] === memos.pos2[ib];
    }
    memos.position++;
  }
  memos.val1.push(val1); memos.pos1.push(memos.position);
  memos.val2.push(val2); memos.pos2.push(memos.position);

  var areEq = objEquiv(val1, val2, strict, aKeys, memos, iterationType);

  var j = memos.val1.lastIndexOf(val1);
  memos.val1.splice(j, 1); memos.pos1.splice(j, 1);
  j = memos.val2.lastIndexOf(val2);
  memos.val2.splice(j, 1); memos.pos2.splice(j, 1);
  return areEq;
}

function entriesOf(c) {
  var out = [];
  c.forEach(function (v, k) { out.push([k, v]); });
  return out;
}

/* Unordered matching: every element of a is paired with a distinct,
 * deep-equal element of b (primitives in strict mode by SameValueZero). */
function setEquiv(a, b, strict, memos) {
  var ea = entriesOf(a);
  var eb = entriesOf(b);
  var used = [];
  var i, j;
  for (i = 0; i < ea.length; i++) {
    var v = ea[i][1];
    if ((v === null || typeof v !== 'object') && strict) {
      if (!b.has(v)) return false;
      for (j = 0; j < eb.length; j++) {
        if (!used[j] && (eb[j][1] === v || (v !== v && eb[j][1] !== eb[j][1]))) { used[j] = true; break; }
      }
      continue;
    }
    var found = false;
    for (j = 0; j < eb.length; j++) {
      if (!used[j] && innerDeepEqual(v, eb[j][1], strict, memos)) {
        used[j] = true;
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  return true;
}

function mapEquiv(a, b, strict, memos) {
  var ea = entriesOf(a);
  var eb = entriesOf(b);
  var used = [];
  var i, j;
  for (i = 0; i < ea.length; i++) {
    var k = ea[i][0];
    var v = ea[i][1];
    var found = false;
    if ((k === null || typeof k !== 'object') && b.has(k)) {
      for (j = 0; j < eb.length; j++) {
        if (!used[j] && (eb[j][0] === k || (k !== k && eb[j][0] !== eb[j][0]))) {
          if (innerDeepEqual(v, eb[j][1], strict, memos)) {
            used[j] = true;
            found = true;
          }
          break;
        }
      }
      if (found) continue;
      if (strict) return false;
    }
    for (j = 0; j < eb.length; j++) {
      if (!used[j] && innerDeepEqual(k, eb[j][0], strict, memos) &&
          innerDeepEqual(v, eb[j][1], strict, memos)) {
        used[j] = true;
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  return true;
}

function objEquiv(a, b, strict, keys, memos, iterationType) {
  var i = 0;
  if (iterationType === kIsSet) {
    if (!setEquiv(a, b, strict, memos)) return false;
  } else if (iterationType === kIsMap) {
    if (!mapEquiv(a, b, strict, memos)) return false;
  } else if (iterationType === kIsArray) {
    for (; i < a.length; i++) {
      if (hasOwn.call(a, i)) {
        if (!hasOwn.call(b, i) || !innerDeepEqual(a[i], b[i], strict, memos)) return false;
      } else if (hasOwn.call(b, i)) {
        return false;
      } else {
        var keysA = Object.keys(a);
        for (; i < keysA.length; i++) {
          var key = keysA[i];
          if (!hasOwn.call(b, key) || !innerDeepEqual(a[key], b[key], strict, memos)) return false;
        }
        return keysA.length === Object.keys(b).length;
      }
    }
  }
  for (i = 0; i < keys.length; i++) {
    if (!innerDeepEqual(a[keys[i]], b[keys[i]], strict, memos)) return false;
  }
  return true;
}

exports.isDeepEqual = function isDeepEqual(a, b) { return innerDeepEqual(a, b, false); };
exports.isDeepStrictEqual = function isDeepStrictEqual(a, b) { return innerDeepEqual(a, b, true); };
