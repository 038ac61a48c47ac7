// libFuzzer harness: every API route in-process (Api::Handle, no sockets), with fuzzed query
// strings, path parameters and JSON bodies, logged in as a demo user whose role reaches the route.
// Input layout: byte 0 picks the route, byte 1 the options (anonymous, cookie, a real record id
// for the path parameter, wrong content type); the rest is "QUERY\nPARAM\nBODY".
// The world (a few persons, firearms, cases, demo accounts) is built once per process in $TMPDIR.
#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "fuzz_util.h"
#include "kashf/auth/demo_accounts.h"
#include "kashf/auth/roles.h"
#include "kashf/firearms/firearm_reference.h"
#include "kashf/firearms/lifecycle_rules.h"
#include "kashf/firearms/registry_generator.h"
#include "kashf/model/model.h"
#include "kashf/server/api.h"
#include "kashf/store/store.h"
#include "kashf/victims/case_generator.h"
#include "kashf/victims/case_registry.h"
#include "kashf/victims/identity_vault.h"
#include "kashf/victims/nrm_process.h"
#include "kashf/victims/offence_table.h"

namespace kashf::fuzz {
namespace {

struct World {
  std::string db, key;
  std::unique_ptr<server::Api> api;
  std::vector<server::Api::EndpointInfo> routes;
  std::map<std::string, std::string> tokens;  // demo user -> session token
  std::vector<std::string> case_ids, entity_ids;
};

server::ApiResponse Send(World& w, const std::string& method, const std::string& path, const std::string& body,
                         const std::string& token, std::multimap<std::string, std::string> query = {},
                         bool cookie = false, bool json = true) {
  server::ApiRequest r;
  r.method = method;
  r.path = path;
  r.body = body;
  r.query = std::move(query);
  if (json) r.headers["content-type"] = "application/json";
  if (!token.empty()) {
    if (cookie) {
      r.headers["cookie"] = "kashf_session=" + token;
      r.headers["x-kashf-request"] = "1";
    } else {
      r.headers["authorization"] = "Bearer " + token;
    }
  }
  r.remote_addr = "10.1.1.1";
  return w.api->Handle(r);
}

// New passwords for the demo users (the fuzzer may have changed or disabled them) and fresh logins.
void LogIn(World& w) {
  auth::AccountStoreOptions ao;
  ao.cost = auth::PasswordCost::MinimumForTests();
  auto accounts = Must(auth::OpenSqliteAccountStore(w.db, ao), "accounts");
  for (const auto& l : Must(auth::SeedDemoAccounts(*accounts), "demo accounts")) {
    server::ApiRequest r;
    r.method = "POST";
    r.path = "/api/v1/auth/login";
    r.headers["content-type"] = "application/json";
    r.body = nlohmann::json{{"username", l.username}, {"password", l.password}}.dump();
    r.remote_addr = "10.9.9.9";
    auto resp = w.api->Handle(r);
    auto j = nlohmann::json::parse(resp.body, nullptr, false);
    w.tokens[l.username] = j.is_object() ? j.value("token", "") : "";
  }
}

std::unique_ptr<World> Build() {
  auto w = std::make_unique<World>();
  const std::string dir = ScratchDir("api");
  w->db = dir + "/kashf.db";
  w->key = dir + "/victim.key";
  {
    Model model = Must(Model::LoadDefault(), "model");
    auto store = Must(OpenSqliteStore(w->db, model), "store");
    std::vector<Statement> batch;
    const char* names[] = {"Muhammad Asif", "محمد آصف", "Ghulam Rasool", "Abdul-Rahman", "O'Brien"};
    for (int i = 0; i < 5; ++i) {
      std::string id = MakeEntityId("fuzz", "Person", std::to_string(i));
      w->entity_ids.push_back(id);
      batch.push_back({id, "Person", "name", names[i], "fuzz", "f.csv:" + std::to_string(i + 2), 1700000000});
      batch.push_back({id, "Person", "cnic", "35202-123456" + std::to_string(i) + "-1", "fuzz", "f.csv:2", 1700000000});
    }
    std::string pay = MakeEntityId("fuzz", "Payment", "p");
    for (const auto& [prop, value] : std::vector<std::pair<std::string, std::string>>{{"payer", w->entity_ids[0]},
                                                                                      {"beneficiary", w->entity_ids[1]},
                                                                                      {"amount", "1000"},
                                                                                      {"date", "2024-03-01"}})
      batch.push_back({pay, "Payment", prop, value, "fuzz", "p.csv:2", 1700000000});
    MustOk(store->Begin(), "begin");
    MustOk(store->PutStatements(batch).status(), "put");
    MustOk(store->Commit(), "commit");
  }
  {
    auto reference = Must(firearms::FirearmReference::LoadDefault("PK"), "reference");
    auto rules = Must(firearms::LifecycleRules::LoadDefault(), "rules");
    auto reg = Must(firearms::OpenSqliteFirearmRegistry(w->db, reference, rules), "firearms");
    firearms::GeneratorOptions fo;
    fo.count = 10;
    MustOk(firearms::SimulateIntoRegistry(*reg, fo).status(), "firearms");
  }
  {
    MustOk(victims::IdentityVault::GenerateKeyFile(w->key), "keygen");
    victims::RegistryOptions ro;
    ro.vault = Must(victims::IdentityVault::FromKeyFile(w->key), "vault");
    auto process = Must(victims::NrmProcess::LoadDefault(), "nrm");
    auto reg = Must(
        victims::OpenSqliteCaseRegistry(w->db, process, Must(victims::OffenceTable::LoadDefault(), "offences"), ro),
        "cases");
    victims::GeneratorOptions go;
    go.count = 6;
    go.agencies = {"fia-ahtc-lahore"};
    w->case_ids =
        Must(reg->CreateCases({"fuzz", "fia-ahtc-lahore", false}, victims::GenerateCases(go, process)), "cases");
  }
  server::ServerConfig config;
  config.db_path = w->db;
  config.victim_key_file = w->key;
  config.password_cost = auth::PasswordCost::MinimumForTests();
  config.login_max_failures = 1000000;  // fuzzed logins must not lock the harness out
  w->api = Must(server::Api::Create(config), "api");
  w->routes = w->api->Endpoints();
  LogIn(*w);
  return w;
}

World& TheWorld() {
  static std::unique_ptr<World> world = Build();
  return *world;
}

// The first demo user whose role holds `permission` ("" = none needed).
std::string UserFor(const std::string& permission) {
  static const std::vector<std::pair<auth::Role, std::string>> users = {{auth::Role::kCaseWorker, "demo-caseworker"},
                                                                        {auth::Role::kFirearmsOfficer, "demo-firearms"},
                                                                        {auth::Role::kAnalyst, "demo-analyst"},
                                                                        {auth::Role::kResearcher, "demo-researcher"},
                                                                        {auth::Role::kAdministrator, "demo-admin"}};
  for (const auto& [role, user] : users)
    if (std::ranges::count(auth::PermissionNames(role), permission)) return user;
  return "";
}

// "a=1&b=2" into parameters, undecoded (the server hands Api already-decoded values; any bytes may arrive).
std::multimap<std::string, std::string> ParseQuery(std::string_view q) {
  std::multimap<std::string, std::string> out;
  while (!q.empty()) {
    size_t amp = q.find('&');
    std::string_view part = q.substr(0, amp);
    size_t eq = part.find('=');
    out.emplace(std::string(part.substr(0, eq)), eq == std::string_view::npos ? "" : std::string(part.substr(eq + 1)));
    if (amp == std::string_view::npos) break;
    q.remove_prefix(amp + 1);
  }
  return out;
}

}  // namespace
}  // namespace kashf::fuzz

// The world is built before fuzzing starts, so its seconds of setup do not count as a slow input.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  (void)kashf::fuzz::TheWorld();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace kashf::fuzz;
  World& w = TheWorld();
  if (size < 2) return 0;
  const auto& route = w.routes[data[0] % w.routes.size()];
  const uint8_t flags = data[1];
  std::string_view rest(reinterpret_cast<const char*>(data + 2), size - 2);
  size_t nl1 = rest.find('\n');
  std::string_view query = rest.substr(0, nl1);
  rest = nl1 == std::string_view::npos ? std::string_view() : rest.substr(nl1 + 1);
  size_t nl2 = rest.find('\n');
  std::string param(rest.substr(0, nl2));
  std::string body(nl2 == std::string_view::npos ? std::string_view() : rest.substr(nl2 + 1));
  if (flags & 1) {  // a real record id, so handlers get past their look-ups
    const auto& ids = route.pattern.find("case_id") != std::string::npos ? w.case_ids : w.entity_ids;
    param =
        route.pattern.find("firearms/") != std::string::npos ? std::to_string(1 + flags % 10) : ids[flags % ids.size()];
  }
  std::string path;  // the pattern with each {name} replaced by the parameter
  for (size_t i = 0; i < route.pattern.size(); ++i) {
    if (route.pattern[i] != '{') {
      path += route.pattern[i];
      continue;
    }
    path += param;
    i = route.pattern.find('}', i);
  }
  const std::string user = (flags & 2) ? "" : UserFor(route.permission);
  std::string token = user.empty() ? "" : w.tokens[user];
  auto r = Send(w, route.method, path, body, token, ParseQuery(query), flags & 4, !(flags & 8));
  if (r.status == 401 && !token.empty()) LogIn(w);  // the input logged the user out or changed a password
  // A 500 is a bug too (outside input must get a 4xx): reported once per route, and fatal with
  // KASHF_FUZZ_500_IS_CRASH=1 (off in CI while known 500s, e.g. search syntax, are being fixed).
  static std::set<std::string> reported;
  static const bool fatal = std::getenv("KASHF_FUZZ_500_IS_CRASH") != nullptr;
  if (r.status >= 500 && (fatal || reported.insert(route.method + route.pattern).second)) {
    std::fprintf(stderr, "500 from %s %s: %s\n", route.method.c_str(), route.pattern.c_str(), r.body.c_str());
    if (fatal) std::abort();
  }
  return 0;
}
