#include "kashf/store/recorded_victims.h"

#include <vector>

#include "kashf/core/text.h"

namespace kashf {

bool IsVictimRole(const std::string& role) {
  std::string r = ToLowerAscii(role);
  return r.find("victim") != std::string::npos || r.find("survivor") != std::string::npos;
}

Result<std::unordered_set<std::string>> RecordedVictims(Store& store, bool whole_clusters) {
  std::unordered_set<std::string> victims;
  std::string cur, party;
  bool victim_role = false;
  auto flush = [&] {
    if (victim_role && !party.empty()) victims.insert(party);
    party.clear();
    victim_role = false;
  };
  // Statements of one entity arrive together (ScanStatements contract).
  KASHF_RETURN_IF_ERROR(store.ScanStatements({"Involvement", ""}, [&](const Statement& s) {
    if (s.entity_id != cur) {
      flush();
      cur = s.entity_id;
    }
    if (s.prop == "party") party = s.value;
    if (s.prop == "role" && IsVictimRole(s.value)) victim_role = true;
    return true;
  }));
  flush();
  if (whole_clusters) {
    std::vector<std::string> parties(victims.begin(), victims.end());
    std::unordered_set<std::string> clusters;
    for (const auto& id : parties) {
      KASHF_ASSIGN_OR_RETURN(std::string cluster, store.ClusterOf(id));
      if (cluster == id || !clusters.insert(cluster).second) continue;
      KASHF_ASSIGN_OR_RETURN(auto members, store.ClusterMembers(cluster));
      victims.insert(members.begin(), members.end());
    }
  }
  return victims;
}

}  // namespace kashf
