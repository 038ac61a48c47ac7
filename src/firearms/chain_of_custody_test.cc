#include "kashf/firearms/chain_of_custody.h"

#include <gtest/gtest.h>

namespace kashf::firearms {
namespace {

LifecycleEvent Ev(const std::string& kind, const std::string& date, const std::string& holder,
                  const std::string& agency = "") {
  LifecycleEvent e;
  e.kind = kind;
  e.date = date;
  e.holder = holder;
  e.agency = agency;
  return e;
}

const LifecycleRules& Rules() {
  static LifecycleRules r = std::move(LifecycleRules::LoadDefault()).value();
  return r;
}

TEST(ChainOfCustody, LicensedLostSeizedFlagsTheLossAsDiversion) {
  std::vector<LifecycleEvent> ev = {
      Ev("import", "2015-02-01", "", "Pakistan Customs"), Ev("licence_issue", "2015-06-01", "Holder One"),
      Ev("licence_transfer", "2018-01-10", "Holder Two"), Ev("lost", "2020-04-04", "", "Punjab Police"),
      Ev("seized", "2023-09-09", "", "FIA")};
  ChainOfCustody c = ComputeChainOfCustody(ev, Rules());
  ASSERT_EQ(c.steps.size(), 5u);
  EXPECT_FALSE(c.no_lawful_record);
  EXPECT_EQ(c.steps[2].holder, "Holder Two");
  EXPECT_EQ(c.steps[2].from_date, "2018-01-10");
  EXPECT_EQ(c.steps[2].to_date, "2020-04-04");
  EXPECT_TRUE(c.steps[4].to_date.empty());
  EXPECT_EQ(c.steps[4].opened_by, &ev[4]);
  ASSERT_EQ(c.diversions.size(), 1u);  // lost -> seized stays unlawful: one diversion, at the loss
  EXPECT_EQ(c.diversions[0].event_kind, "lost");
  EXPECT_EQ(c.diversions[0].from_state, "licensed");
  EXPECT_EQ(c.diversions[0].last_lawful_holder, "Holder Two");
  EXPECT_EQ(c.diversions[0].date, "2020-04-04");
}

TEST(ChainOfCustody, SeizedWithoutRecordHasNoLawfulRecord) {
  std::vector<LifecycleEvent> ev = {Ev("seized", "2023-01-01", "", "Sindh Police"),
                                    Ev("destroyed", "2024-01-01", "", "Arsenal")};
  ChainOfCustody c = ComputeChainOfCustody(ev, Rules());
  EXPECT_TRUE(c.no_lawful_record);
  EXPECT_TRUE(c.diversions.empty());
  EXPECT_TRUE(c.steps[1].lawful);
}

TEST(ChainOfCustody, ReturnedThenStolenIsASecondDiversion) {
  std::vector<LifecycleEvent> ev = {Ev("manufacture", "2010-01-01", "", "POF"), Ev("licence_issue", "2011-01-01", "H"),
                                    Ev("stolen", "2012-01-01", "", "P"),        Ev("seized", "2013-01-01", "", "P"),
                                    Ev("returned", "2013-06-01", "H"),          Ev("stolen", "2016-01-01", "", "P")};
  ChainOfCustody c = ComputeChainOfCustody(ev, Rules());
  ASSERT_EQ(c.diversions.size(), 2u);
  EXPECT_EQ(c.diversions[1].date, "2016-01-01");
  EXPECT_EQ(c.diversions[1].last_lawful_holder, "H");
}

}  // namespace
}  // namespace kashf::firearms
