/*
 * test-process.c — child processes (test/, layer under test: platform/unix
 * process.c). Contract: loop/lode.h, "Processes"; DESIGN.md, "Child
 * processes": exec errors come back from lode_spawn with no child left,
 * exits are reaped on SIGCHLD for our own pids only, stdio is wired as
 * asked. Helpers are this runner re-executed with --helper NAME.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../task.h"

/* ---- helpers (child side) ---- */

HELPER_IMPL(spawn_helper_pause) {
  for (;;) pause();
  return 0;
}

HELPER_IMPL(spawn_helper_exit) {
  return argc > 1 ? atoi(argv[1]) : 0;
}

/* Copies stdin to stdout until EOF. */
HELPER_IMPL(spawn_helper_echo) {
  char buf[8192];
  for (;;) {
    ssize_t n = read(0, buf, sizeof(buf));
    ssize_t off = 0;
    if (n == 0) return 0;
    if (n < 0) {
      if (errno == EINTR) continue;
      return 2;
    }
    while (off < n) {
      ssize_t w = write(1, buf + off, (size_t) (n - off));
      if (w < 0) {
        if (errno == EINTR) continue;
        return 3;
      }
      off += w;
    }
  }
}

/* Exit 0 when fds 0-2 are /dev/null, else the first fd that is not + 10;
 * 20 when fd 3 is open (ignored fds above 2 must be closed). */
HELPER_IMPL(spawn_helper_devnull) {
  struct stat null_st, st;
  int fd;
  if (stat("/dev/null", &null_st) != 0) return 1;
  for (fd = 0; fd < 3; fd++) {
    if (fstat(fd, &st) != 0 || st.st_rdev != null_st.st_rdev ||
        !S_ISCHR(st.st_mode))
      return 10 + fd;
  }
  if (argc > 1 && fcntl(3, F_GETFD) != -1) return 20;
  return 0;
}

/* Exit 0 when this process leads its own session, 1 otherwise. */
HELPER_IMPL(spawn_helper_session) {
  return getsid(0) == getpid() ? 0 : 1;
}

/* Exit 0 when signals start clean: default dispositions, empty mask. */
HELPER_IMPL(spawn_helper_sigstate) {
  struct sigaction sa;
  sigset_t mask;
  int sigs[] = {SIGPIPE, SIGUSR1, SIGUSR2, SIGCHLD, SIGINT};
  size_t i;
  if (sigprocmask(SIG_SETMASK, NULL, &mask) != 0) return 1;
  for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
    if (sigismember(&mask, sigs[i])) return 10 + (int) i;
    if (sigaction(sigs[i], NULL, &sa) != 0) return 2;
    if (sa.sa_handler != SIG_DFL) return 20 + (int) i;
  }
  return 0;
}

/* Writes "fd3" to descriptor 3. */
HELPER_IMPL(spawn_helper_fd3) {
  return write(3, "fd3", 3) == 3 ? 0 : 1;
}

/* ---- shared test plumbing ---- */

static int64_t exit_status;
static int term_signal;
static int exit_calls;

static void exit_cb(lode_process_t* p, int64_t status, int signal) {
  exit_calls++;
  exit_status = status;
  term_signal = signal;
  ASSERT(!lode_is_active((lode_handle_t*) p));
  lode_close((lode_handle_t*) p, NULL);
}

static void exit_cb_no_close(lode_process_t* p, int64_t status, int signal) {
  exit_calls++;
  exit_status = status;
  term_signal = signal;
}

static void reset_exit(void) {
  exit_calls = 0;
  exit_status = -1;
  term_signal = -1;
}

static void init_options(lode_process_options_t* o, char** args) {
  memset(o, 0, sizeof(*o));
  o->file = args[0];
  o->args = args;
  o->exit_cb = exit_cb;
}

/* Closes a handle whose spawn failed and runs its close callback, so the
 * struct may be reused. */
static void close_failed(lode_process_t* p) {
  lode_loop_t* loop = p->loop;
  ASSERT(!lode_is_active((lode_handle_t*) p));
  lode_close((lode_handle_t*) p, NULL);
  ASSERT_OK(lode_run(loop, LODE_RUN_DEFAULT));
}

/* Nothing left to reap in this test process. */
static void assert_no_children(void) {
  errno = 0;
  ASSERT_EQ(waitpid(-1, NULL, WNOHANG), -1);
  ASSERT_EQ(errno, ECHILD);
}

static char* write_file(const char* name, const char* text, int mode) {
  static char path[4][PATH_MAX];
  static int next;
  char* p = path[next++ % 4];
  int fd;
  snprintf(p, PATH_MAX, "%s/%s", test_tmpdir(), name);
  fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, mode);
  ASSERT(fd >= 0);
  ASSERT_EQ(write(fd, text, strlen(text)), (int64_t) strlen(text));
  ASSERT_OK(close(fd));
  ASSERT_OK(chmod(p, (mode_t) mode));
  return p;
}

/* Sets the fork+exec path: LODE_PROCESS_SETGID to our own group, which
 * every user may do. */
static void use_fork_path(lode_process_options_t* o) {
  o->flags |= LODE_PROCESS_SETGID;
  o->gid = getgid();
}

/* ---- exec errors ---- */

static int spawn_enoent(int fork_path) {
  lode_loop_t loop;
  lode_process_t proc;
  lode_process_options_t o;
  char* args[] = {"lode-no-such-command-4242", NULL};
  char* args2[] = {"/nonexistent/dir/cmd", NULL};

  ASSERT_OK(lode_loop_init(&loop));
  init_options(&o, args);
  if (fork_path) use_fork_path(&o);
  ASSERT_ERR(lode_spawn(&loop, &proc, &o), LODE_ENOENT);
  ASSERT(!lode_is_active((lode_handle_t*) &proc));
  close_failed(&proc);

  init_options(&o, args2);
  if (fork_path) use_fork_path(&o);
  ASSERT_ERR(lode_spawn(&loop, &proc, &o), LODE_ENOENT);
  close_failed(&proc);

  ASSERT_OK(lode_run(&loop, LODE_RUN_DEFAULT));
  assert_no_children();
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

TEST_IMPL(spawn_enoent) {
  return spawn_enoent(0);
}

TEST_IMPL(spawn_enoent_fork_path) {
  return spawn_enoent(1);
}

static int spawn_eacces(int fork_path) {
  lode_loop_t loop;
  lode_process_t proc;
  lode_process_options_t o;
  char* path = write_file("not-executable", "#!/bin/sh\nexit 0\n", 0644);
  char* args[] = {path, NULL};

  ASSERT_OK(lode_loop_init(&loop));
  init_options(&o, args);
  if (fork_path) use_fork_path(&o);
  ASSERT_ERR(lode_spawn(&loop, &proc, &o), LODE_EACCES);
  close_failed(&proc);
  ASSERT_OK(lode_run(&loop, LODE_RUN_DEFAULT));
  assert_no_children();
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

TEST_IMPL(spawn_eacces) {
  return spawn_eacces(0);
}

TEST_IMPL(spawn_eacces_fork_path) {
  return spawn_eacces(1);
}

TEST_IMPL(spawn_invalid_options) {
  lode_loop_t loop;
  lode_process_t proc;
  lode_process_options_t o;
  lode_stdio_container_t stdio[1];
  char* args[] = {"sh", "-c", "exit 0", NULL};

  ASSERT_OK(lode_loop_init(&loop));
  init_options(&o, args);
  o.file = NULL;
  ASSERT_ERR(lode_spawn(&loop, &proc, &o), LODE_EINVAL);
  close_failed(&proc);

  init_options(&o, args);
  stdio[0].flags = LODE_CREATE_PIPE;
  stdio[0].data.stream = NULL;
  o.stdio = stdio;
  o.stdio_count = 1;
  ASSERT_ERR(lode_spawn(&loop, &proc, &o), LODE_EINVAL);
  close_failed(&proc);

  ASSERT_OK(lode_run(&loop, LODE_RUN_DEFAULT));
  assert_no_children();
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

/* ---- exit status and signals ---- */

static int spawn_exit_code(int fork_path) {
  lode_loop_t loop;
  lode_process_t proc;
  lode_process_options_t o;
  char* args[] = {"sh", "-c", "exit 3", NULL};
  int pid;

  reset_exit();
  ASSERT_OK(lode_loop_init(&loop));
  init_options(&o, args);
  if (fork_path) use_fork_path(&o);
  ASSERT_OK(lode_spawn(&loop, &proc, &o));
  pid = lode_process_get_pid(&proc);
  ASSERT_GT(pid, 0);
  ASSERT_EQ(proc.pid, pid);
  ASSERT(lode_is_active((lode_handle_t*) &proc));
  ASSERT_OK(lode_run(&loop, LODE_RUN_DEFAULT));
  ASSERT_EQ(exit_calls, 1);
  ASSERT_EQ(exit_status, 3);
  ASSERT_EQ(term_signal, 0);
  /* Reaped: no zombie with that pid. */
  errno = 0;
  ASSERT_EQ(waitpid(pid, NULL, WNOHANG), -1);
  ASSERT_EQ(errno, ECHILD);
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

TEST_IMPL(spawn_exit_code) {
  return spawn_exit_code(0);
}

TEST_IMPL(spawn_exit_code_fork_path) {
  return spawn_exit_code(1);
}

static void kill_exit_cb(lode_process_t* p, int64_t status, int signal) {
  exit_cb_no_close(p, status, signal);
  /* The pid is no longer ours to signal. */
  ASSERT_ERR(lode_process_kill(p, SIGTERM), LODE_ESRCH);
  errno = 0;
  ASSERT_EQ(waitpid(p->pid, NULL, WNOHANG), -1);
  ASSERT_EQ(errno, ECHILD);
  lode_close((lode_handle_t*) p, NULL);
}

static int spawn_kill(int signum) {
  lode_loop_t loop;
  lode_process_t proc;
  lode_process_options_t o;
  char* args[] = {(char*) test_exe_path, "--helper", "spawn_helper_pause",
                  NULL};

  reset_exit();
  ASSERT_OK(lode_loop_init(&loop));
  init_options(&o, args);
  o.exit_cb = kill_exit_cb;
  ASSERT_OK(lode_spawn(&loop, &proc, &o));
  ASSERT_OK(lode_kill(proc.pid, 0)); /* alive */
  ASSERT_OK(lode_process_kill(&proc, signum));
  ASSERT_OK(lode_run(&loop, LODE_RUN_DEFAULT));
  ASSERT_EQ(exit_calls, 1);
  ASSERT_EQ(term_signal, signum);
  ASSERT_EQ(exit_status, 0);
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

TEST_IMPL(spawn_kill_sigterm) {
  return spawn_kill(SIGTERM);
}

TEST_IMPL(spawn_kill_sigkill) {
  return spawn_kill(SIGKILL);
}

TEST_IMPL(process_kill_errors) {
  ASSERT_ERR(lode_kill(INT_MAX, 0), LODE_ESRCH);
  ASSERT_ERR(lode_kill(getpid(), 100000), LODE_EINVAL);
  ASSERT_OK(lode_kill(getpid(), 0));
  return 0;
}

/* ---- stdio ---- */

TEST_IMPL(spawn_stdio_ignore) {
  lode_loop_t loop;
  lode_process_t proc;
  lode_process_options_t o;
  lode_stdio_container_t stdio[4];
  char* args[] = {(char*) test_exe_path, "--helper", "spawn_helper_devnull",
                  "check-fd3", NULL};
  int i, fd;

  reset_exit();
  ASSERT_OK(lode_loop_init(&loop));
  /* An fd 3 open in the parent without close-on-exec must not reach the
   * child when stdio[3] is ignored. */
  fd = open("/dev/null", O_RDONLY);
  ASSERT(fd >= 0);
  if (fd != 3) {
    ASSERT_EQ(dup2(fd, 3), 3);
    close(fd);
  }
  init_options(&o, args);
  for (i = 0; i < 4; i++) stdio[i].flags = LODE_IGNORE;
  o.stdio = stdio;
  o.stdio_count = 4;
  ASSERT_OK(lode_spawn(&loop, &proc, &o));
  ASSERT_OK(lode_run(&loop, LODE_RUN_DEFAULT));
  ASSERT_EQ(exit_calls, 1);
  ASSERT_EQ(exit_status, 0);
  close(3);
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

/* stdio_count 0: the three standard descriptors are /dev/null too. */
TEST_IMPL(spawn_stdio_default_devnull) {
  lode_loop_t loop;
  lode_process_t proc;
  lode_process_options_t o;
  char* args[] = {(char*) test_exe_path, "--helper", "spawn_helper_devnull",
                  NULL};

  reset_exit();
  ASSERT_OK(lode_loop_init(&loop));
  init_options(&o, args);
  ASSERT_OK(lode_spawn(&loop, &proc, &o));
  ASSERT_OK(lode_run(&loop, LODE_RUN_DEFAULT));
  ASSERT_EQ(exit_calls, 1);
  ASSERT_EQ(exit_status, 0);
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

static void read_whole(const char* path, char* buf, size_t size) {
  int fd = open(path, O_RDONLY);
  ssize_t n;
  ASSERT(fd >= 0);
  n = read(fd, buf, size - 1);
  ASSERT(n >= 0);
  buf[n] = '\0';
  close(fd);
}

static int spawn_inherit_fd(int fork_path) {
  lode_loop_t loop;
  lode_process_t proc;
  lode_process_options_t o;
  lode_stdio_container_t stdio[3];
  char* args[] = {"sh", "-c", "echo out; echo err >&2", NULL};
  char path[PATH_MAX];
  char text[64];
  int fd;

  reset_exit();
  snprintf(path, sizeof(path), "%s/inherit.txt", test_tmpdir());
  fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  ASSERT(fd >= 0);
  ASSERT_OK(lode_loop_init(&loop));
  init_options(&o, args);
  if (fork_path) use_fork_path(&o);
  stdio[0].flags = LODE_IGNORE;
  stdio[1].flags = LODE_INHERIT_FD;
  stdio[1].data.fd = fd;
  stdio[2].flags = LODE_INHERIT_FD;
  stdio[2].data.fd = fd;
  o.stdio = stdio;
  o.stdio_count = 3;
  ASSERT_OK(lode_spawn(&loop, &proc, &o));
  ASSERT_OK(lode_run(&loop, LODE_RUN_DEFAULT));
  ASSERT_EQ(exit_calls, 1);
  ASSERT_EQ(exit_status, 0);
  close(fd);
  read_whole(path, text, sizeof(text));
  ASSERT_STR_EQ(text, "out\nerr\n");
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

TEST_IMPL(spawn_stdio_inherit_fd) {
  return spawn_inherit_fd(0);
}

TEST_IMPL(spawn_stdio_inherit_fd_fork_path) {
  return spawn_inherit_fd(1);
}

/* Child fd 8 from parent fd 9 and child fd 9 from parent fd 8: a
 * naive dup2 sequence would send both to the same file. (fds below 10:
 * dash redirects single-digit descriptors only.) */
static int spawn_crossed(int fork_path) {
  lode_loop_t loop;
  lode_process_t proc;
  lode_process_options_t o;
  lode_stdio_container_t stdio[10];
  char* args[] = {"sh", "-c", "echo eight >&8; echo nine >&9", NULL};
  char a_path[PATH_MAX], b_path[PATH_MAX];
  char text[64];
  int i, a, b;

  reset_exit();
  snprintf(a_path, sizeof(a_path), "%s/a.txt", test_tmpdir());
  snprintf(b_path, sizeof(b_path), "%s/b.txt", test_tmpdir());
  a = open(a_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  b = open(b_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  ASSERT(a >= 0 && b >= 0);
  ASSERT_EQ(dup2(a, 8), 8);
  ASSERT_EQ(dup2(b, 9), 9);
  close(a);
  close(b);

  ASSERT_OK(lode_loop_init(&loop));
  init_options(&o, args);
  if (fork_path) use_fork_path(&o);
  for (i = 0; i < 8; i++) stdio[i].flags = LODE_IGNORE;
  stdio[8].flags = LODE_INHERIT_FD;
  stdio[8].data.fd = 9;
  stdio[9].flags = LODE_INHERIT_FD;
  stdio[9].data.fd = 8;
  o.stdio = stdio;
  o.stdio_count = 10;
  ASSERT_OK(lode_spawn(&loop, &proc, &o));
  ASSERT_OK(lode_run(&loop, LODE_RUN_DEFAULT));
  ASSERT_EQ(exit_calls, 1);
  ASSERT_EQ(exit_status, 0);
  close(8);
  close(9);
  read_whole(a_path, text, sizeof(text));
  ASSERT_STR_EQ(text, "nine\n");
  read_whole(b_path, text, sizeof(text));
  ASSERT_STR_EQ(text, "eight\n");
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

TEST_IMPL(spawn_stdio_crossed_fds) {
  return spawn_crossed(0);
}

TEST_IMPL(spawn_stdio_crossed_fds_fork_path) {
  return spawn_crossed(1);
}

/* -- pipes: the child echoes stdin to stdout -- */

#define ECHO_SIZE (256 * 1024)

static lode_pipe_t echo_in, echo_out;
static char* echo_sent;
static char* echo_got;
static size_t echo_len;
static int echo_eof, echo_write_cbs, echo_shutdown_cbs;
static char echo_chunk[65536];

static void echo_alloc(lode_handle_t* h, size_t size, lode_buf_t* buf) {
  buf->base = echo_chunk;
  buf->len = sizeof(echo_chunk);
}

static void echo_read(lode_stream_t* s, lode_ssize_t nread,
                      const lode_buf_t* buf) {
  if (nread > 0) {
    ASSERT_LE(echo_len + (size_t) nread, ECHO_SIZE);
    memcpy(echo_got + echo_len, buf->base, (size_t) nread);
    echo_len += (size_t) nread;
    return;
  }
  if (nread == 0) return;
  ASSERT_ERR(nread, LODE_EOF);
  echo_eof++;
  lode_close((lode_handle_t*) s, NULL);
}

static void echo_write_cb(lode_write_t* req, int status) {
  ASSERT_OK(status);
  echo_write_cbs++;
}

static void echo_shutdown_cb(lode_shutdown_t* req, int status) {
  ASSERT_OK(status);
  echo_shutdown_cbs++;
  lode_close((lode_handle_t*) req->handle, NULL);
}

TEST_IMPL(spawn_stdio_pipe_echo) {
  lode_loop_t loop;
  lode_process_t proc;
  lode_process_options_t o;
  lode_stdio_container_t stdio[3];
  lode_write_t wreq;
  lode_shutdown_t sreq;
  lode_buf_t buf;
  char* args[] = {(char*) test_exe_path, "--helper", "spawn_helper_echo",
                  NULL};
  size_t i;

  reset_exit();
  echo_sent = malloc(ECHO_SIZE);
  echo_got = malloc(ECHO_SIZE);
  ASSERT_NOT_NULL(echo_sent);
  ASSERT_NOT_NULL(echo_got);
  for (i = 0; i < ECHO_SIZE; i++)
    echo_sent[i] = (char) ((i * 7 + (i >> 9)) & 0xFF);

  ASSERT_OK(lode_loop_init(&loop));
  ASSERT_OK(lode_pipe_init(&loop, &echo_in, 0));
  ASSERT_OK(lode_pipe_init(&loop, &echo_out, 0));
  init_options(&o, args);
  stdio[0].flags = LODE_CREATE_PIPE | LODE_READABLE_PIPE;
  stdio[0].data.stream = (lode_stream_t*) &echo_in;
  stdio[1].flags = LODE_CREATE_PIPE | LODE_WRITABLE_PIPE;
  stdio[1].data.stream = (lode_stream_t*) &echo_out;
  stdio[2].flags = LODE_INHERIT_FD;
  stdio[2].data.fd = 2;
  o.stdio = stdio;
  o.stdio_count = 3;
  ASSERT_OK(lode_spawn(&loop, &proc, &o));

  ASSERT(lode_is_writable((lode_stream_t*) &echo_in));
  ASSERT(lode_is_readable((lode_stream_t*) &echo_out));
  ASSERT_OK(lode_read_start((lode_stream_t*) &echo_out, echo_alloc,
                            echo_read));
  buf = lode_buf_init(echo_sent, ECHO_SIZE);
  ASSERT_OK(lode_write(&wreq, (lode_stream_t*) &echo_in, &buf, 1,
                       echo_write_cb));
  ASSERT_OK(lode_shutdown(&sreq, (lode_stream_t*) &echo_in,
                          echo_shutdown_cb));
  ASSERT_OK(lode_run(&loop, LODE_RUN_DEFAULT));

  ASSERT_EQ(exit_calls, 1);
  ASSERT_EQ(exit_status, 0);
  ASSERT_EQ(term_signal, 0);
  ASSERT_EQ(echo_write_cbs, 1);
  ASSERT_EQ(echo_shutdown_cbs, 1);
  ASSERT_EQ(echo_eof, 1);
  ASSERT_UINT64_EQ(echo_len, ECHO_SIZE);
  ASSERT(memcmp(echo_sent, echo_got, ECHO_SIZE) == 0);
  free(echo_sent);
  free(echo_got);
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

/* A pipe on a descriptor above 2. */
static lode_pipe_t fd3_pipe;
static char fd3_text[16];
static size_t fd3_len;

static void fd3_read(lode_stream_t* s, lode_ssize_t nread,
                     const lode_buf_t* buf) {
  if (nread > 0) {
    ASSERT_LE(fd3_len + (size_t) nread, sizeof(fd3_text) - 1);
    memcpy(fd3_text + fd3_len, buf->base, (size_t) nread);
    fd3_len += (size_t) nread;
  } else if (nread < 0) {
    ASSERT_ERR(nread, LODE_EOF);
    lode_close((lode_handle_t*) s, NULL);
  }
}

TEST_IMPL(spawn_stdio_pipe_fd3) {
  lode_loop_t loop;
  lode_process_t proc;
  lode_process_options_t o;
  lode_stdio_container_t stdio[4];
  char* args[] = {(char*) test_exe_path, "--helper", "spawn_helper_fd3",
                  NULL};

  reset_exit();
  ASSERT_OK(lode_loop_init(&loop));
  ASSERT_OK(lode_pipe_init(&loop, &fd3_pipe, 0));
  init_options(&o, args);
  stdio[0].flags = LODE_IGNORE;
  stdio[1].flags = LODE_IGNORE;
  stdio[2].flags = LODE_INHERIT_FD;
  stdio[2].data.fd = 2;
  stdio[3].flags = LODE_CREATE_PIPE | LODE_WRITABLE_PIPE;
  stdio[3].data.stream = (lode_stream_t*) &fd3_pipe;
  o.stdio = stdio;
  o.stdio_count = 4;
  ASSERT_OK(lode_spawn(&loop, &proc, &o));
  ASSERT_OK(lode_read_start((lode_stream_t*) &fd3_pipe, echo_alloc,
                            fd3_read));
  ASSERT_OK(lode_run(&loop, LODE_RUN_DEFAULT));
  ASSERT_EQ(exit_calls, 1);
  ASSERT_EQ(exit_status, 0);
  ASSERT_STR_EQ(fd3_text, "fd3");
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

/* A pipe whose socket gets a number below stdio_count (64 entries): the
 * child's end is copied out of the way before the dup2()s, where with few
 * entries it is used as it is. */
TEST_IMPL(spawn_stdio_pipe_many_fds) {
  lode_loop_t loop;
  lode_process_t proc;
  lode_process_options_t o;
  lode_stdio_container_t stdio[64];
  char* args[] = {(char*) test_exe_path, "--helper", "spawn_helper_fd3",
                  NULL};
  int i;

  reset_exit();
  fd3_len = 0;
  memset(fd3_text, 0, sizeof(fd3_text));
  ASSERT_OK(lode_loop_init(&loop));
  ASSERT_OK(lode_pipe_init(&loop, &fd3_pipe, 0));
  init_options(&o, args);
  for (i = 0; i < 64; i++) stdio[i].flags = LODE_IGNORE;
  stdio[2].flags = LODE_INHERIT_FD;
  stdio[2].data.fd = 2;
  stdio[3].flags = LODE_CREATE_PIPE | LODE_WRITABLE_PIPE;
  stdio[3].data.stream = (lode_stream_t*) &fd3_pipe;
  o.stdio = stdio;
  o.stdio_count = 64;
  ASSERT_OK(lode_spawn(&loop, &proc, &o));
  ASSERT_OK(lode_read_start((lode_stream_t*) &fd3_pipe, echo_alloc,
                            fd3_read));
  ASSERT_OK(lode_run(&loop, LODE_RUN_DEFAULT));
  ASSERT_EQ(exit_calls, 1);
  ASSERT_EQ(exit_status, 0);
  ASSERT_STR_EQ(fd3_text, "fd3");
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

/* INHERIT_STREAM: the child writes into a stream's descriptor. */
TEST_IMPL(spawn_stdio_inherit_stream) {
  lode_loop_t loop;
  lode_process_t proc;
  lode_process_options_t o;
  lode_stdio_container_t stdio[2];
  lode_pipe_t pipe;
  char* args[] = {"sh", "-c", "printf from-child", NULL};
  int sv[2];
  char text[32];
  ssize_t n;

  reset_exit();
  ASSERT_OK(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv));
  ASSERT_OK(lode_loop_init(&loop));
  ASSERT_OK(lode_pipe_init(&loop, &pipe, 0));
  ASSERT_OK(lode_pipe_open(&pipe, sv[0]));
  init_options(&o, args);
  stdio[0].flags = LODE_IGNORE;
  stdio[1].flags = LODE_INHERIT_STREAM;
  stdio[1].data.stream = (lode_stream_t*) &pipe;
  o.stdio = stdio;
  o.stdio_count = 2;
  ASSERT_OK(lode_spawn(&loop, &proc, &o));
  ASSERT_OK(lode_run(&loop, LODE_RUN_DEFAULT)); /* pipe is idle */
  ASSERT_EQ(exit_calls, 1);
  ASSERT_EQ(exit_status, 0);
  lode_close((lode_handle_t*) &pipe, NULL);
  ASSERT_LOOP_CLOSED(&loop);
  n = read(sv[1], text, sizeof(text) - 1);
  ASSERT_EQ(n, 10);
  text[n] = '\0';
  ASSERT_STR_EQ(text, "from-child");
  close(sv[1]);
  return 0;
}

/* ---- environment, cwd, session, signals ---- */

TEST_IMPL(spawn_env) {
  lode_loop_t loop;
  lode_process_t proc;
  lode_process_options_t o;
  char* args[] = {"sh", "-c",
                  "if [ -n \"$LODE_PARENT_ONLY\" ]; then exit 1; fi; "
                  "exit $LODE_TEST_VAR",
                  NULL};
  char* env[] = {"LODE_TEST_VAR=42", NULL};

  reset_exit();
  ASSERT_OK(setenv("LODE_PARENT_ONLY", "1", 1));
  ASSERT_OK(lode_loop_init(&loop));
  init_options(&o, args);
  o.env = env;
  ASSERT_OK(lode_spawn(&loop, &proc, &o));
  ASSERT_OK(lode_run(&loop, LODE_RUN_DEFAULT));
  ASSERT_EQ(exit_calls, 1);
  ASSERT_EQ(exit_status, 42);

  /* Without env, the parent's environment is inherited. */
  reset_exit();
  init_options(&o, args);
  ASSERT_OK(setenv("LODE_TEST_VAR", "17", 1));
  ASSERT_OK(unsetenv("LODE_PARENT_ONLY"));
  ASSERT_OK(lode_spawn(&loop, &proc, &o));
  ASSERT_OK(lode_run(&loop, LODE_RUN_DEFAULT));
  ASSERT_EQ(exit_status, 17);
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

/* The command is searched in the PATH of options->env, with execvpe's
 * rules: a non-executable match is skipped (EACCES if nothing better). */
TEST_IMPL(spawn_path_from_env) {
  lode_loop_t loop;
  lode_process_t proc;
  lode_process_options_t o;
  char d1[PATH_MAX], d2[PATH_MAX], path_var[2 * PATH_MAX + 8];
  char* args[] = {"lode-probe", NULL};
  char* env[] = {path_var, NULL};

  reset_exit();
  snprintf(d1, sizeof(d1), "%s/d1", test_tmpdir());
  snprintf(d2, sizeof(d2), "%s/d2", test_tmpdir());
  ASSERT_OK(mkdir(d1, 0755));
  ASSERT_OK(mkdir(d2, 0755));
  write_file("d1/lode-probe", "#!/bin/sh\nexit 1\n", 0644);
  write_file("d2/lode-probe", "#!/bin/sh\nexit 9\n", 0755);

  ASSERT_OK(lode_loop_init(&loop));
  snprintf(path_var, sizeof(path_var), "PATH=%s:%s", d1, d2);
  init_options(&o, args);
  o.env = env;
  ASSERT_OK(lode_spawn(&loop, &proc, &o));
  ASSERT_OK(lode_run(&loop, LODE_RUN_DEFAULT));
  ASSERT_EQ(exit_calls, 1);
  ASSERT_EQ(exit_status, 9);

  /* Only the non-executable one on the PATH. */
  snprintf(path_var, sizeof(path_var), "PATH=%s", d1);
  ASSERT_ERR(lode_spawn(&loop, &proc, &o), LODE_EACCES);
  close_failed(&proc);
  /* Not on the PATH at all (the parent's PATH does not have it either). */
  snprintf(path_var, sizeof(path_var), "PATH=/nonexistent-dir");
  ASSERT_ERR(lode_spawn(&loop, &proc, &o), LODE_ENOENT);
  close_failed(&proc);
  o.env = NULL;
  ASSERT_ERR(lode_spawn(&loop, &proc, &o), LODE_ENOENT);
  close_failed(&proc);
  ASSERT_OK(lode_run(&loop, LODE_RUN_DEFAULT));
  assert_no_children();
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

static int spawn_cwd(int fork_path) {
  lode_loop_t loop;
  lode_process_t proc;
  lode_process_options_t o;
  char real[PATH_MAX];
  char* args[] = {"sh", "-c", "test -f marker && test \"$(pwd -P)\" = \"$0\"",
                  real, NULL};
  char missing[PATH_MAX];

  reset_exit();
  write_file("marker", "", 0644);
  ASSERT_NOT_NULL(realpath(test_tmpdir(), real));
  ASSERT_OK(lode_loop_init(&loop));
  init_options(&o, args);
  if (fork_path) use_fork_path(&o);
  o.cwd = test_tmpdir();
  ASSERT_OK(lode_spawn(&loop, &proc, &o));
  ASSERT_OK(lode_run(&loop, LODE_RUN_DEFAULT));
  ASSERT_EQ(exit_calls, 1);
  ASSERT_EQ(exit_status, 0);

  /* A missing cwd fails the spawn, leaving no child. */
  snprintf(missing, sizeof(missing), "%s/missing", test_tmpdir());
  o.cwd = missing;
  ASSERT_ERR(lode_spawn(&loop, &proc, &o), LODE_ENOENT);
  close_failed(&proc);
  ASSERT_OK(lode_run(&loop, LODE_RUN_DEFAULT));
  assert_no_children();
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

TEST_IMPL(spawn_cwd) {
  return spawn_cwd(0);
}

TEST_IMPL(spawn_cwd_fork_path) {
  return spawn_cwd(1);
}

TEST_IMPL(spawn_detached_session) {
  lode_loop_t loop;
  lode_process_t proc;
  lode_process_options_t o;
  char* args[] = {(char*) test_exe_path, "--helper", "spawn_helper_session",
                  NULL};

  ASSERT_OK(lode_loop_init(&loop));
  /* Not detached: the parent's session. */
  reset_exit();
  init_options(&o, args);
  ASSERT_OK(lode_spawn(&loop, &proc, &o));
  ASSERT_OK(lode_run(&loop, LODE_RUN_DEFAULT));
  ASSERT_EQ(exit_status, 1);
  /* Detached: its own. */
  reset_exit();
  o.flags = LODE_PROCESS_DETACHED;
  ASSERT_OK(lode_spawn(&loop, &proc, &o));
  ASSERT_OK(lode_run(&loop, LODE_RUN_DEFAULT));
  ASSERT_EQ(exit_calls, 1);
  ASSERT_EQ(exit_status, 0);
  /* Same through fork+exec. */
  reset_exit();
  use_fork_path(&o);
  ASSERT_OK(lode_spawn(&loop, &proc, &o));
  ASSERT_OK(lode_run(&loop, LODE_RUN_DEFAULT));
  ASSERT_EQ(exit_status, 0);
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

static void never_signal_cb(lode_signal_t* h, int signum) {
}

static int spawn_sigstate(int fork_path) {
  lode_loop_t loop;
  lode_process_t proc;
  lode_process_options_t o;
  lode_signal_t sig;
  sigset_t set, old;
  char* args[] = {(char*) test_exe_path, "--helper", "spawn_helper_sigstate",
                  NULL};

  reset_exit();
  ASSERT_OK(lode_loop_init(&loop));
  /* Parent state a child must not inherit: SIGPIPE ignored (the runner
   * does that), SIGUSR1 blocked, SIGUSR2 and SIGINT caught. */
  signal(SIGPIPE, SIG_IGN);
  signal(SIGINT, SIG_IGN);
  sigemptyset(&set);
  sigaddset(&set, SIGUSR1);
  ASSERT_OK(sigprocmask(SIG_BLOCK, &set, &old));
  ASSERT_OK(lode_signal_init(&loop, &sig));
  ASSERT_OK(lode_signal_start(&sig, never_signal_cb, SIGUSR2));
  lode_unref((lode_handle_t*) &sig);
  init_options(&o, args);
  if (fork_path) use_fork_path(&o);
  ASSERT_OK(lode_spawn(&loop, &proc, &o));
  ASSERT_OK(lode_run(&loop, LODE_RUN_DEFAULT));
  ASSERT_EQ(exit_calls, 1);
  ASSERT_EQ(exit_status, 0);
  ASSERT_OK(sigprocmask(SIG_SETMASK, &old, NULL));
  signal(SIGINT, SIG_DFL);
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

TEST_IMPL(spawn_child_signals_clean) {
  return spawn_sigstate(0);
}

TEST_IMPL(spawn_child_signals_clean_fork_path) {
  return spawn_sigstate(1);
}

TEST_IMPL(spawn_setuid_setgid) {
  lode_loop_t loop;
  lode_process_t proc;
  lode_process_options_t o;
  char* args[] = {"sh", "-c",
                  "test \"$(id -u)\" = 65534 && test \"$(id -g)\" = 65534",
                  NULL};

  if (getuid() != 0) {
    printf("needs root\n");
    return TEST_SKIP;
  }
  reset_exit();
  ASSERT_OK(lode_loop_init(&loop));
  init_options(&o, args);
  o.flags = LODE_PROCESS_SETUID | LODE_PROCESS_SETGID;
  o.uid = 65534;
  o.gid = 65534;
  ASSERT_OK(lode_spawn(&loop, &proc, &o));
  ASSERT_OK(lode_run(&loop, LODE_RUN_DEFAULT));
  ASSERT_EQ(exit_calls, 1);
  ASSERT_EQ(exit_status, 0);
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

/* ---- many children, reaping, ownership ---- */

static int seq_count;
static lode_process_options_t seq_options;
static lode_process_t seq_proc;

static void seq_close_cb(lode_handle_t* h);

static void seq_exit_cb(lode_process_t* p, int64_t status, int signal) {
  ASSERT_EQ(status, 0);
  ASSERT_EQ(signal, 0);
  errno = 0;
  ASSERT_EQ(waitpid(p->pid, NULL, WNOHANG), -1);
  ASSERT_EQ(errno, ECHILD);
  lode_close((lode_handle_t*) p, seq_close_cb);
}

static void seq_close_cb(lode_handle_t* h) {
  /* The handle's memory is reusable from here on. */
  if (++seq_count < 100)
    ASSERT_OK(lode_spawn(h->loop, &seq_proc, &seq_options));
}

TEST_IMPL(spawn_100_sequential) {
  lode_loop_t loop;
  char* args[] = {"true", NULL};

  ASSERT_OK(lode_loop_init(&loop));
  init_options(&seq_options, args);
  seq_options.exit_cb = seq_exit_cb;
  ASSERT_OK(lode_spawn(&loop, &seq_proc, &seq_options));
  ASSERT_OK(lode_run(&loop, LODE_RUN_DEFAULT));
  ASSERT_EQ(seq_count, 100);
  assert_no_children();
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

/* Many at once: one SIGCHLD may stand for several exits. */
#define CONCURRENT 20
static int concurrent_exits[CONCURRENT];

static void concurrent_exit_cb(lode_process_t* p, int64_t status, int sig) {
  int i = (int) (intptr_t) p->data;
  ASSERT_EQ(status, i);
  concurrent_exits[i]++;
  lode_close((lode_handle_t*) p, NULL);
}

TEST_IMPL(spawn_concurrent_exits) {
  lode_loop_t loop;
  lode_process_t procs[CONCURRENT];
  lode_process_options_t o;
  char code[CONCURRENT][16];
  char* args[CONCURRENT][5];
  int i;

  ASSERT_OK(lode_loop_init(&loop));
  for (i = 0; i < CONCURRENT; i++) {
    snprintf(code[i], sizeof(code[i]), "%d", i);
    args[i][0] = "sh";
    args[i][1] = "-c";
    args[i][2] = "exit $0";
    args[i][3] = code[i];
    args[i][4] = NULL;
    init_options(&o, args[i]);
    o.exit_cb = concurrent_exit_cb;
    procs[i].data = (void*) (intptr_t) i;
    ASSERT_OK(lode_spawn(&loop, &procs[i], &o));
    procs[i].data = (void*) (intptr_t) i;
  }
  ASSERT_OK(lode_run(&loop, LODE_RUN_DEFAULT));
  for (i = 0; i < CONCURRENT; i++) ASSERT_EQ(concurrent_exits[i], 1);
  assert_no_children();
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

/* A handle closed while its child runs: the loop does not wait for it,
 * nothing leaks, and the child is still reaped once it exits. */
TEST_IMPL(spawn_close_before_exit) {
  lode_loop_t loop;
  lode_process_t orphan, other;
  lode_process_options_t o;
  char* pause_args[] = {(char*) test_exe_path, "--helper",
                        "spawn_helper_pause", NULL};
  char* true_args[] = {"true", NULL};
  siginfo_t info;
  int pid;

  reset_exit();
  ASSERT_OK(lode_loop_init(&loop));
  init_options(&o, pause_args);
  o.exit_cb = exit_cb; /* must never run */
  ASSERT_OK(lode_spawn(&loop, &orphan, &o));
  pid = orphan.pid;
  lode_close((lode_handle_t*) &orphan, NULL);
  ASSERT_OK(lode_run(&loop, LODE_RUN_DEFAULT)); /* returns: not waited on */
  ASSERT_OK(lode_kill(pid, 0));

  ASSERT_OK(kill(pid, SIGKILL));
  /* Wait until it is a zombie without reaping it: its SIGCHLD has then
   * been handled (the byte is in the loop's signal pipe). */
  memset(&info, 0, sizeof(info));
  ASSERT_OK(waitid(P_PID, (id_t) pid, &info, WEXITED | WNOWAIT));
  /* Another child makes the loop run; by its exit the orphan is gone. */
  init_options(&o, true_args);
  o.exit_cb = exit_cb;
  ASSERT_OK(lode_spawn(&loop, &other, &o));
  ASSERT_OK(lode_run(&loop, LODE_RUN_DEFAULT));
  ASSERT_EQ(exit_calls, 1);
  ASSERT_EQ(exit_status, 0);
  errno = 0;
  ASSERT_EQ(waitpid(pid, NULL, WNOHANG), -1);
  ASSERT_EQ(errno, ECHILD);
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

/* A child the loop did not spawn keeps its status for its owner. */
TEST_IMPL(spawn_foreign_child_not_reaped) {
  lode_loop_t loop;
  lode_process_t proc;
  lode_process_options_t o;
  char* args[] = {"sh", "-c", "exit 0", NULL};
  siginfo_t info;
  pid_t foreign;
  int status;

  reset_exit();
  ASSERT_OK(lode_loop_init(&loop));
  init_options(&o, args);
  ASSERT_OK(lode_spawn(&loop, &proc, &o)); /* SIGCHLD watcher now on */
  foreign = fork();
  ASSERT(foreign >= 0);
  if (foreign == 0) _exit(5);
  memset(&info, 0, sizeof(info));
  ASSERT_OK(waitid(P_PID, (id_t) foreign, &info, WEXITED | WNOWAIT));
  ASSERT_OK(lode_run(&loop, LODE_RUN_DEFAULT));
  ASSERT_EQ(exit_calls, 1);
  /* Still there for us. */
  ASSERT_EQ(waitpid(foreign, &status, WNOHANG), foreign);
  ASSERT(WIFEXITED(status));
  ASSERT_EQ(WEXITSTATUS(status), 5);
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

TEST_IMPL(spawn_unref_ref) {
  lode_loop_t loop;
  lode_process_t proc;
  lode_process_options_t o;
  char* args[] = {(char*) test_exe_path, "--helper", "spawn_helper_pause",
                  NULL};

  reset_exit();
  ASSERT_OK(lode_loop_init(&loop));
  init_options(&o, args);
  ASSERT_OK(lode_spawn(&loop, &proc, &o));
  lode_unref((lode_handle_t*) &proc);
  ASSERT_EQ(lode_run(&loop, LODE_RUN_DEFAULT), 0); /* does not wait */
  ASSERT_EQ(exit_calls, 0);
  lode_ref((lode_handle_t*) &proc);
  ASSERT_OK(lode_process_kill(&proc, SIGKILL));
  ASSERT_OK(lode_run(&loop, LODE_RUN_DEFAULT));
  ASSERT_EQ(exit_calls, 1);
  ASSERT_EQ(term_signal, SIGKILL);
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

/* Two loops spawn children; each reaps its own. */
TEST_IMPL(spawn_two_loops) {
  lode_loop_t a, b;
  lode_process_t pa, pb;
  lode_process_options_t o;
  char* args_a[] = {"sh", "-c", "exit 11", NULL};
  char* args_b[] = {"sh", "-c", "exit 12", NULL};
  siginfo_t info;

  ASSERT_OK(lode_loop_init(&a));
  ASSERT_OK(lode_loop_init(&b));
  init_options(&o, args_a);
  o.exit_cb = exit_cb_no_close;
  ASSERT_OK(lode_spawn(&a, &pa, &o));
  init_options(&o, args_b);
  o.exit_cb = exit_cb_no_close;
  ASSERT_OK(lode_spawn(&b, &pb, &o));
  /* Both exited (not reaped) before either loop runs. */
  ASSERT_OK(waitid(P_PID, (id_t) pa.pid, &info, WEXITED | WNOWAIT));
  ASSERT_OK(waitid(P_PID, (id_t) pb.pid, &info, WEXITED | WNOWAIT));
  reset_exit();
  ASSERT_OK(lode_run(&a, LODE_RUN_DEFAULT));
  ASSERT_EQ(exit_calls, 1);
  ASSERT_EQ(exit_status, 11);
  /* b's child is still b's to reap. */
  ASSERT_EQ(waitid(P_PID, (id_t) pb.pid, &info, WEXITED | WNOWAIT | WNOHANG),
            0);
  reset_exit();
  ASSERT_OK(lode_run(&b, LODE_RUN_DEFAULT));
  ASSERT_EQ(exit_calls, 1);
  ASSERT_EQ(exit_status, 12);
  assert_no_children();
  ASSERT_LOOP_CLOSED(&a);
  ASSERT_LOOP_CLOSED(&b);
  return 0;
}

/* Without an exit callback the handle still stays active until the child
 * is reaped, then goes inactive and lets the loop end. */
TEST_IMPL(spawn_no_exit_cb) {
  lode_loop_t loop;
  lode_process_t proc;
  lode_process_options_t o;
  char* args[] = {"sh", "-c", "exit 0", NULL};
  int pid;

  ASSERT_OK(lode_loop_init(&loop));
  init_options(&o, args);
  o.exit_cb = NULL;
  ASSERT_OK(lode_spawn(&loop, &proc, &o));
  pid = proc.pid;
  ASSERT(lode_is_active((lode_handle_t*) &proc));
  ASSERT_OK(lode_run(&loop, LODE_RUN_DEFAULT));
  ASSERT(!lode_is_active((lode_handle_t*) &proc));
  errno = 0;
  ASSERT_EQ(waitpid(pid, NULL, WNOHANG), -1);
  ASSERT_EQ(errno, ECHILD);
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

/* Exit 0 when none of the descriptors named in the arguments is open. */
HELPER_IMPL(spawn_helper_fds_closed) {
  int i;
  for (i = 1; i < argc; i++)
    if (fcntl(atoi(argv[i]), F_GETFD) != -1) return 10 + i;
  return 0;
}

/* The loop's own descriptors (backend, signal pipe, sockets, the parent
 * end of a stdio pipe) never reach a child. */
TEST_IMPL(spawn_no_fd_leak) {
  lode_loop_t loop;
  lode_process_t proc;
  lode_process_options_t o;
  lode_udp_t udp;
  lode_pipe_t pipe;
  lode_stdio_container_t stdio[2];
  lode_os_fd_t udp_fd, pipe_fd;
  struct sockaddr_in addr;
  char nums[5][16];
  char* args[9];
  int i;

  reset_exit();
  ASSERT_OK(lode_loop_init(&loop));
  ASSERT_OK(lode_udp_init(&loop, &udp));
  TEST_ADDR4(&addr, 0);
  ASSERT_OK(lode_udp_bind(&udp, (const struct sockaddr*) &addr, 0));
  ASSERT_OK(lode_fileno((lode_handle_t*) &udp, &udp_fd));
  ASSERT_OK(lode_pipe_init(&loop, &pipe, 0));
  /* A first child creates the SIGCHLD machinery and the signal pipe. */
  {
    char* true_args[] = {"true", NULL};
    init_options(&o, true_args);
    ASSERT_OK(lode_spawn(&loop, &proc, &o));
    ASSERT_OK(lode_run(&loop, LODE_RUN_DEFAULT));
    ASSERT_EQ(exit_calls, 1);
  }
  ASSERT_GE(loop.signal_pipefd[0], 0);
  snprintf(nums[0], sizeof(nums[0]), "%d", lode_backend_fd(&loop));
  snprintf(nums[1], sizeof(nums[1]), "%d", loop.signal_pipefd[0]);
  snprintf(nums[2], sizeof(nums[2]), "%d", loop.signal_pipefd[1]);
  snprintf(nums[3], sizeof(nums[3]), "%d", udp_fd);
  args[0] = (char*) test_exe_path;
  args[1] = "--helper";
  args[2] = "spawn_helper_fds_closed";
  for (i = 0; i < 4; i++) args[3 + i] = nums[i];
  args[7] = NULL;
  args[8] = NULL;

  reset_exit();
  init_options(&o, args);
  stdio[0].flags = LODE_IGNORE;
  stdio[1].flags = LODE_CREATE_PIPE | LODE_WRITABLE_PIPE;
  stdio[1].data.stream = (lode_stream_t*) &pipe;
  o.stdio = stdio;
  o.stdio_count = 2;
  /* The pipe's parent end exists only after the spawn: check it with a
   * second child that inherits nothing special. */
  ASSERT_OK(lode_spawn(&loop, &proc, &o));
  ASSERT_OK(lode_run(&loop, LODE_RUN_DEFAULT));
  ASSERT_EQ(exit_calls, 1);
  ASSERT_EQ(exit_status, 0);

  ASSERT_OK(lode_fileno((lode_handle_t*) &pipe, &pipe_fd));
  snprintf(nums[4], sizeof(nums[4]), "%d", pipe_fd);
  args[7] = nums[4];
  reset_exit();
  init_options(&o, args);
  ASSERT_OK(lode_spawn(&loop, &proc, &o));
  ASSERT_OK(lode_run(&loop, LODE_RUN_DEFAULT));
  ASSERT_EQ(exit_calls, 1);
  ASSERT_EQ(exit_status, 0);
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}
