// Alert <-> JSON, shared by the SQLite store (its record column), the CLI (--json) and the API.
// Times are Unix seconds here; the API renders them as date-time.
#pragma once
#include <nlohmann/json.hpp>

#include "kashf/warning/alert.h"

namespace kashf::warning {

nlohmann::json AlertToJson(const Alert& a);
Alert AlertFromJson(const nlohmann::json& j);

}  // namespace kashf::warning
