#include "kashf/analytics/ctdc_record.h"

#include <algorithm>
#include <fstream>
#include <optional>

#include <fmt/format.h>

#include "kashf/core/paths.h"
#include "kashf/core/text.h"
#include "kashf/core/tsv_file.h"

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
                                                                             "traffickingStatus",
                                                                             "traffickMonths",
                                                                             "meansDebtBondageEarnings",
                                                                             "meansThreats",
                                                                             "meansAbusePsyPhySex",
                                                                             "meansFalsePromises",
                                                                             "meansDrugsAlcohol",
                                                                             "meansDenyBasicNeeds",
                                                                             "meansExcessiveWorkHours",
                                                                             "meansWithholdDocs",
                                                                             "isForcedLabour",
                                                                             "isSexualExploit",
                                                                             "isOtherExploit",
                                                                             "typeOfLabourAgriculture",
                                                                             "typeOfLabourConstruction",
                                                                             "typeOfLabourDomesticWork",
                                                                             "typeOfLabourHospitality",
                                                                             "typeOfSexProstitution",
                                                                             "typeOfSexPornography",
                                                                             "recruiterRelationIntimatePartner",
                                                                             "recruiterRelationFriend",
                                                                             "recruiterRelationFamily",
                                                                             "recruiterRelationOther"};
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

namespace {

// The values a case holds in source field `field` ("" and empty lists give none). Integer fields
// and events are handled by their kinds. nullopt for a field name that is not a source.
std::optional<std::vector<std::string>> SourceValues(const victims::VictimCase& c, std::string_view field) {
  auto one = [](const std::string& v) { return v.empty() ? std::vector<std::string>{} : std::vector<std::string>{v}; };
  if (field == "registration_date") return one(c.registration_date);
  if (field == "sex") return one(c.sex);
  if (field == "citizenship") return one(c.citizenship);
  if (field == "country_of_exploitation") return one(c.CountryOfExploitation());
  if (field == "labour_sector") return one(c.labour_sector);
  if (field == "recruiter_relation") return one(c.recruiter_relation);
  if (field == "trafficking_status") return one(c.trafficking_status);
  if (field == "means_of_control") return c.means_of_control;
  if (field == "exploitation_types") return c.exploitation_types;
  if (field == "sexual_exploitation_types") return c.sexual_exploitation_types;
  return std::nullopt;
}

constexpr std::string_view kKinds[] = {"year", "category", "flag", "value", "first", "age_band", "month_band", "route"};

}  // namespace

Result<CtdcCoding> CtdcCoding::Load(const std::string& variables_tsv, const std::string& coding_tsv,
                                    const std::string& age_bands_tsv, const std::string& month_bands_tsv) {
  CtdcCoding c;
  KASHF_ASSIGN_OR_RETURN(c.ages_, AgeBands::LoadFile(age_bands_tsv));
  KASHF_ASSIGN_OR_RETURN(c.months_, AgeBands::LoadFile(month_bands_tsv));
  c.rules_.resize(kNumCtdcVariables);
  std::vector<bool> seen(kNumCtdcVariables, false);
  KASHF_ASSIGN_OR_RETURN(auto vars,
                         ReadTsvFile(variables_tsv, {"variable", "codebook", "kind", "source", "when_empty"}));
  victims::VictimCase probe;
  for (TsvRow& row : vars) {
    const int n = row.line;
    std::string &name = row.cells["variable"], &kind = row.cells["kind"], &source = row.cells["source"];
    auto v = ParseCtdcVariable(name);
    if (!v.ok()) return Status::InvalidArgument(fmt::format("{}:{}: {}", variables_tsv, n, v.status().message()));
    size_t i = static_cast<size_t>(*v);
    if (std::find(std::begin(kKinds), std::end(kKinds), kind) == std::end(kKinds))
      return Status::InvalidArgument(fmt::format("{}:{}: unknown kind '{}'", variables_tsv, n, kind));
    bool integer = kind == "age_band" || kind == "month_band" || kind == "route";
    if (!integer && !SourceValues(probe, source))
      return Status::InvalidArgument(
          fmt::format("{}:{}: '{}' is not a case field Kashf can export", variables_tsv, n, source));
    seen[i] = true;
    c.rules_[i] = {std::move(kind), std::move(source), std::move(row.cells["when_empty"]), {}};
    if (row.cells["codebook"] == "ctdc2024") c.codebook_.push_back(*v);
  }
  for (size_t i = 0; i < kNumCtdcVariables; ++i)
    if (!seen[i])
      return Status::InvalidArgument(
          fmt::format("{} has no rule for variable {}", variables_tsv, CtdcVariableNames()[i]));
  KASHF_ASSIGN_OR_RETURN(auto codes, ReadTsvFile(coding_tsv, {"variable", "kashf_value", "ctdc_value"}));
  for (TsvRow& row : codes) {
    const std::string& name = row.cells["variable"];
    auto v = ParseCtdcVariable(name);
    if (!v.ok()) return Status::InvalidArgument(fmt::format("{}:{}: {}", coding_tsv, row.line, v.status().message()));
    Rule& r = c.rules_[static_cast<size_t>(*v)];
    if (r.kind != "category" && r.kind != "flag")
      return Status::InvalidArgument(
          fmt::format("{}:{}: {} is a '{}' variable; only category and flag variables "
                      "take codings",
                      coding_tsv, row.line, name, r.kind));
    r.values.push_back({std::move(row.cells["kashf_value"]), std::move(row.cells["ctdc_value"])});
  }
  return c;
}

Result<CtdcCoding> CtdcCoding::LoadDefault() {
  return Load(DataPath("data/reference/ctdc_variables.tsv"), DataPath("data/reference/ctdc_coding.tsv"),
              DataPath("data/reference/ctdc_age_bands.tsv"), DataPath("data/reference/ctdc_traffick_months.tsv"));
}

CtdcRecord CtdcCoding::Code(const victims::VictimCase& c) const {
  static const std::string kZero = "0", kUnknown = "unknown";
  CtdcRecord out;
  for (size_t i = 0; i < kNumCtdcVariables; ++i) {
    const Rule& r = rules_[i];
    std::string& value = out.values[i];
    if (r.kind == "age_band") {
      value = ages_.BandOf(c.age_at_registration);
      continue;
    }
    if (r.kind == "month_band") {
      value = months_.BandOf(c.months_trafficked);
      continue;
    }
    if (r.kind == "route") {
      value = c.Route();
      if (value.empty()) value = r.when_empty;
      continue;
    }
    std::vector<std::string> values = *SourceValues(c, r.source);
    if (values.empty()) {
      value = r.when_empty;
      continue;
    }
    auto coded = [&](const std::string& v) -> const std::string* {
      for (const auto& [from, to] : r.values)
        if (from == v) return &to;
      return nullptr;
    };
    if (r.kind == "year") {
      value = values[0].size() >= 4 ? values[0].substr(0, 4) : r.when_empty;
    } else if (r.kind == "value" || r.kind == "first") {
      value = values[0];
    } else if (r.kind == "category") {
      const std::string* to = coded(values[0]);
      value = to ? *to : kUnknown;
    } else {  // flag: 1 if any value codes 1, else unknown if any codes unknown, else 0
      const std::string* flag = &kZero;
      for (const auto& v : values) {
        const std::string* to = coded(v);
        if (!to) continue;
        flag = to;
        if (*to == "1") break;
      }
      value = *flag;
    }
  }
  return out;
}

CtdcRecord ToCtdcRecord(const victims::VictimCase& c, const CtdcCoding& coding) { return coding.Code(c); }

}  // namespace kashf::analytics
