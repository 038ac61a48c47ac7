#include "kashf/analytics/ctdc_record.h"

#include <fstream>

#include <fmt/format.h>

#include "kashf/core/paths.h"
#include "kashf/core/text.h"

namespace kashf::analytics {

const std::array<std::string_view, kNumCtdcVariables>& CtdcVariableNames() {
  static constexpr std::array<std::string_view, kNumCtdcVariables> kNames = {"yearOfRegistration",
                                                                             "gender",
                                                                             "ageBroad",
                                                                             "citizenship",
                                                                             "CountryOfExploitation",
                                                                             "typeOfExploit",
                                                                             "typeOfLabour",
                                                                             "RecruiterRelationship",
                                                                             "route",
                                                                             "traffickingStatus"};
  return kNames;
}

Result<CtdcVariable> ParseCtdcVariable(std::string_view name) {
  const auto& names = CtdcVariableNames();
  for (size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) return static_cast<CtdcVariable>(i);
  std::vector<std::string> all(names.begin(), names.end());
  return Status::InvalidArgument(
      fmt::format("'{}' is not a CTDC export variable; variables are: {}", name, Join(all, ", ")));
}

Result<AgeBands> AgeBands::LoadFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::NotFound(fmt::format("age band table {} not found", path));
  AgeBands b;
  std::string line;
  bool header = true;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (header) {
      header = false;
      continue;
    }
    auto f = Split(line, '\t');
    if (f.size() != 3)
      return Status::InvalidArgument(fmt::format("{}: expected label, min_age, max_age in '{}'", path, line));
    try {
      b.bands_.push_back({f[0], std::stoi(f[1]), std::stoi(f[2])});
    } catch (...) {
      return Status::InvalidArgument(fmt::format("{}: ages must be whole numbers in '{}'", path, line));
    }
  }
  for (size_t i = 1; i < b.bands_.size(); ++i)
    if (b.bands_[i].min_age != b.bands_[i - 1].max_age + 1)
      return Status::InvalidArgument(
          fmt::format("{}: band {} does not start where {} ends", path, b.bands_[i].label, b.bands_[i - 1].label));
  if (b.bands_.empty()) return Status::InvalidArgument(fmt::format("{} lists no age bands", path));
  return b;
}

Result<AgeBands> AgeBands::LoadDefault() { return LoadFile(DataPath("data/reference/ctdc_age_bands.tsv")); }

const std::string& AgeBands::BandOf(int age) const {
  static const std::string kUnknown = "unknown";
  for (const auto& b : bands_)
    if (age >= b.min_age && age <= b.max_age) return b.label;
  return kUnknown;
}

std::vector<std::string> AgeBands::Labels() const {
  std::vector<std::string> out;
  for (const auto& b : bands_) out.push_back(b.label);
  out.push_back("unknown");
  return out;
}

CtdcRecord ToCtdcRecord(const victims::VictimCase& c, const AgeBands& bands) {
  CtdcRecord r;
  auto set = [&](CtdcVariable v, std::string value) { r.values[static_cast<size_t>(v)] = std::move(value); };
  set(CtdcVariable::kYearOfRegistration,
      c.registration_date.size() >= 4 ? c.registration_date.substr(0, 4) : "unknown");
  set(CtdcVariable::kGender, c.sex.empty() ? "unknown" : c.sex);
  set(CtdcVariable::kAgeBroad, bands.BandOf(c.age_at_registration));
  set(CtdcVariable::kCitizenship, c.citizenship.empty() ? "unknown" : c.citizenship);
  std::string coe = c.CountryOfExploitation();
  set(CtdcVariable::kCountryOfExploitation, coe.empty() ? "unknown" : coe);
  set(CtdcVariable::kTypeOfExploit, c.exploitation_types.empty() ? "unknown" : c.exploitation_types.front());
  set(CtdcVariable::kTypeOfLabour, c.labour_sector);
  set(CtdcVariable::kRecruiterRelationship, c.recruiter_relation.empty() ? "unknown" : c.recruiter_relation);
  set(CtdcVariable::kRoute, c.Route());
  set(CtdcVariable::kTraffickingStatus, c.trafficking_status);
  return r;
}

}  // namespace kashf::analytics
