#include "kashf/analytics/ctdc_export.h"

#include <algorithm>

#include <fmt/format.h>

#include "kashf/core/text.h"

namespace kashf::analytics {
namespace {

void AppendCsvField(std::string& out, const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) {
    out.append(s);
    return;
  }
  out.push_back('"');
  for (char c : s) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

}  // namespace

std::string RenderCtdcCsv(const CountTable& t) {
  std::string out;
  for (CtdcVariable v : t.variables) {
    out.append(CtdcVariableNames()[static_cast<size_t>(v)]);
    out.push_back(',');
  }
  out.append("count\n");
  for (const auto& c : t.cells) {
    if (!c.released) continue;
    for (const auto& v : c.values) {
      AppendCsvField(out, v.empty() ? std::string("none") : v);
      out.push_back(',');
    }
    out.append(std::to_string(*c.released));
    out.push_back('\n');
  }
  out.append("TOTAL");
  for (size_t i = 0; i < t.variables.size(); ++i) out.push_back(',');
  out.append(t.released_total ? std::to_string(*t.released_total) : std::string("withheld"));
  out.push_back('\n');
  return out;
}

Result<std::vector<CtdcVariable>> ParseVariableList(const std::string& list) {
  std::vector<CtdcVariable> out;
  for (const auto& part : Split(list, ',')) {
    std::string name(Trim(part));
    if (name.empty()) continue;
    KASHF_ASSIGN_OR_RETURN(CtdcVariable v, ParseCtdcVariable(name));
    if (std::find(out.begin(), out.end(), v) != out.end())
      return Status::InvalidArgument(fmt::format("variable {} is listed twice", name));
    out.push_back(v);
  }
  if (out.empty() || out.size() > 4)
    return Status::InvalidArgument(
        "name 1 to 4 CTDC variables, e.g. --by gender,ageBroad (CTDC releases combinations of at most 4)");
  return out;
}

Result<CtdcExport> ExportCtdc(const std::vector<CtdcRecord>& records, const CtdcExportOptions& options,
                              const VariableDomains* domains, UniformSource* noise) {
  if (options.variables.empty() || options.variables.size() > 4)
    return Status::InvalidArgument("a CTDC export needs 1 to 4 variables");
  if (options.k < 1) return Status::InvalidArgument(fmt::format("k must be at least 1 (got {})", options.k));
  CtdcExport e;
  e.table = Tabulate(records, options.variables);
  if (options.dp) {
    if (!domains || !noise) return Status::Internal("a DP export needs domains and a noise source");
    KASHF_RETURN_IF_ERROR(ReleaseWithDp(e.table, *domains, *options.dp, *noise));
  } else {
    e.suppression = SuppressSmallCells(e.table, options.k);
  }
  e.csv = RenderCtdcCsv(e.table);
  return e;
}

}  // namespace kashf::analytics
