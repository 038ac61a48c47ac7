#!/usr/bin/env bash
# Laundering typologies against simulated ground truth, with the baselines computed in the same run:
#   bash bench/typologies_eval.sh build/src/cli/kashf /tmp/kashf-typologies 1 2 3 4 5
#   EXTRA_SIM="--timing-noise 0.8 --amount-noise 0.1" bash bench/typologies_eval.sh ...   (harder patterns)
#   SIZE="--accounts 1000000 --transfers 10000000" bash bench/typologies_eval.sh ...      (scale)
#   EXCLUDE=1 bash bench/typologies_eval.sh ...   (never flag the register of licensed money-service agents)
# For each SEED it runs `kashf simulate-typologies` (20,000 accounts, 120,000 ordinary payments by
# default) and `kashf network evaluate-typologies`, and prints one Markdown row per typology and
# method: precision, recall, F1; then the detectors' time and the peak memory of the evaluation.
set -euo pipefail
K="$1"; DIR="$2"; shift 2
mkdir -p "$DIR"
echo "| seed | typology | true | method | flagged | precision | recall | F1 |"
echo "|---|---|---|---|---|---|---|---|"
for seed in "$@"; do
  d="$DIR/seed-$seed"
  rm -rf "$d"
  # shellcheck disable=SC2086
  "$K" -q simulate-typologies --out "$d" --seed "$seed" ${SIZE:-} ${EXTRA_SIM:-}
  "$K" --json network evaluate-typologies --transfers "$d/data/transfers.csv" --truth "$d/truth/typologies.csv" \
    ${EXCLUDE:+--exclude "$d/data/licensed-agents.csv"} > "$d/eval.json"
  python3 - "$d/eval.json" "$seed" <<'PY'
import json, sys
e = json.load(open(sys.argv[1]))
for r in e["rows"]:
    for m in r["methods"]:
        print(f"| {sys.argv[2]} | {r['typology']} | {r['positives']} | {m['method']} | {m['tp'] + m['fp']} "
              f"| {m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} |")
print(f"<!-- seed {sys.argv[2]}: {e['transfers']} transfers, {e['accounts']} accounts, detectors "
      f"{e['detect_seconds']:.2f} s, evaluation {e['seconds']:.2f} s, peak RSS {e['peak_rss_mib']:.0f} MiB -->")
PY
done
