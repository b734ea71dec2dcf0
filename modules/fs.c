/*
 * fs.c — internalBinding('fs') (layer: modules/).
 *
 * XXX: for now only what the module loader needs, synchronously:
 *   internalModuleStat(path)  0 file, 1 directory, < 0 a lode error code
 *   readFileUtf8(path)        the file's text; throws Node's error
 *   realpath(path)            the canonical path; throws Node's error
 * The fs module proper (async forms on the worker pool, streams, every
 * call) is the next issue's work and grows this binding.
 */
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>

#include "engine.h"

#define LOOP(ctx) (lode_engine_get(ctx)->loop)

static duk_ret_t fs_internal_module_stat(duk_context* ctx) {
  lode_fs_t req;
  int r = lode_fs_stat(LOOP(ctx), &req, duk_require_string(ctx, 0), NULL);
  if (r == 0) r = S_ISDIR(req.statbuf.st_mode) ? 1 : 0;
  lode_fs_req_cleanup(&req);
  duk_push_int(ctx, r);
  return 1;
}

static duk_ret_t fs_read_file_utf8(duk_context* ctx) {
  const char* path = duk_require_string(ctx, 0);
  lode_fs_t req;
  lode_buf_t buf;
  char* data = NULL;
  size_t len = 0, cap = 0;
  int fd;
  lode_ssize_t n;

  fd = lode_fs_open(LOOP(ctx), &req, path, O_RDONLY, 0, NULL);
  lode_fs_req_cleanup(&req);
  if (fd < 0) return lode_js_throw_error(ctx, fd, "open", path, NULL);
  for (;;) {
    if (cap - len < 65536) {
      size_t ncap = cap ? cap * 2 : 65536;
      data = duk_resize_buffer(ctx, -1, ncap);
      cap = ncap;
    }
    buf = lode_buf_init(data + len, (unsigned int) (cap - len));
    n = lode_fs_read(LOOP(ctx), &req, fd, &buf, 1, -1, NULL);
    lode_fs_req_cleanup(&req);
    if (n < 0) {
      lode_fs_close(LOOP(ctx), &req, fd, NULL);
      lode_fs_req_cleanup(&req);
      return lode_js_throw_error(ctx, (int) n, "read", NULL, NULL);
    }
    if (n == 0) break;
    len += (size_t) n;
  }
  lode_fs_close(LOOP(ctx), &req, fd, NULL);
  lode_fs_req_cleanup(&req);
  /* Skip a UTF-8 byte order mark, as Node's loader does. */
  if (len >= 3 && (unsigned char) data[0] == 0xef &&
      (unsigned char) data[1] == 0xbb && (unsigned char) data[2] == 0xbf)
    duk_push_lstring(ctx, data + 3, len - 3);
  else
    duk_push_lstring(ctx, data, len);
  return 1;
}

static duk_ret_t fs_read_file_utf8_entry(duk_context* ctx) {
  duk_push_dynamic_buffer(ctx, 0); /* [ path buf ] scratch, grown above */
  return fs_read_file_utf8(ctx);
}

static duk_ret_t fs_realpath(duk_context* ctx) {
  const char* path = duk_require_string(ctx, 0);
  lode_fs_t req;
  int r = lode_fs_realpath(LOOP(ctx), &req, path, NULL);
  if (r < 0) {
    lode_fs_req_cleanup(&req);
    return lode_js_throw_error(ctx, r, "realpath", path, NULL);
  }
  duk_push_string(ctx, (const char*) req.ptr);
  lode_fs_req_cleanup(&req);
  return 1;
}

static const duk_function_list_entry fs_functions[] = {
    {"internalModuleStat", fs_internal_module_stat, 1},
    {"readFileUtf8", fs_read_file_utf8_entry, 1},
    {"realpath", fs_realpath, 1},
    {NULL, NULL, 0}};

void lode_binding_fs(duk_context* ctx) {
  duk_push_object(ctx);
  lode_js_put_functions(ctx, fs_functions);
}
