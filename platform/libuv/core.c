/*
 * core.c — the libuv adapter's loop, generic handle operations, timers,
 * idle/prepare/check, async, signals, processes and the worker pool
 * (layer: platform/libuv; contract: loop/lode.h; see internal.h).
 *
 * libuv runs the same phases in the same order as lode (timers, pending,
 * idle, prepare, poll, check, close), keeps timers FIFO among equal
 * deadlines, and counts handles and requests the same way, so most calls
 * are one-to-one. The pool's lanes map onto libuv's one pool: fs and user
 * work are libuv's "fast" work, DNS its "slow I/O" (which libuv, like lode,
 * keeps to half the workers).
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* Codes lode fixed to libuv's values, so no translation is needed. */
LODE__UV_CHECK(eof, LODE__UV_SAME(UV_EOF, LODE_EOF));
LODE__UV_CHECK(echarset, LODE__UV_SAME(UV_ECHARSET, LODE_ECHARSET));
LODE__UV_CHECK(eai_addrfamily,
               LODE__UV_SAME(UV_EAI_ADDRFAMILY, LODE_EAI_ADDRFAMILY));
LODE__UV_CHECK(eai_canceled, LODE__UV_SAME(UV_EAI_CANCELED, LODE_EAI_CANCELED));
LODE__UV_CHECK(eai_protocol, LODE__UV_SAME(UV_EAI_PROTOCOL, LODE_EAI_PROTOCOL));
LODE__UV_CHECK(enoent, LODE__UV_SAME(UV_ENOENT, LODE_ENOENT));
LODE__UV_CHECK(ecanceled, LODE__UV_SAME(UV_ECANCELED, LODE_ECANCELED));
LODE__UV_CHECK(run_nowait, LODE__UV_SAME(UV_RUN_NOWAIT, LODE_RUN_NOWAIT));
LODE__UV_CHECK(run_once, LODE__UV_SAME(UV_RUN_ONCE, LODE_RUN_ONCE));
LODE__UV_CHECK(pipe_flags,
               LODE__UV_SAME(UV_CREATE_PIPE, LODE_CREATE_PIPE) &&
                   LODE__UV_SAME(UV_INHERIT_FD, LODE_INHERIT_FD) &&
                   LODE__UV_SAME(UV_INHERIT_STREAM, LODE_INHERIT_STREAM) &&
                   LODE__UV_SAME(UV_READABLE_PIPE, LODE_READABLE_PIPE) &&
                   LODE__UV_SAME(UV_WRITABLE_PIPE, LODE_WRITABLE_PIPE) &&
                   LODE__UV_SAME(UV_OVERLAPPED_PIPE, LODE_OVERLAPPED_PIPE));
LODE__UV_CHECK(process_flags,
               LODE__UV_SAME(UV_PROCESS_SETUID, LODE_PROCESS_SETUID) &&
                   LODE__UV_SAME(UV_PROCESS_SETGID, LODE_PROCESS_SETGID) &&
                   LODE__UV_SAME(UV_PROCESS_DETACHED, LODE_PROCESS_DETACHED) &&
                   LODE__UV_SAME(UV_PROCESS_WINDOWS_HIDE,
                                 LODE_PROCESS_WINDOWS_HIDE));
/* lode_spawn's fallback handle (see there). */
LODE__UV_CHECK(idle_fits, sizeof(uv_idle_t) <= sizeof(uv_process_t));

/* ------------------------------------------------------------------ */
/* Handles                                                             */
/* ------------------------------------------------------------------ */

uv_handle_t* lode__uv_handle(const lode_handle_t* h) {
  switch (h->type) {
    case LODE_TIMER:
      return (uv_handle_t*) &((lode_timer_t*) h)->uv;
    case LODE_IDLE:
      return (uv_handle_t*) &((lode_idle_t*) h)->uv;
    case LODE_PREPARE:
      return (uv_handle_t*) &((lode_prepare_t*) h)->uv;
    case LODE_CHECK:
      return (uv_handle_t*) &((lode_check_t*) h)->uv;
    case LODE_ASYNC:
      return (uv_handle_t*) &((lode_async_t*) h)->uv;
    case LODE_TCP:
    case LODE_NAMED_PIPE:
    case LODE_TTY:
      return (uv_handle_t*) &((lode_stream_t*) h)->uv;
    case LODE_UDP:
      return (uv_handle_t*) &((lode_udp_t*) h)->uv;
    case LODE_SIGNAL:
      return (uv_handle_t*) &((lode_signal_t*) h)->uv;
    case LODE_PROCESS:
      return (uv_handle_t*) &((lode_process_t*) h)->uv;
    case LODE_FS_EVENT:
      return (uv_handle_t*) &((lode_fs_event_t*) h)->uv;
    default:
      return NULL;
  }
}

lode_handle_type lode__uv_type_to_lode(uv_handle_type type) {
  switch (type) {
    case UV_ASYNC:
      return LODE_ASYNC;
    case UV_CHECK:
      return LODE_CHECK;
    case UV_IDLE:
      return LODE_IDLE;
    case UV_NAMED_PIPE:
      return LODE_NAMED_PIPE;
    case UV_PREPARE:
      return LODE_PREPARE;
    case UV_PROCESS:
      return LODE_PROCESS;
    case UV_SIGNAL:
      return LODE_SIGNAL;
    case UV_TCP:
      return LODE_TCP;
    case UV_TIMER:
      return LODE_TIMER;
    case UV_TTY:
      return LODE_TTY;
    case UV_UDP:
      return LODE_UDP;
    case UV_FILE:
      return LODE_FILE;
    case UV_FS_EVENT:
      return LODE_FS_EVENT;
    default:
      return LODE_UNKNOWN_HANDLE;
  }
}

/* Every adapter init: the lode fields lode's own handle init sets (data
 * is the user's and left alone), and the back pointer. */
static void handle_init(lode_loop_t* loop, lode_handle_t* h,
                        lode_handle_type type) {
  h->loop = loop;
  h->type = type;
  h->flags = LODE_HANDLE_REF;
  h->close_cb = NULL;
  h->next_closing = NULL;
  lode__uv_handle(h)->data = h;
}

void lode__uv_on_close(uv_handle_t* uvh) {
  lode_handle_t* h = uvh->data;
  h->flags |= LODE_HANDLE_CLOSED;
  if (h->type == LODE_FS_EVENT) ((lode_fs_event_t*) h)->path = NULL;
  if (h->close_cb != NULL) h->close_cb(h);
}

void lode_close(lode_handle_t* handle, lode_close_cb close_cb) {
  uv_handle_t* uvh = lode__uv_handle(handle);
  if (uvh == NULL) LODE__ABORT("lode_close: unknown handle type");
  if (handle->flags & (LODE_HANDLE_CLOSING | LODE_HANDLE_CLOSED))
    LODE__ABORT("lode_close called twice on one handle");
  handle->flags |= LODE_HANDLE_CLOSING;
  handle->close_cb = close_cb;
  uv_close(uvh, lode__uv_on_close);
}

int lode_is_active(const lode_handle_t* handle) {
  return uv_is_active(lode__uv_handle(handle));
}

int lode_is_closing(const lode_handle_t* handle) {
  return (handle->flags & (LODE_HANDLE_CLOSING | LODE_HANDLE_CLOSED)) != 0;
}

void lode_ref(lode_handle_t* handle) {
  handle->flags |= LODE_HANDLE_REF;
  uv_ref(lode__uv_handle(handle));
}

void lode_unref(lode_handle_t* handle) {
  handle->flags &= ~LODE_HANDLE_REF;
  uv_unref(lode__uv_handle(handle));
}

int lode_has_ref(const lode_handle_t* handle) {
  return uv_has_ref(lode__uv_handle(handle));
}

int lode_fileno(const lode_handle_t* handle, lode_os_fd_t* fd) {
  uv_handle_t* uvh = lode__uv_handle(handle);
  if (uvh == NULL) return LODE_EINVAL;
  return uv_fileno(uvh, fd);
}

int lode_send_buffer_size(lode_handle_t* handle, int* value) {
  uv_handle_t* uvh = lode__uv_handle(handle);
  if (uvh == NULL || value == NULL || *value < 0) return LODE_EINVAL;
  return uv_send_buffer_size(uvh, value);
}

int lode_recv_buffer_size(lode_handle_t* handle, int* value) {
  uv_handle_t* uvh = lode__uv_handle(handle);
  if (uvh == NULL || value == NULL || *value < 0) return LODE_EINVAL;
  return uv_recv_buffer_size(uvh, value);
}

int lode_cancel(lode_req_t* req) {
  if (req == NULL) return LODE_EINVAL;
  switch (req->type) {
    case LODE_FS:
      return uv_cancel((uv_req_t*) &((lode_fs_t*) req)->uv);
    case LODE_WORK:
      return uv_cancel((uv_req_t*) &((lode_work_t*) req)->uv);
    case LODE_GETADDRINFO:
      return uv_cancel((uv_req_t*) &((lode_getaddrinfo_t*) req)->uv);
    case LODE_GETNAMEINFO:
      return uv_cancel((uv_req_t*) &((lode_getnameinfo_t*) req)->uv);
    default:
      return LODE_EINVAL;
  }
}

/* ------------------------------------------------------------------ */
/* The loop                                                            */
/* ------------------------------------------------------------------ */

/* lode reads LODE_THREADPOOL_SIZE, libuv UV_THREADPOOL_SIZE: the lode
 * name is passed on (when the libuv one is unset) before the pool starts,
 * so both builds size their pools from the same setting. */
static void threadpool_env(void) {
  const char* v = getenv("LODE_THREADPOOL_SIZE");
  if (v != NULL && getenv("UV_THREADPOOL_SIZE") == NULL)
    setenv("UV_THREADPOOL_SIZE", v, 0);
}

int lode_loop_init(lode_loop_t* loop) {
  void* saved_data = loop->data;
  int err;
  memset(loop, 0, sizeof(*loop));
  loop->data = saved_data;
  loop->backend_fd = -1;
  threadpool_env();
  err = uv_loop_init(&loop->uv);
  if (err != 0) return err;
  loop->uv.data = loop;
  loop->backend_fd = uv_backend_fd(&loop->uv);
  return 0;
}

int lode_loop_close(lode_loop_t* loop) {
  void* saved_data;
  int err = uv_loop_close(&loop->uv);
  if (err != 0) return err;
  saved_data = loop->data;
  memset(loop, 0, sizeof(*loop));
  loop->data = saved_data;
  loop->backend_fd = -1;
  return 0;
}

static lode_loop_t default_loop_struct;
static lode_loop_t* default_loop_ptr;

lode_loop_t* lode_default_loop(void) {
  if (default_loop_ptr != NULL) return default_loop_ptr;
  if (lode_loop_init(&default_loop_struct) != 0) return NULL;
  default_loop_ptr = &default_loop_struct;
  return default_loop_ptr;
}

int lode_run(lode_loop_t* loop, lode_run_mode mode) {
  return uv_run(&loop->uv, (uv_run_mode) mode);
}

void lode_stop(lode_loop_t* loop) {
  uv_stop(&loop->uv);
}

int lode_loop_alive(const lode_loop_t* loop) {
  return uv_loop_alive(&loop->uv);
}

uint64_t lode_now(const lode_loop_t* loop) {
  return uv_now(&loop->uv);
}

void lode_update_time(lode_loop_t* loop) {
  uv_update_time(&loop->uv);
}

uint64_t lode_hrtime(void) {
  return uv_hrtime();
}

/* For platform/unix/thread.c (reused as is). */
uint64_t lode__hrtime_ns(void) {
  return uv_hrtime();
}

int lode_backend_timeout(const lode_loop_t* loop) {
  return uv_backend_timeout(&loop->uv);
}

int lode_backend_fd(const lode_loop_t* loop) {
  return uv_backend_fd(&loop->uv);
}

typedef struct {
  lode_walk_cb cb;
  void* arg;
} walk_ctx;

static void walk_one(uv_handle_t* uvh, void* arg) {
  walk_ctx* w = arg;
  if (uvh->data != NULL) w->cb((lode_handle_t*) uvh->data, w->arg);
}

void lode_walk(lode_loop_t* loop, lode_walk_cb cb, void* arg) {
  walk_ctx w;
  w.cb = cb;
  w.arg = arg;
  uv_walk(&loop->uv, walk_one, &w);
}

/* ------------------------------------------------------------------ */
/* Timers                                                              */
/* ------------------------------------------------------------------ */

int lode_timer_init(lode_loop_t* loop, lode_timer_t* handle) {
  int err = uv_timer_init(&loop->uv, &handle->uv);
  if (err != 0) return err;
  handle_init(loop, (lode_handle_t*) handle, LODE_TIMER);
  handle->timer_cb = NULL;
  return 0;
}

static void on_timer(uv_timer_t* t) {
  lode_timer_t* handle = t->data;
  handle->timer_cb(handle);
}

int lode_timer_start(lode_timer_t* handle, lode_timer_cb cb, uint64_t timeout,
                     uint64_t repeat) {
  if (cb == NULL || lode_is_closing((lode_handle_t*) handle))
    return LODE_EINVAL;
  handle->timer_cb = cb;
  return uv_timer_start(&handle->uv, on_timer, timeout, repeat);
}

int lode_timer_stop(lode_timer_t* handle) {
  return uv_timer_stop(&handle->uv);
}

int lode_timer_again(lode_timer_t* handle) {
  return uv_timer_again(&handle->uv);
}

void lode_timer_set_repeat(lode_timer_t* handle, uint64_t repeat) {
  uv_timer_set_repeat(&handle->uv, repeat);
}

uint64_t lode_timer_get_repeat(const lode_timer_t* handle) {
  return uv_timer_get_repeat(&handle->uv);
}

uint64_t lode_timer_get_due_in(const lode_timer_t* handle) {
  return uv_timer_get_due_in(&handle->uv);
}

/* ------------------------------------------------------------------ */
/* Idle, prepare, check                                                */
/* ------------------------------------------------------------------ */

#define LOOP_WATCHER_DEFINE(kind, TYPE)                                   \
  static void on_##kind(uv_##kind##_t* w) {                               \
    lode_##kind##_t* handle = w->data;                                    \
    handle->kind##_cb(handle);                                            \
  }                                                                       \
                                                                          \
  int lode_##kind##_init(lode_loop_t* loop, lode_##kind##_t* handle) {    \
    int err = uv_##kind##_init(&loop->uv, &handle->uv);                   \
    if (err != 0) return err;                                             \
    handle_init(loop, (lode_handle_t*) handle, TYPE);                     \
    handle->kind##_cb = NULL;                                             \
    return 0;                                                             \
  }                                                                       \
                                                                          \
  int lode_##kind##_start(lode_##kind##_t* handle, lode_##kind##_cb cb) { \
    if (cb == NULL || lode_is_closing((lode_handle_t*) handle))           \
      return LODE_EINVAL;                                                 \
    if (uv_is_active((uv_handle_t*) &handle->uv)) return 0;               \
    handle->kind##_cb = cb;                                               \
    return uv_##kind##_start(&handle->uv, on_##kind);                     \
  }                                                                       \
                                                                          \
  int lode_##kind##_stop(lode_##kind##_t* handle) {                       \
    return uv_##kind##_stop(&handle->uv);                                 \
  }

LOOP_WATCHER_DEFINE(idle, LODE_IDLE)
LOOP_WATCHER_DEFINE(prepare, LODE_PREPARE)
LOOP_WATCHER_DEFINE(check, LODE_CHECK)

/* ------------------------------------------------------------------ */
/* Async                                                               */
/* ------------------------------------------------------------------ */

static void on_async(uv_async_t* a) {
  lode_async_t* handle = a->data;
  if (handle->async_cb != NULL) handle->async_cb(handle);
}

int lode_async_init(lode_loop_t* loop, lode_async_t* handle, lode_async_cb cb) {
  int err = uv_async_init(&loop->uv, &handle->uv, on_async);
  if (err != 0) return err;
  handle_init(loop, (lode_handle_t*) handle, LODE_ASYNC);
  handle->async_cb = cb;
  return 0;
}

int lode_async_send(lode_async_t* handle) {
  return uv_async_send(&handle->uv);
}

/* ------------------------------------------------------------------ */
/* Signals                                                             */
/* ------------------------------------------------------------------ */

static void on_signal(uv_signal_t* s, int signum) {
  lode_signal_t* handle = s->data;
  if (handle->oneshot) handle->signum = 0;
  handle->signal_cb(handle, signum);
}

int lode_signal_init(lode_loop_t* loop, lode_signal_t* handle) {
  int err = uv_signal_init(&loop->uv, &handle->uv);
  if (err != 0) return err;
  handle_init(loop, (lode_handle_t*) handle, LODE_SIGNAL);
  handle->signal_cb = NULL;
  handle->signum = 0;
  handle->oneshot = 0;
  return 0;
}

int lode_signal_start(lode_signal_t* handle, lode_signal_cb cb, int signum) {
  int err;
  if (cb == NULL) return LODE_EINVAL;
  handle->signal_cb = cb;
  err = uv_signal_start(&handle->uv, on_signal, signum);
  if (err == 0) {
    handle->signum = signum;
    handle->oneshot = 0;
  }
  return err;
}

int lode_signal_start_oneshot(lode_signal_t* handle, lode_signal_cb cb,
                              int signum) {
  int err;
  if (cb == NULL) return LODE_EINVAL;
  handle->signal_cb = cb;
  err = uv_signal_start_oneshot(&handle->uv, on_signal, signum);
  if (err == 0) {
    handle->signum = signum;
    handle->oneshot = 1;
  }
  return err;
}

int lode_signal_stop(lode_signal_t* handle) {
  handle->signum = 0;
  return uv_signal_stop(&handle->uv);
}

/* ------------------------------------------------------------------ */
/* Processes                                                           */
/* ------------------------------------------------------------------ */

static void on_process_exit(uv_process_t* p, int64_t exit_status,
                            int term_signal) {
  lode_process_t* handle = p->data;
  if (handle->exit_cb != NULL)
    handle->exit_cb(handle, exit_status, term_signal);
}

/* lode's contract: the handle must be closed even after a failed spawn, so
 * a spawn refused before uv_spawn still needs a closable libuv handle; an
 * idle handle (never started) fits in uv_process_t's storage. */
static int spawn_refused(lode_loop_t* loop, lode_process_t* handle, int err) {
  uv_idle_init(&loop->uv, (uv_idle_t*) &handle->uv);
  handle_init(loop, (lode_handle_t*) handle, LODE_PROCESS);
  handle->pid = 0;
  return err;
}

int lode_spawn(lode_loop_t* loop, lode_process_t* handle,
               const lode_process_options_t* options) {
  uv_process_options_t o;
  uv_stdio_container_t small[8];
  uv_stdio_container_t* stdio = small;
  int i;
  int err;

  /* libuv asserts on these; lode answers EINVAL. */
  if (options->file == NULL || options->args == NULL ||
      options->stdio_count < 0 ||
      (options->stdio_count > 0 && options->stdio == NULL))
    return spawn_refused(loop, handle, LODE_EINVAL);
  for (i = 0; i < options->stdio_count; i++)
    if ((options->stdio[i].flags & (LODE_CREATE_PIPE | LODE_INHERIT_STREAM)) &&
        options->stdio[i].data.stream == NULL)
      return spawn_refused(loop, handle, LODE_EINVAL);

  memset(&o, 0, sizeof(o));
  o.exit_cb = on_process_exit;
  o.file = options->file;
  o.args = options->args;
  o.env = options->env;
  o.cwd = options->cwd;
  o.flags = options->flags;
  o.uid = options->uid;
  o.gid = options->gid;
  if (options->stdio_count > (int) (sizeof(small) / sizeof(small[0]))) {
    stdio = lode__malloc((size_t) options->stdio_count * sizeof(*stdio));
    if (stdio == NULL) return spawn_refused(loop, handle, LODE_ENOMEM);
  }
  for (i = 0; i < options->stdio_count; i++) {
    const lode_stdio_container_t* c = &options->stdio[i];
    stdio[i].flags = (uv_stdio_flags) c->flags;
    if (c->flags & (LODE_CREATE_PIPE | LODE_INHERIT_STREAM))
      stdio[i].data.stream =
          c->data.stream != NULL ? lode__uv_stream(c->data.stream) : NULL;
    else
      stdio[i].data.fd = c->data.fd;
  }
  o.stdio_count = options->stdio_count;
  o.stdio = stdio;

  handle->exit_cb = options->exit_cb;
  handle->pid = 0;
  handle->uv.data = handle;
  err = uv_spawn(&loop->uv, &handle->uv, &o);
  handle_init(loop, (lode_handle_t*) handle, LODE_PROCESS);
  if (err == 0) handle->pid = handle->uv.pid;
  if (stdio != small) lode__free(stdio);
  return err;
}

int lode_process_kill(lode_process_t* handle, int signum) {
  return uv_process_kill(&handle->uv, signum);
}

int lode_kill(int pid, int signum) {
  return uv_kill(pid, signum);
}

lode_pid_t lode_process_get_pid(const lode_process_t* handle) {
  return uv_process_get_pid(&handle->uv);
}

/* ------------------------------------------------------------------ */
/* The worker pool                                                     */
/* ------------------------------------------------------------------ */

static void on_work(uv_work_t* w) {
  lode_work_t* req = w->data;
  req->work_cb(req);
}

static void on_after_work(uv_work_t* w, int status) {
  lode_work_t* req = w->data;
  if (req->after_work_cb != NULL) req->after_work_cb(req, status);
}

int lode_queue_work(lode_loop_t* loop, lode_work_t* req, lode_work_cb work_cb,
                    lode_after_work_cb after_work_cb) {
  if (loop == NULL || req == NULL || work_cb == NULL) return LODE_EINVAL;
  req->type = LODE_WORK;
  req->loop = loop;
  req->work_cb = work_cb;
  req->after_work_cb = after_work_cb;
  req->uv.data = req;
  return uv_queue_work(&loop->uv, &req->uv, on_work, on_after_work);
}

/* libuv's rule for UV_THREADPOOL_SIZE (default 4, 1..1024). */
unsigned int lode_threadpool_size(void) {
  const char* v;
  long n = 4;
  threadpool_env();
  v = getenv("UV_THREADPOOL_SIZE");
  if (v != NULL) n = atol(v);
  if (n < 1) n = 1;
  if (n > 1024) n = 1024;
  return (unsigned int) n;
}
