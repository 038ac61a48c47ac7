# Shared by the tests/cli scripts that start `kashf serve` (sourced, not a test itself):
# a temporary folder $T with the store $DB, cleanup of the folder and the server on exit, fail(),
# k() for `kashf --db $DB`, and start_server ARGS... which serves on an ephemeral 127.0.0.1 port
# and sets $URL and $SERVER_PID. Expects K (the kashf binary) to be set.
T=$(mktemp -d)
SERVER_PID=""
cleanup() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$T"; }
trap cleanup EXIT
DB="$T/kashf.db"
fail() { echo "FAIL: $*" >&2; [ -f "$T/server.err" ] && tail -20 "$T/server.err" >&2; exit 1; }
k() { "$K" --db "$DB" "$@"; }
export USER=tester

start_server() {  # kashf itself in the background (not through k(), whose subshell would take the signals)
  "$K" --db "$DB" serve --port 0 "$@" > "$T/server.out" 2> "$T/server.err" &
  SERVER_PID=$!
  for _ in $(seq 1 100); do grep -q "is serving" "$T/server.out" 2>/dev/null && break; sleep 0.1; done
  URL=$(sed -n 's/^Kashf is serving .* at \(http:[^ ]*\)$/\1/p' "$T/server.out")
  case "$URL" in http://127.0.0.1:*) ;; *) fail "unexpected URL '$URL'";; esac
}
