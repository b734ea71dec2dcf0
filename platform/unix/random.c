/*
 * random.c — bytes from the OS's cryptographic generator (layer:
 * platform/unix). Contract: loop/lode.h, "Randomness". crypto seeds
 * BearSSL's generators and fills randomBytes from here.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/random.h>
#endif

#include "internal.h"

#if !defined(__linux__) && !defined(__APPLE__) && !defined(__FreeBSD__) && \
    !defined(__OpenBSD__) && !defined(__NetBSD__)
static int urandom(unsigned char* p, size_t len) {
  int fd;
  do fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
  while (fd < 0 && errno == EINTR);
  if (fd < 0) return lode_translate_sys_error(errno);
  while (len > 0) {
    ssize_t n = read(fd, p, len);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      int err = n < 0 ? lode_translate_sys_error(errno) : LODE_EIO;
      close(fd);
      return err;
    }
    p += n;
    len -= (size_t) n;
  }
  close(fd);
  return 0;
}
#endif

int lode_random(void* buf, size_t len) {
  unsigned char* p = buf;
#if defined(__linux__)
  while (len > 0) {
    /* getrandom returns at most 32 MiB per call; loop on short reads. */
    ssize_t n = getrandom(p, len, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      return lode_translate_sys_error(errno);
    }
    p += n;
    len -= (size_t) n;
  }
  return 0;
#elif defined(__APPLE__) || defined(__FreeBSD__) || defined(__OpenBSD__) || \
    defined(__NetBSD__)
  arc4random_buf(p, len);
  return 0;
#else
  return urandom(p, len);
#endif
}
