/*
 * http_parser.c — internalBinding('http_parser'): the HTTP/1.x parser
 * (modules/http/parser.c) for stdlib/http.js, and the response-head
 * serialiser that writes head and body in one writev (layer: modules/).
 *
 *   p = new HTTPParser()
 *   p.initialize(type, maxHeaderSize)   HTTPParser.REQUEST / RESPONSE;
 *                         resets the state (a parser is reused per socket)
 *   p.execute(buffer) -> bytes consumed, or an Error with code
 *                         'HPE_...', reason, bytesParsed (also for
 *                         HPE_PAUSED_UPGRADE: err.upgrade = true)
 *   p.finish() -> undefined or such an Error (the peer's EOF)
 *   p.consume(handle)    the handle's reads go straight to the parser in
 *                         C (no JS onread, no Buffer per read); results
 *                         other than "all consumed" come to
 *                         p[kOnExecute](ret, rest) with rest the bytes
 *                         not parsed (a Buffer)
 *   p.unconsume(handle)
 *   p.pause() / p.resume() / p.close()
 *   p.headReq = 0|1|2     the on_headers_complete answer for responses
 *                         (set by the client for HEAD / CONNECT)
 *
 * Callbacks, functions stored on the parser object under numeric keys:
 *   [kOnHeadersComplete](major, minor, rawHeaders, method, url,
 *                        statusCode, statusMessage, upgrade, keepAlive,
 *                        complete, info)
 *       rawHeaders is [name, value, ...] (Latin-1 strings, values with
 *       surrounding whitespace removed); method an index in methods;
 *       complete = true when the message has no body: no
 *       kOnMessageComplete follows (one JS call per bodyless request).
 *       info: bit 1 a Host header was seen, bit 2 an Expect header.
 *       May return 1 (no body) or 2 (upgrade) for responses.
 *   [kOnHeaders](rawTrailers)   before kOnMessageComplete, with trailers
 *   [kOnBody](buffer)           a fresh Buffer per piece
 *   [kOnMessageComplete]()
 *   [kOnExecute](ret, rest)     see consume
 *
 *   [kOnTimeout]()              the idle timer (p.idle) expired
 *   p.idle(ms)           arms (ms > 0) or disarms (0) the parser's own
 *                         unreferenced idle timer: the server's keep-alive
 *                         timeout without a JS timer per request
 *
 *   buildHead(msg, firstLine, extra) -> true, or false for the JS path
 *       OutgoingMessage._buildHead in C: msg._header from firstLine, the
 *       headers of extra (writeHead's object, validated here) and of
 *       msg._headers, then Date, Connection/Keep-Alive and the framing
 *       header; sets _last, chunkedEncoding, shouldKeepAlive, _headerSent
 *   writeResponse(req, handle, head, body, encoding, chunked)
 *       writes head (a Latin-1 string, or undefined when it went already)
 *       and body (a string in encoding 'utf8'/'latin1', a Buffer, or
 *       undefined), framed as one chunk and the last chunk when chunked,
 *       with one writev from a scratch buffer; only what the kernel does
 *       not take is copied (into one Buffer) and queued. req is a write
 *       request as for stream_wrap's writeBuffer. Returns 0 or an error
 *       code.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "engine.h"
#include "http/parser.h"
#include "stream_wrap.h"

enum {
  kOnMessageBegin = 0,
  kOnHeaders = 1,
  kOnHeadersComplete = 2,
  kOnBody = 3,
  kOnMessageComplete = 4,
  kOnExecute = 5,
  kOnTimeout = 6
};

typedef struct parser_s parser_t;

/* The idle timer of a parser (keep-alive timeout): a loop timer, apart
 * from the parser so that it can outlive it until its close callback. */
typedef struct {
  lode_timer_t timer;
  parser_t* owner; /* NULL once the parser is gone */
} idle_timer_t;

/* The head being collected: bytes of url/status/names/values and the
 * spans into them (copied: the input buffer goes away between calls). */
typedef struct {
  unsigned int off, len;
  int kind; /* 1 url or status text, 2 name, 3 value */
} span_t;

struct parser_s {
  lode_http_parser_t p;
  duk_context* ctx;
  int obj_ref;        /* the JS parser object, while a handle is consumed */
  int handle_ref;     /* the consumed handle, or 0 */
  char* buf;          /* collected head bytes */
  size_t buf_len, buf_cap;
  span_t* spans;
  size_t nspans, spans_cap;
  int last;           /* kind of the last span, 0 at the start */
  int head_req;       /* on_headers_complete answer for responses */
  int complete_sent;  /* the message completed inside headers-complete */
  int threw;          /* a JS callback threw: stop parsing */
  idle_timer_t* idle; /* made by the first idle(ms), or NULL */
  int server;         /* setServer(): requests may take server_request */
  double ka;          /* server.keepAliveTimeout as server_request read it
                       * for the current request; -1 after a JS-path one */
  unsigned nreq;      /* requests whose head completed on this parser */
  /* What headersTimeout/requestTimeout measure, as node's parser keeps
   * it: when the current message began (ms, wall clock; 0 between
   * messages, so an idle keep-alive connection is not timed), and whether
   * its head / all of it are still to come. */
  double msg_start;
  int in_head, in_msg;
  int idle_ref;       /* the JS parser object while the timer is armed */
};

#define PARSER_KEY DUK_HIDDEN_SYMBOL("lodeParser")

static const lode_http_settings_t settings;

/* ---- collecting the head ---- */

/* A parser holds head buffers only while a head is being collected: an
 * idle keep-alive connection costs no buffer. Freed buffers go to this
 * one-slot spare (loop thread only, like every Duktape call), so a busy
 * server reuses them instead of calling malloc per request. */
static struct {
  char* buf;
  size_t buf_cap;
  span_t* spans;
  size_t spans_cap;
} spare;

static void release_head_buffers(parser_t* h) {
  if (h->buf != NULL) {
    if (spare.buf == NULL || spare.buf_cap < h->buf_cap) {
      free(spare.buf);
      spare.buf = h->buf;
      spare.buf_cap = h->buf_cap;
    } else {
      free(h->buf);
    }
    h->buf = NULL;
    h->buf_cap = 0;
  }
  if (h->spans != NULL) {
    if (spare.spans == NULL || spare.spans_cap < h->spans_cap) {
      free(spare.spans);
      spare.spans = h->spans;
      spare.spans_cap = h->spans_cap;
    } else {
      free(h->spans);
    }
    h->spans = NULL;
    h->spans_cap = 0;
  }
}

static int collect(parser_t* h, int kind, const char* at, size_t len) {
  if (h->buf == NULL && spare.buf != NULL) {
    h->buf = spare.buf;
    h->buf_cap = spare.buf_cap;
    spare.buf = NULL;
    spare.buf_cap = 0;
  }
  if (h->spans == NULL && spare.spans != NULL) {
    h->spans = spare.spans;
    h->spans_cap = spare.spans_cap;
    spare.spans = NULL;
    spare.spans_cap = 0;
  }
  if (h->buf_len + len > h->buf_cap) {
    size_t cap = h->buf_cap ? h->buf_cap : 1024;
    char* nb;
    while (cap < h->buf_len + len) cap *= 2;
    nb = realloc(h->buf, cap);
    if (nb == NULL) return -1;
    h->buf = nb;
    h->buf_cap = cap;
  }
  if (h->last != kind) {
    if (h->nspans == h->spans_cap) {
      size_t cap = h->spans_cap ? h->spans_cap * 2 : 32;
      span_t* ns = realloc(h->spans, cap * sizeof(*ns));
      if (ns == NULL) return -1;
      h->spans = ns;
      h->spans_cap = cap;
    }
    h->spans[h->nspans].off = (unsigned int) h->buf_len;
    h->spans[h->nspans].len = 0;
    h->spans[h->nspans].kind = kind;
    h->nspans++;
    h->last = kind;
  }
  memcpy(h->buf + h->buf_len, at, len);
  h->buf_len += len;
  h->spans[h->nspans - 1].len += (unsigned int) len;
  return 0;
}

/* Pushes bytes as a Latin-1 string (Node reads header bytes so). */
static void push_latin1(duk_context* ctx, const char* s, size_t n) {
  size_t i, high = 0;
  for (i = 0; i < n; i++) high += (unsigned char) s[i] >> 7;
  if (high == 0) {
    duk_push_lstring(ctx, s, n);
  } else {
    char* out = duk_push_fixed_buffer(ctx, n + high);
    size_t j = 0;
    for (i = 0; i < n; i++) {
      unsigned char c = (unsigned char) s[i];
      if (c < 0x80) {
        out[j++] = (char) c;
      } else {
        out[j++] = (char) (0xc0 | (c >> 6));
        out[j++] = (char) (0x80 | (c & 0x3f));
      }
    }
    duk_buffer_to_string(ctx, -1);
  }
}

/* Pushes [name, value, ...] from the name/value spans; a name with no
 * value span had an empty value. Values lose trailing SP/HTAB. */
static void push_headers(parser_t* h) {
  duk_context* ctx = h->ctx;
  size_t i;
  duk_uarridx_t k = 0;
  lode_duk_push_array_sized(ctx, (duk_uint_t) h->nspans + 1); /* one entry per span, as a rule */
  for (i = 0; i < h->nspans; i++) {
    const char* s = h->buf + h->spans[i].off;
    size_t n = h->spans[i].len;
    if (h->spans[i].kind == 1) continue;
    if (h->spans[i].kind == 3) {
      while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
    } else if (k % 2 == 1) {
      duk_push_string(ctx, "");
      lode_duk_put_index(ctx, -2, k++);
    }
    push_latin1(ctx, s, n);
    lode_duk_put_index(ctx, -2, k++);
  }
  if (k % 2 == 1) {
    duk_push_string(ctx, "");
    lode_duk_put_index(ctx, -2, k++);
  }
}

/* Bits for the server, found while the head was collected: 1 a Host
 * header, 2 an Expect header (names in any case). */
static int head_info(parser_t* h) {
  size_t i;
  int info = 0;
  for (i = 0; i < h->nspans; i++) {
    const char* s = h->buf + h->spans[i].off;
    if (h->spans[i].kind != 2) continue;
    if (h->spans[i].len == 4 && strncasecmp(s, "host", 4) == 0) info |= 1;
    else if (h->spans[i].len == 6 && strncasecmp(s, "expect", 6) == 0) info |= 2;
  }
  return info;
}

static void push_line(parser_t* h) {
  size_t i;
  for (i = 0; i < h->nspans; i++) {
    if (h->spans[i].kind == 1) {
      push_latin1(h->ctx, h->buf + h->spans[i].off, h->spans[i].len);
      return;
    }
  }
  duk_push_string(h->ctx, "");
}

static void reset_head(parser_t* h) {
  h->buf_len = 0;
  h->nspans = 0;
  h->last = 0;
  release_head_buffers(h);
}

/* ---- calling JS ---- */

/* Stack: [ ... args ] → [ ... result ]: calls obj[k](args) through
 * lode_js_call. A throw is routed as uncaught and stops the parser. */
static void call_cb(parser_t* h, int k, int nargs) {
  duk_context* ctx = h->ctx;
  duk_idx_t base = duk_get_top(ctx) - nargs;
  lode_js_push_ref(ctx, h->obj_ref);
  lode_duk_get_index(ctx, -1, (duk_uarridx_t) k); /* [ ... args obj fn ] */
  if (!duk_is_function(ctx, -1)) {
    duk_set_top(ctx, base);
    duk_push_undefined(ctx);
    return;
  }
  duk_insert(ctx, base);
  duk_insert(ctx, base + 1); /* [ ... fn obj args ] */
  if (lode_js_call(ctx, nargs) != 0) h->threw = 1;
}

/* ---- parser callbacks ---- */

static double wall_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return floor((double) ts.tv_sec * 1000 + (double) ts.tv_nsec / 1e6);
}

static int cb_message_begin(lode_http_parser_t* p) {
  parser_t* h = p->data;
  reset_head(h);
  h->complete_sent = 0;
  h->msg_start = wall_ms();
  h->in_head = h->in_msg = 1;
  return 0;
}

static int cb_line(lode_http_parser_t* p, const char* at, size_t len) {
  return collect(p->data, 1, at, len);
}

static int cb_field(lode_http_parser_t* p, const char* at, size_t len) {
  return collect(p->data, 2, at, len);
}

static int cb_value(lode_http_parser_t* p, const char* at, size_t len) {
  return collect(p->data, 3, at, len);
}

static int server_request(parser_t* h, lode_http_parser_t* p, int complete, int info);

static int cb_headers_complete(lode_http_parser_t* p) {
  parser_t* h = p->data;
  duk_context* ctx = h->ctx;
  int complete, rc = 0;
  int req = p->type == LODE_HTTP_REQUEST;

  complete = lode_http_body_is_final(p);
  if (!req && h->head_req != 0) complete = 1;
  h->nreq++;
  h->in_head = 0;
  if (complete) h->in_msg = 0, h->msg_start = 0;
  h->ka = -1;
  if (req && h->server && !p->upgrade && p->http_major == 1 && p->http_minor == 1) {
    int r = server_request(h, p, complete, head_info(h));
    if (r != 0) {
      reset_head(h);
      h->complete_sent = complete;
      return r < 0 ? -1 : 0;
    }
  }
  duk_push_int(ctx, p->http_major);
  duk_push_int(ctx, p->http_minor);
  push_headers(h);
  if (req) {
    duk_push_int(ctx, p->method);
    push_line(h);
    duk_push_undefined(ctx);
    duk_push_undefined(ctx);
  } else {
    duk_push_undefined(ctx);
    duk_push_undefined(ctx);
    duk_push_int(ctx, p->status_code);
    push_line(h);
  }
  duk_push_boolean(ctx, p->upgrade);
  duk_push_boolean(ctx, lode_http_should_keep_alive(p));
  duk_push_boolean(ctx, complete);
  duk_push_int(ctx, head_info(h));
  reset_head(h);
  h->complete_sent = complete;
  call_cb(h, kOnHeadersComplete, 11);
  if (duk_is_number(ctx, -1)) rc = duk_get_int(ctx, -1);
  if (!req && h->head_req != 0 && rc == 0) rc = h->head_req;
  if (rc < 0 || rc > 3 || (req && rc != 3)) rc = 0;
  duk_pop(ctx);
  if (h->threw) return -1;
  return rc;
}

static int cb_body(lode_http_parser_t* p, const char* at, size_t len) {
  parser_t* h = p->data;
  void* b = lode_js_push_buffer(h->ctx, len);
  memcpy(b, at, len);
  call_cb(h, kOnBody, 1);
  duk_pop(h->ctx);
  return h->threw ? -1 : 0;
}

static int cb_message_complete(lode_http_parser_t* p) {
  parser_t* h = p->data;
  h->in_head = h->in_msg = 0;
  h->msg_start = 0;
  if (p->flags & LODE_HTTP_F_TRAILING) {
    if (h->nspans > 0) {
      push_headers(h);
      call_cb(h, kOnHeaders, 1);
      duk_pop(h->ctx);
      if (h->threw) return -1;
    }
    reset_head(h);
  }
  if (h->complete_sent) {
    h->complete_sent = 0;
    return 0;
  }
  call_cb(h, kOnMessageComplete, 0);
  duk_pop(h->ctx);
  return h->threw ? -1 : 0;
}

static const lode_http_settings_t settings = {
    cb_message_begin, cb_line, cb_line, cb_field, cb_value, cb_headers_complete,
    cb_body, cb_message_complete, NULL, NULL};

/* ---- the object ---- */

static parser_t* this_parser(duk_context* ctx) {
  parser_t* h;
  duk_push_this(ctx);
  lode_get_lit(ctx, -1, PARSER_KEY);
  h = duk_get_pointer(ctx, -1);
  duk_pop_2(ctx);
  if (h == NULL) (void) duk_error(ctx, DUK_ERR_ERROR, "HTTPParser is closed");
  return h;
}

static void idle_closed(lode_handle_t* handle) {
  free(handle);
}

static duk_ret_t parser_finalize(duk_context* ctx) {
  parser_t* h;
  lode_get_lit(ctx, 0, PARSER_KEY);
  h = duk_get_pointer(ctx, -1);
  if (h != NULL) {
    if (h->idle != NULL) {
      h->idle->owner = NULL;
      lode_close((lode_handle_t*) &h->idle->timer, idle_closed);
    }
    free(h->buf);
    free(h->spans);
    free(h);
  }
  return 0;
}

static duk_ret_t parser_new(duk_context* ctx) {
  parser_t* h;
  if (!duk_is_constructor_call(ctx)) return DUK_RET_TYPE_ERROR;
  h = calloc(1, sizeof(*h));
  if (h == NULL) return duk_error(ctx, DUK_ERR_ERROR, "out of memory");
  h->ctx = ctx;
  h->p.data = h;
  lode_http_parser_init(&h->p, LODE_HTTP_REQUEST, &settings);
  duk_push_this(ctx);
  duk_push_pointer(ctx, h);
  lode_put_lit(ctx, -2, PARSER_KEY);
  /* The finalizer is HTTPParser.prototype's (inherited). */
  return 0;
}

/* Pushes the result of execute: a count, or an Error. */
static void push_result(duk_context* ctx, parser_t* h, size_t consumed) {
  int err = h->p.error;
  if (err == LODE_HPE_OK || err == LODE_HPE_PAUSED) {
    duk_push_number(ctx, (double) consumed);
    return;
  }
  duk_push_error_object(ctx, DUK_ERR_ERROR, "Parse Error: %s",
                        h->p.reason != NULL ? h->p.reason : "");
  duk_push_string(ctx, lode_http_errno_name(err));
  lode_put_lit(ctx, -2, "code");
  duk_push_string(ctx, h->p.reason != NULL ? h->p.reason : "");
  lode_put_lit(ctx, -2, "reason");
  duk_push_number(ctx, (double) consumed);
  lode_put_lit(ctx, -2, "bytesParsed");
  if (err == LODE_HPE_PAUSED_UPGRADE) {
    duk_push_true(ctx);
    lode_put_lit(ctx, -2, "upgrade");
  }
}

/* Runs the parser over data; the parser object must be at obj_ref. */
static size_t run(parser_t* h, const char* data, size_t len) {
  size_t n;
  h->threw = 0;
  n = lode_http_execute(&h->p, data, len);
  return n;
}

static duk_ret_t parser_initialize(duk_context* ctx) {
  parser_t* h = this_parser(ctx);
  int type = duk_get_int_default(ctx, 0, LODE_HTTP_REQUEST);
  uint32_t max = (uint32_t) duk_get_uint_default(ctx, 1, LODE_HTTP_DEFAULT_MAX_HEADER_SIZE);
  lode_http_parser_init(&h->p, type == LODE_HTTP_RESPONSE ? LODE_HTTP_RESPONSE : LODE_HTTP_REQUEST,
                        &settings);
  h->p.max_header_size = max;
  h->head_req = 0;
  h->server = 0;
  h->msg_start = wall_ms(); /* a new connection's first request starts now */
  h->in_head = h->in_msg = 1;
  reset_head(h);
  return 0;
}

/* The JS object stays reachable from C only during a call (execute) or
 * while a handle is consumed (then obj_ref holds it). */
static void hold(duk_context* ctx, parser_t* h, int* tmp) {
  *tmp = 0;
  if (h->obj_ref == 0) {
    duk_push_this(ctx);
    h->obj_ref = *tmp = lode_js_ref(ctx, -1);
    duk_pop(ctx);
  }
}

static void release(duk_context* ctx, parser_t* h, int tmp) {
  if (tmp != 0) {
    lode_js_unref(ctx, tmp);
    if (h->obj_ref == tmp) h->obj_ref = 0;
  }
}

static duk_ret_t parser_execute(duk_context* ctx) {
  parser_t* h = this_parser(ctx);
  size_t len, n;
  const char* data = lode_js_get_bytes(ctx, 0, &len);
  int tmp;
  if (data == NULL && len == 0 && !duk_is_buffer_data(ctx, 0))
    return lode_js_throw_type(ctx, "buffer", "Buffer", 0);
  hold(ctx, h, &tmp);
  n = run(h, data, len);
  release(ctx, h, tmp);
  push_result(ctx, h, n);
  return 1;
}

static duk_ret_t parser_finish(duk_context* ctx) {
  parser_t* h = this_parser(ctx);
  int tmp, err;
  hold(ctx, h, &tmp);
  h->threw = 0;
  err = lode_http_finish(&h->p);
  release(ctx, h, tmp);
  if (err == 0 || err == LODE_HPE_PAUSED || err == LODE_HPE_PAUSED_UPGRADE) return 0;
  push_result(ctx, h, 0);
  return 1;
}

static duk_ret_t parser_pause(duk_context* ctx) {
  lode_http_pause(&this_parser(ctx)->p);
  return 0;
}

static duk_ret_t parser_resume(duk_context* ctx) {
  lode_http_resume(&this_parser(ctx)->p);
  return 0;
}

/* p.expired(now, headersTimeout, requestTimeout) -> 0, or 1 when the
 * message being received has taken longer than headersTimeout to its
 * end of head or than requestTimeout to its end (0 disables either);
 * as node's connection checks: nothing counts between messages. */
static duk_ret_t parser_expired(duk_context* ctx) {
  parser_t* h = this_parser(ctx);
  double now = duk_to_number(ctx, 0), ht = duk_to_number(ctx, 1), rt = duk_to_number(ctx, 2);
  int r = 0;
  if (h->msg_start != 0) {
    double age = now - h->msg_start;
    if (h->in_head && ht > 0 && age > ht) r = 1;
    else if (h->in_msg && rt > 0 && age > rt) r = 1;
  }
  if (r) h->msg_start = 0; /* reported once */
  duk_push_int(ctx, r);
  return 1;
}

/* p.setServer(): requests on this parser may be taken by
 * server_request (stdlib/http.js's server parsers). */
static duk_ret_t parser_set_server(duk_context* ctx) {
  this_parser(ctx)->server = 1;
  return 0;
}

/* initServer(proto, maxHeaderSize): a server connection's parser in one
 * call: Object.setPrototypeOf(this, proto), initialize(REQUEST,
 * maxHeaderSize), setServer(). */
static duk_ret_t parser_init_server(duk_context* ctx) {
  duk_require_object(ctx, 0);
  duk_push_this(ctx);
  duk_dup(ctx, 0);
  duk_set_prototype(ctx, -2);
  duk_pop(ctx);
  duk_push_int(ctx, LODE_HTTP_REQUEST);
  duk_replace(ctx, 0); /* [ REQUEST maxHeaderSize ] as initialize() takes them */
  parser_initialize(ctx);
  this_parser(ctx)->server = 1;
  return 0;
}

static duk_ret_t parser_set_head_req(duk_context* ctx) {
  this_parser(ctx)->head_req = duk_get_int_default(ctx, 0, 0);
  return 0;
}

static void idle_disarm(parser_t* h) {
  if (h->idle_ref != 0) {
    lode_js_unref(h->ctx, h->idle_ref);
    h->idle_ref = 0;
  }
}

static void on_idle(lode_timer_t* timer) {
  idle_timer_t* it = (idle_timer_t*) timer;
  parser_t* h = it->owner;
  duk_context* ctx;
  int ref;
  if (h == NULL || h->idle_ref == 0) return;
  ctx = h->ctx;
  /* [ fn obj ] from the object the armed timer keeps alive */
  ref = h->idle_ref;
  h->idle_ref = 0;
  lode_js_push_ref(ctx, ref);
  lode_js_unref(ctx, ref);
  lode_duk_get_index(ctx, -1, kOnTimeout);
  duk_swap_top(ctx, -2);
  if (duk_is_function(ctx, -2)) {
    lode_js_call(ctx, 0);
    duk_pop(ctx);
  } else {
    duk_pop_2(ctx);
  }
}

/* Arms h's idle timer for ms; the parser object is at obj_idx. */
static int idle_arm(duk_context* ctx, parser_t* h, duk_idx_t obj_idx, double ms) {
  if (h->idle == NULL) {
    h->idle = calloc(1, sizeof(*h->idle));
    if (h->idle == NULL) return -1;
    lode_timer_init(lode_engine_get(ctx)->loop, &h->idle->timer);
    lode_unref((lode_handle_t*) &h->idle->timer);
    h->idle->owner = h;
  }
  if (h->idle_ref == 0) h->idle_ref = lode_js_ref(ctx, obj_idx);
  lode_timer_start(&h->idle->timer, on_idle, (uint64_t) ms, 0);
  return 0;
}

/* p.idle(ms): ms > 0 arms the (unreferenced) idle timer to call
 * p[kOnTimeout]() after ms, replacing an earlier arming; 0 disarms it.
 * A cheap per-request keep-alive timeout: no JS timer object. */
static duk_ret_t parser_idle(duk_context* ctx) {
  parser_t* h = this_parser(ctx);
  double ms = duk_to_number(ctx, 0);
  if (!(ms > 0)) {
    if (h->idle != NULL) lode_timer_stop(&h->idle->timer);
    idle_disarm(h);
    return 0;
  }
  duk_push_this(ctx);
  if (idle_arm(ctx, h, -1, ms) != 0) return duk_error(ctx, DUK_ERR_ERROR, "out of memory");
  return 0;
}

/* Reads from a consumed handle: parse in C, call JS only for callbacks
 * and for results other than "all consumed". */
static void on_consume(void* data, const char* buf, size_t len) {
  parser_t* h = data;
  duk_context* ctx = h->ctx;
  size_t n = run(h, buf, len);
  int err = h->p.error;
  if (h->threw) return;
  if (err == LODE_HPE_OK && n == len) return;
  push_result(ctx, h, n);
  if (n < len && err != LODE_HPE_OK) {
    void* rest = lode_js_push_buffer(ctx, len - n);
    memcpy(rest, buf + n, len - n);
  } else {
    duk_push_undefined(ctx);
  }
  call_cb(h, kOnExecute, 2);
  duk_pop(ctx);
}

static duk_ret_t parser_consume(duk_context* ctx) {
  parser_t* h = this_parser(ctx);
  int r;
  if (h->handle_ref != 0) return 0;
  r = lode_stream_wrap_consume(ctx, 0, on_consume, h);
  if (r != 0) {
    duk_push_int(ctx, r);
    return 1;
  }
  h->handle_ref = lode_js_ref(ctx, 0);
  if (h->obj_ref == 0) {
    duk_push_this(ctx);
    h->obj_ref = lode_js_ref(ctx, -1);
    duk_pop(ctx);
  }
  duk_push_int(ctx, 0);
  return 1;
}

/* unconsume([stopIdle]): the handle goes back to JS reads; with true, the
 * keep-alive timer stops too (idle(0)), for a connection's close. */
static duk_ret_t parser_unconsume(duk_context* ctx) {
  parser_t* h = this_parser(ctx);
  if (duk_get_boolean_default(ctx, 0, 0)) {
    if (h->idle != NULL) lode_timer_stop(&h->idle->timer);
    idle_disarm(h);
  }
  if (h->handle_ref == 0) return 0;
  lode_js_push_ref(ctx, h->handle_ref);
  lode_stream_wrap_unconsume(ctx, -1, h);
  duk_pop(ctx);
  lode_js_unref(ctx, h->handle_ref);
  h->handle_ref = 0;
  lode_js_unref(ctx, h->obj_ref);
  h->obj_ref = 0;
  return 0;
}

/* ---- writing a response head (and body) in one writev ---- */

static char* scratch;
static size_t scratch_cap;

static int ensure_scratch(size_t n) {
  if (n > scratch_cap) {
    size_t cap = scratch_cap ? scratch_cap : 4096;
    char* nb;
    while (cap < n) cap *= 2;
    nb = realloc(scratch, cap);
    if (nb == NULL) return -1;
    scratch = nb;
    scratch_cap = cap;
  }
  return 0;
}

/* Appends the Latin-1 bytes of the string at idx (header text is
 * Latin-1 on the wire, as in Node). */
static size_t put_latin1(duk_context* ctx, duk_idx_t idx, size_t at, int* err) {
  duk_size_t blen;
  const unsigned char* s = (const unsigned char*) duk_get_lstring(ctx, idx, &blen);
  size_t i, j = at;
  if (ensure_scratch(at + blen + 4) != 0) {
    *err = 1;
    return at;
  }
  for (i = 0; i < blen;) {
    unsigned char c;
    /* ASCII, eight bytes at a time (every head in practice). */
    while (i + 8 <= blen) {
      uint64_t w;
      memcpy(&w, s + i, 8);
      if (w & UINT64_C(0x8080808080808080)) break;
      memcpy(scratch + j, &w, 8);
      i += 8;
      j += 8;
    }
    if (i >= blen) break;
    c = s[i];
    if (c < 0x80) {
      scratch[j++] = (char) c;
      i++;
    } else if ((c & 0xe0) == 0xc0 && i + 1 < blen) {
      scratch[j++] = (char) (((c & 0x1f) << 6) | (s[i + 1] & 0x3f));
      i += 2;
    } else {
      /* Beyond Latin-1: the low byte of each code unit, as Node's
       * latin1 does; approximated by skipping continuation bytes. */
      scratch[j++] = (char) c;
      i++;
    }
  }
  return j;
}

/* ---- building a message head (OutgoingMessage._buildHead in C) ---- */

/* The head is built as the bytes of a Duktape string (CESU-8; header
 * text is Latin-1, whose characters have the same bytes in CESU-8 and
 * UTF-8), in this growable buffer. */
static char* head;
static size_t head_len, head_cap;

static int head_put(const char* s, size_t n) {
  if (head_len + n > head_cap) {
    size_t cap = head_cap ? head_cap : 1024;
    char* nb;
    while (cap < head_len + n) cap *= 2;
    nb = realloc(head, cap);
    if (nb == NULL) return -1;
    head = nb;
    head_cap = cap;
  }
  memcpy(head + head_len, s, n);
  head_len += n;
  return 0;
}

static int is_token_char(unsigned char c) {
  if (c >= 'a' && c <= 'z') return 1;
  if (c >= 'A' && c <= 'Z') return 1;
  if (c >= '0' && c <= '9') return 1;
  return c != 0 && strchr("!#$%&'*+-.^_`|~", c) != NULL;
}

/* A header name as validateHeaderName accepts it. */
static int valid_name(const char* s, size_t n) {
  size_t i;
  if (n == 0) return 0;
  for (i = 0; i < n; i++)
    if (!is_token_char((unsigned char) s[i])) return 0;
  return 1;
}

/* Text (CESU-8 bytes) of U+0080..U+00FF and the ASCII characters that
 * validateHeaderValue allows in a header value (HTAB, SP..~: rule
 * TEXT_VALUE) or node allows in a request path (! to DEL: TEXT_PATH). */
enum { TEXT_VALUE, TEXT_PATH };

static int latin1_text(const char* s, size_t n, int rule) {
  size_t i;
  for (i = 0; i < n; i++) {
    unsigned char c = (unsigned char) s[i];
    if (c < 0x80) {
      if (rule == TEXT_PATH ? c <= 0x20 : c != '\t' && (c < 0x20 || c == 0x7f)) return 0;
    } else if ((c == 0xc2 || c == 0xc3) && i + 1 < n) {
      i++; /* U+0080..U+00FF: two bytes */
    } else {
      return 0;
    }
  }
  return 1;
}

/* checkToken(s), checkValue(s) and checkPath(s) (magic 0, 1, 2): the
 * character tests of validateHeaderName, validateHeaderValue and a client
 * request's path, for a string s, in C: a Duktape regexp test costs
 * several thousand instructions, and a client request made four. */
static duk_ret_t check_text(duk_context* ctx) {
  duk_size_t n;
  const char* s = duk_require_lstring(ctx, 0, &n);
  int magic = duk_get_current_magic(ctx);
  duk_push_boolean(ctx, magic == 0 ? valid_name(s, n)
                                   : latin1_text(s, n, magic == 1 ? TEXT_VALUE : TEXT_PATH));
  return 1;
}

/* The name's lower case into out (when shorter than outsz), else "". */
static void lower_name(const char* s, size_t n, char* out, size_t outsz) {
  size_t i;
  if (n >= outsz) {
    out[0] = '\0';
    return;
  }
  for (i = 0; i < n; i++) out[i] = (char) (s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
  out[n] = '\0';
}

/* Whether the comma-separated list s has the token word (any case);
 * last_only: only as its last element (the /chunked\s*$/ test). */
static int has_token(const char* s, size_t n, const char* word, int last_only) {
  size_t i = 0, wl = strlen(word);
  while (i <= n) {
    size_t a = i, b;
    while (i < n && s[i] != ',') i++;
    b = i;
    while (a < b && (s[a] == ' ' || s[a] == '\t')) a++;
    while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t')) b--;
    if (b - a == wl && strncasecmp(s + a, word, wl) == 0 && (!last_only || i >= n)) return 1;
    i++;
  }
  return 0;
}

typedef struct {
  int connection, cont_len, te, date;
  int last, keep_alive, chunked; /* flags found in the headers, 1 = set */
} head_state_t;

static int pop_bool(duk_context* ctx) {
  int v = duk_to_boolean(ctx, -1);
  duk_pop(ctx);
  return v;
}

/* Literal keys: Duktape caches their interned strings (no hashing of the
 * C string per access). set_flag writes only a changed value: most flags
 * keep their prototype's default, and every own property makes the
 * response object bigger. */
#define get_bool(ctx, obj, key) ((int) lode_get_lit_bool(ctx, obj, key))
#define set_flag(ctx, obj, key, v)                                  \
  do {                                                              \
    int v_ = (v);                                                   \
    if (get_bool(ctx, obj, key) != v_) {                            \
      duk_push_boolean(ctx, v_);                                    \
      lode_put_lit(ctx, obj, key);                                  \
    }                                                               \
  } while (0)

/* One "name: value\r\n" line, with the framing flags it implies. The
 * value is at the top of the stack (a string or a number). check: validate
 * name and value (writeHead's object); 1 when invalid. */
static int head_line(duk_context* ctx, const char* name, size_t nlen, head_state_t* st,
                     int check, int* err) {
  char lk[24];
  duk_size_t vlen;
  const char* v;
  if (check && (!valid_name(name, nlen) || !(duk_is_string(ctx, -1) || duk_is_number(ctx, -1))))
    return 1;
  v = duk_safe_to_lstring(ctx, -1, &vlen);
  if (check && !latin1_text(v, vlen, TEXT_VALUE)) return 1;
  lower_name(name, nlen, lk, sizeof(lk));
  if (lk[0] == 'c' && strcmp(lk, "connection") == 0) {
    st->connection = 1;
    if (has_token(v, vlen, "close", 0)) st->last = 1;
    else st->keep_alive = 1;
  } else if (lk[0] == 'c' && strcmp(lk, "content-length") == 0) {
    st->cont_len = 1;
  } else if (lk[0] == 't' && strcmp(lk, "transfer-encoding") == 0) {
    st->te = 1;
    if (has_token(v, vlen, "chunked", 1)) st->chunked = 1;
  } else if (lk[0] == 'd' && strcmp(lk, "date") == 0) {
    st->date = 1;
  }
  if (head_put(name, nlen) || head_put(": ", 2) || head_put(v, vlen) || head_put("\r\n", 2))
    *err = 1;
  return 0;
}

/* The lines of a value that may be an array (one line per element). */
static void head_lines(duk_context* ctx, const char* name, size_t nlen, head_state_t* st,
                       int* err) {
  duk_size_t i, n;
  if (!duk_is_array(ctx, -1)) {
    head_line(ctx, name, nlen, st, 0, err);
    return;
  }
  n = duk_get_length(ctx, -1);
  for (i = 0; i < n && !*err; i++) {
    lode_duk_get_index(ctx, -1, (duk_uarridx_t) i);
    head_line(ctx, name, nlen, st, 0, err);
    duk_pop(ctx);
  }
}

/* Appends the decimal digits of v (>= 0, integral, < 2^53). */
static int head_put_uint(double v) {
  char d[24];
  int i = (int) sizeof(d);
  unsigned long long u = (unsigned long long) v;
  do {
    d[--i] = (char) ('0' + (int) (u % 10));
    u /= 10;
  } while (u != 0);
  return head_put(d + i, sizeof(d) - (size_t) i);
}

/* Writes "%zx\r\n" of n into out (>= 20 bytes); returns the length. */
static int hex_line(char* out, size_t n) {
  char d[20];
  int i = (int) sizeof(d), len;
  do {
    d[--i] = "0123456789abcdef"[n & 15];
    n >>= 4;
  } while (n != 0);
  len = (int) sizeof(d) - i;
  memcpy(out, d + i, (size_t) len);
  out[len] = '\r';
  out[len + 1] = '\n';
  return len + 2;
}

static char date_buf[40];
static time_t date_at = (time_t) -1;

static const char* utc_date(void) {
  time_t now = time(NULL);
  if (now != date_at) {
    struct tm tm;
    static const char* days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    gmtime_r(&now, &tm);
    snprintf(date_buf, sizeof(date_buf), "%s, %02d %s %04d %02d:%02d:%02d GMT",
             days[tm.tm_wday], tm.tm_mday, months[tm.tm_mon], tm.tm_year + 1900,
             tm.tm_hour, tm.tm_min, tm.tm_sec);
    date_at = now;
  }
  return date_buf;
}

/* buildHead(msg, firstLine, extra) -> true, or false when extra holds
 * something only the JS path handles (an invalid name or value, which it
 * throws for, or an array value): then nothing was changed.
 *
 * extra: undefined, or a plain object of headers from writeHead (used
 * when msg._headers is null). msg._headers: null or { lower: [name,
 * value] } (validated by setHeader). Sets msg._header (the head, ending
 * in an empty line), _headerSent = false, _last, chunkedEncoding and
 * shouldKeepAlive as Node's _storeHeader does. */
/* The head of the message at msg (absolute index) with the first line
 * first1 + first2, and the headers of the object at extra (or none when
 * extra < 0 or not an object). 1 done, 0 for the JS path (nothing set),
 * -1 out of memory. */
static int build_head_impl(duk_context* ctx, duk_idx_t msg, const char* first1, size_t len1,
                           const char* first2, size_t len2, duk_idx_t extra) {
  head_state_t st;
  int err = 0, ska, chunked = -1, last, use_chunked;
  memset(&st, 0, sizeof(st));

  head_len = 0;
  if (head_put(first1, len1) || head_put(first2, len2) || head_put("\r\n", 2)) err = 1;
  if (!err && extra >= 0 && duk_is_object(ctx, extra)) {
    duk_idx_t keys = duk_get_top(ctx), i, n = lode_duk_push_own_keys(ctx, extra);
    for (i = 0; !err && i < n; i++) {
      duk_size_t nl;
      const char* nm = duk_get_lstring(ctx, keys + i, &nl);
      lode_duk_get_prop_at(ctx, extra, keys + i);
      if (!duk_is_undefined(ctx, -1) &&
          (nm == NULL || head_line(ctx, nm, nl, &st, 1, &err) != 0)) {
        duk_set_top(ctx, keys);
        return 0; /* the JS path validates and throws */
      }
      duk_pop(ctx);
    }
    duk_set_top(ctx, keys);
  }
  lode_get_lit(ctx, msg, "_headers");
  if (!err && duk_is_object(ctx, -1)) {
    duk_idx_t hdrs = duk_get_top_index(ctx), keys = hdrs + 1, i, n = lode_duk_push_own_keys(ctx, hdrs);
    for (i = 0; !err && i < n; i++) {
      duk_size_t nl;
      const char* nm;
      lode_duk_get_prop_at(ctx, hdrs, keys + i); /* [name, value] */
      if (!duk_is_object(ctx, -1)) { /* removed meanwhile */
        duk_pop(ctx);
        continue;
      }
      lode_duk_get_index(ctx, -1, 0);
      nm = duk_safe_to_lstring(ctx, -1, &nl);
      lode_duk_get_index(ctx, -2, 1);
      head_lines(ctx, nm, nl, &st, &err);
      duk_pop_3(ctx);
    }
    duk_set_top(ctx, keys);
  }
  duk_pop(ctx);

  last = st.last;
  if (st.keep_alive) set_flag(ctx, msg, "shouldKeepAlive", 1);
  if (st.chunked) chunked = 1;
  if (!err && !st.date && get_bool(ctx, msg, "sendDate")) {
    const char* d = utc_date();
    if (head_put("Date: ", 6) || head_put(d, strlen(d)) || head_put("\r\n", 2)) err = 1;
  }
  use_chunked = get_bool(ctx, msg, "useChunkedEncodingByDefault");
  if (!err && !st.connection) {
    ska = get_bool(ctx, msg, "shouldKeepAlive") &&
          (st.cont_len || use_chunked || get_bool(ctx, msg, "agent"));
    if (ska && get_bool(ctx, msg, "maxRequestsOnConnectionReached")) {
      if (head_put("Connection: close\r\n", 19)) err = 1;
      last = 1;
    } else if (ska) {
      double ka, mx;
      if (head_put("Connection: keep-alive\r\n", 24)) err = 1;
      lode_get_lit(ctx, msg, "_keepAliveTimeout");
      ka = duk_to_number(ctx, -1);
      lode_get_lit(ctx, msg, "_maxRequestsPerSocket");
      mx = duk_to_number(ctx, -1);
      duk_pop_2(ctx);
      if (!err && ka == ka && ka != 0 && get_bool(ctx, msg, "_defaultKeepAlive")) {
        double t = floor(ka / 1000);
        if (head_put("Keep-Alive: timeout=", 20) || (t >= 0 ? head_put_uint(t) : head_put("0", 1)))
          err = 1;
        if (!err && mx == mx && mx != 0 &&
            (head_put(", max=", 6) || (mx < 0 && head_put("-", 1)) || head_put_uint(floor(fabs(mx)))))
          err = 1;
        if (!err && head_put("\r\n", 2)) err = 1;
      }
    } else {
      last = 1;
      if (head_put("Connection: close\r\n", 19)) err = 1;
    }
  }
  if (!err && !st.cont_len && !st.te) {
    if (!get_bool(ctx, msg, "_hasBody")) {
      chunked = 0;
    } else if (!use_chunked) {
      last = 1;
    } else {
      lode_get_lit(ctx, msg, "_contentLength");
      if (duk_is_number(ctx, -1) && !get_bool(ctx, msg, "_removedContLen")) {
        double cl = duk_get_number(ctx, -1);
        if (head_put("Content-Length: ", 16) ||
            (cl >= 0 && cl < 9007199254740992.0 ? head_put_uint(floor(cl)) : head_put("0", 1)) ||
            head_put("\r\n", 2))
          err = 1;
      } else if (!get_bool(ctx, msg, "_removedTE")) {
        if (head_put("Transfer-Encoding: chunked\r\n", 28)) err = 1;
        chunked = 1;
      } else {
        last = 1;
      }
      duk_pop(ctx);
    }
  }
  if (err || head_put("\r\n", 2)) return -1;
  /* A head is built once per message (callers check _header first), so
   * _headerSent still holds its prototype default, false. */
  set_flag(ctx, msg, "_last", last); /* a CONNECT request comes with true */
  if (chunked >= 0) set_flag(ctx, msg, "chunkedEncoding", chunked);
  duk_push_lstring(ctx, head, head_len);
  lode_put_lit(ctx, msg, "_header");
  return 1;
}

static duk_ret_t build_head(duk_context* ctx) {
  duk_size_t flen;
  const char* first;
  int r;
  duk_require_object(ctx, 0);
  first = duk_require_lstring(ctx, 1, &flen);
  r = build_head_impl(ctx, 0, first, flen, "", 0, 2);
  if (r < 0) return duk_error(ctx, DUK_ERR_ERROR, "out of memory");
  duk_push_boolean(ctx, r);
  return 1;
}

/* ---- writing a response (head and body) in one writev ---- */

static int server_hooks_ref; /* setServerHooks' object, or 0 */
/* Borrowed pointers to that object and to two prototypes it holds, which
 * the ref keeps alive (duk_push_heapptr costs a fraction of a ref or a
 * property lookup; this is the per-request path). */
static void* server_hooks_ptr;
static void* request_proto_ptr;
static void* complete_request_proto_ptr;
static void* response_proto_ptr;

#define push_hooks(ctx) duk_push_heapptr(ctx, server_hooks_ptr)

/* Writes the head (a string at head_idx, or none when head_idx < 0) and
 * the body at body_idx (a string in enc 'utf8'/'latin1', a buffer, or
 * null/undefined), framed as one chunk and the last chunk when chunked,
 * with one writev; what the kernel does not take is copied into one
 * Buffer and queued for the write request at req_idx, or, when req_idx <
 * 0, for a new FastWriteReq of the response at res_idx. *total: the bytes,
 * *queued: 1 when a write was queued. 0 or an error code. */
static int write_msg(duk_context* ctx, duk_idx_t handle_idx, duk_idx_t req_idx,
                     duk_idx_t res_idx, duk_idx_t head_idx, duk_idx_t body_idx,
                     int latin1_body, int chunked, size_t* total_out, int* queued) {
  lode_stream_t* stream = lode_stream_wrap_get(ctx, handle_idx);
  size_t len = 0, body_len = 0, total, tail_len = 0;
  const char* body = NULL;
  const char* tail = NULL;
  int err = 0, r;
  lode_buf_t bufs[3];
  unsigned int nbufs, i;

  *total_out = 0;
  *queued = 0;
  if (stream == NULL) return LODE_EBADF;
  if (head_idx >= 0 && duk_is_string(ctx, head_idx)) len = put_latin1(ctx, head_idx, 0, &err);

  if (duk_is_string(ctx, body_idx)) {
    if (latin1_body) {
      /* Latin-1 bytes go into the scratch buffer after the head (and,
       * when chunked, after a size line filled in below). */
      size_t at = len + (chunked ? 20 : 0), end;
      if (ensure_scratch(at) != 0) err = 1;
      end = err ? at : put_latin1(ctx, body_idx, at, &err);
      body_len = end - at;
      if (!err && chunked) {
        char sz[24];
        int n = hex_line(sz, body_len);
        memmove(scratch + len + (size_t) n, scratch + at, body_len);
        memcpy(scratch + len, sz, (size_t) n);
        len += (size_t) n;
      }
      len += body_len;
      if (chunked) tail = body_len > 0 ? "\r\n0\r\n\r\n" : "0\r\n\r\n";
      body_len = 0;
    } else {
      body = lode_js_utf8(ctx, body_idx, &body_len);
    }
  } else if (!duk_is_null_or_undefined(ctx, body_idx)) {
    body = lode_js_get_bytes(ctx, body_idx, &body_len);
  }
  if (body != NULL && chunked) {
    if (body_len > 0) {
      char sz[24];
      int n = hex_line(sz, body_len);
      if (ensure_scratch(len + (size_t) n) != 0) {
        err = 1;
      } else {
        memcpy(scratch + len, sz, (size_t) n);
        len += (size_t) n;
      }
      tail = "\r\n0\r\n\r\n";
    } else {
      tail = "0\r\n\r\n";
    }
  } else if (body == NULL && chunked && tail == NULL) {
    tail = "0\r\n\r\n";
  }
  if (err) return LODE_ENOMEM;
  if (tail != NULL) tail_len = strlen(tail);

  nbufs = 0;
  if (len > 0) bufs[nbufs++] = lode_buf_init(scratch, (unsigned int) len);
  if (body != NULL && body_len > 0) bufs[nbufs++] = lode_buf_init((char*) body, (unsigned int) body_len);
  if (tail_len > 0) bufs[nbufs++] = lode_buf_init((char*) tail, (unsigned int) tail_len);
  total = 0;
  for (i = 0; i < nbufs; i++) total += bufs[i].len;
  *total_out = total;
  r = nbufs > 0 ? lode_try_write(stream, bufs, nbufs) : 0;
  if (r == LODE_EAGAIN || r == LODE_ENOSYS) r = 0;
  if (r < 0) return r;
  if ((size_t) r == total) return 0;
  /* Copy what is left into one Buffer and queue it. */
  {
    size_t skip = (size_t) r, rest = total - skip, off = 0;
    char* out = lode_js_push_buffer(ctx, rest);
    duk_idx_t keep = duk_get_top_index(ctx);
    for (i = 0; i < nbufs; i++) {
      size_t bl = bufs[i].len;
      if (skip >= bl) {
        skip -= bl;
        continue;
      }
      memcpy(out + off, bufs[i].base + skip, bl - skip);
      off += bl - skip;
      skip = 0;
    }
    if (req_idx < 0) {
      duk_push_object(ctx);
      push_hooks(ctx);
      lode_get_lit(ctx, -1, "fastWriteReq");
      duk_set_prototype(ctx, -3);
      duk_pop(ctx);
      duk_dup(ctx, res_idx);
      lode_put_lit(ctx, -2, "res");
      req_idx = duk_get_top_index(ctx);
    }
    bufs[0] = lode_buf_init(out, (unsigned int) rest);
    *queued = 1;
    r = lode_stream_wrap_write_req(ctx, handle_idx, req_idx, bufs, 1, keep);
    duk_set_top(ctx, keep);
    return r;
  }
}

/* writeResponse(req, handle, head, body, encoding, chunked) -> 0 or an
 * error code; sets req.bytes and req.async. */
static duk_ret_t write_response(duk_context* ctx) {
  size_t total;
  int queued, r;
  const char* enc;
  duk_require_object(ctx, 0);
  enc = duk_get_string_default(ctx, 4, "utf8");
  r = write_msg(ctx, 1, 0, -1, 2, 3, strcmp(enc, "latin1") == 0 || strcmp(enc, "binary") == 0,
                duk_to_boolean(ctx, 5), &total, &queued);
  if (r == 0) {
    duk_push_number(ctx, (double) total);
    lode_put_lit(ctx, 0, "bytes");
    duk_push_boolean(ctx, queued);
    lode_put_lit(ctx, 0, "async");
  }
  duk_push_int(ctx, r);
  return 1;
}

/* ---- ServerResponse.writeHead and end in C ----
 *
 * The common shapes run here; anything else calls the JS versions given
 * to setServerHooks({writeHead, end, finishNT, endError, fastWriteReq,
 * statusCodes}), which also throw the errors. */

/* Calls hooks[name] as a method of this with the call's arguments. */
static duk_ret_t call_slow(duk_context* ctx, const char* name, duk_idx_t n) {
  duk_idx_t i;
  push_hooks(ctx);
  duk_get_prop_string(ctx, -1, name);
  duk_push_this(ctx);
  for (i = 0; i < n; i++) duk_dup(ctx, i);
  duk_call_method(ctx, n);
  return 1;
}

/* The status line and head of res (at res_idx, absolute) for code, with
 * the reason at reason_idx (a string) or the current/default
 * statusMessage, and the headers of the object at obj_idx (< 0: none).
 * 1 done, 0 for the JS path. */
static int write_head_impl(duk_context* ctx, duk_idx_t res_idx, int code, duk_idx_t reason_idx,
                           duk_idx_t obj_idx) {
  char line[24];
  int n, r;
  duk_size_t mlen;
  const char* msg;
  if (reason_idx >= 0) {
    duk_dup(ctx, reason_idx);
    duk_dup_top(ctx);
    lode_put_lit(ctx, res_idx, "statusMessage");
  } else {
    lode_get_lit(ctx, res_idx, "statusMessage");
    duk_dup_top(ctx);
    if (!pop_bool(ctx)) {
      duk_pop(ctx);
      push_hooks(ctx);
      lode_get_lit(ctx, -1, "statusCodes");
      lode_duk_get_index(ctx, -1, (duk_uarridx_t) code);
      if (!duk_is_string(ctx, -1)) {
        duk_pop(ctx);
        duk_push_literal(ctx, "unknown");
      }
      duk_replace(ctx, -3);
      duk_pop(ctx);
      duk_dup_top(ctx);
      lode_put_lit(ctx, res_idx, "statusMessage");
    }
  }
  msg = duk_safe_to_lstring(ctx, -1, &mlen);
  lode_get_lit(ctx, res_idx, "statusCode");
  if (duk_get_number_default(ctx, -1, -1) != code) {
    duk_push_int(ctx, code);
    lode_put_lit(ctx, res_idx, "statusCode");
  }
  duk_pop(ctx);
  if (code == 204 || code == 304 || (code >= 100 && code <= 199)) set_flag(ctx, res_idx, "_hasBody", 0);
  if (get_bool(ctx, res_idx, "_expect_continue") && !get_bool(ctx, res_idx, "_sent100"))
    set_flag(ctx, res_idx, "shouldKeepAlive", 0);
  memcpy(line, "HTTP/1.1 ", 9); /* code: 100..999 */
  line[9] = (char) ('0' + code / 100);
  line[10] = (char) ('0' + code / 10 % 10);
  line[11] = (char) ('0' + code % 10);
  line[12] = ' ';
  n = 13;
  r = build_head_impl(ctx, res_idx, line, (size_t) n, msg, mlen, obj_idx);
  duk_pop(ctx); /* the message */
  if (r < 0) (void) duk_error(ctx, DUK_ERR_ERROR, "out of memory");
  return r;
}

/* res.writeHead(statusCode[, reason][, headers]) */
static duk_ret_t res_write_head(duk_context* ctx) {
  duk_idx_t n = duk_get_top(ctx), reason = -1, obj = -1, self;
  double code;
  if (n < 1 || n > 3 || !duk_is_number(ctx, 0)) return call_slow(ctx, "writeHead", n);
  code = duk_get_number(ctx, 0);
  if (code != (double) (int) code || code < 100 || code > 999) return call_slow(ctx, "writeHead", n);
  if (n >= 2 && duk_is_string(ctx, 1)) {
    reason = 1;
    if (n == 3) obj = 2;
  } else if (n >= 2) {
    if (n == 3) return call_slow(ctx, "writeHead", n);
    obj = 1;
  }
  if (obj >= 0) {
    if (duk_is_null_or_undefined(ctx, obj)) obj = -1;
    else if (!duk_is_object(ctx, obj) || duk_is_array(ctx, obj) || duk_is_function(ctx, obj))
      return call_slow(ctx, "writeHead", n);
  }
  duk_push_this(ctx);
  self = duk_get_top_index(ctx);
  if (get_bool(ctx, self, "_header") || get_bool(ctx, self, "_headers"))
    return call_slow(ctx, "writeHead", n);
  if (write_head_impl(ctx, self, (int) code, reason, obj) == 0) {
    duk_set_top(ctx, n);
    return call_slow(ctx, "writeHead", n);
  }
  duk_push_this(ctx);
  return 1;
}

/* res.end([chunk][, encoding]) when nothing went out yet, on an idle
 * socket: head and body in one writev, 'finish' on the next tick. */
static duk_ret_t res_end(duk_context* ctx) {
  duk_idx_t n = duk_get_top(ctx), self, sock, handle, w;
  int latin1 = 0, chunked, r, queued;
  size_t total;
  if (n > 2) return call_slow(ctx, "end", n);
  if (n >= 1 && !duk_is_null_or_undefined(ctx, 0) && !duk_is_string(ctx, 0) &&
      !duk_is_buffer_data(ctx, 0))
    return call_slow(ctx, "end", n);
  if (n == 2 && !duk_is_undefined(ctx, 1)) {
    const char* enc;
    if (!duk_is_string(ctx, 1)) return call_slow(ctx, "end", n);
    enc = duk_get_string(ctx, 1);
    if (strcmp(enc, "latin1") == 0) latin1 = 1;
    else if (strcmp(enc, "utf8") != 0 && strcmp(enc, "utf-8") != 0) return call_slow(ctx, "end", n);
  }
  duk_set_top(ctx, 2);
  duk_push_this(ctx);
  self = 2;
  if (get_bool(ctx, self, "finished") || get_bool(ctx, self, "_headerSent"))
    return call_slow(ctx, "end", n);
  lode_get_lit(ctx, self, "_trailer");
  if (!duk_is_string(ctx, -1) || duk_get_length(ctx, -1) != 0) return call_slow(ctx, "end", n);
  duk_pop(ctx);
  lode_get_lit(ctx, self, "socket");
  sock = 3;
  if (!duk_is_object(ctx, sock)) return call_slow(ctx, "end", n);
  lode_get_lit(ctx, sock, "_httpMessage");
  if (!duk_strict_equals(ctx, -1, self)) return call_slow(ctx, "end", n);
  duk_pop(ctx);
  if (get_bool(ctx, sock, "connecting")) return call_slow(ctx, "end", n);
  lode_get_lit(ctx, sock, "_handle");
  handle = 4;
  /* Not a stream wrap (a TLS socket's handle is its JS TLS layer): the JS path. */
  if (lode_stream_wrap_get(ctx, handle) == NULL) return call_slow(ctx, "end", n);
  lode_get_lit(ctx, sock, "_writableState");
  w = 5;
  if (!duk_is_object(ctx, w)) return call_slow(ctx, "end", n);
  lode_get_lit(ctx, w, "length");
  if (duk_get_number_default(ctx, -1, 1) != 0) return call_slow(ctx, "end", n);
  duk_pop(ctx);
  lode_get_lit(ctx, w, "writable");
  if (duk_is_boolean(ctx, -1) && !duk_get_boolean(ctx, -1)) return call_slow(ctx, "end", n);
  duk_pop(ctx);
  /* A destroyed (or errored, hence destroyed) socket has no open handle
   * any more (lode_stream_wrap_get failed above); ended implies ending. */
  if (get_bool(ctx, w, "corked") || get_bool(ctx, w, "ending")) return call_slow(ctx, "end", n);

  lode_get_lit(ctx, self, "_header"); /* 6 */
  duk_dup(ctx, 6);
  if (!pop_bool(ctx)) {
    double code;
    if (!get_bool(ctx, self, "_removedContLen")) {
      double blen = 0;
      if (duk_is_string(ctx, 0)) {
        if (latin1) {
          blen = (double) duk_get_length(ctx, 0);
        } else {
          size_t ul;
          lode_js_utf8(ctx, 0, &ul); /* may replace index 0 by its bytes */
          blen = (double) ul;
        }
      } else if (!duk_is_null_or_undefined(ctx, 0)) {
        size_t bl;
        lode_js_get_bytes(ctx, 0, &bl);
        blen = (double) bl;
      }
      duk_push_number(ctx, blen);
      lode_put_lit(ctx, self, "_contentLength");
    }
    lode_get_lit(ctx, self, "statusCode");
    code = duk_to_number(ctx, -1);
    duk_pop(ctx);
    if (code != (double) (int) code || code < 100 || code > 999 ||
        write_head_impl(ctx, self, (int) code, -1, -1) == 0) {
      duk_set_top(ctx, n);
      return call_slow(ctx, "end", n);
    }
    lode_get_lit(ctx, self, "_header");
    duk_replace(ctx, 6);
  }
  chunked = get_bool(ctx, self, "_hasBody");
  if (!chunked) {
    duk_push_undefined(ctx);
    duk_replace(ctx, 0);
  }
  chunked = chunked && get_bool(ctx, self, "chunkedEncoding");
  r = write_msg(ctx, handle, -1, self, 6, 0, latin1, chunked, &total, &queued);
  duk_pop(ctx);
  /* Both were false (checked on entry). */
  duk_push_true(ctx);
  lode_put_lit(ctx, self, "_headerSent");
  duk_push_true(ctx);
  lode_put_lit(ctx, self, "finished");
  push_hooks(ctx); /* 6 */
  if (r != 0) {
    lode_get_lit(ctx, 6, "endError");
    duk_dup(ctx, self);
    duk_push_int(ctx, r);
    duk_call(ctx, 2);
    duk_push_this(ctx);
    return 1;
  }
  lode_stream_wrap_add_written(ctx, handle, (double) total); /* socket.bytesWritten */
  if (!queued) {
    lode_get_lit(ctx, 6, "finishNT");
    duk_dup(ctx, self);
    lode_next_tick(ctx, 1);
  }
  duk_push_this(ctx);
  return 1;
}

/* duk_compact on a connection's long-lived objects: the socket, its two
 * stream states, its handle and listener table, the connection state and
 * the parser object (at the given indices). */
static void compact_connection(duk_context* ctx, duk_idx_t st, duk_idx_t sock, duk_idx_t parser) {
  static const char* const keys[] = {"_readableState", "_writableState", "_handle", "_events"};
  size_t i;
  duk_compact(ctx, st);
  lode_get_lit(ctx, st, "incoming"); /* empty now: no array part */
  if (duk_is_object(ctx, -1)) duk_compact(ctx, -1);
  duk_pop(ctx);
  duk_compact(ctx, sock);
  duk_compact(ctx, parser);
  for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
    duk_get_prop_string(ctx, sock, keys[i]);
    if (duk_is_object(ctx, -1)) duk_compact(ctx, -1);
    duk_pop(ctx);
  }
}

/* sock.writable, from its Writable state (the getter's test: the
 * state's writable not false, not destroyed, errored, ending or ended)
 * without calling the getter; the getter where there is no state. */
static int socket_writable(duk_context* ctx, duk_idx_t sock) {
  duk_idx_t w;
  int r;
  lode_get_lit(ctx, sock, "_writableState");
  w = duk_get_top_index(ctx);
  if (!duk_is_object(ctx, w)) {
    duk_pop(ctx);
    return get_bool(ctx, sock, "writable");
  }
  lode_get_lit(ctx, w, "writable");
  r = !(duk_is_boolean(ctx, -1) && !duk_get_boolean(ctx, -1));
  duk_pop(ctx);
  r = r && !get_bool(ctx, w, "destroyed") && !get_bool(ctx, w, "errored") &&
      !get_bool(ctx, w, "ending") && !get_bool(ctx, w, "ended");
  duk_pop(ctx);
  return r;
}

/* The tick after a response went out (hooks.finishNT(res)): what
 * _onFinishWrite and resOnFinish do, in C, for a response nobody listens
 * to, whose request was never read, with nothing pipelined behind it: a
 * keep-alive one arms the idle timer, the last one ends the socket;
 * anything else goes to hooks.finishSlow(res). */
static duk_ret_t res_finish_nt(duk_context* ctx) {
  duk_idx_t res = 0, st = 1, req = 2, sock = 3, inc = 4, parser = 5;
  parser_t* h;
  double ka;
  int last;
  duk_set_top(ctx, 1);
  if (get_bool(ctx, res, "_finishEmitted")) return 0;
  lode_get_lit(ctx, res, "_st");
  lode_get_lit(ctx, res, "req");
  if (!duk_is_object(ctx, st) || !duk_is_object(ctx, req)) goto slow;
  lode_get_lit(ctx, st, "socket");
  lode_get_lit(ctx, st, "incoming");
  lode_get_lit(ctx, st, "parser");
  if (!duk_is_object(ctx, sock) || !duk_is_array(ctx, inc) || !duk_is_object(ctx, parser)) goto slow;
  lode_get_lit(ctx, parser, PARSER_KEY);
  h = duk_get_pointer(ctx, -1);
  duk_pop(ctx);
  if (h == NULL) goto slow;
  if (duk_get_length(ctx, inc) != 1) goto slow;
  lode_duk_get_index(ctx, inc, 0);
  if (!duk_strict_equals(ctx, -1, res)) goto slow;
  duk_pop(ctx);
  if (get_bool(ctx, req, "_rsMade") || get_bool(ctx, res, "_events") ||
      get_bool(ctx, res, "maxRequestsOnConnectionReached") || get_bool(ctx, st, "current"))
    goto slow;
  last = get_bool(ctx, res, "_last") || !get_bool(ctx, res, "shouldKeepAlive");
  lode_get_lit(ctx, st, "outgoing");
  if (duk_get_length(ctx, -1) != 0) goto slow;
  duk_pop(ctx);
  ka = h->ka;
  if (ka < 0) { /* a request the JS path made: ask the server */
    lode_get_lit(ctx, st, "server");
    lode_get_lit(ctx, -1, "keepAliveTimeout");
    ka = duk_get_number_default(ctx, -1, 0);
    duk_pop_2(ctx);
  }

  set_flag(ctx, res, "_finishEmitted", 1);
  duk_push_int(ctx, 0);
  lode_put_lit(ctx, inc, "length");
  set_flag(ctx, req, "_dumped", 1);
  duk_push_null(ctx);
  lode_put_lit(ctx, sock, "_httpMessage");
  duk_push_null(ctx);
  lode_put_lit(ctx, res, "socket");
  if (last) {
    /* The connection's last response: resOnFinish ends the socket with
     * destroySoon (end() where there is none), or destroys it once it
     * cannot write any more. */
    if (socket_writable(ctx, sock)) {
      lode_get_lit(ctx, sock, "destroySoon");
      if (duk_is_function(ctx, -1))
        duk_push_literal(ctx, "destroySoon");
      else
        duk_push_literal(ctx, "end");
      duk_remove(ctx, -2);
    } else {
      duk_push_literal(ctx, "destroy");
    }
    duk_call_prop(ctx, sock, 0);
    return 0;
  }
  if (ka > 0 && idle_arm(ctx, h, parser, ka) != 0)
    return duk_error(ctx, DUK_ERR_ERROR, "out of memory");
  /* The first request of a connection has added what its objects keep:
   * trim their property tables to size (an idle keep-alive connection is
   * mostly these objects; later requests change values, not shapes). */
  if (h->nreq == 1) compact_connection(ctx, st, sock, parser);
  return 0;

slow:
  duk_set_top(ctx, 1);
  push_hooks(ctx);
  lode_get_lit(ctx, -1, "finishSlow");
  duk_dup(ctx, res);
  duk_call(ctx, 1);
  return 0;
}

/* A server's request in C (parserOnHeadersComplete's common case): an
 * HTTP/1.1 request that is no upgrade, with no Expect header, on a
 * connection with no response pending, a server without maxHeadersCount
 * or maxRequestsPerSocket, a socket without a timeout. req and res get
 * the same properties the JS makes, then server.emit('request', req,
 * res). 1 done, 0 for the JS path (nothing changed), -1 a listener threw.
 * The head spans are still collected (rawHeaders are pushed from them). */
static int server_request(parser_t* h, lode_http_parser_t* p, int complete, int info) {
  duk_context* ctx = h->ctx;
  duk_idx_t base = duk_get_top(ctx), st, server, sock, req, res, inc;
  double ka;
  const char* method;
  if (server_hooks_ref == 0 || h->obj_ref == 0 || (info & 2)) return 0;
  lode_js_push_ref(ctx, h->obj_ref); /* base: the parser object */
  lode_get_lit(ctx, base, "state");
  st = base + 1;
  if (!duk_is_object(ctx, st)) goto js;
  lode_get_lit(ctx, st, "server");
  server = base + 2;
  lode_get_lit(ctx, st, "socket");
  sock = base + 3;
  if (!duk_is_object(ctx, server) || !duk_is_object(ctx, sock)) goto js;
  if (get_bool(ctx, sock, "_timer") || get_bool(ctx, sock, "_httpMessage") ||
      get_bool(ctx, server, "maxHeadersCount") || get_bool(ctx, server, "maxRequestsPerSocket"))
    goto js;
  if (!(info & 1) && get_bool(ctx, server, "requireHostHeader")) goto js;
  lode_get_lit(ctx, server, "keepAliveTimeout");
  ka = duk_get_number_default(ctx, -1, 0);
  duk_pop(ctx);
  h->ka = ka; /* node's res._keepAliveTimeout: the value at request time */
  lode_get_lit(ctx, st, "incoming");
  inc = base + 4;
  if (!duk_is_array(ctx, inc)) goto js;

  /* From here on the request is taken. */
  if (h->idle_ref != 0) { /* the keep-alive timer runs */
    lode_timer_stop(&h->idle->timer);
    idle_disarm(h);
  }

  /* req */
  /* The prototype (an IncomingMessage.prototype child) carries what every
   * such request has: HTTP/1.1, no upgrade, and when complete, the end
   * still to be pushed; so these are no own properties to add. */
  lode_duk_push_object_sized(ctx, 8); /* what a request gets, made once */
  req = base + 5;
  duk_push_heapptr(ctx, complete ? complete_request_proto_ptr : request_proto_ptr);
  duk_set_prototype(ctx, req);
  duk_dup(ctx, sock);
  lode_put_lit(ctx, req, "socket");
  duk_dup(ctx, server);
  lode_put_lit(ctx, req, "_server");
  push_headers(h);
  lode_put_lit(ctx, req, "rawHeaders");
  method = lode_http_method_name(p->method);
  duk_push_string(ctx, method);
  lode_put_lit(ctx, req, "method");
  push_line(h);
  lode_put_lit(ctx, req, "url");
  if (!complete) {
    duk_dup(ctx, req);
    lode_put_lit(ctx, st, "current");
  }
  lode_get_lit(ctx, st, "requests");
  duk_push_number(ctx, duk_to_number(ctx, -1) + 1);
  lode_put_lit(ctx, st, "requests");
  duk_pop(ctx);

  /* res */
  lode_duk_push_object_sized(ctx, 12); /* what a response gets */
  res = base + 6;
  duk_push_heapptr(ctx, response_proto_ptr);
  duk_set_prototype(ctx, res);
  duk_dup(ctx, req);
  lode_put_lit(ctx, res, "req");
  if (strcmp(method, "HEAD") == 0) {
    duk_push_false(ctx);
    lode_put_lit(ctx, res, "_hasBody");
  }
  if (ka != 5000) {
    duk_push_number(ctx, ka);
    lode_put_lit(ctx, res, "_keepAliveTimeout");
  }
  if (!lode_http_should_keep_alive(p)) {
    duk_push_false(ctx);
    lode_put_lit(ctx, res, "shouldKeepAlive");
  }
  duk_dup(ctx, res);
  lode_duk_put_index(ctx, inc, (duk_uarridx_t) duk_get_length(ctx, inc));
  duk_dup(ctx, st);
  lode_put_lit(ctx, res, "_st");
  duk_dup(ctx, res);
  lode_put_lit(ctx, sock, "_httpMessage");
  duk_dup(ctx, sock);
  lode_put_lit(ctx, res, "socket");

  /* server.emit('request', req, res) */
  lode_get_lit(ctx, server, "emit");
  duk_dup(ctx, server);
  duk_push_literal(ctx, "request");
  duk_dup(ctx, req);
  duk_dup(ctx, res);
  if (lode_js_call(ctx, 3) != 0) h->threw = 1;
  duk_set_top(ctx, base);
  return h->threw ? -1 : 1;

js:
  duk_set_top(ctx, base);
  return 0;
}

/* setServerHooks(hooks): see above. */
static duk_ret_t set_server_hooks(duk_context* ctx) {
  duk_require_object(ctx, 0);
  if (server_hooks_ref != 0) lode_js_unref(ctx, server_hooks_ref);
  server_hooks_ref = lode_js_ref(ctx, 0);
  server_hooks_ptr = duk_get_heapptr(ctx, 0);
  lode_get_lit(ctx, 0, "requestProto");
  request_proto_ptr = duk_get_heapptr(ctx, -1);
  lode_get_lit(ctx, 0, "completeRequestProto");
  complete_request_proto_ptr = duk_get_heapptr(ctx, -1);
  lode_get_lit(ctx, 0, "responseProto");
  response_proto_ptr = duk_get_heapptr(ctx, -1);
  duk_pop_3(ctx);
  if (request_proto_ptr == NULL || complete_request_proto_ptr == NULL || response_proto_ptr == NULL)
    return duk_error(ctx, DUK_ERR_TYPE_ERROR, "setServerHooks: prototypes missing");
  return 0;
}

static const duk_function_list_entry parser_methods[] = {
    {"initialize", parser_initialize, 2},
    {"execute", parser_execute, 1},
    {"finish", parser_finish, 0},
    {"pause", parser_pause, 0},
    {"resume", parser_resume, 0},
    {"consume", parser_consume, 1},
    {"unconsume", parser_unconsume, 1},
    {"setHeadResponse", parser_set_head_req, 1},
    {"idle", parser_idle, 1},
    {"setServer", parser_set_server, 0},
    {"initServer", parser_init_server, 2},
    {"expired", parser_expired, 3},
    {NULL, NULL, 0}};

void lode_binding_http_parser(duk_context* ctx) {
  int m;
  duk_push_object(ctx);
  duk_push_c_function(ctx, parser_new, 0);
  duk_push_object(ctx);
  duk_put_function_list(ctx, -1, parser_methods);
  /* One finalizer for every parser: Duktape looks it up through the
   * prototype chain (the prototype itself has no parser_t: a no-op). */
  duk_push_c_function(ctx, parser_finalize, 1);
  duk_set_finalizer(ctx, -2);
  lode_put_lit(ctx, -2, "prototype");
  duk_push_int(ctx, LODE_HTTP_REQUEST);
  lode_put_lit(ctx, -2, "REQUEST");
  duk_push_int(ctx, LODE_HTTP_RESPONSE);
  lode_put_lit(ctx, -2, "RESPONSE");
  duk_push_int(ctx, kOnMessageBegin);
  lode_put_lit(ctx, -2, "kOnMessageBegin");
  duk_push_int(ctx, kOnHeaders);
  lode_put_lit(ctx, -2, "kOnHeaders");
  duk_push_int(ctx, kOnHeadersComplete);
  lode_put_lit(ctx, -2, "kOnHeadersComplete");
  duk_push_int(ctx, kOnBody);
  lode_put_lit(ctx, -2, "kOnBody");
  duk_push_int(ctx, kOnMessageComplete);
  lode_put_lit(ctx, -2, "kOnMessageComplete");
  duk_push_int(ctx, kOnExecute);
  lode_put_lit(ctx, -2, "kOnExecute");
  duk_push_int(ctx, kOnTimeout);
  lode_put_lit(ctx, -2, "kOnTimeout");
  lode_put_lit(ctx, -2, "HTTPParser");
  duk_push_array(ctx);
  for (m = 0; m < LODE_HTTP_METHOD_COUNT; m++) {
    duk_push_string(ctx, lode_http_method_name(m));
    lode_duk_put_index(ctx, -2, (duk_uarridx_t) m);
  }
  lode_put_lit(ctx, -2, "methods");
  duk_push_c_function(ctx, write_response, 6);
  lode_put_lit(ctx, -2, "writeResponse");
  duk_push_c_function(ctx, build_head, 3);
  lode_put_lit(ctx, -2, "buildHead");
  duk_push_c_function(ctx, res_write_head, DUK_VARARGS);
  lode_put_lit(ctx, -2, "resWriteHead");
  duk_push_c_function(ctx, res_end, DUK_VARARGS);
  lode_put_lit(ctx, -2, "resEnd");
  duk_push_c_function(ctx, set_server_hooks, 1);
  lode_put_lit(ctx, -2, "setServerHooks");
  duk_push_c_function(ctx, res_finish_nt, 1);
  lode_put_lit(ctx, -2, "resFinishNT");
  {
    static const char* const checks[] = {"checkToken", "checkValue", "checkPath"};
    for (m = 0; m < 3; m++) {
      duk_push_c_function(ctx, check_text, 1);
      duk_set_magic(ctx, -1, m);
      duk_put_prop_string(ctx, -2, checks[m]);
    }
  }
}
