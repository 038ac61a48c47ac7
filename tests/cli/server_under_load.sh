#!/usr/bin/env bash
# `kashf serve` with N worker threads under wrk at 4N connections (loopback only, a few seconds):
# a mix of logins (wrong passwords: the brake answers 429 once the allowance is spent), name
# searches, entity reads and health. Passes when no answer is a 5xx, wrk counts no socket error or
# timeout beyond the bound below, the server still answers afterwards, and the audit chain verifies.
# Bound: cpp-httplib gives each connection a thread for its keep-alive life, so 3N of the 4N
# connections wait in the queue; with a 5 s client timeout none may time out (MAX_ERRORS=0).
set -euo pipefail
K="$1"; SRC="$2"
THREADS="${KASHF_LOAD_THREADS:-4}"; SECONDS_RUN="${KASHF_LOAD_SECONDS:-5}"; MAX_ERRORS=0
command -v wrk > /dev/null || { echo "wrk is not installed (scripts/install-deps.sh installs it)" >&2; exit 1; }
source "$SRC/tests/cli/lib/server_test.sh"

"$K" simulate --out "$T/sim" --records 1500 --seed 7 > /dev/null
k init > /dev/null
for ds in punjab-police-fir fia-ahtc-cases; do k -q ingest -m "$T/sim/mappings/$ds.yaml" "$T/sim/data/$ds".* > /dev/null; done
k -q resolve > /dev/null
k user demo --out "$T/logins.json" > /dev/null

start_server --threads "$THREADS" --no-access-log --max-seconds $((SECONDS_RUN + 60))
PW=$(python3 -c 'import json,sys; print([u["password"] for u in json.load(open(sys.argv[1])) if u["username"]=="demo-analyst"][0])' "$T/logins.json")
TOKEN=$(curl -s -X POST "$URL/api/v1/auth/login" -H 'Content-Type: application/json' -d "{\"username\":\"demo-analyst\",\"password\":\"$PW\"}" |
        sed -n 's/.*"token":"\([0-9a-f]*\)".*/\1/p')
[ -n "$TOKEN" ] || fail "no session token"
ENTITY=$(curl -s "$URL/api/v1/search?q=muhammad&schema=Person&limit=1" -H "Authorization: Bearer $TOKEN" |
         python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
[ -n "$ENTITY" ] || fail "no entity to read"

cat > "$T/mix.lua" <<'LUA'
-- Round-robin over a mix of endpoints; counts answers by class across wrk's threads.
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args)
  local auth = {["Authorization"] = "Bearer " .. args[1]}
  local json = {["Content-Type"] = "application/json"}
  reqs = {
    wrk.format("POST", "/api/v1/auth/login", json, '{"username":"demo-researcher","password":"not the password"}'),
    wrk.format("GET", "/api/v1/search?q=muhammad&schema=Person&limit=20", auth),
    wrk.format("GET", "/api/v1/entities/" .. args[2], auth),
    wrk.format("GET", "/api/v1/search?q=ali&limit=5", auth),
    wrk.format("GET", "/api/v1/health"),
  }
  n, ok, c4, c5 = 0, 0, 0, 0
end
function request() n = n + 1; return reqs[(n % #reqs) + 1] end
function response(status)
  if status >= 500 then c5 = c5 + 1 elseif status >= 400 then c4 = c4 + 1 else ok = ok + 1 end
end
function done(summary, latency, requests)
  local t = {ok = 0, c4 = 0, c5 = 0}
  for _, th in ipairs(threads) do
    t.ok = t.ok + th:get("ok"); t.c4 = t.c4 + th:get("c4"); t.c5 = t.c5 + th:get("c5")
  end
  local e = summary.errors
  io.write(string.format("RESULT requests=%d ok=%d c4xx=%d c5xx=%d errors=%d timeouts=%d p99_ms=%.1f\n", summary.requests,
    t.ok, t.c4, t.c5, e.connect + e.read + e.write + e.timeout, e.timeout, latency:percentile(99) / 1000))
end
LUA
CONNS=$((4 * THREADS))
wrk -t2 -c"$CONNS" -d"${SECONDS_RUN}s" --timeout 5s -s "$T/mix.lua" "$URL" -- "$TOKEN" "$ENTITY" > "$T/wrk.out" 2>&1 || fail "wrk failed: $(cat "$T/wrk.out")"
RESULT=$(grep '^RESULT' "$T/wrk.out" | sed 's/^RESULT //')
echo "wrk -c$CONNS against --threads $THREADS for ${SECONDS_RUN}s: $RESULT"
eval "$RESULT"
[ "$requests" -gt 0 ] || fail "no request was answered"
[ "$c5xx" = 0 ] || fail "$c5xx answers were 5xx"
[ "$errors" -le "$MAX_ERRORS" ] || fail "$errors socket errors or timeouts (bound $MAX_ERRORS)"
[ "$ok" -gt 0 ] || fail "no request succeeded"
# Still answering, and still correct.
[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$URL/api/v1/health")" = 200 ] || fail "the server no longer answers"
[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$URL/api/v1/entities/$ENTITY" -H "Authorization: Bearer $TOKEN")" = 200 ] ||
  fail "the server no longer reads entities"
kill -TERM "$SERVER_PID"; wait "$SERVER_PID" || true; SERVER_PID=""
grep -q "^stopped" "$T/server.out" || fail "the server should stop cleanly on SIGTERM"
k audit verify > /dev/null || fail "the audit chain must verify after the load"
echo "server under load: ok"
