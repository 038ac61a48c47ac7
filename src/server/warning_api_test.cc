// Early warning over the API: trends for each role (small cells and no record ids for researchers),
// alerts run / list / get with history, and the decisions with their audit entries.
#include <gtest/gtest.h>

#include <algorithm>

#include <fmt/format.h>

#include "kashf/audit/audit_log.h"
#include "kashf/model/statement.h"
#include "kashf/server/api.h"
#include "kashf/victims/civil_date.h"
#include "test_world.h"

namespace kashf::server {
namespace {

using nlohmann::json;
using testing::Json;
using testing::Send;
using testing::TheWorld;
using testing::Token;

TEST(WarningApiTest, TrendsForAnalystsCarryRecordsAndResearchersGetSmallCellsWithheld) {
  auto r = Send("GET", "/api/v1/trends", "", Token("demo-analyst"), {},
                {{"source", "seizure"}, {"period", "month"}, {"by", "calibre"}});
  ASSERT_EQ(r.status, 200) << r.body;
  json j = Json(r);
  ASSERT_FALSE(j["period_starts"].empty());
  EXPECT_EQ(j["period_starts"].size(), j["total"]["counts"].size());
  EXPECT_TRUE(j["total"].contains("records"));
  EXPECT_EQ(j["small_cell_k"], 0);

  auto v = Send("GET", "/api/v1/trends", "", Token("demo-researcher"), {},
                {{"source", "victim"}, {"period", "month"}, {"by", "victim_sex"}});
  ASSERT_EQ(v.status, 200) << v.body;
  json vj = Json(v);
  EXPECT_EQ(vj["small_cell_k"], 11);
  EXPECT_FALSE(vj["total"].contains("records"));
  for (const auto& c : vj["total"]["counts"]) {
    if (!c.is_null()) {
      EXPECT_TRUE(c.get<int64_t>() == 0 || c.get<int64_t>() >= 11) << c;
    }
  }

  auto bad = Send("GET", "/api/v1/trends", "", Token("demo-analyst"), {}, {{"by", "colour"}});
  EXPECT_EQ(bad.status, 400);
  auto future = Send("GET", "/api/v1/trends", "", Token("demo-analyst"), {}, {{"from", "2099-01-01"}});
  EXPECT_EQ(future.status, 400) << future.body;
}

// Civil-society reports are a source of their own: counted by district for the detectors, with the
// analyst's records (report ids) but never their text.
TEST(WarningApiTest, CivilSocietyReportsAreASeriesSource) {
  const std::string day = victims::DateFromDayNumber(*victims::DayNumber(victims::TodayUtc()) - 3);
  for (int i = 0; i < 3; ++i) {
    auto r = Send("POST", "/api/v1/reports",
                  json{{"date", day},
                       {"district", "Chitral"},
                       {"category", "weapons_offered_online"},
                       {"text", "synthetic report text for the series test"}}
                      .dump(),
                  Token("demo-cso"));
    ASSERT_EQ(r.status, 201) << r.body;
  }
  auto t = Send("GET", "/api/v1/trends", "", Token("demo-analyst"), {},
                {{"source", "report"}, {"period", "week"}, {"by", "district"}, {"filter", "district=Chitral"}});
  ASSERT_EQ(t.status, 200) << t.body;
  json j = Json(t);
  int64_t total = 0;
  for (const auto& c : j["total"]["counts"]) total += c.is_null() ? 0 : c.get<int64_t>();
  EXPECT_GE(total, 3);
  EXPECT_EQ(t.body.find("synthetic report text"), std::string::npos);
}

// Payments of the statement store are a source: the world's three bank payments of March 2024,
// with their entity ids for analysts and under the small-cell rule for aggregate roles.
TEST(WarningApiTest, StatementStorePaymentsAndFirsAreSeriesSources) {
  const std::multimap<std::string, std::string> query = {{"source", "payment"},     {"period", "month"},
                                                         {"by", "payment_channel"}, {"from", "2024-01-01"},
                                                         {"to", "2024-04-30"},      {"today", "2024-05-01"}};
  auto r = Send("GET", "/api/v1/trends", "", Token("demo-analyst"), {}, query);
  ASSERT_EQ(r.status, 200) << r.body;
  json j = Json(r);
  EXPECT_EQ(j["source"], "payment");
  // Other tests may add payments to the shared world: March holds at least the three, every one a
  // record of the count, and no other month has any.
  const auto& counts = j["total"]["counts"];
  ASSERT_EQ(counts.size(), 4u) << r.body;
  EXPECT_EQ(counts[0], 0);
  EXPECT_EQ(counts[1], 0);
  EXPECT_EQ(counts[3], 0);
  std::vector<std::string> records = j["total"]["records"][2];
  EXPECT_EQ(counts[2].get<size_t>(), records.size());
  for (int i = 0; i < 3; ++i) {
    const std::string id = MakeEntityId("bank", "Payment", fmt::format("t{}", i));
    EXPECT_NE(std::find(records.begin(), records.end(), id), records.end()) << id;
  }
  ASSERT_FALSE(j["cells"].empty()) << r.body;
  EXPECT_EQ(j["cells"][0]["cell"], "bank");
  // Aggregate roles (researcher, cso) get no records and, as for victims, small counts withheld
  // (fewer than k = 11 payments in a month).
  ASSERT_LT(records.size(), 11u);
  for (const char* user : {"demo-researcher", "demo-cso"}) {
    auto agg = Send("GET", "/api/v1/trends", "", Token(user), {}, query);
    ASSERT_EQ(agg.status, 200) << agg.body;
    EXPECT_FALSE(Json(agg)["total"].contains("records")) << user;
    EXPECT_EQ(Json(agg)["small_cell_k"], 11) << user;
    EXPECT_EQ(Json(agg)["total"]["counts"], json({0, 0, nullptr, 0})) << user;
  }

  auto firs = Send("GET", "/api/v1/trends", "", Token("demo-analyst"), {},
                   {{"source", "fir"}, {"by", "offence"}, {"from", "2024-01-01"}, {"today", "2024-05-01"}});
  ASSERT_EQ(firs.status, 200) << firs.body;
  auto bad = Send("GET", "/api/v1/trends", "", Token("demo-analyst"), {}, {{"source", "cases"}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("payment"), std::string::npos) << bad.body;

  auto ref = Send("GET", "/api/v1/reference/warning", "", Token("demo-analyst"));
  ASSERT_EQ(ref.status, 200) << ref.body;
  std::vector<std::string> sources = Json(ref)["sources"];
  for (const char* s : {"seizure", "victim", "report", "fir", "payment"})
    EXPECT_NE(std::find(sources.begin(), sources.end(), s), sources.end()) << s;
  const json reference = Json(ref);
  bool glrnb = false;
  for (const auto& d : reference["detectors"]) glrnb = glrnb || d["name"] == "glrnb";
  EXPECT_TRUE(glrnb) << ref.body;
}

// Seizes `count` new firearms of `calibre` in `district` on `date` through the API.
void SeizeNew(const std::string& calibre, const std::string& district, const std::string& date, int count) {
  std::string officer = Token("demo-firearms");
  for (int i = 0; i < count; ++i) {
    auto f = Send("POST", "/api/v1/firearms",
                  json{{"serial", fmt::format("EW{}{}", calibre.size(), i)},
                       {"make", "Norinco"},
                       {"type", "rifle"},
                       {"calibre", calibre},
                       {"country_of_manufacture", "cn"}}
                      .dump(),
                  officer);
    ASSERT_EQ(f.status, 201) << f.body;
    int64_t id = Json(f)["firearm"]["id"];
    auto e =
        Send("POST", fmt::format("/api/v1/firearms/{}/events", id),
             json{{"kind", "seized"}, {"date", date}, {"district", district}, {"seizure_context", "checkpoint"}}.dump(),
             officer);
    ASSERT_EQ(e.status, 201) << e.body;
  }
}

TEST(WarningApiTest, RunListDecideAndAudit) {
  std::string analyst = Token("demo-analyst");
  // A district with earlier seizures gets its first 12.7x108mm: a new-category alert.
  SeizeNew("9mm", "Quetta", "2029-06-03", 2);
  SeizeNew("12.7x108mm", "Quetta", "2029-12-31", 3);
  auto run = Send("POST", "/api/v1/alerts/run", json{{"today", "2030-01-01"}}.dump(), analyst);
  ASSERT_EQ(run.status, 200) << run.body;
  EXPECT_GT(Json(run)["series_evaluated"].get<int64_t>(), 0);
  EXPECT_EQ(Send("POST", "/api/v1/alerts/run", json{{"today", "someday"}}.dump(), analyst).status, 400);
  EXPECT_EQ(Send("POST", "/api/v1/alerts/run", json{{"today", "2030-01-01"}}.dump(), Token("demo-firearms")).status,
            403);
  auto list = Send("GET", "/api/v1/alerts", "", Token("demo-firearms"));
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(Send("GET", "/api/v1/alerts", "", Token("demo-researcher")).status, 403);
  EXPECT_EQ(Send("GET", "/api/v1/alerts/alert-999999", "", analyst).status, 404);
  const json items = Json(list)["items"];
  std::string id;
  for (const auto& a : items)
    if (a["kind"] == "new_category" && a["cell"] == "district=Quetta, calibre=12.7x108mm") id = a["id"];
  ASSERT_FALSE(id.empty()) << list.body;
  auto one = Send("GET", "/api/v1/alerts/" + id, "", analyst);
  ASSERT_EQ(one.status, 200) << one.body;
  EXPECT_TRUE(Json(one).contains("history"));
  EXPECT_EQ(Send("POST", fmt::format("/api/v1/alerts/{}/dismiss", id), json{{"reason", " "}}.dump(), analyst).status,
            400);
  auto ack = Send("POST", fmt::format("/api/v1/alerts/{}/acknowledge", id), json{{"note", "watching"}}.dump(), analyst);
  ASSERT_EQ(ack.status, 200) << ack.body;
  EXPECT_EQ(Json(ack)["state"], "acknowledged");
  auto esc = Send("POST", fmt::format("/api/v1/alerts/{}/escalate", id),
                  json{{"case_id", "FIR-12-2030"}, {"note", "same network"}}.dump(), analyst);
  ASSERT_EQ(esc.status, 200) << esc.body;
  EXPECT_EQ(Json(esc)["case_id"], "FIR-12-2030");
  EXPECT_EQ(
      Send("POST", fmt::format("/api/v1/alerts/{}/acknowledge", id), json{{"note", "again"}}.dump(), analyst).status,
      409);
  ASSERT_TRUE(TheWorld().api->FlushAudit().ok());
  auto log = audit::OpenSqliteAuditLog(TheWorld().db);
  ASSERT_TRUE(log.ok());
  auto entries = (*log)->List(0, 1000000);
  ASSERT_TRUE(entries.ok());
  std::vector<std::string> actions;
  for (const auto& e : *entries)
    if (e.subject == id) actions.push_back(e.action);
  EXPECT_NE(std::find(actions.begin(), actions.end(), "alert.acknowledge"), actions.end());
  EXPECT_NE(std::find(actions.begin(), actions.end(), "alert.escalate"), actions.end());
}

}  // namespace
}  // namespace kashf::server
