/*
 * queue.h — intrusive circular doubly linked list (layer: loop/).
 *
 * A list head is a lode__queue_t whose next/prev point at itself when
 * empty. Elements embed a lode__queue_t and are recovered with
 * lode__queue_data(). Every operation is O(1) and allocation-free.
 */
#ifndef LODE_LOOP_QUEUE_H
#define LODE_LOOP_QUEUE_H

#include <stddef.h>

#include "lode.h"

#define lode__queue_data(ptr, type, field)                                    \
  ((type*) ((char*) (ptr) - offsetof(type, field)))

static inline void lode__queue_init(lode__queue_t* q) {
  q->next = q;
  q->prev = q;
}

static inline int lode__queue_empty(const lode__queue_t* q) {
  return q == q->next;
}

static inline lode__queue_t* lode__queue_head(const lode__queue_t* q) {
  return q->next;
}

static inline lode__queue_t* lode__queue_next(const lode__queue_t* q) {
  return q->next;
}

static inline void lode__queue_insert_tail(lode__queue_t* h, lode__queue_t* q) {
  q->next = h;
  q->prev = h->prev;
  q->prev->next = q;
  h->prev = q;
}

static inline void lode__queue_insert_head(lode__queue_t* h, lode__queue_t* q) {
  q->next = h->next;
  q->prev = h;
  q->next->prev = q;
  h->next = q;
}

/* Unlinks q and leaves it pointing at itself, so removing twice is safe
 * and lode__queue_empty(q) tells whether it is linked. */
static inline void lode__queue_remove(lode__queue_t* q) {
  q->prev->next = q->next;
  q->next->prev = q->prev;
  q->next = q;
  q->prev = q;
}

/* Moves every element of h to the (empty, initialized) head n. */
static inline void lode__queue_move(lode__queue_t* h, lode__queue_t* n) {
  if (lode__queue_empty(h)) {
    lode__queue_init(n);
    return;
  }
  n->next = h->next;
  n->prev = h->prev;
  n->next->prev = n;
  n->prev->next = n;
  lode__queue_init(h);
}

#define lode__queue_foreach(q, h) for ((q) = (h)->next; (q) != (h); (q) = (q)->next)

#endif /* LODE_LOOP_QUEUE_H */
