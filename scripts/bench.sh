#!/usr/bin/env bash
# `make bench`: runs every benchmark harness under <build>/bench, one process each, and prints
# their throughput and peak-memory counters. Figures worth keeping go into docs/benchmarks.md
# together with the command, the machine and its load (`uptime`).
set -euo pipefail
BUILD="${1:-build}"
uptime
for b in "$BUILD"/bench/kashf_bench_*; do
  [ -x "$b" ] || continue
  echo "== $(basename "$b")"
  "$b" --benchmark_counters_tabular=true
done
