/* engine/duk_overrides.h — spliced into build/duktape/duk_config.h at the
 * __OVERRIDE_DEFINES__ marker by the Makefile (Duktape's own source is
 * never edited or vendored). */
#define DUK_USE_FASTINT
#undef DUK_USE_ASSERTIONS
/* JSON.stringify's fast path (plain values, no replacer or toJSON):
 * about 2.4x faster for an IPC message; Duktape falls back to the full
 * algorithm by itself whenever the fast path does not apply. */
#define DUK_USE_JSON_STRINGIFY_FASTPATH
/* An object's property table grows by (used + ADD) / 8 entries: with
 * Duktape's 16, two at a time for small objects, so a request, a response
 * or a socket that gets its fields one by one is reallocated (malloc, copy,
 * free) every second property. 32 grows small objects four at a time:
 * HTTP keep-alive hello 80.6k -> 78.4k instructions per request (callgrind),
 * idle keep-alive connection and `lode -e 0` RSS unchanged within noise
 * (64 saved 0.9k more but cost 80 KB at start-up). */
#undef DUK_USE_HOBJECT_ENTRY_MINGROW_ADD
#define DUK_USE_HOBJECT_ENTRY_MINGROW_ADD 32

/* duk_push_literal / duk_get_prop_literal find a C literal's interned
 * string in a cache slot chosen by (address ^ length) & (size - 1), with
 * no chain: two literals in one slot evict each other, and each miss is a
 * string table lookup (~160 instructions). HTTP keep-alive hello, string
 * table lookups per request after warm-up: 16 with 256 entries; 10 with
 * 1024 (pairs the linker had merged, see -fno-merge-constants in the
 * Makefile); none with 1024 and unmerged literals. 79.4k -> 76.7k
 * instructions per request; the cache is 16 KiB. */
#undef DUK_USE_LITCACHE_SIZE
#define DUK_USE_LITCACHE_SIZE 1024
