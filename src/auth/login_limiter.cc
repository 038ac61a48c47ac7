#include "kashf/auth/login_limiter.h"

#include <algorithm>
#include <utility>

namespace kashf::auth {

LoginLimiter::Attempt::Attempt(Attempt&& other) noexcept
    : limiter_(std::exchange(other.limiter_, nullptr)),
      key_(std::move(other.key_)),
      now_(other.now_),
      retry_after_(other.retry_after_) {}

LoginLimiter::Attempt::~Attempt() {
  if (limiter_) limiter_->Settle(key_, now_, Verdict::kNone);
}

void LoginLimiter::Attempt::Failed() {
  if (limiter_) std::exchange(limiter_, nullptr)->Settle(key_, now_, Verdict::kFailure);
}

void LoginLimiter::Attempt::Succeeded() {
  if (limiter_) std::exchange(limiter_, nullptr)->Settle(key_, now_, Verdict::kSuccess);
}

void LoginLimiter::Expire(std::deque<int64_t>& failures, int64_t now) const {
  while (!failures.empty() && failures.front() <= now - window_) failures.pop_front();
}

LoginLimiter::Attempt LoginLimiter::Reserve(const std::string& key, int64_t now) {
  MutexLock lock(mu_);
  KeyState& k = keys_[key];
  Expire(k.failures, now);
  const int used = static_cast<int>(k.failures.size()) + k.in_flight;
  if (used >= max_) {
    // Full of failures: wait for the oldest to leave the window; full of attempts in flight: they
    // settle within a password check, so ask to retry in a second.
    int64_t wait = static_cast<int>(k.failures.size()) >= max_ && max_ > 0 ? k.failures.front() + window_ - now : 1;
    if (k.in_flight == 0 && k.failures.empty()) keys_.erase(key);
    return Attempt(nullptr, key, now, std::max<int64_t>(wait, 1));
  }
  ++k.in_flight;
  // Bound memory under a flood of distinct keys: drop keys with nothing in flight and no failure left.
  if (keys_.size() > 100000)
    std::erase_if(keys_, [&](const auto& kv) {
      return kv.second.in_flight == 0 && (kv.second.failures.empty() || kv.second.failures.back() <= now - window_);
    });
  return Attempt(this, key, now, 0);
}

void LoginLimiter::Settle(const std::string& key, int64_t now, Verdict verdict) {
  MutexLock lock(mu_);
  auto it = keys_.find(key);
  if (it == keys_.end()) return;  // not reachable: a reserved key is never dropped while in flight
  KeyState& k = it->second;
  --k.in_flight;
  if (verdict == Verdict::kSuccess) k.failures.clear();
  if (verdict == Verdict::kFailure) {
    Expire(k.failures, now);
    k.failures.insert(std::upper_bound(k.failures.begin(), k.failures.end(), now),
                      now);  // attempts settle out of order
    while (static_cast<int>(k.failures.size()) > max_) k.failures.pop_front();
  }
  if (k.in_flight == 0 && k.failures.empty()) keys_.erase(it);
}

}  // namespace kashf::auth
