/*
 * peer.c — the fixed peer process of the network loop benchmarks (perf/).
 *
 * Plain C on epoll, one thread, no lode and no libuv, so that lode's loop
 * and libuv's face the same counterpart. The driver starts it (pinned with
 * taskset), reads the port from its first stdout line and kills it after
 * the benchmark. Listens on 127.0.0.1, port 0.
 *
 *   peer echo     sends back whatever arrives (ping_pongs)
 *   peer sink     reads and discards (pump send side, tcp_write_batch)
 *   peer source   writes 64 KiB blocks as fast as the socket takes them
 *   peer pound    reads once, then closes with RST (pound: no TIME_WAIT)
 */
#ifndef _GNU_SOURCE
# define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

enum { ECHO, SINK, SOURCE, POUND };

static char buf[1 << 16];

static void die(const char* what) {
  perror(what);
  exit(1);
}

int main(int argc, char** argv) {
  int mode, lfd, ep, one = 1;
  struct sockaddr_in a;
  socklen_t alen = sizeof(a);
  struct epoll_event ev, evs[256];

  if (argc < 2) {
    fprintf(stderr, "usage: peer echo|sink|source|pound\n");
    return 2;
  }
  if (strcmp(argv[1], "echo") == 0) mode = ECHO;
  else if (strcmp(argv[1], "sink") == 0) mode = SINK;
  else if (strcmp(argv[1], "source") == 0) mode = SOURCE;
  else if (strcmp(argv[1], "pound") == 0) mode = POUND;
  else return 2;

  memset(buf, 'x', sizeof(buf));
  lfd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (lfd < 0) die("socket");
  setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
  memset(&a, 0, sizeof(a));
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(0x7f000001);
  if (bind(lfd, (struct sockaddr*) &a, sizeof(a))) die("bind");
  if (listen(lfd, 4096)) die("listen");
  if (getsockname(lfd, (struct sockaddr*) &a, &alen)) die("getsockname");
  printf("%d\n", ntohs(a.sin_port));
  fflush(stdout);

  ep = epoll_create1(EPOLL_CLOEXEC);
  ev.events = EPOLLIN;
  ev.data.fd = lfd;
  epoll_ctl(ep, EPOLL_CTL_ADD, lfd, &ev);

  for (;;) {
    int i, n = epoll_wait(ep, evs, 256, -1);
    if (n < 0) {
      if (errno == EINTR) continue;
      die("epoll_wait");
    }
    for (i = 0; i < n; i++) {
      int fd = evs[i].data.fd;
      if (fd == lfd) {
        int c;
        while ((c = accept4(lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC)) >= 0) {
          setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
          ev.events = mode == SOURCE ? EPOLLIN | EPOLLOUT : EPOLLIN;
          ev.data.fd = c;
          epoll_ctl(ep, EPOLL_CTL_ADD, c, &ev);
        }
        continue;
      }
      if (evs[i].events & (EPOLLIN | EPOLLHUP | EPOLLERR)) {
        ssize_t r = read(fd, buf, sizeof(buf));
        if (r == 0 || (r < 0 && errno != EAGAIN)) {
          close(fd);
          continue;
        }
        if (r > 0 && mode == ECHO) {
          ssize_t w = write(fd, buf, (size_t) r);
          (void) w; /* tiny messages: the socket buffer takes them */
        } else if (r > 0 && mode == POUND) {
          struct linger l = {1, 0};
          setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof(l));
          close(fd);
          continue;
        }
      }
      if (mode == SOURCE && (evs[i].events & EPOLLOUT)) {
        ssize_t w = write(fd, buf, sizeof(buf));
        if (w < 0 && errno != EAGAIN) close(fd);
      }
    }
  }
}
