/*
 * process.c — child processes on POSIX (layer: platform/unix).
 * Contract: loop/lode.h, "Processes"; DESIGN.md, "Child processes".
 *
 * Spawning uses posix_spawn (glibc reports the exec error as its return
 * value, so a failed exec leaves nothing behind) and falls back to
 * fork+exec with a close-on-exec error pipe when the child must change
 * uid/gid, which posix_spawn cannot do. The child starts with default
 * signal dispositions and an empty signal mask.
 *
 * Reaping: each loop owns an internal, unreferenced SIGCHLD signal handle
 * (loop->child_watcher), started before the first fork so that no exit is
 * missed. On SIGCHLD the loop calls waitpid(pid, WNOHANG) for its own
 * children only, never waitpid(-1), so children created by other code in
 * the process are left to their owners.
 */
#include <spawn.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

#if defined(__linux__)
# include <grp.h>
#endif

#include "internal.h"

extern char** environ;

/* lode_process_t flag: the child was reaped (pid no longer ours). */
#define PROCESS_EXITED LODE_HANDLE_TYPE_PRIVATE1

/* The loop's SIGCHLD watcher, plus the pids of children whose handles were
 * closed before they exited: they are still reaped so none stays a
 * zombie. */
struct child_watcher {
  lode_signal_t signal; /* first: loop->child_watcher points here */
  lode_pid_t* orphans;
  size_t norphans;
  size_t orphans_cap;
};

/* waitpid(pid, WNOHANG) retried on EINTR: pid, 0 (still running) or -1. */
static pid_t wait_nohang(pid_t pid, int* status) {
  pid_t r;
  do
    r = waitpid(pid, status, WNOHANG);
  while (r < 0 && errno == EINTR);
  return r;
}

static void reap_blocking(pid_t pid) {
  int status;
  pid_t r;
  do
    r = waitpid(pid, &status, 0);
  while (r < 0 && errno == EINTR);
}

static void child_signal_cb(lode_signal_t* signal, int signum) {
  struct child_watcher* cw = (struct child_watcher*) signal;
  lode_loop_t* loop = signal->loop;
  lode__queue_t exited;
  lode__queue_t* q;
  size_t i;
  (void) signum;

  /* Orphans first: nobody waits for their status. */
  for (i = 0; i < cw->norphans;) {
    int status;
    if (wait_nohang(cw->orphans[i], &status) != 0)
      cw->orphans[i] = cw->orphans[--cw->norphans];
    else
      i++;
  }

  /* Reap everything that exited before running any callback: callbacks
   * may spawn or close other process handles. */
  lode__queue_init(&exited);
  q = lode__queue_head(&loop->process_handles);
  while (q != &loop->process_handles) {
    lode_process_t* p = lode__queue_data(q, lode_process_t, queue);
    int status = 0;
    pid_t r = wait_nohang(p->pid, &status);
    q = lode__queue_next(q);
    if (r == 0) continue;
    if (r < 0) {
      /* XXX: ECHILD means someone else reaped our child (a waitpid(-1)
       * elsewhere in the process); its status is lost. Report a plain
       * exit rather than keeping the handle active forever. */
      status = 0;
    }
    p->status = status;
    p->flags |= PROCESS_EXITED;
    lode__queue_remove(&p->queue);
    lode__queue_insert_tail(&exited, &p->queue);
  }

  /* A callback that closes another exited handle unlinks it from
   * `exited`, so it is not called after its close. */
  while (!lode__queue_empty(&exited)) {
    lode_process_t* p;
    int64_t exit_status = 0;
    int term_signal = 0;
    q = lode__queue_head(&exited);
    lode__queue_remove(q);
    p = lode__queue_data(q, lode_process_t, queue);
    lode__handle_stop((lode_handle_t*) p);
    if (WIFEXITED(p->status)) exit_status = WEXITSTATUS(p->status);
    if (WIFSIGNALED(p->status)) term_signal = WTERMSIG(p->status);
    if (p->exit_cb != NULL) p->exit_cb(p, exit_status, term_signal);
  }
}

/* Creates and starts the loop's SIGCHLD watcher on first spawn. */
static int child_watcher_start(lode_loop_t* loop) {
  struct child_watcher* cw;
  int err;

  if (loop->child_watcher != NULL) return 0;
  cw = lode__calloc(1, sizeof(*cw));
  if (cw == NULL) return LODE_ENOMEM;
  err = lode_signal_init(loop, &cw->signal);
  if (err != 0) {
    lode__free(cw);
    return err;
  }
  cw->signal.flags |= LODE_HANDLE_INTERNAL;
  lode_unref((lode_handle_t*) &cw->signal);
  err = lode_signal_start(&cw->signal, child_signal_cb, SIGCHLD);
  if (err != 0) {
    lode__queue_remove(&cw->signal.handle_queue);
    lode__free(cw);
    return err;
  }
  loop->child_watcher = &cw->signal;
  return 0;
}

/* ---- spawning ---- */

/* Everything the child needs, prepared in the parent (the fork path may
 * only call async-signal-safe functions in the child). */
struct spawn_plan {
  const lode_process_options_t* options;
  char** env;
  const char* path;  /* resolved executable */
  int count;         /* child descriptors 0..count-1 */
  int* src;          /* per child fd: parent fd to dup2, or -1 */
  int* parent_end;   /* CREATE_PIPE: the parent's end, else -1 */
  int* child_end;    /* CREATE_PIPE: the child's end when src copies it */
};

static const char* env_path(char** env) {
  size_t i;
  if (env == environ) return getenv("PATH");
  for (i = 0; env[i] != NULL; i++)
    if (strncmp(env[i], "PATH=", 5) == 0) return env[i] + 5;
  return NULL;
}

/* execvpe's search, done in the parent: the first PATH entry holding an
 * executable regular file wins. *path is malloc'd (caller frees) or NULL
 * when file contains a slash (spawn it as given). LODE_EACCES when only
 * non-executable candidates exist, LODE_ENOENT when none does. */
static int search_path(const char* file, char** env, char** path) {
  const char* dirs;
  const char* p;
  size_t flen = strlen(file);
  int err = LODE_ENOENT;

  *path = NULL;
  if (flen == 0) return LODE_ENOENT;
  if (strchr(file, '/') != NULL) return 0;
  dirs = env_path(env);
  if (dirs == NULL) dirs = "/usr/bin:/bin"; /* _PATH_DEFPATH */

  for (p = dirs;; p++) {
    const char* end = strchr(p, ':');
    size_t dlen = end ? (size_t) (end - p) : strlen(p);
    char* cand = lode__malloc(dlen + flen + 3);
    struct stat st;
    if (cand == NULL) return LODE_ENOMEM;
    /* An empty entry is the current directory. */
    if (dlen == 0) {
      memcpy(cand, ".", 1);
      dlen = 1;
    } else {
      memcpy(cand, p, dlen);
    }
    cand[dlen] = '/';
    memcpy(cand + dlen + 1, file, flen + 1);
    if (stat(cand, &st) == 0) {
      if (S_ISREG(st.st_mode) && access(cand, X_OK) == 0) {
        *path = cand;
        return 0;
      }
      err = LODE_EACCES; /* a directory or not executable: keep looking */
    } else if (errno == EACCES) {
      err = LODE_EACCES;
    }
    lode__free(cand);
    if (end == NULL) break;
    p = end;
  }
  return err;
}

static void plan_free(struct spawn_plan* plan) {
  int i;
  if (plan->src != NULL) {
    for (i = 0; i < plan->count; i++) {
      if (plan->src[i] >= 0) lode__close(plan->src[i]);
      if (plan->parent_end[i] >= 0) lode__close(plan->parent_end[i]);
      if (plan->child_end[i] >= 0) lode__close(plan->child_end[i]);
    }
  }
  lode__free(plan->src);
}

/* Prepares descriptors. Every source the child dup2()s from is a number
 * >= count, close-on-exec in the parent (a duplicate when needed), so that
 * setting up child fd i never clobbers the source of a later fd j. */
static int plan_stdio(struct spawn_plan* plan) {
  const lode_process_options_t* o = plan->options;
  int i, fd, err;

  plan->count = o->stdio_count > 3 ? o->stdio_count : 3;
  plan->src = lode__malloc(3 * sizeof(int) * (size_t) plan->count);
  if (plan->src == NULL) return LODE_ENOMEM;
  plan->parent_end = plan->src + plan->count;
  plan->child_end = plan->parent_end + plan->count;
  for (i = 0; i < plan->count; i++)
    plan->src[i] = plan->parent_end[i] = plan->child_end[i] = -1;

  for (i = 0; i < plan->count; i++) {
    lode_stdio_container_t c;
    if (i < o->stdio_count) {
      c = o->stdio[i];
    } else {
      c.flags = LODE_IGNORE;
      c.data.fd = -1;
    }
    fd = -1;
    switch (c.flags & (LODE_CREATE_PIPE | LODE_INHERIT_FD |
                       LODE_INHERIT_STREAM)) {
      case 0: /* LODE_IGNORE: /dev/null for 0-2, closed above */
        continue;
      case LODE_CREATE_PIPE: {
        int sv[2];
        if (c.data.stream == NULL ||
            c.data.stream->type != LODE_NAMED_PIPE)
          return LODE_EINVAL;
        /* A socketpair works in both directions (Node's duplex stdio). */
        if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
          return -errno;
        plan->parent_end[i] = sv[0];
        plan->child_end[i] = sv[1];
        fd = sv[1];
        break;
      }
      case LODE_INHERIT_FD:
        fd = c.data.fd;
        break;
      case LODE_INHERIT_STREAM: {
        lode_os_fd_t sfd;
        if (c.data.stream == NULL) return LODE_EINVAL;
        err = lode_fileno((const lode_handle_t*) c.data.stream, &sfd);
        if (err != 0) return err;
        fd = sfd;
        break;
      }
      default:
        return LODE_EINVAL;
    }
    if (fd < 0) return LODE_EINVAL;
    if (fd == plan->child_end[i] && fd >= plan->count) {
      /* Our own close-on-exec socket, already out of the way: no copy. */
      plan->src[i] = fd;
      plan->child_end[i] = -1;
      continue;
    }
    plan->src[i] = fcntl(fd, F_DUPFD_CLOEXEC, plan->count);
    if (plan->src[i] < 0) return -errno;
  }
  return 0;
}

static int spawn_posix(const struct spawn_plan* plan, pid_t* pid) {
  const lode_process_options_t* o = plan->options;
  posix_spawn_file_actions_t actions;
  posix_spawnattr_t attr;
  sigset_t set;
  short flags = POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK;
  int i, err = 0;

  if ((err = posix_spawnattr_init(&attr)) != 0) return -err;
  if ((err = posix_spawn_file_actions_init(&actions)) != 0) {
    posix_spawnattr_destroy(&attr);
    return -err;
  }
  if (o->flags & LODE_PROCESS_DETACHED) flags |= POSIX_SPAWN_SETSID;
  sigfillset(&set);
  err = posix_spawnattr_setsigdefault(&attr, &set);
  sigemptyset(&set);
  if (err == 0) err = posix_spawnattr_setsigmask(&attr, &set);
  if (err == 0) err = posix_spawnattr_setflags(&attr, flags);

  for (i = 0; err == 0 && i < plan->count; i++) {
    if (plan->src[i] >= 0)
      err = posix_spawn_file_actions_adddup2(&actions, plan->src[i], i);
    else if (i < 3)
      err = posix_spawn_file_actions_addopen(&actions, i, "/dev/null",
                                             i == 0 ? O_RDONLY : O_RDWR, 0);
    else
      err = posix_spawn_file_actions_addclose(&actions, i);
  }
  if (err == 0 && o->cwd != NULL)
    err = posix_spawn_file_actions_addchdir_np(&actions, o->cwd);

  if (err == 0)
    err = posix_spawn(pid, plan->path, &actions, &attr, o->args, plan->env);

  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  return -err;
}

/* In the forked child: only async-signal-safe calls. Reports errno on
 * error_fd and exits. */
static void child_exec(const struct spawn_plan* plan, int error_fd) {
  const lode_process_options_t* o = plan->options;
  struct sigaction sa;
  sigset_t set;
  int i, err;

  /* Default dispositions while every signal is still blocked, then an
   * empty mask: no parent handler can ever run in the child. */
  memset(&sa, 0, sizeof(sa));
  sa.sa_handler = SIG_DFL;
  sigemptyset(&sa.sa_mask);
  for (i = 1; i < NSIG; i++) {
    if (i == SIGKILL || i == SIGSTOP) continue;
    sigaction(i, &sa, NULL); /* EINVAL for libc-internal ones: fine */
  }
  sigemptyset(&set);
  if (sigprocmask(SIG_SETMASK, &set, NULL) != 0) goto fail;

  if ((o->flags & LODE_PROCESS_DETACHED) && setsid() < 0) goto fail;

  for (i = 0; i < plan->count; i++) {
    if (plan->src[i] >= 0) {
      if (dup2(plan->src[i], i) < 0) goto fail;
    } else if (i < 3) {
      int fd = open("/dev/null", i == 0 ? O_RDONLY : O_RDWR);
      if (fd < 0) goto fail;
      if (fd != i) {
        if (dup2(fd, i) < 0) goto fail;
        close(fd);
      }
    } else {
      close(i);
    }
  }
  if (o->cwd != NULL && chdir(o->cwd) != 0) goto fail;

  if (o->flags & LODE_PROCESS_SETGID) {
    if (setgid(o->gid) != 0) goto fail;
  }
  if (o->flags & LODE_PROCESS_SETUID) {
#if defined(__linux__)
    /* Drop supplementary groups while still allowed to (root only). */
    if (geteuid() == 0 && setgroups(0, NULL) != 0) goto fail;
#endif
    if (setuid(o->uid) != 0) goto fail;
  }

  execve(plan->path, o->args, plan->env);

fail:
  err = errno;
  while (write(error_fd, &err, sizeof(err)) < 0 && errno == EINTR) {
  }
  _exit(127);
}

static int spawn_fork(const struct spawn_plan* plan, pid_t* pid) {
  int errpipe[2];
  int child_err = 0;
  sigset_t saved;
  ssize_t n;
  pid_t p;

  if (pipe2(errpipe, O_CLOEXEC) != 0) return -errno;
  /* The write end must survive the child's dup2()s onto 0..count-1. */
  if (errpipe[1] < plan->count) {
    int fd = fcntl(errpipe[1], F_DUPFD_CLOEXEC, plan->count);
    int err = -errno;
    lode__close(errpipe[1]);
    if (fd < 0) {
      lode__close(errpipe[0]);
      return err;
    }
    errpipe[1] = fd;
  }
  /* Blocked across fork: no handler of ours runs in the child before it
   * resets dispositions. */
  lode__signal_block_all(&saved);
  p = fork();
  if (p == 0) {
    lode__close(errpipe[0]);
    child_exec(plan, errpipe[1]);
  }
  lode__signal_restore(&saved);
  lode__close(errpipe[1]);
  if (p < 0) {
    int err = -errno;
    lode__close(errpipe[0]);
    return err;
  }
  /* EOF: exec succeeded (the pipe closed on exec). */
  do
    n = read(errpipe[0], &child_err, sizeof(child_err));
  while (n < 0 && errno == EINTR);
  lode__close(errpipe[0]);
  if (n == (ssize_t) sizeof(child_err)) {
    reap_blocking(p);
    return -child_err;
  }
  *pid = p;
  return 0;
}

int lode_spawn(lode_loop_t* loop, lode_process_t* process,
               const lode_process_options_t* options) {
  struct spawn_plan plan;
  char* resolved = NULL;
  pid_t pid = 0;
  int i, err;

  lode__handle_init(loop, (lode_handle_t*) process, LODE_PROCESS);
  lode__queue_init(&process->queue);
  process->exit_cb = options != NULL ? options->exit_cb : NULL;
  process->pid = 0;
  process->status = 0;

  if (options == NULL || options->file == NULL || options->args == NULL ||
      options->stdio_count < 0 ||
      (options->stdio_count > 0 && options->stdio == NULL))
    return LODE_EINVAL;
  if (options->flags & ~(unsigned int) (LODE_PROCESS_SETUID |
                                        LODE_PROCESS_SETGID |
                                        LODE_PROCESS_WINDOWS_VERBATIM_ARGUMENTS |
                                        LODE_PROCESS_DETACHED |
                                        LODE_PROCESS_WINDOWS_HIDE))
    return LODE_EINVAL;

  memset(&plan, 0, sizeof(plan));
  plan.options = options;
  plan.env = options->env != NULL ? options->env : environ;

  /* SIGCHLD handler first: a child that exits at once is still seen. */
  err = child_watcher_start(loop);
  if (err != 0) return err;

  err = search_path(options->file, plan.env, &resolved);
  if (err != 0) return err;
  plan.path = resolved != NULL ? resolved : options->file;

  err = plan_stdio(&plan);
  if (err == 0) {
    if (options->flags & (LODE_PROCESS_SETUID | LODE_PROCESS_SETGID))
      err = spawn_fork(&plan, &pid);
    else
      err = spawn_posix(&plan, &pid);
  }

  if (err == 0) {
    /* The child has its copies: give the parent ends to the streams. */
    for (i = 0; i < plan.count; i++) {
      lode_stdio_flags f;
      int sflags = 0;
      if (plan.parent_end[i] < 0) continue;
      f = options->stdio[i].flags;
      if (f & LODE_READABLE_PIPE) sflags |= LODE_HANDLE_WRITABLE;
      if (f & LODE_WRITABLE_PIPE) sflags |= LODE_HANDLE_READABLE;
      if (sflags == 0) sflags = LODE_HANDLE_READABLE | LODE_HANDLE_WRITABLE;
      err = lode__nonblock(plan.parent_end[i], 1);
      if (err == 0)
        err = lode__stream_open(options->stdio[i].data.stream,
                                plan.parent_end[i], sflags);
      if (err != 0) break;
      plan.parent_end[i] = -1; /* owned by the stream now */
    }
    if (err != 0) {
      /* Streams opened so far keep their fds and are closed by the
       * caller with the handles. The child must not outlive a failed
       * spawn. */
      kill(pid, SIGKILL);
      reap_blocking(pid);
    }
  }

  plan_free(&plan);
  lode__free(resolved);
  if (err != 0) return err;

  process->pid = pid;
  lode__queue_insert_tail(&loop->process_handles, &process->queue);
  lode__handle_start((lode_handle_t*) process);
  return 0;
}

int lode_process_kill(lode_process_t* process, int signum) {
  if (process->pid <= 0 || (process->flags & PROCESS_EXITED))
    return LODE_ESRCH;
  return lode_kill(process->pid, signum);
}

int lode_kill(int pid, int signum) {
  if (kill(pid, signum) != 0) return -errno;
  return 0;
}

lode_pid_t lode_process_get_pid(const lode_process_t* process) {
  return process->pid;
}

void lode__process_close(lode_process_t* process) {
  lode_loop_t* loop = process->loop;
  lode__queue_remove(&process->queue);
  lode__handle_stop((lode_handle_t*) process);
  if (process->pid > 0 && !(process->flags & PROCESS_EXITED) &&
      loop->child_watcher != NULL) {
    /* Still running: remember it so its exit is reaped anyway. */
    struct child_watcher* cw = (struct child_watcher*) loop->child_watcher;
    int status;
    if (wait_nohang(process->pid, &status) != 0) return;
    if (cw->norphans == cw->orphans_cap) {
      size_t cap = cw->orphans_cap ? 2 * cw->orphans_cap : 8;
      lode_pid_t* o = lode__realloc(cw->orphans, cap * sizeof(*o));
      /* XXX: out of memory: the child stays a zombie until we exit. */
      if (o == NULL) return;
      cw->orphans = o;
      cw->orphans_cap = cap;
    }
    cw->orphans[cw->norphans++] = process->pid;
  }
}

void lode__process_loop_close(lode_loop_t* loop) {
  struct child_watcher* cw = (struct child_watcher*) loop->child_watcher;
  if (cw == NULL) return;
  /* XXX: children still running (or orphaned) are no longer reaped by
   * this loop once it is closed. */
  lode_signal_stop(&cw->signal);
  lode__queue_remove(&cw->signal.handle_queue);
  lode__free(cw->orphans);
  lode__free(cw);
  loop->child_watcher = NULL;
}
