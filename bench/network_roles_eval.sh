#!/usr/bin/env bash
# Role detection against the simulator's ground truth over several sizes and seeds, beside the
# degree and PageRank baselines computed in the same run:
#   bash bench/network_roles_eval.sh build/src/cli/kashf /tmp/kashf-roles 20000:42 100000:7 100000:7:shielded
# For each RECORDS:SEED[:shielded] it simulates (`--shielded-leaders` with the third field),
# ingests the seven agency files, resolves, runs `kashf network evaluate --truth DIR/truth` and
# prints one Markdown row per role and ranking: true persons in the graph, found in the top 10,
# precision at 10, R-precision; and the time of the network step (build, metrics, roles).
set -euo pipefail
K="$1"; DIR="$2"; shift 2
mkdir -p "$DIR"
echo "| records | seed | leaders | role | ranking | true in graph | found in top 10 | precision@10 | R-precision | network step s |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for spec in "$@"; do
  IFS=: read -r n seed mode <<< "$spec"
  mode="${mode:-open}"
  flags=(); [ "$mode" = shielded ] && flags=(--shielded-leaders)
  d="$DIR/sim-$n-$seed-$mode"; db="$DIR/sim-$n-$seed-$mode.db"
  if [ ! -f "$db" ]; then
    rm -rf "$d"
    "$K" simulate --out "$d" --records "$n" --seed "$seed" "${flags[@]}" >/dev/null
    "$K" --db "$db" init >/dev/null
    for ds in punjab-police-fir fia-ahtc-cases sindh-police-register customs-seizures transactions call-records surveillance-meetings; do
      "$K" --db "$db" -q ingest -m "$d/mappings/$ds.yaml" "$d/data/$ds".* >/dev/null
    done
    "$K" --db "$db" -q resolve >/dev/null
  fi
  start=$(date +%s.%N)
  "$K" --db "$db" --json network evaluate --truth "$d/truth" > "$d/eval.json"
  end=$(date +%s.%N)
  python3 - "$d/eval.json" "$n" "$seed" "$mode" "$start" "$end" <<'PY'
import json, sys
e = json.load(open(sys.argv[1]))
secs = float(sys.argv[6]) - float(sys.argv[5])
for r in e["rankings"]:
    print("| %s | %s | %s | %s | %s | %d | %d | %.2f | %.2f | %.1f |" % (
        format(int(sys.argv[2]), ","), sys.argv[3], sys.argv[4], r["role"], r["ranking"], r["true_in_graph"],
        r["found_at_k"], r["precision_at_k"], r["r_precision"], secs))
PY
done
