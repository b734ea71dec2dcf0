/* test-runner.c — the test runner's own promise that no test leaves
 * processes behind ("no zombies"): a JS test that starts a detached
 * `sleep` and exits must fail with "left 1 process running", and the
 * runner must have killed that process. Runs a second runner (this
 * binary) on a folder holding only that test; needs LODE_BIN and Linux
 * (the runner is a child subreaper there). */
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include "../task.h"

static void write_file(const char* dir, const char* name, const char* body) {
  char path[4096];
  int fd;
  snprintf(path, sizeof(path), "%s/%s", dir, name);
  fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(write(fd, body, strlen(body)), (int64_t) strlen(body));
  close(fd);
}

TEST_IMPL(runner_fails_a_test_that_leaves_a_process) {
#if defined(__linux__)
  const char* bin = getenv("LODE_BIN");
  char lode_abs[4096], exe_abs[4096], pidfile[4096], cmd[16384];
  char out[8192];
  size_t len = 0, n;
  FILE* p;
  FILE* f;
  long pid = 0;
  const char* dir = test_tmpdir();

  if (bin == NULL) {
    printf("LODE_BIN is not set\n");
    return TEST_SKIP;
  }
  ASSERT(realpath(bin, lode_abs) != NULL);
  ASSERT(realpath(test_exe_path, exe_abs) != NULL);
  snprintf(pidfile, sizeof(pidfile), "%s/sleep.pid", dir);
  /* The leaking test prints nothing: its .expected file is empty. */
  write_file(dir, "test-leak.expected", "");
  snprintf(cmd, sizeof(cmd),
           "var cp = require('child_process');\n"
           "var c = cp.spawn('sleep', ['30'], {detached: true, stdio: 'ignore'});\n"
           "require('fs').writeFileSync('%s', String(c.pid));\n"
           "c.unref();\n",
           pidfile);
  write_file(dir, "test-leak.js", cmd);
  snprintf(cmd, sizeof(cmd),
           "LODE_BIN='%s' LODE_JS_TESTS='%s' '%s' --match js/test-leak 2>&1",
           lode_abs, dir, exe_abs);
  p = popen(cmd, "r");
  ASSERT(p != NULL);
  while (len < sizeof(out) - 1 &&
         (n = fread(out + len, 1, sizeof(out) - 1 - len, p)) > 0)
    len += n;
  out[len] = '\0';
  /* The inner runner fails, so it exits 1. */
  ASSERT_EQ(pclose(p), 1 << 8);
  if (strstr(out, "not ok js/test-leak.js (left 1 process running)") == NULL ||
      strstr(out, "0 passed, 1 failed, 0 skipped") == NULL) {
    fprintf(stderr, "inner runner said:\n%s\n", out);
    ASSERT(0);
  }
  /* The sleep ran (its pid was written) and is gone: killed and reaped by
   * the inner runner, not handed on to this one. */
  f = fopen(pidfile, "r");
  ASSERT(f != NULL);
  ASSERT_EQ(fscanf(f, "%ld", &pid), 1);
  fclose(f);
  ASSERT_GT(pid, 0);
  ASSERT_EQ(kill((pid_t) pid, 0), -1);
  ASSERT_EQ(errno, ESRCH);
  return 0;
#else
  printf("the runner is a child subreaper only on Linux\n");
  return TEST_SKIP;
#endif
}
