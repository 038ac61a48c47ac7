#!/usr/bin/env bash
# Text leads (issue 19), measured end to end with the CLI:
#   1. `kashf simulate` writes ADS ads (+ chats, narratives) with their truth;
#   2. extraction throughput: `kashf text extract` over the ads' text (MB/s of input, peak RSS);
#   3. ad clustering: `kashf text cluster` on all ADS ads (time, peak RSS, pair precision/recall
#      against text/truth/ad-advertisers.csv);
#   4. extraction precision/recall per selector kind on the simulator's labelled set.
# Usage: bench/text_leads.sh <kashf binary> [ads, default 1000000] [threads, default all cores]
# Peak memory is the maximum resident set size from /usr/bin/time -v.
set -euo pipefail
K="$(realpath "$1")"; ADS="${2:-1000000}"; THREADS="${3:-$(nproc)}"
WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT
measure() {  # measure <label> <command...>: wall seconds and peak RSS (MB) of the command
  local label="$1"; shift
  /usr/bin/time -v "$@" > "$WORK/out.txt" 2> "$WORK/time.txt"
  local wall rss
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$WORK/time.txt")
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$WORK/time.txt")
  echo "$label: wall $wall, peak RSS $((rss / 1024)) MB, user $(sed -n 's/.*User time (seconds): //p' "$WORK/time.txt") s"
}
echo "date $(date -u +%FT%TZ), load $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores, threads $THREADS, ads $ADS"
measure "simulate ($ADS ads)" "$K" -q simulate --out "$WORK/sim" --records 2000 --ads "$ADS"
python3 - "$WORK/sim/text/ads.jsonl" "$WORK/ads.txt" <<'PY'
import json, sys
with open(sys.argv[1], encoding="utf-8") as f, open(sys.argv[2], "w", encoding="utf-8") as out:
    for i, line in enumerate(f):
        if i >= 100000: break
        ad = json.loads(line)
        out.write(ad["title"] + "\n" + ad["body"] + "\n" + ad["contact"] + "\n\n")
PY
MB=$(python3 -c "import os,sys; print(f'{os.path.getsize(sys.argv[1])/1e6:.1f}')" "$WORK/ads.txt")
measure "extract ($MB MB: text of the first 100,000 ads, one Extract call)" "$K" text extract --file "$WORK/ads.txt"
echo "  selectors found: $(wc -l < "$WORK/out.txt")"
measure "cluster ($ADS ads)" "$K" text cluster --threads "$THREADS" --ads "$WORK/sim/text/ads.jsonl" \
  --truth "$WORK/sim/text/truth/ad-advertisers.csv" --edges "$WORK/edges.csv"
head -1 "$WORK/out.txt"; tail -1 "$WORK/out.txt"
echo "  edges written: $(( $(wc -l < "$WORK/edges.csv") - 1 ))"
echo "extraction on the simulator's labelled set:"
"$K" text evaluate --set "$WORK/sim/text/truth/selectors.txt"
