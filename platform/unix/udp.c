/*
 * udp.c — UDP sockets on POSIX (layer: platform/unix).
 * Contract: loop/lode.h, "UDP".
 *
 * Sends are requests queued in order on handle->write_queue. They are
 * written with sendmsg as soon as the socket takes them (right away when
 * the queue was empty, else when the socket becomes writable), then moved
 * to write_completed_queue; their callbacks run from the pending phase
 * (lode__io_feed), never inside lode_udp_send, always in queue order.
 * send_queue_size/count cover requests not yet written.
 *
 * Receiving reads up to a bounded number of datagrams per readiness event
 * with recvmsg, one alloc_cb/recv_cb pair each; MSG_TRUNC becomes
 * LODE_UDP_PARTIAL. A handle is active while receiving or while sends are
 * queued or awaiting their callbacks.
 */
#include <net/if.h>
#include <string.h>

#include "internal.h"

/* Datagrams read per readiness event, so one busy socket cannot starve
 * the rest of the loop. */
#define UDP_RECV_BATCH 32

static void udp_io(lode_loop_t* loop, lode__io_t* w, unsigned int events);

static int udp_fd(const lode_udp_t* handle) {
  return handle->io_watcher.fd;
}

static void update_active(lode_udp_t* handle) {
  if (handle->recv_cb != NULL || !lode__queue_empty(&handle->write_queue) ||
      !lode__queue_empty(&handle->write_completed_queue))
    lode__handle_start((lode_handle_t*) handle);
  else
    lode__handle_stop((lode_handle_t*) handle);
}

static socklen_t addr_len(const struct sockaddr* addr) {
  if (addr->sa_family == AF_INET) return sizeof(struct sockaddr_in);
  if (addr->sa_family == AF_INET6) return sizeof(struct sockaddr_in6);
  return 0;
}

/* The socket's family (AF_INET/AF_INET6), or a negative code. */
static int socket_family(const lode_udp_t* handle) {
  struct sockaddr_storage ss;
  socklen_t len = sizeof(ss);
  if (udp_fd(handle) < 0) return LODE_EBADF;
  if (getsockname(udp_fd(handle), (struct sockaddr*) &ss, &len) != 0)
    return -errno;
  return ss.ss_family;
}

static int new_socket(lode_udp_t* handle, int domain) {
  int fd;
  if (udp_fd(handle) >= 0) return 0;
  fd = lode__socket(domain, SOCK_DGRAM, 0);
  if (fd < 0) return fd;
  handle->io_watcher.fd = fd;
  return 0;
}

int lode_udp_init_ex(lode_loop_t* loop, lode_udp_t* handle,
                     unsigned int flags) {
  int domain = (int) (flags & 0xFF);
  int fd = -1;

  if (flags & ~0xFFu) return LODE_EINVAL;
  if (domain != AF_UNSPEC && domain != AF_INET && domain != AF_INET6)
    return LODE_EINVAL;
  if (domain != AF_UNSPEC) {
    fd = lode__socket(domain, SOCK_DGRAM, 0);
    if (fd < 0) return fd;
  }
  lode__handle_init(loop, (lode_handle_t*) handle, LODE_UDP);
  handle->send_queue_size = 0;
  handle->send_queue_count = 0;
  handle->alloc_cb = NULL;
  handle->recv_cb = NULL;
  lode__io_init(&handle->io_watcher, udp_io, fd);
  lode__queue_init(&handle->write_queue);
  lode__queue_init(&handle->write_completed_queue);
  return 0;
}

int lode_udp_init(lode_loop_t* loop, lode_udp_t* handle) {
  return lode_udp_init_ex(loop, handle, AF_UNSPEC);
}

int lode_udp_open(lode_udp_t* handle, lode_os_sock_t sock) {
  struct sockaddr_storage ss;
  socklen_t len = sizeof(ss);
  int err;

  if (udp_fd(handle) >= 0) return LODE_EBUSY;
  if (sock < 0) return LODE_EBADF;
  err = lode__nonblock(sock, 1);
  if (err != 0) return err;
  handle->io_watcher.fd = sock;
  if (getsockname(sock, (struct sockaddr*) &ss, &len) == 0) {
    /* A non-zero port means someone bound it already. */
    if ((ss.ss_family == AF_INET &&
         ((struct sockaddr_in*) &ss)->sin_port != 0) ||
        (ss.ss_family == AF_INET6 &&
         ((struct sockaddr_in6*) &ss)->sin6_port != 0))
      handle->flags |= LODE_HANDLE_BOUND;
  }
  len = sizeof(ss);
  if (getpeername(sock, (struct sockaddr*) &ss, &len) == 0)
    handle->flags |= LODE_HANDLE_UDP_CONNECTED | LODE_HANDLE_BOUND;
  return 0;
}

static int udp_bind(lode_udp_t* handle, const struct sockaddr* addr,
                    unsigned int flags) {
  socklen_t len = addr_len(addr);
  int on = 1;
  int err;

  if (len == 0) return LODE_EINVAL;
  if ((flags & LODE_UDP_IPV6ONLY) && addr->sa_family != AF_INET6)
    return LODE_EINVAL;
  err = new_socket(handle, addr->sa_family);
  if (err != 0) return err;
  if (flags & LODE_UDP_REUSEADDR) {
    /* Linux lets several sockets with SO_REUSEADDR share a UDP port
     * (what multicast listeners need); BSDs want SO_REUSEPORT for it. */
#if defined(__linux__) || !defined(SO_REUSEPORT)
    if (setsockopt(udp_fd(handle), SOL_SOCKET, SO_REUSEADDR, &on,
                   sizeof(on)) != 0)
      return -errno;
#else
    if (setsockopt(udp_fd(handle), SOL_SOCKET, SO_REUSEPORT, &on,
                   sizeof(on)) != 0)
      return -errno;
#endif
  }
  if (addr->sa_family == AF_INET6) {
    int only = (flags & LODE_UDP_IPV6ONLY) ? 1 : 0;
    if (setsockopt(udp_fd(handle), IPPROTO_IPV6, IPV6_V6ONLY, &only,
                   sizeof(only)) != 0)
      return -errno;
  }
  if (bind(udp_fd(handle), addr, len) != 0) {
    /* EAFNOSUPPORT for a socket of the other family: say EINVAL as for
     * any mismatched address. */
    return errno == EAFNOSUPPORT ? LODE_EINVAL : -errno;
  }
  handle->flags |= LODE_HANDLE_BOUND;
  if (flags & LODE_UDP_IPV6ONLY) handle->flags |= LODE_HANDLE_IPV6ONLY;
  return 0;
}

int lode_udp_bind(lode_udp_t* handle, const struct sockaddr* addr,
                  unsigned int flags) {
  if (addr == NULL) return LODE_EINVAL;
  if (flags & ~(unsigned int) (LODE_UDP_IPV6ONLY | LODE_UDP_REUSEADDR))
    return LODE_EINVAL;
  if (lode__is_closing((lode_handle_t*) handle)) return LODE_EINVAL;
  return udp_bind(handle, addr, flags);
}

/* Binds an unbound handle to the wildcard address of family, port 0. */
static int maybe_bind(lode_udp_t* handle, int family, unsigned int flags) {
  struct sockaddr_storage ss;

  if (handle->flags & LODE_HANDLE_BOUND) return 0;
  memset(&ss, 0, sizeof(ss));
  if (family == AF_INET) {
    struct sockaddr_in* a = (struct sockaddr_in*) &ss;
    a->sin_family = AF_INET;
    a->sin_addr.s_addr = htonl(INADDR_ANY);
  } else if (family == AF_INET6) {
    struct sockaddr_in6* a = (struct sockaddr_in6*) &ss;
    a->sin6_family = AF_INET6;
    a->sin6_addr = in6addr_any;
  } else {
    return LODE_EINVAL;
  }
  return udp_bind(handle, (struct sockaddr*) &ss, flags);
}

int lode_udp_connect(lode_udp_t* handle, const struct sockaddr* addr) {
  int err;

  if (lode__is_closing((lode_handle_t*) handle)) return LODE_EINVAL;
  if (addr == NULL) {
    struct sockaddr unspec;
    if (!(handle->flags & LODE_HANDLE_UDP_CONNECTED)) return LODE_ENOTCONN;
    memset(&unspec, 0, sizeof(unspec));
    unspec.sa_family = AF_UNSPEC;
    /* Some kernels answer EAFNOSUPPORT yet dissolve the association. */
    if (connect(udp_fd(handle), &unspec, sizeof(unspec)) != 0 &&
        errno != EAFNOSUPPORT)
      return -errno;
    handle->flags &= ~LODE_HANDLE_UDP_CONNECTED;
    return 0;
  }
  if (addr_len(addr) == 0) return LODE_EINVAL;
  if (handle->flags & LODE_HANDLE_UDP_CONNECTED) return LODE_EISCONN;
  err = maybe_bind(handle, addr->sa_family, 0);
  if (err != 0) return err;
  do
    err = connect(udp_fd(handle), addr, addr_len(addr));
  while (err != 0 && errno == EINTR);
  if (err != 0) return -errno;
  handle->flags |= LODE_HANDLE_UDP_CONNECTED;
  return 0;
}

static int sock_name(int fd, struct sockaddr* name, int* namelen,
                     int (*fn)(int, struct sockaddr*, socklen_t*)) {
  socklen_t len;
  if (name == NULL || namelen == NULL || *namelen < 0) return LODE_EINVAL;
  if (fd < 0) return LODE_EBADF;
  len = (socklen_t) *namelen;
  if (fn(fd, name, &len) != 0) return -errno;
  *namelen = (int) len;
  return 0;
}

int lode_udp_getsockname(const lode_udp_t* handle, struct sockaddr* name,
                         int* namelen) {
  return sock_name(udp_fd(handle), name, namelen, getsockname);
}

int lode_udp_getpeername(const lode_udp_t* handle, struct sockaddr* name,
                         int* namelen) {
  return sock_name(udp_fd(handle), name, namelen, getpeername);
}

/* ---- socket options ---- */

static int set_opt(const lode_udp_t* handle, int level, int name,
                   const void* val, socklen_t len) {
  if (setsockopt(udp_fd(handle), level, name, val, len) != 0) return -errno;
  return 0;
}

/* IPv4 multicast TTL/loop: Linux takes an int, the BSDs want a byte. */
static int set_ip4_byte_opt(const lode_udp_t* handle, int name, int val) {
#if defined(__linux__)
  return set_opt(handle, IPPROTO_IP, name, &val, sizeof(val));
#else
  unsigned char b = (unsigned char) val;
  return set_opt(handle, IPPROTO_IP, name, &b, sizeof(b));
#endif
}

/* Sets an option that exists per family (IPv4 name4, IPv6 name6). */
static int set_family_opt(lode_udp_t* handle, int name4, int name6, int val,
                          int byte4) {
  int family = socket_family(handle);
  if (family < 0) return family;
  if (family == AF_INET6)
    return set_opt(handle, IPPROTO_IPV6, name6, &val, sizeof(val));
  if (byte4) return set_ip4_byte_opt(handle, name4, val);
  return set_opt(handle, IPPROTO_IP, name4, &val, sizeof(val));
}

int lode_udp_set_membership(lode_udp_t* handle, const char* multicast_addr,
                            const char* interface_addr,
                            lode_membership membership) {
  struct sockaddr_in a4;
  struct sockaddr_in6 a6;
  int err;

  if (multicast_addr == NULL) return LODE_EINVAL;
  if (membership != LODE_JOIN_GROUP && membership != LODE_LEAVE_GROUP)
    return LODE_EINVAL;

  if (lode_ip4_addr(multicast_addr, 0, &a4) == 0) {
    struct ip_mreq mreq;
    err = maybe_bind(handle, AF_INET, LODE_UDP_REUSEADDR);
    if (err != 0) return err;
    memset(&mreq, 0, sizeof(mreq));
    mreq.imr_multiaddr = a4.sin_addr;
    if (interface_addr != NULL) {
      struct sockaddr_in ia;
      if (lode_ip4_addr(interface_addr, 0, &ia) != 0) return LODE_EINVAL;
      mreq.imr_interface = ia.sin_addr;
    } else {
      mreq.imr_interface.s_addr = htonl(INADDR_ANY);
    }
    return set_opt(handle, IPPROTO_IP,
                   membership == LODE_JOIN_GROUP ? IP_ADD_MEMBERSHIP
                                                 : IP_DROP_MEMBERSHIP,
                   &mreq, sizeof(mreq));
  }
  if (lode_ip6_addr(multicast_addr, 0, &a6) == 0) {
    struct ipv6_mreq mreq;
    err = maybe_bind(handle, AF_INET6, LODE_UDP_REUSEADDR);
    if (err != 0) return err;
    memset(&mreq, 0, sizeof(mreq));
    mreq.ipv6mr_multiaddr = a6.sin6_addr;
    if (interface_addr != NULL) {
      struct sockaddr_in6 ia;
      if (lode_ip6_addr(interface_addr, 0, &ia) != 0) return LODE_EINVAL;
      mreq.ipv6mr_interface = ia.sin6_scope_id;
    }
    return set_opt(handle, IPPROTO_IPV6,
                   membership == LODE_JOIN_GROUP ? IPV6_ADD_MEMBERSHIP
                                                 : IPV6_DROP_MEMBERSHIP,
                   &mreq, sizeof(mreq));
  }
  return LODE_EINVAL;
}

int lode_udp_set_multicast_loop(lode_udp_t* handle, int on) {
  return set_family_opt(handle, IP_MULTICAST_LOOP, IPV6_MULTICAST_LOOP,
                        on ? 1 : 0, 1);
}

int lode_udp_set_multicast_ttl(lode_udp_t* handle, int ttl) {
  if (ttl < 0 || ttl > 255) return LODE_EINVAL;
  return set_family_opt(handle, IP_MULTICAST_TTL, IPV6_MULTICAST_HOPS, ttl,
                        1);
}

int lode_udp_set_ttl(lode_udp_t* handle, int ttl) {
  if (ttl < 1 || ttl > 255) return LODE_EINVAL;
  return set_family_opt(handle, IP_TTL, IPV6_UNICAST_HOPS, ttl, 0);
}

int lode_udp_set_broadcast(lode_udp_t* handle, int on) {
  int val = on ? 1 : 0;
  if (udp_fd(handle) < 0) return LODE_EBADF;
  return set_opt(handle, SOL_SOCKET, SO_BROADCAST, &val, sizeof(val));
}

int lode_udp_set_multicast_interface(lode_udp_t* handle,
                                     const char* interface_addr) {
  int family = socket_family(handle);
  if (family < 0) return family;
  if (family == AF_INET) {
    struct sockaddr_in ia;
    if (interface_addr == NULL) {
      memset(&ia, 0, sizeof(ia));
      ia.sin_addr.s_addr = htonl(INADDR_ANY);
    } else if (lode_ip4_addr(interface_addr, 0, &ia) != 0) {
      return LODE_EINVAL;
    }
    return set_opt(handle, IPPROTO_IP, IP_MULTICAST_IF, &ia.sin_addr,
                   sizeof(ia.sin_addr));
  } else {
    struct sockaddr_in6 ia;
    unsigned int index = 0;
    if (interface_addr != NULL) {
      if (lode_ip6_addr(interface_addr, 0, &ia) != 0) return LODE_EINVAL;
      index = ia.sin6_scope_id;
    }
    return set_opt(handle, IPPROTO_IPV6, IPV6_MULTICAST_IF, &index,
                   sizeof(index));
  }
}

/* ---- sending ---- */

static size_t bufs_size(const lode_buf_t* bufs, unsigned int n) {
  size_t total = 0;
  unsigned int i;
  for (i = 0; i < n; i++) total += bufs[i].len;
  return total;
}

static lode_ssize_t send_one(int fd, const lode_buf_t* bufs,
                             unsigned int nbufs,
                             const struct sockaddr* addr) {
  struct msghdr msg;
  lode_ssize_t n;

  memset(&msg, 0, sizeof(msg));
  if (addr != NULL && addr->sa_family != AF_UNSPEC) {
    msg.msg_name = (void*) addr;
    msg.msg_namelen = addr_len(addr);
  }
  msg.msg_iov = (struct iovec*) bufs; /* same layout, see lode_buf_t */
  msg.msg_iovlen = nbufs;
  do
    n = sendmsg(fd, &msg, 0);
  while (n < 0 && errno == EINTR);
  return n < 0 ? -errno : n;
}

/* Writes queued sends in order until the queue is empty or the socket is
 * full. Written (or failed) requests move to the completed queue and the
 * watcher is fed so their callbacks run in the pending phase. */
static void flush_sends(lode_udp_t* handle) {
  int fed = 0;

  while (!lode__queue_empty(&handle->write_queue)) {
    lode__queue_t* q = lode__queue_head(&handle->write_queue);
    lode_udp_send_t* req = lode__queue_data(q, lode_udp_send_t, queue);
    lode_ssize_t n = send_one(udp_fd(handle), req->bufs, req->nbufs,
                              (struct sockaddr*) &req->addr);
    if (n == LODE_EAGAIN || n == -EWOULDBLOCK) break;
    req->status = n;
    handle->send_queue_size -= bufs_size(req->bufs, req->nbufs);
    handle->send_queue_count--;
    lode__queue_remove(q);
    lode__queue_insert_tail(&handle->write_completed_queue, q);
    fed = 1;
  }
  if (fed) lode__io_feed(handle->loop, &handle->io_watcher);
  if (lode__queue_empty(&handle->write_queue))
    lode__io_stop(handle->loop, &handle->io_watcher, LODE__POLLOUT);
  else
    lode__io_start(handle->loop, &handle->io_watcher, LODE__POLLOUT);
}

/* Runs the callbacks of completed sends, in order. A callback may close
 * the handle: the rest then runs from lode__udp_finish_close. */
static void run_completed(lode_udp_t* handle) {
  while (!lode__queue_empty(&handle->write_completed_queue)) {
    lode__queue_t* q = lode__queue_head(&handle->write_completed_queue);
    lode_udp_send_t* req = lode__queue_data(q, lode_udp_send_t, queue);
    int status = req->status < 0 ? (int) req->status : 0;
    lode__queue_remove(q);
    lode__req_unregister_m(handle->loop, req);
    if (req->bufs != req->bufsml) lode__free(req->bufs);
    req->bufs = NULL;
    if (req->cb != NULL) req->cb(req, status);
    if (lode__is_closing((lode_handle_t*) handle)) return;
  }
  update_active(handle);
}

int lode_udp_send(lode_udp_send_t* req, lode_udp_t* handle,
                  const lode_buf_t bufs[], unsigned int nbufs,
                  const struct sockaddr* addr, lode_udp_send_cb cb) {
  int was_empty;
  int err;

  if (req == NULL || (bufs == NULL && nbufs > 0)) return LODE_EINVAL;
  if (lode__is_closing((lode_handle_t*) handle)) return LODE_EINVAL;
  if (addr != NULL) {
    if (addr_len(addr) == 0) return LODE_EINVAL;
    if (handle->flags & LODE_HANDLE_UDP_CONNECTED) return LODE_EISCONN;
    err = maybe_bind(handle, addr->sa_family, 0);
    if (err != 0) return err;
  } else if (!(handle->flags & LODE_HANDLE_UDP_CONNECTED)) {
    return LODE_EDESTADDRREQ;
  }

  lode__req_init((lode_req_t*) req, LODE_UDP_SEND);
  req->handle = handle;
  req->cb = cb;
  req->status = 0;
  memset(&req->addr, 0, sizeof(req->addr));
  if (addr != NULL) memcpy(&req->addr, addr, addr_len(addr));
  req->bufs = req->bufsml;
  if (nbufs > sizeof(req->bufsml) / sizeof(req->bufsml[0])) {
    req->bufs = lode__malloc(nbufs * sizeof(*bufs));
    if (req->bufs == NULL) return LODE_ENOMEM;
  }
  if (nbufs > 0) memcpy(req->bufs, bufs, nbufs * sizeof(*bufs));
  req->nbufs = nbufs;

  was_empty = lode__queue_empty(&handle->write_queue);
  handle->send_queue_size += bufs_size(bufs, nbufs);
  handle->send_queue_count++;
  lode__queue_insert_tail(&handle->write_queue, &req->queue);
  lode__req_register_m(handle->loop, req);
  lode__handle_start((lode_handle_t*) handle);

  /* Write now when nothing is ahead of this request; otherwise it goes
   * out behind the others when the socket is writable. */
  if (was_empty)
    flush_sends(handle);
  else
    lode__io_start(handle->loop, &handle->io_watcher, LODE__POLLOUT);
  return 0;
}

int lode_udp_try_send(lode_udp_t* handle, const lode_buf_t bufs[],
                      unsigned int nbufs, const struct sockaddr* addr) {
  lode_ssize_t n;
  int err;

  if (bufs == NULL && nbufs > 0) return LODE_EINVAL;
  if (lode__is_closing((lode_handle_t*) handle)) return LODE_EINVAL;
  /* Sending past queued datagrams would reorder them. */
  if (!lode__queue_empty(&handle->write_queue)) return LODE_EAGAIN;
  if (addr != NULL) {
    if (addr_len(addr) == 0) return LODE_EINVAL;
    if (handle->flags & LODE_HANDLE_UDP_CONNECTED) return LODE_EISCONN;
    err = maybe_bind(handle, addr->sa_family, 0);
    if (err != 0) return err;
  } else if (!(handle->flags & LODE_HANDLE_UDP_CONNECTED)) {
    return LODE_EDESTADDRREQ;
  }
  n = send_one(udp_fd(handle), bufs, nbufs, addr);
  if (n == -EWOULDBLOCK) n = LODE_EAGAIN;
  return (int) n;
}

/* ---- receiving ---- */

/* XXX: one recvmsg per datagram; recvmmsg would save syscalls under load
 * but needs a buffer per slot from alloc_cb up front. */
static void recv_some(lode_udp_t* handle) {
  int count;

  for (count = 0; count < UDP_RECV_BATCH; count++) {
    struct sockaddr_storage peer;
    struct msghdr msg;
    struct iovec iov;
    lode_buf_t buf;
    lode_ssize_t n;

    /* recv_stop or close from the previous recv_cb ends the batch. */
    if (handle->recv_cb == NULL || udp_fd(handle) < 0) return;
    buf = lode_buf_init(NULL, 0);
    handle->alloc_cb((lode_handle_t*) handle, 64 * 1024, &buf);
    if (buf.base == NULL || buf.len == 0) {
      handle->recv_cb(handle, LODE_ENOBUFS, &buf, NULL, 0);
      return;
    }
    memset(&msg, 0, sizeof(msg));
    memset(&peer, 0, sizeof(peer));
    iov.iov_base = buf.base;
    iov.iov_len = buf.len;
    msg.msg_name = &peer;
    msg.msg_namelen = sizeof(peer);
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    do
      n = recvmsg(udp_fd(handle), &msg, 0);
    while (n < 0 && errno == EINTR);
    if (n < 0) {
      if (errno == EAGAIN || errno == EWOULDBLOCK)
        handle->recv_cb(handle, 0, &buf, NULL, 0); /* buf back to owner */
      else
        handle->recv_cb(handle, -errno, &buf, NULL, 0);
      return;
    }
    handle->recv_cb(handle, n, &buf, (const struct sockaddr*) &peer,
                    (msg.msg_flags & MSG_TRUNC) ? LODE_UDP_PARTIAL : 0);
  }
}

int lode_udp_recv_start(lode_udp_t* handle, lode_alloc_cb alloc_cb,
                        lode_udp_recv_cb recv_cb) {
  int err;

  if (alloc_cb == NULL || recv_cb == NULL) return LODE_EINVAL;
  if (lode__is_closing((lode_handle_t*) handle)) return LODE_EINVAL;
  if (handle->recv_cb != NULL) return LODE_EALREADY;
  if (!(handle->flags & LODE_HANDLE_BOUND)) {
    int family = udp_fd(handle) >= 0 ? socket_family(handle) : AF_INET;
    if (family < 0) return family;
    err = maybe_bind(handle, family, 0);
    if (err != 0) return err;
  }
  handle->alloc_cb = alloc_cb;
  handle->recv_cb = recv_cb;
  lode__io_start(handle->loop, &handle->io_watcher, LODE__POLLIN);
  lode__handle_start((lode_handle_t*) handle);
  return 0;
}

int lode_udp_recv_stop(lode_udp_t* handle) {
  if (udp_fd(handle) >= 0)
    lode__io_stop(handle->loop, &handle->io_watcher, LODE__POLLIN);
  handle->alloc_cb = NULL;
  handle->recv_cb = NULL;
  update_active(handle);
  return 0;
}

size_t lode_udp_get_send_queue_size(const lode_udp_t* handle) {
  return handle->send_queue_size;
}

size_t lode_udp_get_send_queue_count(const lode_udp_t* handle) {
  return handle->send_queue_count;
}

static void udp_io(lode_loop_t* loop, lode__io_t* w, unsigned int events) {
  lode_udp_t* handle = lode__queue_data(w, lode_udp_t, io_watcher);
  (void) loop;

  /* An error or hangup is reported by the next recvmsg / sendmsg. */
  if (events & (LODE__POLLERR | LODE__POLLHUP))
    events |= LODE__POLLIN | LODE__POLLOUT;
  if ((events & LODE__POLLIN) && handle->recv_cb != NULL) recv_some(handle);
  if (lode__is_closing((lode_handle_t*) handle)) return;
  if (events & LODE__POLLOUT) {
    flush_sends(handle);
    run_completed(handle);
  }
}

/* ---- closing ---- */

void lode__udp_close(lode_udp_t* handle) {
  lode_udp_recv_stop(handle);
  if (udp_fd(handle) >= 0) {
    lode__io_close(handle->loop, &handle->io_watcher);
    lode__close(udp_fd(handle));
    handle->io_watcher.fd = -1;
  }
  lode__handle_stop((lode_handle_t*) handle);
}

void lode__udp_finish_close(lode_udp_t* handle) {
  /* Unsent requests are cancelled behind those already written, so the
   * callbacks still run in submission order. */
  while (!lode__queue_empty(&handle->write_queue)) {
    lode__queue_t* q = lode__queue_head(&handle->write_queue);
    lode_udp_send_t* req = lode__queue_data(q, lode_udp_send_t, queue);
    req->status = LODE_ECANCELED;
    handle->send_queue_size -= bufs_size(req->bufs, req->nbufs);
    handle->send_queue_count--;
    lode__queue_remove(q);
    lode__queue_insert_tail(&handle->write_completed_queue, q);
  }
  while (!lode__queue_empty(&handle->write_completed_queue)) {
    lode__queue_t* q = lode__queue_head(&handle->write_completed_queue);
    lode_udp_send_t* req = lode__queue_data(q, lode_udp_send_t, queue);
    int status = req->status < 0 ? (int) req->status : 0;
    lode__queue_remove(q);
    lode__req_unregister_m(handle->loop, req);
    if (req->bufs != req->bufsml) lode__free(req->bufs);
    req->bufs = NULL;
    if (req->cb != NULL) req->cb(req, status);
  }
  assert(handle->send_queue_count == 0);
  assert(handle->send_queue_size == 0);
}
