/*
 * ping_pongs — round trips per second on one TCP connection with one
 * 5-byte message in flight, against the fixed echo peer (peer echo).
 * One static buffer, one static write request, reused for every ping.
 */
#include "bench.h"

static BK(loop_t) loop;
static BK(tcp_t) client;
static BK(connect_t) connect_req;
static BK(write_t) write_req;
static BK(timer_t) timer;
static char msg[5] = {'P', 'I', 'N', 'G', '\n'};
static char rbuf[64];
static size_t got;
static uint64_t pongs;
static int stopping;
static bench_clock_t clk;

static void alloc_cb(BK(handle_t)* h, size_t size, BK(buf_t)* buf) {
  buf->base = rbuf;
  buf->len = sizeof(rbuf);
}

static void write_cb(BK(write_t)* req, int status) { CHECK(status); }

static void send_ping(void) {
  BK(buf_t) b = BK(buf_init)(msg, sizeof(msg));
  CHECK(BK(write)(&write_req, (BK(stream_t)*) &client, &b, 1, write_cb));
}

static void read_cb(BK(stream_t)* s, ssize_t nread, const BK(buf_t)* buf) {
  if (nread < 0) {
    if (!stopping) CHECK((int) nread);
    return;
  }
  got += (size_t) nread;
  while (got >= sizeof(msg)) {
    got -= sizeof(msg);
    pongs++;
    if (!stopping) send_ping();
  }
}

static void timer_cb(BK(timer_t)* t) {
  stopping = 1;
  bench_report_rate("ping_pongs", &clk, (double) pongs, 1, "roundtrips/s");
  BK(close)((BK(handle_t)*) &client, NULL);
  BK(close)((BK(handle_t)*) t, NULL);
}

static void warm_cb(BK(timer_t)* t) {
  pongs = 0;
  bench_start(&clk);
  CHECK(BK(timer_start)(&timer, timer_cb, bench_ms(), 0));
}

static void connect_cb(BK(connect_t)* req, int status) {
  CHECK(status);
  CHECK(BK(tcp_nodelay)(&client, 1));
  CHECK(BK(read_start)((BK(stream_t)*) &client, alloc_cb, read_cb));
  send_ping();
  /* warm for a tenth of the run, then measure */
  CHECK(BK(timer_start)(&timer, warm_cb, bench_ms() / 10, 0));
}

int main(void) {
  struct sockaddr_in a;
  bench_ip4(&a, bench_port());
  CHECK(BK(loop_init)(&loop));
  CHECK(BK(timer_init)(&loop, &timer));
  CHECK(BK(tcp_init)(&loop, &client));
  CHECK(BK(tcp_connect)(&connect_req, &client, (const struct sockaddr*) &a,
                        connect_cb));
  CHECK(BK(run)(&loop, BKC(RUN_DEFAULT)));
  CHECK(BK(loop_close)(&loop));
  return 0;
}
