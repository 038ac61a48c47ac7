#include "kashf/firearms/chain_of_custody.h"

#include <fmt/format.h>

namespace kashf::firearms {

ChainOfCustody ComputeChainOfCustody(const std::vector<LifecycleEvent>& events, const LifecycleRules& rules) {
  ChainOfCustody chain;
  std::string state = "none";
  std::string last_lawful_holder;
  for (const auto& e : events) {
    if (!rules.IsKnownEvent(e.kind)) continue;  // a kind removed from the rules since it was stored
    const std::string& next = rules.NextState(e.kind);
    if (!chain.steps.empty()) chain.steps.back().to_date = e.date;
    CustodyStep step;
    step.state = next;
    step.lawful = rules.IsLawful(next);
    step.holder = !e.holder.empty() ? e.holder : e.agency;
    step.place = !e.place.empty() ? e.place : e.district;
    step.from_date = e.date;
    step.opened_by = &e;
    bool was_lawful = rules.IsLawful(state);
    if (state == "none" && !step.lawful) {
      chain.no_lawful_record = chain.steps.empty();
    } else if (was_lawful && !step.lawful) {
      DiversionPoint d;
      d.date = e.date;
      d.event_kind = e.kind;
      d.from_state = state;
      d.to_state = next;
      d.last_lawful_holder = last_lawful_holder;
      d.explanation =
          fmt::format("left lawful control on {}: {} -> {} ({}){}", e.date, state, next, e.kind,
                      last_lawful_holder.empty() ? "" : fmt::format("; last lawful holder: {}", last_lawful_holder));
      chain.diversions.push_back(std::move(d));
    }
    if (step.lawful && !step.holder.empty()) last_lawful_holder = step.holder;
    state = next;
    chain.steps.push_back(std::move(step));
  }
  return chain;
}

}  // namespace kashf::firearms
