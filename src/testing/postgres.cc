#include "kashf/testing/postgres.h"

#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <unistd.h>
#include <csignal>

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <optional>

#include "kashf/testing/files.h"

namespace kashf::testing {
namespace {

// The first line of a file, or "" when it cannot be read.
std::string FirstLine(const std::string& path) {
  std::string text = ReadFile(path);
  return text.substr(0, text.find('\n'));
}

bool ProcessAlive(const std::string& pid) {
  if (pid.empty()) return false;
  char* end = nullptr;
  const long n = std::strtol(pid.c_str(), &end, 10);
  return n > 0 && *end == '\0' && (kill(static_cast<pid_t>(n), 0) == 0 || errno == EPERM);
}

struct Cluster {
  std::string url;   // maintenance database URL; empty when skipped or failed
  std::string skip;  // why PostgreSQL tests skip
  std::string error;
};

// The cluster of `state` (see pg_cluster.sh) while its owner runs; nullopt otherwise.
std::optional<Cluster> ClusterOf(const std::string& state) {
  if (!ProcessAlive(FirstLine(state + "/owner"))) return std::nullopt;
  Cluster c;
  c.url = FirstLine(state + "/url");
  c.skip = FirstLine(state + "/skip");
  if (c.url.empty() && c.skip.empty()) return std::nullopt;
  return c;
}

// A cluster for this process: started once, stopped when the process exits.
class OwnCluster {
 public:
  OwnCluster() : state_(FreshTempDir("pg-cluster")) {
    const std::string cmd = "bash '" KASHF_PG_CLUSTER_SCRIPT "' start '" + state_ + "' " + std::to_string(getpid()) +
                            " >'" + state_ + "/start.log' 2>&1";
    const int rc = std::system(cmd.c_str());
    auto c = ClusterOf(state_);
    if (rc != 0 || !c) {
      cluster_.error = "the test PostgreSQL cluster did not start: " + ReadFile(state_ + "/start.log");
    } else {
      cluster_ = *c;
    }
  }
  ~OwnCluster() {
    const std::string cmd = "bash '" KASHF_PG_CLUSTER_SCRIPT "' stop '" + state_ + "' >/dev/null 2>&1";
    (void)std::system(cmd.c_str());
  }
  const Cluster& cluster() const { return cluster_; }

 private:
  std::string state_;
  Cluster cluster_;
};

Cluster TestCluster() {
  if (auto shared = ClusterOf(KASHF_PG_TEST_STATE)) return *shared;  // ctest's fixture
  static OwnCluster own;
  return own.cluster();
}

// Runs one statement on the cluster's maintenance database; "" on success, else libpq's message.
std::string RunOnCluster(const std::string& cluster_url, const std::string& sql) {
  PGconn* conn = PQconnectdb(cluster_url.c_str());
  std::string error;
  if (PQstatus(conn) != CONNECTION_OK) {
    error = PQerrorMessage(conn);
  } else {
    PGresult* res = PQexec(conn, sql.c_str());
    if (PQresultStatus(res) != PGRES_COMMAND_OK) error = PQresultErrorMessage(res);
    PQclear(res);
  }
  PQfinish(conn);
  return error;
}

}  // namespace

std::unique_ptr<PostgresTestDatabase> PostgresTestDatabase::Create(std::string* skip) {
  const Cluster cluster = TestCluster();
  if (!cluster.skip.empty()) {
    *skip = cluster.skip;
    return nullptr;
  }
  if (cluster.url.empty()) {
    ADD_FAILURE() << cluster.error;
    return nullptr;
  }
  static std::atomic<int> counter{0};
  const std::string name = "kashf_test_" + std::to_string(getpid()) + "_" + std::to_string(counter++);
  if (std::string error = RunOnCluster(cluster.url, "CREATE DATABASE " + name); !error.empty()) {
    ADD_FAILURE() << "creating test database " << name << ": " << error;
    return nullptr;
  }
  // The cluster URL names its maintenance database first: postgresql:///postgres?host=...
  const std::string prefix = "postgresql:///postgres?";
  std::string url = cluster.url;
  url.replace(0, prefix.size(), "postgresql:///" + name + "?");
  return std::unique_ptr<PostgresTestDatabase>(new PostgresTestDatabase(cluster.url, name, url));
}

PostgresTestDatabase::~PostgresTestDatabase() {
  if (std::string error = RunOnCluster(cluster_url_, "DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
      !error.empty())
    ADD_FAILURE() << "dropping test database " << name_ << ": " << error;
}

}  // namespace kashf::testing
