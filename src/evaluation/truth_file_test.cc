#include "kashf/evaluation/truth_file.h"

#include <gtest/gtest.h>

#include "kashf/model/statement.h"
#include "kashf/testing/files.h"

namespace kashf::evaluation {
namespace {

std::string Write(const std::string& content) {
  std::string path = testing::FreshTempDir("truth") + "/truth.csv";
  testing::WriteFile(path, content);
  return path;
}

TEST(TruthFile, ReadsIdsAndRecordKeysWithQuotesCommentsAndBlankLines) {
  auto rows = LoadTruthFile(Write("# police roles\nid,Role\r\nE1,Organiser\n\n\"E2\",\"broker\"\n"));
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].id, "E1");
  EXPECT_EQ((*rows)[0].label, "organiser");
  EXPECT_EQ((*rows)[0].line, 3u);
  EXPECT_EQ((*rows)[1].id, "E2");
  EXPECT_EQ((*rows)[1].label, "broker");

  auto keyed = LoadTruthFile(Write("dataset,schema,key,label\nwiretap,Person,\"N12, the boss\",boss\n"));
  ASSERT_TRUE(keyed.ok()) << keyed.status().ToString();
  ASSERT_EQ(keyed->size(), 1u);
  EXPECT_EQ((*keyed)[0].id, MakeEntityId("wiretap", "Person", "N12, the boss"));
  EXPECT_EQ((*keyed)[0].shown, "wiretap,Person,N12, the boss");
  EXPECT_EQ((*keyed)[0].label, "boss");
}

TEST(TruthFile, BadFilesGiveErrorsNamingTheLine) {
  auto missing = LoadTruthFile("/nonexistent/truth.csv");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  auto empty = LoadTruthFile(Write(""));
  ASSERT_FALSE(empty.ok());
  EXPECT_NE(empty.status().message().find("the truth file is empty"), std::string::npos);
  auto header_only = LoadTruthFile(Write("id,role\n# nothing yet\n"));
  ASSERT_FALSE(header_only.ok());
  EXPECT_NE(header_only.status().message().find("no rows"), std::string::npos);
  auto bad_header = LoadTruthFile(Write("person,kind\nE1,organiser\n"));
  ASSERT_FALSE(bad_header.ok());
  EXPECT_NE(bad_header.status().message().find(":1: expected a header 'id,role'"), std::string::npos);
  auto fields = LoadTruthFile(Write("id,role\nE1,organiser\nE2,broker,extra\n"));
  ASSERT_FALSE(fields.ok());
  EXPECT_NE(fields.status().message().find(":3: expected 2 fields, found 3"), std::string::npos);
  auto blank = LoadTruthFile(Write("id,role\nE1,\n"));
  ASSERT_FALSE(blank.ok());
  EXPECT_NE(blank.status().message().find(":2: a field is empty"), std::string::npos);
}

}  // namespace
}  // namespace kashf::evaluation
