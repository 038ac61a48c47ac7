// CSV reader (RFC 4180: quoted fields, "" escapes, CRLF or LF, newlines inside quotes).
#pragma once
#include <cstdio>
#include <memory>

#include "kashf/ingest/row_source.h"

namespace kashf {

Result<std::unique_ptr<RowSource>> OpenCsvSource(const std::string& path, const SourceOptions& options,
                                                 const std::vector<std::string>& columns);

// Reject reason of a row wider than limits.max_columns, naming the limit and how to change it.
std::string RowTooWide(size_t max_columns);

// Picks, among the requested columns missing from `header`, the error message to show: names the
// closest header entry, and spots a header that looks split on another delimiter.
Status MissingColumnError(const std::string& path, const std::vector<std::string>& header, const std::string& column,
                          char delimiter);

}  // namespace kashf
