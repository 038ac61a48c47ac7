// SQLite backend of the release ledger (see release_ledger.h). Cells are stored as JSON arrays.
#include "kashf/analytics/release_ledger.h"

#include <mutex>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "kashf/core/text.h"
#include "kashf/store/sqlite_db.h"

namespace kashf::analytics {
namespace {

using nlohmann::json;

std::string VariablesJson(const std::vector<CtdcVariable>& vars) {
  json j = json::array();
  for (auto v : vars) j.push_back(std::string(CtdcVariableNames()[static_cast<size_t>(v)]));
  return j.dump();
}

std::string ReleasedJson(const std::vector<ReleasedCell>& cells) {
  json j = json::array();
  for (const auto& c : cells) j.push_back({{"v", c.values}, {"n", c.count}});
  return j.dump();
}

Result<ReleasedTable> RowToTable(sqlite::Stmt& q) {
  ReleasedTable t;
  t.id = q.Int(0);
  t.at = q.Int(1);
  t.actor = q.Text(2);
  t.agency = q.Text(3);
  t.snapshot = q.Text(4);
  t.k = q.Int(5);
  try {
    for (const auto& name : json::parse(q.Text(6))) {
      KASHF_ASSIGN_OR_RETURN(CtdcVariable v, ParseCtdcVariable(name.get<std::string>()));
      t.variables.push_back(v);
    }
    for (const auto& c : json::parse(q.Text(7)))
      t.released.push_back({c.at("v").get<std::vector<std::string>>(), c.at("n").get<int64_t>()});
    t.withheld = json::parse(q.Text(8)).get<std::vector<std::vector<std::string>>>();
    if (sqlite3_column_type(q.get(), 10) != SQLITE_NULL)
      t.withheld_counts = json::parse(q.Text(10)).get<std::vector<int64_t>>();
  } catch (const json::exception&) {
    return Status::Corruption(fmt::format("released table {} in the ledger is damaged", t.id));
  }
  if (sqlite3_column_type(q.get(), 9) != SQLITE_NULL) t.total = q.Int(9);
  return t;
}

class SqliteReleaseLedger final : public ReleaseLedger {
 public:
  explicit SqliteReleaseLedger(sqlite3* db) : db_(db) {}
  ~SqliteReleaseLedger() override { sqlite3_close_v2(db_); }

  Status Migrate() {
    return sqlite::MigrateComponent(
        db_, "analytics_releases",
        {{1,
          "CREATE TABLE analytics_settings (key TEXT PRIMARY KEY, value INTEGER NOT NULL);"
          "CREATE TABLE analytics_released_tables (id INTEGER PRIMARY KEY, at INTEGER NOT NULL, actor TEXT NOT NULL, "
          "agency TEXT NOT NULL, snapshot TEXT NOT NULL, k INTEGER NOT NULL, variables TEXT NOT NULL, "
          "released TEXT NOT NULL, withheld TEXT NOT NULL, total INTEGER)"},
         // The true counts of the withheld cells (JSON array in the order of `withheld`), for the
         // audit of differences between data versions; NULL in rows recorded before.
         {2, "ALTER TABLE analytics_released_tables ADD COLUMN withheld_counts TEXT"}});
  }

  Result<int64_t> DeploymentK() override {
    sqlite::Stmt q;
    KASHF_RETURN_IF_ERROR(q.Prepare(db_, "SELECT value FROM analytics_settings WHERE key = 'k'"));
    KASHF_ASSIGN_OR_RETURN(bool set, q.Next("reading the deployment's k"));
    if (!set) return kMinDeploymentK;
    return q.Int(0);
  }

  Status SetDeploymentK(int64_t k) override {
    if (k < kMinDeploymentK || k > kMaxDeploymentK)
      return Status::InvalidArgument(
          fmt::format("k must be between {} and {} (got {})", kMinDeploymentK, kMaxDeploymentK, k));
    sqlite::Stmt used;
    KASHF_RETURN_IF_ERROR(used.Prepare(db_, "SELECT k FROM analytics_released_tables WHERE k <> ? LIMIT 1"));
    used.Bind(1, k);
    KASHF_ASSIGN_OR_RETURN(bool released_with_other_k, used.Next("reading the released tables"));
    if (released_with_other_k)
      return Status::FailedPrecondition(
          fmt::format("tables have already been released with k = {}; k cannot change for this deployment, because two "
                      "suppression patterns of the same data can be differenced",
                      used.Int(0)));
    sqlite::Stmt put;
    KASHF_RETURN_IF_ERROR(put.Prepare(db_, "INSERT OR REPLACE INTO analytics_settings(key, value) VALUES ('k', ?)"));
    put.Bind(1, k);
    if (put.Step() != SQLITE_DONE) return sqlite::Error(db_, "setting k");
    return Status::Ok();
  }

  Result<std::vector<ReleasedTable>> Tables() override {
    sqlite::Stmt q;
    KASHF_RETURN_IF_ERROR(q.Prepare(db_,
                                    "SELECT id, at, actor, agency, snapshot, k, variables, released, withheld, total, "
                                    "withheld_counts "
                                    "FROM analytics_released_tables ORDER BY id"));
    std::vector<ReleasedTable> out;
    while (true) {
      KASHF_ASSIGN_OR_RETURN(bool row, q.Next("reading the released tables"));
      if (!row) return out;
      KASHF_ASSIGN_OR_RETURN(auto t, RowToTable(q));
      out.push_back(std::move(t));
    }
  }

  Result<ReleasedTable> Record(ReleasedTable t) override {
    if (t.at == 0) t.at = NowUnixSeconds();
    sqlite::Stmt put;
    KASHF_RETURN_IF_ERROR(
        put.Prepare(db_,
                    "INSERT INTO analytics_released_tables(at, actor, agency, snapshot, k, variables, "
                    "released, withheld, total, withheld_counts) VALUES (?,?,?,?,?,?,?,?,?,?)"));
    put.Bind(1, t.at);
    put.Bind(2, t.actor);
    put.Bind(3, t.agency);
    put.Bind(4, t.snapshot);
    put.Bind(5, t.k);
    put.Bind(6, VariablesJson(t.variables));
    put.Bind(7, ReleasedJson(t.released));
    put.Bind(8, json(t.withheld).dump());
    if (t.total) put.Bind(9, *t.total);
    if (t.withheld_counts.size() == t.withheld.size()) put.Bind(10, json(t.withheld_counts).dump());
    if (put.Step() != SQLITE_DONE) return sqlite::Error(db_, "recording the released table");
    t.id = sqlite3_last_insert_rowid(db_);
    return t;
  }

  // BEGIN IMMEDIATE takes SQLite's write lock at once, so a second release (another connection or
  // process) waits at its own BEGIN until this one commits, and then reads the table recorded here.
  // The mutex does the same for threads sharing this connection.
  Status Exclusive(const std::function<Status()>& body) override {
    std::lock_guard lock(mutex_);
    sqlite3_busy_timeout(db_, kReleaseWaitMs);
    Status begin = sqlite::Exec(db_, "BEGIN IMMEDIATE");
    sqlite3_busy_timeout(db_, kBusyMs);
    if (!begin.ok())
      return Status::FailedPrecondition("another release of statistics is still in progress; try again shortly");
    Status st = body();
    if (!st.ok()) {
      (void)sqlite::Exec(db_, "ROLLBACK");
      return st;
    }
    Status commit = sqlite::Exec(db_, "COMMIT");
    if (!commit.ok()) (void)sqlite::Exec(db_, "ROLLBACK");
    return commit;
  }

 private:
  // Longer than the disclosure audit's time bound (AuditLimits::seconds), so a release waits for one
  // in progress rather than failing; kBusyMs is the connection's usual timeout (sqlite::OpenDatabase).
  static constexpr int kReleaseWaitMs = 60'000;
  static constexpr int kBusyMs = 5'000;
  sqlite3* db_;
  std::mutex mutex_;
};

}  // namespace

Result<std::unique_ptr<ReleaseLedger>> OpenSqliteReleaseLedger(const std::string& path) {
  KASHF_ASSIGN_OR_RETURN(sqlite3 * db, sqlite::OpenDatabase(path, "the statistics release ledger"));
  auto l = std::make_unique<SqliteReleaseLedger>(db);
  KASHF_RETURN_IF_ERROR(l->Migrate());
  return std::unique_ptr<ReleaseLedger>(std::move(l));
}

}  // namespace kashf::analytics
