/*
 * getaddrinfo.c — name resolution on the pool's DNS lane (layer:
 * platform/unix).
 *
 * Contract: loop/lode.h "DNS". lode_getaddrinfo and lode_getnameinfo run
 * the libc resolver either in the calling thread (cb == NULL) or on a
 * worker of the DNS lane, which the pool limits to half its workers so a
 * slow lookup never starves file I/O. Status codes are the LODE_EAI_*
 * family (EAI_SYSTEM becomes -errno); translation happens on the worker,
 * where errno still belongs to the failed call. A cancelled request
 * completes with LODE_EAI_CANCELED, as libuv does.
 *
 * The request owns one allocation holding the copied hints, service and
 * hostname, freed before the callback runs. The result list comes from
 * libc's malloc, not lode's allocator; lode_freeaddrinfo gives it back.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

int lode__getaddrinfo_translate_error(int sys_err) {
  switch (sys_err) {
    case 0: return 0;
#if defined(EAI_ADDRFAMILY)
    case EAI_ADDRFAMILY: return LODE_EAI_ADDRFAMILY;
#endif
    case EAI_AGAIN: return LODE_EAI_AGAIN;
    case EAI_BADFLAGS: return LODE_EAI_BADFLAGS;
#if defined(EAI_BADHINTS)
    case EAI_BADHINTS: return LODE_EAI_BADHINTS;
#endif
#if defined(EAI_CANCELED)
    case EAI_CANCELED: return LODE_EAI_CANCELED;
#endif
    case EAI_FAIL: return LODE_EAI_FAIL;
    case EAI_FAMILY: return LODE_EAI_FAMILY;
    case EAI_MEMORY: return LODE_EAI_MEMORY;
#if defined(EAI_NODATA) && (!defined(EAI_NONAME) || EAI_NODATA != EAI_NONAME)
    case EAI_NODATA: return LODE_EAI_NODATA;
#endif
    case EAI_NONAME: return LODE_EAI_NONAME;
#if defined(EAI_OVERFLOW)
    case EAI_OVERFLOW: return LODE_EAI_OVERFLOW;
#endif
#if defined(EAI_PROTOCOL)
    case EAI_PROTOCOL: return LODE_EAI_PROTOCOL;
#endif
    case EAI_SERVICE: return LODE_EAI_SERVICE;
    case EAI_SOCKTYPE: return LODE_EAI_SOCKTYPE;
#if defined(EAI_SYSTEM)
    case EAI_SYSTEM:
      /* errno must be read in the thread that made the call. */
      return errno != 0 ? -errno : LODE_EAI_FAIL;
#endif
    default:
      /* XXX: codes outside the list (glibc's EAI_IDN_ENCODE, ...) are
       * reported as a permanent failure. */
      return LODE_EAI_FAIL;
  }
}

/* ---- getaddrinfo ---- */

static void gai_run(lode_getaddrinfo_t* req) {
  int r = getaddrinfo(req->hostname, req->service, req->hints, &req->addrinfo);
  req->retcode = lode__getaddrinfo_translate_error(r);
  if (r != 0) req->addrinfo = NULL;
}

/* hints, service and hostname share one allocation laid out in that
 * order; the first one present is its start. */
static void gai_free_copies(lode_getaddrinfo_t* req) {
  if (req->hints != NULL)
    lode__free(req->hints);
  else if (req->service != NULL)
    lode__free(req->service);
  else
    lode__free(req->hostname);
  req->hints = NULL;
  req->hostname = NULL;
  req->service = NULL;
}

static void gai_work(struct lode__work* w) {
  gai_run(lode__queue_data(w, lode_getaddrinfo_t, work_req));
}

static void gai_done(struct lode__work* w, int status) {
  lode_getaddrinfo_t* req = lode__queue_data(w, lode_getaddrinfo_t, work_req);

  lode__req_unregister_m(req->loop, req);
  gai_free_copies(req);
  if (status == LODE_ECANCELED) {
    assert(req->retcode == 0 && req->addrinfo == NULL);
    req->retcode = LODE_EAI_CANCELED;
  }
  req->cb(req, req->retcode, req->addrinfo);
}

int lode_getaddrinfo(lode_loop_t* loop, lode_getaddrinfo_t* req,
                     lode_getaddrinfo_cb cb, const char* node,
                     const char* service, const struct addrinfo* hints) {
  size_t hints_len, service_len, node_len;
  char* buf;

  if (req == NULL || (node == NULL && service == NULL)) return LODE_EINVAL;
  if (cb != NULL && loop == NULL) return LODE_EINVAL;

  /* XXX: no IDNA conversion: a non-ASCII hostname goes to libc as is. */
  hints_len = hints != NULL ? sizeof(*hints) : 0;
  service_len = service != NULL ? strlen(service) + 1 : 0;
  node_len = node != NULL ? strlen(node) + 1 : 0;
  buf = lode__malloc(hints_len + service_len + node_len);
  if (buf == NULL) return LODE_ENOMEM;

  lode__req_init((lode_req_t*) req, LODE_GETADDRINFO);
  req->loop = loop;
  req->cb = cb;
  req->addrinfo = NULL;
  req->retcode = 0;
  req->work_req.state = 0;
  req->hints = NULL;
  req->service = NULL;
  req->hostname = NULL;
  if (hints != NULL) {
    /* Only the input fields; libc requires the pointers to be NULL. */
    req->hints = (struct addrinfo*) buf;
    memset(req->hints, 0, sizeof(*req->hints));
    req->hints->ai_flags = hints->ai_flags;
    req->hints->ai_family = hints->ai_family;
    req->hints->ai_socktype = hints->ai_socktype;
    req->hints->ai_protocol = hints->ai_protocol;
  }
  if (service != NULL) {
    req->service = buf + hints_len;
    memcpy(req->service, service, service_len);
  }
  if (node != NULL) {
    req->hostname = buf + hints_len + service_len;
    memcpy(req->hostname, node, node_len);
  }

  if (cb == NULL) {
    gai_run(req);
    gai_free_copies(req);
    return req->retcode;
  }
  lode__req_register_m(loop, req);
  lode__work_submit(loop, &req->work_req, LODE_WORK_LANE_DNS, gai_work,
                    gai_done);
  return 0;
}

void lode_freeaddrinfo(struct addrinfo* ai) {
  if (ai != NULL) freeaddrinfo(ai);
}

/* ---- getnameinfo ---- */

static void gni_run(lode_getnameinfo_t* req) {
  socklen_t len;
  int r;

  len = req->storage.ss_family == AF_INET ? sizeof(struct sockaddr_in)
                                          : sizeof(struct sockaddr_in6);
  r = getnameinfo((const struct sockaddr*) &req->storage, len, req->host,
                  sizeof(req->host), req->service, sizeof(req->service),
                  req->flags);
  req->retcode = lode__getaddrinfo_translate_error(r);
}

static void gni_work(struct lode__work* w) {
  gni_run(lode__queue_data(w, lode_getnameinfo_t, work_req));
}

static void gni_done(struct lode__work* w, int status) {
  lode_getnameinfo_t* req = lode__queue_data(w, lode_getnameinfo_t, work_req);
  const char* host = NULL;
  const char* service = NULL;

  lode__req_unregister_m(req->loop, req);
  if (status == LODE_ECANCELED) {
    assert(req->retcode == 0);
    req->retcode = LODE_EAI_CANCELED;
  } else if (req->retcode == 0) {
    host = req->host;
    service = req->service;
  }
  req->getnameinfo_cb(req, req->retcode, host, service);
}

int lode_getnameinfo(lode_loop_t* loop, lode_getnameinfo_t* req,
                     lode_getnameinfo_cb cb, const struct sockaddr* addr,
                     int flags) {
  if (req == NULL || addr == NULL) return LODE_EINVAL;
  if (cb != NULL && loop == NULL) return LODE_EINVAL;
  if (addr->sa_family == AF_INET)
    memcpy(&req->storage, addr, sizeof(struct sockaddr_in));
  else if (addr->sa_family == AF_INET6)
    memcpy(&req->storage, addr, sizeof(struct sockaddr_in6));
  else
    return LODE_EINVAL;

  lode__req_init((lode_req_t*) req, LODE_GETNAMEINFO);
  req->loop = loop;
  req->getnameinfo_cb = cb;
  req->flags = flags;
  req->host[0] = '\0';
  req->service[0] = '\0';
  req->retcode = 0;
  req->work_req.state = 0;

  if (cb == NULL) {
    gni_run(req);
    return req->retcode;
  }
  lode__req_register_m(loop, req);
  lode__work_submit(loop, &req->work_req, LODE_WORK_LANE_DNS, gni_work,
                    gni_done);
  return 0;
}
