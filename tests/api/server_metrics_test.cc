#include "api/server/metrics.h"

#include <gtest/gtest.h>

namespace credo::api {
namespace {

TEST(MetricsTest, RequestsByRouteTemplateAndStatusWithHistogram) {
  Metrics metrics;
  metrics.RecordRequest("GET", "/v1/reports/{id}", 200, 0.003);
  metrics.RecordRequest("GET", "/v1/reports/{id}", 200, 0.2);
  metrics.RecordRequest("GET", "/v1/reports/{id}", 404, 0.001);
  std::string text = metrics.Render();
  EXPECT_NE(text.find("credo_http_requests_total{method=\"GET\",route=\"/v1/reports/{id}\","
                      "status=\"200\"} 2"),
            std::string::npos);
  EXPECT_NE(text.find("status=\"404\"} 1"), std::string::npos);
  EXPECT_NE(text.find("credo_http_request_duration_seconds_bucket{route=\"/v1/reports/{id}\","
                      "le=\"0.005\"} 2"),
            std::string::npos);
  EXPECT_NE(text.find("le=\"+Inf\"} 3"), std::string::npos);
  EXPECT_NE(text.find("# TYPE credo_http_request_duration_seconds histogram"), std::string::npos);
  EXPECT_EQ(metrics.RequestCount("/v1/reports/{id}", 200), 2);
}

TEST(MetricsTest, CountersAndGauges) {
  Metrics metrics;
  metrics.AddCounter("credo_ingest_batches_total", "Batches.", "outcome=\"committed\"");
  metrics.AddCounter("credo_ingest_batches_total", "Batches.", "outcome=\"committed\"");
  std::string text = metrics.Render({{"credo_store_rows", "Rows.", {{"table=\"batches\"", 4}}}});
  EXPECT_NE(text.find("credo_ingest_batches_total{outcome=\"committed\"} 2"), std::string::npos);
  EXPECT_NE(text.find("# TYPE credo_store_rows gauge"), std::string::npos);
  EXPECT_NE(text.find("credo_store_rows{table=\"batches\"} 4"), std::string::npos);
}

TEST(MetricsTest, LabelsAreEscaped) {
  EXPECT_EQ(EscapeLabel("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
}

}  // namespace
}  // namespace credo::api
