/*
 * internal/inspect — util.inspect / util.format, following the output rules
 * of Node 20 (breakLength 128, compact 3, depth 2, array grouping, circular
 * references as <ref *1> / [Circular *1]).
 *
 * Layer: stdlib (pure ES5). Map, Set and Promise may be polyfills on
 * Duktape: they are detected by brand checks and instanceof, never by
 * engine internals.
 */
'use strict';

var hasSymbol = typeof Symbol === 'function' && typeof Symbol.iterator === 'symbol';
var customInspectSymbol = hasSymbol ? Symbol['for']('nodejs.util.inspect.custom') :
  'inspect';
var toStringTagSymbol = hasSymbol && Symbol.toStringTag ? Symbol.toStringTag : null;
var iteratorSymbol = hasSymbol ? Symbol.iterator : null;

var objToString = Object.prototype.toString;
var hasOwn = Object.prototype.hasOwnProperty;
var propIsEnumerable = Object.prototype.propertyIsEnumerable;

var inspectDefaultOptions = {
  showHidden: false,
  depth: 2,
  colors: false,
  customInspect: true,
  showProxy: false,
  maxArrayLength: 100,
  maxStringLength: 10000,
  breakLength: 80,
  compact: 3,
  sorted: false,
  getters: false,
  numericSeparator: false
};

var kObjectType = 0;
var kArrayType = 1;
var kArrayExtrasType = 2;

var keyStrRegExp = /^[a-zA-Z_][a-zA-Z_0-9]*$/;
var numberRegExp = /^(0|[1-9][0-9]*)$/;
var kMinLineWidth = 16;

/* Escapes for code units 0..159 (only some are used). */
var meta = [];
(function () {
  var i;
  for (i = 0; i < 0x20; i++) {
    var h = i.toString(16).toUpperCase();
    meta[i] = '\\x' + (h.length < 2 ? '0' + h : h);
  }
  meta[8] = '\\b'; meta[9] = '\\t'; meta[10] = '\\n'; meta[12] = '\\f'; meta[13] = '\\r';
  meta[39] = "\\'";
  meta[92] = '\\\\';
  for (i = 0x7f; i < 0xa0; i++) meta[i] = '\\x' + i.toString(16).toUpperCase();
})();

/* ---- type checks (brand checks where the engine allows) ---- */

function tag(v) { return objToString.call(v); }

function isDate(v) {
  if (v === null || typeof v !== 'object') return false;
  try { Date.prototype.getTime.call(v); return true; } catch (e) { return false; }
}
var regExpSourceGetter = (function () {
  var d = Object.getOwnPropertyDescriptor(RegExp.prototype, 'source');
  return d && typeof d.get === 'function' ? d.get : null;
})();
/* Brand check without side effects (exec would move lastIndex). */
function isRegExp(v) {
  if (v === null || typeof v !== 'object') return false;
  if (regExpSourceGetter) {
    try { regExpSourceGetter.call(v); } catch (e) { return false; }
    return v !== RegExp.prototype;
  }
  return tag(v) === '[object RegExp]';
}
function isNativeError(v) {
  return v !== null && typeof v === 'object' && tag(v) === '[object Error]';
}
function isError(v) {
  return v !== null && typeof v === 'object' && (tag(v) === '[object Error]' || v instanceof Error);
}
function brand(Ctor, method, v) {
  if (typeof Ctor !== 'function' || v === null || (typeof v !== 'object' && typeof v !== 'function')) {
    return false;
  }
  var m = Ctor.prototype[method];
  if (typeof m !== 'function') return v instanceof Ctor;
  try { m.call(v); } catch (e) { return false; }
  return true;
}
// Map, Set, WeakMap, WeakSet and Promise are lode's own (Duktape has
// none), loaded on first use of the global: until then no value is one,
// and asking `typeof Map` here would load them for any console.log of an
// object. As in Node, a class assigned to global.Map later is no Map.
var polyfills = require('internal/polyfills');
var loadedGlobal = polyfills.internals.loadedGlobal;
function isMap(v) {
  var M = loadedGlobal('Map');
  return M !== null && brand(M, 'has', v) && (v instanceof M || tag(v) === '[object Map]');
}
function isSet(v) {
  var S = loadedGlobal('Set');
  return S !== null && brand(S, 'has', v) &&
    (v instanceof S || tag(v) === '[object Set]') && !isMap(v);
}
function isWeakMap(v) {
  var W = loadedGlobal('WeakMap');
  return W !== null && v instanceof W;
}
function isWeakSet(v) {
  var W = loadedGlobal('WeakSet');
  return W !== null && v instanceof W;
}
function isPromise(v) {
  var P = loadedGlobal('Promise');
  return P !== null && v !== null && typeof v === 'object' &&
    (v instanceof P || tag(v) === '[object Promise]');
}
var typedArrayNames = ['Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array',
  'Uint16Array', 'Int32Array', 'Uint32Array', 'Float32Array', 'Float64Array',
  'BigInt64Array', 'BigUint64Array'];
var TypedArrayProto = typeof Uint8Array === 'function' ?
  Object.getPrototypeOf(Uint8Array.prototype) : null;
var typedArrayTagGetter = null;
if (TypedArrayProto && toStringTagSymbol) {
  var d = Object.getOwnPropertyDescriptor(TypedArrayProto, toStringTagSymbol);
  if (d && typeof d.get === 'function') typedArrayTagGetter = d.get;
}
function typedArrayName(v) {
  if (v === null || typeof v !== 'object') return undefined;
  if (typedArrayTagGetter) return typedArrayTagGetter.call(v);
  /* Engines without the %TypedArray% tag getter (Duktape): look at the
   * prototype chain. */
  for (var i = 0; i < typedArrayNames.length; i++) {
    var C = typeof global !== 'undefined' ? global[typedArrayNames[i]] : undefined;
    if (typeof C === 'function' && v instanceof C) return typedArrayNames[i];
  }
  return undefined;
}
function isTypedArray(v) { return typedArrayName(v) !== undefined; }
function isView(v) {
  return typeof ArrayBuffer === 'function' && typeof ArrayBuffer.isView === 'function' &&
    ArrayBuffer.isView(v);
}
function isArrayBuffer(v) {
  if (typeof ArrayBuffer !== 'function' || v === null || typeof v !== 'object') return false;
  /* Duktape's byteLength getter also accepts views: rule them out. */
  if (isView(v)) return false;
  var d = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'byteLength');
  if (d && d.get) {
    try { d.get.call(v); return !(typeof SharedArrayBuffer === 'function' && tag(v) === '[object SharedArrayBuffer]'); } catch (e) { return false; }
  }
  return v instanceof ArrayBuffer;
}
function isSharedArrayBuffer(v) {
  return typeof SharedArrayBuffer === 'function' && v !== null && typeof v === 'object' &&
    tag(v) === '[object SharedArrayBuffer]';
}
function isDataView(v) {
  if (typeof DataView !== 'function' || v === null || typeof v !== 'object') return false;
  if (isTypedArray(v)) return false;
  try { DataView.prototype.getInt8.call(v, 0); return true; } catch (e) {
    return v instanceof DataView;
  }
}
function isArgumentsObject(v) {
  return v !== null && typeof v === 'object' && tag(v) === '[object Arguments]';
}
function boxedCheck(proto, v) {
  if (v === null || typeof v !== 'object') return false;
  try { proto.valueOf.call(v); return true; } catch (e) { return false; }
}
function isNumberObject(v) { return boxedCheck(Number.prototype, v); }
function isStringObject(v) { return boxedCheck(String.prototype, v); }
function isBooleanObject(v) { return boxedCheck(Boolean.prototype, v); }
function isSymbolObject(v) { return hasSymbol && boxedCheck(Symbol.prototype, v); }
function isBigIntObject(v) {
  return typeof BigInt === 'function' && boxedCheck(BigInt.prototype, v);
}
function isBoxedPrimitive(v) {
  return isNumberObject(v) || isStringObject(v) || isBooleanObject(v) ||
    isSymbolObject(v) || isBigIntObject(v);
}
function isAsyncFunction(v) {
  return typeof v === 'function' && tag(v) === '[object AsyncFunction]';
}
function isGeneratorFunction(v) {
  return typeof v === 'function' &&
    (tag(v) === '[object GeneratorFunction]' || tag(v) === '[object AsyncGeneratorFunction]');
}

/* Names of global constructors, for "is this a built-in" decisions. An
 * accessor is one of lode's lazy globals (Map, Promise, URL, ...: all
 * constructors), counted without reading it, which would load it. */
var builtInObjects = {};
(function () {
  var g = typeof global !== 'undefined' ? global : Function('return this')();
  var names = Object.getOwnPropertyNames(g);
  for (var i = 0; i < names.length; i++) {
    if (/^[A-Z][a-zA-Z0-9]+$/.test(names[i])) {
      var d = Object.getOwnPropertyDescriptor(g, names[i]);
      var val = d !== undefined && 'value' in d ? d.value : null;
      if (d !== undefined && (!('value' in d) || typeof val === 'function' ||
          (val !== null && typeof val === 'object'))) {
        builtInObjects[names[i]] = true;
      }
    }
  }
})();

/* ---- helpers ---- */

function repeat(s, n) {
  var r = '';
  for (var i = 0; i < n; i++) r += s;
  return r;
}
function padStart(s, n) { return s.length >= n ? s : repeat(' ', n - s.length) + s; }
function padEnd(s, n) { return s.length >= n ? s : s + repeat(' ', n - s.length); }

function objectIs(a, b) {
  if (a === b) return a !== 0 || 1 / a === 1 / b;
  return a !== a && b !== b;
}

function stylizeNoColor(str) { return str; }

function stylizeWithColor(str, styleType) {
  var style = inspect.styles[styleType];
  if (style !== undefined) {
    var color = inspect.colors[style];
    if (color !== undefined) {
      return '\u001b[' + color[0] + 'm' + str + '\u001b[' + color[1] + 'm';
    }
  }
  return str;
}

function addQuotes(str, quotes) {
  if (quotes === -1) return '"' + str + '"';
  if (quotes === -2) return '`' + str + '`';
  return "'" + str + "'";
}

function strEscape(str) {
  var singleQuote = 39;
  if (str.indexOf("'") !== -1) {
    if (str.indexOf('"') === -1) singleQuote = -1;
    else if (str.indexOf('`') === -1 && str.indexOf('${') === -1) singleQuote = -2;
  }
  var result = '';
  var last = 0;
  for (var i = 0; i < str.length; i++) {
    var point = str.charCodeAt(i);
    if (point === singleQuote || point === 92 || point < 32 || (point > 126 && point < 160)) {
      result += str.slice(last, i) + meta[point];
      last = i + 1;
    } else if (point >= 0xd800 && point <= 0xdfff) {
      if (point <= 0xdbff && i + 1 < str.length) {
        var p2 = str.charCodeAt(i + 1);
        if (p2 >= 0xdc00 && p2 <= 0xdfff) {
          i++;
          continue;
        }
      }
      result += str.slice(last, i) + '\\u' + point.toString(16);
      last = i + 1;
    }
  }
  if (last !== str.length) result += str.slice(last);
  return addQuotes(result, singleQuote);
}

/* Escape for property keys that are not identifiers (no quote choice). */
function keyEscape(str) {
  var result = '';
  var last = 0;
  for (var i = 0; i < str.length; i++) {
    var point = str.charCodeAt(i);
    if (point === 39 || point === 92 || point < 32 || (point > 126 && point < 160)) {
      result += str.slice(last, i) + meta[point];
      last = i + 1;
    }
  }
  return result + str.slice(last);
}

function formatNumber(fn, number, numericSeparator) {
  if (!numericSeparator) {
    if (objectIs(number, -0)) return fn('-0', 'number');
    return fn('' + number, 'number');
  }
  var integer = Math.trunc ? Math.trunc(number) : (number < 0 ? Math.ceil(number) : Math.floor(number));
  var string = String(integer);
  if (integer === number) {
    if (!isFinite(number) || string.indexOf('e') !== -1) return fn(string, 'number');
    return fn(addNumericSeparator(string), 'number');
  }
  if (number !== number) return fn(string, 'number');
  var full = String(number);
  var dot = full.indexOf('.');
  return fn(addNumericSeparator(string) + '.' + addNumericSeparatorEnd(full.slice(dot + 1)), 'number');
}

function addNumericSeparator(integerString) {
  var result = '';
  var i = integerString.length;
  var start = integerString[0] === '-' ? 1 : 0;
  for (; i >= start + 4; i -= 3) result = '_' + integerString.slice(i - 3, i) + result;
  return i === integerString.length ? integerString : integerString.slice(0, i) + result;
}

function addNumericSeparatorEnd(integerString) {
  var result = '';
  var i = 0;
  for (; i < integerString.length - 3; i += 3) result += integerString.slice(i, i + 3) + '_';
  return i === 0 ? integerString : result + integerString.slice(i);
}

function formatBigInt(fn, bigint, numericSeparator) {
  var string = String(bigint);
  if (!numericSeparator) return fn(string + 'n', 'bigint');
  return fn(addNumericSeparator(string) + 'n', 'bigint');
}

/* Split after each "\n", keeping it (like /(?<=\n)/). */
function splitNewLines(value) {
  var out = [];
  var start = 0;
  var idx;
  while ((idx = value.indexOf('\n', start)) !== -1 && idx + 1 < value.length) {
    out.push(value.slice(start, idx + 1));
    start = idx + 1;
  }
  out.push(value.slice(start));
  return out;
}

function formatPrimitive(fn, value, ctx) {
  if (typeof value === 'string') {
    var trailer = '';
    if (value.length > ctx.maxStringLength) {
      var remaining = value.length - ctx.maxStringLength;
      value = value.slice(0, ctx.maxStringLength);
      trailer = '... ' + remaining + ' more character' + (remaining > 1 ? 's' : '');
    }
    if (ctx.compact !== true && value.length > kMinLineWidth &&
        value.length > ctx.breakLength - ctx.indentationLvl - 4) {
      return splitNewLines(value).map(function (line) {
        return fn(strEscape(line), 'string');
      }).join(' +\n' + repeat(' ', ctx.indentationLvl + 2)) + trailer;
    }
    return fn(strEscape(value), 'string') + trailer;
  }
  if (typeof value === 'number') return formatNumber(fn, value, ctx.numericSeparator);
  if (typeof value === 'bigint') return formatBigInt(fn, value, ctx.numericSeparator);
  if (typeof value === 'boolean') return fn('' + value, 'boolean');
  if (typeof value === 'undefined') return fn('undefined', 'undefined');
  /* symbol */
  return fn(symbolToString(value), 'symbol');
}

function symbolToString(sym) {
  return keyEscape(Symbol.prototype.toString.call(sym));
}

function getPrefix(constructor, tagStr, fallback, size) {
  if (size === undefined) size = '';
  if (constructor === null) {
    if (tagStr !== '' && fallback !== tagStr) {
      return '[' + fallback + size + ': null prototype] [' + tagStr + '] ';
    }
    return '[' + fallback + size + ': null prototype] ';
  }
  if (tagStr !== '' && constructor !== tagStr) {
    return constructor + size + ' [' + tagStr + '] ';
  }
  return constructor + size + ' ';
}

function internalGetConstructorName(obj) {
  var t = tag(obj);
  return t.slice(8, -1);
}

function getConstructorName(obj, ctx, recurseTimes) {
  var firstProto;
  var tmp = obj;
  while (obj) {
    var descriptor = Object.getOwnPropertyDescriptor(obj, 'constructor');
    if (descriptor !== undefined && typeof descriptor.value === 'function' &&
        descriptor.value.name !== '' && isInstanceof(tmp, descriptor.value)) {
      return String(descriptor.value.name);
    }
    obj = Object.getPrototypeOf(obj);
    if (firstProto === undefined) firstProto = obj;
  }
  if (firstProto === null) return null;

  var res = internalGetConstructorName(tmp);
  if (recurseTimes > ctx.depth && ctx.depth !== null) {
    return res + ' <Complex prototype>';
  }
  var protoConstr = getConstructorName(firstProto, ctx, recurseTimes + 1);
  if (protoConstr === null) {
    var opts = {};
    for (var k in ctx) if (hasOwn.call(inspectDefaultOptions, k)) opts[k] = ctx[k];
    opts.customInspect = false;
    opts.depth = -1;
    return res + ' <' + inspect(firstProto, opts) + '>';
  }
  return res + ' <' + protoConstr + '>';
}

function isInstanceof(object, proto) {
  try { return object instanceof proto; } catch (e) { return false; }
}

function getKeys(value, showHidden) {
  var keys;
  var symbols = Object.getOwnPropertySymbols ? Object.getOwnPropertySymbols(value) : [];
  if (showHidden) {
    keys = Object.getOwnPropertyNames(value);
    if (symbols.length !== 0) keys = keys.concat(symbols);
  } else {
    keys = Object.keys(value);
    for (var i = 0; i < symbols.length; i++) {
      if (propIsEnumerable.call(value, symbols[i])) keys.push(symbols[i]);
    }
  }
  return keys;
}

function isArrayIndex(k) {
  if (!numberRegExp.test(k)) return false;
  return +k < 4294967295;
}

function getOwnNonIndexProperties(value, showHidden) {
  var names = showHidden ? Object.getOwnPropertyNames(value) : Object.keys(value);
  var out = [];
  for (var i = 0; i < names.length; i++) {
    if (!isArrayIndex(names[i])) out.push(names[i]);
  }
  if (Object.getOwnPropertySymbols) {
    var syms = Object.getOwnPropertySymbols(value);
    for (var j = 0; j < syms.length; j++) {
      if (showHidden || propIsEnumerable.call(value, syms[j])) out.push(syms[j]);
    }
  }
  return out;
}

function getUserOptions(ctx) {
  var ret = {
    stylize: ctx.stylize,
    showHidden: ctx.showHidden,
    depth: ctx.depth,
    colors: ctx.colors,
    customInspect: ctx.customInspect,
    showProxy: ctx.showProxy,
    maxArrayLength: ctx.maxArrayLength,
    maxStringLength: ctx.maxStringLength,
    breakLength: ctx.breakLength,
    compact: ctx.compact,
    sorted: ctx.sorted,
    getters: ctx.getters,
    numericSeparator: ctx.numericSeparator
  };
  if (ctx.userOptions) {
    for (var k in ctx.userOptions) {
      if (hasOwn.call(ctx.userOptions, k)) ret[k] = ctx.userOptions[k];
    }
  }
  return ret;
}

function formatValue(ctx, value, recurseTimes, typedArray) {
  if (typeof value !== 'object' && typeof value !== 'function') {
    return formatPrimitive(ctx.stylize, value, ctx);
  }
  if (value === null) return ctx.stylize('null', 'null');

  var context = value;

  if (ctx.customInspect) {
    var maybeCustom;
    try { maybeCustom = value[customInspectSymbol]; } catch (e) { maybeCustom = undefined; }
    if (typeof maybeCustom === 'function' && maybeCustom !== inspect &&
        !(value.constructor && value.constructor.prototype === value)) {
      var depth = ctx.depth === null ? null : ctx.depth - recurseTimes;
      var ret = maybeCustom.call(context, depth, getUserOptions(ctx), inspect);
      if (ret !== context) {
        if (typeof ret !== 'string') return formatValue(ctx, ret, recurseTimes);
        return ret.split('\n').join('\n' + repeat(' ', ctx.indentationLvl));
      }
    }
  }

  if (ctx.seen.indexOf(value) !== -1) {
    var index = 1;
    if (ctx.circular === undefined) {
      ctx.circular = { keys: [value], vals: [index] };
    } else {
      var p = ctx.circular.keys.indexOf(value);
      if (p === -1) {
        index = ctx.circular.keys.length + 1;
        ctx.circular.keys.push(value);
        ctx.circular.vals.push(index);
      } else {
        index = ctx.circular.vals[p];
      }
    }
    return ctx.stylize('[Circular *' + index + ']', 'special');
  }
  return formatRaw(ctx, value, recurseTimes, typedArray);
}

function isBufferLike(value) {
  return typeof Buffer === 'function' && typeof Buffer.isBuffer === 'function' &&
    Buffer.isBuffer(value);
}

function formatRaw(ctx, value, recurseTimes, typedArray) {
  var keys;
  var constructor = getConstructorName(value, ctx, recurseTimes);
  var tagStr = toStringTagSymbol ? value[toStringTagSymbol] : undefined;
  if (typeof tagStr !== 'string' ||
      (tagStr !== '' && (ctx.showHidden ? hasOwn : propIsEnumerable).call(value, toStringTagSymbol))) {
    tagStr = '';
  }
  var base = '';
  var formatter = getEmptyFormatArray;
  var braces;
  var noIterator = true;
  var extrasType = kObjectType;
  var prefix;
  var size;

  if ((iteratorSymbol && iteratorSymbol in value) || constructor === null ||
      Array.isArray(value) || isTypedArray(value) || isMap(value) || isSet(value)) {
    noIterator = false;
    if (Array.isArray(value)) {
      prefix = (constructor !== 'Array' || tagStr !== '') ?
        getPrefix(constructor, tagStr, 'Array', '(' + value.length + ')') : '';
      keys = getOwnNonIndexProperties(value, ctx.showHidden);
      braces = [prefix + '[', ']'];
      if (value.length === 0 && keys.length === 0) return braces[0] + ']';
      extrasType = kArrayExtrasType;
      formatter = formatArray;
    } else if (isSet(value)) {
      size = value.size;
      prefix = getPrefix(constructor, tagStr, 'Set', '(' + size + ')');
      keys = getKeys(value, ctx.showHidden);
      formatter = bindFormatter(formatSet, value);
      if (size === 0 && keys.length === 0) return prefix + '{}';
      braces = [prefix + '{', '}'];
    } else if (isMap(value)) {
      size = value.size;
      prefix = getPrefix(constructor, tagStr, 'Map', '(' + size + ')');
      keys = getKeys(value, ctx.showHidden);
      formatter = bindFormatter(formatMap, value);
      if (size === 0 && keys.length === 0) return prefix + '{}';
      braces = [prefix + '{', '}'];
    } else if (isTypedArray(value)) {
      /* Duktape reports `length` as an own (virtual) property of views;
       * in V8 it is a prototype getter. */
      keys = getOwnNonIndexProperties(value, ctx.showHidden).filter(function (k) {
        return k !== 'length' || propIsEnumerable.call(value, k);
      });
      var fallback = '';
      if (constructor === null) fallback = typedArrayName(value);
      size = value.length;
      prefix = getPrefix(constructor, tagStr, fallback, '(' + size + ')');
      braces = [prefix + '[', ']'];
      if (value.length === 0 && keys.length === 0 && !ctx.showHidden) return braces[0] + ']';
      formatter = bindTypedArrayFormatter(value, size);
      extrasType = kArrayExtrasType;
    } else {
      noIterator = true;
    }
  }
  if (noIterator) {
    keys = getKeys(value, ctx.showHidden);
    braces = ['{', '}'];
    if (constructor === 'Object') {
      if (isArgumentsObject(value)) {
        braces[0] = '[Arguments] {';
      } else if (tagStr !== '') {
        braces[0] = getPrefix(constructor, tagStr, 'Object') + '{';
      }
      if (keys.length === 0) return braces[0] + '}';
    } else if (typeof value === 'function') {
      base = getFunctionBase(value, constructor, tagStr);
      if (keys.length === 0) return ctx.stylize(base, 'special');
    } else if (isRegExp(value)) {
      base = RegExp.prototype.toString.call(constructor !== null ? value : new RegExp(value));
      prefix = getPrefix(constructor, tagStr, 'RegExp');
      if (prefix !== 'RegExp ') base = prefix + base;
      if (keys.length === 0 || (recurseTimes > ctx.depth && ctx.depth !== null)) {
        return ctx.stylize(base, 'regexp');
      }
    } else if (isDate(value)) {
      var t = Date.prototype.getTime.call(value);
      base = t !== t ? Date.prototype.toString.call(value) : Date.prototype.toISOString.call(value);
      prefix = getPrefix(constructor, tagStr, 'Date');
      if (prefix !== 'Date ') base = prefix + base;
      if (keys.length === 0) return ctx.stylize(base, 'date');
    } else if (isError(value)) {
      base = formatError(value, constructor, tagStr, ctx, keys);
      if (keys.length === 0) return base;
    } else if (isArrayBuffer(value) || isSharedArrayBuffer(value)) {
      var arrayType = isArrayBuffer(value) ? 'ArrayBuffer' : 'SharedArrayBuffer';
      prefix = getPrefix(constructor, tagStr, arrayType);
      if (typedArray === undefined) {
        formatter = formatArrayBuffer;
      } else if (keys.length === 0) {
        return prefix + '{ byteLength: ' + formatNumber(ctx.stylize, value.byteLength, false) + ' }';
      }
      braces[0] = prefix + '{';
      keys.unshift('byteLength');
    } else if (isDataView(value)) {
      braces[0] = getPrefix(constructor, tagStr, 'DataView') + '{';
      keys.unshift('byteLength', 'byteOffset', 'buffer');
    } else if (isPromise(value)) {
      braces[0] = getPrefix(constructor, tagStr, 'Promise') + '{';
      formatter = formatPromise;
    } else if (isWeakSet(value)) {
      braces[0] = getPrefix(constructor, tagStr, 'WeakSet') + '{';
      formatter = formatWeakCollection;
    } else if (isWeakMap(value)) {
      braces[0] = getPrefix(constructor, tagStr, 'WeakMap') + '{';
      formatter = formatWeakCollection;
    } else if (isBoxedPrimitive(value)) {
      base = getBoxedBase(value, ctx, keys, constructor, tagStr);
      if (keys.length === 0) return base;
    } else {
      if (keys.length === 0) return getPrefix(constructor, tagStr, 'Object') + '{}';
      braces[0] = getPrefix(constructor, tagStr, 'Object') + '{';
    }
  }

  if (recurseTimes > ctx.depth && ctx.depth !== null) {
    var constructorName = getPrefix(constructor, tagStr, 'Object').slice(0, -1);
    if (constructor !== null) constructorName = '[' + constructorName + ']';
    return ctx.stylize(constructorName, 'special');
  }
  recurseTimes += 1;
  ctx.seen.push(value);
  ctx.currentDepth = recurseTimes;
  var output;
  var i;
  output = formatter(ctx, value, recurseTimes);
  for (i = 0; i < keys.length; i++) {
    output.push(formatProperty(ctx, value, recurseTimes, keys[i], extrasType));
  }
  if (ctx.circular !== undefined) {
    var idx = ctx.circular.keys.indexOf(value);
    if (idx !== -1) {
      var reference = ctx.stylize('<ref *' + ctx.circular.vals[idx] + '>', 'special');
      if (ctx.compact !== true) base = base === '' ? reference : reference + ' ' + base;
      else braces[0] = reference + ' ' + braces[0];
    }
  }
  ctx.seen.pop();

  if (ctx.sorted) {
    var comparator = ctx.sorted === true ? undefined : ctx.sorted;
    if (extrasType === kObjectType) {
      output = output.sort(comparator);
    } else if (keys.length > 1) {
      var sorted = output.slice(output.length - keys.length).sort(comparator);
      output = output.slice(0, output.length - keys.length).concat(sorted);
    }
  }

  var res = reduceToSingleString(ctx, output, base, braces, extrasType, recurseTimes, value);
  var budget = ctx.budget[ctx.indentationLvl] || 0;
  var newLength = budget + res.length;
  ctx.budget[ctx.indentationLvl] = newLength;
  if (newLength > 134217728) ctx.depth = -1;
  return res;
}

function bindFormatter(fn, value) {
  return function (ctx, ignored, recurseTimes) { return fn(value, ctx, ignored, recurseTimes); };
}

function bindTypedArrayFormatter(value, size) {
  return function (ctx, ignored, recurseTimes) {
    return formatTypedArray(value, size, ctx, ignored, recurseTimes);
  };
}

function getEmptyFormatArray() { return []; }

function getFunctionBase(value, constructor, tagStr) {
  var stringified = '';
  try { stringified = Function.prototype.toString.call(value); } catch (e) { /* ignore */ }
  if (stringified.slice(0, 5) === 'class' && stringified.slice(-1) === '}') {
    var slice = stringified.slice(5, -1);
    var bracketIndex = slice.indexOf('{');
    if (bracketIndex !== -1 &&
        (slice.slice(0, bracketIndex).indexOf('(') === -1 ||
         /^\s*(?:extends\s+)?[^(]*\(/.test(slice))) {
      return getClassBase(value, constructor, tagStr);
    }
  }
  var type = 'Function';
  if (isGeneratorFunction(value)) type = 'Generator' + type;
  if (isAsyncFunction(value)) type = 'Async' + type;
  var base = '[' + type;
  if (constructor === null) base += ' (null prototype)';
  if (value.name === '' || typeof value.name !== 'string') base += ' (anonymous)';
  else base += ': ' + value.name;
  base += ']';
  if (constructor !== type && constructor !== null) base += ' ' + constructor;
  if (tagStr !== '' && constructor !== tagStr) base += ' [' + tagStr + ']';
  return base;
}

function getClassBase(value, constructor, tagStr) {
  var name = hasOwn.call(value, 'name') && value.name;
  var base = '[class';
  if (name) base += ' ' + name;
  else base += ' (anonymous)';
  if (constructor !== 'Function' && constructor !== null) base += ' [' + constructor + ']';
  if (tagStr !== '' && constructor !== tagStr) base += ' [' + tagStr + ']';
  if (constructor !== null) {
    var superName = Object.getPrototypeOf(value).name;
    if (superName) base += ' extends ' + superName;
  } else {
    base += ' extends [null prototype]';
  }
  return base + ']';
}

function getStackString(err) {
  return err.stack ? String(err.stack) : Error.prototype.toString.call(err);
}

function removeDuplicateErrorKeys(ctx, keys, err, stack) {
  if (!ctx.showHidden && keys.length !== 0) {
    var names = ['name', 'message', 'stack'];
    for (var i = 0; i < names.length; i++) {
      var index = keys.indexOf(names[i]);
      if (index !== -1 && stack.indexOf(err[names[i]]) !== -1) keys.splice(index, 1);
    }
  }
}

function improveStack(stack, constructor, name, tagStr) {
  var len = name.length;
  if (constructor === null ||
      (name.slice(-5) === 'Error' && stack.indexOf(name) === 0 &&
       (stack.length === len || stack[len] === ':' || stack[len] === '\n'))) {
    var fallback = 'Error';
    if (constructor === null) {
      var start = /^([A-Z][a-z_ A-Z0-9[\]()-]+)(?::|\n\s+at)/.exec(stack) ||
        /^([a-z_A-Z0-9-]*Error)$/.exec(stack);
      fallback = (start && start[1]) || '';
      len = fallback.length;
      fallback = fallback || 'Error';
    }
    var prefix = getPrefix(constructor, tagStr, fallback).slice(0, -1);
    if (name !== prefix) {
      if (prefix.indexOf(name) !== -1) {
        if (len === 0) stack = prefix + ': ' + stack;
        else stack = prefix + stack.slice(len);
      } else {
        stack = prefix + ' [' + name + ']' + stack.slice(len);
      }
    }
  }
  return stack;
}

function formatError(err, constructor, tagStr, ctx, keys) {
  var name = err.name != null ? String(err.name) : 'Error';
  var stack = getStackString(err);
  removeDuplicateErrorKeys(ctx, keys, err, stack);
  if ('cause' in err && (keys.length === 0 || keys.indexOf('cause') === -1)) {
    keys.push('cause');
  }
  if (Array.isArray(err.errors) && (keys.length === 0 || keys.indexOf('errors') === -1)) {
    keys.push('errors');
  }
  stack = improveStack(stack, constructor, name, tagStr);

  var pos = (err.message && stack.indexOf(err.message)) || -1;
  if (pos !== -1) pos += err.message.length;
  var stackStart = stack.indexOf('\n    at', pos);
  if (stackStart === -1) {
    stack = '[' + stack + ']';
  } else {
    /* XXX: Node also collapses frames shared with err.cause ("... N lines
     * matching cause stack trace ...") and greys out node_modules frames. */
    var newStack = stack.slice(0, stackStart);
    var lines = stack.slice(stackStart + 1).split('\n');
    newStack += '\n' + lines.join('\n');
    stack = newStack;
  }
  if (ctx.indentationLvl !== 0) {
    stack = stack.split('\n').join('\n' + repeat(' ', ctx.indentationLvl));
  }
  return stack;
}

function getBoxedBase(value, ctx, keys, constructor, tagStr) {
  var fn;
  var type;
  if (isNumberObject(value)) {
    fn = Number.prototype.valueOf; type = 'Number';
  } else if (isStringObject(value)) {
    fn = String.prototype.valueOf; type = 'String';
    keys.splice(0, value.length);
  } else if (isBooleanObject(value)) {
    fn = Boolean.prototype.valueOf; type = 'Boolean';
  } else if (isBigIntObject(value)) {
    fn = BigInt.prototype.valueOf; type = 'BigInt';
  } else {
    fn = Symbol.prototype.valueOf; type = 'Symbol';
  }
  var base = '[' + type;
  if (type !== constructor) {
    if (constructor === null) base += ' (null prototype)';
    else base += ' (' + constructor + ')';
  }
  base += ': ' + formatPrimitive(stylizeNoColor, fn.call(value), ctx) + ']';
  if (tagStr !== '' && tagStr !== constructor) base += ' [' + tagStr + ']';
  if (keys.length !== 0 || ctx.stylize === stylizeNoColor) return base;
  return ctx.stylize(base, type.toLowerCase());
}

function formatArrayBuffer(ctx, value) {
  var buffer;
  try { buffer = new Uint8Array(value); } catch (e) {
    return [ctx.stylize('(detached)', 'special')];
  }
  var n = Math.min(ctx.maxArrayLength, buffer.length);
  var parts = [];
  for (var i = 0; i < n; i++) {
    var h = buffer[i].toString(16);
    parts.push(h.length < 2 ? '0' + h : h);
  }
  var str = parts.join(' ');
  var remaining = buffer.length - ctx.maxArrayLength;
  if (remaining > 0) str += ' ... ' + remaining + ' more byte' + (remaining > 1 ? 's' : '');
  return [ctx.stylize('[Uint8Contents]', 'special') + ': <' + str + '>'];
}

function remainingText(remaining) {
  return '... ' + remaining + ' more item' + (remaining > 1 ? 's' : '');
}

function formatArray(ctx, value, recurseTimes) {
  var valLen = value.length;
  var len = Math.min(Math.max(0, ctx.maxArrayLength), valLen);
  var remaining = valLen - len;
  var output = [];
  for (var i = 0; i < len; i++) {
    if (!hasOwn.call(value, i)) return formatSpecialArray(ctx, value, recurseTimes, len, output, i);
    output.push(formatProperty(ctx, value, recurseTimes, i, kArrayType));
  }
  if (remaining > 0) output.push(remainingText(remaining));
  return output;
}

function formatSpecialArray(ctx, value, recurseTimes, maxLength, output, i) {
  var keys = Object.keys(value);
  var index = i;
  for (; i < keys.length && output.length < maxLength; i++) {
    var key = keys[i];
    var tmp = +key;
    if (tmp > 4294967294) break;
    if ('' + index !== key) {
      if (!numberRegExp.test(key)) break;
      var emptyItems = tmp - index;
      output.push(ctx.stylize('<' + emptyItems + ' empty item' + (emptyItems > 1 ? 's' : '') + '>', 'undefined'));
      index = tmp;
      if (output.length === maxLength) break;
    }
    output.push(formatProperty(ctx, value, recurseTimes, key, kArrayType));
    index++;
  }
  var remaining = value.length - index;
  if (output.length !== maxLength) {
    if (remaining > 0) {
      output.push(ctx.stylize('<' + remaining + ' empty item' + (remaining > 1 ? 's' : '') + '>', 'undefined'));
    }
  } else if (remaining > 0) {
    output.push(remainingText(remaining));
  }
  return output;
}

function formatTypedArray(value, length, ctx, ignored, recurseTimes) {
  var maxLength = Math.min(Math.max(0, ctx.maxArrayLength), length);
  var remaining = value.length - maxLength;
  var output = new Array(maxLength);
  var elementFormatter = value.length > 0 && typeof value[0] === 'number' ? formatNumber : formatBigInt;
  for (var i = 0; i < maxLength; ++i) {
    output[i] = elementFormatter(ctx.stylize, value[i], ctx.numericSeparator);
  }
  if (remaining > 0) output[maxLength] = remainingText(remaining);
  if (ctx.showHidden) {
    ctx.indentationLvl += 2;
    var ks = ['BYTES_PER_ELEMENT', 'length', 'byteLength', 'byteOffset', 'buffer'];
    for (var k = 0; k < ks.length; k++) {
      var str = formatValue(ctx, value[ks[k]], recurseTimes, true);
      output.push('[' + ks[k] + ']: ' + str);
    }
    ctx.indentationLvl -= 2;
  }
  return output;
}

function collectionValues(c) {
  var out = [];
  c.forEach(function (v, k) { out.push([k, v]); });
  return out;
}

function formatSet(value, ctx, ignored, recurseTimes) {
  var entries = collectionValues(value);
  var length = entries.length;
  var maxLength = Math.min(Math.max(0, ctx.maxArrayLength), length);
  var remaining = length - maxLength;
  var output = [];
  ctx.indentationLvl += 2;
  for (var i = 0; i < maxLength; i++) output.push(formatValue(ctx, entries[i][1], recurseTimes));
  if (remaining > 0) output.push(remainingText(remaining));
  ctx.indentationLvl -= 2;
  return output;
}

function formatMap(value, ctx, ignored, recurseTimes) {
  var entries = collectionValues(value);
  var length = entries.length;
  var maxLength = Math.min(Math.max(0, ctx.maxArrayLength), length);
  var remaining = length - maxLength;
  var output = [];
  ctx.indentationLvl += 2;
  for (var i = 0; i < maxLength; i++) {
    output.push(formatValue(ctx, entries[i][0], recurseTimes) + ' => ' +
      formatValue(ctx, entries[i][1], recurseTimes));
  }
  if (remaining > 0) output.push(remainingText(remaining));
  ctx.indentationLvl -= 2;
  return output;
}

function formatWeakCollection(ctx) {
  return [ctx.stylize('<items unknown>', 'special')];
}

/* Node reads a promise's state from V8; lode's Promise module tells it
 * (loaded: isPromise found one of its promises). */
function formatPromise(ctx, value, recurseTimes) {
  var st = polyfills.promiseState(value);
  if (!st || st.state === 'pending') return [ctx.stylize('<pending>', 'special')];
  ctx.indentationLvl += 2;
  var str = formatValue(ctx, st.value, recurseTimes);
  ctx.indentationLvl -= 2;
  return [st.state === 'rejected' ? ctx.stylize('<rejected>', 'special') + ' ' + str : str];
}

function formatProperty(ctx, value, recurseTimes, key, type, desc) {
  var name;
  var str;
  var extra = ' ';
  desc = desc || Object.getOwnPropertyDescriptor(value, key) ||
    { value: value[key], enumerable: true };
  if (desc.value !== undefined) {
    var diff = (ctx.compact !== true || type !== kObjectType) ? 2 : 3;
    ctx.indentationLvl += diff;
    str = formatValue(ctx, desc.value, recurseTimes);
    if (diff === 3 && ctx.breakLength < str.length) {
      extra = '\n' + repeat(' ', ctx.indentationLvl);
    }
    ctx.indentationLvl -= diff;
  } else if (desc.get !== undefined) {
    var label = desc.set !== undefined ? 'Getter/Setter' : 'Getter';
    var s = ctx.stylize;
    var sp = 'special';
    if (ctx.getters && (ctx.getters === true ||
        (ctx.getters === 'get' && desc.set === undefined) ||
        (ctx.getters === 'set' && desc.set !== undefined))) {
      try {
        var tmp = desc.get.call(value);
        ctx.indentationLvl += 2;
        if (tmp === null) {
          str = s('[' + label + ':', sp) + ' ' + s('null', 'null') + s(']', sp);
        } else if (typeof tmp === 'object') {
          str = s('[' + label + ']', sp) + ' ' + formatValue(ctx, tmp, recurseTimes);
        } else {
          str = s('[' + label + ':', sp) + ' ' + formatPrimitive(s, tmp, ctx) + s(']', sp);
        }
        ctx.indentationLvl -= 2;
      } catch (err) {
        str = s('[' + label + ':', sp) + ' <Inspection threw (' + err.message + ')>' + s(']', sp);
      }
    } else {
      str = ctx.stylize('[' + label + ']', sp);
    }
  } else if (desc.set !== undefined) {
    str = ctx.stylize('[Setter]', 'special');
  } else {
    str = ctx.stylize('undefined', 'undefined');
  }
  if (type === kArrayType) return str;
  if (typeof key === 'symbol') {
    name = '[' + ctx.stylize(symbolToString(key), 'symbol') + ']';
  } else if (key === '__proto__') {
    name = "['__proto__']";
  } else if (desc.enumerable === false) {
    name = '[' + keyEscape(key) + ']';
  } else if (keyStrRegExp.test(key)) {
    name = ctx.stylize(key, 'name');
  } else {
    name = ctx.stylize(strEscape(key), 'string');
  }
  return name + ':' + extra + str;
}

function isBelowBreakLength(ctx, output, start, base) {
  var totalLength = output.length + start;
  if (totalLength + output.length > ctx.breakLength) return false;
  for (var i = 0; i < output.length; i++) {
    totalLength += ctx.colors ? removeColors(output[i]).length : output[i].length;
    if (totalLength > ctx.breakLength) return false;
  }
  return base === '' || base.indexOf('\n') === -1;
}

function removeColors(str) {
  return str.replace(/\u001b\[\d\d?m/g, '');
}

function groupArrayElements(ctx, output, value) {
  var totalLength = 0;
  var maxLength = 0;
  var i = 0;
  var outputLength = output.length;
  if (ctx.maxArrayLength < output.length) outputLength--;
  var separatorSpace = 2;
  var dataLen = new Array(outputLength);
  for (; i < outputLength; i++) {
    var len = ctx.colors ? removeColors(output[i]).length : output[i].length;
    dataLen[i] = len;
    totalLength += len + separatorSpace;
    if (maxLength < len) maxLength = len;
  }
  var actualMax = maxLength + separatorSpace;
  if (actualMax * 3 + ctx.indentationLvl < ctx.breakLength &&
      (totalLength / actualMax > 5 || maxLength <= 6)) {
    var approxCharHeights = 2.5;
    var averageBias = Math.sqrt(actualMax - totalLength / output.length);
    var biasedMax = Math.max(actualMax - 3 - averageBias, 1);
    var columns = Math.min(
      Math.round(Math.sqrt(approxCharHeights * biasedMax * outputLength) / biasedMax),
      Math.floor((ctx.breakLength - ctx.indentationLvl) / actualMax),
      ctx.compact * 4,
      15
    );
    if (columns <= 1) return output;
    var tmp = [];
    var maxLineLength = [];
    for (i = 0; i < columns; i++) {
      var lineLength = 0;
      for (var j = i; j < output.length; j += columns) {
        if (dataLen[j] > lineLength) lineLength = dataLen[j];
      }
      maxLineLength.push(lineLength + separatorSpace);
    }
    var order = padStart;
    if (value !== undefined) {
      for (i = 0; i < output.length; i++) {
        if (typeof value[i] !== 'number' && typeof value[i] !== 'bigint') {
          order = padEnd;
          break;
        }
      }
    }
    for (i = 0; i < outputLength; i += columns) {
      var max = Math.min(i + columns, outputLength);
      var str = '';
      var k = i;
      for (; k < max - 1; k++) {
        var padding = maxLineLength[k - i] + output[k].length - dataLen[k];
        str += order(output[k] + ', ', padding);
      }
      if (order === padStart) {
        var padding2 = maxLineLength[k - i] + output[k].length - dataLen[k] - separatorSpace;
        str += padStart(output[k], padding2);
      } else {
        str += output[k];
      }
      tmp.push(str);
    }
    if (ctx.maxArrayLength < output.length) tmp.push(output[outputLength]);
    output = tmp;
  }
  return output;
}

function reduceToSingleString(ctx, output, base, braces, extrasType, recurseTimes, value) {
  var indentation;
  if (ctx.compact !== true) {
    if (typeof ctx.compact === 'number' && ctx.compact >= 1) {
      var entries = output.length;
      if (extrasType === kArrayExtrasType && entries > 6) {
        output = groupArrayElements(ctx, output, value);
      }
      if (ctx.currentDepth - recurseTimes < ctx.compact && entries === output.length) {
        var start = output.length + ctx.indentationLvl + braces[0].length + base.length + 10;
        if (isBelowBreakLength(ctx, output, start, base)) {
          var joinedOutput = output.join(', ');
          if (joinedOutput.indexOf('\n') === -1) {
            return (base ? base + ' ' : '') + braces[0] + ' ' + joinedOutput + ' ' + braces[1];
          }
        }
      }
    }
    indentation = '\n' + repeat(' ', ctx.indentationLvl);
    return (base ? base + ' ' : '') + braces[0] + indentation + '  ' +
      output.join(',' + indentation + '  ') + indentation + braces[1];
  }
  if (isBelowBreakLength(ctx, output, 0, base)) {
    return braces[0] + (base ? ' ' + base : '') + ' ' + output.join(', ') + ' ' + braces[1];
  }
  indentation = repeat(' ', ctx.indentationLvl);
  var ln = base === '' && braces[0].length === 1 ? ' ' :
    (base ? ' ' + base : '') + '\n' + indentation + '  ';
  return braces[0] + ln + output.join(',\n' + indentation + '  ') + ' ' + braces[1];
}

function inspect(value, opts) {
  var ctx = {
    budget: {},
    indentationLvl: 0,
    seen: [],
    currentDepth: 0,
    stylize: stylizeNoColor,
    showHidden: inspectDefaultOptions.showHidden,
    depth: inspectDefaultOptions.depth,
    colors: inspectDefaultOptions.colors,
    customInspect: inspectDefaultOptions.customInspect,
    showProxy: inspectDefaultOptions.showProxy,
    maxArrayLength: inspectDefaultOptions.maxArrayLength,
    maxStringLength: inspectDefaultOptions.maxStringLength,
    breakLength: inspectDefaultOptions.breakLength,
    compact: inspectDefaultOptions.compact,
    sorted: inspectDefaultOptions.sorted,
    getters: inspectDefaultOptions.getters,
    numericSeparator: inspectDefaultOptions.numericSeparator
  };
  if (arguments.length > 1) {
    if (arguments.length > 2) {
      if (arguments[2] !== undefined) ctx.depth = arguments[2];
      if (arguments.length > 3 && arguments[3] !== undefined) ctx.colors = arguments[3];
    }
    if (typeof opts === 'boolean') {
      ctx.showHidden = opts;
    } else if (opts) {
      var optKeys = Object.keys(opts);
      for (var i = 0; i < optKeys.length; ++i) {
        var key = optKeys[i];
        if (hasOwn.call(inspectDefaultOptions, key) || key === 'stylize') {
          ctx[key] = opts[key];
        } else if (ctx.userOptions === undefined) {
          ctx.userOptions = opts;
        }
      }
    }
  }
  if (ctx.colors) ctx.stylize = stylizeWithColor;
  if (ctx.maxArrayLength === null) ctx.maxArrayLength = Infinity;
  if (ctx.maxStringLength === null) ctx.maxStringLength = Infinity;
  return formatValue(ctx, value, 0);
}

inspect.custom = customInspectSymbol;

Object.defineProperty(inspect, 'defaultOptions', {
  get: function () { return inspectDefaultOptions; },
  set: function (options) {
    if (options === null || typeof options !== 'object') {
      throw require('internal/errors').codes.ERR_INVALID_ARG_TYPE('options', 'Object', options);
    }
    for (var k in options) {
      if (hasOwn.call(options, k)) inspectDefaultOptions[k] = options[k];
    }
  }
});

inspect.colors = Object.create(null);
(function () {
  var c = {
    reset: [0, 0], bold: [1, 22], dim: [2, 22], italic: [3, 23], underline: [4, 24],
    blink: [5, 25], inverse: [7, 27], hidden: [8, 28], strikethrough: [9, 29],
    doubleunderline: [21, 24], black: [30, 39], red: [31, 39], green: [32, 39],
    yellow: [33, 39], blue: [34, 39], magenta: [35, 39], cyan: [36, 39], white: [37, 39],
    bgBlack: [40, 49], bgRed: [41, 49], bgGreen: [42, 49], bgYellow: [43, 49],
    bgBlue: [44, 49], bgMagenta: [45, 49], bgCyan: [46, 49], bgWhite: [47, 49],
    framed: [51, 54], overlined: [53, 55], gray: [90, 39], redBright: [91, 39],
    greenBright: [92, 39], yellowBright: [93, 39], blueBright: [94, 39],
    magentaBright: [95, 39], cyanBright: [96, 39], whiteBright: [97, 39],
    bgGray: [100, 49], bgRedBright: [101, 49], bgGreenBright: [102, 49],
    bgYellowBright: [103, 49], bgBlueBright: [104, 49], bgMagentaBright: [105, 49],
    bgCyanBright: [106, 49], bgWhiteBright: [107, 49]
  };
  for (var k in c) inspect.colors[k] = c[k];
})();

inspect.styles = Object.assign(Object.create(null), {
  special: 'cyan',
  number: 'yellow',
  bigint: 'yellow',
  boolean: 'yellow',
  undefined: 'grey',
  null: 'bold',
  string: 'green',
  symbol: 'green',
  date: 'magenta',
  regexp: 'red',
  module: 'underline'
});
/* Aliases are non-enumerable accessors, as in Node. */
(function () {
  var aliases = {
    grey: 'gray', blackBright: 'gray', bgGrey: 'bgGray', bgBlackBright: 'bgGray',
    faint: 'dim', crossedout: 'strikethrough', strikeThrough: 'strikethrough',
    crossedOut: 'strikethrough', conceal: 'hidden', swapColors: 'inverse',
    swapcolors: 'inverse', doubleUnderline: 'doubleunderline'
  };
  Object.keys(aliases).forEach(function (alias) {
    var target = aliases[alias];
    Object.defineProperty(inspect.colors, alias, {
      get: function () { return this[target]; },
      set: function (value) {
        Object.defineProperty(this, alias, {
          value: value, configurable: true, writable: true, enumerable: true
        });
      },
      configurable: true,
      enumerable: false
    });
  });
})();

/* ---- format ---- */

function hasBuiltInToString(value) {
  if (typeof value.toString !== 'function') return true;
  if (hasOwn.call(value, 'toString')) return false;
  var pointer = value;
  do {
    pointer = Object.getPrototypeOf(pointer);
  } while (pointer !== null && !hasOwn.call(pointer, 'toString'));
  if (pointer === null) return true;
  var descriptor = Object.getOwnPropertyDescriptor(pointer, 'constructor');
  return descriptor !== undefined && typeof descriptor.value === 'function' &&
    hasOwn.call(builtInObjects, descriptor.value.name);
}

function tryStringify(arg) {
  try {
    return JSON.stringify(arg);
  } catch (err) {
    if (err && err.name === 'TypeError' && /circular|cyclic/i.test(String(err.message))) {
      return '[Circular]';
    }
    throw err;
  }
}

function assign(a, b) {
  var r = {};
  var k;
  for (k in a) if (hasOwn.call(a, k)) r[k] = a[k];
  for (k in b) if (hasOwn.call(b, k)) r[k] = b[k];
  return r;
}

function formatWithOptionsInternal(inspectOptions, args) {
  var first = args[0];
  var a = 0;
  var str = '';
  var join = '';

  if (typeof first === 'string') {
    if (args.length === 1) return first;
    var tempStr;
    var lastPos = 0;
    for (var i = 0; i < first.length - 1; i++) {
      if (first.charCodeAt(i) === 37) {
        var nextChar = first.charCodeAt(++i);
        if (a + 1 !== args.length) {
          switch (nextChar) {
            case 115: { /* s */
              var tempArg = args[++a];
              if (typeof tempArg === 'number') {
                tempStr = formatNumber(stylizeNoColor, tempArg, false);
              } else if (typeof tempArg === 'bigint') {
                tempStr = formatBigInt(stylizeNoColor, tempArg, false);
              } else if (typeof tempArg !== 'object' || tempArg === null ||
                         !hasBuiltInToString(tempArg)) {
                tempStr = String(tempArg);
              } else {
                tempStr = inspect(tempArg, assign(inspectOptions, { depth: 0, colors: false, compact: 3 }));
              }
              break;
            }
            case 106: /* j */
              tempStr = tryStringify(args[++a]);
              break;
            case 100: { /* d */
              var tempNum = args[++a];
              if (typeof tempNum === 'bigint') tempStr = formatBigInt(stylizeNoColor, tempNum, false);
              else if (typeof tempNum === 'symbol') tempStr = 'NaN';
              else tempStr = formatNumber(stylizeNoColor, Number(tempNum), false);
              break;
            }
            case 79: /* O */
              tempStr = inspect(args[++a], inspectOptions);
              break;
            case 111: /* o */
              tempStr = inspect(args[++a], assign(inspectOptions, { showHidden: true, showProxy: true, depth: 4 }));
              break;
            case 105: { /* i */
              var tempInteger = args[++a];
              if (typeof tempInteger === 'bigint') tempStr = formatBigInt(stylizeNoColor, tempInteger, false);
              else if (typeof tempInteger === 'symbol') tempStr = 'NaN';
              else tempStr = formatNumber(stylizeNoColor, parseInt(tempInteger), false);
              break;
            }
            case 102: { /* f */
              var tempFloat = args[++a];
              if (typeof tempFloat === 'symbol') tempStr = 'NaN';
              else tempStr = formatNumber(stylizeNoColor, parseFloat(tempFloat), false);
              break;
            }
            case 99: /* c */
              a += 1;
              tempStr = '';
              break;
            case 37: /* % */
              str += first.slice(lastPos, i);
              lastPos = i + 1;
              continue;
            default:
              continue;
          }
          if (lastPos !== i - 1) str += first.slice(lastPos, i - 1);
          str += tempStr;
          lastPos = i + 1;
        } else if (nextChar === 37) {
          str += first.slice(lastPos, i);
          lastPos = i + 1;
        }
      }
    }
    if (lastPos !== 0) {
      a++;
      join = ' ';
      if (lastPos < first.length) str += first.slice(lastPos);
    }
  }

  while (a < args.length) {
    var value = args[a];
    str += join;
    str += typeof value !== 'string' ? inspect(value, inspectOptions) : value;
    join = ' ';
    a++;
  }
  return str;
}

function format() {
  return formatWithOptionsInternal(undefined, Array.prototype.slice.call(arguments));
}

function formatWithOptions(inspectOptions) {
  if (inspectOptions === null || typeof inspectOptions !== 'object') {
    throw require('internal/errors').codes.ERR_INVALID_ARG_TYPE(
      'inspectOptions', 'object', inspectOptions);
  }
  return formatWithOptionsInternal(inspectOptions, Array.prototype.slice.call(arguments, 1));
}

function stripVTControlCharacters(str) {
  require('internal/errors').validateString(str, 'str');
  return str.replace(new RegExp('[\\u001B\\u009B][[\\]()#;?]*' +
    '(?:(?:(?:(?:;[-a-zA-Z\\d\\/#&.:=?%@~_]+)*' +
    '|[a-zA-Z\\d]+(?:;[-a-zA-Z\\d\\/#&.:=?%@~_]*)*)?\\u0007)' +
    '|(?:(?:\\d{1,4}(?:;\\d{0,4})*)?[\\dA-PR-TZcf-ntqry=><~]))', 'g'), '');
}

module.exports = {
  inspect: inspect,
  format: format,
  formatWithOptions: formatWithOptions,
  stripVTControlCharacters: stripVTControlCharacters,
  types: {
    isDate: isDate,
    isRegExp: isRegExp,
    isNativeError: isNativeError,
    isMap: isMap,
    isSet: isSet,
    isWeakMap: isWeakMap,
    isWeakSet: isWeakSet,
    isPromise: isPromise,
    isTypedArray: isTypedArray,
    typedArrayName: typedArrayName,
    isArrayBuffer: isArrayBuffer,
    isSharedArrayBuffer: isSharedArrayBuffer,
    isDataView: isDataView,
    isArgumentsObject: isArgumentsObject,
    isNumberObject: isNumberObject,
    isStringObject: isStringObject,
    isBooleanObject: isBooleanObject,
    isSymbolObject: isSymbolObject,
    isBigIntObject: isBigIntObject,
    isBoxedPrimitive: isBoxedPrimitive,
    isAsyncFunction: isAsyncFunction,
    isGeneratorFunction: isGeneratorFunction
  },
  isError: isError,
  objectIs: objectIs
};
