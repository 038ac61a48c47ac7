#!/usr/bin/env bash
# The README's "A first session by hand" runs as written: the code block is cut out of README.md and
# run line by line in an empty folder laid out like a fresh clone with a build (build/src/cli/kashf,
# nothing else), stopping at the first command that fails. `serve` runs in the background on a free
# port (the README's port may be taken) until its API and workbench answer over 127.0.0.1. Then the
# lines the issue found broken are checked for what they promise: the Urdu search finds someone, the
# ids the session picks are real, the firearm lines find firearms.
set -euo pipefail
K="$1"; SRC="$2"
T=$(mktemp -d)
SERVE_PID=
cleanup() { [ -n "$SERVE_PID" ] && kill "$SERVE_PID" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$T"; }
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# The first ```sh block after the heading.
python3 - "$SRC/README.md" > "$T/session.sh" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
at = text.index("## A first session by hand")
m = re.search(r"```sh\n(.*?)```", text[at:], re.S)
print(m.group(1), end="")
PY
[ "$(grep -c . "$T/session.sh")" -gt 10 ] || fail "no session found in README.md"
grep -q ' serve ' "$T/session.sh" || fail "the session should end by serving the workbench"

mkdir -p "$T/clone/build/src/cli"
ln -s "$K" "$T/clone/build/src/cli/kashf"
# The workbench: `--static web/dist` must resolve outside the repository root too. If web/ is built
# in the source tree, that is what serve must find; otherwise a stand-in in KASHF_HOME.
if [ ! -f "$SRC/web/dist/index.html" ]; then
  mkdir -p "$T/home/web/dist"
  ln -s "$SRC/schema" "$SRC/mappings" "$SRC/data" "$T/home/"
  echo '<!doctype html><title>Kashf workbench</title>' > "$T/home/web/dist/index.html"
  export KASHF_HOME="$T/home"
fi
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
unset USER KASHF_AGENCY  # the README must name the acting user and agency itself

# Run the session: each line's output is kept; `serve` goes to the background.
cd "$T/clone"
python3 - "$T/session.sh" "$PORT" > "$T/run.sh" <<'PY'
import sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
out = ["set -euo pipefail"]
for i, line in enumerate(lines):
    if " serve " in line:
        cmd = line.split("  #")[0].replace("--port 8080", "--port " + sys.argv[2])
        out.append(cmd + " > serve.out 2> serve.err & echo $! > serve.pid")
    else:
        out.append(line)
print("\n".join(out))
PY
if ! bash "$T/run.sh" > "$T/session.out" 2> "$T/session.err"; then
  tail -5 "$T/session.out" >&2; cat "$T/session.err" >&2
  fail "the README session failed"
fi
SERVE_PID=$(cat serve.pid)
URL="http://127.0.0.1:$PORT"
for _ in $(seq 1 100); do curl -sf "$URL/api/v1/health" > /dev/null 2>&1 && break; sleep 0.1; done
curl -sf "$URL/api/v1/health" > /dev/null || { cat serve.err >&2; fail "serve does not answer at $URL"; }
curl -sf "$URL/" | grep -qi '<title>' || fail "the workbench is not served from --static web/dist"
kill "$SERVE_PID"; wait "$SERVE_PID" 2>/dev/null || true; SERVE_PID=

# What the broken lines promised.
k() { ./build/src/cli/kashf --db kashf.db "$@"; }
urdu=$(grep -o 'search "[^"]*"' "$T/session.sh" | LC_ALL=C.UTF-8 grep -P '[\x{0600}-\x{06FF}]' | head -1 | sed 's/^search "\(.*\)"$/\1/')
[ -n "$urdu" ] || fail "the session should show a search in Urdu script"
[ -n "$(k search "$urdu" --ids)" ] || fail "the Urdu search '$urdu' finds nothing after the session's imports"
grep -q '^[0-9,]* entities' "$T/session.out" || fail "stats output missing"
! grep -q 'no match for' "$T/session.out" || fail "a search in the session finds nothing: $(grep 'no match' "$T/session.out")"
! grep -q 'no registered serial fits' "$T/session.out" || fail "the partial-serial search finds no firearm"
grep -q '^Chain of custody:' "$T/session.out" || fail "firearm trace show should print a chain of custody"
grep -q '^TOTAL,,[1-9]' "$T/session.out" || fail "export ctdc should count the simulated cases"
grep -q '^money into .* traced back' "$T/session.out" || fail "network trail should trace money into the broker"
grep -q '^recorded: .* are different persons' "$T/session.out" || fail "judge should record the decision"
! grep -q 'ENTITY_ID\|FIREARM_ID' "$T/session.sh" || fail "placeholders left in the session"
echo "README first session: all checks passed"
