// Brake on password guessing: after `max_failures` failed logins within `window` seconds for the
// same key (a user name, or a client address), further attempts for that key are refused until the
// oldest failure leaves the window (OWASP Authentication Cheat Sheet, "account lockout" with a
// time-based release). A success clears the key. Kept in memory: a restart forgets it.
// Thread safety: all methods may be called from several threads.
#pragma once
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

namespace kashf::auth {

class LoginLimiter {
 public:
  LoginLimiter(int max_failures = 5, int64_t window_seconds = 900) : max_(max_failures), window_(window_seconds) {}

  // 0 when an attempt for `key` may go ahead at `now`, else the seconds to wait.
  int64_t RetryAfter(const std::string& key, int64_t now);
  void RecordFailure(const std::string& key, int64_t now);
  void RecordSuccess(const std::string& key);

 private:
  void Expire(std::deque<int64_t>& failures, int64_t now) const;
  int max_;
  int64_t window_;
  std::mutex mu_;
  std::unordered_map<std::string, std::deque<int64_t>> failures_;
};

}  // namespace kashf::auth
