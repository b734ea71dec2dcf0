/*
 * stream_wrap.h — what other bindings may use of stream_wrap's handle
 * objects (layer: modules/). process_wrap hands the stream behind a Pipe
 * object to lode_spawn as a stdio container.
 */
#ifndef LODE_MODULES_STREAM_WRAP_H
#define LODE_MODULES_STREAM_WRAP_H

#include "engine.h"

/* The open stream behind the TCP/Pipe/TTY object at idx, or NULL when idx
 * holds something else or a handle that is closing or closed. The pointer
 * is valid until the handle is closed. */
lode_stream_t* lode_stream_wrap_get(duk_context* ctx, duk_idx_t idx);

/* A C consumer of a stream's bytes (the http_parser binding): called
 * from the read callback with bytes valid only during the call, instead
 * of the JS onread. EOF and read errors still go to onread. */
typedef void (*lode_stream_wrap_consumer_cb)(void* data, const char* buf, size_t len);

/* Routes the reads of the handle object at idx to cb(data, ...) until
 * lode_stream_wrap_unconsume. Returns 0, or LODE_EBADF when idx holds no
 * open handle. */
int lode_stream_wrap_consume(duk_context* ctx, duk_idx_t idx,
                             lode_stream_wrap_consumer_cb cb, void* data);
/* Detaches the consumer data (if it is still the one attached); a closed
 * handle is ignored. */
void lode_stream_wrap_unconsume(duk_context* ctx, duk_idx_t idx, void* data);

/* Writes bufs on the handle object at idx as writeBuffer does, for the
 * write request object at stack index 0 (req.bytes, req.async, and
 * req.oncomplete(status) later when queued). The value at keep_idx keeps
 * the memory of bufs alive until then. bufs is modified. Returns 0 or a
 * negative error code. */
int lode_stream_wrap_write(duk_context* ctx, duk_idx_t idx, lode_buf_t* bufs,
                           unsigned int nbufs, duk_idx_t keep_idx);
/* The same for the write request object at req_idx. */
int lode_stream_wrap_write_req(duk_context* ctx, duk_idx_t idx, duk_idx_t req_idx,
                               lode_buf_t* bufs, unsigned int nbufs, duk_idx_t keep_idx);

/* Adds n to the bytes written on the handle object at idx by a C writer
 * (http_parser's response fast path), which h.getWrittenBytes() reports
 * for socket.bytesWritten: a count in C rather than a property on every
 * socket. No-op when idx holds no handle. */
void lode_stream_wrap_add_written(duk_context* ctx, duk_idx_t idx, double n);

#endif /* LODE_MODULES_STREAM_WRAP_H */
