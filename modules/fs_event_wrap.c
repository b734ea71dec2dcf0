/*
 * fs_event_wrap.c — internalBinding('fs_event_wrap'): file system events
 * for JavaScript (layer: modules/). fs.watch (stdlib/internal/fs/
 * watchers.js) sits on this; the loop side is lode_fs_event_* (lode.h).
 *
 *   new FSEvent()          a handle object; alive while watching (or
 *                          until close), even unreferenced from JS
 *   w.start(path, persistent, recursive, encoding)
 *                          0 or a lode error code (LODE_ENOENT, ...).
 *                          persistent false: the handle does not keep the
 *                          loop alive. encoding 'buffer': filenames arrive
 *                          as Buffers; anything else: UTF-8 strings (the
 *                          JS layer converts other encodings).
 *   w.onchange = function (status, eventType, filename)
 *                          eventType 'rename' or 'change' (rename wins
 *                          when the kernel reported both, as Node);
 *                          filename a string, a Buffer or null
 *   w.close(cb) / ref() / unref() / hasRef()
 *   w.initialized          true while started
 */
#include <stdlib.h>
#include <string.h>

#include "engine.h"

#define WRAP_KEY DUK_HIDDEN_SYMBOL("lodeFsEventWrap")

typedef struct {
  lode_fs_event_t handle;
  duk_context* ctx;
  int obj_ref;     /* the JS object: alive while the handle is open */
  int close_cb_ref;
  int initialized; /* lode_fs_event_init ran: the handle needs lode_close */
  int as_buffer;   /* filenames as Buffers */
} fs_event_wrap_t;

static fs_event_wrap_t* this_wrap(duk_context* ctx) {
  fs_event_wrap_t* w;
  duk_push_this(ctx);
  lode_get_lit(ctx, -1, WRAP_KEY);
  w = duk_get_pointer(ctx, -1);
  duk_pop_2(ctx);
  if (w == NULL) (void) duk_error(ctx, DUK_ERR_TYPE_ERROR, "handle is closed");
  return w;
}

/* An FSEvent that never started holds no loop state: its memory goes with
 * the object. (Once started, obj_ref keeps the object alive until close.) */
static duk_ret_t fs_event_finalize(duk_context* ctx) {
  fs_event_wrap_t* w;
  lode_get_lit(ctx, 0, WRAP_KEY);
  w = duk_get_pointer(ctx, -1);
  duk_pop(ctx);
  if (w != NULL && !w->initialized) {
    duk_push_pointer(ctx, NULL);
    lode_put_lit(ctx, 0, WRAP_KEY);
    free(w);
  }
  return 0;
}

static duk_ret_t fs_event_new(duk_context* ctx) {
  fs_event_wrap_t* w;
  if (!duk_is_constructor_call(ctx)) return DUK_RET_TYPE_ERROR;
  w = calloc(1, sizeof(*w));
  if (w == NULL) return duk_error(ctx, DUK_ERR_ERROR, "out of memory");
  w->ctx = ctx;
  duk_push_this(ctx);
  duk_push_pointer(ctx, w);
  lode_put_lit(ctx, -2, WRAP_KEY);
  duk_push_c_function(ctx, fs_event_finalize, 1);
  duk_set_finalizer(ctx, -2);
  duk_pop(ctx);
  return 0;
}

static void on_event(lode_fs_event_t* h, const char* filename, int events,
                     int status) {
  fs_event_wrap_t* w = h->data;
  duk_context* ctx = w->ctx;
  lode_js_push_ref(ctx, w->obj_ref);
  lode_get_lit(ctx, -1, "onchange"); /* [ obj fn ] */
  if (!duk_is_function(ctx, -1)) {
    duk_pop_2(ctx);
    return;
  }
  duk_swap_top(ctx, -2); /* [ fn obj ] */
  duk_push_int(ctx, status);
  duk_push_string(ctx, (events & LODE_RENAME) ? "rename" : "change");
  if (filename == NULL) {
    duk_push_null(ctx);
  } else if (w->as_buffer) {
    size_t len = strlen(filename);
    void* d = lode_js_push_buffer(ctx, len);
    if (len > 0) memcpy(d, filename, len);
  } else {
    duk_push_string(ctx, filename);
  }
  lode_js_call(ctx, 3); /* [ result ] */
  duk_pop(ctx);
}

static duk_ret_t fs_event_start(duk_context* ctx) {
  fs_event_wrap_t* w = this_wrap(ctx);
  const char* path = duk_require_string(ctx, 0);
  int persistent = duk_to_boolean(ctx, 1);
  int recursive = duk_to_boolean(ctx, 2);
  int err;

  if (w->initialized && (lode_is_active((lode_handle_t*) &w->handle) ||
                         lode_is_closing((lode_handle_t*) &w->handle))) {
    duk_push_int(ctx, LODE_EINVAL);
    return 1;
  }
  w->as_buffer = duk_is_string(ctx, 3) &&
                 strcmp(duk_get_string(ctx, 3), "buffer") == 0;
  if (!w->initialized) {
    lode_fs_event_init(lode_engine_get(ctx)->loop, &w->handle);
    w->handle.data = w;
    w->initialized = 1;
    duk_push_this(ctx);
    w->obj_ref = lode_js_ref(ctx, -1);
    duk_pop(ctx);
  }
  err = lode_fs_event_start(&w->handle, on_event, path,
                            recursive ? LODE_FS_EVENT_RECURSIVE : 0);
  if (err == 0 && !persistent) lode_unref((lode_handle_t*) &w->handle);
  duk_push_int(ctx, err);
  return 1;
}

/* [ ... obj ] → [ ... obj ]: the object no longer points at the wrap. */
static void unhook(duk_context* ctx) {
  duk_push_pointer(ctx, NULL);
  lode_put_lit(ctx, -2, WRAP_KEY);
}

static void on_close(lode_handle_t* h) {
  fs_event_wrap_t* w = h->data;
  duk_context* ctx = w->ctx;
  int cb_ref = w->close_cb_ref;
  int obj_ref = w->obj_ref;
  lode_js_push_ref(ctx, obj_ref);
  unhook(ctx);
  free(w);
  if (cb_ref > 0) {
    lode_js_push_ref(ctx, cb_ref); /* [ obj cb ] */
    duk_dup(ctx, -2);
    lode_js_call(ctx, 0);
    duk_pop(ctx);
    lode_js_unref(ctx, cb_ref);
  }
  duk_pop(ctx);
  lode_js_unref(ctx, obj_ref);
}

static duk_ret_t fs_event_close(duk_context* ctx) {
  fs_event_wrap_t* w;
  duk_push_this(ctx);
  lode_get_lit(ctx, -1, WRAP_KEY);
  w = duk_get_pointer(ctx, -1);
  duk_pop_2(ctx);
  if (w == NULL) return 0; /* closed already */
  if (!w->initialized) {
    /* Never started: nothing in the loop to close. */
    duk_push_this(ctx);
    unhook(ctx);
    duk_pop(ctx);
    free(w);
    if (duk_is_function(ctx, 0)) {
      duk_dup(ctx, 0);
      duk_push_this(ctx);
      lode_js_call(ctx, 0);
    }
    return 0;
  }
  if (lode_is_closing((lode_handle_t*) &w->handle)) return 0;
  if (duk_is_function(ctx, 0)) w->close_cb_ref = lode_js_ref(ctx, 0);
  lode_close((lode_handle_t*) &w->handle, on_close);
  return 0;
}

static duk_ret_t fs_event_ref(duk_context* ctx) {
  fs_event_wrap_t* w = this_wrap(ctx);
  if (w->initialized) lode_ref((lode_handle_t*) &w->handle);
  return 0;
}

static duk_ret_t fs_event_unref(duk_context* ctx) {
  fs_event_wrap_t* w = this_wrap(ctx);
  if (w->initialized) lode_unref((lode_handle_t*) &w->handle);
  return 0;
}

static duk_ret_t fs_event_has_ref(duk_context* ctx) {
  fs_event_wrap_t* w = this_wrap(ctx);
  duk_push_boolean(ctx, w->initialized &&
                            lode_has_ref((lode_handle_t*) &w->handle));
  return 1;
}

static duk_ret_t fs_event_get_initialized(duk_context* ctx) {
  fs_event_wrap_t* w;
  duk_push_this(ctx);
  lode_get_lit(ctx, -1, WRAP_KEY);
  w = duk_get_pointer(ctx, -1);
  duk_push_boolean(ctx, w != NULL && w->initialized &&
                            lode_is_active((lode_handle_t*) &w->handle));
  return 1;
}

static const duk_function_list_entry fs_event_methods[] = {
    {"start", fs_event_start, 4},
    {"close", fs_event_close, 1},
    {"ref", fs_event_ref, 0},
    {"unref", fs_event_unref, 0},
    {"hasRef", fs_event_has_ref, 0},
    {NULL, NULL, 0}};

void lode_binding_fs_event_wrap(duk_context* ctx) {
  duk_push_object(ctx);
  duk_push_c_function(ctx, fs_event_new, 0);
  duk_push_object(ctx); /* [ binding FSEvent proto ] */
  duk_put_function_list(ctx, -1, fs_event_methods);
  duk_push_string(ctx, "initialized");
  duk_push_c_function(ctx, fs_event_get_initialized, 0);
  duk_def_prop(ctx, -3, DUK_DEFPROP_HAVE_GETTER | DUK_DEFPROP_SET_CONFIGURABLE);
  duk_dup(ctx, -2);
  lode_put_lit(ctx, -2, "constructor");
  lode_put_lit(ctx, -2, "prototype");
  lode_put_lit(ctx, -2, "FSEvent");
}
