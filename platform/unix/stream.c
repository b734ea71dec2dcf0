/*
 * stream.c — the generic POSIX stream: reads, queued writes, shutdown,
 * listening and accepting, shared by TCP, pipes and TTYs (layer:
 * platform/unix; every poll backend, epoll and kqueue, drives it).
 * Contract: loop/lode.h, "Streams". Readiness stays in here: users see
 * bytes (read_cb) and completed requests (write/connect/shutdown cbs).
 *
 * Invariants:
 *  - write callbacks never run inside lode_write: a finished request moves
 *    to write_completed_queue and the watcher is fed to the pending phase
 *    (which also runs right after poll, so a write issued from a read or
 *    write callback completes in the same turn; loop/loop.c), or, inside
 *    the io callback, the completed queue is drained there;
 *    they run in queue order, and cancelled ones (close) after the ones
 *    that finished before.
 *  - write_queue_size counts bytes queued and not yet written; a request
 *    leaves it when its last byte goes out or when it fails.
 *  - the handle is active while it reads, writes, connects, shuts down or
 *    listens (stream_update_active).
 */
#include <limits.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include "internal.h"

#ifndef IOV_MAX
# define IOV_MAX 1024
#endif

/* Descriptors received over an IPC pipe beyond the first (which waits in
 * stream->accepted_fd). Owned by the stream, freed on close. */
typedef struct {
  unsigned int size;
  unsigned int offset;
  int fds[];
} stream_queued_fds_t;

/* How many fds one recvmsg can carry on an IPC pipe. */
#define STREAM_MAX_RECV_FDS 64

static void stream_io(lode_loop_t* loop, lode__io_t* w, unsigned int events);
static void stream_write(lode_stream_t* stream);
static void stream_write_callbacks(lode_stream_t* stream);
static void stream_drain(lode_stream_t* stream);
static void stream_connect(lode_stream_t* stream);

/* ---- helpers ---- */

static int stream_is_ipc(const lode_stream_t* stream) {
  return stream->type == LODE_NAMED_PIPE && ((const lode_pipe_t*) stream)->ipc;
}

static size_t bufs_size(const lode_buf_t* bufs, unsigned int nbufs) {
  size_t n = 0;
  unsigned int i;
  for (i = 0; i < nbufs; i++) n += bufs[i].len;
  return n;
}

/* Recomputes whether the handle counts as active. */
static void stream_update_active(lode_stream_t* stream) {
  if (lode__is_closing((lode_handle_t*) stream)) {
    lode__handle_stop_m(stream);
    return;
  }
  if ((stream->flags & (LODE_HANDLE_READING | LODE_HANDLE_LISTENING)) ||
      stream->connect_req != NULL || stream->shutdown_req != NULL ||
      !lode__queue_empty(&stream->write_queue) ||
      !lode__queue_empty(&stream->write_completed_queue))
    lode__handle_start_m(stream);
  else
    lode__handle_stop_m(stream);
}

/* Starts reading interest: a poll watcher for pollable descriptors; for a
 * regular file (which epoll refuses) the watcher is fed, since reading a
 * file never waits. */
static void stream_want_read(lode_stream_t* stream) {
  if (stream->flags & LODE__HANDLE_STREAM_FILE)
    lode__io_feed(stream->loop, &stream->io_watcher);
  else
    lode__io_start(stream->loop, &stream->io_watcher, LODE__POLLIN);
}

static void stream_queue_fd(lode_stream_t* stream, int fd) {
  stream_queued_fds_t* q = stream->queued_fds;
  stream_queued_fds_t* nq;
  unsigned int size;

  if (stream->accepted_fd == -1) {
    stream->accepted_fd = fd;
    return;
  }
  if (q == NULL || q->offset == q->size) {
    size = q == NULL ? 8 : q->size * 2;
    nq = lode__realloc(q, sizeof(*nq) + size * sizeof(int));
    if (nq == NULL) {
      /* XXX: out of memory while receiving a descriptor: it is dropped. */
      lode__close(fd);
      return;
    }
    if (q == NULL) nq->offset = 0;
    nq->size = size;
    stream->queued_fds = q = nq;
  }
  q->fds[q->offset++] = fd;
}

/* Moves the next queued descriptor into accepted_fd (or -1). */
static void stream_shift_fd(lode_stream_t* stream) {
  stream_queued_fds_t* q = stream->queued_fds;
  if (q == NULL) {
    stream->accepted_fd = -1;
    return;
  }
  stream->accepted_fd = q->fds[0];
  q->offset--;
  if (q->offset == 0) {
    lode__free(q);
    stream->queued_fds = NULL;
  } else {
    memmove(q->fds, q->fds + 1, q->offset * sizeof(int));
  }
}

int lode_pipe_pending_count(lode_pipe_t* handle) {
  const stream_queued_fds_t* q = handle->queued_fds;
  if (!handle->ipc || handle->accepted_fd == -1) return 0;
  return 1 + (q == NULL ? 0 : (int) q->offset);
}

static void stream_free_fds(lode_stream_t* stream) {
  stream_queued_fds_t* q = stream->queued_fds;
  unsigned int i;
  if (stream->accepted_fd != -1) {
    lode__close(stream->accepted_fd);
    stream->accepted_fd = -1;
  }
  if (q != NULL) {
    for (i = 0; i < q->offset; i++) lode__close(q->fds[i]);
    lode__free(q);
    stream->queued_fds = NULL;
  }
}

/* ---- init, open, close ---- */

void lode__stream_init(lode_loop_t* loop, lode_stream_t* stream,
                       lode_handle_type type) {
  lode__handle_init(loop, (lode_handle_t*) stream, type);
  stream->write_queue_size = 0;
  stream->alloc_cb = NULL;
  stream->read_cb = NULL;
  stream->connect_req = NULL;
  stream->shutdown_req = NULL;
  stream->connection_cb = NULL;
  stream->delayed_error = 0;
  stream->accepted_fd = -1;
  stream->queued_fds = NULL;
  lode__queue_init(&stream->write_queue);
  lode__queue_init(&stream->write_completed_queue);
  lode__io_init(&stream->io_watcher, stream_io, -1);
}

int lode__stream_open(lode_stream_t* stream, int fd, int flags) {
  struct stat st;

  if (stream->io_watcher.fd != -1 && stream->io_watcher.fd != fd)
    return LODE_EBUSY;
  if (stream->type == LODE_TCP) {
    stream->flags |= LODE__HANDLE_STREAM_SOCKET;
    /* Options asked for before the socket existed. */
    if (stream->flags & LODE_HANDLE_TCP_NODELAY)
      lode__tcp_nodelay_fd(fd, 1);
    if (stream->flags & LODE_HANDLE_TCP_KEEPALIVE)
      lode__tcp_keepalive_fd(fd, 1, 60);
  } else if (fstat(fd, &st) == 0) {
    if (S_ISSOCK(st.st_mode)) stream->flags |= LODE__HANDLE_STREAM_SOCKET;
    /* epoll refuses regular files and most character devices (/dev/null):
     * such a stream never waits, so it is driven from the pending phase. */
    if (S_ISREG(st.st_mode) || (S_ISCHR(st.st_mode) && !isatty(fd)))
      stream->flags |= LODE__HANDLE_STREAM_FILE | LODE_HANDLE_BLOCKING_WRITES;
  }
  stream->flags |= flags;
  stream->io_watcher.fd = fd;
  return 0;
}

/* Cancels the queued writes (status err): they move, in order, after the
 * ones already completed. */
static void stream_flush_write_queue(lode_stream_t* stream, int err) {
  lode__queue_t* q;
  lode_write_t* req;
  while (!lode__queue_empty(&stream->write_queue)) {
    q = lode__queue_head(&stream->write_queue);
    lode__queue_remove(q);
    req = lode__queue_data(q, lode_write_t, queue);
    stream->write_queue_size -=
        bufs_size(req->bufs + req->write_index, req->nbufs - req->write_index);
    req->error = err;
    lode__queue_insert_tail(&stream->write_completed_queue, q);
  }
}

void lode__stream_close(lode_stream_t* stream) {
  lode__io_close(stream->loop, &stream->io_watcher);
  stream->flags &= ~(LODE_HANDLE_READING | LODE_HANDLE_READABLE |
                     LODE_HANDLE_WRITABLE | LODE_HANDLE_LISTENING);
  /* Stdio descriptors stay open: closing 0-2 only invites a later open()
   * to land on them. */
  if (stream->io_watcher.fd > STDERR_FILENO) lode__close(stream->io_watcher.fd);
  stream->io_watcher.fd = -1;
  stream_free_fds(stream);
  lode__handle_stop_m(stream);
}

void lode__stream_destroy(lode_stream_t* stream) {
  lode_connect_t* creq;
  lode_shutdown_t* sreq;

  assert(stream->io_watcher.fd == -1);
  if (stream->connect_req != NULL) {
    creq = stream->connect_req;
    stream->connect_req = NULL;
    lode__req_unregister_m(stream->loop, creq);
    if (creq->cb != NULL) creq->cb(creq, LODE_ECANCELED);
  }
  stream_flush_write_queue(stream, LODE_ECANCELED);
  stream_write_callbacks(stream);
  if (stream->shutdown_req != NULL) {
    sreq = stream->shutdown_req;
    stream->shutdown_req = NULL;
    stream->flags &= ~LODE_HANDLE_SHUTTING;
    lode__req_unregister_m(stream->loop, sreq);
    if (sreq->cb != NULL) sreq->cb(sreq, LODE_ECANCELED);
  }
  assert(stream->write_queue_size == 0);
}

/* ---- the io callback ---- */

static void stream_eof(lode_stream_t* stream, const lode_buf_t* buf) {
  stream->flags |= LODE_HANDLE_READ_EOF;
  stream->flags &= ~(LODE_HANDLE_READING | LODE_HANDLE_READABLE);
  lode__io_stop(stream->loop, &stream->io_watcher, LODE__POLLIN);
  stream_update_active(stream);
  stream->read_cb(stream, LODE_EOF, buf);
}

/* recvmsg for IPC pipes: bytes plus any descriptors, which are queued for
 * lode_accept. */
static lode_ssize_t stream_recvmsg(lode_stream_t* stream, lode_buf_t* buf) {
  union {
    char data[CMSG_SPACE(STREAM_MAX_RECV_FDS * sizeof(int))];
    struct cmsghdr align;
  } cbuf;
  struct msghdr msg;
  struct iovec iov;
  struct cmsghdr* cmsg;
  lode_ssize_t n;
  unsigned int i, count;
  int* fds;

  memset(&msg, 0, sizeof(msg));
  iov.iov_base = buf->base;
  iov.iov_len = buf->len;
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  msg.msg_control = cbuf.data;
  msg.msg_controllen = sizeof(cbuf.data);
  do
    n = recvmsg(stream->io_watcher.fd, &msg, MSG_CMSG_CLOEXEC);
  while (n < 0 && errno == EINTR);
  if (n < 0) return -errno;
  for (cmsg = CMSG_FIRSTHDR(&msg); cmsg != NULL;
       cmsg = CMSG_NXTHDR(&msg, cmsg)) {
    if (cmsg->cmsg_level != SOL_SOCKET || cmsg->cmsg_type != SCM_RIGHTS)
      continue;
    fds = (int*) CMSG_DATA(cmsg);
    count = (unsigned int) ((cmsg->cmsg_len - CMSG_LEN(0)) / sizeof(int));
    for (i = 0; i < count; i++) {
      int fd;
      memcpy(&fd, fds + i, sizeof(fd));
      stream_queue_fd(stream, fd);
    }
  }
  /* XXX: with MSG_CTRUNC (more than STREAM_MAX_RECV_FDS descriptors in
   * one message) the kernel has dropped the rest. */
  return n;
}

static void stream_read(lode_stream_t* stream) {
  lode_buf_t buf;
  lode_ssize_t n;
  int count = 32; /* fairness: other descriptors get their turn */
  int is_ipc = stream_is_ipc(stream);
  int is_file = (stream->flags & LODE__HANDLE_STREAM_FILE) != 0;
  int is_socket = (stream->flags & LODE__HANDLE_STREAM_SOCKET) != 0;

  stream->flags &= ~LODE_HANDLE_READ_PARTIAL;
  while (stream->read_cb != NULL && (stream->flags & LODE_HANDLE_READING) &&
         count-- > 0) {
    assert(stream->alloc_cb != NULL);
    buf = lode_buf_init(NULL, 0);
    stream->alloc_cb((lode_handle_t*) stream, 64 * 1024, &buf);
    if (buf.base == NULL || buf.len == 0) {
      stream->read_cb(stream, LODE_ENOBUFS, &buf);
      return;
    }
    if (is_ipc) {
      n = stream_recvmsg(stream, &buf);
    } else {
      /* recv on sockets: the kernel's socket call path is shorter than
       * read's file path (about 0.1 us a call here; perf/FINDINGS.md). */
      do
        n = is_socket ? recv(stream->io_watcher.fd, buf.base, buf.len, 0)
                      : read(stream->io_watcher.fd, buf.base, buf.len);
      while (n < 0 && errno == EINTR);
      if (n < 0) n = -errno;
    }
    if (n == LODE_EAGAIN || n == -EWOULDBLOCK) {
      stream->read_cb(stream, 0, &buf);
      return;
    }
    if (n < 0) {
      /* A hard error ends reading; the user decides what comes next. */
      stream->flags &= ~LODE_HANDLE_READING;
      lode__io_stop(stream->loop, &stream->io_watcher, LODE__POLLIN);
      stream_update_active(stream);
      stream->read_cb(stream, (int) n, &buf);
      return;
    }
    if (n == 0) {
      stream_eof(stream, &buf);
      return;
    }
    stream->read_cb(stream, n, &buf);
    if ((size_t) n < buf.len) {
      stream->flags |= LODE_HANDLE_READ_PARTIAL;
      break;
    }
  }
  /* A file never signals readiness: keep feeding while reading. */
  if (is_file && (stream->flags & LODE_HANDLE_READING))
    lode__io_feed(stream->loop, &stream->io_watcher);
}

static void stream_io(lode_loop_t* loop, lode__io_t* w, unsigned int events) {
  lode_stream_t* stream = lode__queue_data(w, lode_stream_t, io_watcher);
  (void) loop;

  if (stream->connect_req != NULL) {
    stream_connect(stream);
    return;
  }
  if (stream->io_watcher.fd == -1) return;

  if ((events & (LODE__POLLIN | LODE__POLLERR | LODE__POLLHUP)) ||
      (stream->flags & LODE__HANDLE_STREAM_FILE))
    stream_read(stream);
  if (stream->io_watcher.fd == -1) return; /* closed in read_cb */

  if (events & (LODE__POLLOUT | LODE__POLLERR | LODE__POLLHUP)) {
    stream_write(stream);
    stream_write_callbacks(stream);
    if (stream->io_watcher.fd == -1) return; /* closed in write_cb */
    /* Without a shutdown to start, draining would only recompute the
     * active state, which stream_write_callbacks already did. */
    if (stream->shutdown_req != NULL &&
        lode__queue_empty(&stream->write_queue))
      stream_drain(stream);
  }
}

/* ---- connecting (tcp.c and pipe.c start it, this finishes it) ---- */

static void stream_connect(lode_stream_t* stream) {
  lode_connect_t* req = stream->connect_req;
  int error;
  socklen_t len = sizeof(error);

  if (stream->delayed_error != 0) {
    error = stream->delayed_error;
    stream->delayed_error = 0;
  } else {
    error = 0;
    if (getsockopt(stream->io_watcher.fd, SOL_SOCKET, SO_ERROR, &error,
                   &len) != 0)
      error = errno;
    error = -error;
    if (error == -EINPROGRESS || error == -EALREADY) return;
  }

  stream->connect_req = NULL;
  lode__req_unregister_m(stream->loop, req);
  if (error < 0)
    stream->flags &= ~(LODE_HANDLE_READABLE | LODE_HANDLE_WRITABLE);
  if (stream->io_watcher.fd != -1 &&
      (error < 0 || lode__queue_empty(&stream->write_queue)))
    lode__io_stop(stream->loop, &stream->io_watcher, LODE__POLLOUT);
  stream_update_active(stream);
  if (req->cb != NULL) req->cb(req, error);

  if (stream->io_watcher.fd == -1) return; /* closed in connect_cb */
  if (error < 0) {
    /* Writes queued while connecting cannot go anywhere. */
    stream_flush_write_queue(stream, LODE_ECANCELED);
    stream_write_callbacks(stream);
    if (stream->io_watcher.fd == -1) return;
  }
  if (!lode__queue_empty(&stream->write_queue)) {
    stream_write(stream);
    stream_write_callbacks(stream);
    if (stream->io_watcher.fd == -1) return;
  }
  if (lode__queue_empty(&stream->write_queue)) stream_drain(stream);
}

int lode__stream_connect_start(lode_stream_t* stream, lode_connect_t* req,
                               lode_connect_cb cb, int in_progress) {
  lode__req_init((lode_req_t*) req, LODE_CONNECT);
  req->cb = cb;
  req->handle = stream;
  lode__queue_init(&req->queue);
  lode__req_register_m(stream->loop, req);
  stream->connect_req = req;
  stream->flags |= LODE_HANDLE_READABLE | LODE_HANDLE_WRITABLE;
  /* Completion is always reported from the loop: by POLLOUT when the
   * kernel is still connecting, by feeding the watcher when connect()
   * already answered (success or delayed_error). */
  if (in_progress && stream->io_watcher.fd != -1)
    lode__io_start(stream->loop, &stream->io_watcher, LODE__POLLOUT);
  else
    lode__io_feed(stream->loop, &stream->io_watcher);
  stream_update_active(stream);
  return 0;
}

/* ---- writing ---- */

/* One write syscall for the head request: on sockets send for one buffer
 * and sendmsg for several or a descriptor (MSG_NOSIGNAL: no SIGPIPE;
 * SCM_RIGHTS for IPC), write/writev elsewhere. send, not sendmsg, for the
 * common single buffer: no msghdr and iovec to copy in, about 0.1 us less
 * kernel time a call here (perf/FINDINGS.md). Bytes written or -errno. */
static lode_ssize_t stream_write_req(lode_stream_t* stream, lode_write_t* req) {
  union {
    char data[CMSG_SPACE(sizeof(int))];
    struct cmsghdr align;
  } cbuf;
  struct msghdr msg;
  struct cmsghdr* cmsg;
  lode_buf_t* bufs = req->bufs + req->write_index;
  unsigned int n = req->nbufs - req->write_index;
  lode_ssize_t r;
  int fd = stream->io_watcher.fd;
  int send_fd;

  if (n > IOV_MAX) n = IOV_MAX;
  if (!(stream->flags & LODE__HANDLE_STREAM_SOCKET)) return lode__writev(fd, bufs, n);
  if (n == 1 && req->send_handle == NULL) {
    do
      r = send(fd, bufs[0].base, bufs[0].len, MSG_NOSIGNAL);
    while (r < 0 && errno == EINTR);
    return r < 0 ? -errno : r;
  }

  memset(&msg, 0, sizeof(msg));
  msg.msg_iov = (struct iovec*) bufs;
  msg.msg_iovlen = n;
  if (req->send_handle != NULL) {
    send_fd = req->send_handle->io_watcher.fd;
    if (send_fd < 0) return -EBADF;
    memset(&cbuf, 0, sizeof(cbuf));
    msg.msg_control = cbuf.data;
    msg.msg_controllen = sizeof(cbuf.data);
    cmsg = CMSG_FIRSTHDR(&msg);
    cmsg->cmsg_level = SOL_SOCKET;
    cmsg->cmsg_type = SCM_RIGHTS;
    cmsg->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(cmsg), &send_fd, sizeof(int));
  }
  do
    r = sendmsg(fd, &msg, MSG_NOSIGNAL);
  while (r < 0 && errno == EINTR);
  if (r < 0) return -errno;
  /* The descriptor went with the first byte; never send it twice. */
  req->send_handle = NULL;
  return r;
}

/* Consumes n written bytes from req; non-zero when req is complete. */
static int stream_advance(lode_stream_t* stream, lode_write_t* req, size_t n) {
  lode_buf_t* b;
  stream->write_queue_size -= n;
  while (req->write_index < req->nbufs) {
    b = &req->bufs[req->write_index];
    if (n < b->len) {
      b->base += n;
      b->len -= n;
      return 0;
    }
    n -= b->len;
    req->write_index++;
  }
  assert(n == 0);
  return 1;
}

/* Gathering: when more than one request waits and none carries a
 * descriptor, their buffers go out in one writev/sendmsg (at most
 * GATHER_IOV buffers), instead of one syscall per request. A batch of
 * small writes queued at once (tcp_write_batch in perf/) then costs one
 * syscall per GATHER_IOV requests, not one per request. */
#define GATHER_IOV 128

static int stream_can_gather(const lode_stream_t* stream,
                             const lode_write_t* head) {
  const lode__queue_t* next = lode__queue_next(&head->queue);
  const lode_write_t* second;
  if (head->send_handle != NULL || next == &stream->write_queue) return 0;
  second = lode__queue_data(next, lode_write_t, queue);
  return second->send_handle == NULL;
}

/* One syscall for the queued requests from the head on, up to the first
 * one carrying a descriptor. Bytes written or -errno; *total gets the
 * bytes offered. */
static lode_ssize_t stream_write_gathered(lode_stream_t* stream,
                                          size_t* total) {
  lode_buf_t iov[GATHER_IOV];
  unsigned int n = 0, i;
  lode__queue_t* q;
  lode_write_t* req;
  struct msghdr msg;
  lode_ssize_t r;

  for (q = lode__queue_head(&stream->write_queue);
       q != &stream->write_queue && n < GATHER_IOV; q = lode__queue_next(q)) {
    req = lode__queue_data(q, lode_write_t, queue);
    if (req->send_handle != NULL) break;
    for (i = req->write_index; i < req->nbufs && n < GATHER_IOV; i++) {
      *total += req->bufs[i].len;
      iov[n++] = req->bufs[i];
    }
  }
  if (!(stream->flags & LODE__HANDLE_STREAM_SOCKET))
    return lode__writev(stream->io_watcher.fd, iov, n);
  memset(&msg, 0, sizeof(msg));
  msg.msg_iov = (struct iovec*) iov;
  msg.msg_iovlen = n;
  do
    r = sendmsg(stream->io_watcher.fd, &msg, MSG_NOSIGNAL);
  while (r < 0 && errno == EINTR);
  return r < 0 ? -errno : r;
}

/* Hands n gathered bytes to the requests from the head on; the finished
 * ones move to write_completed_queue. */
static void stream_consume_gathered(lode_stream_t* stream, size_t n) {
  lode__queue_t* q;
  lode_write_t* req;
  lode_buf_t* b;

  while (!lode__queue_empty(&stream->write_queue)) {
    q = lode__queue_head(&stream->write_queue);
    req = lode__queue_data(q, lode_write_t, queue);
    while (req->write_index < req->nbufs) {
      b = &req->bufs[req->write_index];
      if (n < b->len) {
        b->base += n;
        b->len -= n;
        stream->write_queue_size -= n;
        return;
      }
      n -= b->len;
      stream->write_queue_size -= b->len;
      req->write_index++;
    }
    lode__queue_remove(q);
    req->error = 0;
    lode__queue_insert_tail(&stream->write_completed_queue, q);
    if (n == 0) return;
  }
  assert(n == 0);
}

/* Writes as much of the queue as the kernel takes now. Finished and failed
 * requests move to write_completed_queue; no callback runs here. */
static void stream_write(lode_stream_t* stream) {
  lode__queue_t* q;
  lode_write_t* req;
  lode_ssize_t n;

  while (!lode__queue_empty(&stream->write_queue) &&
         stream->io_watcher.fd != -1) {
    q = lode__queue_head(&stream->write_queue);
    req = lode__queue_data(q, lode_write_t, queue);
    assert(req->handle == stream);
    if (req->write_index == req->nbufs) {
      n = 0; /* an empty write */
    } else if (stream_can_gather(stream, req)) {
      /* Several queued requests, one syscall. */
      size_t total = 0;
      n = stream_write_gathered(stream, &total);
      if (n == LODE_EAGAIN || n == -EWOULDBLOCK) break;
      if (n < 0) {
        stream_flush_write_queue(stream, (int) n);
        break;
      }
      stream_consume_gathered(stream, (size_t) n);
      if ((size_t) n == total) continue;
      /* Partial: the kernel buffer is full, unless writes block. */
      if (!(stream->flags & LODE_HANDLE_BLOCKING_WRITES)) break;
      continue;
    } else {
      n = stream_write_req(stream, req);
    }
    if (n == LODE_EAGAIN || n == -EWOULDBLOCK) break;
    if (n < 0) {
      /* The stream is broken for writing: every queued request fails with
       * the same error, in order. */
      stream_flush_write_queue(stream, (int) n);
      break;
    }
    if (stream_advance(stream, req, (size_t) n)) {
      lode__queue_remove(q);
      req->error = 0;
      lode__queue_insert_tail(&stream->write_completed_queue, q);
      continue;
    }
    /* Partial: the kernel buffer is full, unless writes block. */
    if (!(stream->flags & LODE_HANDLE_BLOCKING_WRITES)) break;
  }

  if (stream->io_watcher.fd == -1) return;
  if (!lode__queue_empty(&stream->write_queue) &&
      !(stream->flags & LODE__HANDLE_STREAM_FILE))
    lode__io_start(stream->loop, &stream->io_watcher, LODE__POLLOUT);
  else
    lode__io_stop(stream->loop, &stream->io_watcher, LODE__POLLOUT);
}

static void stream_write_callbacks(lode_stream_t* stream) {
  lode__queue_t done;
  lode__queue_t* q;
  lode_write_t* req;

  if (lode__queue_empty(&stream->write_completed_queue)) return;
  lode__queue_move(&stream->write_completed_queue, &done);
  while (!lode__queue_empty(&done)) {
    q = lode__queue_head(&done);
    lode__queue_remove(q);
    req = lode__queue_data(q, lode_write_t, queue);
    if (req->bufs != req->bufsml) lode__free(req->bufs);
    req->bufs = NULL;
    lode__req_unregister_m(stream->loop, req);
    stream_update_active(stream);
    if (req->cb != NULL) req->cb(req, req->error);
  }
  /* No update after the last callback: it ran with the handle's state
   * already updated, and every call it can make (write, read_stop,
   * shutdown, close) keeps the active state itself. */
}

/* The write queue is empty: a pending shutdown happens now. */
static void stream_drain(lode_stream_t* stream) {
  lode_shutdown_t* req = stream->shutdown_req;
  int err = 0;

  if (req == NULL || stream->connect_req != NULL) {
    stream_update_active(stream);
    return;
  }
  stream->shutdown_req = NULL;
  stream->flags &= ~LODE_HANDLE_SHUTTING;
  if (shutdown(stream->io_watcher.fd, SHUT_WR) != 0) {
    err = -errno;
    /* XXX: a pipe(2) end cannot be half-closed without closing the
     * descriptor; the peer sees EOF only when the handle is closed. */
    if (err == LODE_ENOTSOCK) err = 0;
  }
  if (err == 0) stream->flags |= LODE_HANDLE_SHUT;
  lode__req_unregister_m(stream->loop, req);
  stream_update_active(stream);
  if (req->cb != NULL) req->cb(req, err);
}

int lode_write2(lode_write_t* req, lode_stream_t* stream,
                const lode_buf_t bufs[], unsigned int nbufs,
                lode_stream_t* send_handle, lode_write_cb cb) {
  int was_empty;

  if (lode__is_closing((lode_handle_t*) stream) || stream->io_watcher.fd < 0)
    return LODE_EBADF;
  if (!(stream->flags & LODE_HANDLE_WRITABLE)) return LODE_EPIPE;
  if (nbufs > 0 && bufs == NULL) return LODE_EINVAL;
  if (send_handle != NULL) {
    if (!stream_is_ipc(stream)) return LODE_EINVAL;
    if (lode__is_closing((lode_handle_t*) send_handle) ||
        send_handle->io_watcher.fd < 0)
      return LODE_EBADF;
    /* A descriptor travels with a byte; a zero-length message carries
     * nothing on a stream socket. */
    if (bufs_size(bufs, nbufs) == 0) return LODE_EINVAL;
  }

  lode__req_init((lode_req_t*) req, LODE_WRITE);
  req->cb = cb;
  req->handle = stream;
  req->send_handle = send_handle;
  req->error = 0;
  req->write_index = 0;
  lode__queue_init(&req->queue);
  req->bufs = req->bufsml;
  if (nbufs > sizeof(req->bufsml) / sizeof(req->bufsml[0])) {
    req->bufs = lode__malloc(nbufs * sizeof(bufs[0]));
    if (req->bufs == NULL) return LODE_ENOMEM;
  }
  if (nbufs > 0) memcpy(req->bufs, bufs, nbufs * sizeof(bufs[0]));
  req->nbufs = nbufs;
  lode__req_register_m(stream->loop, req);

  was_empty = lode__queue_empty(&stream->write_queue);
  stream->write_queue_size += bufs_size(bufs, nbufs);
  lode__queue_insert_tail(&stream->write_queue, &req->queue);
  lode__handle_start_m(stream);

  if (stream->connect_req != NULL) {
    /* Written once connected (stream_connect). */
  } else if (was_empty) {
    stream_write(stream);
  }
  /* Callbacks run from the pending phase, never from here. */
  if (!lode__queue_empty(&stream->write_completed_queue))
    lode__io_feed(stream->loop, &stream->io_watcher);
  return 0;
}

int lode_write(lode_write_t* req, lode_stream_t* handle,
               const lode_buf_t bufs[], unsigned int nbufs, lode_write_cb cb) {
  return lode_write2(req, handle, bufs, nbufs, NULL, cb);
}

int lode_try_write(lode_stream_t* stream, const lode_buf_t bufs[],
                   unsigned int nbufs) {
  lode_write_t req;
  lode_ssize_t r;

  if (lode__is_closing((lode_handle_t*) stream) || stream->io_watcher.fd < 0)
    return LODE_EBADF;
  if (!(stream->flags & LODE_HANDLE_WRITABLE)) return LODE_EPIPE;
  if (stream->connect_req != NULL || !lode__queue_empty(&stream->write_queue))
    return LODE_EAGAIN;
  if (nbufs == 0) return 0;
  /* A throwaway request so the syscall path is shared with lode_write. */
  memset(&req, 0, sizeof(req));
  req.bufs = (lode_buf_t*) bufs;
  req.nbufs = nbufs;
  r = stream_write_req(stream, &req);
  if (r == -EWOULDBLOCK) r = LODE_EAGAIN;
  if (r > INT_MAX) r = INT_MAX; /* XXX: counts above 2 GiB are clipped */
  return (int) r;
}

int lode_shutdown(lode_shutdown_t* req, lode_stream_t* stream,
                  lode_shutdown_cb cb) {
  if (stream->type != LODE_TCP && stream->type != LODE_NAMED_PIPE &&
      stream->type != LODE_TTY)
    return LODE_EINVAL;
  if (lode__is_closing((lode_handle_t*) stream) || stream->io_watcher.fd < 0 ||
      !(stream->flags & LODE_HANDLE_WRITABLE) ||
      (stream->flags & (LODE_HANDLE_SHUT | LODE_HANDLE_SHUTTING)))
    return LODE_ENOTCONN;

  lode__req_init((lode_req_t*) req, LODE_SHUTDOWN);
  req->handle = stream;
  req->cb = cb;
  lode__req_register_m(stream->loop, req);
  stream->shutdown_req = req;
  stream->flags |= LODE_HANDLE_SHUTTING;
  stream->flags &= ~LODE_HANDLE_WRITABLE;
  lode__handle_start_m(stream);
  /* The pending phase drains (now, or after the queued writes). While a
   * connect is pending, stream_connect drains instead. */
  if (stream->connect_req == NULL)
    lode__io_feed(stream->loop, &stream->io_watcher);
  return 0;
}

/* ---- reading ---- */

int lode_read_start(lode_stream_t* stream, lode_alloc_cb alloc_cb,
                    lode_read_cb read_cb) {
  if (alloc_cb == NULL || read_cb == NULL) return LODE_EINVAL;
  if (lode__is_closing((lode_handle_t*) stream)) return LODE_EINVAL;
  if (stream->io_watcher.fd < 0) return LODE_ENOTCONN;
  if (!(stream->flags & LODE_HANDLE_READABLE)) {
    if (stream->type == LODE_TCP &&
        !(stream->flags & (LODE_HANDLE_WRITABLE | LODE_HANDLE_READ_EOF |
                           LODE_HANDLE_SHUT | LODE_HANDLE_SHUTTING)))
      return LODE_ENOTCONN;
    return LODE_EINVAL;
  }
  if (stream->flags & LODE_HANDLE_LISTENING) return LODE_EINVAL;
  stream->flags |= LODE_HANDLE_READING;
  stream->alloc_cb = alloc_cb;
  stream->read_cb = read_cb;
  stream_want_read(stream);
  lode__handle_start_m(stream);
  return 0;
}

int lode_read_stop(lode_stream_t* stream) {
  if (!(stream->flags & LODE_HANDLE_READING)) return 0;
  stream->flags &= ~LODE_HANDLE_READING;
  if (!(stream->flags & LODE__HANDLE_STREAM_FILE))
    lode__io_stop(stream->loop, &stream->io_watcher, LODE__POLLIN);
  stream->alloc_cb = NULL;
  stream->read_cb = NULL;
  stream_update_active(stream);
  return 0;
}

int lode_is_readable(const lode_stream_t* stream) {
  return (stream->flags & LODE_HANDLE_READABLE) != 0;
}

int lode_is_writable(const lode_stream_t* stream) {
  return (stream->flags & LODE_HANDLE_WRITABLE) != 0;
}

size_t lode_stream_get_write_queue_size(const lode_stream_t* stream) {
  return stream->write_queue_size;
}

int lode_stream_set_blocking(lode_stream_t* stream, int blocking) {
  int err;
  if (stream->io_watcher.fd < 0) return LODE_EBADF;
  err = lode__nonblock(stream->io_watcher.fd, !blocking);
  if (err != 0) return err;
  if (blocking)
    stream->flags |= LODE_HANDLE_BLOCKING_WRITES;
  else
    stream->flags &= ~LODE_HANDLE_BLOCKING_WRITES;
  return 0;
}

/* ---- listening and accepting ---- */

int lode_listen(lode_stream_t* stream, int backlog, lode_connection_cb cb) {
  int err;
  lode_loop_t* loop = stream->loop;

  if (cb == NULL) return LODE_EINVAL;
  if (lode__is_closing((lode_handle_t*) stream)) return LODE_EINVAL;
  switch (stream->type) {
    case LODE_TCP:
      err = lode__tcp_listen((lode_tcp_t*) stream, backlog, cb);
      break;
    case LODE_NAMED_PIPE:
      err = lode__pipe_listen((lode_pipe_t*) stream, backlog, cb);
      break;
    default:
      err = LODE_EINVAL;
  }
  if (err != 0) return err;
  /* The reserve descriptor for lode__emfile_trick, taken while there is
   * still room. */
  if (loop->emfile_fd == -1) {
    int fd = open("/", O_RDONLY | O_CLOEXEC);
    if (fd >= 0) loop->emfile_fd = fd;
  }
  return 0;
}

/* Used by tcp.c and pipe.c once listen(2) succeeded. */
void lode__stream_listening(lode_stream_t* stream, lode_connection_cb cb) {
  stream->connection_cb = cb;
  stream->flags |= LODE_HANDLE_LISTENING;
  stream->io_watcher.cb = lode__server_io;
  lode__io_start(stream->loop, &stream->io_watcher, LODE__POLLIN);
  lode__handle_start_m(stream);
}

int lode__emfile_trick(lode_loop_t* loop, int accept_fd) {
  int fd;
  int err;

  if (loop->emfile_fd == -1) return LODE_EMFILE;
  lode__close(loop->emfile_fd);
  loop->emfile_fd = -1;
  /* One slot is free now: take every waiting connection through it and
   * drop it, so the listening socket stops being readable. */
  for (;;) {
    err = lode__accept(accept_fd);
    if (err >= 0) {
      lode__close(err);
      continue;
    }
    if (err != LODE_ECONNABORTED) break;
  }
  fd = open("/", O_RDONLY | O_CLOEXEC);
  if (fd >= 0) loop->emfile_fd = fd;
  return err;
}

/* A readable listener: one connection per readiness, as nginx does by
 * default. Accepting until EAGAIN (libuv's way) costs a failed accept4
 * per readiness; one accept costs, when more are waiting, the next poll
 * reporting the listener again (level-triggered), in a batch with other
 * work. Loop-level HTTP hello with Connection: close (perf/loop), system
 * calls per connection: 10 -> 9 at 1 connection, 8.7 -> 8.1 at 50 and
 * 200 (the plain epoll server's figures). Processes sharing a listener
 * (cluster) also take turns instead of one draining the queue. */
void lode__server_io(lode_loop_t* loop, lode__io_t* w, unsigned int events) {
  lode_stream_t* stream = lode__queue_data(w, lode_stream_t, io_watcher);
  int err;

  (void) events;
  assert(stream->flags & LODE_HANDLE_LISTENING);
  assert(stream->accepted_fd == -1);
  do
    err = lode__accept(stream->io_watcher.fd);
  while (err == LODE_ECONNABORTED);
  if (err < 0) {
    if (err == LODE_EAGAIN || err == -EWOULDBLOCK) return;
    if (err == LODE_EMFILE || err == LODE_ENFILE) {
      err = lode__emfile_trick(loop, stream->io_watcher.fd);
      if (err == LODE_EAGAIN || err == -EWOULDBLOCK) return;
    }
    /* Reported once per turn; XXX: without a reserve descriptor a full
     * table is seen again on every turn. */
    stream->connection_cb(stream, err);
    return;
  }
  stream->accepted_fd = err;
  stream->connection_cb(stream, 0);
  if (stream->accepted_fd != -1) {
    /* Not accepted yet: stop taking connections until lode_accept. */
    lode__io_stop(loop, &stream->io_watcher, LODE__POLLIN);
  }
}

int lode_accept(lode_stream_t* server, lode_stream_t* client) {
  int err;
  int fd = server->accepted_fd;
  int from_ipc = !(server->flags & LODE_HANDLE_LISTENING);

  if (fd == -1) return LODE_EAGAIN;
  if (lode__is_closing((lode_handle_t*) client)) return LODE_EINVAL;
  switch (client->type) {
    case LODE_TCP:
    case LODE_NAMED_PIPE:
      /* Descriptors from an IPC pipe keep the sender's file status. */
      err = from_ipc ? lode__nonblock(fd, 1) : 0;
      if (err == 0)
        err = lode__stream_open(client, fd,
                                LODE_HANDLE_READABLE | LODE_HANDLE_WRITABLE);
      break;
    default:
      err = LODE_EINVAL;
  }
  if (err != 0) {
    /* The connection is dropped rather than left to block the queue. */
    lode__close(fd);
  }
  stream_shift_fd(server);
  if (server->accepted_fd == -1 && (server->flags & LODE_HANDLE_LISTENING))
    lode__io_start(server->loop, &server->io_watcher, LODE__POLLIN);
  return err;
}

int lode_fileno(const lode_handle_t* handle, lode_os_fd_t* fd) {
  int f;
  switch (handle->type) {
    case LODE_TCP:
    case LODE_NAMED_PIPE:
    case LODE_TTY:
      f = ((const lode_stream_t*) handle)->io_watcher.fd;
      break;
    case LODE_UDP:
      f = ((const lode_udp_t*) handle)->io_watcher.fd;
      break;
    default:
      return LODE_EINVAL;
  }
  if (lode__is_closing(handle) || f == -1) return LODE_EBADF;
  *fd = f;
  return 0;
}

static int buffer_size(lode_handle_t* handle, int optname, int* value) {
  lode_os_fd_t fd;
  socklen_t len = sizeof(*value);
  int err;
  if (value == NULL || *value < 0) return LODE_EINVAL;
  if (handle->type == LODE_TTY) return LODE_EINVAL;
  err = lode_fileno(handle, &fd);
  if (err != 0) return err;
  if (*value == 0) {
    if (getsockopt(fd, SOL_SOCKET, optname, value, &len) != 0) return -errno;
  } else if (setsockopt(fd, SOL_SOCKET, optname, value, len) != 0) {
    return -errno;
  }
  return 0;
}

int lode_send_buffer_size(lode_handle_t* handle, int* value) {
  return buffer_size(handle, SO_SNDBUF, value);
}

int lode_recv_buffer_size(lode_handle_t* handle, int* value) {
  return buffer_size(handle, SO_RCVBUF, value);
}
