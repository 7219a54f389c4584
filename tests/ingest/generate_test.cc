#include "ingest/generate/generate.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/identifier.h"
#include "ingest/metro2/validator.h"

namespace credo::ingest::generate {
namespace {

namespace fs = std::filesystem;

std::string TempDir(const std::string& name) {
  fs::path path =
      fs::temp_directory_path() / ("credo_generate_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(path);
  return path.string();
}

std::string ReadFile(const fs::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::stringstream buffer;
  buffer << file.rdbuf();
  return buffer.str();
}

// The generator quotes CSV fields only when they hold a comma or quote; these tests read files
// whose fields hold neither, which they check.
std::vector<std::vector<std::string>> ReadCsv(const fs::path& path) {
  std::vector<std::vector<std::string>> rows;
  std::ifstream file(path);
  std::string line;
  while (std::getline(file, line)) {
    EXPECT_EQ(line.find('"'), std::string::npos) << path;
    std::vector<std::string> fields;
    std::stringstream stream(line);
    std::string field;
    while (std::getline(stream, field, ',')) fields.push_back(field);
    if (!line.empty() && line.back() == ',') fields.emplace_back();
    rows.push_back(std::move(fields));
  }
  return rows;
}

// Index of `name` in a CSV header row.
size_t Column(const std::vector<std::string>& header, const std::string& name) {
  for (size_t i = 0; i < header.size(); ++i) {
    if (header[i] == name) return i;
  }
  ADD_FAILURE() << "no column " << name;
  return 0;
}

// The value of "key":"value" in a JSON line written by the generator (flat string values only).
std::string JsonField(const std::string& line, const std::string& key) {
  std::string needle = "\"" + key + "\":\"";
  size_t start = line.find(needle);
  if (start == std::string::npos) return {};
  start += needle.size();
  return line.substr(start, line.find('"', start) - start);
}

GeneratorOptions Options(const std::string& out_dir, uint64_t seed = 42) {
  GeneratorOptions options;
  options.persons = 3000;
  options.companies = 600;
  options.seed = seed;
  options.months = 3;
  options.out_dir = out_dir;
  return options;
}

class GenerateRun : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    out_dir_ = new std::string(TempDir("run"));
    Result<GenerateSummary> result = Generate(Options(*out_dir_));
    ASSERT_TRUE(result.ok()) << result.error().ToString();
    summary_ = new GenerateSummary(*result);
  }
  static void TearDownTestSuite() {
    fs::remove_all(*out_dir_);
    delete out_dir_;
    delete summary_;
  }
  static fs::path Path(const std::string& relative) { return fs::path(*out_dir_) / relative; }

  static std::string* out_dir_;
  static GenerateSummary* summary_;
};
std::string* GenerateRun::out_dir_ = nullptr;
GenerateSummary* GenerateRun::summary_ = nullptr;

TEST_F(GenerateRun, WritesEveryFeedForEveryMonth) {
  for (const char* tag : {"202601", "202602", "202603"}) {
    for (std::string file :
         {"card_issuer/cards_", "online_lender/loans_", "public_records/court_persons_",
          "public_records/court_companies_", "public_records/tax_arrears_",
          "public_records/penalties_", "bank_corporate/loans_"}) {
      std::string extension = file.find("court") != std::string::npos ||
                                      file.find("online") != std::string::npos ||
                                      file.find("penalties") != std::string::npos
                                  ? ".jsonl"
                              : file.find("metro2") != std::string::npos ? ".dat"
                                                                         : ".csv";
      EXPECT_TRUE(fs::exists(Path(file + tag + extension))) << file << tag;
    }
  }
  for (const char* file :
       {"registry/companies.csv", "registry/shareholders.csv", "bank_corporate/guarantees.csv",
        "financials/statements.jsonl", "truth/persons.csv", "truth/person_records.csv",
        "truth/companies.csv", "truth/company_records.csv", "truth/fraud_rings.csv",
        "truth/guarantee_circles.csv"}) {
    EXPECT_TRUE(fs::exists(Path(file))) << file;
  }
  EXPECT_EQ(summary_->persons, 3000);
  EXPECT_EQ(summary_->companies, 600);
  EXPECT_EQ(static_cast<int64_t>(ReadCsv(Path("truth/persons.csv")).size()), 3001);
}

TEST_F(GenerateRun, SameSeedGivesIdenticalFilesAndAnotherSeedDifferent) {
  std::string again = TempDir("again");
  ASSERT_TRUE(Generate(Options(again)).ok());
  for (const std::string& relative : summary_->files) {
    EXPECT_EQ(ReadFile(Path(relative)), ReadFile(fs::path(again) / relative)) << relative;
  }
  std::string other = TempDir("other");
  ASSERT_TRUE(Generate(Options(other, 43)).ok());
  EXPECT_NE(ReadFile(Path("truth/persons.csv")), ReadFile(fs::path(other) / "truth/persons.csv"));
  fs::remove_all(again);
  fs::remove_all(other);
}

TEST_F(GenerateRun, GroundTruthCoversEveryRecordAndAgreesWithIt) {
  // Truth: person id -> national id, and (file, record id) -> person id and corruptions.
  std::map<std::string, std::string> national_id;
  auto persons = ReadCsv(Path("truth/persons.csv"));
  for (size_t i = 1; i < persons.size(); ++i) national_id[persons[i][0]] = persons[i][2];
  std::map<std::pair<std::string, std::string>, std::pair<std::string, std::string>> truth;
  auto records = ReadCsv(Path("truth/person_records.csv"));
  ASSERT_EQ(records[0],
            (std::vector<std::string>{"source", "file", "record_id", "person_id", "corruptions"}));
  for (size_t i = 1; i < records.size(); ++i) {
    auto key = std::make_pair(records[i][1], records[i][2]);
    EXPECT_TRUE(truth.emplace(key, std::make_pair(records[i][3], records[i][4])).second)
        << "duplicate truth row " << records[i][1] << " " << records[i][2];
  }
  EXPECT_EQ(static_cast<int64_t>(truth.size()), summary_->person_records);

  // Card issuer rows: every row has a truth row; the identity number is the true one unless the
  // truth names an identity corruption, and a true one is valid.
  Date today = Date::FromYmd(2026, 11, 22).value();
  int rows = 0;
  for (const char* tag : {"202601", "202602", "202603"}) {
    std::string file = std::string("card_issuer/cards_") + tag + ".csv";
    auto csv = ReadCsv(Path(file));
    size_t record = Column(csv[0], "REC_NO");
    size_t id = Column(csv[0], "ID_NO");
    for (size_t i = 1; i < csv.size(); ++i, ++rows) {
      auto found = truth.find({file, csv[i][record]});
      ASSERT_NE(found, truth.end()) << file << " " << csv[i][record];
      const auto& [person, corruptions] = found->second;
      if (corruptions.find("id_") == std::string::npos) {
        EXPECT_EQ(csv[i][id], national_id[person]);
        EXPECT_TRUE(ValidateCnResidentId(csv[i][id], today).ok());
      } else if (corruptions.find("id_missing") != std::string::npos) {
        EXPECT_EQ(csv[i][id], "");
      } else {
        EXPECT_NE(csv[i][id], national_id[person]);
        EXPECT_FALSE(ValidateCnResidentId(csv[i][id], today).ok());
      }
    }
  }
  EXPECT_GT(rows, 1000);

  // Online lender lines: each record id is in the truth.
  std::ifstream lender(Path("online_lender/loans_202602.jsonl"));
  std::string line;
  int lines = 0;
  while (std::getline(lender, line)) {
    ++lines;
    std::string record_id = JsonField(line, "record_id");
    auto found = truth.find({"online_lender/loans_202602.jsonl", record_id});
    ASSERT_NE(found, truth.end()) << record_id;
    if (found->second.second.find("id_") == std::string::npos) {
      EXPECT_EQ(JsonField(line, "id_card"), national_id[found->second.first]);
    }
  }
  EXPECT_GT(lines, 500);
}

TEST_F(GenerateRun, CompaniesInTheRegistryHaveValidCodesAndTruth) {
  auto registry = ReadCsv(Path("registry/companies.csv"));
  ASSERT_EQ(registry.size(), 601u);
  std::set<std::string> truth_codes;
  auto companies = ReadCsv(Path("truth/companies.csv"));
  for (size_t i = 1; i < companies.size(); ++i) truth_codes.insert(companies[i][1]);
  for (size_t i = 1; i < registry.size(); ++i) {
    EXPECT_TRUE(ValidateCnUnifiedSocialCreditCode(registry[i][0]).ok()) << registry[i][0];
    EXPECT_EQ(truth_codes.count(registry[i][0]), 1u);
  }
}

TEST_F(GenerateRun, PlantedGuaranteeCircleIsInTheGuaranteeFeed) {
  auto circles = ReadCsv(Path("truth/guarantee_circles.csv"));
  ASSERT_GE(circles.size(), 4u);  // header + at least 3 members
  std::map<std::string, std::string> uscc_of;
  auto companies = ReadCsv(Path("truth/companies.csv"));
  for (size_t i = 1; i < companies.size(); ++i) uscc_of[companies[i][0]] = companies[i][1];
  std::set<std::pair<std::string, std::string>> edges;
  auto guarantees = ReadCsv(Path("bank_corporate/guarantees.csv"));
  for (size_t i = 1; i < guarantees.size(); ++i) {
    edges.emplace(guarantees[i][Column(guarantees[0], "guarantor_uscc")],
                  guarantees[i][Column(guarantees[0], "borrower_uscc")]);
  }
  for (size_t i = 1; i < circles.size(); ++i) {
    std::string guarantor = circles[i][3];
    std::string borrower = uscc_of[circles[i][4]];
    EXPECT_EQ(edges.count({guarantor, borrower}), 1u) << guarantor << " -> " << borrower;
  }
}

// A guarantee secures a loan: every member of a planted circle borrows from the bank, in every
// month, for at least the amount its guarantor guarantees, so a default in the circle has an
// exposure for the contagion to measure.
TEST_F(GenerateRun, EveryCircleMemberHasTheLoanItsGuaranteeSecures) {
  auto circles = ReadCsv(Path("truth/guarantee_circles.csv"));
  ASSERT_GE(circles.size(), 4u);
  std::map<std::string, double> guaranteed;  // borrower uscc -> amount
  auto guarantees = ReadCsv(Path("bank_corporate/guarantees.csv"));
  for (size_t i = 1; i < guarantees.size(); ++i) {
    guaranteed[guarantees[i][Column(guarantees[0], "borrower_uscc")]] +=
        std::stod(guarantees[i][Column(guarantees[0], "amount")]);
  }
  for (const char* tag : {"202601", "202602", "202603"}) {
    auto loans = ReadCsv(Path(std::string("bank_corporate/loans_") + tag + ".csv"));
    // By contract ("CL" and the company number): a loan row may lack the borrower's code.
    std::map<std::string, double> borrowed;
    for (size_t i = 1; i < loans.size(); ++i) {
      borrowed[loans[i][Column(loans[0], "contract_no")]] +=
          std::stod(loans[i][Column(loans[0], "loan_amount")]);
    }
    for (size_t i = 1; i < circles.size(); ++i) {
      const std::string contract = "CL" + circles[i][2].substr(1);
      const std::string& member = circles[i][3];
      ASSERT_EQ(borrowed.count(contract), 1u) << member << " has no loan in " << tag;
      EXPECT_GE(borrowed[contract], guaranteed[member]) << member << " in " << tag;
    }
  }
}

TEST_F(GenerateRun, PlantedFraudRingSharesAPhoneAcrossDistinctPeople) {
  auto rings = ReadCsv(Path("truth/fraud_rings.csv"));
  ASSERT_GE(rings.size(), 4u);
  std::string shared_phone = rings[1][2];
  // Find the ring's phone in the card issuer file (as typed: national digits, maybe spaced).
  std::string national = shared_phone.substr(3);
  std::map<std::string, std::string> person_of;
  for (const auto& row : ReadCsv(Path("truth/person_records.csv"))) person_of[row[2]] = row[3];
  std::set<std::string> people;
  for (const char* tag : {"202601", "202602", "202603"}) {
    auto csv = ReadCsv(Path(std::string("card_issuer/cards_") + tag + ".csv"));
    size_t mobile = Column(csv[0], "MOBILE_NO");
    for (size_t i = 1; i < csv.size(); ++i) {
      std::string digits;
      for (char c : csv[i][mobile]) {
        if (std::isdigit(static_cast<unsigned char>(c))) digits.push_back(c);
      }
      if (digits.ends_with(national)) people.insert(person_of[csv[i][0]]);
    }
  }
  EXPECT_GE(people.size(), 3u);
}

// Counts the issues the Metro 2 validator reports.
class CountingSink : public metro2::IssueSink {
 public:
  void Report(metro2::Issue issue) override {
    if (issue.severity() == metro2::Severity::kFatal) {
      ++fatal;
    } else {
      ++warnings;
    }
  }
  int fatal = 0;
  int warnings = 0;
};

TEST_F(GenerateRun, BankFilesAreMetro2ThatTheValidatorAccepts) {
  // Truth rows per Metro 2 file, and the records whose identity a validator must reject (the
  // bank lost both the SSN and the date of birth).
  std::map<std::string, int> rows;
  std::map<std::string, int> unidentifiable;
  for (const auto& row : ReadCsv(Path("truth/person_records.csv"))) {
    if (row[0] != "bank_a" && row[0] != "bank_b") continue;
    ++rows[row[1]];
    if (row[4].find("id_missing") != std::string::npos &&
        row[4].find("birth_date_missing") != std::string::npos) {
      ++unidentifiable[row[1]];
    }
  }
  ASSERT_EQ(rows.size(), 6u);  // two banks, three months
  for (const auto& [file, count] : rows) {
    CountingSink sink;
    Result<metro2::ValidationSummary> summary = metro2::ValidateFile(Path(file).string(), sink);
    ASSERT_TRUE(summary.ok()) << summary.error().ToString();
    EXPECT_EQ(static_cast<int>(summary->data_records), count) << file;
    EXPECT_EQ(static_cast<int>(summary->rejected_records), unidentifiable[file]) << file;
    EXPECT_GT(count, 100);
  }
}

TEST(Generate, RejectsBadOptions) {
  GeneratorOptions options;
  options.out_dir = TempDir("bad");
  options.months = 0;
  Result<GenerateSummary> result = Generate(options);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(result.error().message, ::testing::HasSubstr("--months"));
  options.months = 1;
  options.persons = -1;
  EXPECT_FALSE(Generate(options).ok());
  options.persons = 1;
  options.out_dir.clear();
  EXPECT_FALSE(Generate(options).ok());
}

TEST(Generate, UnwritableDirectoryIsUnavailable) {
  GeneratorOptions options;
  options.persons = 10;
  options.companies = 5;
  options.out_dir = "/proc/credo_cannot_write_here";
  Result<GenerateSummary> result = Generate(options);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kUnavailable);
}

}  // namespace
}  // namespace credo::ingest::generate
