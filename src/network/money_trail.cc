// Money trails: depth-first enumeration of time-respecting payment paths (Kempe, Kleinberg &
// Kumar, "Connectivity and inference problems for temporal networks", STOC 2000, define
// time-respecting paths) with a window and an amount tolerance, over a per-node, per-day index.
#include "kashf/network/money_trail.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "kashf/core/text.h"

namespace kashf::network {

Result<uint32_t> ChannelBits(const std::vector<std::string>& names) {
  if (names.empty()) return ~0u;
  uint32_t bits = 0;
  for (const auto& n : names) {
    const std::string lower = ToLowerAscii(n);
    graph::Channel c = graph::ParseChannel(lower);
    if (c == graph::Channel::kNone && lower != "none")
      return Status::InvalidArgument("unknown channel '" + n +
                                     "'; use bank, wallet, hawala, cash or none (not recorded)");
    bits |= 1u << static_cast<unsigned>(c);
  }
  return bits;
}

MoneyIndex::MoneyIndex(const graph::EdgeList& edges) {
  payments_.num_nodes = edges.num_nodes;
  payments_.agencies = edges.agencies;
  payments_.currencies = edges.currencies;
  // Reserved to the exact count: growing by doubling would hold up to three copies of 10M payments at once.
  payments_.edges.reserve(
      static_cast<size_t>(std::count_if(edges.edges.begin(), edges.edges.end(),
                                        [](const graph::Edge& e) { return e.rel == graph::Relation::kPayment; })));
  for (const graph::Edge& e : edges.edges)
    if (e.rel == graph::Relation::kPayment) payments_.edges.push_back(e);
  index_ = graph::TemporalIndex(payments_);
}

namespace {

bool AmountFits(double prev, double next, double tolerance) {
  return tolerance < 0 || std::fabs(next - prev) <= tolerance * prev;
}

// The search, parameterised by how the next candidate payments of a node are listed, so the
// indexed query and the scanning reference share the definition and differ only in that step.
template <typename Candidates>
class TrailSearch {
 public:
  TrailSearch(const graph::EdgeList& payments, const TrailOptions& o, Candidates candidates)
      : edges_(payments.edges), o_(o), candidates_(candidates), visited_(payments.num_nodes, 0) {}

  TrailResult Run(NodeId start) {
    if (start >= visited_.size() || o_.hops == 0) return std::move(result_);
    visited_[start] = 1;
    // First hops: payments of `start` with day in [from_day, to_day].
    for (uint32_t i : candidates_(start, o_.from_day, o_.to_day)) {
      if (result_.truncated) break;
      const graph::Edge& e = edges_[i];
      if (!Usable(e)) continue;
      Extend(i, e.day);
    }
    visited_[start] = 0;
    Finish();
    return std::move(result_);
  }

 private:
  bool Usable(const graph::Edge& e) const {
    return e.day != 0 && e.amount >= o_.min_amount && (o_.channels & (1u << static_cast<unsigned>(e.channel)));
  }
  NodeId Next(const graph::Edge& e) const { return o_.forward ? e.dst : e.src; }

  // Takes payment i as the next hop (it is usable and fits), records the path, and goes deeper.
  void Extend(uint32_t i, int32_t first_day) {
    const graph::Edge& e = edges_[i];
    NodeId v = Next(e);
    if (visited_[v]) return;
    ++result_.hops_examined;
    path_.push_back({i, e.src, e.dst, e.day, e.amount, e.channel});
    Record(first_day);
    if (!result_.truncated && path_.size() < o_.hops) {
      visited_[v] = 1;
      int32_t lo = o_.forward ? e.day : first_day - o_.days;
      int32_t hi = o_.forward ? first_day + o_.days : e.day;
      for (uint32_t j : candidates_(v, lo, hi)) {
        if (result_.truncated) break;
        const graph::Edge& f = edges_[j];
        if (!Usable(f) || !AmountFits(e.amount, f.amount, o_.tolerance)) continue;
        Extend(j, first_day);
      }
      visited_[v] = 0;
    }
    path_.pop_back();
  }

  void Record(int32_t first_day) {
    TrailPath p;
    p.hops = path_;
    p.first_amount = path_.front().amount;
    p.last_amount = path_.back().amount;
    p.carried = p.first_amount;
    for (const TrailHop& h : path_) p.carried = std::min(p.carried, h.amount);
    p.span_days = std::abs(path_.back().day - first_day);
    p.end = o_.forward ? path_.back().to : path_.back().from;
    result_.paths.push_back(std::move(p));
    if (result_.paths.size() >= o_.max_paths) result_.truncated = true;
  }

  void Finish() {
    auto& paths = result_.paths;
    std::sort(paths.begin(), paths.end(), [](const TrailPath& a, const TrailPath& b) {
      if (a.carried != b.carried) return a.carried > b.carried;
      if (a.hops.size() != b.hops.size()) return a.hops.size() < b.hops.size();
      for (size_t k = 0; k < a.hops.size(); ++k)
        if (a.hops[k].payment != b.hops[k].payment) return a.hops[k].payment < b.hops[k].payment;
      return false;
    });
    std::map<NodeId, TrailEndpoint> ends;
    for (const TrailPath& p : paths) {
      TrailEndpoint& t = ends[p.end];
      t.node = p.end;
      t.min_hops = t.paths ? std::min<uint32_t>(t.min_hops, static_cast<uint32_t>(p.hops.size()))
                           : static_cast<uint32_t>(p.hops.size());
      ++t.paths;
      t.carried += p.carried;
    }
    for (const auto& kv : ends) result_.endpoints.push_back(kv.second);
    std::sort(result_.endpoints.begin(), result_.endpoints.end(), [](const TrailEndpoint& a, const TrailEndpoint& b) {
      return a.carried != b.carried ? a.carried > b.carried : a.node < b.node;
    });
  }

  const std::vector<graph::Edge>& edges_;
  const TrailOptions& o_;
  Candidates candidates_;
  std::vector<char> visited_;
  std::vector<TrailHop> path_;
  TrailResult result_;
};

}  // namespace

TrailResult FollowMoney(const MoneyIndex& index, NodeId start, const TrailOptions& o) {
  const graph::TemporalIndex& ti = index.index();
  auto candidates = [&](NodeId v, int32_t lo, int32_t hi) { return o.forward ? ti.Out(v, lo, hi) : ti.In(v, lo, hi); };
  TrailSearch<decltype(candidates)> search(index.payments(), o, candidates);
  return search.Run(start);
}

TrailResult FollowMoneySerial(const graph::EdgeList& payments, NodeId start, const TrailOptions& o) {
  // Every step scans all payments and lists those of v in [lo, hi], ordered by (day, index).
  auto candidates = [&](NodeId v, int32_t lo, int32_t hi) {
    std::vector<uint32_t> out;
    for (uint32_t i = 0; i < payments.edges.size(); ++i) {
      const graph::Edge& e = payments.edges[i];
      if ((o.forward ? e.src : e.dst) == v && e.day >= lo && e.day <= hi) out.push_back(i);
    }
    std::stable_sort(out.begin(), out.end(),
                     [&](uint32_t a, uint32_t b) { return payments.edges[a].day < payments.edges[b].day; });
    return out;
  };
  TrailSearch<decltype(candidates)> search(payments, o, candidates);
  return search.Run(start);
}

}  // namespace kashf::network
