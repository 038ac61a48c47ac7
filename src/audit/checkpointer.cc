#include "kashf/audit/checkpointer.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "kashf/core/text.h"

namespace kashf::audit {

Result<std::unique_ptr<Checkpointer>> Checkpointer::Start(const std::string& db_path, const std::string& anchor_path,
                                                          AnchorKey key, int64_t interval_seconds) {
  if (!key.can_sign())
    return Status::InvalidArgument(
        "the audit anchor key is a public key (.pub); the writer of checkpoints needs the secret key file");
  KASHF_ASSIGN_OR_RETURN(auto log, OpenAuditLog(db_path));
  KASHF_ASSIGN_OR_RETURN(auto first, WriteCheckpoint(*log, anchor_path, key, NowUnixSeconds()));
  std::unique_ptr<Checkpointer> c(new Checkpointer(std::move(log), anchor_path, key, interval_seconds, first ? 1 : 0));
  c->thread_ = std::thread([raw = c.get()] { raw->Run(); });
  return c;
}

Checkpointer::Checkpointer(std::unique_ptr<AuditLog> log, std::string anchor_path, AnchorKey key,
                           int64_t interval_seconds, int64_t written)
    : log_(std::move(log)),
      anchor_path_(std::move(anchor_path)),
      key_(key),
      interval_seconds_(std::max<int64_t>(1, interval_seconds)),
      written_(written) {}

Checkpointer::~Checkpointer() {
  {
    MutexLock lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  WriteOnce();
}

int64_t Checkpointer::written() const {
  MutexLock lock(mu_);
  return written_;
}

void Checkpointer::WriteOnce() {
  auto w = WriteCheckpoint(*log_, anchor_path_, key_, NowUnixSeconds());
  if (!w.ok()) {
    // Nothing to return to: the operator reads it in the server log, and `audit verify --anchor` says the same.
    std::fprintf(stderr, "%s audit anchor: %s\n", FormatIsoUtc(NowUnixSeconds()).c_str(),
                 w.status().ToString().c_str());
    return;
  }
  if (*w) {
    MutexLock lock(mu_);
    ++written_;
  }
}

void Checkpointer::Run() {
  for (;;) {
    {
      MutexLock lock(mu_);
      const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(interval_seconds_);
      while (!stopping_ && std::chrono::steady_clock::now() < deadline) mu_.AwaitUntil(wake_, deadline);
      if (stopping_) return;
    }
    WriteOnce();
  }
}

}  // namespace kashf::audit
