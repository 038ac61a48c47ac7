// Graph and money-trail benchmark.
//
// Graph kernels (CSR build, PageRank, connected components, Louvain, sampled and exact
// betweenness) on a deterministic R-MAT graph (Chakrabarti, Zhan & Faloutsos 2004; Graph500
// parameters a=.57 b=.19 c=.19, vertex ids randomly permuted so the generator's id order gives no
// free locality), simple and directed. The same graph is written to a text edge list that
// bench/igraph_compare.py times with python3-igraph in the same run:
//   kashf_bench_graph --generate FILE --edges 1000000 [--seed 1]       write the graph and exit
//   kashf_bench_graph --graph FILE [--threads 2] [--samples 256] [--exact] [--dump-pagerank OUT]
//                     [--dump-betweenness OUT]
//                     --benchmark_filter=PageRank
// Without --graph the graph kernels run on a generated 1M-edge graph.
//
// Money trails: N generated payments (default 10M) among N/10 accounts with skewed activity,
// over two years; trails of 3 hops in a 30-day window from random senders and from the busiest
// ones; the counters give p50 / p99 query time.
//   kashf_bench_graph --benchmark_filter=MoneyTrail [--transactions 10000000]
//   kashf_bench_graph --benchmark_filter=Layering --transactions 10000000 --threads 2
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <memory>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "bench_util.h"
#include "kashf/graph/algorithms.h"
#include "kashf/graph/parallel.h"
#include "kashf/network/money_trail.h"

namespace {

using kashf::graph::Graph;
using kashf::graph::NodeId;

struct Flags {
  std::string graph_file, generate_file, dump_pagerank, dump_betweenness;
  uint64_t edges = 1000000, seed = 1, transactions = 10000000;
  unsigned threads = 0;
  uint32_t samples = 256;
  bool exact = false;  // also register exact betweenness (hours on the big graphs)
} flags;

struct EdgeArrays {
  uint32_t n = 0;
  std::vector<NodeId> src, dst;
};

// R-MAT edges, simple (no self-loops, no duplicates), exactly `m`, sorted by (src, dst).
EdgeArrays Rmat(uint64_t m, uint64_t seed) {
  int scale = 1;
  while ((uint64_t{1} << scale) * 16 < m) ++scale;  // edge factor ~16, as in Graph500
  const uint64_t n = uint64_t{1} << scale;
  std::mt19937_64 rng(seed);
  std::vector<NodeId> perm(n);
  std::iota(perm.begin(), perm.end(), 0);
  std::shuffle(perm.begin(), perm.end(), rng);
  std::vector<uint64_t> keys;
  std::uniform_real_distribution<double> u(0, 1);
  for (double factor = 1.2; keys.size() < m; factor *= 1.3) {
    const uint64_t want = static_cast<uint64_t>(static_cast<double>(m) * factor);
    while (keys.size() < want) {
      uint64_t a = 0, b = 0;
      for (int bit = 0; bit < scale; ++bit) {
        double r = u(rng);
        int q = r < 0.57 ? 0 : r < 0.76 ? 1 : r < 0.95 ? 2 : 3;
        a = (a << 1) | static_cast<uint64_t>(q >> 1);
        b = (b << 1) | static_cast<uint64_t>(q & 1);
      }
      if (a != b) keys.push_back((static_cast<uint64_t>(perm[a]) << 32) | perm[b]);
    }
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  }
  std::shuffle(keys.begin(), keys.end(), rng);  // keep exactly m, chosen at random
  keys.resize(m);
  std::sort(keys.begin(), keys.end());
  EdgeArrays e;
  e.n = static_cast<uint32_t>(n);
  e.src.resize(m);
  e.dst.resize(m);
  for (uint64_t i = 0; i < m; ++i) {
    e.src[i] = static_cast<NodeId>(keys[i] >> 32);
    e.dst[i] = static_cast<NodeId>(keys[i] & 0xffffffffu);
  }
  return e;
}

void WriteEdgeList(const EdgeArrays& e, const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) {
    std::perror(path.c_str());
    std::exit(1);
  }
  std::vector<char> buf(1 << 20);
  size_t used = 0;
  for (size_t i = 0; i < e.src.size(); ++i) {
    if (buf.size() - used < 32) {
      std::fwrite(buf.data(), 1, used, f);
      used = 0;
    }
    used += static_cast<size_t>(std::snprintf(buf.data() + used, 32, "%u %u\n", e.src[i], e.dst[i]));
  }
  std::fwrite(buf.data(), 1, used, f);
  std::fclose(f);
}

// Reads "u v" lines; n = largest id + 1 (as igraph's Read_Edgelist does).
EdgeArrays ReadEdgeList(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) {
    std::perror(path.c_str());
    std::exit(1);
  }
  std::string text;
  std::vector<char> chunk(1 << 22);
  for (size_t got; (got = std::fread(chunk.data(), 1, chunk.size(), f)) > 0;) text.append(chunk.data(), got);
  std::fclose(f);
  EdgeArrays e;
  const char* p = text.data();
  const char* end = p + text.size();
  uint32_t max_id = 0;
  auto number = [&](uint32_t& out) {
    while (p < end && (*p < '0' || *p > '9')) ++p;
    if (p >= end) return false;
    uint32_t x = 0;
    while (p < end && *p >= '0' && *p <= '9') x = x * 10 + static_cast<uint32_t>(*p++ - '0');
    out = x;
    return true;
  };
  uint32_t a, b;
  while (number(a) && number(b)) {
    e.src.push_back(a);
    e.dst.push_back(b);
    max_id = std::max({max_id, a, b});
  }
  e.n = e.src.empty() ? 0 : max_id + 1;
  return e;
}

const EdgeArrays& Edges() {
  static EdgeArrays e = flags.graph_file.empty() ? Rmat(flags.edges, flags.seed) : ReadEdgeList(flags.graph_file);
  return e;
}

const Graph& TheGraph() {
  static Graph g = [] {
    const EdgeArrays& e = Edges();
    return Graph::Build(e.n, e.src, e.dst, {}, flags.threads);
  }();
  return g;
}

void Common(benchmark::State& state, const Graph& g) {
  state.counters["nodes"] = g.num_nodes();
  state.counters["edges"] = static_cast<double>(g.num_edges());
  state.counters["threads"] = kashf::graph::ThreadCount(flags.threads);
  state.counters["peak_rss_MiB"] = kashf::bench::PeakRssMiB();
}

void BM_Build(benchmark::State& state) {
  const EdgeArrays& e = Edges();
  for (auto _ : state) {
    Graph g = Graph::Build(e.n, e.src, e.dst, {}, flags.threads);
    benchmark::DoNotOptimize(g.num_edges());
  }
  state.counters["edges_per_s"] = benchmark::Counter(
      static_cast<double>(e.src.size()) * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  Common(state, TheGraph());
}

void BM_PageRank(benchmark::State& state) {
  const Graph& g = TheGraph();
  kashf::graph::PageRankOptions o;
  o.threads = flags.threads;
  o.tolerance = 1e-9;
  o.max_iterations = 200;
  std::vector<double> r;
  kashf::graph::PageRankStats stats;
  for (auto _ : state) r = kashf::graph::PageRank(g, o, &stats);
  state.counters["iterations"] = stats.iterations;
  state.counters["last_change"] = stats.last_change;
  if (!flags.dump_pagerank.empty()) {
    std::FILE* f = std::fopen(flags.dump_pagerank.c_str(), "wb");
    if (f) {
      std::fwrite(r.data(), sizeof(double), r.size(), f);
      std::fclose(f);
    }
  }
  state.counters["edges_per_s"] = benchmark::Counter(
      static_cast<double>(g.num_edges()) * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  Common(state, g);
}

void BM_Components(benchmark::State& state) {
  const Graph& g = TheGraph();
  std::vector<NodeId> c;
  for (auto _ : state) c = kashf::graph::ConnectedComponents(g, flags.threads);
  uint64_t count = 0;
  for (NodeId v = 0; v < c.size(); ++v) count += c[v] == v;
  state.counters["components"] = static_cast<double>(count);
  Common(state, g);
}

void BM_Louvain(benchmark::State& state) {
  const Graph& g = TheGraph();
  kashf::graph::LouvainResult r;
  for (auto _ : state) r = kashf::graph::Louvain(g);
  state.counters["communities"] = r.count;
  state.counters["modularity"] = r.modularity;
  Common(state, g);
}

void BM_Betweenness(benchmark::State& state) {
  const Graph& g = TheGraph();
  kashf::graph::BetweennessOptions o;
  o.threads = flags.threads;
  o.samples = static_cast<uint32_t>(state.range(0));
  std::vector<double> b;
  for (auto _ : state) b = kashf::graph::Betweenness(g, o);
  if (!flags.dump_betweenness.empty()) {
    std::FILE* f = std::fopen(flags.dump_betweenness.c_str(), "wb");
    if (f) {
      std::fwrite(b.data(), sizeof(double), b.size(), f);
      std::fclose(f);
    }
  }
  state.counters["samples"] = o.samples ? o.samples : g.num_nodes();
  Common(state, g);
}

// Money trails over generated payments.
struct Money {
  std::unique_ptr<kashf::network::MoneyIndex> index;
  double build_seconds = 0;
  std::vector<NodeId> random_starts, busy_starts;
};

const Money& TheMoney() {
  static Money m = [] {
    Money out;
    const uint64_t n_tx = flags.transactions;
    const auto accounts = static_cast<uint32_t>(std::max<uint64_t>(1000, n_tx / 10));
    kashf::graph::EdgeList el;
    el.num_nodes = accounts;
    el.edges.resize(n_tx);
    std::mt19937_64 rng(flags.seed);
    // Skewed activity: account k is drawn with probability ~ 1/(k+10)^0.8 (ids permuted).
    std::vector<NodeId> perm(accounts);
    std::iota(perm.begin(), perm.end(), 0);
    std::shuffle(perm.begin(), perm.end(), rng);
    std::vector<double> cdf(accounts);
    double total = 0;
    for (uint32_t k = 0; k < accounts; ++k) cdf[k] = total += std::pow(k + 10.0, -0.8);
    auto pick = [&] {
      double r = std::uniform_real_distribution<double>(0, total)(rng);
      return perm[static_cast<size_t>(std::lower_bound(cdf.begin(), cdf.end(), r) - cdf.begin())];
    };
    for (auto& e : el.edges) {
      e.src = pick();
      do e.dst = pick();
      while (e.dst == e.src);
      e.rel = kashf::graph::Relation::kPayment;
      e.channel = static_cast<kashf::graph::Channel>(1 + rng() % 3);
      e.day = 19000 + static_cast<int32_t>(rng() % 730);
      e.amount = std::exp(std::normal_distribution<double>(10, 1.5)(rng));
    }
    auto t0 = std::chrono::steady_clock::now();
    out.index = std::make_unique<kashf::network::MoneyIndex>(el);
    out.build_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    for (int i = 0; i < 1000; ++i) out.random_starts.push_back(out.index->payments().edges[rng() % n_tx].src);
    for (uint32_t k = 0; k < 100; ++k) out.busy_starts.push_back(perm[k]);
    return out;
  }();
  return m;
}

void BM_MoneyTrail(benchmark::State& state) {
  const Money& m = TheMoney();
  const bool busy = state.range(0) == 1;
  const double tolerance = state.range(1) == 1 ? -1.0 : 0.5;
  const auto& starts = busy ? m.busy_starts : m.random_starts;
  kashf::network::TrailOptions o;
  o.hops = 3;
  o.days = 30;
  o.tolerance = tolerance;
  o.max_paths = 100000;
  o.from_day = 19000 + 300;
  o.to_day = 19000 + 330;  // first payments in one month; trails may run 30 days past it
  std::vector<double> ms;
  size_t i = 0;
  uint64_t paths = 0, truncated = 0;
  for (auto _ : state) {
    auto t0 = std::chrono::steady_clock::now();
    auto r = kashf::network::FollowMoney(*m.index, starts[i++ % starts.size()], o);
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    paths += r.paths.size();
    truncated += r.truncated;
  }
  std::sort(ms.begin(), ms.end());
  state.counters["p50_ms"] = ms[ms.size() / 2];
  state.counters["p99_ms"] = ms[std::min(ms.size() - 1, ms.size() * 99 / 100)];
  state.counters["max_ms"] = ms.back();
  state.counters["mean_paths"] = static_cast<double>(paths) / static_cast<double>(ms.size());
  state.counters["truncated"] = static_cast<double>(truncated);
  state.counters["transactions"] = static_cast<double>(flags.transactions);
  state.counters["index_build_s"] = m.build_seconds;
  state.counters["peak_rss_MiB"] = kashf::bench::PeakRssMiB();
}

// Layering (fan-out / fan-in, scatter-gather, round trips) over every account of the generated
// payments, the defaults of `kashf network layering` (30 days, 20% tolerance, 3 branches, cycles
// of up to 4, the largest 100 of each kind kept). Peak RSS includes the payments and their index.
void BM_Layering(benchmark::State& state) {
  const Money& m = TheMoney();
  kashf::network::LayeringOptions o;
  o.threads = flags.threads;
  kashf::network::LayeringReport r;
  for (auto _ : state) r = kashf::network::DetectLayering(*m.index, o);
  state.counters["fan_out_found"] = static_cast<double>(r.found.fan_out);
  state.counters["fan_in_found"] = static_cast<double>(r.found.fan_in);
  state.counters["scatter_gather_found"] = static_cast<double>(r.found.scatter_gather);
  state.counters["round_trips_found"] = static_cast<double>(r.found.round_trips);
  state.counters["transactions"] = static_cast<double>(flags.transactions);
  state.counters["index_build_s"] = m.build_seconds;
  state.counters["peak_rss_MiB"] = kashf::bench::PeakRssMiB();
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<char*> rest{argv[0]};
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&] { return i + 1 < argc ? std::string(argv[++i]) : std::string(); };
    if (a == "--graph") flags.graph_file = value();
    else if (a == "--generate") flags.generate_file = value();
    else if (a == "--edges") flags.edges = std::stoull(value());
    else if (a == "--seed") flags.seed = std::stoull(value());
    else if (a == "--threads") flags.threads = static_cast<unsigned>(std::stoul(value()));
    else if (a == "--samples") flags.samples = static_cast<uint32_t>(std::stoul(value()));
    else if (a == "--transactions") flags.transactions = std::stoull(value());
    else if (a == "--dump-pagerank") flags.dump_pagerank = value();
    else if (a == "--dump-betweenness") flags.dump_betweenness = value();
    else if (a == "--exact") flags.exact = true;
    else rest.push_back(argv[i]);
  }
  if (!flags.generate_file.empty()) {
    EdgeArrays e = Rmat(flags.edges, flags.seed);
    WriteEdgeList(e, flags.generate_file);
    std::printf("wrote %zu edges over %u nodes to %s\n", e.src.size(), e.n, flags.generate_file.c_str());
    return 0;
  }
  auto unit = benchmark::kMillisecond;
  benchmark::RegisterBenchmark("Build", BM_Build)->Unit(unit)->UseRealTime()->Iterations(3);
  benchmark::RegisterBenchmark("PageRank", BM_PageRank)->Unit(unit)->UseRealTime()->Iterations(3);
  benchmark::RegisterBenchmark("Components", BM_Components)->Unit(unit)->UseRealTime()->Iterations(3);
  benchmark::RegisterBenchmark("Louvain", BM_Louvain)->Unit(unit)->UseRealTime()->Iterations(1);
  benchmark::RegisterBenchmark("Betweenness", BM_Betweenness)
      ->Arg(flags.samples)
      ->Unit(unit)
      ->UseRealTime()
      ->Iterations(1);
  if (flags.exact)
    benchmark::RegisterBenchmark("BetweennessExact", BM_Betweenness)->Arg(0)->Unit(unit)->UseRealTime()->Iterations(1);
  // MoneyTrail/<busy starts?>/<any amount?>: 1000 queries each.
  benchmark::RegisterBenchmark("MoneyTrail", BM_MoneyTrail)
      ->Args({0, 0})
      ->Args({1, 0})
      ->Args({0, 1})
      ->Args({1, 1})
      ->Unit(benchmark::kMicrosecond)
      ->UseRealTime()
      ->Iterations(1000);
  benchmark::RegisterBenchmark("Layering", BM_Layering)->Unit(unit)->UseRealTime()->Iterations(1);
  int n = static_cast<int>(rest.size());
  benchmark::Initialize(&n, rest.data());
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
