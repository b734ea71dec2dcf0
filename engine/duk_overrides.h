/* engine/duk_overrides.h — spliced into build/duktape/duk_config.h at the
 * __OVERRIDE_DEFINES__ marker by the Makefile (Duktape's own source is
 * never edited or vendored). */
#define DUK_USE_FASTINT
#undef DUK_USE_ASSERTIONS
