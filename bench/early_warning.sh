#!/usr/bin/env bash
# Early-warning benchmark (docs/benchmarks.md, "Early warning"): simulated threats in
# DISTRICTS x CATEGORIES weekly series over YEARS; every detector scored by kashf, and R surveillance
# on a subset of the same series: the first R_SERIES threat series and R_SERIES quiet ones (R's
# farringtonFlexible is too slow for all of them).
# Usage: bench/early_warning.sh KASHF [OUT_DIR]   (env: DISTRICTS=150 CATEGORIES=20 YEARS=10 THREATS=60 R_SERIES=12)
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
echo "== kashf and R surveillance on the first $N series"
if command -v Rscript >/dev/null && Rscript -e 'suppressPackageStartupMessages(library(surveillance))' 2>/dev/null; then
  Rscript "$SRC/bench/early_warning_r.R" "$OUT/early-warning" "$N" "$OUT/r-alarms.csv"
  "$K" alerts bench "$OUT/early-warning" --limit "$N" --r-alarms "$OUT/r-alarms.csv"
else
  echo "Rscript with package surveillance not installed (apt-get install r-cran-surveillance): R comparison skipped"
  "$K" alerts bench "$OUT/early-warning" --limit "$N"
fi
