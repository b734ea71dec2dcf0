/*
 * bench.h — the shared skeleton of the loop benchmarks (perf/, not linked
 * into lode).
 *
 * Every perf/loop/<name>.c is written once against the names below and
 * compiled twice: with -DBENCH_LIBUV against Debian's libuv, without it
 * against lode's loop (loop/lode.h). BK(x) is uv_x or lode_x, BKC(X) is
 * UV_X or LODE_X; the two APIs are shaped alike on purpose, so the same
 * constants, buffers, allocation strategy and callback work run on both.
 *
 * Output: one line per figure, parsed by perf/bench.js:
 *   BENCH case=<name> value=<v> unit=<u> better=<higher|lower|info>
 *         ops=<n> cpu_ns_op=<user+sys ns per op>
 * BENCH_SHORT=1 shrinks every count and duration (smoke mode).
 */
#ifndef LODE_PERF_LOOP_BENCH_H
#define LODE_PERF_LOOP_BENCH_H

#include <assert.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/resource.h>

#ifdef BENCH_LIBUV
# include <uv.h>
# define BK(x) uv_##x
# define BKC(x) UV_##x
# define BK_NAME "libuv"
#else
# include "lode.h"
# define BK(x) lode_##x
# define BKC(x) LODE_##x
# define BK_NAME "lode"
#endif

#define CHECK(expr)                                                           \
  do {                                                                        \
    int check_r_ = (int) (expr);                                              \
    if (check_r_ < 0) {                                                       \
      fprintf(stderr, "%s:%d: %s: %s\n", __FILE__, __LINE__, #expr,           \
              BK(strerror)(check_r_));                                        \
      abort();                                                                \
    }                                                                         \
  } while (0)

static inline uint64_t bench_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t) ts.tv_sec * 1000000000u + (uint64_t) ts.tv_nsec;
}

/* user+sys of the whole process (every thread), nanoseconds. */
static inline uint64_t bench_cpu_ns(void) {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return ((uint64_t) ru.ru_utime.tv_sec + (uint64_t) ru.ru_stime.tv_sec) *
             1000000000u +
         ((uint64_t) ru.ru_utime.tv_usec + (uint64_t) ru.ru_stime.tv_usec) *
             1000u;
}

static inline int bench_short(void) {
  const char* s = getenv("BENCH_SHORT");
  return s != NULL && s[0] != '\0' && s[0] != '0';
}

/* n in a full run, n / div in the short one (at least 1). */
static inline uint64_t bench_count(uint64_t n, uint64_t div) {
  if (!bench_short()) return n;
  return n / div > 0 ? n / div : 1;
}

/* Milliseconds for time-boxed benchmarks: BENCH_MS, else 2000 (200 short). */
static inline uint64_t bench_ms(void) {
  const char* s = getenv("BENCH_MS");
  if (s != NULL) return (uint64_t) strtoull(s, NULL, 10);
  return bench_short() ? 200 : 2000;
}

/* The peer process (perf/loop/peer.c) the driver started: BENCH_PORT. */
static inline int bench_port(void) {
  const char* s = getenv("BENCH_PORT");
  if (s == NULL) {
    fprintf(stderr, "BENCH_PORT is not set: run through perf/bench.js, or "
                    "start build/perf/peer MODE and export its port\n");
    exit(2);
  }
  return atoi(s);
}

/* Raises the descriptor limit to the hard limit (pound: 1,000 sockets). */
static inline void bench_raise_nofile(void) {
  struct rlimit rl;
  if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
    rl.rlim_cur = rl.rlim_max;
    setrlimit(RLIMIT_NOFILE, &rl);
  }
}

/* A measurement window: wall and CPU at the start. */
typedef struct {
  uint64_t wall0;
  uint64_t cpu0;
} bench_clock_t;

static inline void bench_start(bench_clock_t* c) {
  c->cpu0 = bench_cpu_ns();
  c->wall0 = bench_ns();
}

/* Prints a rate (ops per second of wall time) with CPU per op. scale turns
 * ops into the unit (1 for ops/s; bits for Gbit/s, ...). */
static inline void bench_report_rate(const char* name, bench_clock_t* c,
                                     double ops, double scale,
                                     const char* unit) {
  uint64_t wall = bench_ns() - c->wall0;
  uint64_t cpu = bench_cpu_ns() - c->cpu0;
  double secs = (double) wall / 1e9;
  printf("BENCH case=%s value=%.6g unit=%s better=higher ops=%.0f "
         "cpu_ns_op=%.6g wall_ns=%llu backend=%s\n",
         name, ops * scale / secs, unit, ops, ops > 0 ? (double) cpu / ops : 0,
         (unsigned long long) wall, BK_NAME);
  fflush(stdout);
}

/* Prints a time per op (lower is better) with CPU per op. */
static inline void bench_report_time(const char* name, bench_clock_t* c,
                                     double ops) {
  uint64_t wall = bench_ns() - c->wall0;
  uint64_t cpu = bench_cpu_ns() - c->cpu0;
  printf("BENCH case=%s value=%.6g unit=ns/op better=lower ops=%.0f "
         "cpu_ns_op=%.6g wall_ns=%llu backend=%s\n",
         name, (double) wall / ops, ops, (double) cpu / ops,
         (unsigned long long) wall, BK_NAME);
  fflush(stdout);
}

/* Prints an informational figure (no better direction). */
static inline void bench_report_info(const char* name, double value,
                                     const char* unit) {
  printf("BENCH case=%s value=%.6g unit=%s better=info ops=0 cpu_ns_op=0 "
         "wall_ns=0 backend=%s\n", name, value, unit, BK_NAME);
  fflush(stdout);
}

/* A small deterministic PRNG (xorshift64*), the same on both backends. */
static inline uint64_t bench_rand(uint64_t* s) {
  *s ^= *s >> 12;
  *s ^= *s << 25;
  *s ^= *s >> 27;
  return *s * 2685821657736338717ull;
}

static inline void bench_ip4(struct sockaddr_in* a, int port) {
  memset(a, 0, sizeof(*a));
  a->sin_family = AF_INET;
  a->sin_port = htons((uint16_t) port);
  a->sin_addr.s_addr = htonl(0x7f000001);
}

#endif
