/*
 * million_timers — 1,000,000 one-shot timers (perf/, see bench.h), with
 * rising timeouts (one more millisecond every 1,000 timers, as libuv's
 * suite does) and with random timeouts in [0, 1000) ms (the same
 * xorshift sequence on both backends). Reported separately: init (init +
 * start of every timer), dispatch (the run until the last one fired: CPU
 * per timer, since the wall time is mostly waiting for the deadlines) and
 * cleanup (close every handle and run the close callbacks).
 * argv[1]: rising|random.
 */
#include "bench.h"

static BK(timer_t)* timers;
static uint64_t fired;

static void timer_cb(BK(timer_t)* t) { fired++; }

int main(int argc, char** argv) {
  static BK(loop_t) loop;
  uint64_t i, n, seed = 0x9e3779b97f4a7c15ull, timeout = 0;
  int random_mode;
  bench_clock_t c;
  char name[64];

  if (argc < 2) return 2;
  random_mode = strcmp(argv[1], "random") == 0;
  n = bench_count(1000000, 20);
  timers = malloc(n * sizeof(*timers));
  if (timers == NULL) return 1;
  memset(timers, 0, n * sizeof(*timers)); /* touch the pages before timing */
  CHECK(BK(loop_init)(&loop));

  bench_start(&c);
  for (i = 0; i < n; i++) {
    if (random_mode) timeout = bench_rand(&seed) % 1000;
    else if (i % 1000 == 0) timeout++;
    CHECK(BK(timer_init)(&loop, &timers[i]));
    CHECK(BK(timer_start)(&timers[i], timer_cb, timeout, 0));
  }
  snprintf(name, sizeof(name), "timers_%s_init", argv[1]);
  bench_report_time(name, &c, (double) n);

  bench_start(&c);
  CHECK(BK(run)(&loop, BKC(RUN_DEFAULT)));
  if (fired != n) abort();
  snprintf(name, sizeof(name), "timers_%s_dispatch", argv[1]);
  {
    /* dispatch: report CPU per timer as the value (wall is mostly sleep) */
    uint64_t cpu = bench_cpu_ns() - c.cpu0, wall = bench_ns() - c.wall0;
    printf("BENCH case=%s value=%.6g unit=cpu_ns/timer better=lower ops=%llu "
           "cpu_ns_op=%.6g wall_ns=%llu backend=%s\n", name,
           (double) cpu / (double) n, (unsigned long long) n,
           (double) cpu / (double) n, (unsigned long long) wall, BK_NAME);
  }

  bench_start(&c);
  for (i = 0; i < n; i++) BK(close)((BK(handle_t)*) &timers[i], NULL);
  CHECK(BK(run)(&loop, BKC(RUN_DEFAULT)));
  snprintf(name, sizeof(name), "timers_%s_cleanup", argv[1]);
  bench_report_time(name, &c, (double) n);

  CHECK(BK(loop_close)(&loop));
  free(timers);
  return 0;
}
