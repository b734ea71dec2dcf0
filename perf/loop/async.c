/*
 * async — cross-thread wake-ups (perf/, see bench.h).
 *
 *   async roundtrip: the main loop and a second thread with its own loop
 *       send each other one async wake-up at a time; round trips per second.
 *   async pummel N: N threads call async_send on one handle as fast as they
 *       can for the run's duration; the loop counts callbacks. Callbacks
 *       per second, and sends per callback (how well sends coalesce).
 * Threads are plain pthreads on both backends.
 */
#include <pthread.h>
#include <stdatomic.h>
#include "bench.h"

static BK(loop_t) main_loop, worker_loop;
static BK(async_t) main_async, worker_async;
static uint64_t roundtrips, target;
static atomic_int done;
static bench_clock_t clk;

/* ---- roundtrip ---- */

static void worker_async_cb(BK(async_t)* h) {
  if (atomic_load(&done)) {
    BK(close)((BK(handle_t)*) h, NULL);
    return;
  }
  CHECK(BK(async_send)(&main_async));
}

static void main_async_cb(BK(async_t)* h) {
  if (++roundtrips == target) {
    bench_report_rate("async_roundtrip", &clk, (double) roundtrips, 1,
                      "roundtrips/s");
    atomic_store(&done, 1);
    BK(close)((BK(handle_t)*) h, NULL);
  }
  CHECK(BK(async_send)(&worker_async));
}

static void* worker_main(void* arg) {
  CHECK(BK(run)(&worker_loop, BKC(RUN_DEFAULT)));
  return NULL;
}

static int roundtrip(void) {
  pthread_t t;
  target = bench_count(200000, 50);
  CHECK(BK(loop_init)(&main_loop));
  CHECK(BK(loop_init)(&worker_loop));
  CHECK(BK(async_init)(&main_loop, &main_async, main_async_cb));
  CHECK(BK(async_init)(&worker_loop, &worker_async, worker_async_cb));
  if (pthread_create(&t, NULL, worker_main, NULL)) abort();
  bench_start(&clk);
  CHECK(BK(async_send)(&worker_async));
  CHECK(BK(run)(&main_loop, BKC(RUN_DEFAULT)));
  pthread_join(t, NULL);
  CHECK(BK(loop_close)(&main_loop));
  CHECK(BK(loop_close)(&worker_loop));
  return 0;
}

/* ---- pummel ---- */

static atomic_ullong sends;
static uint64_t callbacks;
static BK(timer_t) timer;
static pthread_t senders[64];
static int nsenders;

static void* sender_main(void* arg) {
  uint64_t n = 0;
  while (!atomic_load_explicit(&done, memory_order_relaxed)) {
    CHECK(BK(async_send)(&main_async));
    n++;
  }
  atomic_fetch_add(&sends, n);
  return NULL;
}

static void pummel_cb(BK(async_t)* h) { callbacks++; }

static void pummel_stop(BK(timer_t)* t) {
  int i;
  char name[64];
  atomic_store(&done, 1);
  for (i = 0; i < nsenders; i++) pthread_join(senders[i], NULL);
  snprintf(name, sizeof(name), "async_pummel_%d", nsenders);
  bench_report_rate(name, &clk, (double) callbacks, 1, "callbacks/s");
  snprintf(name, sizeof(name), "async_pummel_%d_sends_per_cb", nsenders);
  bench_report_info(name, (double) atomic_load(&sends) / (double) callbacks,
                    "sends/callback");
  BK(close)((BK(handle_t)*) &main_async, NULL);
  BK(close)((BK(handle_t)*) t, NULL);
}

static int pummel(int n) {
  int i;
  nsenders = n;
  CHECK(BK(loop_init)(&main_loop));
  CHECK(BK(async_init)(&main_loop, &main_async, pummel_cb));
  CHECK(BK(timer_init)(&main_loop, &timer));
  CHECK(BK(timer_start)(&timer, pummel_stop, bench_ms(), 0));
  bench_start(&clk);
  for (i = 0; i < n; i++)
    if (pthread_create(&senders[i], NULL, sender_main, NULL)) abort();
  CHECK(BK(run)(&main_loop, BKC(RUN_DEFAULT)));
  CHECK(BK(loop_close)(&main_loop));
  return 0;
}

int main(int argc, char** argv) {
  if (argc >= 2 && strcmp(argv[1], "roundtrip") == 0) return roundtrip();
  if (argc >= 3 && strcmp(argv[1], "pummel") == 0) {
    int n = atoi(argv[2]);
    if (n < 1 || n > 64) return 2;
    return pummel(n);
  }
  fprintf(stderr, "usage: async roundtrip | async pummel N\n");
  return 2;
}
