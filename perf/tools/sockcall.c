/*
 * sockcall.c — what one socket syscall costs, by call (perf/, not part of
 * `make bench`'s tables; quoted in perf/FINDINGS.md).
 *
 * A stream loop's every read and write is one syscall, and the kernel has
 * several doors to the same socket code: write/read go through the file
 * layer, sendmsg copies a msghdr and an iovec array in first, send/recv
 * take the buffer directly. This measures the three pairs on one loopback
 * TCP connection inside one thread (no scheduler and no peer process in
 * the figure): send N bytes on one end, receive them on the other, CPU
 * time (user+sys, getrusage) per pair. Rounds interleave the pairs
 * (A B C A B C ...) and the median round is printed, because the machines
 * here drift between runs.
 *
 *   build/perf/sockcall [BYTES [PAIRS [ROUNDS]]]   (default 5 200000 7)
 */
#ifndef _GNU_SOURCE
# define _GNU_SOURCE
#endif
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

enum { SENDMSG_READ, WRITE_READ, SEND_RECV, NKINDS };
static const char* names[NKINDS] = {"sendmsg+read", "write+read", "send+recv"};

static double cpu_ns(void) {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e9 +
         (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) * 1e3;
}

static void die(const char* what) {
  perror(what);
  exit(1);
}

static int cmp(const void* a, const void* b) {
  double x = *(const double*) a, y = *(const double*) b;
  return x < y ? -1 : x > y;
}

/* One pair: len bytes out of a, all of them read back from b. */
static void pair(int kind, int a, int b, char* buf, size_t len) {
  size_t got = 0;
  ssize_t n;
  if (kind == SENDMSG_READ) {
    struct iovec v;
    struct msghdr m;
    v.iov_base = buf;
    v.iov_len = len;
    memset(&m, 0, sizeof(m));
    m.msg_iov = &v;
    m.msg_iovlen = 1;
    n = sendmsg(a, &m, MSG_NOSIGNAL);
  } else if (kind == WRITE_READ) {
    n = write(a, buf, len);
  } else {
    n = send(a, buf, len, MSG_NOSIGNAL);
  }
  if (n != (ssize_t) len) die("send");
  while (got < len) {
    n = kind == SEND_RECV ? recv(b, buf, len - got, 0) : read(b, buf, len - got);
    if (n <= 0) die("recv");
    got += (size_t) n;
  }
}

int main(int argc, char** argv) {
  size_t len = argc > 1 ? (size_t) atol(argv[1]) : 5;
  long pairs = argc > 2 ? atol(argv[2]) : 200000;
  int rounds = argc > 3 ? atoi(argv[3]) : 7;
  struct sockaddr_in sa;
  socklen_t salen = sizeof(sa);
  int l, a, b, one = 1, k, r;
  long i;
  char* buf;
  double* per[NKINDS];

  if (len == 0 || len > (1 << 20) || pairs <= 0 || rounds <= 0) {
    fprintf(stderr, "usage: sockcall [BYTES(1..1M) [PAIRS [ROUNDS]]]\n");
    return 2;
  }
  buf = calloc(1, len);
  for (k = 0; k < NKINDS; k++) per[k] = calloc((size_t) rounds, sizeof(double));
  if (buf == NULL || per[NKINDS - 1] == NULL) die("calloc");
  memset(&sa, 0, sizeof(sa));
  sa.sin_family = AF_INET;
  sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if ((l = socket(AF_INET, SOCK_STREAM, 0)) < 0) die("socket");
  if (bind(l, (struct sockaddr*) &sa, sizeof(sa)) || listen(l, 1) ||
      getsockname(l, (struct sockaddr*) &sa, &salen))
    die("listen");
  if ((a = socket(AF_INET, SOCK_STREAM, 0)) < 0) die("socket");
  if (connect(a, (struct sockaddr*) &sa, salen)) die("connect");
  if ((b = accept(l, NULL, NULL)) < 0) die("accept");
  setsockopt(a, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));

  for (i = 0; i < pairs / 10; i++) pair(SEND_RECV, a, b, buf, len); /* warm */
  for (r = 0; r < rounds; r++) {
    for (k = 0; k < NKINDS; k++) {
      double t0 = cpu_ns();
      for (i = 0; i < pairs; i++) pair(k, a, b, buf, len);
      per[k][r] = (cpu_ns() - t0) / (double) pairs;
    }
  }
  printf("%zu-byte messages over loopback TCP, CPU ns per send+receive pair,\n"
         "median (min-max) of %d interleaved rounds of %ld pairs:\n", len, rounds, pairs);
  for (k = 0; k < NKINDS; k++) {
    qsort(per[k], (size_t) rounds, sizeof(double), cmp);
    printf("  %-13s %7.0f (%.0f-%.0f)\n", names[k], per[k][rounds / 2], per[k][0],
           per[k][rounds - 1]);
  }
  return 0;
}
