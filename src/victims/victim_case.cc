#include "kashf/victims/victim_case.h"

#include <algorithm>

namespace kashf::victims {

const std::string& VictimCase::CurrentStage() const {
  static const std::string kNone;
  return stages.empty() ? kNone : stages.back().stage;
}

bool VictimCase::HasConsent(const std::string& purpose) const {
  for (auto it = consents.rbegin(); it != consents.rend(); ++it)
    if (it->purpose == purpose) return it->granted;
  return false;
}

std::string VictimCase::Route() const {
  std::vector<const CaseEvent*> sorted;
  for (const auto& e : events) sorted.push_back(&e);
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const CaseEvent* a, const CaseEvent* b) { return a->date < b->date; });
  std::string route;
  std::string last;
  for (const auto* e : sorted) {
    if (e->country.empty() || e->country == last) continue;
    if (!route.empty()) route += '>';
    route += e->country;
    last = e->country;
  }
  return route;
}

std::string VictimCase::CountryOfExploitation() const {
  for (const auto& e : events)
    if (e.kind == "exploitation") return e.country;
  return "";
}

std::vector<std::string> VictimCase::PerpetratorRoles() const {
  std::vector<std::string> out;
  for (const auto& p : perpetrators)
    for (const auto& r : p.roles)
      if (std::find(out.begin(), out.end(), r) == out.end()) out.push_back(r);
  return out;
}

std::string Identity::DisplayName() const {
  std::string out;
  for (const std::string* part : {&first_name, &middle_name, &second_name}) {
    if (part->empty()) continue;
    if (!out.empty()) out += ' ';
    out += *part;
  }
  return out.empty() ? full_name : out;
}

bool Identity::HasName() const {
  return !first_name.empty() || !middle_name.empty() || !second_name.empty() || !full_name.empty();
}

}  // namespace kashf::victims
