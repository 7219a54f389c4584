// Training data from the bureau's own files: outcomes joined to stored subjects through their
// identifiers, attributes as of a date, constant columns left out, bad outcome files refused.
#include "model/bureau_training.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "model/dataset.h"
#include "scoring_test_support.h"

namespace credo::model {
namespace {

using credo::testing::TestBureau;
using testing::kScoringAsOf;

//! A valid CN resident identity number (GB 11643 check character) for a sequence number.
std::string CnId(int sequence) {
  char body[18];
  std::snprintf(body, sizeof(body), "11010519800101%03d", sequence);
  static const int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (body[i] - '0') * kWeights[i];
  return std::string(body, 17) + "10X98765432"[sum % 11];
}

SubjectId AddIdentifiedPerson(Store& store, const std::string& name, Identifier identifier,
                              int64_t balance) {
  SubjectId id = 0;
  Status status = store.WithTransaction([&](Transaction& tx) -> Status {
    Subject subject;
    subject.kind = SubjectKind::kPerson;
    subject.person.full_name = name;
    subject.person.identifiers.push_back(identifier);
    CREDO_ASSIGN_OR_RETURN(id, tx.InsertSubject(subject));
    Tradeline card = features::testing::MakeTradeline(AccountKind::kRevolving, "2019-03-01",
                                                      "2025-12-31", "000000", balance, 100000);
    card.subject_id = id;
    CREDO_TRY(tx.UpsertTradeline(card, 0));
    return Ok();
  });
  EXPECT_TRUE(status.ok()) << status.error().ToString();
  return id;
}

SubjectId AddIdentifiedCompany(Store& store, const std::string& name, Identifier identifier) {
  SubjectId id = 0;
  Status status = store.WithTransaction([&](Transaction& tx) -> Status {
    Subject subject;
    subject.kind = SubjectKind::kOrganization;
    subject.organization.name = name;
    subject.organization.identifiers.push_back(identifier);
    CREDO_ASSIGN_OR_RETURN(id, tx.InsertSubject(subject));
    return Ok();
  });
  EXPECT_TRUE(status.ok()) << status.error().ToString();
  return id;
}

//! The subject ids of an export's rows (its first column), in order.
std::vector<SubjectId> RowSubjects(const std::string& csv) {
  std::vector<SubjectId> ids;
  std::istringstream lines(csv);
  std::string line;
  std::getline(lines, line);  // header
  while (std::getline(lines, line)) {
    if (line.empty()) continue;
    ids.push_back(static_cast<SubjectId>(std::stoll(line.substr(0, line.find(',')))));
  }
  return ids;
}

class BureauTrainingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    bureau_ = std::make_unique<TestBureau>(StoreBackend::kSqlite);
    store_ = bureau_->Open();
    ASSERT_NE(store_, nullptr);
  }
  std::string WriteFile(const std::string& name, const std::string& text) {
    const std::string path = (bureau_->directory() / name).string();
    std::ofstream(path) << text;
    return path;
  }
  std::unique_ptr<TestBureau> bureau_;
  std::unique_ptr<Store> store_;
};

TEST_F(BureauTrainingTest, OutcomesJoinStoredSubjectsByTheirIdentifiers) {
  const SubjectId first = AddIdentifiedPerson(
      *store_, "甲", {IdentifierKind::kCnResidentId, CnId(11)}, 90000);
  const SubjectId second = AddIdentifiedPerson(
      *store_, "乙", {IdentifierKind::kCnResidentId, CnId(12)}, 10000);
  const SubjectId third =
      AddIdentifiedPerson(*store_, "John Roe", {IdentifierKind::kUsSsn, "536221234"}, 40000);
  const std::string truth = WriteFile(
      "persons.csv",
      "person_id,country,national_id,defaulted_12m\n"
      "P1,cn," + CnId(11) + ",1\n"
      "P2,cn," + CnId(12) + ",0\n"
      "P3,us,536221234,0\n"
      "P4,cn," + CnId(13) + ",1\n");  // never reported to the bureau
  std::ostringstream out;
  auto summary = ExportLabelledAttributes(*store_, kScoringAsOf, truth, out);
  ASSERT_TRUE(summary.ok()) << summary.error().ToString();
  EXPECT_EQ(summary->outcome_rows, 4);
  EXPECT_EQ(summary->labelled_subjects, 3);
  EXPECT_EQ(summary->bads, 1);
  EXPECT_EQ(summary->unmatched, 1);
  EXPECT_EQ(summary->conflicting, 0);
  EXPECT_FALSE(summary->dropped_columns.empty());  // e.g. bankruptcies_total is 0 for all

  DatasetOptions options;
  options.target = "defaulted_12m";
  options.training = true;
  options.exclude = {"subject_id"};
  auto data = ParseCsvDataset(out.str(), "export", options);
  ASSERT_TRUE(data.ok()) << data.error().ToString();  // trainable: no constant column
  EXPECT_EQ(data->rows, 3u);
  const Column* utilisation = data->Find("revolving_utilization");
  ASSERT_NE(utilisation, nullptr);
  std::istringstream lines(out.str());
  std::string header, row;
  std::getline(lines, header);
  std::getline(lines, row);
  EXPECT_EQ(row.substr(0, row.find(',')), std::to_string(first));
  EXPECT_EQ(row.substr(row.rfind(',') + 1), "1");
  EXPECT_NEAR(utilisation->numbers[0], 0.9, 1e-9);
  (void)second;
  (void)third;
}

TEST_F(BureauTrainingTest, ASubjectWhoseOutcomesDisagreeIsLeftOut) {
  AddIdentifiedPerson(*store_, "丙", {IdentifierKind::kCnResidentId, CnId(21)}, 50000);
  AddIdentifiedPerson(*store_, "丁", {IdentifierKind::kCnResidentId, CnId(22)}, 20000);
  AddIdentifiedPerson(*store_, "戊", {IdentifierKind::kCnResidentId, CnId(23)}, 70000);
  const std::string truth = WriteFile("persons.csv",
                                      "national_id,defaulted_12m\n" + CnId(21) + ",1\n" +
                                          CnId(21) + ",0\n" + CnId(22) + ",0\n" + CnId(23) +
                                          ",1\n");
  std::ostringstream out;
  auto summary = ExportLabelledAttributes(*store_, kScoringAsOf, truth, out);
  ASSERT_TRUE(summary.ok()) << summary.error().ToString();
  EXPECT_EQ(summary->conflicting, 1);
  EXPECT_EQ(summary->labelled_subjects, 2);
}

TEST_F(BureauTrainingTest, BadOutcomeFilesAreRefusedWithFileLineAndColumn) {
  AddIdentifiedPerson(*store_, "己", {IdentifierKind::kCnResidentId, CnId(31)}, 50000);
  std::ostringstream out;
  auto bad_value = ExportLabelledAttributes(
      *store_, kScoringAsOf,
      WriteFile("bad.csv", "national_id,defaulted_12m\n" + CnId(31) + ",yes\n"), out);
  ASSERT_FALSE(bad_value.ok());
  EXPECT_EQ(bad_value.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(bad_value.error().ToString().find("line 2"), std::string::npos)
      << bad_value.error().ToString();
  EXPECT_NE(bad_value.error().ToString().find("defaulted_12m"), std::string::npos);
  auto no_column = ExportLabelledAttributes(
      *store_, kScoringAsOf, WriteFile("nocol.csv", "id,outcome\n1,0\n"), out);
  ASSERT_FALSE(no_column.ok());
  EXPECT_NE(no_column.error().message.find("national_id"), std::string::npos);
  auto nobody = ExportLabelledAttributes(
      *store_, kScoringAsOf,
      WriteFile("nobody.csv", "national_id,defaulted_12m\n" + CnId(99) + ",0\n"), out);
  ASSERT_FALSE(nobody.ok());
  EXPECT_EQ(nobody.error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(out.str().empty());
}

// Companies are registered under a unified social credit code (CN) or an EIN (US): each outcome
// row's identifier is looked up as its own kind, by the country column or the value's form, or
// as the identifier_kind column names it (any kind core knows, "other" included).
TEST_F(BureauTrainingTest, CompanyIdentifiersAreLookedUpAsTheirOwnKind) {
  const SubjectId cn = AddIdentifiedCompany(
      *store_, "华信贸易有限公司", {IdentifierKind::kCnUnifiedSocialCredit, "91350100M000100Y43"});
  const SubjectId us =
      AddIdentifiedCompany(*store_, "Acme Tools Inc", {IdentifierKind::kUsEin, "123456789"});
  const SubjectId us_by_form =
      AddIdentifiedCompany(*store_, "Birch Supply LLC", {IdentifierKind::kUsEin, "234567890"});
  const SubjectId registry = AddIdentifiedCompany(
      *store_, "Cedar Registry Ltd", {IdentifierKind::kOther, "LEI-5493001KJTIIGC8Y1R12"});
  LabelledExportOptions options;
  options.kind = SubjectKind::kOrganization;
  options.identifier_column = "registration_id";
  options.drop_constant_columns = false;
  std::ostringstream out;
  auto summary = ExportLabelledAttributes(
      *store_, kScoringAsOf,
      WriteFile("companies.csv",
                "company_id,country,registration_id,defaults_12m\n"
                "C1,cn,91350100M000100Y43,1\n"
                "C2,us,12-3456789,0\n"
                "C3,,234567890,1\n"    // no country: nine digits are an EIN
                "C4,US,987654321,0\n"  // never reported to the bureau
                "C5,,ABC,0\n"),        // neither form: its kind cannot be told
      out, options);
  ASSERT_TRUE(summary.ok()) << summary.error().ToString();
  EXPECT_EQ(summary->outcome_rows, 5);
  EXPECT_EQ(summary->labelled_subjects, 3);
  EXPECT_EQ(summary->bads, 2);
  EXPECT_EQ(summary->unmatched, 2);
  EXPECT_EQ(summary->wrong_kind, 0);
  EXPECT_EQ(RowSubjects(out.str()), (std::vector<SubjectId>{cn, us, us_by_form}));

  // The identifier_kind column names each row's kind (the default column uscc holds them all).
  LabelledExportOptions named;
  named.kind = SubjectKind::kOrganization;
  named.drop_constant_columns = false;
  std::ostringstream named_out;
  auto by_name = ExportLabelledAttributes(
      *store_, kScoringAsOf,
      WriteFile("named.csv",
                "identifier_kind,uscc,defaults_12m\n"
                "other,LEI-5493001KJTIIGC8Y1R12,1\n"
                "us_ein,123456789,0\n"
                "cn_uscc,91350100M000100Y43,0\n"),
      named_out, named);
  ASSERT_TRUE(by_name.ok()) << by_name.error().ToString();
  EXPECT_EQ(by_name->labelled_subjects, 3);
  EXPECT_EQ(by_name->unmatched, 0);
  EXPECT_EQ(RowSubjects(named_out.str()), (std::vector<SubjectId>{cn, us, registry}));

  std::ostringstream refused_out;
  auto refused = ExportLabelledAttributes(
      *store_, kScoringAsOf,
      WriteFile("unknown_kind.csv", "identifier_kind,uscc,defaults_12m\nduns,123456789,0\n"),
      refused_out, named);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(refused.error().ToString().find("line 2"), std::string::npos)
      << refused.error().ToString();
  EXPECT_NE(refused.error().ToString().find("identifier_kind"), std::string::npos);
  EXPECT_TRUE(refused_out.str().empty());
}

}  // namespace
}  // namespace credo::model
