/* engine/duk_prof.h — spliced into duk_config.h after duk_overrides.h for
 * `make prof` only (build/prof): Duktape's interrupt counter on, and its
 * execution-timeout hook pointed at the JS sampling profiler
 * (perf/tools/jsprof.inc.c), which never reports a timeout. */
#define DUK_USE_INTERRUPT_COUNTER
int lode_jsprof_check(void* udata);
#define DUK_USE_EXEC_TIMEOUT_CHECK(udata) lode_jsprof_check((udata))
/* Starts sampling when LODE_PROF names an output file (engine/main.c). */
struct duk_hthread;
void lode_jsprof_start(struct duk_hthread* ctx);
