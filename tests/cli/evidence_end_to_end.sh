#!/usr/bin/env bash
# End to end, issue 14.1 "model the evidence as it comes", on hand-made files with known answers:
# a subscribers register; a surveillance log of meetings (one row per attendance) naming the
# register's people by their ids; a call list where one row stands for 40 calls; payments in two
# currencies. Checks co-attendance weights and their evidence, call counts apart from message counts,
# the currency mix error, money totals per currency (show, disrupt) and the conversion with its
# source; and the bad inputs (unknown dataset, event without attendee).
set -euo pipefail
K="$1"
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
DB="$T/k.db"
fail() { echo "FAIL: $*" >&2; exit 1; }
"$K" --db "$DB" init >/dev/null

cat > "$T/subs.yaml" <<'Y'
dataset: subscribers
entities:
  person: {schema: Person, keys: [id], properties: {name: name}}
Y
printf 'id,name\nP1,Asif Khan\nP2,Bilal Ahmed\nP3,Chand Bibi\n' > "$T/subs.csv"
cat > "$T/meet.yaml" <<'Y'
dataset: surveillance
entities:
  attendee: {schema: Person, dataset: subscribers, keys: [person_id]}
  meeting:
    schema: Meeting
    keys: [meeting_id]
    properties: {date: date, place: place, attendee: {entity: attendee}}
Y
printf 'meeting_id,date,place,person_id\nM1,2024-01-05,Hotel Indus,P1\nM1,2024-01-05,Hotel Indus,P2\nM1,2024-01-05,Hotel Indus,P3\nM2,2024-02-01,Bus stand,P1\nM2,2024-02-01,Bus stand,P2\nM3,2024-03-01,Tea stall,\n' > "$T/meet.csv"

# Bad input: the meetings refer to the subscribers' ids before the subscribers are loaded.
if "$K" --db "$DB" -q ingest -m "$T/meet.yaml" "$T/meet.csv" 2> "$T/err1.txt"; then fail "unknown dataset must fail"; fi
grep -q "dataset 'subscribers', which is not in the store" "$T/err1.txt" || fail "unknown dataset: $(cat "$T/err1.txt")"
"$K" --db "$DB" -q ingest -m "$T/subs.yaml" "$T/subs.csv" >/dev/null
"$K" --db "$DB" --json ingest -m "$T/meet.yaml" "$T/meet.csv" > "$T/meet.json" || true
python3 - "$T/meet.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))[0]  # one report per file
# M3's row: an event with no attendee is rejected, with its line and column; the others load.
assert [(x["line"], x["column"]) for x in r["rejects"]] == [(7, "person_id")], r["rejects"]
assert "has no attendee" in r["rejects"][0]["reason"], r["rejects"]
PY

# Bad input: an Event mapping without attendees.
sed 's/, attendee: {entity: attendee}//' "$T/meet.yaml" > "$T/noatt.yaml"
if "$K" --db "$DB" -q ingest -m "$T/noatt.yaml" "$T/meet.csv" 2> "$T/err2.txt"; then fail "event without attendee must fail"; fi
grep -q "every Meeting needs its 'attendee'" "$T/err2.txt" || fail "no attendee: $(cat "$T/err2.txt")"

# Calls: one row stands for 40 calls (count) of 3600 seconds in all; another for 7 text messages only.
cat > "$T/calls.yaml" <<'Y'
dataset: cdr
entities:
  a: {schema: Phone, keys: [from], properties: {number: from}}
  b: {schema: Phone, keys: [to], properties: {number: to}}
  call:
    schema: Call
    properties: {caller: {entity: a}, receiver: {entity: b}, date: date, count: n, messages: texts, durationSeconds: secs}
Y
printf 'from,to,date,n,texts,secs\n0300-1111111,0300-2222222,2024-03-03,40,,3600\n0300-2222222,0300-1111111,2024-03-04,,7,\n' > "$T/calls.csv"
"$K" --db "$DB" -q ingest -m "$T/calls.yaml" "$T/calls.csv" >/dev/null

# Payments in PKR and USD between the people.
cat > "$T/pay.yaml" <<'Y'
dataset: bank
entities:
  payer: {schema: Person, dataset: subscribers, keys: [from]}
  payee: {schema: Person, dataset: subscribers, keys: [to]}
  pay:
    schema: Payment
    properties: {payer: {entity: payer}, beneficiary: {entity: payee}, date: date, amount: amount, currency: cur}
Y
printf 'from,to,date,amount,cur\nP1,P2,2024-03-01,280000,PKR\nP2,P3,2024-03-02,1000,USD\n' > "$T/pay.csv"
"$K" --db "$DB" -q ingest -m "$T/pay.yaml" "$T/pay.csv" >/dev/null

# Co-attendance: Asif and Bilal met twice, Asif and Chand once; the events are the evidence.
"$K" --db "$DB" --json network ego "Asif Khan" --radius 1 > "$T/ego.json"
python3 - "$T/ego.json" <<'PY'
import json, sys
e = json.load(open(sys.argv[1]))
cap = {n["node"]: n["caption"] for n in e["nodes"]}
meet = [x for x in e["edges"] if x["relation"] == "meeting"]
pairs = {}
for x in meet:
    k = tuple(sorted((cap[x["from"]], cap[x["to"]])))
    pairs[k] = pairs.get(k, 0) + x["weight"]
    assert x["events"] and x["events"][0]["place"] in ("Hotel Indus", "Bus stand"), x
assert pairs[("Asif Khan", "Bilal Ahmed")] == 2, pairs
assert pairs[("Asif Khan", "Chand Bibi")] == 1, pairs
pay = [x for x in e["edges"] if x["relation"] == "payment"]
assert pay and pay[0]["currency"] == "PKR", pay
asif = [n for n in e["nodes"] if n["caption"] == "Asif Khan"][0]
assert asif["events"] == 2, asif
PY
"$K" --db "$DB" --json network path "Chand Bibi" "Asif Khan" --k 1 > "$T/path.json"
python3 - "$T/path.json" <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))["paths"][0]
link = p["links"][0]
assert "meeting" in link["relations"], link
assert [ev["place"] for ev in link["events"]] == ["Hotel Indus"], link
PY
"$K" --db "$DB" network ego "Asif Khan" > "$T/ego.txt"
grep -q "meeting x2, payment x1 (Hotel Indus 2024-01-05; Bus stand 2024-02-01)" "$T/ego.txt" || fail "ego text: $(cat "$T/ego.txt")"

# The call record weighs 40, with its duration.
"$K" --db "$DB" --json network ego "+923001111111" --radius 1 > "$T/call.json"
python3 - "$T/call.json" <<'PY'
import json, sys
e = json.load(open(sys.argv[1]))
calls = sorted((x for x in e["edges"] if x["relation"] == "call"), key=lambda x: x["date"])
assert len(calls) == 2, calls
assert calls[0]["count"] == 40 and calls[0]["messages"] == 0 and calls[0]["seconds"] == 3600 and calls[0]["weight"] == 40, calls
# Messages are counted apart from calls, never added into `count`.
assert calls[1]["count"] == 0 and calls[1]["messages"] == 7 and calls[1]["weight"] == 7, calls
PY

# A currency mix where amounts are summed is an error; conversion when asked cites the rate.
if "$K" --db "$DB" network layering --min-branches 1 2> "$T/err3.txt"; then fail "currency mix must fail"; fi
grep -q "2 currencies (PKR, USD)" "$T/err3.txt" || fail "currency mix: $(cat "$T/err3.txt")"
printf 'from,to,rate,source,date\nUSD,PKR,280,State Bank of Pakistan,2024-03-01\n' > "$T/rates.csv"
"$K" --db "$DB" network trail "Asif Khan" --convert-to PKR --rates "$T/rates.csv" > "$T/trail.txt"
grep -q "1 USD = 280 PKR (State Bank of Pakistan, 2024-03-01)" "$T/trail.txt" || fail "conversion: $(cat "$T/trail.txt")"
grep -q "PKR 280,000" "$T/trail.txt" || fail "trail amounts should carry PKR: $(cat "$T/trail.txt")"

# Totals per currency: Bilal received PKR 280,000 and paid USD 1,000; nothing adds the two.
"$K" --db "$DB" --json network show "Bilal Ahmed" > "$T/show.json"
"$K" --db "$DB" --json network disrupt --remove "Bilal Ahmed" > "$T/disrupt.json"
"$K" --db "$DB" --json network disrupt --remove "Bilal Ahmed" --convert-to PKR --rates "$T/rates.csv" > "$T/disrupt_pkr.json"
python3 - "$T/show.json" "$T/disrupt.json" "$T/disrupt_pkr.json" <<'PY'
import json, sys
show, d, dp = (json.load(open(f)) for f in sys.argv[1:4])
m = show["metrics"]
assert m["money_by_currency"] == [{"currency": "PKR", "in": 280000.0, "out": 0.0, "hawala": 0.0},
                                  {"currency": "USD", "in": 0.0, "out": 1000.0, "hawala": 0.0}], m
assert "money_in" not in m, m  # no single total across currencies
lacking = show["lacking"]["organiser"]
assert any(x.startswith("amounts in one currency (payments in PKR, USD") for x in lacking), lacking
assert d["money"]["into_removed"] == {"PKR": 280000.0} and d["money"]["out_of_removed"] == {"USD": 1000.0}, d["money"]
assert d["money"]["relayed"] == {}, d["money"]  # rupees in, dollars out: nothing relayed in one currency
assert dp["money"]["relayed"] == {"PKR": 280000.0}, dp["money"]  # 1,000 USD = 280,000 PKR
assert dp["conversion"]["to"] == "PKR" and dp["conversion"]["rates"][0]["source"] == "State Bank of Pakistan", dp
PY
"$K" --db "$DB" network show "Bilal Ahmed" > "$T/show.txt"
grep -q "money in PKR 280,000, out PKR 0, hawala PKR 0" "$T/show.txt" || fail "show per currency: $(cat "$T/show.txt")"
grep -q "money in USD 0, out USD 1,000, hawala USD 0" "$T/show.txt" || fail "show per currency: $(cat "$T/show.txt")"
echo "evidence end-to-end: ok"
