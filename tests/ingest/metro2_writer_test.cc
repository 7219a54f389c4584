// Writer: whole files with computed trailers, in every physical format, read back equal.
#include "ingest/metro2/writer.h"

#include <gtest/gtest.h>

#include <sstream>

#include "metro2_test_util.h"

namespace credo::metro2 {
namespace {

using testing::ValidRecord;

DataRecord RecordWithAppendages() {
  DataRecord record = ValidRecord(7);
  J1Segment j1;
  j1.surname = "DOE";
  j1.first_name = "JOHN";
  j1.ecoa_code = "2";
  j1.social_security_number = 223456789;
  record.j1.push_back(j1);
  J2Segment j2;
  j2.surname = "ROE";
  j2.first_name = "RICHARD";
  j2.ecoa_code = "Z";
  j2.date_of_birth = {2291980};
  j2.first_line_of_address = "9 OAK AVE";
  j2.city = "PEORIA";
  j2.state = "IL";
  j2.postal_zip_code = "61602";
  record.j2.push_back(j2);
  K1Segment k1;
  k1.original_creditor_name = "FIRST CARD";
  k1.creditor_classification = 2;
  record.k1 = k1;
  K4Segment k4;
  k4.specialized_payment_indicator = 1;
  k4.balloon_payment_due_date = {6012030};
  k4.balloon_payment_amount = 25000;
  record.k4 = k4;
  N1Segment n1;
  n1.employer_name = "ACME";
  n1.occupation = "WELDER";
  record.n1 = n1;
  return record;
}

TEST(Metro2Writer, TrailerTotalsComeFromTheRecordsWritten) {
  std::ostringstream out;
  Writer writer(out);
  ASSERT_TRUE(writer.WriteHeader(testing::ValidHeader()).ok());
  ASSERT_TRUE(writer.WriteData(ValidRecord(1)).ok());
  ASSERT_TRUE(writer.WriteData(RecordWithAppendages()).ok());
  auto trailer = writer.Finish();
  ASSERT_TRUE(trailer.ok());
  EXPECT_EQ(trailer->total_base_records, 2);
  EXPECT_EQ(trailer->block_count, 4);
  EXPECT_EQ(trailer->total_status_code_11, 2);
  EXPECT_EQ(trailer->total_consumer_segments_j1, 1);
  EXPECT_EQ(trailer->total_consumer_segments_j2, 1);
  EXPECT_EQ(trailer->total_ecoa_code_z, 1);
  EXPECT_EQ(trailer->total_original_creditor_segments, 1);
  EXPECT_EQ(trailer->total_specialized_payment_segments, 1);
  EXPECT_EQ(trailer->total_employment_segments, 1);
  EXPECT_EQ(trailer->total_ssns_all_segments, 3);
  EXPECT_EQ(trailer->total_ssns_base_segments, 2);
  EXPECT_EQ(trailer->total_ssns_j1_segments, 1);
  EXPECT_EQ(trailer->total_dates_of_birth_all_segments, 3);
  EXPECT_EQ(trailer->total_dates_of_birth_j2_segments, 1);
  EXPECT_EQ(trailer->total_telephone_numbers_all_segments, 2);
  // 426 + 1, 426 + 1, (426 + 100 + 200 + 34 + 30 + 146) + 1, 426 + 1
  EXPECT_EQ(out.str().size(), 427u * 3 + 937u);
  std::vector<Issue> issues = testing::ValidateBytes(out.str());
  EXPECT_TRUE(issues.empty()) << issues.size() << " " << issues[0].ToString();
}

TEST(Metro2Writer, EveryPhysicalFormatReadsBackEqual) {
  std::vector<DataRecord> records = {ValidRecord(1), RecordWithAppendages(), ValidRecord(3)};
  const FileFormat formats[] = {
      {PhysicalFormat::kCharacter, PackedDialect::kMoovBinary, 0x0C, false},
      {PhysicalFormat::kCharacter, PackedDialect::kMoovBinary, 0x0C, true},
      {PhysicalFormat::kPacked, PackedDialect::kMoovBinary, 0x0C, true},
      {PhysicalFormat::kPacked, PackedDialect::kPackedDecimal, 0x0C, true},
      {PhysicalFormat::kPacked, PackedDialect::kPackedDecimal, 0x0F, false},
  };
  for (LineTerminator terminator : {LineTerminator::kNone, LineTerminator::kLf}) {
    for (const FileFormat& format : formats) {
      WriterOptions options;
      options.line_terminator = terminator;
      options.fixed_record_length = format.format == PhysicalFormat::kCharacter ? 1000 : 0;
      std::string bytes = testing::WriteFile(records, format, options);
      ASSERT_FALSE(bytes.empty());
      testing::KeepingSink sink;
      auto reader = Reader::FromMemory(bytes);
      std::vector<DataRecord> read;
      while (reader->Next(sink)) {
        if (reader->kind() == RecordKind::kData) read.push_back(reader->data());
      }
      EXPECT_EQ(reader->format(), format);
      EXPECT_EQ(read, records);
      EXPECT_TRUE(sink.issues.empty()) << sink.Dump();
      std::vector<Issue> issues = testing::ValidateBytes(bytes);
      EXPECT_TRUE(issues.empty()) << issues.size() << " " << (issues.empty() ? "" : issues[0].ToString());
    }
  }
}

TEST(Metro2Writer, RefusesValuesThatDoNotFit) {
  DataRecord record = ValidRecord();
  record.base.current_balance = 1000000000;  // 10 digits in a 9-digit field
  std::string out;
  Status status = EncodeData(record, {}, {}, &out);
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().message.find("current_balance"), std::string::npos);
  record.base.current_balance = -5;
  EXPECT_FALSE(EncodeData(record, {}, {}, &out).ok());
}

TEST(Metro2Writer, EnforcesTheRecordOrder) {
  std::ostringstream out;
  Writer writer(out);
  EXPECT_FALSE(writer.WriteData(ValidRecord()).ok());
  EXPECT_FALSE(writer.Finish().ok());
  ASSERT_TRUE(writer.WriteHeader(testing::ValidHeader()).ok());
  EXPECT_FALSE(writer.WriteHeader(testing::ValidHeader()).ok());
  ASSERT_TRUE(writer.Finish().ok());
  EXPECT_FALSE(writer.WriteData(ValidRecord()).ok());
}

}  // namespace
}  // namespace credo::metro2
