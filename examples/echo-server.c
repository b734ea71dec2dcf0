/*
 * echo-server.c — the first program to read: a TCP echo server written
 * against lode's loop API (examples/).
 *
 *   make run            # builds, then listens on 127.0.0.1:7000
 *   nc 127.0.0.1 7000   # type a line, get it back
 *
 * PORT=8000 changes the port. Every connection is a lode_tcp_t: bytes
 * arrive in read_cb, go back out with lode_write, and the write's
 * completion frees the copy. The loop never blocks on any one client.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lode.h"

typedef struct {
  lode_write_t req;
  lode_buf_t buf;
} echo_write_t;

static void on_close(lode_handle_t* handle) {
  free(handle);
}

static void on_alloc(lode_handle_t* handle, size_t suggested, lode_buf_t* buf) {
  (void) handle;
  buf->base = malloc(suggested);
  buf->len = buf->base ? suggested : 0;
}

static void on_written(lode_write_t* req, int status) {
  echo_write_t* w = (echo_write_t*) req;
  if (status < 0 && status != LODE_ECANCELED)
    fprintf(stderr, "write: %s\n", lode_strerror(status));
  free(w->buf.base);
  free(w);
}

static void on_read(lode_stream_t* client, lode_ssize_t nread,
                    const lode_buf_t* buf) {
  if (nread > 0) {
    echo_write_t* w = malloc(sizeof(*w));
    if (w == NULL) {
      free(buf->base);
      lode_close((lode_handle_t*) client, on_close);
      return;
    }
    w->buf = lode_buf_init(buf->base, (unsigned int) nread);
    if (lode_write(&w->req, client, &w->buf, 1, on_written) != 0) {
      free(buf->base);
      free(w);
      lode_close((lode_handle_t*) client, on_close);
    }
    return;
  }
  free(buf->base);
  if (nread < 0) {
    if (nread != LODE_EOF) fprintf(stderr, "read: %s\n", lode_strerror((int) nread));
    lode_close((lode_handle_t*) client, on_close);
  }
}

static void on_connection(lode_stream_t* server, int status) {
  lode_tcp_t* client;
  if (status < 0) {
    fprintf(stderr, "connection: %s\n", lode_strerror(status));
    return;
  }
  client = malloc(sizeof(*client));
  if (client == NULL) return;
  lode_tcp_init(server->loop, client);
  if (lode_accept(server, (lode_stream_t*) client) == 0 &&
      lode_read_start((lode_stream_t*) client, on_alloc, on_read) == 0)
    return;
  lode_close((lode_handle_t*) client, on_close);
}

int main(void) {
  lode_loop_t* loop = lode_default_loop();
  lode_tcp_t server;
  struct sockaddr_in addr;
  const char* port_env = getenv("PORT");
  int port = port_env ? atoi(port_env) : 7000;
  int err;

  lode_tcp_init(loop, &server);
  lode_ip4_addr("127.0.0.1", port, &addr);
  err = lode_tcp_bind(&server, (const struct sockaddr*) &addr, 0);
  if (err == 0) err = lode_listen((lode_stream_t*) &server, 128, on_connection);
  if (err != 0) {
    fprintf(stderr, "listen on 127.0.0.1:%d: %s\n", port, lode_strerror(err));
    return 1;
  }
  printf("echo server on 127.0.0.1:%d (try: nc 127.0.0.1 %d)\n", port, port);
  fflush(stdout);
  return lode_run(loop, LODE_RUN_DEFAULT);
}
