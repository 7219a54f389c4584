// ScoreSubject on stored subjects: the same score as the trainer's scoring of the same row, no
// look-ahead, reasons by impact in both languages, grades for graded products, clear errors, the
// store registry read through the caller's transaction, the file registry through its interface.
#include "model/subject_scoring.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <map>
#include <optional>
#include <thread>
#include <utility>

#include "model/rating.h"
#include "model/store_registry.h"
#include "scoring_test_support.h"

namespace credo::model {
namespace {

using credo::testing::TestBureau;
using testing::kScoringAsOf;

class SubjectScoringTest : public ::testing::TestWithParam<StoreBackend> {
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

  void Activate(const ModelArtifact& artifact, const std::string& product) {
    ASSERT_TRUE(registry_->Register(artifact, "analyst", "t0").ok());
    auto status = registry_->Activate(product, artifact.model_id, "lead", "test", "t1");
    ASSERT_TRUE(status.ok()) << status.error().ToString();
  }

  Result<SubjectScore> Score(SubjectId id, std::string_view product = "person_score",
                             Date as_of = kScoringAsOf) {
    std::optional<Result<SubjectScore>> result;
    Status status = store_->WithReadTransaction([&](Transaction& tx) -> Status {
      result = ScoreSubject(tx, *registry_, product, id, as_of);
      return Ok();
    });
    if (!status.ok()) return status.error();
    return std::move(*result);
  }

  std::unique_ptr<TestBureau> bureau_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<StoreModelRegistry> registry_;
};

//! The trainer's score of one row holding `attributes`' values of the model's inputs.
ScoredRow TrainerScore(const ModelArtifact& artifact, const features::AttributeSet& attributes) {
  Dataset row;
  row.rows = 1;
  row.lines = {1};
  for (const Attribute& input : artifact.attributes) {
    Column column;
    column.name = input.name;
    const features::AttributeValue* value = attributes.Find(input.name);
    column.numbers.push_back(value && *value ? **value : std::nan(""));
    row.columns.push_back(std::move(column));
  }
  auto batch = ScoreModel(artifact, row, true);
  EXPECT_TRUE(batch.ok()) << batch.error().ToString();
  return batch.ok() ? batch->rows.at(0) : ScoredRow{};
}

TEST_P(SubjectScoringTest, AStoredPersonScoresAsTheTrainerScoresTheSameAttributes) {
  const ModelArtifact model = testing::TrainOn(testing::MakePersonBureauData());
  Activate(model, "person_score");
  const SubjectId id = testing::AddScoredPerson(*store_, "王芳", 85000, 100000, 3);
  auto score = Score(id);
  ASSERT_TRUE(score.ok()) << score.error().ToString();
  const features::AttributeSet attributes = testing::AttributesOf(*store_, id);
  const ScoredRow expected = TrainerScore(model, attributes);
  EXPECT_EQ(score->score, static_cast<int>(std::lround(expected.score)));
  EXPECT_NEAR(score->probability_of_default, expected.pd, 1e-12);
  EXPECT_EQ(score->model_id, model.model_id);
  EXPECT_EQ(score->product, "person_score");
  EXPECT_EQ(score->subject_id, id);
  EXPECT_EQ(score->as_of, kScoringAsOf);
  EXPECT_TRUE(score->grade.empty());  // person_score is not graded
  EXPECT_LE(score->score_min, score->score);
  EXPECT_LE(score->score, score->score_max);
  EXPECT_LT(score->score_min, score->score_max);
  ASSERT_FALSE(score->reasons.empty());
  EXPECT_LE(score->reasons.size(), 4u);
  EXPECT_EQ(score->reasons[0].code, model.scorecard->ReasonCode(expected.reasons[0]));
  for (size_t i = 0; i < score->reasons.size(); ++i) {
    EXPECT_GT(score->reasons[i].impact, 0);
    EXPECT_NE(score->reasons[i].text_en.find(score->reasons[i].code), std::string::npos);
    EXPECT_FALSE(score->reasons[i].text_zh.empty());
    EXPECT_NE(score->reasons[i].text_zh, score->reasons[i].text_en);
    if (i > 0) {
      EXPECT_GE(score->reasons[i - 1].impact, score->reasons[i].impact);
    }
  }
}

TEST_P(SubjectScoringTest, AScoreRangeBoundsTheScoreAndItsReportedRange) {
  ModelArtifact model = testing::TrainOn(testing::MakePersonBureauData());
  const SubjectId id = testing::AddScoredPerson(*store_, "王芳", 85000, 100000, 3);
  const ScoredRow raw = TrainerScore(model, testing::AttributesOf(*store_, id));
  // A range whose ceiling lies below this person's raw score.
  model.scaling.score_floor = raw.score - 400;
  model.scaling.score_ceiling = raw.score - 10;
  model.scorecard->scaling = model.scaling;
  model.model_id += "-ranged";
  Activate(model, "person_score");
  auto score = Score(id);
  ASSERT_TRUE(score.ok()) << score.error().ToString();
  EXPECT_EQ(score->score, static_cast<int>(std::lround(raw.score - 10)));
  EXPECT_GE(score->score_min, static_cast<int>(std::floor(raw.score - 400)));
  EXPECT_LE(score->score_max, static_cast<int>(std::ceil(raw.score - 10)));
  EXPECT_NEAR(score->probability_of_default, raw.pd, 1e-12);  // the model's PD, not the clamp's
}

TEST_P(SubjectScoringTest, AHeavierFileScoresLowerWithUtilisationFirstAmongReasons) {
  Activate(testing::TrainOn(testing::MakePersonBureauData()), "person_score");
  const SubjectId careful = testing::AddScoredPerson(*store_, "Careful", 5000, 100000, 0);
  const SubjectId stretched = testing::AddScoredPerson(*store_, "Stretched", 98000, 100000, 4);
  auto low_risk = Score(careful);
  auto high_risk = Score(stretched);
  ASSERT_TRUE(low_risk.ok() && high_risk.ok());
  EXPECT_GT(low_risk->score, high_risk->score + 20);
  EXPECT_LT(low_risk->probability_of_default, high_risk->probability_of_default);
  ASSERT_FALSE(high_risk->reasons.empty());
  EXPECT_EQ(high_risk->reasons[0].code, "revolving_utilization");
}

TEST_P(SubjectScoringTest, ARecordReportedAfterTheAsOfDateChangesNothing) {
  Activate(testing::TrainOn(testing::MakePersonBureauData()), "person_score");
  const SubjectId id = testing::AddScoredPerson(*store_, "李雷", 20000, 100000, 1);
  auto before = Score(id);
  ASSERT_TRUE(before.ok()) << before.error().ToString();
  Status status = store_->WithTransaction([&](Transaction& tx) -> Status {
    Tradeline late = features::testing::MakeTradeline(AccountKind::kRevolving, "2026-02-01",
                                                      "2026-02-28", "0", 99000, 100000);
    late.subject_id = id;
    CREDO_TRY(tx.UpsertTradeline(late, 0));
    Inquiry inquiry = features::testing::MakeInquiry("Late Lender", "2026-02-10");
    inquiry.subject_id = id;
    CREDO_TRY(tx.InsertInquiry(inquiry));
    return Ok();
  });
  ASSERT_TRUE(status.ok()) << status.error().ToString();
  auto after = Score(id);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->score, before->score);
  EXPECT_EQ(after->probability_of_default, before->probability_of_default);
  auto later = Score(id, "person_score", Date::ParseIso("2026-03-01").value());
  ASSERT_TRUE(later.ok());
  EXPECT_LT(later->score, before->score);  // known by then
}

TEST_P(SubjectScoringTest, ClearErrorsForWhatCannotBeScored) {
  const SubjectId person = testing::AddScoredPerson(*store_, "Someone", 1000, 10000, 0);
  auto no_model = Score(person);
  ASSERT_FALSE(no_model.ok());
  EXPECT_EQ(no_model.error().code, ErrorCode::kNotFound);
  EXPECT_NE(no_model.error().message.find("no active model"), std::string::npos);

  Activate(testing::TrainOn(testing::MakePersonBureauData()), "person_score");
  EXPECT_EQ(Score(987654).error().code, ErrorCode::kNotFound);

  const SubjectId company = testing::AddCompany(*store_, "示例科技有限公司");
  auto wrong_kind = Score(company);
  ASSERT_FALSE(wrong_kind.ok());
  EXPECT_EQ(wrong_kind.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(wrong_kind.error().message.find("scores persons"), std::string::npos);

  // A model trained on columns the bureau does not compute (German-credit-like names).
  const ModelArtifact foreign = testing::TrainOn(testing::MakeCreditData(2000, 3));
  Activate(foreign, "card_score");
  auto missing = Score(person, "card_score");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(missing.error().message.find("utilisation"), std::string::npos)
      << missing.error().message;
  EXPECT_NE(missing.error().message.find("credo attributes list"), std::string::npos);
  EXPECT_EQ(MissingInputs(foreign, SubjectKind::kPerson).size(), foreign.attributes.size());

  EXPECT_EQ(Score(person, "bad product").error().code, ErrorCode::kInvalidArgument);
}

TEST_P(SubjectScoringTest, GradientBoostedTreesScoreWithContributionsAsReasons) {
  const ModelArtifact model =
      testing::TrainOn(testing::MakePersonBureauData(3000, 5), ModelKind::kGbdt);
  Activate(model, "person_score");
  const SubjectId id = testing::AddScoredPerson(*store_, "Tree", 97000, 100000, 4);
  auto score = Score(id);
  ASSERT_TRUE(score.ok()) << score.error().ToString();
  const ScoredRow expected = TrainerScore(model, testing::AttributesOf(*store_, id));
  EXPECT_NEAR(score->probability_of_default, expected.pd, 1e-6);
  EXPECT_EQ(score->score, std::clamp(static_cast<int>(std::lround(expected.score)),
                                     score->score_min, score->score_max));
  ASSERT_FALSE(score->reasons.empty());
  EXPECT_EQ(score->reasons[0].code, "revolving_utilization");
  for (const ScoreReason& reason : score->reasons) EXPECT_GT(reason.impact, 0);
}

TEST_P(SubjectScoringTest, CompanyRatingCarriesAMasterScaleGrade) {
  Activate(testing::TrainOn(testing::MakeCompanyBureauData()), "company_rating");
  const SubjectId company = testing::AddCompany(*store_, "示例制造有限公司");
  auto score = Score(company, "company_rating");
  ASSERT_TRUE(score.ok()) << score.error().ToString();
  EXPECT_FALSE(score->grade.empty());
  auto scale = LoadMasterScale(DefaultMasterScalePath());
  ASSERT_TRUE(scale.ok());
  EXPECT_EQ(score->grade, scale->GradeOf(score->probability_of_default));
}

TEST_P(SubjectScoringTest, ActivationAndRollbackAreSeenByTheNextScore) {
  const ModelArtifact first = testing::TrainOn(testing::MakePersonBureauData(3000, 1));
  const ModelArtifact second = testing::TrainOn(testing::MakePersonBureauData(3000, 2));
  Activate(first, "person_score");
  const SubjectId id = testing::AddScoredPerson(*store_, "Switch", 50000, 100000, 2);
  EXPECT_EQ(Score(id)->model_id, first.model_id);
  Activate(second, "person_score");
  EXPECT_EQ(Score(id)->model_id, second.model_id);
  ASSERT_TRUE(registry_->Rollback("person_score", "lead", "back", "t2").ok());
  EXPECT_EQ(Score(id)->model_id, first.model_id);
}

TEST_P(SubjectScoringTest, ThreadsEachWithTheirOwnStoreScoreAlike) {
  if (GetParam() == StoreBackend::kPostgres) GTEST_SKIP() << "one backend is enough here";
  Activate(testing::TrainOn(testing::MakePersonBureauData()), "person_score");
  std::vector<SubjectId> ids;
  for (int i = 0; i < 8; ++i) {
    ids.push_back(testing::AddScoredPerson(*store_, "P" + std::to_string(i), 10000 * (i + 1),
                                           100000, i % 4));
  }
  std::vector<int> expected;
  for (SubjectId id : ids) expected.push_back(Score(id)->score);
  std::vector<std::thread> threads;
  std::atomic<int> mismatches{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      auto store = OpenStore(bureau_->Options());
      if (!store.ok()) {
        ++mismatches;
        return;
      }
      auto registry = StoreModelRegistry::Open(**store);
      for (int round = 0; round < 20; ++round) {
        for (size_t i = 0; i < ids.size(); ++i) {
          Status status = (*store)->WithReadTransaction([&](Transaction& tx) -> Status {
            CREDO_ASSIGN_OR_RETURN(SubjectScore score,
                                   ScoreSubject(tx, **registry, "person_score", ids[i],
                                                kScoringAsOf));
            if (score.score != expected[i]) ++mismatches;
            return Ok();
          });
          if (!status.ok()) ++mismatches;
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(mismatches.load(), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, SubjectScoringTest,
                         ::testing::Values(StoreBackend::kSqlite, StoreBackend::kPostgres),
                         credo::testing::BackendName);

TEST(SubjectScoringFileRegistryTest, TheFileRegistryWorksThroughItsInterface) {
  const auto folder =
      std::filesystem::temp_directory_path() / credo::testing::UniqueName("credo_scoring_file_");
  auto registry = FileModelRegistry::Open(folder.string());
  ASSERT_TRUE(registry.ok());
  const ModelArtifact model = testing::TrainOn(testing::MakePersonBureauData());
  ASSERT_TRUE((*registry)->Register(model, "analyst", "t0").ok());
  ASSERT_TRUE((*registry)->Activate("person_score", model.model_id, "lead", "go", "t1").ok());
  TestBureau bureau(StoreBackend::kSqlite);
  auto store = bureau.Open();
  const SubjectId id = testing::AddScoredPerson(*store, "File", 30000, 100000, 1);
  const features::AttributeSet attributes = testing::AttributesOf(*store, id);
  Status status = store->WithReadTransaction([&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(SubjectScore score,
                           ScoreSubject(tx, **registry, "person_score", id, kScoringAsOf));
    EXPECT_EQ(score.model_id, model.model_id);
    auto direct = ScoreAttributes(model, "person_score", attributes);
    EXPECT_TRUE(direct.ok());
    EXPECT_EQ(direct->score, score.score);
    return Ok();
  });
  EXPECT_TRUE(status.ok()) << status.error().ToString();
  std::filesystem::remove_all(folder);
}

// Six risk factors, each 0 or 1 with even odds, each adding its own log-odds towards bad, from the
// strongest to the weakest; two are inquiry characteristics (inquiries_6m strong, inquiries_12m
// weak). Trees of depth 1 keep the model additive, so a factor's contribution follows its weight.
Dataset MakeRiskFactorData(size_t n) {
  constexpr std::pair<const char*, double> kFactors[] = {
      {"revolving_utilization", 3.0}, {"total_past_due", 2.4},      {"inquiries_6m", 1.8},
      {"collection_accounts", 1.2},   {"derogatory_accounts", 1.0}, {"inquiries_12m", 0.4}};
  SplitMix64 random(17);
  auto uniform = [&] { return static_cast<double>(random.Next() >> 11) / 9007199254740992.0; };
  Dataset data;
  data.source = "synthetic risk factors";
  data.target_name = "bad";
  data.bad_value = "1";
  data.good_value = "0";
  data.rows = n;
  for (const auto& factor : kFactors) {
    data.columns.push_back({factor.first, ColumnKind::kNumeric, {}, {}});
  }
  for (size_t i = 0; i < n; ++i) {
    double z = -4.0;
    for (size_t f = 0; f < data.columns.size(); ++f) {
      const double x = uniform() < 0.5 ? 1 : 0;
      data.columns[f].numbers.push_back(x);
      z += kFactors[f].second * x;
    }
    data.target.push_back(uniform() < 1.0 / (1.0 + std::exp(-z)) ? 1 : 0);
    data.lines.push_back(i + 2);
  }
  return data;
}

//! A person's attribute set holding `values` (every other attribute missing).
features::AttributeSet PersonAttributes(const std::map<std::string, double>& values) {
  features::AttributeSet set;
  set.kind = SubjectKind::kPerson;
  set.as_of = kScoringAsOf;
  set.definitions = features::PersonAttributeDefinitions();
  set.values.resize(set.definitions.size());
  for (size_t i = 0; i < set.definitions.size(); ++i) {
    auto found = values.find(std::string(set.definitions[i].name));
    if (found != values.end()) set.values[i] = found->second;
  }
  return set;
}

// The inquiries reason of a gradient-boosted model follows one rule in the single-subject scorer
// and the batch scorer (as in scorecards): the inquiry feature that lowered the score most is
// named once, among the four reasons or else as the inquiries reason.
TEST(SubjectScoringReasonsTest, GbdtInquiriesReasonOnlyWhenNoInquiryIsAmongTheReasons) {
  TrainOptions options;
  options.kind = ModelKind::kGbdt;
  options.test_share = 0;
  options.created_at = "2026-01-01T00:00:00Z";
  options.gbdt.trees = 100;
  options.gbdt.max_depth = 1;
  options.gbdt.eta = 0.3;
  options.gbdt.threads = 1;
  auto trained = TrainModel(MakeRiskFactorData(10000), options);
  ASSERT_TRUE(trained.ok()) << trained.error().ToString();
  const ModelArtifact& model = *trained;
  std::map<std::string, double> every_factor;
  for (const Attribute& input : model.attributes) every_factor[input.name] = 1;
  std::map<std::string, double> weak_inquiries = every_factor;
  weak_inquiries["inquiries_6m"] = 0;
  struct Case {
    std::map<std::string, double> values;
    std::vector<std::string> reasons;
    std::optional<std::string> inquiry_reason;
  };
  const Case cases[] = {
      // inquiries_6m is among the four; inquiries_12m also lowered the score: no second mention.
      {every_factor,
       {"revolving_utilization", "total_past_due", "inquiries_6m", "collection_accounts"},
       std::nullopt},
      // No inquiry among the four; inquiries_12m lowered the score: the inquiries reason, once.
      {weak_inquiries,
       {"revolving_utilization", "total_past_due", "collection_accounts", "derogatory_accounts"},
       "inquiries_12m"},
  };
  for (const Case& c : cases) {
    const features::AttributeSet attributes = PersonAttributes(c.values);
    auto single = ScoreAttributes(model, "person_score", attributes);
    ASSERT_TRUE(single.ok()) << single.error().ToString();
    std::vector<std::string> reasons;
    for (const ScoreReason& reason : single->reasons) reasons.push_back(reason.code);
    EXPECT_EQ(reasons, c.reasons);
    EXPECT_EQ(single->inquiry_reason.has_value(), c.inquiry_reason.has_value());
    if (single->inquiry_reason && c.inquiry_reason) {
      EXPECT_EQ(single->inquiry_reason->code, *c.inquiry_reason);
      EXPECT_GT(single->inquiry_reason->impact, 0);
    }
    // The batch scorer gives the same reasons and the same inquiries reason.
    const ScoredRow batch = TrainerScore(model, attributes);
    std::vector<std::string> batch_reasons;
    for (int16_t reason : batch.reasons) {
      if (reason >= 0) batch_reasons.push_back(model.attributes.at(reason).name);
    }
    EXPECT_EQ(batch_reasons, reasons);
    EXPECT_EQ(batch.inquiry_reason >= 0, single->inquiry_reason.has_value());
    if (batch.inquiry_reason >= 0 && single->inquiry_reason) {
      EXPECT_EQ(model.attributes.at(batch.inquiry_reason).name, single->inquiry_reason->code);
    }
  }
}

// A subject is scored from the parts of its file the model's inputs read: a person model on
// utilisation, inquiries and open tradelines reads no public record, statement or relation, a
// company model on ratios and judgments no inquiry, relation or tradeline.
TEST(SubjectScoringPartsTest, AModelReadsOnlyThePartsOfItsInputs) {
  using Part = features::CreditFilePart;
  const ModelArtifact person = testing::TrainOn(testing::MakePersonBureauData());
  auto prepared = PrepareScoringModel(person);
  ASSERT_TRUE(prepared.ok()) << prepared.error().ToString();
  features::CreditFileParts expected;
  for (const Attribute& input : person.attributes) {
    if (input.name == "inquiries_6m") expected |= {Part::kInquiries};
    if (input.name == "revolving_utilization" || input.name == "tradelines_open") {
      expected |= {Part::kTradelines};
    }
  }
  EXPECT_NE(expected, features::CreditFileParts());
  EXPECT_EQ(PartsRead(**prepared), expected);

  const ModelArtifact company = testing::TrainOn(testing::MakeCompanyBureauData());
  prepared = PrepareScoringModel(company);
  ASSERT_TRUE(prepared.ok()) << prepared.error().ToString();
  const features::CreditFileParts parts = PartsRead(**prepared);
  EXPECT_TRUE(features::CreditFileParts({Part::kFinancialStatements, Part::kPublicRecords})
                  .Covers(parts));
  EXPECT_FALSE(parts.Has(Part::kInquiries));
}

}  // namespace
}  // namespace credo::model
