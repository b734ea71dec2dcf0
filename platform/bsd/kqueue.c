/*
 * kqueue.c — the BSD/macOS poll backend (layer: platform/bsd).
 * Contract: platform/unix/internal.h, "poll backend": turn kernel events
 * into {fd, events} and keep the kernel's interest set in step with the
 * watchers. Dispatch and everything else is shared with Linux in unix/.
 *
 * XXX: no BSD machine is reachable from CI; this file is compiled and run
 * only on such systems (the Makefile picks it when uname is not Linux).
 */
#include <sys/types.h>
#include <sys/event.h>
#include <sys/time.h>

#include "../unix/internal.h"

int lode__backend_init(lode_loop_t* loop) {
  int fd = kqueue();
  if (fd == -1) return -errno;
  lode__cloexec(fd, 1);
  loop->backend_fd = fd;
  return 0;
}

void lode__backend_close(lode_loop_t* loop) {
  if (loop->backend_fd != -1) lode__close(loop->backend_fd);
  loop->backend_fd = -1;
}

/* kqueue keeps one filter per direction: add what is newly wanted, delete
 * what is no longer wanted. */
int lode__backend_sync(lode_loop_t* loop, lode__io_t* w) {
  struct kevent ch[2];
  int n = 0;
  unsigned int add = w->pevents & ~w->events;
  unsigned int del = w->events & ~w->pevents;

  if (add & LODE__POLLIN) EV_SET(&ch[n++], w->fd, EVFILT_READ, EV_ADD, 0, 0, 0);
  if (del & LODE__POLLIN) EV_SET(&ch[n++], w->fd, EVFILT_READ, EV_DELETE, 0, 0, 0);
  if (add & LODE__POLLOUT) EV_SET(&ch[n++], w->fd, EVFILT_WRITE, EV_ADD, 0, 0, 0);
  if (del & LODE__POLLOUT) EV_SET(&ch[n++], w->fd, EVFILT_WRITE, EV_DELETE, 0, 0, 0);
  if (n == 0) return 0;
  if (kevent(loop->backend_fd, ch, n, NULL, 0, NULL) == -1 && errno != ENOENT)
    return -errno;
  return 0;
}

void lode__backend_remove(lode_loop_t* loop, int fd) {
  struct kevent ch[2];
  EV_SET(&ch[0], fd, EVFILT_READ, EV_DELETE, 0, 0, 0);
  EV_SET(&ch[1], fd, EVFILT_WRITE, EV_DELETE, 0, 0, 0);
  /* One of the two may not exist; kevent reports that per change. */
  kevent(loop->backend_fd, &ch[0], 1, NULL, 0, NULL);
  kevent(loop->backend_fd, &ch[1], 1, NULL, 0, NULL);
}

int lode__backend_poll(lode_loop_t* loop, lode__event_t* events, int max,
                       int timeout) {
  struct kevent ev[1024];
  struct timespec ts, *tsp = NULL;
  int n, i;

  if (max > (int) (sizeof(ev) / sizeof(ev[0])))
    max = (int) (sizeof(ev) / sizeof(ev[0]));
  if (timeout >= 0) {
    ts.tv_sec = timeout / 1000;
    ts.tv_nsec = (long) (timeout % 1000) * 1000000L;
    tsp = &ts;
  }
  n = kevent(loop->backend_fd, NULL, 0, ev, max, tsp);
  if (n == -1) return errno == EINTR ? 0 : -errno;
  for (i = 0; i < n; i++) {
    unsigned int e = 0;
    if (ev[i].filter == EVFILT_READ) e |= LODE__POLLIN;
    if (ev[i].filter == EVFILT_WRITE) e |= LODE__POLLOUT;
    if (ev[i].flags & EV_ERROR) e |= LODE__POLLERR;
    if (ev[i].flags & EV_EOF) e |= LODE__POLLHUP;
    events[i].fd = (int) ev[i].ident;
    events[i].events = e;
  }
  return n;
}
