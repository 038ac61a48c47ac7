#include "kashf/analytics/statistics_release.h"

#include <cmath>
#include <limits>
#include <set>

#include <gtest/gtest.h>

#include "kashf/testing/files.h"

namespace kashf::analytics {
namespace {

CtdcRecord Record(const std::string& gender, const std::string& year) {
  CtdcRecord r;
  r.values[static_cast<size_t>(CtdcVariable::kGender)] = gender;
  r.values[static_cast<size_t>(CtdcVariable::kYearOfRegistration)] = year;
  return r;
}

std::vector<CtdcRecord> Population(int female, int male, int other, int unknown) {
  std::vector<CtdcRecord> out;
  for (auto [g, n] : std::vector<std::pair<std::string, int>>{
           {"female", female}, {"male", male}, {"other", other}, {"unknown", unknown}})
    for (int i = 0; i < n; ++i) out.push_back(Record(g, std::to_string(2019 + i % 3)));
  return out;
}

struct Fixture {
  std::string path;
  std::unique_ptr<ReleaseLedger> ledger;
  std::unique_ptr<PrivacyBudget> budget;
  explicit Fixture(const std::string& name) : path(testing::FreshTempDir(name) + "/kashf.db") {
    ledger = std::move(*OpenSqliteReleaseLedger(path));
    budget = std::move(*OpenSqlitePrivacyBudget(path));
  }
};

SuppressedTableRequest GenderRequest(std::optional<int64_t> k = std::nullopt) {
  return {{CtdcVariable::kGender}, k, "amna", "research-institute"};
}

TEST(StatisticsRelease, KIsTheDeploymentsNotTheRequests) {
  Fixture f("release-k");
  auto records = Population(60, 40, 3, 12);
  for (int64_t k : {1, 2, 10, 12, 60}) {
    auto r = PublishSuppressedTable(records, GenderRequest(k), *f.ledger);
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << k;
    EXPECT_NE(r.status().message().find("fixed at 11"), std::string::npos) << r.status().message();
  }
  EXPECT_TRUE(f.ledger->Tables()->empty()) << "a refused request records nothing";
  auto ok = PublishSuppressedTable(records, GenderRequest(11), *f.ledger);
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->k, 11);
  ASSERT_TRUE(f.ledger->SetDeploymentK(11).ok());
  EXPECT_EQ(f.ledger->SetDeploymentK(20).code(), StatusCode::kFailedPrecondition);
}

TEST(StatisticsRelease, TheSameTableOfTheSameDataIsTheSameRelease) {
  Fixture f("release-repeat");
  auto records = Population(60, 40, 3, 12);
  auto first = PublishSuppressedTable(records, GenderRequest(), *f.ledger);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_FALSE(first->repeated);
  for (const auto& c : first->table.table.cells)
    if (c.released) {
      EXPECT_GE(*c.released, 11);
    }
  auto again = PublishSuppressedTable(records, GenderRequest(), *f.ledger);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->repeated);
  EXPECT_EQ(again->release_id, first->release_id);
  EXPECT_EQ(again->table.csv, first->table.csv);
  EXPECT_EQ(f.ledger->Tables()->size(), 1u);
}

TEST(StatisticsRelease, CellsWithheldOnceStayWithheldWhenTheDataGrows) {
  Fixture f("release-grow");
  // other (3) is withheld with unknown (12) as its complement.
  auto records = Population(60, 40, 3, 12);
  auto first = PublishSuppressedTable(records, GenderRequest(), *f.ledger);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  std::set<std::string> withheld;
  for (const auto& c : first->table.table.cells)
    if (!c.released) withheld.insert(c.values[0]);
  ASSERT_TRUE(withheld.contains("unknown"));
  // Later data: other grows to 11, unknown to 13. Fresh suppression would release both, and the
  // difference of the two releases would tell how many survivors were 'unknown' then.
  auto later = Population(60, 40, 11, 13);
  CountTable fresh = Tabulate(later, {CtdcVariable::kGender});
  SuppressSmallCells(fresh, 11);
  for (const auto& c : fresh.cells) EXPECT_FALSE(c.suppressed) << c.values[0];
  auto second = PublishSuppressedTable(later, GenderRequest(), *f.ledger);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_FALSE(second->repeated);
  for (const auto& c : second->table.table.cells)
    if (withheld.contains(c.values[0])) {
      EXPECT_FALSE(c.released) << c.values[0] << " was withheld before";
    }
}

TEST(StatisticsRelease, TheAuditRefusesATableThatWouldPinAnEarlierWithheldCell) {
  Fixture f("release-audit");
  // Gender x year first: other's cells withheld. Then gender alone releases other's total (11 or
  // more is not below k), so that is fine; but a table releasing every non-other cell of a year
  // beside its total would pin other's cell: the audit adds complements or refuses.
  auto records = Population(60, 40, 3, 30);
  SuppressedTableRequest cross{{CtdcVariable::kGender, CtdcVariable::kYearOfRegistration}, std::nullopt, "a", "b"};
  auto first = PublishSuppressedTable(records, cross, *f.ledger);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  auto second = PublishSuppressedTable(records, GenderRequest(), *f.ledger);
  if (second.ok()) {
    // Released: then no withheld cell below k may be derivable from both tables.
    std::vector<ReleasedTable> tables = *f.ledger->Tables();
    auto audit = AuditReleases(tables, records, 11, {});
    ASSERT_TRUE(audit.ok());
    EXPECT_TRUE(audit->approved);
    EXPECT_TRUE(second->audit.approved);
    EXPECT_EQ(second->audit.tables, 2u);
  } else {
    EXPECT_EQ(second.status().code(), StatusCode::kFailedPrecondition);
  }
}

TEST(StatisticsRelease, ACellThatGrewByFewerThanKIsNotReleasedAgain) {
  Fixture f("release-growth");
  auto before = Population(60, 40, 12, 30);
  auto first = PublishSuppressedTable(before, GenderRequest(), *f.ledger);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  for (const auto& c : first->table.table.cells) EXPECT_TRUE(c.released) << c.values[0];
  // Three women join: released beside the first table, female (63) and the total (145) would each
  // tell that three joined.
  auto after = Population(63, 40, 12, 30);
  auto second = PublishSuppressedTable(after, GenderRequest(), *f.ledger);
  if (second.ok()) {
    for (const auto& c : second->table.table.cells)
      if (c.values[0] == "female") {
        EXPECT_FALSE(c.released) << "female grew by 3 since the first release";
      }
    EXPECT_FALSE(second->table.table.released_total) << "the total grew by 3 since the first release";
    EXPECT_EQ(second->audit.versions, 2u);
    auto audit = AuditReleases(*f.ledger->Tables(), after, 11, {});
    ASSERT_TRUE(audit.ok());
    EXPECT_TRUE(audit->approved) << audit->reason;
  } else {
    EXPECT_EQ(second.status().code(), StatusCode::kFailedPrecondition);
  }
  // Eleven more: a growth of k is no disclosure, and the third table is audited with both.
  auto later = Population(74, 40, 12, 30);
  auto third = PublishSuppressedTable(later, GenderRequest(), *f.ledger);
  ASSERT_TRUE(third.ok()) << third.status().ToString();
  EXPECT_GE(third->audit.versions, 2u);
}

TEST(StatisticsRelease, BadEpsilonsAndDeltasAreRefusedAndNothingIsCharged) {
  Fixture f("release-dp-bad");
  auto records = Population(60, 40, 3, 12);
  auto noise = SeededUniformSource(1);
  BudgetLimits limits;
  for (double eps : {0.0, -1.0, std::nan(""), std::numeric_limits<double>::infinity(), 1e300, 101.0}) {
    DpTableRequest r{{CtdcVariable::kGender}, {}, 2015, 2030, "amna", "ri", "t"};
    r.dp.epsilon = eps;
    auto p = PublishDpTable(records, r, *f.budget, limits, *noise);
    EXPECT_EQ(p.status().code(), StatusCode::kInvalidArgument) << eps;
  }
  for (double delta : {0.0, -1e-6, 1.0, std::nan("")}) {
    DpTableRequest r{{CtdcVariable::kGender}, {}, 2015, 2030, "amna", "ri", "t"};
    r.dp.mechanism = DpMechanism::kGaussian;
    r.dp.epsilon = 0.5;
    r.dp.delta = delta;
    EXPECT_EQ(PublishDpTable(records, r, *f.budget, limits, *noise).status().code(), StatusCode::kInvalidArgument)
        << delta;
  }
  EXPECT_EQ(f.budget->Spent()->first, 0.0);
  EXPECT_TRUE(f.budget->Releases()->empty());
}

TEST(StatisticsRelease, AYearRangeMissingTheDataCountsItUnderOther) {
  Fixture f("release-dp-years");
  auto records = Population(60, 40, 3, 12);  // years 2019..2021
  auto noise = SeededUniformSource(2);
  DpTableRequest r{{CtdcVariable::kYearOfRegistration}, {}, 2025, 2026, "amna", "ri", "years"};
  r.dp.epsilon = 1e-6;
  r.dp.threshold = 0;
  auto p = PublishDpTable(records, r, *f.budget, BudgetLimits{}, *noise);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  // The noisy table ranges over 2025, 2026 and "other", whatever the data hold.
  for (const auto& c : p->table.table.cells)
    EXPECT_TRUE(c.values[0] == "2025" || c.values[0] == "2026" || c.values[0] == "other") << c.values[0];
}

TEST(StatisticsRelease, EachUserHasTheirOwnLimitWithinTheDeployments) {
  Fixture f("release-dp-users");
  auto records = Population(60, 40, 3, 12);
  auto noise = SeededUniformSource(3);
  BudgetLimits limits{1.5, 1e-5, 1.0, 1e-5};
  auto spend = [&](const std::string& user, double eps) {
    DpTableRequest r{{CtdcVariable::kGender}, {}, 2015, 2030, user, "ri", "t"};
    r.dp.epsilon = eps;
    return PublishDpTable(records, r, *f.budget, limits, *noise).status();
  };
  EXPECT_TRUE(spend("amna", 0.75).ok());
  EXPECT_EQ(spend("amna", 0.5).code(), StatusCode::kFailedPrecondition);  // amna's 1.0
  EXPECT_TRUE(spend("bilal", 0.75).ok());
  EXPECT_EQ(spend("chanda", 0.25).code(), StatusCode::kFailedPrecondition);  // the deployment's 1.5
  EXPECT_DOUBLE_EQ(f.budget->Spent()->first, 1.5);
  EXPECT_DOUBLE_EQ(f.budget->SpentBy("amna")->first, 0.75);
}

}  // namespace
}  // namespace kashf::analytics
