#!/usr/bin/env bash
# Early-warning benchmark (docs/benchmarks.md, "Early warning"): simulated threats in
# DISTRICTS x CATEGORIES weekly series over YEARS; every detector scored by kashf, and R surveillance
# on a subset of the same series: the first R_SERIES threat series and R_SERIES quiet ones (R's
# farringtonFlexible is too slow for all of them).
# Usage: bench/early_warning.sh KASHF [OUT_DIR]   (env: DISTRICTS=150 CATEGORIES=20 YEARS=10 THREATS=60 R_SERIES=12)
# R_SERIES=all runs R on every series instead, in R_JOBS parallel processes (default 2), with only the
# detectors in R_DETECTORS (default: all but farrington_muan, which doubles R's hour of Farrington fits).
set -euo pipefail
K=${1:?usage: bench/early_warning.sh path/to/kashf [out]}
OUT=${2:-bench-out/early-warning}
SRC=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$OUT"
"$K" -q simulate --out "$OUT" --outbreaks-only --outbreak-districts "${DISTRICTS:-150}" \
  --outbreak-categories "${CATEGORIES:-20}" --outbreak-years "${YEARS:-10}" --outbreak-threats "${THREATS:-60}" --seed 1
echo "== kashf, all series"
/usr/bin/time -f "kashf alerts bench: %e s wall, %U s user CPU, %M KiB peak" "$K" alerts bench "$OUT/early-warning"
N=${R_SERIES:-12}
if [ "$N" = all ]; then
  JOBS=${R_JOBS:-2}
  read -r -a DET <<<"${R_DETECTORS:-ears_c1 ears_c2 ears_c3 farrington cusum glrnb}"
  echo "== R surveillance on all series, $JOBS processes, detectors: ${DET[*]}"
  for ((j = 0; j < JOBS; j++)); do
    /usr/bin/time -f "R shard $j: %e s wall, %U s user CPU, %M KiB peak" \
      Rscript "$SRC/bench/early_warning_r.R" "$OUT/early-warning" all "$OUT/r-alarms-$j.csv" "$j" "$JOBS" "${DET[@]}" \
      >"$OUT/r-shard-$j.log" 2>&1 &
  done
  wait
  cat "$OUT"/r-shard-*.log
  { echo '"detector","series","week"'; for ((j = 0; j < JOBS; j++)); do tail -n +2 "$OUT/r-alarms-$j.csv"; done; } \
    >"$OUT/r-alarms.csv"
  DARGS=()
  for d in "${DET[@]}"; do DARGS+=(--detector "$d"); done
  "$K" alerts bench "$OUT/early-warning" "${DARGS[@]}" --r-alarms "$OUT/r-alarms.csv"
  exit 0
fi
echo "== kashf and R surveillance on the first $N series"
if command -v Rscript >/dev/null && Rscript -e 'suppressPackageStartupMessages(library(surveillance))' 2>/dev/null; then
  Rscript "$SRC/bench/early_warning_r.R" "$OUT/early-warning" "$N" "$OUT/r-alarms.csv"
  "$K" alerts bench "$OUT/early-warning" --limit "$N" --r-alarms "$OUT/r-alarms.csv"
else
  echo "Rscript with package surveillance not installed (apt-get install r-cran-surveillance): R comparison skipped"
  "$K" alerts bench "$OUT/early-warning" --limit "$N"
fi
