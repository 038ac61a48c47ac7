// Louvain community detection: Blondel, Guillaume, Lambiotte & Lefebvre, "Fast unfolding of
// communities in large networks" (J. Stat. Mech. 2008). Local moving by modularity gain, then
// aggregation of communities into nodes, repeated until no level improves modularity.
#include <algorithm>
#include <numeric>

#include "kashf/graph/algorithms.h"

namespace kashf::graph {
namespace {

// Weighted undirected graph with self-loop weights (A_ii = 2 * self[i]).
struct WGraph {
  uint32_t n = 0;
  std::vector<uint64_t> off;
  std::vector<uint32_t> nbr;
  std::vector<double> w;
  std::vector<double> self;
};

// One local-moving pass to convergence; returns true if any node moved. comm: dense labels.
bool LocalMoving(const WGraph& g, std::vector<uint32_t>& comm, double m2) {
  std::vector<double> k(g.n, 0), tot(g.n, 0);
  for (uint32_t i = 0; i < g.n; ++i) {
    k[i] = 2 * g.self[i];
    for (uint64_t j = g.off[i]; j < g.off[i + 1]; ++j) k[i] += g.w[j];
    tot[comm[i]] += k[i];
  }
  std::vector<double> link(g.n, 0);
  std::vector<uint32_t> touched;
  std::vector<char> mark(g.n, 0);
  bool any = false;
  for (int pass = 0; pass < 100; ++pass) {
    bool moved = false;
    for (uint32_t i = 0; i < g.n; ++i) {
      uint32_t own = comm[i];
      touched.clear();
      touched.push_back(own);
      mark[own] = 1;
      for (uint64_t j = g.off[i]; j < g.off[i + 1]; ++j) {
        uint32_t c = comm[g.nbr[j]];
        if (!mark[c]) {
          mark[c] = 1;
          touched.push_back(c);
        }
        link[c] += g.w[j];
      }
      tot[own] -= k[i];
      uint32_t best = own;
      double best_gain = link[own] - tot[own] * k[i] / m2;
      for (uint32_t c : touched) {
        double gain = link[c] - tot[c] * k[i] / m2;
        if (gain > best_gain + 1e-12) {
          best_gain = gain;
          best = c;
        }
      }
      tot[best] += k[i];
      for (uint32_t c : touched) {
        link[c] = 0;
        mark[c] = 0;
      }
      if (best != own) {
        comm[i] = best;
        moved = true;
        any = true;
      }
    }
    if (!moved) break;
  }
  return any;
}

uint32_t Renumber(std::vector<uint32_t>& comm) {
  std::vector<uint32_t> map(comm.size(), ~0u);
  uint32_t next = 0;
  for (uint32_t& c : comm) {
    if (map[c] == ~0u) map[c] = next++;
    c = map[c];
  }
  return next;
}

WGraph Aggregate(const WGraph& g, const std::vector<uint32_t>& comm, uint32_t count) {
  std::vector<std::vector<std::pair<uint32_t, double>>> rows(count);
  WGraph a;
  a.n = count;
  a.self.assign(count, 0);
  for (uint32_t i = 0; i < g.n; ++i) {
    uint32_t ci = comm[i];
    a.self[ci] += g.self[i];
    for (uint64_t j = g.off[i]; j < g.off[i + 1]; ++j) {
      uint32_t cj = comm[g.nbr[j]];
      if (ci == cj) a.self[ci] += g.w[j] / 2;
      else rows[ci].push_back({cj, g.w[j]});
    }
  }
  a.off.assign(count + 1, 0);
  for (uint32_t c = 0; c < count; ++c) {
    auto& r = rows[c];
    std::sort(r.begin(), r.end());
    for (size_t i = 0; i < r.size(); ++i) {
      if (!a.nbr.empty() && a.off[c] < a.nbr.size() && a.nbr.back() == r[i].first) a.w.back() += r[i].second;
      else {
        a.nbr.push_back(r[i].first);
        a.w.push_back(r[i].second);
      }
    }
    a.off[c + 1] = a.nbr.size();
    std::vector<std::pair<uint32_t, double>>().swap(r);
  }
  return a;
}

}  // namespace

double Modularity(const Graph& g, const std::vector<uint32_t>& community) {
  const Csr& u = g.undirected();
  uint32_t count = 0;
  for (uint32_t c : community) count = std::max(count, c + 1);
  std::vector<double> in(count, 0), tot(count, 0);
  double m2 = 0;
  for (NodeId i = 0; i < g.num_nodes(); ++i) {
    auto nb = u.Neighbours(i);
    auto w = u.Weights(i);
    for (size_t j = 0; j < nb.size(); ++j) {
      m2 += w[j];
      tot[community[i]] += w[j];
      if (community[nb[j]] == community[i]) in[community[i]] += w[j];
    }
  }
  if (m2 == 0) return 0;
  double q = 0;
  for (uint32_t c = 0; c < count; ++c) q += in[c] / m2 - (tot[c] / m2) * (tot[c] / m2);
  return q;
}

LouvainResult Louvain(const Graph& g, int max_levels) {
  LouvainResult r;
  const Csr& u = g.undirected();
  WGraph wg;
  wg.n = g.num_nodes();
  wg.off = u.offsets;
  wg.nbr = u.nbr;
  wg.w.assign(u.weight.begin(), u.weight.end());
  wg.self.assign(wg.n, 0);
  double m2 = 0;
  for (double x : wg.w) m2 += x;
  r.community.resize(wg.n);
  std::iota(r.community.begin(), r.community.end(), 0);
  r.count = wg.n;
  if (m2 == 0) {
    r.modularity = 0;
    return r;
  }
  for (int level = 0; level < max_levels; ++level) {
    std::vector<uint32_t> comm(wg.n);
    std::iota(comm.begin(), comm.end(), 0);
    if (!LocalMoving(wg, comm, m2)) break;
    uint32_t count = Renumber(comm);
    for (uint32_t& c : r.community) c = comm[c];
    r.count = count;
    if (count == wg.n) break;
    wg = Aggregate(wg, comm, count);
  }
  r.count = Renumber(r.community);
  r.modularity = Modularity(g, r.community);
  return r;
}

}  // namespace kashf::graph
