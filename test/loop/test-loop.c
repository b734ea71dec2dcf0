/* test-loop.c — loop lifecycle, run modes, phase order, close semantics,
 * ref/unref, walk, clocks, error names. */
#include <unistd.h>

#include "../task.h"

TEST_IMPL(loop_empty_run_returns) {
  lode_loop_t loop;
  ASSERT_OK(lode_loop_init(&loop));
  ASSERT(!lode_loop_alive(&loop));
  ASSERT_EQ(lode_run(&loop, LODE_RUN_DEFAULT), 0);
  ASSERT_EQ(lode_run(&loop, LODE_RUN_ONCE), 0);
  ASSERT_EQ(lode_run(&loop, LODE_RUN_NOWAIT), 0);
  ASSERT_GE(lode_backend_fd(&loop), 0);
  ASSERT_OK(lode_loop_close(&loop));
  return 0;
}

TEST_IMPL(loop_close_busy_while_handles_open) {
  lode_loop_t loop;
  lode_timer_t t;

  ASSERT_OK(lode_loop_init(&loop));
  ASSERT_OK(lode_timer_init(&loop, &t));
  /* Even an inactive handle makes close fail: its memory is the user's
   * and the loop still links it. */
  ASSERT_ERR(lode_loop_close(&loop), LODE_EBUSY);
  lode_close((lode_handle_t*) &t, NULL);
  /* Closing but the close callback has not run: still busy. */
  ASSERT_ERR(lode_loop_close(&loop), LODE_EBUSY);
  ASSERT_EQ(lode_run(&loop, LODE_RUN_DEFAULT), 0);
  ASSERT_OK(lode_loop_close(&loop));
  return 0;
}

TEST_IMPL(loop_default_loop) {
  lode_loop_t* loop = lode_default_loop();
  ASSERT_NOT_NULL(loop);
  ASSERT_PTR_EQ(loop, lode_default_loop());
  ASSERT_EQ(lode_run(loop, LODE_RUN_DEFAULT), 0);
  ASSERT_OK(lode_loop_close(loop));
  return 0;
}

/* ---- phase order ---- */

static char trace[256];
static int ntrace;
static lode_timer_t ph_timer;
static lode_idle_t ph_idle;
static lode_prepare_t ph_prepare;
static lode_check_t ph_check;
static int ph_turns;

static void mark(char c) {
  if (ntrace < (int) sizeof(trace) - 1) trace[ntrace++] = c;
  trace[ntrace] = '\0';
}

static void ph_close_cb(lode_handle_t* h) {
  (void) h;
  mark('x');
}

static void ph_timer_cb(lode_timer_t* t) {
  (void) t;
  mark('t');
}

static void ph_idle_cb(lode_idle_t* h) {
  (void) h;
  mark('i');
}

static void ph_prepare_cb(lode_prepare_t* h) {
  (void) h;
  mark('p');
}

static void ph_check_cb(lode_check_t* h) {
  (void) h;
  mark('c');
  if (++ph_turns == 2) {
    lode_close((lode_handle_t*) &ph_idle, ph_close_cb);
    lode_close((lode_handle_t*) &ph_prepare, NULL);
    lode_close((lode_handle_t*) &ph_check, NULL);
  }
}

TEST_IMPL(loop_phase_order) {
  lode_loop_t loop;

  ASSERT_OK(lode_loop_init(&loop));
  ntrace = 0;
  ph_turns = 0;
  ASSERT_OK(lode_timer_init(&loop, &ph_timer));
  ASSERT_OK(lode_idle_init(&loop, &ph_idle));
  ASSERT_OK(lode_prepare_init(&loop, &ph_prepare));
  ASSERT_OK(lode_check_init(&loop, &ph_check));
  ASSERT_OK(lode_check_start(&ph_check, ph_check_cb));
  ASSERT_OK(lode_prepare_start(&ph_prepare, ph_prepare_cb));
  ASSERT_OK(lode_idle_start(&ph_idle, ph_idle_cb));
  ASSERT_OK(lode_timer_start(&ph_timer, ph_timer_cb, 0, 0));
  /* Node's order: timers, (pending), idle, prepare, (poll), check, close.
   * The one-shot timer runs in turn one; turn two closes the rest, and
   * with nothing left the loop ends. */
  ASSERT_EQ(lode_run(&loop, LODE_RUN_DEFAULT), 0);
  ASSERT_STR_EQ(trace, "tipcipcx");
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

/* An active idle handle makes the poll phase non-blocking even with a
 * far timer pending. */
static int idle_spins;

static void idle_spin_cb(lode_idle_t* h) {
  (void) h;
  idle_spins++;
}

TEST_IMPL(loop_idle_keeps_poll_nonblocking) {
  lode_loop_t loop;
  lode_idle_t idle;
  lode_timer_t far;
  uint64_t start;

  ASSERT_OK(lode_loop_init(&loop));
  idle_spins = 0;
  ASSERT_OK(lode_idle_init(&loop, &idle));
  ASSERT_OK(lode_idle_start(&idle, idle_spin_cb));
  ASSERT_OK(lode_timer_init(&loop, &far));
  ASSERT_OK(lode_timer_start(&far, ph_timer_cb, 60000, 0));
  ASSERT_EQ(lode_backend_timeout(&loop), 0);
  start = lode_hrtime();
  while (idle_spins < 100) lode_run(&loop, LODE_RUN_ONCE);
  /* 100 turns with a 60 s timer pending: none of them waited. */
  ASSERT_UINT64_LE(lode_hrtime() - start, 2000 * 1000000u);
  /* Without the idle handle the poll would wait for the timer. */
  ASSERT_OK(lode_idle_stop(&idle));
  ASSERT_GT(lode_backend_timeout(&loop), 1000);
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

static int stop_count;

static void stop_idle_cb(lode_idle_t* h) {
  stop_count++;
  lode_stop(h->loop);
}

TEST_IMPL(loop_stop) {
  lode_loop_t loop;
  lode_idle_t idle;

  ASSERT_OK(lode_loop_init(&loop));
  stop_count = 0;
  ASSERT_OK(lode_idle_init(&loop, &idle));
  ASSERT_OK(lode_idle_start(&idle, stop_idle_cb));
  /* Stop ends the run after the current turn; the loop is still alive. */
  ASSERT_EQ(lode_run(&loop, LODE_RUN_DEFAULT), 1);
  ASSERT_EQ(stop_count, 1);
  /* The stop request was for one run call only. */
  ASSERT_EQ(lode_run(&loop, LODE_RUN_DEFAULT), 1);
  ASSERT_EQ(stop_count, 2);
  /* A stop before run makes run return without a turn. */
  lode_stop(&loop);
  ASSERT_EQ(lode_run(&loop, LODE_RUN_DEFAULT), 1);
  ASSERT_EQ(stop_count, 2);
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

static int once_fired;

static void once_timer_cb(lode_timer_t* t) {
  (void) t;
  once_fired++;
}

TEST_IMPL(loop_run_once_blocks_for_timer) {
  lode_loop_t loop;
  lode_timer_t t;
  uint64_t start;

  /* Taken before the loop caches its clock: the timer is due 30 ms after
   * that cached time, which may already be behind a clock read later. */
  start = lode_hrtime();
  ASSERT_OK(lode_loop_init(&loop));
  once_fired = 0;
  ASSERT_OK(lode_timer_init(&loop, &t));
  ASSERT_OK(lode_timer_start(&t, once_timer_cb, 30, 0));
  /* NOWAIT never blocks and the timer is not due yet. */
  ASSERT_EQ(lode_run(&loop, LODE_RUN_NOWAIT), 1);
  ASSERT_EQ(once_fired, 0);
  /* ONCE waits for the timer and runs it in the same call. */
  ASSERT_EQ(lode_run(&loop, LODE_RUN_ONCE), 0);
  ASSERT_EQ(once_fired, 1);
  ASSERT_UINT64_GE(lode_hrtime() - start, 29 * 1000000u);
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

TEST_IMPL(loop_clock) {
  lode_loop_t loop;
  uint64_t a, b, now1, now2;

  ASSERT_OK(lode_loop_init(&loop));
  a = lode_hrtime();
  b = lode_hrtime();
  ASSERT_UINT64_GE(b, a);
  now1 = lode_now(&loop);
  /* The cached clock does not move by itself ... */
  usleep(20000); /* the test is about the clock itself: time must pass */
  ASSERT_UINT64_EQ(lode_now(&loop), now1);
  /* ... only when updated (once per turn, or by hand). */
  lode_update_time(&loop);
  now2 = lode_now(&loop);
  ASSERT_UINT64_GE(now2 - now1, 19);
  ASSERT_UINT64_LE(now2 - now1, 5000);
  ASSERT_OK(lode_loop_close(&loop));
  return 0;
}

/* ---- close semantics ---- */

static int close_order[8];
static int nclose;

static void order_close_cb(lode_handle_t* h) {
  close_order[nclose++] = (int) (intptr_t) h->data;
}

TEST_IMPL(loop_close_callbacks_in_close_order) {
  lode_loop_t loop;
  lode_timer_t t[4];
  int i;

  ASSERT_OK(lode_loop_init(&loop));
  nclose = 0;
  for (i = 0; i < 4; i++) {
    ASSERT_OK(lode_timer_init(&loop, &t[i]));
    t[i].data = (void*) (intptr_t) i;
  }
  lode_close((lode_handle_t*) &t[2], order_close_cb);
  lode_close((lode_handle_t*) &t[0], order_close_cb);
  lode_close((lode_handle_t*) &t[3], order_close_cb);
  lode_close((lode_handle_t*) &t[1], order_close_cb);
  for (i = 0; i < 4; i++) ASSERT(lode_is_closing((lode_handle_t*) &t[i]));
  /* Close callbacks never run from inside lode_close. */
  ASSERT_EQ(nclose, 0);
  ASSERT(lode_loop_alive(&loop));
  ASSERT_EQ(lode_run(&loop, LODE_RUN_DEFAULT), 0);
  ASSERT_EQ(nclose, 4);
  ASSERT_EQ(close_order[0], 2);
  ASSERT_EQ(close_order[1], 0);
  ASSERT_EQ(close_order[2], 3);
  ASSERT_EQ(close_order[3], 1);
  ASSERT_OK(lode_loop_close(&loop));
  return 0;
}

/* Checks descending close order (39, 38, ... 5). */
static void order_seq_close_cb(lode_handle_t* h) {
  int i = (int) (intptr_t) h->data;
  ASSERT_EQ(i, 39 - nclose);
  nclose++;
}

/* The close queue keeps close order across many handles (one handle, two,
 * and a long list), and handles closed from inside a close callback wait
 * for the next turn's close phase, still in their own close order. */
static lode_timer_t chain_t[40];

static void chain_close_cb(lode_handle_t* h) {
  int i = (int) (intptr_t) h->data;
  if (nclose < 8) close_order[nclose] = i;
  nclose++;
  if (i == 1) {
    lode_close((lode_handle_t*) &chain_t[4], chain_close_cb);
    lode_close((lode_handle_t*) &chain_t[3], chain_close_cb);
  }
}

TEST_IMPL(loop_close_queue_fifo_across_turns) {
  lode_loop_t loop;
  int i;

  ASSERT_OK(lode_loop_init(&loop));
  for (i = 0; i < 40; i++) {
    ASSERT_OK(lode_timer_init(&loop, &chain_t[i]));
    chain_t[i].data = (void*) (intptr_t) i;
  }
  /* One handle. */
  nclose = 0;
  lode_close((lode_handle_t*) &chain_t[0], chain_close_cb);
  ASSERT_EQ(lode_run(&loop, LODE_RUN_NOWAIT), 0);
  ASSERT_EQ(nclose, 1);
  ASSERT_EQ(close_order[0], 0);
  /* 1 and 2 now; 1's callback closes 4 then 3, which run one turn later. */
  nclose = 0;
  lode_close((lode_handle_t*) &chain_t[1], chain_close_cb);
  lode_close((lode_handle_t*) &chain_t[2], chain_close_cb);
  ASSERT_EQ(lode_run(&loop, LODE_RUN_NOWAIT), 1);
  ASSERT_EQ(nclose, 2);
  ASSERT_EQ(close_order[0], 1);
  ASSERT_EQ(close_order[1], 2);
  ASSERT_EQ(lode_run(&loop, LODE_RUN_NOWAIT), 0);
  ASSERT_EQ(nclose, 4);
  ASSERT_EQ(close_order[2], 4);
  ASSERT_EQ(close_order[3], 3);
  /* A long list, closed in descending order. */
  nclose = 0;
  for (i = 39; i >= 5; i--)
    lode_close((lode_handle_t*) &chain_t[i], order_seq_close_cb);
  ASSERT_EQ(lode_run(&loop, LODE_RUN_DEFAULT), 0);
  ASSERT_EQ(nclose, 35);
  ASSERT_OK(lode_loop_close(&loop));
  return 0;
}

/* Handles on the heap freed in their close callback: the loop must not
 * touch them afterwards (ASan catches it if it does). */
static void free_close_cb(lode_handle_t* h) {
  free(h);
}

static void close_other_cb(lode_check_t* c) {
  lode_handle_t* other = c->data;
  lode_close(other, free_close_cb);
  lode_close((lode_handle_t*) c, free_close_cb);
}

TEST_IMPL(loop_close_inside_callbacks_and_free) {
  lode_loop_t loop;
  lode_check_t* c = malloc(sizeof(*c));
  lode_idle_t* i = malloc(sizeof(*i));

  ASSERT_OK(lode_loop_init(&loop));
  ASSERT_OK(lode_check_init(&loop, c));
  ASSERT_OK(lode_idle_init(&loop, i));
  ASSERT_OK(lode_idle_start(i, stop_idle_cb)); /* keeps running */
  c->data = i;
  ASSERT_OK(lode_check_start(c, close_other_cb));
  stop_count = 0;
  /* The idle stops the first run; the check closes both in that turn. */
  lode_run(&loop, LODE_RUN_DEFAULT);
  ASSERT_EQ(lode_run(&loop, LODE_RUN_DEFAULT), 0);
  ASSERT_OK(lode_loop_close(&loop));
  return 0;
}

/* ---- walk ---- */

static int walk_count;

static void walk_cb(lode_handle_t* h, void* arg) {
  ASSERT_PTR_EQ(arg, &walk_count);
  (void) h;
  walk_count++;
}

TEST_IMPL(loop_walk) {
  lode_loop_t loop;
  lode_timer_t t;
  lode_idle_t i;
  lode_check_t c;

  ASSERT_OK(lode_loop_init(&loop));
  walk_count = 0;
  lode_walk(&loop, walk_cb, &walk_count);
  /* Internal handles (the wake-up watcher, ...) are never shown. */
  ASSERT_EQ(walk_count, 0);
  ASSERT_OK(lode_timer_init(&loop, &t));
  ASSERT_OK(lode_idle_init(&loop, &i));
  ASSERT_OK(lode_check_init(&loop, &c));
  lode_walk(&loop, walk_cb, &walk_count);
  ASSERT_EQ(walk_count, 3);
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

/* ---- ref/unref on idle/prepare/check ---- */

TEST_IMPL(loop_ref_unref_loop_watchers) {
  lode_loop_t loop;
  lode_idle_t i;
  lode_prepare_t p;
  lode_check_t c;

  ASSERT_OK(lode_loop_init(&loop));
  ASSERT_OK(lode_idle_init(&loop, &i));
  ASSERT_OK(lode_prepare_init(&loop, &p));
  ASSERT_OK(lode_check_init(&loop, &c));
  lode_unref((lode_handle_t*) &i);
  lode_unref((lode_handle_t*) &p);
  lode_unref((lode_handle_t*) &c);
  ASSERT_OK(lode_idle_start(&i, stop_idle_cb));
  ASSERT_OK(lode_prepare_start(&p, ph_prepare_cb));
  ASSERT_OK(lode_check_start(&c, ph_check_cb));
  /* Active but unreferenced: the loop is not alive and run returns. */
  ASSERT(!lode_loop_alive(&loop));
  ASSERT_EQ(lode_run(&loop, LODE_RUN_DEFAULT), 0);
  lode_ref((lode_handle_t*) &p);
  ASSERT(lode_loop_alive(&loop));
  ASSERT_OK(lode_prepare_stop(&p));
  ASSERT(!lode_loop_alive(&loop));
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

/* ---- start/stop from inside the same phase ---- */

static lode_check_t late_check;
static int late_runs, early_runs;

static void late_cb(lode_check_t* h) {
  (void) h;
  late_runs++;
  lode_check_stop(h);
}

static void early_cb(lode_check_t* h) {
  early_runs++;
  /* Started during the check phase: runs next turn, not in this one. */
  if (early_runs == 1) {
    ASSERT_OK(lode_check_start(&late_check, late_cb));
    ASSERT_EQ(late_runs, 0);
  } else {
    lode_check_stop(h);
  }
}

TEST_IMPL(loop_watcher_started_in_phase_waits) {
  lode_loop_t loop;
  lode_check_t early;
  lode_idle_t idle;

  ASSERT_OK(lode_loop_init(&loop));
  late_runs = early_runs = 0;
  ASSERT_OK(lode_check_init(&loop, &early));
  ASSERT_OK(lode_check_init(&loop, &late_check));
  ASSERT_OK(lode_idle_init(&loop, &idle));
  ASSERT_OK(lode_idle_start(&idle, stop_idle_cb));
  ASSERT_OK(lode_check_start(&early, early_cb));
  lode_run(&loop, LODE_RUN_ONCE);
  ASSERT_EQ(early_runs, 1);
  ASSERT_EQ(late_runs, 0);
  lode_run(&loop, LODE_RUN_ONCE);
  ASSERT_EQ(early_runs, 2);
  ASSERT_EQ(late_runs, 1);
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

/* ---- errors ---- */

TEST_IMPL(loop_error_names) {
  ASSERT_STR_EQ(lode_err_name(LODE_ENOENT), "ENOENT");
  ASSERT_STR_EQ(lode_strerror(LODE_ENOENT), "no such file or directory");
  ASSERT_STR_EQ(lode_err_name(LODE_EOF), "EOF");
  ASSERT_STR_EQ(lode_strerror(LODE_ECONNREFUSED), "connection refused");
  ASSERT_STR_EQ(lode_err_name(LODE_EAI_NONAME), "EAI_NONAME");
  ASSERT_EQ(LODE_ENOENT, -ENOENT);
  ASSERT_EQ(lode_translate_sys_error(EMFILE), LODE_EMFILE);
  ASSERT_STR_EQ(lode_err_name(-123456), "Unknown system error -123456");
  ASSERT_EQ(lode_handle_size(LODE_TIMER), sizeof(lode_timer_t));
  ASSERT_EQ(lode_req_size(LODE_WRITE), sizeof(lode_write_t));
  ASSERT_STR_EQ(lode_handle_type_name(LODE_TCP), "tcp");
  return 0;
}

TEST_IMPL(loop_ip_addresses) {
  struct sockaddr_in a4;
  struct sockaddr_in6 a6;
  char buf[64];

  ASSERT_OK(lode_ip4_addr("127.0.0.1", 8080, &a4));
  ASSERT_EQ(ntohs(a4.sin_port), 8080);
  ASSERT_OK(lode_ip4_name(&a4, buf, sizeof(buf)));
  ASSERT_STR_EQ(buf, "127.0.0.1");
  ASSERT_ERR(lode_ip4_addr("256.0.0.1", 1, &a4), LODE_EINVAL);
  ASSERT_ERR(lode_ip4_addr("127.0.0.1", 70000, &a4), LODE_EINVAL);
  ASSERT_OK(lode_ip6_addr("::1", 443, &a6));
  ASSERT_OK(lode_ip_name((struct sockaddr*) &a6, buf, sizeof(buf)));
  ASSERT_STR_EQ(buf, "::1");
  ASSERT_ERR(lode_ip4_name(&a4, buf, 3), LODE_ENOSPC);
  ASSERT_ERR(lode_ip6_addr("not an address", 1, &a6), LODE_EINVAL);
  return 0;
}
