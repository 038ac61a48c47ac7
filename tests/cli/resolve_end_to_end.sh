#!/usr/bin/env bash
# End to end: ingest four small agency files (FIR with "s/o", FIA list with a mistyped CNIC, an
# Urdu-script register, a call file with only phone numbers), resolve, evaluate against the truth,
# explain a pair, judge it apart and back together, and link a new record incrementally.
set -euo pipefail
K="$1"; SRC="$2"; G="$SRC/tests/golden/resolve"
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
DB="$T/case.db"
fail() { echo "FAIL: $*" >&2; exit 1; }

"$K" --db "$DB" init >/dev/null
for ds in fir fia register calls; do "$K" --db "$DB" -q ingest -m "$G/$ds.yaml" "$G/$ds.csv" >/dev/null; done

"$K" --db "$DB" --json resolve > "$T/resolve.json"
grep -q '"mode": "full"' "$T/resolve.json" || fail "first run should be full"
grep -q '"trained": true' "$T/resolve.json" || fail "first run should train the model"

"$K" --db "$DB" --json evaluate --truth "$G/truth.csv" --baseline > "$T/eval.json"
python3 - "$T/eval.json" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
k, b = j["kashf"], j["baseline"]
assert k["records"] == 20, k
assert k["f1"] >= 0.99, k          # every agency's record of each person found
assert k["f1"] > b["f1"], (k, b)   # and better than the deterministic baseline
PY

# ids of the FIR and FIA records of "Muhammad Asif"
FIR=$("$K" --db "$DB" --json search asif --schema Person | python3 -c 'import json,sys; print([h["id"] for h in json.load(sys.stdin) if h["dataset"]=="test-fir"][0])')
FIA=$("$K" --db "$DB" --json search asif --schema Person | python3 -c 'import json,sys; print([h["id"] for h in json.load(sys.stdin) if h["dataset"]=="test-fia"][0])')

"$K" --db "$DB" explain "$FIR" "$FIA" > "$T/explain.txt"
grep -q "national_id *one edit" "$T/explain.txt" || fail "explanation should show the mistyped CNIC"
grep -q "model says MATCH" "$T/explain.txt" || fail "explanation should say match"
"$K" --db "$DB" --json explain "$FIR" "$FIA" | python3 -c '
import json,sys
e = json.load(sys.stdin)
assert abs(sum(s["weight"] for s in e["steps"]) - e["match_weight"]) < 1e-6
assert e["match"] and e["same_cluster"]'

"$K" --db "$DB" explain --sample | grep -q "match weight" || fail "explain --sample should pick a cross-dataset pair"
"$K" --db "$DB" --json judge "$FIR" "$FIA" no-match --note "test" | grep -q '"applied": true' || fail "judge should apply"
[ "$("$K" --db "$DB" --json explain "$FIR" "$FIA" | python3 -c 'import json,sys; e=json.load(sys.stdin); print(e["match"], e["same_cluster"])')" = "False False" ] \
  || fail "no-match judgement must split the pair"
"$K" --db "$DB" judge "$FIR" "$FIA" match >/dev/null
[ "$("$K" --db "$DB" --json explain "$FIR" "$FIA" | python3 -c 'import json,sys; print(json.load(sys.stdin)["same_cluster"])')" = "True" ] \
  || fail "match judgement must join the pair again"

# Incremental: a new record links to the existing entity and keeps its id.
printf 'fir_no,accused_no,accused_name,father_name,cnic,phone,dob,gender,district\nFIR-9,1,Mohammad Asif,Ghulam Rasool,35202-1234567-1,,1985-03-12,M,Lahore\n' > "$T/new.csv"
"$K" --db "$DB" -q ingest -m "$G/fir.yaml" "$T/new.csv" >/dev/null
"$K" --db "$DB" --json resolve > "$T/again.json"
grep -q '"mode": "incremental"' "$T/again.json" || fail "second run should be incremental"
grep -q '"new_records": 1' "$T/again.json" || fail "only the new record should be linked"
grep -q '"changed_entities": 1' "$T/again.json" || fail "existing entities must keep their ids"

# Errors a user can act on
if "$K" --db "$DB" explain nobody "$FIA" 2> "$T/err.txt"; then fail "unknown id must fail"; fi
grep -q "kashf search" "$T/err.txt" || fail "error should point to kashf search"
if "$K" --db "$T/none.db" resolve 2> "$T/err2.txt"; then fail "missing store must fail"; fi
echo "resolve end-to-end: ok"
