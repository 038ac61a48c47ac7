#!/usr/bin/env bash
# The firearms register through the CLI: register a pistol, record its lifecycle (import, licence,
# theft, seizure, destruction), see an invalid transition refused with its message and exit code,
# record a found weapon with an obliterated serial, search it with wildcards, trace it (ITI
# request, answer, chain of custody, diversion point, register candidates), export the seizure
# statistics (CSV compared byte for byte, XLSX) and campaign counts; then a simulated register
# whose statistics must equal the library's golden files, and the demo's trace of a seized weapon.
set -euo pipefail
K="$1"; SRC="$2"
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
DB="$T/k.db"
fail() { echo "FAIL: $*" >&2; exit 1; }
k() { "$K" --db "$DB" "$@"; }
# expect_fail CODE TEXT CMD...: the command must exit with CODE and print TEXT on stderr.
expect_fail() {
  local code="$1" text="$2"; shift 2
  set +e; "$K" --db "$DB" "$@" > "$T/out" 2> "$T/err"; local rc=$?; set -e
  [ "$rc" = "$code" ] || { cat "$T/err"; fail "'$*' exited $rc, expected $code"; }
  grep -qF -- "$text" "$T/err" || { cat "$T/err"; fail "'$*' should say: $text"; }
}
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

# --- A registered pistol, licensed and then stolen ---------------------------------------------
expect_fail 3 "firearm simulate" firearm show 1   # no store yet: the error says how to make one
ID=$(k --json firearm add --serial AB-12345 --type pistol --make Glock --model 17 --calibre 9mm --country at \
       --place Deutsch-Wagram | json 'd["id"]')
[ "$ID" = 1 ] || fail "first firearm id should be 1, got $ID"
k firearm event "$ID" import --date 2016-03-04 --agency 'Pakistan Customs' --licence IMP-2016-1 \
  --export-country at --import-country pk --final-recipient 'Licensed arms dealer' > /dev/null
k firearm event "$ID" licence_issue --date 2016-05-01 --agency 'Home Department Punjab' --licence LIC-LAH-77 \
  --holder 'Licensee 000077' --district Lahore > /dev/null
k firearm event "$ID" stolen --date 2019-01-01 --agency 'Punjab Police' --document FIR-2019-11 --district Lahore > /dev/null
# A seized rifle, destroyed (Art. 6.2), then "sold": refused with the certificate in the message.
DEST=$(k --json firearm add --serial KR-31107 --type rifle --make Norinco --calibre 7.62x39mm --country cn | json 'd["id"]')
k firearm event "$DEST" seized --date 2021-07-07 --agency FIA --context 'border crossing' --district Chaman \
  --document FIR-2021-42 > /dev/null
k firearm event "$DEST" destroyed --date 2024-03-01 --agency 'Provincial Arsenal' --document D-17 > "$T/out"
grep -q "state is now 'destroyed'" "$T/out" || fail "destruction should be recorded"
expect_fail 6 "firearm KR-31107 was destroyed on 2024-03-01 (D-17); 'licence_transfer' is not a valid next event from state 'destroyed' (allowed: none, the record is closed)" \
  firearm event "$DEST" licence_transfer --date 2024-05-01 --licence LIC-9 --holder Buyer --agency 'Home Department Punjab'
# Other refusals: a seizure without its context; an unknown kind; a bad date; an unknown type.
ID2=$(k --json firearm add --serial 'AB?23?5' --type pistol --make Glock --calibre 9mm | json 'd["id"]')
expect_fail 2 "a 'seized' event must record seizure_context" firearm event "$ID2" seized --date 2024-06-01 --agency FIA
expect_fail 2 "unknown event kind 'sold'" firearm event "$ID2" sold --date 2024-06-01
expect_fail 2 "not a date; write YYYY-MM-DD" firearm event "$ID2" seized --date 2024-02-30 --agency FIA --context raid
expect_fail 2 "unknown firearm type 'bazooka'" firearm add --serial X1 --type bazooka
STATE=$(k --json firearm show "$DEST" | json 'd["state"], len(d["events"]), d["licence_number"] or "-"')
[ "$STATE" = "destroyed 2 -" ] || fail "refused events must change nothing, got $STATE"
[ "$(k --json firearm show "$ID2" | json 'd["state"], len(d["events"])')" = "none 0" ] || fail "refused events on the found weapon"

# --- A found weapon with an obliterated serial ---------------------------------------------------
k firearm event "$ID2" seized --date 2024-06-01 --agency 'Sindh Police' --context 'stop and search' \
  --district 'Karachi South' --document FIR-2024-7 --note 'serial partly obliterated' > /dev/null
LIVE=$(k --json firearm add --serial AB02305 --type pistol --make Glock --calibre 9mm | json 'd["id"]')  # lawful look-alike
k firearm event "$LIVE" import --date 2018-01-01 --licence IMP-2018-2 --export-country at --import-country pk > /dev/null
k --json firearm search 'AB?23*' --make Glock > "$T/search.json"
python3 - "$T/search.json" "$ID" "$LIVE" <<'PY'
import json, sys
hits = json.load(open(sys.argv[1])); ids = [h["id"] for h in hits]
assert ids[:2] == [int(sys.argv[3]), int(sys.argv[2])], ids   # equal scores: serial order, AB02305 first
assert all("?" not in h["serial"] for h in hits), "found records with '?' are not candidates"
PY
k --json firearm search '*2345' --calibre 9mm | json '[h["serial"] for h in d]' | grep -q "AB-12345" || fail "'*2345' should find AB-12345"
k --json firearm search 'A8I2345' | json 'd[0]["serial"], d[0]["confusable_chars"]' | grep -qxF "AB-12345 2" \
  || fail "confusables B/8 and I/1 should still find AB-12345 as a near miss"
[ "$(k --json firearm search 'AB?23*' --make Beretta)" = "[]" ] || fail "--make must restrict the candidates"
expect_fail 2 "has the character '#'" firearm search 'AB#1'
[ "$(k firearm list --state stolen --ids)" = "$ID" ] || fail "list --state stolen"
k firearm list --state seized --obliterated --ids > "$T/out"
[ "$(cat "$T/out")" = "$ID2" ] || fail "list --state seized --obliterated should give the found weapon"

# --- Tracing (ITI para. 17) -----------------------------------------------------------------------
expect_fail 2 "the legal basis (--legal-basis)" firearm trace request "$ID2" --reason 'obliterated serial' \
  --intended-use prosecution --agency 'Sindh Police' --to 'INTERPOL iARMS' --date 2024-06-10
TR=$(k --json firearm trace request "$ID2" --reason 'seized in stop and search, serial obliterated' \
  --legal-basis 'Arms Ordinance 1965 s.13' --intended-use 'criminal investigation' --agency 'Sindh Police' \
  --to 'national point of contact' --date 2024-06-10 | json 'd["id"]')
[ "$TR" = "TR-2024-000001" ] || fail "trace request id, got $TR"
k firearm trace answer "$TR" --outcome origin_established --responder 'national point of contact' --date 2024-07-01 \
  --last-holder 'Licensee 000077' --diversion 'stolen 2019-01-01' > /dev/null
expect_fail 2 "trace outcome 'maybe' is unknown" firearm trace answer "$TR" --outcome maybe --responder x --date 2024-07-02
k firearm trace show "$ID2" > "$T/trace.txt"
# Both registered pistols fit AB?23?5 equally; the stolen one ranks before the lawful look-alike.
grep -A1 "^Register candidates" "$T/trace.txt" | grep -qF "firearm       $ID  AB-12345" || { cat "$T/trace.txt"; fail "stolen first"; }
for want in "No lawful record" "Register candidates for serial 'AB?23?5'" "firearm       $LIVE  AB02305" \
            "DIVERSION POINT of firearm $ID: left lawful control on 2019-01-01: licensed -> stolen (stolen); last lawful holder: Licensee 000077" \
            "Trace request TR-2024-000001 (answered)" "origin_established; last lawful holder Licensee 000077"; do
  grep -qF -- "$want" "$T/trace.txt" || { cat "$T/trace.txt"; fail "trace show should print: $want"; }
done
k firearm trace show "$ID" | grep -qF "DIVERSION POINT: left lawful control on 2019-01-01: licensed -> stolen" \
  || fail "the registered pistol's own chain should flag the theft"
k firearm trace show "$DEST" | grep -qF "No lawful record: the weapon first appears seized" || fail "a never-registered seizure"

# --- A voluntary surrender, statistics and campaigns ----------------------------------------------
CRAFT=$(k --json firearm add --serial '' --type craft_made --make 'Darra craft' --calibre '12 gauge' | json 'd["id"]')
k firearm event "$CRAFT" surrendered --date 2024-02-01 --agency 'KP Police' --campaign VSC-2024-KP --district Kohat > /dev/null
k firearm stats --csv "$T/stats.csv" --xlsx "$T/stats.xlsx" > "$T/out"
grep -qF "SDG 16.4.2: 1 of 3 seized, found or surrendered arms traced to their illicit origin (33.3 %)" "$T/out" \
  || { cat "$T/out"; fail "SDG 16.4.2 line"; }
cat > "$T/expected.csv" <<'CSV'
dimension,value,seized
type,pistol,1
type,rifle,1
calibre,7.62x39mm,1
calibre,9mm,1
bore_class,non-prohibited,1
bore_class,prohibited,1
country_of_manufacture,(not recorded),1
country_of_manufacture,cn,1
seizure_context,border crossing,1
seizure_context,stop and search,1
district,Chaman,1
district,Karachi South,1
month,2021-07,1
month,2024-06,1
summary,seizure_events,2
summary,seized_firearms,2
summary,surrendered_firearms,1
summary,seized_found_or_surrendered,3
summary,trace_requested,1
summary,origin_established_by_tracing,1
summary,sdg_16_4_2_share,0.3333
CSV
diff -u "$T/expected.csv" "$T/stats.csv" || fail "statistics CSV differs from the hand-computed table"
[ "$(head -c 2 "$T/stats.xlsx")" = "PK" ] || fail "the XLSX workbook should be a zip container"
k firearm stats --from 2024-01-01 --to 2024-12-31 --csv "$T/stats2024.csv" > /dev/null
grep -qx "summary,seizure_events,1" "$T/stats2024.csv" || fail "--from/--to should keep only the 2024 seizure"
k firearm campaigns --csv "$T/campaigns.csv" > /dev/null
printf 'campaign,dimension,value,surrendered\nVSC-2024-KP,total,all,1\nVSC-2024-KP,total,destroyed_since,0\nVSC-2024-KP,type,craft_made,1\nVSC-2024-KP,district,Kohat,1\n' \
  | diff -u - "$T/campaigns.csv" || fail "campaign counts"

# --- A simulated register: deterministic, equal to the library's golden files ---------------------
DB="$T/sim.db"
k firearm simulate --count 600 --seed 7 > "$T/out"
grep -q "^600 firearms" "$T/out" || { cat "$T/out"; fail "simulate should write 600 firearms"; }
k firearm stats --csv "$T/sim-stats.csv" > /dev/null
diff -u "$SRC/tests/golden/firearms/seizure-statistics-seed7-600.csv" "$T/sim-stats.csv" || fail "simulated statistics vs golden"
k firearm campaigns --csv "$T/sim-campaigns.csv" > /dev/null
diff -u "$SRC/tests/golden/firearms/campaigns-seed7-600.csv" "$T/sim-campaigns.csv" || fail "simulated campaigns vs golden"

# The demo's trace of a seized weapon: a found weapon with an obliterated serial whose origin was
# traced; its register match shows the diversion point.
FOUND=$(k firearm list --state seized --obliterated --traced --limit 1 --ids)
[ -n "$FOUND" ] || fail "the simulated register should hold a traced found weapon"
k firearm trace show "$FOUND" > "$T/demo-trace.txt"
grep -q "^Register candidates" "$T/demo-trace.txt" && grep -q "DIVERSION POINT of firearm" "$T/demo-trace.txt" \
  && grep -q "origin_established" "$T/demo-trace.txt" || { cat "$T/demo-trace.txt"; fail "demo trace"; }
DIVERTED=$(k firearm list --state seized --diverted --limit 1 --ids)
k firearm trace show "$DIVERTED" | grep -q "^DIVERSION POINT: left lawful control" || fail "a seized diverted weapon's own chain"
echo "firearms end to end: ok"
