/*
 * parser.h — an incremental HTTP/1.x request and response parser
 * (layer: modules/, pure C: no Duktape, no loop; used by the http_parser
 * binding and by the C tests).
 *
 * Strict like Node 20's llhttp with no lenient flags: CRLF line endings
 * only, no obsolete line folding, token-only header names, no CTL in
 * header values except HTAB, one Content-Length, never both
 * Content-Length and Transfer-Encoding, chunked last in a request's
 * Transfer-Encoding, hexadecimal chunk sizes within 64 bits, well-formed
 * chunk extensions, a bounded header block (max_header_size). Errors
 * carry llhttp's names (lode_http_errno_name) so Node's error codes
 * ('HPE_INVALID_METHOD', ...) come out unchanged.
 *
 * Zero-copy: the data callbacks (url, status, header field, header value,
 * body) get pointers into the buffer given to lode_http_execute, valid
 * only during the callback. One item may arrive in several pieces when it
 * spans calls to execute: a header field callback following a value
 * callback starts a new header. Header values come with their leading
 * whitespace removed but trailing SP/HTAB kept (the consumer trims, as
 * Node does); the parser's own reading of Content-Length,
 * Transfer-Encoding, Connection and Upgrade handles both.
 *
 * Feeding a message in one buffer or byte by byte gives the same
 * callbacks (modulo how data items are split) and the same errors.
 */
#ifndef LODE_MODULES_HTTP_PARSER_H
#define LODE_MODULES_HTTP_PARSER_H

#include <stddef.h>
#include <stdint.h>

/* Error numbers; names from lode_http_errno_name(). */
#define LODE_HTTP_ERRNO_MAP(XX)                  \
  XX(0, OK)                                      \
  XX(1, INTERNAL)                                \
  XX(2, STRICT)                                  \
  XX(3, LF_EXPECTED)                             \
  XX(4, UNEXPECTED_CONTENT_LENGTH)               \
  XX(5, CLOSED_CONNECTION)                       \
  XX(6, INVALID_METHOD)                          \
  XX(7, INVALID_URL)                             \
  XX(8, INVALID_CONSTANT)                        \
  XX(9, INVALID_VERSION)                         \
  XX(10, INVALID_HEADER_TOKEN)                   \
  XX(11, INVALID_CONTENT_LENGTH)                 \
  XX(12, INVALID_CHUNK_SIZE)                     \
  XX(13, INVALID_STATUS)                         \
  XX(14, INVALID_EOF_STATE)                      \
  XX(15, INVALID_TRANSFER_ENCODING)              \
  XX(16, CB_MESSAGE_BEGIN)                       \
  XX(17, CB_HEADERS_COMPLETE)                    \
  XX(18, CB_MESSAGE_COMPLETE)                    \
  XX(19, CB_CHUNK_HEADER)                        \
  XX(20, CB_CHUNK_COMPLETE)                      \
  XX(21, PAUSED)                                 \
  XX(22, PAUSED_UPGRADE)                         \
  XX(23, PAUSED_H2_UPGRADE)                      \
  XX(24, USER)                                   \
  XX(25, CR_EXPECTED)                            \
  XX(26, HEADER_OVERFLOW)                        \
  XX(30, UNEXPECTED_SPACE)

enum lode_http_errno {
#define XX(n, name) LODE_HPE_##name = n,
  LODE_HTTP_ERRNO_MAP(XX)
#undef XX
};

/* Methods, in Node's http.METHODS order (alphabetical). */
#define LODE_HTTP_METHOD_MAP(XX) \
  XX(0, ACL)                     \
  XX(1, BIND)                    \
  XX(2, CHECKOUT)                \
  XX(3, CONNECT)                 \
  XX(4, COPY)                    \
  XX(5, DELETE)                  \
  XX(6, GET)                     \
  XX(7, HEAD)                    \
  XX(8, LINK)                    \
  XX(9, LOCK)                    \
  XX(10, M_SEARCH)               \
  XX(11, MERGE)                  \
  XX(12, MKACTIVITY)             \
  XX(13, MKCALENDAR)             \
  XX(14, MKCOL)                  \
  XX(15, MOVE)                   \
  XX(16, NOTIFY)                 \
  XX(17, OPTIONS)                \
  XX(18, PATCH)                  \
  XX(19, POST)                   \
  XX(20, PROPFIND)               \
  XX(21, PROPPATCH)              \
  XX(22, PURGE)                  \
  XX(23, PUT)                    \
  XX(24, QUERY)                  \
  XX(25, REBIND)                 \
  XX(26, REPORT)                 \
  XX(27, SEARCH)                 \
  XX(28, SOURCE)                 \
  XX(29, SUBSCRIBE)              \
  XX(30, TRACE)                  \
  XX(31, UNBIND)                 \
  XX(32, UNLINK)                 \
  XX(33, UNLOCK)                 \
  XX(34, UNSUBSCRIBE)

enum lode_http_method {
#define XX(n, name) LODE_HTTP_##name = n,
  LODE_HTTP_METHOD_MAP(XX)
#undef XX
  LODE_HTTP_METHOD_COUNT
};

typedef enum { LODE_HTTP_REQUEST = 1, LODE_HTTP_RESPONSE = 2 } lode_http_type;

/* p->flags */
#define LODE_HTTP_F_CONN_CLOSE 0x01
#define LODE_HTTP_F_CONN_KEEP_ALIVE 0x02
#define LODE_HTTP_F_CONN_UPGRADE 0x04
#define LODE_HTTP_F_UPGRADE 0x08 /* an Upgrade header */
#define LODE_HTTP_F_CONTENT_LENGTH 0x10
#define LODE_HTTP_F_TRANSFER_ENCODING 0x20
#define LODE_HTTP_F_CHUNKED 0x40 /* chunked is the last coding */
#define LODE_HTTP_F_SKIPBODY 0x80
#define LODE_HTTP_F_TRAILING 0x100 /* in the trailer section */

#define LODE_HTTP_DEFAULT_MAX_HEADER_SIZE 16384

typedef struct lode_http_parser_s lode_http_parser_t;

/* Notification callbacks return 0 to go on, or -1 to stop with
 * LODE_HPE_USER (the position is kept). on_headers_complete may also
 * return 1: the message has no body (a response to HEAD), 2: no body
 * and the connection changes protocol (upgrade) after this message, or
 * 3: not an upgrade after all (a request nobody upgrades). */
typedef int (*lode_http_cb)(lode_http_parser_t* p);
/* Data callbacks: at/len point into the buffer being executed. */
typedef int (*lode_http_data_cb)(lode_http_parser_t* p, const char* at, size_t len);

typedef struct {
  lode_http_cb on_message_begin;
  lode_http_data_cb on_url;
  lode_http_data_cb on_status;
  lode_http_data_cb on_header_field;
  lode_http_data_cb on_header_value;
  lode_http_cb on_headers_complete; /* also ends the trailers: see flags */
  lode_http_data_cb on_body;
  lode_http_cb on_message_complete;
  lode_http_cb on_chunk_header; /* p->content_length is the chunk size */
  lode_http_cb on_chunk_complete;
} lode_http_settings_t;

struct lode_http_parser_s {
  /* Read-only for the user once execute ran (valid from the callbacks). */
  unsigned char type;       /* lode_http_type */
  unsigned char method;     /* requests: enum lode_http_method */
  unsigned char http_major;
  unsigned char http_minor;
  unsigned char upgrade;    /* set at headers complete */
  unsigned short status_code; /* responses */
  unsigned int flags;       /* LODE_HTTP_F_* of the current message */
  uint64_t content_length;  /* body bytes still expected / chunk size */
  int error;                /* enum lode_http_errno */
  const char* reason;       /* a static description of error */
  uint32_t max_header_size; /* 0 = no limit; the default is 16 KiB */
  void* data;               /* the user's */

  /* Private. */
  const lode_http_settings_t* settings;
  unsigned char state;
  unsigned char hkind;    /* which header the field or value is */
  unsigned char vstate;   /* sub-state while reading such a value */
  unsigned char paused;
  unsigned char index;    /* position in a constant or a name */
  unsigned char saw_value; /* a header line has ended (for folding) */
  unsigned char nlen;     /* bytes of name[] */
  char name[20];          /* the field name, lower-cased (first 20 bytes) */
  uint32_t header_bytes;  /* head bytes so far (vs max_header_size) */
  uint64_t value_num;     /* Content-Length being read */
};

/* Prepares p for messages of type, with settings (borrowed, must outlive
 * the parser). max_header_size gets the default. Nothing to free. */
void lode_http_parser_init(lode_http_parser_t* p, lode_http_type type,
                           const lode_http_settings_t* settings);

/* Parses len bytes. Returns how many were consumed: all of them, or
 * fewer when p->error is set. Errors are sticky (every later call
 * returns 0) until init. LODE_HPE_PAUSED (after lode_http_pause from a
 * callback; the bytes up to the end of that message or head are
 * consumed) and LODE_HPE_PAUSED_UPGRADE (the message that changes
 * protocol has completed; the rest of the buffer belongs to the new
 * protocol) are not failures: call lode_http_resume to go on. */
size_t lode_http_execute(lode_http_parser_t* p, const char* data, size_t len);

/* The peer closed: ends a response delimited by EOF (message complete)
 * and returns 0, or returns LODE_HPE_INVALID_EOF_STATE (also set in
 * p->error) when a message was cut short. */
int lode_http_finish(lode_http_parser_t* p);

/* From a callback: stop after the current message (from
 * on_message_complete) or head (from on_headers_complete). */
void lode_http_pause(lode_http_parser_t* p);
/* Clears LODE_HPE_PAUSED / LODE_HPE_PAUSED_UPGRADE. */
void lode_http_resume(lode_http_parser_t* p);

/* Whether the connection may carry another message after this one
 * (HTTP/1.1 unless Connection: close; HTTP/1.0 with keep-alive; never
 * when the message ends at EOF). Valid from on_headers_complete on. */
int lode_http_should_keep_alive(const lode_http_parser_t* p);

/* Whether the current message has no body or a finished one at headers
 * complete: lets a consumer fold headers-complete and message-complete
 * into one notification. Valid in on_headers_complete. */
int lode_http_body_is_final(const lode_http_parser_t* p);

/* "HPE_INVALID_METHOD" etc. (static strings). */
const char* lode_http_errno_name(int err);
/* "GET" etc., or NULL. */
const char* lode_http_method_name(int method);

#endif /* LODE_MODULES_HTTP_PARSER_H */
