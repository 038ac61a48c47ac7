# Shared by tests/cli scripts that need a resolved store of simulated agency data (sourced, not a test):
# simulated_store DIR DB RECORDS SEED simulates into DIR/sim, ingests the six agencies' files into DB
# and resolves. Expects K (the kashf binary) to be set.
simulated_store() {
  local dir="$1" db="$2" records="$3" seed="$4"
  "$K" simulate --out "$dir/sim" --records "$records" --seed "$seed" >/dev/null
  "$K" --db "$db" init >/dev/null
  for ds in punjab-police-fir fia-ahtc-cases sindh-police-register customs-seizures transactions call-records; do
    "$K" --db "$db" -q ingest -m "$dir/sim/mappings/$ds.yaml" "$dir/sim/data/$ds".* >/dev/null
  done
  "$K" --db "$db" -q resolve >/dev/null
}
