/*
 * stdlib/internal/collections.js — Map, Set, WeakMap and WeakSet in ES5;
 * Map and Set keep entries in a doubly linked list (insertion order, live
 * iteration) indexed by a hash object for O(1) average lookups
 * (stdlib layer). Loaded on first use of the globals it defines: the
 * bootstrap's install() makes them getters (see internal/polyfills).
 */
'use strict';

var base = typeof internalBinding === 'function' ? require('internal/polyfills_shared') :
    require('./polyfills_shared.js');
var hasOwn = base.hasOwn;
var defineProperty = base.defineProperty;
var HAS_SYMBOL = base.HAS_SYMBOL;
var SYM_ITERATOR = base.SYM_ITERATOR;
var hiddenKey = base.hiddenKey;
var defineHidden = base.defineHidden;
var defineMethod = base.defineMethod;
var defineTag = base.defineTag;
var defineSpecies = base.defineSpecies;
var isObject = base.isObject;
var isCallable = base.isCallable;
var describe = base.describe;
var incompatible = base.incompatible;
var iterate = base.iterate;
var IteratorPrototype = base.IteratorPrototype;
var iterResult = base.iterResult;
var COLLECTION = base.COLLECTION;
var WEAK = base.WEAK;

/* ----------------------------------------------------------------------
 * Map and Set share one store: a doubly linked list of entries in insertion
 * order, indexed by `index` (hash string -> entry) or, for keys that cannot
 * carry an id (symbols, non-extensible objects without one), by a linear
 * `list`. Deleted entries keep their prev/next links and get removed=true,
 * so an iterator parked on one walks back to the nearest live entry and
 * continues from its successor: deletion and insertion during iteration
 * behave as the spec says, with no compaction pass.
 */

var OBJECT_ID = hiddenKey('id');
var nextObjectId = 1;

function Store(kind) {
	this.kind = kind;
	this.first = null;
	this.last = null;
	this.size = 0;
	this.index = Object.create(null);
	this.list = [];
}

/* Hash of a key: a type-tagged string; null when the key goes to the
 * linear list; undefined when `create` is false and the key (an object
 * with no id yet) cannot be present. */
function hashKey(key, create) {
	var id;

	switch (typeof key) {
	case 'string':
		return 's' + key;
	case 'number':
		return key !== key ? 'NaN' : 'n' + key; /* String(-0) === '0' */
	case 'boolean':
		return key ? 't' : 'f';
	case 'undefined':
		return 'u';
	case 'bigint':
		return 'i' + String(key);
	case 'object':
		if (key === null)
			return 'l';
		/* fall through */
	case 'function':
		if (hasOwn.call(key, OBJECT_ID))
			return 'o' + key[OBJECT_ID];
		if (!Object.isExtensible(key))
			return null;
		if (!create)
			return undefined;
		id = nextObjectId++;
		/* XXX: a Proxy key sees this define through its traps. */
		defineProperty(key, OBJECT_ID, { value: id, writable: false, enumerable: false, configurable: false });
		return 'o' + id;
	default:
		return null; /* symbol */
	}
}

function findEntry(store, key) {
	var h = hashKey(key, false);
	var list, i;

	if (h === undefined)
		return undefined;
	if (h !== null)
		return store.index[h];
	list = store.list;
	for (i = 0; i < list.length; i++) {
		if (list[i].key === key)
			return list[i];
	}
	return undefined;
}

function addEntry(store, key, value) {
	var h = hashKey(key, true);
	var e;

	if (h !== null) {
		e = store.index[h];
		if (e !== undefined) {
			e.value = value;
			return;
		}
	} else {
		e = findEntry(store, key);
		if (e !== undefined) {
			e.value = value;
			return;
		}
	}
	if (key === 0)
		key = 0; /* -0 becomes +0 */
	e = { key: key, value: value, prev: store.last, next: null, removed: false, hash: h };
	if (store.last === null)
		store.first = e;
	else
		store.last.next = e;
	store.last = e;
	store.size++;
	if (h !== null)
		store.index[h] = e;
	else
		store.list.push(e);
}

function removeEntry(store, key) {
	var e = findEntry(store, key);
	var i;

	if (e === undefined)
		return false;
	e.removed = true;
	if (e.prev !== null)
		e.prev.next = e.next;
	else
		store.first = e.next;
	if (e.next !== null)
		e.next.prev = e.prev;
	else
		store.last = e.prev;
	/* e keeps prev and next for iterators parked on it */
	store.size--;
	if (e.hash !== null) {
		delete store.index[e.hash];
	} else {
		for (i = 0; i < store.list.length; i++) {
			if (store.list[i] === e) {
				store.list.splice(i, 1);
				break;
			}
		}
	}
	e.value = undefined;
	return true;
}

function clearStore(store) {
	var e = store.first;
	while (e !== null) {
		e.removed = true;
		e.value = undefined;
		e.prev = null; /* parked iterators restart from store.first */
		e = e.next;
	}
	store.first = null;
	store.last = null;
	store.size = 0;
	store.index = Object.create(null);
	store.list = [];
}

/* The live entry after `e` (e may have been removed since it was visited);
 * e === null means "before the first entry". */
function nextLive(store, e) {
	while (e !== null && e.removed)
		e = e.prev;
	return e === null ? store.first : e.next;
}

function getStore(obj, kind, method) {
	var store;
	if (isObject(obj) && hasOwn.call(obj, COLLECTION)) {
		store = obj[COLLECTION];
		if (store.kind === kind)
			return store;
	}
	throw incompatible(method, obj);
}

function storeForEach(store, self, callback, thisArg, isSet) {
	var e = store.first;
	while (e !== null) {
		if (isSet)
			callback.call(thisArg, e.key, e.key, self);
		else
			callback.call(thisArg, e.value, e.key, self);
		e = nextLive(store, e);
	}
}

var COLLECTION_ITER = hiddenKey('iterator');

function makeIteratorProto(tag, kind) {
	var proto = Object.create(IteratorPrototype);
	defineMethod(proto, 'next', function next() {
		var st = isObject(this) && hasOwn.call(this, COLLECTION_ITER) ? this[COLLECTION_ITER] : null;
		var e;

		if (st === null || st.kind !== kind)
			throw incompatible(tag + '.prototype.next', this);
		if (st.store === null)
			return iterResult(undefined, true);
		e = st.entry === null ? st.store.first : nextLive(st.store, st.entry);
		if (e === null) {
			st.store = null;
			st.entry = null;
			return iterResult(undefined, true);
		}
		st.entry = e;
		if (st.what === 'keys')
			return iterResult(e.key, false);
		if (st.what === 'values')
			return iterResult(kind === 'Set' ? e.key : e.value, false);
		return iterResult([e.key, kind === 'Set' ? e.key : e.value], false);
	});
	defineTag(proto, tag);
	return proto;
}

var MapIteratorPrototype = makeIteratorProto('Map Iterator', 'Map');
var SetIteratorPrototype = makeIteratorProto('Set Iterator', 'Set');

function createCollectionIterator(store, what) {
	var it = Object.create(store.kind === 'Map' ? MapIteratorPrototype : SetIteratorPrototype);
	defineHidden(it, COLLECTION_ITER, { kind: store.kind, store: store, entry: null, what: what });
	return it;
}

function M() {
	var iterable = arguments[0];
	var self = this;
	var adder;

	if (!(self instanceof M) || hasOwn.call(self, COLLECTION))
		throw new TypeError("Constructor Map requires 'new'");
	defineHidden(self, COLLECTION, new Store('Map'));
	if (iterable === undefined || iterable === null)
		return;
	adder = self.set;
	if (!isCallable(adder))
		throw new TypeError("'" + String(adder) + "' returned for property 'set' of object '#<Map>' is not a function");
	iterate(iterable, function (entry) {
		if (!isObject(entry))
			throw new TypeError('Iterator value ' + (typeof entry === 'symbol' ? String(entry) : describe(entry)) + ' is not an entry object');
		adder.call(self, entry[0], entry[1]);
	});
}

defineMethod(M.prototype, 'get', function get(key) {
	var e = findEntry(getStore(this, 'Map', 'Map.prototype.get'), key);
	return e === undefined ? undefined : e.value;
});
defineMethod(M.prototype, 'set', function set(key, value) {
	addEntry(getStore(this, 'Map', 'Map.prototype.set'), key, value);
	return this;
});
defineMethod(M.prototype, 'has', function has(key) {
	return findEntry(getStore(this, 'Map', 'Map.prototype.has'), key) !== undefined;
});
defineMethod(M.prototype, 'delete', function (key) {
	return removeEntry(getStore(this, 'Map', 'Map.prototype.delete'), key);
});
defineMethod(M.prototype, 'clear', function clear() {
	clearStore(getStore(this, 'Map', 'Map.prototype.clear'));
});
defineMethod(M.prototype, 'forEach', function forEach(callback) {
	var store = getStore(this, 'Map', 'Map.prototype.forEach');
	if (!isCallable(callback))
		throw new TypeError(describe(callback) + ' is not a function');
	storeForEach(store, this, callback, arguments[1], false);
});
defineProperty(M.prototype, 'size', {
	get: function size() { return getStore(this, 'Map', 'get Map.prototype.size').size; },
	enumerable: false,
	configurable: true
});
defineMethod(M.prototype, 'keys', function keys() {
	return createCollectionIterator(getStore(this, 'Map', 'Map.prototype.keys'), 'keys');
});
defineMethod(M.prototype, 'values', function values() {
	return createCollectionIterator(getStore(this, 'Map', 'Map.prototype.values'), 'values');
});
defineMethod(M.prototype, 'entries', function entries() {
	return createCollectionIterator(getStore(this, 'Map', 'Map.prototype.entries'), 'entries');
});
if (HAS_SYMBOL)
	defineMethod(M.prototype, SYM_ITERATOR, M.prototype.entries);
defineTag(M.prototype, 'Map');
defineSpecies(M);
defineProperty(M, 'name', { value: 'Map', configurable: true });
defineProperty(M.prototype['delete'], 'name', { value: 'delete', configurable: true });

function S() {
	var iterable = arguments[0];
	var self = this;
	var adder;

	if (!(self instanceof S) || hasOwn.call(self, COLLECTION))
		throw new TypeError("Constructor Set requires 'new'");
	defineHidden(self, COLLECTION, new Store('Set'));
	if (iterable === undefined || iterable === null)
		return;
	adder = self.add;
	if (!isCallable(adder))
		throw new TypeError("'" + String(adder) + "' returned for property 'add' of object '#<Set>' is not a function");
	iterate(iterable, function (value) {
		adder.call(self, value);
	});
}

defineMethod(S.prototype, 'has', function has(value) {
	return findEntry(getStore(this, 'Set', 'Set.prototype.has'), value) !== undefined;
});
defineMethod(S.prototype, 'add', function add(value) {
	var store = getStore(this, 'Set', 'Set.prototype.add');
	if (findEntry(store, value) === undefined)
		addEntry(store, value, undefined);
	return this;
});
defineMethod(S.prototype, 'delete', function (value) {
	return removeEntry(getStore(this, 'Set', 'Set.prototype.delete'), value);
});
defineProperty(S.prototype['delete'], 'name', { value: 'delete', configurable: true });
defineMethod(S.prototype, 'clear', function clear() {
	clearStore(getStore(this, 'Set', 'Set.prototype.clear'));
});
defineMethod(S.prototype, 'forEach', function forEach(callback) {
	var store = getStore(this, 'Set', 'Set.prototype.forEach');
	if (!isCallable(callback))
		throw new TypeError(describe(callback) + ' is not a function');
	storeForEach(store, this, callback, arguments[1], true);
});
defineProperty(S.prototype, 'size', {
	get: function size() { return getStore(this, 'Set', 'get Set.prototype.size').size; },
	enumerable: false,
	configurable: true
});
defineMethod(S.prototype, 'values', function values() {
	return createCollectionIterator(getStore(this, 'Set', 'Set.prototype.values'), 'values');
});
defineMethod(S.prototype, 'keys', S.prototype.values);
defineMethod(S.prototype, 'entries', function entries() {
	return createCollectionIterator(getStore(this, 'Set', 'Set.prototype.entries'), 'entries');
});
if (HAS_SYMBOL)
	defineMethod(S.prototype, SYM_ITERATOR, S.prototype.values);
defineTag(S.prototype, 'Set');
defineSpecies(S);
defineProperty(S, 'name', { value: 'Set', configurable: true });

/* ----------------------------------------------------------------------
 * WeakMap and WeakSet.
 *
 * XXX: ES5 cannot hold a key weakly. Each key object carries one hidden
 * table (WeakMap id -> value), so a value lives exactly as long as its key
 * (the usual WeakMap case: key dropped, value collectable), but a dropped
 * WeakMap leaves its values reachable from keys still alive. Keys that were
 * already non-extensible when first used are held strongly in a per-map
 * list (linear search). Symbols as keys (ES2023) are rejected.
 */

var WEAK_TABLE = hiddenKey('weaktable');
var nextWeakId = 1;

function WeakStore(kind) {
	this.kind = kind;
	this.id = 'w' + nextWeakId++;
	this.keys = [];   /* non-extensible keys */
	this.values = [];
}

function getWeakStore(obj, kind, method) {
	var store;
	if (isObject(obj) && hasOwn.call(obj, WEAK)) {
		store = obj[WEAK];
		if (store.kind === kind)
			return store;
	}
	throw incompatible(method, obj);
}

/* The key's table, or null; creates it when `create` and possible. */
function weakTable(key, create) {
	var table;
	if (hasOwn.call(key, WEAK_TABLE))
		return key[WEAK_TABLE];
	if (!create || !Object.isExtensible(key))
		return null;
	table = Object.create(null);
	defineProperty(key, WEAK_TABLE, { value: table, writable: false, enumerable: false, configurable: false });
	return table;
}

function weakIndex(store, key) {
	var i;
	for (i = 0; i < store.keys.length; i++) {
		if (store.keys[i] === key)
			return i;
	}
	return -1;
}

function weakHas(store, key) {
	var table;
	if (!isObject(key))
		return false;
	table = weakTable(key, false);
	if (table !== null)
		return store.id in table;
	return weakIndex(store, key) >= 0;
}

function weakGet(store, key) {
	var table, i;
	if (!isObject(key))
		return undefined;
	table = weakTable(key, false);
	if (table !== null)
		return table[store.id];
	i = weakIndex(store, key);
	return i < 0 ? undefined : store.values[i];
}

function weakSet(store, key, value, what) {
	var table, i;
	if (!isObject(key))
		throw new TypeError('Invalid value used ' + what);
	table = weakTable(key, true);
	if (table !== null) {
		table[store.id] = value;
		return;
	}
	i = weakIndex(store, key);
	if (i < 0) {
		store.keys.push(key);
		store.values.push(value);
	} else {
		store.values[i] = value;
	}
}

function weakDelete(store, key) {
	var table, i;
	if (!isObject(key))
		return false;
	table = weakTable(key, false);
	if (table !== null) {
		if (!(store.id in table))
			return false;
		delete table[store.id];
		return true;
	}
	i = weakIndex(store, key);
	if (i < 0)
		return false;
	store.keys.splice(i, 1);
	store.values.splice(i, 1);
	return true;
}

function WM() {
	var iterable = arguments[0];
	var self = this;
	var adder;

	if (!(self instanceof WM) || hasOwn.call(self, WEAK))
		throw new TypeError("Constructor WeakMap requires 'new'");
	defineHidden(self, WEAK, new WeakStore('WeakMap'));
	if (iterable === undefined || iterable === null)
		return;
	adder = self.set;
	if (!isCallable(adder))
		throw new TypeError("'" + String(adder) + "' returned for property 'set' of object '#<WeakMap>' is not a function");
	iterate(iterable, function (entry) {
		if (!isObject(entry))
			throw new TypeError('Iterator value ' + describe(entry) + ' is not an entry object');
		adder.call(self, entry[0], entry[1]);
	});
}

defineMethod(WM.prototype, 'get', function get(key) {
	return weakGet(getWeakStore(this, 'WeakMap', 'WeakMap.prototype.get'), key);
});
defineMethod(WM.prototype, 'set', function set(key, value) {
	weakSet(getWeakStore(this, 'WeakMap', 'WeakMap.prototype.set'), key, value, 'as weak map key');
	return this;
});
defineMethod(WM.prototype, 'has', function has(key) {
	return weakHas(getWeakStore(this, 'WeakMap', 'WeakMap.prototype.has'), key);
});
defineMethod(WM.prototype, 'delete', function (key) {
	return weakDelete(getWeakStore(this, 'WeakMap', 'WeakMap.prototype.delete'), key);
});
defineProperty(WM.prototype['delete'], 'name', { value: 'delete', configurable: true });
defineTag(WM.prototype, 'WeakMap');
defineProperty(WM, 'name', { value: 'WeakMap', configurable: true });

function WS() {
	var iterable = arguments[0];
	var self = this;
	var adder;

	if (!(self instanceof WS) || hasOwn.call(self, WEAK))
		throw new TypeError("Constructor WeakSet requires 'new'");
	defineHidden(self, WEAK, new WeakStore('WeakSet'));
	if (iterable === undefined || iterable === null)
		return;
	adder = self.add;
	if (!isCallable(adder))
		throw new TypeError("'" + String(adder) + "' returned for property 'add' of object '#<WeakSet>' is not a function");
	iterate(iterable, function (value) {
		adder.call(self, value);
	});
}

defineMethod(WS.prototype, 'add', function add(value) {
	weakSet(getWeakStore(this, 'WeakSet', 'WeakSet.prototype.add'), value, true, 'in weak set');
	return this;
});
defineMethod(WS.prototype, 'has', function has(value) {
	return weakHas(getWeakStore(this, 'WeakSet', 'WeakSet.prototype.has'), value);
});
defineMethod(WS.prototype, 'delete', function (value) {
	return weakDelete(getWeakStore(this, 'WeakSet', 'WeakSet.prototype.delete'), value);
});
defineProperty(WS.prototype['delete'], 'name', { value: 'delete', configurable: true });
defineTag(WS.prototype, 'WeakSet');
defineProperty(WS, 'name', { value: 'WeakSet', configurable: true });

module.exports = {
	Map: M,
	Set: S,
	WeakMap: WM,
	WeakSet: WS
};
