// Each tampering below leaves the hash chain itself intact (AuditLog::Verify finds nothing, as
// asserted first), so it is the anchor alone that detects it.
#include "kashf/audit/audit_anchor.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include <filesystem>

#include "kashf/testing/files.h"

namespace kashf::audit {
namespace {

constexpr int64_t kNow = 1733356800;

void Sql(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  sqlite3_close(db);
}

// A log of `entries` entries, a signing key and an anchor holding one checkpoint of its head.
struct Anchored {
  std::string dir, db, key_path, anchor;
  std::unique_ptr<AuditLog> log;
  std::optional<AnchorKey> key;

  Anchored(const std::string& name, int entries) : dir(testing::FreshTempDir(name)) {
    db = dir + "/kashf.db";
    key_path = dir + "/keys/audit.key";
    anchor = dir + "/keys/audit.anchor";
    std::filesystem::create_directories(dir + "/keys");
    Reopen();
    Append(entries);
    EXPECT_TRUE(AnchorKey::GenerateKeyFiles(key_path).ok());
    auto k = AnchorKey::FromFile(key_path);
    EXPECT_TRUE(k.ok()) << k.status().ToString();
    key = *k;
    EXPECT_TRUE(WriteNow().ok());
  }
  void Reopen() {
    log.reset();
    auto l = OpenSqliteAuditLog(db);
    ASSERT_TRUE(l.ok()) << l.status().ToString();
    log = std::move(*l);
  }
  void Append(int n) {  // each entry different from every other, as real ones are
    for (int i = 0; i < n; ++i, ++appended)
      ASSERT_TRUE(
          log->Append({0, kNow + appended, "amna", "fia", "case.read", "case-" + std::to_string(appended), "", "", ""})
              .ok());
  }
  int appended = 0;
  Result<std::optional<Checkpoint>> WriteNow() { return WriteCheckpoint(*log, anchor, *key, kNow + 100); }
  // The chain alone: entries it holds, and whether it finds a break.
  bool ChainIntact() {
    auto r = log->Verify();
    return r.ok() && !r->first_bad_seq;
  }
  // What the anchor says ("" = agrees).
  std::string AnchorProblem() {
    auto cps = ReadAnchor(anchor);
    EXPECT_TRUE(cps.ok()) << cps.status().ToString();
    auto r = CheckAnchor(*log, *cps, *key);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r->problem;
  }
};

TEST(AuditAnchor, AnUntouchedLogAgreesAndCheckpointsOnlyWhenTheHeadMoves) {
  Anchored a("anchor-ok", 5);
  EXPECT_EQ(a.AnchorProblem(), "");
  auto again = a.WriteNow();
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->has_value());  // nothing new since the first checkpoint
  a.Append(2);
  auto moved = a.WriteNow();
  ASSERT_TRUE(moved.ok() && moved->has_value());
  EXPECT_EQ((*moved)->entries, 7);
  auto cps = ReadAnchor(a.anchor);
  ASSERT_TRUE(cps.ok());
  ASSERT_EQ(cps->size(), 2u);
  EXPECT_EQ((*cps)[0].entries, 5);
  EXPECT_EQ(a.AnchorProblem(), "");
}

TEST(AuditAnchor, DetectsDeletionOfTheLastEntry) {
  Anchored a("anchor-last", 5);
  Sql(a.db, "DELETE FROM audit_log WHERE seq = 5");
  EXPECT_TRUE(a.ChainIntact());  // the chain alone cannot see it
  EXPECT_NE(a.AnchorProblem().find("has 4 entries but the checkpoint"), std::string::npos) << a.AnchorProblem();
}

TEST(AuditAnchor, DetectsDeletionOfEveryEntryAndTruncation) {
  Anchored a("anchor-all", 6);
  Sql(a.db, "DELETE FROM audit_log WHERE seq > 3");
  EXPECT_TRUE(a.ChainIntact());
  EXPECT_NE(a.AnchorProblem().find("has 3 entries"), std::string::npos) << a.AnchorProblem();
  Sql(a.db, "DELETE FROM audit_log");
  EXPECT_TRUE(a.ChainIntact());
  EXPECT_NE(a.AnchorProblem().find("has 0 entries"), std::string::npos) << a.AnchorProblem();
}

TEST(AuditAnchor, DetectsRollbackOfTheWholeFileToAnOlderCopy) {
  Anchored a("anchor-rollback", 3);
  const std::string old_copy = a.dir + "/old.db";
  Sql(a.db, "VACUUM INTO '" + old_copy + "'");
  a.Append(3);
  ASSERT_TRUE(a.WriteNow().ok());
  // The attacker puts the older copy back in place of the file.
  a.log.reset();
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(a.db + suffix);
  std::filesystem::copy_file(old_copy, a.db);
  a.Reopen();
  EXPECT_TRUE(a.ChainIntact());
  EXPECT_NE(a.AnchorProblem().find("rolled back"), std::string::npos) << a.AnchorProblem();
  // ... and appends new entries until the count is past the checkpoint again: the entry at the
  // checkpointed position is not the one that was signed.
  a.Append(4);
  EXPECT_TRUE(a.ChainIntact());
  EXPECT_NE(a.AnchorProblem().find("entry 6 differs"), std::string::npos) << a.AnchorProblem();
}

TEST(AuditAnchor, RefusesToCheckpointALogThatNoLongerAgrees) {
  Anchored a("anchor-refuse", 4);
  Sql(a.db, "DELETE FROM audit_log WHERE seq = 4");
  auto w = a.WriteNow();
  ASSERT_FALSE(w.ok());
  EXPECT_EQ(w.status().code(), StatusCode::kCorruption);
  auto cps = ReadAnchor(a.anchor);
  ASSERT_TRUE(cps.ok());
  EXPECT_EQ(cps->size(), 1u);  // the cut is not blessed by a new checkpoint
}

TEST(AuditAnchor, DetectsForgedAndAlteredCheckpoints) {
  Anchored a("anchor-forged", 4);
  Sql(a.db, "DELETE FROM audit_log WHERE seq = 4");
  // The attacker rewrites the checkpoint to match the cut log ...
  auto cps = ReadAnchor(a.anchor);
  ASSERT_TRUE(cps.ok() && cps->size() == 1);
  Checkpoint altered = (*cps)[0];
  auto head = a.log->Last();
  ASSERT_TRUE(head.ok() && head->has_value());
  altered.entries = 3;
  altered.head = (*head)->hash;
  testing::WriteFile(a.anchor, CheckpointLine(altered) + "\n");
  EXPECT_NE(a.AnchorProblem().find("not signed by the anchor key"), std::string::npos) << a.AnchorProblem();
  // ... or signs it with a key of their own.
  ASSERT_TRUE(AnchorKey::GenerateKeyFiles(a.dir + "/attacker.key").ok());
  auto attacker = AnchorKey::FromFile(a.dir + "/attacker.key");
  ASSERT_TRUE(attacker.ok());
  auto forged = attacker->Sign(3, (*head)->hash, kNow + 200);
  ASSERT_TRUE(forged.ok());
  testing::WriteFile(a.anchor, CheckpointLine(*forged) + "\n");
  EXPECT_NE(a.AnchorProblem().find("not signed by the anchor key"), std::string::npos) << a.AnchorProblem();
  testing::WriteFile(a.anchor, "{\"not\": \"a checkpoint\"}\n");
  EXPECT_EQ(ReadAnchor(a.anchor).status().code(), StatusCode::kCorruption);
}

TEST(AuditAnchor, ThePublicKeyVerifiesButCannotSignAndKeysAreNeverOverwritten) {
  Anchored a("anchor-keys", 2);
  auto pub = AnchorKey::FromFile(a.key_path + ".pub");
  ASSERT_TRUE(pub.ok()) << pub.status().ToString();
  EXPECT_FALSE(pub->can_sign());
  EXPECT_EQ(pub->public_hex(), a.key->public_hex());
  auto cps = ReadAnchor(a.anchor);
  ASSERT_TRUE(cps.ok());
  auto r = CheckAnchor(*a.log, *cps, *pub);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->problem, "");
  EXPECT_EQ(pub->Sign(2, "x", kNow).status().code(), StatusCode::kFailedPrecondition);
  struct stat st {};
  ASSERT_EQ(::stat(a.key_path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_EQ(AnchorKey::GenerateKeyFiles(a.key_path).code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(AnchorKey::FromFile(a.dir + "/kashf.db").status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace kashf::audit
