/*
 * duk_fastprop.inc.c — property reads and writes by C literal for lode's
 * bindings (lode_get_lit / lode_put_lit in engine/engine.h).
 *
 * Duktape's duk_get_prop_literal is general: it pushes the key, copies
 * both values, checks for an array index, a Proxy, an arguments object
 * and virtual properties at every level of the prototype chain, fills a
 * property descriptor per level and removes the key from the stack again:
 * about 420 instructions for the fields the HTTP server reads from C
 * (most are prototype defaults, one or two levels up), and writes cost
 * about as much. A keep-alive hello request made ~70 such reads and ~20
 * writes from C.
 *
 * Here the common case takes a short path: the key is a C literal (its
 * interned string comes from Duktape's literal cache, which pins it), and
 * every object on the chain is an ordinary object (no array, arguments,
 * string or buffer object, no Proxy). A read then walks the chain with
 * the entry lookup alone and pushes the first data property found, or
 * undefined. A write replaces an own writable data property in place, or
 * adds an own property when no object on the chain has the key as an
 * accessor or read-only, and the object is extensible, as [[Put]] does.
 * Anything else (an accessor found, an exotic object, an index key) goes
 * the general way, so the results are Duktape's in every case.
 *
 * It uses Duktape's internal structures, so it is not a translation unit
 * of its own: the Makefile appends it to the build copy of Debian's
 * duktape.c. It follows Duktape 2.7's internals; with another version the
 * public functions are used instead.
 */

#if DUK_VERSION == 20700L

/* The interned key of a C literal, or NULL when an index key or a
 * non-ordinary object sends the access the general way. */
DUK_LOCAL duk_hobject *lode__fast_obj(duk_hthread *thr, duk_idx_t obj_idx) {
	duk_tval *tv = duk_get_tval(thr, obj_idx);
	duk_hobject *h;
	if (tv == NULL || !DUK_TVAL_IS_OBJECT(tv)) return NULL;
	h = DUK_TVAL_GET_OBJECT(tv);
	return DUK_HOBJECT_HAS_EXOTIC_BEHAVIOR(h) ? NULL : h;
}

DUK_EXTERNAL duk_bool_t lode_duk_get_lit(duk_context *ctx, duk_idx_t obj_idx, const char *lit, duk_size_t len) {
	duk_hthread *thr = (duk_hthread *) ctx;
	duk_hobject *h = lode__fast_obj(thr, obj_idx);
	duk_hstring *key;
	duk_uint_t sanity = DUK_HOBJECT_PROTOTYPE_CHAIN_SANITY;

	if (h == NULL) goto general;
	key = duk_heap_strtable_intern_literal_checked(thr, (const duk_uint8_t *) lit, (duk_uint32_t) len);
	if (DUK_HSTRING_HAS_ARRIDX(key)) goto general;
	do {
		duk_int_t e_idx, h_idx;
		if (DUK_HOBJECT_HAS_EXOTIC_BEHAVIOR(h)) goto general;
		if (duk_hobject_find_entry(thr->heap, h, key, &e_idx, &h_idx)) {
			if (DUK_HOBJECT_E_SLOT_IS_ACCESSOR(thr->heap, h, e_idx)) goto general;
			duk_push_tval(thr, DUK_HOBJECT_E_GET_VALUE_TVAL_PTR(thr->heap, h, e_idx));
			return 1;
		}
		h = DUK_HOBJECT_GET_PROTOTYPE(thr->heap, h);
	} while (h != NULL && --sanity > 0);
	if (h != NULL) goto general; /* a chain too long: Duktape's error */
	duk_push_undefined(thr);
	return 0;

general:
	return duk_get_prop_literal_raw(ctx, obj_idx, lit, len);
}

DUK_EXTERNAL duk_bool_t lode_duk_put_lit(duk_context *ctx, duk_idx_t obj_idx, const char *lit, duk_size_t len) {
	duk_hthread *thr = (duk_hthread *) ctx;
	duk_hobject *obj = lode__fast_obj(thr, obj_idx);
	duk_hobject *h;
	duk_hstring *key;
	duk_int_t e_idx, h_idx;
	duk_uint_t sanity = DUK_HOBJECT_PROTOTYPE_CHAIN_SANITY;
	duk_tval *tv;

	if (obj == NULL || duk_get_top(ctx) < 1) goto general;
	key = duk_heap_strtable_intern_literal_checked(thr, (const duk_uint8_t *) lit, (duk_uint32_t) len);
	if (DUK_HSTRING_HAS_ARRIDX(key)) goto general;
	if (duk_hobject_find_entry(thr->heap, obj, key, &e_idx, &h_idx)) {
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
		if (duk_hobject_find_entry(thr->heap, h, key, &e_idx, &h_idx)) {
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

#else /* another Duktape: its public functions */

DUK_EXTERNAL duk_bool_t lode_duk_get_lit(duk_context *ctx, duk_idx_t obj_idx, const char *lit, duk_size_t len) {
	return duk_get_prop_literal_raw(ctx, obj_idx, lit, len);
}

DUK_EXTERNAL duk_bool_t lode_duk_put_lit(duk_context *ctx, duk_idx_t obj_idx, const char *lit, duk_size_t len) {
	return duk_put_prop_literal_raw(ctx, obj_idx, lit, len);
}

#endif
