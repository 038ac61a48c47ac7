// The audit log anchored outside the store: signed checkpoints of the chain's head.
// The hash chain (audit_log.h) shows any change to an entry that has a successor, but not the loss
// of the newest entries, of every entry, or a rollback of the whole database file to an older copy.
// A checkpoint records the head (entry count and the hash of the last entry) and the time, signed
// with Ed25519 (libsodium crypto_sign_detached, RFC 8032) under a key kept outside the database, and
// is appended to an anchor file the operator keeps (and may copy to a partner agency). Checking the
// log against every checkpoint finds: fewer entries than a checkpoint saw (the tail was cut, the log
// emptied, or the file rolled back), a different entry at a checkpointed position (a rollback to
// another copy, or a rewritten log), and checkpoints not signed by the key (forged or altered).
// What it cannot show: entries appended after the last checkpoint and then removed, by someone who
// can write both the database and the anchor file; anything at all if the signing key is stolen.
// Anchor file: one JSON object per line, e.g.
//   {"kashf_audit_checkpoint":1,"entries":42,"head":"<hex>","at":1733356800,"key":"<hex>","signature":"<hex>"}
// Thread safety: AnchorKey is immutable after loading; appends to one anchor file from several
// threads or processes are serialised with an exclusive flock(2) on the file.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kashf/audit/audit_log.h"
#include "kashf/core/result.h"

namespace kashf::audit {

// The advice every "no anchor key" error carries.
inline constexpr std::string_view kAnchorKeyAdvice =
    "supply the audit anchor key with --anchor-key PATH or the environment variable KASHF_AUDIT_KEY "
    "(create one once with `kashf audit keygen --key-file PATH`; keep it outside the database)";

struct Checkpoint {
  int64_t entries = 0;    // entries in the log (the seq of the last one)
  std::string head;       // hex hash of entry `entries` ("" when the log is empty)
  int64_t at = 0;         // Unix seconds when the checkpoint was signed
  std::string key;        // hex Ed25519 public key that signed it
  std::string signature;  // hex Ed25519 signature of CheckpointMessage()
};

// The bytes signed: domain, count, head and time, newline-separated.
std::string CheckpointMessage(const Checkpoint& c);
// One anchor-file line (JSON, no newline) and its inverse (InvalidArgument on a malformed line).
std::string CheckpointLine(const Checkpoint& c);
Result<Checkpoint> ParseCheckpointLine(std::string_view line);

// An Ed25519 key pair (signs and verifies) or a public key alone (verifies; for a partner agency).
class AnchorKey {
 public:
  // Writes a new key pair: the secret key to `path` (hex, mode 0600, never overwritten) and the
  // public key to `path`.pub (hex, for whoever verifies). AlreadyExists if either file exists.
  static Status GenerateKeyFiles(const std::string& path);
  // Reads a secret-key file (sign and verify) or a .pub file (verify only).
  static Result<AnchorKey> FromFile(const std::string& path);

  bool can_sign() const { return has_secret_; }
  std::string public_hex() const;
  // A checkpoint of `entries`/`head` at `at`; FailedPrecondition for a public key alone.
  Result<Checkpoint> Sign(int64_t entries, const std::string& head, int64_t at) const;
  // True if `c` was signed by this key and is unchanged.
  bool Verify(const Checkpoint& c) const;

 private:
  std::array<unsigned char, 32> public_{};
  std::array<unsigned char, 64> secret_{};
  bool has_secret_ = false;
};

// Every checkpoint in the anchor file, in file order; an empty list when the file does not exist.
// Corruption naming the line for a line that is not a checkpoint.
Result<std::vector<Checkpoint>> ReadAnchor(const std::string& path);

struct AnchorReport {
  int64_t checkpoints = 0;
  std::optional<Checkpoint> newest;  // the checkpoint with the most entries
  // Empty when the log agrees with every checkpoint; otherwise what is wrong, for the user.
  std::string problem;
};

// Checks `log` against `checkpoints`: each must carry a valid signature of `key`, and the log must
// hold at least its entries with the same hash at its position. Only the entries at checkpointed
// positions are read; run AuditLog::Verify() too for the chain itself.
Result<AnchorReport> CheckAnchor(AuditLog& log, const std::vector<Checkpoint>& checkpoints, const AnchorKey& key);

// Checks `log` against the newest checkpoint of `anchor_path` and, when the log has grown since,
// appends a signed checkpoint of its head at `now`. Returns the checkpoint written (nullopt when
// the head had not moved). Corruption, with nothing written, when the log no longer agrees with
// the anchor (a cut tail or a rollback must not be blessed by a new checkpoint).
Result<std::optional<Checkpoint>> WriteCheckpoint(AuditLog& log, const std::string& anchor_path, const AnchorKey& key,
                                                  int64_t now);

}  // namespace kashf::audit
