/*
 * queue_work — the worker pool (perf/, see bench.h), default pool size on
 * both (4 workers).
 *   queue_work 1:  one item in flight, resubmitted from its after-callback:
 *                  the pool round trip.
 *   queue_work 64: 64 items in flight: throughput.
 * The work callback does nothing; requests are one static array.
 */
#include "bench.h"

#define MAX_INFLIGHT 256

static BK(loop_t) loop;
static BK(work_t) reqs[MAX_INFLIGHT];
static uint64_t submitted, completed, target;
static bench_clock_t clk;
static char case_name[64];

static void work_cb(BK(work_t)* req) {}

static void after_cb(BK(work_t)* req, int status) {
  CHECK(status);
  completed++;
  if (submitted < target) {
    submitted++;
    CHECK(BK(queue_work)(&loop, req, work_cb, after_cb));
  }
}

static void run_once(int inflight, uint64_t n) {
  int i;
  submitted = completed = 0;
  target = n;
  for (i = 0; i < inflight && submitted < target; i++) {
    submitted++;
    CHECK(BK(queue_work)(&loop, &reqs[i], work_cb, after_cb));
  }
  CHECK(BK(run)(&loop, BKC(RUN_DEFAULT)));
  if (completed != target) abort();
}

int main(int argc, char** argv) {
  int inflight = argc >= 2 ? atoi(argv[1]) : 1;
  uint64_t n = bench_count(inflight == 1 ? 200000 : 1000000, 50);
  if (inflight < 1 || inflight > MAX_INFLIGHT) return 2;
  snprintf(case_name, sizeof(case_name), "queue_work_%d", inflight);
  CHECK(BK(loop_init)(&loop));
  run_once(inflight, n / 10); /* warm: the pool starts on first use */
  bench_start(&clk);
  run_once(inflight, n);
  bench_report_rate(case_name, &clk, (double) n, 1, "items/s");
  CHECK(BK(loop_close)(&loop));
  return 0;
}
