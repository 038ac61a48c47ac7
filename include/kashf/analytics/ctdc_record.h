// A case reduced to the CTDC variables that may leave the system: the 27 variables of the CTDC 2024
// Global Synthetic Dataset codebook, with CTDC's names and codings, and five Kashf variables kept for
// earlier tables. No identity, no free text, no dates finer than the year. How each variable is
// derived from the HTCDS fields of a case is data (data/reference/ctdc_variables.tsv and
// ctdc_coding.tsv), read by CtdcCoding.
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
  // The rest of the CTDC 2024 codebook.
  kTraffickMonths,
  kMeansDebtBondageEarnings,
  kMeansThreats,
  kMeansAbusePsyPhySex,
  kMeansFalsePromises,
  kMeansDrugsAlcohol,
  kMeansDenyBasicNeeds,
  kMeansExcessiveWorkHours,
  kMeansWithholdDocs,
  kIsForcedLabour,
  kIsSexualExploit,
  kIsOtherExploit,
  kTypeOfLabourAgriculture,
  kTypeOfLabourConstruction,
  kTypeOfLabourDomesticWork,
  kTypeOfLabourHospitality,
  kTypeOfSexProstitution,
  kTypeOfSexPornography,
  kRecruiterRelationIntimatePartner,
  kRecruiterRelationFriend,
  kRecruiterRelationFamily,
  kRecruiterRelationOther,
};
inline constexpr size_t kNumCtdcVariables = 32;

// Names in enum order ("yearOfRegistration", "gender", ...).
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

// The derivation of every CTDC variable from a case, loaded from data/reference/ctdc_variables.tsv,
// ctdc_coding.tsv, ctdc_age_bands.tsv and ctdc_traffick_months.tsv. Loading fails (InvalidArgument
// naming file and line) if a variable is not one of CtdcVariableNames(), a variable has no rule, a
// source field or kind is unknown, or a coding row names a variable that is not a category or flag.
class CtdcCoding {
 public:
  static Result<CtdcCoding> LoadDefault();
  static Result<CtdcCoding> Load(const std::string& variables_tsv, const std::string& coding_tsv,
                                 const std::string& age_bands_tsv, const std::string& month_bands_tsv);
  CtdcRecord Code(const victims::VictimCase& c) const;
  // Variables of the CTDC 2024 codebook, in codebook order (27).
  const std::vector<CtdcVariable>& CodebookVariables() const { return codebook_; }
  const AgeBands& age_bands() const { return ages_; }

 private:
  struct Rule {
    std::string kind, source, when_empty;
    std::vector<std::pair<std::string, std::string>> values;  // Kashf value -> CTDC value
  };
  std::vector<Rule> rules_;  // by CtdcVariable
  std::vector<CtdcVariable> codebook_;
  AgeBands ages_, months_;
};

CtdcRecord ToCtdcRecord(const victims::VictimCase& c, const CtdcCoding& coding);

}  // namespace kashf::analytics
