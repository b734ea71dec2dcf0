/*
 * pump — TCP throughput with 1 and 100 connections (perf/, see bench.h).
 *
 *   pump send: each connection keeps one 8 KiB write in flight to the sink
 *              peer (peer sink); a new write is queued from the callback.
 *   pump recv: the source peer (peer source) floods each connection; the
 *              loop reads into one static 64 KiB buffer and counts bytes.
 * argv[1]: send|recv, argv[2]: connections. Gbit/s of payload; CPU per
 * 8 KiB moved.
 */
#include "bench.h"

#define WRITE_SIZE 8192
#define MAX_CONNS 1000

typedef struct {
  BK(tcp_t) tcp;
  BK(connect_t) connect_req;
  BK(write_t) write_req;
} conn_t;

static BK(loop_t) loop;
static BK(timer_t) timer;
static conn_t conns[MAX_CONNS];
static int nconns, connected, sending, stopping;
static char wbuf[WRITE_SIZE];
static char rbuf[65536];
static uint64_t bytes;
static bench_clock_t clk;
static char case_name[64];

static void alloc_cb(BK(handle_t)* h, size_t size, BK(buf_t)* buf) {
  buf->base = rbuf;
  buf->len = sizeof(rbuf);
}

static void write_cb(BK(write_t)* req, int status);

static void do_write(conn_t* c) {
  BK(buf_t) b = BK(buf_init)(wbuf, sizeof(wbuf));
  CHECK(BK(write)(&c->write_req, (BK(stream_t)*) &c->tcp, &b, 1, write_cb));
}

static void write_cb(BK(write_t)* req, int status) {
  if (stopping) return;
  CHECK(status);
  bytes += WRITE_SIZE;
  do_write((conn_t*) req->data);
}

static void read_cb(BK(stream_t)* s, ssize_t nread, const BK(buf_t)* buf) {
  if (nread < 0) {
    if (!stopping) CHECK((int) nread);
    return;
  }
  bytes += (uint64_t) nread;
}

static void stop_cb(BK(timer_t)* t) {
  int i;
  stopping = 1;
  /* ops are 8 KiB blocks, so CPU/op is per block */
  bench_report_rate(case_name, &clk, (double) bytes / WRITE_SIZE,
                    WRITE_SIZE * 8.0 / 1e9, "Gbit/s");
  for (i = 0; i < nconns; i++) BK(close)((BK(handle_t)*) &conns[i].tcp, NULL);
  BK(close)((BK(handle_t)*) t, NULL);
}

static void warm_cb(BK(timer_t)* t) {
  bytes = 0;
  bench_start(&clk);
  CHECK(BK(timer_start)(&timer, stop_cb, bench_ms(), 0));
}

static void connect_cb(BK(connect_t)* req, int status) {
  conn_t* c = (conn_t*) req->data;
  CHECK(status);
  if (sending) do_write(c);
  else CHECK(BK(read_start)((BK(stream_t)*) &c->tcp, alloc_cb, read_cb));
  if (++connected == nconns)
    CHECK(BK(timer_start)(&timer, warm_cb, bench_ms() / 10, 0));
}

int main(int argc, char** argv) {
  struct sockaddr_in a;
  int i;
  if (argc < 3) {
    fprintf(stderr, "usage: pump send|recv CONNECTIONS\n");
    return 2;
  }
  sending = strcmp(argv[1], "send") == 0;
  nconns = atoi(argv[2]);
  if (nconns < 1 || nconns > MAX_CONNS) return 2;
  snprintf(case_name, sizeof(case_name), "pump_%s_%d", argv[1], nconns);
  bench_raise_nofile();
  memset(wbuf, 'p', sizeof(wbuf));
  bench_ip4(&a, bench_port());
  CHECK(BK(loop_init)(&loop));
  CHECK(BK(timer_init)(&loop, &timer));
  for (i = 0; i < nconns; i++) {
    conn_t* c = &conns[i];
    CHECK(BK(tcp_init)(&loop, &c->tcp));
    c->connect_req.data = c;
    c->write_req.data = c;
    CHECK(BK(tcp_connect)(&c->connect_req, &c->tcp,
                          (const struct sockaddr*) &a, connect_cb));
  }
  CHECK(BK(run)(&loop, BKC(RUN_DEFAULT)));
  CHECK(BK(loop_close)(&loop));
  return 0;
}
