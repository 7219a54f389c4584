// credo api/server: per-API-key rate limits (token buckets).
//
// Each key has a bucket of `burst` tokens refilled at `rate_per_second`; a request takes one
// token or is refused with the whole seconds until a token is back (the Retry-After value).
// The time source is injected (monotonic seconds) so tests drive it by hand. Thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <unordered_map>

namespace credo::api {

struct RateLimit {
  double rate_per_second = 50;  //!< sustained requests per second per key; <= 0: unlimited
  double burst = 100;           //!< bucket size (requests allowed at once)
};

struct RateDecision {
  bool allowed = true;
  int retry_after_seconds = 0;  //!< when refused: seconds until one request is allowed again
  double remaining = 0;         //!< tokens left after this request
};

class RateLimiter {
 public:
  using TimeSource = std::function<double()>;
  //! `now` returns monotonic seconds; empty: std::chrono::steady_clock.
  explicit RateLimiter(RateLimit limit, TimeSource now = {});

  //! Takes one token from `key`'s bucket.
  RateDecision Take(int64_t key);
  const RateLimit& limit() const { return limit_; }

 private:
  struct Bucket {
    double tokens = 0;
    double updated = 0;
  };
  RateLimit limit_;
  TimeSource now_;
  std::mutex mutex_;
  std::unordered_map<int64_t, Bucket> buckets_;
};

}  // namespace credo::api
