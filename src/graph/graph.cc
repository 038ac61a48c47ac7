// CSR construction as in the GAP Benchmark Suite's builder (Beamer, Asanović & Patterson 2015):
// a stable parallel counting sort of the edges by source (per-block histograms), a per-row sort
// and merge of parallel edges; the in-adjacency is the transpose of the merged out-adjacency and
// the undirected view merges both, so only one sort is needed.
#include "kashf/graph/graph.h"

#include <algorithm>
#include <cstdio>
#include <numeric>
#include <thread>

#include "kashf/graph/parallel.h"

namespace kashf::graph {

const char* RelationName(Relation r) {
  static const char* kNames[] = {"call",   "payment",   "involvement", "family",  "associate",
                                 "travel", "ownership", "membership",  "meeting", "other"};
  return kNames[static_cast<int>(r)];
}

Result<Relation> ParseRelation(const std::string& name) {
  for (int i = 0; i < kRelationCount; ++i)
    if (name == RelationName(static_cast<Relation>(i))) return static_cast<Relation>(i);
  return Status::InvalidArgument(
      "unknown relation '" + name +
      "'; use call, payment, involvement, family, associate, travel, ownership, membership, meeting or other");
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
  out.currencies = in.currencies;
  for (const Edge& e : in.edges) {
    if (e.day != 0 && (e.day < f.from_day || e.day > f.to_day)) continue;
    if (!(f.relations & (1u << static_cast<unsigned>(e.rel)))) continue;
    if (!f.agencies.empty() && std::find(f.agencies.begin(), f.agencies.end(), e.agency) == f.agencies.end()) continue;
    out.edges.push_back(e);
  }
  return out;
}

namespace {

// Stable parallel counting sort of the pairs (key[i], other[i], w[i]) into rows of `csr`, keeping
// only pairs that pass keep(i). Each block of input indices counts into its own histogram, so the
// order inside a row is the input order for any thread count.
template <typename Keep>
void Scatter(uint32_t n, size_t m, const NodeId* key, const NodeId* other, const float* w, Keep keep,
             std::vector<uint64_t>& offsets, std::vector<NodeId>& nbr, std::vector<float>& wt, unsigned threads) {
  const unsigned blocks = BlocksFor(m, threads);
  std::vector<std::vector<uint64_t>> hist(blocks);
  ParallelBlocks(m, blocks, [&](unsigned b, size_t lo, size_t hi) {
    hist[b].assign(n, 0);
    for (size_t i = lo; i < hi; ++i)
      if (keep(i)) ++hist[b][key[i]];
  });
  offsets.assign(static_cast<size_t>(n) + 1, 0);
  for (uint32_t v = 0; v < n; ++v) {
    uint64_t run = offsets[v];
    for (unsigned b = 0; b < blocks; ++b) {
      uint64_t c = hist[b][v];
      hist[b][v] = run;  // becomes block b's write position in row v
      run += c;
    }
    offsets[v + 1] = run;
  }
  nbr.resize(offsets[n]);
  wt.resize(offsets[n]);
  ParallelBlocks(m, blocks, [&](unsigned b, size_t lo, size_t hi) {
    std::vector<uint64_t>& pos = hist[b];
    for (size_t i = lo; i < hi; ++i) {
      if (!keep(i)) continue;
      uint64_t p = pos[key[i]]++;
      nbr[p] = other[i];
      wt[p] = w ? w[i] : 1.0f;
    }
  });
}

// Sorts each row by neighbour and merges duplicates (weights summed) into `csr`.
void SortAndMerge(uint32_t n, const std::vector<uint64_t>& offsets, std::vector<NodeId>& nbr, std::vector<float>& wt,
                  Csr& csr, unsigned threads) {
  std::vector<uint64_t> len(n);
  ParallelFor(
      n, threads,
      [&](size_t v) {
        thread_local std::vector<std::pair<NodeId, float>> row;
        const uint64_t b = offsets[v], e = offsets[v + 1];
        if (e - b > 1) {
          row.resize(e - b);
          for (uint64_t i = b; i < e; ++i) row[i - b] = {nbr[i], wt[i]};
          std::stable_sort(row.begin(), row.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
          uint64_t o = b;
          for (const auto& [u, x] : row) {
            if (o > b && nbr[o - 1] == u) {
              wt[o - 1] += x;
            } else {
              nbr[o] = u;
              wt[o] = x;
              ++o;
            }
          }
          len[v] = o - b;
        } else {
          len[v] = e - b;
        }
      },
      1024);
  csr.offsets.assign(static_cast<size_t>(n) + 1, 0);
  for (uint32_t v = 0; v < n; ++v) csr.offsets[v + 1] = csr.offsets[v] + len[v];
  if (csr.offsets[n] == offsets[n]) {  // nothing merged: keep the arrays
    csr.nbr = std::move(nbr);
    csr.weight = std::move(wt);
    return;
  }
  csr.nbr.resize(csr.offsets[n]);
  csr.weight.resize(csr.offsets[n]);
  ParallelFor(n, threads, [&](size_t v) {
    std::copy_n(nbr.begin() + static_cast<std::ptrdiff_t>(offsets[v]), len[v],
                csr.nbr.begin() + static_cast<std::ptrdiff_t>(csr.offsets[v]));
    std::copy_n(wt.begin() + static_cast<std::ptrdiff_t>(offsets[v]), len[v],
                csr.weight.begin() + static_cast<std::ptrdiff_t>(csr.offsets[v]));
  });
}

// In-adjacency as the transpose of the merged out-adjacency: rows come out sorted by source
// because sources are scattered in increasing order (blocks of sources, block order kept).
void Transpose(uint32_t n, const Csr& out, Csr& in, unsigned threads) {
  const unsigned blocks = BlocksFor(out.nbr.size(), threads);
  std::vector<std::vector<uint64_t>> hist(blocks);
  // Blocks are ranges of sources with about equal edge counts.
  std::vector<uint32_t> first{0};
  for (unsigned b = 1; b < blocks; ++b) {
    uint64_t target = out.nbr.size() * b / blocks;
    auto at =
        static_cast<uint32_t>(std::lower_bound(out.offsets.begin(), out.offsets.end(), target) - out.offsets.begin());
    first.push_back(std::max(first.back(), std::min(at, n)));
  }
  first.push_back(n);
  ParallelBlocks(blocks, blocks, [&](unsigned b, size_t, size_t) {
    hist[b].assign(n, 0);
    for (uint64_t j = out.offsets[first[b]]; j < out.offsets[first[b + 1]]; ++j) ++hist[b][out.nbr[j]];
  });
  in.offsets.assign(static_cast<size_t>(n) + 1, 0);
  for (uint32_t v = 0; v < n; ++v) {
    uint64_t run = in.offsets[v];
    for (unsigned b = 0; b < blocks; ++b) {
      uint64_t c = hist[b][v];
      hist[b][v] = run;
      run += c;
    }
    in.offsets[v + 1] = run;
  }
  in.nbr.resize(out.nbr.size());
  in.weight.resize(out.nbr.size());
  ParallelBlocks(blocks, blocks, [&](unsigned b, size_t, size_t) {
    for (uint32_t s = first[b]; s < first[b + 1]; ++s)
      for (uint64_t j = out.offsets[s]; j < out.offsets[s + 1]; ++j) {
        uint64_t p = hist[b][out.nbr[j]]++;
        in.nbr[p] = s;
        in.weight[p] = out.weight[j];
      }
  });
}

// Undirected adjacency: per vertex, the sorted merge of its out- and in-rows (u-v weight is
// w(u->v) + w(v->u)).
void MergeDirections(uint32_t n, const Csr& out, const Csr& in, Csr& und, unsigned threads) {
  auto merge = [&](NodeId v, NodeId* nb, float* w) {
    auto a = out.Neighbours(v), b = in.Neighbours(v);
    auto aw = out.Weights(v), bw = in.Weights(v);
    size_t i = 0, j = 0, k = 0;
    while (i < a.size() || j < b.size()) {
      NodeId u;
      float x;
      if (j == b.size() || (i < a.size() && a[i] < b[j])) {
        u = a[i];
        x = aw[i];
        ++i;
      } else if (i == a.size() || b[j] < a[i]) {
        u = b[j];
        x = bw[j];
        ++j;
      } else {
        u = a[i];
        x = aw[i] + bw[j];
        ++i;
        ++j;
      }
      if (nb) {
        nb[k] = u;
        w[k] = x;
      }
      ++k;
    }
    return k;
  };
  std::vector<uint64_t> len(n);
  ParallelFor(n, threads, [&](size_t v) { len[v] = merge(static_cast<NodeId>(v), nullptr, nullptr); });
  und.offsets.assign(static_cast<size_t>(n) + 1, 0);
  for (uint32_t v = 0; v < n; ++v) und.offsets[v + 1] = und.offsets[v] + len[v];
  und.nbr.resize(und.offsets[n]);
  und.weight.resize(und.offsets[n]);
  ParallelFor(n, threads, [&](size_t v) {
    merge(static_cast<NodeId>(v), und.nbr.data() + und.offsets[v], und.weight.data() + und.offsets[v]);
  });
}

}  // namespace

Graph Graph::Build(uint32_t num_nodes, std::span<const NodeId> src, std::span<const NodeId> dst,
                   std::span<const float> weight, unsigned threads) {
  Graph g;
  g.n_ = num_nodes;
  const size_t m = std::min(src.size(), dst.size());
  const float* w = weight.size() >= m ? weight.data() : nullptr;
  const NodeId* s = src.data();
  const NodeId* d = dst.data();
  auto keep = [&](size_t i) { return s[i] < num_nodes && d[i] < num_nodes && s[i] != d[i]; };
  std::vector<uint64_t> offsets;
  std::vector<NodeId> nbr;
  std::vector<float> wt;
  Scatter(num_nodes, m, s, d, w, keep, offsets, nbr, wt, threads);
  SortAndMerge(num_nodes, offsets, nbr, wt, g.out_, threads);
  Transpose(num_nodes, g.out_, g.in_, threads);
  MergeDirections(num_nodes, g.out_, g.in_, g.und_, threads);
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
  const uint32_t n = edges.num_nodes;
  const auto m = static_cast<uint32_t>(edges.edges.size());
  // Edge indexes in (day, index) order: a counting sort over the day range when it is modest,
  // else a comparison sort. Scattering them by vertex keeps that order inside every row, so no
  // per-row sort is needed.
  std::vector<uint32_t> by_day(m);
  int32_t lo = INT32_MAX, hi = INT32_MIN;
  for (const Edge& e : edges.edges) {
    lo = std::min(lo, e.day);
    hi = std::max(hi, e.day);
  }
  const int64_t range = m ? static_cast<int64_t>(hi) - lo + 1 : 0;
  if (m && range <= std::max<int64_t>(1 << 20, 4 * static_cast<int64_t>(m))) {
    std::vector<uint32_t> count(static_cast<size_t>(range) + 1, 0);
    for (const Edge& e : edges.edges) ++count[static_cast<size_t>(e.day - lo) + 1];
    for (size_t d = 0; d + 1 < count.size(); ++d) count[d + 1] += count[d];
    for (uint32_t i = 0; i < m; ++i) by_day[count[static_cast<size_t>(edges.edges[i].day - lo)]++] = i;
  } else {
    std::iota(by_day.begin(), by_day.end(), 0);
    std::stable_sort(by_day.begin(), by_day.end(),
                     [&](uint32_t x, uint32_t y) { return edges.edges[x].day < edges.edges[y].day; });
  }
  auto fill = [&](bool out, std::vector<uint64_t>& off, std::vector<uint32_t>& idx, std::vector<int32_t>& day) {
    off.assign(static_cast<size_t>(n) + 1, 0);
    for (const Edge& e : edges.edges) {
      NodeId k = out ? e.src : e.dst;
      if (k < n) ++off[k + 1];
    }
    for (uint32_t v = 0; v < n; ++v) off[v + 1] += off[v];
    idx.resize(off[n]);
    day.resize(off[n]);
    std::vector<uint64_t> pos(off.begin(), off.end() - 1);
    for (uint32_t i : by_day) {
      const Edge& e = edges.edges[i];
      NodeId k = out ? e.src : e.dst;
      if (k >= n) continue;
      uint64_t p = pos[k]++;
      idx[p] = i;
      day[p] = e.day;
    }
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
