#!/usr/bin/env bash
# How the CLI treats the store named by --db and the command line itself:
# - `ingest` refuses a store that does not exist (a typo in --db) unless --create is given, and
#   the advice it prints works as written;
# - commands that only read or change existing records (user list, audit verify, ...) never create a store;
# - global options work before and after the command (`kashf init --db X`);
# - every command-line mistake is exit 2 (README "Exit codes"), never CLI11's own 105/106/109;
# - error messages carry no SQL or SQLite internals (KASHF_LOG=debug still shows them);
# - a store the user may not write (file, or file and folder, without write permission) is read
#   by stats, search, show, network, export and explain, and a writing command says it is read-only (exit 5).
#   As root (who may write anything) the reads run as user nobody.
set -euo pipefail
K="$1"; SRC="$2"
T=$(mktemp -d); chmod 755 "$T"
trap 'chmod -R u+w "$T" 2>/dev/null; rm -rf "$T"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
# Runs kashf, keeping stdout in $T/out, stderr in $T/err and the exit code in RC.
run() { set +e; "$K" "$@" > "$T/out" 2> "$T/err"; RC=$?; set -e; }
expect_rc() { [ "$RC" = "$1" ] || fail "$2: exit $RC, expected $1 (stderr: $(cat "$T/err"))"; }
no_internals() {
  ! grep -Eq 'SQL|sqlite|SELECT|INSERT|CREATE|UPDATE |PRAGMA|no such table' "$T/err" ||
    fail "$1: the message shows store internals: $(cat "$T/err")"
}

cat > "$T/m.yaml" <<'YAML'
dataset: access
record_id: [id]
entities:
  person:
    schema: Person
    keys: [id]
    properties:
      name: name
YAML
printf 'id,name\n1,Muhammad Asif Khan\n2,Bilal Ahmed\n3,Ayesha Bibi\n' > "$T/p.csv"

# A mistyped --db: refused, nothing created, advice that works.
run --db "$T/kasf.db" ingest -m "$T/m.yaml" "$T/p.csv"
expect_rc 3 "ingest into a store that does not exist"
[ ! -e "$T/kasf.db" ] || fail "ingest created a store for a mistyped --db"
grep -q -- '--create' "$T/err" || fail "the refusal should mention --create: $(cat "$T/err")"
advice=$(grep -o 'kashf --db [^`]* init' "$T/err" | head -1)
[ -n "$advice" ] || fail "the refusal should say how to create a store: $(cat "$T/err")"
run ${advice#kashf }
expect_rc 0 "the advised command '$advice'"
rm -f "$T/kasf.db"*
run --db "$T/k.db" ingest --create -m "$T/m.yaml" "$T/p.csv"
expect_rc 0 "ingest --create"
# Commands that only read or change existing records never create a store for a mistyped --db.
for args in "user list" "user agencies" "audit verify" "audit list" "stats" "search x" "firearm stats"; do
  run --db "$T/typo.db" $args
  expect_rc 3 "kashf --db typo.db $args"
  [ ! -e "$T/typo.db" ] || fail "kashf $args created a store for a mistyped --db"
  grep -q 'no Kashf store at' "$T/err" || fail "kashf $args should say there is no store: $(cat "$T/err")"
done
run init --db "$T/other.db"  # the order the old hint printed
expect_rc 0 "kashf init --db X"
[ -f "$T/other.db" ] || fail "kashf init --db X should create X"

# Command-line mistakes: always 2, help and version 0.
for args in "--db $T/k.db stats --no-such-option" "--db $T/k.db no-such-command" "" "--db $T/k.db search" \
            "--db $T/k.db search x --limit many" "--db $T/k.db stats surplus"; do
  run $args
  expect_rc 2 "kashf $args"
done
run --help; expect_rc 0 "--help"
run stats --help; expect_rc 0 "stats --help"
run --version; expect_rc 0 "--version"

# serve --static with a folder that exists nowhere: where it looked and how to build it.
run --db "$T/k.db" serve --port 0 --max-seconds 1 --static no/such/dist
expect_rc 3 "serve --static no/such/dist"
grep -q 'npm run build' "$T/err" || fail "serve should say how to build the workbench: $(cat "$T/err")"

# Failing store operations say what to do, without SQL.
printf 'this is not a database, just text that is long enough to look like a header of a file\n%.0s' {1..50} > "$T/text.db"
run --db "$T/text.db" stats
[ "$RC" = 7 ] || fail "a file that is not a store: exit $RC (stderr: $(cat "$T/err"))"
grep -q 'not a Kashf store' "$T/err" || fail "should say the file is not a Kashf store: $(cat "$T/err")"
no_internals "stats on a text file"
python3 - "$T/foreign.db" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1]); c.execute("CREATE TABLE entities (x)"); c.commit()
PY
run --db "$T/foreign.db" stats
expect_rc 6 "another program's database"
grep -q "not a Kashf store" "$T/err" || fail "should say the file is not a Kashf store: $(cat "$T/err")"
no_internals "stats on another program's SQLite file"
set +e; KASHF_LOG=debug "$K" --db "$T/text.db" stats > /dev/null 2> "$T/debug"; set -e
grep -q 'file is not a database' "$T/debug" || fail "KASHF_LOG=debug should keep SQLite's detail: $(cat "$T/debug")"

# A read-only store is readable.
AS=()
if [ "$(id -u)" = 0 ]; then
  command -v setpriv > /dev/null || fail "setpriv (util-linux) is needed to test a read-only store as root"
  AS=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
fi
"$K" --db "$T/k.db" -q resolve > /dev/null
ENTITY=$("$K" --db "$T/k.db" search asif --ids --limit 1)
OTHER=$("$K" --db "$T/k.db" search bilal --ids --limit 1)
[ -n "$ENTITY" ] && [ -n "$OTHER" ] || fail "setup: no entity found"
reads_work() {  # $1: what is read-only
  local out
  for cmd in "stats" "search asif" "show $ENTITY" "network stats" "export --format ftm" \
             "explain $ENTITY $OTHER"; do
    set +e; out=$("${AS[@]}" "$K" --db "$T/ro/k.db" $cmd 2> "$T/err"); rc=$?; set -e
    [ "$rc" = 0 ] || fail "$1: '$cmd' on a read-only store: exit $rc ($(cat "$T/err"))"
    no_internals "$1: $cmd"
  done
  "${AS[@]}" "$K" --db "$T/ro/k.db" search asif | grep -q "Muhammad Asif Khan" || fail "$1: search finds nothing"
  "${AS[@]}" "$K" --db "$T/ro/k.db" stats | grep -q '^3 entities' || fail "$1: stats should count 3 entities"
  set +e; "${AS[@]}" "$K" --db "$T/ro/k.db" ingest -m "$T/m.yaml" "$T/p.csv" > /dev/null 2> "$T/err"; rc=$?; set -e
  [ "$rc" = 5 ] || fail "$1: ingest into a read-only store: exit $rc, expected 5 ($(cat "$T/err"))"
  grep -q 'read-only' "$T/err" || fail "$1: a write should say the store is read-only: $(cat "$T/err")"
  no_internals "$1: ingest"
}
mkdir "$T/ro"; cp "$T/k.db" "$T/ro/k.db"; chmod 777 "$T/ro"  # the folder writable for anyone
chmod a-w "$T/ro/k.db"
reads_work "file read-only"
[ ! -s "$T/ro/k.db-wal" ] || fail "reading a read-only store changed its journal"
rm -f "$T/ro/k.db-wal" "$T/ro/k.db-shm"
chmod a-w "$T/ro"
reads_work "file and folder read-only"
echo "store access: all checks passed"
