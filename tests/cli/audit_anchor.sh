#!/usr/bin/env bash
# The audit anchor end to end (docs/security.md): `kashf audit keygen`, checkpoints written by CLI
# commands and by `kashf serve` (on start, on a timer, at stop), and `kashf audit verify --anchor`
# detecting what the hash chain alone cannot: the last entry deleted, every entry deleted, the
# database rolled back to an older copy, a forged checkpoint; the server refuses to start on a cut
# log. Only 127.0.0.1 is contacted.
set -euo pipefail
K="$1"; SRC="$2"
source "$SRC/tests/cli/lib/server_test.sh"
mkdir -p "$T/keep"  # the operator's folder, apart from the database
ANCHOR="$T/keep/kashf.anchor"; AKEY="$T/keep/audit.key"
entries() { sqlite3 "$DB" "SELECT count(*) FROM audit_log"; }
checkpoints() { grep -c kashf_audit_checkpoint "$ANCHOR"; }
newest() { python3 -c 'import json,sys; print(max(json.loads(l)["entries"] for l in open(sys.argv[1])))' "$ANCHOR"; }
expect_corrupt() {  # what, pattern
  if k audit verify --anchor "$ANCHOR" > /dev/null 2> "$T/err.txt"; then fail "$1 went unseen with the anchor"; fi
  local rc=0; k audit verify --anchor "$ANCHOR" > /dev/null 2>&1 || rc=$?
  [ "$rc" = 7 ] || fail "$1: exit code $rc, expected 7 (corrupt)"
  grep -q "$2" "$T/err.txt" || { cat "$T/err.txt" >&2; fail "$1: the error should say '$2'"; }
}

k init > /dev/null
k audit keygen --key-file "$AKEY" > "$T/keygen.txt"
[ "$(stat -c %a "$AKEY")" = 600 ] || fail "the signing key must be mode 0600"
[ -f "$AKEY.pub" ] || fail "keygen writes the public key beside it"
if k audit keygen --key-file "$AKEY" 2> /dev/null; then fail "a key must never be overwritten"; fi

# Every audited CLI command appends a checkpoint when the anchor is configured.
export KASHF_AUDIT_ANCHOR="$ANCHOR" KASHF_AUDIT_KEY="$AKEY"
k user agency-add customs-karachi --name "Customs Karachi" --country PAK > /dev/null
echo "a long test password" | k user add sara --role analyst --agency customs-karachi --password-stdin > /dev/null
[ "$(newest)" = "$(entries)" ] || fail "the CLI should checkpoint its own audited actions ($(newest) vs $(entries))"
k user demo --out "$T/logins.json" > /dev/null
sqlite3 "$DB" ".backup '$T/early.db'"  # a backup the attacker will later put back
k audit verify > "$T/verify.txt" || fail "an untouched log must verify"
grep -q "signed checkpoints agree" "$T/verify.txt" || fail "verify should report the anchor"
# A partner agency verifies with the public key alone.
k audit verify --anchor "$ANCHOR" --anchor-key "$AKEY.pub" > /dev/null || fail "the .pub key must verify"

# The server: checkpoint at start, on its timer while requests are audited, and at stop.
BEFORE=$(checkpoints)
start_server --checkpoint-seconds 1 --max-seconds 60
curl -s -o /dev/null -X POST "$URL/api/v1/auth/login" -H 'Content-Type: application/json' -d '{"username":"sara","password":"wrong one"}'
for _ in $(seq 1 40); do [ "$(newest)" = "$(entries)" ] && break; sleep 0.1; done
[ "$(newest)" = "$(entries)" ] || fail "the server should checkpoint a login failure within its interval"
curl -s -o /dev/null -X POST "$URL/api/v1/auth/login" -H 'Content-Type: application/json' -d '{"username":"sara","password":"wrong two"}'
kill -TERM "$SERVER_PID"; wait "$SERVER_PID" || true; SERVER_PID=""
grep -q "^stopped" "$T/server.out" || fail "the server should stop cleanly on SIGTERM"
[ "$(newest)" = "$(entries)" ] || fail "stopping the server should checkpoint the last entries ($(newest) vs $(entries))"
[ "$(checkpoints)" -gt "$BEFORE" ] || fail "the server wrote no checkpoint"
k audit verify > /dev/null || fail "the log must verify after the server ran"

# Tampering the chain alone cannot see, each on a copy of the store.
sqlite3 "$DB" ".backup '$T/good.db'"
put_back() { rm -f "$DB-wal" "$DB-shm"; cp "$1" "$DB"; }
restore() { put_back "$T/good.db"; }
sqlite3 "$DB" "DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)"
env -u KASHF_AUDIT_ANCHOR "$K" --db "$DB" audit verify > /dev/null || fail "the chain alone should not see a cut tail (test premise)"
expect_corrupt "deleting the last entry" "entries were removed from its end"
# ... and the server refuses to start on it, and the CLI refuses to bless it with a new checkpoint.
rc=0; k serve --port 0 --max-seconds 5 > /dev/null 2> "$T/err.txt" || rc=$?
[ "$rc" = 7 ] || fail "the server should refuse a cut log (exit $rc)"
grep -q "does not agree with the anchor" "$T/err.txt" || fail "the server should say why it refuses"
restore
sqlite3 "$DB" "DELETE FROM audit_log"
expect_corrupt "deleting every entry" "has 0 entries"
# Rollback: the whole file replaced by the older copy (taken before the server ran).
put_back "$T/early.db"
env -u KASHF_AUDIT_ANCHOR "$K" --db "$DB" audit verify > /dev/null || fail "the chain alone should not see a rollback (test premise)"
expect_corrupt "rolling back to an older copy" "rolled back"
restore
# A forged checkpoint: the newest line altered to match a cut log.
cp "$ANCHOR" "$T/anchor.good"
python3 - "$ANCHOR" <<'PY'
import json, sys
lines = open(sys.argv[1]).read().splitlines()
c = json.loads(lines[-1]); c["entries"] -= 1
lines[-1] = json.dumps(c)
open(sys.argv[1], "w").write("\n".join(lines) + "\n")
PY
expect_corrupt "a forged checkpoint" "not signed by the anchor key"
cp "$T/anchor.good" "$ANCHOR"
k audit verify > /dev/null || fail "the restored store and anchor must verify"
echo "audit anchor end to end: ok"
