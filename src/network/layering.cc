// Layering patterns in payments (FATF's "placement, layering, integration"): fan-out / fan-in
// (one account splitting to, or gathering from, many within a window), scatter-gather (money
// split over intermediaries and gathered again at one sink) and round trips (time-respecting
// cycles back to the sender). Nodes are searched in parallel; each worker keeps its own findings
// and the merge sorts them, so the report does not depend on the thread count.
#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>
#include <unordered_map>

#include "kashf/graph/parallel.h"
#include "kashf/network/money_trail.h"

namespace kashf::network {
namespace {

bool Fits(double prev, double next, double tolerance) {
  return tolerance < 0 || std::fabs(next - prev) <= tolerance * prev;
}

// Best window (most distinct counterparties, then largest amount) of one node's payments in one
// direction; `idx` is in day order.
Fan BestFan(const graph::EdgeList& el, NodeId v, std::span<const uint32_t> idx, bool out, const LayeringOptions& o) {
  Fan best;
  best.node = v;
  std::unordered_map<NodeId, uint32_t> count;
  uint32_t distinct = 0;
  double amount = 0;
  size_t lo = 0;
  std::vector<uint32_t> kept;
  for (uint32_t i : idx) {
    const graph::Edge& e = el.edges[i];
    if (e.day != 0 && e.amount >= o.min_amount) kept.push_back(i);
  }
  size_t best_lo = 0, best_hi = 0;
  for (size_t hi = 0; hi < kept.size(); ++hi) {
    const graph::Edge& e = el.edges[kept[hi]];
    if (count[out ? e.dst : e.src]++ == 0) ++distinct;
    amount += e.amount;
    while (el.edges[kept[lo]].day < e.day - o.days) {
      const graph::Edge& f = el.edges[kept[lo]];
      if (--count[out ? f.dst : f.src] == 0) --distinct;
      amount -= f.amount;
      ++lo;
    }
    if (distinct > best.branches || (distinct == best.branches && amount > best.amount)) {
      best.branches = distinct;
      best.amount = amount;
      best_lo = lo;
      best_hi = hi + 1;
    }
  }
  if (best.branches == 0 || best.branches < o.min_branches) return Fan{};
  best.payments = static_cast<uint32_t>(best_hi - best_lo);
  best.first_day = el.edges[kept[best_lo]].day;
  best.last_day = el.edges[kept[best_hi - 1]].day;
  best.amount = 0;
  for (size_t k = best_lo; k < best_hi; ++k) {
    const graph::Edge& e = el.edges[kept[k]];
    best.amount += e.amount;
    best.counterparties.push_back(out ? e.dst : e.src);
  }
  std::sort(best.counterparties.begin(), best.counterparties.end());
  best.counterparties.erase(std::unique(best.counterparties.begin(), best.counterparties.end()),
                            best.counterparties.end());
  return best;
}

struct Leg {
  NodeId mid;
  int32_t d1, d2;
  double a1, a2;
};

void FindScatterGather(const graph::EdgeList& el, const graph::TemporalIndex& ti, NodeId s, const LayeringOptions& o,
                       std::vector<ScatterGather>& found) {
  std::map<NodeId, std::vector<Leg>> by_sink;
  for (uint32_t i : ti.Out(s, 1, INT32_MAX)) {
    const graph::Edge& e1 = el.edges[i];
    if (e1.amount < o.min_amount || e1.dst == s) continue;
    for (uint32_t j : ti.Out(e1.dst, e1.day, e1.day + o.days)) {
      const graph::Edge& e2 = el.edges[j];
      if (e2.dst == s || e2.dst == e1.dst || e2.amount < o.min_amount || !Fits(e1.amount, e2.amount, o.tolerance))
        continue;
      by_sink[e2.dst].push_back({e1.dst, e1.day, e2.day, e1.amount, e2.amount});
    }
  }
  for (auto& [sink, legs] : by_sink) {
    if (legs.size() < o.min_branches) continue;
    std::sort(legs.begin(), legs.end(),
              [](const Leg& a, const Leg& b) { return a.d1 != b.d1 ? a.d1 < b.d1 : a.mid < b.mid; });
    ScatterGather best;
    for (size_t a = 0; a < legs.size(); ++a) {
      // Legs starting at or after legs[a] and finishing within the window.
      std::map<NodeId, std::pair<double, double>> mids;  // one leg per intermediary (the first)
      int32_t last = legs[a].d2;
      for (size_t b = a; b < legs.size() && legs[b].d1 <= legs[a].d1 + o.days; ++b) {
        if (legs[b].d2 > legs[a].d1 + o.days) continue;
        if (mids.emplace(legs[b].mid, std::make_pair(legs[b].a1, legs[b].a2)).second) last = std::max(last, legs[b].d2);
      }
      if (mids.size() < o.min_branches) continue;
      double out = 0, in = 0;
      for (const auto& [mid, amounts] : mids) {
        out += amounts.first;
        in += amounts.second;
      }
      if (mids.size() > best.intermediaries.size() ||
          (mids.size() == best.intermediaries.size() && in > best.amount_in)) {
        best.source = s;
        best.sink = sink;
        best.intermediaries.clear();
        for (const auto& kv : mids) best.intermediaries.push_back(kv.first);
        best.amount_out = out;
        best.amount_in = in;
        best.first_day = legs[a].d1;
        best.last_day = last;
      }
    }
    if (!best.intermediaries.empty()) found.push_back(std::move(best));
  }
}

// Time-respecting cycles s -> ... -> s of 2..max_cycle_hops payments within the window.
class CycleSearch {
 public:
  CycleSearch(const graph::EdgeList& el, const graph::TemporalIndex& ti, const LayeringOptions& o,
              std::vector<char>& visited)
      : el_(el), ti_(ti), o_(o), visited_(visited) {}

  void From(NodeId s, std::vector<RoundTrip>& found) {
    start_ = s;
    budget_ = 200000;  // hops examined per start node: bounds the work around very busy nodes
    visited_[s] = 1;
    for (uint32_t i : ti_.Out(s, 1, INT32_MAX)) {
      const graph::Edge& e = el_.edges[i];
      if (e.amount < o_.min_amount) continue;
      Step(i, e.day, found);
      if (budget_ == 0) break;
    }
    visited_[s] = 0;
  }

 private:
  void Step(uint32_t i, int32_t first_day, std::vector<RoundTrip>& found) {
    if (budget_ == 0) return;
    --budget_;
    const graph::Edge& e = el_.edges[i];
    path_.push_back({i, e.src, e.dst, e.day, e.amount, e.channel});
    if (e.dst == start_) {
      if (path_.size() >= 2) {
        RoundTrip r;
        r.hops = path_;
        r.amount_out = path_.front().amount;
        r.amount_back = path_.back().amount;
        found.push_back(std::move(r));
      }
    } else if (!visited_[e.dst] && path_.size() < o_.max_cycle_hops) {
      visited_[e.dst] = 1;
      for (uint32_t j : ti_.Out(e.dst, e.day, first_day + o_.days)) {
        const graph::Edge& f = el_.edges[j];
        if (f.amount < o_.min_amount || !Fits(e.amount, f.amount, o_.tolerance)) continue;
        if (f.dst != start_ && (visited_[f.dst] || path_.size() + 1 >= o_.max_cycle_hops)) continue;
        Step(j, first_day, found);
      }
      visited_[e.dst] = 0;
    }
    path_.pop_back();
  }

  const graph::EdgeList& el_;
  const graph::TemporalIndex& ti_;
  const LayeringOptions& o_;
  std::vector<char>& visited_;
  std::vector<TrailHop> path_;
  NodeId start_ = 0;
  uint64_t budget_ = 0;
};

}  // namespace

namespace {

// Orders of the report, largest first; total orders, so the top `limit` is the same whichever worker
// found a pattern and a worker may drop what cannot make it.
bool FanFirst(const Fan& a, const Fan& b) {
  if (a.amount != b.amount) return a.amount > b.amount;
  return a.node < b.node;
}
bool GatherFirst(const ScatterGather& a, const ScatterGather& b) {
  if (a.amount_in != b.amount_in) return a.amount_in > b.amount_in;
  return std::tie(a.source, a.sink) < std::tie(b.source, b.sink);
}
bool TripFirst(const RoundTrip& a, const RoundTrip& b) {
  if (a.amount_back != b.amount_back) return a.amount_back > b.amount_back;
  if (a.hops.size() != b.hops.size()) return a.hops.size() < b.hops.size();
  for (size_t k = 0; k < a.hops.size(); ++k)
    if (a.hops[k].payment != b.hops[k].payment) return a.hops[k].payment < b.hops[k].payment;
  return false;
}

// Keeps the `limit` first of `v` under `first` once it holds twice that: memory stays bounded by
// the limit and the worker count, not by the patterns found (10M payments give millions of cycles).
template <typename T, typename Less>
void KeepFirst(std::vector<T>& v, size_t limit, Less first, bool final) {
  if (v.size() <= limit || (!final && v.size() < 2 * limit + 64)) return;
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(limit), v.end(), first);
  v.resize(limit);
}

}  // namespace

LayeringReport DetectLayering(const MoneyIndex& index, const LayeringOptions& o) {
  const graph::EdgeList& el = index.payments();
  const graph::TemporalIndex& ti = index.index();
  std::vector<NodeId> sources = o.only;
  if (sources.empty()) {
    sources.resize(el.num_nodes);
    for (NodeId v = 0; v < el.num_nodes; ++v) sources[v] = v;
  }
  const unsigned t = graph::ThreadCount(o.threads);
  std::vector<LayeringReport> part(t);
  std::vector<std::vector<char>> visited(t);
  graph::ParallelDynamic(sources.size(), o.threads, [&](unsigned w, size_t k) {
    const NodeId v = sources[k];
    if (v >= el.num_nodes) return;
    if (visited[w].empty()) visited[w].assign(el.num_nodes, 0);
    LayeringReport& r = part[w];
    Fan f = BestFan(el, v, ti.Out(v, INT32_MIN, INT32_MAX), true, o);
    if (f.branches) {
      r.fan_out.push_back(std::move(f));
      ++r.found.fan_out;
    }
    Fan g = BestFan(el, v, ti.In(v, INT32_MIN, INT32_MAX), false, o);
    if (g.branches) {
      r.fan_in.push_back(std::move(g));
      ++r.found.fan_in;
    }
    const size_t gathers = r.scatter_gather.size(), trips = r.round_trips.size();
    FindScatterGather(el, ti, v, o, r.scatter_gather);
    CycleSearch(el, ti, o, visited[w]).From(v, r.round_trips);
    r.found.scatter_gather += r.scatter_gather.size() - gathers;
    r.found.round_trips += r.round_trips.size() - trips;
    KeepFirst(r.fan_out, o.limit, FanFirst, false);
    KeepFirst(r.fan_in, o.limit, FanFirst, false);
    KeepFirst(r.scatter_gather, o.limit, GatherFirst, false);
    KeepFirst(r.round_trips, o.limit, TripFirst, false);
  });
  LayeringReport out;
  for (auto& p : part) {
    for (auto& x : p.fan_out) out.fan_out.push_back(std::move(x));
    for (auto& x : p.fan_in) out.fan_in.push_back(std::move(x));
    for (auto& x : p.scatter_gather) out.scatter_gather.push_back(std::move(x));
    for (auto& x : p.round_trips) out.round_trips.push_back(std::move(x));
    out.found.fan_out += p.found.fan_out;
    out.found.fan_in += p.found.fan_in;
    out.found.scatter_gather += p.found.scatter_gather;
    out.found.round_trips += p.found.round_trips;
  }
  KeepFirst(out.fan_out, o.limit, FanFirst, true);
  KeepFirst(out.fan_in, o.limit, FanFirst, true);
  KeepFirst(out.scatter_gather, o.limit, GatherFirst, true);
  KeepFirst(out.round_trips, o.limit, TripFirst, true);
  std::sort(out.fan_out.begin(), out.fan_out.end(), FanFirst);
  std::sort(out.fan_in.begin(), out.fan_in.end(), FanFirst);
  std::sort(out.scatter_gather.begin(), out.scatter_gather.end(), GatherFirst);
  std::sort(out.round_trips.begin(), out.round_trips.end(), TripFirst);
  return out;
}

}  // namespace kashf::network
