#!/usr/bin/env bash
# The demo behind `make demo`: generate the synthetic multi-agency data set, ingest it, resolve
# entities, analyse, and print what an analyst would look at first.
# Usage: scripts/demo.sh <kashf binary> <demo folder>
# Everything here is synthetic (kashf simulate); no real person appears.
set -euo pipefail
K="$(realpath "$1")"
DEMO="$2"
SRC="$(cd "$(dirname "$0")/.." && pwd)"
mkdir -p "$DEMO"
DEMO="$(realpath "$DEMO")"
DB="$DEMO/kashf.db"
DATA="$DEMO/data-set"
KEY="$DEMO/victim.key"   # the victim-identity key lives outside the database
LOG="$DEMO/logs"
rm -rf "$DATA" "$LOG" "$DB" "$DB-wal" "$DB-shm" "$DEMO/exports"
mkdir -p "$LOG" "$DEMO/exports"
k() { "$K" --db "$DB" "$@"; }
section() { printf '\n== %s ==\n' "$*"; }

section "1. Synthetic data set (six agencies, ground truth beside it)"
"$K" simulate --out "$DATA" --records 20000 --seed 42

section "2. Ingest"
k init
for ds in punjab-police-fir fia-ahtc-cases sindh-police-register customs-seizures transactions call-records; do
  k -q ingest -m "$DATA/mappings/$ds.yaml" "$DATA"/data/"$ds".* > "$LOG/ingest-$ds.txt" 2>&1 || {
    cat "$LOG/ingest-$ds.txt"; exit 1; }
done
k stats

section "3. Entity resolution (one person across every agency)"
k resolve
k evaluate --truth "$DATA/truth/records.csv" --schema Person
