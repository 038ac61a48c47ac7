#!/usr/bin/env bash
# End to end: simulate six agencies' files with two trafficking networks, ingest, resolve, and ask
# the network questions an analyst asks: who organises (with reasons), is the ranking right against
# the ground truth, where did the organiser's money come from, how are two people linked, who is
# around a suspect, is there layering; victims never named; errors a user can act on.
set -euo pipefail
K="$1"; SRC="$2"
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
DB="$T/k.db"
fail() { echo "FAIL: $*" >&2; exit 1; }

"$K" simulate --out "$T/sim" --records 3000 --seed 5 >/dev/null
"$K" --db "$DB" init >/dev/null
for ds in punjab-police-fir fia-ahtc-cases sindh-police-register customs-seizures transactions call-records; do
  "$K" --db "$DB" -q ingest -m "$T/sim/mappings/$ds.yaml" "$T/sim/data/$ds".* >/dev/null
done
"$K" --db "$DB" -q resolve >/dev/null

"$K" --db "$DB" --json network stats > "$T/stats.json"
python3 - "$T/stats.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
assert s["nodes"] > 400 and s["edges"] > 2000, s
for rel in ("call", "payment", "involvement"):
    assert s["edges_by_relation"].get(rel, 0) > 0, (rel, s["edges_by_relation"])
assert "location" in s["nodes_by_kind"] and "person" in s["nodes_by_kind"], s
assert 0.3 < s["modularity"] < 1, s
PY

# Organisers against the ground truth: the top 10 hold at least 80% of the true organisers.
"$K" --db "$DB" --json network evaluate --truth "$T/sim/truth" > "$T/eval.json"
python3 - "$T/eval.json" <<'PY'
import json, sys
e = json.load(open(sys.argv[1]))
o = e["organisers"]
assert o["true_in_graph"] == 4 and o["recall_at_k"] >= 0.8, o
assert e["brokers"]["true_in_graph"] == 8, e["brokers"]
PY

# Readable top list with reasons; JSON with the same nodes.
"$K" --db "$DB" network top --role organiser --limit 3 > "$T/top.txt"
grep -q "money converges here" "$T/top.txt" || fail "organisers should come with money reasons"
grep -q "never named in a case record\|named in only" "$T/top.txt" || fail "organisers should show how hidden they are"
"$K" --db "$DB" --json network top --role organiser --limit 2 > "$T/top.json"
read -r ORG ORG2 < <(python3 -c 'import json,sys; t=json.load(open(sys.argv[1]))["top"]; print(t[0]["id"], t[1]["id"])' "$T/top.json")
"$K" --db "$DB" network top --role broker --limit 3 | grep -q "shortest paths between suspects" || fail "brokers should show betweenness"

# Money into the top organiser, traced back 3 hops in 30-day windows: every trail respects the window,
# the time order and the amount tolerance.
"$K" --db "$DB" --json network trail "$ORG" --backward --days 30 --hops 3 --tolerance 0.5 --limit 1000 > "$T/trail.json"
python3 - "$T/trail.json" <<'PY'
import json, sys, datetime
t = json.load(open(sys.argv[1]))
assert t["direction"] == "backward" and t["paths"], "money reached the organiser"
day = lambda s: datetime.date.fromisoformat(s)
for p in t["paths"]:
    hops = p["hops"]
    assert 1 <= len(hops) <= 3
    assert hops[0]["to"]["id"] == t["start"]["id"]
    for a, b in zip(hops, hops[1:]):
        assert b["to"]["id"] == a["from"]["id"]                 # backward: each payment fed the next
        assert day(b["date"]) <= day(a["date"])                   # earlier in time
        assert abs(b["amount"] - a["amount"]) <= 0.5 * a["amount"] + 1e-6
    assert (day(hops[0]["date"]) - day(hops[-1]["date"])).days <= 30
    assert p["carried"] == min(h["amount"] for h in hops)
PY

# The two organisers are linked; the ego network starts at its centre.
"$K" --db "$DB" --json network path "$ORG" "$ORG2" --k 2 | python3 -c '
import json,sys; p=json.load(sys.stdin)["paths"]; assert p and p[0]["nodes"][0]["id"]!=p[0]["nodes"][-1]["id"], p'
"$K" --db "$DB" --json network ego "$ORG" --radius 1 > "$T/ego.json"
python3 - "$T/ego.json" <<'PY'
import json, sys
e = json.load(open(sys.argv[1]))
assert e["nodes"][0]["hops"] == 0 and len(e["nodes"]) > 1 and e["edges"]
PY

# Victims: never by name anywhere in the output.
"$K" --db "$DB" --json network top --role recruiter --limit 5 > "$T/rec.json"
R=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["top"][0]["id"])' "$T/rec.json")
"$K" --db "$DB" --json network ego "$R" --radius 1 | python3 -c '
import json,sys
e = json.load(sys.stdin)
v = [n for n in e["nodes"] if n["victim"]]
assert v, "a recruiter is in contact with victims"
assert all(n["caption"] == "[victim]" for n in v), v'

# Layering report and the identifier view.
"$K" --db "$DB" --json network layering --days 30 --min-branches 3 | python3 -c '
import json,sys; r=json.load(sys.stdin); assert set(r) >= {"fan_out","fan_in","scatter_gather","round_trips"}; assert r["fan_in"]'
"$K" --db "$DB" --json network stats --view identifiers | python3 -c '
import json,sys; s=json.load(sys.stdin); assert s["nodes_by_kind"].get("phone",0) > 0 and s["nodes_by_kind"].get("account",0) > 0, s'

# --limit shows the largest patterns and says how many were found; amounts carry their currency;
# conversion only when asked, citing the rate's source and date.
"$K" --db "$DB" network layering --days 30 --min-branches 3 --limit 1 > "$T/lay.txt"
grep -q "found, the largest 1 shown (--limit)" "$T/lay.txt" || fail "layering --limit should say how many were found"
grep -q "PKR " "$T/lay.txt" || fail "layering amounts should show their currency"
printf 'from,to,rate,source,date\nUSD,PKR,280,State Bank of Pakistan,2024-03-01\n' > "$T/rates.csv"
"$K" --db "$DB" network layering --days 30 --limit 1 --convert-to USD --rates "$T/rates.csv" > "$T/lay-usd.txt"
grep -q "amounts converted to USD; 1 PKR = 0.00357143 USD (State Bank of Pakistan (inverse), 2024-03-01)" "$T/lay-usd.txt" \
  || fail "conversion should cite the rate, its source and date: $(head -1 "$T/lay-usd.txt")"
grep -q "USD " "$T/lay-usd.txt" || fail "converted amounts should be in USD"
if "$K" --db "$DB" network layering --convert-to USD 2> "$T/err-rates.txt"; then fail "--convert-to without --rates must fail"; fi
grep -q "go together" "$T/err-rates.txt" || fail "--convert-to without --rates should say what is missing"

# Errors a user can act on.
if "$K" --db "$DB" network show nobody-at-all 2> "$T/err.txt"; then fail "unknown node must fail"; fi
grep -q "kashf network top" "$T/err.txt" || fail "unknown node should point to network top"
if "$K" --db "$DB" network stats --agency interpol 2> "$T/err2.txt"; then fail "unknown agency must fail"; fi
grep -q "loaded: call-records" "$T/err2.txt" || fail "unknown agency should list the loaded ones"
if "$K" --db "$DB" network top --role kingpin 2> "$T/err3.txt"; then fail "unknown role must fail"; fi
grep -q "organiser, broker" "$T/err3.txt" || fail "unknown role should list the roles"
echo "network end-to-end: ok"
