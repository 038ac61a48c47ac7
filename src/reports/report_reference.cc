#include "kashf/reports/report_reference.h"

#include <fstream>

#include <fmt/format.h>

#include "kashf/core/paths.h"
#include "kashf/core/text.h"

namespace kashf::reports {
namespace {

// The rows of a tab-separated file after its comment lines and header, each with at least
// `min_columns` fields.
Result<std::vector<std::vector<std::string>>> ReadTsv(const std::string& path, size_t min_columns) {
  std::ifstream in(path);
  if (!in) return Status::NotFound(fmt::format("reference table {} not found", path));
  std::vector<std::vector<std::string>> rows;
  std::string line;
  bool header = true;
  for (int line_no = 1; std::getline(in, line); ++line_no) {
    if (line.empty() || line[0] == '#') continue;
    if (header) {
      header = false;
      continue;
    }
    auto fields = Split(line, '\t');
    if (fields.size() < min_columns || fields[0].empty())
      return Status::InvalidArgument(
          fmt::format("{}:{}: expected {} tab-separated columns with a non-empty first", path, line_no, min_columns));
    rows.push_back(std::move(fields));
  }
  return rows;
}

}  // namespace

Result<ReportReference> ReportReference::LoadFiles(const std::string& categories_tsv,
                                                   const std::string& districts_tsv) {
  ReportReference ref;
  KASHF_ASSIGN_OR_RETURN(auto categories, ReadTsv(categories_tsv, 3));
  for (auto& row : categories) {
    if (ref.FindCategory(row[0]))
      return Status::InvalidArgument(fmt::format("{}: category '{}' repeated", categories_tsv, row[0]));
    ref.categories_.push_back({row[0], row[1], row[2]});
  }
  KASHF_ASSIGN_OR_RETURN(auto districts, ReadTsv(districts_tsv, 2));
  for (auto& row : districts) ref.districts_.push_back({row[0], row[1]});
  return ref;
}

Result<ReportReference> ReportReference::LoadDefault() {
  return LoadFiles(DataPath("data/reference/cso-report-categories.tsv"), DataPath("data/reference/pk-districts.tsv"));
}

const ReportCategory* ReportReference::FindCategory(const std::string& code) const {
  for (const auto& c : categories_)
    if (c.code == code) return &c;
  return nullptr;
}

const District* ReportReference::FindDistrict(const std::string& name) const {
  for (const auto& d : districts_)
    if (d.name == name) return &d;
  const std::string folded = ToLowerAscii(name);
  for (const auto& d : districts_)
    if (ToLowerAscii(d.name) == folded) return &d;
  return nullptr;
}

}  // namespace kashf::reports
