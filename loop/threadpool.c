/*
 * threadpool.c — the process-wide worker pool (layer: loop/, OS-independent:
 * only the lode_thread/mutex/cond primitives of lode.h are used).
 *
 * Contract: loop/lode.h "The worker pool" and loop/internal.h "the thread
 * pool". A fixed number of workers (LODE_THREADPOOL_SIZE, default 4,
 * clamped to 1..1024) is started on first use and shared by every loop.
 * Work waits in one queue per lane (fs, DNS, user); idle workers sleep on a
 * condition variable. Lanes are served round-robin so fs and user work
 * share the workers fairly, and DNS work never holds more than half of them
 * (at least one), so slow lookups cannot starve file I/O.
 *
 * Hand-out stays under the pool mutex. A lock-free submission stack that
 * workers moved to the lanes was tried (issue 8): with 64 items in flight
 * (perf/loop/queue_work.c) it made workers sleep and be woken about twice
 * as often, and halved the throughput.
 *
 * Hand-over to the loop: a worker that finished an item pushes it on
 * loop->wq_done, a lock-free stack, and asks for one wake-up
 * (lode__async_post coalesces), so items that finish while the loop is
 * busy reach it as one batch; the loop runs their done callbacks, in the
 * order they finished, from lode__work_done.
 *
 * Item states (struct lode__work.state):
 *   QUEUED    on a lane queue (pool mutex)
 *   RUNNING   taken by a worker, then on loop->wq_done
 *   CANCELED  removed from its lane by lode__work_cancel, on loop->wq_done
 *   DONE      its done callback has run (loop thread)
 * QUEUED -> RUNNING and QUEUED -> CANCELED happen under the pool mutex, so
 * a cancel and a worker never both win the same item.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define POOL_DEFAULT_SIZE 4
#define POOL_MAX_SIZE 1024
#define POOL_NLANES 3

static lode_once_t pool_once = LODE_ONCE_INIT;
static lode_mutex_t pool_mutex;
static lode_cond_t pool_cond;     /* idle workers wait here */
static lode_cond_t started_cond;  /* pool_init waits for every worker */
static lode_thread_t* pool_threads;
static unsigned int pool_nthreads;
static unsigned int pool_started;
static unsigned int pool_idle;        /* workers waiting on pool_cond */
static unsigned int pool_dns_running; /* DNS items on workers now */
static unsigned int pool_dns_limit;
static unsigned int pool_next_lane;   /* round-robin cursor */
static lode__queue_t pool_lanes[POOL_NLANES];

/* LODE_THREADPOOL_SIZE: unset, empty or not a number gives the default;
 * numbers are clamped to 1..POOL_MAX_SIZE. */
static unsigned int pool_size_from_env(void) {
  const char* s = getenv("LODE_THREADPOOL_SIZE");
  char* end;
  long n;

  if (s == NULL || *s == '\0') return POOL_DEFAULT_SIZE;
  n = strtol(s, &end, 10);
  if (end == s) return POOL_DEFAULT_SIZE;
  if (n < 1) return 1;
  if (n > POOL_MAX_SIZE) return POOL_MAX_SIZE;
  return (unsigned int) n;
}

/* Whether a worker may take an item from lane now (pool mutex held). */
static int lane_ready(unsigned int lane) {
  if (lode__queue_empty(&pool_lanes[lane])) return 0;
  if (lane == LODE_WORK_LANE_DNS && pool_dns_running >= pool_dns_limit)
    return 0;
  return 1;
}

static int any_ready(void) {
  unsigned int lane;
  for (lane = 0; lane < POOL_NLANES; lane++)
    if (lane_ready(lane)) return 1;
  return 0;
}

/* Takes the next item, round-robin over the lanes that may run now, or
 * NULL (pool mutex held). */
static struct lode__work* take_next(void) {
  unsigned int i, lane;
  lode__queue_t* q;
  struct lode__work* w;

  for (i = 0; i < POOL_NLANES; i++) {
    lane = (pool_next_lane + i) % POOL_NLANES;
    if (!lane_ready(lane)) continue;
    pool_next_lane = (lane + 1) % POOL_NLANES;
    q = lode__queue_head(&pool_lanes[lane]);
    lode__queue_remove(q);
    w = lode__queue_data(q, struct lode__work, wq);
    assert(w->state == LODE__WORK_QUEUED);
    w->state = LODE__WORK_RUNNING;
    if (lane == LODE_WORK_LANE_DNS) pool_dns_running++;
    return w;
  }
  return NULL;
}

/* Gives a finished (or cancelled) item to its loop: one coalesced wake-up
 * however many items arrive before the loop takes the list. The item may be
 * freed by its owner as soon as it is pushed. */
static void post_done(struct lode__work* w) {
  lode__async_post(w->loop, &w->loop->wq_done, &w->wq);
}

static void worker(void* arg) {
  struct lode__work* w;
  int was_dns = 0;

  (void) arg;
  /* Signals belong to the loop threads (their handlers wake loops);
   * a worker interrupted mid-syscall would only add EINTR retries. */
  lode__thread_block_signals();
  lode_mutex_lock(&pool_mutex);
  pool_started++;
  lode_cond_signal(&started_cond);

  for (;;) {
    /* pool mutex held here */
    if (was_dns) {
      pool_dns_running--;
      was_dns = 0;
    }
    while ((w = take_next()) == NULL) {
      pool_idle++;
      lode_cond_wait(&pool_cond, &pool_mutex);
      pool_idle--;
    }
    was_dns = w->lane == LODE_WORK_LANE_DNS;
    /* More runnable work and a sleeping worker: pass the baton, so work
     * made runnable by a DNS slot freeing up is not left waiting. */
    if (pool_idle > 0 && any_ready()) lode_cond_signal(&pool_cond);
    lode_mutex_unlock(&pool_mutex);

    w->work(w);
    post_done(w); /* w must not be touched after this */

    lode_mutex_lock(&pool_mutex);
  }
}

static void pool_init(void) {
  unsigned int i, n;
  int err;

  n = pool_size_from_env();
  for (i = 0; i < POOL_NLANES; i++) lode__queue_init(&pool_lanes[i]);
  if (lode_mutex_init(&pool_mutex) != 0) LODE__ABORT("threadpool: mutex");
  if (lode_cond_init(&pool_cond) != 0) LODE__ABORT("threadpool: cond");
  if (lode_cond_init(&started_cond) != 0) LODE__ABORT("threadpool: cond");

  /* Process lifetime: the workers are never joined and this array never
   * freed. Plain calloc, not lode__calloc, so that it does not show up as a
   * live lode allocation in whichever test happens to start the pool. */
  pool_threads = calloc(n, sizeof(*pool_threads));
  if (pool_threads == NULL) LODE__ABORT("threadpool: out of memory");

  for (i = 0; i < n; i++) {
    err = lode_thread_create(&pool_threads[i], worker, NULL);
    if (err != 0) break;
  }
  if (i == 0) LODE__ABORT("threadpool: cannot start any worker");
  /* XXX: when the OS refuses threads part-way, the pool runs with fewer. */
  n = i;

  /* Wait until every worker runs, so that the start-up allocations made by
   * lode_thread_create are gone before any work is accepted. */
  lode_mutex_lock(&pool_mutex);
  pool_nthreads = n;
  pool_dns_limit = n / 2 > 0 ? n / 2 : 1;
  while (pool_started < n) lode_cond_wait(&started_cond, &pool_mutex);
  lode_mutex_unlock(&pool_mutex);
}

/* XXX: no pthread_atfork handling: a forked child (that does not exec)
 * cannot use a pool its parent had started. */
static void pool_start(void) {
  lode_once(&pool_once, pool_init);
}

unsigned int lode_threadpool_size(void) {
  pool_start();
  return pool_nthreads;
}

void lode__work_submit(lode_loop_t* loop, struct lode__work* w, int lane,
                       void (*work)(struct lode__work* w),
                       void (*done)(struct lode__work* w, int status)) {
  assert(lane >= 0 && lane < POOL_NLANES);
  assert(work != NULL && done != NULL);
  pool_start();
  w->loop = loop;
  w->work = work;
  w->done = done;
  w->lane = lane;

  lode_mutex_lock(&pool_mutex);
  w->state = LODE__WORK_QUEUED;
  lode__queue_insert_tail(&pool_lanes[lane], &w->wq);
  if (pool_idle > 0) lode_cond_signal(&pool_cond);
  lode_mutex_unlock(&pool_mutex);
}

int lode__work_cancel(lode_loop_t* loop, struct lode__work* w) {
  int cancelled = 0;

  assert(loop == w->loop);
  (void) loop;
  pool_start(); /* w was submitted, so this is a no-op; keeps it obvious */
  lode_mutex_lock(&pool_mutex);
  if (w->state == LODE__WORK_QUEUED) {
    lode__queue_remove(&w->wq);
    w->state = LODE__WORK_CANCELED;
    cancelled = 1;
  }
  lode_mutex_unlock(&pool_mutex);

  if (!cancelled) return LODE_EBUSY;
  post_done(w);
  return 0;
}

void lode__work_done(lode_loop_t* loop, lode__queue_t* batch) {
  lode__queue_t* q;
  struct lode__work* w;
  int status;

  (void) loop;
  while (!lode__queue_empty(batch)) {
    q = lode__queue_head(batch);
    lode__queue_remove(q);
    w = lode__queue_data(q, struct lode__work, wq);
    assert(w->loop == loop);
    assert(w->state == LODE__WORK_RUNNING || w->state == LODE__WORK_CANCELED);
    status = w->state == LODE__WORK_CANCELED ? LODE_ECANCELED : 0;
    w->state = LODE__WORK_DONE;
    /* done may free the request that embeds w. */
    w->done(w, status);
  }
}

/* ---- lode_queue_work: the user lane ---- */

static void user_work(struct lode__work* w) {
  lode_work_t* req = lode__queue_data(w, lode_work_t, work_req);
  req->work_cb(req);
}

static void user_done(struct lode__work* w, int status) {
  lode_work_t* req = lode__queue_data(w, lode_work_t, work_req);
  lode__req_unregister_m(req->loop, req);
  if (req->after_work_cb != NULL) req->after_work_cb(req, status);
}

int lode_queue_work(lode_loop_t* loop, lode_work_t* req, lode_work_cb work_cb,
                    lode_after_work_cb after_work_cb) {
  if (loop == NULL || req == NULL || work_cb == NULL) return LODE_EINVAL;
  lode__req_init((lode_req_t*) req, LODE_WORK);
  req->loop = loop;
  req->work_cb = work_cb;
  req->after_work_cb = after_work_cb;
  lode__req_register_m(loop, req);
  lode__work_submit(loop, &req->work_req, LODE_WORK_LANE_USER, user_work,
                    user_done);
  return 0;
}

int lode_cancel(lode_req_t* req) {
  struct lode__work* w;
  lode_loop_t* loop;

  if (req == NULL) return LODE_EINVAL;
  switch (req->type) {
    case LODE_FS: {
      lode_fs_t* r = (lode_fs_t*) req;
      /* A synchronous request never went to the pool. */
      if (r->cb == NULL) return LODE_EBUSY;
      loop = r->loop;
      w = &r->work_req;
      break;
    }
    case LODE_WORK:
      loop = ((lode_work_t*) req)->loop;
      w = &((lode_work_t*) req)->work_req;
      break;
    case LODE_GETADDRINFO:
      if (((lode_getaddrinfo_t*) req)->cb == NULL) return LODE_EBUSY;
      loop = ((lode_getaddrinfo_t*) req)->loop;
      w = &((lode_getaddrinfo_t*) req)->work_req;
      break;
    case LODE_GETNAMEINFO:
      if (((lode_getnameinfo_t*) req)->getnameinfo_cb == NULL)
        return LODE_EBUSY;
      loop = ((lode_getnameinfo_t*) req)->loop;
      w = &((lode_getnameinfo_t*) req)->work_req;
      break;
    default:
      return LODE_EINVAL;
  }
  return lode__work_cancel(loop, w);
}
