/*
 * tcp.c — TCP handles on BSD sockets (layer: platform/unix).
 * Contract: loop/lode.h, "TCP". The socket is created lazily (first bind,
 * connect or listen) unless lode_tcp_init_ex names a family; connects are
 * non-blocking and always complete through the loop, never inside
 * lode_tcp_connect. Reading, writing and accepting live in stream.c.
 */
#include <netinet/tcp.h>
#include <string.h>
#include <sys/socket.h>

#include "internal.h"

static socklen_t addr_len(const struct sockaddr* addr) {
  if (addr->sa_family == AF_INET) return sizeof(struct sockaddr_in);
  if (addr->sa_family == AF_INET6) return sizeof(struct sockaddr_in6);
  return 0;
}

/* Makes sure the handle has a socket of the family; flags are added to the
 * stream (READABLE/WRITABLE). */
static int tcp_ensure_socket(lode_tcp_t* tcp, int domain, int flags) {
  int fd;
  int err;

  if (tcp->io_watcher.fd != -1) {
    tcp->flags |= flags;
    return 0;
  }
  fd = lode__socket(domain, SOCK_STREAM, 0);
  if (fd < 0) return fd;
  err = lode__stream_open((lode_stream_t*) tcp, fd, flags);
  if (err != 0) {
    lode__close(fd);
    return err;
  }
  return 0;
}

int lode_tcp_init_ex(lode_loop_t* loop, lode_tcp_t* tcp, unsigned int flags) {
  int domain = (int) (flags & 0xFF);
  int fd = -1;
  int err;

  if (flags & ~0xFFu) return LODE_EINVAL;
  if (domain != AF_UNSPEC && domain != AF_INET && domain != AF_INET6)
    return LODE_EINVAL;
  /* The socket first, so that a failure leaves nothing to undo. */
  if (domain != AF_UNSPEC) {
    fd = lode__socket(domain, SOCK_STREAM, 0);
    if (fd < 0) return fd;
  }
  lode__stream_init(loop, (lode_stream_t*) tcp, LODE_TCP);
  if (fd != -1) {
    err = lode__stream_open((lode_stream_t*) tcp, fd, 0);
    assert(err == 0);
    (void) err;
  }
  return 0;
}

int lode_tcp_init(lode_loop_t* loop, lode_tcp_t* tcp) {
  return lode_tcp_init_ex(loop, tcp, AF_UNSPEC);
}

int lode_tcp_open(lode_tcp_t* tcp, lode_os_sock_t sock) {
  int err;
  if (tcp->io_watcher.fd != -1) return LODE_EBUSY;
  err = lode__nonblock(sock, 1);
  if (err != 0) return err;
  return lode__stream_open((lode_stream_t*) tcp, sock,
                           LODE_HANDLE_READABLE | LODE_HANDLE_WRITABLE);
}

int lode__tcp_nodelay_fd(int fd, int on) {
  if (setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof(on)) != 0)
    return -errno;
  return 0;
}

int lode__tcp_keepalive_fd(int fd, int on, unsigned int delay) {
  int idle;
  if (setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &on, sizeof(on)) != 0)
    return -errno;
  if (!on) return 0;
  if (delay < 1) delay = 1;
  idle = delay > INT_MAX ? INT_MAX : (int) delay;
#if defined(TCP_KEEPIDLE)
  if (setsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, &idle, sizeof(idle)) != 0)
    return -errno;
#elif defined(TCP_KEEPALIVE)
  if (setsockopt(fd, IPPROTO_TCP, TCP_KEEPALIVE, &idle, sizeof(idle)) != 0)
    return -errno;
#endif
  return 0;
}

int lode_tcp_nodelay(lode_tcp_t* tcp, int enable) {
  int err;
  if (tcp->io_watcher.fd != -1) {
    err = lode__tcp_nodelay_fd(tcp->io_watcher.fd, enable != 0);
    if (err != 0) return err;
  }
  if (enable)
    tcp->flags |= LODE_HANDLE_TCP_NODELAY;
  else
    tcp->flags &= ~LODE_HANDLE_TCP_NODELAY;
  return 0;
}

int lode_tcp_keepalive(lode_tcp_t* tcp, int enable, unsigned int delay) {
  int err;
  if (tcp->io_watcher.fd != -1) {
    err = lode__tcp_keepalive_fd(tcp->io_watcher.fd, enable != 0, delay);
    if (err != 0) return err;
  }
  /* XXX: before the socket exists only the flag is kept; the socket then
   * gets the default delay of 60 s (lode__stream_open). */
  if (enable)
    tcp->flags |= LODE_HANDLE_TCP_KEEPALIVE;
  else
    tcp->flags &= ~LODE_HANDLE_TCP_KEEPALIVE;
  return 0;
}

int lode_tcp_bind(lode_tcp_t* tcp, const struct sockaddr* addr,
                  unsigned int flags) {
  socklen_t len;
  int on = 1;
  int err;

  if (addr == NULL) return LODE_EINVAL;
  len = addr_len(addr);
  if (len == 0) return LODE_EINVAL;
  if ((flags & LODE_TCP_IPV6ONLY) && addr->sa_family != AF_INET6)
    return LODE_EINVAL;
  if (lode__is_closing((lode_handle_t*) tcp)) return LODE_EINVAL;
  err = tcp_ensure_socket(tcp, addr->sa_family, 0);
  if (err != 0) return err;
  if (setsockopt(tcp->io_watcher.fd, SOL_SOCKET, SO_REUSEADDR, &on,
                 sizeof(on)) != 0)
    return -errno;
  if (addr->sa_family == AF_INET6) {
    on = (flags & LODE_TCP_IPV6ONLY) != 0;
    if (setsockopt(tcp->io_watcher.fd, IPPROTO_IPV6, IPV6_V6ONLY, &on,
                   sizeof(on)) != 0)
      return -errno;
    if (on) tcp->flags |= LODE_HANDLE_IPV6ONLY;
  }
  if (bind(tcp->io_watcher.fd, addr, len) != 0) {
    /* EAFNOSUPPORT for an IPv6 address on an IPv4 socket and the like. */
    return -errno;
  }
  tcp->flags |= LODE_HANDLE_BOUND;
  return 0;
}

static int tcp_getname(const lode_tcp_t* tcp, struct sockaddr* name,
                       int* namelen, int peer) {
  socklen_t len;
  int r;

  if (name == NULL || namelen == NULL || *namelen < 0) return LODE_EINVAL;
  if (tcp->delayed_error != 0) return tcp->delayed_error;
  if (tcp->io_watcher.fd < 0) return LODE_EBADF;
  len = (socklen_t) *namelen;
  if (peer)
    r = getpeername(tcp->io_watcher.fd, name, &len);
  else
    r = getsockname(tcp->io_watcher.fd, name, &len);
  if (r != 0) return -errno;
  *namelen = (int) len;
  return 0;
}

int lode_tcp_getsockname(const lode_tcp_t* tcp, struct sockaddr* name,
                         int* namelen) {
  return tcp_getname(tcp, name, namelen, 0);
}

int lode_tcp_getpeername(const lode_tcp_t* tcp, struct sockaddr* name,
                         int* namelen) {
  return tcp_getname(tcp, name, namelen, 1);
}

int lode_tcp_connect(lode_connect_t* req, lode_tcp_t* tcp,
                     const struct sockaddr* addr, lode_connect_cb cb) {
  socklen_t len;
  int err;
  int r;

  if (addr == NULL || req == NULL) return LODE_EINVAL;
  len = addr_len(addr);
  if (len == 0) return LODE_EINVAL;
  if (lode__is_closing((lode_handle_t*) tcp)) return LODE_EINVAL;
  if (tcp->connect_req != NULL) return LODE_EALREADY;
  if (tcp->flags & LODE_HANDLE_LISTENING) return LODE_EINVAL;
  if (tcp->io_watcher.fd != -1 &&
      (tcp->flags & (LODE_HANDLE_READABLE | LODE_HANDLE_WRITABLE)))
    return LODE_EISCONN;
  err = tcp_ensure_socket(tcp, addr->sa_family, 0);
  if (err != 0) return err;

  tcp->delayed_error = 0;
  do
    r = connect(tcp->io_watcher.fd, addr, len);
  while (r != 0 && errno == EINTR);
  if (r != 0 && errno != EINPROGRESS) {
    /* A refusal known right away is still the callback's to report. */
    if (errno == ECONNREFUSED || errno == ENETUNREACH ||
        errno == EHOSTUNREACH || errno == ETIMEDOUT || errno == ECONNRESET)
      tcp->delayed_error = -errno;
    else
      return -errno;
  }
  return lode__stream_connect_start((lode_stream_t*) tcp, req, cb,
                                    r != 0 && tcp->delayed_error == 0);
}

int lode__tcp_listen(lode_tcp_t* tcp, int backlog, lode_connection_cb cb) {
  int err;

  if (tcp->connect_req != NULL) return LODE_EINVAL;
  if (tcp->flags & LODE_HANDLE_LISTENING) {
    /* Listening again only changes the callback (and the backlog). */
    if (listen(tcp->io_watcher.fd, backlog) != 0) return -errno;
    tcp->connection_cb = cb;
    return 0;
  }
  /* An unbound socket listens on an ephemeral port of 0.0.0.0. */
  err = tcp_ensure_socket(tcp, AF_INET, 0);
  if (err != 0) return err;
  if (listen(tcp->io_watcher.fd, backlog) != 0) return -errno;
  lode__stream_listening((lode_stream_t*) tcp, cb);
  return 0;
}

int lode_tcp_close_reset(lode_tcp_t* tcp, lode_close_cb close_cb) {
  struct linger l;

  if (tcp->flags & LODE_HANDLE_SHUTTING) return LODE_EINVAL;
  if (tcp->io_watcher.fd != -1) {
    l.l_onoff = 1;
    l.l_linger = 0;
    if (setsockopt(tcp->io_watcher.fd, SOL_SOCKET, SO_LINGER, &l,
                   sizeof(l)) != 0)
      return -errno;
  }
  lode_close((lode_handle_t*) tcp, close_cb);
  return 0;
}

void lode__tcp_close(lode_tcp_t* tcp) {
  lode__stream_close((lode_stream_t*) tcp);
}
