// The extractor's contract: spans in original bytes, sorted; bad input; loading errors.
#include "kashf/text/extractor.h"

#include <filesystem>

#include "kashf/core/paths.h"
#include "kashf/testing/files.h"
#include "text_test_util.h"

namespace kashf::text {
namespace {

TEST(Extractor, ReadsEnglishRomanUrduAndUrduSideBySide) {
  EXPECT_THAT(FindAll("Glock 9mm, rabta ۰۳۰۰-۵۵۵۱۱۲۲ Lahore, price 2 lakh"),
              ElementsAre(Found{"firearm", "Glock 9mm", "type=pistol make=Glock calibre=9mm"},
                          Found{"phone", "۰۳۰۰-۵۵۵۱۱۲۲", "+923005551122"}, Found{"place", "Lahore", "Lahore"},
                          Found{"money", "2 lakh", "PKR 200000"}));
}

TEST(Extractor, InvalidUtf8AndHugeTextsAreReadNotRefused) {
  const std::string bad = std::string("\xff\xfe call 0300-1234567 \xc3");
  EXPECT_THAT(FindAll(bad), ElementsAre(Found{"phone", "0300-1234567", "+923001234567"}));
  // 4 MB of one line with a number at the end: read in linear time.
  std::string huge(size_t{4} << 20, 'a');
  huge += " 0300-1234567";
  auto found = testing::DefaultExtractor().Extract(huge);
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ(found->front().begin, (size_t{4} << 20) + 1);
}

TEST(Extractor, SelectorKindsNameTheirSchema) {
  for (SelectorKind k : kAllSelectorKinds) EXPECT_EQ(ParseKind(KindName(k)), k);
  EXPECT_EQ(SchemaFor(SelectorKind::kPhone), "Phone");
  EXPECT_EQ(PropertyFor(SelectorKind::kWallet), "walletNumber");
  EXPECT_FALSE(ParseKind("vehicle"));
}

TEST(Extractor, LoadErrorsNameTheFileAndLine) {
  const std::string dir = kashf::testing::FreshTempDir("text-ref");
  for (const auto& e : std::filesystem::directory_iterator(DataPath("data/reference")))
    if (e.is_regular_file()) std::filesystem::copy_file(e.path(), dir + "/" + e.path().filename().string());
  kashf::testing::WriteFile(dir + "/firearm-slang.tsv", "term\ttype\tmake\tcalibre\nlaser\tbazooka\t\t\n");
  auto bad = Extractor::Load(dir);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("firearm-slang.tsv:2: type 'bazooka'"), std::string::npos)
      << bad.status().message();
  std::filesystem::remove(dir + "/text-cues.tsv");
  EXPECT_EQ(Extractor::Load(dir).status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace kashf::text
