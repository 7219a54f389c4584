// The generated feeds read through their generated mapping files with the mapping reader: every
// mapping loads, every record maps, and the mapped values agree with the ground truth.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "ingest/generate/generate.h"
#include "ingest/generate/mapping_files.h"
#include "ingest/mapping/mapped_reader.h"
#include "ingest/mapping/mapping.h"

namespace credo::ingest::generate {
namespace {

namespace fs = std::filesystem;

class GenerateMapping : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    out_dir_ = new fs::path(fs::temp_directory_path() /
                            ("credo_generate_mapping_" + std::to_string(::getpid())));
    fs::remove_all(*out_dir_);
    GeneratorOptions options;
    options.persons = 2000;
    options.companies = 800;
    options.seed = 17;
    options.months = 2;
    options.out_dir = out_dir_->string();
    Result<GenerateSummary> summary = Generate(options);
    ASSERT_TRUE(summary.ok()) << summary.error().ToString();
    // Truth: (file, record id) -> (entity id, corruptions); entity id -> national id / code.
    std::ifstream persons(*out_dir_ / "truth/persons.csv");
    std::string line;
    truth_ = new std::map<std::pair<std::string, std::string>, std::pair<std::string, std::string>>;
    identity_ = new std::map<std::string, std::string>;
    std::getline(persons, line);
    while (std::getline(persons, line)) {
      std::vector<std::string> fields = Split(line);
      (*identity_)[fields[0]] = fields[2];
    }
    std::ifstream companies(*out_dir_ / "truth/companies.csv");
    std::getline(companies, line);
    while (std::getline(companies, line)) {
      std::vector<std::string> fields = Split(line);
      (*identity_)[fields[0]] = fields[1];
    }
    for (const char* file : {"truth/person_records.csv", "truth/company_records.csv"}) {
      std::ifstream records(*out_dir_ / file);
      std::getline(records, line);
      while (std::getline(records, line)) {
        std::vector<std::string> fields = Split(line);
        (*truth_)[{fields[1], fields[2]}] = {fields[3], fields.size() > 4 ? fields[4] : ""};
      }
    }
  }
  static void TearDownTestSuite() {
    fs::remove_all(*out_dir_);
    delete out_dir_;
    delete truth_;
    delete identity_;
  }

  static std::vector<std::string> Split(const std::string& line) {
    std::vector<std::string> fields;
    std::stringstream stream(line);
    std::string field;
    while (std::getline(stream, field, ',')) fields.push_back(field);
    if (!line.empty() && line.back() == ',') fields.emplace_back();
    return fields;
  }

  // Reads `data` (relative) through `mapping` (relative); checks every record against the truth
  // and returns the number of records. `identity_field` is compared with the true identifier
  // unless the truth names a corruption of it.
  static int ReadAndCheck(const std::string& mapping_path, const std::string& data,
                          CanonicalField identity_field, std::string_view identity_corruption) {
    Result<Mapping> mapping = LoadMapping((*out_dir_ / mapping_path).string());
    EXPECT_TRUE(mapping.ok()) << mapping.error().ToString();
    if (!mapping.ok()) return 0;
    auto reader = MappedReader::Open(*mapping, (*out_dir_ / data).string());
    EXPECT_TRUE(reader.ok()) << reader.error().ToString();
    if (!reader.ok()) return 0;
    MappedRecord record;
    int records = 0;
    int issues = 0;
    while (true) {
      Result<bool> next = (*reader)->Next(&record);
      EXPECT_TRUE(next.ok()) << next.error().ToString();
      if (!next.ok() || !*next) break;
      ++records;
      issues += static_cast<int>(record.issues.size());
      auto found = truth_->find({data, record.Get(CanonicalField::kRecordId)});
      EXPECT_NE(found, truth_->end()) << data << " " << record.Get(CanonicalField::kRecordId);
      if (found == truth_->end()) continue;
      const auto& [entity, corruptions] = found->second;
      bool corrupted = !identity_corruption.empty() &&
                       corruptions.find(identity_corruption) != std::string::npos;
      if (!corrupted && record.Has(identity_field)) {
        EXPECT_EQ(record.Get(identity_field), (*identity_)[entity])
            << data << " line " << record.line;
      }
    }
    // Issues come only from corrupted values (a transposed digit, a swapped day and month).
    EXPECT_LE(issues, records / 10 + 1) << data;
    return records;
  }

  static fs::path* out_dir_;
  static std::map<std::pair<std::string, std::string>, std::pair<std::string, std::string>>* truth_;
  static std::map<std::string, std::string>* identity_;
};
fs::path* GenerateMapping::out_dir_ = nullptr;
std::map<std::pair<std::string, std::string>, std::pair<std::string, std::string>>*
    GenerateMapping::truth_ = nullptr;
std::map<std::string, std::string>* GenerateMapping::identity_ = nullptr;

TEST_F(GenerateMapping, EveryMappingFileLoads) {
  for (const MappingFile& file : GeneratedMappingFiles()) {
    Result<Mapping> mapping = LoadMapping((*out_dir_ / file.relative_path).string());
    EXPECT_TRUE(mapping.ok()) << file.relative_path << ": " << mapping.error().ToString();
  }
}

TEST_F(GenerateMapping, CardIssuerCsvMapsWithTrueIdentityNumbers) {
  EXPECT_GT(ReadAndCheck("mappings/card_issuer.toml", "card_issuer/cards_202601.csv",
                         CanonicalField::kIdentifier, "id_"),
            300);
}

TEST_F(GenerateMapping, OnlineLenderJsonLinesMapWithTrueIdentityNumbers) {
  EXPECT_GT(ReadAndCheck("mappings/online_lender.toml", "online_lender/loans_202602.jsonl",
                         CanonicalField::kIdentifier, "id_"),
            300);
}

TEST_F(GenerateMapping, RegistryAndCompanyFeedsMapWithTrueCodes) {
  EXPECT_EQ(ReadAndCheck("mappings/registry.toml", "registry/companies.csv",
                         CanonicalField::kCompanyIdentifier, ""),
            800);
  EXPECT_GT(ReadAndCheck("mappings/bank_corporate_loans.toml", "bank_corporate/loans_202601.csv",
                         CanonicalField::kCompanyIdentifier, "uscc_missing"),
            300);
  ReadAndCheck("mappings/court_companies.toml", "public_records/court_companies_202602.jsonl",
               CanonicalField::kCompanyIdentifier, "");
  ReadAndCheck("mappings/court_persons.toml", "public_records/court_persons_202602.jsonl",
               CanonicalField::kFullName, "");
  ReadAndCheck("mappings/tax_arrears.toml", "public_records/tax_arrears_202601.csv",
               CanonicalField::kCompanyIdentifier, "");
  ReadAndCheck("mappings/penalties.toml", "public_records/penalties_202601.jsonl",
               CanonicalField::kCompanyIdentifier, "");
}

}  // namespace
}  // namespace credo::ingest::generate
