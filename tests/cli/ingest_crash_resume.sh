#!/usr/bin/env bash
# Crash safety of ingest: an import killed with SIGKILL midway leaves only whole batches (every
# stored record complete, a multiple of --batch rows, the SQLite file intact); the entity rows,
# links and names it had held back (bulk load) are missing for exactly the records noted in
# unindexed_records; the next command shows the run as interrupted (not running) with the command
# that finishes it and, opening the store for writing, writes the missing rows so the committed
# records are searchable; running the same command again completes the import; a third run adds
# nothing. Ctrl-C (SIGINT) stops after the current batch, writes the held-back
# rows, records the run as "interrupted" and says how to finish. Both with the index rows held
# back to the end (default) and written every batch (--index-memory 0).
set -euo pipefail
K="$1"; SRC="$2"
T=$(mktemp -d); trap 'kill -9 $PID 2>/dev/null || true; rm -rf "$T"' EXIT
PID=
DB="$T/k.db"
fail() { echo "FAIL: $*" >&2; exit 1; }
ROWS=100000; BATCH=1000
"$K" --db "$DB" init >/dev/null
cat > "$T/m.yaml" <<'YAML'
dataset: crash
record_id: [id]
entities:
  person:
    schema: Person
    keys: [id]
    properties:
      name: name
      birthDate: dob
YAML
python3 - "$T/big.csv" "$ROWS" <<'PY'
import sys
n = int(sys.argv[2])
with open(sys.argv[1], "w") as f:
    f.write("id,name,dob\n")
    for i in range(n):
        f.write(f"c{i},Person {i % 1013} Akhtar,19{50 + i % 50}-0{1 + i % 9}-1{i % 9}\n")
PY
sql() { python3 - "$DB" "$1" <<'PY'
import sqlite3, sys
c = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True, timeout=30)
print(c.execute(sys.argv[2]).fetchone()[0])
PY
}
# Kills the import (signal $1) once at least one batch is committed; prints the records stored.
interrupt_midway() {
  "$K" --db "$DB" ingest --batch "$BATCH" --index-memory "$INDEX_MIB" -m "$T/m.yaml" "$T/big.csv" > "$T/run.out" 2> "$T/run.err" &
  PID=$!
  # A Release build loads these rows in about a second: watch the WAL grow past the import's own
  # bookkeeping in a tight loop (no interpreter start-up per look), then confirm a committed batch.
  for _ in $(seq 1 6000); do
    kill -0 $PID 2>/dev/null || fail "import ended before it could be interrupted; raise ROWS"
    if [ "$(stat -c %s "$DB-wal" 2>/dev/null || echo 0)" -gt 65536 ]; then
      n=$(sql "SELECT count(*) FROM records" 2>/dev/null || echo 0)
      [ "$n" -gt 0 ] && break
    fi
    sleep 0.005
  done
  kill "-$1" $PID
  set +e; wait $PID; RC=$?; set -e
  PID=
}
check_whole_batches() {
  [ "$(sql 'PRAGMA integrity_check')" = ok ] || fail "store damaged after kill"
  local recs; recs=$(sql "SELECT count(*) FROM records")
  [ "$recs" -gt 0 ] && [ "$recs" -lt "$ROWS" ] || fail "expected a partial import, found $recs records"
  [ $((recs % BATCH)) = 0 ] || fail "$recs records is not a whole number of $BATCH-row batches"
  [ "$(sql 'SELECT count(*) FROM records WHERE n != 2')" = 0 ] || fail "a record was half written"
  # Each record holds one new person: its entity row and link exist unless the record is noted.
  local noted; noted=$(sql 'SELECT coalesce(sum(last_rid - first_rid + 1), 0) FROM unindexed_records')
  [ "$(sql 'SELECT count(*) FROM entities')" = $((recs - noted)) ] || fail "entities out of step with records ($noted noted)"
  [ "$(sql 'SELECT count(*) FROM entity_records')" = $((recs - noted)) ] || fail "entity links out of step with records"
  [ "$(sql 'SELECT count(*) FROM records r WHERE r.rid NOT IN (SELECT rid FROM entity_records)
            AND NOT EXISTS (SELECT 1 FROM unindexed_records u WHERE r.rid BETWEEN u.first_rid AND u.last_rid)')" = 0 ] ||
    fail "a record without index rows is not noted for indexing"
  echo "$recs"
}
all_indexed() {
  [ "$(sql 'SELECT count(*) FROM unindexed_records')" = 0 ] || fail "records left unindexed after $1"
  [ "$(sql 'SELECT count(*) FROM entities')" = "$(sql 'SELECT count(*) FROM records')" ] || fail "entities after $1"
  [ "$(sql 'SELECT count(*) FROM entity_records')" = "$(sql 'SELECT count(*) FROM records')" ] || fail "links after $1"
}

for INDEX_MIB in 256 0; do
rm -f "$DB" "$DB-wal" "$DB-shm"
"$K" --db "$DB" init >/dev/null
interrupt_midway KILL
[ "$RC" = 137 ] || fail "kill -9 should end the import (exit $RC)"
done1=$(check_whole_batches)
if [ "$INDEX_MIB" = 256 ]; then
  [ "$(sql 'SELECT count(*) FROM unindexed_records')" -gt 0 ] || fail "a killed bulk load should leave records noted"
fi
# The next command tells: the run is interrupted (its process is gone), not running, with the
# command that finishes it; and, opening the store for writing, it makes the committed records
# searchable before the import is run again.
"$K" --db "$DB" --json stats > "$T/stats.json" 2> "$T/stats.err"
python3 - "$T/stats.json" "$T/m.yaml" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
assert s["imports"][-1]["status"] == "interrupted", s["imports"]
assert s["unindexed_records"] == 0, s  # stats opened the store for writing: indexed first
assert any("interrupted" in w and "ingest -m " + sys.argv[2] in w and "again" in w for w in s["warnings"]), s["warnings"]
PY
if [ "$INDEX_MIB" = 256 ]; then
  grep -q "making .* records searchable that an interrupted import committed" "$T/stats.err" ||
    fail "opening for writing should say it indexes the killed run's records: $(cat "$T/stats.err")"
fi
"$K" --db "$DB" stats | grep -q "^[1-9][0-9,]* entities" || fail "stats should count the killed run's entities"
"$K" --db "$DB" search "Person 7 Akhtar" | grep -q "Person 7" || fail "the killed run's records should be searchable before the re-run"
all_indexed "the next command after kill -9"
[ "$(sql "SELECT status FROM imports ORDER BY id DESC LIMIT 1")" = interrupted ] || fail "the interrupted run should be recorded"
"$K" --db "$DB" --json -q ingest --batch "$BATCH" -m "$T/m.yaml" "$T/big.csv" > "$T/resume.json"
python3 - "$T/resume.json" "$ROWS" "$done1" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))[0]
rows, done = int(sys.argv[2]), int(sys.argv[3])
assert r["rows_loaded"] == rows, r
assert r["statements_new"] == 2 * (rows - done), (r, done)   # only the rows the kill lost
PY
[ "$(sql 'SELECT sum(n) FROM records')" = $((2 * ROWS)) ] || fail "resumed import should hold every statement once"
"$K" --db "$DB" search akhtar | grep -qi akhtar || fail "names must be searchable after resuming"
"$K" --db "$DB" search "Person 1012" | grep -q "Person 1012" || fail "names of the killed run's records must be searchable"
all_indexed "resuming"
done

# Ctrl-C on a fresh store: interrupted cleanly, the run recorded, advice printed, then finished.
INDEX_MIB=256
rm -f "$DB" "$DB-wal" "$DB-shm"
"$K" --db "$DB" init >/dev/null
interrupt_midway INT
[ "$RC" = 130 ] || fail "Ctrl-C should exit 130 (exit $RC): $(cat "$T/run.err")"
grep -q "run the same command again" "$T/run.err" || fail "Ctrl-C should say how to finish: $(cat "$T/run.err")"
[ "$(sql "SELECT status FROM imports ORDER BY id DESC LIMIT 1")" = interrupted ] || fail "run should be recorded as interrupted"
check_whole_batches >/dev/null
all_indexed "Ctrl-C"
"$K" --db "$DB" -q ingest --batch "$BATCH" -m "$T/m.yaml" "$T/big.csv" >/dev/null
"$K" --db "$DB" --json -q ingest -m "$T/m.yaml" "$T/big.csv" | python3 -c '
import json, sys; r = json.load(sys.stdin)[0]; assert r["statements_new"] == 0, r'
[ "$(sql 'SELECT sum(n) FROM records')" = $((2 * ROWS)) ] || fail "statements after Ctrl-C and re-run"
echo "ingest crash/resume: all checks passed"
