#!/usr/bin/env bash
# Entity resolution on the public development sets (FEBRL dataset1-3, Splink's fake_1000), as a new
# user would run it: a mapping written from each file's own columns (bench/er-dev/*.yaml), a fresh
# store, `kashf ingest`, `kashf resolve` with defaults, `kashf evaluate` against the file's truth.
#   bash bench/er_dev.sh [KASHF] [DATA_DIR] [WORK_DIR]
# KASHF defaults to build/src/cli/kashf; DATA_DIR to $KASHF_ER_DEV or /work/shared/data/er-dev;
# WORK_DIR (throwaway stores and truth files) to a temporary folder, removed at the end unless given.
# Prints one Markdown table row per file: records scored, true pairs, records (and the true pairs
# they are in) that could not be scored (never resolved, e.g. no name; or not loaded), candidate pairs compared,
# pair completeness of blocking (when the engine reports it), pairwise precision, recall, F1, and the
# seconds `kashf resolve` took. Truth: FEBRL rec-N-org / rec-N-dup-k are person N; fake_1000 `cluster`.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
K="${1:-$HERE/../build/src/cli/kashf}"
DATA="${2:-${KASHF_ER_DEV:-/work/shared/data/er-dev}}"
if [ -n "${3:-}" ]; then WORK="$3"; mkdir -p "$WORK"; else WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT; fi
[ -x "$K" ] || { echo "no kashf binary at '$K'; build it (cmake --build build --target kashf) or pass its path" >&2; exit 2; }

# truth_febrl FILE OUT / truth_fake FILE OUT: the simulator's truth layout (dataset,schema,key,true_id),
# which `kashf evaluate` turns into entity ids itself.
truth_febrl() {
  awk -F',' 'NR > 1 { id = $1; gsub(/^[ \t]+|[ \t\r]+$/, "", id); split(id, p, "-");
                      print "febrl,Person," id "," p[2] }
             BEGIN { print "dataset,schema,key,true_id" }' "$1" > "$2"
}
truth_fake() {
  awk -F',' 'NR == 1 { for (i = 1; i <= NF; i++) { gsub(/[ \r]/, "", $i); col[$i] = i }; next }
             { id = $col["unique_id"]; c = $col["cluster"]; gsub(/[ \r]/, "", c); print "fake1000,Person," id "," c }
             BEGIN { print "dataset,schema,key,true_id" }' "$1" > "$2"
}

echo "| file | records scored | true pairs | not scored: records / true pairs | candidate pairs | pair completeness | precision | recall | F1 | resolve s |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for spec in dataset1:febrl dataset2:febrl dataset3:febrl fake_1000:fake_1000; do
  name="${spec%%:*}"; mapping="$HERE/er-dev/${spec##*:}.yaml"; csv="$DATA/$name.csv"
  [ -f "$csv" ] || { echo "| $name | missing: $csv |"; continue; }
  db="$WORK/$name.db"; rm -f "$db" "$db"-*
  if [ "$name" = fake_1000 ]; then truth_fake "$csv" "$WORK/$name.truth.csv"; else truth_febrl "$csv" "$WORK/$name.truth.csv"; fi
  "$K" --db "$db" -q init > /dev/null
  "$K" --db "$db" -q ingest -m "$mapping" "$csv" > "$WORK/$name.ingest.txt"
  start=$(date +%s.%N)
  "$K" --db "$db" --json resolve > "$WORK/$name.resolve.json"
  end=$(date +%s.%N)
  "$K" --db "$db" --json evaluate --truth "$WORK/$name.truth.csv" > "$WORK/$name.evaluate.json"
  python3 - "$name" "$WORK/$name.resolve.json" "$WORK/$name.evaluate.json" "$start" "$end" <<'PY'
import json, sys
name, resolve, evaluate = sys.argv[1], json.load(open(sys.argv[2])), json.load(open(sys.argv[3]))
def find(node, key):  # the first value under `key` anywhere in a JSON document, or None
    if isinstance(node, dict):
        if key in node: return node[key]
        node = list(node.values())
    if isinstance(node, list):
        for child in node:
            found = find(child, key)
            if found is not None: return found
    return None
e, gaps = evaluate["kashf"], evaluate.get("not_scored", {})
pc = find(evaluate, "pair_completeness")
if pc is None: pc = find(resolve, "pair_completeness")
candidates = find(resolve, "candidate_pairs")  # the engine's report may nest or rename it; "-" then
print("| %s | %s | %s | %s / %s | %s | %s | %.4f | %.4f | %.4f | %.2f |" % (
    name, format(e["records"], ","), format(e["true_pairs"], ","),
    format(gaps.get("records_without_prediction", 0) + gaps.get("truth_rows_not_loaded", 0), ","),
    format(gaps.get("true_pairs_without_prediction", 0), ","), "-" if candidates is None else format(candidates, ","),
    "-" if pc is None else "%.4f" % pc, e["precision"], e["recall"], e["f1"], float(sys.argv[5]) - float(sys.argv[4])))
PY
done
