#include "kashf/core/tsv_file.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>

#include "kashf/core/text.h"

namespace kashf {

Result<std::vector<TsvRow>> ReadTsvFile(const std::string& path, const std::vector<std::string>& required_columns) {
  std::ifstream in(path);
  if (!in)
    return Status::NotFound(
        fmt::format("cannot read reference file '{}' (set KASHF_HOME to the Kashf source tree)", path));
  std::vector<std::string> header;
  std::vector<TsvRow> rows;
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (Trim(line).empty() || line[0] == '#') continue;
    std::vector<std::string> cells = Split(line, '\t');
    if (header.empty()) {
      header = cells;
      for (const auto& c : required_columns)
        if (std::find(header.begin(), header.end(), c) == header.end())
          return Status::InvalidArgument(fmt::format("{}:{}: header lacks column '{}'", path, n, c));
      continue;
    }
    if (cells.size() != header.size())
      return Status::InvalidArgument(fmt::format("{}:{}: {} cells but the header has {}; separate cells with one tab",
                                                 path, n, cells.size(), header.size()));
    TsvRow row;
    row.line = n;
    for (size_t i = 0; i < cells.size(); ++i) row.cells[header[i]] = std::string(Trim(cells[i]));
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace kashf
