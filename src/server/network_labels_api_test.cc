// Learning from analysts over the API (issue 14, point 3): an analyst labels nodes, lists them,
// learns a ranking of the other actors with the features behind each score and the cross-validated
// precision beside degree and PageRank, removes a label; every change is audited with who, which
// node, which label and why; bad inputs and other roles are refused with clear errors.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "kashf/audit/audit_log.h"
#include "kashf/learning/node_learning.h"
#include "kashf/server/api.h"
#include "test_world.h"

namespace kashf::server {
namespace {

using nlohmann::json;
using testing::Json;
using testing::Send;
using testing::TheWorld;
using testing::Token;

ApiResponse Label(const std::string& node, const std::string& label, const std::string& reason,
                  const std::string& user = "demo-analyst") {
  return Send("POST", "/api/v1/network/labels", json{{"node", node}, {"label", label}, {"reason", reason}}.dump(),
              Token(user));
}

ApiResponse Learn(std::multimap<std::string, std::string> query) {
  return Send("GET", "/api/v1/network/learn", "", Token("demo-analyst"), {}, std::move(query));
}

std::string ErrorMessage(const ApiResponse& r) { return Json(r)["error"].value("message", ""); }

// The network node id (cluster id) of a record.
std::string NodeIdOf(const std::string& record) {
  auto ego = Send("GET", "/api/v1/network/ego/" + record, "", Token("demo-analyst"), {}, {{"limit", "1"}});
  EXPECT_EQ(ego.status, 200) << ego.body;
  return Json(ego)["center"]["id"];
}

// Six people of six different nodes (none the recorded victim), by record id.
std::vector<std::string> SixPeople() {
  const auto& w = TheWorld();
  std::vector<std::string> out;
  std::set<std::string> nodes;
  std::set<std::string> victim(w.recorded_victim_cluster.begin(), w.recorded_victim_cluster.end());
  for (const auto& id : w.person_ids)
    if (out.size() < 6 && !victim.count(id) && id != w.recorded_victim && nodes.insert(NodeIdOf(id)).second)
      out.push_back(id);
  return out;
}

std::vector<audit::AuditEntry> AuditEntries() {
  EXPECT_TRUE(TheWorld().api->FlushAudit().ok());
  auto log = audit::OpenSqliteAuditLog(TheWorld().db);
  EXPECT_TRUE(log.ok());
  auto entries = (*log)->List(0, 10'000'000);
  EXPECT_TRUE(entries.ok());
  return *entries;
}

TEST(NetworkLabelsApiTest, LabelListLearnRemoveAndAudit) {
  const std::vector<std::string> people = SixPeople();
  ASSERT_EQ(people.size(), 6u);
  // Nothing labelled 'organiser' yet: learning says so and names what to do.
  auto none = Learn({{"label", "organiser"}});
  EXPECT_EQ(none.status, 400) << none.body;
  EXPECT_NE(ErrorMessage(none).find("no node is labelled 'organiser'"), std::string::npos) << none.body;

  // Two labels are too few.
  const std::string cluster = NodeIdOf(people[0]);  // one by its cluster id, the rest by record id
  auto first = Label(cluster, "Organiser", "named by an informant");
  ASSERT_EQ(first.status, 201) << first.body;
  json l = Json(first)["label"];
  EXPECT_EQ(l["node"], cluster);
  EXPECT_EQ(l["label"], "organiser");
  EXPECT_EQ(l["user"], "demo-analyst");
  EXPECT_EQ(l["note"], "named by an informant");
  EXPECT_EQ(l["in_network"], true);
  EXPECT_FALSE(l["caption"].get<std::string>().empty());
  ASSERT_EQ(Label(people[1], "organiser", "seen at the meeting").status, 201);
  auto few = Learn({{"label", "organiser"}});
  EXPECT_EQ(few.status, 400) << few.body;
  EXPECT_NE(ErrorMessage(few).find("too few labels to learn 'organiser': 2 nodes labelled, at least 5 needed"),
            std::string::npos)
      << few.body;

  for (size_t i = 2; i < people.size(); ++i) ASSERT_EQ(Label(people[i], "organiser", "case 12").status, 201);
  auto list = Send("GET", "/api/v1/network/labels", "", Token("demo-analyst"), {}, {{"label", "organiser"}});
  ASSERT_EQ(list.status, 200) << list.body;
  json lj = Json(list);
  EXPECT_EQ(lj["total"], 6);
  EXPECT_EQ(lj["labels"]["organiser"], 6);
  std::set<std::string> labelled_nodes;
  for (const auto& item : lj["items"]) {
    EXPECT_EQ(item["in_network"], true) << item;
    labelled_nodes.insert(item["network_id"].get<std::string>());
  }
  EXPECT_EQ(labelled_nodes.size(), 6u);

  auto learned = Learn({{"label", "organiser"}, {"limit", "8"}});
  ASSERT_EQ(learned.status, 200) << learned.body;
  json r = Json(learned);
  EXPECT_EQ(r["label"], "organiser");
  EXPECT_EQ(r["positives"], 6);
  EXPECT_EQ(r["folds"], 5);
  EXPECT_EQ(r["fold_r_precision"].size(), 5u);
  for (const char* k : {"cv_r_precision", "cv_precision_at_10", "degree_r_precision", "pagerank_r_precision"}) {
    EXPECT_GE(r[k].get<double>(), 0) << k;
    EXPECT_LE(r[k].get<double>(), 1) << k;
  }
  const auto& names = learning::NodeFeatureNames();
  EXPECT_EQ(r["features"], json(names));
  ASSERT_EQ(r["ranked"].size(), 8u);
  double previous = 2;
  for (const auto& s : r["ranked"]) {
    EXPECT_FALSE(labelled_nodes.count(s["id"].get<std::string>())) << "a labelled node is not ranked: " << s["id"];
    EXPECT_LE(s["score"].get<double>(), previous) << "best first";
    previous = s["score"].get<double>();
    ASSERT_EQ(s["features"].size(), 3u);
    for (const auto& f : s["features"])
      EXPECT_NE(std::find(names.begin(), names.end(), f["feature"].get<std::string>()), names.end()) << f;
  }
  // Reproducible: the same labels and seed give the same ranking.
  json again = Json(Learn({{"label", "organiser"}, {"limit", "8"}}));
  EXPECT_EQ(again["ranked"], r["ranked"]);
  EXPECT_EQ(again["cv_r_precision"], r["cv_r_precision"]);

  // A label nobody used names the labels in use.
  auto mule = Learn({{"label", "mule"}});
  EXPECT_EQ(mule.status, 400);
  EXPECT_NE(ErrorMessage(mule).find("labels in use: "), std::string::npos) << mule.body;
  EXPECT_NE(ErrorMessage(mule).find("organiser (6)"), std::string::npos) << mule.body;

  // Removal, with its reason; a second removal finds nothing.
  auto removed = Send("POST", "/api/v1/network/labels/remove",
                      json{{"node", people[5]}, {"label", "organiser"}, {"reason", "informant retracted"}}.dump(),
                      Token("demo-analyst"));
  ASSERT_EQ(removed.status, 200) << removed.body;
  EXPECT_EQ(Json(removed)["removed"], true);
  auto twice = Send("POST", "/api/v1/network/labels/remove", json{{"node", people[5]}, {"label", "organiser"}}.dump(),
                    Token("demo-analyst"));
  EXPECT_EQ(twice.status, 404) << twice.body;
  EXPECT_NE(ErrorMessage(twice).find("has no label 'organiser'"), std::string::npos) << twice.body;
  EXPECT_EQ(Json(Learn({{"label", "organiser"}}))["positives"], 5);

  // Every change is in the audit log: who, which node, which label, why.
  size_t adds = 0;
  bool removal = false, learn = false;
  for (const auto& e : AuditEntries()) {
    if (e.action == "network.label.add" && e.actor == "demo-analyst" && e.subject == cluster) {
      EXPECT_EQ(e.detail, "label=organiser reason=named by an informant");
      ++adds;
    }
    if (e.action == "network.label.add" && e.actor == "demo-analyst" &&
        std::find(people.begin(), people.end(), e.subject) != people.end())
      ++adds;
    if (e.action == "network.label.remove" && e.subject == people[5] && e.actor == "demo-analyst")
      removal = e.detail == "label=organiser reason=informant retracted";
    if (e.action == "network.learn" && e.subject == "organiser") learn = true;
  }
  EXPECT_EQ(adds, 6u);
  EXPECT_TRUE(removal);
  EXPECT_TRUE(learn);
}

TEST(NetworkLabelsApiTest, BadInputsAndOtherRolesAreRefused) {
  const auto& w = TheWorld();
  auto unknown = Label("E-no-such-node", "courier", "");
  EXPECT_EQ(unknown.status, 404) << unknown.body;
  EXPECT_NE(ErrorMessage(unknown).find("no node 'E-no-such-node'"), std::string::npos) << unknown.body;
  for (const char* bad : {"two words", "organiser,broker", "<script>", ""}) {
    auto r = Label(w.person_ids[0], bad, "");
    EXPECT_EQ(r.status, 400) << bad << ": " << r.body;
  }
  EXPECT_NE(ErrorMessage(Label(w.person_ids[0], "two words", "")).find("use one word"), std::string::npos);
  // A recorded victim is never labelled, and the refusal names no one.
  auto victim = Label(w.recorded_victim, "courier", "");
  EXPECT_EQ(victim.status, 409) << victim.body;
  EXPECT_EQ(victim.body.find(w.recorded_victim_name), std::string::npos);
  EXPECT_EQ(Learn({{"label", "two words"}}).status, 400);
  EXPECT_EQ(Learn({}).status, 400);
  EXPECT_EQ(Learn({{"label", "organiser"}, {"folds", "1"}}).status, 400);
  EXPECT_EQ(Learn({{"label", "organiser"}, {"limit", "0"}}).status, 400);
  // Only analysts label; roles without the network read nothing of it.
  for (const char* user : {"demo-researcher", "demo-firearms", "demo-caseworker", "demo-admin"}) {
    EXPECT_EQ(Label(w.person_ids[0], "courier", "", user).status, 403) << user;
    EXPECT_EQ(Send("GET", "/api/v1/network/labels", "", Token(user)).status, 403) << user;
    EXPECT_EQ(Send("GET", "/api/v1/network/learn", "", Token(user), {}, {{"label", "courier"}}).status, 403) << user;
  }
  auto list = Send("GET", "/api/v1/network/labels", "", Token("demo-analyst"), {}, {{"label", "courier"}});
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(Json(list)["total"], 0) << "nothing refused was stored";
}

}  // namespace
}  // namespace kashf::server
