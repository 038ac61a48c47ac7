// Fan-in / fan-out structuring ("smurfing", FATF typologies): many near-identical amounts from (to)
// distinct counterparties at a steady rhythm. For each account and each window start, the
// transfers in the window are sorted by amount and every maximal group within the amount band
// (two pointers over the sorted amounts) is tested for counterparties and rhythm; the best
// group over all windows is the account's hit. Definition and parameters: FanParams.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "kashf/network/typology.h"

namespace kashf::network {
namespace {

struct Group {
  double score = -1;
  std::vector<uint32_t> members;  // time order
  double spread = 0, gap_cv = 0, mean_gap = 0;
  size_t counterparties = 0;
};

// Coefficient of variation and mean of the gaps between consecutive times (sorted).
std::pair<double, double> GapStats(std::span<const int64_t> times) {
  if (times.size() < 2) return {INFINITY, 0};
  const size_t n = times.size() - 1;
  double mean = static_cast<double>(times[n] - times[0]) / static_cast<double>(n);
  double var = 0;
  for (size_t i = 0; i < n; ++i) {
    double d = static_cast<double>(times[i + 1] - times[i]) - mean;
    var += d * d;
  }
  var /= static_cast<double>(n);
  return {mean > 0 ? std::sqrt(var) / mean : INFINITY, mean};
}

class FanSearch {
 public:
  FanSearch(const TransferSet& ts, uint16_t currency, bool fan_in, const FanParams& p)
      : ts_(ts), currency_(currency), fan_in_(fan_in), p_(p) {}

  // The best qualifying group of `account`, or score < 0.
  Group Best(uint32_t account) {
    const auto& tr = ts_.transfers();
    list_.clear();
    for (uint32_t i : fan_in_ ? ts_.In(account) : ts_.Out(account)) {
      const Transfer& t = tr[i];
      if (t.currency != currency_ || t.from == t.to) continue;
      if (p_.threshold > 0 && t.amount >= p_.threshold) continue;
      list_.push_back(i);
    }
    if (p_.recurring_days > 0) DropRecurring();
    Group best;
    if (list_.size() < p_.min_transfers) return best;
    const int64_t window = int64_t{p_.window_days} * 86400;
    size_t hi = 0;
    for (size_t lo = 0; lo + p_.min_transfers <= list_.size(); ++lo) {
      hi = std::max(hi, lo);
      while (hi < list_.size() && tr[list_[hi]].time <= tr[list_[lo]].time + window) ++hi;
      if (hi - lo < p_.min_transfers) continue;
      window_.assign(list_.begin() + static_cast<std::ptrdiff_t>(lo),
                     list_.begin() + static_cast<std::ptrdiff_t>(std::min<size_t>(hi, lo + p_.max_window)));
      std::sort(window_.begin(), window_.end(), [&](uint32_t a, uint32_t b) {
        return tr[a].amount != tr[b].amount ? tr[a].amount < tr[b].amount : a < b;
      });
      size_t end = 0, last_end = 0;
      for (size_t a = 0; a < window_.size(); ++a) {
        end = std::max(end, a);
        while (end < window_.size() && tr[window_[end]].amount <= tr[window_[a]].amount * (1 + p_.amount_band)) ++end;
        if (end == last_end) continue;  // not a maximal group
        last_end = end;
        if (end - a >= p_.min_transfers) Consider(a, end, best);
      }
    }
    return best;
  }

 private:
  // Removes from list_ the standing orders: three or more transfers of one counterparty with like
  // amounts (within the band), each recurring_days +- 15% after the previous.
  void DropRecurring() {
    const auto& tr = ts_.transfers();
    auto party = [&](uint32_t i) { return fan_in_ ? tr[i].from : tr[i].to; };
    window_ = list_;
    std::sort(window_.begin(), window_.end(), [&](uint32_t a, uint32_t b) {
      return party(a) != party(b) ? party(a) < party(b) : tr[a].time < tr[b].time;
    });
    const double period = p_.recurring_days * 86400.0;
    // The next transfer of the same party a period (+- 15%) after window_[a] with a like amount.
    auto next = [&](size_t a) -> size_t {
      for (size_t b = a + 1; b < window_.size() && party(window_[b]) == party(window_[a]); ++b) {
        const double gap = static_cast<double>(tr[window_[b]].time - tr[window_[a]].time);
        if (gap > 1.15 * period) break;
        const double lo = std::min(tr[window_[a]].amount, tr[window_[b]].amount);
        const double hi = std::max(tr[window_[a]].amount, tr[window_[b]].amount);
        if (gap >= 0.85 * period && hi <= lo * (1 + p_.amount_band)) return b;
      }
      return SIZE_MAX;
    };
    std::vector<uint32_t> recurring;
    for (size_t a = 0; a < window_.size(); ++a) {
      const size_t b = next(a);
      const size_t c = b == SIZE_MAX ? SIZE_MAX : next(b);
      if (c == SIZE_MAX) continue;
      for (size_t k : {a, b, c}) recurring.push_back(window_[k]);
    }
    if (recurring.empty()) return;
    std::sort(recurring.begin(), recurring.end());
    std::erase_if(list_, [&](uint32_t i) { return std::binary_search(recurring.begin(), recurring.end(), i); });
  }

  // Tests window_[a, b) (amount order) and keeps it in `best` when it qualifies and scores higher.
  void Consider(size_t a, size_t b, Group& best) {
    const auto& tr = ts_.transfers();
    std::vector<uint32_t> g(window_.begin() + static_cast<std::ptrdiff_t>(a),
                            window_.begin() + static_cast<std::ptrdiff_t>(b));
    std::vector<uint32_t> parties;
    for (uint32_t i : g) parties.push_back(fan_in_ ? tr[i].from : tr[i].to);
    std::sort(parties.begin(), parties.end());
    size_t distinct = static_cast<size_t>(std::unique(parties.begin(), parties.end()) - parties.begin());
    if (distinct < p_.min_counterparties) return;
    std::sort(g.begin(), g.end(), [&](uint32_t x, uint32_t y) { return tr[x].time < tr[y].time; });
    std::vector<int64_t> times;
    for (uint32_t i : g) times.push_back(tr[i].time);
    auto [cv, mean] = GapStats(times);
    if (cv > p_.max_gap_cv || mean < p_.min_gap_hours * 3600) return;
    // Share of the account's transfers (this direction) between the group's first and last.
    auto by_time = [&](uint32_t i, int64_t t) { return tr[i].time < t; };
    const auto first = std::lower_bound(list_.begin(), list_.end(), times.front(), by_time);
    const auto last = std::lower_bound(list_.begin(), list_.end(), times.back() + 1, by_time);
    if (static_cast<double>(g.size()) < p_.min_share * static_cast<double>(last - first)) return;
    const double spread = tr[window_[b - 1]].amount / tr[window_[a]].amount - 1;
    const double amount_fit = p_.amount_band > 0 ? 1 - spread / p_.amount_band : 1;
    const double rhythm_fit = p_.max_gap_cv > 0 ? 1 - cv / p_.max_gap_cv : 1;
    const double score = std::clamp(0.5 * amount_fit + 0.5 * rhythm_fit, 0.0, 1.0);
    if (score > best.score || (score == best.score && g.size() > best.members.size())) {
      best.score = score;
      best.members = std::move(g);
      best.spread = spread;
      best.gap_cv = cv;
      best.mean_gap = mean;
      best.counterparties = distinct;
    }
  }

  const TransferSet& ts_;
  uint16_t currency_;
  bool fan_in_;
  const FanParams& p_;
  std::vector<uint32_t> list_, window_;
};

}  // namespace

void DetectFan(const TransferSet& ts, uint16_t currency, bool fan_in, const FanParams& p, const HitSink& sink) {
  FanSearch search(ts, currency, fan_in, p);
  const auto& tr = ts.transfers();
  for (uint32_t v = 0; v < ts.num_accounts(); ++v) {
    Group g = search.Best(v);
    if (g.score < 0) continue;
    double lo = INFINITY, hi = 0;
    for (uint32_t i : g.members) {
      lo = std::min(lo, tr[i].amount);
      hi = std::max(hi, tr[i].amount);
    }
    const double days = static_cast<double>(tr[g.members.back()].time - tr[g.members.front()].time) / 86400;
    TypologyHit h;
    h.account = v;
    h.typology = fan_in ? Typology::kFanIn : Typology::kFanOut;
    h.score = g.score;
    h.reason = fmt::format(
        "{} transfers {} {} accounts within {:.1f} days, amounts {:.0f}..{:.0f} (spread {:.1f}%), "
        "every {:.1f} days (gap CV {:.2f})",
        g.members.size(), fan_in ? "from" : "to", g.counterparties, days, lo, hi, 100 * g.spread, g.mean_gap / 86400,
        g.gap_cv);
    h.evidence = std::move(g.members);
    if (!sink(std::move(h))) return;
  }
}

}  // namespace kashf::network
