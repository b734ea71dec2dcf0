/*
 * os.c — facts about the process and the system (layer: platform/unix).
 * Contract: loop/lode.h, "The process and the system".
 */
#include <stdio.h>
#include <string.h>
#if defined(__linux__)
# include <sys/prctl.h>
#endif

#include "internal.h"

const char* lode_os_platform(void) {
#if defined(__linux__)
  return "linux";
#elif defined(__APPLE__)
  return "darwin";
#elif defined(__FreeBSD__)
  return "freebsd";
#elif defined(__OpenBSD__)
  return "openbsd";
#elif defined(__NetBSD__)
  return "netbsd";
#else
  return "unknown";
#endif
}

const char* lode_os_arch(void) {
#if defined(__x86_64__)
  return "x64";
#elif defined(__aarch64__)
  return "arm64";
#elif defined(__i386__)
  return "ia32";
#elif defined(__arm__)
  return "arm";
#elif defined(__riscv) && __riscv_xlen == 64
  return "riscv64";
#else
  return "unknown";
#endif
}

int lode_exepath(char* buffer, size_t* size) {
  ssize_t n;
  if (buffer == NULL || size == NULL || *size == 0) return LODE_EINVAL;
#if defined(__linux__)
  n = readlink("/proc/self/exe", buffer, *size - 1);
  if (n == -1) return -errno;
#else
  (void) n;
  return LODE_ENOSYS; /* XXX: sysctl KERN_PROC_PATHNAME / _NSGetExecutablePath */
#endif
  buffer[n] = '\0';
  *size = (size_t) n;
  return 0;
}

int lode_resident_set_memory(size_t* rss) {
#if defined(__linux__)
  FILE* f = fopen("/proc/self/statm", "r");
  unsigned long size = 0, resident = 0;
  int ok;
  if (f == NULL) return -errno;
  ok = fscanf(f, "%lu %lu", &size, &resident) == 2;
  fclose(f);
  if (!ok) return LODE_EIO;
  *rss = (size_t) resident * (size_t) sysconf(_SC_PAGESIZE);
  return 0;
#else
  *rss = 0;
  return LODE_ENOSYS; /* XXX: getrusage-based fallback */
#endif
}

int lode_get_process_title(char* buffer, size_t size) {
#if defined(__linux__)
  char name[17] = "";
  if (size == 0) return LODE_EINVAL;
  prctl(PR_GET_NAME, name, 0, 0, 0);
  snprintf(buffer, size, "%s", name);
  return 0;
#else
  if (size == 0) return LODE_EINVAL;
  buffer[0] = '\0';
  return 0;
#endif
}

int lode_set_process_title(const char* title) {
#if defined(__linux__)
  /* XXX: only the 15-byte thread name; rewriting argv memory (what ps
   * shows in full) is not done. */
  return prctl(PR_SET_NAME, title, 0, 0, 0) == 0 ? 0 : -errno;
#else
  (void) title;
  return 0;
#endif
}
