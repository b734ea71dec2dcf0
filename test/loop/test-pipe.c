/* test-pipe.c — pipe handles: Unix socket bind/listen/connect/echo, names,
 * connect errors through the callback, anonymous pipes with EOF, and IPC
 * pipes passing descriptors (a TCP socket, several pipes) with SCM_RIGHTS. */
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "../task.h"

static lode_loop_t loop_s;
#define LOOP (&loop_s)

#define RUN_UNTIL(cond) RUN_LOOP_UNTIL(LOOP, cond)

#define slab test_slab
#define slab_alloc test_slab_alloc

static char path_buf[512];

static const char* tmp_path(const char* name) {
  snprintf(path_buf, sizeof(path_buf), "%s/%s", test_tmpdir(), name);
  return path_buf;
}

/* ---- an echo server on pipes ---- */

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
  lode_pipe_t* c;
  ASSERT_OK(status);
  c = malloc(sizeof(*c));
  ASSERT_NOT_NULL(c);
  ASSERT_OK(lode_pipe_init(LOOP, c, 0));
  ASSERT_OK(lode_accept(server, (lode_stream_t*) c));
  ASSERT_OK(lode_read_start((lode_stream_t*) c, slab_alloc, echo_read_cb));
  echo_accepted++;
}

/* ---- bind, listen, connect, echo, names ---- */

static lode_pipe_t pe_client;
static lode_write_t pe_wreq;
static lode_shutdown_t pe_sreq;
static char pe_got[64];
static size_t pe_n;
static int pe_connected, pe_eof;

static void pe_read_cb(lode_stream_t* s, lode_ssize_t nread,
                       const lode_buf_t* buf) {
  if (nread > 0) {
    ASSERT_LE(pe_n + (size_t) nread, sizeof(pe_got));
    memcpy(pe_got + pe_n, buf->base, (size_t) nread);
    pe_n += (size_t) nread;
  } else if (nread < 0) {
    ASSERT_ERR(nread, LODE_EOF);
    pe_eof++;
    lode_close((lode_handle_t*) s, NULL);
  }
}

static void pe_connect_cb(lode_connect_t* req, int status) {
  lode_buf_t buf = lode_buf_init("hello pipe", 10);
  char name[256];
  size_t size = sizeof(name);

  ASSERT_OK(status);
  ASSERT_PTR_EQ(req->handle, &pe_client);
  pe_connected++;
  ASSERT_OK(lode_pipe_getpeername(&pe_client, name, &size));
  ASSERT_STR_EQ(name, tmp_path("echo.sock"));
  ASSERT_EQ(size, strlen(name));
  /* The connecting end has no name of its own. */
  size = sizeof(name);
  ASSERT_OK(lode_pipe_getsockname(&pe_client, name, &size));
  ASSERT_EQ(size, 0);
  ASSERT_STR_EQ(name, "");

  ASSERT_OK(lode_write(&pe_wreq, req->handle, &buf, 1, NULL));
  ASSERT_OK(lode_shutdown(&pe_sreq, req->handle, NULL));
  ASSERT_OK(lode_read_start(req->handle, slab_alloc, pe_read_cb));
}

TEST_IMPL(pipe_bind_listen_connect_echo) {
  lode_pipe_t server;
  lode_connect_t req;
  char name[256];
  size_t size;
  const char* path;

  ASSERT_OK(lode_loop_init(LOOP));
  path = tmp_path("echo.sock");
  ASSERT_OK(lode_pipe_init(LOOP, &server, 0));
  ASSERT_EQ(server.type, LODE_NAMED_PIPE);
  ASSERT_OK(lode_pipe_bind(&server, path));
  ASSERT_OK(lode_listen((lode_stream_t*) &server, 16, echo_connection_cb));
  ASSERT(lode_is_active((lode_handle_t*) &server));

  size = sizeof(name);
  ASSERT_OK(lode_pipe_getsockname(&server, name, &size));
  ASSERT_STR_EQ(name, path);
  ASSERT_EQ(size, strlen(path));
  /* Too small a buffer: ENOBUFS and the size needed. */
  size = 4;
  ASSERT_ERR(lode_pipe_getsockname(&server, name, &size), LODE_ENOBUFS);
  ASSERT_EQ(size, strlen(path) + 1);

  ASSERT_OK(lode_pipe_init(LOOP, &pe_client, 0));
  lode_pipe_connect(&req, &pe_client, path, pe_connect_cb);
  ASSERT_EQ(pe_connected, 0);
  RUN_UNTIL(pe_eof == 1 && echo_closed == 1);
  ASSERT_EQ(echo_accepted, 1);
  ASSERT_EQ(pe_n, 10);
  ASSERT(memcmp(pe_got, "hello pipe", 10) == 0);

  ASSERT_OK(access(path, F_OK));
  lode_close((lode_handle_t*) &server, NULL);
  ASSERT_LOOP_CLOSED(LOOP);
  /* The bound path is the handle's and goes with it. */
  ASSERT_EQ(access(path, F_OK), -1);
  ASSERT_EQ(errno, ENOENT);
  return 0;
}

/* ---- connect errors arrive through the callback ---- */

static int ce_calls, ce_status;

static void ce_connect_cb(lode_connect_t* req, int status) {
  (void) req;
  ce_calls++;
  ce_status = status;
}

TEST_IMPL(pipe_connect_enoent) {
  lode_pipe_t client;
  lode_connect_t req;

  ASSERT_OK(lode_loop_init(LOOP));
  ASSERT_OK(lode_pipe_init(LOOP, &client, 0));
  lode_pipe_connect(&req, &client, tmp_path("nobody-here.sock"),
                    ce_connect_cb);
  ASSERT_EQ(ce_calls, 0);
  ASSERT(lode_is_active((lode_handle_t*) &client));
  ASSERT_EQ(lode_run(LOOP, LODE_RUN_DEFAULT), 0);
  ASSERT_EQ(ce_calls, 1);
  ASSERT_ERR(ce_status, LODE_ENOENT);
  ASSERT_LOOP_CLOSED(LOOP);
  return 0;
}

TEST_IMPL(pipe_connect_refused) {
  struct sockaddr_un sa;
  lode_pipe_t client;
  lode_connect_t req;
  const char* path = tmp_path("bound-not-listening.sock");
  int fd;

  fd = socket(AF_UNIX, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  memset(&sa, 0, sizeof(sa));
  sa.sun_family = AF_UNIX;
  strcpy(sa.sun_path, path);
  ASSERT_OK(bind(fd, (struct sockaddr*) &sa, sizeof(sa)));

  ASSERT_OK(lode_loop_init(LOOP));
  ASSERT_OK(lode_pipe_init(LOOP, &client, 0));
  lode_pipe_connect(&req, &client, path, ce_connect_cb);
  ASSERT_EQ(ce_calls, 0);
  ASSERT_EQ(lode_run(LOOP, LODE_RUN_DEFAULT), 0);
  ASSERT_EQ(ce_calls, 1);
  ASSERT_ERR(ce_status, LODE_ECONNREFUSED);
  ASSERT_LOOP_CLOSED(LOOP);
  close(fd);
  return 0;
}

/* ---- misuse ---- */

TEST_IMPL(pipe_bind_errors) {
  char longname[300];
  lode_pipe_t a, b, ipc;
  lode_write_t w;
  lode_buf_t buf = lode_buf_init("x", 1);
  const char* path;
  int fds[2];

  ASSERT_OK(lode_loop_init(LOOP));
  memset(longname, 'a', sizeof(longname) - 1);
  longname[sizeof(longname) - 1] = '\0';
  ASSERT_OK(lode_pipe_init(LOOP, &a, 0));
  ASSERT_ERR(lode_pipe_bind(&a, longname), LODE_ENAMETOOLONG);
  /* Listening needs a bound socket. */
  ASSERT_ERR(lode_listen((lode_stream_t*) &a, 16, echo_connection_cb),
             LODE_EINVAL);
  path = tmp_path("taken.sock");
  ASSERT_OK(lode_pipe_bind(&a, path));
  ASSERT_ERR(lode_pipe_bind(&a, path), LODE_EINVAL);
  ASSERT_OK(lode_pipe_init(LOOP, &b, 0));
  ASSERT_ERR(lode_pipe_bind(&b, path), LODE_EADDRINUSE);

  /* Descriptors travel only on IPC pipes, and IPC pipes do not listen. */
  ASSERT_OK(lode_socketpair(SOCK_STREAM, 0, fds, 0, 0));
  ASSERT_OK(lode_pipe_open(&b, fds[0]));
  ASSERT_ERR(lode_write2(&w, (lode_stream_t*) &b, &buf, 1,
                         (lode_stream_t*) &b, NULL),
             LODE_EINVAL);
  ASSERT_OK(lode_pipe_init(LOOP, &ipc, 1));
  ASSERT_OK(lode_pipe_open(&ipc, fds[1]));
  ASSERT_EQ(ipc.ipc, 1);
  ASSERT_ERR(lode_write2(&w, (lode_stream_t*) &ipc, &buf, 0,
                         (lode_stream_t*) &b, NULL),
             LODE_EINVAL);
  ASSERT_ERR(lode_listen((lode_stream_t*) &ipc, 16, echo_connection_cb),
             LODE_EINVAL);
  ASSERT_ERR(lode_pipe_open(&ipc, fds[0]), LODE_EBUSY);
  ASSERT_EQ(lode_pipe_pending_count(&ipc), 0);
  ASSERT_EQ(lode_pipe_pending_type(&ipc), LODE_UNKNOWN_HANDLE);
  ASSERT_LOOP_CLOSED(LOOP);
  return 0;
}

/* ---- anonymous pipes ---- */

static char ap_got[16];
static size_t ap_n;
static int ap_eof, ap_write_done;

static void ap_read_cb(lode_stream_t* s, lode_ssize_t nread,
                       const lode_buf_t* buf) {
  if (nread > 0) {
    ASSERT_LE(ap_n + (size_t) nread, sizeof(ap_got));
    memcpy(ap_got + ap_n, buf->base, (size_t) nread);
    ap_n += (size_t) nread;
  } else if (nread < 0) {
    ASSERT_ERR(nread, LODE_EOF);
    ap_eof++;
    lode_close((lode_handle_t*) s, NULL);
  }
}

static void ap_write_cb(lode_write_t* req, int status) {
  ASSERT_OK(status);
  ap_write_done++;
  lode_close((lode_handle_t*) req->handle, NULL);
}

TEST_IMPL(pipe_anonymous_eof) {
  lode_file_t fds[2];
  lode_pipe_t r, w;
  lode_write_t wreq;
  lode_buf_t bufs[2] = {{"da", 2}, {"ta", 2}};

  ASSERT_OK(lode_pipe(fds, LODE_NONBLOCK_PIPE, 0));
  ASSERT(fcntl(fds[0], F_GETFL) & O_NONBLOCK);
  ASSERT(!(fcntl(fds[1], F_GETFL) & O_NONBLOCK));
  ASSERT(fcntl(fds[0], F_GETFD) & FD_CLOEXEC);
  ASSERT(fcntl(fds[1], F_GETFD) & FD_CLOEXEC);

  ASSERT_OK(lode_loop_init(LOOP));
  ASSERT_OK(lode_pipe_init(LOOP, &r, 0));
  ASSERT_OK(lode_pipe_init(LOOP, &w, 0));
  ASSERT_OK(lode_pipe_open(&r, fds[0]));
  ASSERT_OK(lode_pipe_open(&w, fds[1]));
  ASSERT(lode_is_readable((lode_stream_t*) &r));
  ASSERT(!lode_is_writable((lode_stream_t*) &r));
  ASSERT(!lode_is_readable((lode_stream_t*) &w));
  ASSERT(lode_is_writable((lode_stream_t*) &w));
  ASSERT_ERR(lode_read_start((lode_stream_t*) &w, slab_alloc, ap_read_cb),
             LODE_EINVAL);
  ASSERT_OK(lode_read_start((lode_stream_t*) &r, slab_alloc, ap_read_cb));
  ASSERT_OK(lode_write(&wreq, (lode_stream_t*) &w, bufs, 2, ap_write_cb));
  RUN_UNTIL(ap_eof == 1);
  ASSERT_EQ(ap_write_done, 1);
  ASSERT_EQ(ap_n, 4);
  ASSERT(memcmp(ap_got, "data", 4) == 0);
  ASSERT_LOOP_CLOSED(LOOP);
  return 0;
}

/* ---- IPC: pass a TCP socket over a pipe ---- */

static lode_tcp_t ipc_server, ipc_client, ipc_peer, ipc_passed;
static lode_pipe_t ipc_a, ipc_b;
static lode_connect_t ipc_creq;
static lode_write_t ipc_w2, ipc_wpassed;
static int ipc_ready, ipc_sent, ipc_accepted;
static char ipc_got[64];
static size_t ipc_n;

static void ipc_connection_cb(lode_stream_t* server, int status) {
  ASSERT_OK(status);
  ASSERT_OK(lode_tcp_init(LOOP, &ipc_peer));
  ASSERT_OK(lode_accept(server, (lode_stream_t*) &ipc_peer));
  ipc_ready++;
}

static void ipc_connect_cb(lode_connect_t* req, int status) {
  (void) req;
  ASSERT_OK(status);
  ipc_ready++;
}

static void ipc_sent_cb(lode_write_t* req, int status) {
  ASSERT_OK(status);
  /* The descriptor went out with the first byte. */
  ASSERT_NULL(req->send_handle);
  ipc_sent++;
}

static void ipc_b_read_cb(lode_stream_t* s, lode_ssize_t nread,
                          const lode_buf_t* buf) {
  lode_buf_t msg = lode_buf_init("via passed fd", 13);
  lode_os_fd_t fd;
  if (nread <= 0) return;
  ASSERT_EQ(nread, 1);
  ASSERT_EQ(buf->base[0], 'T');
  ASSERT_EQ(lode_pipe_pending_count((lode_pipe_t*) s), 1);
  ASSERT_EQ(lode_pipe_pending_type((lode_pipe_t*) s), LODE_TCP);
  ASSERT_OK(lode_tcp_init(LOOP, &ipc_passed));
  ASSERT_OK(lode_accept(s, (lode_stream_t*) &ipc_passed));
  ASSERT_EQ(lode_pipe_pending_count((lode_pipe_t*) s), 0);
  ASSERT_ERR(lode_accept(s, (lode_stream_t*) &ipc_passed), LODE_EAGAIN);
  ASSERT_OK(lode_fileno((lode_handle_t*) &ipc_passed, &fd));
  ASSERT(fcntl(fd, F_GETFD) & FD_CLOEXEC);
  ipc_accepted++;
  ASSERT_OK(lode_write(&ipc_wpassed, (lode_stream_t*) &ipc_passed, &msg, 1,
                       NULL));
}

static void ipc_peer_read_cb(lode_stream_t* s, lode_ssize_t nread,
                             const lode_buf_t* buf) {
  (void) s;
  if (nread <= 0) return;
  ASSERT_LE(ipc_n + (size_t) nread, sizeof(ipc_got));
  memcpy(ipc_got + ipc_n, buf->base, (size_t) nread);
  ipc_n += (size_t) nread;
}

TEST_IMPL(pipe_ipc_pass_tcp_socket) {
  struct sockaddr_in addr;
  struct sockaddr_storage ss;
  int len = sizeof(ss);
  lode_os_sock_t sv[2];
  lode_buf_t t = lode_buf_init("T", 1);

  ASSERT_OK(lode_loop_init(LOOP));
  TEST_ADDR4(&addr, 0);
  ASSERT_OK(lode_tcp_init(LOOP, &ipc_server));
  ASSERT_OK(lode_tcp_bind(&ipc_server, (struct sockaddr*) &addr, 0));
  ASSERT_OK(lode_listen((lode_stream_t*) &ipc_server, 16, ipc_connection_cb));
  ASSERT_OK(lode_tcp_getsockname(&ipc_server, (struct sockaddr*) &ss, &len));
  addr.sin_port = ((struct sockaddr_in*) &ss)->sin_port;
  ASSERT_OK(lode_tcp_init(LOOP, &ipc_client));
  ASSERT_OK(lode_tcp_connect(&ipc_creq, &ipc_client, (struct sockaddr*) &addr,
                             ipc_connect_cb));
  RUN_UNTIL(ipc_ready == 2);

  ASSERT_OK(lode_socketpair(SOCK_STREAM, 0, sv, 0, 0));
  ASSERT_OK(lode_pipe_init(LOOP, &ipc_a, 1));
  ASSERT_OK(lode_pipe_init(LOOP, &ipc_b, 1));
  ASSERT_OK(lode_pipe_open(&ipc_a, sv[0]));
  ASSERT_OK(lode_pipe_open(&ipc_b, sv[1]));
  ASSERT_OK(lode_read_start((lode_stream_t*) &ipc_b, slab_alloc,
                            ipc_b_read_cb));
  ASSERT_OK(lode_read_start((lode_stream_t*) &ipc_peer, slab_alloc,
                            ipc_peer_read_cb));
  ASSERT_OK(lode_write2(&ipc_w2, (lode_stream_t*) &ipc_a, &t, 1,
                        (lode_stream_t*) &ipc_client, ipc_sent_cb));
  RUN_UNTIL(ipc_n == 13);
  ASSERT(memcmp(ipc_got, "via passed fd", 13) == 0);
  ASSERT_EQ(ipc_sent, 1);
  ASSERT_EQ(ipc_accepted, 1);
  ASSERT_LOOP_CLOSED(LOOP);
  return 0;
}

/* ---- IPC: several descriptors queue up until accepted ---- */

#define N_PASS 3

static lode_pipe_t mp_a, mp_b, mp_src[N_PASS], mp_dst[N_PASS];
static lode_write_t mp_w[N_PASS], mp_dw[N_PASS];
static int mp_raw[N_PASS][2];
static int mp_accepted, mp_max_pending, mp_bytes;

static void mp_read_cb(lode_stream_t* s, lode_ssize_t nread,
                       const lode_buf_t* buf) {
  static char digits[N_PASS] = {'0', '1', '2'};
  lode_buf_t b;
  int n;
  (void) buf;
  if (nread <= 0) return;
  mp_bytes += (int) nread;
  n = lode_pipe_pending_count((lode_pipe_t*) s);
  if (n > mp_max_pending) mp_max_pending = n;
  while (lode_pipe_pending_count((lode_pipe_t*) s) > 0) {
    lode_pipe_t* d = &mp_dst[mp_accepted];
    ASSERT_EQ(lode_pipe_pending_type((lode_pipe_t*) s), LODE_NAMED_PIPE);
    ASSERT_OK(lode_pipe_init(LOOP, d, 0));
    ASSERT_OK(lode_accept(s, (lode_stream_t*) d));
    /* Each passed descriptor is a write end: prove which one it is. */
    b = lode_buf_init(&digits[mp_accepted], 1);
    ASSERT_OK(lode_write(&mp_dw[mp_accepted], (lode_stream_t*) d, &b, 1,
                         NULL));
    mp_accepted++;
  }
}

TEST_IMPL(pipe_ipc_pass_several) {
  lode_os_sock_t sv[2];
  lode_buf_t b = lode_buf_init("h", 1);
  char c;
  int i;

  ASSERT_OK(lode_loop_init(LOOP));
  ASSERT_OK(lode_socketpair(SOCK_STREAM, 0, sv, LODE_NONBLOCK_PIPE,
                            LODE_NONBLOCK_PIPE));
  ASSERT_OK(lode_pipe_init(LOOP, &mp_a, 1));
  ASSERT_OK(lode_pipe_init(LOOP, &mp_b, 1));
  ASSERT_OK(lode_pipe_open(&mp_a, sv[0]));
  ASSERT_OK(lode_pipe_open(&mp_b, sv[1]));
  for (i = 0; i < N_PASS; i++) {
    ASSERT_OK(lode_pipe(mp_raw[i], 0, 0));
    ASSERT_OK(lode_pipe_init(LOOP, &mp_src[i], 0));
    ASSERT_OK(lode_pipe_open(&mp_src[i], mp_raw[i][1]));
    ASSERT_OK(lode_write2(&mp_w[i], (lode_stream_t*) &mp_a, &b, 1,
                          (lode_stream_t*) &mp_src[i], NULL));
  }
  ASSERT_OK(lode_read_start((lode_stream_t*) &mp_b, slab_alloc, mp_read_cb));
  RUN_UNTIL(mp_accepted == N_PASS);
  ASSERT_EQ(mp_bytes, N_PASS);
  ASSERT_GE(mp_max_pending, 1);
  /* The one-byte writes through the accepted ends went out at once. */
  ASSERT_EQ(mp_dst[N_PASS - 1].write_queue_size, 0);
  ASSERT_LOOP_CLOSED(LOOP);
  for (i = 0; i < N_PASS; i++) {
    ASSERT_EQ(read(mp_raw[i][0], &c, 1), 1);
    ASSERT_EQ(c, '0' + i);
    close(mp_raw[i][0]);
  }
  return 0;
}

/* ---- IPC: descriptors never accepted are closed with the pipe ---- */

static int ua_reads;

static void ua_read_cb(lode_stream_t* s, lode_ssize_t nread,
                       const lode_buf_t* buf) {
  (void) buf;
  if (nread <= 0) return;
  ua_reads++;
  ASSERT_EQ(lode_pipe_pending_count((lode_pipe_t*) s), 1);
  lode_close((lode_handle_t*) s, NULL);
}

TEST_IMPL(pipe_ipc_unaccepted_closed) {
  lode_os_sock_t sv[2];
  lode_pipe_t a, b, src;
  lode_write_t w;
  lode_buf_t buf = lode_buf_init("h", 1);
  int raw[2];
  char c;

  ASSERT_OK(lode_loop_init(LOOP));
  ASSERT_OK(lode_socketpair(SOCK_STREAM, 0, sv, 0, 0));
  ASSERT_OK(lode_pipe_init(LOOP, &a, 1));
  ASSERT_OK(lode_pipe_init(LOOP, &b, 1));
  ASSERT_OK(lode_pipe_open(&a, sv[0]));
  ASSERT_OK(lode_pipe_open(&b, sv[1]));
  ASSERT_OK(lode_pipe(raw, LODE_NONBLOCK_PIPE, 0));
  ASSERT_OK(lode_pipe_init(LOOP, &src, 0));
  ASSERT_OK(lode_pipe_open(&src, raw[1]));
  ASSERT_OK(lode_write2(&w, (lode_stream_t*) &a, &buf, 1,
                        (lode_stream_t*) &src, NULL));
  ASSERT_OK(lode_read_start((lode_stream_t*) &b, slab_alloc, ua_read_cb));
  RUN_UNTIL(ua_reads == 1 && lode_is_closing((lode_handle_t*) &b));
  ASSERT_LOOP_CLOSED(LOOP);
  /* Every write end is closed (ours and the received copy): EOF. */
  ASSERT_EQ(read(raw[0], &c, 1), 0);
  close(raw[0]);
  return 0;
}
