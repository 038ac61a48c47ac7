// Cycle typology (round-tripping with decay): a time-respecting path of transfers (Kempe,
// Kleinberg & Kumar 2000) back to its first payer, each hop strictly later than the previous one
// and passing on between min_kept and max_kept of what it received. Depth-first search from every
// account over its outgoing transfers in time order (binary search for the first later one),
// bounded by max_hops, the window and a per-start budget. Definition: CycleParams.
#include <algorithm>

#include <fmt/format.h>

#include "kashf/network/typology.h"

namespace kashf::network {
namespace {

class CycleSearch {
 public:
  CycleSearch(const TransferSet& ts, uint16_t currency, const CycleParams& p, const HitSink& sink)
      : ts_(ts),
        tr_(ts.transfers()),
        currency_(currency),
        p_(p),
        sink_(sink),
        on_path_(ts.num_accounts(), 0),
        flagged_(ts.num_accounts(), 0) {}

  // Searches the cycles starting at `s`; false when the sink asked to stop.
  bool From(uint32_t s) {
    start_ = s;
    budget_ = p_.budget;
    on_path_[s] = 1;
    for (uint32_t i : ts_.Out(s)) {
      const Transfer& e = tr_[i];
      if (e.currency != currency_ || e.to == s) continue;
      if (!Step(i, e.time + int64_t{p_.window_days} * 86400) || budget_ == 0) break;
    }
    on_path_[s] = 0;
    return !stopped_;
  }

 private:
  // Takes transfer i as the next hop; false when the search must stop.
  bool Step(uint32_t i, int64_t deadline) {
    if (budget_ == 0) return true;
    --budget_;
    const Transfer& e = tr_[i];
    path_.push_back(i);
    if (e.to == start_) {
      if (path_.size() >= p_.min_hops) Report();
    } else if (path_.size() < p_.max_hops) {
      on_path_[e.to] = 1;
      auto out = ts_.Out(e.to);
      auto it =
          std::upper_bound(out.begin(), out.end(), e.time, [&](int64_t t, uint32_t j) { return t < tr_[j].time; });
      for (; it != out.end() && !stopped_; ++it) {
        const Transfer& f = tr_[*it];
        if (f.time > deadline) break;
        if (f.currency != currency_ || f.amount < p_.min_kept * e.amount || f.amount > p_.max_kept * e.amount) continue;
        if (f.to == start_ ? path_.size() + 1 < p_.min_hops : on_path_[f.to] != 0) continue;
        Step(*it, deadline);
      }
      on_path_[e.to] = 0;
    }
    path_.pop_back();
    return !stopped_;
  }

  void Report() {
    const double out = tr_[path_.front()].amount, back = tr_[path_.back()].amount;
    const double days = static_cast<double>(tr_[path_.back()].time - tr_[path_.front()].time) / 86400;
    for (uint32_t i : path_) {
      const uint32_t v = tr_[i].from;
      if (flagged_[v]) continue;
      flagged_[v] = 1;
      TypologyHit h;
      h.account = v;
      h.typology = Typology::kCycle;
      h.score = std::clamp(back / out, 0.0, 1.0);
      h.evidence = path_;
      h.reason = fmt::format("on a cycle of {} transfers from {} back to it in {:.1f} days; {:.0f} out, {:.0f} back",
                             path_.size(), ts_.accounts()[start_], days, out, back);
      if (!sink_(std::move(h))) {
        stopped_ = true;
        return;
      }
    }
  }

  const TransferSet& ts_;
  const std::vector<Transfer>& tr_;
  uint16_t currency_;
  const CycleParams& p_;
  const HitSink& sink_;
  std::vector<char> on_path_, flagged_;
  std::vector<uint32_t> path_;
  uint32_t start_ = 0;
  uint64_t budget_ = 0;
  bool stopped_ = false;
};

}  // namespace

void DetectCycles(const TransferSet& ts, uint16_t currency, const CycleParams& p, const HitSink& sink) {
  CycleSearch search(ts, currency, p, sink);
  for (uint32_t s = 0; s < ts.num_accounts(); ++s)
    if (!search.From(s)) return;
}

}  // namespace kashf::network
