// Reading a small CSV file line by line (RFC 4180 fields, no line breaks inside a field), for the
// transfers and truth readers of the typology code. Internal to src/network.
#pragma once
#include <fstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "kashf/core/result.h"
#include "kashf/core/text.h"

namespace kashf::network {

// Calls header(fields) for the first line, then row(fields, where) for each non-empty line after
// it, `where` being "path:line: " for messages; stops at the first error either returns.
// NotFound when the file cannot be opened; InvalidArgument when it is empty.
template <typename Header, typename Row>
Status ReadCsvRows(const std::string& path, const char* what, Header header, Row row) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(fmt::format("{}: cannot open the {} file", path, what));
  std::string line;
  if (!std::getline(in, line)) return Status::InvalidArgument(path + ": empty file (expected a header line)");
  KASHF_RETURN_IF_ERROR(header(SplitCsvLine(line)));
  for (int64_t line_no = 2; std::getline(in, line); ++line_no) {
    if (line.empty() || line == "\r") continue;
    KASHF_RETURN_IF_ERROR(row(SplitCsvLine(line), fmt::format("{}:{}: ", path, line_no)));
  }
  return Status::Ok();
}

}  // namespace kashf::network
