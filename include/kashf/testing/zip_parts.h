// Test helpers for zip packages (XLSX workbooks): read one part, or replace/add parts in place, so
// a test can hand-edit the sheet XML of a workbook the way a user's spreadsheet program would.
#pragma once
#include <string>
#include <utility>
#include <vector>

namespace kashf::testing {
// The uncompressed part `entry` of the zip at `path`; fails the test (and returns "") when absent.
std::string ReadZipPart(const std::string& path, const std::string& entry);
// Writes each (entry, content) into the zip at `path`, replacing a part of the same name; creates the
// zip when it does not exist. Fails the test on any libzip error.
void WriteZipParts(const std::string& path, const std::vector<std::pair<std::string, std::string>>& parts);
}  // namespace kashf::testing
