#include "import_locks.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

namespace kashf {
namespace {

#if defined(F_OFD_SETLK)
constexpr int kSetLock = F_OFD_SETLK, kSetLockWait = F_OFD_SETLKW, kGetLock = F_OFD_GETLK;
#else  // classic POSIX record locks: same across processes, but blind to this process's own locks
constexpr int kSetLock = F_SETLK, kSetLockWait = F_SETLKW, kGetLock = F_GETLK;
#endif

// The file system cannot lock (some network or FUSE file systems): errors other than "held by
// someone else". Imports then run unlocked and nobody is told interrupted or recovered: the
// behaviour of a Kashf without these locks, never a refused import.
bool LockingUnsupported(int err) { return err != EAGAIN && err != EACCES && err != EINTR; }

struct flock ByteRange(short type, int64_t byte) {
  struct flock l {};
  l.l_type = type;
  l.l_whence = SEEK_SET;
  l.l_start = static_cast<off_t>(byte);
  l.l_len = 1;
  l.l_pid = 0;  // must be 0 for OFD locks
  return l;
}

}  // namespace

ImportLocks::ImportLocks(const std::string& store_path) : path_(LockPathFor(store_path)) {}

ImportLocks::~ImportLocks() {
  if (fd_ >= 0) close(fd_);  // drops every lock this store held
  if (probe_fd_ >= 0) close(probe_fd_);
}

bool ImportLocks::OpenForWriting() {
  if (fd_ < 0) fd_ = open(path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  return fd_ >= 0;
}

bool ImportLocks::SetLock(int fd, short type, int64_t byte, bool wait) {
  struct flock l = ByteRange(type, byte);
  for (;;) {
    if (fcntl(fd, wait ? kSetLockWait : kSetLock, &l) == 0) return true;
    if (errno != EINTR || !wait) return false;
  }
}

Status ImportLocks::Hold(int64_t id) {
  if (!OpenForWriting())
    return Status::IoError(
        fmt::format("cannot create '{}' ({}): imports need a writable folder", path_, std::strerror(errno)));
  if (held_.empty() && !SetLock(fd_, F_RDLCK, 0, /*wait=*/true)) {
    if (!LockingUnsupported(errno))
      return Status::IoError(fmt::format("cannot lock '{}' ({})", path_, std::strerror(errno)));
    spdlog::debug("import locks: '{}' cannot be locked ({}); crashes will not be detected", path_,
                  std::strerror(errno));
    held_.insert(id);
    return Status::Ok();
  }
  if (!SetLock(fd_, F_WRLCK, 1 + id, /*wait=*/false) && !LockingUnsupported(errno)) {
    if (held_.empty()) SetLock(fd_, F_UNLCK, 0, false);
    return Status::FailedPrecondition(fmt::format("import {} is already running in another process", id));
  }
  held_.insert(id);
  return Status::Ok();
}

void ImportLocks::Release(int64_t id) {
  if (held_.erase(id) == 0) return;
  SetLock(fd_, F_UNLCK, 1 + id, false);
  if (held_.empty()) SetLock(fd_, F_UNLCK, 0, false);
}

bool ImportLocks::IsAlive(int64_t id) {
  if (held_.count(id)) return true;
  if (probe_fd_ < 0) probe_fd_ = open(path_.c_str(), O_RDONLY | O_CLOEXEC);
  if (probe_fd_ < 0) return false;
  struct flock l = ByteRange(F_WRLCK, 1 + id);
  if (fcntl(probe_fd_, kGetLock, &l) != 0) return true;  // cannot tell: trust the row
  return l.l_type != F_UNLCK;
}

bool ImportLocks::TryBeginRecovery() {
  if (!held_.empty()) return false;  // this store is importing: its own runs are alive
  return OpenForWriting() && SetLock(fd_, F_WRLCK, 0, /*wait=*/false);
}

void ImportLocks::EndRecovery() {
  if (fd_ >= 0 && held_.empty()) SetLock(fd_, F_UNLCK, 0, false);
}

}  // namespace kashf
