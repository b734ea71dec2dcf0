/*
 * engine.h — the Duktape embedding shared by engine/ and modules/
 * (layer: engine/).
 *
 * One Duktape heap per process, on the loop thread. C holds JS values by
 * numeric id in the stash (lode_js_ref), never by heap pointer. Every call
 * from C into JS that is a callback from the loop goes through
 * lode_js_call: it runs the callback, then drains the nextTick queue and
 * the microtask queue (Node's order), and routes an uncaught error to
 * process 'uncaughtException' or prints it and exits.
 */
#ifndef LODE_ENGINE_ENGINE_H
#define LODE_ENGINE_ENGINE_H

#include "duktape.h"
#include "lode.h"

typedef struct lode_engine_s {
  duk_context* ctx;
  lode_loop_t* loop;
  int argc;
  char** argv;
  int exec_argc;  /* lode's own options (process.execArgv) */
  char** exec_argv;
  int call_depth; /* nested lode_js_call; ticks drain at depth 0 only */
  int in_fatal;
  /* Shared with JS (a Uint8Array owned by the task queue module):
   * [0] nextTick queued, [1] microtask queued, [2] rejection to report. */
  unsigned char* tick_info;
  int run_ticks_ref;       /* the JS function that drains both queues */
  int fatal_exception_ref; /* process._fatalException */
} lode_engine_t;

/* The engine owning ctx. */
lode_engine_t* lode_engine_get(duk_context* ctx);

/* ---- property access from C ----
 *
 * Duktape's functions with the same results, by a short path for
 * ordinary objects and arrays (engine/duk_fastprop.inc.c, built into
 * Duktape's object). The *_lit forms are duk_get_prop_literal /
 * duk_put_prop_literal: lit must be a string literal. */
duk_bool_t lode_duk_get_lit(duk_context* ctx, duk_idx_t obj_idx, const char* lit, duk_size_t len);
duk_bool_t lode_duk_put_lit(duk_context* ctx, duk_idx_t obj_idx, const char* lit, duk_size_t len);
/* ToBoolean(obj[lit]), nothing left on the stack. */
duk_bool_t lode_duk_get_lit_bool(duk_context* ctx, duk_idx_t obj_idx, const char* lit, duk_size_t len);
/* duk_get_prop_index / duk_put_prop_index, array elements in place. */
duk_bool_t lode_duk_get_index(duk_context* ctx, duk_idx_t obj_idx, duk_uarridx_t i);
duk_bool_t lode_duk_put_index(duk_context* ctx, duk_idx_t obj_idx, duk_uarridx_t i);
/* duk_get_prop: the key at the top replaced by obj[key]. */
duk_bool_t lode_duk_get_prop(duk_context* ctx, duk_idx_t obj_idx);
/* duk_push_object with room for entries properties. */
duk_idx_t lode_duk_push_object_sized(duk_context* ctx, duk_uint_t entries);
/* duk_push_array with room for n elements (its length is 0). */
duk_idx_t lode_duk_push_array_sized(duk_context* ctx, duk_uint_t n);
/* Pushes the keys duk_enum(obj, DUK_ENUM_OWN_PROPERTIES_ONLY) gives, in
 * its order, and returns how many; then lode_duk_get_prop_at(obj, key)
 * pushes obj[key] (duk_get_prop, the key left in place). */
duk_idx_t lode_duk_push_own_keys(duk_context* ctx, duk_idx_t obj_idx);
void lode_duk_get_prop_at(duk_context* ctx, duk_idx_t obj_idx, duk_idx_t key_idx);
#define lode_get_lit(ctx, obj_idx, lit) lode_duk_get_lit((ctx), (obj_idx), (lit), sizeof(lit) - 1U)
#define lode_put_lit(ctx, obj_idx, lit) lode_duk_put_lit((ctx), (obj_idx), (lit), sizeof(lit) - 1U)
#define lode_get_lit_bool(ctx, obj_idx, lit) lode_duk_get_lit_bool((ctx), (obj_idx), (lit), sizeof(lit) - 1U)

/* ---- references from C to JS values (stash by id) ---- */

/* Keeps the value at idx alive; returns its id (> 0). */
int lode_js_ref(duk_context* ctx, duk_idx_t idx);
/* Pushes the value for id (undefined for 0 or a released id). */
void lode_js_push_ref(duk_context* ctx, int id);
/* Releases id (0 is ignored). */
void lode_js_unref(duk_context* ctx, int id);

/* ---- calling JS from loop callbacks ---- */

/* Stack: [... func this arg1..argN] → [... result]. Calls func, then
 * drains nextTick and microtasks (at the outermost level). An error is
 * routed as uncaught (and the result is undefined). Returns 0, or -1 when
 * the call threw. */
int lode_js_call(duk_context* ctx, duk_idx_t nargs);

/* Routes the error at idx as uncaught: process._fatalException, else
 * print and exit(1). Returns when a handler took it. */
void lode_js_fatal(duk_context* ctx, duk_idx_t idx);

/* Drains nextTick and microtask queues now (no-op inside a JS call). */
void lode_js_run_ticks(duk_context* ctx);

/* ---- the heap (heap.c) ---- */

/* Duktape's allocator functions: they count the bytes allocated. */
void* lode_js_heap_alloc(void* udata, duk_size_t size);
void* lode_js_heap_realloc(void* udata, void* ptr, duk_size_t size);
void lode_js_heap_free(void* udata, void* ptr);
/* Runs mark-and-sweep once enough bytes were allocated since the last one
 * (cycles are only freed by it). Call where no C frame holds heap
 * pointers: between callbacks. */
void lode_js_maybe_gc(duk_context* ctx);

/* ---- errors with Node's fields ---- */

/* Pushes an Error for lode code err: message "ENOENT: no such file or
 * directory, open 'x'" (syscall and path optional), with code, errno,
 * syscall, path, dest. */
void lode_js_push_error(duk_context* ctx, int err, const char* syscall,
                        const char* path, const char* dest);
/* Pushes that error and throws it. */
duk_ret_t lode_js_throw_error(duk_context* ctx, int err, const char* syscall,
                              const char* path, const char* dest);
/* Throws TypeError with code ERR_INVALID_ARG_TYPE and Node's message. */
duk_ret_t lode_js_throw_type(duk_context* ctx, const char* name,
                             const char* expected, duk_idx_t actual);

/* ---- bytes ---- */

/* Pushes a new Buffer (a Uint8Array with Buffer.prototype once the buffer
 * module registered it) of len bytes; returns its data (uninitialized). */
void* lode_js_push_buffer(duk_context* ctx, size_t len);
/* The bytes of a Buffer, typed array, DataView or ArrayBuffer at idx, or
 * NULL (with *len 0) when it is none of those. */
void* lode_js_get_bytes(duk_context* ctx, duk_idx_t idx, size_t* len);
/* The UTF-8 bytes of the string at idx. Duktape keeps characters above
 * U+FFFF as CESU-8 surrogate pairs: those are joined, and lone
 * surrogates become U+FFFD, as Node encodes. When conversion is needed
 * the value at idx is replaced by a buffer holding the result; the
 * pointer is valid while that value stays on the stack. */
const char* lode_js_utf8(duk_context* ctx, duk_idx_t idx, size_t* len);

/* process.nextTick from C: stack [ ... fn arg1..argN ] -> [ ... ]
 * (modules/util.c). */
void lode_next_tick(duk_context* ctx, int nargs);
/* Runs the nextTick queue to its end in C (errors go to lode_js_fatal);
 * lode_js_run_ticks uses it when no microtask or rejection is pending. */
void lode_run_tick_queue(duk_context* ctx);

/* ---- native bindings (internalBinding(name)) ---- */

typedef void (*lode_binding_init_fn)(duk_context* ctx); /* pushes object */
typedef struct {
  const char* name;
  lode_binding_init_fn init;
} lode_binding_t;

/* Sets properties from a NULL-terminated list of functions on the object
 * at the stack top. */
void lode_js_put_functions(duk_context* ctx, const duk_function_list_entry* fns);

/* The bindings, one C file each in modules/. */
void lode_binding_util(duk_context* ctx);
void lode_binding_timers(duk_context* ctx);
void lode_binding_process(duk_context* ctx);
void lode_binding_fs(duk_context* ctx);
void lode_binding_buffer(duk_context* ctx);
void lode_binding_os(duk_context* ctx);
void lode_binding_stream_wrap(duk_context* ctx);
void lode_binding_udp_wrap(duk_context* ctx);
void lode_binding_dns(duk_context* ctx);
void lode_binding_http_parser(duk_context* ctx);
void lode_binding_crypto(duk_context* ctx);
void lode_binding_tls_wrap(duk_context* ctx);
void lode_binding_process_wrap(duk_context* ctx);
void lode_binding_events(duk_context* ctx);
void lode_binding_fs_event_wrap(duk_context* ctx);

/* ---- the embedded stdlib ---- */

/* Pushes the compiled module function for a stdlib name ("events",
 * "internal/errors"), wrapped as function (exports, require, module,
 * __filename, __dirname). Returns 0, or -1 (nothing pushed) when there
 * is no such module. */
int lode_js_push_native(duk_context* ctx, const char* name);

#endif /* LODE_ENGINE_ENGINE_H */
