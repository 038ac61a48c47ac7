// The firearm lifecycle as a state machine whose states, events, allowed transitions and required
// fields are data (data/reference/firearm-lifecycle.yaml). The registry asks Check() before it
// records an event, so an invalid history (e.g. a licence transfer after destruction) is refused
// with a message that names the earlier event and its document.
#pragma once
#include <map>
#include <set>
#include <string>
#include <vector>

#include "kashf/core/result.h"
#include "kashf/firearms/lifecycle_event.h"

namespace kashf::firearms {

struct EventRule {
  std::set<std::string> from;
  std::string to;
  std::vector<std::string> requires_fields;
};

class LifecycleRules {
 public:
  static Result<LifecycleRules> Load(const std::string& yaml_path);
  static Result<LifecycleRules> LoadDefault();

  // Ok when `event` may follow `last` (the firearm's latest event; kind empty if none) in state
  // `state`: the kind is known, the transition is allowed, required fields are filled, the date is
  // valid and not before `last.date`. `serial` only makes the message readable.
  Status Check(const std::string& state, const LifecycleEvent& last, const LifecycleEvent& event,
               const std::string& serial) const;
  // State after `kind` (Check() must have passed).
  const std::string& NextState(const std::string& kind) const { return events_.at(kind).to; }
  bool IsLawful(const std::string& state) const;
  bool IsKnownEvent(const std::string& kind) const { return events_.count(kind) > 0; }
  std::vector<std::string> EventKinds() const;
  std::vector<std::string> States() const;
  const EventRule& Rule(const std::string& kind) const { return events_.at(kind); }
  // Event kinds allowed from `state`, sorted.
  std::vector<std::string> AllowedFrom(const std::string& state) const;

 private:
  std::map<std::string, bool> lawful_;
  std::map<std::string, EventRule> events_;
};

// True for a valid calendar date "YYYY-MM-DD".
bool IsIsoDate(const std::string& s);

}  // namespace kashf::firearms
