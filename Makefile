# Kashf: the two commands the README promises, plus helpers.
#   make demo  - install dependencies, build, generate the demo data set, ingest, summarise
#   make test  - install dependencies, build (plain and ASan/UBSan), run every test, fuzz briefly
#   make fuzz  - build the libFuzzer harnesses (clang) and run each for FUZZ_SECONDS (docs/security.md)
#   make lint  - formatting, clang-tidy, and eslint + TypeScript strict for web/ (CONTRIBUTING.md, "Lint")
BUILD ?= build
ASAN_BUILD ?= build-asan
JOBS ?= $(shell nproc)
KASHF := $(BUILD)/src/cli/kashf
DEMO_DIR ?= demo
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 300
FUZZ_SECONDS_CI ?= 20

.PHONY: deps build build-asan test test-fast test-asan test-fuzz fuzz demo bench clean lint lint-format lint-tidy lint-web

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

test: test-fast test-asan test-fuzz

demo: build
	bash scripts/demo.sh $(KASHF) $(DEMO_DIR)

# Lint: each part is its own target so one can run alone; `lint` runs all three (make -k lint to see
# every failure). Only tracked files are checked.
lint: lint-format lint-tidy lint-web

lint-format: deps
	git ls-files -z '*.cc' '*.h' | xargs -0 clang-format-14 --dry-run --Werror

# clang-tidy over src/ with the Release build's compile_commands.json; files unchanged since they were
# last clean are skipped (scripts/lint-tidy.py), so run it after `make build` for the fast path.
lint-tidy: deps
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release > /dev/null
	python3 scripts/lint-tidy.py --build $(BUILD) --jobs $(JOBS)

lint-web: deps
	cd web && { [ -x node_modules/.bin/eslint ] || npm ci --no-audit --no-fund; } && npm run lint

bench: build
	bash scripts/bench.sh $(BUILD)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD) $(DEMO_DIR)
