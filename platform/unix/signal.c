/*
 * signal.c — signal handles on POSIX (layer: platform/unix).
 * Contract: loop/lode.h, "Signals"; callbacks always run on the loop thread.
 *
 * How a signal travels: one sigaction handler per signal number, installed
 * while at least one handle (in any loop) watches it. The handler walks the
 * process-wide list of started handles and writes the signal number, as one
 * byte, once into the signal pipe of every loop that watches it. The loop
 * reads those bytes in its poll phase and calls each of its own started
 * handles for that number. Only numbers travel through the pipe, never
 * pointers, so a handle closed while a byte is in flight is simply not
 * found.
 *
 * The process-wide list is guarded by a lock the handler may take: a pipe
 * holding one token byte (read = acquire, write = release; both are
 * async-signal-safe). A thread holds it only with every signal blocked, so
 * the handler never interrupts its own thread's critical section; a handler
 * on another thread just waits for the token.
 *
 * XXX: a process forked without exec keeps the handlers, the lock pipe and
 * the loops' signal pipes: a signal caught in such a child reaches the
 * parent's loops (libuv has uv_loop_fork for this; we have nothing yet).
 */
#include <signal.h>
#include <string.h>

#include "internal.h"

#ifndef NSIG
# define NSIG 65
#endif

/* Started handles of every loop, grouped so that handles with the same
 * (signum, loop) are adjacent: the handler then writes once per loop by
 * comparing with the previous match. */
static lode__queue_t global_queue = {&global_queue, &global_queue};
/* Started handles per signal number, to install / remove the handler. */
static unsigned int signal_watchers[NSIG];

static int lock_pipefd[2] = {-1, -1};
static int lock_init_error;
static lode_once_t lock_once = LODE_ONCE_INIT;

static void lock_init(void) {
  char token = 0;
  ssize_t n;
  if (pipe2(lock_pipefd, O_CLOEXEC) != 0) {
    lock_init_error = -errno;
    return;
  }
  do
    n = write(lock_pipefd[1], &token, 1);
  while (n < 0 && errno == EINTR);
  if (n != 1) LODE__ABORT("signal lock: cannot write the token");
}

/* Both are async-signal-safe. Return 0 or -1 (only if the lock pipe is
 * broken, which cannot happen once created). */
static int lock_acquire(void) {
  char token;
  ssize_t n;
  do
    n = read(lock_pipefd[0], &token, 1);
  while (n < 0 && errno == EINTR);
  return n == 1 ? 0 : -1;
}

static int lock_release(void) {
  char token = 0;
  ssize_t n;
  do
    n = write(lock_pipefd[1], &token, 1);
  while (n < 0 && errno == EINTR);
  return n == 1 ? 0 : -1;
}

/* Loop-thread side: all signals blocked while the lock is held. */
static void global_lock(sigset_t* saved) {
  lode__signal_block_all(saved);
  if (lock_acquire() != 0) LODE__ABORT("signal lock: acquire failed");
}

static void global_unlock(const sigset_t* saved) {
  if (lock_release() != 0) LODE__ABORT("signal lock: release failed");
  lode__signal_restore(saved);
}

void lode__signal_block_all(sigset_t* saved) {
  sigset_t all;
  sigfillset(&all);
  if (pthread_sigmask(SIG_SETMASK, &all, saved) != 0)
    LODE__ABORT("pthread_sigmask");
}

void lode__signal_restore(const sigset_t* saved) {
  if (pthread_sigmask(SIG_SETMASK, saved, NULL) != 0)
    LODE__ABORT("pthread_sigmask");
}

/* ---- the handler ---- */

static void signal_handler(int signum) {
  lode__queue_t* q;
  lode_loop_t* last = NULL;
  int saved_errno = errno;

  if (lock_acquire() != 0) {
    errno = saved_errno;
    return;
  }
  lode__queue_foreach(q, &global_queue) {
    lode_signal_t* h = lode__queue_data(q, lode_signal_t, global_queue);
    unsigned char byte = (unsigned char) signum;
    ssize_t n;
    if (h->signum != signum || h->loop == last) continue;
    last = h->loop;
    /* XXX: when the pipe is full (the loop is stuck for thousands of
     * signals) the byte is dropped; the kernel coalesces pending signals
     * the same way. */
    do
      n = write(h->loop->signal_pipefd[1], &byte, 1);
    while (n < 0 && errno == EINTR);
  }
  lock_release();
  errno = saved_errno;
}

/* With the global lock held. */
static int install_handler(int signum) {
  struct sigaction sa;
  memset(&sa, 0, sizeof(sa));
  sa.sa_handler = signal_handler;
  /* Every signal blocked while the handler runs: a second handler on the
   * same thread would wait forever for the token the first one holds. */
  sigfillset(&sa.sa_mask);
  sa.sa_flags = SA_RESTART;
  if (sigaction(signum, &sa, NULL) != 0) return -errno;
  return 0;
}

static void restore_default(int signum) {
  struct sigaction sa;
  memset(&sa, 0, sizeof(sa));
  sa.sa_handler = SIG_DFL;
  sigemptyset(&sa.sa_mask);
  if (sigaction(signum, &sa, NULL) != 0) LODE__ABORT("sigaction(SIG_DFL)");
}

/* ---- the loop side ---- */

static void dispatch(lode_loop_t* loop, int signum) {
  lode__queue_t batch;
  /* Walk a detached copy: callbacks may stop, close or start handles.
   * Stopping one still in the batch unlinks it from the batch; a handle
   * started by a callback lands in loop->signal_handles only, so it does
   * not see this delivery. */
  lode__queue_move(&loop->signal_handles, &batch);
  while (!lode__queue_empty(&batch)) {
    lode__queue_t* q = lode__queue_head(&batch);
    lode_signal_t* h = lode__queue_data(q, lode_signal_t, queue);
    lode__queue_remove(q);
    lode__queue_insert_tail(&loop->signal_handles, q);
    if (h->signum != signum) continue;
    if (h->oneshot) lode_signal_stop(h);
    h->signal_cb(h, signum);
  }
}

static void signal_io(lode_loop_t* loop, lode__io_t* w, unsigned int events) {
  unsigned char buf[256];
  (void) events;
  for (;;) {
    ssize_t i, n = read(w->fd, buf, sizeof(buf));
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) return;
      LODE__ABORT("read from the signal pipe");
    }
    if (n == 0) LODE__ABORT("signal pipe closed");
    for (i = 0; i < n; i++) dispatch(loop, buf[i]);
    if ((size_t) n < sizeof(buf)) return;
  }
}

int lode__signal_loop_init(lode_loop_t* loop) {
  lode__queue_init(&loop->signal_handles);
  loop->signal_pipefd[0] = -1;
  loop->signal_pipefd[1] = -1;
  lode__io_init(&loop->signal_io_watcher, signal_io, -1);
  return 0;
}

/* Creates the loop's signal pipe on first need (one per loop). */
static int loop_pipe_open(lode_loop_t* loop) {
  int fds[2];
  if (loop->signal_pipefd[0] != -1) return 0;
  if (pipe2(fds, O_CLOEXEC | O_NONBLOCK) != 0) return -errno;
  loop->signal_pipefd[0] = fds[0];
  loop->signal_pipefd[1] = fds[1];
  lode__io_init(&loop->signal_io_watcher, signal_io, fds[0]);
  lode__io_start(loop, &loop->signal_io_watcher, LODE__POLLIN);
  return 0;
}

void lode__signal_loop_close(lode_loop_t* loop) {
  /* Every handle was closed (stopped) before; the internal SIGCHLD
   * watcher went in lode__process_loop_close. */
  assert(lode__queue_empty(&loop->signal_handles));
  if (loop->signal_pipefd[0] == -1) return;
  lode__io_close(loop, &loop->signal_io_watcher);
  lode__close(loop->signal_pipefd[0]);
  lode__close(loop->signal_pipefd[1]);
  loop->signal_pipefd[0] = -1;
  loop->signal_pipefd[1] = -1;
}

/* ---- public API (loop/lode.h) ---- */

int lode_signal_init(lode_loop_t* loop, lode_signal_t* handle) {
  int err;
  lode_once(&lock_once, lock_init);
  if (lock_init_error != 0) return lock_init_error;
  err = loop_pipe_open(loop);
  if (err != 0) return err;
  lode__handle_init(loop, (lode_handle_t*) handle, LODE_SIGNAL);
  handle->signal_cb = NULL;
  handle->signum = 0;
  handle->oneshot = 0;
  lode__queue_init(&handle->queue);
  lode__queue_init(&handle->global_queue);
  return 0;
}

static int signal_start(lode_signal_t* handle, lode_signal_cb cb, int signum,
                        int oneshot) {
  lode__queue_t* q;
  lode__queue_t* after;
  sigset_t saved;
  int err;

  if (cb == NULL || signum <= 0 || signum >= NSIG || signum == SIGKILL ||
      signum == SIGSTOP)
    return LODE_EINVAL;
  if (lode__is_closing((lode_handle_t*) handle)) return LODE_EINVAL;

  if (handle->signum == signum) {
    /* Already watching this signal: only the callback and mode change. */
    handle->signal_cb = cb;
    handle->oneshot = oneshot;
    return 0;
  }
  if (handle->signum != 0) lode_signal_stop(handle);

  global_lock(&saved);
  if (signal_watchers[signum] == 0) {
    err = install_handler(signum);
    if (err != 0) {
      global_unlock(&saved);
      return err;
    }
  }
  signal_watchers[signum]++;
  /* Next to a handle of the same loop and signal when there is one. */
  after = global_queue.prev;
  lode__queue_foreach(q, &global_queue) {
    lode_signal_t* h = lode__queue_data(q, lode_signal_t, global_queue);
    if (h->signum == signum && h->loop == handle->loop) {
      after = q;
      break;
    }
  }
  lode__queue_insert_head(after, &handle->global_queue);
  handle->signum = signum;
  handle->signal_cb = cb;
  handle->oneshot = oneshot;
  global_unlock(&saved);

  lode__queue_insert_tail(&handle->loop->signal_handles, &handle->queue);
  lode__handle_start((lode_handle_t*) handle);
  return 0;
}

int lode_signal_start(lode_signal_t* handle, lode_signal_cb cb, int signum) {
  return signal_start(handle, cb, signum, 0);
}

int lode_signal_start_oneshot(lode_signal_t* handle, lode_signal_cb cb,
                              int signum) {
  return signal_start(handle, cb, signum, 1);
}

int lode_signal_stop(lode_signal_t* handle) {
  sigset_t saved;
  int signum = handle->signum;

  if (signum == 0) return 0;
  global_lock(&saved);
  lode__queue_remove(&handle->global_queue);
  assert(signal_watchers[signum] > 0);
  if (--signal_watchers[signum] == 0) restore_default(signum);
  global_unlock(&saved);

  handle->signum = 0;
  lode__queue_remove(&handle->queue);
  lode__handle_stop((lode_handle_t*) handle);
  return 0;
}

void lode__signal_close(lode_signal_t* handle) {
  lode_signal_stop(handle);
}
