// Internal state of the API shared by the handler files (handlers_*.cc): reference data loaded
// once, the account store behind a mutex, a pool of per-request SQLite connection bundles, caches
// of derived indexes, and the Call a handler receives.
#pragma once
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <semaphore>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <nlohmann/json.hpp>

#include "kashf/analytics/ctdc_record.h"
#include "kashf/analytics/privacy_budget.h"
#include "kashf/analytics/release_ledger.h"
#include "kashf/audit/audit_log.h"
#include "kashf/audit/audit_writer.h"
#include "kashf/audit/checkpointer.h"
#include "kashf/auth/account_store.h"
#include "kashf/auth/login_limiter.h"
#include "kashf/core/thread_annotations.h"
#include "kashf/firearms/firearm_registry.h"
#include "kashf/firearms/serial_search.h"
#include "kashf/legal/framework.h"
#include "kashf/legal/gap_store.h"
#include "kashf/model/model.h"
#include "kashf/network/analysis.h"
#include "kashf/reports/report_store.h"
#include "kashf/resolve/name_normaliser.h"
#include "kashf/resolve/resolver.h"
#include "kashf/server/api.h"
#include "kashf/store/store.h"
#include "kashf/victims/case_registry.h"
#include "kashf/warning/alert_store.h"
#include "router.h"
#include "store_stamp.h"

namespace kashf::server {

// One request's SQLite connections, opened on first use and reused by later requests
// (each SQLite object is used by one thread at a time; WAL lets readers run beside one writer).
class Connections {
 public:
  explicit Connections(const Api::State& state) : state_(state) {}
  Result<Store*> store();
  Result<firearms::FirearmRegistry*> firearms();
  Result<victims::CaseRegistry*> cases();
  Result<audit::AuditLog*> audit();
  Result<analytics::PrivacyBudget*> budget();
  Result<analytics::ReleaseLedger*> releases();
  Result<reports::ReportStore*> reports();
  Result<warning::AlertStore*> alerts();
  Result<legal::GapStore*> gaps();
  // Called when a request ends. The SQLite firearms registry caches statements and leaves a read
  // transaction open after a single-row read (GetFirearm), which would pin this connection to an
  // old snapshot (stale reads; SQLITE_BUSY_SNAPSHOT on the next write), so it is reopened per request.
  void EndRequest() { firearms_.reset(); }

 private:
  const Api::State& state_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<firearms::FirearmRegistry> firearms_;
  std::unique_ptr<victims::CaseRegistry> cases_;
  std::unique_ptr<audit::AuditLog> audit_;
  std::unique_ptr<analytics::PrivacyBudget> budget_;
  std::unique_ptr<analytics::ReleaseLedger> releases_;
  std::unique_ptr<reports::ReportStore> reports_;
  std::unique_ptr<warning::AlertStore> alerts_;
  std::unique_ptr<legal::GapStore> gaps_;
};

class ConnectionPool {
 public:
  ConnectionPool(const Api::State& state, size_t keep) : state_(state), keep_(keep) {}
  class Lease {
   public:
    Lease(ConnectionPool& pool, std::unique_ptr<Connections> c) : pool_(pool), c_(std::move(c)) {}
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease() { pool_.Return(std::move(c_)); }
    Connections& operator*() { return *c_; }

   private:
    ConnectionPool& pool_;
    std::unique_ptr<Connections> c_;
  };
  Lease Acquire();

 private:
  void Return(std::unique_ptr<Connections> c);
  const Api::State& state_;
  size_t keep_;
  Mutex mu_;
  std::vector<std::unique_ptr<Connections>> idle_ GUARDED_BY(mu_);
};

// The partial-serial index over the register, rebuilt after a firearm is added (generation bump).
struct SerialIndexCache {
  struct Snapshot {
    firearms::SerialIndex index;
    std::unordered_map<int64_t, firearms::Firearm> by_id;
    explicit Snapshot(const std::string& fold) : index(fold) {}
  };
  Mutex mu;
  std::shared_ptr<const Snapshot> snapshot GUARDED_BY(mu);
  uint64_t built_generation GUARDED_BY(mu) = 0;
  std::atomic<uint64_t> generation{1};
};

// The resolver with the stored model, for explanations; dropped after a judgement is applied.
struct ResolverCache {
  Mutex mu;  // guards resolver (not thread-safe) and its rebuild
  std::unique_ptr<resolve::Resolver> resolver GUARDED_BY(mu) PT_GUARDED_BY(mu);
};

// The resolved entity network with its measures and role scores, built on the first network query
// and reused until the store's content changes: a judgement applied through the API bumps
// `generation`; an import, a resolution run or a judgement made with the CLI changes the stamp.
struct NetworkCache {
  Mutex mu;  // guards everything below but `generation`; queries on a built analysis run concurrently
  std::shared_ptr<const network::NetworkAnalysis> analysis GUARDED_BY(mu);
  uint64_t built_generation GUARDED_BY(mu) = 0;
  std::string built_stamp GUARDED_BY(mu);
  StoreContentStamp stamp GUARDED_BY(mu);
  std::atomic<uint64_t> generation{1};
};

// Entity ids of people recorded as victims in the statement store (kashf/store/recorded_victims.h,
// whole clusters), withheld from search, entity reads and explanations; rebuilt when the store's
// content stamp changes.
struct VictimCache {
  Mutex mu;
  std::shared_ptr<const std::unordered_set<std::string>> ids GUARDED_BY(mu);
  std::string built_stamp GUARDED_BY(mu);
  StoreContentStamp stamp GUARDED_BY(mu);
};

struct Api::State {
  ServerConfig config;
  Model model;
  std::optional<resolve::NameNormaliser> normaliser;
  std::optional<firearms::FirearmReference> firearm_reference;
  std::optional<firearms::LifecycleRules> lifecycle_rules;
  std::optional<victims::NrmProcess> nrm;
  std::optional<victims::OffenceTable> offences;
  std::optional<victims::IdentityVault> vault;
  std::optional<analytics::CtdcCoding> ctdc_coding;  // case -> CTDC variables (data/reference/ctdc_*.tsv)
  std::optional<reports::ReportReference> report_reference;
  std::optional<legal::LegalFramework> legal;  // catalogues, countries, evidence map (data/reference/legal)

  Mutex accounts_mu;
  std::unique_ptr<auth::AccountStore> accounts PT_GUARDED_BY(accounts_mu);  // set once in Create
  std::unique_ptr<auth::LoginLimiter> limiter;                              // per user name
  std::unique_ptr<auth::LoginLimiter>
      ip_limiter;  // per client address (4x the per-user allowance: offices share addresses)
  std::unique_ptr<std::counting_semaphore<64>> hash_slots;
  std::string dummy_hash;  // verified against when the user does not exist (same timing)

  std::unique_ptr<ConnectionPool> pool;
  // When an audit anchor is configured. Declared before the writer so that it stops after it: the
  // writer's last batch is committed before the final checkpoint is signed.
  std::unique_ptr<audit::Checkpointer> checkpointer;
  // Every request's audit entry goes through one group-commit writer (kashf/audit/audit_writer.h):
  // reads hand their entry in and answer at once, changes wait for their batch's commit.
  std::unique_ptr<audit::AuditWriter> audit_writer;
  SerialIndexCache serials;
  ResolverCache resolver;
  NetworkCache network;
  VictimCache victims;
  Mutex resolve_write_mu ACQUIRED_BEFORE(resolver.mu);  // one re-clustering at a time
  Router router;
};

struct Page {
  int64_t limit = 50;
  int64_t offset = 0;
};

// What a handler gets: the request, path parameters, parsed body, the logged-in user.
struct Call {
  const ApiRequest& req;
  std::map<std::string, std::string> params;
  nlohmann::json body;
  std::optional<auth::User> user;
  std::string token;
  Api::State& state;
  Connections& db;

  const std::string& Param(const std::string& name) const { return params.at(name); }
  // Query parameter or `fallback` when absent.
  std::string Query(const std::string& name, const std::string& fallback = "") const;
  bool HasQuery(const std::string& name) const { return req.query.count(name) > 0; }
  // Integer query parameter in [min, max]; InvalidArgument naming the parameter otherwise.
  Result<int64_t> QueryInt(const std::string& name, int64_t fallback, int64_t min, int64_t max) const;
  // Finite number query parameter in [min, max]; InvalidArgument naming the parameter otherwise.
  Result<double> QueryNumber(const std::string& name, double fallback, double min, double max) const;
  Result<bool> QueryBool(const std::string& name, bool fallback) const;
  // limit (default 50, at most config.max_page) and offset (0..1,000,000).
  Result<Page> Paging(int64_t default_limit = 50) const;
  // Appends to the audit log as the logged-in user (or `actor` for anonymous calls such as login):
  // a GET hands its entry to the group-commit writer and goes on; any other method waits until its
  // entry is committed. Fails (the request is refused) while the audit log cannot be written.
  Status Audit(const std::string& action, const std::string& subject, const std::string& detail,
               const std::string& actor = "", const std::string& agency = "");
  victims::Actor Actor() const;
};

Reply JsonReply(nlohmann::json body, int status = 200);
Reply ErrorReply(int http_status, const std::string& code, const std::string& message);
// The HTTP status and error code for a library Status (500s get a generic message; the real
// one goes to the server log with a reference number).
Reply StatusReply(const Status& status);
// {"items": items, "limit", "offset", "total", "next_offset"} for one page of `all`.
nlohmann::json PageOf(const nlohmann::json& all_items, const Page& page);

// Handler groups (handlers_*.cc) add their routes.
void AddAccountRoutes(Router& r);
void AddEntityRoutes(Router& r);
void AddFirearmRoutes(Router& r);
void AddCaseRoutes(Router& r);
void AddStatisticsRoutes(Router& r);
void AddWarningRoutes(Router& r);  // early warning: trends and alerts (handlers_warning.cc)
void AddNetworkRoutes(Router& r);
void AddDisruptionRoutes(Router& r);       // handlers_disruption.cc
void AddTypologyRoutes(Router& r);         // handlers_typologies.cc
void AddNodeLabelRoutes(Router& r);        // handlers_node_labels.cc
void AddNetworkEvaluateRoutes(Router& r);  // handlers_network_evaluate.cc
void AddReportRoutes(Router& r);           // handlers_reports.cc
void AddGapRoutes(Router& r);              // handlers_gaps.cc
void AddGapWorkbookRoutes(Router& r);      // handlers_gaps_workbook.cc

// The network analysis of the store, built on first use and cached until the store changes
// (handlers_network.cc).
Result<std::shared_ptr<const network::NetworkAnalysis>> CachedNetwork(Call& c);

}  // namespace kashf::server
