// The reader on moov-io's sample files (character fixed, character one-per-line, packed
// variable-blocked) and on framing variants.
#include "ingest/metro2/reader.h"

#include <gtest/gtest.h>

#include <fstream>

#include "metro2_test_util.h"

namespace credo::metro2 {
namespace {

using testing::KeepingSink;
using testing::ReadFile;
using testing::SamplePath;

struct ReadResult {
  std::vector<RecordKind> kinds;
  std::vector<RecordFraming> framings;
  HeaderRecord header;
  std::vector<DataRecord> data;
  TrailerRecord trailer;
  FileFormat format;
  KeepingSink sink;
};

ReadResult ReadAll(Reader& reader) {
  ReadResult result;
  while (reader.Next(result.sink)) {
    result.kinds.push_back(reader.kind());
    result.framings.push_back(reader.framing());
    if (reader.kind() == RecordKind::kHeader) result.header = reader.header();
    if (reader.kind() == RecordKind::kData) result.data.push_back(reader.data());
    if (reader.kind() == RecordKind::kTrailer) result.trailer = reader.trailer();
  }
  result.format = reader.format();
  return result;
}

void ExpectSampleBase(const BaseSegment& b) {
  EXPECT_EQ(b.processing_indicator, 1);
  EXPECT_EQ(b.time_stamp.mmddyyyyhhmmss, 1012020011122u);
  EXPECT_EQ(b.identification_number.view(), "6666666");
  EXPECT_EQ(b.consumer_account_number.view(), "553723456");
  EXPECT_EQ(b.portfolio_type.view(), "M");
  EXPECT_EQ(b.account_type.view(), "48");
  EXPECT_EQ(b.date_opened.mmddyyyy, 11222019u);
  EXPECT_EQ(b.terms_duration.view(), "LOC");
  EXPECT_EQ(b.account_status.view(), "62");
  EXPECT_EQ(b.payment_history_profile.view(), "BBBBBBBBBBBBBBBBBBBBBBBB");
  EXPECT_EQ(b.special_comment.view(), "AS");
  EXPECT_EQ(b.compliance_condition_code.view(), "XA");
  EXPECT_EQ(b.current_balance, 2233);
  EXPECT_EQ(b.date_of_account_information.mmddyyyy, 9202002u);
  EXPECT_EQ(b.date_of_first_delinquency.mmddyyyy, 7192001u);
  EXPECT_EQ(b.date_closed.mmddyyyy, 8022002u);
  EXPECT_EQ(b.surname.view(), "SMITH-JONES");
  EXPECT_EQ(b.first_name.view(), "JUNIOR");
  EXPECT_EQ(b.generation_code.view(), "S");
  EXPECT_EQ(b.social_security_number, 159328759);
  EXPECT_EQ(b.date_of_birth.mmddyyyy, 3181972u);
  EXPECT_EQ(b.telephone_number, 5175555555);
  EXPECT_EQ(b.ecoa_code.view(), "1");
  EXPECT_EQ(b.country_code.view(), "US");
  EXPECT_EQ(b.city.view(), "U.S. Postal");
  EXPECT_EQ(b.state.view(), "MI");
  EXPECT_EQ(b.postal_zip_code.view(), "72654");
  EXPECT_EQ(b.residence_code.view(), "O");
  EXPECT_EQ(b.malformed_fields, 0u);
}

TEST(Metro2Reader, ReadsTheCharacterFixedSample) {
  std::string bytes = ReadFile(SamplePath("unpacked_fixed_file.dat"));
  ASSERT_EQ(bytes.size(), 1896u);
  auto reader = Reader::FromMemory(bytes);
  ReadResult r = ReadAll(*reader);
  ASSERT_EQ(r.kinds.size(), 3u) << r.sink.Dump();
  EXPECT_EQ(r.kinds[0], RecordKind::kHeader);
  EXPECT_EQ(r.kinds[1], RecordKind::kData);
  EXPECT_EQ(r.kinds[2], RecordKind::kTrailer);
  EXPECT_EQ(r.format.format, PhysicalFormat::kCharacter);
  EXPECT_FALSE(r.format.blocked);
  EXPECT_EQ(r.framings[0].record_descriptor_word, 470u);
  EXPECT_EQ(r.framings[0].tail, std::string(44, ' '));
  EXPECT_EQ(r.framings[1].record_descriptor_word, 1000u);
  EXPECT_EQ(r.framings[1].offset, 470u);
  EXPECT_EQ(r.framings[2].offset, 1470u);
  EXPECT_EQ(r.header.reporter_name.view(), "YOUR BUSINESS NAME HERE");
  EXPECT_EQ(r.header.activity_date.mmddyyyy, 8202002u);
  EXPECT_EQ(r.header.reporter_telephone_number, 1234567890);
  ExpectSampleBase(r.data[0].base);
  ASSERT_EQ(r.data[0].j1.size(), 1u);
  ASSERT_EQ(r.data[0].j2.size(), 1u);
  EXPECT_EQ(r.data[0].j1[0].surname.view(), "BEAUCHAMP");
  EXPECT_EQ(r.data[0].j2[0].city.view(), "LANSING");
  ASSERT_TRUE(r.data[0].k3.has_value());
  EXPECT_EQ(r.data[0].k3->mortgage_identification_number.view(), "Mortgage Number");
  ASSERT_TRUE(r.data[0].l1.has_value());
  EXPECT_EQ(r.data[0].l1->change_indicator, 1);
  ASSERT_TRUE(r.data[0].n1.has_value());
  EXPECT_EQ(r.data[0].n1->occupation.view(), "Occupation");
  EXPECT_TRUE(r.data[0].segment_order.empty());
  EXPECT_EQ(r.trailer.total_base_records, 1);
  EXPECT_EQ(r.trailer.block_count, 3);
  EXPECT_EQ(reader->offset(), bytes.size());
}

TEST(Metro2Reader, ReadsTheOneRecordPerLineSample) {
  auto reader = Reader::OpenFile(SamplePath("unpacked_fixed_request.dat"));
  ASSERT_TRUE(reader.ok());
  ReadResult r = ReadAll(**reader);
  ASSERT_EQ(r.kinds.size(), 3u) << r.sink.Dump();
  // One record per line; the last line has no line break.
  EXPECT_EQ(r.framings[0].terminator, LineTerminator::kLf);
  EXPECT_EQ(r.framings[1].terminator, LineTerminator::kLf);
  EXPECT_EQ(r.framings[2].terminator, LineTerminator::kNone);
  EXPECT_EQ(r.framings[0].record_descriptor_word, 426u);
  ExpectSampleBase(r.data[0].base);
}

TEST(Metro2Reader, ReadsThePackedSampleInTheMoovDialect) {
  auto reader = Reader::OpenFile(SamplePath("packed_file.dat"));
  ASSERT_TRUE(reader.ok());
  ReadResult r = ReadAll(**reader);
  ASSERT_EQ(r.kinds.size(), 3u) << r.sink.Dump();
  EXPECT_EQ(r.format.format, PhysicalFormat::kPacked);
  EXPECT_EQ(r.format.dialect, PackedDialect::kMoovBinary);
  EXPECT_TRUE(r.format.blocked);
  EXPECT_EQ(r.framings[0].block_descriptor_word, 370u);
  EXPECT_EQ(r.framings[0].record_descriptor_word, 366u);
  EXPECT_EQ(r.framings[1].block_descriptor_word, 1008u);
  EXPECT_EQ(r.framings[1].record_descriptor_word, 1004u);
  EXPECT_FALSE(r.framings[2].block_descriptor_word.has_value());
  ExpectSampleBase(r.data[0].base);
  const DataRecord& d = r.data[0];
  ASSERT_TRUE(d.k1 && d.k2 && d.k3 && d.k4 && d.l1 && d.n1);
  EXPECT_EQ(d.k1->original_creditor_name.view(), "WETCOSAT INDUSTRIES LTD.");
  EXPECT_EQ(d.k1->creditor_classification, 4);
  EXPECT_EQ(d.k2->purchased_or_sold_indicator, 1);
  EXPECT_EQ(d.k4->specialized_payment_indicator, 1);
  EXPECT_EQ(d.k4->balloon_payment_amount, 1234);
  EXPECT_EQ(r.trailer.total_base_records, 1);
  EXPECT_EQ(r.trailer.total_original_creditor_segments, 1);
  EXPECT_EQ(r.sink.Fatal(), 0u) << r.sink.Dump();
}

TEST(Metro2Reader, StreamsThroughASmallBufferWithTheSameResult) {
  // Many records through the smallest buffer: results equal the in-memory read.
  std::vector<DataRecord> records;
  for (int i = 0; i < 2000; ++i) records.push_back(testing::ValidRecord(i));
  std::string bytes = testing::WriteFile(records);
  std::string path = ::testing::TempDir() + "/metro2_stream.dat";
  {
    std::ofstream out(path, std::ios::binary);
    out << bytes;
  }
  ReaderOptions options;
  options.buffer_bytes = 1;  // rounded up to the minimum
  auto file_reader = Reader::OpenFile(path, options);
  ASSERT_TRUE(file_reader.ok());
  ReadResult from_file = ReadAll(**file_reader);
  auto memory_reader = Reader::FromMemory(bytes);
  ReadResult from_memory = ReadAll(*memory_reader);
  ASSERT_EQ(from_file.data.size(), 2000u);
  EXPECT_EQ(from_file.data, from_memory.data);
  EXPECT_EQ(from_file.data[1999].base.consumer_account_number.view(), "ACCT1999");
}

TEST(Metro2Reader, ResumesAtARecordWithTheFilesOffsetsAndNumbers) {
  // From the third record on, in memory and from the file: the same records, framed at the
  // same offsets with the same record numbers as a read from the start.
  std::vector<DataRecord> records;
  for (int i = 0; i < 50; ++i) records.push_back(testing::ValidRecord(i));
  records[20].base.date_opened = {13012020};  // month 13: the reader reports it, as record 22
  std::string bytes = testing::WriteFile(records);
  auto whole_reader = Reader::FromMemory(bytes);
  ReadResult whole = ReadAll(*whole_reader);
  ASSERT_EQ(whole.framings.size(), 52u);
  const uint64_t at = whole.framings[2].offset;
  std::string path = ::testing::TempDir() + "/metro2_resume.dat";
  std::ofstream(path, std::ios::binary) << bytes;
  auto from_file = Reader::ResumeFile(path, at, 2, whole.format);
  ASSERT_TRUE(from_file.ok());
  std::vector<std::unique_ptr<Reader>> readers;
  readers.push_back(Reader::Resume(std::string_view(bytes).substr(at), at, 2, whole.format));
  readers.push_back(std::move(from_file).value());
  for (const auto& reader : readers) {
    ReadResult rest = ReadAll(*reader);
    ASSERT_EQ(rest.framings.size(), 50u);
    EXPECT_EQ(rest.framings.front(), whole.framings[2]);
    EXPECT_EQ(rest.framings.back(), whole.framings.back());
    EXPECT_EQ(rest.data, std::vector<DataRecord>(whole.data.begin() + 1, whole.data.end()));
    EXPECT_EQ(rest.sink.Dump(), whole.sink.Dump());
    EXPECT_NE(rest.sink.Dump().find("record 22 offset "), std::string::npos) << rest.sink.Dump();
    EXPECT_EQ(reader->offset(), bytes.size());
  }
}

TEST(Metro2Reader, AnUnreadableNumberIsZeroNotThePreviousRecordsValue) {
  // The reader reuses its record: a field it cannot read must not keep the value of the record
  // before (trailer totals count SSNs, and a parallel validation starts each part afresh).
  std::vector<DataRecord> records = {testing::ValidRecord(1), testing::ValidRecord(2)};
  records[0].base.social_security_number = 223456789;
  std::string bytes = testing::WriteFile(records);
  size_t second = bytes.find("ACCT2");
  ASSERT_NE(second, std::string::npos);
  size_t ssn = bytes.find("123456789", second);  // record 2 keeps the template's SSN
  ASSERT_NE(ssn, std::string::npos);
  bytes[ssn + 4] = 'X';
  auto reader = Reader::FromMemory(bytes);
  ReadResult r = ReadAll(*reader);
  ASSERT_EQ(r.data.size(), 2u);
  EXPECT_EQ(r.data[0].base.social_security_number, 223456789);
  EXPECT_EQ(r.data[1].base.social_security_number, 0);
  EXPECT_TRUE(r.data[1].base.malformed_fields != 0);
}

TEST(Metro2Reader, ARecordReadAfterOthersEqualsTheSameRecordReadAlone) {
  // The reader decodes each record's appended segments over the previous record's: records of
  // changing shapes, read in one pass, must equal each record read by a fresh reader.
  auto j1 = [](const char* surname) {
    J1Segment segment;
    segment.surname = surname;
    segment.first_name = "ANN";
    segment.ecoa_code = "2";
    segment.social_security_number = 223456789;
    return segment;
  };
  auto j2 = [](const char* city) {
    J2Segment segment;
    segment.surname = "ROE";
    segment.city = city;
    segment.state = "IL";
    segment.ecoa_code = "2";
    return segment;
  };
  std::vector<DataRecord> records(5, testing::ValidRecord());
  records[0].j1 = {j1("FIRST"), j1("SECOND")};
  records[0].j2 = {j2("CHICAGO")};
  records[0].k1.emplace().original_creditor_name = "OLD BANK";
  records[0].k2.emplace().purchased_from_or_sold_to_name = "BUYER";
  records[0].k3.emplace().agency_account_number = "AG1";
  records[0].k4.emplace().balloon_payment_amount = 1234;
  records[0].l1.emplace().new_consumer_account_number = "NEW1";
  records[0].n1.emplace().employer_name = "ACME";
  records[2].j2 = {j2("PEORIA"), j2("SPRINGFIELD")};
  records[2].k3.emplace().mortgage_identification_number = "MIN2";
  records[3].j1 = {j1("THIRD")};
  records[3].n1.emplace().occupation = "CLERK";
  records[4] = records[0];
  records[4].j1.pop_back();
  records[4].k4.reset();
  std::string bytes = testing::WriteFile(records);
  auto reader = Reader::FromMemory(bytes);
  ReadResult all = ReadAll(*reader);
  ASSERT_EQ(all.data.size(), 5u);
  size_t data_index = 0;
  for (size_t i = 0; i < all.kinds.size(); ++i) {
    if (all.kinds[i] != RecordKind::kData) continue;
    const uint64_t at = all.framings[i].offset;
    auto alone = Reader::Resume(std::string_view(bytes).substr(at), at, i, all.format);
    KeepingSink sink;
    ASSERT_TRUE(alone->Next(sink));
    EXPECT_EQ(alone->data(), all.data[data_index]) << "data record " << data_index;
    EXPECT_EQ(all.data[data_index].j1.size(), records[data_index].j1.size());
    EXPECT_EQ(all.data[data_index].k4.has_value(), records[data_index].k4.has_value());
    ++data_index;
  }
  EXPECT_EQ(all.data[1].j2.size(), 0u);
  EXPECT_EQ(all.data[2].j2[1].city.view(), "SPRINGFIELD");
  EXPECT_FALSE(all.data[2].n1.has_value());
  EXPECT_EQ(all.data[3].n1->employer_name.view(), "");  // not ACME from record 1
  EXPECT_EQ(all.sink.Fatal(), 0u) << all.sink.Dump();
}

TEST(Metro2Reader, ASecondK1InARecordIsReportedAndTheNextRecordHasNone) {
  std::vector<DataRecord> records(2, testing::ValidRecord());
  records[0].k1.emplace().original_creditor_name = "OLD BANK";
  records[0].k1->creditor_classification = 2;
  std::string bytes = testing::WriteFile(records);
  size_t k1 = bytes.find("K1OLD BANK");
  ASSERT_NE(k1, std::string::npos);
  std::string second = bytes.substr(k1, 34);
  second.replace(2, 8, "NEW BANK");
  bytes.insert(k1 + 34, second);
  size_t start = bytes.rfind('\n', k1) + 1;  // the record's descriptor word, 4 digits
  std::string rdw = std::to_string(std::stoi(bytes.substr(start, 4)) + 34);
  ASSERT_LE(rdw.size(), 4u);  // still a 4-digit descriptor
  rdw.insert(0, 4 - rdw.size(), '0');
  bytes.replace(start, 4, rdw);
  auto reader = Reader::FromMemory(bytes);
  ReadResult r = ReadAll(*reader);
  ASSERT_EQ(r.data.size(), 2u) << r.sink.Dump();
  int duplicates = 0;
  for (const Issue& issue : r.sink.issues) duplicates += issue.rule == Rule::kDuplicateSegment;
  EXPECT_EQ(duplicates, 1) << r.sink.Dump();
  ASSERT_TRUE(r.data[0].k1.has_value());
  EXPECT_EQ(r.data[0].k1->original_creditor_name.view(), "NEW BANK");
  EXPECT_FALSE(r.data[1].k1.has_value());
}

TEST(Metro2Reader, KeepsCrLfBytesInsidePackedRecords) {
  // A packed date of birth 05311990 has the byte 0x0D (CR) inside it; 0x0A occurs in amounts.
  DataRecord record = testing::ValidRecord();
  record.base.date_of_birth = {5311990};
  record.base.current_balance = 0x0A0D0A;
  FileFormat format{PhysicalFormat::kPacked, PackedDialect::kMoovBinary, 0x0C, true};
  std::string bytes = testing::WriteFile({record}, format);
  ASSERT_NE(bytes.find('\r'), std::string::npos);
  auto reader = Reader::FromMemory(bytes);
  ReadResult r = ReadAll(*reader);
  ASSERT_EQ(r.data.size(), 1u) << r.sink.Dump();
  EXPECT_EQ(r.data[0].base.date_of_birth.mmddyyyy, 5311990u);
  EXPECT_EQ(r.data[0].base.current_balance, 0x0A0D0A);
  EXPECT_EQ(r.sink.Fatal(), 0u) << r.sink.Dump();
}

TEST(Metro2Reader, ReadsPackedDecimalAsTheGuideSpecifies) {
  DataRecord record = testing::ValidRecord();
  FileFormat format{PhysicalFormat::kPacked, PackedDialect::kPackedDecimal, 0x0F, true};
  WriterOptions options;
  options.line_terminator = LineTerminator::kNone;
  std::string bytes = testing::WriteFile({record}, format, options);
  // The date of account information 12312023 is 0x01 0x23 0x12 0x02 0x3F in packed decimal.
  size_t at = 370 + 4 + 144;
  EXPECT_EQ(bytes.substr(at, 5), std::string("\x01\x23\x12\x02\x3F", 5));
  auto reader = Reader::FromMemory(bytes);
  ReadResult r = ReadAll(*reader);
  EXPECT_EQ(r.format.dialect, PackedDialect::kPackedDecimal);
  EXPECT_EQ(r.format.packed_sign_nibble, 0x0F);
  ASSERT_EQ(r.data.size(), 1u);
  EXPECT_EQ(r.data[0].base, record.base);
  EXPECT_EQ(r.sink.Fatal(), 0u) << r.sink.Dump();
}

TEST(Metro2Reader, ReadsCrLfLineBreaksAndMultiRecordBlocks) {
  std::vector<DataRecord> records = {testing::ValidRecord(1), testing::ValidRecord(2)};
  WriterOptions options;
  options.line_terminator = LineTerminator::kCrLf;
  std::string bytes = testing::WriteFile(records, {}, options);
  auto reader = Reader::FromMemory(bytes);
  ReadResult r = ReadAll(*reader);
  ASSERT_EQ(r.data.size(), 2u) << r.sink.Dump();
  EXPECT_EQ(r.framings[1].terminator, LineTerminator::kCrLf);
  EXPECT_EQ(r.sink.Fatal(), 0u) << r.sink.Dump();

  // Two data records in one block (BDW = 4 + 426 + 426).
  std::string blocked = "0430" + bytes.substr(0, 426) + "0856" + bytes.substr(428, 426) +
                        bytes.substr(856, 426) + bytes.substr(1284, 426);
  auto blocked_reader = Reader::FromMemory(blocked);
  ReadResult b = ReadAll(*blocked_reader);
  ASSERT_EQ(b.data.size(), 2u) << b.sink.Dump();
  EXPECT_EQ(b.framings[1].block_descriptor_word, 856u);
  EXPECT_FALSE(b.framings[2].block_descriptor_word.has_value());
}

}  // namespace
}  // namespace credo::metro2
