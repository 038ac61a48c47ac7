#!/usr/bin/env bash
# Role detection against the simulator's ground truth over several sizes and seeds:
#   bash bench/network_roles_eval.sh build/src/cli/kashf /tmp/kashf-roles 4000:5 20000:42 20000:1 50000:3 100000:7
# For each RECORDS:SEED it simulates, ingests the six agency files, resolves, runs
# `kashf network evaluate` and prints one Markdown table row (organisers: found in the top 10,
# recall and precision at 10, R-precision; brokers: recall at 10, R-precision), plus the time of
# the network step (build, metrics, roles).
set -euo pipefail
K="$1"; DIR="$2"; shift 2
mkdir -p "$DIR"
echo "| records | seed | networks | organisers | in top 10 | recall@10 | precision@10 | R-precision | brokers | recall@10 | R-precision | network step s |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
for spec in "$@"; do
  n="${spec%%:*}"; seed="${spec##*:}"
  d="$DIR/sim-$n-$seed"; db="$DIR/sim-$n-$seed.db"
  if [ ! -f "$db" ]; then
    rm -rf "$d"
    "$K" simulate --out "$d" --records "$n" --seed "$seed" >/dev/null
    "$K" --db "$db" init >/dev/null
    for ds in punjab-police-fir fia-ahtc-cases sindh-police-register customs-seizures transactions call-records; do
      "$K" --db "$db" -q ingest -m "$d/mappings/$ds.yaml" "$d/data/$ds".* >/dev/null
    done
    "$K" --db "$db" -q resolve >/dev/null
  fi
  start=$(date +%s.%N)
  "$K" --db "$db" --json network evaluate --truth "$d/truth" > "$d/eval.json"
  end=$(date +%s.%N)
  python3 - "$d/eval.json" "$n" "$seed" "$start" "$end" <<'PY'
import json, sys
e = json.load(open(sys.argv[1])); o, b = e["organisers"], e["brokers"]
print("| %s | %s | %d | %d | %d | %.2f | %.2f | %.2f | %d | %.2f | %.2f | %.1f |" % (
    format(int(sys.argv[2]), ","), sys.argv[3], o["true_total"] // 2, o["true_in_graph"], o["found_at_k"], o["recall_at_k"],
    o["precision_at_k"], o["r_precision"], b["true_in_graph"], b["recall_at_k"], b["r_precision"],
    float(sys.argv[5]) - float(sys.argv[4])))
PY
done
