#include "record_codec.h"

#include <gtest/gtest.h>

namespace kashf {
namespace {

std::string Encode(
    const std::vector<std::tuple<std::string, std::string, std::vector<std::pair<std::string, std::string>>>>& groups) {
  std::string out;
  AppendVarint(&out, groups.size());
  for (const auto& [id, schema, props] : groups) {
    AppendString(&out, id);
    AppendString(&out, schema);
    AppendVarint(&out, props.size());
    for (const auto& [p, v] : props) {
      AppendString(&out, p);
      AppendString(&out, v);
    }
  }
  return out;
}

TEST(RecordCodecTest, RoundTripsGroupsAndLongValues) {
  const std::string long_value(300, 'x');  // needs a two-byte length
  std::string data = Encode({{"fir.Person.1", "Person", {{"name", "Muhammad Asif"}, {"name", "محمد آصف"}}},
                             {"fir.Phone.2", "Phone", {{"number", long_value}, {"note", ""}}}});
  std::vector<PackedGroup> groups;
  ASSERT_TRUE(DecodeRecord(data, &groups).ok());
  ASSERT_EQ(groups.size(), 2u);
  EXPECT_EQ(groups[0].entity_id, "fir.Person.1");
  EXPECT_EQ(groups[0].props[1].second, "محمد آصف");
  EXPECT_EQ(groups[1].schema, "Phone");
  EXPECT_EQ(groups[1].props[0].second, long_value);
  EXPECT_EQ(groups[1].props[1].second, "");
}

TEST(RecordCodecTest, VarintsUseSevenBitsPerByte) {
  std::string out;
  AppendVarint(&out, 127);
  EXPECT_EQ(out.size(), 1u);
  AppendVarint(&out, 128);
  EXPECT_EQ(out.size(), 3u);
  EXPECT_EQ(static_cast<unsigned char>(out[1]), 0x80);
  EXPECT_EQ(static_cast<unsigned char>(out[2]), 0x01);
}

TEST(RecordCodecTest, RejectsEveryTruncationAndTrailingBytes) {
  std::string data = Encode({{"e", "Person", {{"name", "Asif"}}}});
  std::vector<PackedGroup> groups;
  for (size_t n = 0; n < data.size(); ++n)
    EXPECT_EQ(DecodeRecord(std::string_view(data).substr(0, n), &groups).code(), StatusCode::kCorruption) << n;
  EXPECT_EQ(DecodeRecord(data + "x", &groups).code(), StatusCode::kCorruption);
  EXPECT_EQ(DecodeRecord(std::string(12, '\xff'), &groups).code(), StatusCode::kCorruption);  // overlong varint
}

}  // namespace
}  // namespace kashf
