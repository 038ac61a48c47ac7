// Conformance suites over both store backends: a parameterised test fixture whose parameter names
// the backend ("sqlite" or "postgresql") and which hands each test a fresh, empty store location on
// it (docs/postgresql.md, "The test cluster"):
//
//   class AuditLogConformance : public testing::BackendTest {};
//   TEST_P(AuditLogConformance, ...) { auto log = OpenAuditLog(location()); ... }
//   KASHF_INSTANTIATE_BACKENDS(AuditLogConformance);   // .../sqlite and .../postgresql
//
// The PostgreSQL run skips, with the reason, only where PostgreSQL 15 is not installed.
#pragma once
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "kashf/testing/postgres.h"

namespace kashf::testing {

class BackendTest : public ::testing::TestWithParam<std::string> {
 protected:
  // Derived fixtures that override SetUp call this first and return if IsSkipped() or HasFatalFailure().
  void SetUp() override;
  // A SQLite file path in a fresh directory, or the URL of a fresh PostgreSQL database.
  const std::string& location() const { return location_; }
  bool postgres() const { return pg_ != nullptr; }
  // Runs `sql` on the store directly, behind the component's back (as an attacker with database
  // access would); a failure is a fatal test failure.
  void ExecSql(const std::string& sql);

 private:
  std::unique_ptr<PostgresTestDatabase> pg_;
  std::string location_;
};

// The test name suffix of a backend: "sqlite" or "postgresql".
inline std::string BackendName(const ::testing::TestParamInfo<std::string>& param) { return param.param; }

}  // namespace kashf::testing

#define KASHF_INSTANTIATE_BACKENDS(Suite) \
  INSTANTIATE_TEST_SUITE_P(Backends, Suite, ::testing::Values("sqlite", "postgresql"), ::kashf::testing::BackendName)
