#include "api/server/metrics.h"

#include <cstdio>
#include <sstream>

namespace credo::api {

std::string EscapeLabel(const std::string& value) {
  std::string out;
  for (char c : value) {
    if (c == '\\') out += "\\\\";
    else if (c == '"') out += "\\\"";
    else if (c == '\n') out += "\\n";
    else out += c;
  }
  return out;
}

void Metrics::RecordRequest(const std::string& method, const std::string& route, int status,
                            double seconds) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++requests_[{method, route, status}];
  Histogram& histogram = latency_[route];
  for (size_t i = 0; i < kLatencyBuckets.size(); ++i) {
    if (seconds <= kLatencyBuckets[i]) ++histogram.buckets[i];
  }
  ++histogram.count;
  histogram.sum += seconds;
}

void Metrics::AddCounter(const std::string& name, const std::string& help,
                         const std::string& labels, double value) {
  std::lock_guard<std::mutex> lock(mutex_);
  Counter& counter = counters_[name];
  if (counter.help.empty()) counter.help = help;
  counter.by_labels[labels] += value;
}

int64_t Metrics::RequestCount(const std::string& route, int status) const {
  std::lock_guard<std::mutex> lock(mutex_);
  int64_t total = 0;
  for (const auto& [key, count] : requests_) {
    if (std::get<1>(key) == route && std::get<2>(key) == status) total += count;
  }
  return total;
}

namespace {

std::string Number(double value) {
  char text[64];
  std::snprintf(text, sizeof(text), "%.15g", value);
  return text;
}

}  // namespace

std::string Metrics::Render(const std::vector<Gauge>& gauges) const {
  std::ostringstream out;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    out << "# HELP credo_http_requests_total HTTP requests by method, route template and status.\n"
        << "# TYPE credo_http_requests_total counter\n";
    for (const auto& [key, count] : requests_) {
      const auto& [method, route, status] = key;
      out << "credo_http_requests_total{method=\"" << EscapeLabel(method) << "\",route=\""
          << EscapeLabel(route) << "\",status=\"" << status << "\"} " << count << "\n";
    }
    out << "# HELP credo_http_request_duration_seconds Time from request read to response "
           "ready, by route template.\n"
        << "# TYPE credo_http_request_duration_seconds histogram\n";
    for (const auto& [route, histogram] : latency_) {
      std::string label = "route=\"" + EscapeLabel(route) + "\"";
      for (size_t i = 0; i < kLatencyBuckets.size(); ++i) {
        out << "credo_http_request_duration_seconds_bucket{" << label << ",le=\""
            << Number(kLatencyBuckets[i]) << "\"} " << histogram.buckets[i] << "\n";
      }
      out << "credo_http_request_duration_seconds_bucket{" << label << ",le=\"+Inf\"} "
          << histogram.count << "\n"
          << "credo_http_request_duration_seconds_sum{" << label << "} "
          << Number(histogram.sum) << "\n"
          << "credo_http_request_duration_seconds_count{" << label << "} " << histogram.count
          << "\n";
    }
    for (const auto& [name, counter] : counters_) {
      out << "# HELP " << name << " " << counter.help << "\n# TYPE " << name << " counter\n";
      for (const auto& [labels, value] : counter.by_labels) {
        out << name << (labels.empty() ? "" : "{" + labels + "}") << " " << Number(value) << "\n";
      }
    }
  }
  {
    for (const Gauge& gauge : gauges) {
      out << "# HELP " << gauge.name << " " << gauge.help << "\n# TYPE " << gauge.name
          << " gauge\n";
      for (const auto& [labels, value] : gauge.samples) {
        out << gauge.name << (labels.empty() ? "" : "{" + labels + "}") << " " << Number(value)
            << "\n";
      }
    }
  }
  return out.str();
}

}  // namespace credo::api
