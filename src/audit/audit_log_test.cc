// The audit log's conformance suite: every test runs against each backend (SQLite file, PostgreSQL
// database on the throwaway test cluster), so a behaviour difference between them is a failing test.
#include "kashf/audit/audit_log.h"

#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "kashf/testing/backends.h"

namespace kashf::audit {
namespace {

AuditEntry Read(const std::string& subject) { return {0, 1700000000, "amna", "fia", "case.read", subject, "", "", ""}; }

TEST(AuditLog, HashDependsOnEveryField) {
  AuditEntry e = Read("case-1");
  std::string h = EntryHash(e);
  for (auto field : {&AuditEntry::actor, &AuditEntry::agency, &AuditEntry::action, &AuditEntry::subject,
                     &AuditEntry::detail, &AuditEntry::prev_hash}) {
    AuditEntry f = e;
    f.*field += "x";
    EXPECT_NE(EntryHash(f), h);
  }
  AuditEntry later = e;
  later.at += 1;
  EXPECT_NE(EntryHash(later), h);
}

// One fresh, empty log per test on the backend named by the parameter.
class AuditLogConformance : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    auto log = Open();
    ASSERT_TRUE(log.ok()) << log.status().ToString();
    log_ = std::move(*log);
  }

  // Another connection to the same log (OpenAuditLog picks the backend from the location).
  Result<std::unique_ptr<AuditLog>> Open() { return OpenAuditLog(location()); }

  void AppendReads(int n) {
    for (int i = 0; i < n; ++i) ASSERT_TRUE(log_->Append(Read("case-" + std::to_string(i))).ok());
  }

  std::unique_ptr<AuditLog> log_;
};

TEST_P(AuditLogConformance, ChainsEntriesAndVerifies) {
  auto a = log_->Append(Read("case-1"));
  auto b = log_->Append(Read("case-2"));
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->seq, 1);
  EXPECT_EQ(b->seq, 2);
  EXPECT_EQ(a->prev_hash, "");
  EXPECT_EQ(b->prev_hash, a->hash);
  EXPECT_EQ(a->hash.size(), 64u);
  EXPECT_EQ(b->hash, EntryHash(*b));
  auto r = log_->Verify();
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->entries, 2);
  EXPECT_FALSE(r->first_bad_seq.has_value());
}

TEST_P(AuditLogConformance, BatchContinuesTheChainAndStampsTime) {
  ASSERT_TRUE(log_->Append(Read("case-0")).ok());
  std::vector<AuditEntry> batch = {Read("case-1"), Read("case-2"), Read("case-3")};
  batch[1].at = 0;  // "now"
  auto stored = log_->AppendBatch(batch);
  ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  ASSERT_EQ(stored->size(), 3u);
  EXPECT_EQ((*stored)[0].seq, 2);
  EXPECT_EQ((*stored)[2].seq, 4);
  EXPECT_EQ((*stored)[2].prev_hash, (*stored)[1].hash);
  EXPECT_GT((*stored)[1].at, 1700000000);
  auto r = log_->Verify();
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->entries, 4);
  EXPECT_FALSE(r->first_bad_seq.has_value());
}

TEST_P(AuditLogConformance, ListsPagesAndLastIsTheHead) {
  auto empty = log_->Last();
  ASSERT_TRUE(empty.ok());
  EXPECT_FALSE(empty->has_value());
  AppendReads(5);
  auto page = log_->List(2, 2);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->size(), 2u);
  EXPECT_EQ((*page)[0].seq, 3);
  EXPECT_EQ((*page)[0].subject, "case-2");
  EXPECT_EQ((*page)[1].seq, 4);
  auto last = log_->Last();
  ASSERT_TRUE(last.ok() && last->has_value());
  EXPECT_EQ((*last)->seq, 5);
  EXPECT_EQ((*last)->actor, "amna");
  EXPECT_EQ((*last)->hash, EntryHash(**last));
}

// Identities never belong in the log, but whatever text is stored comes back byte for byte (the hash
// covers it): Urdu script, quotes, newlines.
TEST_P(AuditLogConformance, StoresTextExactly) {
  AuditEntry e = Read("case-7");
  e.actor = "عائشہ";
  e.detail = "stage='referral'\n\"quoted\"; -- not SQL";
  ASSERT_TRUE(log_->Append(e).ok());
  auto last = log_->Last();
  ASSERT_TRUE(last.ok() && last->has_value());
  EXPECT_EQ((*last)->actor, e.actor);
  EXPECT_EQ((*last)->detail, e.detail);
  auto r = log_->Verify();
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->first_bad_seq.has_value());
}

TEST_P(AuditLogConformance, ReopenedLogContinuesTheChain) {
  AppendReads(2);
  auto again = Open();
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  auto c = (*again)->Append(Read("case-9"));
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->seq, 3);
  auto r = log_->Verify();
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->entries, 3);
  EXPECT_FALSE(r->first_bad_seq.has_value());
}

// Two connections (two server processes) appending at once still build one unbroken chain: every
// entry is kept, seqs are 1..n without gaps, each links to the one before.
TEST_P(AuditLogConformance, TwoConnectionsAppendOneChain) {
  constexpr int kRounds = 100;
  auto second = Open();
  ASSERT_TRUE(second.ok());
  std::vector<std::string> errors(2);
  auto writer = [&](AuditLog* log, int who) {
    for (int i = 0; i < kRounds; ++i) {
      const std::string subject = "case-" + std::to_string(who) + "-" + std::to_string(i);
      Status st = i % 2 == 0 ? log->Append(Read(subject)).status()
                             : log->AppendBatch({Read(subject + "a"), Read(subject + "b")}).status();
      if (!st.ok()) {
        errors[static_cast<size_t>(who)] = st.ToString();
        return;
      }
    }
  };
  std::thread t0(writer, log_.get(), 0), t1(writer, second->get(), 1);
  t0.join();
  t1.join();
  EXPECT_EQ(errors[0], "");
  EXPECT_EQ(errors[1], "");
  auto r = log_->Verify();
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->entries, 2 * (kRounds / 2 + kRounds));  // each writer: 50 single entries, 50 batches of 2
  EXPECT_FALSE(r->first_bad_seq.has_value()) << r->problem;
  auto all = log_->List(0, 1000);
  ASSERT_TRUE(all.ok());
  std::set<std::string> subjects;
  for (const auto& e : *all) subjects.insert(e.subject);
  EXPECT_EQ(subjects.size(), all->size());
}

TEST_P(AuditLogConformance, DetectsEditedEntry) {
  AppendReads(5);
  ExecSql("UPDATE audit_log SET actor='someone-else' WHERE seq=3");
  auto r = log_->Verify();
  ASSERT_TRUE(r.ok());
  ASSERT_TRUE(r->first_bad_seq.has_value());
  EXPECT_EQ(*r->first_bad_seq, 3);
}

TEST_P(AuditLogConformance, DetectsDeletedEntry) {
  AppendReads(5);
  ExecSql("DELETE FROM audit_log WHERE seq=2");
  auto r = log_->Verify();
  ASSERT_TRUE(r.ok() && r->first_bad_seq.has_value());
  EXPECT_EQ(*r->first_bad_seq, 3);
}

// An attacker who edits an entry and recomputes its own hash still breaks the next link.
TEST_P(AuditLogConformance, DetectsRewrittenHash) {
  AppendReads(4);
  AuditEntry forged = Read("case-1");
  forged.seq = 2;
  forged.actor = "forger";
  auto all = log_->List(0, 10);
  ASSERT_TRUE(all.ok());
  forged.prev_hash = (*all)[0].hash;
  ExecSql("UPDATE audit_log SET actor='forger', hash='" + EntryHash(forged) + "' WHERE seq=2");
  auto r = log_->Verify();
  ASSERT_TRUE(r.ok() && r->first_bad_seq.has_value());
  EXPECT_EQ(*r->first_bad_seq, 3);
}

KASHF_INSTANTIATE_BACKENDS(AuditLogConformance);

}  // namespace
}  // namespace kashf::audit
