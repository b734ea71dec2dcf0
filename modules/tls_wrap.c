/*
 * tls_wrap.c — internalBinding('tls_wrap'): BearSSL's TLS engine and
 * certificate handling for stdlib/_tls_wrap.js (layer: modules/).
 *
 * BearSSL's engine is a state machine with explicit record buffers: this
 * file never blocks and never touches a socket. The JS side feeds it the
 * bytes a TCP handle read and writes what it produces to that handle.
 * Each connection is one allocation holding the engine context, the
 * X.509 validator and the record buffer (BR_SSL_BUFSIZE_BIDI); records
 * cost no allocation. Outputs of one call are gathered in two scratch
 * areas shared by the loop thread (grown, never shrunk) and handed to JS
 * as one Buffer each, so no JS runs while the engine is mid-step.
 *
 *   new SecureContext()
 *     addCert(bytes)     PEM (every CERTIFICATE in it) or one DER
 *                        certificate, appended to the chain to send;
 *                        returns the number added (0: nothing usable)
 *     setKey(bytes)      PEM or DER private key (RSA or EC, PKCS#1, SEC1
 *                        or PKCS#8); 0, or a negative BearSSL code
 *     addCA(bytes)       trust anchors from PEM/DER certificates; count
 *     free()
 *   new TLSWrap(isServer, keys, anchors, options)
 *     keys, anchors: SecureContext objects (the caller keeps them alive
 *     as long as the TLSWrap); options: { servername, alpn: [names],
 *     minVersion, maxVersion (0x0301..0x0303), requestCert,
 *     rejectUnauthorized (servers: fail the handshake on a bad client
 *     chain), suites: [cipher suite numbers, preferred first],
 *     session (clients: a session() Buffer to resume) }
 *     Servers keep a session cache per SecureContext.
 *     start() / feed(bytes) / write(bytes or string) / close()
 *                        run the engine; return a status: bit 1 the
 *                        handshake completed during this call, bit 2 the
 *                        peer ended (its close_notify, held back until
 *                        close() so that we can still send), bit 4 the
 *                        engine is closed; a negative value is -(BearSSL
 *                        error code). Bytes to send are left in
 *                        this.cipherOut, application bytes in
 *                        this.plainOut (undefined when none). write()
 *                        sets this.written (bytes the engine took).
 *     peerCertificates() array of DER Buffers, leaf first
 *     verifyError()      BearSSL X.509 status of the peer's chain (0 ok)
 *     cipherSuite(), version(), alpnProtocol(), serverName()
 *     session()          the session (an opaque Buffer) to offer again
 *                        as options.session; resumed(): it was accepted
 *     free()             releases the connection (also done by the
 *                        finalizer)
 *   readPem(bytes)       [{ type, der }] for every PEM object
 */
#include <bearssl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"

#define PTR_KEY DUK_HIDDEN_SYMBOL("lodeTls")
#define MAX_CHAIN 10
#define MAX_ALPN 8

/* ---- growable byte areas ---- */

typedef struct {
  unsigned char* p;
  size_t len, cap;
} bytes_t;

static int bytes_add(bytes_t* b, const void* p, size_t n) {
  if (b->len + n > b->cap) {
    size_t cap = b->cap ? b->cap : 4096;
    unsigned char* q;
    while (cap < b->len + n) cap *= 2;
    q = realloc(b->p, cap);
    if (q == NULL) return -1;
    b->p = q;
    b->cap = cap;
  }
  memcpy(b->p + b->len, p, n);
  b->len += n;
  return 0;
}

/* Scratch for one engine call's outputs (loop thread only). */
static bytes_t scratch_cipher, scratch_plain;

/* ---- PEM ---- */

typedef void (*pem_fn)(void* arg, const char* name, const unsigned char* der,
                       size_t len);

static void pem_dest(void* ctx, const void* src, size_t len) {
  (void) bytes_add(ctx, src, len);
}

/* Calls fn for each PEM object in data; when data holds no PEM header,
 * for data itself as DER (name ""). Returns -1 on malformed PEM. */
static int pem_each(const unsigned char* data, size_t len, pem_fn fn,
                    void* arg) {
  br_pem_decoder_context pc;
  bytes_t obj = {NULL, 0, 0};
  char name[128];
  int inside = 0, rc = 0, pass;
  size_t i;
  int has_pem = 0;
  for (i = 0; i + 10 <= len; i++)
    if (memcmp(data + i, "-----BEGIN", 10) == 0) {
      has_pem = 1;
      break;
    }
  if (!has_pem) {
    fn(arg, "", data, len);
    return 0;
  }
  br_pem_decoder_init(&pc);
  /* Two passes: the data, then a newline, so that a final END line with
   * no line break still ends its object. */
  for (pass = 0; pass < 2 && rc == 0; pass++) {
    const unsigned char* p = pass == 0 ? data : (const unsigned char*) "\n";
    size_t n = pass == 0 ? len : 1;
    while (n > 0) {
      size_t k = br_pem_decoder_push(&pc, p, n);
      p += k;
      n -= k;
      switch (br_pem_decoder_event(&pc)) {
        case BR_PEM_BEGIN_OBJ:
          snprintf(name, sizeof(name), "%s", br_pem_decoder_name(&pc));
          obj.len = 0;
          inside = 1;
          br_pem_decoder_setdest(&pc, pem_dest, &obj);
          break;
        case BR_PEM_END_OBJ:
          if (inside)
            fn(arg, name, obj.p ? obj.p : (const unsigned char*) "", obj.len);
          inside = 0;
          break;
        case BR_PEM_ERROR:
          rc = -1;
          n = 0;
          break;
        default:
          break;
      }
    }
  }
  free(obj.p);
  return rc;
}

/* ---- secure contexts ---- */

typedef struct {
  br_x509_certificate chain[MAX_CHAIN];
  size_t chain_len;
  unsigned issuer_key_type;
  int key_type; /* 0, BR_KEYTYPE_RSA or BR_KEYTYPE_EC */
  br_skey_decoder_context skey;
  br_x509_trust_anchor* tas;
  size_t ta_len, ta_cap;
  /* servers: the session cache (resumption by session ID), made on
   * first use */
  br_ssl_session_cache_lru lru;
  unsigned char* lru_store;
} sctx_t;

static void sctx_free(sctx_t* s) {
  size_t i;
  if (s == NULL) return;
  for (i = 0; i < s->chain_len; i++) free(s->chain[i].data);
  for (i = 0; i < s->ta_len; i++) {
    br_x509_trust_anchor* ta = &s->tas[i];
    free(ta->dn.data);
    if (ta->pkey.key_type == BR_KEYTYPE_RSA)
      free(ta->pkey.key.rsa.n); /* n and e share one block */
    else
      free(ta->pkey.key.ec.q);
  }
  free(s->tas);
  free(s->lru_store);
  free(s);
}

static sctx_t* get_sctx(duk_context* ctx, duk_idx_t idx) {
  sctx_t* s;
  if (!duk_is_object(ctx, idx)) return NULL;
  lode_get_lit(ctx, idx, PTR_KEY);
  s = duk_get_pointer(ctx, -1);
  duk_pop(ctx);
  return s;
}

static sctx_t* this_sctx(duk_context* ctx) {
  sctx_t* s;
  duk_push_this(ctx);
  s = get_sctx(ctx, -1);
  duk_pop(ctx);
  if (s == NULL) (void) duk_error(ctx, DUK_ERR_ERROR, "SecureContext is freed");
  return s;
}

static duk_ret_t sctx_finalize(duk_context* ctx) {
  sctx_free(get_sctx(ctx, 0));
  duk_push_pointer(ctx, NULL);
  lode_put_lit(ctx, 0, PTR_KEY);
  return 0;
}

static duk_ret_t sctx_new(duk_context* ctx) {
  sctx_t* s;
  if (!duk_is_constructor_call(ctx)) return DUK_RET_TYPE_ERROR;
  s = calloc(1, sizeof(*s));
  if (s == NULL) return duk_error(ctx, DUK_ERR_ERROR, "out of memory");
  duk_push_this(ctx);
  duk_push_pointer(ctx, s);
  lode_put_lit(ctx, -2, PTR_KEY);
  duk_push_c_function(ctx, sctx_finalize, 1);
  duk_set_finalizer(ctx, -2);
  return 0;
}

static duk_ret_t sctx_free_js(duk_context* ctx) {
  duk_push_this(ctx);
  sctx_free(get_sctx(ctx, -1));
  duk_push_pointer(ctx, NULL);
  lode_put_lit(ctx, -2, PTR_KEY);
  return 0;
}

static int is_cert_name(const char* name) {
  return name[0] == 0 || strcmp(name, "CERTIFICATE") == 0 ||
         strcmp(name, "X509 CERTIFICATE") == 0 ||
         strcmp(name, "TRUSTED CERTIFICATE") == 0;
}

typedef struct {
  sctx_t* s;
  int count;
} add_arg_t;

static void add_cert_fn(void* arg, const char* name, const unsigned char* der,
                        size_t len) {
  add_arg_t* a = arg;
  sctx_t* s = a->s;
  unsigned char* copy;
  if (!is_cert_name(name) || s->chain_len >= MAX_CHAIN || len == 0) return;
  {
    /* only well-formed certificates; the leaf's signer key type is the
     * issuer's key type (static ECDH suites need it) */
    br_x509_decoder_context dc;
    br_x509_decoder_init(&dc, 0, 0);
    br_x509_decoder_push(&dc, der, len);
    if (br_x509_decoder_last_error(&dc) != 0 ||
        br_x509_decoder_get_pkey(&dc) == NULL)
      return;
    if (s->chain_len == 0) {
      s->issuer_key_type = br_x509_decoder_get_signer_key_type(&dc);
      if (s->issuer_key_type == 0) s->issuer_key_type = BR_KEYTYPE_RSA;
    }
  }
  copy = malloc(len);
  if (copy == NULL) return;
  memcpy(copy, der, len);
  s->chain[s->chain_len].data = copy;
  s->chain[s->chain_len].data_len = len;
  s->chain_len++;
  a->count++;
}

/* Feeds every PEM block of argument 0 to fn for this context; pushes how
 * many fn took. */
static duk_ret_t add_pem_blocks(duk_context* ctx, pem_fn fn) {
  add_arg_t a;
  size_t len;
  const unsigned char* p = lode_js_get_bytes(ctx, 0, &len);
  a.s = this_sctx(ctx);
  a.count = 0;
  if (p != NULL) (void) pem_each(p, len, fn, &a);
  duk_push_int(ctx, a.count);
  return 1;
}

static duk_ret_t sctx_add_cert(duk_context* ctx) {
  return add_pem_blocks(ctx, add_cert_fn);
}

typedef struct {
  sctx_t* s;
  int err;
  int done;
} key_arg_t;

static void set_key_fn(void* arg, const char* name, const unsigned char* der,
                       size_t len) {
  key_arg_t* a = arg;
  if (a->done) return;
  if (strcmp(name, "ENCRYPTED PRIVATE KEY") == 0) {
    a->err = -1000; /* encrypted keys: unsupported */
    a->done = 1;
    return;
  }
  if (name[0] != 0 && strcmp(name, "PRIVATE KEY") != 0 &&
      strcmp(name, "RSA PRIVATE KEY") != 0 &&
      strcmp(name, "EC PRIVATE KEY") != 0)
    return;
  br_skey_decoder_init(&a->s->skey);
  br_skey_decoder_push(&a->s->skey, der, len);
  a->err = br_skey_decoder_last_error(&a->s->skey);
  if (a->err == 0) {
    a->s->key_type = br_skey_decoder_key_type(&a->s->skey);
    if (a->s->key_type == 0) a->err = BR_ERR_X509_UNSUPPORTED;
  }
  a->done = 1;
}

static duk_ret_t sctx_set_key(duk_context* ctx) {
  key_arg_t a;
  size_t len;
  const unsigned char* p = lode_js_get_bytes(ctx, 0, &len);
  a.s = this_sctx(ctx);
  a.err = 0;
  a.done = 0;
  a.s->key_type = 0;
  if (p == NULL || pem_each(p, len, set_key_fn, &a) != 0 || !a.done) {
    duk_push_int(ctx, -1);
    return 1;
  }
  duk_push_int(ctx, a.err == 0 ? 0 : (a.err < 0 ? a.err : -a.err));
  return 1;
}

static void dn_append(void* ctx, const void* buf, size_t len) {
  (void) bytes_add(ctx, buf, len);
}

static void add_ca_fn(void* arg, const char* name, const unsigned char* der,
                      size_t len) {
  add_arg_t* a = arg;
  sctx_t* s = a->s;
  br_x509_decoder_context dc;
  bytes_t dn = {NULL, 0, 0};
  const br_x509_pkey* pk;
  br_x509_trust_anchor* ta;
  if (!is_cert_name(name)) return;
  br_x509_decoder_init(&dc, dn_append, &dn);
  br_x509_decoder_push(&dc, der, len);
  pk = br_x509_decoder_get_pkey(&dc);
  if (pk == NULL || dn.p == NULL) {
    free(dn.p);
    return;
  }
  if (s->ta_len == s->ta_cap) {
    size_t cap = s->ta_cap ? s->ta_cap * 2 : 16;
    br_x509_trust_anchor* t = realloc(s->tas, cap * sizeof(*t));
    if (t == NULL) {
      free(dn.p);
      return;
    }
    s->tas = t;
    s->ta_cap = cap;
  }
  ta = &s->tas[s->ta_len];
  memset(ta, 0, sizeof(*ta));
  ta->dn.data = dn.p;
  ta->dn.len = dn.len;
  ta->flags = br_x509_decoder_isCA(&dc) ? BR_X509_TA_CA : 0;
  ta->pkey.key_type = pk->key_type;
  if (pk->key_type == BR_KEYTYPE_RSA) {
    unsigned char* k = malloc(pk->key.rsa.nlen + pk->key.rsa.elen);
    if (k == NULL) {
      free(dn.p);
      return;
    }
    memcpy(k, pk->key.rsa.n, pk->key.rsa.nlen);
    memcpy(k + pk->key.rsa.nlen, pk->key.rsa.e, pk->key.rsa.elen);
    ta->pkey.key.rsa.n = k;
    ta->pkey.key.rsa.nlen = pk->key.rsa.nlen;
    ta->pkey.key.rsa.e = k + pk->key.rsa.nlen;
    ta->pkey.key.rsa.elen = pk->key.rsa.elen;
  } else {
    unsigned char* q = malloc(pk->key.ec.qlen);
    if (q == NULL) {
      free(dn.p);
      return;
    }
    memcpy(q, pk->key.ec.q, pk->key.ec.qlen);
    ta->pkey.key.ec.curve = pk->key.ec.curve;
    ta->pkey.key.ec.q = q;
    ta->pkey.key.ec.qlen = pk->key.ec.qlen;
  }
  s->ta_len++;
  a->count++;
}

static duk_ret_t sctx_add_ca(duk_context* ctx) {
  return add_pem_blocks(ctx, add_ca_fn);
}

typedef struct {
  duk_context* ctx;
  duk_uarridx_t n;
} pem_list_t;

static void read_pem_fn(void* arg, const char* name, const unsigned char* der,
                        size_t len) {
  pem_list_t* l = arg;
  duk_context* ctx = l->ctx;
  void* p;
  duk_push_object(ctx);
  duk_push_string(ctx, name);
  lode_put_lit(ctx, -2, "type");
  p = lode_js_push_buffer(ctx, len);
  memcpy(p, der, len);
  lode_put_lit(ctx, -2, "der");
  lode_duk_put_index(ctx, -2, l->n++);
}

static duk_ret_t tls_read_pem(duk_context* ctx) {
  pem_list_t l;
  size_t len;
  const unsigned char* p = lode_js_get_bytes(ctx, 0, &len);
  duk_push_array(ctx);
  l.ctx = ctx;
  l.n = 0;
  if (p != NULL && pem_each(p, len, read_pem_fn, &l) != 0) duk_push_null(ctx);
  return 1;
}

/* ---- the X.509 validator wrapper ----
 *
 * BearSSL's minimal validator decides trust; this wrapper records its
 * verdict instead of failing the handshake, as Node does (the JS side
 * then applies rejectUnauthorized and checkServerIdentity), keeps the
 * peer's chain for getPeerCertificate(), and, when the chain is not
 * trusted, still yields the leaf's public key (decoded separately) so
 * the handshake can finish. Host names are never checked here. */

typedef struct conn_s conn_t;

typedef struct {
  const br_x509_class* vtable;
  br_x509_minimal_context minimal;
  br_x509_decoder_context leaf;
  conn_t* conn;
} x509_wrap_t;

struct conn_s {
  int is_server;
  int handshake_done;
  int freed;
  union {
    br_ssl_client_context client;
    br_ssl_server_context server;
  } u;
  br_ssl_engine_context* eng;
  x509_wrap_t x509;
  /* the peer's chain, concatenated */
  bytes_t chain;
  size_t cert_off[MAX_CHAIN], cert_len[MAX_CHAIN];
  int ncerts, cert_index;
  int verify_err;
  int got_chain;
  int strict;  /* fail the handshake on an untrusted peer chain */
  int offered; /* client: a session was offered for resumption */
  /* Incoming records are tracked so that an alert after the handshake
   * (in practice close_notify: anything fatal ends the connection
   * anyway) is held back from BearSSL, which would answer it and close
   * both directions at once. The peer's end then reads as EOF while we
   * can still send; the held record goes to BearSSL when we close. */
  unsigned char rec_hdr[5];
  size_t rec_hdr_len; /* header bytes of the next record seen so far */
  size_t rec_left;    /* body bytes of the current record still to come */
  int holding;        /* the current record is an alert being held */
  int peer_closed;    /* a complete alert is held */
  unsigned char held[256];
  size_t held_len;
  br_ssl_session_parameters offer;
  int alert_sent;
  const char* alpn[MAX_ALPN];
  char alpn_store[256];
  unsigned char iobuf[BR_SSL_BUFSIZE_BIDI];
};

static void xw_start_chain(const br_x509_class** ctx, const char* server_name) {
  x509_wrap_t* w = (x509_wrap_t*) ctx;
  (void) server_name;
  w->minimal.vtable->start_chain(&w->minimal.vtable, NULL);
  w->conn->chain.len = 0;
  w->conn->ncerts = 0;
  w->conn->cert_index = 0;
  w->conn->got_chain = 1;
}

static void xw_start_cert(const br_x509_class** ctx, uint32_t length) {
  x509_wrap_t* w = (x509_wrap_t*) ctx;
  conn_t* c = w->conn;
  w->minimal.vtable->start_cert(&w->minimal.vtable, length);
  if (c->cert_index == 0) br_x509_decoder_init(&w->leaf, 0, 0);
  if (c->ncerts < MAX_CHAIN) {
    c->cert_off[c->ncerts] = c->chain.len;
    c->cert_len[c->ncerts] = 0;
  }
}

static void xw_append(const br_x509_class** ctx, const unsigned char* buf,
                      size_t len) {
  x509_wrap_t* w = (x509_wrap_t*) ctx;
  conn_t* c = w->conn;
  w->minimal.vtable->append(&w->minimal.vtable, buf, len);
  if (c->cert_index == 0) br_x509_decoder_push(&w->leaf, buf, len);
  if (c->ncerts < MAX_CHAIN && bytes_add(&c->chain, buf, len) == 0)
    c->cert_len[c->ncerts] += len;
}

static void xw_end_cert(const br_x509_class** ctx) {
  x509_wrap_t* w = (x509_wrap_t*) ctx;
  conn_t* c = w->conn;
  w->minimal.vtable->end_cert(&w->minimal.vtable);
  if (c->ncerts < MAX_CHAIN) c->ncerts++;
  c->cert_index++;
}

static unsigned xw_end_chain(const br_x509_class** ctx) {
  x509_wrap_t* w = (x509_wrap_t*) ctx;
  int err = (int) w->minimal.vtable->end_chain(&w->minimal.vtable);
  w->conn->verify_err = err == BR_ERR_X509_OK ? 0 : err;
  if (w->conn->strict && w->conn->verify_err != 0)
    return (unsigned) w->conn->verify_err;
  /* Without a usable leaf key the handshake cannot go on at all. */
  if (w->conn->verify_err != 0 && br_x509_decoder_get_pkey(&w->leaf) == NULL)
    return (unsigned) w->conn->verify_err;
  return 0;
}

static const br_x509_pkey* xw_get_pkey(const br_x509_class* const* ctx,
                                       unsigned* usages) {
  x509_wrap_t* w = (x509_wrap_t*) ctx;
  const br_x509_pkey* pk;
  if (w->conn->verify_err == 0) {
    pk = w->minimal.vtable->get_pkey(&w->minimal.vtable, usages);
    if (pk != NULL) return pk;
  }
  pk = br_x509_decoder_get_pkey(&w->leaf);
  if (usages != NULL) *usages = BR_KEYTYPE_KEYX | BR_KEYTYPE_SIGN;
  return pk;
}

static const br_x509_class x509_wrap_vtable = {
    sizeof(x509_wrap_t), xw_start_chain, xw_start_cert, xw_append,
    xw_end_cert,         xw_end_chain,   xw_get_pkey};

/* The same validator setup as br_ssl_client_init_full. */
static void init_minimal(br_x509_minimal_context* xc, const sctx_t* anchors) {
  br_x509_minimal_init(xc, &br_sha256_vtable, anchors ? anchors->tas : NULL,
                       anchors ? anchors->ta_len : 0);
  br_x509_minimal_set_hash(xc, br_sha1_ID, &br_sha1_vtable);
  br_x509_minimal_set_hash(xc, br_sha224_ID, &br_sha224_vtable);
  br_x509_minimal_set_hash(xc, br_sha256_ID, &br_sha256_vtable);
  br_x509_minimal_set_hash(xc, br_sha384_ID, &br_sha384_vtable);
  br_x509_minimal_set_hash(xc, br_sha512_ID, &br_sha512_vtable);
  br_x509_minimal_set_rsa(xc, br_rsa_pkcs1_vrfy_get_default());
  br_x509_minimal_set_ecdsa(xc, br_ec_get_default(),
                            br_ecdsa_vrfy_asn1_get_default());
}

/* ---- connections ---- */

static conn_t* get_conn(duk_context* ctx) {
  conn_t* c;
  duk_push_this(ctx);
  lode_get_lit(ctx, -1, PTR_KEY);
  c = duk_get_pointer(ctx, -1);
  duk_pop_2(ctx);
  if (c == NULL)
    (void) duk_error(ctx, DUK_ERR_ERROR, "TLS connection is freed");
  return c;
}

static void conn_free(conn_t* c) {
  if (c == NULL) return;
  free(c->chain.p);
  free(c);
}

static duk_ret_t conn_finalize(duk_context* ctx) {
  lode_get_lit(ctx, 0, PTR_KEY);
  conn_free(duk_get_pointer(ctx, -1));
  duk_pop(ctx);
  duk_push_pointer(ctx, NULL);
  lode_put_lit(ctx, 0, PTR_KEY);
  return 0;
}

static duk_ret_t conn_free_js(duk_context* ctx) {
  duk_push_this(ctx);
  lode_get_lit(ctx, -1, PTR_KEY);
  conn_free(duk_get_pointer(ctx, -1));
  duk_pop(ctx);
  duk_push_pointer(ctx, NULL);
  lode_put_lit(ctx, -2, PTR_KEY);
  return 0;
}

/* The cipher suites, in preference order: options.suites (numbers, from
 * the `ciphers` option) when given; otherwise BearSSL's list (ChaCha20
 * first: constant-time without hardware help), but with AES-GCM first
 * when the CPU has AES-NI, where it is several times faster. */
static void set_suites(duk_context* ctx, br_ssl_engine_context* eng,
                       duk_idx_t opts) {
  static const uint16_t aesni_first[] = {
      BR_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
      BR_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
      BR_TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
      BR_TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
      BR_TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
      BR_TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
      BR_TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256,
      BR_TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256,
      BR_TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384,
      BR_TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384,
      BR_TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA,
      BR_TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA,
      BR_TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA,
      BR_TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA,
      BR_TLS_RSA_WITH_AES_128_GCM_SHA256,
      BR_TLS_RSA_WITH_AES_256_GCM_SHA384,
      BR_TLS_RSA_WITH_AES_128_CBC_SHA256,
      BR_TLS_RSA_WITH_AES_256_CBC_SHA256,
      BR_TLS_RSA_WITH_AES_128_CBC_SHA,
      BR_TLS_RSA_WITH_AES_256_CBC_SHA};
  uint16_t list[32];
  size_t n = 0;
  if (duk_is_object(ctx, opts) && lode_get_lit(ctx, opts, "suites") &&
      duk_is_array(ctx, -1)) {
    duk_size_t i, len = duk_get_length(ctx, -1);
    for (i = 0; i < len && n < sizeof(list) / sizeof(list[0]); i++) {
      lode_duk_get_index(ctx, -1, (duk_uarridx_t) i);
      if (duk_is_number(ctx, -1)) list[n++] = (uint16_t) duk_get_uint(ctx, -1);
      duk_pop(ctx);
    }
  }
  if (duk_is_object(ctx, opts)) duk_pop(ctx);
  if (n > 0) {
    br_ssl_engine_set_suites(eng, list, n);
  } else if (br_aes_x86ni_ctr_get_vtable() != NULL) {
    br_ssl_engine_set_suites(eng, aesni_first,
                             sizeof(aesni_first) / sizeof(aesni_first[0]));
  }
}

/* Sessions cross JS as 87 bytes: 'L', 1, id length, id[32], version
 * (2), cipher suite (2), master secret (48). */
#define SESSION_LEN 87
#define LRU_SIZE (64 * 1024)

static void session_encode(const br_ssl_session_parameters* sp,
                           unsigned char* out) {
  out[0] = 'L';
  out[1] = 1;
  out[2] = sp->session_id_len;
  memcpy(out + 3, sp->session_id, 32);
  out[35] = (unsigned char) (sp->version >> 8);
  out[36] = (unsigned char) sp->version;
  out[37] = (unsigned char) (sp->cipher_suite >> 8);
  out[38] = (unsigned char) sp->cipher_suite;
  memcpy(out + 39, sp->master_secret, 48);
}

static int session_decode(br_ssl_session_parameters* sp,
                          const unsigned char* in, size_t len) {
  if (len != SESSION_LEN || in[0] != 'L' || in[1] != 1 || in[2] > 32) return -1;
  memset(sp, 0, sizeof(*sp));
  sp->session_id_len = in[2];
  memcpy(sp->session_id, in + 3, 32);
  sp->version = (uint16_t) ((in[35] << 8) | in[36]);
  sp->cipher_suite = (uint16_t) ((in[37] << 8) | in[38]);
  memcpy(sp->master_secret, in + 39, 48);
  return 0;
}

/* new TLSWrap(isServer, keys, anchors, options) */
static duk_ret_t conn_new(duk_context* ctx) {
  int is_server = duk_to_boolean(ctx, 0);
  sctx_t* keys = get_sctx(ctx, 1);
  sctx_t* anchors = get_sctx(ctx, 2);
  const char* servername = NULL;
  unsigned vmin = BR_TLS12, vmax = BR_TLS12;
  int request_cert = 0, strict = 0;
  unsigned char seed[32];
  conn_t* c;
  size_t nalpn = 0;

  if (!duk_is_constructor_call(ctx)) return DUK_RET_TYPE_ERROR;
  if (duk_is_object(ctx, 3)) {
    if (lode_get_lit(ctx, 3, "servername") && duk_is_string(ctx, -1))
      servername = duk_get_string(ctx, -1);
    duk_pop(ctx);
    if (lode_get_lit(ctx, 3, "minVersion") && duk_is_number(ctx, -1))
      vmin = duk_get_uint(ctx, -1);
    duk_pop(ctx);
    if (lode_get_lit(ctx, 3, "maxVersion") && duk_is_number(ctx, -1))
      vmax = duk_get_uint(ctx, -1);
    duk_pop(ctx);
    lode_get_lit(ctx, 3, "requestCert");
    request_cert = duk_to_boolean(ctx, -1);
    duk_pop(ctx);
    lode_get_lit(ctx, 3, "rejectUnauthorized");
    strict = duk_to_boolean(ctx, -1);
    duk_pop(ctx);
  }
  if (is_server &&
      (keys == NULL || keys->key_type == 0 || keys->chain_len == 0))
    return duk_error(ctx, DUK_ERR_ERROR,
                     "a TLS server needs a certificate and a key");

  c = calloc(1, sizeof(*c));
  if (c == NULL) return duk_error(ctx, DUK_ERR_ERROR, "out of memory");
  c->is_server = is_server;
  c->x509.vtable = &x509_wrap_vtable;
  c->x509.conn = c;

  if (is_server) {
    br_ssl_server_context* sc = &c->u.server;
    c->eng = &sc->eng;
    if (keys->key_type == BR_KEYTYPE_RSA)
      br_ssl_server_init_full_rsa(sc, keys->chain, keys->chain_len,
                                  br_skey_decoder_get_rsa(&keys->skey));
    else
      br_ssl_server_init_full_ec(sc, keys->chain, keys->chain_len,
                                 keys->issuer_key_type,
                                 br_skey_decoder_get_ec(&keys->skey));
    /* No resumption when client certificates are asked for: a resumed
     * handshake shows no chain to judge.
     * XXX: keep the client's verdict with the session instead. */
    if (!request_cert && keys->lru_store == NULL) {
      keys->lru_store = malloc(LRU_SIZE);
      if (keys->lru_store != NULL)
        br_ssl_session_cache_lru_init(&keys->lru, keys->lru_store, LRU_SIZE);
    }
    if (!request_cert && keys->lru_store != NULL)
      br_ssl_server_set_cache(sc, &keys->lru.vtable);
    if (request_cert) {
      init_minimal(&c->x509.minimal, anchors);
      if (anchors != NULL && anchors->ta_len > 0)
        br_ssl_server_set_trust_anchor_names_alt(sc, anchors->tas,
                                                 anchors->ta_len);
      else
        br_ssl_server_set_trust_anchor_names(sc, NULL, 0);
      br_ssl_engine_set_x509(c->eng, &c->x509.vtable);
      /* CertificateVerify needs the signature verifiers. */
      br_ssl_engine_set_default_rsavrfy(c->eng);
      br_ssl_engine_set_default_ecdsa(c->eng);
      /* rejectUnauthorized: the handshake itself fails, with an alert
       * (Node's behaviour); otherwise JS reads the verdict later. */
      c->strict = strict;
      if (!strict)
        br_ssl_engine_add_flags(c->eng, BR_OPT_TOLERATE_NO_CLIENT_AUTH);
    }
  } else {
    br_ssl_client_context* cc = &c->u.client;
    c->eng = &cc->eng;
    br_ssl_client_init_full(cc, &c->x509.minimal, anchors ? anchors->tas : NULL,
                            anchors ? anchors->ta_len : 0);
    br_ssl_engine_set_x509(c->eng, &c->x509.vtable);
    if (keys != NULL && keys->key_type != 0 && keys->chain_len > 0) {
      if (keys->key_type == BR_KEYTYPE_RSA)
        br_ssl_client_set_single_rsa(cc, keys->chain, keys->chain_len,
                                     br_skey_decoder_get_rsa(&keys->skey),
                                     br_rsa_pkcs1_sign_get_default());
      else
        br_ssl_client_set_single_ec(cc, keys->chain, keys->chain_len,
                                    br_skey_decoder_get_ec(&keys->skey),
                                    BR_KEYTYPE_SIGN, keys->issuer_key_type,
                                    br_ec_get_default(),
                                    br_ecdsa_sign_asn1_get_default());
    }
  }
  set_suites(ctx, c->eng, 3);
  if (vmin < BR_TLS10) vmin = BR_TLS10;
  if (vmax > BR_TLS12) vmax = BR_TLS12;
  br_ssl_engine_set_versions(c->eng, vmin, vmax);
  br_ssl_engine_set_buffer(c->eng, c->iobuf, sizeof(c->iobuf), 1);

  /* ALPN names: copied into the connection (BearSSL keeps pointers). */
  if (duk_is_object(ctx, 3) && lode_get_lit(ctx, 3, "alpn") &&
      duk_is_array(ctx, -1)) {
    duk_size_t i, n = duk_get_length(ctx, -1);
    size_t used = 0;
    for (i = 0; i < n && nalpn < MAX_ALPN; i++) {
      const char* s;
      size_t len;
      lode_duk_get_index(ctx, -1, (duk_uarridx_t) i);
      s = duk_get_lstring(ctx, -1, &len);
      if (s != NULL && len > 0 && len < 256 &&
          used + len + 1 <= sizeof(c->alpn_store)) {
        memcpy(c->alpn_store + used, s, len + 1);
        c->alpn[nalpn++] = c->alpn_store + used;
        used += len + 1;
      }
      duk_pop(ctx);
    }
  }
  if (duk_is_object(ctx, 3)) duk_pop(ctx);
  if (nalpn > 0) {
    br_ssl_engine_set_protocol_names(c->eng, c->alpn, nalpn);
    /* A server that speaks none of the client's protocols refuses it
     * (no_application_protocol), as Node's does. */
    if (is_server)
      br_ssl_engine_add_flags(c->eng, BR_OPT_FAIL_ON_ALPN_MISMATCH);
  }

  /* Seed BearSSL's generator from the OS (it would otherwise pick its own
   * system source; this keeps the choice in platform/). */
  if (lode_random(seed, sizeof(seed)) == 0)
    br_ssl_engine_inject_entropy(c->eng, seed, sizeof(seed));

  if (is_server) {
    br_ssl_server_reset(&c->u.server);
  } else {
    /* options.session: a Buffer from session() on an earlier connection */
    if (duk_is_object(ctx, 3) && lode_get_lit(ctx, 3, "session")) {
      size_t n;
      const unsigned char* p = lode_js_get_bytes(ctx, -1, &n);
      if (p != NULL && session_decode(&c->offer, p, n) == 0) {
        br_ssl_engine_set_session_parameters(c->eng, &c->offer);
        c->offered = 1;
      }
    }
    if (duk_is_object(ctx, 3)) duk_pop(ctx);
    br_ssl_client_reset(&c->u.client, servername, c->offered);
  }

  duk_push_this(ctx);
  duk_push_pointer(ctx, c);
  lode_put_lit(ctx, -2, PTR_KEY);
  duk_push_c_function(ctx, conn_finalize, 1);
  duk_set_finalizer(ctx, -2);
  return 0;
}

/* BearSSL closes without telling the peer why when it rejects the peer's
 * hello or certificate. Before any ChangeCipherSpec from us, a plaintext
 * fatal alert is still well-formed, so the peer gets a clear error (as
 * from OpenSSL) instead of a bare disconnect. The alert to send for err,
 * or -1. */
static int handshake_alert(const conn_t* c, int err) {
  if (c->handshake_done || c->alert_sent) return -1;
  switch (err) {
    case BR_ERR_X509_EXPIRED:
      return 45; /* certificate_expired */
    case BR_ERR_X509_NOT_TRUSTED:
      return 48; /* unknown_ca */
    case BR_ERR_NO_CLIENT_AUTH:
      return 40; /* handshake_failure */
    case BR_ERR_UNSUPPORTED_VERSION:
      return 70; /* protocol_version */
    case BR_ERR_BAD_VERSION:
      return 70;
    case BR_ERR_BAD_CIPHER_SUITE:
      return 40;
    default:
      if (err >= BR_ERR_X509_OK && err < 64) return 42; /* bad_certificate */
      return -1;
  }
}

/* Runs the engine: takes in[0..inlen) as received records and
 * app[0..applen) as application data to send, gathering what comes out
 * in the scratch areas. *taken: application bytes the engine accepted.
 * Returns the status described at the top. */
static int pump(conn_t* c, const unsigned char* in, size_t inlen,
                const unsigned char* app, size_t applen, size_t* taken) {
  br_ssl_engine_context* eng = c->eng;
  int status = 0;
  size_t took = 0;
  for (;;) {
    unsigned st = br_ssl_engine_current_state(eng);
    unsigned char* buf;
    size_t len, n;
    if (st & BR_SSL_CLOSED) {
      int err = br_ssl_engine_last_error(eng);
      /* Records the engine queued before closing (an alert) are lost to
       * BearSSL's API here; nothing more can be sent. */
      if (err != BR_ERR_OK) {
        int alert = handshake_alert(c, err);
        if (alert >= 0) {
          unsigned char rec[7] = {21, 3, 3, 0, 2, 2, 0};
          rec[6] = (unsigned char) alert;
          (void) bytes_add(&scratch_cipher, rec, sizeof(rec));
          c->alert_sent = 1;
        }
        status = -err;
      } else {
        status |= 4;
      }
      break;
    }
    if (st & BR_SSL_SENDREC) {
      buf = br_ssl_engine_sendrec_buf(eng, &len);
      if (bytes_add(&scratch_cipher, buf, len) != 0) return -BR_ERR_IO;
      br_ssl_engine_sendrec_ack(eng, len);
      continue;
    }
    if (st & BR_SSL_RECVAPP) {
      buf = br_ssl_engine_recvapp_buf(eng, &len);
      if (bytes_add(&scratch_plain, buf, len) != 0) return -BR_ERR_IO;
      br_ssl_engine_recvapp_ack(eng, len);
      continue;
    }
    if ((st & BR_SSL_SENDAPP) && !c->handshake_done) {
      c->handshake_done = 1;
      status |= 1;
    }
    if (applen > 0 && (st & BR_SSL_SENDAPP)) {
      buf = br_ssl_engine_sendapp_buf(eng, &len);
      n = len < applen ? len : applen;
      memcpy(buf, app, n);
      br_ssl_engine_sendapp_ack(eng, n);
      app += n;
      applen -= n;
      took += n;
      if (applen == 0) br_ssl_engine_flush(eng, 0);
      continue;
    }
    if (inlen > 0 && (st & BR_SSL_RECVREC)) {
      buf = br_ssl_engine_recvrec_buf(eng, &len);
      n = len < inlen ? len : inlen;
      memcpy(buf, in, n);
      br_ssl_engine_recvrec_ack(eng, n);
      in += n;
      inlen -= n;
      continue;
    }
    break;
  }
  if (taken != NULL) *taken = took;
  return status;
}

/* [ ... ] → [ ... ]; sets this.cipherOut / this.plainOut from scratch. */
static void put_outputs(duk_context* ctx) {
  duk_push_this(ctx);
  if (scratch_cipher.len > 0) {
    void* p = lode_js_push_buffer(ctx, scratch_cipher.len);
    memcpy(p, scratch_cipher.p, scratch_cipher.len);
  } else {
    duk_push_undefined(ctx);
  }
  lode_put_lit(ctx, -2, "cipherOut");
  if (scratch_plain.len > 0) {
    void* p = lode_js_push_buffer(ctx, scratch_plain.len);
    memcpy(p, scratch_plain.p, scratch_plain.len);
  } else {
    duk_push_undefined(ctx);
  }
  lode_put_lit(ctx, -2, "plainOut");
  duk_pop(ctx);
  /* One huge write must not pin its size in memory for good. */
  if (scratch_cipher.cap > ((size_t) 1 << 20)) {
    free(scratch_cipher.p);
    memset(&scratch_cipher, 0, sizeof(scratch_cipher));
  }
  if (scratch_plain.cap > ((size_t) 1 << 20)) {
    free(scratch_plain.p);
    memset(&scratch_plain, 0, sizeof(scratch_plain));
  }
}

static void scratch_reset(void) {
  scratch_cipher.len = 0;
  scratch_plain.len = 0;
}

/* Feeds received bytes record by record (see rec_hdr in conn_t). Returns
 * the status bits of the pump calls or-ed together, bit 2 when an alert
 * was held, or a negative error. */
static int feed_records(conn_t* c, const unsigned char* p, size_t n) {
  int status = 0, st;
  while (n > 0 && !c->peer_closed) {
    size_t k;
    if (c->rec_left == 0 && !c->holding) {
      size_t reclen;
      k = 5 - c->rec_hdr_len;
      if (k > n) k = n;
      memcpy(c->rec_hdr + c->rec_hdr_len, p, k);
      c->rec_hdr_len += k;
      p += k;
      n -= k;
      if (c->rec_hdr_len < 5) break;
      c->rec_hdr_len = 0;
      reclen = ((size_t) c->rec_hdr[3] << 8) | c->rec_hdr[4];
      if (c->handshake_done && c->rec_hdr[0] == 21 && reclen > 0 &&
          5 + reclen <= sizeof(c->held)) {
        memcpy(c->held, c->rec_hdr, 5);
        c->held_len = 5;
        c->holding = 1;
      } else {
        st = pump(c, c->rec_hdr, 5, NULL, 0, NULL);
        if (st < 0) return st;
        status |= st;
      }
      c->rec_left = reclen;
      continue;
    }
    k = c->rec_left < n ? c->rec_left : n;
    if (c->holding) {
      memcpy(c->held + c->held_len, p, k);
      c->held_len += k;
    } else {
      st = pump(c, p, k, NULL, 0, NULL);
      if (st < 0) return st;
      status |= st;
    }
    p += k;
    n -= k;
    c->rec_left -= k;
    if (c->rec_left == 0 && c->holding) {
      c->holding = 0;
      c->peer_closed = 1;
      status |= 2;
    }
  }
  return status;
}

static duk_ret_t conn_start(duk_context* ctx) {
  conn_t* c = get_conn(ctx);
  int st;
  scratch_reset();
  st = pump(c, NULL, 0, NULL, 0, NULL);
  put_outputs(ctx);
  duk_push_int(ctx, st);
  return 1;
}

static duk_ret_t conn_feed(duk_context* ctx) {
  conn_t* c = get_conn(ctx);
  size_t len;
  const unsigned char* p = lode_js_get_bytes(ctx, 0, &len);
  int st;
  scratch_reset();
  st = feed_records(c, p, p ? len : 0);
  put_outputs(ctx);
  duk_push_int(ctx, st);
  return 1;
}

static duk_ret_t conn_write(duk_context* ctx) {
  conn_t* c = get_conn(ctx);
  size_t len, taken = 0;
  const unsigned char* p;
  int st;
  if (duk_is_string(ctx, 0))
    p = (const unsigned char*) lode_js_utf8(ctx, 0, &len);
  else
    p = lode_js_get_bytes(ctx, 0, &len);
  scratch_reset();
  st = pump(c, NULL, 0, p, p ? len : 0, &taken);
  put_outputs(ctx);
  duk_push_this(ctx);
  duk_push_number(ctx, (double) taken);
  lode_put_lit(ctx, -2, "written");
  duk_pop(ctx);
  duk_push_int(ctx, st);
  return 1;
}

static duk_ret_t conn_close(duk_context* ctx) {
  conn_t* c = get_conn(ctx);
  int st;
  scratch_reset();
  if (c->peer_closed && c->held_len > 0) {
    /* the peer's held close_notify: BearSSL answers with ours */
    st = pump(c, c->held, c->held_len, NULL, 0, NULL);
    c->held_len = 0;
  } else {
    br_ssl_engine_close(c->eng);
    st = pump(c, NULL, 0, NULL, 0, NULL);
  }
  put_outputs(ctx);
  duk_push_int(ctx, st);
  return 1;
}

static duk_ret_t conn_peer_certificates(duk_context* ctx) {
  conn_t* c = get_conn(ctx);
  int i;
  duk_push_array(ctx);
  for (i = 0; i < c->ncerts; i++) {
    void* p = lode_js_push_buffer(ctx, c->cert_len[i]);
    memcpy(p, c->chain.p + c->cert_off[i], c->cert_len[i]);
    lode_duk_put_index(ctx, -2, (duk_uarridx_t) i);
  }
  return 1;
}

static duk_ret_t conn_verify_error(duk_context* ctx) {
  conn_t* c = get_conn(ctx);
  duk_push_int(ctx, c->got_chain ? c->verify_err : -1);
  return 1;
}

static duk_ret_t conn_cipher_suite(duk_context* ctx) {
  conn_t* c = get_conn(ctx);
  duk_push_uint(ctx, c->eng->session.cipher_suite);
  return 1;
}

static duk_ret_t conn_version(duk_context* ctx) {
  conn_t* c = get_conn(ctx);
  duk_push_uint(ctx, br_ssl_engine_get_version(c->eng));
  return 1;
}

static duk_ret_t conn_alpn(duk_context* ctx) {
  conn_t* c = get_conn(ctx);
  const char* p = br_ssl_engine_get_selected_protocol(c->eng);
  if (p == NULL) return 0;
  duk_push_string(ctx, p);
  return 1;
}

/* session(): the session parameters (to resume later), after the
 * handshake; undefined when the server gave no session ID. */
static duk_ret_t conn_session(duk_context* ctx) {
  conn_t* c = get_conn(ctx);
  br_ssl_session_parameters sp;
  if (!c->handshake_done) return 0;
  br_ssl_engine_get_session_parameters(c->eng, &sp);
  if (sp.session_id_len == 0) return 0;
  session_encode(&sp, lode_js_push_buffer(ctx, SESSION_LEN));
  return 1;
}

/* resumed(): the client's offered session was accepted (the server
 * answered with the same session ID). */
static duk_ret_t conn_resumed(duk_context* ctx) {
  conn_t* c = get_conn(ctx);
  br_ssl_session_parameters sp;
  int same = 0;
  if (c->offered && c->handshake_done) {
    br_ssl_engine_get_session_parameters(c->eng, &sp);
    same = sp.session_id_len == c->offer.session_id_len &&
           sp.session_id_len > 0 &&
           memcmp(sp.session_id, c->offer.session_id, sp.session_id_len) == 0;
  }
  duk_push_boolean(ctx, same);
  return 1;
}

static duk_ret_t conn_server_name(duk_context* ctx) {
  conn_t* c = get_conn(ctx);
  const char* p = br_ssl_engine_get_server_name(c->eng);
  if (p == NULL || p[0] == 0) return 0;
  duk_push_string(ctx, p);
  return 1;
}

void lode_binding_tls_wrap(duk_context* ctx) {
  static const duk_function_list_entry sctx_methods[] = {
      {"addCert", sctx_add_cert, 1},
      {"setKey", sctx_set_key, 1},
      {"addCA", sctx_add_ca, 1},
      {"free", sctx_free_js, 0},
      {NULL, NULL, 0}};
  static const duk_function_list_entry conn_methods[] = {
      {"start", conn_start, 0},
      {"feed", conn_feed, 1},
      {"write", conn_write, 1},
      {"close", conn_close, 0},
      {"peerCertificates", conn_peer_certificates, 0},
      {"verifyError", conn_verify_error, 0},
      {"cipherSuite", conn_cipher_suite, 0},
      {"version", conn_version, 0},
      {"alpnProtocol", conn_alpn, 0},
      {"serverName", conn_server_name, 0},
      {"session", conn_session, 0},
      {"resumed", conn_resumed, 0},
      {"free", conn_free_js, 0},
      {NULL, NULL, 0}};
  duk_push_object(ctx); /* [ binding ] */
  duk_push_c_function(ctx, sctx_new, 0);
  duk_push_object(ctx);
  lode_js_put_functions(ctx, sctx_methods);
  lode_put_lit(ctx, -2, "prototype");
  lode_put_lit(ctx, -2, "SecureContext");
  duk_push_c_function(ctx, conn_new, 4);
  duk_push_object(ctx);
  lode_js_put_functions(ctx, conn_methods);
  lode_put_lit(ctx, -2, "prototype");
  lode_put_lit(ctx, -2, "TLSWrap");
  duk_push_c_function(ctx, tls_read_pem, 1);
  lode_put_lit(ctx, -2, "readPem");
}
