/* test-http-parser.c — the HTTP/1.x parser (modules/http/parser.c):
 * malformed requests (request smuggling shapes included) rejected with
 * llhttp's error names, byte-at-a-time feeding giving the same result as
 * one buffer, pipelining and pausing, chunked bodies with extensions and
 * trailers, keep-alive per version, upgrade and CONNECT, responses
 * without bodies or delimited by EOF, and the header size limit. The
 * expected codes were taken from Node 20 (llhttp 9) on the same bytes. */
#include "../task.h"
#include "../../modules/http/parser.h"

/* What the callbacks saw, as text: url, "|name=value" per header (pieces
 * joined), " <hc>" at headers complete, body bytes, " <mc>" per message. */
typedef struct {
  char out[65536];
  size_t n;
  int last; /* 1 field, 2 value */
  int pause_each;
  int hc_rc;
  int messages;
} rec_t;

static void rec_add(rec_t* r, const char* s, size_t n) {
  if (r->n + n >= sizeof(r->out)) n = sizeof(r->out) - 1 - r->n;
  memcpy(r->out + r->n, s, n);
  r->n += n;
  r->out[r->n] = '\0';
}

static int on_url(lode_http_parser_t* p, const char* at, size_t n) {
  rec_t* r = p->data;
  rec_add(r, at, n);
  return 0;
}

static int on_status(lode_http_parser_t* p, const char* at, size_t n) {
  rec_t* r = p->data;
  rec_add(r, at, n);
  return 0;
}

static int on_field(lode_http_parser_t* p, const char* at, size_t n) {
  rec_t* r = p->data;
  if (r->last != 1) rec_add(r, "|", 1);
  r->last = 1;
  rec_add(r, at, n);
  return 0;
}

static int on_value(lode_http_parser_t* p, const char* at, size_t n) {
  rec_t* r = p->data;
  if (r->last != 2) rec_add(r, "=", 1);
  r->last = 2;
  rec_add(r, at, n);
  return 0;
}

static int on_headers_complete(lode_http_parser_t* p) {
  rec_t* r = p->data;
  char buf[64];
  r->last = 0;
  snprintf(buf, sizeof(buf), " <hc %d.%d %s%s>", p->http_major, p->http_minor,
           p->type == LODE_HTTP_REQUEST ? lode_http_method_name(p->method) : "",
           lode_http_should_keep_alive(p) ? " ka" : "");
  rec_add(r, buf, strlen(buf));
  return r->hc_rc;
}

static int on_body(lode_http_parser_t* p, const char* at, size_t n) {
  rec_t* r = p->data;
  rec_add(r, at, n);
  return 0;
}

static int on_message_complete(lode_http_parser_t* p) {
  rec_t* r = p->data;
  r->last = 0;
  r->messages++;
  rec_add(r, " <mc>", 5);
  if (r->pause_each) lode_http_pause(p);
  return 0;
}

static const lode_http_settings_t settings = {
    NULL, on_url, on_status, on_field, on_value, on_headers_complete,
    on_body, on_message_complete, NULL, NULL};

/* Parses data whole (bytewise = 0) or one byte per call; returns the
 * error and sets *pos to where parsing stopped. */
static int parse(lode_http_type type, const char* data, size_t len, int bytewise,
                 rec_t* r, size_t* pos) {
  lode_http_parser_t p;
  size_t i;
  memset(r, 0, sizeof(*r));
  p.data = r;
  lode_http_parser_init(&p, type, &settings);
  if (!bytewise) {
    *pos = lode_http_execute(&p, data, len);
    return p.error;
  }
  for (i = 0; i < len; i++) {
    size_t k = lode_http_execute(&p, data + i, 1);
    if (p.error != LODE_HPE_OK) {
      *pos = i + k;
      return p.error;
    }
  }
  *pos = len;
  return p.error;
}

#define H "Host: h\r\n"
#define TE "Transfer-Encoding: chunked\r\n"

static const struct {
  const char* name;
  const char* req;
  int err;
} malformed[] = {
    {"bare LF after the request line", "GET / HTTP/1.1\n" H "\r\n", LODE_HPE_INVALID_VERSION},
    {"bare LF after a header", "GET / HTTP/1.1\r\nHost: a\n\n", LODE_HPE_CR_EXPECTED},
    {"bare LF ending the head", "GET / HTTP/1.1\r\n" H "\n", LODE_HPE_INVALID_HEADER_TOKEN},
    {"bare CR between headers", "GET / HTTP/1.1\r\nHost: a\rX: b\r\n\r\n", LODE_HPE_LF_EXPECTED},
    {"bare CR in a value", "GET / HTTP/1.1\r\nX: a\rb\r\n\r\n", LODE_HPE_LF_EXPECTED},
    {"CR without LF after the request line", "GET / HTTP/1.1\rX: a\r\n\r\n", LODE_HPE_STRICT},
    {"CR without LF ending the head", "GET / HTTP/1.1\r\n" H "\rX", LODE_HPE_STRICT},
    {"Content-Length then Transfer-Encoding",
     "POST / HTTP/1.1\r\n" H "Content-Length: 3\r\n" TE "\r\n0\r\n\r\n", LODE_HPE_INVALID_TRANSFER_ENCODING},
    {"Transfer-Encoding then Content-Length",
     "POST / HTTP/1.1\r\n" H TE "Content-Length: 3\r\n\r\n0\r\n\r\n", LODE_HPE_INVALID_CONTENT_LENGTH},
    {"two differing Content-Length",
     "POST / HTTP/1.1\r\n" H "Content-Length: 3\r\nContent-Length: 4\r\n\r\nabcd", LODE_HPE_UNEXPECTED_CONTENT_LENGTH},
    {"two equal Content-Length",
     "POST / HTTP/1.1\r\n" H "Content-Length: 3\r\nContent-Length: 3\r\n\r\nabc", LODE_HPE_UNEXPECTED_CONTENT_LENGTH},
    {"Content-Length list", "POST / HTTP/1.1\r\n" H "Content-Length: 3, 3\r\n\r\nabc", LODE_HPE_INVALID_CONTENT_LENGTH},
    {"Content-Length with a letter", "POST / HTTP/1.1\r\n" H "Content-Length: 3a\r\n\r\nabc", LODE_HPE_INVALID_CONTENT_LENGTH},
    {"negative Content-Length", "POST / HTTP/1.1\r\n" H "Content-Length: -1\r\n\r\nabc", LODE_HPE_INVALID_CONTENT_LENGTH},
    {"Content-Length with a space inside", "POST / HTTP/1.1\r\n" H "Content-Length: 1 2\r\n\r\nabc", LODE_HPE_INVALID_CONTENT_LENGTH},
    {"Content-Length with a plus", "POST / HTTP/1.1\r\n" H "Content-Length: +3\r\n\r\nabc", LODE_HPE_INVALID_CONTENT_LENGTH},
    {"Content-Length overflow",
     "POST / HTTP/1.1\r\n" H "Content-Length: 99999999999999999999999\r\n\r\nabc", LODE_HPE_INVALID_CONTENT_LENGTH},
    {"empty Content-Length", "POST / HTTP/1.1\r\n" H "Content-Length: \r\n\r\nabc", LODE_HPE_INVALID_CONTENT_LENGTH},
    {"Content-Length with a trailing tab", "POST / HTTP/1.1\r\n" H "Content-Length: 3\t\r\n\r\nabc", LODE_HPE_INVALID_CONTENT_LENGTH},
    {"chunked not last", "POST / HTTP/1.1\r\n" H "Transfer-Encoding: chunked, gzip\r\n\r\n0\r\n\r\n", LODE_HPE_INVALID_TRANSFER_ENCODING},
    {"chunked then a comma", "POST / HTTP/1.1\r\n" H "Transfer-Encoding: chunked,\r\n\r\n0\r\n\r\n", LODE_HPE_INVALID_TRANSFER_ENCODING},
    {"identity coding", "POST / HTTP/1.1\r\n" H "Transfer-Encoding: identity\r\n\r\n", LODE_HPE_INVALID_TRANSFER_ENCODING},
    {"xchunked", "POST / HTTP/1.1\r\n" H "Transfer-Encoding: xchunked\r\n\r\n0\r\n\r\n", LODE_HPE_INVALID_TRANSFER_ENCODING},
    {"chunked twice", "POST / HTTP/1.1\r\n" H TE TE "\r\n0\r\n\r\n", LODE_HPE_INVALID_TRANSFER_ENCODING},
    {"chunked, then gzip in a second header",
     "POST / HTTP/1.1\r\n" H TE "Transfer-Encoding: gzip\r\n\r\n0\r\n\r\n", LODE_HPE_INVALID_TRANSFER_ENCODING},
    {"space before the colon (TE)", "POST / HTTP/1.1\r\n" H "Transfer-Encoding : chunked\r\n\r\n0\r\n\r\n", LODE_HPE_INVALID_HEADER_TOKEN},
    {"invalid chunk size", "POST / HTTP/1.1\r\n" H TE "\r\nzz\r\nabc\r\n0\r\n\r\n", LODE_HPE_INVALID_CHUNK_SIZE},
    {"chunk size overflow", "POST / HTTP/1.1\r\n" H TE "\r\nfffffffffffffffff\r\nabc\r\n0\r\n\r\n", LODE_HPE_INVALID_CHUNK_SIZE},
    {"negative chunk size", "POST / HTTP/1.1\r\n" H TE "\r\n-3\r\nabc\r\n0\r\n\r\n", LODE_HPE_INVALID_CHUNK_SIZE},
    {"space after the chunk size", "POST / HTTP/1.1\r\n" H TE "\r\n3 \r\nabc\r\n0\r\n\r\n", LODE_HPE_INVALID_CHUNK_SIZE},
    {"space before a chunk extension", "POST / HTTP/1.1\r\n" H TE "\r\n3 ;a=b\r\nabc\r\n0\r\n\r\n", LODE_HPE_INVALID_CHUNK_SIZE},
    {"empty chunk size", "POST / HTTP/1.1\r\n" H TE "\r\n\r\nabc\r\n0\r\n\r\n", LODE_HPE_INVALID_CHUNK_SIZE},
    {"bad chunk extension name", "POST / HTTP/1.1\r\n" H TE "\r\n3;a b\r\nabc\r\n0\r\n\r\n", LODE_HPE_STRICT},
    {"space after the extension semicolon", "POST / HTTP/1.1\r\n" H TE "\r\n3; a=b\r\nabc\r\n0\r\n\r\n", LODE_HPE_STRICT},
    {"CTL in a quoted extension", "POST / HTTP/1.1\r\n" H TE "\r\n3;a=\"\x01\"\r\nabc\r\n0\r\n\r\n", LODE_HPE_STRICT},
    {"chunk data longer than its size", "POST / HTTP/1.1\r\n" H TE "\r\n3\r\nabcX\r\n0\r\n\r\n", LODE_HPE_STRICT},
    {"bare LF after the chunk size", "POST / HTTP/1.1\r\n" H TE "\r\n3\nabc\n0\n\n", LODE_HPE_CR_EXPECTED},
    {"CR without LF after the chunk size", "POST / HTTP/1.1\r\n" H TE "\r\n3\rabc\r\n0\r\n\r\n", LODE_HPE_STRICT},
    {"CR without LF after chunk data", "POST / HTTP/1.1\r\n" H TE "\r\n3\r\nabc\rX0\r\n\r\n", LODE_HPE_STRICT},
    {"bad trailer name", "POST / HTTP/1.1\r\n" H TE "\r\n3\r\nabc\r\n0\r\nX T: 1\r\n\r\n", LODE_HPE_INVALID_HEADER_TOKEN},
    {"folded trailer", "POST / HTTP/1.1\r\n" H TE "\r\n0\r\nX: a\r\n b\r\n\r\n", LODE_HPE_INVALID_HEADER_TOKEN},
    {"space in a header name", "GET / HTTP/1.1\r\n" H "X Y: 1\r\n\r\n", LODE_HPE_INVALID_HEADER_TOKEN},
    {"space before the colon", "GET / HTTP/1.1\r\n" H "Host : a\r\n\r\n", LODE_HPE_INVALID_HEADER_TOKEN},
    {"empty header name", "GET / HTTP/1.1\r\n" H ": a\r\n\r\n", LODE_HPE_INVALID_HEADER_TOKEN},
    {"@ in a header name", "GET / HTTP/1.1\r\n" H "X@Y: 1\r\n\r\n", LODE_HPE_INVALID_HEADER_TOKEN},
    {"( in a header name", "GET / HTTP/1.1\r\n" H "X(Y: 1\r\n\r\n", LODE_HPE_INVALID_HEADER_TOKEN},
    {"header without a colon", "GET / HTTP/1.1\r\n" H "XY\r\n\r\n", LODE_HPE_INVALID_HEADER_TOKEN},
    {"CR LF inside a header name", "GET / HTTP/1.1\r\n" H "X\r\n: a\r\n\r\n", LODE_HPE_INVALID_HEADER_TOKEN},
    {"CTL in a value", "GET / HTTP/1.1\r\n" H "X: a\x01" "b\r\n\r\n", LODE_HPE_INVALID_HEADER_TOKEN},
    {"DEL in a value", "GET / HTTP/1.1\r\n" H "X: a\x7f" "b\r\n\r\n", LODE_HPE_INVALID_HEADER_TOKEN},
    {"obsolete line folding", "GET / HTTP/1.1\r\n" H "X: a\r\n b\r\n\r\n", LODE_HPE_INVALID_HEADER_TOKEN},
    {"obsolete folding with a tab", "GET / HTTP/1.1\r\n" H "X: a\r\n\tb\r\n\r\n", LODE_HPE_INVALID_HEADER_TOKEN},
    {"space before the first header", "GET / HTTP/1.1\r\n X: a\r\n\r\n", LODE_HPE_UNEXPECTED_SPACE},
    {"lower-case method", "get / HTTP/1.1\r\n" H "\r\n", LODE_HPE_INVALID_METHOD},
    {"unknown method", "FOO / HTTP/1.1\r\n" H "\r\n", LODE_HPE_INVALID_METHOD},
    {"partial method", "GE / HTTP/1.1\r\n" H "\r\n", LODE_HPE_INVALID_METHOD},
    {"a response sent as a request", "HTTP/1.1 200 OK\r\n\r\n", LODE_HPE_INVALID_METHOD},
    {"CTL in the url", "GET /a\x01" "b HTTP/1.1\r\n" H "\r\n", LODE_HPE_INVALID_URL},
    {"tab in the url", "GET /a\tb HTTP/1.1\r\n" H "\r\n", LODE_HPE_INVALID_URL},
    {"high byte in the url", "GET /a\xff" "b HTTP/1.1\r\n" H "\r\n", LODE_HPE_INVALID_URL},
    {"empty url", "GET  HTTP/1.1\r\n" H "\r\n", LODE_HPE_INVALID_URL},
    {"url without a slash", "GET abc HTTP/1.1\r\n" H "\r\n", LODE_HPE_INVALID_URL},
    {"HTTP/1.2", "GET / HTTP/1.2\r\n" H "\r\n", LODE_HPE_INVALID_VERSION},
    {"HTTP/3.0", "GET / HTTP/3.0\r\n" H "\r\n", LODE_HPE_INVALID_VERSION},
    {"HTTP/11", "GET / HTTP/11\r\n" H "\r\n", LODE_HPE_INVALID_VERSION},
    {"space after the version", "GET / HTTP/1.1 \r\n" H "\r\n", LODE_HPE_INVALID_VERSION},
    {"lower-case protocol", "GET / http/1.1\r\n" H "\r\n", LODE_HPE_INVALID_CONSTANT},
    {"wrong protocol", "GET / HTTX/1.1\r\n" H "\r\n", LODE_HPE_INVALID_CONSTANT},
    {"second pipelined request broken", "GET /1 HTTP/1.1\r\n" H "\r\nGET /2 HTTP/1.1\r\nX Y: z\r\n\r\n",
     LODE_HPE_INVALID_HEADER_TOKEN},
    {"data after Connection: close",
     "GET / HTTP/1.1\r\n" H "Connection: close\r\n\r\nGET /2 HTTP/1.1\r\n" H "\r\n", LODE_HPE_CLOSED_CONNECTION},
    {"HTTP/2 preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", LODE_HPE_PAUSED_H2_UPGRADE},
};

TEST_IMPL(http_parser_malformed) {
  size_t i, pos1, pos2;
  rec_t* r1 = malloc(sizeof(rec_t));
  rec_t* r2 = malloc(sizeof(rec_t));
  ASSERT_NOT_NULL(r1);
  ASSERT_NOT_NULL(r2);
  ASSERT_GE(sizeof(malformed) / sizeof(malformed[0]), 30);
  for (i = 0; i < sizeof(malformed) / sizeof(malformed[0]); i++) {
    const char* s = malformed[i].req;
    int e1 = parse(LODE_HTTP_REQUEST, s, strlen(s), 0, r1, &pos1);
    int e2 = parse(LODE_HTTP_REQUEST, s, strlen(s), 1, r2, &pos2);
    if (e1 != malformed[i].err || e2 != e1 || pos1 != pos2) {
      fprintf(stderr, "%s: got %s at %zu (bytewise %s at %zu), want %s\n", malformed[i].name,
              lode_http_errno_name(e1), pos1, lode_http_errno_name(e2), pos2,
              lode_http_errno_name(malformed[i].err));
      ASSERT(0);
    }
    ASSERT(pos1 <= strlen(s));
  }
  free(r1);
  free(r2);
  return 0;
}

static const struct {
  const char* req;
  const char* want;
} valid[] = {
    {"GET / HTTP/1.1\r\nHost: a\r\n\r\n", "/|Host=a <hc 1.1 GET ka> <mc>"},
    {"\r\nGET /x?y=1#f HTTP/1.1\r\nX:   a b  \t \r\nEmpty:\r\n\r\n", "/x?y=1#f|X=a b  \t |Empty <hc 1.1 GET ka> <mc>"},
    {"PURGE / HTTP/1.1\r\n\r\n", "/ <hc 1.1 PURGE ka> <mc>"},
    {"M-SEARCH * HTTP/1.1\r\n\r\n", "* <hc 1.1 M-SEARCH ka> <mc>"},
    {"GET http://x.com/a?b HTTP/1.1\r\n\r\n", "http://x.com/a?b <hc 1.1 GET ka> <mc>"},
    {"GET /\"<>{}|\\ HTTP/1.1\r\nX: \xff\x80\r\n\r\n", "/\"<>{}|\\|X=\xff\x80 <hc 1.1 GET ka> <mc>"},
    {"POST / HTTP/1.1\r\nContent-Length:    3 \r\n\r\nabc", "/|Content-Length=3  <hc 1.1 POST ka>abc <mc>"},
    {"POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
     "/|Transfer-Encoding=gzip, chunked <hc 1.1 POST ka>abc <mc>"},
    {"POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
     "/|Transfer-Encoding=gzip|Transfer-Encoding=chunked <hc 1.1 POST ka> <mc>"},
    {"POST / HTTP/1.1\r\nTransfer-Encoding: CHUNKED\r\n\r\nA\r\n0123456789\r\n0003\r\nabc\r\n0\r\n\r\n",
     "/|Transfer-Encoding=CHUNKED <hc 1.1 POST ka>0123456789abc <mc>"},
    {"POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
     "/|Transfer-Encoding=chunked <hc 1.0 POST>abc <mc>"},
    {"GET / HTTP/1.0\r\n\r\n", "/ <hc 1.0 GET> <mc>"},
    {"GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n", "/|Connection=keep-alive <hc 1.0 GET ka> <mc>"},
    {"GET / HTTP/1.1\r\nConnection: foo, Close\r\n\r\n", "/|Connection=foo, Close <hc 1.1 GET> <mc>"},
    {"GET /\r\n\r\n", "/ <hc 0.9 GET> <mc>"},
};

TEST_IMPL(http_parser_bytewise_same) {
  size_t i, pos1, pos2;
  rec_t* r1 = malloc(sizeof(rec_t));
  rec_t* r2 = malloc(sizeof(rec_t));
  ASSERT_NOT_NULL(r1);
  ASSERT_NOT_NULL(r2);
  for (i = 0; i < sizeof(valid) / sizeof(valid[0]); i++) {
    const char* s = valid[i].req;
    ASSERT_EQ(parse(LODE_HTTP_REQUEST, s, strlen(s), 0, r1, &pos1), LODE_HPE_OK);
    ASSERT_EQ(parse(LODE_HTTP_REQUEST, s, strlen(s), 1, r2, &pos2), LODE_HPE_OK);
    ASSERT_EQ(pos1, strlen(s));
    ASSERT_EQ(pos2, strlen(s));
    ASSERT_STR_EQ(r1->out, valid[i].want);
    ASSERT_STR_EQ(r2->out, r1->out);
  }
  free(r1);
  free(r2);
  return 0;
}

TEST_IMPL(http_parser_pipelining) {
  static const char req[] =
      "GET /1 HTTP/1.1\r\nHost: a\r\n\r\n"
      "POST /2 HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello"
      "POST /3 HTTP/1.1\r\n" TE "\r\n2\r\nhi\r\n0\r\n\r\n"
      "\r\nGET /4 HTTP/1.1\r\nConnection: close\r\n\r\n";
  rec_t* r = malloc(sizeof(rec_t));
  lode_http_parser_t p;
  size_t off = 0, k, pos;
  ASSERT_NOT_NULL(r);

  ASSERT_EQ(parse(LODE_HTTP_REQUEST, req, sizeof(req) - 1, 0, r, &pos), LODE_HPE_OK);
  ASSERT_EQ(r->messages, 4);
  ASSERT_STR_EQ(r->out,
                "/1|Host=a <hc 1.1 GET ka> <mc>/2|Content-Length=5 <hc 1.1 POST ka>hello <mc>"
                "/3|Transfer-Encoding=chunked <hc 1.1 POST ka>hi <mc>/4|Connection=close <hc 1.1 GET> <mc>");

  /* Pausing after each message: execute stops at each boundary. */
  memset(r, 0, sizeof(*r));
  r->pause_each = 1;
  p.data = r;
  lode_http_parser_init(&p, LODE_HTTP_REQUEST, &settings);
  k = lode_http_execute(&p, req, sizeof(req) - 1);
  ASSERT_EQ(p.error, LODE_HPE_PAUSED);
  ASSERT_EQ(k, strlen("GET /1 HTTP/1.1\r\nHost: a\r\n\r\n"));
  ASSERT_EQ(r->messages, 1);
  off = k;
  while (off < sizeof(req) - 1) {
    lode_http_resume(&p);
    k = lode_http_execute(&p, req + off, sizeof(req) - 1 - off);
    off += k;
    ASSERT(p.error == LODE_HPE_PAUSED || p.error == LODE_HPE_OK);
  }
  ASSERT_EQ(r->messages, 4);
  /* After Connection: close only CR/LF may follow. */
  lode_http_resume(&p);
  ASSERT_EQ(lode_http_execute(&p, "\r\n", 2), 2);
  ASSERT_EQ(lode_http_execute(&p, "G", 1), 0);
  ASSERT_EQ(p.error, LODE_HPE_CLOSED_CONNECTION);
  free(r);
  return 0;
}

static int chunks_seen;
static uint64_t chunk_sizes[8];

static int on_chunk_header(lode_http_parser_t* p) {
  if (chunks_seen < 8) chunk_sizes[chunks_seen] = p->content_length;
  chunks_seen++;
  return 0;
}

TEST_IMPL(http_parser_chunked_trailers) {
  static const char req[] =
      "POST /up HTTP/1.1\r\nTransfer-Encoding: chunked\r\nTrailer: X-Sum\r\n\r\n"
      "5;name=value;q=\"a \\\"b\\\" c\"\r\nhello\r\n"
      "1a\r\nabcdefghijklmnopqrstuvwxyz\r\n"
      "0;last\r\nX-Sum: 42\r\nX-Other:  two words \r\n\r\n";
  lode_http_settings_t st = settings;
  rec_t* r = malloc(sizeof(rec_t));
  lode_http_parser_t p;
  size_t i;
  ASSERT_NOT_NULL(r);
  st.on_chunk_header = on_chunk_header;
  for (i = 0; i < 2; i++) {
    memset(r, 0, sizeof(*r));
    chunks_seen = 0;
    p.data = r;
    lode_http_parser_init(&p, LODE_HTTP_REQUEST, &st);
    if (i == 0) {
      ASSERT_EQ(lode_http_execute(&p, req, sizeof(req) - 1), sizeof(req) - 1);
    } else {
      size_t j;
      for (j = 0; j < sizeof(req) - 1; j++) ASSERT_EQ(lode_http_execute(&p, req + j, 1), 1);
    }
    ASSERT_EQ(p.error, LODE_HPE_OK);
    ASSERT_STR_EQ(r->out,
                  "/up|Transfer-Encoding=chunked|Trailer=X-Sum <hc 1.1 POST ka>"
                  "helloabcdefghijklmnopqrstuvwxyz|X-Sum=42|X-Other=two words  <mc>");
    ASSERT_EQ(chunks_seen, 3);
    ASSERT_UINT64_EQ(chunk_sizes[0], 5);
    ASSERT_UINT64_EQ(chunk_sizes[1], 26);
    ASSERT_UINT64_EQ(chunk_sizes[2], 0);
  }
  /* The largest 64-bit chunk size is accepted; one more digit is not. */
  lode_http_parser_init(&p, LODE_HTTP_REQUEST, &st);
  {
    static const char big[] = "POST / HTTP/1.1\r\n" TE "\r\nffffffffffffffff\r\nab";
    ASSERT_EQ(lode_http_execute(&p, big, sizeof(big) - 1), sizeof(big) - 1);
    ASSERT_EQ(p.error, LODE_HPE_OK);
    ASSERT_EQ(lode_http_finish(&p), LODE_HPE_INVALID_EOF_STATE);
  }
  free(r);
  return 0;
}

TEST_IMPL(http_parser_limits) {
  rec_t* r = malloc(sizeof(rec_t));
  size_t n = 20000, pos;
  char* big = malloc(n + 64);
  lode_http_parser_t p;
  ASSERT_NOT_NULL(r);
  ASSERT_NOT_NULL(big);

  /* A 17,000-byte value overflows the 16 KiB default. */
  strcpy(big, "GET / HTTP/1.1\r\nX: ");
  memset(big + strlen(big), 'a', 17000);
  strcpy(big + 19 + 17000, "\r\n\r\n");
  ASSERT_EQ(parse(LODE_HTTP_REQUEST, big, strlen(big), 0, r, &pos), LODE_HPE_HEADER_OVERFLOW);
  ASSERT_EQ(parse(LODE_HTTP_REQUEST, big, strlen(big), 1, r, &pos), LODE_HPE_HEADER_OVERFLOW);
  /* 16,300 bytes fit. */
  strcpy(big + 19 + 16300, "\r\n\r\n");
  ASSERT_EQ(parse(LODE_HTTP_REQUEST, big, strlen(big), 0, r, &pos), LODE_HPE_OK);
  /* The limit is configurable, and counts the url too. */
  memset(r, 0, sizeof(*r));
  p.data = r;
  lode_http_parser_init(&p, LODE_HTTP_REQUEST, &settings);
  p.max_header_size = 100;
  ASSERT_LT(lode_http_execute(&p, big, strlen(big)), strlen(big));
  ASSERT_EQ(p.error, LODE_HPE_HEADER_OVERFLOW);
  strcpy(big, "GET /");
  memset(big + 5, 'u', 200);
  strcpy(big + 205, " HTTP/1.1\r\n\r\n");
  lode_http_parser_init(&p, LODE_HTTP_REQUEST, &settings);
  p.max_header_size = 100;
  lode_http_execute(&p, big, strlen(big));
  ASSERT_EQ(p.error, LODE_HPE_HEADER_OVERFLOW);
  /* Unlimited. */
  lode_http_parser_init(&p, LODE_HTTP_REQUEST, &settings);
  p.max_header_size = 0;
  ASSERT_EQ(lode_http_execute(&p, big, strlen(big)), strlen(big));
  ASSERT_EQ(p.error, LODE_HPE_OK);
  /* The limit is per message: many small pipelined heads pass. */
  {
    char* many = malloc(40 * 1000 + 1);
    int i;
    ASSERT_NOT_NULL(many);
    many[0] = '\0';
    for (i = 0; i < 1000; i++) strcat(many, "GET / HTTP/1.1\r\nX-Pad: 0123456789\r\n\r\n");
    ASSERT_EQ(parse(LODE_HTTP_REQUEST, many, strlen(many), 0, r, &pos), LODE_HPE_OK);
    ASSERT_EQ(r->messages, 1000);
    free(many);
  }
  free(big);
  free(r);
  return 0;
}

static int head_cb(lode_http_parser_t* p) {
  (void) p;
  return 1;
}

TEST_IMPL(http_parser_responses) {
  rec_t* r = malloc(sizeof(rec_t));
  lode_http_parser_t p;
  size_t pos;
  static const char two[] =
      "HTTP/1.1 100 Continue\r\n\r\n"
      "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
      "HTTP/1.1 204 No Content\r\n\r\n"
      "HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n"
      "HTTP/1.1 404 Not Found\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx\r\n0\r\n\r\n";
  static const char eof[] = "HTTP/1.0 200 OK\r\nServer: s\r\n\r\nall of this until EOF";
  ASSERT_NOT_NULL(r);

  ASSERT_EQ(parse(LODE_HTTP_RESPONSE, two, sizeof(two) - 1, 0, r, &pos), LODE_HPE_OK);
  ASSERT_STR_EQ(r->out,
                "Continue <hc 1.1  ka> <mc>OK|Content-Length=2 <hc 1.1  ka>ok <mc>"
                "No Content <hc 1.1  ka> <mc>Not Modified|Content-Length=10 <hc 1.1  ka> <mc>"
                "Not Found|Transfer-Encoding=chunked <hc 1.1  ka>x <mc>");

  /* Delimited by EOF: complete on finish, not keep-alive. */
  memset(r, 0, sizeof(*r));
  p.data = r;
  lode_http_parser_init(&p, LODE_HTTP_RESPONSE, &settings);
  ASSERT_EQ(lode_http_execute(&p, eof, sizeof(eof) - 1), sizeof(eof) - 1);
  ASSERT_EQ(r->messages, 0);
  ASSERT_EQ(lode_http_should_keep_alive(&p), 0);
  ASSERT_EQ(lode_http_finish(&p), 0);
  ASSERT_EQ(r->messages, 1);
  ASSERT_STR_EQ(r->out, "OK|Server=s <hc 1.0 >all of this until EOF <mc>");

  /* A response to HEAD: the callback says there is no body. */
  {
    lode_http_settings_t st = settings;
    static const char head[] = "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";
    st.on_headers_complete = head_cb;
    memset(r, 0, sizeof(*r));
    p.data = r;
    lode_http_parser_init(&p, LODE_HTTP_RESPONSE, &st);
    ASSERT_EQ(lode_http_execute(&p, head, sizeof(head) - 1), sizeof(head) - 1);
    ASSERT_EQ(r->messages, 2);
  }

  /* Cut short: an error at EOF. */
  lode_http_parser_init(&p, LODE_HTTP_RESPONSE, &settings);
  lode_http_execute(&p, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nab", 41);
  ASSERT_EQ(lode_http_finish(&p), LODE_HPE_INVALID_EOF_STATE);

  /* Bad status lines. */
  ASSERT_EQ(parse(LODE_HTTP_RESPONSE, "HTTP/1.1 2x0 OK\r\n\r\n", 19, 0, r, &pos), LODE_HPE_INVALID_STATUS);
  ASSERT_EQ(parse(LODE_HTTP_RESPONSE, "HTTP/1.1 200 OK\n\r\n", 18, 0, r, &pos), LODE_HPE_CR_EXPECTED);
  ASSERT_EQ(parse(LODE_HTTP_RESPONSE, "XTTP/1.1 200 OK\r\n\r\n", 19, 0, r, &pos), LODE_HPE_INVALID_CONSTANT);
  free(r);
  return 0;
}

TEST_IMPL(http_parser_upgrade) {
  rec_t* r = malloc(sizeof(rec_t));
  lode_http_parser_t p;
  static const char up[] =
      "GET /chat HTTP/1.1\r\nConnection: keep-alive, Upgrade\r\nUpgrade: websocket\r\n\r\n\x81\x05hello";
  static const char conn[] = "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\nTLS bytes";
  size_t k;
  ASSERT_NOT_NULL(r);

  memset(r, 0, sizeof(*r));
  p.data = r;
  lode_http_parser_init(&p, LODE_HTTP_REQUEST, &settings);
  k = lode_http_execute(&p, up, sizeof(up) - 1);
  ASSERT_EQ(p.error, LODE_HPE_PAUSED_UPGRADE);
  ASSERT_EQ(p.upgrade, 1);
  ASSERT_EQ(k, sizeof(up) - 1 - 7);
  ASSERT_EQ(r->messages, 1);
  /* Stays upgraded. */
  lode_http_resume(&p);
  ASSERT_EQ(lode_http_execute(&p, up + k, 7), 0);
  ASSERT_EQ(p.error, LODE_HPE_PAUSED_UPGRADE);

  memset(r, 0, sizeof(*r));
  lode_http_parser_init(&p, LODE_HTTP_REQUEST, &settings);
  k = lode_http_execute(&p, conn, sizeof(conn) - 1);
  ASSERT_EQ(p.error, LODE_HPE_PAUSED_UPGRADE);
  ASSERT_EQ(k, sizeof(conn) - 1 - 9);
  ASSERT_EQ(p.method, LODE_HTTP_CONNECT);
  ASSERT_STR_EQ(r->out, "example.com:443|Host=example.com:443 <hc 1.1 CONNECT ka> <mc>");

  /* Upgrade header without Connection: upgrade is a plain request. */
  memset(r, 0, sizeof(*r));
  lode_http_parser_init(&p, LODE_HTTP_REQUEST, &settings);
  k = lode_http_execute(&p, "GET / HTTP/1.1\r\nUpgrade: x\r\n\r\n", 30);
  ASSERT_EQ(p.error, LODE_HPE_OK);
  ASSERT_EQ(p.upgrade, 0);
  free(r);
  return 0;
}
