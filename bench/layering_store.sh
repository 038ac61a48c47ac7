#!/usr/bin/env bash
# Layering through a store (issue 14 goal: layering over 10M payments within 2 GiB): generates
# PAYMENTS random payments between ACCOUNTS bank accounts over 2023 (seeded; amounts 1,000-500,000
# PKR, a tenth of them in near-equal fan patterns), ingests them into a fresh store with
# `kashf ingest`, and runs `kashf network layering` (defaults) under /usr/bin/time -v, which
# builds the entity network from the store, indexes the payments and runs the detectors:
#   bash bench/layering_store.sh build/src/cli/kashf /tmp/kashf-layering 1000000 100000
# Prints the ingest time and the layering step's user time, wall time and peak RSS.
set -euo pipefail
K="$1"; DIR="$2"; N="${3:-1000000}"; A="${4:-100000}"
mkdir -p "$DIR"
# A store left by an earlier run with the same PAYMENTS and ACCOUNTS is reused (the ingest is not
# re-measured); delete DIR/k.db to ingest again.
if [ -f "$DIR/k.db" ] && [ "$(cat "$DIR/params" 2>/dev/null)" = "$N $A" ]; then
  echo "reusing $DIR/k.db ($N payments, $A accounts)"
else
  python3 - "$DIR/pay.csv" "$N" "$A" <<'PY'
import random, sys, datetime
out, n, accounts = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(14)
start = datetime.date(2023, 1, 1)
with open(out, "w") as f:
    f.write("id,from,to,date,amount,cur\n")
    i = 0
    while i < n:
        a = rng.randrange(accounts)
        day = start + datetime.timedelta(days=rng.randrange(365))
        if rng.random() < 0.1:  # a fan: one account pays several others near-equal amounts within days
            base = rng.randrange(10, 100) * 1000
            for _ in range(min(5, n - i)):
                d = day + datetime.timedelta(days=rng.randrange(5))
                f.write(f"T{i},AC{a},AC{rng.randrange(accounts)},{d},{base + rng.randrange(1000)},PKR\n")
                i += 1
        else:
            f.write(f"T{i},AC{a},AC{rng.randrange(accounts)},{day},{rng.randrange(1000, 500000)},PKR\n")
            i += 1
PY
  cat > "$DIR/pay.yaml" <<'Y'
dataset: bank
format: csv
record_id: [id]
entities:
  payer: {schema: BankAccount, keys: [from]}
  payee: {schema: BankAccount, keys: [to]}
  payment:
    schema: Payment
    keys: [id]
    properties: {payer: {entity: payer}, beneficiary: {entity: payee}, date: date, amount: amount, currency: cur}
Y
  rm -f "$DIR/k.db"*
  "$K" --db "$DIR/k.db" init >/dev/null
  /usr/bin/time -f "ingest: %U s user, %e s wall, %M kB peak" "$K" --db "$DIR/k.db" -q ingest -m "$DIR/pay.yaml" "$DIR/pay.csv" >/dev/null
  echo "$N $A" > "$DIR/params"
fi
/usr/bin/time -v "$K" --db "$DIR/k.db" network layering --threads 2 > "$DIR/layering.txt" 2> "$DIR/time.txt"
head -3 "$DIR/layering.txt"
grep -E "User time|Elapsed|Maximum resident" "$DIR/time.txt"
