/*
 * fs_stat — stat(2) of one file through the pool at concurrency 1, 4 and
 * 32 (perf/, see bench.h). Each request is resubmitted from its callback
 * after lode_fs_req_cleanup/uv_fs_req_cleanup. argv[1]: concurrency,
 * argv[2]: the path (default: /etc/hostname's directory entry, /etc).
 */
#include "bench.h"

#define MAX_INFLIGHT 256

static BK(loop_t) loop;
static BK(fs_t) reqs[MAX_INFLIGHT];
static uint64_t submitted, completed, target;
static const char* path = "/etc";
static bench_clock_t clk;

static void stat_cb(BK(fs_t)* req) {
  CHECK((int) req->result);
  BK(fs_req_cleanup)(req);
  completed++;
  if (submitted < target) {
    submitted++;
    CHECK(BK(fs_stat)(&loop, req, path, stat_cb));
  }
}

static void run_once(int inflight, uint64_t n) {
  int i;
  submitted = completed = 0;
  target = n;
  for (i = 0; i < inflight && submitted < target; i++) {
    submitted++;
    CHECK(BK(fs_stat)(&loop, &reqs[i], path, stat_cb));
  }
  CHECK(BK(run)(&loop, BKC(RUN_DEFAULT)));
  if (completed != target) abort();
}

int main(int argc, char** argv) {
  int inflight = argc >= 2 ? atoi(argv[1]) : 1;
  uint64_t n = bench_count(200000, 50);
  char name[64];
  if (inflight < 1 || inflight > MAX_INFLIGHT) return 2;
  if (argc >= 3) path = argv[2];
  CHECK(BK(loop_init)(&loop));
  run_once(inflight, n / 10);
  bench_start(&clk);
  run_once(inflight, n);
  snprintf(name, sizeof(name), "fs_stat_%d", inflight);
  bench_report_rate(name, &clk, (double) n, 1, "stats/s");
  CHECK(BK(loop_close)(&loop));
  return 0;
}
