/*
 * process.c — internalBinding('process'): the native half of the
 * `process` object (layer: modules/).
 *
 * cwd, chdir, umask, hrtime, uptime, memoryUsage, kill, reallyExit, the
 * environment (getenv/setenv/unsetenv/envKeys: process.env is a Proxy
 * over these, so it is live), pid/ppid/execPath/title/platform/arch, and
 * signal watching: watchSignal(signum, on) starts or stops one lode signal
 * handle per signal number; deliveries call the hook set with
 * setSignalHook(fn) as fn(signum).
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "engine.h"

extern char** environ;

static uint64_t start_time_ns;

static duk_ret_t process_cwd(duk_context* ctx) {
  char buf[PATH_MAX];
  if (getcwd(buf, sizeof(buf)) == NULL)
    return lode_js_throw_error(ctx, -errno, "uv_cwd", NULL, NULL);
  duk_push_string(ctx, buf);
  return 1;
}

static duk_ret_t process_chdir(duk_context* ctx) {
  const char* dir;
  if (!duk_is_string(ctx, 0)) return lode_js_throw_type(ctx, "directory", "string", 0);
  dir = duk_get_string(ctx, 0);
  if (chdir(dir) != 0) {
    int err = -errno;
    /* Node's message: "ENOENT: no such file or directory, chdir <cwd> -> 'dir'" */
    char cwd[PATH_MAX];
    if (getcwd(cwd, sizeof(cwd)) == NULL) cwd[0] = '\0';
    lode_js_push_error(ctx, err, "chdir", cwd, dir);
    return duk_throw(ctx);
  }
  return 0;
}

static duk_ret_t process_umask(duk_context* ctx) {
  mode_t old;
  if (duk_is_undefined(ctx, 0)) {
    old = umask(0);
    umask(old);
  } else {
    old = umask((mode_t) duk_to_uint32(ctx, 0) & 0777);
  }
  duk_push_uint(ctx, (duk_uint_t) old);
  return 1;
}

/* hrtime(array): array[0] = seconds, array[1] = nanoseconds. */
static duk_ret_t process_hrtime(duk_context* ctx) {
  uint64_t t = lode_hrtime();
  duk_push_number(ctx, (double) (t / 1000000000u));
  lode_duk_put_index(ctx, 0, 0);
  duk_push_number(ctx, (double) (t % 1000000000u));
  lode_duk_put_index(ctx, 0, 1);
  return 0;
}

static duk_ret_t process_uptime(duk_context* ctx) {
  duk_push_number(ctx, (double) (lode_hrtime() - start_time_ns) / 1e9);
  return 1;
}

static duk_ret_t process_rss(duk_context* ctx) {
  size_t rss = 0;
  lode_resident_set_memory(&rss);
  duk_push_number(ctx, (double) rss);
  return 1;
}

static duk_ret_t process_kill(duk_context* ctx) {
  int err = lode_kill(duk_require_int(ctx, 0), duk_require_int(ctx, 1));
  duk_push_int(ctx, err);
  return 1;
}

static duk_ret_t process_really_exit(duk_context* ctx) {
  int code = duk_get_int_default(ctx, 0, 0);
  fflush(stdout);
  fflush(stderr);
  lode_tty_reset_mode();
  exit(code);
  return 0;
}

static duk_ret_t process_getenv(duk_context* ctx) {
  const char* v = getenv(duk_require_string(ctx, 0));
  if (v == NULL) return 0;
  duk_push_string(ctx, v);
  return 1;
}

static duk_ret_t process_setenv(duk_context* ctx) {
  if (setenv(duk_require_string(ctx, 0), duk_to_string(ctx, 1), 1) != 0)
    return lode_js_throw_error(ctx, -errno, "setenv", NULL, NULL);
  return 0;
}

static duk_ret_t process_unsetenv(duk_context* ctx) {
  unsetenv(duk_require_string(ctx, 0));
  return 0;
}

static duk_ret_t process_env_keys(duk_context* ctx) {
  char** e;
  duk_uarridx_t i = 0;
  duk_push_array(ctx);
  for (e = environ; e != NULL && *e != NULL; e++) {
    const char* eq = strchr(*e, '=');
    if (eq == NULL || eq == *e) continue;
    duk_push_lstring(ctx, *e, (duk_size_t) (eq - *e));
    lode_duk_put_index(ctx, -2, i++);
  }
  return 1;
}

static duk_ret_t process_get_title(duk_context* ctx) {
  char name[256];
  lode_get_process_title(name, sizeof(name));
  duk_push_string(ctx, name);
  return 1;
}

static duk_ret_t process_set_title(duk_context* ctx) {
  lode_set_process_title(duk_to_string(ctx, 0));
  return 0;
}

/* ---- signals ---- */

typedef struct {
  lode_signal_t handle;
  int in_use;
} signal_slot_t;

static signal_slot_t signal_slots[65];
static int signal_hook_ref;

static void on_signal(lode_signal_t* h, int signum) {
  duk_context* ctx = h->data;
  lode_js_push_ref(ctx, signal_hook_ref);
  duk_push_undefined(ctx);
  duk_push_int(ctx, signum);
  lode_js_call(ctx, 1);
  duk_pop(ctx);
}

static duk_ret_t process_set_signal_hook(duk_context* ctx) {
  duk_require_function(ctx, 0);
  lode_js_unref(ctx, signal_hook_ref);
  signal_hook_ref = lode_js_ref(ctx, 0);
  return 0;
}

/* watchSignal(signum, on, ref) */
static duk_ret_t process_watch_signal(duk_context* ctx) {
  int signum = duk_require_int(ctx, 0);
  int on = duk_to_boolean(ctx, 1);
  signal_slot_t* s;
  int err;

  if (signum <= 0 || signum >= (int) (sizeof(signal_slots) / sizeof(signal_slots[0])))
    return duk_error(ctx, DUK_ERR_RANGE_ERROR, "bad signal %d", signum);
  s = &signal_slots[signum];
  if (on) {
    if (!s->in_use) {
      lode_signal_init(lode_engine_get(ctx)->loop, &s->handle);
      s->handle.data = ctx;
      s->in_use = 1;
    }
    err = lode_signal_start(&s->handle, on_signal, signum);
    if (err != 0) return lode_js_throw_error(ctx, err, "uv_signal_start", NULL, NULL);
    /* Node: a signal listener does not keep the process alive. */
    lode_unref((lode_handle_t*) &s->handle);
  } else if (s->in_use) {
    lode_signal_stop(&s->handle);
  }
  return 0;
}

static const duk_function_list_entry process_functions[] = {
    {"cwd", process_cwd, 0},
    {"chdir", process_chdir, 1},
    {"umask", process_umask, 1},
    {"hrtime", process_hrtime, 1},
    {"uptime", process_uptime, 0},
    {"rss", process_rss, 0},
    {"kill", process_kill, 2},
    {"reallyExit", process_really_exit, 1},
    {"getenv", process_getenv, 1},
    {"setenv", process_setenv, 2},
    {"unsetenv", process_unsetenv, 1},
    {"envKeys", process_env_keys, 0},
    {"getTitle", process_get_title, 0},
    {"setTitle", process_set_title, 1},
    {"setSignalHook", process_set_signal_hook, 1},
    {"watchSignal", process_watch_signal, 2},
    {NULL, NULL, 0}};

void lode_binding_process(duk_context* ctx) {
  char exe[PATH_MAX];
  int i;

  if (start_time_ns == 0) start_time_ns = lode_hrtime();
  duk_push_object(ctx);
  lode_js_put_functions(ctx, process_functions);

  duk_push_int(ctx, (int) getpid());
  lode_put_lit(ctx, -2, "pid");
  duk_push_int(ctx, (int) getppid());
  lode_put_lit(ctx, -2, "ppid");
  {
    size_t size = sizeof(exe);
    if (lode_exepath(exe, &size) != 0) exe[0] = '\0';
  }
  duk_push_string(ctx, exe);
  lode_put_lit(ctx, -2, "execPath");
  duk_push_string(ctx, LODE_VERSION_STRING);
  lode_put_lit(ctx, -2, "lodeVersion");
  duk_push_sprintf(ctx, "%ld.%ld.%ld", (long) (DUK_VERSION / 10000),
                   (long) (DUK_VERSION / 100 % 100), (long) (DUK_VERSION % 100));
  lode_put_lit(ctx, -2, "duktapeVersion");
  duk_push_string(ctx, lode_os_arch());
  lode_put_lit(ctx, -2, "arch");
  duk_push_string(ctx, lode_os_platform());
  lode_put_lit(ctx, -2, "platform");

  /* Signal names and numbers (os.constants.signals). */
  duk_push_object(ctx);
  {
    /* Node's order (os.constants.signals); the ones a system lacks are
     * left out. */
    static const struct {
      const char* name;
      int num;
    } sigs[] = {
        {"SIGHUP", SIGHUP},
        {"SIGINT", SIGINT},
        {"SIGQUIT", SIGQUIT},
        {"SIGILL", SIGILL},
        {"SIGTRAP", SIGTRAP},
        {"SIGABRT", SIGABRT},
#ifdef SIGIOT
        {"SIGIOT", SIGIOT},
#endif
        {"SIGBUS", SIGBUS},
        {"SIGFPE", SIGFPE},
        {"SIGKILL", SIGKILL},
        {"SIGUSR1", SIGUSR1},
        {"SIGSEGV", SIGSEGV},
        {"SIGUSR2", SIGUSR2},
        {"SIGPIPE", SIGPIPE},
        {"SIGALRM", SIGALRM},
        {"SIGTERM", SIGTERM},
        {"SIGCHLD", SIGCHLD},
#ifdef SIGSTKFLT
        {"SIGSTKFLT", SIGSTKFLT},
#endif
        {"SIGCONT", SIGCONT},
        {"SIGSTOP", SIGSTOP},
        {"SIGTSTP", SIGTSTP},
        {"SIGTTIN", SIGTTIN},
        {"SIGTTOU", SIGTTOU},
        {"SIGURG", SIGURG},
        {"SIGXCPU", SIGXCPU},
        {"SIGXFSZ", SIGXFSZ},
        {"SIGVTALRM", SIGVTALRM},
        {"SIGPROF", SIGPROF},
        {"SIGWINCH", SIGWINCH},
        {"SIGIO", SIGIO},
#ifdef SIGPOLL
        {"SIGPOLL", SIGPOLL},
#endif
#ifdef SIGPWR
        {"SIGPWR", SIGPWR},
#endif
#ifdef SIGINFO
        {"SIGINFO", SIGINFO},
#endif
        {"SIGSYS", SIGSYS},
    };
    for (i = 0; i < (int) (sizeof(sigs) / sizeof(sigs[0])); i++) {
      duk_push_int(ctx, sigs[i].num);
      duk_put_prop_string(ctx, -2, sigs[i].name);
    }
  }
  lode_put_lit(ctx, -2, "signals");
}
