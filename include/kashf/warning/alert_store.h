// AlertStore: alerts behind an abstract interface (SQLite now: src/warning/sqlite_alert_store.cc,
// tables warning_*; callers never see SQL), like the case register (kashf/victims/case_registry.h).
// Every decision (acknowledge, dismiss, escalate) is appended to the hash-chained audit log with who
// and when; dismissing needs a reason; escalating needs a case id. A decided alert can be escalated
// later but not reopened. Storing an alert whose dedup_key exists already keeps the old one.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kashf/core/result.h"
#include "kashf/warning/alert.h"

namespace kashf::warning {

struct AlertActor {
  std::string user;
  std::string agency;
};

struct AlertFilter {
  std::optional<AlertState> state;
  std::string series;  // "" = all
  std::string since;   // YYYY-MM-DD on period_start; "" = all
  size_t limit = 200;
};

class AlertStore {
 public:
  virtual ~AlertStore() = default;
  // Stores new alerts (one transaction); returns the ids of those that were new, in order.
  // Audited once as "alerts.run" with the count.
  virtual Result<std::vector<std::string>> Put(const AlertActor& actor, std::vector<Alert> alerts) = 0;
  // Newest period first, then id.
  virtual Result<std::vector<Alert>> List(const AlertFilter& filter) = 0;
  // NotFound if no such alert.
  virtual Result<Alert> Get(const std::string& id) = 0;
  // `note`: what will be done (may be empty from the CLI).
  virtual Status Acknowledge(const AlertActor& actor, const std::string& id, const std::string& note) = 0;
  // InvalidArgument if reason is blank.
  virtual Status Dismiss(const AlertActor& actor, const std::string& id, const std::string& reason) = 0;
  // InvalidArgument if case_id is blank.
  virtual Status Escalate(const AlertActor& actor, const std::string& id, const std::string& case_id,
                          const std::string& note) = 0;
};

// The SQLite alert store in the Kashf file at `path`, with its audit log.
Result<std::unique_ptr<AlertStore>> OpenSqliteAlertStore(const std::string& path);

}  // namespace kashf::warning
