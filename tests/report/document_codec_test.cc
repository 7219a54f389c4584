// CompressDocument / ExpandDocument: kept report documents round-trip, shrink, and bytes that are
// not a document we kept are refused as data loss rather than answered.
#include "report/internal/document_codec.h"

#include <string>

#include <gtest/gtest.h>

namespace credo::report::internal {
namespace {

std::string SampleReportJson() {
  // Shaped like a person report: repeated sections with the same keys, as real ones are.
  std::string json = R"({"report":{"kind":"person","lang":"zh"},"tradelines":[)";
  for (int i = 0; i < 40; ++i) {
    if (i > 0) json += ",";
    json += R"({"furnisher":"bank_a","account":"****)" + std::to_string(1000 + i) +
            R"(","status":"current","balance_minor":)" + std::to_string(125000 + i * 37) +
            R"(,"payment_grid":"000000000000000000000000"})";
  }
  json += "]}";
  return json;
}

TEST(DocumentCodecTest, RoundTripsAndShrinksAReport) {
  const std::string json = SampleReportJson();
  const std::string kept = CompressDocument(json);
  EXPECT_LT(kept.size() * 3, json.size()) << "a report's JSON should compress at least 3:1";
  auto back = ExpandDocument(kept, "issued report 7");
  ASSERT_TRUE(back.ok()) << back.error().ToString();
  EXPECT_EQ(*back, json);
}

TEST(DocumentCodecTest, EmptyAndTinyDocumentsRoundTrip) {
  for (const std::string& json : {std::string(), std::string("{}"), std::string("{\"a\":1}")}) {
    auto back = ExpandDocument(CompressDocument(json), "issued report 1");
    ASSERT_TRUE(back.ok()) << back.error().ToString();
    EXPECT_EQ(*back, json);
  }
}

TEST(DocumentCodecTest, PlainJsonKeptBeforeCompressionIsReadAsItIs) {
  const std::string json = SampleReportJson();
  auto back = ExpandDocument(json, "issued report 3");
  ASSERT_TRUE(back.ok()) << back.error().ToString();
  EXPECT_EQ(*back, json);
}

TEST(DocumentCodecTest, ADamagedFrameIsDataLossNamingTheReport) {
  std::string kept = CompressDocument(SampleReportJson());
  ASSERT_GT(kept.size(), 20u);
  // Cut short: the header still claims the full size.
  auto cut = ExpandDocument(std::string_view(kept).substr(0, kept.size() / 2), "issued report 9");
  ASSERT_FALSE(cut.ok());
  EXPECT_EQ(cut.error().code, ErrorCode::kDataLoss);
  EXPECT_NE(cut.error().message.find("issued report 9"), std::string::npos) << cut.error().ToString();
  // Bytes flipped in the compressed body.
  std::string flipped = kept;
  for (size_t i = 12; i < flipped.size(); i += 7) flipped[i] = static_cast<char>(flipped[i] ^ 0x5A);
  auto damaged = ExpandDocument(flipped, "issued report 9");
  ASSERT_FALSE(damaged.ok()) << "the frame's content checksum catches what decompresses wrongly";
  EXPECT_EQ(damaged.error().code, ErrorCode::kDataLoss);
  // Only the magic number.
  auto magic = ExpandDocument(std::string("\x28\xB5\x2F\xFD", 4), "issued report 9");
  ASSERT_FALSE(magic.ok());
  EXPECT_EQ(magic.error().code, ErrorCode::kDataLoss);
}

}  // namespace
}  // namespace credo::report::internal
