// Status: the error value returned across the Kashf library boundary (LevelDB/Abseil style).
// Contract: a Status is either ok() or carries a code and a message written for the person who
// must act on it (what failed, where, and what to do). Messages never contain victim identities.
#pragma once
#include <string>
#include <string_view>
#include <utility>

namespace kashf {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,  // the caller gave something malformed (bad mapping, bad flag, bad value)
  kNotFound,         // a named file, entity, dataset ... does not exist
  kAlreadyExists,
  kFailedPrecondition,  // the system is not in a state that allows this (e.g. store not initialised)
  kPermissionDenied,
  kIoError,     // the operating system refused a read or write
  kCorruption,  // stored data is not what it should be
  kCancelled,   // the user interrupted (Ctrl-C)
  kUnimplemented,
  kInternal,  // a bug in Kashf
};

std::string_view StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return {}; }
  static Status InvalidArgument(std::string m) { return {StatusCode::kInvalidArgument, std::move(m)}; }
  static Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
  static Status AlreadyExists(std::string m) { return {StatusCode::kAlreadyExists, std::move(m)}; }
  static Status FailedPrecondition(std::string m) { return {StatusCode::kFailedPrecondition, std::move(m)}; }
  static Status PermissionDenied(std::string m) { return {StatusCode::kPermissionDenied, std::move(m)}; }
  static Status IoError(std::string m) { return {StatusCode::kIoError, std::move(m)}; }
  static Status Corruption(std::string m) { return {StatusCode::kCorruption, std::move(m)}; }
  static Status Cancelled(std::string m) { return {StatusCode::kCancelled, std::move(m)}; }
  static Status Unimplemented(std::string m) { return {StatusCode::kUnimplemented, std::move(m)}; }
  static Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // "invalid argument: <message>", or "ok".
  std::string ToString() const;
  // Returns a copy whose message is prefixed by `context: `.
  Status WithContext(std::string_view context) const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

// Process exit code for a CLI that failed with `status` (0 for ok; see README "Exit codes").
int ExitCodeFor(const Status& status);

}  // namespace kashf

#define KASHF_RETURN_IF_ERROR(expr)                \
  do {                                             \
    ::kashf::Status kashf_status_ = (expr);        \
    if (!kashf_status_.ok()) return kashf_status_; \
  } while (0)
