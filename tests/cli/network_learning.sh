#!/usr/bin/env bash
# End to end: on a simulation with shielded leaders, `kashf network evaluate` ranks organisers by
# the organiser score beside degree (which cannot find them); an analyst labels organisers with
# `kashf network label`, `kashf network learn` ranks the rest with the features behind each score,
# and the bad inputs (unknown node, too few labels) are refused with messages that say what to do.
set -euo pipefail
K="$1"; SRC="$2"
source "$SRC/tests/cli/lib/simulated_store.sh"
"$K" simulate --out "$T/sim" --records 20000 --seed 42 --shielded-leaders >/dev/null
"$K" --db "$DB" init >/dev/null
for ds in punjab-police-fir fia-ahtc-cases sindh-police-register customs-seizures transactions call-records; do
  "$K" --db "$DB" -q ingest -m "$T/sim/mappings/$ds.yaml" "$T/sim/data/$ds".* >/dev/null
done
"$K" --db "$DB" -q resolve >/dev/null

"$K" --db "$DB" --json network evaluate --truth "$T/sim/truth" > "$T/eval.json"
python3 - "$T/eval.json" <<'PY'
import json, sys
e = json.load(open(sys.argv[1]))
r = {(x["role"], x["ranking"]): x for x in e["rankings"]}
org = r[("organiser", "organiser score")]
assert org["r_precision"] == 1.0, org             # the shielded organisers are the top nodes
assert r[("organiser", "degree")]["found_at_k"] == 0, r[("organiser", "degree")]
assert {x["role"] for x in e["rankings"]} == {"organiser", "broker", "recruiter", "transporter"}
PY

# Too few labels, then an unknown node: clear errors.
ids=$("$K" --db "$DB" network top --role organiser --limit 6 --ids)
first=$(echo "$ids" | head -1)
"$K" --db "$DB" -q network label "$first" --as organiser
out=$("$K" --db "$DB" network learn --label organiser 2>&1) && fail "learning from one label must be refused"
echo "$out" | grep -q "too few labels to learn 'organiser': 1 node labelled, at least 5 needed" || fail "too-few message: $out"
out=$("$K" --db "$DB" network label E-no-such-node --as organiser 2>&1) && fail "an unknown node must be refused"
echo "$out" | grep -q "no node 'E-no-such-node'" || fail "unknown-node message: $out"

for id in $(echo "$ids" | sed -n 2,5p); do "$K" --db "$DB" -q network label "$id" --as organiser --note "case 12"; done
[ "$("$K" --db "$DB" --json network label --list | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')" = 5 ] \
  || fail "five labels listed"
"$K" --db "$DB" --json network learn --label organiser --limit 5 > "$T/learn.json"
python3 - "$T/learn.json" "$ids" <<'PY'
import json, sys
r = json.load(open(sys.argv[1])); labelled = set(sys.argv[2].split()[:5])
assert r["positives"] == 5 and r["folds"] == 5, r
assert len(r["ranked"]) == 5 and all(x["id"] not in labelled for x in r["ranked"]), r["ranked"]
assert all(len(x["features"]) == 3 and x["features"][0]["contribution"] != 0 for x in r["ranked"]), r["ranked"]
assert 0 <= r["cv_r_precision"] <= 1 and "pagerank_r_precision" in r, r
PY
"$K" --db "$DB" -q network label "$first" --as organiser --remove
out=$("$K" --db "$DB" network label "$first" --as organiser --remove 2>&1) && fail "removing twice must be refused"
echo "$out" | grep -q "has no label 'organiser'" || fail "remove message: $out"
# The CLI audits like the API (one shared function): who, which node, which label, why.
"$K" --db "$DB" -q network label "$first" --as courier --note "seen at the depot" --user ayesha
"$K" --db "$DB" --json audit list --limit 100000 > "$T/audit.json"
python3 - "$T/audit.json" "$first" <<'PY'
import json, sys
e = json.load(open(sys.argv[1])); first = sys.argv[2]
adds = [x for x in e if x["action"] == "network.label.add"]
assert len(adds) == 6, adds                                  # five organisers and one courier
assert any(x["subject"] == first and x["actor"] == "cli:ayesha" and x["detail"] == "label=courier reason=seen at the depot" for x in adds), adds
assert [x["subject"] for x in e if x["action"] == "network.label.remove"] == [first], e
PY
out=$("$K" --db "$DB" network learn --label smuggler 2>&1) && fail "learning a label nobody used must be refused"
echo "$out" | grep -q "no node is labelled 'smuggler'; labels in use: courier (1), organiser (4)" || fail "unknown-label message: $out"
echo "ok"
