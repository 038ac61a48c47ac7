#include "kashf/audit/checkpointer.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "kashf/testing/files.h"

namespace kashf::audit {
namespace {

struct AnchoredLog {
  std::string dir = testing::FreshTempDir("checkpointer");
  std::string db = dir + "/kashf.db", anchor = dir + "/audit.anchor", key_path = dir + "/audit.key";
  std::unique_ptr<AuditLog> log;
  AnchoredLog() {
    auto l = OpenSqliteAuditLog(db);
    EXPECT_TRUE(l.ok());
    log = std::move(*l);
    EXPECT_TRUE(AnchorKey::GenerateKeyFiles(key_path).ok());
  }
  AnchorKey Key() { return *AnchorKey::FromFile(key_path); }
  void Append(int n) {
    for (int i = 0; i < n; ++i)
      ASSERT_TRUE(log->Append({0, 0, "amna", "fia", "case.read", "case-" + std::to_string(i), "", "", ""}).ok());
  }
  std::vector<Checkpoint> Checkpoints() { return *ReadAnchor(anchor); }
};

TEST(Checkpointer, WritesOnStartWhileTheLogGrowsAndOnStop) {
  AnchoredLog s;
  s.Append(3);
  {
    auto c = Checkpointer::Start(s.db, s.anchor, s.Key(), 1);
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    EXPECT_EQ((*c)->written(), 1);
    s.Append(2);
    for (int i = 0; i < 50 && (*c)->written() < 2; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    EXPECT_GE((*c)->written(), 2);  // the timer saw the new entries
    s.Append(1);
  }  // stopping writes the last one
  auto cps = s.Checkpoints();
  ASSERT_GE(cps.size(), 3u);
  EXPECT_EQ(cps.front().entries, 3);
  EXPECT_EQ(cps.back().entries, 6);  // the entry appended just before the stop is covered
  for (size_t i = 1; i < cps.size(); ++i) EXPECT_GT(cps[i].entries, cps[i - 1].entries);  // only when the log grew
}

TEST(Checkpointer, RefusesToStartOnALogCutSinceTheLastCheckpoint) {
  AnchoredLog s;
  s.Append(4);
  { ASSERT_TRUE(Checkpointer::Start(s.db, s.anchor, s.Key(), 60).ok()); }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(s.db.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "DELETE FROM audit_log WHERE seq = 4", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  auto c = Checkpointer::Start(s.db, s.anchor, s.Key(), 60);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), StatusCode::kCorruption);
  auto pub = AnchorKey::FromFile(s.key_path + ".pub");
  ASSERT_TRUE(pub.ok());
  EXPECT_EQ(Checkpointer::Start(s.db, s.anchor, *pub, 60).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace kashf::audit
