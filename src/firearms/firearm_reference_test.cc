#include "kashf/firearms/firearm_reference.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "kashf/core/paths.h"
#include "kashf/testing/files.h"

namespace kashf::firearms {
namespace {

TEST(FirearmReference, LoadsTypesBoreClassesConfusablesAndRetention) {
  auto ref = FirearmReference::LoadDefault("PK");
  ASSERT_TRUE(ref.ok()) << ref.status().ToString();
  EXPECT_TRUE(ref->IsKnownType("craft_made"));
  EXPECT_FALSE(ref->IsKnownType("bazooka"));
  EXPECT_EQ(ref->BoreClass("7.62x39mm"), "prohibited");
  EXPECT_EQ(ref->BoreClass("9mm"), "non-prohibited");
  EXPECT_EQ(ref->BoreClass("unknown"), "unclassified");
  const auto calibres = ref->Calibres();
  EXPECT_NE(std::find(calibres.begin(), calibres.end(), "12 gauge"), calibres.end());
  EXPECT_EQ(ref->ConfusableFold()[static_cast<unsigned char>('O')], '0');
  EXPECT_EQ(ref->ConfusableFold()[static_cast<unsigned char>('A')], 'A');
  EXPECT_EQ(ref->RetentionYears("manufacture"), 30);  // ITI para. 12
  EXPECT_EQ(ref->RetentionYears("seized"), 20);
}

TEST(FirearmReference, OtherJurisdictionHasItsOwnBoreClasses) {
  auto ref = FirearmReference::LoadDefault("XX");
  ASSERT_TRUE(ref.ok());
  EXPECT_EQ(ref->BoreClass("7.62x39mm"), "unclassified");
  EXPECT_TRUE(ref->Calibres().empty());
}

TEST(FirearmReference, RefusesRetentionBelowTheProtocolMinimum) {
  std::string dir = testing::FreshTempDir("ref");
  for (const char* f : {"firearm-types.tsv", "firearm-calibres.tsv", "firearm-serial-confusables.tsv"})
    std::filesystem::copy_file(DataPath(std::string("data/reference/") + f), dir + "/" + f);
  testing::WriteFile(dir + "/firearm-retention.yaml", "minimum_years: 10\ndefault_years: 20\nby_event: {seized: 5}\n");
  auto ref = FirearmReference::Load(dir, "PK");
  ASSERT_FALSE(ref.ok());
  EXPECT_NE(ref.status().message().find("seized is kept 5 years"), std::string::npos) << ref.status().message();
}

}  // namespace
}  // namespace kashf::firearms
