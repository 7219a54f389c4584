#include "api/server/rate_limiter.h"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace credo::api {

RateLimiter::RateLimiter(RateLimit limit, TimeSource now) : limit_(limit), now_(std::move(now)) {
  if (!now_) {
    now_ = [] {
      return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
          .count();
    };
  }
  limit_.burst = std::max(1.0, limit_.burst);
}

RateDecision RateLimiter::Take(int64_t key) {
  RateDecision decision;
  if (limit_.rate_per_second <= 0) return decision;
  double now = now_();
  std::lock_guard<std::mutex> lock(mutex_);
  auto [it, inserted] = buckets_.try_emplace(key, Bucket{limit_.burst, now});
  Bucket& bucket = it->second;
  if (!inserted) {
    double elapsed = std::max(0.0, now - bucket.updated);
    bucket.tokens = std::min(limit_.burst, bucket.tokens + elapsed * limit_.rate_per_second);
    bucket.updated = now;
  }
  if (bucket.tokens >= 1.0) {
    bucket.tokens -= 1.0;
    decision.remaining = bucket.tokens;
    return decision;
  }
  decision.allowed = false;
  double wait = (1.0 - bucket.tokens) / limit_.rate_per_second;
  decision.retry_after_seconds = std::max(1, static_cast<int>(std::ceil(wait)));
  return decision;
}

}  // namespace credo::api
