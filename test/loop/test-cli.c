/* test-cli.c — the lode command's start-up behaviour: options, exit codes,
 * and the messages for a missing script, a syntax error and an uncaught
 * error. Runs the binary named by LODE_BIN (skipped when unset) with
 * lode_spawn, capturing stdout and stderr through pipes. */
#include <fcntl.h>
#include <unistd.h>

#include "../task.h"

typedef struct {
  lode_pipe_t pipe;
  char data[65536];
  size_t len;
} capture_t;

typedef struct {
  capture_t out, err;
  lode_pipe_t in;
  lode_write_t write_req;
  lode_buf_t input;
  int64_t exit_status;
  int term_signal;
  int exited;
} run_t;

static void cap_alloc(lode_handle_t* h, size_t size, lode_buf_t* buf) {
  capture_t* c = (capture_t*) h;
  (void) size;
  buf->base = c->data + c->len;
  buf->len = sizeof(c->data) - 1 - c->len;
}

static void cap_read(lode_stream_t* s, lode_ssize_t n, const lode_buf_t* buf) {
  capture_t* c = (capture_t*) s;
  (void) buf;
  if (n > 0) {
    c->len += (size_t) n;
    c->data[c->len] = '\0';
  } else if (n < 0) {
    lode_close((lode_handle_t*) s, NULL);
  }
}

/* As input: leave the child's stdin open (and silent) until it exits. */
static const char keep_stdin_open[] = "";

static void on_exit_cb(lode_process_t* p, int64_t status, int sig) {
  run_t* r = p->data;
  r->exit_status = status;
  r->term_signal = sig;
  r->exited = 1;
  if (!lode_is_closing((lode_handle_t*) &r->in))
    lode_close((lode_handle_t*) &r->in, NULL);
  lode_close((lode_handle_t*) p, NULL);
}

static void on_written(lode_write_t* req, int status) {
  ASSERT_OK(status);
  lode_close((lode_handle_t*) req->handle, NULL);
}

/* Runs LODE_BIN with args (NULL-terminated, without argv[0]); input (may
 * be NULL) goes to its stdin. Returns 0, or TEST_SKIP without LODE_BIN. */
static int run_lode(run_t* r, const char* input, const char* const* args) {
  const char* bin = getenv("LODE_BIN");
  char* argv[16];
  lode_loop_t loop;
  lode_process_t proc;
  lode_process_options_t opts;
  lode_stdio_container_t stdio[3];
  int i;

  if (bin == NULL) return TEST_SKIP;
  memset(r, 0, sizeof(*r));
  argv[0] = (char*) bin;
  for (i = 0; args[i] != NULL && i < 14; i++) argv[i + 1] = (char*) args[i];
  argv[i + 1] = NULL;

  ASSERT_OK(lode_loop_init(&loop));
  ASSERT_OK(lode_pipe_init(&loop, &r->in, 0));
  ASSERT_OK(lode_pipe_init(&loop, &r->out.pipe, 0));
  ASSERT_OK(lode_pipe_init(&loop, &r->err.pipe, 0));
  stdio[0].flags = LODE_CREATE_PIPE | LODE_READABLE_PIPE;
  stdio[0].data.stream = (lode_stream_t*) &r->in;
  stdio[1].flags = LODE_CREATE_PIPE | LODE_WRITABLE_PIPE;
  stdio[1].data.stream = (lode_stream_t*) &r->out.pipe;
  stdio[2].flags = LODE_CREATE_PIPE | LODE_WRITABLE_PIPE;
  stdio[2].data.stream = (lode_stream_t*) &r->err.pipe;
  memset(&opts, 0, sizeof(opts));
  opts.file = bin;
  opts.args = argv;
  opts.exit_cb = on_exit_cb;
  opts.stdio = stdio;
  opts.stdio_count = 3;
  proc.data = r;
  ASSERT_OK(lode_spawn(&loop, &proc, &opts));
  ASSERT_OK(lode_read_start((lode_stream_t*) &r->out.pipe, cap_alloc, cap_read));
  ASSERT_OK(lode_read_start((lode_stream_t*) &r->err.pipe, cap_alloc, cap_read));
  if (input == keep_stdin_open) {
    /* closed by on_exit_cb */
  } else if (input != NULL) {
    r->input = lode_buf_init((char*) input, (unsigned int) strlen(input));
    ASSERT_OK(lode_write(&r->write_req, (lode_stream_t*) &r->in, &r->input, 1, on_written));
  } else {
    lode_close((lode_handle_t*) &r->in, NULL);
  }
  lode_run(&loop, LODE_RUN_DEFAULT);
  ASSERT(r->exited);
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

#define RUN(r, input, ...)                                                    \
  do {                                                                        \
    const char* args_[] = {__VA_ARGS__, NULL};                                \
    if (run_lode((r), (input), args_) == TEST_SKIP) {                         \
      printf("LODE_BIN is not set\n");                                        \
      return TEST_SKIP;                                                       \
    }                                                                         \
  } while (0)

static const char* write_script(const char* name, const char* body) {
  static char path[4096];
  int fd;
  snprintf(path, sizeof(path), "%s/%s", test_tmpdir(), name);
  fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(write(fd, body, strlen(body)), (int64_t) strlen(body));
  close(fd);
  return path;
}

TEST_IMPL(cli_version_and_help) {
  run_t r;
  RUN(&r, NULL, "--version");
  ASSERT_EQ(r.exit_status, 0);
  ASSERT_STR_EQ(r.out.data, "v" LODE_VERSION_STRING "\n");
  RUN(&r, NULL, "-v");
  ASSERT_STR_EQ(r.out.data, "v" LODE_VERSION_STRING "\n");
  RUN(&r, NULL, "-h");
  ASSERT_EQ(r.exit_status, 0);
  ASSERT_NOT_NULL(strstr(r.out.data, "Usage: lode"));
  return 0;
}

TEST_IMPL(cli_bad_option_exits_9) {
  run_t r;
  RUN(&r, NULL, "--no-such-option", "x.js");
  ASSERT_EQ(r.exit_status, 9);
  ASSERT_NOT_NULL(strstr(r.err.data, "bad option: --no-such-option"));
  ASSERT_EQ(r.out.len, 0);
  return 0;
}

TEST_IMPL(cli_eval_and_print) {
  run_t r;
  RUN(&r, NULL, "-p", "6 * 7");
  ASSERT_EQ(r.exit_status, 0);
  ASSERT_STR_EQ(r.out.data, "42\n");
  RUN(&r, NULL, "-e", "console.log(process.argv.length, process.argv[1])", "a", "b");
  ASSERT_STR_EQ(r.out.data, "3 a\n");
  RUN(&r, NULL, "-e", "process.exitCode = 4");
  ASSERT_EQ(r.exit_status, 4);
  RUN(&r, NULL, "-e");
  ASSERT_EQ(r.exit_status, 9);
  return 0;
}

TEST_IMPL(cli_script_from_stdin) {
  run_t r;
  RUN(&r, "console.log('from stdin', process.argv.slice(1).join(','))", "-", "x");
  ASSERT_EQ(r.exit_status, 0);
  ASSERT_STR_EQ(r.out.data, "from stdin -,x\n");
  return 0;
}

TEST_IMPL(cli_missing_script) {
  run_t r;
  RUN(&r, NULL, "/no/such/script.js");
  ASSERT_EQ(r.exit_status, 1);
  ASSERT_NOT_NULL(strstr(r.err.data, "Cannot find module '/no/such/script.js'"));
  return 0;
}

TEST_IMPL(cli_syntax_error_names_file_and_line) {
  run_t r;
  const char* path = write_script("broken.js", "var ok = 1;\nvar = ;\n");
  RUN(&r, NULL, path);
  ASSERT_EQ(r.exit_status, 1);
  ASSERT_NOT_NULL(strstr(r.err.data, "SyntaxError"));
  ASSERT_NOT_NULL(strstr(r.err.data, "broken.js"));
  ASSERT_NOT_NULL(strstr(r.err.data, ":2"));
  return 0;
}

TEST_IMPL(cli_uncaught_error_prints_source_line) {
  run_t r;
  const char* path = write_script("throws.js",
                                  "console.log('before');\n"
                                  "throw new Error('boom here');\n");
  RUN(&r, NULL, path);
  ASSERT_EQ(r.exit_status, 1);
  ASSERT_STR_EQ(r.out.data, "before\n");
  ASSERT_NOT_NULL(strstr(r.err.data, "throws.js:2"));
  ASSERT_NOT_NULL(strstr(r.err.data, "throw new Error('boom here');"));
  ASSERT_NOT_NULL(strstr(r.err.data, "Error: boom here"));
  return 0;
}

TEST_IMPL(cli_process_stdin_stream) {
  run_t r;
  /* 100 KiB through a pipe: several reads, setEncoding, 'end'. */
  static char input[100 * 1024 + 1];
  size_t i;
  for (i = 0; i < sizeof(input) - 1; i++) input[i] = (char) ('a' + i % 26);
  input[sizeof(input) - 1] = '\0';
  RUN(&r, input, "-e",
      "var n = 0, c = 0; process.stdin.setEncoding('utf8');"
      "process.stdin.on('data', function (d) { n += d.length; c++; });"
      "process.stdin.on('end', function () {"
      "  process.stdout.write(n + ' ' + (c > 1) + '\\n'); });");
  ASSERT_EQ(r.exit_status, 0);
  ASSERT_STR_EQ(r.out.data, "102400 true\n");
  return 0;
}

TEST_IMPL(cli_stdin_unused_does_not_block_exit) {
  run_t r;
  /* stdin is an open pipe nobody writes to: a script that never reads it
   * must still exit. */
  RUN(&r, keep_stdin_open, "-e", "process.stdin; console.log('done')");
  ASSERT_EQ(r.exit_status, 0);
  ASSERT_STR_EQ(r.out.data, "done\n");
  return 0;
}
