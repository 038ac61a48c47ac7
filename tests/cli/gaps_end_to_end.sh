#!/usr/bin/env bash
# The legislative gap analysis through the CLI: list the catalogues and jurisdictions, import the
# illustrative assessment of Pakistan, import a file with bad rows (row-level errors, exit 2, valid
# rows stored, invalid rows never), assess / review / comment with roles enforced, diff two years,
# and write the report (HTML and JSON) with operational evidence from a simulated register and cases.
set -euo pipefail
K="$1"; SRC="$2"
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
DB="$T/k.db"
fail() { echo "FAIL: $*" >&2; exit 1; }
k() { "$K" --db "$DB" "$@"; }
expect_fail() {
  local code="$1" text="$2"; shift 2
  set +e; "$K" --db "$DB" "$@" > "$T/out" 2> "$T/err"; local rc=$?; set -e
  [ "$rc" = "$code" ] || { cat "$T/out" "$T/err"; fail "'$*' exited $rc, expected $code"; }
  grep -qF -- "$text" "$T/out" "$T/err" || { cat "$T/out" "$T/err"; fail "'$*' should say: $text"; }
}
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
DEMO="$SRC/data/reference/legal/illustrative"
export USER=tester KASHF_AGENCY=unodc

# --- Catalogues and jurisdictions are data ------------------------------------------------------
k gaps catalogues > "$T/cat"
for c in un-firearms-protocol international-tracing-instrument un-tip-protocol un-smuggling-protocol; do
  grep -q "^$c " "$T/cat" || fail "catalogue $c missing"; done
[ "$(k --json gaps catalogues --catalogue un-tip-protocol | json 'len(d[0]["requirements"])')" -ge 25 ] || fail "TIP rows"
k gaps jurisdictions | grep -q "defers to pk for un-tip-protocol" || fail "deference not listed"

# --- Import: the illustrative year 2025, then a file with bad rows --------------------------------
k gaps import "$DEMO/pk-illustrative-2025.csv" --user demo-assessor | grep -q "64 rows: 64 valid (64 stored" \
  || fail "the demo file should import cleanly"
V=$(k --json gaps catalogues --catalogue un-firearms-protocol | json 'd[0]["version"]')
cat > "$T/bad.csv" <<CSV
requirement,jurisdiction,catalogue_version,status,provisions,justification,assessed_on
FP-08b,pk-sd,$V,not met,,no import marking,2026-01-05
FP-99z,pk-sd,$V,met,,,2026-01-05
FP-08c,pk-sd,$V,compliant,,,2026-01-05
FP-08c,pk-kp,$V,met,,,2026-01-05
FP-09b,pk-sd,2019.1,met,,,2026-01-05
FP-06a,pk-sd,$V,met,pk-sd-arms-ordinance-1965 s.13,,2026-01-05
CSV
expect_fail 2 "5 row errors" gaps import "$T/bad.csv" --user demo-assessor --errors "$T/errors.csv"
grep -q "row 3: FP-99z pk-sd \[requirement\]" "$T/out" || fail "unknown requirement not reported"
grep -q "\[status\] 'compliant' is not a status" "$T/out" || fail "bad status not reported"
grep -q "\[jurisdiction\] jurisdiction 'pk-kp' does not exist" "$T/out" || fail "unknown jurisdiction not reported"
grep -q "\[catalogue_version\]" "$T/out" || fail "changed catalogue version not reported"
grep -q "not in force on 2026-01-05" "$T/out" || fail "repealed instrument not reported"
[ "$(wc -l < "$T/errors.csv")" = 6 ] || fail "errors CSV should have a header and 5 rows"
k --json gaps report --jurisdiction pk-sd --on 2026-02-01 > "$T/r.json"
python3 - "$T/r.json" <<'PY' || fail "valid row not stored or invalid row stored"
import json, sys
cells = {(c["requirement"], c["jurisdiction"]): c for c in json.load(open(sys.argv[1]))["cells"]}
assert cells[("FP-08b", "pk-sd")]["status"] == "not_met"            # the valid row
assert cells[("FP-08c", "pk-sd")]["status"] == "not_assessed"       # the bad status stored nothing
assert cells[("FP-09b", "pk-sd")]["status"] == "not_assessed"       # the old catalogue version stored nothing
assert cells[("TIP-06f", "pk-sd")]["inherited_from"] == "pk"        # Sindh defers to federal law for TIP
PY

# --- Roles: assess, review, comment --------------------------------------------------------------
expect_fail 4 "may not save assessments" gaps assess FP-13 pk --status met --role cso
k gaps assess FP-13 pk --status partly_met --justification "focal point named" --on 2026-03-01 --user amna \
  | grep -q "version 2" || fail "a second version expected"
expect_fail 6 "no longer current" gaps review FP-13 pk --version 1 --user bilal
expect_fail 6 "made themselves" gaps review FP-13 pk --version 2 --user amna
k gaps review FP-13 pk --version 2 --user bilal > /dev/null
k gaps comment FP-13 pk --text "The notification is not public." --user sadia > /dev/null
expect_fail 4 "may not comment" gaps comment FP-13 pk --text x --role researcher

# --- Diff between years, report and evidence -----------------------------------------------------
k gaps diff --from 2025-12-31 > "$T/diff"
grep -q "^2 changes" "$T/diff" || { cat "$T/diff"; fail "two changes since 2025 expected (FP-08b, FP-13)"; }
grep -q "FP-13 .* not_met -> partly_met" "$T/diff" || fail "FP-13 change missing"
k -q firearm simulate --count 3000 --seed 5 > /dev/null
k gaps report --top 5 --on 2026-06-30 --html "$T/report.html" --json-out "$T/report.json" > "$T/report.txt"
grep -q "ILLUSTRATIVE" "$T/report.txt" || fail "the report must say the data is illustrative"
grep -q "evidence: Seized firearms with no or obliterated serial: [0-9.]*% ([0-9]* of [0-9]*)" "$T/report.txt" \
  || { cat "$T/report.txt"; fail "marking gap without its operational evidence"; }
grep -q "<h2>Matrix</h2>" "$T/report.html" || fail "HTML matrix missing"
[ "$(json 'len(d["summaries"])' < "$T/report.json")" = 3 ] || fail "three jurisdiction summaries expected"
k gaps evidence --today 2026-06-30 | grep -q "bears on FP-08a" || fail "evidence listing"
k audit verify > /dev/null
echo "gaps end to end: ok"
