# Shared by tests/cli scripts that need a resolved store of simulated agency data (sourced, not a test):
# a temporary folder $T (removed on exit) with the store $DB, fail(), and simulated_store RECORDS SEED
# [SIMULATE OPTIONS...], which simulates into $T/sim, ingests the seven agencies' files into $DB and resolves. Expects K (the
# kashf binary) to be set.
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
DB="$T/k.db"
fail() { echo "FAIL: $*" >&2; exit 1; }

simulated_store() {
  local records="$1" seed="$2"
  shift 2
  "$K" simulate --out "$T/sim" --records "$records" --seed "$seed" "$@" >/dev/null
  "$K" --db "$DB" init >/dev/null
  for ds in punjab-police-fir fia-ahtc-cases sindh-police-register customs-seizures transactions call-records surveillance-meetings; do
    "$K" --db "$DB" -q ingest -m "$T/sim/mappings/$ds.yaml" "$T/sim/data/$ds".* >/dev/null
  done
  "$K" --db "$DB" -q resolve >/dev/null
}
