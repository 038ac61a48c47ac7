#!/usr/bin/env bash
# Early warning through the CLI (docs/early-warning.md): a simulated new route raises a
# new-category alert with its explanation and records; the alert is dismissed only with a reason,
# escalated to a case, and every decision is in the audit log; trends over the register; bad input
# (unknown dimension, malformed date, future --from, missing store) gives exit 2 or 3 with a message.
set -euo pipefail
K="$1"; SRC="$2"
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
DB="$T/k.db"
fail() { echo "FAIL: $*" >&2; exit 1; }
k() { "$K" --db "$DB" "$@"; }
export USER=tester KASHF_AGENCY=fia-lahore
expect_exit() {  # code, pattern, command...
  local want=$1 pattern=$2 rc=0; shift 2
  "$@" > "$T/out.txt" 2> "$T/err.txt" || rc=$?
  [ "$rc" = "$want" ] || { cat "$T/err.txt" >&2; fail "'$*' exited $rc, expected $want"; }
  grep -q "$pattern" "$T/err.txt" || { cat "$T/err.txt" >&2; fail "'$*' should say '$pattern'"; }
}

k init > /dev/null
"$K" -q simulate --out "$T/sim" --outbreaks-only --outbreak-districts 8 --outbreak-categories 3 \
  --outbreak-years 4 --outbreak-threats 3 --seed 5
EW="$T/sim/early-warning"
START=$(awk -F, '$2=="new_route"{print $5; exit}' "$EW/truth.csv")
CELL=$(awk -F, '$2=="new_route"{print $1; exit}' "$EW/truth.csv")   # district=D00x;category=C0y
DISTRICT=${CELL%%;*}; DISTRICT=${DISTRICT#district=}; CAT=${CELL##*=}
TODAY=$(date -u -d "$START + 6 days" +%F)
k alerts run --events "$EW/events.csv" --today "$TODAY" > "$T/run.txt" 2> "$T/notes.txt"
grep -q "first seizure with calibre '$CAT' in district '$DISTRICT'" "$T/run.txt" || { cat "$T/run.txt"; fail "no new-category alert for the injected route"; }
grep -q "future dates" "$T/notes.txt" || fail "events after --today must be reported as ignored"
# A second run the same day stores nothing new.
k alerts run --events "$EW/events.csv" --today "$TODAY" 2> /dev/null | grep -q ", 0 new alert(s)" || fail "alerts stored twice"
ID=$(k --json alerts list --state open | python3 -c 'import json,sys; print([a["id"] for a in json.load(sys.stdin) if a["kind"]=="new_category"][0])')
k --json alerts show "$ID" | python3 -c 'import json,sys; a=json.load(sys.stdin); assert a["records"] and a["explanation"], a'
expect_exit 2 "" k alerts dismiss "$ID"   # --reason is required
expect_exit 2 "needs a reason" k alerts dismiss "$ID" --reason " "
k alerts ack "$ID" --note "calling the district" > /dev/null
k alerts escalate "$ID" --case FIR-77-2019 --note "same make as case 12" > /dev/null
expect_exit 6 "not reopened" k alerts ack "$ID"
for action in alerts.run alert.acknowledge alert.escalate; do
  sqlite3 "$DB" "SELECT action FROM audit_log" | grep -qx "$action" || fail "audit log lacks $action"
done
k audit verify > /dev/null

# Trends over the register, and bad input.
k firearm simulate --count 500 --seed 3 > /dev/null
k trend --period month --by calibre --today 2027-01-01 --no-victims > "$T/trend.txt"
grep -q "^period" "$T/trend.txt" || fail "trend prints a table"
expect_exit 2 "not a series dimension" k trend --by colour --no-victims
expect_exit 2 "not a date" k trend --from 2026-02-30 --no-victims
expect_exit 2 "after" k trend --from 2099-01-01 --today 2026-01-01 --no-victims
expect_exit 2 "week" k trend --period day --no-victims
expect_exit 3 "no Kashf store" "$K" --db "$T/none.db" trend --no-victims
echo "early warning CLI: ok"
