#include "kashf/legal/evidence.h"

#include <gtest/gtest.h>

#include "kashf/firearms/firearm_registry.h"
#include "kashf/testing/files.h"
#include "kashf/victims/case_registry.h"
#include "legal_test_util.h"

namespace kashf::legal {
namespace {

firearms::LifecycleEvent Event(int64_t id, const std::string& kind, const std::string& date) {
  firearms::LifecycleEvent e;
  e.firearm_id = id;
  e.kind = kind;
  e.date = date;
  e.agency = "Punjab Police";
  e.place = "Lahore";
  e.seizure_context = "road check";
  e.document = "CERT-1";
  return e;
}

const MeasureValue& Find(const std::vector<MeasureValue>& ms, const std::string& id) {
  for (const auto& m : ms)
    if (m.id == id) return m;
  ADD_FAILURE() << id;
  return ms.front();
}

TEST(EvidenceTest, FirearmMeasuresCountUnmarkedReactivatedAndFailedTraces) {
  std::string dir = testing::FreshTempDir("evidence");
  auto reg = firearms::OpenSqliteFirearmRegistry(dir + "/kashf.db", *firearms::FirearmReference::LoadDefault("PK"),
                                                 *firearms::LifecycleRules::LoadDefault());
  ASSERT_TRUE(reg.ok()) << reg.status().ToString();
  auto add = [&](const std::string& serial) {
    firearms::Firearm f;
    f.serial = serial;
    f.make = "Darra";
    f.type = "pistol";
    f.calibre = "9mm";
    f.country_of_manufacture = "pk";
    return *(*reg)->AddFirearm(f);
  };
  int64_t marked = add("AB1234"), obliterated = add("AB??34"), reactivated = add("ZX9"), never_seized = add("??");
  for (int64_t id : {marked, obliterated}) ASSERT_TRUE((*reg)->RecordEvent(Event(id, "seized", "2025-01-05")).ok());
  ASSERT_TRUE((*reg)->RecordEvent(Event(reactivated, "manufacture", "2010-01-01")).ok());
  ASSERT_TRUE((*reg)->RecordEvent(Event(reactivated, "deactivated", "2015-01-01")).ok());
  ASSERT_TRUE((*reg)->RecordEvent(Event(reactivated, "seized", "2025-02-01")).ok());
  (void)never_seized;
  std::vector<std::string> outcomes = {"not_traceable", "no_record", "no_record", "origin_established"};
  for (size_t i = 0; i < outcomes.size() + 1; ++i) {  // the last request stays unanswered
    firearms::TraceRequest r;
    r.firearm_id = obliterated;
    r.date = "2025-01-10";
    r.requesting_agency = "FIA";
    r.requested_party = "INTERPOL iARMS";
    r.illicit_reason = "seized";
    r.legal_basis = "synthetic";
    r.intended_use = "prosecution";
    auto id = (*reg)->CreateTraceRequest(r);
    ASSERT_TRUE(id.ok()) << id.status().ToString();
    if (i == outcomes.size()) break;
    firearms::TraceAnswer a;
    a.request_id = *id;
    a.date = "2025-02-10";
    a.responder = "Manufacturer";
    a.outcome = outcomes[i];
    ASSERT_TRUE((*reg)->RecordTraceAnswer(a).ok());
  }
  auto ms = ComputeMeasures({reg->get(), nullptr, nullptr, "2026-01-01"});
  ASSERT_TRUE(ms.ok()) << ms.status().ToString();
  EXPECT_EQ(Find(*ms, "seized_unmarked").count, 1);  // AB??34; "??" was never seized
  EXPECT_EQ(Find(*ms, "seized_unmarked").base, 3);
  EXPECT_EQ(Find(*ms, "reactivated_seized").count, 1);
  EXPECT_EQ(Find(*ms, "traces_not_traceable").count, 1);
  EXPECT_EQ(Find(*ms, "traces_no_record").count, 2);
  EXPECT_EQ(Find(*ms, "traces_no_record").base, 4);
  EXPECT_DOUBLE_EQ(*Find(*ms, "traces_no_record").share, 0.5);
  EXPECT_FALSE(Find(*ms, "nrm_no_services_30d").share.has_value());
  EXPECT_EQ(Find(*ms, "nrm_no_services_30d").note, "no case register in this store");
}

TEST(EvidenceTest, CasesWithoutServicesWithin30DaysAmongThoseOldEnoughToJudge) {
  std::string dir = testing::FreshTempDir("evidence-cases");
  ASSERT_TRUE(victims::IdentityVault::GenerateKeyFile(dir + "/victim.key").ok());
  victims::RegistryOptions options;
  options.vault = *victims::IdentityVault::FromKeyFile(dir + "/victim.key");
  auto reg = victims::OpenSqliteCaseRegistry(dir + "/kashf.db", *victims::NrmProcess::LoadDefault(),
                                             *victims::OffenceTable::LoadDefault(), options);
  ASSERT_TRUE(reg.ok()) << reg.status().ToString();
  victims::Actor coordinator{"nrm-admin", "nrm-secretariat", true};
  auto make = [](const std::string& registered, const std::string& services_on) {
    victims::NewCase nc;
    nc.record.registration_date = registered;
    nc.record.sex = "female";
    nc.record.citizenship = "PAK";
    nc.record.stages = {{"identification", registered, "", ""}};
    if (!services_on.empty()) nc.record.stages.push_back({"services", services_on, "", ""});
    nc.record.consents = {{"statistics", true, registered, "synthetic"}};
    nc.identity.full_name = "Synthetic Person";
    nc.identity.father_name = "Synthetic Father";
    nc.identity.national_id = "00000-0000000-0";
    return nc;
  };
  std::vector<victims::NewCase> cases;
  cases.push_back(make("2025-01-01", "2025-01-20"));  // served in time
  cases.push_back(make("2025-01-01", "2025-03-01"));  // served late
  cases.push_back(make("2025-02-01", ""));            // never served
  cases.push_back(make("2025-12-20", ""));            // too recent to judge on 2026-01-01
  ASSERT_TRUE((*reg)->CreateCases(coordinator, std::move(cases)).ok());
  auto ms = ComputeMeasures({nullptr, reg->get(), &coordinator, "2026-01-01"});
  ASSERT_TRUE(ms.ok()) << ms.status().ToString();
  const MeasureValue& m = Find(*ms, "nrm_no_services_30d");
  EXPECT_EQ(m.count, 2);
  EXPECT_EQ(m.base, 3);
}

TEST(EvidenceTest, TheEvidenceMapIsDataAndNamesKnownMeasures) {
  const auto& links = ShippedFramework().evidence;
  ASSERT_FALSE(links.empty());
  bool marking = false, tip = false;
  for (const auto& l : links) {
    marking = marking || (l.requirement == "FP-08a" && l.measure == "seized_unmarked");
    tip = tip || (l.requirement == "TIP-06c" && l.measure == "nrm_no_services_30d");
  }
  EXPECT_TRUE(marking);
  EXPECT_TRUE(tip);
  std::string path = testing::FreshTempDir("evidence-map") + "/map.tsv";
  testing::WriteFile(path, "requirement\tmeasure\treading\nFP-08a\tguns_per_capita\tx\n");
  auto bad = LoadEvidenceLinks(path);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("unknown measure 'guns_per_capita'"), std::string::npos);
}

}  // namespace
}  // namespace kashf::legal
