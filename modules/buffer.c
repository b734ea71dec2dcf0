/*
 * buffer.c — internalBinding('buffer'): the byte work behind Node's Buffer
 * (layer: modules/; the JS half is stdlib/buffer.js).
 *
 * A Buffer is a Duktape Uint8Array whose prototype is Buffer.prototype
 * (handed to setup()). Every function here takes views (any typed array,
 * DataView or ArrayBuffer: their bytes) and plain numbers; the JS side
 * validates arguments and throws Node's errors, and C clamps every index
 * again, so no call can reach memory outside a view.
 *
 * Strings: Duktape keeps them as CESU-8 (a UTF-16 surrogate is a 3-byte
 * sequence of its own) and tolerates 4-byte UTF-8 from C. Encoding to
 * bytes walks UTF-16 code units as JS sees them (a pair becomes one 4-byte
 * UTF-8 character, a lone surrogate U+FFFD); decoding produces CESU-8, so
 * non-BMP characters come back as surrogate pairs and .length is right.
 *
 * Encodings (numbers shared with stdlib/buffer.js):
 *   0 utf8, 1 utf16le, 2 latin1, 3 ascii, 4 base64, 5 base64url, 6 hex
 *
 *   setup(bufferPrototype)
 *   createBuffer(size, zeroFill)             new Buffer
 *   createView(arrayBuffer, offset, length)  Buffer sharing arrayBuffer
 *   subarray(view, start, end)               Buffer sharing view's memory
 *                                            (Node's slice/subarray rules)
 *   copyBytes(view, start, end)              new Buffer, a copy
 *   byteLength(string, enc)                  bytes fromString would give
 *   fromString(string, enc)                  new Buffer
 *   write(view, string, offset, max, enc)    bytes written (no partial
 *                                            character in utf8/utf16le)
 *   toString(view, enc, start, end)          string
 *   compare(a, b), compareOffset(src, target, tStart, sStart, tEnd, sEnd)
 *   indexOfString(view, string, offset, enc, forward)
 *   indexOfBuffer(view, needle, offset, enc, forward)
 *   indexOfNumber(view, byte, offset, forward)
 *   fill(view, value, start, end, enc)       0, -1 value gives no bytes,
 *                                            -2 out of bounds
 *   copy(source, target, targetStart, sourceStart, count)  bytes copied
 *   swap(view, width)                        2, 4 or 8
 *   concat(list, total)                      new Buffer
 *   isUtf8(view), isAscii(view)
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "engine.h"

enum {
  ENC_UTF8 = 0,
  ENC_UCS2 = 1,
  ENC_LATIN1 = 2,
  ENC_ASCII = 3,
  ENC_BASE64 = 4,
  ENC_BASE64URL = 5,
  ENC_HEX = 6
};

/* Buffer.prototype lives in the heap stash as "bufferPrototype", where
 * engine.c's lode_js_push_buffer finds it too. */
static const char proto_key[] = "bufferPrototype";

/* [ ... view ] → [ ... view ], its prototype now Buffer.prototype (once
 * setup() ran). */
static void set_buffer_prototype(duk_context* ctx) {
  duk_push_heap_stash(ctx);
  if (duk_get_prop_string(ctx, -1, proto_key)) {
    duk_set_prototype(ctx, -3); /* [ ... view stash ] */
    duk_pop(ctx);
  } else {
    duk_pop_2(ctx);
  }
}

/* ---- arguments ---- */

/* The bytes of the view at idx; (NULL, 0) for anything else. */
static uint8_t* view_data(duk_context* ctx, duk_idx_t idx, size_t* len) {
  duk_size_t n = 0;
  uint8_t* p = duk_get_buffer_data(ctx, idx, &n);
  if (p == NULL) n = 0;
  *len = (size_t) n;
  return p;
}

/* A byte index from JS: undefined gives def; NaN and negatives 0; the
 * result is clamped to max. */
static size_t arg_index(duk_context* ctx, duk_idx_t idx, size_t def,
                        size_t max) {
  double d;
  if (duk_is_undefined(ctx, idx)) return def < max ? def : max;
  d = duk_to_number(ctx, idx);
  if (!(d > 0)) return 0;
  if (d >= (double) max) return max;
  return (size_t) d;
}

static int arg_encoding(duk_context* ctx, duk_idx_t idx) {
  int enc = duk_get_int_default(ctx, idx, ENC_UTF8);
  return enc >= ENC_UTF8 && enc <= ENC_HEX ? enc : ENC_UTF8;
}

/* ---- creating Buffers ---- */

/* [ ... ] → [ ... buffer ]; returns its bytes. */
static uint8_t* push_buffer(duk_context* ctx, size_t size, int zero) {
  uint8_t* p;
  p = duk_push_buffer_raw(ctx, size, zero ? 0 : DUK_BUF_FLAG_NOZERO);
  duk_push_buffer_object(ctx, -1, 0, size, DUK_BUFOBJ_UINT8ARRAY);
  duk_remove(ctx, -2);
  set_buffer_prototype(ctx);
  return p;
}

/* ---- strings as UTF-16 code units ---- */

/* Walks a Duktape string's bytes as the UTF-16 code units JS sees. */
typedef struct {
  const uint8_t* p;
  const uint8_t* end;
  uint32_t pending; /* second half of a pair split from a 4-byte sequence */
} units_t;

static void units_init(units_t* u, const char* s, size_t n) {
  u->p = (const uint8_t*) s;
  u->end = u->p + n;
  u->pending = 0;
}

/* The next code unit in *out; 0 at the end. Bytes that are not extended
 * UTF-8 (only C code can make such strings) read as U+FFFD. */
static int units_next(units_t* u, uint32_t* out) {
  const uint8_t* p = u->p;
  uint32_t c;
  size_t n, i;

  if (u->pending != 0) {
    *out = u->pending;
    u->pending = 0;
    return 1;
  }
  if (p >= u->end) return 0;
  c = p[0];
  if (c < 0x80) {
    u->p++;
    *out = c;
    return 1;
  }
  if (c >= 0xc0 && c < 0xe0) {
    n = 2;
    c &= 0x1f;
  } else if (c >= 0xe0 && c < 0xf0) {
    n = 3;
    c &= 0x0f;
  } else if (c >= 0xf0 && c < 0xf8) {
    n = 4;
    c &= 0x07;
  } else if (c >= 0xf8 && c < 0xfc) {
    n = 5;
    c &= 0x03;
  } else if (c >= 0xfc && c < 0xfe) {
    n = 6;
    c &= 0x01;
  } else {
    n = 0;
  }
  if (n == 0 || (size_t) (u->end - p) < n) {
    u->p++;
    *out = 0xfffd;
    return 1;
  }
  for (i = 1; i < n; i++) {
    if ((p[i] & 0xc0) != 0x80) {
      u->p++;
      *out = 0xfffd;
      return 1;
    }
    c = (c << 6) | (p[i] & 0x3f);
  }
  u->p += n;
  if (c >= 0x10000) {
    if (c > 0x10ffff) {
      *out = 0xfffd;
      return 1;
    }
    c -= 0x10000;
    *out = 0xd800 + (c >> 10);
    u->pending = 0xdc00 + (c & 0x3ff);
    return 1;
  }
  *out = c;
  return 1;
}

/* True when every byte is ASCII: Duktape's character length equals the
 * byte length exactly then (any other sequence is longer in bytes). */
static const char* get_string(duk_context* ctx, duk_idx_t idx, size_t* blen,
                              int* ascii) {
  duk_size_t n = 0;
  const char* s = duk_get_lstring(ctx, idx, &n);
  if (s == NULL) {
    s = "";
    n = 0;
  }
  *blen = (size_t) n;
  *ascii = duk_get_length(ctx, idx) == n;
  return s;
}

static size_t put_utf8(uint8_t* d, uint32_t c) {
  if (c < 0x80) {
    if (d) d[0] = (uint8_t) c;
    return 1;
  }
  if (c < 0x800) {
    if (d) {
      d[0] = (uint8_t) (0xc0 | (c >> 6));
      d[1] = (uint8_t) (0x80 | (c & 0x3f));
    }
    return 2;
  }
  if (c < 0x10000) {
    if (d) {
      d[0] = (uint8_t) (0xe0 | (c >> 12));
      d[1] = (uint8_t) (0x80 | ((c >> 6) & 0x3f));
      d[2] = (uint8_t) (0x80 | (c & 0x3f));
    }
    return 3;
  }
  if (d) {
    d[0] = (uint8_t) (0xf0 | (c >> 18));
    d[1] = (uint8_t) (0x80 | ((c >> 12) & 0x3f));
    d[2] = (uint8_t) (0x80 | ((c >> 6) & 0x3f));
    d[3] = (uint8_t) (0x80 | (c & 0x3f));
  }
  return 4;
}

/* Code point c as CESU-8 (Duktape's representation): a non-BMP character
 * becomes two 3-byte surrogates. d NULL: length only. */
static size_t put_cesu(uint8_t* d, uint32_t c) {
  if (c < 0x10000) return put_utf8(d, c);
  c -= 0x10000;
  put_utf8(d, 0xd800 + (c >> 10));
  put_utf8(d ? d + 3 : NULL, 0xdc00 + (c & 0x3ff));
  return 6;
}

/* ---- encoding strings into bytes ---- */
/* Each encoder writes at most cap bytes to dst and returns the count;
 * dst NULL counts what the whole string gives (cap ignored). */

static size_t enc_utf8(const char* s, size_t n, int ascii, uint8_t* dst,
                       size_t cap) {
  units_t u;
  uint32_t c, c2;
  size_t w = 0, len;

  if (ascii) {
    if (dst == NULL) return n;
    len = n < cap ? n : cap;
    memcpy(dst, s, len);
    return len;
  }
  units_init(&u, s, n);
  for (;;) {
    /* Runs of ASCII bytes are copied as they are. */
    const uint8_t* q = u.p;
    if (u.pending == 0) {
      while (q < u.end && *q < 0x80) q++;
      if (q > u.p) {
        len = (size_t) (q - u.p);
        if (dst != NULL) {
          if (len > cap - w) len = cap - w;
          memcpy(dst + w, u.p, len);
        }
        w += len;
        u.p += len;
        if (u.p != q) break; /* full */
      }
    }
    if (!units_next(&u, &c)) break;
    if (c >= 0xd800 && c <= 0xdbff) {
      units_t peek = u;
      if (units_next(&peek, &c2) && c2 >= 0xdc00 && c2 <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (c2 - 0xdc00);
        u = peek;
      } else {
        c = 0xfffd;
      }
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      c = 0xfffd;
    }
    len = put_utf8(NULL, c);
    if (dst != NULL) {
      if (len > cap - w) break; /* never half a character */
      put_utf8(dst + w, c);
    }
    w += len;
  }
  return w;
}

/* latin1 and ascii (Node writes both the same: the low byte of each code
 * unit) and utf16le. */
static size_t enc_units(const char* s, size_t n, int ascii, int enc,
                        uint8_t* dst, size_t cap) {
  units_t u;
  uint32_t c;
  size_t w = 0;

  if (enc != ENC_UCS2) {
    if (ascii) {
      size_t len = dst == NULL || n < cap ? n : cap;
      if (dst != NULL) memcpy(dst, s, len);
      return len;
    }
    units_init(&u, s, n);
    while ((dst == NULL || w < cap) && units_next(&u, &c)) {
      if (dst != NULL) dst[w] = (uint8_t) c;
      w++;
    }
    return w;
  }
  if (ascii) {
    size_t i, len = n;
    if (dst == NULL) return 2 * n;
    if (len > cap / 2) len = cap / 2;
    for (i = 0; i < len; i++) {
      dst[2 * i] = (uint8_t) s[i];
      dst[2 * i + 1] = 0;
    }
    return 2 * len;
  }
  units_init(&u, s, n);
  while ((dst == NULL || cap - w >= 2) && units_next(&u, &c)) {
    if (dst != NULL) {
      dst[w] = (uint8_t) c;
      dst[w + 1] = (uint8_t) (c >> 8);
    }
    w += 2;
  }
  return w;
}

static int unhex(uint32_t c) {
  /* Node reads each code unit as its low byte (so does this). */
  c &= 0xff;
  if (c >= '0' && c <= '9') return (int) (c - '0');
  if (c >= 'a' && c <= 'f') return (int) (c - 'a' + 10);
  if (c >= 'A' && c <= 'F') return (int) (c - 'A' + 10);
  return -1;
}

/* Pairs of hex digits; stops at the first invalid pair or a lone digit. */
static size_t enc_hex(const char* s, size_t n, uint8_t* dst, size_t cap) {
  units_t u;
  uint32_t a, b;
  size_t w = 0;
  int hi, lo;

  units_init(&u, s, n);
  while (dst == NULL || w < cap) {
    if (!units_next(&u, &a) || !units_next(&u, &b)) break;
    hi = unhex(a);
    lo = unhex(b);
    if (hi < 0 || lo < 0) break;
    if (dst != NULL) dst[w] = (uint8_t) (hi << 4 | lo);
    w++;
  }
  return w;
}

/* Both alphabets ('+/' and '-_'); -1 for anything else. */
static int unbase64(uint32_t c) {
  c &= 0xff; /* Node reads each code unit as its low byte */
  if (c >= 'A' && c <= 'Z') return (int) (c - 'A');
  if (c >= 'a' && c <= 'z') return (int) (c - 'a' + 26);
  if (c >= '0' && c <= '9') return (int) (c - '0' + 52);
  if (c == '+' || c == '-') return 62;
  if (c == '/' || c == '_') return 63;
  return -1;
}

/* Node's lenient decoder: characters outside the alphabets are skipped,
 * '=' ends the input, a trailing partial group gives the bytes it
 * completes. */
static size_t enc_base64(const char* s, size_t n, uint8_t* dst, size_t cap) {
  units_t u;
  uint32_t c, acc = 0;
  size_t w = 0;
  int bits = 0, v;

  units_init(&u, s, n);
  while ((dst == NULL || w < cap) && units_next(&u, &c)) {
    if ((c & 0xff) == '=') break;
    v = unbase64(c);
    if (v < 0) continue;
    acc = (acc << 6) | (uint32_t) v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      if (dst != NULL) dst[w] = (uint8_t) (acc >> bits);
      w++;
      acc &= (1u << bits) - 1;
    }
  }
  return w;
}

static size_t encode(int enc, const char* s, size_t n, int ascii,
                     uint8_t* dst, size_t cap) {
  switch (enc) {
    case ENC_UCS2:
    case ENC_LATIN1:
    case ENC_ASCII:
      return enc_units(s, n, ascii, enc, dst, cap);
    case ENC_BASE64:
    case ENC_BASE64URL:
      return enc_base64(s, n, dst, cap);
    case ENC_HEX:
      return enc_hex(s, n, dst, cap);
    default:
      return enc_utf8(s, n, ascii, dst, cap);
  }
}

/* ---- decoding bytes into strings (CESU-8 out) ---- */
/* Each decoder writes to dst (sized by a counting call with dst NULL)
 * and returns the length. */

/* WHATWG UTF-8 decoding: each maximal subpart of an invalid sequence
 * becomes one U+FFFD. *exact (when given) is cleared when the output
 * differs from the input (an error, or a 4-byte character split in two
 * surrogates). */
static size_t dec_utf8(const uint8_t* s, size_t n, uint8_t* dst,
                       int* exact) {
  size_t i = 0, w = 0, need;
  uint32_t b, c;
  uint8_t lo, hi;

  while (i < n) {
    b = s[i];
    if (b < 0x80) {
      if (dst != NULL) dst[w] = (uint8_t) b;
      w++;
      i++;
      continue;
    }
    lo = 0x80;
    hi = 0xbf;
    i++;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      c = b & 0x1f;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      c = b & 0x0f;
      if (b == 0xe0) lo = 0xa0;
      if (b == 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      c = b & 0x07;
      if (b == 0xf0) lo = 0x90;
      if (b == 0xf4) hi = 0x8f;
    } else {
      need = 1; /* invalid lead byte: itself is the subpart */
      c = 0;
      lo = 1; /* no byte is accepted */
      hi = 0;
    }
    while (need > 0 && i < n && s[i] >= lo && s[i] <= hi) {
      c = (c << 6) | (s[i] & 0x3f);
      i++;
      need--;
      lo = 0x80;
      hi = 0xbf;
    }
    if (need > 0) c = 0xfffd;
    if ((need > 0 || c >= 0x10000) && exact != NULL) *exact = 0;
    w += put_cesu(dst != NULL ? dst + w : NULL, c);
  }
  return w;
}

static size_t dec_latin1(const uint8_t* s, size_t n, uint8_t* dst) {
  size_t i, w = 0;
  for (i = 0; i < n; i++) w += put_utf8(dst != NULL ? dst + w : NULL, s[i]);
  return w;
}

static size_t dec_ucs2(const uint8_t* s, size_t n, uint8_t* dst) {
  size_t i, w = 0;
  for (i = 0; i + 1 < n; i += 2) {
    uint32_t c = (uint32_t) s[i] | (uint32_t) s[i + 1] << 8;
    w += put_utf8(dst != NULL ? dst + w : NULL, c); /* surrogates: 3 bytes */
  }
  return w;
}

static const char hex_digits[] = "0123456789abcdef";
static const char b64_std[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
static const char b64_url[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

static size_t dec_base64(const uint8_t* s, size_t n, uint8_t* d, int url) {
  const char* t = url ? b64_url : b64_std;
  size_t i, w = 0, rem = n % 3;
  if (d == NULL) {
    if (url) return n / 3 * 4 + (rem ? rem + 1 : 0);
    return (n + 2) / 3 * 4;
  }
  for (i = 0; i + 2 < n; i += 3) {
    uint32_t v = (uint32_t) s[i] << 16 | (uint32_t) s[i + 1] << 8 | s[i + 2];
    d[w++] = (uint8_t) t[v >> 18];
    d[w++] = (uint8_t) t[(v >> 12) & 63];
    d[w++] = (uint8_t) t[(v >> 6) & 63];
    d[w++] = (uint8_t) t[v & 63];
  }
  if (rem != 0) {
    uint32_t v = (uint32_t) s[i] << 16 | (rem == 2 ? (uint32_t) s[i + 1] << 8 : 0);
    d[w++] = (uint8_t) t[v >> 18];
    d[w++] = (uint8_t) t[(v >> 12) & 63];
    if (rem == 2)
      d[w++] = (uint8_t) t[(v >> 6) & 63];
    else if (!url)
      d[w++] = '=';
    if (!url) d[w++] = '=';
  }
  return w;
}

/* [ ... ] → [ ... string ] for bytes s[0..n) in encoding enc. */
static void push_decoded(duk_context* ctx, int enc, const uint8_t* s,
                         size_t n) {
  size_t len, i;
  uint8_t* d;
  int exact = 1;

  if (n == 0) {
    duk_push_string(ctx, "");
    return;
  }
  switch (enc) {
    case ENC_UCS2:
      len = dec_ucs2(s, n, NULL);
      break;
    case ENC_LATIN1:
      len = dec_latin1(s, n, NULL);
      if (len == n) { /* all ASCII */
        duk_push_lstring(ctx, (const char*) s, n);
        return;
      }
      break;
    case ENC_ASCII:
      for (i = 0; i < n && s[i] < 0x80; i++) continue;
      if (i == n) {
        duk_push_lstring(ctx, (const char*) s, n);
        return;
      }
      len = n;
      break;
    case ENC_BASE64:
    case ENC_BASE64URL:
      len = dec_base64(s, n, NULL, enc == ENC_BASE64URL);
      break;
    case ENC_HEX:
      len = 2 * n;
      break;
    default:
      len = dec_utf8(s, n, NULL, &exact);
      if (exact) { /* valid and BMP only: the bytes are the string */
        duk_push_lstring(ctx, (const char*) s, n);
        return;
      }
      break;
  }
  /* The scratch buffer is pushed before s is read again: s belongs to a
   * view on the value stack, and fixed buffers never move. */
  d = duk_push_buffer_raw(ctx, len, DUK_BUF_FLAG_NOZERO);
  switch (enc) {
    case ENC_UCS2:
      dec_ucs2(s, n, d);
      break;
    case ENC_LATIN1:
      dec_latin1(s, n, d);
      break;
    case ENC_ASCII:
      for (i = 0; i < n; i++) d[i] = s[i] & 0x7f;
      break;
    case ENC_BASE64:
    case ENC_BASE64URL:
      dec_base64(s, n, d, enc == ENC_BASE64URL);
      break;
    case ENC_HEX:
      for (i = 0; i < n; i++) {
        d[2 * i] = (uint8_t) hex_digits[s[i] >> 4];
        d[2 * i + 1] = (uint8_t) hex_digits[s[i] & 15];
      }
      break;
    default:
      dec_utf8(s, n, d, NULL);
      break;
  }
  duk_buffer_to_string(ctx, -1);
}

/* ---- search ---- */

/* Node's start position for (last)indexOf: a valid index in [0, len - 1],
 * len for an empty needle past the end, or -1 for no search. */
static int64_t index_of_offset(int64_t len, int64_t off, int64_t nlen,
                               int forward) {
  if (off < 0) {
    if (off + len >= 0) return len + off;
    if (forward || nlen == 0) return 0;
    return -1;
  }
  if (off + nlen <= len) return off;
  if (nlen == 0) return len;
  if (forward) return -1;
  return len - 1;
}

/* First (forward) or last match position in units of size w (1 or 2),
 * starting at unit start; -1 if none. Positions and lengths in units. */
static int64_t search(const uint8_t* h, size_t hlen, const uint8_t* nd,
                      size_t nlen, size_t start, int forward, size_t w) {
  size_t pos, last, nb = nlen * w;
  if (nlen == 0 || hlen < nlen) return -1;
  last = hlen - nlen;
  if (forward) {
    for (pos = start; pos <= last; pos++) {
      if (w == 1) {
        const uint8_t* f = memchr(h + pos, nd[0], last - pos + 1);
        if (f == NULL) return -1;
        pos = (size_t) (f - h);
      }
      if (memcmp(h + pos * w, nd, nb) == 0) return (int64_t) pos;
    }
    return -1;
  }
  pos = start < last ? start : last;
  for (;;) {
    if (h[pos * w] == nd[0] && memcmp(h + pos * w, nd, nb) == 0)
      return (int64_t) pos;
    if (pos == 0) return -1;
    pos--;
  }
}

/* The search behind indexOfString and indexOfBuffer (Node's rules). */
static int64_t index_of(const uint8_t* h, size_t hlen, const uint8_t* nd,
                        size_t nlen, double offset, int enc, int forward) {
  int64_t off, start, r;

  if (offset > 9007199254740991.0) offset = 9007199254740991.0;
  if (offset < -9007199254740991.0) offset = -9007199254740991.0;
  off = offset == offset ? (int64_t) offset : 0;
  start = index_of_offset((int64_t) hlen, off, (int64_t) nlen, forward);
  if (nlen == 0) return start;
  if (hlen == 0 || start < 0) return -1;
  if ((forward && (size_t) start + nlen > hlen) || nlen > hlen) return -1;
  if (enc == ENC_UCS2) {
    if (hlen < 2 || nlen < 2) return -1;
    r = search(h, hlen / 2, nd, nlen / 2, (size_t) start / 2, forward, 2);
    return r < 0 ? -1 : r * 2;
  }
  return search(h, hlen, nd, nlen, (size_t) start, forward, 1);
}

/* ---- binding functions ---- */

static duk_ret_t buffer_setup(duk_context* ctx) {
  duk_require_object(ctx, 0);
  duk_push_heap_stash(ctx);
  duk_dup(ctx, 0);
  duk_put_prop_string(ctx, -2, proto_key);
  return 0;
}

static duk_ret_t buffer_create_buffer(duk_context* ctx) {
  double size = duk_require_number(ctx, 0);
  if (!(size >= 0) || size > 4294967295.0)
    return duk_error(ctx, DUK_ERR_RANGE_ERROR, "Array buffer allocation failed");
  push_buffer(ctx, (size_t) size, duk_to_boolean(ctx, 1));
  return 1;
}

static duk_ret_t buffer_create_view(duk_context* ctx) {
  size_t len;
  size_t off, n;
  view_data(ctx, 0, &len);
  off = arg_index(ctx, 1, 0, len);
  n = arg_index(ctx, 2, len - off, len - off);
  duk_push_buffer_object(ctx, 0, off, n, DUK_BUFOBJ_UINT8ARRAY);
  set_buffer_prototype(ctx);
  return 1;
}

/* Node's adjustOffset: truncated; negative counts from the end; clamped
 * to [0, len]; NaN is 0. */
static size_t adjust_offset(duk_context* ctx, duk_idx_t idx, size_t len) {
  double d = duk_to_number(ctx, idx);
  if (d != d) return 0;
  d = d < 0 ? ceil(d) : floor(d);
  if (d < 0) {
    d += (double) len;
    return d > 0 ? (size_t) d : 0;
  }
  return d < (double) len ? (size_t) d : len;
}

static duk_ret_t buffer_subarray(duk_context* ctx) {
  size_t len, start, end;
  double base;
  view_data(ctx, 0, &len);
  start = adjust_offset(ctx, 1, len);
  end = duk_is_undefined(ctx, 2) ? len : adjust_offset(ctx, 2, len);
  if (end < start) end = start;
  lode_get_lit(ctx, 0, "byteOffset");
  base = duk_get_number_default(ctx, -1, 0);
  duk_pop(ctx);
  lode_get_lit(ctx, 0, "buffer"); /* [ view start end arraybuffer ] */
  if (!duk_is_buffer_data(ctx, -1))
    return duk_error(ctx, DUK_ERR_TYPE_ERROR, "not a typed array");
  duk_push_buffer_object(ctx, -1, (duk_size_t) base + start, end - start,
                         DUK_BUFOBJ_UINT8ARRAY);
  set_buffer_prototype(ctx);
  return 1;
}

static duk_ret_t buffer_copy_bytes(duk_context* ctx) {
  size_t len, start, end;
  uint8_t* s;
  uint8_t* d;
  view_data(ctx, 0, &len);
  start = arg_index(ctx, 1, 0, len);
  end = arg_index(ctx, 2, len, len);
  if (end < start) end = start;
  d = push_buffer(ctx, end - start, 0);
  s = view_data(ctx, 0, &len); /* again: nothing moved, but be plain */
  if (end > start) memcpy(d, s + start, end - start);
  return 1;
}

static duk_ret_t buffer_byte_length(duk_context* ctx) {
  size_t n;
  int ascii;
  const char* s = get_string(ctx, 0, &n, &ascii);
  duk_push_number(ctx, (double) encode(arg_encoding(ctx, 1), s, n, ascii,
                                       NULL, 0));
  return 1;
}

static duk_ret_t buffer_from_string(duk_context* ctx) {
  size_t n, len;
  int ascii, enc = arg_encoding(ctx, 1);
  const char* s;
  uint8_t* d;

  duk_require_string(ctx, 0);
  s = get_string(ctx, 0, &n, &ascii);
  len = encode(enc, s, n, ascii, NULL, 0);
  d = push_buffer(ctx, len, 0);
  encode(enc, s, n, ascii, d, len);
  return 1;
}

static duk_ret_t buffer_write(duk_context* ctx) {
  size_t len, off, max, n;
  int ascii, enc = arg_encoding(ctx, 4);
  uint8_t* d;
  const char* s;

  duk_require_string(ctx, 1);
  view_data(ctx, 0, &len);
  off = arg_index(ctx, 2, 0, len);
  max = arg_index(ctx, 3, len - off, len - off);
  d = view_data(ctx, 0, &len);
  if (max == 0) {
    duk_push_int(ctx, 0);
    return 1;
  }
  s = get_string(ctx, 1, &n, &ascii);
  duk_push_number(ctx, (double) encode(enc, s, n, ascii, d + off, max));
  return 1;
}

static duk_ret_t buffer_to_string(duk_context* ctx) {
  size_t len, start, end;
  int enc = arg_encoding(ctx, 1);
  const uint8_t* s;

  view_data(ctx, 0, &len);
  start = arg_index(ctx, 2, 0, len);
  end = arg_index(ctx, 3, len, len);
  s = view_data(ctx, 0, &len);
  if (end <= start) {
    duk_push_string(ctx, "");
    return 1;
  }
  push_decoded(ctx, enc, s + start, end - start);
  return 1;
}

static int compare_bytes(const uint8_t* a, size_t alen, const uint8_t* b,
                         size_t blen) {
  size_t n = alen < blen ? alen : blen;
  int r = n > 0 ? memcmp(a, b, n) : 0;
  if (r != 0) return r < 0 ? -1 : 1;
  if (alen > blen) return 1;
  if (alen < blen) return -1;
  return 0;
}

static duk_ret_t buffer_compare(duk_context* ctx) {
  size_t alen, blen;
  const uint8_t* a = view_data(ctx, 0, &alen);
  const uint8_t* b = view_data(ctx, 1, &blen);
  duk_push_int(ctx, compare_bytes(a, alen, b, blen));
  return 1;
}

/* compareOffset(source, target, targetStart, sourceStart, targetEnd,
 * sourceEnd): source[sourceStart..sourceEnd) against
 * target[targetStart..targetEnd). */
static duk_ret_t buffer_compare_offset(duk_context* ctx) {
  size_t slen, tlen, ts, ss, te, se;
  const uint8_t* s;
  const uint8_t* t;

  view_data(ctx, 0, &slen);
  view_data(ctx, 1, &tlen);
  ts = arg_index(ctx, 2, 0, tlen);
  ss = arg_index(ctx, 3, 0, slen);
  te = arg_index(ctx, 4, tlen, tlen);
  se = arg_index(ctx, 5, slen, slen);
  if (te < ts) te = ts;
  if (se < ss) se = ss;
  s = view_data(ctx, 0, &slen);
  t = view_data(ctx, 1, &tlen);
  duk_push_int(ctx, compare_bytes(s + ss, se - ss, t + ts, te - ts));
  return 1;
}

/* True when the string has a surrogate that is not half of a pair. */
static int has_lone_surrogate(const char* s, size_t n) {
  units_t u;
  uint32_t c, c2;
  units_init(&u, s, n);
  while (units_next(&u, &c)) {
    if (c >= 0xdc00 && c <= 0xdfff) return 1;
    if (c >= 0xd800 && c <= 0xdbff) {
      if (!units_next(&u, &c2) || c2 < 0xdc00 || c2 > 0xdfff) return 1;
    }
  }
  return 0;
}

static duk_ret_t buffer_index_of_string(duk_context* ctx) {
  size_t hlen, n, nlen;
  int ascii, enc = arg_encoding(ctx, 3), forward = duk_to_boolean(ctx, 4);
  double offset = duk_to_number(ctx, 2);
  const char* s;
  uint8_t* nd;
  const uint8_t* h;

  duk_require_string(ctx, 1);
  s = get_string(ctx, 1, &n, &ascii);
  /* Node 20 never finds a utf8 needle holding a lone surrogate (not even
   * next to the EF BF BD it writes for one): same here. */
  if (enc == ENC_UTF8 && !ascii && has_lone_surrogate(s, n)) {
    duk_push_int(ctx, -1);
    return 1;
  }
  nlen = encode(enc, s, n, ascii, NULL, 0);
  nd = duk_push_buffer_raw(ctx, nlen, DUK_BUF_FLAG_NOZERO);
  encode(enc, s, n, ascii, nd, nlen);
  h = view_data(ctx, 0, &hlen);
  duk_push_number(ctx,
                  (double) index_of(h, hlen, nd, nlen, offset, enc, forward));
  return 1;
}

static duk_ret_t buffer_index_of_buffer(duk_context* ctx) {
  size_t hlen, nlen;
  double offset = duk_to_number(ctx, 2);
  int enc = arg_encoding(ctx, 3), forward = duk_to_boolean(ctx, 4);
  const uint8_t* h = view_data(ctx, 0, &hlen);
  const uint8_t* nd = view_data(ctx, 1, &nlen);
  duk_push_number(ctx,
                  (double) index_of(h, hlen, nd, nlen, offset, enc, forward));
  return 1;
}

static duk_ret_t buffer_index_of_number(duk_context* ctx) {
  size_t len;
  uint8_t byte = (uint8_t) (duk_to_uint32(ctx, 1) & 0xff);
  double offset = duk_to_number(ctx, 2);
  int forward = duk_to_boolean(ctx, 3);
  const uint8_t* h = view_data(ctx, 0, &len);
  int64_t start, off;
  const uint8_t* f = NULL;

  if (offset > 9007199254740991.0) offset = 9007199254740991.0;
  if (offset < -9007199254740991.0) offset = -9007199254740991.0;
  off = offset == offset ? (int64_t) offset : 0;
  start = index_of_offset((int64_t) len, off, 1, forward);
  if (start < 0 || len == 0) {
    duk_push_int(ctx, -1);
    return 1;
  }
  if (forward) {
    f = memchr(h + start, byte, len - (size_t) start);
  } else {
    int64_t i;
    for (i = start; i >= 0; i--)
      if (h[i] == byte) {
        f = h + i;
        break;
      }
  }
  duk_push_number(ctx, f == NULL ? -1.0 : (double) (f - h));
  return 1;
}

/* fill(view, value, start, end, enc): value a string (in enc), a view
 * (its bytes), or else a number (its low byte). */
static duk_ret_t buffer_fill(duk_context* ctx) {
  size_t len, start, end, flen, plen, n;
  uint8_t* d;
  const uint8_t* pat = NULL;
  int enc = arg_encoding(ctx, 4), ascii;
  uint32_t byte = 0;

  if (!duk_is_string(ctx, 1) && !duk_is_buffer_data(ctx, 1))
    byte = duk_to_uint32(ctx, 1) & 0xff; /* may call valueOf: do it first */
  view_data(ctx, 0, &len);
  start = arg_index(ctx, 2, 0, len);
  if (duk_is_undefined(ctx, 3)) {
    end = len;
  } else {
    double e = duk_to_number(ctx, 3);
    if (e > (double) len) {
      duk_push_int(ctx, -2);
      return 1;
    }
    end = arg_index(ctx, 3, len, len);
  }
  if (end < start) {
    duk_push_int(ctx, -2);
    return 1;
  }
  d = view_data(ctx, 0, &len);
  flen = end - start;
  if (flen == 0) {
    duk_push_int(ctx, 0);
    return 1;
  }
  if (duk_is_string(ctx, 1)) {
    const char* s = get_string(ctx, 1, &n, &ascii);
    if (enc == ENC_UTF8 || enc == ENC_UCS2) {
      /* Node copies a prefix of the whole encoding, even half a
       * character, then repeats it. */
      uint8_t* tmp;
      plen = encode(enc, s, n, ascii, NULL, 0);
      tmp = duk_push_buffer_raw(ctx, plen, DUK_BUF_FLAG_NOZERO);
      encode(enc, s, n, ascii, tmp, plen);
      d = view_data(ctx, 0, &len);
      memcpy(d + start, tmp, plen < flen ? plen : flen);
    } else {
      plen = encode(enc, s, n, ascii, d + start, flen);
    }
    pat = d + start;
  } else if (duk_is_buffer_data(ctx, 1)) {
    const uint8_t* v = view_data(ctx, 1, &plen);
    /* memmove: the value may overlap the target */
    if (plen > 0) memmove(d + start, v, plen < flen ? plen : flen);
    pat = d + start;
  } else {
    memset(d + start, (int) byte, flen);
    duk_push_int(ctx, 0);
    return 1;
  }
  if (plen == 0) {
    duk_push_int(ctx, -1);
    return 1;
  }
  /* Repeat the first plen bytes, doubling the copied run each time. */
  if (plen < flen) {
    size_t done = plen;
    while (done < flen) {
      size_t k = done < flen - done ? done : flen - done;
      memcpy(d + start + done, pat, k);
      done += k;
    }
  }
  duk_push_int(ctx, 0);
  return 1;
}

static duk_ret_t buffer_copy(duk_context* ctx) {
  size_t slen, tlen, ts, ss, nb;
  const uint8_t* s;
  uint8_t* t;

  view_data(ctx, 0, &slen);
  view_data(ctx, 1, &tlen);
  ts = arg_index(ctx, 2, 0, tlen);
  ss = arg_index(ctx, 3, 0, slen);
  nb = arg_index(ctx, 4, slen - ss, slen - ss);
  if (nb > tlen - ts) nb = tlen - ts;
  s = view_data(ctx, 0, &slen);
  t = view_data(ctx, 1, &tlen);
  if (nb > 0) memmove(t + ts, s + ss, nb);
  duk_push_number(ctx, (double) nb);
  return 1;
}

static duk_ret_t buffer_swap(duk_context* ctx) {
  size_t len, i, j, w = (size_t) duk_require_int(ctx, 1);
  uint8_t* p = view_data(ctx, 0, &len);
  if (w != 2 && w != 4 && w != 8) return duk_error(ctx, DUK_ERR_RANGE_ERROR, "bad width");
  for (i = 0; i + w <= len; i += w) {
    for (j = 0; j < w / 2; j++) {
      uint8_t t = p[i + j];
      p[i + j] = p[i + w - 1 - j];
      p[i + w - 1 - j] = t;
    }
  }
  duk_dup(ctx, 0);
  return 1;
}

/* concat(list, total): the list's views (checked by JS) copied one after
 * the other into a new Buffer of total bytes; the rest is zero. */
static duk_ret_t buffer_concat(duk_context* ctx) {
  double total = duk_require_number(ctx, 1);
  duk_size_t i, count;
  size_t pos = 0, size, len;
  uint8_t* d;

  duk_require_object(ctx, 0);
  if (!(total >= 0) || total > 4294967295.0)
    return duk_error(ctx, DUK_ERR_RANGE_ERROR, "Array buffer allocation failed");
  size = (size_t) total;
  count = duk_get_length(ctx, 0);
  d = push_buffer(ctx, size, 0); /* [ list total buf ] */
  for (i = 0; i < count && pos < size; i++) {
    const uint8_t* s;
    lode_duk_get_index(ctx, 0, (duk_uarridx_t) i);
    s = view_data(ctx, -1, &len);
    if (len > size - pos) len = size - pos;
    if (len > 0) memcpy(d + pos, s, len);
    pos += len;
    duk_pop(ctx);
  }
  if (pos < size) memset(d + pos, 0, size - pos);
  return 1;
}

static duk_ret_t buffer_is_utf8(duk_context* ctx) {
  size_t len, i = 0;
  const uint8_t* s = view_data(ctx, 0, &len);
  int exact = 1;
  /* dec_utf8 clears exact for 4-byte characters too: check errors only */
  while (i < len) {
    size_t j = i;
    while (j < len && s[j] < 0x80) j++;
    if (j == len) break;
    {
      size_t k = j + 1, need = 0;
      uint8_t b = s[j], lo = 0x80, hi = 0xbf;
      if (b >= 0xc2 && b <= 0xdf)
        need = 1;
      else if (b >= 0xe0 && b <= 0xef) {
        need = 2;
        if (b == 0xe0) lo = 0xa0;
        if (b == 0xed) hi = 0x9f;
      } else if (b >= 0xf0 && b <= 0xf4) {
        need = 3;
        if (b == 0xf0) lo = 0x90;
        if (b == 0xf4) hi = 0x8f;
      } else {
        exact = 0;
        break;
      }
      while (need > 0 && k < len && s[k] >= lo && s[k] <= hi) {
        k++;
        need--;
        lo = 0x80;
        hi = 0xbf;
      }
      if (need > 0) {
        exact = 0;
        break;
      }
      i = k;
    }
  }
  duk_push_boolean(ctx, exact);
  return 1;
}

static duk_ret_t buffer_is_ascii(duk_context* ctx) {
  size_t len, i;
  const uint8_t* s = view_data(ctx, 0, &len);
  for (i = 0; i < len && s[i] < 0x80; i++) continue;
  duk_push_boolean(ctx, i == len);
  return 1;
}

static const duk_function_list_entry buffer_functions[] = {
    {"setup", buffer_setup, 1},
    {"createBuffer", buffer_create_buffer, 2},
    {"createView", buffer_create_view, 3},
    {"subarray", buffer_subarray, 3},
    {"copyBytes", buffer_copy_bytes, 3},
    {"byteLength", buffer_byte_length, 2},
    {"fromString", buffer_from_string, 2},
    {"write", buffer_write, 5},
    {"toString", buffer_to_string, 4},
    {"compare", buffer_compare, 2},
    {"compareOffset", buffer_compare_offset, 6},
    {"indexOfString", buffer_index_of_string, 5},
    {"indexOfBuffer", buffer_index_of_buffer, 5},
    {"indexOfNumber", buffer_index_of_number, 4},
    {"fill", buffer_fill, 5},
    {"copy", buffer_copy, 5},
    {"swap", buffer_swap, 2},
    {"concat", buffer_concat, 2},
    {"isUtf8", buffer_is_utf8, 1},
    {"isAscii", buffer_is_ascii, 1},
    {NULL, NULL, 0}};

void lode_binding_buffer(duk_context* ctx) {
  duk_push_object(ctx);
  lode_js_put_functions(ctx, buffer_functions);
}
