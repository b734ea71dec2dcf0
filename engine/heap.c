/*
 * heap.c — the Duktape heap's allocator and the byte-driven collector
 * (layer: engine/).
 *
 * Duktape frees most garbage at once by reference counting; what sits in
 * a reference cycle (any closure with its scope, many stream state
 * objects) waits for mark-and-sweep, which Duktape starts by counting
 * allocations, not bytes. A program that makes few but large objects
 * (64 KiB Buffers through an HTTP upload) can then grow by hundreds of
 * megabytes before a sweep. So the allocator counts bytes, and between
 * two callbacks — a point where no C code holds heap pointers — the
 * engine runs a sweep once the heap has grown by a budget of bytes since
 * the last one. Growth, not allocation: bytes freed again (by reference
 * counting, most of a request's objects) do not count, so a server whose
 * garbage is acyclic is not swept every 32 MiB of traffic, while garbage
 * in cycles, which nothing frees before a sweep, still adds up.
 */
#include <malloc.h>
#include <stdlib.h>

#include "engine.h"

/* A sweep after the heap grew by this many bytes. A sweep's cost grows
 * with the live heap, which in a lode program is mostly small objects, so
 * a fixed budget keeps sweeps rare (a 100 MiB upload: about three). */
static const size_t budget = 32u * 1024 * 1024;
static size_t allocated_since_gc; /* net growth since the last sweep, >= 0 */

static void shrink(size_t n) {
  allocated_since_gc = n < allocated_since_gc ? allocated_since_gc - n : 0;
}

void* lode_js_heap_alloc(void* udata, duk_size_t size) {
  void* p = malloc(size);
  (void) udata;
  if (p != NULL) allocated_since_gc += malloc_usable_size(p);
  return p;
}

void* lode_js_heap_realloc(void* udata, void* ptr, duk_size_t size) {
  size_t old = ptr != NULL ? malloc_usable_size(ptr) : 0;
  void* p = realloc(ptr, size);
  (void) udata;
  if (p != NULL) {
    size_t now = malloc_usable_size(p);
    if (now > old) allocated_since_gc += now - old;
    else shrink(old - now);
  }
  return p;
}

void lode_js_heap_free(void* udata, void* ptr) {
  (void) udata;
  if (ptr != NULL) shrink(malloc_usable_size(ptr));
  free(ptr);
}

void lode_js_maybe_gc(duk_context* ctx) {
  if (allocated_since_gc < budget) return;
  duk_gc(ctx, 0);
  allocated_since_gc = 0;
}
