#include "kashf/sim/truth.h"

#include <fstream>

#include <fmt/format.h>

namespace kashf::sim {
namespace {

// Splits one CSV line (RFC 4180; the truth files never hold line breaks inside a field).
std::vector<std::string> SplitCsvLine(const std::string& line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        fields.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        fields.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.emplace_back();
    } else if (c != '\r') {
      fields.back() += c;
    }
  }
  return fields;
}

// Reads `path`, checks the header, and calls `add` with the fields of each data line.
template <typename Add>
Status ReadTruthFile(const std::string& path, const std::string& header, size_t columns, Add add) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(fmt::format("{}: cannot open the truth file (run `kashf simulate` first?)", path));
  std::string line;
  if (!std::getline(in, line) || (line.empty() || line.substr(0, header.size()) != header)) {
    return Status::Corruption(fmt::format("{}:1: expected the header \"{}\"", path, header));
  }
  int64_t line_no = 1;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty() || line == "\r") continue;
    auto fields = SplitCsvLine(line);
    if (fields.size() != columns) {
      return Status::Corruption(
          fmt::format("{}:{}: expected {} fields, found {}", path, line_no, columns, fields.size()));
    }
    add(fields);
  }
  return Status::Ok();
}

}  // namespace

Result<std::vector<RecordTruth>> LoadRecordTruth(const std::string& path) {
  std::vector<RecordTruth> out;
  KASHF_RETURN_IF_ERROR(ReadTruthFile(path, "dataset,schema,key,true_id", 4, [&](std::vector<std::string>& f) {
    out.push_back({std::move(f[0]), std::move(f[1]), std::move(f[2]), std::move(f[3])});
  }));
  return out;
}

Result<std::vector<RoleTruth>> LoadRoleTruth(const std::string& path) {
  std::vector<RoleTruth> out;
  KASHF_RETURN_IF_ERROR(ReadTruthFile(path, "true_id,kind,role", 3, [&](std::vector<std::string>& f) {
    out.push_back({std::move(f[0]), std::move(f[1]), std::move(f[2])});
  }));
  return out;
}

Result<std::vector<NetworkTruth>> LoadNetworkTruth(const std::string& path) {
  std::vector<NetworkTruth> out;
  KASHF_RETURN_IF_ERROR(ReadTruthFile(path, "true_id,network_id", 2, [&](std::vector<std::string>& f) {
    out.push_back({std::move(f[0]), std::move(f[1])});
  }));
  return out;
}

}  // namespace kashf::sim
