/*
 * events.c — internalBinding('events'): EventEmitter.prototype.emit in C
 * (layer: modules/).
 *
 * Why C: in Duktape a function that touches `arguments` costs about 2 us
 * per call (it gets an arguments object and a slow environment), forty
 * times a plain call, and emit must forward any number of arguments. A C
 * function sees its arguments on the value stack for free. This is the
 * common path only: when the type is 'error', when an errorMonitor
 * listener exists, or when captureRejections is on for the emitter, it
 * hands the call to the JS emit unchanged.
 *
 *   setup(slowEmit, kCapture, kErrorMonitor)
 *   emit                  the function to install as prototype.emit
 */
#include "engine.h"

#define SLOW_KEY DUK_HIDDEN_SYMBOL("lodeEmitSlow")
#define CAPTURE_KEY DUK_HIDDEN_SYMBOL("lodeEmitCapture")
#define MONITOR_KEY DUK_HIDDEN_SYMBOL("lodeEmitMonitor")

/* [ type args... ] this=emitter → calls the JS emit with the same. */
static duk_ret_t slow_emit(duk_context* ctx, duk_idx_t nargs) {
  duk_idx_t i;
  duk_push_heap_stash(ctx);
  lode_get_lit(ctx, -1, SLOW_KEY);
  duk_remove(ctx, -2);
  duk_push_this(ctx);
  for (i = 0; i < nargs; i++) duk_dup(ctx, i);
  duk_call_method(ctx, nargs);
  return 1;
}

static duk_ret_t events_emit(duk_context* ctx) {
  duk_idx_t nargs = duk_get_top(ctx);
  duk_idx_t events, handler, i, n, this_idx;

  if (nargs == 0) return slow_emit(ctx, nargs);
  if (duk_is_string(ctx, 0)) {
    const char* type = duk_get_string(ctx, 0);
    if (type[0] == 'e' && type[1] == 'r' && type[2] == 'r' && type[3] == 'o' &&
        type[4] == 'r' && type[5] == '\0')
      return slow_emit(ctx, nargs);
  }
  duk_push_this(ctx);
  this_idx = duk_get_top_index(ctx);
  /* captureRejections on this emitter: the JS path handles promises. */
  duk_push_heap_stash(ctx);
  lode_get_lit(ctx, -1, CAPTURE_KEY); /* [ ... this stash kCapture ] */
  lode_duk_get_prop(ctx, this_idx);
  if (duk_to_boolean(ctx, -1)) return slow_emit(ctx, nargs);
  duk_pop(ctx);
  lode_get_lit(ctx, this_idx, "_events"); /* [ ... this stash events ] */
  events = duk_get_top_index(ctx);
  if (!duk_is_object(ctx, events)) {
    duk_push_false(ctx);
    return 1;
  }
  lode_get_lit(ctx, -2, MONITOR_KEY);
  lode_duk_get_prop(ctx, events);
  if (!duk_is_undefined(ctx, -1)) return slow_emit(ctx, nargs);
  duk_pop(ctx);

  duk_dup(ctx, 0);
  lode_duk_get_prop(ctx, events); /* [ ... this stash events handler ] */
  handler = duk_get_top_index(ctx);
  if (duk_is_function(ctx, handler)) {
    duk_dup(ctx, this_idx);
    for (i = 1; i < nargs; i++) duk_dup(ctx, i);
    duk_call_method(ctx, nargs - 1);
    duk_push_true(ctx);
    return 1;
  }
  if (!duk_is_array(ctx, handler)) {
    duk_push_false(ctx);
    return 1;
  }
  /* Listeners added or removed by a listener do not change this emit:
   * call a copy of the array. */
  n = (duk_idx_t) duk_get_length(ctx, handler);
  for (i = 0; i < n; i++) lode_duk_get_index(ctx, handler, (duk_uarridx_t) i);
  for (i = 0; i < n; i++) {
    duk_idx_t j;
    duk_dup(ctx, handler + 1 + i);
    duk_dup(ctx, this_idx);
    for (j = 1; j < nargs; j++) duk_dup(ctx, j);
    duk_call_method(ctx, nargs - 1);
    duk_pop(ctx);
  }
  duk_push_true(ctx);
  return 1;
}

static duk_ret_t events_setup(duk_context* ctx) {
  duk_require_function(ctx, 0);
  duk_push_heap_stash(ctx);
  duk_dup(ctx, 0);
  lode_put_lit(ctx, -2, SLOW_KEY);
  duk_dup(ctx, 1);
  lode_put_lit(ctx, -2, CAPTURE_KEY);
  duk_dup(ctx, 2);
  lode_put_lit(ctx, -2, MONITOR_KEY);
  return 0;
}

void lode_binding_events(duk_context* ctx) {
  duk_push_object(ctx);
  duk_push_c_function(ctx, events_setup, 3);
  lode_put_lit(ctx, -2, "setup");
  duk_push_c_function(ctx, events_emit, DUK_VARARGS);
  duk_push_string(ctx, "name");
  duk_push_string(ctx, "emit");
  duk_def_prop(ctx, -3, DUK_DEFPROP_HAVE_VALUE | DUK_DEFPROP_FORCE);
  lode_put_lit(ctx, -2, "emit");
}
