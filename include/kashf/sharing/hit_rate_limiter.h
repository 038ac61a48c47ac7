// HitRateLimiter: a token bucket per partner agency (and direction) for hit/no-hit queries, so that
// a partner — or an insider on the asking side — cannot run a dictionary of selectors through the
// OPRF: each selector evaluated costs one token, a bucket holds at most `capacity` tokens and
// refills at `refill_per_day`. A request that needs more tokens than are left is refused whole
// (nothing is evaluated) with the time after which it would pass; a flood is therefore slowed to
// the refill rate, never answered faster. Defaults and the cost of a CNIC dictionary through them:
// docs/sharing.md ("Threat model").
// The state is a small JSON file beside the agency key (`KEY.hit-limits`), replaced atomically, so
// limits survive restarts; no store table is needed.
// Thread safety: Take() may be called from several threads (one mutex); Save() copies under it.
#pragma once
#include <map>
#include <string>
#include <string_view>

#include "kashf/core/result.h"
#include "kashf/core/thread_annotations.h"

namespace kashf::sharing {

struct HitRateOptions {
  double capacity = 500;         // tokens (selectors) a partner may ask in one burst
  double refill_per_day = 1000;  // tokens added per day, up to capacity
};

class HitRateLimiter {
 public:
  explicit HitRateLimiter(HitRateOptions options = {}) : options_(options) {}
  HitRateLimiter(const HitRateLimiter& other);
  HitRateLimiter& operator=(const HitRateLimiter&) = delete;

  // Takes `n` tokens from `bucket` (e.g. "answer:fia-ahtc-lahore") at time `now` (Unix seconds).
  // Ok when they were there; otherwise FailedPrecondition saying how many are left and in how many
  // seconds `n` will be (or that `n` exceeds the capacity), and nothing is taken. `retry_after`
  // (if given) receives those seconds (0 on success).
  Status Take(std::string_view bucket, double n, double now, double* retry_after = nullptr) EXCLUDES(mu_);

  // The state as JSON and back (unknown buckets start full).
  std::string ToJson() const EXCLUDES(mu_);
  static Result<HitRateLimiter> FromJson(std::string_view json, HitRateOptions options);
  // Reads `path` (a missing file is a fresh limiter) / writes it atomically (mode 0600).
  static Result<HitRateLimiter> Load(const std::string& path, HitRateOptions options);
  Status Save(const std::string& path) const EXCLUDES(mu_);

  const HitRateOptions& options() const { return options_; }

 private:
  struct Bucket {
    double tokens = 0;
    double at = 0;  // when `tokens` was last brought up to date
  };
  const HitRateOptions options_;
  mutable Mutex mu_;
  std::map<std::string, Bucket, std::less<>> buckets_ GUARDED_BY(mu_);
};

}  // namespace kashf::sharing
