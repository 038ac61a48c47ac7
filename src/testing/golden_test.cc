#include "kashf/testing/golden.h"

#include <cstdlib>

#include <gtest/gtest.h>

#include "kashf/testing/files.h"

namespace kashf::testing {
namespace {

// Sets or clears KASHF_UPDATE_GOLDEN for one test (the caller's environment may set it) and restores it.
class UpdateGolden {
 public:
  explicit UpdateGolden(bool on) : had_(std::getenv("KASHF_UPDATE_GOLDEN") != nullptr) {
    if (had_) saved_ = std::getenv("KASHF_UPDATE_GOLDEN");
    if (on) setenv("KASHF_UPDATE_GOLDEN", "1", 1);
    else unsetenv("KASHF_UPDATE_GOLDEN");
  }
  ~UpdateGolden() {
    if (had_) setenv("KASHF_UPDATE_GOLDEN", saved_.c_str(), 1);
    else unsetenv("KASHF_UPDATE_GOLDEN");
  }
  UpdateGolden(const UpdateGolden&) = delete;
  UpdateGolden& operator=(const UpdateGolden&) = delete;

 private:
  bool had_;
  std::string saved_;
};

TEST(GoldenFile, MatchesIdenticalBytes) {
  const std::string path = FreshTempDir("golden") + "/a.csv";
  WriteFile(path, "x,y\n1,2\n");
  UpdateGolden off(false);
  EXPECT_TRUE(MatchesGoldenFile("x,y\n1,2\n", path));
}

TEST(GoldenFile, NamesTheFirstDifferingLine) {
  const std::string path = FreshTempDir("golden") + "/a.csv";
  WriteFile(path, "x,y\n1,2\n3,4\n");
  UpdateGolden off(false);
  auto r = MatchesGoldenFile("x,y\n1,2\n3,5\n", path);
  ASSERT_FALSE(r);
  EXPECT_NE(std::string(r.message()).find("at line 3:\n  output: 3,5\n  golden: 3,4"), std::string::npos)
      << r.message();
  EXPECT_NE(std::string(r.message()).find("KASHF_UPDATE_GOLDEN=1"), std::string::npos);
}

TEST(GoldenFile, ReportsAMissingLineAsEndOfFile) {
  const std::string path = FreshTempDir("golden") + "/a.csv";
  WriteFile(path, "x,y\n");
  UpdateGolden off(false);
  auto r = MatchesGoldenFile("x,y\n1,2\n", path);
  ASSERT_FALSE(r);
  EXPECT_NE(std::string(r.message()).find("line 2:\n  output: 1,2\n  golden: (end of file)"), std::string::npos)
      << r.message();
}

TEST(GoldenFile, AMissingFileFailsAndSaysHowToCreateIt) {
  const std::string path = FreshTempDir("golden") + "/none.csv";
  UpdateGolden off(false);
  auto r = MatchesGoldenFile("x\n", path);
  ASSERT_FALSE(r);
  EXPECT_NE(std::string(r.message()).find("does not exist"), std::string::npos) << r.message();
}

TEST(GoldenFile, UpdateRewritesTheFile) {
  const std::string path = FreshTempDir("golden") + "/sub/a.csv";
  WriteFile(path, "old\n");
  {
    UpdateGolden on(true);
    EXPECT_TRUE(MatchesGoldenFile("new\n", path));
  }
  EXPECT_EQ(ReadFile(path), "new\n");
}

}  // namespace
}  // namespace kashf::testing
