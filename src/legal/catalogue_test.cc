#include "kashf/legal/catalogue.h"

#include <gtest/gtest.h>

#include <set>

#include "kashf/core/paths.h"
#include "kashf/testing/files.h"

namespace kashf::legal {
namespace {

const std::string kHeader =
    "# catalogue: test\n# version: 1\n# chapter: a | Chapter A\n"
    "id\tarticle\tchapter\tforce\tkind\tobligation\tevidence_in_law\n";

Result<Catalogue> LoadText(const std::string& name, const std::string& text) {
  std::string path = testing::FreshTempDir(name) + "/c.tsv";
  testing::WriteFile(path, text);
  return LoadCatalogue(path);
}

TEST(CatalogueTest, ShippedCataloguesCoverTheFourInstruments) {
  auto cs = LoadCatalogues(SourceDir() + "/data/reference/legal/catalogues");
  ASSERT_TRUE(cs.ok()) << cs.status().ToString();
  std::set<std::string> ids;
  for (const auto& c : *cs) ids.insert(c.id);
  EXPECT_EQ(ids, (std::set<std::string>{"international-tracing-instrument", "un-firearms-protocol",
                                        "un-smuggling-protocol", "un-tip-protocol"}));
  const Catalogue& fp = *std::find_if(cs->begin(), cs->end(), [](auto& c) { return c.id == "un-firearms-protocol"; });
  EXPECT_EQ(fp.requirements.size(), 32u);  // the 32 FP rows of the shared catalogue
  EXPECT_EQ(fp.Find("FP-08a")->chapter, "marking");
  EXPECT_EQ(fp.Find("FP-15a")->force, Force::kOptional);
  const Catalogue& tip = *std::find_if(cs->begin(), cs->end(), [](auto& c) { return c.id == "un-tip-protocol"; });
  int protection = 0;
  for (const auto& r : tip.requirements) protection += r.chapter == "protection";
  EXPECT_GE(protection, 8);  // Arts. 6-8
  for (const char* ch : {"criminalisation", "protection", "prevention", "border", "documents"})
    EXPECT_NE(tip.ChapterTitle(ch), ch) << ch;
}

TEST(CatalogueTest, RefusesDuplicateIdsUnknownChaptersAndBadForce) {
  auto dup = LoadText("cat-dup", kHeader + "X-1\t1\ta\tmandatory\tm\tdo\tlaw\nX-1\t2\ta\tmandatory\tm\tdo\tlaw\n");
  ASSERT_FALSE(dup.ok());
  EXPECT_NE(dup.status().message().find("line 6: duplicate id X-1"), std::string::npos) << dup.status().message();
  auto chapter = LoadText("cat-chapter", kHeader + "X-1\t1\tb\tmandatory\tm\tdo\tlaw\n");
  ASSERT_FALSE(chapter.ok());
  EXPECT_NE(chapter.status().message().find("chapter 'b'"), std::string::npos);
  auto force = LoadText("cat-force", kHeader + "X-1\t1\ta\tshall\tm\tdo\tlaw\n");
  ASSERT_FALSE(force.ok());
  EXPECT_NE(force.status().message().find("force 'shall'"), std::string::npos);
  auto no_version =
      LoadText("cat-version", "# catalogue: t\n# chapter: a | A\n" + kHeader.substr(kHeader.find("id\t")) +
                                  "X-1\t1\ta\tmandatory\tm\tdo\tlaw\n");
  EXPECT_FALSE(no_version.ok());
  auto good = LoadText("cat-good", kHeader + "X-1\t1\ta\toptional\tconsider\tdo\tlaw\n");
  ASSERT_TRUE(good.ok()) << good.status().ToString();
  EXPECT_EQ(good->version, "1");
  EXPECT_EQ(good->requirements[0].force, Force::kOptional);
}

}  // namespace
}  // namespace kashf::legal
