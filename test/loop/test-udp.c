/*
 * test-udp.c — UDP handles (test/, layer under test: platform/unix udp.c).
 * Contract: loop/lode.h, "UDP": datagrams in and out with the peer's
 * address, queued sends whose callbacks run later and in order, options,
 * close cancelling what is still queued.
 */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "../task.h"

static char recv_space[65536];

static void alloc_cb(lode_handle_t* h, size_t suggested, lode_buf_t* buf) {
  ASSERT_GT(suggested, 0);
  buf->base = recv_space;
  buf->len = sizeof(recv_space);
}

static int sock_port(const lode_udp_t* h) {
  struct sockaddr_storage ss;
  int len = sizeof(ss);
  ASSERT_OK(lode_udp_getsockname(h, (struct sockaddr*) &ss, &len));
  if (ss.ss_family == AF_INET6)
    return ntohs(((struct sockaddr_in6*) &ss)->sin6_port);
  return ntohs(((struct sockaddr_in*) &ss)->sin_port);
}

static void bind_loopback(lode_udp_t* h, struct sockaddr_in* bound) {
  struct sockaddr_in addr;
  TEST_ADDR4(&addr, 0);
  ASSERT_OK(lode_udp_bind(h, (const struct sockaddr*) &addr, 0));
  if (bound != NULL) TEST_ADDR4(bound, sock_port(h));
}

/* ---- echo ---- */

static lode_udp_t echo_server, echo_client;
static int server_recvs, client_recvs, send_cbs;
static int client_port;

static void send_cb(lode_udp_send_t* req, int status) {
  ASSERT_OK(status);
  send_cbs++;
}

static void server_recv(lode_udp_t* h, lode_ssize_t nread,
                        const lode_buf_t* buf, const struct sockaddr* addr,
                        unsigned flags) {
  static lode_udp_send_t reply;
  static char pong[] = "PONG";
  lode_buf_t out;
  char name[64];

  if (nread == 0 && addr == NULL) return; /* nothing more */
  ASSERT_EQ(nread, 4);
  ASSERT_EQ(flags, 0);
  ASSERT(memcmp(buf->base, "PING", 4) == 0);
  ASSERT_NOT_NULL(addr);
  ASSERT_EQ(addr->sa_family, AF_INET);
  ASSERT_OK(lode_ip_name(addr, name, sizeof(name)));
  ASSERT_STR_EQ(name, "127.0.0.1");
  ASSERT_EQ(ntohs(((const struct sockaddr_in*) addr)->sin_port), client_port);
  server_recvs++;
  out = lode_buf_init(pong, 4);
  ASSERT_OK(lode_udp_send(&reply, h, &out, 1, addr, send_cb));
}

static void client_recv(lode_udp_t* h, lode_ssize_t nread,
                        const lode_buf_t* buf, const struct sockaddr* addr,
                        unsigned flags) {
  if (nread == 0 && addr == NULL) return;
  ASSERT_EQ(nread, 4);
  ASSERT(memcmp(buf->base, "PONG", 4) == 0);
  client_recvs++;
  lode_close((lode_handle_t*) &echo_server, NULL);
  lode_close((lode_handle_t*) &echo_client, NULL);
}

TEST_IMPL(udp_send_recv_echo) {
  lode_loop_t loop;
  struct sockaddr_in server_addr;
  lode_udp_send_t req;
  lode_buf_t buf;
  char ping[] = "PING";

  ASSERT_OK(lode_loop_init(&loop));
  ASSERT_OK(lode_udp_init(&loop, &echo_server));
  ASSERT_OK(lode_udp_init(&loop, &echo_client));
  bind_loopback(&echo_server, &server_addr);
  bind_loopback(&echo_client, NULL);
  client_port = sock_port(&echo_client);
  ASSERT(!lode_is_active((lode_handle_t*) &echo_server));
  ASSERT_OK(lode_udp_recv_start(&echo_server, alloc_cb, server_recv));
  ASSERT(lode_is_active((lode_handle_t*) &echo_server));
  ASSERT_OK(lode_udp_recv_start(&echo_client, alloc_cb, client_recv));
  buf = lode_buf_init(ping, 4);
  ASSERT_OK(lode_udp_send(&req, &echo_client, &buf, 1,
                          (const struct sockaddr*) &server_addr, send_cb));
  ASSERT_EQ(send_cbs, 0); /* never from inside lode_udp_send */
  ASSERT_OK(lode_run(&loop, LODE_RUN_DEFAULT));
  ASSERT_EQ(server_recvs, 1);
  ASSERT_EQ(client_recvs, 1);
  ASSERT_EQ(send_cbs, 2);
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

/* ---- one datagram from several buffers; empty datagrams ---- */

static int gather_recvs;
static int empty_seen;

static void gather_recv(lode_udp_t* h, lode_ssize_t nread,
                        const lode_buf_t* buf, const struct sockaddr* addr,
                        unsigned flags) {
  if (addr == NULL) {
    ASSERT_EQ(nread, 0);
    return;
  }
  gather_recvs++;
  if (gather_recvs == 1) {
    ASSERT_EQ(nread, 10);
    ASSERT(memcmp(buf->base, "abcdefghij", 10) == 0);
    return;
  }
  /* The second datagram is empty: nread 0 with an address. */
  ASSERT_EQ(nread, 0);
  empty_seen = 1;
  lode_close((lode_handle_t*) h, NULL);
}

TEST_IMPL(udp_send_several_bufs) {
  lode_loop_t loop;
  lode_udp_t server, client;
  struct sockaddr_in addr;
  lode_udp_send_t req, req2;
  lode_buf_t bufs[5];

  ASSERT_OK(lode_loop_init(&loop));
  ASSERT_OK(lode_udp_init(&loop, &server));
  ASSERT_OK(lode_udp_init(&loop, &client));
  bind_loopback(&server, &addr);
  ASSERT_OK(lode_udp_recv_start(&server, alloc_cb, gather_recv));
  /* Five buffers (more than the request's inline array). */
  bufs[0] = lode_buf_init("ab", 2);
  bufs[1] = lode_buf_init("cde", 3);
  bufs[2] = lode_buf_init("", 0);
  bufs[3] = lode_buf_init("fghi", 4);
  bufs[4] = lode_buf_init("j", 1);
  ASSERT_OK(lode_udp_send(&req, &client, bufs, 5,
                          (const struct sockaddr*) &addr, send_cb));
  ASSERT_OK(lode_udp_send(&req2, &client, NULL, 0,
                          (const struct sockaddr*) &addr, send_cb));
  ASSERT_OK(lode_run(&loop, LODE_RUN_DEFAULT));
  ASSERT_EQ(gather_recvs, 2);
  ASSERT_EQ(empty_seen, 1);
  lode_close((lode_handle_t*) &client, NULL);
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

/* ---- send callbacks in order ---- */

#define ORDER_N 64
static int order_next;
static int order_recvs;

static void order_send_cb(lode_udp_send_t* req, int status) {
  ASSERT_OK(status);
  ASSERT_EQ((intptr_t) req->data, order_next);
  order_next++;
}

static void order_recv(lode_udp_t* h, lode_ssize_t nread,
                       const lode_buf_t* buf, const struct sockaddr* addr,
                       unsigned flags) {
  if (addr == NULL) return;
  ASSERT_EQ(nread, 4);
  /* Loopback keeps order. */
  ASSERT_EQ(*(int*) buf->base, order_recvs);
  if (++order_recvs == ORDER_N) lode_close((lode_handle_t*) h, NULL);
}

TEST_IMPL(udp_send_callbacks_in_order) {
  lode_loop_t loop;
  lode_udp_t server, client;
  struct sockaddr_in addr;
  static lode_udp_send_t reqs[ORDER_N];
  static int payload[ORDER_N];
  lode_buf_t buf;
  int i;

  ASSERT_OK(lode_loop_init(&loop));
  ASSERT_OK(lode_udp_init(&loop, &server));
  ASSERT_OK(lode_udp_init(&loop, &client));
  bind_loopback(&server, &addr);
  ASSERT_OK(lode_udp_recv_start(&server, alloc_cb, order_recv));
  for (i = 0; i < ORDER_N; i++) {
    payload[i] = i;
    reqs[i].data = (void*) (intptr_t) i;
    buf = lode_buf_init((char*) &payload[i], sizeof(int));
    ASSERT_OK(lode_udp_send(&reqs[i], &client, &buf, 1,
                            (const struct sockaddr*) &addr, order_send_cb));
  }
  ASSERT_EQ(order_next, 0);
  ASSERT(lode_is_active((lode_handle_t*) &client));
  ASSERT_OK(lode_run(&loop, LODE_RUN_DEFAULT));
  ASSERT_EQ(order_next, ORDER_N);
  ASSERT_EQ(order_recvs, ORDER_N);
  /* Nothing queued or pending any more: the client went inactive. */
  ASSERT(!lode_is_active((lode_handle_t*) &client));
  ASSERT_UINT64_EQ(lode_udp_get_send_queue_count(&client), 0);
  ASSERT_UINT64_EQ(lode_udp_get_send_queue_size(&client), 0);
  lode_close((lode_handle_t*) &client, NULL);
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

/* ---- try_send ---- */

static int try_recvs;

static void try_recv(lode_udp_t* h, lode_ssize_t nread, const lode_buf_t* buf,
                     const struct sockaddr* addr, unsigned flags) {
  if (addr == NULL) return;
  ASSERT_EQ(nread, 6);
  ASSERT(memcmp(buf->base, "hello!", 6) == 0);
  try_recvs++;
  lode_close((lode_handle_t*) h, NULL);
}

TEST_IMPL(udp_try_send) {
  lode_loop_t loop;
  lode_udp_t server, client;
  struct sockaddr_in addr;
  lode_buf_t bufs[2];

  ASSERT_OK(lode_loop_init(&loop));
  ASSERT_OK(lode_udp_init(&loop, &server));
  ASSERT_OK(lode_udp_init(&loop, &client));
  bind_loopback(&server, &addr);
  ASSERT_OK(lode_udp_recv_start(&server, alloc_cb, try_recv));
  bufs[0] = lode_buf_init("hel", 3);
  bufs[1] = lode_buf_init("lo!", 3);
  /* No destination on an unconnected socket. */
  ASSERT_ERR(lode_udp_try_send(&client, bufs, 2, NULL), LODE_EDESTADDRREQ);
  ASSERT_EQ(lode_udp_try_send(&client, bufs, 2,
                              (const struct sockaddr*) &addr),
            6);
  /* The implicit bind gave the client a port. */
  ASSERT_GT(sock_port(&client), 0);
  ASSERT_OK(lode_run(&loop, LODE_RUN_DEFAULT));
  ASSERT_EQ(try_recvs, 1);
  lode_close((lode_handle_t*) &client, NULL);
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

/* ---- truncation ---- */

static int trunc_recvs;
static char small_space[10];

static void small_alloc(lode_handle_t* h, size_t suggested, lode_buf_t* buf) {
  buf->base = small_space;
  buf->len = sizeof(small_space);
}

static void trunc_recv(lode_udp_t* h, lode_ssize_t nread,
                       const lode_buf_t* buf, const struct sockaddr* addr,
                       unsigned flags) {
  if (addr == NULL) return;
  trunc_recvs++;
  if (trunc_recvs == 1) {
    ASSERT_EQ(nread, 10);
    ASSERT_EQ(flags & LODE_UDP_PARTIAL, LODE_UDP_PARTIAL);
    ASSERT(memcmp(buf->base, "0123456789", 10) == 0);
  } else {
    /* A datagram that fits is not flagged. */
    ASSERT_EQ(nread, 3);
    ASSERT_EQ(flags, 0);
    lode_close((lode_handle_t*) h, NULL);
  }
}

TEST_IMPL(udp_truncated_datagram) {
  lode_loop_t loop;
  lode_udp_t server, client;
  struct sockaddr_in addr;
  lode_buf_t buf;
  char big[100];
  int i;

  for (i = 0; i < 100; i++) big[i] = (char) ('0' + i % 10);
  ASSERT_OK(lode_loop_init(&loop));
  ASSERT_OK(lode_udp_init(&loop, &server));
  ASSERT_OK(lode_udp_init(&loop, &client));
  bind_loopback(&server, &addr);
  ASSERT_OK(lode_udp_recv_start(&server, small_alloc, trunc_recv));
  buf = lode_buf_init(big, sizeof(big));
  ASSERT_EQ(lode_udp_try_send(&client, &buf, 1, (const struct sockaddr*) &addr),
            100);
  buf = lode_buf_init(big, 3);
  ASSERT_EQ(lode_udp_try_send(&client, &buf, 1, (const struct sockaddr*) &addr),
            3);
  ASSERT_OK(lode_run(&loop, LODE_RUN_DEFAULT));
  ASSERT_EQ(trunc_recvs, 2);
  lode_close((lode_handle_t*) &client, NULL);
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

/* ---- alloc_cb without a buffer ---- */

static int nobufs_calls;

static void null_alloc(lode_handle_t* h, size_t suggested, lode_buf_t* buf) {
  buf->base = NULL;
  buf->len = 0;
}

static void nobufs_recv(lode_udp_t* h, lode_ssize_t nread,
                        const lode_buf_t* buf, const struct sockaddr* addr,
                        unsigned flags) {
  ASSERT_ERR(nread, LODE_ENOBUFS);
  ASSERT_NULL(addr);
  nobufs_calls++;
  lode_close((lode_handle_t*) h, NULL);
}

TEST_IMPL(udp_alloc_enobufs) {
  lode_loop_t loop;
  lode_udp_t server, client;
  struct sockaddr_in addr;
  lode_buf_t buf = lode_buf_init("x", 1);

  ASSERT_OK(lode_loop_init(&loop));
  ASSERT_OK(lode_udp_init(&loop, &server));
  ASSERT_OK(lode_udp_init(&loop, &client));
  bind_loopback(&server, &addr);
  ASSERT_OK(lode_udp_recv_start(&server, null_alloc, nobufs_recv));
  ASSERT_EQ(lode_udp_try_send(&client, &buf, 1, (const struct sockaddr*) &addr),
            1);
  ASSERT_OK(lode_run(&loop, LODE_RUN_DEFAULT));
  ASSERT_EQ(nobufs_calls, 1);
  lode_close((lode_handle_t*) &client, NULL);
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

/* ---- options ---- */

TEST_IMPL(udp_options) {
  lode_loop_t loop;
  lode_udp_t h, unbound;

  ASSERT_OK(lode_loop_init(&loop));
  ASSERT_OK(lode_udp_init(&loop, &h));
  ASSERT_OK(lode_udp_init(&loop, &unbound));
  /* No socket yet. */
  ASSERT_ERR(lode_udp_set_broadcast(&unbound, 1), LODE_EBADF);
  ASSERT_ERR(lode_udp_set_ttl(&unbound, 5), LODE_EBADF);
  bind_loopback(&h, NULL);
  ASSERT_OK(lode_udp_set_broadcast(&h, 1));
  ASSERT_OK(lode_udp_set_broadcast(&h, 0));
  ASSERT_OK(lode_udp_set_ttl(&h, 1));
  ASSERT_OK(lode_udp_set_ttl(&h, 255));
  ASSERT_ERR(lode_udp_set_ttl(&h, 0), LODE_EINVAL);
  ASSERT_ERR(lode_udp_set_ttl(&h, 256), LODE_EINVAL);
  ASSERT_OK(lode_udp_set_multicast_ttl(&h, 0));
  ASSERT_OK(lode_udp_set_multicast_ttl(&h, 32));
  ASSERT_ERR(lode_udp_set_multicast_ttl(&h, 256), LODE_EINVAL);
  ASSERT_OK(lode_udp_set_multicast_loop(&h, 1));
  ASSERT_OK(lode_udp_set_multicast_loop(&h, 0));
  ASSERT_OK(lode_udp_set_multicast_interface(&h, "127.0.0.1"));
  ASSERT_OK(lode_udp_set_multicast_interface(&h, NULL));
  ASSERT_ERR(lode_udp_set_multicast_interface(&h, "not-an-address"),
             LODE_EINVAL);
  ASSERT_ERR(lode_udp_set_membership(&h, "not-an-address", NULL,
                                     LODE_JOIN_GROUP),
             LODE_EINVAL);
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

/* Verifies the values through getsockopt on the descriptor. */
TEST_IMPL(udp_options_applied) {
  lode_loop_t loop;
  lode_udp_t h;
  lode_os_fd_t fd;
  int val;
  socklen_t len;

  ASSERT_OK(lode_loop_init(&loop));
  ASSERT_OK(lode_udp_init_ex(&loop, &h, AF_INET));
  ASSERT_OK(lode_fileno((lode_handle_t*) &h, &fd));
  ASSERT_OK(lode_udp_set_ttl(&h, 77));
  len = sizeof(val);
  ASSERT_OK(getsockopt(fd, IPPROTO_IP, IP_TTL, &val, &len));
  ASSERT_EQ(val, 77);
  ASSERT_OK(lode_udp_set_broadcast(&h, 1));
  len = sizeof(val);
  ASSERT_OK(getsockopt(fd, SOL_SOCKET, SO_BROADCAST, &val, &len));
  ASSERT_NE(val, 0);
  ASSERT_OK(lode_udp_set_multicast_ttl(&h, 9));
  len = sizeof(val);
  ASSERT_OK(getsockopt(fd, IPPROTO_IP, IP_MULTICAST_TTL, &val, &len));
  ASSERT_EQ(val & 0xFF, 9);
  ASSERT_OK(lode_udp_set_multicast_loop(&h, 0));
  val = 1;
  len = sizeof(val);
  ASSERT_OK(getsockopt(fd, IPPROTO_IP, IP_MULTICAST_LOOP, &val, &len));
  ASSERT_EQ(val & 0xFF, 0);
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

/* ---- multicast on the loopback interface ---- */

static int mcast_recvs;

static void mcast_recv(lode_udp_t* h, lode_ssize_t nread,
                       const lode_buf_t* buf, const struct sockaddr* addr,
                       unsigned flags) {
  if (addr == NULL) return;
  ASSERT_EQ(nread, 5);
  ASSERT(memcmp(buf->base, "mcast", 5) == 0);
  mcast_recvs++;
  ASSERT_OK(lode_udp_set_membership(h, "239.255.0.71", "127.0.0.1",
                                    LODE_LEAVE_GROUP));
  lode_close((lode_handle_t*) h, NULL);
}

TEST_IMPL(udp_multicast_join_loopback) {
  lode_loop_t loop;
  lode_udp_t receiver, sender;
  struct sockaddr_in any, group;
  lode_buf_t buf = lode_buf_init("mcast", 5);
  int err;

  ASSERT_OK(lode_loop_init(&loop));
  ASSERT_OK(lode_udp_init(&loop, &receiver));
  ASSERT_OK(lode_udp_init(&loop, &sender));
  ASSERT_OK(lode_ip4_addr("0.0.0.0", 0, &any));
  ASSERT_OK(lode_udp_bind(&receiver, (const struct sockaddr*) &any,
                          LODE_UDP_REUSEADDR));
  err = lode_udp_set_membership(&receiver, "239.255.0.71", "127.0.0.1",
                                LODE_JOIN_GROUP);
  if (err == LODE_ENODEV || err == LODE_EADDRNOTAVAIL ||
      err == LODE_ENOBUFS || err == LODE_ENETUNREACH) {
    printf("no multicast on the loopback interface (%s)\n",
           lode_err_name(err));
    lode_close((lode_handle_t*) &receiver, NULL);
    lode_close((lode_handle_t*) &sender, NULL);
    ASSERT_LOOP_CLOSED(&loop);
    return TEST_SKIP;
  }
  ASSERT_OK(err);
  /* Leaving a group never joined fails. */
  ASSERT_ERR(lode_udp_set_membership(&receiver, "239.255.0.72", "127.0.0.1",
                                     LODE_LEAVE_GROUP),
             LODE_EADDRNOTAVAIL);
  ASSERT_OK(lode_udp_recv_start(&receiver, alloc_cb, mcast_recv));

  ASSERT_OK(lode_ip4_addr("239.255.0.71", sock_port(&receiver), &group));
  bind_loopback(&sender, NULL);
  ASSERT_OK(lode_udp_set_multicast_interface(&sender, "127.0.0.1"));
  ASSERT_OK(lode_udp_set_multicast_loop(&sender, 1));
  ASSERT_OK(lode_udp_set_multicast_ttl(&sender, 1));
  err = lode_udp_try_send(&sender, &buf, 1, (const struct sockaddr*) &group);
  if (err < 0) {
    printf("cannot send multicast on loopback (%s)\n", lode_err_name(err));
    ASSERT_LOOP_CLOSED(&loop);
    return TEST_SKIP;
  }
  ASSERT_EQ(err, 5);
  ASSERT_OK(lode_run(&loop, LODE_RUN_DEFAULT));
  ASSERT_EQ(mcast_recvs, 1);
  lode_close((lode_handle_t*) &sender, NULL);
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

/* ---- recv_stop ---- */

static int stop_recvs;

static void stop_recv(lode_udp_t* h, lode_ssize_t nread,
                      const lode_buf_t* buf, const struct sockaddr* addr,
                      unsigned flags) {
  if (addr == NULL) return;
  stop_recvs++;
  ASSERT_EQ(nread, 1);
  ASSERT_EQ(buf->base[0], '0' + stop_recvs);
  /* Stop after each datagram: the next one must wait in the kernel. */
  ASSERT_OK(lode_udp_recv_stop(h));
  ASSERT(!lode_is_active((lode_handle_t*) h));
}

TEST_IMPL(udp_recv_stop) {
  lode_loop_t loop;
  lode_udp_t server, client;
  struct sockaddr_in addr;
  lode_buf_t b1 = lode_buf_init("1", 1);
  lode_buf_t b2 = lode_buf_init("2", 1);

  ASSERT_OK(lode_loop_init(&loop));
  ASSERT_OK(lode_udp_init(&loop, &server));
  ASSERT_OK(lode_udp_init(&loop, &client));
  bind_loopback(&server, &addr);
  ASSERT_OK(lode_udp_recv_start(&server, alloc_cb, stop_recv));
  ASSERT_ERR(lode_udp_recv_start(&server, alloc_cb, stop_recv),
             LODE_EALREADY);
  ASSERT_EQ(lode_udp_try_send(&client, &b1, 1, (const struct sockaddr*) &addr),
            1);
  ASSERT_EQ(lode_udp_try_send(&client, &b2, 1, (const struct sockaddr*) &addr),
            1);
  /* Both datagrams are waiting; the loop ends after the first because
   * the callback stopped receiving. */
  ASSERT_OK(lode_run(&loop, LODE_RUN_DEFAULT));
  ASSERT_EQ(stop_recvs, 1);
  ASSERT_OK(lode_udp_recv_stop(&server)); /* idempotent */
  ASSERT_ERR(lode_udp_recv_start(&server, NULL, stop_recv), LODE_EINVAL);
  /* The second was kept for us. */
  ASSERT_OK(lode_udp_recv_start(&server, alloc_cb, stop_recv));
  ASSERT_OK(lode_run(&loop, LODE_RUN_DEFAULT));
  ASSERT_EQ(stop_recvs, 2);
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

/* ---- queued sends, closing with sends queued ----
 *
 * A UDP socket on loopback practically never reports EAGAIN, so the
 * queue is filled on an AF_UNIX datagram socketpair adopted with
 * lode_udp_open: its peer's receive queue is small and nobody reads it. */

static int queued_cbs;
static int queued_ok, queued_cancelled;

static void queued_send_cb(lode_udp_send_t* req, int status) {
  int i = (int) (intptr_t) req->data;
  ASSERT_EQ(i, queued_cbs);
  queued_cbs++;
  if (status == 0) {
    /* Written ones all come before cancelled ones. */
    ASSERT_EQ(queued_cancelled, 0);
    queued_ok++;
  } else {
    ASSERT_ERR(status, LODE_ECANCELED);
    queued_cancelled++;
  }
}

#define QUEUED_MAX 4096

static int fill_queue(lode_udp_t* h, lode_udp_send_t* reqs, lode_buf_t* buf) {
  int i;
  for (i = 0; i < QUEUED_MAX; i++) {
    reqs[i].data = (void*) (intptr_t) i;
    ASSERT_OK(lode_udp_send(&reqs[i], h, buf, 1, NULL, queued_send_cb));
    if (lode_udp_get_send_queue_count(h) > 3) return i + 1;
  }
  TEST_FAIL_("the socket never filled up");
  return 0;
}

TEST_IMPL(udp_close_with_queued_sends) {
  lode_loop_t loop;
  lode_udp_t h;
  static lode_udp_send_t reqs[QUEUED_MAX];
  static char payload[1024];
  lode_buf_t buf = lode_buf_init(payload, sizeof(payload));
  int sv[2], n, queued;

  ASSERT_OK(socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, sv));
  ASSERT_OK(lode_loop_init(&loop));
  ASSERT_OK(lode_udp_init(&loop, &h));
  ASSERT_OK(lode_udp_open(&h, sv[0]));
  n = fill_queue(&h, reqs, &buf);
  queued = (int) lode_udp_get_send_queue_count(&h);
  ASSERT_EQ(queued, 4);
  ASSERT_UINT64_EQ(lode_udp_get_send_queue_size(&h), 4 * sizeof(payload));
  ASSERT_UINT64_EQ(h.send_queue_count, 4);
  ASSERT_EQ(queued_cbs, 0);
  /* try_send must not jump the queue. */
  ASSERT_ERR(lode_udp_try_send(&h, &buf, 1, NULL), LODE_EAGAIN);
  lode_close((lode_handle_t*) &h, NULL);
  ASSERT_OK(lode_run(&loop, LODE_RUN_DEFAULT));
  ASSERT_EQ(queued_cbs, n);
  ASSERT_EQ(queued_ok, n - queued);
  ASSERT_EQ(queued_cancelled, queued);
  ASSERT_LOOP_CLOSED(&loop);
  close(sv[1]);
  return 0;
}

/* The queue drains in order once the peer reads. */
static int drain_fd = -1;
static lode_udp_t drain_handle;

static void drain_send_cb(lode_udp_send_t* req, int status) {
  int i = (int) (intptr_t) req->data;
  ASSERT_OK(status);
  ASSERT_EQ(i, queued_cbs);
  queued_cbs++;
}

static void drain_idle(lode_idle_t* idle) {
  char buf[2048];
  /* Empty the peer so the socket becomes writable again. */
  while (read(drain_fd, buf, sizeof(buf)) > 0) {
  }
  if (lode_udp_get_send_queue_count(&drain_handle) == 0 &&
      !lode_is_active((lode_handle_t*) &drain_handle))
    lode_close((lode_handle_t*) idle, NULL);
}

TEST_IMPL(udp_queued_sends_drain) {
  lode_loop_t loop;
  lode_idle_t idle;
  static lode_udp_send_t reqs[QUEUED_MAX];
  static char payload[1024];
  lode_buf_t buf = lode_buf_init(payload, sizeof(payload));
  int sv[2], i, n;

  ASSERT_OK(socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0,
                       sv));
  drain_fd = sv[1];
  ASSERT_OK(lode_loop_init(&loop));
  ASSERT_OK(lode_udp_init(&loop, &drain_handle));
  ASSERT_OK(lode_udp_open(&drain_handle, sv[0]));
  for (i = 0; i < QUEUED_MAX; i++) {
    reqs[i].data = (void*) (intptr_t) i;
    ASSERT_OK(lode_udp_send(&reqs[i], &drain_handle, &buf, 1, NULL,
                            drain_send_cb));
    if (lode_udp_get_send_queue_count(&drain_handle) >= 10) break;
  }
  ASSERT_LT(i, QUEUED_MAX);
  n = i + 1;
  ASSERT_OK(lode_idle_init(&loop, &idle));
  ASSERT_OK(lode_idle_start(&idle, drain_idle));
  ASSERT_OK(lode_run(&loop, LODE_RUN_DEFAULT));
  ASSERT_EQ(queued_cbs, n);
  ASSERT_UINT64_EQ(lode_udp_get_send_queue_size(&drain_handle), 0);
  ASSERT_LOOP_CLOSED(&loop);
  close(sv[1]);
  return 0;
}

/* ---- connect ---- */

static int connected_recvs;

static void connected_recv(lode_udp_t* h, lode_ssize_t nread,
                           const lode_buf_t* buf, const struct sockaddr* addr,
                           unsigned flags) {
  if (addr == NULL) return;
  ASSERT_EQ(nread, 3);
  connected_recvs++;
  lode_close((lode_handle_t*) h, NULL);
}

TEST_IMPL(udp_connect) {
  lode_loop_t loop;
  lode_udp_t server, client;
  struct sockaddr_in addr, other;
  struct sockaddr_storage peer;
  lode_udp_send_t req;
  lode_buf_t buf = lode_buf_init("con", 3);
  int len;

  ASSERT_OK(lode_loop_init(&loop));
  ASSERT_OK(lode_udp_init(&loop, &server));
  ASSERT_OK(lode_udp_init(&loop, &client));
  bind_loopback(&server, &addr);
  ASSERT_OK(lode_udp_recv_start(&server, alloc_cb, connected_recv));

  len = sizeof(peer);
  ASSERT_ERR(lode_udp_getpeername(&client, (struct sockaddr*) &peer, &len),
             LODE_EBADF);
  ASSERT_ERR(lode_udp_connect(&client, NULL), LODE_ENOTCONN);
  ASSERT_OK(lode_udp_connect(&client, (const struct sockaddr*) &addr));
  ASSERT_ERR(lode_udp_connect(&client, (const struct sockaddr*) &addr),
             LODE_EISCONN);
  len = sizeof(peer);
  ASSERT_OK(lode_udp_getpeername(&client, (struct sockaddr*) &peer, &len));
  ASSERT_EQ(len, sizeof(struct sockaddr_in));
  ASSERT_EQ(ntohs(((struct sockaddr_in*) &peer)->sin_port), sock_port(&server));
  TEST_ADDR4(&other, 9);
  ASSERT_ERR(lode_udp_send(&req, &client, &buf, 1,
                           (const struct sockaddr*) &other, send_cb),
             LODE_EISCONN);
  ASSERT_ERR(lode_udp_try_send(&client, &buf, 1,
                               (const struct sockaddr*) &other),
             LODE_EISCONN);
  ASSERT_OK(lode_udp_send(&req, &client, &buf, 1, NULL, send_cb));
  ASSERT_OK(lode_run(&loop, LODE_RUN_DEFAULT));
  ASSERT_EQ(connected_recvs, 1);

  /* Disconnect: no peer any more, sends need an address again. */
  ASSERT_OK(lode_udp_connect(&client, NULL));
  len = sizeof(peer);
  ASSERT_ERR(lode_udp_getpeername(&client, (struct sockaddr*) &peer, &len),
             LODE_ENOTCONN);
  ASSERT_ERR(lode_udp_send(&req, &client, &buf, 1, NULL, send_cb),
             LODE_EDESTADDRREQ);
  ASSERT_ERR(lode_udp_connect(&client, NULL), LODE_ENOTCONN);
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

/* An ICMP port unreachable reaches a connected socket's receiver. */
static int refused_errors;

static void refused_recv(lode_udp_t* h, lode_ssize_t nread,
                         const lode_buf_t* buf, const struct sockaddr* addr,
                         unsigned flags) {
  if (nread == 0 && addr == NULL) return;
  ASSERT_ERR(nread, LODE_ECONNREFUSED);
  refused_errors++;
  lode_close((lode_handle_t*) h, NULL);
}

TEST_IMPL(udp_connected_refused) {
  lode_loop_t loop;
  lode_udp_t gone, client;
  struct sockaddr_in addr;
  lode_buf_t buf = lode_buf_init("x", 1);

  ASSERT_OK(lode_loop_init(&loop));
  /* A port that was free a moment ago and is now closed. */
  ASSERT_OK(lode_udp_init(&loop, &gone));
  bind_loopback(&gone, &addr);
  lode_close((lode_handle_t*) &gone, NULL);
  ASSERT_OK(lode_run(&loop, LODE_RUN_DEFAULT));

  ASSERT_OK(lode_udp_init(&loop, &client));
  ASSERT_OK(lode_udp_connect(&client, (const struct sockaddr*) &addr));
  ASSERT_OK(lode_udp_recv_start(&client, alloc_cb, refused_recv));
  ASSERT_EQ(lode_udp_try_send(&client, &buf, 1, NULL), 1);
  ASSERT_OK(lode_run(&loop, LODE_RUN_DEFAULT));
  ASSERT_EQ(refused_errors, 1);
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

/* ---- bind ---- */

TEST_IMPL(udp_bind_reuseaddr) {
  lode_loop_t loop;
  lode_udp_t a, b, c;
  struct sockaddr_in addr;

  ASSERT_OK(lode_loop_init(&loop));
  ASSERT_OK(lode_udp_init(&loop, &a));
  ASSERT_OK(lode_udp_init(&loop, &b));
  ASSERT_OK(lode_udp_init(&loop, &c));
  TEST_ADDR4(&addr, 0);
  ASSERT_OK(lode_udp_bind(&a, (const struct sockaddr*) &addr,
                          LODE_UDP_REUSEADDR));
  TEST_ADDR4(&addr, sock_port(&a));
  ASSERT_OK(lode_udp_bind(&b, (const struct sockaddr*) &addr,
                          LODE_UDP_REUSEADDR));
  ASSERT_EQ(sock_port(&b), sock_port(&a));
  ASSERT_ERR(lode_udp_bind(&c, (const struct sockaddr*) &addr, 0),
             LODE_EADDRINUSE);
  /* Bad flags and families. */
  ASSERT_ERR(lode_udp_bind(&c, (const struct sockaddr*) &addr, 0x100),
             LODE_EINVAL);
  ASSERT_ERR(lode_udp_bind(&c, (const struct sockaddr*) &addr,
                           LODE_UDP_IPV6ONLY),
             LODE_EINVAL);
  ASSERT_ERR(lode_udp_init_ex(&loop, &c, 12345), LODE_EINVAL);
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

/* A socket made elsewhere and adopted. */
static int open_recvs;

static void open_recv(lode_udp_t* h, lode_ssize_t nread,
                      const lode_buf_t* buf, const struct sockaddr* addr,
                      unsigned flags) {
  if (addr == NULL) return;
  ASSERT_EQ(nread, 4);
  open_recvs++;
  lode_close((lode_handle_t*) h, NULL);
}

TEST_IMPL(udp_open_existing_socket) {
  lode_loop_t loop;
  lode_udp_t server, client;
  struct sockaddr_in addr;
  socklen_t alen = sizeof(addr);
  lode_buf_t buf = lode_buf_init("open", 4);
  int fd;

  fd = socket(AF_INET, SOCK_DGRAM, 0);
  ASSERT(fd >= 0);
  TEST_ADDR4(&addr, 0);
  ASSERT_OK(bind(fd, (struct sockaddr*) &addr, sizeof(addr)));
  ASSERT_OK(getsockname(fd, (struct sockaddr*) &addr, &alen));
  ASSERT_OK(lode_loop_init(&loop));
  ASSERT_OK(lode_udp_init(&loop, &server));
  ASSERT_OK(lode_udp_open(&server, fd));
  ASSERT_ERR(lode_udp_open(&server, fd), LODE_EBUSY);
  ASSERT_OK(lode_udp_recv_start(&server, alloc_cb, open_recv));
  ASSERT_EQ(sock_port(&server), ntohs(addr.sin_port)); /* not rebound */
  ASSERT_OK(lode_udp_init(&loop, &client));
  ASSERT_EQ(lode_udp_try_send(&client, &buf, 1, (const struct sockaddr*) &addr),
            4);
  ASSERT_OK(lode_run(&loop, LODE_RUN_DEFAULT));
  ASSERT_EQ(open_recvs, 1);
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

/* recv_start on an unbound handle binds it to the wildcard address. */
TEST_IMPL(udp_recv_start_binds) {
  lode_loop_t loop;
  lode_udp_t h;

  ASSERT_OK(lode_loop_init(&loop));
  ASSERT_OK(lode_udp_init(&loop, &h));
  ASSERT_OK(lode_udp_recv_start(&h, alloc_cb, open_recv));
  ASSERT_GT(sock_port(&h), 0);
  ASSERT_OK(lode_udp_recv_stop(&h));
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

/* ---- IPv6 ---- */

static int v6_recvs;

static void v6_recv(lode_udp_t* h, lode_ssize_t nread, const lode_buf_t* buf,
                    const struct sockaddr* addr, unsigned flags) {
  char name[64];
  if (addr == NULL) return;
  ASSERT_EQ(nread, 2);
  ASSERT_EQ(addr->sa_family, AF_INET6);
  ASSERT_OK(lode_ip_name(addr, name, sizeof(name)));
  ASSERT_STR_EQ(name, "::1");
  v6_recvs++;
  lode_close((lode_handle_t*) h, NULL);
}

TEST_IMPL(udp_ipv6) {
  lode_loop_t loop;
  lode_udp_t server, client;
  struct sockaddr_in6 addr;
  struct sockaddr_in v4;
  lode_udp_send_t req;
  lode_buf_t buf = lode_buf_init("v6", 2);

  if (!test_can_ipv6()) {
    printf("no IPv6 loopback\n");
    return TEST_SKIP;
  }
  ASSERT_OK(lode_loop_init(&loop));
  ASSERT_OK(lode_udp_init(&loop, &server));
  ASSERT_OK(lode_udp_init(&loop, &client));
  ASSERT_OK(lode_ip6_addr("::1", 0, &addr));
  ASSERT_OK(lode_udp_bind(&server, (const struct sockaddr*) &addr,
                          LODE_UDP_IPV6ONLY));
  ASSERT_OK(lode_ip6_addr("::1", sock_port(&server), &addr));
  ASSERT_OK(lode_udp_recv_start(&server, alloc_cb, v6_recv));
  ASSERT_ERR(lode_udp_set_ttl(&client, 3), LODE_EBADF); /* no socket yet */
  ASSERT_OK(lode_udp_send(&req, &client, &buf, 1,
                          (const struct sockaddr*) &addr, send_cb));
  ASSERT_OK(lode_udp_set_ttl(&client, 3));          /* IPV6_UNICAST_HOPS */
  ASSERT_OK(lode_udp_set_multicast_loop(&client, 1));
  ASSERT_OK(lode_udp_set_multicast_ttl(&client, 2));
  /* An IPv4 destination on an IPv6-only socket fails. */
  TEST_ADDR4(&v4, 9);
  ASSERT_LT(lode_udp_try_send(&server, &buf, 1, (const struct sockaddr*) &v4),
            0);
  ASSERT_OK(lode_run(&loop, LODE_RUN_DEFAULT));
  ASSERT_EQ(v6_recvs, 1);
  lode_close((lode_handle_t*) &client, NULL);
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

/* ---- closing a busy handle inside its send callback ---- */

static int close_in_cb_calls;
static int close_in_cb_closes;

static void close_in_cb_close(lode_handle_t* h) {
  close_in_cb_closes++;
}

static void close_in_send_cb(lode_udp_send_t* req, int status) {
  close_in_cb_calls++;
  if (close_in_cb_calls == 1) {
    ASSERT_OK(status);
    lode_close((lode_handle_t*) req->handle, close_in_cb_close);
  } else {
    /* Sent already: the status stays what it was. */
    ASSERT_OK(status);
    ASSERT_EQ(close_in_cb_closes, 0); /* callbacks before close_cb */
  }
}

TEST_IMPL(udp_close_in_send_cb) {
  lode_loop_t loop;
  lode_udp_t server, client;
  struct sockaddr_in addr;
  lode_udp_send_t reqs[3];
  lode_buf_t buf = lode_buf_init("z", 1);
  int i;

  ASSERT_OK(lode_loop_init(&loop));
  ASSERT_OK(lode_udp_init(&loop, &server));
  ASSERT_OK(lode_udp_init(&loop, &client));
  bind_loopback(&server, &addr);
  for (i = 0; i < 3; i++)
    ASSERT_OK(lode_udp_send(&reqs[i], &client, &buf, 1,
                            (const struct sockaddr*) &addr, close_in_send_cb));
  ASSERT_OK(lode_run(&loop, LODE_RUN_DEFAULT));
  ASSERT_EQ(close_in_cb_calls, 3);
  ASSERT_EQ(close_in_cb_closes, 1);
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

/* ---- socket buffer sizes ---- */

TEST_IMPL(udp_buffer_sizes) {
  lode_loop_t loop;
  lode_udp_t h;
  int v = 0, before;

  ASSERT_OK(lode_loop_init(&loop));
  ASSERT_OK(lode_udp_init(&loop, &h));
  bind_loopback(&h, NULL);
  ASSERT_OK(lode_recv_buffer_size((lode_handle_t*) &h, &v));
  ASSERT_GT(v, 0);
  before = v;
  v = before * 2;
  ASSERT_OK(lode_recv_buffer_size((lode_handle_t*) &h, &v)); /* set */
  v = 0;
  ASSERT_OK(lode_recv_buffer_size((lode_handle_t*) &h, &v)); /* read back */
  ASSERT_GE(v, before * 2); /* Linux doubles what is set */
  v = 8192;
  ASSERT_OK(lode_send_buffer_size((lode_handle_t*) &h, &v));
  v = 0;
  ASSERT_OK(lode_send_buffer_size((lode_handle_t*) &h, &v));
  ASSERT_GE(v, 8192);
  v = -1;
  ASSERT_EQ(lode_send_buffer_size((lode_handle_t*) &h, &v), LODE_EINVAL);
  lode_close((lode_handle_t*) &h, NULL);
  ASSERT_OK(lode_run(&loop, LODE_RUN_DEFAULT));
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}
