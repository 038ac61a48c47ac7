#include "kashf/audit/audit_writer.h"

#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "kashf/testing/files.h"

namespace kashf::audit {
namespace {

AuditEntry Read(const std::string& actor, const std::string& subject) {
  return {0, 0, actor, "fia", "entity.read", subject, "", "", ""};
}

std::unique_ptr<AuditLog> Open(const std::string& path) {
  auto log = OpenSqliteAuditLog(path);
  EXPECT_TRUE(log.ok()) << log.status().ToString();
  return std::move(*log);
}

// Many threads hand in entries at once: every one is in the chain exactly once, the chain
// verifies, and the entries went in far fewer commits than entries (group commit).
TEST(AuditWriter, EveryConcurrentEntryIsChainedInFewCommits) {
  const std::string path = testing::FreshTempDir("audit-writer") + "/k.db";
  constexpr int kThreads = 8, kPerThread = 250;
  int64_t batches = 0;
  {
    AuditWriter writer(Open(path));
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t)
      threads.emplace_back([&, t] {
        for (int i = 0; i < kPerThread; ++i) {
          const std::string subject = fmt::format("entity-{}-{}", t, i);
          if (i % 50 == 49) {  // now and then a change that waits for its commit
            auto stored = writer.SubmitAndWait(Read(fmt::format("user{}", t), subject));
            ASSERT_TRUE(stored.ok()) << stored.status().ToString();
            EXPECT_GT(stored->seq, 0);
            EXPECT_EQ(stored->hash, EntryHash(*stored));
          } else {
            ASSERT_TRUE(writer.Submit(Read(fmt::format("user{}", t), subject)).ok());
          }
        }
      });
    for (auto& th : threads) th.join();
    ASSERT_TRUE(writer.Flush().ok());
    batches = writer.batches();
  }
  auto log = Open(path);
  auto all = log->List(0, 100000);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), static_cast<size_t>(kThreads * kPerThread));
  std::set<std::string> subjects;
  for (const auto& e : *all) subjects.insert(e.subject);
  EXPECT_EQ(subjects.size(), static_cast<size_t>(kThreads * kPerThread));  // none lost, none twice
  auto report = log->Verify();
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->entries, kThreads * kPerThread);
  EXPECT_FALSE(report->first_bad_seq.has_value()) << report->problem;
  EXPECT_LT(batches, kThreads * kPerThread / 4) << "entries were not grouped into batches";
  EXPECT_GT(batches, 0);
}

// The destructor writes what is still queued: a reader never finds fewer entries than were handed in.
TEST(AuditWriter, ClosingWritesEverythingQueued) {
  const std::string path = testing::FreshTempDir("audit-writer-close") + "/k.db";
  {
    AuditWriterOptions slow;
    slow.linger = std::chrono::milliseconds(500);
    AuditWriter writer(Open(path), slow);
    for (int i = 0; i < 100; ++i) ASSERT_TRUE(writer.Submit(Read("amna", fmt::format("case-{}", i))).ok());
  }
  auto log = Open(path);
  auto report = log->Verify();
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->entries, 100);
  EXPECT_FALSE(report->first_bad_seq.has_value());
}

// Entries written by another connection (the CLI) in between keep one unbroken chain.
TEST(AuditWriter, InterleavesWithOtherWritersInOneChain) {
  const std::string path = testing::FreshTempDir("audit-writer-mixed") + "/k.db";
  auto other = Open(path);
  AuditWriter writer(Open(path));
  for (int i = 0; i < 20; ++i) {
    ASSERT_TRUE(writer.Submit(Read("server", fmt::format("s-{}", i))).ok());
    if (i % 5 == 0) {
      ASSERT_TRUE(writer.Flush().ok());
      ASSERT_TRUE(other->Append(Read("cli", fmt::format("c-{}", i))).ok());
    }
  }
  ASSERT_TRUE(writer.Flush().ok());
  auto report = other->Verify();
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->entries, 24);
  EXPECT_FALSE(report->first_bad_seq.has_value()) << report->problem;
}

// A log that cannot be written makes Submit fail (the server refuses requests) instead of
// dropping entries; nothing handed in before is lost once the log can be written again.
class FlakyLog final : public AuditLog {
 public:
  explicit FlakyLog(std::unique_ptr<AuditLog> real) : real_(std::move(real)) {}
  Result<AuditEntry> Append(AuditEntry e) override { return real_->Append(std::move(e)); }
  Result<std::vector<AuditEntry>> AppendBatch(std::vector<AuditEntry> entries) override {
    if (failing) return Status::IoError("disk full");
    return real_->AppendBatch(std::move(entries));
  }
  Result<std::vector<AuditEntry>> List(int64_t after, size_t limit) override { return real_->List(after, limit); }
  Result<VerifyReport> Verify() override { return real_->Verify(); }
  Result<std::optional<AuditEntry>> Last() override { return real_->Last(); }
  std::atomic<bool> failing{true};

 private:
  std::unique_ptr<AuditLog> real_;
};

TEST(AuditWriter, FailsClosedWhileTheLogCannotBeWrittenAndLosesNothing) {
  const std::string path = testing::FreshTempDir("audit-writer-flaky") + "/k.db";
  auto flaky = std::make_unique<FlakyLog>(Open(path));
  FlakyLog* log = flaky.get();
  AuditWriterOptions fast;
  fast.retry_delay = std::chrono::milliseconds(5);
  AuditWriter writer(std::move(flaky), fast);
  ASSERT_TRUE(writer.Submit(Read("amna", "case-1")).ok());
  Status refused;
  for (int i = 0; i < 1000 && refused.ok(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    refused = writer.Submit(Read("amna", "case-x"));
  }
  ASSERT_FALSE(refused.ok()) << "Submit kept accepting entries while the log could not be written";
  EXPECT_NE(refused.message().find("audit log"), std::string::npos);
  log->failing = false;
  Status st;
  for (int i = 0; i < 1000; ++i) {  // accepted again once a retry has written the queue
    st = writer.Submit(Read("amna", "case-2"));
    if (st.ok()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  ASSERT_TRUE(st.ok()) << st.ToString();
  ASSERT_TRUE(writer.Flush().ok());
  auto all = log->List(0, 1000);
  ASSERT_TRUE(all.ok());
  ASSERT_GE(all->size(), 2u);
  EXPECT_EQ(all->front().subject, "case-1");  // queued before the failure, kept and written first
  EXPECT_EQ(all->back().subject, "case-2");
  EXPECT_FALSE(log->Verify()->first_bad_seq.has_value());
}

}  // namespace
}  // namespace kashf::audit
