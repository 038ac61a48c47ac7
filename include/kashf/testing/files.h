// Test helpers for files: a fresh temporary directory per test (under $KASHF_TEST_TMP or /tmp), and
// whole-file reads and writes. Part of kashf_testing, which only tests and benchmarks link.
#pragma once
#include <string>

namespace kashf::testing {
// Creates and returns an empty directory unique to the calling test; `name` makes it readable.
std::string FreshTempDir(const std::string& name);
// Writes `content` to `path` (binary), creating parent folders.
void WriteFile(const std::string& path, const std::string& content);
// The whole file at `path`; empty when it cannot be read.
std::string ReadFile(const std::string& path);
}  // namespace kashf::testing
