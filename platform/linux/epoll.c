/*
 * epoll.c — the Linux poll backend (layer: platform/linux).
 * Contract: platform/unix/internal.h, "poll backend": turn kernel events
 * into {fd, events} and keep the kernel's interest set in step with the
 * watchers. Nothing else lives here; dispatch is in unix/core.c.
 */
#include <sys/epoll.h>

#include "../unix/internal.h"

int lode__backend_init(lode_loop_t* loop) {
  int fd = epoll_create1(EPOLL_CLOEXEC);
  if (fd == -1) return -errno;
  loop->backend_fd = fd;
  return 0;
}

void lode__backend_close(lode_loop_t* loop) {
  if (loop->backend_fd != -1) lode__close(loop->backend_fd);
  loop->backend_fd = -1;
}

int lode__backend_sync(lode_loop_t* loop, lode__io_t* w) {
  struct epoll_event e;
  int op = w->events == 0 ? EPOLL_CTL_ADD : EPOLL_CTL_MOD;

  e.events = 0;
  if (w->pevents & LODE__POLLIN) e.events |= EPOLLIN;
  if (w->pevents & LODE__POLLOUT) e.events |= EPOLLOUT;
  if (w->pevents & LODE__POLLPRI) e.events |= EPOLLPRI;
  /* The loop's wake-up eventfd is edge-triggered: every write to it is a
   * new event, so the loop never has to read it (unix/core.c, async_io). */
  if (w == &loop->async_io_watcher) e.events |= EPOLLET;
  e.data.u64 = 0;
  e.data.fd = w->fd;

  if (epoll_ctl(loop->backend_fd, op, w->fd, &e) == 0) return 0;
  /* The kernel may still hold the fd from an earlier watcher (stopped
   * while its fd stayed open), or have dropped it (fd closed and reused):
   * retry with the other operation. */
  if (errno == EEXIST && op == EPOLL_CTL_ADD)
    op = EPOLL_CTL_MOD;
  else if (errno == ENOENT && op == EPOLL_CTL_MOD)
    op = EPOLL_CTL_ADD;
  else
    return -errno;
  return epoll_ctl(loop->backend_fd, op, w->fd, &e) == 0 ? 0 : -errno;
}

void lode__backend_remove(lode_loop_t* loop, int fd) {
  struct epoll_event dummy;
  epoll_ctl(loop->backend_fd, EPOLL_CTL_DEL, fd, &dummy);
}

int lode__backend_poll(lode_loop_t* loop, lode__event_t* events, int max,
                       int timeout) {
  struct epoll_event ev[1024];
  int n, i;

  if (max > (int) (sizeof(ev) / sizeof(ev[0])))
    max = (int) (sizeof(ev) / sizeof(ev[0]));
  n = epoll_wait(loop->backend_fd, ev, max, timeout);
  if (n == -1) return errno == EINTR ? 0 : -errno;
  for (i = 0; i < n; i++) {
    unsigned int e = 0;
    if (ev[i].events & EPOLLIN) e |= LODE__POLLIN;
    if (ev[i].events & EPOLLOUT) e |= LODE__POLLOUT;
    if (ev[i].events & EPOLLPRI) e |= LODE__POLLPRI;
    if (ev[i].events & EPOLLERR) e |= LODE__POLLERR;
    if (ev[i].events & EPOLLHUP) e |= LODE__POLLHUP;
    events[i].fd = ev[i].data.fd;
    events[i].events = e;
  }
  return n;
}
