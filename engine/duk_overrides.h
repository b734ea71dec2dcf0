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
