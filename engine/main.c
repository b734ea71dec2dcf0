/*
 * main.c — the lode command (layer: engine/).
 *
 *   lode script.js [args...]   run a script
 *   lode -e 'code' / --eval    run code
 *   lode -p 'expr' / --print   run code and print the result
 *   lode -                     read the script from standard input
 *   lode -v / --version, -h / --help
 *
 * The script runs, then the loop runs until nothing is left; then process
 * emits 'beforeExit' (which may schedule more work: the loop runs again)
 * and finally 'exit'. The exit code is process.exitCode, or the argument
 * of process.exit(). Unknown options exit 9, as Node.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engine.h"

static lode_engine_t engine;

static const char usage[] =
    "Usage: lode [options] [ script.js | -e \"script\" | - ] [arguments]\n"
    "\n"
    "Options:\n"
    "  -                     script read from stdin\n"
    "  -e, --eval script     evaluate script\n"
    "  -p, --print script    evaluate script and print the result\n"
    "  -h, --help            print this help\n"
    "  -v, --version         print lode's version\n"
    "  --no-warnings         silence all process warnings\n"
    "  --no-deprecation      silence deprecation warnings\n"
    "  --throw-deprecation   throw an error on deprecation\n"
    "  --trace-warnings      show stack traces on process warnings\n"
    "  --trace-deprecation   show stack traces on deprecations\n"
    "\n"
    "Environment:\n"
    "  LODE_THREADPOOL_SIZE  worker threads for fs and DNS (default 4)\n";

/* Node's warning options, which lode also takes: they reach the script's
 * process.execArgv and stdlib/internal/bootstrap.js applies them. */
static int is_warning_option(const char* a) {
  static const char* const options[] = {
      "--no-warnings", "--no-deprecation", "--trace-warnings",
      "--trace-deprecation", "--throw-deprecation", NULL};
  int i;
  for (i = 0; options[i] != NULL; i++)
    if (strcmp(a, options[i]) == 0) return 1;
  return 0;
}

static void fatal_handler(void* udata, const char* msg) {
  (void) udata;
  fprintf(stderr, "lode: fatal error: %s\n", msg ? msg : "(no message)");
  fflush(stderr);
  abort();
}

static duk_ret_t internal_binding(duk_context* ctx) {
  static const lode_binding_t bindings[] = {
      {"util", lode_binding_util},
      {"timers", lode_binding_timers},
      {"process", lode_binding_process},
      {"fs", lode_binding_fs},
      {"buffer", lode_binding_buffer},
      {"os", lode_binding_os},
      {"stream_wrap", lode_binding_stream_wrap},
      {"udp_wrap", lode_binding_udp_wrap},
      {"dns", lode_binding_dns},
      {"http_parser", lode_binding_http_parser},
      {"crypto", lode_binding_crypto},
      {"tls_wrap", lode_binding_tls_wrap},
      {"process_wrap", lode_binding_process_wrap},
      {"events", lode_binding_events},
      {"fs_event_wrap", lode_binding_fs_event_wrap},
      {NULL, NULL}};
  const char* name = duk_require_string(ctx, 0);
  const lode_binding_t* b;

  duk_push_heap_stash(ctx);
  lode_get_lit(ctx, -1, "bindings"); /* [ name stash cache ] */
  if (duk_get_prop_string(ctx, -1, name)) return 1;
  duk_pop(ctx);
  for (b = bindings; b->name != NULL; b++) {
    if (strcmp(b->name, name) != 0) continue;
    b->init(ctx);
    duk_dup_top(ctx);
    duk_put_prop_string(ctx, -3, name);
    return 1;
  }
  return duk_error(ctx, DUK_ERR_ERROR, "No such binding: %s", name);
}

static char* read_all_stdin(size_t* len) {
  size_t cap = 65536, n = 0, r;
  char* buf = malloc(cap + 1);
  if (buf == NULL) return NULL;
  while ((r = fread(buf + n, 1, cap - n, stdin)) > 0) {
    n += r;
    if (n == cap) {
      char* nb = realloc(buf, cap * 2 + 1);
      if (nb == NULL) break;
      buf = nb;
      cap *= 2;
    }
  }
  buf[n] = '\0';
  *len = n;
  return buf;
}

/* Calls exports[name](args...) of the bootstrap through the one callback
 * entry. Stack: [... exports] → [... exports result]. */
static void call_hook(duk_context* ctx, duk_idx_t exports, const char* name,
                      int nargs) {
  int i;
  duk_get_prop_string(ctx, exports, name);
  duk_dup(ctx, exports);
  for (i = 0; i < nargs; i++) duk_dup(ctx, -2 - nargs);
  for (i = 0; i < nargs; i++) duk_remove(ctx, -3 - nargs);
  lode_js_call(ctx, nargs);
}

int main(int argc, char** argv) {
  duk_context* ctx;
  duk_idx_t exports;
  const char* mode = NULL;
  const char* code = NULL;
  char* stdin_src = NULL;
  int i, script_index = -1, exit_code;

  for (i = 1; i < argc; i++) {
    const char* a = argv[i];
    if (strcmp(a, "-v") == 0 || strcmp(a, "--version") == 0) {
      printf("v%s\n", LODE_VERSION_STRING);
      return 0;
    }
    if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
      fputs(usage, stdout);
      return 0;
    }
    if (strcmp(a, "-e") == 0 || strcmp(a, "--eval") == 0 ||
        strcmp(a, "-p") == 0 || strcmp(a, "--print") == 0) {
      if (i + 1 >= argc) {
        fprintf(stderr, "%s: %s requires an argument\n", argv[0], a);
        return 9;
      }
      mode = (a[1] == 'p' || a[2] == 'p') ? "print" : "eval";
      code = argv[++i];
      script_index = i + 1;
      break;
    }
    if (strcmp(a, "-") == 0) {
      mode = "stdin";
      script_index = i + 1;
      break;
    }
    if (strcmp(a, "--") == 0) {
      if (i + 1 < argc) {
        mode = "file";
        script_index = i + 1;
      }
      break;
    }
    if (is_warning_option(a)) continue; /* applied by the bootstrap */
    if (a[0] == '-') {
      fprintf(stderr, "%s: bad option: %s\n", argv[0], a);
      return 9;
    }
    mode = "file";
    script_index = i;
    break;
  }
  if (mode == NULL) {
    if (isatty(0)) {
      /* XXX: Node starts a REPL here; lode has none yet. */
      fputs(usage, stderr);
      return 9;
    }
    mode = "stdin";
    script_index = argc;
  }
  if (strcmp(mode, "stdin") == 0) {
    size_t len;
    stdin_src = read_all_stdin(&len);
    if (stdin_src == NULL) {
      fprintf(stderr, "lode: cannot read standard input\n");
      return 1;
    }
    code = stdin_src;
  }

  /* Writing to a closed pipe or socket is an error, not a death (Node). */
  signal(SIGPIPE, SIG_IGN);

  engine.loop = lode_default_loop();
  if (engine.loop == NULL) {
    fprintf(stderr, "lode: cannot create the event loop\n");
    return 1;
  }
  engine.argc = argc;
  engine.argv = argv;
  ctx = duk_create_heap(lode_js_heap_alloc, lode_js_heap_realloc,
                        lode_js_heap_free, &engine, fatal_handler);
  if (ctx == NULL) {
    fprintf(stderr, "lode: cannot create the JavaScript heap\n");
    return 1;
  }
  engine.ctx = ctx;
#ifdef LODE_JSPROF
  lode_jsprof_start(ctx); /* `make prof` only: perf/tools/jsprof.inc.c */
#endif

  duk_push_heap_stash(ctx);
  duk_push_array(ctx);
  lode_put_lit(ctx, -2, "refs");
  duk_push_object(ctx);
  lode_put_lit(ctx, -2, "bindings");
  duk_pop(ctx);

  /* bootstrap(exports, require, module, __filename, __dirname,
   *           internalBinding) fills module.exports with the hooks. */
  if (lode_js_push_native(ctx, "internal/bootstrap") != 0) {
    fprintf(stderr, "lode: the stdlib has no internal/bootstrap\n");
    return 1;
  }
  duk_push_undefined(ctx);              /* this */
  duk_push_object(ctx);                 /* exports */
  duk_push_undefined(ctx);              /* require */
  duk_push_object(ctx);                 /* module */
  duk_dup(ctx, -3);
  lode_put_lit(ctx, -2, "exports");
  duk_push_string(ctx, "lode:internal/bootstrap");
  duk_push_string(ctx, "lode:internal");
  duk_push_c_function(ctx, internal_binding, 1);
  /* [ fn this exports require module filename dirname binding ] */
  duk_dup(ctx, -4);                     /* keep module to read exports */
  duk_insert(ctx, -9);
  if (duk_pcall_method(ctx, 6) != DUK_EXEC_SUCCESS) {
    fprintf(stderr, "lode: bootstrap failed: ");
    if (duk_is_error(ctx, -1)) lode_get_lit(ctx, -1, "stack");
    fprintf(stderr, "%s\n", duk_safe_to_string(ctx, -1));
    return 1;
  }
  duk_pop(ctx);
  lode_get_lit(ctx, -1, "exports"); /* [ module exports ] */
  exports = duk_get_top_index(ctx);
  /* Buffer is loaded lazily; lode_js_push_buffer loads it through this
   * when C makes a Buffer first. */
  duk_push_heap_stash(ctx);
  lode_get_lit(ctx, exports, "loadBuffer");
  lode_put_lit(ctx, -2, "loadBuffer");
  duk_pop(ctx);

  /* The bootstrap took a while: timers set by the script count from now. */
  lode_update_time(engine.loop);

  /* runMain(mode, codeOrPath, argv, scriptIndex) */
  duk_push_string(ctx, mode);
  if (code != NULL)
    duk_push_string(ctx, code);
  else
    duk_push_string(ctx, argv[script_index]);
  duk_push_array(ctx);
  for (i = 0; i < argc; i++) {
    duk_push_string(ctx, argv[i]);
    lode_duk_put_index(ctx, -2, (duk_uarridx_t) i);
  }
  duk_push_int(ctx, script_index);
  call_hook(ctx, exports, "runMain", 4);
  duk_pop(ctx);
  free(stdin_src);

  for (;;) {
    lode_run(engine.loop, LODE_RUN_DEFAULT);
    call_hook(ctx, exports, "emitBeforeExit", 0);
    duk_pop(ctx);
    if (!lode_loop_alive(engine.loop)) break;
  }
  call_hook(ctx, exports, "emitExit", 0);
  exit_code = duk_get_int_default(ctx, -1, 0);
  fflush(stdout);
  fflush(stderr);
  lode_tty_reset_mode();
  return exit_code;
}
