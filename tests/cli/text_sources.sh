#!/usr/bin/env bash
# Text as a source through the CLI (issue 19): an FIR register whose narrative is a text column, ad
# snapshots as JSON lines (a malformed line and a Latin-1 line rejected at their lines, the rest
# loaded), a WhatsApp export; the phone spelt out in an ad links the ad to the Phone, resolution
# joins that Phone to the accused who holds the number, so the ad is one hop from him in the
# network; `kashf show` sets the selectors of an ad in brackets and gives byte spans in --json;
# importing the same files again adds nothing.
set -euo pipefail
K="$1"; SRC="$2"
T=${KEEP_T:-$(mktemp -d)}; [ -n "${KEEP_T:-}" ] || trap 'rm -rf "$T"' EXIT
DB="$T/k.db"
fail() { echo "FAIL: $*" >&2; exit 1; }
"$K" --db "$DB" init >/dev/null

cat > "$T/fir.csv" <<'CSV'
fir_no,date,accused_name,accused_cnic,accused_phone,narrative
FIR-12/2024,2024-03-02,Bilal Ahmed,35202-7654321-3,0300-5551234,"Complainant stated that the accused asked for Rs 50000 on easypaisa 0345 5550777 for a visa to Dubai."
CSV
"$K" --db "$DB" -q ingest -m "$SRC/mappings/text/fir-narratives.yaml" "$T/fir.csv" >/dev/null

printf '%s\n' \
  '{"ad_id": "A1", "platform": "olx", "title": "Kalakov for sale", "body": "asli maal, 2 lakh, rabta zero three zero zero five five five one two three four", "price": "200000", "posted": "2024-03-12", "place": "Kohat", "contact": "", "url": "https://olx.com.pk/item/1"}' \
  '{"ad_id": "A2", "body": "never closed' \
  '{"ad_id": "A3", "platform": "fb", "title": "Jobs in Dubai", "body": "Visa + ticket, contact \u200f0345\u200b5550777, insta: dubai.jobs.pk"}' > "$T/ads.jsonl"
printf '{"ad_id": "A4", "platform": "fb", "body": "caf\xe9"}\n' >> "$T/ads.jsonl"
"$K" --db "$DB" --json ingest -m "$SRC/mappings/text/ads.yaml" "$T/ads.jsonl" > "$T/ads.json" || true
python3 - "$T/ads.json" <<'PY' || fail "ads: two loaded, lines 2 and 4 rejected"
import json, sys
r = json.load(open(sys.argv[1]))[0]
assert r["rows_loaded"] == 2, r
assert [x["line"] for x in r["rejects"]] == [2, 4], r["rejects"]
PY

cat > "$T/chat.txt" <<'CHAT'
12/03/2024, 14:05 - Messages and calls are end-to-end encrypted.
12/03/2024, 14:06 - Recruiter: Dubai job pakki hai
fee 2 lakh, easypaisa 0345-5550777
12/03/2024, 14:07 - Recruiter: IMG-20240312-WA0007.jpg (file attached)
CHAT
"$K" --db "$DB" -q ingest -m "$SRC/mappings/text/chat.yaml" "$T/chat.txt" >/dev/null

# Re-import: nothing new.
for f in "ads.yaml ads.jsonl" "chat.yaml chat.txt" "fir-narratives.yaml fir.csv"; do
  set -- $f
  "$K" --db "$DB" --json ingest -m "$SRC/mappings/text/$1" "$T/$2" > "$T/again.json" || true
  [ "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[0]["statements_new"])' "$T/again.json")" = 0 ] \
    || fail "re-importing $2 must add nothing"
done

# The ad in text, selectors in brackets; in JSON, spans that cut the stored text at the number.
# The Phone the ad spells out is found by its number, however written, and names the ad.
PHONE=$("$K" --db "$DB" --json search "0300 555 1234" --schema Phone \
  | python3 -c 'import json,sys; print([h["id"] for h in json.load(sys.stdin) if h["dataset"]=="online-ads"][0])') \
  || fail "the ad's phone is found by its number"
AD=$("$K" --db "$DB" --json show "$PHONE" | python3 -c 'import json,sys; print(json.load(sys.stdin)["named_in"][0]["document"])') \
  || fail "the phone lists the ad that names it"
"$K" --db "$DB" show "$AD" > "$T/show.txt"
grep -q 'rabta \[zero three zero zero five five five one two three four\]' "$T/show.txt" \
  || { cat "$T/show.txt"; fail "show sets the selector in brackets"; }
grep -q 'phone .*+923005551234' "$T/show.txt" || { cat "$T/show.txt"; fail "show lists the phone"; }
"$K" --db "$DB" --json show "$AD" > "$T/show.json"
python3 - "$T/show.json" <<'PY' || fail "show --json spans"
import json, sys
e = json.load(open(sys.argv[1]))
body = [t for t in e["text"] if t["prop"] == "bodyText"][0]
m = body["mentions"][0]
assert m["kind"] == "phone" and m["value"] == "+923005551234", m
assert body["text"].encode()[m["begin"]:m["end"]].decode() == "zero three zero zero five five five one two three four"
assert m["record"].endswith("ads.jsonl:1"), m
PY

# Resolution joins the ad's Phone to the accused holding the number: the ad is one hop from him.
"$K" --db "$DB" -q resolve >/dev/null
"$K" --db "$DB" --json network ego "Bilal Ahmed" --radius 1 > "$T/ego.json"
python3 - "$T/ego.json" <<'PY' || fail "the ad mentioning his phone is one hop from the accused"
import json, sys
e = json.load(open(sys.argv[1]))
cap = {n["node"]: n["caption"] for n in e["nodes"]}
near = {cap[x["to"]] for x in e["edges"]} | {cap[x["from"]] for x in e["edges"]}
assert "Kalakov for sale" in near, (near, e["edges"])
PY

# The API gives the same: the ad's text with the phone's span, and the phone's page the ad naming it.
"$K" --db "$DB" user demo --out "$T/logins.json" > /dev/null
"$K" --db "$DB" serve --port 0 --max-seconds 60 > "$T/server.out" 2> "$T/server.err" &
SERVER=$!
for _ in $(seq 1 100); do grep -q "is serving" "$T/server.out" 2>/dev/null && break; sleep 0.1; done
URL=$(sed -n 's/^Kashf is serving .* at \(http:[^ ]*\)$/\1/p' "$T/server.out")
PW=$(python3 -c 'import json,sys; print([u["password"] for u in json.load(open(sys.argv[1])) if u["username"]=="demo-analyst"][0])' "$T/logins.json")
TOKEN=$(curl -s -X POST "$URL/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d "{\"username\":\"demo-analyst\",\"password\":\"$PW\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
curl -s -H "Authorization: Bearer $TOKEN" "$URL/api/v1/entities/$AD" > "$T/api-ad.json"
curl -s -H "Authorization: Bearer $TOKEN" "$URL/api/v1/entities/$PHONE" > "$T/api-phone.json"
kill "$SERVER" 2>/dev/null; wait "$SERVER" 2>/dev/null || true
python3 - "$T/api-ad.json" "$T/api-phone.json" "$T/show.json" "$AD" <<'PY' || fail "the entity API carries the texts and their spans"
import json, sys
ad, phone, shown = (json.load(open(p)) for p in sys.argv[1:4])
ad_id = sys.argv[4]
assert ad["text"] == shown["text"], (ad["text"], shown["text"])
body = [t for t in ad["text"] if t["prop"] == "bodyText"][0]
m = body["mentions"][0]
assert body["text"].encode()[m["begin"]:m["end"]].decode() == "zero three zero zero five five five one two three four"
assert ad_id in {n["document"] for n in phone["named_in"]}, phone["named_in"]
PY
echo "ok"
