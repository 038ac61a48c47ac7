# Kashf: the two commands the README promises, plus helpers.
#   make demo  - install dependencies, build, generate the demo data set, ingest, summarise
#   make test  - install dependencies, build (plain, ASan/UBSan, TSan), run every test, fuzz briefly
#   make fuzz  - build the libFuzzer harnesses (clang) and run each for FUZZ_SECONDS (docs/security.md)
#   make lint  - formatting, clang-tidy, and eslint + TypeScript strict for web/ (CONTRIBUTING.md, "Lint")
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
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 300
FUZZ_SECONDS_CI ?= 20

.PHONY: deps build build-asan build-tsan test test-fast test-asan test-tsan test-fuzz fuzz demo bench clean lint lint-format lint-tidy lint-web

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

# A short bounded run of every fuzzer (part of `make test`, so CI runs it).
test-fuzz: deps
	JOBS=$(JOBS) bash scripts/fuzz.sh $(FUZZ_BUILD) $(FUZZ_SECONDS_CI)

fuzz: deps
	JOBS=$(JOBS) bash scripts/fuzz.sh $(FUZZ_BUILD) $(FUZZ_SECONDS)


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

test: test-fast test-asan test-tsan test-fuzz

demo: build
	bash scripts/demo.sh $(KASHF) $(DEMO_DIR)

# Lint: each part is its own target so one can run alone; `lint` runs all three (make -k lint to see
# every failure). Only tracked files are checked.
lint: lint-format lint-tidy lint-web

lint-format: deps
	git ls-files -z '*.cc' '*.h' | xargs -0 clang-format-14 --dry-run --Werror

# clang-tidy over src/ with the Release build's compile_commands.json; files unchanged since they were
# last clean are skipped (scripts/lint-tidy.py), so run it after `make build` for the fast path.
# TIDY_BASE=REF checks only the files changed since the merge base with REF and those including a
# changed header (CI sets it: the whole tree takes ~12 minutes on 2 cores).
TIDY_BASE ?=
lint-tidy: deps
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release > /dev/null
	python3 scripts/lint-tidy.py --build $(BUILD) --jobs $(JOBS) $(if $(TIDY_BASE),--changed-since $(TIDY_BASE))

lint-web: deps
	cd web && { [ -x node_modules/.bin/eslint ] || npm ci --no-audit --no-fund; } && npm run lint

bench: build
	bash scripts/bench.sh $(BUILD)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(TSAN_BUILD) $(FUZZ_BUILD) $(DEMO_DIR)
