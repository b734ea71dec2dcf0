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

TEST_IMPL(cli_unhandled_rejection_messages) {
  run_t r;
  const char* path = write_script("rejects.js",
                                  "console.log('start');\n"
                                  "Promise.reject(new Error('rejected error'));\n");
  RUN(&r, NULL, path);
  ASSERT_EQ(r.exit_status, 1);
  ASSERT_STR_EQ(r.out.data, "start\n");
  ASSERT_NOT_NULL(strstr(r.err.data, "rejects.js:2\nPromise.reject(new Error('rejected error'));\n"));
  ASSERT_NOT_NULL(strstr(r.err.data, "Error: rejected error\n    at "));
  /* A reason that is not an error: Node 20's UnhandledPromiseRejection. */
  RUN(&r, NULL, "-e", "Promise.reject(42)");
  ASSERT_EQ(r.exit_status, 1);
  ASSERT_NOT_NULL(strstr(r.err.data,
                         "UnhandledPromiseRejection: This error originated either by throwing "
                         "inside of an async function without a catch block, or by rejecting a "
                         "promise which was not handled with .catch(). The promise rejected with "
                         "the reason \"42\"."));
  ASSERT_NOT_NULL(strstr(r.err.data, "code: 'ERR_UNHANDLED_REJECTION'"));
  RUN(&r, NULL, "-e", "Promise.reject({ a: 1 })");
  ASSERT_NOT_NULL(strstr(r.err.data, "with the reason \"#<Object>\"."));
  /* Handled by a listener: no message, exit 0. */
  RUN(&r, NULL, "-e",
      "process.on('unhandledRejection', function (r) { console.log('got', r); });"
      "Promise.reject(7)");
  ASSERT_EQ(r.exit_status, 0);
  ASSERT_STR_EQ(r.out.data, "got 7\n");
  ASSERT_EQ(r.err.len, 0);
  return 0;
}

TEST_IMPL(cli_uncaught_error_details) {
  run_t r;
  /* Own properties of the error follow its stack, as util.inspect shows. */
  const char* path = write_script("props.js",
                                  "var e = new Error('with props');\n"
                                  "e.code = 'E_X';\n"
                                  "throw e;\n");
  RUN(&r, NULL, path);
  ASSERT_EQ(r.exit_status, 1);
  ASSERT_NOT_NULL(strstr(r.err.data, "Error: with props\n"));
  ASSERT_NOT_NULL(strstr(r.err.data, "code: 'E_X'"));
  ASSERT_NOT_NULL(strstr(r.err.data, "\nlode v" LODE_VERSION_STRING "\n"));
  /* Frames in Node's shape, without Duktape's flags. */
  ASSERT_NOT_NULL(strstr(r.err.data, "Error: with props\n    at "));
  ASSERT_NOT_NULL(strstr(r.err.data, "props.js:1\n"));
  ASSERT_NULL(strstr(r.err.data, "preventsyield"));
  ASSERT_NULL(strstr(r.err.data, "strict"));
  ASSERT_NULL(strstr(r.err.data, "[anon]"));
  /* Thrown values that are not errors: a string as it is, objects
   * inspected. */
  RUN(&r, NULL, "-e", "throw 'a string'");
  ASSERT_EQ(r.exit_status, 1);
  ASSERT_NOT_NULL(strstr(r.err.data, "a string\n"));
  RUN(&r, NULL, "-e", "throw { x: 1 }");
  ASSERT_EQ(r.exit_status, 1);
  ASSERT_NOT_NULL(strstr(r.err.data, "{ x: 1 }\n"));
  /* -e code: the place is [eval]:line with the source line. */
  RUN(&r, NULL, "-e", "var x = 1;\nthrow new TypeError('in eval');");
  ASSERT_EQ(r.exit_status, 1);
  ASSERT_NOT_NULL(strstr(r.err.data, "[eval]:2\nthrow new TypeError('in eval');\n"));
  ASSERT_NOT_NULL(strstr(r.err.data, "TypeError: in eval"));
  return 0;
}

TEST_IMPL(cli_uncaught_in_exit_listener) {
  run_t r;
  /* After an uncaught error, a throwing 'exit' listener is ignored: the
   * first error is reported and the code is 1 (Node). */
  RUN(&r, NULL, "-e",
      "process.on('exit', function () { throw new Error('second, in exit'); });"
      "throw new Error('first error')");
  ASSERT_EQ(r.exit_status, 1);
  ASSERT_NOT_NULL(strstr(r.err.data, "Error: first error"));
  ASSERT_NULL(strstr(r.err.data, "Error: second, in exit"));
  /* On a normal exit, an error from an 'exit' listener is uncaught: it is
   * reported, and process.exitCode (if set) is the code. */
  RUN(&r, NULL, "-e",
      "process.on('exit', function () { process.exitCode = 3;"
      " throw new Error('thrown in exit'); })");
  ASSERT_EQ(r.exit_status, 3);
  ASSERT_NOT_NULL(strstr(r.err.data, "Error: thrown in exit"));
  RUN(&r, NULL, "-e", "process.on('exit', function () { throw new Error('x'); })");
  ASSERT_EQ(r.exit_status, 1);
  /* A throw from an 'uncaughtException' listener is fatal: 7. */
  RUN(&r, NULL, "-e",
      "process.on('uncaughtException', function () { throw new Error('in handler'); });"
      "throw new Error('original')");
  ASSERT_EQ(r.exit_status, 7);
  ASSERT_NOT_NULL(strstr(r.err.data, "Error: in handler"));
  return 0;
}

TEST_IMPL(cli_syntax_error_in_required_module) {
  run_t r;
  char main_src[4200];
  const char* mod = write_script("broken-mod.js", "// fine\nvar = ;\n");
  snprintf(main_src, sizeof(main_src),
           "console.log('main runs');\nrequire('%s');\n", mod);
  RUN(&r, NULL, write_script("requires-broken.js", main_src));
  ASSERT_EQ(r.exit_status, 1);
  ASSERT_STR_EQ(r.out.data, "main runs\n");
  ASSERT_NOT_NULL(strstr(r.err.data, "broken-mod.js:2\nvar = ;\n"));
  ASSERT_NOT_NULL(strstr(r.err.data, "SyntaxError"));
  return 0;
}

TEST_IMPL(cli_warnings_on_stderr) {
  run_t r;
  RUN(&r, NULL, "-e", "process.emitWarning('careful', 'MyWarning', 'MY_CODE'); console.log('out')");
  ASSERT_EQ(r.exit_status, 0);
  ASSERT_STR_EQ(r.out.data, "out\n");
  ASSERT_NOT_NULL(strstr(r.err.data, ") [MY_CODE] MyWarning: careful\n"
                                     "(Use `lode --trace-warnings ...` to show where the "
                                     "warning was created)\n"));
  ASSERT_EQ(strncmp(r.err.data, "(lode:", 6), 0);
  /* Node's options for warnings. */
  RUN(&r, NULL, "--no-warnings", "-e",
      "process.emitWarning('hidden'); console.log(process.execArgv[0])");
  ASSERT_EQ(r.exit_status, 0);
  ASSERT_STR_EQ(r.out.data, "--no-warnings\n");
  ASSERT_EQ(r.err.len, 0);
  RUN(&r, NULL, "--no-deprecation", "-e",
      "require('util').deprecate(function () {}, 'old', 'DEP0')();"
      "process.emitWarning('shown')");
  ASSERT_NULL(strstr(r.err.data, "old"));
  ASSERT_NOT_NULL(strstr(r.err.data, "Warning: shown"));
  RUN(&r, NULL, "--throw-deprecation", "-e",
      "process.emitWarning('thrown', 'DeprecationWarning')");
  ASSERT_EQ(r.exit_status, 1);
  ASSERT_NOT_NULL(strstr(r.err.data, "DeprecationWarning: thrown"));
  RUN(&r, NULL, "--trace-warnings", "-e", "process.emitWarning('traced')");
  ASSERT_NOT_NULL(strstr(r.err.data, "Warning: traced\n    at "));
  return 0;
}

TEST_IMPL(cli_stdin_encodings_and_paused_mode) {
  run_t r;
  /* 120 000 bytes of a 3-byte character: reads split characters, which
   * setEncoding('utf8') must join. */
  static char input[40000 * 3 + 1];
  size_t i;
  for (i = 0; i < 40000; i++) memcpy(input + 3 * i, "\xe2\x82\xac", 3);
  input[sizeof(input) - 1] = '\0';
  RUN(&r, input, "-e",
      "var got = ''; process.stdin.setEncoding('utf8');"
      "process.stdin.on('readable', function () { var c;"
      "  while ((c = process.stdin.read()) !== null) {"
      "    if (typeof c !== 'string') throw new Error('not a string'); got += c; } });"
      "process.stdin.on('end', function () {"
      "  console.log(got.length, /^\\u20ac+$/.test(got)); });");
  ASSERT_EQ(r.exit_status, 0);
  ASSERT_STR_EQ(r.out.data, "40000 true\n");
  /* Paused mode without an encoding: Buffers from read(). */
  RUN(&r, "abcdef", "-e",
      "var n = 0, bufs = true; process.stdin.on('readable', function () { var c;"
      "  while ((c = process.stdin.read()) !== null) { n += c.length;"
      "    bufs = bufs && Buffer.isBuffer(c); } });"
      "process.stdin.on('end', function () { console.log(n, bufs); });");
  ASSERT_STR_EQ(r.out.data, "6 true\n");
  /* read(n) takes n bytes; hex encoding. */
  RUN(&r, "abcdef", "-e",
      "process.stdin.once('readable', function () {"
      "  console.log(String(process.stdin.read(3)));"
      "  process.stdin.setEncoding('hex');"
      "  process.stdin.on('data', function (d) { console.log(d); }); });");
  ASSERT_EQ(r.exit_status, 0);
  ASSERT_STR_EQ(r.out.data, "abc\n646566\n");
  return 0;
}

TEST_IMPL(cli_stdout_pipe_write) {
  run_t r;
  /* stdout is a pipe here: writes are synchronous, return true, and call
   * their callback later. */
  RUN(&r, NULL, "-e",
      "var r = process.stdout.write('a\\n', function (e) {"
      "  process.stdout.write('cb ' + e + '\\n'); });"
      "console.log(r, process.stdout.writableLength);"
      "process.stdout.write('b\\n', 'utf8', function () { console.log('cb2'); });");
  ASSERT_EQ(r.exit_status, 0);
  ASSERT_STR_EQ(r.out.data, "a\ntrue 0\nb\ncb null\ncb2\n");
  RUN(&r, NULL, "-e", "console.log(process.argv0 === process.argv0.trim(), "
                      "require('path').basename(process.argv0))");
  ASSERT_STR_EQ(r.out.data, "true lode\n");
  return 0;
}

TEST_IMPL(cli_eval_module_names) {
  run_t r;
  /* As Node: -e and stdin code runs as the module "[eval]" / "[stdin]"
   * with __dirname ".", not as the main module. */
  RUN(&r, NULL, "-e",
      "console.log(module.id, __filename, __dirname, require.main === module,"
      " typeof require, typeof exports)");
  ASSERT_EQ(r.exit_status, 0);
  ASSERT_STR_EQ(r.out.data, "[eval] [eval] . false function object\n");
  RUN(&r, "console.log(module.id, __filename, __dirname)", "-");
  ASSERT_STR_EQ(r.out.data, "[stdin] [stdin] .\n");
  return 0;
}
