/*
 * jsprof.inc.c — a sampling profiler of lode's JavaScript (perf/, `make
 * prof`; never part of the normal build).
 *
 * callgrind and perf see Duktape's C functions, not which JS function the
 * interpreter is running, so they cannot say where a request's 78k
 * instructions go at the JS level. This can: every millisecond of CPU time
 * (setitimer ITIMER_PROF; the kernel rounds it up to its clock tick, 4 ms
 * at HZ=250, and the report gives the real figure) the signal handler asks
 * Duktape for an interrupt, and at the next bytecode boundary the
 * interrupt hook (DUK_USE_EXEC_TIMEOUT_CHECK, engine/duk_prof.h) records the running
 * function and line ("self") and every function on the call stack
 * ("inclusive"). Ticks that fall in C (a builtin, a binding, the loop, the
 * kernel) are charged where JS next runs: to the line that called the C
 * code, or to the first line of the callback C calls next (so a server's
 * read and parse show up on the request handler's first line).
 *
 * It reads Duktape's internal structures (the current thread, its
 * activations, a function's name, fileName and pc-to-line table), so it is
 * not a separate translation unit: the Makefile appends it to a copy of
 * Debian's duktape.c for the build/prof objects only. It follows
 * Duktape 2.7's internals; another Duktape version may need changes here.
 *
 * Use: make prof; LODE_PROF=out.txt build/prof/lode script.js. At exit
 * the file gets the tick count, the 60 hottest lines and the 100
 * functions with the most inclusive ticks.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>

#define JSPROF_SLOTS 16384 /* power of two; full table: samples are dropped */
#define JSPROF_DEPTH 256   /* call stack levels walked per sample */
#define JSPROF_WHOLE 0xffffffffu /* line of a whole-function entry */

typedef struct {
  const void* key; /* the function's bytecode buffer: shared by its closures */
  duk_uint32_t line; /* JSPROF_WHOLE for the inclusive entry */
  unsigned long samples;
  unsigned long seen; /* stack walk that last counted it (inclusive) */
  char* label;
} jsprof_entry_t;

static jsprof_entry_t jsprof_tab[JSPROF_SLOTS];
static duk_heap* jsprof_heap;
static const char* jsprof_path;
static volatile sig_atomic_t jsprof_pending; /* ticks not yet charged */
static unsigned long jsprof_total, jsprof_dropped, jsprof_native, jsprof_stack;
static double jsprof_cpu0; /* process CPU seconds at start */

static double jsprof_cpu(void) {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return (double) (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
         (double) (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

static duk_uint32_t jsprof_line_at(duk_hthread* thr, duk_hobject* f, duk_uint_fast32_t pc) {
  duk_tval* tv = duk_hobject_find_entry_tval_ptr_stridx(thr->heap, f, DUK_STRIDX_INT_PC2LINE);
  if (tv == NULL || !DUK_TVAL_IS_BUFFER(tv)) return 0;
  return (duk_uint32_t) duk__hobject_pc2line_query_raw(
      thr, (duk_hbuffer_fixed*) (void*) DUK_TVAL_GET_BUFFER(tv), pc);
}

/* The pc of an activation: the executor keeps the running one's in a
 * local that thr->ptr_curr_pc points to. */
static duk_uint_fast32_t jsprof_pc(duk_hthread* thr, duk_activation* act) {
  duk_instr_t* base = DUK_HCOMPFUNC_GET_CODE_BASE(thr->heap, (duk_hcompfunc*) act->func);
  duk_instr_t* pc = act == thr->callstack_curr && thr->ptr_curr_pc != NULL ? *thr->ptr_curr_pc
                                                                            : act->curr_pc;
  return pc > base ? (duk_uint_fast32_t) (pc - base - 1) : 0;
}

static const char* jsprof_string(duk_hthread* thr, duk_hobject* f, duk_small_uint_t stridx) {
  duk_tval* tv = duk_hobject_find_entry_tval_ptr_stridx(thr->heap, f, stridx);
  if (tv == NULL || !DUK_TVAL_IS_STRING(tv)) return "";
  return (const char*) DUK_HSTRING_GET_DATA(DUK_TVAL_GET_STRING(tv));
}

static jsprof_entry_t* jsprof_entry(duk_hthread* thr, duk_hobject* f, duk_uint32_t line) {
  const void* key = DUK_HCOMPFUNC_GET_DATA(thr->heap, (duk_hcompfunc*) f);
  size_t h = (((size_t) key >> 4) * 2654435761u + line * 40503u) & (JSPROF_SLOTS - 1);
  size_t probes = 0;
  while (jsprof_tab[h].key != NULL && !(jsprof_tab[h].key == key && jsprof_tab[h].line == line)) {
    if (++probes == JSPROF_SLOTS) return NULL;
    h = (h + 1) & (JSPROF_SLOTS - 1);
  }
  if (jsprof_tab[h].key == NULL) {
    /* The label is made now: the function may be gone at exit. */
    char buf[512];
    const char* name = jsprof_string(thr, f, DUK_STRIDX_NAME);
    snprintf(buf, sizeof(buf), "%s (%s:%lu)", *name ? name : "<anonymous>",
             jsprof_string(thr, f, DUK_STRIDX_FILE_NAME),
             (unsigned long) (line == JSPROF_WHOLE ? jsprof_line_at(thr, f, 0) : line));
    jsprof_tab[h].label = strdup(buf);
    if (jsprof_tab[h].label == NULL) return NULL;
    jsprof_tab[h].key = key;
    jsprof_tab[h].line = line;
  }
  return &jsprof_tab[h];
}

/* DUK_USE_EXEC_TIMEOUT_CHECK: called at Duktape's interrupts; samples
 * when the timer asked for one. Never reports a timeout. */
int lode_jsprof_check(void* udata) {
  duk_hthread* thr;
  duk_activation* act;
  jsprof_entry_t* e;
  unsigned long ticks;
  int depth = 0;
  (void) udata;
  if (!jsprof_pending || jsprof_heap == NULL) return 0;
  ticks = (unsigned long) jsprof_pending;
  jsprof_pending = 0;
  thr = jsprof_heap->curr_thread;
  if (thr == NULL || thr->callstack_curr == NULL) return 0;
  jsprof_total += ticks;
  jsprof_stack++;
  act = thr->callstack_curr;
  if (act->func == NULL || !DUK_HOBJECT_IS_COMPFUNC(act->func)) {
    jsprof_native += ticks;
    return 0;
  }
  e = jsprof_entry(thr, act->func, jsprof_line_at(thr, act->func, jsprof_pc(thr, act)));
  if (e == NULL) jsprof_dropped += ticks;
  else e->samples += ticks;
  for (; act != NULL && depth < JSPROF_DEPTH; act = act->parent, depth++) {
    if (act->func == NULL || !DUK_HOBJECT_IS_COMPFUNC(act->func)) continue;
    e = jsprof_entry(thr, act->func, JSPROF_WHOLE);
    if (e != NULL && e->seen != jsprof_stack) { /* recursion counts once */
      e->seen = jsprof_stack;
      e->samples += ticks;
    }
  }
  return 0;
}

static void jsprof_signal(int sig) {
  (void) sig;
  jsprof_pending++;
  /* The executor counts down to its next interrupt: make it now. */
  if (jsprof_heap != NULL && jsprof_heap->curr_thread != NULL)
    jsprof_heap->curr_thread->interrupt_counter = 0;
}

static int jsprof_cmp(const void* a, const void* b) {
  const jsprof_entry_t* x = (const jsprof_entry_t*) a;
  const jsprof_entry_t* y = (const jsprof_entry_t*) b;
  return x->samples < y->samples ? 1 : x->samples > y->samples ? -1 : 0;
}

static void jsprof_print(FILE* out, jsprof_entry_t* v, size_t n, int whole, size_t max) {
  size_t i, shown = 0;
  for (i = 0; i < n && shown < max; i++) {
    if ((v[i].line == JSPROF_WHOLE) != whole) continue;
    fprintf(out, "%6.2f%% %7lu  %s\n", 100.0 * (double) v[i].samples / (double) jsprof_total,
            v[i].samples, v[i].label);
    shown++;
  }
}

static void jsprof_dump(void) {
  struct itimerval off;
  jsprof_entry_t* v;
  size_t i, n = 0;
  FILE* out;
  memset(&off, 0, sizeof(off));
  setitimer(ITIMER_PROF, &off, NULL);
  out = fopen(jsprof_path, "w");
  v = (jsprof_entry_t*) malloc(sizeof(jsprof_entry_t) * JSPROF_SLOTS);
  if (out == NULL || v == NULL) {
    fprintf(stderr, "lode: LODE_PROF: cannot write %s\n", jsprof_path);
    if (out != NULL) fclose(out);
    free(v);
    return;
  }
  for (i = 0; i < JSPROF_SLOTS; i++)
    if (jsprof_tab[i].key != NULL) v[n++] = jsprof_tab[i];
  qsort(v, n, sizeof(v[0]), jsprof_cmp);
  /* The kernel checks CPU timers at its clock ticks: a tick is 1 ms at
   * HZ=1000, 4 ms at 250. */
  fprintf(out, "# lode JS profile: %lu ticks over %.2f s of CPU (%.2f ms each), %lu charged to"
          " a native function called from C, %lu dropped\n", jsprof_total,
          jsprof_cpu() - jsprof_cpu0,
          jsprof_total > 0 ? (jsprof_cpu() - jsprof_cpu0) * 1000 / (double) jsprof_total : 0.0,
          jsprof_native, jsprof_dropped);
  if (jsprof_total > 0) {
    fprintf(out, "# self: the line running at the first JS instruction after the tick\n");
    jsprof_print(out, v, n, 0, 60);
    fprintf(out, "# inclusive: functions on the stack (by first line)\n");
    jsprof_print(out, v, n, 1, 100);
  }
  fclose(out);
  free(v);
}

/* Starts sampling the heap of ctx when LODE_PROF names an output file. */
void lode_jsprof_start(duk_hthread* ctx) {
  struct sigaction sa;
  struct itimerval every;
  jsprof_path = getenv("LODE_PROF");
  if (jsprof_path == NULL || *jsprof_path == '\0') return;
  jsprof_heap = ctx->heap;
  jsprof_cpu0 = jsprof_cpu();
  memset(&sa, 0, sizeof(sa));
  sa.sa_handler = jsprof_signal;
  sa.sa_flags = SA_RESTART;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGPROF, &sa, NULL);
  memset(&every, 0, sizeof(every));
  every.it_interval.tv_usec = 1000;
  every.it_value.tv_usec = 1000;
  setitimer(ITIMER_PROF, &every, NULL);
  atexit(jsprof_dump);
}
