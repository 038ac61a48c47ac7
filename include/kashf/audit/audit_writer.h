// Group commit for the audit log: many threads hand in entries, one writer thread appends them in
// batches, each batch one transaction (AuditLog::AppendBatch), so a busy server makes one commit per
// batch instead of one per request. Every entry is kept and chained in the order it was handed in.
// A batch is written as soon as the previous one is committed, after at most `linger` of waiting
// for more entries (none when someone waits for the batch), and holds at most `max_batch` entries.
// If a batch cannot be written, the writer keeps its entries, retries, and until it succeeds every
// Submit fails: a server that cannot audit refuses requests (fails closed) instead of serving them
// unaudited. Entries still queued when the process is killed are lost (at most one batch, about
// `linger` worth of reads); the destructor writes everything queued.
// Thread safety: every method may be called from any thread.
#pragma once
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>

#include "kashf/audit/audit_log.h"
#include "kashf/core/thread_annotations.h"

namespace kashf::audit {

struct AuditWriterOptions {
  std::chrono::milliseconds linger{10};
  size_t max_batch = 512;
  std::chrono::milliseconds retry_delay{200};
};

class AuditWriter {
 public:
  // The writer appends through `log` (its own connection, used by the writer thread alone).
  explicit AuditWriter(std::unique_ptr<AuditLog> log, AuditWriterOptions options = {});
  ~AuditWriter();
  AuditWriter(const AuditWriter&) = delete;
  AuditWriter& operator=(const AuditWriter&) = delete;

  // Queues `e` and returns at once (for reads: the request does not wait for the commit). Fails,
  // without queueing, while the log cannot be written.
  Status Submit(AuditEntry e);
  // Queues `e` and waits until its batch is committed (for changes that must be audited before
  // they are acknowledged). Returns the stored entry (seq and hashes filled in).
  Result<AuditEntry> SubmitAndWait(AuditEntry e);
  // Waits until every entry queued before the call is committed (for readers of the log).
  Status Flush();

  // Batches committed so far (for tests and benchmarks).
  int64_t batches() const;

 private:
  struct Pending {
    AuditEntry entry;
    bool wanted;  // SubmitAndWait asks for the stored entry
  };
  void Run() EXCLUDES(mu_);
  Status Enqueue(AuditEntry e, bool wanted, uint64_t* ticket) EXCLUDES(mu_);
  // Waits (holding mu_, released while waiting) until entry `ticket` is committed or the writer stops.
  Status WaitFor(uint64_t ticket) REQUIRES(mu_);
  // Waits on `cv` until `done()` holds or `timeout` has passed (holding mu_, released while waiting).
  template <typename Done>
  void AwaitFor(std::condition_variable& cv, std::chrono::milliseconds timeout, Done done) REQUIRES(mu_);

  std::unique_ptr<AuditLog> log_;  // used by the writer thread alone
  const AuditWriterOptions options_;
  mutable Mutex mu_;
  std::condition_variable work_, done_;
  std::deque<Pending> queue_ GUARDED_BY(mu_);
  uint64_t queued_ GUARDED_BY(mu_) = 0;     // tickets handed out (1, 2, ...)
  uint64_t committed_ GUARDED_BY(mu_) = 0;  // every ticket <= this is committed
  size_t waiting_ GUARDED_BY(mu_) = 0;      // threads waiting for a commit
  Status error_ GUARDED_BY(mu_);            // failure of the last write, until a retry succeeds
  std::unordered_map<uint64_t, AuditEntry> stored_ GUARDED_BY(mu_);  // committed entries SubmitAndWait asked for
  int64_t batches_ GUARDED_BY(mu_) = 0;
  bool stop_ GUARDED_BY(mu_) = false;
  std::thread thread_;
};

}  // namespace kashf::audit
