/*
 * fs.c — internalBinding('fs'): the file system for stdlib/fs.js and
 * stdlib/fs/promises.js (layer: modules/).
 *
 * Every operation takes its arguments, then `req`, the last argument:
 *   undefined   run now on the loop thread (the *Sync forms): return the
 *               result or throw Node's error (code, errno, syscall, path,
 *               dest);
 *   a function  run on the worker pool; the function is called later as
 *               cb(err) on failure, cb(null) for calls without a result,
 *               else cb(null, result[, extra]) — read/write pass their
 *               buffer (or string) back as extra, as Node's callbacks do.
 * No JS closure is made per call: the user's callback (or the one the
 * promise layer made) is held by id in the stash until the request ends.
 *
 * Results are built here: Stats objects (own data properties in Node's
 * order, prototype registered by setup()), readdir arrays, strings decoded
 * from UTF-8 the WHATWG way (ill-formed bytes become U+FFFD, as Buffer
 * does). Whole-file reads and writes, recursive mkdir and recursive rm are
 * one pool job each (open/fstat/read loop/close on a worker) instead of a
 * JS round trip per step.
 *
 * The loader's synchronous helpers stay: internalModuleStat(path) (0 file,
 * 1 directory, < 0 a lode code), readFileUtf8(path), realpath(path).
 *
 * Buffers: any ArrayBuffer view (Buffer, Uint8Array) is accepted; the data
 * pointer is the view's (byteOffset included). A buffer given to an async
 * call is kept alive by id until the callback. Whole-file reads come back
 * as a plain Uint8Array for the JS layer to make a Buffer of.
 *
 * XXX: a file larger than FS_MAX_LENGTH (2 GiB - 1, Duktape's largest
 * buffer) cannot be read whole: ERR_FS_FILE_TOO_LARGE, as Node past its
 * kIoMaxLength.
 */
#include <fcntl.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "engine.h"

#define LOOP(ctx) (lode_engine_get(ctx)->loop)

#define FS_MAX_LENGTH 2147483647.0 /* bytes in one read buffer */
#define FS_DIR_BATCH 32            /* entries per opendir read */

/* Stats.prototype, Date and Buffer.prototype, registered by setup(), and
 * the function that builds a Stats object's own properties (made on first
 * use from stats_factory_src). */
static int stats_proto_ref;
static int date_ref;
static int buffer_proto_ref;
static int stats_factory_ref;

/* ------------------------------------------------------------------ */
/* UTF-8 <-> Duktape strings                                            */
/* ------------------------------------------------------------------ */

/* Duktape keeps strings as CESU-8 (a non-BMP character is a surrogate
 * pair, each half encoded in 3 bytes). Files and paths are UTF-8. */

static int all_ascii(const unsigned char* p, size_t n) {
  size_t i;
  for (i = 0; i < n; i++)
    if (p[i] >= 0x80) return 0;
  return 1;
}

static unsigned char* put_cesu(unsigned char* o, uint32_t c) {
  if (c < 0x80) {
    *o++ = (unsigned char) c;
  } else if (c < 0x800) {
    *o++ = (unsigned char) (0xc0 | (c >> 6));
    *o++ = (unsigned char) (0x80 | (c & 0x3f));
  } else if (c < 0x10000) {
    *o++ = (unsigned char) (0xe0 | (c >> 12));
    *o++ = (unsigned char) (0x80 | ((c >> 6) & 0x3f));
    *o++ = (unsigned char) (0x80 | (c & 0x3f));
  } else {
    c -= 0x10000;
    o = put_cesu(o, 0xd800 + (c >> 10));
    o = put_cesu(o, 0xdc00 + (c & 0x3ff));
  }
  return o;
}

/* Pushes the string for UTF-8 bytes: each maximal ill-formed subpart
 * becomes one U+FFFD (WHATWG decode, what Buffer#toString does). */
static void push_utf8(duk_context* ctx, const char* s, size_t n) {
  const unsigned char* p = (const unsigned char*) s;
  unsigned char *out, *o;
  size_t i = 0;

  if (all_ascii(p, n)) {
    duk_push_lstring(ctx, s, n);
    return;
  }
  /* A 4-byte sequence becomes 6 bytes; anything else at most 3 per byte. */
  out = duk_push_fixed_buffer(ctx, n * 3);
  o = out;
  while (i < n) {
    unsigned char b = p[i];
    uint32_t c;
    int need;
    unsigned char lo = 0x80, hi = 0xbf;
    if (b < 0x80) {
      *o++ = b;
      i++;
      continue;
    }
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
      o = put_cesu(o, 0xfffd);
      i++;
      continue;
    }
    i++;
    while (need > 0) {
      if (i >= n || p[i] < lo || p[i] > hi) break;
      c = (c << 6) | (p[i] & 0x3f);
      lo = 0x80;
      hi = 0xbf;
      i++;
      need--;
    }
    o = put_cesu(o, need == 0 ? c : 0xfffd);
  }
  duk_push_lstring(ctx, (const char*) out, (duk_size_t) (o - out));
  duk_remove(ctx, -2);
}

/* The UTF-8 bytes of the string at idx: surrogate pairs joined, lone
 * surrogates as U+FFFD (EF BF BD), as Buffer.from(s, 'utf8'). *len gets
 * the length. The result lives until the value at idx (or a scratch
 * buffer pushed in its place: the stack top grows by one) goes away:
 * callers pop with duk_pop() when *pushed is set. */
static const char* get_utf8(duk_context* ctx, duk_idx_t idx, size_t* len,
                            int* pushed) {
  duk_size_t n;
  const unsigned char* p =
      (const unsigned char*) duk_require_lstring(ctx, idx, &n);
  unsigned char *out, *o;
  size_t i = 0;

  *pushed = 0;
  if (all_ascii(p, n)) {
    *len = n;
    return (const char*) p;
  }
  out = duk_push_fixed_buffer(ctx, n);
  *pushed = 1;
  o = out;
  while (i < n) {
    unsigned char b = p[i];
    if (b == 0xed && i + 2 < n) {
      /* A surrogate in CESU-8: ED A0..BF xx. */
      uint32_t c = ((uint32_t) (b & 0x0f) << 12) |
                   ((uint32_t) (p[i + 1] & 0x3f) << 6) | (p[i + 2] & 0x3f);
      if (c >= 0xd800 && c <= 0xdbff && i + 5 < n && p[i + 3] == 0xed &&
          (p[i + 4] & 0xf0) == 0xb0) {
        uint32_t d = 0xd000 | ((uint32_t) (p[i + 4] & 0x3f) << 6) |
                     (p[i + 5] & 0x3f);
        uint32_t cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        *o++ = (unsigned char) (0xf0 | (cp >> 18));
        *o++ = (unsigned char) (0x80 | ((cp >> 12) & 0x3f));
        *o++ = (unsigned char) (0x80 | ((cp >> 6) & 0x3f));
        *o++ = (unsigned char) (0x80 | (cp & 0x3f));
        i += 6;
        continue;
      }
      if (c >= 0xd800 && c <= 0xdfff) {
        *o++ = 0xef;
        *o++ = 0xbf;
        *o++ = 0xbd;
        i += 3;
        continue;
      }
    }
    *o++ = b;
    i++;
  }
  *len = (size_t) (o - out);
  return (const char*) out;
}

/* A path argument: a string (made UTF-8, NUL-terminated) or a buffer's
 * bytes. The JS layer has validated it (no NUL bytes). The copy is
 * malloc'd; the caller frees it. */
static char* dup_path(duk_context* ctx, duk_idx_t idx) {
  const char* s;
  size_t n;
  int pushed = 0;
  char* r;

  idx = duk_normalize_index(ctx, idx);
  if (duk_is_buffer_data(ctx, idx)) {
    duk_size_t bn;
    s = duk_get_buffer_data(ctx, idx, &bn);
    n = bn;
  } else {
    s = get_utf8(ctx, idx, &n, &pushed);
  }
  r = malloc(n + 1);
  if (r == NULL) {
    (void) duk_error(ctx, DUK_ERR_RANGE_ERROR, "out of memory");
    return NULL;
  }
  if (n > 0) memcpy(r, s, n);
  r[n] = '\0';
  if (pushed) duk_pop(ctx);
  return r;
}

/* ------------------------------------------------------------------ */
/* Results                                                             */
/* ------------------------------------------------------------------ */

static double ts_ms(const lode_timespec_t* t) {
  return (double) t->tv_sec * 1e3 + (double) t->tv_nsec / 1e6;
}

/* Date values are whole milliseconds, rounded half away from zero. */
static double date_ms(double ms) {
  return ms < 0 ? -floor(-ms + 0.5) : floor(ms + 0.5);
}

/* Called once with Date; returns the builder of a Stats object's own
 * properties, in Node's order. An object literal, because Duktape sizes
 * its property table once (NEWOBJ) and defines the properties in bulk,
 * where 18 puts from C grow the table twice and each look up the
 * prototype chain: about half the cost of a stat callback. */
static const char stats_factory_src[] =
    "function (D) {\n"
    "  return function (dev, mode, nlink, uid, gid, rdev, blksize, ino,\n"
    "                   size, blocks, atimeMs, mtimeMs, ctimeMs, birthtimeMs,\n"
    "                   at, mt, ct, bt) {\n"
    "    var d = D; /* one scope lookup, then a register */\n"
    "    return {dev: dev, mode: mode, nlink: nlink, uid: uid, gid: gid,\n"
    "            rdev: rdev, blksize: blksize, ino: ino, size: size,\n"
    "            blocks: blocks, atimeMs: atimeMs, mtimeMs: mtimeMs,\n"
    "            ctimeMs: ctimeMs, birthtimeMs: birthtimeMs,\n"
    "            atime: new d(at), mtime: new d(mt), ctime: new d(ct),\n"
    "            birthtime: new d(bt)};\n"
    "  };\n"
    "}";

static void push_stats_factory(duk_context* ctx) {
  if (stats_factory_ref <= 0) {
    duk_push_string(ctx, stats_factory_src);
    duk_push_string(ctx, "fs_stats");
    duk_compile(ctx, DUK_COMPILE_FUNCTION);
    lode_js_push_ref(ctx, date_ref);
    duk_call(ctx, 1); /* [ ... builder ] */
    stats_factory_ref = lode_js_ref(ctx, -1);
    return;
  }
  lode_js_push_ref(ctx, stats_factory_ref);
}

/* A Stats object, as new fs.Stats(dev, mode, ...) would make it. */
static void push_stats(duk_context* ctx, const lode_stat_t* s) {
  double at = ts_ms(&s->st_atim), mt = ts_ms(&s->st_mtim),
         ct = ts_ms(&s->st_ctim), bt = ts_ms(&s->st_birthtim);
  duk_require_stack(ctx, 24); /* the builder, this and 18 arguments */
  push_stats_factory(ctx);
  duk_push_undefined(ctx);
  duk_push_number(ctx, (double) s->st_dev);
  duk_push_number(ctx, (double) s->st_mode);
  duk_push_number(ctx, (double) s->st_nlink);
  duk_push_number(ctx, (double) s->st_uid);
  duk_push_number(ctx, (double) s->st_gid);
  duk_push_number(ctx, (double) s->st_rdev);
  duk_push_number(ctx, (double) s->st_blksize);
  duk_push_number(ctx, (double) s->st_ino);
  duk_push_number(ctx, (double) s->st_size);
  duk_push_number(ctx, (double) s->st_blocks);
  duk_push_number(ctx, at);
  duk_push_number(ctx, mt);
  duk_push_number(ctx, ct);
  duk_push_number(ctx, bt);
  duk_push_number(ctx, date_ms(at));
  duk_push_number(ctx, date_ms(mt));
  duk_push_number(ctx, date_ms(ct));
  duk_push_number(ctx, date_ms(bt));
  duk_call_method(ctx, 18); /* [ ... stats ] */
  if (stats_proto_ref > 0) {
    lode_js_push_ref(ctx, stats_proto_ref);
    duk_set_prototype(ctx, -2);
  }
}

/* readdir results: [names] or, with types, [names, types]. */
static void push_scandir(duk_context* ctx, lode_fs_t* req, int with_types) {
  lode_dirent_t ent;
  duk_uarridx_t i = 0;
  duk_idx_t names, types = 0;

  if (with_types) {
    duk_push_array(ctx);
    duk_push_array(ctx);
    duk_push_array(ctx); /* [ ... pair names types ] */
    types = duk_get_top_index(ctx);
    names = types - 1;
  } else {
    duk_push_array(ctx);
    names = duk_get_top_index(ctx);
  }
  while (lode_fs_scandir_next(req, &ent) == 0) {
    push_utf8(ctx, ent.name, strlen(ent.name));
    lode_duk_put_index(ctx, names, i);
    if (with_types) {
      duk_push_int(ctx, (int) ent.type);
      lode_duk_put_index(ctx, types, i);
    }
    i++;
  }
  if (with_types) {
    lode_duk_put_index(ctx, names - 1, 1);
    lode_duk_put_index(ctx, names - 1, 0);
  }
}

/* ------------------------------------------------------------------ */
/* Simple requests: one lode_fs_* call                                 */
/* ------------------------------------------------------------------ */

enum {
  R_VOID,   /* cb(null) */
  R_INT,    /* the result as a number */
  R_IO,     /* bytes read/written, extra passed back */
  R_STATS,  /* a Stats object */
  R_PATH,   /* req->path (mkdtemp) */
  R_PTR,    /* req->ptr as a string (readlink, realpath) */
  R_NAMES,  /* readdir names */
  R_DIRENTS /* readdir [names, types] */
};

typedef struct {
  lode_fs_t fs;
  duk_context* ctx;
  int cb_ref;    /* the JS callback; 0 when synchronous */
  int extra_ref; /* a buffer or string kept alive and passed back */
  int result;    /* R_* */
  char* path;    /* owned argument copies */
  char* dest;
  char* data;    /* owned bytes for writeString */
} fs_req_t;

static const char* syscall_name(lode_fs_type t) {
  switch (t) {
    case LODE_FS_OPEN: return "open";
    case LODE_FS_CLOSE: return "close";
    case LODE_FS_READ: return "read";
    case LODE_FS_WRITE: return "write";
    case LODE_FS_STAT: return "stat";
    case LODE_FS_LSTAT: return "lstat";
    case LODE_FS_FSTAT: return "fstat";
    case LODE_FS_FTRUNCATE: return "ftruncate";
    case LODE_FS_UTIME: return "utime";
    case LODE_FS_FUTIME: return "futime";
    case LODE_FS_LUTIME: return "lutime";
    case LODE_FS_ACCESS: return "access";
    case LODE_FS_CHMOD: return "chmod";
    case LODE_FS_FCHMOD: return "fchmod";
    case LODE_FS_FSYNC: return "fsync";
    case LODE_FS_FDATASYNC: return "fdatasync";
    case LODE_FS_UNLINK: return "unlink";
    case LODE_FS_RMDIR: return "rmdir";
    case LODE_FS_MKDIR: return "mkdir";
    case LODE_FS_MKDTEMP: return "mkdtemp";
    case LODE_FS_RENAME: return "rename";
    case LODE_FS_SCANDIR: return "scandir";
    case LODE_FS_LINK: return "link";
    case LODE_FS_SYMLINK: return "symlink";
    case LODE_FS_READLINK: return "readlink";
    case LODE_FS_CHOWN: return "chown";
    case LODE_FS_FCHOWN: return "fchown";
    case LODE_FS_LCHOWN: return "lchown";
    case LODE_FS_REALPATH: return "realpath";
    case LODE_FS_COPYFILE: return "copyfile";
    case LODE_FS_OPENDIR: return "opendir";
    case LODE_FS_READDIR: return "scandir";
    case LODE_FS_CLOSEDIR: return "closedir";
    default: return "unknown";
  }
}

/* Pushes the result value(s) of a successful request; returns how many. */
static int push_result(duk_context* ctx, fs_req_t* r) {
  switch (r->result) {
    case R_INT:
      duk_push_number(ctx, (double) r->fs.result);
      return 1;
    case R_IO:
      duk_push_number(ctx, (double) r->fs.result);
      lode_js_push_ref(ctx, r->extra_ref);
      return 2;
    case R_STATS:
      push_stats(ctx, &r->fs.statbuf);
      return 1;
    case R_PATH:
      push_utf8(ctx, r->fs.path, strlen(r->fs.path));
      return 1;
    case R_PTR:
      push_utf8(ctx, (const char*) r->fs.ptr, strlen((const char*) r->fs.ptr));
      return 1;
    case R_NAMES:
    case R_DIRENTS:
      push_scandir(ctx, &r->fs, r->result == R_DIRENTS);
      return 1;
    default:
      return 0;
  }
}

static void push_req_error(duk_context* ctx, fs_req_t* r) {
  lode_js_push_error(ctx, (int) r->fs.result, syscall_name(r->fs.fs_type),
                     r->path, r->dest);
}

static void req_free(duk_context* ctx, fs_req_t* r) {
  lode_fs_req_cleanup(&r->fs);
  lode_js_unref(ctx, r->cb_ref);
  lode_js_unref(ctx, r->extra_ref);
  free(r->path);
  free(r->dest);
  free(r->data);
  free(r);
}

static void after_req(lode_fs_t* fs) {
  fs_req_t* r = (fs_req_t*) fs;
  duk_context* ctx = r->ctx;
  int n;

  lode_js_push_ref(ctx, r->cb_ref);
  duk_push_undefined(ctx);
  if (fs->result < 0) {
    push_req_error(ctx, r);
    n = 1;
    if (r->result == R_IO) { /* Node's read/write callbacks: (err, 0, buf) */
      duk_push_int(ctx, 0);
      lode_js_push_ref(ctx, r->extra_ref);
      n = 3;
    }
  } else {
    duk_push_null(ctx);
    n = 1 + push_result(ctx, r);
  }
  req_free(ctx, r);
  lode_js_call(ctx, n);
  duk_pop(ctx);
}

/* A new request for the call whose `req` argument is at idx. */
static fs_req_t* req_new(duk_context* ctx, duk_idx_t idx, int result) {
  fs_req_t* r = calloc(1, sizeof(*r));
  if (r == NULL) {
    (void) duk_error(ctx, DUK_ERR_RANGE_ERROR, "out of memory");
    return NULL;
  }
  r->ctx = ctx;
  r->result = result;
  if (duk_is_function(ctx, idx)) r->cb_ref = lode_js_ref(ctx, idx);
  return r;
}

#define REQ_CB(r) ((r)->cb_ref ? after_req : NULL)

/* Finishes a call after its lode_fs_* submission returned rc: async,
 * returns undefined (or throws a submission error); sync, returns the
 * result or throws the error. */
static duk_ret_t req_end(duk_context* ctx, fs_req_t* r, int rc) {
  int n;
  if (r->cb_ref) {
    if (rc < 0) {
      lode_js_push_error(ctx, rc, syscall_name(r->fs.fs_type), r->path,
                         r->dest);
      req_free(ctx, r);
      return duk_throw(ctx);
    }
    return 0;
  }
  if (r->fs.result < 0) {
    push_req_error(ctx, r);
    req_free(ctx, r);
    return duk_throw(ctx);
  }
  n = push_result(ctx, r);
  if (n == 2) duk_pop(ctx);
  req_free(ctx, r);
  return n > 0 ? 1 : 0;
}

static int get_fd(duk_context* ctx, duk_idx_t idx) {
  return (int) duk_require_number(ctx, idx);
}

static int64_t get_i64(duk_context* ctx, duk_idx_t idx) {
  return (int64_t) duk_require_number(ctx, idx);
}

/* One-path calls. */
#define PATH_CALL(jsname, nargs, result, call)                                \
  static duk_ret_t jsname(duk_context* ctx) {                                 \
    fs_req_t* r = req_new(ctx, nargs, result);                                \
    int rc;                                                                   \
    r->path = dup_path(ctx, 0);                                               \
    rc = call;                                                                \
    return req_end(ctx, r, rc);                                               \
  }

/* Two-path calls (error message "src -> dest"). */
#define PATH2_CALL(jsname, nargs, call)                                       \
  static duk_ret_t jsname(duk_context* ctx) {                                 \
    fs_req_t* r = req_new(ctx, nargs, R_VOID);                                \
    int rc;                                                                   \
    r->path = dup_path(ctx, 0);                                               \
    r->dest = dup_path(ctx, 1);                                               \
    rc = call;                                                                \
    return req_end(ctx, r, rc);                                               \
  }

/* Descriptor calls. */
#define FD_CALL(jsname, nargs, result, call)                                  \
  static duk_ret_t jsname(duk_context* ctx) {                                 \
    fs_req_t* r = req_new(ctx, nargs, result);                                \
    int fd = get_fd(ctx, 0);                                                  \
    int rc = call;                                                            \
    return req_end(ctx, r, rc);                                               \
  }

#define L LOOP(ctx)
#define F (&r->fs)

PATH_CALL(fs_access, 2, R_VOID,
          lode_fs_access(L, F, r->path, duk_require_int(ctx, 1), REQ_CB(r)))
PATH_CALL(fs_open, 3, R_INT,
          lode_fs_open(L, F, r->path, duk_require_int(ctx, 1),
                       duk_require_int(ctx, 2), REQ_CB(r)))
PATH_CALL(fs_stat, 1, R_STATS, lode_fs_stat(L, F, r->path, REQ_CB(r)))
PATH_CALL(fs_lstat, 1, R_STATS, lode_fs_lstat(L, F, r->path, REQ_CB(r)))
PATH_CALL(fs_unlink, 1, R_VOID, lode_fs_unlink(L, F, r->path, REQ_CB(r)))
PATH_CALL(fs_rmdir, 1, R_VOID, lode_fs_rmdir(L, F, r->path, REQ_CB(r)))
PATH_CALL(fs_mkdir, 2, R_VOID,
          lode_fs_mkdir(L, F, r->path, duk_require_int(ctx, 1), REQ_CB(r)))
PATH_CALL(fs_mkdtemp, 1, R_PATH, lode_fs_mkdtemp(L, F, r->path, REQ_CB(r)))
PATH_CALL(fs_readlink, 1, R_PTR, lode_fs_readlink(L, F, r->path, REQ_CB(r)))
PATH_CALL(fs_realpath_native, 1, R_PTR,
          lode_fs_realpath(L, F, r->path, REQ_CB(r)))
PATH_CALL(fs_readdir, 2, duk_to_boolean(ctx, 1) ? R_DIRENTS : R_NAMES,
          lode_fs_scandir(L, F, r->path, 0, REQ_CB(r)))
PATH_CALL(fs_chmod, 2, R_VOID,
          lode_fs_chmod(L, F, r->path, duk_require_int(ctx, 1), REQ_CB(r)))
PATH_CALL(fs_chown, 3, R_VOID,
          lode_fs_chown(L, F, r->path, (lode_uid_t) get_i64(ctx, 1),
                        (lode_gid_t) get_i64(ctx, 2), REQ_CB(r)))
PATH_CALL(fs_lchown, 3, R_VOID,
          lode_fs_lchown(L, F, r->path, (lode_uid_t) get_i64(ctx, 1),
                         (lode_gid_t) get_i64(ctx, 2), REQ_CB(r)))
PATH_CALL(fs_utimes, 3, R_VOID,
          lode_fs_utime(L, F, r->path, duk_require_number(ctx, 1),
                        duk_require_number(ctx, 2), REQ_CB(r)))
PATH_CALL(fs_lutimes, 3, R_VOID,
          lode_fs_lutime(L, F, r->path, duk_require_number(ctx, 1),
                         duk_require_number(ctx, 2), REQ_CB(r)))

PATH2_CALL(fs_rename, 2, lode_fs_rename(L, F, r->path, r->dest, REQ_CB(r)))
PATH2_CALL(fs_link, 2, lode_fs_link(L, F, r->path, r->dest, REQ_CB(r)))
PATH2_CALL(fs_symlink, 3,
           lode_fs_symlink(L, F, r->path, r->dest, duk_require_int(ctx, 2),
                           REQ_CB(r)))
PATH2_CALL(fs_copyfile, 3,
           lode_fs_copyfile(L, F, r->path, r->dest, duk_require_int(ctx, 2),
                            REQ_CB(r)))

FD_CALL(fs_close, 1, R_VOID, lode_fs_close(L, F, fd, REQ_CB(r)))
FD_CALL(fs_fstat, 1, R_STATS, lode_fs_fstat(L, F, fd, REQ_CB(r)))
FD_CALL(fs_fsync, 1, R_VOID, lode_fs_fsync(L, F, fd, REQ_CB(r)))
FD_CALL(fs_fdatasync, 1, R_VOID, lode_fs_fdatasync(L, F, fd, REQ_CB(r)))
FD_CALL(fs_ftruncate, 2, R_VOID,
        lode_fs_ftruncate(L, F, fd, get_i64(ctx, 1), REQ_CB(r)))
FD_CALL(fs_fchmod, 2, R_VOID,
        lode_fs_fchmod(L, F, fd, duk_require_int(ctx, 1), REQ_CB(r)))
FD_CALL(fs_fchown, 3, R_VOID,
        lode_fs_fchown(L, F, fd, (lode_uid_t) get_i64(ctx, 1),
                       (lode_gid_t) get_i64(ctx, 2), REQ_CB(r)))
FD_CALL(fs_futimes, 3, R_VOID,
        lode_fs_futime(L, F, fd, duk_require_number(ctx, 1),
                       duk_require_number(ctx, 2), REQ_CB(r)))

/* read(fd, buffer, offset, length, position, req) and
 * writeBuffer(fd, buffer, offset, length, position, req): position < 0
 * uses the current file position. The JS layer checked the bounds; they
 * are checked again here so no call reaches outside the buffer. */
static duk_ret_t fs_buffer_io(duk_context* ctx, int write) {
  fs_req_t* r = req_new(ctx, 5, R_IO);
  int fd = get_fd(ctx, 0);
  duk_size_t size;
  char* data = duk_require_buffer_data(ctx, 1, &size);
  double off = duk_require_number(ctx, 2), len = duk_require_number(ctx, 3);
  lode_buf_t buf;
  int rc;

  if (off < 0 || len < 0 || off + len > (double) size) {
    req_free(ctx, r);
    return duk_error(ctx, DUK_ERR_RANGE_ERROR, "%s out of bounds",
                     write ? "write" : "read");
  }
  buf.base = data + (size_t) off;
  buf.len = (size_t) len;
  if (r->cb_ref) r->extra_ref = lode_js_ref(ctx, 1);
  if (write)
    rc = lode_fs_write(L, F, fd, &buf, 1, get_i64(ctx, 4), REQ_CB(r));
  else
    rc = lode_fs_read(L, F, fd, &buf, 1, get_i64(ctx, 4), REQ_CB(r));
  return req_end(ctx, r, rc);
}

static duk_ret_t fs_read(duk_context* ctx) {
  return fs_buffer_io(ctx, 0);
}

static duk_ret_t fs_write_buffer(duk_context* ctx) {
  return fs_buffer_io(ctx, 1);
}

/* writeString(fd, string, position, req): the string's UTF-8 bytes. */
static duk_ret_t fs_write_string(duk_context* ctx) {
  fs_req_t* r = req_new(ctx, 3, R_IO);
  int fd = get_fd(ctx, 0);
  size_t n;
  int pushed;
  const char* s = get_utf8(ctx, 1, &n, &pushed);
  lode_buf_t buf;
  int rc;

  r->data = malloc(n ? n : 1);
  if (r->data == NULL) {
    req_free(ctx, r);
    return duk_error(ctx, DUK_ERR_RANGE_ERROR, "out of memory");
  }
  memcpy(r->data, s, n);
  if (pushed) duk_pop(ctx);
  buf.base = r->data;
  buf.len = n;
  if (r->cb_ref) r->extra_ref = lode_js_ref(ctx, 1);
  rc = lode_fs_write(L, F, fd, &buf, 1, get_i64(ctx, 2), REQ_CB(r));
  return req_end(ctx, r, rc);
}

/* The loader's realpath(path) and fs.realpathSync.native share this. */
static duk_ret_t fs_realpath(duk_context* ctx) {
  duk_set_top(ctx, 2);
  return fs_realpath_native(ctx);
}

/* ------------------------------------------------------------------ */
/* Whole-file and tree jobs: several system calls on one worker         */
/* ------------------------------------------------------------------ */

enum { JOB_READFILE, JOB_WRITEFILE, JOB_MKDIRP, JOB_RMTREE };

typedef struct {
  lode_work_t work;
  duk_context* ctx;
  int kind;
  int cb_ref;
  int data_ref;      /* writeFile: the JS buffer written from */
  char* path;        /* NULL when fd was given */
  int fd;
  int flags;
  int mode;
  int utf8;          /* readFile: decode as UTF-8 */
  char* data;        /* readFile: bytes read (malloc); writeFile: bytes */
  size_t len;
  int owns_data;
  double too_large;  /* readFile: the size past FS_MAX_LENGTH, else 0 */
  /* the error, if any */
  int err;
  const char* syscall;
  char* err_path;    /* NULL: no path in the message; may alias path */
  char* first;       /* mkdirp: the first directory created */
} fs_job_t;

static void job_fail(fs_job_t* j, int err, const char* syscall,
                     const char* path) {
  j->err = err;
  j->syscall = syscall;
  j->err_path = path ? strdup(path) : NULL;
}

static void job_readfile(fs_job_t* j) {
  lode_fs_t req;
  int fd = j->fd, r;
  size_t cap = 0;
  int regular = 0;

  if (j->path != NULL) {
    fd = lode_fs_open(NULL, &req, j->path, j->flags, 0666, NULL);
    lode_fs_req_cleanup(&req);
    if (fd < 0) {
      job_fail(j, fd, "open", j->path);
      return;
    }
  }
  r = lode_fs_fstat(NULL, &req, fd, NULL);
  if (r < 0) {
    job_fail(j, r, "fstat", NULL);
    goto done;
  }
  if (S_ISREG(req.statbuf.st_mode)) {
    regular = 1;
    if ((double) req.statbuf.st_size > FS_MAX_LENGTH) {
      j->too_large = (double) req.statbuf.st_size;
      goto done;
    }
    cap = (size_t) req.statbuf.st_size;
  }
  lode_fs_req_cleanup(&req);
  if (cap == 0) {
    regular = 0; /* /proc files say 0: read until the end */
    cap = 8192;
  }
  j->data = malloc(cap);
  if (j->data == NULL) {
    job_fail(j, LODE_ENOMEM, "read", NULL);
    goto done;
  }
  j->owns_data = 1;
  j->len = 0;
  for (;;) {
    lode_ssize_t n;
    lode_buf_t b;
    if (j->len == cap) {
      char* nd;
      if (regular) break; /* read the size fstat gave, as Node */
      if ((double) cap * 2 > FS_MAX_LENGTH) {
        if ((double) cap >= FS_MAX_LENGTH) {
          j->too_large = (double) cap + 1;
          goto done;
        }
        cap = (size_t) FS_MAX_LENGTH;
      } else {
        cap *= 2;
      }
      nd = realloc(j->data, cap);
      if (nd == NULL) {
        job_fail(j, LODE_ENOMEM, "read", NULL);
        goto done;
      }
      j->data = nd;
    }
    b.base = j->data + j->len;
    b.len = cap - j->len;
    lode_fs_read(NULL, &req, fd, &b, 1, -1, NULL);
    n = req.result; /* whole (the int return may truncate) */
    lode_fs_req_cleanup(&req);
    if (n < 0) {
      job_fail(j, (int) n, "read", NULL);
      goto done;
    }
    if (n == 0) break;
    j->len += (size_t) n;
  }
done:
  lode_fs_req_cleanup(&req);
  if (j->path != NULL) {
    lode_fs_close(NULL, &req, fd, NULL);
    lode_fs_req_cleanup(&req);
  }
}

static void job_writefile(fs_job_t* j) {
  lode_fs_t req;
  int fd = j->fd;
  size_t done = 0;

  if (j->path != NULL) {
    fd = lode_fs_open(NULL, &req, j->path, j->flags, j->mode, NULL);
    lode_fs_req_cleanup(&req);
    if (fd < 0) {
      job_fail(j, fd, "open", j->path);
      return;
    }
  }
  /* Partial writes continue where they stopped; an error (ENOSPC) ends
   * the job with what was written left in place. */
  while (done < j->len) {
    lode_buf_t b;
    lode_ssize_t n;
    b.base = j->data + done;
    b.len = j->len - done;
    lode_fs_write(NULL, &req, fd, &b, 1, -1, NULL);
    n = req.result;
    lode_fs_req_cleanup(&req);
    if (n < 0) {
      job_fail(j, (int) n, "write", NULL);
      break;
    }
    done += (size_t) n;
  }
  if (j->path != NULL) {
    int r = lode_fs_close(NULL, &req, fd, NULL);
    lode_fs_req_cleanup(&req);
    if (r < 0 && j->err == 0) job_fail(j, r, "close", NULL);
  }
}

/* mkdir -p, as Node's MKDirpSync: returns the first directory made. */
static void job_mkdirp(fs_job_t* j) {
  char** stack = NULL;
  size_t n = 0, cap = 0;
  lode_fs_t req;
  int r;

#define PUSH(s)                                                               \
  do {                                                                        \
    if (n == cap) {                                                           \
      char** ns;                                                              \
      cap = cap ? cap * 2 : 16;                                               \
      ns = realloc(stack, cap * sizeof(*stack));                              \
      if (ns == NULL) abort();                                                \
      stack = ns;                                                             \
    }                                                                         \
    stack[n++] = (s);                                                         \
  } while (0)

  PUSH(strdup(j->path));
  while (n > 0) {
    char* next = stack[--n];
    r = lode_fs_mkdir(NULL, &req, next, j->mode, NULL);
    lode_fs_req_cleanup(&req);
    if (r == 0) {
      if (j->first == NULL)
        j->first = next;
      else
        free(next);
      continue;
    }
    if (r == LODE_EACCES || r == LODE_ENOSPC || r == LODE_ENOTDIR ||
        r == LODE_EPERM) {
      free(next);
      job_fail(j, r, "mkdir", j->path);
      break;
    }
    if (r == LODE_ENOENT) {
      char* parent = strdup(next);
      char* slash = strrchr(parent, '/');
      while (slash != NULL && slash > parent && slash[1] == '\0') {
        *slash = '\0';
        slash = strrchr(parent, '/');
      }
      if (slash == NULL || (slash == parent && next[0] == '/' &&
                            strcmp(next, "/") == 0)) {
        free(parent);
        free(next);
        job_fail(j, r, "mkdir", j->path);
        break;
      }
      if (slash == parent)
        slash[1] = '\0';
      else
        *slash = '\0';
      if (strcmp(parent, next) == 0) {
        free(parent);
        free(next);
        job_fail(j, r, "mkdir", j->path);
        break;
      }
      PUSH(next);
      PUSH(parent);
      continue;
    }
    {
      int orig = r;
      r = lode_fs_stat(NULL, &req, next, NULL);
      if (r == 0 && !S_ISDIR(req.statbuf.st_mode)) {
        r = (orig == LODE_EEXIST && n > 0) ? LODE_ENOTDIR : LODE_EEXIST;
      }
      lode_fs_req_cleanup(&req);
      free(next);
      if (r < 0) {
        job_fail(j, r, "mkdir", j->path);
        break;
      }
    }
  }
  while (n > 0) free(stack[--n]);
  free(stack);
#undef PUSH
}

/* rm -r of path (already known to exist): children first. */
static int rm_tree(fs_job_t* j, const char* path) {
  lode_fs_t req;
  lode_dirent_t ent;
  int r;

  r = lode_fs_lstat(NULL, &req, path, NULL);
  lode_fs_req_cleanup(&req);
  if (r < 0) {
    if (r == LODE_ENOENT) return 0;
    job_fail(j, r, "lstat", path);
    return r;
  }
  if (!S_ISDIR(req.statbuf.st_mode)) {
    r = lode_fs_unlink(NULL, &req, path, NULL);
    lode_fs_req_cleanup(&req);
    if (r < 0 && r != LODE_ENOENT) {
      job_fail(j, r, "unlink", path);
      return r;
    }
    return 0;
  }
  r = lode_fs_scandir(NULL, &req, path, 0, NULL);
  if (r < 0) {
    lode_fs_req_cleanup(&req);
    job_fail(j, r, "scandir", path);
    return r;
  }
  while (lode_fs_scandir_next(&req, &ent) == 0) {
    size_t pl = strlen(path), nl = strlen(ent.name);
    char* child = malloc(pl + nl + 2);
    if (child == NULL) abort();
    memcpy(child, path, pl);
    child[pl] = '/';
    memcpy(child + pl + 1, ent.name, nl + 1);
    r = rm_tree(j, child);
    free(child);
    if (r < 0) {
      lode_fs_req_cleanup(&req);
      return r;
    }
  }
  lode_fs_req_cleanup(&req);
  r = lode_fs_rmdir(NULL, &req, path, NULL);
  lode_fs_req_cleanup(&req);
  if (r < 0 && r != LODE_ENOENT) {
    job_fail(j, r, "rmdir", path);
    return r;
  }
  return 0;
}

static void job_run(fs_job_t* j) {
  switch (j->kind) {
    case JOB_READFILE: job_readfile(j); break;
    case JOB_WRITEFILE: job_writefile(j); break;
    case JOB_MKDIRP: job_mkdirp(j); break;
    default: rm_tree(j, j->path); break;
  }
}

static void job_work(lode_work_t* w) {
  job_run((fs_job_t*) w);
}

static void job_free(duk_context* ctx, fs_job_t* j) {
  lode_js_unref(ctx, j->cb_ref);
  lode_js_unref(ctx, j->data_ref);
  if (j->owns_data) free(j->data);
  free(j->path);
  free(j->err_path);
  free(j->first);
  free(j);
}

/* Pushes the job's error, or its result (returns 1 for a value). */
static int job_push(duk_context* ctx, fs_job_t* j, int* is_error) {
  *is_error = 1;
  if (j->too_large > 0) {
    duk_push_error_object(ctx, DUK_ERR_RANGE_ERROR,
                          "File size (%.0f) is greater than 2 GiB",
                          j->too_large);
    duk_push_string(ctx, "ERR_FS_FILE_TOO_LARGE");
    lode_put_lit(ctx, -2, "code");
    return 1;
  }
  if (j->err < 0) {
    lode_js_push_error(ctx, j->err, j->syscall, j->err_path, NULL);
    return 1;
  }
  *is_error = 0;
  switch (j->kind) {
    case JOB_READFILE:
      if (j->utf8) {
        push_utf8(ctx, j->data, j->len);
      } else {
        void* p = duk_push_fixed_buffer(ctx, j->len);
        if (j->len > 0) memcpy(p, j->data, j->len);
        duk_push_buffer_object(ctx, -1, 0, j->len, DUK_BUFOBJ_UINT8ARRAY);
        duk_remove(ctx, -2);
        if (buffer_proto_ref > 0) { /* a Buffer is a Uint8Array re-parented */
          lode_js_push_ref(ctx, buffer_proto_ref);
          duk_set_prototype(ctx, -2);
        }
      }
      return 1;
    case JOB_MKDIRP:
      if (j->first == NULL) return 0;
      push_utf8(ctx, j->first, strlen(j->first));
      return 1;
    default:
      return 0;
  }
}

static void after_job(lode_work_t* w, int status) {
  fs_job_t* j = (fs_job_t*) w;
  duk_context* ctx = j->ctx;
  int is_error, n;

  (void) status; /* fs jobs are never cancelled */
  lode_js_push_ref(ctx, j->cb_ref);
  duk_push_undefined(ctx);
  n = job_push(ctx, j, &is_error);
  if (!is_error) {
    duk_push_null(ctx);
    if (n) duk_swap_top(ctx, -2);
    n++;
  }
  job_free(ctx, j);
  lode_js_call(ctx, n);
  duk_pop(ctx);
}

static fs_job_t* job_new(duk_context* ctx, int kind, duk_idx_t path_idx,
                         duk_idx_t req_idx) {
  fs_job_t* j = calloc(1, sizeof(*j));
  if (j == NULL) {
    (void) duk_error(ctx, DUK_ERR_RANGE_ERROR, "out of memory");
    return NULL;
  }
  j->ctx = ctx;
  j->kind = kind;
  j->fd = -1;
  if (duk_is_number(ctx, path_idx))
    j->fd = duk_get_int(ctx, path_idx);
  else
    j->path = dup_path(ctx, path_idx);
  if (duk_is_function(ctx, req_idx)) j->cb_ref = lode_js_ref(ctx, req_idx);
  return j;
}

static duk_ret_t job_start(duk_context* ctx, fs_job_t* j) {
  int is_error, n;
  if (j->cb_ref) {
    int r = lode_queue_work(LOOP(ctx), &j->work, job_work, after_job);
    if (r < 0) {
      job_free(ctx, j);
      return lode_js_throw_error(ctx, r, NULL, NULL, NULL);
    }
    return 0;
  }
  job_run(j);
  n = job_push(ctx, j, &is_error);
  job_free(ctx, j);
  if (is_error) return duk_throw(ctx);
  return n;
}

/* readFile(pathOrFd, flags, utf8, req) → Uint8Array or string. */
static duk_ret_t fs_read_file(duk_context* ctx) {
  fs_job_t* j = job_new(ctx, JOB_READFILE, 0, 3);
  j->flags = duk_require_int(ctx, 1);
  j->utf8 = duk_to_boolean(ctx, 2);
  return job_start(ctx, j);
}

/* writeFile(pathOrFd, data, flags, mode, req): data a string (written as
 * UTF-8) or a buffer view. */
static duk_ret_t fs_write_file(duk_context* ctx) {
  fs_job_t* j = job_new(ctx, JOB_WRITEFILE, 0, 4);
  j->flags = duk_require_int(ctx, 2);
  j->mode = duk_require_int(ctx, 3);
  if (duk_is_string(ctx, 1)) {
    size_t n;
    int pushed;
    const char* s = get_utf8(ctx, 1, &n, &pushed);
    j->data = malloc(n ? n : 1);
    if (j->data == NULL) {
      job_free(ctx, j);
      return duk_error(ctx, DUK_ERR_RANGE_ERROR, "out of memory");
    }
    memcpy(j->data, s, n);
    j->len = n;
    j->owns_data = 1;
    if (pushed) duk_pop(ctx);
  } else {
    duk_size_t n;
    j->data = duk_require_buffer_data(ctx, 1, &n);
    j->len = n;
    if (j->cb_ref) j->data_ref = lode_js_ref(ctx, 1);
  }
  return job_start(ctx, j);
}

/* mkdirp(path, mode, req) → the first directory created, or undefined. */
static duk_ret_t fs_mkdirp(duk_context* ctx) {
  fs_job_t* j = job_new(ctx, JOB_MKDIRP, 0, 2);
  j->mode = duk_require_int(ctx, 1);
  return job_start(ctx, j);
}

/* rmTree(path, req): removes path and everything under it. */
static duk_ret_t fs_rm_tree(duk_context* ctx) {
  fs_job_t* j = job_new(ctx, JOB_RMTREE, 0, 1);
  return job_start(ctx, j);
}

/* ------------------------------------------------------------------ */
/* Directory streams: opendir → an id                                  */
/* ------------------------------------------------------------------ */

typedef struct {
  lode_dir_t* dir;
  lode_dirent_t ents[FS_DIR_BATCH];
} fs_dirslot_t;

static fs_dirslot_t** dirs;
static int ndirs;

static int dir_add(lode_dir_t* d) {
  int i;
  for (i = 0; i < ndirs; i++)
    if (dirs[i] == NULL) break;
  if (i == ndirs) {
    fs_dirslot_t** nd = realloc(dirs, (size_t) (ndirs + 16) * sizeof(*dirs));
    if (nd == NULL) return -1;
    memset(nd + ndirs, 0, 16 * sizeof(*nd));
    dirs = nd;
    ndirs += 16;
  }
  dirs[i] = calloc(1, sizeof(fs_dirslot_t));
  if (dirs[i] == NULL) return -1;
  dirs[i]->dir = d;
  d->dirents = dirs[i]->ents;
  d->nentries = FS_DIR_BATCH;
  return i + 1;
}

static fs_dirslot_t* dir_get(duk_context* ctx, duk_idx_t idx) {
  int id = duk_require_int(ctx, idx);
  if (id < 1 || id > ndirs || dirs[id - 1] == NULL) {
    (void) duk_error(ctx, DUK_ERR_ERROR, "bad directory handle");
    return NULL;
  }
  return dirs[id - 1];
}

/* Directory requests finish here rather than in after_req. */
typedef struct {
  lode_fs_t fs;
  duk_context* ctx;
  int cb_ref;
  int id;
  char* path;
} fs_dirreq_t;

/* Pushes the outcome: an error (returns 1 with *is_error), or a result. */
static int dirreq_push(duk_context* ctx, fs_dirreq_t* r, int* is_error) {
  *is_error = 0;
  if (r->fs.result < 0) {
    /* Node's opendirSync errors name no path; the async ones do. */
    *is_error = 1;
    lode_js_push_error(ctx, (int) r->fs.result, syscall_name(r->fs.fs_type),
                       r->cb_ref ? r->path : NULL, NULL);
    return 1;
  }
  switch (r->fs.fs_type) {
    case LODE_FS_OPENDIR: {
      int id = dir_add((lode_dir_t*) r->fs.ptr);
      if (id < 0) abort(); /* XXX: out of memory with an open DIR */
      duk_push_int(ctx, id);
      return 1;
    }
    case LODE_FS_READDIR: {
      fs_dirslot_t* s = dirs[r->id - 1];
      duk_uarridx_t i;
      if (r->fs.result == 0) {
        duk_push_null(ctx);
        return 1;
      }
      duk_push_array(ctx);
      for (i = 0; i < (duk_uarridx_t) r->fs.result; i++) {
        push_utf8(ctx, s->ents[i].name, strlen(s->ents[i].name));
        lode_duk_put_index(ctx, -2, 2 * i);
        duk_push_int(ctx, (int) s->ents[i].type);
        lode_duk_put_index(ctx, -2, 2 * i + 1);
      }
      return 1;
    }
    default: /* closedir */
      free(dirs[r->id - 1]);
      dirs[r->id - 1] = NULL;
      return 0;
  }
}

static void dirreq_free(duk_context* ctx, fs_dirreq_t* r) {
  lode_fs_req_cleanup(&r->fs);
  lode_js_unref(ctx, r->cb_ref);
  free(r->path);
  free(r);
}

static void after_dirreq(lode_fs_t* fs) {
  fs_dirreq_t* r = (fs_dirreq_t*) fs;
  duk_context* ctx = r->ctx;
  int is_error, n;

  lode_js_push_ref(ctx, r->cb_ref);
  duk_push_undefined(ctx);
  n = dirreq_push(ctx, r, &is_error);
  if (!is_error) {
    duk_push_null(ctx);
    if (n) duk_swap_top(ctx, -2);
    n++;
  }
  dirreq_free(ctx, r);
  lode_js_call(ctx, n);
  duk_pop(ctx);
}

static fs_dirreq_t* dirreq_new(duk_context* ctx, duk_idx_t req_idx) {
  fs_dirreq_t* r = calloc(1, sizeof(*r));
  if (r == NULL) {
    (void) duk_error(ctx, DUK_ERR_RANGE_ERROR, "out of memory");
    return NULL;
  }
  r->ctx = ctx;
  if (duk_is_function(ctx, req_idx)) r->cb_ref = lode_js_ref(ctx, req_idx);
  return r;
}

static duk_ret_t dirreq_end(duk_context* ctx, fs_dirreq_t* r, int rc) {
  int is_error, n;
  if (r->cb_ref) {
    if (rc < 0 && r->fs.result == 0) r->fs.result = rc;
    if (rc < 0) {
      dirreq_push(ctx, r, &is_error);
      dirreq_free(ctx, r);
      return duk_throw(ctx);
    }
    return 0;
  }
  n = dirreq_push(ctx, r, &is_error);
  dirreq_free(ctx, r);
  if (is_error) return duk_throw(ctx);
  return n;
}

#define DIR_CB(r) ((r)->cb_ref ? after_dirreq : NULL)

/* opendir(path, req) → a directory id. */
static duk_ret_t fs_opendir(duk_context* ctx) {
  fs_dirreq_t* r = dirreq_new(ctx, 1);
  int rc;
  r->path = dup_path(ctx, 0);
  rc = lode_fs_opendir(L, &r->fs, r->path, DIR_CB(r));
  return dirreq_end(ctx, r, rc);
}

/* dirRead(id, req) → [name, type, name, type, ...], or null at the end. */
static duk_ret_t fs_dir_read(duk_context* ctx) {
  fs_dirslot_t* s = dir_get(ctx, 0);
  fs_dirreq_t* r = dirreq_new(ctx, 1);
  int rc;
  r->id = duk_get_int(ctx, 0);
  s->dir->dirents = s->ents;
  s->dir->nentries = FS_DIR_BATCH;
  rc = lode_fs_readdir(L, &r->fs, s->dir, DIR_CB(r));
  return dirreq_end(ctx, r, rc);
}

/* dirClose(id, req). */
static duk_ret_t fs_dir_close(duk_context* ctx) {
  fs_dirslot_t* s = dir_get(ctx, 0);
  fs_dirreq_t* r = dirreq_new(ctx, 1);
  int rc;
  r->id = duk_get_int(ctx, 0);
  rc = lode_fs_closedir(L, &r->fs, s->dir, DIR_CB(r));
  return dirreq_end(ctx, r, rc);
}

/* ------------------------------------------------------------------ */
/* The module loader's helpers (synchronous)                           */
/* ------------------------------------------------------------------ */

static duk_ret_t fs_internal_module_stat(duk_context* ctx) {
  lode_fs_t req;
  int r = lode_fs_stat(LOOP(ctx), &req, duk_require_string(ctx, 0), NULL);
  if (r == 0) r = S_ISDIR(req.statbuf.st_mode) ? 1 : 0;
  lode_fs_req_cleanup(&req);
  duk_push_int(ctx, r);
  return 1;
}

/* readFileUtf8(path): the text, without a UTF-8 byte order mark. */
static duk_ret_t fs_read_file_utf8(duk_context* ctx) {
  fs_job_t* j;
  int is_error;
  duk_set_top(ctx, 1);
  j = job_new(ctx, JOB_READFILE, 0, 1);
  j->flags = O_RDONLY;
  job_run(j);
  if (j->err == 0 && j->too_large == 0 && j->len >= 3 &&
      (unsigned char) j->data[0] == 0xef &&
      (unsigned char) j->data[1] == 0xbb &&
      (unsigned char) j->data[2] == 0xbf) {
    memmove(j->data, j->data + 3, j->len - 3);
    j->len -= 3;
  }
  j->utf8 = 1;
  job_push(ctx, j, &is_error);
  job_free(ctx, j);
  if (is_error) return duk_throw(ctx);
  return 1;
}

/* setup(Stats.prototype, Date, Buffer.prototype). */
static duk_ret_t fs_setup(duk_context* ctx) {
  lode_js_unref(ctx, stats_proto_ref);
  lode_js_unref(ctx, date_ref);
  lode_js_unref(ctx, stats_factory_ref);
  stats_factory_ref = 0; /* made again, with the new Date, on first use */
  lode_js_unref(ctx, buffer_proto_ref);
  stats_proto_ref = lode_js_ref(ctx, 0);
  date_ref = lode_js_ref(ctx, 1);
  buffer_proto_ref = duk_is_object(ctx, 2) ? lode_js_ref(ctx, 2) : 0;
  return 0;
}

/* ------------------------------------------------------------------ */
/* The binding                                                         */
/* ------------------------------------------------------------------ */

#undef L
#undef F

static const duk_function_list_entry fs_functions[] = {
    {"internalModuleStat", fs_internal_module_stat, 1},
    {"readFileUtf8", fs_read_file_utf8, 1},
    {"realpath", fs_realpath, DUK_VARARGS},
    {"setup", fs_setup, 3},
    {"access", fs_access, 3},
    {"open", fs_open, 4},
    {"close", fs_close, 2},
    {"read", fs_read, 6},
    {"writeBuffer", fs_write_buffer, 6},
    {"writeString", fs_write_string, 4},
    {"stat", fs_stat, 2},
    {"lstat", fs_lstat, 2},
    {"fstat", fs_fstat, 2},
    {"unlink", fs_unlink, 2},
    {"rmdir", fs_rmdir, 2},
    {"mkdir", fs_mkdir, 3},
    {"mkdirp", fs_mkdirp, 3},
    {"mkdtemp", fs_mkdtemp, 2},
    {"readlink", fs_readlink, 2},
    {"realpathNative", fs_realpath_native, 2},
    {"readdir", fs_readdir, 3},
    {"chmod", fs_chmod, 3},
    {"fchmod", fs_fchmod, 3},
    {"chown", fs_chown, 4},
    {"fchown", fs_fchown, 4},
    {"lchown", fs_lchown, 4},
    {"utimes", fs_utimes, 4},
    {"futimes", fs_futimes, 4},
    {"lutimes", fs_lutimes, 4},
    {"rename", fs_rename, 3},
    {"link", fs_link, 3},
    {"symlink", fs_symlink, 4},
    {"copyFile", fs_copyfile, 4},
    {"fsync", fs_fsync, 2},
    {"fdatasync", fs_fdatasync, 2},
    {"ftruncate", fs_ftruncate, 3},
    {"readFile", fs_read_file, 4},
    {"writeFile", fs_write_file, 5},
    {"rmTree", fs_rm_tree, 2},
    {"opendir", fs_opendir, 2},
    {"dirRead", fs_dir_read, 2},
    {"dirClose", fs_dir_close, 2},
    {NULL, NULL, 0}};

typedef struct {
  const char* name;
  double value;
} fs_const_t;

void lode_binding_fs(duk_context* ctx) {
  static const fs_const_t consts[] = {
      {"UV_FS_SYMLINK_DIR", LODE_FS_SYMLINK_DIR},
      {"UV_FS_SYMLINK_JUNCTION", LODE_FS_SYMLINK_JUNCTION},
      {"O_RDONLY", O_RDONLY},
      {"O_WRONLY", O_WRONLY},
      {"O_RDWR", O_RDWR},
      {"UV_DIRENT_UNKNOWN", LODE_DIRENT_UNKNOWN},
      {"UV_DIRENT_FILE", LODE_DIRENT_FILE},
      {"UV_DIRENT_DIR", LODE_DIRENT_DIR},
      {"UV_DIRENT_LINK", LODE_DIRENT_LINK},
      {"UV_DIRENT_FIFO", LODE_DIRENT_FIFO},
      {"UV_DIRENT_SOCKET", LODE_DIRENT_SOCKET},
      {"UV_DIRENT_CHAR", LODE_DIRENT_CHAR},
      {"UV_DIRENT_BLOCK", LODE_DIRENT_BLOCK},
      {"EXTENSIONLESS_FORMAT_JAVASCRIPT", 0},
      {"EXTENSIONLESS_FORMAT_WASM", 1},
      {"S_IFMT", S_IFMT},
      {"S_IFREG", S_IFREG},
      {"S_IFDIR", S_IFDIR},
      {"S_IFCHR", S_IFCHR},
      {"S_IFBLK", S_IFBLK},
      {"S_IFIFO", S_IFIFO},
      {"S_IFLNK", S_IFLNK},
      {"S_IFSOCK", S_IFSOCK},
      {"O_CREAT", O_CREAT},
      {"O_EXCL", O_EXCL},
      {"UV_FS_O_FILEMAP", 0},
      {"O_NOCTTY", O_NOCTTY},
      {"O_TRUNC", O_TRUNC},
      {"O_APPEND", O_APPEND},
      {"O_DIRECTORY", O_DIRECTORY},
#ifdef O_NOATIME
      {"O_NOATIME", O_NOATIME},
#endif
      {"O_NOFOLLOW", O_NOFOLLOW},
      {"O_SYNC", O_SYNC},
      {"O_DSYNC", O_DSYNC},
#ifdef O_DIRECT
      {"O_DIRECT", O_DIRECT},
#endif
      {"O_NONBLOCK", O_NONBLOCK},
      {"S_IRWXU", S_IRWXU},
      {"S_IRUSR", S_IRUSR},
      {"S_IWUSR", S_IWUSR},
      {"S_IXUSR", S_IXUSR},
      {"S_IRWXG", S_IRWXG},
      {"S_IRGRP", S_IRGRP},
      {"S_IWGRP", S_IWGRP},
      {"S_IXGRP", S_IXGRP},
      {"S_IRWXO", S_IRWXO},
      {"S_IROTH", S_IROTH},
      {"S_IWOTH", S_IWOTH},
      {"S_IXOTH", S_IXOTH},
      {"F_OK", F_OK},
      {"R_OK", R_OK},
      {"W_OK", W_OK},
      {"X_OK", X_OK},
      {"UV_FS_COPYFILE_EXCL", LODE_FS_COPYFILE_EXCL},
      {"COPYFILE_EXCL", LODE_FS_COPYFILE_EXCL},
      {"UV_FS_COPYFILE_FICLONE", LODE_FS_COPYFILE_FICLONE},
      {"COPYFILE_FICLONE", LODE_FS_COPYFILE_FICLONE},
      {"UV_FS_COPYFILE_FICLONE_FORCE", LODE_FS_COPYFILE_FICLONE_FORCE},
      {"COPYFILE_FICLONE_FORCE", LODE_FS_COPYFILE_FICLONE_FORCE},
      {NULL, 0}};
  const fs_const_t* c;

  duk_push_object(ctx);
  lode_js_put_functions(ctx, fs_functions);
  duk_push_object(ctx);
  for (c = consts; c->name != NULL; c++) {
    duk_push_number(ctx, c->value);
    duk_put_prop_string(ctx, -2, c->name);
  }
  lode_put_lit(ctx, -2, "constants");
  duk_push_number(ctx, FS_MAX_LENGTH);
  lode_put_lit(ctx, -2, "kMaxLength");
}
