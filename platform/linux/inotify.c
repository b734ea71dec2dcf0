/*
 * inotify.c — fs event handles on Linux (layer: platform/linux).
 * Contract: loop/lode.h, "File system events"; callbacks run on the loop
 * thread from the poll phase.
 *
 * One inotify descriptor per loop, opened on the first lode_fs_event_start
 * and read through an ordinary io watcher (loop->inotify_io_watcher). Each
 * kernel watch (one per inode: inotify_add_watch returns the same watch
 * descriptor for the same inode) is a `struct watch` on
 * loop->inotify_watches, holding the handles that share it; the last
 * handle to stop removes the kernel watch.
 *
 * Dispatch walks a detached copy of a watch's handles (as signal.c does),
 * so callbacks may stop, close or start handles, this watch's included; a
 * watch emptied during its own dispatch is freed after it.
 *
 * When the watched inode goes away the kernel ends the watch by itself
 * (IN_IGNORED): the watch then leaves loop->inotify_watches (its
 * descriptor may be handed out again) and stays only with its handles,
 * which get no more events until they stop.
 *
 * XXX: watches are found by a linear scan of the loop's list; fine for
 * tens of watches, a tree would suit thousands.
 * XXX: an inotify queue overflow (IN_Q_OVERFLOW) drops events silently,
 * as libuv does.
 */
#include <limits.h>
#include <string.h>
#include <sys/inotify.h>

#include "../unix/internal.h"

/* What every watched path is asked for (libuv's set). */
#define WATCH_MASK                                                            \
  (IN_ATTRIB | IN_CREATE | IN_MODIFY | IN_DELETE | IN_DELETE_SELF |          \
   IN_MOVE_SELF | IN_MOVED_FROM | IN_MOVED_TO)

struct watch {
  lode__queue_t loop_queue; /* in loop->inotify_watches while wd is live */
  lode__queue_t handles;    /* lode_fs_event_t.watch_queue */
  int wd;                   /* -1 once the kernel ended the watch */
  int iterating;            /* dispatch in progress: do not free */
  char* path;               /* the first handle's path, for basenames */
};

static struct watch* find_watch(lode_loop_t* loop, int wd) {
  lode__queue_t* q;
  lode__queue_foreach(q, &loop->inotify_watches) {
    struct watch* w = lode__queue_data(q, struct watch, loop_queue);
    if (w->wd == wd) return w;
  }
  return NULL;
}

/* Frees w once no handle uses it and no dispatch walks it, removing the
 * kernel watch if it is still live. */
static void maybe_free_watch(lode_loop_t* loop, struct watch* w) {
  if (w->iterating || !lode__queue_empty(&w->handles)) return;
  if (w->wd != -1) {
    /* EINVAL: the kernel ended it already (its IN_IGNORED is queued). */
    inotify_rm_watch(loop->inotify_io_watcher.fd, w->wd);
    lode__queue_remove(&w->loop_queue);
  }
  lode__free(w->path);
  lode__free(w);
}

static const char* basename_of(const char* path) {
  const char* s = strrchr(path, '/');
  return s != NULL && s[1] != '\0' ? s + 1 : path;
}

static void dispatch(lode_loop_t* loop, const struct inotify_event* e) {
  struct watch* w;
  lode__queue_t batch;
  const char* name;
  int events = 0;

  if (e->mask & (IN_ATTRIB | IN_MODIFY)) events |= LODE_CHANGE;
  if (e->mask & ~(uint32_t) (IN_ATTRIB | IN_MODIFY | IN_ISDIR))
    events |= LODE_RENAME;
  if (events == 0) return;

  w = find_watch(loop, e->wd);
  if (w == NULL) return; /* stale: every handle stopped, or overflow (-1) */
  name = e->len > 0 ? e->name : basename_of(w->path);

  if (e->mask & IN_IGNORED) {
    /* The kernel ended the watch (the inode was deleted, or its file
     * system unmounted): the descriptor is free for reuse from now on. */
    lode__queue_remove(&w->loop_queue);
    lode__queue_init(&w->loop_queue);
    w->wd = -1;
  }

  w->iterating = 1;
  lode__queue_move(&w->handles, &batch);
  while (!lode__queue_empty(&batch)) {
    lode__queue_t* q = lode__queue_head(&batch);
    lode_fs_event_t* h = lode__queue_data(q, lode_fs_event_t, watch_queue);
    lode__queue_remove(q);
    lode__queue_insert_tail(&w->handles, q);
    h->cb(h, name, events, 0);
  }
  w->iterating = 0;
  maybe_free_watch(loop, w);
}

static void inotify_io(lode_loop_t* loop, lode__io_t* iow,
                       unsigned int events) {
  /* Aligned for struct inotify_event; room for at least one maximal one. */
  union {
    struct inotify_event e;
    char buf[4096 + sizeof(struct inotify_event) + NAME_MAX + 1];
  } u;
  (void) events;

  for (;;) {
    ssize_t n = read(iow->fd, u.buf, sizeof(u.buf));
    const char* p;
    if (n == -1) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) return;
      LODE__ABORT("read from the inotify descriptor");
    }
    if (n == 0) LODE__ABORT("inotify descriptor at end of file");
    for (p = u.buf; p < u.buf + n;) {
      const struct inotify_event* e = (const struct inotify_event*) p;
      p += sizeof(*e) + e->len;
      dispatch(loop, e);
    }
  }
}

static int inotify_open(lode_loop_t* loop) {
  int fd;
  if (loop->inotify_io_watcher.fd != -1) return 0;
  fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (fd == -1) return -errno;
  lode__io_init(&loop->inotify_io_watcher, inotify_io, fd);
  lode__io_start(loop, &loop->inotify_io_watcher, LODE__POLLIN);
  return 0;
}

void lode__fs_event_loop_init(lode_loop_t* loop) {
  lode__io_init(&loop->inotify_io_watcher, inotify_io, -1);
  lode__queue_init(&loop->inotify_watches);
}

void lode__fs_event_loop_close(lode_loop_t* loop) {
  /* Every handle was closed, so every watch is gone. */
  assert(lode__queue_empty(&loop->inotify_watches));
  if (loop->inotify_io_watcher.fd == -1) return;
  lode__io_close(loop, &loop->inotify_io_watcher);
  lode__close(loop->inotify_io_watcher.fd);
  loop->inotify_io_watcher.fd = -1;
}

/* ---- public API (loop/lode.h) ---- */

int lode_fs_event_init(lode_loop_t* loop, lode_fs_event_t* handle) {
  lode__handle_init(loop, (lode_handle_t*) handle, LODE_FS_EVENT);
  handle->path = NULL;
  handle->cb = NULL;
  handle->watch = NULL;
  lode__queue_init(&handle->watch_queue);
  return 0;
}

int lode_fs_event_start(lode_fs_event_t* handle, lode_fs_event_cb cb,
                        const char* path, unsigned int flags) {
  lode_loop_t* loop = handle->loop;
  struct watch* w;
  char* copy;
  int err, wd;

  if (cb == NULL || path == NULL) return LODE_EINVAL;
  if (lode__is_closing((lode_handle_t*) handle)) return LODE_EINVAL;
  if (lode__is_active((lode_handle_t*) handle)) return LODE_EINVAL;
  if (flags & ~(unsigned int) LODE_FS_EVENT_RECURSIVE) return LODE_EINVAL;
  if (flags & LODE_FS_EVENT_RECURSIVE) return LODE_ENOSYS;

  err = inotify_open(loop);
  if (err != 0) return err;
  copy = lode__strdup(path);
  if (copy == NULL) return LODE_ENOMEM;

  wd = inotify_add_watch(loop->inotify_io_watcher.fd, path, WATCH_MASK);
  if (wd == -1) {
    err = -errno;
    lode__free(copy);
    return err;
  }

  w = find_watch(loop, wd);
  if (w == NULL) {
    w = lode__malloc(sizeof(*w));
    if (w == NULL) {
      /* Not found: nobody else in this loop uses the kernel watch. */
      inotify_rm_watch(loop->inotify_io_watcher.fd, wd);
      lode__free(copy);
      return LODE_ENOMEM;
    }
    w->path = lode__strdup(path);
    if (w->path == NULL) {
      inotify_rm_watch(loop->inotify_io_watcher.fd, wd);
      lode__free(w);
      lode__free(copy);
      return LODE_ENOMEM;
    }
    w->wd = wd;
    w->iterating = 0;
    lode__queue_init(&w->handles);
    lode__queue_insert_tail(&loop->inotify_watches, &w->loop_queue);
  }

  handle->cb = cb;
  handle->path = copy;
  handle->watch = w;
  lode__queue_insert_tail(&w->handles, &handle->watch_queue);
  lode__handle_start_m(handle);
  return 0;
}

int lode_fs_event_stop(lode_fs_event_t* handle) {
  struct watch* w = handle->watch;
  if (!lode__is_active((lode_handle_t*) handle)) return 0;
  lode__queue_remove(&handle->watch_queue);
  lode__queue_init(&handle->watch_queue);
  handle->watch = NULL;
  lode__free(handle->path);
  handle->path = NULL;
  lode__handle_stop_m(handle);
  maybe_free_watch(handle->loop, w);
  return 0;
}

int lode_fs_event_getpath(lode_fs_event_t* handle, char* buffer,
                          size_t* size) {
  size_t len;
  if (buffer == NULL || size == NULL) return LODE_EINVAL;
  if (!lode__is_active((lode_handle_t*) handle) || handle->path == NULL)
    return LODE_EINVAL;
  len = strlen(handle->path);
  if (len + 1 > *size) {
    *size = len + 1;
    return LODE_ENOBUFS;
  }
  memcpy(buffer, handle->path, len + 1);
  *size = len;
  return 0;
}
