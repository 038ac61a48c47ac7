#include "kashf/core/paths.h"

#include <cstdlib>

namespace kashf {

std::string KashfHome() {
  if (const char* env = std::getenv("KASHF_HOME"); env && *env) return env;
  return SourceDir();
}

std::string SourceDir() { return KASHF_SOURCE_DIR; }

std::string DataPath(std::string_view relative) { return KashfHome() + "/" + std::string(relative); }

}  // namespace kashf
