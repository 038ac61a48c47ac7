// Matching a seized or found weapon against the national register (Firearms Protocol Art. 12.4;
// ITI paras. 17-19). An officer records the weapon as found, often with a partly obliterated
// serial ('?' per unreadable character); tracing then asks which registered firearm it is. This
// runs the partial-serial search (serial_search.h) over every other firearm with a readable
// serial, restricted to the found weapon's make and calibre when they are recorded, and returns
// the ranked candidates with each one's chain of custody and diversion points, so the first
// answer to "where did it leave lawful control?" comes from the national records.
#pragma once
#include <cstdint>
#include <vector>

#include "kashf/core/result.h"
#include "kashf/firearms/chain_of_custody.h"
#include "kashf/firearms/firearm_registry.h"
#include "kashf/firearms/serial_search.h"

namespace kashf::firearms {

struct RegisterMatch {
  Firearm firearm;                     // the registered candidate
  SerialCandidate candidate;           // its score against the found weapon's serial
  std::vector<LifecycleEvent> events;  // its lifecycle; chain.steps point into these
  ChainOfCustody chain;
};

// Candidates for `found` (a firearm already in the registry), best first, at most `limit`: by
// serial score; among equal scores, firearms out of lawful control now (lost, stolen ...) first,
// then those whose record shows a diversion point, then the rest.
// Empty when its serial has no readable letter or digit. The found record itself is excluded.
// chain.steps[i].opened_by points into the same match's `events` (stable under moves, not copies).
Result<std::vector<RegisterMatch>> MatchAgainstRegister(FirearmRegistry& registry, const Firearm& found, size_t limit);

}  // namespace kashf::firearms
