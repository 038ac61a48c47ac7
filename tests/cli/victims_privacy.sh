#!/usr/bin/env bash
# The victim part of the demo in a temp dir: key, simulated cases, reads, stage changes, consent,
# stats, CTDC exports with k and with DP, error cases, audit verification. Everything the run
# prints or writes (stdout, stderr, exports, the audit log) is then searched for every generated
# victim's name and national id (taken from the key-decrypted registry): none may appear.
set -euo pipefail
K="$1"; SRC="$2"
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
OUT="$T/out"; mkdir -p "$OUT"
DB="$T/kashf.db"
fail() { echo "FAIL: $*" >&2; exit 1; }
n=0
run() {  # run CMD... capturing stdout and stderr under $OUT; returns the command's exit code
  n=$((n + 1))
  "$K" --db "$DB" "$@" > "$OUT/$n.stdout" 2> "$OUT/$n.stderr"
}
export KASHF_AGENCY=nrm-secretariat USER=tester

run case keygen --key-file "$T/victim.key"
[ "$(stat -c %a "$T/victim.key")" = 600 ] || fail "key file must be mode 0600"
if run case keygen --key-file "$T/victim.key"; then fail "keygen must not overwrite a key"; fi
run case simulate --count 80 --seed 3 --key-file "$T/victim.key"
grep -q "80 synthetic cases" "$OUT/$n.stdout" || fail "simulate should register 80 cases"

# Without the key: records readable, identities not, and the error says how to supply the key.
run --json case list --all-agencies
IDS=$(python3 -c 'import json,sys; print(" ".join(json.load(open(sys.argv[1]))))' "$OUT/$n.stdout")
FIRST=${IDS%% *}
run case show "$FIRST" --all-agencies
if run case show "$FIRST" --reveal --all-agencies; then fail "reveal without key must fail"; fi
grep -q -- "--key-file" "$OUT/$n.stderr" || fail "no-key error must say how to supply the key"

# Scoping: an agency sees only its own cases.
run --json case list --agency fia-ahtc-lahore
FIA_CASES=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$OUT/$n.stdout")
[ "$FIA_CASES" -gt 0 ] && [ "$FIA_CASES" -lt 80 ] || fail "fia should see some but not all cases ($FIA_CASES)"
SHELTER_CASE=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[0])' "$OUT/$n.stdout")
if run case show "$SHELTER_CASE" --agency legal-aid-ngo-other; then fail "another agency must not read the case"; fi

# The identities, decrypted with the key (this output is the secret and is not searched).
SECRETS="$T/secrets.txt"; : > "$SECRETS"
for id in $IDS; do
  "$K" --db "$DB" --json case show "$id" --reveal --all-agencies --key-file "$T/victim.key" \
    | python3 -c 'import json,sys; i=json.load(sys.stdin)["identity"]; print(i["full_name"]); print(i["national_id"]); print(i["national_id"].replace("-",""))' >> "$SECRETS"
done
[ "$(wc -l < "$SECRETS")" -eq 240 ] || fail "expected 80 decrypted identities"

# A case through the NRM: a fresh case is made by simulate of one more? Use the first case's state.
run --json case show "$FIRST" --all-agencies
STAGE=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["nrm"]["stages"][-1]["stage"])' "$OUT/$n.stdout")
if run case transition "$FIRST" no_such_stage --all-agencies; then fail "unknown stage must be refused"; fi
grep -q "stages are" "$OUT/$n.stderr" || fail "unknown-stage error should list the stages"
if [ "$STAGE" != closure ]; then
  if run case transition "$FIRST" identification --all-agencies --date 2030-01-01; then fail "going back must be refused"; fi
  grep -q "allowed next" "$OUT/$n.stderr" || fail "invalid transition should name the allowed stages"
fi
run case consent "$FIRST" law_enforcement --withdrawn --all-agencies --date 2030-01-01
if run case show "$FIRST" --reveal --purpose law_enforcement --all-agencies --key-file "$T/victim.key"; then
  fail "reading the identity for law enforcement without consent must be refused"; fi
grep -q "not consented" "$OUT/$n.stderr" || fail "consent error expected"
if run case refer "$FIRST" shelter --provider "Dar-ul-Aman" --share-identity --all-agencies --date 2030-01-01; then
  run case consent "$FIRST" referral_identity --withdrawn --all-agencies --date 2030-01-02
  if run case refer "$FIRST" shelter --provider "Dar-ul-Aman" --share-identity --all-agencies --date 2030-01-02; then
    fail "sharing the identity after consent was withdrawn must be refused"; fi
fi
run case overdue --all-agencies --today 2030-01-01
grep -q "cases overdue" "$OUT/$n.stdout" || fail "overdue list expected"
run case offences
grep -q "UNVERIFIED" "$OUT/$n.stdout" || fail "unverified penalties must be marked"
run case offence "$FIRST" pk-ptpa-2018-s4 --all-agencies
run case find --national-id "$(sed -n 2p "$SECRETS")" --all-agencies --key-file "$T/victim.key"
grep -q "$FIRST" "$OUT/$n.stdout" || fail "blind-index look-up should find the first case"

# Statistics and exports.
# The most detailed tables first: once a marginal is out, a table splitting one of its small
# groups may be refused by the disclosure audit (docs/privacy.md).
run export-ctdc --all-agencies --by gender,ageBroad,typeOfExploit --k 11 --out "$OUT/ctdc_k11.csv"
python3 - "$OUT/ctdc_k11.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1])))
assert rows[0][-1] == "count", rows[0]
for r in rows[1:]:
    if r[0] != "TOTAL": assert int(r[-1]) >= 11, r
PY
run export-ctdc --all-agencies --by citizenship,route --out "$OUT/ctdc_route.csv"
# The issue's command names: `kashf export ctdc` and `kashf stats victims` are the same commands.
run export ctdc --all-agencies --by gender,ageBroad,typeOfExploit --k 11 --out "$OUT/ctdc_k11_again.csv"
cmp -s "$OUT/ctdc_k11.csv" "$OUT/ctdc_k11_again.csv" || fail "export ctdc must equal export-ctdc"
run case stats --all-agencies
run --json case stats --all-agencies --by gender,ageBroad,citizenship
python3 - "$OUT/$n.stdout" <<'PY'
import json, sys
t = json.load(open(sys.argv[1]))[0]
assert "cells" in t or "was not released" in t["refused"], t
PY
run stats victims --all-agencies --by citizenship --by route
grep -q "== by route (cells below 11" "$OUT/$n.stdout" || fail "stats victims should tabulate routes"
cmp -s "$OUT/$n.stdout" <("$K" --db "$DB" case stats --all-agencies --by citizenship --by route 2>/dev/null) \
  || fail "stats victims must equal case stats"
run export-ctdc --all-agencies --by gender,typeOfExploit --dp laplace --epsilon 1 --out "$OUT/ctdc_dp.csv"
run export-ctdc --all-agencies --by ageBroad --dp gaussian --epsilon 0.5 --delta 1e-6 --out "$OUT/ctdc_dp_gauss.csv"
if run export-ctdc --all-agencies --by citizenship --dp laplace --epsilon 3 --out "$OUT/too_much.csv"; then
  fail "a release past the epsilon budget must be refused"; fi
grep -q "budget" "$OUT/$n.stderr" || fail "budget error expected"
run export ctdc budget
grep -q "spent epsilon" "$OUT/$n.stdout" || fail "budget listing expected"
if run export-ctdc --all-agencies --by full_name; then fail "unknown variable must be refused"; fi
# Issue 20: k is the deployment's (refused per request, the CLI like the API), bad epsilons are
# refused before anything is charged, and k cannot change once tables were released with it.
for k in 1 10 12; do
  if run export-ctdc --all-agencies --by gender --k "$k"; then fail "--k $k must be refused"; fi
  grep -q "fixed at 11" "$OUT/$n.stderr" || fail "the k error must name the deployment's k"
done
run --json export ctdc budget
spent_before=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["spent_epsilon"])' "$OUT/$n.stdout")
for eps in 0 -1 nan 1e400 inf 1000; do
  if run export-ctdc --all-agencies --by gender --dp laplace --epsilon "$eps"; then fail "epsilon $eps must be refused"; fi
done
run --json export ctdc budget
spent_after=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["spent_epsilon"])' "$OUT/$n.stdout")
[ "$spent_before" = "$spent_after" ] || fail "refused DP requests must charge nothing ($spent_before -> $spent_after)"
run export ctdc policy
grep -q "^k 11 " "$OUT/$n.stdout" || fail "policy should show k 11"
if run export ctdc policy --k 20; then fail "k cannot change after tables were released"; fi
run --json case stats --all-agencies
if grep -q withheld "$OUT/$n.stdout"; then fail "no withheld-cell counts may be published"; fi

# HTCDS exchange (docs/victims.md): without --with-identities an export is sealed (it is searched
# below); with the key the cases round-trip through a fresh store, identically, and a second
# import adds nothing; a bad case is reported by case and field and the others are imported.
run case export --format htcds-json --all-agencies --out "$OUT/htcds.json"
grep -q '"identities": "sealed"' "$OUT/htcds.json" || fail "an export without --with-identities must be sealed"
run case export --format htcds-xlsx --all-agencies --out "$OUT/htcds.xlsx"
if run case export --format htcds-json --all-agencies --with-identities --out "$T/full.json"; then
  fail "exporting identities needs the key"; fi
run case export --format htcds-json --all-agencies --with-identities --key-file "$T/victim.key" --out "$T/full.json"
second() { "$K" --db "$T/second.db" "$@" --all-agencies --key-file "$T/victim.key" > "$OUT/second.$n.stdout" 2>&1; }
n=$((n + 1)); second case import "$T/full.json" --format htcds-json || fail "import: $(cat "$OUT/second.$n.stdout")"
grep -q "imported 80 cases" "$OUT/second.$n.stdout" || fail "all 80 cases should be imported"
second case export --format htcds-json --with-identities --out "$T/again.json"
cmp -s "$T/full.json" "$T/again.json" || fail "export -> import -> export must give the same document"
n=$((n + 1)); second case import "$T/full.json" --format htcds-json || fail "re-import: $(cat "$OUT/second.$n.stdout")"
grep -q "imported 0 cases, skipped 80" "$OUT/second.$n.stdout" || fail "a re-import must add nothing"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d["cases"][0]["person"]["prs_Gender"]="Robot"
json.dump(d, open(sys.argv[2], "w"))' "$T/full.json" "$T/bad.json"
if "$K" --db "$T/third.db" case import "$T/bad.json" --format htcds-json --all-agencies --key-file "$T/victim.key" \
    > "$OUT/bad-import.stdout" 2> "$OUT/bad-import.stderr"; then fail "an import with a bad case must say so"; fi
grep -q "cases\[0\].person) prs_Gender: 'Robot' is not an HTCDS value" "$OUT/bad-import.stdout" ||
  fail "the report must name the case, the field and the value: $(cat "$OUT/bad-import.stdout")"
grep -q "imported 79 cases" "$OUT/bad-import.stdout" || fail "the valid cases must be imported"

# Audit: reads are logged (who/what/when), the chain verifies, and tampering is detected.
run audit list --limit 100000
grep -q "identity.read" "$OUT/$n.stdout" || fail "identity reads must be audited"
grep -q "case.read" "$OUT/$n.stdout" || fail "case reads must be audited"
grep -q "export.htcds" "$OUT/$n.stdout" || fail "HTCDS exports must be audited"
run audit verify
cp "$DB" "$T/tampered.db"; [ -f "$DB-wal" ] && cp "$DB-wal" "$T/tampered.db-wal"
python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(\"UPDATE audit_log SET actor='nobody' WHERE seq=3\"); c.commit()" "$T/tampered.db"
if "$K" --db "$T/tampered.db" audit verify > "$OUT/tamper.stdout" 2> "$OUT/tamper.stderr"; then fail "tampering must be detected"; fi
grep -q "entry 3" "$OUT/tamper.stderr" || fail "verify should name the tampered entry"

# The store itself holds identities only as ciphertext.
cp "$DB" "$OUT/store.db"; [ -f "$DB-wal" ] && cp "$DB-wal" "$OUT/store.db-wal"

# The search: no name or national id in anything the run printed or exported.
python3 - "$SECRETS" "$OUT" <<'PY'
import os, sys
secrets = {s.strip() for s in open(sys.argv[1]) if len(s.strip()) >= 6}
hits = []
for name in sorted(os.listdir(sys.argv[2])):
    text = open(os.path.join(sys.argv[2], name), errors="replace").read()
    for s in secrets:
        if s in text: hits.append((name, "<redacted secret of length %d>" % len(s)))
if hits:
    print("identities leaked into:", hits, file=sys.stderr); sys.exit(1)
print("searched %d files for %d secrets: none found" % (len(os.listdir(sys.argv[2])), len(secrets)))
PY
