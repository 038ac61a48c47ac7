// Golden-file comparisons for tests: the output of a deterministic computation is checked against a
// file under tests/golden/. Run the test with KASHF_UPDATE_GOLDEN=1 in the environment to rewrite the
// file from the current output (then review the diff and commit it with the change that caused it).
#pragma once
#include <gtest/gtest.h>

#include <string>

namespace kashf::testing {

// Success when `actual` equals the file at `golden_path` byte for byte. On failure the message names
// the file, the first differing line (1-based) with both versions, and how to regenerate the file.
// With KASHF_UPDATE_GOLDEN set, writes `actual` to the file first (so it succeeds).
// Use: EXPECT_TRUE(MatchesGoldenFile(csv, DataPath("tests/golden/<layer>/<name>")));
::testing::AssertionResult MatchesGoldenFile(const std::string& actual, const std::string& golden_path);

}  // namespace kashf::testing
