// Creating a file that must not exist yet (key files: a key is never overwritten), and replacing a
// file so that a reader never sees half of it.
#pragma once
#include <sys/types.h>

#include <string>
#include <string_view>

#include "kashf/core/status.h"

namespace kashf {

// Creates `path` with `content` and permission bits `mode` (O_CREAT | O_EXCL, then fchmod so the
// umask cannot widen or narrow them), flushed to disk before it returns. Never replaces a file:
// AlreadyExists when `path` exists (nothing written), IoError when it cannot be created or written.
// Messages name the path only, never the content.
Status CreateNewFile(const std::string& path, std::string_view content, mode_t mode);

// CreateNewFile for a key file: AlreadyExists says that Kashf never overwrites a key.
Status CreateNewKeyFile(const std::string& path, std::string_view content, mode_t mode);
// The same AlreadyExists when `path` exists, Ok otherwise: checked before writing a pair of key
// files, so neither is written when the second could not be.
Status RequireNoKeyFile(const std::string& path);

// Writes `content` to `path` through a temporary file in the same folder (`path`.tmp, mode `mode`),
// flushed to disk, then renamed over `path` (rename(2) is atomic within one file system): a reader
// sees the old file or the new one, never half of either. IoError naming the file otherwise.
Status ReplaceFile(const std::string& path, std::string_view content, mode_t mode);

}  // namespace kashf
