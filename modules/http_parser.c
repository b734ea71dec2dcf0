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
 *                        complete)
 *       rawHeaders is [name, value, ...] (Latin-1 strings, values with
 *       surrounding whitespace removed); method an index in methods;
 *       complete = true when the message has no body: no
 *       kOnMessageComplete follows (one JS call per bodyless request).
 *       May return 1 (no body) or 2 (upgrade) for responses.
 *   [kOnHeaders](rawTrailers)   before kOnMessageComplete, with trailers
 *   [kOnBody](buffer)           a fresh Buffer per piece
 *   [kOnMessageComplete]()
 *   [kOnExecute](ret, rest)     see consume
 *
 *   writeResponse(req, handle, statusLine, rawHeaders, body, encoding)
 *       writes statusLine + "\r\n" + "name: value\r\n"... + "\r\n" and
 *       body (a string in encoding 'utf8'/'latin1', a Buffer, or
 *       undefined) with one writev from a scratch buffer; only what the
 *       kernel does not take is copied (into one Buffer) and queued. req
 *       is a write request as for stream_wrap's writeBuffer. Returns 0 or
 *       an error code.
 */
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "http/parser.h"
#include "stream_wrap.h"

enum {
  kOnMessageBegin = 0,
  kOnHeaders = 1,
  kOnHeadersComplete = 2,
  kOnBody = 3,
  kOnMessageComplete = 4,
  kOnExecute = 5
};

/* The head being collected: bytes of url/status/names/values and the
 * spans into them (copied: the input buffer goes away between calls). */
typedef struct {
  unsigned int off, len;
  int kind; /* 1 url or status text, 2 name, 3 value */
} span_t;

typedef struct {
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
} parser_t;

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
  duk_push_array(ctx);
  for (i = 0; i < h->nspans; i++) {
    const char* s = h->buf + h->spans[i].off;
    size_t n = h->spans[i].len;
    if (h->spans[i].kind == 1) continue;
    if (h->spans[i].kind == 3) {
      while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
    } else if (k % 2 == 1) {
      duk_push_string(ctx, "");
      duk_put_prop_index(ctx, -2, k++);
    }
    push_latin1(ctx, s, n);
    duk_put_prop_index(ctx, -2, k++);
  }
  if (k % 2 == 1) {
    duk_push_string(ctx, "");
    duk_put_prop_index(ctx, -2, k++);
  }
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
  duk_get_prop_index(ctx, -1, (duk_uarridx_t) k); /* [ ... args obj fn ] */
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

static int cb_message_begin(lode_http_parser_t* p) {
  parser_t* h = p->data;
  reset_head(h);
  h->complete_sent = 0;
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

static int cb_headers_complete(lode_http_parser_t* p) {
  parser_t* h = p->data;
  duk_context* ctx = h->ctx;
  int complete, rc = 0;
  int req = p->type == LODE_HTTP_REQUEST;

  complete = lode_http_body_is_final(p);
  if (!req && h->head_req != 0) complete = 1;
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
  reset_head(h);
  h->complete_sent = complete;
  call_cb(h, kOnHeadersComplete, 10);
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
  duk_get_prop_string(ctx, -1, PARSER_KEY);
  h = duk_get_pointer(ctx, -1);
  duk_pop_2(ctx);
  if (h == NULL) (void) duk_error(ctx, DUK_ERR_ERROR, "HTTPParser is closed");
  return h;
}

static duk_ret_t parser_finalize(duk_context* ctx) {
  parser_t* h;
  duk_get_prop_string(ctx, 0, PARSER_KEY);
  h = duk_get_pointer(ctx, -1);
  if (h != NULL) {
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
  duk_put_prop_string(ctx, -2, PARSER_KEY);
  duk_push_c_function(ctx, parser_finalize, 1);
  duk_set_finalizer(ctx, -2);
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
  duk_put_prop_string(ctx, -2, "code");
  duk_push_string(ctx, h->p.reason != NULL ? h->p.reason : "");
  duk_put_prop_string(ctx, -2, "reason");
  duk_push_number(ctx, (double) consumed);
  duk_put_prop_string(ctx, -2, "bytesParsed");
  if (err == LODE_HPE_PAUSED_UPGRADE) {
    duk_push_true(ctx);
    duk_put_prop_string(ctx, -2, "upgrade");
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

static duk_ret_t parser_set_head_req(duk_context* ctx) {
  this_parser(ctx)->head_req = duk_get_int_default(ctx, 0, 0);
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

static duk_ret_t parser_unconsume(duk_context* ctx) {
  parser_t* h = this_parser(ctx);
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
  for (i = 0; i < blen; i++) {
    unsigned char c = s[i];
    if (c < 0x80) {
      scratch[j++] = (char) c;
    } else if ((c & 0xe0) == 0xc0 && i + 1 < blen) {
      scratch[j++] = (char) (((c & 0x1f) << 6) | (s[i + 1] & 0x3f));
      i++;
    } else {
      /* Beyond Latin-1: the low byte of each code unit, as Node's
       * latin1 does; approximated by skipping continuation bytes. */
      scratch[j++] = (char) c;
    }
  }
  return j;
}

static duk_ret_t write_response(duk_context* ctx) {
  /* [ req handle statusLine rawHeaders body encoding ] */
  lode_stream_t* stream = lode_stream_wrap_get(ctx, 1);
  size_t len = 0, body_len = 0, i, n, total;
  const char* body = NULL;
  int err = 0, r;
  lode_buf_t bufs[2];
  unsigned int nbufs;

  if (stream == NULL) {
    duk_push_int(ctx, LODE_EBADF);
    return 1;
  }
  duk_require_object(ctx, 0);
  duk_to_string(ctx, 2);
  len = put_latin1(ctx, 2, 0, &err);
  if (ensure_scratch(len + 2) != 0) err = 1;
  if (!err) {
    scratch[len++] = '\r';
    scratch[len++] = '\n';
  }
  n = duk_is_array(ctx, 3) ? duk_get_length(ctx, 3) : 0;
  for (i = 0; i + 1 < n && !err; i += 2) {
    duk_get_prop_index(ctx, 3, (duk_uarridx_t) i);
    duk_to_string(ctx, -1);
    len = put_latin1(ctx, -1, len, &err);
    duk_pop(ctx);
    if (ensure_scratch(len + 2) != 0) break;
    scratch[len++] = ':';
    scratch[len++] = ' ';
    duk_get_prop_index(ctx, 3, (duk_uarridx_t) (i + 1));
    duk_to_string(ctx, -1);
    len = put_latin1(ctx, -1, len, &err);
    duk_pop(ctx);
    if (ensure_scratch(len + 2) != 0) break;
    scratch[len++] = '\r';
    scratch[len++] = '\n';
  }
  if (err || ensure_scratch(len + 2) != 0) {
    duk_push_int(ctx, LODE_ENOMEM);
    return 1;
  }
  scratch[len++] = '\r';
  scratch[len++] = '\n';

  if (duk_is_string(ctx, 4)) {
    const char* enc = duk_get_string_default(ctx, 5, "utf8");
    if (strcmp(enc, "latin1") == 0 || strcmp(enc, "binary") == 0) {
      size_t start = len;
      size_t end = put_latin1(ctx, 4, len, &err);
      if (err) {
        duk_push_int(ctx, LODE_ENOMEM);
        return 1;
      }
      /* Body bytes right after the head in the scratch buffer. */
      len = end;
      (void) start;
    } else {
      body = lode_js_utf8(ctx, 4, &body_len);
    }
  } else if (!duk_is_null_or_undefined(ctx, 4)) {
    body = lode_js_get_bytes(ctx, 4, &body_len);
  }

  bufs[0] = lode_buf_init(scratch, (unsigned int) len);
  nbufs = 1;
  if (body != NULL && body_len > 0) {
    bufs[1] = lode_buf_init((char*) body, (unsigned int) body_len);
    nbufs = 2;
  }
  total = len + (nbufs == 2 ? body_len : 0);
  r = lode_try_write(stream, bufs, nbufs);
  if (r == LODE_EAGAIN || r == LODE_ENOSYS) r = 0;
  if (r < 0) {
    duk_push_int(ctx, r);
    return 1;
  }
  if ((size_t) r == total) {
    duk_push_number(ctx, (double) total);
    duk_put_prop_string(ctx, 0, "bytes");
    duk_push_false(ctx);
    duk_put_prop_string(ctx, 0, "async");
    duk_push_int(ctx, 0);
    return 1;
  }
  /* Copy what is left into one Buffer and queue it. */
  {
    size_t done = (size_t) r, rest = total - done, off = 0;
    char* out = lode_js_push_buffer(ctx, rest); /* index 6 */
    if (done < len) {
      memcpy(out, scratch + done, len - done);
      off = len - done;
      done = 0;
    } else {
      done -= len;
    }
    if (nbufs == 2) memcpy(out + off, body + done, body_len - done);
    bufs[0] = lode_buf_init(out, (unsigned int) rest);
    r = lode_stream_wrap_write(ctx, 1, bufs, 1, -1);
    duk_push_number(ctx, (double) total);
    duk_put_prop_string(ctx, 0, "bytes");
    duk_push_int(ctx, r);
    return 1;
  }
}

static const duk_function_list_entry parser_methods[] = {
    {"initialize", parser_initialize, 2},
    {"execute", parser_execute, 1},
    {"finish", parser_finish, 0},
    {"pause", parser_pause, 0},
    {"resume", parser_resume, 0},
    {"consume", parser_consume, 1},
    {"unconsume", parser_unconsume, 0},
    {"setHeadResponse", parser_set_head_req, 1},
    {NULL, NULL, 0}};

void lode_binding_http_parser(duk_context* ctx) {
  int m;
  duk_push_object(ctx);
  duk_push_c_function(ctx, parser_new, 0);
  duk_push_object(ctx);
  duk_put_function_list(ctx, -1, parser_methods);
  duk_put_prop_string(ctx, -2, "prototype");
  duk_push_int(ctx, LODE_HTTP_REQUEST);
  duk_put_prop_string(ctx, -2, "REQUEST");
  duk_push_int(ctx, LODE_HTTP_RESPONSE);
  duk_put_prop_string(ctx, -2, "RESPONSE");
  duk_push_int(ctx, kOnMessageBegin);
  duk_put_prop_string(ctx, -2, "kOnMessageBegin");
  duk_push_int(ctx, kOnHeaders);
  duk_put_prop_string(ctx, -2, "kOnHeaders");
  duk_push_int(ctx, kOnHeadersComplete);
  duk_put_prop_string(ctx, -2, "kOnHeadersComplete");
  duk_push_int(ctx, kOnBody);
  duk_put_prop_string(ctx, -2, "kOnBody");
  duk_push_int(ctx, kOnMessageComplete);
  duk_put_prop_string(ctx, -2, "kOnMessageComplete");
  duk_push_int(ctx, kOnExecute);
  duk_put_prop_string(ctx, -2, "kOnExecute");
  duk_put_prop_string(ctx, -2, "HTTPParser");
  duk_push_array(ctx);
  for (m = 0; m < LODE_HTTP_METHOD_COUNT; m++) {
    duk_push_string(ctx, lode_http_method_name(m));
    duk_put_prop_index(ctx, -2, (duk_uarridx_t) m);
  }
  duk_put_prop_string(ctx, -2, "methods");
  duk_push_c_function(ctx, write_response, 6);
  duk_put_prop_string(ctx, -2, "writeResponse");
}
