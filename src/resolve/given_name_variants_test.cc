#include "kashf/resolve/given_name_variants.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "kashf/testing/files.h"

namespace kashf::resolve {
namespace {

const GivenNameVariants& V() {
  static GivenNameVariants v = [] {
    auto r = GivenNameVariants::LoadDefault();
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return std::move(r).value();
  }();
  return v;
}

std::string Write(const std::string& dir, const std::string& name, const std::string& text) {
  std::string path = dir + "/" + name;
  testing::WriteFile(path, text);
  return path;
}

TEST(GivenNameVariants, EnglishNicknamesFromThePublicList) {
  EXPECT_TRUE(V().AreVariants("Ed", "Edward"));
  EXPECT_TRUE(V().AreVariants("edward", "ed"));  // symmetric
  EXPECT_TRUE(V().AreVariants("Bob", "Robert"));
  EXPECT_TRUE(V().AreVariants("Peggy", "Margaret"));
  EXPECT_TRUE(V().AreVariants("Mary", "Marie"));  // given-name-variants-extra.tsv
  EXPECT_TRUE(V().AreVariants("Liz", "Elizabeth"));
  EXPECT_TRUE(V().AreVariants("Ann", "Ann"));
  EXPECT_FALSE(V().AreVariants("Edward", "Margaret"));
  // "bill" lists both William and Robert: each is a variant of Bill, not of each other.
  EXPECT_TRUE(V().AreVariants("bill", "robert"));
  EXPECT_FALSE(V().AreVariants("william", "robert"));
  EXPECT_FALSE(V().AreVariants("", ""));
  EXPECT_FALSE(V().AreVariants("zzyzx", "zzyzxa"));
}

TEST(GivenNameVariants, SouthAsianSpellingsStayVariants) {
  // name-variants.tsv rows: every spelling of one canonical is a variant of every other.
  EXPECT_TRUE(V().AreVariants("mohd", "mohammed"));
  EXPECT_TRUE(V().AreVariants("muhammad", "محمد"));
  EXPECT_TRUE(V().AreVariants("mariam", "maryam"));
  EXPECT_FALSE(V().AreVariants("muhammad", "ahmad"));
}

TEST(GivenNameVariants, GroupsOfGiveSharedBlockingKeys) {
  auto shared = [](std::string_view a, std::string_view b) {
    const auto x = V().GroupsOf(a), y = V().GroupsOf(b);
    for (uint32_t g : x)
      if (std::find(y.begin(), y.end(), g) != y.end()) return true;
    return false;
  };
  EXPECT_TRUE(shared("Peggy", "margaret"));
  EXPECT_TRUE(shared("bob", "robert"));
  EXPECT_TRUE(shared("mohd", "muhammad"));
  EXPECT_FALSE(shared("edward", "margaret"));
  EXPECT_TRUE(V().GroupsOf("zzyzx").empty());
  EXPECT_GT(V().group_count(), 1000u);
}

TEST(GivenNameVariants, ErrorsNameTheFileAndLine) {
  const std::string dir = testing::FreshTempDir("given_name_variants");
  const std::string bad_header = Write(dir, "a.tsv", "# comment\nfirst\tsecond\n");
  auto r = GivenNameVariants::Load({bad_header});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("a.tsv:2"), std::string::npos) << r.status().ToString();

  const std::string short_row = Write(dir, "b.tsv", "name\tvariants\nbob\trobert\nalice\n");
  r = GivenNameVariants::Load({short_row});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("b.tsv:3"), std::string::npos) << r.status().ToString();

  r = GivenNameVariants::Load({dir + "/missing.tsv"});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("missing.tsv"), std::string::npos);

  r = GivenNameVariants::Load({Write(dir, "c.tsv", "# only a comment\n")});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("c.tsv"), std::string::npos);
}

TEST(GivenNameVariants, AnotherLanguageIsAnotherFile) {
  const std::string dir = testing::FreshTempDir("given_name_variants_dir");
  Write(dir, "name-variants.tsv", "canonical\tvariant\nmuhammad\tmohd\n");
  Write(dir, "given-name-variants-es.tsv", "name\tvariants\njosé\tpepe,chepe\nfrancisco\tpaco,pancho\n");
  auto r = GivenNameVariants::LoadDirectory(dir);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->AreVariants("Paco", "francisco"));
  EXPECT_TRUE(r->AreVariants("pepe", "josé"));
  EXPECT_TRUE(r->AreVariants("mohd", "muhammad"));
  EXPECT_FALSE(r->AreVariants("paco", "pepe"));
}

}  // namespace
}  // namespace kashf::resolve
