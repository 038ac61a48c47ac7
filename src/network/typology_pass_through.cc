// Pass-through typology (money mules, rapid movement of funds): an account that repeatedly sends
// on, within hours, nearly all of what it has just received. Incoming transfers each within
// merge_hours of the previous form one receipt (money sent in parts); after a receipt the
// account's next unused outgoing transfers to others than its payers within max_hold_hours are
// added up in time order, skipping any that would exceed the receipt; when the sum reaches
// 1 - max_retained of the receipt the money passed through. Definition: PassThroughParams.
#include <algorithm>

#include <fmt/format.h>

#include "kashf/network/typology.h"

namespace kashf::network {

void DetectPassThrough(const TransferSet& ts, uint16_t currency, const PassThroughParams& p, const HitSink& sink) {
  const auto& tr = ts.transfers();
  const int64_t hold = static_cast<int64_t>(p.max_hold_hours * 3600);
  const int64_t merge = static_cast<int64_t>(p.merge_hours * 3600);
  std::vector<char> used;
  for (uint32_t v = 0; v < ts.num_accounts(); ++v) {
    auto in = ts.In(v), out = ts.Out(v);
    if (in.size() < p.min_events || out.empty()) continue;
    used.assign(out.size(), 0);
    double received = 0, passed = 0, kept = 0;
    uint32_t events = 0;
    std::vector<uint32_t> evidence;
    size_t first_out = 0;
    for (size_t r = 0; r < in.size();) {
      // One receipt: incoming transfers each within merge_hours of the previous (money sent in parts).
      std::vector<uint32_t> receipt;
      double amount = 0;
      for (; r < in.size(); ++r) {
        const Transfer& e = tr[in[r]];
        if (e.currency != currency || e.from == v) continue;
        if (!receipt.empty() && e.time > tr[receipt.back()].time + merge) break;
        receipt.push_back(in[r]);
        amount += e.amount;
      }
      if (receipt.empty()) continue;
      received += amount;
      const int64_t last = tr[receipt.back()].time;
      auto from_payer = [&](uint32_t to) {
        for (uint32_t i : receipt)
          if (tr[i].from == to) return true;
        return false;
      };
      while (first_out < out.size() && tr[out[first_out]].time < last) ++first_out;
      double sum = 0;
      std::vector<size_t> taken;
      for (size_t k = first_out; k < out.size() && tr[out[k]].time <= last + hold; ++k) {
        const Transfer& f = tr[out[k]];
        if (used[k] || f.currency != currency || f.to == v || from_payer(f.to) || sum + f.amount > amount) continue;
        sum += f.amount;
        taken.push_back(k);
        if (sum >= (1 - p.max_retained) * amount) break;
      }
      if (taken.empty() || sum < (1 - p.max_retained) * amount) continue;
      ++events;
      passed += amount;
      kept += amount - sum;
      evidence.insert(evidence.end(), receipt.begin(), receipt.end());
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
