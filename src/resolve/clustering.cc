#include "kashf/resolve/clustering.h"

#include <algorithm>
#include <map>
#include <numeric>

#include "kashf/core/hash.h"

namespace kashf::resolve {

UnionFind::UnionFind(size_t n) : parent_(n), rank_(n, 0), size_(n, 1) { std::iota(parent_.begin(), parent_.end(), 0u); }

uint32_t UnionFind::Find(uint32_t x) {
  while (parent_[x] != x) {
    parent_[x] = parent_[parent_[x]];  // path halving
    x = parent_[x];
  }
  return x;
}

bool UnionFind::Union(uint32_t a, uint32_t b) {
  a = Find(a);
  b = Find(b);
  if (a == b) return false;
  if (rank_[a] < rank_[b]) std::swap(a, b);
  parent_[b] = a;
  size_[a] += size_[b];
  if (rank_[a] == rank_[b]) ++rank_[a];
  return true;
}

std::vector<uint32_t> ClusterRecords(size_t n, std::vector<ScoredEdge> edges, const ClusterConstraints& constraints,
                                     const std::vector<std::vector<uint32_t>>& seed_groups) {
  UnionFind uf(n);
  for (const auto& group : seed_groups)
    for (size_t k = 1; k < group.size(); ++k) uf.Union(group[0], group[k]);
  for (const auto& [a, b] : constraints.must_link) uf.Union(a, b);
  // Cannot-link lists per current root; only records named in a no-match judgement appear.
  std::unordered_map<uint32_t, std::vector<uint32_t>> forbidden;  // root -> records that must stay apart
  for (const auto& [a, b] : constraints.cannot_link) {
    forbidden[uf.Find(a)].push_back(b);
    forbidden[uf.Find(b)].push_back(a);
  }
  std::sort(edges.begin(), edges.end(), [](const ScoredEdge& x, const ScoredEdge& y) {
    if (x.weight != y.weight) return x.weight > y.weight;
    return std::tie(x.a, x.b) < std::tie(y.a, y.b);
  });
  auto violates = [&](uint32_t ra, uint32_t rb) {
    for (auto [from, to] : {std::pair{ra, rb}, std::pair{rb, ra}}) {
      auto it = forbidden.find(from);
      if (it == forbidden.end()) continue;
      for (uint32_t x : it->second)
        if (uf.Find(x) == to) return true;
    }
    return false;
  };
  // Members with conflict-relevant values, per current root.
  std::unordered_map<uint32_t, std::vector<uint32_t>> holders;
  const bool check_conflicts = constraints.conflicts && constraints.has_conflict_values;
  if (check_conflicts) {
    for (uint32_t x = 0; x < n; ++x)
      if (constraints.has_conflict_values(x)) holders[uf.Find(x)].push_back(x);
  }
  auto inconsistent = [&](uint32_t ra, uint32_t rb) {
    auto ia = holders.find(ra), ib = holders.find(rb);
    if (ia == holders.end() || ib == holders.end()) return false;
    const size_t na = std::min<size_t>(ia->second.size(), 64), nb = std::min<size_t>(ib->second.size(), 64);
    for (size_t x = 0; x < na; ++x)
      for (size_t y = 0; y < nb; ++y)
        if (constraints.conflicts(ia->second[x], ib->second[y])) return true;
    return false;
  };
  auto merge_holders = [&](uint32_t ra, uint32_t rb) {  // after Union(ra, rb)
    const uint32_t root = uf.Find(ra), other = root == ra ? rb : ra;
    auto it = holders.find(other);
    if (it == holders.end()) return;
    auto moved = std::move(it->second);
    holders.erase(it);
    auto& into = holders[root];
    into.insert(into.end(), moved.begin(), moved.end());
  };
  for (const auto& e : edges) {
    uint32_t ra = uf.Find(e.a), rb = uf.Find(e.b);
    if (ra == rb) continue;
    if (e.weight < constraints.bridge_weight && uf.Size(ra) > 1 && uf.Size(rb) > 1) continue;
    if (check_conflicts && inconsistent(ra, rb)) {
      if (constraints.conflicts_skipped) ++*constraints.conflicts_skipped;
      continue;
    }
    if (!forbidden.empty()) {
      if (violates(ra, rb)) continue;
      uf.Union(ra, rb);
      if (check_conflicts) merge_holders(ra, rb);
      const uint32_t root = uf.Find(ra), other = root == ra ? rb : ra;
      if (auto it = forbidden.find(other); it != forbidden.end()) {
        auto moved = std::move(it->second);
        forbidden.erase(it);
        auto& into = forbidden[root];
        into.insert(into.end(), moved.begin(), moved.end());
      }
    } else {
      uf.Union(ra, rb);
      if (check_conflicts) merge_holders(ra, rb);
    }
  }
  std::vector<uint32_t> smallest(n, UINT32_MAX);
  for (uint32_t i = 0; i < n; ++i) {
    uint32_t r = uf.Find(i);
    smallest[r] = std::min(smallest[r], i);
  }
  std::vector<uint32_t> out(n);
  for (uint32_t i = 0; i < n; ++i) out[i] = smallest[uf.Find(i)];
  return out;
}

std::string NewClusterId(const std::string& smallest_member_id) {
  std::string id(1, 'E');
  id.append(Hex64(StableHash64(smallest_member_id)));
  return id;
}

std::vector<std::string> AssignStableClusterIds(const std::vector<uint32_t>& component_of,
                                                const std::vector<std::string>& record_ids,
                                                const std::unordered_map<std::string, std::string>& previous) {
  const size_t n = component_of.size();
  // Votes: (old id, component) -> members carrying it.
  std::map<std::pair<std::string, uint32_t>, uint32_t> votes;
  for (size_t i = 0; i < n; ++i)
    if (auto it = previous.find(record_ids[i]); it != previous.end()) ++votes[{it->second, component_of[i]}];
  // Each old id goes to the component holding most of its members (ties: smaller component index);
  // each component takes the old id with most votes (ties: smaller id).
  struct Candidate {
    uint32_t count;
    std::string old_id;
    uint32_t component;
  };
  std::vector<Candidate> candidates;
  for (const auto& [key, count] : votes) candidates.push_back({count, key.first, key.second});
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& x, const Candidate& y) {
    if (x.count != y.count) return x.count > y.count;
    if (x.old_id != y.old_id) return x.old_id < y.old_id;
    return x.component < y.component;
  });
  std::unordered_map<uint32_t, std::string> id_of_component;
  std::unordered_map<std::string, bool> old_taken;
  for (const auto& c : candidates) {
    if (id_of_component.count(c.component) || old_taken.count(c.old_id)) continue;
    id_of_component[c.component] = c.old_id;
    old_taken[c.old_id] = true;
  }
  std::unordered_map<uint32_t, const std::string*> smallest_id;  // component -> smallest member entity id
  for (size_t i = 0; i < n; ++i) {
    auto [it, inserted] = smallest_id.emplace(component_of[i], &record_ids[i]);
    if (!inserted && record_ids[i] < *it->second) it->second = &record_ids[i];
  }
  std::vector<std::string> out(n);
  for (size_t i = 0; i < n; ++i) {
    auto it = id_of_component.find(component_of[i]);
    if (it == id_of_component.end()) {
      // A split can leave the smallest member outside the part that kept the old id: then its
      // natural fresh id is taken, and a salted hash of the same member is used.
      std::string fresh = NewClusterId(*smallest_id[component_of[i]]);
      for (int salt = 1; old_taken.count(fresh); ++salt)
        fresh = NewClusterId(*smallest_id[component_of[i]] + "#" + std::to_string(salt));
      old_taken[fresh] = true;
      it = id_of_component.emplace(component_of[i], std::move(fresh)).first;
    }
    out[i] = it->second;
  }
  return out;
}

}  // namespace kashf::resolve
