// Attrition on a small bureau built through the store: closures between two dates are the
// event, features are taken as of the first date, and the model ranks closers first.
#include "decision/attrition.h"

#include <gtest/gtest.h>

#include "file_builder.h"

namespace credo::decision {
namespace {

using features::testing::D;
using features::testing::InsertPerson;
using features::testing::MakeTradeline;

class AttritionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // 120 persons. "Closers" hold an instalment loan with a small balance left and pay it off
    // in May; "keepers" hold a card they keep using. One in six of each breaks the pattern.
    Status status = bureau_.store().WithTransaction([&](Transaction& txn) -> Status {
      for (int i = 0; i < 120; ++i) {
        Subject subject;
        subject.kind = SubjectKind::kPerson;
        subject.person.full_name = "Person " + std::to_string(i);
        CREDO_ASSIGN_OR_RETURN(SubjectId id, txn.InsertSubject(subject));
        ids_.push_back(id);
        const bool closer = i % 2 == 0;
        const bool loan = closer != (i % 12 == 1 || i % 12 == 2);
        Tradeline march = loan ? MakeTradeline(AccountKind::kInstallment, "2022-04-01",
                                               "2024-03-31", "000", 20000 + 100 * i, 500000)
                               : MakeTradeline(AccountKind::kRevolving, "2018-01-01",
                                               "2024-03-31", "000", 300000 + 100 * i, 500000);
        march.subject_id = id;
        CREDO_TRY(txn.UpsertTradeline(march, 0));
        Tradeline may = march;
        may.reported_on = D("2024-05-31");
        may.history = PaymentHistory::FromCodes(D("2024-05-31"), "000").value();
        if (closer) {
          may.status = AccountStatus::kClosedPaid;
          may.closed_on = D("2024-05-20");
          may.balance.minor_units = 0;
        }
        CREDO_TRY(txn.UpsertTradeline(may, 0));
        if (closer) ++closers_;
      }
      return Ok();
    });
    ASSERT_TRUE(status.ok()) << status.error().ToString();
  }

  features::testing::TempBureau bureau_;
  std::vector<SubjectId> ids_;
  int closers_ = 0;
};

TEST_F(AttritionTest, TheSampleLabelsClosuresInTheWindowWithoutLookAhead) {
  auto sample = BuildAttritionSample(bureau_.store(),
                                     {SubjectKind::kPerson, D("2024-03-31"), D("2024-06-30")});
  ASSERT_TRUE(sample.ok()) << sample.error().ToString();
  EXPECT_EQ(sample->dataset.rows, 120u);
  EXPECT_EQ(sample->events, closers_);
  EXPECT_EQ(sample->dataset.target_name, "closed");
  // Features are as of March: every customer still had one open account then.
  const model::Column* open = sample->dataset.Find("tradelines_open");
  if (open != nullptr) {
    for (double v : open->numbers) EXPECT_EQ(v, 1);
  } else {
    EXPECT_NE(std::find(sample->dataset.dropped_columns.begin(),
                        sample->dataset.dropped_columns.end(), "tradelines_open"),
              sample->dataset.dropped_columns.end());  // constant (all 1), so dropped
  }
  for (size_t row = 0; row < sample->subjects.size(); ++row) {
    const size_t i = std::find(ids_.begin(), ids_.end(), sample->subjects[row]) - ids_.begin();
    EXPECT_EQ(sample->dataset.target[row], i % 2 == 0 ? 1 : 0);
  }
  // A window that ends before the closures has no event.
  auto early = BuildAttritionSample(bureau_.store(),
                                    {SubjectKind::kPerson, D("2024-03-31"), D("2024-04-30")});
  ASSERT_TRUE(early.ok());
  EXPECT_EQ(early->events, 0);
  // Closures before the observation date are not events either.
  auto late = BuildAttritionSample(bureau_.store(),
                                   {SubjectKind::kPerson, D("2024-05-31"), D("2024-06-30")});
  ASSERT_TRUE(late.ok());
  EXPECT_EQ(late->events, 0);
  EXPECT_EQ(late->dataset.rows, 60u);  // only the keepers still have an open account
}

TEST_F(AttritionTest, TrainsScoresAndRanksPerManager) {
  model::TrainOptions train;
  train.created_at = "2024-07-01T00:00:00Z";
  auto trained = TrainAttrition(bureau_.store(),
                                {SubjectKind::kPerson, D("2024-03-31"), D("2024-06-30")}, train);
  ASSERT_TRUE(trained.ok()) << trained.error().ToString();
  const auto& metrics = trained->artifact.metrics;
  ASSERT_TRUE(metrics.contains("test"));
  EXPECT_GT(metrics["test"]["auc"].get<double>(), 0.7);
  EXPECT_GT(metrics["test"]["ks"].get<double>(), 0.4);

  auto scores = ScoreAttrition(bureau_.store(), trained->artifact, SubjectKind::kPerson,
                               D("2024-03-31"));
  ASSERT_TRUE(scores.ok()) << scores.error().ToString();
  ASSERT_EQ(scores->size(), 120u);
  // Loan holders (mostly closers) score above card holders.
  double loan_pd = 0, card_pd = 0;
  for (size_t i = 0; i < scores->size(); ++i) {
    const bool loan = (i % 2 == 0) != (i % 12 == 1 || i % 12 == 2);
    (loan ? loan_pd : card_pd) += (*scores)[i].pd;
  }
  EXPECT_GT(loan_pd, card_pd);
  EXPECT_FALSE((*scores)[0].reasons_en.empty() && (*scores)[1].reasons_en.empty() &&
               (*scores)[2].reasons_en.empty());

  ManagerAssignment assignment;
  for (size_t i = 0; i < ids_.size(); ++i) {
    if (i < 100) assignment.manager_of[ids_[i]] = i % 2 == 0 ? "Wang" : "Li";
  }
  auto lists = TopAtRisk(*scores, assignment, 5);
  ASSERT_EQ(lists.size(), 3u);
  EXPECT_EQ(lists[0].manager, "(unassigned)");
  EXPECT_EQ(lists[0].customers_assigned, 20);
  EXPECT_EQ(lists[1].manager, "Li");
  EXPECT_EQ(lists[1].customers_assigned, 50);
  ASSERT_EQ(lists[1].customers.size(), 5u);
  for (size_t i = 1; i < 5; ++i) {
    EXPECT_GE(lists[1].customers[i - 1].pd, lists[1].customers[i].pd);
  }
}

TEST_F(AttritionTest, NoEventsIsAClearError) {
  auto trained = TrainAttrition(bureau_.store(),
                                {SubjectKind::kPerson, D("2024-03-31"), D("2024-04-30")}, {});
  ASSERT_FALSE(trained.ok());
  EXPECT_EQ(trained.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(trained.error().message.find("has 0 closures"), std::string::npos);
  auto backwards = BuildAttritionSample(bureau_.store(),
                                        {SubjectKind::kPerson, D("2024-06-30"), D("2024-03-31")});
  EXPECT_FALSE(backwards.ok());
}

}  // namespace
}  // namespace credo::decision
