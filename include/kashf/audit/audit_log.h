// Hash-chained, append-only audit log: who did what to which record, and when.
// Every entry stores BLAKE2b-256 (libsodium crypto_generichash) over the previous entry's hash and
// its own canonical fields, so editing, deleting or reordering any stored entry breaks the chain
// from that point on and Verify() names the first broken entry.
// Contract: entries never carry a victim identity (name, CNIC ...); subjects are record ids.
// Backends: SQLite (table audit_log of the Kashf file) and PostgreSQL (docs/postgresql.md); both pass
// the same suite (audit_log_test.cc).
// Thread safety: one AuditLog per thread; appends from several connections or processes are
// serialised by the database (SQLite's write lock; a PostgreSQL advisory lock), so they form one chain.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kashf/core/result.h"

namespace kashf::audit {

struct AuditEntry {
  int64_t seq = 0;        // 1, 2, 3 ... assigned by Append
  int64_t at = 0;         // Unix seconds, UTC; 0 in Append means "now"
  std::string actor;      // user name
  std::string agency;     // the actor's agency
  std::string action;     // e.g. "case.read", "case.transition", "export.ctdc"
  std::string subject;    // a record id (e.g. "case-000042"), never an identity
  std::string detail;     // free text without identities (e.g. "stage=referral")
  std::string prev_hash;  // hex of the previous entry's hash ("" for the first)
  std::string hash;       // hex BLAKE2b-256 of this entry
};

struct VerifyReport {
  int64_t entries = 0;
  // The first entry whose hash or link does not match, if the chain is broken.
  std::optional<int64_t> first_bad_seq;
  std::string problem;  // what is wrong at first_bad_seq
};

// The hash of `e` given its prev_hash (pure function; exposed for tests and other backends).
std::string EntryHash(const AuditEntry& e);

class AuditLog {
 public:
  virtual ~AuditLog() = default;
  // Appends `e` (seq, prev_hash and hash are filled in). Returns the stored entry.
  virtual Result<AuditEntry> Append(AuditEntry e) = 0;
  // Appends `entries` in order, all in one transaction (all or none). Returns the stored entries.
  virtual Result<std::vector<AuditEntry>> AppendBatch(std::vector<AuditEntry> entries) = 0;
  // Entries with seq > after_seq, oldest first, at most `limit`.
  virtual Result<std::vector<AuditEntry>> List(int64_t after_seq, size_t limit) = 0;
  // Recomputes every hash and link.
  virtual Result<VerifyReport> Verify() = 0;
  // The entry with the highest seq (the chain's head); nullopt when the log is empty.
  virtual Result<std::optional<AuditEntry>> Last() = 0;
};

// Reads the whole of `log` (through List) and recomputes every hash and link; what every backend's
// Verify does.
Result<VerifyReport> VerifyChain(AuditLog& log);

// The SQLite log in table audit_log of the Kashf file at `path` (created if missing).
Result<std::unique_ptr<AuditLog>> OpenSqliteAuditLog(const std::string& path);

// The PostgreSQL log in table audit_log of the database at `url` (a libpq URL; the table is created if
// missing).
Result<std::unique_ptr<AuditLog>> OpenPostgresAuditLog(const std::string& url);

// The log of the store at `location`: PostgreSQL for a postgresql:// URL, else the SQLite file.
Result<std::unique_ptr<AuditLog>> OpenAuditLog(const std::string& location);

}  // namespace kashf::audit
