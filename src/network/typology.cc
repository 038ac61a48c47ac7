// The typology catalogue: names, parameter checks, the currency rule, running the detectors in
// turn, and the JSON shape of a hit (docs/network.md, "Laundering typologies").
#include <fmt/format.h>

#include "kashf/core/text.h"
#include "kashf/network/typology.h"

namespace kashf::network {

namespace {
constexpr const char* kNames[kTypologyCount] = {"fan-in",         "fan-out",      "cycle",
                                                "scatter-gather", "pass-through", "hawala-settlement"};

// InvalidArgument "<name> must be in [lo, hi] (got v)" unless lo <= v <= hi.
template <typename T>
Status InRange(const char* name, T v, T lo, T hi) {
  if (v >= lo && v <= hi) return Status::Ok();
  return Status::InvalidArgument(fmt::format("{} must be between {} and {} (got {})", name, lo, hi, v));
}
}  // namespace

const char* TypologyName(Typology t) { return kNames[static_cast<int>(t)]; }

Result<Typology> ParseTypology(std::string_view name) {
  const std::string lower = ToLowerAscii(Trim(name));
  for (int i = 0; i < kTypologyCount; ++i)
    if (lower == kNames[i]) return static_cast<Typology>(i);
  return Status::InvalidArgument(fmt::format(
      "unknown typology '{}'; use fan-in, fan-out, cycle, scatter-gather, pass-through or hawala-settlement",
      std::string(name)));
}

Status Validate(const TypologyOptions& o) {
  const FanParams& f = o.fan;
  KASHF_RETURN_IF_ERROR(InRange("fan window-days", f.window_days, 1, 366));
  KASHF_RETURN_IF_ERROR(InRange("fan min-transfers", f.min_transfers, 3u, 1000u));
  KASHF_RETURN_IF_ERROR(InRange("fan min-counterparties", f.min_counterparties, 2u, 1000u));
  KASHF_RETURN_IF_ERROR(InRange("fan amount-band", f.amount_band, 0.0, 1.0));
  KASHF_RETURN_IF_ERROR(InRange("fan max-gap-cv", f.max_gap_cv, 0.0, 2.0));
  KASHF_RETURN_IF_ERROR(InRange("fan min-gap-hours", f.min_gap_hours, 0.0, 720.0));
  KASHF_RETURN_IF_ERROR(InRange("fan min-share", f.min_share, 0.0, 1.0));
  KASHF_RETURN_IF_ERROR(InRange("fan recurring-days", f.recurring_days, 0.0, 366.0));
  KASHF_RETURN_IF_ERROR(InRange("fan threshold", f.threshold, 0.0, 1e15));
  KASHF_RETURN_IF_ERROR(InRange("fan max-window", f.max_window, f.min_transfers, 1000000u));
  const CycleParams& c = o.cycle;
  KASHF_RETURN_IF_ERROR(InRange("cycle min-hops", c.min_hops, 2u, 12u));
  KASHF_RETURN_IF_ERROR(InRange("cycle max-hops", c.max_hops, c.min_hops, 12u));
  KASHF_RETURN_IF_ERROR(InRange("cycle window-days", c.window_days, 1, 366));
  KASHF_RETURN_IF_ERROR(InRange("cycle max-kept", c.max_kept, 0.0, 2.0));
  KASHF_RETURN_IF_ERROR(InRange("cycle min-kept", c.min_kept, 0.0, c.max_kept));
  KASHF_RETURN_IF_ERROR(InRange("cycle budget", c.budget, uint64_t{1}, uint64_t{1} << 40));
  const ScatterGatherParams& s = o.scatter_gather;
  KASHF_RETURN_IF_ERROR(InRange("scatter-gather min-intermediaries", s.min_intermediaries, 2u, 1000u));
  KASHF_RETURN_IF_ERROR(InRange("scatter-gather window-days", s.window_days, 1, 366));
  KASHF_RETURN_IF_ERROR(InRange("scatter-gather min-kept", s.min_kept, 0.0, 1.0));
  const PassThroughParams& p = o.pass_through;
  KASHF_RETURN_IF_ERROR(InRange("pass-through max-hold-hours", p.max_hold_hours, 0.0, 720.0));
  KASHF_RETURN_IF_ERROR(InRange("pass-through merge-hours", p.merge_hours, 0.0, 48.0));
  KASHF_RETURN_IF_ERROR(InRange("pass-through max-retained", p.max_retained, 0.0, 1.0));
  KASHF_RETURN_IF_ERROR(InRange("pass-through min-events", p.min_events, 1u, 1000u));
  KASHF_RETURN_IF_ERROR(InRange("pass-through min-share", p.min_share, 0.0, 1.0));
  const HawalaParams& hw = o.hawala;
  KASHF_RETURN_IF_ERROR(InRange("hawala min-customers", hw.min_customers, 2u, 1000u));
  KASHF_RETURN_IF_ERROR(InRange("hawala period-days", hw.period_days, 1, 366));
  KASHF_RETURN_IF_ERROR(InRange("hawala max-commission", hw.max_commission, 0.0, 1.0));
  KASHF_RETURN_IF_ERROR(InRange("hawala min-settlements", hw.min_settlements, 1u, 1000u));
  return Status::Ok();
}

Result<uint16_t> ChooseCurrency(const TransferSet& ts, const std::string& currency) {
  std::vector<uint64_t> count(ts.currencies().size(), 0);
  for (const Transfer& t : ts.transfers()) ++count[t.currency];
  std::vector<std::string> used;
  uint16_t only = 0;
  for (size_t i = 0; i < count.size(); ++i)
    if (count[i]) {
      used.push_back(ts.currencies()[i].empty() ? "(not recorded)" : ts.currencies()[i]);
      only = static_cast<uint16_t>(i);
    }
  if (!currency.empty()) {
    const std::string upper = [&] {
      std::string u = currency;
      for (char& ch : u)
        if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
      return u;
    }();
    for (size_t i = 0; i < ts.currencies().size(); ++i)
      if (ts.currencies()[i] == upper && count[i]) return static_cast<uint16_t>(i);
    return Status::InvalidArgument(fmt::format("no transfers in currency '{}'; the transfers are in {}", currency,
                                               used.empty() ? "no currency (there are none)" : Join(used, ", ")));
  }
  if (used.size() > 1)
    return Status::InvalidArgument(fmt::format(
        "the transfers mix {} currencies ({}); amounts in different currencies cannot be compared within one "
        "pattern: choose one with --currency, or convert the amounts first",
        used.size(), Join(used, ", ")));
  return only;
}

Status DetectTypologies(const TransferSet& ts, const TypologyOptions& o, const HitSink& sink) {
  KASHF_RETURN_IF_ERROR(Validate(o));
  KASHF_ASSIGN_OR_RETURN(uint16_t currency, ChooseCurrency(ts, o.currency));
  std::vector<char> excluded(ts.num_accounts(), 0);
  for (const std::string& name : o.exclude)
    if (uint32_t v = ts.Find(name); v != UINT32_MAX) excluded[v] = 1;
  bool go = true;
  HitSink guarded = [&](TypologyHit&& h) {
    if (excluded[h.account]) return go;
    return go = go && sink(std::move(h));
  };
  auto chosen = [&](Typology t) {
    if (!go) return false;
    if (o.only.empty()) return true;
    for (Typology x : o.only)
      if (x == t) return true;
    return false;
  };
  if (chosen(Typology::kFanIn)) DetectFan(ts, currency, true, o.fan, guarded);
  if (chosen(Typology::kFanOut)) DetectFan(ts, currency, false, o.fan, guarded);
  if (chosen(Typology::kCycle)) DetectCycles(ts, currency, o.cycle, guarded);
  if (chosen(Typology::kScatterGather)) DetectScatterGather(ts, currency, o.scatter_gather, guarded);
  if (chosen(Typology::kPassThrough)) DetectPassThrough(ts, currency, o.pass_through, guarded);
  if (chosen(Typology::kHawalaSettlement)) DetectHawalaSettlement(ts, currency, o.hawala, guarded);
  return Status::Ok();
}

nlohmann::json TypologyHitJson(const TransferSet& ts, const TypologyHit& h) {
  nlohmann::json ev = nlohmann::json::array();
  for (uint32_t i : h.evidence) {
    const Transfer& t = ts.transfers()[i];
    ev.push_back({{"time", t.time},
                  {"from", ts.accounts()[t.from]},
                  {"to", ts.accounts()[t.to]},
                  {"amount", t.amount},
                  {"currency", ts.currencies()[t.currency]},
                  {"channel", graph::ChannelName(t.channel)}});
  }
  return {{"account", ts.accounts()[h.account]},
          {"typology", TypologyName(h.typology)},
          {"score", h.score},
          {"reason", h.reason},
          {"evidence", ev}};
}

}  // namespace kashf::network
