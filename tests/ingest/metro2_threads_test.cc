// Validation on several threads (ValidatorOptions::threads) must report exactly what validation
// on one thread reports, in the same order, with the same summary: on the malformed corpus, the
// moov-io samples, and files of many chunks (character, packed in both dialects, blocked) with
// random damage spread over chunk boundaries.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "ingest/metro2/internal/validate_in_parts.h"
#include "ingest/metro2/internal/validate_on_threads.h"
#include "metro2_test_util.h"

namespace credo::metro2 {
namespace {

namespace fs = std::filesystem;
using testing::KeepingSink;
using testing::ReadFile;

struct Outcome {
  std::string issues;
  ValidationSummary summary;
};

std::string Describe(const ValidationSummary& s) {
  return "records " + std::to_string(s.records) + " data " + std::to_string(s.data_records) +
         " rejected " + std::to_string(s.rejected_records) + " fatal " + std::to_string(s.fatal) +
         " warnings " + std::to_string(s.warnings) + " bytes " + std::to_string(s.bytes) +
         " packed " + std::to_string(s.format.format == PhysicalFormat::kPacked) + " dialect " +
         std::to_string(static_cast<int>(s.format.dialect)) + " blocked " +
         std::to_string(s.format.blocked);
}

Outcome OnOneThread(const std::string& bytes, ReaderOptions options = {}) {
  KeepingSink sink;
  auto reader = Reader::FromMemory(bytes, options);
  Outcome outcome;
  outcome.summary = ValidateAll(*reader, sink);
  for (const Issue& issue : sink.issues) outcome.issues += issue.ToString() + "\n";
  return outcome;
}

Outcome OnThreads(const std::string& bytes, unsigned threads, ReaderOptions options = {}) {
  KeepingSink sink;
  options.decode_data = false;
  auto reader = Reader::FromMemory(bytes, options);
  ValidatorOptions validator_options;
  validator_options.threads = threads;
  Outcome outcome;
  outcome.summary = internal::ValidateOnThreads(*reader, sink, validator_options);
  for (const Issue& issue : sink.issues) outcome.issues += issue.ToString() + "\n";
  return outcome;
}

void ExpectSameOnThreads(const std::string& bytes, ReaderOptions options = {}) {
  Outcome one = OnOneThread(bytes, options);
  for (unsigned threads : {2u, 3u}) {
    SCOPED_TRACE("threads " + std::to_string(threads));
    Outcome many = OnThreads(bytes, threads, options);
    EXPECT_EQ(Describe(many.summary), Describe(one.summary));
    EXPECT_EQ(many.issues, one.issues);
  }
}

// `count` records made from the valid template, with every tenth carrying appended segments
// and every seventh a status that needs a payment rating, so that records differ in length and
// findings.
std::vector<DataRecord> ManyRecords(int count) {
  std::vector<DataRecord> records;
  records.reserve(static_cast<size_t>(count));
  for (int i = 0; i < count; ++i) {
    DataRecord record = testing::ValidRecord(i + 1);
    if (i % 10 == 3) {
      J1Segment& j1 = record.j1.emplace_back();
      j1.surname = "DOE";
      j1.first_name = "JOHN";
      j1.ecoa_code = "2";
      j1.social_security_number = 223456789;
      j1.date_of_birth = {3031982};
      record.k3.emplace();
      record.k3->mortgage_identification_number = "MIN" + std::to_string(i);
    }
    if (i % 7 == 5) {
      record.base.account_status = "71";
      record.base.payment_history_profile = "100000000000000000000000";
      record.base.amount_past_due = 35;
      record.base.date_of_first_delinquency = {11152023};
    }
    records.push_back(std::move(record));
  }
  return records;
}

// Overwrites `edits` random bytes inside records (past their descriptor words, so the file can
// still be framed and every chunk is reached), then, when `shift`, cuts a few bytes out near the
// end so that framing stops there.
std::string Damage(std::string bytes, int edits, uint32_t seed, bool shift = false) {
  std::vector<std::pair<uint64_t, size_t>> records;  // offset past the descriptors, length left
  {
    KeepingSink ignore;
    auto reader = Reader::FromMemory(bytes);
    while (reader->Next(ignore)) {
      size_t prefix = reader->framing().block_descriptor_word ? 8 : 4;
      if (reader->raw().size() > prefix + 1) {
        records.emplace_back(reader->framing().offset + prefix, reader->raw().size() - prefix);
      }
    }
  }
  std::mt19937 random(seed);
  for (int e = 0; e < edits && !records.empty(); ++e) {
    const auto& [start, length] = records[random() % records.size()];
    size_t at = static_cast<size_t>(start) + random() % length;
    bytes[at] = random() % 2 ? static_cast<char>(random()) : static_cast<char>('0' + random() % 10);
  }
  if (shift) bytes.erase(bytes.size() - bytes.size() / 7, 3);
  return bytes;
}

TEST(Metro2Threads, MalformedCorpusGivesTheSameIssues) {
  fs::path dir = fs::path(CREDO_SOURCE_DIR) / "tests/ingest/data/metro2/malformed";
  size_t checked = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".dat") continue;
    SCOPED_TRACE(entry.path().filename().string());
    ExpectSameOnThreads(ReadFile(entry.path().string()));
    ++checked;
  }
  EXPECT_GE(checked, 13u);
}

TEST(Metro2Threads, SampleFilesGiveTheSameIssues) {
  for (const char* name : {"unpacked_fixed_file.dat", "unpacked_fixed_request.dat",
                           "packed_file.dat", "base_segment.dat", "packed_base_segment.dat",
                           "j1_segment.dat", "trailer_record.dat"}) {
    SCOPED_TRACE(name);
    std::string bytes = ReadFile(testing::SamplePath(name));
    ASSERT_FALSE(bytes.empty());
    ExpectSameOnThreads(bytes);
  }
}

TEST(Metro2Threads, CleanFileOfManyChunksHasNoIssuesAndTheTrailerAddsUp) {
  std::string bytes = testing::WriteFile(ManyRecords(12000));
  ASSERT_FALSE(bytes.empty());
  Outcome many = OnThreads(bytes, 2);
  EXPECT_EQ(many.summary.data_records, 12000u);
  EXPECT_EQ(many.summary.fatal, 0u) << many.issues.substr(0, 2000);
  EXPECT_EQ(many.issues, OnOneThread(bytes).issues);
}

TEST(Metro2Threads, DamagedFilesOfEveryFormatGiveTheSameIssues) {
  struct Case {
    const char* name;
    FileFormat format;
  };
  const Case cases[] = {
      {"character", {}},
      {"character blocked", {PhysicalFormat::kCharacter, PackedDialect::kMoovBinary, 0x0C, true}},
      {"packed moov", {PhysicalFormat::kPacked, PackedDialect::kMoovBinary, 0x0C, false}},
      {"packed decimal blocked",
       {PhysicalFormat::kPacked, PackedDialect::kPackedDecimal, 0x0C, true}},
  };
  std::vector<DataRecord> records = ManyRecords(9000);
  uint32_t seed = 7;
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    std::string clean = testing::WriteFile(records, c.format);
    ASSERT_FALSE(clean.empty());
    ExpectSameOnThreads(clean);
    for (int round = 0; round < 4; ++round) {
      SCOPED_TRACE("round " + std::to_string(round));
      std::string damaged = Damage(clean, 1 + round * 150, ++seed, round == 3);
      Outcome one = OnOneThread(damaged);
      EXPECT_GT(one.summary.data_records, 7000u);  // damage in every chunk, not only the first
      if (round > 0) {
        EXPECT_GT(one.summary.fatal + one.summary.warnings, uint64_t{20});
      }
      ExpectSameOnThreads(damaged);
    }
  }
}

TEST(Metro2Threads, AHeaderInTheMiddleDatesTheRecordsAfterIt) {
  // A second header, later dated, between two runs of records: the records after it are
  // checked against its activity date, as on one thread.
  std::string first = testing::WriteFile(ManyRecords(5000));
  HeaderRecord later = testing::ValidHeader();
  later.activity_date = {6302019};
  std::string header_bytes;
  ASSERT_TRUE(EncodeHeader(later, {}, {0, 0, {}, 0, {}, LineTerminator::kLf}, &header_bytes).ok());
  size_t middle = first.size() / 2;
  middle = first.find('\n', middle) + 1;
  std::string bytes = first.substr(0, middle) + header_bytes + first.substr(middle);
  Outcome one = OnOneThread(bytes);
  EXPECT_NE(one.issues.find("M2-010"), std::string::npos);  // the unexpected header is reported
  ExpectSameOnThreads(bytes);
}

TEST(Metro2Threads, ValidateFileUsesTheThreadsAndReadsFromDisk) {
  std::string bytes = Damage(testing::WriteFile(ManyRecords(10000)), 40, 99, true);
  fs::path path = fs::temp_directory_path() /
                  ("credo_metro2_threads_test_" + std::to_string(getpid()) + ".dat");
  std::ofstream(path, std::ios::binary) << bytes;
  KeepingSink one_sink;
  auto one = ValidateFile(path.string(), one_sink);
  ASSERT_TRUE(one.ok());
  KeepingSink many_sink;
  ValidatorOptions options;
  options.threads = 2;
  auto many = ValidateFile(path.string(), many_sink, {}, options);
  ASSERT_TRUE(many.ok());
  EXPECT_EQ(Describe(*many), Describe(*one));
  EXPECT_EQ(many_sink.Dump(), one_sink.Dump());
  EXPECT_GT(one->fatal, 0u);
  fs::remove(path);
}

// ValidateFile's parts (internal/validate_in_parts.h), read from disk by the workers, against
// one thread reading the same bytes. `in_parts` says whether the file qualifies for them.
void ExpectSameInParts(const std::string& bytes, bool in_parts = true) {
  // One file per test process: ctest runs the cases of this suite side by side.
  fs::path path = fs::temp_directory_path() /
                  ("credo_metro2_parts_" + std::to_string(::getpid()) + ".dat");
  std::ofstream(path, std::ios::binary) << bytes;
  Outcome one = OnOneThread(bytes);
  for (unsigned threads : {2u, 3u}) {
    SCOPED_TRACE("threads " + std::to_string(threads));
    ValidatorOptions options;
    options.threads = threads;
    KeepingSink sink;
    auto parts = internal::ValidateInParts(path.string(), sink, options);
    ASSERT_EQ(parts.has_value(), in_parts);
    if (parts) {
      ASSERT_TRUE(parts->ok()) << parts->error().message;
      std::string issues;
      for (const Issue& issue : sink.issues) issues += issue.ToString() + "\n";
      EXPECT_EQ(Describe(**parts), Describe(one.summary));
      EXPECT_EQ(issues, one.issues);
    }
    KeepingSink file_sink;
    auto whole = ValidateFile(path.string(), file_sink, {}, options);
    ASSERT_TRUE(whole.ok());
    std::string issues;
    for (const Issue& issue : file_sink.issues) issues += issue.ToString() + "\n";
    EXPECT_EQ(Describe(*whole), Describe(one.summary));
    EXPECT_EQ(issues, one.issues);
  }
  fs::remove(path);
}

// About 5 MB: five parts and more.
std::string PartsFile() { return testing::WriteFile(ManyRecords(12000)); }

TEST(Metro2Parts, ACleanFileIsReadInPartsWithTheIssuesOfOneThread) {
  std::string bytes = PartsFile();
  ASSERT_GT(bytes.size(), 4 * internal::kValidatePartBytes);
  ExpectSameInParts(bytes);
}

TEST(Metro2Parts, DamagedRecordsAndAFileCutShortGiveTheSameIssues) {
  ExpectSameInParts(Damage(PartsFile(), 300, 11));
  ExpectSameInParts(Damage(PartsFile(), 300, 12, true));
}

TEST(Metro2Parts, ALineBreakInsideARecordAfterEachBoundaryIsNotTakenForARecord) {
  // "\n0426" inside the record that spans each part boundary, after the boundary: the worker's
  // guess lands there, the calling thread sees it does not follow the part before, and reads on
  // itself from there.
  std::string bytes = PartsFile();
  KeepingSink ignore;
  auto reader = Reader::FromMemory(bytes);
  std::vector<std::pair<uint64_t, uint64_t>> records;  // start, end
  while (reader->Next(ignore)) {
    records.emplace_back(reader->framing().offset,
                         reader->framing().offset + reader->raw().size());
  }
  ASSERT_FALSE(records.empty());
  const uint64_t data_begin = records[1].first;
  int forged = 0;
  for (uint64_t boundary = data_begin + internal::kValidatePartBytes; boundary < bytes.size();
       boundary += internal::kValidatePartBytes) {
    for (const auto& [start, end] : records) {
      if (start < boundary && boundary + 8 < end) {
        bytes.replace(boundary + 2, 5, "\n0426");
        ++forged;
        break;
      }
    }
  }
  ASSERT_GT(forged, 2);
  ExpectSameInParts(bytes);
}

TEST(Metro2Parts, ForgedRecordStartsAroundTheBoundariesNeverChangeTheIssues) {
  // Ten files, each with a line break and four digits (sometimes a real record's descriptor
  // word) written at random places just around the part boundaries, and random damage besides.
  for (uint32_t seed = 1; seed <= 10; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    std::string bytes = Damage(PartsFile(), 50, seed, seed % 3 == 0);
    std::mt19937 random(seed);
    const uint64_t data_begin = bytes.find('\n') + 1;
    for (uint64_t boundary = data_begin + internal::kValidatePartBytes;
         boundary + 600 < bytes.size(); boundary += internal::kValidatePartBytes) {
      if (random() % 4 == 0) continue;
      uint64_t at = boundary - 1 + random() % 500;
      std::string forged = "\n" + std::string(random() % 2 ? "0426" : "1234");
      bytes.replace(at, forged.size(), forged);
    }
    ExpectSameInParts(bytes);
  }
}

TEST(Metro2Parts, AHeaderInTheMiddleNoTrailerAndDataAfterTheTrailer) {
  std::string bytes = PartsFile();
  size_t header_end = bytes.find('\n') + 1;
  std::string header = bytes.substr(0, header_end);
  size_t middle = bytes.find('\n', bytes.size() / 2) + 1;
  ExpectSameInParts(bytes.substr(0, middle) + header + bytes.substr(middle));
  size_t trailer = bytes.rfind('\n', bytes.size() - 2) + 1;
  ExpectSameInParts(bytes.substr(0, trailer));                              // no trailer
  ExpectSameInParts(bytes + bytes.substr(header_end, trailer - header_end));  // data after it
}

TEST(Metro2Parts, CrLfLineBreaksAndFilesThatDoNotQualify) {
  std::string bytes = PartsFile();
  std::string crlf;
  for (char c : bytes) {
    if (c == '\n') crlf += '\r';
    crlf += c;
  }
  ExpectSameInParts(crlf);
  std::string no_breaks;
  for (char c : bytes) {
    if (c != '\n') no_breaks += c;
  }
  ExpectSameInParts(no_breaks, false);  // read by the framing thread instead
  ExpectSameInParts(testing::WriteFile(
                        ManyRecords(50),
                        FileFormat{PhysicalFormat::kPacked, PackedDialect::kMoovBinary, 0x0C, true}),
                    false);
  ExpectSameInParts("", false);
}

}  // namespace
}  // namespace credo::metro2
