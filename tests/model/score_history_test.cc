// Score history: recording, replacing a date's score, listing, the latest change with grade
// downgrades, and batch scoring every stored subject in pages with one audit entry per page.
#include "model/score_history.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "model/store_registry.h"
#include "model/store_schema.h"
#include "scoring_test_support.h"

namespace credo::model {
namespace {

using credo::testing::TestBureau;
using testing::kScoringAsOf;

class ScoreHistoryTest : public ::testing::TestWithParam<StoreBackend> {
 protected:
  void SetUp() override {
    CREDO_SKIP_IF_NO_PG(GetParam());
    bureau_ = std::make_unique<TestBureau>(GetParam());
    store_ = bureau_->Open();
    ASSERT_NE(store_, nullptr);
    auto opened = StoreModelRegistry::Open(*store_);
    ASSERT_TRUE(opened.ok()) << opened.error().ToString();
    registry_ = std::move(opened).value();
  }

  Status Record(SubjectId subject, const std::string& product, const std::string& as_of,
                int score, const std::string& grade, int64_t at,
                const std::string& model_id = "m1") {
    SubjectScore value;
    value.subject_id = subject;
    value.product = product;
    value.model_id = model_id;
    value.as_of = Date::ParseIso(as_of).value();
    value.score = score;
    value.score_min = 300;
    value.score_max = 900;
    value.probability_of_default = 0.05;
    value.grade = grade;
    value.reasons = {{"revolving_utilization", "", "", 30}, {"inquiries_6m", "", "", 10}};
    return store_->WithTransaction(
        [&](Transaction& tx) { return RecordScore(tx, value, at); });
  }

  template <typename F>
  void Read(F&& body) {
    Status status = store_->WithReadTransaction([&](Transaction& tx) -> Status {
      body(tx);
      return Ok();
    });
    ASSERT_TRUE(status.ok()) << status.error().ToString();
  }

  std::unique_ptr<TestBureau> bureau_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<StoreModelRegistry> registry_;
};

TEST_P(ScoreHistoryTest, RecordsListsAndReplacesTheSameDate) {
  ASSERT_TRUE(Record(7, "person_score", "2026-01-31", 640, "", 100).ok());
  ASSERT_TRUE(Record(7, "person_score", "2026-02-28", 610, "", 200).ok());
  ASSERT_TRUE(Record(7, "company_rating", "2026-02-28", 500, "BBB", 200).ok());
  ASSERT_TRUE(Record(8, "person_score", "2026-02-28", 700, "", 200).ok());
  ASSERT_TRUE(Record(7, "person_score", "2026-02-28", 605, "", 300).ok());  // recomputed
  Read([&](Transaction& tx) {
    auto scores = ListScores(tx, 7);
    ASSERT_TRUE(scores.ok()) << scores.error().ToString();
    ASSERT_EQ(scores->size(), 3u);
    EXPECT_EQ((*scores)[0].as_of, Date::ParseIso("2026-02-28").value());
    EXPECT_EQ((*scores)[2].as_of, Date::ParseIso("2026-01-31").value());
    EXPECT_EQ((*scores)[2].score, 640);
    EXPECT_EQ((*scores)[2].reasons,
              (std::vector<std::string>{"revolving_utilization", "inquiries_6m"}));
    EXPECT_EQ((*scores)[2].computed_at, 100);
    EXPECT_EQ((*scores)[2].score_min, 300);
    EXPECT_DOUBLE_EQ((*scores)[2].probability_of_default, 0.05);
    auto change = LatestScoreChange(tx, 7, "person_score");
    ASSERT_TRUE(change.ok());
    EXPECT_EQ(change->latest.score, 605);
    ASSERT_TRUE(change->previous.has_value());
    EXPECT_EQ(change->previous->score, 640);
    EXPECT_EQ(change->points_change, -35);
    EXPECT_FALSE(change->grade_downgrade);
    auto single = LatestScoreChange(tx, 8, "person_score");
    ASSERT_TRUE(single.ok());
    EXPECT_FALSE(single->previous.has_value());
    EXPECT_EQ(single->points_change, 0);
    EXPECT_EQ(LatestScoreChange(tx, 9, "person_score").error().code, ErrorCode::kNotFound);
  });
}

TEST_P(ScoreHistoryTest, GradeDowngradesFollowTheMasterScale) {
  ASSERT_TRUE(Record(5, "company_rating", "2026-01-31", 650, "A", 1).ok());
  ASSERT_TRUE(Record(5, "company_rating", "2026-02-28", 640, "BBB+", 2).ok());
  ASSERT_TRUE(Record(6, "company_rating", "2026-01-31", 600, "BB", 1).ok());
  ASSERT_TRUE(Record(6, "company_rating", "2026-02-28", 620, "BB+", 2).ok());
  Read([&](Transaction& tx) {
    EXPECT_TRUE(LatestScoreChange(tx, 5, "company_rating")->grade_downgrade);
    EXPECT_FALSE(LatestScoreChange(tx, 6, "company_rating")->grade_downgrade);
  });
}

// After a new champion model is activated and the book re-scored, the difference to the old
// model's score is the models', not the subject's: only scores of the same model are compared.
TEST_P(ScoreHistoryTest, AChangeComparesScoresOfTheSameModelOnly) {
  ASSERT_TRUE(Record(11, "person_score", "2026-01-31", 700, "", 1, "model-a").ok());
  ASSERT_TRUE(Record(11, "person_score", "2026-02-28", 620, "", 2, "model-b").ok());
  ASSERT_TRUE(Record(12, "person_score", "2026-01-31", 700, "", 1, "model-a").ok());
  ASSERT_TRUE(Record(12, "person_score", "2026-02-28", 620, "", 2, "model-a").ok());
  // A, then B twice: B's two scores.
  ASSERT_TRUE(Record(13, "person_score", "2026-01-31", 700, "", 1, "model-a").ok());
  ASSERT_TRUE(Record(13, "person_score", "2026-02-28", 600, "", 2, "model-b").ok());
  ASSERT_TRUE(Record(13, "person_score", "2026-03-31", 590, "", 3, "model-b").ok());
  // B re-scores a date A scored (replacing it): A's earlier score is no previous either.
  ASSERT_TRUE(Record(14, "person_score", "2026-01-31", 700, "", 1, "model-a").ok());
  ASSERT_TRUE(Record(14, "person_score", "2026-02-28", 690, "", 2, "model-a").ok());
  ASSERT_TRUE(Record(14, "person_score", "2026-02-28", 610, "", 3, "model-b").ok());
  // No grade downgrade across models.
  ASSERT_TRUE(Record(15, "company_rating", "2026-01-31", 650, "A", 1, "rating-a").ok());
  ASSERT_TRUE(Record(15, "company_rating", "2026-02-28", 600, "BB", 2, "rating-b").ok());
  Read([&](Transaction& tx) {
    auto a_then_b = LatestScoreChange(tx, 11, "person_score");
    ASSERT_TRUE(a_then_b.ok()) << a_then_b.error().ToString();
    EXPECT_EQ(a_then_b->latest.model_id, "model-b");
    EXPECT_EQ(a_then_b->latest.score, 620);
    EXPECT_FALSE(a_then_b->previous.has_value());
    EXPECT_EQ(a_then_b->points_change, 0);
    EXPECT_FALSE(a_then_b->grade_downgrade);

    auto a_then_a = LatestScoreChange(tx, 12, "person_score");
    ASSERT_TRUE(a_then_a.ok()) << a_then_a.error().ToString();
    ASSERT_TRUE(a_then_a->previous.has_value());
    EXPECT_EQ(a_then_a->previous->model_id, "model-a");
    EXPECT_EQ(a_then_a->previous->score, 700);
    EXPECT_EQ(a_then_a->points_change, -80);

    auto a_b_b = LatestScoreChange(tx, 13, "person_score");
    ASSERT_TRUE(a_b_b.ok()) << a_b_b.error().ToString();
    ASSERT_TRUE(a_b_b->previous.has_value());
    EXPECT_EQ(a_b_b->previous->model_id, "model-b");
    EXPECT_EQ(a_b_b->previous->score, 600);
    EXPECT_EQ(a_b_b->points_change, -10);

    auto rescored = LatestScoreChange(tx, 14, "person_score");
    ASSERT_TRUE(rescored.ok()) << rescored.error().ToString();
    EXPECT_EQ(rescored->latest.score, 610);
    EXPECT_FALSE(rescored->previous.has_value());
    EXPECT_EQ(rescored->points_change, 0);

    auto rating = LatestScoreChange(tx, 15, "company_rating");
    ASSERT_TRUE(rating.ok()) << rating.error().ToString();
    EXPECT_FALSE(rating->previous.has_value());
    EXPECT_FALSE(rating->grade_downgrade);
  });
}

TEST_P(ScoreHistoryTest, ScoreAllSubjectsScoresEveryPersonInPagesAndAuditsEachPage) {
  const ModelArtifact model = testing::TrainOn(testing::MakePersonBureauData());
  ASSERT_TRUE(registry_->Register(model, "analyst", "t0").ok());
  ASSERT_TRUE(registry_->Activate("person_score", model.model_id, "lead", "go", "t1").ok());
  std::vector<SubjectId> persons;
  for (int i = 0; i < 7; ++i) {
    persons.push_back(testing::AddScoredPerson(*store_, "P" + std::to_string(i),
                                               12000 * (i + 1), 100000, i % 3));
  }
  testing::AddCompany(*store_, "一家公司");
  FixedClock clock(kScoringAsOf, 1767225600);
  BatchScoringOptions options;
  options.page_size = 3;
  options.clock = &clock;
  int64_t progress_calls = 0;
  options.progress = [&](int64_t) { ++progress_calls; };
  auto summary = ScoreAllSubjects(*store_, *registry_, "person_score", kScoringAsOf, options);
  ASSERT_TRUE(summary.ok()) << summary.error().ToString();
  EXPECT_EQ(summary->scored, 7);
  EXPECT_EQ(summary->skipped, 1);  // the company
  EXPECT_EQ(summary->failed, 0);
  EXPECT_EQ(summary->pages, 3);
  EXPECT_EQ(progress_calls, 3);
  EXPECT_EQ(summary->model_id, model.model_id);

  Read([&](Transaction& tx) {
    for (SubjectId id : persons) {
      auto scores = ListScores(tx, id);
      ASSERT_TRUE(scores.ok());
      ASSERT_EQ(scores->size(), 1u);
      auto direct = ScoreSubject(tx, *registry_, "person_score", id, kScoringAsOf);
      ASSERT_TRUE(direct.ok());
      EXPECT_EQ((*scores)[0].score, direct->score);
      EXPECT_EQ((*scores)[0].model_id, model.model_id);
      EXPECT_EQ((*scores)[0].computed_at, 1767225600);
      ASSERT_EQ((*scores)[0].reasons.size(), direct->reasons.size());
    }
    auto audit = tx.ListAudit(0, 100000);
    ASSERT_TRUE(audit.ok());
    int pages = 0;
    for (const AuditEntry& entry : *audit) {
      if (entry.action != "model.score_batch") continue;
      ++pages;
      auto detail = nlohmann::json::parse(entry.detail);
      EXPECT_EQ(detail["model_id"], model.model_id);
      EXPECT_EQ(detail["as_of"], "2026-01-31");
    }
    EXPECT_EQ(pages, 3);
    auto distribution = SummarizeScores(tx, "person_score", kScoringAsOf);
    ASSERT_TRUE(distribution.ok()) << distribution.error().ToString();
    EXPECT_EQ(distribution->count, 7);
    EXPECT_LE(distribution->min, distribution->p10);
    EXPECT_LE(distribution->p10, distribution->median);
    EXPECT_LE(distribution->median, distribution->p90);
    EXPECT_LE(distribution->p90, distribution->max);
    EXPECT_LT(distribution->min, distribution->max);
    EXPECT_TRUE(distribution->grades.empty());
    EXPECT_EQ(SummarizeScores(tx, "person_score", kScoringAsOf.AddDays(1))->count, 0);
  });

  // Running it again replaces the date's scores instead of adding to them.
  ASSERT_TRUE(ScoreAllSubjects(*store_, *registry_, "person_score", kScoringAsOf, options).ok());
  Read([&](Transaction& tx) { EXPECT_EQ(ListScores(tx, persons[0])->size(), 1u); });
}

TEST_P(ScoreHistoryTest, AFileThatFailsIsCountedAndTheOthersAreScored) {
  const ModelArtifact foreign = testing::TrainOn(testing::MakeCreditData(2000, 3));
  ASSERT_TRUE(registry_->Register(foreign, "analyst", "t0").ok());
  ASSERT_TRUE(registry_->Activate("card_score", foreign.model_id, "lead", "go", "t1").ok());
  testing::AddScoredPerson(*store_, "A", 1000, 10000, 0);
  testing::AddScoredPerson(*store_, "B", 1000, 10000, 0);
  auto summary = ScoreAllSubjects(*store_, *registry_, "card_score", kScoringAsOf);
  ASSERT_TRUE(summary.ok()) << summary.error().ToString();
  EXPECT_EQ(summary->scored, 0);
  EXPECT_EQ(summary->failed, 2);
  ASSERT_EQ(summary->errors.size(), 2u);
  EXPECT_NE(summary->errors[0].ToString().find("utilisation"), std::string::npos);
  EXPECT_EQ(ScoreAllSubjects(*store_, *registry_, "person_score", kScoringAsOf).error().code,
            ErrorCode::kNotFound);
}

INSTANTIATE_TEST_SUITE_P(Backends, ScoreHistoryTest,
                         ::testing::Values(StoreBackend::kSqlite, StoreBackend::kPostgres),
                         credo::testing::BackendName);

}  // namespace
}  // namespace credo::model
