// Reads the small tab-separated reference files under data/reference/: '#' lines and blank lines
// are skipped, the first other line is the header.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "kashf/core/result.h"

namespace kashf {

struct TsvRow {
  int line = 0;
  std::map<std::string, std::string> cells;  // header -> value
};

// Fails with the file and line when a row has a different number of cells than the header, or
// when a column in `required_columns` is missing.
Result<std::vector<TsvRow>> ReadTsvFile(const std::string& path, const std::vector<std::string>& required_columns);

}  // namespace kashf
