/*
 * internal.h — what the files of the libuv adapter share (layer:
 * platform/libuv, built only by `make LOOP=libuv`).
 *
 * The adapter implements loop/lode.h over libuv so that the same runtime
 * (engine/, modules/, stdlib/) runs on lode's own loop or on libuv, for
 * comparing the two. Every lode handle and request embeds its libuv
 * object as the private member `uv` (lode.h, LODE_LOOP_LIBUV); the libuv
 * object's `data` points back at the lode object, and trampolines turn
 * libuv callbacks into lode callbacks. The lode fields that are public
 * (data, loop, type, write_queue_size, pid, result, ptr, path, statbuf,
 * ...) are kept up to date; most private ones stay unused.
 *
 * Error codes need no table: on Linux, libuv's UV_E* are -errno and its
 * UV_EOF, UV_ECHARSET and UV_EAI_* have the values lode fixed for them
 * (checked at compile time in core.c).
 */
#ifndef LODE_PLATFORM_LIBUV_INTERNAL_H
#define LODE_PLATFORM_LIBUV_INTERNAL_H

#if !defined(LODE_LOOP_LIBUV)
#error "platform/libuv is built only with LODE_LOOP_LIBUV (make LOOP=libuv)"
#endif

#include "../../loop/internal.h"

/* Compile-time check (C99 has no _Static_assert). */
#define LODE__UV_CHECK(name, cond) \
  typedef char lode__uv_check_##name[(cond) ? 1 : -1]
/* Compares constants of different enums (or sizes) as ints. */
#define LODE__UV_SAME(a, b) ((int) (a) == (int) (b))

static inline uv_loop_t* lode__uv_loop(lode_loop_t* loop) {
  return &loop->uv;
}

/* The libuv handle behind a lode handle (NULL for an unknown type). */
uv_handle_t* lode__uv_handle(const lode_handle_t* handle);

static inline uv_stream_t* lode__uv_stream(const lode_stream_t* stream) {
  return (uv_stream_t*) &stream->uv.stream;
}

/* The lode type for a libuv handle type (LODE_UNKNOWN_HANDLE if none). */
lode_handle_type lode__uv_type_to_lode(uv_handle_type type);

/* Shared close trampoline: calls the lode handle's close_cb. */
void lode__uv_on_close(uv_handle_t* uvh);

#endif /* LODE_PLATFORM_LIBUV_INTERNAL_H */
