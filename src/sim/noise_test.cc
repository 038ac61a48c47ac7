#include "noise.h"

#include <gtest/gtest.h>

#include "kashf/core/paths.h"

namespace kashf::sim {
namespace {

int DigitDifferences(const std::string& a, const std::string& b) {
  int n = 0;
  for (size_t i = 0; i < a.size() && i < b.size(); ++i) n += a[i] != b[i];
  return n;
}

TEST(NoiseTest, CnicTyposAreOneEditAndKeepTheProvinceDigit) {
  const std::string truth = "3520212345671";
  for (uint64_t i = 0; i < 200; ++i) {
    Rng rng(1, kNoiseStream, i);
    std::string wrong = CnicWithTypo(truth, CnicTypo::kWrongDigit, rng);
    EXPECT_EQ(wrong.size(), 13u);
    EXPECT_EQ(DigitDifferences(wrong, truth), 1);
    EXPECT_EQ(wrong[0], '3');
    std::string swapped = CnicWithTypo(truth, CnicTypo::kTransposed, rng);
    EXPECT_EQ(DigitDifferences(swapped, truth), 2);
    std::string dropped = CnicWithTypo(truth, CnicTypo::kDropped, rng);
    EXPECT_EQ(dropped.size(), 12u);
    EXPECT_EQ(dropped[0], '3');
  }
}

TEST(NoiseTest, CnicFormatsAndTypoRate) {
  int dashed = 0, typos = 0;
  const int n = 4000;
  for (int i = 0; i < n; ++i) {
    Rng rng(2, kNoiseStream, static_cast<uint64_t>(i));
    std::string w = WriteCnic("3520212345671", 0.3, 0.1, rng);
    if (w.size() == 15) {
      ++dashed;
      EXPECT_EQ(w[5], '-');
      EXPECT_EQ(w[13], '-');
      w.erase(13, 1);
      w.erase(5, 1);
    }
    typos += w != "3520212345671";
  }
  EXPECT_NEAR(static_cast<double>(typos) / n, 0.1, 0.02);
  EXPECT_GT(dashed, n / 2);  // 70% minus the dropped-digit typos, which are never dashed
}

TEST(NoiseTest, PhoneFormatsCarryTheSameNumber) {
  int typos = 0;
  const int n = 2000;
  for (int i = 0; i < n; ++i) {
    Rng rng(3, kNoiseStream, static_cast<uint64_t>(i));
    std::string w = WritePhone("3001234567", 0.05, rng);
    std::string digits;
    for (char ch : w)
      if (ch >= '0' && ch <= '9') digits += ch;
    if (digits.rfind("92", 0) == 0) digits = digits.substr(2);
    else if (digits.rfind('0', 0) == 0) digits = digits.substr(1);
    ASSERT_EQ(digits.size(), 10u) << w;
    typos += digits != "3001234567";
  }
  EXPECT_NEAR(static_cast<double>(typos) / n, 0.05, 0.015);
}

TEST(NoiseTest, DatesRoundTrip) {
  EXPECT_EQ(DaysFromCivil(1970, 1, 1), 0);
  int64_t d = DaysFromCivil(2024, 2, 29);
  EXPECT_EQ(FormatDate(d, 'I'), "2024-02-29");
  EXPECT_EQ(FormatDate(d, 'D'), "29/02/2024");
  EXPECT_EQ(FormatDate(d, 'H'), "29-02-2024");
  EXPECT_EQ(FormatDate(d + 1, 'P'), "01.03.2024");
}

TEST(NoiseTest, ObliteratedSerialKeepsLengthAndMostCharacters) {
  for (uint64_t i = 0; i < 100; ++i) {
    Rng rng(4, kNoiseStream, i);
    std::string s = ObliterateSerial("AB123456", rng);
    ASSERT_EQ(s.size(), 8u);
    int q = 0;
    for (char ch : s) q += ch == '?';
    EXPECT_GE(q, 1);
    EXPECT_LE(q, 3);
  }
}

TEST(NoiseTest, LatinVariantsComeFromTheTable) {
  auto ref = ReferenceData::Load(KashfHome());
  ASSERT_TRUE(ref.ok()) << ref.status().ToString();
  size_t muhammad = ref->prefix[0];
  ASSERT_EQ(ref->tokens[muhammad].token, "muhammad");
  int standard = 0;
  for (uint64_t i = 0; i < 1000; ++i) {
    Rng rng(5, kNoiseStream, i);
    std::string w = LatinName(*ref, {muhammad}, 0.35, rng);
    const auto& latin = ref->tokens[muhammad].latin;
    EXPECT_NE(std::find(latin.begin(), latin.end(), w), latin.end()) << w;
    standard += w == latin[0];
  }
  EXPECT_NEAR(standard / 1000.0, 0.65, 0.05);
  EXPECT_EQ(UrduName(*ref, {muhammad}), "محمد");
}

}  // namespace
}  // namespace kashf::sim
