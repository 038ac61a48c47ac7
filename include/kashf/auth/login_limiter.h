// Brake on password guessing: after `max_failures` failed logins within `window` seconds for the
// same key (a user name, or a client address), further attempts for that key are refused until the
// oldest failure leaves the window (OWASP Authentication Cheat Sheet, "account lockout" with a
// time-based release). A success clears the key. Kept in memory: a restart forgets it.
// The brake is atomic: an attempt reserves a slot (Reserve) before the password is checked, and
// attempts still in flight count against the allowance like failures, so N parallel guesses run at
// most `max_failures` password checks, never "check, then count" with a gap between.
// Thread safety: all methods may be called from several threads.
#pragma once
#include <cstdint>
#include <deque>
#include <string>
#include <unordered_map>

#include "kashf/core/thread_annotations.h"

namespace kashf::auth {

class LoginLimiter {
 public:
  explicit LoginLimiter(int max_failures = 5, int64_t window_seconds = 900)
      : max_(max_failures), window_(window_seconds) {}

  // One reserved attempt. Granted: the caller may check the password, then says how it went with
  // Failed() or Succeeded(); an attempt dropped without a verdict (an error on the way) just frees
  // its slot. Refused: retry_after() > 0 seconds, and nothing is to be checked.
  class Attempt {
   public:
    Attempt(Attempt&& other) noexcept;
    Attempt& operator=(Attempt&&) = delete;
    ~Attempt();
    bool granted() const { return limiter_ != nullptr; }
    int64_t retry_after() const { return retry_after_; }
    void Failed();     // counts as a failure at the time of the reservation
    void Succeeded();  // clears the key's failures

   private:
    friend class LoginLimiter;
    Attempt(LoginLimiter* limiter, std::string key, int64_t now, int64_t retry_after)
        : limiter_(limiter), key_(std::move(key)), now_(now), retry_after_(retry_after) {}
    LoginLimiter* limiter_;  // null when refused or once settled
    std::string key_;
    int64_t now_;
    int64_t retry_after_;
  };

  // Takes one slot of `key`'s allowance at `now` when failures plus attempts in flight are below
  // the limit; otherwise a refused Attempt saying how long to wait.
  Attempt Reserve(const std::string& key, int64_t now) EXCLUDES(mu_);

 private:
  struct KeyState {
    std::deque<int64_t> failures;  // times, oldest first, at most max_
    int in_flight = 0;
  };
  enum class Verdict { kNone, kFailure, kSuccess };
  void Settle(const std::string& key, int64_t now, Verdict verdict) EXCLUDES(mu_);
  void Expire(std::deque<int64_t>& failures, int64_t now) const;

  const int max_;
  const int64_t window_;
  Mutex mu_;
  std::unordered_map<std::string, KeyState> keys_ GUARDED_BY(mu_);
};

}  // namespace kashf::auth
