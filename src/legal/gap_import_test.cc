#include "kashf/legal/gap_import.h"

#include <gtest/gtest.h>

#include "kashf/legal/gap_store.h"
#include "kashf/testing/files.h"
#include "legal_test_util.h"

namespace kashf::legal {
namespace {

std::string Fields(const ImportReport& r, int line) {
  std::string out;
  for (const auto& e : r.errors)
    if (e.line == line) out += (out.empty() ? "" : ",") + e.field;
  return out;
}

TEST(GapImportTest, CsvRowsAreCheckedOneByOne) {
  const std::string v = ShippedFramework().CatalogueOf("FP-08a")->version;
  std::string csv =
      "requirement,jurisdiction,catalogue_version,status,provisions,justification,assessed_on\n"
      "FP-08a,pk-sd,VERSION,partly met,pk-sd-arms-act-2013 s.9,\"marks a number, not the maker\nsecond line\","
      "2026-01-10\n"
      "FP-8a,pk-sd,VERSION,met,,,2026-01-10\n"
      "FP-07a,pk-sd,VERSION,compliant,,,2026-01-10\n"
      "FP-07b,pk-kp,VERSION,met,,,2026-01-10\n"
      "FP-07c,pk-sd,2019.1,met,,,2026-01-10\n"
      "FP-06a,pk-sd,VERSION,met,pk-sd-arms-act-2013 s.27,,\n";
  for (size_t p; (p = csv.find("VERSION")) != std::string::npos;) csv.replace(p, 7, v);
  auto rows = ParseImportCsv(csv);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 6u);
  EXPECT_EQ((*rows)[1].line, 4);  // the quoted line break moved the next record down

  ImportReport r = ValidateImport(ShippedFramework(), {}, *rows, "2026-02-01");
  EXPECT_EQ(r.rows, 6);
  ASSERT_EQ(r.accepted.size(), 2u);
  EXPECT_EQ(r.accepted[0].status, Compliance::kPartlyMet);
  EXPECT_EQ(r.accepted[0].justification, "marks a number, not the maker\nsecond line");
  EXPECT_EQ(r.accepted[1].assessed_on, "2026-02-01");  // empty date = today
  EXPECT_EQ(Fields(r, 4), "requirement");
  EXPECT_NE(r.errors[0].message.find("did you mean FP-08a"), std::string::npos) << r.errors[0].message;
  EXPECT_EQ(Fields(r, 5), "status");
  EXPECT_EQ(Fields(r, 6), "jurisdiction");
  EXPECT_EQ(Fields(r, 7), "catalogue_version");
}

TEST(GapImportTest, JsonRowsWithConflictsDuplicatesAndWrongTypes) {
  Assessment current = MakeAssessment("TIP-05a", "pk", Compliance::kMet);
  current.version = 3;
  const std::string v = current.catalogue_version;
  std::string json = R"([
    {"requirement": "TIP-05a", "jurisdiction": "pk", "catalogue_version": ")" +
                     v +
                     R"(", "status": "not_met", "base_version": "2"},
    {"requirement": "TIP-05b", "jurisdiction": "pk", "catalogue_version": ")" +
                     v +
                     R"(", "status": "met", "base_version": "0"},
    {"requirement": "TIP-05b", "jurisdiction": "pk", "catalogue_version": ")" +
                     v + R"(", "status": "met"},
    {"requirement": "TIP-05c", "jurisdiction": "pk", "catalogue_version": ")" +
                     v +
                     R"(", "status": ["met"], "colour": "red"},
    "not an object"
  ])";
  auto rows = ParseImportJson(json);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ImportReport r = ValidateImport(ShippedFramework(), {current}, *rows, "2026-02-01");
  ASSERT_EQ(r.accepted.size(), 1u);
  EXPECT_EQ(r.accepted[0].requirement, "TIP-05b");
  EXPECT_EQ(Fields(r, 1), "base_version");  // edited from version 2, the store is at 3: a conflict
  EXPECT_EQ(Fields(r, 3), "row");           // the same key twice
  EXPECT_NE(Fields(r, 4).find("row"), std::string::npos);
  EXPECT_EQ(Fields(r, 5), "row,status,requirement,catalogue_version,jurisdiction");
  EXPECT_FALSE(ParseImportJson("{\"rows\": 1}").ok());
  EXPECT_FALSE(ParseImportJson("[").ok());
}

TEST(GapImportTest, ValidRowsAreStoredAndInvalidOnesNever) {
  std::string path = testing::FreshTempDir("gap-import") + "/kashf.db";
  auto store = OpenSqliteGapStore(path, ShippedFramework());
  ASSERT_TRUE(store.ok());
  const std::string v = ShippedFramework().CatalogueOf("SOM-06a")->version;
  auto rows = ParseImportCsv("requirement,jurisdiction,catalogue_version,status\nSOM-06a,pk," + v +
                             ",met\nSOM-06b,pk," + v + ",maybe\nSOM-06c,nowhere," + v + ",met\n");
  ASSERT_TRUE(rows.ok());
  ImportReport r = ValidateImport(ShippedFramework(), *(*store)->Latest(""), *rows, "2026-02-01");
  auto stored = (*store)->Save({"amna", "unodc", auth::Role::kAssessor}, r.accepted);
  ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  auto latest = (*store)->Latest("");
  ASSERT_EQ(latest->size(), 1u);
  EXPECT_EQ((*latest)[0].requirement, "SOM-06a");
  EXPECT_EQ(r.errors.size(), 2u);
}

TEST(GapImportTest, CsvHeaderProblemsRefuseTheFile) {
  EXPECT_FALSE(ParseImportCsv("").ok());
  EXPECT_FALSE(ParseImportCsv("requirement,jurisdiction,status\nFP-05a,pk,met\n").ok());  // no catalogue_version
  EXPECT_FALSE(ParseImportCsv("requirement,jurisdiction,catalogue_version,status,colour\n").ok());
  EXPECT_FALSE(ParseImportCsv("requirement,jurisdiction,catalogue_version,status\n\"FP-05a,pk,1,met\n").ok());
}

}  // namespace
}  // namespace kashf::legal
