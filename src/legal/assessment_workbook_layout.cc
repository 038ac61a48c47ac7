#include "assessment_workbook_layout.h"

#include <fmt/format.h>

#include "kashf/core/hash.h"
#include "kashf/legal/assessment_workbook.h"

namespace kashf::legal {

std::string_view ComplianceLabel(Compliance c) {
  switch (c) {
    case Compliance::kMet: return "met";
    case Compliance::kPartlyMet: return "partly met";
    case Compliance::kNotMet: return "not met";
    case Compliance::kNotApplicable: return "not applicable";
    case Compliance::kNotAssessed: break;
  }
  return "not yet assessed";
}

namespace workbook {

std::string ColumnHeader(std::string_view jurisdiction, Field field) {
  return fmt::format("{} {}", jurisdiction, kFieldNames[static_cast<size_t>(field)]);
}

std::optional<ParsedHeader> ParseColumnHeader(std::string_view header) {
  size_t space = header.rfind(' ');
  if (space == std::string_view::npos || space == 0) return std::nullopt;
  std::string_view name = header.substr(space + 1);
  for (size_t i = 0; i < kFieldNames.size(); ++i)
    if (name == kFieldNames[i]) return ParsedHeader{std::string(header.substr(0, space)), static_cast<Field>(i)};
  return std::nullopt;
}

std::string SheetName(std::string_view short_name, const std::vector<std::string>& taken) {
  std::string base;
  for (char c : short_name)
    if (std::string_view("[]:*?/\\").find(c) == std::string_view::npos) base += c;
  if (base.empty()) base = "Catalogue";
  auto is_taken = [&taken](const std::string& n) {
    for (const auto& t : taken)
      if (t == n) return true;
    return n == kMetaSheet || n == kReadMeSheet || n == kInstrumentsSheet;
  };
  // Cut on a byte count, but never inside a UTF-8 sequence.
  auto cut = [](std::string s, size_t n) {
    if (s.size() <= n) return s;
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
    return s.substr(0, n);
  };
  std::string name = cut(base, 31);
  for (int i = 2; is_taken(name); ++i) {
    std::string suffix = fmt::format(" {}", i);
    name = cut(base, 31 - suffix.size()) + suffix;
  }
  return name;
}

std::string CellHash(std::string_view requirement, std::string_view jurisdiction, int64_t version,
                     std::string_view status, std::string_view provisions, std::string_view justification) {
  std::string v = std::to_string(version);
  return Hex64(StableHashParts({requirement, jurisdiction, v, status, provisions, justification}));
}

}  // namespace workbook
}  // namespace kashf::legal
