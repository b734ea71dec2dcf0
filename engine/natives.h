/*
 * natives.h — the stdlib/ JavaScript embedded at build time (layer:
 * engine/). tools/js2c.c generates the table into build/gen/natives.c.
 */
#ifndef LODE_ENGINE_NATIVES_H
#define LODE_ENGINE_NATIVES_H

typedef struct {
  const char* name;   /* "events", "internal/errors" */
  const char* source; /* the file's bytes, or Duktape bytecode */
  int length;
} lode_native_t;

/* Ends with an entry whose name is NULL. */
extern const lode_native_t lode_natives[];
/* Non-zero when the table holds bytecode of the wrapped modules. */
extern const int lode_natives_are_bytecode;

/* Every stdlib module is compiled as this function (at build time for
 * bytecode, at run time for source). The last parameter, never passed,
 * is `undefined`: Duktape resolves an identifier through the scope chain
 * at run time, and the global `undefined` is at its end (~630
 * instructions for each `x === undefined` in a module's function); as
 * the module function's own parameter it is found one step out (~250). */
#define LODE_NATIVE_WRAPPER_HEAD                                              \
  "function (exports, require, module, __filename, __dirname, "               \
  "internalBinding, undefined) {"
#define LODE_NATIVE_WRAPPER_TAIL "\n}"

#endif /* LODE_ENGINE_NATIVES_H */
