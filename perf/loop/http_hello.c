/*
 * http_hello — a minimal HTTP/1.1 hello-world server on the loop API
 * (perf/, see bench.h), driven by wrk. A request ends at CRLFCRLF (wrk
 * sends no bodies); each gets a fixed 12-byte response, and the
 * connection closes after it when the request says "Connection: close".
 * Prints its port, serves until SIGTERM, then reports requests served and
 * CPU per request (the driver takes the rate from wrk). The same protocol
 * as perf/http/epoll_http.c, the plain epoll floor.
 */
#include <signal.h>
#include "bench.h"

#define RBUF 4096

typedef struct {
  BK(tcp_t) tcp;
  size_t len;
  int closing;
  char buf[RBUF];
} conn_t;

typedef struct {
  BK(write_t) req;
  conn_t* conn;
} wreq_t;

static BK(loop_t) loop;
static BK(tcp_t) server;
static BK(signal_t) sigterm;
static uint64_t requests;
static bench_clock_t clk;

static char resp_ka[] =
    "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 12\r\n"
    "\r\nHello world\n";
static char resp_close[] =
    "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 12\r\n"
    "Connection: close\r\n\r\nHello world\n";

static void free_cb(BK(handle_t)* h) { free(h->data); }

static void alloc_cb(BK(handle_t)* h, size_t size, BK(buf_t)* buf) {
  conn_t* c = (conn_t*) h->data;
  buf->base = c->buf + c->len;
  buf->len = RBUF - c->len;
}

static void write_cb(BK(write_t)* req, int status) {
  wreq_t* w = (wreq_t*) req;
  if (w->conn->closing && !BK(is_closing)((BK(handle_t)*) &w->conn->tcp))
    BK(close)((BK(handle_t)*) &w->conn->tcp, free_cb);
  free(w);
}

static void respond(conn_t* c, int close_after) {
  wreq_t* w = malloc(sizeof(*w));
  BK(buf_t) b;
  if (close_after) b = BK(buf_init)(resp_close, sizeof(resp_close) - 1);
  else b = BK(buf_init)(resp_ka, sizeof(resp_ka) - 1);
  w->conn = c;
  requests++;
  if (close_after) c->closing = 1;
  CHECK(BK(write)(&w->req, (BK(stream_t)*) &c->tcp, &b, 1, write_cb));
}

static void read_cb(BK(stream_t)* s, ssize_t nread, const BK(buf_t)* buf) {
  conn_t* c = (conn_t*) s->data;
  char* end;
  if (nread <= 0) {
    if (nread < 0 && !BK(is_closing)((BK(handle_t)*) s))
      BK(close)((BK(handle_t)*) s, free_cb);
    return;
  }
  c->len += (size_t) nread;
  while (!c->closing &&
         (end = memmem(c->buf, c->len, "\r\n\r\n", 4)) != NULL) {
    size_t reqlen = (size_t) (end + 4 - c->buf);
    int close_after = memmem(c->buf, reqlen, "Connection: close", 17) != NULL;
    respond(c, close_after);
    memmove(c->buf, c->buf + reqlen, c->len - reqlen);
    c->len -= reqlen;
  }
  if (c->len == RBUF) BK(close)((BK(handle_t)*) s, free_cb);
}

static void on_connection(BK(stream_t)* srv, int status) {
  conn_t* c;
  if (status < 0) return;
  c = calloc(1, sizeof(*c));
  CHECK(BK(tcp_init)(&loop, &c->tcp));
  c->tcp.data = c;
  CHECK(BK(accept)(srv, (BK(stream_t)*) &c->tcp));
  CHECK(BK(tcp_nodelay)(&c->tcp, 1));
  CHECK(BK(read_start)((BK(stream_t)*) &c->tcp, alloc_cb, read_cb));
}

static void close_all(BK(handle_t)* h, void* arg) {
  if (BK(is_closing)(h)) return;
  BK(close)(h, h->type == BKC(TCP) && h != (BK(handle_t)*) &server ? free_cb
                                                                   : NULL);
}

static void on_sigterm(BK(signal_t)* h, int signum) {
  uint64_t cpu = bench_cpu_ns() - clk.cpu0;
  printf("BENCH case=http_hello value=%llu unit=requests better=info ops=%llu "
         "cpu_ns_op=%.6g wall_ns=%llu backend=%s\n",
         (unsigned long long) requests, (unsigned long long) requests,
         requests ? (double) cpu / (double) requests : 0,
         (unsigned long long) (bench_ns() - clk.wall0), BK_NAME);
  fflush(stdout);
  BK(walk)(&loop, close_all, NULL);
}

int main(void) {
  struct sockaddr_in a;
  struct sockaddr_storage name;
  int namelen = sizeof(name);
  signal(SIGPIPE, SIG_IGN);
  bench_raise_nofile();
  bench_ip4(&a, 0);
  CHECK(BK(loop_init)(&loop));
  CHECK(BK(tcp_init)(&loop, &server));
  CHECK(BK(tcp_bind)(&server, (const struct sockaddr*) &a, 0));
  CHECK(BK(listen)((BK(stream_t)*) &server, 1024, on_connection));
  CHECK(BK(tcp_getsockname)(&server, (struct sockaddr*) &name, &namelen));
  CHECK(BK(signal_init)(&loop, &sigterm));
  CHECK(BK(signal_start)(&sigterm, on_sigterm, SIGTERM));
  printf("%d\n", ntohs(((struct sockaddr_in*) &name)->sin_port));
  fflush(stdout);
  bench_start(&clk);
  CHECK(BK(run)(&loop, BKC(RUN_DEFAULT)));
  BK(loop_close)(&loop);
  return 0;
}
