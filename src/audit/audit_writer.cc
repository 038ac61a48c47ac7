#include "kashf/audit/audit_writer.h"

#include <vector>

#include "kashf/core/text.h"

namespace kashf::audit {

AuditWriter::AuditWriter(std::unique_ptr<AuditLog> log, AuditWriterOptions options)
    : log_(std::move(log)), options_(options), thread_([this] { Run(); }) {}

AuditWriter::~AuditWriter() {
  {
    MutexLock lock(mu_);
    stop_ = true;
  }
  work_.notify_all();
  thread_.join();
}

template <typename Done>
void AuditWriter::AwaitFor(std::condition_variable& cv, std::chrono::milliseconds timeout, Done done) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!done() && std::chrono::steady_clock::now() < deadline) mu_.AwaitUntil(cv, deadline);
}

Status AuditWriter::Enqueue(AuditEntry e, bool wanted, uint64_t* ticket) {
  if (e.at == 0) e.at = NowUnixSeconds();  // the time of the request, not of its batch
  {
    MutexLock lock(mu_);
    if (!error_.ok()) return error_;
    if (stop_) return Status::FailedPrecondition("the audit log is closing; the request was not completed");
    queue_.push_back({std::move(e), wanted});
    *ticket = ++queued_;
  }
  work_.notify_one();
  return Status::Ok();
}

Status AuditWriter::WaitFor(uint64_t ticket) {
  ++waiting_;
  work_.notify_one();  // the writer need not linger: someone is waiting
  while (committed_ < ticket && !stop_) mu_.Await(done_);
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
  MutexLock lock(mu_);
  KASHF_RETURN_IF_ERROR(WaitFor(ticket));
  auto it = stored_.find(ticket);
  AuditEntry stored = std::move(it->second);
  stored_.erase(it);
  return stored;
}

Status AuditWriter::Flush() {
  MutexLock lock(mu_);
  return WaitFor(queued_);
}

int64_t AuditWriter::batches() const {
  MutexLock lock(mu_);
  return batches_;
}

void AuditWriter::Run() {
  mu_.Lock();  // held but while a batch is committed
  for (;;) {
    while (queue_.empty() && !stop_) mu_.Await(work_);
    if (queue_.empty()) break;  // stopping, nothing left
    // Linger briefly for more entries unless the batch is full, someone waits, or we are stopping.
    AwaitFor(work_, options_.linger,
             [&]() REQUIRES(mu_) { return queue_.size() >= options_.max_batch || waiting_ > 0 || stop_; });
    const size_t n = std::min(queue_.size(), options_.max_batch);
    std::vector<AuditEntry> batch;
    batch.reserve(n);
    for (size_t i = 0; i < n; ++i) batch.push_back(queue_[i].entry);
    mu_.Unlock();  // the commit runs without the lock: requests keep queueing meanwhile
    auto written = log_->AppendBatch(std::move(batch));
    mu_.Lock();
    if (!written.ok()) {
      error_ = written.status().WithContext("writing the audit log (the request was not completed)");
      if (stop_) {  // give up: the waiters learn the error
        done_.notify_all();
        break;
      }
      AwaitFor(work_, options_.retry_delay, [&]() REQUIRES(mu_) { return stop_; });
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
  mu_.Unlock();
}

}  // namespace kashf::audit
