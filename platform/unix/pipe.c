/*
 * pipe.c — pipe handles: Unix domain stream sockets, adopted pipe(2)/fifo
 * descriptors, and IPC pipes that carry descriptors (layer:
 * platform/unix). Contract: loop/lode.h, "Pipes". A bound path belongs to
 * the handle and is unlinked on close; lode_pipe_connect reports every
 * error through its callback, from the loop. Reading, writing, fd passing
 * (SCM_RIGHTS) and accepting live in stream.c.
 */
#include <stddef.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "internal.h"

int lode_pipe_init(lode_loop_t* loop, lode_pipe_t* handle, int ipc) {
  lode__stream_init(loop, (lode_stream_t*) handle, LODE_NAMED_PIPE);
  handle->ipc = ipc != 0;
  handle->pipe_fname = NULL;
  return 0;
}

int lode_pipe_open(lode_pipe_t* handle, lode_file_t fd) {
  int mode;
  int flags = 0;
  int err;

  if (handle->io_watcher.fd != -1) return LODE_EBUSY;
  do
    mode = fcntl(fd, F_GETFL);
  while (mode == -1 && errno == EINTR);
  if (mode == -1) return -errno;
  err = lode__nonblock(fd, 1);
  if (err != 0) return err;
  mode &= O_ACCMODE;
  if (mode != O_WRONLY) flags |= LODE_HANDLE_READABLE;
  if (mode != O_RDONLY) flags |= LODE_HANDLE_WRITABLE;
  return lode__stream_open((lode_stream_t*) handle, fd, flags);
}

/* Fills a sockaddr_un; LODE_ENAMETOOLONG when name does not fit. */
static int pipe_addr(struct sockaddr_un* sa, const char* name) {
  size_t len = strlen(name);
  memset(sa, 0, sizeof(*sa));
  if (len == 0) return LODE_EINVAL;
  if (len >= sizeof(sa->sun_path)) return LODE_ENAMETOOLONG;
  sa->sun_family = AF_UNIX;
  memcpy(sa->sun_path, name, len);
  return 0;
}

int lode_pipe_bind(lode_pipe_t* handle, const char* name) {
  struct sockaddr_un sa;
  char* copy;
  int fd;
  int err;

  if (name == NULL) return LODE_EINVAL;
  if (lode__is_closing((lode_handle_t*) handle)) return LODE_EINVAL;
  if (handle->io_watcher.fd != -1 || (handle->flags & LODE_HANDLE_BOUND))
    return LODE_EINVAL;
  err = pipe_addr(&sa, name);
  if (err != 0) return err;
  copy = lode__strdup(name);
  if (copy == NULL) return LODE_ENOMEM;
  fd = lode__socket(AF_UNIX, SOCK_STREAM, 0);
  if (fd < 0) {
    lode__free(copy);
    return fd;
  }
  if (bind(fd, (struct sockaddr*) &sa, sizeof(sa)) != 0) {
    err = -errno;
    lode__close(fd);
    lode__free(copy);
    return err;
  }
  err = lode__stream_open((lode_stream_t*) handle, fd, 0);
  assert(err == 0);
  handle->flags |= LODE_HANDLE_BOUND;
  handle->pipe_fname = copy;
  return 0;
}

int lode__pipe_listen(lode_pipe_t* handle, int backlog,
                      lode_connection_cb cb) {
  if (handle->io_watcher.fd == -1) return LODE_EINVAL;
  if (handle->ipc) return LODE_EINVAL;
  if (handle->connect_req != NULL) return LODE_EINVAL;
  if (listen(handle->io_watcher.fd, backlog) != 0) return -errno;
  if (handle->flags & LODE_HANDLE_LISTENING)
    handle->connection_cb = cb;
  else
    lode__stream_listening((lode_stream_t*) handle, cb);
  return 0;
}

void lode_pipe_connect(lode_connect_t* req, lode_pipe_t* handle,
                       const char* name, lode_connect_cb cb) {
  struct sockaddr_un sa;
  int fd;
  int err;
  int r;

  /* XXX: with no way to return an error, connecting a closing handle or
   * one already connecting is ignored. */
  if (lode__is_closing((lode_handle_t*) handle) || handle->connect_req != NULL)
    return;
  handle->delayed_error = 0;
  err = name == NULL ? LODE_EINVAL : pipe_addr(&sa, name);
  if (err == 0 && handle->io_watcher.fd == -1) {
    fd = lode__socket(AF_UNIX, SOCK_STREAM, 0);
    if (fd < 0) {
      err = fd;
    } else {
      err = lode__stream_open((lode_stream_t*) handle, fd, 0);
      assert(err == 0);
    }
  }
  r = 0;
  if (err == 0) {
    do
      r = connect(handle->io_watcher.fd, (struct sockaddr*) &sa, sizeof(sa));
    while (r != 0 && errno == EINTR);
    if (r != 0 && errno != EINPROGRESS) err = -errno;
  }
  handle->delayed_error = err;
  lode__stream_connect_start((lode_stream_t*) handle, req, cb,
                             r != 0 && err == 0);
}

static int pipe_getname(const lode_pipe_t* handle, char* buffer, size_t* size,
                        int peer) {
  struct sockaddr_un sa;
  socklen_t addrlen = sizeof(sa);
  size_t len;
  int r;

  if (buffer == NULL || size == NULL) return LODE_EINVAL;
  if (handle->io_watcher.fd < 0) return LODE_EBADF;
  memset(&sa, 0, sizeof(sa));
  if (peer)
    r = getpeername(handle->io_watcher.fd, (struct sockaddr*) &sa, &addrlen);
  else
    r = getsockname(handle->io_watcher.fd, (struct sockaddr*) &sa, &addrlen);
  if (r != 0) return -errno;
  if (addrlen <= offsetof(struct sockaddr_un, sun_path))
    len = 0; /* unnamed */
  else if (sa.sun_path[0] == '\0')
    len = addrlen - offsetof(struct sockaddr_un, sun_path); /* abstract */
  else
    len = strnlen(sa.sun_path, sizeof(sa.sun_path));
  if (len >= *size) {
    *size = len + 1;
    return LODE_ENOBUFS;
  }
  memcpy(buffer, sa.sun_path, len);
  buffer[len] = '\0';
  *size = len;
  return 0;
}

int lode_pipe_getsockname(const lode_pipe_t* handle, char* buffer,
                          size_t* size) {
  return pipe_getname(handle, buffer, size, 0);
}

int lode_pipe_getpeername(const lode_pipe_t* handle, char* buffer,
                          size_t* size) {
  return pipe_getname(handle, buffer, size, 1);
}

lode_handle_type lode_pipe_pending_type(lode_pipe_t* handle) {
  if (!handle->ipc || handle->accepted_fd == -1) return LODE_UNKNOWN_HANDLE;
  return lode_guess_handle(handle->accepted_fd);
}

void lode__pipe_close(lode_pipe_t* handle) {
  if (handle->pipe_fname != NULL) {
    /* The path is ours only while we listen on it; a connecting handle
     * never sets pipe_fname. */
    unlink(handle->pipe_fname);
    lode__free((void*) handle->pipe_fname);
    handle->pipe_fname = NULL;
  }
  lode__stream_close((lode_stream_t*) handle);
}

int lode_pipe(lode_file_t fds[2], int read_flags, int write_flags) {
  int p[2];
  int err;

  if (pipe2(p, O_CLOEXEC) != 0) return -errno;
  err = 0;
  if (read_flags & LODE_NONBLOCK_PIPE) err = lode__nonblock(p[0], 1);
  if (err == 0 && (write_flags & LODE_NONBLOCK_PIPE))
    err = lode__nonblock(p[1], 1);
  if (err != 0) {
    lode__close(p[0]);
    lode__close(p[1]);
    return err;
  }
  fds[0] = p[0];
  fds[1] = p[1];
  return 0;
}

int lode_socketpair(int type, int protocol, lode_os_sock_t socket_vector[2],
                    int flags0, int flags1) {
  int sv[2];
  int err;

  if (socketpair(AF_UNIX, type | SOCK_CLOEXEC, protocol, sv) != 0)
    return -errno;
  err = 0;
  if (flags0 & LODE_NONBLOCK_PIPE) err = lode__nonblock(sv[0], 1);
  if (err == 0 && (flags1 & LODE_NONBLOCK_PIPE)) err = lode__nonblock(sv[1], 1);
  if (err != 0) {
    lode__close(sv[0]);
    lode__close(sv[1]);
    return err;
  }
  socket_vector[0] = sv[0];
  socket_vector[1] = sv[1];
  return 0;
}
