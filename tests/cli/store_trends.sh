#!/usr/bin/env bash
# Early-warning series from the statement store (docs/early-warning.md): a simulated police FIR file,
# a transactions file and the FIA case list (victims' journeys) are ingested; `kashf trend --source fir
# --by offence`, `--source payment --by payment_channel` and `--source travel --by route` must count
# exactly the cases, payments and victims' journeys of the files (the rows the
# simulator made invalid on purpose, truth/bad-rows.csv, are rejected at ingest and not counted);
# `kashf alerts run` evaluates the configured FIR, payment and travel series; an unknown source is exit 2.
set -euo pipefail
K="$1"; SRC="$2"
. "$SRC/tests/cli/lib/simulated_store.sh"  # $T, $DB, fail()
k() { "$K" --db "$DB" "$@"; }
export USER=tester KASHF_AGENCY=fia-lahore  # the analyst alerts run records

"$K" simulate --out "$T/sim" --records 3000 --seed 17 > /dev/null
k init > /dev/null
for ds in punjab-police-fir transactions fia-ahtc-cases; do
  k -q ingest -m "$T/sim/mappings/$ds.yaml" "$T/sim/data/$ds".* > /dev/null
done

# What the files hold, counted independently of Kashf: FIRs are (fir_no, police_station) pairs
# dated DD/MM/YYYY; payments are rows with their channel. Months as YYYY-MM.
python3 - "$T/sim" "$SRC/data/reference" > "$T/expected.json" <<'PY'
import csv, json, sys, datetime
sim, ref = sys.argv[1], sys.argv[2]
bad = {}
with open(f"{sim}/truth/bad-rows.csv") as f:
    for row in csv.reader(f):
        if len(row) >= 2 and row[1].isdigit():
            bad.setdefault(row[0], set()).add(int(row[1]))
def rows(name):
    with open(f"{sim}/data/{name}.csv", newline="") as f:
        r = csv.DictReader(f)
        for row in r:
            if r.line_num not in bad.get(name, set()):
                yield row
def day(text):
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            pass
    raise SystemExit(f"unexpected date {text!r}")
firs = {}
for row in rows("punjab-police-fir"):
    key, d = (row["fir_no"], row["police_station"]), day(row["fir_date"])
    if key not in firs or d < firs[key][1]:
        firs[key] = (row["offence"], d)
by_offence, fir_months = {}, {}
for offence, d in firs.values():
    by_offence[offence] = by_offence.get(offence, 0) + 1
    m = d.strftime("%Y-%m"); fir_months[m] = fir_months.get(m, 0) + 1
by_channel = {}
for row in rows("transactions"):
    by_channel[row["channel"].lower()] = by_channel.get(row["channel"].lower(), 0) + 1
# Journeys: one per victim row of the FIA list, dated by the case's registration; countries as
# upper-case ISO alpha-3 codes, several transit countries in alphabetical order of their codes.
alpha3 = {}
with open(f"{ref}/countries.tsv") as f:
    for row in csv.DictReader(f, delimiter="\t"):
        alpha3[row["name"]] = row["alpha3"].upper()
by_route, travel_months, by_transit = {}, {}, {}
with open(f"{sim}/data/fia-ahtc-cases.jsonl") as f:
    for line_no, line in enumerate(f, 1):
        rec = json.loads(line)
        if "victim" not in rec or line_no in bad.get("fia-ahtc-cases", set()):
            continue
        r = rec["route"]
        transit = sorted(alpha3[t] for t in r["transit"])
        route = ">".join([alpha3[r["origin"]]] + transit + [alpha3[r["destination"]]])
        by_route[route] = by_route.get(route, 0) + 1
        cell = ">".join(transit) or "unknown"
        by_transit[cell] = by_transit.get(cell, 0) + 1
        m = rec["registered_on"][:7]; travel_months[m] = travel_months.get(m, 0) + 1
print(json.dumps({"by_offence": by_offence, "fir_months": fir_months, "by_channel": by_channel,
                  "by_route": by_route, "travel_months": travel_months, "by_transit": by_transit}))
PY

# (The FIA list's cases are FIR-source records too: the FIRs of the police file are those of its agency.)
k --json trend --source fir --filter "agency=Punjab Police" --by offence --period month --today 2030-01-01 --cells 100 > "$T/fir.json"
k --json trend --source payment --by payment_channel --period week --today 2030-01-01 > "$T/pay.json"
k --json trend --source travel --by route --period month --today 2030-01-01 --cells 100 > "$T/route.json"
k --json trend --source travel --by transit_country --period week --today 2030-01-01 --cells 100 > "$T/transit.json"
python3 - "$T/expected.json" "$T/fir.json" "$T/pay.json" "$T/route.json" "$T/transit.json" <<'PY'
import json, sys
want = json.load(open(sys.argv[1]))
fir, pay, route, transit = (json.load(open(p)) for p in sys.argv[2:6])
got = {c["cell"]: sum(c["counts"]) for c in fir["cells"]}
assert got == want["by_offence"], f"FIRs by offence: kashf {got} vs the file {want['by_offence']}"
months = {s[:7]: n for s, n in zip(fir["period_starts"], fir["total"]) if n}
assert months == want["fir_months"], "FIRs by month differ from the file"
got = {c["cell"]: sum(c["counts"]) for c in pay["cells"]}
assert got == want["by_channel"], f"payments by channel: kashf {got} vs the file {want['by_channel']}"
assert set(got) >= {"bank", "wallet", "hawala"}, got
got = {c["cell"]: sum(c["counts"]) for c in route["cells"]}
assert got == want["by_route"], f"journeys by route: kashf {got} vs the file {want['by_route']}"
assert len(got) >= 2 and any(r.count(">") == 3 for r in got), got  # several routes, one with two transits
months = {s[:7]: n for s, n in zip(route["period_starts"], route["total"]) if n}
assert months == want["travel_months"], "journeys by month differ from the file"
got = {c["cell"]: sum(c["counts"]) for c in transit["cells"]}
assert got == want["by_transit"], f"journeys by transit country: kashf {got} vs the file {want['by_transit']}"
PY

# Aggregate-only view (--k 11): small months withheld as '-', small routes folded into 'other'.
k trend --source travel --by route --period week --today 2030-01-01 --k 11 > "$T/route-k.txt"
grep -qE '^[0-9]{4}-[0-9]{2}-[0-9]{2} .* -( |$)' "$T/route-k.txt" || fail "weekly journeys per route should have withheld small counts"


# The district of FIRs is a breakdown too (with provinces from the district table).
k trend --source fir --by province --period month --today 2030-01-01 > "$T/province.txt"
grep -q "Punjab" "$T/province.txt" || fail "FIRs by province should show Punjab"

# alerts run evaluates FIR and payment series named in its configuration: the total and every
# breakdown cell, once per detector.
cat > "$T/ew.yaml" <<'YAML'
series:
  - {name: firs-by-offence, filter: {source: fir, agency: Punjab Police}, by: offence, period: month, detectors: [ears_c2, glrnb], evaluate_last: 6}
  - {name: payments-by-channel, filter: {source: payment}, by: payment_channel, period: month, detectors: [ears_c2]}
  - {name: journeys-by-route, filter: {source: travel}, by: route, period: month, detectors: [ears_c2]}
new_category:
  - {name: first-travel-transit-country, source: travel, dimension: transit_country, within: ""}
YAML
k --json alerts run --config "$T/ew.yaml" --today 2030-01-01 --no-victims > "$T/run.json"
python3 - "$T/run.json" "$T/expected.json" <<'PY'
import json, sys
run, want = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
cells = 2 * (1 + len(want["by_offence"])) + (1 + len(want["by_channel"])) + (1 + len(want["by_route"]))
assert run["series_evaluated"] == cells, (run["series_evaluated"], cells)
PY
k trend --source fir --detector glrnb --period week --today 2030-01-01 > "$T/glr.txt"
grep -q "threshold" "$T/glr.txt" || fail "trend --detector glrnb prints expected and threshold"

rc=0; k trend --source cases > /dev/null 2> "$T/err.txt" || rc=$?
[ "$rc" = 2 ] || fail "an unknown source must exit 2, not $rc"
grep -q "fir" "$T/err.txt" || fail "the message should list the sources"
echo "store trends CLI: ok"
