#include "kashf/auth/login_limiter.h"

namespace kashf::auth {

void LoginLimiter::Expire(std::deque<int64_t>& failures, int64_t now) const {
  while (!failures.empty() && failures.front() <= now - window_) failures.pop_front();
}

int64_t LoginLimiter::RetryAfter(const std::string& key, int64_t now) {
  std::lock_guard lock(mu_);
  auto it = failures_.find(key);
  if (it == failures_.end()) return 0;
  Expire(it->second, now);
  if (it->second.empty()) {
    failures_.erase(it);
    return 0;
  }
  if (static_cast<int>(it->second.size()) < max_) return 0;
  return it->second.front() + window_ - now;
}

void LoginLimiter::RecordFailure(const std::string& key, int64_t now) {
  std::lock_guard lock(mu_);
  auto& f = failures_[key];
  Expire(f, now);
  f.push_back(now);
  while (static_cast<int>(f.size()) > max_) f.pop_front();
  // Bound memory under a flood of distinct keys: drop keys whose failures have all expired.
  if (failures_.size() > 100000)
    std::erase_if(failures_, [&](const auto& kv) { return kv.second.empty() || kv.second.back() <= now - window_; });
}

void LoginLimiter::RecordSuccess(const std::string& key) {
  std::lock_guard lock(mu_);
  failures_.erase(key);
}

}  // namespace kashf::auth
