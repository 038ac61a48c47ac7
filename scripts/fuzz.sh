#!/usr/bin/env bash
# Builds the libFuzzer harnesses (fuzz/, clang-14 with ASan+UBSan) and runs each for SECONDS.
#   scripts/fuzz.sh BUILD_DIR SECONDS [HARNESS...]     (default: every harness)
# Each run starts from the committed seeds (fuzz/corpus/NAME) plus what earlier runs in BUILD_DIR
# found (BUILD_DIR/corpus/NAME); new inputs go to the latter, never into the repository. A crash,
# leak, UB report, hang (>30 s per input: generous for a loaded CI machine) or use of more than
# 2 GB stops the run and fails the script; the input that caused it is saved as
# BUILD_DIR/artifacts/NAME/crash-* (reproduce with BUILD_DIR/fuzz/fuzz_NAME FILE), and becomes a
# fix plus a unit test.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build-fuzz}
SECONDS_EACH=${2:-300}
shift $(( $# > 2 ? 2 : $# ))
HARNESSES=("$@")
((${#HARNESSES[@]})) || HARNESSES=(csv jsonl ftm xlsx mapping values search api text chat)
CXX_FUZZ=${CXX_FUZZ:-clang++-14}
cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER="$CXX_FUZZ" \
      -DKASHF_FUZZ=ON -DKASHF_BENCH=OFF >/dev/null
cmake --build "$BUILD" -j "${JOBS:-$(nproc)}" --target $(printf 'fuzz_%s ' "${HARNESSES[@]}")
export TMPDIR=${TMPDIR:-/tmp}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
failed=()
for h in "${HARNESSES[@]}"; do
  mkdir -p "$BUILD/corpus/$h" "$BUILD/artifacts/$h"
  echo "== fuzz_$h for ${SECONDS_EACH}s"
  if ! "$BUILD/fuzz/fuzz_$h" -max_total_time="$SECONDS_EACH" -timeout=30 -rss_limit_mb=2048 -max_len=65536 \
       -print_final_stats=1 -artifact_prefix="$BUILD/artifacts/$h/" "$BUILD/corpus/$h" "fuzz/corpus/$h" \
       >"$BUILD/artifacts/$h/log.txt" 2>&1; then
    failed+=("$h")
    tail -n 60 "$BUILD/artifacts/$h/log.txt"
  fi
  grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb)|^500 from" "$BUILD/artifacts/$h/log.txt" | sort -u || true
done
if ((${#failed[@]})); then
  echo "fuzzing found problems in: ${failed[*]} (inputs under $BUILD/artifacts/)" >&2
  exit 1
fi
echo "fuzzing: no crash in ${#HARNESSES[@]} harnesses x ${SECONDS_EACH}s"
