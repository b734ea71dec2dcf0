/*
 * test/js/polyfills/map-set.js — lode's Map and Set against node's native
 * ones: every scenario runs on both and must log the same lines.
 */
'use strict';

var common = require('./support/common.js');
var show = common.show;
var attempt = common.attempt;
var PM = common.polyfills.Map;
var PS = common.polyfills.Set;

var scenarios = {};

function iterAll(it) {
	var out = [];
	var step;
	for (;;) {
		step = it.next();
		if (step.done)
			break;
		out.push(step.value);
	}
	return out;
}

scenarios.basics = function (Map, Set, log) {
	var m = new Map();
	var o = {};
	var f = function () {};
	log(show(m.set('a', 1) === m), m.size);
	m.set(1, 'one').set('1', 'string one').set(true, 't').set(null, 'n').set(undefined, 'u');
	m.set(o, 'obj').set(f, 'fn');
	log(m.size, m.get(1), m.get('1'), m.get(true), m.get('true'), m.get(null), m.get(undefined), m.get(o), m.get(f));
	log(m.has({}), m.get({}), m.has(o), m.has('u'), m.has(undefined));
	m.set('a', 2);
	log(show(iterAll(m.keys())), show(iterAll(m.values())));
	log(m['delete']('a'), m['delete']('a'), m.size, m.has('a'));
	m.set('a', 3);
	log(show(iterAll(m.entries())));
	m.clear();
	log(m.size, show(iterAll(m.keys())), m.get(o));
	var s = new Set();
	log(s.add(1) === s, s.add(1).size, s.add('1').size, s.has(1), s.has('1'), s.has(2));
	s.add(o).add(o).add(f);
	log(s.size, show(iterAll(s.values())), show(iterAll(s.entries())), show(iterAll(s.keys())));
	log(s['delete'](o), s['delete'](o), s.size);
	log(Set.prototype.keys === Set.prototype.values, Map.prototype[Symbol.iterator] === Map.prototype.entries,
	    Set.prototype[Symbol.iterator] === Set.prototype.values);
};

scenarios.sameValueZero = function (Map, Set, log) {
	var m = new Map();
	m.set(NaN, 'nan');
	log(m.get(NaN), m.has(0 / 0), m.size);
	m.set(-0, 'zero');
	log(m.get(0), m.get(-0), show(iterAll(m.keys())));
	m.set(0, 'zero2');
	log(m.size, show(iterAll(m.entries())));
	var s = new Set([NaN, NaN, 0, -0, '0', 0.1 + 0.2, 0.3, 1e21, '1e+21', 1e-7, Infinity, -Infinity, 'Infinity']);
	log(s.size, show(iterAll(s.values())));
	log(s.has(-0), s.has(NaN), s.has(0.30000000000000004));
};

scenarios.symbolsAndFrozen = function (Map, Set, log) {
	var m = new Map();
	var a = Symbol('a');
	var b = Symbol('a');
	var frozen = Object.freeze({ f: 1 });
	var sealed = Object.seal({ s: 1 });
	var nonExt = Object.preventExtensions({ n: 1 });
	m.set(a, 1).set(b, 2).set(frozen, 3).set(sealed, 4).set(nonExt, 5);
	log(m.size, m.get(a), m.get(b), m.get(frozen), m.get(sealed), m.get(nonExt), m.get(Object.freeze({ f: 1 })));
	log(m['delete'](b), m.get(b), m.get(a), m['delete'](frozen), m.has(frozen), m.size);
	m.set(frozen, 6);
	log(show(iterAll(m.values())));
	/* an object keyed while extensible, then frozen */
	var later = {};
	m.set(later, 'x');
	Object.freeze(later);
	log(m.get(later), m.has(later), m['delete'](later), m.has(later));
	m.set(later, 'y');
	log(m.get(later));
	/* an object whose prototype is a key is not itself a key */
	var proto = {};
	m.set(proto, 'p');
	var child = Object.create(proto);
	log(m.has(child), m.get(child));
	m.set(child, 'c');
	log(m.get(proto), m.get(child));
	var s = new Set([frozen, a, frozen, a]);
	log(s.size, s.has(frozen), s.has(a));
	/* keys gain no visible properties */
	var k = { v: 1 };
	new Map([[k, 1]]);
	new Set([k]);
	log(show(Object.keys(k)), JSON.stringify(k), show(Object.getOwnPropertyNames(k)));
	var keys = [];
	for (var key in k)
		keys.push(key);
	log(show(keys));
};

scenarios.forEachMutation = function (Map, Set, log) {
	var m = new Map([[1, 'a'], [2, 'b'], [3, 'c'], [4, 'd']]);
	var seen = [];
	m.forEach(function (v, k, self) {
		seen.push(k);
		if (k === 1) {
			self['delete'](2);   /* not yet visited: skipped */
			self.set(5, 'e');    /* appended: visited */
		}
		if (k === 3) {
			self['delete'](3);   /* the current one */
			self['delete'](1);   /* already visited */
			self.set(1, 'again'); /* re-added: visited again */
		}
		if (k === 5)
			self.set(2, 'back');
	});
	log(show(seen), show(iterAll(m.entries())));

	var s = new Set([1, 2, 3]);
	seen = [];
	s.forEach(function (v, k, self) {
		seen.push([v, k, self === s]);
		if (v === 1)
			self.clear();
		if (seen.length < 4)
			self.add(v + 10);
	});
	log(show(seen), show(iterAll(s.values())));

	var thisSeen = [];
	new Map([[1, 1]]).forEach(function () { thisSeen.push(this); }, 'ctx');
	new Set([1]).forEach(function () { thisSeen.push(this === undefined); });
	log(show(thisSeen.map(String)));
	log(attempt(function () { new Map().forEach(null); }), attempt(function () { new Set().forEach({}); }));
};

scenarios.iteratorMutation = function (Map, Set, log) {
	var m = new Map([['a', 1], ['b', 2], ['c', 3]]);
	var it = m.keys();
	log(show(it.next()));
	m['delete']('a');
	m['delete']('b');
	log(show(it.next()));
	m.set('d', 4);
	log(show(it.next()), show(it.next()));
	m.set('e', 5);
	log(show(it.next()), 'after done stays done');

	var it2 = m.entries();
	m.clear();
	m.set('x', 1);
	log(show(it2.next()), show(it2.next()));

	var it3 = m.values();
	log(show(it3.next()));
	m.clear();
	m.set('y', 2);
	log(show(it3.next()), show(it3.next()));

	var s = new Set([1, 2, 3, 4]);
	var it4 = s.values();
	log(show(it4.next()), show(it4.next()));
	s['delete'](2);
	s['delete'](1);
	s['delete'](3);
	s.add(2);
	log(show(iterAll(it4)));

	var it5 = s[Symbol.iterator]();
	log(it5[Symbol.iterator]() === it5, Object.prototype.toString.call(it5), Object.prototype.toString.call(m.keys()));
	log(typeof Object.getPrototypeOf(Object.getPrototypeOf(it5))[Symbol.iterator]);
	log(attempt(function () { it5.next.call({}); }), attempt(function () { m.keys().next.call(s.values()); }));
};

scenarios.constructors = function (Map, Set, log) {
	log(attempt(function () { return Map(); }), attempt(function () { return Set(); }));
	log(attempt(function () { return new Map([1]); }), attempt(function () { return new Map(5); }));
	log(attempt(function () { return new Map({}); }), attempt(function () { return new Set(7); }));
	var m = new Map([['a', 1], ['b', 2], ['a', 3]]);
	log(m.size, show(iterAll(m.entries())));
	var m2 = new Map(m);
	m2.set('c', 4);
	log(m.size, m2.size, show(iterAll(m2.keys())));
	log(new Map(null).size, new Map(undefined).size, new Set(null).size);
	log(new Set('hello').size, show(iterAll(new Set('hello').values())));
	log(show(iterAll(new Set('a\ud83d\ude00b').values())));
	log(new Set(m.keys()).size, new Map(new Set([[1, 2]]).values()).get(1));
	/* a user iterable, closed when the map constructor throws */
	var closed = 0;
	var src = {};
	src[Symbol.iterator] = function () {
		var i = 0;
		return {
			next: function () { i++; return i > 3 ? { done: true } : { value: i === 2 ? 'bad' : [i, i], done: false }; },
			'return': function () { closed++; return {}; }
		};
	};
	log(attempt(function () { return new Map(src); }), closed);
	log(Map.length, Set.length, Map.name, Set.name);
	log(Object.prototype.toString.call(new Map()), Object.prototype.toString.call(new Set()));
	log(String(new Map()), String(new Set()));
	log(show(Object.keys(new Map([[1, 2]]))), JSON.stringify(new Map([[1, 2]])), JSON.stringify(new Set([1])));
	log(attempt(function () { return Map.prototype.get.call({}, 1); }),
	    attempt(function () { return Map.prototype.get.call(new Set(), 1); }),
	    attempt(function () { return Set.prototype.has.call(new Map(), 1); }),
	    attempt(function () { return Object.getOwnPropertyDescriptor(Map.prototype, 'size').get.call(new Set()); }));
	var names = ['get', 'set', 'has', 'delete', 'clear', 'forEach', 'keys', 'values', 'entries'];
	var info = [];
	names.forEach(function (n) {
		var d = Object.getOwnPropertyDescriptor(Map.prototype, n);
		info.push(n + ':' + d.value.length + ':' + d.enumerable + d.writable + d.configurable);
	});
	['add', 'has', 'delete', 'clear', 'forEach', 'values', 'entries'].forEach(function (n) {
		var d = Object.getOwnPropertyDescriptor(Set.prototype, n);
		info.push('Set.' + n + ':' + d.value.length + ':' + d.enumerable + d.writable + d.configurable);
	});
	log(info.join(' '));
	log(Map[Symbol.species] === Map, Set[Symbol.species] === Set);
};

scenarios.subclassEs5 = function (Map, Set, log) {
	/* the ES5 way, as stdlib code might do it: Reflect.construct for native */
	function Counter() {
		var self = Reflect.construct(Map, [], Counter);
		return self;
	}
	Counter.prototype = Object.create(Map.prototype);
	Counter.prototype.constructor = Counter;
	Counter.prototype.bump = function (k) { this.set(k, (this.get(k) || 0) + 1); return this; };
	var c = new Counter();
	c.bump('a').bump('a').bump('b');
	log(c instanceof Map, c.size, c.get('a'), show(iterAll(c.keys())));
};

/* A deterministic random sequence of operations, checked after each step. */
scenarios.fuzz = function (Map, Set, log) {
	var seed = 12345;
	function rand(n) {
		seed = (seed * 1103515245 + 12345) & 0x7fffffff;
		return seed % n;
	}
	var objs = [{}, {}, [], function () {}, Object.freeze({}), Symbol('s')];
	function key() {
		switch (rand(6)) {
		case 0: return rand(20);
		case 1: return String(rand(20));
		case 2: return objs[rand(objs.length)];
		case 3: return [NaN, -0, 0, null, undefined, true, false][rand(7)];
		case 4: return rand(20) / 4;
		default: return 'k' + rand(10);
		}
	}
	var m = new Map();
	var s = new Set();
	var it = m.entries();
	var trace = [];
	for (var i = 0; i < 3000; i++) {
		var k = key();
		var op = rand(10);
		var r;
		if (op < 4) {
			m.set(k, i);
			s.add(k);
			r = 'set';
		} else if (op < 7) {
			r = String(m['delete'](k)) + String(s['delete'](k));
		} else if (op < 9) {
			r = String(m.get(k)) + String(s.has(k));
		} else if (rand(10) === 0) {
			m.clear();
			r = 'clear';
		} else {
			r = show(it.next());
			if (rand(4) === 0)
				it = m.entries();
		}
		trace.push(r + ':' + m.size + ':' + s.size);
		if (i % 500 === 499)
			trace.push(show(iterAll(m.entries())) + show(iterAll(s.values())));
	}
	log(trace.join('\n'));
};

var keys = Object.keys(scenarios);
keys.forEach(function (name) {
	var want = [];
	var got = [];
	function logger(out) {
		return function () {
			out.push(Array.prototype.map.call(arguments, function (a) { return typeof a === 'string' ? a : show(a); }).join(' '));
		};
	}
	try {
		scenarios[name](Map, Set, logger(want));
	} catch (e) {
		want.push('scenario threw ' + e);
	}
	try {
		scenarios[name](PM, PS, logger(got));
	} catch (e) {
		got.push('scenario threw ' + e.stack);
	}
	common.compareLogs(name, got, want);
});

common.done();
