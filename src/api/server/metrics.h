// credo api/server: the server's counters in the Prometheus text format (version 0.0.4).
//
// credo_http_requests_total{method,route,status}: requests by route template (never the raw
// path, which may carry ids) and status; credo_http_request_duration_seconds: a latency
// histogram per route template; named counters the routes add (batches uploaded, records
// ingested, reports issued ...); and gauges computed when scraped (the store's row counts, which
// include batches, quarantine and, once the monitor module has them, alerts). Thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>
#include <vector>

namespace credo::api {

class Metrics {
 public:
  //! Upper bounds (seconds) of the latency histogram buckets.
  static constexpr std::array<double, 12> kLatencyBuckets = {
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5};

  struct Gauge {
    std::string name;
    std::string help;
    std::vector<std::pair<std::string, double>> samples;  //!< label set text -> value
  };

  void RecordRequest(const std::string& method, const std::string& route, int status,
                     double seconds);
  //! Adds `value` to the counter `name` with `labels` (`key="value",...` text, may be empty).
  void AddCounter(const std::string& name, const std::string& help, const std::string& labels,
                  double value = 1);
  //! The whole exposition text, with `gauges` computed by the caller for this scrape.
  std::string Render(const std::vector<Gauge>& gauges = {}) const;

  //! Requests counted for (route, status) so far (tests).
  int64_t RequestCount(const std::string& route, int status) const;

 private:
  struct Histogram {
    std::array<int64_t, kLatencyBuckets.size()> buckets{};
    int64_t count = 0;
    double sum = 0;
  };
  struct Counter {
    std::string help;
    std::map<std::string, double> by_labels;
  };
  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, int>, int64_t> requests_;
  std::map<std::string, Histogram> latency_;
  std::map<std::string, Counter> counters_;
};

//! Escapes a label value for the exposition format (backslash, quote, newline).
std::string EscapeLabel(const std::string& value);

}  // namespace credo::api
