#!/usr/bin/env bash
# Search under load: `kashf serve` on loopback (127.0.0.1 only) over a store of synthetic people
# (bench/search_bench.cc builds it), wrk held near a fixed request rate, p50/p99 latency. Usage:
#   bench/search_load.sh <kashf binary> <store.db> [requests/s, default 200] [seconds, default 30] [connections, default 20]
# Build the store first, e.g. 10M people:
#   KASHF_SEARCH_PEOPLE=10000000 KASHF_SEARCH_STORE=/tmp/search-10m.db build/bench/kashf_bench_search --benchmark_filter=Cnic
# wrk (Debian has no wrk2) runs closed loops; to hold a rate, each wrk thread hands out send times
# on a fixed schedule (start + i * threads/rate, read from CLOCK_MONOTONIC through LuaJIT's FFI) and
# a connection that is free waits for the next slot (Lua delay()). The offered rate is the target
# while a connection is free for each slot; when replies are slower, requests queue on the schedule
# (at most one second of backlog) and the printed req/s says what was reached. Latency is measured
# per request as wrk does (no coordinated-omission correction). Queries rotate over
# common and rare names, a prefix, a father's name, punctuated names, a CNIC and a phone. Then a closed-loop run at
# full speed (-c64) gives the ceiling, as issue 12 measured it.
set -euo pipefail
export USER="${USER:-kashf}"
K="$(realpath "$1")"; DB="$(realpath "$2")"; RATE="${3:-200}"; SECS="${4:-30}"; CONNS="${5:-20}"
command -v wrk > /dev/null || { echo "wrk is not installed (scripts/install-deps.sh installs it)" >&2; exit 1; }
WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT
k() { "$K" --db "$DB" "$@"; }
k user demo --out "$WORK/logins.json" > /dev/null
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
URL="http://127.0.0.1:$PORT"
"$K" --db "$DB" serve --port "$PORT" --no-access-log --max-seconds $(( SECS * 2 + 600 )) > "$WORK/serve.out" 2>&1 &
PID=$!  # the kashf process itself (a backgrounded shell function would be a subshell: kill would miss the server)
trap 'kill $PID 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 300); do curl -sf "$URL/api/v1/health" > /dev/null && break; sleep 0.2; done
PW=$(python3 -c 'import json,sys; print([u["password"] for u in json.load(open(sys.argv[1])) if u["username"]=="demo-analyst"][0])' "$WORK/logins.json")
AN=$(curl -s -X POST "$URL/api/v1/auth/login" -H 'Content-Type: application/json' \
       -d "{\"username\":\"demo-analyst\",\"password\":\"$PW\"}" | sed -n 's/.*"token":"\([0-9a-f]*\)".*/\1/p')
# The first search builds the list of recorded victims (a scan of the store): not timed.
time curl -s -o /dev/null "$URL/api/v1/search?q=muhammad&schema=Person" -H "Authorization: Bearer $AN"
cat > "$WORK/search.lua" <<LUA
local queries = {"q=muhammad&schema=Person", "q=muhammad%20asif%20khan", "q=ali%20malik&schema=Person",
  "q=wazirzai", "q=qures", "q=father%3Atariq%20javed", "q=Abdul-Rahman", "q=10000%209776005%205",
  "q=0300%200012345", "q=M.Asif", "q=fatima%20butt&schema=Person", "q=O%27Brien"}
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", "/api/v1/search?" .. queries[(n % #queries) + 1] .. "&limit=20")
end
-- Paced mode: INTERVAL_MS > 0 is this thread's gap between send slots (threads / rate).
local INTERVAL_MS = 0
local ffi = require("ffi")
ffi.cdef[[ typedef struct { long tv_sec; long tv_nsec; } kashf_timespec; int clock_gettime(int, kashf_timespec *); ]]
local ts = ffi.new("kashf_timespec")
local function now_ms() ffi.C.clock_gettime(1, ts); return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6 end
local next_slot = nil
delay = function()
  if INTERVAL_MS == 0 then return 0 end
  local t = now_ms()
  next_slot = math.max((next_slot or t) + INTERVAL_MS, t - 1000)
  local wait = next_slot - t
  if wait <= 0 then return 0 end
  return math.floor(wait + 0.5)
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT requests=%d seconds=%.1f rps=%.0f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.1f errors=%d non2xx=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.connect + e.read + e.write + e.timeout, e.status))
end
LUA
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "store $(du -h "$DB" | cut -f1), $(k stats 2>/dev/null | grep -m1 -i entities || true)"
INTERVAL_MS=$(python3 -c "print(2 * 1000 / $RATE)")
sed -i "s/^local INTERVAL_MS = 0$/local INTERVAL_MS = $INTERVAL_MS/" "$WORK/search.lua"
echo "rate-held: wrk -t2 -c$CONNS -d${SECS}s, each thread sends on a schedule ${INTERVAL_MS} ms apart (target $RATE req/s)"
wrk -t2 -c"$CONNS" -d"${SECS}s" --timeout 10s -s "$WORK/search.lua" -H "Authorization: Bearer $AN" "$URL" | grep '^RESULT'
sed -i "s/^local INTERVAL_MS = .*$/local INTERVAL_MS = 0/" "$WORK/search.lua"
echo "closed loop: wrk -t2 -c64 -d${SECS}s (as fast as it answers)"
wrk -t2 -c64 -d"${SECS}s" --timeout 10s -s "$WORK/search.lua" -H "Authorization: Bearer $AN" "$URL" | grep '^RESULT'
echo "closed loop, q=muhammad&schema=Person only: wrk -t2 -c64 -d${SECS}s"
wrk -t2 -c64 -d"${SECS}s" --timeout 10s -H "Authorization: Bearer $AN" --latency "$URL/api/v1/search?q=muhammad&schema=Person" |
  grep -E "Requests/sec|50%|99%|Socket errors|Non-2xx" || true
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
kill $PID 2>/dev/null || true; wait $PID 2>/dev/null || true
k audit verify | tail -2
