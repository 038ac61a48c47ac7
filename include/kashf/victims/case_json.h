// JSON form of a VictimCase (no identity: VictimCase holds none). Used for storage and `--json`.
// Reading accepts every earlier shape of a stored case: fields added later take their defaults,
// and the single-valued "recruitment_method" and the role list "perpetrator_roles" of records
// written before HTCDS v2 coverage become one-element recruitment_methods and one perpetrator
// record per role.
#pragma once
#include <nlohmann/json.hpp>

#include "kashf/core/result.h"
#include "kashf/victims/victim_case.h"

namespace kashf::victims {

nlohmann::json CaseToJson(const VictimCase& c);
// Corruption naming the case id if `j` is not a case written by CaseToJson (now or before).
Result<VictimCase> CaseFromJson(const nlohmann::json& j);

// The identity fields by name ("first_name", ..., "vulnerability_details", "event_points",
// "comments"), for an authorised reveal only.
nlohmann::json IdentityToJson(const Identity& id);
// The identity's structured part (event points and comments) as one JSON text, sealed in one
// column ("details"), and back. Corruption (naming no value) if `text` is not such a text.
std::string IdentityDetailsToText(const Identity& id);
Status IdentityDetailsFromText(const std::string& text, Identity& id);
// Names of the identity's text fields, in storage order.
const std::vector<const char*>& IdentityFieldNames();
// The field called `name` (one of IdentityFieldNames()), or nullptr.
std::string* IdentityField(Identity& id, std::string_view name);

}  // namespace kashf::victims
