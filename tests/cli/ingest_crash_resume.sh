#!/usr/bin/env bash
# Crash safety of ingest: an import killed with SIGKILL midway leaves only whole batches (every
# stored record complete, a multiple of --batch rows, the SQLite file intact), and running the
# same command again completes it; a third run adds nothing. Ctrl-C (SIGINT) stops after the
# current batch, records the run as "interrupted" and says how to finish.
set -euo pipefail
K="$1"; SRC="$2"
T=$(mktemp -d); trap 'kill -9 $PID 2>/dev/null || true; rm -rf "$T"' EXIT
PID=
DB="$T/k.db"
fail() { echo "FAIL: $*" >&2; exit 1; }
ROWS=40000; BATCH=1000
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
  "$K" --db "$DB" ingest --batch "$BATCH" -m "$T/m.yaml" "$T/big.csv" > "$T/run.out" 2> "$T/run.err" &
  PID=$!
  for _ in $(seq 1 600); do
    n=$(sql "SELECT count(*) FROM records" 2>/dev/null || echo 0)
    [ "$n" -gt 0 ] && break
    kill -0 $PID 2>/dev/null || fail "import ended before it could be interrupted; raise ROWS"
    sleep 0.05
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
  [ "$(sql 'SELECT count(*) FROM entities')" = "$recs" ] || fail "entities out of step with records"
  [ "$(sql 'SELECT count(*) FROM entity_records')" = "$recs" ] || fail "entity links out of step with records"
  echo "$recs"
}

interrupt_midway KILL
[ "$RC" = 137 ] || fail "kill -9 should end the import (exit $RC)"
done1=$(check_whole_batches)
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

# Ctrl-C on a fresh store: interrupted cleanly, the run recorded, advice printed, then finished.
rm -f "$DB" "$DB-wal" "$DB-shm"
"$K" --db "$DB" init >/dev/null
interrupt_midway INT
[ "$RC" = 130 ] || fail "Ctrl-C should exit 130 (exit $RC): $(cat "$T/run.err")"
grep -q "run the same command again" "$T/run.err" || fail "Ctrl-C should say how to finish: $(cat "$T/run.err")"
[ "$(sql "SELECT status FROM imports ORDER BY id DESC LIMIT 1")" = interrupted ] || fail "run should be recorded as interrupted"
check_whole_batches >/dev/null
"$K" --db "$DB" -q ingest --batch "$BATCH" -m "$T/m.yaml" "$T/big.csv" >/dev/null
"$K" --db "$DB" --json -q ingest -m "$T/m.yaml" "$T/big.csv" | python3 -c '
import json, sys; r = json.load(sys.stdin)[0]; assert r["statements_new"] == 0, r'
[ "$(sql 'SELECT sum(n) FROM records')" = $((2 * ROWS)) ] || fail "statements after Ctrl-C and re-run"
echo "ingest crash/resume: all checks passed"
