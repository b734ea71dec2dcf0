/*
 * task.h — what every C test includes (test/).
 *
 * A test is `TEST_IMPL(name) { ...; return 0; }` in a file under
 * test/loop/; the Makefile collects the names into the runner. Each test
 * runs in its own child process with a timeout, a counting allocator
 * installed and SIGPIPE ignored; it passes when it returns 0 and no lode
 * allocation is left live. Return TEST_SKIP (with a reason printed) when
 * the machine cannot run it.
 *
 * Assertions print both values. Tests bind 127.0.0.1 port 0, keep
 * temporary files under $TMPDIR and never sleep in place of waiting for
 * the event they need.
 */
#ifndef LODE_TEST_TASK_H
#define LODE_TEST_TASK_H

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../loop/lode.h"

#define TEST_SKIP 77

#define TEST_IMPL(name)                                                       \
  int run_test_##name(void);                                                  \
  int run_test_##name(void)

/* A helper process body, run by `runner --helper name args...`; argv[0]
 * is the helper's name. Spawn test_exe_path with those arguments. */
#define HELPER_IMPL(name)                                                     \
  int run_helper_##name(int argc, char** argv);                               \
  int run_helper_##name(int argc, char** argv)

#define TEST_FAIL_(...)                                                       \
  do {                                                                        \
    fprintf(stderr, "Assertion failed in %s on line %d: ", __FILE__,          \
            __LINE__);                                                        \
    fprintf(stderr, __VA_ARGS__);                                             \
    fprintf(stderr, "\n");                                                    \
    fflush(stderr);                                                           \
    abort();                                                                  \
  } while (0)

#define ASSERT(expr)                                                          \
  do {                                                                        \
    if (!(expr)) TEST_FAIL_("%s", #expr);                                     \
  } while (0)

#define ASSERT_BASE_(a, op, b, type, fmt)                                     \
  do {                                                                        \
    type eval_a_ = (type) (a);                                                \
    type eval_b_ = (type) (b);                                                \
    if (!(eval_a_ op eval_b_))                                                \
      TEST_FAIL_("`%s %s %s` (" fmt " %s " fmt ")", #a, #op, #b, eval_a_,     \
                 #op, eval_b_);                                               \
  } while (0)

#define ASSERT_EQ(a, b) ASSERT_BASE_(a, ==, b, int64_t, "%" PRId64)
#define ASSERT_NE(a, b) ASSERT_BASE_(a, !=, b, int64_t, "%" PRId64)
#define ASSERT_GT(a, b) ASSERT_BASE_(a, >, b, int64_t, "%" PRId64)
#define ASSERT_GE(a, b) ASSERT_BASE_(a, >=, b, int64_t, "%" PRId64)
#define ASSERT_LT(a, b) ASSERT_BASE_(a, <, b, int64_t, "%" PRId64)
#define ASSERT_LE(a, b) ASSERT_BASE_(a, <=, b, int64_t, "%" PRId64)
#define ASSERT_UINT64_EQ(a, b) ASSERT_BASE_(a, ==, b, uint64_t, "%" PRIu64)
#define ASSERT_UINT64_LE(a, b) ASSERT_BASE_(a, <=, b, uint64_t, "%" PRIu64)
#define ASSERT_UINT64_GE(a, b) ASSERT_BASE_(a, >=, b, uint64_t, "%" PRIu64)
#define ASSERT_PTR_EQ(a, b) ASSERT_BASE_(a, ==, b, const void*, "%p")
#define ASSERT_PTR_NE(a, b) ASSERT_BASE_(a, !=, b, const void*, "%p")
#define ASSERT_NULL(a) ASSERT_PTR_EQ(a, NULL)
#define ASSERT_NOT_NULL(a) ASSERT_PTR_NE(a, NULL)

/* 0 expected; on failure prints the lode error name too. */
#define ASSERT_OK(expr)                                                       \
  do {                                                                        \
    int64_t eval_r_ = (int64_t) (expr);                                       \
    if (eval_r_ != 0)                                                         \
      TEST_FAIL_("`%s` returned %" PRId64 " (%s)", #expr, eval_r_,            \
                 lode_err_name((int) eval_r_));                               \
  } while (0)

/* A lode error code expected; prints both names. */
#define ASSERT_ERR(expr, code)                                                \
  do {                                                                        \
    int64_t eval_r_ = (int64_t) (expr);                                       \
    int64_t eval_c_ = (int64_t) (code);                                       \
    if (eval_r_ != eval_c_)                                                   \
      TEST_FAIL_("`%s` returned %" PRId64 " (%s), expected %s", #expr,        \
                 eval_r_, eval_r_ < 0 ? lode_err_name((int) eval_r_) : "-",   \
                 lode_err_name((int) eval_c_));                               \
  } while (0)

#define ASSERT_STR_EQ(a, b)                                                   \
  do {                                                                        \
    const char* eval_a_ = (a);                                                \
    const char* eval_b_ = (b);                                                \
    if (eval_a_ == NULL || eval_b_ == NULL || strcmp(eval_a_, eval_b_) != 0)  \
      TEST_FAIL_("`%s == %s` (\"%s\" == \"%s\")", #a, #b,                     \
                 eval_a_ ? eval_a_ : "(null)", eval_b_ ? eval_b_ : "(null)"); \
  } while (0)

/* Ends a test: closes every handle left, runs the loop until their close
 * callbacks ran, and requires lode_loop_close to succeed. */
void test_close_loop(lode_loop_t* loop);
#define ASSERT_LOOP_CLOSED(loop) test_close_loop(loop)

/* Live allocations made through lode's allocator (counted in tests). */
long test_live_allocations(void);

/* A fresh directory under $TMPDIR (or /tmp) for this test; removed with
 * everything in it when the test process ends. Returns a static path. */
const char* test_tmpdir(void);

/* The runner's own path (for spawning helper processes). */
extern const char* test_exe_path;

/* Scale for timeouts a test sets itself (LODE_TEST_TIMEOUT_MULT). */
int test_timeout_mult(void);

/* Fills addr with 127.0.0.1:port. */
#define TEST_ADDR4(addr, port) ASSERT_OK(lode_ip4_addr("127.0.0.1", (port), (addr)))

/* Whether IPv6 loopback works here (tests skip when it does not). */
int test_can_ipv6(void);

/* Runs single turns of loop until cond holds; fails if the loop runs dry
 * first (the event it waits for can no longer happen). */
#define RUN_LOOP_UNTIL(loop, cond)                                            \
  do {                                                                        \
    while (!(cond)) {                                                         \
      if (lode_run((loop), LODE_RUN_ONCE) == 0 && !(cond))                    \
        TEST_FAIL_("loop ended before `%s`", #cond);                          \
    }                                                                         \
  } while (0)

/* An alloc_cb handing out one shared 64 KiB buffer, for read callbacks
 * that inspect or count the bytes before returning. */
extern char test_slab[65536];
void test_slab_alloc(lode_handle_t* h, size_t size, lode_buf_t* buf);

#endif /* LODE_TEST_TASK_H */
