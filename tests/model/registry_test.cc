#include "model/registry.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "model/trainer.h"
#include "test_data.h"

namespace credo::model {
namespace {

TEST(RegistryTest, RegisterActivateRollbackWithAuditedEvents) {
  // Its own folder per process: two test runs on one machine must not share it.
  std::string folder = (std::filesystem::temp_directory_path() /
                        ("credo_registry_test_" + std::to_string(getpid())))
                           .string();
  std::filesystem::remove_all(folder);
  auto registry = FileModelRegistry::Open(folder);
  ASSERT_TRUE(registry.ok()) << registry.error().ToString();
  TrainOptions options;
  auto first = TrainModel(testing::MakeCreditData(2000, 1), options);
  auto second = TrainModel(testing::MakeCreditData(2000, 2), options);
  ASSERT_NE(first->model_id, second->model_id);
  ASSERT_TRUE((*registry)->Register(*first, "analyst", "2026-01-01T00:00:00Z").ok());
  ASSERT_TRUE((*registry)->Register(*second, "analyst", "2026-01-02T00:00:00Z").ok());
  EXPECT_TRUE((*registry)->Register(*first, "analyst", "2026-01-03T00:00:00Z").ok());  // same
  ModelArtifact clash = *second;
  clash.model_id = first->model_id;
  EXPECT_EQ((*registry)->Register(clash, "analyst", "t").error().code, ErrorCode::kAlreadyExists);

  EXPECT_EQ((*registry)->ActiveModelId("personal").error().code, ErrorCode::kNotFound);
  EXPECT_FALSE((*registry)->Activate("personal", first->model_id, "lead", "", "t").ok());
  ASSERT_TRUE((*registry)->Activate("personal", first->model_id, "lead", "validated", "t1").ok());
  ASSERT_TRUE((*registry)->Activate("personal", second->model_id, "lead", "challenger won", "t2").ok());
  EXPECT_EQ(*(*registry)->ActiveModelId("personal"), second->model_id);
  ASSERT_TRUE((*registry)->Rollback("personal", "lead", "drift", "t3").ok());
  EXPECT_EQ(*(*registry)->ActiveModelId("personal"), first->model_id);
  EXPECT_EQ((*registry)->Rollback("personal", "lead", "again", "t4").error().code,
            ErrorCode::kFailedPrecondition);
  auto events = (*registry)->Events();
  ASSERT_EQ(events->size(), 5u);  // 2 register, 2 activate, 1 rollback
  EXPECT_EQ(events->back().action, "rollback");
  EXPECT_EQ(events->back().reason, "drift");
  EXPECT_EQ((*registry)->ModelIds()->size(), 2u);
  auto loaded = (*registry)->Get(first->model_id);
  ASSERT_TRUE(loaded.ok());
  EXPECT_EQ(loaded->model_id, first->model_id);
  EXPECT_EQ((*registry)->Get("../etc/passwd").error().code, ErrorCode::kInvalidArgument);
  std::filesystem::remove_all(folder);
}

}  // namespace
}  // namespace credo::model
