/*
 * os.c — facts about the process and the system (layer: platform/unix).
 * Contract: loop/lode.h, "The process and the system": platform and
 * architecture names, the executable, memory, titles, and what the os
 * module reports (uname, host, users, CPUs, interfaces, load, uptime).
 */
#include <ifaddrs.h>
#include <net/if.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>
#if defined(__linux__)
# include <netpacket/packet.h>
# include <sys/prctl.h>
# include <sys/sysinfo.h>
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

/* ---- system information (os module) ---- */

static int copy_out(const char* s, char* buffer, size_t* size) {
  size_t len = strlen(s);
  if (buffer == NULL || size == NULL || *size == 0) return LODE_EINVAL;
  if (len >= *size) {
    *size = len + 1;
    return LODE_ENOBUFS;
  }
  memcpy(buffer, s, len + 1);
  *size = len;
  return 0;
}

int lode_os_uname(lode_utsname_t* buffer) {
  struct utsname u;
  if (uname(&u) == -1) return -errno;
  snprintf(buffer->sysname, sizeof(buffer->sysname), "%s", u.sysname);
  snprintf(buffer->release, sizeof(buffer->release), "%s", u.release);
  snprintf(buffer->version, sizeof(buffer->version), "%s", u.version);
  snprintf(buffer->machine, sizeof(buffer->machine), "%s", u.machine);
  return 0;
}

int lode_os_gethostname(char* buffer, size_t* size) {
  char name[256];
  if (gethostname(name, sizeof(name)) != 0) return -errno;
  name[sizeof(name) - 1] = '\0';
  return copy_out(name, buffer, size);
}

int lode_os_get_passwd(lode_passwd_t* pwd) {
  struct passwd pw, *result = NULL;
  char* buf;
  long bufsize = sysconf(_SC_GETPW_R_SIZE_MAX);
  int r;

  if (bufsize <= 0) bufsize = 4096;
  for (;;) {
    buf = lode__malloc((size_t) bufsize);
    if (buf == NULL) return LODE_ENOMEM;
    r = getpwuid_r(geteuid(), &pw, buf, (size_t) bufsize, &result);
    if (r != ERANGE) break;
    lode__free(buf);
    bufsize *= 2;
  }
  if (r != 0 || result == NULL) {
    lode__free(buf);
    return r != 0 ? -r : LODE_ENOENT;
  }
  pwd->username = lode__strdup(pw.pw_name);
  pwd->homedir = lode__strdup(pw.pw_dir);
  pwd->shell = lode__strdup(pw.pw_shell ? pw.pw_shell : "");
  pwd->uid = (long) pw.pw_uid;
  pwd->gid = (long) pw.pw_gid;
  lode__free(buf);
  if (pwd->username == NULL || pwd->homedir == NULL || pwd->shell == NULL) {
    lode_os_free_passwd(pwd);
    return LODE_ENOMEM;
  }
  return 0;
}

void lode_os_free_passwd(lode_passwd_t* pwd) {
  lode__free(pwd->username);
  lode__free(pwd->homedir);
  lode__free(pwd->shell);
  pwd->username = pwd->homedir = pwd->shell = NULL;
}

int lode_os_homedir(char* buffer, size_t* size) {
  const char* home = getenv("HOME");
  lode_passwd_t pwd;
  int r;
  if (home != NULL && *home != '\0') return copy_out(home, buffer, size);
  r = lode_os_get_passwd(&pwd);
  if (r != 0) return r;
  r = copy_out(pwd.homedir, buffer, size);
  lode_os_free_passwd(&pwd);
  return r;
}

int lode_os_tmpdir(char* buffer, size_t* size) {
  static const char* vars[] = {"TMPDIR", "TMP", "TEMP", "TEMPDIR"};
  char tmp[4096];
  const char* dir = NULL;
  size_t i, len;
  for (i = 0; i < sizeof(vars) / sizeof(vars[0]) && dir == NULL; i++) {
    dir = getenv(vars[i]);
    if (dir != NULL && *dir == '\0') dir = NULL;
  }
  if (dir == NULL) dir = "/tmp";
  snprintf(tmp, sizeof(tmp), "%s", dir);
  len = strlen(tmp);
  if (len > 1 && tmp[len - 1] == '/') tmp[len - 1] = '\0';
  return copy_out(tmp, buffer, size);
}

uint64_t lode_get_total_memory(void) {
#if defined(__linux__)
  struct sysinfo info;
  if (sysinfo(&info) == 0) return (uint64_t) info.totalram * info.mem_unit;
#endif
  return (uint64_t) sysconf(_SC_PHYS_PAGES) * (uint64_t) sysconf(_SC_PAGESIZE);
}

uint64_t lode_get_free_memory(void) {
#if defined(__linux__)
  FILE* f = fopen("/proc/meminfo", "r");
  char line[256];
  unsigned long long kb;
  if (f != NULL) {
    while (fgets(line, sizeof(line), f) != NULL) {
      if (sscanf(line, "MemAvailable: %llu kB", &kb) == 1) {
        fclose(f);
        return (uint64_t) kb * 1024;
      }
    }
    fclose(f);
  }
#endif
  return (uint64_t) sysconf(_SC_AVPHYS_PAGES) * (uint64_t) sysconf(_SC_PAGESIZE);
}

void lode_loadavg(double avg[3]) {
  if (getloadavg(avg, 3) != 3) avg[0] = avg[1] = avg[2] = 0;
}

int lode_uptime(double* uptime) {
#if defined(__linux__)
  struct timespec ts;
  if (clock_gettime(CLOCK_BOOTTIME, &ts) != 0) return -errno;
  *uptime = (double) ts.tv_sec + (double) ts.tv_nsec / 1e9;
  return 0;
#else
  *uptime = 0;
  return LODE_ENOSYS; /* XXX: sysctl KERN_BOOTTIME */
#endif
}

int lode_cpu_info(lode_cpu_info_t** cpu_infos, int* count) {
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  lode_cpu_info_t* ci;
  int i;
#if defined(__linux__)
  FILE* f;
  char line[1024];
  int idx;
  double mhz;
  long ticks = sysconf(_SC_CLK_TCK);
#endif

  if (n <= 0) n = 1;
  ci = lode__calloc((size_t) n, sizeof(*ci));
  if (ci == NULL) return LODE_ENOMEM;
#if defined(__linux__)
  /* Models and speeds from /proc/cpuinfo, in processor order. */
  f = fopen("/proc/cpuinfo", "r");
  idx = -1;
  if (f != NULL) {
    while (fgets(line, sizeof(line), f) != NULL) {
      char* colon = strchr(line, ':');
      char* v;
      size_t len;
      if (colon == NULL) continue;
      v = colon + 1;
      while (*v == ' ' || *v == '\t') v++;
      len = strlen(v);
      if (len > 0 && v[len - 1] == '\n') v[--len] = '\0';
      if (strncmp(line, "processor", 9) == 0) {
        idx++;
      } else if (idx >= 0 && idx < n && strncmp(line, "model name", 10) == 0) {
        if (ci[idx].model == NULL) ci[idx].model = lode__strdup(v);
      } else if (idx >= 0 && idx < n && strncmp(line, "cpu MHz", 7) == 0) {
        mhz = atof(v);
        ci[idx].speed = (int) mhz;
      }
    }
    fclose(f);
  }
  /* Times from /proc/stat, in clock ticks, as milliseconds. */
  f = fopen("/proc/stat", "r");
  if (f != NULL) {
    while (fgets(line, sizeof(line), f) != NULL) {
      unsigned long long user, nice, sys, idle, iowait, irq;
      if (strncmp(line, "cpu", 3) != 0 || line[3] < '0' || line[3] > '9') continue;
      if (sscanf(line + 3, "%d %llu %llu %llu %llu %llu %llu", &idx, &user, &nice,
                 &sys, &idle, &iowait, &irq) != 7 || idx < 0 || idx >= n)
        continue;
      ci[idx].cpu_times.user = user * 1000 / (unsigned long long) ticks;
      ci[idx].cpu_times.nice = nice * 1000 / (unsigned long long) ticks;
      ci[idx].cpu_times.sys = sys * 1000 / (unsigned long long) ticks;
      ci[idx].cpu_times.idle = idle * 1000 / (unsigned long long) ticks;
      ci[idx].cpu_times.irq = irq * 1000 / (unsigned long long) ticks;
    }
    fclose(f);
  }
#endif
  for (i = 0; i < n; i++) {
    if (ci[i].model == NULL) ci[i].model = lode__strdup("unknown");
    if (ci[i].model == NULL) {
      lode_free_cpu_info(ci, (int) n);
      return LODE_ENOMEM;
    }
  }
  *cpu_infos = ci;
  *count = (int) n;
  return 0;
}

void lode_free_cpu_info(lode_cpu_info_t* cpu_infos, int count) {
  int i;
  for (i = 0; i < count; i++) lode__free(cpu_infos[i].model);
  lode__free(cpu_infos);
}

int lode_interface_addresses(lode_interface_address_t** addresses, int* count) {
  struct ifaddrs *addrs, *ent;
  lode_interface_address_t* out;
  int n = 0, i;

  *addresses = NULL;
  *count = 0;
  if (getifaddrs(&addrs) != 0) return -errno;
  for (ent = addrs; ent != NULL; ent = ent->ifa_next) {
    if (!(ent->ifa_flags & IFF_UP) || ent->ifa_addr == NULL) continue;
    if (ent->ifa_addr->sa_family != AF_INET && ent->ifa_addr->sa_family != AF_INET6) continue;
    n++;
  }
  if (n == 0) {
    freeifaddrs(addrs);
    return 0;
  }
  out = lode__calloc((size_t) n, sizeof(*out));
  if (out == NULL) {
    freeifaddrs(addrs);
    return LODE_ENOMEM;
  }
  i = 0;
  for (ent = addrs; ent != NULL; ent = ent->ifa_next) {
    if (!(ent->ifa_flags & IFF_UP) || ent->ifa_addr == NULL) continue;
    if (ent->ifa_addr->sa_family != AF_INET && ent->ifa_addr->sa_family != AF_INET6) continue;
    out[i].name = lode__strdup(ent->ifa_name);
    if (ent->ifa_addr->sa_family == AF_INET6)
      out[i].address.address6 = *(struct sockaddr_in6*) ent->ifa_addr;
    else
      out[i].address.address4 = *(struct sockaddr_in*) ent->ifa_addr;
    if (ent->ifa_netmask != NULL) {
      if (ent->ifa_netmask->sa_family == AF_INET6)
        out[i].netmask.netmask6 = *(struct sockaddr_in6*) ent->ifa_netmask;
      else
        out[i].netmask.netmask4 = *(struct sockaddr_in*) ent->ifa_netmask;
    }
    out[i].is_internal = !!(ent->ifa_flags & IFF_LOOPBACK);
    i++;
  }
#if defined(__linux__)
  /* Hardware addresses come as separate AF_PACKET entries. */
  for (ent = addrs; ent != NULL; ent = ent->ifa_next) {
    struct sockaddr_ll* ll;
    int j;
    if (ent->ifa_addr == NULL || ent->ifa_addr->sa_family != AF_PACKET) continue;
    ll = (struct sockaddr_ll*) ent->ifa_addr;
    for (j = 0; j < n; j++)
      if (out[j].name != NULL && strcmp(out[j].name, ent->ifa_name) == 0)
        memcpy(out[j].phys_addr, ll->sll_addr, sizeof(out[j].phys_addr));
  }
#endif
  freeifaddrs(addrs);
  for (i = 0; i < n; i++) {
    if (out[i].name == NULL) {
      lode_free_interface_addresses(out, n);
      return LODE_ENOMEM;
    }
  }
  *addresses = out;
  *count = n;
  return 0;
}

void lode_free_interface_addresses(lode_interface_address_t* addresses,
                                   int count) {
  int i;
  for (i = 0; i < count; i++) lode__free(addresses[i].name);
  lode__free(addresses);
}
