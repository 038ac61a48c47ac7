#include "obfuscated_numbers.h"

#include <gtest/gtest.h>

#include "kashf/text/extractor.h"

namespace kashf::sim {
namespace {

const text::Extractor& Extractor() {
  static const text::Extractor* e = new text::Extractor(std::move(text::Extractor::LoadDefault()).value());
  return *e;
}

// The value the extractor reads from `written` inside a sentence, "" when it reads none.
std::string ReadPhone(const std::string& written) {
  const std::string sentence = "rabta karein " + written + " shukriya";
  auto found = Extractor().Extract(sentence);
  EXPECT_TRUE(found.ok());
  return found.ok() && found->size() == 1 ? (*found)[0].value : "";
}

TEST(ObfuscatedNumbers, EveryStyleButLetterOReadsAsTheNumber) {
  for (int style = 0; style < kNumberStyles; ++style) {
    for (uint64_t draw = 0; draw < 20; ++draw) {
      Rng rng(7, 1, draw * 100 + static_cast<uint64_t>(style));
      const std::string national = draw % 2 ? "3455512233" : "3001234567";  // repeated digits: "double"
      const std::string written = WritePhoneAs(national, static_cast<NumberStyle>(style), rng);
      if (static_cast<NumberStyle>(style) == NumberStyle::kLetterO) {
        EXPECT_EQ(written.find('0'), std::string::npos) << written;
        continue;
      }
      EXPECT_EQ(ReadPhone(written), "+92" + national) << "style " << style << ": " << written;
    }
  }
}

TEST(ObfuscatedNumbers, StylesLookAsDocumented) {
  Rng rng(1, 1, 1);
  EXPECT_EQ(WritePhoneAs("3001234567", NumberStyle::kDashed, rng), "0300-1234567");
  EXPECT_EQ(WritePhoneAs("3001234567", NumberStyle::kSpaced, rng), "0300 123 4567");
  EXPECT_EQ(ToUrduDigits("0300-12"), "۰۳۰۰-۱۲");
  const std::string words = WritePhoneAs("3001234567", NumberStyle::kRomanWords, rng);
  EXPECT_EQ(words.rfind("sifar teen", 0), 0u) << words;
  const std::string zw = WritePhoneAs("3001234567", NumberStyle::kZeroWidth, rng);
  EXPECT_TRUE(zw.find("\u200B") != std::string::npos || zw.find("\u200F") != std::string::npos);
}

TEST(ObfuscatedNumbers, CnicsAndRupeesReadAsTheirValues) {
  for (uint64_t draw = 0; draw < 30; ++draw) {
    Rng rng(3, 2, draw);
    const std::string cnic = WriteCnicInText("3520212345671", rng);
    auto found = Extractor().Extract("CNIC " + cnic + ".");
    ASSERT_TRUE(found.ok());
    ASSERT_EQ(found->size(), 1u) << cnic;
    EXPECT_EQ((*found)[0].value, CnicValue("3520212345671"));
    const int64_t amount = 50000 * static_cast<int64_t>(1 + draw % 12) + (draw % 3 == 0 ? 5000 : 0);
    const std::string money = WriteRupees(amount, rng);
    found = Extractor().Extract("fee " + money + " advance");
    ASSERT_TRUE(found.ok());
    ASSERT_EQ(found->size(), 1u) << money;
    EXPECT_EQ((*found)[0].value, MoneyValue(amount)) << money;
  }
}

}  // namespace
}  // namespace kashf::sim
