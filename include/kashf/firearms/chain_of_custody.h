// Chain of custody computed from a firearm's lifecycle records, and the diversion points in it:
// the events where the weapon left lawful control (a lawful state followed by an unlawful one, e.g.
// licensed -> lost -> seized). Which states are lawful is data (firearm-lifecycle.yaml).
// Serves tracing (Firearms Protocol Art. 12.4, ITI paras. 17-19).
#pragma once
#include <string>
#include <vector>

#include "kashf/firearms/lifecycle_event.h"
#include "kashf/firearms/lifecycle_rules.h"

namespace kashf::firearms {

struct CustodyStep {
  std::string state;  // state while in this custody
  bool lawful = true;
  std::string holder;  // licensee / agency / recipient
  std::string place;
  std::string from_date;
  std::string to_date;                        // empty for the current step
  const LifecycleEvent* opened_by = nullptr;  // points into the events given
};

struct DiversionPoint {
  std::string date;
  std::string event_kind;  // e.g. "lost"
  std::string from_state;  // lawful state before
  std::string to_state;    // unlawful state after
  std::string last_lawful_holder;
  std::string explanation;  // one sentence an analyst can read
};

struct ChainOfCustody {
  std::vector<CustodyStep> steps;
  std::vector<DiversionPoint> diversions;
  // True when the first record is already unlawful (e.g. seized, never registered): the weapon
  // has no lawful record here, so its origin must be traced abroad or with the maker.
  bool no_lawful_record = false;
};

// `events` in recorded order for one firearm. The returned steps point into `events`.
ChainOfCustody ComputeChainOfCustody(const std::vector<LifecycleEvent>& events, const LifecycleRules& rules);

}  // namespace kashf::firearms
