// The registry contract, run by the same test bodies on the file registry and on the store
// registry (SQLite, and PostgreSQL when CREDO_TEST_PG_URL is set), plus what only the store
// registry does: audit entries in the same transaction, product checks, nothing changed by a
// refused call.
#include "model/store_registry.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "model/products.h"
#include "scoring_test_support.h"

namespace credo::model {
namespace {

using credo::testing::TestBureau;

enum class RegistryKind { kFile, kStoreSqlite, kStorePostgres };

std::string KindName(const ::testing::TestParamInfo<RegistryKind>& info) {
  switch (info.param) {
    case RegistryKind::kFile:
      return "File";
    case RegistryKind::kStoreSqlite:
      return "StoreSqlite";
    case RegistryKind::kStorePostgres:
      return "StorePostgres";
  }
  return "Unknown";
}

class RegistryContractTest : public ::testing::TestWithParam<RegistryKind> {
 protected:
  void SetUp() override {
    if (GetParam() == RegistryKind::kFile) {
      folder_ = std::filesystem::temp_directory_path() /
                credo::testing::UniqueName("credo_file_registry_");
      auto opened = FileModelRegistry::Open(folder_.string());
      ASSERT_TRUE(opened.ok()) << opened.error().ToString();
      registry_ = std::move(opened).value();
      return;
    }
    const StoreBackend backend = GetParam() == RegistryKind::kStoreSqlite
                                     ? StoreBackend::kSqlite
                                     : StoreBackend::kPostgres;
    CREDO_SKIP_IF_NO_PG(backend);
    bureau_ = std::make_unique<TestBureau>(backend);
    store_ = bureau_->Open();
    ASSERT_NE(store_, nullptr);
    auto opened = StoreModelRegistry::Open(*store_);
    ASSERT_TRUE(opened.ok()) << opened.error().ToString();
    registry_ = std::move(opened).value();
  }
  void TearDown() override {
    registry_.reset();
    store_.reset();
    bureau_.reset();
    if (!folder_.empty()) std::filesystem::remove_all(folder_);
  }

  ModelRegistry& registry() { return *registry_; }

  static const ModelArtifact& First() {
    static const ModelArtifact artifact = testing::TrainOn(testing::MakePersonBureauData(1500, 1));
    return artifact;
  }
  static const ModelArtifact& Second() {
    static const ModelArtifact artifact = testing::TrainOn(testing::MakePersonBureauData(1500, 2));
    return artifact;
  }

  std::filesystem::path folder_;
  std::unique_ptr<TestBureau> bureau_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<ModelRegistry> registry_;
};

TEST_P(RegistryContractTest, RegisterIsIdempotentAndRefusesAClashingId) {
  ASSERT_NE(First().model_id, Second().model_id);
  ASSERT_TRUE(registry().Register(First(), "analyst", "2026-01-01T00:00:00Z").ok());
  ASSERT_TRUE(registry().Register(Second(), "analyst", "2026-01-02T00:00:00Z").ok());
  EXPECT_TRUE(registry().Register(First(), "analyst", "2026-01-03T00:00:00Z").ok());
  ModelArtifact clash = Second();
  clash.model_id = First().model_id;
  EXPECT_EQ(registry().Register(clash, "analyst", "t").error().code, ErrorCode::kAlreadyExists);
  ModelArtifact bad_id = First();
  bad_id.model_id = "../escape";
  EXPECT_EQ(registry().Register(bad_id, "analyst", "t").error().code,
            ErrorCode::kInvalidArgument);

  auto ids = registry().ModelIds();
  ASSERT_TRUE(ids.ok());
  std::vector<std::string> expected{First().model_id, Second().model_id};
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(*ids, expected);
  auto events = registry().Events();
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 2u);  // the repeated registration added nothing
  EXPECT_EQ((*events)[0].action, "register");
  EXPECT_EQ((*events)[0].model_id, First().model_id);
  EXPECT_EQ((*events)[0].actor, "analyst");
  EXPECT_EQ((*events)[0].at, "2026-01-01T00:00:00Z");
}

TEST_P(RegistryContractTest, GetReturnsTheArtifactWhole) {
  ASSERT_TRUE(registry().Register(First(), "analyst", "2026-01-01T00:00:00Z").ok());
  auto loaded = registry().Get(First().model_id);
  ASSERT_TRUE(loaded.ok()) << loaded.error().ToString();
  EXPECT_EQ(ArtifactToJson(*loaded)->dump(), ArtifactToJson(First())->dump());
  EXPECT_EQ(registry().Get("no-such-model").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(registry().Get("bad/id").error().code, ErrorCode::kInvalidArgument);
}

TEST_P(RegistryContractTest, ActivateAndRollBackPerProduct) {
  ASSERT_TRUE(registry().Register(First(), "analyst", "2026-01-01T00:00:00Z").ok());
  ASSERT_TRUE(registry().Register(Second(), "analyst", "2026-01-01T00:00:01Z").ok());
  EXPECT_EQ(registry().ActiveModelId("person_score").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(registry().Rollback("person_score", "lead", "nothing yet", "t").error().code,
            ErrorCode::kFailedPrecondition);

  ASSERT_TRUE(
      registry().Activate("person_score", First().model_id, "lead", "first model", "t1").ok());
  EXPECT_EQ(*registry().ActiveModelId("person_score"), First().model_id);
  // One active model per product: another product is independent.
  ASSERT_TRUE(registry().Activate("card_score", Second().model_id, "lead", "cards", "t2").ok());
  EXPECT_EQ(*registry().ActiveModelId("person_score"), First().model_id);
  EXPECT_EQ(*registry().ActiveModelId("card_score"), Second().model_id);
  EXPECT_EQ(registry().Rollback("person_score", "lead", "only one", "t").error().code,
            ErrorCode::kFailedPrecondition);

  ASSERT_TRUE(
      registry().Activate("person_score", Second().model_id, "lead", "challenger won", "t3").ok());
  EXPECT_EQ(*registry().ActiveModelId("person_score"), Second().model_id);
  EXPECT_EQ(registry().Rollback("person_score", "lead", "", "t4").error().code,
            ErrorCode::kInvalidArgument);
  ASSERT_TRUE(registry().Rollback("person_score", "lead", "PSI above 0.25", "t5").ok());
  EXPECT_EQ(*registry().ActiveModelId("person_score"), First().model_id);
  EXPECT_EQ(*registry().ActiveModelId("card_score"), Second().model_id);

  auto events = registry().Events();
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 6u);
  const RegistryEvent& rollback = events->back();
  EXPECT_EQ(rollback.action, "rollback");
  EXPECT_EQ(rollback.product, "person_score");
  EXPECT_EQ(rollback.model_id, First().model_id);
  EXPECT_EQ(rollback.reason, "PSI above 0.25");
  EXPECT_EQ(rollback.actor, "lead");
  EXPECT_EQ(rollback.at, "t5");
}

TEST_P(RegistryContractTest, RefusedActivationsChangeNothing) {
  ASSERT_TRUE(registry().Register(First(), "analyst", "2026-01-01T00:00:00Z").ok());
  ASSERT_TRUE(registry().Activate("person_score", First().model_id, "lead", "first", "t1").ok());
  const size_t events_before = registry().Events()->size();
  EXPECT_EQ(registry().Activate("person_score", "unknown-model", "lead", "why", "t").error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(registry().Activate("person_score", First().model_id, "lead", "", "t").error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(registry().Activate("", First().model_id, "lead", "why", "t").error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(registry().Events()->size(), events_before);
  EXPECT_EQ(*registry().ActiveModelId("person_score"), First().model_id);
}

INSTANTIATE_TEST_SUITE_P(Registries, RegistryContractTest,
                         ::testing::Values(RegistryKind::kFile, RegistryKind::kStoreSqlite,
                                           RegistryKind::kStorePostgres),
                         KindName);

// What only the store registry does.
class StoreRegistryTest : public ::testing::TestWithParam<StoreBackend> {
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
  std::vector<AuditEntry> ModelAudit() {
    std::vector<AuditEntry> entries;
    Status status = store_->WithReadTransaction([&](Transaction& tx) -> Status {
      CREDO_ASSIGN_OR_RETURN(std::vector<AuditEntry> all, tx.ListAudit(0, 100000));
      for (AuditEntry& entry : all) {
        if (entry.action.rfind("model.", 0) == 0) entries.push_back(std::move(entry));
      }
      return Ok();
    });
    EXPECT_TRUE(status.ok()) << status.error().ToString();
    return entries;
  }
  std::unique_ptr<TestBureau> bureau_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<StoreModelRegistry> registry_;
};

TEST_P(StoreRegistryTest, EveryEventIsAuditedWithActorAndReason) {
  const ModelArtifact first = testing::TrainOn(testing::MakePersonBureauData(1500, 1));
  const ModelArtifact second = testing::TrainOn(testing::MakePersonBureauData(1500, 2));
  ASSERT_TRUE(registry_->Register(first, "analyst.li", "2026-01-01T00:00:00Z").ok());
  ASSERT_TRUE(registry_->Register(second, "analyst.li", "2026-01-01T00:00:01Z").ok());
  ASSERT_TRUE(
      registry_->Activate("person_score", first.model_id, "lead.wang", "approved", "t1").ok());
  ASSERT_TRUE(
      registry_->Activate("person_score", second.model_id, "lead.wang", "recalibrated", "t2").ok());
  ASSERT_TRUE(registry_->Rollback("person_score", "lead.wang", "drift", "t3").ok());
  std::vector<AuditEntry> audit = ModelAudit();
  ASSERT_EQ(audit.size(), 5u);
  EXPECT_EQ(audit[0].action, "model.register");
  EXPECT_EQ(audit[0].actor, "analyst.li");
  EXPECT_EQ(audit[2].action, "model.activate");
  EXPECT_EQ(audit[4].action, "model.rollback");
  EXPECT_EQ(audit[4].actor, "lead.wang");
  auto detail = nlohmann::json::parse(audit[4].detail);
  EXPECT_EQ(detail["product"], "person_score");
  EXPECT_EQ(detail["model_id"], first.model_id);
  EXPECT_EQ(detail["reason"], "drift");
  auto chain = store_->VerifyAuditChain();
  ASSERT_TRUE(chain.ok());
  EXPECT_TRUE(chain->intact) << chain->problem;

  // The active model and the digest of its artifact come through a caller's transaction too.
  Status status = store_->WithReadTransaction([&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(ActiveModel active,
                           StoreModelRegistry::ActiveModelIn(tx, "person_score"));
    EXPECT_EQ(active.model_id, first.model_id);
    CREDO_ASSIGN_OR_RETURN(std::string json,
                           StoreModelRegistry::ArtifactJsonIn(tx, first.model_id));
    EXPECT_EQ(active.digest, ContentDigest(json));
    return Ok();
  });
  EXPECT_TRUE(status.ok()) << status.error().ToString();
}

TEST_P(StoreRegistryTest, AModelForTheOtherKindOfSubjectIsRefusedAndNothingChanges) {
  const ModelArtifact person = testing::TrainOn(testing::MakePersonBureauData(1500, 1));
  const ModelArtifact company = testing::TrainOn(testing::MakeCompanyBureauData(1500, 1));
  ASSERT_TRUE(registry_->Register(person, "analyst", "t0").ok());
  ASSERT_TRUE(registry_->Register(company, "analyst", "t0").ok());
  ASSERT_TRUE(registry_->Activate("person_score", person.model_id, "lead", "go", "t1").ok());
  const size_t audit_before = ModelAudit().size();

  auto refused = registry_->Activate("person_score", company.model_id, "lead", "oops", "t2");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(refused.error().message.find("liabilities_to_assets"), std::string::npos)
      << refused.error().message;
  EXPECT_NE(refused.error().message.find("scores persons"), std::string::npos);
  refused = registry_->Activate("company_rating", person.model_id, "lead", "oops", "t2");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(registry_->Activate("bad product!", person.model_id, "lead", "x", "t").error().code,
            ErrorCode::kInvalidArgument);

  EXPECT_EQ(*registry_->ActiveModelId("person_score"), person.model_id);
  EXPECT_EQ(registry_->ActiveModelId("company_rating").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(ModelAudit().size(), audit_before);
  EXPECT_EQ(registry_->Events()->size(), 3u);
  ASSERT_TRUE(registry_->Activate("company_rating", company.model_id, "lead", "go", "t3").ok());
}

TEST_P(StoreRegistryTest, AStoredArtifactEditedIntoNonsenseIsReportedByName) {
  const ModelArtifact person = testing::TrainOn(testing::MakePersonBureauData(1500, 1));
  ASSERT_TRUE(registry_->Register(person, "analyst", "t0").ok());
  ASSERT_EQ(bureau_->RawSql("UPDATE model_artifacts SET artifact = '{\"format\": \"credo-model\"'"),
            "");
  auto loaded = registry_->Get(person.model_id);
  ASSERT_FALSE(loaded.ok());
  EXPECT_NE(loaded.error().ToString().find("model_artifacts/" + person.model_id),
            std::string::npos)
      << loaded.error().ToString();
}

TEST_P(StoreRegistryTest, ReopeningKeepsEverything) {
  const ModelArtifact person = testing::TrainOn(testing::MakePersonBureauData(1500, 1));
  ASSERT_TRUE(registry_->Register(person, "analyst", "t0").ok());
  ASSERT_TRUE(registry_->Activate("person_score", person.model_id, "lead", "go", "t1").ok());
  registry_.reset();
  store_.reset();
  store_ = bureau_->Open();
  auto reopened = StoreModelRegistry::Open(*store_);
  ASSERT_TRUE(reopened.ok()) << reopened.error().ToString();
  EXPECT_EQ(*(*reopened)->ActiveModelId("person_score"), person.model_id);
  EXPECT_EQ((*reopened)->Events()->size(), 2u);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreRegistryTest,
                         ::testing::Values(StoreBackend::kSqlite, StoreBackend::kPostgres),
                         credo::testing::BackendName);

TEST(ProductsTest, KnownProductsHaveTheirSubjectKind) {
  auto person = DescribeProduct("person_score");
  ASSERT_TRUE(person.ok());
  EXPECT_EQ(person->subject_kind, SubjectKind::kPerson);
  EXPECT_FALSE(person->graded);
  auto company = DescribeProduct("company_rating");
  ASSERT_TRUE(company.ok());
  EXPECT_EQ(company->subject_kind, SubjectKind::kOrganization);
  EXPECT_TRUE(company->graded);
  auto own = DescribeProduct("card_score");
  ASSERT_TRUE(own.ok());
  EXPECT_FALSE(own->subject_kind.has_value());
  EXPECT_EQ(DescribeProduct("").error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(DescribeProduct("a b").error().code, ErrorCode::kInvalidArgument);
}

TEST(ProductsTest, ContentDigestIsStableAndSensitive) {
  EXPECT_EQ(ContentDigest("abc"), ContentDigest("abc"));
  EXPECT_NE(ContentDigest("abc"), ContentDigest("abd"));
  EXPECT_EQ(ContentDigest("").size(), std::string("fnv1a64:").size() + 16);
}

}  // namespace
}  // namespace credo::model
