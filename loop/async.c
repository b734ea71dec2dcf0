/*
 * async.c — waking the loop from other threads (layer: loop/).
 * Contract: loop/lode.h, "Async"; the wake-up object itself is the
 * platform's (lode__platform_wakeup: eventfd, EVFILT_USER, IOCP post).
 *
 * Nothing here takes a lock. Two things cross threads: async handles that
 * were sent, and the thread pool's finished work. Each goes on a lock-free
 * intrusive stack on the loop (loop->async_stack, loop->wq_done: elements
 * linked through their lode__queue_t's next pointer, pushed with a
 * compare-exchange by any number of threads, taken whole by the loop with
 * one exchange, so there is no ABA: nothing pops single elements).
 * loop->async_wakeup_sent makes the pushers coalesce: only the one that
 * flips it from 0 to 1 touches the wake-up object, and the loop clears it
 * before it takes the stacks, so an element pushed after the take always
 * finds it clear (or set by a pusher that wakes the loop after it).
 *
 * loop->async_senders counts pushers between their push and the end of
 * their wake-up: the loop may see an element (and finish with it, and the
 * loop be closed) before its pusher is done touching the loop, so
 * lode_loop_close waits for the count to drop to 0 (libuv makes its loop
 * spin on the handle's pending word for the same reason).
 *
 * An async handle's pending word: 0 idle, 1 on its way to the loop (set by
 * the one sender whose compare-exchange won, cleared by the loop just
 * before the callback), 2 closed (sends are no-ops). The loop finds pending
 * handles on the stack, never by scanning all of them.
 */
#include "internal.h"

enum { ASYNC_IDLE = 0, ASYNC_PENDING = 1, ASYNC_CLOSED = 2 };

void lode__async_post(lode_loop_t* loop, lode__queue_t** stack,
                      lode__queue_t* q) {
  __atomic_add_fetch(&loop->async_senders, 1, __ATOMIC_SEQ_CST);
  lode__xstack_push(stack, q);
  /* The plain load keeps the shared line read-only while a wake-up is on
   * its way; it is ordered after the push (both seq_cst). */
  if (!__atomic_load_n(&loop->async_wakeup_sent, __ATOMIC_SEQ_CST) &&
      !__atomic_exchange_n(&loop->async_wakeup_sent, 1, __ATOMIC_SEQ_CST))
    lode__platform_wakeup(loop);
  __atomic_sub_fetch(&loop->async_senders, 1, __ATOMIC_SEQ_CST);
}

void lode__async_wait_senders(lode_loop_t* loop) {
  while (__atomic_load_n(&loop->async_senders, __ATOMIC_SEQ_CST) != 0)
    lode__thread_yield();
}

int lode_async_init(lode_loop_t* loop, lode_async_t* handle,
                    lode_async_cb cb) {
  lode__handle_init(loop, (lode_handle_t*) handle, LODE_ASYNC);
  handle->async_cb = cb;
  handle->pending = ASYNC_IDLE;
  lode__queue_init(&handle->pending_queue);
  lode__queue_insert_tail(&loop->async_handles, &handle->queue);
  lode__handle_start_m(handle);
  return 0;
}

int lode_async_send(lode_async_t* handle) {
  lode_loop_t* loop = handle->loop;
  int idle = ASYNC_IDLE;

  /* Fast path: already pending (the callback is coming anyway) or closed;
   * a plain load, so many senders do not fight over the line. */
  if (__atomic_load_n(&handle->pending, __ATOMIC_RELAXED) != ASYNC_IDLE)
    return 0;
  if (!__atomic_compare_exchange_n(&handle->pending, &idle, ASYNC_PENDING, 0,
                                   __ATOMIC_SEQ_CST, __ATOMIC_RELAXED))
    return 0;
  /* The push is the last touch of the handle: the loop may run the
   * callback (and the handle be closed and freed) as soon as it is on the
   * stack. */
  lode__async_post(loop, &loop->async_stack, &handle->pending_queue);
  return 0;
}

void lode__async_close(lode_async_t* handle) {
  lode_loop_t* loop = handle->loop;
  lode__queue_t* q;
  int old;

  /* From now on sends are no-ops. If one had won before, the handle is on
   * loop->async_pending, on the stack, or about to be pushed (a sender
   * between its compare-exchange and its push): take the stack until it
   * shows up, then unlink it. The wait is a few instructions unless that
   * sender was preempted; sends racing with close are a misuse anyway
   * (lode.h), this only keeps the loop's lists intact if it happens. */
  old = __atomic_exchange_n(&handle->pending, ASYNC_CLOSED, __ATOMIC_SEQ_CST);
  if (old == ASYNC_PENDING) {
    for (;;) {
      lode__xstack_take(&loop->async_stack, &loop->async_pending);
      lode__queue_foreach(q, &loop->async_pending) {
        if (q == &handle->pending_queue) break;
      }
      if (q != &loop->async_pending) break;
      lode__thread_yield();
    }
    lode__queue_remove(&handle->pending_queue);
  }
  lode__queue_remove(&handle->queue);
  lode__handle_stop_m(handle);
}

void lode__async_dispatch(lode_loop_t* loop) {
  lode__queue_t work;
  lode__queue_t* q;
  lode_async_t* h;

  /* Clear first: whatever is pushed after the takes below wakes us again. */
  __atomic_store_n(&loop->async_wakeup_sent, 0, __ATOMIC_SEQ_CST);
  lode__queue_init(&work);
  lode__xstack_take(&loop->wq_done, &work);
  lode__xstack_take(&loop->async_stack, &loop->async_pending);

  if (!lode__queue_empty(&work)) lode__work_done(loop, &work);

  /* async_pending is the loop's own list: a callback may close a handle
   * still on it (lode__async_close unlinks it) or send again (that goes on
   * the stack, for the next wake-up). */
  while (!lode__queue_empty(&loop->async_pending)) {
    q = lode__queue_head(&loop->async_pending);
    lode__queue_remove(q);
    h = lode__queue_data(q, lode_async_t, pending_queue);
    /* Clear pending before the callback: a send from now on schedules
     * another call, so no send is ever lost. */
    __atomic_store_n(&h->pending, ASYNC_IDLE, __ATOMIC_SEQ_CST);
    if (h->async_cb != NULL) h->async_cb(h);
  }
}
