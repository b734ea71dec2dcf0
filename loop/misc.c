/*
 * misc.c — the allocator, error names and messages, buffers and address
 * text (layer: loop/). Contract: loop/lode.h, "Error codes", "Addresses",
 * lode_replace_allocator.
 *
 * Error names and messages come from the one list LODE_ERRNO_MAP.
 */
#include <string.h>

#include "internal.h"

/* ---- allocator ---- */

static struct {
  lode_malloc_func malloc_fn;
  lode_realloc_func realloc_fn;
  lode_calloc_func calloc_fn;
  lode_free_func free_fn;
} allocator = {malloc, realloc, calloc, free};

int lode_replace_allocator(lode_malloc_func malloc_func,
                           lode_realloc_func realloc_func,
                           lode_calloc_func calloc_func,
                           lode_free_func free_func) {
  if (malloc_func == NULL || realloc_func == NULL || calloc_func == NULL ||
      free_func == NULL)
    return LODE_EINVAL;
  allocator.malloc_fn = malloc_func;
  allocator.realloc_fn = realloc_func;
  allocator.calloc_fn = calloc_func;
  allocator.free_fn = free_func;
  return 0;
}

void* lode__malloc(size_t size) {
  return size > 0 ? allocator.malloc_fn(size) : NULL;
}

void* lode__calloc(size_t count, size_t size) {
  return allocator.calloc_fn(count, size);
}

/* realloc(p, 0) frees, as in libuv, and returns NULL. */
void* lode__realloc(void* ptr, size_t size) {
  if (size > 0) return allocator.realloc_fn(ptr, size);
  lode__free(ptr);
  return NULL;
}

/* free() keeps errno, so callers can free on an error path and still
 * report the error. */
void lode__free(void* ptr) {
  int saved = errno;
  allocator.free_fn(ptr);
  errno = saved;
}

char* lode__strndup(const char* s, size_t n) {
  size_t len = strlen(s);
  char* m;
  if (n < len) len = n;
  m = lode__malloc(len + 1);
  if (m == NULL) return NULL;
  memcpy(m, s, len);
  m[len] = '\0';
  return m;
}

char* lode__strdup(const char* s) {
  return lode__strndup(s, strlen(s));
}

/* ---- errors ---- */

static char unknown_err_buf[64];

static const char* unknown_err(int err) {
  snprintf(unknown_err_buf, sizeof(unknown_err_buf),
           "Unknown system error %d", err);
  return unknown_err_buf;
}

const char* lode_err_name(int err) {
  switch (err) {
#define LODE__ERR_NAME(name, msg)                                             \
  case LODE_##name:                                                           \
    return #name;
    LODE_ERRNO_MAP(LODE__ERR_NAME)
#undef LODE__ERR_NAME
    default:
      return unknown_err(err);
  }
}

const char* lode_strerror(int err) {
  switch (err) {
#define LODE__ERR_MSG(name, msg)                                              \
  case LODE_##name:                                                           \
    return msg;
    LODE_ERRNO_MAP(LODE__ERR_MSG)
#undef LODE__ERR_MSG
    default:
      return unknown_err(err);
  }
}

int lode_translate_sys_error(int sys_errno) {
  return sys_errno <= 0 ? sys_errno : -sys_errno;
}

/* ---- buffers, handle/request sizes ---- */

lode_buf_t lode_buf_init(char* base, unsigned int len) {
  lode_buf_t buf;
  buf.base = base;
  buf.len = len;
  return buf;
}

size_t lode_handle_size(lode_handle_type type) {
  switch (type) {
    case LODE_ASYNC: return sizeof(lode_async_t);
    case LODE_CHECK: return sizeof(lode_check_t);
    case LODE_IDLE: return sizeof(lode_idle_t);
    case LODE_NAMED_PIPE: return sizeof(lode_pipe_t);
    case LODE_PREPARE: return sizeof(lode_prepare_t);
    case LODE_PROCESS: return sizeof(lode_process_t);
    case LODE_SIGNAL: return sizeof(lode_signal_t);
    case LODE_TCP: return sizeof(lode_tcp_t);
    case LODE_TIMER: return sizeof(lode_timer_t);
    case LODE_TTY: return sizeof(lode_tty_t);
    case LODE_UDP: return sizeof(lode_udp_t);
    case LODE_FS_EVENT: return sizeof(lode_fs_event_t);
    default: return 0;
  }
}

size_t lode_req_size(lode_req_type type) {
  switch (type) {
    case LODE_REQ: return sizeof(lode_req_t);
    case LODE_CONNECT: return sizeof(lode_connect_t);
    case LODE_WRITE: return sizeof(lode_write_t);
    case LODE_SHUTDOWN: return sizeof(lode_shutdown_t);
    case LODE_UDP_SEND: return sizeof(lode_udp_send_t);
    case LODE_FS: return sizeof(lode_fs_t);
    case LODE_WORK: return sizeof(lode_work_t);
    case LODE_GETADDRINFO: return sizeof(lode_getaddrinfo_t);
    case LODE_GETNAMEINFO: return sizeof(lode_getnameinfo_t);
    default: return 0;
  }
}

const char* lode_handle_type_name(lode_handle_type type) {
  switch (type) {
    case LODE_ASYNC: return "async";
    case LODE_CHECK: return "check";
    case LODE_IDLE: return "idle";
    case LODE_NAMED_PIPE: return "pipe";
    case LODE_PREPARE: return "prepare";
    case LODE_PROCESS: return "process";
    case LODE_SIGNAL: return "signal";
    case LODE_TCP: return "tcp";
    case LODE_TIMER: return "timer";
    case LODE_TTY: return "tty";
    case LODE_UDP: return "udp";
    case LODE_FILE: return "file";
    case LODE_FS_EVENT: return "fs_event";
    default: return "unknown";
  }
}

/* ---- addresses ---- */

int lode_ip4_addr(const char* ip, int port, struct sockaddr_in* addr) {
  memset(addr, 0, sizeof(*addr));
  addr->sin_family = AF_INET;
  addr->sin_port = htons((uint16_t) port);
  if (ip == NULL || port < 0 || port > 65535) return LODE_EINVAL;
  return inet_pton(AF_INET, ip, &addr->sin_addr) == 1 ? 0 : LODE_EINVAL;
}

/* Accepts a scope suffix ("fe80::1%lo") by interface name or number. */
int lode_ip6_addr(const char* ip, int port, struct sockaddr_in6* addr) {
  char buf[64];
  const char* pct;

  memset(addr, 0, sizeof(*addr));
  addr->sin6_family = AF_INET6;
  addr->sin6_port = htons((uint16_t) port);
  if (ip == NULL || port < 0 || port > 65535) return LODE_EINVAL;
  pct = strchr(ip, '%');
  if (pct != NULL) {
    size_t n = (size_t) (pct - ip);
    if (n >= sizeof(buf)) return LODE_EINVAL;
    memcpy(buf, ip, n);
    buf[n] = '\0';
    addr->sin6_scope_id = (uint32_t) strtoul(pct + 1, NULL, 10);
    ip = buf;
  }
  return inet_pton(AF_INET6, ip, &addr->sin6_addr) == 1 ? 0 : LODE_EINVAL;
}

int lode_ip4_name(const struct sockaddr_in* src, char* dst, size_t size) {
  if (inet_ntop(AF_INET, &src->sin_addr, dst, (socklen_t) size) == NULL)
    return LODE_ENOSPC;
  return 0;
}

int lode_ip6_name(const struct sockaddr_in6* src, char* dst, size_t size) {
  if (inet_ntop(AF_INET6, &src->sin6_addr, dst, (socklen_t) size) == NULL)
    return LODE_ENOSPC;
  return 0;
}

int lode_ip_name(const struct sockaddr* src, char* dst, size_t size) {
  switch (src->sa_family) {
    case AF_INET: return lode_ip4_name((const struct sockaddr_in*) src, dst, size);
    case AF_INET6: return lode_ip6_name((const struct sockaddr_in6*) src, dst, size);
    default: return LODE_EAFNOSUPPORT;
  }
}
