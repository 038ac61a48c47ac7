#!/usr/bin/env bash
# Bad input tried as a new user would: wrong delimiter, bad UTF-8 (one cell, whole Latin-1 file),
# missing column, mapping typos (key, schema, property, entity, column), empty and header-only
# files, file not found, a folder, an XLSX that is not a zip, JSON lines with a broken line, a
# quote never closed, a large file streamed, FollowTheMoney lines. Each must give a clear error naming the file (and
# line/column where there is one), never crash, and keep every valid row.
set -euo pipefail
K="$1"; SRC="$2"
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
DB="$T/k.db"
fail() { echo "FAIL: $*" >&2; exit 1; }
"$K" --db "$DB" init >/dev/null

cat > "$T/people.yaml" <<'YAML'
dataset: people
record_id: [id]
required: [id]
entities:
  person:
    schema: Person
    keys: [id]
    properties:
      name: name
      birthDate: dob
YAML
cat > "$T/people.jsonl.yaml" <<'YAML'
dataset: people-json
format: jsonl
record_id: [id]
entities:
  person:
    schema: Person
    keys: [id]
    properties:
      name: name
YAML

# run NAME ARGS...: runs kashf, keeps stdout/stderr in $T/NAME.{out,err}, exit code in $T/NAME.rc.
# Any exit code >= 128 (a signal: crash) fails the test at once.
run() {
  local name="$1"; shift
  set +e
  "$K" --db "$DB" "$@" > "$T/$name.out" 2> "$T/$name.err"
  local rc=$?
  set -e
  echo "$rc" > "$T/$name.rc"
  [ "$rc" -lt 128 ] || fail "$name: kashf died with signal $((rc - 128)): $(cat "$T/$name.err")"
}
expect_error() {  # NAME PATTERN...: non-zero exit and every pattern in stderr
  local name="$1"; shift
  [ "$(cat "$T/$name.rc")" != 0 ] || fail "$name: should fail; stdout: $(cat "$T/$name.out")"
  for p in "$@"; do grep -qF -- "$p" "$T/$name.err" || fail "$name: stderr lacks '$p': $(cat "$T/$name.err")"; done
}
expect_ok() {  # NAME PATTERN...: exit 0 and every pattern in stdout
  local name="$1"; shift
  [ "$(cat "$T/$name.rc")" = 0 ] || fail "$name: should succeed: $(cat "$T/$name.err")"
  for p in "$@"; do grep -qF -- "$p" "$T/$name.out" || fail "$name: stdout lacks '$p': $(cat "$T/$name.out")"; done
}
statements() { "$K" --db "$DB" --json stats | python3 -c 'import json,sys; print(json.load(sys.stdin)["statements"])'; }

# 1. Wrong delimiter: a semicolon file with a comma mapping names the column and the fix.
printf 'id;name;dob\n1;Asif;1985-03-12\n' > "$T/semi.csv"
run semi ingest -m "$T/people.yaml" "$T/semi.csv"
expect_error semi "semi.csv" "'id;name;dob'" "delimiter: \";\""
[ "$(statements)" = 0 ] || fail "nothing may be written for a file-level error"

# 2. Missing column: names it, suggests the near one, lists the header.
printf 'id,nmae,dob\n1,Asif,1985-03-12\n' > "$T/missing.csv"
run missing ingest -m "$T/people.yaml" "$T/missing.csv"
expect_error missing "missing.csv" "column 'name'" "did you mean 'nmae'" "id, nmae, dob"

# 3. Bad UTF-8 in one cell: that row is rejected with line and column, the others load.
printf 'id,name,dob\n1,Asif,1985-03-12\n2,Caf\xe9,1990-01-01\n3,Bibi,1991-02-03\n' > "$T/badutf8.csv"
run badutf8 ingest -m "$T/people.yaml" --rejects-out "$T/rejects.csv" "$T/badutf8.csv"
expect_ok badutf8 "3 read, 2 loaded, 1 rejected" "badutf8.csv:3 [name]" "not valid UTF-8"
grep -q '^badutf8.csv,3,name,' "$T/rejects.csv" || fail "rejects CSV should hold file,line,column,reason"
"$K" --db "$DB" search bibi | grep -qi bibi || fail "valid rows after a bad one must be searchable"

# 4. A whole file in Latin-1 (Windows-1252): every row rejected, with a whole-file encoding hint.
for i in $(seq 1 20); do printf '%d,Jos\xe9 %d,1990-01-01\n' "$((i + 100))" "$i"; done | { printf 'id,name,dob\n'; cat; } > "$T/latin1.csv"
run latin1 ingest -m "$T/people.yaml" "$T/latin1.csv"
expect_ok latin1 "20 rejected" "UTF-8"
grep -qi "save it as UTF-8\|encoded as UTF-8\|CSV UTF-8" "$T/latin1.out" || fail "latin1: no whole-file encoding hint: $(cat "$T/latin1.out")"

# 5. Mapping typos: unknown key, schema, property, entity reference; each with "did you mean".
typo() {  # NAME SED-EXPR PATTERN...
  local name="$1" expr="$2"; shift 2
  sed "$expr" "$T/people.yaml" > "$T/$name.yaml"
  run "$name" ingest -m "$T/$name.yaml" "$T/badutf8.csv"
  expect_error "$name" "$name.yaml" "$@"
}
typo typo_key 's/^required:/requried:/' "unknown key 'requried'" "did you mean 'required'"
typo typo_schema 's/schema: Person/schema: Persn/' "Persn" "did you mean 'Person'"
typo typo_prop 's/birthDate: dob/brithDate: dob/' "brithDate" "did you mean 'birthDate'"
typo typo_yaml 's/^entities:/entities: [/' "line"
cat > "$T/typo_entity.yaml" <<'YAML'
dataset: people
entities:
  person:
    schema: Person
    keys: [id]
    properties: {name: name}
  case:
    schema: Case
    keys: [id]
    properties: {caseNumber: id}
  inv:
    schema: Involvement
    keys: [id]
    properties: {party: {entity: persn}, case: {entity: case}}
YAML
run typo_entity ingest -m "$T/typo_entity.yaml" "$T/badutf8.csv"
expect_error typo_entity "typo_entity.yaml" "no entity 'persn'" "did you mean 'person'"

# 6. Empty file (0 bytes): an error; a header-only file: 0 rows, success.
: > "$T/empty.csv"
run empty ingest -m "$T/people.yaml" "$T/empty.csv"
expect_error empty "empty.csv" "empty"
printf 'id,name,dob\n' > "$T/header_only.csv"
run header_only ingest -m "$T/people.yaml" "$T/header_only.csv"
expect_ok header_only "0 read, 0 loaded, 0 rejected"

# 7. Not found, a folder, an XLSX that is not a zip, an unknown extension.
run notfound ingest -m "$T/people.yaml" "$T/nope.csv"
expect_error notfound "nope.csv" "does not exist"
mkdir "$T/folder.csv"
run folder ingest -m "$T/people.yaml" "$T/folder.csv"
expect_error folder "folder.csv" "folder"
cp "$T/badutf8.csv" "$T/fake.xlsx"
run notzip ingest -m "$T/people.yaml" "$T/fake.xlsx"
expect_error notzip "fake.xlsx" "not an XLSX"
run unknown_ext ingest -m "$T/people.yaml" "$T/people.yaml"
expect_error unknown_ext "people.yaml" "format"

# 8. JSON lines with a broken line and a non-object line: those are rejected, the rest load.
printf '{"id":"j1","name":"Asif"}\n{"id":"j2","name":"Bibi"\n[1,2]\n{"id":"j4","name":"Zainab"}\n' > "$T/broken.jsonl"
run jsonl ingest -m "$T/people.jsonl.yaml" "$T/broken.jsonl"
expect_ok jsonl "4 read, 2 loaded, 2 rejected" "broken.jsonl:2" "not valid JSON" "broken.jsonl:3"

# 9. A quote never closed: rows before it are kept, the error names the line.
{ printf 'id,name,dob\n'; for i in $(seq 200 260); do printf '%d,Name %d,1990-01-01\n' "$i" "$i"; done; printf '261,"Open quote,1990-01-01\n262,x,1990-01-01\n'; } > "$T/quote.csv"
before=$(statements)
run quote ingest -m "$T/people.yaml" "$T/quote.csv"
[ "$(cat "$T/quote.rc")" = 0 ] || grep -q "quote" "$T/quote.err" || fail "quote: $(cat "$T/quote.err")"
grep -q "quote.csv:6[0-9]" "$T/quote.out" "$T/quote.err" || fail "quote: the line of the open quote should be named: $(cat "$T/quote.out" "$T/quote.err")"
[ "$(statements)" -ge $((before + 61 * 2)) ] || fail "rows before the open quote must be kept"

# 10. Re-import of a file changes nothing; a larger file streams with bounded memory, quietly
#     when stderr is not a terminal (no progress bar escape codes).
python3 - "$T/big.csv" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("id,name,dob\n")
    for i in range(50000):
        f.write(f"b{i},Person {i % 977} Khan,19{50 + i % 50}-0{1 + i % 9}-1{i % 9}\n")
PY
run big ingest -m "$T/people.yaml" "$T/big.csv"
expect_ok big "50,000 read, 50,000 loaded, 0 rejected"
grep -q $'\r' "$T/big.err" && fail "no progress bar when stderr is not a terminal"
run big_again --json ingest -m "$T/people.yaml" "$T/big.csv"
python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))[0]; assert r["statements_new"]==0 and r["rows_loaded"]==50000, r' "$T/big_again.out" \
  || fail "re-import must add nothing"
# 11. FollowTheMoney entity lines (format: ftm): schemata translated, references by FtM id; an
#     untranslated schema is rejected with its line, a bad value left out with a warning.
printf 'dataset: watchlist\nformat: ftm\n' > "$T/ftm.yaml"
printf '%s\n' '{"id":"p1","schema":"Person","properties":{"name":["Imran Baloch"],"birthDate":["someday"]}}' \
  '{"id":"c1","schema":"Company","properties":{"name":["Indus Freight"]}}' \
  '{"id":"o1","schema":"Ownership","properties":{"owner":["p1"],"asset":["c1"]}}' \
  '{"id":"s1","schema":"Sanction","properties":{"entity":["p1"]}}' > "$T/w.ftm.json"
run ftm ingest -m "$T/ftm.yaml" "$T/w.ftm.json"
expect_ok ftm "4 read, 3 loaded, 1 rejected" "w.ftm.json:4" "Sanction"
grep -q "someday" "$T/ftm.out" "$T/ftm.err" && fail "ftm: a rejected value must never be quoted"
run ftm_search search indus --schema Organization
expect_ok ftm_search "Indus Freight"
echo "ingest bad input: all cases passed"
