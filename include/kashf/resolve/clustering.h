// Clustering of matched pairs into entities, and stable cluster ids.
// Components: union-find (Tarjan 1975) over edges taken in decreasing weight, with analyst
// judgements applied first: "match" pairs are joined unconditionally, and a "no-match" pair is a
// cannot-link constraint — an edge that would put both sides of one in the same cluster is skipped
// (so the strongest evidence wins and the weaker bridge is cut). Edges below
// `bridge_weight` only attach single records (see ClusterConstraints). Cluster-level consistency:
// with a `conflicts` test, an edge is skipped when any record of one side conflicts with any record
// of the other (two different national ids, two different day-precision birth dates), so a chain
// of pairwise matches cannot gather contradictory records; judgements ("match") still join them.
// Stable ids: a cluster keeps the id that most of its members had before (ties: smallest id; each
// old id goes to at most one new cluster, the one holding most of its members); a cluster with no
// previous id is named after its smallest member id, so re-running on the same data gives the same
// ids and adding records keeps existing ones.
#pragma once
#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace kashf::resolve {

struct ScoredEdge {
  uint32_t a = 0, b = 0;
  double weight = 0;
};

class UnionFind {
 public:
  explicit UnionFind(size_t n);
  uint32_t Find(uint32_t x);
  // Joins the sets of a and b; returns false if they were already one set.
  bool Union(uint32_t a, uint32_t b);
  uint32_t Size(uint32_t x) { return size_[Find(x)]; }

 private:
  std::vector<uint32_t> parent_;
  std::vector<uint8_t> rank_;
  std::vector<uint32_t> size_;
};

struct ClusterConstraints {
  std::vector<std::pair<uint32_t, uint32_t>> must_link;
  std::vector<std::pair<uint32_t, uint32_t>> cannot_link;
  // Edges below this weight may attach a single record to a cluster but never join two clusters
  // of several records each (one weak link must not chain two established entities together).
  // -infinity: every edge joins.
  double bridge_weight = -std::numeric_limits<double>::infinity();
  // Optional: records that carry conflict-relevant values (has_conflict_values), and whether two
  // of them may not share a cluster. Checked member against member, up to 64 of each side.
  std::function<bool(uint32_t)> has_conflict_values;
  std::function<bool(uint32_t, uint32_t)> conflicts;
  uint64_t* conflicts_skipped = nullptr;  // optional: counts edges skipped for a conflict
};

// Returns, for each of `n` records, a component representative (the smallest record index in the
// component). `seed_groups` (optional, may be empty) are groups already joined (incremental runs).
std::vector<uint32_t> ClusterRecords(size_t n, std::vector<ScoredEdge> edges, const ClusterConstraints& constraints,
                                     const std::vector<std::vector<uint32_t>>& seed_groups = {});

// Cluster id per record. `record_ids[i]` is record i's entity id; `previous` maps entity id -> its
// earlier cluster id (entities not in it are new).
std::vector<std::string> AssignStableClusterIds(const std::vector<uint32_t>& component_of,
                                                const std::vector<std::string>& record_ids,
                                                const std::unordered_map<std::string, std::string>& previous);

// The id a new cluster gets: "E" + 16 hex digits of StableHash64(smallest member entity id).
std::string NewClusterId(const std::string& smallest_member_id);

}  // namespace kashf::resolve
