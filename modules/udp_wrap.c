/*
 * udp_wrap.c — internalBinding('udp_wrap'): the UDP handle for JavaScript
 * (layer: modules/). dgram.Socket and lode's DNS client sit on it.
 *
 *   new UDP(family)          family 4 or 6: the socket is created now; the
 *                            object stays alive while the handle is open
 *   bind(ip, port, flags) / bind6(ip, port, flags)   flags: UV_UDP_REUSEADDR,
 *                            UV_UDP_IPV6ONLY; 0 or an error code
 *   send(req, chunks, ip, port) / send6(...)   chunks: an array of Buffers
 *                            or strings (utf8), sent as one datagram; ip
 *                            undefined on a connected socket. Always
 *                            completes later with req.oncomplete(status,
 *                            bytes). Returns 0 or an error code (then no
 *                            callback).
 *   recvStart() / recvStop()
 *   onmessage(nread, buffer, rinfo)   nread >= 0: a datagram (buffer holds
 *                            it, rinfo {address, family, port, size});
 *                            < 0: an error code (buffer, rinfo undefined)
 *   connect(ip, port) / connect6(ip, port) / disconnect()
 *   getsockname(out) / getpeername(out)   fills address, family, port
 *   setBroadcast(on), setTTL(n), setMulticastTTL(n),
 *   bufferSize(size, recv) -> SO_RCVBUF (recv) / SO_SNDBUF: size 0 reads,
 *                         > 0 sets; returns the size or an error code,
 *   setMulticastLoopback(on), setMulticastInterface(addr),
 *   addMembership(group, iface) / dropMembership(group, iface)
 *   ref() / unref() / hasRef() / close(cb) / fd
 *   getSendQueueSize() / getSendQueueCount()
 *
 * Methods return lode error codes (negative) rather than throwing, as
 * Node's handle methods do; dgram.js turns them into errors.
 */
#include <stdlib.h>
#include <string.h>

#include "engine.h"

typedef struct {
  lode_udp_t udp;
  duk_context* ctx;
  int obj_ref; /* the JS object: alive while the handle is open */
  int close_cb_ref;
} udp_wrap_t;

/* A send in flight: keeps the request (and the chunks it holds) alive. */
typedef struct {
  lode_udp_send_t req;
  duk_context* ctx;
  int req_ref;
  int data_ref;
  size_t bytes;
  lode_buf_t* bufs;
} send_wrap_t;

#define UDP_KEY DUK_HIDDEN_SYMBOL("lodeUdp")

/* One receive buffer for the loop thread: each datagram is copied into a
 * fresh Buffer before the next receive, so it is never shared. */
static char recv_buf[65536];

static udp_wrap_t* this_udp(duk_context* ctx) {
  udp_wrap_t* w;
  duk_push_this(ctx);
  lode_get_lit(ctx, -1, UDP_KEY);
  w = duk_get_pointer(ctx, -1);
  duk_pop_2(ctx);
  if (w == NULL) (void) duk_error(ctx, DUK_ERR_TYPE_ERROR, "handle is closed");
  return w;
}

/* Calls obj[name](args...) through the callback entry. Stack: [... args]
 * (nargs of them) → [...]. */
static void call_method(duk_context* ctx, int obj_ref, const char* name,
                        int nargs) {
  duk_idx_t base = duk_get_top(ctx) - nargs;
  lode_js_push_ref(ctx, obj_ref);
  duk_get_prop_string(ctx, -1, name); /* [ ... args obj fn ] */
  if (!duk_is_function(ctx, -1)) {
    duk_set_top(ctx, base);
    return;
  }
  duk_insert(ctx, base);     /* [ ... fn args obj ] */
  duk_insert(ctx, base + 1); /* [ ... fn obj args ] */
  lode_js_call(ctx, nargs);
  duk_pop(ctx);
}

static duk_ret_t udp_new(duk_context* ctx) {
  int family = duk_get_int_default(ctx, 0, 4);
  udp_wrap_t* w;
  int err;
  if (!duk_is_constructor_call(ctx)) return DUK_RET_TYPE_ERROR;
  w = calloc(1, sizeof(*w));
  if (w == NULL) return duk_error(ctx, DUK_ERR_ERROR, "out of memory");
  err = lode_udp_init_ex(lode_engine_get(ctx)->loop, &w->udp,
                         family == 6 ? AF_INET6 : AF_INET);
  if (err != 0) {
    free(w);
    return lode_js_throw_error(ctx, err, "socket", NULL, NULL);
  }
  w->ctx = ctx;
  w->udp.data = w;
  duk_push_this(ctx);
  duk_push_pointer(ctx, w);
  lode_put_lit(ctx, -2, UDP_KEY);
  w->obj_ref = lode_js_ref(ctx, -1);
  duk_pop(ctx);
  return 0;
}

static int make_addr(duk_context* ctx, int v6, duk_idx_t ip, duk_idx_t port,
                     struct sockaddr_storage* ss) {
  const char* s = duk_require_string(ctx, ip);
  int p = duk_require_int(ctx, port);
  memset(ss, 0, sizeof(*ss));
  if (v6) return lode_ip6_addr(s, p, (struct sockaddr_in6*) ss);
  return lode_ip4_addr(s, p, (struct sockaddr_in*) ss);
}

/* Fills out.address / out.family / out.port from addr. */
static int fill_addr(duk_context* ctx, duk_idx_t out,
                     const struct sockaddr* addr) {
  char ip[64];
  int port;
  out = duk_normalize_index(ctx, out);
  if (lode_ip_name(addr, ip, sizeof(ip)) != 0) return LODE_EINVAL;
  port = addr->sa_family == AF_INET6
             ? ntohs(((const struct sockaddr_in6*) addr)->sin6_port)
             : ntohs(((const struct sockaddr_in*) addr)->sin_port);
  duk_push_string(ctx, ip);
  lode_put_lit(ctx, out, "address");
  duk_push_string(ctx, addr->sa_family == AF_INET6 ? "IPv6" : "IPv4");
  lode_put_lit(ctx, out, "family");
  duk_push_int(ctx, port);
  lode_put_lit(ctx, out, "port");
  return 0;
}

/* ---- binding and connecting ---- */

static duk_ret_t bind_impl(duk_context* ctx, int v6) {
  udp_wrap_t* w = this_udp(ctx);
  struct sockaddr_storage ss;
  int r = make_addr(ctx, v6, 0, 1, &ss);
  if (r == 0)
    r = lode_udp_bind(&w->udp, (struct sockaddr*) &ss,
                      (unsigned) duk_get_int_default(ctx, 2, 0));
  duk_push_int(ctx, r);
  return 1;
}

static duk_ret_t udp_bind(duk_context* ctx) {
  return bind_impl(ctx, 0);
}

static duk_ret_t udp_bind6(duk_context* ctx) {
  return bind_impl(ctx, 1);
}

static duk_ret_t connect_impl(duk_context* ctx, int v6) {
  udp_wrap_t* w = this_udp(ctx);
  struct sockaddr_storage ss;
  int r = make_addr(ctx, v6, 0, 1, &ss);
  if (r == 0) r = lode_udp_connect(&w->udp, (struct sockaddr*) &ss);
  duk_push_int(ctx, r);
  return 1;
}

static duk_ret_t udp_connect(duk_context* ctx) {
  return connect_impl(ctx, 0);
}

static duk_ret_t udp_connect6(duk_context* ctx) {
  return connect_impl(ctx, 1);
}

static duk_ret_t udp_disconnect(duk_context* ctx) {
  duk_push_int(ctx, lode_udp_connect(&this_udp(ctx)->udp, NULL));
  return 1;
}

static duk_ret_t name_impl(duk_context* ctx, int peer) {
  udp_wrap_t* w = this_udp(ctx);
  struct sockaddr_storage ss;
  int len = (int) sizeof(ss);
  int r;
  duk_require_object(ctx, 0);
  r = peer ? lode_udp_getpeername(&w->udp, (struct sockaddr*) &ss, &len)
           : lode_udp_getsockname(&w->udp, (struct sockaddr*) &ss, &len);
  if (r == 0) r = fill_addr(ctx, 0, (struct sockaddr*) &ss);
  duk_push_int(ctx, r);
  return 1;
}

static duk_ret_t udp_getsockname(duk_context* ctx) {
  return name_impl(ctx, 0);
}

static duk_ret_t udp_getpeername(duk_context* ctx) {
  return name_impl(ctx, 1);
}

/* ---- sending ---- */

static void send_free(send_wrap_t* s) {
  lode_js_unref(s->ctx, s->req_ref);
  lode_js_unref(s->ctx, s->data_ref);
  free(s->bufs);
  free(s);
}

static void on_send(lode_udp_send_t* req, int status) {
  send_wrap_t* s = (send_wrap_t*) req;
  duk_context* ctx = s->ctx;
  int req_ref = s->req_ref;
  double bytes = (double) s->bytes;
  s->req_ref = 0;
  send_free(s);
  duk_push_int(ctx, status);
  duk_push_number(ctx, bytes);
  call_method(ctx, req_ref, "oncomplete", 2);
  lode_js_unref(ctx, req_ref);
}

/* send(req, chunks, ip, port): the chunk array is kept alive by the
 * request until the callback; strings are replaced in it by their UTF-8
 * bytes so their memory is stable. */
static duk_ret_t send_impl(duk_context* ctx, int v6) {
  udp_wrap_t* w = this_udp(ctx);
  struct sockaddr_storage ss;
  struct sockaddr* addr = NULL;
  send_wrap_t* s;
  duk_size_t n, i;
  int r;

  duk_require_object(ctx, 0);
  duk_require_object(ctx, 1);
  if (!duk_is_undefined(ctx, 2) && !duk_is_null(ctx, 2)) {
    r = make_addr(ctx, v6, 2, 3, &ss);
    if (r != 0) {
      duk_push_int(ctx, r);
      return 1;
    }
    addr = (struct sockaddr*) &ss;
  }
  n = duk_get_length(ctx, 1);
  s = calloc(1, sizeof(*s));
  if (s == NULL) {
    duk_push_int(ctx, LODE_ENOMEM);
    return 1;
  }
  s->ctx = ctx;
  s->bufs = calloc(n > 0 ? n : 1, sizeof(*s->bufs));
  if (s->bufs == NULL) {
    free(s);
    duk_push_int(ctx, LODE_ENOMEM);
    return 1;
  }
  for (i = 0; i < n; i++) {
    size_t len = 0;
    void* p;
    lode_duk_get_index(ctx, 1, (duk_uarridx_t) i); /* [ ... chunk ] */
    if (duk_is_string(ctx, -1)) {
      const char* str = lode_js_utf8(ctx, -1, &len);
      p = duk_push_fixed_buffer(ctx, len);
      memcpy(p, str, len);
      lode_duk_put_index(ctx, 1, (duk_uarridx_t) i);
    } else {
      p = lode_js_get_bytes(ctx, -1, &len);
    }
    duk_pop(ctx);
    s->bufs[i] = lode_buf_init(p, (unsigned int) len);
    s->bytes += len;
  }
  r = lode_udp_send(&s->req, &w->udp, s->bufs, (unsigned int) n, addr, on_send);
  if (r != 0) {
    free(s->bufs);
    free(s);
  } else {
    s->req_ref = lode_js_ref(ctx, 0);
    s->data_ref = lode_js_ref(ctx, 1);
  }
  duk_push_int(ctx, r);
  return 1;
}

static duk_ret_t udp_send(duk_context* ctx) {
  return send_impl(ctx, 0);
}

static duk_ret_t udp_send6(duk_context* ctx) {
  return send_impl(ctx, 1);
}

/* ---- receiving ---- */

static void on_alloc(lode_handle_t* h, size_t suggested, lode_buf_t* buf) {
  (void) h;
  (void) suggested;
  buf->base = recv_buf;
  buf->len = sizeof(recv_buf);
}

static void on_recv(lode_udp_t* h, lode_ssize_t nread, const lode_buf_t* buf,
                    const struct sockaddr* addr, unsigned flags) {
  udp_wrap_t* w = h->data;
  duk_context* ctx = w->ctx;
  void* p;
  (void) flags;
  if (nread == 0 && addr == NULL) return;
  duk_push_number(ctx, (double) nread);
  if (nread < 0) {
    call_method(ctx, w->obj_ref, "onmessage", 1);
    return;
  }
  p = lode_js_push_buffer(ctx, (size_t) nread);
  if (nread > 0) memcpy(p, buf->base, (size_t) nread);
  duk_push_object(ctx);
  fill_addr(ctx, -1, addr);
  duk_push_number(ctx, (double) nread);
  lode_put_lit(ctx, -2, "size");
  call_method(ctx, w->obj_ref, "onmessage", 3);
}

static duk_ret_t udp_recv_start(duk_context* ctx) {
  udp_wrap_t* w = this_udp(ctx);
  int r = lode_udp_recv_start(&w->udp, on_alloc, on_recv);
  if (r == LODE_EALREADY) r = 0;
  duk_push_int(ctx, r);
  return 1;
}

static duk_ret_t udp_recv_stop(duk_context* ctx) {
  duk_push_int(ctx, lode_udp_recv_stop(&this_udp(ctx)->udp));
  return 1;
}

/* ---- options ---- */

static duk_ret_t udp_set_broadcast(duk_context* ctx) {
  duk_push_int(ctx, lode_udp_set_broadcast(&this_udp(ctx)->udp,
                                           duk_to_boolean(ctx, 0)));
  return 1;
}

/* bufferSize(size, recv) -> the size (size 0 reads it) or a negative
 * error code. */
static duk_ret_t udp_buffer_size(duk_context* ctx) {
  int value = duk_require_int(ctx, 0), r;
  lode_handle_t* h = (lode_handle_t*) &this_udp(ctx)->udp;
  r = duk_to_boolean(ctx, 1) ? lode_recv_buffer_size(h, &value) : lode_send_buffer_size(h, &value);
  duk_push_int(ctx, r != 0 ? r : value);
  return 1;
}

static duk_ret_t udp_set_ttl(duk_context* ctx) {
  duk_push_int(ctx, lode_udp_set_ttl(&this_udp(ctx)->udp,
                                     duk_require_int(ctx, 0)));
  return 1;
}

static duk_ret_t udp_set_multicast_ttl(duk_context* ctx) {
  duk_push_int(ctx, lode_udp_set_multicast_ttl(&this_udp(ctx)->udp,
                                               duk_require_int(ctx, 0)));
  return 1;
}

static duk_ret_t udp_set_multicast_loop(duk_context* ctx) {
  duk_push_int(ctx, lode_udp_set_multicast_loop(&this_udp(ctx)->udp,
                                                duk_to_boolean(ctx, 0)));
  return 1;
}

static duk_ret_t udp_set_multicast_interface(duk_context* ctx) {
  duk_push_int(ctx, lode_udp_set_multicast_interface(
                        &this_udp(ctx)->udp, duk_require_string(ctx, 0)));
  return 1;
}

static duk_ret_t membership_impl(duk_context* ctx, lode_membership m) {
  udp_wrap_t* w = this_udp(ctx);
  const char* iface = duk_is_string(ctx, 1) ? duk_get_string(ctx, 1) : NULL;
  duk_push_int(ctx, lode_udp_set_membership(&w->udp, duk_require_string(ctx, 0),
                                            iface, m));
  return 1;
}

static duk_ret_t udp_add_membership(duk_context* ctx) {
  return membership_impl(ctx, LODE_JOIN_GROUP);
}

static duk_ret_t udp_drop_membership(duk_context* ctx) {
  return membership_impl(ctx, LODE_LEAVE_GROUP);
}

/* ---- lifetime ---- */

static void on_close(lode_handle_t* h) {
  udp_wrap_t* w = h->data;
  duk_context* ctx = w->ctx;
  int cb_ref = w->close_cb_ref;
  int obj_ref = w->obj_ref;

  /* The JS object may outlive the handle: unhook it first. */
  lode_js_push_ref(ctx, obj_ref);
  duk_push_pointer(ctx, NULL);
  lode_put_lit(ctx, -2, UDP_KEY);
  duk_pop(ctx);
  free(w);
  if (cb_ref > 0) {
    lode_js_push_ref(ctx, cb_ref);
    lode_js_push_ref(ctx, obj_ref);
    lode_js_call(ctx, 0);
    duk_pop(ctx);
    lode_js_unref(ctx, cb_ref);
  }
  lode_js_unref(ctx, obj_ref);
}

static duk_ret_t udp_close(duk_context* ctx) {
  udp_wrap_t* w = this_udp(ctx);
  if (lode_is_closing((lode_handle_t*) &w->udp)) return 0;
  if (duk_is_function(ctx, 0)) w->close_cb_ref = lode_js_ref(ctx, 0);
  lode_close((lode_handle_t*) &w->udp, on_close);
  return 0;
}

static duk_ret_t udp_ref(duk_context* ctx) {
  lode_ref((lode_handle_t*) &this_udp(ctx)->udp);
  return 0;
}

static duk_ret_t udp_unref(duk_context* ctx) {
  lode_unref((lode_handle_t*) &this_udp(ctx)->udp);
  return 0;
}

static duk_ret_t udp_has_ref(duk_context* ctx) {
  duk_push_boolean(ctx, lode_has_ref((lode_handle_t*) &this_udp(ctx)->udp));
  return 1;
}

static duk_ret_t udp_fd(duk_context* ctx) {
  lode_os_fd_t fd;
  if (lode_fileno((lode_handle_t*) &this_udp(ctx)->udp, &fd) != 0) fd = -1;
  duk_push_int(ctx, (int) fd);
  return 1;
}

static duk_ret_t udp_send_queue_size(duk_context* ctx) {
  duk_push_number(ctx, (double) lode_udp_get_send_queue_size(&this_udp(ctx)->udp));
  return 1;
}

static duk_ret_t udp_send_queue_count(duk_context* ctx) {
  duk_push_number(ctx, (double) lode_udp_get_send_queue_count(&this_udp(ctx)->udp));
  return 1;
}

static const duk_function_list_entry udp_methods[] = {
    {"bind", udp_bind, 3},
    {"bind6", udp_bind6, 3},
    {"connect", udp_connect, 2},
    {"connect6", udp_connect6, 2},
    {"disconnect", udp_disconnect, 0},
    {"getsockname", udp_getsockname, 1},
    {"getpeername", udp_getpeername, 1},
    {"send", udp_send, 4},
    {"send6", udp_send6, 4},
    {"recvStart", udp_recv_start, 0},
    {"recvStop", udp_recv_stop, 0},
    {"setBroadcast", udp_set_broadcast, 1},
    {"setTTL", udp_set_ttl, 1},
    {"bufferSize", udp_buffer_size, 2},
    {"setMulticastTTL", udp_set_multicast_ttl, 1},
    {"setMulticastLoopback", udp_set_multicast_loop, 1},
    {"setMulticastInterface", udp_set_multicast_interface, 1},
    {"addMembership", udp_add_membership, 2},
    {"dropMembership", udp_drop_membership, 2},
    {"close", udp_close, 1},
    {"ref", udp_ref, 0},
    {"unref", udp_unref, 0},
    {"hasRef", udp_has_ref, 0},
    {"fd", udp_fd, 0},
    {"getSendQueueSize", udp_send_queue_size, 0},
    {"getSendQueueCount", udp_send_queue_count, 0},
    {NULL, NULL, 0}};

void lode_binding_udp_wrap(duk_context* ctx) {
  duk_push_object(ctx);
  duk_push_c_function(ctx, udp_new, 1);
  duk_push_object(ctx);
  duk_put_function_list(ctx, -1, udp_methods);
  duk_dup(ctx, -2);
  lode_put_lit(ctx, -2, "constructor");
  lode_put_lit(ctx, -2, "prototype");
  lode_put_lit(ctx, -2, "UDP");
  duk_push_int(ctx, LODE_UDP_REUSEADDR);
  lode_put_lit(ctx, -2, "UV_UDP_REUSEADDR");
  duk_push_int(ctx, LODE_UDP_IPV6ONLY);
  lode_put_lit(ctx, -2, "UV_UDP_IPV6ONLY");
}
