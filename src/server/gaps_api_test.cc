// The legislative gap analysis over HTTP: roles (assessor saves, reviewer approves, cso comments),
// the row-level import report, the drill-down with provision excerpts and operational evidence,
// the report and the diff.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "test_world.h"

namespace kashf::server {
namespace {

using nlohmann::json;
using testing::Json;
using testing::Send;
using testing::Token;

std::string FpVersion() {
  auto r = Send("GET", "/api/v1/gaps/catalogues", "", Token("demo-cso"));
  EXPECT_EQ(r.status, 200) << r.body;
  const json catalogues = Json(r)["items"];
  for (const auto& c : catalogues)
    if (c["id"] == "un-firearms-protocol") return c["version"];
  return "";
}

TEST(GapsApiTest, AssessReviewCommentImportAndReport) {
  const std::string assessor = Token("demo-assessor"), reviewer = Token("demo-reviewer"), cso = Token("demo-cso");
  const std::string v = FpVersion();
  json item{{"requirement", "FP-08a"},
            {"jurisdiction", "pk-sd"},
            {"catalogue_version", v},
            {"status", "partly_met"},
            {"provisions", json::array({{{"instrument", "pk-sd-arms-act-2013"}, {"section", "9"}}})},
            {"justification", "numbers only"},
            {"assessed_on", "2026-01-10"}};
  EXPECT_EQ(Send("POST", "/api/v1/gaps/assessments", json{{"items", {item}}}.dump(), cso).status, 403);
  auto saved = Send("POST", "/api/v1/gaps/assessments", json{{"items", {item}}}.dump(), assessor);
  ASSERT_EQ(saved.status, 201) << saved.body;
  int64_t version = Json(saved)["items"][0]["version"];
  json stale = item;
  stale["catalogue_version"] = "2019.1";
  EXPECT_EQ(Send("POST", "/api/v1/gaps/assessments", json{{"items", {stale}}}.dump(), assessor).status, 400);

  const std::string cell = "/api/v1/gaps/assessments/pk-sd/FP-08a";
  EXPECT_EQ(Send("POST", cell + "/review", json{{"version", version + 1}}.dump(), reviewer).status, 409);
  auto reviewed = Send("POST", cell + "/review", json{{"version", version}}.dump(), reviewer);
  ASSERT_EQ(reviewed.status, 200) << reviewed.body;
  EXPECT_EQ(Json(reviewed)["reviewed_by"], "demo-reviewer");
  ASSERT_EQ(Send("POST", cell + "/comments", json{{"text", "Maker and country are not required."}}.dump(), cso).status,
            201);

  auto detail = Send("GET", cell, "", cso);
  ASSERT_EQ(detail.status, 200) << detail.body;
  json d = Json(detail);
  EXPECT_EQ(d["assessment"]["status"], "partly_met");
  EXPECT_EQ(d["provisions"][0]["heading"], "Marking");
  EXPECT_FALSE(d["provisions"][0]["excerpt"].get<std::string>().empty());
  EXPECT_EQ(d["comments"][0]["role"], "cso");
  ASSERT_FALSE(d["evidence"].empty());
  EXPECT_EQ(d["evidence"][0]["id"], "seized_unmarked");
  EXPECT_GT(d["evidence"][0]["base"].get<int64_t>(), 0);  // the test world has a seized-weapons register

  std::string csv = "requirement,jurisdiction,catalogue_version,status\nFP-07a,pk-sd," + v + ",not met\nFP-07b,pk-sd," +
                    v + ",sort of\nFP-07c,pk-zz," + v + ",met\n";
  auto imported = Send("POST", "/api/v1/gaps/import", json{{"csv", csv}}.dump(), assessor);
  ASSERT_EQ(imported.status, 200) << imported.body;
  json rep = Json(imported);
  EXPECT_EQ(rep["rows"], 3);
  EXPECT_EQ(rep["stored"].size(), 1u);
  ASSERT_EQ(rep["errors"].size(), 2u);
  EXPECT_EQ(rep["errors"][0]["field"], "status");
  EXPECT_EQ(rep["errors"][1]["field"], "jurisdiction");

  auto report = Send("GET", "/api/v1/gaps/report", "", cso, {}, {{"jurisdiction", "pk,pk-sd"}});
  ASSERT_EQ(report.status, 200) << report.body;
  json r = Json(report);
  EXPECT_EQ(r["summaries"].size(), 2u);
  EXPECT_TRUE(r["illustrative"]);
  bool inherited = false;
  for (const auto& c : r["cells"])
    inherited = inherited || (c["jurisdiction"] == "pk-sd" && c["inherited_from"] == "pk");
  EXPECT_TRUE(inherited);

  auto diff = Send("GET", "/api/v1/gaps/diff", "", cso, {}, {{"from", "2020-01-01"}});
  ASSERT_EQ(diff.status, 200) << diff.body;
  EXPECT_GE(Json(diff)["items"].size(), 2u);
  EXPECT_EQ(Send("GET", "/api/v1/gaps/diff", "", cso).status, 400);
  EXPECT_EQ(Send("GET", "/api/v1/gaps/report", "", Token("demo-firearms")).status, 403);
}

}  // namespace
}  // namespace kashf::server
