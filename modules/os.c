/*
 * os.c — internalBinding('os'): the system facts behind the os module
 * (layer: modules/), from the loop library's lode_os_* calls.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "engine.h"

static duk_ret_t os_uname(duk_context* ctx) {
  lode_utsname_t u;
  int r = lode_os_uname(&u);
  if (r != 0) return lode_js_throw_error(ctx, r, "uv_os_uname", NULL, NULL);
  duk_push_object(ctx);
  duk_push_string(ctx, u.sysname);
  lode_put_lit(ctx, -2, "sysname");
  duk_push_string(ctx, u.release);
  lode_put_lit(ctx, -2, "release");
  duk_push_string(ctx, u.version);
  lode_put_lit(ctx, -2, "version");
  duk_push_string(ctx, u.machine);
  lode_put_lit(ctx, -2, "machine");
  return 1;
}

typedef int (*string_getter)(char* buffer, size_t* size);

static duk_ret_t push_string_from(duk_context* ctx, string_getter fn,
                                  const char* syscall) {
  char buf[4096];
  size_t size = sizeof(buf);
  int r = fn(buf, &size);
  if (r != 0) return lode_js_throw_error(ctx, r, syscall, NULL, NULL);
  duk_push_lstring(ctx, buf, size);
  return 1;
}

static duk_ret_t os_hostname(duk_context* ctx) {
  return push_string_from(ctx, lode_os_gethostname, "uv_os_gethostname");
}

static duk_ret_t os_homedir(duk_context* ctx) {
  return push_string_from(ctx, lode_os_homedir, "uv_os_homedir");
}

static duk_ret_t os_tmpdir(duk_context* ctx) {
  return push_string_from(ctx, lode_os_tmpdir, "uv_os_tmpdir");
}

static duk_ret_t os_user_info(duk_context* ctx) {
  lode_passwd_t pwd;
  int r = lode_os_get_passwd(&pwd);
  if (r != 0) return lode_js_throw_error(ctx, r, "uv_os_get_passwd", NULL, NULL);
  duk_push_object(ctx);
  duk_push_number(ctx, (double) pwd.uid);
  lode_put_lit(ctx, -2, "uid");
  duk_push_number(ctx, (double) pwd.gid);
  lode_put_lit(ctx, -2, "gid");
  duk_push_string(ctx, pwd.username);
  lode_put_lit(ctx, -2, "username");
  duk_push_string(ctx, pwd.homedir);
  lode_put_lit(ctx, -2, "homedir");
  duk_push_string(ctx, pwd.shell);
  lode_put_lit(ctx, -2, "shell");
  lode_os_free_passwd(&pwd);
  return 1;
}

static duk_ret_t os_cpus(duk_context* ctx) {
  lode_cpu_info_t* ci;
  int n, i, r = lode_cpu_info(&ci, &n);
  if (r != 0) return lode_js_throw_error(ctx, r, "uv_cpu_info", NULL, NULL);
  duk_push_array(ctx);
  for (i = 0; i < n; i++) {
    duk_push_object(ctx);
    duk_push_string(ctx, ci[i].model);
    lode_put_lit(ctx, -2, "model");
    duk_push_int(ctx, ci[i].speed);
    lode_put_lit(ctx, -2, "speed");
    duk_push_object(ctx);
    duk_push_number(ctx, (double) ci[i].cpu_times.user);
    lode_put_lit(ctx, -2, "user");
    duk_push_number(ctx, (double) ci[i].cpu_times.nice);
    lode_put_lit(ctx, -2, "nice");
    duk_push_number(ctx, (double) ci[i].cpu_times.sys);
    lode_put_lit(ctx, -2, "sys");
    duk_push_number(ctx, (double) ci[i].cpu_times.idle);
    lode_put_lit(ctx, -2, "idle");
    duk_push_number(ctx, (double) ci[i].cpu_times.irq);
    lode_put_lit(ctx, -2, "irq");
    lode_put_lit(ctx, -2, "times");
    lode_duk_put_index(ctx, -2, (duk_uarridx_t) i);
  }
  lode_free_cpu_info(ci, n);
  return 1;
}

static duk_ret_t os_memory(duk_context* ctx) {
  duk_push_object(ctx);
  duk_push_number(ctx, (double) lode_get_total_memory());
  lode_put_lit(ctx, -2, "total");
  duk_push_number(ctx, (double) lode_get_free_memory());
  lode_put_lit(ctx, -2, "free");
  return 1;
}

static duk_ret_t os_loadavg(duk_context* ctx) {
  double avg[3];
  int i;
  lode_loadavg(avg);
  duk_push_array(ctx);
  for (i = 0; i < 3; i++) {
    duk_push_number(ctx, avg[i]);
    lode_duk_put_index(ctx, -2, (duk_uarridx_t) i);
  }
  return 1;
}

static duk_ret_t os_uptime(duk_context* ctx) {
  double up = 0;
  lode_uptime(&up);
  duk_push_number(ctx, up);
  return 1;
}

/* [{name, address, netmask, family, mac, internal, scopeid}] */
static duk_ret_t os_interfaces(duk_context* ctx) {
  lode_interface_address_t* a;
  int n, i, r = lode_interface_addresses(&a, &n);
  char buf[64];
  if (r != 0) return lode_js_throw_error(ctx, r, "uv_interface_addresses", NULL, NULL);
  duk_push_array(ctx);
  for (i = 0; i < n; i++) {
    int v6 = a[i].address.address4.sin_family == AF_INET6;
    const unsigned char* m = (const unsigned char*) a[i].phys_addr;
    duk_push_object(ctx);
    duk_push_string(ctx, a[i].name);
    lode_put_lit(ctx, -2, "name");
    lode_ip_name((const struct sockaddr*) &a[i].address, buf, sizeof(buf));
    duk_push_string(ctx, buf);
    lode_put_lit(ctx, -2, "address");
    if (v6)
      lode_ip6_name(&a[i].netmask.netmask6, buf, sizeof(buf));
    else
      lode_ip4_name(&a[i].netmask.netmask4, buf, sizeof(buf));
    duk_push_string(ctx, buf);
    lode_put_lit(ctx, -2, "netmask");
    duk_push_string(ctx, v6 ? "IPv6" : "IPv4");
    lode_put_lit(ctx, -2, "family");
    snprintf(buf, sizeof(buf), "%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1], m[2],
             m[3], m[4], m[5]);
    duk_push_string(ctx, buf);
    lode_put_lit(ctx, -2, "mac");
    duk_push_boolean(ctx, a[i].is_internal);
    lode_put_lit(ctx, -2, "internal");
    if (v6) {
      duk_push_uint(ctx, a[i].address.address6.sin6_scope_id);
      lode_put_lit(ctx, -2, "scopeid");
    }
    lode_duk_put_index(ctx, -2, (duk_uarridx_t) i);
  }
  lode_free_interface_addresses(a, n);
  return 1;
}

/* The errno constants Node lists in os.constants.errno (the ones this
 * system defines), as positive numbers. */
static duk_ret_t os_errno_constants(duk_context* ctx) {
  static const struct {
    const char* name;
    int value;
  } table[] = {
#ifdef E2BIG
    {"E2BIG", E2BIG},
#endif
#ifdef EACCES
    {"EACCES", EACCES},
#endif
#ifdef EADDRINUSE
    {"EADDRINUSE", EADDRINUSE},
#endif
#ifdef EADDRNOTAVAIL
    {"EADDRNOTAVAIL", EADDRNOTAVAIL},
#endif
#ifdef EAFNOSUPPORT
    {"EAFNOSUPPORT", EAFNOSUPPORT},
#endif
#ifdef EAGAIN
    {"EAGAIN", EAGAIN},
#endif
#ifdef EALREADY
    {"EALREADY", EALREADY},
#endif
#ifdef EBADF
    {"EBADF", EBADF},
#endif
#ifdef EBADMSG
    {"EBADMSG", EBADMSG},
#endif
#ifdef EBUSY
    {"EBUSY", EBUSY},
#endif
#ifdef ECANCELED
    {"ECANCELED", ECANCELED},
#endif
#ifdef ECHILD
    {"ECHILD", ECHILD},
#endif
#ifdef ECONNABORTED
    {"ECONNABORTED", ECONNABORTED},
#endif
#ifdef ECONNREFUSED
    {"ECONNREFUSED", ECONNREFUSED},
#endif
#ifdef ECONNRESET
    {"ECONNRESET", ECONNRESET},
#endif
#ifdef EDEADLK
    {"EDEADLK", EDEADLK},
#endif
#ifdef EDESTADDRREQ
    {"EDESTADDRREQ", EDESTADDRREQ},
#endif
#ifdef EDOM
    {"EDOM", EDOM},
#endif
#ifdef EDQUOT
    {"EDQUOT", EDQUOT},
#endif
#ifdef EEXIST
    {"EEXIST", EEXIST},
#endif
#ifdef EFAULT
    {"EFAULT", EFAULT},
#endif
#ifdef EFBIG
    {"EFBIG", EFBIG},
#endif
#ifdef EHOSTUNREACH
    {"EHOSTUNREACH", EHOSTUNREACH},
#endif
#ifdef EIDRM
    {"EIDRM", EIDRM},
#endif
#ifdef EILSEQ
    {"EILSEQ", EILSEQ},
#endif
#ifdef EINPROGRESS
    {"EINPROGRESS", EINPROGRESS},
#endif
#ifdef EINTR
    {"EINTR", EINTR},
#endif
#ifdef EINVAL
    {"EINVAL", EINVAL},
#endif
#ifdef EIO
    {"EIO", EIO},
#endif
#ifdef EISCONN
    {"EISCONN", EISCONN},
#endif
#ifdef EISDIR
    {"EISDIR", EISDIR},
#endif
#ifdef ELOOP
    {"ELOOP", ELOOP},
#endif
#ifdef EMFILE
    {"EMFILE", EMFILE},
#endif
#ifdef EMLINK
    {"EMLINK", EMLINK},
#endif
#ifdef EMSGSIZE
    {"EMSGSIZE", EMSGSIZE},
#endif
#ifdef EMULTIHOP
    {"EMULTIHOP", EMULTIHOP},
#endif
#ifdef ENAMETOOLONG
    {"ENAMETOOLONG", ENAMETOOLONG},
#endif
#ifdef ENETDOWN
    {"ENETDOWN", ENETDOWN},
#endif
#ifdef ENETRESET
    {"ENETRESET", ENETRESET},
#endif
#ifdef ENETUNREACH
    {"ENETUNREACH", ENETUNREACH},
#endif
#ifdef ENFILE
    {"ENFILE", ENFILE},
#endif
#ifdef ENOBUFS
    {"ENOBUFS", ENOBUFS},
#endif
#ifdef ENODATA
    {"ENODATA", ENODATA},
#endif
#ifdef ENODEV
    {"ENODEV", ENODEV},
#endif
#ifdef ENOENT
    {"ENOENT", ENOENT},
#endif
#ifdef ENOEXEC
    {"ENOEXEC", ENOEXEC},
#endif
#ifdef ENOLCK
    {"ENOLCK", ENOLCK},
#endif
#ifdef ENOLINK
    {"ENOLINK", ENOLINK},
#endif
#ifdef ENOMEM
    {"ENOMEM", ENOMEM},
#endif
#ifdef ENOMSG
    {"ENOMSG", ENOMSG},
#endif
#ifdef ENOPROTOOPT
    {"ENOPROTOOPT", ENOPROTOOPT},
#endif
#ifdef ENOSPC
    {"ENOSPC", ENOSPC},
#endif
#ifdef ENOSR
    {"ENOSR", ENOSR},
#endif
#ifdef ENOSTR
    {"ENOSTR", ENOSTR},
#endif
#ifdef ENOSYS
    {"ENOSYS", ENOSYS},
#endif
#ifdef ENOTCONN
    {"ENOTCONN", ENOTCONN},
#endif
#ifdef ENOTDIR
    {"ENOTDIR", ENOTDIR},
#endif
#ifdef ENOTEMPTY
    {"ENOTEMPTY", ENOTEMPTY},
#endif
#ifdef ENOTSOCK
    {"ENOTSOCK", ENOTSOCK},
#endif
#ifdef ENOTSUP
    {"ENOTSUP", ENOTSUP},
#endif
#ifdef ENOTTY
    {"ENOTTY", ENOTTY},
#endif
#ifdef ENXIO
    {"ENXIO", ENXIO},
#endif
#ifdef EOPNOTSUPP
    {"EOPNOTSUPP", EOPNOTSUPP},
#endif
#ifdef EOVERFLOW
    {"EOVERFLOW", EOVERFLOW},
#endif
#ifdef EPERM
    {"EPERM", EPERM},
#endif
#ifdef EPIPE
    {"EPIPE", EPIPE},
#endif
#ifdef EPROTO
    {"EPROTO", EPROTO},
#endif
#ifdef EPROTONOSUPPORT
    {"EPROTONOSUPPORT", EPROTONOSUPPORT},
#endif
#ifdef EPROTOTYPE
    {"EPROTOTYPE", EPROTOTYPE},
#endif
#ifdef ERANGE
    {"ERANGE", ERANGE},
#endif
#ifdef EROFS
    {"EROFS", EROFS},
#endif
#ifdef ESPIPE
    {"ESPIPE", ESPIPE},
#endif
#ifdef ESRCH
    {"ESRCH", ESRCH},
#endif
#ifdef ESTALE
    {"ESTALE", ESTALE},
#endif
#ifdef ETIME
    {"ETIME", ETIME},
#endif
#ifdef ETIMEDOUT
    {"ETIMEDOUT", ETIMEDOUT},
#endif
#ifdef ETXTBSY
    {"ETXTBSY", ETXTBSY},
#endif
#ifdef EWOULDBLOCK
    {"EWOULDBLOCK", EWOULDBLOCK},
#endif
#ifdef EXDEV
    {"EXDEV", EXDEV},
#endif
    {NULL, 0}};
  int i;
  duk_push_object(ctx);
  for (i = 0; table[i].name != NULL; i++) {
    duk_push_int(ctx, table[i].value);
    duk_put_prop_string(ctx, -2, table[i].name);
  }
  return 1;
}

static const duk_function_list_entry os_functions[] = {
    {"errnoConstants", os_errno_constants, 0},
    {"uname", os_uname, 0},
    {"hostname", os_hostname, 0},
    {"homedir", os_homedir, 0},
    {"tmpdir", os_tmpdir, 0},
    {"userInfo", os_user_info, 0},
    {"cpus", os_cpus, 0},
    {"memory", os_memory, 0},
    {"loadavg", os_loadavg, 0},
    {"uptime", os_uptime, 0},
    {"interfaces", os_interfaces, 0},
    {NULL, NULL, 0}};

void lode_binding_os(duk_context* ctx) {
  duk_push_object(ctx);
  lode_js_put_functions(ctx, os_functions);
}
