/*
 * runstat.c — runs a command and reports what it cost (perf/): wall time,
 * user and system CPU, and peak RSS, from wait4(2)'s rusage of that child
 * alone (the JS benchmarks measure lode and node from outside with it).
 *
 *   runstat OUTFILE CMD [ARGS...]
 * writes "wall_ns=N user_ns=N sys_ns=N maxrss_kb=N status=N" to OUTFILE;
 * the command's stdout and stderr pass through. Exits with its status.
 */
#ifndef _GNU_SOURCE
# define _GNU_SOURCE
#endif
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static uint64_t now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t) ts.tv_sec * 1000000000u + (uint64_t) ts.tv_nsec;
}

static uint64_t tv_ns(struct timeval tv) {
  return (uint64_t) tv.tv_sec * 1000000000u + (uint64_t) tv.tv_usec * 1000u;
}

int main(int argc, char** argv) {
  uint64_t t0, t1;
  pid_t pid;
  int status;
  struct rusage ru;
  FILE* out;

  if (argc < 3) {
    fprintf(stderr, "usage: runstat OUTFILE CMD [ARGS...]\n");
    return 2;
  }
  t0 = now_ns();
  pid = fork();
  if (pid < 0) return 2;
  if (pid == 0) {
    execvp(argv[2], argv + 2);
    perror(argv[2]);
    _exit(127);
  }
  if (wait4(pid, &status, 0, &ru) < 0) return 2;
  t1 = now_ns();
  out = fopen(argv[1], "w");
  if (out == NULL) return 2;
  fprintf(out, "wall_ns=%llu user_ns=%llu sys_ns=%llu maxrss_kb=%ld status=%d\n",
          (unsigned long long) (t1 - t0), (unsigned long long) tv_ns(ru.ru_utime),
          (unsigned long long) tv_ns(ru.ru_stime), ru.ru_maxrss,
          WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
  fclose(out);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
