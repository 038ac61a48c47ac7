#!/usr/bin/env bash
# End to end, a link task between two files written in their own layouts: templates and declared
# date formats at ingest (a format that fits nothing is named, a template naming a missing column is
# refused), `resolve --out` and `export --format clusters` (CSV and JSON agree), and `evaluate`
# counting what it cannot score and scoring cross-file pairs only with --link-only.
set -euo pipefail
K="$1"
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
DB="$T/link.db"
fail() { echo "FAIL: $*" >&2; exit 1; }

# File A pads fields with ", " (as FEBRL does) and writes dates YYYYMMDD; a3 has no name, a4 a date
# that does not exist (rejected). File B writes 19-Feb-1999; b3 repeats b1 inside file B.
printf 'rec_id, given_name, surname, date_of_birth, suburb\na1, lachlan, berry, 19990219, bittern\na2, sarah, bruhn, 19300213, kellerberrin\na3, , , 19300213, kellerberrin\na4, mitchell, green, 19561309, cleveland\n' > "$T/a.csv"
printf 'id,first,last,dob\nb1,Lachlan,Berry,19-Feb-1999\nb2,Sarah,Bruhn,13-feb-1930\nb3,Lachlan,Berry,19-Feb-1999\n' > "$T/b.csv"
cat > "$T/a.yaml" <<'YAML'
dataset: clinic-a
record_id: rec_id
entities:
  person:
    schema: Person
    properties:
      name: "{given_name} {surname}"
      birthDate: {column: date_of_birth, format: "%Y%m%d"}
      address: suburb
YAML
cat > "$T/b.yaml" <<'YAML'
dataset: clinic-b
record_id: id
entities:
  person:
    schema: Person
    properties:
      name: "{first} {last}"
      firstName: first
      lastName: last
      birthDate: {column: dob, format: "%d-%b-%Y"}
YAML
printf 'dataset,schema,key,true_id\nclinic-a,Person,a1,P1\nclinic-a,Person,a2,P2\nclinic-a,Person,a3,P2\nclinic-a,Person,a4,P4\nclinic-b,Person,b1,P1\nclinic-b,Person,b2,P2\nclinic-b,Person,b3,P1\n' > "$T/truth.csv"

"$K" --db "$DB" init > /dev/null
"$K" --db "$DB" export --format clusters 2>&1 > /dev/null | grep -q 'no resolved records; run `kashf resolve` first' \
  || fail "exporting clusters before resolving should say what to do"
"$K" --db "$DB" ingest -m "$T/a.yaml" "$T/a.csv" > "$T/ingest-a.txt"
grep -q "3 loaded, 1 rejected" "$T/ingest-a.txt" || fail "file A: a4's impossible date should reject that row only: $(cat "$T/ingest-a.txt")"
grep -q "a.csv:5 \[date_of_birth\]: birthDate (date): month out of range" "$T/ingest-a.txt" || fail "the reject should be located: $(cat "$T/ingest-a.txt")"
"$K" --db "$DB" -q ingest -m "$T/b.yaml" "$T/b.csv" > /dev/null

# A format that fits none of the values is named at the end of the import, with the column.
sed 's|%d-%b-%Y|%m/%d/%Y|' "$T/b.yaml" > "$T/b-wrong.yaml"
"$K" --db "$T/scratch.db" ingest --create -m "$T/b-wrong.yaml" "$T/b.csv" > "$T/wrong.txt" || true
grep -q "warning: column 'dob' (birthDate): the date format '%m/%d/%Y' fit none of its 3 values" "$T/wrong.txt" \
  || fail "a format that never fits should be named: $(cat "$T/wrong.txt")"
# A template naming a column the file does not have stops the import before anything is written.
sed 's|{first} {last}|{first} {surname}|' "$T/b.yaml" > "$T/b-missing.yaml"
if "$K" --db "$T/scratch2.db" ingest --create -m "$T/b-missing.yaml" "$T/b.csv" > "$T/missing.txt" 2>&1; then
  fail "a template naming a missing column should fail"
fi
grep -q "column 'surname' named in the mapping is not in the header" "$T/missing.txt" || fail "$(cat "$T/missing.txt")"

# resolve --out writes record -> cluster; export --format clusters writes the same as JSON.
"$K" --db "$DB" resolve --out "$T/clusters.csv" > "$T/resolve.txt"
grep -q "record -> cluster table written to $T/clusters.csv (6 records" "$T/resolve.txt" || fail "$(cat "$T/resolve.txt")"
[ "$(head -1 "$T/clusters.csv")" = "entity_id,dataset,record_id,schema,cluster_id" ] || fail "clusters.csv header"
"$K" --db "$DB" export --format clusters -o "$T/clusters.json" > /dev/null
python3 - "$T/clusters.csv" "$T/clusters.json" <<'PY'
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1])))
objs = json.load(open(sys.argv[2]))
assert len(rows) == 6 and len(objs) == 6, (len(rows), len(objs))
assert sorted(r["record_id"] for r in rows) == ["a1", "a2", "a3", "b1", "b2", "b3"], rows
assert {r["entity_id"]: r["cluster_id"] for r in rows} == {o["entity_id"]: o["cluster_id"] for o in objs}
assert all(r["schema"] == "Person" and r["dataset"] in ("clinic-a", "clinic-b") for r in rows)
PY

# evaluate counts what it cannot score: the rejected a4 (not loaded), and any labelled record the
# resolution did not cover (a3 has no name), with the true pairs they are in.
"$K" --db "$DB" --json evaluate --truth "$T/truth.csv" > "$T/all.json"
"$K" --db "$DB" --json evaluate --truth "$T/truth.csv" --link-only > "$T/link.json"
python3 - "$T/all.json" "$T/link.json" <<'PY'
import json, sys
every, link = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
for j, total_pairs in ((every, 6), (link, 4)):  # P1 {a1,b1,b3}, P2 {a2,a3,b2}; cross-file: a1-b1 a1-b3 a2-b2 a3-b2
    gaps = j["not_scored"]
    assert gaps["truth_rows_not_loaded"] == 1, j
    assert j["kashf"]["records"] + gaps["records_without_prediction"] == 6, j
    assert j["kashf"]["true_pairs"] + gaps["true_pairs_without_prediction"] == total_pairs, j
assert link["link_only"] and not every["link_only"]
PY
"$K" --db "$DB" evaluate --truth "$T/truth.csv" --link-only > "$T/link.txt"
grep -q "pairs across datasets only" "$T/link.txt" || fail "$(cat "$T/link.txt")"
grep -q "not scored: 1 truth rows name no loaded record" "$T/link.txt" || fail "$(cat "$T/link.txt")"
echo "ok"
