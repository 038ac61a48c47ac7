// In-process benchmark of the API layer (no sockets): dispatch + session check for a trivial
// endpoint, an audited entity read, and a login (Argon2id at libsodium's interactive cost, the
// real price of a login). The HTTP load test with wrk is bench/server_load.sh (docs/bench/server.md).
#include <benchmark/benchmark.h>

#include <nlohmann/json.hpp>

#include "bench_util.h"
#include "kashf/auth/account_store.h"
#include "kashf/model/model.h"
#include "kashf/server/api.h"
#include "kashf/store/store.h"
#include "kashf/testing/files.h"

namespace {

using namespace kashf;

struct Fixture {
  std::unique_ptr<server::Api> api;
  std::string token, entity;
  const std::string password = "benchmark password 1";
};

Fixture& F() {
  static Fixture f = [] {
    Fixture x;
    std::string dir = testing::FreshTempDir("server-bench"), db = dir + "/kashf.db";
    Model model = *Model::LoadDefault();
    auto store = std::move(*OpenSqliteStore(db, model));
    std::vector<Statement> batch;
    for (int i = 0; i < 10000; ++i) {
      std::string id = "bench.Person." + std::to_string(i);
      batch.push_back({id, "Person", "name", "Person Number " + std::to_string(i), "bench", id, 1700000000});
      batch.push_back({id, "Person", "cnic", "35202-" + std::to_string(1000000 + i) + "-1", "bench", id, 1700000000});
    }
    (void)store->Begin();
    (void)store->PutStatements(batch);
    (void)store->Commit();
    x.entity = "bench.Person.42";
    auto accounts = std::move(*auth::OpenSqliteAccountStore(db));  // interactive Argon2id cost
    (void)accounts->CreateAgency({"bench-agency", "Bench agency", "", 0});
    auth::NewUser nu;
    nu.user = {"bench-analyst", "Bench", auth::Role::kAnalyst, "bench-agency", false, false, 0, 0};
    nu.password = x.password;
    (void)accounts->CreateUser(nu);
    server::ServerConfig config;
    config.db_path = db;
    config.login_max_failures = 1000000;
    x.api = std::move(*server::Api::Create(config));
    server::ApiRequest login{"POST",
                             "/api/v1/auth/login",
                             {},
                             {{"content-type", "application/json"}},
                             nlohmann::json{{"username", "bench-analyst"}, {"password", x.password}}.dump(),
                             "127.0.0.1",
                             false};
    x.token = nlohmann::json::parse(x.api->Handle(login).body)["token"];
    return x;
  }();
  return f;
}

server::ApiRequest Get(const std::string& path) {
  return {"GET", path, {}, {{"authorization", "Bearer " + F().token}}, "", "127.0.0.1", false};
}

void BM_Health(benchmark::State& state) {
  server::Api& api = *F().api;  // builds the fixture before timing starts
  server::ApiRequest r{"GET", "/api/v1/health", {}, {}, "", "127.0.0.1", false};
  for (auto _ : state) benchmark::DoNotOptimize(api.Handle(r));
  state.SetItemsProcessed(state.iterations());
  state.counters["peak_rss_MiB"] = bench::PeakRssMiB();
}
BENCHMARK(BM_Health)->Threads(1)->Threads(2)->UseRealTime();

void BM_SessionCheck(benchmark::State& state) {  // GET /auth/me: session look-up + role check
  server::Api& api = *F().api;
  auto r = Get("/api/v1/auth/me");
  for (auto _ : state) benchmark::DoNotOptimize(api.Handle(r));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SessionCheck)->Threads(1)->Threads(2)->UseRealTime();

void BM_EntityRead(benchmark::State& state) {  // statements + cluster + judgements + one audit entry
  server::Api& api = *F().api;
  auto r = Get("/api/v1/entities/" + F().entity);
  for (auto _ : state) benchmark::DoNotOptimize(api.Handle(r));
  state.SetItemsProcessed(state.iterations());
  state.counters["peak_rss_MiB"] = bench::PeakRssMiB();
}
BENCHMARK(BM_EntityRead)->Threads(1)->Threads(2)->UseRealTime();

void BM_Login(benchmark::State& state) {  // Argon2id (64 MiB, 2 passes) + session row + audit entry
  server::ApiRequest r{"POST",
                       "/api/v1/auth/login",
                       {},
                       {{"content-type", "application/json"}},
                       nlohmann::json{{"username", "bench-analyst"}, {"password", F().password}}.dump(),
                       "127.0.0.1",
                       false};
  server::Api& api = *F().api;
  for (auto _ : state) benchmark::DoNotOptimize(api.Handle(r));
  state.SetItemsProcessed(state.iterations());
  state.counters["peak_rss_MiB"] = bench::PeakRssMiB();
}
BENCHMARK(BM_Login)->Unit(benchmark::kMillisecond)->Iterations(20);

}  // namespace

BENCHMARK_MAIN();
