#!/usr/bin/env bash
# kashf user + kashf serve end to end over loopback with curl: demo logins, health, login, roles,
# missing/malformed/oversized input, static front-end with SPA fallback, identity reveal, then the
# access log and the audit log are searched for the revealed identity (it must appear in neither),
# and `kashf audit verify` checks the chain. Only 127.0.0.1 is contacted.
set -euo pipefail
K="$1"; SRC="$2"
source "$SRC/tests/cli/lib/server_test.sh"

k init > /dev/null
k case keygen --key-file "$T/victim.key" > /dev/null
KASHF_AGENCY=fia-ahtc-lahore k case simulate --count 40 --seed 4 --key-file "$T/victim.key" > /dev/null
k firearm simulate --count 40 --seed 2 > /dev/null

# Accounts from the CLI.
k user demo --out "$T/logins.json" > "$T/demo.txt"
grep -q "demo-caseworker" "$T/demo.txt" || fail "user demo should print the logins"
[ "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$T/logins.json")" = 10 ] || fail "ten demo logins expected (seven plus assessor, reviewer, cso)"
if k user agency-add "Bad Id" --name x 2> "$T/err.txt"; then fail "an invalid agency id must be refused"; fi
grep -q "not a valid agency id" "$T/err.txt" || fail "the error should say what is wrong"
k user agency-add customs-karachi --name "Customs Karachi" --country PAK > /dev/null
echo "a long test password" | k user add sara --role firearms_officer --agency customs-karachi --password-stdin > /dev/null
if echo "short" | k user add omar --role analyst --agency customs-karachi --password-stdin 2> /dev/null; then fail "short password accepted"; fi
if k user add omar --role wizard --agency customs-karachi 2> /dev/null; then fail "unknown role accepted"; fi
k user disable sara > /dev/null
k --json user list | grep -q '"disabled": true' || fail "sara should be disabled"
pw() { python3 -c 'import json,sys; print([u["password"] for u in json.load(open(sys.argv[1])) if u["username"]==sys.argv[2]][0])' "$T/logins.json" "$1"; }

# Plain HTTP beyond loopback is refused without TLS.
if k serve --host 0.0.0.0 --port 0 --max-seconds 1 > /dev/null 2> "$T/err.txt"; then fail "plain HTTP on 0.0.0.0 must be refused"; fi
grep -q "tls-cert" "$T/err.txt" || fail "the refusal should point to --tls-cert"

mkdir -p "$T/web/assets"
echo '<!doctype html><title>Kashf workbench</title>' > "$T/web/index.html"
echo 'console.log(1)' > "$T/web/assets/app.js"
start_server --static "$T/web" --key-file "$T/victim.key" --max-seconds 120 --max-body 65536

code() { curl -s -o "$T/body" -w '%{http_code}' "$@"; }
[ "$(code "$URL/api/v1/health")" = 200 ] || fail "health"
[ "$(code "$URL/api/v1/stats")" = 401 ] || fail "stats without a token must be 401"
grep -q '"unauthenticated"' "$T/body" || fail "401 body must be a JSON error"
[ "$(code -X POST "$URL/api/v1/auth/login" -H 'Content-Type: application/json' -d '{"username":')" = 400 ] || fail "malformed JSON"
[ "$(code -X POST "$URL/api/v1/auth/login" -H 'Content-Type: text/plain' -d '{}')" = 415 ] || fail "wrong content type"
head -c 200000 /dev/zero | tr '\0' 'a' > "$T/big"
[ "$(code -X POST "$URL/api/v1/auth/login" -H 'Content-Type: application/json' --data-binary @"$T/big")" = 413 ] || fail "oversized body"
grep -q '"payload_too_large"' "$T/body" || fail "413 body must be a JSON error"
[ "$(code -X POST "$URL/api/v1/auth/login" -H 'Content-Type: application/json' -d '{"username":"sara","password":"a long test password"}')" = 401 ] \
  || fail "a disabled user must not log in"

login() {
  curl -s -X POST "$URL/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"$(pw "$1")\"}" | sed -n 's/.*"token":"\([0-9a-f]*\)".*/\1/p'
}
CW=$(login demo-caseworker); RS=$(login demo-researcher); AN=$(login demo-analyst); AD=$(login demo-admin)
[ ${#CW} = 64 ] && [ ${#RS} = 64 ] && [ ${#AN} = 64 ] && [ ${#AD} = 64 ] || fail "logins should return 64-hex tokens"
auth() { echo "Authorization: Bearer $1"; }
[ "$(code "$URL/api/v1/cases" -H "$(auth "$CW")")" = 200 ] || fail "case worker lists cases"
CASE=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["items"][0])' "$T/body")
[ "$(code "$URL/api/v1/cases" -H "$(auth "$RS")")" = 403 ] || fail "researcher must not list cases"
[ "$(code "$URL/api/v1/cases/$CASE" -H "$(auth "$AN")")" = 403 ] || fail "analyst must not read cases"
[ "$(code "$URL/api/v1/statistics/ctdc?by=gender" -H "$(auth "$RS")")" = 200 ] || fail "researcher reads aggregates"
[ "$(code "$URL/api/v1/statistics/ctdc?by=gender&k=3" -H "$(auth "$RS")")" = 400 ] || fail "k below the minimum"
[ "$(code "$URL/api/v1/firearms/search?serial=A*" -H "$(auth "$AN")")" = 200 ] || fail "analyst searches firearms"
[ "$(code "$URL/api/v1/firearms/search" -H "$(auth "$AN")")" = 400 ] || fail "missing serial"
[ "$(code "$URL/api/v1/audit/verify" -H "$(auth "$AD")")" = 200 ] || fail "admin verifies the audit"
[ "$(code "$URL/api/v1/cases/$CASE" -H "$(auth "$AD")")" = 403 ] || fail "admin must not read cases"
[ "$(code -X POST "$URL/api/v1/cases/$CASE/identity" -H "$(auth "$CW")" -H 'Content-Type: application/json' \
      -d '{"purpose":"case_management"}')" = 200 ] || fail "case worker reveals an identity"
NAME=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["identity"]["full_name"])' "$T/body")
[ -n "$NAME" ] || fail "identity has a name"
# Cookie sessions need the CSRF header to change data.
[ "$(code -X POST "$URL/api/v1/cases/$CASE/identity" -H "Cookie: kashf_session=$CW" -H 'Content-Type: application/json' \
      -d '{"purpose":"case_management"}')" = 403 ] || fail "cookie POST without X-Kashf-Request"
# Front-end.
[ "$(code "$URL/")" = 200 ] && grep -q "Kashf workbench" "$T/body" || fail "index.html"
[ "$(code "$URL/cases/42")" = 200 ] && grep -q "Kashf workbench" "$T/body" || fail "SPA fallback"
[ "$(code "$URL/assets/nothing.js")" = 404 ] || fail "missing asset must be 404"
curl -s -D "$T/headers" -o /dev/null "$URL/api/v1/health"
grep -qi "x-content-type-options: nosniff" "$T/headers" || fail "nosniff header"
grep -qi "cache-control: no-store" "$T/headers" || fail "no-store header"
if grep -qi "access-control-allow-origin" "$T/headers"; then fail "no CORS header may be sent"; fi
[ "$(code -X POST -d "" "$URL/api/v1/auth/logout" -H "$(auth "$AN")")" = 200 ] || fail "logout"
[ "$(code "$URL/api/v1/stats" -H "$(auth "$AN")")" = 401 ] || fail "token dead after logout"

kill "$SERVER_PID"; wait "$SERVER_PID" || true; SERVER_PID=""
grep -q "GET /api/v1/cases/{case_id} 403" "$T/server.err" || fail "access log should name the route pattern"
if grep -qF "$NAME" "$T/server.out" "$T/server.err"; then fail "the revealed identity leaked into the server log"; fi
k --json audit list --limit 100000 > "$T/audit.json"
if grep -qF "$NAME" "$T/audit.json"; then fail "the revealed identity leaked into the audit log"; fi
grep -q '"identity.read"' "$T/audit.json" || fail "the reveal must be audited"
grep -q '"access.denied"' "$T/audit.json" || fail "refusals must be audited"
k audit verify > /dev/null || fail "audit chain must verify"
echo "server end to end: ok"
