// Golden-file comparisons for tests: the output of a deterministic computation is checked against a
// file under tests/golden/. Run the test with KASHF_UPDATE_GOLDEN=1 in the environment to rewrite the
// file from the current output (then review the diff and commit it with the change that caused it).
#pragma once
#include <gtest/gtest.h>

#include <string>

namespace kashf::testing {

// Success when `actual` equals the golden file byte for byte. `golden` is relative to the source
// tree's tests/golden/ (e.g. "firearms/campaigns-seed7-600.csv"), or an absolute path. On failure the
// message names the file, the first differing line (1-based) with both versions, and how to
// regenerate the file. With KASHF_UPDATE_GOLDEN set, writes `actual` to the file first (so it succeeds).
// Use: EXPECT_TRUE(MatchesGoldenFile(csv, "<layer>/<name>.csv"));
::testing::AssertionResult MatchesGoldenFile(const std::string& actual, const std::string& golden);

}  // namespace kashf::testing
