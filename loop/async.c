/*
 * async.c — waking the loop from other threads (layer: loop/).
 * Contract: loop/lode.h, "Async"; the wake-up object itself is the
 * platform's (lode__platform_wakeup: eventfd, EVFILT_USER, IOCP post).
 *
 * Everything that crosses threads goes through loop->async_mutex: the list
 * of pending async handles, the thread pool's finished work (wq_done), and
 * async_wakeup_sent, which makes senders coalesce: only the first sender
 * after the loop drained the lists touches the wake-up object. The loop
 * finds pending handles on their list, never by scanning all of them.
 */
#include "internal.h"

int lode_async_init(lode_loop_t* loop, lode_async_t* handle,
                    lode_async_cb cb) {
  lode__handle_init(loop, (lode_handle_t*) handle, LODE_ASYNC);
  handle->async_cb = cb;
  handle->pending = 0;
  lode__queue_init(&handle->pending_queue);
  lode__queue_insert_tail(&loop->async_handles, &handle->queue);
  lode__handle_start_m(handle);
  return 0;
}

void lode__async_wake_locked(lode_loop_t* loop) {
  if (loop->async_wakeup_sent) return;
  loop->async_wakeup_sent = 1;
  lode__platform_wakeup(loop);
}

int lode_async_send(lode_async_t* handle) {
  lode_loop_t* loop = handle->loop;

  /* Fast path: already pending, the callback is coming anyway. */
  if (__atomic_load_n(&handle->pending, __ATOMIC_ACQUIRE)) return 0;

  lode_mutex_lock(&loop->async_mutex);
  if (!handle->pending) {
    __atomic_store_n(&handle->pending, 1, __ATOMIC_RELEASE);
    lode__queue_insert_tail(&loop->async_pending, &handle->pending_queue);
    lode__async_wake_locked(loop);
  }
  lode_mutex_unlock(&loop->async_mutex);
  return 0;
}

void lode__async_close(lode_async_t* handle) {
  lode_loop_t* loop = handle->loop;

  lode_mutex_lock(&loop->async_mutex);
  lode__queue_remove(&handle->pending_queue);
  __atomic_store_n(&handle->pending, 0, __ATOMIC_RELEASE);
  lode_mutex_unlock(&loop->async_mutex);
  lode__queue_remove(&handle->queue);
  lode__handle_stop_m(handle);
}

void lode__async_dispatch(lode_loop_t* loop) {
  lode__queue_t handles;
  lode__queue_t work;
  lode__queue_t* q;
  lode_async_t* h;

  lode_mutex_lock(&loop->async_mutex);
  loop->async_wakeup_sent = 0;
  lode__queue_move(&loop->async_pending, &handles);
  lode__queue_move(&loop->wq_done, &work);
  lode_mutex_unlock(&loop->async_mutex);

  if (!lode__queue_empty(&work)) lode__work_done(loop, &work);

  while (!lode__queue_empty(&handles)) {
    q = lode__queue_head(&handles);
    h = lode__queue_data(q, lode_async_t, pending_queue);
    /* Clear pending before the callback: a send from now on schedules
     * another call, so no send is ever lost. The handle leaves the local
     * list under the mutex because a send may re-queue it meanwhile. */
    lode_mutex_lock(&loop->async_mutex);
    lode__queue_remove(q);
    __atomic_store_n(&h->pending, 0, __ATOMIC_RELEASE);
    lode_mutex_unlock(&loop->async_mutex);
    if (h->async_cb != NULL) h->async_cb(h);
  }
}
