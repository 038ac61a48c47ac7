// JSON form of a VictimCase (no identity: VictimCase holds none). Used for storage and `--json`.
#pragma once
#include <nlohmann/json.hpp>

#include "kashf/core/result.h"
#include "kashf/victims/victim_case.h"

namespace kashf::victims {

nlohmann::json CaseToJson(const VictimCase& c);
// Corruption naming the case id if `j` is not a case written by CaseToJson.
Result<VictimCase> CaseFromJson(const nlohmann::json& j);

}  // namespace kashf::victims
