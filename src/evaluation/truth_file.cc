// Generic ground-truth CSV (truth_file.h).
#include "kashf/evaluation/truth_file.h"

#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "kashf/core/text.h"
#include "kashf/model/statement.h"

namespace kashf::evaluation {
namespace {

// Comma-separated fields, each trimmed and stripped of one pair of surrounding double quotes ("" inside
// a quoted field is one quote; commas inside quotes are kept).
std::vector<std::string> Fields(const std::string& line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (c == '"' && quoted && i + 1 < line.size() && line[i + 1] == '"') {
      out.back() += '"';
      ++i;
    } else if (c == '"') {
      quoted = !quoted;
    } else if (c == ',' && !quoted) {
      out.emplace_back();
    } else {
      out.back() += c;
    }
  }
  for (auto& f : out) f = std::string(Trim(f));
  return out;
}

}  // namespace

Result<std::vector<TruthRow>> LoadTruthFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(fmt::format("{}: cannot open the truth file", path));
  std::stringstream text;
  text << in.rdbuf();
  return ParseTruthCsv(text.str(), path);
}

Result<std::vector<TruthRow>> ParseTruthCsv(std::string_view text, std::string_view path) {
  std::istringstream in{std::string(text)};
  const std::string expected = "expected a header 'id,role' (or 'dataset,schema,key,role'; 'label' for 'role')";
  std::vector<TruthRow> rows;
  std::string line;
  size_t n = 0;
  bool by_key = false, header = false;
  while (std::getline(in, line)) {
    ++n;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (Trim(line).empty() || Trim(line).front() == '#') continue;
    std::vector<std::string> f = Fields(line);
    if (!header) {
      for (auto& x : f) x = ToLowerAscii(x);
      const bool label = !f.empty() && (f.back() == "role" || f.back() == "label");
      if (label && f.size() == 2 && f[0] == "id") {
        by_key = false;
      } else if (label && f.size() == 4 && f[0] == "dataset" && f[1] == "schema" && f[2] == "key") {
        by_key = true;
      } else {
        return Status::InvalidArgument(fmt::format("{}:{}: {}, found '{}'", path, n, expected, line.substr(0, 120)));
      }
      header = true;
      continue;
    }
    const size_t want = by_key ? 4 : 2;
    if (f.size() != want)
      return Status::InvalidArgument(fmt::format("{}:{}: expected {} fields, found {}", path, n, want, f.size()));
    for (const auto& x : f)
      if (x.empty()) return Status::InvalidArgument(fmt::format("{}:{}: a field is empty", path, n));
    TruthRow r;
    r.line = n;
    r.label = ToLowerAscii(f.back());
    r.id = by_key ? MakeEntityId(f[0], f[1], f[2]) : f[0];
    r.shown = by_key ? fmt::format("{},{},{}", f[0], f[1], f[2]) : f[0];
    rows.push_back(std::move(r));
  }
  if (!header) return Status::InvalidArgument(fmt::format("{}: the truth file is empty; {}", path, expected));
  if (rows.empty())
    return Status::InvalidArgument(
        fmt::format("{}: the truth file has a header but no rows (one per labelled node)", path));
  return rows;
}

}  // namespace kashf::evaluation
