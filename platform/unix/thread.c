/*
 * thread.c — threads, mutexes, condition variables on pthreads
 * (layer: platform/unix). Contract: loop/lode.h, "Thread primitives".
 * Failures that can only come from misuse abort with a message.
 */
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <time.h>

#include "internal.h"

struct thread_start {
  lode_thread_cb entry;
  void* arg;
};

static void* thread_trampoline(void* p) {
  struct thread_start s = *(struct thread_start*) p;
  lode__free(p);
  s.entry(s.arg);
  return NULL;
}

int lode_thread_create(lode_thread_t* tid, lode_thread_cb entry, void* arg) {
  struct thread_start* s;
  pthread_attr_t attr;
  int err;

  s = lode__malloc(sizeof(*s));
  if (s == NULL) return LODE_ENOMEM;
  s->entry = entry;
  s->arg = arg;
  /* Workers need little stack; 8 MiB per thread is wasteful, but keep at
   * least the libc minimum. */
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, 1 << 20);
  err = pthread_create(tid, &attr, thread_trampoline, s);
  pthread_attr_destroy(&attr);
  if (err != 0) {
    lode__free(s);
    return -err;
  }
  return 0;
}

int lode_thread_join(lode_thread_t* tid) {
  return -pthread_join(*tid, NULL);
}

int lode_mutex_init(lode_mutex_t* mutex) {
  return -pthread_mutex_init(mutex, NULL);
}

void lode_mutex_destroy(lode_mutex_t* mutex) {
  if (pthread_mutex_destroy(mutex) != 0) LODE__ABORT("pthread_mutex_destroy");
}

void lode_mutex_lock(lode_mutex_t* mutex) {
  if (pthread_mutex_lock(mutex) != 0) LODE__ABORT("pthread_mutex_lock");
}

void lode_mutex_unlock(lode_mutex_t* mutex) {
  if (pthread_mutex_unlock(mutex) != 0) LODE__ABORT("pthread_mutex_unlock");
}

int lode_cond_init(lode_cond_t* cond) {
  pthread_condattr_t attr;
  int err = pthread_condattr_init(&attr);
  if (err != 0) return -err;
  /* Timed waits measure on the monotonic clock, immune to clock changes. */
  err = pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
  if (err == 0) err = pthread_cond_init(cond, &attr);
  pthread_condattr_destroy(&attr);
  return -err;
}

void lode_cond_destroy(lode_cond_t* cond) {
  if (pthread_cond_destroy(cond) != 0) LODE__ABORT("pthread_cond_destroy");
}

void lode_cond_signal(lode_cond_t* cond) {
  if (pthread_cond_signal(cond) != 0) LODE__ABORT("pthread_cond_signal");
}

void lode_cond_broadcast(lode_cond_t* cond) {
  if (pthread_cond_broadcast(cond) != 0) LODE__ABORT("pthread_cond_broadcast");
}

void lode_cond_wait(lode_cond_t* cond, lode_mutex_t* mutex) {
  if (pthread_cond_wait(cond, mutex) != 0) LODE__ABORT("pthread_cond_wait");
}

int lode_cond_timedwait(lode_cond_t* cond, lode_mutex_t* mutex,
                        uint64_t timeout_ns) {
  struct timespec ts;
  uint64_t abs_ns;
  int err;

  abs_ns = lode__hrtime_ns() + timeout_ns;
  ts.tv_sec = (time_t) (abs_ns / 1000000000u);
  ts.tv_nsec = (long) (abs_ns % 1000000000u);
  err = pthread_cond_timedwait(cond, mutex, &ts);
  if (err == 0) return 0;
  if (err == ETIMEDOUT) return LODE_ETIMEDOUT;
  LODE__ABORT("pthread_cond_timedwait");
  return -err;
}

void lode__thread_block_signals(void) {
  sigset_t set;
  sigfillset(&set);
  /* Faults are delivered to the faulting thread whatever the mask; keep
   * them unblocked so a crash in a worker is not turned into a hang. */
  sigdelset(&set, SIGSEGV);
  sigdelset(&set, SIGBUS);
  sigdelset(&set, SIGFPE);
  sigdelset(&set, SIGILL);
  sigdelset(&set, SIGABRT);
  sigdelset(&set, SIGTRAP);
  pthread_sigmask(SIG_BLOCK, &set, NULL);
}

void lode_once(lode_once_t* guard, void (*cb)(void)) {
  if (pthread_once(guard, cb) != 0) LODE__ABORT("pthread_once");
}

void lode__thread_yield(void) {
  sched_yield();
}
