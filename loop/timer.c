/*
 * timer.c — timers on a binary min-heap (layer: loop/).
 * Contract: loop/lode.h, "Timers".
 *
 * The heap is a growable array of timer pointers ordered by (timeout,
 * start_id); each timer knows its index, so stop is O(log n). start_id
 * grows with every start, which gives FIFO order among equal deadlines.
 *
 * Running timers: every timer due at the start of the timers phase is
 * first moved off the heap onto a "ready" list, then the list runs. A
 * timer started (or restarted) from a callback therefore waits for the
 * next turn even with timeout 0 — Node's setTimeout(0) inside a timer —
 * and a timer stopped by an earlier callback of the same phase is simply
 * taken off the ready list and does not run.
 */
#include "internal.h"

#define HEAP_NONE UINT_MAX

static int timer_less(const lode_timer_t* a, const lode_timer_t* b) {
  if (a->timeout != b->timeout) return a->timeout < b->timeout;
  return a->start_id < b->start_id;
}

static void heap_set(lode__timer_heap* h, unsigned int i, lode_timer_t* t) {
  h->nodes[i] = t;
  t->heap_index = i;
}

static void heap_sift_up(lode__timer_heap* h, unsigned int i) {
  lode_timer_t* t = h->nodes[i];
  while (i > 0) {
    unsigned int parent = (i - 1) / 2;
    if (!timer_less(t, h->nodes[parent])) break;
    heap_set(h, i, h->nodes[parent]);
    i = parent;
  }
  heap_set(h, i, t);
}

static void heap_sift_down(lode__timer_heap* h, unsigned int i) {
  lode_timer_t* t = h->nodes[i];
  for (;;) {
    unsigned int l = 2 * i + 1;
    unsigned int r = l + 1;
    unsigned int m = i;
    lode_timer_t* best = t;
    if (l < h->n && timer_less(h->nodes[l], best)) {
      m = l;
      best = h->nodes[l];
    }
    if (r < h->n && timer_less(h->nodes[r], best)) {
      m = r;
      best = h->nodes[r];
    }
    if (m == i) break;
    heap_set(h, i, best);
    i = m;
  }
  heap_set(h, i, t);
}

static int heap_insert(lode__timer_heap* h, lode_timer_t* t) {
  if (h->n == h->cap) {
    unsigned int cap = h->cap ? h->cap * 2 : 16;
    lode_timer_t** nodes = lode__realloc(h->nodes, cap * sizeof(*nodes));
    if (nodes == NULL) return LODE_ENOMEM;
    h->nodes = nodes;
    h->cap = cap;
  }
  heap_set(h, h->n, t);
  h->n++;
  heap_sift_up(h, t->heap_index);
  return 0;
}

static void heap_remove(lode__timer_heap* h, lode_timer_t* t) {
  unsigned int i = t->heap_index;
  lode_timer_t* last;

  assert(i < h->n && h->nodes[i] == t);
  h->n--;
  last = h->nodes[h->n];
  t->heap_index = HEAP_NONE;
  if (i == h->n) return;
  heap_set(h, i, last);
  if (i > 0 && timer_less(last, h->nodes[(i - 1) / 2]))
    heap_sift_up(h, i);
  else
    heap_sift_down(h, i);
}

int lode_timer_init(lode_loop_t* loop, lode_timer_t* handle) {
  lode__handle_init(loop, (lode_handle_t*) handle, LODE_TIMER);
  handle->timer_cb = NULL;
  handle->timeout = 0;
  handle->repeat = 0;
  handle->start_id = 0;
  handle->heap_index = HEAP_NONE;
  lode__queue_init(&handle->ready);
  return 0;
}

/* Takes the timer out of the heap or the ready list, whichever holds it. */
static void timer_unlink(lode_timer_t* handle) {
  if (handle->heap_index != HEAP_NONE)
    heap_remove(&handle->loop->timer_heap, handle);
  lode__queue_remove(&handle->ready);
}

int lode_timer_start(lode_timer_t* handle, lode_timer_cb cb, uint64_t timeout,
                     uint64_t repeat) {
  lode_loop_t* loop = handle->loop;
  uint64_t due;
  int err;

  if (cb == NULL || lode__is_closing((lode_handle_t*) handle))
    return LODE_EINVAL;
  timer_unlink(handle);

  due = loop->time + timeout;
  if (due < timeout) due = UINT64_MAX; /* saturate instead of wrapping */
  handle->timer_cb = cb;
  handle->timeout = due;
  handle->repeat = repeat;
  handle->start_id = loop->timer_counter++;
  err = heap_insert(&loop->timer_heap, handle);
  if (err != 0) {
    lode__handle_stop_m(handle);
    return err;
  }
  lode__handle_start_m(handle);
  return 0;
}

int lode_timer_stop(lode_timer_t* handle) {
  timer_unlink(handle);
  lode__handle_stop_m(handle);
  return 0;
}

int lode_timer_again(lode_timer_t* handle) {
  if (handle->timer_cb == NULL) return LODE_EINVAL;
  if (handle->repeat != 0) {
    lode_timer_stop(handle);
    return lode_timer_start(handle, handle->timer_cb, handle->repeat,
                            handle->repeat);
  }
  return 0;
}

void lode_timer_set_repeat(lode_timer_t* handle, uint64_t repeat) {
  handle->repeat = repeat;
}

uint64_t lode_timer_get_repeat(const lode_timer_t* handle) {
  return handle->repeat;
}

uint64_t lode_timer_get_due_in(const lode_timer_t* handle) {
  if (!lode__is_active((const lode_handle_t*) handle)) return 0;
  if (handle->loop->time >= handle->timeout) return 0;
  return handle->timeout - handle->loop->time;
}

void lode__timer_close(lode_timer_t* handle) {
  lode_timer_stop(handle);
}

int lode__next_timeout(const lode_loop_t* loop) {
  const lode_timer_t* t;
  uint64_t diff;

  if (loop->timer_heap.n == 0) return -1;
  t = loop->timer_heap.nodes[0];
  if (t->timeout <= loop->time) return 0;
  diff = t->timeout - loop->time;
  if (diff > INT_MAX) diff = INT_MAX;
  return (int) diff;
}

void lode__run_timers(lode_loop_t* loop) {
  lode__timer_heap* heap = &loop->timer_heap;
  lode__queue_t ready;
  lode_timer_t* t;

  lode__queue_init(&ready);
  while (heap->n > 0) {
    t = heap->nodes[0];
    if (t->timeout > loop->time) break;
    heap_remove(heap, t);
    lode__queue_insert_tail(&ready, &t->ready);
  }

  while (!lode__queue_empty(&ready)) {
    t = lode__queue_data(lode__queue_head(&ready), lode_timer_t, ready);
    lode__queue_remove(&t->ready);
    /* A repeating timer is re-armed before its callback, so the callback
     * may stop it or change it. */
    if (t->repeat != 0) {
      uint64_t due = loop->time + t->repeat;
      if (due < t->repeat) due = UINT64_MAX;
      t->timeout = due;
      t->start_id = loop->timer_counter++;
      if (heap_insert(heap, t) != 0) lode__handle_stop_m(t);
    } else {
      lode__handle_stop_m(t);
    }
    t->timer_cb(t);
  }
}
