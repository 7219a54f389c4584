#include "features/export.h"

#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "features/attribute.h"
#include "file_builder.h"

namespace credo::features {
namespace {

using testing::D;

std::vector<std::string> Split(const std::string& line, char separator) {
  std::vector<std::string> fields;
  std::string field;
  std::istringstream in(line);
  while (std::getline(in, field, separator)) fields.push_back(field);
  if (!line.empty() && line.back() == separator) fields.emplace_back();
  return fields;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::string line;
  std::istringstream in(text);
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

class ExportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    person_ = testing::InsertPerson(bureau_.store(), "Chen Jing");
    company_ = testing::InsertCompany(bureau_.store(), "Echo Ltd", D("2000-01-01"));
    Status status = bureau_.store().WithTransaction([&](Transaction& txn) -> Status {
      Inquiry inquiry = testing::MakeInquiry("Bank", "2024-06-01");
      inquiry.subject_id = person_;
      CREDO_TRY(txn.InsertInquiry(inquiry));
      return Ok();
    });
    ASSERT_TRUE(status.ok());
  }
  testing::TempBureau bureau_;
  SubjectId person_ = 0;
  SubjectId company_ = 0;
};

TEST_F(ExportTest, AllSubjectsWithPersonThenCompanyColumns) {
  std::ostringstream out;
  auto summary = ExportAttributes(bureau_.store(), D("2024-06-15"), out);
  ASSERT_TRUE(summary.ok()) << summary.error().ToString();
  EXPECT_EQ(summary->persons, 1);
  EXPECT_EQ(summary->companies, 1);
  const size_t columns = PersonAttributeDefinitions().size() + CompanyAttributeDefinitions().size();
  EXPECT_EQ(summary->columns, static_cast<int64_t>(columns));
  std::vector<std::string> lines = Lines(out.str());
  ASSERT_EQ(lines.size(), 3u);
  std::vector<std::string> header = Split(lines[0], ',');
  ASSERT_EQ(header.size(), columns + 3);
  EXPECT_EQ(header[0], "subject_id");
  EXPECT_EQ(header[3], PersonAttributeDefinitions()[0].name);
  EXPECT_EQ(header[3 + PersonAttributeDefinitions().size()], CompanyAttributeDefinitions()[0].name);
  for (size_t row = 1; row < lines.size(); ++row) {
    EXPECT_EQ(Split(lines[row], ',').size(), columns + 3) << lines[row];
  }
  std::vector<std::string> person = Split(lines[1], ',');
  EXPECT_EQ(person[0], std::to_string(person_));
  EXPECT_EQ(person[1], "person");
  EXPECT_EQ(person[2], "2024-06-15");
  size_t inquiries_1m = 0;
  for (size_t i = 0; i < header.size(); ++i) {
    if (header[i] == "inquiries_1m") inquiries_1m = i;
  }
  EXPECT_EQ(person[inquiries_1m], "1");
  EXPECT_EQ(person[3 + PersonAttributeDefinitions().size()], "");  // company columns empty
  std::vector<std::string> company = Split(lines[2], ',');
  EXPECT_EQ(company[1], "organization");
  EXPECT_EQ(company[3], "");  // person columns empty
  EXPECT_EQ(company[3 + PersonAttributeDefinitions().size()], "293");  // company_age_months
}

TEST_F(ExportTest, OneKindHasOnlyItsColumns) {
  std::ostringstream out;
  ExportOptions options;
  options.kind = SubjectKind::kOrganization;
  options.page_size = 1;  // paging across ids
  auto summary = ExportAttributes(bureau_.store(), D("2024-06-15"), out, options);
  ASSERT_TRUE(summary.ok());
  EXPECT_EQ(summary->persons, 0);
  EXPECT_EQ(summary->companies, 1);
  std::vector<std::string> lines = Lines(out.str());
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(Split(lines[0], ',').size(), CompanyAttributeDefinitions().size() + 3);
  EXPECT_EQ(Split(lines[1], ',')[0], std::to_string(company_));
}

TEST_F(ExportTest, EmptyBureauWritesTheHeaderOnly) {
  testing::TempBureau empty;
  std::ostringstream out;
  auto summary = ExportAttributes(empty.store(), D("2024-06-15"), out);
  ASSERT_TRUE(summary.ok());
  EXPECT_EQ(summary->persons + summary->companies, 0);
  EXPECT_EQ(Lines(out.str()).size(), 1u);
}

}  // namespace
}  // namespace credo::features
