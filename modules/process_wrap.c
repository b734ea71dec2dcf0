/*
 * process_wrap.c — internalBinding('process_wrap'): child processes for
 * JavaScript (layer: modules/). child_process sits on this.
 *
 *   new Process()            a handle object; alive while the child runs
 *                            (or until close), even unreferenced from JS
 *   p.spawn(options)         0 or a lode error code (LODE_ENOENT, ...).
 *                            options: file, args (argv, args[0] is argv0),
 *                            cwd, envPairs (['K=V', ...]; absent: the
 *                            process's own environment, followed by
 *                            envExtra (['K=V', ...]) when given), uid, gid,
 *                            detached, stdio: [{type: 'ignore'} |
 *                            {type: 'pipe', handle: Pipe} (the parent's
 *                            end; the child gets the other end of a
 *                            socketpair) | {type: 'fd'|'inherit', fd} |
 *                            {type: 'wrap', handle: TCP/Pipe/TTY}].
 *                            Sets p.pid on success. After a failure the
 *                            handle must still be closed.
 *   p.onexit = function (exitStatus, termSignal)   numbers; 0 when none
 *   p.kill(signum)           0 or an error code (LODE_ESRCH once exited)
 *   p.close(cb) / ref() / unref() / hasRef()
 *
 *   spawnSync(options)       runs a child to completion on a private loop
 *                            inside the call. options as spawn, with stdio
 *                            entries {type: 'pipe', readable, writable,
 *                            input: Buffer}, plus timeout (ms, 0 none),
 *                            maxBuffer (bytes over all outputs, 0 or
 *                            Infinity: none) and killSignal. Returns
 *                            {pid, status, signal (number, 0 none),
 *                            output: [Buffer|null...] or undefined when
 *                            the child never ran, error (code) or absent}.
 *                            The status is null after a signal, undefined
 *                            when the spawn failed (Node's shape).
 *
 *   ipcStart(pipe)           the IPC channel's framing in C: the bytes read
 *                            on pipe are cut at '\n' and every whole line
 *                            (with its '\n') goes to pipe.onlines(line), or
 *                            pipe.onlines([line, ...]) for several from one
 *                            read; a line is a string when ASCII, else a
 *                            Buffer (UTF-8). pipe.buffering is true while
 *                            part of a line waits. A read that is exactly
 *                            one message of a common shape (see
 *                            ipc_decode) goes decoded, as JSON.parse would,
 *                            to pipe.onmessage(value) if that is a
 *                            function. EOF and errors still go to
 *                            pipe.onread. 0 or an error code.
 *   ipcStop(pipe)            undoes ipcStart; call it before closing pipe.
 *   ipcSend(pipe, req, message)
 *                            writes JSON.stringify(message) and '\n' as
 *                            pipe.writeUtf8String(req, text + '\n') would
 *                            (0 or an error code, req.async, req.bytes,
 *                            req.oncomplete) when the text is ASCII; returns
 *                            the text, not written, when it is not, and 2
 *                            when JSON.stringify gives undefined. Its errors
 *                            (a cycle, a throwing toJSON) are thrown as
 *                            JSON.stringify's own.
 */
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "stream_wrap.h"

extern char** environ;

#define WRAP_KEY DUK_HIDDEN_SYMBOL("lodeProcessWrap")

typedef struct {
  lode_process_t process;
  duk_context* ctx;
  int obj_ref; /* the JS object: alive while the handle is open */
  int close_cb_ref;
  int initialized; /* lode_spawn ran: the handle needs lode_close */
} process_wrap_t;

/* Spawn options as C wants them; every string is a malloc'd copy. */
typedef struct {
  lode_process_options_t o;
  char* file;
  char* cwd;
  char** args;
  char** env;
  lode_stdio_container_t* stdio;
} spawn_opts_t;

static char* dup_str(const char* s) {
  size_t n = strlen(s) + 1;
  char* d = malloc(n);
  if (d != NULL) memcpy(d, s, n);
  return d;
}

static void free_strv(char** v) {
  size_t i;
  if (v == NULL) return;
  for (i = 0; v[i] != NULL; i++) free(v[i]);
  free(v);
}

static void opts_free(spawn_opts_t* so) {
  free(so->file);
  free(so->cwd);
  free_strv(so->args);
  free_strv(so->env);
  free(so->stdio);
}

/* obj[name] as a NULL-terminated malloc'd string array (NULL when absent).
 * Throws on a wrong type. */
static char** get_strv(duk_context* ctx, duk_idx_t obj, const char* name,
                       int* err) {
  duk_size_t n, i;
  char** v;
  duk_get_prop_string(ctx, obj, name);
  if (duk_is_null_or_undefined(ctx, -1)) {
    duk_pop(ctx);
    return NULL;
  }
  if (!duk_is_array(ctx, -1)) {
    duk_pop(ctx);
    *err = LODE_EINVAL;
    return NULL;
  }
  n = duk_get_length(ctx, -1);
  v = calloc(n + 1, sizeof(*v));
  if (v == NULL) {
    duk_pop(ctx);
    *err = LODE_ENOMEM;
    return NULL;
  }
  for (i = 0; i < n; i++) {
    lode_duk_get_index(ctx, -1, (duk_uarridx_t) i);
    v[i] = dup_str(duk_to_string(ctx, -1));
    duk_pop(ctx);
    if (v[i] == NULL) {
      free_strv(v);
      duk_pop(ctx);
      *err = LODE_ENOMEM;
      return NULL;
    }
  }
  duk_pop(ctx);
  return v;
}

/* A malloc'd copy of environ followed by extra (which it takes over and
 * frees); NULL and *err set when out of memory. */
static char** env_with(char** extra, int* err) {
  size_t n = 0, m = 0, i;
  char** v;
  while (environ[n] != NULL) n++;
  while (extra[m] != NULL) m++;
  v = calloc(n + m + 1, sizeof(*v));
  if (v == NULL) {
    free_strv(extra);
    *err = LODE_ENOMEM;
    return NULL;
  }
  for (i = 0; i < n; i++) {
    v[i] = dup_str(environ[i]);
    if (v[i] == NULL) {
      free_strv(v);
      free_strv(extra);
      *err = LODE_ENOMEM;
      return NULL;
    }
  }
  memcpy(v + n, extra, m * sizeof(*v));
  free(extra);
  return v;
}

/* Reads the common options of spawn and spawnSync from the object at obj.
 * stdio entries of type 'pipe' take their stream from pipes[i] when
 * pipes is given (spawnSync), else from entry.handle. 0 or an error. */
static int read_options(duk_context* ctx, duk_idx_t obj, spawn_opts_t* so,
                        lode_pipe_t** pipes) {
  int err = 0;
  duk_size_t n, i;

  memset(so, 0, sizeof(*so));
  duk_get_prop_string(ctx, obj, "file");
  if (!duk_is_string(ctx, -1)) {
    duk_pop(ctx);
    return LODE_EINVAL;
  }
  so->file = dup_str(duk_get_string(ctx, -1));
  duk_pop(ctx);
  if (so->file == NULL) return LODE_ENOMEM;
  so->o.file = so->file;

  so->args = get_strv(ctx, obj, "args", &err);
  if (err != 0) return err;
  if (so->args == NULL) {
    so->args = calloc(2, sizeof(char*));
    if (so->args == NULL) return LODE_ENOMEM;
    so->args[0] = dup_str(so->file);
    if (so->args[0] == NULL) return LODE_ENOMEM;
  }
  so->o.args = so->args;

  so->env = get_strv(ctx, obj, "envPairs", &err);
  if (err != 0) return err;
  if (so->env == NULL) {
    /* Inherit environ (process.env is a view of it), plus envExtra. */
    char** extra = get_strv(ctx, obj, "envExtra", &err);
    if (err != 0) return err;
    if (extra != NULL) {
      so->env = env_with(extra, &err);
      if (err != 0) return err;
    }
  }
  so->o.env = so->env;

  duk_get_prop_string(ctx, obj, "cwd");
  if (duk_is_string(ctx, -1) && duk_get_length(ctx, -1) > 0) {
    so->cwd = dup_str(duk_get_string(ctx, -1));
    if (so->cwd == NULL) err = LODE_ENOMEM;
    so->o.cwd = so->cwd;
  }
  duk_pop(ctx);
  if (err != 0) return err;

  duk_get_prop_string(ctx, obj, "uid");
  if (duk_is_number(ctx, -1)) {
    so->o.flags |= LODE_PROCESS_SETUID;
    so->o.uid = (lode_uid_t) duk_get_int(ctx, -1);
  }
  duk_pop(ctx);
  duk_get_prop_string(ctx, obj, "gid");
  if (duk_is_number(ctx, -1)) {
    so->o.flags |= LODE_PROCESS_SETGID;
    so->o.gid = (lode_gid_t) duk_get_int(ctx, -1);
  }
  duk_pop(ctx);
  duk_get_prop_string(ctx, obj, "detached");
  if (duk_to_boolean(ctx, -1)) so->o.flags |= LODE_PROCESS_DETACHED;
  duk_pop(ctx);

  duk_get_prop_string(ctx, obj, "stdio");
  if (duk_is_array(ctx, -1)) {
    n = duk_get_length(ctx, -1);
    so->stdio = calloc(n > 0 ? n : 1, sizeof(*so->stdio));
    if (so->stdio == NULL) err = LODE_ENOMEM;
    for (i = 0; err == 0 && i < n; i++) {
      lode_stdio_container_t* c = &so->stdio[i];
      const char* type;
      lode_duk_get_index(ctx, -1, (duk_uarridx_t) i); /* [ ... stdio entry ] */
      duk_get_prop_string(ctx, -1, "type");
      type = duk_is_string(ctx, -1) ? duk_get_string(ctx, -1) : "ignore";
      if (strcmp(type, "pipe") == 0 || strcmp(type, "overlapped") == 0) {
        c->flags = LODE_CREATE_PIPE | LODE_READABLE_PIPE | LODE_WRITABLE_PIPE;
        if (pipes != NULL) {
          c->data.stream = (lode_stream_t*) pipes[i];
        } else {
          duk_get_prop_string(ctx, -2, "handle");
          c->data.stream = lode_stream_wrap_get(ctx, -1);
          duk_pop(ctx);
          if (c->data.stream == NULL || c->data.stream->type != LODE_NAMED_PIPE)
            err = LODE_EINVAL;
        }
      } else if (strcmp(type, "wrap") == 0) {
        c->flags = LODE_INHERIT_STREAM;
        duk_get_prop_string(ctx, -2, "handle");
        c->data.stream = lode_stream_wrap_get(ctx, -1);
        duk_pop(ctx);
        if (c->data.stream == NULL) err = LODE_EINVAL;
      } else if (strcmp(type, "fd") == 0 || strcmp(type, "inherit") == 0) {
        c->flags = LODE_INHERIT_FD;
        duk_get_prop_string(ctx, -2, "fd");
        c->data.fd = duk_get_int_default(ctx, -1, (duk_int_t) i);
        duk_pop(ctx);
      } else {
        c->flags = LODE_IGNORE;
      }
      duk_pop_2(ctx);
    }
    so->o.stdio_count = (int) n;
    so->o.stdio = so->stdio;
  }
  duk_pop(ctx);
  return err;
}

/* ---- the Process handle ---- */

static process_wrap_t* this_wrap(duk_context* ctx) {
  process_wrap_t* w;
  duk_push_this(ctx);
  duk_get_prop_string(ctx, -1, WRAP_KEY);
  w = duk_get_pointer(ctx, -1);
  duk_pop_2(ctx);
  if (w == NULL) (void) duk_error(ctx, DUK_ERR_TYPE_ERROR, "handle is closed");
  return w;
}

/* A Process that never spawned holds no loop state: its memory goes with
 * the object. (Once spawned, obj_ref keeps the object alive until close,
 * and on_close unhooks and frees.) */
static duk_ret_t process_finalize(duk_context* ctx) {
  process_wrap_t* w;
  duk_get_prop_string(ctx, 0, WRAP_KEY);
  w = duk_get_pointer(ctx, -1);
  duk_pop(ctx);
  if (w != NULL && !w->initialized) {
    duk_push_pointer(ctx, NULL);
    duk_put_prop_string(ctx, 0, WRAP_KEY);
    free(w);
  }
  return 0;
}

static duk_ret_t process_new(duk_context* ctx) {
  process_wrap_t* w;
  if (!duk_is_constructor_call(ctx)) return DUK_RET_TYPE_ERROR;
  w = calloc(1, sizeof(*w));
  if (w == NULL) return duk_error(ctx, DUK_ERR_ERROR, "out of memory");
  w->ctx = ctx;
  w->process.data = w;
  duk_push_this(ctx);
  duk_push_pointer(ctx, w);
  duk_put_prop_string(ctx, -2, WRAP_KEY);
  duk_push_c_function(ctx, process_finalize, 1);
  duk_set_finalizer(ctx, -2);
  duk_pop(ctx);
  /* obj_ref is taken by spawn: until then nothing in C points at it. */
  return 0;
}

static void process_on_exit(lode_process_t* p, int64_t exit_status, int term_signal) {
  process_wrap_t* w = p->data;
  duk_context* ctx = w->ctx;
  lode_js_push_ref(ctx, w->obj_ref);
  duk_get_prop_string(ctx, -1, "onexit"); /* [ obj fn ] */
  if (!duk_is_function(ctx, -1)) {
    duk_pop_2(ctx);
    return;
  }
  duk_swap_top(ctx, -2); /* [ fn obj ] */
  duk_push_number(ctx, (double) exit_status);
  duk_push_int(ctx, term_signal);
  lode_js_call(ctx, 2);
  duk_pop(ctx);
}

static duk_ret_t process_spawn(duk_context* ctx) {
  process_wrap_t* w = this_wrap(ctx);
  spawn_opts_t so;
  int err;

  if (w->initialized) {
    duk_push_int(ctx, LODE_EINVAL);
    return 1;
  }
  duk_require_object(ctx, 0);
  err = read_options(ctx, 0, &so, NULL);
  if (err == 0) {
    so.o.exit_cb = process_on_exit;
    err = lode_spawn(lode_engine_get(ctx)->loop, &w->process, &so.o);
    w->initialized = 1;
    duk_push_this(ctx);
    w->obj_ref = lode_js_ref(ctx, -1);
    if (err == 0) {
      duk_push_int(ctx, lode_process_get_pid(&w->process));
      duk_put_prop_string(ctx, -2, "pid");
    }
    duk_pop(ctx);
  }
  opts_free(&so);
  duk_push_int(ctx, err);
  return 1;
}

static duk_ret_t process_kill(duk_context* ctx) {
  process_wrap_t* w = this_wrap(ctx);
  if (!w->initialized) {
    duk_push_int(ctx, LODE_ESRCH);
    return 1;
  }
  duk_push_int(ctx, lode_process_kill(&w->process, duk_require_int(ctx, 0)));
  return 1;
}

/* [ ... obj ] → [ ... obj ]: the object no longer points at the wrap. */
static void unhook(duk_context* ctx) {
  duk_push_pointer(ctx, NULL);
  duk_put_prop_string(ctx, -2, WRAP_KEY);
}

static void on_close(lode_handle_t* h) {
  process_wrap_t* w = h->data;
  duk_context* ctx = w->ctx;
  int cb_ref = w->close_cb_ref;
  int obj_ref = w->obj_ref;
  lode_js_push_ref(ctx, obj_ref);
  unhook(ctx);
  free(w);
  if (cb_ref > 0) {
    lode_js_push_ref(ctx, cb_ref); /* [ obj cb ] */
    duk_dup(ctx, -2);
    lode_js_call(ctx, 0);
    duk_pop(ctx);
    lode_js_unref(ctx, cb_ref);
  }
  duk_pop(ctx);
  lode_js_unref(ctx, obj_ref);
}

static duk_ret_t process_close(duk_context* ctx) {
  process_wrap_t* w = this_wrap(ctx);
  if (!w->initialized) {
    /* Never spawned: nothing in the loop to close. */
    duk_push_this(ctx);
    unhook(ctx);
    duk_pop(ctx);
    free(w);
    if (duk_is_function(ctx, 0)) {
      duk_dup(ctx, 0);
      duk_push_this(ctx);
      lode_js_call(ctx, 0);
    }
    return 0;
  }
  if (lode_is_closing((lode_handle_t*) &w->process)) return 0;
  if (duk_is_function(ctx, 0)) w->close_cb_ref = lode_js_ref(ctx, 0);
  lode_close((lode_handle_t*) &w->process, on_close);
  return 0;
}

static duk_ret_t process_ref(duk_context* ctx) {
  process_wrap_t* w = this_wrap(ctx);
  if (w->initialized) lode_ref((lode_handle_t*) &w->process);
  return 0;
}

static duk_ret_t process_unref(duk_context* ctx) {
  process_wrap_t* w = this_wrap(ctx);
  if (w->initialized) lode_unref((lode_handle_t*) &w->process);
  return 0;
}

static duk_ret_t process_has_ref(duk_context* ctx) {
  process_wrap_t* w = this_wrap(ctx);
  duk_push_boolean(ctx, w->initialized && lode_has_ref((lode_handle_t*) &w->process));
  return 1;
}

/* ---- spawnSync: a child on a private loop ---- */

typedef struct sync_runner_s sync_runner_t;

typedef struct {
  lode_pipe_t pipe;
  sync_runner_t* runner;
  int used;     /* a pipe for this fd */
  int readable; /* the child reads (we write input) */
  int writable; /* the child writes (we collect) */
  int closing;
  const char* input;
  size_t input_len;
  lode_write_t write_req;
  lode_shutdown_t shutdown_req;
  char* data;
  size_t len, cap;
} sync_pipe_t;

struct sync_runner_s {
  lode_loop_t loop;
  lode_process_t process;
  lode_timer_t timer;
  sync_pipe_t* pipes;
  int npipes;
  int process_open, timer_open;
  int exited;
  int64_t exit_status;
  int term_signal;
  int error;
  int killed;
  int kill_signal;
  double max_buffer; /* 0: no limit */
  double buffered;
};

static void sync_set_error(sync_runner_t* r, int err) {
  if (r->error == 0) r->error = err;
}

static void sync_pipe_closed(lode_handle_t* h) {
  (void) h;
}

static void sync_close_pipe(sync_pipe_t* p) {
  if (!p->used || p->closing) return;
  p->closing = 1;
  lode_close((lode_handle_t*) &p->pipe, sync_pipe_closed);
}

static void sync_timer_closed(lode_handle_t* h) {
  (void) h;
}

static void sync_close_timer(sync_runner_t* r) {
  if (!r->timer_open) return;
  r->timer_open = 0;
  lode_close((lode_handle_t*) &r->timer, sync_timer_closed);
}

/* Kills once; closes our ends of the pipes so a grandchild holding them
 * cannot make us hang (as Node). */
static void sync_kill(sync_runner_t* r) {
  int i;
  if (r->killed) return;
  r->killed = 1;
  if (!r->exited) {
    int err = lode_process_kill(&r->process, r->kill_signal);
    if (err != 0 && err != LODE_ESRCH) {
      sync_set_error(r, err);
      /* The signal could not be sent: SIGKILL it so we do not hang. */
      if (r->kill_signal != SIGKILL) lode_process_kill(&r->process, SIGKILL);
    }
  }
  for (i = 0; i < r->npipes; i++) sync_close_pipe(&r->pipes[i]);
  sync_close_timer(r);
}

static void sync_on_exit(lode_process_t* p, int64_t exit_status, int term_signal) {
  sync_runner_t* r = p->data;
  r->exited = 1;
  r->exit_status = exit_status;
  r->term_signal = term_signal;
  lode_close((lode_handle_t*) p, NULL);
  r->process_open = 0;
}

static void sync_on_timeout(lode_timer_t* t) {
  sync_runner_t* r = t->data;
  sync_set_error(r, LODE_ETIMEDOUT);
  sync_kill(r);
}

static void sync_alloc(lode_handle_t* h, size_t suggested, lode_buf_t* buf) {
  sync_pipe_t* p = h->data;
  (void) suggested;
  if (p->cap - p->len < 65536) {
    size_t cap = p->cap ? p->cap * 2 : 65536 * 2;
    char* d;
    while (cap - p->len < 65536) cap *= 2;
    d = realloc(p->data, cap);
    if (d == NULL) {
      buf->base = NULL;
      buf->len = 0;
      return;
    }
    p->data = d;
    p->cap = cap;
  }
  buf->base = p->data + p->len;
  buf->len = (unsigned int) (p->cap - p->len);
}

static void sync_on_read(lode_stream_t* s, lode_ssize_t nread,
                         const lode_buf_t* buf) {
  sync_pipe_t* p = s->data;
  sync_runner_t* r = p->runner;
  (void) buf;
  if (nread == 0) return;
  if (nread < 0) {
    if (nread != LODE_EOF) sync_set_error(r, (int) nread);
    sync_close_pipe(p);
    return;
  }
  p->len += (size_t) nread;
  r->buffered += (double) nread;
  if (r->max_buffer > 0 && r->buffered > r->max_buffer) {
    sync_set_error(r, LODE_ENOBUFS);
    sync_kill(r);
  }
}

static void sync_on_shutdown(lode_shutdown_t* req, int status) {
  sync_pipe_t* p = req->data;
  /* EPIPE and friends: the child did not read its input; not an error. */
  (void) status;
  /* A pipe the child only reads from is done once its input is out. */
  if (!p->writable) sync_close_pipe(p);
}

static void sync_on_write(lode_write_t* req, int status) {
  sync_pipe_t* p = req->data;
  if (status != 0 && status != LODE_EPIPE && status != LODE_ECANCELED &&
      status != LODE_ECONNRESET)
    sync_set_error(p->runner, status);
}

/* [ ... ] → [ ... result ] */
static void sync_push_result(duk_context* ctx, sync_runner_t* r, int ran) {
  int i;
  duk_push_object(ctx);
  duk_push_int(ctx, ran ? lode_process_get_pid(&r->process) : 0);
  duk_put_prop_string(ctx, -2, "pid");
  if (ran && r->exited) {
    if (r->term_signal > 0)
      duk_push_null(ctx);
    else
      duk_push_number(ctx, (double) r->exit_status);
    duk_put_prop_string(ctx, -2, "status");
    duk_push_int(ctx, r->term_signal);
    duk_put_prop_string(ctx, -2, "signal");
    duk_push_array(ctx);
    for (i = 0; i < r->npipes; i++) {
      sync_pipe_t* p = &r->pipes[i];
      if (p->used && p->writable) {
        void* d = lode_js_push_buffer(ctx, p->len);
        if (p->len > 0) memcpy(d, p->data, p->len);
      } else {
        duk_push_null(ctx);
      }
      lode_duk_put_index(ctx, -2, (duk_uarridx_t) i);
    }
    duk_put_prop_string(ctx, -2, "output");
  } else {
    duk_push_int(ctx, 0);
    duk_put_prop_string(ctx, -2, "signal");
  }
  if (r->error != 0) {
    duk_push_int(ctx, r->error);
    duk_put_prop_string(ctx, -2, "error");
  }
}

static duk_ret_t spawn_sync(duk_context* ctx) {
  sync_runner_t* r;
  spawn_opts_t so;
  lode_pipe_t** pipe_ptrs = NULL;
  int i, err, ran = 0;
  double timeout = 0;

  duk_require_object(ctx, 0);
  r = calloc(1, sizeof(*r));
  if (r == NULL) return duk_error(ctx, DUK_ERR_ERROR, "out of memory");
  err = lode_loop_init(&r->loop);
  if (err != 0) {
    free(r);
    return lode_js_throw_error(ctx, err, "spawnSync", NULL, NULL);
  }

  duk_get_prop_string(ctx, 0, "timeout");
  if (duk_is_number(ctx, -1)) timeout = duk_get_number(ctx, -1);
  duk_pop(ctx);
  duk_get_prop_string(ctx, 0, "maxBuffer");
  if (duk_is_number(ctx, -1)) r->max_buffer = duk_get_number(ctx, -1);
  if (!(r->max_buffer > 0) || r->max_buffer > 1e300) r->max_buffer = 0;
  duk_pop(ctx);
  duk_get_prop_string(ctx, 0, "killSignal");
  r->kill_signal = duk_is_number(ctx, -1) ? duk_get_int(ctx, -1) : SIGTERM;
  duk_pop(ctx);

  /* The pipes: one per stdio entry of type 'pipe'. */
  duk_get_prop_string(ctx, 0, "stdio");
  r->npipes = duk_is_array(ctx, -1) ? (int) duk_get_length(ctx, -1) : 0;
  r->pipes = calloc((size_t) (r->npipes > 0 ? r->npipes : 1), sizeof(*r->pipes));
  pipe_ptrs = calloc((size_t) (r->npipes > 0 ? r->npipes : 1), sizeof(*pipe_ptrs));
  err = r->pipes == NULL || pipe_ptrs == NULL ? LODE_ENOMEM : 0;
  for (i = 0; err == 0 && i < r->npipes; i++) {
    sync_pipe_t* p = &r->pipes[i];
    const char* type;
    lode_duk_get_index(ctx, -1, (duk_uarridx_t) i);
    duk_get_prop_string(ctx, -1, "type");
    type = duk_is_string(ctx, -1) ? duk_get_string(ctx, -1) : "";
    duk_pop(ctx);
    if (strcmp(type, "pipe") == 0 || strcmp(type, "overlapped") == 0) {
      p->used = 1;
      p->runner = r;
      duk_get_prop_string(ctx, -1, "readable");
      p->readable = duk_to_boolean(ctx, -1);
      duk_pop(ctx);
      duk_get_prop_string(ctx, -1, "writable");
      p->writable = duk_to_boolean(ctx, -1);
      duk_pop(ctx);
      /* The input's bytes stay on the value stack (its stdio entry is
       * reachable from options) for the whole call. */
      duk_get_prop_string(ctx, -1, "input");
      p->input = lode_js_get_bytes(ctx, -1, &p->input_len);
      duk_pop(ctx);
      lode_pipe_init(&r->loop, &p->pipe, 0);
      p->pipe.data = p;
      pipe_ptrs[i] = &p->pipe;
    }
    duk_pop(ctx);
  }
  duk_pop(ctx);

  if (err == 0) err = read_options(ctx, 0, &so, pipe_ptrs);
  else memset(&so, 0, sizeof(so));
  if (err == 0) {
    so.o.exit_cb = sync_on_exit;
    r->process.data = r;
    err = lode_spawn(&r->loop, &r->process, &so.o);
    r->process.data = r;
    if (err == 0) {
      ran = 1;
      r->process_open = 1;
    } else {
      lode_close((lode_handle_t*) &r->process, NULL);
    }
  }
  opts_free(&so);
  free(pipe_ptrs);
  if (err != 0) sync_set_error(r, err);

  if (ran) {
    if (timeout > 0) {
      lode_timer_init(&r->loop, &r->timer);
      r->timer.data = r;
      r->timer_open = 1;
      lode_timer_start(&r->timer, sync_on_timeout, (uint64_t) timeout, 0);
      /* Unreferenced: it fires only while the child or its pipes keep
       * the loop running (a grandchild holding a pipe included). */
      lode_unref((lode_handle_t*) &r->timer);
    }
    for (i = 0; i < r->npipes; i++) {
      sync_pipe_t* p = &r->pipes[i];
      if (!p->used || p->closing) continue;
      if (p->readable) {
        if (p->input_len > 0) {
          lode_buf_t b = lode_buf_init((char*) p->input, (unsigned int) p->input_len);
          p->write_req.data = p;
          err = lode_write(&p->write_req, (lode_stream_t*) &p->pipe, &b, 1,
                           sync_on_write);
          if (err != 0) sync_set_error(r, err);
        }
        p->shutdown_req.data = p;
        if (lode_shutdown(&p->shutdown_req, (lode_stream_t*) &p->pipe,
                          sync_on_shutdown) != 0 && !p->writable)
          sync_close_pipe(p);
      }
      if (p->writable && !p->closing) {
        err = lode_read_start((lode_stream_t*) &p->pipe, sync_alloc, sync_on_read);
        if (err != 0) {
          sync_set_error(r, err);
          sync_close_pipe(p);
        }
      }
    }
  } else {
    for (i = 0; i < r->npipes; i++) sync_close_pipe(&r->pipes[i]);
  }

  lode_run(&r->loop, LODE_RUN_DEFAULT);
  /* Everything is closed or closing once the loop is idle: the process
   * exited, and the pipes met EOF or were closed by a kill. */
  for (i = 0; i < r->npipes; i++) sync_close_pipe(&r->pipes[i]);
  sync_close_timer(r);
  lode_run(&r->loop, LODE_RUN_DEFAULT);
  err = lode_loop_close(&r->loop);
  /* XXX: a loop that cannot close (LODE_EBUSY) leaks; it cannot happen
   * with the handles above, all closed. */
  (void) err;

  sync_push_result(ctx, r, ran);
  for (i = 0; i < r->npipes; i++) free(r->pipes[i].data);
  free(r->pipes);
  free(r);
  return 1;
}

/* ---- the IPC channel's framing: one JSON text per line ---- */

/* Reads of an IPC Pipe go to a C consumer that cuts them into lines, so
 * that the JS side gets strings, never a Buffer to decode and split (the
 * costly part of a message under Duktape). */
#define IPC_KEY DUK_HIDDEN_SYMBOL("lodeIpcReader")

typedef struct {
  duk_context* ctx;
  int pipe_ref; /* the Pipe object, until ipcStop */
  char* buf;    /* the start of a line not complete yet */
  size_t len, cap;
} ipc_reader_t;

static int ipc_append(ipc_reader_t* r, const char* p, size_t n) {
  if (r->cap - r->len < n) {
    size_t cap = r->cap ? r->cap : 256;
    char* b;
    while (cap - r->len < n) cap *= 2;
    b = realloc(r->buf, cap);
    if (b == NULL) return LODE_ENOMEM;
    r->buf = b;
    r->cap = cap;
  }
  memcpy(r->buf + r->len, p, n);
  r->len += n;
  return 0;
}

/* [ ... ] → [ ... line ]: a string when the line is ASCII (bytes and
 * characters agree), else a Buffer for JS to decode as UTF-8. */
static void ipc_push_line(duk_context* ctx, const char* p, size_t n) {
  size_t i;
  for (i = 0; i < n; i++) {
    if ((unsigned char) p[i] >= 0x80) {
      void* d = lode_js_push_buffer(ctx, n);
      memcpy(d, p, n);
      return;
    }
  }
  duk_push_lstring(ctx, p, n);
}

/* ---- a JSON decoder for the common IPC message, in C ----
 *
 * Duktape's JSON.parse spends most of a small message's cost on copying
 * every string through a temporary buffer and on converting numbers with
 * its general algorithm (about 15k instructions for
 * {"cmd":"ping","n":1,"text":"hello","list":[1,2,3]}). ipc_decode handles
 * the shapes JSON.stringify produces for plain data: objects, arrays,
 * strings without escapes, numbers, true, false and null. Anything else
 * (an escape, a "__proto__" key, deeper nesting than IPC_DEPTH, a syntax
 * error) makes it give up, and the line goes to JSON.parse as before.
 * Numbers are rounded correctly (strtod beyond 15 digits), as node's
 * JSON.parse does; Duktape's can be one unit off in the last place.
 * Properties are defined (not assigned) as JSON.parse does: setters on
 * Object.prototype or Array.prototype are not called. */
#define IPC_DEPTH 16

typedef struct {
  const char* p;
  const char* end;
} ipc_src_t;

static void ipc_ws(ipc_src_t* s) {
  while (s->p < s->end &&
         (*s->p == ' ' || *s->p == '\n' || *s->p == '\r' || *s->p == '\t'))
    s->p++;
}

/* A string without escapes at s->p (the opening quote): its bytes. */
static int ipc_string(ipc_src_t* s, const char** str, size_t* len) {
  const char* q = s->p + 1;
  while (q < s->end && *q != '"') {
    /* An escape, a control character or a non-ASCII byte: JSON.parse. */
    if (*q == '\\' || (unsigned char) *q < 0x20 || (unsigned char) *q >= 0x80)
      return -1;
    q++;
  }
  if (q == s->end) return -1;
  *str = s->p + 1;
  *len = (size_t) (q - (s->p + 1));
  s->p = q + 1;
  return 0;
}

static const duk_uint_t ipc_def_flags =
    DUK_DEFPROP_HAVE_VALUE | DUK_DEFPROP_SET_WRITABLE |
    DUK_DEFPROP_SET_ENUMERABLE | DUK_DEFPROP_SET_CONFIGURABLE;

/* One value at s->p pushed on ctx's stack (0), or nothing pushed (-1). */
static int ipc_value(duk_context* ctx, ipc_src_t* s, int depth) {
  const char* str;
  size_t len;
  duk_idx_t obj;
  char c;

  ipc_ws(s);
  if (s->p == s->end) return -1;
  c = *s->p;
  if (c == '"') {
    if (ipc_string(s, &str, &len) != 0) return -1;
    duk_push_lstring(ctx, str, len);
    return 0;
  }
  if (c == '-' || (c >= '0' && c <= '9')) {
    const char* q = s->p;
    const char* digits;
    int neg = c == '-';
    double v = 0;
    if (neg) q++;
    digits = q;
    if (q < s->end && *q == '0') {
      q++;
    } else {
      while (q < s->end && *q >= '0' && *q <= '9') {
        v = v * 10 + (*q - '0'); /* exact up to 15 digits */
        q++;
      }
    }
    if (q == digits) return -1;
    if ((q < s->end && (*q == '.' || *q == 'e' || *q == 'E')) || q - digits > 15) {
      /* A fraction, an exponent or more digits than a double holds
       * exactly: checked against JSON's grammar, then converted by
       * strtod, which rounds correctly (as V8 does; Duktape's own
       * conversion can be one unit off in the last place). */
      char tmp[64];
      if (q < s->end && *q == '.') {
        const char* f = ++q;
        while (q < s->end && *q >= '0' && *q <= '9') q++;
        if (q == f) return -1;
      }
      if (q < s->end && (*q == 'e' || *q == 'E')) {
        const char* x;
        q++;
        if (q < s->end && (*q == '+' || *q == '-')) q++;
        x = q;
        while (q < s->end && *q >= '0' && *q <= '9') q++;
        if (q == x) return -1;
      }
      if ((size_t) (q - s->p) >= sizeof(tmp)) return -1;
      memcpy(tmp, s->p, (size_t) (q - s->p));
      tmp[q - s->p] = '\0';
      s->p = q;
      duk_push_number(ctx, strtod(tmp, NULL));
      return 0;
    }
    s->p = q;
    duk_push_number(ctx, neg ? -v : v); /* "-0" is -0, as JSON.parse */
    return 0;
  }
  if (c == '{' || c == '[') {
    duk_uarridx_t i = 0;
    char close = c == '{' ? '}' : ']';
    if (depth >= IPC_DEPTH) return -1;
    if (c == '{') duk_push_object(ctx);
    else duk_push_array(ctx);
    obj = duk_get_top_index(ctx);
    s->p++;
    ipc_ws(s);
    if (s->p < s->end && *s->p == close) {
      s->p++;
      return 0;
    }
    for (;;) {
      if (c == '{') {
        ipc_ws(s);
        if (s->p == s->end || *s->p != '"' || ipc_string(s, &str, &len) != 0)
          goto fail;
        /* JSON.parse makes an own property "__proto__": left to it. */
        if (len == 9 && memcmp(str, "__proto__", 9) == 0) goto fail;
        duk_push_lstring(ctx, str, len);
        ipc_ws(s);
        if (s->p == s->end || *s->p != ':') goto fail;
        s->p++;
      } else {
        duk_push_uint(ctx, i++);
      }
      if (ipc_value(ctx, s, depth + 1) != 0) goto fail;
      duk_def_prop(ctx, obj, ipc_def_flags);
      ipc_ws(s);
      if (s->p == s->end) goto fail;
      if (*s->p == close) {
        s->p++;
        return 0;
      }
      if (*s->p != ',') goto fail;
      s->p++;
    }
  fail:
    duk_set_top(ctx, obj);
    return -1;
  }
  if (s->end - s->p >= 4 && memcmp(s->p, "true", 4) == 0) {
    s->p += 4;
    duk_push_true(ctx);
    return 0;
  }
  if (s->end - s->p >= 5 && memcmp(s->p, "false", 5) == 0) {
    s->p += 5;
    duk_push_false(ctx);
    return 0;
  }
  if (s->end - s->p >= 4 && memcmp(s->p, "null", 4) == 0) {
    s->p += 4;
    duk_push_null(ctx);
    return 0;
  }
  return -1;
}

/* [ ... ] → [ ... value ] and 0 when the whole line p[0..n) is a JSON
 * text ipc_value handles; else the stack is unchanged and -1. */
static int ipc_decode(duk_context* ctx, const char* p, size_t n) {
  ipc_src_t s;
  duk_idx_t top = duk_get_top(ctx);
  /* Room for every level's object and key/value pair. */
  if (!duk_check_stack(ctx, IPC_DEPTH * 3 + 8)) return -1;
  s.p = p;
  s.end = p + n;
  if (ipc_value(ctx, &s, 0) != 0) return -1;
  ipc_ws(&s);
  if (s.p != s.end) {
    duk_set_top(ctx, top);
    return -1;
  }
  return 0;
}

/* The consumer: a read that is one whole message of a shape ipc_decode
 * handles goes to pipe.onmessage(value) when that is a function; other
 * whole lines (each with its '\n') go to pipe.onlines(line) or, several
 * from one read, pipe.onlines([line, ...]); pipe.buffering tells whether
 * part of a line waits for more bytes. */
static void ipc_on_bytes(void* data, const char* p, size_t n) {
  ipc_reader_t* r = data;
  duk_context* ctx = r->ctx;
  const char* end = p + n;
  const char* nl;
  duk_idx_t base = duk_get_top(ctx);
  duk_uarridx_t count = 0;

  lode_js_push_ref(ctx, r->pipe_ref);
  /* The usual read: exactly one whole message. Decoded here when it has
   * a common shape, and given to pipe.onmessage(value). */
  if (r->len == 0 && n > 0 && p[n - 1] == '\n' &&
      memchr(p, '\n', n - 1) == NULL) {
    lode_get_lit(ctx, -1, "onmessage");
    if (duk_is_function(ctx, -1)) {
      duk_dup(ctx, -2); /* [ pipe fn pipe ] */
      if (ipc_decode(ctx, p, n) == 0) {
        duk_push_false(ctx);
        lode_put_lit(ctx, base, "buffering");
        lode_js_call(ctx, 1);
        duk_set_top(ctx, base);
        return;
      }
    }
    duk_set_top(ctx, base + 1);
  }
  duk_get_prop_string(ctx, -1, "onlines");
  duk_dup(ctx, -2); /* [ pipe fn pipe ] */
  while ((nl = memchr(p, '\n', (size_t) (end - p))) != NULL) {
    size_t ln = (size_t) (nl + 1 - p);
    if (r->len > 0) {
      int err = ipc_append(r, p, ln);
      p = nl + 1;
      if (err != 0) {
        r->len = 0; /* XXX: out of memory: the line is lost */
        continue;
      }
      ipc_push_line(ctx, r->buf, r->len);
      r->len = 0;
    } else {
      ipc_push_line(ctx, p, ln);
      p = nl + 1;
    }
    /* [ pipe fn pipe line ] or [ pipe fn pipe line0 line1 ] or
     * [ pipe fn pipe lines line ] */
    if (count == 1) {
      duk_push_array(ctx);
      duk_insert(ctx, -3); /* [ pipe fn pipe lines line0 line1 ] */
      lode_duk_put_index(ctx, -3, 1);
      lode_duk_put_index(ctx, -2, 0);
    } else if (count > 1) {
      lode_duk_put_index(ctx, -2, count);
    }
    count++;
  }
  /* XXX: out of memory: the partial line is lost. */
  if (p < end && ipc_append(r, p, (size_t) (end - p)) != 0) r->len = 0;
  duk_push_boolean(ctx, r->len != 0);
  duk_put_prop_string(ctx, base, "buffering");
  if (count == 0 || !duk_is_function(ctx, base + 1)) {
    duk_set_top(ctx, base);
    return;
  }
  /* r may be freed by the callback (ipcStop): not used after this. */
  lode_js_call(ctx, 1); /* [ pipe result ] */
  duk_set_top(ctx, base);
}

/* ipcStart(pipe): see the top of the file. */
static duk_ret_t ipc_start(duk_context* ctx) {
  ipc_reader_t* r;
  int err;
  duk_require_object(ctx, 0);
  duk_get_prop_string(ctx, 0, IPC_KEY);
  r = duk_get_pointer(ctx, -1);
  duk_pop(ctx);
  if (r != NULL) {
    duk_push_int(ctx, LODE_EINVAL);
    return 1;
  }
  r = calloc(1, sizeof(*r));
  if (r == NULL) {
    duk_push_int(ctx, LODE_ENOMEM);
    return 1;
  }
  r->ctx = ctx;
  err = lode_stream_wrap_consume(ctx, 0, ipc_on_bytes, r);
  if (err != 0) {
    free(r);
    duk_push_int(ctx, err);
    return 1;
  }
  /* Until ipcStop: the object is what the consumer calls into. */
  r->pipe_ref = lode_js_ref(ctx, 0);
  duk_push_pointer(ctx, r);
  duk_put_prop_string(ctx, 0, IPC_KEY);
  duk_push_int(ctx, 0);
  return 1;
}

/* ipcStop(pipe): see the top of the file. */
static duk_ret_t ipc_stop(duk_context* ctx) {
  ipc_reader_t* r;
  duk_require_object(ctx, 0);
  duk_get_prop_string(ctx, 0, IPC_KEY);
  r = duk_get_pointer(ctx, -1);
  duk_pop(ctx);
  if (r == NULL) return 0;
  duk_push_pointer(ctx, NULL);
  duk_put_prop_string(ctx, 0, IPC_KEY);
  lode_stream_wrap_unconsume(ctx, 0, r);
  lode_js_unref(ctx, r->pipe_ref);
  free(r->buf);
  free(r);
  return 0;
}

/* ipcSend(pipe, req, message): see the top of the file. */
static duk_ret_t ipc_send(duk_context* ctx) {
  static char newline[] = "\n";
  lode_buf_t bufs[2];
  duk_size_t len;
  const char* p;
  duk_require_object(ctx, 0);
  duk_require_object(ctx, 1);
  duk_set_top(ctx, 3);
  /* JSON.stringify(message), without the JS call. */
  duk_json_encode(ctx, 2);
  if (!duk_is_string(ctx, 2)) {
    duk_push_int(ctx, 2);
    return 1;
  }
  p = duk_get_lstring(ctx, 2, &len);
  /* Only ASCII is stored as its UTF-8 bytes (one byte per character);
   * other text goes back to JS to be written as UTF-8. */
  if (duk_get_length(ctx, 2) != len) return 1;
  bufs[0] = lode_buf_init((char*) p, (unsigned int) len);
  bufs[1] = lode_buf_init(newline, 1);
  /* The string, immutable, keeps its bytes alive while queued. */
  duk_push_int(ctx, lode_stream_wrap_write_req(ctx, 0, 1, bufs, 2, 2));
  return 1;
}

static const duk_function_list_entry process_methods[] = {
    {"spawn", process_spawn, 1},
    {"kill", process_kill, 1},
    {"close", process_close, 1},
    {"ref", process_ref, 0},
    {"unref", process_unref, 0},
    {"hasRef", process_has_ref, 0},
    {NULL, NULL, 0}};

void lode_binding_process_wrap(duk_context* ctx) {
  duk_push_object(ctx);
  duk_push_c_function(ctx, process_new, 0);
  duk_push_object(ctx);
  duk_put_function_list(ctx, -1, process_methods);
  duk_dup(ctx, -2);
  duk_put_prop_string(ctx, -2, "constructor");
  duk_put_prop_string(ctx, -2, "prototype");
  duk_put_prop_string(ctx, -2, "Process");
  duk_push_c_function(ctx, spawn_sync, 1);
  duk_put_prop_string(ctx, -2, "spawnSync");
  duk_push_c_function(ctx, ipc_start, 1);
  duk_put_prop_string(ctx, -2, "ipcStart");
  duk_push_c_function(ctx, ipc_stop, 1);
  duk_put_prop_string(ctx, -2, "ipcStop");
  duk_push_c_function(ctx, ipc_send, 3);
  duk_put_prop_string(ctx, -2, "ipcSend");
}
