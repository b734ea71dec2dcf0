/* test-dns.c — lode_getaddrinfo / lode_getnameinfo, synchronous and on the
 * pool's DNS lane; error translation to LODE_EAI_*; cancellation. Only
 * names that resolve locally (localhost from /etc/hosts, numeric
 * addresses) are expected to succeed; the negative case uses the reserved
 * ".invalid" domain and accepts any LODE_EAI_* code. */
#include <arpa/inet.h>
#include <pthread.h>
#include <sys/un.h>

#include "../task.h"
#include "../../loop/internal.h"
#if !defined(_WIN32)
# include "../../platform/unix/internal.h"
#endif

static pthread_t loop_thread;
static int gai_calls;
static int gai_status;
static struct addrinfo* gai_res;

static void on_gai(lode_getaddrinfo_t* req, int status, struct addrinfo* res) {
  ASSERT(pthread_equal(pthread_self(), loop_thread));
  gai_calls++;
  gai_status = status;
  gai_res = res;
  (void) req;
}

/* Lookups that may reach a name server (the negative case; reverse
 * lookups on machines whose /etc/hosts lacks localhost) must fail fast
 * rather than run into the test's timeout on a machine without network:
 * glibc reads RES_OPTIONS when its resolver first starts in the process,
 * and each test runs in a fresh process. */
static void quick_resolver(void) {
  setenv("RES_OPTIONS", "timeout:1 attempts:1", 0);
}

static int is_eai(int code) {
  return code <= LODE_EAI_ADDRFAMILY && code >= LODE_EAI_PROTOCOL;
}

/* Whether the list holds 127.0.0.1 (with port when port >= 0). */
static int has_loopback4(const struct addrinfo* ai, int port) {
  for (; ai != NULL; ai = ai->ai_next) {
    const struct sockaddr_in* sin;
    if (ai->ai_family != AF_INET) continue;
    sin = (const struct sockaddr_in*) ai->ai_addr;
    if (sin->sin_addr.s_addr != htonl(INADDR_LOOPBACK)) continue;
    if (port >= 0 && ntohs(sin->sin_port) != port) continue;
    return 1;
  }
  return 0;
}

/* Runs one getaddrinfo, synchronously or through the loop; returns the
 * status and leaves the list in *res. */
static int resolve(lode_loop_t* loop, int async, const char* node,
                   const char* service, const struct addrinfo* hints,
                   struct addrinfo** res) {
  lode_getaddrinfo_t req;
  int r;

  loop_thread = pthread_self();
  if (!async) {
    r = lode_getaddrinfo(loop, &req, NULL, node, service, hints);
    ASSERT_EQ(r, req.retcode);
    *res = req.addrinfo;
    if (r != 0) ASSERT_NULL(*res);
    return r;
  }
  gai_calls = 0;
  gai_res = NULL;
  ASSERT_OK(lode_getaddrinfo(loop, &req, on_gai, node, service, hints));
  ASSERT_EQ(req.type, LODE_GETADDRINFO);
  ASSERT_EQ(lode_run(loop, LODE_RUN_DEFAULT), 0);
  ASSERT_EQ(gai_calls, 1);
  ASSERT_PTR_EQ(gai_res, req.addrinfo);
  if (gai_status != 0) ASSERT_NULL(gai_res);
  *res = gai_res;
  return gai_status;
}

static void check_localhost(int async) {
  lode_loop_t loop;
  struct addrinfo hints, *res;

  ASSERT_OK(lode_loop_init(&loop));
  memset(&hints, 0, sizeof(hints));
  hints.ai_family = AF_INET;
  hints.ai_socktype = SOCK_STREAM;
  ASSERT_OK(resolve(&loop, async, "localhost", NULL, &hints, &res));
  ASSERT_NOT_NULL(res);
  ASSERT(has_loopback4(res, -1));
  ASSERT_EQ(res->ai_socktype, SOCK_STREAM);
  lode_freeaddrinfo(res);
  ASSERT_LOOP_CLOSED(&loop);
}

TEST_IMPL(dns_getaddrinfo_localhost_sync) {
  check_localhost(0);
  return 0;
}

TEST_IMPL(dns_getaddrinfo_localhost_async) {
  check_localhost(1);
  return 0;
}

static void check_numeric(int async) {
  lode_loop_t loop;
  struct addrinfo hints, *res;

  ASSERT_OK(lode_loop_init(&loop));
  memset(&hints, 0, sizeof(hints));
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_DGRAM;
  hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV;
  ASSERT_OK(resolve(&loop, async, "127.0.0.1", "8080", &hints, &res));
  ASSERT(has_loopback4(res, 8080));
  ASSERT_EQ(res->ai_socktype, SOCK_DGRAM);
  lode_freeaddrinfo(res);

  /* No hints at all. */
  ASSERT_OK(resolve(&loop, async, "127.0.0.1", NULL, NULL, &res));
  ASSERT(has_loopback4(res, 0));
  lode_freeaddrinfo(res);

  /* Only a service. */
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  hints.ai_family = AF_INET;
  ASSERT_OK(resolve(&loop, async, NULL, "4242", &hints, &res));
  ASSERT_EQ(res->ai_family, AF_INET);
  ASSERT_EQ(ntohs(((struct sockaddr_in*) res->ai_addr)->sin_port), 4242);
  lode_freeaddrinfo(res);
  ASSERT_LOOP_CLOSED(&loop);
}

TEST_IMPL(dns_getaddrinfo_numeric_sync) {
  check_numeric(0);
  return 0;
}

TEST_IMPL(dns_getaddrinfo_numeric_async) {
  check_numeric(1);
  return 0;
}

static void check_errors(int async) {
  lode_loop_t loop;
  struct addrinfo hints, *res;
  int r;

  quick_resolver();
  ASSERT_OK(lode_loop_init(&loop));
  /* A name that cannot exist: some LODE_EAI_* code, never a crash. */
  r = resolve(&loop, async, "nonexistent.invalid", NULL, NULL, &res);
  if (!is_eai(r)) TEST_FAIL_("unexpected status %d (%s)", r, lode_err_name(r));
  ASSERT(strncmp(lode_err_name(r), "EAI_", 4) == 0);

  /* Deterministic ones. */
  memset(&hints, 0, sizeof(hints));
  hints.ai_flags = AI_NUMERICHOST;
  ASSERT_ERR(resolve(&loop, async, "not-an-address", NULL, &hints, &res),
             LODE_EAI_NONAME);
  memset(&hints, 0, sizeof(hints));
  hints.ai_family = 12345;
  ASSERT_ERR(resolve(&loop, async, "127.0.0.1", NULL, &hints, &res),
             LODE_EAI_FAMILY);
  memset(&hints, 0, sizeof(hints));
  hints.ai_socktype = SOCK_STREAM;
  r = resolve(&loop, async, "127.0.0.1", "no-such-service-name", &hints, &res);
  ASSERT(r == LODE_EAI_SERVICE || r == LODE_EAI_NONAME);
  memset(&hints, 0, sizeof(hints));
  hints.ai_flags = 0x7ffff000;
  ASSERT_ERR(resolve(&loop, async, "127.0.0.1", NULL, &hints, &res),
             LODE_EAI_BADFLAGS);
  ASSERT_LOOP_CLOSED(&loop);
}

TEST_IMPL(dns_getaddrinfo_errors_sync) {
  check_errors(0);
  return 0;
}

TEST_IMPL(dns_getaddrinfo_errors_async) {
  check_errors(1);
  return 0;
}

TEST_IMPL(dns_getaddrinfo_einval) {
  lode_loop_t loop;
  lode_getaddrinfo_t req;

  ASSERT_OK(lode_loop_init(&loop));
  ASSERT_ERR(lode_getaddrinfo(&loop, &req, on_gai, NULL, NULL, NULL),
             LODE_EINVAL);
  ASSERT_ERR(lode_getaddrinfo(&loop, &req, NULL, NULL, NULL, NULL),
             LODE_EINVAL);
  ASSERT_ERR(lode_getaddrinfo(NULL, &req, on_gai, "localhost", NULL, NULL),
             LODE_EINVAL);
  ASSERT(!lode_loop_alive(&loop));
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

/* The request copies hints, node and service: the caller's may change or
 * go away right after the call. */
static void start_with_stack_args(lode_loop_t* loop, lode_getaddrinfo_t* req) {
  struct addrinfo hints;
  char node[32], service[16];

  memset(&hints, 0, sizeof(hints));
  hints.ai_family = AF_INET;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV;
  strcpy(node, "127.0.0.1");
  strcpy(service, "9999");
  ASSERT_OK(lode_getaddrinfo(loop, req, on_gai, node, service, &hints));
  memset(&hints, 0xff, sizeof(hints));
  memset(node, 'x', sizeof(node) - 1);
  node[sizeof(node) - 1] = '\0';
  strcpy(service, "junk");
}

TEST_IMPL(dns_getaddrinfo_args_copied) {
  lode_loop_t loop;
  lode_getaddrinfo_t req;

  loop_thread = pthread_self();
  gai_calls = 0;
  ASSERT_OK(lode_loop_init(&loop));
  start_with_stack_args(&loop, &req);
  ASSERT_EQ(lode_run(&loop, LODE_RUN_DEFAULT), 0);
  ASSERT_EQ(gai_calls, 1);
  ASSERT_OK(gai_status);
  ASSERT(has_loopback4(gai_res, 9999));
  ASSERT_EQ(gai_res->ai_socktype, SOCK_STREAM);
  ASSERT_NULL(req.hints); /* the copies are freed before the callback */
  ASSERT_NULL(req.hostname);
  lode_freeaddrinfo(gai_res);
  lode_freeaddrinfo(NULL);
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

static int many_ok;
static void many_gai_cb(lode_getaddrinfo_t* req, int status,
                        struct addrinfo* res) {
  ASSERT_OK(status);
  ASSERT(has_loopback4(res, -1));
  lode_freeaddrinfo(res);
  many_ok++;
  (void) req;
}

TEST_IMPL(dns_getaddrinfo_many) {
  enum { N = 64 };
  static lode_getaddrinfo_t reqs[N];
  struct addrinfo hints;
  lode_loop_t loop;
  int i;

  many_ok = 0;
  ASSERT_OK(lode_loop_init(&loop));
  memset(&hints, 0, sizeof(hints));
  hints.ai_family = AF_INET;
  for (i = 0; i < N; i++)
    ASSERT_OK(lode_getaddrinfo(&loop, &reqs[i], many_gai_cb,
                               i % 2 ? "localhost" : "127.0.0.1", "80",
                               &hints));
  ASSERT_EQ(lode_run(&loop, LODE_RUN_DEFAULT), 0);
  ASSERT_EQ(many_ok, N);
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

/* ---- getnameinfo ---- */

static int gni_calls;
static int gni_status;
static char gni_host[NI_MAXHOST];
static char gni_serv[NI_MAXSERV];

static void on_gni(lode_getnameinfo_t* req, int status, const char* host,
                   const char* service) {
  ASSERT(pthread_equal(pthread_self(), loop_thread));
  gni_calls++;
  gni_status = status;
  if (status == 0) {
    ASSERT_NOT_NULL(host);
    ASSERT_NOT_NULL(service);
    snprintf(gni_host, sizeof(gni_host), "%s", host);
    snprintf(gni_serv, sizeof(gni_serv), "%s", service);
  } else {
    ASSERT_NULL(host);
    ASSERT_NULL(service);
  }
  (void) req;
}

static int name_of(lode_loop_t* loop, int async, const struct sockaddr* sa,
                   int flags) {
  lode_getnameinfo_t req;
  int r;

  loop_thread = pthread_self();
  gni_host[0] = gni_serv[0] = '\0';
  if (!async) {
    r = lode_getnameinfo(loop, &req, NULL, sa, flags);
    if (r == 0) {
      snprintf(gni_host, sizeof(gni_host), "%s", req.host);
      snprintf(gni_serv, sizeof(gni_serv), "%s", req.service);
    }
    return r;
  }
  gni_calls = 0;
  ASSERT_OK(lode_getnameinfo(loop, &req, on_gni, sa, flags));
  ASSERT_EQ(req.type, LODE_GETNAMEINFO);
  ASSERT_EQ(lode_run(loop, LODE_RUN_DEFAULT), 0);
  ASSERT_EQ(gni_calls, 1);
  return gni_status;
}

static void check_nameinfo(int async) {
  lode_loop_t loop;
  struct sockaddr_in sin;
  struct sockaddr_in6 sin6;

  quick_resolver();
  ASSERT_OK(lode_loop_init(&loop));
  ASSERT_OK(lode_ip4_addr("127.0.0.1", 80, &sin));
  ASSERT_OK(name_of(&loop, async, (struct sockaddr*) &sin,
                    NI_NUMERICHOST | NI_NUMERICSERV));
  ASSERT_STR_EQ(gni_host, "127.0.0.1");
  ASSERT_STR_EQ(gni_serv, "80");

  /* Names: localhost comes from /etc/hosts, http from /etc/services when
   * the machine has it. */
  ASSERT_OK(name_of(&loop, async, (struct sockaddr*) &sin, 0));
  ASSERT_GT(strlen(gni_host), 0);
  if (strcmp(gni_serv, "http") != 0) ASSERT_STR_EQ(gni_serv, "80");

  ASSERT_OK(lode_ip6_addr("::1", 443, &sin6));
  ASSERT_OK(name_of(&loop, async, (struct sockaddr*) &sin6,
                    NI_NUMERICHOST | NI_NUMERICSERV));
  ASSERT_STR_EQ(gni_host, "::1");
  ASSERT_STR_EQ(gni_serv, "443");

  ASSERT_LOOP_CLOSED(&loop);
}

TEST_IMPL(dns_getnameinfo_sync) {
  check_nameinfo(0);
  return 0;
}

TEST_IMPL(dns_getnameinfo_async) {
  check_nameinfo(1);
  return 0;
}

TEST_IMPL(dns_getnameinfo_einval) {
  lode_loop_t loop;
  lode_getnameinfo_t req;
  struct sockaddr_un sun;
  struct sockaddr_in sin;

  ASSERT_OK(lode_loop_init(&loop));
  memset(&sun, 0, sizeof(sun));
  sun.sun_family = AF_UNIX;
  ASSERT_ERR(lode_getnameinfo(&loop, &req, on_gni, (struct sockaddr*) &sun, 0),
             LODE_EINVAL);
  ASSERT_ERR(lode_getnameinfo(&loop, &req, on_gni, NULL, 0), LODE_EINVAL);
  ASSERT_OK(lode_ip4_addr("127.0.0.1", 80, &sin));
  ASSERT_ERR(lode_getnameinfo(NULL, &req, on_gni, (struct sockaddr*) &sin, 0),
             LODE_EINVAL);
  ASSERT(!lode_loop_alive(&loop));
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

/* ---- cancellation while the pool is saturated ---- */

static lode_mutex_t hold_m;
static lode_cond_t hold_c;
static int hold_open, hold_in;

static void hold_work(lode_work_t* req) {
  (void) req;
  lode_mutex_lock(&hold_m);
  hold_in++;
  lode_cond_broadcast(&hold_c);
  while (!hold_open) lode_cond_wait(&hold_c, &hold_m);
  lode_mutex_unlock(&hold_m);
}

TEST_IMPL(dns_cancel_queued) {
  lode_loop_t loop;
  lode_work_t* hold;
  lode_getaddrinfo_t gai, gai_sync;
  lode_getnameinfo_t gni;
  struct sockaddr_in sin;
  unsigned int n = lode_threadpool_size(), i;

  loop_thread = pthread_self();
  gai_calls = gni_calls = 0;
  ASSERT_OK(lode_loop_init(&loop));
  ASSERT_OK(lode_mutex_init(&hold_m));
  ASSERT_OK(lode_cond_init(&hold_c));
  hold_open = hold_in = 0;
  hold = calloc(n, sizeof(*hold));
  for (i = 0; i < n; i++)
    ASSERT_OK(lode_queue_work(&loop, &hold[i], hold_work, NULL));
  lode_mutex_lock(&hold_m);
  while (hold_in < (int) n) lode_cond_wait(&hold_c, &hold_m);
  lode_mutex_unlock(&hold_m);

  ASSERT_OK(lode_getaddrinfo(&loop, &gai, on_gai, "localhost", "80", NULL));
  ASSERT_OK(lode_ip4_addr("127.0.0.1", 80, &sin));
  ASSERT_OK(lode_getnameinfo(&loop, &gni, on_gni, (struct sockaddr*) &sin, 0));
  ASSERT_OK(lode_cancel((lode_req_t*) &gai));
  ASSERT_OK(lode_cancel((lode_req_t*) &gni));
  ASSERT_ERR(lode_cancel((lode_req_t*) &gai), LODE_EBUSY);
  while (gai_calls + gni_calls < 2) lode_run(&loop, LODE_RUN_ONCE);
  ASSERT_ERR(gai_status, LODE_EAI_CANCELED);
  ASSERT_NULL(gai_res);
  ASSERT_ERR(gni_status, LODE_EAI_CANCELED);
  ASSERT_ERR(lode_cancel((lode_req_t*) &gni), LODE_EBUSY);

  /* A synchronous lookup was never queued. */
  ASSERT_OK(lode_getaddrinfo(&loop, &gai_sync, NULL, "127.0.0.1", NULL, NULL));
  ASSERT_ERR(lode_cancel((lode_req_t*) &gai_sync), LODE_EBUSY);
  lode_freeaddrinfo(gai_sync.addrinfo);

  lode_mutex_lock(&hold_m);
  hold_open = 1;
  lode_cond_broadcast(&hold_c);
  lode_mutex_unlock(&hold_m);
  ASSERT_EQ(lode_run(&loop, LODE_RUN_DEFAULT), 0);
  ASSERT_EQ(gai_calls, 1);
  ASSERT_EQ(gni_calls, 1);
  ASSERT_LOOP_CLOSED(&loop);
  lode_cond_destroy(&hold_c);
  lode_mutex_destroy(&hold_m);
  free(hold);
  return 0;
}

/* ---- the EAI_* translation table ---- */

TEST_IMPL(dns_translate_error) {
#if defined(_WIN32)
  return TEST_SKIP;
#else
  ASSERT_EQ(lode__getaddrinfo_translate_error(0), 0);
  ASSERT_ERR(lode__getaddrinfo_translate_error(EAI_NONAME), LODE_EAI_NONAME);
  ASSERT_ERR(lode__getaddrinfo_translate_error(EAI_AGAIN), LODE_EAI_AGAIN);
  ASSERT_ERR(lode__getaddrinfo_translate_error(EAI_FAIL), LODE_EAI_FAIL);
  ASSERT_ERR(lode__getaddrinfo_translate_error(EAI_FAMILY), LODE_EAI_FAMILY);
  ASSERT_ERR(lode__getaddrinfo_translate_error(EAI_MEMORY), LODE_EAI_MEMORY);
  ASSERT_ERR(lode__getaddrinfo_translate_error(EAI_SERVICE),
             LODE_EAI_SERVICE);
  ASSERT_ERR(lode__getaddrinfo_translate_error(EAI_SOCKTYPE),
             LODE_EAI_SOCKTYPE);
  ASSERT_ERR(lode__getaddrinfo_translate_error(EAI_BADFLAGS),
             LODE_EAI_BADFLAGS);
#if defined(EAI_OVERFLOW)
  ASSERT_ERR(lode__getaddrinfo_translate_error(EAI_OVERFLOW),
             LODE_EAI_OVERFLOW);
#endif
#if defined(EAI_SYSTEM)
  errno = ENOENT;
  ASSERT_ERR(lode__getaddrinfo_translate_error(EAI_SYSTEM), LODE_ENOENT);
  errno = 0;
  ASSERT(is_eai(lode__getaddrinfo_translate_error(EAI_SYSTEM)));
#endif
  /* Unknown codes stay in the EAI family. */
  ASSERT(is_eai(lode__getaddrinfo_translate_error(-99999)));
  ASSERT_STR_EQ(lode_err_name(LODE_EAI_NONAME), "EAI_NONAME");
  ASSERT_STR_EQ(lode_err_name(LODE_EAI_CANCELED), "EAI_CANCELED");
  return 0;
#endif
}
