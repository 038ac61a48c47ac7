#!/usr/bin/env bash
# The demo behind `make demo`: generate the synthetic multi-agency data set, ingest it, resolve
# entities, analyse, and print what an analyst would look at first.
# Usage: scripts/demo.sh <kashf binary> <demo folder>
# Everything here is synthetic (kashf simulate); no real person appears.
set -euo pipefail
K="$(realpath "$1")"
DEMO="$2"
SRC="$(cd "$(dirname "$0")/.." && pwd)"
mkdir -p "$DEMO"
DEMO="$(realpath "$DEMO")"
DB="$DEMO/kashf.db"
DATA="$DEMO/data-set"
KEY="$DEMO/victim.key"   # the victim-identity key lives outside the database
LOG="$DEMO/logs"
# A fresh demo store each run; its identity key goes with it (Kashf never overwrites a key, and a
# key without the data it sealed is of no use).
rm -rf "$DATA" "$LOG" "$DB" "$DB-wal" "$DB-shm" "$DEMO/exports" "$KEY"
mkdir -p "$LOG" "$DEMO/exports"
k() { "$K" --db "$DB" "$@"; }
section() { printf '\n== %s ==\n' "$*"; }

section "1. Synthetic data set (seven agencies' files, ground truth beside it)"
"$K" simulate --out "$DATA" --records 20000 --seed 42

section "2. Ingest"
k init
for ds in punjab-police-fir fia-ahtc-cases sindh-police-register customs-seizures transactions call-records surveillance-meetings; do
  k -q ingest -m "$DATA/mappings/$ds.yaml" "$DATA"/data/"$ds".* > "$LOG/ingest-$ds.txt" 2>&1 || {
    cat "$LOG/ingest-$ds.txt"; exit 1; }
done
k stats
section "   Re-importing a file changes nothing (idempotent import)"
k ingest -m "$DATA/mappings/transactions.yaml" "$DATA/data/transactions.csv" > "$LOG/reimport.txt" 2>&1
grep -E "new statements" "$LOG/reimport.txt"

section "3. Entity resolution (one person across every agency)"
k resolve
k evaluate --truth "$DATA/truth/records.csv" --schema Person

section "4. Network intelligence: who organises, who brokers, where the money goes"
k network stats
k network top --role organiser --limit 3
k network top --role broker --limit 3
section "   Scored against the generator's ground truth (true organisers and brokers)"
k network evaluate --truth "$DATA/truth"
TOP="$(k --json network top --role organiser --limit 1 | python3 -c 'import json, sys; print(json.load(sys.stdin)["top"][0]["id"])')"
section "   Where the top organiser's money came from (3 hops, 30-day window, amounts within 50%)"
k network trail "$TOP" --backward --hops 3 --days 30 --limit 3

section "5. Firearms register: a seized weapon with an obliterated serial, traced to its diversion point"
k firearm simulate --count 20000 --seed 42
FOUND=$(k firearm list --state seized --obliterated --traced --limit 1 --ids)
k firearm trace show "$FOUND"
section "   A seized weapon whose own record shows the diversion (licensed -> seized)"
k firearm trace show "$(k firearm list --state seized --diverted --limit 1 --ids)"
section "   An invalid lifecycle event is refused and changes nothing"
if k firearm event "$FOUND" licence_transfer --date 2025-01-01 --licence LIC-DEMO --holder Buyer; then
  echo "error: a seized weapon must not be sold"; exit 1; fi
echo "   (refused, as it must be: the register is unchanged)"
section "   Seizure statistics (UNODC IAFQ shape, SDG 16.4.2) and collection campaigns"
k firearm stats --csv "$DEMO/exports/iafq-seizures.csv" --xlsx "$DEMO/exports/iafq-seizures.xlsx" > "$LOG/firearm-stats.txt"
sed -n 1p "$LOG/firearm-stats.txt"
k firearm campaigns --csv "$DEMO/exports/campaigns.csv" > "$LOG/firearm-campaigns.txt"
grep -v '^  ' "$LOG/firearm-campaigns.txt"

section "6. Survivors' cases (NRM): identities encrypted with a key kept outside the database"
export KASHF_AGENCY=nrm-secretariat USER="${USER:-demo}"
k case keygen --key-file "$KEY"
k case simulate --count 500 --seed 42 --key-file "$KEY" --all-agencies
k case show case-000001 --all-agencies
if k case transition case-000001 identification --all-agencies --date 2026-01-01; then
  echo "error: a case must not go back to identification"; exit 1; fi
echo "   (refused, as it must be)"
k case overdue --all-agencies --today 2026-06-30 > "$LOG/case-overdue.txt"; tail -n 1 "$LOG/case-overdue.txt"
k export ctdc policy  # the deployment's k (administrator's setting), fixed once a table is out
# Detailed tables first: each is audited (an LP over every table released before) before it is published.
echo "   Each suppressed export ends with the disclosure audit's verdict: the released tables and data"
echo "   versions checked together and the kind of bounds (docs/privacy.md); never a count of cells."
k export ctdc --all-agencies --by gender,ageBroad,typeOfExploit --out "$DEMO/exports/ctdc-k11.csv"
k export ctdc --all-agencies --by citizenship,route --out "$DEMO/exports/ctdc-route-k11.csv"
k stats victims --all-agencies --by gender,ageBroad --by citizenship --by route
k export ctdc --all-agencies --by gender,typeOfExploit --dp laplace --epsilon 1 --out "$DEMO/exports/ctdc-dp.csv"
k export ctdc budget
section "   The cases in HTCDS v2 shape for a partner (identities sealed: the demo key is not passed)"
k case export --format htcds-json --all-agencies --out "$DEMO/exports/cases-htcds.json"
k case export --format htcds-xlsx --all-agencies --out "$DEMO/exports/cases-htcds.xlsx"
echo "   With --with-identities --key-file \"$KEY\" the names, contact, vulnerability details, event"
echo "   coordinates and comments travel too; every export is in the audit log (export.htcds)."
k audit verify

section "6b. Legislative gap analysis: federal and provincial law against the UN Protocols (ILLUSTRATIVE)"
echo "   The assessment below is illustrative, to be verified against the law's text (data/reference/legal/)."
LEGAL="$SRC/data/reference/legal/illustrative"
k gaps import "$LEGAL/pk-illustrative-2025.csv" --user demo-assessor --agency unodc-country-office
k gaps import "$LEGAL/pk-illustrative-2026.csv" --user demo-assessor --agency unodc-country-office
k gaps review FP-08a pk-sd --version 2 --user demo-reviewer --agency ministry-of-interior
k gaps comment TIP-06c pk --text "Shelters exist in few districts; services depend on NGO funding." \
  --user demo-cso --agency community-monitors-gujrat
section "   What changed since last year's assessment"
k gaps diff --from 2025-12-31
section "   Top gaps with their operational evidence (register, traces, NRM cases)"
k gaps report --top 6 --on 2026-06-30 --html "$DEMO/exports/gap-report.html" --json-out "$DEMO/exports/gap-report.json" \
  --xlsx "$DEMO/exports/gap-report.xlsx"

section "7. Early warning: an emerging threat injected, detected and explained (docs/early-warning.md)"
k -q simulate --out "$DEMO/threats" --outbreaks-only --outbreak-districts 12 --outbreak-categories 4 \
  --outbreak-years 4 --outbreak-threats 3 --seed 42
THREAT_START=$(awk -F, '$2=="new_route"{print $5; exit}' "$DEMO/threats/early-warning/truth.csv")
echo "   ground truth: a new route (a calibre never seen in a district) starts the week of $THREAT_START"
k alerts run --events "$DEMO/threats/early-warning/events.csv" --today "$(date -u -d "$THREAT_START + 6 days" +%F)" \
  2> "$LOG/alerts-notes.txt"
k alerts list --state open --limit 5 > "$LOG/alerts.txt"
grep -q "first seizure with calibre" "$LOG/alerts.txt" || { echo "error: the injected threat raised no alert"; exit 1; }

section "8. The analyst workbench over HTTP"
( cd "$SRC/web" && { [ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error; } && npm run --silent build ) > "$LOG/web-build.txt" 2>&1 || {
  cat "$LOG/web-build.txt"; exit 1; }
k user demo --out "$DEMO/logins.json" > "$LOG/logins.txt"
cat "$LOG/logins.txt"
PORT="${PORT:-8080}"
printf '\nOpen http://127.0.0.1:%s/ and log in with one of the logins above (also in %s).\n' "$PORT" "$DEMO/logins.json"
printf 'Every role sees only what it may; Ctrl-C stops the server.\n'
k serve --port "$PORT" --static "$SRC/web/dist" --key-file "$KEY" --no-access-log ${SERVE_SECONDS:+--max-seconds "$SERVE_SECONDS"}
