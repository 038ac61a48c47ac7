// Key-player search, KPP-Neg (Borgatti 2006, "Identifying sets of key players in a social network",
// Comput. Math. Organ. Theory 12:21-34): choose k nodes whose removal fragments the network most,
// i.e. leaves the fewest connected pairs among the remaining nodes (equivalently, the highest
// fragmentation F; fragmentation.h). Finding the best set is NP-hard; FindKeyPlayers is greedy
// (each step removes the node that disconnects most pairs) followed by Borgatti's swap improvement
// (exchange a chosen node for an unchosen one while that lowers the connected pairs; steepest
// descent), so its set is a local optimum. FindKeyPlayersExhaustive tries every set and is the
// reference on small networks.
// Thread safety: pure functions of their arguments.
#pragma once
#include <cstdint>
#include <vector>

#include "kashf/core/result.h"
#include "kashf/graph/graph.h"
#include "kashf/network/fragmentation.h"

namespace kashf::network {

struct KeyPlayerOptions {
  uint32_t k = 3;
  // Nodes that may be chosen, one flag per node (the CLI and API allow actors that are not victims:
  // a place or a firearm cannot be arrested); empty = every node.
  std::vector<char> eligible{};
  // Only the `candidates` eligible nodes of highest degree (ties: lower node id) are tried;
  // 0 = all eligible nodes. The cost does not depend on it: each greedy step is one depth-first
  // search that prices every node (PairsWithEachRemoved), each swap round k of them, so a search
  // costs about (k + (1 + restarts)·rounds·k)·(n + m).
  uint32_t candidates = 0;
  uint32_t max_swap_rounds = 50;
  // Borgatti's search starts from random sets; this one starts from the greedy set and then from
  // `restarts` random sets of candidates (drawn with `seed`), improves each by swaps and keeps the
  // best (ties: the earliest start).
  uint32_t restarts = 8;
  uint64_t seed = 1;
  unsigned threads = 0;  // 0 = hardware concurrency; the result does not depend on it
};

struct KeyPlayerResult {
  std::vector<graph::NodeId> players;  // the chosen set, in greedy order (a swap replaces in place)
  // Per player, the pairs reconnected if that one alone were left in place (its share of the effect).
  std::vector<uint64_t> contribution;
  ComponentFigures before, after;      // the whole network; without the players
  std::vector<uint64_t> greedy_pairs;  // connected pairs after each greedy step
  uint32_t best_start = 0;             // 0: the greedy set; i: the i-th random start
  uint32_t candidates = 0;             // nodes tried
  uint32_t swaps = 0;                  // improving swaps from the start that won
  uint64_t graph_passes = 0;           // searches over the whole graph (each prices every candidate)
};

// Greedy + swap. InvalidArgument when k is 0 or larger than the eligible nodes (the message says
// how many there are), or `eligible` has the wrong length.
Result<KeyPlayerResult> FindKeyPlayers(const graph::Graph& g, const KeyPlayerOptions& o);

// Every k-subset of the eligible nodes (`candidates` is ignored); the best set, ties broken by the
// lexicographically smallest set of node ids. InvalidArgument as above, or when there are more than
// `max_sets` subsets.
Result<KeyPlayerResult> FindKeyPlayersExhaustive(const graph::Graph& g, const KeyPlayerOptions& o,
                                                 uint64_t max_sets = 5'000'000);

}  // namespace kashf::network
