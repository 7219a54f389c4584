// Shared set-up for the registry, subject-scoring and score-history tests: small models trained
// on synthetic data whose columns carry the bureau's attribute names, a bureau on SQLite or
// PostgreSQL (tests/store's TestBureau), and stored persons with known attributes.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "features/compute.h"
#include "file_builder.h"  // tests/features: MakeTradeline, MakeInquiry
#include "model/trainer.h"
#include "store/store.h"
#include "store_test_support.h"  // tests/store: TestBureau on SQLite or PostgreSQL
#include "test_data.h"

namespace credo::model::testing {

inline const Date kScoringAsOf = Date::ParseIso("2026-01-31").value();

//! MakeCreditData with the bureau's person attribute names: revolving_utilization (risk rises
//! with it), inquiries_6m (mild), tradelines_open (noise); the categorical column is dropped.
inline Dataset MakePersonBureauData(size_t n = 3000, uint64_t seed = 7) {
  Dataset data = MakeCreditData(n, seed);
  data.columns[0].name = "revolving_utilization";
  data.columns[2].name = "inquiries_6m";
  data.columns[3].name = "tradelines_open";
  for (double& value : data.columns[3].numbers) value = std::round(value * 8);
  data.columns.erase(data.columns.begin() + 1);
  return data;
}

//! The same signal under company attribute names (a model for company_rating).
inline Dataset MakeCompanyBureauData(size_t n = 3000, uint64_t seed = 7) {
  Dataset data = MakePersonBureauData(n, seed);
  data.columns[0].name = "liabilities_to_assets";
  data.columns[1].name = "judgments_total";
  data.columns[2].name = "current_ratio";
  return data;
}

inline ModelArtifact TrainOn(const Dataset& data, ModelKind kind = ModelKind::kScorecard) {
  TrainOptions options;
  options.kind = kind;
  options.created_at = "2026-01-01T00:00:00Z";
  if (kind == ModelKind::kGbdt) {
    options.gbdt.trees = 30;
    options.gbdt.threads = 1;
  }
  auto artifact = TrainModel(data, options);
  EXPECT_TRUE(artifact.ok()) << artifact.error().ToString();
  return artifact.ok() ? std::move(artifact).value() : ModelArtifact{};
}

//! A stored person with one revolving card (balance/limit = utilisation) and `inquiries` hard
//! inquiries in the last six months before kScoringAsOf. Returns the subject id.
inline SubjectId AddScoredPerson(Store& store, const std::string& name, int64_t balance,
                                 int64_t limit, int inquiries) {
  SubjectId id = 0;
  Status status = store.WithTransaction([&](Transaction& tx) -> Status {
    Subject subject;
    subject.kind = SubjectKind::kPerson;
    subject.person.full_name = name;
    CREDO_ASSIGN_OR_RETURN(id, tx.InsertSubject(subject));
    Tradeline card = features::testing::MakeTradeline(AccountKind::kRevolving, "2019-03-01",
                                                      "2025-12-31", "000000", balance, limit);
    card.subject_id = id;
    CREDO_TRY(tx.UpsertTradeline(card, 0));
    for (int i = 0; i < inquiries; ++i) {
      Inquiry inquiry = features::testing::MakeInquiry(
          "Lender " + std::to_string(i), Date::ParseIso("2025-12-01").value().AddDays(-20 * i).ToIso());
      inquiry.subject_id = id;
      CREDO_TRY(tx.InsertInquiry(inquiry));
    }
    return Ok();
  });
  EXPECT_TRUE(status.ok()) << status.error().ToString();
  return id;
}

inline SubjectId AddCompany(Store& store, const std::string& name) {
  return features::testing::InsertCompany(store, name);
}

//! The subject's attributes as the scorer sees them.
inline features::AttributeSet AttributesOf(Store& store, SubjectId id, Date as_of = kScoringAsOf) {
  auto set = features::ComputeAttributesForSubject(store, id, as_of);
  EXPECT_TRUE(set.ok()) << set.error().ToString();
  return set.ok() ? std::move(set).value() : features::AttributeSet{};
}

}  // namespace credo::model::testing
