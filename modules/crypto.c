/*
 * crypto.c — internalBinding('crypto'): hashes, HMAC, PBKDF2, AES-GCM and
 * AES-CBC, and the OS's random bytes, on BearSSL's implementations
 * (layer: modules/; the JS half is stdlib/crypto.js, which validates
 * arguments and throws Node's errors).
 *
 * State lives in fixed Duktape buffers (never resized, so their address is
 * stable and BearSSL's internal pointers, such as the GCM context's link
 * to its block cipher keys, stay valid); the garbage collector frees them
 * with the JS object, so nothing here needs a finalizer.
 *
 *   hashAlgorithm(name)            index (0 md5 .. 5 sha512) or -1
 *   hashNew(alg, key)              state; key: bytes → HMAC, undefined → hash
 *   hashUpdate(state, data)        data: bytes, or a string (UTF-8)
 *   hashDigest(state)              Buffer; the state is spent
 *   hashCopy(state)                a new state (plain hashes)
 *   pbkdf2(pass, salt, iter, keylen, alg)          Buffer (sync)
 *   pbkdf2Job(pass, salt, iter, keylen, alg, cb)   cb(err, Buffer) later,
 *                                  computed on the worker pool
 *   randomFill(view, offset, size) fills from the OS; 0 or an error code
 *   randomFillJob(view, offset, size, cb)  the same on the worker pool
 *   cipherNew(mode, encrypt, key, iv, tagLength)   state (mode 0 GCM,
 *                                  1 CBC); the JS side checks lengths
 *   cipherSetAAD(state, data)      0, or -4 once data has been processed
 *   cipherUpdate(state, data)      Buffer
 *   cipherFinal(state)             Buffer, or a negative status:
 *                                  -1 wrong final block length, -2 bad
 *                                  decrypt (padding), -3 authentication
 *   cipherGetAuthTag(state)        Buffer (after final, encrypting)
 *   cipherSetAuthTag(state, tag)
 *   cipherSetAutoPadding(state, on)
 *   timingSafeEqual(a, b)          constant time in the length
 */
#include <bearssl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"

/* ---- hashes ---- */

static const br_hash_class* const hash_classes[] = {
    &br_md5_vtable,    &br_sha1_vtable,   &br_sha224_vtable,
    &br_sha256_vtable, &br_sha384_vtable, &br_sha512_vtable};
static const char* const hash_names[] = {"md5",    "sha1",   "sha224",
                                         "sha256", "sha384", "sha512"};
#define HASH_COUNT 6

static size_t hash_out_len(const br_hash_class* vt) {
  return (size_t) (vt->desc >> BR_HASHDESC_OUT_OFF) & BR_HASHDESC_OUT_MASK;
}

typedef struct {
  int hmac; /* 0 plain hash, 1 HMAC */
  int alg;
  union {
    br_hash_compat_context hash;
    br_hmac_context hmac;
  } u;
} hash_state_t;

/* Accepts Node's usual spellings: "sha256", "SHA256", "sha-256",
 * "RSA-SHA256", "sha256WithRSAEncryption". */
static int find_hash(const char* name) {
  char low[40];
  size_t i, n = strlen(name), k = 0;
  if (n >= sizeof(low)) return -1;
  for (i = 0; i < n; i++) {
    char c = name[i];
    if (c >= 'A' && c <= 'Z') c = (char) (c - 'A' + 'a');
    low[i] = c;
  }
  low[n] = 0;
  if (n > 4 && memcmp(low, "rsa-", 4) == 0) memmove(low, low + 4, (n -= 4) + 1);
  if (n > 17 && strcmp(low + n - 17, "withrsaencryption") == 0)
    low[n -= 17] = 0;
  /* sha-256 → sha256 (but not md5) */
  if (n > 4 && memcmp(low, "sha-", 4) == 0) memmove(low + 3, low + 4, n - 3);
  for (k = 0; k < HASH_COUNT; k++)
    if (strcmp(low, hash_names[k]) == 0) return (int) k;
  return -1;
}

static duk_ret_t crypto_hash_algorithm(duk_context* ctx) {
  duk_push_int(ctx, find_hash(duk_require_string(ctx, 0)));
  return 1;
}

static hash_state_t* get_hash(duk_context* ctx, duk_idx_t idx) {
  duk_size_t n = 0;
  hash_state_t* h = duk_require_buffer(ctx, idx, &n);
  if (n != sizeof(*h))
    (void) duk_error(ctx, DUK_ERR_TYPE_ERROR, "bad hash state");
  return h;
}

static duk_ret_t crypto_hash_new(duk_context* ctx) {
  int alg = duk_require_int(ctx, 0);
  hash_state_t* h;
  if (alg < 0 || alg >= HASH_COUNT) return DUK_RET_RANGE_ERROR;
  h = duk_push_fixed_buffer(ctx, sizeof(*h)); /* [ alg key state ] */
  h->alg = alg;
  if (duk_is_undefined(ctx, 1)) {
    hash_classes[alg]->init(&h->u.hash.vtable);
  } else {
    br_hmac_key_context kc;
    size_t klen;
    const void* key = lode_js_get_bytes(ctx, 1, &klen);
    if (key == NULL) key = "";
    h->hmac = 1;
    br_hmac_key_init(&kc, hash_classes[alg], key, klen);
    br_hmac_init(&h->u.hmac, &kc, 0);
  }
  return 1;
}

static duk_ret_t crypto_hash_update(duk_context* ctx) {
  hash_state_t* h = get_hash(ctx, 0);
  const void* p;
  size_t n;
  if (duk_is_string(ctx, 1))
    p = lode_js_utf8(ctx, 1, &n);
  else
    p = lode_js_get_bytes(ctx, 1, &n);
  if (p == NULL || n == 0) return 0;
  if (h->hmac)
    br_hmac_update(&h->u.hmac, p, n);
  else
    h->u.hash.vtable->update(&h->u.hash.vtable, p, n);
  return 0;
}

static duk_ret_t crypto_hash_digest(duk_context* ctx) {
  hash_state_t* h = get_hash(ctx, 0);
  size_t n = hash_out_len(hash_classes[h->alg]);
  void* out = lode_js_push_buffer(ctx, n);
  if (h->hmac)
    br_hmac_out(&h->u.hmac, out);
  else
    h->u.hash.vtable->out(&h->u.hash.vtable, out);
  return 1;
}

static duk_ret_t crypto_hash_copy(duk_context* ctx) {
  hash_state_t* h = get_hash(ctx, 0);
  void* p = duk_push_fixed_buffer(ctx, sizeof(*h));
  memcpy(p, h, sizeof(*h));
  return 1;
}

/* ---- PBKDF2 (RFC 8018) over BearSSL's HMAC ---- */

static void pbkdf2(int alg, const void* pass, size_t plen, const void* salt,
                   size_t slen, uint32_t iter, unsigned char* out,
                   size_t outlen) {
  const br_hash_class* vt = hash_classes[alg];
  size_t hlen = hash_out_len(vt);
  br_hmac_key_context kc;
  br_hmac_context hc;
  unsigned char u[64], t[64], ctr[4];
  uint32_t block = 1, i;
  size_t j;

  br_hmac_key_init(&kc, vt, pass, plen);
  while (outlen > 0) {
    size_t take = outlen < hlen ? outlen : hlen;
    ctr[0] = (unsigned char) (block >> 24);
    ctr[1] = (unsigned char) (block >> 16);
    ctr[2] = (unsigned char) (block >> 8);
    ctr[3] = (unsigned char) block;
    br_hmac_init(&hc, &kc, 0);
    br_hmac_update(&hc, salt, slen);
    br_hmac_update(&hc, ctr, 4);
    br_hmac_out(&hc, u);
    memcpy(t, u, hlen);
    for (i = 1; i < iter; i++) {
      br_hmac_init(&hc, &kc, 0);
      br_hmac_update(&hc, u, hlen);
      br_hmac_out(&hc, u);
      for (j = 0; j < hlen; j++) t[j] ^= u[j];
    }
    memcpy(out, t, take);
    out += take;
    outlen -= take;
    block++;
  }
}

static duk_ret_t crypto_pbkdf2(duk_context* ctx) {
  size_t plen, slen;
  const void* pass = lode_js_get_bytes(ctx, 0, &plen);
  const void* salt = lode_js_get_bytes(ctx, 1, &slen);
  uint32_t iter = duk_require_uint(ctx, 2);
  size_t keylen = (size_t) duk_require_uint(ctx, 3);
  int alg = duk_require_int(ctx, 4);
  void* out;
  if (alg < 0 || alg >= HASH_COUNT) return DUK_RET_RANGE_ERROR;
  out = lode_js_push_buffer(ctx, keylen);
  pbkdf2(alg, pass ? pass : "", plen, salt ? salt : "", slen, iter, out,
         keylen);
  return 1;
}

/* ---- jobs on the worker pool ---- */

enum { JOB_PBKDF2, JOB_RANDOM };

/* A job owns copies of its inputs (the loop thread may change the JS
 * values meanwhile) and, for randomFill, holds a reference to the target
 * view: its bytes are a fixed buffer that stays put while referenced. */
typedef struct {
  lode_work_t req;
  duk_context* ctx;
  int kind;
  int cb_ref;
  int out_ref;
  int err;
  int alg;
  uint32_t iter;
  unsigned char* out;
  size_t outlen;
  unsigned char* pass;
  size_t plen;
  unsigned char* salt;
  size_t slen;
} job_t;

static void job_work(lode_work_t* req) {
  job_t* j = (job_t*) req;
  if (j->kind == JOB_PBKDF2)
    pbkdf2(j->alg, j->pass, j->plen, j->salt, j->slen, j->iter, j->out,
           j->outlen);
  else
    j->err = lode_random(j->out, j->outlen);
}

static void job_done(lode_work_t* req, int status) {
  job_t* j = (job_t*) req;
  duk_context* ctx = j->ctx;
  int err = status != 0 ? status : j->err;
  lode_js_push_ref(ctx, j->cb_ref);
  duk_push_undefined(ctx);
  if (err != 0)
    lode_js_push_error(
        ctx, err, j->kind == JOB_PBKDF2 ? "pbkdf2" : "randomFill", NULL, NULL);
  else
    duk_push_null(ctx);
  lode_js_push_ref(ctx, j->out_ref); /* [ cb undefined err out ] */
  lode_js_unref(ctx, j->cb_ref);
  lode_js_unref(ctx, j->out_ref);
  free(j->pass);
  free(j->salt);
  free(j);
  lode_js_call(ctx, 2);
  duk_pop(ctx);
}

static job_t* job_new(duk_context* ctx, int kind, duk_idx_t cb_idx) {
  job_t* j;
  duk_require_function(ctx, cb_idx);
  j = calloc(1, sizeof(*j));
  if (j == NULL) (void) duk_error(ctx, DUK_ERR_ERROR, "out of memory");
  j->ctx = ctx;
  j->kind = kind;
  return j;
}

static void job_queue(duk_context* ctx, job_t* j, duk_idx_t cb_idx) {
  int err;
  j->cb_ref = lode_js_ref(ctx, cb_idx);
  j->out_ref = lode_js_ref(ctx, -1);
  err =
      lode_queue_work(lode_engine_get(ctx)->loop, &j->req, job_work, job_done);
  if (err != 0) {
    lode_js_unref(ctx, j->cb_ref);
    lode_js_unref(ctx, j->out_ref);
    free(j->pass);
    free(j->salt);
    free(j);
    (void) lode_js_throw_error(ctx, err, "queue_work", NULL, NULL);
  }
}

static unsigned char* dup_bytes(const void* p, size_t n) {
  unsigned char* d = malloc(n ? n : 1);
  if (d != NULL && n) memcpy(d, p, n);
  return d;
}

static duk_ret_t crypto_pbkdf2_job(duk_context* ctx) {
  size_t plen, slen;
  const void* pass = lode_js_get_bytes(ctx, 0, &plen);
  const void* salt = lode_js_get_bytes(ctx, 1, &slen);
  uint32_t iter = duk_require_uint(ctx, 2);
  size_t keylen = (size_t) duk_require_uint(ctx, 3);
  int alg = duk_require_int(ctx, 4);
  job_t* j;
  if (alg < 0 || alg >= HASH_COUNT) return DUK_RET_RANGE_ERROR;
  j = job_new(ctx, JOB_PBKDF2, 5);
  j->alg = alg;
  j->iter = iter;
  j->pass = dup_bytes(pass, plen);
  j->plen = plen;
  j->salt = dup_bytes(salt, slen);
  j->slen = slen;
  if (j->pass == NULL || j->salt == NULL) {
    free(j->pass);
    free(j->salt);
    free(j);
    return duk_error(ctx, DUK_ERR_ERROR, "out of memory");
  }
  j->out = lode_js_push_buffer(ctx, keylen); /* [ ... out ] */
  j->outlen = keylen;
  job_queue(ctx, j, 5);
  return 0;
}

/* The bytes [offset, offset + size) of the view at idx, clamped. */
static unsigned char* view_range(duk_context* ctx, duk_idx_t idx,
                                 size_t* size) {
  size_t len, off, n;
  unsigned char* p = lode_js_get_bytes(ctx, idx, &len);
  double o = duk_to_number(ctx, idx + 1), s = duk_to_number(ctx, idx + 2);
  if (p == NULL) (void) duk_error(ctx, DUK_ERR_TYPE_ERROR, "not a view");
  off = o > 0 ? (o < (double) len ? (size_t) o : len) : 0;
  n = s > 0 ? (size_t) s : 0;
  if (n > len - off) n = len - off;
  *size = n;
  return p + off;
}

static duk_ret_t crypto_random_fill(duk_context* ctx) {
  size_t n;
  unsigned char* p = view_range(ctx, 0, &n);
  duk_push_int(ctx, lode_random(p, n));
  return 1;
}

static duk_ret_t crypto_random_fill_job(duk_context* ctx) {
  size_t n;
  unsigned char* p = view_range(ctx, 0, &n);
  job_t* j = job_new(ctx, JOB_RANDOM, 3);
  j->out = p;
  j->outlen = n;
  duk_dup(ctx, 0); /* [ view offset size cb view ] */
  job_queue(ctx, j, 3);
  return 0;
}

/* ---- AES-GCM and AES-CBC ---- */

enum { MODE_GCM = 0, MODE_CBC = 1 };

typedef struct {
  int mode;
  int encrypt;
  int padding; /* CBC: PKCS#7 on (default) */
  int flipped; /* GCM: AAD closed, data begun */
  int finished;
  int tag_set;
  size_t tag_len;
  union {
    br_aes_gen_ctr_keys ctr_keys;
    br_aes_gen_cbcenc_keys cbcenc;
    br_aes_gen_cbcdec_keys cbcdec;
  } k;
  br_gcm_context gcm;
  unsigned char iv[16];
  unsigned char buf[16]; /* CBC: partial (or held back) input block */
  size_t buflen;
  unsigned char tag[16];
} cipher_state_t;

static cipher_state_t* get_cipher(duk_context* ctx, duk_idx_t idx) {
  duk_size_t n = 0;
  cipher_state_t* c = duk_require_buffer(ctx, idx, &n);
  if (n != sizeof(*c))
    (void) duk_error(ctx, DUK_ERR_TYPE_ERROR, "bad cipher state");
  return c;
}

static duk_ret_t crypto_cipher_new(duk_context* ctx) {
  int mode = duk_require_int(ctx, 0);
  int encrypt = duk_to_boolean(ctx, 1);
  size_t klen, ivlen;
  const void* key = lode_js_get_bytes(ctx, 2, &klen);
  const void* iv = lode_js_get_bytes(ctx, 3, &ivlen);
  cipher_state_t* c;
  if (key == NULL || (klen != 16 && klen != 24 && klen != 32))
    return DUK_RET_RANGE_ERROR;
  if (iv == NULL) iv = "";
  c = duk_push_fixed_buffer(ctx, sizeof(*c));
  c->mode = mode;
  c->encrypt = encrypt;
  c->padding = 1;
  c->tag_len = (size_t) duk_get_uint_default(ctx, 4, 16);
  if (c->tag_len == 0 || c->tag_len > 16) c->tag_len = 16;
  if (mode == MODE_GCM) {
    const br_block_ctr_class* vt = br_aes_x86ni_ctr_get_vtable();
    br_ghash gh = br_ghash_pclmul_get();
    if (vt == NULL) vt = &br_aes_ct64_ctr_vtable;
    if (gh == 0) gh = &br_ghash_ctmul64;
    vt->init(&c->k.ctr_keys.vtable, key, klen);
    br_gcm_init(&c->gcm, &c->k.ctr_keys.vtable, gh);
    br_gcm_reset(&c->gcm, iv, ivlen);
  } else {
    if (ivlen != 16) return DUK_RET_RANGE_ERROR;
    memcpy(c->iv, iv, 16);
    if (encrypt) {
      const br_block_cbcenc_class* vt = br_aes_x86ni_cbcenc_get_vtable();
      if (vt == NULL) vt = &br_aes_ct64_cbcenc_vtable;
      vt->init(&c->k.cbcenc.vtable, key, klen);
    } else {
      const br_block_cbcdec_class* vt = br_aes_x86ni_cbcdec_get_vtable();
      if (vt == NULL) vt = &br_aes_ct64_cbcdec_vtable;
      vt->init(&c->k.cbcdec.vtable, key, klen);
    }
  }
  return 1;
}

static duk_ret_t crypto_cipher_set_aad(duk_context* ctx) {
  cipher_state_t* c = get_cipher(ctx, 0);
  size_t n;
  const void* p = lode_js_get_bytes(ctx, 1, &n);
  if (c->mode != MODE_GCM || c->flipped || c->finished) {
    duk_push_int(ctx, -4);
    return 1;
  }
  if (p != NULL && n > 0) br_gcm_aad_inject(&c->gcm, p, n);
  duk_push_int(ctx, 0);
  return 1;
}

/* CBC over whole blocks in place. */
static void cbc_run(cipher_state_t* c, unsigned char* p, size_t n) {
  if (n == 0) return;
  if (c->encrypt)
    c->k.cbcenc.vtable->run(&c->k.cbcenc.vtable, c->iv, p, n);
  else
    c->k.cbcdec.vtable->run(&c->k.cbcdec.vtable, c->iv, p, n);
}

static duk_ret_t crypto_cipher_update(duk_context* ctx) {
  cipher_state_t* c = get_cipher(ctx, 0);
  size_t n, total, out_len, keep, from_buf;
  const unsigned char* p = lode_js_get_bytes(ctx, 1, &n);
  unsigned char* out;
  if (p == NULL) n = 0;
  if (c->mode == MODE_GCM) {
    if (!c->flipped) {
      br_gcm_flip(&c->gcm);
      c->flipped = 1;
    }
    out = lode_js_push_buffer(ctx, n);
    if (n > 0) {
      memcpy(out, p, n);
      br_gcm_run(&c->gcm, c->encrypt, out, n);
    }
    return 1;
  }
  /* CBC: whole blocks go out; a partial block waits in buf. Decrypting
   * with padding holds the last whole block back too: final() strips the
   * padding from it. */
  total = c->buflen + n;
  keep = total % 16;
  if (keep == 0 && !c->encrypt && c->padding && total > 0) keep = 16;
  out_len = total - keep;
  out = lode_js_push_buffer(ctx, out_len);
  from_buf = c->buflen < out_len ? c->buflen : out_len;
  memcpy(out, c->buf, from_buf);
  memcpy(out + from_buf, p, out_len - from_buf);
  /* What stays: the rest of buf, then the rest of the input. */
  {
    unsigned char tmp[16];
    size_t rest_buf = c->buflen - from_buf;
    memcpy(tmp, c->buf + from_buf, rest_buf);
    memcpy(tmp + rest_buf, p + (out_len - from_buf), keep - rest_buf);
    memcpy(c->buf, tmp, keep);
    c->buflen = keep;
  }
  cbc_run(c, out, out_len);
  return 1;
}

static duk_ret_t crypto_cipher_final(duk_context* ctx) {
  cipher_state_t* c = get_cipher(ctx, 0);
  unsigned char* out;
  c->finished = 1;
  if (c->mode == MODE_GCM) {
    if (!c->flipped) {
      br_gcm_flip(&c->gcm);
      c->flipped = 1;
    }
    if (c->encrypt) {
      br_gcm_get_tag_trunc(&c->gcm, c->tag, c->tag_len);
    } else if (!c->tag_set ||
               !br_gcm_check_tag_trunc(&c->gcm, c->tag, c->tag_len)) {
      duk_push_int(ctx, -3);
      return 1;
    }
    lode_js_push_buffer(ctx, 0);
    return 1;
  }
  if (c->encrypt) {
    if (!c->padding) {
      if (c->buflen != 0) {
        duk_push_int(ctx, -1);
        return 1;
      }
      lode_js_push_buffer(ctx, 0);
      return 1;
    }
    out = lode_js_push_buffer(ctx, 16);
    memcpy(out, c->buf, c->buflen);
    memset(out + c->buflen, (int) (16 - c->buflen), 16 - c->buflen);
    cbc_run(c, out, 16);
    return 1;
  }
  if (!c->padding) {
    if (c->buflen != 0) {
      duk_push_int(ctx, -1);
      return 1;
    }
    lode_js_push_buffer(ctx, 0);
    return 1;
  }
  if (c->buflen != 16) {
    duk_push_int(ctx, -1);
    return 1;
  }
  {
    unsigned char blk[16];
    unsigned pad, bad = 0, i;
    memcpy(blk, c->buf, 16);
    cbc_run(c, blk, 16);
    pad = blk[15];
    bad |= (unsigned) (pad == 0) | (unsigned) (pad > 16);
    for (i = 0; i < 16; i++) {
      /* every byte at or past 16 - pad must equal pad */
      unsigned in_pad = (unsigned) (i >= 16 - (pad > 16 ? 16 : pad));
      bad |= in_pad & (unsigned) (blk[i] != pad);
    }
    if (bad) {
      duk_push_int(ctx, -2);
      return 1;
    }
    out = lode_js_push_buffer(ctx, 16 - pad);
    memcpy(out, blk, 16 - pad);
  }
  return 1;
}

static duk_ret_t crypto_cipher_get_auth_tag(duk_context* ctx) {
  cipher_state_t* c = get_cipher(ctx, 0);
  void* out = lode_js_push_buffer(ctx, c->tag_len);
  memcpy(out, c->tag, c->tag_len);
  return 1;
}

static duk_ret_t crypto_cipher_set_auth_tag(duk_context* ctx) {
  cipher_state_t* c = get_cipher(ctx, 0);
  size_t n;
  const void* p = lode_js_get_bytes(ctx, 1, &n);
  if (p == NULL || n == 0 || n > 16) return DUK_RET_RANGE_ERROR;
  memcpy(c->tag, p, n);
  c->tag_len = n;
  c->tag_set = 1;
  return 0;
}

static duk_ret_t crypto_cipher_set_auto_padding(duk_context* ctx) {
  cipher_state_t* c = get_cipher(ctx, 0);
  c->padding = duk_to_boolean(ctx, 1);
  return 0;
}

/* ---- misc ---- */

static duk_ret_t crypto_timing_safe_equal(duk_context* ctx) {
  size_t na, nb, i;
  const unsigned char* a = lode_js_get_bytes(ctx, 0, &na);
  const unsigned char* b = lode_js_get_bytes(ctx, 1, &nb);
  unsigned d = 0;
  if (a == NULL || b == NULL || na != nb) return DUK_RET_RANGE_ERROR;
  for (i = 0; i < na; i++) d |= (unsigned) (a[i] ^ b[i]);
  duk_push_boolean(ctx, d == 0);
  return 1;
}

static duk_ret_t crypto_hash_names(duk_context* ctx) {
  int i;
  duk_push_array(ctx);
  for (i = 0; i < HASH_COUNT; i++) {
    duk_push_string(ctx, hash_names[i]);
    lode_duk_put_index(ctx, -2, (duk_uarridx_t) i);
  }
  return 1;
}

void lode_binding_crypto(duk_context* ctx) {
  static const duk_function_list_entry fns[] = {
      {"hashAlgorithm", crypto_hash_algorithm, 1},
      {"hashNames", crypto_hash_names, 0},
      {"hashNew", crypto_hash_new, 2},
      {"hashUpdate", crypto_hash_update, 2},
      {"hashDigest", crypto_hash_digest, 1},
      {"hashCopy", crypto_hash_copy, 1},
      {"pbkdf2", crypto_pbkdf2, 5},
      {"pbkdf2Job", crypto_pbkdf2_job, 6},
      {"randomFill", crypto_random_fill, 3},
      {"randomFillJob", crypto_random_fill_job, 4},
      {"cipherNew", crypto_cipher_new, 5},
      {"cipherSetAAD", crypto_cipher_set_aad, 2},
      {"cipherUpdate", crypto_cipher_update, 2},
      {"cipherFinal", crypto_cipher_final, 1},
      {"cipherGetAuthTag", crypto_cipher_get_auth_tag, 1},
      {"cipherSetAuthTag", crypto_cipher_set_auth_tag, 2},
      {"cipherSetAutoPadding", crypto_cipher_set_auto_padding, 2},
      {"timingSafeEqual", crypto_timing_safe_equal, 2},
      {NULL, NULL, 0}};
  duk_push_object(ctx);
  lode_js_put_functions(ctx, fns);
}
