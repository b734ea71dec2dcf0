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
  const char* key;   /* a string literal (the literal cache keys on it), or
                      * NULL: lode_duk_get/put_index with index */
  int put;
  const char* expect; /* a part the text must contain, or NULL */
  unsigned index;
} prop_case_t;

static const prop_case_t cases[] = {
    /* reads */
    {"var o = {k: 1};", "k", 0, "r=number:1", 0},
    {"var a = {k: 'deep'}; var o = Object.create(Object.create(Object.create(a)));", "k", 0,
     "r=string:deep", 0},
    {"var o = {x: 1};", "k", 0, "r=undefined:undefined", 0},
    {"var o = Object.create(null);", "k", 0, "r=undefined:undefined", 0},
    {"var p = {}; Object.defineProperty(p, 'k', {get: function () { log.push('get:' + (this === o));"
     " return 7; }}); var o = Object.create(p);", "k", 0, "r=number:7 err=- log=get:true", 0},
    {"var o = {get k() { log.push('own'); return 8; }};", "k", 0, "log=own", 0},
    {"var p = {get k() { log.push('proto'); return 1; }}; var o = Object.create(p);"
     " Object.defineProperty(o, 'k', {value: 'shadow', writable: true});", "k", 0, "r=string:shadow err=- log= ", 0},
    {"var o = new Proxy({}, {get: function (t, k) { log.push('trap:' + k); return 'p'; }});", "k", 0,
     "log=trap:k", 0},
    {"var o = Object.create(new Proxy({k: 'target'}, {get: function () { log.push('trap'); return 1; }}));",
     "k", 0, NULL, 0},
    {"var o = [1, 2, 3];", "length", 0, "r=number:3", 0},
    {"var o = Object.create([1, 2]);", "length", 0, NULL, 0},
    {"var o = {'0': 'zero'};", "0", 0, "r=string:zero", 0},
    {"var o = ['a'];", "0", 0, "r=string:a", 0},
    {"var o = 'abc';", "length", 0, "r=number:3", 0},
    {"var o = 5;", "toFixed", 0, "r=fn:", 0},
    {"var o = new String('abcd');", "length", 0, "r=number:4", 0},
    {"var o = new Uint8Array(4);", "length", 0, "r=number:4", 0},
    {"var o = (function () { return arguments; })(1, 2);", "length", 0, "r=number:2", 0},
    {"var o = (function () { return arguments; })('x', 2);", "0", 0, "r=string:x", 0},
    {"var o = function foo(a, b) {};", "length", 0, "r=number:2", 0},
    {"var o = function foo(a, b) {};", "name", 0, "r=string:foo", 0},
    {"var o = undefined;", "k", 0, "err=TypeError", 0},
    {"var o = null;", "k", 0, "err=TypeError", 0},
    /* writes */
    {"var o = {k: 1}; var val = 'new';", "k", 1, "own=string:newwec", 0},
    {"var o = {}; Object.defineProperty(o, 'k', {value: 1, enumerable: true}); var val = 2;", "k", 1,
     "err=TypeError", 0},
    {"var o = {set k(v) { log.push('set:' + v); }}; var val = 3;", "k", 1, "log=set:3", 0},
    {"var p = {set k(v) { log.push('set:' + v + ':' + (this === o)); }}; var o = Object.create(p);"
     " var val = 4;", "k", 1, "log=set:4:true own=none", 0},
    {"var p = {get k() { return 1; }}; var o = Object.create(p); var val = 5;", "k", 1, "err=TypeError", 0},
    {"var p = Object.freeze({k: 1}); var o = Object.create(p); var val = 6;", "k", 1,
     "err=TypeError", 0},
    {"var p = {k: 1}; var o = Object.create(p); var val = 7;", "k", 1, "own=number:7wec", 0},
    {"var o = {a: 1, b: 2}; var val = {tag: 'v'};", "k", 1, "own=obj:vwec keys=a,b,k", 0},
    {"var o = {a: 1}; Object.preventExtensions(o); var val = 8;", "k", 1, "err=TypeError", 0},
    {"var o = Object.freeze({k: 1}); var val = 9;", "k", 1, "err=TypeError", 0},
    {"var o = Object.seal({k: 1}); var val = 10;", "k", 1, "own=number:10we", 0},
    {"var o = new Proxy({}, {set: function (t, k, v) { log.push('trap:' + k + '=' + v); return true; }});"
     " var val = 11;", "k", 1, "log=trap:k=11", 0},
    {"var o = Object.create(new Proxy({}, {set: function () { log.push('trap'); return true; }}));"
     " var val = 12;", "k", 1, NULL, 0},
    {"var o = [1, 2, 3]; var val = 1;", "length", 1, "keys=0 ", 0},
    {"var o = [1, 2, 3]; var val = 0;", "length", 1, "keys= ", 0},
    {"var o = [1, 2]; var val = 5;", "length", 1, "keys=0,1 ", 0},
    {"var o = [1, 2]; var val = 1.5;", "length", 1, "err=RangeError", 0},
    {"var o = [1, 2]; var val = {valueOf: function () { log.push('valueOf'); return 1; }};", "length", 1,
     "log=valueOf", 0},
    {"var o = [1, 2]; Object.defineProperty(o, 'length', {writable: false}); var val = 0;", "length", 1,
     "err=TypeError", 0},
    {"var o = [{}, 2]; Duktape.fin(o[0], function () { log.push('fin'); }); var val = 0;", "length", 1,
     "log=fin", 0},
    {"var o = [1, 2, 3]; o[100] = 4; var val = 2;", "length", 1, "keys=0,1 ", 0},
    {"var o = Object.create([1, 2]); var val = 13;", "k", 1, NULL, 0},
    {"var o = {}; var val = 'zero';", "0", 1, "keys=0", 0},
    {"var o = ['a']; var val = 'b';", "0", 1, "own=string:bwec", 0},
    {"var o = 'abc'; var val = 1;", "k", 1, "err=TypeError", 0},
    {"var o = {k: {}}; Duktape.fin(o.k, function () { log.push('fin'); }); var val = null;", "k", 1,
     "log=fin", 0},
    {"var o = {a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7}; var val = 14;", "k", 1, "keys=a,b,c,d,e,f,g,k", 0},
    {"var o = {}; for (var i = 0; i < 40; i++) o['p' + i] = i; var val = 15;", "k", 1, "own=number:15wec", 0},
    {"var o = Object.create(null); var val = 16;", "k", 1, "own=number:16wec keys=k", 0},
    {"var o = function foo() {}; var val = 'bar';", "name", 1, NULL, 0},
    {"var o = function foo() {}; var val = 17;", "k", 1, "own=number:17wec", 0},
    {"var o = new Uint8Array(2); var val = 18;", "k", 1, "own=number:18wec", 0},
    /* array elements by index */
    {"var o = [1, 2, 3];", NULL, 0, "r=number:2", 1},
    {"var o = [1, , 3];", NULL, 0, "r=undefined:undefined", 1},
    {"Array.prototype[1] = 'proto'; var o = [1, , 3];", NULL, 0, "r=string:proto", 1},
    {"var o = [1, 2];", NULL, 0, "r=undefined:undefined", 5},
    {"var o = (function (a) { a = 'changed'; return arguments; })('x');", NULL, 0, "r=string:changed", 0},
    {"var o = new Uint8Array([7, 8]);", NULL, 0, "r=number:8", 1},
    {"var o = new String('ab');", NULL, 0, "r=string:b", 1},
    {"var o = {'0': 'z'};", NULL, 0, "r=string:z", 0},
    {"var o = 'abc';", NULL, 0, "r=string:b", 1},
    {"var o = new Proxy([1, 2], {get: function (t, k) { log.push('trap:' + k); return 'p'; }});", NULL, 0,
     "log=trap:1", 1},
    {"var o = [1, 2, 3]; var val = 'v';", NULL, 1, "own=string:vwec keys=0,1,2", 1},
    {"var o = [1, 2, 3, 4]; o.length = 2; var val = 'v';", NULL, 1, "keys=0,1,3", 3},
    {"var o = [1, 2, 3, 4]; o.length = 2; Object.defineProperty(o, 'length', {writable: false});"
     " var val = 'v';", NULL, 1, "err=TypeError", 3},
    {"var o = [1, 2]; Object.defineProperty(o, 'length', {writable: false}); var val = 'v';", NULL, 1,
     "own=string:vwec", 1},
    {"var o = Object.freeze([1, 2]); var val = 'v';", NULL, 1, "err=TypeError", 0},
    {"var o = Object.seal([1, 2]); var val = 'v';", NULL, 1, "own=string:vwe", 0},
    {"var o = [1, 2]; Object.preventExtensions(o); var val = 'v';", NULL, 1, "own=string:vwec", 0},
    {"var o = [1, , 3]; Object.preventExtensions(o); var val = 'v';", NULL, 1, "err=TypeError", 1},
    {"var o = [1, 2]; var val = 'v';", NULL, 1, "keys=0,1,2", 2},
    {"var o = (function (a) { return arguments; })('x'); var val = 'v';", NULL, 1, "own=string:vwec", 0},
    {"var o = new Uint8Array(2); var val = 300;", NULL, 1, "own=number:44", 1},
    {"var o = new Proxy([1, 2], {set: function (t, k, v) { log.push('trap:' + k); return true; }});"
     " var val = 'v';", NULL, 1, "log=trap:0", 0},
    {"var o = {}; var val = 'v';", NULL, 1, "keys=7", 7},
    {"var o = [{}]; Duktape.fin(o[0], function () { log.push('fin'); }); var val = 1;", NULL, 1, "log=fin", 0},
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
  int form; /* reads: 0 by literal, 1 as ToBoolean (lode_duk_get_lit_bool),
             * 2 by a key on the stack (lode_duk_get_prop) */
} op_t;

static duk_ret_t do_op(duk_context* ctx, void* udata) {
  op_t* op = udata;
  const char* key = op->c->key;
  duk_uarridx_t i = op->c->index;
  duk_get_global_string(ctx, "o");
  if (op->c->put) {
    duk_get_global_string(ctx, "val");
    if (key == NULL && op->fast) lode_duk_put_index(ctx, -2, i);
    else if (key == NULL) duk_put_prop_index(ctx, -2, i);
    else if (op->fast) lode_duk_put_lit(ctx, -2, key, strlen(key));
    else duk_put_prop_literal_raw(ctx, -2, key, strlen(key));
    duk_push_undefined(ctx);
  } else if (op->form == 2) {
    duk_push_string(ctx, key);
    if (op->fast) lode_duk_get_prop(ctx, -2);
    else duk_get_prop(ctx, -2);
  } else if (op->form == 1) {
    if (op->fast) {
      duk_push_boolean(ctx, lode_duk_get_lit_bool(ctx, -1, key, strlen(key)));
    } else {
      duk_get_prop_literal_raw(ctx, -1, key, strlen(key));
      duk_push_boolean(ctx, duk_to_boolean(ctx, -1));
    }
  } else {
    if (key == NULL && op->fast) lode_duk_get_index(ctx, -1, i);
    else if (key == NULL) duk_get_prop_index(ctx, -1, i);
    else if (op->fast) lode_duk_get_lit(ctx, -1, key, strlen(key));
    else duk_get_prop_literal_raw(ctx, -1, key, strlen(key));
  }
  return 1;
}

/* The text for case c done the fast or the general way, in out. */
static int run_case(const prop_case_t* c, int fast, int form, char* out, size_t cap) {
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
  op.form = form;
  ok = duk_safe_call(ctx, do_op, &op, 0, 1) == DUK_EXEC_SUCCESS;
  /* [result or error] */
  duk_push_string(ctx, describe_js);
  duk_eval(ctx);
  duk_get_global_string(ctx, "o");
  if (c->key != NULL) duk_push_string(ctx, c->key);
  else duk_push_sprintf(ctx, "%u", c->index);
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
  int form;
  char general[1024], fast[1024];
  for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
    const prop_case_t* c = &cases[i];
    ASSERT_EQ(run_case(c, 0, 0, general, sizeof(general)), 0);
    ASSERT_EQ(run_case(c, 1, 0, fast, sizeof(fast)), 0);
    if (strcmp(general, fast) != 0 || (c->expect && strstr(fast, c->expect) == NULL)) {
      fprintf(stderr, "case %u (%s %s/%u): %s\n  duktape: %s\n  lode:    %s\n  expected part: %s\n",
              (unsigned) i, c->put ? "put" : "get", c->key ? c->key : "index", c->index, c->setup,
              general, fast, c->expect ? c->expect : "(none)");
      return 1;
    }
    if (c->put || c->key == NULL) continue;
    /* the same read as ToBoolean, and with the key on the stack */
    for (form = 1; form <= 2; form++) {
      ASSERT_EQ(run_case(c, 0, form, general, sizeof(general)), 0);
      ASSERT_EQ(run_case(c, 1, form, fast, sizeof(fast)), 0);
      if (strcmp(general, fast) != 0) {
        fprintf(stderr, "case %u, read form %d: %s\n  duktape: %s\n  lode:    %s\n", (unsigned) i, form,
                c->setup, general, fast);
        return 1;
      }
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

/* lode_duk_push_own_keys + lode_duk_get_prop_at against duk_enum(own) +
 * duk_next(get value): the same keys in the same order, the same values,
 * the same getter and trap calls. */
static const char* const enum_cases[] = {
    "var o = {b: 1, a: 'x', c: null};",
    "var o = {a: 1, b: 2, c: 3}; delete o.b; o.d = 4;",
    "var o = {z: 1, '2': 'two', '10': 'ten', y: 2};",
    "var o = {a: 1}; Object.defineProperty(o, 'hidden', {value: 2, enumerable: false}); o.b = 3;",
    "var o = {get a() { log.push('get a'); return 'A'; }, b: 'B'};",
    "var o = Object.create({inherited: 1}); o.own = 2;",
    "var o = [10, 20, 30]; o.extra = 'e';",
    "var o = new Proxy({a: 1, b: 2}, {ownKeys: function (t) { log.push('ownKeys'); return ['b', 'a']; },"
    " get: function (t, k) { log.push('get ' + String(k)); return t[k]; }});",
    "var o = new String('hi'); o.x = 1;",
    "var o = {}; o[Symbol('s')] = 1; o.a = 2;",
    "var o = Object.create(null); o.a = 1; o.b = 2;",
    "var o = {}; for (var i = 0; i < 30; i++) o['k' + i] = i;",
    "var o = {};",
};

static int run_enum(const char* setup, int fast, char* out, size_t cap) {
  duk_context* ctx = duk_create_heap_default();
  size_t n = 0;
  ASSERT_NOT_NULL(ctx);
  duk_push_string(ctx, "var log = [];");
  duk_push_string(ctx, setup);
  duk_concat(ctx, 2);
  ASSERT_EQ(duk_peval_noresult(ctx), 0);
  duk_get_global_string(ctx, "o"); /* 0 */
  out[0] = '\0';
  if (fast) {
    duk_idx_t i, count = lode_duk_push_own_keys(ctx, 0);
    ASSERT_EQ(duk_get_top(ctx), 1 + count);
    for (i = 0; i < count; i++) {
      lode_duk_get_prop_at(ctx, 0, 1 + i);
      n += (size_t) snprintf(out + n, cap - n, "%s=%s;", duk_to_string(ctx, 1 + i),
                             duk_safe_to_string(ctx, -1));
      duk_pop(ctx);
    }
    duk_set_top(ctx, 1);
  } else {
    duk_enum(ctx, 0, DUK_ENUM_OWN_PROPERTIES_ONLY);
    while (duk_next(ctx, -1, 1)) {
      n += (size_t) snprintf(out + n, cap - n, "%s=%s;", duk_to_string(ctx, -2),
                             duk_safe_to_string(ctx, -1));
      duk_pop_2(ctx);
    }
    duk_pop(ctx);
  }
  ASSERT_EQ(duk_get_top(ctx), 1);
  ASSERT_EQ(duk_peval_string(ctx, "log.join(',')"), 0);
  snprintf(out + n, cap - n, " log=%s", duk_get_string(ctx, -1));
  duk_destroy_heap(ctx);
  return 0;
}

TEST_IMPL(engine_props_own_keys_same_as_duktape) {
  size_t i;
  char general[2048], fast[2048];
  for (i = 0; i < sizeof(enum_cases) / sizeof(enum_cases[0]); i++) {
    ASSERT_EQ(run_enum(enum_cases[i], 0, general, sizeof(general)), 0);
    ASSERT_EQ(run_enum(enum_cases[i], 1, fast, sizeof(fast)), 0);
    if (strcmp(general, fast) != 0) {
      fprintf(stderr, "enum case %u: %s\n  duktape: %s\n  lode:    %s\n", (unsigned) i,
              enum_cases[i], general, fast);
      return 1;
    }
  }
  /* and the cases say what they should */
  ASSERT_EQ(run_enum(enum_cases[1], 1, fast, sizeof(fast)), 0);
  ASSERT_STR_EQ(fast, "a=1;c=3;d=4; log=");
  ASSERT_EQ(run_enum(enum_cases[4], 1, fast, sizeof(fast)), 0);
  ASSERT_STR_EQ(fast, "a=A;b=B; log=get a");
  return 0;
}

/* lode_duk_push_object_sized: an ordinary empty object (prototype
 * Object.prototype, extensible) that takes more properties than it was
 * sized for, in order. */
TEST_IMPL(engine_props_object_sized) {
  static const char names[] = "abcdefghijklmnopqrst";
  duk_context* ctx = duk_create_heap_default();
  int i;
  ASSERT_NOT_NULL(ctx);
  ASSERT_EQ(lode_duk_push_object_sized(ctx, 4), 0);
  for (i = 0; i < 20; i++) {
    duk_push_int(ctx, i);
    duk_put_prop_lstring(ctx, 0, names + i, 1);
  }
  duk_put_global_string(ctx, "o");
  ASSERT_EQ(duk_peval_string(ctx, "Object.getPrototypeOf(o) === Object.prototype && Object.isExtensible(o) ?"
                                  " Object.keys(o).join('') + o.t : 'wrong'"), 0);
  ASSERT_STR_EQ(duk_get_string(ctx, -1), "abcdefghijklmnopqrst19");
  duk_destroy_heap(ctx);
  return 0;
}

/* lode_duk_push_array_sized: an empty array (length 0) whose elements,
 * written in order past the size it was made with, read back as an
 * array's. */
TEST_IMPL(engine_props_array_sized) {
  duk_context* ctx = duk_create_heap_default();
  duk_uarridx_t i;
  ASSERT_NOT_NULL(ctx);
  ASSERT_EQ(lode_duk_push_array_sized(ctx, 4), 0);
  ASSERT_EQ(duk_get_length(ctx, 0), 0);
  for (i = 0; i < 10; i++) {
    duk_push_uint(ctx, i * 2);
    lode_duk_put_index(ctx, 0, i);
  }
  duk_put_global_string(ctx, "a");
  ASSERT_EQ(duk_peval_string(ctx, "Array.isArray(a) + ' ' + a.length + ' ' + JSON.stringify(a) + ' ' +"
                                  " Object.keys(a).length + ' ' + (Object.getPrototypeOf(a) === Array.prototype)"), 0);
  ASSERT_STR_EQ(duk_get_string(ctx, -1), "true 10 [0,2,4,6,8,10,12,14,16,18] 10 true");
  duk_destroy_heap(ctx);
  return 0;
}
