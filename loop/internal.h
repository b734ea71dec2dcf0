/*
 * internal.h — what loop/ and platform/ share and users never see
 * (layer: loop/, included by platform/).
 *
 * Handle bookkeeping (flags, active/ref counting, requests), the allocator,
 * the thread pool's internal entry, and the hooks platform/ provides to the
 * OS-independent loop. Nothing here is OS-specific.
 */
#ifndef LODE_LOOP_INTERNAL_H
#define LODE_LOOP_INTERNAL_H

#include <assert.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

#include "lode.h"
#include "queue.h"

/* ---- allocator (lode_replace_allocator) ---- */

void* lode__malloc(size_t size);
void* lode__calloc(size_t count, size_t size);
void* lode__realloc(void* ptr, size_t size);
void lode__free(void* ptr);
char* lode__strdup(const char* s);
char* lode__strndup(const char* s, size_t n);

/* ---- handle flags ---- */

enum {
  LODE_HANDLE_CLOSING = 0x00000001,
  LODE_HANDLE_CLOSED = 0x00000002,
  LODE_HANDLE_ACTIVE = 0x00000004,
  LODE_HANDLE_REF = 0x00000008,
  LODE_HANDLE_INTERNAL = 0x00000010, /* hidden from walk and loop_close */

  /* streams */
  LODE_HANDLE_READING = 0x00000100,
  LODE_HANDLE_READABLE = 0x00000200,
  LODE_HANDLE_WRITABLE = 0x00000400,
  LODE_HANDLE_SHUTTING = 0x00000800,
  LODE_HANDLE_SHUT = 0x00001000,
  LODE_HANDLE_READ_EOF = 0x00002000,
  LODE_HANDLE_READ_PARTIAL = 0x00004000,
  LODE_HANDLE_BLOCKING_WRITES = 0x00008000,

  /* tcp, udp, pipe */
  LODE_HANDLE_BOUND = 0x00010000,
  LODE_HANDLE_LISTENING = 0x00020000,
  LODE_HANDLE_TCP_NODELAY = 0x00040000,
  LODE_HANDLE_TCP_KEEPALIVE = 0x00080000,
  LODE_HANDLE_IPV6ONLY = 0x00100000,
  LODE_HANDLE_UDP_PROCESSING = 0x00200000,
  LODE_HANDLE_UDP_CONNECTED = 0x00400000,

  /* per-type spare bits, free for a platform file to use */
  LODE_HANDLE_TYPE_PRIVATE1 = 0x01000000,
  LODE_HANDLE_TYPE_PRIVATE2 = 0x02000000,
  LODE_HANDLE_TYPE_PRIVATE3 = 0x04000000
};

/* ---- handle bookkeeping ---- */

/* Links a new handle into loop->handle_queue; referenced, inactive. */
void lode__handle_init(lode_loop_t* loop, lode_handle_t* h,
                       lode_handle_type type);

static inline int lode__is_active(const lode_handle_t* h) {
  return (h->flags & LODE_HANDLE_ACTIVE) != 0;
}

static inline int lode__is_closing(const lode_handle_t* h) {
  return (h->flags & (LODE_HANDLE_CLOSING | LODE_HANDLE_CLOSED)) != 0;
}

/* Marks active; an active referenced handle counts in active_handles. */
static inline void lode__handle_start(lode_handle_t* h) {
  if (h->flags & LODE_HANDLE_ACTIVE) return;
  h->flags |= LODE_HANDLE_ACTIVE;
  if (h->flags & LODE_HANDLE_REF) h->loop->active_handles++;
}

static inline void lode__handle_stop(lode_handle_t* h) {
  if (!(h->flags & LODE_HANDLE_ACTIVE)) return;
  h->flags &= ~LODE_HANDLE_ACTIVE;
  if (h->flags & LODE_HANDLE_REF) h->loop->active_handles--;
}

#define lode__handle_start_m(h) lode__handle_start((lode_handle_t*) (h))
#define lode__handle_stop_m(h) lode__handle_stop((lode_handle_t*) (h))

/* A request in flight keeps its loop alive. */
static inline void lode__req_init(lode_req_t* req, lode_req_type type) {
  req->type = type;
}

static inline void lode__req_register(lode_loop_t* loop, lode_req_t* req) {
  (void) req;
  loop->active_reqs++;
}

static inline void lode__req_unregister(lode_loop_t* loop, lode_req_t* req) {
  (void) req;
  assert(loop->active_reqs > 0);
  loop->active_reqs--;
}

#define lode__req_register_m(loop, req)                                       \
  lode__req_register((loop), (lode_req_t*) (req))
#define lode__req_unregister_m(loop, req)                                     \
  lode__req_unregister((loop), (lode_req_t*) (req))

/* Aborts with a message: for states that cannot happen. */
#define LODE__ABORT(msg)                                                      \
  do {                                                                        \
    fprintf(stderr, "lode: %s:%d: %s\n", __FILE__, __LINE__, (msg));          \
    abort();                                                                  \
  } while (0)

/* ---- loop internals (files in loop/) ---- */

void lode__run_timers(lode_loop_t* loop);
int lode__next_timeout(const lode_loop_t* loop);
void lode__timer_close(lode_timer_t* handle);
void lode__idle_close(lode_idle_t* handle);
void lode__prepare_close(lode_prepare_t* handle);
void lode__check_close(lode_check_t* handle);
void lode__run_idle(lode_loop_t* loop);
void lode__run_prepare(lode_loop_t* loop);
void lode__run_check(lode_loop_t* loop);
void lode__async_close(lode_async_t* handle);
/* Called on the loop thread when the wake-up object fires: takes the
 * finished pool work and the sent async handles off their lock-free stacks
 * (loop->wq_done, loop->async_stack), then runs their callbacks. */
void lode__async_dispatch(lode_loop_t* loop);
/* Any thread: pushes q on one of those stacks (linked through q->next) and
 * wakes the loop unless a wake-up is already on its way (coalescing). The
 * loop may take q as soon as it is pushed; this touches only the loop
 * afterwards, and lode_loop_close waits until it is done
 * (lode__async_wait_senders). */
void lode__async_post(lode_loop_t* loop, lode__queue_t** stack,
                      lode__queue_t* q);
/* Loop thread, before the loop is torn down: waits until no thread is
 * inside lode__async_post for this loop. */
void lode__async_wait_senders(lode_loop_t* loop);

/* ---- lock-free hand-over stacks (loop/async.c) ----
 *
 * An intrusive stack of lode__queue_t nodes linked through next: any number
 * of threads push with a compare-exchange; one consumer at a time takes the
 * whole stack with one exchange. Nothing pops single nodes, so there is no
 * ABA problem. A pushed node belongs to the consumer from the moment the
 * push succeeds. */

static inline void lode__xstack_push(lode__queue_t** head,
                                     lode__queue_t* q) {
  lode__queue_t* old = __atomic_load_n(head, __ATOMIC_RELAXED);
  do
    q->next = old;
  while (!__atomic_compare_exchange_n(head, &old, q, 1, __ATOMIC_SEQ_CST,
                                      __ATOMIC_RELAXED));
}

/* Appends the whole stack to list, in push order. */
static inline void lode__xstack_take(lode__queue_t** head,
                                     lode__queue_t* list) {
  lode__queue_t* q;
  lode__queue_t* next;
  lode__queue_t tmp;

  /* seq_cst: callers rely on this being ordered after their own earlier
   * seq_cst stores (the wake-up flag, the idle count). */
  if (__atomic_load_n(head, __ATOMIC_SEQ_CST) == NULL) return;
  q = __atomic_exchange_n(head, NULL, __ATOMIC_SEQ_CST);
  /* The stack is newest first: inserting each at the head of tmp gives
   * push order, then tmp goes after what list already holds. */
  lode__queue_init(&tmp);
  while (q != NULL) {
    next = q->next;
    lode__queue_insert_head(&tmp, q);
    q = next;
  }
  if (lode__queue_empty(&tmp)) return;
  tmp.next->prev = list->prev;
  list->prev->next = tmp.next;
  tmp.prev->next = list;
  list->prev = tmp.prev;
}

/* ---- the thread pool (loop/threadpool.c) ---- */

enum {
  LODE__WORK_QUEUED = 1,
  LODE__WORK_RUNNING = 2,
  LODE__WORK_DONE = 3,
  LODE__WORK_CANCELED = 4 /* removed by lode__work_cancel, done pending */
};

/* Queues w on lane (lode_work_lane). work runs on a worker thread; done
 * runs on loop's thread with 0 or LODE_ECANCELED. The caller registers its
 * request (lode__req_register) so the loop stays alive. */
void lode__work_submit(lode_loop_t* loop, struct lode__work* w, int lane,
                       void (*work)(struct lode__work* w),
                       void (*done)(struct lode__work* w, int status));
/* Cancels w if no worker took it yet: done runs later with LODE_ECANCELED.
 * 0 or LODE_EBUSY. */
int lode__work_cancel(lode_loop_t* loop, struct lode__work* w);
/* Runs the done callbacks of a batch taken off loop->wq_done. */
void lode__work_done(lode_loop_t* loop, lode__queue_t* batch);

/* ---- hooks platform/ provides to loop/ ---- */

uint64_t lode__hrtime_ns(void);
/* Blocks the asynchronous signals in the calling thread (pool workers). */
void lode__thread_block_signals(void);
/* Gives the CPU to another thread (short waits on another thread's few
 * instructions, which may have been preempted). */
void lode__thread_yield(void);
int lode__platform_loop_init(lode_loop_t* loop);
void lode__platform_loop_close(lode_loop_t* loop);
/* Wakes the loop from any thread (eventfd / EVFILT_USER / IOCP post). */
void lode__platform_wakeup(lode_loop_t* loop);
/* The poll phase: waits up to timeout ms (-1: forever) and dispatches. */
void lode__io_poll(lode_loop_t* loop, int timeout);
/* The pending phase; non-zero when callbacks ran. */
int lode__run_pending(lode_loop_t* loop);
/* Non-zero when the pending phase has work (poll must not block). */
int lode__has_pending(const lode_loop_t* loop);
/* lode_close for the platform's handle types (streams, udp, signal,
 * process): stop everything, cancel what is queued. */
void lode__platform_close(lode_handle_t* handle);
/* Runs in the close phase right before close_cb: completes cancelled
 * requests (their callbacks see LODE_ECANCELED), frees owned memory. */
void lode__platform_finish_close(lode_handle_t* handle);
/* lode_ref/unref hooks are not needed: counting is generic. */

/* Puts a closing handle on the close queue. */
void lode__make_close_pending(lode_handle_t* handle);

#endif /* LODE_LOOP_INTERNAL_H */
