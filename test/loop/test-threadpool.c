/* test-threadpool.c — the worker pool: lode_queue_work, cancellation, pool
 * saturation, the DNS lane limit, lane fairness, LODE_THREADPOOL_SIZE and
 * batched completions. Workers are held busy with a gate (mutex + condvar),
 * never with sleeps. */
#include <fcntl.h>
#include <pthread.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../task.h"
#include "../../loop/internal.h"

/* ---- a gate that holds workers until the test opens it ---- */

typedef struct {
  lode_mutex_t m;
  lode_cond_t c;
  int open;
  int entered;   /* items that reached the gate */
  int inside;    /* items waiting at the gate now */
  int max_inside;
} gate_t;

static void gate_init(gate_t* g) {
  ASSERT_OK(lode_mutex_init(&g->m));
  ASSERT_OK(lode_cond_init(&g->c));
  g->open = 0;
  g->entered = 0;
  g->inside = 0;
  g->max_inside = 0;
}

static void gate_destroy(gate_t* g) {
  lode_cond_destroy(&g->c);
  lode_mutex_destroy(&g->m);
}

/* On a worker: announce arrival, wait until the gate opens. */
static void gate_pass(gate_t* g) {
  lode_mutex_lock(&g->m);
  g->entered++;
  g->inside++;
  if (g->inside > g->max_inside) g->max_inside = g->inside;
  lode_cond_broadcast(&g->c);
  while (!g->open) lode_cond_wait(&g->c, &g->m);
  g->inside--;
  lode_mutex_unlock(&g->m);
}

/* On the test thread: wait until n items are at the gate. */
static void gate_wait_entered(gate_t* g, int n) {
  lode_mutex_lock(&g->m);
  while (g->entered < n) lode_cond_wait(&g->c, &g->m);
  lode_mutex_unlock(&g->m);
}

static int gate_entered(gate_t* g) {
  int n;
  lode_mutex_lock(&g->m);
  n = g->entered;
  lode_mutex_unlock(&g->m);
  return n;
}

static void gate_open(gate_t* g) {
  lode_mutex_lock(&g->m);
  g->open = 1;
  lode_cond_broadcast(&g->c);
  lode_mutex_unlock(&g->m);
}

static gate_t gate;
static pthread_t loop_thread;

/* ---- basic queue_work ---- */

static int work_calls;
static int after_calls;
static int after_status_sum;
static int work_on_loop_thread;

static void count_work(lode_work_t* req) {
  if (pthread_equal(pthread_self(), loop_thread)) work_on_loop_thread = 1;
  __atomic_add_fetch(&work_calls, 1, __ATOMIC_SEQ_CST);
  (void) req;
}

static void count_after(lode_work_t* req, int status) {
  ASSERT(pthread_equal(pthread_self(), loop_thread));
  ASSERT_EQ(status, 0);
  after_calls++;
  after_status_sum += status;
  (void) req;
}

static void reset_counts(void) {
  work_calls = 0;
  after_calls = 0;
  after_status_sum = 0;
  work_on_loop_thread = 0;
  loop_thread = pthread_self();
}

static int work_saw_data;

static void data_work(lode_work_t* req) {
  if (req->data == (void*) &work_saw_data)
    __atomic_store_n(&work_saw_data, 1, __ATOMIC_SEQ_CST);
  count_work(req);
}

TEST_IMPL(threadpool_queue_work_threads) {
  lode_loop_t loop;
  lode_work_t req;

  reset_counts();
  work_saw_data = 0;
  ASSERT_OK(lode_loop_init(&loop));
  req.data = &work_saw_data;
  ASSERT_OK(lode_queue_work(&loop, &req, data_work, count_after));
  ASSERT_EQ(req.type, LODE_WORK);
  ASSERT(lode_loop_alive(&loop)); /* the request keeps the loop alive */
  ASSERT_EQ(lode_run(&loop, LODE_RUN_DEFAULT), 0);
  ASSERT_EQ(work_calls, 1);
  ASSERT_EQ(after_calls, 1);
  ASSERT_EQ(work_on_loop_thread, 0);
  ASSERT_EQ(work_saw_data, 1);
  ASSERT_PTR_EQ(req.data, &work_saw_data);
  ASSERT(!lode_loop_alive(&loop));
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

TEST_IMPL(threadpool_queue_work_null_after) {
  lode_loop_t loop;
  lode_work_t reqs[8];
  int i;

  reset_counts();
  ASSERT_OK(lode_loop_init(&loop));
  for (i = 0; i < 8; i++)
    ASSERT_OK(lode_queue_work(&loop, &reqs[i], count_work, NULL));
  ASSERT_EQ(lode_run(&loop, LODE_RUN_DEFAULT), 0);
  ASSERT_EQ(work_calls, 8);
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

TEST_IMPL(threadpool_queue_work_einval) {
  lode_loop_t loop;
  lode_work_t req;

  ASSERT_OK(lode_loop_init(&loop));
  ASSERT_ERR(lode_queue_work(&loop, &req, NULL, count_after), LODE_EINVAL);
  ASSERT_ERR(lode_queue_work(&loop, NULL, count_work, count_after),
             LODE_EINVAL);
  ASSERT(!lode_loop_alive(&loop));
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

/* ---- many items in flight ---- */

static unsigned char* item_work_seen;
static unsigned char* item_after_seen;
static lode_work_t* item_reqs;

static void item_work(lode_work_t* req) {
  size_t i = (size_t) (req - item_reqs);
  __atomic_add_fetch(&item_work_seen[i], 1, __ATOMIC_SEQ_CST);
}

static void item_after(lode_work_t* req, int status) {
  size_t i = (size_t) (req - item_reqs);
  ASSERT_EQ(status, 0);
  ASSERT(pthread_equal(pthread_self(), loop_thread));
  ASSERT_EQ(item_work_seen[i], 1); /* work happened before after_work */
  item_after_seen[i]++;
}

/* Counts loop turns in which completions ran. */
static int turn_no;
static int last_done_turn;
static int done_turns;

static void turn_prepare(lode_prepare_t* h) {
  (void) h;
  turn_no++;
}

static void many_items(int n, int check_batching) {
  lode_loop_t loop;
  lode_prepare_t prep;
  int i;

  reset_counts();
  item_reqs = calloc((size_t) n, sizeof(*item_reqs));
  item_work_seen = calloc((size_t) n, 1);
  item_after_seen = calloc((size_t) n, 1);
  ASSERT_NOT_NULL(item_reqs);
  ASSERT_OK(lode_loop_init(&loop));
  ASSERT_OK(lode_prepare_init(&loop, &prep));
  ASSERT_OK(lode_prepare_start(&prep, turn_prepare));
  lode_unref((lode_handle_t*) &prep);
  turn_no = 0;
  for (i = 0; i < n; i++)
    ASSERT_OK(lode_queue_work(&loop, &item_reqs[i], item_work, item_after));
  ASSERT_EQ(loop.active_reqs, (unsigned) n);
  ASSERT_EQ(lode_run(&loop, LODE_RUN_DEFAULT), 0);
  for (i = 0; i < n; i++) {
    ASSERT_EQ(item_work_seen[i], 1);
    ASSERT_EQ(item_after_seen[i], 1);
  }
  /* Completions arrive batched: fewer loop turns than items. */
  if (check_batching) ASSERT_LT(turn_no, n);
  lode_close((lode_handle_t*) &prep, NULL);
  ASSERT_LOOP_CLOSED(&loop);
  free(item_reqs);
  free(item_work_seen);
  free(item_after_seen);
}

TEST_IMPL(threadpool_64_in_flight) {
  many_items(64, 0);
  return 0;
}

TEST_IMPL(threadpool_1000_in_flight) {
  many_items(1000, 1);
  return 0;
}

/* Every item finished before the loop looks: the loop must receive them all
 * in one dispatch after one coalesced wake-up. */
static void batch_after(lode_work_t* req, int status) {
  ASSERT_EQ(status, 0);
  if (last_done_turn != turn_no) {
    done_turns++;
    last_done_turn = turn_no;
  }
  after_calls++;
  (void) req;
}

/* Items on the loop's done stack (workers only ever push on it, and the
 * loop thread, which takes it, is not running). */
static int wq_done_length(lode_loop_t* loop) {
  lode__queue_t* q;
  int n = 0;
  for (q = __atomic_load_n(&loop->wq_done, __ATOMIC_SEQ_CST); q != NULL;
       q = q->next)
    n++;
  return n;
}

TEST_IMPL(threadpool_completions_batched) {
  enum { N = 64 };
  lode_loop_t loop;
  lode_prepare_t prep;
  lode_work_t reqs[N];
  lode_mutex_t m;
  lode_cond_t c;
  int i;

  reset_counts();
  ASSERT_OK(lode_loop_init(&loop));
  ASSERT_OK(lode_prepare_init(&loop, &prep));
  ASSERT_OK(lode_prepare_start(&prep, turn_prepare));
  lode_unref((lode_handle_t*) &prep);
  turn_no = 0;
  last_done_turn = -1;
  done_turns = 0;
  for (i = 0; i < N; i++)
    ASSERT_OK(lode_queue_work(&loop, &reqs[i], count_work, batch_after));

  /* Wait (checking the real condition, 1 ms between looks) until every
   * item is on the loop's done list; the loop thread is not running. */
  ASSERT_OK(lode_mutex_init(&m));
  ASSERT_OK(lode_cond_init(&c));
  lode_mutex_lock(&m);
  while (wq_done_length(&loop) < N) lode_cond_timedwait(&c, &m, 1000000);
  lode_mutex_unlock(&m);
  lode_cond_destroy(&c);
  lode_mutex_destroy(&m);

  /* Many items, one wake-up requested. */
  ASSERT_EQ(__atomic_load_n(&loop.async_wakeup_sent, __ATOMIC_SEQ_CST), 1);

  ASSERT_EQ(lode_run(&loop, LODE_RUN_DEFAULT), 0);
  ASSERT_EQ(work_calls, N);
  ASSERT_EQ(after_calls, N);
  ASSERT_EQ(done_turns, 1);
  lode_close((lode_handle_t*) &prep, NULL);
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

/* ---- saturation and cancellation ---- */

static void gate_work(lode_work_t* req) {
  (void) req;
  gate_pass(&gate);
}

static int blocker_done;
static void blocker_after(lode_work_t* req, int status) {
  ASSERT_EQ(status, 0);
  blocker_done++;
  (void) req;
}

static int cancelled_calls;
static void never_work(lode_work_t* req) {
  (void) req;
  TEST_FAIL_("a cancelled item ran");
}

static void cancelled_after(lode_work_t* req, int status) {
  ASSERT_ERR(status, LODE_ECANCELED);
  ASSERT(pthread_equal(pthread_self(), loop_thread));
  /* Once its callback ran, the request cannot be cancelled again. */
  ASSERT_ERR(lode_cancel((lode_req_t*) req), LODE_EBUSY);
  cancelled_calls++;
}

TEST_IMPL(threadpool_saturation_cancel) {
  enum { EXTRA = 16 };
  lode_loop_t loop;
  lode_work_t* blockers;
  lode_work_t extra[EXTRA];
  unsigned int n = lode_threadpool_size();
  unsigned int i;

  reset_counts();
  gate_init(&gate);
  blocker_done = 0;
  cancelled_calls = 0;
  blockers = calloc(n, sizeof(*blockers));
  ASSERT_OK(lode_loop_init(&loop));

  /* Occupy every worker. */
  for (i = 0; i < n; i++)
    ASSERT_OK(lode_queue_work(&loop, &blockers[i], gate_work, blocker_after));
  gate_wait_entered(&gate, (int) n);

  /* These can only wait in the queue; cancel them all. */
  for (i = 0; i < EXTRA; i++)
    ASSERT_OK(lode_queue_work(&loop, &extra[i], never_work, cancelled_after));
  for (i = 0; i < EXTRA; i++) ASSERT_OK(lode_cancel((lode_req_t*) &extra[i]));
  /* Cancelled already: not queued any more. */
  ASSERT_ERR(lode_cancel((lode_req_t*) &extra[0]), LODE_EBUSY);
  /* Running items cannot be cancelled. */
  for (i = 0; i < n; i++)
    ASSERT_ERR(lode_cancel((lode_req_t*) &blockers[i]), LODE_EBUSY);

  /* The cancelled callbacks arrive while the workers are still blocked. */
  while (cancelled_calls < EXTRA) lode_run(&loop, LODE_RUN_ONCE);
  ASSERT_EQ(cancelled_calls, EXTRA);
  ASSERT_EQ(blocker_done, 0);
  ASSERT_EQ(loop.active_reqs, n);

  gate_open(&gate);
  ASSERT_EQ(lode_run(&loop, LODE_RUN_DEFAULT), 0);
  ASSERT_EQ(blocker_done, (int) n);
  ASSERT_EQ(gate.entered, (int) n);
  for (i = 0; i < n; i++)
    ASSERT_ERR(lode_cancel((lode_req_t*) &blockers[i]), LODE_EBUSY);
  ASSERT_LOOP_CLOSED(&loop);
  gate_destroy(&gate);
  free(blockers);
  return 0;
}

TEST_IMPL(threadpool_cancel_running_ebusy) {
  lode_loop_t loop;
  lode_work_t req;

  reset_counts();
  gate_init(&gate);
  blocker_done = 0;
  ASSERT_OK(lode_loop_init(&loop));
  ASSERT_OK(lode_queue_work(&loop, &req, gate_work, blocker_after));
  gate_wait_entered(&gate, 1);
  ASSERT_ERR(lode_cancel((lode_req_t*) &req), LODE_EBUSY);
  gate_open(&gate);
  ASSERT_EQ(lode_run(&loop, LODE_RUN_DEFAULT), 0);
  ASSERT_EQ(blocker_done, 1); /* ran to completion with status 0 */
  ASSERT_ERR(lode_cancel((lode_req_t*) &req), LODE_EBUSY);
  ASSERT_LOOP_CLOSED(&loop);
  gate_destroy(&gate);
  return 0;
}

TEST_IMPL(threadpool_cancel_einval) {
  lode_write_t wreq;
  lode_connect_t creq;

  memset(&wreq, 0, sizeof(wreq));
  memset(&creq, 0, sizeof(creq));
  wreq.type = LODE_WRITE;
  creq.type = LODE_CONNECT;
  ASSERT_ERR(lode_cancel((lode_req_t*) &wreq), LODE_EINVAL);
  ASSERT_ERR(lode_cancel((lode_req_t*) &creq), LODE_EINVAL);
  ASSERT_ERR(lode_cancel(NULL), LODE_EINVAL);
  return 0;
}

/* ---- queue more work from after_work (re-entrancy of lode__work_done) ---- */

static int chain_left;
static void chain_after(lode_work_t* req, int status) {
  ASSERT_EQ(status, 0);
  after_calls++;
  if (--chain_left > 0)
    ASSERT_OK(lode_queue_work(req->loop, req, count_work, chain_after));
}

TEST_IMPL(threadpool_requeue_from_after) {
  lode_loop_t loop;
  lode_work_t req;

  reset_counts();
  chain_left = 100;
  ASSERT_OK(lode_loop_init(&loop));
  ASSERT_OK(lode_queue_work(&loop, &req, count_work, chain_after));
  ASSERT_EQ(lode_run(&loop, LODE_RUN_DEFAULT), 0);
  ASSERT_EQ(work_calls, 100);
  ASSERT_EQ(after_calls, 100);
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

/* ---- several loops share the pool ---- */

struct loop_ctx {
  lode_loop_t loop;
  pthread_t self;
  lode_work_t reqs[200];
  int done;
  int wrong_thread;
};

static void ctx_after(lode_work_t* req, int status) {
  struct loop_ctx* ctx = req->data;
  ASSERT_EQ(status, 0);
  ASSERT_PTR_EQ(req->loop, &ctx->loop);
  if (!pthread_equal(pthread_self(), ctx->self)) ctx->wrong_thread++;
  ctx->done++;
}

static void noop_work(lode_work_t* req) {
  (void) req;
}

static void loop_thread_main(void* arg) {
  struct loop_ctx* ctx = arg;
  int i;

  ctx->self = pthread_self();
  for (i = 0; i < 200; i++) {
    ctx->reqs[i].data = ctx;
    ASSERT_OK(lode_queue_work(&ctx->loop, &ctx->reqs[i], noop_work, ctx_after));
  }
  ASSERT_EQ(lode_run(&ctx->loop, LODE_RUN_DEFAULT), 0);
}

TEST_IMPL(threadpool_shared_by_loops) {
  static struct loop_ctx ctx[3];
  lode_thread_t tids[3];
  int i;

  for (i = 0; i < 3; i++) {
    memset(&ctx[i], 0, sizeof(ctx[i]));
    ASSERT_OK(lode_loop_init(&ctx[i].loop));
  }
  for (i = 0; i < 3; i++)
    ASSERT_OK(lode_thread_create(&tids[i], loop_thread_main, &ctx[i]));
  for (i = 0; i < 3; i++) ASSERT_OK(lode_thread_join(&tids[i]));
  for (i = 0; i < 3; i++) {
    ASSERT_EQ(ctx[i].done, 200);
    ASSERT_EQ(ctx[i].wrong_thread, 0);
    ASSERT_LOOP_CLOSED(&ctx[i].loop);
  }
  return 0;
}

/* ---- the DNS lane uses at most half the workers ---- */

struct raw_item {
  lode_req_t req; /* registered, so the loop stays alive */
  struct lode__work w;
  lode_loop_t* loop;
  int status;
  int done;
};

static void raw_gate_work(struct lode__work* w) {
  (void) w;
  gate_pass(&gate);
}

static void raw_done(struct lode__work* w, int status) {
  struct raw_item* it = lode__queue_data(w, struct raw_item, w);
  lode__req_unregister_m(it->loop, &it->req);
  it->status = status;
  it->done++;
}

static void raw_submit(lode_loop_t* loop, struct raw_item* it, int lane,
                       void (*work)(struct lode__work* w)) {
  memset(it, 0, sizeof(*it));
  it->loop = loop;
  it->req.type = LODE_WORK;
  lode__req_register_m(loop, &it->req);
  lode__work_submit(loop, &it->w, lane, work, raw_done);
}

static int stat_done;
static void stat_cb(lode_fs_t* req) {
  ASSERT_OK(req->result);
  stat_done++;
}

TEST_IMPL(threadpool_dns_lane_limit) {
  lode_loop_t loop;
  lode_fs_t fs_req;
  struct raw_item* items;
  unsigned int n = lode_threadpool_size();
  unsigned int limit = n / 2 > 0 ? n / 2 : 1;
  unsigned int i;

  if (n < 2) {
    printf("needs at least 2 workers (LODE_THREADPOOL_SIZE=%u)\n", n);
    return TEST_SKIP;
  }
  reset_counts();
  gate_init(&gate);
  stat_done = 0;
  ASSERT_OK(lode_loop_init(&loop));
  items = calloc(n, sizeof(*items));

  /* As many blocking DNS items as there are workers: only `limit` may
   * start. */
  for (i = 0; i < n; i++)
    raw_submit(&loop, &items[i], LODE_WORK_LANE_DNS, raw_gate_work);
  gate_wait_entered(&gate, (int) limit);

  /* File I/O still gets a worker while DNS blocks. */
  ASSERT_OK(lode_fs_stat(&loop, &fs_req, test_tmpdir(), stat_cb));
  while (stat_done == 0) lode_run(&loop, LODE_RUN_ONCE);
  lode_fs_req_cleanup(&fs_req);
  ASSERT_EQ(gate_entered(&gate), (int) limit);

  /* The queued DNS items can be cancelled; a running one cannot. */
  ASSERT_ERR(lode__work_cancel(&loop, &items[0].w), LODE_EBUSY);
  ASSERT_OK(lode__work_cancel(&loop, &items[n - 1].w));

  gate_open(&gate);
  ASSERT_EQ(lode_run(&loop, LODE_RUN_DEFAULT), 0);
  for (i = 0; i < n; i++) ASSERT_EQ(items[i].done, 1);
  ASSERT_ERR(items[n - 1].status, LODE_ECANCELED);
  for (i = 0; i + 1 < n; i++) ASSERT_OK(items[i].status);
  ASSERT_EQ(gate.entered, (int) n - 1);
  ASSERT_LE(gate.max_inside, (int) limit);
  ASSERT_LOOP_CLOSED(&loop);
  gate_destroy(&gate);
  free(items);
  return 0;
}

/* ---- helpers run in a child with LODE_THREADPOOL_SIZE set ---- */

extern char** environ;

/* Runs `runner --helper name` with LODE_THREADPOOL_SIZE=size (NULL: unset);
 * its stdout goes to out. Returns the exit status. */
static int run_helper(const char* name, const char* size, char* out,
                      size_t outlen) {
  char envbuf[64];
  char* envp[256];
  int fds[2], status, n = 0, i;
  size_t got = 0;
  ssize_t r;
  pid_t pid;

  for (i = 0; environ[i] != NULL && n < 254; i++)
    if (strncmp(environ[i], "LODE_THREADPOOL_SIZE=", 21) != 0)
      envp[n++] = environ[i];
  if (size != NULL) {
    snprintf(envbuf, sizeof(envbuf), "LODE_THREADPOOL_SIZE=%s", size);
    envp[n++] = envbuf;
  }
  envp[n] = NULL;

  ASSERT_OK(pipe(fds));
  fflush(stdout);
  fflush(stderr);
  pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    char* argv[4];
    argv[0] = (char*) test_exe_path;
    argv[1] = (char*) "--helper";
    argv[2] = (char*) name;
    argv[3] = NULL;
    dup2(fds[1], 1);
    close(fds[0]);
    close(fds[1]);
    execve(test_exe_path, argv, envp);
    _exit(127);
  }
  close(fds[1]);
  while (got + 1 < outlen &&
         (r = read(fds[0], out + got, outlen - 1 - got)) != 0) {
    if (r < 0) {
      ASSERT_EQ(errno, EINTR);
      continue;
    }
    got += (size_t) r;
  }
  out[got] = '\0';
  close(fds[0]);
  while (waitpid(pid, &status, 0) < 0) ASSERT_EQ(errno, EINTR);
  ASSERT(WIFEXITED(status));
  return WEXITSTATUS(status);
}

HELPER_IMPL(threadpool_size) {
  (void) argc;
  (void) argv;
  printf("%u\n", lode_threadpool_size());
  fflush(stdout);
  return 0;
}

TEST_IMPL(threadpool_size_env) {
  char out[64];

  ASSERT_EQ(run_helper("threadpool_size", "7", out, sizeof(out)), 0);
  ASSERT_STR_EQ(out, "7\n");
  ASSERT_EQ(run_helper("threadpool_size", NULL, out, sizeof(out)), 0);
  ASSERT_STR_EQ(out, "4\n");
  ASSERT_EQ(run_helper("threadpool_size", "1", out, sizeof(out)), 0);
  ASSERT_STR_EQ(out, "1\n");
  /* Clamped to 1..1024. */
  ASSERT_EQ(run_helper("threadpool_size", "0", out, sizeof(out)), 0);
  ASSERT_STR_EQ(out, "1\n");
  ASSERT_EQ(run_helper("threadpool_size", "5000", out, sizeof(out)), 0);
  ASSERT_STR_EQ(out, "1024\n");
  ASSERT_EQ(run_helper("threadpool_size", "junk", out, sizeof(out)), 0);
  ASSERT_STR_EQ(out, "4\n");
  return 0;
}

/* With one worker the order of execution is the pool's pick order: fs and
 * user items must alternate while both lanes have work, and DNS takes its
 * turn too. */
static lode_mutex_t order_m;
static char order[64];
static int order_len;

struct lane_item {
  lode_req_t req;
  struct lode__work w;
  lode_loop_t* loop;
  char tag;
};

static void lane_work(struct lode__work* w) {
  struct lane_item* it = lode__queue_data(w, struct lane_item, w);
  lode_mutex_lock(&order_m);
  order[order_len++] = it->tag;
  lode_mutex_unlock(&order_m);
}

static void lane_done(struct lode__work* w, int status) {
  struct lane_item* it = lode__queue_data(w, struct lane_item, w);
  lode__req_unregister_m(it->loop, &it->req);
  if (status != 0) exit(3);
}

static void lane_submit(lode_loop_t* loop, struct lane_item* it, int lane,
                        char tag) {
  memset(it, 0, sizeof(*it));
  it->loop = loop;
  it->tag = tag;
  it->req.type = LODE_WORK;
  lode__req_register_m(loop, &it->req);
  lode__work_submit(loop, &it->w, lane, lane_work, lane_done);
}

HELPER_IMPL(threadpool_lane_order) {
  lode_loop_t loop;
  struct raw_item blocker;
  struct lane_item items[12];
  int i;

  (void) argc;
  (void) argv;
  if (lode_threadpool_size() != 1) return 2;
  gate_init(&gate);
  ASSERT_OK(lode_mutex_init(&order_m));
  ASSERT_OK(lode_loop_init(&loop));
  raw_submit(&loop, &blocker, LODE_WORK_LANE_USER, raw_gate_work);
  gate_wait_entered(&gate, 1);
  /* Queued in bursts per lane while the only worker is held. */
  for (i = 0; i < 4; i++) lane_submit(&loop, &items[i], LODE_WORK_LANE_USER, 'U');
  for (i = 4; i < 8; i++) lane_submit(&loop, &items[i], LODE_WORK_LANE_FS, 'F');
  for (i = 8; i < 10; i++) lane_submit(&loop, &items[i], LODE_WORK_LANE_DNS, 'D');
  gate_open(&gate);
  ASSERT_EQ(lode_run(&loop, LODE_RUN_DEFAULT), 0);
  ASSERT_LOOP_CLOSED(&loop);
  gate_destroy(&gate);
  lode_mutex_destroy(&order_m);
  order[order_len] = '\0';
  printf("%s\n", order);
  fflush(stdout);
  return 0;
}

TEST_IMPL(threadpool_lanes_fair) {
  char out[64];
  int i, len, u = 0, f = 0, d = 0;

  ASSERT_EQ(run_helper("threadpool_lane_order", "1", out, sizeof(out)), 0);
  len = (int) strlen(out);
  ASSERT_EQ(len, 11); /* 10 items and a newline */
  for (i = 0; i < 10; i++) {
    if (out[i] == 'U') u++;
    if (out[i] == 'F') f++;
    if (out[i] == 'D') d++;
  }
  ASSERT_EQ(u, 4);
  ASSERT_EQ(f, 4);
  ASSERT_EQ(d, 2);
  /* Round robin: while fs and user both wait, no lane runs twice in a row;
   * DNS is served within the first rounds, not after everything else. */
  for (i = 0; i + 1 < 6; i++)
    if (out[i] == out[i + 1]) TEST_FAIL_("lanes not interleaved: %s", out);
  ASSERT(strchr(out, 'D') - out < 3);
  return 0;
}

/* ---- the hand-over and the loop's lifetime ---- */

/* A worker pushes a finished item and then wakes the loop; the loop can
 * run the item's callback in between (woken by an earlier item) and be
 * closed and freed. lode_loop_close must wait for the worker to be done
 * with the loop: under ASan a worker touching a freed loop is reported.
 * Several items per loop so completions overlap wake-ups. */
TEST_IMPL(threadpool_loop_freed_after_close) {
  enum { ROUNDS = 500, ITEMS = 4 };
  lode_work_t reqs[ITEMS];
  lode_loop_t* loop;
  int round, i;

  reset_counts();
  for (round = 0; round < ROUNDS; round++) {
    loop = malloc(sizeof(*loop));
    ASSERT_NOT_NULL(loop);
    memset(loop, 0, sizeof(*loop));
    ASSERT_OK(lode_loop_init(loop));
    for (i = 0; i < ITEMS; i++)
      ASSERT_OK(lode_queue_work(loop, &reqs[i], noop_work, count_after));
    ASSERT_EQ(lode_run(loop, LODE_RUN_DEFAULT), 0);
    ASSERT_OK(lode_loop_close(loop));
    free(loop);
  }
  ASSERT_EQ(after_calls, ROUNDS * ITEMS);
  return 0;
}
