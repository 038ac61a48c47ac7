#include <gtest/gtest.h>

#include "kashf/reports/report_events.h"
#include "kashf/reports/report_store.h"
#include "kashf/testing/files.h"
#include "kashf/warning/series.h"

namespace kashf::reports {
namespace {

std::unique_ptr<ReportStore> Open(const std::string& path) {
  auto ref = ReportReference::LoadDefault();
  EXPECT_TRUE(ref.ok()) << ref.status().message();
  auto store = OpenSqliteReportStore(path, std::move(*ref));
  EXPECT_TRUE(store.ok()) << store.status().message();
  return std::move(*store);
}

CsoReport Report(const std::string& user, const std::string& district = "gujrat") {
  CsoReport r;
  r.date = "2026-11-20";
  r.district = district;
  r.category = "suspicious_job_offer_abroad";
  r.text = "A recruiter offers jobs in the Gulf for a fee, synthetic test text";
  r.contact = "+92 300 0000000";
  r.submitted_by = user;
  r.agency = "ngo";
  r.submitted_at = 1790000000;
  return r;
}

TEST(SqliteReportStoreTest, SubmitCanonicalisesAndListsPerSubmitterNewestFirst) {
  const std::string path = testing::FreshTempDir("reports") + "/kashf.db";
  auto store = Open(path);
  auto a = store->Submit(Report("monitor-a"), "2026-12-01");
  ASSERT_TRUE(a.ok()) << a.status().message();
  ASSERT_TRUE(store->Submit(Report("monitor-b", "Lahore"), "2026-12-01").ok());
  ASSERT_TRUE(store->Submit(Report("monitor-a", "Sialkot"), "2026-12-01").ok());
  auto one = store->Get(*a);
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(one->district, "Gujrat");
  EXPECT_EQ(one->province, "Punjab");
  EXPECT_EQ(one->contact, "+92 300 0000000");
  ReportFilter mine;
  mine.submitted_by = "monitor-a";
  auto list = store->List(mine);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].district, "Sialkot");
  EXPECT_EQ(*store->Count(mine), 2);
  EXPECT_EQ(*store->Count({}), 3);
  auto keys = store->Keys();
  ASSERT_TRUE(keys.ok());
  EXPECT_EQ(keys->size(), 3u);
  // Reopening (a second connection, as the server's per-request pool does) sees the same rows.
  EXPECT_EQ(*Open(path)->Count({}), 3);
}

TEST(SqliteReportStoreTest, InvalidReportsAreRefusedWithoutEchoingTheText) {
  auto store = Open(testing::FreshTempDir("reports-bad") + "/kashf.db");
  CsoReport r = Report("m");
  r.district = "Atlantis";
  auto st = store->Submit(r, "2026-12-01").status();
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(st.message().find("district"), std::string::npos);
  r = Report("m");
  r.date = "2026-12-02";
  EXPECT_NE(store->Submit(r, "2026-12-01").status().message().find("after today"), std::string::npos);
  r = Report("m");
  r.category = "gossip";
  EXPECT_EQ(store->Submit(r, "2026-12-01").status().code(), StatusCode::kInvalidArgument);
  r = Report("m");
  r.text = "";
  EXPECT_EQ(store->Submit(r, "2026-12-01").status().code(), StatusCode::kInvalidArgument);
  r = Report("m");
  r.contact = std::string(kMaxReportContact + 1, 'x');
  st = store->Submit(r, "2026-12-01").status();
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(st.message().find("xxx"), std::string::npos);
  EXPECT_EQ(*store->Count({}), 0);
}

TEST(SqliteReportStoreTest, AnalystsLinkReportsToEntitiesAndCasesOnce) {
  auto store = Open(testing::FreshTempDir("reports-links") + "/kashf.db");
  auto id = store->Submit(Report("m"), "2026-12-01");
  ASSERT_TRUE(id.ok());
  ASSERT_TRUE(store->AddLink(*id, {"entity", "cl-0001", "analyst", 1}).ok());
  ASSERT_TRUE(store->AddLink(*id, {"case", "case-000042", "analyst", 2}).ok());
  EXPECT_EQ(store->AddLink(*id, {"case", "case-000042", "analyst", 3}).code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(store->AddLink(*id, {"firearm", "x", "analyst", 3}).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(store->AddLink(*id + 1, {"case", "case-1", "analyst", 3}).code(), StatusCode::kNotFound);
  auto r = store->Get(*id);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->links.size(), 2u);
  EXPECT_EQ(r->links[0].kind, "entity");
  EXPECT_EQ(r->links[1].target, "case-000042");
}

// Reports feed the early-warning series: one event per report, with district, province and
// category but no text or contact, countable by kashf/warning's BuildSeries.
TEST(SqliteReportStoreTest, ReportsAreAnEarlyWarningSeriesSource) {
  auto store = Open(testing::FreshTempDir("reports-events") + "/kashf.db");
  ASSERT_TRUE(store->Submit(Report("m"), "2026-12-01").ok());
  CsoReport later = Report("m", "Lahore");
  later.date = "2026-11-27";
  later.category = "missing_person";
  ASSERT_TRUE(store->Submit(later, "2026-12-01").ok());
  auto events = ReportEvents(*store);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 2u);
  EXPECT_EQ((*events)[0].source, "report");
  EXPECT_EQ((*events)[0].record, "report:1");
  EXPECT_EQ((*events)[0].Value("district"), "Gujrat");
  EXPECT_EQ((*events)[1].Value("report_category"), "missing_person");
  for (const auto& e : *events)
    for (const auto& [dim, value] : e.dims) EXPECT_EQ(value.find("synthetic"), std::string::npos) << dim;
  warning::SeriesQuery q;
  q.breakdown = "report_category";
  q.today = "2026-12-01";
  auto series = warning::BuildSeries(*events, q);
  ASSERT_TRUE(series.ok()) << series.status().message();
  EXPECT_EQ(series->cells.size(), 2u);
}

}  // namespace
}  // namespace kashf::reports
