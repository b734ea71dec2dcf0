/*
 * lode.h — the public C API of lode's event loop (layer: loop/).
 *
 * Contract (see ../shared/DESIGN.md, "The loop contract"):
 *  - Completion style: reads deliver bytes through read_start(alloc_cb,
 *    read_cb); writes, connects, shutdowns, fs and DNS calls are requests
 *    whose callback runs later on the loop thread. Readiness ("fd is
 *    readable") is never exposed, so an IOCP backend fits underneath.
 *  - Handles and requests are caller-allocated. Closing is asynchronous:
 *    lode_close(handle, cb); the memory may be freed only in (or after) cb.
 *  - Every fallible call returns 0 (or a count) or a negative error code:
 *    -errno on POSIX, fixed negatives for conditions POSIX lacks (LODE_EOF,
 *    the LODE_EAI_* family). lode_err_name()/lode_strerror() name them.
 *  - Everything here is loop-thread only unless its comment says otherwise
 *    (lode_async_send, the thread primitives, lode_hrtime, synchronous fs
 *    calls are safe from any thread).
 *
 * Run phases, in Node's order: timers, pending callbacks, idle, prepare,
 * poll, check, close callbacks. The loop ends when no referenced handle is
 * active, no request is pending and no close callback is due.
 *
 * Fields after a "private" marker belong to the implementation.
 */
#ifndef LODE_LOOP_LODE_H
#define LODE_LOOP_LODE_H

#include <stddef.h>
#include <stdint.h>

#if defined(_WIN32)
# include <winsock2.h>
# include <ws2tcpip.h>
# include <windows.h>
# include <errno.h>
# include <sys/types.h>
typedef intptr_t lode_ssize_t;
#else
# include <arpa/inet.h>
# include <errno.h>
# include <netdb.h>
# include <netinet/in.h>
# include <pthread.h>
# include <signal.h>
# include <sys/socket.h>
# include <sys/types.h>
# include <sys/uio.h>
# include <termios.h>
typedef ssize_t lode_ssize_t;
#endif

/* make LOOP=libuv builds lode on platform/libuv/, an adapter implementing
 * this API over libuv: each handle and request then embeds the libuv
 * object behind it as a private member `uv` (the lode fields stay; libuv
 * keeps the state). Without LODE_LOOP_LIBUV nothing changes. */
#if defined(LODE_LOOP_LIBUV)
# include <uv.h>
# define LODE__UV(type) type uv;
# define LODE__UV_STREAM                                                      \
  union {                                                                     \
    uv_stream_t stream;                                                       \
    uv_tcp_t tcp;                                                             \
    uv_pipe_t pipe;                                                           \
    uv_tty_t tty;                                                             \
  } uv;
#else
# define LODE__UV(type)
# define LODE__UV_STREAM
#endif

#ifdef __cplusplus
extern "C" {
#endif

#define LODE_VERSION_MAJOR 0
#define LODE_VERSION_MINOR 1
#define LODE_VERSION_PATCH 0
#define LODE_VERSION_STRING "0.1.0"

/* ------------------------------------------------------------------ */
/* Error codes                                                         */
/* ------------------------------------------------------------------ */

/* Values for codes POSIX lacks; fixed so they never collide with -errno. */
#define LODE__EOF (-4095)
#define LODE__EAI_ADDRFAMILY (-3000)
#define LODE__EAI_AGAIN (-3001)
#define LODE__EAI_BADFLAGS (-3002)
#define LODE__EAI_CANCELED (-3003)
#define LODE__EAI_FAIL (-3004)
#define LODE__EAI_FAMILY (-3005)
#define LODE__EAI_MEMORY (-3006)
#define LODE__EAI_NODATA (-3007)
#define LODE__EAI_NONAME (-3008)
#define LODE__EAI_OVERFLOW (-3009)
#define LODE__EAI_SERVICE (-3010)
#define LODE__EAI_SOCKTYPE (-3011)
#define LODE__EAI_BADHINTS (-3013)
#define LODE__EAI_PROTOCOL (-3014)
#define LODE__ECHARSET (-4080)

/* The one list of error codes: name, message. LODE_<name> is its value,
 * lode_err_name() returns "<name>", lode_strerror() the message. */
#define LODE_ERRNO_MAP(XX)                                                    \
  XX(E2BIG, "argument list too long")                                         \
  XX(EACCES, "permission denied")                                             \
  XX(EADDRINUSE, "address already in use")                                    \
  XX(EADDRNOTAVAIL, "address not available")                                  \
  XX(EAFNOSUPPORT, "address family not supported")                            \
  XX(EAGAIN, "resource temporarily unavailable")                              \
  XX(EAI_ADDRFAMILY, "address family not supported")                          \
  XX(EAI_AGAIN, "temporary failure")                                          \
  XX(EAI_BADFLAGS, "bad ai_flags value")                                      \
  XX(EAI_BADHINTS, "invalid value for hints")                                 \
  XX(EAI_CANCELED, "request canceled")                                        \
  XX(EAI_FAIL, "permanent failure")                                           \
  XX(EAI_FAMILY, "ai_family not supported")                                   \
  XX(EAI_MEMORY, "out of memory")                                             \
  XX(EAI_NODATA, "no address")                                                \
  XX(EAI_NONAME, "unknown node or service")                                   \
  XX(EAI_OVERFLOW, "argument buffer overflow")                                \
  XX(EAI_PROTOCOL, "resolved protocol is unknown")                            \
  XX(EAI_SERVICE, "service not available for socket type")                    \
  XX(EAI_SOCKTYPE, "socket type not supported")                               \
  XX(EALREADY, "connection already in progress")                              \
  XX(EBADF, "bad file descriptor")                                            \
  XX(EBUSY, "resource busy or locked")                                        \
  XX(ECANCELED, "operation canceled")                                         \
  XX(ECHARSET, "invalid Unicode character")                                   \
  XX(ECONNABORTED, "software caused connection abort")                        \
  XX(ECONNREFUSED, "connection refused")                                      \
  XX(ECONNRESET, "connection reset by peer")                                  \
  XX(EDESTADDRREQ, "destination address required")                            \
  XX(EEXIST, "file already exists")                                           \
  XX(EFAULT, "bad address in system call argument")                           \
  XX(EFBIG, "file too large")                                                 \
  XX(EHOSTUNREACH, "host is unreachable")                                     \
  XX(EINTR, "interrupted system call")                                        \
  XX(EINVAL, "invalid argument")                                              \
  XX(EIO, "i/o error")                                                        \
  XX(EISCONN, "socket is already connected")                                  \
  XX(EISDIR, "illegal operation on a directory")                              \
  XX(ELOOP, "too many symbolic links encountered")                            \
  XX(EMFILE, "too many open files")                                           \
  XX(EMSGSIZE, "message too long")                                            \
  XX(ENAMETOOLONG, "name too long")                                           \
  XX(ENETDOWN, "network is down")                                             \
  XX(ENETUNREACH, "network is unreachable")                                   \
  XX(ENFILE, "file table overflow")                                           \
  XX(ENOBUFS, "no buffer space available")                                    \
  XX(ENODEV, "no such device")                                                \
  XX(ENOENT, "no such file or directory")                                     \
  XX(ENOMEM, "not enough memory")                                             \
  XX(ENOSPC, "no space left on device")                                       \
  XX(ENOSYS, "function not implemented")                                      \
  XX(ENOTCONN, "socket is not connected")                                     \
  XX(ENOTDIR, "not a directory")                                              \
  XX(ENOTEMPTY, "directory not empty")                                        \
  XX(ENOTSOCK, "socket operation on non-socket")                              \
  XX(ENOTSUP, "operation not supported on socket")                            \
  XX(EOVERFLOW, "value too large for defined data type")                      \
  XX(EPERM, "operation not permitted")                                        \
  XX(EPIPE, "broken pipe")                                                    \
  XX(EPROTO, "protocol error")                                                \
  XX(EPROTONOSUPPORT, "protocol not supported")                               \
  XX(EPROTOTYPE, "protocol wrong type for socket")                            \
  XX(ERANGE, "result too large")                                              \
  XX(EROFS, "read-only file system")                                          \
  XX(ESHUTDOWN, "cannot send after transport endpoint shutdown")              \
  XX(ESPIPE, "invalid seek")                                                  \
  XX(ESRCH, "no such process")                                                \
  XX(ETIMEDOUT, "connection timed out")                                       \
  XX(ETXTBSY, "text file is busy")                                            \
  XX(EXDEV, "cross-device link not permitted")                                \
  XX(EOF, "end of file")                                                      \
  XX(ENXIO, "no such device or address")                                      \
  XX(EMLINK, "too many links")                                                \
  XX(ENOTTY, "inappropriate ioctl for device")                                \
  XX(EILSEQ, "illegal byte sequence")

/* POSIX values: -errno. */
#if !defined(_WIN32)
# define LODE__E2BIG (-E2BIG)
# define LODE__EACCES (-EACCES)
# define LODE__EADDRINUSE (-EADDRINUSE)
# define LODE__EADDRNOTAVAIL (-EADDRNOTAVAIL)
# define LODE__EAFNOSUPPORT (-EAFNOSUPPORT)
# define LODE__EAGAIN (-EAGAIN)
# define LODE__EALREADY (-EALREADY)
# define LODE__EBADF (-EBADF)
# define LODE__EBUSY (-EBUSY)
# define LODE__ECANCELED (-ECANCELED)
# define LODE__ECONNABORTED (-ECONNABORTED)
# define LODE__ECONNREFUSED (-ECONNREFUSED)
# define LODE__ECONNRESET (-ECONNRESET)
# define LODE__EDESTADDRREQ (-EDESTADDRREQ)
# define LODE__EEXIST (-EEXIST)
# define LODE__EFAULT (-EFAULT)
# define LODE__EFBIG (-EFBIG)
# define LODE__EHOSTUNREACH (-EHOSTUNREACH)
# define LODE__EINTR (-EINTR)
# define LODE__EINVAL (-EINVAL)
# define LODE__EIO (-EIO)
# define LODE__EISCONN (-EISCONN)
# define LODE__EISDIR (-EISDIR)
# define LODE__ELOOP (-ELOOP)
# define LODE__EMFILE (-EMFILE)
# define LODE__EMSGSIZE (-EMSGSIZE)
# define LODE__ENAMETOOLONG (-ENAMETOOLONG)
# define LODE__ENETDOWN (-ENETDOWN)
# define LODE__ENETUNREACH (-ENETUNREACH)
# define LODE__ENFILE (-ENFILE)
# define LODE__ENOBUFS (-ENOBUFS)
# define LODE__ENODEV (-ENODEV)
# define LODE__ENOENT (-ENOENT)
# define LODE__ENOMEM (-ENOMEM)
# define LODE__ENOSPC (-ENOSPC)
# define LODE__ENOSYS (-ENOSYS)
# define LODE__ENOTCONN (-ENOTCONN)
# define LODE__ENOTDIR (-ENOTDIR)
# define LODE__ENOTEMPTY (-ENOTEMPTY)
# define LODE__ENOTSOCK (-ENOTSOCK)
# define LODE__ENOTSUP (-ENOTSUP)
# define LODE__EOVERFLOW (-EOVERFLOW)
# define LODE__EPERM (-EPERM)
# define LODE__EPIPE (-EPIPE)
# define LODE__EPROTO (-EPROTO)
# define LODE__EPROTONOSUPPORT (-EPROTONOSUPPORT)
# define LODE__EPROTOTYPE (-EPROTOTYPE)
# define LODE__ERANGE (-ERANGE)
# define LODE__EROFS (-EROFS)
# define LODE__ESHUTDOWN (-ESHUTDOWN)
# define LODE__ESPIPE (-ESPIPE)
# define LODE__ESRCH (-ESRCH)
# define LODE__ETIMEDOUT (-ETIMEDOUT)
# define LODE__ETXTBSY (-ETXTBSY)
# define LODE__EXDEV (-EXDEV)
# define LODE__ENXIO (-ENXIO)
# define LODE__EMLINK (-EMLINK)
# define LODE__ENOTTY (-ENOTTY)
# define LODE__EILSEQ (-EILSEQ)
#endif

typedef enum {
#define LODE__ERR_ENUM(name, msg) LODE_##name = LODE__##name,
  LODE_ERRNO_MAP(LODE__ERR_ENUM)
#undef LODE__ERR_ENUM
  LODE_ERRNO_MAX = LODE__EOF - 1
} lode_errno_t;

/* "ENOENT" for LODE_ENOENT; "Unknown system error N" (in a static buffer
 * that the next unknown code overwrites) for codes not in the list. */
const char* lode_err_name(int err);
/* "no such file or directory" for LODE_ENOENT; same fallback. */
const char* lode_strerror(int err);
/* Translates a positive platform errno into a lode code (-errno on POSIX). */
int lode_translate_sys_error(int sys_errno);

/* ------------------------------------------------------------------ */
/* Basic types                                                         */
/* ------------------------------------------------------------------ */

/* A buffer: base and length. The layout matches struct iovec on POSIX so
 * arrays of lode_buf_t go to writev/readv without copying. Ownership of
 * base is always stated by the call that takes or returns a buffer. */
#if defined(_WIN32)
typedef struct lode_buf_s {
  ULONG len;
  char* base;
} lode_buf_t;
typedef HANDLE lode_file_t;
typedef SOCKET lode_os_sock_t;
typedef HANDLE lode_os_fd_t;
typedef int lode_pid_t;
typedef unsigned char lode_uid_t;
typedef unsigned char lode_gid_t;
#else
typedef struct lode_buf_s {
  char* base;
  size_t len;
} lode_buf_t;
typedef int lode_file_t;
typedef int lode_os_sock_t;
typedef int lode_os_fd_t;
typedef pid_t lode_pid_t;
typedef uid_t lode_uid_t;
typedef gid_t lode_gid_t;
#endif

/* Builds a lode_buf_t. */
lode_buf_t lode_buf_init(char* base, unsigned int len);

/* Intrusive doubly linked list node used by the implementation. */
typedef struct lode__queue_s {
  struct lode__queue_s* next;
  struct lode__queue_s* prev;
} lode__queue_t;

/* ------------------------------------------------------------------ */
/* Thread primitives (any thread)                                      */
/* ------------------------------------------------------------------ */

#if defined(_WIN32)
typedef HANDLE lode_thread_t;
typedef CRITICAL_SECTION lode_mutex_t;
typedef CONDITION_VARIABLE lode_cond_t;
typedef INIT_ONCE lode_once_t;
# define LODE_ONCE_INIT INIT_ONCE_STATIC_INIT
#else
typedef pthread_t lode_thread_t;
typedef pthread_mutex_t lode_mutex_t;
typedef pthread_cond_t lode_cond_t;
typedef pthread_once_t lode_once_t;
# define LODE_ONCE_INIT PTHREAD_ONCE_INIT
#endif

typedef void (*lode_thread_cb)(void* arg);

/* Starts a thread running entry(arg). 0 or a negative code. */
int lode_thread_create(lode_thread_t* tid, lode_thread_cb entry, void* arg);
/* Waits for the thread to end. 0 or a negative code. */
int lode_thread_join(lode_thread_t* tid);
/* Mutexes and condition variables; init returns 0 or a negative code,
 * the others abort on an impossible failure (a programming error). */
int lode_mutex_init(lode_mutex_t* mutex);
void lode_mutex_destroy(lode_mutex_t* mutex);
void lode_mutex_lock(lode_mutex_t* mutex);
void lode_mutex_unlock(lode_mutex_t* mutex);
int lode_cond_init(lode_cond_t* cond);
void lode_cond_destroy(lode_cond_t* cond);
void lode_cond_signal(lode_cond_t* cond);
void lode_cond_broadcast(lode_cond_t* cond);
void lode_cond_wait(lode_cond_t* cond, lode_mutex_t* mutex);
/* Waits at most timeout_ns; 0 when signalled, LODE_ETIMEDOUT otherwise. */
int lode_cond_timedwait(lode_cond_t* cond, lode_mutex_t* mutex,
                        uint64_t timeout_ns);
/* Runs cb exactly once per guard, whatever the number of callers. */
void lode_once(lode_once_t* guard, void (*cb)(void));

/* ------------------------------------------------------------------ */
/* Handles and requests                                                */
/* ------------------------------------------------------------------ */

typedef enum {
  LODE_UNKNOWN_HANDLE = 0,
  LODE_ASYNC,
  LODE_CHECK,
  LODE_IDLE,
  LODE_NAMED_PIPE,
  LODE_PREPARE,
  LODE_PROCESS,
  LODE_SIGNAL,
  LODE_TCP,
  LODE_TIMER,
  LODE_TTY,
  LODE_UDP,
  LODE_FILE,
  LODE_FS_EVENT,
  LODE_HANDLE_TYPE_MAX
} lode_handle_type;

typedef enum {
  LODE_UNKNOWN_REQ = 0,
  LODE_REQ,
  LODE_CONNECT,
  LODE_WRITE,
  LODE_SHUTDOWN,
  LODE_UDP_SEND,
  LODE_FS,
  LODE_WORK,
  LODE_GETADDRINFO,
  LODE_GETNAMEINFO,
  LODE_REQ_TYPE_MAX
} lode_req_type;

typedef enum {
  LODE_RUN_DEFAULT = 0, /* until no referenced work remains (or stop) */
  LODE_RUN_ONCE,        /* one turn, blocking for I/O if there is work */
  LODE_RUN_NOWAIT       /* one turn, never blocking */
} lode_run_mode;

typedef struct lode_loop_s lode_loop_t;
typedef struct lode_handle_s lode_handle_t;
typedef struct lode_stream_s lode_stream_t;
typedef struct lode_tcp_s lode_tcp_t;
typedef struct lode_pipe_s lode_pipe_t;
typedef struct lode_tty_s lode_tty_t;
typedef struct lode_udp_s lode_udp_t;
typedef struct lode_timer_s lode_timer_t;
typedef struct lode_idle_s lode_idle_t;
typedef struct lode_prepare_s lode_prepare_t;
typedef struct lode_check_s lode_check_t;
typedef struct lode_async_s lode_async_t;
typedef struct lode_signal_s lode_signal_t;
typedef struct lode_fs_event_s lode_fs_event_t;
typedef struct lode_process_s lode_process_t;
typedef struct lode_req_s lode_req_t;
typedef struct lode_connect_s lode_connect_t;
typedef struct lode_write_s lode_write_t;
typedef struct lode_shutdown_s lode_shutdown_t;
typedef struct lode_udp_send_s lode_udp_send_t;
typedef struct lode_fs_s lode_fs_t;
typedef struct lode_work_s lode_work_t;
typedef struct lode_getaddrinfo_s lode_getaddrinfo_t;
typedef struct lode_getnameinfo_s lode_getnameinfo_t;
typedef struct lode_stat_s lode_stat_t;
typedef struct lode_dir_s lode_dir_t;

typedef void (*lode_close_cb)(lode_handle_t* handle);
typedef void (*lode_walk_cb)(lode_handle_t* handle, void* arg);
/* Asks the user for a buffer to read into; suggested_size is a hint. Set
 * buf->base = NULL or buf->len = 0 to get LODE_ENOBUFS in read_cb. The
 * buffer belongs to the user, who gets it back in read_cb/recv_cb. */
typedef void (*lode_alloc_cb)(lode_handle_t* handle, size_t suggested_size,
                              lode_buf_t* buf);
/* nread > 0: bytes read into buf; 0: nothing (EAGAIN, buf may be freed);
 * < 0: an error, LODE_EOF at end of stream. buf is the one alloc_cb gave. */
typedef void (*lode_read_cb)(lode_stream_t* stream, lode_ssize_t nread,
                             const lode_buf_t* buf);
typedef void (*lode_write_cb)(lode_write_t* req, int status);
typedef void (*lode_connect_cb)(lode_connect_t* req, int status);
typedef void (*lode_shutdown_cb)(lode_shutdown_t* req, int status);
typedef void (*lode_connection_cb)(lode_stream_t* server, int status);
typedef void (*lode_timer_cb)(lode_timer_t* handle);
typedef void (*lode_idle_cb)(lode_idle_t* handle);
typedef void (*lode_prepare_cb)(lode_prepare_t* handle);
typedef void (*lode_check_cb)(lode_check_t* handle);
typedef void (*lode_async_cb)(lode_async_t* handle);
typedef void (*lode_signal_cb)(lode_signal_t* handle, int signum);
/* events: LODE_RENAME and/or LODE_CHANGE; filename: see lode_fs_event_start.
 * status: 0, or a negative code (the handle then delivers nothing more). */
typedef void (*lode_fs_event_cb)(lode_fs_event_t* handle, const char* filename,
                                 int events, int status);
typedef void (*lode_exit_cb)(lode_process_t* process, int64_t exit_status,
                             int term_signal);
typedef void (*lode_fs_cb)(lode_fs_t* req);
typedef void (*lode_work_cb)(lode_work_t* req);
typedef void (*lode_after_work_cb)(lode_work_t* req, int status);
typedef void (*lode_getaddrinfo_cb)(lode_getaddrinfo_t* req, int status,
                                    struct addrinfo* res);
typedef void (*lode_getnameinfo_cb)(lode_getnameinfo_t* req, int status,
                                    const char* hostname, const char* service);
typedef void (*lode_udp_send_cb)(lode_udp_send_t* req, int status);
/* nread > 0: a datagram of nread bytes from addr; nread == 0 with addr set:
 * an empty datagram; nread == 0 with addr NULL: nothing to read (buf may be
 * freed); < 0: an error. flags: LODE_UDP_PARTIAL when truncated. */
typedef void (*lode_udp_recv_cb)(lode_udp_t* handle, lode_ssize_t nread,
                                 const lode_buf_t* buf,
                                 const struct sockaddr* addr, unsigned flags);

/* ---- private parts embedded in public structs ---- */

#if !defined(_WIN32)
/* A file descriptor registered with the poll backend. */
typedef struct lode__io_s lode__io_t;
typedef void (*lode__io_cb)(lode_loop_t* loop, lode__io_t* w,
                            unsigned int events);
struct lode__io_s {
  lode__io_cb cb;
  lode__queue_t pending_queue; /* in loop->pending_queue when fed */
  lode__queue_t watcher_queue; /* in loop->watcher_queue when changed */
  unsigned int pevents;        /* events wanted */
  unsigned int events;         /* events the kernel currently watches */
  int fd;
};
#endif

/* Work item run on the thread pool (embedded in fs/work/dns requests). */
struct lode__work {
  void (*work)(struct lode__work* w);          /* on a worker thread */
  void (*done)(struct lode__work* w, int status); /* on the loop thread */
  lode_loop_t* loop;
  lode__queue_t wq;
  int lane;
  int state;
};

#define LODE_HANDLE_FIELDS                                                    \
  /* public */                                                                \
  void* data;                                                                 \
  lode_loop_t* loop;                                                          \
  lode_handle_type type;                                                      \
  /* private */                                                               \
  lode_close_cb close_cb;                                                     \
  lode__queue_t handle_queue;                                                 \
  lode_handle_t* next_closing;                                                \
  unsigned int flags;

#define LODE_REQ_FIELDS                                                       \
  /* public */                                                                \
  void* data;                                                                 \
  lode_req_type type;                                                         \
  /* private */                                                               \
  lode__queue_t active_queue;

struct lode_handle_s {
  LODE_HANDLE_FIELDS
};

struct lode_req_s {
  LODE_REQ_FIELDS
};

/* ------------------------------------------------------------------ */
/* The loop                                                            */
/* ------------------------------------------------------------------ */

typedef struct lode__timer_heap {
  lode_timer_t** nodes;
  unsigned int n;
  unsigned int cap;
} lode__timer_heap;

struct lode_loop_s {
  /* public */
  void* data;
  /* private */
  unsigned int active_handles; /* active and referenced handles */
  unsigned int active_reqs;    /* requests in flight */
  lode__queue_t handle_queue;  /* every open handle, for lode_walk */
  unsigned int stop_flag;
  uint64_t time;               /* cached loop clock, milliseconds */
  lode__timer_heap timer_heap;
  uint64_t timer_counter;      /* start order, for FIFO among equals */
  lode__queue_t idle_handles;
  lode__queue_t prepare_handles;
  lode__queue_t check_handles;
  lode_handle_t* closing_handles;
  /* Cross-thread hand-over, lock-free (loop/async.c): sent async handles
   * and finished pool work are pushed on two stacks the loop takes whole;
   * async_wakeup_sent says a wake-up is already on its way (so senders
   * coalesce); async_senders counts threads still inside a hand-over. */
  lode__queue_t async_handles;
  lode__queue_t async_pending;  /* loop thread only: taken, not yet run */
  lode__queue_t* async_stack;   /* accessed atomically */
  lode__queue_t* wq_done;       /* accessed atomically */
  int async_wakeup_sent;        /* accessed atomically */
  int async_senders;            /* accessed atomically */
  /* signals: one byte per delivered signal arrives on signal_pipefd[0] */
  lode__queue_t signal_handles;
  int signal_pipefd[2];
  /* child processes and the internal SIGCHLD watcher */
  lode__queue_t process_handles;
  lode_signal_t* child_watcher;
#if defined(_WIN32)
  HANDLE iocp;
  lode__queue_t pending_reqs;
#else
  int backend_fd;
  lode__queue_t pending_queue;  /* io watchers fed for the pending phase */
  lode__queue_t watcher_queue;  /* io watchers whose interest changed */
  lode__io_t** watchers;        /* indexed by fd */
  unsigned int nwatchers;
  unsigned int nfds;
  void* poll_events;            /* the batch being dispatched, for invalidate */
  int poll_nevents;
  lode__io_t async_io_watcher;  /* the wake-up object (eventfd/pipe) */
  int async_wfd;
  lode__io_t signal_io_watcher;
  int emfile_fd;                /* reserve descriptor for EMFILE on accept */
  /* fs events (linux/inotify.c): one inotify fd, opened on first use (fd
   * -1 until then), and the kernel watches in use, each shared by the
   * handles watching one inode */
  lode__io_t inotify_io_watcher;
  lode__queue_t inotify_watches;
#endif
  LODE__UV(uv_loop_t)
};

/* Initializes a caller-allocated loop. 0 or a negative code. */
int lode_loop_init(lode_loop_t* loop);
/* Releases the loop's resources. LODE_EBUSY while handles remain open
 * (close them and run the loop first). After 0 the memory may be freed. */
int lode_loop_close(lode_loop_t* loop);
/* A process-wide loop, initialized on first call (NULL on failure). */
lode_loop_t* lode_default_loop(void);
/* Runs the loop in the given mode. Returns non-zero when work remains
 * (handles, requests or close callbacks), 0 when the loop is idle. */
int lode_run(lode_loop_t* loop, lode_run_mode mode);
/* Makes lode_run return after the current turn. */
void lode_stop(lode_loop_t* loop);
/* Non-zero when referenced handles, requests or close callbacks remain. */
int lode_loop_alive(const lode_loop_t* loop);
/* The cached loop time in milliseconds, refreshed once per turn. */
uint64_t lode_now(const lode_loop_t* loop);
/* Refreshes the cached loop time now. */
void lode_update_time(lode_loop_t* loop);
/* A monotonic clock in nanoseconds (any thread). */
uint64_t lode_hrtime(void);
/* The poll timeout lode_run would use now: 0, ms until the next timer, or
 * -1 for no timeout. */
int lode_backend_timeout(const lode_loop_t* loop);
/* The backend's descriptor (epoll/kqueue fd), -1 where there is none. */
int lode_backend_fd(const lode_loop_t* loop);
/* Calls cb for every open handle (internal ones excluded). Handles may be
 * closed from cb but not opened. */
void lode_walk(lode_loop_t* loop, lode_walk_cb cb, void* arg);

/* Replaces the allocator used for every lode allocation (call before any
 * loop exists; test builds install a counting one). 0 or LODE_EINVAL. */
typedef void* (*lode_malloc_func)(size_t size);
typedef void* (*lode_realloc_func)(void* ptr, size_t size);
typedef void* (*lode_calloc_func)(size_t count, size_t size);
typedef void (*lode_free_func)(void* ptr);
int lode_replace_allocator(lode_malloc_func malloc_func,
                           lode_realloc_func realloc_func,
                           lode_calloc_func calloc_func,
                           lode_free_func free_func);

/* ---- operations on every handle ---- */

/* Closes the handle: stops it, cancels its pending requests (their
 * callbacks run with LODE_ECANCELED), and calls close_cb in the close
 * phase. May be called from any callback, including the handle's own.
 * The memory may be released from close_cb on. Closing twice aborts. */
void lode_close(lode_handle_t* handle, lode_close_cb close_cb);
/* Non-zero when the handle is doing something (timer started, stream
 * reading or writing or listening, ...). */
int lode_is_active(const lode_handle_t* handle);
/* Non-zero from lode_close until the handle is freed. */
int lode_is_closing(const lode_handle_t* handle);
/* A referenced active handle keeps the loop alive; an unreferenced one
 * does not. New handles are referenced. Idempotent. */
void lode_ref(lode_handle_t* handle);
void lode_unref(lode_handle_t* handle);
int lode_has_ref(const lode_handle_t* handle);
/* sizeof the handle/request type, 0 for an unknown type. */
size_t lode_handle_size(lode_handle_type type);
size_t lode_req_size(lode_req_type type);
const char* lode_handle_type_name(lode_handle_type type);
/* The handle's descriptor (-1 → LODE_EBADF / LODE_EINVAL as appropriate). */
int lode_fileno(const lode_handle_t* handle, lode_os_fd_t* fd);
/* The socket's send / receive buffer size (SO_SNDBUF / SO_RCVBUF) of a
 * TCP, pipe or UDP handle: *value 0 reads it into *value, > 0 sets it
 * (Linux doubles what is set, and reads back the doubled size). 0,
 * LODE_EBADF when the handle has no socket yet (a UDP handle before
 * bind), LODE_EINVAL for other handles or a negative *value. */
int lode_send_buffer_size(lode_handle_t* handle, int* value);
int lode_recv_buffer_size(lode_handle_t* handle, int* value);
/* Cancels a pending fs, work, getaddrinfo or getnameinfo request that no
 * worker has started: its callback runs with LODE_ECANCELED. LODE_EBUSY
 * when already running or done, LODE_EINVAL for other request types. */
int lode_cancel(lode_req_t* req);

/* ------------------------------------------------------------------ */
/* Timers                                                              */
/* ------------------------------------------------------------------ */

struct lode_timer_s {
  LODE_HANDLE_FIELDS
  /* private */
  lode_timer_cb timer_cb;
  uint64_t timeout;      /* absolute due time, loop clock ms */
  uint64_t repeat;
  uint64_t start_id;     /* FIFO order among equal timeouts */
  unsigned int heap_index; /* position in the heap, UINT_MAX when out */
  lode__queue_t ready;     /* in the due list while timers run */
  LODE__UV(uv_timer_t)
};

int lode_timer_init(lode_loop_t* loop, lode_timer_t* handle);
/* Calls cb after timeout ms (loop clock), then every repeat ms if repeat is
 * non-zero. Restarts an active timer. LODE_EINVAL when cb is NULL or the
 * handle is closing. Timers due at the same time run in start order. */
int lode_timer_start(lode_timer_t* handle, lode_timer_cb cb, uint64_t timeout,
                     uint64_t repeat);
int lode_timer_stop(lode_timer_t* handle);
/* Restarts a repeating timer with its repeat as timeout; LODE_EINVAL when
 * it was never started. */
int lode_timer_again(lode_timer_t* handle);
void lode_timer_set_repeat(lode_timer_t* handle, uint64_t repeat);
uint64_t lode_timer_get_repeat(const lode_timer_t* handle);
/* Milliseconds until the timer is due (0 when due or inactive). */
uint64_t lode_timer_get_due_in(const lode_timer_t* handle);

/* ------------------------------------------------------------------ */
/* Idle, prepare, check                                                */
/* ------------------------------------------------------------------ */

/* Idle handles run once per turn before prepare and make the poll phase
 * non-blocking while active; prepare runs right before polling, check
 * right after (Node's setImmediate). Callbacks run in start order. */
#define LODE__LOOPWATCHER_FIELDS(kind)                                        \
  LODE_HANDLE_FIELDS                                                          \
  lode_##kind##_cb kind##_cb;                                                 \
  lode__queue_t queue;                                                        \
  LODE__UV(uv_##kind##_t)

struct lode_idle_s { LODE__LOOPWATCHER_FIELDS(idle) };
struct lode_prepare_s { LODE__LOOPWATCHER_FIELDS(prepare) };
struct lode_check_s { LODE__LOOPWATCHER_FIELDS(check) };

int lode_idle_init(lode_loop_t* loop, lode_idle_t* handle);
int lode_idle_start(lode_idle_t* handle, lode_idle_cb cb);
int lode_idle_stop(lode_idle_t* handle);
int lode_prepare_init(lode_loop_t* loop, lode_prepare_t* handle);
int lode_prepare_start(lode_prepare_t* handle, lode_prepare_cb cb);
int lode_prepare_stop(lode_prepare_t* handle);
int lode_check_init(lode_loop_t* loop, lode_check_t* handle);
int lode_check_start(lode_check_t* handle, lode_check_cb cb);
int lode_check_stop(lode_check_t* handle);

/* ------------------------------------------------------------------ */
/* Async: wake the loop from any thread                                */
/* ------------------------------------------------------------------ */

struct lode_async_s {
  LODE_HANDLE_FIELDS
  /* private */
  lode_async_cb async_cb;
  lode__queue_t queue;         /* in loop->async_handles */
  lode__queue_t pending_queue; /* on loop->async_stack or async_pending */
  int pending;                 /* accessed atomically */
  LODE__UV(uv_async_t)
};

/* An async handle is active (keeps the loop alive) from init until close. */
int lode_async_init(lode_loop_t* loop, lode_async_t* handle,
                    lode_async_cb cb);
/* Any thread, async-signal-unsafe, lock-free. Schedules cb on the loop
 * thread; sends before cb runs coalesce into one call, and a send made
 * while cb runs gets another call (none is lost). The loop finds pending
 * handles on a list, never by scanning. A send that races with lode_close
 * on the handle is dropped and harmless, but the handle's memory must stay
 * valid until every such send has returned (stop the senders before
 * freeing it in the close callback). Every send must have returned before
 * lode_loop_close. */
int lode_async_send(lode_async_t* handle);

/* ------------------------------------------------------------------ */
/* Streams: TCP, pipes, TTYs                                           */
/* ------------------------------------------------------------------ */

#if defined(_WIN32)
# define LODE__STREAM_PRIVATE void* iocp_private;
#else
# define LODE__STREAM_PRIVATE                                                 \
  lode_connect_t* connect_req;                                                \
  lode_shutdown_t* shutdown_req;                                              \
  lode__io_t io_watcher;                                                      \
  lode__queue_t write_queue;                                                  \
  lode__queue_t write_completed_queue;                                        \
  lode_connection_cb connection_cb;                                           \
  int delayed_error;                                                          \
  int accepted_fd;                                                            \
  void* queued_fds;
#endif

#define LODE_STREAM_FIELDS                                                    \
  /* public: bytes queued for writing and not yet written */                  \
  size_t write_queue_size;                                                    \
  lode_alloc_cb alloc_cb;                                                     \
  lode_read_cb read_cb;                                                       \
  /* private */                                                               \
  LODE__STREAM_PRIVATE                                                        \
  LODE__UV_STREAM

struct lode_stream_s {
  LODE_HANDLE_FIELDS
  LODE_STREAM_FIELDS
};

struct lode_write_s {
  LODE_REQ_FIELDS
  lode_write_cb cb;
  lode_stream_t* send_handle; /* IPC: the handle whose fd is sent */
  lode_stream_t* handle;
  /* private */
  lode__queue_t queue;
  unsigned int write_index;
  lode_buf_t* bufs;
  unsigned int nbufs;
  int error;
  lode_buf_t bufsml[4];
  LODE__UV(uv_write_t)
};

struct lode_connect_s {
  LODE_REQ_FIELDS
  lode_connect_cb cb;
  lode_stream_t* handle;
  /* private */
  lode__queue_t queue;
  LODE__UV(uv_connect_t)
};

struct lode_shutdown_s {
  LODE_REQ_FIELDS
  lode_stream_t* handle;
  lode_shutdown_cb cb;
  LODE__UV(uv_shutdown_t)
};

/* Starts listening; cb runs for each incoming connection (status 0, call
 * lode_accept) or listen-time error. backlog as listen(2). */
int lode_listen(lode_stream_t* stream, int backlog, lode_connection_cb cb);
/* Accepts a pending connection into an initialized client handle. Call
 * once per connection_cb. LODE_EAGAIN when nothing is pending. */
int lode_accept(lode_stream_t* server, lode_stream_t* client);
/* Starts delivering bytes: alloc_cb then read_cb, repeatedly, until
 * lode_read_stop, EOF or an error. LODE_EALREADY is not returned: starting
 * twice replaces the callbacks. LODE_EINVAL on a closing or unreadable
 * stream, LODE_ENOTCONN when not connected. */
int lode_read_start(lode_stream_t* stream, lode_alloc_cb alloc_cb,
                    lode_read_cb read_cb);
/* Stops reading (the kernel is no longer asked for data). Idempotent. */
int lode_read_stop(lode_stream_t* stream);
/* Queues bufs for writing. The buffers' contents must stay valid until cb
 * runs; the bufs array itself is copied. Callbacks run in queue order,
 * never from inside lode_write. On close, queued writes complete with
 * LODE_ECANCELED. */
int lode_write(lode_write_t* req, lode_stream_t* handle, const lode_buf_t bufs[],
               unsigned int nbufs, lode_write_cb cb);
/* lode_write that also sends send_handle's descriptor (IPC pipes only). */
int lode_write2(lode_write_t* req, lode_stream_t* handle, const lode_buf_t bufs[],
                unsigned int nbufs, lode_stream_t* send_handle,
                lode_write_cb cb);
/* Writes what the kernel takes now without queuing: a byte count,
 * LODE_EAGAIN when nothing could be written or writes are queued. */
int lode_try_write(lode_stream_t* handle, const lode_buf_t bufs[],
                   unsigned int nbufs);
/* Shuts the write side once queued writes finish; cb(0) then. */
int lode_shutdown(lode_shutdown_t* req, lode_stream_t* handle,
                  lode_shutdown_cb cb);
int lode_is_readable(const lode_stream_t* handle);
int lode_is_writable(const lode_stream_t* handle);
size_t lode_stream_get_write_queue_size(const lode_stream_t* stream);
/* Makes writes block (used for stdio on files/ttys, as Node does). */
int lode_stream_set_blocking(lode_stream_t* handle, int blocking);

/* ---- TCP ---- */

struct lode_tcp_s {
  LODE_HANDLE_FIELDS
  LODE_STREAM_FIELDS
};

enum { LODE_TCP_IPV6ONLY = 1 };

int lode_tcp_init(lode_loop_t* loop, lode_tcp_t* handle);
/* flags: the address family (AF_INET, AF_INET6) to create the socket now,
 * or AF_UNSPEC to create it lazily. */
int lode_tcp_init_ex(lode_loop_t* loop, lode_tcp_t* handle, unsigned int flags);
/* Adopts an existing socket (made non-blocking). */
int lode_tcp_open(lode_tcp_t* handle, lode_os_sock_t sock);
int lode_tcp_nodelay(lode_tcp_t* handle, int enable);
/* delay: seconds of idle before the first probe. */
int lode_tcp_keepalive(lode_tcp_t* handle, int enable, unsigned int delay);
/* Binds; SO_REUSEADDR is set. Errors like EADDRINUSE may be reported here
 * or by lode_listen. flags: LODE_TCP_IPV6ONLY. */
int lode_tcp_bind(lode_tcp_t* handle, const struct sockaddr* addr,
                  unsigned int flags);
int lode_tcp_getsockname(const lode_tcp_t* handle, struct sockaddr* name,
                         int* namelen);
int lode_tcp_getpeername(const lode_tcp_t* handle, struct sockaddr* name,
                         int* namelen);
/* Connects; cb runs once with 0 or an error (LODE_ECONNREFUSED, ...), and
 * with LODE_ECANCELED when the handle is closed first. */
int lode_tcp_connect(lode_connect_t* req, lode_tcp_t* handle,
                     const struct sockaddr* addr, lode_connect_cb cb);
/* Closes with RST (SO_LINGER 0) instead of FIN. */
int lode_tcp_close_reset(lode_tcp_t* handle, lode_close_cb close_cb);

/* ---- Pipes (Unix domain sockets, named pipes on Windows) ---- */

struct lode_pipe_s {
  LODE_HANDLE_FIELDS
  LODE_STREAM_FIELDS
  int ipc; /* non-zero: descriptors travel with lode_write2 */
  /* private */
  const char* pipe_fname; /* bound path, unlinked on close (owned) */
};

/* ipc non-zero makes the pipe carry descriptors (SCM_RIGHTS). */
int lode_pipe_init(lode_loop_t* loop, lode_pipe_t* handle, int ipc);
/* Adopts an existing descriptor (pipe, socket, fifo). */
int lode_pipe_open(lode_pipe_t* handle, lode_file_t fd);
/* Binds to a filesystem path (removed again on close). */
int lode_pipe_bind(lode_pipe_t* handle, const char* name);
/* Connects to a path; errors arrive in cb. */
void lode_pipe_connect(lode_connect_t* req, lode_pipe_t* handle,
                       const char* name, lode_connect_cb cb);
/* Copies the bound/peer path into buffer (NUL-terminated when it fits);
 * *size gets the length. LODE_ENOBUFS when buffer is too small. */
int lode_pipe_getsockname(const lode_pipe_t* handle, char* buffer,
                          size_t* size);
int lode_pipe_getpeername(const lode_pipe_t* handle, char* buffer,
                          size_t* size);
/* Descriptors received on an IPC pipe and not yet accepted. Accept each
 * with lode_accept into a handle of lode_pipe_pending_type. */
int lode_pipe_pending_count(lode_pipe_t* handle);
lode_handle_type lode_pipe_pending_type(lode_pipe_t* handle);
/* Creates an anonymous pipe: fds[0] read end, fds[1] write end; flags
 * per end: LODE_NONBLOCK_PIPE. Descriptors are close-on-exec. */
enum { LODE_NONBLOCK_PIPE = 0x40 };
int lode_pipe(lode_file_t fds[2], int read_flags, int write_flags);
/* socketpair(2) with close-on-exec; flags per end: LODE_NONBLOCK_PIPE. */
int lode_socketpair(int type, int protocol, lode_os_sock_t socket_vector[2],
                    int flags0, int flags1);

/* ---- TTYs and stdio ---- */

typedef enum {
  LODE_TTY_MODE_NORMAL,
  LODE_TTY_MODE_RAW,
  LODE_TTY_MODE_IO
} lode_tty_mode_t;

struct lode_tty_s {
  LODE_HANDLE_FIELDS
  LODE_STREAM_FIELDS
  /* private */
#if !defined(_WIN32)
  struct termios orig_termios;
  int mode;
#endif
};

/* Wraps fd (a tty, or any stdio descriptor) as a stream. A tty is reopened
 * through /dev/tty semantics where needed so O_NONBLOCK does not leak to
 * other processes sharing it. */
int lode_tty_init(lode_loop_t* loop, lode_tty_t* handle, lode_file_t fd,
                  int unused);
int lode_tty_set_mode(lode_tty_t* handle, lode_tty_mode_t mode);
/* Restores the mode saved before the first set_mode (any thread,
 * async-signal-safe; for exit and signal paths). */
int lode_tty_reset_mode(void);
int lode_tty_get_winsize(lode_tty_t* handle, int* width, int* height);
/* What kind of handle fits fd: LODE_TTY, LODE_NAMED_PIPE, LODE_TCP,
 * LODE_UDP, LODE_FILE or LODE_UNKNOWN_HANDLE. */
lode_handle_type lode_guess_handle(lode_file_t fd);

/* ------------------------------------------------------------------ */
/* UDP                                                                 */
/* ------------------------------------------------------------------ */

enum {
  LODE_UDP_IPV6ONLY = 1,
  LODE_UDP_PARTIAL = 2,
  LODE_UDP_REUSEADDR = 4
};

typedef enum { LODE_LEAVE_GROUP = 0, LODE_JOIN_GROUP } lode_membership;

struct lode_udp_s {
  LODE_HANDLE_FIELDS
  /* public: bytes and count of sends queued and not yet written */
  size_t send_queue_size;
  size_t send_queue_count;
  /* private */
  lode_alloc_cb alloc_cb;
  lode_udp_recv_cb recv_cb;
#if !defined(_WIN32)
  lode__io_t io_watcher;
  lode__queue_t write_queue;
  lode__queue_t write_completed_queue;
#endif
  LODE__UV(uv_udp_t)
};

struct lode_udp_send_s {
  LODE_REQ_FIELDS
  lode_udp_t* handle;
  lode_udp_send_cb cb;
  /* private */
  lode__queue_t queue;
  struct sockaddr_storage addr;
  unsigned int nbufs;
  lode_buf_t* bufs;
  lode_ssize_t status;
  lode_buf_t bufsml[4];
  LODE__UV(uv_udp_send_t)
};

int lode_udp_init(lode_loop_t* loop, lode_udp_t* handle);
/* flags: AF_INET/AF_INET6 to create the socket now, or AF_UNSPEC. */
int lode_udp_init_ex(lode_loop_t* loop, lode_udp_t* handle, unsigned int flags);
int lode_udp_open(lode_udp_t* handle, lode_os_sock_t sock);
/* flags: LODE_UDP_IPV6ONLY, LODE_UDP_REUSEADDR. */
int lode_udp_bind(lode_udp_t* handle, const struct sockaddr* addr,
                  unsigned int flags);
/* Connects (addr NULL disconnects). */
int lode_udp_connect(lode_udp_t* handle, const struct sockaddr* addr);
int lode_udp_getsockname(const lode_udp_t* handle, struct sockaddr* name,
                         int* namelen);
int lode_udp_getpeername(const lode_udp_t* handle, struct sockaddr* name,
                         int* namelen);
int lode_udp_set_membership(lode_udp_t* handle, const char* multicast_addr,
                            const char* interface_addr,
                            lode_membership membership);
int lode_udp_set_multicast_loop(lode_udp_t* handle, int on);
int lode_udp_set_multicast_ttl(lode_udp_t* handle, int ttl);
int lode_udp_set_multicast_interface(lode_udp_t* handle,
                                     const char* interface_addr);
int lode_udp_set_broadcast(lode_udp_t* handle, int on);
int lode_udp_set_ttl(lode_udp_t* handle, int ttl);
/* Sends one datagram made of bufs to addr (NULL on a connected socket).
 * Buffers stay the caller's until cb; an unbound socket is bound to the
 * wildcard address first. */
int lode_udp_send(lode_udp_send_t* req, lode_udp_t* handle,
                  const lode_buf_t bufs[], unsigned int nbufs,
                  const struct sockaddr* addr, lode_udp_send_cb cb);
/* Sends now or fails with LODE_EAGAIN; a byte count on success. */
int lode_udp_try_send(lode_udp_t* handle, const lode_buf_t bufs[],
                      unsigned int nbufs, const struct sockaddr* addr);
int lode_udp_recv_start(lode_udp_t* handle, lode_alloc_cb alloc_cb,
                        lode_udp_recv_cb recv_cb);
int lode_udp_recv_stop(lode_udp_t* handle);
size_t lode_udp_get_send_queue_size(const lode_udp_t* handle);
size_t lode_udp_get_send_queue_count(const lode_udp_t* handle);

/* ------------------------------------------------------------------ */
/* Signals                                                             */
/* ------------------------------------------------------------------ */

struct lode_signal_s {
  LODE_HANDLE_FIELDS
  lode_signal_cb signal_cb;
  int signum;
  /* private */
  lode__queue_t queue;        /* in loop->signal_handles */
  lode__queue_t global_queue; /* in the process-wide list */
  int oneshot;
  LODE__UV(uv_signal_t)
};

int lode_signal_init(lode_loop_t* loop, lode_signal_t* handle);
/* Calls cb on the loop thread each time signum arrives. Several handles
 * (in one or several loops) may watch one signal; each is called. While
 * any handle watches it, the signal's default action is replaced; it is
 * restored when the last one stops. */
int lode_signal_start(lode_signal_t* handle, lode_signal_cb cb, int signum);
/* As start, but stops itself after the first delivery. */
int lode_signal_start_oneshot(lode_signal_t* handle, lode_signal_cb cb,
                              int signum);
int lode_signal_stop(lode_signal_t* handle);

/* ------------------------------------------------------------------ */
/* Processes                                                           */
/* ------------------------------------------------------------------ */

typedef enum {
  LODE_IGNORE = 0x00,         /* /dev/null */
  LODE_CREATE_PIPE = 0x01,    /* data.stream: an initialized lode_pipe_t */
  LODE_INHERIT_FD = 0x02,     /* data.fd */
  LODE_INHERIT_STREAM = 0x04, /* data.stream's descriptor */
  LODE_READABLE_PIPE = 0x10,  /* with CREATE_PIPE: the child reads */
  LODE_WRITABLE_PIPE = 0x20,  /* with CREATE_PIPE: the child writes */
  LODE_OVERLAPPED_PIPE = 0x40
} lode_stdio_flags;

typedef struct lode_stdio_container_s {
  lode_stdio_flags flags;
  union {
    lode_stream_t* stream;
    int fd;
  } data;
} lode_stdio_container_t;

enum {
  LODE_PROCESS_SETUID = 1 << 0,
  LODE_PROCESS_SETGID = 1 << 1,
  LODE_PROCESS_WINDOWS_VERBATIM_ARGUMENTS = 1 << 2,
  LODE_PROCESS_DETACHED = 1 << 3,
  LODE_PROCESS_WINDOWS_HIDE = 1 << 4
};

typedef struct lode_process_options_s {
  lode_exit_cb exit_cb;  /* may be NULL */
  const char* file;      /* looked up in PATH when it has no slash */
  char** args;           /* argv, NULL-terminated; args[0] is argv0 */
  char** env;            /* NULL: inherit the parent's environment */
  const char* cwd;       /* NULL: the parent's */
  unsigned int flags;    /* LODE_PROCESS_* */
  int stdio_count;
  lode_stdio_container_t* stdio;
  lode_uid_t uid;        /* with LODE_PROCESS_SETUID */
  lode_gid_t gid;        /* with LODE_PROCESS_SETGID */
} lode_process_options_t;

struct lode_process_s {
  LODE_HANDLE_FIELDS
  lode_exit_cb exit_cb;
  int pid;
  /* private */
  lode__queue_t queue; /* in loop->process_handles */
  int status;
  LODE__UV(uv_process_t)
};

/* Starts a child. On failure (including the exec itself failing: LODE_ENOENT,
 * LODE_EACCES, ...) returns the error and no child is left behind; the
 * handle must still be closed. The exit callback runs once, with the exit
 * status and the terminating signal (0 when none). Children are reaped on
 * SIGCHLD with waitpid on their own pids only. */
int lode_spawn(lode_loop_t* loop, lode_process_t* handle,
               const lode_process_options_t* options);
int lode_process_kill(lode_process_t* handle, int signum);
int lode_kill(int pid, int signum);
lode_pid_t lode_process_get_pid(const lode_process_t* handle);

/* ------------------------------------------------------------------ */
/* The worker pool                                                     */
/* ------------------------------------------------------------------ */

/* A fixed-size pool (LODE_THREADPOOL_SIZE, default 4, clamped to 1..1024)
 * started on first use and shared by every loop. Work runs in lanes: fs,
 * DNS and user work; DNS work occupies at most half the workers so slow
 * lookups never starve file I/O. Completions return to the loop in
 * batches through its one wake-up. */

typedef enum {
  LODE_WORK_LANE_FS = 0,
  LODE_WORK_LANE_DNS = 1,
  LODE_WORK_LANE_USER = 2
} lode_work_lane;

struct lode_work_s {
  LODE_REQ_FIELDS
  lode_loop_t* loop;
  lode_work_cb work_cb;
  lode_after_work_cb after_work_cb;
  /* private */
  struct lode__work work_req;
  LODE__UV(uv_work_t)
};

/* Runs work_cb on a worker, then after_work_cb on the loop thread with 0,
 * or LODE_ECANCELED when cancelled before it started. */
int lode_queue_work(lode_loop_t* loop, lode_work_t* req, lode_work_cb work_cb,
                    lode_after_work_cb after_work_cb);
/* The number of workers (starts the pool). */
unsigned int lode_threadpool_size(void);

/* ------------------------------------------------------------------ */
/* File system                                                         */
/* ------------------------------------------------------------------ */

/* Every lode_fs_* call takes a caller-allocated request. With cb == NULL
 * it runs synchronously in the calling thread and returns the result
 * (also left in req->result); otherwise it runs on the pool's fs lane and
 * returns 0 or a submission error, and cb runs on the loop thread. Call
 * lode_fs_req_cleanup(req) afterwards in both cases: it frees what the
 * request owns (path copies, results). */

typedef enum {
  LODE_FS_UNKNOWN = -1,
  LODE_FS_CUSTOM,
  LODE_FS_OPEN,
  LODE_FS_CLOSE,
  LODE_FS_READ,
  LODE_FS_WRITE,
  LODE_FS_SENDFILE,
  LODE_FS_STAT,
  LODE_FS_LSTAT,
  LODE_FS_FSTAT,
  LODE_FS_FTRUNCATE,
  LODE_FS_UTIME,
  LODE_FS_FUTIME,
  LODE_FS_LUTIME,
  LODE_FS_ACCESS,
  LODE_FS_CHMOD,
  LODE_FS_FCHMOD,
  LODE_FS_FSYNC,
  LODE_FS_FDATASYNC,
  LODE_FS_UNLINK,
  LODE_FS_RMDIR,
  LODE_FS_MKDIR,
  LODE_FS_MKDTEMP,
  LODE_FS_RENAME,
  LODE_FS_SCANDIR,
  LODE_FS_LINK,
  LODE_FS_SYMLINK,
  LODE_FS_READLINK,
  LODE_FS_CHOWN,
  LODE_FS_FCHOWN,
  LODE_FS_LCHOWN,
  LODE_FS_REALPATH,
  LODE_FS_COPYFILE,
  LODE_FS_OPENDIR,
  LODE_FS_READDIR,
  LODE_FS_CLOSEDIR
} lode_fs_type;

typedef struct {
  long tv_sec;
  long tv_nsec;
} lode_timespec_t;

struct lode_stat_s {
  uint64_t st_dev;
  uint64_t st_mode;
  uint64_t st_nlink;
  uint64_t st_uid;
  uint64_t st_gid;
  uint64_t st_rdev;
  uint64_t st_ino;
  uint64_t st_size;
  uint64_t st_blksize;
  uint64_t st_blocks;
  uint64_t st_flags;
  uint64_t st_gen;
  lode_timespec_t st_atim;
  lode_timespec_t st_mtim;
  lode_timespec_t st_ctim;
  lode_timespec_t st_birthtim;
};

typedef enum {
  LODE_DIRENT_UNKNOWN,
  LODE_DIRENT_FILE,
  LODE_DIRENT_DIR,
  LODE_DIRENT_LINK,
  LODE_DIRENT_FIFO,
  LODE_DIRENT_SOCKET,
  LODE_DIRENT_CHAR,
  LODE_DIRENT_BLOCK
} lode_dirent_type_t;

typedef struct lode_dirent_s {
  const char* name;
  lode_dirent_type_t type;
} lode_dirent_t;

/* Directory stream for opendir/readdir/closedir: set dirents/nentries
 * before each lode_fs_readdir; result is the number of entries filled. */
struct lode_dir_s {
  lode_dirent_t* dirents;
  size_t nentries;
  /* private */
  void* dir;
};

/* copyfile flags */
enum {
  LODE_FS_COPYFILE_EXCL = 0x0001,
  LODE_FS_COPYFILE_FICLONE = 0x0002,
  LODE_FS_COPYFILE_FICLONE_FORCE = 0x0004
};
/* symlink flags (Windows only; accepted and ignored elsewhere) */
enum { LODE_FS_SYMLINK_DIR = 0x0001, LODE_FS_SYMLINK_JUNCTION = 0x0002 };

struct lode_fs_s {
  LODE_REQ_FIELDS
  lode_fs_type fs_type;
  lode_loop_t* loop;
  lode_fs_cb cb;
  lode_ssize_t result; /* >= 0 or a negative code */
  void* ptr;           /* readlink/realpath: char*; stat: &statbuf;
                          scandir: internal; opendir: lode_dir_t* */
  const char* path;    /* owned copy, freed by lode_fs_req_cleanup */
  lode_stat_t statbuf;
  /* private */
  const char* new_path;
  lode_file_t file;
  int flags;
  unsigned int mode;
  unsigned int nbufs;
  lode_buf_t* bufs;
  int64_t off;
  lode_uid_t uid;
  lode_gid_t gid;
  double atime;
  double mtime;
  struct lode__work work_req;
  lode_buf_t bufsml[4];
  LODE__UV(uv_fs_t)
};

void lode_fs_req_cleanup(lode_fs_t* req);
lode_fs_type lode_fs_get_type(const lode_fs_t* req);
lode_ssize_t lode_fs_get_result(const lode_fs_t* req);
int lode_fs_get_system_error(const lode_fs_t* req);
void* lode_fs_get_ptr(const lode_fs_t* req);
const char* lode_fs_get_path(const lode_fs_t* req);
lode_stat_t* lode_fs_get_statbuf(lode_fs_t* req);

/* result: the new descriptor (close-on-exec). */
int lode_fs_open(lode_loop_t* loop, lode_fs_t* req, const char* path,
                 int flags, int mode, lode_fs_cb cb);
int lode_fs_close(lode_loop_t* loop, lode_fs_t* req, lode_file_t file,
                  lode_fs_cb cb);
/* offset < 0: read at the current position (read/readv); else positional
 * (pread/preadv). result: bytes read, 0 at end of file. The bufs array is
 * copied; the memory it points to must live until cb. */
int lode_fs_read(lode_loop_t* loop, lode_fs_t* req, lode_file_t file,
                 const lode_buf_t bufs[], unsigned int nbufs, int64_t offset,
                 lode_fs_cb cb);
int lode_fs_write(lode_loop_t* loop, lode_fs_t* req, lode_file_t file,
                  const lode_buf_t bufs[], unsigned int nbufs, int64_t offset,
                  lode_fs_cb cb);
int lode_fs_unlink(lode_loop_t* loop, lode_fs_t* req, const char* path,
                   lode_fs_cb cb);
int lode_fs_mkdir(lode_loop_t* loop, lode_fs_t* req, const char* path,
                  int mode, lode_fs_cb cb);
/* tpl ends in "XXXXXX"; req->path is the created directory's path. */
int lode_fs_mkdtemp(lode_loop_t* loop, lode_fs_t* req, const char* tpl,
                    lode_fs_cb cb);
int lode_fs_rmdir(lode_loop_t* loop, lode_fs_t* req, const char* path,
                  lode_fs_cb cb);
/* result: the number of entries; read them with lode_fs_scandir_next
 * (sorted by byte order of the names, "." and ".." left out) until
 * LODE_EOF. Names stay valid until lode_fs_req_cleanup(req). */
int lode_fs_scandir(lode_loop_t* loop, lode_fs_t* req, const char* path,
                    int flags, lode_fs_cb cb);
int lode_fs_scandir_next(lode_fs_t* req, lode_dirent_t* ent);
/* req->ptr is a lode_dir_t* (owned by the request until closedir). */
int lode_fs_opendir(lode_loop_t* loop, lode_fs_t* req, const char* path,
                    lode_fs_cb cb);
/* Fills dir->dirents (up to dir->nentries); result: count, 0 at the end.
 * Names stay valid until the next readdir/closedir on dir. */
int lode_fs_readdir(lode_loop_t* loop, lode_fs_t* req, lode_dir_t* dir,
                    lode_fs_cb cb);
int lode_fs_closedir(lode_loop_t* loop, lode_fs_t* req, lode_dir_t* dir,
                     lode_fs_cb cb);
/* Results in req->statbuf (and req->ptr == &req->statbuf). */
int lode_fs_stat(lode_loop_t* loop, lode_fs_t* req, const char* path,
                 lode_fs_cb cb);
int lode_fs_fstat(lode_loop_t* loop, lode_fs_t* req, lode_file_t file,
                  lode_fs_cb cb);
int lode_fs_lstat(lode_loop_t* loop, lode_fs_t* req, const char* path,
                  lode_fs_cb cb);
int lode_fs_rename(lode_loop_t* loop, lode_fs_t* req, const char* path,
                   const char* new_path, lode_fs_cb cb);
int lode_fs_fsync(lode_loop_t* loop, lode_fs_t* req, lode_file_t file,
                  lode_fs_cb cb);
int lode_fs_fdatasync(lode_loop_t* loop, lode_fs_t* req, lode_file_t file,
                      lode_fs_cb cb);
int lode_fs_ftruncate(lode_loop_t* loop, lode_fs_t* req, lode_file_t file,
                      int64_t offset, lode_fs_cb cb);
/* Copies path to new_path (flags: LODE_FS_COPYFILE_*); the destination
 * keeps the source's mode. */
int lode_fs_copyfile(lode_loop_t* loop, lode_fs_t* req, const char* path,
                     const char* new_path, int flags, lode_fs_cb cb);
/* result: bytes copied from in_fd at in_offset to out_fd. */
int lode_fs_sendfile(lode_loop_t* loop, lode_fs_t* req, lode_file_t out_fd,
                     lode_file_t in_fd, int64_t in_offset, size_t length,
                     lode_fs_cb cb);
int lode_fs_access(lode_loop_t* loop, lode_fs_t* req, const char* path,
                   int mode, lode_fs_cb cb);
int lode_fs_chmod(lode_loop_t* loop, lode_fs_t* req, const char* path,
                  int mode, lode_fs_cb cb);
int lode_fs_fchmod(lode_loop_t* loop, lode_fs_t* req, lode_file_t file,
                   int mode, lode_fs_cb cb);
/* Times in seconds since the epoch (fractions allowed). NaN leaves that
 * time unchanged; +Infinity sets it to the current time. */
int lode_fs_utime(lode_loop_t* loop, lode_fs_t* req, const char* path,
                  double atime, double mtime, lode_fs_cb cb);
int lode_fs_futime(lode_loop_t* loop, lode_fs_t* req, lode_file_t file,
                   double atime, double mtime, lode_fs_cb cb);
int lode_fs_lutime(lode_loop_t* loop, lode_fs_t* req, const char* path,
                   double atime, double mtime, lode_fs_cb cb);
int lode_fs_link(lode_loop_t* loop, lode_fs_t* req, const char* path,
                 const char* new_path, lode_fs_cb cb);
int lode_fs_symlink(lode_loop_t* loop, lode_fs_t* req, const char* path,
                    const char* new_path, int flags, lode_fs_cb cb);
/* req->ptr: the link's target (NUL-terminated, owned by the request). */
int lode_fs_readlink(lode_loop_t* loop, lode_fs_t* req, const char* path,
                     lode_fs_cb cb);
/* req->ptr: the canonical absolute path (owned by the request). */
int lode_fs_realpath(lode_loop_t* loop, lode_fs_t* req, const char* path,
                     lode_fs_cb cb);
int lode_fs_chown(lode_loop_t* loop, lode_fs_t* req, const char* path,
                  lode_uid_t uid, lode_gid_t gid, lode_fs_cb cb);
int lode_fs_fchown(lode_loop_t* loop, lode_fs_t* req, lode_file_t file,
                   lode_uid_t uid, lode_gid_t gid, lode_fs_cb cb);
int lode_fs_lchown(lode_loop_t* loop, lode_fs_t* req, const char* path,
                   lode_uid_t uid, lode_gid_t gid, lode_fs_cb cb);

/* ------------------------------------------------------------------ */
/* File system events (platform/linux/inotify.c)                       */
/* ------------------------------------------------------------------ */

/* Events passed to lode_fs_event_cb (Node's 'rename' and 'change'). On
 * Linux: IN_MODIFY and IN_ATTRIB are changes; IN_CREATE, IN_DELETE,
 * IN_MOVED_FROM/TO, IN_DELETE_SELF, IN_MOVE_SELF (and the IN_IGNORED that
 * follows the watched inode's removal) are renames, as libuv maps them. */
enum lode_fs_event { LODE_RENAME = 1, LODE_CHANGE = 2 };

/* Flags for lode_fs_event_start. */
enum lode_fs_event_flags {
  /* Watch a directory's whole tree. XXX: LODE_ENOSYS on Linux (inotify
   * watches one directory; Node's JS layer walks the tree itself). */
  LODE_FS_EVENT_RECURSIVE = 4
};

struct lode_fs_event_s {
  LODE_HANDLE_FIELDS
  char* path; /* the watched path (a copy) while started, else NULL */
  /* private */
  lode_fs_event_cb cb;
  lode__queue_t watch_queue; /* in its kernel watch's list of handles */
  void* watch;               /* that watch (platform-defined), or NULL */
  LODE__UV(uv_fs_event_t)
};

/* Initializes an fs event handle (inactive). 0. */
int lode_fs_event_init(lode_loop_t* loop, lode_fs_event_t* handle);
/* Watches path (a file or a directory; the path is copied). cb runs on the
 * loop thread for every event until stop/close. filename is the name of
 * the entry the event is about, relative to path when path is a
 * directory; for events on path itself it is path's last component (as
 * libuv and Node report it); it may be NULL on platforms that cannot
 * tell, and is valid only during the call. Events the kernel reports
 * together may arrive as one call with both bits. Several handles may
 * watch one path: they share one kernel watch and are each called.
 * flags: 0 or LODE_FS_EVENT_RECURSIVE. Returns 0, LODE_EINVAL (started
 * already, closing, bad flags), the error of the kernel watch (LODE_ENOENT,
 * LODE_ENOTDIR, LODE_EACCES, LODE_ENOSPC when the inotify watch limit is
 * reached, ...), or LODE_ENOSYS where fs events are not implemented. */
int lode_fs_event_start(lode_fs_event_t* handle, lode_fs_event_cb cb,
                        const char* path, unsigned int flags);
/* Stops watching (the last handle of a kernel watch removes it). May be
 * called from the callback. 0. */
int lode_fs_event_stop(lode_fs_event_t* handle);
/* Copies the watched path into buffer (NUL-terminated); *size in: the
 * capacity, out: the length without the NUL. LODE_ENOBUFS (with *size the
 * capacity needed, NUL included) when too small, LODE_EINVAL when the
 * handle is not started. */
int lode_fs_event_getpath(lode_fs_event_t* handle, char* buffer, size_t* size);

/* ------------------------------------------------------------------ */
/* DNS: getaddrinfo / getnameinfo on the pool's DNS lane               */
/* ------------------------------------------------------------------ */

struct lode_getaddrinfo_s {
  LODE_REQ_FIELDS
  lode_loop_t* loop;
  /* private */
  struct lode__work work_req;
  lode_getaddrinfo_cb cb;
  struct addrinfo* hints;
  char* hostname;
  char* service;
  struct addrinfo* addrinfo; /* result; free with lode_freeaddrinfo */
  int retcode;
  LODE__UV(uv_getaddrinfo_t)
};

/* With cb == NULL runs synchronously and returns the status (result in
 * req->addrinfo). Status codes are LODE_EAI_* (LODE_EAI_CANCELED after
 * lode_cancel, for getnameinfo too). The caller frees the result list
 * with lode_freeaddrinfo. */
int lode_getaddrinfo(lode_loop_t* loop, lode_getaddrinfo_t* req,
                     lode_getaddrinfo_cb cb, const char* node,
                     const char* service, const struct addrinfo* hints);
void lode_freeaddrinfo(struct addrinfo* ai);

struct lode_getnameinfo_s {
  LODE_REQ_FIELDS
  lode_loop_t* loop;
  /* private */
  struct lode__work work_req;
  lode_getnameinfo_cb getnameinfo_cb;
  struct sockaddr_storage storage;
  int flags;
  char host[NI_MAXHOST];
  char service[NI_MAXSERV];
  int retcode;
  LODE__UV(uv_getnameinfo_t)
};

int lode_getnameinfo(lode_loop_t* loop, lode_getnameinfo_t* req,
                     lode_getnameinfo_cb cb, const struct sockaddr* addr,
                     int flags);

/* ------------------------------------------------------------------ */
/* Addresses                                                           */
/* ------------------------------------------------------------------ */

/* Fill a sockaddr from text and port. 0 or LODE_EINVAL. */
int lode_ip4_addr(const char* ip, int port, struct sockaddr_in* addr);
int lode_ip6_addr(const char* ip, int port, struct sockaddr_in6* addr);
/* Text of an address into dst (size bytes). 0 or LODE_ENOSPC/EINVAL. */
int lode_ip4_name(const struct sockaddr_in* src, char* dst, size_t size);
int lode_ip6_name(const struct sockaddr_in6* src, char* dst, size_t size);
int lode_ip_name(const struct sockaddr* src, char* dst, size_t size);

/* ------------------------------------------------------------------ */
/* The process and the system (platform/unix/os.c)                     */
/* ------------------------------------------------------------------ */

/* Node's names: "linux", "darwin", "freebsd", "win32", ... */
const char* lode_os_platform(void);
/* Node's names: "x64", "arm64", "ia32", ... */
const char* lode_os_arch(void);
/* The running executable's absolute path into buffer (NUL-terminated);
 * *size in: capacity, out: length. 0 or a negative code. */
int lode_exepath(char* buffer, size_t* size);
/* Resident set size in bytes. */
int lode_resident_set_memory(size_t* rss);
/* The process title (as ps shows it, truncated by the OS). */
int lode_get_process_title(char* buffer, size_t size);
int lode_set_process_title(const char* title);

typedef struct lode_utsname_s {
  char sysname[256]; /* "Linux" */
  char release[256];
  char version[256];
  char machine[256]; /* "x86_64" */
} lode_utsname_t;

typedef struct lode_cpu_info_s {
  char* model;
  int speed; /* MHz */
  struct {
    uint64_t user, nice, sys, idle, irq; /* milliseconds */
  } cpu_times;
} lode_cpu_info_t;

typedef struct lode_interface_address_s {
  char* name;
  char phys_addr[6];
  int is_internal;
  union {
    struct sockaddr_in address4;
    struct sockaddr_in6 address6;
  } address;
  union {
    struct sockaddr_in netmask4;
    struct sockaddr_in6 netmask6;
  } netmask;
} lode_interface_address_t;

typedef struct lode_passwd_s {
  char* username;
  long uid;
  long gid;
  char* shell;
  char* homedir;
} lode_passwd_t;

int lode_os_uname(lode_utsname_t* buffer);
/* Host name into buffer; *size in: capacity, out: length. */
int lode_os_gethostname(char* buffer, size_t* size);
/* $HOME, else the password database. Same buffer convention. */
int lode_os_homedir(char* buffer, size_t* size);
/* $TMPDIR, $TMP, $TEMP or /tmp, without a trailing slash. */
int lode_os_tmpdir(char* buffer, size_t* size);
/* The CPUs; free with lode_free_cpu_info. */
int lode_cpu_info(lode_cpu_info_t** cpu_infos, int* count);
void lode_free_cpu_info(lode_cpu_info_t* cpu_infos, int count);
/* Addresses of the network interfaces; free with
 * lode_free_interface_addresses. */
int lode_interface_addresses(lode_interface_address_t** addresses, int* count);
void lode_free_interface_addresses(lode_interface_address_t* addresses,
                                   int count);
uint64_t lode_get_total_memory(void);
/* Memory available to new processes (MemAvailable on Linux), bytes. */
uint64_t lode_get_free_memory(void);
void lode_loadavg(double avg[3]);
/* Seconds since boot. */
int lode_uptime(double* uptime);
/* The current user; free with lode_os_free_passwd. */
int lode_os_get_passwd(lode_passwd_t* pwd);
void lode_os_free_passwd(lode_passwd_t* pwd);

/* ------------------------------------------------------------------ */
/* Randomness (platform/unix/random.c)                                 */
/* ------------------------------------------------------------------ */

/* Fills buf with len bytes from the OS's cryptographic generator
 * (getrandom on Linux, arc4random_buf on BSD/macOS, /dev/urandom as the
 * fallback); blocks only until the kernel's pool is first seeded. Any
 * thread. 0 or a negative code. */
int lode_random(void* buf, size_t len);

#ifdef __cplusplus
}
#endif

#endif /* LODE_LOOP_LODE_H */
