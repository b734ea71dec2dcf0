/*
 * timers.c — internalBinding('timers'): setTimeout, setInterval,
 * setImmediate, their clear* and the Timeout/Immediate objects, kept in C
 * (layer: modules/; the JS half, prototypes and timers/promises, is
 * stdlib/timers.js).
 *
 * Node's algorithm (lib/internal/timers.js), moved out of JS because in
 * Duktape every JS call, every property access and every object with own
 * properties is expensive:
 *
 * - Every live Timeout or Immediate owns a slot: a 24-byte C record, and
 *   the JS object itself, which has no own properties (its fields are
 *   accessors on the prototype asking C). setTimeout is one C call and
 *   one 64-byte object.
 * - JS values C keeps (the objects, the callbacks, argument arrays) sit
 *   in two tables of chunks; a chunk is a Duktape thread used only for
 *   its value stack, so an indexed read or write is a duk_dup/duk_replace
 *   (~30 instructions) instead of an array property access (~250). C
 *   names them by slot or value id. One callback used by many timers is
 *   stored once (a small cache keyed by the function).
 * - Timeouts with the same duration share one FIFO list (start order, so
 *   the head expires first); the lists sit in a binary heap by (expiry,
 *   id); one loop timer is armed for the earliest expiry. Inserting is
 *   O(1) for a known duration.
 * - Callbacks run in batches under one duk_safe_call; between two of
 *   them queued nextTicks and microtasks run, as in Node, except right
 *   after a callback that threw (Node re-enters processTimers without
 *   draining first; between two lists it does drain).
 * - A Timeout that fired or was cleared releases its slot: its state goes
 *   to a "dormant" prototype object (Object.create(Timeout.prototype)
 *   with the state under a hidden key), shared by timers with the same
 *   state, so retiring a timer allocates nothing. Methods on such an
 *   object (refresh revives it, hasRef, +timer) read that state; changing
 *   it gives the object its own copy. XXX: Object.getPrototypeOf() of a
 *   fired or cleared Timeout is therefore not Timeout.prototype itself.
 * - Immediates: one FIFO; a check phase runs the ones queued before it
 *   started ("outstanding", as Node). While a referenced one is queued,
 *   an idle handle keeps the loop alive and the poll phase from blocking.
 * - Finding the slot of an object (clearTimeout(t), t.unref()) needs an
 *   index by object (heap pointer -> slot, valid while the slot holds
 *   the object); it is built on the first such call and maintained from
 *   then on, so programs that never look a timer up never pay for it.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"

#define NIL 0u
#define TIMEOUT_MAX 2147483647.0
#define CH_BITS 12
#define CH_SIZE (1u << CH_BITS)
#define CH_MASK (CH_SIZE - 1)
#define HIDDEN DUK_HIDDEN_SYMBOL("lodeTimer")

/* The store: stash.lodeTimers, an array. Fixed entries first, then the
 * chunks: object chunk k at ST_CHUNKS + 2k, value chunk k at + 2k + 1. */
enum {
  ST_TIMEOUT_PROTO,
  ST_IMMEDIATE_PROTO,
  ST_IMMEDIATE_DONE,
  ST_INVALID_CALLBACK,
  ST_OVERFLOW_WARNING,
  ST_CHUNKS
};
#define TAB_OBJS 0
#define TAB_VALS 1

/* slot flags */
#define F_TIMEOUT 0x01u
#define F_IMMEDIATE 0x02u
#define F_REFED 0x04u
#define F_REPEAT 0x08u
#define F_ARGS 0x10u    /* cb holds [callback, arg1, ...] */
#define F_ACTIVE 0x20u  /* in a timer list or an immediate queue */
#define F_RUNNING 0x40u /* its callback is on the stack */
#define F_DEAD 0x80u    /* retired while running: release after the call */
#define F_PRIM 0x100u   /* has a primitive id (+timer) */
#define F_NOCB 0x200u   /* cleared: keeps its arguments, runs nothing */
/* Flags a dormant Timeout keeps (state[S_FLAGS]). */
#define DORMANT_FLAGS (F_REFED | F_REPEAT | F_ARGS | F_NOCB)

/* dormant state array: [callback value, _idleTimeout, flags,
 * _idleStart, primitive id or 0, _repeat] */
enum { S_CB, S_MSECS, S_FLAGS, S_START, S_PRIM, S_REPEAT, S_LEN };

typedef struct {
  uint32_t next, prev; /* list or queue links; free slots chain by next */
  uint32_t cb;         /* value id of the callback (0: cleared) */
  uint32_t list;       /* timeouts: their list while ACTIVE or RUNNING */
  uint32_t start;      /* timeouts: _idleStart, low 32 bits of loop ms */
  uint32_t flags;      /* 0 for a free slot */
} slot_t;

typedef struct {
  double msecs, expiry;
  uint64_t id; /* ties between equal expiries: older list first */
  uint32_t head, tail;
  uint32_t heap_pos; /* UINT32_MAX when out of the heap */
  int pinned;        /* being run: freed by the runner, not by cleanup */
  int dead;          /* detached while pinned */
} tlist_t;

/* uint64 -> uint32 hash map: linear probing, backward-shift deletion. */
typedef struct {
  uint64_t key;
  uint32_t val;
  uint32_t used;
} mapent_t;
typedef struct {
  mapent_t* e;
  uint32_t cap, n; /* cap: 0 or a power of two */
} map_t;

static lode_engine_t* eng;
static lode_loop_t* loop;
static lode_timer_t timer_handle;
static lode_check_t check_handle;
static lode_idle_t idle_handle;
static int initialized;

static slot_t* slots;
static uint32_t slots_cap, slots_top = 1, slots_free;

static uint32_t* vref; /* value refcounts */
static void** vfn;     /* the function a cached callback id holds */
static uint32_t vals_cap, vals_top = 1, vals_free;

static tlist_t* lists;
static uint32_t lists_cap, lists_top = 1, lists_free;
static uint32_t* lheap;
static uint32_t lheap_n, lheap_cap;
static uint64_t next_list_id;
static map_t lists_by_msecs; /* durations that are not small integers */
#define SMALL_MSECS 4096
static uint32_t small_lists[SMALL_MSECS]; /* integer durations below that */
static double next_expiry = INFINITY;
static uint32_t timer_refcount;

static uint32_t imm_head, imm_tail; /* queued for the next check phase */
static uint32_t out_head, out_tail; /* the check phase now running */
static uint32_t imm_refcount;

static int objmap_built;
static map_t objmap;      /* object heap pointer -> slot (lookups only) */
static map_t prim_to_slot; /* +timer -> slot while active */
static map_t slot_to_prim;
static uint32_t next_prim_id = 1;

/* Callback id cache: the same function passed again reuses its id. */
#define CB_CACHE 256
static struct {
  void* fn;
  uint32_t vid;
} cb_cache[CB_CACHE];

/* Dormant prototypes by state. An entry holds a reference to its
 * callback id, so the id cannot be reused for another function while
 * the entry names it. */
#define D_CACHE 256
static struct {
  uint32_t cb, flags, start, dvid;
  double msecs, repeat;
} d_cache[D_CACHE];

static void on_timer(lode_timer_t* t);

/* ---- small helpers ---- */

static void* grow(void* p, uint32_t* cap, size_t elem, uint32_t need) {
  uint32_t n = *cap ? *cap : 64;
  while (n < need) n *= 2;
  if (n == *cap) return p;
  p = realloc(p, (size_t) n * elem);
  if (p == NULL) {
    fprintf(stderr, "lode: out of memory (timers)\n");
    abort();
  }
  *cap = n;
  return p;
}

static uint32_t hash64(uint64_t k) {
  k ^= k >> 33;
  k *= 0xff51afd7ed558ccdULL;
  k ^= k >> 33;
  return (uint32_t) k;
}

static uint64_t dbl_key(double d) {
  uint64_t k;
  memcpy(&k, &d, sizeof k);
  return k;
}

static int map_get(const map_t* m, uint64_t key, uint32_t* val) {
  uint32_t i;
  if (m->cap == 0) return 0;
  for (i = hash64(key) & (m->cap - 1); m->e[i].used; i = (i + 1) & (m->cap - 1))
    if (m->e[i].key == key) {
      *val = m->e[i].val;
      return 1;
    }
  return 0;
}

static void map_put(map_t* m, uint64_t key, uint32_t val);

static void map_resize(map_t* m, uint32_t cap) {
  mapent_t* old = m->e;
  uint32_t i, oldcap = m->cap;
  m->e = calloc(cap, sizeof(mapent_t));
  if (m->e == NULL) {
    fprintf(stderr, "lode: out of memory (timers)\n");
    abort();
  }
  m->cap = cap;
  m->n = 0;
  for (i = 0; i < oldcap; i++)
    if (old[i].used) map_put(m, old[i].key, old[i].val);
  free(old);
}

static void map_put(map_t* m, uint64_t key, uint32_t val) {
  uint32_t i;
  if ((m->n + 1) * 4 > m->cap * 3) map_resize(m, m->cap ? m->cap * 2 : 16);
  for (i = hash64(key) & (m->cap - 1); m->e[i].used; i = (i + 1) & (m->cap - 1))
    if (m->e[i].key == key) {
      m->e[i].val = val;
      return;
    }
  m->e[i].key = key;
  m->e[i].val = val;
  m->e[i].used = 1;
  m->n++;
}

static void map_del(map_t* m, uint64_t key) {
  uint32_t i, j, h, mask = m->cap - 1;
  if (m->cap == 0) return;
  for (i = hash64(key) & mask; m->e[i].used; i = (i + 1) & mask)
    if (m->e[i].key == key) break;
  if (!m->e[i].used) return;
  /* Backward shift: move later entries of the run into the hole when
   * their home position allows it. */
  for (j = (i + 1) & mask; m->e[j].used; j = (j + 1) & mask) {
    h = hash64(m->e[j].key) & mask;
    if (((j - h) & mask) >= ((j - i) & mask)) {
      m->e[i] = m->e[j];
      i = j;
    }
  }
  m->e[i].used = 0;
  m->n--;
}

/* ---- the store and the value table ---- */

/* The store, its chunks and Timeout.prototype are created once and never
 * leave the stash, so C keeps borrowed pointers to them (valid while
 * reachable: duk_push_heapptr's contract; a chunk thread's duk_context
 * is its heap pointer): a property read costs ~200 instructions in
 * Duktape, and setTimeout would otherwise need four. Every other JS value
 * C keeps is named by id. */
static void* store_ptr;
static void* timeout_proto_ptr;
static duk_context** chunk_thr[2];
static uint32_t chunk_n[2], chunk_cap[2];

/* [ ... ] → [ ... store ]; returns its index. */
static duk_idx_t push_store(duk_context* ctx) {
  return duk_push_heapptr(ctx, store_ptr);
}

/* While a batch of callbacks runs (on_timer, on_check), a cursor keeps
 * the two values used last (the callback, the dormant prototype) on the
 * value stack, so most lookups cost a duk_dup. Cached value ids are
 * dropped when released (val_release). */
typedef struct {
  duk_idx_t st;
  duk_idx_t val[2]; /* stack slots: recently pushed values */
  uint32_t val_id[2];
  int val_next;
} cursor_t;

/* cur: usable in the current C frame; batch: the open one, also while a
 * callback runs (C functions called from JS have their own frames, so
 * cur is NULL then; batch still gets its value ids invalidated). */
static cursor_t* cur;
static cursor_t* batch;

/* [ ... ] → [ ... store undefined undefined ]: opens the cursor c. */
static void cursor_open(duk_context* ctx, cursor_t* c) {
  c->st = push_store(ctx);
  c->val[0] = c->st + 1;
  c->val[1] = c->st + 2;
  c->val_id[0] = c->val_id[1] = NIL;
  c->val_next = 0;
  duk_set_top(ctx, c->st + 3);
  cur = batch = c;
}

static void cursor_close(void) {
  cur = batch = NULL;
}

/* A table is a list of chunks; a chunk is a Duktape thread used only for
 * its value stack, CH_SIZE slots long: indexed reads and writes there
 * (duk_dup, duk_replace, duk_xmove_top) cost a few dozen instructions,
 * against ~250 for an array element through the property machinery. */

/* [ ... ] → [ ... v ]: entry id of table tab. */
static void tab_get(duk_context* ctx, duk_idx_t st, int tab, uint32_t id) {
  uint32_t no = id >> CH_BITS;
  duk_context* thr;
  (void) st;
  if (no >= chunk_n[tab]) {
    duk_push_undefined(ctx);
    return;
  }
  thr = chunk_thr[tab][no];
  duk_dup(thr, (duk_idx_t) (id & CH_MASK));
  duk_xmove_top(ctx, thr, 1);
}

/* [ ... v ] → [ ... ]: sets entry id of table tab. Chunks are created in
 * order: ids grow one at a time. */
static void tab_put(duk_context* ctx, duk_idx_t st, int tab, uint32_t id) {
  uint32_t no = id >> CH_BITS;
  duk_context* thr;
  while (no >= chunk_n[tab]) {
    uint32_t n = chunk_n[tab];
    chunk_thr[tab] = grow(chunk_thr[tab], &chunk_cap[tab], sizeof(void*), n + 1);
    duk_push_thread(ctx);
    thr = duk_get_context(ctx, -1);
    /* CH_SIZE slots plus room for one push (the value in transit).
     * Duktape grows a value stack to the size asked plus 25% slack (plus
     * 32 internal slots); asking for 80% first makes that one growth land
     * on the final size, and the second request fits without another.
     * Only memory depends on this arithmetic, never correctness. */
    duk_require_stack(thr, (duk_idx_t) ((CH_SIZE + 1 + 32) * 4 / 5 + 1 - 32));
    duk_require_stack(thr, (duk_idx_t) CH_SIZE + 1);
    duk_set_top(thr, (duk_idx_t) CH_SIZE);
    chunk_thr[tab][n] = thr;
    lode_duk_put_index(ctx, st, ST_CHUNKS + 2 * n + tab);
    chunk_n[tab] = n + 1;
  }
  thr = chunk_thr[tab][no];
  duk_xmove_top(thr, ctx, 1);
  duk_replace(thr, (duk_idx_t) (id & CH_MASK));
}

/* [ ... ] → [ ... v ]: value id, through the cursor's cache. */
static void push_val(duk_context* ctx, duk_idx_t st, uint32_t id) {
  int k;
  if (cur != NULL) {
    if (cur->val_id[0] == id) {
      duk_dup(ctx, cur->val[0]);
      return;
    }
    if (cur->val_id[1] == id) {
      duk_dup(ctx, cur->val[1]);
      return;
    }
  }
  tab_get(ctx, st, TAB_VALS, id);
  if (cur != NULL) {
    k = cur->val_next;
    cur->val_next ^= 1;
    duk_dup_top(ctx);
    duk_replace(ctx, cur->val[k]);
    cur->val_id[k] = id;
  }
}

static void tab_clear(duk_context* ctx, duk_idx_t st, int tab, uint32_t id) {
  duk_context* thr = chunk_thr[tab][id >> CH_BITS];
  (void) ctx;
  (void) st;
  duk_push_undefined(thr);
  duk_replace(thr, (duk_idx_t) (id & CH_MASK));
}

/* Stores the value at idx (refcount 1); returns its id. */
static uint32_t val_new(duk_context* ctx, duk_idx_t st, duk_idx_t idx) {
  uint32_t id;
  idx = duk_normalize_index(ctx, idx);
  if (vals_free != NIL) {
    id = vals_free;
    vals_free = (uint32_t) (uintptr_t) vfn[id];
  } else {
    id = vals_top++;
    if (id >= vals_cap) {
      uint32_t cap = vals_cap;
      vref = grow(vref, &cap, sizeof(uint32_t), id + 1);
      vfn = grow(vfn, &vals_cap, sizeof(void*), id + 1);
    }
  }
  vref[id] = 1;
  vfn[id] = NULL;
  duk_dup(ctx, idx);
  tab_put(ctx, st, TAB_VALS, id);
  return id;
}

static uint32_t cb_slot(void* fn) {
  uintptr_t p = (uintptr_t) fn;
  return (uint32_t) ((p >> 4) ^ (p >> 12)) & (CB_CACHE - 1);
}

/* The id of the function at idx, shared with earlier users of the same
 * function while the id lives. */
static uint32_t val_fn(duk_context* ctx, duk_idx_t st, duk_idx_t idx) {
  void* fn = duk_get_heapptr(ctx, idx);
  uint32_t c = cb_slot(fn), id;
  if (cb_cache[c].fn == fn) {
    vref[cb_cache[c].vid]++;
    return cb_cache[c].vid;
  }
  id = val_new(ctx, st, idx);
  vfn[id] = fn;
  cb_cache[c].fn = fn;
  cb_cache[c].vid = id;
  return id;
}

static void val_release(duk_context* ctx, duk_idx_t st, uint32_t id) {
  if (id == NIL || --vref[id] > 0) return;
  if (vfn[id] != NULL) {
    uint32_t c = cb_slot(vfn[id]);
    if (cb_cache[c].vid == id) {
      cb_cache[c].fn = NULL;
      cb_cache[c].vid = NIL;
    }
  }
  if (batch != NULL) {
    if (batch->val_id[0] == id) batch->val_id[0] = NIL;
    if (batch->val_id[1] == id) batch->val_id[1] = NIL;
  }
  tab_clear(ctx, st, TAB_VALS, id);
  vfn[id] = (void*) (uintptr_t) vals_free;
  vals_free = id;
}

/* The callback value for a new slot: the function at idx, or, with extra
 * arguments (the nargs values from args), [function, args...]. */
static uint32_t val_callback(duk_context* ctx, duk_idx_t st, duk_idx_t idx,
                             duk_idx_t args, duk_idx_t nargs, uint32_t* flags) {
  duk_idx_t i;
  uint32_t id;
  if (nargs <= 0) return val_fn(ctx, st, idx);
  duk_push_array(ctx);
  duk_dup(ctx, idx);
  lode_duk_put_index(ctx, -2, 0);
  for (i = 0; i < nargs; i++) {
    duk_dup(ctx, args + i);
    lode_duk_put_index(ctx, -2, (duk_uarridx_t) i + 1);
  }
  id = val_new(ctx, st, -1);
  duk_pop(ctx);
  *flags |= F_ARGS;
  return id;
}

/* [ ... ] → [ ... fn args... ]; returns the number of args. */
static duk_idx_t push_callback(duk_context* ctx, duk_idx_t st, uint32_t cb,
                               uint32_t flags) {
  duk_idx_t n, i, arr;
  push_val(ctx, st, cb);
  if (!(flags & F_ARGS)) return 0;
  arr = duk_get_top_index(ctx);
  n = (duk_idx_t) duk_get_length(ctx, arr) - 1;
  duk_require_stack(ctx, n + 8);
  lode_duk_get_index(ctx, arr, 0);
  duk_replace(ctx, arr);
  for (i = 0; i < n; i++) {
    push_val(ctx, st, cb);
    lode_duk_get_index(ctx, -1, (duk_uarridx_t) i + 1);
    duk_remove(ctx, -2);
  }
  return n;
}

/* ---- slots ---- */

static uint32_t slot_alloc(void) {
  uint32_t s;
  if (slots_free != NIL) {
    s = slots_free;
    slots_free = slots[s].next;
  } else {
    s = slots_top;
    slots = grow(slots, &slots_cap, sizeof(slot_t), s + 1);
    slots_top++;
  }
  memset(&slots[s], 0, sizeof(slot_t));
  return s;
}

/* Drops the object and the callback; the slot becomes free. */
static void slot_release(duk_context* ctx, duk_idx_t st, uint32_t s) {
  uint32_t cb = slots[s].cb;
  if (slots[s].flags & F_PRIM) {
    uint32_t prim;
    if (map_get(&slot_to_prim, s, &prim)) map_del(&prim_to_slot, prim);
    map_del(&slot_to_prim, s);
  }
  slots[s].flags = 0;
  slots[s].cb = NIL;
  slots[s].next = slots_free;
  slots_free = s;
  tab_clear(ctx, st, TAB_OBJS, s);
  val_release(ctx, st, cb);
}

static void objmap_build(duk_context* ctx, duk_idx_t st) {
  uint32_t s;
  objmap_built = 1;
  for (s = 1; s < slots_top; s++) {
    if (!(slots[s].flags & (F_TIMEOUT | F_IMMEDIATE)) || (slots[s].flags & F_DEAD))
      continue;
    tab_get(ctx, st, TAB_OBJS, s);
    map_put(&objmap, (uint64_t) (uintptr_t) duk_get_heapptr(ctx, -1), s);
    duk_pop(ctx);
  }
}

static void objmap_add(duk_context* ctx, duk_idx_t obj, uint32_t s) {
  if (objmap_built) map_put(&objmap, (uint64_t) (uintptr_t) duk_get_heapptr(ctx, obj), s);
}

static void objmap_remove(duk_context* ctx, duk_idx_t obj) {
  if (objmap_built) map_del(&objmap, (uint64_t) (uintptr_t) duk_get_heapptr(ctx, obj));
}

/* The active slot of the object at idx with kind flag, or NIL. */
static uint32_t find_active(duk_context* ctx, duk_idx_t st, duk_idx_t idx, uint32_t kind) {
  uint32_t s;
  if (!duk_is_object(ctx, idx)) return NIL;
  if (!objmap_built) objmap_build(ctx, st);
  if (!map_get(&objmap, (uint64_t) (uintptr_t) duk_get_heapptr(ctx, idx), &s)) return NIL;
  return (slots[s].flags & kind) && !(slots[s].flags & F_DEAD) ? s : NIL;
}

/* ---- the heap of timer lists ---- */

static int list_less(uint32_t a, uint32_t b) {
  return lists[a].expiry < lists[b].expiry ||
         (lists[a].expiry == lists[b].expiry && lists[a].id < lists[b].id);
}

static void lheap_set(uint32_t i, uint32_t l) {
  lheap[i] = l;
  lists[l].heap_pos = i;
}

static void lheap_up(uint32_t i) {
  uint32_t l = lheap[i], p;
  while (i > 0) {
    p = (i - 1) / 2;
    if (!list_less(l, lheap[p])) break;
    lheap_set(i, lheap[p]);
    i = p;
  }
  lheap_set(i, l);
}

static void lheap_down(uint32_t i) {
  uint32_t l = lheap[i], c;
  for (;;) {
    c = 2 * i + 1;
    if (c >= lheap_n) break;
    if (c + 1 < lheap_n && list_less(lheap[c + 1], lheap[c])) c++;
    if (!list_less(lheap[c], l)) break;
    lheap_set(i, lheap[c]);
    i = c;
  }
  lheap_set(i, l);
}

static void lheap_remove(uint32_t l) {
  uint32_t i = lists[l].heap_pos, last = lheap[--lheap_n];
  lists[l].heap_pos = UINT32_MAX;
  if (last != l) {
    lheap_set(i, last);
    lheap_up(i);
    lheap_down(lists[last].heap_pos);
  }
}

static void list_free(uint32_t l) {
  lists[l].head = lists_free;
  lists_free = l;
}

static int list_find(double msecs, uint32_t* l) {
  if (msecs < SMALL_MSECS && msecs == (double) (uint32_t) msecs) {
    *l = small_lists[(uint32_t) msecs];
    return *l != NIL;
  }
  return map_get(&lists_by_msecs, dbl_key(msecs), l);
}

static void list_map_set(double msecs, uint32_t l) {
  if (msecs < SMALL_MSECS && msecs == (double) (uint32_t) msecs)
    small_lists[(uint32_t) msecs] = l;
  else if (l == NIL)
    map_del(&lists_by_msecs, dbl_key(msecs));
  else
    map_put(&lists_by_msecs, dbl_key(msecs), l);
}

/* Takes an empty list out of the map and the heap. */
static void list_detach(uint32_t l) {
  list_map_set(lists[l].msecs, NIL);
  if (lists[l].heap_pos != UINT32_MAX) lheap_remove(l);
  if (lists[l].pinned)
    lists[l].dead = 1;
  else
    list_free(l);
}

static void list_unlink(uint32_t l, uint32_t s) {
  slot_t* r = &slots[s];
  if (r->prev != NIL)
    slots[r->prev].next = r->next;
  else
    lists[l].head = r->next;
  if (r->next != NIL)
    slots[r->next].prev = r->prev;
  else
    lists[l].tail = r->prev;
  r->next = r->prev = NIL;
  r->flags &= ~F_ACTIVE;
}

static void schedule(double msecs) {
  lode_timer_start(&timer_handle, on_timer, msecs < 1 ? 1 : (uint64_t) msecs, 0);
}

static void timer_ref_inc(void) {
  if (timer_refcount++ == 0) lode_ref((lode_handle_t*) &timer_handle);
}

static void timer_ref_dec(void) {
  if (--timer_refcount == 0) lode_unref((lode_handle_t*) &timer_handle);
}

/* Appends slot s to the list for msecs (Node's insert). */
static void timer_insert(uint32_t s, double msecs, uint64_t start) {
  uint32_t l;
  slots[s].start = (uint32_t) start;
  if (!list_find(msecs, &l)) {
    double expiry = (double) start + msecs;
    if (lists_free != NIL) {
      l = lists_free;
      lists_free = lists[l].head;
    } else {
      l = lists_top++;
      lists = grow(lists, &lists_cap, sizeof(tlist_t), lists_top);
    }
    memset(&lists[l], 0, sizeof(tlist_t));
    lists[l].msecs = msecs;
    lists[l].expiry = expiry;
    lists[l].id = next_list_id++;
    list_map_set(msecs, l);
    lheap = grow(lheap, &lheap_cap, sizeof(uint32_t), lheap_n + 1);
    lheap[lheap_n] = l;
    lists[l].heap_pos = lheap_n++;
    lheap_up(lheap_n - 1);
    if (next_expiry > expiry) {
      schedule(msecs);
      next_expiry = expiry;
    }
  }
  slots[s].list = l;
  slots[s].prev = lists[l].tail;
  slots[s].next = NIL;
  if (lists[l].tail != NIL)
    slots[lists[l].tail].next = s;
  else
    lists[l].head = s;
  lists[l].tail = s;
  slots[s].flags |= F_ACTIVE;
}

/* Takes an active timeout out of its list; drops the list when empty. */
static void timer_remove(uint32_t s) {
  uint32_t l = slots[s].list;
  list_unlink(l, s);
  if (lists[l].head == NIL && !lists[l].dead) list_detach(l);
}

/* The full loop time of a stored start (timers never live 49 days). */
static double full_start(uint32_t start) {
  uint64_t now = lode_now(loop);
  return (double) (now - (uint32_t) ((uint32_t) now - start));
}

/* ---- dormant Timeouts ---- */

/* The dormant state of slot s: cleared (clearTimeout) or fired. */
static uint32_t dormant_flags(uint32_t s, int cleared) {
  return (slots[s].flags & DORMANT_FLAGS) | (cleared ? F_NOCB : 0);
}

static double dormant_repeat(uint32_t s) {
  return (slots[s].flags & F_REPEAT) ? lists[slots[s].list].msecs : -1;
}

/* [ ... ] → [ ... state ] for slot s. */
static void push_state(duk_context* ctx, duk_idx_t st, uint32_t s, int cleared) {
  uint32_t prim = 0;
  double repeat = dormant_repeat(s);
  duk_push_array(ctx);
  if (slots[s].cb == NIL)
    duk_push_null(ctx);
  else
    push_val(ctx, st, slots[s].cb);
  lode_duk_put_index(ctx, -2, S_CB);
  duk_push_number(ctx, cleared ? -1 : lists[slots[s].list].msecs);
  lode_duk_put_index(ctx, -2, S_MSECS);
  duk_push_uint(ctx, dormant_flags(s, cleared));
  lode_duk_put_index(ctx, -2, S_FLAGS);
  duk_push_number(ctx, full_start(slots[s].start));
  lode_duk_put_index(ctx, -2, S_START);
  if (slots[s].flags & F_PRIM) map_get(&slot_to_prim, s, &prim);
  duk_push_uint(ctx, prim);
  lode_duk_put_index(ctx, -2, S_PRIM);
  if (repeat < 0)
    duk_push_null(ctx);
  else
    duk_push_number(ctx, repeat);
  lode_duk_put_index(ctx, -2, S_REPEAT);
}

/* Gives the object at obj the state of slot s: a shared dormant
 * prototype when one with that state exists, else a new one; with a
 * primitive id (unique per timer), an own state. */
static void make_dormant(duk_context* ctx, duk_idx_t st, duk_idx_t obj, uint32_t s,
                         int cleared) {
  uint32_t cb = slots[s].cb;
  uint32_t flags = dormant_flags(s, cleared);
  double msecs = cleared ? -1 : lists[slots[s].list].msecs;
  double repeat = dormant_repeat(s);
  uint32_t c;

  obj = duk_normalize_index(ctx, obj);
  if (slots[s].flags & F_PRIM) {
    push_state(ctx, st, s, cleared);
    lode_put_lit(ctx, obj, HIDDEN);
    return;
  }
  c = (hash64(dbl_key(msecs) ^ ((uint64_t) cb << 32) ^ ((uint64_t) flags << 20) ^
              slots[s].start ^ dbl_key(repeat)) & (D_CACHE - 1));
  if (d_cache[c].dvid == NIL || d_cache[c].cb != cb || d_cache[c].flags != flags ||
      d_cache[c].start != slots[s].start || d_cache[c].msecs != msecs ||
      d_cache[c].repeat != repeat) {
    if (d_cache[c].dvid != NIL) {
      val_release(ctx, st, d_cache[c].dvid);
      val_release(ctx, st, d_cache[c].cb);
    }
    duk_push_object(ctx);
    duk_push_heapptr(ctx, timeout_proto_ptr);
    duk_set_prototype(ctx, -2);
    push_state(ctx, st, s, cleared);
    lode_put_lit(ctx, -2, HIDDEN); /* [ ... D ] */
    d_cache[c].dvid = val_new(ctx, st, -1);
    duk_pop(ctx);
    d_cache[c].cb = cb;
    if (cb != NIL) vref[cb]++;
    d_cache[c].flags = flags;
    d_cache[c].start = slots[s].start;
    d_cache[c].msecs = msecs;
    d_cache[c].repeat = repeat;
  }
  push_val(ctx, st, d_cache[c].dvid);
  duk_set_prototype(ctx, obj);
}

/* A Timeout stops for good (fired once, or cleared): the object at obj
 * goes dormant and the slot is released (after its callback returns, if
 * it is running). */
static void timeout_retire(duk_context* ctx, duk_idx_t st, duk_idx_t obj, uint32_t s,
                           int cleared) {
  if (slots[s].flags & F_REFED) timer_ref_dec();
  make_dormant(ctx, st, obj, s, cleared);
  objmap_remove(ctx, obj);
  if (slots[s].flags & F_RUNNING)
    slots[s].flags |= F_DEAD;
  else
    slot_release(ctx, st, s);
}

/* ---- calling callbacks ---- */

/* Callbacks run in batches inside one duk_safe_call (a protected call
 * per callback costs more than most callbacks). A callback that throws
 * unwinds the whole batch: the caller finishes what that callback's
 * timer still needed (Node's `finally`), routes the error as uncaught
 * and starts a new batch. As Node, which re-enters processTimers /
 * processImmediate at once after a throw, the ticks are then not drained
 * before the next callback (skip_drain); they are at the end. */
static int skip_drain;
static uint32_t running_slot; /* timeout whose callback is on the stack */
static uint32_t running_list;

/* Stack: [... fn this args...] → [...]. */
static void call_callback(duk_context* ctx, duk_idx_t nargs) {
  cursor_t* saved = cur;
  cur = NULL;
  eng->call_depth++;
  duk_call_method(ctx, nargs);
  eng->call_depth--;
  duk_pop(ctx);
  cur = saved;
}

/* Between two callbacks: queued nextTicks and microtasks. */
static void after_callback(duk_context* ctx) {
  cursor_t* saved = cur;
  skip_drain = 0;
  cur = NULL;
  if (eng->tick_info != NULL &&
      (eng->tick_info[0] | eng->tick_info[1] | eng->tick_info[2]))
    lode_js_run_ticks(ctx);
  lode_js_maybe_gc(ctx);
  cur = saved;
}

/* Runs fn(ctx, udata) in batches until it returns normally, routing
 * each throw (after finish(ctx) has been called) as uncaught. */
static void run_batches(duk_context* ctx, duk_safe_call_function fn, void* udata,
                        void (*finish)(duk_context* ctx)) {
  int depth = eng->call_depth;
  skip_drain = 0;
  while (duk_safe_call(ctx, fn, udata, 0, 1) != DUK_EXEC_SUCCESS) {
    eng->call_depth = depth;
    cursor_close();
    finish(ctx);
    lode_js_fatal(ctx, -1);
    duk_pop(ctx);
    skip_drain = 1;
  }
  duk_pop(ctx);
  if (skip_drain) {
    skip_drain = 0;
    lode_js_run_ticks(ctx);
  }
}

/* ---- running timers (Node's processTimers and listOnTimeout) ---- */

/* After the callback of slot s (object at obj) returned or threw. */
static void timer_after_call(duk_context* ctx, duk_idx_t st, duk_idx_t obj, uint32_t s,
                             double msecs, uint64_t now) {
  uint32_t flags = slots[s].flags &= ~F_RUNNING;
  running_slot = NIL;
  if (flags & F_DEAD) {
    slot_release(ctx, st, s);
  } else if (flags & F_REPEAT) {
    if (flags & F_ACTIVE) list_unlink(slots[s].list, s);
    timer_insert(s, msecs, now);
  } else if (!(flags & F_ACTIVE)) {
    timeout_retire(ctx, st, obj, s, 0);
  }
}

static uint64_t timers_now;

/* Timers fire in list order, which is rarely allocation order: the
 * object of the next one is fetched into the cache while this callback
 * runs. Reading its slot costs one miss, taken here instead of later. */
static void prefetch_obj(uint32_t s) {
#if defined(__GNUC__)
  if (s != NIL) {
    void* p = duk_get_heapptr(chunk_thr[TAB_OBJS][s >> CH_BITS], (duk_idx_t) (s & CH_MASK));
    __builtin_prefetch(p, 1);
    __builtin_prefetch(&slots[slots[s].next]);
  }
#else
  (void) s;
#endif
}

static void list_on_timeout(duk_context* ctx, duk_idx_t st, uint32_t l, uint64_t now) {
  uint32_t s;
  double msecs = lists[l].msecs, start;
  duk_idx_t top = duk_get_top(ctx), nargs;

  lists[l].pinned = 1;
  while ((s = lists[l].head) != NIL) {
    start = full_start(slots[s].start);
    if ((double) now - start < msecs) {
      lists[l].expiry = start + msecs > (double) now + 1 ? start + msecs : (double) now + 1;
      lists[l].id = next_list_id++;
      lists[l].pinned = 0;
      lheap_down(lists[l].heap_pos);
      return;
    }
    prefetch_obj(slots[s].next);
    list_unlink(l, s);
    tab_get(ctx, st, TAB_OBJS, s); /* [ ... obj ] */
    if (slots[s].flags & F_NOCB) {
      /* Refreshed after its callback was cleared: nothing to run. */
      timeout_retire(ctx, st, top, s, 0);
      duk_set_top(ctx, top);
      continue;
    }
    slots[s].flags |= F_RUNNING;
    running_slot = s;
    running_list = l;
    nargs = push_callback(ctx, st, slots[s].cb, slots[s].flags); /* [ obj fn args ] */
    duk_dup(ctx, top);
    duk_insert(ctx, top + 2); /* [ obj fn obj args ] */
    call_callback(ctx, nargs);
    timer_after_call(ctx, st, top, s, msecs, now);
    duk_set_top(ctx, top);
    after_callback(ctx);
  }
  lists[l].pinned = 0;
  if (lists[l].dead)
    list_free(l);
  else
    list_detach(l);
}

static duk_ret_t run_timers(duk_context* ctx, void* udata) {
  uint64_t now = *(uint64_t*) udata;
  uint32_t l;
  cursor_t c;

  cursor_open(ctx, &c);
  while (lheap_n > 0) {
    l = lheap[0];
    if (lists[l].expiry > (double) now) break;
    /* As Node: ticks run between two lists, also after a throw. */
    if (skip_drain && l != running_list) after_callback(ctx);
    list_on_timeout(ctx, c.st, l, now);
  }
  cursor_close();
  return 0;
}

/* A timer callback threw: its timer is finished as if it had returned;
 * its list stays in the heap for the next batch (which frees it when
 * it is empty), as Node's listOnTimeout left by the exception. */
static void timers_finish_throw(duk_context* ctx) {
  uint32_t s = running_slot, l = running_list;
  duk_idx_t st;
  if (s == NIL) return;
  st = push_store(ctx);
  tab_get(ctx, st, TAB_OBJS, s);
  timer_after_call(ctx, st, st + 1, s, lists[l].msecs, timers_now);
  duk_pop_2(ctx);
  lists[l].pinned = 0;
  if (lists[l].dead) list_free(l);
}

static void on_timer(lode_timer_t* t) {
  duk_context* ctx = t->data;

  timers_now = lode_now(loop);
  next_expiry = INFINITY;
  run_batches(ctx, run_timers, &timers_now, timers_finish_throw);
  /* Re-arm for the earliest list (always, as Node: a list created by a
   * callback may have armed a later time). */
  if (lheap_n > 0) {
    double e = lists[lheap[0]].expiry, n = (double) lode_now(loop);
    next_expiry = e;
    schedule(e > n ? e - n : 1);
  }
}

/* ---- creating timeouts ---- */

/* after as Node's Timeout(): ToNumber; outside 1..TIMEOUT_MAX it becomes
 * 1 (with a TimeoutOverflowWarning above). */
static double normalize_after(duk_context* ctx, duk_idx_t idx, duk_idx_t st) {
  double after = duk_to_number(ctx, idx);
  if (!(after >= 1 && after <= TIMEOUT_MAX)) {
    if (after > TIMEOUT_MAX) {
      lode_duk_get_index(ctx, st, ST_OVERFLOW_WARNING);
      duk_push_number(ctx, after);
      duk_call(ctx, 1);
      duk_pop(ctx);
    }
    after = 1;
  }
  return after;
}

static void require_callback(duk_context* ctx, duk_idx_t st) {
  if (duk_is_function(ctx, 0)) return;
  lode_duk_get_index(ctx, st, ST_INVALID_CALLBACK);
  duk_dup(ctx, 0);
  duk_call(ctx, 1); /* throws */
}

/* [ cb after args... store ] → returns with the new Timeout on top. */
static duk_ret_t create_timeout(duk_context* ctx, duk_idx_t st, double after,
                                duk_idx_t args, duk_idx_t nargs, int repeat, int refed) {
  uint32_t s, flags = F_TIMEOUT | (repeat ? F_REPEAT : 0) | (refed ? F_REFED : 0);
  uint32_t cb = val_callback(ctx, st, 0, args, nargs, &flags);
  duk_idx_t obj;

  s = slot_alloc();
  slots[s].flags = flags;
  slots[s].cb = cb;
  obj = duk_push_object(ctx);
  duk_push_heapptr(ctx, timeout_proto_ptr);
  duk_set_prototype(ctx, obj);
  duk_dup(ctx, obj);
  tab_put(ctx, st, TAB_OBJS, s);
  objmap_add(ctx, obj, s);
  if (refed) timer_ref_inc();
  timer_insert(s, after, lode_now(loop));
  return 1;
}

/* setTimeout(callback, after, ...args) / setInterval */
static duk_ret_t set_timer(duk_context* ctx, int repeat) {
  duk_idx_t top = duk_get_top(ctx), st;
  double after;
  if (top < 2) duk_set_top(ctx, 2); /* [ cb after args... ] */
  st = push_store(ctx);
  require_callback(ctx, st);
  after = normalize_after(ctx, 1, st);
  return create_timeout(ctx, st, after, 2, top > 2 ? top - 2 : 0, repeat, 1);
}

static duk_ret_t timers_set_timeout(duk_context* ctx) {
  return set_timer(ctx, 0);
}

static duk_ret_t timers_set_interval(duk_context* ctx) {
  return set_timer(ctx, 1);
}

/* createTimeout(callback, after, repeat, refed): timers/promises. */
static duk_ret_t timers_create_timeout(duk_context* ctx) {
  duk_idx_t st;
  double after;
  int repeat = duk_to_boolean(ctx, 2), refed = duk_to_boolean(ctx, 3);
  duk_set_top(ctx, 2);
  st = push_store(ctx);
  require_callback(ctx, st);
  after = normalize_after(ctx, 1, st);
  return create_timeout(ctx, st, after, 0, 0, repeat, refed);
}

/* ---- Timeout methods ---- */

/* Looks at `this`: returns its active slot, or NIL with its dormant state
 * pushed ([ ... state ], undefined when it is no Timeout). */
static uint32_t this_timeout(duk_context* ctx, duk_idx_t st) {
  uint32_t s;
  duk_push_this(ctx);
  s = find_active(ctx, st, -1, F_TIMEOUT);
  if (s != NIL) {
    duk_pop(ctx);
    return s;
  }
  if (duk_is_object(ctx, -1))
    lode_get_lit(ctx, -1, HIDDEN);
  else
    duk_push_undefined(ctx);
  duk_remove(ctx, -2);
  return NIL;
}

/* [ ... state ] → [ ... ]: the object at obj gets its own copy of state
 * with field i set to the value on top: [ ... state v ]. */
static void set_own_state(duk_context* ctx, duk_idx_t obj, int field) {
  duk_idx_t i, copy;
  obj = duk_normalize_index(ctx, obj);
  copy = duk_push_array(ctx); /* [ ... state v copy ] */
  for (i = 0; i < S_LEN; i++) {
    if (i == field)
      duk_dup(ctx, copy - 1);
    else
      lode_duk_get_index(ctx, copy - 2, (duk_uarridx_t) i);
    lode_duk_put_index(ctx, copy, (duk_uarridx_t) i);
  }
  lode_put_lit(ctx, obj, HIDDEN);
  duk_pop_2(ctx);
}

static uint32_t state_flags(duk_context* ctx, duk_idx_t state) {
  uint32_t f;
  lode_duk_get_index(ctx, state, S_FLAGS);
  f = (uint32_t) duk_get_uint(ctx, -1);
  duk_pop(ctx);
  return f;
}

static duk_ret_t timeout_set_ref(duk_context* ctx, int ref) {
  duk_idx_t st = push_store(ctx);
  uint32_t s = this_timeout(ctx, st), f;
  if (s != NIL) {
    if (ref && !(slots[s].flags & F_REFED)) {
      slots[s].flags |= F_REFED;
      timer_ref_inc();
    } else if (!ref && (slots[s].flags & F_REFED)) {
      slots[s].flags &= ~F_REFED;
      timer_ref_dec();
    }
  } else if (duk_is_object(ctx, -1)) {
    f = state_flags(ctx, -1);
    if (!!(f & F_REFED) != ref) {
      duk_push_uint(ctx, ref ? (f | F_REFED) : (f & ~F_REFED));
      duk_push_this(ctx);
      duk_insert(ctx, -3); /* [ ... this state v ] */
      set_own_state(ctx, -3, S_FLAGS);
    }
  }
  duk_push_this(ctx);
  return 1;
}

static duk_ret_t timeout_ref(duk_context* ctx) {
  return timeout_set_ref(ctx, 1);
}

static duk_ret_t timeout_unref(duk_context* ctx) {
  return timeout_set_ref(ctx, 0);
}

static duk_ret_t timeout_has_ref(duk_context* ctx) {
  duk_idx_t st = push_store(ctx);
  uint32_t s = this_timeout(ctx, st);
  if (s != NIL)
    duk_push_boolean(ctx, (slots[s].flags & F_REFED) != 0);
  else
    duk_push_boolean(ctx, duk_is_object(ctx, -1) && (state_flags(ctx, -1) & F_REFED));
  return 1;
}

/* As Node: restarts the countdown from now; a Timeout that fired runs
 * again, a cleared one (_idleTimeout -1) stays cleared. */
static duk_ret_t timeout_refresh(duk_context* ctx) {
  duk_idx_t st = push_store(ctx), state, obj;
  uint32_t s = this_timeout(ctx, st), f, prim;
  double msecs;

  if (s != NIL) {
    msecs = lists[slots[s].list].msecs;
    if (slots[s].flags & F_ACTIVE) timer_remove(s);
    timer_insert(s, msecs, lode_now(loop));
    duk_push_this(ctx);
    return 1;
  }
  if (!duk_is_object(ctx, -1)) {
    duk_push_this(ctx);
    return 1;
  }
  state = duk_get_top_index(ctx);
  lode_duk_get_index(ctx, state, S_MSECS);
  msecs = duk_get_number(ctx, -1);
  duk_pop(ctx);
  if (!(msecs >= 0)) {
    duk_push_this(ctx);
    return 1;
  }
  /* Revive: a new slot, the object back on Timeout.prototype. */
  f = state_flags(ctx, state);
  lode_duk_get_index(ctx, state, S_PRIM);
  prim = (uint32_t) duk_get_uint(ctx, -1);
  duk_pop(ctx);
  s = slot_alloc();
  slots[s].flags = F_TIMEOUT | (f & DORMANT_FLAGS);
  lode_duk_get_index(ctx, state, S_CB);
  if (duk_is_null_or_undefined(ctx, -1))
    slots[s].cb = NIL;
  else if (f & F_ARGS)
    slots[s].cb = val_new(ctx, st, -1);
  else
    slots[s].cb = val_fn(ctx, st, -1);
  duk_pop(ctx);
  duk_push_this(ctx);
  obj = duk_get_top_index(ctx);
  duk_del_prop_literal(ctx, obj, HIDDEN);
  lode_duk_get_index(ctx, st, ST_TIMEOUT_PROTO);
  duk_set_prototype(ctx, obj);
  duk_dup(ctx, obj);
  tab_put(ctx, st, TAB_OBJS, s);
  objmap_add(ctx, obj, s);
  if (prim != 0) {
    slots[s].flags |= F_PRIM;
    map_put(&prim_to_slot, prim, s);
    map_put(&slot_to_prim, s, prim);
  }
  if (f & F_REFED) timer_ref_inc();
  timer_insert(s, msecs, lode_now(loop));
  return 1;
}

/* +timer: an id, registered so that clearTimeout(id) finds the timer. */
static duk_ret_t timeout_to_primitive(duk_context* ctx) {
  duk_idx_t st = push_store(ctx);
  uint32_t s = this_timeout(ctx, st), prim;
  if (s != NIL) {
    if (!(slots[s].flags & F_PRIM)) {
      prim = next_prim_id++;
      slots[s].flags |= F_PRIM;
      map_put(&prim_to_slot, prim, s);
      map_put(&slot_to_prim, s, prim);
    } else {
      map_get(&slot_to_prim, s, &prim);
    }
    duk_push_uint(ctx, prim);
    return 1;
  }
  if (!duk_is_object(ctx, -1)) return DUK_RET_TYPE_ERROR;
  lode_duk_get_index(ctx, -1, S_PRIM);
  prim = (uint32_t) duk_get_uint(ctx, -1);
  duk_pop(ctx);
  if (prim == 0) {
    prim = next_prim_id++;
    duk_push_uint(ctx, prim);
    duk_push_this(ctx);
    duk_insert(ctx, -3);
    set_own_state(ctx, -3, S_PRIM);
  }
  duk_push_uint(ctx, prim);
  return 1;
}

/* Node's clearTimeout: the callback goes (_onTimeout null) and an active
 * timer stops (_idleTimeout -1). */
static void clear_timeout_slot(duk_context* ctx, duk_idx_t st, uint32_t s) {
  duk_idx_t obj;
  tab_get(ctx, st, TAB_OBJS, s);
  obj = duk_get_top_index(ctx);
  if (slots[s].flags & F_ACTIVE) timer_remove(s);
  timeout_retire(ctx, st, obj, s, 1);
  duk_pop(ctx);
}

static duk_ret_t timers_clear_timeout(duk_context* ctx) {
  duk_idx_t st;
  uint32_t s, prim;
  duk_set_top(ctx, 1);
  st = push_store(ctx);
  if (duk_is_object(ctx, 0)) {
    s = find_active(ctx, st, 0, F_TIMEOUT);
    if (s != NIL) {
      if (!(slots[s].flags & F_DEAD)) clear_timeout_slot(ctx, st, s);
      return 0;
    }
    /* A dormant Timeout that fired keeps its callback until cleared. */
    lode_get_lit(ctx, 0, HIDDEN);
    if (duk_is_object(ctx, -1)) {
      uint32_t f = state_flags(ctx, -1);
      if (!(f & F_NOCB)) {
        duk_push_uint(ctx, f | F_NOCB);
        set_own_state(ctx, 0, S_FLAGS);
      }
    }
    return 0;
  }
  if (duk_is_number(ctx, 0) || duk_is_string(ctx, 0)) {
    double d = duk_to_number(ctx, 0);
    if (!(d >= 1 && d <= 4294967295.0 && d == floor(d))) return 0;
    prim = (uint32_t) d;
    if (map_get(&prim_to_slot, prim, &s) && !(slots[s].flags & F_DEAD))
      clear_timeout_slot(ctx, st, s);
  }
  return 0;
}

/* timeoutField(timer, name): the accessors _idleTimeout, _onTimeout,
 * _timerArgs, _repeat, _idleStart, _destroyed. */
static duk_ret_t timers_timeout_field(duk_context* ctx) {
  const char* name = duk_require_string(ctx, 1);
  duk_idx_t st = push_store(ctx), state = 0;
  uint32_t s, f;
  double msecs, start, repeat;
  int destroyed;

  s = find_active(ctx, st, 0, F_TIMEOUT);
  if (s != NIL) {
    f = slots[s].flags;
    msecs = lists[slots[s].list].msecs;
    start = full_start(slots[s].start);
    destroyed = 0;
    repeat = (f & F_REPEAT) ? msecs : -1;
  } else {
    if (!duk_is_object(ctx, 0)) return 0;
    lode_get_lit(ctx, 0, HIDDEN);
    if (!duk_is_object(ctx, -1)) return 0;
    state = duk_get_top_index(ctx);
    f = state_flags(ctx, state);
    lode_duk_get_index(ctx, state, S_MSECS);
    msecs = duk_get_number(ctx, -1);
    lode_duk_get_index(ctx, state, S_START);
    start = duk_get_number(ctx, -1);
    lode_duk_get_index(ctx, state, S_REPEAT);
    repeat = duk_get_number_default(ctx, -1, -1);
    duk_pop_3(ctx);
    destroyed = 1;
  }
  if (strcmp(name, "_idleTimeout") == 0) {
    duk_push_number(ctx, msecs);
  } else if (strcmp(name, "_idleStart") == 0) {
    duk_push_number(ctx, start);
  } else if (strcmp(name, "_repeat") == 0) {
    if (repeat >= 0)
      duk_push_number(ctx, repeat);
    else
      duk_push_null(ctx);
  } else if (strcmp(name, "_destroyed") == 0) {
    duk_push_boolean(ctx, destroyed);
  } else if (strcmp(name, "_onTimeout") == 0 || strcmp(name, "_timerArgs") == 0) {
    int want_args = name[1] == 't';
    if (s != NIL) {
      if (slots[s].cb == NIL)
        duk_push_null(ctx);
      else
        tab_get(ctx, st, TAB_VALS, slots[s].cb);
    } else {
      lode_duk_get_index(ctx, state, S_CB);
    }
    if (!want_args && (f & F_NOCB)) {
      duk_push_null(ctx);
      return 1;
    }
    if (!(f & F_ARGS) || duk_is_null(ctx, -1)) {
      if (want_args) duk_push_undefined(ctx);
      return 1;
    }
    if (!want_args) {
      lode_duk_get_index(ctx, -1, 0);
      return 1;
    }
    /* [ ... packed ] → [ ... packed.slice(1) ] */
    duk_push_string(ctx, "slice");
    duk_push_int(ctx, 1);
    duk_call_prop(ctx, -3, 1);
  } else {
    return 0;
  }
  return 1;
}

/* ---- immediates (Node's processImmediate) ---- */

static void idle_noop(lode_idle_t* h) {
  (void) h;
}

static void imm_ref_inc(void) {
  if (imm_refcount++ == 0) lode_idle_start(&idle_handle, idle_noop);
}

static void imm_ref_dec(void) {
  if (--imm_refcount == 0) lode_idle_stop(&idle_handle);
}

static void imm_unlink(uint32_t s) {
  slot_t* r = &slots[s];
  if (r->prev != NIL)
    slots[r->prev].next = r->next;
  else if (imm_head == s)
    imm_head = r->next;
  else
    out_head = r->next;
  if (r->next != NIL)
    slots[r->next].prev = r->prev;
  else if (imm_tail == s)
    imm_tail = r->prev;
  else
    out_tail = r->prev;
  r->next = r->prev = NIL;
  r->flags &= ~F_ACTIVE;
}

/* The immediate at slot s stops being queued: destroyed, no longer
 * referenced (hasRef() false, ref() a no-op, as Node). */
static void imm_dequeue(uint32_t s) {
  if (slots[s].flags & F_ACTIVE) imm_unlink(s);
  if (slots[s].flags & F_REFED) imm_ref_dec();
  slots[s].flags &= ~F_REFED;
}

/* ... and is done: on the shared "done" prototype (_onImmediate null),
 * its slot released. While its callback runs it keeps the slot, so that
 * _onImmediate is still the callback there. */
static void imm_retire(duk_context* ctx, duk_idx_t st, duk_idx_t obj, uint32_t s) {
  obj = duk_normalize_index(ctx, obj);
  imm_dequeue(s);
  lode_duk_get_index(ctx, st, ST_IMMEDIATE_DONE);
  duk_set_prototype(ctx, obj);
  objmap_remove(ctx, obj);
  slot_release(ctx, st, s);
}

static uint32_t running_imm;

static duk_ret_t run_immediates(duk_context* ctx, void* udata) {
  duk_idx_t st, nargs, base;
  uint32_t s;
  cursor_t c;
  (void) udata;

  cursor_open(ctx, &c);
  st = c.st;
  base = duk_get_top(ctx);
  while ((s = out_head) != NIL) {
    tab_get(ctx, st, TAB_OBJS, s); /* [ ... obj ] */
    nargs = push_callback(ctx, st, slots[s].cb, slots[s].flags);
    duk_dup(ctx, base);
    duk_insert(ctx, base + 2); /* [ ... obj fn obj args ] */
    imm_dequeue(s);
    slots[s].flags |= F_RUNNING;
    running_imm = s;
    call_callback(ctx, nargs);
    running_imm = NIL;
    imm_retire(ctx, st, base, s);
    duk_set_top(ctx, base);
    after_callback(ctx);
  }
  cursor_close();
  return 0;
}

static void imm_finish_throw(duk_context* ctx) {
  uint32_t s = running_imm;
  duk_idx_t st;
  if (s == NIL) return;
  running_imm = NIL;
  st = push_store(ctx);
  tab_get(ctx, st, TAB_OBJS, s);
  imm_retire(ctx, st, st + 1, s);
  duk_pop_2(ctx);
}

static void on_check(lode_check_t* c) {
  duk_context* ctx = c->data;

  if (out_head == NIL) {
    if (imm_head == NIL) return;
    out_head = imm_head;
    out_tail = imm_tail;
    imm_head = imm_tail = NIL;
  }
  run_batches(ctx, run_immediates, NULL, imm_finish_throw);
  out_tail = NIL;
}

/* setImmediate(callback, ...args) */
static duk_ret_t timers_set_immediate(duk_context* ctx) {
  duk_idx_t top = duk_get_top(ctx), st, obj;
  uint32_t s, flags = F_IMMEDIATE | F_REFED | F_ACTIVE, cb;

  if (top < 1) duk_set_top(ctx, 1); /* [ cb args... ] */
  st = push_store(ctx);
  require_callback(ctx, st);
  cb = val_callback(ctx, st, 0, 1, top > 1 ? top - 1 : 0, &flags);
  s = slot_alloc();
  slots[s].flags = flags;
  slots[s].cb = cb;
  obj = duk_push_object(ctx);
  lode_duk_get_index(ctx, st, ST_IMMEDIATE_PROTO);
  duk_set_prototype(ctx, obj);
  duk_dup(ctx, obj);
  tab_put(ctx, st, TAB_OBJS, s);
  objmap_add(ctx, obj, s);
  slots[s].prev = imm_tail;
  if (imm_tail != NIL)
    slots[imm_tail].next = s;
  else
    imm_head = s;
  imm_tail = s;
  imm_ref_inc();
  return 1;
}

static duk_ret_t timers_clear_immediate(duk_context* ctx) {
  duk_idx_t st;
  uint32_t s;
  duk_set_top(ctx, 1);
  st = push_store(ctx);
  s = find_active(ctx, st, 0, F_IMMEDIATE);
  if (s != NIL && !(slots[s].flags & F_RUNNING)) imm_retire(ctx, st, 0, s);
  return 0;
}

/* Immediate ref/unref/hasRef: only a queued one has a ref state (a done
 * one: hasRef() false, ref() does nothing, as Node). */
static duk_ret_t immediate_set_ref(duk_context* ctx, int ref) {
  duk_idx_t st = push_store(ctx);
  uint32_t s;
  duk_push_this(ctx);
  s = find_active(ctx, st, -1, F_IMMEDIATE);
  if (s != NIL && !(slots[s].flags & F_RUNNING)) {
    if (ref && !(slots[s].flags & F_REFED)) {
      slots[s].flags |= F_REFED;
      imm_ref_inc();
    } else if (!ref && (slots[s].flags & F_REFED)) {
      slots[s].flags &= ~F_REFED;
      imm_ref_dec();
    }
  }
  return 1;
}

static duk_ret_t immediate_ref(duk_context* ctx) {
  return immediate_set_ref(ctx, 1);
}

static duk_ret_t immediate_unref(duk_context* ctx) {
  return immediate_set_ref(ctx, 0);
}

static duk_ret_t immediate_has_ref(duk_context* ctx) {
  duk_idx_t st = push_store(ctx);
  uint32_t s;
  duk_push_this(ctx);
  s = find_active(ctx, st, -1, F_IMMEDIATE);
  duk_push_boolean(ctx, s != NIL && (slots[s].flags & F_REFED));
  return 1;
}

/* immediateField(imm, name): _onImmediate, _argv, _destroyed. */
static duk_ret_t timers_immediate_field(duk_context* ctx) {
  const char* name = duk_require_string(ctx, 1);
  duk_idx_t st = push_store(ctx);
  uint32_t s = find_active(ctx, st, 0, F_IMMEDIATE);
  if (strcmp(name, "_destroyed") == 0) {
    duk_push_boolean(ctx, s == NIL || (slots[s].flags & F_RUNNING));
    return 1;
  }
  if (s == NIL) {
    if (name[1] == 'o') duk_push_null(ctx);
    return name[1] == 'o';
  }
  tab_get(ctx, st, TAB_VALS, slots[s].cb);
  if (!(slots[s].flags & F_ARGS)) {
    if (name[1] == 'a') duk_push_undefined(ctx);
    return 1;
  }
  if (name[1] == 'o') {
    lode_duk_get_index(ctx, -1, 0);
    return 1;
  }
  duk_push_string(ctx, "slice");
  duk_push_int(ctx, 1);
  duk_call_prop(ctx, -3, 1);
  return 1;
}

/* ---- setup ---- */

/* setup({ Timeout, Immediate, invalidCallback, overflowWarning }):
 * Timeout/Immediate are the prototypes; invalidCallback(v) throws
 * ERR_INVALID_ARG_TYPE; overflowWarning(after) emits the warning. */
static duk_ret_t timers_setup(duk_context* ctx) {
  duk_idx_t opts = 0;
  duk_require_object(ctx, opts);
  if (!initialized) {
    eng = lode_engine_get(ctx);
    loop = eng->loop;
    lode_timer_init(loop, &timer_handle);
    lode_check_init(loop, &check_handle);
    lode_idle_init(loop, &idle_handle);
    timer_handle.data = ctx;
    check_handle.data = ctx;
    /* The check handle runs every turn but never keeps the loop alive by
     * itself; the idle handle does that while immediates are queued. */
    lode_check_start(&check_handle, on_check);
    lode_unref((lode_handle_t*) &check_handle);
    lode_unref((lode_handle_t*) &timer_handle);
    initialized = 1;
  }
  if (store_ptr == NULL) {
    duk_push_heap_stash(ctx);
    duk_push_array(ctx);
    store_ptr = duk_get_heapptr(ctx, -1);
    lode_put_lit(ctx, -2, "lodeTimers");
    duk_pop(ctx);
  }
  push_store(ctx); /* [ opts store ] */
  lode_get_lit(ctx, opts, "Timeout");
  duk_require_object(ctx, -1);
  timeout_proto_ptr = duk_get_heapptr(ctx, -1);
  lode_duk_put_index(ctx, -2, ST_TIMEOUT_PROTO);
  lode_get_lit(ctx, opts, "Immediate");
  lode_duk_put_index(ctx, -2, ST_IMMEDIATE_PROTO);
  duk_push_object(ctx);
  lode_get_lit(ctx, opts, "Immediate");
  duk_set_prototype(ctx, -2);
  duk_push_true(ctx);
  lode_put_lit(ctx, -2, HIDDEN);
  lode_duk_put_index(ctx, -2, ST_IMMEDIATE_DONE);
  lode_get_lit(ctx, opts, "invalidCallback");
  lode_duk_put_index(ctx, -2, ST_INVALID_CALLBACK);
  lode_get_lit(ctx, opts, "overflowWarning");
  lode_duk_put_index(ctx, -2, ST_OVERFLOW_WARNING);
  return 0;
}

static duk_ret_t timers_get_loop_time(duk_context* ctx) {
  duk_push_number(ctx, (double) lode_now(loop));
  return 1;
}

static const duk_function_list_entry timers_functions[] = {
    {"setup", timers_setup, 1},
    {"setTimeout", timers_set_timeout, DUK_VARARGS},
    {"setInterval", timers_set_interval, DUK_VARARGS},
    {"clearTimeout", timers_clear_timeout, 1},
    {"createTimeout", timers_create_timeout, 4},
    {"setImmediate", timers_set_immediate, DUK_VARARGS},
    {"clearImmediate", timers_clear_immediate, 1},
    {"timeoutRef", timeout_ref, 0},
    {"timeoutUnref", timeout_unref, 0},
    {"timeoutHasRef", timeout_has_ref, 0},
    {"timeoutRefresh", timeout_refresh, 0},
    {"timeoutToPrimitive", timeout_to_primitive, 1},
    {"timeoutField", timers_timeout_field, 2},
    {"immediateRef", immediate_ref, 0},
    {"immediateUnref", immediate_unref, 0},
    {"immediateHasRef", immediate_has_ref, 0},
    {"immediateField", timers_immediate_field, 2},
    {"getLoopTime", timers_get_loop_time, 0},
    {NULL, NULL, 0}};

void lode_binding_timers(duk_context* ctx) {
  duk_push_object(ctx);
  lode_js_put_functions(ctx, timers_functions);
}
