#include "kashf/audit/audit_log.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "kashf/testing/files.h"

namespace kashf::audit {
namespace {

AuditEntry Read(const std::string& subject) { return {0, 1700000000, "amna", "fia", "case.read", subject, "", "", ""}; }

TEST(AuditLog, ChainsEntriesAndVerifies) {
  std::string path = testing::FreshTempDir("audit") + "/k.db";
  auto log = OpenSqliteAuditLog(path);
  ASSERT_TRUE(log.ok()) << log.status().ToString();
  auto a = (*log)->Append(Read("case-1"));
  auto b = (*log)->Append(Read("case-2"));
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->seq, 1);
  EXPECT_EQ(b->seq, 2);
  EXPECT_EQ(a->prev_hash, "");
  EXPECT_EQ(b->prev_hash, a->hash);
  EXPECT_EQ(a->hash.size(), 64u);
  auto r = (*log)->Verify();
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->entries, 2);
  EXPECT_FALSE(r->first_bad_seq.has_value());
}

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

void Tamper(const std::string& path, const char* sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
}

TEST(AuditLog, DetectsEditedEntry) {
  std::string path = testing::FreshTempDir("audit-edit") + "/k.db";
  auto log = OpenSqliteAuditLog(path);
  ASSERT_TRUE(log.ok());
  for (int i = 0; i < 5; ++i) ASSERT_TRUE((*log)->Append(Read("case-" + std::to_string(i))).ok());
  Tamper(path, "UPDATE audit_log SET actor='someone-else' WHERE seq=3");
  auto r = (*log)->Verify();
  ASSERT_TRUE(r.ok());
  ASSERT_TRUE(r->first_bad_seq.has_value());
  EXPECT_EQ(*r->first_bad_seq, 3);
}

TEST(AuditLog, DetectsDeletedEntryAndRewrittenHash) {
  std::string path = testing::FreshTempDir("audit-del") + "/k.db";
  auto log = OpenSqliteAuditLog(path);
  ASSERT_TRUE(log.ok());
  for (int i = 0; i < 5; ++i) ASSERT_TRUE((*log)->Append(Read("case-" + std::to_string(i))).ok());
  Tamper(path, "DELETE FROM audit_log WHERE seq=2");
  auto r = (*log)->Verify();
  ASSERT_TRUE(r.ok() && r->first_bad_seq.has_value());
  EXPECT_EQ(*r->first_bad_seq, 3);

  std::string path2 = testing::FreshTempDir("audit-rehash") + "/k.db";
  auto log2 = OpenSqliteAuditLog(path2);
  ASSERT_TRUE(log2.ok());
  for (int i = 0; i < 4; ++i) ASSERT_TRUE((*log2)->Append(Read("case-" + std::to_string(i))).ok());
  // An attacker who edits an entry and recomputes its own hash still breaks the next link.
  AuditEntry forged = Read("case-1");
  forged.seq = 2;
  forged.actor = "forger";
  auto all = (*log2)->List(0, 10);
  ASSERT_TRUE(all.ok());
  forged.prev_hash = (*all)[0].hash;
  std::string sql = "UPDATE audit_log SET actor='forger', hash='" + EntryHash(forged) + "' WHERE seq=2";
  Tamper(path2, sql.c_str());
  auto r2 = (*log2)->Verify();
  ASSERT_TRUE(r2.ok() && r2->first_bad_seq.has_value());
  EXPECT_EQ(*r2->first_bad_seq, 3);
}

}  // namespace
}  // namespace kashf::audit
