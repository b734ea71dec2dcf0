/*
 * loop_count — loop turns per second with one idle handle (perf/, see
 * bench.h). The idle callback counts; each turn is a full pass through the
 * run phases with a zero poll timeout, so this measures the fixed cost of
 * a turn (the driver also counts its syscalls per turn).
 */
#include "bench.h"

static BK(idle_t) idle;
static uint64_t ticks, target;

static void idle_cb(BK(idle_t)* h) {
  if (++ticks == target) BK(idle_stop)(h);
}

int main(void) {
  static BK(loop_t) loop;
  bench_clock_t c;

  target = bench_count(5000000, 50);
  CHECK(BK(loop_init)(&loop));
  CHECK(BK(idle_init)(&loop, &idle));

  /* warm up */
  ticks = 0;
  target = target / 10;
  CHECK(BK(idle_start)(&idle, idle_cb));
  CHECK(BK(run)(&loop, BKC(RUN_DEFAULT)));

  ticks = 0;
  target = bench_count(5000000, 50);
  CHECK(BK(idle_start)(&idle, idle_cb));
  bench_start(&c);
  CHECK(BK(run)(&loop, BKC(RUN_DEFAULT)));
  bench_report_rate("loop_count", &c, (double) ticks, 1, "turns/s");

  BK(close)((BK(handle_t)*) &idle, NULL);
  CHECK(BK(run)(&loop, BKC(RUN_DEFAULT)));
  CHECK(BK(loop_close)(&loop));
  return 0;
}
