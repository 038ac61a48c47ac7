// Scatter-gather typology: a source splits money over several intermediaries, who pass it on to
// one sink (FATF: layering through "funnel" accounts). For every source: each leg source -> m ->
// sink (the second transfer later, within the window, keeping min_kept..1 of the first) is grouped
// by sink; a sink reached through at least min_intermediaries distinct intermediaries whose legs
// all start and end within one window makes a pattern. Definition: ScatterGatherParams.
#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "kashf/network/typology.h"

namespace kashf::network {
namespace {

struct Leg {
  uint32_t first, second;  // transfers source -> mid, mid -> sink
};

}  // namespace

void DetectScatterGather(const TransferSet& ts, uint16_t currency, const ScatterGatherParams& p, const HitSink& sink) {
  const auto& tr = ts.transfers();
  const int64_t window = int64_t{p.window_days} * 86400;
  std::vector<char> flagged(ts.num_accounts(), 0);
  std::map<uint32_t, std::vector<Leg>> by_sink;
  for (uint32_t s = 0; s < ts.num_accounts(); ++s) {
    by_sink.clear();
    for (uint32_t i : ts.Out(s)) {
      const Transfer& e1 = tr[i];
      if (e1.currency != currency || e1.to == s) continue;
      auto out = ts.Out(e1.to);
      auto it =
          std::upper_bound(out.begin(), out.end(), e1.time, [&](int64_t t, uint32_t j) { return t < tr[j].time; });
      for (; it != out.end() && tr[*it].time <= e1.time + window; ++it) {
        const Transfer& e2 = tr[*it];
        if (e2.currency != currency || e2.to == s || e2.to == e1.to) continue;
        if (e2.amount < p.min_kept * e1.amount || e2.amount > e1.amount) continue;
        by_sink[e2.to].push_back({i, *it});
      }
    }
    for (auto& [t, legs] : by_sink) {
      if (legs.size() < p.min_intermediaries) continue;
      // legs are in the order of their first transfer's time (Out() is in time order).
      std::vector<Leg> best;
      for (size_t a = 0; a < legs.size(); ++a) {
        const int64_t end = tr[legs[a].first].time + window;
        std::vector<Leg> chosen;
        std::vector<uint32_t> mids;
        for (size_t b = a; b < legs.size() && tr[legs[b].first].time <= end; ++b) {
          if (tr[legs[b].second].time > end) continue;
          const uint32_t mid = tr[legs[b].first].to;
          if (std::find(mids.begin(), mids.end(), mid) != mids.end()) continue;
          mids.push_back(mid);
          chosen.push_back(legs[b]);
        }
        if (chosen.size() > best.size()) best = std::move(chosen);
      }
      if (best.size() < p.min_intermediaries) continue;
      double out = 0, in = 0;
      std::vector<uint32_t> evidence;
      std::vector<uint32_t> accounts{s, t};
      for (const Leg& l : best) {
        out += tr[l.first].amount;
        in += tr[l.second].amount;
        evidence.push_back(l.first);
        evidence.push_back(l.second);
        accounts.push_back(tr[l.first].to);
      }
      std::sort(evidence.begin(), evidence.end(),
                [&](uint32_t x, uint32_t y) { return tr[x].time != tr[y].time ? tr[x].time < tr[y].time : x < y; });
      const std::string reason = fmt::format("{} split {:.0f} over {} intermediaries who passed {:.0f} on to {}",
                                             ts.accounts()[s], out, best.size(), in, ts.accounts()[t]);
      for (uint32_t v : accounts) {
        if (flagged[v]) continue;
        flagged[v] = 1;
        TypologyHit h;
        h.account = v;
        h.typology = Typology::kScatterGather;
        h.score = std::clamp(in / out, 0.0, 1.0);
        h.evidence = evidence;
        h.reason = reason;
        if (!sink(std::move(h))) return;
      }
    }
  }
}

}  // namespace kashf::network
