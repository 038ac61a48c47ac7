#!/usr/bin/env bash
# End to end: simulate payments with laundering typologies, find them, evaluate them against the
# truth next to the baselines, and the errors a user can act on (a parameter out of range, a
# currency mix, a truth file of another data set).
set -euo pipefail
K="$1"
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

"$K" -q simulate-typologies --out "$T/pay" --seed 11 --accounts 6000 --transfers 30000 \
  --fan-in 30 --fan-out 30 --cycles 30 --scatter-gather 20 --mule-chains 20 --hawala 15
"$K" --json network evaluate-typologies --transfers "$T/pay/data/transfers.csv" \
  --truth "$T/pay/truth/typologies.csv" > "$T/eval.json"
python3 - "$T/eval.json" <<'PY'
import json, os, sys
e = json.load(open(sys.argv[1]))
rows = {r["typology"]: r for r in e["rows"]}
assert set(rows) == {"fan-in", "fan-out", "cycle", "scatter-gather", "pass-through", "hawala-settlement",
                     "laundering (any)"}, rows.keys()
for name, r in rows.items():
    kashf = r["methods"][0]
    assert kashf["method"] == "kashf", r
    assert kashf["recall"] >= 0.8 and kashf["precision"] >= 0.8, (name, kashf)
    assert all(m["f1"] < kashf["f1"] for m in r["methods"][1:]), (name, r["methods"])
if os.environ.get("KASHF_SANITIZED") != "1":  # ASan's shadow memory and quarantine are not the engine's
    assert e["peak_rss_mib"] < 200, e["peak_rss_mib"]
PY

# Hits as JSON lines, at most --limit, the count of all on standard error.
"$K" network typologies --transfers "$T/pay/data/transfers.csv" --limit 5 --out "$T/hits.jsonl" 2> "$T/err.txt"
[ "$(wc -l < "$T/hits.jsonl")" -eq 5 ] || fail "expected 5 lines, got $(wc -l < "$T/hits.jsonl")"
grep -q -- "--limit 5" "$T/err.txt" || fail "no note of the cap: $(cat "$T/err.txt")"
python3 - "$T/hits.jsonl" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    h = json.loads(line)
    assert h["typology"] in ("fan-in", "fan-out", "cycle", "scatter-gather", "pass-through", "hawala-settlement"), h
    assert 0 <= h["score"] <= 1 and h["evidence"] and h["reason"], h
PY

# Errors.
if "$K" network typologies --transfers "$T/pay/data/transfers.csv" --fan-amount-band 2 > /dev/null 2> "$T/err.txt"; then
  fail "an amount band of 2 was accepted"
fi
grep -q "fan amount-band must be between 0 and 1 (got 2)" "$T/err.txt" || fail "unclear: $(cat "$T/err.txt")"
{ head -1 "$T/pay/data/transfers.csv"; echo "X1,2024-01-01T00:00:00,bank,AC1,AC2,100,USD"; sed -n "2,51p" "$T/pay/data/transfers.csv"; } \
  > "$T/mixed.csv"
if "$K" network typologies --transfers "$T/mixed.csv" > /dev/null 2> "$T/err.txt"; then fail "a currency mix was accepted"; fi
grep -q "mix 2 currencies" "$T/err.txt" && grep -q -- "--currency" "$T/err.txt" || fail "unclear: $(cat "$T/err.txt")"
"$K" -q network typologies --transfers "$T/mixed.csv" --currency PKR > /dev/null || fail "--currency PKR refused"
printf 'account,typology,role\nNOBODY,cycle,member\n' > "$T/truth.csv"
if "$K" network evaluate-typologies --transfers "$T/pay/data/transfers.csv" --truth "$T/truth.csv" 2> "$T/err.txt"; then
  fail "a truth file naming an unknown account was accepted"
fi
grep -q "truth.csv:2: account 'NOBODY' does not occur in the transfers" "$T/err.txt" || fail "unclear: $(cat "$T/err.txt")"
echo "typologies end to end: ok"
