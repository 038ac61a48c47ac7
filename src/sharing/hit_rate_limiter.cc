#include "kashf/sharing/hit_rate_limiter.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "kashf/core/new_file.h"

namespace kashf::sharing {

HitRateLimiter::HitRateLimiter(const HitRateLimiter& other) : options_(other.options_) {
  MutexLock lock(other.mu_);
  buckets_ = other.buckets_;
}

Status HitRateLimiter::Take(std::string_view bucket, double n, double now, double* retry_after) {
  if (retry_after) *retry_after = 0;
  const double per_second = options_.refill_per_day / 86400.0;
  MutexLock lock(mu_);
  auto it = buckets_.find(bucket);
  if (it == buckets_.end()) it = buckets_.emplace(std::string(bucket), Bucket{options_.capacity, now}).first;
  Bucket& b = it->second;
  // A clock that went back refills nothing (and never adds tokens).
  if (now > b.at) b.tokens = std::min(options_.capacity, b.tokens + (now - b.at) * per_second);
  b.at = std::max(b.at, now);
  if (n <= b.tokens) {
    b.tokens -= n;
    return Status::Ok();
  }
  if (n > options_.capacity) {
    if (retry_after) *retry_after = INFINITY;
    return Status::FailedPrecondition(
        fmt::format("{} selectors in one request exceed the hit/no-hit limit of {} per burst; split the request", n,
                    options_.capacity));
  }
  const double wait = per_second > 0 ? std::ceil((n - b.tokens) / per_second) : INFINITY;
  if (retry_after) *retry_after = wait;
  return Status::FailedPrecondition(
      fmt::format("hit/no-hit rate limit: {} selectors asked, {} left now (refill {} a day); try again in {} seconds",
                  n, std::floor(b.tokens), options_.refill_per_day, wait));
}

std::string HitRateLimiter::ToJson() const {
  nlohmann::ordered_json buckets = nlohmann::ordered_json::object();
  MutexLock lock(mu_);
  for (const auto& [name, b] : buckets_) buckets[name] = {{"tokens", b.tokens}, {"at", b.at}};
  return nlohmann::ordered_json{{"kashf_hit_limits", 1}, {"buckets", buckets}}.dump(1) + "\n";
}

Result<HitRateLimiter> HitRateLimiter::FromJson(std::string_view json, HitRateOptions options) {
  const auto j = nlohmann::json::parse(json, nullptr, false);
  const Status bad = Status::InvalidArgument(
      "the hit/no-hit rate-limit state is damaged; delete it to start afresh "
      "(every partner then starts with a full bucket)");
  if (!j.is_object() || !j.contains("buckets") || !j["buckets"].is_object()) return bad;
  std::map<std::string, Bucket, std::less<>> buckets;
  for (const auto& [name, b] : j["buckets"].items()) {
    if (!b.is_object() || !b.contains("tokens") || !b["tokens"].is_number() || !b.contains("at") ||
        !b["at"].is_number())
      return bad;
    buckets[name] = Bucket{std::clamp(b["tokens"].get<double>(), 0.0, options.capacity), b["at"].get<double>()};
  }
  HitRateLimiter limiter(options);
  {
    MutexLock lock(limiter.mu_);
    limiter.buckets_ = std::move(buckets);
  }
  return limiter;
}

Result<HitRateLimiter> HitRateLimiter::Load(const std::string& path, HitRateOptions options) {
  std::ifstream in(path);
  if (!in) return HitRateLimiter(options);
  std::stringstream ss;
  ss << in.rdbuf();
  return FromJson(ss.str(), options);
}

Status HitRateLimiter::Save(const std::string& path) const { return ReplaceFile(path, ToJson(), 0600); }

}  // namespace kashf::sharing
