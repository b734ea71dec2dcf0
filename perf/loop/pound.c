/*
 * pound — connections per second with N concurrent clients (perf/, see
 * bench.h). Each client connects to the pound peer, writes 5 bytes, reads
 * until the peer closes it (with RST, so no TIME_WAIT piles up), closes
 * its handle and reconnects from the close callback. argv[1]: clients.
 */
#include "bench.h"

#define MAX_CONNS 1000

typedef struct {
  BK(tcp_t) tcp;
  BK(connect_t) connect_req;
  BK(write_t) write_req;
} conn_t;

static BK(loop_t) loop;
static BK(timer_t) timer;
static conn_t conns[MAX_CONNS];
static int nconns, stopping, measuring;
static char msg[5] = {'h', 'e', 'l', 'l', 'o'};
static char rbuf[4096];
static uint64_t done, errors;
static struct sockaddr_in addr;
static bench_clock_t clk;
static char case_name[64];

static void alloc_cb(BK(handle_t)* h, size_t size, BK(buf_t)* buf) {
  buf->base = rbuf;
  buf->len = sizeof(rbuf);
}

static void start_conn(conn_t* c);

static void close_cb(BK(handle_t)* h) {
  if (!stopping) start_conn((conn_t*) h->data);
}

static void read_cb(BK(stream_t)* s, ssize_t nread, const BK(buf_t)* buf) {
  if (nread >= 0) return;
  /* EOF or ECONNRESET: the peer closed us, which is the point */
  if (nread != BKC(EOF) && nread != BKC(ECONNRESET)) errors++;
  done++;
  BK(close)((BK(handle_t)*) s, close_cb);
}

static void write_cb(BK(write_t)* req, int status) {
  /* the peer may reset before the callback: not an error here */
}

static void connect_cb(BK(connect_t)* req, int status) {
  conn_t* c = (conn_t*) req->data;
  BK(buf_t) b;
  if (status < 0) {
    if (status != BKC(ECANCELED)) errors++;
    if (!BK(is_closing)((BK(handle_t)*) &c->tcp))
      BK(close)((BK(handle_t)*) &c->tcp, close_cb);
    return;
  }
  CHECK(BK(read_start)((BK(stream_t)*) &c->tcp, alloc_cb, read_cb));
  b = BK(buf_init)(msg, sizeof(msg));
  CHECK(BK(write)(&c->write_req, (BK(stream_t)*) &c->tcp, &b, 1, write_cb));
}

static void start_conn(conn_t* c) {
  CHECK(BK(tcp_init)(&loop, &c->tcp));
  c->tcp.data = c;
  c->connect_req.data = c;
  CHECK(BK(tcp_connect)(&c->connect_req, &c->tcp,
                        (const struct sockaddr*) &addr, connect_cb));
}

static void close_all(BK(handle_t)* h, void* arg) {
  if (!BK(is_closing)(h)) BK(close)(h, NULL);
}

static void stop_cb(BK(timer_t)* t) {
  stopping = 1;
  bench_report_rate(case_name, &clk, (double) done, 1, "conns/s");
  if (errors) fprintf(stderr, "pound: %llu errors\n", (unsigned long long) errors);
  BK(walk)(&loop, close_all, NULL);
}

static void warm_cb(BK(timer_t)* t) {
  done = 0;
  measuring = 1;
  bench_start(&clk);
  CHECK(BK(timer_start)(&timer, stop_cb, bench_ms(), 0));
}

int main(int argc, char** argv) {
  int i;
  if (argc < 2) return 2;
  nconns = atoi(argv[1]);
  if (nconns < 1 || nconns > MAX_CONNS) return 2;
  snprintf(case_name, sizeof(case_name), "pound_%d", nconns);
  bench_raise_nofile();
  bench_ip4(&addr, bench_port());
  CHECK(BK(loop_init)(&loop));
  CHECK(BK(timer_init)(&loop, &timer));
  for (i = 0; i < nconns; i++) start_conn(&conns[i]);
  CHECK(BK(timer_start)(&timer, warm_cb, bench_ms() / 10, 0));
  CHECK(BK(run)(&loop, BKC(RUN_DEFAULT)));
  CHECK(BK(loop_close)(&loop));
  return 0;
}
