// GapStore: assessments, reviews and comments behind an abstract interface (SQLite now, another
// backend later; no SQL outside the backend). Every change is a new stored version, never an
// update in place, and is appended to the hash-chained audit log (actions gaps.assess,
// gaps.review, gaps.comment) before it is acknowledged.
// Roles (auth/roles.h): an assessor saves assessments, a reviewer approves the current version, a
// cso partner, assessor or reviewer comments; any of them and analysts read.
// Every write is checked against the LegalFramework (CheckAssessment) and refused whole if a
// check fails. Not thread-safe: one store object per thread.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "kashf/auth/roles.h"
#include "kashf/core/result.h"
#include "kashf/legal/assessment.h"
#include "kashf/legal/framework.h"

namespace kashf::legal {

struct GapActor {
  std::string user;
  std::string agency;  // for the audit log
  auth::Role role = auth::Role::kAnalyst;
};

class GapStore {
 public:
  virtual ~GapStore() = default;

  // Stores each assessment as the next version of its (requirement, jurisdiction), in one
  // transaction (all or none). reviewed_by/on are cleared (a new version needs a new review);
  // assessed_by is the actor. An assessment whose status, provisions and justification equal the
  // current version's is skipped; one whose `based_on` is no longer the current version fails the
  // whole call (FailedPrecondition). Returns the versions stored.
  virtual Result<std::vector<Assessment>> Save(const GapActor& actor, std::vector<Assessment> assessments) = 0;
  // Approves version `version` of (requirement, jurisdiction); FailedPrecondition when it is not
  // the current version (someone changed it since) or the reviewer assessed it.
  virtual Status Review(const GapActor& actor, const std::string& requirement, const std::string& jurisdiction,
                        int64_t version, const std::string& on) = 0;
  virtual Status AddComment(const GapActor& actor, Comment comment) = 0;

  // The latest version of each (requirement, jurisdiction) assessed on or before `as_of`
  // (YYYY-MM-DD; "" = all), ordered by requirement then jurisdiction.
  virtual Result<std::vector<Assessment>> Latest(const std::string& as_of) = 0;
  // Every version of one key, oldest first.
  virtual Result<std::vector<Assessment>> History(const std::string& requirement, const std::string& jurisdiction) = 0;
  // Comments on one key ("" "" = all), oldest first.
  virtual Result<std::vector<Comment>> Comments(const std::string& requirement, const std::string& jurisdiction) = 0;
};

// The SQLite store in tables legal_* of the Kashf file at `path` (component "legal"), with its audit log.
// `framework` must outlive the store.
Result<std::unique_ptr<GapStore>> OpenSqliteGapStore(const std::string& path, const LegalFramework& framework);

}  // namespace kashf::legal
