// Ingest benchmark: the simulator's six agency files (FIR CSV, FIA JSON lines, Urdu-script XLSX,
// customs CSV, transactions CSV, call-records CSV; `kashf simulate`, generated once per size
// outside the timed region) loaded through their mappings into a fresh SQLite store.
// To show what bounds the full ingest, the same files are also read without storing:
//   Parse     - RowSource only (CSV splitter, simdjson, expat/libzip)
//   ParseMap  - plus RowMapper (validation, canonical values, entity ids, statements)
//   Ingest    - ImportFile: parse + map on a second thread, packed writes in one transaction per batch
//   Format/*  - Ingest of one file per format
// Counters: rows/s, statements/s (new statements stored), peak RSS. One size per process gives a
// clean peak-memory figure, e.g.
//   build/bench/kashf_bench_ingest --benchmark_filter='Ingest/1000000'
#include <benchmark/benchmark.h>

#include <filesystem>
#include <map>

#include "bench_util.h"
#include "kashf/core/testing.h"
#include "kashf/ingest/importer.h"
#include "kashf/ingest/row_mapper.h"
#include "kashf/sim/simulate.h"

namespace {

using namespace kashf;

const Model& TheModel() {
  static Model m = std::move(Model::LoadDefault()).value();
  return m;
}

struct SimFiles {
  std::string dir;
  std::vector<sim::DatasetSummary> datasets;
  std::vector<Mapping> mappings;
  int64_t rows = 0;
};

const SimFiles& Sim(int64_t records) {
  static std::map<int64_t, SimFiles> cache;
  auto it = cache.find(records);
  if (it != cache.end()) return it->second;
  SimFiles f;
  f.dir = testing::FreshTempDir("ingest-bench-" + std::to_string(records));
  sim::SimulationOptions o;
  o.records = records;
  o.out_dir = f.dir;
  auto summary = sim::Simulate(o);
  if (!summary.ok()) {
    std::fprintf(stderr, "simulate: %s\n", summary.status().ToString().c_str());
    std::exit(1);
  }
  f.datasets = summary->datasets;
  f.rows = summary->rows;
  for (const auto& d : f.datasets) f.mappings.push_back(std::move(LoadMapping(f.dir + "/" + d.mapping_file, TheModel())).value());
  return cache.emplace(records, std::move(f)).first->second;
}

void Counters(benchmark::State& state, int64_t rows, int64_t statements) {
  const double it = static_cast<double>(state.iterations());
  state.counters["rows_per_s"] = benchmark::Counter(static_cast<double>(rows) * it, benchmark::Counter::kIsRate);
  state.counters["rows"] = static_cast<double>(rows);
  if (statements >= 0) {
    state.counters["statements_per_s"] = benchmark::Counter(static_cast<double>(statements) * it, benchmark::Counter::kIsRate);
    state.counters["statements"] = static_cast<double>(statements);
  }
  state.counters["peak_rss_MiB"] = bench::PeakRssMiB();
}

SourceOptions OptionsFor(const Mapping& m, const std::string& file) {
  SourceOptions so;
  so.format = m.has_format ? m.format : std::move(FormatFromPath(file)).value();
  so.delimiter = m.delimiter;
  so.sheet = m.sheet;
  return so;
}

// Reads (and with `map`, maps) every row of every file; returns rows and statements.
std::pair<int64_t, int64_t> ReadAll(const SimFiles& f, bool map) {
  int64_t rows = 0, statements = 0;
  for (size_t i = 0; i < f.datasets.size(); ++i) {
    const std::string file = f.dir + "/" + f.datasets[i].data_file;
    auto src = std::move(OpenRowSource(file, OptionsFor(f.mappings[i], file), f.mappings[i].Columns())).value();
    RowMapper mapper(f.mappings[i], std::filesystem::path(file).filename().string(), 1);
    SourceRow row;
    MappedRow mapped;
    while (*src->Next(&row)) {
      ++rows;
      if (map) {
        mapper.Map(row, &mapped);
        statements += static_cast<int64_t>(mapped.statements.size());
      }
    }
  }
  return {rows, statements};
}

void BM_Parse(benchmark::State& state) {
  const SimFiles& f = Sim(state.range(0));
  int64_t rows = 0;
  for (auto _ : state) rows = ReadAll(f, false).first;
  Counters(state, rows, -1);
}

void BM_ParseMap(benchmark::State& state) {
  const SimFiles& f = Sim(state.range(0));
  std::pair<int64_t, int64_t> n;
  for (auto _ : state) n = ReadAll(f, true);
  Counters(state, n.first, n.second);
}

// Imports files [first, last) of the simulation into a fresh store; returns rows and new statements.
std::pair<int64_t, int64_t> Ingest(const SimFiles& f, size_t first, size_t last) {
  const std::string db = f.dir + "/bench.db";
  for (const char* ext : {"", "-wal", "-shm"}) std::filesystem::remove(db + ext);
  auto store = std::move(OpenSqliteStore(db, TheModel())).value();
  int64_t rows = 0, statements = 0;
  for (size_t i = first; i < last; ++i) {
    ImportOptions o;
    o.file = f.dir + "/" + f.datasets[i].data_file;
    o.import_time = 1;
    auto r = ImportFile(*store, f.mappings[i], o);
    if (!r.ok()) {
      std::fprintf(stderr, "ingest %s: %s\n", o.file.c_str(), r.status().ToString().c_str());
      std::exit(1);
    }
    rows += r->run.rows_read;
    statements += r->run.statements_new;
  }
  return {rows, statements};
}

void BM_Ingest(benchmark::State& state) {
  const SimFiles& f = Sim(state.range(0));
  std::pair<int64_t, int64_t> n;
  for (auto _ : state) n = Ingest(f, 0, f.datasets.size());
  Counters(state, n.first, n.second);
}

// One file: 0 = CSV (transactions), 1 = JSON lines (FIA), 2 = XLSX (Urdu register).
void BM_Format(benchmark::State& state) {
  const SimFiles& f = Sim(state.range(0));
  const std::string want = state.range(1) == 0 ? "transactions" : state.range(1) == 1 ? "fia-ahtc-cases" : "sindh-police-register";
  size_t i = 0;
  while (i < f.datasets.size() && f.datasets[i].dataset != want) ++i;
  if (i == f.datasets.size()) {
    state.SkipWithError(("no dataset " + want).c_str());
    return;
  }
  state.SetLabel(want);
  std::pair<int64_t, int64_t> n;
  for (auto _ : state) n = Ingest(f, i, i + 1);
  Counters(state, n.first, n.second);
}

BENCHMARK(BM_Parse)->Arg(100000)->Arg(1000000)->Iterations(1)->Unit(benchmark::kSecond)->UseRealTime()->MeasureProcessCPUTime();
BENCHMARK(BM_ParseMap)->Arg(100000)->Arg(1000000)->Iterations(1)->Unit(benchmark::kSecond)->UseRealTime()->MeasureProcessCPUTime();
BENCHMARK(BM_Ingest)->Arg(100000)->Arg(1000000)->Iterations(1)->Unit(benchmark::kSecond)->UseRealTime()->MeasureProcessCPUTime();
BENCHMARK(BM_Format)->ArgsProduct({{1000000}, {0, 1, 2}})->Iterations(1)->Unit(benchmark::kSecond)->UseRealTime()->MeasureProcessCPUTime();

}  // namespace

BENCHMARK_MAIN();
