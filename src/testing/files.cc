#include "kashf/testing/files.h"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace kashf::testing {

std::string FreshTempDir(const std::string& name) {
  static std::atomic<int> counter{0};
  const char* base = std::getenv("KASHF_TEST_TMP");
  std::filesystem::path dir = std::filesystem::path(base && *base ? base : "/tmp/kashf-test") /
                              (name + "-" + std::to_string(getpid()) + "-" + std::to_string(counter++));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

void WriteFile(const std::string& path, const std::string& content) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream out(path, std::ios::binary);
  out << content;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace kashf::testing
