// Partial-serial search benchmark: the trigram SerialIndex (include/kashf/firearms/serial_search.h)
// against its serial reference, the brute-force scan, on the same synthetic register (serial, make,
// calibre from RegistryGenerator::GenerateSerials, in memory, generated outside the timed region)
// at 1M and 10M firearms. Queries: 1,000 patterns made from random registered serials the way an
// examiner reads a worn marking: ~15 % of characters unreadable ('?'), some confusables swapped
// (O/0, I/1, S/5, B/8), a third with a ground-off start or end ('*'), a quarter restricted by make.
// Counters: p50/p99 latency (us; wall clock and this thread's CPU time), queries/s, candidates verified per query,
// index build seconds and size, peak RSS. One size per process for a clean peak-memory figure, e.g.
//   build/bench/kashf_bench_firearms --benchmark_filter='/1000000/'
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <random>

#include <time.h>

#include "bench_util.h"
#include "kashf/firearms/firearm_reference.h"
#include "kashf/firearms/lifecycle_rules.h"
#include "kashf/firearms/registry_generator.h"
#include "kashf/firearms/serial_search.h"

namespace {

using namespace kashf::firearms;
using Clock = std::chrono::steady_clock;

// CPU time of this thread in microseconds: on a shared machine the wall-clock latency includes
// time the query waited for a core, so both are reported.
double ThreadCpuUs() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e6 + static_cast<double>(ts.tv_nsec) / 1e3;
}

struct Corpus {
  std::unique_ptr<SerialIndex> index;
  std::vector<SerialQuery> queries;
  double build_seconds = 0;
};

const Corpus& Data(size_t n) {
  static std::map<size_t, Corpus> cache;
  auto it = cache.find(n);
  if (it != cache.end()) return it->second;
  auto rules = std::move(LifecycleRules::LoadDefault()).value();
  auto ref = std::move(FirearmReference::LoadDefault()).value();
  GeneratorOptions o;
  o.count = n;
  o.seed = 2026;
  auto gen = std::move(RegistryGenerator::Create(o, rules)).value();
  std::vector<SerialRecord> records = gen.GenerateSerials();
  Corpus c;
  std::mt19937_64 rng(42);
  const std::string swaps = "O0I1S5B8";
  for (int q = 0; q < 1000; ++q) {
    const SerialRecord& src = records[rng() % records.size()];
    std::string p;
    for (char ch : src.serial) {
      if (ch == '-') continue;
      unsigned roll = static_cast<unsigned>(rng() % 100);
      if (roll < 15) p += '?';
      else if (roll < 20 && swaps.find(ch) != std::string::npos) p += swaps[swaps.find(ch) ^ 1];
      else p += ch;
    }
    if (q % 6 == 1) p = std::string(1, '*').append(p, 2, std::string::npos);
    if (q % 6 == 3) p = p.substr(0, p.size() - 2) + "*";
    SerialQuery query;
    query.pattern = p;
    query.limit = 20;
    if (q % 4 == 0) query.make = src.make;
    c.queries.push_back(query);
  }
  auto start = Clock::now();
  c.index = std::make_unique<SerialIndex>(ref.ConfusableFold());
  for (const auto& r : records) c.index->Add(r);
  c.index->Build();
  c.build_seconds = std::chrono::duration<double>(Clock::now() - start).count();
  records.clear();
  records.shrink_to_fit();
  return cache.emplace(n, std::move(c)).first->second;
}

// With KASHF_BENCH_SLOWEST=N in the environment, prints the N queries with the most CPU time to
// stderr (pattern, make, rows verified): what makes the tail of the latency distribution.
void PrintSlowest(const Corpus& c, const std::vector<std::pair<double, size_t>>& by_query) {
  const char* env = std::getenv("KASHF_BENCH_SLOWEST");
  if (!env) return;
  std::vector<size_t> order(by_query.size());
  for (size_t k = 0; k < order.size(); ++k) order[k] = k;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return by_query[a].first > by_query[b].first; });
  for (size_t k = 0; k < std::min<size_t>(order.size(), static_cast<size_t>(std::atoi(env))); ++k) {
    const auto& q = c.queries[order[k]];
    std::fprintf(stderr, "slow: %9.0f us  verified %8zu  pattern %-12s make %s\n", by_query[order[k]].first,
                 by_query[order[k]].second, q.pattern.c_str(), q.make.c_str());
  }
}

void Report(benchmark::State& state, std::vector<double>& us, std::vector<double>& cpu_us, const Corpus& c,
            double verified) {
  std::sort(us.begin(), us.end());
  std::sort(cpu_us.begin(), cpu_us.end());
  state.counters["cpu_p50_us"] = cpu_us[cpu_us.size() / 2];
  state.counters["cpu_p99_us"] = cpu_us[std::min(cpu_us.size() - 1, cpu_us.size() * 99 / 100)];
  double total = 0;
  for (double v : us) total += v;
  state.counters["p50_us"] = us[us.size() / 2];
  state.counters["p99_us"] = us[std::min(us.size() - 1, us.size() * 99 / 100)];
  state.counters["mean_us"] = total / static_cast<double>(us.size());
  state.counters["queries_per_s"] = 1e6 * static_cast<double>(us.size()) / total;
  state.counters["verified_per_query"] = verified / static_cast<double>(us.size());
  state.counters["build_s"] = c.build_seconds;
  state.counters["index_MiB"] = static_cast<double>(c.index->MemoryBytes()) / (1024.0 * 1024.0);
  state.counters["peak_rss_MiB"] = kashf::bench::PeakRssMiB();
}

void BM_SerialIndex(benchmark::State& state) {
  const Corpus& c = Data(static_cast<size_t>(state.range(0)));
  std::vector<double> us, cpu_us;
  std::vector<std::pair<double, size_t>> cpu_us_by_query(c.queries.size());  // worst CPU time, verified rows
  double verified = 0;
  size_t i = 0, hits = 0;
  for (auto _ : state) {
    const SerialQuery& q = c.queries[i++ % c.queries.size()];
    SerialSearchStats st;
    double c0 = ThreadCpuUs();
    auto t0 = Clock::now();
    auto r = c.index->Search(q, &st);
    us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
    cpu_us.push_back(ThreadCpuUs() - c0);
    benchmark::DoNotOptimize(r);
    auto& slot = cpu_us_by_query[(i - 1) % c.queries.size()];
    slot = {std::max(slot.first, cpu_us.back()), st.candidates_verified};
    verified += static_cast<double>(st.candidates_verified);
    hits += r.ok() && !r->empty();
  }
  PrintSlowest(c, cpu_us_by_query);
  Report(state, us, cpu_us, c, verified);
  state.counters["found_share"] = static_cast<double>(hits) / static_cast<double>(us.size());
}

// The serial reference over the first queries of the same list. For each query the index answers
// too (untimed here), and `same_results` is the share of queries where both ranked lists agree
// exactly (ids and scores): the in-run check that the index is a faithful accelerator.
void BM_BruteForce(benchmark::State& state) {
  const Corpus& c = Data(static_cast<size_t>(state.range(0)));
  std::vector<double> us, cpu_us;
  size_t i = 0, same = 0;
  for (auto _ : state) {
    const SerialQuery& q = c.queries[i++ % c.queries.size()];
    double c0 = ThreadCpuUs();
    auto t0 = Clock::now();
    auto r = c.index->BruteForce(q);
    us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
    cpu_us.push_back(ThreadCpuUs() - c0);
    benchmark::DoNotOptimize(r);
    state.PauseTiming();
    auto fast = c.index->Search(q);
    bool agree = r.ok() && fast.ok() && r->size() == fast->size();
    for (size_t k = 0; agree && k < r->size(); ++k)
      agree = (*r)[k].id == (*fast)[k].id && (*r)[k].score == (*fast)[k].score;
    same += agree;
    state.ResumeTiming();
  }
  Report(state, us, cpu_us, c, static_cast<double>(c.index->size()) * static_cast<double>(us.size()));
  state.counters["same_results"] = static_cast<double>(same) / static_cast<double>(us.size());
}

BENCHMARK(BM_SerialIndex)->Arg(1000000)->Arg(10000000)->Iterations(3000)->Unit(benchmark::kMicrosecond)->UseRealTime();
BENCHMARK(BM_BruteForce)->Arg(1000000)->Arg(10000000)->Iterations(30)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
