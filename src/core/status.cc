#include "kashf/core/status.h"

#include <fmt/format.h>

namespace kashf {

std::string_view StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return "ok";
    case StatusCode::kInvalidArgument: return "invalid argument";
    case StatusCode::kNotFound: return "not found";
    case StatusCode::kAlreadyExists: return "already exists";
    case StatusCode::kFailedPrecondition: return "failed precondition";
    case StatusCode::kPermissionDenied: return "permission denied";
    case StatusCode::kIoError: return "I/O error";
    case StatusCode::kCorruption: return "corruption";
    case StatusCode::kCancelled: return "cancelled";
    case StatusCode::kUnimplemented: return "not implemented";
    case StatusCode::kInternal: return "internal error";
  }
  return "unknown";
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  return fmt::format("{}: {}", StatusCodeName(code_), message_);
}

Status Status::WithContext(std::string_view context) const {
  if (ok()) return *this;
  return Status(code_, fmt::format("{}: {}", context, message_));
}

int ExitCodeFor(const Status& status) {
  switch (status.code()) {
    case StatusCode::kOk: return 0;
    // Fix the input or the command line; AlreadyExists is e.g. a key file that exists: choose
    // another path (not a bug).
    case StatusCode::kInvalidArgument:
    case StatusCode::kAlreadyExists: return 2;
    case StatusCode::kNotFound: return 3;
    case StatusCode::kPermissionDenied: return 4;
    case StatusCode::kIoError: return 5;
    case StatusCode::kCancelled: return 130;  // like a shell's SIGINT exit
    case StatusCode::kFailedPrecondition: return 6;
    case StatusCode::kCorruption: return 7;
    default: return 1;
  }
}

}  // namespace kashf
