// POST /api/v1/network/evaluate (issue 14, point 6): the role rankings scored against an uploaded
// truth CSV beside degree and PageRank, with the CLI's JSON shape; bad truth files, unknown ids and
// unknown roles are 400s naming the problem; roles without network access are refused; audited.
#include <gtest/gtest.h>

#include "kashf/audit/audit_log.h"
#include "kashf/server/api.h"
#include "test_world.h"

namespace kashf::server {
namespace {

using nlohmann::json;
using testing::Json;
using testing::Send;
using testing::TheWorld;
using testing::Token;

ApiResponse Evaluate(const json& body, const std::string& user = "demo-analyst") {
  return Send("POST", "/api/v1/network/evaluate", body.dump(), Token(user));
}

std::string ErrorMessage(const ApiResponse& r) { return Json(r)["error"].value("message", ""); }

// The ids of the `n` nodes Kashf ranks highest for `role`.
std::vector<std::string> TopNodes(const std::string& role, size_t n) {
  auto r = Send("GET", "/api/v1/network/roles", "", Token("demo-analyst"), {},
                {{"role", role}, {"limit", std::to_string(n)}});
  EXPECT_EQ(r.status, 200) << r.body;
  std::vector<std::string> out;
  const json page = Json(r);
  for (const auto& item : page["items"]) out.push_back(item["id"]);
  EXPECT_EQ(out.size(), n) << r.body;
  return out;
}

TEST(NetworkEvaluateApiTest, ScoresKashfAndBaselinesOnTheTruthGiven) {
  const auto top = TopNodes("organiser", 3);
  ASSERT_EQ(top.size(), 3u);
  std::string truth = "id,role\n";
  for (const auto& id : top) truth += id + ",organiser\n";
  auto r = Evaluate({{"truth", truth}, {"k", 3}});
  ASSERT_EQ(r.status, 200) << r.body;
  json ev = Json(r);
  EXPECT_EQ(ev["rows"], 3);
  EXPECT_EQ(ev["matched_rows"], 3);
  EXPECT_EQ(ev["k"], 3);
  ASSERT_EQ(ev["labels"].size(), 1u);
  const json& l = ev["labels"][0];
  EXPECT_EQ(l["label"], "organiser");
  EXPECT_EQ(l["kashf_score"], "organiser");
  EXPECT_EQ(l["true_nodes"], 3);
  ASSERT_EQ(l["rankings"].size(), 3u);  // Kashf's score, degree, PageRank
  // The truth is Kashf's own top 3, so its score finds all three at k = 3; the baselines are scored
  // on the same actors, each with recall = hits / true nodes.
  EXPECT_EQ(l["rankings"][0]["hits_at_k"], 3);
  EXPECT_DOUBLE_EQ(l["rankings"][0]["precision_at_k"].get<double>(), 1.0);
  for (const auto& x : l["rankings"]) {
    EXPECT_EQ(x["k"], 3);
    EXPECT_DOUBLE_EQ(x["recall_at_k"].get<double>(), x["hits_at_k"].get<double>() / 3.0);
  }
  EXPECT_EQ(l["rankings"][1]["ranking"], "degree");
  EXPECT_EQ(l["rankings"][2]["ranking"], "pagerank");
  EXPECT_NE(l["verdict"].get<std::string>().find("degree"), std::string::npos) << l["verdict"];
}

TEST(NetworkEvaluateApiTest, LabelsThatAreNotRolesNeedAScore) {
  const auto top = TopNodes("broker", 2);
  ASSERT_EQ(top.size(), 2u);
  const std::string truth = "id,label\n" + top[0] + ",boss\n" + top[1] + ",boss\n";
  auto unscored = Evaluate({{"truth", truth}});
  ASSERT_EQ(unscored.status, 200) << unscored.body;
  EXPECT_EQ(Json(unscored)["labels"][0]["kashf_score"], "");
  EXPECT_NE(Json(unscored)["labels"][0]["verdict"].get<std::string>().find("no Kashf score"), std::string::npos);
  auto scored = Evaluate({{"truth", truth}, {"score", {{"boss", "broker"}}}});
  ASSERT_EQ(scored.status, 200) << scored.body;
  EXPECT_EQ(Json(scored)["labels"][0]["kashf_score"], "broker");
  auto bad_role = Evaluate({{"truth", truth}, {"score", {{"boss", "kingpin"}}}});
  EXPECT_EQ(bad_role.status, 400) << bad_role.body;
}

TEST(NetworkEvaluateApiTest, UnknownIdsAndBadFilesAreNamed) {
  const auto top = TopNodes("organiser", 1);
  ASSERT_EQ(top.size(), 1u);
  const std::string truth = "id,role\n" + top[0] + ",organiser\nNO-SUCH-NODE-17,broker\n";
  auto refused = Evaluate({{"truth", truth}});
  EXPECT_EQ(refused.status, 400) << refused.body;
  EXPECT_NE(ErrorMessage(refused).find("NO-SUCH-NODE-17"), std::string::npos) << refused.body;
  auto skipped = Evaluate({{"truth", truth}, {"skip_unknown", true}});
  ASSERT_EQ(skipped.status, 200) << skipped.body;
  EXPECT_EQ(Json(skipped)["unknown"], 1);
  EXPECT_EQ(Json(skipped)["matched_rows"], 1);
  EXPECT_EQ(Json(skipped)["unknown_examples"][0], "NO-SUCH-NODE-17");

  auto header = Evaluate({{"truth", "node;role\nx;y\n"}});
  EXPECT_EQ(header.status, 400) << header.body;
  EXPECT_NE(ErrorMessage(header).find("truth:1:"), std::string::npos) << header.body;
  auto fields = Evaluate({{"truth", "id,role\n" + top[0] + ",organiser,extra\n"}});
  EXPECT_EQ(fields.status, 400) << fields.body;
  EXPECT_NE(ErrorMessage(fields).find("truth:2:"), std::string::npos) << fields.body;
  EXPECT_EQ(Evaluate({{"truth", "id,role\n"}}).status, 400);
  EXPECT_EQ(Evaluate(json::object()).status, 400);
  EXPECT_EQ(Evaluate({{"truth", truth}, {"k", 0}}).status, 400);
  EXPECT_EQ(Evaluate({{"truth", truth}, {"truht", 1}}).status, 400);
}

TEST(NetworkEvaluateApiTest, OnlyNetworkReadersAndAudited) {
  const auto top = TopNodes("organiser", 1);
  ASSERT_EQ(top.size(), 1u);
  const json body = {{"truth", "id,role\n" + top[0] + ",organiser\n"}};
  EXPECT_EQ(Evaluate(body, "demo-cso").status, 403);
  ASSERT_EQ(Evaluate(body).status, 200);
  ASSERT_TRUE(TheWorld().api->FlushAudit().ok());
  auto log = audit::OpenSqliteAuditLog(TheWorld().db);
  ASSERT_TRUE(log.ok());
  auto entries = (*log)->List(0, 10'000'000);
  ASSERT_TRUE(entries.ok());
  bool found = false;
  for (const auto& e : *entries)
    if (e.action == "network.evaluate" && e.actor == "demo-analyst") found = true;
  EXPECT_TRUE(found);
}

}  // namespace
}  // namespace kashf::server
