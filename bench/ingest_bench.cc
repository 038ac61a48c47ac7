// Ingest benchmark: the simulator's six agency files (FIR CSV, FIA JSON lines, Urdu-script XLSX,
// customs CSV, transactions CSV, call-records CSV; `kashf simulate`, generated once per size
// outside the timed region) loaded through their mappings into a fresh SQLite store.
// To show what bounds the full ingest, the same files are also read without storing:
//   Parse     - RowSource only (CSV splitter, simdjson, expat/libzip)
//   ParseMap  - plus RowMapper (validation, canonical values, entity ids, statements)
//   Ingest    - ImportFile: parse + map on a second thread, packed writes in one transaction per batch
//   Format/*  - Ingest of one file per format
//   StoreFloor - SQLite alone: the rows an Ingest leaves in the store (records, entity rows, links,
//               name-index rows), read back and written into a fresh store in key order with
//               prepared inserts and nothing else; no ingest into this store can beat it
// Counters: rows/s, statements/s (new statements stored), peak RSS. One size per process gives a
// clean peak-memory figure, e.g.
//   build/bench/kashf_bench_ingest --benchmark_filter='Ingest/1000000'
#include <benchmark/benchmark.h>

#include <filesystem>
#include <map>

#include <algorithm>
#include <chrono>
#include <tuple>

#include "bench_util.h"
#include "kashf/ingest/importer.h"
#include "kashf/ingest/row_mapper.h"
#include "kashf/sim/simulate.h"
#include "kashf/store/sqlite_db.h"
#include "kashf/testing/files.h"

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
  for (const auto& d : f.datasets)
    f.mappings.push_back(std::move(LoadMapping(f.dir + "/" + d.mapping_file, TheModel())).value());
  return cache.emplace(records, std::move(f)).first->second;
}

void Counters(benchmark::State& state, int64_t rows, int64_t statements) {
  const double it = static_cast<double>(state.iterations());
  state.counters["rows_per_s"] = benchmark::Counter(static_cast<double>(rows) * it, benchmark::Counter::kIsRate);
  state.counters["rows"] = static_cast<double>(rows);
  if (statements >= 0) {
    state.counters["statements_per_s"] =
        benchmark::Counter(static_cast<double>(statements) * it, benchmark::Counter::kIsRate);
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
  const std::string want = state.range(1) == 0   ? "transactions"
                           : state.range(1) == 1 ? "fia-ahtc-cases"
                                                 : "sindh-police-register";
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

void Must(Status st, const char* what) {
  if (st.ok()) return;
  std::fprintf(stderr, "%s: %s\n", what, st.ToString().c_str());
  std::exit(1);
}

void BM_StoreFloor(benchmark::State& state) {
  const SimFiles& f = Sim(state.range(0));
  Ingest(f, 0, f.datasets.size());  // untimed: the store whose rows are copied
  struct Record {
    int64_t rkey, dataset_id;
    std::string record_id;
    int64_t first_seen, n;
    std::string data;
  };
  std::vector<Record> records;
  std::vector<std::tuple<int64_t, std::string, std::string, int64_t, std::string>> entities;
  std::vector<std::pair<int64_t, int64_t>> links;
  std::vector<std::pair<int64_t, std::string>> names;
  {
    sqlite3* src = nullptr;
    sqlite3_open_v2((f.dir + "/bench.db").c_str(), &src, SQLITE_OPEN_READONLY, nullptr);
    sqlite::Stmt r, e, l, n;
    Must(r.Prepare(src, "SELECT rkey, dataset_id, record_id, first_seen, n, data FROM records ORDER BY rid"), "read");
    while (r.Step() == SQLITE_ROW)
      records.push_back({r.Int(0), r.Int(1), r.Text(2), r.Int(3), r.Int(4),
                         std::string(static_cast<const char*>(sqlite3_column_blob(r.get(), 5)),
                                     static_cast<size_t>(sqlite3_column_bytes(r.get(), 5)))});
    Must(e.Prepare(src, "SELECT ekey, id, schema, dataset_id, caption FROM entities ORDER BY ekey"), "read");
    while (e.Step() == SQLITE_ROW) entities.emplace_back(e.Int(0), e.Text(1), e.Text(2), e.Int(3), e.Text(4));
    Must(l.Prepare(src, "SELECT ekey, rid FROM entity_records ORDER BY ekey, rid"), "read");
    while (l.Step() == SQLITE_ROW) links.emplace_back(l.Int(0), l.Int(1));
    Must(n.Prepare(src, "SELECT ekey, name FROM names ORDER BY ekey"), "read");
    while (n.Step() == SQLITE_ROW) names.emplace_back(n.Int(0), n.Text(1));
    r = sqlite::Stmt(), e = sqlite::Stmt(), l = sqlite::Stmt(), n = sqlite::Stmt();
    sqlite3_close_v2(src);
  }
  const std::string db = f.dir + "/floor.db";
  using Clock = std::chrono::steady_clock;
  // records (with the record-key index), links, entities, names; then the records alone again
  // into a table without any index: the least any SQLite store of these statements must write.
  double phase[5] = {0, 0, 0, 0, 0};
  auto lap = [t = Clock::now()](double* into) mutable {
    const auto now = Clock::now();
    *into += std::chrono::duration<double>(now - t).count();
    t = now;
  };
  for (auto _ : state) {
    state.PauseTiming();
    for (const char* ext : {"", "-wal", "-shm"}) std::filesystem::remove(db + ext);
    std::move(OpenSqliteStore(db, TheModel())).value().reset();  // the schema, by the store's own migrations
    sqlite3* out = nullptr;
    sqlite3_open_v2(db.c_str(), &out, SQLITE_OPEN_READWRITE, nullptr);
    Must(sqlite::Exec(out,
                      "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536;"
                      "PRAGMA wal_autocheckpoint=8192;"),
         "pragmas");
    state.ResumeTiming();
    double untimed = 0;
    lap(&untimed);
    // Every record into `table`, 20,000 a transaction (leaves no transaction open).
    auto put_records = [&](const std::string& table) {
      sqlite::Stmt put;
      Must(put.Prepare(out,
                       "INSERT INTO " + table + "(rkey,dataset_id,record_id,first_seen,n,data) VALUES(?,?,?,?,?,?)"),
           "prepare");
      for (size_t i = 0; i < records.size(); ++i) {
        if (i % 20000 == 0) Must(sqlite::Exec(out, i ? "COMMIT; BEGIN" : "BEGIN"), "begin");
        const Record& x = records[i];
        put.Reset();
        put.Bind(1, x.rkey);
        put.Bind(2, x.dataset_id);
        put.BindStatic(3, x.record_id);
        put.Bind(4, x.first_seen);
        put.Bind(5, x.n);
        sqlite3_bind_blob(put.get(), 6, x.data.data(), static_cast<int>(x.data.size()), SQLITE_STATIC);
        if (put.Step() != SQLITE_DONE) Must(sqlite::Error(out, table), "write");
      }
      Must(sqlite::Exec(out, "COMMIT"), "commit");
    };
    {
      put_records("records");
      Must(sqlite::Exec(out, "BEGIN"), "begin");
      lap(&phase[0]);
      sqlite::Stmt put;
      Must(put.Prepare(out, "INSERT INTO entity_records(ekey,rid) VALUES(?,?)"), "prepare");
      for (const auto& [ekey, rid] : links) {
        put.Reset();
        put.Bind(1, ekey);
        put.Bind(2, rid);
        if (put.Step() != SQLITE_DONE) Must(sqlite::Error(out, "link"), "write");
      }
      Must(sqlite::Exec(out, "COMMIT; BEGIN"), "commit");
      lap(&phase[1]);
      put = sqlite::Stmt();
      Must(put.Prepare(out, "INSERT INTO entities(ekey,id,schema,dataset_id,caption) VALUES(?,?,?,?,?)"), "prepare");
      for (const auto& [ekey, id, schema, ds, caption] : entities) {
        put.Reset();
        put.Bind(1, ekey);
        put.BindStatic(2, id);
        put.BindStatic(3, schema);
        put.Bind(4, ds);
        put.BindStatic(5, caption);
        if (put.Step() != SQLITE_DONE) Must(sqlite::Error(out, "entity"), "write");
      }
      Must(sqlite::Exec(out, "COMMIT; BEGIN"), "commit");
      lap(&phase[2]);
      put = sqlite::Stmt();
      Must(put.Prepare(out, "INSERT INTO names(name,ekey) VALUES(?,?)"), "prepare");
      for (const auto& [ekey, name] : names) {
        put.Reset();
        put.BindStatic(1, name);
        put.Bind(2, ekey);
        if (put.Step() != SQLITE_DONE) Must(sqlite::Error(out, "name"), "write");
      }
      put = sqlite::Stmt();
      Must(sqlite::Exec(out, "COMMIT"), "commit");
      lap(&phase[3]);
      state.PauseTiming();
      Must(sqlite::Exec(out, "CREATE TABLE bare AS SELECT * FROM records WHERE 0"), "bare table");
      lap(&untimed);
      put_records("bare");
      lap(&phase[4]);
      state.ResumeTiming();
    }
    sqlite3_close_v2(out);
  }
  Counters(state, static_cast<int64_t>(records.size()), -1);
  const char* kPhase[5] = {"s_records", "s_links", "s_entities", "s_names", "s_records_no_index"};
  for (int i = 0; i < 5; ++i) state.counters[kPhase[i]] = phase[i];
  state.counters["sqlite_rows"] = static_cast<double>(records.size() + entities.size() + links.size() + names.size());
}

BENCHMARK(BM_Parse)
    ->Arg(100000)
    ->Arg(1000000)
    ->Iterations(1)
    ->Unit(benchmark::kSecond)
    ->UseRealTime()
    ->MeasureProcessCPUTime();
BENCHMARK(BM_ParseMap)
    ->Arg(100000)
    ->Arg(1000000)
    ->Iterations(1)
    ->Unit(benchmark::kSecond)
    ->UseRealTime()
    ->MeasureProcessCPUTime();
BENCHMARK(BM_Ingest)
    ->Arg(100000)
    ->Arg(1000000)
    ->Iterations(1)
    ->Unit(benchmark::kSecond)
    ->UseRealTime()
    ->MeasureProcessCPUTime();
BENCHMARK(BM_Format)
    ->ArgsProduct({{1000000}, {0, 1, 2}})
    ->Iterations(1)
    ->Unit(benchmark::kSecond)
    ->UseRealTime()
    ->MeasureProcessCPUTime();
BENCHMARK(BM_StoreFloor)
    ->Arg(100000)
    ->Arg(1000000)
    ->Iterations(1)
    ->Unit(benchmark::kSecond)
    ->UseRealTime()
    ->MeasureProcessCPUTime();

}  // namespace

BENCHMARK_MAIN();
