/*
 * engine.c — the Duktape heap, references from C to JS, the one entry for
 * callbacks, Node-shaped errors, and the embedded stdlib (layer: engine/).
 * Contract: engine/engine.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "natives.h"

lode_engine_t* lode_engine_get(duk_context* ctx) {
  duk_memory_functions funcs;
  duk_get_memory_functions(ctx, &funcs);
  return (lode_engine_t*) funcs.udata;
}

/* ---- references: stash.refs[id] = value, free ids chained in C ---- */

static int* ref_free;
static int ref_nfree, ref_capfree, ref_next = 1;

int lode_js_ref(duk_context* ctx, duk_idx_t idx) {
  int id;
  idx = duk_normalize_index(ctx, idx);
  if (ref_nfree > 0) {
    id = ref_free[--ref_nfree];
  } else {
    id = ref_next++;
  }
  duk_push_heap_stash(ctx);
  lode_get_lit(ctx, -1, "refs"); /* [ ... stash refs ] */
  duk_dup(ctx, idx);
  lode_duk_put_index(ctx, -2, (duk_uarridx_t) id);
  duk_pop_2(ctx);
  return id;
}

void lode_js_push_ref(duk_context* ctx, int id) {
  if (id <= 0) {
    duk_push_undefined(ctx);
    return;
  }
  duk_push_heap_stash(ctx);
  lode_get_lit(ctx, -1, "refs");
  lode_duk_get_index(ctx, -1, (duk_uarridx_t) id); /* [ ... stash refs v ] */
  duk_replace(ctx, -3);
  duk_pop(ctx);
}

void lode_js_unref(duk_context* ctx, int id) {
  if (id <= 0) return;
  duk_push_heap_stash(ctx);
  lode_get_lit(ctx, -1, "refs");
  duk_push_undefined(ctx);
  lode_duk_put_index(ctx, -2, (duk_uarridx_t) id);
  duk_pop_2(ctx);
  if (ref_nfree == ref_capfree) {
    int cap = ref_capfree ? ref_capfree * 2 : 64;
    int* p = realloc(ref_free, (size_t) cap * sizeof(int));
    if (p == NULL) return; /* the id is simply not reused */
    ref_free = p;
    ref_capfree = cap;
  }
  ref_free[ref_nfree++] = id;
}

/* ---- uncaught errors ---- */

static void print_source_line(duk_context* ctx, duk_idx_t err) {
  const char* file;
  int line;
  FILE* f;
  char buf[4096];
  int n = 0;

  if (!duk_is_object(ctx, err)) return;
  lode_get_lit(ctx, err, "fileName");
  lode_get_lit(ctx, err, "lineNumber");
  file = duk_get_string(ctx, -2);
  line = duk_get_int(ctx, -1);
  if (file != NULL && line > 0 && (f = fopen(file, "r")) != NULL) {
    while (fgets(buf, sizeof(buf), f) != NULL)
      if (++n == line) {
        size_t len = strlen(buf);
        if (len > 0 && buf[len - 1] == '\n') buf[len - 1] = '\0';
        fprintf(stderr, "%s:%d\n%s\n\n", file, line, buf);
        break;
      }
    fclose(f);
  }
  duk_pop_2(ctx);
}

/* process._lodeFormatFatal(err) (stdlib/internal/bootstrap.js) gives
 * Node's text: source line, then util.inspect of the error with its own
 * properties. Returns 0 when it is not there or fails. */
static int print_formatted(duk_context* ctx, duk_idx_t err) {
  int ok = 0;
  duk_get_global_string(ctx, "process");
  if (duk_is_object(ctx, -1))
    lode_get_lit(ctx, -1, "_lodeFormatFatal");
  else
    duk_push_undefined(ctx);
  if (duk_is_function(ctx, -1)) {
    duk_dup(ctx, err);
    if (duk_pcall(ctx, 1) == DUK_EXEC_SUCCESS && duk_is_string(ctx, -1)) {
      fprintf(stderr, "%s\n", duk_get_string(ctx, -1));
      ok = 1;
    }
  }
  duk_pop_2(ctx);
  return ok;
}

static void print_error(duk_context* ctx, duk_idx_t err) {
  err = duk_normalize_index(ctx, err);
  if (print_formatted(ctx, err)) {
    fprintf(stderr, "\nlode v%s\n", LODE_VERSION_STRING);
    fflush(stderr);
    return;
  }
  print_source_line(ctx, err);
  if (duk_is_error(ctx, err)) {
    lode_get_lit(ctx, err, "stack");
    fprintf(stderr, "%s\n", duk_safe_to_string(ctx, -1));
    duk_pop(ctx);
  } else {
    /* Node prints thrown non-errors with inspect; a string is enough. */
    duk_dup(ctx, err);
    fprintf(stderr, "Uncaught %s\n", duk_safe_to_string(ctx, -1));
    duk_pop(ctx);
  }
  fprintf(stderr, "\nlode v%s\n", LODE_VERSION_STRING);
  fflush(stderr);
}

void lode_js_fatal(duk_context* ctx, duk_idx_t idx) {
  lode_engine_t* eng = lode_engine_get(ctx);
  int handled = 0, code = 1;

  idx = duk_normalize_index(ctx, idx);
  if (eng->fatal_exception_ref > 0 && !eng->in_fatal) {
    eng->in_fatal = 1;
    lode_js_push_ref(ctx, eng->fatal_exception_ref);
    duk_push_undefined(ctx);
    duk_dup(ctx, idx);
    /* _fatalException emits 'uncaughtException' and returns true when a
     * listener took it; else it runs the 'exit' listeners and returns the
     * exit code. A throw from an 'uncaughtException' listener is fatal
     * (Node exits 7). */
    if (duk_pcall_method(ctx, 1) == DUK_EXEC_SUCCESS) {
      handled = duk_is_boolean(ctx, -1) && duk_get_boolean(ctx, -1);
      code = duk_is_number(ctx, -1) ? duk_get_int(ctx, -1) : 1;
      duk_pop(ctx);
    } else {
      print_error(ctx, -1);
      exit(7);
    }
    eng->in_fatal = 0;
    if (handled) return;
    print_error(ctx, idx);
    fflush(stdout);
    exit(code);
  }
  print_error(ctx, idx);
  fflush(stdout);
  exit(eng->in_fatal ? 7 : 1);
}

void lode_js_run_ticks(duk_context* ctx) {
  lode_engine_t* eng = lode_engine_get(ctx);
  if (eng->call_depth > 0 || eng->tick_info == NULL) return;
  while (eng->tick_info[0] || eng->tick_info[1] || eng->tick_info[2]) {
    if (!eng->tick_info[1] && !eng->tick_info[2]) {
      /* Only nextTicks: drained in C, without the JS runTicks frame. */
      lode_run_tick_queue(ctx);
      continue;
    }
    eng->call_depth++;
    lode_js_push_ref(ctx, eng->run_ticks_ref);
    duk_push_undefined(ctx);
    if (duk_pcall_method(ctx, 0) != DUK_EXEC_SUCCESS) {
      eng->call_depth--;
      lode_js_fatal(ctx, -1);
      duk_pop(ctx);
      continue;
    }
    eng->call_depth--;
    duk_pop(ctx);
  }
}

int lode_js_call(duk_context* ctx, duk_idx_t nargs) {
  lode_engine_t* eng = lode_engine_get(ctx);
  int rc;

  eng->call_depth++;
  rc = duk_pcall_method(ctx, nargs);
  eng->call_depth--;
  if (rc != DUK_EXEC_SUCCESS) {
    lode_js_fatal(ctx, -1);
    duk_pop(ctx);
    duk_push_undefined(ctx);
  }
  lode_js_run_ticks(ctx);
  if (eng->call_depth == 0) lode_js_maybe_gc(ctx);
  return rc == DUK_EXEC_SUCCESS ? 0 : -1;
}

/* ---- errors ---- */

void lode_js_push_error(duk_context* ctx, int err, const char* syscall,
                        const char* path, const char* dest) {
  const char* code = lode_err_name(err);
  duk_idx_t obj;

  duk_push_sprintf(ctx, "%s: %s", code, lode_strerror(err));
  if (syscall != NULL) {
    duk_push_sprintf(ctx, ", %s", syscall);
    duk_concat(ctx, 2);
  }
  if (path != NULL) {
    duk_push_sprintf(ctx, " '%s'", path);
    duk_concat(ctx, 2);
  }
  if (dest != NULL) {
    duk_push_sprintf(ctx, " -> '%s'", dest);
    duk_concat(ctx, 2);
  }
  obj = duk_push_error_object(ctx, DUK_ERR_ERROR, "%s", duk_get_string(ctx, -1));
  duk_remove(ctx, obj - 1); /* [ ... err ] */
  obj = duk_get_top_index(ctx);
  duk_push_int(ctx, err);
  lode_put_lit(ctx, obj, "errno");
  duk_push_string(ctx, code);
  lode_put_lit(ctx, obj, "code");
  if (syscall != NULL) {
    duk_push_string(ctx, syscall);
    lode_put_lit(ctx, obj, "syscall");
  }
  if (path != NULL) {
    duk_push_string(ctx, path);
    lode_put_lit(ctx, obj, "path");
  }
  if (dest != NULL) {
    duk_push_string(ctx, dest);
    lode_put_lit(ctx, obj, "dest");
  }
}

duk_ret_t lode_js_throw_error(duk_context* ctx, int err, const char* syscall,
                              const char* path, const char* dest) {
  lode_js_push_error(ctx, err, syscall, path, dest);
  return duk_throw(ctx);
}

duk_ret_t lode_js_throw_type(duk_context* ctx, const char* name,
                             const char* expected, duk_idx_t actual) {
  const char* received;
  actual = duk_normalize_index(ctx, actual);
  switch (duk_get_type(ctx, actual)) {
    case DUK_TYPE_UNDEFINED:
    case DUK_TYPE_NONE:
      received = "Received undefined";
      break;
    case DUK_TYPE_NULL:
      received = "Received null";
      break;
    case DUK_TYPE_OBJECT:
      if (duk_is_function(ctx, actual)) {
        lode_get_lit(ctx, actual, "name");
        received = duk_push_sprintf(ctx, "Received function %s",
                                    duk_safe_to_string(ctx, -1));
      } else {
        lode_get_lit(ctx, actual, "constructor");
        lode_get_lit(ctx, -1, "name");
        received = duk_push_sprintf(ctx, "Received an instance of %s",
                                    duk_safe_to_string(ctx, -1));
      }
      break;
    case DUK_TYPE_STRING: {
      const char* s = duk_get_string(ctx, actual);
      if (strlen(s) > 28)
        received = duk_push_sprintf(ctx, "Received type string ('%.25s...')", s);
      else
        received = duk_push_sprintf(ctx, "Received type string ('%s')", s);
      break;
    }
    default:
      duk_dup(ctx, actual);
      received = duk_push_sprintf(
          ctx, "Received type %s (%s)",
          duk_is_boolean(ctx, actual) ? "boolean" : "number",
          duk_safe_to_string(ctx, -1));
      break;
  }
  duk_push_error_object(ctx, DUK_ERR_TYPE_ERROR,
                        "The \"%s\" argument must be of type %s. %s", name,
                        expected, received);
  duk_push_string(ctx, "ERR_INVALID_ARG_TYPE");
  lode_put_lit(ctx, -2, "code");
  return duk_throw(ctx);
}

void lode_js_put_functions(duk_context* ctx,
                           const duk_function_list_entry* fns) {
  duk_put_function_list(ctx, -1, fns);
}

/* ---- the embedded stdlib ---- */

int lode_js_push_native(duk_context* ctx, const char* name) {
  const lode_native_t* n;
  for (n = lode_natives; n->name != NULL; n++) {
    if (strcmp(n->name, name) != 0) continue;
    if (lode_natives_are_bytecode) {
      /* Compiled at build time: load without parsing, straight from the
       * binary's read-only data through an external buffer (no heap copy
       * of up to 80 KB per module; duk_load_function copies what the
       * function keeps and holds no pointer into the input). */
      duk_push_external_buffer(ctx);
      duk_config_buffer(ctx, -1, (void*) n->source, (duk_size_t) n->length);
      duk_load_function(ctx);
      return 0;
    }
    duk_push_string(ctx, LODE_NATIVE_WRAPPER_HEAD);
    duk_push_lstring(ctx, n->source, (duk_size_t) n->length);
    duk_push_string(ctx, LODE_NATIVE_WRAPPER_TAIL);
    duk_concat(ctx, 3);
    duk_push_sprintf(ctx, "lode:%s", name);
    /* [ ... source filename ] → [ ... function ]; a syntax error in the
     * stdlib is a build defect: abort loudly. */
    if (duk_pcompile(ctx, DUK_COMPILE_FUNCTION) != 0) {
      fprintf(stderr, "lode: stdlib module %s does not compile: %s\n", name,
              duk_safe_to_string(ctx, -1));
      abort();
    }
    return 0;
  }
  return -1;
}

/* ---- bytes ---- */

/* [ ... stash ] → [ ... stash proto ]: Buffer.prototype, loading the
 * buffer module first if nothing did yet (stdlib/internal/bootstrap.js
 * loads it lazily; engine/main.c keeps its loader as stash.loadBuffer).
 * Pushes undefined (returns 0) when there is no Buffer at all. */
static int get_buffer_prototype(duk_context* ctx) {
  if (lode_get_lit(ctx, -1, "bufferPrototype")) return 1;
  duk_pop(ctx);
  if (lode_get_lit(ctx, -1, "loadBuffer") && duk_is_function(ctx, -1)) {
    /* XXX: an error while loading the buffer module (a stdlib defect)
     * leaves C-made Buffers as plain Uint8Arrays. */
    duk_pcall(ctx, 0);
    duk_pop(ctx);
    return lode_get_lit(ctx, -1, "bufferPrototype");
  }
  return 0;
}

void* lode_js_push_buffer(duk_context* ctx, size_t len) {
  void* data = duk_push_fixed_buffer(ctx, len);
  duk_push_buffer_object(ctx, -1, 0, len, DUK_BUFOBJ_UINT8ARRAY);
  duk_remove(ctx, -2);
  duk_push_heap_stash(ctx);
  if (get_buffer_prototype(ctx)) {
    duk_set_prototype(ctx, -3); /* [ ... buf stash ] */
    duk_pop(ctx);
  } else {
    duk_pop_2(ctx);
  }
  return data;
}

void* lode_js_get_bytes(duk_context* ctx, duk_idx_t idx, size_t* len) {
  duk_size_t n = 0;
  void* p;
  if (!duk_is_buffer_data(ctx, idx)) {
    *len = 0;
    return NULL;
  }
  p = duk_get_buffer_data(ctx, idx, &n);
  *len = (size_t) n;
  return p;
}

/* A CESU-8 surrogate: ED A0..BF xx. */
static int is_surrogate(const unsigned char* p, const unsigned char* end) {
  return end - p >= 3 && p[0] == 0xed && p[1] >= 0xa0;
}

const char* lode_js_utf8(duk_context* ctx, duk_idx_t idx, size_t* len) {
  duk_size_t n;
  const unsigned char* s;
  const unsigned char *p, *end;
  unsigned char* out;
  unsigned char* o;

  idx = duk_normalize_index(ctx, idx);
  s = (const unsigned char*) duk_get_lstring(ctx, idx, &n);
  if (s == NULL) {
    *len = 0;
    return NULL;
  }
  end = s + n;
  for (p = s; p < end; p++)
    if (*p == 0xed && is_surrogate(p, end)) break;
  if (p == end) {
    *len = (size_t) n;
    return (const char*) s;
  }
  /* Joining a pair shrinks 6 bytes to 4; U+FFFD is as long as a lone
   * surrogate, so n bytes always suffice. */
  out = duk_push_fixed_buffer(ctx, n);
  memcpy(out, s, (size_t) (p - s));
  o = out + (p - s);
  while (p < end) {
    if (is_surrogate(p, end)) {
      unsigned hi = ((unsigned) (p[1] & 0x3f) << 6) | (p[2] & 0x3f);
      hi |= 0xd000;
      if (hi < 0xdc00 && is_surrogate(p + 3, end) && p[4] >= 0xb0) {
        unsigned lo = 0xd000 | ((unsigned) (p[4] & 0x3f) << 6) | (p[5] & 0x3f);
        unsigned cp = 0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00);
        *o++ = (unsigned char) (0xf0 | (cp >> 18));
        *o++ = (unsigned char) (0x80 | ((cp >> 12) & 0x3f));
        *o++ = (unsigned char) (0x80 | ((cp >> 6) & 0x3f));
        *o++ = (unsigned char) (0x80 | (cp & 0x3f));
        p += 6;
      } else {
        *o++ = 0xef;
        *o++ = 0xbf;
        *o++ = 0xbd;
        p += 3;
      }
    } else {
      *o++ = *p++;
    }
  }
  *len = (size_t) (o - out);
  duk_replace(ctx, idx);
  return (const char*) out;
}
