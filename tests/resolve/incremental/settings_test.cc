// Incremental settings: defaults, the TOML configuration and its errors, persistence in the
// bureau (SQLite and PostgreSQL), and the model file.
#include "resolve/incremental/settings.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "incremental_test_support.h"
#include "resolve/incremental/subject_comparison.h"

namespace credo::resolve {
namespace {

using testing::IsOk;

TEST(IncrementalSettingsTest, DefaultsAreOffWithDocumentedThresholds) {
  IncrementalSettings settings;
  EXPECT_FALSE(settings.enabled);
  EXPECT_DOUBLE_EQ(settings.upper_probability, 0.99);
  EXPECT_DOUBLE_EQ(settings.lower_probability, 0.5);
  EXPECT_TRUE(IsOk(settings.Validate()));
  EXPECT_NE(FormatIncrementalSettings(settings).find("off (strong identifiers only)"),
            std::string::npos);
}

TEST(IncrementalSettingsTest, TomlSetsTheKnownKeys) {
  auto settings = ApplyIncrementalConfig(IncrementalSettings{}, R"(
[incremental]
enabled = true
upper_probability = 0.97
lower_probability = 0.6
max_candidates = 20
max_block_size = 50
)",
                                         "resolve.toml");
  ASSERT_TRUE(settings.ok()) << settings.error().ToString();
  EXPECT_TRUE(settings->enabled);
  EXPECT_DOUBLE_EQ(settings->upper_probability, 0.97);
  EXPECT_DOUBLE_EQ(settings->lower_probability, 0.6);
  EXPECT_EQ(settings->max_candidates, 20u);
  EXPECT_EQ(settings->max_block_size, 50u);
}

TEST(IncrementalSettingsTest, BadConfigurationsNameTheKeyAndTheRule) {
  struct Case {
    const char* text;
    const char* expected;
  } cases[] = {
      {"[incremental]\nupper_probability = 0.4\nlower_probability = 0.6\n", "lower_probability"},
      {"[incremental]\nupper_probability = 1.5\n", "upper_probability must be in (0, 1]"},
      {"[incremental]\nenabled = \"yes\"\n", "enabled must be true or false"},
      {"[incremental]\nthreshold = 0.9\n", "threshold is not a known key"},
      {"[incremental]\nmax_candidates = 0\n", "max_candidates must be a positive integer"},
      {"[other]\nx = 1\n", "no [incremental] table"},
      {"[incremental\n", "not valid TOML"},
      {"[incremental]\nmodel = \"missing-model.json\"\n", "cannot read the model file"},
  };
  for (const Case& c : cases) {
    auto settings = ApplyIncrementalConfig(IncrementalSettings{}, c.text, "/tmp/resolve.toml");
    ASSERT_FALSE(settings.ok()) << c.text;
    EXPECT_NE(settings.error().ToString().find(c.expected), std::string::npos)
        << settings.error().ToString();
  }
}

TEST(IncrementalSettingsTest, AModelFileIsReadRelativeToTheConfiguration) {
  auto directory = std::filesystem::temp_directory_path() /
                   ("credo_resolve_settings_" + std::to_string(::getpid()));
  std::filesystem::create_directories(directory);
  {
    std::ofstream model(directory / "model.json");
    model << DefaultSubjectModel().ToJson();
    std::ofstream config(directory / "resolve.toml");
    config << "[incremental]\nenabled = true\nmodel = \"model.json\"\n";
  }
  auto settings =
      ApplyIncrementalConfigFile(IncrementalSettings{}, (directory / "resolve.toml").string());
  std::filesystem::remove_all(directory);
  ASSERT_TRUE(settings.ok()) << settings.error().ToString();
  ASSERT_TRUE(settings->model.has_value());
  EXPECT_EQ(settings->model->fields.size(), 10u);
  EXPECT_EQ(settings->model_source, "file model.json");
}

// A model of another schema (here: every field renamed) passes FsModel::FromJson but weighs
// none of the fields subjects are compared on: the settings are refused, naming the model.
FsModel ModelOfAnotherSchema() {
  FsModel model = DefaultSubjectModel();
  for (FieldModel& field : model.fields) field.name = "rec_" + field.name;
  return model;
}

TEST(IncrementalSettingsTest, AModelThatDoesNotFitTheSubjectsIsRefused) {
  IncrementalSettings settings;
  settings.enabled = true;
  settings.model = ModelOfAnotherSchema();
  settings.model_source = "file wrong.json";
  Status refused = settings.Validate();
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
  const std::string message = refused.error().ToString();
  EXPECT_NE(message.find("model (file wrong.json)"), std::string::npos) << message;
  EXPECT_NE(message.find("weighs none of the fields"), std::string::npos) << message;
  EXPECT_NE(message.find("rec_given_name"), std::string::npos) << message;

  // A field of the schema with the wrong number of levels is named.
  settings.model = DefaultSubjectModel();
  const std::string first = settings.model->fields[0].name;
  settings.model->fields[0].m.pop_back();
  settings.model->fields[0].u.pop_back();
  refused = settings.Validate();
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().ToString().find("model field '" + first + "'"), std::string::npos)
      << refused.error().ToString();

  // The company model is checked against the company schema.
  settings.model.reset();
  settings.company_model = ModelOfAnotherSchema();
  settings.company_model_source = "test company model";
  refused = settings.Validate();
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().ToString().find("company_model (test company model)"),
            std::string::npos)
      << refused.error().ToString();
  settings.company_model = DefaultCompanyModel();
  EXPECT_TRUE(IsOk(settings.Validate()));

  // Through a configuration file, as `credo er configure --config` reads it.
  auto directory = std::filesystem::temp_directory_path() /
                   ("credo_resolve_wrong_model_" + std::to_string(::getpid()));
  std::filesystem::create_directories(directory);
  {
    std::ofstream model(directory / "wrong.json");
    model << ModelOfAnotherSchema().ToJson();
    std::ofstream config(directory / "resolve.toml");
    config << "[incremental]\nenabled = true\nmodel = \"wrong.json\"\n";
  }
  auto configured =
      ApplyIncrementalConfigFile(IncrementalSettings{}, (directory / "resolve.toml").string());
  std::filesystem::remove_all(directory);
  ASSERT_FALSE(configured.ok());
  EXPECT_NE(configured.error().ToString().find("file wrong.json"), std::string::npos)
      << configured.error().ToString();
}

class SettingsStoreTest : public testing::ResolveBureauTest {};

TEST_P(SettingsStoreTest, AModelThatDoesNotFitIsNotSavedAndTheStoredSettingsStay) {
  IncrementalSettings settings;
  settings.enabled = true;
  settings.model = DefaultSubjectModel();
  settings.model_source = "test model";
  ASSERT_TRUE(IsOk(store_->WithTransaction([&](Transaction& txn) -> Status {
    return SaveIncrementalSettings(txn, settings, 1780000000);
  })));
  IncrementalSettings wrong = settings;
  wrong.model = ModelOfAnotherSchema();
  wrong.model_source = "file wrong.json";
  Status refused = store_->WithTransaction([&](Transaction& txn) -> Status {
    return SaveIncrementalSettings(txn, wrong, 1780000001);
  });
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(refused.error().ToString().find("file wrong.json"), std::string::npos)
      << refused.error().ToString();
  ASSERT_TRUE(IsOk(store_->WithReadTransaction([&](Transaction& txn) -> Status {
    CREDO_ASSIGN_OR_RETURN(IncrementalSettings loaded, LoadIncrementalSettings(txn));
    EXPECT_TRUE(loaded.enabled);
    EXPECT_EQ(loaded.model_source, "test model");
    EXPECT_EQ(loaded.model ? loaded.model->ToJson() : "", DefaultSubjectModel().ToJson());
    // What ingestion builds from them still works.
    EXPECT_TRUE(PersonComparerFor(loaded).ok());
    return Ok();
  })));
}

TEST_P(SettingsStoreTest, SettingsRoundTripThroughTheBureauAndAreAudited) {
  IncrementalSettings settings;
  settings.enabled = true;
  settings.upper_probability = 0.975;
  settings.lower_probability = 0.3;
  settings.max_candidates = 7;
  settings.model = DefaultSubjectModel();
  settings.model_source = "test model";
  settings.company_model = DefaultCompanyModel();
  settings.company_model->fields[0].u[1] = 0.5;
  settings.company_model_source = "test company model";
  settings.common_values["surname"]["王"] = 0.071;
  settings.common_values["given_name"]["wei"] = 0.012;
  ASSERT_TRUE(IsOk(store_->WithTransaction([&](Transaction& txn) -> Status {
    return SaveIncrementalSettings(txn, settings, 1780000000);
  })));
  ASSERT_TRUE(IsOk(store_->WithReadTransaction([&](Transaction& txn) -> Status {
    CREDO_ASSIGN_OR_RETURN(IncrementalSettings loaded, LoadIncrementalSettings(txn));
    EXPECT_TRUE(loaded.enabled);
    EXPECT_DOUBLE_EQ(loaded.upper_probability, 0.975);
    EXPECT_DOUBLE_EQ(loaded.lower_probability, 0.3);
    EXPECT_EQ(loaded.max_candidates, 7u);
    EXPECT_TRUE(loaded.model.has_value());
    EXPECT_EQ(loaded.model_source, "test model");
    EXPECT_EQ(loaded.company_model ? loaded.company_model->ToJson() : "",
              settings.company_model->ToJson());
    EXPECT_EQ(loaded.company_model_source, "test company model");
    EXPECT_NE(FormatIncrementalSettings(loaded).find("company model:          test company model"),
              std::string::npos);
    EXPECT_EQ(loaded.common_values, settings.common_values);
    EXPECT_NE(FormatIncrementalSettings(loaded).find("common name values:     2"),
              std::string::npos);
    CREDO_ASSIGN_OR_RETURN(auto audit, txn.ListAudit(0, 1000));
    bool found = false;
    for (const auto& entry : audit) found = found || entry.action == "resolve.settings";
    EXPECT_TRUE(found);
    return Ok();
  })));
  // Invalid settings are refused and leave the stored ones alone.
  settings.lower_probability = 0.999;
  Status refused = store_->WithTransaction([&](Transaction& txn) -> Status {
    return SaveIncrementalSettings(txn, settings, 1780000001);
  });
  EXPECT_FALSE(refused.ok());
  ASSERT_TRUE(IsOk(store_->WithReadTransaction([&](Transaction& txn) -> Status {
    CREDO_ASSIGN_OR_RETURN(IncrementalSettings loaded, LoadIncrementalSettings(txn));
    EXPECT_DOUBLE_EQ(loaded.lower_probability, 0.3);
    return Ok();
  })));
}

INSTANTIATE_TEST_SUITE_P(Backends, SettingsStoreTest,
                         ::testing::Values(StoreBackend::kSqlite, StoreBackend::kPostgres),
                         credo::testing::BackendName);

}  // namespace
}  // namespace credo::resolve
