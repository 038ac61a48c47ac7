#!/usr/bin/env bash
# Early-warning series from the statement store (docs/early-warning.md): a simulated police FIR file
# and a transactions file are ingested; `kashf trend --source fir --by offence` and `--source payment
# --by payment_channel` must count exactly the cases and payments of the files (the rows the
# simulator made invalid on purpose, truth/bad-rows.csv, are rejected at ingest and not counted);
# `kashf alerts run` evaluates the configured FIR and payment series; an unknown source is exit 2.
set -euo pipefail
K="$1"; SRC="$2"
. "$SRC/tests/cli/lib/simulated_store.sh"  # $T, $DB, fail()
k() { "$K" --db "$DB" "$@"; }
export USER=tester KASHF_AGENCY=fia-lahore  # the analyst alerts run records

"$K" simulate --out "$T/sim" --records 3000 --seed 17 > /dev/null
k init > /dev/null
for ds in punjab-police-fir transactions; do
  k -q ingest -m "$T/sim/mappings/$ds.yaml" "$T/sim/data/$ds".* > /dev/null
done

# What the files hold, counted independently of Kashf: FIRs are (fir_no, police_station) pairs
# dated DD/MM/YYYY; payments are rows with their channel. Months as YYYY-MM.
python3 - "$T/sim" > "$T/expected.json" <<'PY'
import csv, json, sys, datetime
sim = sys.argv[1]
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
print(json.dumps({"by_offence": by_offence, "fir_months": fir_months, "by_channel": by_channel}))
PY

k --json trend --source fir --by offence --period month --today 2030-01-01 --cells 100 > "$T/fir.json"
k --json trend --source payment --by payment_channel --period week --today 2030-01-01 > "$T/pay.json"
python3 - "$T/expected.json" "$T/fir.json" "$T/pay.json" <<'PY'
import json, sys
want = json.load(open(sys.argv[1]))
fir, pay = json.load(open(sys.argv[2])), json.load(open(sys.argv[3]))
got = {c["cell"]: sum(c["counts"]) for c in fir["cells"]}
assert got == want["by_offence"], f"FIRs by offence: kashf {got} vs the file {want['by_offence']}"
months = {s[:7]: n for s, n in zip(fir["period_starts"], fir["total"]) if n}
assert months == want["fir_months"], "FIRs by month differ from the file"
got = {c["cell"]: sum(c["counts"]) for c in pay["cells"]}
assert got == want["by_channel"], f"payments by channel: kashf {got} vs the file {want['by_channel']}"
assert set(got) >= {"bank", "wallet", "hawala"}, got
PY

# The district of FIRs is a breakdown too (with provinces from the district table).
k trend --source fir --by province --period month --today 2030-01-01 > "$T/province.txt"
grep -q "Punjab" "$T/province.txt" || fail "FIRs by province should show Punjab"

# alerts run evaluates FIR and payment series named in its configuration: the total and every
# breakdown cell, once per detector.
cat > "$T/ew.yaml" <<'YAML'
series:
  - {name: firs-by-offence, filter: {source: fir}, by: offence, period: month, detectors: [ears_c2, glrnb], evaluate_last: 6}
  - {name: payments-by-channel, filter: {source: payment}, by: payment_channel, period: month, detectors: [ears_c2]}
YAML
k --json alerts run --config "$T/ew.yaml" --today 2030-01-01 --no-victims > "$T/run.json"
python3 - "$T/run.json" "$T/expected.json" <<'PY'
import json, sys
run, want = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
cells = 2 * (1 + len(want["by_offence"])) + (1 + len(want["by_channel"]))
assert run["series_evaluated"] == cells, (run["series_evaluated"], cells)
PY
k trend --source fir --detector glrnb --period week --today 2030-01-01 > "$T/glr.txt"
grep -q "threshold" "$T/glr.txt" || fail "trend --detector glrnb prints expected and threshold"

rc=0; k trend --source cases > /dev/null 2> "$T/err.txt" || rc=$?
[ "$rc" = 2 ] || fail "an unknown source must exit 2, not $rc"
grep -q "fir" "$T/err.txt" || fail "the message should list the sources"
echo "store trends CLI: ok"
