/*
 * util.c — internalBinding('util'): what the JS bootstrap needs from the
 * engine itself (layer: modules/).
 *
 *   setHooks(runTicks, fatalException, tickInfo)  C→JS entry points and
 *                          the Uint8Array the task queues flag work in
 *   compileFunction(source, filename, params)     a function compiled with
 *                          the module wrapper's parameters (line numbers
 *                          of the source are kept)
 *   compileNative(name) / nativeNames()           the embedded stdlib
 *   runInThisContext(source, filename)            global eval (-e, -p)
 *   writeSync(fd, string|buffer)                  synchronous stdio writes
 *   getErrorName(code) / getErrorMessage(code)    lode error names
 *   setBufferPrototype(proto)                     for Buffers made in C
 *   nextTick(cb, ...args) / setTickQueue(array)   process.nextTick in C
 */
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>

#include "engine.h"
#include "natives.h"

static duk_ret_t util_set_hooks(duk_context* ctx) {
  lode_engine_t* eng = lode_engine_get(ctx);
  duk_size_t size = 0;
  void* p;

  duk_require_function(ctx, 0);
  duk_require_function(ctx, 1);
  p = duk_require_buffer_data(ctx, 2, &size);
  if (size < 3) return duk_error(ctx, DUK_ERR_RANGE_ERROR, "tickInfo too small");
  lode_js_unref(ctx, eng->run_ticks_ref);
  lode_js_unref(ctx, eng->fatal_exception_ref);
  eng->run_ticks_ref = lode_js_ref(ctx, 0);
  eng->fatal_exception_ref = lode_js_ref(ctx, 1);
  /* The buffer stays alive: keep a reference to it too. */
  lode_js_ref(ctx, 2);
  eng->tick_info = p;
  return 0;
}

static duk_ret_t util_compile_function(duk_context* ctx) {
  const char* src = duk_require_string(ctx, 0);
  const char* filename = duk_require_string(ctx, 1);
  const char* params = duk_get_string_default(
      ctx, 2, "exports, require, module, __filename, __dirname");

  /* A shebang line stays a line (so line numbers match) but not code. */
  if (src[0] == '#' && src[1] == '!') {
    duk_push_string(ctx, "//");
    duk_push_string(ctx, src + 2);
    duk_concat(ctx, 2);
    src = duk_get_string(ctx, -1);
  }
  duk_push_sprintf(ctx, "function (%s) {", params);
  duk_push_string(ctx, src);
  duk_push_string(ctx, "\n}");
  duk_concat(ctx, 3);
  duk_push_string(ctx, filename);
  duk_compile(ctx, DUK_COMPILE_FUNCTION); /* throws SyntaxError as is */
  return 1;
}

static duk_ret_t util_compile_native(duk_context* ctx) {
  if (lode_js_push_native(ctx, duk_require_string(ctx, 0)) != 0) return 0;
  return 1;
}

static duk_ret_t util_native_names(duk_context* ctx) {
  const lode_native_t* n;
  duk_uarridx_t i = 0;
  duk_push_array(ctx);
  for (n = lode_natives; n->name != NULL; n++) {
    duk_push_string(ctx, n->name);
    lode_duk_put_index(ctx, -2, i++);
  }
  return 1;
}

static duk_ret_t util_run_in_this_context(duk_context* ctx) {
  duk_require_string(ctx, 0);
  duk_require_string(ctx, 1);
  duk_dup(ctx, 0);
  duk_dup(ctx, 1);
  duk_compile(ctx, DUK_COMPILE_EVAL);
  duk_call(ctx, 0);
  return 1;
}

/* Writes everything, waiting with poll() when the fd is non-blocking
 * (a shared pipe may have been made non-blocking by another process). */
static int write_all(int fd, const char* p, size_t len) {
  while (len > 0) {
    ssize_t r = write(fd, p, len);
    if (r >= 0) {
      p += r;
      len -= (size_t) r;
      continue;
    }
    if (errno == EINTR) continue;
    if (errno == EAGAIN) {
      struct pollfd pfd;
      pfd.fd = fd;
      pfd.events = POLLOUT;
      poll(&pfd, 1, -1);
      continue;
    }
    return -errno;
  }
  return 0;
}

static duk_ret_t util_write_sync(duk_context* ctx) {
  int fd = duk_require_int(ctx, 0);
  const char* p;
  duk_size_t len;
  int err;

  if (duk_is_string(ctx, 1)) {
    size_t n;
    p = lode_js_utf8(ctx, 1, &n); /* CESU-8 pairs → real UTF-8 */
    len = n;
  } else {
    p = duk_require_buffer_data(ctx, 1, &len);
  }
  err = write_all(fd, p, len);
  /* EPIPE on stdout: the reader went away (e.g. `| head`); Node ignores
   * it for console output too, so report it to the caller to decide. */
  if (err != 0) return lode_js_throw_error(ctx, err, "write", NULL, NULL);
  duk_push_number(ctx, (double) len);
  return 1;
}

static duk_ret_t util_get_error_name(duk_context* ctx) {
  duk_push_string(ctx, lode_err_name(duk_require_int(ctx, 0)));
  return 1;
}

static duk_ret_t util_get_error_message(duk_context* ctx) {
  duk_push_string(ctx, lode_strerror(duk_require_int(ctx, 0)));
  return 1;
}

/* process.nextTick in C: a JS function touching `arguments` costs Duktape
 * about 2 us a call, and nextTick is on every stream's hot path. Appends
 * {callback, args} to the queue array registered with setTickQueue (the
 * JS drains it) and flags tickInfo[0]. */
#define TICK_QUEUE_KEY DUK_HIDDEN_SYMBOL("lodeTickQueue")
/* The queue array, borrowed: the stash entry keeps it alive (it is never
 * replaced), and every nextTick and every drain pushes it. */
static void* tick_queue_ptr;

/* Appends the function at fn_idx, the argument count and the nargs values
 * after it to the flat tick queue (no object per tick; see runTickQueue
 * in stdlib/internal/task_queues.js). Nothing while the process exits. */
static int exiting;

/* setExiting(): the process is exiting; nextTick queues nothing more. */
static duk_ret_t util_set_exiting(duk_context* ctx) {
  exiting = 1;
  return 0;
}

static void queue_tick(duk_context* ctx, duk_idx_t fn_idx, int nargs) {
  lode_engine_t* eng = lode_engine_get(ctx);
  duk_uarridx_t at;
  int i;
  fn_idx = duk_normalize_index(ctx, fn_idx);
  if (exiting || tick_queue_ptr == NULL) return; /* exiting: setExiting() */
  duk_push_heapptr(ctx, tick_queue_ptr); /* [ ... queue ] */
  at = (duk_uarridx_t) duk_get_length(ctx, -1);
  duk_dup(ctx, fn_idx);
  lode_duk_put_index(ctx, -2, at);
  duk_push_int(ctx, nargs);
  lode_duk_put_index(ctx, -2, at + 1);
  for (i = 1; i <= nargs; i++) {
    duk_dup(ctx, fn_idx + i);
    lode_duk_put_index(ctx, -2, at + 1 + (duk_uarridx_t) i);
  }
  duk_pop(ctx);
  if (eng->tick_info != NULL) eng->tick_info[0] = 1;
}

void lode_next_tick(duk_context* ctx, int nargs) {
  duk_idx_t fn_idx = duk_get_top(ctx) - 1 - nargs;
  queue_tick(ctx, fn_idx, nargs);
  duk_set_top(ctx, fn_idx);
}

void lode_run_tick_queue(duk_context* ctx) {
  lode_engine_t* eng = lode_engine_get(ctx);
  duk_uarridx_t i = 0, n, k;
  duk_idx_t q;
  if (tick_queue_ptr == NULL) {
    if (eng->tick_info != NULL) eng->tick_info[0] = 0;
    return;
  }
  duk_push_heapptr(ctx, tick_queue_ptr);
  q = duk_get_top_index(ctx);
  while (i < (duk_uarridx_t) duk_get_length(ctx, q)) {
    lode_duk_get_index(ctx, q, i + 1);
    n = (duk_uarridx_t) duk_get_uint(ctx, -1);
    duk_pop(ctx);
    lode_duk_get_index(ctx, q, i);
    if (!duk_is_function(ctx, -1)) {
      duk_pop(ctx);
      i += 2 + n;
      continue;
    }
    duk_push_undefined(ctx);
    lode_duk_put_index(ctx, q, i); /* cleared before it runs */
    duk_push_undefined(ctx);
    for (k = 0; k < n; k++) lode_duk_get_index(ctx, q, i + 2 + k);
    i += 2 + n;
    eng->call_depth++;
    if (duk_pcall_method(ctx, (duk_idx_t) n) != DUK_EXEC_SUCCESS) {
      eng->call_depth--;
      lode_js_fatal(ctx, -1);
    } else {
      eng->call_depth--;
    }
    duk_pop(ctx);
  }
  duk_push_int(ctx, 0);
  lode_put_lit(ctx, q, "length");
  duk_pop(ctx);
  if (eng->tick_info != NULL) eng->tick_info[0] = 0;
}

/* nextTick(callback, ...args) */
static duk_ret_t util_next_tick(duk_context* ctx) {
  duk_idx_t nargs = duk_get_top(ctx);
  if (!duk_is_function(ctx, 0))
    return lode_js_throw_type(ctx, "callback", "function", 0);
  queue_tick(ctx, 0, (int) nargs - 1);
  return 0;
}

static duk_ret_t util_set_tick_queue(duk_context* ctx) {
  duk_require_object(ctx, 0);
  duk_push_heap_stash(ctx);
  duk_dup(ctx, 0);
  lode_put_lit(ctx, -2, TICK_QUEUE_KEY);
  tick_queue_ptr = duk_get_heapptr(ctx, 0);
  return 0;
}

/* setBufferPrototype(proto): Buffers made in C get this prototype. */
static duk_ret_t util_set_buffer_prototype(duk_context* ctx) {
  duk_require_object(ctx, 0);
  duk_push_heap_stash(ctx);
  duk_dup(ctx, 0);
  lode_put_lit(ctx, -2, "bufferPrototype");
  return 0;
}

static const duk_function_list_entry util_functions[] = {
    {"setBufferPrototype", util_set_buffer_prototype, 1},
    {"nextTick", util_next_tick, DUK_VARARGS},
    {"setTickQueue", util_set_tick_queue, 1},
    {"setExiting", util_set_exiting, 0},
    {"setHooks", util_set_hooks, 3},
    {"compileFunction", util_compile_function, 3},
    {"compileNative", util_compile_native, 1},
    {"nativeNames", util_native_names, 0},
    {"runInThisContext", util_run_in_this_context, 2},
    {"writeSync", util_write_sync, 2},
    {"getErrorName", util_get_error_name, 1},
    {"getErrorMessage", util_get_error_message, 1},
    {NULL, NULL, 0}};

void lode_binding_util(duk_context* ctx) {
  duk_push_object(ctx);
  lode_js_put_functions(ctx, util_functions);
}
