// GeneratorOptions::joint_account_share (`credo generate --joint-accounts`): J2 co-borrowers on
// a share of the Metro 2 bank accounts, decided per account so that nothing else changes.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "ingest/generate/generate.h"
#include "ingest/metro2/reader.h"
#include "ingest/metro2/validator.h"

namespace credo::ingest::generate {
namespace {

namespace fs = std::filesystem;

std::string TempDir(const std::string& name) {
  fs::path path = fs::temp_directory_path() /
                  ("credo_generate_joint_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(path);
  return path.string();
}

std::string ReadFile(const fs::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::stringstream buffer;
  buffer << file.rdbuf();
  return buffer.str();
}

bool IsMetro2(const std::string& relative) {
  return relative.find("/metro2_") != std::string::npos;
}

struct Metro2File {
  std::vector<metro2::DataRecord> records;
  metro2::TrailerRecord trailer;
};

// Every data record of a generated Metro 2 file, read back with the Metro 2 reader.
Metro2File ReadMetro2(const fs::path& path) {
  Metro2File file;
  Result<std::unique_ptr<metro2::Reader>> reader = metro2::Reader::OpenFile(path.string());
  EXPECT_TRUE(reader.ok()) << path;
  if (!reader.ok()) return file;
  metro2::IssueCounter issues;
  while ((*reader)->Next(issues)) {
    if ((*reader)->kind() == metro2::RecordKind::kData) file.records.push_back((*reader)->data());
    if ((*reader)->kind() == metro2::RecordKind::kTrailer) file.trailer = (*reader)->trailer();
  }
  EXPECT_EQ(issues.fatal(), 0u) << path;
  return file;
}

// US national id (SSN digits) -> person id, from truth/persons.csv.
std::map<int64_t, std::string> UsPersonsBySsn(const fs::path& truth) {
  std::map<int64_t, std::string> persons;
  std::ifstream file(truth);
  std::string line;
  std::getline(file, line);  // header: person_id,country,national_id,...
  while (std::getline(file, line)) {
    std::stringstream stream(line);
    std::string id, country, national_id;
    std::getline(stream, id, ',');
    std::getline(stream, country, ',');
    std::getline(stream, national_id, ',');
    if (country == "us" && !national_id.empty()) persons[std::stoll(national_id)] = id;
  }
  return persons;
}

GeneratorOptions Options(const std::string& out_dir, double joint_share) {
  GeneratorOptions options;
  options.persons = 3000;
  options.companies = 200;
  options.seed = 42;
  options.months = 2;
  options.out_dir = out_dir;
  options.joint_account_share = joint_share;
  return options;
}

// The same world generated twice: without joint accounts and with a 20% share.
class GenerateJoint : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    single_dir_ = new std::string(TempDir("single"));
    joint_dir_ = new std::string(TempDir("joint"));
    Result<GenerateSummary> single = Generate(Options(*single_dir_, 0));
    ASSERT_TRUE(single.ok()) << single.error().ToString();
    single_ = new GenerateSummary(*single);
    Result<GenerateSummary> joint = Generate(Options(*joint_dir_, 0.2));
    ASSERT_TRUE(joint.ok()) << joint.error().ToString();
    joint_ = new GenerateSummary(*joint);
  }
  static void TearDownTestSuite() {
    fs::remove_all(*single_dir_);
    fs::remove_all(*joint_dir_);
    delete single_dir_;
    delete joint_dir_;
    delete single_;
    delete joint_;
  }
  static fs::path Single(const std::string& relative) { return fs::path(*single_dir_) / relative; }
  static fs::path Joint(const std::string& relative) { return fs::path(*joint_dir_) / relative; }
  static std::vector<std::string> Metro2Files() {
    std::vector<std::string> files;
    for (const std::string& relative : single_->files) {
      if (IsMetro2(relative)) files.push_back(relative);
    }
    return files;
  }

  static std::string* single_dir_;
  static std::string* joint_dir_;
  static GenerateSummary* single_;
  static GenerateSummary* joint_;
};
std::string* GenerateJoint::single_dir_ = nullptr;
std::string* GenerateJoint::joint_dir_ = nullptr;
GenerateSummary* GenerateJoint::single_ = nullptr;
GenerateSummary* GenerateJoint::joint_ = nullptr;

TEST_F(GenerateJoint, ByDefaultNoAccountHasAJ2) {
  std::vector<std::string> files = Metro2Files();
  ASSERT_EQ(files.size(), 4u);  // two banks, two months
  for (const std::string& relative : files) {
    Metro2File file = ReadMetro2(Single(relative));
    EXPECT_GT(file.records.size(), 100u) << relative;
    for (const metro2::DataRecord& record : file.records) {
      EXPECT_TRUE(record.j2.empty())
          << relative << " " << record.base.consumer_account_number.str();
      EXPECT_EQ(record.base.ecoa_code.view(), "1");
    }
    EXPECT_EQ(file.trailer.total_consumer_segments_j2, 0) << relative;
  }
}

TEST_F(GenerateJoint, AShareOfAccountsNameAnotherPersonAsJointCoBorrower) {
  std::map<int64_t, std::string> persons_by_ssn = UsPersonsBySsn(Joint("truth/persons.csv"));
  ASSERT_FALSE(persons_by_ssn.empty());
  for (const std::string& relative : Metro2Files()) {
    Metro2File file = ReadMetro2(Joint(relative));
    ASSERT_GT(file.records.size(), 100u) << relative;
    size_t joint = 0;
    size_t with_ssn = 0;
    size_t known_persons = 0;
    for (const metro2::DataRecord& record : file.records) {
      const metro2::BaseSegment& base = record.base;
      if (record.j2.empty()) {
        EXPECT_EQ(base.ecoa_code.view(), "1");
        continue;
      }
      ++joint;
      ASSERT_EQ(record.j2.size(), 1u) << relative;
      const metro2::J2Segment& j2 = record.j2[0];
      EXPECT_EQ(j2.ecoa_code.view(), "2");
      EXPECT_EQ(base.ecoa_code.view(), "2");
      EXPECT_FALSE(j2.surname.blank());
      EXPECT_FALSE(j2.first_name.blank());
      EXPECT_TRUE(j2.surname != base.surname || j2.first_name != base.first_name)
          << j2.surname.str() << " " << j2.first_name.str();
      EXPECT_TRUE(j2.social_security_number > 0 || !j2.date_of_birth.empty());
      EXPECT_LE(j2.social_security_number, 999999999);
      if (j2.social_security_number > 0) {
        ++with_ssn;
        EXPECT_NE(j2.social_security_number, base.social_security_number);
        auto person = persons_by_ssn.find(j2.social_security_number);
        if (person != persons_by_ssn.end()) {
          ++known_persons;
          // Not the base consumer (whose SSN, when the bank kept it right, is theirs).
          auto base_person = persons_by_ssn.find(base.social_security_number);
          if (base_person != persons_by_ssn.end()) {
            EXPECT_NE(person->second, base_person->second);
          }
        }
      }
      if (!j2.date_of_birth.empty()) {
        EXPECT_TRUE(j2.date_of_birth.ToDate().ok());
      }
    }
    double share = static_cast<double>(joint) / static_cast<double>(file.records.size());
    EXPECT_GE(share, 0.10) << relative;
    EXPECT_LE(share, 0.30) << relative;
    EXPECT_EQ(file.trailer.total_consumer_segments_j2, static_cast<int64_t>(joint)) << relative;
    // Most co-borrowers are recorded with their true SSN: persons of the generated population.
    EXPECT_GE(with_ssn * 10, joint * 9) << relative;
    EXPECT_GE(known_persons * 10, joint * 8) << relative;
  }
}

TEST_F(GenerateJoint, AnAccountKeepsItsCoBorrowerFromMonthToMonth) {
  for (const char* bank : {"bank_a", "bank_b"}) {
    std::string bank_name = bank;
    Metro2File first = ReadMetro2(Joint(bank_name + "/metro2_202601.dat"));
    Metro2File second = ReadMetro2(Joint(bank_name + "/metro2_202602.dat"));
    std::map<std::string, std::vector<metro2::J2Segment>> first_month;
    for (const metro2::DataRecord& record : first.records) {
      first_month[record.base.consumer_account_number.str()] = record.j2;
    }
    size_t compared = 0;
    size_t joint_compared = 0;
    for (const metro2::DataRecord& record : second.records) {
      auto earlier = first_month.find(record.base.consumer_account_number.str());
      if (earlier == first_month.end()) continue;
      ++compared;
      joint_compared += record.j2.empty() ? 0 : 1;
      EXPECT_EQ(record.j2, earlier->second) << bank << " " << earlier->first;
    }
    EXPECT_GT(compared, 100u) << bank;
    EXPECT_GT(joint_compared, 10u) << bank;
  }
}

TEST_F(GenerateJoint, OnlyTheJ2AndTheEcoaCodeChangeInTheMetro2Records) {
  for (const std::string& relative : Metro2Files()) {
    Metro2File single = ReadMetro2(Single(relative));
    Metro2File joint = ReadMetro2(Joint(relative));
    ASSERT_EQ(single.records.size(), joint.records.size()) << relative;
    for (size_t i = 0; i < single.records.size(); ++i) {
      metro2::BaseSegment base = joint.records[i].base;
      base.ecoa_code.Set("1");
      EXPECT_EQ(base, single.records[i].base) << relative << " record " << i;
    }
  }
}

TEST_F(GenerateJoint, EveryOtherFileIsByteIdentical) {
  ASSERT_EQ(single_->files, joint_->files);
  size_t compared = 0;
  for (const std::string& relative : single_->files) {
    if (IsMetro2(relative)) continue;
    ++compared;
    EXPECT_EQ(ReadFile(Single(relative)), ReadFile(Joint(relative))) << relative;
  }
  EXPECT_GT(compared, 20u);
  // Also the files that Generate does not list (mapping files and the like).
  for (const auto& entry : fs::recursive_directory_iterator(*single_dir_)) {
    if (!entry.is_regular_file()) continue;
    std::string relative = fs::relative(entry.path(), *single_dir_).generic_string();
    if (IsMetro2(relative)) continue;
    EXPECT_EQ(ReadFile(entry.path()), ReadFile(Joint(relative))) << relative;
  }
  EXPECT_EQ(single_->person_records, joint_->person_records);
  EXPECT_EQ(single_->tradeline_months, joint_->tradeline_months);
  EXPECT_EQ(single_->corruptions, joint_->corruptions);
}

TEST_F(GenerateJoint, TheValidatorRejectsNoMoreRecordsWithJointAccounts) {
  for (const std::string& relative : Metro2Files()) {
    metro2::IssueCounter single_issues;
    metro2::IssueCounter joint_issues;
    Result<metro2::ValidationSummary> single =
        metro2::ValidateFile(Single(relative).string(), single_issues);
    Result<metro2::ValidationSummary> joint =
        metro2::ValidateFile(Joint(relative).string(), joint_issues);
    ASSERT_TRUE(single.ok()) << single.error().ToString();
    ASSERT_TRUE(joint.ok()) << joint.error().ToString();
    EXPECT_EQ(joint->data_records, single->data_records) << relative;
    EXPECT_EQ(joint->rejected_records, single->rejected_records) << relative;
  }
}

TEST(GenerateJointOptions, RejectsAShareOutsideZeroToOne) {
  for (double share : {-0.1, 1.5, std::nan("")}) {
    GeneratorOptions options = Options(TempDir("bad"), share);
    Status status = ValidateOptions(options);
    ASSERT_FALSE(status.ok()) << share;
    EXPECT_EQ(status.error().code, ErrorCode::kInvalidArgument);
    EXPECT_THAT(status.error().message, ::testing::HasSubstr("--joint-accounts"));
  }
  for (double share : {0.0, 0.5, 1.0}) {
    EXPECT_TRUE(ValidateOptions(Options(TempDir("good"), share)).ok()) << share;
  }
}

}  // namespace
}  // namespace credo::ingest::generate
