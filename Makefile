# lode — build, test and run.
#
#   make            build/lode, build/liblode.a, the test runner, examples
#   make run        build, then run the example server (examples/echo-server.js)
#   make test       build, then run every test
#   make asan       build and run the tests under AddressSanitizer + UBSan
#                   (same as make test SAN=1; objects go to build/asan)
#   make test-libuv the JS tests on lode built over libuv (build/libuv)
#   make bench      benchmarks: lode's loop vs libuv, lode vs node; writes
#                   perf/RESULTS.md (make bench NAME runs one; make
#                   bench-smoke runs all briefly; see perf/perf.mk)
#   make clean
#   make LOOP=libuv ...  the same runtime on libuv (platform/libuv/, an
#                   adapter implementing loop/lode.h over libuv), in
#                   build/libuv, for comparing the two loops
#
# Missing Debian packages are installed with apt-get (sudo when not root).

CC ?= cc
UNAME_S := $(shell uname -s)

# LOOP=libuv builds lode on libuv instead of its own loop: platform/libuv/
# implements loop/lode.h over Debian's libuv1-dev, engine/, modules/ and
# stdlib/ are unchanged, so one JS program runs on either loop. Its objects
# go to build/libuv (build/libuv-asan with SAN=1). The default is lode's
# own loop (LOOP=lode); nothing of libuv is used then.
LOOP ?= lode
ifeq ($(LOOP),libuv)
ifeq ($(SAN),1)
BUILD ?= build/libuv-asan
else
BUILD ?= build/libuv
endif
endif

ifeq ($(SAN),1)
BUILD ?= build/asan
SANFLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
OPT ?= -O1 -g
export LODE_TEST_TIMEOUT_MULT ?= 3
export ASAN_OPTIONS ?= detect_leaks=1:abort_on_error=1:quarantine_size_mb=16
export UBSAN_OPTIONS ?= print_stacktrace=1:halt_on_error=1
else
BUILD ?= build
SANFLAGS :=
OPT ?= -O2 -g
endif

WARN := -Wall -Wextra -Werror -Wno-unused-parameter
CFLAGS_BASE := -std=c99 -D_GNU_SOURCE -pthread $(OPT) $(SANFLAGS) -MMD -MP
# -fno-merge-constants: the linker would otherwise share the tail of one
# string literal with another ("server" is the tail of "_server"), and
# Duktape's literal cache, keyed on address ^ length, puts many such
# pairs in one slot, where they evict each other on every request
# (engine/duk_overrides.h, DUK_USE_LITCACHE_SIZE).
CFLAGS_LODE := $(CFLAGS_BASE) $(WARN) -Iloop -fno-merge-constants
LDFLAGS_LODE := -pthread $(SANFLAGS)
LDLIBS := -lm

# Debian packages the build and the tests need.
PKGS := duktape-dev libbearssl-dev openssl curl

# ---- sources ----

LOOP_SRC := $(wildcard loop/*.c)
UNIX_SRC := $(wildcard platform/unix/*.c)
ifeq ($(UNAME_S),Linux)
BACKEND_SRC := platform/linux/epoll.c platform/linux/inotify.c
else
BACKEND_SRC := platform/bsd/kqueue.c platform/bsd/fs_event.c
endif
LIB_SRC := $(LOOP_SRC) $(UNIX_SRC) $(BACKEND_SRC)
ifeq ($(LOOP),libuv)
# The adapter, plus the files that do not depend on the loop (error names,
# allocator, addresses; os; threads; random), reused as they are. Every
# object sees -DLODE_LOOP_LIBUV: it gives lode.h's structs their libuv
# members, so engine/ and modules/ are compiled for this build too.
LIB_SRC := $(wildcard platform/libuv/*.c) loop/misc.c platform/unix/os.c \
           platform/unix/thread.c platform/unix/random.c
CFLAGS_LODE += -DLODE_LOOP_LIBUV
LDLIBS += -luv
PKGS += libuv1-dev
ifneq ($(filter bench bench-smoke bench-build,$(MAKECMDGOALS)),)
$(error the loop benchmarks compare lode and libuv already: run make bench without LOOP=libuv)
endif
endif
LIB_OBJ := $(patsubst %.c,$(BUILD)/obj/%.o,$(LIB_SRC))

# The HTTP parser is pure C: part of lode, and linked into the C test
# runner for test/loop/test-http-parser.c.
HTTP_PARSER_OBJ := $(BUILD)/obj/modules/http/parser.o
# (*.inc.c: appended to Duktape's duktape.c, see DUK_EXT_SRC)
ENGINE_SRC := $(filter-out %.inc.c,$(wildcard engine/*.c)) $(wildcard modules/*.c) modules/http/parser.c
ENGINE_OBJ := $(patsubst %.c,$(BUILD)/obj/%.o,$(ENGINE_SRC)) $(BUILD)/obj/gen/natives.o

# The stdlib/ JavaScript, embedded into the binary by tools/js2c.c.
# The modules every start-up loads go first: js2c lays out the bytecode in
# this order, so they share a few file pages (the kernel maps a file's
# pages around each one touched: scattered, they mapped most of .rodata).
# (Their order within the group does not matter; a name missing here only
# costs start-up memory.)
STDLIB_ALL := $(sort $(shell find stdlib -name '*.js'))
BOOT_JS := $(filter $(addprefix stdlib/,internal/bootstrap.js \
  internal/task_queues.js internal/polyfills.js events.js internal/errors.js \
  timers.js internal/modules.js path.js),$(STDLIB_ALL))
STDLIB_JS := $(BOOT_JS) $(filter-out $(BOOT_JS),$(STDLIB_ALL))

TEST_SRC := $(wildcard test/loop/*.c)
TEST_OBJ := $(patsubst %.c,$(BUILD)/obj/%.o,$(TEST_SRC)) $(BUILD)/obj/test/runner.o $(HTTP_PARSER_OBJ)

EXAMPLES := $(patsubst examples/%.c,$(BUILD)/examples/%,$(wildcard examples/*.c))

# Duktape comes from Debian's duktape-dev: copied into the build folder,
# overrides spliced into duk_config.h, compiled once and cached.
DUK_SRC_DIR := /usr/share/duktape
DUK_DIR := build/duktape
DUK_OBJ := $(BUILD)/obj/duktape.o
DUK_CONFIG_PARTS := engine/duk_overrides.h
# PROF=1 (`make prof`): build/prof, a lode whose Duktape runs the JS
# sampling profiler of perf/tools/jsprof.inc.c (LODE_PROF=file). Its
# Duktape is its own copy, with that file appended.
ifeq ($(PROF),1)
DUK_DIR := $(BUILD)/duktape
DUK_CONFIG_PARTS += engine/duk_prof.h
DUK_PROF_SRC := perf/tools/jsprof.inc.c
CFLAGS_LODE += -DLODE_JSPROF
endif
# lode's own code that uses Duktape's internals, appended to the build
# copy of duktape.c (one translation unit), each file under its own name
# for debuggers and profilers (#line).
DUK_EXT_SRC := engine/duk_fastprop.inc.c $(DUK_PROF_SRC)
BEARSSL_LIB := $(firstword $(wildcard /usr/lib/*/libbearssl.a /usr/lib/libbearssl.a))

.PHONY: all deps run test asan prof test-libuv clean check-js

all: deps
	@$(MAKE) --no-print-directory $(BUILD)/liblode.a $(BUILD)/lode $(BUILD)/test/runner $(EXAMPLES)

deps:
	@missing=""; \
	for p in $(PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

$(BUILD)/liblode.a: $(LIB_OBJ)
	@mkdir -p $(dir $@)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_LODE) -c $< -o $@

# ---- Duktape ----

$(DUK_DIR)/duk_config.h: $(DUK_SRC_DIR)/duk_config.h $(DUK_CONFIG_PARTS) $(DUK_EXT_SRC)
	@mkdir -p $(DUK_DIR)
	cp $(DUK_SRC_DIR)/duktape.c $(DUK_SRC_DIR)/duktape.h $(DUK_DIR)/
	cat $(DUK_CONFIG_PARTS) > $@.parts
	sed -e '/__OVERRIDE_DEFINES__/r $@.parts' $< > $@.tmp
	rm -f $@.parts
	mv $@.tmp $@
	for f in $(DUK_EXT_SRC); do printf '#line 1 "%s"\n' $$f; cat $$f; done >> $(DUK_DIR)/duktape.c

$(DUK_DIR)/duktape.c: $(DUK_DIR)/duk_config.h

$(DUK_OBJ): $(DUK_DIR)/duk_config.h
	@mkdir -p $(dir $@)
	$(CC) -std=c99 -D_GNU_SOURCE $(OPT) $(SANFLAGS) -fno-sanitize=alignment -I$(DUK_DIR) -c $(DUK_DIR)/duktape.c -o $@

$(ENGINE_OBJ): $(DUK_DIR)/duk_config.h
$(ENGINE_OBJ): CFLAGS_LODE += -I$(DUK_DIR) -Iengine

# BYTECODE=1 (the default) embeds Duktape bytecode compiled at build time,
# so start-up parses nothing; BYTECODE=0 embeds the source text.
BYTECODE ?= 1
ifeq ($(BYTECODE),1)
$(BUILD)/tools/js2c: tools/js2c.c engine/natives.h $(DUK_OBJ)
	@mkdir -p $(dir $@)
	$(CC) -std=c99 -O1 $(SANFLAGS) -Wall -Wextra -Werror -DLODE_JS2C_BYTECODE -I$(DUK_DIR) -o $@ $< $(DUK_OBJ) -lm
else
$(BUILD)/tools/js2c: tools/js2c.c engine/natives.h
	@mkdir -p $(dir $@)
	$(CC) -std=c99 -O1 -Wall -Wextra -Werror -o $@ $<
endif

$(BUILD)/gen/natives.c: $(STDLIB_JS) $(BUILD)/tools/js2c
	@mkdir -p $(dir $@)
	$(BUILD)/tools/js2c $@ stdlib $(STDLIB_JS)

$(BUILD)/obj/gen/natives.o: $(BUILD)/gen/natives.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_LODE) -Iengine -c $< -o $@

$(BUILD)/lode: $(ENGINE_OBJ) $(DUK_OBJ) $(BUILD)/liblode.a
	$(CC) $(LDFLAGS_LODE) -o $@ $(ENGINE_OBJ) $(DUK_OBJ) $(BUILD)/liblode.a $(BEARSSL_LIB) $(LDLIBS)

# ---- tests ----

$(BUILD)/test/list.h: $(TEST_SRC)
	@mkdir -p $(dir $@)
	@sed -n -e 's/^TEST_IMPL(\([A-Za-z0-9_]*\)).*/TEST_ENTRY(\1)/p' \
	        -e 's/^HELPER_IMPL(\([A-Za-z0-9_]*\)).*/HELPER_ENTRY(\1)/p' $(TEST_SRC) > $@.tmp
	@cmp -s $@.tmp $@ || mv $@.tmp $@; rm -f $@.tmp

$(BUILD)/obj/test/runner.o: test/runner.c $(BUILD)/test/list.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_LODE) -I$(BUILD)/test -c $< -o $@

# test-engine-props.c compares engine/duk_fastprop.inc.c with Duktape.
$(TEST_OBJ): $(DUK_DIR)/duk_config.h
$(TEST_OBJ): CFLAGS_LODE += -I$(DUK_DIR)

$(BUILD)/test/runner: $(TEST_OBJ) $(DUK_OBJ) $(BUILD)/liblode.a
	$(CC) $(LDFLAGS_LODE) -o $@ $(TEST_OBJ) $(DUK_OBJ) $(BUILD)/liblode.a $(LDLIBS)

# ---- examples ----

$(BUILD)/examples/%: examples/%.c $(BUILD)/liblode.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_LODE) -o $@ $< $(BUILD)/liblode.a $(LDFLAGS_LODE) $(LDLIBS)

# ---- entry points ----

run: all
	$(BUILD)/lode examples/echo-server.js

# The Promise polyfill against the Promises/A+ suite (under node, skipped
# without node/npm), the polyfills against node's natives, then every C
# and JS test (the runner's line is the last: N passed, N failed, N skipped).
test: all prof
	test/js/harness/run-aplus.sh
	test/js/polyfills/run.sh
	test/prof/run.sh build/prof/lode
	LODE_BIN=$(BUILD)/lode LODE_JS_TESTS=test/js $(BUILD)/test/runner

# The JS sampling profiler build (see PROF above and perf/FINDINGS.md).
prof: deps
	@$(MAKE) --no-print-directory BUILD=build/prof PROF=1 build/prof/lode

# ASan keeps freed memory in a quarantine to catch use-after-free; 16 MiB
# of it (instead of 256) keeps the memory-bound tests meaningful.
asan:
	@$(MAKE) --no-print-directory all SAN=1
	LODE_BIN=build/asan/lode LODE_JS_TESTS=test/js LODE_TEST_TIMEOUT_MULT=3 \
	  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:quarantine_size_mb=16 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 build/asan/test/runner

# The JS suite on lode built over libuv (make LOOP=libuv, build/libuv): the
# same engine, modules and stdlib on another loop. The C loop tests check
# lode's own loop's internals and are not run on it.
test-libuv:
	@$(MAKE) --no-print-directory LOOP=libuv all
	LODE_BIN=build/libuv/lode LODE_JS_TESTS=test/js build/libuv/test/runner --match js/

clean:
	rm -rf build

include perf/perf.mk

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)
