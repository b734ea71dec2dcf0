/*
 * test-signal.c — signal handles (test/, layer under test: platform/unix
 * signal.c). Contract: loop/lode.h, "Signals": delivery on the loop
 * thread to every started handle of every loop, oneshot, stop and close,
 * the default disposition back once the last handle stops.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "../task.h"

static int disposition_is_default(int signum) {
  struct sigaction sa;
  ASSERT_OK(sigaction(signum, NULL, &sa));
  return sa.sa_handler == SIG_DFL;
}

/* ---- one handle ---- */

static int one_calls;
static int one_signum;

static void one_cb(lode_signal_t* handle, int signum) {
  one_calls++;
  one_signum = signum;
  ASSERT_EQ(handle->signum, signum);
  lode_close((lode_handle_t*) handle, NULL);
}

TEST_IMPL(signal_raise_one) {
  lode_loop_t loop;
  lode_signal_t sig;

  ASSERT_OK(lode_loop_init(&loop));
  ASSERT_OK(lode_signal_init(&loop, &sig));
  ASSERT_OK(lode_signal_start(&sig, one_cb, SIGUSR1));
  ASSERT(lode_is_active((lode_handle_t*) &sig));
  ASSERT(!disposition_is_default(SIGUSR1));
  ASSERT_OK(raise(SIGUSR1));
  /* Never inside raise: only from the loop. */
  ASSERT_EQ(one_calls, 0);
  ASSERT_OK(lode_run(&loop, LODE_RUN_DEFAULT));
  ASSERT_EQ(one_calls, 1);
  ASSERT_EQ(one_signum, SIGUSR1);
  ASSERT(disposition_is_default(SIGUSR1));
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

TEST_IMPL(signal_kill_getpid) {
  lode_loop_t loop;
  lode_signal_t sig;

  one_calls = 0;
  ASSERT_OK(lode_loop_init(&loop));
  ASSERT_OK(lode_signal_init(&loop, &sig));
  ASSERT_OK(lode_signal_start(&sig, one_cb, SIGHUP));
  ASSERT_OK(kill(getpid(), SIGHUP));
  ASSERT_OK(lode_run(&loop, LODE_RUN_DEFAULT));
  ASSERT_EQ(one_calls, 1);
  ASSERT_EQ(one_signum, SIGHUP);
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

/* ---- several handles for one signal ---- */

static int multi_calls[3];

static void multi_cb(lode_signal_t* handle, int signum) {
  int i = (int) (intptr_t) handle->data;
  ASSERT_EQ(signum, SIGUSR2);
  multi_calls[i]++;
  ASSERT_OK(lode_signal_stop(handle));
  ASSERT(!lode_is_active((lode_handle_t*) handle));
}

TEST_IMPL(signal_several_handles) {
  lode_loop_t loop;
  lode_signal_t sig[3];
  int i;

  ASSERT_OK(lode_loop_init(&loop));
  for (i = 0; i < 3; i++) {
    ASSERT_OK(lode_signal_init(&loop, &sig[i]));
    sig[i].data = (void*) (intptr_t) i;
    ASSERT_OK(lode_signal_start(&sig[i], multi_cb, SIGUSR2));
  }
  ASSERT_OK(raise(SIGUSR2));
  ASSERT_OK(lode_run(&loop, LODE_RUN_DEFAULT));
  for (i = 0; i < 3; i++) ASSERT_EQ(multi_calls[i], 1);
  ASSERT(disposition_is_default(SIGUSR2));
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

/* ---- two loops on two threads ---- */

struct thread_ctx {
  lode_loop_t loop;
  lode_signal_t sig;
  int calls;
  lode_thread_t tid;
};

static lode_mutex_t ready_mutex;
static lode_cond_t ready_cond;
static int ready_count;

static void thread_signal_cb(lode_signal_t* handle, int signum) {
  struct thread_ctx* ctx = handle->data;
  ASSERT_EQ(signum, SIGUSR1);
  ctx->calls++;
  lode_close((lode_handle_t*) handle, NULL);
}

static void thread_main(void* arg) {
  struct thread_ctx* ctx = arg;
  ASSERT_OK(lode_loop_init(&ctx->loop));
  ASSERT_OK(lode_signal_init(&ctx->loop, &ctx->sig));
  ctx->sig.data = ctx;
  ASSERT_OK(lode_signal_start(&ctx->sig, thread_signal_cb, SIGUSR1));
  lode_mutex_lock(&ready_mutex);
  ready_count++;
  lode_cond_signal(&ready_cond);
  lode_mutex_unlock(&ready_mutex);
  ASSERT_OK(lode_run(&ctx->loop, LODE_RUN_DEFAULT));
  ASSERT_LOOP_CLOSED(&ctx->loop);
}

TEST_IMPL(signal_two_loops_two_threads) {
  struct thread_ctx ctx[2];
  int i;

  memset(ctx, 0, sizeof(ctx));
  ASSERT_OK(lode_mutex_init(&ready_mutex));
  ASSERT_OK(lode_cond_init(&ready_cond));
  for (i = 0; i < 2; i++)
    ASSERT_OK(lode_thread_create(&ctx[i].tid, thread_main, &ctx[i]));
  lode_mutex_lock(&ready_mutex);
  while (ready_count < 2) lode_cond_wait(&ready_cond, &ready_mutex);
  lode_mutex_unlock(&ready_mutex);
  /* One signal to the process reaches both loops. */
  ASSERT_OK(kill(getpid(), SIGUSR1));
  for (i = 0; i < 2; i++) ASSERT_OK(lode_thread_join(&ctx[i].tid));
  for (i = 0; i < 2; i++) ASSERT_EQ(ctx[i].calls, 1);
  ASSERT(disposition_is_default(SIGUSR1));
  lode_cond_destroy(&ready_cond);
  lode_mutex_destroy(&ready_mutex);
  return 0;
}

/* Two loops on one thread: each loop hears the signal once, however its
 * handles interleave with the other loop's in the process-wide list. */
static int two_loops_calls[2];

static void two_loops_cb(lode_signal_t* handle, int signum) {
  ASSERT_EQ(signum, SIGUSR2);
  two_loops_calls[(intptr_t) handle->data]++;
}

TEST_IMPL(signal_two_loops_one_thread) {
  lode_loop_t loop[2];
  lode_signal_t sig[4];
  int i;

  for (i = 0; i < 2; i++) ASSERT_OK(lode_loop_init(&loop[i]));
  for (i = 0; i < 4; i++) {
    ASSERT_OK(lode_signal_init(&loop[i % 2], &sig[i]));
    sig[i].data = (void*) (intptr_t) (i % 2);
    ASSERT_OK(lode_signal_start(&sig[i], two_loops_cb, SIGUSR2));
  }
  ASSERT_OK(raise(SIGUSR2));
  /* One turn reads everything the handler wrote: one delivery per loop
   * means one call per handle, not one per handle per handle. */
  lode_run(&loop[0], LODE_RUN_ONCE);
  ASSERT_EQ(two_loops_calls[0], 2);
  ASSERT_EQ(two_loops_calls[1], 0);
  lode_run(&loop[1], LODE_RUN_ONCE);
  ASSERT_EQ(two_loops_calls[1], 2);
  for (i = 0; i < 2; i++) ASSERT_LOOP_CLOSED(&loop[i]);
  ASSERT(disposition_is_default(SIGUSR2));
  return 0;
}

/* ---- oneshot ---- */

static int oneshot_calls;

static void oneshot_cb(lode_signal_t* handle, int signum) {
  ASSERT_EQ(signum, SIGUSR1);
  oneshot_calls++;
  /* Already stopped when the callback runs. */
  ASSERT(!lode_is_active((lode_handle_t*) handle));
  ASSERT(disposition_is_default(SIGUSR1));
}

TEST_IMPL(signal_oneshot) {
  lode_loop_t loop;
  lode_signal_t sig;

  ASSERT_OK(lode_loop_init(&loop));
  ASSERT_OK(lode_signal_init(&loop, &sig));
  ASSERT_OK(lode_signal_start_oneshot(&sig, oneshot_cb, SIGUSR1));
  /* Two deliveries, two bytes in the pipe: only the first is heard. */
  ASSERT_OK(raise(SIGUSR1));
  ASSERT_OK(raise(SIGUSR1));
  ASSERT_OK(lode_run(&loop, LODE_RUN_DEFAULT));
  ASSERT_EQ(oneshot_calls, 1);
  ASSERT(!lode_is_active((lode_handle_t*) &sig));
  /* Can be started again. */
  ASSERT_OK(lode_signal_start_oneshot(&sig, oneshot_cb, SIGUSR1));
  ASSERT_OK(raise(SIGUSR1));
  ASSERT_OK(lode_run(&loop, LODE_RUN_DEFAULT));
  ASSERT_EQ(oneshot_calls, 2);
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

/* ---- stop restores the default disposition ---- */

static void never_cb(lode_signal_t* handle, int signum) {
  TEST_FAIL_("signal %d delivered to a stopped handle", signum);
}

TEST_IMPL(signal_stop_restores_default) {
  lode_loop_t loop;
  lode_signal_t a, b;
  sigset_t set, old;

  ASSERT_OK(lode_loop_init(&loop));
  ASSERT_OK(lode_signal_init(&loop, &a));
  ASSERT_OK(lode_signal_init(&loop, &b));
  ASSERT(disposition_is_default(SIGWINCH));
  ASSERT_OK(lode_signal_start(&a, never_cb, SIGWINCH));
  ASSERT_OK(lode_signal_start(&b, never_cb, SIGWINCH));
  ASSERT(!disposition_is_default(SIGWINCH));
  ASSERT_OK(lode_signal_stop(&a));
  ASSERT(!disposition_is_default(SIGWINCH)); /* b still watches */
  ASSERT_OK(lode_signal_stop(&a));           /* idempotent */
  ASSERT_OK(lode_signal_stop(&b));
  ASSERT(disposition_is_default(SIGWINCH));

  /* Restarting on another signal releases the first one. */
  ASSERT_OK(lode_signal_start(&a, never_cb, SIGWINCH));
  ASSERT_OK(lode_signal_start(&a, never_cb, SIGURG));
  ASSERT(disposition_is_default(SIGWINCH));
  ASSERT(!disposition_is_default(SIGURG));
  /* Close releases it too. */
  lode_close((lode_handle_t*) &a, NULL);
  ASSERT(disposition_is_default(SIGURG));

  /* Nobody watches any more: SIGWINCH takes its default action (ignored)
   * and no callback runs. */
  sigemptyset(&set);
  sigaddset(&set, SIGWINCH);
  ASSERT_OK(sigprocmask(SIG_BLOCK, &set, &old));
  ASSERT_OK(raise(SIGWINCH));
  ASSERT_OK(sigprocmask(SIG_SETMASK, &old, NULL));
  ASSERT_EQ(lode_run(&loop, LODE_RUN_DEFAULT), 0);
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

/* ---- closing inside the callback ---- */

static lode_signal_t close_a, close_b;
static int close_a_calls, close_b_calls, close_cbs;

static void close_cb(lode_handle_t* handle) {
  close_cbs++;
}

static void close_a_cb(lode_signal_t* handle, int signum) {
  close_a_calls++;
  /* Close itself and the other handle, which would run next. */
  lode_close((lode_handle_t*) &close_a, close_cb);
  lode_close((lode_handle_t*) &close_b, close_cb);
}

static void close_b_cb(lode_signal_t* handle, int signum) {
  close_b_calls++;
}

TEST_IMPL(signal_close_in_callback) {
  lode_loop_t loop;

  ASSERT_OK(lode_loop_init(&loop));
  ASSERT_OK(lode_signal_init(&loop, &close_a));
  ASSERT_OK(lode_signal_init(&loop, &close_b));
  ASSERT_OK(lode_signal_start(&close_a, close_a_cb, SIGUSR1));
  ASSERT_OK(lode_signal_start(&close_b, close_b_cb, SIGUSR1));
  ASSERT_OK(raise(SIGUSR1));
  ASSERT_OK(raise(SIGUSR1));
  ASSERT_OK(lode_run(&loop, LODE_RUN_DEFAULT));
  ASSERT_EQ(close_a_calls, 1);
  ASSERT_EQ(close_b_calls, 0);
  ASSERT_EQ(close_cbs, 2);
  ASSERT(disposition_is_default(SIGUSR1));
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

/* ---- bad arguments, ref counting ---- */

TEST_IMPL(signal_invalid_args) {
  lode_loop_t loop;
  lode_signal_t sig;

  ASSERT_OK(lode_loop_init(&loop));
  ASSERT_OK(lode_signal_init(&loop, &sig));
  ASSERT_ERR(lode_signal_start(&sig, never_cb, SIGKILL), LODE_EINVAL);
  ASSERT_ERR(lode_signal_start(&sig, never_cb, SIGSTOP), LODE_EINVAL);
  ASSERT_ERR(lode_signal_start(&sig, never_cb, 0), LODE_EINVAL);
  ASSERT_ERR(lode_signal_start(&sig, never_cb, 100000), LODE_EINVAL);
  ASSERT_ERR(lode_signal_start(&sig, NULL, SIGUSR1), LODE_EINVAL);
  ASSERT(!lode_is_active((lode_handle_t*) &sig));
  ASSERT_OK(lode_signal_stop(&sig)); /* never started */
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

TEST_IMPL(signal_unref_does_not_keep_alive) {
  lode_loop_t loop;
  lode_signal_t sig;

  ASSERT_OK(lode_loop_init(&loop));
  ASSERT_OK(lode_signal_init(&loop, &sig));
  ASSERT_OK(lode_signal_start(&sig, never_cb, SIGUSR1));
  ASSERT(lode_loop_alive(&loop));
  lode_unref((lode_handle_t*) &sig);
  ASSERT(!lode_loop_alive(&loop));
  ASSERT_EQ(lode_run(&loop, LODE_RUN_DEFAULT), 0);
  ASSERT_LOOP_CLOSED(&loop);
  ASSERT(disposition_is_default(SIGUSR1));
  return 0;
}

/* ---- a flood: the pipe fills, nothing blocks, errno survives ---- */

static int flood_calls;

static void flood_cb(lode_signal_t* handle, int signum) {
  flood_calls++;
  lode_close((lode_handle_t*) handle, NULL);
}

TEST_IMPL(signal_flood_keeps_errno) {
  lode_loop_t loop;
  lode_signal_t sig;
  int i;

  ASSERT_OK(lode_loop_init(&loop));
  ASSERT_OK(lode_signal_init(&loop, &sig));
  ASSERT_OK(lode_signal_start(&sig, flood_cb, SIGUSR1));
  /* Far more than the pipe holds: the handler's write fails with EAGAIN
   * at the end, and that must not leak into the interrupted code. */
  for (i = 0; i < 70000; i++) {
    errno = ERANGE;
    ASSERT_OK(raise(SIGUSR1));
    ASSERT_EQ(errno, ERANGE);
  }
  ASSERT_OK(lode_run(&loop, LODE_RUN_DEFAULT));
  ASSERT_EQ(flood_calls, 1);
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

/* A handle started from a callback does not hear the delivery being
 * dispatched, but hears the next one. */
static lode_signal_t late_a, late_b;
static int late_a_calls, late_b_calls;

static void late_b_cb(lode_signal_t* handle, int signum) {
  late_b_calls++;
  lode_close((lode_handle_t*) &late_a, NULL);
  lode_close((lode_handle_t*) &late_b, NULL);
}

static void late_a_cb(lode_signal_t* handle, int signum) {
  late_a_calls++;
  if (late_a_calls == 1) {
    ASSERT_OK(lode_signal_start(&late_b, late_b_cb, SIGUSR2));
    ASSERT_OK(raise(SIGUSR2));
  }
}

TEST_IMPL(signal_start_from_callback) {
  lode_loop_t loop;

  ASSERT_OK(lode_loop_init(&loop));
  ASSERT_OK(lode_signal_init(&loop, &late_a));
  ASSERT_OK(lode_signal_init(&loop, &late_b));
  ASSERT_OK(lode_signal_start(&late_a, late_a_cb, SIGUSR2));
  ASSERT_OK(raise(SIGUSR2));
  ASSERT_OK(lode_run(&loop, LODE_RUN_DEFAULT));
  ASSERT_EQ(late_a_calls, 2);
  ASSERT_EQ(late_b_calls, 1);
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}
