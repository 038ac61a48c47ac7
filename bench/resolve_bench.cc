// Entity-resolution benchmark: synthetic noisy person records (GenerateSyntheticPeople, generated
// in memory, outside the timed region) resolved by the full pipeline (normalise, block, compare,
// EM training, score, cluster) at 10k, 100k, 1M and 10M records (10M: about 20 GiB), next to the deterministic baseline
// on the same records. Counters: records/s, pairwise precision/recall/F1, B-cubed F1, candidate pairs, peak RSS. Run
// one size per process for a clean peak-memory figure, e.g.
//   build/bench/kashf_bench_resolve --benchmark_filter='Resolve/1000000'
#include <benchmark/benchmark.h>

#include <map>

#include "bench_util.h"
#include "kashf/core/paths.h"
#include "kashf/resolve/deterministic_baseline.h"
#include "kashf/resolve/evaluation.h"
#include "kashf/resolve/resolver.h"
#include "kashf/resolve/synthetic_people.h"

namespace {

using namespace kashf::resolve;

const SyntheticPeople& Data(size_t n) {
  static std::map<size_t, SyntheticPeople> cache;
  auto it = cache.find(n);
  if (it == cache.end()) {
    SyntheticOptions o;
    o.records = n;
    it = cache.emplace(n, std::move(GenerateSyntheticPeople(o, kashf::DataPath("data/reference"))).value()).first;
  }
  return it->second;
}

const NameNormaliser& Normaliser() {
  static NameNormaliser n = std::move(NameNormaliser::LoadDefault()).value();
  return n;
}

void Report(benchmark::State& state, const EvaluationResult& e, size_t n) {
  state.counters["records_per_s"] =
      benchmark::Counter(static_cast<double>(n) * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  state.counters["precision"] = e.precision;
  state.counters["recall"] = e.recall;
  state.counters["F1"] = e.f1;
  state.counters["bcubed_F1"] = e.bcubed_f1;
  state.counters["peak_rss_MiB"] = kashf::bench::PeakRssMiB();
}

void BM_Resolve(benchmark::State& state) {
  const auto n = static_cast<size_t>(state.range(0));
  const SyntheticPeople& data = Data(n);
  EvaluationResult e;
  ResolveReport report;
  for (auto _ : state) {
    Resolver resolver(Normaliser(), ComparisonModel::LoadDefault().value());
    resolver.Add(data.records);
    Resolution res = resolver.ResolveAll({}, {});
    state.PauseTiming();
    e = EvaluateClusters(res.cluster_of, data.truth);
    report = res.report;
    state.ResumeTiming();
  }
  Report(state, e, n);
  state.counters["candidate_pairs"] = static_cast<double>(report.candidate_pairs);
  state.counters["s_encode"] = report.seconds_encode;
  state.counters["s_block"] = report.seconds_block;
  state.counters["s_compare"] = report.seconds_compare;
  state.counters["s_train"] = report.seconds_train;
  state.counters["s_cluster"] = report.seconds_cluster;
}

void BM_Baseline(benchmark::State& state) {
  const auto n = static_cast<size_t>(state.range(0));
  const SyntheticPeople& data = Data(n);
  EvaluationResult e;
  for (auto _ : state) {
    auto labels = ResolveDeterministicBaseline(data.records);
    state.PauseTiming();
    e = EvaluateClusters(labels, data.truth);
    state.ResumeTiming();
  }
  Report(state, e, n);
}

BENCHMARK(BM_Resolve)
    ->Arg(10000)
    ->Arg(100000)
    ->Arg(1000000)
    ->Arg(10000000)
    ->Iterations(1)
    ->Unit(benchmark::kSecond)
    ->UseRealTime();
BENCHMARK(BM_Baseline)->Arg(10000)->Arg(100000)->Arg(1000000)->Iterations(1)->Unit(benchmark::kSecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
