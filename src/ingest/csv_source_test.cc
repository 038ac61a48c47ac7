#include <gtest/gtest.h>

#include "kashf/ingest/row_source.h"
#include "kashf/testing/files.h"

namespace kashf {
namespace {

struct Read {
  std::vector<SourceRow> rows;
  Status status;
};

Read ReadAll(const std::string& content, const std::vector<std::string>& cols, char delim = ',',
             size_t max_columns = 16384) {
  std::string path = testing::FreshTempDir("csv") + "/f.csv";
  testing::WriteFile(path, content);
  SourceOptions o;
  o.delimiter = delim;
  o.limits.max_columns = max_columns;
  Read r;
  auto src = OpenRowSource(path, o, cols);
  if (!src.ok()) {
    r.status = src.status();
    return r;
  }
  SourceRow row;
  for (;;) {
    auto more = (*src)->Next(&row);
    if (!more.ok()) {
      r.status = more.status();
      break;
    }
    if (!*more) break;
    r.rows.push_back(row);
  }
  return r;
}

TEST(CsvSource, QuotesEscapesNewlinesAndCrlf) {
  Read r = ReadAll("a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\r\n\"multi\nline\",2\r\n3,4", {"b", "a"});
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  ASSERT_EQ(r.rows.size(), 3u);
  EXPECT_EQ(r.rows[0].values, (std::vector<std::string>{"say \"hi\"", "x, y"}));
  EXPECT_EQ(r.rows[0].line, 2);
  EXPECT_EQ(r.rows[1].values[1], "multi\nline");
  EXPECT_EQ(r.rows[1].line, 3);
  EXPECT_EQ(r.rows[2].line, 5);  // the quoted newline advanced the line count
  EXPECT_EQ(r.rows[2].values, (std::vector<std::string>{"4", "3"}));
}

TEST(CsvSource, SkipsUtf8BomAndBlankLines) {
  Read r = ReadAll("\xEF\xBB\xBFname,x\nAsif,1\n\nRasool,2\n", {"name"});
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  ASSERT_EQ(r.rows.size(), 2u);
  EXPECT_EQ(r.rows[1].values[0], "Rasool");
  EXPECT_EQ(r.rows[1].line, 4);
}

TEST(CsvSource, WrongFieldCountRejectsOnlyThatRow) {
  Read r = ReadAll("a,b\n1,2\n1,2,3\n4\n5,6\n", {"a"});
  ASSERT_TRUE(r.status.ok());
  ASSERT_EQ(r.rows.size(), 4u);
  EXPECT_TRUE(r.rows[0].error.empty());
  EXPECT_NE(r.rows[1].error.find("unquoted ','"), std::string::npos);
  EXPECT_NE(r.rows[2].error.find("has 1 fields"), std::string::npos);
  EXPECT_TRUE(r.rows[3].error.empty());
}

TEST(CsvSource, ExplainsWrongDelimiter) {
  Read r = ReadAll("fir_no;name\n1;Asif\n", {"fir_no", "name"});
  ASSERT_FALSE(r.status.ok());
  EXPECT_NE(r.status.message().find("delimiter: \";\""), std::string::npos) << r.status.message();
  Read ok = ReadAll("fir_no;name\n1;Asif\n", {"fir_no", "name"}, ';');
  ASSERT_TRUE(ok.status.ok());
  EXPECT_EQ(ok.rows[0].values[1], "Asif");
}

TEST(CsvSource, MissingColumnSuggestsClosest) {
  Read r = ReadAll("fir_no,accused_cnic\n1,2\n", {"accused_cnc"});
  ASSERT_FALSE(r.status.ok());
  EXPECT_NE(r.status.message().find("did you mean 'accused_cnic'"), std::string::npos) << r.status.message();
}

TEST(CsvSource, EmptyAndUtf16FilesAreExplained) {
  Read empty = ReadAll("", {"a"});
  EXPECT_NE(empty.status.message().find("empty"), std::string::npos);
  Read utf16 = ReadAll(std::string("\xFF\xFE"
                                   "a\0,\0b\0",
                                   8),
                       {"a"});
  EXPECT_NE(utf16.status.message().find("UTF-16"), std::string::npos);
}

TEST(CsvSource, UnclosedQuoteAtEndIsARowError) {
  Read r = ReadAll("a,b\n1,2\n\"open,3\n", {"a"});
  ASSERT_TRUE(r.status.ok());
  ASSERT_EQ(r.rows.size(), 2u);
  EXPECT_NE(r.rows[1].error.find("never closed"), std::string::npos);
}

TEST(CsvSource, RunawayQuoteStopsWithBoundedMemory) {
  std::string path = testing::FreshTempDir("csv") + "/f.csv";
  testing::WriteFile(path, "a\n1\n\"" + std::string(3000, 'x') + "\n");
  SourceOptions o;
  o.limits.max_record_bytes = 1024;
  auto src = OpenRowSource(path, o, {"a"});
  ASSERT_TRUE(src.ok());
  SourceRow row;
  ASSERT_TRUE(*(*src)->Next(&row));
  auto more = (*src)->Next(&row);
  ASSERT_FALSE(more.ok());
  EXPECT_NE(more.status().message().find("never closed"), std::string::npos);
}

TEST(CsvSource, MissingFileAndFolder) {
  SourceOptions o;
  EXPECT_EQ(OpenRowSource("/nonexistent/x.csv", o, {"a"}).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(OpenRowSource(testing::FreshTempDir("dir"), o, {"a"}).status().code(), StatusCode::kInvalidArgument);
}

TEST(CsvSource, RowsAndHeadersWiderThanTheLimitAreRefused) {
  std::string wide(100000, ',');  // 100,001 empty fields: without the limit, 100,001 strings in memory
  Read r = ReadAll("a,b\n1,2\n" + wide + "\n3,4\n", {"a"}, ',', 4);
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  ASSERT_EQ(r.rows.size(), 3u);
  EXPECT_NE(r.rows[1].error.find("more than 4 columns"), std::string::npos) << r.rows[1].error;
  EXPECT_EQ(r.rows[2].values[0], "3");
  Read header = ReadAll("a,b,c,d,e\n1,2,3,4,5\n", {"a"}, ',', 4);
  EXPECT_NE(header.status.message().find("header line: has more than 4 columns"), std::string::npos)
      << header.status.ToString();
  EXPECT_TRUE(ReadAll("a,b,c,d\n1,2,3,4\n", {"a"}, ',', 4).status.ok());
}

}  // namespace
}  // namespace kashf
