/*
 * getaddrinfo — 'localhost' through the pool's DNS lane with 10 requests
 * in flight, each resubmitted from its callback (perf/, see bench.h).
 * Same hints on both backends (AF_INET, SOCK_STREAM).
 */
#include "bench.h"

#define INFLIGHT 10

static BK(loop_t) loop;
static BK(getaddrinfo_t) reqs[INFLIGHT];
static struct addrinfo hints;
static uint64_t submitted, completed, target;
static bench_clock_t clk;

static void gai_cb(BK(getaddrinfo_t)* req, int status, struct addrinfo* res) {
  CHECK(status);
  BK(freeaddrinfo)(res);
  completed++;
  if (submitted < target) {
    submitted++;
    CHECK(BK(getaddrinfo)(&loop, req, gai_cb, "localhost", NULL, &hints));
  }
}

static void run_once(uint64_t n) {
  int i;
  submitted = completed = 0;
  target = n;
  for (i = 0; i < INFLIGHT && submitted < target; i++) {
    submitted++;
    CHECK(BK(getaddrinfo)(&loop, &reqs[i], gai_cb, "localhost", NULL, &hints));
  }
  CHECK(BK(run)(&loop, BKC(RUN_DEFAULT)));
  if (completed != target) abort();
}

int main(void) {
  uint64_t n = bench_count(50000, 50);
  hints.ai_family = AF_INET;
  hints.ai_socktype = SOCK_STREAM;
  CHECK(BK(loop_init)(&loop));
  run_once(n / 10);
  bench_start(&clk);
  run_once(n);
  bench_report_rate("getaddrinfo", &clk, (double) n, 1, "lookups/s");
  CHECK(BK(loop_close)(&loop));
  return 0;
}
