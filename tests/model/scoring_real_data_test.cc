// Real data: a scorecard trained on Give Me Some Credit (../shared/data/credit), its columns
// named as the bureau attributes that measure the same things, kept in a store registry, active
// for person_score, and used to score persons stored in the bureau.
//
// Column mapping (the GMSC definitions are close to, not identical with, the bureau's):
//   RevolvingUtilizationOfUnsecuredLines -> revolving_utilization
//   NumberOfTime30-59DaysPastDueNotWorse -> times_30dpd_24m     (GMSC: in the last 2 years)
//   NumberOfTime60-89DaysPastDueNotWorse -> times_60dpd_24m
//   NumberOfTimes90DaysLate              -> times_90plus_dpd_24m
//   NumberOfOpenCreditLinesAndLoans      -> tradelines_open
//   NumberRealEstateLoansOrLines         -> mortgage_tradelines_open
// left out: age, DebtRatio, MonthlyIncome, NumberOfDependents (the bureau does not hold them).
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "model/store_registry.h"
#include "model/subject_scoring.h"
#include "scoring_test_support.h"

namespace credo::model {
namespace {

using credo::testing::TestBureau;
using testing::kScoringAsOf;

std::string ReadGiveMeSomeCreditWithBureauNames() {
  std::ifstream in(std::string(CREDO_SHARED_DIR) +
                   "/data/credit/give_me_some_credit/cs-training.csv");
  std::stringstream text;
  text << in.rdbuf();
  std::string csv = text.str();
  const size_t header_end = csv.find('\n');
  std::string header = csv.substr(0, header_end);
  const std::pair<const char*, const char*> renames[] = {
      {"RevolvingUtilizationOfUnsecuredLines", "revolving_utilization"},
      {"NumberOfTime30-59DaysPastDueNotWorse", "times_30dpd_24m"},
      {"NumberOfTime60-89DaysPastDueNotWorse", "times_60dpd_24m"},
      {"NumberOfTimes90DaysLate", "times_90plus_dpd_24m"},
      {"NumberOfOpenCreditLinesAndLoans", "tradelines_open"},
      {"NumberRealEstateLoansOrLines", "mortgage_tradelines_open"},
  };
  for (const auto& [from, to] : renames) {
    const size_t at = header.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos) header.replace(at, std::string(from).size(), to);
  }
  return header + csv.substr(header_end);
}

SubjectId AddPersonWithHistory(Store& store, const std::string& name, const std::string& codes,
                               int64_t balance, int64_t limit) {
  SubjectId id = 0;
  Status status = store.WithTransaction([&](Transaction& tx) -> Status {
    Subject subject;
    subject.kind = SubjectKind::kPerson;
    subject.person.full_name = name;
    CREDO_ASSIGN_OR_RETURN(id, tx.InsertSubject(subject));
    Tradeline card = features::testing::MakeTradeline(AccountKind::kRevolving, "2018-05-01",
                                                      "2025-12-31", codes, balance, limit);
    card.subject_id = id;
    CREDO_TRY(tx.UpsertTradeline(card, 0));
    Tradeline loan = features::testing::MakeTradeline(AccountKind::kInstallment, "2021-05-01",
                                                      "2025-12-31", "000000", 400000, 600000);
    loan.subject_id = id;
    CREDO_TRY(tx.UpsertTradeline(loan, 0));
    return Ok();
  });
  EXPECT_TRUE(status.ok()) << status.error().ToString();
  return id;
}

TEST(ScoringRealDataTest, GiveMeSomeCreditScorecardScoresStoredPersons) {
  DatasetOptions options;
  options.target = "SeriousDlqin2yrs";
  options.training = true;
  options.exclude = {"age", "DebtRatio", "MonthlyIncome", "NumberOfDependents"};
  auto data = ParseCsvDataset(ReadGiveMeSomeCreditWithBureauNames(), "cs-training.csv", options);
  ASSERT_TRUE(data.ok()) << data.error().ToString();
  ASSERT_EQ(data->columns.size(), 6u);
  TrainOptions train;
  train.created_at = "2026-01-01T00:00:00Z";
  train.sources = {"give_me_some_credit/cs-training.csv (columns renamed to bureau attributes)"};
  auto model = TrainModel(*data, train);
  ASSERT_TRUE(model.ok()) << model.error().ToString();
  const double test_auc = model->metrics["test"]["auc"].get<double>();
  std::printf("GMSC scorecard on bureau attributes: test AUC %.4f (%zu characteristics)\n",
              test_auc, model->scorecard->characteristics.size());
  EXPECT_GT(test_auc, 0.83);
  EXPECT_TRUE(MissingInputs(*model, SubjectKind::kPerson).empty());

  TestBureau bureau(StoreBackend::kSqlite);
  auto store = bureau.Open();
  ASSERT_NE(store, nullptr);
  auto registry = StoreModelRegistry::Open(*store);
  ASSERT_TRUE(registry.ok());
  ASSERT_TRUE((*registry)->Register(*model, "analyst", "2026-01-01T00:00:00Z").ok());
  ASSERT_TRUE((*registry)
                  ->Activate("person_score", model->model_id, "lead", "GMSC scorecard", "t1")
                  .ok());

  // Months most recent first: '0' current, '1' 30 days, '2' 60 days, '3' 90 days late.
  const SubjectId clean =
      AddPersonWithHistory(*store, "Clean", "000000000000000000000000", 8000, 100000);
  const SubjectId late =
      AddPersonWithHistory(*store, "Late", "000123210000100000000000", 92000, 100000);
  std::optional<SubjectScore> clean_score, late_score;
  Status status = store->WithReadTransaction([&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(clean_score,
                           ScoreSubject(tx, **registry, "person_score", clean, kScoringAsOf));
    CREDO_ASSIGN_OR_RETURN(late_score,
                           ScoreSubject(tx, **registry, "person_score", late, kScoringAsOf));
    return Ok();
  });
  ASSERT_TRUE(status.ok()) << status.error().ToString();
  std::printf("clean file: %d (PD %.4f); late file: %d (PD %.4f), first reason %s\n",
              clean_score->score, clean_score->probability_of_default, late_score->score,
              late_score->probability_of_default,
              late_score->reasons.empty() ? "-" : late_score->reasons[0].code.c_str());
  EXPECT_GT(clean_score->score, late_score->score + 50);
  EXPECT_LT(clean_score->probability_of_default, 0.05);
  EXPECT_GT(late_score->probability_of_default, 0.2);
  ASSERT_FALSE(late_score->reasons.empty());
  bool delinquency_reason = false;
  for (const ScoreReason& reason : late_score->reasons) {
    if (reason.code.find("dpd") != std::string::npos) delinquency_reason = true;
  }
  EXPECT_TRUE(delinquency_reason);
}

}  // namespace
}  // namespace credo::model
