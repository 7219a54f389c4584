// Bad input. (1) Golden tests: each file in tests/ingest/data/metro2/malformed/ breaks one
// thing; <name>.expected lists the issues it must give ("record N offset O segment.field CODE").
// Regenerate with CREDO_UPDATE_GOLDEN=1 and review the diff. (2) moov-io's crashers and Go fuzz
// corpus give errors, not crashes. (3) Random damage to a good file never crashes the reader.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <random>

#include "ingest/metro2/internal/layout.h"
#include "ingest/metro2/jsonl.h"
#include "metro2_test_util.h"

namespace credo::metro2 {
namespace {

namespace fs = std::filesystem;
using testing::KeepingSink;
using testing::ReadFile;

std::string Render(const std::vector<Issue>& issues) {
  std::string text;
  for (const Issue& issue : issues) {
    text += "record " + std::to_string(issue.record_number) + " offset " +
            std::to_string(issue.byte_offset) + " " + std::string(SegmentKindName(issue.segment));
    if (!issue.field.empty()) text += "." + std::string(issue.field);
    text += " " + std::string(GetRuleInfo(issue.rule).code) + "\n";
  }
  return text;
}

fs::path CorpusDir() {
  return fs::path(CREDO_SOURCE_DIR) / "tests/ingest/data/metro2/malformed";
}

TEST(Metro2Malformed, EachFileGivesItsDocumentedErrors) {
  bool update = std::getenv("CREDO_UPDATE_GOLDEN") != nullptr;
  size_t checked = 0;
  for (const auto& entry : fs::directory_iterator(CorpusDir())) {
    if (entry.path().extension() != ".dat") continue;
    SCOPED_TRACE(entry.path().filename().string());
    std::string bytes = ReadFile(entry.path().string());
    std::string got = Render(testing::ValidateBytes(bytes));
    fs::path expected_path = entry.path();
    expected_path.replace_extension(".expected");
    if (update) {
      std::ofstream(expected_path, std::ios::binary) << got;
    }
    EXPECT_EQ(got, ReadFile(expected_path.string()));
    ++checked;
  }
  EXPECT_GE(checked, 13u);
}

TEST(Metro2Malformed, TheValidTemplateIsClean) {
  std::vector<Issue> issues = testing::ValidateBytes(ReadFile((CorpusDir() / "valid.dat").string()));
  EXPECT_TRUE(issues.empty()) << Render(issues);
}

TEST(Metro2Malformed, MessagesSayWhereWhatAndHowToFix) {
  std::vector<Issue> issues =
      testing::ValidateBytes(ReadFile((CorpusDir() / "bad_dates.dat").string()));
  ASSERT_FALSE(issues.empty());
  EXPECT_EQ(issues[0].ToString(),
            "record 2 offset 502 base segment.date_opened [M2-103 fatal] date is not a real "
            "calendar date MMDDYYYY: '02302020'. Fix: write dates as MMDDYYYY (e.g. 01312024), use "
            "01 when the day is unknown, and 00000000 for no date");
}

// Decodes the quoted string of a `go test fuzz v1` corpus file (string("...") or []byte("...")).
std::string DecodeGoFuzzValue(const std::string& file) {
  size_t open = file.find("(\"");
  size_t close = file.rfind("\")");
  if (open == std::string::npos || close == std::string::npos || close < open) return {};
  std::string_view quoted(file.data() + open + 2, close - open - 2);
  std::string out;
  for (size_t i = 0; i < quoted.size(); ++i) {
    char c = quoted[i];
    if (c != '\\' || i + 1 >= quoted.size()) {
      out.push_back(c);
      continue;
    }
    char e = quoted[++i];
    switch (e) {
      case 'n': out.push_back('\n'); break;
      case 't': out.push_back('\t'); break;
      case 'r': out.push_back('\r'); break;
      case '0': case '1': case '2': case '3': {
        out.push_back(static_cast<char>(std::stoi(std::string(quoted.substr(i, 3)), nullptr, 8)));
        i += 2;
        break;
      }
      case 'x':
        out.push_back(static_cast<char>(std::stoi(std::string(quoted.substr(i + 1, 2)), nullptr, 16)));
        i += 2;
        break;
      default: out.push_back(e); break;  // \" \\ \'
    }
  }
  return out;
}

void ExpectErrorNotCrash(const std::string& bytes) {
  KeepingSink sink;
  auto reader = Reader::FromMemory(bytes);
  ValidationSummary summary = ValidateAll(*reader, sink);
  EXPECT_FALSE(summary.ok());
  EXPECT_GT(sink.Fatal(), 0u);
  // Converting must fail or succeed cleanly too.
  auto again = Reader::FromMemory(bytes);
  std::ostringstream out;
  (void)ConvertToJsonLines(*again, out);
}

TEST(Metro2Malformed, MoovCrashersGiveErrors) {
  fs::path dir = fs::path(CREDO_SHARED_DIR) / "data/metro2/moov/test/testdata/crashers";
  size_t checked = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() == ".output") continue;
    SCOPED_TRACE(entry.path().filename().string());
    ExpectErrorNotCrash(ReadFile(entry.path().string()));
    ++checked;
  }
  EXPECT_EQ(checked, 4u);
}

TEST(Metro2Malformed, MoovGoFuzzCorpusGivesErrors) {
  fs::path dir = fs::path(CREDO_SHARED_DIR) / "data/metro2/moov/test/fuzz/testdata/fuzz";
  size_t checked = 0;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    SCOPED_TRACE(entry.path().string());
    std::string file = ReadFile(entry.path().string());
    ASSERT_EQ(file.rfind("go test fuzz v1", 0), 0u);
    std::string value = DecodeGoFuzzValue(file);
    ASSERT_FALSE(value.empty());
    EXPECT_EQ(value[0], '{');  // moov's JSON form, which is not a Metro 2 file
    ExpectErrorNotCrash(value);
    ++checked;
  }
  EXPECT_EQ(checked, 3u);
}

TEST(Metro2Malformed, SampleFragmentsGiveErrors) {
  for (const char* name : {"base_segment.dat", "packed_base_segment.dat", "j1_segment.dat",
                           "k1_segment.dat", "trailer_record.dat", "packed_header_record.dat"}) {
    SCOPED_TRACE(name);
    ExpectErrorNotCrash(ReadFile(testing::SamplePath(name)));
  }
}

TEST(Metro2Malformed, RandomDamageNeverCrashes) {
  std::vector<std::string> seeds = {
      ReadFile(testing::SamplePath("unpacked_fixed_file.dat")),
      ReadFile(testing::SamplePath("packed_file.dat")),
      ReadFile((CorpusDir() / "valid.dat").string()),
  };
  std::mt19937 random(20261122);
  for (int round = 0; round < 3000; ++round) {
    std::string bytes = seeds[static_cast<size_t>(round) % seeds.size()];
    int edits = 1 + static_cast<int>(random() % 8);
    for (int e = 0; e < edits; ++e) {
      size_t at = random() % bytes.size();
      switch (random() % 3) {
        case 0: bytes[at] = static_cast<char>(random()); break;
        case 1: bytes.erase(at, 1 + random() % 40); break;
        default: bytes.insert(at, std::string(1 + random() % 8, static_cast<char>(random())));
      }
      if (bytes.empty()) bytes = "0";
    }
    KeepingSink sink;
    auto reader = Reader::FromMemory(bytes);
    (void)ValidateAll(*reader, sink);
  }
}

}  // namespace
}  // namespace credo::metro2
