/*
 * fs_event.c — fs event handles on BSD/macOS (layer: platform/bsd).
 * Contract: loop/lode.h, "File system events".
 *
 * XXX: not implemented yet: lode_fs_event_start returns LODE_ENOSYS. The
 * plan is EVFILT_VNODE on a descriptor per watched path (and FSEvents on
 * macOS for directories), as libuv does. Init, stop, close and getpath
 * work, so callers can handle the error and close the handle as usual.
 */
#include <string.h>

#include "../unix/internal.h"

void lode__fs_event_loop_init(lode_loop_t* loop) {
  lode__io_init(&loop->inotify_io_watcher, NULL, -1);
  lode__queue_init(&loop->inotify_watches);
}

void lode__fs_event_loop_close(lode_loop_t* loop) {
  (void) loop;
}

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
  if (cb == NULL || path == NULL) return LODE_EINVAL;
  if (lode__is_closing((lode_handle_t*) handle)) return LODE_EINVAL;
  if (flags & ~(unsigned int) LODE_FS_EVENT_RECURSIVE) return LODE_EINVAL;
  return LODE_ENOSYS;
}

int lode_fs_event_stop(lode_fs_event_t* handle) {
  (void) handle;
  return 0;
}

int lode_fs_event_getpath(lode_fs_event_t* handle, char* buffer,
                          size_t* size) {
  (void) handle;
  (void) buffer;
  (void) size;
  return LODE_EINVAL;
}
