// Who in the statement store is recorded as a victim: the `party` of an Involvement whose role
// names a victim or survivor (e.g. an agency's case list loads its victims as Person records).
// Exports, the network layer and the server withhold these people's identities; their records are
// reached only through the survivor's NRM case (include/kashf/victims), on need-to-know.
#pragma once
#include <string>
#include <unordered_set>

#include "kashf/core/result.h"
#include "kashf/store/store.h"

namespace kashf {

// "victim", "Victim (minor)", "survivor", ...: case-insensitive substring match.
bool IsVictimRole(const std::string& role);

// Entity ids of the recorded victims. With `whole_clusters`, also every record entity resolution
// put in the same cluster as one of them (the same person as recorded by another agency).
Result<std::unordered_set<std::string>> RecordedVictims(Store& store, bool whole_clusters);

}  // namespace kashf
