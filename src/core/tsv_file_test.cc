#include "kashf/core/tsv_file.h"

#include <gtest/gtest.h>

#include "kashf/testing/files.h"

namespace kashf {
namespace {

TEST(TsvFile, ReadsRowsAndSkipsComments) {
  std::string dir = testing::FreshTempDir("tsv");
  testing::WriteFile(dir + "/a.tsv", "# comment\na\tb\n1\t2\n\n3\t4\n");
  auto rows = ReadTsvFile(dir + "/a.tsv", {"a"});
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[1].cells.at("b"), "4");
  EXPECT_EQ((*rows)[1].line, 5);
}

TEST(TsvFile, ReportsBadRowsAndMissingColumns) {
  std::string dir = testing::FreshTempDir("tsv");
  testing::WriteFile(dir + "/a.tsv", "a\tb\n1\n");
  auto bad = ReadTsvFile(dir + "/a.tsv", {});
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find(":2:"), std::string::npos);
  auto missing = ReadTsvFile(dir + "/a.tsv", {"c"});
  EXPECT_NE(missing.status().message().find("'c'"), std::string::npos);
  EXPECT_EQ(ReadTsvFile(dir + "/none.tsv", {}).status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace kashf
