/*
 * dns.c — internalBinding('dns'): getaddrinfo/getnameinfo on the worker
 * pool's DNS lane (layer: modules/).
 *
 *   getaddrinfo(req, hostname, family, hints)   0 or an error code;
 *       later req.oncomplete(status, addresses) with addresses an array
 *       of strings in the resolver's order
 *   getnameinfo(req, ip, port)                  later
 *       req.oncomplete(status, hostname, service)
 *   AI_ADDRCONFIG, AI_V4MAPPED, AI_ALL                  the hint flags
 */
#include <stdlib.h>
#include <string.h>

#include "engine.h"

typedef struct {
  union {
    lode_getaddrinfo_t gai;
    lode_getnameinfo_t gni;
  } r;
  duk_context* ctx;
  int req_ref;
} dns_req_t;

static void call_oncomplete(duk_context* ctx, int req_ref, int nargs) {
  duk_idx_t base = duk_get_top(ctx) - nargs;
  lode_js_push_ref(ctx, req_ref);
  lode_get_lit(ctx, -1, "oncomplete");
  duk_insert(ctx, base);
  duk_insert(ctx, base + 1); /* [ ... fn req args ] */
  lode_js_call(ctx, nargs);
  duk_pop(ctx);
  lode_js_unref(ctx, req_ref);
}

static void on_getaddrinfo(lode_getaddrinfo_t* req, int status,
                           struct addrinfo* res) {
  dns_req_t* r = (dns_req_t*) req;
  duk_context* ctx = r->ctx;
  int req_ref = r->req_ref;
  struct addrinfo* ai;
  duk_uarridx_t i = 0;
  char ip[64];

  duk_push_int(ctx, status);
  duk_push_array(ctx);
  for (ai = res; status == 0 && ai != NULL; ai = ai->ai_next) {
    if (ai->ai_socktype != SOCK_STREAM && ai->ai_socktype != 0) continue;
    if (lode_ip_name(ai->ai_addr, ip, sizeof(ip)) != 0) continue;
    duk_push_string(ctx, ip);
    lode_duk_put_index(ctx, -2, i++);
  }
  lode_freeaddrinfo(res);
  free(r);
  call_oncomplete(ctx, req_ref, 2);
}

static duk_ret_t dns_getaddrinfo(duk_context* ctx) {
  struct addrinfo hints;
  dns_req_t* r;
  int family = duk_get_int_default(ctx, 2, 0);
  int err;

  duk_require_object(ctx, 0);
  memset(&hints, 0, sizeof(hints));
  hints.ai_family = family == 4 ? AF_INET : family == 6 ? AF_INET6 : AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = duk_get_int_default(ctx, 3, 0);
  r = calloc(1, sizeof(*r));
  if (r == NULL) {
    duk_push_int(ctx, LODE_ENOMEM);
    return 1;
  }
  r->ctx = ctx;
  err = lode_getaddrinfo(lode_engine_get(ctx)->loop, &r->r.gai, on_getaddrinfo,
                         duk_require_string(ctx, 1), NULL, &hints);
  if (err != 0) {
    free(r);
  } else {
    r->req_ref = lode_js_ref(ctx, 0);
  }
  duk_push_int(ctx, err);
  return 1;
}

static void on_getnameinfo(lode_getnameinfo_t* req, int status,
                           const char* hostname, const char* service) {
  dns_req_t* r = (dns_req_t*) req;
  duk_context* ctx = r->ctx;
  int req_ref = r->req_ref;
  duk_push_int(ctx, status);
  duk_push_string(ctx, status == 0 ? hostname : "");
  duk_push_string(ctx, status == 0 ? service : "");
  free(r);
  call_oncomplete(ctx, req_ref, 3);
}

static duk_ret_t dns_getnameinfo(duk_context* ctx) {
  struct sockaddr_storage ss;
  const char* ip = duk_require_string(ctx, 1);
  int port = duk_require_int(ctx, 2);
  dns_req_t* r;
  int err;

  duk_require_object(ctx, 0);
  if (lode_ip4_addr(ip, port, (struct sockaddr_in*) &ss) != 0 &&
      lode_ip6_addr(ip, port, (struct sockaddr_in6*) &ss) != 0) {
    duk_push_int(ctx, LODE_EINVAL);
    return 1;
  }
  r = calloc(1, sizeof(*r));
  if (r == NULL) {
    duk_push_int(ctx, LODE_ENOMEM);
    return 1;
  }
  r->ctx = ctx;
  err = lode_getnameinfo(lode_engine_get(ctx)->loop, &r->r.gni, on_getnameinfo,
                         (struct sockaddr*) &ss, NI_NAMEREQD);
  if (err != 0)
    free(r);
  else
    r->req_ref = lode_js_ref(ctx, 0);
  duk_push_int(ctx, err);
  return 1;
}

void lode_binding_dns(duk_context* ctx) {
  duk_push_object(ctx);
  duk_push_c_function(ctx, dns_getaddrinfo, 4);
  lode_put_lit(ctx, -2, "getaddrinfo");
  duk_push_c_function(ctx, dns_getnameinfo, 3);
  lode_put_lit(ctx, -2, "getnameinfo");
  duk_push_int(ctx, AI_ADDRCONFIG);
  lode_put_lit(ctx, -2, "AI_ADDRCONFIG");
  duk_push_int(ctx, AI_V4MAPPED);
  lode_put_lit(ctx, -2, "AI_V4MAPPED");
  duk_push_int(ctx, AI_ALL);
  lode_put_lit(ctx, -2, "AI_ALL");
}
