#include <gtest/gtest.h>

#include "kashf/core/hash.h"
#include "kashf/core/result.h"
#include "kashf/core/text.h"

namespace kashf {
namespace {

TEST(Status, CarriesCodeAndContext) {
  Status st = Status::NotFound("file 'x.csv' does not exist").WithContext("ingest");
  EXPECT_FALSE(st.ok());
  EXPECT_EQ(st.code(), StatusCode::kNotFound);
  EXPECT_EQ(st.ToString(), "not found: ingest: file 'x.csv' does not exist");
  EXPECT_EQ(ExitCodeFor(st), 3);
  EXPECT_EQ(ExitCodeFor(Status::Ok()), 0);
  EXPECT_EQ(ExitCodeFor(Status::AlreadyExists("key.pem already exists")), 2);  // the user's to fix, not a bug (1)
}

Result<int> Half(int x) {
  if (x % 2) return Status::InvalidArgument("odd");
  return x / 2;
}
Result<int> Quarter(int x) {
  KASHF_ASSIGN_OR_RETURN(int h, Half(x));
  return Half(h);
}

TEST(Result, PropagatesErrors) {
  EXPECT_EQ(*Quarter(8), 2);
  EXPECT_FALSE(Quarter(6).ok());
  EXPECT_EQ(Quarter(6).status().message(), "odd");
}

TEST(StableHash, IsStableAndPartAware) {
  // Persisted ids depend on these exact values; a change here needs a store migration.
  EXPECT_EQ(Hex64(StableHash64("kashf")), Hex64(StableHash64("kashf")));
  EXPECT_NE(StableHashParts({"ab", "c"}), StableHashParts({"a", "bc"}));
  EXPECT_EQ(Hex64(0xabcULL), "0000000000000abc");
}

TEST(Utf8, AcceptsUrduRejectsBrokenBytes) {
  EXPECT_TRUE(IsValidUtf8("محمد آصف"));
  EXPECT_TRUE(IsValidUtf8("Muhammad Asif"));
  size_t off = 0;
  EXPECT_FALSE(IsValidUtf8(std::string("Asif\xC3", 5), &off));
  EXPECT_EQ(off, 4u);
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));      // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));  // surrogate
  EXPECT_FALSE(IsValidUtf8("caf\xE9"));       // Latin-1 e-acute
}

TEST(Text, CsvCellQuotesOnlyWhatNeedsIt) {
  EXPECT_EQ(CsvCell("plain text"), "plain text");
  EXPECT_EQ(CsvCell("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvCell("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(CsvCell("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(CsvCell("cr\r"), "\"cr\r\"");
  EXPECT_EQ(CsvCell(""), "");
}

TEST(Text, SuggestsCloseNames) {
  EXPECT_EQ(ClosestMatch("accused_cnc", {"accused_cnic", "fir_no"}).value_or(""), "accused_cnic");
  EXPECT_FALSE(ClosestMatch("zzzzzz", {"accused_cnic", "fir_no"}).has_value());
  EXPECT_EQ(EditDistance("kitten", "sitting"), 3u);
  EXPECT_EQ(Split("a,,b", ','), (std::vector<std::string>{"a", "", "b"}));
  EXPECT_EQ(FormatIsoUtc(0), "1970-01-01T00:00:00Z");
}

}  // namespace
}  // namespace kashf
