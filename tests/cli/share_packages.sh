#!/usr/bin/env bash
# Sharing packages end to end (docs/sharing.md, issue 16 point 3): two stores with their own agency
# keys, partners both ways; the police export a package for the FIA under a sharing policy (a
# survivor's identity withheld without consent, shared with consent for that recipient and
# purpose; an H2 value never leaves); the FIA imports it with provenance (dataset
# punjab-police/<package id>), re-import adds nothing, resolution links the shared suspect to the
# FIA's own record (asserted), a signed retraction withdraws it. Every bad input is refused with its own exit
# code (20-28) and imports nothing. Both sides audit.
set -euo pipefail
K="$1"; SRC="$2"
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
expect_fail() {  # exit-code pattern command...: the command must fail with that code and say the pattern
  local code="$1" pattern="$2"; shift 2
  local rc=0; "$@" > "$T/out.txt" 2> "$T/err.txt" || rc=$?
  [ "$rc" = "$code" ] || { cat "$T/err.txt" >&2; fail "'$*' exited $rc, expected $code"; }
  grep -q -- "$pattern" "$T/err.txt" || { cat "$T/err.txt" >&2; fail "'$*' should say '$pattern'"; }
}
fp() { "$K" --json agency show --key-file "$1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["fingerprint"])'; }
count() { "$K" --db "$1" --json stats | python3 -c 'import json,sys; print(json.load(sys.stdin)["statements"])'; }
mkdir -p "$T/police" "$T/fia" "$T/sindh"
PK="$T/police/agency.key"; FK="$T/fia/agency.key"; SK="$T/sindh/agency.key"
PP="$T/police/partners.yaml"; FP="$T/fia/partners.yaml"
PDB="$T/police/k.db"; FDB="$T/fia/k.db"
"$K" agency init --id punjab-police --name "Punjab Police" --country PK --key-file "$PK" > /dev/null
"$K" agency init --id fia-ahtc-lahore --name "FIA AHTC Lahore" --country PK --key-file "$FK" > /dev/null
"$K" agency init --id sindh-police --name "Sindh Police" --country PK --key-file "$SK" > /dev/null
"$K" agency add-partner "$FK.pub" --fingerprint "$(fp "$FK")" --partners "$PP" > /dev/null
"$K" agency add-partner "$SK.pub" --fingerprint "$(fp "$SK")" --partners "$PP" > /dev/null
"$K" agency add-partner "$PK.pub" --fingerprint "$(fp "$PK")" --partners "$FP" > /dev/null

# The police's FIR register: a suspect (H0, his phone H1), the survivor (a victim), an H2 note.
cat > "$T/fir.yaml" <<'YAML'
dataset: pp-fir
record_id: [id]
grading:
  source: B
  information: "2"
  handling: {column: hc}
entities:
  person:
    schema: Person
    keys: [id]
    properties:
      name: name
      cnic: cnic
      phone: phone
      notes: notes
  case:
    schema: Case
    keys: [fir]
    properties:
      caseNumber: fir
      district: district
  role_in_case:
    schema: Involvement
    keys: [fir, id]
    properties:
      party: {entity: person}
      case: {entity: case}
      role: role
YAML
cat > "$T/fir.csv" <<'CSV'
id,name,cnic,phone,notes,fir,district,role,hc
1,Imran Testsuspect,35202-7654321-3,03001112223,,FIR-77/2026,Lahore,accused,H0
2,Nadia Testsurvivor,35202-1111111-2,,,FIR-77/2026,Lahore,victim,H0
3,Imran Testsuspect,,,informant says armed,FIR-78/2026,Lahore,accused,H2
CSV
"$K" --db "$PDB" init > /dev/null
"$K" --db "$PDB" ingest -m "$T/fir.yaml" "$T/fir.csv" > /dev/null
# The FIA's own record of the same man.
cat > "$T/fia.yaml" <<'YAML'
dataset: fia-cases
record_id: [id]
grading: {source: A, information: "1", handling: H0}
entities:
  person:
    schema: Person
    keys: [id]
    properties:
      name: name
      cnic: cnic
YAML
printf 'id,name,cnic\nS-9,Imran Test Suspect,35202-7654321-3\n' > "$T/fia.csv"
"$K" --db "$FDB" init > /dev/null
"$K" --db "$FDB" ingest -m "$T/fia.yaml" "$T/fia.csv" > /dev/null

# Export: the suspect and his ego network (his involvement, the case, the survivor's involvement).
POLICY="$SRC/data/reference/sharing-policy.example.yaml"
export KASHF_AGENCY_KEY="$PK" KASHF_PARTNERS="$PP"
exp() { "$K" --db "$PDB" share export --to fia-ahtc-lahore --purpose investigation --legal-basis "MoU PP-FIA 2026" \
  --policy "$POLICY" --search Testsuspect --hops 4 "$@"; }
exp -o "$T/p1.kpkg" > "$T/export.txt"
grep -q "withheld: 1 by the policy, 7 by handling codes, 3 of recorded victims without consent" "$T/export.txt" ||
  { cat "$T/export.txt"; fail "the phone (policy), the H2 row (7 values), and the survivor (name, cnic, the link to her) should be withheld"; }
if grep -a -q "Testsuspect\|35202" "$T/p1.kpkg"; then fail "the package must be encrypted"; fi
PKG=$(sed -n 's/^package \(pkg-[0-9a-f]*\) .*/\1/p' "$T/export.txt")

# Import at the FIA: provenance, idempotence, show says which agency and package.
export KASHF_AGENCY_KEY="$FK" KASHF_PARTNERS="$FP"
# The FIA's store also holds a simulated case list: resolution learns its model from the store's
# own records (EM), and a store of two records cannot tell a shared national id from a common one.
"$K" -q simulate --out "$T/sim" --records 3000 --seed 5 --no-text > /dev/null
"$K" --db "$FDB" -q ingest -m "$T/sim/mappings/fia-ahtc-cases.yaml" "$T/sim/data/fia-ahtc-cases.jsonl" > /dev/null
before=$(count "$FDB")
"$K" --db "$FDB" share import "$T/p1.kpkg" > "$T/import.txt"
grep -q "from punjab-police" "$T/import.txt" || { cat "$T/import.txt"; fail "import should name the sender"; }
after=$(count "$FDB")
[ "$after" -gt "$before" ] || fail "the package's statements should be imported"
"$K" --db "$FDB" share import "$T/p1.kpkg" | grep -q ", 0 new" || fail "re-importing the same package must add nothing"
[ "$(count "$FDB")" = "$after" ] || fail "re-import changed the store"
SHARED=$("$K" --db "$FDB" --json search "Testsuspect" | python3 -c '
import json,sys
print([h["id"] for h in json.load(sys.stdin) if h["dataset"].startswith("punjab-police/")][0])')
"$K" --db "$FDB" show "$SHARED" > "$T/show.txt"
grep -q "punjab-police/$PKG" "$T/show.txt" || { cat "$T/show.txt"; fail "show should name the agency and package"; }
grep -q "B2 H0" "$T/show.txt" || fail "the sender's grading travels with each value"
if grep -q "03001112223\|informant" "$T/show.txt"; then fail "redacted and H2 values must not arrive"; fi
if "$K" --db "$FDB" search "Testsurvivor" --ids | grep -q .; then fail "the survivor must not arrive without consent"; fi

# Resolution links the shared suspect to the FIA's own record (the FIA's store also holds a
# simulated case list, see above).
"$K" --db "$FDB" --json resolve > /dev/null
LOCAL=$("$K" --db "$FDB" --json search "Imran Test Suspect" | python3 -c '
import json,sys
print([h["id"] for h in json.load(sys.stdin) if h["dataset"] == "fia-cases"][0])')
"$K" --db "$FDB" explain "$LOCAL" "$SHARED" > "$T/explain.txt"
grep -q "currently in the same entity" "$T/explain.txt" || { cat "$T/explain.txt"; fail "resolution should link the shared suspect to the FIA's record"; }

# Bad input: each refused with its own code, nothing imported.
n=$(count "$FDB")
python3 - "$T/p1.kpkg" "$T/flipped.kpkg" <<'PY'
import sys
b = bytearray(open(sys.argv[1], "rb").read()); b[len(b) // 2] ^= 1; open(sys.argv[2], "wb").write(b)
PY
expect_fail 21 "signature does not verify" "$K" --db "$FDB" share import "$T/flipped.kpkg"
expect_fail 22 "not in the partner directory" env KASHF_PARTNERS="$T/none.yaml" "$K" --db "$FDB" share import "$T/p1.kpkg"
KASHF_AGENCY_KEY="$PK" KASHF_PARTNERS="$PP" "$K" --db "$PDB" share export --to sindh-police --purpose criminal-intelligence \
  --legal-basis x --policy "$POLICY" --search 35202-7654321-3 -o "$T/sindh.kpkg" > /dev/null
expect_fail 23 "addressed to sindh-police" "$K" --db "$FDB" share import "$T/sindh.kpkg"
KASHF_AGENCY_KEY="$PK" KASHF_PARTNERS="$PP" exp --expires-days 0 -o "$T/expired.kpkg" > /dev/null
expect_fail 24 "expired" "$K" --db "$FDB" share import "$T/expired.kpkg"
expect_fail 27 "more than the limit" "$K" --db "$FDB" share import "$T/p1.kpkg" --max-bytes 100
KASHF_AGENCY_KEY="$PK" KASHF_PARTNERS="$PP" "$K" --db "$PDB" share export --to fia-ahtc-lahore --purpose investigation \
  --legal-basis x --policy "$POLICY" --search 35202-7654321-3 --package-id "$PKG" -o "$T/replay.kpkg" > /dev/null
expect_fail 25 "imported before with other content" "$K" --db "$FDB" share import "$T/replay.kpkg"
printf 'not a package\n' > "$T/junk.kpkg"
expect_fail 20 "not a Kashf sharing package" "$K" --db "$FDB" share import "$T/junk.kpkg"
[ "$(count "$FDB")" = "$n" ] || fail "a refused package must import nothing"

# A removed partner: nothing of it is accepted any more.
cp "$FP" "$T/fp-removed.yaml"
"$K" agency remove-partner punjab-police --partners "$T/fp-removed.yaml" > /dev/null
expect_fail 22 "never added, or removed" env KASHF_PARTNERS="$T/fp-removed.yaml" "$K" --db "$FDB" share import "$T/p1.kpkg"

# Retraction: signed by the sender, withdraws the package's statements; the package is refused after.
KASHF_AGENCY_KEY="$PK" KASHF_PARTNERS="$PP" "$K" --db "$PDB" share retract "$PKG" --reason "sent in error" -o "$T/r.json" > /dev/null
sed 's/sent in error/sent on purpose/' "$T/r.json" > "$T/r-forged.json"
expect_fail 21 "does not verify" "$K" --db "$FDB" share import "$T/r-forged.json"
"$K" --db "$FDB" share import "$T/r.json" | grep -q "statements withdrawn" || fail "the retraction should withdraw"
[ "$(count "$FDB")" = "$before" ] || fail "after the retraction only the FIA's own statements remain"
"$K" --db "$FDB" --json show "$SHARED" > /dev/null 2>&1 && fail "the retracted entity should be gone"
expect_fail 26 "retracted package" "$K" --db "$FDB" share import "$T/p1.kpkg"
"$K" --db "$FDB" share list | grep -q "in .*$PKG *punjab-police *retracted" || fail "list should show the retraction"
"$K" --db "$PDB" share list | grep -q "out .*$PKG *fia-ahtc-lahore *sent" || fail "the sender lists what it sent"

# Consent: with the survivor's consent for this recipient and purpose recorded in her case, her
# identity goes; consent for another purpose does not let it go.
export KASHF_AGENCY=nrm-secretariat USER=tester
"$K" --db "$PDB" case keygen --key-file "$T/victim.key" > /dev/null
"$K" --db "$PDB" case simulate --count 1 --seed 5 --key-file "$T/victim.key" > /dev/null
CASE=$("$K" --db "$PDB" --json case list --all-agencies | python3 -c 'import json,sys; print(json.load(sys.stdin)[0])')
CASE_AGENCY=$("$K" --db "$PDB" --json case show "$CASE" --all-agencies | python3 -c 'import json,sys; print(json.load(sys.stdin)["agency"])')
SURVIVOR=$("$K" --db "$PDB" search Testsurvivor --ids --limit 1)
"$K" --db "$PDB" case consent "$CASE" share:fia-ahtc-lahore:criminal-intelligence --granted --all-agencies > /dev/null
KASHF_AGENCY_KEY="$PK" KASHF_PARTNERS="$PP" exp --victim-case "$SURVIVOR=$CASE" --agency "$CASE_AGENCY" -o "$T/p2.kpkg" |
  grep -q "3 of recorded victims without consent" || fail "consent for another purpose must not release her"
"$K" --db "$PDB" case consent "$CASE" share:fia-ahtc-lahore:investigation --granted --all-agencies > /dev/null
KASHF_AGENCY_KEY="$PK" KASHF_PARTNERS="$PP" exp --victim-case "$SURVIVOR=$CASE" --agency "$CASE_AGENCY" -o "$T/p3.kpkg" |
  grep -q "0 of recorded victims without consent" || fail "with consent for this recipient and purpose she is shared"
"$K" --db "$FDB" share import "$T/p3.kpkg" > /dev/null
"$K" --db "$FDB" search "Testsurvivor" --ids | grep -q . || fail "the consented survivor should arrive"

# Both sides audit every export, import, refusal and retraction.
"$K" --db "$PDB" audit list > "$T/paudit.txt"
for a in share.export share.retract; do grep -q "$a" "$T/paudit.txt" || fail "the police should audit $a"; done
"$K" --db "$FDB" audit list > "$T/faudit.txt"
for a in share.import share.refused share.retraction; do grep -q "$a" "$T/faudit.txt" || fail "the FIA should audit $a"; done
if grep -q "Testsurvivor\|Testsuspect" "$T/faudit.txt" "$T/paudit.txt"; then fail "the audit must not carry names"; fi
echo "share packages: ok"
