/*
 * epoll_http.c — the physical floor for the HTTP figures (perf/): a plain
 * C, single-threaded, level-triggered epoll server answering every request
 * with a fixed 12-byte hello world, one read and one write per keep-alive
 * request, nothing else. Same protocol as perf/loop/http_hello.c: prints
 * its port, serves until SIGTERM, reports requests and CPU per request.
 */
#ifndef _GNU_SOURCE
# define _GNU_SOURCE
#endif
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define RBUF 4096

typedef struct {
  size_t len;
  char buf[RBUF];
} conn_t;

static conn_t** conns;
static int nconns;
static volatile sig_atomic_t stop;
static char resp_ka[] =
    "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 12\r\n"
    "\r\nHello world\n";
static char resp_close[] =
    "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 12\r\n"
    "Connection: close\r\n\r\nHello world\n";

static uint64_t cpu_ns(void) {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return ((uint64_t) ru.ru_utime.tv_sec + (uint64_t) ru.ru_stime.tv_sec) *
             1000000000u +
         ((uint64_t) ru.ru_utime.tv_usec + (uint64_t) ru.ru_stime.tv_usec) * 1000u;
}

static void on_term(int sig) { stop = 1; }

static void drop(int ep, int fd) {
  epoll_ctl(ep, EPOLL_CTL_DEL, fd, NULL);
  close(fd);
  free(conns[fd]);
  conns[fd] = NULL;
}

int main(void) {
  int lfd, ep, one = 1;
  uint64_t requests = 0, cpu0;
  struct sockaddr_in a;
  socklen_t alen = sizeof(a);
  struct epoll_event ev, evs[512];
  struct sigaction sa;

  memset(&sa, 0, sizeof(sa));
  sa.sa_handler = on_term;
  sigaction(SIGTERM, &sa, NULL);
  signal(SIGPIPE, SIG_IGN);
  nconns = 65536;
  conns = calloc((size_t) nconns, sizeof(*conns));

  lfd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
  memset(&a, 0, sizeof(a));
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(0x7f000001);
  if (bind(lfd, (struct sockaddr*) &a, sizeof(a)) || listen(lfd, 1024) ||
      getsockname(lfd, (struct sockaddr*) &a, &alen)) {
    perror("listen");
    return 1;
  }
  printf("%d\n", ntohs(a.sin_port));
  fflush(stdout);
  cpu0 = cpu_ns();

  ep = epoll_create1(EPOLL_CLOEXEC);
  ev.events = EPOLLIN;
  ev.data.fd = lfd;
  epoll_ctl(ep, EPOLL_CTL_ADD, lfd, &ev);

  while (!stop) {
    int i, n = epoll_wait(ep, evs, 512, -1);
    if (n < 0) {
      if (errno == EINTR) continue;
      perror("epoll_wait");
      return 1;
    }
    for (i = 0; i < n; i++) {
      int fd = evs[i].data.fd;
      conn_t* c;
      ssize_t r;
      char* end;
      if (fd == lfd) {
        int cfd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (cfd < 0 || cfd >= nconns) {
          if (cfd >= 0) close(cfd);
          continue;
        }
        setsockopt(cfd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
        conns[cfd] = calloc(1, sizeof(conn_t));
        ev.events = EPOLLIN;
        ev.data.fd = cfd;
        epoll_ctl(ep, EPOLL_CTL_ADD, cfd, &ev);
        continue;
      }
      c = conns[fd];
      r = read(fd, c->buf + c->len, RBUF - c->len);
      if (r <= 0) {
        if (r == 0 || errno != EAGAIN) drop(ep, fd);
        continue;
      }
      c->len += (size_t) r;
      while ((end = memmem(c->buf, c->len, "\r\n\r\n", 4)) != NULL) {
        size_t reqlen = (size_t) (end + 4 - c->buf);
        int close_after = memmem(c->buf, reqlen, "Connection: close", 17) != NULL;
        const char* resp = close_after ? resp_close : resp_ka;
        size_t rlen = close_after ? sizeof(resp_close) - 1 : sizeof(resp_ka) - 1;
        /* a 100-byte answer always fits an empty socket buffer */
        if (write(fd, resp, rlen) != (ssize_t) rlen) close_after = 1;
        requests++;
        memmove(c->buf, c->buf + reqlen, c->len - reqlen);
        c->len -= reqlen;
        if (close_after) {
          drop(ep, fd);
          break;
        }
      }
      if (conns[fd] != NULL && c->len == RBUF) drop(ep, fd);
    }
  }
  printf("BENCH case=http_hello value=%llu unit=requests better=info ops=%llu "
         "cpu_ns_op=%.6g wall_ns=0 backend=epoll\n",
         (unsigned long long) requests, (unsigned long long) requests,
         requests ? (double) (cpu_ns() - cpu0) / (double) requests : 0);
  return 0;
}
