/*
 * stream.c — the libuv adapter's streams (TCP, pipes, TTYs) and UDP
 * (layer: platform/libuv; contract: loop/lode.h; see internal.h).
 *
 * lode_buf_t and uv_buf_t have one layout on POSIX (struct iovec's), so
 * buffer arrays pass through unchanged. A stream keeps its lode callbacks
 * in the lode fields (alloc_cb, read_cb, connection_cb); the libuv ones
 * are fixed trampolines. write_queue_size and the UDP send queue fields
 * are refreshed after each call that may change them.
 */
#include <string.h>
#if defined(__linux__)
#include <sys/epoll.h>
#include <sys/un.h>
#endif

#include "internal.h"

LODE__UV_CHECK(buf_size, LODE__UV_SAME(sizeof(uv_buf_t), sizeof(lode_buf_t)));
LODE__UV_CHECK(buf_base, LODE__UV_SAME(offsetof(uv_buf_t, base),
                                       offsetof(lode_buf_t, base)));
LODE__UV_CHECK(buf_len, LODE__UV_SAME(offsetof(uv_buf_t, len),
                                      offsetof(lode_buf_t, len)));
LODE__UV_CHECK(tcp_flags, LODE__UV_SAME(UV_TCP_IPV6ONLY, LODE_TCP_IPV6ONLY));
LODE__UV_CHECK(udp_flags,
               LODE__UV_SAME(UV_UDP_IPV6ONLY, LODE_UDP_IPV6ONLY) &&
                   LODE__UV_SAME(UV_UDP_PARTIAL, LODE_UDP_PARTIAL) &&
                   LODE__UV_SAME(UV_UDP_REUSEADDR, LODE_UDP_REUSEADDR));
LODE__UV_CHECK(membership, LODE__UV_SAME(UV_JOIN_GROUP, LODE_JOIN_GROUP));
LODE__UV_CHECK(tty_mode, LODE__UV_SAME(UV_TTY_MODE_RAW, LODE_TTY_MODE_RAW) &&
                             LODE__UV_SAME(UV_TTY_MODE_IO, LODE_TTY_MODE_IO));
LODE__UV_CHECK(nonblock_pipe,
               LODE__UV_SAME(UV_NONBLOCK_PIPE, LODE_NONBLOCK_PIPE));

#define UVS(s) lode__uv_stream((lode_stream_t*) (s))

static void sync_write_queue(lode_stream_t* s) {
  s->write_queue_size = s->uv.stream.write_queue_size;
}

/* The lode fields every stream init sets; data stays the user's. */
static void stream_init(lode_loop_t* loop, lode_stream_t* s,
                        lode_handle_type type) {
  s->loop = loop;
  s->type = type;
  s->flags = LODE_HANDLE_REF;
  s->close_cb = NULL;
  s->next_closing = NULL;
  s->write_queue_size = 0;
  s->alloc_cb = NULL;
  s->read_cb = NULL;
  s->connection_cb = NULL;
  s->uv.stream.data = s;
}

/* ------------------------------------------------------------------ */
/* Streams                                                             */
/* ------------------------------------------------------------------ */

static void on_connection(uv_stream_t* server, int status) {
  lode_stream_t* s = server->data;
  s->connection_cb(s, status);
}

int lode_listen(lode_stream_t* stream, int backlog, lode_connection_cb cb) {
  stream->connection_cb = cb;
  return uv_listen(UVS(stream), backlog, on_connection);
}

int lode_accept(lode_stream_t* server, lode_stream_t* client) {
  return uv_accept(UVS(server), UVS(client));
}

static void on_alloc(uv_handle_t* h, size_t suggested, uv_buf_t* buf) {
  lode_stream_t* s = h->data;
  s->alloc_cb((lode_handle_t*) s, suggested, (lode_buf_t*) buf);
}

static void on_read(uv_stream_t* u, ssize_t nread, const uv_buf_t* buf) {
  lode_stream_t* s = u->data;
  s->read_cb(s, nread, (const lode_buf_t*) buf);
}

int lode_read_start(lode_stream_t* stream, lode_alloc_cb alloc_cb,
                    lode_read_cb read_cb) {
  int err;
  if (alloc_cb == NULL || read_cb == NULL) return LODE_EINVAL;
  if (lode_is_closing((lode_handle_t*) stream)) return LODE_EINVAL;
  stream->alloc_cb = alloc_cb;
  stream->read_cb = read_cb;
  err = uv_read_start(UVS(stream), on_alloc, on_read);
  /* lode: starting twice replaces the callbacks (done above). */
  if (err == UV_EALREADY) err = 0;
  return err;
}

int lode_read_stop(lode_stream_t* stream) {
  return uv_read_stop(UVS(stream));
}

static void on_write(uv_write_t* u, int status) {
  lode_write_t* req = u->data;
  req->send_handle = NULL; /* gone with the first byte, as in lode */
  sync_write_queue(req->handle);
  if (req->cb != NULL) req->cb(req, status);
}

int lode_write2(lode_write_t* req, lode_stream_t* handle,
                const lode_buf_t bufs[], unsigned int nbufs,
                lode_stream_t* send_handle, lode_write_cb cb) {
  static char empty;
  lode_buf_t none;
  int err;
  /* lode allows an empty write (it completes like any other); libuv
   * asserts nbufs > 0, so give it one empty buffer. */
  if (nbufs == 0) {
    none.base = &empty;
    none.len = 0;
    bufs = &none;
    nbufs = 1;
  }
  req->type = LODE_WRITE;
  req->cb = cb;
  req->handle = handle;
  req->send_handle = send_handle;
  req->uv.data = req;
  if (send_handle != NULL)
    err = uv_write2(&req->uv, UVS(handle), (const uv_buf_t*) bufs, nbufs,
                    UVS(send_handle), on_write);
  else
    err = uv_write(&req->uv, UVS(handle), (const uv_buf_t*) bufs, nbufs,
                   on_write);
  sync_write_queue(handle);
  return err;
}

int lode_write(lode_write_t* req, lode_stream_t* handle,
               const lode_buf_t bufs[], unsigned int nbufs, lode_write_cb cb) {
  return lode_write2(req, handle, bufs, nbufs, NULL, cb);
}

int lode_try_write(lode_stream_t* handle, const lode_buf_t bufs[],
                   unsigned int nbufs) {
  if (nbufs == 0) return 0;
  return uv_try_write(UVS(handle), (const uv_buf_t*) bufs, nbufs);
}

static void on_shutdown(uv_shutdown_t* u, int status) {
  lode_shutdown_t* req = u->data;
  if (req->cb != NULL) req->cb(req, status);
}

int lode_shutdown(lode_shutdown_t* req, lode_stream_t* handle,
                  lode_shutdown_cb cb) {
  req->type = LODE_SHUTDOWN;
  req->handle = handle;
  req->cb = cb;
  req->uv.data = req;
  return uv_shutdown(&req->uv, UVS(handle), on_shutdown);
}

int lode_is_readable(const lode_stream_t* handle) {
  return uv_is_readable(UVS(handle));
}

int lode_is_writable(const lode_stream_t* handle) {
  return uv_is_writable(UVS(handle));
}

size_t lode_stream_get_write_queue_size(const lode_stream_t* stream) {
  return uv_stream_get_write_queue_size(UVS(stream));
}

int lode_stream_set_blocking(lode_stream_t* handle, int blocking) {
  return uv_stream_set_blocking(UVS(handle), blocking);
}

static void on_connect(uv_connect_t* u, int status) {
  lode_connect_t* req = u->data;
  if (req->cb != NULL) req->cb(req, status);
}

static void connect_init(lode_connect_t* req, lode_stream_t* handle,
                         lode_connect_cb cb) {
  req->type = LODE_CONNECT;
  req->cb = cb;
  req->handle = handle;
  req->uv.data = req;
}

/* ------------------------------------------------------------------ */
/* TCP                                                                 */
/* ------------------------------------------------------------------ */

int lode_tcp_init_ex(lode_loop_t* loop, lode_tcp_t* handle,
                     unsigned int flags) {
  int err = uv_tcp_init_ex(&loop->uv, &handle->uv.tcp, flags);
  if (err != 0) return err;
  stream_init(loop, (lode_stream_t*) handle, LODE_TCP);
  return 0;
}

int lode_tcp_init(lode_loop_t* loop, lode_tcp_t* handle) {
  return lode_tcp_init_ex(loop, handle, AF_UNSPEC);
}

int lode_tcp_open(lode_tcp_t* handle, lode_os_sock_t sock) {
  return uv_tcp_open(&handle->uv.tcp, sock);
}

int lode_tcp_nodelay(lode_tcp_t* handle, int enable) {
  return uv_tcp_nodelay(&handle->uv.tcp, enable);
}

int lode_tcp_keepalive(lode_tcp_t* handle, int enable, unsigned int delay) {
  return uv_tcp_keepalive(&handle->uv.tcp, enable, delay);
}

/* libuv keeps a bind's EADDRINUSE for uv_listen; lode's bind reports it
 * (the cluster module binds in the primary and listens in the workers,
 * so only the bind can tell). libuv's getsockname returns that delayed
 * error. */
int lode_tcp_bind(lode_tcp_t* handle, const struct sockaddr* addr,
                  unsigned int flags) {
  struct sockaddr_storage ss;
  int len = (int) sizeof(ss);
  int err = uv_tcp_bind(&handle->uv.tcp, addr, flags);
  if (err != 0) return err;
  err = uv_tcp_getsockname(&handle->uv.tcp, (struct sockaddr*) &ss, &len);
  return err == LODE_EADDRINUSE ? err : 0;
}

int lode_tcp_getsockname(const lode_tcp_t* handle, struct sockaddr* name,
                         int* namelen) {
  return uv_tcp_getsockname(&handle->uv.tcp, name, namelen);
}

int lode_tcp_getpeername(const lode_tcp_t* handle, struct sockaddr* name,
                         int* namelen) {
  return uv_tcp_getpeername(&handle->uv.tcp, name, namelen);
}

int lode_tcp_connect(lode_connect_t* req, lode_tcp_t* handle,
                     const struct sockaddr* addr, lode_connect_cb cb) {
  connect_init(req, (lode_stream_t*) handle, cb);
  return uv_tcp_connect(&req->uv, &handle->uv.tcp, addr, on_connect);
}

int lode_tcp_close_reset(lode_tcp_t* handle, lode_close_cb close_cb) {
  int err;
  if (lode_is_closing((lode_handle_t*) handle))
    LODE__ABORT("lode_tcp_close_reset on a closing handle");
  err = uv_tcp_close_reset(&handle->uv.tcp, lode__uv_on_close);
  if (err != 0) return err;
  handle->flags |= LODE_HANDLE_CLOSING;
  handle->close_cb = close_cb;
  return 0;
}

/* ------------------------------------------------------------------ */
/* Pipes                                                               */
/* ------------------------------------------------------------------ */

int lode_pipe_init(lode_loop_t* loop, lode_pipe_t* handle, int ipc) {
  int err = uv_pipe_init(&loop->uv, &handle->uv.pipe, ipc);
  if (err != 0) return err;
  stream_init(loop, (lode_stream_t*) handle, LODE_NAMED_PIPE);
  handle->ipc = ipc;
  handle->pipe_fname = NULL;
  return 0;
}

#if defined(__linux__)
/* Non-zero when epoll cannot watch fd (a regular file, /dev/null): libuv
 * aborts on such a stream once it polls it. Probed on a private epoll
 * instance. */
static int fd_unpollable(int fd) {
  static int probe_fd = -1;
  struct epoll_event ev;
  int r;
  if (probe_fd == -1) probe_fd = epoll_create1(EPOLL_CLOEXEC);
  if (probe_fd == -1) return 0;
  memset(&ev, 0, sizeof(ev));
  ev.events = EPOLLIN;
  r = epoll_ctl(probe_fd, EPOLL_CTL_ADD, fd, &ev);
  if (r == 0) {
    epoll_ctl(probe_fd, EPOLL_CTL_DEL, fd, &ev);
    return 0;
  }
  return errno == EPERM;
}
#else
static int fd_unpollable(int fd) {
  (void) fd;
  return 0;
}
#endif

/* XXX: lode's own pipes accept descriptors the poll backend cannot watch
 * (reads from the pending phase, blocking writes); libuv does not, so the
 * adapter refuses them with LODE_EINVAL (stdin from a file then reads as
 * empty in the JS layer). */
int lode_pipe_open(lode_pipe_t* handle, lode_file_t fd) {
  if (fd_unpollable(fd)) return LODE_EINVAL;
  return uv_pipe_open(&handle->uv.pipe, fd);
}

int lode_pipe_bind(lode_pipe_t* handle, const char* name) {
  struct sockaddr_un sa;
  int err;
  /* libuv 1.44 silently truncates a name longer than sun_path and binds
   * the truncated one; lode's contract is ENAMETOOLONG. */
  if (strlen(name) >= sizeof(sa.sun_path)) return LODE_ENAMETOOLONG;
  err = uv_pipe_bind(&handle->uv.pipe, name);
  if (err == 0) handle->pipe_fname = handle->uv.pipe.pipe_fname;
  return err;
}

void lode_pipe_connect(lode_connect_t* req, lode_pipe_t* handle,
                       const char* name, lode_connect_cb cb) {
  connect_init(req, (lode_stream_t*) handle, cb);
  uv_pipe_connect(&req->uv, &handle->uv.pipe, name, on_connect);
}

int lode_pipe_getsockname(const lode_pipe_t* handle, char* buffer,
                          size_t* size) {
  return uv_pipe_getsockname(&handle->uv.pipe, buffer, size);
}

int lode_pipe_getpeername(const lode_pipe_t* handle, char* buffer,
                          size_t* size) {
  return uv_pipe_getpeername(&handle->uv.pipe, buffer, size);
}

int lode_pipe_pending_count(lode_pipe_t* handle) {
  return uv_pipe_pending_count(&handle->uv.pipe);
}

lode_handle_type lode_pipe_pending_type(lode_pipe_t* handle) {
  return lode__uv_type_to_lode(uv_pipe_pending_type(&handle->uv.pipe));
}

int lode_pipe(lode_file_t fds[2], int read_flags, int write_flags) {
  return uv_pipe(fds, read_flags, write_flags);
}

int lode_socketpair(int type, int protocol, lode_os_sock_t socket_vector[2],
                    int flags0, int flags1) {
  return uv_socketpair(type, protocol, socket_vector, flags0, flags1);
}

/* ------------------------------------------------------------------ */
/* TTYs                                                                */
/* ------------------------------------------------------------------ */

int lode_tty_init(lode_loop_t* loop, lode_tty_t* handle, lode_file_t fd,
                  int unused) {
  int err = uv_tty_init(&loop->uv, &handle->uv.tty, fd, unused);
  if (err != 0) {
    /* lode's contract: a failed TTY is still a handle the caller closes.
     * libuv leaves it uninitialized, so give it a closable libuv handle:
     * an unopened pipe in the same storage (the stream union). */
    uv_pipe_init(&loop->uv, &handle->uv.pipe, 0);
  }
  stream_init(loop, (lode_stream_t*) handle, LODE_TTY);
  handle->mode = LODE_TTY_MODE_NORMAL;
  return err;
}

int lode_tty_set_mode(lode_tty_t* handle, lode_tty_mode_t mode) {
  int err;
  if (handle->uv.stream.type != UV_TTY) return LODE_EBADF;
  if (mode != LODE_TTY_MODE_NORMAL && mode != LODE_TTY_MODE_RAW &&
      mode != LODE_TTY_MODE_IO)
    return LODE_EINVAL;
  err = uv_tty_set_mode(&handle->uv.tty, (uv_tty_mode_t) mode);
  if (err == 0) handle->mode = mode;
  return err;
}

int lode_tty_reset_mode(void) {
  return uv_tty_reset_mode();
}

int lode_tty_get_winsize(lode_tty_t* handle, int* width, int* height) {
  if (handle->uv.stream.type != UV_TTY) return LODE_EBADF;
  return uv_tty_get_winsize(&handle->uv.tty, width, height);
}

lode_handle_type lode_guess_handle(lode_file_t fd) {
  return lode__uv_type_to_lode(uv_guess_handle(fd));
}

/* ------------------------------------------------------------------ */
/* UDP                                                                 */
/* ------------------------------------------------------------------ */

static void sync_send_queue(lode_udp_t* h) {
  h->send_queue_size = h->uv.send_queue_size;
  h->send_queue_count = h->uv.send_queue_count;
}

int lode_udp_init_ex(lode_loop_t* loop, lode_udp_t* handle,
                     unsigned int flags) {
  int err = uv_udp_init_ex(&loop->uv, &handle->uv, flags);
  if (err != 0) return err;
  handle->loop = loop;
  handle->type = LODE_UDP;
  handle->flags = LODE_HANDLE_REF;
  handle->close_cb = NULL;
  handle->next_closing = NULL;
  handle->send_queue_size = 0;
  handle->send_queue_count = 0;
  handle->alloc_cb = NULL;
  handle->recv_cb = NULL;
  handle->uv.data = handle;
  return 0;
}

int lode_udp_init(lode_loop_t* loop, lode_udp_t* handle) {
  return lode_udp_init_ex(loop, handle, AF_UNSPEC);
}

int lode_udp_open(lode_udp_t* handle, lode_os_sock_t sock) {
  return uv_udp_open(&handle->uv, sock);
}

int lode_udp_bind(lode_udp_t* handle, const struct sockaddr* addr,
                  unsigned int flags) {
  return uv_udp_bind(&handle->uv, addr, flags);
}

int lode_udp_connect(lode_udp_t* handle, const struct sockaddr* addr) {
  return uv_udp_connect(&handle->uv, addr);
}

int lode_udp_getsockname(const lode_udp_t* handle, struct sockaddr* name,
                         int* namelen) {
  return uv_udp_getsockname(&handle->uv, name, namelen);
}

int lode_udp_getpeername(const lode_udp_t* handle, struct sockaddr* name,
                         int* namelen) {
  return uv_udp_getpeername(&handle->uv, name, namelen);
}

int lode_udp_set_membership(lode_udp_t* handle, const char* multicast_addr,
                            const char* interface_addr,
                            lode_membership membership) {
  return uv_udp_set_membership(&handle->uv, multicast_addr, interface_addr,
                               (uv_membership) membership);
}

int lode_udp_set_multicast_loop(lode_udp_t* handle, int on) {
  return uv_udp_set_multicast_loop(&handle->uv, on);
}

int lode_udp_set_multicast_ttl(lode_udp_t* handle, int ttl) {
  return uv_udp_set_multicast_ttl(&handle->uv, ttl);
}

int lode_udp_set_multicast_interface(lode_udp_t* handle,
                                     const char* interface_addr) {
  return uv_udp_set_multicast_interface(&handle->uv, interface_addr);
}

int lode_udp_set_broadcast(lode_udp_t* handle, int on) {
  return uv_udp_set_broadcast(&handle->uv, on);
}

int lode_udp_set_ttl(lode_udp_t* handle, int ttl) {
  return uv_udp_set_ttl(&handle->uv, ttl);
}

static void on_send(uv_udp_send_t* u, int status) {
  lode_udp_send_t* req = u->data;
  sync_send_queue(req->handle);
  if (req->cb != NULL) req->cb(req, status);
}

int lode_udp_send(lode_udp_send_t* req, lode_udp_t* handle,
                  const lode_buf_t bufs[], unsigned int nbufs,
                  const struct sockaddr* addr, lode_udp_send_cb cb) {
  static char empty;
  lode_buf_t none;
  int err;
  if (nbufs == 0) { /* an empty datagram; libuv asserts nbufs > 0 */
    none.base = &empty;
    none.len = 0;
    bufs = &none;
    nbufs = 1;
  }
  req->type = LODE_UDP_SEND;
  req->handle = handle;
  req->cb = cb;
  req->uv.data = req;
  err = uv_udp_send(&req->uv, &handle->uv, (const uv_buf_t*) bufs, nbufs, addr,
                    on_send);
  sync_send_queue(handle);
  return err;
}

int lode_udp_try_send(lode_udp_t* handle, const lode_buf_t bufs[],
                      unsigned int nbufs, const struct sockaddr* addr) {
  static char empty;
  lode_buf_t none;
  if (nbufs == 0) {
    none.base = &empty;
    none.len = 0;
    bufs = &none;
    nbufs = 1;
  }
  return uv_udp_try_send(&handle->uv, (const uv_buf_t*) bufs, nbufs, addr);
}

static void on_udp_alloc(uv_handle_t* h, size_t suggested, uv_buf_t* buf) {
  lode_udp_t* u = h->data;
  u->alloc_cb((lode_handle_t*) u, suggested, (lode_buf_t*) buf);
}

static void on_recv(uv_udp_t* h, ssize_t nread, const uv_buf_t* buf,
                    const struct sockaddr* addr, unsigned flags) {
  lode_udp_t* u = h->data;
  u->recv_cb(u, nread, (const lode_buf_t*) buf, addr, flags);
}

int lode_udp_recv_start(lode_udp_t* handle, lode_alloc_cb alloc_cb,
                        lode_udp_recv_cb recv_cb) {
  int err;
  if (alloc_cb == NULL || recv_cb == NULL) return LODE_EINVAL;
  handle->alloc_cb = alloc_cb;
  handle->recv_cb = recv_cb;
  err = uv_udp_recv_start(&handle->uv, on_udp_alloc, on_recv);
  return err;
}

int lode_udp_recv_stop(lode_udp_t* handle) {
  return uv_udp_recv_stop(&handle->uv);
}

size_t lode_udp_get_send_queue_size(const lode_udp_t* handle) {
  return uv_udp_get_send_queue_size(&handle->uv);
}

size_t lode_udp_get_send_queue_count(const lode_udp_t* handle) {
  return uv_udp_get_send_queue_count(&handle->uv);
}
