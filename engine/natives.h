/*
 * natives.h — the stdlib/ JavaScript embedded at build time (layer:
 * engine/). tools/js2c.c generates the table into build/gen/natives.c.
 */
#ifndef LODE_ENGINE_NATIVES_H
#define LODE_ENGINE_NATIVES_H

typedef struct {
  const char* name;   /* "events", "internal/errors" */
  const char* source; /* the file's bytes, NUL-terminated */
  int length;
} lode_native_t;

/* Ends with an entry whose name is NULL. */
extern const lode_native_t lode_natives[];

#endif /* LODE_ENGINE_NATIVES_H */
