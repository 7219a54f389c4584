// The registry as operators see it and models validated on the bureau's own history
// (model/bureau_validation.h): statuses from the registry's events, outcomes observed after each
// stored score, matured windows only, already-defaulted subjects left out, PSI per scoring date,
// champion against challenger on the same subjects.
#include "model/bureau_validation.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "file_builder.h"
#include "model/score_history.h"
#include "model/store_registry.h"
#include "scoring_test_support.h"

namespace credo::model {
namespace {

using features::testing::MakeTradeline;
using features::testing::TempBureau;
using testing::AddScoredPerson;
using testing::kScoringAsOf;

constexpr int kPersons = 80;

class BureauValidationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = StoreModelRegistry::Open(bureau_.store());
    ASSERT_TRUE(opened.ok()) << opened.error().ToString();
    registry_ = std::move(opened).value();
    champion_ = testing::TrainOn(testing::MakePersonBureauData(3000, 7));
    challenger_ = testing::TrainOn(testing::MakePersonBureauData(3000, 11));
    ASSERT_NE(champion_.model_id, challenger_.model_id);
    ASSERT_TRUE(registry_->Register(champion_, "lead", "2026-01-01T00:00:00Z").ok());
    ASSERT_TRUE(registry_->Register(challenger_, "lead", "2026-01-02T00:00:00Z").ok());
    ASSERT_TRUE(
        registry_->Activate("person_score", champion_.model_id, "lead", "go", "2026-01-03").ok());
    // Persons with rising utilisation; the riskiest fall 90 days behind after the as-of date,
    // the others stay current; every file is reported up to June 2026.
    for (int i = 0; i < kPersons; ++i) {
      int64_t limit = 1000000;
      int64_t balance = limit * i / kPersons;
      SubjectId id = AddScoredPerson(bureau_.store(), "P" + std::to_string(i), balance, limit, i % 3);
      bool bad = i >= 60 || i == 5;
      if (bad) ++bads_;
      if (i == 0) already_bad_ = id;
      Tradeline later = MakeTradeline(AccountKind::kInstallment, "2024-01-01", "2026-06-30",
                                      bad ? "333300" : "000000", 5000);
      later.subject_id = id;
      // Subject 0 was already 90 days behind in January (before the score): left out.
      Tradeline earlier =
          MakeTradeline(AccountKind::kInstallment, "2024-01-01", "2026-01-31", "300000", 5000);
      earlier.subject_id = id;
      Status status = bureau_.store().WithTransaction([&](Transaction& tx) -> Status {
        CREDO_TRY(tx.UpsertTradeline(later, 0));
        if (i == 0) CREDO_TRY(tx.UpsertTradeline(earlier, 0));
        return Ok();
      });
      ASSERT_TRUE(status.ok()) << status.error().ToString();
      persons_.push_back(id);
    }
    auto scored = ScoreAllSubjects(bureau_.store(), *registry_, "person_score", kScoringAsOf);
    ASSERT_TRUE(scored.ok()) << scored.error().ToString();
    ASSERT_EQ(scored->scored, kPersons);
  }

  nlohmann::json Validate(const std::string& model_id, BureauValidationOptions options) {
    nlohmann::json report;
    Status status = bureau_.store().WithReadTransaction([&](Transaction& tx) -> Status {
      CREDO_ASSIGN_OR_RETURN(report, ValidateOnBureau(tx, model_id, options));
      return Ok();
    });
    EXPECT_TRUE(status.ok()) << status.error().ToString();
    return report;
  }

  std::vector<RegisteredModel> Models() {
    std::vector<RegisteredModel> models;
    Status status = bureau_.store().WithReadTransaction([&](Transaction& tx) -> Status {
      CREDO_ASSIGN_OR_RETURN(models, ListRegisteredModels(tx));
      return Ok();
    });
    EXPECT_TRUE(status.ok()) << status.error().ToString();
    return models;
  }

  TempBureau bureau_;
  std::unique_ptr<StoreModelRegistry> registry_;
  ModelArtifact champion_;
  ModelArtifact challenger_;
  std::vector<SubjectId> persons_;
  SubjectId already_bad_ = 0;
  int bads_ = 0;
};

TEST_F(BureauValidationTest, StatusesFollowTheRegistryEvents) {
  auto models = Models();
  ASSERT_EQ(models.size(), 2u);
  std::map<std::string, RegisteredModel> by_id;
  for (const auto& m : models) by_id[m.model_id] = m;
  EXPECT_EQ(by_id[champion_.model_id].status, "active");
  EXPECT_EQ(by_id[champion_.model_id].product, "person_score");
  EXPECT_EQ(by_id[champion_.model_id].activated_at, "2026-01-03");
  EXPECT_EQ(by_id[challenger_.model_id].status, "challenger");
  EXPECT_EQ(by_id[challenger_.model_id].product, "person_score");
  EXPECT_EQ(by_id[challenger_.model_id].kind, "scorecard");
  EXPECT_EQ(by_id[challenger_.model_id].registered_at, "2026-01-02T00:00:00Z");
  EXPECT_TRUE(by_id[champion_.model_id].development.contains("auc"));
  // The challenger takes over: the champion retires.
  ASSERT_TRUE(
      registry_->Activate("person_score", challenger_.model_id, "lead", "better", "2026-02-01")
          .ok());
  for (const auto& m : Models()) {
    EXPECT_EQ(m.status, m.model_id == challenger_.model_id ? "active" : "retired") << m.model_id;
  }
}

TEST_F(BureauValidationTest, OutcomesAfterEachScoreWithinTheHorizon) {
  BureauValidationOptions options;
  options.horizon_months = 3;
  nlohmann::json report = Validate(champion_.model_id, options);
  ASSERT_TRUE(report["available"].get<bool>()) << report.dump(2);
  // Subject 0 was in default before the score: left out; the others all matured.
  EXPECT_EQ(report["sample"]["already_in_default"], 1);
  EXPECT_EQ(report["rows"], kPersons - 1);
  EXPECT_EQ(report["bads"], bads_);
  EXPECT_EQ(report["sample"]["data_through"], "2026-06-01");
  // Risk rises with utilisation in both the model and the outcomes.
  EXPECT_GT(report["auc"].get<double>(), 0.8);
  EXPECT_NEAR(report["gini"].get<double>(), 2 * report["auc"].get<double>() - 1, 1e-12);
  EXPECT_GT(report["ks"].get<double>(), 0.3);
  ASSERT_GE(report["roc"].size(), 3u);
  EXPECT_EQ(report["roc"].front()["fpr"], 0.0);
  EXPECT_EQ(report["roc"].back()["tpr"], 1.0);
  int64_t counted = 0;
  for (const auto& bin : report["calibration"]) counted += bin["count"].get<int64_t>();
  EXPECT_EQ(counted, kPersons - 1);
  const auto& confusion = report["confusion"];
  EXPECT_EQ(confusion["true_positive"].get<int64_t>() + confusion["false_negative"].get<int64_t>(),
            bads_);
  // One scoring date, PSI against the development distribution.
  ASSERT_EQ(report["psi_history"].size(), 1u);
  EXPECT_EQ(report["psi_history"][0]["date"], kScoringAsOf.ToIso());
  EXPECT_EQ(report["psi_history"][0]["count"], kPersons);
  EXPECT_GE(report["psi_history"][0]["psi"].get<double>(), 0.0);
}

// PSI of the stored scores (whole points, as ScoreSubject records them) against the development
// distribution: the development population itself is stable, a population with utilisation
// pushed up is not. Scorecard scores are atoms: cuts on unrounded scores would move whole atoms
// a band once the scores are stored rounded.
TEST_F(BureauValidationTest, StoredScoresOfTheDevelopmentPopulationAreStableAndAShiftIsNot) {
  const Dataset development = testing::MakePersonBureauData(3000, 7);
  TrainOptions train;
  train.test_share = 0;  // the development population is every row
  train.created_at = "2026-01-01T00:00:00Z";
  auto model = TrainModel(development, train);
  ASSERT_TRUE(model.ok()) << model.error().ToString();
  ASSERT_TRUE(registry_->Register(*model, "lead", "2026-01-04T00:00:00Z").ok());
  Dataset shifted = development;
  for (double& value : shifted.columns[0].numbers) value = std::min(1.0, value + 0.4);
  const Date shifted_as_of = kScoringAsOf.AddMonths(1);
  const Dataset* populations[] = {&development, &shifted};
  Status status = bureau_.store().WithTransaction([&](Transaction& tx) -> Status {
    for (const Dataset* data : populations) {
      CREDO_ASSIGN_OR_RETURN(ScoredBatch batch, ScoreModel(*model, *data, false));
      for (size_t i = 0; i < batch.rows.size(); ++i) {
        SubjectScore score;
        score.subject_id = static_cast<SubjectId>(1000000 + i);  // no stored subject needed
        score.product = "person_score";
        score.model_id = model->model_id;
        score.as_of = data == &development ? kScoringAsOf : shifted_as_of;
        score.score = static_cast<int>(std::lround(batch.rows[i].score));
        score.probability_of_default = batch.rows[i].pd;
        CREDO_TRY(RecordScore(tx, score, 0));
      }
    }
    return Ok();
  });
  ASSERT_TRUE(status.ok()) << status.error().ToString();
  const nlohmann::json history = Validate(model->model_id, {})["psi_history"];
  ASSERT_EQ(history.size(), 2u) << history.dump(2);
  EXPECT_EQ(history[0]["date"], kScoringAsOf.ToIso());
  EXPECT_EQ(history[0]["count"], development.rows);
  EXPECT_LT(history[0]["psi"].get<double>(), 0.01);
  EXPECT_EQ(history[0]["band"], "stable");
  EXPECT_EQ(history[1]["date"], shifted_as_of.ToIso());
  EXPECT_GT(history[1]["psi"].get<double>(), 0.25);
  EXPECT_EQ(history[1]["band"], "act");
}

TEST_F(BureauValidationTest, UnmaturedWindowsAreNotCountedAsGood) {
  BureauValidationOptions options;
  options.horizon_months = 12;  // January + 12 months is not covered by June's data
  nlohmann::json report = Validate(champion_.model_id, options);
  EXPECT_FALSE(report["available"].get<bool>());
  EXPECT_EQ(report["rows"], 0);
  EXPECT_EQ(report["sample"]["not_matured"], kPersons);
  EXPECT_TRUE(report["auc"].is_null());
  EXPECT_NE(report["reason"].get<std::string>().find("no matured score"), std::string::npos);
  // PSI needs no outcome.
  EXPECT_EQ(report["psi_history"].size(), 1u);
}

TEST_F(BureauValidationTest, ChampionAgainstChallengerOnTheSameSubjects) {
  BureauValidationOptions options;
  options.horizon_months = 3;
  nlohmann::json report;
  Status status = bureau_.store().WithReadTransaction([&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(report, CompareOnBureau(tx, "person_score", "", options));
    return Ok();
  });
  ASSERT_TRUE(status.ok()) << status.error().ToString();
  EXPECT_EQ(report["champion"]["model_id"], champion_.model_id);
  EXPECT_EQ(report["challenger"]["model_id"], challenger_.model_id);
  EXPECT_EQ(report["sample"]["compared"], kPersons - 1);
  EXPECT_EQ(report["champion"]["rows"], report["challenger"]["rows"]);
  EXPECT_EQ(report["champion"]["bads"], report["challenger"]["bads"]);
  EXPECT_GT(report["challenger"]["auc"].get<double>(), 0.8);
  ASSERT_FALSE(report["comparison"].is_null());
  EXPECT_NEAR(report["comparison"]["auc_difference"].get<double>(),
              report["challenger"]["auc"].get<double>() - report["champion"]["auc"].get<double>(),
              1e-12);
  // Refusals: unknown product model, no champion, the champion named as challenger.
  Status refused = bureau_.store().WithReadTransaction([&](Transaction& tx) -> Status {
    auto none = CompareOnBureau(tx, "company_rating", "", options);
    EXPECT_EQ(none.error().code, ErrorCode::kNotFound);
    auto same = CompareOnBureau(tx, "person_score", champion_.model_id, options);
    EXPECT_EQ(same.error().code, ErrorCode::kInvalidArgument);
    auto unknown = ValidateOnBureau(tx, "no-such-model", options);
    EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
    return Ok();
  });
  EXPECT_TRUE(refused.ok());
}

}  // namespace
}  // namespace credo::model
