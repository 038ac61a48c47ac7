// PostgreSQL for tests: every test gets a fresh database of its own on a throwaway cluster
// (tests/support/pg_cluster.sh; docs/postgresql.md, "The test cluster"). Under ctest one cluster
// serves the whole run (the `postgres` fixture: its owner is ctest); a test binary run on its own
// starts a cluster for its process, which the script's watchdog removes when the process ends.
// Part of kashf_testing, which only tests and benchmarks link.
#pragma once
#include <memory>
#include <string>

namespace kashf::testing {

class PostgresTestDatabase {
 public:
  // A new, empty database. Returns null with the reason in `*skip` where PostgreSQL 15 is not
  // installed; where it is installed but the cluster cannot be started or reached, returns null
  // and records a test failure (a broken cluster is never a skip).
  static std::unique_ptr<PostgresTestDatabase> Create(std::string* skip);
  ~PostgresTestDatabase();  // drops the database (closing any connection still open to it)
  PostgresTestDatabase(const PostgresTestDatabase&) = delete;
  PostgresTestDatabase& operator=(const PostgresTestDatabase&) = delete;

  // libpq connection URL of the database (unix socket; no password).
  const std::string& url() const { return url_; }

 private:
  PostgresTestDatabase(std::string cluster_url, std::string name, std::string url)
      : cluster_url_(std::move(cluster_url)), name_(std::move(name)), url_(std::move(url)) {}
  std::string cluster_url_;  // the cluster's maintenance database, where the test database is dropped
  std::string name_;
  std::string url_;
};

}  // namespace kashf::testing
