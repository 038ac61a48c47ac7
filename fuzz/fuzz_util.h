// Shared by the libFuzzer harnesses (docs/security.md, "Fuzzing"): the fuzz input as a file the
// readers can open by path, a scratch directory, and aborting on a setup failure.
#pragma once
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>

#include "kashf/core/result.h"

namespace kashf::fuzz {

// One in-memory file (memfd) rewritten for every input; path() opens it like any file.
class MemFile {
 public:
  MemFile() : fd_(memfd_create("kashf-fuzz", 0)) {
    if (fd_ < 0) std::abort();
  }
  ~MemFile() { close(fd_); }
  // Replaces the content; returns the path ("/proc/self/fd/N").
  const std::string& Write(const uint8_t* data, size_t size) {
    if (ftruncate(fd_, 0) != 0 || pwrite(fd_, data, size, 0) != static_cast<ssize_t>(size)) std::abort();
    return path_;
  }

 private:
  int fd_;
  std::string path_ = "/proc/self/fd/" + std::to_string(fd_);
};

// A fresh directory under $TMPDIR (or /tmp) for a harness's store, made once per process and
// removed when the fuzzer exits normally (a crash leaves it for inspection).
inline std::string ScratchDir(const char* name) {
  const char* tmp = std::getenv("TMPDIR");
  static std::string dir = std::string(tmp && *tmp ? tmp : "/tmp") + "/kashf-fuzz-" + name + "-XXXXXX";
  if (!mkdtemp(dir.data())) std::abort();
  std::atexit([] { std::filesystem::remove_all(dir); });
  return dir;
}

// Setup must not fail: a harness that cannot build its world would fuzz nothing.
template <typename T>
T Must(Result<T> r, const char* what) {
  if (!r.ok()) {
    std::fprintf(stderr, "fuzz setup failed: %s: %s\n", what, r.status().ToString().c_str());
    std::abort();
  }
  return std::move(r).value();
}

inline void MustOk(const Status& s, const char* what) {
  if (!s.ok()) {
    std::fprintf(stderr, "fuzz setup failed: %s: %s\n", what, s.ToString().c_str());
    std::abort();
  }
}

}  // namespace kashf::fuzz
