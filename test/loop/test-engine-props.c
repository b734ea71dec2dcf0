/* test-engine-props.c — lode_get_lit / lode_put_lit (engine/duk_fastprop.inc.c)
 * against Duktape's own duk_get_prop_literal / duk_put_prop_literal.
 *
 * Each case sets up `o` (and `val` for a write) in a fresh Duktape heap,
 * does the access once with Duktape's function and once, in another fresh
 * heap, with lode's, and renders what happened as text: the result, the
 * error thrown, what getters, setters, Proxy traps and finalizers logged,
 * the own property left on `o` with its attributes, and `o`'s keys in
 * order. The two texts must be the same, and a few must be what ES5 says
 * (a getter found on the prototype runs with `this` the object; a setter
 * found there takes the write and no own property appears; a write to an
 * inherited read-only property or a non-extensible object throws, as
 * every write from C does in Duktape). */
#include "../task.h"
#include "../../engine/engine.h"

typedef struct {
  const char* setup; /* defines o (and val); `log` is an empty array */
  const char* key;   /* a string literal: the literal cache keys on it */
  int put;
  const char* expect; /* a part the text must contain, or NULL */
} prop_case_t;

static const prop_case_t cases[] = {
    /* reads */
    {"var o = {k: 1};", "k", 0, "r=number:1"},
    {"var a = {k: 'deep'}; var o = Object.create(Object.create(Object.create(a)));", "k", 0,
     "r=string:deep"},
    {"var o = {x: 1};", "k", 0, "r=undefined:undefined"},
    {"var o = Object.create(null);", "k", 0, "r=undefined:undefined"},
    {"var p = {}; Object.defineProperty(p, 'k', {get: function () { log.push('get:' + (this === o));"
     " return 7; }}); var o = Object.create(p);", "k", 0, "r=number:7 err=- log=get:true"},
    {"var o = {get k() { log.push('own'); return 8; }};", "k", 0, "log=own"},
    {"var p = {get k() { log.push('proto'); return 1; }}; var o = Object.create(p);"
     " Object.defineProperty(o, 'k', {value: 'shadow', writable: true});", "k", 0, "r=string:shadow err=- log= "},
    {"var o = new Proxy({}, {get: function (t, k) { log.push('trap:' + k); return 'p'; }});", "k", 0,
     "log=trap:k"},
    {"var o = Object.create(new Proxy({k: 'target'}, {get: function () { log.push('trap'); return 1; }}));",
     "k", 0, NULL},
    {"var o = [1, 2, 3];", "length", 0, "r=number:3"},
    {"var o = Object.create([1, 2]);", "length", 0, NULL},
    {"var o = {'0': 'zero'};", "0", 0, "r=string:zero"},
    {"var o = ['a'];", "0", 0, "r=string:a"},
    {"var o = 'abc';", "length", 0, "r=number:3"},
    {"var o = 5;", "toFixed", 0, "r=fn:"},
    {"var o = new String('abcd');", "length", 0, "r=number:4"},
    {"var o = new Uint8Array(4);", "length", 0, "r=number:4"},
    {"var o = (function () { return arguments; })(1, 2);", "length", 0, "r=number:2"},
    {"var o = (function () { return arguments; })('x', 2);", "0", 0, "r=string:x"},
    {"var o = function foo(a, b) {};", "length", 0, "r=number:2"},
    {"var o = function foo(a, b) {};", "name", 0, "r=string:foo"},
    {"var o = undefined;", "k", 0, "err=TypeError"},
    {"var o = null;", "k", 0, "err=TypeError"},
    /* writes */
    {"var o = {k: 1}; var val = 'new';", "k", 1, "own=string:newwec"},
    {"var o = {}; Object.defineProperty(o, 'k', {value: 1, enumerable: true}); var val = 2;", "k", 1,
     "err=TypeError"},
    {"var o = {set k(v) { log.push('set:' + v); }}; var val = 3;", "k", 1, "log=set:3"},
    {"var p = {set k(v) { log.push('set:' + v + ':' + (this === o)); }}; var o = Object.create(p);"
     " var val = 4;", "k", 1, "log=set:4:true own=none"},
    {"var p = {get k() { return 1; }}; var o = Object.create(p); var val = 5;", "k", 1, "err=TypeError"},
    {"var p = Object.freeze({k: 1}); var o = Object.create(p); var val = 6;", "k", 1,
     "err=TypeError"},
    {"var p = {k: 1}; var o = Object.create(p); var val = 7;", "k", 1, "own=number:7wec"},
    {"var o = {a: 1, b: 2}; var val = {tag: 'v'};", "k", 1, "own=obj:vwec keys=a,b,k"},
    {"var o = {a: 1}; Object.preventExtensions(o); var val = 8;", "k", 1, "err=TypeError"},
    {"var o = Object.freeze({k: 1}); var val = 9;", "k", 1, "err=TypeError"},
    {"var o = Object.seal({k: 1}); var val = 10;", "k", 1, "own=number:10we"},
    {"var o = new Proxy({}, {set: function (t, k, v) { log.push('trap:' + k + '=' + v); return true; }});"
     " var val = 11;", "k", 1, "log=trap:k=11"},
    {"var o = Object.create(new Proxy({}, {set: function () { log.push('trap'); return true; }}));"
     " var val = 12;", "k", 1, NULL},
    {"var o = [1, 2, 3]; var val = 1;", "length", 1, "keys=0 "},
    {"var o = Object.create([1, 2]); var val = 13;", "k", 1, NULL},
    {"var o = {}; var val = 'zero';", "0", 1, "keys=0"},
    {"var o = ['a']; var val = 'b';", "0", 1, "own=string:bwec"},
    {"var o = 'abc'; var val = 1;", "k", 1, "err=TypeError"},
    {"var o = {k: {}}; Duktape.fin(o.k, function () { log.push('fin'); }); var val = null;", "k", 1,
     "log=fin"},
    {"var o = {a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7}; var val = 14;", "k", 1, "keys=a,b,c,d,e,f,g,k"},
    {"var o = {}; for (var i = 0; i < 40; i++) o['p' + i] = i; var val = 15;", "k", 1, "own=number:15wec"},
    {"var o = Object.create(null); var val = 16;", "k", 1, "own=number:16wec keys=k"},
    {"var o = function foo() {}; var val = 'bar';", "name", 1, NULL},
    {"var o = function foo() {}; var val = 17;", "k", 1, "own=number:17wec"},
    {"var o = new Uint8Array(2); var val = 18;", "k", 1, "own=number:18wec"},
};

static const char describe_js[] =
    "(function (o, k, r, err) {\n"
    "  function show(v) {\n"
    "    if (typeof v === 'object' && v !== null) return 'obj:' + (v.tag || Object.keys(v).join('+'));\n"
    "    if (typeof v === 'function') return 'fn:' + v.name;\n"
    "    return typeof v + ':' + String(v);\n"
    "  }\n"
    "  var s = 'r=' + show(r) + ' err=' + (err ? err.name : '-') + ' log=' + log.join(',');\n"
    "  if (o !== null && (typeof o === 'object' || typeof o === 'function')) {\n"
    "    var d = Object.getOwnPropertyDescriptor(o, k);\n"
    "    s += ' own=' + (d ? ('value' in d ? show(d.value) : 'accessor') + (d.writable ? 'w' : '') +\n"
    "      (d.enumerable ? 'e' : '') + (d.configurable ? 'c' : '') : 'none');\n"
    "    s += ' keys=' + Object.keys(o).join(',');\n"
    "  }\n"
    "  return s + ' ';\n"
    "})";

typedef struct {
  const prop_case_t* c;
  int fast;
} op_t;

static duk_ret_t do_op(duk_context* ctx, void* udata) {
  op_t* op = udata;
  const char* key = op->c->key;
  duk_get_global_string(ctx, "o");
  if (op->c->put) {
    duk_get_global_string(ctx, "val");
    if (op->fast) lode_duk_put_lit(ctx, -2, key, strlen(key));
    else duk_put_prop_literal_raw(ctx, -2, key, strlen(key));
    duk_push_undefined(ctx);
  } else {
    if (op->fast) lode_duk_get_lit(ctx, -1, key, strlen(key));
    else duk_get_prop_literal_raw(ctx, -1, key, strlen(key));
  }
  return 1;
}

/* The text for case c done the fast or the general way, in out. */
static int run_case(const prop_case_t* c, int fast, char* out, size_t cap) {
  duk_context* ctx = duk_create_heap_default();
  op_t op;
  int ok;
  ASSERT_NOT_NULL(ctx);
  duk_push_string(ctx, "var log = [];");
  duk_push_string(ctx, c->setup);
  duk_concat(ctx, 2);
  if (duk_peval_noresult(ctx) != 0) {
    fprintf(stderr, "setup failed: %s\n", c->setup);
    duk_destroy_heap(ctx);
    return 1;
  }
  op.c = c;
  op.fast = fast;
  ok = duk_safe_call(ctx, do_op, &op, 0, 1) == DUK_EXEC_SUCCESS;
  /* [result or error] */
  duk_push_string(ctx, describe_js);
  duk_eval(ctx);
  duk_get_global_string(ctx, "o");
  duk_push_string(ctx, c->key);
  if (ok) {
    duk_dup(ctx, -4);
    duk_push_undefined(ctx);
  } else {
    duk_push_undefined(ctx);
    duk_dup(ctx, -5);
  }
  duk_gc(ctx, 0); /* pending finalizers run */
  if (duk_pcall(ctx, 4) != 0) {
    fprintf(stderr, "describe failed: %s\n", duk_safe_to_string(ctx, -1));
    duk_destroy_heap(ctx);
    return 1;
  }
  snprintf(out, cap, "%s", duk_get_string(ctx, -1));
  duk_destroy_heap(ctx);
  return 0;
}

TEST_IMPL(engine_props_fast_same_as_duktape) {
  size_t i;
  char general[1024], fast[1024];
  for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
    const prop_case_t* c = &cases[i];
    ASSERT_EQ(run_case(c, 0, general, sizeof(general)), 0);
    ASSERT_EQ(run_case(c, 1, fast, sizeof(fast)), 0);
    if (strcmp(general, fast) != 0 || (c->expect && strstr(fast, c->expect) == NULL)) {
      fprintf(stderr, "case %u (%s %s): %s\n  duktape: %s\n  lode:    %s\n  expected part: %s\n",
              (unsigned) i, c->put ? "put" : "get", c->key, c->setup, general, fast,
              c->expect ? c->expect : "(none)");
      return 1;
    }
  }
  return 0;
}

/* Many reads and writes in one heap, with mark-and-sweep runs between
 * them: the literal keys' interned strings are unpinned by each run and
 * must still be valid (ASan/valgrind would see a freed key). */
TEST_IMPL(engine_props_fast_across_gc) {
  duk_context* ctx = duk_create_heap_default();
  int i;
  ASSERT_NOT_NULL(ctx);
  ASSERT_EQ(duk_peval_string_noresult(ctx, "var o = Object.create({inherited: 'yes'});"), 0);
  for (i = 0; i < 200; i++) {
    duk_get_global_string(ctx, "o");
    duk_push_int(ctx, i);
    lode_put_lit(ctx, -2, "fastPropCounter");
    duk_push_object(ctx); /* garbage to collect */
    lode_put_lit(ctx, -2, "fastPropScratch");
    if (i % 16 == 0) duk_gc(ctx, 0);
    lode_get_lit(ctx, -1, "fastPropCounter");
    ASSERT_EQ(duk_get_int(ctx, -1), i);
    lode_get_lit(ctx, -2, "inherited");
    ASSERT_STR_EQ(duk_get_string(ctx, -1), "yes");
    lode_get_lit(ctx, -3, "fastPropMissing");
    ASSERT(duk_is_undefined(ctx, -1));
    duk_pop_n(ctx, 4);
  }
  ASSERT_EQ(duk_get_top(ctx), 0);
  duk_destroy_heap(ctx);
  return 0;
}
