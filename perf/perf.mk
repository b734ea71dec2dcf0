# perf/perf.mk — benchmarks, included by the top Makefile. Never part of
# `make test`: benchmarks do not decide whether CI passes.
#
#   make bench              every benchmark (about 15 minutes), writes
#                           perf/RESULTS.md and perf/ratios.svg
#   make bench NAME...      only those (loop_count, ping_pongs, js_startup, ...)
#   make bench-smoke        every benchmark briefly (BENCH_SHORT=1): proves
#                           they still build and run; figures meaningless
#   make bench-list         the names
#   BENCH_RUNS=5            interleaved runs per pair (default 3; ABBA order;
#                           3x for ping_pongs/pump/pound, +2 for http_hello)
#
# Loop benchmarks are compiled twice from one source, against lode's loop
# (build/perf/lode/NAME) and Debian's libuv (build/perf/uv/NAME).

# Debian packages only the benchmarks need (installed by make bench).
PERF_PKGS := libuv1-dev wrk linux-perf valgrind strace

PERF_DIR := build/perf
PERF_LOOP_NAMES := loop_count ping_pongs pump pound tcp_write_batch \
                   million_timers async queue_work fs_stat getaddrinfo spawn \
                   http_hello
PERF_CFLAGS := -std=c99 -D_GNU_SOURCE -pthread -O2 -g -Wall -Wextra -Werror \
               -Wno-unused-parameter
PERF_LODE_BINS := $(addprefix $(PERF_DIR)/lode/,$(PERF_LOOP_NAMES))
PERF_UV_BINS := $(addprefix $(PERF_DIR)/uv/,$(PERF_LOOP_NAMES))
PERF_TOOLS := $(PERF_DIR)/peer $(PERF_DIR)/epoll_http $(PERF_DIR)/runstat \
              $(PERF_DIR)/sockcall

.PHONY: bench bench-smoke bench-list bench-deps bench-build

# `make bench NAME`: the words after "bench" are benchmark names, not goals.
ifneq ($(filter bench bench-smoke,$(firstword $(MAKECMDGOALS))),)
BENCH_NAMES := $(wordlist 2,$(words $(MAKECMDGOALS)),$(MAKECMDGOALS))
ifneq ($(BENCH_NAMES),)
$(eval $(BENCH_NAMES):;@:)
endif
endif

bench-deps:
	@missing=""; \
	for p in $(PERF_PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages for perf/:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

bench-build: bench-deps all
	@$(MAKE) --no-print-directory $(PERF_LODE_BINS) $(PERF_UV_BINS) $(PERF_TOOLS)

bench: bench-build
	node perf/bench.js --lode $(BUILD)/lode $(BENCH_NAMES)

bench-smoke: bench-build
	BENCH_SHORT=1 node perf/bench.js --lode $(BUILD)/lode --out $(PERF_DIR)/SMOKE.md $(BENCH_NAMES)

bench-list:
	@node perf/bench.js --list

$(PERF_DIR)/lode/%: perf/loop/%.c perf/loop/bench.h $(BUILD)/liblode.a
	@mkdir -p $(dir $@)
	$(CC) $(PERF_CFLAGS) -Iloop -o $@ $< $(BUILD)/liblode.a -lm

$(PERF_DIR)/uv/%: perf/loop/%.c perf/loop/bench.h
	@mkdir -p $(dir $@)
	$(CC) $(PERF_CFLAGS) -DBENCH_LIBUV -o $@ $< -luv -lm

$(PERF_DIR)/peer: perf/loop/peer.c
	@mkdir -p $(dir $@)
	$(CC) $(PERF_CFLAGS) -o $@ $<

$(PERF_DIR)/epoll_http: perf/http/epoll_http.c
	@mkdir -p $(dir $@)
	$(CC) $(PERF_CFLAGS) -o $@ $<

$(PERF_DIR)/runstat: perf/tools/runstat.c
	@mkdir -p $(dir $@)
	$(CC) $(PERF_CFLAGS) -o $@ $<

$(PERF_DIR)/sockcall: perf/tools/sockcall.c
	@mkdir -p $(dir $@)
	$(CC) $(PERF_CFLAGS) -o $@ $<
