/* test-tty.c — lode_guess_handle on every kind of descriptor, TTY handles on
 * a pseudo-terminal (private O_NONBLOCK, modes, window size, I/O), and
 * stdio-style streams over a pipe and a regular file. */
#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "../task.h"

static lode_loop_t loop_s;
#define LOOP (&loop_s)

#define RUN_UNTIL(cond) RUN_LOOP_UNTIL(LOOP, cond)

#define slab test_slab
#define slab_alloc test_slab_alloc

/* A pseudo-terminal pair; 0, or -1 when the system has none. */
static int open_pty(int* master, int* slave) {
  char* name;
  int m, s;

  m = posix_openpt(O_RDWR | O_NOCTTY);
  if (m < 0) return -1;
  if (grantpt(m) != 0 || unlockpt(m) != 0 || (name = ptsname(m)) == NULL) {
    close(m);
    return -1;
  }
  s = open(name, O_RDWR | O_NOCTTY);
  if (s < 0) {
    close(m);
    return -1;
  }
  *master = m;
  *slave = s;
  return 0;
}

static const char* tmp_file(const char* name) {
  static char path[512];
  snprintf(path, sizeof(path), "%s/%s", test_tmpdir(), name);
  return path;
}

TEST_IMPL(tty_guess_handle) {
  int p[2], sv[2], fd, tcp, udp, dir, m, s;

  ASSERT_EQ(lode_guess_handle(-1), LODE_UNKNOWN_HANDLE);
  ASSERT_OK(pipe(p));
  ASSERT_EQ(lode_guess_handle(p[0]), LODE_NAMED_PIPE);
  ASSERT_EQ(lode_guess_handle(p[1]), LODE_NAMED_PIPE);
  ASSERT_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
  ASSERT_EQ(lode_guess_handle(sv[0]), LODE_NAMED_PIPE);
  fd = open(tmp_file("plain"), O_RDWR | O_CREAT, 0600);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(lode_guess_handle(fd), LODE_FILE);
  tcp = socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(tcp, 0);
  ASSERT_EQ(lode_guess_handle(tcp), LODE_TCP);
  udp = socket(AF_INET, SOCK_DGRAM, 0);
  ASSERT_GE(udp, 0);
  ASSERT_EQ(lode_guess_handle(udp), LODE_UDP);
  dir = open(test_tmpdir(), O_RDONLY);
  ASSERT_GE(dir, 0);
  ASSERT_EQ(lode_guess_handle(dir), LODE_UNKNOWN_HANDLE);
  close(p[0]);
  /* A closed descriptor is nothing. */
  ASSERT_EQ(lode_guess_handle(p[0]), LODE_UNKNOWN_HANDLE);
  if (open_pty(&m, &s) == 0) {
    ASSERT_EQ(lode_guess_handle(s), LODE_TTY);
    ASSERT_EQ(lode_guess_handle(m), LODE_TTY);
    close(m);
    close(s);
  } else {
    printf("no pseudo-terminals: the TTY case is not checked\n");
  }
  close(p[1]);
  close(sv[0]);
  close(sv[1]);
  close(fd);
  close(tcp);
  close(udp);
  close(dir);
  return 0;
}

static char pty_got[64];
static size_t pty_n;
static int pty_written;

static void pty_read_cb(lode_stream_t* s, lode_ssize_t nread,
                        const lode_buf_t* buf) {
  (void) s;
  if (nread <= 0) return;
  ASSERT_LE(pty_n + (size_t) nread, sizeof(pty_got));
  memcpy(pty_got + pty_n, buf->base, (size_t) nread);
  pty_n += (size_t) nread;
}

static void pty_write_cb(lode_write_t* req, int status) {
  (void) req;
  ASSERT_OK(status);
  pty_written++;
}

TEST_IMPL(tty_pty_stream) {
  lode_tty_t tty;
  lode_write_t w;
  lode_buf_t out = lode_buf_init("to master", 9);
  lode_os_fd_t fd;
  struct winsize ws;
  char got[64];
  size_t n = 0;
  int m, s, width = 0, height = 0;

  if (open_pty(&m, &s) != 0) {
    printf("no pseudo-terminals here\n");
    return TEST_SKIP;
  }
  ASSERT_OK(lode_loop_init(LOOP));
  ASSERT_OK(lode_tty_init(LOOP, &tty, s, 0));
  ASSERT_EQ(tty.type, LODE_TTY);
  ASSERT(lode_is_readable((lode_stream_t*) &tty));
  ASSERT(lode_is_writable((lode_stream_t*) &tty));
  /* The terminal was reopened: the caller's descriptor stays blocking. */
  ASSERT(!(fcntl(s, F_GETFL) & O_NONBLOCK));
  ASSERT_OK(lode_fileno((lode_handle_t*) &tty, &fd));
  ASSERT_NE(fd, s);
  ASSERT(fcntl(fd, F_GETFL) & O_NONBLOCK);

  memset(&ws, 0, sizeof(ws));
  ws.ws_col = 101;
  ws.ws_row = 33;
  ASSERT_OK(ioctl(m, TIOCSWINSZ, &ws));
  ASSERT_OK(lode_tty_get_winsize(&tty, &width, &height));
  ASSERT_EQ(width, 101);
  ASSERT_EQ(height, 33);

  /* Output reaches the master side. */
  ASSERT_OK(lode_write(&w, (lode_stream_t*) &tty, &out, 1, pty_write_cb));
  RUN_UNTIL(pty_written == 1);
  while (n < 9) {
    ssize_t r = read(m, got + n, sizeof(got) - n);
    ASSERT_GT(r, 0);
    n += (size_t) r;
  }
  ASSERT(memcmp(got, "to master", 9) == 0);

  /* Input typed on the master arrives (canonical mode: a whole line). */
  ASSERT_OK(lode_read_start((lode_stream_t*) &tty, slab_alloc, pty_read_cb));
  ASSERT_EQ(write(m, "typed\n", 6), 6);
  RUN_UNTIL(pty_n >= 6);
  ASSERT(memcmp(pty_got, "typed\n", 6) == 0);

  ASSERT_LOOP_CLOSED(LOOP);
  /* Closing the handle closed only its own reopened descriptor. */
  ASSERT_NE(fcntl(s, F_GETFL), -1);
  close(s);
  close(m);
  return 0;
}

static int lflag(int fd) {
  struct termios t;
  ASSERT_OK(tcgetattr(fd, &t));
  return (int) t.c_lflag;
}

TEST_IMPL(tty_set_mode_and_reset) {
  lode_tty_t tty;
  struct termios t;
  int m, s, orig;

  if (open_pty(&m, &s) != 0) {
    printf("no pseudo-terminals here\n");
    return TEST_SKIP;
  }
  ASSERT_OK(lode_loop_init(LOOP));
  ASSERT_OK(lode_tty_init(LOOP, &tty, s, 0));
  orig = lflag(s);
  ASSERT(orig & ICANON);
  ASSERT(orig & ECHO);

  ASSERT_OK(lode_tty_set_mode(&tty, LODE_TTY_MODE_RAW));
  ASSERT(!(lflag(s) & (ICANON | ECHO | ISIG)));
  ASSERT_OK(tcgetattr(s, &t));
  ASSERT_EQ(t.c_cc[VMIN], 1);
  ASSERT(t.c_oflag & OPOST); /* raw still translates output newlines */

  ASSERT_OK(lode_tty_set_mode(&tty, LODE_TTY_MODE_NORMAL));
  ASSERT_EQ(lflag(s), orig);

  ASSERT_OK(lode_tty_set_mode(&tty, LODE_TTY_MODE_IO));
  ASSERT_OK(tcgetattr(s, &t));
  ASSERT(!(t.c_oflag & OPOST));
  ASSERT(!(t.c_lflag & ICANON));

  /* reset_mode restores what the terminal was before the first change. */
  ASSERT_OK(lode_tty_reset_mode());
  ASSERT_EQ(lflag(s), orig);

  /* A handle closed while raw puts the terminal back. */
  ASSERT_OK(lode_tty_set_mode(&tty, LODE_TTY_MODE_RAW));
  ASSERT(!(lflag(s) & ICANON));
  ASSERT_ERR(lode_tty_set_mode(&tty, (lode_tty_mode_t) 42), LODE_EINVAL);
  ASSERT_LOOP_CLOSED(LOOP);
  ASSERT_EQ(lflag(s), orig);
  ASSERT_OK(lode_tty_reset_mode());
  close(s);
  close(m);
  return 0;
}

/* ---- stdio streams that are not terminals ---- */

static int fw_in_write, fw_done;

static void fw_write_cb(lode_write_t* req, int status) {
  (void) req;
  ASSERT_OK(status);
  ASSERT(!fw_in_write);
  fw_done++;
}

static char fr_got[64];
static size_t fr_n;
static int fr_eof;

static void fr_read_cb(lode_stream_t* s, lode_ssize_t nread,
                       const lode_buf_t* buf) {
  if (nread > 0) {
    ASSERT_LE(fr_n + (size_t) nread, sizeof(fr_got));
    memcpy(fr_got + fr_n, buf->base, (size_t) nread);
    fr_n += (size_t) nread;
  } else if (nread < 0) {
    ASSERT_ERR(nread, LODE_EOF);
    fr_eof++;
    lode_close((lode_handle_t*) s, NULL);
  }
}

TEST_IMPL(tty_init_on_regular_file) {
  lode_tty_t out, in;
  lode_write_t w1, w2;
  lode_buf_t a = lode_buf_init("abc", 3), b = lode_buf_init("def\n", 4);
  char check[16];
  int fd, rfd;

  fd = open(tmp_file("stdout.txt"), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  ASSERT_GE(fd, 0);
  ASSERT_OK(lode_loop_init(LOOP));
  ASSERT_OK(lode_tty_init(LOOP, &out, fd, 0));
  ASSERT(lode_is_writable((lode_stream_t*) &out));
  ASSERT(!lode_is_readable((lode_stream_t*) &out));
  /* Files cannot be polled: writes happen at once, callbacks later. */
  fw_in_write = 1;
  ASSERT_OK(lode_write(&w1, (lode_stream_t*) &out, &a, 1, fw_write_cb));
  ASSERT_OK(lode_write(&w2, (lode_stream_t*) &out, &b, 1, fw_write_cb));
  fw_in_write = 0;
  ASSERT_EQ(out.write_queue_size, 0);
  ASSERT_EQ(fw_done, 0);
  RUN_UNTIL(fw_done == 2);
  lode_close((lode_handle_t*) &out, NULL);

  rfd = open(tmp_file("stdout.txt"), O_RDONLY);
  ASSERT_GE(rfd, 0);
  ASSERT_EQ(pread(rfd, check, sizeof(check), 0), 7);
  ASSERT(memcmp(check, "abcdef\n", 7) == 0);

  /* A file as stdin reads to its end. */
  ASSERT_OK(lode_tty_init(LOOP, &in, rfd, 0));
  ASSERT(lode_is_readable((lode_stream_t*) &in));
  ASSERT_OK(lode_read_start((lode_stream_t*) &in, slab_alloc, fr_read_cb));
  RUN_UNTIL(fr_eof == 1);
  ASSERT_EQ(fr_n, 7);
  ASSERT(memcmp(fr_got, "abcdef\n", 7) == 0);
  ASSERT_LOOP_CLOSED(LOOP);
  return 0;
}

TEST_IMPL(tty_init_on_pipe) {
  lode_tty_t out;
  lode_write_t w;
  lode_buf_t b = lode_buf_init("piped", 5);
  char got[8];
  int p[2];

  ASSERT_OK(pipe(p));
  ASSERT_OK(lode_loop_init(LOOP));
  ASSERT_ERR(lode_tty_init(LOOP, &out, -1, 0), LODE_EINVAL);
  ASSERT_OK(lode_tty_init(LOOP, &out, p[1], 0));
  ASSERT(lode_is_writable((lode_stream_t*) &out));
  ASSERT(!lode_is_readable((lode_stream_t*) &out));
  fw_in_write = 1;
  ASSERT_OK(lode_write(&w, (lode_stream_t*) &out, &b, 1, fw_write_cb));
  fw_in_write = 0;
  RUN_UNTIL(fw_done == 1);
  ASSERT_EQ(read(p[0], got, sizeof(got)), 5);
  ASSERT(memcmp(got, "piped", 5) == 0);
  ASSERT_LOOP_CLOSED(LOOP);
  /* The handle owned the write end: the reader now sees EOF. */
  ASSERT_EQ(read(p[0], got, sizeof(got)), 0);
  close(p[0]);
  return 0;
}
