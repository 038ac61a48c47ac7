# Kashf: the two commands the README promises, plus helpers.
#   make demo  - install dependencies, build, generate the demo data set, ingest, summarise
#   make test  - install dependencies, build (plain, ASan/UBSan, TSan), run every test
BUILD ?= build
ASAN_BUILD ?= build-asan
TSAN_BUILD ?= build-tsan
# The layers with threads (server, login brake, audit checkpointer, importer's reader/writer
# queue, parallel graph and network kernels): their tests run under ThreadSanitizer, built by
# clang with -Wthread-safety -Werror.
TSAN_LAYERS := auth audit ingest graph network server
JOBS ?= $(shell nproc)
KASHF := $(BUILD)/src/cli/kashf
DEMO_DIR ?= demo

.PHONY: deps build build-asan build-tsan test test-fast test-asan test-tsan demo bench clean

deps:
	bash scripts/install-deps.sh

build: deps
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release
	cmake --build $(BUILD) -j $(JOBS)

build-asan: deps
	cmake -S . -B $(ASAN_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DKASHF_SANITIZE=ON -DKASHF_BENCH=OFF
	cmake --build $(ASAN_BUILD) -j $(JOBS)

test-fast: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

test-asan: build-asan
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure -j $(JOBS)

build-tsan: deps
	cmake -S . -B $(TSAN_BUILD) -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" \
	  -DKASHF_TSAN=ON -DKASHF_BENCH=OFF
	cmake --build $(TSAN_BUILD) -j $(JOBS) --target $(foreach l,$(TSAN_LAYERS),kashf_$(l)_tests)

# The analysis must be on: a file reading a guarded member without its lock has to be refused.
test-tsan: build-tsan
	@clang++ -std=c++20 -fsyntax-only -Wthread-safety -Werror -Iinclude tests/thread_safety/unguarded_read.cc 2>&1 | \
	  grep -q "requires holding mutex" || { echo "thread-safety analysis did not refuse tests/thread_safety/unguarded_read.cc"; exit 1; }
	mkdir -p $(TSAN_BUILD)/test-tmp
	set -e; for l in $(TSAN_LAYERS); do \
	  echo "== ThreadSanitizer: kashf_$${l}_tests"; \
	  KASHF_TEST_TMP=$(CURDIR)/$(TSAN_BUILD)/test-tmp TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" \
	    $(TSAN_BUILD)/src/$$l/kashf_$${l}_tests --gtest_brief=1; \
	done

test: test-fast test-asan test-tsan

demo: build
	bash scripts/demo.sh $(KASHF) $(DEMO_DIR)

bench: build
	bash scripts/bench.sh $(BUILD)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(TSAN_BUILD) $(DEMO_DIR)
