#include <gtest/gtest.h>

#include "kashf/ingest/row_source.h"
#include "kashf/testing/files.h"

namespace kashf {
namespace {

TEST(JsonLinesSource, DottedPathsArraysAndTypes) {
  std::string path = testing::FreshTempDir("jsonl") + "/f.jsonl";
  testing::WriteFile(path,
                     "{\"case_no\": \"FIA-1\", \"suspect\": {\"name\": \"Mohd Asif\", \"phones\": [\"0300-1\", "
                     "\"0301-2\"]}, \"n\": 3}\n"
                     "\n"
                     "{\"case_no\": \"FIA-2\", \"suspects\": [{\"name\": \"A\"}, {\"name\": \"B\"}], \"ok\": true}\n"
                     "not json\n"
                     "[1,2]\n");
  SourceOptions o;
  o.format = SourceFormat::kJsonLines;
  auto src = OpenRowSource(path, o, {"case_no", "suspect.name", "suspect.phones", "n", "suspects.name", "ok"});
  ASSERT_TRUE(src.ok()) << src.status().ToString();
  SourceRow r;
  ASSERT_TRUE(*(*src)->Next(&r));
  EXPECT_EQ(r.line, 1);
  EXPECT_EQ(r.values[1], "Mohd Asif");
  EXPECT_EQ(r.values[2], std::string("0300-1") + kMultiValueSeparator + "0301-2");
  EXPECT_EQ(r.values[3], "3");
  ASSERT_TRUE(*(*src)->Next(&r));
  EXPECT_EQ(r.line, 3);
  EXPECT_EQ(r.values[4], std::string("A") + kMultiValueSeparator + "B");
  EXPECT_EQ(r.values[5], "true");
  ASSERT_TRUE(*(*src)->Next(&r));
  EXPECT_EQ(r.line, 4);
  EXPECT_NE(r.error.find("not valid JSON"), std::string::npos);
  ASSERT_TRUE(*(*src)->Next(&r));
  EXPECT_NE(r.error.find("not an object"), std::string::npos);
  EXPECT_FALSE(*(*src)->Next(&r));
}

TEST(JsonLinesSource, UnknownKeyIsCaughtUpFront) {
  std::string path = testing::FreshTempDir("jsonl") + "/f.jsonl";
  testing::WriteFile(path, "{\"case_no\": 1, \"suspect\": {\"name\": \"x\"}}\n");
  SourceOptions o;
  o.format = SourceFormat::kJsonLines;
  auto src = OpenRowSource(path, o, {"suspect.nme"});
  ASSERT_FALSE(src.ok());
  EXPECT_NE(src.status().message().find("did you mean 'suspect.name'"), std::string::npos) << src.status().message();
}

TEST(JsonLinesSource, BadUtf8LineIsRejectedNotFatal) {
  std::string path = testing::FreshTempDir("jsonl") + "/f.jsonl";
  testing::WriteFile(path, "{\"a\": \"ok\"}\n{\"a\": \"caf\xE9\"}\n{\"a\": \"fine\"}\n");
  SourceOptions o;
  o.format = SourceFormat::kJsonLines;
  auto src = OpenRowSource(path, o, {"a"});
  ASSERT_TRUE(src.ok());
  SourceRow r;
  ASSERT_TRUE(*(*src)->Next(&r));
  ASSERT_TRUE(*(*src)->Next(&r));
  EXPECT_NE(r.error.find("UTF-8"), std::string::npos) << r.error;
  ASSERT_TRUE(*(*src)->Next(&r));
  EXPECT_EQ(r.values[0], "fine");
}

TEST(JsonLinesSource, LinesNestedDeeperThanTheLimitAreRejectedNotFatal) {
  std::string path = testing::FreshTempDir("jsonl") + "/f.jsonl";
  std::string deep = "{\"a\": \"x\", \"b\": " + std::string(65, '[') + std::string(65, ']') + "}";
  testing::WriteFile(path, "{\"a\": \"ok\"}\n" + deep + "\n{\"a\": \"fine\"}\n");
  SourceOptions o;
  o.format = SourceFormat::kJsonLines;
  o.limits.max_nesting_depth = 64;
  auto src = OpenRowSource(path, o, {"a"});
  ASSERT_TRUE(src.ok()) << src.status().ToString();
  SourceRow r;
  ASSERT_TRUE(*(*src)->Next(&r));
  ASSERT_TRUE(*(*src)->Next(&r));
  EXPECT_EQ(r.line, 2);
  EXPECT_NE(r.error.find("deeper than 64 levels"), std::string::npos) << r.error;
  ASSERT_TRUE(*(*src)->Next(&r));
  EXPECT_EQ(r.values[0], "fine");
}

}  // namespace
}  // namespace kashf
