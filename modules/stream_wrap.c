/*
 * stream_wrap.c — internalBinding('stream_wrap'): TCP, Pipe and TTY
 * handles for JavaScript (layer: modules/). net.Socket, net.Server,
 * process.stdin/stdout/stderr and child_process stdio sit on these.
 *
 *   new TCP(), new Pipe(ipc), new TTY(fd)      a handle object; it stays
 *                           alive while open, even unreferenced from JS
 *   h.onread = function (nread, buffer)        bytes (nread > 0) or an
 *                           error code (< 0; UV_EOF at the end)
 *   h.onconnection = function (status, client) listening handles
 *   h.readStart() / readStop()                 0 or an error code
 *   h.writeBuffer(req, buffer) / writeUtf8String(req, string) /
 *   h.writeLatin1String(req, string) / writev(req, chunks)
 *                           Writes what the kernel takes now; if all of
 *                           it went, req.async = false and nothing else
 *                           happens (the caller completes it). Otherwise
 *                           the rest is queued, req.async = true, and
 *                           req.oncomplete(status) runs later. Sets
 *                           req.bytes. Returns 0 or an error code.
 *   h.shutdown(req)         req.oncomplete(status) when the write side
 *                           is shut (after queued writes)
 *   h.close(cb)             cb() in the close phase; writes still queued
 *                           complete with ECANCELED first
 *   h.ref() / unref() / hasRef() / getWriteQueueSize() / fd / setBlocking
 *   h.getConsumedBytes()    bytes read that went to a C consumer (the
 *                           HTTP parser) instead of onread
 *   h.getWrittenBytes()     bytes a C writer sent (the HTTP response fast
 *                           path; lode_stream_wrap_add_written)
 *   TCP: open(fd), bind(ip, port), bind6(ip, port, flags), listen(backlog),
 *        connect(req, ip, port), connect6(req, ip, port),
 *        getsockname(out), getpeername(out), setNoDelay(on),
 *        setKeepAlive(on, delaySeconds), reset(cb)
 *   Pipe: open(fd), bind(path), listen(backlog), connect(req, path)
 *   IPC Pipe (new Pipe(true)): writeUtf8String(req, string, sendHandle)
 *        also sends sendHandle's descriptor (always queued: req.async is
 *        true, req.oncomplete(status) follows); acceptHandle() returns
 *        the next received descriptor as a new TCP or Pipe object, or
 *        null when none is pending
 *   TTY: getWindowSize(array), setRawMode(on)
 *   guessHandleType(fd) -> 'TTY' | 'PIPE' | 'TCP' | 'UDP' | 'FILE' | 'UNKNOWN'
 *
 * Methods return lode error codes (negative) rather than throwing, as
 * Node's handle methods do; the JS layer turns them into errors.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "stream_wrap.h"

/* The handle comes last and a wrap is allocated only as large as its
 * kind needs (a TCP wrap lacks the bytes of the larger lode_tty_t): a
 * server holds one per open connection. */
typedef struct {
  duk_context* ctx;
  int obj_ref; /* the JS object: alive while the handle is open */
  int close_cb_ref;
  /* A C consumer of the bytes read (the HTTP parser), or NULL. */
  lode_stream_wrap_consumer_cb consumer;
  void* consumer_data;
  double consumed; /* bytes handed to consumers (socket.bytesRead) */
  double written;  /* bytes C writers counted (socket.bytesWritten) */
  union {
    lode_handle_t handle;
    lode_stream_t stream;
    lode_tcp_t tcp;
    lode_pipe_t pipe;
    lode_tty_t tty;
  } h; /* last: see above */
} wrap_t;

/* A write or shutdown in flight: keeps the JS request object (and so the
 * data it references) alive until completion. */
typedef struct {
  union {
    lode_write_t write;
    lode_shutdown_t shutdown;
    lode_connect_t connect;
  } r;
  duk_context* ctx;
  int req_ref;
  int data_ref;
  lode_buf_t buf;
  lode_buf_t* bufs; /* writev: owned array */
} req_wrap_t;

#define WRAP_KEY DUK_HIDDEN_SYMBOL("lodeWrap")

/* One read buffer for the loop thread: bytes are copied out into a fresh
 * Buffer per read, so this is never shared by two reads. */
static char read_buf[65536];

static wrap_t* this_wrap(duk_context* ctx) {
  wrap_t* w;
  duk_push_this(ctx);
  lode_get_lit(ctx, -1, WRAP_KEY);
  w = duk_get_pointer(ctx, -1);
  duk_pop_2(ctx);
  if (w == NULL) (void) duk_error(ctx, DUK_ERR_TYPE_ERROR, "handle is closed");
  return w;
}

/* this_wrap for a method of one handle kind: a wrap holds only the bytes
 * of its own kind (TCP.prototype.x.call(pipe) must not reach past them). */
static wrap_t* this_kind(duk_context* ctx, lode_handle_type type) {
  wrap_t* w = this_wrap(ctx);
  if (w->h.handle.type != type) (void) duk_error(ctx, DUK_ERR_TYPE_ERROR, "wrong handle type");
  return w;
}

/* hsize: the size of the handle kind in w->h. */
static wrap_t* new_wrap(duk_context* ctx, size_t hsize) {
  wrap_t* w = calloc(1, offsetof(wrap_t, h) + hsize);
  if (w == NULL) (void) duk_error(ctx, DUK_ERR_ERROR, "out of memory");
  w->ctx = ctx;
  duk_push_this(ctx);
  duk_push_pointer(ctx, w);
  lode_put_lit(ctx, -2, WRAP_KEY);
  w->obj_ref = lode_js_ref(ctx, -1);
  duk_pop(ctx);
  w->h.handle.data = w;
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
  duk_insert(ctx, base);  /* [ ... fn args obj ] */
  duk_insert(ctx, base + 1); /* [ ... fn obj args ] */
  lode_js_call(ctx, nargs);
  duk_pop(ctx);
}

/* ---- construction ---- */

static duk_ret_t tcp_new(duk_context* ctx) {
  wrap_t* w;
  if (!duk_is_constructor_call(ctx)) return DUK_RET_TYPE_ERROR;
  w = new_wrap(ctx, sizeof(lode_tcp_t));
  lode_tcp_init(lode_engine_get(ctx)->loop, &w->h.tcp);
  return 0;
}

static duk_ret_t pipe_new(duk_context* ctx) {
  wrap_t* w;
  if (!duk_is_constructor_call(ctx)) return DUK_RET_TYPE_ERROR;
  w = new_wrap(ctx, sizeof(lode_pipe_t));
  lode_pipe_init(lode_engine_get(ctx)->loop, &w->h.pipe, duk_to_boolean(ctx, 0));
  return 0;
}

static duk_ret_t tty_new(duk_context* ctx) {
  int fd = duk_require_int(ctx, 0);
  wrap_t* w;
  int err;
  if (!duk_is_constructor_call(ctx)) return DUK_RET_TYPE_ERROR;
  w = new_wrap(ctx, sizeof(lode_tty_t));
  err = lode_tty_init(lode_engine_get(ctx)->loop, &w->h.tty, fd, 0);
  if (err != 0) {
    /* Still a handle (closable); remember the error for the caller. */
    duk_push_this(ctx);
    duk_push_int(ctx, err);
    lode_put_lit(ctx, -2, "initError");
    duk_pop(ctx);
  }
  return 0;
}

/* ---- reading ---- */

static void on_alloc(lode_handle_t* h, size_t suggested, lode_buf_t* buf) {
  (void) h;
  (void) suggested;
  buf->base = read_buf;
  buf->len = sizeof(read_buf);
}

static void on_read(lode_stream_t* s, lode_ssize_t nread, const lode_buf_t* buf) {
  wrap_t* w = s->data;
  duk_context* ctx = w->ctx;
  if (nread == 0) return;
  if (nread > 0 && w->consumer != NULL) {
    /* Straight to the C consumer: no Buffer, no JS call here. */
    w->consumed += (double) nread;
    w->consumer(w->consumer_data, buf->base, (size_t) nread);
    return;
  }
  duk_push_number(ctx, (double) nread);
  if (nread > 0) {
    void* p = lode_js_push_buffer(ctx, (size_t) nread);
    memcpy(p, buf->base, (size_t) nread);
    call_method(ctx, w->obj_ref, "onread", 2);
  } else {
    call_method(ctx, w->obj_ref, "onread", 1);
  }
}

static duk_ret_t h_read_start(duk_context* ctx) {
  wrap_t* w = this_wrap(ctx);
  duk_push_int(ctx, lode_read_start(&w->h.stream, on_alloc, on_read));
  return 1;
}

static duk_ret_t h_read_stop(duk_context* ctx) {
  wrap_t* w = this_wrap(ctx);
  duk_push_int(ctx, lode_read_stop(&w->h.stream));
  return 1;
}

/* ---- writing ---- */

static void req_free(req_wrap_t* r) {
  lode_js_unref(r->ctx, r->req_ref);
  lode_js_unref(r->ctx, r->data_ref);
  free(r->bufs);
  free(r);
}

static void on_write(lode_write_t* req, int status) {
  req_wrap_t* r = (req_wrap_t*) req;
  duk_context* ctx = r->ctx;
  int req_ref = r->req_ref;
  r->req_ref = 0;
  req_free(r);
  duk_push_int(ctx, status);
  call_method(ctx, req_ref, "oncomplete", 1);
  lode_js_unref(ctx, req_ref);
}

static void set_req_result(duk_context* ctx, duk_idx_t req, size_t bytes,
                           int async) {
  duk_push_number(ctx, (double) bytes);
  lode_put_lit(ctx, req, "bytes");
  duk_push_boolean(ctx, async);
  lode_put_lit(ctx, req, "async");
}

/* Writes bufs (whose memory is kept alive by the value at data_idx) for
 * the request object at req_idx. */
static int write_bufs_req(duk_context* ctx, wrap_t* w, duk_idx_t req_idx, lode_buf_t* bufs,
                          unsigned int nbufs, duk_idx_t data_idx) {
  size_t total = 0, done;
  unsigned int i;
  int r;
  req_wrap_t* req;

  for (i = 0; i < nbufs; i++) total += bufs[i].len;
  r = lode_try_write(&w->h.stream, bufs, nbufs);
  if (r == LODE_EAGAIN || r == LODE_ENOSYS) r = 0;
  if (r < 0) return r;
  done = (size_t) r;
  if (done == total) {
    set_req_result(ctx, req_idx, total, 0);
    return 0;
  }
  /* Skip what went out; queue the rest. */
  while (nbufs > 0 && done >= bufs[0].len) {
    done -= bufs[0].len;
    bufs++;
    nbufs--;
  }
  if (nbufs > 0) {
    bufs[0].base += done;
    bufs[0].len -= done;
  }
  req = calloc(1, sizeof(*req));
  if (req == NULL) return LODE_ENOMEM;
  req->ctx = ctx;
  req->req_ref = lode_js_ref(ctx, req_idx);
  req->data_ref = lode_js_ref(ctx, data_idx);
  r = lode_write(&req->r.write, &w->h.stream, bufs, nbufs, on_write);
  if (r != 0) {
    req_free(req);
    return r;
  }
  set_req_result(ctx, req_idx, total, 1);
  return 0;
}

static int write_bufs(duk_context* ctx, wrap_t* w, lode_buf_t* bufs, unsigned int nbufs,
                      duk_idx_t data_idx) {
  return write_bufs_req(ctx, w, 0, bufs, nbufs, data_idx);
}

static duk_ret_t h_write_buffer(duk_context* ctx) {
  wrap_t* w = this_wrap(ctx);
  lode_buf_t buf;
  size_t len;
  void* p;
  duk_require_object(ctx, 0);
  p = lode_js_get_bytes(ctx, 1, &len);
  if (p == NULL && !duk_is_buffer_data(ctx, 1))
    return lode_js_throw_type(ctx, "buffer", "Buffer", 1);
  buf = lode_buf_init(p, (unsigned int) len);
  duk_push_int(ctx, write_bufs(ctx, w, &buf, 1, 1));
  return 1;
}

/* An IPC write carrying sendHandle's descriptor: never partial, so it is
 * always queued with lode_write2. Keeps [data, sendHandle] alive. */
static int write_with_handle(duk_context* ctx, wrap_t* w, lode_buf_t* buf,
                             duk_idx_t data_idx, duk_idx_t handle_idx) {
  lode_stream_t* send = lode_stream_wrap_get(ctx, handle_idx);
  req_wrap_t* req;
  int r;
  if (send == NULL) return LODE_EBADF;
  duk_push_array(ctx);
  duk_dup(ctx, data_idx);
  lode_duk_put_index(ctx, -2, 0);
  duk_dup(ctx, handle_idx);
  lode_duk_put_index(ctx, -2, 1);
  req = calloc(1, sizeof(*req));
  if (req == NULL) return LODE_ENOMEM;
  req->ctx = ctx;
  req->req_ref = lode_js_ref(ctx, 0);
  req->data_ref = lode_js_ref(ctx, -1);
  duk_pop(ctx);
  r = lode_write2(&req->r.write, &w->h.stream, buf, 1, send, on_write);
  if (r != 0) {
    req_free(req);
    return r;
  }
  set_req_result(ctx, 0, buf->len, 1);
  return 0;
}

static duk_ret_t h_write_utf8(duk_context* ctx) {
  wrap_t* w = this_wrap(ctx);
  lode_buf_t buf;
  size_t len;
  const char* p;
  duk_require_object(ctx, 0);
  duk_to_string(ctx, 1);
  p = lode_js_utf8(ctx, 1, &len);
  buf = lode_buf_init((char*) p, (unsigned int) len);
  if (duk_is_object(ctx, 2)) {
    duk_push_int(ctx, write_with_handle(ctx, w, &buf, 1, 2));
    return 1;
  }
  duk_push_int(ctx, write_bufs(ctx, w, &buf, 1, 1));
  return 1;
}

/* latin1: each UTF-16 unit's low byte (Node's 'latin1'/'binary'). */
static duk_ret_t h_write_latin1(duk_context* ctx) {
  wrap_t* w = this_wrap(ctx);
  lode_buf_t buf;
  duk_size_t n, i;
  char* out;
  duk_require_object(ctx, 0);
  duk_to_string(ctx, 1);
  n = duk_get_length(ctx, 1);
  out = duk_push_fixed_buffer(ctx, n); /* index 2 */
  for (i = 0; i < n; i++) out[i] = (char) (duk_char_code_at(ctx, 1, i) & 0xff);
  buf = lode_buf_init(out, (unsigned int) n);
  duk_push_int(ctx, write_bufs(ctx, w, &buf, 1, 2));
  return 1;
}

/* writev(req, chunks): chunks is an array of Buffers/strings (utf8). */
static duk_ret_t h_writev(duk_context* ctx) {
  wrap_t* w = this_wrap(ctx);
  duk_size_t n, i;
  lode_buf_t* bufs;
  int r;
  duk_require_object(ctx, 0);
  duk_require_object(ctx, 1);
  n = duk_get_length(ctx, 1);
  if (n == 0) {
    set_req_result(ctx, 0, 0, 0);
    duk_push_int(ctx, 0);
    return 1;
  }
  /* Converted strings go into a keep-alive array next to the chunks. */
  duk_push_array(ctx); /* index 2: [chunks, converted...] */
  duk_dup(ctx, 1);
  lode_duk_put_index(ctx, 2, 0);
  bufs = calloc(n, sizeof(*bufs));
  if (bufs == NULL) {
    duk_push_int(ctx, LODE_ENOMEM);
    return 1;
  }
  for (i = 0; i < n; i++) {
    size_t len;
    void* p;
    lode_duk_get_index(ctx, 1, (duk_uarridx_t) i);
    if (duk_is_string(ctx, -1)) {
      p = (void*) lode_js_utf8(ctx, -1, &len);
    } else {
      p = lode_js_get_bytes(ctx, -1, &len);
    }
    bufs[i] = lode_buf_init(p, (unsigned int) len);
    lode_duk_put_index(ctx, 2, (duk_uarridx_t) (i + 1));
  }
  r = write_bufs(ctx, w, bufs, (unsigned int) n, 2);
  free(bufs);
  duk_push_int(ctx, r);
  return 1;
}

static void on_shutdown(lode_shutdown_t* req, int status) {
  req_wrap_t* r = (req_wrap_t*) req;
  duk_context* ctx = r->ctx;
  int req_ref = r->req_ref;
  r->req_ref = 0;
  req_free(r);
  duk_push_int(ctx, status);
  call_method(ctx, req_ref, "oncomplete", 1);
  lode_js_unref(ctx, req_ref);
}

static duk_ret_t h_shutdown(duk_context* ctx) {
  wrap_t* w = this_wrap(ctx);
  req_wrap_t* req;
  int r;
  duk_require_object(ctx, 0);
  req = calloc(1, sizeof(*req));
  if (req == NULL) {
    duk_push_int(ctx, LODE_ENOMEM);
    return 1;
  }
  req->ctx = ctx;
  req->req_ref = lode_js_ref(ctx, 0);
  r = lode_shutdown(&req->r.shutdown, &w->h.stream, on_shutdown);
  if (r != 0) req_free(req);
  duk_push_int(ctx, r);
  return 1;
}

/* ---- closing ---- */

static void on_close(lode_handle_t* h) {
  wrap_t* w = h->data;
  duk_context* ctx = w->ctx;
  int cb_ref = w->close_cb_ref;
  int obj_ref = w->obj_ref;

  /* The JS object may outlive the handle: unhook it first. */
  lode_js_push_ref(ctx, obj_ref);
  duk_push_pointer(ctx, NULL);
  lode_put_lit(ctx, -2, WRAP_KEY);
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

static duk_ret_t h_close(duk_context* ctx) {
  wrap_t* w = this_wrap(ctx);
  if (lode_is_closing(&w->h.handle)) return 0;
  if (duk_is_function(ctx, 0)) w->close_cb_ref = lode_js_ref(ctx, 0);
  lode_close(&w->h.handle, on_close);
  return 0;
}

static duk_ret_t tcp_reset(duk_context* ctx) {
  wrap_t* w = this_kind(ctx, LODE_TCP);
  int r;
  if (lode_is_closing(&w->h.handle)) return 0;
  if (duk_is_function(ctx, 0)) w->close_cb_ref = lode_js_ref(ctx, 0);
  r = lode_tcp_close_reset(&w->h.tcp, on_close);
  if (r != 0) {
    lode_close(&w->h.handle, on_close);
  }
  duk_push_int(ctx, r);
  return 1;
}

/* ---- misc ---- */

static duk_ret_t h_ref(duk_context* ctx) {
  lode_ref(&this_wrap(ctx)->h.handle);
  return 0;
}

static duk_ret_t h_unref(duk_context* ctx) {
  lode_unref(&this_wrap(ctx)->h.handle);
  return 0;
}

static duk_ret_t h_has_ref(duk_context* ctx) {
  duk_push_boolean(ctx, lode_has_ref(&this_wrap(ctx)->h.handle));
  return 1;
}

static duk_ret_t h_write_queue_size(duk_context* ctx) {
  duk_push_number(ctx, (double) lode_stream_get_write_queue_size(&this_wrap(ctx)->h.stream));
  return 1;
}

static duk_ret_t h_fd(duk_context* ctx) {
  lode_os_fd_t fd;
  if (lode_fileno(&this_wrap(ctx)->h.handle, &fd) != 0) fd = -1;
  duk_push_int(ctx, fd);
  return 1;
}

static duk_ret_t h_consumed_bytes(duk_context* ctx) {
  duk_push_number(ctx, this_wrap(ctx)->consumed);
  return 1;
}

static duk_ret_t h_written_bytes(duk_context* ctx) {
  duk_push_number(ctx, this_wrap(ctx)->written);
  return 1;
}

/* saveBytes(socket): getConsumedBytes() and getWrittenBytes() into the
 * socket's _consumedBytes and _handleWritten (what net.Socket reads once
 * the handle is gone), in one call; a zero count leaves the field to its
 * default (0, on net.Socket.prototype). */
static duk_ret_t h_save_bytes(duk_context* ctx) {
  wrap_t* w = this_wrap(ctx);
  duk_require_object(ctx, 0);
  if (w->consumed != 0) {
    duk_push_number(ctx, w->consumed);
    lode_put_lit(ctx, 0, "_consumedBytes");
  }
  if (w->written != 0) {
    duk_push_number(ctx, w->written);
    lode_put_lit(ctx, 0, "_handleWritten");
  }
  return 0;
}

static duk_ret_t h_set_blocking(duk_context* ctx) {
  duk_push_int(ctx, lode_stream_set_blocking(&this_wrap(ctx)->h.stream,
                                             duk_to_boolean(ctx, 0)));
  return 1;
}

/* ---- listening ---- */

static void on_connection(lode_stream_t* server, int status) {
  wrap_t* w = server->data;
  duk_context* ctx = w->ctx;
  wrap_t* c;
  int err;

  duk_push_int(ctx, status);
  if (status != 0) {
    call_method(ctx, w->obj_ref, "onconnection", 1);
    return;
  }
  /* A new handle object of the server's class for the client. */
  lode_js_push_ref(ctx, w->obj_ref);
  lode_get_lit(ctx, -1, "constructor");
  duk_remove(ctx, -2);
  if (server->type == LODE_NAMED_PIPE) {
    duk_push_boolean(ctx, ((lode_pipe_t*) server)->ipc);
    duk_new(ctx, 1);
  } else {
    duk_new(ctx, 0);
  }
  lode_get_lit(ctx, -1, WRAP_KEY);
  c = duk_get_pointer(ctx, -1);
  duk_pop(ctx);
  err = lode_accept(server, &c->h.stream);
  if (err != 0) {
    /* Nothing to hand over after all (EAGAIN, EMFILE...). */
    lode_close(&c->h.handle, on_close);
    duk_pop_2(ctx);
    return;
  }
  call_method(ctx, w->obj_ref, "onconnection", 2);
}

static duk_ret_t h_listen(duk_context* ctx) {
  wrap_t* w = this_wrap(ctx);
  duk_push_int(ctx, lode_listen(&w->h.stream, duk_get_int_default(ctx, 0, 511),
                                on_connection));
  return 1;
}

/* ---- TCP ---- */

static duk_ret_t tcp_open(duk_context* ctx) {
  duk_push_int(ctx, lode_tcp_open(&this_kind(ctx, LODE_TCP)->h.tcp, duk_require_int(ctx, 0)));
  return 1;
}

static int make_addr(duk_context* ctx, int v6, duk_idx_t ip, duk_idx_t port,
                     struct sockaddr_storage* ss) {
  const char* s = duk_require_string(ctx, ip);
  int p = duk_require_int(ctx, port);
  if (v6) return lode_ip6_addr(s, p, (struct sockaddr_in6*) ss);
  return lode_ip4_addr(s, p, (struct sockaddr_in*) ss);
}

static duk_ret_t tcp_bind_impl(duk_context* ctx, int v6) {
  wrap_t* w = this_kind(ctx, LODE_TCP);
  struct sockaddr_storage ss;
  int r = make_addr(ctx, v6, 0, 1, &ss);
  if (r == 0)
    r = lode_tcp_bind(&w->h.tcp, (struct sockaddr*) &ss,
                      v6 ? (unsigned) duk_get_int_default(ctx, 2, 0) : 0);
  duk_push_int(ctx, r);
  return 1;
}

static duk_ret_t tcp_bind(duk_context* ctx) {
  return tcp_bind_impl(ctx, 0);
}

static duk_ret_t tcp_bind6(duk_context* ctx) {
  return tcp_bind_impl(ctx, 1);
}

static void on_connect(lode_connect_t* req, int status) {
  req_wrap_t* r = (req_wrap_t*) req;
  duk_context* ctx = r->ctx;
  int req_ref = r->req_ref;
  r->req_ref = 0;
  req_free(r);
  duk_push_int(ctx, status);
  call_method(ctx, req_ref, "oncomplete", 1);
  lode_js_unref(ctx, req_ref);
}

static duk_ret_t tcp_connect_impl(duk_context* ctx, int v6) {
  wrap_t* w = this_kind(ctx, LODE_TCP);
  struct sockaddr_storage ss;
  req_wrap_t* req;
  int r;
  duk_require_object(ctx, 0);
  r = make_addr(ctx, v6, 1, 2, &ss);
  if (r == 0) {
    req = calloc(1, sizeof(*req));
    if (req == NULL) {
      r = LODE_ENOMEM;
    } else {
      req->ctx = ctx;
      req->req_ref = lode_js_ref(ctx, 0);
      r = lode_tcp_connect(&req->r.connect, &w->h.tcp, (struct sockaddr*) &ss,
                           on_connect);
      if (r != 0) req_free(req);
    }
  }
  duk_push_int(ctx, r);
  return 1;
}

static duk_ret_t tcp_connect(duk_context* ctx) {
  return tcp_connect_impl(ctx, 0);
}

static duk_ret_t tcp_connect6(duk_context* ctx) {
  return tcp_connect_impl(ctx, 1);
}

/* Fills out.address / out.family / out.port. */
static int fill_addr(duk_context* ctx, duk_idx_t out,
                     const struct sockaddr_storage* ss) {
  char ip[64];
  int port;
  if (lode_ip_name((const struct sockaddr*) ss, ip, sizeof(ip)) != 0)
    return LODE_EINVAL;
  port = ss->ss_family == AF_INET6 ? ntohs(((const struct sockaddr_in6*) ss)->sin6_port)
                                   : ntohs(((const struct sockaddr_in*) ss)->sin_port);
  duk_push_string(ctx, ip);
  lode_put_lit(ctx, out, "address");
  duk_push_string(ctx, ss->ss_family == AF_INET6 ? "IPv6" : "IPv4");
  lode_put_lit(ctx, out, "family");
  duk_push_int(ctx, port);
  lode_put_lit(ctx, out, "port");
  return 0;
}

static duk_ret_t tcp_name_impl(duk_context* ctx, int peer) {
  wrap_t* w = this_kind(ctx, LODE_TCP);
  struct sockaddr_storage ss;
  int len = (int) sizeof(ss);
  int r;
  duk_require_object(ctx, 0);
  r = peer ? lode_tcp_getpeername(&w->h.tcp, (struct sockaddr*) &ss, &len)
           : lode_tcp_getsockname(&w->h.tcp, (struct sockaddr*) &ss, &len);
  if (r == 0) r = fill_addr(ctx, 0, &ss);
  duk_push_int(ctx, r);
  return 1;
}

static duk_ret_t tcp_getsockname(duk_context* ctx) {
  return tcp_name_impl(ctx, 0);
}

static duk_ret_t tcp_getpeername(duk_context* ctx) {
  return tcp_name_impl(ctx, 1);
}

static duk_ret_t tcp_set_no_delay(duk_context* ctx) {
  duk_push_int(ctx, lode_tcp_nodelay(&this_kind(ctx, LODE_TCP)->h.tcp, duk_to_boolean(ctx, 0)));
  return 1;
}

static duk_ret_t tcp_set_keep_alive(duk_context* ctx) {
  duk_push_int(ctx, lode_tcp_keepalive(&this_kind(ctx, LODE_TCP)->h.tcp, duk_to_boolean(ctx, 0),
                                       (unsigned) duk_get_uint_default(ctx, 1, 0)));
  return 1;
}

/* ---- Pipe ---- */

static duk_ret_t pipe_open(duk_context* ctx) {
  duk_push_int(ctx, lode_pipe_open(&this_kind(ctx, LODE_NAMED_PIPE)->h.pipe, duk_require_int(ctx, 0)));
  return 1;
}

static duk_ret_t pipe_bind(duk_context* ctx) {
  duk_push_int(ctx, lode_pipe_bind(&this_kind(ctx, LODE_NAMED_PIPE)->h.pipe, duk_require_string(ctx, 0)));
  return 1;
}

static duk_ret_t pipe_connect(duk_context* ctx) {
  wrap_t* w = this_kind(ctx, LODE_NAMED_PIPE);
  req_wrap_t* req;
  duk_require_object(ctx, 0);
  req = calloc(1, sizeof(*req));
  if (req == NULL) {
    duk_push_int(ctx, LODE_ENOMEM);
    return 1;
  }
  req->ctx = ctx;
  req->req_ref = lode_js_ref(ctx, 0);
  lode_pipe_connect(&req->r.connect, &w->h.pipe, duk_require_string(ctx, 1), on_connect);
  duk_push_int(ctx, 0);
  return 1;
}

/* acceptHandle(): the next descriptor received on an IPC pipe as a new
 * TCP or Pipe object, or null. */
static duk_ret_t pipe_accept_handle(duk_context* ctx) {
  wrap_t* w = this_kind(ctx, LODE_NAMED_PIPE);
  wrap_t* c;
  lode_handle_type type;
  int err;
  if (lode_pipe_pending_count(&w->h.pipe) == 0) {
    duk_push_null(ctx);
    return 1;
  }
  type = lode_pipe_pending_type(&w->h.pipe);
  duk_push_current_function(ctx);
  lode_get_lit(ctx, -1, "binding"); /* [ ... fn binding ] */
  if (type == LODE_TCP) {
    lode_get_lit(ctx, -1, "TCP");
    duk_new(ctx, 0);
  } else {
    /* XXX: UDP sockets (dgram handles) are not accepted yet; any other
     * descriptor becomes a Pipe. */
    lode_get_lit(ctx, -1, "Pipe");
    duk_push_false(ctx);
    duk_new(ctx, 1);
  }
  lode_get_lit(ctx, -1, WRAP_KEY);
  c = duk_get_pointer(ctx, -1);
  duk_pop(ctx);
  err = lode_accept(&w->h.stream, &c->h.stream);
  if (err != 0) {
    lode_close(&c->h.handle, on_close);
    duk_push_int(ctx, err);
    return 1;
  }
  return 1;
}

static wrap_t* wrap_at(duk_context* ctx, duk_idx_t idx) {
  wrap_t* w;
  if (!duk_is_object(ctx, idx)) return NULL;
  lode_get_lit(ctx, idx, WRAP_KEY);
  w = duk_get_pointer(ctx, -1);
  duk_pop(ctx);
  if (w == NULL || lode_is_closing(&w->h.handle)) return NULL;
  return w;
}

int lode_stream_wrap_consume(duk_context* ctx, duk_idx_t idx,
                             lode_stream_wrap_consumer_cb cb, void* data) {
  wrap_t* w = wrap_at(ctx, idx);
  if (w == NULL) return LODE_EBADF;
  w->consumer = cb;
  w->consumer_data = data;
  return 0;
}

void lode_stream_wrap_unconsume(duk_context* ctx, duk_idx_t idx, void* data) {
  wrap_t* w = wrap_at(ctx, idx);
  if (w != NULL && w->consumer_data == data) {
    w->consumer = NULL;
    w->consumer_data = NULL;
  }
}

int lode_stream_wrap_write(duk_context* ctx, duk_idx_t idx, lode_buf_t* bufs,
                           unsigned int nbufs, duk_idx_t keep_idx) {
  wrap_t* w = wrap_at(ctx, idx);
  if (w == NULL) return LODE_EBADF;
  return write_bufs(ctx, w, bufs, nbufs, duk_normalize_index(ctx, keep_idx));
}

int lode_stream_wrap_write_req(duk_context* ctx, duk_idx_t idx, duk_idx_t req_idx,
                               lode_buf_t* bufs, unsigned int nbufs, duk_idx_t keep_idx) {
  wrap_t* w = wrap_at(ctx, idx);
  if (w == NULL) return LODE_EBADF;
  return write_bufs_req(ctx, w, duk_normalize_index(ctx, req_idx), bufs, nbufs,
                        duk_normalize_index(ctx, keep_idx));
}

void lode_stream_wrap_add_written(duk_context* ctx, duk_idx_t idx, double n) {
  wrap_t* w = wrap_at(ctx, idx);
  if (w != NULL) w->written += n;
}

lode_stream_t* lode_stream_wrap_get(duk_context* ctx, duk_idx_t idx) {
  wrap_t* w;
  if (!duk_is_object(ctx, idx)) return NULL;
  lode_get_lit(ctx, idx, WRAP_KEY);
  w = duk_get_pointer(ctx, -1);
  duk_pop(ctx);
  if (w == NULL || lode_is_closing(&w->h.handle)) return NULL;
  return &w->h.stream;
}

/* ---- TTY ---- */

static duk_ret_t tty_get_window_size(duk_context* ctx) {
  int width = 0, height = 0;
  int r = lode_tty_get_winsize(&this_kind(ctx, LODE_TTY)->h.tty, &width, &height);
  if (r == 0 && duk_is_object(ctx, 0)) {
    duk_push_int(ctx, width);
    lode_duk_put_index(ctx, 0, 0);
    duk_push_int(ctx, height);
    lode_duk_put_index(ctx, 0, 1);
  }
  duk_push_int(ctx, r);
  return 1;
}

static duk_ret_t tty_set_raw_mode(duk_context* ctx) {
  duk_push_int(ctx, lode_tty_set_mode(&this_kind(ctx, LODE_TTY)->h.tty,
                                      duk_to_boolean(ctx, 0) ? LODE_TTY_MODE_RAW
                                                             : LODE_TTY_MODE_NORMAL));
  return 1;
}

static duk_ret_t guess_handle_type(duk_context* ctx) {
  switch (lode_guess_handle(duk_require_int(ctx, 0))) {
    case LODE_TTY: duk_push_string(ctx, "TTY"); break;
    case LODE_NAMED_PIPE: duk_push_string(ctx, "PIPE"); break;
    case LODE_TCP: duk_push_string(ctx, "TCP"); break;
    case LODE_UDP: duk_push_string(ctx, "UDP"); break;
    case LODE_FILE: duk_push_string(ctx, "FILE"); break;
    default: duk_push_string(ctx, "UNKNOWN"); break;
  }
  return 1;
}

static const duk_function_list_entry stream_methods[] = {
    {"readStart", h_read_start, 0},
    {"readStop", h_read_stop, 0},
    {"writeBuffer", h_write_buffer, 2},
    {"writeUtf8String", h_write_utf8, 3},
    {"writeLatin1String", h_write_latin1, 2},
    {"writev", h_writev, 2},
    {"shutdown", h_shutdown, 1},
    {"close", h_close, 1},
    {"ref", h_ref, 0},
    {"unref", h_unref, 0},
    {"hasRef", h_has_ref, 0},
    {"getWriteQueueSize", h_write_queue_size, 0},
    {"getFd", h_fd, 0},
    {"getConsumedBytes", h_consumed_bytes, 0},
    {"getWrittenBytes", h_written_bytes, 0},
    {"saveBytes", h_save_bytes, 1},
    {"setBlocking", h_set_blocking, 1},
    {NULL, NULL, 0}};

static const duk_function_list_entry tcp_methods[] = {
    {"open", tcp_open, 1},
    {"bind", tcp_bind, 2},
    {"bind6", tcp_bind6, 3},
    {"listen", h_listen, 1},
    {"connect", tcp_connect, 3},
    {"connect6", tcp_connect6, 3},
    {"getsockname", tcp_getsockname, 1},
    {"getpeername", tcp_getpeername, 1},
    {"setNoDelay", tcp_set_no_delay, 1},
    {"setKeepAlive", tcp_set_keep_alive, 2},
    {"reset", tcp_reset, 1},
    {NULL, NULL, 0}};

static const duk_function_list_entry pipe_methods[] = {
    {"open", pipe_open, 1},
    {"bind", pipe_bind, 1},
    {"listen", h_listen, 1},
    {"connect", pipe_connect, 2},
    {"acceptHandle", pipe_accept_handle, 0},
    {NULL, NULL, 0}};

static const duk_function_list_entry tty_methods[] = {
    {"getWindowSize", tty_get_window_size, 1},
    {"setRawMode", tty_set_raw_mode, 1},
    {NULL, NULL, 0}};

/* [ binding ] → defines binding[name] as a constructor whose prototype
 * has the stream methods plus the class's own. */
static void define_class(duk_context* ctx, const char* name, duk_c_function fn,
                         int nargs, const duk_function_list_entry* own) {
  duk_push_c_function(ctx, fn, nargs);
  duk_push_object(ctx);
  duk_put_function_list(ctx, -1, stream_methods);
  duk_put_function_list(ctx, -1, own);
  duk_dup(ctx, -2);
  lode_put_lit(ctx, -2, "constructor");
  lode_put_lit(ctx, -2, "prototype");
  duk_put_prop_string(ctx, -2, name);
}

void lode_binding_stream_wrap(duk_context* ctx) {
  duk_push_object(ctx);
  define_class(ctx, "TCP", tcp_new, 0, tcp_methods);
  define_class(ctx, "Pipe", pipe_new, 1, pipe_methods);
  define_class(ctx, "TTY", tty_new, 1, tty_methods);
  /* acceptHandle builds TCP/Pipe objects through the binding. */
  lode_get_lit(ctx, -1, "Pipe");
  lode_get_lit(ctx, -1, "prototype");
  lode_get_lit(ctx, -1, "acceptHandle");
  duk_dup(ctx, -4);
  lode_put_lit(ctx, -2, "binding");
  duk_pop_3(ctx);
  duk_push_c_function(ctx, guess_handle_type, 1);
  lode_put_lit(ctx, -2, "guessHandleType");
  duk_push_int(ctx, LODE_EOF);
  lode_put_lit(ctx, -2, "UV_EOF");
}
