#include "kashf/analytics/ctdc_export.h"

#include <map>
#include <set>

#include <gtest/gtest.h>

#include "kashf/core/text.h"
#include "kashf/testing/golden.h"
#include "kashf/victims/case_generator.h"

namespace kashf::analytics {
namespace {

std::vector<CtdcRecord> SyntheticRecords(int64_t count, uint64_t seed, victims::VictimCase* extra = nullptr) {
  victims::GeneratorOptions o;
  o.count = count;
  o.seed = seed;
  auto cases = victims::GenerateCases(o, *victims::NrmProcess::LoadDefault());
  CtdcCoding coding = *CtdcCoding::LoadDefault();
  std::vector<CtdcRecord> out;
  for (const auto& nc : cases) out.push_back(ToCtdcRecord(nc.record, coding));
  if (extra) out.push_back(ToCtdcRecord(*extra, coding));
  return out;
}

// Released rows of an export CSV: values -> count (TOTAL included under key {"TOTAL"}).
std::map<std::vector<std::string>, int64_t> ParseCsv(const std::string& csv) {
  std::map<std::vector<std::string>, int64_t> rows;
  auto lines = Split(csv, '\n');
  for (size_t i = 1; i < lines.size(); ++i) {
    if (lines[i].empty()) continue;
    auto f = Split(lines[i], ',');
    std::string count = f.back();
    f.pop_back();
    if (f[0] == "TOTAL") f = {"TOTAL"};
    rows[f] = count == "withheld" ? -1 : std::stoll(count);
  }
  return rows;
}

TEST(CtdcExport, MatchesGoldenFile) {
  auto records = SyntheticRecords(3000, 11);
  CtdcExportOptions o;
  o.variables = *ParseVariableList("gender,ageBroad");
  auto e = ExportCtdc(records, o, nullptr, nullptr);
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_TRUE(testing::MatchesGoldenFile(e->csv, "victims/ctdc_gender_ageBroad_k11.csv"));
}

// Every CTDC 2024 codebook variable is exportable under its codebook name: one k-suppressed table
// per variable over synthetic cases, each headed by the variable's name, all compared to one golden
// file (tests/golden/victims/ctdc2024_codebook_k11.csv).
TEST(CtdcExport, EveryCodebookVariableMatchesGoldenFile) {
  auto records = SyntheticRecords(3000, 11);
  auto coding = *CtdcCoding::LoadDefault();
  ASSERT_EQ(coding.CodebookVariables().size(), 27u);
  std::string all;
  for (CtdcVariable v : coding.CodebookVariables()) {
    std::string name(CtdcVariableNames()[static_cast<size_t>(v)]);
    CtdcExportOptions o;
    o.variables = *ParseVariableList(name);
    auto e = ExportCtdc(records, o, nullptr, nullptr);
    ASSERT_TRUE(e.ok()) << name << ": " << e.status().ToString();
    EXPECT_EQ(e->csv.substr(0, e->csv.find('\n')), name + ",count");
    all += e->csv;
  }
  EXPECT_TRUE(testing::MatchesGoldenFile(all, "victims/ctdc2024_codebook_k11.csv"));
}

TEST(CtdcExport, NoReleasedCellBelowK) {
  auto records = SyntheticRecords(4000, 5);
  for (const char* by : {"citizenship", "gender,ageBroad,typeOfExploit", "route,gender",
                         "CountryOfExploitation,typeOfLabour,ageBroad,gender"}) {
    for (int64_t k : {5, 11, 25}) {
      CtdcExportOptions o;
      o.variables = *ParseVariableList(by);
      o.k = k;
      auto e = ExportCtdc(records, o, nullptr, nullptr);
      ASSERT_TRUE(e.ok());
      for (const auto& [values, count] : ParseCsv(e->csv))
        if (count >= 0) {
          EXPECT_GE(count, k) << by;
        }
    }
  }
}

// The attacker knows everything about one victim who is unique in the data (citizenship, sex,
// age band, exploitation) and all released tables, and also knows which withheld cells are
// non-empty. Re-identification succeeds if the attacker recovers the exact count of any cell the
// victim belongs to while that count is below k: a published small cell, or a marginal group in
// which the victim's cell is the only withheld non-empty cell (recovered by subtraction).
struct Attack {
  bool succeeded = false;
  std::string how;
};

Attack TryToReidentify(const std::vector<CtdcExport>& releases, const std::vector<CtdcRecord>& records,
                       const CtdcRecord& victim, int64_t k) {
  Attack a;
  for (const auto& r : releases) {
    const CountTable& t = r.table;
    std::vector<std::string> target;
    for (CtdcVariable v : t.variables) target.push_back(victim.Get(v));
    for (const auto& c : t.cells)
      if (c.values == target && c.released && *c.released < k) return {true, "published small cell"};
    // Marginals: published tables over a subset of the variables (other releases) and the total.
    for (uint32_t mask = 1; mask < (1u << t.variables.size()); ++mask) {
      std::vector<std::string> key;
      for (size_t i = 0; i < t.variables.size(); ++i)
        if (!(mask & (1u << i))) key.push_back(target[i]);
      int withheld_nonzero = 0;
      bool victim_withheld = false;
      for (const auto& c : t.cells) {
        std::vector<std::string> ck;
        for (size_t i = 0; i < t.variables.size(); ++i)
          if (!(mask & (1u << i))) ck.push_back(c.values[i]);
        if (ck != key || c.released) continue;
        ++withheld_nonzero;
        victim_withheld |= c.values == target;
      }
      if (!victim_withheld || withheld_nonzero != 1) continue;
      // Is that marginal published? Either the total (mask = all) or a cell of another release.
      bool marginal_known = false;
      if (mask == (1u << t.variables.size()) - 1) marginal_known = t.released_total.has_value();
      for (const auto& other : releases) {
        std::vector<CtdcVariable> kept;
        for (size_t i = 0; i < t.variables.size(); ++i)
          if (!(mask & (1u << i))) kept.push_back(t.variables[i]);
        if (other.table.variables != kept) continue;
        for (const auto& oc : other.table.cells) marginal_known |= oc.values == key && oc.released.has_value();
      }
      if (marginal_known) return {true, "recovered by subtraction"};
    }
  }
  (void)records;
  return a;
}

victims::VictimCase UniqueVictim() {
  victims::VictimCase v;
  v.registration_date = "2023-05-01";
  v.sex = "female";
  v.age_at_registration = 61;
  v.citizenship = "NOR";
  v.exploitation_types = {"forced_marriage"};
  v.recruiter_relation = "intimate_partner";
  v.trafficking_status = "actual";
  v.events = {{"recruitment", "NOR", "Oslo", "2022-01-01", "", ""},
              {"exploitation", "PAK", "Mirpur", "2022-02-01", "", ""}};
  return v;
}

std::vector<CtdcExport> Release(const std::vector<CtdcRecord>& records, int64_t k, bool complementary) {
  std::vector<CtdcExport> out;
  for (const char* by : {"citizenship", "gender", "gender,citizenship", "gender,ageBroad",
                         "gender,ageBroad,citizenship", "citizenship,typeOfExploit", "gender,ageBroad,typeOfExploit"}) {
    CtdcExportOptions o;
    o.variables = *ParseVariableList(by);
    o.k = k;
    auto e = ExportCtdc(records, o, nullptr, nullptr);
    EXPECT_TRUE(e.ok());
    if (!complementary) SuppressPrimaryOnly(e->table, k);
    out.push_back(std::move(*e));
  }
  return out;
}

TEST(CtdcExport, UniqueVictimCannotBeReidentifiedFromSuppressedExports) {
  victims::VictimCase v = UniqueVictim();
  auto records = SyntheticRecords(3000, 21, &v);
  CtdcRecord target = records.back();
  int same = 0;
  for (const auto& r : records) same += r.Get(CtdcVariable::kCitizenship) == "NOR";
  ASSERT_EQ(same, 1) << "the victim must be unique for the test to mean anything";
  Attack attack = TryToReidentify(Release(records, 11, true), records, target, 11);
  EXPECT_FALSE(attack.succeeded) << attack.how;
  for (const auto& e : Release(records, 11, true)) EXPECT_EQ(e.csv.find("NOR"), std::string::npos);
}

TEST(CtdcExport, TheAttackWorksWhenOnlySmallCellsAreWithheld) {
  // Control: the same attacker defeats primary-only suppression, so the test above can fail.
  victims::VictimCase v = UniqueVictim();
  auto records = SyntheticRecords(3000, 21, &v);
  Attack attack = TryToReidentify(Release(records, 11, false), records, records.back(), 11);
  EXPECT_TRUE(attack.succeeded);
}

TEST(CtdcExport, DifferentialPrivacyReleasesNoisyCountsOverTheDomain) {
  auto records = SyntheticRecords(3000, 4);
  auto domains = VariableDomains::LoadDefault(2019, 2025);
  ASSERT_TRUE(domains.ok());
  auto noise = SeededUniformSource(77);
  CtdcExportOptions o;
  o.variables = *ParseVariableList("gender,typeOfExploit");
  o.dp = DpOptions{};
  o.dp->epsilon = 1.0;
  auto e = ExportCtdc(records, o, &*domains, noise.get());
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  auto truth = Tabulate(records, o.variables);
  for (const auto& c : e->table.cells) {
    int64_t real = 0;
    for (const auto& t : truth.cells)
      if (t.values == c.values) real = t.count;
    EXPECT_NEAR(static_cast<double>(*c.released), static_cast<double>(real), 15.0);
  }
  EXPECT_NE(e->csv.find("TOTAL"), std::string::npos);
  // Route is released only through its public domain.
  o.variables = *ParseVariableList("route");
  ASSERT_TRUE(ExportCtdc(records, o, &*domains, noise.get()).ok());
}

TEST(CtdcExport, VariableListsAreChecked) {
  EXPECT_FALSE(ParseVariableList("").ok());
  EXPECT_FALSE(ParseVariableList("gender,gender").ok());
  EXPECT_FALSE(ParseVariableList("gender,ageBroad,citizenship,route,typeOfExploit").ok());
  EXPECT_FALSE(ParseVariableList("full_name").ok());
}

}  // namespace
}  // namespace kashf::analytics
