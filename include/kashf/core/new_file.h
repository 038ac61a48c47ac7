// Creating a file that must not exist yet (key files: a key is never overwritten).
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

}  // namespace kashf
