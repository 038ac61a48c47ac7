// A case reduced to the CTDC-style variables that may leave the system (data/reference/ctdc_variables.tsv):
// no identity, no free text, no dates finer than the year.
#pragma once
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "kashf/core/result.h"
#include "kashf/victims/victim_case.h"

namespace kashf::analytics {

enum class CtdcVariable {
  kYearOfRegistration,
  kGender,
  kAgeBroad,
  kCitizenship,
  kCountryOfExploitation,
  kTypeOfExploit,
  kTypeOfLabour,
  kRecruiterRelationship,
  kRoute,
  kTraffickingStatus,
};
inline constexpr size_t kNumCtdcVariables = 10;

// CTDC names in enum order ("yearOfRegistration", "gender", ...).
const std::array<std::string_view, kNumCtdcVariables>& CtdcVariableNames();
// InvalidArgument listing the names if `name` is not one.
Result<CtdcVariable> ParseCtdcVariable(std::string_view name);

struct CtdcRecord {
  std::array<std::string, kNumCtdcVariables> values;
  const std::string& Get(CtdcVariable v) const { return values[static_cast<size_t>(v)]; }
};

// CTDC age bands (data/reference/ctdc_age_bands.tsv): label and inclusive age range.
class AgeBands {
 public:
  static Result<AgeBands> LoadFile(const std::string& path);
  static Result<AgeBands> LoadDefault();
  // The band label for `age`, or "unknown" for a negative age.
  const std::string& BandOf(int age) const;
  std::vector<std::string> Labels() const;  // in order, then "unknown"

 private:
  struct Band {
    std::string label;
    int min_age, max_age;
  };
  std::vector<Band> bands_;
};

CtdcRecord ToCtdcRecord(const victims::VictimCase& c, const AgeBands& bands);

}  // namespace kashf::analytics
