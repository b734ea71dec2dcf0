/*
 * fs.c — the libuv adapter's file-system requests, fs events and DNS
 * requests (layer: platform/libuv; contract: loop/lode.h; see internal.h).
 *
 * A lode_fs_t embeds a uv_fs_t; when the libuv request completes (or a
 * synchronous call returns) its result, path, ptr and statbuf are copied
 * into the lode fields that modules/ read. uv_stat_t and lode_stat_t,
 * uv_dirent_t and lode_dirent_t have one layout (checked below), so stat
 * buffers and directory entries are copied or shared as they are.
 *
 * Where lode's contract differs from libuv's, the adapter follows lode's:
 *  - a synchronous call leaves a copy of the path in req->path (libuv
 *    points at the caller's string), freed by lode_fs_req_cleanup;
 *  - opendir hands out a lode_dir_t (the user sets dirents/nentries on it)
 *    whose private `dir` is libuv's uv_dir_t; it is freed by closedir. The
 *    names of a readdir stay valid until the next readdir or closedir on
 *    the directory (libuv frees them with the readdir request);
 *  - utime/futime/lutime with NaN (leave unchanged) or +Infinity (now),
 *    which libuv 1.44 does not know, run utimensat/futimens themselves
 *    (on libuv's pool through uv_queue_work when asynchronous).
 */
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "internal.h"

LODE__UV_CHECK(stat_size,
               LODE__UV_SAME(sizeof(uv_stat_t), sizeof(lode_stat_t)));
LODE__UV_CHECK(stat_ino, LODE__UV_SAME(offsetof(uv_stat_t, st_ino),
                                       offsetof(lode_stat_t, st_ino)));
LODE__UV_CHECK(stat_birthtim,
               LODE__UV_SAME(offsetof(uv_stat_t, st_birthtim),
                             offsetof(lode_stat_t, st_birthtim)));
LODE__UV_CHECK(dirent_size,
               LODE__UV_SAME(sizeof(uv_dirent_t), sizeof(lode_dirent_t)));
LODE__UV_CHECK(dirent_type, LODE__UV_SAME(offsetof(uv_dirent_t, type),
                                          offsetof(lode_dirent_t, type)));
LODE__UV_CHECK(dirent_values,
               LODE__UV_SAME(UV_DIRENT_FILE, LODE_DIRENT_FILE) &&
                   LODE__UV_SAME(UV_DIRENT_DIR, LODE_DIRENT_DIR) &&
                   LODE__UV_SAME(UV_DIRENT_LINK, LODE_DIRENT_LINK) &&
                   LODE__UV_SAME(UV_DIRENT_FIFO, LODE_DIRENT_FIFO) &&
                   LODE__UV_SAME(UV_DIRENT_SOCKET, LODE_DIRENT_SOCKET) &&
                   LODE__UV_SAME(UV_DIRENT_CHAR, LODE_DIRENT_CHAR) &&
                   LODE__UV_SAME(UV_DIRENT_BLOCK, LODE_DIRENT_BLOCK));
LODE__UV_CHECK(copyfile_flags,
               LODE__UV_SAME(UV_FS_COPYFILE_EXCL, LODE_FS_COPYFILE_EXCL) &&
                   LODE__UV_SAME(UV_FS_COPYFILE_FICLONE,
                                 LODE_FS_COPYFILE_FICLONE) &&
                   LODE__UV_SAME(UV_FS_COPYFILE_FICLONE_FORCE,
                                 LODE_FS_COPYFILE_FICLONE_FORCE));
LODE__UV_CHECK(symlink_flags,
               LODE__UV_SAME(UV_FS_SYMLINK_DIR, LODE_FS_SYMLINK_DIR) &&
                   LODE__UV_SAME(UV_FS_SYMLINK_JUNCTION,
                                 LODE_FS_SYMLINK_JUNCTION));
LODE__UV_CHECK(fs_events, LODE__UV_SAME(UV_RENAME, LODE_RENAME) &&
                              LODE__UV_SAME(UV_CHANGE, LODE_CHANGE));

/* ------------------------------------------------------------------ */
/* Requests                                                            */
/* ------------------------------------------------------------------ */

/* req->flags (private, unused otherwise): req->path is the adapter's. */
#define FS_OWN_PATH 1

/* opendir's lode_dir_t and the names of its last readdir. */
typedef struct {
  lode_dir_t pub; /* first: a lode_dir_t* is an fs_dir* */
  char** names;   /* allocated by libuv (malloc) */
  size_t nnames;
} fs_dir;

static void dir_drop_names(fs_dir* d) {
  size_t i;
  for (i = 0; i < d->nnames; i++) free(d->names[i]);
  lode__free(d->names);
  d->names = NULL;
  d->nnames = 0;
}

/* After a readdir: the names become the directory's, so that libuv's
 * request cleanup leaves them alone. */
static void dir_take_names(lode_fs_t* req) {
  fs_dir* d = req->ptr;
  size_t i, n = (size_t) req->uv.result;
  d->names = lode__malloc(n * sizeof(*d->names));
  if (d->names == NULL) return; /* XXX: the names go with the request */
  for (i = 0; i < n; i++) d->names[i] = (char*) d->pub.dirents[i].name;
  d->nnames = n;
  req->uv.ptr = NULL;
}

static void fs_start(lode_loop_t* loop, lode_fs_t* req, lode_fs_type type,
                     lode_fs_cb cb) {
  req->flags = 0;
  req->type = LODE_FS;
  req->fs_type = type;
  req->loop = loop;
  req->cb = cb;
  req->result = 0;
  req->ptr = NULL;
  req->path = NULL;
  req->uv.data = req;
}

/* A call refused before libuv saw it (libuv would assert): the request
 * gets the error, and a zeroed uv_fs_t that lode_fs_req_cleanup and
 * lode_cancel see as no request. */
static int fs_invalid(lode_loop_t* loop, lode_fs_t* req, lode_fs_type type,
                      lode_fs_cb cb) {
  if (req == NULL) return LODE_EINVAL;
  fs_start(loop, req, type, cb);
  memset(&req->uv, 0, sizeof(req->uv));
  req->uv.data = req;
  req->result = LODE_EINVAL;
  return LODE_EINVAL;
}

/* Copies libuv's outcome into the lode fields. */
static void fs_done(lode_fs_t* req) {
  uv_fs_t* u = &req->uv;
  req->result = u->result;
  req->path = u->path;
  if (req->cb == NULL && u->path != NULL && req->fs_type != LODE_FS_MKDTEMP) {
    req->path = lode__strdup(u->path);
    if (req->path != NULL) req->flags |= FS_OWN_PATH;
  }
  switch (req->fs_type) {
    case LODE_FS_STAT:
    case LODE_FS_LSTAT:
    case LODE_FS_FSTAT:
      if (u->result == 0) {
        memcpy(&req->statbuf, &u->statbuf, sizeof(req->statbuf));
        req->ptr = &req->statbuf;
      }
      break;
    case LODE_FS_READLINK:
    case LODE_FS_REALPATH:
    case LODE_FS_SCANDIR:
      req->ptr = u->ptr;
      break;
    case LODE_FS_OPENDIR:
      if (u->result == 0) {
        fs_dir* dir = lode__calloc(1, sizeof(*dir));
        if (dir == NULL) {
          uv_fs_t c;
          uv_fs_closedir(u->loop, &c, u->ptr, NULL);
          uv_fs_req_cleanup(&c);
          req->result = LODE_ENOMEM;
        } else {
          dir->pub.dir = u->ptr;
          req->ptr = dir;
        }
      }
      break;
    case LODE_FS_READDIR:
      if (u->result > 0) dir_take_names(req);
      break;
    case LODE_FS_CLOSEDIR:
      /* req->ptr held the lode_dir_t; libuv freed its uv_dir_t. */
      if (u->result == 0) {
        dir_drop_names(req->ptr);
        lode__free(req->ptr);
      }
      req->ptr = NULL;
      break;
    default:
      break;
  }
}

static void on_fs(uv_fs_t* u) {
  lode_fs_t* req = u->data;
  fs_done(req);
  req->cb(req);
}

/* The common end of every lode_fs_* call: err is what libuv returned. */
static int fs_end(lode_fs_t* req, int err) {
  if (req->cb == NULL) {
    /* Synchronous: errors found before libuv ran anything come back only
     * as the return value. */
    if (err < 0 && req->uv.result == 0) req->uv.result = err;
    fs_done(req);
    return (int) req->result;
  }
  if (err < 0) req->result = err;
  return err;
}

#define FS_CB(req) ((req)->cb != NULL ? on_fs : NULL)

/* A synchronous call may pass no loop (libuv does not use it then). */
#define FS_LOOP(loop) ((loop) != NULL ? &(loop)->uv : NULL)

#define FS_PATH_CALL(TYPE, fn, ...)                                    \
  if (req == NULL || (cb != NULL && loop == NULL)) return LODE_EINVAL; \
  fs_start(loop, req, LODE_FS_##TYPE, cb);                             \
  return fs_end(req, fn(FS_LOOP(loop), &req->uv, __VA_ARGS__, FS_CB(req)))

int lode_fs_open(lode_loop_t* loop, lode_fs_t* req, const char* path, int flags,
                 int mode, lode_fs_cb cb) {
  if (path == NULL) return fs_invalid(loop, req, LODE_FS_OPEN, cb);
  FS_PATH_CALL(OPEN, uv_fs_open, path, flags, mode);
}

int lode_fs_close(lode_loop_t* loop, lode_fs_t* req, lode_file_t file,
                  lode_fs_cb cb) {
  FS_PATH_CALL(CLOSE, uv_fs_close, file);
}

int lode_fs_read(lode_loop_t* loop, lode_fs_t* req, lode_file_t file,
                 const lode_buf_t bufs[], unsigned int nbufs, int64_t offset,
                 lode_fs_cb cb) {
  FS_PATH_CALL(READ, uv_fs_read, file, (const uv_buf_t*) bufs, nbufs, offset);
}

int lode_fs_write(lode_loop_t* loop, lode_fs_t* req, lode_file_t file,
                  const lode_buf_t bufs[], unsigned int nbufs, int64_t offset,
                  lode_fs_cb cb) {
  FS_PATH_CALL(WRITE, uv_fs_write, file, (const uv_buf_t*) bufs, nbufs, offset);
}

int lode_fs_unlink(lode_loop_t* loop, lode_fs_t* req, const char* path,
                   lode_fs_cb cb) {
  if (path == NULL) return fs_invalid(loop, req, LODE_FS_UNLINK, cb);
  FS_PATH_CALL(UNLINK, uv_fs_unlink, path);
}

int lode_fs_mkdir(lode_loop_t* loop, lode_fs_t* req, const char* path, int mode,
                  lode_fs_cb cb) {
  if (path == NULL) return fs_invalid(loop, req, LODE_FS_MKDIR, cb);
  FS_PATH_CALL(MKDIR, uv_fs_mkdir, path, mode);
}

int lode_fs_mkdtemp(lode_loop_t* loop, lode_fs_t* req, const char* tpl,
                    lode_fs_cb cb) {
  if (tpl == NULL) return fs_invalid(loop, req, LODE_FS_MKDTEMP, cb);
  FS_PATH_CALL(MKDTEMP, uv_fs_mkdtemp, tpl);
}

int lode_fs_rmdir(lode_loop_t* loop, lode_fs_t* req, const char* path,
                  lode_fs_cb cb) {
  if (path == NULL) return fs_invalid(loop, req, LODE_FS_RMDIR, cb);
  FS_PATH_CALL(RMDIR, uv_fs_rmdir, path);
}

int lode_fs_scandir(lode_loop_t* loop, lode_fs_t* req, const char* path,
                    int flags, lode_fs_cb cb) {
  if (path == NULL) return fs_invalid(loop, req, LODE_FS_SCANDIR, cb);
  FS_PATH_CALL(SCANDIR, uv_fs_scandir, path, flags);
}

int lode_fs_scandir_next(lode_fs_t* req, lode_dirent_t* ent) {
  if (req == NULL || ent == NULL) return LODE_EINVAL;
  return uv_fs_scandir_next(&req->uv, (uv_dirent_t*) ent);
}

int lode_fs_opendir(lode_loop_t* loop, lode_fs_t* req, const char* path,
                    lode_fs_cb cb) {
  if (path == NULL) return fs_invalid(loop, req, LODE_FS_OPENDIR, cb);
  FS_PATH_CALL(OPENDIR, uv_fs_opendir, path);
}

int lode_fs_readdir(lode_loop_t* loop, lode_fs_t* req, lode_dir_t* dir,
                    lode_fs_cb cb) {
  uv_dir_t* d;
  if (req == NULL || (cb != NULL && loop == NULL)) return LODE_EINVAL;
  fs_start(loop, req, LODE_FS_READDIR, cb);
  if (dir == NULL || dir->dir == NULL || dir->dirents == NULL ||
      dir->nentries == 0)
    return fs_invalid(loop, req, LODE_FS_READDIR, cb);
  req->ptr = dir; /* as lode's readdir */
  dir_drop_names((fs_dir*) dir);
  d = dir->dir;
  d->dirents = (uv_dirent_t*) dir->dirents;
  d->nentries = dir->nentries;
  return fs_end(req, uv_fs_readdir(FS_LOOP(loop), &req->uv, d, FS_CB(req)));
}

int lode_fs_closedir(lode_loop_t* loop, lode_fs_t* req, lode_dir_t* dir,
                     lode_fs_cb cb) {
  if (req == NULL || (cb != NULL && loop == NULL)) return LODE_EINVAL;
  fs_start(loop, req, LODE_FS_CLOSEDIR, cb);
  if (dir == NULL || dir->dir == NULL)
    return fs_invalid(loop, req, LODE_FS_CLOSEDIR, cb);
  req->ptr = dir;
  return fs_end(req,
                uv_fs_closedir(FS_LOOP(loop), &req->uv, dir->dir, FS_CB(req)));
}

int lode_fs_stat(lode_loop_t* loop, lode_fs_t* req, const char* path,
                 lode_fs_cb cb) {
  if (path == NULL) return fs_invalid(loop, req, LODE_FS_STAT, cb);
  FS_PATH_CALL(STAT, uv_fs_stat, path);
}

int lode_fs_fstat(lode_loop_t* loop, lode_fs_t* req, lode_file_t file,
                  lode_fs_cb cb) {
  FS_PATH_CALL(FSTAT, uv_fs_fstat, file);
}

int lode_fs_lstat(lode_loop_t* loop, lode_fs_t* req, const char* path,
                  lode_fs_cb cb) {
  if (path == NULL) return fs_invalid(loop, req, LODE_FS_LSTAT, cb);
  FS_PATH_CALL(LSTAT, uv_fs_lstat, path);
}

int lode_fs_rename(lode_loop_t* loop, lode_fs_t* req, const char* path,
                   const char* new_path, lode_fs_cb cb) {
  if (path == NULL || new_path == NULL)
    return fs_invalid(loop, req, LODE_FS_RENAME, cb);
  FS_PATH_CALL(RENAME, uv_fs_rename, path, new_path);
}

int lode_fs_fsync(lode_loop_t* loop, lode_fs_t* req, lode_file_t file,
                  lode_fs_cb cb) {
  FS_PATH_CALL(FSYNC, uv_fs_fsync, file);
}

int lode_fs_fdatasync(lode_loop_t* loop, lode_fs_t* req, lode_file_t file,
                      lode_fs_cb cb) {
  FS_PATH_CALL(FDATASYNC, uv_fs_fdatasync, file);
}

int lode_fs_ftruncate(lode_loop_t* loop, lode_fs_t* req, lode_file_t file,
                      int64_t offset, lode_fs_cb cb) {
  FS_PATH_CALL(FTRUNCATE, uv_fs_ftruncate, file, offset);
}

int lode_fs_copyfile(lode_loop_t* loop, lode_fs_t* req, const char* path,
                     const char* new_path, int flags, lode_fs_cb cb) {
  if (path == NULL || new_path == NULL)
    return fs_invalid(loop, req, LODE_FS_COPYFILE, cb);
  FS_PATH_CALL(COPYFILE, uv_fs_copyfile, path, new_path, flags);
}

int lode_fs_sendfile(lode_loop_t* loop, lode_fs_t* req, lode_file_t out_fd,
                     lode_file_t in_fd, int64_t in_offset, size_t length,
                     lode_fs_cb cb) {
  if (in_offset < 0) return fs_invalid(loop, req, LODE_FS_SENDFILE, cb);
  FS_PATH_CALL(SENDFILE, uv_fs_sendfile, out_fd, in_fd, in_offset, length);
}

int lode_fs_access(lode_loop_t* loop, lode_fs_t* req, const char* path,
                   int mode, lode_fs_cb cb) {
  if (path == NULL) return fs_invalid(loop, req, LODE_FS_ACCESS, cb);
  FS_PATH_CALL(ACCESS, uv_fs_access, path, mode);
}

int lode_fs_chmod(lode_loop_t* loop, lode_fs_t* req, const char* path, int mode,
                  lode_fs_cb cb) {
  if (path == NULL) return fs_invalid(loop, req, LODE_FS_CHMOD, cb);
  FS_PATH_CALL(CHMOD, uv_fs_chmod, path, mode);
}

int lode_fs_fchmod(lode_loop_t* loop, lode_fs_t* req, lode_file_t file,
                   int mode, lode_fs_cb cb) {
  FS_PATH_CALL(FCHMOD, uv_fs_fchmod, file, mode);
}

int lode_fs_link(lode_loop_t* loop, lode_fs_t* req, const char* path,
                 const char* new_path, lode_fs_cb cb) {
  if (path == NULL || new_path == NULL)
    return fs_invalid(loop, req, LODE_FS_LINK, cb);
  FS_PATH_CALL(LINK, uv_fs_link, path, new_path);
}

int lode_fs_symlink(lode_loop_t* loop, lode_fs_t* req, const char* path,
                    const char* new_path, int flags, lode_fs_cb cb) {
  if (path == NULL || new_path == NULL)
    return fs_invalid(loop, req, LODE_FS_SYMLINK, cb);
  FS_PATH_CALL(SYMLINK, uv_fs_symlink, path, new_path, flags);
}

int lode_fs_readlink(lode_loop_t* loop, lode_fs_t* req, const char* path,
                     lode_fs_cb cb) {
  if (path == NULL) return fs_invalid(loop, req, LODE_FS_READLINK, cb);
  FS_PATH_CALL(READLINK, uv_fs_readlink, path);
}

int lode_fs_realpath(lode_loop_t* loop, lode_fs_t* req, const char* path,
                     lode_fs_cb cb) {
  if (path == NULL) return fs_invalid(loop, req, LODE_FS_REALPATH, cb);
  FS_PATH_CALL(REALPATH, uv_fs_realpath, path);
}

int lode_fs_chown(lode_loop_t* loop, lode_fs_t* req, const char* path,
                  lode_uid_t uid, lode_gid_t gid, lode_fs_cb cb) {
  if (path == NULL) return fs_invalid(loop, req, LODE_FS_CHOWN, cb);
  FS_PATH_CALL(CHOWN, uv_fs_chown, path, uid, gid);
}

int lode_fs_fchown(lode_loop_t* loop, lode_fs_t* req, lode_file_t file,
                   lode_uid_t uid, lode_gid_t gid, lode_fs_cb cb) {
  FS_PATH_CALL(FCHOWN, uv_fs_fchown, file, uid, gid);
}

int lode_fs_lchown(lode_loop_t* loop, lode_fs_t* req, const char* path,
                   lode_uid_t uid, lode_gid_t gid, lode_fs_cb cb) {
  if (path == NULL) return fs_invalid(loop, req, LODE_FS_LCHOWN, cb);
  FS_PATH_CALL(LCHOWN, uv_fs_lchown, path, uid, gid);
}

/* ---- utime with NaN / +Infinity ---- */

static struct timespec utime_spec(double t) {
  struct timespec ts;
  double sec;
  ts.tv_sec = 0;
  if (isnan(t) || isinf(t)) {
    ts.tv_nsec = isnan(t) || t < 0 ? UTIME_OMIT : UTIME_NOW;
    return ts;
  }
  sec = floor(t);
  ts.tv_sec = (time_t) sec;
  ts.tv_nsec = (long) ((t - sec) * 1e6) * 1000; /* microseconds, as libuv */
  return ts;
}

static int utime_run(lode_fs_t* req) {
  struct timespec ts[2];
  int r;
  ts[0] = utime_spec(req->atime);
  ts[1] = utime_spec(req->mtime);
  if (req->fs_type == LODE_FS_FUTIME)
    r = futimens(req->file, ts);
  else
    r = utimensat(AT_FDCWD, req->new_path, ts,
                  req->fs_type == LODE_FS_LUTIME ? AT_SYMLINK_NOFOLLOW : 0);
  return r == 0 ? 0 : -errno;
}

typedef struct {
  uv_work_t work;
  lode_fs_t* req;
} utime_job;

static void utime_work(uv_work_t* w) {
  utime_job* j = w->data;
  j->req->result = utime_run(j->req);
}

static void utime_after(uv_work_t* w, int status) {
  utime_job* j = w->data;
  lode_fs_t* req = j->req;
  lode__free(j);
  if (status != 0) req->result = status;
  lode__free((void*) req->new_path);
  req->new_path = NULL;
  req->cb(req);
}

static int utime_special(lode_loop_t* loop, lode_fs_t* req, lode_fs_type type,
                         const char* path, lode_file_t file, double atime,
                         double mtime, lode_fs_cb cb) {
  utime_job* j;
  int err;
  fs_start(loop, req, type, cb);
  /* A zeroed uv_fs_t: lode_fs_req_cleanup and lode_cancel see no libuv
   * request (uv_cancel answers EINVAL for it). */
  memset(&req->uv, 0, sizeof(req->uv));
  req->uv.data = req;
  req->file = file;
  req->atime = atime;
  req->mtime = mtime;
  req->new_path = NULL;
  if (path != NULL) {
    req->new_path = lode__strdup(path);
    if (req->new_path == NULL) return req->result = LODE_ENOMEM;
  }
  if (cb == NULL) {
    req->result = utime_run(req);
    lode__free((void*) req->new_path);
    req->new_path = NULL;
    return (int) req->result;
  }
  j = lode__malloc(sizeof(*j));
  if (j == NULL) {
    lode__free((void*) req->new_path);
    req->new_path = NULL;
    return req->result = LODE_ENOMEM;
  }
  j->req = req;
  j->work.data = j;
  err = uv_queue_work(&loop->uv, &j->work, utime_work, utime_after);
  if (err != 0) {
    lode__free(j);
    lode__free((void*) req->new_path);
    req->new_path = NULL;
    req->result = err;
  }
  return err;
}

#define UTIME_FINITE(a, m) (isfinite(a) && isfinite(m))

int lode_fs_utime(lode_loop_t* loop, lode_fs_t* req, const char* path,
                  double atime, double mtime, lode_fs_cb cb) {
  if (path == NULL) return fs_invalid(loop, req, LODE_FS_UTIME, cb);
  if (!UTIME_FINITE(atime, mtime))
    return utime_special(loop, req, LODE_FS_UTIME, path, -1, atime, mtime, cb);
  FS_PATH_CALL(UTIME, uv_fs_utime, path, atime, mtime);
}

int lode_fs_futime(lode_loop_t* loop, lode_fs_t* req, lode_file_t file,
                   double atime, double mtime, lode_fs_cb cb) {
  if (!UTIME_FINITE(atime, mtime))
    return utime_special(loop, req, LODE_FS_FUTIME, NULL, file, atime, mtime,
                         cb);
  FS_PATH_CALL(FUTIME, uv_fs_futime, file, atime, mtime);
}

int lode_fs_lutime(lode_loop_t* loop, lode_fs_t* req, const char* path,
                   double atime, double mtime, lode_fs_cb cb) {
  if (path == NULL) return fs_invalid(loop, req, LODE_FS_LUTIME, cb);
  if (!UTIME_FINITE(atime, mtime))
    return utime_special(loop, req, LODE_FS_LUTIME, path, -1, atime, mtime, cb);
  FS_PATH_CALL(LUTIME, uv_fs_lutime, path, atime, mtime);
}

/* ---- the rest of the request API ---- */

void lode_fs_req_cleanup(lode_fs_t* req) {
  if (req == NULL) return;
  uv_fs_req_cleanup(&req->uv);
  if (req->flags & FS_OWN_PATH) lode__free((void*) req->path);
  req->flags &= ~FS_OWN_PATH;
  req->path = NULL;
  if (req->fs_type != LODE_FS_OPENDIR) req->ptr = NULL;
}

lode_fs_type lode_fs_get_type(const lode_fs_t* req) {
  return req->fs_type;
}

lode_ssize_t lode_fs_get_result(const lode_fs_t* req) {
  return req->result;
}

int lode_fs_get_system_error(const lode_fs_t* req) {
  return req->result < 0 ? (int) -req->result : 0;
}

void* lode_fs_get_ptr(const lode_fs_t* req) {
  return req->ptr;
}

const char* lode_fs_get_path(const lode_fs_t* req) {
  return req->path;
}

lode_stat_t* lode_fs_get_statbuf(lode_fs_t* req) {
  return &req->statbuf;
}

/* ------------------------------------------------------------------ */
/* File system events                                                  */
/* ------------------------------------------------------------------ */

static void on_fs_event(uv_fs_event_t* u, const char* filename, int events,
                        int status) {
  lode_fs_event_t* handle = u->data;
  handle->cb(handle, filename, events, status);
}

int lode_fs_event_init(lode_loop_t* loop, lode_fs_event_t* handle) {
  int err = uv_fs_event_init(&loop->uv, &handle->uv);
  if (err != 0) return err;
  handle->loop = loop;
  handle->type = LODE_FS_EVENT;
  handle->flags = LODE_HANDLE_REF;
  handle->close_cb = NULL;
  handle->next_closing = NULL;
  handle->path = NULL;
  handle->cb = NULL;
  handle->watch = NULL;
  handle->uv.data = handle;
  return 0;
}

int lode_fs_event_start(lode_fs_event_t* handle, lode_fs_event_cb cb,
                        const char* path, unsigned int flags) {
  int err;
  if (cb == NULL || lode_is_closing((lode_handle_t*) handle))
    return LODE_EINVAL;
  if (flags & ~(unsigned int) LODE_FS_EVENT_RECURSIVE) return LODE_EINVAL;
#if defined(__linux__)
  /* lode's contract on Linux (libuv 1.44 would ignore the flag). */
  if (flags & LODE_FS_EVENT_RECURSIVE) return LODE_ENOSYS;
#endif
  handle->cb = cb;
  err = uv_fs_event_start(&handle->uv, on_fs_event, path, flags);
  if (err == 0) handle->path = handle->uv.path;
  return err;
}

int lode_fs_event_stop(lode_fs_event_t* handle) {
  handle->path = NULL;
  return uv_fs_event_stop(&handle->uv);
}

int lode_fs_event_getpath(lode_fs_event_t* handle, char* buffer, size_t* size) {
  return uv_fs_event_getpath(&handle->uv, buffer, size);
}

/* ------------------------------------------------------------------ */
/* DNS                                                                 */
/* ------------------------------------------------------------------ */

static void on_getaddrinfo(uv_getaddrinfo_t* u, int status,
                           struct addrinfo* res) {
  lode_getaddrinfo_t* req = u->data;
  req->addrinfo = res;
  req->retcode = status;
  req->cb(req, status, res);
}

int lode_getaddrinfo(lode_loop_t* loop, lode_getaddrinfo_t* req,
                     lode_getaddrinfo_cb cb, const char* node,
                     const char* service, const struct addrinfo* hints) {
  int err;
  if (loop == NULL || req == NULL) return LODE_EINVAL;
  req->type = LODE_GETADDRINFO;
  req->loop = loop;
  req->cb = cb;
  req->addrinfo = NULL;
  req->retcode = 0;
  req->uv.data = req;
  err = uv_getaddrinfo(&loop->uv, &req->uv, cb != NULL ? on_getaddrinfo : NULL,
                       node, service, hints);
  if (cb == NULL) {
    req->addrinfo = err == 0 ? req->uv.addrinfo : NULL;
    req->retcode = err;
  }
  return err;
}

void lode_freeaddrinfo(struct addrinfo* ai) {
  uv_freeaddrinfo(ai);
}

static void on_getnameinfo(uv_getnameinfo_t* u, int status,
                           const char* hostname, const char* service) {
  lode_getnameinfo_t* req = u->data;
  req->retcode = status;
  if (status == 0) {
    snprintf(req->host, sizeof(req->host), "%s", hostname);
    snprintf(req->service, sizeof(req->service), "%s", service);
  }
  req->getnameinfo_cb(req, status, status == 0 ? req->host : NULL,
                      status == 0 ? req->service : NULL);
}

int lode_getnameinfo(lode_loop_t* loop, lode_getnameinfo_t* req,
                     lode_getnameinfo_cb cb, const struct sockaddr* addr,
                     int flags) {
  int err;
  if (loop == NULL || req == NULL || addr == NULL) return LODE_EINVAL;
  req->type = LODE_GETNAMEINFO;
  req->loop = loop;
  req->getnameinfo_cb = cb;
  req->flags = flags;
  req->retcode = 0;
  req->host[0] = '\0';
  req->service[0] = '\0';
  req->uv.data = req;
  err = uv_getnameinfo(&loop->uv, &req->uv, cb != NULL ? on_getnameinfo : NULL,
                       addr, flags);
  if (cb == NULL) {
    req->retcode = err;
    if (err == 0) {
      snprintf(req->host, sizeof(req->host), "%s", req->uv.host);
      snprintf(req->service, sizeof(req->service), "%s", req->uv.service);
    }
  }
  return err;
}
