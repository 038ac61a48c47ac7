#include "kashf/legal/gap_import.h"

#include <cstdlib>
#include <map>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "kashf/core/text.h"

namespace kashf::legal {
namespace {

const std::vector<std::string> kFields = {"requirement", "jurisdiction", "catalogue_version",
                                          "status",      "provisions",   "justification",
                                          "assessed_on", "base_version", "illustrative"};

// Sets field `name` of `row`; false when the name is not a column.
bool SetField(ImportRow& row, const std::string& name, const std::string& value) {
  if (name == "illustrative") {
    std::string v = ToLowerAscii(Trim(value));
    row.illustrative = v == "true" || v == "yes" || v == "1";
    return true;
  }
  std::map<std::string, std::string*> fields = {{"requirement", &row.requirement},
                                                {"jurisdiction", &row.jurisdiction},
                                                {"catalogue_version", &row.catalogue_version},
                                                {"status", &row.status},
                                                {"provisions", &row.provisions},
                                                {"justification", &row.justification},
                                                {"assessed_on", &row.assessed_on},
                                                {"base_version", &row.base_version}};
  auto it = fields.find(name);
  if (it == fields.end()) return false;
  *it->second = std::string(Trim(value));
  return true;
}

// RFC 4180 records (quoted fields may hold commas, quotes and line breaks). Returns each record
// with the 1-based line it starts on.
Result<std::vector<std::pair<int, std::vector<std::string>>>> CsvRecords(const std::string& text) {
  std::vector<std::pair<int, std::vector<std::string>>> out;
  std::vector<std::string> record;
  std::string field;
  bool quoted = false, any = false;
  int line = 1, start = 1;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    if (c == '"' && field.empty()) {
      quoted = any = true;
    } else if (c == ',') {
      record.push_back(std::move(field));
      field.clear();
      any = true;
    } else if (c == '\n') {
      if (any || !field.empty()) {
        record.push_back(std::move(field));
        out.emplace_back(start, std::move(record));
      }
      record.clear();
      field.clear();
      any = false;
      start = ++line;
    } else if (c != '\r') {
      field += c;
      any = true;
    }
  }
  if (quoted)
    return Status::InvalidArgument(fmt::format("CSV: a quoted field opened on line {} is never closed", start));
  if (any || !field.empty()) {
    record.push_back(std::move(field));
    out.emplace_back(start, std::move(record));
  }
  return out;
}

}  // namespace

Result<std::vector<ImportRow>> ParseImportCsv(const std::string& text) {
  KASHF_ASSIGN_OR_RETURN(auto records, CsvRecords(text));
  if (records.empty()) return Status::InvalidArgument("CSV: no header row");
  std::vector<std::string> header;
  for (const auto& h : records.front().second) header.push_back(ToLowerAscii(Trim(h)));
  for (const auto& h : header)
    if (std::find(kFields.begin(), kFields.end(), h) == kFields.end())
      return Status::InvalidArgument(
          fmt::format("CSV: unknown column '{}'; the columns are {}", h, Join(kFields, ", ")));
  for (const char* required : {"requirement", "jurisdiction", "catalogue_version", "status"})
    if (std::find(header.begin(), header.end(), required) == header.end())
      return Status::InvalidArgument(fmt::format("CSV: the header has no column '{}'", required));
  std::vector<ImportRow> rows;
  for (size_t r = 1; r < records.size(); ++r) {
    ImportRow row;
    row.line = records[r].first;
    const auto& cells = records[r].second;
    if (cells.size() != header.size())
      row.problem = fmt::format("{} cells where the header has {}", cells.size(), header.size());
    for (size_t i = 0; i < cells.size() && i < header.size(); ++i) SetField(row, header[i], cells[i]);
    rows.push_back(std::move(row));
  }
  return rows;
}

Result<std::vector<ImportRow>> ParseImportJson(const std::string& text) {
  nlohmann::json doc = nlohmann::json::parse(text, nullptr, false);
  if (doc.is_discarded()) return Status::InvalidArgument("the import is not valid JSON");
  if (doc.is_object() && doc.contains("assessments")) doc = doc["assessments"];
  if (!doc.is_array())
    return Status::InvalidArgument("the import must be a JSON array of rows (or {\"assessments\": [...]})");
  std::vector<ImportRow> rows;
  for (size_t i = 0; i < doc.size(); ++i) {
    ImportRow row;
    row.line = static_cast<int>(i + 1);
    const auto& o = doc[i];
    if (!o.is_object()) {
      row.problem = "the row is not a JSON object";
    } else {
      for (const auto& [key, value] : o.items()) {
        std::string v;
        if (value.is_string()) {
          v = value.get<std::string>();
        } else if (value.is_number_integer() || value.is_boolean()) {
          v = value.dump();
        } else {
          row.problem = fmt::format("field '{}' must be text", key);
          continue;
        }
        if (!SetField(row, key, v)) row.problem = fmt::format("unknown field '{}'", key);
      }
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

namespace {

// The row as an assessment, with the errors found reading it.
Assessment FromRow(const LegalFramework& framework, const ImportRow& row, const std::string& today,
                   std::vector<FieldError>& errors) {
  Assessment a;
  a.requirement = row.requirement;
  a.jurisdiction = row.jurisdiction;
  a.catalogue_version = row.catalogue_version;
  a.justification = row.justification;
  a.assessed_on = row.assessed_on.empty() ? today : row.assessed_on;
  a.illustrative = row.illustrative;
  if (!row.problem.empty()) errors.push_back({"row", row.problem});
  auto status = ParseCompliance(row.status);
  if (status.ok()) {
    a.status = *status;
  } else {
    errors.push_back({"status", fmt::format("'{}' is not a status: {}", row.status, status.status().message())});
  }
  auto provisions = ParseCitations(row.provisions);
  if (provisions.ok()) {
    a.provisions = std::move(*provisions);
  } else {
    errors.push_back({"provisions", provisions.status().message()});
  }
  if (!framework.FindRequirement(row.requirement)) {
    std::vector<std::string> ids;
    for (const auto& c : framework.catalogues)
      for (const auto& r : c.requirements) ids.push_back(r.id);
    auto near = ClosestMatch(row.requirement, ids);
    errors.push_back({"requirement", fmt::format("unknown requirement id '{}'{}", row.requirement,
                                                 near ? " (did you mean " + *near + "?)" : "")});
  }
  if (row.catalogue_version.empty()) errors.push_back({"catalogue_version", "catalogue_version is required"});
  return a;
}

}  // namespace

ImportReport ValidateImport(const LegalFramework& framework, const std::vector<Assessment>& current,
                            const std::vector<ImportRow>& rows, const std::string& today) {
  std::map<std::pair<std::string, std::string>, int64_t> current_version;
  for (const auto& a : current) current_version[{a.requirement, a.jurisdiction}] = a.version;
  std::map<std::pair<std::string, std::string>, int> seen;  // key -> first line
  ImportReport report;
  report.rows = static_cast<int>(rows.size());
  for (const auto& row : rows) {
    std::vector<FieldError> errors;
    Assessment a = FromRow(framework, row, today, errors);
    std::set<std::string> reported;
    for (const auto& e : errors) reported.insert(e.field);
    for (auto& e : CheckAssessment(framework, a))
      if (!reported.count(e.field) || e.field == "provisions") errors.push_back(std::move(e));
    std::pair<std::string, std::string> key{a.requirement, a.jurisdiction};
    if (!row.base_version.empty()) {
      int64_t now = current_version.count(key) ? current_version[key] : 0;
      a.based_on = std::atoll(row.base_version.c_str());  // checked again when the store saves it
      if (row.base_version != std::to_string(now))
        errors.push_back({"base_version", fmt::format("conflict: the row was edited from version {} but the stored "
                                                      "version is now {}; reconcile with the current assessment",
                                                      row.base_version, now)});
    }
    auto [first, inserted] = seen.emplace(key, row.line);
    if (!inserted)
      errors.push_back(
          {"row", fmt::format("{} in {} also appears on row {}", a.requirement, a.jurisdiction, first->second)});
    if (errors.empty()) {
      report.accepted.push_back(std::move(a));
      continue;
    }
    for (auto& e : errors)
      report.errors.push_back({row.line, row.requirement, row.jurisdiction, std::move(e.field), std::move(e.message)});
  }
  return report;
}

}  // namespace kashf::legal
