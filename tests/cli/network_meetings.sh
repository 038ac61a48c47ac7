#!/usr/bin/env bash
# Meetings in the simulator (docs/simulator.md, "Meetings"): with shielded leaders the surveillance
# log never names an organiser, yet its meetings become co-attendance edges, and the lieutenant and
# the other broker who call the organiser after a meeting make it the recipient of reports after
# events (its organiser reasons say so, and the evidence is not listed as lacking).
set -euo pipefail
K="$1"; SRC="$2"
# shellcheck source=lib/simulated_store.sh
source "$SRC/tests/cli/lib/simulated_store.sh"

simulated_store 5000 3 --shielded-leaders
[ -s "$T/sim/data/surveillance-meetings.csv" ] || fail "no meetings file"
[ -s "$T/sim/mappings/surveillance-meetings.yaml" ] || fail "no meetings mapping"
python3 - "$T/sim" <<'PY'
import csv, sys
d = sys.argv[1]
organisers = {r["true_id"] for r in csv.DictReader(open(d + "/truth/roles.csv")) if r["role"] == "organiser"}
attendees = [r for r in csv.DictReader(open(d + "/truth/records.csv")) if r["dataset"] == "surveillance-meetings"]
assert len(attendees) > 50, len(attendees)
named = [r for r in attendees if r["true_id"] in organisers]
assert not named, "a shielded organiser attended a meeting: %s" % named[:3]
meetings = {r["meeting_id"] for r in csv.DictReader(open(d + "/data/surveillance-meetings.csv"))}
assert len(meetings) >= 10, len(meetings)
PY

"$K" --db "$DB" --json network stats > "$T/stats.json"
python3 - "$T/stats.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
assert s["edges_by_relation"].get("meeting", 0) > 0, s["edges_by_relation"]
PY

# The true organisers' best nodes, from the evaluation against the simulator's truth.
"$K" --db "$DB" network evaluate --truth "$T/sim/truth" --details > "$T/eval.txt"
python3 - "$T/eval.txt" > "$T/organisers.txt" <<'PY'
import re, sys
section = None
for line in open(sys.argv[1]):
    if line.startswith("organisers (true id"): section = "o"; continue
    if line.startswith("brokers (true id"): section = None
    m = re.search(r"\(([^()]+)\)  \[", line)
    if section == "o" and m: print(m.group(1))
PY
[ -s "$T/organisers.txt" ] || fail "no organiser nodes in: $(cat "$T/eval.txt")"
reported=0
while read -r node; do
  "$K" --db "$DB" --json network show "$node" > "$T/show.json"
  if python3 - "$T/show.json" <<'PY'
import json, sys
n = json.load(open(sys.argv[1]))
assert n["events"] == 0, "a shielded organiser attends no meeting: %s" % n["events"]
assert "dated events" not in " ".join(n["lacking"]["organiser"]), n["lacking"]
sys.exit(0 if any("receives reports after events" in r for r in n["reasons"]["organiser"]) else 1)
PY
  then reported=$((reported + 1)); fi
done < "$T/organisers.txt"
[ "$reported" -ge 1 ] || fail "no true organiser is named as the recipient of reports after events"
echo "ok: $reported organiser(s) with reports after events"
