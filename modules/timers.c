/*
 * timers.c — internalBinding('timers'): one loop timer for every JS timer,
 * and the check/idle pair behind setImmediate (layer: modules/).
 *
 * As in Node, JS keeps the timers (lists per duration, stdlib/timers.js)
 * and asks C for a single lode timer armed at the earliest expiry;
 * processTimers(now) runs what is due and returns the next expiry: 0 for
 * none, > 0 for a referenced one, < 0 (negated) for an unreferenced one.
 * Immediates run from a check handle; while any is queued and referenced,
 * an idle handle keeps the loop alive and the poll phase from blocking.
 *
 *   setup(processTimers, processImmediate)
 *   scheduleTimer(ms)        arm the timer ms from the loop's now
 *   toggleTimerRef(bool)
 *   toggleImmediateRef(bool) an immediate is queued (and referenced)
 *   setImmediatePending(bool)
 *   getLoopTime()            the loop clock, ms
 */
#include "engine.h"

static lode_timer_t timer_handle;
static lode_check_t check_handle;
static lode_idle_t idle_handle;
static int process_timers_ref;
static int process_immediate_ref;
static int immediate_pending;
static int initialized;

static void idle_noop(lode_idle_t* h) {
  (void) h;
}

static void on_timer(lode_timer_t* t) {
  duk_context* ctx = t->data;
  lode_loop_t* loop = t->loop;
  double next;

  /* When a timer callback throws and an 'uncaughtException' listener
   * takes it, the timers after it are still due: call again at once, as
   * Node does (each call consumes at least the timer that threw). */
  for (;;) {
    lode_js_push_ref(ctx, process_timers_ref);
    duk_push_undefined(ctx);
    duk_push_number(ctx, (double) lode_now(loop));
    if (lode_js_call(ctx, 1) == 0) break;
    duk_pop(ctx);
  }
  next = duk_get_number_default(ctx, -1, 0);
  duk_pop(ctx);
  if (next != 0 && !lode_is_active((lode_handle_t*) t)) {
    double abs = next < 0 ? -next : next;
    double now = (double) lode_now(loop);
    double ms = abs > now ? abs - now : 1;
    lode_timer_start(t, on_timer, (uint64_t) ms, 0);
    if (next > 0)
      lode_ref((lode_handle_t*) t);
    else
      lode_unref((lode_handle_t*) t);
  }
}

static void on_check(lode_check_t* c) {
  duk_context* ctx = c->data;
  int rc;
  /* As on_timer: after a throw that a listener took, the immediates of
   * this turn still run in this check phase. */
  do {
    if (!immediate_pending) return;
    lode_js_push_ref(ctx, process_immediate_ref);
    duk_push_undefined(ctx);
    rc = lode_js_call(ctx, 0);
    duk_pop(ctx);
  } while (rc != 0);
}

static duk_ret_t timers_setup(duk_context* ctx) {
  lode_engine_t* eng = lode_engine_get(ctx);
  duk_require_function(ctx, 0);
  duk_require_function(ctx, 1);
  if (!initialized) {
    lode_timer_init(eng->loop, &timer_handle);
    lode_check_init(eng->loop, &check_handle);
    lode_idle_init(eng->loop, &idle_handle);
    timer_handle.data = ctx;
    check_handle.data = ctx;
    /* The check handle runs every turn but never keeps the loop alive by
     * itself; the idle handle does that while immediates are queued. */
    lode_check_start(&check_handle, on_check);
    lode_unref((lode_handle_t*) &check_handle);
    initialized = 1;
  }
  lode_js_unref(ctx, process_timers_ref);
  lode_js_unref(ctx, process_immediate_ref);
  process_timers_ref = lode_js_ref(ctx, 0);
  process_immediate_ref = lode_js_ref(ctx, 1);
  return 0;
}

static duk_ret_t timers_schedule(duk_context* ctx) {
  double ms = duk_require_number(ctx, 0);
  if (ms < 1) ms = 1;
  lode_timer_start(&timer_handle, on_timer, (uint64_t) ms, 0);
  return 0;
}

static duk_ret_t timers_toggle_timer_ref(duk_context* ctx) {
  if (duk_to_boolean(ctx, 0))
    lode_ref((lode_handle_t*) &timer_handle);
  else
    lode_unref((lode_handle_t*) &timer_handle);
  return 0;
}

static duk_ret_t timers_toggle_immediate_ref(duk_context* ctx) {
  if (duk_to_boolean(ctx, 0))
    lode_idle_start(&idle_handle, idle_noop);
  else
    lode_idle_stop(&idle_handle);
  return 0;
}

static duk_ret_t timers_set_immediate_pending(duk_context* ctx) {
  immediate_pending = duk_to_boolean(ctx, 0);
  return 0;
}

static duk_ret_t timers_get_loop_time(duk_context* ctx) {
  duk_push_number(ctx, (double) lode_now(lode_engine_get(ctx)->loop));
  return 1;
}

static const duk_function_list_entry timers_functions[] = {
    {"setup", timers_setup, 2},
    {"scheduleTimer", timers_schedule, 1},
    {"toggleTimerRef", timers_toggle_timer_ref, 1},
    {"toggleImmediateRef", timers_toggle_immediate_ref, 1},
    {"setImmediatePending", timers_set_immediate_pending, 1},
    {"getLoopTime", timers_get_loop_time, 0},
    {NULL, NULL, 0}};

void lode_binding_timers(duk_context* ctx) {
  duk_push_object(ctx);
  lode_js_put_functions(ctx, timers_functions);
}
