#include "input_file.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

namespace kashf {

Result<InputFile> OpenInputFile(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return Status::NotFound(fmt::format("file '{}' does not exist", path));
  if (S_ISDIR(st.st_mode)) return Status::InvalidArgument(fmt::format("'{}' is a folder, not a file", path));
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return Status::IoError(fmt::format("cannot open '{}': {}", path, std::strerror(errno)));
  return InputFile{f, static_cast<uint64_t>(st.st_size)};
}

}  // namespace kashf
