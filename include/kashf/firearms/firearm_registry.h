// FirearmRegistry: the national firearms record (Firearms Protocol Art. 7) behind an abstract
// interface, so an agency server can implement it on PostgreSQL. The SQLite implementation keeps
// its tables (firearms, firearm_events, firearm_trace_requests, firearm_trace_answers) in the
// Kashf store file, on its own connection, migrated as component "firearms".
// Contract: every event passes LifecycleRules::Check() before it is stored; a refused event
// changes nothing. Not thread-safe: one registry object per thread.
#pragma once
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kashf/core/result.h"
#include "kashf/firearms/firearm.h"
#include "kashf/firearms/firearm_reference.h"
#include "kashf/firearms/lifecycle_event.h"
#include "kashf/firearms/lifecycle_rules.h"
#include "kashf/firearms/trace_request.h"

namespace kashf::firearms {

class FirearmRegistry {
 public:
  virtual ~FirearmRegistry() = default;

  // Validates the type code and fills bore_class from the reference data; returns the new id.
  // The state of a new firearm is "none" until its first event.
  virtual Result<int64_t> AddFirearm(Firearm firearm) = 0;
  virtual Result<Firearm> GetFirearm(int64_t id) = 0;
  // Firearms whose normalised serial equals that of `serial` (exact lookup).
  virtual Result<std::vector<Firearm>> FindBySerial(const std::string& serial) = 0;
  // Visits every firearm in id order; stops early when `visit` returns false.
  virtual Status ForEachFirearm(const std::function<bool(const Firearm&)>& visit) = 0;
  virtual Result<int64_t> CountFirearms() = 0;

  // Checks the transition against the lifecycle rules, stamps retain_until, stores the event and
  // the firearm's new state (and licence number / import mark when the event carries one).
  virtual Result<int64_t> RecordEvent(LifecycleEvent event) = 0;
  // The firearm's events in recorded order.
  virtual Result<std::vector<LifecycleEvent>> Events(int64_t firearm_id) = 0;
  // Visits every event (firearm id, then recorded order).
  virtual Status ForEachEvent(const std::function<bool(const LifecycleEvent&)>& visit) = 0;

  // ValidateTraceRequest() must pass (markings/type/calibre are filled from the record when
  // empty); the firearm must exist. Returns the request id.
  virtual Result<std::string> CreateTraceRequest(TraceRequest request) = 0;
  virtual Result<int64_t> RecordTraceAnswer(TraceAnswer answer) = 0;
  // All requests, or those of one firearm.
  virtual Result<std::vector<TraceRequest>> TraceRequests(std::optional<int64_t> firearm_id) = 0;
  virtual Result<std::vector<TraceAnswer>> TraceAnswers(const std::string& request_id) = 0;
  // Ids of firearms with at least one answer whose outcome is "origin_established" (SDG 16.4.2).
  virtual Result<std::vector<int64_t>> FirearmsWithEstablishedOrigin() = 0;

  // Groups many writes into one transaction (bulk loads); Commit() makes them durable.
  virtual Status Begin() = 0;
  virtual Status Commit() = 0;
  virtual Status Rollback() = 0;

  virtual const FirearmReference& reference() const = 0;
  virtual const LifecycleRules& rules() const = 0;
};

// Opens (creating and migrating) the firearms tables in the SQLite file `path`.
Result<std::unique_ptr<FirearmRegistry>> OpenSqliteFirearmRegistry(const std::string& path, FirearmReference reference,
                                                                   LifecycleRules rules);

// Upper-case letters and digits only ("ab-12 34" -> "AB1234"); '?' and '*' are kept.
std::string NormaliseSerial(std::string_view serial);

}  // namespace kashf::firearms
