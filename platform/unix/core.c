/*
 * core.c — the shared POSIX core (layer: platform/unix).
 * Contract: platform/unix/internal.h and the hooks in loop/internal.h.
 *
 * Io watchers: each watched fd has one lode__io_t in loop->watchers[fd].
 * Interest changes are queued on loop->watcher_queue and handed to the
 * backend (lode__backend_sync) right before it polls. The backend returns
 * plain {fd, events}; dispatch lives here, once for every backend: each
 * event is looked up in watchers[] at the moment it is dispatched, so a
 * watcher stopped or closed by an earlier callback of the same batch is
 * never called, and lode__io_close drops the fd's remaining events from
 * the batch so a new fd reusing the number cannot get stale ones.
 *
 * Also here: the pending phase (watchers fed with lode__io_feed), the
 * loop's wake-up object (eventfd on Linux, a pipe elsewhere), fd helpers,
 * the clock, and lode_close/close-phase dispatch for platform handles.
 */
#include <limits.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <time.h>
#if defined(__linux__)
# include <sys/eventfd.h>
#endif

#include "internal.h"

#ifndef IOV_MAX
# define IOV_MAX 1024
#endif

/* ---- clock ---- */

uint64_t lode__hrtime_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t) ts.tv_sec * 1000000000u + (uint64_t) ts.tv_nsec;
}

/* ---- fd helpers ---- */

int lode__nonblock(int fd, int set) {
  int flags, r;
  do
    flags = fcntl(fd, F_GETFL);
  while (flags == -1 && errno == EINTR);
  if (flags == -1) return -errno;
  if (!!(flags & O_NONBLOCK) == !!set) return 0;
  flags = set ? (flags | O_NONBLOCK) : (flags & ~O_NONBLOCK);
  do
    r = fcntl(fd, F_SETFL, flags);
  while (r == -1 && errno == EINTR);
  return r == -1 ? -errno : 0;
}

int lode__cloexec(int fd, int set) {
  int flags, r;
  do
    flags = fcntl(fd, F_GETFD);
  while (flags == -1 && errno == EINTR);
  if (flags == -1) return -errno;
  if (!!(flags & FD_CLOEXEC) == !!set) return 0;
  flags = set ? (flags | FD_CLOEXEC) : (flags & ~FD_CLOEXEC);
  do
    r = fcntl(fd, F_SETFD, flags);
  while (r == -1 && errno == EINTR);
  return r == -1 ? -errno : 0;
}

int lode__close(int fd) {
  int saved = errno;
  int r = close(fd);
  int err = 0;
  /* On Linux the descriptor is released even when close reports EINTR;
   * retrying could close a descriptor another thread just opened. */
  if (r == -1 && errno != EINTR && errno != EINPROGRESS) err = -errno;
  errno = saved;
  return err;
}

int lode__socket(int domain, int type, int protocol) {
  int fd;
#if defined(SOCK_NONBLOCK) && defined(SOCK_CLOEXEC)
  fd = socket(domain, type | SOCK_NONBLOCK | SOCK_CLOEXEC, protocol);
  if (fd != -1) return fd;
  if (errno != EINVAL) return -errno;
#endif
  fd = socket(domain, type, protocol);
  if (fd == -1) return -errno;
  if (lode__nonblock(fd, 1) != 0 || lode__cloexec(fd, 1) != 0) {
    int err = -errno;
    lode__close(fd);
    return err;
  }
  return fd;
}

int lode__accept(int sockfd) {
  int fd;
  for (;;) {
#if defined(__linux__)
    fd = accept4(sockfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
#else
    fd = accept(sockfd, NULL, NULL);
#endif
    if (fd != -1) break;
    if (errno != EINTR) return -errno;
  }
#if !defined(__linux__)
  if (lode__nonblock(fd, 1) != 0 || lode__cloexec(fd, 1) != 0) {
    int err = -errno;
    lode__close(fd);
    return err;
  }
#endif
  return fd;
}

int lode__dup2_cloexec(int oldfd, int newfd) {
  int r;
  for (;;) {
#if defined(__linux__)
    r = dup3(oldfd, newfd, O_CLOEXEC);
#else
    r = dup2(oldfd, newfd);
#endif
    if (r != -1) break;
    if (errno != EINTR && errno != EBUSY) return -errno;
  }
#if !defined(__linux__)
  lode__cloexec(newfd, 1);
#endif
  return r;
}

lode_ssize_t lode__readv(int fd, const lode_buf_t* bufs, unsigned int n) {
  lode_ssize_t r;
  if (n > IOV_MAX) n = IOV_MAX;
  do
    r = n == 1 ? read(fd, bufs[0].base, bufs[0].len)
               : readv(fd, (const struct iovec*) bufs, (int) n);
  while (r == -1 && errno == EINTR);
  return r == -1 ? -errno : r;
}

lode_ssize_t lode__writev(int fd, const lode_buf_t* bufs, unsigned int n) {
  lode_ssize_t r;
  if (n > IOV_MAX) n = IOV_MAX;
  do
    r = n == 1 ? write(fd, bufs[0].base, bufs[0].len)
               : writev(fd, (const struct iovec*) bufs, (int) n);
  while (r == -1 && errno == EINTR);
  return r == -1 ? -errno : r;
}

/* ---- io watchers ---- */

void lode__io_init(lode__io_t* w, lode__io_cb cb, int fd) {
  w->cb = cb;
  w->fd = fd;
  w->events = 0;
  w->pevents = 0;
  lode__queue_init(&w->pending_queue);
  lode__queue_init(&w->watcher_queue);
}

static int watchers_grow(lode_loop_t* loop, unsigned int len) {
  lode__io_t** w;
  unsigned int n, i;

  if (len <= loop->nwatchers) return 0;
  n = loop->nwatchers ? loop->nwatchers : 64;
  while (n < len) n *= 2;
  w = lode__realloc(loop->watchers, n * sizeof(*w));
  if (w == NULL) LODE__ABORT("out of memory growing the watcher table");
  for (i = loop->nwatchers; i < n; i++) w[i] = NULL;
  loop->watchers = w;
  loop->nwatchers = n;
  return 0;
}

void lode__io_start(lode_loop_t* loop, lode__io_t* w, unsigned int events) {
  assert(w->fd >= 0);
  assert(0 == (events & ~(LODE__POLLIN | LODE__POLLOUT | LODE__POLLPRI)));
  w->pevents |= events;
  if (w->pevents == 0) return;
  watchers_grow(loop, (unsigned int) w->fd + 1);
  /* Back in the table even when the kernel never forgot it (a stop and a
   * start between two polls). */
  if (loop->watchers[w->fd] == NULL) {
    loop->watchers[w->fd] = w;
    loop->nfds++;
  }
  if (w->events != w->pevents && lode__queue_empty(&w->watcher_queue))
    lode__queue_insert_tail(&loop->watcher_queue, &w->watcher_queue);
}

/* Stopping leaves the watcher table at once (so dispatch never calls it
 * again, and another watcher may take the fd) but tells the kernel only
 * at the next poll, through watcher_queue: a stop followed by a start
 * before that poll (a connect's POLLOUT turning into reading) is then one
 * EPOLL_CTL_MOD instead of a DEL and an ADD. lode__io_close tells the
 * kernel at once, before the descriptor is closed. */
void lode__io_stop(lode_loop_t* loop, lode__io_t* w, unsigned int events) {
  if (w->fd < 0 || (w->pevents & events) == 0) return;
  w->pevents &= ~events;
  if (w->pevents == 0 && (unsigned int) w->fd < loop->nwatchers &&
      loop->watchers[w->fd] == w) {
    loop->watchers[w->fd] = NULL;
    loop->nfds--;
  }
  if (w->events != w->pevents && lode__queue_empty(&w->watcher_queue))
    lode__queue_insert_tail(&loop->watcher_queue, &w->watcher_queue);
}

void lode__io_close(lode_loop_t* loop, lode__io_t* w) {
  lode__event_t* ev = loop->poll_events;
  int i;

  lode__io_stop(loop, w, LODE__POLLIN | LODE__POLLOUT | LODE__POLLPRI);
  lode__queue_remove(&w->watcher_queue);
  if (w->events != 0) {
    lode__backend_remove(loop, w->fd);
    w->events = 0;
  }
  lode__queue_remove(&w->pending_queue);
  if (ev != NULL && w->fd >= 0)
    for (i = 0; i < loop->poll_nevents; i++)
      if (ev[i].fd == w->fd) ev[i].fd = -1;
}

void lode__io_feed(lode_loop_t* loop, lode__io_t* w) {
  if (lode__queue_empty(&w->pending_queue))
    lode__queue_insert_tail(&loop->pending_queue, &w->pending_queue);
}

int lode__io_active(const lode__io_t* w, unsigned int events) {
  return (w->pevents & events) != 0;
}

int lode__has_pending(const lode_loop_t* loop) {
  return !lode__queue_empty(&loop->pending_queue);
}

int lode__run_pending(lode_loop_t* loop) {
  lode__queue_t pq;
  lode__queue_t* q;
  lode__io_t* w;

  if (lode__queue_empty(&loop->pending_queue)) return 0;
  lode__queue_move(&loop->pending_queue, &pq);
  while (!lode__queue_empty(&pq)) {
    q = lode__queue_head(&pq);
    lode__queue_remove(q);
    w = lode__queue_data(q, lode__io_t, pending_queue);
    w->cb(loop, w, LODE__POLLOUT);
  }
  return 1;
}

/* The poll phase. One batch per call: the backend reports up to
 * `max` events; a full batch means more may be waiting, so poll again
 * without blocking (bounded, so other phases are never starved). */
void lode__io_poll(lode_loop_t* loop, int timeout) {
  lode__event_t events[1024];
  lode__queue_t* q;
  lode__io_t* w;
  int n, i, rounds;

  while (!lode__queue_empty(&loop->watcher_queue)) {
    q = lode__queue_head(&loop->watcher_queue);
    lode__queue_remove(q);
    w = lode__queue_data(q, lode__io_t, watcher_queue);
    if (w->pevents == w->events) continue;
    if (w->pevents == 0) {
      /* Stopped since the last poll (lode__io_stop). */
      lode__backend_remove(loop, w->fd);
      w->events = 0;
      continue;
    }
    if (lode__backend_sync(loop, w) != 0)
      LODE__ABORT("poll backend refused a watcher (fd not pollable?)");
    w->events = w->pevents;
  }

  for (rounds = 0; rounds < 16; rounds++) {
    uint64_t start = timeout > 0 ? lode__hrtime_ns() : 0;
    n = lode__backend_poll(loop, events, (int) (sizeof(events) / sizeof(events[0])),
                           timeout);
    if (n < 0) LODE__ABORT("poll backend failed");
    if (n == 0) {
      /* Timeout, or EINTR: with time left and nothing dispatched, keep
       * waiting for the rest (a signal's byte arrives as an event). */
      if (timeout > 0) {
        uint64_t waited = (lode__hrtime_ns() - start) / 1000000;
        lode_update_time(loop);
        if (waited < (uint64_t) timeout) {
          timeout -= (int) waited;
          continue;
        }
      }
      if (timeout == -1) continue;
      return;
    }

    loop->poll_events = events;
    loop->poll_nevents = n;
    for (i = 0; i < n; i++) {
      int fd = events[i].fd;
      unsigned int ev;
      if (fd < 0) continue; /* invalidated by an earlier callback */
      if ((unsigned int) fd >= loop->nwatchers || loop->watchers[fd] == NULL) {
        /* Interest went away without the kernel knowing yet. */
        lode__backend_remove(loop, fd);
        continue;
      }
      w = loop->watchers[fd];
      ev = events[i].events;
      /* Errors and hang-ups go to whichever side is watching, so a reader
       * sees EOF/error and a writer sees the failed write. */
      if (ev & (LODE__POLLERR | LODE__POLLHUP))
        ev |= w->pevents & (LODE__POLLIN | LODE__POLLOUT);
      ev &= w->pevents | LODE__POLLERR | LODE__POLLHUP;
      if (ev != 0) w->cb(loop, w, ev);
    }
    loop->poll_events = NULL;
    loop->poll_nevents = 0;

    if (n < (int) (sizeof(events) / sizeof(events[0]))) return;
    timeout = 0;
  }
}

/* ---- the loop's wake-up object ---- */

static void async_io(lode_loop_t* loop, lode__io_t* w, unsigned int events) {
#if defined(__linux__)
  /* The eventfd is watched edge-triggered (linux/epoll.c): each write is
   * one event whatever the counter holds, so it is never read here (one
   * syscall less per wake-up). lode__platform_wakeup resets the counter in
   * the unreachable case that it fills up. */
  (void) w;
#else
  char buf[1024];
  ssize_t r;

  /* Drain the whole pipe. */
  for (;;) {
    r = read(w->fd, buf, sizeof(buf));
    if (r == (ssize_t) sizeof(buf)) continue;
    if (r == -1 && errno == EINTR) continue;
    break;
  }
#endif
  (void) events;
  lode__async_dispatch(loop);
}

static int wakeup_init(lode_loop_t* loop) {
  int fds[2];
#if defined(__linux__)
  int fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (fd == -1) return -errno;
  fds[0] = fds[1] = fd;
#else
  if (pipe(fds) == -1) return -errno;
  lode__nonblock(fds[0], 1);
  lode__nonblock(fds[1], 1);
  lode__cloexec(fds[0], 1);
  lode__cloexec(fds[1], 1);
#endif
  lode__io_init(&loop->async_io_watcher, async_io, fds[0]);
  lode__io_start(loop, &loop->async_io_watcher, LODE__POLLIN);
  loop->async_wfd = fds[1];
  return 0;
}

void lode__platform_wakeup(lode_loop_t* loop) {
  ssize_t r;
#if defined(__linux__)
  uint64_t one = 1, drop;
  for (;;) {
    r = write(loop->async_wfd, &one, sizeof(one));
    if (r == -1 && errno == EINTR) continue;
    /* A full counter (2^64 - 2 wake-ups, never read by the loop): empty
     * it and write again, so that this write is an edge the loop sees. */
    if (r == -1 && errno == EAGAIN &&
        read(loop->async_wfd, &drop, sizeof(drop)) >= 0)
      continue;
    break;
  }
#else
  char c = 0;
  do
    r = write(loop->async_wfd, &c, 1);
  while (r == -1 && errno == EINTR);
#endif
  /* EAGAIN: the counter/pipe is full, so a wake-up is already pending. */
  if (r == -1 && errno != EAGAIN) LODE__ABORT("cannot wake the loop");
}

/* ---- loop init/close ---- */

int lode__platform_loop_init(lode_loop_t* loop) {
  int err;

  lode__queue_init(&loop->pending_queue);
  lode__queue_init(&loop->watcher_queue);
  loop->watchers = NULL;
  loop->nwatchers = 0;
  loop->nfds = 0;
  loop->poll_events = NULL;
  loop->poll_nevents = 0;
  loop->async_wfd = -1;
  loop->emfile_fd = -1;
  loop->signal_pipefd[0] = -1;
  loop->signal_pipefd[1] = -1;
  loop->child_watcher = NULL;

  err = lode__backend_init(loop);
  if (err != 0) return err;
  err = wakeup_init(loop);
  if (err != 0) goto fail_backend;
  err = lode__signal_loop_init(loop);
  if (err != 0) goto fail_wakeup;
  lode__fs_event_loop_init(loop);
  return 0;

fail_wakeup:
  lode__io_close(loop, &loop->async_io_watcher);
  lode__close(loop->async_io_watcher.fd);
  if (loop->async_wfd != loop->async_io_watcher.fd) lode__close(loop->async_wfd);
fail_backend:
  lode__backend_close(loop);
  lode__free(loop->watchers);
  loop->watchers = NULL;
  return err;
}

void lode__platform_loop_close(lode_loop_t* loop) {
  lode__process_loop_close(loop);
  lode__signal_loop_close(loop);
  lode__fs_event_loop_close(loop);
  lode__io_close(loop, &loop->async_io_watcher);
  lode__close(loop->async_io_watcher.fd);
  if (loop->async_wfd != loop->async_io_watcher.fd) lode__close(loop->async_wfd);
  loop->async_wfd = -1;
  if (loop->emfile_fd != -1) {
    lode__close(loop->emfile_fd);
    loop->emfile_fd = -1;
  }
  lode__backend_close(loop);
  lode__free(loop->watchers);
  loop->watchers = NULL;
  loop->nwatchers = 0;
}

/* ---- close dispatch for platform handles ---- */

void lode__platform_close(lode_handle_t* handle) {
  switch (handle->type) {
    case LODE_TCP:
      lode__tcp_close((lode_tcp_t*) handle);
      break;
    case LODE_NAMED_PIPE:
      lode__pipe_close((lode_pipe_t*) handle);
      break;
    case LODE_TTY:
      lode__tty_close((lode_tty_t*) handle);
      break;
    case LODE_UDP:
      lode__udp_close((lode_udp_t*) handle);
      break;
    case LODE_SIGNAL:
      lode__signal_close((lode_signal_t*) handle);
      break;
    case LODE_PROCESS:
      lode__process_close((lode_process_t*) handle);
      break;
    case LODE_FS_EVENT:
      lode_fs_event_stop((lode_fs_event_t*) handle);
      break;
    default:
      LODE__ABORT("lode__platform_close: not a platform handle");
  }
}

void lode__platform_finish_close(lode_handle_t* handle) {
  switch (handle->type) {
    case LODE_TCP:
    case LODE_NAMED_PIPE:
    case LODE_TTY:
      lode__stream_destroy((lode_stream_t*) handle);
      break;
    case LODE_UDP:
      lode__udp_finish_close((lode_udp_t*) handle);
      break;
    default:
      break;
  }
}
