// Writes signed checkpoints of an audit log's head (audit_anchor.h) on a timer, for a long-running
// process such as the server: one when it starts (after checking the log against the anchor), one
// every `interval` while the log grows, and a last one when it is destroyed.
// Thread safety: the object is used by its owner only; the timer runs on its own thread with its
// own SQLite connection.
#pragma once
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>

#include "kashf/audit/audit_anchor.h"
#include "kashf/core/result.h"
#include "kashf/core/thread_annotations.h"

namespace kashf::audit {

class Checkpointer {
 public:
  // Checks the log in `db_path` against `anchor_path` and writes the first checkpoint (Corruption
  // when they disagree: the log lost entries or was rolled back since the last checkpoint), then
  // starts the timer. `key` must be able to sign.
  static Result<std::unique_ptr<Checkpointer>> Start(const std::string& db_path, const std::string& anchor_path,
                                                     AnchorKey key, int64_t interval_seconds);
  ~Checkpointer();  // stops the timer and writes the last checkpoint
  Checkpointer(const Checkpointer&) = delete;
  Checkpointer& operator=(const Checkpointer&) = delete;

  // Checkpoints written so far (for tests and the log).
  int64_t written() const EXCLUDES(mu_);

 private:
  Checkpointer(std::unique_ptr<AuditLog> log, std::string anchor_path, AnchorKey key, int64_t interval_seconds,
               int64_t written);
  void Run() EXCLUDES(mu_);
  void WriteOnce() EXCLUDES(mu_);

  std::unique_ptr<AuditLog> log_;  // used by the timer thread only (and by the owner before it starts / after it ends)
  const std::string anchor_path_;
  const AnchorKey key_;
  const int64_t interval_seconds_;
  mutable Mutex mu_;
  std::condition_variable wake_;
  bool stopping_ GUARDED_BY(mu_) = false;
  int64_t written_ GUARDED_BY(mu_) = 0;
  std::thread thread_;
};

}  // namespace kashf::audit
