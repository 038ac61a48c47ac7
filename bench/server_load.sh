#!/usr/bin/env bash
# Load test of `kashf serve` with wrk on loopback (127.0.0.1 only): p50/p99 latency, throughput and
# errors for the main read endpoints, each for a fixed time (bounded; the server also stops by
# itself after --max-seconds). Usage:
#   bench/server_load.sh <kashf binary> <demo folder> [seconds per endpoint] [connections]
# The demo folder is the one `make demo` fills (kashf.db, victim.key); if it has no kashf.db, a
# demo store is built there first (synthetic data: 20,000 agency records, 2,000 cases, 5,000 firearms).
set -euo pipefail
export USER="${USER:-kashf}"
K="$(realpath "$1")"; DEMO="$2"; SECONDS_EACH="${3:-15}"; CONNS="${4:-16}"
command -v wrk > /dev/null || { echo "wrk is not installed (scripts/install-deps.sh installs it)" >&2; exit 1; }
mkdir -p "$DEMO"; DEMO="$(realpath "$DEMO")"
DB="$DEMO/kashf.db"; KEY="$DEMO/victim.key"
k() { "$K" --db "$DB" "$@"; }
if [ ! -f "$DB" ]; then
  echo "building a demo store in $DEMO ..."
  "$K" simulate --out "$DEMO/data-set" --records 20000 --seed 42 > /dev/null
  k init > /dev/null
  for ds in punjab-police-fir fia-ahtc-cases sindh-police-register customs-seizures transactions call-records; do
    k -q ingest -m "$DEMO/data-set/mappings/$ds.yaml" "$DEMO"/data-set/data/"$ds".* > /dev/null
  done
  k resolve > /dev/null
  [ -f "$KEY" ] || k case keygen --key-file "$KEY" > /dev/null
  KASHF_AGENCY=nrm-secretariat k case simulate --count 2000 --seed 1 --key-file "$KEY" --all-agencies > /dev/null  # spread over the generator's agencies
  k firearm simulate --count 5000 --seed 1 > /dev/null
fi
k user demo --out "$DEMO/logins.json" > /dev/null
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
URL="http://127.0.0.1:$PORT"
TOTAL=$(( SECONDS_EACH * 9 + 120 ))
k serve --port "$PORT" --no-access-log --max-seconds "$TOTAL" ${KEY:+--key-file "$KEY"} > "$DEMO/serve-load.out" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -sf "$URL/api/v1/health" > /dev/null && break; sleep 0.1; done
pw() { python3 -c 'import json,sys; print([u["password"] for u in json.load(open(sys.argv[1])) if u["username"]==sys.argv[2]][0])' "$DEMO/logins.json" "$1"; }
token() { curl -s -X POST "$URL/api/v1/auth/login" -H 'Content-Type: application/json' \
            -d "{\"username\":\"$1\",\"password\":\"$(pw "$1")\"}" | sed -n 's/.*"token":"\([0-9a-f]*\)".*/\1/p'; }
AN=$(token demo-analyst); RS=$(token demo-researcher)
ENTITY=$(curl -s "$URL/api/v1/search?q=muhammad&schema=Person&limit=1" -H "Authorization: Bearer $AN" |
         python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
# The network is built on the first network query (then cached): build it before timing.
TOP=$(curl -s "$URL/api/v1/network/roles?role=organiser&limit=1" -H "Authorization: Bearer $AN" |
      python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
LUA="$(mktemp)"
cat > "$LUA" <<'LUA'
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT requests=%d seconds=%.1f rps=%.0f p50_ms=%.2f p99_ms=%.2f errors=%d non2xx=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    e.connect + e.read + e.write + e.timeout, e.status))
end
LUA
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "wrk -t2 -c$CONNS -d${SECONDS_EACH}s; server: kashf serve (defaults: 32 threads), store $(du -h "$DB" | cut -f1)"
printf '%-58s %9s %8s %9s %9s %7s %7s\n' endpoint requests req/s p50_ms p99_ms errors non2xx
run() {  # name, token, path
  local out
  out=$(wrk -t2 -c"$CONNS" -d"${SECONDS_EACH}s" --timeout 10s -s "$LUA" ${2:+-H "Authorization: Bearer $2"} "$URL$3" | grep '^RESULT')
  eval "$(echo "$out" | sed 's/^RESULT //')"
  printf '%-58s %9s %8s %9s %9s %7s %7s\n' "$1" "$requests" "$rps" "$p50_ms" "$p99_ms" "$errors" "$non2xx"
}
run "GET /api/v1/health (no login, no store)" "" "/api/v1/health"
run "GET /api/v1/search?q=muhammad&schema=Person (analyst)" "$AN" "/api/v1/search?q=muhammad&schema=Person&limit=20"
run "GET /api/v1/entities/{id} (analyst)" "$AN" "/api/v1/entities/$ENTITY"
run "GET /api/v1/firearms/search?serial=A*7 (analyst)" "$AN" "/api/v1/firearms/search?serial=A*7&limit=20"
run "GET /api/v1/statistics/ctdc?by=gender,ageBroad (researcher)" "$RS" "/api/v1/statistics/ctdc?by=gender,ageBroad"
run "GET /api/v1/network/roles?limit=50 (analyst)" "$AN" "/api/v1/network/roles?limit=50"
run "GET /api/v1/network/ego/{id}?depth=2 (analyst)" "$AN" "/api/v1/network/ego/$TOP?depth=2"
run "GET /api/v1/network/money-trail?from={id}&direction=in (analyst)" "$AN" "/api/v1/network/money-trail?from=$TOP&direction=in&hops=3&days=30"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
rm -f "$LUA"
kill $PID 2>/dev/null || true; wait $PID 2>/dev/null || true
k audit verify
