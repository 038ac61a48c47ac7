#include "kashf/sim/truth.h"

#include <fstream>

#include <fmt/format.h>

#include "kashf/core/text.h"

namespace kashf::sim {
namespace {

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
    auto fields = kashf::SplitCsvLine(line);
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
