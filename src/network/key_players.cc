// KPP-Neg key-player search: greedy with swap improvement, and the exhaustive reference (key_players.h).
#include "kashf/network/key_players.h"

#include <algorithm>
#include <iterator>
#include <limits>
#include <numeric>
#include <random>

#include <fmt/format.h>

#include "kashf/graph/parallel.h"

namespace kashf::network {
namespace {

using graph::NodeId;

// The eligible nodes; InvalidArgument for a bad k or mask.
Result<std::vector<NodeId>> EligibleNodes(const graph::Graph& g, const KeyPlayerOptions& o) {
  const uint32_t n = g.num_nodes();
  if (!o.eligible.empty() && o.eligible.size() != n)
    return Status::InvalidArgument(
        fmt::format("the eligibility mask has {} flags for a network of {} nodes", o.eligible.size(), n));
  std::vector<NodeId> nodes;
  for (NodeId v = 0; v < n; ++v)
    if (o.eligible.empty() || o.eligible[v]) nodes.push_back(v);
  if (o.k == 0) return Status::InvalidArgument("k must be at least 1 (how many nodes to remove)");
  if (o.k > nodes.size())
    return Status::InvalidArgument(
        fmt::format("k = {} but the network has only {} node{} that can be removed (people, organisations, phones and "
                    "accounts that are not victims)",
                    o.k, nodes.size(), nodes.size() == 1 ? "" : "s"));
  return nodes;
}

// Figures and per-player contributions of a chosen set.
void Finish(const graph::Graph& g, KeyPlayerResult& r) {
  std::vector<char> removed(g.num_nodes(), 0);
  r.before = FragmentsWithout(g).Figures();
  for (NodeId p : r.players) removed[p] = 1;
  r.after = FragmentsWithout(g, removed).Figures();
  FragmentCounter counter(g);
  r.contribution.clear();
  for (NodeId p : r.players) {
    removed[p] = 0;
    r.contribution.push_back(counter.ConnectedPairs(removed) - r.after.connected_pairs);
    removed[p] = 1;
  }
}

}  // namespace

Result<KeyPlayerResult> FindKeyPlayers(const graph::Graph& g, const KeyPlayerOptions& o) {
  KASHF_ASSIGN_OR_RETURN(std::vector<NodeId> pool, EligibleNodes(g, o));
  const graph::Csr& und = g.undirected();
  if (o.candidates && pool.size() > o.candidates) {
    std::stable_sort(pool.begin(), pool.end(), [&](NodeId a, NodeId b) { return und.Degree(a) > und.Degree(b); });
    pool.resize(std::max<size_t>(o.candidates, o.k));
    std::sort(pool.begin(), pool.end());
  }
  KeyPlayerResult r;
  r.candidates = static_cast<uint32_t>(pool.size());
  constexpr uint64_t kNone = std::numeric_limits<uint64_t>::max();
  std::vector<char> removed(g.num_nodes(), 0);
  // The candidate whose removal (on top of `mask`) leaves the fewest pairs; ties: the lowest node.
  auto best_single = [&](const std::vector<char>& mask) {
    const std::vector<uint64_t> pairs = PairsWithEachRemoved(g, mask);
    std::pair<uint64_t, NodeId> best{kNone, 0};
    for (NodeId c : pool)
      if (!mask[c] && pairs[c] < best.first) best = {pairs[c], c};
    return best;
  };

  // Greedy: each step removes the candidate that leaves the fewest connected pairs.
  for (uint32_t step = 0; step < o.k; ++step) {
    auto [pairs, c] = best_single(removed);
    ++r.graph_passes;
    removed[c] = 1;
    r.players.push_back(c);
    r.greedy_pairs.push_back(pairs);
  }
  // Swap improvement (Borgatti 2006): the best exchange of a player for a non-player, while it helps.
  // Putting player i back and asking PairsWithEachRemoved for every other node prices all exchanges of
  // i in one pass; the k passes of a round run in parallel and are combined in player order.
  const unsigned workers = graph::ThreadCount(o.threads);
  auto improve = [&](std::vector<NodeId>& players, uint64_t current) {
    uint32_t swaps = 0;
    const size_t k = players.size();
    for (uint32_t round = 0; round < o.max_swap_rounds; ++round) {
      std::vector<std::pair<uint64_t, NodeId>> best(k, {kNone, 0});
      graph::ParallelDynamic(
          k, workers,
          [&](unsigned, size_t i) {
            std::vector<char> mask = removed;
            mask[players[i]] = 0;
            best[i] = best_single(mask);
          },
          1);
      r.graph_passes += k;
      size_t at = 0;
      for (size_t i = 1; i < k; ++i)
        if (best[i].first < best[at].first) at = i;
      if (best[at].first >= current) break;
      removed[players[at]] = 0;
      players[at] = best[at].second;
      removed[players[at]] = 1;
      current = best[at].first;
      ++swaps;
    }
    return std::pair{current, swaps};
  };
  auto [best_pairs, swaps] = improve(r.players, r.greedy_pairs.back());
  r.swaps = swaps;
  std::vector<NodeId> best_players = r.players;
  std::mt19937_64 rng(o.seed);
  for (uint32_t start = 1; start <= o.restarts && pool.size() > o.k; ++start) {
    std::vector<NodeId> players;
    std::sample(pool.begin(), pool.end(), std::back_inserter(players), o.k, rng);
    std::fill(removed.begin(), removed.end(), 0);
    for (NodeId p : players) removed[p] = 1;
    auto [pairs, n_swaps] = improve(players, FragmentsWithout(g, removed).Figures().connected_pairs);
    ++r.graph_passes;
    if (pairs < best_pairs) {
      best_pairs = pairs;
      best_players = std::move(players);
      r.swaps = n_swaps;
      r.best_start = start;
    }
  }
  r.players = std::move(best_players);
  Finish(g, r);
  return r;
}

Result<KeyPlayerResult> FindKeyPlayersExhaustive(const graph::Graph& g, const KeyPlayerOptions& o, uint64_t max_sets) {
  KASHF_ASSIGN_OR_RETURN(std::vector<NodeId> pool, EligibleNodes(g, o));
  const size_t m = pool.size(), k = o.k;
  uint64_t sets = 1;  // C(m, k), stopping once above the limit
  for (size_t i = 0; i < k && sets <= max_sets; ++i) sets = sets * (m - i) / (i + 1);
  if (sets > max_sets)
    return Status::InvalidArgument(
        fmt::format("{} nodes choose {} is more than {} sets; use the greedy search", m, k, max_sets));
  std::vector<size_t> pick(k);
  std::iota(pick.begin(), pick.end(), 0);
  std::vector<char> removed(g.num_nodes(), 0);
  FragmentCounter counter(g);
  KeyPlayerResult r;
  r.candidates = static_cast<uint32_t>(m);
  uint64_t best = std::numeric_limits<uint64_t>::max();
  while (true) {
    for (size_t i : pick) removed[pool[i]] = 1;
    const uint64_t pairs = counter.ConnectedPairs(removed);
    ++r.graph_passes;
    if (pairs < best) {  // lexicographic order of visits: the first best set is the smallest
      best = pairs;
      r.players.clear();
      for (size_t i : pick) r.players.push_back(pool[i]);
    }
    for (size_t i : pick) removed[pool[i]] = 0;
    size_t j = k;  // next combination in lexicographic order
    while (j > 0 && pick[j - 1] == m - k + j - 1) --j;
    if (j == 0) break;
    ++pick[j - 1];
    for (size_t x = j; x < k; ++x) pick[x] = pick[x - 1] + 1;
  }
  r.greedy_pairs.assign(1, best);
  Finish(g, r);
  return r;
}

}  // namespace kashf::network
