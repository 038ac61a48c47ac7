#include "kashf/core/new_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>

#include <fmt/format.h>

namespace kashf {

Status CreateNewFile(const std::string& path, std::string_view content, mode_t mode) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0) {
    if (errno == EEXIST) return Status::AlreadyExists(fmt::format("{} already exists", path));
    return Status::IoError(fmt::format("cannot create {}: check the folder exists and is writable", path));
  }
  bool ok = ::write(fd, content.data(), content.size()) == static_cast<ssize_t>(content.size());
  ok = (::fchmod(fd, mode) == 0) && ok;
  ok = (::fsync(fd) == 0) && ok;
  ok = (::close(fd) == 0) && ok;
  if (!ok) return Status::IoError(fmt::format("writing {} failed", path));
  return Status::Ok();
}

namespace {
Status KeyFileExists(const std::string& path) {
  return Status::AlreadyExists(
      fmt::format("{} already exists; Kashf never overwrites a key. Choose another path.", path));
}
}  // namespace

Status CreateNewKeyFile(const std::string& path, std::string_view content, mode_t mode) {
  Status st = CreateNewFile(path, content, mode);
  return st.code() == StatusCode::kAlreadyExists ? KeyFileExists(path) : st;
}

Status RequireNoKeyFile(const std::string& path) {
  return ::access(path.c_str(), F_OK) == 0 ? KeyFileExists(path) : Status::Ok();
}

Status ReplaceFile(const std::string& path, std::string_view content, mode_t mode) {
  const std::string tmp = path + ".tmp";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
  if (fd < 0) return Status::IoError(fmt::format("cannot write {}: check the folder's permissions", tmp));
  size_t done = 0;
  while (done < content.size()) {
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n <= 0) break;
    done += static_cast<size_t>(n);
  }
  bool ok = done == content.size();
  ok = (::fchmod(fd, mode) == 0) && ok;
  ok = (::fsync(fd) == 0) && ok;
  ok = (::close(fd) == 0) && ok;
  if (!ok || std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::remove(tmp.c_str());
    return Status::IoError(fmt::format("cannot write {} (disk full or no permission?)", path));
  }
  return Status::Ok();
}

}  // namespace kashf
