/* test-timer.c — timers: ordering, repeat, again, start/stop from inside
 * callbacks, due-in, ref/unref. */
#include "../task.h"

static int order[64];
static int norder;

static void record_cb(lode_timer_t* t) {
  order[norder++] = (int) (intptr_t) t->data;
}

TEST_IMPL(timer_order_by_timeout) {
  lode_loop_t loop;
  lode_timer_t t[5];
  int timeouts[5] = {40, 10, 30, 0, 20};
  int i;

  ASSERT_OK(lode_loop_init(&loop));
  norder = 0;
  for (i = 0; i < 5; i++) {
    ASSERT_OK(lode_timer_init(&loop, &t[i]));
    t[i].data = (void*) (intptr_t) timeouts[i];
    ASSERT_OK(lode_timer_start(&t[i], record_cb, (uint64_t) timeouts[i], 0));
  }
  ASSERT_EQ(lode_run(&loop, LODE_RUN_DEFAULT), 0);
  ASSERT_EQ(norder, 5);
  ASSERT_EQ(order[0], 0);
  ASSERT_EQ(order[1], 10);
  ASSERT_EQ(order[2], 20);
  ASSERT_EQ(order[3], 30);
  ASSERT_EQ(order[4], 40);
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

TEST_IMPL(timer_fifo_equal_deadlines) {
  lode_loop_t loop;
  lode_timer_t t[32];
  int i;

  ASSERT_OK(lode_loop_init(&loop));
  norder = 0;
  /* Same timeout, started in order: must fire in start order. The heap
   * alone would not keep that; start_id does. */
  for (i = 0; i < 32; i++) {
    ASSERT_OK(lode_timer_init(&loop, &t[i]));
    t[i].data = (void*) (intptr_t) i;
  }
  for (i = 0; i < 32; i++)
    ASSERT_OK(lode_timer_start(&t[(i * 7) % 32], record_cb, 5, 0));
  ASSERT_EQ(lode_run(&loop, LODE_RUN_DEFAULT), 0);
  ASSERT_EQ(norder, 32);
  for (i = 0; i < 32; i++) ASSERT_EQ(order[i], (i * 7) % 32);
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

static int repeat_count;

static void repeat_cb(lode_timer_t* t) {
  repeat_count++;
  if (repeat_count == 5) ASSERT_OK(lode_timer_stop(t));
}

TEST_IMPL(timer_repeat) {
  lode_loop_t loop;
  lode_timer_t t;
  uint64_t start;

  ASSERT_OK(lode_loop_init(&loop));
  repeat_count = 0;
  ASSERT_OK(lode_timer_init(&loop, &t));
  lode_update_time(&loop);
  start = lode_now(&loop);
  ASSERT_OK(lode_timer_start(&t, repeat_cb, 2, 3));
  ASSERT_UINT64_EQ(lode_timer_get_repeat(&t), 3);
  ASSERT_EQ(lode_run(&loop, LODE_RUN_DEFAULT), 0);
  ASSERT_EQ(repeat_count, 5);
  /* Due times count on the loop clock: 2 + 4 * 3 ms at least. */
  ASSERT_UINT64_GE(lode_now(&loop) - start, 14);
  ASSERT(!lode_is_active((lode_handle_t*) &t));
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

TEST_IMPL(timer_again) {
  lode_loop_t loop;
  lode_timer_t t;

  ASSERT_OK(lode_loop_init(&loop));
  ASSERT_OK(lode_timer_init(&loop, &t));
  /* Never started: again is an error. */
  ASSERT_ERR(lode_timer_again(&t), LODE_EINVAL);
  repeat_count = 0;
  ASSERT_OK(lode_timer_start(&t, repeat_cb, 1000, 0));
  lode_timer_set_repeat(&t, 1);
  /* again uses repeat as the new timeout: fires after ~1 ms, not 1000. */
  ASSERT_OK(lode_timer_again(&t));
  ASSERT_UINT64_LE(lode_timer_get_due_in(&t), 1);
  ASSERT_EQ(lode_run(&loop, LODE_RUN_DEFAULT), 0);
  ASSERT_EQ(repeat_count, 5);
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

static lode_timer_t chain_timer;
static int chain_turns;
static int chain_fired;

static void chain_prepare(lode_prepare_t* p) {
  chain_turns++;
  if (chain_fired >= 3) lode_prepare_stop(p);
}

static void chain_cb(lode_timer_t* t) {
  chain_fired++;
  /* A zero timer started from a timer callback must not run in the same
   * timers phase (it would starve the loop); it runs next turn. */
  if (chain_fired < 3) ASSERT_OK(lode_timer_start(t, chain_cb, 0, 0));
}

TEST_IMPL(timer_start_from_callback_runs_next_turn) {
  lode_loop_t loop;
  lode_prepare_t p;

  ASSERT_OK(lode_loop_init(&loop));
  chain_turns = chain_fired = 0;
  ASSERT_OK(lode_prepare_init(&loop, &p));
  ASSERT_OK(lode_prepare_start(&p, chain_prepare));
  ASSERT_OK(lode_timer_init(&loop, &chain_timer));
  ASSERT_OK(lode_timer_start(&chain_timer, chain_cb, 0, 0));
  /* NOWAIT: one turn, one timers phase. */
  ASSERT_EQ(lode_run(&loop, LODE_RUN_NOWAIT), 1);
  ASSERT_EQ(chain_fired, 1);
  ASSERT_EQ(lode_run(&loop, LODE_RUN_NOWAIT), 1);
  ASSERT_EQ(chain_fired, 2);
  lode_run(&loop, LODE_RUN_DEFAULT);
  ASSERT_EQ(chain_fired, 3);
  ASSERT_GE(chain_turns, 3);
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

static lode_timer_t victim;
static int victim_fired;

static void victim_cb(lode_timer_t* t) {
  (void) t;
  victim_fired++;
}

static void killer_cb(lode_timer_t* t) {
  (void) t;
  /* Both due in this phase; the victim was started later, so it has not
   * run yet. Stopping it now must keep it from running. */
  ASSERT_OK(lode_timer_stop(&victim));
}

TEST_IMPL(timer_stop_other_due_timer_from_callback) {
  lode_loop_t loop;
  lode_timer_t killer;

  ASSERT_OK(lode_loop_init(&loop));
  victim_fired = 0;
  ASSERT_OK(lode_timer_init(&loop, &killer));
  ASSERT_OK(lode_timer_init(&loop, &victim));
  ASSERT_OK(lode_timer_start(&killer, killer_cb, 1, 0));
  ASSERT_OK(lode_timer_start(&victim, victim_cb, 1, 0));
  ASSERT_EQ(lode_run(&loop, LODE_RUN_DEFAULT), 0);
  ASSERT_EQ(victim_fired, 0);
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

static int self_close_count;

static void self_close_cb(lode_handle_t* h) {
  (void) h;
  self_close_count++;
}

static void close_self_timer_cb(lode_timer_t* t) {
  lode_close((lode_handle_t*) t, self_close_cb);
}

TEST_IMPL(timer_close_from_own_callback) {
  lode_loop_t loop;
  lode_timer_t t;

  ASSERT_OK(lode_loop_init(&loop));
  self_close_count = 0;
  ASSERT_OK(lode_timer_init(&loop, &t));
  /* Repeating: closing inside the callback must stop the re-arm too. */
  ASSERT_OK(lode_timer_start(&t, close_self_timer_cb, 1, 1));
  ASSERT_EQ(lode_run(&loop, LODE_RUN_DEFAULT), 0);
  ASSERT_EQ(self_close_count, 1);
  ASSERT_OK(lode_loop_close(&loop));
  return 0;
}

TEST_IMPL(timer_start_errors) {
  lode_loop_t loop;
  lode_timer_t t;

  ASSERT_OK(lode_loop_init(&loop));
  ASSERT_OK(lode_timer_init(&loop, &t));
  ASSERT_ERR(lode_timer_start(&t, NULL, 1, 0), LODE_EINVAL);
  lode_close((lode_handle_t*) &t, NULL);
  ASSERT_ERR(lode_timer_start(&t, victim_cb, 1, 0), LODE_EINVAL);
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

TEST_IMPL(timer_huge_timeout_saturates) {
  lode_loop_t loop;
  lode_timer_t t1, t2;

  ASSERT_OK(lode_loop_init(&loop));
  ASSERT_OK(lode_timer_init(&loop, &t1));
  ASSERT_OK(lode_timer_init(&loop, &t2));
  ASSERT_OK(lode_timer_start(&t1, victim_cb, UINT64_MAX, 0));
  ASSERT_OK(lode_timer_start(&t2, victim_cb, UINT64_MAX - 1, 0));
  /* No wrap-around: neither is due, and the poll timeout is capped. */
  ASSERT_UINT64_GE(lode_timer_get_due_in(&t1), 1000000);
  ASSERT_GT(lode_backend_timeout(&loop), 1000000);
  victim_fired = 0;
  ASSERT_EQ(lode_run(&loop, LODE_RUN_NOWAIT), 1);
  ASSERT_EQ(victim_fired, 0);
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

TEST_IMPL(timer_unref_does_not_keep_loop_alive) {
  lode_loop_t loop;
  lode_timer_t t;
  uint64_t start;

  ASSERT_OK(lode_loop_init(&loop));
  ASSERT_OK(lode_timer_init(&loop, &t));
  ASSERT_OK(lode_timer_start(&t, victim_cb, 10000, 0));
  lode_unref((lode_handle_t*) &t);
  ASSERT(!lode_has_ref((lode_handle_t*) &t));
  ASSERT(lode_is_active((lode_handle_t*) &t));
  ASSERT(!lode_loop_alive(&loop));
  start = lode_hrtime();
  ASSERT_EQ(lode_run(&loop, LODE_RUN_DEFAULT), 0);
  ASSERT_UINT64_LE(lode_hrtime() - start, 1000 * 1000000u);
  /* ref again: the loop is alive while the timer is active. */
  lode_ref((lode_handle_t*) &t);
  lode_ref((lode_handle_t*) &t); /* idempotent */
  ASSERT(lode_loop_alive(&loop));
  lode_unref((lode_handle_t*) &t);
  lode_unref((lode_handle_t*) &t);
  ASSERT(!lode_loop_alive(&loop));
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

/* Many timers with pseudo-random timeouts fire in non-decreasing due
 * order, and each exactly once (exercises the heap's sift paths). */
static uint64_t last_due;
static int many_fired;

static void many_cb(lode_timer_t* t) {
  uint64_t due = (uint64_t) (uintptr_t) t->data;
  ASSERT_UINT64_GE(due, last_due);
  last_due = due;
  many_fired++;
}

TEST_IMPL(timer_many_random) {
  enum { N = 2000 };
  lode_loop_t loop;
  lode_timer_t* t;
  unsigned int seed = 12345;
  int i;

  ASSERT_OK(lode_loop_init(&loop));
  t = malloc(N * sizeof(*t));
  ASSERT_NOT_NULL(t);
  last_due = 0;
  many_fired = 0;
  for (i = 0; i < N; i++) {
    uint64_t timeout;
    seed = seed * 1103515245u + 12345u;
    timeout = (seed >> 16) % 50;
    ASSERT_OK(lode_timer_init(&loop, &t[i]));
    t[i].data = (void*) (uintptr_t) (lode_now(&loop) + timeout);
    ASSERT_OK(lode_timer_start(&t[i], many_cb, timeout, 0));
  }
  /* Stop every third one again: they must not fire. */
  for (i = 0; i < N; i += 3) ASSERT_OK(lode_timer_stop(&t[i]));
  ASSERT_EQ(lode_run(&loop, LODE_RUN_DEFAULT), 0);
  ASSERT_EQ(many_fired, N - (N + 2) / 3);
  ASSERT_LOOP_CLOSED(&loop);
  free(t);
  return 0;
}
