#include "kashf/core/new_file.h"

#include <sys/stat.h>

#include <gtest/gtest.h>

#include "kashf/testing/files.h"

namespace kashf {
namespace {

TEST(CreateNewFile, WritesTheContentWithTheGivenModeAndNeverReplacesAFile) {
  const std::string dir = testing::FreshTempDir("new-file");
  const std::string path = dir + "/key";
  ASSERT_TRUE(CreateNewFile(path, "secret\n", 0600).ok());
  EXPECT_EQ(testing::ReadFile(path), "secret\n");
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);

  Status again = CreateNewFile(path, "other\n", 0644);
  EXPECT_EQ(again.code(), StatusCode::kAlreadyExists) << again.ToString();
  EXPECT_EQ(again.ToString().find("other"), std::string::npos) << "the content is never in a message";
  EXPECT_EQ(testing::ReadFile(path), "secret\n");

  EXPECT_EQ(CreateNewFile(dir + "/no-such-folder/key", "x", 0600).code(), StatusCode::kIoError);
}

}  // namespace
}  // namespace kashf
