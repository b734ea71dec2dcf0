/* test-emfile.c — a listening server whose process runs out of descriptors
 * must not spin: the reserve descriptor lets it drop the waiting
 * connections (their clients see EOF), and once descriptors are free again
 * it accepts normally. */
#include <arpa/inet.h>
#include <sys/resource.h>
#include <unistd.h>

#include "../task.h"

static lode_loop_t loop_s;
#define LOOP (&loop_s)

#define RUN_UNTIL(cond) RUN_LOOP_UNTIL(LOOP, cond)

static char slab[4096];

static void slab_alloc(lode_handle_t* h, size_t size, lode_buf_t* buf) {
  (void) h;
  (void) size;
  buf->base = slab;
  buf->len = sizeof(slab);
}

#define MAX_FILL 4096
#define N_CLIENTS 2

static lode_tcp_t server, clients[N_CLIENTS + 1], accepted;
static lode_connect_t creqs[N_CLIENTS + 1];
static int turns, full_phase, conn_ok, conn_err, client_end, connected;

static void count_turn(lode_prepare_t* p) {
  (void) p;
  turns++;
  /* A spinning loop turns without end; a healthy one sleeps in poll. */
  if (turns > 1000) TEST_FAIL_("the loop spins (%d turns)", turns);
}

static void client_read_cb(lode_stream_t* s, lode_ssize_t nread,
                           const lode_buf_t* buf) {
  (void) buf;
  if (nread >= 0) return;
  ASSERT(nread == LODE_EOF || nread == LODE_ECONNRESET);
  client_end++;
  lode_close((lode_handle_t*) s, NULL);
}

static void client_connect_cb(lode_connect_t* req, int status) {
  ASSERT_OK(status);
  connected++;
  ASSERT_OK(lode_read_start(req->handle, slab_alloc, client_read_cb));
}

static void connection_cb(lode_stream_t* s, int status) {
  if (status != 0) {
    conn_err++;
    return;
  }
  ASSERT(!full_phase);
  ASSERT_OK(lode_tcp_init(LOOP, &accepted));
  ASSERT_OK(lode_accept(s, (lode_stream_t*) &accepted));
  conn_ok++;
  lode_close((lode_handle_t*) &accepted, NULL);
}

static void connect_client(int i, int port) {
  struct sockaddr_in addr;
  TEST_ADDR4(&addr, port);
  ASSERT_OK(lode_tcp_init(LOOP, &clients[i]));
  ASSERT_OK(lode_tcp_connect(&creqs[i], &clients[i], (struct sockaddr*) &addr,
                             client_connect_cb));
}

TEST_IMPL(emfile_accept_does_not_spin) {
  static int fill[MAX_FILL];
  struct sockaddr_in addr;
  struct sockaddr_storage ss;
  struct rlimit old, rl;
  lode_prepare_t prep;
  int len = sizeof(ss);
  int nfill = 0, i, port, probe;

  ASSERT_OK(lode_loop_init(LOOP));
  TEST_ADDR4(&addr, 0);
  ASSERT_OK(lode_tcp_init(LOOP, &server));
  ASSERT_OK(lode_tcp_bind(&server, (struct sockaddr*) &addr, 0));
  ASSERT_OK(lode_listen((lode_stream_t*) &server, 16, connection_cb));
  ASSERT_OK(lode_tcp_getsockname(&server, (struct sockaddr*) &ss, &len));
  port = ntohs(((struct sockaddr_in*) &ss)->sin_port);
  ASSERT_OK(lode_prepare_init(LOOP, &prep));
  ASSERT_OK(lode_prepare_start(&prep, count_turn));

  /* A small table, then fill it to the last slot. */
  ASSERT_OK(getrlimit(RLIMIT_NOFILE, &old));
  probe = dup(0);
  ASSERT_GE(probe, 0);
  close(probe);
  rl = old;
  rl.rlim_cur = (rlim_t) probe + 64;
  ASSERT_OK(setrlimit(RLIMIT_NOFILE, &rl));
  for (;;) {
    int fd = dup(0);
    if (fd < 0) {
      ASSERT_EQ(errno, EMFILE);
      break;
    }
    ASSERT_LT(nfill, MAX_FILL);
    fill[nfill++] = fd;
  }
  /* Exactly enough room for the clients' own sockets. */
  for (i = 0; i < N_CLIENTS; i++) close(fill[--nfill]);
  full_phase = 1;
  for (i = 0; i < N_CLIENTS; i++) connect_client(i, port);
  ASSERT_EQ(dup(0), -1);
  ASSERT_EQ(errno, EMFILE);

  /* The server cannot accept: the connections are taken and dropped. */
  turns = 0;
  RUN_UNTIL(client_end == N_CLIENTS);
  ASSERT_EQ(connected, N_CLIENTS);
  ASSERT_EQ(conn_ok, 0);
  ASSERT_LT(turns, 100);

  /* Room again: the server accepts as usual. */
  full_phase = 0;
  while (nfill > 0) close(fill[--nfill]);
  ASSERT_OK(setrlimit(RLIMIT_NOFILE, &old));
  connect_client(N_CLIENTS, port);
  RUN_UNTIL(conn_ok == 1 && client_end == N_CLIENTS + 1);
  ASSERT_EQ(conn_err, 0);
  ASSERT_LOOP_CLOSED(LOOP);
  return 0;
}
