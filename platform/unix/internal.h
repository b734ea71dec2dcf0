/*
 * internal.h — the shared POSIX part of platform/ (layer: platform/unix).
 *
 * The io watcher (one descriptor registered with the poll backend), the
 * backend interface every poll backend implements (epoll, kqueue), fd
 * helpers, and the entry points the unix handle files offer each other.
 * errno never leaves platform/: everything here returns -errno.
 */
#ifndef LODE_PLATFORM_UNIX_INTERNAL_H
#define LODE_PLATFORM_UNIX_INTERNAL_H

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include "../../loop/internal.h"

/* Events on io watchers use poll(2)'s bit values. */
#define LODE__POLLIN POLLIN
#define LODE__POLLOUT POLLOUT
#define LODE__POLLERR POLLERR
#define LODE__POLLHUP POLLHUP
#define LODE__POLLPRI POLLPRI

/* ---- io watchers (core.c) ---- */

/* Prepares w for fd; not yet registered. */
void lode__io_init(lode__io_t* w, lode__io_cb cb, int fd);
/* Adds interest in events (POLLIN/POLLOUT); applied before the next poll. */
void lode__io_start(lode_loop_t* loop, lode__io_t* w, unsigned int events);
/* Removes interest in events; when none remain the fd leaves the backend. */
void lode__io_stop(lode_loop_t* loop, lode__io_t* w, unsigned int events);
/* Stops everything and drops events already collected for the fd in the
 * batch being dispatched. Call before close(fd). Does not close fd. */
void lode__io_close(lode_loop_t* loop, lode__io_t* w);
/* Schedules w->cb(loop, w, POLLOUT) in the pending phase (used to run
 * completion callbacks outside the call that caused them). */
void lode__io_feed(lode_loop_t* loop, lode__io_t* w);
/* Non-zero when w wants any of events. */
int lode__io_active(const lode__io_t* w, unsigned int events);

/* ---- poll backend (linux/epoll.c, bsd/kqueue.c): thin ---- */

typedef struct {
  int fd;
  unsigned int events; /* POLLIN/POLLOUT/POLLERR/POLLHUP */
} lode__event_t;

int lode__backend_init(lode_loop_t* loop);   /* sets loop->backend_fd */
void lode__backend_close(lode_loop_t* loop);
/* Tells the kernel about w's interest (w->pevents); w->events is what was
 * registered before. Called for each watcher on loop->watcher_queue. */
int lode__backend_sync(lode_loop_t* loop, lode__io_t* w);
/* Removes fd from the kernel set (fd still open). Errors ignored. */
void lode__backend_remove(lode_loop_t* loop, int fd);
/* Waits up to timeout ms (-1 forever); fills at most max events.
 * Returns the count, 0 on timeout or EINTR, or a negative code. */
int lode__backend_poll(lode_loop_t* loop, lode__event_t* events, int max,
                       int timeout);

/* ---- fd helpers (core.c) ---- */

int lode__nonblock(int fd, int set);
int lode__cloexec(int fd, int set);
/* close() that keeps errno and ignores EINTR (the fd is gone either way). */
int lode__close(int fd);
/* socket() with SOCK_NONBLOCK | SOCK_CLOEXEC; fd or -errno. */
int lode__socket(int domain, int type, int protocol);
/* accept4(NONBLOCK|CLOEXEC), retried on EINTR; fd or -errno. */
int lode__accept(int sockfd);
/* dup2 that sets close-on-exec on newfd, retried on EINTR/EBUSY. */
int lode__dup2_cloexec(int oldfd, int newfd);
/* readv/writev capped at IOV_MAX. */
lode_ssize_t lode__readv(int fd, const lode_buf_t* bufs, unsigned int n);
lode_ssize_t lode__writev(int fd, const lode_buf_t* bufs, unsigned int n);

/* ---- streams (stream.c, tcp.c, pipe.c, tty.c) ---- */

void lode__stream_init(lode_loop_t* loop, lode_stream_t* stream,
                       lode_handle_type type);
/* Attaches fd; flags: LODE_HANDLE_READABLE / LODE_HANDLE_WRITABLE. */
int lode__stream_open(lode_stream_t* stream, int fd, int flags);
/* lode_close for streams: stops reading and writing, closes the fd. */
void lode__stream_close(lode_stream_t* stream);
/* Close phase: write and connect/shutdown requests complete with
 * LODE_ECANCELED, then the handle can be freed. */
void lode__stream_destroy(lode_stream_t* stream);
/* io callback of a listening socket: accept and call connection_cb. */
void lode__server_io(lode_loop_t* loop, lode__io_t* w, unsigned int events);
/* EMFILE/ENFILE on accept: release the reserve descriptor
 * (loop->emfile_fd), accept-and-close what is pending, take it back, so
 * the listening socket does not stay readable and spin the loop. */
int lode__emfile_trick(lode_loop_t* loop, int accept_fd);
void lode__tcp_close(lode_tcp_t* handle);
void lode__pipe_close(lode_pipe_t* handle);
void lode__tty_close(lode_tty_t* handle);
int lode__tcp_listen(lode_tcp_t* tcp, int backlog, lode_connection_cb cb);
int lode__pipe_listen(lode_pipe_t* handle, int backlog,
                      lode_connection_cb cb);
/* Stream flag bits (the per-type spare bits, on stream handles only):
 * the descriptor is a socket (sendmsg with MSG_NOSIGNAL), or a regular
 * file / character device that the poll backend cannot watch (reads are
 * fed to the pending phase, writes block). */
#define LODE__HANDLE_STREAM_SOCKET LODE_HANDLE_TYPE_PRIVATE1
#define LODE__HANDLE_STREAM_FILE LODE_HANDLE_TYPE_PRIVATE2
/* Registers req as stream's pending connect. in_progress: connect(2) said
 * EINPROGRESS (completion on POLLOUT); otherwise the result is already in
 * stream->delayed_error (0: connected) and reported from the loop. */
int lode__stream_connect_start(lode_stream_t* stream, lode_connect_t* req,
                               lode_connect_cb cb, int in_progress);
/* Marks a stream listening (after listen(2)) and watches for clients. */
void lode__stream_listening(lode_stream_t* stream, lode_connection_cb cb);
/* TCP socket options on a raw descriptor (tcp.c). 0 or -errno. */
int lode__tcp_nodelay_fd(int fd, int on);
int lode__tcp_keepalive_fd(int fd, int on, unsigned int delay);

/* ---- udp.c ---- */
void lode__udp_close(lode_udp_t* handle);
void lode__udp_finish_close(lode_udp_t* handle);

/* ---- signal.c ---- */
int lode__signal_loop_init(lode_loop_t* loop);  /* lazy pipe, may be no-op */
void lode__signal_loop_close(lode_loop_t* loop);
void lode__signal_close(lode_signal_t* handle);
/* Blocks every signal in this thread and saves the old mask (used around
 * fork so the child starts clean); restore with the saved mask. */
void lode__signal_block_all(sigset_t* saved);
void lode__signal_restore(const sigset_t* saved);

/* ---- fs events (linux/inotify.c; bsd/fs_event.c is a stub) ---- */
void lode__fs_event_loop_init(lode_loop_t* loop); /* no fd yet: lazy */
void lode__fs_event_loop_close(lode_loop_t* loop);

/* ---- process.c ---- */
void lode__process_close(lode_process_t* handle);
void lode__process_loop_close(lode_loop_t* loop);

/* ---- thread.c / fs.c / getaddrinfo.c ---- */
/* Runs the fs operation of req in this thread and stores req->result. */
void lode__fs_execute(lode_fs_t* req);
/* getaddrinfo error (EAI_*) to lode code. */
int lode__getaddrinfo_translate_error(int sys_err);

#endif /* LODE_PLATFORM_UNIX_INTERNAL_H */
