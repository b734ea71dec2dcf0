/*
 * tty.c — TTY handles and stdio streams (layer: platform/unix).
 * Contract: loop/lode.h, "TTYs and stdio". A terminal is reopened through
 * its device path so that O_NONBLOCK lands on a private open file
 * description instead of one shared with the shell and sibling processes;
 * when that is impossible the original descriptor is kept blocking and
 * writes block. Non-terminal stdio (pipes, sockets, files) is wrapped as a
 * stream too; regular files and character devices cannot be polled, so
 * their writes block and their reads are fed to the pending phase.
 * lode_tty_reset_mode restores the first saved terminal mode and is
 * async-signal-safe (a spinlock, no allocation).
 */
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <termios.h>

#include "internal.h"

/* The mode to restore at exit: saved by the first set_mode away from
 * normal, guarded by a spinlock so lode_tty_reset_mode can run from a
 * signal handler (it gives up with EBUSY rather than wait). */
static int orig_termios_fd = -1;
static struct termios orig_termios;
static int termios_spinlock;

static int termios_trylock(void) {
  return __atomic_exchange_n(&termios_spinlock, 1, __ATOMIC_ACQUIRE) == 0;
}

static void termios_lock(void) {
  while (!termios_trylock()) {
  }
}

static void termios_unlock(void) {
  __atomic_store_n(&termios_spinlock, 0, __ATOMIC_RELEASE);
}

/* Non-zero for the slave side of a pseudo-terminal (or a real terminal):
 * reopening a master by name would allocate a new pair instead. */
static int tty_is_slave(int fd) {
#if defined(TIOCGPTN)
  int dummy;
  return ioctl(fd, TIOCGPTN, &dummy) != 0;
#else
  return ptsname(fd) == NULL;
#endif
}

lode_handle_type lode_guess_handle(lode_file_t fd) {
  struct sockaddr_storage ss;
  socklen_t len;
  struct stat st;
  int type;

  if (fd < 0) return LODE_UNKNOWN_HANDLE;
  if (isatty(fd)) return LODE_TTY;
  if (fstat(fd, &st) != 0) return LODE_UNKNOWN_HANDLE;
  if (S_ISREG(st.st_mode) || S_ISCHR(st.st_mode)) return LODE_FILE;
  if (S_ISFIFO(st.st_mode)) return LODE_NAMED_PIPE;
  if (!S_ISSOCK(st.st_mode)) return LODE_UNKNOWN_HANDLE;

  len = sizeof(type);
  if (getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len) != 0)
    return LODE_UNKNOWN_HANDLE;
  len = sizeof(ss);
  memset(&ss, 0, sizeof(ss));
  if (getsockname(fd, (struct sockaddr*) &ss, &len) != 0)
    return LODE_UNKNOWN_HANDLE;
  if (type == SOCK_STREAM) {
    if (ss.ss_family == AF_UNIX) return LODE_NAMED_PIPE;
    if (ss.ss_family == AF_INET || ss.ss_family == AF_INET6) return LODE_TCP;
  } else if (type == SOCK_DGRAM) {
    if (ss.ss_family == AF_INET || ss.ss_family == AF_INET6) return LODE_UDP;
  }
  return LODE_UNKNOWN_HANDLE;
}

int lode_tty_init(lode_loop_t* loop, lode_tty_t* tty, lode_file_t fd,
                  int unused) {
  char path[256];
  lode_handle_type type;
  int mode;
  int flags = 0;
  int newfd = -1;
  int err;

  (void) unused;
  type = lode_guess_handle(fd);
  if (type == LODE_UNKNOWN_HANDLE || type == LODE_UDP) return LODE_EINVAL;
  do
    mode = fcntl(fd, F_GETFL);
  while (mode == -1 && errno == EINTR);
  if (mode == -1) return -errno;
  mode &= O_ACCMODE;

  if (type == LODE_TTY) {
    if (tty_is_slave(fd) && ttyname_r(fd, path, sizeof(path)) == 0) {
      do
        newfd = open(path, mode | O_NOCTTY | O_CLOEXEC);
      while (newfd == -1 && errno == EINTR);
    }
    if (newfd == -1) {
      /* Cannot get a private description: leave the descriptor blocking
       * rather than flip O_NONBLOCK under other processes. */
      if (mode != O_RDONLY) flags |= LODE_HANDLE_BLOCKING_WRITES;
    } else {
      fd = newfd;
    }
  } else if (type == LODE_FILE) {
    flags |= LODE_HANDLE_BLOCKING_WRITES | LODE__HANDLE_STREAM_FILE;
  }

  if (!(flags & LODE_HANDLE_BLOCKING_WRITES)) {
    /* XXX: for a pipe or socket inherited from the parent, O_NONBLOCK is
     * shared with whoever else holds the description (as in Node). */
    err = lode__nonblock(fd, 1);
    if (err != 0) {
      if (newfd != -1) lode__close(newfd);
      return err;
    }
  }
  if (mode != O_WRONLY) flags |= LODE_HANDLE_READABLE;
  if (mode != O_RDONLY) flags |= LODE_HANDLE_WRITABLE;

  lode__stream_init(loop, (lode_stream_t*) tty, LODE_TTY);
  tty->mode = LODE_TTY_MODE_NORMAL;
  memset(&tty->orig_termios, 0, sizeof(tty->orig_termios));
  err = lode__stream_open((lode_stream_t*) tty, fd, flags);
  assert(err == 0);
  return 0;
}

int lode_tty_set_mode(lode_tty_t* tty, lode_tty_mode_t mode) {
  struct termios tmp;
  int fd = tty->io_watcher.fd;
  int r;

  if (fd < 0) return LODE_EBADF;
  if ((int) mode == tty->mode) return 0;
  if (mode != LODE_TTY_MODE_NORMAL && mode != LODE_TTY_MODE_RAW &&
      mode != LODE_TTY_MODE_IO)
    return LODE_EINVAL;

  if (tty->mode == LODE_TTY_MODE_NORMAL) {
    do
      r = tcgetattr(fd, &tty->orig_termios);
    while (r != 0 && errno == EINTR);
    if (r != 0) return -errno;
    termios_lock();
    if (orig_termios_fd == -1) {
      orig_termios = tty->orig_termios;
      orig_termios_fd = fd;
    }
    termios_unlock();
  }

  tmp = tty->orig_termios;
  switch (mode) {
    case LODE_TTY_MODE_NORMAL:
      break;
    case LODE_TTY_MODE_RAW:
      /* Keystrokes as they come, no echo, no signals from ^C; output
       * still turns \n into \r\n. */
      tmp.c_iflag &= ~(BRKINT | ICRNL | INPCK | ISTRIP | IXON);
      tmp.c_oflag |= ONLCR;
      tmp.c_cflag |= CS8;
      tmp.c_lflag &= ~(ECHO | ICANON | IEXTEN | ISIG);
      tmp.c_cc[VMIN] = 1;
      tmp.c_cc[VTIME] = 0;
      break;
    case LODE_TTY_MODE_IO:
      cfmakeraw(&tmp);
      break;
  }
  do
    r = tcsetattr(fd, TCSADRAIN, &tmp);
  while (r != 0 && errno == EINTR);
  if (r != 0) return -errno;
  tty->mode = (int) mode;
  return 0;
}

int lode_tty_reset_mode(void) {
  int saved_errno = errno;
  int err = 0;

  if (!termios_trylock()) return LODE_EBUSY;
  if (orig_termios_fd != -1 &&
      tcsetattr(orig_termios_fd, TCSANOW, &orig_termios) != 0)
    err = -errno;
  termios_unlock();
  errno = saved_errno;
  return err;
}

int lode_tty_get_winsize(lode_tty_t* tty, int* width, int* height) {
  struct winsize ws;
  int r;

  if (tty->io_watcher.fd < 0) return LODE_EBADF;
  do
    r = ioctl(tty->io_watcher.fd, TIOCGWINSZ, &ws);
  while (r != 0 && errno == EINTR);
  if (r != 0) return -errno;
  *width = ws.ws_col;
  *height = ws.ws_row;
  return 0;
}

void lode__tty_close(lode_tty_t* tty) {
  int fd = tty->io_watcher.fd;

  if (fd != -1) {
    /* A terminal left raw by a closed handle would stay raw. */
    if (tty->mode != LODE_TTY_MODE_NORMAL)
      tcsetattr(fd, TCSANOW, &tty->orig_termios);
    termios_lock();
    if (orig_termios_fd == fd) orig_termios_fd = -1;
    termios_unlock();
  }
  lode__stream_close((lode_stream_t*) tty);
}
