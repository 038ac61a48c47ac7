#include "import_locks.h"

#include <sys/wait.h>
#include <unistd.h>

#include <csignal>

#include <gtest/gtest.h>

#include "kashf/testing/files.h"

namespace kashf {
namespace {

TEST(ImportLocksTest, HeldImportIsAliveUntilReleased) {
  const std::string store = testing::FreshTempDir("locks") + "/k.db";
  ImportLocks importer(store), other(store);
  EXPECT_FALSE(other.IsAlive(3));  // no lock file yet
  ASSERT_TRUE(importer.Hold(3).ok());
  EXPECT_TRUE(importer.IsAlive(3));
  EXPECT_TRUE(other.IsAlive(3));
  EXPECT_FALSE(other.IsAlive(4));
  EXPECT_FALSE(other.TryBeginRecovery());  // an import runs: no recovery
  importer.Release(3);
  EXPECT_FALSE(other.IsAlive(3));
  ASSERT_TRUE(other.TryBeginRecovery());
  other.EndRecovery();
}

TEST(ImportLocksTest, ClosingTheStoreReleasesItsImports) {
  const std::string store = testing::FreshTempDir("locks") + "/k.db";
  ImportLocks checker(store);
  {
    ImportLocks importer(store);
    ASSERT_TRUE(importer.Hold(1).ok());
    ASSERT_TRUE(importer.Hold(2).ok());
    importer.Release(1);
    EXPECT_FALSE(checker.IsAlive(1));
    EXPECT_TRUE(checker.IsAlive(2));
    EXPECT_FALSE(checker.TryBeginRecovery());  // import 2 still holds byte 0
  }
  EXPECT_FALSE(checker.IsAlive(2));
  ASSERT_TRUE(checker.TryBeginRecovery());
  checker.EndRecovery();
}

// The case that matters: a process killed with SIGKILL while importing holds nothing afterwards.
TEST(ImportLocksTest, KilledProcessHoldsNoLock) {
  const std::string store = testing::FreshTempDir("locks") + "/k.db";
  int ready[2];
  ASSERT_EQ(pipe(ready), 0);
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    ImportLocks importer(store);
    char ok = importer.Hold(9).ok() ? 'y' : 'n';
    if (write(ready[1], &ok, 1) != 1) _exit(2);
    for (;;) pause();
  }
  char ok = 0;
  ASSERT_EQ(read(ready[0], &ok, 1), 1);
  ASSERT_EQ(ok, 'y');
  ImportLocks checker(store);
  EXPECT_TRUE(checker.IsAlive(9));
  EXPECT_FALSE(checker.TryBeginRecovery());
  kill(child, SIGKILL);
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  EXPECT_FALSE(checker.IsAlive(9));
  EXPECT_TRUE(checker.TryBeginRecovery());
  checker.EndRecovery();
  close(ready[0]);
  close(ready[1]);
}

}  // namespace
}  // namespace kashf
