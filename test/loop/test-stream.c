/* test-stream.c — the generic stream contract on a socketpair of pipe
 * handles: write callbacks are never synchronous and keep queue order,
 * the bufs array is copied, empty writes, shutdown after queued writes,
 * cancellation on close, ENOBUFS from alloc_cb, read_start replacing
 * callbacks, blocking mode, and the active state. */
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "../task.h"

static lode_loop_t loop_s;
#define LOOP (&loop_s)

#define RUN_UNTIL(cond) RUN_LOOP_UNTIL(LOOP, cond)

#define slab test_slab
#define slab_alloc test_slab_alloc

static lode_pipe_t sa, sb; /* sa writes, sb reads (both can do both) */

static void make_socketpair(void) {
  lode_os_sock_t sv[2];
  ASSERT_OK(lode_loop_init(LOOP));
  ASSERT_OK(lode_socketpair(SOCK_STREAM, 0, sv, 0, 0));
  ASSERT_OK(lode_pipe_init(LOOP, &sa, 0));
  ASSERT_OK(lode_pipe_init(LOOP, &sb, 0));
  ASSERT_OK(lode_pipe_open(&sa, sv[0]));
  ASSERT_OK(lode_pipe_open(&sb, sv[1]));
}

static char got[1 << 16];
static size_t ngot;
static int got_eof;

static void collect_read_cb(lode_stream_t* s, lode_ssize_t nread,
                            const lode_buf_t* buf) {
  (void) s;
  if (nread > 0) {
    if (ngot + (size_t) nread <= sizeof(got))
      memcpy(got + ngot, buf->base, (size_t) nread);
    ngot += (size_t) nread;
  } else if (nread < 0) {
    ASSERT_ERR(nread, LODE_EOF);
    got_eof++;
  }
}

static char trace[64];
static int ntrace;

static void mark(char c) {
  if (ntrace < (int) sizeof(trace) - 1) trace[ntrace++] = c;
  trace[ntrace] = '\0';
}

static int in_write;

static void trace_write_cb(lode_write_t* req, int status) {
  ASSERT(!in_write);
  mark((char) (intptr_t) req->data);
  if (status == LODE_ECANCELED)
    mark('x');
  else
    ASSERT_OK(status);
}

static void trace_close_cb(lode_handle_t* h) {
  (void) h;
  mark('C');
}

static void trace_shutdown_cb(lode_shutdown_t* req, int status) {
  (void) req;
  mark(status == LODE_ECANCELED ? 'z' : 's');
  if (status != LODE_ECANCELED) ASSERT_OK(status);
}

/* Even a write the kernel takes whole completes from the loop, and the
 * bufs array (here larger than the inline four) is copied: the caller's
 * array is scribbled over right after the call. */
TEST_IMPL(stream_write_cb_async_bufs_copied) {
  lode_buf_t bufs[10];
  char parts[10][2];
  lode_write_t w1, w2;
  lode_buf_t one = lode_buf_init("!", 1);
  int i;

  make_socketpair();
  for (i = 0; i < 10; i++) {
    parts[i][0] = (char) ('a' + i);
    bufs[i] = lode_buf_init(parts[i], 1);
  }
  w1.data = (void*) (intptr_t) '1';
  w2.data = (void*) (intptr_t) '2';
  in_write = 1;
  ASSERT_OK(lode_write(&w1, (lode_stream_t*) &sa, bufs, 10, trace_write_cb));
  ASSERT_OK(lode_write(&w2, (lode_stream_t*) &sa, &one, 1, trace_write_cb));
  in_write = 0;
  memset(bufs, 0, sizeof(bufs));
  ASSERT_STR_EQ(trace, "");
  ASSERT(lode_is_active((lode_handle_t*) &sa));
  ASSERT_OK(lode_read_start((lode_stream_t*) &sb, slab_alloc,
                            collect_read_cb));
  RUN_UNTIL(ntrace == 2 && ngot == 11);
  ASSERT_STR_EQ(trace, "12");
  ASSERT(memcmp(got, "abcdefghij!", 11) == 0);
  /* Nothing left to do: no longer active. */
  ASSERT(!lode_is_active((lode_handle_t*) &sa));
  ASSERT_LOOP_CLOSED(LOOP);
  return 0;
}

TEST_IMPL(stream_empty_writes) {
  lode_write_t w1, w2, w3;
  lode_buf_t empty = lode_buf_init(slab, 0), x = lode_buf_init("x", 1);

  make_socketpair();
  w1.data = (void*) (intptr_t) '1';
  w2.data = (void*) (intptr_t) '2';
  w3.data = (void*) (intptr_t) '3';
  in_write = 1;
  ASSERT_OK(lode_write(&w1, (lode_stream_t*) &sa, NULL, 0, trace_write_cb));
  ASSERT_OK(lode_write(&w2, (lode_stream_t*) &sa, &empty, 1, trace_write_cb));
  ASSERT_OK(lode_write(&w3, (lode_stream_t*) &sa, &x, 1, trace_write_cb));
  in_write = 0;
  RUN_UNTIL(ntrace == 3);
  ASSERT_STR_EQ(trace, "123");
  ASSERT_LOOP_CLOSED(LOOP);
  return 0;
}

/* Shutdown waits for the queued writes; the reader gets every byte, then
 * EOF, and the writer can still read. */
TEST_IMPL(stream_shutdown_after_queued_writes) {
  static char data[4 << 20];
  lode_write_t w;
  lode_shutdown_t s;
  lode_buf_t big = lode_buf_init(data, sizeof(data));
  size_t i;

  for (i = 0; i < sizeof(data); i++) data[i] = (char) (i * 7);
  make_socketpair();
  w.data = (void*) (intptr_t) 'w';
  ASSERT_OK(lode_write(&w, (lode_stream_t*) &sa, &big, 1, trace_write_cb));
  ASSERT_GT(sa.write_queue_size, 0);
  ASSERT_OK(lode_shutdown(&s, (lode_stream_t*) &sa, trace_shutdown_cb));
  ASSERT(!lode_is_writable((lode_stream_t*) &sa));
  ASSERT_OK(lode_read_start((lode_stream_t*) &sb, slab_alloc,
                            collect_read_cb));
  RUN_UNTIL(got_eof == 1);
  ASSERT_STR_EQ(trace, "ws");
  ASSERT_EQ(ngot, sizeof(data));
  ASSERT(memcmp(got, data, sizeof(got)) == 0);
  ASSERT(lode_is_readable((lode_stream_t*) &sa));
  ASSERT_LOOP_CLOSED(LOOP);
  return 0;
}

/* Closing right after queuing a write and a shutdown: both are cancelled,
 * write first, then shutdown, then close_cb. */
TEST_IMPL(stream_close_cancels_shutdown) {
  static char data[4 << 20];
  lode_write_t w;
  lode_shutdown_t s;
  lode_buf_t big = lode_buf_init(data, sizeof(data));

  make_socketpair();
  w.data = (void*) (intptr_t) 'w';
  ASSERT_OK(lode_write(&w, (lode_stream_t*) &sa, &big, 1, trace_write_cb));
  ASSERT_OK(lode_shutdown(&s, (lode_stream_t*) &sa, trace_shutdown_cb));
  lode_close((lode_handle_t*) &sa, trace_close_cb);
  ASSERT_STR_EQ(trace, "");
  RUN_UNTIL(ntrace == 4);
  ASSERT_STR_EQ(trace, "wxzC");
  ASSERT_LOOP_CLOSED(LOOP);
  return 0;
}

/* ---- reading ---- */

static int nobufs_calls;

static void zero_alloc(lode_handle_t* h, size_t size, lode_buf_t* buf) {
  (void) h;
  (void) size;
  buf->base = NULL;
  buf->len = 0;
}

static void nobufs_read_cb(lode_stream_t* s, lode_ssize_t nread,
                           const lode_buf_t* buf) {
  (void) buf;
  ASSERT_ERR(nread, LODE_ENOBUFS);
  nobufs_calls++;
  ASSERT_OK(lode_read_stop(s));
}

TEST_IMPL(stream_alloc_cb_enobufs) {
  make_socketpair();
  ASSERT_EQ(write(sa.io_watcher.fd, "x", 1), 1);
  ASSERT_OK(lode_read_start((lode_stream_t*) &sb, zero_alloc, nobufs_read_cb));
  RUN_UNTIL(nobufs_calls == 1);
  ASSERT(!lode_is_active((lode_handle_t*) &sb));
  /* The byte is still there for a reader with a buffer. */
  ASSERT_OK(lode_read_start((lode_stream_t*) &sb, slab_alloc,
                            collect_read_cb));
  RUN_UNTIL(ngot == 1);
  ASSERT_EQ(nobufs_calls, 1);
  ASSERT_LOOP_CLOSED(LOOP);
  return 0;
}

static void wrong_read_cb(lode_stream_t* s, lode_ssize_t nread,
                          const lode_buf_t* buf) {
  (void) s;
  (void) nread;
  (void) buf;
  TEST_FAIL_("the replaced read callback ran");
}

TEST_IMPL(stream_read_start_replaces_callbacks) {
  make_socketpair();
  ASSERT_OK(lode_read_start((lode_stream_t*) &sb, slab_alloc, wrong_read_cb));
  ASSERT_OK(lode_read_start((lode_stream_t*) &sb, slab_alloc,
                            collect_read_cb));
  ASSERT_EQ(write(sa.io_watcher.fd, "yz", 2), 2);
  RUN_UNTIL(ngot == 2);
  ASSERT(memcmp(got, "yz", 2) == 0);
  ASSERT_ERR(lode_read_start((lode_stream_t*) &sb, NULL, collect_read_cb),
             LODE_EINVAL);
  ASSERT_LOOP_CLOSED(LOOP);
  return 0;
}

/* The handle is active exactly while it reads or has writes queued. */
TEST_IMPL(stream_active_state) {
  lode_write_t w;
  lode_buf_t b = lode_buf_init("q", 1);

  make_socketpair();
  ASSERT(!lode_is_active((lode_handle_t*) &sb));
  ASSERT_OK(lode_read_start((lode_stream_t*) &sb, slab_alloc,
                            collect_read_cb));
  ASSERT(lode_is_active((lode_handle_t*) &sb));
  ASSERT_OK(lode_read_stop((lode_stream_t*) &sb));
  ASSERT(!lode_is_active((lode_handle_t*) &sb));
  ASSERT(!lode_loop_alive(LOOP));

  ASSERT_OK(lode_write(&w, (lode_stream_t*) &sa, &b, 1, NULL));
  ASSERT(lode_loop_alive(LOOP));
  ASSERT_EQ(lode_run(LOOP, LODE_RUN_DEFAULT), 0);
  ASSERT(!lode_is_active((lode_handle_t*) &sa));
  ASSERT_LOOP_CLOSED(LOOP);
  return 0;
}

/* set_blocking: writes finish inside the call (the callback still comes
 * from the loop) and the descriptor really is blocking. */
TEST_IMPL(stream_set_blocking) {
  static char data[100000];
  lode_write_t w;
  lode_buf_t b = lode_buf_init(data, sizeof(data));
  size_t total = 0;
  char buf[4096];

  make_socketpair();
  ASSERT_OK(lode_stream_set_blocking((lode_stream_t*) &sa, 1));
  ASSERT(!(fcntl(sa.io_watcher.fd, F_GETFL) & O_NONBLOCK));
  /* Room for the reader: make the kernel buffer large enough. */
  {
    int size = 1 << 20;
    setsockopt(sa.io_watcher.fd, SOL_SOCKET, SO_SNDBUF, &size, sizeof(size));
    setsockopt(sb.io_watcher.fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof(size));
  }
  w.data = (void*) (intptr_t) 'b';
  in_write = 1;
  ASSERT_OK(lode_write(&w, (lode_stream_t*) &sa, &b, 1, trace_write_cb));
  in_write = 0;
  ASSERT_EQ(sa.write_queue_size, 0);
  ASSERT_STR_EQ(trace, "");
  RUN_UNTIL(ntrace == 1);
  while (total < sizeof(data)) {
    ssize_t r = read(sb.io_watcher.fd, buf, sizeof(buf));
    ASSERT_GT(r, 0);
    total += (size_t) r;
  }
  ASSERT_OK(lode_stream_set_blocking((lode_stream_t*) &sa, 0));
  ASSERT(fcntl(sa.io_watcher.fd, F_GETFL) & O_NONBLOCK);
  ASSERT_LOOP_CLOSED(LOOP);
  return 0;
}

/* Descriptors the poll backend cannot watch (a regular file, /dev/null)
 * still work as streams: writes block, reads come from the pending phase. */
TEST_IMPL(stream_pipe_open_unpollable) {
  char path[512];
  lode_pipe_t f, devnull;
  lode_write_t w1, w2;
  lode_buf_t b = lode_buf_init("file data", 9);
  int fd, nfd;

  snprintf(path, sizeof(path), "%s/stream-file", test_tmpdir());
  fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
  ASSERT_GE(fd, 0);
  nfd = open("/dev/null", O_RDWR);
  ASSERT_GE(nfd, 0);
  ASSERT_OK(lode_loop_init(LOOP));
  ASSERT_OK(lode_pipe_init(LOOP, &f, 0));
  ASSERT_OK(lode_pipe_open(&f, fd));
  ASSERT_OK(lode_pipe_init(LOOP, &devnull, 0));
  ASSERT_OK(lode_pipe_open(&devnull, nfd));
  w1.data = (void*) (intptr_t) '1';
  w2.data = (void*) (intptr_t) '2';
  ASSERT_OK(lode_write(&w1, (lode_stream_t*) &f, &b, 1, trace_write_cb));
  ASSERT_OK(lode_write(&w2, (lode_stream_t*) &devnull, &b, 1,
                       trace_write_cb));
  RUN_UNTIL(ntrace == 2);
  ASSERT_STR_EQ(trace, "12");
  /* /dev/null reads as an immediate EOF. */
  ASSERT_OK(lode_read_start((lode_stream_t*) &devnull, slab_alloc,
                            collect_read_cb));
  RUN_UNTIL(got_eof == 1);
  ASSERT_EQ(ngot, 0);
  ASSERT_LOOP_CLOSED(LOOP);
  return 0;
}

/* ---- write completions in the turn they happen (loop/loop.c) ---- */

/* A chain of writes, each queued from the previous one's callback, as a
 * pump does: every write goes out inside lode_write, yet its callback
 * never runs there; it runs right after the poll phase of the same turn
 * (not in the next turn's pending phase), for at most 16 rounds per turn,
 * so the check phase still comes around while the chain goes on. The
 * first callback runs in turn 1's pending phase, the next 16 after its
 * poll: 17 per turn. */
#define CHAIN 40

static lode_write_t chain_req;
static lode_check_t chain_check;
static int chain_done, chain_checks, chain_at_check[8];

static void chain_write_cb(lode_write_t* req, int status) {
  lode_buf_t b = lode_buf_init("c", 1);
  ASSERT(!in_write);
  ASSERT_OK(status);
  if (++chain_done == CHAIN) return;
  in_write = 1;
  ASSERT_OK(lode_write(req, (lode_stream_t*) &sa, &b, 1, chain_write_cb));
  in_write = 0;
}

static void chain_check_cb(lode_check_t* c) {
  if (chain_checks < 8) chain_at_check[chain_checks] = chain_done;
  chain_checks++;
  if (chain_done == CHAIN) lode_check_stop(c);
}

TEST_IMPL(stream_write_chain_completes_after_poll) {
  lode_buf_t b = lode_buf_init("c", 1);

  make_socketpair();
  chain_done = chain_checks = 0;
  ASSERT_OK(lode_read_start((lode_stream_t*) &sb, slab_alloc,
                            collect_read_cb));
  ASSERT_OK(lode_check_init(LOOP, &chain_check));
  ASSERT_OK(lode_check_start(&chain_check, chain_check_cb));
  in_write = 1;
  ASSERT_OK(lode_write(&chain_req, (lode_stream_t*) &sa, &b, 1,
                       chain_write_cb));
  in_write = 0;
  ASSERT_EQ(chain_done, 0);
  RUN_UNTIL(chain_done == CHAIN && ngot == CHAIN);
  ASSERT_GE(chain_checks, 3);
  ASSERT_EQ(chain_at_check[0], 17);
  ASSERT_EQ(chain_at_check[1], 34);
  ASSERT_EQ(chain_at_check[2], CHAIN);
  lode_close((lode_handle_t*) &chain_check, NULL);
  ASSERT_LOOP_CLOSED(LOOP);
  return 0;
}

/* Stopping a watcher tells the kernel only at the next poll
 * (platform/unix/core.c): reading stopped and started again before that
 * poll still delivers, and a stopped reader closed before it leaves
 * nothing behind (ASan, the loop closes). */
TEST_IMPL(stream_read_stop_start_same_turn) {
  lode_write_t w;
  lode_buf_t b = lode_buf_init("abc", 3);

  make_socketpair();
  ngot = 0;
  ASSERT_OK(lode_read_start((lode_stream_t*) &sb, slab_alloc,
                            collect_read_cb));
  ASSERT_EQ(lode_run(LOOP, LODE_RUN_NOWAIT), 1);
  ASSERT_OK(lode_read_stop((lode_stream_t*) &sb));
  ASSERT_OK(lode_read_start((lode_stream_t*) &sb, slab_alloc,
                            collect_read_cb));
  w.data = (void*) (intptr_t) 'w';
  ASSERT_OK(lode_write(&w, (lode_stream_t*) &sa, &b, 1, trace_write_cb));
  RUN_UNTIL(ngot == 3);
  ASSERT(memcmp(got, "abc", 3) == 0);
  /* Stopped, more bytes waiting, then closed before any poll. */
  ASSERT_OK(lode_read_stop((lode_stream_t*) &sb));
  ASSERT_OK(lode_write(&w, (lode_stream_t*) &sa, &b, 1, trace_write_cb));
  RUN_UNTIL(ntrace == 2);
  ASSERT_OK(lode_read_stop((lode_stream_t*) &sb));
  lode_close((lode_handle_t*) &sb, NULL);
  ASSERT_EQ(ngot, 3);
  ASSERT_LOOP_CLOSED(LOOP);
  return 0;
}
