// Training data from the bureau's own files: outcomes joined to stored subjects through their
// identifiers, attributes as of a date, constant columns left out, bad outcome files refused.
#include "model/bureau_training.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

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

}  // namespace
}  // namespace credo::model
