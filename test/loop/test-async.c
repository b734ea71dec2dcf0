/* test-async.c — waking the loop from other threads: delivery, coalescing,
 * many senders, close. */
#include "../task.h"

static lode_async_t async_h;
static lode_mutex_t mtx;
static lode_cond_t cond;
static int async_calls;
static volatile int sender_done;

static void count_async_cb(lode_async_t* h) {
  async_calls++;
  if (sender_done) lode_close((lode_handle_t*) h, NULL);
}

static void sender_thread(void* arg) {
  int i, n = (int) (intptr_t) arg;
  for (i = 0; i < n; i++) ASSERT_OK(lode_async_send(&async_h));
  __atomic_store_n(&sender_done, 1, __ATOMIC_SEQ_CST);
  ASSERT_OK(lode_async_send(&async_h));
}

TEST_IMPL(async_send_from_thread) {
  lode_loop_t loop;
  lode_thread_t tid;

  ASSERT_OK(lode_loop_init(&loop));
  async_calls = 0;
  sender_done = 0;
  ASSERT_OK(lode_async_init(&loop, &async_h, count_async_cb));
  /* Active from init: it keeps the loop alive until closed. */
  ASSERT(lode_is_active((lode_handle_t*) &async_h));
  ASSERT_OK(lode_thread_create(&tid, sender_thread, (void*) (intptr_t) 100000));
  ASSERT_EQ(lode_run(&loop, LODE_RUN_DEFAULT), 0);
  ASSERT_OK(lode_thread_join(&tid));
  /* Sends coalesce: at least one call, far fewer than sends. */
  ASSERT_GE(async_calls, 1);
  ASSERT_LT(async_calls, 100001);
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

/* Coalescing on one thread: three sends before the loop runs give one
 * callback. */
static void close_after_one_cb(lode_async_t* h) {
  async_calls++;
  lode_close((lode_handle_t*) h, NULL);
}

TEST_IMPL(async_coalesce) {
  lode_loop_t loop;

  ASSERT_OK(lode_loop_init(&loop));
  async_calls = 0;
  ASSERT_OK(lode_async_init(&loop, &async_h, close_after_one_cb));
  ASSERT_OK(lode_async_send(&async_h));
  ASSERT_OK(lode_async_send(&async_h));
  ASSERT_OK(lode_async_send(&async_h));
  ASSERT_EQ(lode_run(&loop, LODE_RUN_DEFAULT), 0);
  ASSERT_EQ(async_calls, 1);
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

/* No send is lost: a ping-pong of N rounds between a thread and the loop
 * completes exactly N rounds (each side waits for the other). */
static int pp_rounds;
static int pp_turn; /* 0: thread may send, 1: loop owes a reply */
static lode_async_t pp_async;

static void pp_thread(void* arg) {
  int i, n = (int) (intptr_t) arg;
  for (i = 0; i < n; i++) {
    lode_mutex_lock(&mtx);
    while (pp_turn != 0) lode_cond_wait(&cond, &mtx);
    pp_turn = 1;
    lode_mutex_unlock(&mtx);
    ASSERT_OK(lode_async_send(&pp_async));
  }
}

static void pp_cb(lode_async_t* h) {
  lode_mutex_lock(&mtx);
  if (pp_turn == 1) {
    pp_rounds++;
    pp_turn = 0;
    lode_cond_signal(&cond);
  }
  lode_mutex_unlock(&mtx);
  if (pp_rounds == 1000) lode_close((lode_handle_t*) h, NULL);
}

TEST_IMPL(async_ping_pong_no_lost_wakeups) {
  lode_loop_t loop;
  lode_thread_t tid;

  ASSERT_OK(lode_loop_init(&loop));
  ASSERT_OK(lode_mutex_init(&mtx));
  ASSERT_OK(lode_cond_init(&cond));
  pp_rounds = 0;
  pp_turn = 0;
  ASSERT_OK(lode_async_init(&loop, &pp_async, pp_cb));
  ASSERT_OK(lode_thread_create(&tid, pp_thread, (void*) (intptr_t) 1000));
  ASSERT_EQ(lode_run(&loop, LODE_RUN_DEFAULT), 0);
  ASSERT_OK(lode_thread_join(&tid));
  ASSERT_EQ(pp_rounds, 1000);
  lode_cond_destroy(&cond);
  lode_mutex_destroy(&mtx);
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

/* Many handles, many threads: every handle that was sent to gets called,
 * and a handle that was never sent to is never called. */
enum { NHANDLES = 64, NTHREADS = 4 };
static lode_async_t many[NHANDLES];
static int many_calls[NHANDLES];
static int many_seen;
static lode_async_t quiet;

static void many_cb(lode_async_t* h) {
  int idx = (int) (h - many);
  if (many_calls[idx]++ == 0) many_seen++;
  if (many_seen == NHANDLES) {
    int i;
    for (i = 0; i < NHANDLES; i++)
      if (!lode_is_closing((lode_handle_t*) &many[i]))
        lode_close((lode_handle_t*) &many[i], NULL);
    lode_close((lode_handle_t*) &quiet, NULL);
  }
}

static void quiet_cb(lode_async_t* h) {
  (void) h;
  ASSERT(0 && "a handle nobody sent to was called");
}

static void many_thread(void* arg) {
  int t = (int) (intptr_t) arg, i;
  for (i = t; i < NHANDLES; i += NTHREADS) ASSERT_OK(lode_async_send(&many[i]));
}

TEST_IMPL(async_many_handles_many_threads) {
  lode_loop_t loop;
  lode_thread_t tids[NTHREADS];
  int i;

  ASSERT_OK(lode_loop_init(&loop));
  many_seen = 0;
  for (i = 0; i < NHANDLES; i++) {
    many_calls[i] = 0;
    ASSERT_OK(lode_async_init(&loop, &many[i], many_cb));
  }
  ASSERT_OK(lode_async_init(&loop, &quiet, quiet_cb));
  for (i = 0; i < NTHREADS; i++)
    ASSERT_OK(lode_thread_create(&tids[i], many_thread, (void*) (intptr_t) i));
  ASSERT_EQ(lode_run(&loop, LODE_RUN_DEFAULT), 0);
  for (i = 0; i < NTHREADS; i++) ASSERT_OK(lode_thread_join(&tids[i]));
  ASSERT_EQ(many_seen, NHANDLES);
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

/* Closing a pending handle before the loop dispatches it: its callback
 * never runs and the loop does not touch it again. */
static void never_cb(lode_async_t* h) {
  (void) h;
  ASSERT(0 && "closed async handle was called");
}

TEST_IMPL(async_close_while_pending) {
  lode_loop_t loop;
  lode_async_t* h = malloc(sizeof(*h));

  ASSERT_OK(lode_loop_init(&loop));
  ASSERT_OK(lode_async_init(&loop, h, never_cb));
  ASSERT_OK(lode_async_send(h));
  lode_close((lode_handle_t*) h, (lode_close_cb) free);
  ASSERT_EQ(lode_run(&loop, LODE_RUN_DEFAULT), 0);
  ASSERT_OK(lode_loop_close(&loop));
  return 0;
}

TEST_IMPL(async_unref) {
  lode_loop_t loop;
  lode_async_t h;

  ASSERT_OK(lode_loop_init(&loop));
  ASSERT_OK(lode_async_init(&loop, &h, never_cb));
  ASSERT(lode_loop_alive(&loop));
  lode_unref((lode_handle_t*) &h);
  ASSERT(!lode_loop_alive(&loop));
  ASSERT_EQ(lode_run(&loop, LODE_RUN_DEFAULT), 0);
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

/* Many senders, no lost send: each sender counts a unit of work, then
 * sends; the loop closes once its callback has seen every unit. A send
 * lost after the last count (the pending flag cleared at the wrong moment,
 * a wake-up coalesced into one the loop had already consumed) leaves the
 * loop waiting forever and the test times out. */
enum { LS_THREADS = 4, LS_SENDS = 20000 };
static lode_async_t ls_async;
static int ls_count; /* accessed atomically */
static int ls_calls;

static void ls_cb(lode_async_t* h) {
  ls_calls++;
  if (__atomic_load_n(&ls_count, __ATOMIC_SEQ_CST) == LS_THREADS * LS_SENDS)
    lode_close((lode_handle_t*) h, NULL);
}

static void ls_thread(void* arg) {
  int i;
  (void) arg;
  for (i = 0; i < LS_SENDS; i++) {
    __atomic_add_fetch(&ls_count, 1, __ATOMIC_SEQ_CST);
    ASSERT_OK(lode_async_send(&ls_async));
  }
}

TEST_IMPL(async_many_senders_no_lost_send) {
  lode_loop_t loop;
  lode_thread_t tids[LS_THREADS];
  int i;

  ASSERT_OK(lode_loop_init(&loop));
  ls_count = 0;
  ls_calls = 0;
  ASSERT_OK(lode_async_init(&loop, &ls_async, ls_cb));
  for (i = 0; i < LS_THREADS; i++)
    ASSERT_OK(lode_thread_create(&tids[i], ls_thread, NULL));
  ASSERT_EQ(lode_run(&loop, LODE_RUN_DEFAULT), 0);
  for (i = 0; i < LS_THREADS; i++) ASSERT_OK(lode_thread_join(&tids[i]));
  ASSERT_GE(ls_calls, 1);
  ASSERT_LE(ls_calls, LS_THREADS * LS_SENDS);
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

/* Two loops each on its own thread ping-pong through one async handle
 * each (the async benchmark's round trip): every round arrives. */
enum { RT_ROUNDS = 20000 };
static lode_loop_t rt_loop2;
static lode_async_t rt_main, rt_other;
static int rt_rounds;
static int rt_stop; /* accessed atomically */

static void rt_other_cb(lode_async_t* h) {
  if (__atomic_load_n(&rt_stop, __ATOMIC_SEQ_CST)) {
    lode_close((lode_handle_t*) h, NULL);
    return;
  }
  ASSERT_OK(lode_async_send(&rt_main));
}

static void rt_main_cb(lode_async_t* h) {
  if (++rt_rounds == RT_ROUNDS) {
    __atomic_store_n(&rt_stop, 1, __ATOMIC_SEQ_CST);
    lode_close((lode_handle_t*) h, NULL);
  }
  ASSERT_OK(lode_async_send(&rt_other));
}

static void rt_thread(void* arg) {
  (void) arg;
  ASSERT_EQ(lode_run(&rt_loop2, LODE_RUN_DEFAULT), 0);
}

TEST_IMPL(async_two_loops_round_trip) {
  lode_loop_t loop;
  lode_thread_t tid;

  rt_rounds = 0;
  rt_stop = 0;
  ASSERT_OK(lode_loop_init(&loop));
  ASSERT_OK(lode_loop_init(&rt_loop2));
  ASSERT_OK(lode_async_init(&loop, &rt_main, rt_main_cb));
  ASSERT_OK(lode_async_init(&rt_loop2, &rt_other, rt_other_cb));
  ASSERT_OK(lode_thread_create(&tid, rt_thread, NULL));
  ASSERT_OK(lode_async_send(&rt_other));
  ASSERT_EQ(lode_run(&loop, LODE_RUN_DEFAULT), 0);
  ASSERT_OK(lode_thread_join(&tid));
  ASSERT_EQ(rt_rounds, RT_ROUNDS);
  ASSERT_LOOP_CLOSED(&rt_loop2);
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

/* Closing a handle while other threads keep sending to it: the sends that
 * land after lode_close are dropped (the callback never runs again), the
 * loop's lists stay intact, and once the close callback has stopped the
 * senders the memory can go. A second handle sent by the same threads
 * is still delivered afterwards. Run many times so the close meets senders at
 * every point of a send. */
enum { CS_THREADS = 3, CS_ROUNDS = 200 };
static lode_async_t* cs_victim;
static lode_async_t cs_other;
static lode_thread_t cs_tids[CS_THREADS];
static int cs_stop;       /* accessed atomically */
static int cs_closed;     /* the victim was closed: no more callbacks */
static int cs_victim_calls;
static int cs_other_calls;

static void cs_sender(void* arg) {
  lode_async_t* victim = arg;
  while (!__atomic_load_n(&cs_stop, __ATOMIC_SEQ_CST)) {
    ASSERT_OK(lode_async_send(victim));
    ASSERT_OK(lode_async_send(&cs_other));
  }
}

static void cs_victim_close_cb(lode_handle_t* h) {
  int i;
  __atomic_store_n(&cs_stop, 1, __ATOMIC_SEQ_CST);
  for (i = 0; i < CS_THREADS; i++) ASSERT_OK(lode_thread_join(&cs_tids[i]));
  free(h);
  /* The loop's lists survived: one more send still arrives. */
  ASSERT_OK(lode_async_send(&cs_other));
}

static void cs_victim_cb(lode_async_t* h) {
  ASSERT(!cs_closed);
  if (++cs_victim_calls == 3) {
    cs_closed = 1;
    lode_close((lode_handle_t*) h, cs_victim_close_cb);
  }
}

static void cs_other_cb(lode_async_t* h) {
  cs_other_calls++;
  if (__atomic_load_n(&cs_stop, __ATOMIC_SEQ_CST) &&
      !lode_is_closing((lode_handle_t*) h))
    lode_close((lode_handle_t*) h, NULL);
}

TEST_IMPL(async_close_while_senders_run) {
  lode_loop_t loop;
  int round, i;

  for (round = 0; round < CS_ROUNDS; round++) {
    ASSERT_OK(lode_loop_init(&loop));
    cs_victim = malloc(sizeof(*cs_victim));
    ASSERT_NOT_NULL(cs_victim);
    cs_stop = 0;
    cs_closed = 0;
    cs_victim_calls = 0;
    cs_other_calls = 0;
    ASSERT_OK(lode_async_init(&loop, cs_victim, cs_victim_cb));
    ASSERT_OK(lode_async_init(&loop, &cs_other, cs_other_cb));
    for (i = 0; i < CS_THREADS; i++)
      ASSERT_OK(lode_thread_create(&cs_tids[i], cs_sender, cs_victim));
    ASSERT_EQ(lode_run(&loop, LODE_RUN_DEFAULT), 0);
    ASSERT_EQ(cs_victim_calls, 3);
    ASSERT_LOOP_CLOSED(&loop);
  }
  return 0;
}
