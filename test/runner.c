/*
 * runner.c — the one test executable (test/).
 *
 *   runner                 every test, each in its own child process with
 *                          a timeout; output shown only on failure; last
 *                          line "N passed, N failed, N skipped"; exit 1 on
 *                          any failure
 *   runner NAME            one test in this process (for gdb/valgrind)
 *   runner --match TEXT    every test whose name contains TEXT, forked
 *   runner --list          the names
 *   runner --helper NAME [ARGS...]
 *                          a helper process some tests spawn
 *
 * LODE_TEST_TIMEOUT_MULT scales the 5 s timeout (sanitizer runs use 3).
 * Each test gets a counting allocator (lode_replace_allocator) and must
 * end with zero live allocations. Forked tests must also leave no process
 * behind: the runner is a child subreaper (Linux), so a test's orphaned
 * descendants become its children; exited ones are reaped, and a test
 * whose processes are still running 2 s after it ends fails ("left N
 * processes running"; they are killed).
 *
 * JS tests: with LODE_BIN (the lode binary) and LODE_JS_TESTS (a folder)
 * set, every test-*.js in the folder is a test too, named js/<file>. It
 * runs under node and under lode in its own folder, stdin /dev/null, and
 * passes when stdout and the exit code match. A test-x.expected file next
 * to it replaces node's output (for lode-only behaviour); without node on
 * the machine, tests without .expected are skipped.
 */
#include <dirent.h>
#include <errno.h>
#include <libgen.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/prctl.h>
#endif

#include "task.h"

typedef int (*test_fn)(void);
typedef int (*helper_fn)(int argc, char** argv);

#define TEST_ENTRY(name) int run_test_##name(void);
#define HELPER_ENTRY(name) int run_helper_##name(int argc, char** argv);
#include "list.h"
#undef TEST_ENTRY
#undef HELPER_ENTRY

static const struct {
  const char* name;
  test_fn fn;
} tests[] = {
#define TEST_ENTRY(name) {#name, run_test_##name},
#define HELPER_ENTRY(name)
#include "list.h"
#undef TEST_ENTRY
#undef HELPER_ENTRY
    {NULL, NULL}};

static const struct {
  const char* name;
  helper_fn fn;
} helpers[] = {
#define TEST_ENTRY(name)
#define HELPER_ENTRY(name) {#name, run_helper_##name},
#include "list.h"
#undef TEST_ENTRY
#undef HELPER_ENTRY
    {NULL, NULL}};

const char* test_exe_path;

typedef struct {
  const char* name;
  test_fn fn;
  char* js; /* JS test path, or NULL */
  int timeout_ms;
} entry_t;

static entry_t* entries;
static int nentries;

static int cmp_str(const void* a, const void* b) {
  return strcmp(*(char* const*) a, *(char* const*) b);
}

static void build_entries(void) {
  const char* dir = getenv("LODE_JS_TESTS");
  int i, n = 0, cap;
  char** names = NULL;
  int nnames = 0;

  for (i = 0; tests[i].name != NULL; i++) n++;
  if (dir != NULL && getenv("LODE_BIN") != NULL) {
    DIR* d = opendir(dir);
    struct dirent* e;
    if (d != NULL) {
      while ((e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        if (strncmp(e->d_name, "test-", 5) != 0 || len < 4 ||
            strcmp(e->d_name + len - 3, ".js") != 0)
          continue;
        names = realloc(names, (size_t) (nnames + 1) * sizeof(*names));
        names[nnames++] = strdup(e->d_name);
      }
      closedir(d);
    }
    qsort(names, (size_t) nnames, sizeof(*names), cmp_str);
  }
  cap = n + nnames + 1;
  entries = calloc((size_t) cap, sizeof(*entries));
  for (i = 0; i < n; i++) {
    entries[i].name = tests[i].name;
    entries[i].fn = tests[i].fn;
    entries[i].timeout_ms = 5000;
  }
  for (i = 0; i < nnames; i++) {
    char* name = malloc(strlen(names[i]) + 4);
    char* path = malloc(strlen(dir) + strlen(names[i]) + 2);
    sprintf(name, "js/%s", names[i]);
    sprintf(path, "%s/%s", dir, names[i]);
    entries[n + i].name = name;
    entries[n + i].js = path;
    entries[n + i].timeout_ms = 30000;
    free(names[i]);
  }
  free(names);
  nentries = n + nnames;
}

/* ---- JS tests ---- */

/* Runs argv in dir with stdin from /dev/null, stdout and stderr to the
 * given files; returns the exit status (128+signal), or -1. */
static int run_cmd(char* const argv[], const char* dir, FILE* out, FILE* err) {
  int status;
  pid_t pid = fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    int devnull = open("/dev/null", O_RDONLY);
    if (devnull >= 0) dup2(devnull, 0);
    dup2(fileno(out), 1);
    dup2(fileno(err), 2);
    if (chdir(dir) != 0) _exit(126);
    execvp(argv[0], argv);
    _exit(127);
  }
  while (waitpid(pid, &status, 0) == -1 && errno == EINTR) {
  }
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

static int node_available(void) {
  const char* path = getenv("PATH");
  char buf[4096];
  const char* p = path;
  while (p != NULL && *p != '\0') {
    const char* colon = strchr(p, ':');
    size_t len = colon ? (size_t) (colon - p) : strlen(p);
    snprintf(buf, sizeof(buf), "%.*s/node", (int) len, p);
    if (access(buf, X_OK) == 0) return 1;
    p = colon ? colon + 1 : NULL;
  }
  return 0;
}

static char* slurp(FILE* f, size_t* len) {
  long n;
  char* buf;
  fflush(f);
  fseek(f, 0, SEEK_END);
  n = ftell(f);
  rewind(f);
  buf = malloc((size_t) n + 1);
  *len = fread(buf, 1, (size_t) n, f);
  buf[*len] = '\0';
  return buf;
}

static void show_first_difference(const char* want, const char* got) {
  int line = 1;
  const char *a = want, *b = got;
  while (*a != '\0' && *a == *b) {
    if (*a == '\n') line++;
    a++;
    b++;
  }
  printf("first difference at output line %d\n", line);
  while (a > want && a[-1] != '\n') a--;
  while (b > got && b[-1] != '\n') b--;
  printf("  expected: %.*s\n", (int) strcspn(a, "\n"), a);
  printf("  lode:     %.*s\n", (int) strcspn(b, "\n"), b);
}

static int run_js_test(const char* path) {
  char* dirbuf = strdup(path);
  char* basebuf = strdup(path);
  char* dir = dirname(dirbuf);
  char* base = basename(basebuf);
  char expected_path[4096];
  const char* lode = getenv("LODE_BIN");
  char lode_abs[4096];
  FILE *lout = tmpfile(), *lerr = tmpfile(), *nout = tmpfile(), *nerr = tmpfile();
  char *want, *got;
  size_t wlen, glen;
  int want_code, got_code, result = 0;
  FILE* exp;

  if (realpath(lode, lode_abs) == NULL) {
    printf("LODE_BIN %s: %s\n", lode, strerror(errno));
    return 1;
  }
  snprintf(expected_path, sizeof(expected_path), "%.*s.expected",
           (int) (strlen(path) - 3), path);
  exp = fopen(expected_path, "r");
  if (exp != NULL) {
    want = slurp(exp, &wlen);
    fclose(exp);
    want_code = 0;
  } else {
    char* nargv[] = {"node", base, NULL};
    if (!node_available()) {
      printf("node is not installed and %s has no .expected file\n", base);
      return TEST_SKIP;
    }
    want_code = run_cmd(nargv, dir, nout, nerr);
    want = slurp(nout, &wlen);
  }
  {
    char* largv[] = {lode_abs, base, NULL};
    got_code = run_cmd(largv, dir, lout, lerr);
    got = slurp(lout, &glen);
  }
  if (want_code != got_code) {
    printf("exit code: expected %d, lode %d\n", want_code, got_code);
    result = 1;
  }
  if (wlen != glen || memcmp(want, got, wlen) != 0) {
    show_first_difference(want, got);
    result = 1;
  }
  if (result != 0) {
    size_t elen;
    char* e = slurp(lerr, &elen);
    printf("lode stderr:\n%.*s\n", (int) (elen > 3000 ? 3000 : elen), e);
    free(e);
  }
  free(want);
  free(got);
  fclose(lout);
  fclose(lerr);
  fclose(nout);
  fclose(nerr);
  free(dirbuf);
  free(basebuf);
  return result;
}

/* ---- counting allocator ---- */

static long live_allocations;

static void* count_malloc(size_t size) {
  void* p = malloc(size);
  if (p != NULL) __atomic_add_fetch(&live_allocations, 1, __ATOMIC_RELAXED);
  return p;
}

static void* count_calloc(size_t count, size_t size) {
  void* p = calloc(count, size);
  if (p != NULL) __atomic_add_fetch(&live_allocations, 1, __ATOMIC_RELAXED);
  return p;
}

static void* count_realloc(void* ptr, size_t size) {
  void* p = realloc(ptr, size);
  if (ptr == NULL && p != NULL)
    __atomic_add_fetch(&live_allocations, 1, __ATOMIC_RELAXED);
  return p;
}

static void count_free(void* ptr) {
  if (ptr != NULL) __atomic_sub_fetch(&live_allocations, 1, __ATOMIC_RELAXED);
  free(ptr);
}

long test_live_allocations(void) {
  return __atomic_load_n(&live_allocations, __ATOMIC_RELAXED);
}

/* ---- helpers for tests ---- */

int test_timeout_mult(void) {
  const char* s = getenv("LODE_TEST_TIMEOUT_MULT");
  int m = s ? atoi(s) : 1;
  return m > 0 ? m : 1;
}

static char tmpdir_path[4096];

const char* test_tmpdir(void) {
  if (tmpdir_path[0] == '\0') {
    const char* base = getenv("TMPDIR");
    if (base == NULL || *base == '\0') base = "/tmp";
    snprintf(tmpdir_path, sizeof(tmpdir_path), "%s/lode-test-XXXXXX", base);
    if (mkdtemp(tmpdir_path) == NULL) {
      perror("mkdtemp");
      abort();
    }
  }
  return tmpdir_path;
}

static int rm_entry(const char* path, const struct stat* st, int flag,
                    struct FTW* ftw) {
  (void) st;
  (void) flag;
  (void) ftw;
  remove(path);
  return 0;
}

static void remove_tmpdir(void) {
  if (tmpdir_path[0] != '\0') {
    nftw(tmpdir_path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
    tmpdir_path[0] = '\0';
  }
}

static void close_walk_cb(lode_handle_t* handle, void* arg) {
  (void) arg;
  if (!lode_is_closing(handle)) lode_close(handle, NULL);
}

void test_close_loop(lode_loop_t* loop) {
  lode_walk(loop, close_walk_cb, NULL);
  lode_run(loop, LODE_RUN_DEFAULT);
  ASSERT_OK(lode_loop_close(loop));
}

char test_slab[65536];

void test_slab_alloc(lode_handle_t* h, size_t size, lode_buf_t* buf) {
  (void) h;
  (void) size;
  buf->base = test_slab;
  buf->len = sizeof(test_slab);
}

int test_can_ipv6(void) {
  struct sockaddr_in6 addr;
  int fd = socket(AF_INET6, SOCK_STREAM, 0);
  int ok;
  if (fd < 0) return 0;
  memset(&addr, 0, sizeof(addr));
  addr.sin6_family = AF_INET6;
  addr.sin6_addr = in6addr_loopback;
  ok = bind(fd, (struct sockaddr*) &addr, sizeof(addr)) == 0;
  close(fd);
  return ok;
}

/* ---- running ---- */

/* Runs one test in this process: 0 pass, TEST_SKIP, or 1 fail. */
static int run_in_process(int index) {
  int r;
  signal(SIGPIPE, SIG_IGN);
  if (entries[index].js != NULL) return run_js_test(entries[index].js);
  if (lode_replace_allocator(count_malloc, count_realloc, count_calloc,
                             count_free) != 0) {
    fprintf(stderr, "cannot install the counting allocator\n");
    return 1;
  }
  r = entries[index].fn();
  remove_tmpdir();
  if (r == TEST_SKIP) return TEST_SKIP;
  if (r != 0) {
    fprintf(stderr, "test returned %d\n", r);
    return 1;
  }
  if (test_live_allocations() != 0) {
    fprintf(stderr, "%ld lode allocation(s) still live at the end\n",
            test_live_allocations());
    return 1;
  }
  return 0;
}

static int find_test(const char* name) {
  int i;
  for (i = 0; i < nentries; i++)
    if (strcmp(entries[i].name, name) == 0) return i;
  return -1;
}

static void show_output(FILE* out) {
  char line[1024];
  int n = 0;
  rewind(out);
  while (fgets(line, sizeof(line), out) != NULL && n++ < 200)
    fprintf(stdout, "    %s", line);
}

/* Forks, runs the test with output captured and a deadline.
 * Returns 0 pass, TEST_SKIP, 1 fail. */
/* The runner's live children other than reaped ones (Linux: scanned in
 * /proc by parent pid); kill them too when kill_them. */
static int live_children(int kill_them) {
  int n = 0;
#if defined(__linux__)
  char path[300], buf[512];
  DIR* d;
  struct dirent* e;
  pid_t self = getpid();
  while (waitpid(-1, NULL, WNOHANG) > 0) {
  }
  d = opendir("/proc");
  if (d == NULL) return 0;
  while ((e = readdir(d)) != NULL) {
    FILE* f;
    long ppid = -1;
    char state = 0;
    char* rp;
    if (e->d_name[0] < '0' || e->d_name[0] > '9') continue;
    snprintf(path, sizeof(path), "/proc/%s/stat", e->d_name);
    f = fopen(path, "r");
    if (f == NULL) continue;
    if (fgets(buf, sizeof(buf), f) != NULL && (rp = strrchr(buf, ')')) != NULL)
      sscanf(rp + 1, " %c %ld", &state, &ppid);
    fclose(f);
    if (ppid != (long) self || state == 'Z') continue;
    n++;
    if (kill_them) {
      pid_t child = (pid_t) atol(e->d_name);
      kill(child, SIGKILL);
      waitpid(child, NULL, 0);
    }
  }
  closedir(d);
#else
  (void) kill_them;
#endif
  return n;
}

/* The runner is a child subreaper (Linux), so a test's orphaned
 * descendants become its children. After a test: reap the ones that
 * exit; one that is still running once 2 s (times LODE_TEST_TIMEOUT_MULT)
 * have passed was left behind: kill it and count it. The wait is for
 * processes already on their way out (a forked child sees its channel
 * close when the test's process exits and ends a moment later). */
static int reap_leftovers(void) {
  struct timespec tick = {0, 10 * 1000000L};
  int i, rounds = 200 * test_timeout_mult();
  for (i = 0; i < rounds; i++) {
    if (live_children(0) == 0) return 0;
    nanosleep(&tick, NULL);
  }
  return live_children(1);
}

static int run_forked(int index) {
  int leftover;
  FILE* out = tmpfile();
  sigset_t set, old;
  struct timespec deadline, now, left;
  int timeout_ms = entries[index].timeout_ms * test_timeout_mult();
  int status = 0, result, timed_out = 0;
  pid_t pid;

  sigemptyset(&set);
  sigaddset(&set, SIGCHLD);
  sigprocmask(SIG_BLOCK, &set, &old);

  fflush(stdout);
  fflush(stderr);
  pid = fork();
  if (pid == 0) {
    sigprocmask(SIG_SETMASK, &old, NULL);
    setpgid(0, 0);
    dup2(fileno(out), 1);
    dup2(fileno(out), 2);
    setvbuf(stdout, NULL, _IONBF, 0);
    _exit(run_in_process(index));
  }
  setpgid(pid, pid);

  clock_gettime(CLOCK_MONOTONIC, &deadline);
  deadline.tv_sec += timeout_ms / 1000;
  deadline.tv_nsec += (long) (timeout_ms % 1000) * 1000000L;
  if (deadline.tv_nsec >= 1000000000L) {
    deadline.tv_sec++;
    deadline.tv_nsec -= 1000000000L;
  }
  for (;;) {
    pid_t w = waitpid(pid, &status, WNOHANG);
    if (w == pid) break;
    clock_gettime(CLOCK_MONOTONIC, &now);
    left.tv_sec = deadline.tv_sec - now.tv_sec;
    left.tv_nsec = deadline.tv_nsec - now.tv_nsec;
    if (left.tv_nsec < 0) {
      left.tv_sec--;
      left.tv_nsec += 1000000000L;
    }
    if (left.tv_sec < 0) {
      timed_out = 1;
      kill(-pid, SIGKILL);
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      break;
    }
    /* Woken by SIGCHLD from the test process (or a stray one). */
    sigtimedwait(&set, NULL, &left);
  }
  /* Whatever the test left behind in its process group goes too. */
  kill(-pid, SIGKILL);
  leftover = reap_leftovers();
  sigprocmask(SIG_SETMASK, &old, NULL);
  if (leftover > 0 && !timed_out && WIFEXITED(status) &&
      (WEXITSTATUS(status) == 0 || WEXITSTATUS(status) == TEST_SKIP)) {
    /* No zombies, no orphans: a test's processes end with it. */
    fprintf(stdout, "not ok %s (left %d process%s running)\n", entries[index].name, leftover,
            leftover == 1 ? "" : "es");
    show_output(out);
    fclose(out);
    return 1;
  }

  if (timed_out) {
    result = 1;
    fprintf(stdout, "not ok %s (timeout after %d ms)\n", entries[index].name,
            timeout_ms);
  } else if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
    result = 0;
  } else if (WIFEXITED(status) && WEXITSTATUS(status) == TEST_SKIP) {
    result = TEST_SKIP;
  } else {
    result = 1;
    if (WIFSIGNALED(status))
      fprintf(stdout, "not ok %s (signal %d)\n", entries[index].name,
              WTERMSIG(status));
    else
      fprintf(stdout, "not ok %s (exit %d)\n", entries[index].name,
              WEXITSTATUS(status));
  }
  if (result == 1) show_output(out);
  if (result == TEST_SKIP) {
    char line[256] = "";
    rewind(out);
    if (fgets(line, sizeof(line), out) == NULL) line[0] = '\0';
    printf("skip %s %s", entries[index].name, line);
    if (line[0] == '\0' || line[strlen(line) - 1] != '\n') printf("\n");
  }
  fclose(out);
  return result;
}

int main(int argc, char** argv) {
  int i, passed = 0, failed = 0, skipped = 0;
  const char* match = NULL;

  test_exe_path = argv[0];
  build_entries();
  if (argc >= 2 && strcmp(argv[1], "--list") == 0) {
    for (i = 0; i < nentries; i++) printf("%s\n", entries[i].name);
    return 0;
  }
  if (argc >= 3 && strcmp(argv[1], "--helper") == 0) {
    for (i = 0; helpers[i].name != NULL; i++)
      if (strcmp(helpers[i].name, argv[2]) == 0)
        return helpers[i].fn(argc - 2, argv + 2);
    fprintf(stderr, "no helper named %s\n", argv[2]);
    return 2;
  }
  if (argc >= 3 && strcmp(argv[1], "--match") == 0) {
    match = argv[2];
  } else if (argc >= 2) {
    int idx = find_test(argv[1]);
    int r;
    if (idx < 0) {
      fprintf(stderr, "no test named %s (runner --list)\n", argv[1]);
      return 2;
    }
    r = run_in_process(idx);
    printf("%s %s\n", r == 0 ? "ok" : r == TEST_SKIP ? "skip" : "not ok",
           argv[1]);
    return r == TEST_SKIP ? 0 : r;
  }

#if defined(__linux__)
  prctl(PR_SET_CHILD_SUBREAPER, 1);
#endif
  for (i = 0; i < nentries; i++) {
    int r;
    if (match != NULL && strstr(entries[i].name, match) == NULL) continue;
    r = run_forked(i);
    if (r == 0)
      passed++;
    else if (r == TEST_SKIP)
      skipped++;
    else
      failed++;
  }
  printf("%d passed, %d failed, %d skipped\n", passed, failed, skipped);
  return failed ? 1 : 0;
}
