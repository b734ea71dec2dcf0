/* test-fs.c — every lode_fs_* call, synchronous (cb NULL) and on the pool
 * (cb on the loop thread): success, a typical error, and what the request
 * owns afterwards. Most tests run one body twice through run_both(): once
 * synchronously in <tmp>/sync, once asynchronously in <tmp>/async, and
 * require that lode_fs_req_cleanup left no lode allocation behind. */
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../task.h"

typedef void (*body_fn)(lode_loop_t* loop, lode_fs_cb cb, const char* dir);

static pthread_t loop_thread;
static int fs_cb_calls;

static void on_fs(lode_fs_t* req) {
  ASSERT(pthread_equal(pthread_self(), loop_thread));
  fs_cb_calls++;
  (void) req;
}

/* Finishes the request started by the call that returned r: synchronous
 * requests are done already; asynchronous ones complete in lode_run.
 * Returns req->result. */
static lode_ssize_t fs_wait(lode_loop_t* loop, lode_fs_t* req, int r,
                            lode_fs_cb cb) {
  if (cb == NULL) {
    ASSERT_EQ(r, req->result);
    return req->result;
  }
  ASSERT_OK(r);
  ASSERT(lode_loop_alive(loop));
  fs_cb_calls = 0;
  ASSERT_EQ(lode_run(loop, LODE_RUN_DEFAULT), 0);
  ASSERT_EQ(fs_cb_calls, 1);
  return req->result;
}

#define DO(call) fs_wait(loop, &req, (call), cb)
/* A call whose result is checked, then the request cleaned up. */
#define EXPECT(call, expected)                                                \
  do {                                                                        \
    ASSERT_ERR(DO(call), (expected));                                         \
    lode_fs_req_cleanup(&req);                                                \
  } while (0)

static int run_both(body_fn body) {
  lode_loop_t loop;
  char dir[PATH_MAX];
  long base;

  loop_thread = pthread_self();
  ASSERT_OK(lode_loop_init(&loop));
  base = test_live_allocations();

  ASSERT_LT(snprintf(dir, sizeof(dir), "%s/sync", test_tmpdir()), PATH_MAX);
  ASSERT_OK(mkdir(dir, 0755));
  body(&loop, NULL, dir);
  ASSERT_EQ(test_live_allocations(), base);

  ASSERT_LT(snprintf(dir, sizeof(dir), "%s/async", test_tmpdir()), PATH_MAX);
  ASSERT_OK(mkdir(dir, 0755));
  body(&loop, on_fs, dir);
  ASSERT_EQ(test_live_allocations(), base);

  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

/* ---- small libc helpers for setting up and checking ---- */

static const char* pjoin(char* buf, const char* dir, const char* name) {
  ASSERT_LT(snprintf(buf, PATH_MAX, "%s/%s", dir, name), PATH_MAX);
  return buf;
}

static void put_file(const char* path, const char* data, size_t len) {
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(write(fd, data, len), (ssize_t) len);
  ASSERT_OK(close(fd));
}

/* Reads a whole file into buf (NUL-terminated); returns its length. */
static ssize_t get_file(const char* path, char* buf, size_t cap) {
  int fd = open(path, O_RDONLY);
  ssize_t n, total = 0;
  ASSERT_GE(fd, 0);
  while ((n = read(fd, buf + total, cap - 1 - (size_t) total)) > 0)
    total += n;
  ASSERT_GE(n, 0);
  buf[total] = '\0';
  close(fd);
  return total;
}

static int exists(const char* path) {
  struct stat st;
  return lstat(path, &st) == 0;
}

/* ---- open / close ---- */

static void body_open_close(lode_loop_t* loop, lode_fs_cb cb, const char* dir) {
  char p[PATH_MAX], q[PATH_MAX];
  lode_fs_t req;
  int fd, flags;

  pjoin(p, dir, "file");
  EXPECT(lode_fs_open(loop, &req, p, O_RDONLY, 0, cb), LODE_ENOENT);

  fd = (int) DO(lode_fs_open(loop, &req, p, O_RDWR | O_CREAT, 0644, cb));
  ASSERT_GE(fd, 0);
  ASSERT_EQ(lode_fs_get_type(&req), LODE_FS_OPEN);
  ASSERT_STR_EQ(lode_fs_get_path(&req), p);
  ASSERT(lode_fs_get_path(&req) != p); /* the request's own copy */
  lode_fs_req_cleanup(&req);
  ASSERT_NULL(req.path);
  flags = fcntl(fd, F_GETFD);
  ASSERT(flags & FD_CLOEXEC);

  EXPECT(lode_fs_close(loop, &req, fd, cb), 0);
  EXPECT(lode_fs_close(loop, &req, fd, cb), LODE_EBADF);

  EXPECT(lode_fs_open(loop, &req, p, O_RDWR | O_CREAT | O_EXCL, 0644, cb),
         LODE_EEXIST);
  EXPECT(lode_fs_open(loop, &req, dir, O_WRONLY, 0, cb), LODE_EISDIR);
  EXPECT(lode_fs_open(loop, &req, pjoin(q, p, "below"), O_RDONLY, 0, cb),
         LODE_ENOTDIR);
  ASSERT_OK(unlink(p));
}

TEST_IMPL(fs_open_close) {
  return run_both(body_open_close);
}

/* ---- read / write ---- */

static void body_write_read(lode_loop_t* loop, lode_fs_cb cb,
                            const char* dir) {
  char p[PATH_MAX], buf[64], more[8];
  lode_fs_t req;
  lode_buf_t b[2];
  lode_stat_t st;
  int fd;

  pjoin(p, dir, "data");
  fd = (int) DO(lode_fs_open(loop, &req, p, O_RDWR | O_CREAT, 0644, cb));
  ASSERT_GE(fd, 0);
  lode_fs_req_cleanup(&req);

  /* Positional write of two buffers, then positional reads. */
  b[0] = lode_buf_init((char*) "hello ", 6);
  b[1] = lode_buf_init((char*) "world", 5);
  EXPECT(lode_fs_write(loop, &req, fd, b, 2, 0, cb), 11);
  memset(buf, 0, sizeof(buf));
  b[0] = lode_buf_init(buf, 5);
  EXPECT(lode_fs_read(loop, &req, fd, b, 1, 6, cb), 5);
  ASSERT_STR_EQ(buf, "world");
  /* Positional calls leave the file position alone. */
  ASSERT_EQ(lseek(fd, 0, SEEK_CUR), 0);

  /* A hole: writing at 100 makes the file 105 bytes long. */
  b[0] = lode_buf_init((char*) "tail!", 5);
  EXPECT(lode_fs_write(loop, &req, fd, b, 1, 100, cb), 5);
  ASSERT_OK(DO(lode_fs_fstat(loop, &req, fd, cb)));
  st = req.statbuf;
  lode_fs_req_cleanup(&req);
  ASSERT_UINT64_EQ(st.st_size, 105);

  /* Reading at or past the end gives 0. */
  b[0] = lode_buf_init(buf, sizeof(buf));
  EXPECT(lode_fs_read(loop, &req, fd, b, 1, 105, cb), 0);
  EXPECT(lode_fs_read(loop, &req, fd, b, 1, 4096, cb), 0);

  /* offset -1: the current position, which advances. */
  memset(buf, 0, sizeof(buf));
  b[0] = lode_buf_init(buf, 5);
  EXPECT(lode_fs_read(loop, &req, fd, b, 1, -1, cb), 5);
  ASSERT_STR_EQ(buf, "hello");
  b[0] = lode_buf_init(buf, 3);
  b[1] = lode_buf_init(more, 3);
  EXPECT(lode_fs_read(loop, &req, fd, b, 2, -1, cb), 6);
  ASSERT(memcmp(buf, " wo", 3) == 0);
  ASSERT(memcmp(more, "rld", 3) == 0);
  ASSERT_EQ(lseek(fd, 0, SEEK_CUR), 11);
  b[0] = lode_buf_init((char*) "XY", 2);
  EXPECT(lode_fs_write(loop, &req, fd, b, 1, -1, cb), 2);
  ASSERT_EQ(lseek(fd, 0, SEEK_CUR), 13);
  memset(buf, 0, sizeof(buf));
  b[0] = lode_buf_init(buf, 13);
  EXPECT(lode_fs_read(loop, &req, fd, b, 1, 0, cb), 13);
  ASSERT_STR_EQ(buf, "hello worldXY");

  EXPECT(lode_fs_close(loop, &req, fd, cb), 0);
  ASSERT_OK(unlink(p));
}

TEST_IMPL(fs_write_read) {
  return run_both(body_write_read);
}

/* More buffers than bufsml holds: the array is allocated and freed. */
static void body_vectored(lode_loop_t* loop, lode_fs_cb cb, const char* dir) {
  static const char* parts[7] = {"a", "bc", "", "def", "ghij", "klmno",
                                 "pqrstu"};
  char p[PATH_MAX], out[7][8], whole[64];
  lode_buf_t b[7];
  lode_fs_t req;
  int fd, i, total = 0;

  pjoin(p, dir, "vec");
  fd = (int) DO(lode_fs_open(loop, &req, p, O_RDWR | O_CREAT | O_TRUNC, 0600,
                             cb));
  ASSERT_GE(fd, 0);
  lode_fs_req_cleanup(&req);

  for (i = 0; i < 7; i++) {
    b[i] = lode_buf_init((char*) parts[i], (unsigned) strlen(parts[i]));
    total += (int) strlen(parts[i]);
  }
  EXPECT(lode_fs_write(loop, &req, fd, b, 7, 0, cb), total);
  ASSERT_EQ(get_file(p, whole, sizeof(whole)), total);
  ASSERT_STR_EQ(whole, "abcdefghijklmnopqrstu");

  /* Scatter back into 7 buffers of other sizes (3 each: 21 bytes). */
  memset(out, 0, sizeof(out));
  for (i = 0; i < 7; i++) b[i] = lode_buf_init(out[i], 3);
  EXPECT(lode_fs_read(loop, &req, fd, b, 7, 0, cb), 21);
  ASSERT_STR_EQ(out[0], "abc");
  ASSERT_STR_EQ(out[3], "jkl");
  ASSERT_STR_EQ(out[6], "stu");

  /* Vectored write at the current position. */
  EXPECT(lode_fs_write(loop, &req, fd, b, 7, -1, cb), 21);
  ASSERT_EQ(lseek(fd, 0, SEEK_CUR), 21);

  /* More buffers than one writev/readv takes (IOV_MAX): the write goes
   * out in several calls, all of it. */
  {
    enum { NB = 2500 };
    lode_buf_t* many = malloc(NB * sizeof(*many));
    char* chunk = malloc(NB * 3);
    char* check = malloc(NB * 3);
    for (i = 0; i < NB; i++) {
      chunk[i * 3] = (char) ('A' + i % 26);
      chunk[i * 3 + 1] = (char) ('a' + i % 26);
      chunk[i * 3 + 2] = (char) ('0' + i % 10);
      many[i] = lode_buf_init(chunk + i * 3, 3);
    }
    EXPECT(lode_fs_write(loop, &req, fd, many, NB, 1000, cb), NB * 3);
    ASSERT_EQ(pread(fd, check, NB * 3, 1000), NB * 3);
    ASSERT(memcmp(check, chunk, NB * 3) == 0);
    /* A read may stop short of filling them all, but returns data. */
    memset(check, 0, NB * 3);
    for (i = 0; i < NB; i++) many[i] = lode_buf_init(check + i * 3, 3);
    ASSERT_GT(DO(lode_fs_read(loop, &req, fd, many, NB, 1000, cb)), 0);
    ASSERT(memcmp(check, chunk, (size_t) req.result) == 0);
    lode_fs_req_cleanup(&req);
    free(many);
    free(chunk);
    free(check);
  }

  EXPECT(lode_fs_close(loop, &req, fd, cb), 0);
  ASSERT_OK(unlink(p));
}

TEST_IMPL(fs_write_read_vectored) {
  return run_both(body_vectored);
}

static void body_rw_errors(lode_loop_t* loop, lode_fs_cb cb, const char* dir) {
  char p[PATH_MAX], buf[16];
  lode_buf_t b;
  lode_fs_t req;
  int fd, dfd;

  pjoin(p, dir, "ro");
  put_file(p, "x", 1);
  fd = open(p, O_RDONLY);
  ASSERT_GE(fd, 0);
  b = lode_buf_init(buf, sizeof(buf));
  EXPECT(lode_fs_write(loop, &req, fd, &b, 1, 0, cb), LODE_EBADF);
  EXPECT(lode_fs_read(loop, &req, -1, &b, 1, 0, cb), LODE_EBADF);
  dfd = open(dir, O_RDONLY | O_DIRECTORY);
  ASSERT_GE(dfd, 0);
  EXPECT(lode_fs_read(loop, &req, dfd, &b, 1, -1, cb), LODE_EISDIR);
  /* Rejected before anything starts: no callback, result set. */
  ASSERT_ERR(lode_fs_read(loop, &req, fd, &b, 0, 0, cb), LODE_EINVAL);
  ASSERT_ERR(req.result, LODE_EINVAL);
  ASSERT_ERR(lode_fs_write(loop, &req, fd, NULL, 1, 0, cb), LODE_EINVAL);
  lode_fs_req_cleanup(&req);
  ASSERT(!lode_loop_alive(loop));
  close(dfd);
  close(fd);
  ASSERT_OK(unlink(p));
}

TEST_IMPL(fs_read_write_errors) {
  return run_both(body_rw_errors);
}

/* A non-blocking pipe takes only part of a big write: the count written
 * is the result; when nothing fits, EAGAIN. */
static void body_partial_write(lode_loop_t* loop, lode_fs_cb cb,
                               const char* dir) {
  enum { BIG = 4 << 20 };
  char* data = calloc(BIG, 1);
  lode_buf_t b;
  lode_fs_t req;
  lode_ssize_t r;
  int fds[2];

  (void) dir;
  ASSERT_OK(pipe(fds));
  ASSERT_OK(fcntl(fds[1], F_SETFL, O_NONBLOCK));
  b = lode_buf_init(data, BIG);
  r = DO(lode_fs_write(loop, &req, fds[1], &b, 1, -1, cb));
  lode_fs_req_cleanup(&req);
  ASSERT_GT(r, 0);
  ASSERT_LT(r, BIG);
  EXPECT(lode_fs_write(loop, &req, fds[1], &b, 1, -1, cb), LODE_EAGAIN);
  close(fds[0]);
  close(fds[1]);
  free(data);
}

TEST_IMPL(fs_write_partial_nonblocking) {
  return run_both(body_partial_write);
}

/* A large write through a blocking pipe with a reader on another thread:
 * the request keeps writing until everything went out. */
static int pipe_rfd;
static size_t pipe_got;

static void pipe_reader(void* arg) {
  char buf[65536];
  ssize_t n;
  (void) arg;
  while ((n = read(pipe_rfd, buf, sizeof(buf))) != 0) {
    if (n < 0 && errno == EINTR) continue;
    ASSERT_GT(n, 0);
    pipe_got += (size_t) n;
  }
}

static void body_write_all(lode_loop_t* loop, lode_fs_cb cb, const char* dir) {
  enum { BIG = 3 << 20 };
  char* data = calloc(BIG, 1);
  lode_thread_t tid;
  lode_buf_t b[5];
  lode_fs_t req;
  int fds[2], i;

  (void) dir;
  ASSERT_OK(pipe(fds));
  pipe_rfd = fds[0];
  pipe_got = 0;
  ASSERT_OK(lode_thread_create(&tid, pipe_reader, NULL));
  for (i = 0; i < 5; i++) b[i] = lode_buf_init(data, BIG / 5);
  EXPECT(lode_fs_write(loop, &req, fds[1], b, 5, -1, cb), (BIG / 5) * 5);
  close(fds[1]);
  ASSERT_OK(lode_thread_join(&tid));
  ASSERT_EQ(pipe_got, (BIG / 5) * 5);
  close(fds[0]);
  free(data);
}

TEST_IMPL(fs_write_all_pipe) {
  return run_both(body_write_all);
}

/* ---- stat ---- */

static void body_stat(lode_loop_t* loop, lode_fs_cb cb, const char* dir) {
  char p[PATH_MAX], l[PATH_MAX], q[PATH_MAX];
  struct stat ref;
  lode_stat_t st;
  lode_fs_t req;
  int fd;

  pjoin(p, dir, "st");
  pjoin(l, dir, "st-link");
  put_file(p, "0123456789", 10);
  ASSERT_OK(chmod(p, 0640));
  ASSERT_OK(symlink("st", l));
  ASSERT_OK(stat(p, &ref));

  ASSERT_OK(DO(lode_fs_stat(loop, &req, p, cb)));
  ASSERT_PTR_EQ(req.ptr, &req.statbuf);
  ASSERT_PTR_EQ(lode_fs_get_statbuf(&req), &req.statbuf);
  st = req.statbuf;
  lode_fs_req_cleanup(&req);
  ASSERT_UINT64_EQ(st.st_size, 10);
  ASSERT(S_ISREG(st.st_mode));
  ASSERT_UINT64_EQ(st.st_mode & 07777, 0640);
  ASSERT_UINT64_EQ(st.st_nlink, 1);
  ASSERT_UINT64_EQ(st.st_ino, ref.st_ino);
  ASSERT_UINT64_EQ(st.st_dev, ref.st_dev);
  ASSERT_UINT64_EQ(st.st_uid, getuid());
  ASSERT_UINT64_EQ(st.st_gid, ref.st_gid);
  ASSERT_EQ(st.st_mtim.tv_sec, ref.st_mtim.tv_sec);
  ASSERT_EQ(st.st_mtim.tv_nsec, ref.st_mtim.tv_nsec);
  ASSERT_GT(st.st_birthtim.tv_sec, 0);
  ASSERT_GT(st.st_blksize, 0);

  /* stat follows the link, lstat does not. */
  ASSERT_OK(DO(lode_fs_stat(loop, &req, l, cb)));
  ASSERT(S_ISREG(req.statbuf.st_mode));
  ASSERT_UINT64_EQ(req.statbuf.st_ino, ref.st_ino);
  lode_fs_req_cleanup(&req);
  ASSERT_OK(DO(lode_fs_lstat(loop, &req, l, cb)));
  ASSERT(S_ISLNK(req.statbuf.st_mode));
  ASSERT_UINT64_EQ(req.statbuf.st_size, 2); /* strlen("st") */
  lode_fs_req_cleanup(&req);

  fd = open(p, O_RDONLY);
  ASSERT_OK(DO(lode_fs_fstat(loop, &req, fd, cb)));
  ASSERT_UINT64_EQ(req.statbuf.st_ino, ref.st_ino);
  ASSERT_UINT64_EQ(req.statbuf.st_size, 10);
  lode_fs_req_cleanup(&req);
  close(fd);

  ASSERT_OK(DO(lode_fs_stat(loop, &req, dir, cb)));
  ASSERT(S_ISDIR(req.statbuf.st_mode));
  lode_fs_req_cleanup(&req);

  EXPECT(lode_fs_stat(loop, &req, pjoin(q, dir, "missing"), cb), LODE_ENOENT);
  ASSERT_NULL(req.ptr);
  EXPECT(lode_fs_lstat(loop, &req, pjoin(q, p, "x"), cb), LODE_ENOTDIR);
  EXPECT(lode_fs_fstat(loop, &req, -1, cb), LODE_EBADF);
  ASSERT_OK(unlink(l));
  ASSERT_OK(unlink(p));
}

TEST_IMPL(fs_stat_lstat_fstat) {
  return run_both(body_stat);
}

/* ---- utime / futime / lutime ---- */

static void body_utime(lode_loop_t* loop, lode_fs_cb cb, const char* dir) {
  char p[PATH_MAX], l[PATH_MAX], q[PATH_MAX];
  lode_fs_t req;
  struct stat st;
  time_t target_mtime;
  int fd;

  pjoin(p, dir, "times");
  pjoin(l, dir, "times-link");
  put_file(p, "t", 1);
  ASSERT_OK(symlink("times", l));

  EXPECT(lode_fs_utime(loop, &req, p, 1000000000.5, 1234567890.25, cb), 0);
  ASSERT_OK(stat(p, &st));
  ASSERT_EQ(st.st_atim.tv_sec, 1000000000);
  ASSERT_EQ(st.st_atim.tv_nsec, 500000000);
  ASSERT_EQ(st.st_mtim.tv_sec, 1234567890);
  ASSERT_EQ(st.st_mtim.tv_nsec, 250000000);
  /* and lode's own stat agrees */
  ASSERT_OK(DO(lode_fs_stat(loop, &req, p, cb)));
  ASSERT_EQ(req.statbuf.st_mtim.tv_sec, 1234567890);
  ASSERT_EQ(req.statbuf.st_mtim.tv_nsec, 250000000);
  lode_fs_req_cleanup(&req);

  fd = open(p, O_RDONLY);
  EXPECT(lode_fs_futime(loop, &req, fd, 1500000000, 1600000000.75, cb), 0);
  close(fd);
  ASSERT_OK(stat(p, &st));
  ASSERT_EQ(st.st_atim.tv_sec, 1500000000);
  ASSERT_EQ(st.st_mtim.tv_sec, 1600000000);
  ASSERT_EQ(st.st_mtim.tv_nsec, 750000000);
  target_mtime = st.st_mtim.tv_sec;

  /* lutime changes the link, not its target. */
  EXPECT(lode_fs_lutime(loop, &req, l, 1100000000, 1200000000, cb), 0);
  ASSERT_OK(lstat(l, &st));
  ASSERT_EQ(st.st_mtim.tv_sec, 1200000000);
  ASSERT_OK(stat(p, &st));
  ASSERT_EQ(st.st_mtim.tv_sec, target_mtime);

  /* NaN keeps a time, +Infinity means now. */
  EXPECT(lode_fs_utime(loop, &req, p, 0.0 / 0.0, 1.0 / 0.0, cb), 0);
  ASSERT_OK(stat(p, &st));
  ASSERT_EQ(st.st_atim.tv_sec, 1500000000);
  ASSERT_GT(st.st_mtim.tv_sec, 1600000000);
  ASSERT_LE(st.st_mtim.tv_sec, time(NULL) + 1);
  /* Values no time_t holds: clamped, no undefined conversion. */
  ASSERT(DO(lode_fs_utime(loop, &req, p, 1e300, -1e300, cb)) <= 0);
  lode_fs_req_cleanup(&req);

  EXPECT(lode_fs_utime(loop, &req, pjoin(q, dir, "nope"), 1, 1, cb),
         LODE_ENOENT);
  EXPECT(lode_fs_futime(loop, &req, -1, 1, 1, cb), LODE_EBADF);
  EXPECT(lode_fs_lutime(loop, &req, pjoin(q, dir, "nope"), 1, 1, cb),
         LODE_ENOENT);
  ASSERT_OK(unlink(l));
  ASSERT_OK(unlink(p));
}

TEST_IMPL(fs_utime_futime_lutime) {
  return run_both(body_utime);
}

/* ---- rename / unlink ---- */

static void body_rename(lode_loop_t* loop, lode_fs_cb cb, const char* dir) {
  char a[PATH_MAX], b[PATH_MAX], c[PATH_MAX], d[PATH_MAX], e[PATH_MAX];
  char buf[32];
  lode_fs_t req;

  pjoin(a, dir, "a");
  pjoin(b, dir, "b");
  pjoin(c, dir, "c");
  pjoin(d, dir, "d");
  pjoin(e, dir, "d/inner");
  put_file(a, "AAA", 3);
  put_file(c, "CCCCC", 5);

  EXPECT(lode_fs_rename(loop, &req, a, b, cb), 0);
  ASSERT(!exists(a));
  get_file(b, buf, sizeof(buf));
  ASSERT_STR_EQ(buf, "AAA");

  /* Over an existing file: replaced. */
  EXPECT(lode_fs_rename(loop, &req, c, b, cb), 0);
  ASSERT(!exists(c));
  get_file(b, buf, sizeof(buf));
  ASSERT_STR_EQ(buf, "CCCCC");

  EXPECT(lode_fs_rename(loop, &req, a, c, cb), LODE_ENOENT);
  ASSERT_OK(mkdir(d, 0755));
  put_file(e, "i", 1);
  EXPECT(lode_fs_rename(loop, &req, b, d, cb), LODE_EISDIR);
  ASSERT_ERR(lode_fs_rename(loop, &req, b, NULL, cb), LODE_EINVAL);
  lode_fs_req_cleanup(&req);

  EXPECT(lode_fs_unlink(loop, &req, b, cb), 0);
  ASSERT(!exists(b));
  EXPECT(lode_fs_unlink(loop, &req, b, cb), LODE_ENOENT);
  EXPECT(lode_fs_unlink(loop, &req, d, cb), LODE_EISDIR);
  EXPECT(lode_fs_unlink(loop, &req, e, cb), 0);
  ASSERT_OK(rmdir(d));
}

TEST_IMPL(fs_rename_unlink) {
  return run_both(body_rename);
}

/* ---- mkdir / rmdir / mkdtemp ---- */

static void body_mkdir(lode_loop_t* loop, lode_fs_cb cb, const char* dir) {
  char d[PATH_MAX], f[PATH_MAX], x[PATH_MAX];
  struct stat st;
  lode_fs_t req;

  pjoin(d, dir, "newdir");
  pjoin(f, dir, "newdir/file");
  EXPECT(lode_fs_mkdir(loop, &req, d, 0750, cb), 0);
  ASSERT_OK(stat(d, &st));
  ASSERT(S_ISDIR(st.st_mode));
  ASSERT_EQ(st.st_mode & 0700, 0700);
  EXPECT(lode_fs_mkdir(loop, &req, d, 0755, cb), LODE_EEXIST);
  EXPECT(lode_fs_mkdir(loop, &req, pjoin(x, dir, "no/such"), 0755, cb),
         LODE_ENOENT);

  put_file(f, "f", 1);
  EXPECT(lode_fs_rmdir(loop, &req, d, cb), LODE_ENOTEMPTY);
  EXPECT(lode_fs_rmdir(loop, &req, f, cb), LODE_ENOTDIR);
  EXPECT(lode_fs_mkdir(loop, &req, pjoin(x, f, "sub"), 0755, cb),
         LODE_ENOTDIR);
  ASSERT_OK(unlink(f));
  EXPECT(lode_fs_rmdir(loop, &req, d, cb), 0);
  ASSERT(!exists(d));
  EXPECT(lode_fs_rmdir(loop, &req, d, cb), LODE_ENOENT);
}

TEST_IMPL(fs_mkdir_rmdir) {
  return run_both(body_mkdir);
}

static void body_mkdtemp(lode_loop_t* loop, lode_fs_cb cb, const char* dir) {
  char tpl[PATH_MAX], made[PATH_MAX], x[PATH_MAX];
  struct stat st;
  lode_fs_t req;

  pjoin(tpl, dir, "tmp-XXXXXX");
  ASSERT_OK(DO(lode_fs_mkdtemp(loop, &req, tpl, cb)));
  ASSERT_STR_EQ(tpl + strlen(tpl) - 6, "XXXXXX"); /* caller's copy intact */
  ASSERT_NOT_NULL(req.path);
  ASSERT(strncmp(req.path, tpl, strlen(tpl) - 6) == 0);
  ASSERT(strcmp(req.path + strlen(tpl) - 6, "XXXXXX") != 0);
  ASSERT_LT(snprintf(made, sizeof(made), "%s", req.path), PATH_MAX);
  lode_fs_req_cleanup(&req);
  ASSERT_OK(stat(made, &st));
  ASSERT(S_ISDIR(st.st_mode));
  ASSERT_EQ(st.st_mode & 0777, 0700);
  ASSERT_OK(rmdir(made));

  EXPECT(lode_fs_mkdtemp(loop, &req, pjoin(x, dir, "badtemplate"), cb),
         LODE_EINVAL);
  EXPECT(lode_fs_mkdtemp(loop, &req, pjoin(x, dir, "no/dir-XXXXXX"), cb),
         LODE_ENOENT);
}

TEST_IMPL(fs_mkdtemp) {
  return run_both(body_mkdtemp);
}

/* ---- scandir ---- */

static void body_scandir(lode_loop_t* loop, lode_fs_cb cb, const char* dir) {
  static const char* names[] = {"a-file", "b-dir", "c-link", "d-fifo",
                                "e-file"};
  static const lode_dirent_type_t types[] = {
      LODE_DIRENT_FILE, LODE_DIRENT_DIR, LODE_DIRENT_LINK, LODE_DIRENT_FIFO,
      LODE_DIRENT_FILE};
  char s[PATH_MAX], p[PATH_MAX];
  lode_dirent_t ent;
  lode_fs_t req;
  int i;

  pjoin(s, dir, "scan");
  ASSERT_OK(mkdir(s, 0755));
  /* Created out of order; listed sorted. */
  put_file(pjoin(p, s, "e-file"), "e", 1);
  ASSERT_OK(symlink("a-file", pjoin(p, s, "c-link")));
  ASSERT_OK(mkdir(pjoin(p, s, "b-dir"), 0755));
  ASSERT_OK(mkfifo(pjoin(p, s, "d-fifo"), 0644));
  put_file(pjoin(p, s, "a-file"), "a", 1);

  ASSERT_EQ(DO(lode_fs_scandir(loop, &req, s, 0, cb)), 5);
  for (i = 0; i < 5; i++) {
    ASSERT_OK(lode_fs_scandir_next(&req, &ent));
    ASSERT_STR_EQ(ent.name, names[i]);
    ASSERT_EQ(ent.type, types[i]);
  }
  ASSERT_ERR(lode_fs_scandir_next(&req, &ent), LODE_EOF);
  ASSERT_ERR(lode_fs_scandir_next(&req, &ent), LODE_EOF);
  lode_fs_req_cleanup(&req);
  lode_fs_req_cleanup(&req); /* twice is fine */

  /* Not reading the entries at all: cleanup still frees them. */
  ASSERT_EQ(DO(lode_fs_scandir(loop, &req, s, 0, cb)), 5);
  lode_fs_req_cleanup(&req);

  /* Empty directory. */
  ASSERT_EQ(DO(lode_fs_scandir(loop, &req, pjoin(p, s, "b-dir"), 0, cb)), 0);
  ASSERT_ERR(lode_fs_scandir_next(&req, &ent), LODE_EOF);
  lode_fs_req_cleanup(&req);

  EXPECT(lode_fs_scandir(loop, &req, pjoin(p, s, "nope"), 0, cb), LODE_ENOENT);
  ASSERT_ERR(lode_fs_scandir_next(&req, &ent), LODE_ENOENT);
  EXPECT(lode_fs_scandir(loop, &req, pjoin(p, s, "a-file"), 0, cb),
         LODE_ENOTDIR);
}

TEST_IMPL(fs_scandir) {
  return run_both(body_scandir);
}

/* ---- opendir / readdir / closedir ---- */

static int cmp_str(const void* a, const void* b) {
  return strcmp(*(char* const*) a, *(char* const*) b);
}

static void body_readdir(lode_loop_t* loop, lode_fs_cb cb, const char* dir) {
  char s[PATH_MAX], p[PATH_MAX];
  char* seen[8];
  int nseen = 0, i;
  lode_dirent_t ents[2];
  lode_dir_t* d;
  lode_fs_t req;
  lode_ssize_t n;

  pjoin(s, dir, "rd");
  ASSERT_OK(mkdir(s, 0755));
  put_file(pjoin(p, s, "one"), "1", 1);
  put_file(pjoin(p, s, "two"), "2", 1);
  put_file(pjoin(p, s, "three"), "3", 1);
  ASSERT_OK(mkdir(pjoin(p, s, "four"), 0755));
  put_file(pjoin(p, s, "five"), "5", 1);

  ASSERT_OK(DO(lode_fs_opendir(loop, &req, s, cb)));
  d = req.ptr;
  ASSERT_NOT_NULL(d);
  lode_fs_req_cleanup(&req); /* the stream stays open */

  d->dirents = ents;
  d->nentries = 2;
  for (;;) {
    n = DO(lode_fs_readdir(loop, &req, d, cb));
    lode_fs_req_cleanup(&req);
    ASSERT_GE(n, 0);
    ASSERT_LE(n, 2);
    if (n == 0) break;
    for (i = 0; i < n; i++) {
      ASSERT(strcmp(ents[i].name, ".") != 0 && strcmp(ents[i].name, "..") != 0);
      ASSERT_EQ(ents[i].type, strcmp(ents[i].name, "four") == 0
                                  ? LODE_DIRENT_DIR
                                  : LODE_DIRENT_FILE);
      ASSERT_LT(nseen, 8);
      seen[nseen++] = strdup(ents[i].name);
    }
  }
  ASSERT_EQ(nseen, 5);
  qsort(seen, (size_t) nseen, sizeof(seen[0]), cmp_str);
  ASSERT_STR_EQ(seen[0], "five");
  ASSERT_STR_EQ(seen[1], "four");
  ASSERT_STR_EQ(seen[2], "one");
  ASSERT_STR_EQ(seen[3], "three");
  ASSERT_STR_EQ(seen[4], "two");
  for (i = 0; i < nseen; i++) free(seen[i]);

  /* Still at the end. */
  EXPECT(lode_fs_readdir(loop, &req, d, cb), 0);
  d->nentries = 0;
  ASSERT_ERR(lode_fs_readdir(loop, &req, d, cb), LODE_EINVAL);
  lode_fs_req_cleanup(&req);
  EXPECT(lode_fs_closedir(loop, &req, d, cb), 0);

  EXPECT(lode_fs_opendir(loop, &req, pjoin(p, s, "nope"), cb), LODE_ENOENT);
  ASSERT_NULL(req.ptr);
  EXPECT(lode_fs_opendir(loop, &req, pjoin(p, s, "one"), cb), LODE_ENOTDIR);
}

TEST_IMPL(fs_opendir_readdir) {
  return run_both(body_readdir);
}

/* ---- fsync / fdatasync / ftruncate ---- */

static void body_sync_trunc(lode_loop_t* loop, lode_fs_cb cb,
                            const char* dir) {
  char p[PATH_MAX];
  struct stat st;
  lode_fs_t req;
  int fd;

  pjoin(p, dir, "trunc");
  put_file(p, "0123456789abcdef", 16);
  fd = open(p, O_RDWR);
  ASSERT_GE(fd, 0);
  EXPECT(lode_fs_ftruncate(loop, &req, fd, 10, cb), 0);
  ASSERT_OK(fstat(fd, &st));
  ASSERT_EQ(st.st_size, 10);
  EXPECT(lode_fs_ftruncate(loop, &req, fd, 1 << 20, cb), 0);
  ASSERT_OK(fstat(fd, &st));
  ASSERT_EQ(st.st_size, 1 << 20);
  EXPECT(lode_fs_ftruncate(loop, &req, fd, -1, cb), LODE_EINVAL);
  EXPECT(lode_fs_ftruncate(loop, &req, -1, 0, cb), LODE_EBADF);

  EXPECT(lode_fs_fsync(loop, &req, fd, cb), 0);
  EXPECT(lode_fs_fdatasync(loop, &req, fd, cb), 0);
  EXPECT(lode_fs_fsync(loop, &req, -1, cb), LODE_EBADF);
  EXPECT(lode_fs_fdatasync(loop, &req, -1, cb), LODE_EBADF);
  close(fd);

  /* ftruncate on a read-only descriptor. */
  fd = open(p, O_RDONLY);
  ASSERT_GE(fd, 0);
  ASSERT(DO(lode_fs_ftruncate(loop, &req, fd, 0, cb)) < 0);
  ASSERT(req.result == LODE_EINVAL || req.result == LODE_EBADF);
  lode_fs_req_cleanup(&req);
  close(fd);
  ASSERT_OK(unlink(p));
}

TEST_IMPL(fs_fsync_fdatasync_ftruncate) {
  return run_both(body_sync_trunc);
}

/* ---- access / chmod / chown ---- */

static void body_access_chmod(lode_loop_t* loop, lode_fs_cb cb,
                              const char* dir) {
  char p[PATH_MAX], x[PATH_MAX];
  struct stat st;
  lode_fs_t req;
  int fd;

  pjoin(p, dir, "perm");
  put_file(p, "p", 1);
  EXPECT(lode_fs_access(loop, &req, p, F_OK, cb), 0);
  EXPECT(lode_fs_access(loop, &req, p, R_OK | W_OK, cb), 0);
  EXPECT(lode_fs_access(loop, &req, pjoin(x, dir, "nope"), F_OK, cb),
         LODE_ENOENT);
  EXPECT(lode_fs_access(loop, &req, pjoin(x, p, "below"), F_OK, cb),
         LODE_ENOTDIR);

  EXPECT(lode_fs_chmod(loop, &req, p, 0604, cb), 0);
  ASSERT_OK(DO(lode_fs_stat(loop, &req, p, cb)));
  ASSERT_UINT64_EQ(req.statbuf.st_mode & 07777, 0604);
  lode_fs_req_cleanup(&req);
  /* X_OK on a file without any x bit fails even for root. */
  EXPECT(lode_fs_access(loop, &req, p, X_OK, cb), LODE_EACCES);

  fd = open(p, O_RDONLY);
  EXPECT(lode_fs_fchmod(loop, &req, fd, 0751, cb), 0);
  ASSERT_OK(fstat(fd, &st));
  ASSERT_EQ(st.st_mode & 07777, 0751);
  close(fd);
  EXPECT(lode_fs_access(loop, &req, p, X_OK, cb), 0);

  EXPECT(lode_fs_chmod(loop, &req, pjoin(x, dir, "nope"), 0600, cb),
         LODE_ENOENT);
  EXPECT(lode_fs_fchmod(loop, &req, -1, 0600, cb), LODE_EBADF);
  ASSERT_OK(unlink(p));
}

TEST_IMPL(fs_access_chmod) {
  return run_both(body_access_chmod);
}

static void body_chown(lode_loop_t* loop, lode_fs_cb cb, const char* dir) {
  char p[PATH_MAX], l[PATH_MAX], x[PATH_MAX];
  struct stat st;
  lode_fs_t req;
  int fd;

  pjoin(p, dir, "own");
  pjoin(l, dir, "own-link");
  put_file(p, "o", 1);
  ASSERT_OK(symlink("own", l));
  /* To ourselves: allowed for anyone. */
  EXPECT(lode_fs_chown(loop, &req, p, getuid(), getgid(), cb), 0);
  ASSERT_OK(stat(p, &st));
  ASSERT_EQ(st.st_uid, getuid());
  ASSERT_EQ(st.st_gid, getgid());
  fd = open(p, O_RDONLY);
  EXPECT(lode_fs_fchown(loop, &req, fd, getuid(), getgid(), cb), 0);
  close(fd);
  EXPECT(lode_fs_lchown(loop, &req, l, getuid(), getgid(), cb), 0);
  /* (uid_t) -1 leaves a field unchanged. */
  EXPECT(lode_fs_chown(loop, &req, p, (lode_uid_t) -1, (lode_gid_t) -1, cb),
         0);

  EXPECT(lode_fs_chown(loop, &req, pjoin(x, dir, "nope"), getuid(), getgid(),
                       cb),
         LODE_ENOENT);
  EXPECT(lode_fs_lchown(loop, &req, pjoin(x, dir, "nope"), getuid(),
                        getgid(), cb),
         LODE_ENOENT);
  EXPECT(lode_fs_fchown(loop, &req, -1, getuid(), getgid(), cb), LODE_EBADF);
  ASSERT_OK(unlink(l));
  ASSERT_OK(unlink(p));
}

TEST_IMPL(fs_chown_fchown_lchown) {
  return run_both(body_chown);
}

/* ---- link / symlink / readlink / realpath ---- */

static void body_link(lode_loop_t* loop, lode_fs_cb cb, const char* dir) {
  char p[PATH_MAX], h[PATH_MAX], h2[PATH_MAX], x[PATH_MAX], buf[16];
  lode_fs_t req;

  pjoin(p, dir, "orig");
  pjoin(h, dir, "hard");
  pjoin(h2, dir, "hard2");
  put_file(p, "linked", 6);
  EXPECT(lode_fs_link(loop, &req, p, h, cb), 0);
  ASSERT_OK(DO(lode_fs_stat(loop, &req, p, cb)));
  ASSERT_UINT64_EQ(req.statbuf.st_nlink, 2);
  lode_fs_req_cleanup(&req);
  get_file(h, buf, sizeof(buf));
  ASSERT_STR_EQ(buf, "linked");
  EXPECT(lode_fs_link(loop, &req, p, h, cb), LODE_EEXIST);
  EXPECT(lode_fs_link(loop, &req, pjoin(x, dir, "nope"), h2, cb),
         LODE_ENOENT);
  ASSERT(!exists(h2));
  EXPECT(lode_fs_unlink(loop, &req, h, cb), 0);
  ASSERT_OK(DO(lode_fs_stat(loop, &req, p, cb)));
  ASSERT_UINT64_EQ(req.statbuf.st_nlink, 1);
  lode_fs_req_cleanup(&req);
  ASSERT_OK(unlink(p));
}

TEST_IMPL(fs_link) {
  return run_both(body_link);
}

static void body_symlink(lode_loop_t* loop, lode_fs_cb cb, const char* dir) {
  char l[PATH_MAX], l2[PATH_MAX], f[PATH_MAX], x[PATH_MAX];
  char longtarget[1200];
  lode_fs_t req;

  pjoin(l, dir, "sl");
  pjoin(l2, dir, "sl-long");
  pjoin(f, dir, "plain");
  put_file(f, "f", 1);
  EXPECT(lode_fs_symlink(loop, &req, "some/target", l, 0, cb), 0);
  ASSERT_OK(DO(lode_fs_readlink(loop, &req, l, cb)));
  ASSERT_STR_EQ(req.ptr, "some/target");
  ASSERT_PTR_EQ(lode_fs_get_ptr(&req), req.ptr);
  lode_fs_req_cleanup(&req);
  ASSERT_NULL(req.ptr);

  /* Longer than readlink's first guess. */
  memset(longtarget, 'x', sizeof(longtarget) - 1);
  longtarget[sizeof(longtarget) - 1] = '\0';
  EXPECT(lode_fs_symlink(loop, &req, longtarget, l2, LODE_FS_SYMLINK_DIR, cb),
         0);
  ASSERT_OK(DO(lode_fs_readlink(loop, &req, l2, cb)));
  ASSERT_STR_EQ(req.ptr, longtarget);
  lode_fs_req_cleanup(&req);

  EXPECT(lode_fs_symlink(loop, &req, "other", l, 0, cb), LODE_EEXIST);
  EXPECT(lode_fs_readlink(loop, &req, f, cb), LODE_EINVAL);
  ASSERT_NULL(req.ptr);
  EXPECT(lode_fs_readlink(loop, &req, pjoin(x, dir, "nope"), cb), LODE_ENOENT);
  ASSERT_OK(unlink(l));
  ASSERT_OK(unlink(l2));
  ASSERT_OK(unlink(f));
}

TEST_IMPL(fs_symlink_readlink) {
  return run_both(body_symlink);
}

static void body_realpath(lode_loop_t* loop, lode_fs_cb cb, const char* dir) {
  char sub[PATH_MAX], f[PATH_MAX], l[PATH_MAX], messy[PATH_MAX];
  char expect[PATH_MAX], x[PATH_MAX];
  lode_fs_t req;

  pjoin(sub, dir, "sub");
  pjoin(f, dir, "sub/target");
  pjoin(l, dir, "to-target");
  ASSERT_OK(mkdir(sub, 0755));
  put_file(f, "r", 1);
  ASSERT_OK(symlink("sub/target", l));
  ASSERT_NOT_NULL(realpath(f, expect));

  ASSERT_LT(snprintf(messy, sizeof(messy), "%s/sub/../sub/./target", dir),
            PATH_MAX);
  ASSERT_OK(DO(lode_fs_realpath(loop, &req, messy, cb)));
  ASSERT_STR_EQ(req.ptr, expect);
  lode_fs_req_cleanup(&req);
  ASSERT_OK(DO(lode_fs_realpath(loop, &req, l, cb)));
  ASSERT_STR_EQ(req.ptr, expect);
  ASSERT(((const char*) req.ptr)[0] == '/');
  lode_fs_req_cleanup(&req);
  EXPECT(lode_fs_realpath(loop, &req, pjoin(x, dir, "nope"), cb), LODE_ENOENT);
  EXPECT(lode_fs_realpath(loop, &req, pjoin(x, f, "x"), cb), LODE_ENOTDIR);
  ASSERT_OK(unlink(l));
  ASSERT_OK(unlink(f));
  ASSERT_OK(rmdir(sub));
}

TEST_IMPL(fs_realpath) {
  return run_both(body_realpath);
}

/* ---- copyfile ---- */

static void body_copyfile(lode_loop_t* loop, lode_fs_cb cb, const char* dir) {
  enum { SIZE = 300000 };
  char src[PATH_MAX], dst[PATH_MAX], dst2[PATH_MAX], x[PATH_MAX];
  char* data = malloc(SIZE);
  char* back = malloc(SIZE + 1);
  struct stat st;
  lode_fs_t req;
  lode_ssize_t r;
  int i;

  for (i = 0; i < SIZE; i++) data[i] = (char) ('a' + i % 23);
  pjoin(src, dir, "src");
  pjoin(dst, dir, "dst");
  pjoin(dst2, dir, "dst2");
  put_file(src, data, SIZE);
  /* Group/other write bits: a umask would strip them on create. */
  umask(022);
  ASSERT_OK(chmod(src, 0766));

  EXPECT(lode_fs_copyfile(loop, &req, src, dst, 0, cb), 0);
  ASSERT_EQ(get_file(dst, back, SIZE + 1), SIZE);
  ASSERT(memcmp(back, data, SIZE) == 0);
  ASSERT_OK(stat(dst, &st));
  ASSERT_EQ(st.st_mode & 07777, 0766);

  /* An existing destination takes the source's mode too. */
  ASSERT_OK(chmod(dst, 0600));
  EXPECT(lode_fs_copyfile(loop, &req, src, dst, 0, cb), 0);
  ASSERT_OK(stat(dst, &st));
  ASSERT_EQ(st.st_mode & 07777, 0766);

  /* EXCL refuses an existing destination and leaves it alone. */
  put_file(dst, "keep", 4);
  EXPECT(lode_fs_copyfile(loop, &req, src, dst, LODE_FS_COPYFILE_EXCL, cb),
         LODE_EEXIST);
  ASSERT_EQ(get_file(dst, back, SIZE + 1), 4);

  /* Without EXCL a longer existing file is replaced, not merged. */
  put_file(src, "short", 5);
  put_file(dst, "a much longer old content", 25);
  EXPECT(lode_fs_copyfile(loop, &req, src, dst, 0, cb), 0);
  ASSERT_EQ(get_file(dst, back, SIZE + 1), 5);
  ASSERT_STR_EQ(back, "short");

  /* Onto itself: nothing is lost. */
  EXPECT(lode_fs_copyfile(loop, &req, src, src, 0, cb), 0);
  ASSERT_EQ(get_file(src, back, SIZE + 1), 5);

  /* FICLONE falls back to copying where cloning is impossible. */
  put_file(src, data, SIZE);
  EXPECT(lode_fs_copyfile(loop, &req, src, dst2, LODE_FS_COPYFILE_FICLONE, cb),
         0);
  ASSERT_EQ(get_file(dst2, back, SIZE + 1), SIZE);
  ASSERT(memcmp(back, data, SIZE) == 0);
  ASSERT_OK(unlink(dst2));

  /* FICLONE_FORCE either clones or fails, leaving no file behind. */
  r = DO(lode_fs_copyfile(loop, &req, src, dst2,
                          LODE_FS_COPYFILE_FICLONE_FORCE, cb));
  lode_fs_req_cleanup(&req);
  if (r == 0) {
    ASSERT_EQ(get_file(dst2, back, SIZE + 1), SIZE);
    ASSERT_OK(unlink(dst2));
  } else {
    ASSERT_LT(r, 0);
    ASSERT(!exists(dst2));
  }

  EXPECT(lode_fs_copyfile(loop, &req, pjoin(x, dir, "nope"), dst2, 0, cb),
         LODE_ENOENT);
  ASSERT(!exists(dst2));
  EXPECT(lode_fs_copyfile(loop, &req, dir, dst2, 0, cb), LODE_EISDIR);
  EXPECT(lode_fs_copyfile(loop, &req, src, pjoin(x, dir, "no/dst"), 0, cb),
         LODE_ENOENT);
  ASSERT_ERR(lode_fs_copyfile(loop, &req, src, dst2, 0x100, cb), LODE_EINVAL);
  lode_fs_req_cleanup(&req);
  ASSERT_OK(unlink(src));
  ASSERT_OK(unlink(dst));
  free(data);
  free(back);
}

TEST_IMPL(fs_copyfile) {
  return run_both(body_copyfile);
}

/* ---- sendfile ---- */

static void body_sendfile(lode_loop_t* loop, lode_fs_cb cb, const char* dir) {
  char in[PATH_MAX], out[PATH_MAX], buf[256];
  lode_fs_t req;
  int ifd, ofd;

  pjoin(in, dir, "in");
  pjoin(out, dir, "out");
  put_file(in, "0123456789abcdefghijklmnopqrstuvwxyz", 36);
  ifd = open(in, O_RDONLY);
  ofd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  ASSERT_GE(ifd, 0);
  ASSERT_GE(ofd, 0);

  EXPECT(lode_fs_sendfile(loop, &req, ofd, ifd, 5, 10, cb), 10);
  /* The input's position does not move; the output's does. */
  ASSERT_EQ(lseek(ifd, 0, SEEK_CUR), 0);
  ASSERT_EQ(lseek(ofd, 0, SEEK_CUR), 10);
  /* Asking for more than is left gives what is there. */
  EXPECT(lode_fs_sendfile(loop, &req, ofd, ifd, 30, 100, cb), 6);
  EXPECT(lode_fs_sendfile(loop, &req, ofd, ifd, 36, 10, cb), 0);
  get_file(out, buf, sizeof(buf));
  ASSERT_STR_EQ(buf, "56789abcdeuvwxyz");

  EXPECT(lode_fs_sendfile(loop, &req, ofd, -1, 0, 10, cb), LODE_EBADF);
  ASSERT_ERR(lode_fs_sendfile(loop, &req, ofd, ifd, -1, 10, cb), LODE_EINVAL);
  lode_fs_req_cleanup(&req);
  close(ifd);
  close(ofd);
  ASSERT_OK(unlink(in));
  ASSERT_OK(unlink(out));
}

TEST_IMPL(fs_sendfile) {
  return run_both(body_sendfile);
}

/* ---- accessors and cleanup ---- */

TEST_IMPL(fs_req_accessors_cleanup) {
  lode_loop_t loop;
  lode_fs_t req;
  char p[PATH_MAX];
  long base;

  ASSERT_OK(lode_loop_init(&loop));
  base = test_live_allocations();
  pjoin(p, test_tmpdir(), "missing");
  ASSERT_ERR(lode_fs_stat(NULL, &req, p, NULL), LODE_ENOENT);
  ASSERT_EQ(lode_fs_get_type(&req), LODE_FS_STAT);
  ASSERT_ERR(lode_fs_get_result(&req), LODE_ENOENT);
  ASSERT_EQ(lode_fs_get_system_error(&req), ENOENT);
  ASSERT_STR_EQ(lode_fs_get_path(&req), p);
  ASSERT_NULL(lode_fs_get_ptr(&req));
  ASSERT_GT(test_live_allocations(), base); /* the path copy */
  lode_fs_req_cleanup(&req);
  ASSERT_EQ(test_live_allocations(), base);
  lode_fs_req_cleanup(&req);
  ASSERT_EQ(test_live_allocations(), base);

  ASSERT_OK(lode_fs_stat(NULL, &req, test_tmpdir(), NULL));
  ASSERT_EQ(lode_fs_get_system_error(&req), 0);
  ASSERT_EQ(lode_fs_get_result(&req), 0);
  lode_fs_req_cleanup(&req);

  /* Bad arguments. */
  ASSERT_ERR(lode_fs_stat(&loop, NULL, p, NULL), LODE_EINVAL);
  ASSERT_ERR(lode_fs_stat(&loop, &req, NULL, NULL), LODE_EINVAL);
  lode_fs_req_cleanup(&req);
  /* An async call needs a loop. */
  ASSERT_ERR(lode_fs_stat(NULL, &req, p, on_fs), LODE_EINVAL);
  lode_fs_req_cleanup(&req);
  ASSERT_EQ(test_live_allocations(), base);
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

/* ---- cancellation of queued fs work ---- */

static lode_mutex_t hold_m;
static lode_cond_t hold_c;
static int hold_open, hold_in;

static void hold_work(lode_work_t* req) {
  (void) req;
  lode_mutex_lock(&hold_m);
  hold_in++;
  lode_cond_broadcast(&hold_c);
  while (!hold_open) lode_cond_wait(&hold_c, &hold_m);
  lode_mutex_unlock(&hold_m);
}

static int cancelled_fs;
static void cancelled_fs_cb(lode_fs_t* req) {
  ASSERT_ERR(req->result, LODE_ECANCELED);
  ASSERT_ERR(lode_cancel((lode_req_t*) req), LODE_EBUSY);
  cancelled_fs++;
}

TEST_IMPL(fs_cancel_queued) {
  lode_loop_t loop;
  lode_work_t* hold;
  lode_fs_t reqs[3], sync_req;
  lode_buf_t b;
  char buf[4], p[PATH_MAX], tpl[PATH_MAX];
  unsigned int n = lode_threadpool_size(), i;

  ASSERT_OK(lode_loop_init(&loop));
  ASSERT_OK(lode_mutex_init(&hold_m));
  ASSERT_OK(lode_cond_init(&hold_c));
  hold_open = hold_in = 0;
  cancelled_fs = 0;
  hold = calloc(n, sizeof(*hold));
  for (i = 0; i < n; i++)
    ASSERT_OK(lode_queue_work(&loop, &hold[i], hold_work, NULL));
  lode_mutex_lock(&hold_m);
  while (hold_in < (int) n) lode_cond_wait(&hold_c, &hold_m);
  lode_mutex_unlock(&hold_m);

  pjoin(p, test_tmpdir(), "never-created");
  pjoin(tpl, test_tmpdir(), "never-XXXXXX");
  b = lode_buf_init(buf, sizeof(buf));
  ASSERT_OK(lode_fs_open(&loop, &reqs[0], p, O_CREAT | O_WRONLY, 0644,
                         cancelled_fs_cb));
  ASSERT_OK(lode_fs_mkdtemp(&loop, &reqs[1], tpl, cancelled_fs_cb));
  ASSERT_OK(lode_fs_read(&loop, &reqs[2], 0, &b, 1, 0, cancelled_fs_cb));
  for (i = 0; i < 3; i++) ASSERT_OK(lode_cancel((lode_req_t*) &reqs[i]));
  ASSERT_ERR(lode_cancel((lode_req_t*) &reqs[0]), LODE_EBUSY);
  while (cancelled_fs < 3) lode_run(&loop, LODE_RUN_ONCE);

  /* A synchronous request is never queued. */
  ASSERT_OK(lode_fs_stat(NULL, &sync_req, test_tmpdir(), NULL));
  ASSERT_ERR(lode_cancel((lode_req_t*) &sync_req), LODE_EBUSY);
  lode_fs_req_cleanup(&sync_req);

  lode_mutex_lock(&hold_m);
  hold_open = 1;
  lode_cond_broadcast(&hold_c);
  lode_mutex_unlock(&hold_m);
  ASSERT_EQ(lode_run(&loop, LODE_RUN_DEFAULT), 0);
  ASSERT_EQ(cancelled_fs, 3);
  ASSERT(!exists(p));
  for (i = 0; i < 3; i++) lode_fs_req_cleanup(&reqs[i]);
  ASSERT_LOOP_CLOSED(&loop);
  lode_cond_destroy(&hold_c);
  lode_mutex_destroy(&hold_m);
  free(hold);
  return 0;
}

/* ---- many concurrent requests ---- */

static int many_done;
static void many_write_cb(lode_fs_t* req) {
  ASSERT_EQ(req->result, 8);
  many_done++;
}

TEST_IMPL(fs_many_concurrent) {
  enum { N = 200 };
  static lode_fs_t reqs[N];
  lode_loop_t loop;
  lode_buf_t b;
  char p[PATH_MAX], buf[16];
  int fd, i;

  ASSERT_OK(lode_loop_init(&loop));
  many_done = 0;
  pjoin(p, test_tmpdir(), "many");
  fd = open(p, O_RDWR | O_CREAT | O_TRUNC, 0644);
  ASSERT_GE(fd, 0);
  b = lode_buf_init((char*) "01234567", 8);
  /* Each writes its own 8-byte slot. */
  for (i = 0; i < N; i++)
    ASSERT_OK(lode_fs_write(&loop, &reqs[i], fd, &b, 1, (int64_t) i * 8,
                            many_write_cb));
  ASSERT_EQ(lode_run(&loop, LODE_RUN_DEFAULT), 0);
  ASSERT_EQ(many_done, N);
  for (i = 0; i < N; i++) lode_fs_req_cleanup(&reqs[i]);
  ASSERT_EQ(lseek(fd, 0, SEEK_END), N * 8);
  ASSERT_EQ(pread(fd, buf, 8, 77 * 8), 8);
  ASSERT(memcmp(buf, "01234567", 8) == 0);
  close(fd);
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

/* ---- synchronous calls from any thread ---- */

static int thread_ok;
static void sync_thread(void* arg) {
  lode_fs_t req;
  const char* dir = arg;
  char p[PATH_MAX];

  pjoin(p, dir, "from-thread");
  if (lode_fs_mkdir(NULL, &req, p, 0755, NULL) == 0) thread_ok++;
  lode_fs_req_cleanup(&req);
  if (lode_fs_stat(NULL, &req, p, NULL) == 0 && S_ISDIR(req.statbuf.st_mode))
    thread_ok++;
  lode_fs_req_cleanup(&req);
  if (lode_fs_rmdir(NULL, &req, p, NULL) == 0) thread_ok++;
  lode_fs_req_cleanup(&req);
}

TEST_IMPL(fs_sync_any_thread) {
  lode_thread_t tid;

  thread_ok = 0;
  ASSERT_OK(lode_thread_create(&tid, sync_thread, (void*) test_tmpdir()));
  ASSERT_OK(lode_thread_join(&tid));
  ASSERT_EQ(thread_ok, 3);
  return 0;
}
