// Test support (named *_test.cc so it is built into the test binary only, not the library).
#include "test_world.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "kashf/auth/account_store.h"
#include "kashf/core/paths.h"
#include "kashf/firearms/firearm_registry.h"
#include "kashf/firearms/registry_generator.h"
#include "kashf/model/model.h"
#include "kashf/resolve/store_resolution.h"
#include "kashf/resolve/synthetic_people.h"
#include "kashf/store/store.h"
#include "kashf/testing/files.h"
#include "kashf/victims/case_generator.h"
#include "kashf/victims/case_registry.h"

namespace kashf::server::testing {
namespace {

template <typename T>
T Must(Result<T> r, const char* what) {
  if (!r.ok()) {
    ADD_FAILURE() << what << ": " << r.status().ToString();
    std::abort();
  }
  return std::move(r).value();
}

void MustOk(const Status& s, const char* what) {
  if (!s.ok()) {
    ADD_FAILURE() << what << ": " << s.ToString();
    std::abort();
  }
}

std::vector<Statement> ToStatements(const resolve::PersonRecord& r) {
  std::vector<Statement> out;
  auto add = [&](const std::string& prop, const std::string& value) {
    out.push_back({r.id, r.schema, prop, value, r.dataset, r.id + ":1", 1700000000});
    if (prop == "name") out.back().grading = {"B", "2", "H1"};  // names graded, the rest not (docs/sharing.md)
  };
  for (const auto& v : r.names) add("name", v);
  for (const auto& v : r.father_names) add("fatherName", v);
  for (const auto& v : r.national_ids) add("cnic", v);
  for (const auto& v : r.phones) add(r.IsPerson() ? "phone" : "number", v);
  for (const auto& v : r.birth_dates) add("birthDate", v);
  if (!r.gender.empty()) add("gender", r.gender);
  return out;
}

std::unique_ptr<World> Build() {
  auto w = std::make_unique<World>();
  w->dir = kashf::testing::FreshTempDir("server-world");
  w->db = w->dir + "/kashf.db";
  w->key = w->dir + "/victim.key";
  // Entities, resolved.
  {
    Model model = Must(Model::LoadDefault(), "model");
    auto store = Must(OpenSqliteStore(w->db, model), "store");
    resolve::SyntheticOptions so;
    so.records = 300;
    so.seed = 11;
    auto people = Must(resolve::GenerateSyntheticPeople(so, DataPath("data/reference")), "people");
    std::vector<Statement> batch;
    for (const auto& r : people.records)
      for (auto& s : ToStatements(r)) batch.push_back(std::move(s));
    MustOk(store->Begin(), "begin");
    MustOk(store->PutStatements(batch).status(), "put");
    MustOk(store->Commit(), "commit");
    auto normaliser = Must(resolve::NameNormaliser::LoadDefault(), "normaliser");
    resolve::StoreResolveOptions ro;
    ro.resolve.u_sample_pairs = 20000;
    MustOk(resolve::ResolveStore(*store, w->db, normaliser, ro).status(), "resolve");
    // Two records of one entity first, then the rest.
    std::map<std::string, std::vector<std::string>> by_cluster;
    for (const auto& r : people.records)
      if (r.IsPerson()) by_cluster[Must(store->ClusterOf(r.id), "cluster")].push_back(r.id);
    for (const auto& [c, ids] : by_cluster)
      if (ids.size() >= 2 && w->person_ids.empty()) w->person_ids = ids;
    for (const auto& r : people.records)
      if (r.IsPerson() && std::find(w->person_ids.begin(), w->person_ids.end(), r.id) == w->person_ids.end())
        w->person_ids.push_back(r.id);
    // A chain of payments between four entities (for the network endpoints).
    std::set<std::string> clusters;
    for (const auto& id : w->person_ids)
      if (w->payment_chain.size() < 4 && clusters.insert(Must(store->ClusterOf(id), "cluster")).second)
        w->payment_chain.push_back(id);
    const std::vector<std::pair<std::string, std::string>> legs = {
        {"100000", "2024-03-01"}, {"90000", "2024-03-05"}, {"85000", "2024-03-10"}};
    std::vector<Statement> payments;
    for (size_t i = 0; i < legs.size(); ++i) {
      const std::string id = MakeEntityId("bank", "Payment", "t" + std::to_string(i));
      for (const auto& [prop, value] :
           std::vector<std::pair<std::string, std::string>>{{"payer", w->payment_chain[i]},
                                                            {"beneficiary", w->payment_chain[i + 1]},
                                                            {"amount", legs[i].first},
                                                            {"channel", "bank"},
                                                            {"date", legs[i].second}})
        payments.push_back({id, "Payment", prop, value, "bank", "payments.csv:" + std::to_string(i + 2), 1700000000});
    }
    MustOk(store->Begin(), "begin");
    MustOk(store->PutStatements(payments).status(), "put payments");
    MustOk(store->Commit(), "commit");
    // A victim: the last person record that is neither in the chain nor one of the first two.
    std::set<std::string> taken = {Must(store->ClusterOf(w->person_ids[0]), "cluster")};
    for (const auto& id : w->payment_chain) taken.insert(Must(store->ClusterOf(id), "cluster"));
    for (auto it = w->person_ids.rbegin(); it != w->person_ids.rend() && w->recorded_victim.empty(); ++it)
      if (!taken.count(Must(store->ClusterOf(*it), "cluster"))) w->recorded_victim = *it;
    w->recorded_victim_name = Must(store->GetEntity(w->recorded_victim), "victim").caption;
    const std::string cluster = Must(store->ClusterOf(w->recorded_victim), "victim cluster");
    w->recorded_victim_cluster = cluster == w->recorded_victim ? std::vector<std::string>{w->recorded_victim}
                                                               : Must(store->ClusterMembers(cluster), "members");
    const std::string inv = MakeEntityId("fia", "Involvement", "v1");
    std::vector<Statement> involvement = {
        {inv, "Involvement", "party", w->recorded_victim, "fia", "cases.jsonl:7", 1700000000},
        {inv, "Involvement", "role", "victim", "fia", "cases.jsonl:7", 1700000000}};
    MustOk(store->Begin(), "begin");
    MustOk(store->PutStatements(involvement).status(), "put involvement");
    MustOk(store->Commit(), "commit");
  }
  // Firearms.
  {
    auto reference = Must(firearms::FirearmReference::LoadDefault("PK"), "reference");
    auto rules = Must(firearms::LifecycleRules::LoadDefault(), "rules");
    auto reg = Must(firearms::OpenSqliteFirearmRegistry(w->db, reference, rules), "firearms");
    firearms::GeneratorOptions fo;
    fo.count = 80;
    fo.seed = 3;
    MustOk(firearms::SimulateIntoRegistry(*reg, fo).status(), "simulate firearms");
  }
  // Cases of two agencies, identities sealed with a fresh key.
  {
    MustOk(victims::IdentityVault::GenerateKeyFile(w->key), "keygen");
    victims::RegistryOptions ro;
    ro.vault = Must(victims::IdentityVault::FromKeyFile(w->key), "vault");
    auto process = Must(victims::NrmProcess::LoadDefault(), "nrm");
    auto reg = Must(
        victims::OpenSqliteCaseRegistry(w->db, process, Must(victims::OffenceTable::LoadDefault(), "offences"), ro),
        "cases");
    victims::GeneratorOptions go;
    go.count = 60;
    go.seed = 5;
    go.agencies = {"fia-ahtc-lahore", "shelter-dar-ul-aman"};
    auto cases = victims::GenerateCases(go, process);
    std::map<std::string, std::vector<victims::NewCase>> by_agency;
    for (auto& c : cases) {
      w->identity_names.push_back(c.identity.full_name);
      if (c.record.agency == "fia-ahtc-lahore" && w->national_ids.size() < 3 && !c.identity.national_id.empty())
        w->national_ids.push_back(c.identity.national_id);
      by_agency[c.record.agency].push_back(std::move(c));
    }
    for (auto& [agency, list] : by_agency) {
      victims::Actor actor{"test", agency, false};
      w->cases_by_agency[agency] = Must(reg->CreateCases(actor, std::move(list)), "create cases");
    }
  }
  // Accounts.
  {
    auth::AccountStoreOptions ao;
    ao.cost = auth::PasswordCost::MinimumForTests();
    auto accounts = Must(auth::OpenSqliteAccountStore(w->db, ao), "accounts");
    for (const auto& l : Must(auth::SeedDemoAccounts(*accounts), "demo accounts"))
      w->passwords[l.username] = l.password;
  }
  ServerConfig config;
  config.db_path = w->db;
  config.victim_key_file = w->key;
  config.password_cost = auth::PasswordCost::MinimumForTests();
  w->api = Must(Api::Create(config), "api");
  return w;
}

}  // namespace

World& TheWorld() {
  static std::unique_ptr<World> world = Build();
  return *world;
}

ApiResponse Send(const std::string& method, const std::string& path, const std::string& body, const std::string& token,
                 std::map<std::string, std::string> headers, std::multimap<std::string, std::string> query,
                 const std::string& remote) {
  ApiRequest r;
  r.method = method;
  r.path = path;
  r.body = body;
  r.query = std::move(query);
  r.headers = std::move(headers);
  if (!body.empty() && !r.headers.count("content-type")) r.headers["content-type"] = "application/json";
  if (!token.empty()) r.headers["authorization"] = "Bearer " + token;
  r.remote_addr = remote;
  return TheWorld().api->Handle(r);
}

nlohmann::json Json(const ApiResponse& r) {
  auto j = nlohmann::json::parse(r.body, nullptr, false);
  EXPECT_FALSE(j.is_discarded()) << "not JSON: " << r.body;
  return j;
}

std::string Token(const std::string& user, bool fresh) {
  World& w = TheWorld();
  if (!fresh) {
    auto it = w.tokens.find(user);
    if (it != w.tokens.end()) return it->second;
  }
  auto r = Send("POST", "/api/v1/auth/login",
                nlohmann::json{{"username", user}, {"password", w.passwords.at(user)}}.dump(), "", {}, {}, "10.9.9.9");
  EXPECT_EQ(r.status, 200) << r.body;
  std::string token = Json(r).value("token", "");
  if (!fresh) w.tokens[user] = token;
  return token;
}

}  // namespace kashf::server::testing
