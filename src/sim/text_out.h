// Buffered text output for the simulator's CSV, JSON-lines and truth files.
#pragma once
#include <cstdio>
#include <string>
#include <string_view>

#include "kashf/core/status.h"

namespace kashf::sim {

// Appends `field` to `line` as one RFC 4180 CSV field (quoted when it holds , " CR or LF).
void AppendCsvField(std::string& line, std::string_view field);
// Appends `value` as a JSON string literal (RFC 8259 escaping; bytes >= 0x80 are copied as is).
void AppendJsonString(std::string& line, std::string_view value);

// A file written through a 1 MiB buffer. Contract: Close() reports any write error; the
// destructor closes silently.
class BufferedFile {
 public:
  BufferedFile() = default;
  BufferedFile(const BufferedFile&) = delete;
  BufferedFile& operator=(const BufferedFile&) = delete;
  ~BufferedFile();

  Status Open(const std::string& path);
  void Write(std::string_view text);
  // Writes the CSV fields as one line ending in "\n".
  template <typename... Fields>
  void CsvLine(const Fields&... fields) {
    line_.clear();
    bool first = true;
    ((AppendSep(first), AppendCsvField(line_, fields)), ...);
    line_ += '\n';
    Write(line_);
  }
  Status Close();

 private:
  void AppendSep(bool& first) {
    if (!first) line_ += ',';
    first = false;
  }
  void Flush();

  std::FILE* file_ = nullptr;
  std::string path_;
  std::string buffer_;
  std::string line_;
  bool failed_ = false;
};

}  // namespace kashf::sim
