#!/usr/bin/env bash
# Sharing foundations end to end (docs/sharing.md, issue 16 points 1-2): `kashf agency init` writes
# the agency's keys outside the database (0600, never overwritten) and a public card; two agencies
# exchange cards and add each other after comparing fingerprints; bad cards and hand-edited
# partner files (a bad key, a duplicate agency id, a fingerprint that does not match) are refused
# with clear messages and exit code 2; removing a partner. Then grading: `kashf ingest --handling`
# and a mapping's grading: column are stored with each value, shown by `kashf show` (text and
# JSON), a bad code is refused before anything is written, and re-importing adds nothing.
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
mkdir -p "$T/police" "$T/fia"
PK="$T/police/agency.key"; FK="$T/fia/agency.key"

# Identity: keys outside the database, a public card beside them, never overwritten.
"$K" agency init --id punjab-police --name "Punjab Police" --country pk --key-file "$PK" > "$T/init.txt"
[ "$(stat -c %a "$PK")" = 600 ] || fail "the agency key must be mode 0600"
grep -q '"sign_public"' "$PK.pub" || fail "init writes the public card KEY.pub"
if grep -q secret "$PK.pub"; then fail "the card must not carry a secret"; fi
expect_fail 2 "never overwrites" "$K" agency init --id x --name X --country PK --key-file "$PK"
expect_fail 2 "agency id 'bad id'" "$K" agency init --id "bad id" --name X --country PK --key-file "$T/x.key"
expect_fail 2 "country 'QQ'" "$K" agency init --id x --name X --country QQ --key-file "$T/y.key"
KASHF_AGENCY_KEY="$FK" "$K" agency init --id fia-ahtc-lahore --name "FIA AHTC Lahore" --country PK > /dev/null
PFP=$("$K" --json agency show --key-file "$PK" | python3 -c 'import json,sys; print(json.load(sys.stdin)["fingerprint"])')
[[ "$PFP" =~ ^([0-9A-F]{4}\ ){9}[0-9A-F]{4}$ ]] || fail "fingerprint '$PFP' should be ten groups of four hex digits"
grep -q "$PFP" "$T/init.txt" || fail "init should print the fingerprint to read out"
FFP=$(KASHF_AGENCY_KEY="$FK" "$K" --json agency show | python3 -c 'import json,sys; print(json.load(sys.stdin)["fingerprint"])')
expect_fail 2 "KASHF_AGENCY_KEY" env -u KASHF_AGENCY_KEY "$K" agency show
expect_fail 2 ".pub card" "$K" agency show --key-file "$PK.pub"

# Each adds the other after comparing fingerprints out of band (any spacing or case).
PP="$T/police/partners.yaml"; FP="$T/fia/partners.yaml"
"$K" agency add-partner "$FK.pub" --fingerprint "$FFP" --partners "$PP" > /dev/null
KASHF_PARTNERS="$FP" "$K" agency add-partner "$PK.pub" --fingerprint "$(echo "$PFP" | tr 'A-F' 'a-f' | tr -d ' ')" > /dev/null
"$K" agency partners --partners "$PP" | grep -q "fia-ahtc-lahore  FIA AHTC Lahore (PK)" || fail "partners should list the FIA"
[ "$("$K" --json agency partners --partners "$FP" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["fingerprint"])')" = "$PFP" ] ||
  fail "the FIA's directory should hold the police's fingerprint"

# Bad inputs: a wrong fingerprint (a swapped card), a duplicate, a card with a bad key, hand edits.
expect_fail 2 "does not match" "$K" agency add-partner "$PK.pub" --fingerprint "$FFP" --partners "$T/other.yaml"
[ ! -e "$T/other.yaml" ] || fail "a refused partner must not create the directory"
expect_fail 2 "already a partner" "$K" agency add-partner "$FK.pub" --fingerprint "$FFP" --partners "$PP"
sed 's/"encrypt_public": "\(..\)/"encrypt_public": "zz/' "$FK.pub" > "$T/badkey.pub"
expect_fail 2 "encrypt_public must be 64 hex digits" "$K" agency add-partner "$T/badkey.pub" --fingerprint "$FFP" --partners "$PP"
cp "$PP" "$T/edited.yaml"
python3 - "$T/edited.yaml" <<'PY'
import sys, re
p = sys.argv[1]; s = open(p).read()
k = re.search(r"sign_public: ([0-9a-f]{64})", s).group(1)
flipped = k[:20] + ("1" if k[20] != "1" else "2") + k[21:]
open(p, "w").write(s.replace(k, flipped))
PY
expect_fail 2 "entry 1" "$K" agency partners --partners "$T/edited.yaml"
{ cat "$PP"; sed -n '/^  - agency_id/,$p' "$PP"; } > "$T/dup.yaml"
expect_fail 2 "listed twice" "$K" agency partners --partners "$T/dup.yaml"
sed "s/^\(    fingerprint: \).*/\1$PFP/" "$PP" > "$T/wrongfp.yaml"
expect_fail 2 "fingerprint does not match" "$K" agency partners --partners "$T/wrongfp.yaml"

# Removing a partner.
"$K" agency remove-partner fia-ahtc-lahore --partners "$PP" > /dev/null
"$K" agency partners --partners "$PP" | grep -q "no partner agencies" || fail "the FIA should be gone"
expect_fail 3 "not in the partner directory" "$K" agency remove-partner fia-ahtc-lahore --partners "$PP"

# Grading: set at import (command line and a mapping column), stored, shown; bad codes refused.
DB="$T/k.db"
"$K" --db "$DB" init > /dev/null
cat > "$T/fir.yaml" <<'YAML'
dataset: fir
record_id: [id]
grading:
  source: B
  information: {column: info, default: "4"}
  handling: {column: hc}
entities:
  person:
    schema: Person
    keys: [id]
    properties:
      name: name
YAML
printf 'id,name,info,hc\n1,Test Person One,2,H1\n2,Test Person Two,,h0\n3,Test Person Three,1,H9\n' > "$T/fir.csv"
"$K" --db "$DB" ingest -m "$T/fir.yaml" "$T/fir.csv" > "$T/ingest.txt"
grep -q "2 loaded, 1 rejected" "$T/ingest.txt" || { cat "$T/ingest.txt"; fail "the row with H9 should be rejected"; }
grep -q "not a handling code" "$T/ingest.txt" || fail "the reject should say the handling code is unknown"
ID1=$("$K" --db "$DB" search "test person one" --ids --limit 1)
"$K" --db "$DB" show "$ID1" | grep -q "Test Person One  *B2 H1" || { "$K" --db "$DB" show "$ID1"; fail "show should print B2 H1 beside the name"; }
ID2=$("$K" --db "$DB" search "test person two" --ids --limit 1)
[ "$("$K" --db "$DB" --json show "$ID2" | python3 -c 'import json,sys; g=json.load(sys.stdin)["statements"][0]["grading"]; print(g["source"]+g["information"]+g["handling"])')" = B4H0 ] ||
  fail "show --json should carry the grading (the column's default and the canonical code)"
"$K" --db "$DB" ingest -m "$T/fir.yaml" "$T/fir.csv" --source-eval X | grep -q "0 new statements" || fail "re-import must add nothing"
"$K" --db "$DB" show "$ID1" | grep -q "B2 H1" || fail "re-import (graded X) must keep the first grading"
before=$("$K" --db "$DB" --json stats | python3 -c 'import json,sys; print(json.load(sys.stdin)["statements"])')
expect_fail 2 "H0, H1, H2, H3" "$K" --db "$DB" ingest -m "$T/fir.yaml" "$T/fir.csv" --handling H7
after=$("$K" --db "$DB" --json stats | python3 -c 'import json,sys; print(json.load(sys.stdin)["statements"])')
[ "$before" = "$after" ] || fail "a refused import must write nothing"
echo "agency identity, partners and grading: ok"
