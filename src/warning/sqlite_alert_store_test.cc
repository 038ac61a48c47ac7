#include <gtest/gtest.h>

#include "kashf/audit/audit_log.h"
#include "kashf/testing/files.h"
#include "kashf/warning/alert_store.h"

namespace kashf::warning {
namespace {

Alert Spike(const std::string& key) {
  Alert a;
  a.kind = "spike";
  a.series = "seizures-by-district";
  a.detector = "farrington";
  a.cell = "district=Lahore";
  a.period = "week";
  a.period_start = "2026-01-05";
  a.observed = 9;
  a.expected = 2.5;
  a.threshold = 6;
  a.records = {"firearm-event:1", "firearm-event:2"};
  a.dedup_key = key;
  return a;
}

TEST(SqliteAlertStoreTest, StoresOnceAndDecisionsAreAudited) {
  const std::string path = testing::FreshTempDir("alerts") + "/k.db";
  auto store = OpenSqliteAlertStore(path);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  AlertActor analyst{"amina", "fia"};
  auto ids = (*store)->Put(analyst, {Spike("k1"), Spike("k2")});
  ASSERT_TRUE(ids.ok());
  ASSERT_EQ(ids->size(), 2u);
  auto again = (*store)->Put(analyst, {Spike("k1")});  // the next run finds the same spike
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->empty());
  auto a = (*store)->Get((*ids)[0]);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->records.size(), 2u);
  EXPECT_EQ(a->expected, 2.5);

  EXPECT_EQ((*store)->Dismiss(analyst, (*ids)[0], "  ").code(), StatusCode::kInvalidArgument);
  EXPECT_EQ((*store)->Escalate(analyst, (*ids)[1], "", "").code(), StatusCode::kInvalidArgument);
  ASSERT_TRUE((*store)->Acknowledge(analyst, (*ids)[0], "").ok());
  ASSERT_TRUE((*store)->Dismiss(analyst, (*ids)[0], "seized at a checkpoint operation, not a new flow").ok());
  EXPECT_EQ((*store)->Acknowledge(analyst, (*ids)[0], "").code(), StatusCode::kFailedPrecondition);  // not reopened
  ASSERT_TRUE((*store)->Escalate(analyst, (*ids)[1], "case-000042", "same network as FIR 12/2026").ok());
  EXPECT_EQ((*store)->Get("alert-999999").status().code(), StatusCode::kNotFound);

  auto dismissed = (*store)->Get((*ids)[0]);
  EXPECT_EQ(dismissed->state, AlertState::kDismissed);
  EXPECT_EQ(dismissed->decided_by, "amina");
  AlertFilter f;
  f.state = AlertState::kEscalated;
  auto esc = (*store)->List(f);
  ASSERT_EQ(esc->size(), 1u);
  EXPECT_EQ((*esc)[0].case_id, "case-000042");

  auto log = audit::OpenSqliteAuditLog(path);
  auto entries = (*log)->List(0, 100);
  std::vector<std::string> actions;
  for (const auto& e : *entries) actions.push_back(e.action);
  EXPECT_EQ(actions, (std::vector<std::string>{"alerts.run", "alerts.run", "alert.acknowledge", "alert.dismiss",
                                               "alert.escalate"}));
}

}  // namespace
}  // namespace kashf::warning
