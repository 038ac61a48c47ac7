#!/usr/bin/env bash
# End to end: `kashf network key-players` and `network disrupt` on a simulated network. Removing the key
# players with `disrupt` gives the figures `key-players` promised; the figures add up; victims are never
# chosen or named; unknown nodes and a k larger than the network give errors a user can act on.
set -euo pipefail
K="$1"; SRC="$2"
source "$SRC/tests/cli/lib/simulated_store.sh"
simulated_store 3000 5

"$K" --db "$DB" --json network key-players --k 3 > "$T/kp.json"
PLAYERS=$(python3 -c 'import json,sys; print(",".join(p["id"] for p in json.load(open(sys.argv[1]))["players"]))' "$T/kp.json")
"$K" --db "$DB" --json network disrupt --remove "$PLAYERS" > "$T/d.json"
python3 - "$T/kp.json" "$T/d.json" <<'PY'
import json, sys
kp, d = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
assert kp["k"] == 3 and len({p["id"] for p in kp["players"]}) == 3, kp["players"]
assert all(not p["victim"] and p["kind"] in ("person", "organization", "phone", "account") for p in kp["players"])
assert kp["after"]["connected_pairs"] < kp["before"]["connected_pairs"], kp
assert d["before"] == kp["before"] and d["after"] == kp["after"], (d["after"], kp["after"])
b, a = d["before"], d["after"]
assert a["nodes"] == b["nodes"] - 3 and a["components"] > b["components"], (b, a)
assert d["pairs_disconnected"] > 0 and d["cut_from_largest"] > 0, d
m = d["money"]
# Per currency, never added across currencies: relayed = min(into, out of) in each.
for cur in set(m["into_removed"]) | set(m["out_of_removed"]):
    expect = min(m["into_removed"].get(cur, 0), m["out_of_removed"].get(cur, 0))
    assert abs(m["relayed"].get(cur, 0) - expect) < 1e-6, (cur, m)
assert d["brokers"], "contacts of key players reach the other pieces"
for x in d["brokers"]:
    assert x["pairs_restored"] > 0 and x["components"] >= 1 and set(x["via"]) <= {p["id"] for p in kp["players"]}, x
assert all(x["caption"] == "[victim]" for x in d["brokers"] + d["removed"] if x["victim"])
PY
"$K" --db "$DB" network disrupt --remove "$PLAYERS" | grep -q "who could reconnect it" || fail "text report lists the brokers"

# Who replaced them after a removal on 2022-01-01: their neighbours, ranked by the rise of betweenness.
"$K" --db "$DB" --json network succession --remove "$PLAYERS" --date 2022-01-01 > "$T/s.json"
python3 - "$T/s.json" "$PLAYERS" <<'PY'
import json, sys
s, removed = json.load(open(sys.argv[1])), set(sys.argv[2].split(","))
assert s["edges_before"] > 0 and s["edges_after"] > 0 and s["successors"], s
rise = [(x["betweenness_after"] - x["betweenness_before"], x["degree_after"] - x["degree_before"]) for x in s["successors"]]
assert rise == sorted(rise, reverse=True), rise
assert all(x["id"] not in removed and set(x["replaced"]) <= removed and x["replaced"] for x in s["successors"])
PY
if "$K" --db "$DB" network succession --remove "$PLAYERS" --date 2040-01-01 2> "$T/err3.txt"; then fail "a date after the data must fail"; fi
grep -q "choose a day inside the data's dates" "$T/err3.txt" || fail "the error says how to choose the date"

if "$K" --db "$DB" network disrupt --remove nobody-at-all 2> "$T/err.txt"; then fail "unknown node must fail"; fi
grep -q "nobody-at-all" "$T/err.txt" || fail "the error names the unknown node"
if "$K" --db "$DB" network key-players --k 100000 2> "$T/err2.txt"; then fail "k larger than the network must fail"; fi
grep -q "k = 100000 but the network has only" "$T/err2.txt" || fail "the error says how many can be removed"
echo "network disruption end-to-end: ok"
