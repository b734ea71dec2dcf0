/*
 * parser.c — the incremental HTTP/1.x parser (layer: modules/, pure C).
 * The contract is in parser.h.
 *
 * One state machine over bytes. Spans (url, status text, header names and
 * values, body) are found with tight loops and handed to the callbacks as
 * pointers into the input; a span cut by the end of the input is handed
 * over as far as it goes and continues on the next call. The four headers
 * the parser itself must understand (Content-Length, Transfer-Encoding,
 * Connection, Upgrade) are recognised from the lower-cased first bytes of
 * the name and their values read byte by byte; every other value only
 * gets validated.
 */
#include "parser.h"

#include <string.h>

enum state {
  S_DEAD = 0,
  S_START,        /* before a message: CRLF between messages allowed */
  S_CLOSED,       /* after a message without keep-alive */
  S_METHOD,
  S_SPACES_BEFORE_URL,
  S_URL_START,
  S_URL_SCHEME,
  S_URL,
  S_SPACES_BEFORE_VERSION,
  S_PROTO,        /* "HTTP/" */
  S_MAJOR,
  S_DOT,
  S_MINOR,
  S_REQ_LINE_END, /* after the version: CR */
  S_REQ_LINE_LF,
  S_RES_SPACE,    /* responses: after the version */
  S_RES_STATUS,
  S_RES_AFTER_STATUS,
  S_RES_REASON,
  S_RES_LINE_LF,
  S_LINE_START,   /* the first byte of a header line or the final CRLF */
  S_FIELD,
  S_VALUE_WS,     /* leading whitespace of a value */
  S_VALUE,
  S_VALUE_LF,
  S_HEADERS_LF,   /* the CR of the empty line came */
  S_BODY_IDENTITY,
  S_BODY_EOF,
  S_CHUNK_SIZE_START,
  S_CHUNK_SIZE,
  S_CHUNK_EXT_NAME_START,
  S_CHUNK_EXT_NAME,
  S_CHUNK_EXT_VALUE_START,
  S_CHUNK_EXT_VALUE,
  S_CHUNK_EXT_QUOTED,
  S_CHUNK_EXT_QUOTED_ESC,
  S_CHUNK_EXT_AFTER_QUOTED,
  S_CHUNK_SIZE_LF,
  S_CHUNK_DATA,
  S_CHUNK_DATA_CR,
  S_CHUNK_DATA_LF,
  S_UPGRADED      /* paused for good: the rest is another protocol */
};

/* Header kinds (p->hkind). */
enum { H_OTHER = 0, H_CONTENT_LENGTH, H_TRANSFER_ENCODING, H_CONNECTION, H_UPGRADE };

/* Value sub-states (p->vstate). */
enum {
  V_CL_START = 0, V_CL_DIGITS, V_CL_SPACES,         /* Content-Length */
  V_TOK_START = 10, V_TOK, V_TOK_END, V_TOK_BAD      /* token lists */
};

static const char* const errno_names[] = {
#define XX(n, name) [n] = "HPE_" #name,
    LODE_HTTP_ERRNO_MAP(XX)
#undef XX
};

static const char* const method_names[] = {
#define XX(n, name) [n] = #name,
    LODE_HTTP_METHOD_MAP(XX)
#undef XX
};

const char* lode_http_errno_name(int err) {
  if (err < 0 || err >= (int) (sizeof(errno_names) / sizeof(errno_names[0])) ||
      errno_names[err] == NULL)
    return "HPE_UNKNOWN";
  return errno_names[err];
}

const char* lode_http_method_name(int method) {
  if (method < 0 || method >= LODE_HTTP_METHOD_COUNT) return NULL;
  if (method == LODE_HTTP_M_SEARCH) return "M-SEARCH";
  return method_names[method];
}

/* tchar (RFC 9110): ! # $ % & ' * + - . ^ _ ` | ~ DIGIT ALPHA */
static unsigned char token_table[256];
/* Header value bytes: HTAB, SP..~, obs-text. */
static unsigned char value_table[256];
/* URL bytes (strict): ! .. ~ */
static unsigned char url_table[256];
static int tables_ready;

static void init_tables(void) {
  int c;
  const char* extra = "!#$%&'*+-.^_`|~";
  for (c = 0; c < 256; c++) {
    token_table[c] = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
                     (c >= 'A' && c <= 'Z') || (c != 0 && strchr(extra, c) != NULL);
    value_table[c] = c == '\t' || (c >= 0x20 && c != 0x7f);
    url_table[c] = c > 0x20 && c < 0x7f;
  }
  tables_ready = 1;
}

void lode_http_parser_init(lode_http_parser_t* p, lode_http_type type,
                           const lode_http_settings_t* settings) {
  void* data = p->data;
  if (!tables_ready) init_tables();
  memset(p, 0, sizeof(*p));
  p->data = data;
  p->type = (unsigned char) type;
  p->settings = settings;
  p->max_header_size = LODE_HTTP_DEFAULT_MAX_HEADER_SIZE;
  p->state = S_START;
}

void lode_http_pause(lode_http_parser_t* p) {
  p->paused = 1;
}

void lode_http_resume(lode_http_parser_t* p) {
  if (p->error == LODE_HPE_PAUSED || p->error == LODE_HPE_PAUSED_UPGRADE) {
    p->error = LODE_HPE_OK;
    p->reason = NULL;
  }
  p->paused = 0;
}

/* Whether the message ends only when the connection does. */
static int needs_eof(const lode_http_parser_t* p) {
  if (p->type == LODE_HTTP_REQUEST) return 0;
  if (p->status_code / 100 == 1 || p->status_code == 204 || p->status_code == 304 ||
      (p->flags & LODE_HTTP_F_SKIPBODY))
    return 0;
  if ((p->flags & LODE_HTTP_F_TRANSFER_ENCODING) && !(p->flags & LODE_HTTP_F_CHUNKED))
    return 1;
  if (p->flags & (LODE_HTTP_F_CHUNKED | LODE_HTTP_F_CONTENT_LENGTH)) return 0;
  return 1;
}

int lode_http_should_keep_alive(const lode_http_parser_t* p) {
  if (p->http_major > 0 && p->http_minor > 0) {
    if (p->flags & LODE_HTTP_F_CONN_CLOSE) return 0;
  } else if (p->http_major < 1 || !(p->flags & LODE_HTTP_F_CONN_KEEP_ALIVE)) {
    return 0;
  }
  return !needs_eof(p);
}

int lode_http_body_is_final(const lode_http_parser_t* p) {
  if (p->type == LODE_HTTP_REQUEST) {
    if (p->method == LODE_HTTP_CONNECT) return 1;
    if (p->flags & LODE_HTTP_F_CHUNKED) return 0;
    return !(p->flags & LODE_HTTP_F_CONTENT_LENGTH) || p->content_length == 0;
  }
  if (needs_eof(p) || (p->flags & LODE_HTTP_F_CHUNKED)) return 0;
  if (p->status_code / 100 == 1 || p->status_code == 204 || p->status_code == 304)
    return 1;
  return (p->flags & LODE_HTTP_F_CONTENT_LENGTH) && p->content_length == 0;
}

/* ---- the machine ---- */

#define FAIL(code, why)        \
  do {                         \
    p->error = LODE_HPE_##code; \
    p->reason = why;           \
    p->state = S_DEAD;         \
    return (size_t) (s - data); \
  } while (0)

/* Calls a data callback for [from, to). */
#define EMIT(cb, from, to)                                                   \
  do {                                                                       \
    if (p->settings->cb != NULL && (to) > (from) &&                          \
        p->settings->cb(p, (from), (size_t) ((to) - (from))) != 0)           \
      FAIL(USER, "User callback error");                                     \
  } while (0)

/* Calls a notification callback. */
#define NOTIFY(cb, code)                                           \
  do {                                                             \
    if (p->settings->cb != NULL && p->settings->cb(p) != 0)        \
      FAIL(code, "`" #cb "` callback error");                      \
  } while (0)

/* Counts head bytes against the limit (Node counts the url, status text
 * and header names and values). */
#define COUNT_HEAD(n)                                                      \
  do {                                                                     \
    p->header_bytes += (uint32_t) (n);                                     \
    if (p->max_header_size != 0 && p->header_bytes > p->max_header_size) \
      FAIL(HEADER_OVERFLOW, "Header overflow");                          \
  } while (0)

static int lower(int c) {
  return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static int method_from_name(const char* s, size_t n) {
  int m;
  for (m = 0; m < LODE_HTTP_METHOD_COUNT; m++) {
    const char* name = lode_http_method_name(m);
    if (strlen(name) == n && memcmp(name, s, n) == 0) return m;
  }
  return -1;
}

/* Is c (an upper-case letter or '-') a possible next method byte after
 * the prefix p->name[0..n)? */
static int method_prefix(const char* prefix, size_t n, int c) {
  int m;
  if (n < 3 && memcmp("PRI", prefix, n) == 0 && "PRI"[n] == c) return 1;
  for (m = 0; m < LODE_HTTP_METHOD_COUNT; m++) {
    const char* name = lode_http_method_name(m);
    if (strlen(name) > n && memcmp(name, prefix, n) == 0 && name[n] == c) return 1;
  }
  return 0;
}

static void classify_field(lode_http_parser_t* p) {
  const char* n = p->name;
  p->hkind = H_OTHER;
  if (p->nlen == 14 && memcmp(n, "content-length", 14) == 0) p->hkind = H_CONTENT_LENGTH;
  else if (p->nlen == 17 && memcmp(n, "transfer-encoding", 17) == 0) p->hkind = H_TRANSFER_ENCODING;
  else if (p->nlen == 10 && memcmp(n, "connection", 10) == 0) p->hkind = H_CONNECTION;
  else if (p->nlen == 7 && memcmp(n, "upgrade", 7) == 0) p->hkind = H_UPGRADE;
}

/* Ends a token of a Connection or Transfer-Encoding list. */
static void end_token(lode_http_parser_t* p) {
  const char* t = p->name;
  size_t n = p->nlen;
  if (p->vstate == V_TOK_BAD) n = 0xff;
  if (p->hkind == H_CONNECTION) {
    if (n == 5 && memcmp(t, "close", 5) == 0) p->flags |= LODE_HTTP_F_CONN_CLOSE;
    else if (n == 10 && memcmp(t, "keep-alive", 10) == 0) p->flags |= LODE_HTTP_F_CONN_KEEP_ALIVE;
    else if (n == 7 && memcmp(t, "upgrade", 7) == 0) p->flags |= LODE_HTTP_F_CONN_UPGRADE;
  } else if (p->hkind == H_TRANSFER_ENCODING) {
    if (n == 7 && memcmp(t, "chunked", 7) == 0) p->flags |= LODE_HTTP_F_CHUNKED;
    else p->flags &= ~(unsigned) LODE_HTTP_F_CHUNKED;
  }
  p->nlen = 0;
}

static int hexval(int c) {
  if (c >= '0' && c <= '9') return c - '0';
  c = lower(c);
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

size_t lode_http_execute(lode_http_parser_t* p, const char* data, size_t len) {
  const char* s = data;
  const char* end = data + len;
  const char* mark = NULL; /* start of the span in progress */
  unsigned char c;

  if (p->error != LODE_HPE_OK) return 0;
  if (p->state == S_UPGRADED) {
    p->error = LODE_HPE_PAUSED_UPGRADE;
    p->reason = "Pause on CONNECT/Upgrade";
    return 0;
  }
  /* Spans continuing from the previous call start at the input. */
  switch (p->state) {
    case S_URL: case S_URL_SCHEME: case S_RES_REASON: case S_FIELD: case S_VALUE:
    case S_BODY_IDENTITY: case S_BODY_EOF: case S_CHUNK_DATA:
      mark = data;
      break;
    default:
      break;
  }

  while (s < end) {
    c = (unsigned char) *s;
    switch (p->state) {
      case S_DEAD:
        return (size_t) (s - data);

      case S_CLOSED:
        if (c == '\r' || c == '\n') {
          s++;
          break;
        }
        FAIL(CLOSED_CONNECTION, "Data after `Connection: close`");

      case S_START:
        if (c == '\r' || c == '\n') {
          s++;
          break;
        }
        p->flags = 0;
        p->content_length = 0;
        p->upgrade = 0;
        p->http_major = p->http_minor = 0;
        p->status_code = 0;
        p->header_bytes = 0;
        p->saw_value = 0;
        p->nlen = 0;
        p->index = 0;
        NOTIFY(on_message_begin, CB_MESSAGE_BEGIN);
        p->state = p->type == LODE_HTTP_REQUEST ? S_METHOD : S_PROTO;
        if (p->type == LODE_HTTP_REQUEST && end - s >= 5) {
          /* The common methods in one step. */
          if (memcmp(s, "GET ", 4) == 0) {
            p->method = LODE_HTTP_GET;
            p->state = S_SPACES_BEFORE_URL;
            s += 4;
          } else if (memcmp(s, "POST ", 5) == 0) {
            p->method = LODE_HTTP_POST;
            p->state = S_SPACES_BEFORE_URL;
            s += 5;
          }
        }
        break;

      case S_METHOD:
        if (c == ' ') {
          int m = method_from_name(p->name, p->nlen);
          if (m < 0 && p->nlen == 3 && memcmp(p->name, "PRI", 3) == 0)
            FAIL(PAUSED_H2_UPGRADE, "Pause on PRI/Upgrade");
          if (m < 0) FAIL(INVALID_METHOD, "Invalid method encountered");
          p->method = (unsigned char) m;
          p->nlen = 0;
          p->state = S_SPACES_BEFORE_URL;
          s++;
          break;
        }
        if (p->nlen >= sizeof(p->name) || !method_prefix(p->name, p->nlen, c))
          FAIL(INVALID_METHOD, "Invalid method encountered");
        p->name[p->nlen++] = (char) c;
        s++;
        break;

      case S_SPACES_BEFORE_URL:
        if (c == ' ') {
          s++;
          break;
        }
        p->state = S_URL_START;
        break;

      case S_URL_START:
        if (c == '/' || c == '*' || p->method == LODE_HTTP_CONNECT) {
          if (!url_table[c]) FAIL(INVALID_URL, "Invalid characters in url");
          p->state = S_URL;
        } else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
          p->state = S_URL_SCHEME;
        } else {
          FAIL(INVALID_URL, "Unexpected start char in url");
        }
        mark = s;
        break;

      case S_URL_SCHEME:
        /* An absolute-form target: scheme ":" ... */
        while (s < end) {
          c = (unsigned char) *s;
          if (c == ':') {
            p->state = S_URL;
            s++;
            break;
          }
          if (!(((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || (c >= '0' && c <= '9') ||
                c == '+' || c == '-' || c == '.'))
            FAIL(INVALID_URL, "Invalid characters in url");
          s++;
        }
        break;

      case S_URL: {
        const char* start = s;
        while (s < end && url_table[(unsigned char) *s]) s++;
        COUNT_HEAD(s - start);
        if (s == end) break;
        c = (unsigned char) *s;
        if (c == ' ') {
          EMIT(on_url, mark, s);
          mark = NULL;
          p->state = S_SPACES_BEFORE_VERSION;
          s++;
          break;
        }
        if (c == '\r' || c == '\n') {
          /* HTTP/0.9: no version; the head ends here. */
          EMIT(on_url, mark, s);
          mark = NULL;
          p->http_major = 0;
          p->http_minor = 9;
          p->state = c == '\r' ? S_REQ_LINE_LF : S_LINE_START;
          s++;
          break;
        }
        if (c == '\t' || c < 0x20) FAIL(INVALID_URL, "Invalid characters in url");
        FAIL(INVALID_URL, "Invalid char in url path");
      }

      case S_SPACES_BEFORE_VERSION:
        if (c == ' ') {
          s++;
          break;
        }
        p->index = 0;
        p->state = S_PROTO;
        break;

      case S_PROTO:
        if (c != (unsigned char) "HTTP/"[p->index]) {
          if (p->type == LODE_HTTP_RESPONSE) FAIL(INVALID_CONSTANT, "Expected HTTP/");
          FAIL(INVALID_CONSTANT, "Expected HTTP/, RTSP/ or ICE/");
        }
        if (++p->index == 5) p->state = S_MAJOR;
        s++;
        break;

      case S_MAJOR:
        if (c < '0' || c > '9') FAIL(INVALID_VERSION, "Invalid major version");
        p->http_major = (unsigned char) (c - '0');
        p->state = S_DOT;
        s++;
        break;

      case S_DOT:
        if (c != '.') FAIL(INVALID_VERSION, "Expected dot");
        p->state = S_MINOR;
        s++;
        break;

      case S_MINOR:
        if (c < '0' || c > '9') FAIL(INVALID_VERSION, "Invalid minor version");
        p->http_minor = (unsigned char) (c - '0');
        if (!((p->http_major == 1 && p->http_minor <= 1) ||
              (p->http_major == 0 && p->http_minor == 9) ||
              (p->http_major == 2 && p->http_minor == 0)))
          FAIL(INVALID_VERSION, "Invalid HTTP version");
        p->state = p->type == LODE_HTTP_REQUEST ? S_REQ_LINE_END : S_RES_SPACE;
        s++;
        break;

      case S_REQ_LINE_END:
        if (c != '\r') FAIL(INVALID_VERSION, "Expected CRLF after version");
        p->state = S_REQ_LINE_LF;
        s++;
        break;

      case S_REQ_LINE_LF:
      case S_RES_LINE_LF:
        if (c != '\n') {
          if (p->state == S_RES_LINE_LF) FAIL(STRICT, "Expected LF after response line");
          FAIL(STRICT, "Expected CRLF after version");
        }
        p->state = S_LINE_START;
        s++;
        break;

      case S_RES_SPACE:
        if (c != ' ') FAIL(INVALID_VERSION, "Expected space after version");
        p->index = 0;
        p->state = S_RES_STATUS;
        s++;
        break;

      case S_RES_STATUS:
        if (c < '0' || c > '9') FAIL(INVALID_STATUS, "Invalid status code");
        p->status_code = (unsigned short) (p->status_code * 10 + (c - '0'));
        if (++p->index == 3) p->state = S_RES_AFTER_STATUS;
        s++;
        break;

      case S_RES_AFTER_STATUS:
        if (c == ' ') {
          p->state = S_RES_REASON;
          s++;
          mark = s;
          break;
        }
        if (c == '\r') {
          p->state = S_RES_LINE_LF;
          s++;
          break;
        }
        if (c == '\n') FAIL(CR_EXPECTED, "Missing expected CR after response line");
        FAIL(INVALID_STATUS, "Invalid response status");

      case S_RES_REASON: {
        const char* start = s;
        while (s < end && value_table[(unsigned char) *s]) s++;
        COUNT_HEAD(s - start);
        if (s == end) break;
        c = (unsigned char) *s;
        if (c == '\r') {
          EMIT(on_status, mark, s);
          mark = NULL;
          p->state = S_RES_LINE_LF;
          s++;
          break;
        }
        if (c == '\n') FAIL(CR_EXPECTED, "Missing expected CR after response line");
        FAIL(STRICT, "Invalid response status");
      }

      case S_LINE_START:
        if (c == '\r') {
          p->state = S_HEADERS_LF;
          s++;
          break;
        }
        if (c == ' ' || c == '\t') {
          if (p->saw_value) FAIL(INVALID_HEADER_TOKEN, "Unexpected whitespace after header value");
          FAIL(UNEXPECTED_SPACE, "Unexpected space after start line");
        }
        if (!token_table[c]) {
          if (c == '\n' && p->saw_value) FAIL(INVALID_HEADER_TOKEN, "Invalid header field char");
          FAIL(INVALID_HEADER_TOKEN, "Invalid header token");
        }
        p->nlen = 0;
        p->state = S_FIELD;
        mark = s;
        break;

      case S_FIELD: {
        const char* start = s;
        while (s < end && token_table[(unsigned char) *s]) {
          if (p->nlen < sizeof(p->name)) p->name[p->nlen] = (char) lower(*s);
          if (p->nlen < 0xff) p->nlen++;
          s++;
        }
        COUNT_HEAD(s - start);
        if (s == end) break;
        if (*s != ':') FAIL(INVALID_HEADER_TOKEN, "Invalid header token");
        EMIT(on_header_field, mark, s);
        mark = NULL;
        if (p->nlen > sizeof(p->name)) p->nlen = sizeof(p->name);
        classify_field(p);
        p->nlen = 0;
        if (p->flags & LODE_HTTP_F_TRAILING) {
          p->hkind = H_OTHER; /* trailers say nothing about framing */
        } else if (p->hkind == H_CONTENT_LENGTH) {
          if (p->flags & LODE_HTTP_F_CONTENT_LENGTH)
            FAIL(UNEXPECTED_CONTENT_LENGTH, "Duplicate Content-Length");
          if (p->flags & LODE_HTTP_F_TRANSFER_ENCODING)
            FAIL(INVALID_CONTENT_LENGTH, "Content-Length can't be present with Transfer-Encoding");
          p->vstate = V_CL_START;
          p->value_num = 0;
        } else if (p->hkind == H_TRANSFER_ENCODING) {
          if (p->flags & LODE_HTTP_F_CONTENT_LENGTH)
            FAIL(INVALID_TRANSFER_ENCODING, "Transfer-Encoding can't be present with Content-Length");
          p->flags |= LODE_HTTP_F_TRANSFER_ENCODING;
          p->vstate = V_TOK_START;
        } else if (p->hkind == H_CONNECTION) {
          p->vstate = V_TOK_START;
        } else if (p->hkind == H_UPGRADE) {
          p->flags |= LODE_HTTP_F_UPGRADE;
        }
        p->state = S_VALUE_WS;
        s++;
        break;
      }

      case S_VALUE_WS:
        if (c == ' ' || c == '\t') {
          s++;
          break;
        }
        p->state = S_VALUE;
        mark = s;
        break;

      case S_VALUE: {
        const char* start = s;
        if (p->hkind == H_OTHER) {
          while (s < end && value_table[(unsigned char) *s]) s++;
        } else {
          /* Read the value as well as validate it. */
          for (; s < end && value_table[(unsigned char) *s]; s++) {
            c = (unsigned char) *s;
            if (p->hkind == H_CONTENT_LENGTH) {
              if (c >= '0' && c <= '9') {
                if (p->vstate == V_CL_SPACES)
                  FAIL(INVALID_CONTENT_LENGTH, "Invalid character in Content-Length");
                if (p->value_num > (UINT64_MAX - 9) / 10)
                  FAIL(INVALID_CONTENT_LENGTH, "Content-Length overflow");
                p->value_num = p->value_num * 10 + (uint64_t) (c - '0');
                p->vstate = V_CL_DIGITS;
              } else if (c == ' ' && p->vstate != V_CL_START) {
                p->vstate = V_CL_SPACES;
              } else {
                FAIL(INVALID_CONTENT_LENGTH, "Invalid character in Content-Length");
              }
            } else if (p->hkind == H_TRANSFER_ENCODING || p->hkind == H_CONNECTION) {
              if (p->hkind == H_TRANSFER_ENCODING && p->type == LODE_HTTP_REQUEST &&
                  (p->flags & LODE_HTTP_F_CHUNKED) && c != ' ' && c != '\t')
                FAIL(INVALID_TRANSFER_ENCODING, "Invalid `Transfer-Encoding` header value");
              if (c == ',') {
                if (p->vstate != V_TOK_START) {
                  end_token(p);
                  /* Something (even nothing) follows chunked. */
                  if (p->hkind == H_TRANSFER_ENCODING && p->type == LODE_HTTP_REQUEST &&
                      (p->flags & LODE_HTTP_F_CHUNKED))
                    FAIL(INVALID_TRANSFER_ENCODING, "Invalid `Transfer-Encoding` header value");
                }
                p->vstate = V_TOK_START;
              } else if (c == ' ' || c == '\t') {
                if (p->vstate == V_TOK) p->vstate = V_TOK_END;
              } else if (p->vstate == V_TOK_START || p->vstate == V_TOK) {
                if (p->nlen < sizeof(p->name)) p->name[p->nlen++] = (char) lower(c);
                else p->vstate = V_TOK_BAD;
                if (p->vstate != V_TOK_BAD) p->vstate = V_TOK;
              } else {
                p->vstate = V_TOK_BAD;
              }
            }
          }
        }
        COUNT_HEAD(s - start);
        if (s == end) break;
        c = (unsigned char) *s;
        if (c == '\r') {
          EMIT(on_header_value, mark, s);
          mark = NULL;
          if (!(p->flags & LODE_HTTP_F_TRAILING)) {
            if (p->hkind == H_CONTENT_LENGTH) {
              if (p->vstate == V_CL_START) FAIL(INVALID_CONTENT_LENGTH, "Empty Content-Length");
              p->flags |= LODE_HTTP_F_CONTENT_LENGTH;
              p->content_length = p->value_num;
            } else if ((p->hkind == H_TRANSFER_ENCODING || p->hkind == H_CONNECTION) &&
                       p->vstate != V_TOK_START) {
              end_token(p);
            }
          }
          p->state = S_VALUE_LF;
          s++;
          break;
        }
        if (c == '\n') FAIL(CR_EXPECTED, "Missing expected CR after header value");
        FAIL(INVALID_HEADER_TOKEN, "Invalid header value char");
      }

      case S_VALUE_LF:
        if (c != '\n') FAIL(LF_EXPECTED, "Missing expected LF after header value");
        p->saw_value = 1;
        p->hkind = H_OTHER;
        p->state = S_LINE_START;
        s++;
        break;

      case S_HEADERS_LF: {
        int rc = 0, upgrade;
        if (c != '\n') FAIL(STRICT, "Expected LF after headers");
        s++;
        p->saw_value = 0;
        if (p->flags & LODE_HTTP_F_TRAILING) {
          NOTIFY(on_message_complete, CB_MESSAGE_COMPLETE);
          goto message_done;
        }
        if (p->type == LODE_HTTP_REQUEST) {
          p->upgrade = p->method == LODE_HTTP_CONNECT ||
                       ((p->flags & LODE_HTTP_F_UPGRADE) && (p->flags & LODE_HTTP_F_CONN_UPGRADE));
        } else {
          p->upgrade = p->status_code == 101;
        }
        if (p->settings->on_headers_complete != NULL) {
          rc = p->settings->on_headers_complete(p);
          if (rc < 0 || rc > 3) FAIL(CB_HEADERS_COMPLETE, "User callback error");
        }
        /* Like llhttp, the head is delivered before this is refused. */
        if (p->type == LODE_HTTP_REQUEST && (p->flags & LODE_HTTP_F_TRANSFER_ENCODING) &&
            !(p->flags & LODE_HTTP_F_CHUNKED))
          FAIL(INVALID_TRANSFER_ENCODING, "Request has invalid `Transfer-Encoding`");
        if (rc == 3) {
          /* The consumer declines the upgrade: a plain message. */
          p->upgrade = 0;
          rc = 0;
        }
        if (rc == 2) p->upgrade = 1;
        if (rc >= 1) p->flags |= LODE_HTTP_F_SKIPBODY;
        upgrade = p->upgrade && (p->type == LODE_HTTP_RESPONSE || rc >= 1 ||
                                 p->method == LODE_HTTP_CONNECT ||
                                 !(p->flags & (LODE_HTTP_F_CHUNKED | LODE_HTTP_F_CONTENT_LENGTH)));
        if (upgrade || (p->flags & LODE_HTTP_F_SKIPBODY) ||
            (p->type == LODE_HTTP_RESPONSE &&
             (p->status_code / 100 == 1 || p->status_code == 204 || p->status_code == 304))) {
          NOTIFY(on_message_complete, CB_MESSAGE_COMPLETE);
          goto message_done;
        }
        if (p->flags & LODE_HTTP_F_CHUNKED) {
          p->state = S_CHUNK_SIZE_START;
        } else if (p->flags & LODE_HTTP_F_CONTENT_LENGTH) {
          if (p->content_length == 0) {
            NOTIFY(on_message_complete, CB_MESSAGE_COMPLETE);
            goto message_done;
          }
          p->state = S_BODY_IDENTITY;
          mark = s;
        } else if (needs_eof(p)) {
          p->state = S_BODY_EOF;
          mark = s;
        } else {
          NOTIFY(on_message_complete, CB_MESSAGE_COMPLETE);
          goto message_done;
        }
        if (p->paused) {
          p->paused = 0;
          p->error = LODE_HPE_PAUSED;
          p->reason = "Paused";
          return (size_t) (s - data);
        }
        break;
      }

      case S_BODY_IDENTITY: {
        size_t avail = (size_t) (end - s);
        if ((uint64_t) avail > p->content_length) avail = (size_t) p->content_length;
        s += avail;
        p->content_length -= avail;
        if (p->content_length == 0) {
          EMIT(on_body, mark, s);
          mark = NULL;
          NOTIFY(on_message_complete, CB_MESSAGE_COMPLETE);
          goto message_done;
        }
        break;
      }

      case S_BODY_EOF:
        s = end;
        break;

      case S_CHUNK_SIZE_START:
        if (hexval(c) < 0) {
          if (c == '\n') FAIL(CR_EXPECTED, "Missing expected CR after chunk size");
          FAIL(INVALID_CHUNK_SIZE, "Invalid character in chunk size");
        }
        p->content_length = 0;
        p->state = S_CHUNK_SIZE;
        break;

      case S_CHUNK_SIZE: {
        int v = hexval(c);
        if (v >= 0) {
          if (p->content_length > (UINT64_MAX >> 4))
            FAIL(INVALID_CHUNK_SIZE, "Chunk size overflow");
          p->content_length = (p->content_length << 4) | (uint64_t) v;
          s++;
          break;
        }
        if (c == ';') {
          p->state = S_CHUNK_EXT_NAME_START;
          s++;
          break;
        }
        if (c == '\r') {
          p->state = S_CHUNK_SIZE_LF;
          s++;
          break;
        }
        if (c == '\n') FAIL(CR_EXPECTED, "Missing expected CR after chunk size");
        FAIL(INVALID_CHUNK_SIZE, "Invalid character in chunk size");
      }

      case S_CHUNK_EXT_NAME_START:
      case S_CHUNK_EXT_NAME:
        if (token_table[c]) {
          p->state = S_CHUNK_EXT_NAME;
          s++;
          break;
        }
        if (p->state == S_CHUNK_EXT_NAME) {
          if (c == '=') {
            p->state = S_CHUNK_EXT_VALUE_START;
            s++;
            break;
          }
          if (c == ';') {
            p->state = S_CHUNK_EXT_NAME_START;
            s++;
            break;
          }
          if (c == '\r') {
            p->state = S_CHUNK_SIZE_LF;
            s++;
            break;
          }
          if (c == '\n') FAIL(CR_EXPECTED, "Missing expected CR after chunk extension name");
          FAIL(STRICT, "Invalid character in chunk extensions name");
        }
        FAIL(STRICT, "Invalid character in chunk extensions");

      case S_CHUNK_EXT_VALUE_START:
        if (c == '"') {
          p->state = S_CHUNK_EXT_QUOTED;
          s++;
          break;
        }
        p->state = S_CHUNK_EXT_VALUE;
        /* fall through */
      case S_CHUNK_EXT_VALUE:
        if (token_table[c]) {
          s++;
          break;
        }
        if (c == ';') {
          p->state = S_CHUNK_EXT_NAME_START;
          s++;
          break;
        }
        if (c == '\r') {
          p->state = S_CHUNK_SIZE_LF;
          s++;
          break;
        }
        if (c == '\n') FAIL(CR_EXPECTED, "Missing expected CR after chunk extension value");
        FAIL(STRICT, "Invalid character in chunk extensions value");

      case S_CHUNK_EXT_QUOTED:
        if (c == '"') {
          p->state = S_CHUNK_EXT_AFTER_QUOTED;
        } else if (c == '\\') {
          p->state = S_CHUNK_EXT_QUOTED_ESC;
        } else if (!(c == '\t' || c == ' ' || c == 0x21 || (c >= 0x23 && c <= 0x5b) ||
                     (c >= 0x5d && c <= 0x7e) || c >= 0x80)) {
          FAIL(STRICT, "Invalid character in chunk extensions quoted value");
        }
        s++;
        break;

      case S_CHUNK_EXT_QUOTED_ESC:
        if (!(c == '\t' || (c >= 0x20 && c != 0x7f)))
          FAIL(STRICT, "Invalid quoted-pair in chunk extensions quoted value");
        p->state = S_CHUNK_EXT_QUOTED;
        s++;
        break;

      case S_CHUNK_EXT_AFTER_QUOTED:
        if (c == ';') {
          p->state = S_CHUNK_EXT_NAME_START;
          s++;
          break;
        }
        if (c == '\r') {
          p->state = S_CHUNK_SIZE_LF;
          s++;
          break;
        }
        FAIL(STRICT, "Invalid character in chunk extensions quote value");

      case S_CHUNK_SIZE_LF:
        if (c != '\n') FAIL(STRICT, "Expected LF after chunk size");
        s++;
        NOTIFY(on_chunk_header, CB_CHUNK_HEADER);
        if (p->content_length == 0) {
          /* The last chunk: trailers follow. */
          p->flags |= LODE_HTTP_F_TRAILING;
          p->header_bytes = 0;
          p->state = S_LINE_START;
        } else {
          p->state = S_CHUNK_DATA;
          mark = s;
        }
        break;

      case S_CHUNK_DATA: {
        size_t avail = (size_t) (end - s);
        if ((uint64_t) avail > p->content_length) avail = (size_t) p->content_length;
        s += avail;
        p->content_length -= avail;
        if (p->content_length == 0) {
          EMIT(on_body, mark, s);
          mark = NULL;
          p->state = S_CHUNK_DATA_CR;
        }
        break;
      }

      case S_CHUNK_DATA_CR:
        if (c != '\r') FAIL(STRICT, "Expected LF after chunk data");
        p->state = S_CHUNK_DATA_LF;
        s++;
        break;

      case S_CHUNK_DATA_LF:
        if (c != '\n') FAIL(STRICT, "Expected LF after chunk data");
        s++;
        NOTIFY(on_chunk_complete, CB_CHUNK_COMPLETE);
        p->state = S_CHUNK_SIZE_START;
        break;

      default:
        FAIL(INTERNAL, "Invalid parser state");
    }
    continue;

  message_done:
    if (p->upgrade) {
      p->state = S_UPGRADED;
      p->error = LODE_HPE_PAUSED_UPGRADE;
      p->reason = "Pause on CONNECT/Upgrade";
      return (size_t) (s - data);
    }
    p->state = lode_http_should_keep_alive(p) ? S_START : S_CLOSED;
    if (p->paused) {
      p->paused = 0;
      p->error = LODE_HPE_PAUSED;
      p->reason = "Paused";
      return (size_t) (s - data);
    }
  }

  /* The input ended inside a span: hand over what came. */
  if (mark != NULL && mark < end) {
    switch (p->state) {
      case S_URL: EMIT(on_url, mark, end); break;
      case S_URL_SCHEME: EMIT(on_url, mark, end); break;
      case S_RES_REASON: EMIT(on_status, mark, end); break;
      case S_FIELD: EMIT(on_header_field, mark, end); break;
      case S_VALUE: EMIT(on_header_value, mark, end); break;
      case S_BODY_IDENTITY:
      case S_BODY_EOF:
      case S_CHUNK_DATA: EMIT(on_body, mark, end); break;
      default: break;
    }
  }
  return len;
}

int lode_http_finish(lode_http_parser_t* p) {
  if (p->error != LODE_HPE_OK) return p->error;
  switch (p->state) {
    case S_START:
    case S_CLOSED:
    case S_UPGRADED:
      return 0;
    case S_BODY_EOF:
      p->state = S_CLOSED;
      if (p->settings->on_message_complete != NULL && p->settings->on_message_complete(p) != 0) {
        p->error = LODE_HPE_CB_MESSAGE_COMPLETE;
        p->reason = "`on_message_complete` callback error";
        return p->error;
      }
      return 0;
    default:
      p->error = LODE_HPE_INVALID_EOF_STATE;
      p->reason = "Invalid EOF state";
      p->state = S_DEAD;
      return p->error;
  }
}
