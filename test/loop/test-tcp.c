/* test-tcp.c — TCP handles: connect (refused, cancelled, IPv6), listen and
 * accept at scale, big and many writes, half-close, closing from every
 * callback, try_write, read_stop back-pressure, socket options, names,
 * RST, ref/unref of a server. Peers are handles on the same loop. */
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include "../task.h"

static lode_loop_t loop_s;
#define LOOP (&loop_s)

#define RUN_UNTIL(cond) RUN_LOOP_UNTIL(LOOP, cond)

#define slab test_slab
#define slab_alloc test_slab_alloc

static int tcp_port(const lode_tcp_t* h) {
  struct sockaddr_storage ss;
  int len = sizeof(ss);
  ASSERT_OK(lode_tcp_getsockname(h, (struct sockaddr*) &ss, &len));
  return ntohs(((struct sockaddr_in*) &ss)->sin_port);
}

/* Initializes, binds 127.0.0.1:0 and listens; returns the port. */
static int listen_on(lode_tcp_t* server, int backlog, lode_connection_cb cb) {
  struct sockaddr_in addr;
  TEST_ADDR4(&addr, 0);
  ASSERT_OK(lode_tcp_init(LOOP, server));
  ASSERT_OK(lode_tcp_bind(server, (struct sockaddr*) &addr, 0));
  ASSERT_OK(lode_listen((lode_stream_t*) server, backlog, cb));
  return tcp_port(server);
}

static void connect_to(lode_connect_t* req, lode_tcp_t* client, int port,
                       lode_connect_cb cb) {
  struct sockaddr_in addr;
  TEST_ADDR4(&addr, port);
  ASSERT_OK(lode_tcp_init(LOOP, client));
  ASSERT_OK(lode_tcp_connect(req, client, (struct sockaddr*) &addr, cb));
}

/* ---- a connected pair: pair_client <-> pair_peer (accepted) ---- */

static lode_tcp_t pair_server, pair_client, pair_peer;
static lode_connect_t pair_creq;
static int pair_ready;

static void pair_connection_cb(lode_stream_t* server, int status) {
  ASSERT_OK(status);
  ASSERT_OK(lode_tcp_init(LOOP, &pair_peer));
  ASSERT_OK(lode_accept(server, (lode_stream_t*) &pair_peer));
  pair_ready++;
}

static void pair_connect_cb(lode_connect_t* req, int status) {
  ASSERT_PTR_EQ(req, &pair_creq);
  ASSERT_OK(status);
  pair_ready++;
}

static void make_pair(void) {
  int port;
  ASSERT_OK(lode_loop_init(LOOP));
  pair_ready = 0;
  port = listen_on(&pair_server, 16, pair_connection_cb);
  connect_to(&pair_creq, &pair_client, port, pair_connect_cb);
  RUN_UNTIL(pair_ready == 2);
  lode_close((lode_handle_t*) &pair_server, NULL);
}

/* ---- an echo server: every accepted connection echoes, closes on EOF ---- */

typedef struct {
  lode_write_t req;
  lode_buf_t buf;
  char data[];
} echo_write_t;

static int echo_accepted, echo_closed;

static void echo_close_cb(lode_handle_t* h) {
  echo_closed++;
  free(h);
}

static void echo_write_cb(lode_write_t* req, int status) {
  ASSERT(status == 0 || status == LODE_ECANCELED);
  free(req);
}

static void echo_read_cb(lode_stream_t* s, lode_ssize_t nread,
                         const lode_buf_t* buf) {
  echo_write_t* w;
  if (nread > 0) {
    w = malloc(sizeof(*w) + (size_t) nread);
    ASSERT_NOT_NULL(w);
    memcpy(w->data, buf->base, (size_t) nread);
    w->buf = lode_buf_init(w->data, (unsigned int) nread);
    ASSERT_OK(lode_write(&w->req, s, &w->buf, 1, echo_write_cb));
  } else if (nread < 0) {
    ASSERT_ERR(nread, LODE_EOF);
    lode_close((lode_handle_t*) s, echo_close_cb);
  }
}

static void echo_connection_cb(lode_stream_t* server, int status) {
  lode_tcp_t* c;
  ASSERT_OK(status);
  c = malloc(sizeof(*c));
  ASSERT_NOT_NULL(c);
  ASSERT_OK(lode_tcp_init(LOOP, c));
  ASSERT_OK(lode_accept(server, (lode_stream_t*) c));
  ASSERT_OK(lode_read_start((lode_stream_t*) c, slab_alloc, echo_read_cb));
  echo_accepted++;
}

/* ---- connect errors ---- */

static int refused_calls, refused_status;

static void refused_connect_cb(lode_connect_t* req, int status) {
  (void) req;
  refused_calls++;
  refused_status = status;
}

/* A bound socket that is not listening: connecting to its port is refused,
 * and the refusal arrives through the callback, never synchronously. */
TEST_IMPL(tcp_connect_refused) {
  struct sockaddr_in addr;
  socklen_t len = sizeof(addr);
  lode_tcp_t client;
  lode_connect_t req;
  int fd;

  fd = socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  TEST_ADDR4(&addr, 0);
  ASSERT_OK(bind(fd, (struct sockaddr*) &addr, sizeof(addr)));
  ASSERT_OK(getsockname(fd, (struct sockaddr*) &addr, &len));

  ASSERT_OK(lode_loop_init(LOOP));
  ASSERT_OK(lode_tcp_init(LOOP, &client));
  ASSERT_OK(lode_tcp_connect(&req, &client, (struct sockaddr*) &addr,
                             refused_connect_cb));
  ASSERT_EQ(refused_calls, 0);
  ASSERT(lode_is_active((lode_handle_t*) &client));
  ASSERT_ERR(lode_tcp_connect(&req, &client, (struct sockaddr*) &addr,
                              refused_connect_cb),
             LODE_EALREADY);
  ASSERT_EQ(lode_run(LOOP, LODE_RUN_DEFAULT), 0);
  ASSERT_EQ(refused_calls, 1);
  ASSERT_ERR(refused_status, LODE_ECONNREFUSED);
  ASSERT(!lode_is_readable((lode_stream_t*) &client));
  ASSERT(!lode_is_writable((lode_stream_t*) &client));
  ASSERT(!lode_is_active((lode_handle_t*) &client));
  close(fd);
  ASSERT_LOOP_CLOSED(LOOP);
  return 0;
}

static char trace[64];
static int ntrace;

static void mark(char c) {
  if (ntrace < (int) sizeof(trace) - 1) trace[ntrace++] = c;
  trace[ntrace] = '\0';
}

static void trace_close_cb(lode_handle_t* h) {
  (void) h;
  mark('C');
}

static void cancel_connect_cb(lode_connect_t* req, int status) {
  (void) req;
  ASSERT_ERR(status, LODE_ECANCELED);
  mark('c');
}

static void cancel_write_cb(lode_write_t* req, int status) {
  (void) req;
  ASSERT_ERR(status, LODE_ECANCELED);
  mark('w');
}

/* Closing a connecting handle: the connect and the writes queued behind it
 * complete with ECANCELED in the close phase, before close_cb. */
TEST_IMPL(tcp_connect_cancel) {
  lode_tcp_t server, client;
  lode_connect_t req;
  lode_write_t wreq;
  lode_buf_t buf = lode_buf_init("hello", 5);
  int port;

  ASSERT_OK(lode_loop_init(LOOP));
  port = listen_on(&server, 16, echo_connection_cb);
  connect_to(&req, &client, port, cancel_connect_cb);
  ASSERT_OK(lode_write(&wreq, (lode_stream_t*) &client, &buf, 1,
                       cancel_write_cb));
  lode_close((lode_handle_t*) &client, trace_close_cb);
  ASSERT_STR_EQ(trace, "");
  lode_close((lode_handle_t*) &server, NULL);
  ASSERT_EQ(lode_run(LOOP, LODE_RUN_DEFAULT), 0);
  ASSERT_STR_EQ(trace, "cwC");
  ASSERT_LOOP_CLOSED(LOOP);
  return 0;
}

/* ---- 1,000 connections at once ---- */

#define N_CONN 1000

typedef struct {
  lode_tcp_t h;
  lode_connect_t creq;
  lode_write_t wreq;
  lode_buf_t wbuf;
  char msg[32];
  size_t msglen;
  char got[32];
  size_t ngot;
} many_client_t;

static int many_verified, many_closed, many_written;

static void many_close_cb(lode_handle_t* h) {
  (void) h;
  many_closed++;
}

static void many_write_cb(lode_write_t* req, int status) {
  (void) req;
  ASSERT_OK(status);
  many_written++;
}

static void many_read_cb(lode_stream_t* s, lode_ssize_t nread,
                         const lode_buf_t* buf) {
  many_client_t* c = (many_client_t*) s;
  if (nread == 0) return;
  ASSERT_GT(nread, 0);
  ASSERT_LE(c->ngot + (size_t) nread, c->msglen);
  memcpy(c->got + c->ngot, buf->base, (size_t) nread);
  c->ngot += (size_t) nread;
  if (c->ngot == c->msglen) {
    ASSERT(memcmp(c->got, c->msg, c->msglen) == 0);
    many_verified++;
    lode_close((lode_handle_t*) s, many_close_cb);
  }
}

static void many_connect_cb(lode_connect_t* req, int status) {
  many_client_t* c = (many_client_t*) req->handle;
  ASSERT_OK(status);
  c->wbuf = lode_buf_init(c->msg, (unsigned int) c->msglen);
  ASSERT_OK(lode_write(&c->wreq, (lode_stream_t*) &c->h, &c->wbuf, 1,
                       many_write_cb));
  ASSERT_OK(lode_read_start((lode_stream_t*) &c->h, slab_alloc, many_read_cb));
}

TEST_IMPL(tcp_many_connections_1000) {
  struct rlimit rl;
  rlim_t need = 2 * N_CONN + 64;
  many_client_t* clients;
  lode_tcp_t server;
  int port, i;

  ASSERT_OK(getrlimit(RLIMIT_NOFILE, &rl));
  if (rl.rlim_cur < need) {
    if (rl.rlim_max != RLIM_INFINITY && rl.rlim_max < need) {
      printf("RLIMIT_NOFILE hard limit %lu is below the %lu descriptors "
             "needed\n", (unsigned long) rl.rlim_max, (unsigned long) need);
      return TEST_SKIP;
    }
    rl.rlim_cur = need;
    ASSERT_OK(setrlimit(RLIMIT_NOFILE, &rl));
  }

  clients = calloc(N_CONN, sizeof(*clients));
  ASSERT_NOT_NULL(clients);
  ASSERT_OK(lode_loop_init(LOOP));
  port = listen_on(&server, 1024, echo_connection_cb);
  for (i = 0; i < N_CONN; i++) {
    many_client_t* c = &clients[i];
    c->msglen = (size_t) snprintf(c->msg, sizeof(c->msg), "client %d!", i);
    connect_to(&c->creq, &c->h, port, many_connect_cb);
  }
  RUN_UNTIL(many_closed == N_CONN && echo_closed == N_CONN);
  ASSERT_EQ(echo_accepted, N_CONN);
  ASSERT_EQ(many_verified, N_CONN);
  ASSERT_EQ(many_written, N_CONN);
  lode_close((lode_handle_t*) &server, NULL);
  ASSERT_LOOP_CLOSED(LOOP);
  free(clients);
  return 0;
}

/* ---- one accept per readiness ---- */

/* Three connections wait in the backlog: each poll takes one (the next
 * poll reports the listener again, level-triggered), so no accept4 is
 * spent on EAGAIN; all three are taken in three turns. */
static int one_accepted;
static lode_tcp_t one_peers[3];

static void one_connection_cb(lode_stream_t* server, int status) {
  ASSERT_OK(status);
  ASSERT(one_accepted < 3);
  ASSERT_OK(lode_tcp_init(LOOP, &one_peers[one_accepted]));
  ASSERT_OK(lode_accept(server, (lode_stream_t*) &one_peers[one_accepted]));
  one_accepted++;
}

TEST_IMPL(tcp_accept_one_per_poll) {
  struct sockaddr_in addr;
  lode_tcp_t server;
  int fds[3], port, i;

  ASSERT_OK(lode_loop_init(LOOP));
  port = listen_on(&server, 16, one_connection_cb);
  TEST_ADDR4(&addr, port);
  for (i = 0; i < 3; i++) {
    fds[i] = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    ASSERT(fds[i] >= 0);
    /* Blocking: done once the kernel queued it, before any accept. */
    ASSERT_OK(connect(fds[i], (struct sockaddr*) &addr, sizeof(addr)));
  }
  for (i = 1; i <= 3; i++) {
    lode_run(LOOP, LODE_RUN_ONCE);
    ASSERT_EQ(one_accepted, i);
  }
  for (i = 0; i < 3; i++) {
    close(fds[i]);
    lode_close((lode_handle_t*) &one_peers[i], NULL);
  }
  lode_close((lode_handle_t*) &server, NULL);
  ASSERT_LOOP_CLOSED(LOOP);
  return 0;
}

/* ---- a 16 MiB write, checksummed on the far side ---- */

#define BIG_SIZE (16u << 20)

static uint64_t fnv1a(uint64_t h, const char* p, size_t n) {
  size_t i;
  for (i = 0; i < n; i++) {
    h ^= (unsigned char) p[i];
    h *= 1099511628211ULL;
  }
  return h;
}

static uint64_t big_sum_recv;
static size_t big_nrecv;
static int big_eof, big_write_done, big_shutdown_done;
static lode_write_t big_wreq;
static lode_shutdown_t big_sreq;

static void big_shutdown_cb(lode_shutdown_t* req, int status) {
  (void) req;
  ASSERT_OK(status);
  ASSERT_EQ(big_write_done, 1);
  big_shutdown_done++;
}

static void big_write_cb(lode_write_t* req, int status) {
  ASSERT_OK(status);
  ASSERT_EQ(req->handle->write_queue_size, 0);
  big_write_done++;
}

static void big_read_cb(lode_stream_t* s, lode_ssize_t nread,
                        const lode_buf_t* buf) {
  if (nread > 0) {
    big_sum_recv = fnv1a(big_sum_recv, buf->base, (size_t) nread);
    big_nrecv += (size_t) nread;
  } else if (nread < 0) {
    ASSERT_ERR(nread, LODE_EOF);
    big_eof++;
    lode_close((lode_handle_t*) s, NULL);
  }
}

TEST_IMPL(tcp_write_16mib_checksum) {
  char* data = malloc(BIG_SIZE);
  uint64_t sum_sent, x = 0x9E3779B97F4A7C15ULL;
  lode_buf_t buf;
  size_t i;

  ASSERT_NOT_NULL(data);
  for (i = 0; i < BIG_SIZE; i++) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    data[i] = (char) x;
  }
  sum_sent = fnv1a(14695981039346656037ULL, data, BIG_SIZE);
  big_sum_recv = 14695981039346656037ULL;

  make_pair();
  ASSERT_OK(lode_read_start((lode_stream_t*) &pair_peer, slab_alloc,
                            big_read_cb));
  buf = lode_buf_init(data, BIG_SIZE);
  ASSERT_OK(lode_write(&big_wreq, (lode_stream_t*) &pair_client, &buf, 1,
                       big_write_cb));
  /* The kernel cannot take 16 MiB before the reader has run. */
  ASSERT_GT(pair_client.write_queue_size, 0);
  ASSERT_LT(pair_client.write_queue_size, BIG_SIZE + 1);
  ASSERT_EQ(lode_stream_get_write_queue_size((lode_stream_t*) &pair_client),
            pair_client.write_queue_size);
  ASSERT_OK(lode_shutdown(&big_sreq, (lode_stream_t*) &pair_client,
                          big_shutdown_cb));
  RUN_UNTIL(big_eof == 1 && big_shutdown_done == 1);
  ASSERT_EQ(big_write_done, 1);
  ASSERT_UINT64_EQ(big_nrecv, BIG_SIZE);
  ASSERT_UINT64_EQ(big_sum_recv, sum_sent);
  ASSERT_LOOP_CLOSED(LOOP);
  free(data);
  return 0;
}

/* ---- 10,000 writes, completed in order ---- */

#define N_WRITES 10000

static lode_write_t* order_reqs;
static unsigned char (*order_data)[4];
static int order_cb_next, order_in_write, order_shutdown_called;
static unsigned int order_recv_next;
static unsigned char order_window[4];
static int order_nwindow, order_eof;
static lode_shutdown_t order_sreq;

static void order_write_cb(lode_write_t* req, int status) {
  ASSERT_OK(status);
  ASSERT(!order_in_write);
  ASSERT_PTR_EQ(req, &order_reqs[order_cb_next]);
  order_cb_next++;
}

static void order_shutdown_cb(lode_shutdown_t* req, int status) {
  (void) req;
  ASSERT_OK(status);
  /* A shutdown waits for every write queued before it. */
  ASSERT_EQ(order_cb_next, N_WRITES);
  order_shutdown_called++;
}

static void order_read_cb(lode_stream_t* s, lode_ssize_t nread,
                          const lode_buf_t* buf) {
  lode_ssize_t i;
  if (nread < 0) {
    ASSERT_ERR(nread, LODE_EOF);
    order_eof++;
    lode_close((lode_handle_t*) s, NULL);
    return;
  }
  for (i = 0; i < nread; i++) {
    order_window[order_nwindow++] = (unsigned char) buf->base[i];
    if (order_nwindow == 4) {
      unsigned int v = (unsigned int) order_window[0] << 24 |
                       (unsigned int) order_window[1] << 16 |
                       (unsigned int) order_window[2] << 8 | order_window[3];
      ASSERT_EQ(v, order_recv_next);
      order_recv_next++;
      order_nwindow = 0;
    }
  }
}

TEST_IMPL(tcp_write_order_10000) {
  int i;
  lode_buf_t buf;

  order_reqs = calloc(N_WRITES, sizeof(*order_reqs));
  order_data = calloc(N_WRITES, sizeof(*order_data));
  ASSERT_NOT_NULL(order_reqs);
  ASSERT_NOT_NULL(order_data);
  make_pair();
  ASSERT_OK(lode_read_start((lode_stream_t*) &pair_peer, slab_alloc,
                            order_read_cb));
  for (i = 0; i < N_WRITES; i++) {
    order_data[i][0] = (unsigned char) (i >> 24);
    order_data[i][1] = (unsigned char) (i >> 16);
    order_data[i][2] = (unsigned char) (i >> 8);
    order_data[i][3] = (unsigned char) i;
    buf = lode_buf_init((char*) order_data[i], 4);
    order_in_write = 1;
    ASSERT_OK(lode_write(&order_reqs[i], (lode_stream_t*) &pair_client, &buf,
                         1, order_write_cb));
    order_in_write = 0;
  }
  ASSERT_EQ(order_cb_next, 0);
  ASSERT_OK(lode_shutdown(&order_sreq, (lode_stream_t*) &pair_client,
                          order_shutdown_cb));
  RUN_UNTIL(order_eof == 1 && order_shutdown_called == 1);
  ASSERT_EQ(order_cb_next, N_WRITES);
  ASSERT_EQ(order_recv_next, N_WRITES);
  ASSERT_EQ(pair_client.write_queue_size, 0);
  ASSERT_LOOP_CLOSED(LOOP);
  free(order_reqs);
  free(order_data);
  return 0;
}

/* ---- many queued writes gathered into one syscall ---- */

/* Requests of 1-3 buffers (some empty) queued faster than the kernel takes
 * them, so that the stream sends several requests per syscall and the
 * kernel cuts those sends in the middle of requests and buffers. The peer
 * checks every byte and the callbacks come one per request, in order. */
#define GATHER_BYTES (8u << 20)
#define GATHER_MAX_WRITES 20000
static unsigned char* gather_pattern;
static lode_write_t* gather_reqs;
static unsigned int gather_nreqs, gather_cb_next;
static size_t gather_recv;
static int gather_eof, gather_shutdown_called;
static lode_shutdown_t gather_sreq;

static void gather_write_cb(lode_write_t* req, int status) {
  ASSERT_OK(status);
  ASSERT_PTR_EQ(req, &gather_reqs[gather_cb_next]);
  gather_cb_next++;
}

static void gather_shutdown_cb(lode_shutdown_t* req, int status) {
  (void) req;
  ASSERT_OK(status);
  ASSERT_EQ(gather_cb_next, gather_nreqs);
  gather_shutdown_called++;
}

static void gather_read_cb(lode_stream_t* s, lode_ssize_t nread,
                           const lode_buf_t* buf) {
  if (nread < 0) {
    ASSERT_ERR(nread, LODE_EOF);
    gather_eof++;
    lode_close((lode_handle_t*) s, NULL);
    return;
  }
  ASSERT_LE(gather_recv + (size_t) nread, GATHER_BYTES);
  ASSERT(memcmp(buf->base, gather_pattern + gather_recv, (size_t) nread) == 0);
  gather_recv += (size_t) nread;
}

TEST_IMPL(tcp_write_gather_partial) {
  size_t off = 0, len;
  unsigned int k, j, nb;
  lode_buf_t bufs[3];

  gather_pattern = malloc(GATHER_BYTES);
  gather_reqs = calloc(GATHER_MAX_WRITES, sizeof(*gather_reqs));
  ASSERT_NOT_NULL(gather_pattern);
  ASSERT_NOT_NULL(gather_reqs);
  for (off = 0; off < GATHER_BYTES; off++)
    gather_pattern[off] = (unsigned char) (off * 31 + off / 251);
  make_pair();
  ASSERT_OK(lode_read_start((lode_stream_t*) &pair_peer, slab_alloc,
                            gather_read_cb));
  off = 0;
  for (k = 0; k < GATHER_MAX_WRITES && off < GATHER_BYTES; k++) {
    nb = 1 + k % 3;
    for (j = 0; j < nb; j++) {
      len = (k % 97 == 0 && j == 0) ? 0 : 1 + (k * 7919u + j * 131u) % 1500;
      if (len > GATHER_BYTES - off) len = GATHER_BYTES - off;
      bufs[j] = lode_buf_init((char*) gather_pattern + off, (unsigned int) len);
      off += len;
    }
    ASSERT_OK(lode_write(&gather_reqs[k], (lode_stream_t*) &pair_client, bufs,
                         nb, gather_write_cb));
  }
  gather_nreqs = k;
  ASSERT_OK(lode_shutdown(&gather_sreq, (lode_stream_t*) &pair_client,
                          gather_shutdown_cb));
  RUN_UNTIL(gather_eof == 1 && gather_shutdown_called == 1);
  ASSERT_EQ(gather_cb_next, gather_nreqs);
  ASSERT_EQ(gather_recv, off);
  ASSERT_EQ(pair_client.write_queue_size, 0);
  ASSERT_LOOP_CLOSED(LOOP);
  free(gather_reqs);
  free(gather_pattern);
  return 0;
}

/* ---- half-close ---- */

static char hc_client_got[16], hc_peer_got[16];
static size_t hc_client_n, hc_peer_n;
static int hc_shutdown_done, hc_client_eof, hc_peer_eof, hc_pong_written;
static lode_shutdown_t hc_sreq;
static lode_write_t hc_wreq1, hc_wreq2;

static void hc_pong_cb(lode_write_t* req, int status) {
  (void) req;
  ASSERT_OK(status);
  hc_pong_written++;
  lode_close((lode_handle_t*) &pair_peer, NULL);
}

static void hc_peer_read_cb(lode_stream_t* s, lode_ssize_t nread,
                            const lode_buf_t* buf) {
  lode_buf_t pong = lode_buf_init("pong", 4);
  if (nread > 0) {
    ASSERT_LE(hc_peer_n + (size_t) nread, sizeof(hc_peer_got));
    memcpy(hc_peer_got + hc_peer_n, buf->base, (size_t) nread);
    hc_peer_n += (size_t) nread;
    return;
  }
  if (nread == 0) return;
  ASSERT_ERR(nread, LODE_EOF);
  hc_peer_eof++;
  /* The other side closed its write half: we can still answer. */
  ASSERT(lode_is_writable(s));
  ASSERT(!lode_is_readable(s));
  ASSERT_OK(lode_write(&hc_wreq2, s, &pong, 1, hc_pong_cb));
}

static void hc_client_read_cb(lode_stream_t* s, lode_ssize_t nread,
                              const lode_buf_t* buf) {
  (void) s;
  if (nread > 0) {
    ASSERT_LE(hc_client_n + (size_t) nread, sizeof(hc_client_got));
    memcpy(hc_client_got + hc_client_n, buf->base, (size_t) nread);
    hc_client_n += (size_t) nread;
    return;
  }
  if (nread == 0) return;
  ASSERT_ERR(nread, LODE_EOF);
  hc_client_eof++;
}

static void hc_shutdown_cb(lode_shutdown_t* req, int status) {
  ASSERT_PTR_EQ(req, &hc_sreq);
  ASSERT_OK(status);
  hc_shutdown_done++;
}

static void hc_ping_cb(lode_write_t* req, int status) {
  (void) req;
  ASSERT_OK(status);
  ASSERT_EQ(hc_shutdown_done, 0);
}

TEST_IMPL(tcp_half_close) {
  lode_buf_t ping = lode_buf_init("ping", 4);

  make_pair();
  ASSERT_OK(lode_read_start((lode_stream_t*) &pair_peer, slab_alloc,
                            hc_peer_read_cb));
  ASSERT_OK(lode_read_start((lode_stream_t*) &pair_client, slab_alloc,
                            hc_client_read_cb));
  ASSERT_OK(lode_write(&hc_wreq1, (lode_stream_t*) &pair_client, &ping, 1,
                       hc_ping_cb));
  ASSERT_OK(lode_shutdown(&hc_sreq, (lode_stream_t*) &pair_client,
                          hc_shutdown_cb));
  ASSERT(!lode_is_writable((lode_stream_t*) &pair_client));
  ASSERT(lode_is_readable((lode_stream_t*) &pair_client));
  ASSERT_EQ(hc_shutdown_done, 0);
  RUN_UNTIL(hc_client_eof == 1);
  ASSERT_EQ(hc_shutdown_done, 1);
  ASSERT_EQ(hc_peer_eof, 1);
  ASSERT_EQ(hc_pong_written, 1);
  ASSERT_EQ(hc_peer_n, 4);
  ASSERT(memcmp(hc_peer_got, "ping", 4) == 0);
  ASSERT_EQ(hc_client_n, 4);
  ASSERT(memcmp(hc_client_got, "pong", 4) == 0);
  ASSERT_LOOP_CLOSED(LOOP);
  return 0;
}

/* ---- errors on a shut or closed handle ---- */

static int wac_shutdown_status = 1;

static void wac_shutdown_cb(lode_shutdown_t* req, int status) {
  (void) req;
  wac_shutdown_status = status;
}

static void never_write_cb(lode_write_t* req, int status) {
  (void) req;
  TEST_FAIL_("write callback of a rejected write ran (status %d)", status);
}

TEST_IMPL(tcp_write_after_shutdown_and_close) {
  lode_write_t wreq;
  lode_shutdown_t sreq, sreq2;
  lode_buf_t buf = lode_buf_init("x", 1);

  make_pair();
  ASSERT_OK(lode_shutdown(&sreq, (lode_stream_t*) &pair_client,
                          wac_shutdown_cb));
  ASSERT_ERR(lode_write(&wreq, (lode_stream_t*) &pair_client, &buf, 1,
                        never_write_cb),
             LODE_EPIPE);
  ASSERT_ERR(lode_try_write((lode_stream_t*) &pair_client, &buf, 1),
             LODE_EPIPE);
  ASSERT_ERR(lode_shutdown(&sreq2, (lode_stream_t*) &pair_client,
                           wac_shutdown_cb),
             LODE_ENOTCONN);
  RUN_UNTIL(wac_shutdown_status != 1);
  ASSERT_OK(wac_shutdown_status);

  lode_close((lode_handle_t*) &pair_peer, NULL);
  ASSERT_ERR(lode_write(&wreq, (lode_stream_t*) &pair_peer, &buf, 1,
                        never_write_cb),
             LODE_EBADF);
  ASSERT_ERR(lode_try_write((lode_stream_t*) &pair_peer, &buf, 1), LODE_EBADF);
  ASSERT_ERR(lode_read_start((lode_stream_t*) &pair_peer, slab_alloc,
                             hc_client_read_cb),
             LODE_EINVAL);
  ASSERT_ERR(lode_shutdown(&sreq2, (lode_stream_t*) &pair_peer,
                           wac_shutdown_cb),
             LODE_ENOTCONN);
  ASSERT_LOOP_CLOSED(LOOP);
  return 0;
}

/* ---- closing with writes queued ---- */

#define HUGE_SIZE (64u << 20)

static void trace_write_cb(lode_write_t* req, int status) {
  mark((char) (intptr_t) req->data);
  if (status == LODE_ECANCELED) mark('x');
  else ASSERT_OK(status);
}

TEST_IMPL(tcp_close_cancels_queued_writes) {
  lode_write_t w1, w2;
  lode_buf_t big, small = lode_buf_init("tail", 4);
  char* data = calloc(1, HUGE_SIZE);

  ASSERT_NOT_NULL(data);
  make_pair();
  big = lode_buf_init(data, HUGE_SIZE);
  w1.data = (void*) (intptr_t) '1';
  w2.data = (void*) (intptr_t) '2';
  ASSERT_OK(lode_write(&w1, (lode_stream_t*) &pair_client, &big, 1,
                       trace_write_cb));
  ASSERT_OK(lode_write(&w2, (lode_stream_t*) &pair_client, &small, 1,
                       trace_write_cb));
  ASSERT_GT(pair_client.write_queue_size, 4);
  lode_close((lode_handle_t*) &pair_client, trace_close_cb);
  /* Cancellation is reported later, in the close phase. */
  ASSERT_STR_EQ(trace, "");
  RUN_UNTIL(ntrace == 5);
  ASSERT_STR_EQ(trace, "1x2xC");
  ASSERT_EQ(pair_client.write_queue_size, 0);
  ASSERT_LOOP_CLOSED(LOOP);
  free(data);
  return 0;
}

/* ---- closing from inside each kind of callback ---- */

static int cir_reads, cir_client_end;

static void cir_peer_read_cb(lode_stream_t* s, lode_ssize_t nread,
                             const lode_buf_t* buf) {
  (void) buf;
  if (nread == 0) return;
  ASSERT_GT(nread, 0);
  cir_reads++;
  ASSERT_EQ(cir_reads, 1);
  lode_close((lode_handle_t*) s, trace_close_cb);
  ASSERT(lode_is_closing((lode_handle_t*) s));
  ASSERT(!lode_is_active((lode_handle_t*) s));
}

static void cir_client_read_cb(lode_stream_t* s, lode_ssize_t nread,
                               const lode_buf_t* buf) {
  (void) s;
  (void) buf;
  if (nread >= 0) return;
  ASSERT(nread == LODE_EOF || nread == LODE_ECONNRESET);
  cir_client_end++;
}

TEST_IMPL(tcp_close_in_read_cb) {
  static char data[200000];
  lode_write_t w;
  lode_buf_t buf = lode_buf_init(data, sizeof(data));

  make_pair();
  ASSERT_OK(lode_read_start((lode_stream_t*) &pair_peer, slab_alloc,
                            cir_peer_read_cb));
  ASSERT_OK(lode_read_start((lode_stream_t*) &pair_client, slab_alloc,
                            cir_client_read_cb));
  /* More than one read's worth: the reader must not be called again after
   * it closed itself inside its callback. */
  ASSERT_OK(lode_write(&w, (lode_stream_t*) &pair_client, &buf, 1, NULL));
  RUN_UNTIL(cir_client_end == 1);
  ASSERT_EQ(cir_reads, 1);
  ASSERT_STR_EQ(trace, "C");
  ASSERT_LOOP_CLOSED(LOOP);
  return 0;
}

static void ciw_write_cb(lode_write_t* req, int status) {
  char id = (char) (intptr_t) req->data;
  mark(id);
  if (id == '1') {
    ASSERT_OK(status);
    lode_close((lode_handle_t*) req->handle, trace_close_cb);
  } else {
    ASSERT_ERR(status, LODE_ECANCELED);
  }
}

TEST_IMPL(tcp_close_in_write_cb) {
  lode_write_t w1, w2, w3;
  lode_buf_t a = lode_buf_init("a", 1), big, c = lode_buf_init("c", 1);
  char* data = calloc(1, HUGE_SIZE);

  ASSERT_NOT_NULL(data);
  make_pair();
  big = lode_buf_init(data, HUGE_SIZE);
  w1.data = (void*) (intptr_t) '1';
  w2.data = (void*) (intptr_t) '2';
  w3.data = (void*) (intptr_t) '3';
  ASSERT_OK(lode_write(&w1, (lode_stream_t*) &pair_client, &a, 1,
                       ciw_write_cb));
  ASSERT_OK(lode_write(&w2, (lode_stream_t*) &pair_client, &big, 1,
                       ciw_write_cb));
  ASSERT_OK(lode_write(&w3, (lode_stream_t*) &pair_client, &c, 1,
                       ciw_write_cb));
  RUN_UNTIL(ntrace == 4);
  ASSERT_STR_EQ(trace, "123C");
  ASSERT_LOOP_CLOSED(LOOP);
  free(data);
  return 0;
}

static lode_tcp_t cic_client;

static void cic_connect_cb(lode_connect_t* req, int status) {
  ASSERT_OK(status);
  mark('c');
  lode_close((lode_handle_t*) req->handle, trace_close_cb);
}

/* The write queued while connecting is cancelled by the close made from
 * the connect callback. */
TEST_IMPL(tcp_close_in_connect_cb) {
  lode_tcp_t server;
  lode_connect_t req;
  lode_write_t w;
  lode_buf_t buf = lode_buf_init("queued", 6);
  int port;

  ASSERT_OK(lode_loop_init(LOOP));
  port = listen_on(&server, 16, echo_connection_cb);
  connect_to(&req, &cic_client, port, cic_connect_cb);
  ASSERT_OK(lode_write(&w, (lode_stream_t*) &cic_client, &buf, 1,
                       cancel_write_cb));
  RUN_UNTIL(ntrace == 3);
  ASSERT_STR_EQ(trace, "cwC");
  lode_close((lode_handle_t*) &server, NULL);
  ASSERT_LOOP_CLOSED(LOOP);
  return 0;
}

static int cicn_calls, cicn_client_end, cicn_connected;

static void cicn_connection_cb(lode_stream_t* server, int status) {
  ASSERT_OK(status);
  cicn_calls++;
  /* Never accepted: the pending connection is dropped with the server. */
  lode_close((lode_handle_t*) server, trace_close_cb);
}

static void cicn_read_cb(lode_stream_t* s, lode_ssize_t nread,
                         const lode_buf_t* buf) {
  (void) buf;
  if (nread >= 0) return;
  ASSERT(nread == LODE_EOF || nread == LODE_ECONNRESET);
  cicn_client_end++;
  lode_close((lode_handle_t*) s, NULL);
}

static void cicn_connect_cb(lode_connect_t* req, int status) {
  ASSERT_OK(status);
  cicn_connected++;
  ASSERT_OK(lode_read_start(req->handle, slab_alloc, cicn_read_cb));
}

TEST_IMPL(tcp_close_in_connection_cb) {
  lode_tcp_t server, client;
  lode_connect_t req;
  int port;

  ASSERT_OK(lode_loop_init(LOOP));
  port = listen_on(&server, 16, cicn_connection_cb);
  connect_to(&req, &client, port, cicn_connect_cb);
  RUN_UNTIL(cicn_client_end == 1);
  ASSERT_EQ(cicn_calls, 1);
  ASSERT_EQ(cicn_connected, 1);
  ASSERT_STR_EQ(trace, "C");
  ASSERT_LOOP_CLOSED(LOOP);
  return 0;
}

/* ---- try_write ---- */

static size_t tw_recv;

static void tw_read_cb(lode_stream_t* s, lode_ssize_t nread,
                       const lode_buf_t* buf) {
  (void) s;
  (void) buf;
  if (nread > 0) tw_recv += (size_t) nread;
}

TEST_IMPL(tcp_try_write) {
  static char chunk[65536];
  lode_buf_t bufs[2] = {{"hel", 3}, {"lo", 2}};
  lode_buf_t c = lode_buf_init(chunk, sizeof(chunk));
  lode_write_t w;
  size_t total = 0;
  int r;

  make_pair();
  ASSERT_EQ(lode_try_write((lode_stream_t*) &pair_client, bufs, 2), 5);
  ASSERT_EQ(lode_try_write((lode_stream_t*) &pair_client, bufs, 0), 0);
  /* Nothing reads: sooner or later the kernel takes no more. */
  for (;;) {
    r = lode_try_write((lode_stream_t*) &pair_client, &c, 1);
    if (r == LODE_EAGAIN) break;
    ASSERT_GT(r, 0);
    total += (size_t) r;
    ASSERT_LT(total, 1u << 30);
  }
  ASSERT_GT(total, 0);
  ASSERT_EQ(pair_client.write_queue_size, 0);
  /* With a write queued, try_write never jumps the queue. */
  ASSERT_OK(lode_write(&w, (lode_stream_t*) &pair_client, bufs, 2, NULL));
  ASSERT_EQ(pair_client.write_queue_size, 5);
  ASSERT_ERR(lode_try_write((lode_stream_t*) &pair_client, bufs, 2),
             LODE_EAGAIN);
  ASSERT_OK(lode_read_start((lode_stream_t*) &pair_peer, slab_alloc,
                            tw_read_cb));
  RUN_UNTIL(tw_recv == total + 10);
  ASSERT_LOOP_CLOSED(LOOP);
  return 0;
}

/* ---- read_stop stops reading; the writer backs up ---- */

static int rs_reads, rs_write_done, rs_timer_fired;
static size_t rs_recv;

static void rs_read_cb(lode_stream_t* s, lode_ssize_t nread,
                       const lode_buf_t* buf) {
  (void) buf;
  if (nread <= 0) return;
  rs_reads++;
  rs_recv += (size_t) nread;
  if (rs_reads == 1) ASSERT_OK(lode_read_stop(s));
}

static void rs_write_cb(lode_write_t* req, int status) {
  (void) req;
  ASSERT_OK(status);
  rs_write_done++;
}

static void rs_timer_cb(lode_timer_t* t) {
  (void) t;
  rs_timer_fired++;
}

static int rs_turns;

static void rs_prepare_cb(lode_prepare_t* p) {
  (void) p;
  rs_turns++;
}

TEST_IMPL(tcp_read_stop_backpressure) {
  lode_write_t w;
  lode_buf_t big;
  lode_timer_t timer;
  lode_prepare_t prep;
  char* data = calloc(1, HUGE_SIZE);
  size_t queued;

  ASSERT_NOT_NULL(data);
  make_pair();
  big = lode_buf_init(data, HUGE_SIZE);
  ASSERT_OK(lode_read_start((lode_stream_t*) &pair_peer, slab_alloc,
                            rs_read_cb));
  ASSERT_OK(lode_write(&w, (lode_stream_t*) &pair_client, &big, 1,
                       rs_write_cb));
  RUN_UNTIL(rs_reads == 1);
  ASSERT(!lode_is_active((lode_handle_t*) &pair_peer));
  ASSERT_OK(lode_read_stop((lode_stream_t*) &pair_peer)); /* idempotent */

  /* Let the writer run until the kernel buffers are full. The wait proves
   * an absence (no more reads), so it has to be a stretch of time. */
  ASSERT_OK(lode_timer_init(LOOP, &timer));
  ASSERT_OK(lode_timer_start(&timer, rs_timer_cb, 200, 0));
  ASSERT_OK(lode_prepare_init(LOOP, &prep));
  ASSERT_OK(lode_prepare_start(&prep, rs_prepare_cb));
  RUN_UNTIL(rs_timer_fired == 1);
  /* Stopped means not polled either: the loop slept, it did not spin on
   * a readable descriptor nobody reads. */
  ASSERT_LT(rs_turns, 50);
  ASSERT_OK(lode_prepare_stop(&prep));
  ASSERT_EQ(rs_reads, 1);
  ASSERT_EQ(rs_write_done, 0);
  queued = pair_client.write_queue_size;
  ASSERT_GT(queued, 0);
  ASSERT(lode_is_active((lode_handle_t*) &pair_client));

  ASSERT_OK(lode_read_start((lode_stream_t*) &pair_peer, slab_alloc,
                            rs_read_cb));
  RUN_UNTIL(rs_write_done == 1);
  RUN_UNTIL(rs_recv == HUGE_SIZE);
  ASSERT_EQ(pair_client.write_queue_size, 0);
  ASSERT_LOOP_CLOSED(LOOP);
  free(data);
  return 0;
}

/* ---- socket options ---- */

static int sockopt_int(int fd, int level, int name) {
  int v = -1;
  socklen_t len = sizeof(v);
  ASSERT_OK(getsockopt(fd, level, name, &v, &len));
  return v;
}

TEST_IMPL(tcp_nodelay_keepalive) {
  lode_tcp_t lazy, server;
  lode_connect_t req;
  lode_os_fd_t fd;
  int port;

  make_pair();
  ASSERT_OK(lode_fileno((lode_handle_t*) &pair_client, &fd));
  ASSERT_EQ(sockopt_int(fd, IPPROTO_TCP, TCP_NODELAY), 0);
  ASSERT_OK(lode_tcp_nodelay(&pair_client, 1));
  ASSERT_EQ(sockopt_int(fd, IPPROTO_TCP, TCP_NODELAY), 1);
  ASSERT_OK(lode_tcp_nodelay(&pair_client, 0));
  ASSERT_EQ(sockopt_int(fd, IPPROTO_TCP, TCP_NODELAY), 0);
  ASSERT_OK(lode_tcp_keepalive(&pair_client, 1, 17));
  ASSERT_NE(sockopt_int(fd, SOL_SOCKET, SO_KEEPALIVE), 0);
#ifdef TCP_KEEPIDLE
  ASSERT_EQ(sockopt_int(fd, IPPROTO_TCP, TCP_KEEPIDLE), 17);
#endif
  ASSERT_OK(lode_tcp_keepalive(&pair_client, 0, 0));
  ASSERT_EQ(sockopt_int(fd, SOL_SOCKET, SO_KEEPALIVE), 0);

  /* Asked for before the socket exists: applied when it is created. */
  port = listen_on(&server, 16, echo_connection_cb);
  ASSERT_OK(lode_tcp_init(LOOP, &lazy));
  ASSERT_ERR(lode_fileno((lode_handle_t*) &lazy, &fd), LODE_EBADF);
  ASSERT_OK(lode_tcp_nodelay(&lazy, 1));
  ASSERT_OK(lode_tcp_keepalive(&lazy, 1, 60));
  {
    struct sockaddr_in addr;
    TEST_ADDR4(&addr, port);
    ASSERT_OK(lode_tcp_connect(&req, &lazy, (struct sockaddr*) &addr, NULL));
  }
  ASSERT_OK(lode_fileno((lode_handle_t*) &lazy, &fd));
  ASSERT_EQ(sockopt_int(fd, IPPROTO_TCP, TCP_NODELAY), 1);
  ASSERT_NE(sockopt_int(fd, SOL_SOCKET, SO_KEEPALIVE), 0);
  ASSERT_LOOP_CLOSED(LOOP);
  return 0;
}

/* ---- IPv6 ---- */

static int v6_connected;

static void v6_connect_cb(lode_connect_t* req, int status) {
  struct sockaddr_storage ss;
  int len = sizeof(ss);
  ASSERT_OK(status);
  ASSERT_OK(lode_tcp_getpeername((lode_tcp_t*) req->handle,
                                 (struct sockaddr*) &ss, &len));
  ASSERT_EQ(ss.ss_family, AF_INET6);
  v6_connected++;
  lode_close((lode_handle_t*) req->handle, NULL);
}

TEST_IMPL(tcp_ipv6_connect) {
  struct sockaddr_in6 addr;
  struct sockaddr_storage ss;
  int len = sizeof(ss);
  lode_tcp_t server, client;
  lode_connect_t req;

  if (!test_can_ipv6()) {
    printf("IPv6 loopback is not available here\n");
    return TEST_SKIP;
  }
  ASSERT_OK(lode_loop_init(LOOP));
  ASSERT_OK(lode_ip6_addr("::1", 0, &addr));
  ASSERT_OK(lode_tcp_init_ex(LOOP, &server, AF_INET6));
  ASSERT_OK(lode_tcp_bind(&server, (struct sockaddr*) &addr,
                          LODE_TCP_IPV6ONLY));
  ASSERT_OK(lode_listen((lode_stream_t*) &server, 16, echo_connection_cb));
  ASSERT_OK(lode_tcp_getsockname(&server, (struct sockaddr*) &ss, &len));
  ASSERT_EQ(ss.ss_family, AF_INET6);
  ASSERT_EQ(len, sizeof(struct sockaddr_in6));
  addr.sin6_port = ((struct sockaddr_in6*) &ss)->sin6_port;
  ASSERT_OK(lode_tcp_init(LOOP, &client));
  ASSERT_OK(lode_tcp_connect(&req, &client, (struct sockaddr*) &addr,
                             v6_connect_cb));
  RUN_UNTIL(v6_connected == 1 && echo_closed == 1);
  ASSERT_EQ(echo_accepted, 1);
  ASSERT_LOOP_CLOSED(LOOP);
  return 0;
}

/* ---- names ---- */

TEST_IMPL(tcp_getsockname_getpeername) {
  struct sockaddr_in a, b;
  int alen, blen;
  lode_tcp_t unbound;

  make_pair();
  alen = sizeof(a);
  blen = sizeof(b);
  ASSERT_OK(lode_tcp_getsockname(&pair_client, (struct sockaddr*) &a, &alen));
  ASSERT_OK(lode_tcp_getpeername(&pair_peer, (struct sockaddr*) &b, &blen));
  ASSERT_EQ(alen, sizeof(a));
  ASSERT_EQ(a.sin_family, AF_INET);
  ASSERT_EQ(a.sin_port, b.sin_port);
  ASSERT_EQ(a.sin_addr.s_addr, htonl(INADDR_LOOPBACK));
  ASSERT_EQ(a.sin_addr.s_addr, b.sin_addr.s_addr);

  alen = sizeof(a);
  blen = sizeof(b);
  ASSERT_OK(lode_tcp_getpeername(&pair_client, (struct sockaddr*) &a, &alen));
  ASSERT_OK(lode_tcp_getsockname(&pair_peer, (struct sockaddr*) &b, &blen));
  ASSERT_EQ(a.sin_port, b.sin_port);
  ASSERT_NE(a.sin_port, 0);

  ASSERT_OK(lode_tcp_init(LOOP, &unbound));
  alen = sizeof(a);
  ASSERT_ERR(lode_tcp_getsockname(&unbound, (struct sockaddr*) &a, &alen),
             LODE_EBADF);
  ASSERT_LOOP_CLOSED(LOOP);
  return 0;
}

/* ---- close_reset ---- */

static int rst_status = 1;

static void rst_read_cb(lode_stream_t* s, lode_ssize_t nread,
                        const lode_buf_t* buf) {
  (void) buf;
  if (nread >= 0) return;
  rst_status = (int) nread;
  lode_close((lode_handle_t*) s, NULL);
}

TEST_IMPL(tcp_close_reset) {
  make_pair();
  ASSERT_OK(lode_read_start((lode_stream_t*) &pair_peer, slab_alloc,
                            rst_read_cb));
  ASSERT_OK(lode_tcp_close_reset(&pair_client, trace_close_cb));
  ASSERT(lode_is_closing((lode_handle_t*) &pair_client));
  RUN_UNTIL(rst_status != 1);
  ASSERT_ERR(rst_status, LODE_ECONNRESET);
  RUN_UNTIL(ntrace == 1);
  ASSERT_STR_EQ(trace, "C");
  ASSERT_LOOP_CLOSED(LOOP);
  return 0;
}

/* ---- ref/unref of a listening server ---- */

TEST_IMPL(tcp_unref_listening_server) {
  lode_tcp_t server;

  ASSERT_OK(lode_loop_init(LOOP));
  listen_on(&server, 16, echo_connection_cb);
  ASSERT(lode_is_active((lode_handle_t*) &server));
  ASSERT(lode_loop_alive(LOOP));
  lode_unref((lode_handle_t*) &server);
  ASSERT(!lode_has_ref((lode_handle_t*) &server));
  ASSERT(!lode_loop_alive(LOOP));
  /* Only an unreferenced server remains: the loop ends at once. */
  ASSERT_EQ(lode_run(LOOP, LODE_RUN_DEFAULT), 0);
  ASSERT(lode_is_active((lode_handle_t*) &server));
  lode_ref((lode_handle_t*) &server);
  ASSERT(lode_loop_alive(LOOP));
  ASSERT_LOOP_CLOSED(LOOP);
  return 0;
}

/* ---- bind ---- */

TEST_IMPL(tcp_bind_eaddrinuse) {
  lode_tcp_t a, b;
  struct sockaddr_in addr;
  int port, r;

  ASSERT_OK(lode_loop_init(LOOP));
  port = listen_on(&a, 16, echo_connection_cb);
  TEST_ADDR4(&addr, port);
  ASSERT_OK(lode_tcp_init(LOOP, &b));
  r = lode_tcp_bind(&b, (struct sockaddr*) &addr, 0);
  if (r == 0) r = lode_listen((lode_stream_t*) &b, 16, echo_connection_cb);
  ASSERT_ERR(r, LODE_EADDRINUSE);
  /* IPV6ONLY makes no sense on an IPv4 address. */
  ASSERT_ERR(lode_tcp_bind(&b, (struct sockaddr*) &addr, LODE_TCP_IPV6ONLY),
             LODE_EINVAL);
  ASSERT_LOOP_CLOSED(LOOP);
  return 0;
}

/* ---- calls on a handle that never connected ---- */

TEST_IMPL(tcp_unconnected_errors) {
  lode_tcp_t t;
  lode_write_t w;
  lode_shutdown_t s;
  lode_buf_t buf = lode_buf_init("x", 1);
  lode_os_fd_t fd;

  ASSERT_OK(lode_loop_init(LOOP));
  ASSERT_OK(lode_tcp_init(LOOP, &t));
  ASSERT_EQ(t.type, LODE_TCP);
  ASSERT(!lode_is_active((lode_handle_t*) &t));
  ASSERT_ERR(lode_read_start((lode_stream_t*) &t, slab_alloc, tw_read_cb),
             LODE_ENOTCONN);
  ASSERT_ERR(lode_write(&w, (lode_stream_t*) &t, &buf, 1, never_write_cb),
             LODE_EBADF);
  ASSERT_ERR(lode_shutdown(&s, (lode_stream_t*) &t, NULL), LODE_ENOTCONN);
  ASSERT_ERR(lode_accept((lode_stream_t*) &t, (lode_stream_t*) &t),
             LODE_EAGAIN);
  ASSERT_ERR(lode_fileno((lode_handle_t*) &t, &fd), LODE_EBADF);
  ASSERT_EQ(lode_stream_get_write_queue_size((lode_stream_t*) &t), 0);
  ASSERT_OK(lode_read_stop((lode_stream_t*) &t));
  ASSERT_ERR(lode_tcp_init_ex(LOOP, &t, 12345), LODE_EINVAL);
  ASSERT_LOOP_CLOSED(LOOP);
  return 0;
}

/* ---- adopting a socket ---- */

static int open_got;

static void open_read_cb(lode_stream_t* s, lode_ssize_t nread,
                         const lode_buf_t* buf) {
  if (nread <= 0) return;
  ASSERT_EQ(nread, 3);
  ASSERT(memcmp(buf->base, "abc", 3) == 0);
  open_got++;
  lode_close((lode_handle_t*) s, NULL);
}

TEST_IMPL(tcp_open_adopts_socket) {
  struct sockaddr_in addr;
  socklen_t len = sizeof(addr);
  lode_tcp_t h, busy;
  lode_os_fd_t got;
  int lfd, cfd, afd;

  lfd = socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(lfd, 0);
  TEST_ADDR4(&addr, 0);
  ASSERT_OK(bind(lfd, (struct sockaddr*) &addr, sizeof(addr)));
  ASSERT_OK(listen(lfd, 1));
  ASSERT_OK(getsockname(lfd, (struct sockaddr*) &addr, &len));
  cfd = socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_OK(connect(cfd, (struct sockaddr*) &addr, sizeof(addr)));
  afd = accept(lfd, NULL, NULL);
  ASSERT_GE(afd, 0);

  ASSERT_OK(lode_loop_init(LOOP));
  ASSERT_OK(lode_tcp_init(LOOP, &h));
  ASSERT_OK(lode_tcp_open(&h, afd));
  ASSERT_OK(lode_fileno((lode_handle_t*) &h, &got));
  ASSERT_EQ(got, afd);
  ASSERT(lode_is_readable((lode_stream_t*) &h));
  ASSERT(lode_is_writable((lode_stream_t*) &h));
  ASSERT(fcntl(afd, F_GETFL) & O_NONBLOCK);
  ASSERT_OK(lode_read_start((lode_stream_t*) &h, slab_alloc, open_read_cb));
  ASSERT_EQ(write(cfd, "abc", 3), 3);
  RUN_UNTIL(open_got == 1);

  ASSERT_OK(lode_tcp_init_ex(LOOP, &busy, AF_INET));
  ASSERT_OK(lode_fileno((lode_handle_t*) &busy, &got));
  ASSERT_ERR(lode_tcp_open(&busy, cfd), LODE_EBUSY);
  ASSERT_LOOP_CLOSED(LOOP);
  close(cfd);
  close(lfd);
  return 0;
}

/* ---- a write to a closed peer fails with EPIPE, not SIGPIPE ---- */

static int ep_status = 1;
static lode_write_t ep_w;
static char ep_data[65536];

static void ep_write_cb(lode_write_t* req, int status) {
  lode_buf_t buf = lode_buf_init(ep_data, sizeof(ep_data));
  if (status == 0) {
    ASSERT_OK(lode_write(req, req->handle, &buf, 1, ep_write_cb));
    return;
  }
  ep_status = status;
}

static void ep_read_cb(lode_stream_t* s, lode_ssize_t nread,
                       const lode_buf_t* buf) {
  lode_buf_t b = lode_buf_init(ep_data, sizeof(ep_data));
  (void) buf;
  if (nread >= 0) return;
  ASSERT_ERR(nread, LODE_EOF);
  /* The peer is gone: keep writing until the kernel says so. */
  ASSERT_OK(lode_write(&ep_w, s, &b, 1, ep_write_cb));
}

TEST_IMPL(tcp_write_to_closed_peer_epipe) {
  make_pair();
  /* With the default disposition a SIGPIPE would kill the test. */
  signal(SIGPIPE, SIG_DFL);
  ASSERT_OK(lode_read_start((lode_stream_t*) &pair_client, slab_alloc,
                            ep_read_cb));
  lode_close((lode_handle_t*) &pair_peer, NULL);
  RUN_UNTIL(ep_status != 1);
  ASSERT(ep_status == LODE_EPIPE || ep_status == LODE_ECONNRESET);
  ASSERT_EQ(pair_client.write_queue_size, 0);
  ASSERT_LOOP_CLOSED(LOOP);
  signal(SIGPIPE, SIG_IGN);
  return 0;
}
