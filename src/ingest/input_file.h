// Opening a source file for the streaming readers (CSV, JSON lines). Internal to src/ingest.
#pragma once
#include <cstdint>
#include <cstdio>
#include <string>

#include "kashf/core/result.h"

namespace kashf {

struct InputFile {
  std::FILE* file = nullptr;  // open for binary reading; the reader that takes it closes it
  uint64_t size = 0;          // bytes, for progress (0 for a pipe)
};

// Opens `path` for reading: NotFound if it does not exist, InvalidArgument for a folder, IoError
// (with the system's reason) if it cannot be opened; every message names the path.
Result<InputFile> OpenInputFile(const std::string& path);

}  // namespace kashf
