// RFC 4180 quoting for the firearms CSV exports. Internal to src/firearms.
#pragma once
#include <string>

namespace kashf::firearms {
// `v` quoted when it contains a comma, quote or line break.
std::string CsvCell(const std::string& v);
}  // namespace kashf::firearms
