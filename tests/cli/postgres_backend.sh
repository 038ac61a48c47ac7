#!/usr/bin/env bash
# `--db postgresql://...` and KASHF_DB select PostgreSQL where a component has a PostgreSQL backend
# (the audit log) and are refused by name where it has none yet, never falling back to a SQLite file
# (docs/postgresql.md). Runs its own throwaway cluster (tests/support/pg_cluster.sh); skipped (exit
# 77) only where PostgreSQL 15 is not installed.
set -euo pipefail
K="$1"; SRC="$2"
T=$(mktemp -d)
CLUSTER="$T/cluster"
cleanup() { bash "$SRC/tests/support/pg_cluster.sh" stop "$CLUSTER"; rm -rf "$T"; }
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
bash "$SRC/tests/support/pg_cluster.sh" start "$CLUSTER" $$ > /dev/null
if [ -f "$CLUSTER/skip" ]; then cat "$CLUSTER/skip"; exit 77; fi
PGURL=$(cat "$CLUSTER/url")
PSQL=/usr/lib/postgresql/15/bin/psql
cd "$T"  # a refused URL must leave no file behind here

# The audit log runs on PostgreSQL: an empty chain verifies, and a forged entry is found.
"$K" --db "$PGURL" audit verify > verify.txt || fail "an empty PostgreSQL audit log must verify"
grep -q "0 entries" verify.txt || { cat verify.txt; fail "verify should count 0 entries"; }
"$PSQL" -q "$PGURL" -c "INSERT INTO audit_log VALUES (1, 1700000000, 'x', 'fia', 'case.read', 'case-1', '', '', 'forged')"
rc=0; KASHF_DB="$PGURL" "$K" audit verify > /dev/null 2> err.txt || rc=$?
[ "$rc" = 7 ] || { cat err.txt; fail "KASHF_DB: a forged entry must be reported as corrupt (exit 7), got $rc"; }
KASHF_DB="$PGURL" "$K" --json audit list | grep -q '"case-1"' || fail "audit list should read the PostgreSQL log"

# The statement store runs on PostgreSQL: init, ingest, search, show and stats, and a re-import adds
# nothing; a misspelt name is found (pg_trgm).
"$K" --db "$PGURL" init > init.txt || fail "init on PostgreSQL"
cat > people.yaml <<'YAML'
dataset: people
record_id: [id]
entities:
  person:
    schema: Person
    keys: [id]
    properties:
      name: name
      cnic: cnic
YAML
printf 'id,name,cnic\n1,Muhammad Asif,35202-1234567-1\n2,محمد آصف,35202-7654321-9\n3,Ghulam Rasool,\n' > people.csv
"$K" --db "$PGURL" ingest -m people.yaml people.csv > ingest.txt 2>&1 || { cat ingest.txt; fail "ingest on PostgreSQL"; }
"$K" --db "$PGURL" ingest -m people.yaml people.csv > ingest2.txt 2>&1 || { cat ingest2.txt; fail "re-ingest"; }
"$K" --db "$PGURL" --json stats > stats.json || fail "stats on PostgreSQL"
grep -q '"statements": *5' stats.json || { cat stats.json; fail "stats should count 5 statements once"; }
"$K" --db "$PGURL" search "ghulaam rasul" > search.txt || fail "search on PostgreSQL"
grep -q "Ghulam Rasool" search.txt || { cat search.txt; fail "a misspelt name should be found"; }
KASHF_DB="$PGURL" "$K" search "35202 1234567 1" > cnic.txt || fail "search by CNIC"
grep -q "Muhammad Asif" cnic.txt || { cat cnic.txt; fail "the CNIC should find its person"; }
ID=$("$K" --db "$PGURL" search --ids "محمد" | head -1)
[ -n "$ID" ] || fail "an Urdu name should be found"
"$K" --db "$PGURL" show "$ID" | grep -q "35202-7654321-9" || fail "show should list the entity's statements"

# Components without a PostgreSQL backend refuse the URL by name; the password is never repeated.
SECRET_URL="postgresql://kashf:not-a-real-password@127.0.0.1:1/kashf"  # refused before any connection
refused() {  # expected component, kashf arguments...
  local want="$1"; shift
  if "$K" --db "$PGURL" "$@" > out.txt 2> err.txt; then fail "'$*' must refuse a PostgreSQL URL"; fi
  grep -q "$want.* has no PostgreSQL backend yet" err.txt || { cat err.txt; fail "'$*' should name $want"; }
}
refused "the firearm register" firearm stats
if "$K" --db "$SECRET_URL" firearm stats > /dev/null 2> err.txt; then fail "a refused URL must fail"; fi
if grep -q "not-a-real-password" err.txt; then fail "the URL's password must not be repeated"; fi
[ -z "$(ls -A "$T" | grep -v -e cluster -e '\.txt$' -e '\.json$' -e '^people\.')" ] || { ls -A "$T"; fail "a refused URL created files"; }
echo "ok"
