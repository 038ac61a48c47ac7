#include "kashf/audit/audit_writer.h"

#include <vector>

#include "kashf/core/text.h"

namespace kashf::audit {

AuditWriter::AuditWriter(std::unique_ptr<AuditLog> log, AuditWriterOptions options)
    : log_(std::move(log)), options_(options), thread_([this] { Run(); }) {}

AuditWriter::~AuditWriter() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  work_.notify_all();
  thread_.join();
}

Status AuditWriter::Enqueue(AuditEntry e, bool wanted, uint64_t* ticket) {
  if (e.at == 0) e.at = NowUnixSeconds();  // the time of the request, not of its batch
  {
    std::lock_guard lock(mu_);
    if (!error_.ok()) return error_;
    if (stop_) return Status::FailedPrecondition("the audit log is closing; the request was not completed");
    queue_.push_back({std::move(e), wanted});
    *ticket = ++queued_;
  }
  work_.notify_one();
  return Status::Ok();
}

Status AuditWriter::WaitFor(std::unique_lock<std::mutex>& lock, uint64_t ticket) {
  ++waiting_;
  work_.notify_one();  // the writer need not linger: someone is waiting
  done_.wait(lock, [&] { return committed_ >= ticket || stop_; });
  --waiting_;
  if (committed_ >= ticket) return Status::Ok();
  return error_.ok() ? Status::FailedPrecondition("the audit log closed before the entry was written") : error_;
}

Status AuditWriter::Submit(AuditEntry e) {
  uint64_t ticket = 0;
  return Enqueue(std::move(e), false, &ticket);
}

Result<AuditEntry> AuditWriter::SubmitAndWait(AuditEntry e) {
  uint64_t ticket = 0;
  KASHF_RETURN_IF_ERROR(Enqueue(std::move(e), true, &ticket));
  std::unique_lock lock(mu_);
  KASHF_RETURN_IF_ERROR(WaitFor(lock, ticket));
  auto it = stored_.find(ticket);
  AuditEntry stored = std::move(it->second);
  stored_.erase(it);
  return stored;
}

Status AuditWriter::Flush() {
  std::unique_lock lock(mu_);
  return WaitFor(lock, queued_);
}

int64_t AuditWriter::batches() const {
  std::lock_guard lock(mu_);
  return batches_;
}

void AuditWriter::Run() {
  std::unique_lock lock(mu_);
  for (;;) {
    work_.wait(lock, [&] { return !queue_.empty() || stop_; });
    if (queue_.empty()) return;  // stopping, nothing left
    // Linger briefly for more entries unless the batch is full, someone waits, or we are stopping.
    work_.wait_for(lock, options_.linger,
                   [&] { return queue_.size() >= options_.max_batch || waiting_ > 0 || stop_; });
    const size_t n = std::min(queue_.size(), options_.max_batch);
    std::vector<AuditEntry> batch;
    batch.reserve(n);
    for (size_t i = 0; i < n; ++i) batch.push_back(queue_[i].entry);
    lock.unlock();
    auto written = log_->AppendBatch(std::move(batch));
    lock.lock();
    if (!written.ok()) {
      error_ = written.status().WithContext("writing the audit log (the request was not completed)");
      if (stop_) {  // give up: the waiters learn the error
        done_.notify_all();
        return;
      }
      work_.wait_for(lock, options_.retry_delay, [&] { return stop_; });
      continue;  // the entries stay queued, first in line
    }
    error_ = Status::Ok();
    for (size_t i = 0; i < n; ++i) {
      if (queue_.front().wanted) stored_[committed_ + 1] = std::move((*written)[i]);
      queue_.pop_front();
      ++committed_;
    }
    ++batches_;
    done_.notify_all();
  }
}

}  // namespace kashf::audit
