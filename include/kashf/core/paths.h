// Locating Kashf's data files (schema/, mappings/, data/) at run time.
#pragma once
#include <string>
#include <string_view>

namespace kashf {

// The directory holding schema/, mappings/ and data/: $KASHF_HOME if set, else the source tree
// this binary was built from. Contract: never empty.
std::string KashfHome();
// The source tree this binary was built from (where docs/ and tests/ live); not overridable.
std::string SourceDir();
// KashfHome() + "/" + relative.
std::string DataPath(std::string_view relative);

}  // namespace kashf
