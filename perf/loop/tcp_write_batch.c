/*
 * tcp_write_batch — 1,000,000 13-byte writes queued at once on one TCP
 * connection to the sink peer, one completion callback each (perf/, see
 * bench.h). As in libuv's suite, the writes are queued right after
 * tcp_connect, before the connection exists, so they really sit in the
 * queue; the loop then writes them out. The requests are one array
 * allocated up front (same on both backends); the figure is writes per
 * second from the first write call to the last callback; queueing time is
 * reported beside it.
 */
#include "bench.h"

static BK(loop_t) loop;
static BK(tcp_t) client;
static BK(connect_t) connect_req;
static BK(write_t)* reqs;
static uint64_t nwrites, completed;
static char msg[13] = "Hello, world.";
static bench_clock_t clk;

static void write_cb(BK(write_t)* req, int status) {
  CHECK(status);
  if (++completed == nwrites) {
    bench_report_rate("tcp_write_batch", &clk, (double) nwrites, 1, "writes/s");
    BK(close)((BK(handle_t)*) &client, NULL);
  }
}

static void connect_cb(BK(connect_t)* req, int status) { CHECK(status); }

int main(void) {
  struct sockaddr_in a;
  nwrites = bench_count(1000000, 20);
  reqs = calloc(nwrites, sizeof(*reqs));
  if (reqs == NULL) return 1;
  bench_ip4(&a, bench_port());
  CHECK(BK(loop_init)(&loop));
  CHECK(BK(tcp_init)(&loop, &client));
  CHECK(BK(tcp_connect)(&connect_req, &client, (const struct sockaddr*) &a,
                        connect_cb));
  {
    uint64_t i, t0;
    BK(buf_t) b = BK(buf_init)(msg, sizeof(msg));
    memset(reqs, 0, nwrites * sizeof(*reqs)); /* touch the pages first */
    bench_start(&clk);
    t0 = bench_ns();
    for (i = 0; i < nwrites; i++)
      CHECK(BK(write)(&reqs[i], (BK(stream_t)*) &client, &b, 1, write_cb));
    bench_report_info("tcp_write_batch_queue_ns",
                      (double) (bench_ns() - t0) / (double) nwrites, "ns/write");
  }
  CHECK(BK(run)(&loop, BKC(RUN_DEFAULT)));
  CHECK(BK(loop_close)(&loop));
  free(reqs);
  return 0;
}
