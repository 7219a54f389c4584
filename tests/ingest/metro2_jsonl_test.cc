// The JSON lines form round-trips every whole sample file byte for byte, and files with
// malformed fields too.
#include "ingest/metro2/jsonl.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sstream>

#include "metro2_test_util.h"

namespace credo::metro2 {
namespace {

std::string ToJsonLines(const std::string& bytes) {
  auto reader = Reader::FromMemory(bytes);
  std::ostringstream out;
  Status status = ConvertToJsonLines(*reader, out);
  EXPECT_TRUE(status.ok()) << status.error().ToString();
  return out.str();
}

std::string FromJsonLines(const std::string& lines) {
  std::istringstream in(lines);
  std::ostringstream out;
  Status status = ConvertFromJsonLines(in, out);
  EXPECT_TRUE(status.ok()) << status.error().ToString();
  return out.str();
}

TEST(Metro2JsonLines, RoundTripsEveryWholeSampleFileByteForByte) {
  for (const char* name : {"unpacked_fixed_file.dat", "unpacked_fixed_request.dat",
                           "packed_file.dat"}) {
    std::string bytes = testing::ReadFile(testing::SamplePath(name));
    ASSERT_FALSE(bytes.empty()) << name;
    std::string lines = ToJsonLines(bytes);
    EXPECT_EQ(std::count(lines.begin(), lines.end(), '\n'), 3) << name;
    EXPECT_EQ(FromJsonLines(lines), bytes) << name;
  }
}

TEST(Metro2JsonLines, OneReadableObjectPerRecord) {
  std::string lines = ToJsonLines(testing::ReadFile(testing::SamplePath("unpacked_fixed_file.dat")));
  std::istringstream in(lines);
  std::string line;
  std::getline(in, line);
  auto header = nlohmann::json::parse(line);
  EXPECT_EQ(header["record"], "header");
  EXPECT_EQ(header["file"]["format"], "character");
  EXPECT_EQ(header["rdw"], 470);
  EXPECT_EQ(header["padding"], 44);
  EXPECT_EQ(header["header"]["activity_date"], "2002-08-20");
  std::getline(in, line);
  auto data = nlohmann::json::parse(line);
  EXPECT_EQ(data["base"]["surname"], "SMITH-JONES");
  EXPECT_EQ(data["base"]["current_balance"], 2233);
  EXPECT_EQ(data["base"]["date_of_account_information"], "2002-09-20");
  EXPECT_EQ(data["j1"][0]["first_name"], "KEVIN");
  EXPECT_EQ(data["k3"]["mortgage_identification_number"], "Mortgage Number");
  EXPECT_FALSE(data.contains("raw"));
  std::getline(in, line);
  auto trailer = nlohmann::json::parse(line);
  EXPECT_EQ(trailer["trailer"]["total_base_records"], 1);
}

TEST(Metro2JsonLines, MalformedFieldsAndOddFramingStillRoundTrip) {
  std::vector<DataRecord> records = {testing::ValidRecord(1), testing::ValidRecord(2)};
  records[1].segment_order = {};  // default
  K1Segment k1;
  k1.original_creditor_name = "X";
  k1.creditor_classification = 1;
  records[0].k1 = k1;
  records[0].j1.emplace_back();
  records[0].segment_order = {SegmentKind::kK1, SegmentKind::kJ1};
  WriterOptions options;
  options.line_terminator = LineTerminator::kCrLf;
  std::string bytes = testing::WriteFile(records, {}, options);
  // A non-date, a letter in an amount, a non-ASCII byte in a name and junk after the segments.
  size_t base = 428 + 4;
  bytes.replace(base + 71, 8, "13452020");
  bytes[base + 152] = 'O';
  bytes[base + 229] = '\xC9';
  EXPECT_EQ(FromJsonLines(ToJsonLines(bytes)), bytes);

  FileFormat packed{PhysicalFormat::kPacked, PackedDialect::kPackedDecimal, 0x0C, true};
  std::string packed_bytes = testing::WriteFile(records, packed);
  packed_bytes[370 + 4 + 144 + 4] = '\x5A';  // a broken sign nibble in a packed date
  EXPECT_EQ(FromJsonLines(ToJsonLines(packed_bytes)), packed_bytes);
}

TEST(Metro2JsonLines, ErrorsNameTheLine) {
  std::istringstream in("{\"record\":\"header\"}\n{\"record\":\"data\",\"base\":{\"surnam\":\"X\"}}\n");
  std::ostringstream out;
  Status status = ConvertFromJsonLines(in, out);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().location, "line 2");
  EXPECT_NE(status.error().message.find("surnam"), std::string::npos);
}

TEST(Metro2JsonLines, RefusesAFileThatCannotBeFramed) {
  std::string bytes = testing::WriteFile({testing::ValidRecord()});
  bytes.resize(bytes.size() - 100);
  auto reader = Reader::FromMemory(bytes);
  std::ostringstream out;
  Status status = ConvertToJsonLines(*reader, out);
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().message.find("M2-005"), std::string::npos);
}

}  // namespace
}  // namespace credo::metro2
