// CaseRegistry: the store of survivors' NRM cases behind an abstract interface (SQLite now,
// PostgreSQL later).
// Need-to-know: every call names the acting user and agency. A case worker sees and changes only
// the cases of their own agency; an actor with `all_agencies` (national NRM coordinator) sees all.
// Audit: every read of a victim record (case or identity) and every change is appended to the
// hash-chained audit log with who / what / when, never with the identity itself.
// Errors refer to cases by id only; they never contain a name or national id.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kashf/core/result.h"
#include "kashf/victims/identity_vault.h"
#include "kashf/victims/nrm_process.h"
#include "kashf/victims/offence_table.h"
#include "kashf/victims/victim_case.h"

namespace kashf::victims {

struct Actor {
  std::string user;
  std::string agency;
  bool all_agencies = false;
};

struct NewCase {
  VictimCase record;  // id and agency are assigned; `stages` may carry a history (simulation, migration)
  Identity identity;
};

struct OverdueCase {
  std::string case_id;
  std::string agency;
  std::string stage;
  std::string due_date;
  int64_t days_overdue = 0;
};

class CaseRegistry {
 public:
  virtual ~CaseRegistry() = default;

  // Registers cases (one transaction) owned by actor.agency; a case with no stage history starts
  // in the first NRM stage on its registration date. Needs the key (identities are sealed).
  // Returns the new case ids in order.
  virtual Result<std::vector<std::string>> CreateCases(const Actor& actor, std::vector<NewCase> cases) = 0;
  // The case record without identity. Audited as "case.read".
  virtual Result<VictimCase> GetCase(const Actor& actor, const std::string& case_id) = 0;
  // Decrypts the identity for `purpose`: "case_management" (own agency's worker), or a consent
  // purpose, which needs the survivor's current consent. Needs the key. Audited as "identity.read".
  virtual Result<Identity> RevealIdentity(const Actor& actor, const std::string& case_id,
                                          const std::string& purpose) = 0;
  // Case ids (visible to actor) whose national id equals `national_id`, by blind index. Needs the key.
  virtual Result<std::vector<std::string>> FindByNationalId(const Actor& actor, const std::string& national_id) = 0;
  // The visible case imported under `source_id` (VictimCase::source_id), if any. Not audited: it
  // returns an id only.
  virtual Result<std::optional<std::string>> FindBySourceId(const Actor& actor, const std::string& source_id) = 0;
  // Cases visible to actor, ids ascending.
  virtual Result<std::vector<std::string>> ListCases(const Actor& actor) = 0;

  // Moves a case to NRM stage `to` (refused unless the profile allows it). Audited.
  virtual Status Transition(const Actor& actor, const std::string& case_id, const std::string& to,
                            const std::string& date, const std::string& authority, const std::string& note) = 0;
  // Extends the current stage's deadline once (recovery and reflection review). Audited.
  virtual Status Extend(const Actor& actor, const std::string& case_id, const std::string& date,
                        const std::string& authority) = 0;
  virtual Status RecordConsent(const Actor& actor, const std::string& case_id, const ConsentRecord& consent) = 0;
  // Records a referral; an outgoing referral that shares the identity needs consent "referral_identity".
  virtual Status AddReferral(const Actor& actor, const std::string& case_id, const Referral& referral) = 0;
  // Links an offence from the offence table.
  virtual Status LinkOffence(const Actor& actor, const std::string& case_id, const std::string& offence_id) = 0;

  // Cases whose current stage's deadline lies before `today` (YYYY-MM-DD), most overdue first.
  virtual Result<std::vector<OverdueCase>> Overdue(const Actor& actor, const std::string& today) = 0;
  // Every visible case that consents to `purpose` (e.g. "statistics"), without identities, for
  // aggregate statistics. Audited once as "cases.bulk_read" with the count.
  virtual Result<std::vector<VictimCase>> CasesWithConsent(const Actor& actor, const std::string& purpose) = 0;
};

struct RegistryOptions {
  std::optional<IdentityVault> vault;  // without it identities can be neither written nor read
};

// The SQLite registry in tables victims_* of the Kashf file at `path`, with its audit log.
Result<std::unique_ptr<CaseRegistry>> OpenSqliteCaseRegistry(const std::string& path, NrmProcess process,
                                                             OffenceTable offences, RegistryOptions options);

}  // namespace kashf::victims
