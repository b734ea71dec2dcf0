/*
 * spawn — sequential child processes with stdout piped (perf/, see
 * bench.h). Each child is /bin/echo; the parent reads its stdout to EOF,
 * waits for the exit callback, closes both handles and starts the next.
 *   spawn 0:    1,000 children from a small parent
 *   spawn 1024: the same from a parent with 1 GiB resident (allocated and
 *               touched first), where fork-based spawning pays for copying
 *               the page tables; fewer children (100) to bound the time.
 */
#include "bench.h"

static BK(loop_t) loop;
static BK(process_t) proc;
static BK(pipe_t) out;
static uint64_t started, target;
static int exited, eof, closed;
static char rbuf[256];
static char* args[] = {"/bin/echo", "hello", NULL};
static bench_clock_t clk;

static void spawn_one(void);

static void close_cb(BK(handle_t)* h) {
  if (++closed == 2 && started < target) spawn_one();
}

static void maybe_next(void) {
  if (!exited || !eof) return;
  BK(close)((BK(handle_t)*) &proc, close_cb);
  BK(close)((BK(handle_t)*) &out, close_cb);
}

static void exit_cb(BK(process_t)* p, int64_t status, int sig) {
  if (status != 0 || sig != 0) abort();
  exited = 1;
  maybe_next();
}

static void alloc_cb(BK(handle_t)* h, size_t size, BK(buf_t)* buf) {
  buf->base = rbuf;
  buf->len = sizeof(rbuf);
}

static void read_cb(BK(stream_t)* s, ssize_t nread, const BK(buf_t)* buf) {
  if (nread >= 0) return;
  if (nread != BKC(EOF)) CHECK((int) nread);
  eof = 1;
  maybe_next();
}

static void spawn_one(void) {
  BK(process_options_t) opts;
  BK(stdio_container_t) stdio[3];
  memset(&opts, 0, sizeof(opts));
  memset(stdio, 0, sizeof(stdio));
  exited = eof = closed = 0;
  CHECK(BK(pipe_init)(&loop, &out, 0));
  stdio[0].flags = BKC(IGNORE);
  stdio[1].flags = (BK(stdio_flags)) (BKC(CREATE_PIPE) | BKC(WRITABLE_PIPE));
  stdio[1].data.stream = (BK(stream_t)*) &out;
  stdio[2].flags = BKC(IGNORE);
  opts.file = args[0];
  opts.args = args;
  opts.exit_cb = exit_cb;
  opts.stdio = stdio;
  opts.stdio_count = 3;
  started++;
  CHECK(BK(spawn)(&loop, &proc, &opts));
  CHECK(BK(read_start)((BK(stream_t)*) &out, alloc_cb, read_cb));
}

int main(int argc, char** argv) {
  int mib = argc >= 2 ? atoi(argv[1]) : 0;
  char name[64];
  if (mib > 0) {
    size_t sz = (size_t) mib << 20;
    char* ballast = malloc(sz);
    if (ballast == NULL) return 1;
    memset(ballast, 1, sz);
    target = bench_count(100, 10);
  } else {
    target = bench_count(1000, 20);
  }
  CHECK(BK(loop_init)(&loop));
  /* warm: one child first */
  {
    uint64_t t = target;
    target = 1;
    started = 0;
    spawn_one();
    CHECK(BK(run)(&loop, BKC(RUN_DEFAULT)));
    target = t;
  }
  started = 0;
  bench_start(&clk);
  spawn_one();
  CHECK(BK(run)(&loop, BKC(RUN_DEFAULT)));
  snprintf(name, sizeof(name), mib > 0 ? "spawn_%dmib" : "spawn", mib);
  bench_report_rate(name, &clk, (double) started, 1, "spawns/s");
  CHECK(BK(loop_close)(&loop));
  return 0;
}
