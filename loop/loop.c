/*
 * loop.c — the loop's life and its run phases (layer: loop/).
 * Contract: loop/lode.h, "The loop".
 *
 * One turn, in Node's order: timers, pending callbacks, idle, prepare,
 * poll, check, close callbacks. Pending callbacks fed during poll (write
 * completions) also run at the end of poll, up to 16 rounds (libuv 1.44
 * does 8; run_pending_after_poll). The poll phase blocks only when nothing
 * else is due: no idle handle, no pending callback, no close callback and
 * no stop request; otherwise it waits until the next timer, or forever
 * when there is none.
 */
#include <string.h>

#include "internal.h"

int lode_loop_init(lode_loop_t* loop) {
  void* saved_data = loop->data;

  memset(loop, 0, sizeof(*loop));
  loop->data = saved_data;
  lode__queue_init(&loop->handle_queue);
  lode__queue_init(&loop->idle_handles);
  lode__queue_init(&loop->prepare_handles);
  lode__queue_init(&loop->check_handles);
  lode__queue_init(&loop->async_handles);
  lode__queue_init(&loop->async_pending);
  lode__queue_init(&loop->signal_handles);
  lode__queue_init(&loop->process_handles);
  loop->closing_handles = NULL;
  loop->time = lode__hrtime_ns() / 1000000;

  return lode__platform_loop_init(loop);
}

int lode_loop_close(lode_loop_t* loop) {
  lode__queue_t* q;
  void* saved_data;

  lode__queue_foreach(q, &loop->handle_queue) {
    lode_handle_t* h = lode__queue_data(q, lode_handle_t, handle_queue);
    if (!(h->flags & LODE_HANDLE_INTERNAL)) return LODE_EBUSY;
  }
  if (loop->closing_handles != NULL || loop->active_reqs != 0)
    return LODE_EBUSY;

  /* A pool worker or async sender may still be finishing its wake-up
   * write after the loop already ran what it handed over. */
  lode__async_wait_senders(loop);
  lode__platform_loop_close(loop);
  lode__free(loop->timer_heap.nodes);

  saved_data = loop->data;
  memset(loop, 0, sizeof(*loop));
  loop->data = saved_data;
#if !defined(_WIN32)
  loop->backend_fd = -1;
#endif
  return 0;
}

static lode_loop_t default_loop_struct;
static lode_loop_t* default_loop_ptr;

lode_loop_t* lode_default_loop(void) {
  if (default_loop_ptr != NULL) return default_loop_ptr;
  if (lode_loop_init(&default_loop_struct) != 0) return NULL;
  default_loop_ptr = &default_loop_struct;
  return default_loop_ptr;
}

int lode_loop_alive(const lode_loop_t* loop) {
  return loop->active_handles > 0 || loop->active_reqs > 0 ||
         loop->closing_handles != NULL;
}

uint64_t lode_now(const lode_loop_t* loop) {
  return loop->time;
}

void lode_update_time(lode_loop_t* loop) {
  loop->time = lode__hrtime_ns() / 1000000;
}

uint64_t lode_hrtime(void) {
  return lode__hrtime_ns();
}

void lode_stop(lode_loop_t* loop) {
  loop->stop_flag = 1;
}

int lode_backend_timeout(const lode_loop_t* loop) {
  if (loop->stop_flag) return 0;
  if (loop->active_handles == 0 && loop->active_reqs == 0) return 0;
  if (!lode__queue_empty(&loop->idle_handles)) return 0;
  if (lode__has_pending(loop)) return 0;
  if (loop->closing_handles != NULL) return 0;
  return lode__next_timeout(loop);
}

int lode_backend_fd(const lode_loop_t* loop) {
#if defined(_WIN32)
  (void) loop;
  return -1;
#else
  return loop->backend_fd;
#endif
}

void lode_walk(lode_loop_t* loop, lode_walk_cb cb, void* arg) {
  lode__queue_t queue;
  lode__queue_t* q;
  lode_handle_t* h;

  /* cb may close handles (unlinking nothing now; closed handles leave the
   * queue only in the close phase), but iterate over a moved copy so a
   * handle unlinked by some other path cannot break the walk. */
  lode__queue_move(&loop->handle_queue, &queue);
  while (!lode__queue_empty(&queue)) {
    q = lode__queue_head(&queue);
    h = lode__queue_data(q, lode_handle_t, handle_queue);
    lode__queue_remove(q);
    lode__queue_insert_tail(&loop->handle_queue, q);
    if (h->flags & LODE_HANDLE_INTERNAL) continue;
    cb(h, arg);
  }
}

/* The close phase: every handle closed before this point gets its
 * close_cb, in the order the handles were closed. Handles closed from
 * inside a close_cb wait for the next turn (the list is taken whole
 * first). The list is circular, entered at its last element
 * (lode__make_close_pending). */
static void run_closing_handles(lode_loop_t* loop) {
  lode_handle_t* last = loop->closing_handles;
  lode_handle_t* q;

  if (last == NULL) return;
  loop->closing_handles = NULL;
  q = last->next_closing;
  last->next_closing = NULL;
  while (q != NULL) {
    lode_handle_t* next = q->next_closing;
    assert(q->flags & LODE_HANDLE_CLOSING);
    assert(!(q->flags & LODE_HANDLE_CLOSED));
    lode__platform_finish_close(q);
    q->flags |= LODE_HANDLE_CLOSED;
    lode__handle_stop(q);
    lode__queue_remove(&q->handle_queue);
    if (q->close_cb != NULL) q->close_cb(q);
    q = next;
  }
}

/* Callbacks fed during the poll phase (a write that completed inside
 * lode_write called from a read or write callback) run right after it,
 * before check, instead of waiting for the next turn's pending phase: a
 * stream that keeps one write in flight then costs one write syscall per
 * request instead of a write plus a zero-timeout poll. Still never
 * re-entrant (they run from here, not from lode_write), still in queue
 * order. Bounded, so a callback that keeps feeding itself cannot starve
 * polling, timers and check handles: libuv 1.44 runs 8 such rounds (one
 * zero-timeout poll per 9 writes of a one-write-in-flight stream); 16
 * make it one per 17 (1.06 syscalls per write instead of 1.11) while a
 * single stream still yields after about 16 writes. */
#define PENDING_ROUNDS_AFTER_POLL 16

static void run_pending_after_poll(lode_loop_t* loop) {
  int i;
  for (i = 0; i < PENDING_ROUNDS_AFTER_POLL && lode__run_pending(loop); i++)
    ;
}

int lode_run(lode_loop_t* loop, lode_run_mode mode) {
  int timeout;
  int alive;
  int ran_pending;

  alive = lode_loop_alive(loop);
  if (!alive) lode_update_time(loop);

  while (alive && !loop->stop_flag) {
    lode_update_time(loop);
    lode__run_timers(loop);
    ran_pending = lode__run_pending(loop);
    lode__run_idle(loop);
    lode__run_prepare(loop);

    timeout = 0;
    if ((mode == LODE_RUN_ONCE && !ran_pending) || mode == LODE_RUN_DEFAULT)
      timeout = lode_backend_timeout(loop);
    lode__io_poll(loop, timeout);
    run_pending_after_poll(loop);

    lode__run_check(loop);
    run_closing_handles(loop);

    if (mode == LODE_RUN_ONCE) {
      /* RUN_ONCE promises progress: when the poll woke for a timer and no
       * I/O ran, the timer must still fire in this call. */
      lode_update_time(loop);
      lode__run_timers(loop);
    }

    alive = lode_loop_alive(loop);
    if (mode == LODE_RUN_ONCE || mode == LODE_RUN_NOWAIT) break;
  }

  /* A stop request applies to one lode_run call. */
  if (loop->stop_flag) loop->stop_flag = 0;
  return alive;
}
