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
