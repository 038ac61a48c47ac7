// CSR construction: counting sort by source (Shun & Blelloch-style two-pass bucket fill, as in
// the GAP Benchmark Suite's builder), then per-vertex sort and merge of parallel edges.
#include "kashf/graph/graph.h"

#include <algorithm>
#include <cstdio>
#include <thread>

#include "parallel.h"

namespace kashf::graph {

const char* RelationName(Relation r) {
  static const char* kNames[] = {"call", "payment", "involvement", "family", "associate",
                                 "travel", "ownership", "membership", "other"};
  return kNames[static_cast<int>(r)];
}

Result<Relation> ParseRelation(const std::string& name) {
  for (int i = 0; i < kRelationCount; ++i)
    if (name == RelationName(static_cast<Relation>(i))) return static_cast<Relation>(i);
  return Status::InvalidArgument("unknown relation '" + name +
                                 "'; use call, payment, involvement, family, associate, travel, ownership, membership or other");
}

const char* ChannelName(Channel c) {
  static const char* kNames[] = {"", "bank", "wallet", "hawala", "cash"};
  return kNames[static_cast<int>(c)];
}

Channel ParseChannel(const std::string& name) {
  for (int i = 1; i < 5; ++i)
    if (name == ChannelName(static_cast<Channel>(i))) return static_cast<Channel>(i);
  return Channel::kNone;
}

EdgeList Filter(const EdgeList& in, const EdgeFilter& f) {
  EdgeList out;
  out.num_nodes = in.num_nodes;
  out.agencies = in.agencies;
  for (const Edge& e : in.edges) {
    if (e.day != 0 && (e.day < f.from_day || e.day > f.to_day)) continue;
    if (!(f.relations & (1u << static_cast<unsigned>(e.rel)))) continue;
    if (!f.agencies.empty() && std::find(f.agencies.begin(), f.agencies.end(), e.agency) == f.agencies.end()) continue;
    out.edges.push_back(e);
  }
  return out;
}

namespace {

// Fills `csr` from (key, other, weight) triples; merges duplicates, drops self-loops.
void FillCsr(uint32_t n, size_t m, const NodeId* key, const NodeId* other, const float* w, Csr& csr,
             unsigned threads) {
  std::vector<uint64_t> count(static_cast<size_t>(n) + 1, 0);
  for (size_t i = 0; i < m; ++i)
    if (key[i] < n && other[i] < n && key[i] != other[i]) ++count[key[i] + 1];
  for (uint32_t v = 0; v < n; ++v) count[v + 1] += count[v];
  std::vector<NodeId> nbr(count[n]);
  std::vector<float> wt(count[n]);
  std::vector<uint64_t> pos(count.begin(), count.end() - 1);
  for (size_t i = 0; i < m; ++i) {
    if (key[i] >= n || other[i] >= n || key[i] == other[i]) continue;
    uint64_t p = pos[key[i]]++;
    nbr[p] = other[i];
    wt[p] = w ? w[i] : 1.0f;
  }
  // Sort each row and merge duplicates in place; remember the merged length per row.
  std::vector<uint64_t> len(n);
  ParallelFor(n, threads, [&](size_t v) {
    uint64_t b = count[v], e = count[v + 1];
    if (e - b > 1) {
      std::vector<std::pair<NodeId, float>> row(e - b);
      for (uint64_t i = b; i < e; ++i) row[i - b] = {nbr[i], wt[i]};
      std::sort(row.begin(), row.end(), [](auto& a, auto& c) { return a.first < c.first; });
      uint64_t o = b;
      for (size_t i = 0; i < row.size(); ++i) {
        if (o > b && nbr[o - 1] == row[i].first) {
          wt[o - 1] += row[i].second;
        } else {
          nbr[o] = row[i].first;
          wt[o] = row[i].second;
          ++o;
        }
      }
      len[v] = o - b;
    } else {
      len[v] = e - b;
    }
  });
  csr.offsets.assign(static_cast<size_t>(n) + 1, 0);
  for (uint32_t v = 0; v < n; ++v) csr.offsets[v + 1] = csr.offsets[v] + len[v];
  csr.nbr.resize(csr.offsets[n]);
  csr.weight.resize(csr.offsets[n]);
  ParallelFor(n, threads, [&](size_t v) {
    std::copy_n(nbr.begin() + static_cast<std::ptrdiff_t>(count[v]), len[v], csr.nbr.begin() + static_cast<std::ptrdiff_t>(csr.offsets[v]));
    std::copy_n(wt.begin() + static_cast<std::ptrdiff_t>(count[v]), len[v], csr.weight.begin() + static_cast<std::ptrdiff_t>(csr.offsets[v]));
  });
}

}  // namespace

Graph Graph::Build(uint32_t num_nodes, std::span<const NodeId> src, std::span<const NodeId> dst,
                   std::span<const float> weight, unsigned threads) {
  Graph g;
  g.n_ = num_nodes;
  size_t m = std::min(src.size(), dst.size());
  const float* w = weight.empty() ? nullptr : weight.data();
  FillCsr(num_nodes, m, src.data(), dst.data(), w, g.out_, threads);
  FillCsr(num_nodes, m, dst.data(), src.data(), w, g.in_, threads);
  // Undirected: both directions of every merged out-edge.
  std::vector<NodeId> a, b;
  std::vector<float> uw;
  size_t mm = g.out_.nbr.size();
  a.resize(2 * mm);
  b.resize(2 * mm);
  uw.resize(2 * mm);
  size_t i = 0;
  for (uint32_t v = 0; v < num_nodes; ++v)
    for (uint64_t j = g.out_.offsets[v]; j < g.out_.offsets[v + 1]; ++j) {
      a[i] = v; b[i] = g.out_.nbr[j]; uw[i] = g.out_.weight[j]; ++i;
      a[i] = g.out_.nbr[j]; b[i] = v; uw[i] = g.out_.weight[j]; ++i;
    }
  FillCsr(num_nodes, i, a.data(), b.data(), uw.data(), g.und_, threads);
  return g;
}

Graph Graph::Build(const EdgeList& edges, unsigned threads) {
  std::vector<NodeId> s(edges.edges.size()), d(edges.edges.size());
  std::vector<float> w(edges.edges.size());
  for (size_t i = 0; i < edges.edges.size(); ++i) {
    s[i] = edges.edges[i].src;
    d[i] = edges.edges[i].dst;
    w[i] = edges.edges[i].weight;
  }
  return Build(edges.num_nodes, s, d, w, threads);
}

TemporalIndex::TemporalIndex(const EdgeList& edges) : edges_(&edges) {
  uint32_t n = edges.num_nodes;
  auto fill = [&](bool out, std::vector<uint64_t>& off, std::vector<uint32_t>& idx, std::vector<int32_t>& day) {
    off.assign(static_cast<size_t>(n) + 1, 0);
    for (const Edge& e : edges.edges) {
      NodeId k = out ? e.src : e.dst;
      if (k < n) ++off[k + 1];
    }
    for (uint32_t v = 0; v < n; ++v) off[v + 1] += off[v];
    idx.resize(off[n]);
    std::vector<uint64_t> pos(off.begin(), off.end() - 1);
    for (uint32_t i = 0; i < edges.edges.size(); ++i) {
      NodeId k = out ? edges.edges[i].src : edges.edges[i].dst;
      if (k < n) idx[pos[k]++] = i;
    }
    ParallelFor(n, 0, [&](size_t v) {
      std::stable_sort(idx.begin() + static_cast<std::ptrdiff_t>(off[v]), idx.begin() + static_cast<std::ptrdiff_t>(off[v + 1]),
                       [&](uint32_t x, uint32_t y) { return edges.edges[x].day < edges.edges[y].day; });
    });
    day.resize(idx.size());
    for (size_t i = 0; i < idx.size(); ++i) day[i] = edges.edges[idx[i]].day;
  };
  fill(true, out_off_, out_idx_, out_day_);
  fill(false, in_off_, in_idx_, in_day_);
}

namespace {
std::span<const uint32_t> Window(const std::vector<uint64_t>& off, const std::vector<uint32_t>& idx,
                                 const std::vector<int32_t>& day, NodeId v, int32_t from, int32_t to) {
  if (static_cast<size_t>(v) + 1 >= off.size()) return {};
  auto b = day.begin() + static_cast<std::ptrdiff_t>(off[v]), e = day.begin() + static_cast<std::ptrdiff_t>(off[v + 1]);
  auto lo = std::lower_bound(b, e, from), hi = std::upper_bound(lo, e, to);
  return {idx.data() + (lo - day.begin()), static_cast<size_t>(hi - lo)};
}
}  // namespace

std::span<const uint32_t> TemporalIndex::Out(NodeId v, int32_t from_day, int32_t to_day) const {
  return Window(out_off_, out_idx_, out_day_, v, from_day, to_day);
}
std::span<const uint32_t> TemporalIndex::In(NodeId v, int32_t from_day, int32_t to_day) const {
  return Window(in_off_, in_idx_, in_day_, v, from_day, to_day);
}

// Howard Hinnant's days_from_civil.
static int32_t DaysFromCivil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

Result<int32_t> DayFromIso(const std::string& iso) {
  int y = 0;
  unsigned m = 1, d = 1;
  int got = std::sscanf(iso.c_str(), "%4d-%2u-%2u", &y, &m, &d);
  if (got < 1 || y < 1000 || m < 1 || m > 12 || d < 1 || d > 31)
    return Status::InvalidArgument("date '" + iso + "' is not YYYY, YYYY-MM or YYYY-MM-DD");
  return DaysFromCivil(y, m, d);
}

std::string IsoFromDay(int32_t z) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int y = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, d);
  return buf;
}

}  // namespace kashf::graph
