/*
 * stdlib/internal/polyfills_fallback.js — the ES2015 methods that Duktape
 * 2.7 already has natively (String includes, repeat, startsWith, endsWith,
 * codePointAt; Number isInteger, isSafeInteger, isFinite, isNaN; Math
 * trunc, sign, log2, log10, hypot, clz32, imul), in ES5 (stdlib layer).
 * install() (internal/polyfills) loads this module only when one of them
 * is missing: never in lode, on a fake global in the node-side tests.
 */
'use strict';

var base = typeof internalBinding === 'function' ? require('internal/polyfills_shared') :
    require('./polyfills_shared.js');
var isRegExp = base.isRegExp;
var toIntegerOrInfinity = base.toIntegerOrInfinity;
var requireCoercibleString = base.requireCoercibleString;

function stringIncludes(search) {
	var s = requireCoercibleString(this, 'String.prototype.includes');
	if (isRegExp(search))
		throw new TypeError('First argument to String.prototype.includes must not be a regular expression');
	return s.indexOf(String(search), toIntegerOrInfinity(arguments[1])) !== -1;
}

function stringRepeat(count) {
	var s = requireCoercibleString(this, 'String.prototype.repeat');
	var n = toIntegerOrInfinity(count);
	var out = '';
	if (n < 0 || n === Infinity)
		throw new RangeError('Invalid count value: ' + String(count));
	while (n > 0) {
		if (n & 1)
			out += s;
		n = Math.floor(n / 2);
		if (n > 0)
			s += s;
	}
	return out;
}

function stringStartsWith(search) {
	var s = requireCoercibleString(this, 'String.prototype.startsWith');
	var start, str;
	if (isRegExp(search))
		throw new TypeError('First argument to String.prototype.startsWith must not be a regular expression');
	str = String(search);
	start = Math.min(Math.max(toIntegerOrInfinity(arguments[1]), 0), s.length);
	return s.substr(start, str.length) === str;
}

function stringEndsWith(search) {
	var s = requireCoercibleString(this, 'String.prototype.endsWith');
	var end, str, start;
	if (isRegExp(search))
		throw new TypeError('First argument to String.prototype.endsWith must not be a regular expression');
	str = String(search);
	end = arguments[1] === undefined ? s.length : Math.min(Math.max(toIntegerOrInfinity(arguments[1]), 0), s.length);
	start = end - str.length;
	return start >= 0 && s.slice(start, end) === str;
}

function stringCodePointAt(pos) {
	var s = requireCoercibleString(this, 'String.prototype.codePointAt');
	var i = toIntegerOrInfinity(pos);
	var hi, lo;
	if (i < 0 || i >= s.length)
		return undefined;
	hi = s.charCodeAt(i);
	if (hi < 0xd800 || hi > 0xdbff || i + 1 === s.length)
		return hi;
	lo = s.charCodeAt(i + 1);
	if (lo < 0xdc00 || lo > 0xdfff)
		return hi;
	return (hi - 0xd800) * 0x400 + (lo - 0xdc00) + 0x10000;
}

function numberIsFinite(x) {
	return typeof x === 'number' && x === x && x !== Infinity && x !== -Infinity;
}

function numberIsNaN(x) {
	return typeof x === 'number' && x !== x;
}

function numberIsInteger(x) {
	return numberIsFinite(x) && Math.floor(x) === x;
}

function numberIsSafeInteger(x) {
	return numberIsInteger(x) && Math.abs(x) <= 9007199254740991;
}

function mathTrunc(x) {
	var n = +x;
	if (n !== n || n === Infinity || n === -Infinity || n === 0)
		return n;
	return n < 0 ? -Math.floor(-n) : Math.floor(n);
}

function mathSign(x) {
	var n = +x;
	if (n !== n || n === 0)
		return n;
	return n > 0 ? 1 : -1;
}

/* log(x) / log(b) is off by an ulp for exact powers; snap those. */
function logBase(x, invLnBase, base) {
	var n = +x;
	var r, k;
	if (n !== n || n < 0)
		return NaN;
	if (n === 0)
		return -Infinity;
	if (n === Infinity)
		return Infinity;
	r = Math.log(n) * invLnBase;
	k = Math.round(r);
	if (Math.abs(r - k) < 1e-9 && Math.pow(base, k) === n)
		return k;
	return r;
}

function mathLog2(x) {
	return logBase(x, Math.LOG2E, 2);
}

function mathLog10(x) {
	return logBase(x, Math.LOG10E, 10);
}

/* a and b only give the function length 2, like the native; the
 * arguments object is what is read. */
function mathHypot(a, b) {
	var values = [];
	var max = 0;
	var sawNaN = false;
	var i, n, sum, comp, term, t;

	for (i = 0; i < arguments.length; i++) {
		n = Math.abs(+arguments[i]);
		values.push(n);
		if (n === Infinity)
			max = Infinity;
		else if (n !== n)
			sawNaN = true;
		else if (n > max)
			max = n;
	}
	if (max === Infinity)
		return Infinity;
	if (sawNaN)
		return NaN;
	if (max === 0)
		return 0;
	/* scaled by max against overflow, Kahan-compensated sum */
	sum = 0;
	comp = 0;
	for (i = 0; i < values.length; i++) {
		n = values[i] / max;
		term = n * n - comp;
		t = sum + term;
		comp = (t - sum) - term;
		sum = t;
	}
	return Math.sqrt(sum) * max;
}

function mathClz32(x) {
	var n = x >>> 0;
	var count = 0;
	if (n === 0)
		return 32;
	if ((n & 0xffff0000) === 0) { count += 16; n = n << 16; }
	if ((n & 0xff000000) === 0) { count += 8; n = n << 8; }
	if ((n & 0xf0000000) === 0) { count += 4; n = n << 4; }
	if ((n & 0xc0000000) === 0) { count += 2; n = n << 2; }
	if ((n & 0x80000000) === 0) { count += 1; }
	return count;
}

function mathImul(a, b) {
	var ah = (a >>> 16) & 0xffff;
	var al = a & 0xffff;
	var bh = (b >>> 16) & 0xffff;
	var bl = b & 0xffff;
	/* the high half only matters mod 2^16, so no precision is lost */
	return (al * bl + (((ah * bl + al * bh) & 0xffff) << 16)) | 0;
}

module.exports = {
	stringIncludes: stringIncludes,
	stringRepeat: stringRepeat,
	stringStartsWith: stringStartsWith,
	stringEndsWith: stringEndsWith,
	stringCodePointAt: stringCodePointAt,
	numberIsFinite: numberIsFinite,
	numberIsNaN: numberIsNaN,
	numberIsInteger: numberIsInteger,
	numberIsSafeInteger: numberIsSafeInteger,
	mathTrunc: mathTrunc,
	mathSign: mathSign,
	mathLog2: mathLog2,
	mathLog10: mathLog10,
	mathHypot: mathHypot,
	mathClz32: mathClz32,
	mathImul: mathImul
};
