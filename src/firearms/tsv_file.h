// Reads the small tab-separated reference files of the firearms layer: '#' lines are comments,
// the first other line is the header. Internal to src/firearms.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "kashf/core/result.h"

namespace kashf::firearms {

struct TsvRow {
  int line = 0;
  std::map<std::string, std::string> cells;  // header -> value
};

// Fails with the file and line when a row has a different number of cells than the header, or
// when a column in `required_columns` is missing.
Result<std::vector<TsvRow>> ReadTsvFile(const std::string& path, const std::vector<std::string>& required_columns);

}  // namespace kashf::firearms
