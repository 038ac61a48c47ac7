// Hit/no-hit between agencies (issue 16 point 5; docs/sharing.md): what one query costs the
// answering agency (verify the partner's signed request, charge its rate limiter, one ristretto255
// scalar multiplication per selector, sign the response), what the asker's check costs against an
// index of 10M selectors (unblind, hash, binary search), and the index build's throughput (one
// hash-to-group, one scalar multiplication and two SHA-512 per selector). p50/p99 are computed
// from every iteration's own time; peak RSS is the whole process's.
#include <benchmark/benchmark.h>
#include <sodium.h>

#include <algorithm>
#include <chrono>
#include <random>

#include <fmt/format.h>

#include "bench_util.h"
#include "kashf/sharing/hit_query.h"
#include "kashf/sharing/hit_rate_limiter.h"
#include "kashf/testing/files.h"

namespace {

using namespace kashf;
using namespace kashf::sharing;
using Clock = std::chrono::steady_clock;

constexpr int64_t kNow = 1'800'000'000;
constexpr size_t kIndexSize = 10'000'000;

struct Fixture {
  AgencyIdentity police, fia;
  PartnerDirectory police_partners, fia_partners;
  OprfScalar key = NewOprfKey();
  HitIndex index;  // kIndexSize entries: one real selector, the rest random tags (what F_k's outputs look like)
};

AgencyIdentity MakeAgency(const std::string& dir, const std::string& id) {
  (void)AgencyIdentity::Generate(dir + "/" + id + ".key", {id, id, "PK", {}, {}});
  return *AgencyIdentity::FromFile(dir + "/" + id + ".key");
}

Fixture& F() {
  static Fixture f = [] {
    Fixture x;
    const std::string dir = testing::FreshTempDir("sharing-bench");
    x.police = MakeAgency(dir, "punjab-police");
    x.fia = MakeAgency(dir, "fia-ahtc");
    (void)x.police_partners.Add(x.fia.card(), x.fia.card().Fingerprint());
    (void)x.fia_partners.Add(x.police.card(), x.police.card().Fingerprint());
    std::vector<uint64_t> tags(kIndexSize);
    std::mt19937_64 rng(16);
    for (auto& t : tags) t = rng();
    tags[0] = HitTag(OprfDirect(x.key, "cnic:35202-1234567-1"));
    x.index = HitIndex::FromTags(std::move(tags), {"punjab-police", "fia-ahtc", "criminal-intelligence", "AHTC desk",
                                                   kNow, kNow + 86400, OprfPublicKey(x.key)});
    return x;
  }();
  return f;
}

// Runs `step` once per iteration, timing each, and reports p50/p99 in microseconds.
template <typename Step>
void TimeEach(benchmark::State& state, Step step) {
  std::vector<double> us;
  for (auto _ : state) {
    const auto t0 = Clock::now();
    step();
    us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
  }
  std::sort(us.begin(), us.end());
  state.counters["p50_us"] = us[us.size() / 2];
  state.counters["p99_us"] = us[std::min(us.size() - 1, us.size() * 99 / 100)];
  state.counters["peak_rss_MiB"] = bench::PeakRssMiB();
}

std::vector<std::string> Selectors(size_t n) {
  std::vector<std::string> out;
  for (size_t i = 0; i < n; ++i) out.push_back(fmt::format("cnic:{:013d}", 3520200000000 + i));
  return out;
}

// The answering side, one request of state.range(0) selectors: parse and verify, rate-limit,
// evaluate, sign.
void BM_HitAnswer(benchmark::State& state) {
  Fixture& f = F();
  auto pending = *PrepareHitQuery(Selectors(static_cast<size_t>(state.range(0))), "fia-ahtc", "criminal-intelligence",
                                  f.index.info(), kNow);
  const std::string request_file = SignHitRequest(pending.request, f.fia);
  HitRateLimiter limiter({1e18, 1e18});  // the limiter's bookkeeping is measured, its refusals are not
  double now = kNow;
  TimeEach(state, [&] {
    auto request = ParseHitRequest(request_file, f.police_partners, "punjab-police", kNow);
    (void)limiter.Take("answer:fia-ahtc", static_cast<double>(request->blinded.size()), now += 1);
    auto response = AnswerHitRequest(*request, f.key, kNow);
    benchmark::DoNotOptimize(SignHitResponse(*response, f.police));
  });
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_HitAnswer)->Arg(1)->Arg(100)->Unit(benchmark::kMicrosecond);

// The asking side's check of one answered selector against the 10M-entry index.
void BM_HitCheckAgainst10M(benchmark::State& state) {
  Fixture& f = F();
  auto pending = *PrepareHitQuery({"cnic:35202-1234567-1"}, "fia-ahtc", "criminal-intelligence", f.index.info(), kNow);
  const auto response = *AnswerHitRequest(pending.request, f.key, kNow);
  size_t hits = 0;
  TimeEach(state, [&] { hits += (*FinishHitQuery(pending, response, f.index))[0].hit; });
  if (hits != static_cast<size_t>(state.iterations())) state.SkipWithError("the indexed selector must hit");
  state.counters["index_entries"] = static_cast<double>(f.index.size());
}
BENCHMARK(BM_HitCheckAgainst10M)->Unit(benchmark::kMicrosecond);

// Serialising (signing) and parsing (verifying) the 10M-entry index file.
void BM_HitIndexFile10M(benchmark::State& state) {
  Fixture& f = F();
  size_t bytes = 0;
  for (auto _ : state) {
    const std::string file = f.index.Serialise(f.police);
    bytes = file.size();
    benchmark::DoNotOptimize(HitIndex::Parse(file, f.fia_partners, "fia-ahtc", kNow)->size());
  }
  state.counters["file_MiB"] = static_cast<double>(bytes) / (1 << 20);
  state.counters["peak_rss_MiB"] = bench::PeakRssMiB();
}
BENCHMARK(BM_HitIndexFile10M)->Unit(benchmark::kMillisecond)->Iterations(1);

// Building an index: state.range(0) selectors in state.range(1) threads.
void BM_HitIndexBuild(benchmark::State& state) {
  const auto selectors = Selectors(static_cast<size_t>(state.range(0)));
  const OprfScalar key = NewOprfKey();
  for (auto _ : state) {
    benchmark::DoNotOptimize(HitIndex::Build(key, selectors, {}, static_cast<unsigned>(state.range(1)), 1024).size());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
  state.counters["peak_rss_MiB"] = bench::PeakRssMiB();
}
BENCHMARK(BM_HitIndexBuild)
    ->Args({200000, 1})
    ->Args({200000, 2})
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1)
    ->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
