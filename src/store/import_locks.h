// Which imports into a store are alive: every running import holds a lock on a byte of the file
// "<store>-imports.lock" that the kernel drops when its process ends, however it ends (exit,
// crash, kill -9). So an imports row marked "running" whose byte is not locked belongs to a dead
// process: interrupted. Nothing depends on process ids (reused after a reboot), host names or
// clocks, and there is no stale lock to clean up.
//
// Locks are open-file-description locks (fcntl F_OFD_SETLK, Linux >= 3.15): unlike classic POSIX
// record locks they are not dropped when the process closes some other descriptor of the file, and
// two descriptors in one process conflict like two processes do (so tests can run in one process).
// Byte 0 is held shared by every running import and taken exclusively by a recovery (marking dead
// runs interrupted and indexing their committed records), which therefore runs only while no
// import runs anywhere. Byte 1 + id is held by import `id` while it runs.
// Needs a file system with working fcntl locks (as SQLite's own locking does); where locking is not
// supported, imports still run and are simply never reported interrupted.
// Thread safety: one ImportLocks per Store, used by one thread at a time.
#pragma once
#include <cstdint>
#include <set>
#include <string>

#include "kashf/core/result.h"

namespace kashf {

class ImportLocks {
 public:
  explicit ImportLocks(const std::string& store_path);
  ~ImportLocks();
  ImportLocks(const ImportLocks&) = delete;
  ImportLocks& operator=(const ImportLocks&) = delete;

  static std::string LockPathFor(const std::string& store_path) { return store_path + "-imports.lock"; }

  // Marks import `id` alive (held until Release(id) or the process ends). Waits while a recovery
  // holds byte 0; a recovery that then needs this process's open write transaction gives up after
  // SQLite's busy timeout, so the wait is bounded.
  Status Hold(int64_t id);
  void Release(int64_t id);

  // True if some descriptor, in any process including this one, holds import `id`'s byte.
  // False when the lock file does not exist (no import ever ran with locks) or cannot be read;
  // true when the file system cannot tell (no lock support: the row's "running" is trusted).
  bool IsAlive(int64_t id);

  // Tries (without waiting) to take byte 0 exclusively: true if taken, i.e. no import runs.
  // Released by EndRecovery(). False also when the lock file cannot be created (read-only folder).
  bool TryBeginRecovery();
  void EndRecovery();

 private:
  bool OpenForWriting();
  bool SetLock(int fd, short type, int64_t byte, bool wait);

  std::string path_;
  int fd_ = -1;        // read-write descriptor holding this store's locks
  int probe_fd_ = -1;  // a second open file description: sees the locks of fd_ as another holder's
  std::set<int64_t> held_;
};

}  // namespace kashf
