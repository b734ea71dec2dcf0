/*
 * fs.c — file-system requests on POSIX (layer: platform/unix).
 *
 * Contract: loop/lode.h "File system". Every lode_fs_* call fills the
 * caller's request, then either runs the operation here and now (cb ==
 * NULL: any thread, returns req->result) or queues it on the pool's fs lane
 * (the request stays registered with its loop until cb runs on the loop
 * thread). lode__fs_execute is the one place where the system calls
 * happen; it only reads and writes the request, so it is safe on a worker.
 *
 * Results are >= 0 or -errno; EINTR is retried. The request owns copies
 * of its paths (one allocation for path and new_path), of a bufs array
 * longer than bufsml, and of the results of scandir/readlink/realpath;
 * lode_fs_req_cleanup releases them all and may be called twice. A
 * lode_dir_t from opendir (with the names of its last readdir) belongs to
 * the directory stream and goes away in closedir.
 */
#include <dirent.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/uio.h>

#if defined(__linux__)
# include <linux/fs.h> /* FICLONE */
# include <sys/ioctl.h>
# include <sys/sendfile.h>
# include <sys/sysmacros.h>
#endif

#include "internal.h"

#ifndef IOV_MAX
# define IOV_MAX 1024
#endif

/* lode_buf_t is handed to readv/writev as struct iovec. */
typedef char fs_buf_is_iovec[(sizeof(lode_buf_t) == sizeof(struct iovec) &&
                              offsetof(lode_buf_t, base) ==
                                  offsetof(struct iovec, iov_base) &&
                              offsetof(lode_buf_t, len) ==
                                  offsetof(struct iovec, iov_len))
                                 ? 1
                                 : -1];

#define FS_RETRY(r, call)                                                     \
  do {                                                                        \
    (r) = (call);                                                             \
  } while ((r) == -1 && errno == EINTR)

/* 0 or -errno from a call returning 0/-1. */
#define FS_CALL(call)                                                         \
  do {                                                                        \
    int r_;                                                                   \
    FS_RETRY(r_, (call));                                                     \
    return r_ == -1 ? -errno : 0;                                             \
  } while (0)

#define FS_COPY_CHUNK 65536

/* ------------------------------------------------------------------ */
/* Private result types                                                */
/* ------------------------------------------------------------------ */

/* scandir: sorted entries, handed out one by one by scandir_next. */
struct fs_scandir {
  size_t n;
  size_t next;
  lode_dirent_t* ents; /* names are lode__strdup copies */
};

/* opendir: the lode_dir_t given to the user, with what it owns. */
struct fs_dir {
  lode_dir_t pub; /* first: a lode_dir_t* is a struct fs_dir* */
  char** names;   /* names returned by the last readdir */
  size_t nnames;
};

/* ------------------------------------------------------------------ */
/* Helpers                                                             */
/* ------------------------------------------------------------------ */

static lode_dirent_type_t fs_dirent_type(DIR* dp, const struct dirent* e) {
  struct stat st;
  unsigned char t = DT_UNKNOWN;

#if defined(DT_REG)
  t = e->d_type;
#endif
  switch (t) {
    case DT_REG: return LODE_DIRENT_FILE;
    case DT_DIR: return LODE_DIRENT_DIR;
    case DT_LNK: return LODE_DIRENT_LINK;
    case DT_FIFO: return LODE_DIRENT_FIFO;
    case DT_SOCK: return LODE_DIRENT_SOCKET;
    case DT_CHR: return LODE_DIRENT_CHAR;
    case DT_BLK: return LODE_DIRENT_BLOCK;
    default: break;
  }
  /* The file system did not say: ask it, without following links. */
  if (fstatat(dirfd(dp), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0)
    return LODE_DIRENT_UNKNOWN;
  if (S_ISREG(st.st_mode)) return LODE_DIRENT_FILE;
  if (S_ISDIR(st.st_mode)) return LODE_DIRENT_DIR;
  if (S_ISLNK(st.st_mode)) return LODE_DIRENT_LINK;
  if (S_ISFIFO(st.st_mode)) return LODE_DIRENT_FIFO;
  if (S_ISSOCK(st.st_mode)) return LODE_DIRENT_SOCKET;
  if (S_ISCHR(st.st_mode)) return LODE_DIRENT_CHAR;
  if (S_ISBLK(st.st_mode)) return LODE_DIRENT_BLOCK;
  return LODE_DIRENT_UNKNOWN;
}

static int fs_is_dot(const char* name) {
  return name[0] == '.' &&
         (name[1] == '\0' || (name[1] == '.' && name[2] == '\0'));
}

/* Seconds (fractions allowed) to a timespec, rounding towards -infinity
 * so that negative times keep a non-negative tv_nsec. NaN (and -Infinity)
 * leave the time as it is, +Infinity means now (see loop/lode.h); other
 * out-of-range values are clamped rather than converted with undefined
 * behaviour. */
static struct timespec fs_timespec(double t) {
  struct timespec ts;
  double sec;
  long nsec;

  if (isnan(t) || isinf(t)) {
    ts.tv_sec = 0;
    ts.tv_nsec = isnan(t) || t < 0 ? UTIME_OMIT : UTIME_NOW;
    return ts;
  }
  if (t > 4e18) t = 4e18;
  if (t < -4e18) t = -4e18;
  sec = (double) (time_t) t;
  if (sec > t) sec -= 1.0;
  nsec = (long) ((t - sec) * 1e9);
  if (nsec < 0) nsec = 0;
  if (nsec > 999999999L) nsec = 999999999L;
  /* Microsecond resolution, as libuv (and so Node) sets times: the same
   * seconds give the same stored time on every runtime. */
  nsec -= nsec % 1000;
  ts.tv_sec = (time_t) sec;
  ts.tv_nsec = nsec;
  return ts;
}

/* ------------------------------------------------------------------ */
/* stat                                                                */
/* ------------------------------------------------------------------ */

static void fs_from_stat(const struct stat* s, lode_stat_t* d) {
  d->st_dev = (uint64_t) s->st_dev;
  d->st_mode = (uint64_t) s->st_mode;
  d->st_nlink = (uint64_t) s->st_nlink;
  d->st_uid = (uint64_t) s->st_uid;
  d->st_gid = (uint64_t) s->st_gid;
  d->st_rdev = (uint64_t) s->st_rdev;
  d->st_ino = (uint64_t) s->st_ino;
  d->st_size = (uint64_t) s->st_size;
  d->st_blksize = (uint64_t) s->st_blksize;
  d->st_blocks = (uint64_t) s->st_blocks;
#if defined(__APPLE__)
  d->st_flags = s->st_flags;
  d->st_gen = s->st_gen;
  d->st_atim.tv_sec = s->st_atimespec.tv_sec;
  d->st_atim.tv_nsec = s->st_atimespec.tv_nsec;
  d->st_mtim.tv_sec = s->st_mtimespec.tv_sec;
  d->st_mtim.tv_nsec = s->st_mtimespec.tv_nsec;
  d->st_ctim.tv_sec = s->st_ctimespec.tv_sec;
  d->st_ctim.tv_nsec = s->st_ctimespec.tv_nsec;
  d->st_birthtim.tv_sec = s->st_birthtimespec.tv_sec;
  d->st_birthtim.tv_nsec = s->st_birthtimespec.tv_nsec;
#else
  d->st_atim.tv_sec = s->st_atim.tv_sec;
  d->st_atim.tv_nsec = s->st_atim.tv_nsec;
  d->st_mtim.tv_sec = s->st_mtim.tv_sec;
  d->st_mtim.tv_nsec = s->st_mtim.tv_nsec;
  d->st_ctim.tv_sec = s->st_ctim.tv_sec;
  d->st_ctim.tv_nsec = s->st_ctim.tv_nsec;
# if defined(__FreeBSD__) || defined(__NetBSD__)
  d->st_flags = s->st_flags;
  d->st_gen = s->st_gen;
  d->st_birthtim.tv_sec = s->st_birthtim.tv_sec;
  d->st_birthtim.tv_nsec = s->st_birthtim.tv_nsec;
# else
  /* No birth time in struct stat: report the change time, as Node does. */
  d->st_flags = 0;
  d->st_gen = 0;
  d->st_birthtim = d->st_ctim;
# endif
#endif
}

#if defined(__linux__) && defined(STATX_BASIC_STATS)
/* Set once statx turned out to be missing (old kernel, seccomp filter). */
static int fs_no_statx;

/* statx(dirfd, path, flags): 0, -errno, or LODE_ENOSYS to fall back. */
static int fs_statx(int dirfd, const char* path, int flags, lode_stat_t* d) {
  struct statx x;
  int r;

  if (__atomic_load_n(&fs_no_statx, __ATOMIC_RELAXED)) return LODE_ENOSYS;
  FS_RETRY(r, statx(dirfd, path, flags, STATX_BASIC_STATS | STATX_BTIME, &x));
  if (r == -1) {
    if (errno == ENOSYS || errno == EPERM || errno == EOPNOTSUPP) {
      __atomic_store_n(&fs_no_statx, 1, __ATOMIC_RELAXED);
      return LODE_ENOSYS;
    }
    return -errno;
  }
  d->st_dev = makedev(x.stx_dev_major, x.stx_dev_minor);
  d->st_mode = x.stx_mode;
  d->st_nlink = x.stx_nlink;
  d->st_uid = x.stx_uid;
  d->st_gid = x.stx_gid;
  d->st_rdev = makedev(x.stx_rdev_major, x.stx_rdev_minor);
  d->st_ino = x.stx_ino;
  d->st_size = x.stx_size;
  d->st_blksize = x.stx_blksize;
  d->st_blocks = x.stx_blocks;
  d->st_flags = 0;
  d->st_gen = 0;
  d->st_atim.tv_sec = (long) x.stx_atime.tv_sec;
  d->st_atim.tv_nsec = (long) x.stx_atime.tv_nsec;
  d->st_mtim.tv_sec = (long) x.stx_mtime.tv_sec;
  d->st_mtim.tv_nsec = (long) x.stx_mtime.tv_nsec;
  d->st_ctim.tv_sec = (long) x.stx_ctime.tv_sec;
  d->st_ctim.tv_nsec = (long) x.stx_ctime.tv_nsec;
  if (x.stx_mask & STATX_BTIME) {
    d->st_birthtim.tv_sec = (long) x.stx_btime.tv_sec;
    d->st_birthtim.tv_nsec = (long) x.stx_btime.tv_nsec;
  } else {
    d->st_birthtim = d->st_ctim;
  }
  return 0;
}
#endif

static lode_ssize_t fs_stat(lode_fs_t* req) {
  struct stat st;
  int r;

#if defined(__linux__) && defined(STATX_BASIC_STATS)
  switch (req->fs_type) {
    case LODE_FS_STAT:
      r = fs_statx(AT_FDCWD, req->path, 0, &req->statbuf);
      break;
    case LODE_FS_LSTAT:
      r = fs_statx(AT_FDCWD, req->path, AT_SYMLINK_NOFOLLOW, &req->statbuf);
      break;
    default:
      r = fs_statx(req->file, "", AT_EMPTY_PATH, &req->statbuf);
      break;
  }
  if (r != LODE_ENOSYS) {
    if (r == 0) req->ptr = &req->statbuf;
    return r;
  }
#endif
  switch (req->fs_type) {
    case LODE_FS_STAT: FS_RETRY(r, stat(req->path, &st)); break;
    case LODE_FS_LSTAT: FS_RETRY(r, lstat(req->path, &st)); break;
    default: FS_RETRY(r, fstat(req->file, &st)); break;
  }
  if (r == -1) return -errno;
  fs_from_stat(&st, &req->statbuf);
  req->ptr = &req->statbuf;
  return 0;
}

/* ------------------------------------------------------------------ */
/* read / write                                                        */
/* ------------------------------------------------------------------ */

#if defined(__APPLE__)
/* XXX: older macOS lacks preadv/pwritev: one call per buffer. */
static ssize_t fs_preadv(int fd, const struct iovec* iov, int n, off_t off) {
  ssize_t total = 0, r;
  int i;
  for (i = 0; i < n; i++) {
    FS_RETRY(r, pread(fd, iov[i].iov_base, iov[i].iov_len, off + total));
    if (r < 0) return total > 0 ? total : -1;
    total += r;
    if ((size_t) r < iov[i].iov_len) break;
  }
  return total;
}

static ssize_t fs_pwritev(int fd, const struct iovec* iov, int n, off_t off) {
  ssize_t total = 0, r;
  int i;
  for (i = 0; i < n; i++) {
    FS_RETRY(r, pwrite(fd, iov[i].iov_base, iov[i].iov_len, off + total));
    if (r < 0) return total > 0 ? total : -1;
    total += r;
    if ((size_t) r < iov[i].iov_len) break;
  }
  return total;
}
#else
# define fs_preadv preadv
# define fs_pwritev pwritev
#endif

static lode_ssize_t fs_read(lode_fs_t* req) {
  const struct iovec* iov = (const struct iovec*) req->bufs;
  unsigned int n = req->nbufs > IOV_MAX ? IOV_MAX : req->nbufs;
  ssize_t r;

  /* XXX: more than IOV_MAX buffers read only the first IOV_MAX (a short
   * read, which callers must handle anyway). */
  if (req->off < 0) {
    if (n == 1)
      FS_RETRY(r, read(req->file, iov[0].iov_base, iov[0].iov_len));
    else
      FS_RETRY(r, readv(req->file, iov, (int) n));
  } else {
    if (n == 1)
      FS_RETRY(r, pread(req->file, iov[0].iov_base, iov[0].iov_len,
                        (off_t) req->off));
    else
      FS_RETRY(r, fs_preadv(req->file, iov, (int) n, (off_t) req->off));
  }
  return r == -1 ? -errno : r;
}

static ssize_t fs_write_once(int fd, const lode_buf_t* bufs, unsigned int n,
                             int64_t off) {
  const struct iovec* iov = (const struct iovec*) bufs;
  ssize_t r;

  if (off < 0) {
    if (n == 1)
      FS_RETRY(r, write(fd, iov[0].iov_base, iov[0].iov_len));
    else
      FS_RETRY(r, writev(fd, iov, (int) n));
  } else {
    if (n == 1)
      FS_RETRY(r, pwrite(fd, iov[0].iov_base, iov[0].iov_len, (off_t) off));
    else
      FS_RETRY(r, fs_pwritev(fd, iov, (int) n, (off_t) off));
  }
  return r;
}

/* Writes everything, advancing through the request's own copy of the bufs
 * array. An error after some bytes went out reports the count (the next
 * write would report the error again); an error before reports it. */
static lode_ssize_t fs_write(lode_fs_t* req) {
  lode_buf_t* bufs = req->bufs;
  unsigned int nbufs = req->nbufs;
  lode_ssize_t total = 0;
  ssize_t r;
  size_t left;

  for (;;) {
    while (nbufs > 0 && bufs->len == 0) {
      bufs++;
      nbufs--;
    }
    if (nbufs == 0) break;
    r = fs_write_once(req->file, bufs, nbufs > IOV_MAX ? IOV_MAX : nbufs,
                      req->off < 0 ? -1 : req->off + total);
    if (r < 0) return total > 0 ? total : -errno;
    if (r == 0) break;
    total += r;
    left = (size_t) r;
    while (left > 0) {
      if (left >= bufs->len) {
        left -= bufs->len;
        bufs++;
        nbufs--;
      } else {
        bufs->base += left;
        bufs->len -= left;
        left = 0;
      }
    }
  }
  return total;
}

/* ------------------------------------------------------------------ */
/* Copying: sendfile, copyfile                                         */
/* ------------------------------------------------------------------ */

/* Copies up to len bytes of in (from *in_off, advanced) to out: at out's
 * current position when out_off is NULL, else at *out_off (advanced), with
 * pread and write. Returns the count, or -errno when nothing was copied. */
static lode_ssize_t fs_copy_rw(int out, int in, off_t* in_off, off_t* out_off,
                               size_t len) {
  char buf[FS_COPY_CHUNK];
  lode_ssize_t total = 0;
  ssize_t n, w, done;

  while (len > 0) {
    FS_RETRY(n, pread(in, buf, len < sizeof(buf) ? len : sizeof(buf),
                      *in_off));
    if (n < 0) return total > 0 ? total : -errno;
    if (n == 0) break;
    for (done = 0; done < n; done += w) {
      if (out_off != NULL)
        FS_RETRY(w, pwrite(out, buf + done, (size_t) (n - done),
                           *out_off + done));
      else
        FS_RETRY(w, write(out, buf + done, (size_t) (n - done)));
      if (w <= 0) {
        int err = w < 0 ? errno : EIO;
        total += done;
        *in_off += done;
        if (out_off != NULL) *out_off += done;
        return total > 0 ? total : -err;
      }
    }
    total += n;
    *in_off += n;
    if (out_off != NULL) *out_off += n;
    len -= (size_t) n;
  }
  return total;
}

#if defined(__linux__)
/* Errors that mean "this kind of descriptor cannot do that": fall back. */
static int fs_copy_unsupported(int err) {
  return err == EINVAL || err == ENOSYS || err == EXDEV || err == ENOTSOCK ||
         err == EOPNOTSUPP || err == EIO || err == EBADF || err == EPERM;
}
#endif

/* lode_fs_sendfile: from in at req->off, to out's current position. */
static lode_ssize_t fs_sendfile(lode_fs_t* req) {
  int out = req->file;
  int in = req->flags;
  off_t off = (off_t) req->off;
  size_t len = req->bufsml[0].len;
  lode_ssize_t total = 0, r;

#if defined(__linux__)
  while (len > 0) {
    ssize_t n;
    FS_RETRY(n, sendfile(out, in, &off, len > 0x7ffff000 ? 0x7ffff000 : len));
    if (n > 0) {
      total += n;
      len -= (size_t) n;
      continue;
    }
    if (n == 0) return total; /* end of the input */
    if (total > 0) return total;
    if (!fs_copy_unsupported(errno)) return -errno;
    break; /* nothing sent yet: emulate */
  }
  if (len == 0) return total;
#endif
  r = fs_copy_rw(out, in, &off, NULL, len);
  if (r < 0) return total > 0 ? total : r;
  return total + r;
}

/* Copies size bytes from the start of in to the start of out (both fresh
 * descriptors): copy_file_range, then sendfile, then read/write. */
static int fs_copy_contents(int out, int in, off_t size) {
  off_t in_off = 0, out_off = 0;
  lode_ssize_t r;

#if defined(__linux__)
  static int no_copy_file_range;
  ssize_t n;

  while (in_off < size &&
         !__atomic_load_n(&no_copy_file_range, __ATOMIC_RELAXED)) {
    size_t chunk = (size_t) (size - in_off);
    if (chunk > 0x40000000) chunk = 0x40000000;
    FS_RETRY(n, copy_file_range(in, &in_off, out, &out_off, chunk, 0));
    if (n > 0) continue;
    if (n == 0) return 0; /* the file shrank */
    if (errno == ENOSYS)
      __atomic_store_n(&no_copy_file_range, 1, __ATOMIC_RELAXED);
    else if (!fs_copy_unsupported(errno))
      return -errno;
    break;
  }
  /* sendfile writes at out's position; keep it equal to out_off. */
  if (in_off < size && lseek(out, out_off, SEEK_SET) == out_off) {
    while (in_off < size) {
      size_t chunk = (size_t) (size - in_off);
      if (chunk > 0x40000000) chunk = 0x40000000;
      FS_RETRY(n, sendfile(out, in, &in_off, chunk));
      if (n > 0) {
        out_off += n;
        continue;
      }
      if (n == 0) return 0;
      if (!fs_copy_unsupported(errno)) return -errno;
      break;
    }
  }
#endif
  while (in_off < size) {
    r = fs_copy_rw(out, in, &in_off, &out_off, (size_t) (size - in_off));
    if (r < 0) return (int) r;
    if (r == 0) break;
  }
  return 0;
}

/* XXX: copies st_size bytes; files whose size stat does not know (procfs)
 * come out empty. */
static lode_ssize_t fs_copyfile(lode_fs_t* req) {
  struct stat sst, dst_st;
  int src = -1, dst = -1, created = 0;
  int err = 0;

  FS_RETRY(src, open(req->path, O_RDONLY | O_CLOEXEC));
  if (src == -1) return -errno;
  if (fstat(src, &sst) != 0) {
    err = -errno;
    goto out;
  }
  if (S_ISDIR(sst.st_mode)) {
    err = LODE_EISDIR;
    goto out;
  }

  /* Try to create it first, so that a failed copy removes only a file
   * this call made. */
  FS_RETRY(dst, open(req->new_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
                     sst.st_mode & 07777));
  if (dst != -1) {
    created = 1;
  } else if (errno == EEXIST && !(req->flags & LODE_FS_COPYFILE_EXCL)) {
    FS_RETRY(dst, open(req->new_path, O_WRONLY | O_CLOEXEC));
    if (dst == -1) {
      err = -errno;
      goto out;
    }
    if (fstat(dst, &dst_st) != 0) {
      err = -errno;
      goto out;
    }
    /* Copying a file onto itself: truncating would destroy it. */
    if (dst_st.st_dev == sst.st_dev && dst_st.st_ino == sst.st_ino) goto out;
    if (ftruncate(dst, 0) != 0) {
      err = -errno;
      goto out;
    }
  } else {
    err = -errno;
    goto out;
  }

  /* The destination keeps the source's mode (umask applied on create).
   * XXX: EPERM (a file system without modes, a file not ours) is ignored. */
  if (fchmod(dst, sst.st_mode & 07777) != 0 && errno != EPERM) {
    err = -errno;
    goto out;
  }

  if (req->flags &
      (LODE_FS_COPYFILE_FICLONE | LODE_FS_COPYFILE_FICLONE_FORCE)) {
#if defined(__linux__) && defined(FICLONE)
    if (ioctl(dst, FICLONE, src) == 0) goto out;
    if (req->flags & LODE_FS_COPYFILE_FICLONE_FORCE) {
      err = -errno;
      goto out;
    }
#else
    if (req->flags & LODE_FS_COPYFILE_FICLONE_FORCE) {
      err = LODE_ENOSYS;
      goto out;
    }
#endif
  }
  err = fs_copy_contents(dst, src, sst.st_size);

out:
  if (src != -1) close(src);
  if (dst != -1 && close(dst) != 0 && err == 0 && errno != EINTR)
    err = -errno;
  if (err != 0 && created) unlink(req->new_path);
  return err;
}

/* ------------------------------------------------------------------ */
/* Directories                                                         */
/* ------------------------------------------------------------------ */

static void fs_scandir_free(struct fs_scandir* sd) {
  size_t i;
  if (sd == NULL) return;
  for (i = 0; i < sd->n; i++) lode__free((void*) sd->ents[i].name);
  lode__free(sd->ents);
  lode__free(sd);
}

static int fs_dirent_cmp(const void* a, const void* b) {
  return strcmp(((const lode_dirent_t*) a)->name,
                ((const lode_dirent_t*) b)->name);
}

static lode_ssize_t fs_scandir(lode_fs_t* req) {
  struct fs_scandir* sd;
  struct dirent* e;
  DIR* dp;
  size_t cap = 0;
  int err = 0;

  dp = opendir(req->path);
  if (dp == NULL) return -errno;
  sd = lode__calloc(1, sizeof(*sd));
  if (sd == NULL) {
    closedir(dp);
    return LODE_ENOMEM;
  }
  for (;;) {
    errno = 0;
    e = readdir(dp);
    if (e == NULL) {
      err = errno != 0 ? -errno : 0;
      break;
    }
    if (fs_is_dot(e->d_name)) continue;
    if (sd->n == cap) {
      size_t ncap = cap ? cap * 2 : 16;
      lode_dirent_t* ne = lode__realloc(sd->ents, ncap * sizeof(*ne));
      if (ne == NULL) {
        err = LODE_ENOMEM;
        break;
      }
      sd->ents = ne;
      cap = ncap;
    }
    sd->ents[sd->n].name = lode__strdup(e->d_name);
    if (sd->ents[sd->n].name == NULL) {
      err = LODE_ENOMEM;
      break;
    }
    sd->ents[sd->n].type = fs_dirent_type(dp, e);
    sd->n++;
  }
  closedir(dp);
  if (err != 0) {
    fs_scandir_free(sd);
    return err;
  }
  if (sd->n > 1) qsort(sd->ents, sd->n, sizeof(*sd->ents), fs_dirent_cmp);
  req->ptr = sd;
  return (lode_ssize_t) sd->n;
}

static void fs_dir_free_names(struct fs_dir* d) {
  size_t i;
  for (i = 0; i < d->nnames; i++) lode__free(d->names[i]);
  lode__free(d->names);
  d->names = NULL;
  d->nnames = 0;
}

static lode_ssize_t fs_opendir(lode_fs_t* req) {
  struct fs_dir* d;
  DIR* dp;

  dp = opendir(req->path);
  if (dp == NULL) return -errno;
  d = lode__calloc(1, sizeof(*d));
  if (d == NULL) {
    closedir(dp);
    return LODE_ENOMEM;
  }
  d->pub.dir = dp;
  req->ptr = &d->pub;
  return 0;
}

static lode_ssize_t fs_readdir(lode_fs_t* req) {
  struct fs_dir* d = (struct fs_dir*) req->ptr;
  DIR* dp = d->pub.dir;
  struct dirent* e;
  size_t n = 0;

  /* The names of the previous readdir expire now, as documented. */
  fs_dir_free_names(d);
  d->names = lode__malloc(d->pub.nentries * sizeof(*d->names));
  if (d->names == NULL) return LODE_ENOMEM;

  while (n < d->pub.nentries) {
    errno = 0;
    e = readdir(dp);
    if (e == NULL) {
      if (errno != 0) {
        int err = -errno;
        d->nnames = n;
        fs_dir_free_names(d);
        return err;
      }
      break;
    }
    if (fs_is_dot(e->d_name)) continue;
    d->names[n] = lode__strdup(e->d_name);
    if (d->names[n] == NULL) {
      d->nnames = n;
      fs_dir_free_names(d);
      return LODE_ENOMEM;
    }
    d->pub.dirents[n].name = d->names[n];
    d->pub.dirents[n].type = fs_dirent_type(dp, e);
    n++;
  }
  d->nnames = n;
  return (lode_ssize_t) n;
}

static lode_ssize_t fs_closedir(lode_fs_t* req) {
  struct fs_dir* d = (struct fs_dir*) req->ptr;
  int r = closedir((DIR*) d->pub.dir);

  fs_dir_free_names(d);
  lode__free(d);
  req->ptr = NULL;
  return r == 0 ? 0 : -errno;
}

/* ------------------------------------------------------------------ */
/* Links and paths                                                     */
/* ------------------------------------------------------------------ */

static lode_ssize_t fs_readlink(lode_fs_t* req) {
  size_t size = 256;
  ssize_t n;
  char* buf;

  for (;;) {
    buf = lode__malloc(size);
    if (buf == NULL) return LODE_ENOMEM;
    n = readlink(req->path, buf, size);
    if (n == -1) {
      int err = errno;
      lode__free(buf);
      return -err;
    }
    if ((size_t) n < size) break;
    /* Possibly truncated: try again with more room. */
    lode__free(buf);
    if (size >= ((size_t) 1 << 20)) return LODE_ENAMETOOLONG;
    size *= 2;
  }
  buf[n] = '\0';
  req->ptr = buf;
  return 0;
}

static lode_ssize_t fs_realpath(lode_fs_t* req) {
  char* r = realpath(req->path, NULL); /* libc's malloc */
  char* copy;

  if (r == NULL) return -errno;
  copy = lode__strdup(r);
  free(r);
  if (copy == NULL) return LODE_ENOMEM;
  req->ptr = copy;
  return 0;
}

/* ------------------------------------------------------------------ */
/* Execution (any thread)                                              */
/* ------------------------------------------------------------------ */

static lode_ssize_t fs_run(lode_fs_t* req) {
  struct timespec ts[2];
  int r;

  switch (req->fs_type) {
    case LODE_FS_OPEN:
      FS_RETRY(r, open(req->path, req->flags | O_CLOEXEC, (mode_t) req->mode));
      return r == -1 ? -errno : r;
    case LODE_FS_CLOSE:
      /* The descriptor is gone whatever close says about EINTR. */
      r = close(req->file);
      if (r == -1 && errno != EINTR && errno != EINPROGRESS) return -errno;
      return 0;
    case LODE_FS_READ:
      return fs_read(req);
    case LODE_FS_WRITE:
      return fs_write(req);
    case LODE_FS_SENDFILE:
      return fs_sendfile(req);
    case LODE_FS_STAT:
    case LODE_FS_LSTAT:
    case LODE_FS_FSTAT:
      return fs_stat(req);
    case LODE_FS_FTRUNCATE:
      FS_CALL(ftruncate(req->file, (off_t) req->off));
    case LODE_FS_UTIME:
    case LODE_FS_LUTIME:
    case LODE_FS_FUTIME:
      ts[0] = fs_timespec(req->atime);
      ts[1] = fs_timespec(req->mtime);
      if (req->fs_type == LODE_FS_FUTIME) FS_CALL(futimens(req->file, ts));
      FS_CALL(utimensat(AT_FDCWD, req->path, ts,
                        req->fs_type == LODE_FS_LUTIME ? AT_SYMLINK_NOFOLLOW
                                                       : 0));
    case LODE_FS_ACCESS:
      FS_CALL(access(req->path, req->flags));
    case LODE_FS_CHMOD:
      FS_CALL(chmod(req->path, (mode_t) req->mode));
    case LODE_FS_FCHMOD:
      FS_CALL(fchmod(req->file, (mode_t) req->mode));
    case LODE_FS_FSYNC:
      FS_CALL(fsync(req->file));
    case LODE_FS_FDATASYNC:
#if defined(__APPLE__)
      FS_CALL(fsync(req->file));
#else
      FS_CALL(fdatasync(req->file));
#endif
    case LODE_FS_UNLINK:
      FS_CALL(unlink(req->path));
    case LODE_FS_RMDIR:
      FS_CALL(rmdir(req->path));
    case LODE_FS_MKDIR:
      FS_CALL(mkdir(req->path, (mode_t) req->mode));
    case LODE_FS_MKDTEMP:
      /* req->path is the request's own copy: the template becomes the
       * name of the created directory. */
      return mkdtemp((char*) req->path) == NULL ? -errno : 0;
    case LODE_FS_RENAME:
      FS_CALL(rename(req->path, req->new_path));
    case LODE_FS_SCANDIR:
      return fs_scandir(req);
    case LODE_FS_LINK:
      FS_CALL(link(req->path, req->new_path));
    case LODE_FS_SYMLINK:
      FS_CALL(symlink(req->path, req->new_path));
    case LODE_FS_READLINK:
      return fs_readlink(req);
    case LODE_FS_CHOWN:
      FS_CALL(chown(req->path, req->uid, req->gid));
    case LODE_FS_FCHOWN:
      FS_CALL(fchown(req->file, req->uid, req->gid));
    case LODE_FS_LCHOWN:
      FS_CALL(lchown(req->path, req->uid, req->gid));
    case LODE_FS_REALPATH:
      return fs_realpath(req);
    case LODE_FS_COPYFILE:
      return fs_copyfile(req);
    case LODE_FS_OPENDIR:
      return fs_opendir(req);
    case LODE_FS_READDIR:
      return fs_readdir(req);
    case LODE_FS_CLOSEDIR:
      return fs_closedir(req);
    default:
      return LODE_EINVAL;
  }
}

void lode__fs_execute(lode_fs_t* req) {
  req->result = fs_run(req);
  /* The bufs array is needed only while the call runs. */
  if (req->bufs != NULL && req->bufs != req->bufsml) lode__free(req->bufs);
  req->bufs = NULL;
}

static void fs_work(struct lode__work* w) {
  lode__fs_execute(lode__queue_data(w, lode_fs_t, work_req));
}

static void fs_done(struct lode__work* w, int status) {
  lode_fs_t* req = lode__queue_data(w, lode_fs_t, work_req);

  lode__req_unregister_m(req->loop, req);
  if (status == LODE_ECANCELED) {
    assert(req->result == 0);
    req->result = LODE_ECANCELED;
    if (req->bufs != NULL && req->bufs != req->bufsml) lode__free(req->bufs);
    req->bufs = NULL;
  }
  req->cb(req);
}

/* ------------------------------------------------------------------ */
/* Submission                                                          */
/* ------------------------------------------------------------------ */

static void fs_req_init(lode_loop_t* loop, lode_fs_t* req, lode_fs_type type,
                        lode_fs_cb cb) {
  lode__req_init((lode_req_t*) req, LODE_FS);
  req->fs_type = type;
  req->loop = loop;
  req->cb = cb;
  req->result = 0;
  req->ptr = NULL;
  req->path = NULL;
  req->new_path = NULL;
  req->file = -1;
  req->flags = 0;
  req->mode = 0;
  req->nbufs = 0;
  req->bufs = NULL;
  req->off = 0;
  req->uid = 0;
  req->gid = 0;
  req->atime = 0;
  req->mtime = 0;
  req->work_req.state = 0;
}

static int fs_fail(lode_fs_t* req, int err) {
  req->result = err;
  return err;
}

/* One allocation holds path and new_path; req->path is what is freed. */
static int fs_copy_paths(lode_fs_t* req, const char* path,
                         const char* new_path) {
  size_t plen, nlen;
  char* buf;

  if (path == NULL) return LODE_EINVAL;
  plen = strlen(path) + 1;
  nlen = new_path != NULL ? strlen(new_path) + 1 : 0;
  buf = lode__malloc(plen + nlen);
  if (buf == NULL) return LODE_ENOMEM;
  memcpy(buf, path, plen);
  req->path = buf;
  if (new_path != NULL) {
    memcpy(buf + plen, new_path, nlen);
    req->new_path = buf + plen;
  }
  return 0;
}

static int fs_copy_bufs(lode_fs_t* req, const lode_buf_t bufs[],
                        unsigned int nbufs) {
  if (bufs == NULL || nbufs == 0) return LODE_EINVAL;
  req->bufs = req->bufsml;
  if (nbufs > sizeof(req->bufsml) / sizeof(req->bufsml[0])) {
    req->bufs = lode__malloc(nbufs * sizeof(*bufs));
    if (req->bufs == NULL) return LODE_ENOMEM;
  }
  memcpy(req->bufs, bufs, nbufs * sizeof(*bufs));
  req->nbufs = nbufs;
  return 0;
}

/* Runs now (cb == NULL) or queues on the fs lane. */
static int fs_submit(lode_loop_t* loop, lode_fs_t* req) {
  if (req->cb == NULL) {
    lode__fs_execute(req);
    /* XXX: a byte count above INT_MAX is truncated in the return value;
     * req->result holds it whole. */
    return (int) req->result;
  }
  lode__req_register_m(loop, req);
  lode__work_submit(loop, &req->work_req, LODE_WORK_LANE_FS, fs_work,
                    fs_done);
  return 0;
}

#define FS_INIT(type)                                                         \
  do {                                                                        \
    if (req == NULL) return LODE_EINVAL;                                      \
    fs_req_init(loop, req, LODE_FS_##type, cb);                               \
    if (cb != NULL && loop == NULL) return fs_fail(req, LODE_EINVAL);         \
  } while (0)

#define FS_PATHS(p, np)                                                       \
  do {                                                                        \
    int err_ = fs_copy_paths(req, (p), (np));                                 \
    if (err_ != 0) return fs_fail(req, err_);                                 \
  } while (0)

#define FS_PATH(p) FS_PATHS((p), NULL)

/* ------------------------------------------------------------------ */
/* Public calls (documented in loop/lode.h)                            */
/* ------------------------------------------------------------------ */

int lode_fs_open(lode_loop_t* loop, lode_fs_t* req, const char* path,
                 int flags, int mode, lode_fs_cb cb) {
  FS_INIT(OPEN);
  FS_PATH(path);
  req->flags = flags;
  req->mode = (unsigned int) mode;
  return fs_submit(loop, req);
}

int lode_fs_close(lode_loop_t* loop, lode_fs_t* req, lode_file_t file,
                  lode_fs_cb cb) {
  FS_INIT(CLOSE);
  req->file = file;
  return fs_submit(loop, req);
}

int lode_fs_read(lode_loop_t* loop, lode_fs_t* req, lode_file_t file,
                 const lode_buf_t bufs[], unsigned int nbufs, int64_t offset,
                 lode_fs_cb cb) {
  int err;
  FS_INIT(READ);
  err = fs_copy_bufs(req, bufs, nbufs);
  if (err != 0) return fs_fail(req, err);
  req->file = file;
  req->off = offset;
  return fs_submit(loop, req);
}

int lode_fs_write(lode_loop_t* loop, lode_fs_t* req, lode_file_t file,
                  const lode_buf_t bufs[], unsigned int nbufs, int64_t offset,
                  lode_fs_cb cb) {
  int err;
  FS_INIT(WRITE);
  err = fs_copy_bufs(req, bufs, nbufs);
  if (err != 0) return fs_fail(req, err);
  req->file = file;
  req->off = offset;
  return fs_submit(loop, req);
}

int lode_fs_unlink(lode_loop_t* loop, lode_fs_t* req, const char* path,
                   lode_fs_cb cb) {
  FS_INIT(UNLINK);
  FS_PATH(path);
  return fs_submit(loop, req);
}

int lode_fs_mkdir(lode_loop_t* loop, lode_fs_t* req, const char* path,
                  int mode, lode_fs_cb cb) {
  FS_INIT(MKDIR);
  FS_PATH(path);
  req->mode = (unsigned int) mode;
  return fs_submit(loop, req);
}

int lode_fs_mkdtemp(lode_loop_t* loop, lode_fs_t* req, const char* tpl,
                    lode_fs_cb cb) {
  FS_INIT(MKDTEMP);
  FS_PATH(tpl);
  return fs_submit(loop, req);
}

int lode_fs_rmdir(lode_loop_t* loop, lode_fs_t* req, const char* path,
                  lode_fs_cb cb) {
  FS_INIT(RMDIR);
  FS_PATH(path);
  return fs_submit(loop, req);
}

int lode_fs_scandir(lode_loop_t* loop, lode_fs_t* req, const char* path,
                    int flags, lode_fs_cb cb) {
  FS_INIT(SCANDIR);
  FS_PATH(path);
  req->flags = flags;
  return fs_submit(loop, req);
}

int lode_fs_scandir_next(lode_fs_t* req, lode_dirent_t* ent) {
  struct fs_scandir* sd;

  if (req == NULL || ent == NULL) return LODE_EINVAL;
  if (req->result < 0) return (int) req->result;
  sd = req->ptr;
  if (sd == NULL || sd->next >= sd->n) return LODE_EOF;
  *ent = sd->ents[sd->next++];
  return 0;
}

int lode_fs_opendir(lode_loop_t* loop, lode_fs_t* req, const char* path,
                    lode_fs_cb cb) {
  FS_INIT(OPENDIR);
  FS_PATH(path);
  return fs_submit(loop, req);
}

int lode_fs_readdir(lode_loop_t* loop, lode_fs_t* req, lode_dir_t* dir,
                    lode_fs_cb cb) {
  FS_INIT(READDIR);
  if (dir == NULL || dir->dir == NULL || dir->dirents == NULL ||
      dir->nentries == 0)
    return fs_fail(req, LODE_EINVAL);
  req->ptr = dir;
  return fs_submit(loop, req);
}

int lode_fs_closedir(lode_loop_t* loop, lode_fs_t* req, lode_dir_t* dir,
                     lode_fs_cb cb) {
  FS_INIT(CLOSEDIR);
  if (dir == NULL || dir->dir == NULL) return fs_fail(req, LODE_EINVAL);
  req->ptr = dir;
  return fs_submit(loop, req);
}

int lode_fs_stat(lode_loop_t* loop, lode_fs_t* req, const char* path,
                 lode_fs_cb cb) {
  FS_INIT(STAT);
  FS_PATH(path);
  return fs_submit(loop, req);
}

int lode_fs_fstat(lode_loop_t* loop, lode_fs_t* req, lode_file_t file,
                  lode_fs_cb cb) {
  FS_INIT(FSTAT);
  req->file = file;
  return fs_submit(loop, req);
}

int lode_fs_lstat(lode_loop_t* loop, lode_fs_t* req, const char* path,
                  lode_fs_cb cb) {
  FS_INIT(LSTAT);
  FS_PATH(path);
  return fs_submit(loop, req);
}

int lode_fs_rename(lode_loop_t* loop, lode_fs_t* req, const char* path,
                   const char* new_path, lode_fs_cb cb) {
  FS_INIT(RENAME);
  if (new_path == NULL) return fs_fail(req, LODE_EINVAL);
  FS_PATHS(path, new_path);
  return fs_submit(loop, req);
}

int lode_fs_fsync(lode_loop_t* loop, lode_fs_t* req, lode_file_t file,
                  lode_fs_cb cb) {
  FS_INIT(FSYNC);
  req->file = file;
  return fs_submit(loop, req);
}

int lode_fs_fdatasync(lode_loop_t* loop, lode_fs_t* req, lode_file_t file,
                      lode_fs_cb cb) {
  FS_INIT(FDATASYNC);
  req->file = file;
  return fs_submit(loop, req);
}

int lode_fs_ftruncate(lode_loop_t* loop, lode_fs_t* req, lode_file_t file,
                      int64_t offset, lode_fs_cb cb) {
  FS_INIT(FTRUNCATE);
  req->file = file;
  req->off = offset;
  return fs_submit(loop, req);
}

int lode_fs_copyfile(lode_loop_t* loop, lode_fs_t* req, const char* path,
                     const char* new_path, int flags, lode_fs_cb cb) {
  FS_INIT(COPYFILE);
  if (new_path == NULL ||
      (flags & ~(LODE_FS_COPYFILE_EXCL | LODE_FS_COPYFILE_FICLONE |
                 LODE_FS_COPYFILE_FICLONE_FORCE)) != 0)
    return fs_fail(req, LODE_EINVAL);
  FS_PATHS(path, new_path);
  req->flags = flags;
  return fs_submit(loop, req);
}

int lode_fs_sendfile(lode_loop_t* loop, lode_fs_t* req, lode_file_t out_fd,
                     lode_file_t in_fd, int64_t in_offset, size_t length,
                     lode_fs_cb cb) {
  FS_INIT(SENDFILE);
  if (in_offset < 0) return fs_fail(req, LODE_EINVAL);
  req->file = out_fd;
  req->flags = in_fd;
  req->off = in_offset;
  req->bufsml[0].len = length;
  return fs_submit(loop, req);
}

int lode_fs_access(lode_loop_t* loop, lode_fs_t* req, const char* path,
                   int mode, lode_fs_cb cb) {
  FS_INIT(ACCESS);
  FS_PATH(path);
  req->flags = mode;
  return fs_submit(loop, req);
}

int lode_fs_chmod(lode_loop_t* loop, lode_fs_t* req, const char* path,
                  int mode, lode_fs_cb cb) {
  FS_INIT(CHMOD);
  FS_PATH(path);
  req->mode = (unsigned int) mode;
  return fs_submit(loop, req);
}

int lode_fs_fchmod(lode_loop_t* loop, lode_fs_t* req, lode_file_t file,
                   int mode, lode_fs_cb cb) {
  FS_INIT(FCHMOD);
  req->file = file;
  req->mode = (unsigned int) mode;
  return fs_submit(loop, req);
}

int lode_fs_utime(lode_loop_t* loop, lode_fs_t* req, const char* path,
                  double atime, double mtime, lode_fs_cb cb) {
  FS_INIT(UTIME);
  FS_PATH(path);
  req->atime = atime;
  req->mtime = mtime;
  return fs_submit(loop, req);
}

int lode_fs_futime(lode_loop_t* loop, lode_fs_t* req, lode_file_t file,
                   double atime, double mtime, lode_fs_cb cb) {
  FS_INIT(FUTIME);
  req->file = file;
  req->atime = atime;
  req->mtime = mtime;
  return fs_submit(loop, req);
}

int lode_fs_lutime(lode_loop_t* loop, lode_fs_t* req, const char* path,
                   double atime, double mtime, lode_fs_cb cb) {
  FS_INIT(LUTIME);
  FS_PATH(path);
  req->atime = atime;
  req->mtime = mtime;
  return fs_submit(loop, req);
}

int lode_fs_link(lode_loop_t* loop, lode_fs_t* req, const char* path,
                 const char* new_path, lode_fs_cb cb) {
  FS_INIT(LINK);
  if (new_path == NULL) return fs_fail(req, LODE_EINVAL);
  FS_PATHS(path, new_path);
  return fs_submit(loop, req);
}

int lode_fs_symlink(lode_loop_t* loop, lode_fs_t* req, const char* path,
                    const char* new_path, int flags, lode_fs_cb cb) {
  FS_INIT(SYMLINK);
  if (new_path == NULL) return fs_fail(req, LODE_EINVAL);
  FS_PATHS(path, new_path);
  req->flags = flags; /* Windows only */
  return fs_submit(loop, req);
}

int lode_fs_readlink(lode_loop_t* loop, lode_fs_t* req, const char* path,
                     lode_fs_cb cb) {
  FS_INIT(READLINK);
  FS_PATH(path);
  return fs_submit(loop, req);
}

int lode_fs_realpath(lode_loop_t* loop, lode_fs_t* req, const char* path,
                     lode_fs_cb cb) {
  FS_INIT(REALPATH);
  FS_PATH(path);
  return fs_submit(loop, req);
}

int lode_fs_chown(lode_loop_t* loop, lode_fs_t* req, const char* path,
                  lode_uid_t uid, lode_gid_t gid, lode_fs_cb cb) {
  FS_INIT(CHOWN);
  FS_PATH(path);
  req->uid = uid;
  req->gid = gid;
  return fs_submit(loop, req);
}

int lode_fs_fchown(lode_loop_t* loop, lode_fs_t* req, lode_file_t file,
                   lode_uid_t uid, lode_gid_t gid, lode_fs_cb cb) {
  FS_INIT(FCHOWN);
  req->file = file;
  req->uid = uid;
  req->gid = gid;
  return fs_submit(loop, req);
}

int lode_fs_lchown(lode_loop_t* loop, lode_fs_t* req, const char* path,
                   lode_uid_t uid, lode_gid_t gid, lode_fs_cb cb) {
  FS_INIT(LCHOWN);
  FS_PATH(path);
  req->uid = uid;
  req->gid = gid;
  return fs_submit(loop, req);
}

/* ------------------------------------------------------------------ */
/* Cleanup and accessors                                               */
/* ------------------------------------------------------------------ */

void lode_fs_req_cleanup(lode_fs_t* req) {
  if (req == NULL) return;
  /* new_path shares path's allocation. */
  lode__free((void*) req->path);
  req->path = NULL;
  req->new_path = NULL;
  if (req->bufs != NULL && req->bufs != req->bufsml) lode__free(req->bufs);
  req->bufs = NULL;
  switch (req->fs_type) {
    case LODE_FS_SCANDIR:
      fs_scandir_free(req->ptr);
      req->ptr = NULL;
      break;
    case LODE_FS_READLINK:
    case LODE_FS_REALPATH:
      lode__free(req->ptr);
      req->ptr = NULL;
      break;
    default:
      /* stat: &req->statbuf; opendir/readdir: the directory stream, which
       * belongs to the user until closedir. */
      break;
  }
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
