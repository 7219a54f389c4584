#include "model/artifact.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "model/csv.h"
#include "model/trainer.h"
#include "test_data.h"

namespace credo::model {
namespace {

ModelArtifact Trained(ModelKind kind = ModelKind::kScorecard) {
  TrainOptions options;
  options.kind = kind;
  options.gbdt.trees = 20;
  options.gbdt.threads = 1;
  return *TrainModel(testing::MakeCreditData(3000), options);
}

std::string TempPath(const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("credo_artifact_test_" + name)).string();
}

TEST(ArtifactTest, SavesAndLoadsBothKinds) {
  for (ModelKind kind : {ModelKind::kScorecard, ModelKind::kGbdt}) {
    ModelArtifact artifact = Trained(kind);
    std::string path = TempPath(std::string(ModelKindName(kind)) + ".json");
    ASSERT_TRUE(SaveArtifact(artifact, path).ok());
    auto loaded = LoadArtifact(path);
    ASSERT_TRUE(loaded.ok()) << loaded.error().ToString();
    EXPECT_EQ(ArtifactToJson(*loaded)->dump(), ArtifactToJson(artifact)->dump());
    Dataset data = testing::MakeCreditData(200);
    auto a = ScoreModel(artifact, data);
    auto b = ScoreModel(*loaded, data);
    for (size_t i = 0; i < data.rows; ++i) EXPECT_DOUBLE_EQ(a->rows[i].pd, b->rows[i].pd);
    std::filesystem::remove(path);
  }
}

TEST(ArtifactTest, KeepsTheScoreRangeAndRefusesABrokenOne) {
  ModelArtifact artifact = Trained();
  artifact.scaling.score_floor = 300;
  artifact.scaling.score_ceiling = 900;
  nlohmann::json json = *ArtifactToJson(artifact);
  EXPECT_EQ(json["scaling"]["score_floor"], 300);
  auto loaded = ArtifactFromJson(json, "m.json");
  ASSERT_TRUE(loaded.ok()) << loaded.error().ToString();
  EXPECT_EQ(loaded->scaling.score_ceiling, 900);
  json["scaling"].erase("score_ceiling");
  auto broken = ArtifactFromJson(json, "m.json");
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.error().location, "m.json field scaling.score_floor");
  // A model written before ranges existed still loads, without one.
  json["scaling"].erase("score_floor");
  auto old = ArtifactFromJson(json, "m.json");
  ASSERT_TRUE(old.ok()) << old.error().ToString();
  EXPECT_FALSE(old->scaling.score_floor.has_value());
}

TEST(ArtifactTest, RefusesNewerFormat) {
  nlohmann::json json = *ArtifactToJson(Trained());
  json["format_version"] = kModelFormatVersion + 1;
  auto loaded = ArtifactFromJson(json, "m.json");
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.error().code, ErrorCode::kVersionMismatch);
  EXPECT_EQ(loaded.error().location, "m.json field format_version");
}

TEST(ArtifactTest, RefusesHandEditsThatBreakConsistency) {
  nlohmann::json json = *ArtifactToJson(Trained());
  nlohmann::json edited = json;
  edited["scorecard"]["characteristics"][0]["points"][1] = 999.0;
  auto points = ArtifactFromJson(edited, "m.json");
  ASSERT_FALSE(points.ok());
  EXPECT_EQ(points.error().location, "m.json field scorecard.characteristics[0].points[1]");

  edited = json;
  edited["scorecard"]["characteristics"][0]["variable"] = "not_an_attribute";
  edited["scorecard"]["characteristics"][0]["binning"]["variable"] = "not_an_attribute";
  EXPECT_EQ(ArtifactFromJson(edited, "m.json").error().location,
            "m.json field scorecard.characteristics[0].variable");

  edited = json;
  edited["scorecard"]["characteristics"][0]["binning"]["bins"][1]["lower"] = -5.0;
  auto bins = ArtifactFromJson(edited, "m.json");
  ASSERT_FALSE(bins.ok());
  EXPECT_NE(bins.error().location.find("scorecard.characteristics[0].binning"), std::string::npos);

  edited = json;
  edited["scaling"]["pdo"] = -1;
  EXPECT_EQ(ArtifactFromJson(edited, "m.json").error().location, "m.json field scaling.pdo");

  edited = json;
  edited.erase("attributes");
  EXPECT_EQ(ArtifactFromJson(edited, "m.json").error().location, "m.json field attributes");
  EXPECT_FALSE(ParseArtifact("{", "m.json").ok());
}

TEST(ArtifactTest, AtomicWriteLeavesNoPartialFile) {
  std::string path = TempPath("atomic.txt");
  ASSERT_TRUE(WriteFileAtomically(path, "first").ok());
  ASSERT_TRUE(WriteFileAtomically(path, "second").ok());
  EXPECT_EQ(*ReadWholeFile(path), "second");
  EXPECT_FALSE(WriteFileAtomically("/nonexistent/dir/x.json", "x").ok());
  EXPECT_FALSE(std::filesystem::exists("/nonexistent/dir/x.json"));
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace credo::model
