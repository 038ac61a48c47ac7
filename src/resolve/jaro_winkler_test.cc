#include "kashf/resolve/jaro_winkler.h"

#include <gtest/gtest.h>

#include <string>

namespace kashf::resolve {
namespace {

// Reference values from Winkler (1990) / the usual textbook examples.
TEST(JaroWinkler, KnownValues) {
  EXPECT_NEAR(JaroSimilarity("MARTHA", "MARHTA"), 0.944, 1e-3);
  EXPECT_NEAR(JaroWinklerSimilarity("MARTHA", "MARHTA"), 0.961, 1e-3);
  EXPECT_NEAR(JaroWinklerSimilarity("DWAYNE", "DUANE"), 0.840, 1e-3);
  EXPECT_NEAR(JaroWinklerSimilarity("DIXON", "DICKSONX"), 0.813, 1e-3);
}

TEST(JaroWinkler, Edges) {
  EXPECT_EQ(JaroWinklerSimilarity("", ""), 1.0);
  EXPECT_EQ(JaroWinklerSimilarity("abc", ""), 0.0);
  EXPECT_EQ(JaroWinklerSimilarity("abc", "abc"), 1.0);
  EXPECT_EQ(JaroWinklerSimilarity("abc", "xyz"), 0.0);
  EXPECT_EQ(JaroWinklerSimilarity("a", "b"), 0.0);
}

TEST(JaroWinkler, SymmetricAndLongStrings) {
  const std::string a(100, 'x'), b = std::string(99, 'x') + "y";
  EXPECT_NEAR(JaroWinklerSimilarity(a, b), JaroWinklerSimilarity(b, a), 1e-12);
  EXPECT_GT(JaroWinklerSimilarity(a, b), 0.98);
  EXPECT_NEAR(JaroWinklerSimilarity("muhammad asif", "mohammad asif"),
              JaroWinklerSimilarity("mohammad asif", "muhammad asif"), 1e-12);
}

}  // namespace
}  // namespace kashf::resolve
