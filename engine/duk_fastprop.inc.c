/*
 * duk_fastprop.inc.c — property access from lode's C bindings on a short
 * path (declared in engine/engine.h: lode_get_lit, lode_put_lit,
 * lode_get_lit_bool, lode_duk_get_prop, lode_duk_get_index,
 * lode_duk_put_index, lode_duk_push_own_keys, lode_duk_get_prop_at,
 * lode_duk_push_object_sized, lode_duk_push_array_sized).
 *
 * Duktape's duk_get_prop_literal is general: it pushes the key, copies
 * both values, checks for an array index, a Proxy, an arguments object
 * and virtual properties at every level of the prototype chain, fills a
 * property descriptor per level and removes the key from the stack again:
 * about 420 instructions for the fields the HTTP server reads from C
 * (most are prototype defaults, one or two levels up), and writes cost
 * about as much. A keep-alive hello request made ~70 such reads and ~20
 * writes from C, enumerated writeHead's headers object (~5k instructions
 * for two headers) and wrote array elements by index (~290 each).
 *
 * Here the common case takes a short path: the key is a C literal (its
 * interned string comes from Duktape's literal cache, which pins it) or a
 * string on the stack, and every object on the chain is an ordinary object
 * (no array, arguments, string or buffer object, no Proxy). A read then
 * walks the chain with the entry lookup alone and pushes the first data
 * property found, or undefined. A write replaces an own writable data
 * property in place, or adds an own property when no object on the chain
 * has the key as an accessor or read-only, and the object is extensible,
 * as [[Put]] does. Array elements are read and written in place under the
 * conditions of Duktape's own array fast path. Anything else (an accessor
 * found, an exotic object, an index key) goes the general way, so the
 * results are Duktape's in every case (test/loop/test-engine-props.c
 * compares them).
 *
 * It uses Duktape's internal structures, so it is not a translation unit
 * of its own: the Makefile appends it to the build copy of Debian's
 * duktape.c. It follows Duktape 2.7's internals; with another version the
 * public functions are used instead.
 */

/* lode_duk_push_own_keys the general way (Duktape's enumerator). */
DUK_LOCAL duk_idx_t lode__push_own_keys_general(duk_context *ctx, duk_idx_t obj_idx) {
	duk_idx_t count = 0;
	duk_enum(ctx, obj_idx, DUK_ENUM_OWN_PROPERTIES_ONLY);
	while (duk_next(ctx, -1, 0)) { /* [ keys... enum key ] -> [ keys... key enum ] */
		duk_insert(ctx, -2);
		duk_require_stack(ctx, 2);
		count++;
	}
	duk_pop(ctx);
	return count;
}

#if DUK_VERSION == 20700L

/* Three steps of Duktape's, inlined here (each is an out-of-line call
 * there, and a read makes one to three of them). */

/* duk_get_tval: the value at idx, or NULL. */
DUK_LOCAL DUK_ALWAYS_INLINE duk_tval *lode__tval(duk_hthread *thr, duk_idx_t idx) {
	duk_uidx_t n = (duk_uidx_t) (thr->valstack_top - thr->valstack_bottom);
	duk_uidx_t u = idx < 0 ? (duk_uidx_t) idx + n : (duk_uidx_t) idx;
	return u < n ? thr->valstack_bottom + u : NULL;
}

/* duk_heap_strtable_intern_literal_checked's literal cache hit. */
DUK_LOCAL DUK_ALWAYS_INLINE duk_hstring *lode__lit(duk_hthread *thr, const char *lit, duk_size_t len) {
	duk_litcache_entry *ent =
	    thr->heap->litcache + (((duk_uintptr_t) len ^ (duk_uintptr_t) lit) & (DUK_USE_LITCACHE_SIZE - 1));
	if (DUK_LIKELY(ent->addr == (const duk_uint8_t *) lit)) return ent->h;
	return duk_heap_strtable_intern_literal_checked(thr, (const duk_uint8_t *) lit, (duk_uint32_t) len);
}

/* duk_hobject_find_entry: the entry index of key in h, or -1. */
DUK_LOCAL DUK_ALWAYS_INLINE duk_int_t lode__find(duk_heap *heap, duk_hobject *h, duk_hstring *key) {
	duk_hstring **keys = DUK_HOBJECT_E_GET_KEY_BASE(heap, h);
#if defined(DUK_USE_HOBJECT_HASH_PART)
	duk_uint32_t hsize = DUK_HOBJECT_GET_HSIZE(h);
	if (hsize != 0) {
		duk_uint32_t *hb = DUK_HOBJECT_H_GET_BASE(heap, h);
		duk_uint32_t mask = hsize - 1, i = DUK_HSTRING_GET_HASH(key) & mask;
		for (;;) {
			duk_uint32_t t = hb[i];
			if (t == DUK_HOBJECT_HASHIDX_UNUSED) return -1;
			if (t != DUK_HOBJECT_HASHIDX_DELETED && keys[t] == key) return (duk_int_t) t;
			i = (i + 1) & mask; /* the same probing as Duktape's */
		}
	}
#endif
	{
		duk_uint32_t i, n = DUK_HOBJECT_GET_ENEXT(h);
		for (i = 0; i < n; i++) {
			if (keys[i] == key) return (duk_int_t) i;
		}
		return -1;
	}
}

/* The object at obj_idx when it is an ordinary one (no array, arguments,
 * string or buffer object, no Proxy), else NULL. */
DUK_LOCAL DUK_ALWAYS_INLINE duk_hobject *lode__fast_obj(duk_hthread *thr, duk_idx_t obj_idx) {
	duk_tval *tv = lode__tval(thr, obj_idx);
	duk_hobject *h;
	if (tv == NULL || !DUK_TVAL_IS_OBJECT(tv)) return NULL;
	h = DUK_TVAL_GET_OBJECT(tv);
	return DUK_HOBJECT_HAS_EXOTIC_BEHAVIOR(h) ? NULL : h;
}

/* key on h's prototype chain: 1 with the data property's value in *out,
 * 0 when no object on the chain has it, -1 when Duktape must decide (an
 * index key, an exotic object on the chain, an accessor, a chain too
 * long). */
DUK_LOCAL DUK_ALWAYS_INLINE int lode__chain_get(duk_hthread *thr, duk_hobject *h, duk_hstring *key, duk_tval **out) {
	duk_uint_t sanity = DUK_HOBJECT_PROTOTYPE_CHAIN_SANITY;
	if (DUK_HSTRING_HAS_ARRIDX(key)) return -1;
	do {
		duk_int_t e_idx;
		if (DUK_HOBJECT_HAS_EXOTIC_BEHAVIOR(h)) return -1;
		e_idx = lode__find(thr->heap, h, key);
		if (e_idx >= 0) {
			if (DUK_HOBJECT_E_SLOT_IS_ACCESSOR(thr->heap, h, e_idx)) return -1;
			*out = DUK_HOBJECT_E_GET_VALUE_TVAL_PTR(thr->heap, h, e_idx);
			return 1;
		}
		h = DUK_HOBJECT_GET_PROTOTYPE(thr->heap, h);
	} while (h != NULL && --sanity > 0);
	return h == NULL ? 0 : -1;
}

DUK_EXTERNAL duk_bool_t lode_duk_get_lit(duk_context *ctx, duk_idx_t obj_idx, const char *lit, duk_size_t len) {
	duk_hthread *thr = (duk_hthread *) ctx;
	duk_hobject *h = lode__fast_obj(thr, obj_idx);
	duk_tval *tv;
	int r;

	if (h == NULL || (r = lode__chain_get(thr, h, lode__lit(thr, lit, len), &tv)) < 0)
		return duk_get_prop_literal_raw(ctx, obj_idx, lit, len);
	if (r) duk_push_tval(thr, tv);
	else duk_push_undefined(thr);
	return (duk_bool_t) r;
}

/* ToBoolean(obj[lit]), nothing left on the stack. */
DUK_EXTERNAL duk_bool_t lode_duk_get_lit_bool(duk_context *ctx, duk_idx_t obj_idx, const char *lit, duk_size_t len) {
	duk_hthread *thr = (duk_hthread *) ctx;
	duk_hobject *h = lode__fast_obj(thr, obj_idx);
	duk_tval *tv;
	duk_bool_t b;
	int r;

	if (h == NULL || (r = lode__chain_get(thr, h, lode__lit(thr, lit, len), &tv)) < 0) {
		duk_get_prop_literal_raw(ctx, obj_idx, lit, len);
		b = duk_to_boolean(ctx, -1);
		duk_pop(ctx);
		return b;
	}
	return r ? duk_js_toboolean(tv) : 0; /* not found: undefined */
}

DUK_EXTERNAL duk_bool_t lode_duk_put_lit(duk_context *ctx, duk_idx_t obj_idx, const char *lit, duk_size_t len) {
	duk_hthread *thr = (duk_hthread *) ctx;
	duk_hobject *obj = lode__fast_obj(thr, obj_idx);
	duk_hobject *h;
	duk_hstring *key;
	duk_int_t e_idx;
	duk_uint_t sanity = DUK_HOBJECT_PROTOTYPE_CHAIN_SANITY;
	duk_tval *tv;

	if (duk_get_top(ctx) < 1) goto general;
	if (obj == NULL) {
		/* An array's length set to a number (a queue emptied): Duktape's
		 * own handler of that write, without the lookups before it. */
		tv = lode__tval(thr, obj_idx);
		if (tv != NULL && DUK_TVAL_IS_OBJECT(tv) && DUK_HOBJECT_HAS_EXOTIC_ARRAY(DUK_TVAL_GET_OBJECT(tv)) &&
		    lode__lit(thr, lit, len) == DUK_HTHREAD_STRING_LENGTH(thr) && DUK_TVAL_IS_NUMBER(thr->valstack_top - 1) &&
		    DUK_HARRAY_LENGTH_WRITABLE((duk_harray *) DUK_TVAL_GET_OBJECT(tv)) &&
		    duk__handle_put_array_length(thr, DUK_TVAL_GET_OBJECT(tv))) {
			duk_pop(ctx);
			return 1;
		}
		goto general;
	}
	key = lode__lit(thr, lit, len);
	if (DUK_HSTRING_HAS_ARRIDX(key)) goto general;
	e_idx = lode__find(thr->heap, obj, key);
	if (e_idx >= 0) {
		duk_small_uint_t f = DUK_HOBJECT_E_GET_FLAGS(thr->heap, obj, e_idx);
		if ((f & DUK_PROPDESC_FLAG_ACCESSOR) || !(f & DUK_PROPDESC_FLAG_WRITABLE)) goto general;
		tv = DUK_HOBJECT_E_GET_VALUE_TVAL_PTR(thr->heap, obj, e_idx);
		DUK_TVAL_SET_TVAL_UPDREF(thr, tv, thr->valstack_top - 1); /* side effects */
		duk_pop(ctx);
		return 1;
	}
	/* Not own: an inherited setter or read-only property decides. */
	for (h = DUK_HOBJECT_GET_PROTOTYPE(thr->heap, obj); h != NULL; h = DUK_HOBJECT_GET_PROTOTYPE(thr->heap, h)) {
		if (DUK_HOBJECT_HAS_EXOTIC_BEHAVIOR(h) || --sanity == 0) goto general;
		e_idx = lode__find(thr->heap, h, key);
		if (e_idx >= 0) {
			duk_small_uint_t f = DUK_HOBJECT_E_GET_FLAGS(thr->heap, h, e_idx);
			if ((f & DUK_PROPDESC_FLAG_ACCESSOR) || !(f & DUK_PROPDESC_FLAG_WRITABLE)) goto general;
			break;
		}
	}
	if (!DUK_HOBJECT_HAS_EXTENSIBLE(obj)) goto general;
	/* Growing the table may run a mark-and-sweep, which unpins literal
	 * strings: the key stays reachable on the stack meanwhile. */
	duk_push_hstring(thr, key);
	e_idx = duk__hobject_alloc_entry_checked(thr, obj, key);
	DUK_HOBJECT_E_SET_FLAGS(thr->heap, obj, e_idx, DUK_PROPDESC_FLAGS_WEC);
	tv = DUK_HOBJECT_E_GET_VALUE_TVAL_PTR(thr->heap, obj, e_idx);
	DUK_TVAL_SET_TVAL(tv, thr->valstack_top - 2);
	DUK_TVAL_INCREF(thr, tv);
	duk_pop_2(ctx);
	return 1;

general:
	return duk_put_prop_literal_raw(ctx, obj_idx, lit, len);
}

/* Pushes the keys duk_enum(obj, DUK_ENUM_OWN_PROPERTIES_ONLY) would give,
 * in its order, and returns their number. An ordinary object whose keys
 * include no array index (which Duktape sorts) is read directly: no
 * enumerator object, and no property lookups per key. */
DUK_EXTERNAL duk_idx_t lode_duk_push_own_keys(duk_context *ctx, duk_idx_t obj_idx) {
	duk_hthread *thr = (duk_hthread *) ctx;
	duk_hobject *h = lode__fast_obj(thr, obj_idx);
	duk_uint_fast32_t i, n;
	duk_idx_t count = 0;

	if (h == NULL || (DUK_HOBJECT_HAS_ARRAY_PART(h) && DUK_HOBJECT_GET_ASIZE(h) > 0)) goto general;
	n = DUK_HOBJECT_GET_ENEXT(h);
	for (i = 0; i < n; i++) {
		duk_hstring *k = DUK_HOBJECT_E_GET_KEY(thr->heap, h, i);
		if (k == NULL || DUK_HSTRING_HAS_SYMBOL(k)) continue;
		if (DUK_HSTRING_HAS_ARRIDX(k)) goto general;
		if (DUK_HOBJECT_E_GET_FLAGS(thr->heap, h, i) & DUK_PROPDESC_FLAG_ENUMERABLE) count++;
	}
	duk_require_stack(ctx, count);
	for (i = 0; i < n; i++) {
		duk_hstring *k = DUK_HOBJECT_E_GET_KEY(thr->heap, h, i);
		if (k == NULL || DUK_HSTRING_HAS_SYMBOL(k)) continue;
		if (DUK_HOBJECT_E_GET_FLAGS(thr->heap, h, i) & DUK_PROPDESC_FLAG_ENUMERABLE) duk_push_hstring(thr, k);
	}
	return count;

general:
	return lode__push_own_keys_general(ctx, obj_idx);
}

/* duk_get_prop: the key at the top is replaced by obj[key]. */
DUK_EXTERNAL duk_bool_t lode_duk_get_prop(duk_context *ctx, duk_idx_t obj_idx) {
	duk_hthread *thr = (duk_hthread *) ctx;
	duk_hobject *h = lode__fast_obj(thr, obj_idx);
	duk_tval *tk = thr->valstack_top - 1;
	duk_tval *tv;
	int r;

	if (h == NULL || tk < thr->valstack_bottom || !DUK_TVAL_IS_STRING(tk) ||
	    (r = lode__chain_get(thr, h, DUK_TVAL_GET_STRING(tk), &tv)) < 0)
		return duk_get_prop(ctx, obj_idx);
	/* the key (a string: no finalizer) gives way to the value */
	if (r) DUK_TVAL_SET_TVAL_UPDREF(thr, tk, tv);
	else DUK_TVAL_SET_UNDEFINED_UPDREF(thr, tk);
	return (duk_bool_t) r;
}

/* Pushes obj[key] for the key at key_idx, as duk_get_prop does. */
DUK_EXTERNAL void lode_duk_get_prop_at(duk_context *ctx, duk_idx_t obj_idx, duk_idx_t key_idx) {
	obj_idx = duk_require_normalize_index(ctx, obj_idx);
	duk_dup(ctx, key_idx);
	lode_duk_get_prop(ctx, obj_idx);
}

/* duk_get_prop_index / duk_put_prop_index: an element in the array part
 * is read or written in place, under the conditions of Duktape's own
 * array fast path (an array's part, not an arguments object's; a write
 * within the part, to an extensible array whose length it may extend
 * when writable), without the index pushed and coerced as a key. */
DUK_EXTERNAL duk_bool_t lode_duk_get_index(duk_context *ctx, duk_idx_t obj_idx, duk_uarridx_t i) {
	duk_hthread *thr = (duk_hthread *) ctx;
	duk_tval *tv = lode__tval(thr, obj_idx);
	duk_hobject *h;

	if (tv == NULL || !DUK_TVAL_IS_OBJECT(tv)) goto general;
	h = DUK_TVAL_GET_OBJECT(tv);
	if (DUK_HOBJECT_HAS_ARRAY_PART(h) && DUK_HOBJECT_HAS_EXOTIC_ARRAY(h) && i < DUK_HOBJECT_GET_ASIZE(h)) {
		tv = DUK_HOBJECT_A_GET_VALUE_PTR(thr->heap, h, i);
		if (!DUK_TVAL_IS_UNUSED(tv)) {
			duk_push_tval(thr, tv);
			return 1;
		}
	}

general:
	return duk_get_prop_index(ctx, obj_idx, i);
}

DUK_EXTERNAL duk_bool_t lode_duk_put_index(duk_context *ctx, duk_idx_t obj_idx, duk_uarridx_t i) {
	duk_hthread *thr = (duk_hthread *) ctx;
	duk_tval *tv = lode__tval(thr, obj_idx);
	duk_hobject *h;
	duk_harray *a;

	if (tv == NULL || !DUK_TVAL_IS_OBJECT(tv) || duk_get_top(ctx) < 1) goto general;
	h = DUK_TVAL_GET_OBJECT(tv);
	if (!(DUK_HOBJECT_HAS_EXOTIC_ARRAY(h) && DUK_HOBJECT_HAS_ARRAY_PART(h) && DUK_HOBJECT_HAS_EXTENSIBLE(h)) ||
	    i >= DUK_HOBJECT_GET_ASIZE(h))
		goto general;
	a = (duk_harray *) h;
	if (i >= a->length) {
		if (DUK_HARRAY_LENGTH_NONWRITABLE(a)) goto general;
		a->length = i + 1;
	}
	tv = DUK_HOBJECT_A_GET_VALUE_PTR(thr->heap, h, i);
	DUK_TVAL_SET_TVAL_UPDREF(thr, tv, thr->valstack_top - 1); /* side effects */
	duk_pop(ctx);
	return 1;

general:
	return duk_put_prop_index(ctx, obj_idx, i);
}

/* duk_push_object with room for entries properties: an object whose
 * fields C adds one by one is allocated once instead of growing. */
DUK_EXTERNAL duk_idx_t lode_duk_push_object_sized(duk_context *ctx, duk_uint_t entries) {
	duk_hthread *thr = (duk_hthread *) ctx;
	duk_idx_t idx = duk_push_object(ctx);
	duk_hobject_resize_entrypart(thr, duk_known_hobject(thr, idx), (duk_uint32_t) entries);
	return idx;
}

/* duk_push_array with an array part for n elements (length 0): elements
 * written in order by lode_duk_put_index go in place. */
DUK_EXTERNAL duk_idx_t lode_duk_push_array_sized(duk_context *ctx, duk_uint_t n) {
	duk_hthread *thr = (duk_hthread *) ctx;
	duk_harray *a = duk_push_harray(thr);
	duk_hobject_realloc_props(thr, (duk_hobject *) a, 0, (duk_uint32_t) n, 0, 0);
	return duk_get_top_index(ctx);
}

#else /* another Duktape: its public functions */

DUK_EXTERNAL duk_bool_t lode_duk_get_lit(duk_context *ctx, duk_idx_t obj_idx, const char *lit, duk_size_t len) {
	return duk_get_prop_literal_raw(ctx, obj_idx, lit, len);
}

DUK_EXTERNAL duk_bool_t lode_duk_put_lit(duk_context *ctx, duk_idx_t obj_idx, const char *lit, duk_size_t len) {
	return duk_put_prop_literal_raw(ctx, obj_idx, lit, len);
}

DUK_EXTERNAL duk_bool_t lode_duk_get_lit_bool(duk_context *ctx, duk_idx_t obj_idx, const char *lit, duk_size_t len) {
	duk_bool_t r;
	duk_get_prop_literal_raw(ctx, obj_idx, lit, len);
	r = duk_to_boolean(ctx, -1);
	duk_pop(ctx);
	return r;
}

DUK_EXTERNAL duk_idx_t lode_duk_push_own_keys(duk_context *ctx, duk_idx_t obj_idx) {
	return lode__push_own_keys_general(ctx, obj_idx);
}

DUK_EXTERNAL duk_bool_t lode_duk_get_index(duk_context *ctx, duk_idx_t obj_idx, duk_uarridx_t i) {
	return duk_get_prop_index(ctx, obj_idx, i);
}

DUK_EXTERNAL duk_idx_t lode_duk_push_object_sized(duk_context *ctx, duk_uint_t entries) {
	(void) entries;
	return duk_push_object(ctx);
}

DUK_EXTERNAL duk_idx_t lode_duk_push_array_sized(duk_context *ctx, duk_uint_t n) {
	(void) n;
	return duk_push_array(ctx);
}

DUK_EXTERNAL duk_bool_t lode_duk_put_index(duk_context *ctx, duk_idx_t obj_idx, duk_uarridx_t i) {
	return duk_put_prop_index(ctx, obj_idx, i);
}

DUK_EXTERNAL duk_bool_t lode_duk_get_prop(duk_context *ctx, duk_idx_t obj_idx) {
	return duk_get_prop(ctx, obj_idx);
}

DUK_EXTERNAL void lode_duk_get_prop_at(duk_context *ctx, duk_idx_t obj_idx, duk_idx_t key_idx) {
	obj_idx = duk_require_normalize_index(ctx, obj_idx);
	duk_dup(ctx, key_idx);
	duk_get_prop(ctx, obj_idx);
}

#endif
