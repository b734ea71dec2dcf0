/*
 * handle.c — what every handle shares, and the idle, prepare and check
 * handles (layer: loop/). Contract: loop/lode.h, "operations on every
 * handle" and "Idle, prepare, check".
 *
 * Counting: loop->active_handles counts handles that are both active and
 * referenced; start/stop and ref/unref keep it exact, so "is the loop
 * alive" never scans handles.
 */
#include "internal.h"

void lode__handle_init(lode_loop_t* loop, lode_handle_t* h,
                       lode_handle_type type) {
  h->loop = loop;
  h->type = type;
  h->flags = LODE_HANDLE_REF;
  h->close_cb = NULL;
  h->next_closing = NULL;
  lode__queue_insert_tail(&loop->handle_queue, &h->handle_queue);
}

/* loop->closing_handles points at the handle closed last, whose
 * next_closing points at the one closed first: a circular list, so an
 * append keeps close order and the close phase walks it once, in order,
 * with no reversal pass over every handle (lode_loop_t needs no tail
 * field). */
void lode__make_close_pending(lode_handle_t* handle) {
  lode_handle_t* last = handle->loop->closing_handles;
  if (last == NULL) {
    handle->next_closing = handle;
  } else {
    handle->next_closing = last->next_closing;
    last->next_closing = handle;
  }
  handle->loop->closing_handles = handle;
}

void lode_close(lode_handle_t* handle, lode_close_cb close_cb) {
  if (lode__is_closing(handle))
    LODE__ABORT("lode_close called twice on one handle");

  handle->flags |= LODE_HANDLE_CLOSING;
  handle->close_cb = close_cb;

  switch (handle->type) {
    case LODE_TIMER:
      lode__timer_close((lode_timer_t*) handle);
      break;
    case LODE_IDLE:
      lode__idle_close((lode_idle_t*) handle);
      break;
    case LODE_PREPARE:
      lode__prepare_close((lode_prepare_t*) handle);
      break;
    case LODE_CHECK:
      lode__check_close((lode_check_t*) handle);
      break;
    case LODE_ASYNC:
      lode__async_close((lode_async_t*) handle);
      break;
    case LODE_TCP:
    case LODE_NAMED_PIPE:
    case LODE_TTY:
    case LODE_UDP:
    case LODE_SIGNAL:
    case LODE_PROCESS:
    case LODE_FS_EVENT:
      lode__platform_close(handle);
      break;
    default:
      LODE__ABORT("lode_close: unknown handle type");
  }
  lode__make_close_pending(handle);
}

int lode_is_active(const lode_handle_t* handle) {
  return lode__is_active(handle);
}

int lode_is_closing(const lode_handle_t* handle) {
  return lode__is_closing(handle);
}

void lode_ref(lode_handle_t* handle) {
  if (handle->flags & LODE_HANDLE_REF) return;
  handle->flags |= LODE_HANDLE_REF;
  if (handle->flags & LODE_HANDLE_ACTIVE) handle->loop->active_handles++;
}

void lode_unref(lode_handle_t* handle) {
  if (!(handle->flags & LODE_HANDLE_REF)) return;
  handle->flags &= ~LODE_HANDLE_REF;
  if (handle->flags & LODE_HANDLE_ACTIVE) handle->loop->active_handles--;
}

int lode_has_ref(const lode_handle_t* handle) {
  return (handle->flags & LODE_HANDLE_REF) != 0;
}

/* ---- idle, prepare, check: one shape, three lists ----
 *
 * A phase runs the handles that were started when it began, in start
 * order. Handles stopped by an earlier callback of the same phase do not
 * run; handles started during the phase wait for the next turn. */

#define LOOP_WATCHER_DEFINE(kind, list)                                       \
  int lode_##kind##_init(lode_loop_t* loop, lode_##kind##_t* handle) {        \
    lode__handle_init(loop, (lode_handle_t*) handle, LODE__TYPE_##kind);      \
    handle->kind##_cb = NULL;                                                 \
    lode__queue_init(&handle->queue);                                         \
    return 0;                                                                 \
  }                                                                           \
                                                                              \
  int lode_##kind##_start(lode_##kind##_t* handle, lode_##kind##_cb cb) {     \
    if (cb == NULL) return LODE_EINVAL;                                       \
    if (lode__is_closing((lode_handle_t*) handle)) return LODE_EINVAL;        \
    if (lode__is_active((lode_handle_t*) handle)) return 0;                   \
    handle->kind##_cb = cb;                                                   \
    lode__queue_insert_tail(&handle->loop->list, &handle->queue);             \
    lode__handle_start_m(handle);                                             \
    return 0;                                                                 \
  }                                                                           \
                                                                              \
  int lode_##kind##_stop(lode_##kind##_t* handle) {                           \
    if (!lode__is_active((lode_handle_t*) handle)) return 0;                  \
    lode__queue_remove(&handle->queue);                                       \
    lode__handle_stop_m(handle);                                              \
    return 0;                                                                 \
  }                                                                           \
                                                                              \
  void lode__##kind##_close(lode_##kind##_t* handle) {                        \
    lode_##kind##_stop(handle);                                               \
  }                                                                           \
                                                                              \
  void lode__run_##kind(lode_loop_t* loop) {                                  \
    lode__queue_t queue;                                                      \
    lode__queue_t* q;                                                         \
    lode_##kind##_t* h;                                                       \
                                                                              \
    lode__queue_move(&loop->list, &queue);                                    \
    while (!lode__queue_empty(&queue)) {                                      \
      q = lode__queue_head(&queue);                                           \
      h = lode__queue_data(q, lode_##kind##_t, queue);                        \
      lode__queue_remove(q);                                                  \
      lode__queue_insert_tail(&loop->list, q);                                \
      h->kind##_cb(h);                                                        \
    }                                                                         \
  }

#define LODE__TYPE_idle LODE_IDLE
#define LODE__TYPE_prepare LODE_PREPARE
#define LODE__TYPE_check LODE_CHECK

LOOP_WATCHER_DEFINE(idle, idle_handles)
LOOP_WATCHER_DEFINE(prepare, prepare_handles)
LOOP_WATCHER_DEFINE(check, check_handles)
