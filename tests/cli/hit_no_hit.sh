#!/usr/bin/env bash
# Hit/no-hit end to end between two agencies, offline through files (docs/sharing.md, issue 16
# point 5): the police index their store for the FIA (a value whose handling code forbids sharing
# is left out); the FIA asks about a CNIC written without dashes, a phone in national form and an
# absent CNIC; the police answer without seeing them; the FIA learns hit / no hit. Bad input: a
# tampered index, a request to another agency, a flood over the rate limit on both sides. Both
# sides' audit logs record every step without a selector.
set -euo pipefail
K="$1"; SRC="$2"
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
expect_fail() {  # exit-code pattern command...
  local code="$1" pattern="$2"; shift 2
  local rc=0; "$@" > "$T/out.txt" 2> "$T/err.txt" || rc=$?
  [ "$rc" = "$code" ] || { cat "$T/err.txt" >&2; fail "'$*' exited $rc, expected $code"; }
  grep -q -- "$pattern" "$T/err.txt" || { cat "$T/err.txt" >&2; fail "'$*' should say '$pattern'"; }
}
mkdir -p "$T/police" "$T/fia"
PK="$T/police/agency.key"; FK="$T/fia/agency.key"; PP="$T/police/partners.yaml"; FP="$T/fia/partners.yaml"
PDB="$T/police/kashf.db"; FDB="$T/fia/kashf.db"
"$K" agency init --id punjab-police --name "Punjab Police" --country PK --key-file "$PK" > /dev/null
"$K" agency init --id fia-ahtc --name "FIA AHTC" --country PK --key-file "$FK" > /dev/null
fp() { "$K" --json agency show --key-file "$1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["fingerprint"])'; }
"$K" agency add-partner "$FK.pub" --fingerprint "$(fp "$FK")" --partners "$PP" > /dev/null
"$K" agency add-partner "$PK.pub" --fingerprint "$(fp "$PK")" --partners "$FP" > /dev/null
"$K" --db "$PDB" init > /dev/null
"$K" --db "$FDB" init > /dev/null

# The police's store: synthetic people, one of them graded H2 (never shared).
cat > "$T/fir.yaml" <<'YAML'
dataset: fir
record_id: [id]
grading:
  handling: {column: hc}
entities:
  person:
    schema: Person
    keys: [id]
    properties:
      name: name
      cnic: cnic
      phone: phone
YAML
printf 'id,name,cnic,phone,hc\n1,Test Person One,35202-1234567-1,0300-1234567,H0\n2,Test Person Two,61101-7654321-2,,H2\n' > "$T/fir.csv"
"$K" --db "$PDB" ingest -m "$T/fir.yaml" "$T/fir.csv" > /dev/null

P=(--key-file "$PK" --partners "$PP"); F=(--key-file "$FK" --partners "$FP")
"$K" --db "$PDB" hit index "${P[@]}" --for fia-ahtc --contact "AHTC desk, Lahore" --out "$T/for-fia.hitidx" > "$T/index.txt"
grep -q "2 selectors" "$T/index.txt" || { cat "$T/index.txt"; fail "the index should hold the CNIC and phone of the H0 person"; }
grep -q "1 withheld by their handling code" "$T/index.txt" || { cat "$T/index.txt"; fail "the H2 CNIC should be withheld"; }
[ "$(stat -c %a "$PK.hit-oprf")" = 600 ] || fail "the OPRF key must be mode 0600 beside the agency key"
if grep -aq "35202" "$T/for-fia.hitidx"; then fail "the index must not carry a selector"; fi

# The FIA asks; the request carries no selector.
"$K" --db "$FDB" hit ask "${F[@]}" cnic:3520212345671 phone:+923001234567 cnic:61101-7654321-2 cnic:42101-1111111-1 \
  --index "$T/for-fia.hitidx" --out "$T/q1.json" > /dev/null
if grep -Eq "3520212345671|35202-1234567|923001234567|61101" "$T/q1.json"; then fail "the request must not carry a selector"; fi
[ "$(stat -c %a "$T/q1.json.pending")" = 600 ] || fail "the pending query must be mode 0600"
"$K" --db "$PDB" hit answer "${P[@]}" "$T/q1.json" --out "$T/a1.json" > /dev/null
"$K" --db "$FDB" hit check "${F[@]}" "$T/a1.json" --request "$T/q1.json" --index "$T/for-fia.hitidx" > "$T/check.txt"
grep -q "cnic:35202-1234567-1 .*HIT .*reference punjab-police:" "$T/check.txt" || { cat "$T/check.txt"; fail "the CNIC without dashes should hit"; }
grep -q "phone:+923001234567 .*HIT" "$T/check.txt" || { cat "$T/check.txt"; fail "the phone should hit"; }
grep -q "cnic:61101-7654321-2 .*no hit" "$T/check.txt" || { cat "$T/check.txt"; fail "the H2 CNIC must give no hit"; }
grep -q "cnic:42101-1111111-1 .*no hit" "$T/check.txt" || { cat "$T/check.txt"; fail "the absent CNIC must give no hit"; }
grep -q "2 of 4 selectors held by punjab-police; to request a package, contact AHTC desk, Lahore" "$T/check.txt" ||
  { cat "$T/check.txt"; fail "check should sum up and name the contact"; }

# Bad input: a tampered index, a request not addressed to the answerer, floods.
python3 - "$T/for-fia.hitidx" "$T/tampered.hitidx" <<'PY'
import sys; b = bytearray(open(sys.argv[1], "rb").read()); b[-70] ^= 1; open(sys.argv[2], "wb").write(b)
PY
expect_fail 7 "valid signature" "$K" --db "$FDB" hit ask "${F[@]}" cnic:3520212345671 --index "$T/tampered.hitidx" --out "$T/q2.json"
expect_fail 4 "comes from fia-ahtc, which is not in the partner directory" "$K" --db "$FDB" hit answer "${F[@]}" "$T/q1.json" --out "$T/x.json"
expect_fail 3 "not in the partner directory" "$K" --db "$PDB" hit index "${P[@]}" --for sindh-police --contact x --out "$T/x.hitidx"
many=(); for i in $(seq 1 501); do many+=("account:$((100000 + i))"); done
expect_fail 6 "per burst" "$K" --db "$FDB" hit ask "${F[@]}" "${many[@]}" --index "$T/for-fia.hitidx" --out "$T/q3.json"
python3 - "$PK.hit-limits" <<'PY'
import json, sys; p = sys.argv[1]; s = json.load(open(p)); s["buckets"]["answer:fia-ahtc"]["tokens"] = 1; json.dump(s, open(p, "w"))
PY
"$K" --db "$FDB" hit ask "${F[@]}" cnic:3520212345671 phone:03001234567 --index "$T/for-fia.hitidx" --out "$T/q4.json" > /dev/null
expect_fail 6 "rate limit: 2 selectors asked, 1 left now" "$K" --db "$PDB" hit answer "${P[@]}" "$T/q4.json" --out "$T/a4.json"
[ ! -e "$T/a4.json" ] || fail "a refused request must not be answered"

# Both audit logs record the steps, never a selector.
"$K" --db "$PDB" audit list > "$T/paudit.txt"
"$K" --db "$FDB" audit list > "$T/faudit.txt"
for a in hit.index hit.answer hit.answer.refused; do grep -q "$a" "$T/paudit.txt" || { cat "$T/paudit.txt"; fail "police audit lacks $a"; }; done
for a in hit.ask hit.check hit.ask.refused; do grep -q "$a" "$T/faudit.txt" || { cat "$T/faudit.txt"; fail "FIA audit lacks $a"; }; done
if grep -Eq "35202|923001234567|61101" "$T/paudit.txt" "$T/faudit.txt"; then fail "audit entries must not carry selectors"; fi
"$K" --db "$PDB" audit verify > /dev/null || fail "the police audit chain must verify"
echo "hit/no-hit: ok"
