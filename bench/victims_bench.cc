// Benchmarks of the victims/analytics engines: case generation, CTDC tabulation with small-cell
// suppression, DP release, and registry bulk load, on synthetic cases (victims::GenerateCases).
// Prints throughput (items/s) and the peak resident memory of the process.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <filesystem>

#include "bench_util.h"
#include "kashf/analytics/ctdc_export.h"
#include "kashf/victims/case_generator.h"

namespace {

using namespace kashf;

const std::vector<analytics::CtdcRecord>& Records(int64_t n) {
  static std::map<int64_t, std::vector<analytics::CtdcRecord>> cache;
  auto& v = cache[n];
  if (v.empty()) {
    victims::GeneratorOptions o;
    o.count = n;
    o.seed = 1;
    auto process = *victims::NrmProcess::LoadDefault();
    auto coding = *analytics::CtdcCoding::LoadDefault();
    const int64_t chunk = 100000;  // generate in chunks so identities never pile up in memory
    for (int64_t done = 0; done < n; done += chunk) {
      o.count = std::min(chunk, n - done);
      o.seed = 1 + static_cast<uint64_t>(done);
      for (const auto& nc : victims::GenerateCases(o, process)) v.push_back(analytics::ToCtdcRecord(nc.record, coding));
    }
  }
  return v;
}

void BM_GenerateCases(benchmark::State& state) {
  auto process = *victims::NrmProcess::LoadDefault();
  victims::GeneratorOptions o;
  o.count = state.range(0);
  for (auto _ : state) benchmark::DoNotOptimize(victims::GenerateCases(o, process));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_GenerateCases)->Arg(100000)->Unit(benchmark::kMillisecond);

void BM_CtdcExportSuppressed(benchmark::State& state) {
  const auto& records = Records(state.range(0));
  analytics::CtdcExportOptions o;
  o.variables = *analytics::ParseVariableList(state.range(1) == 3 ? "gender,ageBroad,typeOfExploit"
                                                                  : "gender,ageBroad,citizenship,route");
  o.k = 11;
  for (auto _ : state) benchmark::DoNotOptimize(analytics::ExportCtdc(records, o, nullptr, nullptr));
  state.SetItemsProcessed(state.iterations() * state.range(0));
  state.counters["peak_rss_MiB"] = bench::PeakRssMiB();
}
BENCHMARK(BM_CtdcExportSuppressed)->Args({1000000, 3})->Args({1000000, 4})->Unit(benchmark::kMillisecond);

void BM_CtdcExportLaplace(benchmark::State& state) {
  const auto& records = Records(state.range(0));
  auto domains = *analytics::VariableDomains::LoadDefault(2015, 2030);
  auto noise = analytics::SeededUniformSource(1);
  analytics::CtdcExportOptions o;
  o.variables = *analytics::ParseVariableList("gender,ageBroad,citizenship");
  o.dp = analytics::DpOptions{};
  o.dp->threshold = 5;
  for (auto _ : state) benchmark::DoNotOptimize(analytics::ExportCtdc(records, o, &domains, noise.get()));
  state.SetItemsProcessed(state.iterations() * state.range(0));
  state.counters["peak_rss_MiB"] = bench::PeakRssMiB();
}
BENCHMARK(BM_CtdcExportLaplace)->Arg(1000000)->Unit(benchmark::kMillisecond);

void BM_RegistryBulkLoad(benchmark::State& state) {
  auto process = *victims::NrmProcess::LoadDefault();
  auto offences = *victims::OffenceTable::LoadDefault();
  std::string dir = std::filesystem::temp_directory_path() / "kashf-victims-bench";
  victims::GeneratorOptions o;
  o.count = state.range(0);
  for (auto _ : state) {
    state.PauseTiming();
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    (void)victims::IdentityVault::GenerateKeyFile(dir + "/k");
    victims::RegistryOptions ro;
    ro.vault = *victims::IdentityVault::FromKeyFile(dir + "/k");
    auto registry = *victims::OpenSqliteCaseRegistry(dir + "/kashf.db", process, offences, std::move(ro));
    auto cases = victims::GenerateCases(o, process);
    state.ResumeTiming();
    auto ids = registry->CreateCases({"bench", "nrm", true}, std::move(cases));
    benchmark::DoNotOptimize(ids);
  }
  std::filesystem::remove_all(dir);
  state.SetItemsProcessed(state.iterations() * state.range(0));
  state.counters["peak_rss_MiB"] = bench::PeakRssMiB();
}
BENCHMARK(BM_RegistryBulkLoad)->Arg(100000)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
