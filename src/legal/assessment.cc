#include "kashf/legal/assessment.h"

#include <array>
#include <map>
#include <tuple>

#include <fmt/format.h>

#include "kashf/core/text.h"

namespace kashf::legal {
namespace {

struct ComplianceRow {
  Compliance value;
  std::string_view name;
  std::string_view spoken;  // as written in a spreadsheet
};
constexpr std::array<ComplianceRow, 5> kCompliance{{{Compliance::kMet, "met", "met"},
                                                    {Compliance::kPartlyMet, "partly_met", "partly met"},
                                                    {Compliance::kNotMet, "not_met", "not met"},
                                                    {Compliance::kNotApplicable, "not_applicable", "not applicable"},
                                                    {Compliance::kNotAssessed, "not_assessed", "not yet assessed"}}};

}  // namespace

uint32_t ComplianceColour(Compliance c) {
  switch (c) {
    case Compliance::kMet: return 0xC6EFCE;
    case Compliance::kPartlyMet: return 0xFFEB9C;
    case Compliance::kNotMet: return 0xFFC7CE;
    case Compliance::kNotApplicable: return 0xE7E6E6;
    case Compliance::kNotAssessed: return 0xFFFFFF;
  }
  return 0xFFFFFF;
}

std::string_view ComplianceName(Compliance c) {
  for (const auto& r : kCompliance)
    if (r.value == c) return r.name;
  return "not_assessed";
}

Result<Compliance> ParseCompliance(std::string_view text) {
  std::string t = ToLowerAscii(Trim(text));
  for (const auto& r : kCompliance)
    if (t == r.name || t == r.spoken) return r.value;
  return Status::InvalidArgument(
      "status must be one of met, partly_met, not_met, not_applicable, not_assessed (or 'partly met', "
      "'not met', 'not applicable', 'not yet assessed')");
}

const std::vector<Compliance>& AllCompliance() {
  static const std::vector<Compliance> all = [] {
    std::vector<Compliance> v;
    for (const auto& r : kCompliance) v.push_back(r.value);
    return v;
  }();
  return all;
}

std::string FormatCitations(const std::vector<Citation>& citations) {
  std::vector<std::string> parts;
  for (const auto& c : citations) parts.push_back(c.section.empty() ? c.instrument : c.instrument + " s." + c.section);
  return Join(parts, "; ");
}

Result<std::vector<Citation>> ParseCitations(std::string_view text) {
  std::vector<Citation> out;
  for (const std::string& part : Split(text, ';')) {
    std::string_view p = Trim(part);
    if (p.empty()) continue;
    size_t s = p.find(" s.");
    Citation c{std::string(Trim(p.substr(0, s))),
               s == std::string_view::npos ? "" : std::string(Trim(p.substr(s + 3)))};
    if (c.instrument.empty() || c.instrument.find(' ') != std::string::npos)
      return Status::InvalidArgument(
          fmt::format("provision '{}' is not 'instrument-id s.section' (e.g. pk-arms-ordinance-1965 s.13; several "
                      "separated by ';')",
                      p));
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<AssessmentChange> DiffAssessments(const std::vector<Assessment>& before,
                                              const std::vector<Assessment>& after) {
  using Key = std::pair<std::string, std::string>;
  std::map<Key, std::pair<const Assessment*, const Assessment*>> keys;
  for (const auto& a : before) keys[{a.requirement, a.jurisdiction}].first = &a;
  for (const auto& a : after) keys[{a.requirement, a.jurisdiction}].second = &a;
  std::vector<AssessmentChange> out;
  for (const auto& [key, pair] : keys) {
    const auto [b, a] = pair;
    AssessmentChange c;
    c.requirement = key.first;
    c.jurisdiction = key.second;
    if (b) {
      c.before = b->status;
      c.before_provisions = FormatCitations(b->provisions);
    }
    if (a) {
      c.after = a->status;
      c.after_provisions = FormatCitations(a->provisions);
      c.assessed_by = a->assessed_by;
      c.assessed_on = a->assessed_on;
    }
    if (c.before != c.after || c.before_provisions != c.after_provisions) out.push_back(std::move(c));
  }
  return out;
}

}  // namespace kashf::legal
