#!/usr/bin/env bash
# Leads from text through the CLI: selectors of a mixed Urdu / Roman Urdu / English ad with byte
# spans (text and JSON), the same from a file with provenance, a WhatsApp export split into messages
# with each message's selectors and per-line problems, the labelled-set evaluation, and the errors
# a user sees for a missing file or no text.
set -euo pipefail
K="$1"; SRC="$2"
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

# --- One ad as arguments ------------------------------------------------------------------------
"$K" text extract 'Glock 9mm, rabta' 'zero three zero zero five five five one two three four' 'Lahore, 2 lakh' > "$T/out"
grep -q '^phone .*+923005551234' "$T/out" || { cat "$T/out"; fail "the spelt-out phone should be found"; }
grep -q '^firearm .*type=pistol make=Glock calibre=9mm' "$T/out" || { cat "$T/out"; fail "the Glock should be found"; }
grep -q '^money .*PKR 200000' "$T/out" || { cat "$T/out"; fail "2 lakh should be PKR 200000"; }

# --- A file with Urdu digits and a zero-width space; JSON spans are bytes of the file -----------
printf 'کلاشنکوف برائے فروخت، رابطہ ۰۳۳۳\xe2\x80\x8b۵۵۵۰۴۴۱ کوہاٹ\n' > "$T/ad.txt"
"$K" --json text extract --file "$T/ad.txt" --dataset monitors --record ad-17 > "$T/ad.json"
[ "$(json 'd["source"]["record"]' < "$T/ad.json")" = "ad-17" ] || fail "the record id is the provenance"
PHONE=$(json '[s for s in d["selectors"] if s["kind"]=="phone"][0]' < "$T/ad.json")
python3 - "$T/ad.txt" "$T/ad.json" <<'PY' || fail "phone span must cut the file's bytes at the number"
import json, sys
data = open(sys.argv[1], 'rb').read()
sel = [s for s in json.load(open(sys.argv[2]))["selectors"] if s["kind"] == "phone"][0]
assert sel["value"] == "+923335550441", sel
assert data[sel["begin"]:sel["end"]].decode() == "۰۳۳۳\u200b۵۵۵۰۴۴۱", data[sel["begin"]:sel["end"]]
assert sel["schema"] == "Phone" and sel["property"] == "number"
PY
grep -q '"Kohat"' "$T/ad.json" || fail "the place should be found: $PHONE"

# --- A chat export --------------------------------------------------------------------------------
cat > "$T/chat.txt" <<'CHAT'
12/03/2024, 14:05 - Messages and calls are end-to-end encrypted.
12/03/2024, 14:06 - Recruiter Bilal: Dubai job pakki hai
fee 2 lakh, easypaisa 0345-5550777
12/03/2024, 14:07 - Bilal 2: IMG-20240312-WA0007.jpg (file attached)
31/02/2024, 10:00 - Ali: impossible date
CHAT
"$K" --json text chat "$T/chat.txt" > "$T/chat.json"
[ "$(json 'len(d["messages"])' < "$T/chat.json")" = 3 ] || fail "three messages expected"
[ "$(json 'd["messages"][1]["record"]' < "$T/chat.json")" = "$T/chat.txt:2" ] || fail "record is file:line"
[ "$(json '[s["value"] for s in d["messages"][1]["selectors"] if s["kind"]=="wallet"][0]' < "$T/chat.json")" = "+923455550777" ] \
  || fail "the wallet in the continuation line belongs to message 2"
[ "$(json 'd["messages"][2]["attachments"][0]' < "$T/chat.json")" = "IMG-20240312-WA0007.jpg" ] || fail "attachment"
[ "$(json 'd["problems"][0]["line"]' < "$T/chat.json")" = 5 ] || fail "the impossible date is reported on line 5"

# --- Evaluation -----------------------------------------------------------------------------------
"$K" text evaluate > "$T/eval"
grep -q '^phone ' "$T/eval" || { cat "$T/eval"; fail "evaluate prints a row per kind"; }
[ "$("$K" --json text evaluate | json 'd["texts"] >= 60')" = True ] || fail "the labelled set has 60+ texts"

# --- Errors a user sees --------------------------------------------------------------------------
set +e
"$K" text extract --file "$T/none.txt" 2> "$T/err"; rc=$?
set -e
[ "$rc" = 3 ] || fail "a missing file exits 3 (not found), got $rc"
grep -q "cannot read" "$T/err" || fail "the error names the file"
set +e
"$K" text extract 2> "$T/err"; rc=$?
set -e
[ "$rc" != 0 ] || fail "no text is an error"
echo "text end to end: ok"
