/*
 * compat.c — lode internals that the C tests (test/loop/) call directly,
 * rebuilt on libuv so the test runner links against the adapter (layer:
 * platform/libuv). The runtime itself never calls these.
 *
 * lode__work_submit/lode__work_cancel: one uv_work_t per item, allocated
 * here and found again through the item's (otherwise unused) wq.next.
 * Lanes are not kept apart: libuv's pool has only its own fast/slow
 * classes, reachable through uv_queue_work as fast work.
 */
#include <netdb.h>

#include "internal.h"

typedef struct {
  uv_work_t uv;
  struct lode__work* w;
} work_item;

static void item_work(uv_work_t* u) {
  work_item* it = u->data;
  it->w->state = LODE__WORK_RUNNING;
  it->w->work(it->w);
}

static void item_done(uv_work_t* u, int status) {
  work_item* it = u->data;
  struct lode__work* w = it->w;
  w->wq.next = NULL;
  w->state = LODE__WORK_DONE;
  lode__free(it);
  w->done(w, status);
}

void lode__work_submit(lode_loop_t* loop, struct lode__work* w, int lane,
                       void (*work)(struct lode__work* w),
                       void (*done)(struct lode__work* w, int status)) {
  work_item* it = lode__malloc(sizeof(*it));
  if (it == NULL) LODE__ABORT("lode__work_submit: out of memory");
  w->work = work;
  w->done = done;
  w->loop = loop;
  w->lane = lane;
  w->state = LODE__WORK_QUEUED;
  w->wq.next = (lode__queue_t*) (void*) it;
  it->w = w;
  it->uv.data = it;
  if (uv_queue_work(&loop->uv, &it->uv, item_work, item_done) != 0)
    LODE__ABORT("lode__work_submit: uv_queue_work failed");
}

int lode__work_cancel(lode_loop_t* loop, struct lode__work* w) {
  work_item* it = (work_item*) (void*) w->wq.next;
  (void) loop;
  if (it == NULL) return LODE_EBUSY;
  return uv_cancel((uv_req_t*) &it->uv);
}

int lode__getaddrinfo_translate_error(int sys_err) {
  switch (sys_err) {
    case 0:
      return 0;
#if defined(EAI_ADDRFAMILY)
    case EAI_ADDRFAMILY:
      return LODE_EAI_ADDRFAMILY;
#endif
    case EAI_AGAIN:
      return LODE_EAI_AGAIN;
    case EAI_BADFLAGS:
      return LODE_EAI_BADFLAGS;
#if defined(EAI_CANCELED)
    case EAI_CANCELED:
      return LODE_EAI_CANCELED;
#endif
    case EAI_FAIL:
      return LODE_EAI_FAIL;
    case EAI_FAMILY:
      return LODE_EAI_FAMILY;
    case EAI_MEMORY:
      return LODE_EAI_MEMORY;
#if defined(EAI_NODATA) && (!defined(EAI_NONAME) || EAI_NODATA != EAI_NONAME)
    case EAI_NODATA:
      return LODE_EAI_NODATA;
#endif
    case EAI_NONAME:
      return LODE_EAI_NONAME;
#if defined(EAI_OVERFLOW)
    case EAI_OVERFLOW:
      return LODE_EAI_OVERFLOW;
#endif
    case EAI_SERVICE:
      return LODE_EAI_SERVICE;
    case EAI_SOCKTYPE:
      return LODE_EAI_SOCKTYPE;
#if defined(EAI_SYSTEM)
    case EAI_SYSTEM:
      return errno != 0 ? -errno : LODE_EAI_FAIL;
#endif
    default:
      return LODE_EAI_FAIL;
  }
}
