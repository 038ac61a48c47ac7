#include "kashf/testing/golden.h"

#include <cstdlib>
#include <filesystem>

#include "kashf/core/paths.h"
#include "kashf/testing/files.h"

namespace kashf::testing {
namespace {

// Line `index` (0-based) of `text`, without its newline; "(end of file)" past the last line.
std::string LineAt(const std::string& text, size_t index) {
  size_t begin = 0;
  for (size_t i = 0; i < index; ++i) {
    begin = text.find('\n', begin);
    if (begin == std::string::npos) return "(end of file)";
    ++begin;
  }
  if (begin >= text.size()) return "(end of file)";
  size_t end = text.find('\n', begin);
  return text.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
}

}  // namespace

::testing::AssertionResult MatchesGoldenFile(const std::string& actual, const std::string& golden) {
  const std::string golden_path = golden.starts_with('/') ? golden : SourceDir() + "/tests/golden/" + golden;
  const char* update = std::getenv("KASHF_UPDATE_GOLDEN");
  if (update && *update) WriteFile(golden_path, actual);
  if (!std::filesystem::exists(golden_path)) {
    return ::testing::AssertionFailure() << "golden file " << golden_path
                                         << " does not exist; create it with KASHF_UPDATE_GOLDEN=1";
  }
  const std::string expected = ReadFile(golden_path);
  if (actual == expected) return ::testing::AssertionSuccess();
  size_t line = 0;
  for (size_t i = 0; i < actual.size() && i < expected.size() && actual[i] == expected[i]; ++i) {
    if (actual[i] == '\n') ++line;
  }
  return ::testing::AssertionFailure() << "output differs from " << golden_path << " at line " << line + 1
                                       << ":\n  output: " << LineAt(actual, line)
                                       << "\n  golden: " << LineAt(expected, line)
                                       << "\nregenerate with KASHF_UPDATE_GOLDEN=1 if the change is intended";
}

}  // namespace kashf::testing
