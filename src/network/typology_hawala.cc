// Hawala settlement (collect and settle; FATF, "The role of hawala and other similar service
// providers in money laundering and terrorist financing", 2013): a dealer collects many customers'
// payments and settles with its counterpart dealer in one lump, less a commission. For every
// outgoing transfer of an account, the account's incoming transfers since its previous lump to the
// same counterpart (at most period_days back) are added up; a transfer between 1 - max_commission
// and 1 of that sum, collected from at least min_customers distinct payers, is a settlement.
// Definition: HawalaParams.
#include <algorithm>
#include <unordered_map>

#include <fmt/format.h>

#include "kashf/network/typology.h"

namespace kashf::network {

void DetectHawalaSettlement(const TransferSet& ts, uint16_t currency, const HawalaParams& p, const HitSink& sink) {
  const auto& tr = ts.transfers();
  const int64_t period = int64_t{p.period_days} * 86400;
  std::vector<char> flagged(ts.num_accounts(), 0);
  struct Counterpart {
    uint32_t settlements = 0;
    int64_t last = INT64_MIN;
    double settled = 0, collected = 0;
    std::vector<uint32_t> evidence;
  };
  std::unordered_map<uint32_t, Counterpart> by_counterpart;
  std::vector<uint32_t> payers;
  for (uint32_t c = 0; c < ts.num_accounts(); ++c) {
    auto in = ts.In(c);
    if (in.size() < p.min_customers) continue;
    by_counterpart.clear();
    for (uint32_t s : ts.Out(c)) {
      const Transfer& lump = tr[s];
      if (lump.currency != currency || lump.to == c) continue;
      Counterpart& k = by_counterpart[lump.to];
      const int64_t from = std::max(k.last, lump.time - period);
      auto first = std::upper_bound(in.begin(), in.end(), from, [&](int64_t t, uint32_t i) { return t < tr[i].time; });
      double sum = 0;
      payers.clear();
      std::vector<uint32_t> collected;
      for (auto it = first; it != in.end() && tr[*it].time <= lump.time; ++it) {
        const Transfer& e = tr[*it];
        if (e.currency != currency || e.from == lump.to || e.from == c) continue;
        sum += e.amount;
        payers.push_back(e.from);
        collected.push_back(*it);
      }
      std::sort(payers.begin(), payers.end());
      const size_t customers = static_cast<size_t>(std::unique(payers.begin(), payers.end()) - payers.begin());
      if (customers < p.min_customers || lump.amount > sum || lump.amount < (1 - p.max_commission) * sum) continue;
      ++k.settlements;
      k.last = lump.time;
      k.settled += lump.amount;
      k.collected += sum;
      k.evidence.insert(k.evidence.end(), collected.begin(), collected.end());
      k.evidence.push_back(s);
    }
    for (auto& [d, k] : by_counterpart) {
      if (k.settlements < p.min_settlements) continue;
      std::sort(k.evidence.begin(), k.evidence.end(),
                [&](uint32_t x, uint32_t y) { return tr[x].time != tr[y].time ? tr[x].time < tr[y].time : x < y; });
      const std::string reason =
          fmt::format("{} settled {} times with {}: {:.0f} paid for {:.0f} collected ({:.1f}% kept)", ts.accounts()[c],
                      k.settlements, ts.accounts()[d], k.settled, k.collected, 100 * (1 - k.settled / k.collected));
      for (uint32_t v : {c, d}) {
        if (flagged[v]) continue;
        flagged[v] = 1;
        TypologyHit h;
        h.account = v;
        h.typology = Typology::kHawalaSettlement;
        h.score = std::clamp(k.settled / k.collected, 0.0, 1.0);
        h.evidence = k.evidence;
        h.reason = reason;
        if (!sink(std::move(h))) return;
      }
    }
  }
}

}  // namespace kashf::network
