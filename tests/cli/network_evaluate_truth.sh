#!/usr/bin/env bash
# End to end: `kashf network evaluate --truth FILE` with a generic truth file naming records by their
# source keys (dataset,schema,key,role), as an analyst would write one for imported data; the role
# scores are reported beside the degree and PageRank baselines; unknown ids and empty files are refused
# with messages that say what to do.
set -euo pipefail
K="$1"; SRC="$2"
source "$SRC/tests/cli/lib/simulated_store.sh"
simulated_store 3000 5

# The simulator's organisers and brokers as a generic truth file, by the records' source keys.
python3 - "$T/sim/truth" "$T/truth.csv" <<'PY'
import csv, sys
roles = {}
for r in csv.DictReader(open(sys.argv[1] + "/roles.csv")):
    if r["kind"] == "person" and r["role"] in ("organiser", "broker"):
        roles.setdefault(r["true_id"], set()).add(r["role"])
with open(sys.argv[2], "w") as out:
    out.write("dataset,schema,key,role\n")
    for r in csv.DictReader(open(sys.argv[1] + "/records.csv")):
        for role in sorted(roles.get(r["true_id"], ())):
            out.write(f'{r["dataset"]},{r["schema"]},"{r["key"]}",{role}\n')
PY
"$K" --db "$DB" --json network evaluate --truth "$T/truth.csv" > "$T/eval.json"
python3 - "$T/eval.json" <<'PY'
import json, sys
e = json.load(open(sys.argv[1]))
assert e["unknown"] == 0 and e["matched_rows"] == e["rows"] > 0, e
labels = {l["label"]: l for l in e["labels"]}
assert set(labels) == {"organiser", "broker"}, labels.keys()
org = {r["ranking"]: r for r in labels["organiser"]["rankings"]}
assert set(org) == {"organiser score", "degree", "pagerank"}, org.keys()
assert org["organiser score"]["precision_at_k"] >= 0.5, org
assert org["organiser score"]["precision_at_k"] >= max(org["degree"]["precision_at_k"], org["pagerank"]["precision_at_k"]), org
PY
"$K" --db "$DB" network evaluate --truth "$T/truth.csv" | grep -q "organiser score: better than degree" || fail "text names the comparison with the baselines"

# Unknown ids: refused with the count and the first ones; --skip-unknown evaluates the rest and says so.
cp "$T/truth.csv" "$T/partial.csv"
printf 'elsewhere,Person,X-1,organiser\nelsewhere,Person,X-2,broker\n' >> "$T/partial.csv"
if "$K" --db "$DB" network evaluate --truth "$T/partial.csv" 2> "$T/err.txt"; then fail "unknown ids must be refused"; fi
grep -q "2 of .* truth rows name no node in this network (first: elsewhere,Person,X-1, elsewhere,Person,X-2)" "$T/err.txt" \
  || fail "the error counts and names the unknown rows: $(cat "$T/err.txt")"
"$K" --db "$DB" --json network evaluate --truth "$T/partial.csv" --skip-unknown | python3 -c '
import json,sys; e=json.load(sys.stdin); assert e["unknown"] == 2 and e["unknown_examples"][0] == "elsewhere,Person,X-1", e'
: > "$T/empty.csv"
if "$K" --db "$DB" network evaluate --truth "$T/empty.csv" 2> "$T/err2.txt"; then fail "an empty truth file must fail"; fi
grep -q "the truth file is empty; expected a header 'id,role'" "$T/err2.txt" || fail "the error says what the file needs"
if "$K" --db "$DB" network evaluate --truth "$T/missing.csv" 2> "$T/err3.txt"; then fail "a missing truth file must fail"; fi
grep -q "no such file or folder" "$T/err3.txt" || fail "a missing truth file is named as missing"
echo "network evaluate --truth FILE end-to-end: ok"
