// Pass-through typology (money mules, rapid movement of funds): an account that repeatedly sends
// on, within hours, nearly all of what it has just received. For every incoming transfer (time
// order), the account's next unused outgoing transfers to others than the payer within
// max_hold_hours are added up in time order; when the sum reaches 1 - max_retained of the incoming
// amount (without exceeding it) the money passed through. Definition: PassThroughParams.
#include <algorithm>

#include <fmt/format.h>

#include "kashf/network/typology.h"

namespace kashf::network {

void DetectPassThrough(const TransferSet& ts, uint16_t currency, const PassThroughParams& p, const HitSink& sink) {
  const auto& tr = ts.transfers();
  const int64_t hold = static_cast<int64_t>(p.max_hold_hours * 3600);
  std::vector<char> used;
  for (uint32_t v = 0; v < ts.num_accounts(); ++v) {
    auto in = ts.In(v), out = ts.Out(v);
    if (in.size() < p.min_events || out.empty()) continue;
    used.assign(out.size(), 0);
    double received = 0, passed = 0, kept = 0;
    uint32_t events = 0;
    std::vector<uint32_t> evidence;
    size_t first_out = 0;
    for (uint32_t i : in) {
      const Transfer& e = tr[i];
      if (e.currency != currency || e.from == v) continue;
      received += e.amount;
      while (first_out < out.size() && tr[out[first_out]].time < e.time) ++first_out;
      double sum = 0;
      std::vector<size_t> taken;
      for (size_t k = first_out; k < out.size() && tr[out[k]].time <= e.time + hold; ++k) {
        const Transfer& f = tr[out[k]];
        if (used[k] || f.currency != currency || f.to == e.from || f.to == v) continue;
        if (sum + f.amount > e.amount) break;
        sum += f.amount;
        taken.push_back(k);
        if (sum >= (1 - p.max_retained) * e.amount) break;
      }
      if (taken.empty() || sum < (1 - p.max_retained) * e.amount) continue;
      ++events;
      passed += e.amount;
      kept += e.amount - sum;
      evidence.push_back(i);
      for (size_t k : taken) {
        used[k] = 1;
        evidence.push_back(out[k]);
      }
    }
    if (events < p.min_events || received <= 0 || passed < p.min_share * received) continue;
    std::sort(evidence.begin(), evidence.end(),
              [&](uint32_t x, uint32_t y) { return tr[x].time != tr[y].time ? tr[x].time < tr[y].time : x < y; });
    TypologyHit h;
    h.account = v;
    h.typology = Typology::kPassThrough;
    h.score = std::clamp(passed / received, 0.0, 1.0);
    h.evidence = std::move(evidence);
    h.reason = fmt::format(
        "{} times sent on within {:.0f} hours what it had just received: {:.0f} of {:.0f} received passed through, "
        "{:.1f}% kept",
        events, p.max_hold_hours, passed, received, 100 * kept / passed);
    if (!sink(std::move(h))) return;
  }
}

}  // namespace kashf::network
