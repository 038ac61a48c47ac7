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

# Components without a PostgreSQL backend refuse the URL by name; the password is never repeated.
SECRET_URL="postgresql://kashf:not-a-real-password@127.0.0.1:1/kashf"  # refused before any connection
refused() {  # expected component, kashf arguments...
  local want="$1"; shift
  if "$K" --db "$PGURL" "$@" > out.txt 2> err.txt; then fail "'$*' must refuse a PostgreSQL URL"; fi
  grep -q "$want.* has no PostgreSQL backend yet" err.txt || { cat err.txt; fail "'$*' should name $want"; }
}
refused "the firearm register" firearm stats
refused "the statement store" init
if "$K" --db "$SECRET_URL" firearm stats > /dev/null 2> err.txt; then fail "a refused URL must fail"; fi
if grep -q "not-a-real-password" err.txt; then fail "the URL's password must not be repeated"; fi
[ -z "$(ls -A "$T" | grep -v -e cluster -e '\.txt$')" ] || { ls -A "$T"; fail "a refused URL created files"; }
echo "ok"
